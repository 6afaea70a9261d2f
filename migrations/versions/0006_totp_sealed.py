"""the officers' TOTP secrets sealed with the data key (issue 10, finding 12)

Revision ID: 0006_totp_sealed
Revises: 0005_zi
"""
import sqlalchemy as sa
from alembic import op
from flask import current_app

from core.crypto import decrypt_text, encrypt_text

revision = '0006_totp_sealed'
down_revision = '0005_zi'
branch_labels = None
depends_on = None
# sealing uses a fresh nonce each time: the same secret reads back, the stored text differs
REWRITES = {"user": ["totp_secret"]}

PURPOSE = "user.totp_secret"
user = sa.table("user", sa.column("id", sa.Integer), sa.column("totp_secret", sa.Text))


def _rewrite(change):
    conn = op.get_bind()
    key = current_app.config["DATA_KEY"]
    for uid, value in conn.execute(sa.select(user.c.id, user.c.totp_secret).where(user.c.totp_secret.is_not(None))).all():
        conn.execute(user.update().where(user.c.id == uid).values(totp_secret=change(key, value)))


def _sealed(key, value):
    try:
        decrypt_text(key, value, PURPOSE)
        return True
    except Exception:
        return False


def _alter(new, old):
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:  # SQLite rebuilds the table; the rows that point at "user" must not stop it
        op.execute("PRAGMA foreign_keys=OFF")
    with op.batch_alter_table("user") as batch:
        batch.alter_column("totp_secret", type_=new, existing_type=old, existing_nullable=True)
    if sqlite:
        op.execute("PRAGMA foreign_keys=ON")


def upgrade():
    _alter(sa.Text(), sa.String(64))
    _rewrite(lambda key, v: v if _sealed(key, v) else encrypt_text(key, v, PURPOSE))


def downgrade():
    _rewrite(lambda key, v: decrypt_text(key, v, PURPOSE) if _sealed(key, v) else v)
    _alter(sa.String(64), sa.Text())
