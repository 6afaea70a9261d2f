"""Shared tables: units, officers, settings, holidays, attachments, audit log, outbox."""
from __future__ import annotations

import enum
from datetime import date, datetime

from flask_login import UserMixin
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.errors import N_
from core.extensions import db
from core.pii import EncryptedText
from core.templating import teks_kantor
from core.workdays import utcnow


class Role(str, enum.Enum):
    admin = "admin"
    petugas_pengaduan = "petugas_pengaduan"
    unit = "unit"
    tim_wbs = "tim_wbs"
    upg = "upg"
    pengelola_skm = "pengelola_skm"
    pimpinan = "pimpinan"
    tpi = "tpi"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


# Indonesian; pages show them through _() (the catalogue has the English)
ROLE_LABELS = {
    Role.admin: N_("Administrator"),
    Role.petugas_pengaduan: N_("Petugas Pengaduan"),
    Role.unit: N_("Penanggung Jawab Unit"),
    Role.tim_wbs: N_("Tim WBS"),
    Role.upg: N_("Unit Pengendalian Gratifikasi (UPG)"),
    Role.pengelola_skm: N_("Pengelola Survei"),
    Role.pimpinan: N_("Pimpinan"),
    Role.tpi: N_("Tim Penilai Internal (baca saja)"),
}
# roles whose holders must use two-factor authentication
ROLES_REQUIRING_2FA = {Role.admin, Role.tim_wbs, Role.upg}  # admin can grant every role


class Unit(db.Model):
    """A bidang/bagian of the office; its head signs and receives nota dinas."""

    id: Mapped[int] = mapped_column(primary_key=True)
    kode: Mapped[str] = mapped_column(String(20), unique=True)
    nama: Mapped[str] = mapped_column(String(200))
    # the name on English pages (core.templating.teks_kantor); empty: the Indonesian; documents use `nama`
    nama_en: Mapped[str] = mapped_column(String(200), default="")
    kepala_nama: Mapped[str] = mapped_column(String(200), default="")
    kepala_jabatan: Mapped[str] = mapped_column(String(200), default="")
    kepala_nip: Mapped[str] = mapped_column(String(30), default="")
    aktif: Mapped[bool] = mapped_column(Boolean, default=True)

    def __str__(self) -> str:
        return self.nama


class UserRole(db.Model):
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(30), primary_key=True)


class User(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    nama: Mapped[str] = mapped_column(String(200))
    jabatan: Mapped[str] = mapped_column(String(200), default="")
    nip: Mapped[str] = mapped_column(String(30), default="")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    password_hash: Mapped[str] = mapped_column(String(255))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=True)
    # sealed with the data key (kept outside the database): a copy of the database opens no second factor
    totp_secret: Mapped[str | None] = mapped_column(EncryptedText("user.totp_secret"))
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)  # refuses a replayed code
    aktif: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # bumped on password change / disable so that other sessions of this user end
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    # e-mail alerts (core.mail): None follows the office's default for the role, else the officer's own choice
    kabar_surel: Mapped[bool | None] = mapped_column(Boolean)

    unit: Mapped[Unit | None] = relationship()
    role_rows: Mapped[list[UserRole]] = relationship(cascade="all, delete-orphan", lazy="selectin")

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.aktif

    @property
    def roles(self) -> set[Role]:
        return {Role(r.role) for r in self.role_rows if r.role in Role.__members__}

    def has_role(self, *roles: Role | str) -> bool:
        mine = {r.value for r in self.roles}
        return any((r.value if isinstance(r, Role) else r) in mine for r in roles)

    def set_roles(self, roles) -> None:
        wanted = {Role(r).value for r in roles}
        self.role_rows = [r for r in self.role_rows if r.role in wanted]
        have = {r.role for r in self.role_rows}
        self.role_rows.extend(UserRole(role=r) for r in sorted(wanted - have))

    @property
    def needs_2fa(self) -> bool:
        from flask import current_app

        return bool(self.roles & ROLES_REQUIRING_2FA) or current_app.config.get("REQUIRE_2FA_ALL", False)


class Setting(db.Model):
    """Office settings (identity, letter codes, deadlines): key → JSON value."""

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[object] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class CalendarDay(db.Model):
    """An admin's change to the holiday calendar: a day off added (libur) or a holiday removed."""

    tanggal: Mapped[date] = mapped_column(Date, primary_key=True)
    libur: Mapped[bool] = mapped_column(Boolean)
    keterangan: Mapped[str] = mapped_column(String(200), default="")


class Attachment(db.Model):
    """An uploaded file: bytes live in the upload folder under a random name, outside static/."""

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_type: Mapped[str] = mapped_column(String(40), index=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    original_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditEvent(db.Model):
    """Append-only, hash-chained log of officer actions and logins (see core.audit)."""

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)  # from the "audit" counter
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer, index=True)  # no FK: the log outlives users
    actor: Mapped[str] = mapped_column(String(254), default="")
    action: Mapped[str] = mapped_column(String(80), index=True)
    object_type: Mapped[str] = mapped_column(String(40), default="", index=True)
    object_id: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    ip: Mapped[str] = mapped_column(String(64), default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    # the admin's log filtered by officer, newest first (0011_scale)
    __table_args__ = (Index("ix_audit_event_actor_then_id", "actor", "id"),)


class Outbox(db.Model):
    """A notification to deliver; written in the same transaction as the change it announces."""

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(20), index=True)  # telegram | email
    recipient: Mapped[str] = mapped_column(Text)  # chat id / address, encrypted with DATA_KEY
    body: Mapped[str] = mapped_column(Text)
    dedup_key: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    last_error: Mapped[str] = mapped_column(String(500), default="")
    # a sender holds a row from its claim until `claimed_until` (see core.delivery); another sender may take it
    # only after that, so two senders never send the same row
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    claim_token: Mapped[str | None] = mapped_column(String(32))
    failed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # given up: never retried

    __table_args__ = (Index("ix_outbox_kirim", "channel", "sent_at", "next_attempt_at"),)


class ServerSession(db.Model):
    """Server-side session data; the cookie holds only the random id (see core.sessions)."""

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    expiry: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class Counter(db.Model):
    """Gap-free yearly sequences (ticket numbers, nota dinas registers), taken under a row lock."""

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


def user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


def unit_choices() -> list[tuple[int, str]]:
    """The active units for a form's list, by the name the page shows (the page's language)."""
    units = db.session.scalars(select(Unit).where(Unit.aktif))
    return sorted(((u.id, teks_kantor(u.nama, u.nama_en)) for u in units), key=lambda choice: choice[1].casefold())
