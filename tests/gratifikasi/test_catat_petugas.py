"""A paper report typed in by the UPG: the officers' intake page has the report form's fields plus the day the UPG
received the paper, records channel "petugas", is audited, and hands the reporter's code over once."""
import io
import re
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from core.errors import DomainError, NotAllowed
from core.extensions import db
from core.models import AuditEvent, ServerSession
from core.workdays import local_today
from gratifikasi import service
from gratifikasi.models import LaporanGratifikasi
from tests.conftest import csrf_from
from tests.factories import make_user
from tests.gratifikasi.helpers import form_data, laporan_input

URL = "/admin/gratifikasi/catat"


def _fields(html: str) -> set[str]:
    return set(re.findall(r'name="([a-z_]+)"', html))


def test_the_page_has_the_report_form_fields(app, login_as, client):
    c = login_as("upg")
    page = c.get(URL).get_data(as_text=True)
    public = _fields(client.get("/gratifikasi/lapor").get_data(as_text=True))
    nihil = c.get(URL + "?jenis=nihil").get_data(as_text=True)
    # the public form's first page carries every answer of every kind; its steps have their own machinery
    steps = {"langkah", "berkas", "aksi", "ke_periksa", "jenis_sebelum"}
    assert public - {"website"} - steps <= _fields(page) | _fields(nihil)  # the same fields (honeypot: public only)
    assert "diterima_upg" in _fields(page) and "Tanggal laporan diterima UPG" in page
    assert "Periode laporan nihil" in nihil
    assert "Catat laporan kertas" in c.get("/admin/gratifikasi").get_data(as_text=True)  # reachable from the register


@pytest.mark.parametrize("role", ["petugas_pengaduan", "pimpinan", "tpi"])
def test_only_the_upg(login_as, role):
    assert login_as(role).get(URL).status_code in (302, 403, 404)


def test_a_paper_report_is_recorded_as_petugas_and_audited(app, login_as):
    c = login_as("upg")
    page = c.get(URL).get_data(as_text=True)
    received = local_today() - timedelta(days=3)
    data = form_data(page, tanggal_terima=(received - timedelta(days=1)).isoformat(), diterima_upg=received.isoformat())
    data.pop("website")
    resp = c.post(URL, data=data)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and resp.headers["Cache-Control"] == "no-store"
    nomor = re.search(r"GRT-\d{4}-\d{6}", html).group(0)
    kode = re.search(r'<div class="code-box mb-3" id="kode">([^<]+)</div>', html).group(1)
    assert "Serahkan kode ini kepada pelapor" in html
    with app.app_context():
        lap = db.session.scalar(select(LaporanGratifikasi).where(LaporanGratifikasi.nomor == nomor))
        assert lap.kanal == "petugas" and lap.tanggal_lapor == received and lap.pelapor_user_id is None
        assert lap.pelapor_nama == "Andi Saputra" and "dicatat petugas UPG" in lap.riwayat[0].catatan
        ev = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "gratifikasi.lapor"))
        assert ev.actor == c.user_email and ev.detail["kanal"] == "petugas"
        assert ev.detail["diterima_upg"] == received.isoformat()
        assert not any(kode.encode() in row for row in db.session.scalars(select(ServerSession.data)))
        lap_id = lap.id
    pdf = c.post(f"/admin/gratifikasi/{lap_id}/tanda-terima.pdf", data={"csrf_token": csrf_from(html), "kode": kode})
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert pdf.mimetype == "application/pdf" and kode in text and nomor in text
    wrong = c.post(f"/admin/gratifikasi/{lap_id}/tanda-terima.pdf", data={"csrf_token": csrf_from(html),
                                                                          "kode": "SALAH-KODE"})
    assert wrong.status_code == 302
    # the same form sent twice is one report
    again = c.post(URL, data=data, follow_redirects=True).get_data(as_text=True)
    assert f"sudah diterima dengan nomor {nomor}" in again
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(LaporanGratifikasi)) == 1


def test_bad_input_is_shown_and_nothing_is_saved(app, login_as):
    c = login_as("upg")
    page = c.get(URL).get_data(as_text=True)
    received = local_today() - timedelta(days=3)
    data = form_data(page, tanggal_terima=local_today().isoformat(), diterima_upg=received.isoformat(),
                     identitas_nomor="123")
    html = c.post(URL, data=data).get_data(as_text=True)
    assert "NIP harus 18 angka" in html and "tidak boleh setelah tanggal laporan diterima UPG" in html
    tomorrow = form_data(page, diterima_upg=(local_today() + timedelta(days=1)).isoformat())
    assert "Tanggal laporan diterima UPG tidak boleh setelah hari ini" in c.post(URL, data=tomorrow).get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(LaporanGratifikasi)) == 0


def test_service_keeps_the_received_date_to_the_upg(app_ctx):
    pegawai, _ = make_user(["petugas_pengaduan"])
    upg, _ = make_user(["upg"])
    received = local_today() - timedelta(days=5)
    with pytest.raises(NotAllowed):
        service.submit(laporan_input(tanggal_terima=received), kanal="petugas", petugas=pegawai, diterima_upg=received)
    with pytest.raises(DomainError):
        service.submit(laporan_input(tanggal_terima=received), kanal="web", petugas=upg, diterima_upg=received)
    lap, _ = service.submit(laporan_input(tanggal_terima=received), kanal="petugas", petugas=upg,
                            diterima_upg=received)
    assert lap.tanggal_lapor == received and not lap.terlambat_upg  # judged on the day the UPG had the paper
