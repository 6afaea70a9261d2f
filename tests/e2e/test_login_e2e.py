"""The home page and an officer login with TOTP, clicked in a real browser on a phone-sized screen."""
import pyotp
from playwright.sync_api import expect

from core.extensions import db
from tests.factories import PASSWORD, make_user


def test_home_page_fits_a_phone(page, live_server):
    page.goto(live_server + "/")
    expect(page.get_by_role("heading", name="Whistleblowing System (WBS)")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert overflow is False


def test_officer_logs_in_with_totp(app, page, live_server):
    with app.app_context():
        user, secret = make_user(["tim_wbs"])
        email = user.email
        db.session.remove()
    page.goto(live_server + "/")
    page.get_by_role("link", name="masuk ke halaman petugas").click()
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Kata sandi").fill("salah-sandi-sekali")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_text("E-mail atau kata sandi salah.")).to_be_visible()
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_label("E-mail").fill(email)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name="Verifikasi dua langkah")).to_be_visible()
    page.get_by_label("Kode 6 angka").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Verifikasi").click()
    expect(page.get_by_role("heading", name="Beranda petugas")).to_be_visible()
    expect(page.get_by_text("Peran Anda: Tim WBS.")).to_be_visible()
    page.get_by_role("button", name="Keluar").click()
    expect(page.get_by_text("Anda telah keluar.")).to_be_visible()
