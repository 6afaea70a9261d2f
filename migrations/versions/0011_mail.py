"""mail: the language of a complaint's e-mails; an officer's own choice of e-mail alerts

Revision ID: 0011_mail
Revises: 0011_english
"""
import sqlalchemy as sa
from alembic import op

revision = '0011_mail'
down_revision = '0011_english'
branch_labels = None
depends_on = None
# columns this revision adds (and its downgrade drops): every row is kept, without them
REWRITES = {"pengaduan": ["bahasa"], "user": ["kabar_surel"]}


def upgrade():
    # recreate='never': plain ALTER TABLE, so SQLite does not rebuild the tables (whose rebuild would
    # cascade-delete the rows that reference them)
    with op.batch_alter_table('pengaduan', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('bahasa', sa.String(length=5), nullable=False, server_default='id'))
    with op.batch_alter_table('user', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('kabar_surel', sa.Boolean(), nullable=True))


def downgrade():
    with op.batch_alter_table('user', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('kabar_surel')
    with op.batch_alter_table('pengaduan', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('bahasa')
