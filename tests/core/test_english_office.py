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
