"""Small read-only queries for the ZI evidence module (LKE "Penilaian kepuasan terhadap pelayanan").

They return plain dicts so `zi` never touches the survey tables directly.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import and_, func, select

from core.extensions import db
from skm.models import SkmPeriode, SkmRespon, SkmTindakLanjut

JAWABAN_TL = {"A": "seluruh", "B": "sebagian besar", "C": "sebagian kecil", "D": "belum"}


def jawaban_tindak_lanjut(selesai: int, total: int) -> tuple[str, str]:
    """(letter, words) for "hasil survei ditindaklanjuti": all / most (> 50 %) / few / none."""
    if total <= 0 or selesai <= 0:
        return "D", JAWABAN_TL["D"]
    if selesai >= total:
        return "A", JAWABAN_TL["A"]
    if selesai * 2 > total:
        return "B", JAWABAN_TL["B"]
    return "C", JAWABAN_TL["C"]


def _periods_of_year(tahun: int):
    return select(SkmPeriode).where(SkmPeriode.mulai >= date(tahun, 1, 1), SkmPeriode.mulai <= date(tahun, 12, 31))


def tindak_lanjut_tahun(tahun: int) -> dict:
    """Improvement actions of the year's survey periods: counts per status and the ZI answer."""
    ids = [p.id for p in db.session.scalars(_periods_of_year(tahun))]
    counts = dict(db.session.execute(select(SkmTindakLanjut.status, func.count())
                                     .where(SkmTindakLanjut.periode_id.in_(ids))
                                     .group_by(SkmTindakLanjut.status)).all()) if ids else {}
    total = sum(counts.values())
    selesai = int(counts.get("selesai", 0))
    letter, words = jawaban_tindak_lanjut(selesai, total)
    return {"tahun": tahun, "total": total, "selesai": selesai, "proses": int(counts.get("proses", 0)),
            "rencana": int(counts.get("rencana", 0)), "rasio": (selesai / total) if total else 0.0,
            "jawaban": letter, "jawaban_teks": words}


def survei_tahun(tahun: int) -> dict:
    """How many survey periods of the year have respondents (the LKE asks how often the SKM is held)."""
    periods = list(db.session.scalars(_periods_of_year(tahun).order_by(SkmPeriode.mulai)))
    out = []
    for p in periods:
        n = db.session.scalar(select(func.count(SkmRespon.id)).where(
            and_(SkmRespon.tanggal >= p.mulai, SkmRespon.tanggal <= p.selesai))) or 0
        out.append({"id": p.id, "nama": p.nama, "mulai": p.mulai, "selesai": p.selesai, "responden": int(n),
                    "publik": p.publik, "poster_dicetak": p.poster_dicetak_pada is not None})
    held = [p for p in out if p["responden"] > 0]
    return {"tahun": tahun, "jumlah_survei": len(held), "periode": out,
            "online": any(p["publik"] for p in held), "offline": any(p["poster_dicetak"] for p in held)}


def ringkasan_periode(periode_id: int) -> dict | None:
    """IKM, mutu and respondents of one period (all services), with the weight method stated."""
    from skm.service import hasil

    p = db.session.get(SkmPeriode, periode_id)
    if p is None:
        return None
    h = hasil(p)
    return {"periode": p.nama, "mulai": p.mulai, "selesai": p.selesai, **h.as_dict()}
