"""The Flask extensions, created here and bound in create_app."""
from __future__ import annotations

from flask import request
from flask_babel import Babel
from flask_bootstrap import Bootstrap5
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# Indexes a migration builds for one database only (the models stay the same on every database): alembic's
# comparison of the models with a database leaves them out. Words in a complaint's title on PostgreSQL
# (0012_cari_judul, pg_trgm): 1 000 000 complaints searched in 0.1 ms instead of 550 ms.
MIGRATION_ONLY = frozenset({"ix_pengaduan_judul_trgm"})


def migration_compares(name, type_, parent_names) -> bool:
    return not (type_ == "index" and name in MIGRATION_ONLY)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
csrf = CSRFProtect()
login_manager = LoginManager()
babel = Babel()
bootstrap = Bootstrap5()


def rate_key() -> str:
    """Rate-limit key: the client address, except on anonymous routes (see core.security)."""
    from core.security import anonymous_rate_key, is_anonymous_path

    if is_anonymous_path(request.path):
        return anonymous_rate_key()
    return get_remote_address()


limiter = Limiter(key_func=rate_key, default_limits=[], strategy="fixed-window")
