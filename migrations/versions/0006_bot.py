"""bot: conversation state table; outbox claims (claimed_until, claim_token, failed_at)

Revision ID: 0006_bot
Revises: 0010_pengaduan_fix
Create Date: 2026-12-01 21:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006_bot'
down_revision = '0010_pengaduan_fix'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('bot_state',
    sa.Column('kunci', sa.String(length=64), nullable=False),
    sa.Column('jenis', sa.String(length=40), nullable=False),
    sa.Column('kunci_segel', sa.Text(), nullable=False),
    sa.Column('isi', sa.Text(), nullable=False),
    sa.Column('diubah', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('kunci', name=op.f('pk_bot_state'))
    )
    with op.batch_alter_table('bot_state', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bot_state_jenis'), ['jenis'], unique=False)

    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claimed_until', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('claim_token', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('failed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index('ix_outbox_kirim', ['channel', 'sent_at', 'next_attempt_at'], unique=False)


def downgrade():
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_kirim')
        batch_op.drop_column('failed_at')
        batch_op.drop_column('claim_token')
        batch_op.drop_column('claimed_until')

    with op.batch_alter_table('bot_state', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bot_state_jenis'))

    op.drop_table('bot_state')
