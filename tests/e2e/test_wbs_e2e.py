"""The WBS mailbox conversation clicked in a real browser on a phone-sized screen: a reporter files a
report, keeps the receipt, the team asks a question, the reporter answers with evidence."""
import re

import pyotp
from playwright.sync_api import expect

from core.extensions import db
from tests.factories import PASSWORD, make_user
from tests.wbs.helpers import PASSPHRASE, png_bytes
from wbs import keys


def test_reporter_and_team_converse_through_the_mailbox(app, page, live_server, tmp_path):
    with app.app_context():
        officer, secret = make_user(["tim_wbs"])
        keys.enrol_officer(officer, PASSPHRASE)
        db.session.commit()
        email = officer.email
        db.session.remove()
    photo = tmp_path / "bukti.png"
    photo.write_bytes(png_bytes())

    # the reporter, anonymous, on a phone
    page.goto(live_server + "/wbs/")
    expect(page.get_by_role("heading", name="Whistleblowing System (WBS)")).to_be_visible()
    page.get_by_role("link", name="Buat laporan").click()
    page.get_by_label("Apa yang terjadi?").fill("Pungutan di loket perizinan")
    page.get_by_label("Di mana terjadinya?").fill("Loket 3")
    page.get_by_label("Jenis pelanggaran").select_option("pungli")
    page.get_by_label("Bukti awal").set_input_files(str(photo))
    page.get_by_role("button", name="Kirim laporan").click()
    expect(page.get_by_text("Catat resi ini sekarang.")).to_be_visible()
    receipt = page.locator("#resi").inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", receipt)
    assert receipt not in page.url
    assert page.evaluate("document.documentElement.scrollWidth > window.innerWidth") is False

    # the team: login with TOTP, unlock the WBS key, ask a question
    team = page.context.browser.new_context(viewport={"width": 360, "height": 780}, locale="id-ID")
    officer_page = team.new_page()
    officer_page.goto(live_server + "/admin/masuk")
    officer_page.get_by_label("E-mail").fill(email)
    officer_page.get_by_label("Kata sandi").fill(PASSWORD)
    officer_page.get_by_role("button", name="Masuk").click()
    officer_page.get_by_label("Kode 6 angka").fill(pyotp.TOTP(secret).now())
    officer_page.get_by_role("button", name="Verifikasi").click()
    officer_page.goto(live_server + "/admin/wbs/")
    officer_page.get_by_role("link", name="Buka kunci WBS").click()
    officer_page.get_by_label("Frasa sandi WBS").fill(PASSPHRASE)
    officer_page.get_by_role("button", name="Buka kunci").click()
    expect(officer_page.get_by_text("Kunci WBS terbuka untuk sesi ini.").first).to_be_visible()
    officer_page.get_by_role("link", name=re.compile(r"WBS-\d+")).click()
    expect(officer_page.get_by_text("Pungutan di loket perizinan")).to_be_visible()
    officer_page.locator("#tim-teks").fill("Siapa petugas yang meminta uang?")
    officer_page.get_by_role("button", name="Kirim ke pelapor").click()
    expect(officer_page.get_by_text("Pesan terkirim ke kotak pesan pelapor.")).to_be_visible()

    # the reporter comes back with the receipt typed carelessly
    page.goto(live_server + "/wbs/kotak")
    page.get_by_label("Resi").fill(receipt.lower().replace("-", " "))
    page.get_by_role("button", name="Buka kotak pesan").click()
    expect(page.get_by_text("Siapa petugas yang meminta uang?")).to_be_visible()
    assert "kotak" in page.url and receipt not in page.url and receipt.lower() not in page.url
    page.get_by_label("Pesan atau jawaban Anda").fill("Petugas berseragam di loket 3, pagi hari.")
    page.get_by_role("button", name="Kirim").click()
    expect(page.get_by_text("Pesan Anda terkirim ke Tim WBS.")).to_be_visible()
    expect(page.get_by_text("Petugas berseragam di loket 3, pagi hari.")).to_be_visible()

    # the team reads the answer
    officer_page.reload()
    expect(officer_page.get_by_text("Petugas berseragam di loket 3, pagi hari.")).to_be_visible()
    team.close()
