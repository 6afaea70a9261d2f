"""WBS tables. Nothing a reporter wrote is stored in clear: every text, file and file name is AEAD
ciphertext under the report's data key (see wbs.sealing). What stays readable is what the queue needs:
status, dates (no times) and deadlines.

Ids of reports, messages, attachments and key wraps are random, so a copy of the database does not reveal
the order in which reports arrived beyond their date.
"""
from __future__ import annotations

import secrets
from datetime import date, datetime

from sqlalchemy import (Boolean, Date, DateTime, ForeignKey, Integer, LargeBinary, String, UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.extensions import db
from core.models import User
from core.workdays import utcnow

# the 4W+1H elements (plus why), in the order the form asks for them
ELEMENTS = ("apa", "dimana", "kapan", "siapa", "bagaimana", "mengapa")
# every encrypted column of a report
SEALED_FIELDS = ELEMENTS + ("jenis", "identitas")


class WbsKey(db.Model):
    """A public key WBS data keys are wrapped to: one per tim_wbs officer, or the (optional) escrow key.

    The officer's private key is stored only sealed under an Argon2id key from their WBS passphrase.
    The escrow private key is never stored here: it is kept offline by whoever enabled escrow.
    """

    __tablename__ = "wbs_kunci"

    id: Mapped[int] = mapped_column(primary_key=True)
    jenis: Mapped[str] = mapped_column(String(10), default="petugas")  # petugas | escrow
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    sealed_private: Mapped[bytes | None] = mapped_column(LargeBinary)
    aktif: Mapped[bool] = mapped_column(Boolean, default=True)
    dibuat_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    user: Mapped[User | None] = relationship()
    pengesahan: Mapped[WbsKeyApproval | None] = relationship(
        foreign_keys="WbsKeyApproval.key_id", cascade="all, delete-orphan", passive_deletes=True, uselist=False)
    permintaan_cabut: Mapped[WbsRevocationRequest | None] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, uselist=False)


class WbsKeyApproval(db.Model):
    """The countersignature that makes a recipient key active (wbs.keys.countersign): which key vouched for
    it (None: the install's very first key, or the server operator when the whole team had left), and a tag
    under a server secret outside the database over key, holder and public key, so that a database writer
    can neither activate a key of its own nor swap the public key of an approved one."""

    __tablename__ = "wbs_pengesahan_kunci"

    key_id: Mapped[int] = mapped_column(ForeignKey("wbs_kunci.id", ondelete="CASCADE"), primary_key=True)
    pengesah_key_id: Mapped[int | None] = mapped_column(ForeignKey("wbs_kunci.id"))
    tanggal: Mapped[date] = mapped_column(Date)
    tag: Mapped[str] = mapped_column(String(64))


class WbsRevocationRequest(db.Model):
    """Someone asked to revoke another member's key; a second team member must confirm (wbs.keys.revoke_key)."""

    __tablename__ = "wbs_permintaan_cabut"

    key_id: Mapped[int] = mapped_column(ForeignKey("wbs_kunci.id", ondelete="CASCADE"), primary_key=True)
    diminta_oleh: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    diminta_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    peminta: Mapped[User] = relationship()


def random_row_id() -> int:
    """A random positive 31-bit id (fits every database's INTEGER), above any id a sequence ever gave."""
    return (1 << 30) + secrets.randbelow(1 << 30)


class WbsReport(db.Model):
    __tablename__ = "wbs_laporan"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)  # random, see wbs.service
    # lookup: HMAC(RECEIPT_PEPPER, normalised receipt); the pepper never enters the database
    resi_hash: Mapped[str] = mapped_column(String(64), unique=True)
    resi_salt: Mapped[bytes] = mapped_column(LargeBinary)
    resi_kdf: Mapped[str] = mapped_column(String(40))  # "time:memory_kib:lanes" used for this report
    resi_wrap: Mapped[bytes] = mapped_column(LargeBinary)  # data key wrapped to the receipt-derived key
    # HMAC of the form's one-time token: a double submit finds the report instead of making a second one
    idem_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    sumber: Mapped[str] = mapped_column(String(20), default="web")
    status: Mapped[str] = mapped_column(String(20), default="diterima", index=True)

    # local (Jakarta) dates only: no time of day is kept for anything the reporter does
    diterima_tanggal: Mapped[date] = mapped_column(Date, index=True)
    batas_pengakuan: Mapped[date] = mapped_column(Date)
    batas_verifikasi: Mapped[date] = mapped_column(Date)
    diakui_tanggal: Mapped[date | None] = mapped_column(Date)
    diverifikasi_tanggal: Mapped[date | None] = mapped_column(Date)
    umpan_balik_tanggal: Mapped[date | None] = mapped_column(Date)  # last message of the team to the reporter
    ditutup_tanggal: Mapped[date | None] = mapped_column(Date, index=True)

    apa: Mapped[bytes] = mapped_column(LargeBinary)
    dimana: Mapped[bytes] = mapped_column(LargeBinary)
    kapan: Mapped[bytes] = mapped_column(LargeBinary)
    siapa: Mapped[bytes] = mapped_column(LargeBinary)
    bagaimana: Mapped[bytes] = mapped_column(LargeBinary)
    mengapa: Mapped[bytes] = mapped_column(LargeBinary)
    jenis: Mapped[bytes] = mapped_column(LargeBinary)
    identitas: Mapped[bytes] = mapped_column(LargeBinary)
    # sequence of the conversation entries of this report (messages, notes, status changes)
    entri_terakhir: Mapped[int] = mapped_column(Integer, default=0)

    wraps: Mapped[list[WbsKeyWrap]] = relationship(cascade="all, delete-orphan", passive_deletes=True,
                                                   back_populates="report")


class WbsKeyWrap(db.Model):
    """The report's data key, HPKE-wrapped to one WbsKey."""

    __tablename__ = "wbs_bungkus_kunci"
    __table_args__ = (UniqueConstraint("report_id", "key_id"),)

    # random (wbs.keys.wrap_to): a sequence would order the wraps made when reports arrive among those made
    # at audited moments (grants, rotations), and so date the reports to the minute
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False, default=random_row_id)
    report_id: Mapped[int] = mapped_column(ForeignKey("wbs_laporan.id", ondelete="CASCADE"), index=True)
    key_id: Mapped[int] = mapped_column(ForeignKey("wbs_kunci.id", ondelete="CASCADE"), index=True)
    wrap: Mapped[bytes] = mapped_column(LargeBinary)

    report: Mapped[WbsReport] = relationship(back_populates="wraps")


class WbsEntry(db.Model):
    """One line of a case's history: a message of the reporter or the team, an internal note of the
    team, or a status change. The text (and a status change's reason and destination) is sealed; its
    associated data binds kind, order, date, officer and status change (wbs.sealing.entry_aad), so a
    database writer cannot turn an internal note into a message the reporter sees.

    `legacy_mac`: set only on rows sealed before that binding (migration 0007_wbs_security), whose data key
    the migration could not reach: an HMAC over the same columns under a server secret, checked on read."""

    __tablename__ = "wbs_entri"
    __table_args__ = (UniqueConstraint("report_id", "urutan"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # random hex
    report_id: Mapped[int] = mapped_column(ForeignKey("wbs_laporan.id", ondelete="CASCADE"), index=True)
    urutan: Mapped[int] = mapped_column(Integer)
    jenis: Mapped[str] = mapped_column(String(10))  # pelapor | tim | catatan | status
    tanggal: Mapped[date] = mapped_column(Date)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    status_dari: Mapped[str | None] = mapped_column(String(20))
    status_ke: Mapped[str | None] = mapped_column(String(20))
    isi: Mapped[bytes] = mapped_column(LargeBinary)
    idem_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    legacy_mac: Mapped[str | None] = mapped_column(String(64))

    officer: Mapped[User | None] = relationship()


class WbsAttachment(db.Model):
    """Evidence: the file's bytes are sealed on disk under a random name; its name, type and size are
    sealed here, bound to the entry it belongs to. `legacy_mac`: as in WbsEntry."""

    __tablename__ = "wbs_lampiran"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # random hex
    report_id: Mapped[int] = mapped_column(ForeignKey("wbs_laporan.id", ondelete="CASCADE"), index=True)
    entry_id: Mapped[str | None] = mapped_column(ForeignKey("wbs_entri.id", ondelete="CASCADE"), index=True)
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    meta: Mapped[bytes] = mapped_column(LargeBinary)
    legacy_mac: Mapped[str | None] = mapped_column(String(64))
