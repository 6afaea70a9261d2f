"""KPK's request for completion (PerKPK 1/2026: within 20 HK) is a tracked step after *diteruskan*: recorded with
its deadline, highlighted in the register, reminded to the UPG through the outbox, then "dilengkapi" back."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from core.calendar import add_workdays, workdays_between
from core.errors import DomainError
from core.extensions import db
from core.models import AuditEvent, Outbox
from core.outbox import recipient_of
from core.settings import set_setting
from core.workdays import format_tanggal, local_today
from gratifikasi import service, workflow
from gratifikasi.models import LaporanGratifikasi
from tests.conftest import csrf_from
from tests.factories import make_user
from tests.gratifikasi.helpers import laporan_input

NAMA = "Batas kelengkapan ke KPK (20 HK sejak diminta KPK)"


def _forwarded(upg, start=None, **over):
    """A report received, verified and forwarded on `start` (default today)."""
    start = start or local_today()
    lap, kode = service.submit(laporan_input(tanggal_terima=start, **over), today=start)
    service.verifikasi(lap, upg)
    service.teruskan_kpk(lap, upg, tanggal=start, cara="gol")
    return lap, kode


def _start_for(hk_left: int):
    """A day from which the 20 HK completion deadline is `hk_left` working days after today (negative: past)."""
    today = local_today()
    start = today - timedelta(days=1)
    while workdays_between(today, add_workdays(start, 20)) > hk_left:
        start -= timedelta(days=1)
    return start


def test_the_step_through_the_service(app_ctx):
    upg, _ = make_user(["upg"])
    today = local_today()
    lap, kode = _forwarded(upg)
    assert "kpk_minta" in workflow.actions_for(lap, upg)
    with pytest.raises(DomainError) as err:
        service.kpk_minta_lengkapi(lap, upg, tanggal=today, nomor_surat="", catatan=" ")
    assert "Hal yang diminta KPK wajib diisi." in err.value.message
    with pytest.raises(DomainError) as err:
        service.kpk_minta_lengkapi(lap, upg, tanggal=today - timedelta(days=1), catatan="Foto")
    assert "tidak boleh sebelum tanggal penerusan ke KPK" in err.value.message
    service.kpk_minta_lengkapi(lap, upg, tanggal=today, nomor_surat="B/123/GRA.01/2026",
                               catatan="Foto objek dan bukti pengembalian")
    assert lap.status == "diminta_kpk" and lap.status_label == "KPK meminta kelengkapan"
    assert lap.kelengkapan_kpk.tenggat == add_workdays(today, 20)
    assert workflow.actions_for(lap, upg) == ["kpk_dilengkapi"]
    # the reporter sends what KPK asks through the tracking page; the report waits for the UPG
    assert workflow.actions_for(lap, None) == ["dilengkapi"]
    service.lengkapi(lap, "Foto terlampir")
    assert lap.status == "diminta_kpk"
    with pytest.raises(DomainError) as err:
        service.kpk_dilengkapi(lap, upg, tanggal=today + timedelta(days=1))
    assert "tidak boleh setelah hari ini" in err.value.message
    service.kpk_dilengkapi(lap, upg, tanggal=today, catatan="Dikirim lewat GOL")
    assert lap.status == "diteruskan" and lap.kelengkapan_kpk.dilengkapi_pada == today
    service.tetapkan(lap, upg, penetapan="milik_negara", nomor_sk="1/GRA/2026", tanggal_sk=today,
                     tindak_lanjut="Disetor")
    assert [r.aksi for r in lap.riwayat][-4:] == ["kpk_minta", "dilengkapi", "kpk_dilengkapi", "tetapkan"]
    assert "KPK meminta kelengkapan: Foto objek dan bukti pengembalian" in lap.riwayat[-4].catatan
    assert format_tanggal(add_workdays(today, 20)) in lap.riwayat[-4].catatan
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.action.like("gratifikasi.kpk%"))
                                 .order_by(AuditEvent.id)).all()
    assert actions == ["gratifikasi.kpk_minta", "gratifikasi.kpk_dilengkapi"]


def test_register_highlights_the_completion_deadline(app, login_as):
    with app.app_context():
        upg, _ = make_user(["upg"])
        ids = {}
        for name, hk_left in (("dekat", 2), ("lewat", -1), ("jauh", 12)):
            start = _start_for(hk_left)
            lap, _ = _forwarded(upg, start)
            service.kpk_minta_lengkapi(lap, upg, tanggal=start, catatan="Foto")
            ids[name] = (lap.id, lap.nomor, lap.kelengkapan_kpk.tenggat)
        db.session.commit()
    c = login_as("upg")
    html = c.get("/admin/gratifikasi").get_data(as_text=True)
    rows = {name: html.split(nomor)[0].rsplit("<tr", 1)[1] for name, (_, nomor, _) in ids.items()}
    assert "table-warning" in rows["dekat"] and "table-danger" in rows["lewat"]
    assert "table-" not in rows["jauh"]
    assert NAMA in html and format_tanggal(ids["dekat"][2]) in html and "2 HK lagi" in html
    lewat = c.get("/admin/gratifikasi?tenggat=lewat").get_data(as_text=True)
    assert ids["lewat"][1] in lewat and ids["dekat"][1] not in lewat
    dekat = c.get("/admin/gratifikasi?tenggat=dekat").get_data(as_text=True)
    assert ids["dekat"][1] in dekat and ids["lewat"][1] not in dekat and ids["jauh"][1] not in dekat
    detail = c.get(f"/admin/gratifikasi/{ids['lewat'][0]}").get_data(as_text=True)
    assert f"Lewat {NAMA}" in detail and "Catat kelengkapan terkirim ke KPK" in detail


def test_reminder_to_the_upg_when_the_deadline_nears(app_ctx, runner):
    set_setting("gratifikasi", {"upg_email": "upg@kantor.go.id"})
    upg, _ = make_user(["upg"])
    near = _start_for(2)
    lap, _ = _forwarded(upg, near)
    service.kpk_minta_lengkapi(lap, upg, tanggal=near, catatan="Foto")
    far = _start_for(12)
    other, _ = _forwarded(upg, far)
    service.kpk_minta_lengkapi(other, upg, tanggal=far, catatan="Foto")
    db.session.commit()
    before = set(db.session.scalars(select(Outbox.id)))
    assert service.ingatkan_tenggat() == 1
    rows = db.session.scalars(select(Outbox).where(Outbox.id.not_in(before))).all()
    assert len(rows) == 1 and recipient_of(rows[0]) == "upg@kantor.go.id"
    assert lap.nomor in rows[0].body and NAMA in rows[0].body
    assert format_tanggal(lap.kelengkapan_kpk.tenggat) in rows[0].body and other.nomor not in rows[0].body
    assert service.ingatkan_tenggat() == 0  # once per deadline, however often the timer runs
    db.session.commit()
    result = runner.invoke(args=["gratifikasi", "pengingat"])
    assert result.exit_code == 0 and "0 pengingat" in result.output


def test_reminder_without_an_upg_address_goes_to_the_upg_officers(app_ctx):
    upg, _ = make_user(["upg"], email="petugas.upg@kantor.go.id")
    make_user(["upg"], email="mantan.upg@kantor.go.id")[0].aktif = False
    lap, _ = _forwarded(upg, _start_for(1))
    service.kpk_minta_lengkapi(lap, upg, tanggal=lap.tanggal_teruskan, catatan="Foto")
    before = set(db.session.scalars(select(Outbox.id)))
    assert service.ingatkan_tenggat() == 1
    rows = db.session.scalars(select(Outbox).where(Outbox.id.not_in(before))).all()
    assert [recipient_of(r) for r in rows] == ["petugas.upg@kantor.go.id"]


def test_case_page_and_tracking_page(app, client, login_as):
    with app.app_context():
        upg, _ = make_user(["upg"])
        lap, kode = _forwarded(upg)
        db.session.commit()
        lap_id, nomor = lap.id, lap.nomor
    c = login_as("upg")
    page = c.get(f"/admin/gratifikasi/{lap_id}").get_data(as_text=True)
    assert "Catat permintaan kelengkapan KPK" in page
    resp = c.post(f"/admin/gratifikasi/{lap_id}/aksi/kpk_minta",
                  data={"csrf_token": csrf_from(page), "tanggal": local_today().isoformat(),
                        "nomor_surat": "B/9/GRA/2026", "catatan": "Bukti transfer pengembalian"})
    assert resp.status_code == 302
    page = c.get(f"/admin/gratifikasi/{lap_id}").get_data(as_text=True)
    assert "KPK meminta kelengkapan" in page and NAMA in page and "B/9/GRA/2026" in page
    lacak = client.get("/gratifikasi/lacak").get_data(as_text=True)
    html = client.post("/gratifikasi/lacak", data={"nomor": nomor, "kode": kode, "csrf_token": csrf_from(lacak)},
                       follow_redirects=True).get_data(as_text=True)
    assert "KPK meminta: Bukti transfer pengembalian" in html and "Kirim kelengkapan" in html and NAMA in html
    resp = c.post(f"/admin/gratifikasi/{lap_id}/aksi/kpk_dilengkapi",
                  data={"csrf_token": csrf_from(page), "tanggal": local_today().isoformat(), "catatan": ""})
    assert resp.status_code == 302
    with app.app_context():
        assert db.session.get(LaporanGratifikasi, lap_id).status == "diteruskan"
