"""Test data made through the same services the application uses."""
from __future__ import annotations

import itertools

import pyotp

from core.accounts import hash_password
from core.extensions import db
from core.models import Role, Unit, User

PASSWORD = "kuda-laut-berlari-pagi-7"
_seq = itertools.count(1)
_HASH_CACHE: dict[str, str] = {}


def make_unit(kode: str = "KB", nama: str = "Bidang Keluarga Berencana") -> Unit:
    unit = db.session.query(Unit).filter_by(kode=kode).one_or_none()
    if unit is None:
        unit = Unit(kode=kode, nama=nama, kepala_nama=f"Kepala {kode}", kepala_jabatan=f"Kepala {nama}",
                    kepala_nip="197001011995031001")
        db.session.add(unit)
        db.session.flush()
    return unit


def make_user(roles, *, email: str | None = None, totp: bool | None = None, unit: Unit | None = None,
              password: str = PASSWORD, must_change: bool = False) -> tuple[User, str | None]:
    """An officer with a known password; TOTP enrolled when asked or when a role requires it."""
    roles = [Role(r) for r in roles]
    n = next(_seq)
    if password not in _HASH_CACHE:  # Argon2id is slow on purpose; hash the shared test password once
        _HASH_CACHE[password] = hash_password(password)
    user = User(email=email or f"{roles[0].value}{n}@uji.go.id", nama=f"Petugas {n}", jabatan="Analis",
                password_hash=_HASH_CACHE[password], must_change_password=must_change)
    if unit is None and Role.unit in roles:
        unit = make_unit()
    user.unit = unit
    user.set_roles(roles)
    secret = None
    if totp or (totp is None and user.needs_2fa):
        secret = pyotp.random_base32()
        user.totp_secret = secret
    db.session.add(user)
    db.session.commit()
    return user, secret
