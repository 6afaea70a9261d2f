"""Keys of the WBS team: enrolment, countersigning, unlocking for a session, access to reports
(re-wrapping), revocation, rotation and the optional escrow key.

A recipient key is *active* (`eligible`) only once countersigned: by an existing team member holding an
active key, or — for the install's very first team key only — at enrolment. Reports are wrapped to active
keys only, so an account that was given the tim_wbs role (by an admin, even to itself) and enrols a key
reads nothing until someone of the team vouches for it; the team is told whenever a key is added.
Leaving the team (role removed, account disabled) revokes the key and its wraps at once; revoking another
member's key takes two people.

An officer's private key exists in clear only in memory while a request uses it. At rest it is sealed under
an Argon2id key from the officer's WBS passphrase (database) or, once unlocked, under a random key that
lives only in a cookie of the officer's browser (see `remember_unlocked`).
"""
from __future__ import annotations

import base64
import binascii
import hmac
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from flask import after_this_request, current_app, has_request_context, request, session
from sqlalchemy import delete, exists, func, select

from core import audit, crypto, outbox
from core.errors import N_, DomainError, NotAllowed, NotFoundError
from core.extensions import db
from core.models import Role, User, UserRole
from core.workdays import local_today, utcnow
from wbs import sealing
from wbs.models import WbsKey, WbsKeyApproval, WbsKeyWrap, WbsReport, WbsRevocationRequest, random_row_id
from wbs.workflow import CLOSED

MIN_PASSPHRASE = 12
_SESSION_SLOT = "wbs_kunci"
UNLOCK_COOKIE = "zi_wbs_kunci"
UNLOCK_COOKIE_PATH = "/admin/wbs"
NO_ACCESS = ("Kunci Anda belum diberi akses ke laporan ini. Minta anggota Tim WBS yang sudah memiliki akses "
             "untuk memberikannya (menu Kunci WBS).")
PENDING = ("Kunci WBS Anda belum disahkan. Minta anggota Tim WBS yang sudah memiliki kunci aktif menekan "
           "«Sahkan» di menu Kunci WBS.")


class UnlockRefused(DomainError):
    """A wrong passphrase or escrow key file. The attempt must stay in the audit log although everything
    else is refused: the caller writes `keep` through core.uow.keep_after_refusal, then refuses."""

    def __init__(self, message: str, field: str | None, keep: Callable[[], object]):
        super().__init__(message, field)
        self.keep = keep


def kdf_params() -> crypto.KdfParams:
    return current_app.config.get("KDF_PARAMS") or crypto.KdfParams.default()


def _pepper() -> bytes:
    return current_app.config["RECEIPT_PEPPER"]


def team_members() -> list[User]:
    """Active officers holding the tim_wbs role."""
    q = (select(User).join(UserRole, UserRole.user_id == User.id)
         .where(UserRole.role == Role.tim_wbs.value, User.aktif.is_(True)).order_by(User.nama))
    return list(db.session.scalars(q))


def _in_team(key: WbsKey) -> bool:
    return key.jenis == "escrow" or (key.user is not None and key.user.aktif and key.user.has_role(Role.tim_wbs))


def countersigned(key: WbsKey) -> bool:
    """The key carries a valid countersignature (its tag checks under the server secret)."""
    approval = key.pengesahan
    return approval is not None and hmac.compare_digest(
        approval.tag, sealing.approval_tag(_pepper(), key, approval.pengesah_key_id))


def eligible(key: WbsKey) -> bool:
    """A key data keys may be wrapped to: not revoked, countersigned, and (for an officer) held by an active
    tim_wbs member."""
    return key.aktif and _in_team(key) and countersigned(key)


def stale_keys() -> list[WbsKey]:
    """Active officer keys whose holder left the team (role removed or account disabled)."""
    q = select(WbsKey).where(WbsKey.aktif.is_(True), WbsKey.jenis == "petugas").order_by(WbsKey.id)
    return [k for k in db.session.scalars(q) if not _in_team(k)]


def pending_keys() -> list[WbsKey]:
    """Keys waiting for a countersignature (officers still in the team, and the escrow key)."""
    q = select(WbsKey).where(WbsKey.aktif.is_(True)).order_by(WbsKey.id)
    return [k for k in db.session.scalars(q) if _in_team(k) and not countersigned(k)]


def team_ready() -> bool:
    """At least one active officer key: before that a report would be readable by nobody but its reporter."""
    return any(k.jenis == "petugas" for k in recipient_keys())


def recipient_keys() -> list[WbsKey]:
    keys = db.session.scalars(select(WbsKey).where(WbsKey.aktif.is_(True)).order_by(WbsKey.id))
    return [k for k in keys if eligible(k)]


def officer_key(user: User) -> WbsKey | None:
    return db.session.scalar(select(WbsKey).where(WbsKey.user_id == user.id, WbsKey.jenis == "petugas",
                                                  WbsKey.aktif.is_(True)))


def escrow_key() -> WbsKey | None:
    return db.session.scalar(select(WbsKey).where(WbsKey.jenis == "escrow", WbsKey.aktif.is_(True)))


def _free_wrap_id() -> int:
    while True:
        candidate = random_row_id()
        if db.session.get(WbsKeyWrap, candidate) is None:
            return candidate


def wrap_to(report_id: int, key: WbsKey, data_key: bytes) -> WbsKeyWrap:
    if not eligible(key):
        raise NotAllowed("Kunci ini belum aktif; laporan hanya dibungkus untuk kunci yang sudah disahkan.")
    wrap = WbsKeyWrap(id=_free_wrap_id(), report_id=report_id, key_id=key.id,
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
        raise DomainError(N_("Frasa sandi WBS minimal %(n)s karakter.", n=MIN_PASSPHRASE), "passphrase")
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


def _tell_team(body: str, dedup: str) -> None:
    """A notice to every team member about the keys (no report, no content)."""
    for officer in team_members():
        outbox.enqueue("email", officer.email, body, f"{dedup}:{officer.id}")


def _approve(key: WbsKey, by: WbsKey | None) -> None:
    """Countersign `key` (by the key `by`; None: first key of the install, or the server operator)."""
    if key.pengesahan is not None:  # a countersignature that no longer checks: replaced
        db.session.delete(key.pengesahan)
        db.session.flush()
    pengesah = by.id if by is not None else None
    key.pengesahan = WbsKeyApproval(key_id=key.id, pengesah_key_id=pengesah, tanggal=local_today(),
                                    tag=sealing.approval_tag(_pepper(), key, pengesah))
    db.session.flush()


def _team_ever_had_a_key() -> bool:
    return bool(db.session.scalar(select(exists().where(WbsKeyApproval.key_id == WbsKey.id,
                                                        WbsKey.jenis == "petugas"))))


def _enrol(user: User, passphrase: str) -> tuple[WbsKey, bytes]:
    if not user.has_role(Role.tim_wbs):
        raise NotAllowed("Hanya anggota Tim WBS yang dapat membuat kunci WBS.")
    if officer_key(user) is not None:
        raise DomainError("Anda sudah memiliki kunci WBS. Gunakan rotasi kunci untuk menggantinya.")
    _check_passphrase(passphrase)
    first = not _team_ever_had_a_key()
    key, private = _new_officer_key(user, passphrase)
    audit.record("wbs.kunci.buat", "wbs_kunci", key.id, {"user_id": user.id, "kunci_pertama": first})
    if first:
        # nobody could countersign the install's very first team key: it is active at once
        _approve(key, None)
    _tell_team("Kunci WBS baru ditambahkan. Periksa menu Kunci WBS: kunci yang tidak Anda kenal jangan disahkan."
               if not first else "Kunci WBS pertama dibuat; saluran WBS kini menerima laporan.",
               f"wbs:kunci:{key.id}:baru")
    return key, private


def enrol_officer(user: User, passphrase: str) -> WbsKey:
    """Create the officer's key pair; the private key is stored only sealed under the passphrase. The key
    is active once countersigned (or at once if it is the install's first team key)."""
    return _enrol(user, passphrase)[0]


def enrol_and_unlock(user: User, passphrase: str) -> WbsKey:
    """Enrol, and, if the new key is active already (the install's first), keep it unlocked for this
    session: it opens what is wrapped to it at once (one Argon2id derivation, not a second one)."""
    key, private = _enrol(user, passphrase)
    if eligible(key):
        remember_unlocked(key, private)
    return key


def open_private(user: User, passphrase: str) -> tuple[WbsKey, bytes]:
    """The officer's (not revoked) key and private key, active or still waiting for its countersignature;
    a wrong passphrase is refused with `UnlockRefused`, whose audit line the caller keeps."""
    key = officer_key(user)
    if key is None or not key.sealed_private:
        raise NotFoundError("Anda belum memiliki kunci WBS. Buat kunci terlebih dahulu.")
    try:
        private = crypto.open_with_passphrase(key.sealed_private, passphrase or "")
    except crypto.DecryptionError:
        raise UnlockRefused("Frasa sandi WBS salah.", "passphrase",
                            partial(audit.record, "wbs.kunci.buka_gagal", "wbs_kunci", key.id))
    return key, private


def unlock(user: User, passphrase: str) -> tuple[WbsKey, bytes]:
    """The officer's active key and private key, for reading reports."""
    key, private = open_private(user, passphrase)
    if not eligible(key):
        raise NotAllowed(PENDING, "passphrase")
    audit.record("wbs.kunci.buka", "wbs_kunci", key.id)
    return key, private


# --- the unlocked key between requests: ciphertext on the server, its key in the officer's browser ---

def _idle_seconds() -> int:
    config = current_app.config
    return 60 * int(config.get("WBS_UNLOCK_IDLE_MINUTES") or config["OFFICER_IDLE_MINUTES"])


def remember_unlocked(key: WbsKey, private: bytes) -> None:
    """Keep the unlocked private key for this session without the server being able to open it.

    The private key is sealed (ChaCha20-Poly1305) under a fresh random key that is sent only to the
    officer's browser, in a cookie of its own (HttpOnly, SameSite=Strict, Secure over HTTPS, only for
    /admin/wbs, gone when the browser closes); the server session keeps the ciphertext alone, bound to this
    officer, key and session id. A copy of the database, the session store and the instance secrets
    together does not open it. The server forgets it after WBS_UNLOCK_IDLE_MINUTES (bawaan:
    OFFICER_IDLE_MINUTES) without use, at logout and with the session (core.sessions gives an officer's
    session no longer than that idle time in the store).
    """
    sid = getattr(session, "sid", None)
    if not sid:
        raise DomainError("Sesi tidak mendukung penyimpanan kunci. Muat ulang halaman lalu coba lagi.")
    cookie_key = os.urandom(32)
    session[_SESSION_SLOT] = {"k": key.id, "b": crypto.aead_encrypt(cookie_key, private, _slot_aad(key, sid)),
                              "t": utcnow().timestamp() + _idle_seconds()}
    value = base64.urlsafe_b64encode(cookie_key).decode().rstrip("=")
    secure = request.is_secure or bool(current_app.config.get("SESSION_COOKIE_SECURE"))

    @after_this_request
    def _set_cookie(response):
        response.set_cookie(UNLOCK_COOKIE, value, path=UNLOCK_COOKIE_PATH, httponly=True, samesite="Strict",
                            secure=secure)
        return response


def _cookie_key() -> bytes | None:
    raw = request.cookies.get(UNLOCK_COOKIE) or ""
    try:
        value = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))
    except (binascii.Error, ValueError):
        return None
    return value if len(value) == 32 else None


def unlocked_private(user: User) -> tuple[WbsKey, bytes] | None:
    """The officer's private key for this request, or None when the session holds no valid copy or the
    browser did not send the cookie that opens it."""
    slot = session.get(_SESSION_SLOT)
    sid = getattr(session, "sid", None)
    if not slot or not sid:
        return None
    now = utcnow().timestamp()
    key = db.session.get(WbsKey, slot.get("k"))
    if slot.get("t", 0) < now or key is None or key.user_id != user.id or not eligible(key):
        forget_unlocked()
        return None
    cookie_key = _cookie_key()
    if cookie_key is None:
        return None  # e.g. a link followed from elsewhere (SameSite=Strict): the officer unlocks again
    try:
        private = crypto.aead_decrypt(cookie_key, slot["b"], _slot_aad(key, sid))
    except (crypto.DecryptionError, KeyError, TypeError):
        forget_unlocked()
        return None
    session[_SESSION_SLOT] = {**slot, "t": now + _idle_seconds()}
    return key, private


def forget_unlocked() -> None:
    session.pop(_SESSION_SLOT, None)
    if has_request_context() and request.cookies.get(UNLOCK_COOKIE):
        @after_this_request
        def _drop_cookie(response):
            response.delete_cookie(UNLOCK_COOKIE, path=UNLOCK_COOKIE_PATH, httponly=True, samesite="Strict")
            return response


def _slot_aad(key: WbsKey, sid: str) -> bytes:
    return f"zi-wbs/sesi/{key.user_id}/{key.id}/{sid}".encode()


# --- countersigning -----------------------------------------------------------------------------------

def countersign(key_id: int, signer: User, signer_key: WbsKey, private: bytes) -> int:
    """An active team member vouches for a new key (a colleague's, or the escrow key): from now on reports
    are wrapped to it. The signer proves they hold their active key (its private half, unlocked). An
    officer's key also gets the open reports the signer can read; returns how many."""
    key = db.session.get(WbsKey, key_id)
    if not (signer.aktif and signer.has_role(Role.tim_wbs)) or signer_key.user_id != signer.id \
            or not eligible(signer_key) or crypto.public_from_private(private) != signer_key.public_key:
        raise NotAllowed("Hanya anggota Tim WBS dengan kunci aktif yang terbuka dapat mengesahkan kunci.")
    if key is None or not key.aktif or not _in_team(key):
        raise NotFoundError("Kunci tidak ada, sudah dicabut, atau pemiliknya bukan anggota aktif Tim WBS.")
    if key.user_id == signer.id:
        raise NotAllowed("Kunci Anda sendiri harus disahkan oleh anggota Tim WBS yang lain.")
    if countersigned(key):
        raise DomainError("Kunci ini sudah disahkan.")
    _approve(key, signer_key)
    audit.record("wbs.kunci.sahkan", "wbs_kunci", key.id, {"oleh_kunci": signer_key.id, "user_id": key.user_id},
                 actor=signer)
    return grant_access(key.id, signer, signer_key, private) if key.jenis == "petugas" else 0


def approve_without_team(key_id: int, actor: User | None = None) -> None:
    """The server operator's way out when the whole team has left (no active officer key is left to
    countersign): `flask wbs sahkan-kunci`. Audited, and the team is told."""
    if team_ready():
        raise NotAllowed("Masih ada kunci aktif Tim WBS: kunci baru disahkan oleh anggota tim lewat menu Kunci WBS.")
    key = db.session.get(WbsKey, key_id)
    if key is None or key.jenis != "petugas" or not key.aktif or not _in_team(key) or countersigned(key):
        raise NotFoundError("Tidak ada kunci petugas yang menunggu pengesahan untuk akun ini.")
    _approve(key, None)
    audit.record("wbs.kunci.sahkan_operator", "wbs_kunci", key.id, {"user_id": key.user_id}, actor=actor)
    _tell_team("Kunci WBS disahkan oleh operator server karena tidak ada lagi kunci aktif Tim WBS.",
               f"wbs:kunci:{key.id}:operator")


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


@dataclass(frozen=True)
class Revocation:
    dicabut: bool  # False: asked for, waiting for a second team member
    bungkus: int = 0  # wraps destroyed


def _revoke(key: WbsKey, actor: User | None, alasan: str) -> int:
    """Deactivate a key and destroy its wraps and its sealed private key: its holder can no longer read
    any report."""
    removed = db.session.execute(delete(WbsKeyWrap).where(WbsKeyWrap.key_id == key.id)).rowcount
    key.permintaan_cabut = None  # a pending request goes with it
    key.aktif = False
    key.sealed_private = None
    audit.record("wbs.kunci.cabut", "wbs_kunci", key.id, {"user_id": key.user_id, "bungkus_dihapus": removed,
                                                           "alasan": alasan}, actor=actor)
    return removed


def revoke_key(key_id: int, actor: User) -> Revocation:
    """Revoke a key. One's own key, and the key of someone who already left the team, go at once; another
    member's key takes two people: the first asks (a team member or an admin), a second team member
    confirms."""
    key = db.session.get(WbsKey, key_id)
    if key is None or not key.aktif or key.jenis != "petugas":
        raise NotFoundError("Kunci tidak ada atau sudah dicabut.")
    if key.user_id == actor.id:
        return Revocation(True, _revoke(key, actor, "sendiri"))
    if not _in_team(key):
        return Revocation(True, _revoke(key, actor, "keluar_tim"))
    request_ = key.permintaan_cabut
    if request_ is None:
        if not (actor.has_role(Role.tim_wbs) or actor.has_role(Role.admin)):
            raise NotAllowed("Hanya anggota Tim WBS atau admin yang dapat meminta pencabutan kunci.")
        key.permintaan_cabut = WbsRevocationRequest(key_id=key.id, diminta_oleh=actor.id)
        db.session.flush()
        audit.record("wbs.kunci.cabut_diminta", "wbs_kunci", key.id, {"user_id": key.user_id}, actor=actor)
        _tell_team("Ada permintaan pencabutan kunci WBS; anggota Tim WBS lain perlu mengonfirmasinya di menu "
                   "Kunci WBS.", f"wbs:kunci:{key.id}:cabut")
        return Revocation(False)
    if request_.diminta_oleh == actor.id:
        raise NotAllowed("Pencabutan ini Anda minta sendiri: anggota Tim WBS yang lain harus mengonfirmasinya.")
    if not (actor.aktif and actor.has_role(Role.tim_wbs)):
        raise NotAllowed("Pencabutan kunci anggota lain dikonfirmasi oleh anggota Tim WBS yang kedua.")
    return Revocation(True, _revoke(key, actor, f"dua_orang:{request_.diminta_oleh}"))


def user_changed(user: User, actor: User | None) -> None:
    """Hook for core.accounts (wired in app.py): an account that left the team — tim_wbs role removed or
    account disabled — loses its key and every wrap at once. A re-enabled member enrols a new key, which
    the team countersigns again."""
    key = officer_key(user)
    if key is not None and not _in_team(key):
        _revoke(key, actor, "keluar_tim")


def drop_ineligible_wraps(actor: User | None = None) -> int:
    """Revoke keys whose holder left the team (role removed or account disabled)."""
    return sum(_revoke(key, actor, "keluar_tim") for key in stale_keys())


def rotate_officer_key(user: User, old_passphrase: str, new_passphrase: str) -> dict[str, int]:
    """New key pair for the officer; every data key they hold is re-wrapped to it (ciphertext untouched),
    their old key is revoked, and the open reports they can read are wrapped to every other eligible key
    that lacks them (officers added since)."""
    _check_passphrase(new_passphrase)
    old_key, private = open_private(user, old_passphrase)
    was_active = eligible(old_key)
    new_key, _ = _new_officer_key(user, new_passphrase)
    if was_active:
        _approve(new_key, old_key)  # the holder proved the old key: it vouches for its successor
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
    by the caller (it is not stored in the database). Once a team member countersigns it, new reports are
    also wrapped to it."""
    if escrow_key() is not None:
        raise DomainError("Kunci escrow sudah aktif.")
    _check_passphrase(passphrase)
    private, public = crypto.generate_keypair()
    key = WbsKey(jenis="escrow", user_id=None, public_key=public, sealed_private=None)
    db.session.add(key)
    db.session.flush()
    audit.record("wbs.escrow.aktif", "wbs_kunci", key.id, actor=actor)
    # like any recipient key, it receives reports only once a team member countersigns it
    _tell_team("Kunci escrow WBS dibuat dan menunggu pengesahan Tim WBS di menu Kunci WBS.",
               f"wbs:kunci:{key.id}:baru")
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
