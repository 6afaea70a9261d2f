"""cari judul: a trigram index for the queue's search by words in the title, on PostgreSQL

Revision ID: 0012_cari_judul
Revises: 0011_scale
"""
from alembic import op
from sqlalchemy import text

revision = '0012_cari_judul'
down_revision = '0011_scale'
branch_labels = None
depends_on = None

INDEX = "ix_pengaduan_judul_trgm"


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return  # SQLite reads every title; an office's size there is thousands, not millions
    if not bind.execute(text("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")).first():
        # the search stays correct without it, only slower at a ministry's size
        print("PERINGATAN: ekstensi PostgreSQL pg_trgm tidak tersedia: pencarian judul pengaduan berjalan tanpa "
              "indeks trigram (lambat pada jutaan pengaduan). Setelah paket postgresql-contrib terpasang: "
              "flask db downgrade 0011_scale && flask db upgrade")
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    # the operator class by its schema: an extension created earlier may live outside this search_path
    where = bind.execute(text("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
                              "WHERE e.extname = 'pg_trgm'")).scalar_one()
    op.execute(f'CREATE INDEX IF NOT EXISTS {INDEX} ON pengaduan USING gin (lower(judul) "{where}".gin_trgm_ops)')


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {INDEX}")
