"""ZI fixtures: the catalogue of a year, officers, and small builders of domain records."""
from __future__ import annotations

import pytest

import zi.models  # noqa: F401  (the zi tables in the metadata the migration test compares)
from core.extensions import db
from core.models import Role
from tests.factories import make_unit, make_user
from zi import catalogue

TAHUN = 2026


@pytest.fixture
def katalog(app_ctx):
    catalogue.load(TAHUN)
    db.session.commit()
    return catalogue.indikator_tahun(TAHUN)


@pytest.fixture
def petugas(app_ctx):
    user, _ = make_user([Role.admin], totp=False)
    return user


@pytest.fixture
def unit(app_ctx):
    u = make_unit("SEKR", "Sekretariat")
    db.session.commit()
    return u
