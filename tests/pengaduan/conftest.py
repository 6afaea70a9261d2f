import pytest

from core.extensions import db
from core.models import Role
from tests.factories import make_unit, make_user


@pytest.fixture
def petugas(app_ctx):
    user, _ = make_user([Role.petugas_pengaduan])
    user.jabatan, user.nip = "Ketua Tim Pengelola Pengaduan", "198001012005011001"
    db.session.commit()
    return user


@pytest.fixture
def unit_kb(app_ctx):
    unit = make_unit("KB", "Bidang Keluarga Berencana")
    db.session.commit()
    return unit


@pytest.fixture
def unit_ks(app_ctx):
    unit = make_unit("KS", "Bidang Keluarga Sejahtera")
    db.session.commit()
    return unit


@pytest.fixture
def pj_kb(app_ctx, unit_kb):
    user, _ = make_user([Role.unit], unit=unit_kb)
    return user
