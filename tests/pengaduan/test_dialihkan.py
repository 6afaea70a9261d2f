"""'Bukan kewenangan' is forwarded (dialihkan), a state of its own with where to and when (DOMAIN §1, §6)."""
from datetime import date

import pytest

from core.errors import DomainError
from core.workdays import local_today
from pengaduan import queries, service
from pengaduan.workflow import MACHINE, OFFICER_ACTIONS, PETUGAS
from tests.pengaduan.helpers import submit


def test_forwarded_is_its_own_state_shown_to_the_reporter(app_ctx, petugas):
    p, _ = submit()
    assert "alihkan" in MACHINE.actions_for(p, PETUGAS, order=OFFICER_ACTIONS)
    with pytest.raises(DomainError):
        service.alihkan(p, petugas, "")
    service.alihkan(p, petugas, "SP4N-LAPOR! (Kementerian Kesehatan)")
    assert p.status == "dialihkan" and not p.terbuka
    assert p.dialihkan_ke == "SP4N-LAPOR! (Kementerian Kesehatan)" and p.dialihkan_tanggal == local_today()
    view = service.public_view(p)
    assert view.status_label == "Dialihkan" and view.dialihkan_ke == p.dialihkan_ke
    assert view.dialihkan_tanggal == local_today()


def test_forwarded_cases_are_not_owed(app_ctx, petugas):
    a, _ = submit()
    submit()
    service.alihkan(a, petugas, "Pemerintah Kota Palembang")
    f = queries.lke_figures(date(2000, 1, 1), date(2100, 1, 1))
    assert f["dialihkan"] == 1 and f["harus_ditindaklanjuti"] == 1


def test_the_officer_forwards_from_the_case_page_and_the_reporter_reads_where(app, client, login_as):
    from core.uow import unit_of_work
    from core.workdays import format_tanggal
    from tests.conftest import csrf_from
    from tests.pengaduan.test_public import _track

    with app.app_context(), unit_of_work():
        p, code = submit()
        pid, tiket = p.id, p.tiket
    officer = login_as("petugas_pengaduan")
    page = officer.get(f"/admin/pengaduan/{pid}").get_data(as_text=True)
    assert "Dialihkan kepada (instansi berwenang atau SP4N-LAPOR!)" in page
    resp = officer.post(f"/admin/pengaduan/{pid}/aksi/alihkan",
                        data={"csrf_token": csrf_from(page), "teks": "Dinas Kesehatan Kota Palembang"})
    assert resp.status_code == 303
    case = officer.get(f"/admin/pengaduan/{pid}").get_data(as_text=True)
    assert '<strong id="status">Dialihkan</strong>' in case and "ditolak" not in case.lower().split("riwayat")[-1]
    _track(client, tiket, code)
    public = client.get("/pengaduan/lacak/status").get_data(as_text=True)
    assert '<strong id="status">Dialihkan</strong>' in public
    assert (f"Dialihkan kepada Dinas Kesehatan Kota Palembang pada {format_tanggal(local_today())}."
            in public)
