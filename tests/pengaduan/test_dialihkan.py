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
