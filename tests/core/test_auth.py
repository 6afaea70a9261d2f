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


def test_expired_form_page_in_the_readers_language(app, client):
    email, _ = _user(app)
    client.get("/admin/masuk?lang=en")  # the reader chose English earlier
    resp = client.post("/admin/masuk", data={"email": email, "password": PASSWORD})
    assert resp.status_code == 400
    html = resp.get_data(as_text=True)
    assert "Form expired" in html and "Your entries" in html and "Formulir kedaluwarsa" not in html
    assert email in html and PASSWORD not in html
    fresh = app.test_client().post("/admin/masuk", data={"email": email, "password": PASSWORD})
    assert "Formulir kedaluwarsa" in fresh.get_data(as_text=True)


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


def test_the_password_label_states_the_length_the_rule_enforces(app, client):
    import re

    email, _ = _user(app, must_change=True)
    login(client, email)
    page = client.get("/admin/sandi").get_data(as_text=True)
    n = int(re.search(r"Kata sandi baru \(minimal (\d+) karakter\)", page).group(1))
    enough = "burung-hantu-makan-durian-9"[:n]
    short = enough[:-1]
    refused = client.post("/admin/sandi", data={"old_password": PASSWORD, "password": short, "confirm": short,
                                                "csrf_token": csrf_from(page)})
    assert refused.status_code == 200 and f"minimal {n} karakter" in refused.get_data(as_text=True)
    ok = client.post("/admin/sandi", data={"old_password": PASSWORD, "password": enough, "confirm": enough,
                                           "csrf_token": csrf_from(page)})
    assert ok.headers["Location"] == "/admin/"


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


def _sign_in_pages(app, client) -> dict[str, str]:
    """What an officer reads on the way in: the login page and a wrong password, the 2FA code page and a wrong
    code, then (another officer) the enrolment, the welcome, the forced password change with a too-short
    password, and the password confirmation with a wrong password."""
    text = {}
    wrong_email, _ = _user(app)
    text["login"] = client.get("/admin/masuk").get_data(as_text=True)
    text["wrong"] = login(client, wrong_email, "salah-sekali-sandinya").get_data(as_text=True)
    email, _ = _user(app, "tim_wbs")
    login(client, email)
    text["totp"] = client.get("/admin/masuk/2fa").get_data(as_text=True)
    text["bad_code"] = client.post("/admin/masuk/2fa", data={
        "code": "000000", "csrf_token": csrf_from(text["totp"])}).get_data(as_text=True)
    email, _ = _user(app, "tim_wbs", totp=False, must_change=True)
    login(client, email)
    text["enrol"] = client.get("/admin/2fa").get_data(as_text=True)
    secret = text["enrol"].split('id="totp-secret">')[1].split("<")[0]
    text["welcome"] = client.post("/admin/2fa", follow_redirects=True, data={
        "code": pyotp.TOTP(secret).now(), "csrf_token": csrf_from(text["enrol"])}).get_data(as_text=True)
    text["short"] = client.post("/admin/sandi", data={"old_password": PASSWORD, "password": "pendek",
                                                      "confirm": "pendek", "csrf_token": csrf_from(text["welcome"])}
                                ).get_data(as_text=True)
    new = "burung-hantu-makan-durian-9"
    client.post("/admin/sandi", data={"old_password": PASSWORD, "password": new, "confirm": new,
                                      "csrf_token": csrf_from(text["welcome"])})
    text["reauth"] = client.get("/admin/konfirmasi").get_data(as_text=True)
    text["reauth_wrong"] = client.post("/admin/konfirmasi", data={
        "password": "bukan-sandinya-sama-sekali", "csrf_token": csrf_from(text["reauth"])}).get_data(as_text=True)
    return text


def test_sign_in_pages_in_english_for_an_officer_reading_english(app, client):
    client.get("/admin/masuk?lang=en")
    text = _sign_in_pages(app, client)
    assert "Officer sign-in" in text["login"] and "Masuk petugas" not in text["login"]
    assert "Wrong e-mail or password." in text["wrong"] and "kata sandi salah" not in text["wrong"]
    assert "Two-step verification" in text["totp"] and "Verifikasi dua langkah" not in text["totp"]
    assert "The authentication code is wrong or already used." in text["bad_code"]
    enrol = text["enrol"]
    assert "Your role requires two-factor authentication." in enrol and "Scan this QR code" in enrol
    assert "Turn on two-factor authentication" in enrol and "Pindai kode QR" not in enrol and "Kunci:" not in enrol
    welcome = text["welcome"]
    assert "Welcome, " in welcome and "Change your one-time password before you continue." in welcome
    assert "Change password" in welcome and "Current password" in welcome and "Repeat the new password" in welcome
    assert "Selamat datang" not in welcome and "Kata sandi saat ini" not in welcome
    assert "The password must be at least 12 characters long." in text["short"]
    assert "Kata sandi minimal" not in text["short"]
    assert "Confirm your password" in text["reauth"] and "Continue" in text["reauth"]
    assert "Konfirmasi kata sandi" not in text["reauth"] and "Lanjutkan" not in text["reauth"]
    assert "Wrong password." in text["reauth_wrong"] and "Kata sandi salah." not in text["reauth_wrong"]


def test_sign_in_pages_in_indonesian_without_the_english_cookie(app, client):
    text = _sign_in_pages(app, client)
    assert "Masuk petugas" in text["login"] and "E-mail atau kata sandi salah." in text["wrong"]
    assert "Verifikasi dua langkah" in text["totp"] and "Kode autentikasi salah" in text["bad_code"]
    assert "Pindai kode QR" in text["enrol"] and "Peran Anda mewajibkan" in text["enrol"]
    assert "Selamat datang, " in text["welcome"] and "Kata sandi saat ini" in text["welcome"]
    assert "Kata sandi minimal 12 karakter." in text["short"]
    assert "Konfirmasi kata sandi" in text["reauth"] and "Kata sandi salah." in text["reauth_wrong"]
    assert not any(english in page for page in text.values()
                   for english in ("Officer sign-in", "Welcome", "Current password", "Wrong password"))


def test_throttle_message_says_how_long_in_the_readers_language(app):
    from flask_babel import force_locale, gettext

    from core.accounts import _wait_message

    with app.test_request_context():
        assert "Coba lagi dalam 30 detik," in _wait_message(30) and "dalam 3 menit," in _wait_message(150)
        with force_locale("en"):
            assert "Try again in 30 seconds, or" in _wait_message(30).in_lang("en", gettext)
            assert "Try again in 3 minutes, or" in _wait_message(150).in_lang("en", gettext)
