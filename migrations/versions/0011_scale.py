"""scale: indexes for a ministry's size (1 000 000 complaints): the open queue by category, the monev counts
per period read from the index alone, the audit log by officer

Revision ID: 0011_scale
Revises: 0011_zi3
"""
from alembic import op

revision = '0011_scale'
down_revision = '0011_zi3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('pengaduan', schema=None, recreate='never') as batch_op:
        batch_op.create_index('ix_pengaduan_terbuka_kategori_batas_id', ['terbuka', 'kategori', 'batas', 'id'],
                              unique=False)
        batch_op.create_index('ix_pengaduan_tanggal_status_jenis_kanal',
                              ['tanggal_diterima', 'status', 'jenis', 'kanal'], unique=False)
    with op.batch_alter_table('audit_event', schema=None, recreate='never') as batch_op:
        batch_op.create_index('ix_audit_event_actor_then_id', ['actor', 'id'], unique=False)


def downgrade():
    with op.batch_alter_table('audit_event', schema=None, recreate='never') as batch_op:
        batch_op.drop_index('ix_audit_event_actor_then_id')
    with op.batch_alter_table('pengaduan', schema=None, recreate='never') as batch_op:
        batch_op.drop_index('ix_pengaduan_tanggal_status_jenis_kanal')
        batch_op.drop_index('ix_pengaduan_terbuka_kategori_batas_id')
