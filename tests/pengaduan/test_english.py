"""The public complaint form in English with ?lang=en, in Indonesian without it."""
import re

import pytest


def test_complaint_form_in_english_and_indonesian(client):
    en = client.get("/pengaduan/?lang=en").get_data(as_text=True)
    assert "Privacy notice" in en
    assert "Short title" in en
    assert "Review before sending" in en
    assert "Pemberitahuan privasi" not in en

    id_ = client.application.test_client().get("/pengaduan/").get_data(as_text=True)  # a new visitor
    assert "Pemberitahuan privasi" in id_
    assert "Judul singkat" in id_
    assert "Periksa kiriman" in id_
    assert "Privacy notice" not in id_


def test_field_errors_in_english_on_english_pages(app):
    from tests.conftest import csrf_from

    browser = app.test_client()
    page = browser.get("/pengaduan/?lang=en").get_data(as_text=True)
    resp = browser.post("/pengaduan/", data={"csrf_token": csrf_from(page), "langkah": "periksa", "jenis": "pengaduan",
                                             "kategori": "", "judul": "", "uraian": "pendek", "telepon": "abc",
                                             "website": ""})
    html = resp.get_data(as_text=True)
    assert "Choose a category from the list." in html
    assert "The title is required." in html
    assert "The description is too short (at least 10 characters)." in html
    assert "Invalid phone number (digits, may start with +)." in html
    assert "You need to accept the privacy notice to send." in html
    assert "Pilih kategori dari daftar." not in html and "Judul wajib diisi." not in html

    id_ = app.test_client()
    page = id_.get("/pengaduan/").get_data(as_text=True)
    html = id_.post("/pengaduan/", data={"csrf_token": csrf_from(page), "langkah": "periksa", "jenis": "pengaduan",
                                         "judul": "", "website": ""}).get_data(as_text=True)
    assert "Judul wajib diisi." in html and "The title is required." not in html


def test_too_long_description_counts_in_the_readers_way(app):
    from tests.conftest import csrf_from

    browser = app.test_client()
    page = browser.get("/pengaduan/?lang=en").get_data(as_text=True)
    html = browser.post("/pengaduan/", data={"csrf_token": csrf_from(page), "langkah": "periksa", "jenis": "pengaduan",
                                             "kategori": "Pelayanan publik", "judul": "Antrean",
                                             "uraian": "x" * 10001, "website": ""}).get_data(as_text=True)
    assert "(10,001 characters; at most 10,000)" in html


def test_categories_in_the_offices_english_wording(app, login_as):
    from tests.conftest import csrf_from

    # the default categories come with the catalogue's English
    assert "Staff conduct" in app.test_client().get("/pengaduan/?lang=en").get_data(as_text=True)

    admin = login_as("admin")
    page = admin.get("/admin/pengaduan/pengaturan").get_data(as_text=True)
    assert "Staff conduct" in page  # the field's help names the «Indonesian | English» way
    fields = {name: value for name, value in re.findall(r'name="(\w+_hk|tingkat_\w+|register)"[^>]*value="([^"]*)"', page)}
    resp = admin.post("/admin/pengaduan/pengaturan", data={
        **fields, "csrf_token": csrf_from(page),
        "kategori": "Layanan KB | Family planning services\nPungutan liar\nPerilaku petugas | Officers' behaviour"})
    assert resp.status_code == 302
    assert "Layanan KB | Family planning services" in admin.get("/admin/pengaduan/pengaturan").get_data(as_text=True)

    en = app.test_client().get("/pengaduan/?lang=en").get_data(as_text=True)
    assert '<option value="Layanan KB">Family planning services</option>' in en
    assert "Officers&#39; behaviour</option>" in en
    assert '<option value="Pungutan liar">Pungutan liar</option>' in en  # no English given: Indonesian
    id_ = app.test_client().get("/pengaduan/").get_data(as_text=True)
    assert '<option value="Layanan KB">Layanan KB</option>' in id_ and "Family planning" not in id_


def test_upload_refusal_in_english(app):
    import io

    from tests.conftest import csrf_from

    browser = app.test_client()
    page = browser.get("/pengaduan/?lang=en").get_data(as_text=True)
    html = browser.post("/pengaduan/", content_type="multipart/form-data", data={
        "csrf_token": csrf_from(page), "langkah": "periksa", "jenis": "pengaduan", "kategori": "Pelayanan publik",
        "judul": "Antrean", "uraian": "Saya menunggu tiga jam tanpa kejelasan.", "nama": "Budi", "telepon": "0812345678",
        "setuju": "y", "website": "", "lampiran": (io.BytesIO(b"bukan gambar"), "catatan.txt")}).get_data(as_text=True)
    assert "is not a valid JPEG, PNG, WebP or PDF file." in html, re.findall(r"invalid-feedback[^<]*<", html)


def test_tracking_mismatch_in_english(app):
    from tests.conftest import csrf_from

    browser = app.test_client()
    page = browser.get("/pengaduan/lacak?lang=en").get_data(as_text=True)
    html = browser.post("/pengaduan/lacak", data={"csrf_token": csrf_from(page), "tiket": "PGD-2026-000123",
                                                  "kode": "AAAA-BBBB-CCCC-DDDD", "website": ""}).get_data(as_text=True)
    assert "The ticket number or the tracking code does not match. Check both again." in html


def test_the_unit_a_complaint_went_to_in_english_and_its_nota_dinas_in_indonesian(app, login_as):
    import io

    from docx import Document
    from sqlalchemy import select

    from core.extensions import db
    from core.uow import unit_of_work
    from pengaduan import service
    from pengaduan.models import NotaDinasPengaduan
    from tests.factories import make_unit
    from tests.pengaduan.helpers import data
    from tests.pengaduan.test_admin import _act
    from tests.pengaduan.test_public import _track

    with app.app_context(), unit_of_work():
        unit = make_unit("KB", "Bidang Keluarga Berencana")
        unit.nama_en = "Family Planning Division"
        p, code = service.submit(data(), kanal="web")
        pid, tiket, unit_id = p.id, p.tiket, unit.id
    officer = login_as("petugas_pengaduan")
    officer.get("/admin/pengaduan?lang=en")
    case = _act(officer, pid, "verifikasi", tingkat="ringan", teks="")
    assert f'<option value="{unit_id}">Family Planning Division</option>' in case  # the unit to choose
    case = _act(officer, pid, "disposisi", unit_id=str(unit_id), sifat="Biasa", teks="")
    assert '<dd class="col-sm-9">Family Planning Division</dd>' in case
    assert "Family Planning Division" in officer.get("/admin/pengaduan?status=semua").get_data(as_text=True)
    with app.app_context():
        nd_id = db.session.scalar(select(NotaDinasPengaduan.id))
    # the letter is the office's own, in Indonesian, whichever language the officer reads
    doc = Document(io.BytesIO(officer.get(f"/admin/pengaduan/nota-dinas/{nd_id}/docx").data))
    text = "\n".join(par.text for par in doc.paragraphs)
    assert "sesuai kewenangan Bidang Keluarga Berencana" in text and "Family Planning" not in text

    en = app.test_client()
    en.get("/pengaduan/lacak?lang=en")
    _track(en, tiket, code)
    assert "Forwarded to</dt><dd class=\"col-sm-9\">Family Planning Division</dd>" in en.get(
        "/pengaduan/lacak/status").get_data(as_text=True)
    id_ = app.test_client()
    _track(id_, tiket, code)
    html = id_.get("/pengaduan/lacak/status").get_data(as_text=True)
    assert "Diteruskan kepada</dt><dd class=\"col-sm-9\">Bidang Keluarga Berencana</dd>" in html
    assert "Family Planning" not in html


def test_a_broken_number_format_refuses_the_nota_dinas_in_the_officers_language(app, login_as):
    """A number format the form never saw (an older setting, an import) makes no nota dinas: the officer reads
    why, reason included, in the page's language, and no number is used up."""
    from core.models import Counter
    from core.settings import get_setting, set_setting
    from core.uow import unit_of_work
    from pengaduan import service
    from tests.factories import make_unit
    from tests.pengaduan.helpers import data
    from tests.pengaduan.test_admin import _act

    with app.app_context(), unit_of_work():
        unit = make_unit("KB", "Bidang Keluarga Berencana")
        set_setting("nota_dinas", {**get_setting("nota_dinas"), "template_nomor": "{seq}/{rahasia}"})
        p, _ = service.submit(data(), kanal="web")
        pid, unit_id = p.id, unit.id
    officer = login_as("petugas_pengaduan")
    officer.get("/admin/pengaduan?lang=en")
    _act(officer, pid, "verifikasi", tingkat="ringan", teks="")
    en = _act(officer, pid, "disposisi", unit_id=str(unit_id), sifat="Biasa", teks="")
    assert "The memo number settings are wrong: Unknown token «{rahasia}» in the number format" in en
    assert "Pengaturan nomor nota dinas salah" not in en and "tidak dikenal" not in en
    officer.get("/admin/pengaduan?lang=id")
    id_ = _act(officer, pid, "disposisi", unit_id=str(unit_id), sifat="Biasa", teks="")
    assert "Pengaturan nomor nota dinas salah: Token «{rahasia}» tidak dikenal dalam templat nomor" in id_
    with app.app_context():
        assert service.get(pid).status == "diverifikasi" and Counter.query.filter(
            Counter.name.like("nota_dinas:%")).count() == 0


def _refused(officer, pid, aksi, **fields) -> str:
    """The case page after a refused action: the page itself for a field to correct (422), else the page the
    refusal's flash message is shown on."""
    from tests.conftest import csrf_from

    page = officer.get(f"/admin/pengaduan/{pid}").get_data(as_text=True)
    resp = officer.post(f"/admin/pengaduan/{pid}/aksi/{aksi}", data={**fields, "csrf_token": csrf_from(page)})
    assert resp.status_code in (303, 422), resp.status_code
    return resp.get_data(as_text=True) if resp.status_code == 422 else officer.get(
        f"/admin/pengaduan/{pid}").get_data(as_text=True)


def test_the_officers_refusals_in_the_page_language(app, login_as):
    """What the state machine and the service refuse on the case page reads in the officer's language, the
    action, the status and the noun inside it too."""
    from core.uow import unit_of_work
    from pengaduan import service
    from tests.pengaduan.helpers import data

    with app.app_context(), unit_of_work():
        pid = service.submit(data(), kanal="web")[0].id
    officer = login_as("petugas_pengaduan")
    officer.get("/admin/pengaduan?lang=en")
    en = {"tutup": _refused(officer, pid, "tutup"),
          "catatan": _refused(officer, pid, "catatan", teks="x" * 5001),
          "duplikat": _refused(officer, pid, "tandai_duplikat", teks="PGD-2026-999999")}
    assert "The action «Close (completed)» cannot be taken on a complaint with the status «Received»." in en["tutup"]
    assert "The text is too long (at most 5000 characters)." in en["catatan"]
    assert "Complaint PGD-2026-999999 was not found." in en["duplikat"]
    assert not any("tidak dapat dilakukan" in html or "terlalu panjang" in html or "tidak ditemukan" in html
                   for html in en.values())

    officer.get("/admin/pengaduan?lang=id")
    assert ("Tindakan «Tutup (selesai)» tidak dapat dilakukan pada pengaduan berstatus «Diterima»."
            in _refused(officer, pid, "tutup"))
    assert "Teks terlalu panjang (maksimal 5000 karakter)." in _refused(officer, pid, "catatan", teks="x" * 5001)
    assert "Pengaduan PGD-2026-999999 tidak ditemukan." in _refused(officer, pid, "tandai_duplikat",
                                                                    teks="PGD-2026-999999")


def test_a_refusal_for_the_role_and_a_guards_reason_translate(app):
    """The role refusal names the action and the noun in the reader's language; a guard's reason is a
    catalogue entry too. Counts above 9999 follow the reader's way of writing them."""
    from types import SimpleNamespace

    from core.errors import DomainError, NotAllowed
    from core.web import translated
    from pengaduan import service
    from pengaduan.workflow import MACHINE, PELAPOR

    offered = SimpleNamespace(status="diterima", tawaran_wbs=True, dipindah_wbs=False)
    refusals = []
    for subject, action, role in (("diterima", "verifikasi", PELAPOR), (offered, "tawarkan_wbs", "petugas")):
        with pytest.raises(NotAllowed) as refused:
            MACHINE.check(subject, action, role)
        refusals.append(refused.value.message)
    with pytest.raises(DomainError) as too_long:
        service._required("x" * 10_001, "teks", "", limit=10_000)
    refusals.append(too_long.value.message)

    assert refusals == ["Peran Anda tidak berwenang melakukan «Verifikasi» pada pengaduan ini.",
                        "Tawaran pindah ke WBS sudah disampaikan.",
                        "Teks terlalu panjang (maksimal 10.000 karakter)."]
    with app.test_request_context("/?lang=en"):
        assert [translated(m) for m in refusals] == [
            "Your role may not take the action «Verification» on this complaint.",
            "The offer to move to the WBS has already been made.",
            "The text is too long (at most 10,000 characters)."]


def test_a_missing_acting_signatory_refuses_the_nota_dinas_in_the_officers_language(app, login_as):
    from core.settings import get_setting, set_setting
    from core.uow import unit_of_work
    from pengaduan import service
    from tests.factories import make_unit
    from tests.pengaduan.helpers import data
    from tests.pengaduan.test_admin import _act

    with app.app_context(), unit_of_work():
        unit_id = make_unit("KB", "Bidang Keluarga Berencana").id
        set_setting("nota_dinas", {**get_setting("nota_dinas"), "berhalangan": True, "plh_nama": ""})
        pid = service.submit(data(), kanal="web")[0].id
    officer = login_as("petugas_pengaduan")
    officer.get("/admin/pengaduan?lang=en")
    _act(officer, pid, "verifikasi", tingkat="ringan", teks="")
    assert ("No acting official (Plh.) has been set to sign memos. Set it in the Office settings."
            in _refused(officer, pid, "disposisi", unit_id=str(unit_id), sifat="Biasa", teks=""))
    officer.get("/admin/pengaduan?lang=id")
    assert ("Pelaksana harian (Plh.) penanda tangan nota dinas belum diatur. Atur di Pengaturan kantor."
            in _refused(officer, pid, "disposisi", unit_id=str(unit_id), sifat="Biasa", teks=""))
