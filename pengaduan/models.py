"""Tables of Pengaduan Masyarakat: the complaint, its timeline, and the nota dinas that forwarded it."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (Boolean, Date, DateTime, ForeignKey, Index, Integer, SmallInteger, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.extensions import db
from core.models import Unit
from core.pii import EncryptedText, seal_rows
from core.workdays import utcnow


class Pengaduan(db.Model):
    __tablename__ = "pengaduan"

    id: Mapped[int] = mapped_column(primary_key=True)
    tiket: Mapped[str] = mapped_column(String(24), unique=True)  # PGD-2026-000123
    kode_hash: Mapped[str] = mapped_column(String(64))  # HMAC of the tracking code; the code itself is never kept
    # HMAC of the form's one-time token: a double submit finds the first record instead of making a second
    idem_hash: Mapped[str | None] = mapped_column(String(64), unique=True)

    jenis: Mapped[str] = mapped_column(String(20))  # pengaduan | aspirasi | informasi
    kategori: Mapped[str] = mapped_column(String(100), default="")
    judul: Mapped[str] = mapped_column(String(200))
    uraian: Mapped[str] = mapped_column(Text)
    lokasi: Mapped[str] = mapped_column(String(300), default="")
    tanggal_kejadian: Mapped[date | None] = mapped_column(Date)
    layanan_terkait: Mapped[str] = mapped_column(String(200), default="")  # unit or service named by the reporter
    kanal: Mapped[str] = mapped_column(String(20), default="web")
    lapor_id: Mapped[str] = mapped_column(String(40), default="")  # SP4N-LAPOR! tracking ID

    anonim: Mapped[bool] = mapped_column(Boolean, default=False)
    rahasia: Mapped[bool] = mapped_column(Boolean, default=False)
    # the reporter agreed on the form that the unit may see the identity ("boleh diteruskan ke unit")
    boleh_diteruskan: Mapped[bool] = mapped_column(Boolean, default=False)
    # the complaint officer recorded (with a reason, in the timeline and the audit) that the unit needs it
    identitas_unit: Mapped[bool] = mapped_column(Boolean, default=False)
    nama: Mapped[str | None] = mapped_column(EncryptedText("pengaduan.nama", row_bound=True))
    telepon: Mapped[str | None] = mapped_column(EncryptedText("pengaduan.telepon", row_bound=True))
    email: Mapped[str | None] = mapped_column(EncryptedText("pengaduan.email", row_bound=True))
    nik: Mapped[str | None] = mapped_column(EncryptedText("pengaduan.nik", row_bound=True))
    telegram_chat: Mapped[str | None] = mapped_column(EncryptedText("pengaduan.telegram_chat", row_bound=True))
    bahasa: Mapped[str] = mapped_column(String(5), default="id", server_default="id")  # of the e-mails to the reporter

    status: Mapped[str] = mapped_column(String(20))
    tingkat: Mapped[str | None] = mapped_column(String(20))  # ringan | normatif | tidak_berkadar | berkadar
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))

    diterima_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    tanggal_diterima: Mapped[date] = mapped_column(Date)  # local (Jakarta) date: deadlines count from it
    batas_verifikasi: Mapped[date] = mapped_column(Date)
    batas_jawaban: Mapped[date | None] = mapped_column(Date)  # first answer, 5 HK after verification
    batas_selesai: Mapped[date | None] = mapped_column(Date)  # by tier
    batas_tanggapan: Mapped[date | None] = mapped_column(Date)  # the reporter's window (reply / complete)
    # the deadline that matters in the current status: the queue sorts on (batas, id)
    batas: Mapped[date] = mapped_column(Date)
    terbuka: Mapped[bool] = mapped_column(Boolean, default=True)  # false once selesai / ditolak / diarsipkan

    alasan_tolak: Mapped[str] = mapped_column(Text, default="")
    rujukan: Mapped[str] = mapped_column(Text, default="")  # where to go instead
    # dialihkan (not this office's authority): forwarded to whom, and when
    dialihkan_ke: Mapped[str] = mapped_column(String(300), default="")
    dialihkan_tanggal: Mapped[date | None] = mapped_column(Date)
    jawaban: Mapped[str] = mapped_column(Text, default="")
    dijawab_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    tawaran_wbs: Mapped[bool] = mapped_column(Boolean, default=False)
    dipindah_wbs: Mapped[bool] = mapped_column(Boolean, default=False)  # no link to the WBS report on purpose
    # HMAC of the move form's one-time token, so a double click gets the same receipt; it cannot be matched
    # to the WBS report (that side keeps a different HMAC of the token, and the token is kept nowhere)
    wbs_token_hash: Mapped[str | None] = mapped_column(String(64))
    penilaian: Mapped[int | None] = mapped_column(SmallInteger)
    komentar_penilaian: Mapped[str] = mapped_column(Text, default="")
    dinilai_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    # optimistic lock: two people acting on the same complaint at once cannot both move it
    versi: Mapped[int] = mapped_column(Integer, default=1)

    unit: Mapped[Unit | None] = relationship()
    __mapper_args__ = {"version_id_col": versi}

    __table_args__ = (
        # the officers' queue: keyset on (batas, id), optionally within one status or one unit
        Index("ix_pengaduan_batas_id", "batas", "id"),
        Index("ix_pengaduan_status_batas_id", "status", "batas", "id"),
        Index("ix_pengaduan_unit_batas_id", "unit_id", "batas", "id"),
        Index("ix_pengaduan_terbuka_batas_id", "terbuka", "batas", "id"),
        # the overdue count reads only this index (no table rows) even with many open cases
        Index("ix_pengaduan_terbuka_status_batas", "terbuka", "status", "batas"),
        Index("ix_pengaduan_tanggal_diterima", "tanggal_diterima"),
        # at a ministry's size (0011_scale): the open queue filtered by category, still in deadline order;
        # the monthly monev counts per status, type and channel read from the index alone
        Index("ix_pengaduan_terbuka_kategori_batas_id", "terbuka", "kategori", "batas", "id"),
        Index("ix_pengaduan_tanggal_status_jenis_kanal", "tanggal_diterima", "status", "jenis", "kanal"),
        # ix_pengaduan_judul_trgm (PostgreSQL only, migration 0012_cari_judul; core.extensions.MIGRATION_ONLY)
    )


seal_rows(Pengaduan, "tiket")  # the identity is bound to its ticket: swapped rows refuse to open


class Riwayat(db.Model):
    """One line of a complaint's timeline: a transition, a note, a message from or to the reporter."""

    __tablename__ = "pengaduan_riwayat"

    id: Mapped[int] = mapped_column(primary_key=True)
    pengaduan_id: Mapped[int] = mapped_column(ForeignKey("pengaduan.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    aksi: Mapped[str] = mapped_column(String(30))
    status_dari: Mapped[str] = mapped_column(String(20))
    status_ke: Mapped[str] = mapped_column(String(20))
    teks: Mapped[str] = mapped_column(Text, default="")
    publik: Mapped[bool] = mapped_column(Boolean, default=True)  # internal notes are never shown to the reporter
    oleh: Mapped[str] = mapped_column(String(20))  # petugas | unit | pelapor | sistem
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_nama: Mapped[str] = mapped_column(String(200), default="")


class NotaDinasPengaduan(db.Model):
    """A nota dinas issued for a complaint: the record is kept, the document is rendered again on download."""

    __tablename__ = "pengaduan_nota_dinas"

    id: Mapped[int] = mapped_column(primary_key=True)
    pengaduan_id: Mapped[int] = mapped_column(ForeignKey("pengaduan.id", ondelete="CASCADE"), index=True)
    register: Mapped[str] = mapped_column(String(40))  # buku agenda
    tahun: Mapped[int] = mapped_column(Integer)
    urut: Mapped[int] = mapped_column(Integer)
    nomor: Mapped[str] = mapped_column(String(120), unique=True)
    tanggal: Mapped[date] = mapped_column(Date)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    yth: Mapped[str] = mapped_column(String(200))
    dari: Mapped[str] = mapped_column(String(200))
    sifat: Mapped[str] = mapped_column(String(40))  # urgency: Biasa / Segera / Sangat Segera
    klasifikasi: Mapped[str] = mapped_column(String(20), default="Biasa", server_default="Biasa")
    tembusan: Mapped[str] = mapped_column(Text, default="", server_default="")  # one per line
    lampiran: Mapped[str] = mapped_column(String(60))
    hal: Mapped[str] = mapped_column(String(200))
    batas_tindak_lanjut: Mapped[date] = mapped_column(Date)
    penandatangan_jabatan: Mapped[str] = mapped_column(String(200))
    penandatangan_nama: Mapped[str] = mapped_column(String(200))
    penandatangan_nip: Mapped[str] = mapped_column(String(30), default="")
    created_by_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    unit: Mapped[Unit] = relationship()
    pengaduan: Mapped[Pengaduan] = relationship()

    __table_args__ = (UniqueConstraint("register", "tahun", "urut"),)


class JumlahStatus(db.Model):
    """Complaints per (status, unit), kept in the same transaction as every change, so that the queue's
    counts cost one small read instead of a scan of every complaint ever received."""

    __tablename__ = "pengaduan_jumlah"

    status: Mapped[str] = mapped_column(String(20), primary_key=True)
    unit_id: Mapped[int] = mapped_column(Integer, primary_key=True)  # 0: not disposed to a unit
    jumlah: Mapped[int] = mapped_column(Integer, default=0)
