"""Two instances, one state (`make test-slow`): two gunicorn processes on different ports, each with its own
instance folder, sharing one PostgreSQL and one Redis and the same server secrets — what two web hosts
behind one load balancer are. An officer who logs in on one continues on the other (and logs out there for
both); a rate limit counted on one applies on the other.

Skipped, with the reason, when PostgreSQL (127.0.0.1:5432) or Redis (REDIS_URL, else 127.0.0.1:6379/0)
does not answer. One migration, two servers of one worker each and a dozen requests (about a minute
on a loaded 2-core machine, mostly the migration).
"""
from __future__ import annotations

import base64
import http.cookiejar
import json
import os
import re
import secrets
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.loopback import Gunicorn, free_port
from tests.slow.pg import own_database

pytestmark = pytest.mark.slow

REDIS = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
_CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


@pytest.fixture(scope="module")
def shared_database():
    """A PostgreSQL database of the test's own, dropped afterwards; skip when no server or no Redis answers."""
    try:
        from redis import Redis

        Redis.from_url(REDIS, socket_connect_timeout=2, socket_timeout=2).ping()
    except Exception as exc:
        pytest.skip(f"Redis tidak menjawab di {REDIS} ({exc.__class__.__name__}): uji dua instans dilewati")
    with own_database("test_dua_instans", "PostgreSQL tidak menjawab di 127.0.0.1:5432: uji dua instans dilewati") as url:
        yield url


def _prepare(instance: Path, url: str) -> tuple[str, str | None]:
    """Migrate the shared database and make one complaints officer; returns (email, TOTP secret)."""
    from flask_migrate import upgrade

    from app import create_app
    from tests.conftest import dispose_app
    from tests.factories import make_user

    app = create_app({"INSTANCE_PATH": str(instance), "SQLALCHEMY_DATABASE_URI": url})
    try:
        with app.app_context():
            upgrade()
            user, secret = make_user(["petugas_pengaduan"])
            return user.email, secret
    finally:
        dispose_app(app)


def _instance(name: str, tmp: Path, env: dict) -> Gunicorn:
    instance = tmp / name
    instance.mkdir()
    return Gunicorn("tests.slow.multi_app:app", {**env, "INSTANCE_PATH": str(instance), "PORT": str(free_port())},
                    graceful=3).start()


@pytest.fixture(scope="module")
def two_instances(tmp_path_factory, shared_database):
    tmp_path = tmp_path_factory.mktemp("dua")
    email, totp = _prepare(tmp_path / "siapkan", shared_database)
    # what README "Produksi" step 3 asks: the same secrets on every host (here from the environment)
    keys = {name: base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
            for name in ("SECRET_KEY", "DATA_KEY", "RECEIPT_PEPPER", "RATE_KEY_SECRET", "AUDIT_KEY")}
    env = {**os.environ, **keys, "DATABASE_URL": shared_database, "REDIS_URL": REDIS, "HOST": "127.0.0.1",
           "WEB_CONCURRENCY": "1", "GUNICORN_THREADS": "2", "ZI_DEV": "1", "FLASK_APP": "wsgi.py",
           "RATELIMIT_ENABLED": "1", "RATELIMIT_PUBLIC_SUBMIT": "3 per hour",
           "ZI_RATE_PREFIX": f"uji-{uuid.uuid4().hex[:8]}"}
    a, b = _instance("a", tmp_path, env), _instance("b", tmp_path, env)
    try:
        a.wait()
        b.wait()
        yield a, b, email, totp
    finally:
        a.terminate()  # both at once: each waits out its graceful timeout
        b.terminate()
        a.stop()
        b.stop()


def _browser():
    """One browser: its cookies go to both instances (the same host name, as behind a load balancer)."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect())


def _open(browser, url: str, data: dict | None = None) -> tuple[int, str, str]:
    """(status, Location, body) without following redirects."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        with browser.open(url, data=body, timeout=30) as resp:
            return resp.status, resp.headers.get("Location", ""), resp.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Location", ""), e.read().decode(errors="replace")


def test_login_on_one_instance_continues_on_the_other(two_instances):
    import pyotp

    from tests.factories import PASSWORD

    a, b, email, totp = two_instances
    browser = _browser()
    page = _open(browser, a.base + "/admin/masuk")[2]
    status, location, _ = _open(browser, a.base + "/admin/masuk",
                                {"email": email, "password": PASSWORD, "csrf_token": _CSRF.search(page).group(1)})
    assert status == 302, "login refused on instance A"
    if location.endswith("/admin/masuk/2fa"):  # the second step on the other instance already
        page = _open(browser, b.base + "/admin/masuk/2fa")[2]
        status, location, _ = _open(browser, b.base + "/admin/masuk/2fa",
                                    {"code": pyotp.TOTP(totp).now(), "csrf_token": _CSRF.search(page).group(1)})
        assert status == 302 and "/admin/masuk" not in location

    # the officer's queue on B, with the session A made
    status, location, queue = _open(browser, b.base + "/admin/pengaduan")
    assert status == 200, f"instance B sent the officer to {location or status}"
    assert "Keluar" in queue or "keluar" in queue

    # a form rendered by A, sent to B: the CSRF token lives in the shared session
    token = _CSRF.search(_open(browser, a.base + "/admin/pengaduan")[2]).group(1)
    status, _, _ = _open(browser, b.base + "/admin/keluar", {"csrf_token": token})
    assert status == 302
    # logged out on B is logged out on A
    status, location, _ = _open(browser, a.base + "/admin/pengaduan")
    assert status == 302 and "/admin/masuk" in location


def test_rate_limit_counted_on_one_instance_applies_on_the_other(two_instances):
    a, b, _, _ = two_instances
    body = json.dumps({"jenis": "pengaduan", "kategori": "Lainnya", "judul": "Antrean layanan lama",
                       "uraian": "Saya menunggu tiga jam di loket tanpa kejelasan.", "anonim": True,
                       "setuju": True}).encode()

    def submit(base: str) -> int:
        req = urllib.request.Request(base + "/api/v1/pengaduan", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return resp.status
        except urllib.error.HTTPError as e:
            return e.code

    # RATELIMIT_PUBLIC_SUBMIT = 3 per hour: two on A, one on B, then B and A both refuse
    assert [submit(a.base), submit(a.base), submit(b.base)] == [201, 201, 201]
    assert submit(b.base) == 429
    assert submit(a.base) == 429
