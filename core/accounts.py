"""Officers' accounts: passwords (Argon2id), TOTP two-factor, roles, and login throttling.

A failed login or a wrong code is refused, but its audit line must outlive the refusal: it is written in
its own short transaction (core.uow.keep_after_refusal). Throttling is a backoff per account and
address network (core.throttle), never a lock an outsider can set off from elsewhere."""
from __future__ import annotations

import secrets
import time

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from core import audit
from core.errors import DomainError, N_
from core.extensions import db
from core.forms import clean_text
from core.heavy import heavy_work
from core.models import Role, Unit, User, user_by_email
from core.throttle import login_backoff
from core.uow import keep_after_refusal
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
        raise DomainError(N_("Kata sandi minimal %(n)s karakter.", n=MIN_PASSWORD), "password")
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


def _user_changed(user: User, actor) -> None:
    """Tell the packages (their `on_user_changed` hooks, wired in app.py) in this same transaction."""
    from core.registry import registry

    for hook in registry().user_changed_hooks:
        hook(user, actor)


def set_active(user: User, active: bool, actor=None) -> None:
    user.aktif = active
    user.session_version += 1  # ends the user's open sessions
    audit.record("user.enable" if active else "user.disable", "user", user.id, actor=actor)
    _user_changed(user, actor)


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


def _wait_message(seconds: int) -> str:
    when = N_("%(n)s detik", n=seconds) if seconds < 120 else N_("%(n)s menit", n=(seconds + 59) // 60)
    return N_("Terlalu banyak percobaan gagal untuk akun ini dari jaringan Anda. Coba lagi dalam %(waktu)s, "
              "atau hubungi administrator.", waktu=when)


def _refuse(error: LoginError, user: User | None, detail: dict, backoff=None):
    """Record the failure in its own transaction (it must survive the refusal), then refuse."""
    def write():
        if user is not None:
            user.failed_logins += 1
        audit.record("login.failure", "user", user.id if user else "", detail, actor=user)
    keep_after_refusal(write)
    if backoff is not None:
        backoff.failed()
    raise error


def authenticate(email: str, password: str) -> User:
    """First factor. Raises LoginError with one message for unknown e-mail and wrong password."""
    # control characters never belong to an address; PostgreSQL cannot even compare a text holding a NUL
    email = clean_text(email)[:254]
    backoff = login_backoff(email)
    wait = backoff.seconds_left()
    if wait:
        keep_after_refusal(audit.record, "login.throttled", "user", "", {"email": email})
        raise LoginError(_wait_message(wait))
    user = user_by_email(email)
    wrong = LoginError("E-mail atau kata sandi salah.")
    if user is None:
        try:
            _argon2_verify(_DUMMY_HASH, password or "x")
        except VerificationError:
            pass
        _refuse(wrong, None, {"email": email, "reason": "unknown"}, backoff)
    if not verify_password(user, password or ""):
        _refuse(wrong, user, {"email": user.email, "reason": "password", "failures": user.failed_logins + 1}, backoff)
    if not user.aktif:
        _refuse(LoginError("Akun ini dinonaktifkan. Hubungi administrator."), user,
                {"email": user.email, "reason": "disabled"})
    return user


def _code_step(secret: str, code: str, last_step: int | None) -> int | None:
    """The time step `code` belongs to, if it is current (one step of drift each way) and not replayed."""
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    if len(code) != 6 or not secret:
        return None
    totp = pyotp.TOTP(secret)
    now = int(time.time() // 30)
    for step in (now, now - 1, now + 1):
        if secrets.compare_digest(totp.at(step * 30), code):
            return None if last_step is not None and step <= last_step else step
    return None


def verify_totp(user: User, code: str) -> None:
    """Second factor; a code is accepted once (its time step is remembered)."""
    step = _code_step(user.totp_secret or "", code, user.totp_last_step)
    if step is not None:
        user.totp_last_step = step
        return
    _refuse(LoginError("Kode autentikasi salah atau sudah dipakai. Tunggu kode berikutnya di aplikasi Anda."),
            user, {"email": user.email, "reason": "totp"}, login_backoff(user.email))


def login_succeeded(user: User) -> None:
    login_backoff(user.email).succeeded()
    user.failed_logins, user.locked_until = 0, None
    user.last_login_at = utcnow()
    audit.record("login.success", "user", user.id, {"email": user.email}, actor=user)


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(user: User, secret: str) -> str:
    from core.settings import office

    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=office()["nama_singkat"])


def may_enrol(user: User, *, logged_in: bool) -> bool:
    """Enrolment is open to a user with no second factor yet; replacing one needs the full login (and, in
    `enable_totp`, a current code from the old authenticator). A password alone never replaces it."""
    return not user.totp_secret or logged_in


def enable_totp(user: User, secret: str, code: str, *, current_code: str | None = None) -> None:
    if user.totp_secret:
        verify_totp(user, current_code or "")  # the old authenticator is still in the officer's hands
    step = _code_step(secret, code, None)
    if step is None:
        raise DomainError("Kode tidak cocok. Pastikan jam ponsel tepat, lalu masukkan kode yang tampil sekarang.", "code")
    replaced = bool(user.totp_secret)
    user.totp_secret, user.totp_last_step = secret, step
    audit.record("user.totp_changed" if replaced else "user.totp_enabled", "user", user.id, actor=user)


def reset_totp(user: User, actor) -> None:
    """An administrator's act: the officer's second factor is removed and must be enrolled again at the
    next login; the officer's open sessions end."""
    user.totp_secret, user.totp_last_step = None, None
    user.session_version += 1
    audit.record("user.totp_reset", "user", user.id, {"email": user.email}, actor=actor)


def update_user(user: User, actor: User, *, nama: str, jabatan: str, nip: str, unit_id: int | None,
                roles, aktif: bool) -> None:
    """An administrator edits an account. A change of roles ends the user's open sessions, so a session
    never carries rights (or a 2FA duty) it was not opened with."""
    if user.id == actor.id and (not aktif or Role.admin.value not in roles):
        raise DomainError("Anda tidak dapat menonaktifkan atau mencabut peran admin akun Anda sendiri.", "roles")
    before = sorted(r.value for r in user.roles)
    user.nama, user.jabatan, user.nip, user.unit_id = nama, jabatan, nip, unit_id
    user.set_roles(roles)
    roles_changed = sorted(r.value for r in user.roles) != before
    if roles_changed:
        user.session_version += 1
    if aktif != user.aktif:
        set_active(user, aktif, actor=actor)
    elif roles_changed:
        _user_changed(user, actor)
    audit.record("user.update", "user", user.id, {"roles_before": before, "roles": sorted(roles)}, actor=actor)


def users_list() -> list[User]:
    return list(db.session.scalars(select(User).order_by(User.email)))

