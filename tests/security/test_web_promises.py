"""The web-wide promises of DESIGN.md's security model, each walked over every route it concerns:
CSRF on every state-changing form route, no open redirect, a new session id at login, logout that ends the
server-side session, cookie flags, the CSP header on every answer, and uploads never served inline with a
type a browser would run."""
from __future__ import annotations

import io
import re
from urllib.parse import urlsplit

import pytest

from core.extensions import db
from core.security import CSP
from tests.conftest import csrf_from, login
from tests.factories import make_user
from tests.security.test_access_matrix import _url

# the WBS form is open only once the team has a key
pytestmark = pytest.mark.usefixtures("team")

SESSION_COOKIE = "zi_sesi"


@pytest.fixture
def app_config():
    return {"RATELIMIT_ENABLED": False}


def _form_posts(app):
    """Every (endpoint, url) that takes a POST from a browser form (the JSON API aside)."""
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods and not rule.rule.startswith("/api/"):
            yield rule.endpoint, _url(rule)


def _officer_with_every_role(app):
    from core.models import Role

    with app.app_context():
        user, secret = make_user(list(Role))
        email = user.email
    client = app.test_client()
    resp = login(client, email, totp_secret=secret)
    assert resp.status_code == 302 and "/admin/masuk" not in resp.headers["Location"]
    return client


# --- CSRF ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("who", ["anonim", "petugas"])
def test_every_form_post_without_a_token_is_refused(app, who):
    client = _officer_with_every_role(app) if who == "petugas" else app.test_client()
    client.get("/pengaduan/lacak")  # a session with a CSRF secret in it: the token is missing, not the session
    posts = list(_form_posts(app))
    assert len(posts) >= 40
    for endpoint, url in posts:
        for data in ({}, {"csrf_token": "palsu"}):
            resp = client.post(url, data=data)
            assert resp.status_code == 400, (endpoint, url, data, resp.status_code)
            assert "token keamanan" in resp.get_data(as_text=True), endpoint


def test_a_token_of_another_session_is_refused(app, client):
    other = app.test_client()
    token = csrf_from(other.get("/pengaduan/lacak").get_data(as_text=True))
    client.get("/pengaduan/lacak")
    assert client.post("/pengaduan/lacak", data={"csrf_token": token, "tiket": "x", "kode": "y"}).status_code == 400


def test_the_json_api_cannot_be_posted_by_a_cross_site_form(app, client):
    # the API is exempt from CSRF tokens because a browser form cannot send JSON: prove the exemption is safe
    api_posts = [_url(r) for r in app.url_map.iter_rules() if r.rule.startswith("/api/") and "POST" in r.methods]
    assert len(api_posts) >= 8
    for url in api_posts:
        for kind in ("application/x-www-form-urlencoded", "text/plain", "multipart/form-data"):
            resp = client.post(url, data='{"jenis": "pengaduan"}', content_type=kind)
            assert resp.status_code == 400, (url, kind, resp.status_code)


# --- redirects ---------------------------------------------------------------------------------------------

HOSTILE_NEXT = ["//evil.example/", "https://evil.example/", "http:evil.example", "/\\evil.example", "\\\\evil.example",
                "/%5Cevil.example", "javascript:alert(1)", "/\t/evil.example", " //evil.example", "//evil.example@x",
                "https:/evil.example", "/admin/\r\nLocation: https://evil.example", "///evil.example", "%2F%2Fevil.example"]


def _stays_home(location: str | None) -> bool:
    if not location:
        return True
    parts = urlsplit(location)
    return parts.netloc in ("", "localhost") and parts.scheme in ("", "http", "https") and "evil" not in parts.netloc \
        and not location.startswith("//") and "\\" not in location


def test_no_open_redirect_anywhere(app, client):
    sent = 0
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in ("static", "bootstrap.static"):
            continue
        for target in HOSTILE_NEXT:
            resp = client.get(_url(rule), query_string={"next": target})
            sent += 1
            assert resp.status_code < 500, (rule.rule, target)
            assert _stays_home(resp.headers.get("Location")), (rule.rule, target, resp.headers.get("Location"))
    assert sent > 500


def test_no_open_redirect_after_login(app):
    with app.app_context():
        user, secret = make_user(["petugas_pengaduan"])
        email = user.email
    for target in HOSTILE_NEXT:
        client = app.test_client()
        page = client.get("/admin/masuk", query_string={"next": target}).get_data(as_text=True)
        resp = client.post("/admin/masuk", query_string={"next": target},
                           data={"email": email, "password": "kuda-laut-berlari-pagi-7", "csrf_token": csrf_from(page)})
        assert resp.status_code == 302 and _stays_home(resp.headers["Location"]), (target, resp.headers.get("Location"))
        page = client.get("/admin/konfirmasi", query_string={"next": target}).get_data(as_text=True)
        resp = client.post("/admin/konfirmasi", query_string={"next": target},
                           data={"password": "kuda-laut-berlari-pagi-7", "csrf_token": csrf_from(page)})
        assert resp.status_code == 302 and _stays_home(resp.headers["Location"]), (target, resp.headers.get("Location"))


# --- sessions ----------------------------------------------------------------------------------------------

def _stored(app, sid: str) -> bool:
    from tests.security.test_logout_rotates_session import _stored as stored

    return stored(app, sid)


@pytest.mark.parametrize("second_factor", [False, True])
def test_the_session_id_changes_at_login(app, second_factor):
    with app.app_context():
        user, secret = make_user(["tim_wbs" if second_factor else "petugas_pengaduan"])
        email = user.email
    client = app.test_client()
    page = client.get("/admin/masuk").get_data(as_text=True)
    before = client.get_cookie(SESSION_COOKIE).value
    assert _stored(app, before)
    resp = login(client, email, totp_secret=secret)
    assert resp.status_code == 302
    after = client.get_cookie(SESSION_COOKIE).value
    assert after != before and not _stored(app, before) and _stored(app, after)
    # the session a fixation attacker planted opens nothing
    attacker = app.test_client()
    attacker.set_cookie(SESSION_COOKIE, before)
    assert attacker.get("/admin/").status_code == 302
    assert page  # (the login page was served under the old id)


def test_logout_ends_the_server_side_session(app, login_as):
    client = login_as("petugas_pengaduan")
    sid = client.get_cookie(SESSION_COOKIE).value
    assert client.get("/admin/").status_code == 200
    token = csrf_from(client.get("/pengaduan/lacak").get_data(as_text=True))
    client.post("/admin/keluar", data={"csrf_token": token})
    assert not _stored(app, sid)
    replay = app.test_client()  # someone who copied the cookie before logout
    replay.set_cookie(SESSION_COOKIE, sid)
    resp = replay.get("/admin/")
    assert resp.status_code == 302 and "/admin/masuk" in resp.headers["Location"]


def test_cookie_flags(tmp_path, database_url):
    from app import create_app
    from tests.conftest import base_config, dispose_app

    app = create_app({**base_config(tmp_path, database_url), "SESSION_COOKIE_SECURE": True,
                      "RATELIMIT_ENABLED": False})
    try:
        client = app.test_client()
        resp = client.get("/admin/masuk?lang=en", base_url="https://localhost")
        cookies = {c.split("=", 1)[0]: c for c in resp.headers.getlist("Set-Cookie")}
        session_cookie = cookies[SESSION_COOKIE]
        for flag in ("Secure", "HttpOnly", "SameSite=Lax", "Path=/"):
            assert flag in session_cookie, (flag, session_cookie)
        assert "Domain=" not in session_cookie  # host-only
        assert "HttpOnly" in cookies["lang"] and "SameSite=Lax" in cookies["lang"]
        # no cookie is ever readable by scripts
        for rule in ("/", "/pengaduan/", "/wbs/lapor", "/survei/", "/gratifikasi/lapor"):
            for c in client.get(rule, base_url="https://localhost").headers.getlist("Set-Cookie"):
                assert "HttpOnly" in c and "Secure" in c, (rule, c)
    finally:
        dispose_app(app)


# --- CSP on every answer -------------------------------------------------------------------------------------

@pytest.mark.parametrize("who", ["anonim", "petugas"])
def test_csp_on_every_answer(app, who):
    client = _officer_with_every_role(app) if who == "petugas" else app.test_client()
    token = csrf_from(client.get("/pengaduan/lacak").get_data(as_text=True))
    seen = 0
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "admin.logout":
            continue
        url = _url(rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            if method == "GET":
                resp = client.get(url)
            elif url.startswith("/api/"):
                resp = client.post(url, json={})
            else:
                resp = client.post(url, data={"csrf_token": token})
            resp.close()
            seen += 1
            assert resp.headers.get("Content-Security-Policy") == CSP, (method, url, resp.status_code)
            assert resp.headers.get("X-Content-Type-Options") == "nosniff", url
            assert resp.headers.get("X-Frame-Options") == "DENY", url
    for url in ("/tidak-ada", "/admin/tidak-ada", "/api/v1/tidak-ada", "/static/tidak-ada.css"):
        assert client.get(url).headers.get("Content-Security-Policy") == CSP, url
    assert client.put("/pengaduan/").headers.get("Content-Security-Policy") == CSP  # 405
    assert seen >= 120
    for directive in ("default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'",
                      "base-uri 'none'", "form-action 'self'"):
        assert directive in CSP
    assert "unsafe-inline" not in CSP and "unsafe-eval" not in CSP and "*" not in CSP


# --- uploads -----------------------------------------------------------------------------------------------

# what a browser would run or render as a document of this origin
EXECUTABLE = re.compile(r"html|xml|svg|javascript|ecmascript|x-sh|octet-stream|text/plain", re.I)
SERVED_INLINE_OK = {"image/jpeg", "image/png", "image/webp"}
DISGUISED = [
    ("foto.png", b"<html><script>alert(document.cookie)</script></html>"),
    ("gambar.jpg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    ("bukti.pdf", b"<!doctype html><body onload=alert(1)>"),
    ("skrip.js", b"alert(1)"),
    ("dokumen.pdf", b"%PDF-1.4\n<script>alert(1)</script>"),  # a PDF header on a non-PDF
    ("polyglot.png", b"\x89PNG\r\n\x1a\n<script>alert(1)</script>"),  # PNG magic, nothing of a PNG behind it
    ("kosong.png", b""),
]


def _check_download(resp, what: str) -> None:
    assert resp.status_code == 200, (what, resp.status_code)
    ctype = resp.mimetype
    disposition = resp.headers.get("Content-Disposition", "")
    assert not EXECUTABLE.search(ctype), (what, ctype)
    assert disposition.startswith("attachment") or (disposition.startswith("inline") and ctype in SERVED_INLINE_OK), \
        (what, ctype, disposition)
    assert resp.headers.get("X-Content-Type-Options") == "nosniff"
    assert resp.headers.get("Cache-Control") == "no-store"


def test_disguised_uploads_are_refused_on_every_public_form(app, client):
    from tests.wbs.helpers import png_bytes

    sent = 0
    for name, body in DISGUISED:
        page = client.get("/pengaduan/").get_data(as_text=True)
        resp = client.post("/pengaduan/", content_type="multipart/form-data", data={
            "csrf_token": csrf_from(page), "jenis": "pengaduan", "kategori": "Pelayanan publik", "judul": "Uji berkas",
            "uraian": "Berkas yang menyamar sebagai gambar.", "nama": "Budi", "telepon": "081234567890",
            "setuju": "y", "lampiran": [(io.BytesIO(body), name), (io.BytesIO(png_bytes()), "asli.png")]})
        assert resp.status_code == 422, (name, resp.status_code)
        page = client.get("/wbs/lapor").get_data(as_text=True)
        token = re.search(r'name="token" type="hidden" value="([^"]+)"', page)
        resp = client.post("/wbs/lapor", content_type="multipart/form-data", data={
            "csrf_token": csrf_from(page), "token": token.group(1) if token else "", "apa": "Uji berkas menyamar",
            "jenis": "lainnya", "lampiran": [(io.BytesIO(body), name)]})
        assert resp.status_code == 400, (name, resp.status_code)
        sent += 2
    from core.models import Attachment
    from wbs.models import WbsReport

    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Attachment.id))) == 0
        assert db.session.scalar(db.select(db.func.count()).select_from(WbsReport)) == 0
    assert sent == 2 * len(DISGUISED)


def test_uploads_are_served_as_downloads_of_their_checked_type(app, login_as):
    from core.attachments import attachments_of
    from core.storage import inspect_upload
    from core.uow import unit_of_work
    from core.workdays import local_today
    from gratifikasi import service as grat
    from pengaduan import service as pgd
    from tests.gratifikasi.helpers import laporan_input
    from tests.pengaduan.helpers import data
    from tests.wbs.helpers import officer_client, pdf_bytes, png_bytes, submit

    big = 10 * 1024 * 1024
    files = [inspect_upload(png_bytes(), "foto.html", max_bytes=big), inspect_upload(pdf_bytes("bukti"), "x.svg", max_bytes=big)]
    with app.app_context():
        p, _ = pgd.submit(data(), files, kanal="web")
        with unit_of_work():
            lap, _ = grat.submit(laporan_input(tanggal_terima=local_today()), files)
        pid, lap_id = p.id, lap.id
        p_atts = [a.id for a in attachments_of(pgd.OWNER, pid)]
        g_atts = [a.id for a in attachments_of(grat.OWNER, lap_id)]
    tim = officer_client(app, login_as)  # a key first: reports are wrapped to the keys that exist when filed
    with app.app_context():
        report_id, _receipt = submit(files=files)
    checked = 0
    petugas = login_as("petugas_pengaduan")
    for att in p_atts:
        _check_download(petugas.get(f"/admin/pengaduan/{pid}/lampiran/{att}"), "pengaduan")
        checked += 1
    upg = login_as("upg")
    for att in g_atts:
        _check_download(upg.get(f"/admin/gratifikasi/{lap_id}/lampiran/{att}"), "gratifikasi")
        checked += 1
    html = tim.get(f"/admin/wbs/{report_id}").get_data(as_text=True)
    links = sorted(set(re.findall(rf"/admin/wbs/{report_id}/lampiran/[A-Za-z0-9_-]+", html)))
    assert len(links) == 2, links
    for link in links:
        _check_download(tim.get(link), "wbs")
        checked += 1
    assert checked == 6
