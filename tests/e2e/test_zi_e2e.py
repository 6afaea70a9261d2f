"""The ZI dashboard in a real browser on a phone-sized screen, without a script of our own: the admin reads the
score, opens a pertanyaan, is refused a wrong file type with a clear message (what was typed stays), files a photo,
overrides a proposal with a reason, generates last month's complaint monev and downloads it, sends it to a unit
by nota dinas and records its monev meeting with a photo; the public
transparency page is reachable from the home page."""
from datetime import timedelta

import pyotp
from playwright.sync_api import expect

from core.extensions import db
from core.workdays import local_today
from tests.factories import PASSWORD, make_unit, make_user
from tests.zi import helpers as h
from zi import catalogue


def _fits(page) -> None:
    page.wait_for_load_state("load")  # the stylesheets applied, or the width measured is the unstyled one
    assert page.evaluate("document.documentElement.scrollWidth > window.innerWidth") is False


def test_zi_dashboard_and_transparency_page(app, page, live_server, tmp_path):
    today = local_today()
    last_month = today.replace(day=1) - timedelta(days=1)
    with app.app_context():
        user, secret = make_user(["admin"])
        email = user.email
        make_unit("SEKR", "Sekretariat")
        catalogue.load(today.year)
        catalogue.load(last_month.year)
        h.pengaduan(last_month.replace(day=1), "selesai", respon_pada=last_month.replace(day=1))
        db.session.commit()
        db.session.remove()

    page.goto(live_server + "/admin/masuk")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_label("Kode 6 angka").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Verifikasi").click()
    expect(page.get_by_text(f"Nilai ZI {today.year}")).to_be_visible()  # the dashboard card

    page.get_by_role("link", name="Zona Integritas", exact=True).first.click()
    expect(page.get_by_role("heading", name=f"Lembar Kerja Evaluasi Zona Integritas {today.year}")).to_be_visible()
    expect(page.get_by_role("heading", name="Belum memenuhi syarat WBK")).to_be_visible()
    _fits(page)
    page.get_by_role("link", name="Penguatan Pengawasan").click()
    expect(page.get_by_role("heading", name="Penguatan Pengawasan", exact=True)).to_be_visible()
    _fits(page)
    page.get_by_role("link", name="PW.P3.a", exact=True).click()
    expect(page.get_by_text("Usulan berdasarkan data: C")).to_be_visible()
    _fits(page)

    # a wrong file type: a clear message, and what was typed is still there
    unggah = page.locator("form[action*='/bukti']")
    unggah.get_by_label("Judul bukti").fill("Foto kotak pengaduan lobi")
    unggah.get_by_label("Jenis bukti").select_option("foto")
    unggah.get_by_label("Dicatat sebagai bukti dukung").select_option(label="capture kotak khusus pengaduan")
    gif = tmp_path / "kotak.gif"
    gif.write_bytes(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;")
    unggah.get_by_label("Berkas: PDF").set_input_files(str(gif))
    unggah.get_by_role("button", name="Simpan bukti").click()
    expect(page.get_by_text("Berkas «kotak.gif» bukan berkas JPEG, PNG, WebP, PDF atau XLSX yang sah.", exact=True)).to_be_visible()
    unggah = page.locator("form[action*='/bukti']")
    expect(unggah.get_by_label("Judul bukti")).to_have_value("Foto kotak pengaduan lobi")
    png = tmp_path / "kotak.png"
    png.write_bytes(h.png())
    unggah.get_by_label("Berkas: PDF").set_input_files(str(png))
    unggah.get_by_role("button", name="Simpan bukti").click()
    expect(page.get_by_text("Bukti «Foto kotak pengaduan lobi» dicatat untuk PW.P3.a.")).to_be_visible()
    expect(page.get_by_role("link", name="Foto kotak pengaduan lobi")).to_be_visible()

    # an override needs a reason
    jawab = page.locator("form[action*='/jawaban']").first
    jawab.get_by_label("Jawaban", exact=True).select_option("B")
    jawab.get_by_role("button", name="Simpan jawaban").click()
    expect(page.get_by_text("Jawaban berbeda dari usulan berdasarkan data (C); tuliskan alasannya.", exact=True)).to_be_visible()
    jawab = page.locator("form[action*='/jawaban']").first
    jawab.get_by_label("Alasan").fill("SK petugas ada di arsip; pindaian menyusul.")
    jawab.get_by_role("button", name="Simpan jawaban").click()
    expect(page.get_by_text("Jawaban PW.P3.a disimpan.")).to_be_visible()
    expect(page.get_by_text("Jawaban petugas").first).to_be_visible()
    _fits(page)

    # last month's complaint monev, generated from the form and downloaded
    page.get_by_role("link", name="Laporan monev").click()
    page.get_by_role("button", name="Buat dan catat di register").click()
    expect(page.get_by_text("dibuat dengan nomor")).to_be_visible()
    _fits(page)
    with page.expect_download() as dl:
        page.get_by_role("link", name="DOCX").first.click()
    assert dl.value.suggested_filename.startswith("laporan-monitoring-dan-evaluasi-penanganan-pengaduan")

    # the report's page: sent to a unit by nota dinas, and its monev meeting recorded
    page.locator("a[href*='/admin/zi/laporan/']").first.click()
    expect(page.get_by_role("heading", name="Nota dinas kepada unit terkait")).to_be_visible()
    _fits(page)
    page.get_by_label("Sekretariat").check()
    page.get_by_role("button", name="Buat nota dinas").click()
    expect(page.get_by_text("Nota dinas dibuat:")).to_be_visible()
    with page.expect_download() as dl:
        page.locator("#nota-dinas").get_by_role("link", name="DOCX").click()
    assert dl.value.suggested_filename.startswith("nota-dinas-monev-sekr")
    rapat = page.locator("form[action*='/rapat']")
    rapat.get_by_label("Peserta").fill("Kepala Perwakilan\nPetugas Pengaduan")
    rapat.get_by_label("Notulen (ketik").fill("Hasil monev dibahas; spanduk kanal pengaduan dipasang.")
    rapat.get_by_label("Foto rapat").set_input_files(str(png))
    rapat.get_by_role("button", name="Catat rapat dan berkasnya di register").click()
    expect(page.get_by_text("dicatat dengan 2 berkas bukti.")).to_be_visible()
    expect(page.get_by_text("Peserta: Kepala Perwakilan; Petugas Pengaduan")).to_be_visible()
    _fits(page)
    page.get_by_role("link", name="Kesiapan", exact=True).click()
    expect(page.get_by_role("heading", name=f"Kesiapan evaluasi {today.year}")).to_be_visible()
    _fits(page)
    page.get_by_role("button", name="Keluar").click()

    # the public page, from the home page
    page.goto(live_server + "/")
    page.get_by_role("link", name="Transparansi: statistik pengaduan").click()
    expect(page.get_by_role("heading", name=f"Transparansi layanan {today.year}")).to_be_visible()
    expect(page.get_by_role("heading", name="Pengaduan masyarakat")).to_be_visible()
    _fits(page)
