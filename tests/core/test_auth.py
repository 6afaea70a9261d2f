import pyotp
from sqlalchemy import select

from core.extensions import db
from core.models import AuditEvent, User
from tests.conftest import csrf_from, login
from tests.factories import PASSWORD, make_user


def _user(app, *roles, **kw):
    with app.app_context():
        user, secret = make_user(roles or ("petugas_pengaduan",), **kw)
        return user.email, secret


def _actions(app):
    with app.app_context():
        return [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_login_without_2fa_reaches_dashboard(app, client):
    email, _ = _user(app)
    resp = login(client, email)
    assert resp.headers["Location"] == "/admin/"
    assert "Beranda petugas" in client.get("/admin/").get_data(as_text=True)
    assert "login.success" in _actions(app)


def test_wrong_password_same_message_as_unknown_email(app, client):
    email, _ = _user(app)
    a = login(client, email, "salah-sekali-sandinya").get_data(as_text=True)
    b = login(client, "tidak.ada@uji.go.id", "salah-sekali-sandinya").get_data(as_text=True)
    assert "E-mail atau kata sandi salah." in a and "E-mail atau kata sandi salah." in b
    assert _actions(app).count("login.failure") == 2


def test_login_rate_limited_per_address(app, client):
    app.config["RATELIMIT_LOGIN"] = "3 per minute"
    email, _ = _user(app)
    codes = [login(client, email, "salah-sekali-sandinya").status_code for _ in range(4)]
    assert codes[-1] == 429
    assert "Terlalu banyak percobaan" in login(client, email).get_data(as_text=True)


def test_mandatory_2fa_for_wbs(app, client):
    email, secret = _user(app, "tim_wbs")
    resp = login(client, email)
    assert resp.headers["Location"].endswith("/admin/masuk/2fa")
    assert client.get("/admin/").status_code == 302  # not logged in yet
    page = client.get("/admin/masuk/2fa").get_data(as_text=True)
    wrong = client.post("/admin/masuk/2fa", data={"code": "000000", "csrf_token": csrf_from(page)})
    assert "Kode autentikasi salah" in wrong.get_data(as_text=True)
    ok = client.post("/admin/masuk/2fa", data={"code": pyotp.TOTP(secret).now(), "csrf_token": csrf_from(page)})
    assert ok.headers["Location"] == "/admin/"


def test_replayed_totp_code_refused(app):
    email, secret = _user(app, "upg")
    first = app.test_client()
    code = pyotp.TOTP(secret).now()
    login(first, email)
    page = first.get("/admin/masuk/2fa").get_data(as_text=True)
    assert first.post("/admin/masuk/2fa", data={"code": code, "csrf_token": csrf_from(page)}).status_code == 302
    second = app.test_client()
    login(second, email)
    page = second.get("/admin/masuk/2fa").get_data(as_text=True)
    resp = second.post("/admin/masuk/2fa", data={"code": code, "csrf_token": csrf_from(page)})
    assert "sudah dipakai" in resp.get_data(as_text=True)


def test_wbs_officer_without_totp_must_enrol(app, client):
    email, _ = _user(app, "tim_wbs", totp=False)
    resp = login(client, email)
    assert resp.headers["Location"].endswith("/admin/2fa")
    page = client.get("/admin/2fa").get_data(as_text=True)
    secret = page.split('id="totp-secret">')[1].split("<")[0]
    assert client.get("/admin/2fa/qr.svg").mimetype == "image/svg+xml"
    resp = client.post("/admin/2fa", data={"code": pyotp.TOTP(secret).now(), "csrf_token": csrf_from(page)})
    assert resp.headers["Location"] == "/admin/"
    with app.app_context():
        assert db.session.scalar(select(User.totp_secret).where(User.email == email)) == secret


def test_missing_csrf_token_refused_with_clear_message(app, client):
    email, _ = _user(app)
    resp = client.post("/admin/masuk", data={"email": email, "password": PASSWORD})
    assert resp.status_code == 400
    html = resp.get_data(as_text=True)
    assert "Formulir kedaluwarsa" in html
    assert email in html  # what the user typed is kept
    assert PASSWORD not in html  # … but never a password


def test_expired_csrf_token_refused(app, client, clock):
    email, _ = _user(app)
    limit = app.config["WTF_CSRF_TIME_LIMIT"] = 600
    token = csrf_from(client.get("/admin/masuk").get_data(as_text=True))
    clock.advance(limit - 5)  # still inside the window: the form is read (and the password refused)
    resp = client.post("/admin/masuk", data={"email": email, "password": "salah-sekali-sandinya",
                                             "csrf_token": token})
    assert resp.status_code == 200 and "E-mail atau kata sandi salah." in resp.get_data(as_text=True)
    clock.advance(10)
    resp = client.post("/admin/masuk", data={"email": email, "password": PASSWORD, "csrf_token": token})
    assert resp.status_code == 400
    assert "kedaluwarsa" in resp.get_data(as_text=True)


def test_next_to_other_site_is_ignored(app, client):
    email, _ = _user(app)
    page = client.get("/admin/masuk?next=https://jahat.example/curi").get_data(as_text=True)
    resp = client.post("/admin/masuk?next=https://jahat.example/curi",
                       data={"email": email, "password": PASSWORD, "csrf_token": csrf_from(page)})
    assert resp.headers["Location"] == "/admin/"
    for bad in ("//jahat.example", "/\\jahat.example", "javascript:alert(1)"):
        page = client.get("/admin/").get_data(as_text=True)
        client.post("/admin/keluar", data={"csrf_token": csrf_from(page)})
        page = client.get("/admin/masuk").get_data(as_text=True)
        resp = client.post(f"/admin/masuk?next={bad}", data={"email": email, "password": PASSWORD,
                                                            "csrf_token": csrf_from(page)})
        assert resp.headers["Location"] == "/admin/", bad


def test_next_on_same_site_is_followed(app, client):
    email, _ = _user(app, "pimpinan")
    page = client.get("/admin/masuk?next=/admin/audit").get_data(as_text=True)
    resp = client.post("/admin/masuk?next=/admin/audit", data={"email": email, "password": PASSWORD,
                                                               "csrf_token": csrf_from(page)})
    assert resp.headers["Location"] == "/admin/audit"


def test_session_cookie_carries_only_an_id(app, client):
    email, _ = _user(app)
    login(client, email)
    cookie = client.get_cookie("zi_sesi")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"
    assert "." not in cookie.value and len(cookie.value) >= 40  # random id, no signed payload


def test_session_id_changes_at_login(app, client):
    email, _ = _user(app)
    client.get("/admin/masuk")
    before = client.get_cookie("zi_sesi").value
    login(client, email)
    assert client.get_cookie("zi_sesi").value != before


def test_one_time_password_must_be_changed(app, client):
    email, _ = _user(app, must_change=True)
    login(client, email)
    resp = client.get("/admin/")
    assert resp.headers["Location"] == "/admin/sandi"
    page = client.get("/admin/sandi").get_data(as_text=True)
    weak = client.post("/admin/sandi", data={"old_password": PASSWORD, "password": "pendek", "confirm": "pendek",
                                             "csrf_token": csrf_from(page)})
    assert "minimal 12 karakter" in weak.get_data(as_text=True)
    new = "burung-hantu-makan-durian-9"
    ok = client.post("/admin/sandi", data={"old_password": PASSWORD, "password": new, "confirm": new,
                                           "csrf_token": csrf_from(page)})
    assert ok.headers["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_disabled_user_session_ends(app, client, runner):
    email, _ = _user(app)
    login(client, email)
    assert client.get("/admin/").status_code == 200
    result = runner.invoke(args=["users", "disable", "--email", email])
    assert result.exit_code == 0
    assert client.get("/admin/").status_code == 302


def test_idle_officer_session_expires(app, client, clock):
    email, _ = _user(app)
    login(client, email)
    idle = app.config["OFFICER_IDLE_MINUTES"] * 60
    clock.advance(idle - 5)
    assert client.get("/admin/").status_code == 200  # quiet, but not for long enough; this visit counts
    clock.advance(idle - 5)
    assert client.get("/admin/").status_code == 200  # the spell runs from the last visit, not from login
    clock.advance(idle + 1)
    resp = client.get("/admin/")
    assert resp.status_code == 302 and "/admin/masuk" in resp.headers["Location"]


def test_logout(app, client):
    email, _ = _user(app)
    login(client, email)
    page = client.get("/admin/").get_data(as_text=True)
    client.post("/admin/keluar", data={"csrf_token": csrf_from(page)})
    assert client.get("/admin/").status_code == 302
