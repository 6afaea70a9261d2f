"""nota dinas: klasifikasi apart from sifat; the tembusan kept with the record

Revision ID: 0011_letterhead
Revises: 0011_pii_rows
"""
import sqlalchemy as sa
from alembic import op

revision = '0011_letterhead'
down_revision = '0011_pii_rows'
branch_labels = None
depends_on = None
# "Segera, Rahasia" in sifat becomes sifat "Segera" + klasifikasi "Rahasia" (and back on downgrade)
REWRITES = {"pengaduan_nota_dinas": ["sifat", "klasifikasi", "tembusan"]}

_nd = sa.table("pengaduan_nota_dinas", sa.column("sifat", sa.String), sa.column("klasifikasi", sa.String))


def upgrade():
    # recreate='never': plain ALTER TABLE, no SQLite table rebuild
    with op.batch_alter_table('pengaduan_nota_dinas', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('klasifikasi', sa.String(length=20), nullable=False, server_default='Biasa'))
        batch_op.add_column(sa.Column('tembusan', sa.Text(), nullable=False, server_default=''))
    for sifat in ("Biasa", "Segera", "Sangat Segera"):
        op.execute(_nd.update().where(_nd.c.sifat == f"{sifat}, Rahasia").values(sifat=sifat, klasifikasi="Rahasia"))


def downgrade():
    op.execute(_nd.update().where(_nd.c.klasifikasi == "Rahasia").values(sifat=_nd.c.sifat + ", Rahasia"))
    with op.batch_alter_table('pengaduan_nota_dinas', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('tembusan')
        batch_op.drop_column('klasifikasi')
