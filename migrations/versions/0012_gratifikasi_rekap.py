"""gratifikasi: the UPG's next deadline kept on the report (tenggat_berikut), so the register's overdue and
near-deadline filters read it from an index instead of working it out for every report

Revision ID: 0012_gratifikasi_rekap
Revises: 0012_unit_en
"""
import sqlalchemy as sa
from alembic import op

revision = '0012_gratifikasi_rekap'
down_revision = '0012_unit_en'
branch_labels = None
depends_on = None

# what service._set_tenggat_berikut sets, for the reports already there (the statuses as of this revision)
_lap = sa.table("laporan_gratifikasi", sa.column("id", sa.Integer), sa.column("status", sa.String),
                sa.column("tenggat_teruskan", sa.Date), sa.column("tenggat_berikut", sa.Date))
_kpk = sa.table("kelengkapan_kpk_gratifikasi", sa.column("id", sa.Integer), sa.column("laporan_id", sa.Integer),
                sa.column("tenggat", sa.Date))


def upgrade():
    with op.batch_alter_table('laporan_gratifikasi', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('tenggat_berikut', sa.Date(), nullable=True))
        batch_op.create_index('ix_laporan_gratifikasi_tenggat_berikut_id', ['tenggat_berikut', 'id'], unique=False)
    op.execute(_lap.update().where(_lap.c.status.in_(("diterima", "perlu_dilengkapi", "diverifikasi")))
               .values(tenggat_berikut=_lap.c.tenggat_teruskan))
    latest = (sa.select(_kpk.c.tenggat).where(_kpk.c.laporan_id == _lap.c.id).order_by(_kpk.c.id.desc()).limit(1)
              .scalar_subquery())
    op.execute(_lap.update().where(_lap.c.status == "diminta_kpk").values(tenggat_berikut=latest))


def downgrade():
    with op.batch_alter_table('laporan_gratifikasi', schema=None, recreate='never') as batch_op:
        batch_op.drop_index('ix_laporan_gratifikasi_tenggat_berikut_id')
        batch_op.drop_column('tenggat_berikut')
