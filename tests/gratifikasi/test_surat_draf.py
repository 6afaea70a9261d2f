"""The officer needs the cover letter to send the report: a verified report offers a draft letter (marked DRAF, no
number taken), and the numbered letter comes once the sending is recorded."""
import io

from docx import Document
from pypdf import PdfReader
from sqlalchemy import select

from core.extensions import db
from core.models import AuditEvent, Counter
from core.workdays import local_today
from gratifikasi import documents, service
from tests.conftest import csrf_from
from tests.factories import make_user
from tests.gratifikasi.helpers import laporan_input


def _verified(app) -> tuple[int, str]:
    with app.app_context():
        upg, _ = make_user(["upg"])
        lap, _ = service.submit(laporan_input(tanggal_terima=local_today()), today=local_today())
        service.verifikasi(lap, upg)
        db.session.commit()
        return lap.id, lap.nomor


def _pdf_pages(data: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]


def test_draft_before_the_sending_is_recorded(app, login_as):
    lap_id, nomor = _verified(app)
    c = login_as("upg")
    page = c.get(f"/admin/gratifikasi/{lap_id}").get_data(as_text=True)
    assert "Draf surat pengantar ke KPK" in page and f"/admin/gratifikasi/{lap_id}/surat.pdf" in page
    pdf = c.get(f"/admin/gratifikasi/{lap_id}/surat.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.headers["Content-Disposition"].startswith('attachment; filename="draf-surat-kpk-')
    pages = _pdf_pages(pdf.data)
    assert len(pages) == 3  # the letter, and the report form as its attachment
    assert "DRAF" in pages[0] and f"/UPG/HK.01/{local_today():%m}/{local_today().year}" in pages[0]
    assert f"Penyampaian Laporan Gratifikasi {nomor}" in pages[0] and "Mohon kiranya" in pages[0]
    assert all("DRAF" in p for p in pages)  # every page says so
    docx = Document(io.BytesIO(c.get(f"/admin/gratifikasi/{lap_id}/surat.docx").data))
    assert docx.paragraphs[0].text.startswith("DRAF")
    with app.app_context():
        # a draft takes no number from the register of letters
        assert db.session.scalar(select(Counter.value).where(Counter.name == "gratifikasi_surat")) is None
        details = db.session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "gratifikasi.unduh_surat")
                                     .order_by(AuditEvent.id)).all()
        assert [d["draf"] for d in details] == [True, True]

    # then the sending is recorded: the letter has its number and is no draft any more
    resp = c.post(f"/admin/gratifikasi/{lap_id}/aksi/teruskan_kpk",
                  data={"csrf_token": csrf_from(page), "tanggal": local_today().isoformat(), "cara": "surat"})
    assert resp.status_code == 302
    page = c.get(f"/admin/gratifikasi/{lap_id}").get_data(as_text=True)
    assert "Draf surat pengantar" not in page and "Surat pengantar ke KPK" in page
    pdf = c.get(f"/admin/gratifikasi/{lap_id}/surat.pdf")
    assert pdf.headers["Content-Disposition"].startswith('attachment; filename="surat-kpk-')
    pages = _pdf_pages(pdf.data)
    assert not any("DRAF" in p for p in pages) and f"1/UPG/HK.01/{local_today():%m}/{local_today().year}" in pages[0]


def test_no_letter_before_the_report_is_verified(app, login_as):
    with app.app_context():
        lap_id = service.submit(laporan_input(tanggal_terima=local_today()))[0].id
        db.session.commit()
    c = login_as("upg")
    assert c.get(f"/admin/gratifikasi/{lap_id}/surat.pdf").status_code == 302
    assert "Draf surat pengantar ke KPK" not in c.get(f"/admin/gratifikasi/{lap_id}").get_data(as_text=True)


def test_draft_of_a_refusal_and_a_broken_number_template(app_ctx):
    from core.settings import set_setting

    upg, _ = make_user(["upg"])
    lap, _ = service.submit(laporan_input(jenis="penolakan", posisi_objek="", tanggal_terima=local_today()))
    service.verifikasi(lap, upg)
    text = _pdf_pages(documents.surat_kpk_pdf(lap, draf=True))[0]
    assert "DRAF" in text and "Penolakan Gratifikasi" in text
    set_setting("gratifikasi", {"template_nomor_surat": "{tidak_ada}/UPG"})
    assert "(belum bernomor)" in _pdf_pages(documents.surat_kpk_pdf(lap, draf=True))[0]
