"""Tables of the ZI module: the catalogue (versioned by year), the evidence register, the officers' answers
to the LKE and the follow-up actions of monev recommendations.

The catalogue is one tree per year: zi_area → zi_indikator (sub-area → pertanyaan → isian, by parent_id)
→ zi_bukti_nama (the *bukti data dukung* the juknis names for a pertanyaan). Codes (`kode`, `kunci`) are
stable across years, ids are not: rules and reports find an item by its code within a year.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (JSON, Boolean, Date, DateTime, ForeignKey, Integer, Numeric, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.errors import N_
from core.extensions import db
from core.models import Attachment, Unit, User
from core.workdays import utcnow

# kinds of evidence in the register
JENIS_BUKTI = {
    "laporan_otomatis": N_("Laporan otomatis"),
    "sk": N_("Surat Keputusan (SK)"),
    "sop": N_("SOP"),
    "foto": N_("Foto"),
    "tangkapan_layar": N_("Tangkapan layar"),
    "notulen": N_("Notulen"),
    "undangan": N_("Undangan"),
    "daftar_hadir": N_("Daftar hadir"),
    "lainnya": N_("Lainnya"),
}
# policy documents: numbered, signed, valid for a time
JENIS_KEBIJAKAN = ("sk", "sop")

STATUS_TINDAK_LANJUT = {"rencana": N_("Direncanakan"), "proses": N_("Dalam proses"), "selesai": N_("Selesai")}

TINGKAT = ("sub_area", "pertanyaan", "isian")
KOMPONEN = {"pemenuhan": N_("Pemenuhan"), "reform": N_("Reform"), "hasil": N_("Hasil")}


class ZiArea(db.Model):
    """An area of change (or the hasil component) of one year's LKE, with its weight."""

    __tablename__ = "zi_area"
    __table_args__ = (UniqueConstraint("tahun", "kode"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tahun: Mapped[int] = mapped_column(Integer, index=True)
    kode: Mapped[str] = mapped_column(String(10))  # MP, TL, SDM, AK, PW, PP, HS
    nama: Mapped[str] = mapped_column(String(200))
    jenis: Mapped[str] = mapped_column(String(12))  # pengungkit | hasil
    bobot: Mapped[Decimal] = mapped_column(Numeric(6, 3))
    urutan: Mapped[int] = mapped_column(Integer, default=0)
    juknis: Mapped[str] = mapped_column(String(40), default="")  # where the juknis treats it ("V")
    versi: Mapped[str] = mapped_column(String(200), default="")  # the regulation the rows follow

    indikator: Mapped[list[ZiIndikator]] = relationship(back_populates="area", order_by="ZiIndikator.urutan")


class ZiIndikator(db.Model):
    """One node of the catalogue tree: a sub-area (weighted), a pertanyaan (answered) or an isian (a count
    a percentage pertanyaan is computed from)."""

    __tablename__ = "zi_indikator"
    __table_args__ = (UniqueConstraint("tahun", "kode"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tahun: Mapped[int] = mapped_column(Integer, index=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("zi_area.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("zi_indikator.id", ondelete="CASCADE"), index=True)
    kode: Mapped[str] = mapped_column(String(20))  # PW.P3 (sub-area), PW.P3.a (pertanyaan), PW.R2.a.1 (isian)
    tingkat: Mapped[str] = mapped_column(String(12))  # sub_area | pertanyaan | isian
    komponen: Mapped[str] = mapped_column(String(10))  # pemenuhan | reform | hasil
    nama: Mapped[str] = mapped_column(Text)  # the LKE wording (editable by admin)
    bobot: Mapped[Decimal | None] = mapped_column(Numeric(6, 3))  # sub-areas only
    # pertanyaan: ya_tidak | abc | abcd | abcde | persen | indeks; isian: jumlah
    jenis_jawaban: Mapped[str] = mapped_column(String(10), default="")
    opsi: Mapped[list] = mapped_column(JSON, default=list)  # [{"kode": "A", "teks": "..."}]
    rumus: Mapped[dict] = mapped_column(JSON, default=dict)  # persen: {"jenis": "rasio", "pembilang": [...], ...}
    penjelasan: Mapped[str] = mapped_column(Text, default="")
    juknis: Mapped[str] = mapped_column(String(40), default="")  # "V.c.a)"
    juknis_teks: Mapped[str] = mapped_column(Text, default="")  # the juknis's own wording of the sub-indicator
    kegiatan: Mapped[list] = mapped_column(JSON, default=list)  # the juknis's activities
    usulan: Mapped[str] = mapped_column(String(40), default="")  # key of the rule in zi.answers, "" = officer
    ditinjau: Mapped[bool] = mapped_column(Boolean, default=False)  # wording uncertain: check before use
    urutan: Mapped[int] = mapped_column(Integer, default=0)

    area: Mapped[ZiArea] = relationship(back_populates="indikator")
    parent: Mapped[ZiIndikator | None] = relationship(remote_side=[id], back_populates="anak")
    anak: Mapped[list[ZiIndikator]] = relationship(back_populates="parent", order_by="ZiIndikator.urutan")
    bukti_nama: Mapped[list[ZiBuktiNama]] = relationship(back_populates="indikator",
                                                         order_by="ZiBuktiNama.urutan",
                                                         cascade="all, delete-orphan")


class ZiBuktiNama(db.Model):
    """A *bukti data dukung* a pertanyaan asks for, named as the juknis (or the LKE) names it."""

    __tablename__ = "zi_bukti_nama"
    __table_args__ = (UniqueConstraint("indikator_id", "kunci"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indikator_id: Mapped[int] = mapped_column(ForeignKey("zi_indikator.id", ondelete="CASCADE"), index=True)
    kunci: Mapped[str] = mapped_column(String(60), index=True)  # stable key: "sk_petugas_pengaduan"
    nama: Mapped[str] = mapped_column(Text)
    jenis: Mapped[str] = mapped_column(String(20), default="")  # the kind of evidence expected, "" = any
    sumber: Mapped[str] = mapped_column(String(10), default="juknis")  # juknis | lke | issue
    # a policy document whose absence caps the pertanyaan's answer at this option ("C"), "" = no cap
    batas_tanpa: Mapped[str] = mapped_column(String(5), default="")
    urutan: Mapped[int] = mapped_column(Integer, default=0)

    indikator: Mapped[ZiIndikator] = relationship(back_populates="bukti_nama")


class ZiBukti(db.Model):
    """One item of evidence: a generated report, an uploaded SK, a photo, a screenshot, …"""

    __tablename__ = "zi_bukti"

    id: Mapped[int] = mapped_column(primary_key=True)
    judul: Mapped[str] = mapped_column(String(300))
    jenis: Mapped[str] = mapped_column(String(20), index=True)
    periode_mulai: Mapped[date] = mapped_column(Date, index=True)
    periode_selesai: Mapped[date] = mapped_column(Date, index=True)
    keterangan: Mapped[str] = mapped_column(Text, default="")
    tautan: Mapped[str] = mapped_column(String(500), default="")  # a link, for a page or a post online
    attachment_id: Mapped[int | None] = mapped_column(ForeignKey("attachment.id", ondelete="SET NULL"))
    # kept with the evidence, so a file whose attachment row or bytes went away shows as missing, by name
    berkas_nama: Mapped[str] = mapped_column(String(255), default="")
    berkas_sha256: Mapped[str | None] = mapped_column(String(64))
    # policy documents (SK, SOP, standar pelayanan, …)
    nomor: Mapped[str] = mapped_column(String(120), default="")
    tanggal: Mapped[date | None] = mapped_column(Date)
    penandatangan: Mapped[str] = mapped_column(String(200), default="")
    berlaku_sampai: Mapped[date | None] = mapped_column(Date)  # None: until revoked
    # a generated report's source ("pengaduan.monev:2026-03"): filing it twice finds the first one
    kunci_sumber: Mapped[str | None] = mapped_column(String(120), unique=True)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    attachment: Mapped[Attachment | None] = relationship()
    added_by: Mapped[User | None] = relationship()
    tautan_indikator: Mapped[list[ZiBuktiIndikator]] = relationship(back_populates="bukti",
                                                                    cascade="all, delete-orphan")


class ZiBuktiIndikator(db.Model):
    """Evidence filed against a pertanyaan, optionally as one of the bukti it names."""

    __tablename__ = "zi_bukti_indikator"

    bukti_id: Mapped[int] = mapped_column(ForeignKey("zi_bukti.id", ondelete="CASCADE"), primary_key=True)
    indikator_id: Mapped[int] = mapped_column(ForeignKey("zi_indikator.id", ondelete="CASCADE"), primary_key=True,
                                              index=True)
    bukti_nama_id: Mapped[int | None] = mapped_column(ForeignKey("zi_bukti_nama.id", ondelete="SET NULL"),
                                                      index=True)

    bukti: Mapped[ZiBukti] = relationship(back_populates="tautan_indikator")
    indikator: Mapped[ZiIndikator] = relationship()
    bukti_nama: Mapped[ZiBuktiNama | None] = relationship()


class ZiJawaban(db.Model):
    """An officer's answer to a pertanyaan of one year, with the reason and the evidence behind it."""

    __tablename__ = "zi_jawaban"
    __table_args__ = (UniqueConstraint("tahun", "indikator_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tahun: Mapped[int] = mapped_column(Integer, index=True)
    indikator_id: Mapped[int] = mapped_column(ForeignKey("zi_indikator.id", ondelete="CASCADE"), index=True)
    pilihan: Mapped[str | None] = mapped_column(String(5))  # Ya / Tidak / A … E
    angka: Mapped[Decimal | None] = mapped_column(Numeric(12, 4))  # persen: the ratio; indeks: 1–4
    isian: Mapped[dict] = mapped_column(JSON, default=dict)  # counts a percentage is computed from
    nilai: Mapped[Decimal] = mapped_column(Numeric(7, 4))  # the item's score, 0–1 (before the weight)
    alasan: Mapped[str] = mapped_column(Text, default="")
    # what the records justified when the answer was saved (an override of it needs a reason)
    usulan_pilihan: Mapped[str | None] = mapped_column(String(5))
    usulan_angka: Mapped[Decimal | None] = mapped_column(Numeric(12, 4))
    diisi_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    diisi_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    indikator: Mapped[ZiIndikator] = relationship()
    diisi_oleh: Mapped[User | None] = relationship()
    bukti: Mapped[list[ZiBukti]] = relationship(secondary="zi_jawaban_bukti", order_by="ZiBukti.id")


class ZiJawabanBukti(db.Model):
    __tablename__ = "zi_jawaban_bukti"

    jawaban_id: Mapped[int] = mapped_column(ForeignKey("zi_jawaban.id", ondelete="CASCADE"), primary_key=True)
    bukti_id: Mapped[int] = mapped_column(ForeignKey("zi_bukti.id", ondelete="CASCADE"), primary_key=True)


class ZiTindakLanjut(db.Model):
    """A recommendation (of a monev or evaluation report) turned into a tracked action."""

    __tablename__ = "zi_tindak_lanjut"

    id: Mapped[int] = mapped_column(primary_key=True)
    tahun: Mapped[int] = mapped_column(Integer, index=True)
    rekomendasi: Mapped[str] = mapped_column(Text)
    # the report the recommendation came from, and the pertanyaan its follow-up answers
    sumber_bukti_id: Mapped[int | None] = mapped_column(ForeignKey("zi_bukti.id", ondelete="SET NULL"), index=True)
    indikator_kode: Mapped[str] = mapped_column(String(20), default="", index=True)  # "PW.P3.d"
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    tenggat: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(10), default="rencana", index=True)
    hasil: Mapped[str] = mapped_column(Text, default="")
    selesai_pada: Mapped[date | None] = mapped_column(Date)
    dibuat_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    dibuat_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    diubah_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    unit: Mapped[Unit] = relationship()
    sumber_bukti: Mapped[ZiBukti | None] = relationship()
    bukti: Mapped[list[ZiBukti]] = relationship(secondary="zi_tindak_lanjut_bukti", order_by="ZiBukti.id")


class ZiTindakLanjutBukti(db.Model):
    __tablename__ = "zi_tindak_lanjut_bukti"

    tindak_lanjut_id: Mapped[int] = mapped_column(ForeignKey("zi_tindak_lanjut.id", ondelete="CASCADE"),
                                                  primary_key=True)
    bukti_id: Mapped[int] = mapped_column(ForeignKey("zi_bukti.id", ondelete="CASCADE"), primary_key=True)


class ZiNotaDinas(db.Model):
    """A nota dinas sending a monev report to one unit concerned. The letter itself is evidence (ZiBukti: its
    number, date, PDF and DOCX); this row says which report it sends and to which unit."""

    __tablename__ = "zi_nota_dinas"
    __table_args__ = (UniqueConstraint("laporan_id", "unit_id"),)

    bukti_id: Mapped[int] = mapped_column(ForeignKey("zi_bukti.id", ondelete="CASCADE"), primary_key=True)
    laporan_id: Mapped[int] = mapped_column(ForeignKey("zi_bukti.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)

    bukti: Mapped[ZiBukti] = relationship(foreign_keys=[bukti_id])
    laporan: Mapped[ZiBukti] = relationship(foreign_keys=[laporan_id])
    unit: Mapped[Unit] = relationship()


# the files a monev meeting keeps, each an item of evidence of its own kind
BERKAS_RAPAT = {"notulen": N_("Notulen"), "undangan": N_("Undangan"), "daftar_hadir": N_("Daftar hadir"),
                "foto": N_("Foto")}


class ZiRapat(db.Model):
    """A monev meeting (the juknis's "undangan, notulen, daftar hadir, foto rapat") attached to a report."""

    __tablename__ = "zi_rapat"

    id: Mapped[int] = mapped_column(primary_key=True)
    laporan_id: Mapped[int] = mapped_column(ForeignKey("zi_bukti.id", ondelete="CASCADE"), index=True)
    tanggal: Mapped[date] = mapped_column(Date, index=True)
    acara: Mapped[str] = mapped_column(String(300))
    peserta: Mapped[str] = mapped_column(Text, default="")
    notulen: Mapped[str] = mapped_column(Text, default="")  # typed minutes (also rendered as a PDF in the register)
    dibuat_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    dibuat_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    laporan: Mapped[ZiBukti] = relationship(foreign_keys=[laporan_id])
    bukti: Mapped[list[ZiBukti]] = relationship(secondary="zi_rapat_bukti", order_by="ZiBukti.id")


class ZiRapatBukti(db.Model):
    __tablename__ = "zi_rapat_bukti"

    rapat_id: Mapped[int] = mapped_column(ForeignKey("zi_rapat.id", ondelete="CASCADE"), primary_key=True)
    bukti_id: Mapped[int] = mapped_column(ForeignKey("zi_bukti.id", ondelete="CASCADE"), primary_key=True)
