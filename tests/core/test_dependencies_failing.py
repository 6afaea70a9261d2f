"""Dependencies failing: the database goes away (and comes back), Redis is not there.

- Database: the public pages answer a friendly Indonesian 503 «coba lagi» page (JSON on the API), never a
  stack trace, and work again once the database is back, on the same app object (no restart). On
  PostgreSQL (a database of our own, closed to connections and its sessions terminated) when a server
  answers on 127.0.0.1; on SQLite by failing every statement of the engine for a while.
- Redis: REDIS_URL pointing at a closed port: rate limits fall back to memory with a logged warning,
  sessions to the database, and logins and submissions go on.
"""
from __future__ import annotations

import logging
import os
import socket
import sqlite3
import uuid

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from app import create_app
from core.extensions import db
from tests.conftest import base_config, csrf_from, dispose_app, login
from tests.factories import make_user
from tests.pengaduan.helpers import data

PUBLIC_PAGES = ["/", "/pengaduan/", "/pengaduan/lacak", "/wbs/", "/wbs/lapor", "/gratifikasi/", "/survei/",
                "/admin/masuk"]


def _complaint_json(judul: str = "Antrean lama") -> dict:
    d = data(judul=judul)
    return {k: d[k] for k in ("jenis", "kategori", "judul", "uraian", "nama", "telepon", "setuju")}


def _assert_friendly_503(resp, url: str) -> None:
    assert resp.status_code == 503, (url, resp.status_code)
    body = resp.get_data(as_text=True)
    assert "Traceback" not in body and "sqlalchemy" not in body.lower() and "psycopg" not in body.lower()
    if url.startswith("/api/"):
        assert resp.get_json()["kode"] == 503 and "coba lagi" in resp.get_json()["pesan"].lower()
    else:
        assert "coba lagi" in body.lower() and "tidak tersedia" in body.lower(), body[:300]
    assert resp.headers.get("Retry-After")
    assert resp.headers.get("Content-Security-Policy")


def _down_then_up(client, down, up) -> int:
    """Pages and API work, fail with 503 while `down()` holds, and work again after `up()`."""
    sent = 0
    for url in PUBLIC_PAGES:
        assert client.get(url).status_code == 200, url
    assert client.post("/api/v1/pengaduan", json=_complaint_json("Sebelum")).status_code == 201
    down()
    for url in PUBLIC_PAGES:
        resp = client.get(url)
        if resp.status_code == 200:
            # a page that needs only the office's settings, which the process keeps a few seconds
            # (core.officecache), may still be served whole; a form only when its token could be stored
            # (sessions in Redis), never one whose submit would be refused
            page = resp.get_data(as_text=True)
            assert "</html>" in page, url
            assert 'name="csrf_token"' not in page or client.application.config["REDIS_URL"], url
        else:
            _assert_friendly_503(resp, url)
        sent += 1
    _assert_friendly_503(client.post("/api/v1/pengaduan", json=_complaint_json("Selama")), "/api/v1/pengaduan")
    _assert_friendly_503(client.post("/api/v1/pengaduan/status", json={"tiket": "PGD-2026-000001", "kode": "x"}),
                         "/api/v1/pengaduan/status")
    up()
    for url in PUBLIC_PAGES:
        assert client.get(url).status_code == 200, url
        sent += 1
    page = client.get("/pengaduan/lacak").get_data(as_text=True)
    assert csrf_from(page)  # a session works again
    resp = client.post("/api/v1/pengaduan", json=_complaint_json("Sesudah"))
    assert resp.status_code == 201
    return sent + 4


# --- SQLite: every statement fails while the fault is on ------------------------------------------------

def test_sqlite_database_gone_gives_503_and_recovers(app, client):
    with app.app_context():
        engine = db.engine
    fault = {"on": False}

    def fail(conn, cursor, statement, parameters, context, executemany):
        if fault["on"]:  # what SQLAlchemy raises when the file cannot be opened any more
            raise OperationalError(statement, parameters, sqlite3.OperationalError("unable to open database file"))

    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite fault injection; PostgreSQL has its own test below")
    event.listen(engine, "before_cursor_execute", fail)
    try:
        sent = _down_then_up(client, lambda: fault.update(on=True), lambda: fault.update(on=False))
    finally:
        event.remove(engine, "before_cursor_execute", fail)
    assert sent >= 20
    with app.app_context():
        from pengaduan.models import Pengaduan

        titles = sorted(db.session.scalars(db.select(Pengaduan.judul)))
    assert titles == ["Sebelum", "Sesudah"]  # the refused one left nothing half-written


# --- PostgreSQL: our own database, closed and its connections killed -------------------------------------

PG = "postgresql://postgres@127.0.0.1:5432"


def _pg_admin():
    import psycopg

    return psycopg.connect(PG + "/postgres", autocommit=True, connect_timeout=3)


@pytest.fixture
def outage_database():
    try:
        admin = _pg_admin()
    except Exception:
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    name = f"test_trust_outage_{uuid.uuid4().hex[:8]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin, name
    finally:
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.close()


def test_postgres_going_away_gives_503_and_recovers(tmp_path, outage_database):
    from flask_migrate import upgrade

    admin, name = outage_database
    app = create_app({**base_config(tmp_path, f"{PG}/{name}"), "RATELIMIT_ENABLED": False})
    try:
        with app.app_context():
            upgrade()

        def down():
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))

        def up():
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')

        client = app.test_client()
        assert _down_then_up(client, down, up) >= 20
        with app.app_context():
            from pengaduan.models import Pengaduan

            assert sorted(db.session.scalars(db.select(Pengaduan.judul))) == ["Sebelum", "Sesudah"]
    finally:
        dispose_app(app)


# --- Redis not there ---------------------------------------------------------------------------------

def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the socket is: nothing listens there


@pytest.fixture
def redis_down_app(tmp_path, database_url):
    """The app with REDIS_URL on a port where nothing listens (never the machine's Redis)."""
    from tests.conftest import _empty_tables

    url = f"redis://127.0.0.1:{_closed_port()}/8"
    app = create_app({**base_config(tmp_path, database_url), "REDIS_URL": url, "RATELIMIT_STORAGE_URI": url,
                      "RATELIMIT_ENABLED": True, "RATELIMIT_TRACKING": "5 per 10 minutes"})
    with app.app_context():
        _empty_tables()
    yield app
    with app.app_context():
        db.session.remove()
        _empty_tables()
    dispose_app(app)


def test_redis_down_limits_fall_back_to_memory_and_work_goes_on(redis_down_app, caplog):
    app = redis_down_app
    from core.sessions import ResilientRedisSessionInterface

    assert isinstance(app.session_interface, ResilientRedisSessionInterface)
    caplog.set_level(logging.WARNING)
    with app.app_context():
        user, secret = make_user(["petugas_pengaduan"])
        email = user.email
    client = app.test_client()
    # a public submission, a tracking look-up, an officer's login: all answer
    resp = client.post("/api/v1/pengaduan", json=_complaint_json())
    assert resp.status_code == 201, resp.get_data(as_text=True)[:300]
    tiket, kode = resp.get_json()["tiket"], resp.get_json()["kode_pelacakan"]
    assert client.post("/api/v1/pengaduan/status", json={"tiket": tiket, "kode": kode}).status_code == 200
    resp = login(client, email, totp_secret=secret)
    assert resp.status_code == 302 and "/admin/masuk" not in resp.headers["Location"]
    assert client.get("/admin/pengaduan").status_code == 200  # the session (kept in the database) holds
    page = client.get("/pengaduan/").get_data(as_text=True)
    assert csrf_from(page)
    # the limits still count, in memory: the sixth look-up within the window is refused
    codes = [client.post("/api/v1/pengaduan/status", json={"tiket": tiket, "kode": "salah"}).status_code
             for _ in range(6)]
    assert 429 in codes, codes
    warnings = " ".join(r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING)
    assert "falling back to in-memory" in warnings
    assert "Redis tidak dapat dihubungi" in warnings
    assert os.environ.get("REDIS_URL", "") != app.config["REDIS_URL"]  # never the machine's Redis


def test_login_with_rate_limits_off_in_a_fresh_process(tmp_path, database_url, monkeypatch):
    """RATELIMIT_ENABLED=0 (README: load tests) leaves the limiter without storage; a successful login
    cleared its backoff there and failed with an AssertionError (found by the backup test)."""
    from core.extensions import limiter

    monkeypatch.setattr(limiter, "_storage", None)  # as in a process whose first app has limits off
    app = create_app({**base_config(tmp_path, database_url), "RATELIMIT_ENABLED": False})
    try:
        with app.app_context():
            from tests.conftest import _empty_tables

            _empty_tables()
            email = make_user(["petugas_pengaduan"])[0].email
        resp = login(app.test_client(), email)
        assert resp.status_code == 302 and "/admin/masuk" not in resp.headers["Location"]
    finally:
        with app.app_context():
            _empty_tables()
        dispose_app(app)
