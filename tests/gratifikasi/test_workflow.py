"""The UPG's state machine is one table (core.workflow's shape), and who may open a report is the service's rule."""
from datetime import date

import pytest

from core.errors import NotAllowed, NotFoundError
from core.extensions import db
from core.workdays import local_today
from gratifikasi import service, workflow
from gratifikasi.models import STATUS, LaporanGratifikasi
from tests.factories import make_user
from tests.gratifikasi.helpers import laporan_input

# (jenis, status) -> what the UPG may do: the whole table, read as the case page reads it
EXPECTED = {
    ("penerimaan", "diterima"): ["verifikasi", "minta_lengkapi"],
    ("penerimaan", "perlu_dilengkapi"): ["verifikasi"],
    ("penerimaan", "diverifikasi"): ["teruskan_kpk"],
    ("penerimaan", "diteruskan"): ["tetapkan", "kpk_minta"],
    ("penerimaan", "diminta_kpk"): ["kpk_dilengkapi"],  # KPK asked for completion: answered, then back
    ("penerimaan", "ditetapkan"): ["selesaikan"],
    ("penolakan", "diterima"): ["verifikasi", "minta_lengkapi"],
    ("penolakan", "perlu_dilengkapi"): ["verifikasi"],
    ("penolakan", "diverifikasi"): ["teruskan_kpk"],
    ("penolakan", "diteruskan"): ["kpk_minta", "selesaikan"],  # nothing for KPK to decide on a refusal
    ("penolakan", "diminta_kpk"): ["kpk_dilengkapi"],
    ("penolakan", "ditetapkan"): [],
    ("nihil", "diterima"): ["minta_lengkapi", "selesaikan"],  # a nil report stays with the UPG
    ("nihil", "perlu_dilengkapi"): [],
    ("nihil", "diverifikasi"): [],
    ("nihil", "diteruskan"): [],
    ("nihil", "diminta_kpk"): [],
}


def _lap(jenis: str, status: str) -> LaporanGratifikasi:
    return LaporanGratifikasi(jenis=jenis, status=status, nomor="GRT-2026-000001")


def test_the_table_per_kind_and_status(app_ctx):
    upg = make_user(["upg"])[0]
    pimpinan = make_user(["pimpinan"])[0]
    for (jenis, status), actions in EXPECTED.items():
        lap = _lap(jenis, status)
        assert workflow.actions_for(lap, upg) == actions, (jenis, status)
        assert workflow.actions_for(lap, pimpinan) == []
        reporter = status == "perlu_dilengkapi" or (status == "diminta_kpk" and jenis != "nihil")
        assert workflow.actions_for(lap, None) == (["dilengkapi"] if reporter else [])
        for aksi in actions:
            assert workflow.check(lap, aksi, upg) in STATUS
        for aksi in set(workflow.ORDER) - set(actions) - {"dilengkapi"}:
            with pytest.raises(NotAllowed):
                workflow.check(lap, aksi, upg)
    for jenis in ("penerimaan", "penolakan", "nihil"):
        assert workflow.actions_for(_lap(jenis, "selesai"), upg) == []  # closed is closed
    assert workflow.TABLE.states() <= set(STATUS) and workflow.TABLE.actions() == set(workflow.ORDER)


def test_refusals_say_why(app_ctx):
    upg = make_user(["upg"])[0]
    with pytest.raises(NotAllowed) as err:
        workflow.check(_lap("penerimaan", "diterima"), "selesaikan", upg)
    assert "tidak berlaku untuk laporan «Penerimaan gratifikasi» berstatus «Diterima UPG»" in err.value.message
    with pytest.raises(NotAllowed) as err:
        workflow.check(_lap("penerimaan", "perlu_dilengkapi"), "dilengkapi", upg)  # the reporter's step
    assert "tidak berwenang" in err.value.message


def test_who_may_open_a_report(app_ctx):
    upg = make_user(["upg"])[0]
    pegawai = make_user(["petugas_pengaduan"])[0]
    rekan = make_user(["unit"])[0]
    tpi = make_user(["tpi"])[0]
    today = local_today()
    milik, _ = service.submit(laporan_input(tanggal_terima=today), user=pegawai, today=today)
    lain, _ = service.submit(laporan_input(tanggal_terima=today), today=today)
    db.session.commit()
    assert service.get_visible(milik.id, upg) is milik and service.get_visible(lain.id, upg) is lain
    assert service.get_visible(milik.id, pegawai) is milik
    for user, lap_id in [(pegawai, lain.id), (rekan, milik.id), (tpi, milik.id), (upg, 999_999)]:
        with pytest.raises(NotFoundError) as err:
            service.get_visible(lap_id, user)
        assert err.value.message == service.NOT_FOUND  # the same answer for "not yours" and "no such report"
    assert service.laporan_saya(pegawai) == [milik] and service.laporan_saya(tpi) == []


def test_attachment_belongs_to_a_visible_report(app_ctx):
    from core.models import Attachment

    upg, pegawai = make_user(["upg"])[0], make_user(["petugas_pengaduan"])[0]
    lap, _ = service.submit(laporan_input(tanggal_terima=date(2026, 11, 20)), user=pegawai, today=date(2026, 11, 26))
    other, _ = service.submit(laporan_input(tanggal_terima=date(2026, 11, 20)), today=date(2026, 11, 26))
    att = Attachment(owner_type=service.OWNER, owner_id=lap.id, stored_name="0" * 32, original_name="a.png",
                     content_type="image/png", size=1, sha256="0" * 64)
    db.session.add(att)
    db.session.flush()
    assert service.lampiran(lap.id, att.id, upg) is att and service.lampiran(lap.id, att.id, pegawai) is att
    with pytest.raises(NotFoundError):
        service.lampiran(other.id, att.id, upg)
    with pytest.raises(NotFoundError):
        service.bukti_kampanye(lap.id, att.id)  # a report's file is no campaign photo


def test_a_refusal_of_the_path_is_one_sentence_in_either_language(app):
    from core.web import translated

    with app.test_request_context("/?lang=en"):
        upg = make_user(["upg"])[0]
        with pytest.raises(NotAllowed) as err:
            workflow.check(_lap("nihil", "diverifikasi"), "teruskan_kpk", upg)
        assert str(err.value.message) == ("Tindakan ini tidak berlaku untuk laporan «Laporan nihil (tidak menerima "
                                          "gratifikasi)» berstatus «Diverifikasi (lengkap)».")
        assert translated(err.value.message) == ("This action does not apply to a «Nil report (no gratifikasi "
                                                 "received)» report with the status «Verified (complete)».")
        with pytest.raises(NotAllowed) as err:
            workflow.check(_lap("penerimaan", "selesai"), "verifikasi", upg)
        assert translated(err.value.message) == ("The action «Verified as complete» cannot be taken on a "
                                                 "report with the status «Completed».")
