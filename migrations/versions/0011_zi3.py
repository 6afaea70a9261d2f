"""zi: nota dinas sending a monev report to a unit; monev meetings (undangan, notulen, daftar hadir, foto)
attached to a report

Revision ID: 0011_zi3
Revises: 0011_mail
"""
from alembic import op
import sqlalchemy as sa


revision = '0011_zi3'
down_revision = '0011_mail'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('zi_nota_dinas',
    sa.Column('bukti_id', sa.Integer(), nullable=False),
    sa.Column('laporan_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['bukti_id'], ['zi_bukti.id'], name=op.f('fk_zi_nota_dinas_bukti_id_zi_bukti'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['laporan_id'], ['zi_bukti.id'], name=op.f('fk_zi_nota_dinas_laporan_id_zi_bukti'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_zi_nota_dinas_unit_id_unit')),
    sa.PrimaryKeyConstraint('bukti_id', name=op.f('pk_zi_nota_dinas')),
    sa.UniqueConstraint('laporan_id', 'unit_id', name=op.f('uq_zi_nota_dinas_laporan_id_unit_id'))
    )
    with op.batch_alter_table('zi_nota_dinas', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_zi_nota_dinas_laporan_id'), ['laporan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_zi_nota_dinas_unit_id'), ['unit_id'], unique=False)
    op.create_table('zi_rapat',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('laporan_id', sa.Integer(), nullable=False),
    sa.Column('tanggal', sa.Date(), nullable=False),
    sa.Column('acara', sa.String(length=300), nullable=False),
    sa.Column('peserta', sa.Text(), nullable=False),
    sa.Column('notulen', sa.Text(), nullable=False),
    sa.Column('dibuat_oleh_id', sa.Integer(), nullable=True),
    sa.Column('dibuat_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['dibuat_oleh_id'], ['user.id'], name=op.f('fk_zi_rapat_dibuat_oleh_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['laporan_id'], ['zi_bukti.id'], name=op.f('fk_zi_rapat_laporan_id_zi_bukti'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_zi_rapat'))
    )
    with op.batch_alter_table('zi_rapat', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_zi_rapat_laporan_id'), ['laporan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_zi_rapat_tanggal'), ['tanggal'], unique=False)
    op.create_table('zi_rapat_bukti',
    sa.Column('rapat_id', sa.Integer(), nullable=False),
    sa.Column('bukti_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['bukti_id'], ['zi_bukti.id'], name=op.f('fk_zi_rapat_bukti_bukti_id_zi_bukti'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['rapat_id'], ['zi_rapat.id'], name=op.f('fk_zi_rapat_bukti_rapat_id_zi_rapat'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('rapat_id', 'bukti_id', name=op.f('pk_zi_rapat_bukti'))
    )


def downgrade():
    op.drop_table('zi_rapat_bukti')
    with op.batch_alter_table('zi_rapat', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_zi_rapat_tanggal'))
        batch_op.drop_index(batch_op.f('ix_zi_rapat_laporan_id'))
    op.drop_table('zi_rapat')
    with op.batch_alter_table('zi_nota_dinas', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_zi_nota_dinas_unit_id'))
        batch_op.drop_index(batch_op.f('ix_zi_nota_dinas_laporan_id'))
    op.drop_table('zi_nota_dinas')
