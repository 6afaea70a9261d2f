"""One letterhead from the settings on every document the office produces (DOMAIN §7): the parent body's
current name, then the office, its address and contact, and the logo when one was uploaded; read back from
the PDF (pypdf) and the DOCX (python-docx) of the complaints, gratifikasi, SKM and ZI documents."""
import io
from datetime import date, timedelta

import pytest
from docx import Document
from PIL import Image
from pypdf import PdfReader

from core import documents
from core.demo import KANTOR
from core.extensions import db
from core.settings import set_setting
from core.storage import UploadError
from core.workdays import local_today
from tests.conftest import csrf_from
from tests.factories import make_user

INDUK = "KEMENTERIAN KEPENDUDUKAN DAN PEMBANGUNAN KELUARGA/BADAN KEPENDUDUKAN DAN KELUARGA BERENCANA NASIONAL"
NAMA = "PERWAKILAN PROVINSI SUMATERA SELATAN"
OLD = ("PERWAKILAN BKKBN PROVINSI", "BADAN KEPENDUDUKAN DAN KELUARGA BERENCANA NASIONAL PERWAKILAN BKKBN")


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (120, 120), (11, 61, 145)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def demo_office(app_ctx):
    set_setting("kantor", KANTOR)
    documents.save_logo(_png(), "logo.png")
    db.session.commit()


def _pdf_kop(pdf: bytes, name: str) -> None:
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    text = " ".join(page.extract_text().split())
    assert INDUK in text and NAMA in text, (name, text[:200])
    assert text.index(INDUK) < text.index(NAMA), name
    assert not any(old in text for old in OLD), name
    assert len(page.images) >= 1, name  # the logo


def _docx_kop(data: bytes, name: str) -> None:
    doc = Document(io.BytesIO(data))
    texts = [p.text for p in doc.paragraphs if p.text.strip()]
    i = texts.index(INDUK)
    assert texts[i + 1] == NAMA, name
    assert texts[i + 2] == KANTOR["alamat"], name
    first_picture = next(n for n, p in enumerate(doc.paragraphs) if p._p.xpath(".//pic:pic"))
    assert doc.paragraphs[first_picture + 1].text == INDUK, name  # the logo stands right above the kop lines


def test_the_demo_office_uses_the_parent_bodys_current_name(demo_office):
    kop = documents.letterhead()
    assert (kop["induk"], kop["nama"]) == (INDUK, NAMA)
    assert kop["kontak"] == "Telepon (0711) 352503 · Pos-el sumsel@bkkbn.go.id · sumsel.bkkbn.go.id"
    assert kop["logo"].startswith("data:image/png;base64,")
    documents.remove_logo()
    assert documents.letterhead()["logo"] == ""


def test_a_logo_must_be_a_real_image(app_ctx):
    with pytest.raises(UploadError):
        documents.save_logo(b"%PDF-1.4 not an image", "logo.png")
    with pytest.raises(UploadError):
        documents.save_logo(b"\x89PNG" + b"0" * (documents.LOGO_MAX_BYTES + 1), "besar.png")
    assert documents.letterhead()["logo"] == ""


def test_gratifikasi_documents_carry_the_one_letterhead(demo_office):
    from gratifikasi import documents as g
    from gratifikasi import queries, service
    from tests.gratifikasi.helpers import laporan_input

    upg, _ = make_user(["upg"])
    today = local_today()
    lap, kode = service.submit(laporan_input(tanggal_terima=today - timedelta(days=2)), today=today)
    service.verifikasi(lap, upg)
    service.teruskan_kpk(lap, upg, tanggal=today, cara="gol")
    db.session.commit()
    _pdf_kop(g.tanda_terima_pdf(lap, kode=kode, alamat_lacak="http://x/lacak"), "tanda terima")
    _pdf_kop(g.surat_kpk_pdf(lap), "surat KPK")
    _docx_kop(g.surat_kpk_docx(lap), "surat KPK docx")
    p = queries.periode("tahun", today.year)
    r, kampanye = queries.rekap(p.awal, p.akhir), queries.kegiatan_kampanye(p.awal, p.akhir)
    _pdf_kop(g.laporan_periodik_pdf(r, p.label, kampanye), "laporan periodik")
    _docx_kop(g.laporan_periodik_docx(r, p.label, kampanye), "laporan periodik docx")
    _pdf_kop(g.poster_pdf("A4", "http://kantor/gratifikasi/"), "poster")


def test_skm_documents_carry_the_one_letterhead(demo_office):
    from skm import laporan, service
    from skm.berkas import baca
    from tests.skm.conftest import HEADER, buat_survei, contoh_rows, xlsx_bytes

    layanan, periode = buat_survei()
    service.impor(layanan, periode, baca(xlsx_bytes(HEADER, contoh_rows()), "contoh.xlsx"), sha256="x" * 64)
    db.session.commit()
    _pdf_kop(laporan.laporan_pdf(periode), "laporan SKM")
    _docx_kop(laporan.laporan_docx(periode), "laporan SKM docx")
    _pdf_kop(laporan.tindak_lanjut_pdf(periode), "tindak lanjut SKM")
    _docx_kop(laporan.tindak_lanjut_docx(periode), "tindak lanjut SKM docx")
    for ukuran in ("A4", "A3"):
        pdf = laporan.poster_pdf(periode, layanan, ukuran)
        text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
        assert len(PdfReader(io.BytesIO(pdf)).pages) == 1 and text.startswith(f"{INDUK} {NAMA}"), ukuran


def test_zi_documents_carry_the_one_letterhead(demo_office):
    from zi import dokumen
    from zi.demo import _sk_pdf

    d = dokumen.Dokumen(judul="Laporan Monitoring dan Evaluasi", periode="Maret 2026", nomor="1/KPW/PW.01/04/2026",
                        tanggal=date(2026, 4, 1), bagian=[dokumen.Bagian("I. Pendahuluan", [dokumen.Paragraf("Isi.")])])
    _pdf_kop(dokumen.pdf(d), "laporan ZI")
    _docx_kop(dokumen.docx(d), "laporan ZI docx")
    _pdf_kop(_sk_pdf("Tim Kerja Pembangunan Zona Integritas", "1/KPW/SK/2026", date(2026, 1, 5)), "contoh SK")


def test_admin_sets_the_signing_official_the_deputy_the_tembusan_and_the_logo(app, login_as):
    admin = login_as("admin")
    page = admin.get("/admin/pengaturan").get_data(as_text=True)
    assert "Penanda tangan nota dinas" in page and 'enctype="multipart/form-data"' in page
    form = {"nama": "Perwakilan Provinsi Sumatera Selatan", "nama_singkat": "ZI Lapor", "induk": INDUK.title(),
            "kepala_jabatan": "Kepala Perwakilan", "template_nomor": "{seq}/{kode_jabatan}/{kka}/{mm}/{yyyy}",
            "kode_jabatan": "KPW", "kka": "PP.01", "penandatangan_jabatan": "Sekretaris Perwakilan",
            "penandatangan_nama": "Dra. Siti Aminah", "penandatangan_nip": "197001011995032001",
            "plh_nama": "", "berhalangan": "y", "tembusan": "Kepala Perwakilan\nInspektorat Utama",
            "csrf_token": csrf_from(page)}
    html = admin.post("/admin/pengaturan", data=form).get_data(as_text=True)
    assert "Isi nama pelaksana harian (Plh.) bila pejabat berhalangan." in html
    bad = admin.post("/admin/pengaturan", data={**form, "plh_nama": "Ahmad Fauzi",
                                                "logo": (io.BytesIO(b"bukan gambar"), "logo.png")},
                     content_type="multipart/form-data").get_data(as_text=True)
    assert "Berkas «logo.png» bukan berkas JPEG atau PNG yang sah." in bad
    resp = admin.post("/admin/pengaturan", data={**form, "plh_nama": "Ahmad Fauzi", "logo": (io.BytesIO(_png()), "logo.png")},
                      content_type="multipart/form-data")
    assert resp.status_code == 302
    page = admin.get("/admin/pengaturan").get_data(as_text=True)
    assert 'src="data:image/png;base64,' in page and "Inspektorat Utama" in page
    with app.app_context():
        ttd = documents.penandatangan_nota_dinas()
        assert (ttd.jabatan, ttd.nama, ttd.dari) == ("Plh. Sekretaris Perwakilan", "Ahmad Fauzi", "Sekretaris Perwakilan")
        assert documents.tembusan_nota_dinas() == ["Kepala Perwakilan", "Inspektorat Utama"]
        assert documents.letterhead()["logo"]
    admin.post("/admin/pengaturan", data={**form, "plh_nama": "Ahmad Fauzi", "hapus_logo": "y",
                                          "csrf_token": csrf_from(page)})
    with app.app_context():
        assert documents.letterhead()["logo"] == ""


def test_the_demo_office_shows_the_corrected_nota_dinas(app, runner):
    from sqlalchemy import select

    from pengaduan import service
    from pengaduan.models import NotaDinasPengaduan

    result = runner.invoke(args=["demo", "seed"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        nd = db.session.scalar(select(NotaDinasPengaduan))
        doc = Document(io.BytesIO(documents.nota_dinas_docx(service.nota_dinas_document(nd))))
        texts = [p.text for p in doc.paragraphs if p.text.strip()]
        assert texts[:2] == [INDUK, NAMA] and not any(old in t for t in texts for old in OLD)
        fields = {r.cells[0].text: r.cells[2].text for r in doc.tables[0].rows}
        sekretaris = "Sekretaris Perwakilan Kemendukbangga/BKKBN Provinsi Sumatera Selatan"
        assert fields["Dari"] == sekretaris and fields["Sifat"] == "Segera" and fields["Klasifikasi"] == "Biasa"
        assert fields["Tembusan"] == "Kepala Perwakilan Kemendukbangga/BKKBN Provinsi Sumatera Selatan"
        assert texts[-3:] == [sekretaris, "Sekretaris Perwakilan (contoh)", "NIP 197203151998032002"]
        assert "Petugas Pengaduan" not in texts  # the demo officer who disposed does not sign
        assert "Pelapor: Bu** Sa***** (identitas dirahasiakan)." in texts
