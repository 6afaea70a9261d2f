"""A complaint from the citizen's phone to the answer and the rating, clicked in a real browser."""
import re

from playwright.sync_api import expect

from core.extensions import db
from tests.factories import PASSWORD, make_unit, make_user
from tests.pengaduan.helpers import jpeg_with_exif


def _login(page, base, email):
    page.goto(base + "/admin/masuk")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name="Beranda petugas")).to_be_visible()


def _logout(page):
    page.get_by_role("button", name="Keluar").click()
    expect(page.get_by_text("Anda telah keluar.")).to_be_visible()


def _open(page, action):
    """Unfold an action on the case page (the first one is already unfolded)."""
    details = page.locator("details").filter(has=page.locator("summary", has_text=action))
    if details.get_attribute("open") is None:
        details.locator("summary").click()


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth > window.innerWidth") is False


def test_complaint_from_phone_to_answer_and_rating(app, page, live_server, tmp_path):
    with app.app_context():
        unit = make_unit("KB", "Bidang Keluarga Berencana")
        officer, _ = make_user(["petugas_pengaduan"])
        pj, _ = make_user(["unit"], unit=unit)
        officer_email, pj_email = officer.email, pj.email
        db.session.remove()
    photo = tmp_path / "antrean.jpg"
    photo.write_bytes(jpeg_with_exif())

    # the citizen, on a 360 px phone
    page.goto(live_server + "/")
    page.get_by_role("link", name="Pengaduan Masyarakat").click()
    _fits(page)
    page.get_by_label("Jenis").select_option("pengaduan")
    page.get_by_label("Kategori").select_option("Pelayanan publik")
    page.get_by_label("Judul singkat").fill("Antrean layanan KB terlalu lama")
    page.get_by_label("Uraian: apa yang terjadi?").fill("Saya menunggu tiga jam di klinik tanpa kejelasan jadwal.")
    page.get_by_label("Lampiran (opsional)").set_input_files(str(photo))
    page.get_by_label("Nama", exact=True).fill("Siti Aminah")
    page.get_by_label("Nomor telepon / WhatsApp").fill("081234567890")
    page.get_by_label("Saya telah membaca pemberitahuan privasi").check()
    page.get_by_role("button", name="Periksa kiriman").click()
    expect(page.get_by_role("heading", name="Periksa sebelum mengirim")).to_be_visible()
    expect(page.get_by_text("antrean.jpg")).to_be_visible()
    _fits(page)
    page.get_by_role("button", name="Kirim pengaduan").click()
    expect(page.get_by_role("heading", name="Pengaduan Anda sudah kami terima")).to_be_visible()
    tiket = page.locator("#tiket").inner_text().strip()
    kode = page.locator("#kode").inner_text().strip()
    assert re.fullmatch(r"PGD-\d{4}-\d{6}", tiket) and len(kode) == 19
    _fits(page)

    # the officer verifies and disposes it
    _login(page, live_server, officer_email)
    page.get_by_role("link", name="Pengaduan", exact=True).click()
    page.get_by_role("link", name=tiket).click()
    expect(page.locator("#identitas")).to_contain_text("Siti Aminah")
    expect(page.get_by_role("link", name="antrean.jpg")).to_be_visible()
    page.get_by_label("Tingkat penyelesaian").select_option("normatif")
    page.get_by_role("button", name="Verifikasi", exact=True).click()
    expect(page.locator("#status")).to_have_text("Diverifikasi")
    _open(page, "Disposisi ke unit")
    page.get_by_label("Unit tujuan").select_option(label="Bidang Keluarga Berencana")
    page.get_by_label("Sifat nota dinas").select_option("Segera")
    page.get_by_role("button", name="Disposisi ke unit (nota dinas)").click()
    expect(page.get_by_text(re.compile(r"Didisposisikan dengan nota dinas nomor 1/KPW/"))).to_be_visible()
    expect(page.get_by_role("link", name="PDF")).to_be_visible()
    _logout(page)

    # the unit records its follow-up
    _login(page, live_server, pj_email)
    page.get_by_role("link", name="Pengaduan", exact=True).click()
    page.get_by_role("link", name=tiket).click()
    page.get_by_label("Tindak lanjut yang telah dilakukan").fill("Jadwal layanan KB ditambah pada hari Sabtu.")
    page.get_by_role("button", name="Catat tindak lanjut unit").click()
    expect(page.locator("#status")).to_have_text("Ditindaklanjuti")
    _logout(page)

    # the officer answers the citizen
    _login(page, live_server, officer_email)
    page.goto(live_server + "/admin/pengaduan")
    page.get_by_role("link", name=tiket).click()
    _open(page, "Jawab pelapor")
    page.get_by_label("Jawaban kepada pelapor").fill("Terima kasih. Mulai bulan ini layanan KB juga dibuka hari Sabtu.")
    page.get_by_role("button", name="Jawab pelapor").click()
    expect(page.locator("#status")).to_have_text("Dijawab")
    _logout(page)

    # the citizen sees the answer and rates it
    page.goto(live_server + "/pengaduan/lacak")
    page.get_by_label("Nomor tiket").fill(tiket)
    page.get_by_label("Kode pelacakan").fill(kode.lower())
    page.get_by_role("button", name="Lihat status").click()
    expect(page.locator("#jawaban")).to_contain_text("layanan KB juga dibuka hari Sabtu")
    expect(page.get_by_text("Bidang Keluarga Berencana", exact=True)).to_be_visible()  # where it went
    _fits(page)
    page.get_by_label("5", exact=True).check()
    page.get_by_label("Komentar (opsional)").fill("Cepat dan jelas.")
    page.get_by_role("button", name="Kirim penilaian").click()
    expect(page.get_by_text("Terima kasih atas penilaian Anda.")).to_be_visible()
    expect(page.get_by_text("5 dari 5", exact=True)).to_be_visible()
