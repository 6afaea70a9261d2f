"""The survey services inside one unit of work: nothing is committed by them, a double submit is one row even
when it loses the race, a one-time code is spent once; follow-up visibility and statuses."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from core.errors import DomainError, NotAllowed
from core.extensions import db
from core.uow import unit_of_work
from skm import service
from skm.models import PersepsiRespon, SkmKode, SkmRespon
from skm.workflow import STATUS_TL, TINDAK_LANJUT
from tests.factories import make_unit, make_user

U = [f"U{i}" for i in range(1, 10)]


def _data():
    return service.ResponBaru(jawaban={k: 3 for k in U}, jenis_kelamin="L", usia=30, pendidikan="SMA",
                              pekerjaan="PNS")


def _count(model=SkmRespon):
    db.session.expire_all()
    return db.session.scalar(select(func.count(model.id)))


def test_an_answer_is_undone_with_its_unit_of_work(app_ctx, survei):
    # under pysqlite a SAVEPOINT opened before anything was written commits on release: the answer used
    # to survive the rollback of the unit of work it belonged to
    layanan, _ = survei
    with pytest.raises(RuntimeError):
        with unit_of_work():
            service.kirim_respon(layanan, _data(), sumber="web", token="t-1")
            service.kirim_persepsi("ipak", {it.kunci: 4 for it in service.persepsi_items("ipak")}, token="p-1")
            raise RuntimeError("a later step fails")
    assert _count() == 0 and _count(PersepsiRespon) == 0
    assert all(it.id is None for it in service.persepsi_items("ipak"))  # the defaults went with it


def test_a_double_submit_that_loses_the_race_is_one_row(app_ctx, survei, monkeypatch):
    layanan, _ = survei
    first = service.kirim_respon(layanan, _data(), sumber="web", token="same")
    db.session.commit()
    seen = []
    original = service._bertoken

    def blind_once(model, token):  # the concurrent winner committed after our check
        seen.append(token)
        return None if len(seen) == 1 else original(model, token)

    monkeypatch.setattr(service, "_bertoken", blind_once)
    again = service.kirim_respon(layanan, _data(), sumber="web", token="same")
    assert again.id == first.id
    db.session.commit()  # the transaction is still healthy
    assert _count() == 1


def test_a_code_spent_meanwhile_is_refused_and_the_answer_undone(app_ctx, survei, monkeypatch):
    layanan, _ = survei
    layanan.wajib_kode = True
    code = service.buat_kode(layanan, 1)[0]
    db.session.commit()
    row = db.session.scalar(select(SkmKode))
    monkeypatch.setattr(service, "_ambil_kode", lambda lay, kode: row)  # both answers saw the code unspent
    with unit_of_work():
        service.kirim_respon(layanan, _data(), sumber="web", token="a", kode_sekali=code)
    with pytest.raises(DomainError, match="sudah dipakai"):
        with unit_of_work():
            service.kirim_respon(layanan, _data(), sumber="web", token="b", kode_sekali=code)
    assert _count() == 1


def test_follow_up_table_and_visibility(app_ctx, survei):
    layanan, periode = survei
    own, other = layanan.unit, make_unit("DALDUK", "Bidang Dalduk")
    pengelola, _ = make_user(["pengelola_skm"])
    mine, _ = make_user(["unit"], unit=own)
    theirs, _ = make_user(["unit"], unit=other)
    pimpinan, _ = make_user(["pimpinan"])
    tl = service.buat_tindak_lanjut(periode=periode, layanan=None, unsur="U3", masalah="", rencana="Loket",
                                    unit_id=own.id, tenggat=periode.selesai)
    db.session.commit()

    assert service.bisa_ubah_tl(tl, pengelola) == ["proses", "selesai"]
    assert service.bisa_ubah_tl(tl, mine) == ["proses"]
    assert service.bisa_ubah_tl(tl, theirs) == [] and service.bisa_ubah_tl(tl, pimpinan) == []
    assert service.get_visible_tl(tl.id, pimpinan) is tl and service.get_visible_tl(tl.id, mine) is tl
    with pytest.raises(service.TidakBerwenang):
        service.get_visible_tl(tl.id, theirs)
    with pytest.raises(service.TidakBerwenang):
        service.get_visible_tl(tl.id, pimpinan, ubah=True)
    assert service.tindak_lanjut_terlihat(theirs) == [] and service.tindak_lanjut_terlihat(mine) == [tl]
    with pytest.raises(NotAllowed):
        service.ubah_status_tl(tl, "selesai", mine, hasil_tl="Sudah")  # rencana → selesai: the manager only
    with pytest.raises(service.TidakBerwenang):
        service.ubah_status_tl(tl, "proses", theirs)
    service.ubah_status_tl(tl, "proses", mine)
    assert service.bisa_ubah_tl(tl, pengelola) == ["selesai", "rencana"]
    with pytest.raises(DomainError, match="Tuliskan hasil"):
        service.ubah_status_tl(tl, "selesai", mine)
    service.ubah_status_tl(tl, "selesai", mine, hasil_tl="Loket kedua dibuka")
    assert (tl.status, tl.hasil) == ("selesai", "Loket kedua dibuka") and tl.selesai_pada is not None
    assert service.bisa_ubah_tl(tl, mine) == [] and service.bisa_ubah_tl(tl, pengelola) == ["proses"]
    assert TINDAK_LANJUT.states() == set(STATUS_TL)
