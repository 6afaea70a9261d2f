"""Two deadlines, two names (issue 11): the legal one, 30 HK from the day the gift was received (Pasal 12C), and the
UPG's own target to forward, 10 HK from the day the UPG received the report. Every page and document names them
the same way, with the office's numbers."""
import io
import re
from datetime import timedelta
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from core.extensions import db
from core.settings import set_setting
from core.workdays import format_tanggal, local_today
from gratifikasi import documents, service
from tests.conftest import csrf_from
from tests.gratifikasi.helpers import form_data, laporan_input

KPK = "Batas lapor ke KPK (30 HK sejak diterima, Pasal 12C)"
UPG = "Target UPG meneruskan (10 HK sejak diterima UPG)"
OLD = ("Batas ke KPK", "Tenggat UPG → KPK", "UPG → KPK", "Tenggat KPK", "Tenggat UPG ke KPK")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pdf(data: bytes) -> str:
    return _flat("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


def _both(text: str, lap, kpk: str = KPK, upg: str = UPG) -> None:
    """Both names and both dates of `lap` (a report, or its two dates) are in `text`, and no old name is."""
    text = _flat(text)
    assert kpk in text and upg in text, text[:2000]
    dates = (lap.tenggat_kpk, lap.tenggat_teruskan) if hasattr(lap, "tenggat_kpk") else lap
    assert all(format_tanggal(d) in text for d in dates)
    for old in OLD:
        assert old not in text, old


def test_every_page_names_the_two_deadlines(app, client, login_as):
    received = local_today() - timedelta(days=3)
    html = client.get("/gratifikasi/lapor").get_data(as_text=True)
    assert client.post("/gratifikasi/lapor", data=form_data(html, tanggal_terima=received.isoformat()),
                       follow_redirects=True).status_code == 200
    with app.app_context():
        from sqlalchemy import select

        from gratifikasi.models import LaporanGratifikasi

        first = db.session.scalar(select(LaporanGratifikasi))
        lap_id, lap = first.id, (first.tenggat_kpk, first.tenggat_teruskan)
        assert first.tenggat_kpk != first.tenggat_teruskan  # the confusion of the issue: two dates, one name
    _both(client.get("/gratifikasi/tanda-terima").get_data(as_text=True), lap)
    _both(_pdf(client.get("/gratifikasi/tanda-terima.pdf").data), lap)
    upg = login_as("upg")
    _both(upg.get("/admin/gratifikasi").get_data(as_text=True), lap)
    _both(upg.get(f"/admin/gratifikasi/{lap_id}").get_data(as_text=True), lap)
    with app.app_context():
        second, kode = service.submit(laporan_input(tanggal_terima=received))
        db.session.commit()
        nomor, lap2 = second.nomor, (second.tenggat_kpk, second.tenggat_teruskan)
    page = client.get("/gratifikasi/lacak").get_data(as_text=True)
    tracked = client.post("/gratifikasi/lacak", data={"nomor": nomor, "kode": kode, "csrf_token": csrf_from(page)},
                          follow_redirects=True)
    _both(tracked.get_data(as_text=True), lap2)


def test_documents_name_them_with_the_office_numbers(app_ctx):
    set_setting("gratifikasi", {"hk_kpk": 25, "hk_upg_kpk": 6, "hk_upg": 7})
    db.session.commit()
    today = local_today()
    lap, kode = service.submit(laporan_input(tanggal_terima=today - timedelta(days=2)), today=today)
    kpk = "Batas lapor ke KPK (25 HK sejak diterima, Pasal 12C)"
    upg = "Target UPG meneruskan (6 HK sejak diterima UPG)"
    receipt = _pdf(documents.tanda_terima_pdf(lap, kode=kode, alamat_lacak="http://x/lacak", today=today))
    _both(receipt, lap, kpk, upg)
    assert "30 hari kerja" not in receipt and "(30" not in receipt
    poster = _pdf(documents.poster_pdf("A4", "http://x/gratifikasi/", today=today))
    assert kpk in poster and upg in poster and "Batas lapor ke UPG (7 HK sejak diterima)" in poster
    assert "10 hari kerja" not in poster and "30 hari kerja" not in poster
    head = [c.value for c in load_workbook(io.BytesIO(documents.register_xlsx([lap]))).active[1]]
    assert kpk in head and upg in head and "Batas lapor ke UPG (7 HK sejak diterima)" in head
    assert not set(OLD) & set(head)


ROOT = Path(__file__).resolve().parents[2]


def test_no_deadline_is_written_into_a_document_template():
    literal = re.compile(r"\d+\s*(HK|hari kerja)\b")
    for path in (ROOT / "templates" / "documents").glob("gratifikasi_*.html"):
        for n, line in enumerate(path.read_text().splitlines(), 1):
            assert not literal.search(line), f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
