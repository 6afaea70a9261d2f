"""Who sees the reporter's identity (DOMAIN §1): the complaint team; the unit only with the reporter's consent
or the officer's recorded decision; pimpinan and TPI never."""
import pytest
from sqlalchemy import select

from core.errors import DomainError
from core.extensions import db
from core.models import AuditEvent, Role
from core.uow import unit_of_work
from pengaduan import service
from tests.factories import make_user
from tests.pengaduan.helpers import submit

IDENTITY = ("Budi Santoso", "081234567890", "budi@contoh.id")


def _disposed(petugas, unit, **over):
    with unit_of_work():
        p, _ = submit(**over)
        service.verifikasi(p, petugas, "normatif")
        service.disposisi(p, petugas, unit.id)
    return p


def _shown(p, user) -> set[str]:
    values = service.identity_for(p, service.role_of(user, p)).values()
    return {v for v in IDENTITY if v in values}


def test_the_unit_does_not_see_the_identity_by_default(petugas, unit_kb, pj_kb):
    p = _disposed(petugas, unit_kb)
    assert _shown(p, petugas) == set(IDENTITY)
    assert _shown(p, pj_kb) == set()
    pimpinan, _ = make_user([Role.pimpinan])
    tpi, _ = make_user([Role.tpi])
    assert _shown(p, pimpinan) == set() and _shown(p, tpi) == set()


def test_the_unit_sees_it_when_the_reporter_agreed(petugas, unit_kb, pj_kb):
    p = _disposed(petugas, unit_kb, boleh_diteruskan=True)
    assert p.boleh_diteruskan
    assert _shown(p, pj_kb) == set(IDENTITY)
    pimpinan, _ = make_user([Role.pimpinan, Role.tpi])
    assert _shown(p, pimpinan) == set()


def test_the_officer_opens_it_to_the_unit_with_a_reason_audited(petugas, unit_kb, pj_kb):
    p = _disposed(petugas, unit_kb)
    with pytest.raises(DomainError), unit_of_work():
        service.buka_identitas_unit(p, petugas, "")
    with unit_of_work():
        service.buka_identitas_unit(p, petugas, "Unit perlu menghubungi pelapor untuk jadwal ulang.")
    assert _shown(p, pj_kb) == set(IDENTITY)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "pengaduan.buka_identitas_unit"))
    assert event is not None


def test_the_unit_page_shows_no_identity_without_consent(app):
    from tests.conftest import login
    from tests.factories import make_unit
    with app.app_context():
        unit = make_unit("KB", "Bidang KB")
        petugas, _ = make_user([Role.petugas_pengaduan])
        p = _disposed(petugas, unit)
        pid, tiket = p.id, p.tiket
        pj, secret = make_user([Role.unit], unit=unit)
        email = pj.email
    c = app.test_client()
    login(c, email, totp_secret=secret)
    html = c.get(f"/admin/pengaduan/{pid}").get_data(as_text=True)
    assert tiket in html
    assert not any(v in html for v in IDENTITY)
