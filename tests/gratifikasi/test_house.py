"""Gratifikasi in the house (DESIGN.md): the service never commits, a lost race is absorbed by a savepoint inside
the open transaction, a refused request keeps nothing (no number, no file), pages state the office's deadlines,
and no screen reaches into the public views."""
import io
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from core.extensions import db
from core.models import Attachment, Counter
from core.settings import set_setting
from core.storage import inspect_upload
from core.workdays import local_today
from gratifikasi import service
from gratifikasi.models import LaporanGratifikasi
from tests.conftest import csrf_from
from tests.factories import make_user
from tests.gratifikasi.helpers import form_data, laporan_input, post_multipart, track
from tests.gratifikasi.test_views import PNG

TODAY = date(2026, 11, 26)


def _committed_counter(name: str = "gratifikasi") -> int | None:
    """The counter as another connection sees it: only what has really been committed."""
    with db.engine.connect() as conn:
        return conn.execute(select(Counter.value).where(Counter.name == name)).scalar()


def _lose_the_race_once(monkeypatch):
    """The first token lookup misses (the other submit has not committed yet); the insert then collides."""
    real, calls = service._by_token, []

    def lookup(token):
        calls.append(token)
        return None if len(calls) == 1 else real(token)

    monkeypatch.setattr(service, "_by_token", lookup)


def test_service_leaves_the_transaction_open(app_ctx):
    lap, _ = service.submit(laporan_input(), today=TODAY)
    assert lap.id and db.session().in_transaction()
    assert _committed_counter() is None  # nothing is durable until the caller's unit of work commits
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(LaporanGratifikasi)) == 0


def test_lost_race_is_a_duplicate_and_gives_its_number_back(app_ctx, monkeypatch):
    first, _ = service.submit(laporan_input(), idem_token="tok-race", today=TODAY)
    db.session.commit()
    _lose_the_race_once(monkeypatch)
    with pytest.raises(service.DuplicateSubmission) as err:
        service.submit(laporan_input(), idem_token="tok-race", today=TODAY)
    assert err.value.laporan.id == first.id
    # the savepoint nested inside the transaction the counter's UPDATE opened: nothing was committed by it
    assert _committed_counter() == 1
    assert db.session().in_transaction()  # and the transaction is still usable
    db.session.rollback()
    again, _ = service.submit(laporan_input(), today=TODAY)
    assert again.nomor == "GRT-2026-000002"  # no gap


def test_double_submit_race_through_the_form(app, client, monkeypatch):
    html = client.get("/gratifikasi/lapor").get_data(as_text=True)
    data = form_data(html, tanggal_terima=(local_today() - timedelta(days=2)).isoformat())
    assert client.post("/gratifikasi/lapor", data=data).status_code == 200  # the receipt, with the code
    _lose_the_race_once(monkeypatch)
    resp = client.post("/gratifikasi/lapor", data=data)
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/gratifikasi/tanda-terima")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(LaporanGratifikasi)) == 1
        assert db.session.scalar(select(Counter.value).where(Counter.name == "gratifikasi")) == 1


def test_files_of_a_rolled_back_report_are_removed(app_ctx):
    folder = Path(app_ctx.config["UPLOAD_FOLDER"])
    clean = inspect_upload(PNG, "bukti.png", max_bytes=1_000_000)
    service.submit(laporan_input(), [clean], today=TODAY)
    assert len(list(folder.iterdir())) == 1
    db.session.rollback()
    assert list(folder.iterdir()) == []
    service.submit(laporan_input(), [clean], today=TODAY)
    db.session.commit()
    db.session.rollback()  # a later rollback does not touch what was committed
    assert len(list(folder.iterdir())) == 1


def test_refused_forwarding_takes_no_letter_number(app, login_as):
    with app.app_context():
        upg = make_user(["upg"])[0]
        lap, _ = service.submit(laporan_input(tanggal_terima=local_today()), today=local_today())
        service.verifikasi(lap, upg)
        set_setting("gratifikasi", {"template_nomor_surat": "{tidak_ada}/UPG"})
        db.session.commit()
        lap_id = lap.id
    c = login_as("upg")
    token = csrf_from(c.get(f"/admin/gratifikasi/{lap_id}").get_data(as_text=True))
    resp = c.post(f"/admin/gratifikasi/{lap_id}/aksi/teruskan_kpk",
                  data={"csrf_token": token, "tanggal": local_today().isoformat(), "cara": "gol"})
    assert resp.status_code == 400 and "Pengaturan nomor surat UPG tidak sah" in resp.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(LaporanGratifikasi, lap_id).status == "diverifikasi"
        assert db.session.scalar(select(Counter.value).where(Counter.name == "gratifikasi_surat")) is None


def test_refused_completion_keeps_no_file(app, client):
    with app.app_context():
        lap, kode = service.submit(laporan_input(tanggal_terima=local_today()))  # not asked to complete
        db.session.commit()
        nomor = lap.nomor
    page = track(client, nomor, kode)
    resp = post_multipart(client, "/gratifikasi/lacak/lengkapi", {
        "tambahan": "x", "lampiran": (io.BytesIO(PNG), "a.png"), "csrf_token": csrf_from(page)})
    assert "tidak dapat dilakukan pada laporan berstatus" in resp.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Attachment)) == 0
    assert list(Path(app.config["UPLOAD_FOLDER"]).iterdir()) == []


def test_campaign_text_too_long_is_shown_on_its_field(app, login_as):
    c = login_as("upg")
    token = csrf_from(c.get("/admin/gratifikasi/kampanye").get_data(as_text=True))
    resp = c.post("/admin/gratifikasi/kampanye", data={"csrf_token": token, "tanggal": local_today().isoformat(),
                                                      "media": "banner", "judul": "Banner", "uraian": "x" * 5001})
    assert resp.status_code == 400 and "Uraian terlalu panjang (maksimal 5000 karakter)." in resp.get_data(as_text=True)


def test_pages_state_the_deadlines_the_office_set(app, client, login_as):
    with app.app_context():
        set_setting("gratifikasi", {"hk_upg": 7, "hk_kpk": 25, "hk_upg_kpk": 6})
        db.session.commit()
        start = local_today() - timedelta(days=60)  # late for both deadlines
        lap, _ = service.submit(laporan_input(tanggal_terima=start), today=local_today())
        db.session.commit()
        lap_id = lap.id
    from tests.gratifikasi.helpers import PENERIMAAN, walk

    form = client.get("/gratifikasi/lapor").get_data(as_text=True)
    assert "paling lambat 7 hari kerja" in form and "10 hari kerja" not in form  # the first question
    when = walk(client, PENERIMAAN, until="waktu")  # the date of receipt, the deadline counted from it
    assert "Batas lapor ke KPK (25 HK sejak diterima, Pasal 12C)" in when and "30 HK" not in when
    c = login_as("upg")
    detail = c.get(f"/admin/gratifikasi/{lap_id}").get_data(as_text=True)
    assert "Batas lapor ke UPG (7 HK sejak diterima)" in detail and "Target UPG meneruskan (6 HK sejak diterima UPG)" in detail
    assert "Batas lapor ke KPK (25 HK sejak diterima, Pasal 12C)" in detail and "melewati batas 25 hari kerja" in detail
    register = c.get("/admin/gratifikasi").get_data(as_text=True)
    assert "lewat 25 HK" in register and "30 HK" not in register
    rekap = c.get(f"/admin/gratifikasi/rekap?periode=tahun&tahun={local_today().year}").get_data(as_text=True)
    assert "(≤ 7 HK)" in rekap and "lewat 25 HK" in rekap


ROOT = Path(__file__).resolve().parents[2]


def test_no_deadline_is_template_text():
    literal = re.compile(r"\d+\s*(HK|hari kerja)\b")
    for folder in ("templates/gratifikasi", "templates/admin/gratifikasi"):
        for path in (ROOT / folder).glob("*.html"):
            for n, line in enumerate(path.read_text().splitlines(), 1):
                assert not literal.search(line), f"{path.relative_to(ROOT)}:{n}: {line.strip()}"


def test_no_commit_or_rollback_and_no_screen_imports_the_public_views():
    sources = [*(ROOT / "gratifikasi").glob("*.py"), ROOT / "admin" / "gratifikasi.py"]
    for path in sources:
        text = path.read_text()
        assert not re.search(r"session\.(commit|rollback)\(\)", text), path
    admin = (ROOT / "admin" / "gratifikasi.py").read_text()
    assert not re.search(r"^\s*(from gratifikasi import .*\bviews\b|from gratifikasi\.views|import gratifikasi\.views)",
                         admin, re.M)
