"""The complaint nota dinas as a unit receives it (DOMAIN §7): signed by the official of the settings, urgency
and classification apart, the attachment count in words, the default tembusan, one letterhead, and the reporter
named only when the unit may see the identity (DOMAIN §1)."""
import io

import pytest
from docx import Document
from pypdf import PdfReader

from core import storage
from core.attachments import save_clean
from core.documents import nota_dinas_docx, nota_dinas_pdf, save_logo
from core.errors import DomainError
from core.extensions import db
from core.settings import set_setting
from pengaduan import service
from tests.pengaduan.helpers import submit

INDUK = "Kementerian Kependudukan dan Pembangunan Keluarga/Badan Kependudukan dan Keluarga Berencana Nasional"
PEJABAT = {"penandatangan_jabatan": "Sekretaris Perwakilan", "penandatangan_nama": "Dra. Siti Aminah, M.Si.",
           "penandatangan_nip": "197001011995032001", "plh_nama": "Ahmad Fauzi, S.E.", "plh_nip": "198203152006041002"}


@pytest.fixture
def kantor(app_ctx):
    set_setting("kantor", {"induk": INDUK, "nama": "Perwakilan Provinsi Sumatera Selatan",
                           "alamat": "Jl. Jenderal Basuki Rachmat No. 1151, Palembang", "telepon": "(0711) 352503",
                           "kepala_jabatan": "Kepala Perwakilan", "kepala_nama": "Kepala (contoh)"})
    set_setting("nota_dinas", PEJABAT)
    db.session.commit()


def _disposed(petugas, unit, *, files: int = 0, berhalangan: bool = False, **over):
    if berhalangan:
        set_setting("nota_dinas", {**PEJABAT, "berhalangan": True})
    p, _ = submit(**over)
    for i in range(files):
        save_clean(storage.inspect_upload(_png(i), f"bukti-{i}.png", max_bytes=10**6), service.OWNER, p.id)
    service.verifikasi(p, petugas, "ringan")
    kw = {k: over.pop(k) for k in ("klasifikasi", "plh", "sifat") if k in over}
    nd = service.disposisi(p, petugas, unit.id, **kw)
    db.session.commit()
    return p, nd


def _png(i: int = 0) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (60, 40), (i * 20 % 256, 61, 145)).save(out, format="PNG")
    return out.getvalue()


def _read(nd):
    doc = Document(io.BytesIO(nota_dinas_docx(service.nota_dinas_document(nd))))
    fields = {r.cells[0].text: r.cells[2].text for r in doc.tables[0].rows}
    return doc, [p.text for p in doc.paragraphs], fields


def test_signed_by_the_official_of_the_settings_never_by_the_officer(kantor, petugas, unit_kb):
    _, nd = _disposed(petugas, unit_kb)
    doc, paragraphs, fields = _read(nd)
    assert fields["Dari"] == "Sekretaris Perwakilan"
    assert paragraphs[-3:] == ["Sekretaris Perwakilan", "Dra. Siti Aminah, M.Si.", "NIP 197001011995032001"]
    text = "\n".join(paragraphs)
    assert petugas.nama not in text and "Ketua Tim Pengelola Pengaduan" not in text and petugas.nip not in text


def test_the_deputy_signs_when_the_official_is_absent_or_when_chosen(kantor, petugas, unit_kb):
    _, nd = _disposed(petugas, unit_kb, berhalangan=True)
    _, paragraphs, fields = _read(nd)
    assert fields["Dari"] == "Sekretaris Perwakilan"
    assert paragraphs[-3:] == ["Plh. Sekretaris Perwakilan", "Ahmad Fauzi, S.E.", "NIP 198203152006041002"]
    _, nd = _disposed(petugas, unit_kb, berhalangan=True, plh=False)  # chosen at disposition: the official
    assert _read(nd)[1][-2] == "Dra. Siti Aminah, M.Si."
    set_setting("nota_dinas", {**PEJABAT, "berhalangan": False})
    _, nd = _disposed(petugas, unit_kb, plh=True)
    assert _read(nd)[1][-3] == "Plh. Sekretaris Perwakilan"
    set_setting("nota_dinas", {**PEJABAT, "plh_nama": ""})
    p, _ = submit()
    service.verifikasi(p, petugas, "ringan")
    with pytest.raises(DomainError, match="Plh"):
        service.disposisi(p, petugas, unit_kb.id, plh=True)


def test_urgency_and_classification_are_two_fields(kantor, petugas, unit_kb):
    _, nd = _disposed(petugas, unit_kb, sifat="Sangat Segera")
    fields = _read(nd)[2]
    assert fields["Sifat"] == "Sangat Segera" and fields["Klasifikasi"] == "Biasa"
    _, nd = _disposed(petugas, unit_kb, sifat="Segera", klasifikasi="Terbatas")
    assert _read(nd)[2]["Klasifikasi"] == "Terbatas"
    _, nd = _disposed(petugas, unit_kb, sifat="Segera", rahasia=True)
    fields = _read(nd)[2]
    assert fields["Sifat"] == "Segera" and fields["Klasifikasi"] == "Rahasia"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(
        nota_dinas_pdf(service.nota_dinas_document(nd)))).pages)
    assert "Segera, Rahasia" not in text and "Klasifikasi" in text
    p, _ = submit(rahasia=True)
    service.verifikasi(p, petugas, "ringan")
    with pytest.raises(DomainError, match="Rahasia"):
        service.disposisi(p, petugas, unit_kb.id, klasifikasi="Biasa")


def test_attachment_count_in_figures_and_words(kantor, petugas, unit_kb):
    _, nd = _disposed(petugas, unit_kb, files=12)
    assert _read(nd)[2]["Lampiran"] == "12 (dua belas) berkas"
    _, nd = _disposed(petugas, unit_kb)
    assert _read(nd)[2]["Lampiran"] == "-"


def test_default_tembusan_is_the_head_of_office(kantor, petugas, unit_kb):
    _, nd = _disposed(petugas, unit_kb)
    assert _read(nd)[2]["Tembusan"] == "Kepala Perwakilan"
    set_setting("nota_dinas", {**PEJABAT, "tembusan": ["Kepala Perwakilan", "Inspektorat Utama"]})
    _, nd = _disposed(petugas, unit_kb)
    assert _read(nd)[2]["Tembusan"] == "1. Kepala Perwakilan\n2. Inspektorat Utama"
    set_setting("nota_dinas", {**PEJABAT, "tembusan": []})
    _, nd = _disposed(petugas, unit_kb)
    assert "Tembusan" not in _read(nd)[2]


def test_reporter_named_only_when_the_unit_may_see_the_identity(kantor, petugas, unit_kb):
    _, nd = _disposed(petugas, unit_kb)  # not rahasia, but the reporter did not agree to pass it on
    text = "\n".join(_read(nd)[1])
    assert "Pelapor: Bu** Sa***** (identitas dirahasiakan)." in text and "Budi Santoso" not in text
    _, nd = _disposed(petugas, unit_kb, boleh_diteruskan=True)
    assert "Pelapor: Budi Santoso." in _read(nd)[1]
    p, nd = _disposed(petugas, unit_kb)
    service.buka_identitas_unit(p, petugas, "Unit perlu menghubungi pelapor untuk jadwal ulang.")
    assert "Pelapor: Budi Santoso." in _read(nd)[1]
    # rahasia: the identity is masked in the nota dinas even when the unit may see it (DOMAIN §1)
    _, nd = _disposed(petugas, unit_kb, boleh_diteruskan=True, rahasia=True)
    text = "\n".join(_read(nd)[1])
    assert "Pelapor: Bu** Sa***** (identitas dirahasiakan)." in text and "Budi Santoso" not in text


def test_one_letterhead_with_the_current_parent_name_and_the_logo(kantor, petugas, unit_kb):
    _, nd = _disposed(petugas, unit_kb)
    doc, paragraphs, _ = _read(nd)
    assert paragraphs[:3] == [INDUK.upper(), "PERWAKILAN PROVINSI SUMATERA SELATAN",
                              "Jl. Jenderal Basuki Rachmat No. 1151, Palembang"]
    assert len(doc.inline_shapes) == 0
    save_logo(_png(), "logo.png")
    doc, paragraphs, _ = _read(nd)
    assert len(doc.inline_shapes) == 1 and paragraphs[1] == INDUK.upper()
    pdf = nota_dinas_pdf(service.nota_dinas_document(nd))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1 and len(reader.pages[0].images) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert text.startswith(" ".join(INDUK.upper().split()) + " PERWAKILAN PROVINSI SUMATERA SELATAN")


def test_the_demo_office_nota_dinas_is_one_page_with_its_signature(app_ctx, petugas, unit_kb):
    from core.demo import KANTOR, NOTA_DINAS

    set_setting("kantor", KANTOR)
    set_setting("nota_dinas", NOTA_DINAS)
    save_logo(_png(), "logo.png")
    _, nd = _disposed(petugas, unit_kb, rahasia=True)
    pages = PdfReader(io.BytesIO(nota_dinas_pdf(service.nota_dinas_document(nd)))).pages
    assert len(pages) == 1
    text = " ".join(pages[0].extract_text().split())
    assert text.startswith("KEMENTERIAN KEPENDUDUKAN DAN PEMBANGUNAN KELUARGA/BADAN")
    assert "Demikian disampaikan" in text and text.endswith("Sekretaris Perwakilan (contoh) NIP 197203151998032002")
    assert "Tembusan : Kepala Perwakilan Kemendukbangga/BKKBN Provinsi Sumatera Selatan" in text
    # a long complaint runs on, the kop stays on the first page and the closing goes with the signature
    _, nd = _disposed(petugas, unit_kb, uraian="Saya menunggu tiga jam tanpa kejelasan jadwal layanan.\n" * 12)
    pages = [" ".join(pg.extract_text().split())
             for pg in PdfReader(io.BytesIO(nota_dinas_pdf(service.nota_dinas_document(nd)))).pages]
    assert len(pages) == 2 and "KEMENTERIAN" not in pages[1]
    assert pages[1].startswith("Demikian disampaikan") and "NIP 197203151998032002" in pages[1]


def test_the_officer_chooses_classification_and_deputy_on_the_case_page(app, login_as):
    from sqlalchemy import select

    from core.uow import unit_of_work
    from pengaduan.models import NotaDinasPengaduan
    from tests.conftest import csrf_from
    from tests.factories import make_unit

    with app.app_context():
        set_setting("nota_dinas", PEJABAT)
        kb = make_unit("KB", "Bidang KB").id
        db.session.commit()
    with app.app_context(), unit_of_work():
        p, _ = submit(rahasia=True)
        pid = p.id
    officer = login_as("petugas_pengaduan", email="klik@uji.go.id")
    with app.app_context():
        from core.models import User

        clicker = db.session.scalar(select(User).where(User.email == "klik@uji.go.id"))
        clicker.nama, clicker.jabatan = "Petugas Klik", "Pengelola Pengaduan"
        db.session.commit()
    page = officer.get(f"/admin/pengaduan/{pid}").get_data(as_text=True)
    token = csrf_from(page)
    officer.post(f"/admin/pengaduan/{pid}/aksi/verifikasi", data={"tingkat": "ringan", "csrf_token": token})
    page = officer.get(f"/admin/pengaduan/{pid}").get_data(as_text=True)
    assert 'name="klasifikasi"' in page and 'name="penandatangan"' in page
    resp = officer.post(f"/admin/pengaduan/{pid}/aksi/disposisi", data={
        "unit_id": str(kb), "sifat": "Biasa", "klasifikasi": "Terbatas", "csrf_token": token})
    # refused on its field, the case page again with what was chosen
    assert resp.status_code == 422
    assert "Pengaduan ini rahasia: klasifikasi nota dinasnya Rahasia." in resp.get_data(as_text=True)
    officer.post(f"/admin/pengaduan/{pid}/aksi/disposisi", data={
        "unit_id": str(kb), "sifat": "Segera", "klasifikasi": "", "penandatangan": "plh", "csrf_token": token})
    with app.app_context():
        nd_id = db.session.scalar(select(NotaDinasPengaduan.id))
    doc = Document(io.BytesIO(officer.get(f"/admin/pengaduan/nota-dinas/{nd_id}/docx").data))
    fields = {r.cells[0].text: r.cells[2].text for r in doc.tables[0].rows}
    assert (fields["Sifat"], fields["Klasifikasi"], fields["Dari"]) == ("Segera", "Rahasia", "Sekretaris Perwakilan")
    texts = [p.text for p in doc.paragraphs]
    assert texts[-3:] == ["Plh. Sekretaris Perwakilan", "Ahmad Fauzi, S.E.", "NIP 198203152006041002"]
    assert "Petugas Klik" not in "\n".join(texts) and "Pengelola Pengaduan" not in "\n".join(texts)
