"""pengaduan: identity for the unit only by consent or recorded decision; dialihkan (where to, when)

Revision ID: 0010_pengaduan_fix
Revises: 0009_skm_fix
"""
import sqlalchemy as sa
from alembic import op

revision = '0010_pengaduan_fix'
down_revision = '0009_skm_fix'
branch_labels = None
depends_on = None
# columns this revision adds (and its downgrade drops): every row is kept, without them
REWRITES = {"pengaduan": ["boleh_diteruskan", "identitas_unit", "dialihkan_ke", "dialihkan_tanggal"]}


def upgrade():
    # recreate='never': plain ALTER TABLE, so SQLite does not rebuild the table (whose rebuild would
    # cascade-delete the nota dinas rows that reference it)
    with op.batch_alter_table('pengaduan', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('boleh_diteruskan', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('identitas_unit', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('dialihkan_ke', sa.String(length=300), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('dialihkan_tanggal', sa.Date(), nullable=True))


def downgrade():
    # recreate='never': plain ALTER TABLE, so SQLite does not rebuild the table (whose rebuild would
    # cascade-delete the nota dinas rows that reference it)
    with op.batch_alter_table('pengaduan', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('dialihkan_tanggal')
        batch_op.drop_column('dialihkan_ke')
        batch_op.drop_column('identitas_unit')
        batch_op.drop_column('boleh_diteruskan')
