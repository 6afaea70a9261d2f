"""Tables of the surveys. Answers are stored in one column per unsur, named by the unsur's code (U1…U9),
never by question position: a questionnaire that swaps U8/U9 on paper still lands in the right column."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (JSON, Boolean, CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, Numeric,
                        SmallInteger, String, Text, UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.extensions import db
from core.models import Unit, User
from core.workdays import utcnow
from skm.calculator import UNSUR_KODE


class SkmLayanan(db.Model):
    """A jenis layanan of a unit; `kode` is the short link /survei/<kode> printed with the QR code."""

    __tablename__ = "skm_layanan"
    id: Mapped[int] = mapped_column(primary_key=True)
    kode: Mapped[str] = mapped_column(String(40), unique=True)
    nama: Mapped[str] = mapped_column(String(200))
    nama_en: Mapped[str | None] = mapped_column(String(200))  # English pages; empty: the Indonesian name
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    populasi: Mapped[int | None] = mapped_column(Integer)  # users served per period, for the sample size
    wajib_kode: Mapped[bool] = mapped_column(Boolean, default=False)  # answers need a code from the receipt
    aktif: Mapped[bool] = mapped_column(Boolean, default=True)
    dibuat_pada: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    unit: Mapped[Unit] = relationship()


class SkmPeriode(db.Model):
    """A survey period: a date range (periods may overlap: a triwulan inside its semester)."""

    __tablename__ = "skm_periode"
    __table_args__ = (CheckConstraint("mulai <= selesai", name="rentang"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    nama: Mapped[str] = mapped_column(String(100), unique=True)
    jenis: Mapped[str] = mapped_column(String(20))  # triwulan | semester | tahunan | lainnya
    mulai: Mapped[date] = mapped_column(Date)
    selesai: Mapped[date] = mapped_column(Date)
    metode_bobot: Mapped[str] = mapped_column(String(10), default="1/9")
    publik: Mapped[bool] = mapped_column(Boolean, default=True)  # results shown on the public page
    poster_dicetak_pada: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # offline publication
    # the office's target for every unsur on the konversi scale (25–100): an unsur below it needs action,
    # besides the three lowest (DOMAIN.md §4); None: only the three lowest
    target_unsur: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))


class SkmPertanyaan(db.Model):
    """The office's wording of one unsur's question and its four answer labels (defaults in skm.vocab)."""

    __tablename__ = "skm_pertanyaan"
    kode: Mapped[str] = mapped_column(String(3), primary_key=True)  # U1…U9, fixed
    urutan: Mapped[int] = mapped_column(SmallInteger)
    pertanyaan: Mapped[str] = mapped_column(Text)
    label_1: Mapped[str] = mapped_column(String(100))
    label_2: Mapped[str] = mapped_column(String(100))
    label_3: Mapped[str] = mapped_column(String(100))
    label_4: Mapped[str] = mapped_column(String(100))
    # the office's English wording for ?lang=en; empty: the catalogue's (defaults) or the Indonesian
    pertanyaan_en: Mapped[str | None] = mapped_column(Text)
    label_1_en: Mapped[str | None] = mapped_column(String(100))
    label_2_en: Mapped[str | None] = mapped_column(String(100))
    label_3_en: Mapped[str | None] = mapped_column(String(100))
    label_4_en: Mapped[str | None] = mapped_column(String(100))


class SkmImpor(db.Model):
    """One imported file; the same file twice into the same service is refused."""

    __tablename__ = "skm_impor"
    __table_args__ = (UniqueConstraint("layanan_id", "sha256"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    layanan_id: Mapped[int] = mapped_column(ForeignKey("skm_layanan.id"), index=True)
    periode_id: Mapped[int] = mapped_column(ForeignKey("skm_periode.id"), index=True)
    nama_berkas: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    jumlah: Mapped[int] = mapped_column(Integer)
    oleh_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    dibuat_pada: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # how the header was read: [{"judul": "U8 Sarana dan Prasarana", "kode": "U9", "cara": "nama"}, …]
    pemetaan: Mapped[list | None] = mapped_column(JSON)


def _unsur_checks():
    return tuple(CheckConstraint(f"{k.lower()} BETWEEN 1 AND 4", name=f"{k.lower()}_1_4") for k in UNSUR_KODE)


class SkmRespon(db.Model):
    """One respondent: profile, the nine answers by unsur code, and the optional saran."""

    __tablename__ = "skm_respon"
    __table_args__ = (*_unsur_checks(), Index("ix_skm_respon_layanan_tanggal", "layanan_id", "tanggal"))
    id: Mapped[int] = mapped_column(primary_key=True)
    layanan_id: Mapped[int] = mapped_column(ForeignKey("skm_layanan.id"))
    tanggal: Mapped[date] = mapped_column(Date, index=True)  # local date of the answer
    sumber: Mapped[str] = mapped_column(String(10))  # web | api | impor
    jenis_kelamin: Mapped[str | None] = mapped_column(String(1))
    usia: Mapped[int | None] = mapped_column(SmallInteger)
    pendidikan: Mapped[str | None] = mapped_column(String(10))
    pekerjaan: Mapped[str | None] = mapped_column(String(10))
    u1: Mapped[int] = mapped_column(SmallInteger)
    u2: Mapped[int] = mapped_column(SmallInteger)
    u3: Mapped[int] = mapped_column(SmallInteger)
    u4: Mapped[int] = mapped_column(SmallInteger)
    u5: Mapped[int] = mapped_column(SmallInteger)
    u6: Mapped[int] = mapped_column(SmallInteger)
    u7: Mapped[int] = mapped_column(SmallInteger)
    u8: Mapped[int] = mapped_column(SmallInteger)
    u9: Mapped[int] = mapped_column(SmallInteger)
    saran: Mapped[str] = mapped_column(Text, default="")
    # one submit, one row: the form's token (or the API client's key) is unique
    token: Mapped[str | None] = mapped_column(String(64), unique=True)
    impor_id: Mapped[int | None] = mapped_column(ForeignKey("skm_impor.id"), index=True)

    def jawaban(self) -> dict[str, int]:
        return {k: getattr(self, k.lower()) for k in UNSUR_KODE}


class SkmKode(db.Model):
    """A one-time code printed on a service receipt; spent by the first answer that carries it."""

    __tablename__ = "skm_kode"
    id: Mapped[int] = mapped_column(primary_key=True)
    kode: Mapped[str] = mapped_column(String(20), unique=True)
    layanan_id: Mapped[int] = mapped_column(ForeignKey("skm_layanan.id"), index=True)
    dibuat_pada: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    dipakai_pada: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SkmTindakLanjut(db.Model):
    """An improvement action for a weak unsur of a period: owner unit, deadline, status, evidence."""

    __tablename__ = "skm_tindak_lanjut"
    id: Mapped[int] = mapped_column(primary_key=True)
    periode_id: Mapped[int] = mapped_column(ForeignKey("skm_periode.id"), index=True)
    layanan_id: Mapped[int | None] = mapped_column(ForeignKey("skm_layanan.id"))  # None: all services
    unsur: Mapped[str] = mapped_column(String(3))
    masalah: Mapped[str] = mapped_column(Text)
    rencana: Mapped[str] = mapped_column(Text)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    tenggat: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="rencana", index=True)  # rencana | proses | selesai
    hasil: Mapped[str] = mapped_column(Text, default="")
    selesai_pada: Mapped[date | None] = mapped_column(Date)
    dibuat_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    dibuat_pada: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    diubah_pada: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    periode: Mapped[SkmPeriode] = relationship()
    layanan: Mapped[SkmLayanan | None] = relationship()
    unit: Mapped[Unit] = relationship()
    dibuat_oleh: Mapped[User | None] = relationship()


class PersepsiItem(db.Model):
    """An IPAK or IPKP statement answered on the 1–4 scale."""

    __tablename__ = "skm_persepsi_item"
    id: Mapped[int] = mapped_column(primary_key=True)
    jenis: Mapped[str] = mapped_column(String(4), index=True)  # ipak | ipkp
    urutan: Mapped[int] = mapped_column(SmallInteger)
    teks: Mapped[str] = mapped_column(Text)
    teks_en: Mapped[str | None] = mapped_column(Text)  # English pages; empty: the catalogue's or the Indonesian
    aktif: Mapped[bool] = mapped_column(Boolean, default=True)

    @property
    def kunci(self) -> str:
        """The statement's key in forms and links: its id, or «b<n>» for the n-th default not stored yet."""
        return str(self.id) if self.id is not None else f"b{self.urutan}"


class PersepsiRespon(db.Model):
    __tablename__ = "skm_persepsi_respon"
    id: Mapped[int] = mapped_column(primary_key=True)
    jenis: Mapped[str] = mapped_column(String(4))
    tanggal: Mapped[date] = mapped_column(Date, index=True)
    token: Mapped[str | None] = mapped_column(String(64), unique=True)

    jawaban: Mapped[list["PersepsiJawaban"]] = relationship(cascade="all, delete-orphan")


class PersepsiJawaban(db.Model):
    __tablename__ = "skm_persepsi_jawaban"
    __table_args__ = (CheckConstraint("nilai BETWEEN 1 AND 4", name="nilai_1_4"),)
    respon_id: Mapped[int] = mapped_column(ForeignKey("skm_persepsi_respon.id", ondelete="CASCADE"),
                                           primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("skm_persepsi_item.id"), primary_key=True)
    nilai: Mapped[int] = mapped_column(SmallInteger)
