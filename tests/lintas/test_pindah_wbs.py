"""The complaint → WBS move: one operation over two domains, in one unit of work (both halves or neither)."""
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from core.errors import DomainError, NotAllowed
from core.extensions import db
from core.models import Role
from core.storage import inspect_upload
from core.uow import unit_of_work
from lintas.pindah_wbs import pindah_wbs
from pengaduan import queries, service
from pengaduan.models import Pengaduan, Riwayat
from tests.conftest import csrf_from
from tests.factories import make_user
from tests.pengaduan.helpers import data, jpeg_with_exif
from wbs.models import WbsAttachment, WbsReport

ROOT = Path(__file__).resolve().parents[2]


def _offered(**over) -> Pengaduan:
    """A complaint with a photo, offered for the move by an officer, committed."""
    officer, _ = make_user([Role.petugas_pengaduan])
    photo = inspect_upload(jpeg_with_exif(), "bukti.jpg", max_bytes=10 * 1024 * 1024)
    with unit_of_work():
        p, _ = service.submit(data(judul="Petugas meminta uang", uraian="Petugas meminta uang pelicin untuk KB.",
                                   **over), [photo], kanal="web")
        service.tawarkan_wbs(p, officer)
    return p


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _files(app) -> set[str]:
    return {str(f) for f in Path(app.config["UPLOAD_FOLDER"]).rglob("*") if f.is_file()}


def test_offer_and_move_to_wbs(app_ctx):
    officer, _ = make_user([Role.petugas_pengaduan])
    with unit_of_work():
        p, _ = service.submit(data(), kanal="web")
    with pytest.raises(NotAllowed, match="tidak ditawarkan"), unit_of_work():
        pindah_wbs(p)
    with unit_of_work():
        service.tawarkan_wbs(p, officer)
    token = service.new_token()
    with unit_of_work():
        receipt = pindah_wbs(p, sertakan_identitas=False, token=token)
    db.session.expire_all()
    assert receipt and p.status == "diarsipkan" and p.dipindah_wbs
    assert db.session.scalar(select(WbsReport.sumber)) == "pengaduan"
    with unit_of_work():
        assert pindah_wbs(p, token=token) == receipt  # a double click shows the same receipt
    assert _count(WbsReport) == 1
    with pytest.raises(NotAllowed, match="sudah dipindahkan"), unit_of_work():
        pindah_wbs(p, token=service.new_token())  # but never files a second report
    with pytest.raises(NotAllowed):
        service.buka_kembali(p, officer, "coba")
    db.session.rollback()
    columns = " ".join(str(v) for v in db.session.execute(text("SELECT * FROM pengaduan")).one())
    assert str(receipt) not in columns
    assert _count(WbsReport) == 1


def test_a_failure_in_the_wbs_half_leaves_the_complaint_untouched(app_ctx, monkeypatch):
    p = _offered()
    pid, files_before = p.id, _files(app_ctx)
    riwayat_before = _count(Riwayat)

    def wbs_fails(*args, **kwargs):  # after the report row and its sealed photo were written
        raise DomainError("Layanan WBS sedang gangguan.")

    monkeypatch.setattr("wbs.service._notify_team", wbs_fails)
    with pytest.raises(DomainError, match="gangguan"), unit_of_work():
        pindah_wbs(p, token=service.new_token())
    db.session.expire_all()
    p = db.session.get(Pengaduan, pid)
    assert (p.status, p.terbuka, p.tawaran_wbs, p.dipindah_wbs, p.wbs_token_hash) == \
        ("diterima", True, True, False, None)
    assert _count(Riwayat) == riwayat_before
    assert queries.counts_by_status()["diarsipkan"] == 0 and queries.counts_by_status()["diterima"] == 1
    assert _count(WbsReport) == 0 and _count(WbsAttachment) == 0
    assert _files(app_ctx) == files_before  # no sealed copy of the photo left behind


def _tracking_client(app, client, p_code):
    tiket, code = p_code
    page = client.get("/pengaduan/lacak")
    client.post("/pengaduan/lacak", data={"csrf_token": csrf_from(page.get_data(as_text=True)),
                                          "tiket": tiket, "kode": code})
    html = client.get("/pengaduan/lacak/status").get_data(as_text=True)
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', html).group(1)
    return {"csrf_token": csrf_from(html), "token": token}


def _offered_with_code(app):
    with app.app_context():
        officer, _ = make_user([Role.petugas_pengaduan])
        with unit_of_work():
            p, code = service.submit(data(), kanal="web")
            service.tawarkan_wbs(p, officer)
        return p.id, (p.tiket, code)


def test_the_public_page_moves_the_complaint_and_shows_the_receipt_once(app, client):
    pid, p_code = _offered_with_code(app)
    form = _tracking_client(app, client, p_code)
    assert "Pindahkan ke WBS" in client.get("/pengaduan/lacak/status").get_data(as_text=True)
    resp = client.post("/pengaduan/lacak/wbs", data=form)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and resp.headers["Cache-Control"] == "no-store"
    assert "Pengaduan dipindahkan ke Whistleblowing System" in html and p_code[0] in html
    receipt = re.search(r'id="resi">([^<]+)<', html).group(1)
    again = client.post("/pengaduan/lacak/wbs", data=form).get_data(as_text=True)
    assert receipt in again  # a double click
    with app.app_context():
        assert db.session.get(Pengaduan, pid).status == "diarsipkan" and _count(WbsReport) == 1


def test_the_public_page_shows_a_wbs_refusal_and_keeps_the_offer(app, client, monkeypatch):
    pid, p_code = _offered_with_code(app)
    form = _tracking_client(app, client, p_code)

    def wbs_fails(*args, **kwargs):
        raise DomainError("Layanan WBS sedang gangguan.")

    monkeypatch.setattr("wbs.service._notify_team", wbs_fails)
    resp = client.post("/pengaduan/lacak/wbs", data=form)
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/pengaduan/lacak/status")
    html = client.get("/pengaduan/lacak/status").get_data(as_text=True)
    assert "Layanan WBS sedang gangguan." in html and "Pindahkan ke WBS" in html
    with app.app_context():
        p = db.session.get(Pengaduan, pid)
        assert p.status == "diterima" and not p.dipindah_wbs and _count(WbsReport) == 0


def test_pengaduan_does_not_import_wbs():
    importing = [str(path.relative_to(ROOT)) for path in (ROOT / "pengaduan").rglob("*.py")
                 if re.search(r"^\s*(from|import)\s+wbs\b", path.read_text(), re.M)]
    assert importing == []
