"""unit_en: a unit's English name for ?lang=en pages; empty means the Indonesian is shown (documents keep it)

Revision ID: 0012_unit_en
Revises: 0012_cari_judul
"""
from alembic import op
import sqlalchemy as sa

revision = '0012_unit_en'
down_revision = '0012_cari_judul'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('nama_en', sa.String(length=200), nullable=False, server_default=''))


def downgrade():
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.drop_column('nama_en')
