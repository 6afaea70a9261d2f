"""Recommendations of monev / evaluation reports as tracked actions: owner unit, deadline, status, evidence.

The LKE's "hasil monev telah ditindaklanjuti" answers are the share of these that are done (zi.answers).
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from core import audit
from core.errors import N_, DomainError
from core.extensions import db
from core.forms import clean_text
from core.models import Unit
from core.workdays import local_today
from zi.models import STATUS_TINDAK_LANJUT, ZiBukti, ZiTindakLanjut

MAX_TEKS = 5000


def buat(*, tahun: int, rekomendasi: str, unit_id: int, tenggat: date, indikator_kode: str = "",
         sumber: ZiBukti | None = None, user=None) -> ZiTindakLanjut:
    rekomendasi = clean_text(rekomendasi or "")
    if not rekomendasi:
        raise DomainError("Tuliskan rekomendasi yang harus ditindaklanjuti.", "rekomendasi")
    if len(rekomendasi) > MAX_TEKS:
        raise DomainError(N_("Rekomendasi terlalu panjang (maksimal %(n)s karakter).", n=MAX_TEKS), "rekomendasi")
    unit = db.session.get(Unit, unit_id) if unit_id else None
    if unit is None or not unit.aktif:
        raise DomainError("Pilih unit penanggung jawab tindak lanjut.", "unit_id")
    if tenggat is None:
        raise DomainError("Isi tenggat tindak lanjut.", "tenggat")
    tl = ZiTindakLanjut(tahun=tahun, rekomendasi=rekomendasi, unit_id=unit.id, tenggat=tenggat,
                        indikator_kode=indikator_kode, sumber_bukti_id=getattr(sumber, "id", None),
                        dibuat_oleh_id=getattr(user, "id", None))
    db.session.add(tl)
    db.session.flush()
    audit.record("zi.tindak_lanjut.buat", "zi_tindak_lanjut", tl.id,
                 {"unit": unit.kode, "tenggat": tenggat.isoformat(), "indikator": indikator_kode}, actor=user)
    return tl


def ubah_status(tl: ZiTindakLanjut, status: str, *, hasil: str = "", bukti: list[ZiBukti] | None = None,
                user=None, today: date | None = None) -> None:
    """Move an action along rencana → proses → selesai; 'selesai' needs what was done (and may carry evidence)."""
    if status not in STATUS_TINDAK_LANJUT:
        raise DomainError("Status tindak lanjut tidak dikenal.", "status")
    hasil = clean_text(hasil or "")[:MAX_TEKS]
    if status == "selesai" and not (hasil or tl.hasil):
        raise DomainError("Tuliskan hasil tindak lanjut sebelum menandainya selesai.", "hasil")
    before = tl.status
    tl.status = status
    if hasil:
        tl.hasil = hasil
    tl.selesai_pada = (today or local_today()) if status == "selesai" else None
    for b in bukti or []:
        if b not in tl.bukti:
            tl.bukti.append(b)
    db.session.flush()
    audit.record("zi.tindak_lanjut.status", "zi_tindak_lanjut", tl.id, {"dari": before, "ke": status}, actor=user)


def dari_sumber(tahun: int, indikator_kode: str) -> list[ZiTindakLanjut]:
    """The actions of one pertanyaan's recommendations in a year (e.g. PW.P3.d: from complaint monev)."""
    return list(db.session.scalars(select(ZiTindakLanjut).where(ZiTindakLanjut.tahun == tahun,
                                                                ZiTindakLanjut.indikator_kode == indikator_kode)
                                   .order_by(ZiTindakLanjut.tenggat, ZiTindakLanjut.id)))
