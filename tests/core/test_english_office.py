"""The office's own English wording (settings) on ?lang=en pages; its letters and posters stay Indonesian."""
import io

from pypdf import PdfReader

from tests.conftest import csrf_from


def test_office_name_in_english_on_english_pages_only(app, login_as):
    admin = login_as("admin")
    page = admin.get("/admin/pengaturan").get_data(as_text=True)
    assert admin.post("/admin/pengaturan", data={
        "nama": "Perwakilan BKKBN Provinsi Sumatera Selatan", "nama_en": "BKKBN South Sumatra Provincial Office",
        "nama_singkat": "ZI Lapor", "template_nomor": "{seq}/{kka}/{yyyy}", "kode_jabatan": "KD", "kka": "PP.01",
        "csrf_token": csrf_from(page)}).status_code == 302
    assert "BKKBN South Sumatra Provincial Office" in admin.get("/admin/pengaturan").get_data(as_text=True)

    en = app.test_client().get("/?lang=en").get_data(as_text=True)
    assert "BKKBN South Sumatra Provincial Office" in en and "Perwakilan BKKBN Provinsi" not in en
    id_ = app.test_client().get("/").get_data(as_text=True)
    assert "Perwakilan BKKBN Provinsi Sumatera Selatan" in id_ and "South Sumatra Provincial" not in id_

    poster = app.test_client().get("/gratifikasi/poster.pdf?lang=en")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(poster.data)).pages)
    assert "PERWAKILAN BKKBN PROVINSI SUMATERA SELATAN" in text.upper() and "South Sumatra" not in text


def test_settings_pages_in_english_for_an_officer_reading_english(app, login_as):
    admin = login_as("admin")
    page = admin.get("/admin/pengaturan?lang=en").get_data(as_text=True)
    assert "Office settings" in page and "Name of the office" in page and "Memo numbering" in page
    assert "Add a unit" in page and "Nama instansi" not in page and "Penomoran nota dinas" not in page
    refused = admin.post("/admin/pengaturan", data={
        "nama": "", "nama_singkat": "ZI Lapor", "template_nomor": "{seq}/{kka}/{yyyy}", "kode_jabatan": "KD",
        "kka": "PP.01", "kepala_nip": "123", "csrf_token": csrf_from(page)}).get_data(as_text=True)
    assert "Required." in refused and "The NIP (civil servant number) has 18 digits." in refused
    assert "Wajib diisi." not in refused and "NIP terdiri" not in refused
    saved = admin.post("/admin/pengaturan", follow_redirects=True, data={
        "nama": "Kantor Contoh", "nama_singkat": "ZI Lapor", "template_nomor": "{seq}/{kka}/{yyyy}",
        "kode_jabatan": "KD", "kka": "PP.01", "csrf_token": csrf_from(page)}).get_data(as_text=True)
    assert "Office settings saved." in saved
    unit = admin.get("/admin/pengaturan/unit/baru").get_data(as_text=True)  # the language stays with the officer
    assert "New unit" in unit and "Unit name in English (optional)" in unit and "Name of the head of unit" in unit
    assert "Working-day calendar" in admin.get("/admin/pengaturan/kalender").get_data(as_text=True)

    id_ = admin.get("/admin/pengaturan?lang=id").get_data(as_text=True)
    assert "Nama instansi" in id_ and "Name of the office" not in id_


def test_a_bad_memo_number_format_is_explained_in_the_pages_language(app, login_as):
    admin = login_as("admin")
    page = admin.get("/admin/pengaturan?lang=en").get_data(as_text=True)
    data = {"nama": "X", "nama_singkat": "Y", "kode_jabatan": "KD", "kka": "PP", "csrf_token": csrf_from(page)}
    html = admin.post("/admin/pengaturan", data={**data, "template_nomor": "{seq}/{rahasia}"}).get_data(as_text=True)
    assert "Unknown token «{rahasia}» in the number format; use {seq}, " in html and "tidak dikenal" not in html
    html = admin.post("/admin/pengaturan", data={**data, "template_nomor": "{seq:>9}/{kka}"}).get_data(as_text=True)
    assert "The format «{seq:&gt;9}» is not allowed in the number format" in html and "tidak boleh" not in html
    html = admin.post("/admin/pengaturan", data={**data, "template_nomor": "{seq/{kka}"}).get_data(as_text=True)
    assert "The number format «{seq/{kka}» is not valid (unbalanced braces)." in html

    page = admin.get("/admin/pengaturan?lang=id").get_data(as_text=True)
    html = admin.post("/admin/pengaturan", data={**data, "template_nomor": "{seq}/{rahasia}",
                                                 "csrf_token": csrf_from(page)}).get_data(as_text=True)
    assert "Token «{rahasia}» tidak dikenal dalam templat nomor; gunakan {seq}, " in html and "Unknown token" not in html


def test_a_units_english_name_on_english_pages_and_its_own_in_documents(app, login_as):
    from core.extensions import db
    from core.models import Unit
    from tests.skm.conftest import buat_survei

    with app.app_context():
        layanan, _ = buat_survei()
        unit_id = layanan.unit_id
        db.session.commit()
    admin = login_as("admin")
    page = admin.get(f"/admin/pengaturan/unit/{unit_id}").get_data(as_text=True)
    assert admin.post(f"/admin/pengaturan/unit/{unit_id}", data={
        "kode": "KB", "nama": "Bidang Keluarga Berencana", "nama_en": " Family Planning Division ",
        "kepala_jabatan": "Kepala Bidang KB", "aktif": "y", "csrf_token": csrf_from(page)}).status_code == 302
    with app.app_context():
        assert db.session.get(Unit, unit_id).nama_en == "Family Planning Division"
    assert "Family Planning Division" in admin.get(f"/admin/pengaturan/unit/{unit_id}").get_data(as_text=True)

    en = app.test_client()
    for path in ("/survei/?lang=en", "/survei/kb-konseling", "/survei/kb-konseling/kartu"):
        html = en.get(path).get_data(as_text=True)
        assert "Family Planning Division" in html and "Bidang Keluarga Berencana" not in html, path
    id_ = app.test_client()
    for path in ("/survei/", "/survei/kb-konseling", "/survei/kb-konseling/kartu"):
        html = id_.get(path).get_data(as_text=True)
        assert "Bidang Keluarga Berencana" in html and "Family Planning" not in html, path
