"""Regression tests for the login findings of the attack review (issue 10: items 1, 2 and 16)."""
import pyotp
from sqlalchemy import select

from core.extensions import db
from core.models import AuditEvent, User
from tests.conftest import csrf_from, login
from tests.factories import PASSWORD, make_user


def _user(app, *roles, **kw):
    with app.app_context():
        user, secret = make_user(roles, **kw)
        return user.email, secret


def _secret_of(app, email):
    with app.app_context():
        return db.session.scalar(select(User.totp_secret).where(User.email == email))


def _post_login(client, email, password=PASSWORD, addr="127.0.0.1"):
    env = {"REMOTE_ADDR": addr}
    page = client.get("/admin/masuk", environ_base=env).get_data(as_text=True)
    return client.post("/admin/masuk", data={"email": email, "password": password, "csrf_token": csrf_from(page)},
                       environ_base=env)


# --- 1. the password alone never replaces an authenticator ---------------------------------------------

def test_password_alone_cannot_enrol_a_new_authenticator(app, client):
    email, secret = _user(app, "tim_wbs")
    assert _post_login(client, email).headers["Location"].endswith("/admin/masuk/2fa")
    # skip the code step and open the enrolment page instead
    resp = client.get("/admin/2fa")
    assert resp.status_code == 302 and "totp-secret" not in resp.get_data(as_text=True)
    assert client.get("/admin/2fa/qr.svg").status_code == 404
    attacker = pyotp.random_base32()
    client.post("/admin/2fa", data={"code": pyotp.TOTP(attacker).now(), "csrf_token": csrf_from(
        client.get("/admin/masuk").get_data(as_text=True))})
    assert client.get("/admin/").status_code == 302  # not logged in
    assert _secret_of(app, email) == secret


def test_replacing_an_authenticator_needs_the_current_code(app, client):
    email, secret = _user(app, "upg")
    login(client, email, totp_secret=secret)
    page = client.get("/admin/2fa").get_data(as_text=True)
    new = page.split('id="totp-secret">')[1].split("<")[0]
    assert 'name="current_code"' in page
    wrong = client.post("/admin/2fa", data={"code": pyotp.TOTP(new).now(), "current_code": "000000",
                                            "csrf_token": csrf_from(page)})
    assert "salah" in wrong.get_data(as_text=True)
    assert _secret_of(app, email) == secret
    # a code of the old authenticator from the next time step (the login already used the current one)
    import time
    old = pyotp.TOTP(secret).at(time.time() + 30)
    ok = client.post("/admin/2fa", data={"code": pyotp.TOTP(new).now(), "current_code": old,
                                         "csrf_token": csrf_from(page)})
    assert ok.status_code == 302
    assert _secret_of(app, email) == new


def test_admin_resets_an_officers_second_factor_audited(app, login_as):
    email, _ = _user(app, "tim_wbs")
    admin = login_as("admin")
    with app.app_context():
        uid = db.session.scalar(select(User.id).where(User.email == email))
    page = admin.get(f"/admin/pengguna/{uid}").get_data(as_text=True)
    assert "Hapus autentikator 2FA" in page
    resp = admin.post(f"/admin/pengguna/{uid}/reset-2fa", data={"csrf_token": csrf_from(page)})
    assert resp.status_code == 303
    assert _secret_of(app, email) is None
    with app.app_context():
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.totp_reset")) is not None
    # at the next login the officer must enrol again
    fresh = app.test_client()
    assert _post_login(fresh, email).headers["Location"].endswith("/admin/2fa")


# --- 2. the role guard enforces 2FA on every request -----------------------------------------------------

def test_admin_needs_a_second_factor(app, client):
    email, _ = _user(app, "admin", totp=False)
    assert _post_login(client, email).headers["Location"].endswith("/admin/2fa")
    assert client.get("/admin/pengguna").status_code == 302


def test_granting_a_2fa_role_ends_the_live_session(app, login_as):
    officer = login_as("pimpinan")
    assert officer.get("/admin/").status_code == 200
    admin = login_as("admin")
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == officer.user_email))
        uid = user.id
    page = admin.get(f"/admin/pengguna/{uid}").get_data(as_text=True)
    admin.post(f"/admin/pengguna/{uid}", data={"nama": "Petugas", "jabatan": "", "nip": "", "unit_id": "0",
                                               "roles": ["pimpinan", "tim_wbs"], "aktif": "y",
                                               "csrf_token": csrf_from(page)})
    # the old session carries neither the new role nor its duty: it is over
    resp = officer.get("/admin/wbs/")
    assert resp.status_code == 302 and "/admin/masuk" in resp.headers["Location"]


def test_a_session_without_the_second_factor_is_stopped_by_the_role_guard(app, login_as):
    officer = login_as("pimpinan")
    assert officer.get("/admin/").status_code == 200
    app.config["REQUIRE_2FA_ALL"] = True  # the office now requires 2FA of everyone
    resp = officer.get("/admin/audit")
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/admin/2fa")


# --- 16. no lockout an outsider can set off ---------------------------------------------------------------

def test_failures_from_elsewhere_do_not_lock_the_officer_out(app):
    email, _ = _user(app, "petugas_pengaduan")
    attacker = app.test_client()
    for _ in range(app.config["LOGIN_MAX_FAILURES"] + 3):
        _post_login(attacker, email, "salah-sekali-sandinya", addr="203.0.113.9")
    # the attacker's own network now waits, even with the right password
    blocked = _post_login(attacker, email, addr="203.0.113.9")
    assert "Coba lagi dalam" in blocked.get_data(as_text=True)
    # the officer, elsewhere, logs in
    officer = app.test_client()
    assert _post_login(officer, email, addr="198.51.100.7").headers["Location"] == "/admin/"


def test_an_ipv6_subscriber_cannot_rotate_addresses_in_its_64(app):
    email, _ = _user(app, "petugas_pengaduan")
    c = app.test_client()
    for i in range(app.config["LOGIN_MAX_FAILURES"] + 1):
        _post_login(c, email, "salah-sekali-sandinya", addr=f"2001:db8:1:2::{i + 1:x}")
    resp = _post_login(c, email, addr="2001:db8:1:2::ffff")
    assert "Coba lagi dalam" in resp.get_data(as_text=True)
