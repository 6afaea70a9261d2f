"""Monev meetings: the juknis's "undangan, notulen, daftar hadir, foto rapat" of a period's monev, attached to the
generated report. Each file is an item of evidence of its own kind in the register (checked by content, image
metadata stripped: zi.evidence), covering the report's period and filed against the pertanyaan the report serves,
so the export carries it and the 'berkala' answers list it; typed minutes become a PDF on the office letterhead.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from core import audit, storage
from core.errors import N_, DomainError
from core.extensions import db
from core.workdays import format_tanggal, local_today
from zi import dokumen, evidence
from zi.dokumen import Bagian, Daftar, Paragraf
from zi.evidence import BuktiInfo
from zi.models import BERKAS_RAPAT, ZiBukti, ZiRapat

MAX_FOTO = 10
MAX_TEKS = 20000


def _periksa(berkas: FileStorage | None) -> storage.Clean | None:
    return evidence._periksa_berkas(berkas, None, None, evidence.BERKAS_UNGGAH)


def catat(laporan_b: ZiBukti, *, tanggal: date | None, acara: str, peserta: str, notulen: str = "",
          notulen_berkas: FileStorage | None = None, undangan: FileStorage | None = None,
          daftar_hadir: FileStorage | None = None, foto: list[FileStorage] | None = None, user=None,
          today: date | None = None) -> ZiRapat:
    """Record a monev meeting of the report's period. Every file is checked before anything is written, so a
    refused photo leaves no meeting and no file behind."""
    if laporan_b.jenis != "laporan_otomatis" or not (laporan_b.kunci_sumber or "").startswith("zi."):
        raise DomainError("Rapat monev dilampirkan pada laporan monev yang dibuat sistem.", "tanggal")
    today = today or local_today()
    if tanggal is None:
        raise DomainError("Isi tanggal rapat.", "tanggal")
    if tanggal > today:
        raise DomainError("Tanggal rapat tidak boleh setelah hari ini: catat rapat yang sudah dilaksanakan.",
                          "tanggal")
    acara = evidence._teks(acara, "acara", N_("Acara rapat"), 300) or f"Rapat monitoring dan evaluasi ({laporan_b.judul})"[:300]
    peserta = evidence._teks(peserta, "peserta", N_("Peserta rapat"), MAX_TEKS, wajib=True)
    notulen = evidence._teks(notulen, "notulen", N_("Notulen"), MAX_TEKS)
    foto = [f for f in (foto or []) if f and f.filename]
    if len(foto) > MAX_FOTO:
        raise DomainError(N_("Paling banyak %(n)s foto rapat.", n=MAX_FOTO), "foto")
    files: list[tuple[str, str, storage.Clean]] = []
    for jenis, field_name, f in (("notulen", "notulen_berkas", notulen_berkas), ("undangan", "undangan", undangan),
                                 ("daftar_hadir", "daftar_hadir", daftar_hadir), *(("foto", "foto", f) for f in foto)):
        try:
            clean = _periksa(f)
        except DomainError as exc:
            raise DomainError(exc.message, field_name) from exc
        if clean is not None:
            files.append((jenis, field_name, clean))
    if not notulen and not any(j == "notulen" for j, _, _ in files):
        raise DomainError("Tuliskan notulen rapat atau unggah berkas notulennya.", "notulen")

    r = ZiRapat(laporan_id=laporan_b.id, tanggal=tanggal, acara=acara, peserta=peserta, notulen=notulen,
                dibuat_oleh_id=getattr(user, "id", None))
    db.session.add(r)
    db.session.flush()
    indikator = [t.indikator for t in laporan_b.tautan_indikator]
    judul = f"rapat monev {format_tanggal(tanggal)} ({laporan_b.judul})"

    def simpan(jenis: str, data: bytes, nama: str) -> None:
        b = evidence.tambah_bukti(judul=f"{BERKAS_RAPAT[jenis]} {judul}"[:300], jenis=jenis,
                                  periode_mulai=laporan_b.periode_mulai, periode_selesai=laporan_b.periode_selesai,
                                  user=user, data=data, nama_berkas=nama, indikator=indikator, tanggal=tanggal,
                                  keterangan=f"{acara}; lampiran laporan nomor {laporan_b.nomor}.")
        r.bukti.append(b)

    if notulen:
        simpan("notulen", dokumen.pdf(_notulen(r, laporan_b)), f"notulen-rapat-monev-{tanggal.isoformat()}.pdf")
    for jenis, _, clean in files:
        simpan(jenis, clean.data, clean.original_name)
    db.session.flush()
    audit.record("zi.rapat.catat", "zi_bukti", laporan_b.id,
                 {"rapat": r.id, "tanggal": tanggal.isoformat(), "bukti": [b.id for b in r.bukti]}, actor=user)
    return r


def _notulen(r: ZiRapat, laporan_b: ZiBukti) -> dokumen.Dokumen:
    peserta = [p.strip() for p in r.peserta.splitlines() if p.strip()]
    return dokumen.Dokumen("Notulen rapat monitoring dan evaluasi", laporan_b.judul, "", r.tanggal, [
        Bagian("Waktu dan acara", [Paragraf(f"{format_tanggal(r.tanggal)}: {r.acara}."),
                                   Paragraf(f"Membahas {laporan_b.judul} nomor {laporan_b.nomor}.")]),
        Bagian("Peserta", [Daftar(peserta, bernomor=True)]),
        Bagian("Hasil pembahasan", [Paragraf(p) for p in r.notulen.splitlines() if p.strip()]),
    ])


def rapat_laporan(laporan_ids: list[int]) -> list[ZiRapat]:
    if not laporan_ids:
        return []
    return list(db.session.scalars(select(ZiRapat).where(ZiRapat.laporan_id.in_(laporan_ids))
                                   .order_by(ZiRapat.tanggal, ZiRapat.id)))


def bukti_rapat(laporan: list[BuktiInfo], mulai: date, selesai: date, today: date | None = None) -> list[BuktiInfo]:
    """The meeting evidence of these reports (as the register sees it: a deleted file shows as missing)."""
    out = []
    for r in rapat_laporan([i.bukti.id for i in laporan]):
        out += [evidence.info(b, mulai, selesai, today) for b in r.bukti]
    return out
