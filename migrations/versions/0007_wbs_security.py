"""wbs security: countersigned keys, two-person revocation, random wrap ids, bound entries

Revision ID: 0007_wbs_security
Revises: 0008_gratifikasi_kpk
Create Date: 2026-12-01

- wbs_pengesahan_kunci: the countersignature that makes a recipient key active. Keys active before this
  revision are taken as countersigned (by nobody: their tag says so), so a running team keeps working;
  the keys page lists them for the team to check.
- wbs_permintaan_cabut: a revocation asked for by one person, waiting for a second.
- wbs_bungkus_kunci.id: ids a sequence gave are replaced by random ones (nothing refers to a wrap's id),
  the smallest change that stops the wraps made when reports arrive from being ordered among those made at
  audited moments; the column type stays.
- wbs_entri.legacy_mac, wbs_lampiran.legacy_mac: new rows bind kind, order, date, officer, status change
  (entries) and the entry (attachments) into their AEAD associated data. Existing rows cannot be sealed
  again here — their data keys are wrapped to officers' keys and receipts this migration does not hold —
  so each gets instead an HMAC of those columns under a key derived from RECEIPT_PEPPER (a server secret
  outside the database), checked on every read (wbs.service._open_bound). A database writer can neither
  change such a row's columns nor clear the MAC (the row would then have to open with the bound associated
  data, which it does not).

Needs the application's secrets (it runs through `flask db upgrade`, inside the app).
"""
from datetime import date
from types import SimpleNamespace

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0007_wbs_security'
down_revision = '0008_gratifikasi_kpk'
branch_labels = None
depends_on = None

_kunci = sa.table("wbs_kunci", sa.column("id", sa.Integer), sa.column("jenis", sa.String), sa.column("user_id", sa.Integer),
                  sa.column("public_key", sa.LargeBinary), sa.column("aktif", sa.Boolean))
_pengesahan = sa.table("wbs_pengesahan_kunci", sa.column("key_id", sa.Integer),
                       sa.column("pengesah_key_id", sa.Integer), sa.column("tanggal", sa.Date), sa.column("tag", sa.String))
_bungkus = sa.table("wbs_bungkus_kunci", sa.column("id", sa.Integer))
_entri = sa.table("wbs_entri", sa.column("id", sa.String), sa.column("report_id", sa.Integer),
                  sa.column("urutan", sa.Integer), sa.column("jenis", sa.String), sa.column("tanggal", sa.Date),
                  sa.column("officer_id", sa.Integer), sa.column("status_dari", sa.String),
                  sa.column("status_ke", sa.String), sa.column("legacy_mac", sa.String))
_lampiran = sa.table("wbs_lampiran", sa.column("id", sa.String), sa.column("report_id", sa.Integer),
                     sa.column("entry_id", sa.String), sa.column("legacy_mac", sa.String))


def _pepper() -> bytes:
    from flask import current_app

    return current_app.config["RECEIPT_PEPPER"]


def upgrade():
    from wbs import sealing
    from wbs.models import random_row_id

    op.create_table('wbs_pengesahan_kunci',
    sa.Column('key_id', sa.Integer(), nullable=False),
    sa.Column('pengesah_key_id', sa.Integer(), nullable=True),
    sa.Column('tanggal', sa.Date(), nullable=False),
    sa.Column('tag', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['key_id'], ['wbs_kunci.id'], name=op.f('fk_wbs_pengesahan_kunci_key_id_wbs_kunci'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['pengesah_key_id'], ['wbs_kunci.id'], name=op.f('fk_wbs_pengesahan_kunci_pengesah_key_id_wbs_kunci')),
    sa.PrimaryKeyConstraint('key_id', name=op.f('pk_wbs_pengesahan_kunci'))
    )
    op.create_table('wbs_permintaan_cabut',
    sa.Column('key_id', sa.Integer(), nullable=False),
    sa.Column('diminta_oleh', sa.Integer(), nullable=False),
    sa.Column('diminta_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['diminta_oleh'], ['user.id'], name=op.f('fk_wbs_permintaan_cabut_diminta_oleh_user'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['key_id'], ['wbs_kunci.id'], name=op.f('fk_wbs_permintaan_cabut_key_id_wbs_kunci'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('key_id', name=op.f('pk_wbs_permintaan_cabut'))
    )
    with op.batch_alter_table('wbs_entri', schema=None) as batch_op:
        batch_op.add_column(sa.Column('legacy_mac', sa.String(length=64), nullable=True))
    with op.batch_alter_table('wbs_lampiran', schema=None) as batch_op:
        batch_op.add_column(sa.Column('legacy_mac', sa.String(length=64), nullable=True))

    conn = op.get_bind()
    pepper = _pepper()
    today = date.today()
    for row in conn.execute(sa.select(_kunci).where(_kunci.c.aktif.is_(True))).all():
        key = SimpleNamespace(id=row.id, jenis=row.jenis, user_id=row.user_id, public_key=bytes(row.public_key))
        conn.execute(_pengesahan.insert().values(key_id=row.id, pengesah_key_id=None, tanggal=today,
                                                 tag=sealing.approval_tag(pepper, key, None)))

    taken = set(conn.scalars(sa.select(_bungkus.c.id)))
    for old in sorted(i for i in taken if i < (1 << 30)):  # ids from the sequence; random ones are >= 2**30
        new = random_row_id()
        while new in taken:
            new = random_row_id()
        taken.add(new)
        conn.execute(_bungkus.update().where(_bungkus.c.id == old).values(id=new))

    for row in conn.execute(sa.select(_entri)).all():
        conn.execute(_entri.update().where(_entri.c.id == row.id)
                     .values(legacy_mac=sealing.legacy_entry_mac(pepper, row.report_id, row)))
    for row in conn.execute(sa.select(_lampiran)).all():
        conn.execute(_lampiran.update().where(_lampiran.c.id == row.id)
                     .values(legacy_mac=sealing.legacy_file_mac(pepper, row.report_id, row)))


def downgrade():
    conn = op.get_bind()
    # the older code has no countersignatures: a key still waiting for one must not become a recipient
    approved = sa.select(_pengesahan.c.key_id)
    conn.execute(_kunci.update().where(_kunci.c.aktif.is_(True), _kunci.c.id.not_in(approved)).values(aktif=False))
    with op.batch_alter_table('wbs_lampiran', schema=None) as batch_op:
        batch_op.drop_column('legacy_mac')
    with op.batch_alter_table('wbs_entri', schema=None) as batch_op:
        batch_op.drop_column('legacy_mac')
    op.drop_table('wbs_permintaan_cabut')
    op.drop_table('wbs_pengesahan_kunci')
    # wrap ids stay random: nothing refers to them, and the older code accepts any id
