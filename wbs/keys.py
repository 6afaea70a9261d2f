"""Keys of the WBS team: enrolment, unlocking for a session, access to reports (re-wrapping), revocation,
rotation and the optional escrow key.

An officer's private key exists in clear only in memory while a request uses it. At rest it is sealed under
an Argon2id key from the officer's WBS passphrase (database) or, once unlocked, sealed under a key derived
from SECRET_KEY + the session id inside the server-side session (see `remember_unlocked`).
"""
from __future__ import annotations

from collections.abc import Callable
from functools import partial

from flask import current_app, session
from sqlalchemy import delete, func, select

from core import audit, crypto
from core.errors import DomainError, NotAllowed, NotFoundError
from core.extensions import db
from core.models import Role, User, UserRole
from wbs import sealing
from wbs.models import WbsKey, WbsKeyWrap, WbsReport
from wbs.workflow import CLOSED

MIN_PASSPHRASE = 12
_SESSION_SLOT = "wbs_kunci"
NO_ACCESS = ("Kunci Anda belum diberi akses ke laporan ini. Minta anggota Tim WBS yang sudah memiliki akses "
             "untuk memberikannya (menu Kunci WBS).")


class UnlockRefused(DomainError):
    """A wrong passphrase or escrow key file. The attempt must stay in the audit log although everything
    else is refused: the caller writes `keep` through core.uow.keep_after_refusal, then refuses."""

    def __init__(self, message: str, field: str | None, keep: Callable[[], object]):
        super().__init__(message, field)
        self.keep = keep


def kdf_params() -> crypto.KdfParams:
    return current_app.config.get("KDF_PARAMS") or crypto.KdfParams.default()


def team_members() -> list[User]:
    """Active officers holding the tim_wbs role."""
    q = (select(User).join(UserRole, UserRole.user_id == User.id)
         .where(UserRole.role == Role.tim_wbs.value, User.aktif.is_(True)).order_by(User.nama))
    return list(db.session.scalars(q))


def eligible(key: WbsKey) -> bool:
    """A key data keys may be wrapped to: active, and (for an officer) held by an active tim_wbs member."""
    if not key.aktif:
        return False
    if key.jenis == "escrow":
        return True
    return key.user is not None and key.user.aktif and key.user.has_role(Role.tim_wbs)


def stale_keys() -> list[WbsKey]:
    """Active officer keys whose holder left the team (role removed or account disabled)."""
    q = select(WbsKey).where(WbsKey.aktif.is_(True), WbsKey.jenis == "petugas").order_by(WbsKey.id)
    return [k for k in db.session.scalars(q) if not eligible(k)]


def recipient_keys() -> list[WbsKey]:
    keys = db.session.scalars(select(WbsKey).where(WbsKey.aktif.is_(True)).order_by(WbsKey.id))
    return [k for k in keys if eligible(k)]


def officer_key(user: User) -> WbsKey | None:
    return db.session.scalar(select(WbsKey).where(WbsKey.user_id == user.id, WbsKey.jenis == "petugas",
                                                  WbsKey.aktif.is_(True)))


def escrow_key() -> WbsKey | None:
    return db.session.scalar(select(WbsKey).where(WbsKey.jenis == "escrow", WbsKey.aktif.is_(True)))


def wrap_to(report_id: int, key: WbsKey, data_key: bytes) -> WbsKeyWrap:
    wrap = WbsKeyWrap(report_id=report_id, key_id=key.id,
                      wrap=crypto.hpke_wrap(key.public_key, data_key, sealing.wrap_info(report_id, key.id)))
    db.session.add(wrap)
    return wrap


def sync_wraps(report: WbsReport, data_key: bytes) -> int:
    """Wrap an open report's data key to every eligible key that lacks it; return how many were added."""
    if report.status in CLOSED:
        return 0
    have = set(db.session.scalars(select(WbsKeyWrap.key_id).where(WbsKeyWrap.report_id == report.id)))
    added = 0
    for key in recipient_keys():
        if key.id not in have:
            wrap_to(report.id, key, data_key)
            added += 1
    return added


def _check_passphrase(passphrase: str) -> None:
    if len(passphrase or "") < MIN_PASSPHRASE:
        raise DomainError(f"Frasa sandi WBS minimal {MIN_PASSPHRASE} karakter.", "passphrase")
    if len(set(passphrase)) < 5:
        raise DomainError("Frasa sandi WBS terlalu sederhana. Gunakan kalimat yang panjang dan beragam.",
                          "passphrase")


# --- enrolment, unlocking -------------------------------------------------------------------------

def _new_officer_key(user: User, passphrase: str) -> tuple[WbsKey, bytes]:
    """A new key pair for the officer (flushed, so it has an id); the private key is stored only sealed
    under the passphrase and returned for this request's use."""
    private, public = crypto.generate_keypair()
    key = WbsKey(jenis="petugas", user_id=user.id, public_key=public,
                 sealed_private=crypto.seal_with_passphrase(private, passphrase, kdf_params()))
    db.session.add(key)
    db.session.flush()
    return key, private


def _enrol(user: User, passphrase: str) -> tuple[WbsKey, bytes]:
    if not user.has_role(Role.tim_wbs):
        raise NotAllowed("Hanya anggota Tim WBS yang dapat membuat kunci WBS.")
    if officer_key(user) is not None:
        raise DomainError("Anda sudah memiliki kunci WBS. Gunakan rotasi kunci untuk menggantinya.")
    _check_passphrase(passphrase)
    key, private = _new_officer_key(user, passphrase)
    audit.record("wbs.kunci.buat", "wbs_kunci", key.id, {"user_id": user.id})
    return key, private


def enrol_officer(user: User, passphrase: str) -> WbsKey:
    """Create the officer's key pair; the private key is stored only sealed under the passphrase."""
    return _enrol(user, passphrase)[0]


def enrol_and_unlock(user: User, passphrase: str) -> WbsKey:
    """Enrol, and keep the new key unlocked for this session: it opens what is wrapped to it at once
    (one Argon2id derivation, not a second one to open what was just sealed)."""
    key, private = _enrol(user, passphrase)
    remember_unlocked(key, private)
    return key


def unlock(user: User, passphrase: str) -> tuple[WbsKey, bytes]:
    """The officer's key and private key; a wrong passphrase is refused with `UnlockRefused`, whose
    audit line the caller keeps."""
    key = officer_key(user)
    if key is None or not key.sealed_private:
        raise NotFoundError("Anda belum memiliki kunci WBS. Buat kunci terlebih dahulu.")
    try:
        private = crypto.open_with_passphrase(key.sealed_private, passphrase or "")
    except crypto.DecryptionError:
        raise UnlockRefused("Frasa sandi WBS salah.", "passphrase",
                            partial(audit.record, "wbs.kunci.buka_gagal", "wbs_kunci", key.id))
    audit.record("wbs.kunci.buka", "wbs_kunci", key.id)
    return key, private


def remember_unlocked(key: WbsKey, private: bytes) -> None:
    """Keep the unlocked private key for this session without it ever being stored in clear.

    The session is server-side (database table or Redis; the cookie holds only the random session id).
    What goes into it is the private key sealed (ChaCha20-Poly1305) under sealing.session_key(SECRET_KEY,
    session id): a copy of the session store alone cannot open it, because SECRET_KEY lives outside the
    database and Redis; the associated data binds it to this officer and key.
    """
    sid = getattr(session, "sid", None)
    if not sid:
        raise DomainError("Sesi tidak mendukung penyimpanan kunci. Muat ulang halaman lalu coba lagi.")
    blob = crypto.aead_encrypt(sealing.session_key(current_app.config["SECRET_KEY"], sid), private,
                               _session_aad(key))
    session[_SESSION_SLOT] = {"k": key.id, "b": blob}


def unlocked_private(user: User) -> tuple[WbsKey, bytes] | None:
    """The officer's private key for this request, or None when the session holds no (valid) copy."""
    slot = session.get(_SESSION_SLOT)
    sid = getattr(session, "sid", None)
    if not slot or not sid:
        return None
    key = db.session.get(WbsKey, slot.get("k"))
    if key is None or key.user_id != user.id or not eligible(key):
        forget_unlocked()
        return None
    try:
        private = crypto.aead_decrypt(sealing.session_key(current_app.config["SECRET_KEY"], sid), slot["b"],
                                      _session_aad(key))
    except (crypto.DecryptionError, KeyError, TypeError):
        forget_unlocked()
        return None
    return key, private


def forget_unlocked() -> None:
    session.pop(_SESSION_SLOT, None)


def _session_aad(key: WbsKey) -> bytes:
    return f"zi-wbs/sesi/{key.user_id}/{key.id}".encode()


# --- access to reports ----------------------------------------------------------------------------

def _wrap_of(report_id: int, key: WbsKey) -> WbsKeyWrap | None:
    return db.session.scalar(select(WbsKeyWrap).where(WbsKeyWrap.report_id == report_id,
                                                      WbsKeyWrap.key_id == key.id))


def can_open(report_id: int, key: WbsKey | None) -> bool:
    """The report's data key is wrapped to this (eligible) key."""
    return key is not None and eligible(key) and _wrap_of(report_id, key) is not None


def data_key(report: WbsReport, key: WbsKey, private: bytes) -> bytes:
    wrap = _wrap_of(report.id, key)
    if wrap is None or not eligible(key):
        raise NotAllowed(NO_ACCESS)
    try:
        return crypto.hpke_unwrap(private, wrap.wrap, sealing.wrap_info(report.id, key.id))
    except crypto.DecryptionError:
        raise NotAllowed("Kunci WBS Anda tidak dapat membuka laporan ini.")


def reports_wrapped_to(key: WbsKey, *, open_only: bool) -> list[WbsReport]:
    q = (select(WbsReport).join(WbsKeyWrap, WbsKeyWrap.report_id == WbsReport.id)
         .where(WbsKeyWrap.key_id == key.id).order_by(WbsReport.id))
    if open_only:
        q = q.where(WbsReport.status.not_in(CLOSED))
    return list(db.session.scalars(q))


def grant_access(target_key_id: int, granter: User, granter_key: WbsKey, private: bytes) -> int:
    """Wrap the data keys of the open reports the granter can read to another officer's key."""
    target = db.session.get(WbsKey, target_key_id)
    if target is None or target.jenis != "petugas" or not eligible(target):
        raise NotFoundError("Kunci tujuan tidak ada atau bukan milik anggota aktif Tim WBS.")
    have = set(db.session.scalars(select(WbsKeyWrap.report_id).where(WbsKeyWrap.key_id == target.id)))
    count = 0
    for report in reports_wrapped_to(granter_key, open_only=True):
        if report.id in have:
            continue
        wrap_to(report.id, target, data_key(report, granter_key, private))
        count += 1
    audit.record("wbs.kunci.beri_akses", "wbs_kunci", target.id, {"oleh_kunci": granter_key.id, "jumlah": count},
                 actor=granter)
    return count


def missing_access(key: WbsKey) -> int:
    """Open reports whose data key is not wrapped to this key."""
    total = db.session.scalar(select(func.count(WbsReport.id)).where(WbsReport.status.not_in(CLOSED))) or 0
    return total - len(reports_wrapped_to(key, open_only=True))


def revoke_key(key_id: int, actor: User) -> int:
    """Deactivate a key and destroy its wraps: its holder can no longer read any report."""
    key = db.session.get(WbsKey, key_id)
    if key is None or not key.aktif:
        raise NotFoundError("Kunci tidak ada atau sudah dicabut.")
    removed = db.session.execute(delete(WbsKeyWrap).where(WbsKeyWrap.key_id == key.id)).rowcount
    key.aktif = False
    key.sealed_private = None
    audit.record("wbs.kunci.cabut", "wbs_kunci", key.id, {"user_id": key.user_id, "bungkus_dihapus": removed},
                 actor=actor)
    return removed


def drop_ineligible_wraps(actor: User | None = None) -> int:
    """Revoke keys whose holder left the team (role removed or account disabled)."""
    return sum(revoke_key(key.id, actor) for key in stale_keys())


def rotate_officer_key(user: User, old_passphrase: str, new_passphrase: str) -> dict[str, int]:
    """New key pair for the officer; every data key they hold is re-wrapped to it (ciphertext untouched),
    their old key is revoked, and the open reports they can read are wrapped to every other eligible key
    that lacks them (officers added since)."""
    _check_passphrase(new_passphrase)
    old_key, private = unlock(user, old_passphrase)
    new_key, _ = _new_officer_key(user, new_passphrase)
    reports = reports_wrapped_to(old_key, open_only=False)
    added = 0
    for report in reports:
        dk = data_key(report, old_key, private)
        wrap_to(report.id, new_key, dk)
        db.session.flush()
        added += sync_wraps(report, dk)
    db.session.execute(delete(WbsKeyWrap).where(WbsKeyWrap.key_id == old_key.id))
    old_key.aktif = False
    old_key.sealed_private = None
    dropped = drop_ineligible_wraps(user)
    audit.record("wbs.kunci.rotasi", "wbs_kunci", new_key.id,
                 {"kunci_lama": old_key.id, "laporan": len(reports), "bungkus_baru_lain": added,
                  "bungkus_dicabut": dropped}, actor=user)
    return {"laporan": len(reports), "bungkus_lain": added, "dicabut": dropped}


# --- escrow (off unless someone enables it explicitly) ----------------------------------------------

def enable_escrow(passphrase: str, actor: User | None = None) -> bytes:
    """Create the escrow key pair. Returns the private key sealed under `passphrase`, to be kept OFFLINE
    by the caller (it is not stored in the database). From now on new reports are also wrapped to it."""
    if escrow_key() is not None:
        raise DomainError("Kunci escrow sudah aktif.")
    _check_passphrase(passphrase)
    private, public = crypto.generate_keypair()
    key = WbsKey(jenis="escrow", user_id=None, public_key=public, sealed_private=None)
    db.session.add(key)
    db.session.flush()
    audit.record("wbs.escrow.aktif", "wbs_kunci", key.id, actor=actor)
    return crypto.seal_with_passphrase(private, passphrase, kdf_params())


def disable_escrow(actor: User | None = None) -> int:
    key = escrow_key()
    if key is None:
        raise NotFoundError("Kunci escrow tidak aktif.")
    removed = db.session.execute(delete(WbsKeyWrap).where(WbsKeyWrap.key_id == key.id)).rowcount
    key.aktif = False
    audit.record("wbs.escrow.nonaktif", "wbs_kunci", key.id, {"bungkus_dihapus": removed}, actor=actor)
    return removed


def escrow_recover(sealed_escrow: bytes, passphrase: str, target: User, actor: User | None = None) -> int:
    """Recovery: give `target` (an officer with a key) access to every report wrapped to the escrow key."""
    key = escrow_key()
    if key is None:
        raise NotFoundError("Kunci escrow tidak aktif.")
    try:
        private = crypto.open_with_passphrase(sealed_escrow, passphrase)
    except crypto.DecryptionError:
        raise UnlockRefused("Berkas kunci escrow atau frasa sandinya salah.", None,
                            partial(audit.record, "wbs.escrow.gagal", "wbs_kunci", key.id, actor=actor))
    if crypto.public_from_private(private) != key.public_key:
        raise DomainError("Berkas kunci escrow ini bukan kunci escrow yang aktif.")
    target_key = officer_key(target)
    if target_key is None or not eligible(target_key):
        raise NotFoundError("Petugas tujuan belum memiliki kunci WBS aktif.")
    have = set(db.session.scalars(select(WbsKeyWrap.report_id).where(WbsKeyWrap.key_id == target_key.id)))
    count = 0
    for report in reports_wrapped_to(key, open_only=False):
        if report.id not in have:
            wrap_to(report.id, target_key, data_key(report, key, private))
            count += 1
    audit.record("wbs.escrow.dipakai", "wbs_kunci", key.id, {"untuk_user_id": target.id, "jumlah": count},
                 actor=actor)
    return count
