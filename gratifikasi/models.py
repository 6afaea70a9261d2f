"""Tables of Pelaporan Gratifikasi: the UPG's register, its history, and the campaign log."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.errors import N_
from core.extensions import db
from core.models import Unit, User
from core.pii import EncryptedText, seal_rows
from core.workdays import utcnow

STATUS = {
    "diterima": N_("Diterima UPG"),
    "perlu_dilengkapi": N_("Perlu dilengkapi"),
    "diverifikasi": N_("Diverifikasi (lengkap)"),
    "diteruskan": N_("Diteruskan ke KPK"),
    "diminta_kpk": N_("KPK meminta kelengkapan"),
    "ditetapkan": N_("Ditetapkan KPK"),
    "selesai": N_("Selesai"),
}
PENETAPAN = {
    "milik_negara": N_("Milik negara"),
    "milik_penerima": N_("Milik penerima"),
    "tidak_dapat_ditindaklanjuti": N_("Tidak dapat ditindaklanjuti"),
}
# the document KPK sends with each decision
DOKUMEN_PENETAPAN = {"milik_negara": N_("SK"), "milik_penerima": N_("SK"),
                     "tidak_dapat_ditindaklanjuti": N_("Surat KPK")}
CARA_TERUSKAN = {
    "gol": N_("Aplikasi Gratifikasi Online (GOL) KPK"),
    "surat": N_("Surat (pos/kurir)"),
    "surel": N_("Surat elektronik"),
    "langsung": N_("Diantar langsung"),
}
MEDIA_KAMPANYE = {
    "banner": N_("Banner / spanduk / poster"),
    "situs": N_("Situs web"),
    "media_sosial": N_("Media sosial"),
    "sosialisasi": N_("Sosialisasi / bimbingan teknis"),
    "lainnya": N_("Lainnya"),
}
OPEN_STATUSES = ("diterima", "perlu_dilengkapi", "diverifikasi")


class LaporanGratifikasi(db.Model):
    __tablename__ = "laporan_gratifikasi"

    id: Mapped[int] = mapped_column(primary_key=True)
    nomor: Mapped[str] = mapped_column(String(20), unique=True)
    tahun: Mapped[int] = mapped_column(Integer, index=True)
    jenis: Mapped[str] = mapped_column(String(20), index=True)  # penerimaan | penolakan | nihil
    kanal: Mapped[str] = mapped_column(String(20), default="web")  # web | api | petugas
    status: Mapped[str] = mapped_column(String(20), default="diterima", index=True)
    # the tracking code is stored only as HMAC(RECEIPT_PEPPER, code)
    kode_hash: Mapped[str] = mapped_column(String(64))
    # a double submit carries the same token: one record only
    idem_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    pelapor_user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)

    # recipient (personal data encrypted at rest)
    pelapor_nama: Mapped[str] = mapped_column(EncryptedText("gratifikasi.pelapor_nama", row_bound=True))
    identitas_jenis: Mapped[str] = mapped_column(String(3))  # NIP | NIK
    identitas_nomor: Mapped[str] = mapped_column(EncryptedText("gratifikasi.identitas_nomor", row_bound=True))
    pelapor_jabatan: Mapped[str] = mapped_column(String(200), default="")
    pelapor_pangkat: Mapped[str] = mapped_column(String(100), default="")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    unit_nama: Mapped[str] = mapped_column(String(200), default="")  # as reported (units get renamed)
    pelapor_telepon: Mapped[str] = mapped_column(EncryptedText("gratifikasi.pelapor_telepon", row_bound=True))
    pelapor_email: Mapped[str | None] = mapped_column(EncryptedText("gratifikasi.pelapor_email", row_bound=True))
    pelapor_alamat: Mapped[str] = mapped_column(EncryptedText("gratifikasi.pelapor_alamat", row_bound=True))

    # giver and the gift (empty for laporan nihil)
    pemberi_nama: Mapped[str | None] = mapped_column(EncryptedText("gratifikasi.pemberi_nama", row_bound=True))
    pemberi_hubungan: Mapped[str] = mapped_column(String(30), default="")
    pemberi_pekerjaan: Mapped[str] = mapped_column(String(200), default="")
    pemberi_alamat: Mapped[str | None] = mapped_column(EncryptedText("gratifikasi.pemberi_alamat", row_bound=True))
    tempat_terima: Mapped[str] = mapped_column(String(200), default="")
    tanggal_terima: Mapped[date | None] = mapped_column(Date, index=True)
    acara: Mapped[str] = mapped_column(String(30), default="")
    acara_keterangan: Mapped[str] = mapped_column(String(200), default="")
    bentuk: Mapped[str] = mapped_column(String(30), default="", index=True)
    uraian: Mapped[str] = mapped_column(Text, default="")
    nilai: Mapped[int | None] = mapped_column(BigInteger)
    nilai_taksiran: Mapped[bool] = mapped_column(Boolean, default=False)
    kronologi: Mapped[str] = mapped_column(Text, default="")
    posisi_objek: Mapped[str] = mapped_column(String(30), default="")
    periode_awal: Mapped[date | None] = mapped_column(Date)  # laporan nihil
    periode_akhir: Mapped[date | None] = mapped_column(Date)

    # the "wajib lapor?" verdict at submission, kept with the rule that gave it
    wajib_lapor: Mapped[bool | None] = mapped_column(Boolean)
    alasan_wajib: Mapped[str] = mapped_column(Text, default="")

    # deadlines (local dates) and timeliness at submission
    tanggal_lapor: Mapped[date] = mapped_column(Date, index=True)  # the UPG received it
    tenggat_upg: Mapped[date | None] = mapped_column(Date)
    tenggat_kpk: Mapped[date | None] = mapped_column(Date, index=True)
    tenggat_teruskan: Mapped[date | None] = mapped_column(Date, index=True)
    terlambat_upg: Mapped[bool] = mapped_column(Boolean, default=False)
    terlambat_kpk: Mapped[bool] = mapped_column(Boolean, default=False)
    # the UPG's next deadline in the current status (service._set_tenggat_berikut keeps it): forwarding an open
    # report, or answering KPK's request for completion; the register's deadline filters read it from an index
    tenggat_berikut: Mapped[date | None] = mapped_column(Date)

    # UPG handling
    catatan_verifikasi: Mapped[str] = mapped_column(Text, default="")
    diverifikasi_pada: Mapped[date | None] = mapped_column(Date)
    tanggal_teruskan: Mapped[date | None] = mapped_column(Date)
    nomor_surat: Mapped[str] = mapped_column(String(80), default="")
    cara_teruskan: Mapped[str] = mapped_column(String(20), default="")
    nomor_registrasi_kpk: Mapped[str] = mapped_column(String(80), default="")
    penetapan: Mapped[str] = mapped_column(String(40), default="", index=True)
    # KPK's decision document: its SK (milik negara / milik penerima), or its letter when the report cannot be
    # followed up (tidak dapat ditindaklanjuti); `dokumen_penetapan` names which
    nomor_sk: Mapped[str] = mapped_column(String(120), default="")
    tanggal_sk: Mapped[date | None] = mapped_column(Date)
    tindak_lanjut_objek: Mapped[str] = mapped_column(Text, default="")
    selesai_pada: Mapped[date | None] = mapped_column(Date)

    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    unit: Mapped[Unit | None] = relationship()
    pelapor_user: Mapped[User | None] = relationship()
    riwayat: Mapped[list[RiwayatGratifikasi]] = relationship(
        back_populates="laporan", order_by="RiwayatGratifikasi.id", cascade="all, delete-orphan")
    permintaan_kpk: Mapped[list[PermintaanKelengkapanKpk]] = relationship(
        back_populates="laporan", order_by="PermintaanKelengkapanKpk.id", cascade="all, delete-orphan",
        lazy="selectin")

    __table_args__ = (
        # the register's overdue / near-deadline filters, in deadline order, read a page from this index
        Index("ix_laporan_gratifikasi_tenggat_berikut_id", "tenggat_berikut", "id"),
    )

    @property
    def status_label(self) -> str:
        return STATUS.get(self.status, self.status)

    @property
    def penetapan_label(self) -> str:
        return PENETAPAN.get(self.penetapan, "")

    @property
    def dokumen_penetapan(self) -> str:
        """What KPK's decision came as: an SK, or a letter for "tidak dapat ditindaklanjuti"."""
        return DOKUMEN_PENETAPAN.get(self.penetapan, "")

    @property
    def kelengkapan_kpk(self) -> PermintaanKelengkapanKpk | None:
        """KPK's latest request for completion, answered or not."""
        return self.permintaan_kpk[-1] if self.permintaan_kpk else None

    @property
    def terlambat_teruskan(self) -> bool:
        """Forwarded after the UPG->KPK deadline (or still not forwarded and past it)."""
        from core.workdays import local_today

        if self.tenggat_teruskan is None:
            return False
        sent = self.tanggal_teruskan or (None if self.status not in OPEN_STATUSES else local_today())
        return sent is not None and sent > self.tenggat_teruskan


seal_rows(LaporanGratifikasi, "nomor")  # the reporter and giver are bound to the report number


class RiwayatGratifikasi(db.Model):
    """One step of a report's life, shown to the reporter (no personal data here)."""

    __tablename__ = "riwayat_gratifikasi"

    id: Mapped[int] = mapped_column(primary_key=True)
    laporan_id: Mapped[int] = mapped_column(ForeignKey("laporan_gratifikasi.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    aksi: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20))
    catatan: Mapped[str] = mapped_column(Text, default="")  # shown to the reporter
    actor_id: Mapped[int | None] = mapped_column(Integer)

    laporan: Mapped[LaporanGratifikasi] = relationship(back_populates="riwayat")


class PermintaanKelengkapanKpk(db.Model):
    """KPK asked the UPG to complete a forwarded report (PerKPK 1/2026): what, by which letter, by when (20 HK
    from the request), and when the UPG sent it. KPK may ask more than once: one row per request."""

    __tablename__ = "kelengkapan_kpk_gratifikasi"

    id: Mapped[int] = mapped_column(primary_key=True)
    laporan_id: Mapped[int] = mapped_column(ForeignKey("laporan_gratifikasi.id", ondelete="CASCADE"), index=True)
    diminta_pada: Mapped[date] = mapped_column(Date)
    nomor_surat: Mapped[str] = mapped_column(String(120), default="")  # KPK's letter, when there is one
    catatan: Mapped[str] = mapped_column(Text, default="")  # what KPK asks (shown to the reporter)
    tenggat: Mapped[date] = mapped_column(Date, index=True)
    dilengkapi_pada: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    laporan: Mapped[LaporanGratifikasi] = relationship(back_populates="permintaan_kpk")


class KegiatanKampanye(db.Model):
    """A public campaign activity (banner, website, social media, sosialisasi), evidence for the ZI."""

    __tablename__ = "kegiatan_kampanye_gratifikasi"

    id: Mapped[int] = mapped_column(primary_key=True)
    tanggal: Mapped[date] = mapped_column(Date, index=True)
    media: Mapped[str] = mapped_column(String(20))
    judul: Mapped[str] = mapped_column(String(200))
    uraian: Mapped[str] = mapped_column(Text, default="")
    tautan: Mapped[str] = mapped_column(String(500), default="")
    peserta: Mapped[int | None] = mapped_column(Integer)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    @property
    def media_label(self) -> str:
        return MEDIA_KAMPANYE.get(self.media, self.media)
