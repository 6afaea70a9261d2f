"""personal data bound to its row: a complaint's identity to its ticket, a gratifikasi report's to its number
(issue 10, finding 13)

Revision ID: 0011_pii_rows
Revises: 0006_bot
"""
import sqlalchemy as sa
from alembic import op

from core.pii import reseal

revision = '0011_pii_rows'
down_revision = '0006_bot'
branch_labels = None
depends_on = None

COLUMNS = {
    ("pengaduan", "tiket"): ["nama", "telepon", "email", "nik", "telegram_chat"],
    ("laporan_gratifikasi", "nomor"): ["pelapor_nama", "identitas_nomor", "pelapor_telepon", "pelapor_email",
                                       "pelapor_alamat", "pemberi_nama", "pemberi_alamat"],
}
# sealing uses a fresh nonce each time: the same values read back, the stored text differs
REWRITES = {table: cols for (table, _), cols in COLUMNS.items()}


def _rewrite(to_row: bool) -> None:
    conn = op.get_bind()
    for (name, key), cols in COLUMNS.items():
        table = sa.table(name, sa.column("id", sa.Integer), sa.column(key, sa.String), *(sa.column(c, sa.Text) for c in cols))
        for row in conn.execute(sa.select(table)).mappings().all():
            values = {c: reseal(row[c], f"{_purpose(name)}.{c}", str(row[key]), to_row=to_row) for c in cols}
            conn.execute(table.update().where(table.c.id == row["id"]).values(**values))


def _purpose(table: str) -> str:
    return {"pengaduan": "pengaduan", "laporan_gratifikasi": "gratifikasi"}[table]


def upgrade():
    _rewrite(True)


def downgrade():
    _rewrite(False)
