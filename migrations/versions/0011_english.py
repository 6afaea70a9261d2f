"""english: the office's English wording beside its own (survey questions and answer labels, service names,
perception statements); empty means the Indonesian is shown

Revision ID: 0011_english
Revises: 0011_letterhead
Create Date: 2026-12-02 02:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011_english'
down_revision = '0011_letterhead'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('skm_pertanyaan', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pertanyaan_en', sa.Text(), nullable=True))
        for i in range(1, 5):
            batch_op.add_column(sa.Column(f'label_{i}_en', sa.String(length=100), nullable=True))
    with op.batch_alter_table('skm_layanan', schema=None) as batch_op:
        batch_op.add_column(sa.Column('nama_en', sa.String(length=200), nullable=True))
    with op.batch_alter_table('skm_persepsi_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('teks_en', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('skm_persepsi_item', schema=None) as batch_op:
        batch_op.drop_column('teks_en')
    with op.batch_alter_table('skm_layanan', schema=None) as batch_op:
        batch_op.drop_column('nama_en')
    with op.batch_alter_table('skm_pertanyaan', schema=None) as batch_op:
        for i in range(4, 0, -1):
            batch_op.drop_column(f'label_{i}_en')
        batch_op.drop_column('pertanyaan_en')
