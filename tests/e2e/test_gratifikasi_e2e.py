"""Gratifikasi in a real browser on a phone-sized screen: an employee checks "wajib lapor?", reports a gift
with a photo and keeps the receipt; the UPG verifies, forwards to KPK (cover letter), records KPK's decision and
closes; the employee follows the report with the number and secret code."""
import io
import re
from pathlib import Path
from datetime import timedelta

import pyotp
from docx import Document
from playwright.sync_api import expect

from core.extensions import db
from core.workdays import local_today
from tests.factories import PASSWORD, make_unit, make_user
from tests.gratifikasi.helpers import NIP
from tests.gratifikasi.test_views import PNG


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth > window.innerWidth") is False


def test_gratifikasi_full_workflow(app, page, live_server, tmp_path):
    with app.app_context():
        make_unit("KB", "Bidang Keluarga Berencana")
        user, secret = make_user(["upg"])
        email = user.email
        db.session.commit()
        db.session.remove()
    received = (local_today() - timedelta(days=2)).isoformat()

    # the employee asks first
    page.goto(live_server + "/gratifikasi/")
    expect(page.get_by_role("heading", name="Tolak dan laporkan gratifikasi")).to_be_visible()
    _fits(page)
    page.get_by_role("link", name="Apakah saya wajib lapor?").click()
    page.get_by_label("Acara atau peristiwa pemberian").select_option("hari_raya")
    page.get_by_label("Hubungan Anda dengan pemberi").select_option("rekanan")
    page.get_by_label("Bentuk pemberian").select_option("barang")
    page.get_by_label("Nilai (nominal atau taksiran)").fill("1.750.000,00")
    page.get_by_label("Tanggal diterima").fill(received)
    page.get_by_role("button", name="Periksa").click()
    expect(page.get_by_role("heading", name="Wajib dilaporkan", exact=True)).to_be_visible()
    _fits(page)
    page.get_by_role("link", name="Laporkan sekarang").click()

    # ... and reports, one question per page, the helper's answers carried over
    expect(page.get_by_role("heading", name="Apa yang ingin Anda laporkan?")).to_be_visible()
    expect(page.get_by_label("Penerimaan gratifikasi")).to_be_checked()
    expect(page.get_by_text("Langkah 1 dari 9")).to_be_visible()
    _fits(page)
    page.get_by_role("button", name="Lanjutkan").click()
    page.get_by_label("Nama lengkap").fill("Andi Saputra")
    page.get_by_label("NIP / NIK").fill("1985010120100110")  # two digits short
    page.get_by_role("button", name="Lanjutkan").click()
    expect(page.get_by_text("NIP harus 18 angka; yang Anda isi 16 angka.", exact=True)).to_be_visible()
    expect(page.locator("#ringkasan-galat").get_by_role("link", name="NIP / NIK")).to_be_visible()
    expect(page.get_by_label("Nama lengkap")).to_have_value("Andi Saputra")  # nothing lost
    page.get_by_label("NIP / NIK").fill(NIP)
    page.get_by_role("button", name="Lanjutkan").click()
    expect(page.get_by_text("Langkah 3 dari 9")).to_be_visible()
    page.get_by_label("Jabatan", exact=True).fill("Penyuluh KB")
    page.get_by_label("Unit kerja", exact=True).select_option(label="Bidang Keluarga Berencana")
    page.get_by_role("button", name="Lanjutkan").click()
    page.get_by_label("Nomor telepon/WA").fill("0812 3456 7890")
    page.get_by_label("Alamat", exact=True).fill("Jl. Merdeka 1, Palembang")
    page.get_by_role("button", name="Lanjutkan").click()
    expect(page.get_by_label("Hubungan dengan pemberi")).to_have_value("rekanan")  # from the helper
    page.get_by_label("Nama pemberi").fill("PT Sumber Rejeki")
    page.get_by_label("Pekerjaan/jabatan pemberi").fill("Direktur")
    page.get_by_role("button", name="Lanjutkan").click()
    expect(page.get_by_label("Tanggal penerimaan (atau penolakan)")).to_have_value(received)
    page.get_by_label("Tempat penerimaan").fill("Kantor")
    page.get_by_role("button", name="Lanjutkan").click()
    expect(page.get_by_label("Nilai dalam rupiah")).to_have_value("1.750.000,00")
    page.get_by_label("Uraian objek (jenis, merek, jumlah)").fill("Parsel makanan")
    page.get_by_role("button", name="Lanjutkan").click()
    page.get_by_label("Kronologi (bagaimana pemberian terjadi)").fill("Diantar kurir ke meja saya.")
    page.get_by_label("Keberadaan objek saat ini").select_option("diserahkan_upg")
    page.get_by_role("button", name="Lanjutkan").click()
    photo = tmp_path / "parsel.png"
    photo.write_bytes(PNG)
    page.get_by_label("Bukti (foto/PDF").set_input_files(str(photo))
    page.get_by_role("button", name="Lanjutkan").click()

    # the check page: every answer, each changeable, then sent
    expect(page.get_by_role("heading", name="Periksa laporan Anda")).to_be_visible()
    expect(page.get_by_text("parsel.png")).to_be_visible()
    _fits(page)
    page.get_by_role("button", name="Ubah Pemberi", exact=True).click()
    expect(page.get_by_label("Nama pemberi")).to_have_value("PT Sumber Rejeki")
    page.get_by_label("Nama pemberi").fill("PT Sumber Rejeki Abadi")
    page.get_by_role("button", name="Lanjutkan").click()
    expect(page.get_by_role("heading", name="Periksa laporan Anda")).to_be_visible()
    expect(page.get_by_text("PT Sumber Rejeki Abadi")).to_be_visible()
    page.get_by_role("button", name="Kirim laporan").click()

    expect(page.get_by_role("heading", name="Laporan gratifikasi diterima")).to_be_visible()
    expect(page.get_by_text("hari kerja lagi")).to_be_visible()
    _fits(page)
    nomor = re.search(r"GRT-\d{4}-\d{6}", page.content()).group(0)
    kode = page.locator("#kode").inner_text().strip()
    with page.expect_download() as dl:
        page.get_by_role("link", name="Unduh tanda terima (PDF)").click()
    assert dl.value.suggested_filename == f"tanda-terima-{nomor}.pdf"

    # the UPG officer logs in with TOTP and handles the report
    page.goto(live_server + "/admin/masuk")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_label("Kode 6 angka").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Verifikasi").click()
    expect(page.get_by_text("Gratifikasi belum diteruskan")).to_be_visible()
    page.get_by_role("link", name="Gratifikasi", exact=True).first.click()
    expect(page.get_by_role("heading", name="Register laporan gratifikasi")).to_be_visible()
    page.get_by_role("link", name=nomor).click()
    expect(page.get_by_text("Andi Saputra")).to_be_visible()
    expect(page.get_by_role("link", name="parsel.png")).to_be_visible()

    page.get_by_role("button", name="Nyatakan lengkap").click()
    expect(page.get_by_text("kini berstatus «Diverifikasi (lengkap)»")).to_be_visible()
    page.get_by_label("Cara penerusan").select_option("gol")
    page.get_by_label("Nomor registrasi/laporan di KPK (bila ada)").fill("GOL-2026-0099")
    page.get_by_role("button", name="Teruskan ke KPK").click()
    expect(page.get_by_text("kini berstatus «Diteruskan ke KPK»")).to_be_visible()
    with page.expect_download() as dl:
        page.get_by_role("link", name="DOCX").first.click()
    doc = Document(io.BytesIO(Path(dl.value.path()).read_bytes()))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "FORMULIR LAPORAN GRATIFIKASI" in text and nomor in text

    page.get_by_label("Penetapan KPK").select_option("milik_negara")
    page.get_by_label("Nomor SK").fill("1234/GRA.00/2026")
    page.get_by_label("Tanggal SK").fill(local_today().isoformat())
    page.get_by_label("Tindak lanjut atas objek").fill("Disetor ke kas negara")
    page.get_by_role("button", name="Catat penetapan").click()
    expect(page.get_by_text("kini berstatus «Ditetapkan KPK»")).to_be_visible()
    page.get_by_role("button", name="Tutup laporan (selesai)").click()
    expect(page.get_by_text("kini berstatus «Selesai»")).to_be_visible()
    _fits(page)
    page.get_by_role("button", name="Keluar").click()

    # the employee follows the report
    page.goto(live_server + "/gratifikasi/lacak")
    page.get_by_label("Nomor laporan").fill(nomor)
    page.get_by_label("Kode rahasia").fill("SALAH-KODE-0000-0000")
    page.get_by_role("button", name="Lihat status").click()
    expect(page.get_by_text("Nomor laporan atau kode rahasia tidak cocok.")).to_be_visible()
    page.get_by_label("Nomor laporan").fill(nomor)
    page.get_by_label("Kode rahasia").fill(kode.lower())
    page.get_by_role("button", name="Lihat status").click()
    expect(page.get_by_role("heading", name=f"Status laporan {nomor}")).to_be_visible()
    expect(page.get_by_text("Penetapan KPK: Milik negara")).to_be_visible()
    expect(page.get_by_text("Diteruskan ke KPK pada")).to_be_visible()
    _fits(page)
