"""Officers' accounts: passwords (Argon2id), TOTP two-factor, throttling and lockout."""
from __future__ import annotations

import secrets
import time
from datetime import timedelta

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from sqlalchemy import select

from core import audit
from core.errors import DomainError
from core.extensions import db
from core.heavy import heavy_work
from core.models import Role, Unit, User, user_by_email
from core.workdays import utcnow

_hasher = PasswordHasher()  # argon2-cffi defaults: Argon2id, RFC 9106 low-memory profile
# verify against this when the account does not exist, so timing does not reveal valid e-mails
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))
MIN_PASSWORD = 12


class LoginError(DomainError):
    pass


def hash_password(password: str) -> str:
    with heavy_work():  # Argon2id, 64 MiB: shares the bound with the WBS key derivations
        return _hasher.hash(password)


def _argon2_verify(stored: str, password: str) -> None:
    with heavy_work():
        _hasher.verify(stored, password)


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise DomainError(f"Kata sandi minimal {MIN_PASSWORD} karakter.", "password")
    if password.strip() != password or len(set(password)) < 5:
        raise DomainError("Kata sandi terlalu sederhana. Gunakan kalimat sandi yang panjang dan beragam.", "password")


def one_time_password() -> str:
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no look-alikes
    return "-".join("".join(secrets.choice(alphabet) for _ in range(6)) for _ in range(3))


def create_user(email: str, nama: str, roles, *, unit: Unit | None = None, jabatan: str = "",
                nip: str = "", actor=None) -> tuple[User, str]:
    """Create an officer with a one-time password that must be changed at first login."""
    email = email.strip().lower()
    if "@" not in email or len(email) > 254:
        raise DomainError("Alamat e-mail tidak valid.", "email")
    if user_by_email(email):
        raise DomainError("E-mail ini sudah terdaftar.", "email")
    roles = [Role(r) for r in roles]
    if not roles:
        raise DomainError("Pilih minimal satu peran.", "roles")
    password = one_time_password()
    user = User(email=email, nama=nama.strip() or email, jabatan=jabatan, nip=nip, unit=unit,
                password_hash=hash_password(password), must_change_password=True)
    user.set_roles(roles)
    db.session.add(user)
    db.session.flush()
    audit.record("user.create", "user", user.id, {"email": email, "roles": [r.value for r in roles]}, actor=actor)
    return user, password


def reset_password(user: User, actor=None) -> str:
    password = one_time_password()
    user.password_hash = hash_password(password)
    user.must_change_password = True
    user.session_version += 1
    user.failed_logins, user.locked_until = 0, None
    audit.record("user.reset_password", "user", user.id, actor=actor)
    return password


def set_active(user: User, active: bool, actor=None) -> None:
    user.aktif = active
    user.session_version += 1  # ends the user's open sessions
    audit.record("user.enable" if active else "user.disable", "user", user.id, actor=actor)


def change_password(user: User, old: str, new: str) -> None:
    if not verify_password(user, old):
        raise DomainError("Kata sandi lama salah.", "old_password")
    if old == new:
        raise DomainError("Kata sandi baru harus berbeda dari yang lama.", "password")
    check_password_strength(new)
    user.password_hash = hash_password(new)
    user.must_change_password = False
    user.session_version += 1
    audit.record("user.change_password", "user", user.id, actor=user)


def verify_password(user: User, password: str) -> bool:
    try:
        _argon2_verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return True


def authenticate(email: str, password: str) -> User:
    """First factor. Raises LoginError with one message for unknown e-mail and wrong password."""
    user = user_by_email(email or "")
    cfg = current_app.config
    wrong = LoginError("E-mail atau kata sandi salah.")
    if user is None:
        try:
            _argon2_verify(_DUMMY_HASH, password or "x")
        except VerificationError:
            pass
        audit.record("login.failure", "user", "", {"email": (email or "")[:254], "reason": "unknown"})
        raise wrong
    now = utcnow()
    locked_until = _aware(user.locked_until)
    if locked_until and locked_until > now:
        minutes = max(1, int((locked_until - now).total_seconds() // 60) + 1)
        audit.record("login.locked", "user", user.id, {"email": user.email})
        raise LoginError(f"Akun terkunci sementara karena terlalu banyak percobaan gagal. "
                         f"Coba lagi dalam {minutes} menit atau hubungi administrator.")
    if not verify_password(user, password or ""):
        user.failed_logins += 1
        detail = {"email": user.email, "reason": "password", "failures": user.failed_logins}
        if user.failed_logins >= cfg["LOGIN_MAX_FAILURES"]:
            user.locked_until = now + timedelta(minutes=cfg["LOGIN_LOCK_MINUTES"])
            user.failed_logins = 0
            detail["locked"] = True
        audit.record("login.failure", "user", user.id, detail, actor=user)
        raise wrong
    if not user.aktif:
        audit.record("login.failure", "user", user.id, {"email": user.email, "reason": "disabled"}, actor=user)
        raise LoginError("Akun ini dinonaktifkan. Hubungi administrator.")
    return user


def verify_totp(user: User, code: str) -> None:
    """Second factor; a code is accepted once (its time step is remembered)."""
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    totp = pyotp.TOTP(user.totp_secret or "")
    now = time.time()
    for offset in (0, -1, 1):  # one step of clock drift each way
        step = int(now // 30) + offset
        if len(code) == 6 and secrets.compare_digest(totp.at(step * 30), code):
            if user.totp_last_step is not None and step <= user.totp_last_step:
                break
            user.totp_last_step = step
            return
    user.failed_logins += 1
    if user.failed_logins >= current_app.config["LOGIN_MAX_FAILURES"]:
        user.locked_until = utcnow() + timedelta(minutes=current_app.config["LOGIN_LOCK_MINUTES"])
        user.failed_logins = 0
    audit.record("login.failure", "user", user.id, {"email": user.email, "reason": "totp"}, actor=user)
    raise LoginError("Kode autentikasi salah atau sudah dipakai. Tunggu kode berikutnya di aplikasi Anda.")


def login_succeeded(user: User) -> None:
    user.failed_logins, user.locked_until = 0, None
    user.last_login_at = utcnow()
    audit.record("login.success", "user", user.id, {"email": user.email}, actor=user)


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(user: User, secret: str) -> str:
    from core.settings import office

    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=office()["nama_singkat"])


def enable_totp(user: User, secret: str, code: str) -> None:
    user.totp_secret = secret
    try:
        verify_totp(user, code)
    except LoginError:
        user.totp_secret = None
        raise DomainError("Kode tidak cocok. Pastikan jam ponsel tepat, lalu masukkan kode yang tampil sekarang.", "code")
    audit.record("user.totp_enabled", "user", user.id, actor=user)


def users_list() -> list[User]:
    return list(db.session.scalars(select(User).order_by(User.email)))


def _aware(dt):
    from datetime import timezone

    if dt is not None and dt.tzinfo is None:
        return dt.replace(tzinfo=timezone.utc)
    return dt
