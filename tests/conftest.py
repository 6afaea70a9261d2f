"""Fixtures: a fresh app per test on one migrated database (SQLite by default, PostgreSQL when
TEST_DATABASE_URL is set), Redis for rate limits and sessions when REDIS_URL is set."""
from __future__ import annotations

import os
import re
import sys
import time
from datetime import timedelta
from pathlib import Path

import pyotp
import pytest
from sqlalchemy import text

from app import create_app
from core import workdays
from core.crypto import KdfParams
from core.extensions import db, limiter
from tests import routes_memo
from tests.factories import PASSWORD, make_user

routes_memo.install()


def _database_url(tmp_root: Path) -> str:
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_root / 'test.db'}"


def base_config(tmp_path: Path, database_url: str) -> dict:
    return {
        "TESTING": True,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "UPLOAD_FOLDER": str(tmp_path / "instance" / "uploads"),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "KDF_PARAMS": KdfParams.cheap(),
        "SESSION_COOKIE_SECURE": False,
        "PREFERRED_URL_SCHEME": "http",
        "WTF_CSRF_SSL_STRICT": False,
        "SERVER_NAME": None,
        "REDIS_URL": os.environ.get("REDIS_URL") or None,
        "RATELIMIT_STORAGE_URI": os.environ.get("REDIS_URL") or "memory://",
    }


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """Migrate an empty database to head once; every test then starts from empty tables."""
    root = tmp_path_factory.mktemp("db")
    url = _database_url(root)
    app = create_app(base_config(root, url))
    with app.app_context():
        if url.startswith("postgresql"):
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        from flask_migrate import upgrade

        upgrade()
        db.engine.dispose()
    return url


def _empty_tables() -> None:
    tables = [t for t in reversed(db.metadata.sorted_tables)]
    if db.engine.dialect.name == "postgresql":
        # DELETE, children first, and every sequence back to 1: the same empty start as TRUNCATE … RESTART
        # IDENTITY, which costs 0.27 s for these ~50 tables (new files for each) against ~10 ms
        db.session.connection().exec_driver_sql("".join(f'DELETE FROM "{t.name}";' for t in tables))
        db.session.execute(text("SELECT count(setval(c.oid, 1, false)) FROM pg_class c JOIN pg_namespace n "
                                "ON n.oid = c.relnamespace WHERE c.relkind = 'S' AND n.nspname = 'public'"))
    else:
        for table in tables:
            db.session.execute(table.delete())
    db.session.commit()


@pytest.fixture
def app_config() -> dict:
    """Overrides of the test configuration; a test module redefines this fixture to change them."""
    return {}


@pytest.fixture
def app(tmp_path, database_url, app_config):
    app = create_app({**base_config(tmp_path, database_url), **app_config})
    with app.app_context():
        _empty_tables()
        limiter.reset()  # counts from one test must not spill into the next
    yield app
    with app.app_context():
        db.session.remove()
        _empty_tables()
    dispose_app(app)


def dispose_app(app) -> None:
    """Close an app's database and Redis pools now, so no 'unclosed' warning fires later in another test."""
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    client = getattr(app.session_interface, "client", None)
    if client is not None and hasattr(client, "connection_pool"):
        client.connection_pool.disconnect()
    storage = getattr(limiter, "_storage", None)
    pool = getattr(getattr(storage, "storage", None), "connection_pool", None)
    if pool is not None:
        pool.disconnect()


@pytest.fixture
def app_ctx(app):
    with app.app_context():
        yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def csrf_from(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1) or match.group(2)


def login(client, email: str, password: str = PASSWORD, totp_secret: str | None = None):
    page = client.get("/admin/masuk")
    resp = client.post("/admin/masuk", data={"email": email, "password": password,
                                             "csrf_token": csrf_from(page.get_data(as_text=True))})
    if totp_secret and resp.status_code == 302 and resp.headers["Location"].endswith("/admin/masuk/2fa"):
        page = client.get("/admin/masuk/2fa")
        resp = client.post("/admin/masuk/2fa", data={"code": pyotp.TOTP(totp_secret).now(),
                                                      "csrf_token": csrf_from(page.get_data(as_text=True))})
    return resp


@pytest.fixture
def login_as(app):
    """login_as("petugas_pengaduan", "unit", …) → a test client logged in with those roles (2FA done)."""
    def _login(*roles, **user_fields):
        with app.app_context():
            user, secret = make_user(roles, **user_fields)
            email = user.email
        c = app.test_client()
        resp = login(c, email, totp_secret=secret)
        assert resp.status_code == 302 and "/admin/masuk" not in resp.headers["Location"], resp.get_data(as_text=True)[:500]
        c.user_email = email
        return c
    return _login


class Clock:
    """The application's clock, moved forward by a test instead of sleeping."""

    def __init__(self) -> None:
        self.offset = 0.0

    def advance(self, seconds: float) -> None:
        self.offset += seconds


@pytest.fixture
def clock(monkeypatch) -> Clock:
    """Moves core.workdays.utcnow/local_today (in every module that imported them), the database session
    store's clock and the timestamps of signed tokens (Flask-WTF's CSRF, through itsdangerous).
    TOTP codes stay on the real clock on both sides, and column defaults (created_at) keep real time."""
    from itsdangerous.timed import TimestampSigner

    from core.sessions import DatabaseSessionInterface

    clock = Clock()
    real_utcnow, real_local_today = workdays.utcnow, workdays.local_today

    def utcnow():
        return real_utcnow() + timedelta(seconds=clock.offset)

    def local_today():
        return workdays.to_local(utcnow()).date()

    for module in list(sys.modules.values()):
        names = vars(module) if module is not None else {}
        for name, real, fake in (("utcnow", real_utcnow, utcnow), ("local_today", real_local_today, local_today)):
            if names.get(name) is real:
                monkeypatch.setattr(module, name, fake)
    monkeypatch.setattr(DatabaseSessionInterface, "_now", staticmethod(utcnow))
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: int(time.time() + clock.offset))
    return clock


@pytest.fixture
def gunicorn_conf(app, monkeypatch):
    """gunicorn.conf.py as gunicorn loads it, in a process whose app is built (its anonymous paths wired)."""
    import importlib.util
    import sys

    from core.config import ROOT

    spec = importlib.util.spec_from_file_location("gunicorn_conf_loader", ROOT / "gunicorn.conf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setitem(sys.modules, "gunicorn_conf_loader", module)
    yield module


@pytest.fixture
def team(app):
    """The install's first Tim WBS key (active at once): the WBS channel accepts reports. Its e-mail."""
    from tests.wbs.helpers import make_officer

    with app.app_context():
        return make_officer().email


@pytest.fixture(scope="module")
def _smtp_server():
    from tests.smtp_server import SmtpServer

    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture
def smtp(_smtp_server):
    """A real SMTP server on 127.0.0.1 (one per module), with nothing received and no address refused yet;
    `smtp.config()` points the app at it."""
    _smtp_server.handler.received.clear()
    _smtp_server.handler.refuse.clear()
    return _smtp_server
