"""The evidence register: add evidence (uploaded or generated), file it against the catalogue, list it per
indicator with its file's state, policy documents with their validity, and readiness for an evaluation.

Services flush and never commit: the request (or the command) that calls them owns the transaction.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Iterable, Sequence

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload
from werkzeug.datastructures import FileStorage

from core import audit, storage
from core.attachments import save_clean
from core.errors import N_, DomainError, catalogue_word
from core.extensions import db
from core.forms import clean_text
from core.models import Attachment
from core.numbering import next_sequence
from core.uow import on_rollback
from core.workdays import format_tanggal, local_today
from zi.models import (JENIS_BUKTI, JENIS_KEBIJAKAN, ZiBukti, ZiBuktiIndikator, ZiBuktiNama, ZiIndikator,
                       ZiTindakLanjut)

OWNER = "zi_bukti"  # Attachment.owner_type
OWNER_SALINAN = "zi_bukti_salinan"  # the editable DOCX a generated report keeps beside its PDF
ANTREAN = "zi_bukti.antrean"  # a counter used only as the lock of generated reports (see antre)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# officers upload scans, photos, screenshots and spreadsheets; generated reports may also be DOCX
BERKAS_UNGGAH = storage.ALLOWED | {storage.XLSX}
BERKAS_LAPORAN = BERKAS_UNGGAH | {DOCX}
SEGERA_BERAKHIR_HARI = 30
_URL = re.compile(r"https?://[^\s]+", re.IGNORECASE)

ADA, HILANG, TAUTAN, TANPA_BERKAS = "ada", "hilang", "tautan", "tanpa_berkas"
BERLAKU, KEDALUWARSA, SEGERA_BERAKHIR, BELUM_BERLAKU = "berlaku", "kedaluwarsa", "segera_berakhir", "belum_berlaku"


def _upload_limit() -> int:
    return int(current_app.config.get("ZI_MAX_FILE_BYTES") or current_app.config["MAX_FILE_BYTES"])


def _periksa_berkas(berkas: FileStorage | None, data: bytes | None, nama_berkas: str | None,
                    allowed: frozenset[str] | set[str]) -> storage.Clean | None:
    """Check the file by its content before anything is written; a refusal is a form error on 'berkas'."""
    limit = _upload_limit()
    if berkas is not None and berkas.filename:
        data, nama_berkas = berkas.read(limit + 1), berkas.filename
    if data is None:
        return None
    try:
        return storage.inspect_upload(data, nama_berkas or "berkas", max_bytes=limit, allowed=allowed)
    except storage.UploadError as exc:
        raise DomainError(exc.message, "berkas") from exc


def _teks(value: str | None, field_name: str, label: str, limit: int, wajib: bool = False) -> str:
    """`label`: an N_ text (translated with the message on an English page)."""
    value, label = clean_text(value or ""), catalogue_word(label)
    if wajib and not value:
        raise DomainError(N_("%(label)s wajib diisi.", label=label), field_name)
    if len(value) > limit:
        raise DomainError(N_("%(label)s terlalu panjang (maksimal %(max)s karakter).", label=label, max=limit),
                          field_name)
    return value


def tambah_bukti(*, judul: str, jenis: str, periode_mulai: date | None = None, periode_selesai: date | None = None,
                 user=None, berkas: FileStorage | None = None, data: bytes | None = None,
                 nama_berkas: str | None = None, indikator: Iterable[ZiIndikator] = (),
                 bukti_nama: Iterable[ZiBuktiNama] = (), keterangan: str = "", tautan: str = "", nomor: str = "",
                 tanggal: date | None = None, penandatangan: str = "", berlaku_sampai: date | None = None,
                 kunci_sumber: str | None = None) -> ZiBukti:
    """Add an item to the register and file it: against each `bukti_nama` (the name it fulfils) and each
    plain `indikator`. An upload comes as `berkas`; a generated report as `data` + `nama_berkas`, with a
    `kunci_sumber` so that filing it twice (two officers at once, a re-run timer) finds the first one."""
    if kunci_sumber and (existing := bukti_sumber(kunci_sumber)) is not None:
        return existing
    if jenis not in JENIS_BUKTI:
        raise DomainError("Pilih jenis bukti.", "jenis")
    judul = _teks(judul, "judul", N_("Judul bukti"), 300, wajib=True)
    keterangan = _teks(keterangan, "keterangan", N_("Keterangan"), 5000)
    tautan = _teks(tautan, "tautan", N_("Tautan"), 500)
    if tautan and not _URL.fullmatch(tautan):
        raise DomainError("Tautan harus alamat web lengkap yang diawali http:// atau https://.", "tautan")
    nomor = _teks(nomor, "nomor", N_("Nomor dokumen"), 120)
    penandatangan = _teks(penandatangan, "penandatangan", N_("Penandatangan"), 200)
    if jenis in JENIS_KEBIJAKAN:
        if not nomor:
            raise DomainError("Nomor dokumen kebijakan (SK/SOP) wajib diisi.", "nomor")
        if tanggal is None:
            raise DomainError("Tanggal penetapan dokumen wajib diisi.", "tanggal")
        if not penandatangan:
            raise DomainError("Nama pejabat penandatangan wajib diisi.", "penandatangan")
        # a policy document's period is its validity, unless given otherwise
        periode_mulai = periode_mulai or tanggal
        periode_selesai = periode_selesai or berlaku_sampai or tanggal
    if berlaku_sampai is not None and tanggal is not None and berlaku_sampai < tanggal:
        raise DomainError("Masa berlaku tidak boleh berakhir sebelum tanggal penetapan.", "berlaku_sampai")
    if periode_mulai is None or periode_selesai is None:
        raise DomainError("Isi periode yang dicakup bukti (tanggal mulai dan selesai).", "periode_mulai")
    if periode_selesai < periode_mulai:
        raise DomainError("Tanggal selesai periode tidak boleh sebelum tanggal mulai.", "periode_selesai")
    if jenis == "laporan_otomatis" and data is None:
        raise DomainError("Laporan otomatis dibuat oleh sistem, bukan diunggah.", "jenis")
    clean = _periksa_berkas(berkas, data, nama_berkas, BERKAS_LAPORAN if data is not None else BERKAS_UNGGAH)
    if clean is None and not tautan:
        raise DomainError("Lampirkan berkas bukti atau isi tautannya.", "berkas")
    bukti_nama, indikator = list(bukti_nama), list(indikator)
    for nama in bukti_nama:  # before anything is written: a refused link leaves no file behind
        _cek_tautan(jenis, nama.indikator, nama)
    for ind in indikator:
        _cek_tautan(jenis, ind, None)

    if kunci_sumber:
        antre()  # one filer at a time: the check below sees a report another officer just filed
        if (existing := bukti_sumber(kunci_sumber)) is not None:
            return existing
    b = ZiBukti(judul=judul, jenis=jenis, periode_mulai=periode_mulai, periode_selesai=periode_selesai,
                keterangan=keterangan, tautan=tautan, nomor=nomor, tanggal=tanggal, penandatangan=penandatangan,
                berlaku_sampai=berlaku_sampai, kunci_sumber=kunci_sumber, added_by_id=getattr(user, "id", None))
    db.session.add(b)
    db.session.flush()  # the row first, the file after: a refused row writes no file
    if clean is not None:
        att = simpan_berkas(clean, OWNER, b.id)
        b.attachment_id, b.berkas_nama, b.berkas_sha256 = att.id, att.original_name, att.sha256
    for nama in bukti_nama:
        _tautkan(b, nama.indikator, nama)
    for ind in indikator:
        _tautkan(b, ind, None)
    db.session.flush()
    audit.record("zi.bukti.tambah", "zi_bukti", b.id,
                 {"judul": judul, "jenis": jenis, "periode": [periode_mulai.isoformat(), periode_selesai.isoformat()],
                  "indikator": sorted({n.indikator.kode for n in bukti_nama} | {i.kode for i in indikator}),
                  "berkas": b.berkas_sha256 or ""}, actor=user)
    return b


def antre() -> None:
    """Wait for (and then hold, until this unit of work ends) the register's lock: the UPDATE of a counter
    row takes the row lock (PostgreSQL) or the write lock (SQLite). Generating or filing a report under it
    means two officers doing the same at once are served one after the other, and the second finds the
    first's report instead of numbering and storing another. It also opens the transaction for real before
    anything is written (pysqlite starts none on a SELECT)."""
    next_sequence(ANTREAN)


def simpan_berkas(clean: storage.Clean, owner_type: str, owner_id: int) -> Attachment:
    """Write the file and its attachment row; if the unit of work rolls back, the file goes too (the row it
    belongs to will not exist)."""
    att = save_clean(clean, owner_type, owner_id)
    db.session.flush()
    folder, name = current_app.config["UPLOAD_FOLDER"], att.stored_name
    on_rollback(lambda: storage.delete_bytes(folder, name))
    return att


def bukti_sumber(kunci_sumber: str) -> ZiBukti | None:
    return db.session.scalar(select(ZiBukti).where(ZiBukti.kunci_sumber == kunci_sumber))


def _cek_tautan(jenis: str, ind: ZiIndikator, nama: ZiBuktiNama | None) -> None:
    if ind.tingkat != "pertanyaan":
        raise DomainError("Bukti hanya dapat ditautkan ke pertanyaan LKE, bukan ke sub-area.", "indikator")
    if nama is not None and nama.indikator_id != ind.id:
        raise DomainError("Nama bukti dukung itu bukan milik indikator yang dipilih.", "bukti_nama")
    if nama is not None and nama.jenis in JENIS_KEBIJAKAN and jenis not in JENIS_KEBIJAKAN:
        # its validity is what caps the answer: it must carry number, date and signatory
        raise DomainError(N_("«%(nama)s» adalah dokumen kebijakan: catat sebagai SK atau SOP lengkap dengan nomor, "
                             "tanggal, dan penandatangan.", nama=nama.nama), "jenis")


def _tautkan(b: ZiBukti, ind: ZiIndikator, nama: ZiBuktiNama | None) -> ZiBuktiIndikator:
    _cek_tautan(b.jenis, ind, nama)
    link = db.session.get(ZiBuktiIndikator, (b.id, ind.id))
    if link is None:
        link = ZiBuktiIndikator(bukti_id=b.id, indikator_id=ind.id, bukti_nama_id=getattr(nama, "id", None))
        db.session.add(link)
    elif nama is not None:
        link.bukti_nama_id = nama.id
    return link


def tautkan(b: ZiBukti, ind: ZiIndikator, bukti_nama: ZiBuktiNama | None = None, *, user=None) -> None:
    """File existing evidence against another pertanyaan (optionally as one of the bukti it names)."""
    _tautkan(b, ind, bukti_nama)
    db.session.flush()
    audit.record("zi.bukti.tautkan", "zi_bukti", b.id,
                 {"indikator": ind.kode, "tahun": ind.tahun, "bukti_nama": getattr(bukti_nama, "kunci", "")},
                 actor=user)


def lepaskan(b: ZiBukti, ind: ZiIndikator, *, user=None) -> None:
    link = db.session.get(ZiBuktiIndikator, (b.id, ind.id))
    if link is not None:
        db.session.delete(link)
        db.session.flush()
        audit.record("zi.bukti.lepas", "zi_bukti", b.id, {"indikator": ind.kode, "tahun": ind.tahun}, actor=user)


def bukti_nama_berkunci(tahun: int, kunci: str) -> list[ZiBuktiNama]:
    """Every place a bukti of this key is asked for in the year's catalogue (a monev report serves several)."""
    return list(db.session.scalars(select(ZiBuktiNama).join(ZiIndikator)
                                   .where(ZiIndikator.tahun == tahun, ZiBuktiNama.kunci == kunci)
                                   .options(joinedload(ZiBuktiNama.indikator))))


# --- the file's state and a policy document's validity ----------------------------------------------------

def status_berkas(b: ZiBukti) -> str:
    """ada (file on disk) / hilang (its attachment row or bytes went away) / tautan (a link only) /
    tanpa_berkas."""
    att: Attachment | None = b.attachment
    if att is None:
        if b.berkas_sha256:
            return HILANG
        return TAUTAN if b.tautan else TANPA_BERKAS
    # stored names are random hex made by core.storage; reading only the directory entry, not the bytes
    if not (Path(current_app.config["UPLOAD_FOLDER"]) / Path(att.stored_name).name).is_file():
        return HILANG
    return ADA


def status_berlaku(b: ZiBukti, pada: date) -> str:
    """For policy documents: berlaku / segera_berakhir (≤ 30 days left) / kedaluwarsa / belum_berlaku;
    '' for other evidence."""
    if b.jenis not in JENIS_KEBIJAKAN:
        return ""
    if b.tanggal is not None and b.tanggal > pada:
        return BELUM_BERLAKU
    if b.berlaku_sampai is None:
        return BERLAKU
    if b.berlaku_sampai < pada:
        return KEDALUWARSA
    if b.berlaku_sampai <= pada + timedelta(days=SEGERA_BERAKHIR_HARI):
        return SEGERA_BERAKHIR
    return BERLAKU


@dataclass
class BuktiInfo:
    bukti: ZiBukti
    berkas: str  # ada | hilang | tautan | tanpa_berkas
    berlaku: str  # see status_berlaku
    dalam_periode: bool
    bukti_nama: ZiBuktiNama | None = None
    peringatan: list[str] = field(default_factory=list)

    @property
    def dapat_dipakai(self) -> bool:
        """Counts as evidence for the period: its file (or link) is there, it covers the period, and a
        policy document is in force."""
        return (self.berkas in (ADA, TAUTAN) and self.dalam_periode
                and self.berlaku in ("", BERLAKU, SEGERA_BERAKHIR))


def _acuan(selesai: date, today: date | None) -> date:
    """The day a policy document must be in force: the end of the period, or today while it runs."""
    return min(selesai, today or local_today())


def info(b: ZiBukti, mulai: date, selesai: date, today: date | None = None,
         bukti_nama: ZiBuktiNama | None = None) -> BuktiInfo:
    pada = _acuan(selesai, today)
    berkas, berlaku = status_berkas(b), status_berlaku(b, pada)
    if b.jenis in JENIS_KEBIJAKAN:
        dalam = (b.tanggal or b.periode_mulai) <= selesai and (b.berlaku_sampai is None or b.berlaku_sampai >= mulai)
    else:
        dalam = b.periode_mulai <= selesai and b.periode_selesai >= mulai
    peringatan = []
    if berkas == HILANG:
        peringatan.append(f"Berkas «{b.berkas_nama or b.judul}» tidak ditemukan di penyimpanan; unggah ulang.")
    if berlaku == KEDALUWARSA:
        peringatan.append(f"{b.judul} nomor {b.nomor} berakhir masa berlakunya pada "
                          f"{format_tanggal(b.berlaku_sampai)}; perlu diperbarui.")
    elif berlaku == SEGERA_BERAKHIR:
        peringatan.append(f"{b.judul} nomor {b.nomor} berakhir masa berlakunya pada "
                          f"{format_tanggal(b.berlaku_sampai)}.")
    elif berlaku == BELUM_BERLAKU:
        peringatan.append(f"{b.judul} nomor {b.nomor} baru berlaku sejak {format_tanggal(b.tanggal)}.")
    return BuktiInfo(b, berkas, berlaku, dalam, bukti_nama, peringatan)


def _links(where: Sequence):
    q = (select(ZiBuktiIndikator).join(ZiBukti).join(ZiIndikator, ZiIndikator.id == ZiBuktiIndikator.indikator_id)
         .outerjoin(ZiBuktiNama, ZiBuktiNama.id == ZiBuktiIndikator.bukti_nama_id)
         .where(*where).options(joinedload(ZiBuktiIndikator.bukti).joinedload(ZiBukti.attachment),
                                joinedload(ZiBuktiIndikator.bukti_nama))
         .order_by(ZiBukti.periode_mulai, ZiBukti.id))
    return list(db.session.scalars(q).unique())


def bukti_indikator(ind: ZiIndikator, mulai: date | None = None, selesai: date | None = None,
                    today: date | None = None) -> list[BuktiInfo]:
    """The evidence filed against a pertanyaan, each with its file's state and validity (a deleted file shows
    as missing); the period defaults to the catalogue's year."""
    mulai, selesai = mulai or date(ind.tahun, 1, 1), selesai or date(ind.tahun, 12, 31)
    return [info(link.bukti, mulai, selesai, today, link.bukti_nama)
            for link in _links([ZiBuktiIndikator.indikator_id == ind.id])]


def bukti_berkunci(tahun: int, kunci: str, mulai: date, selesai: date, today: date | None = None) -> list[BuktiInfo]:
    """Evidence filed in the year's catalogue as a bukti of this key (any pertanyaan), one entry per item. A
    period spanning two years also reads the other year's catalogue: December's report is filed in its own year."""
    years = {tahun, *range(mulai.year, selesai.year + 1)}
    seen, out = set(), []
    for link in _links([ZiIndikator.tahun.in_(years), ZiBuktiNama.kunci == kunci]):
        if link.bukti_id not in seen:
            seen.add(link.bukti_id)
            out.append(info(link.bukti, mulai, selesai, today, link.bukti_nama))
    return out


def dokumen_kebijakan(pada: date | None = None) -> list[BuktiInfo]:
    """Every policy document in the register with its validity on `pada` (today by default), the ones that
    need attention first."""
    pada = pada or local_today()
    docs = db.session.scalars(select(ZiBukti).where(ZiBukti.jenis.in_(JENIS_KEBIJAKAN))
                              .options(joinedload(ZiBukti.attachment)).order_by(ZiBukti.tanggal, ZiBukti.id))
    rows = [info(b, pada, pada, pada) for b in docs]
    order = {KEDALUWARSA: 0, SEGERA_BERAKHIR: 1, BELUM_BERLAKU: 2, BERLAKU: 3}
    return sorted(rows, key=lambda r: (r.berkas != HILANG, order.get(r.berlaku, 4)))


# --- readiness ------------------------------------------------------------------------------------------------

@dataclass
class KesiapanIndikator:
    indikator: ZiIndikator
    kurang: list[ZiBuktiNama]  # names with no usable evidence in the period
    bukti: list[BuktiInfo]
    peringatan: list[str]

    @property
    def siap(self) -> bool:
        return not self.kurang and not self.peringatan


@dataclass
class Kesiapan:
    tahun: int
    mulai: date
    selesai: date
    indikator: list[KesiapanIndikator]
    tindak_lanjut_terlambat: dict[str, list[ZiTindakLanjut]]

    @property
    def belum_siap(self) -> list[KesiapanIndikator]:
        return [k for k in self.indikator if not k.siap]

    @property
    def jumlah_bukti_kurang(self) -> int:
        return sum(len(k.kurang) for k in self.indikator)


def kesiapan(tahun: int, mulai: date | None = None, selesai: date | None = None,
             today: date | None = None) -> Kesiapan:
    """For the coming evaluation: per pertanyaan, which named bukti have no usable evidence in the period
    (missing file, outside the period, or an SK no longer in force), the warnings (expired / ending SK, lost
    files), and the overdue follow-up actions grouped by the unit that owns them."""
    mulai, selesai = mulai or date(tahun, 1, 1), selesai or date(tahun, 12, 31)
    today = today or local_today()
    items = list(db.session.scalars(select(ZiIndikator).where(ZiIndikator.tahun == tahun,
                                                              ZiIndikator.tingkat == "pertanyaan")
                                    .options(selectinload(ZiIndikator.bukti_nama))
                                    .order_by(ZiIndikator.area_id, ZiIndikator.kode)))
    by_item: dict[int, list[BuktiInfo]] = {}
    for link in _links([ZiIndikator.tahun == tahun]):
        by_item.setdefault(link.indikator_id, []).append(info(link.bukti, mulai, selesai, today, link.bukti_nama))
    out = []
    for item in items:
        rows = by_item.get(item.id, [])
        usable = {r.bukti_nama.id for r in rows if r.bukti_nama is not None and r.dapat_dipakai}
        kurang = [n for n in item.bukti_nama if n.id not in usable]
        peringatan = [p for r in rows if r.dalam_periode for p in r.peringatan]
        out.append(KesiapanIndikator(item, kurang, rows, peringatan))
    return Kesiapan(tahun, mulai, selesai, out, tindak_lanjut_terlambat(tahun, today))


def tindak_lanjut_terlambat(tahun: int, today: date | None = None) -> dict[str, list[ZiTindakLanjut]]:
    today = today or local_today()
    rows = db.session.scalars(select(ZiTindakLanjut).where(ZiTindakLanjut.tahun == tahun,
                                                           ZiTindakLanjut.status != "selesai",
                                                           ZiTindakLanjut.tenggat < today)
                              .options(joinedload(ZiTindakLanjut.unit)).order_by(ZiTindakLanjut.tenggat))
    grouped: dict[str, list[ZiTindakLanjut]] = {}
    for tl in rows:
        grouped.setdefault(tl.unit.nama, []).append(tl)
    return grouped
