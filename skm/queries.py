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


# --- for the ZI answers --------------------------------------------------------------------------------------

def survei_berbeda_tahun(tahun: int) -> dict:
    """The year's distinct survey rounds (DOMAIN.md §4): periods with respondents that do not overlap; a
    semester containing two counted quarters is not another round. The most rounds that can be told apart
    are kept (earliest end first)."""
    periods = [p for p in survei_tahun(tahun)["periode"] if p["responden"] > 0]
    rounds, last_end = [], None
    for p in sorted(periods, key=lambda p: (p["selesai"], p["mulai"])):
        if last_end is None or p["mulai"] > last_end:
            rounds.append(p)
            last_end = p["selesai"]
    return {"tahun": tahun, "jumlah": len(rounds), "putaran": rounds,
            "tumpang_tindih": [p for p in periods if p not in rounds]}


def tindak_lanjut_unsur(periode_ids: list[int]) -> dict:
    """For the LKE follow-up answer: per period, the unsur that needed action (the three lowest, and any the
    office planned actions for) and those whose actions are all done; the answer is the share of those unsur,
    not of the actions."""
    from skm.service import hasil

    rincian, perlu, selesai = [], 0, 0
    for pid in periode_ids:
        p = db.session.get(SkmPeriode, pid)
        if p is None:
            continue
        h = hasil(p)
        needed = {u.kode for u in h.terendah(3)} if h.ada_data else set()
        per_unsur: dict[str, list[str]] = {}
        for unsur, status in db.session.execute(select(SkmTindakLanjut.unsur, SkmTindakLanjut.status)
                                                .where(SkmTindakLanjut.periode_id == pid)).all():
            per_unsur.setdefault(unsur, []).append(status)
        needed |= set(per_unsur)
        done = {u for u in needed if per_unsur.get(u) and all(s == "selesai" for s in per_unsur[u])}
        rincian.append({"periode_id": pid, "periode": p.nama, "perlu": sorted(needed), "selesai": sorted(done)})
        perlu += len(needed)
        selesai += len(done)
    letter, words = jawaban_tindak_lanjut(selesai, perlu)
    return {"perlu": perlu, "selesai": selesai, "jawaban": letter, "jawaban_teks": words, "rincian": rincian}


def persepsi_tahun(tahun: int) -> dict:
    """IPAK and IPKP of the internal perception survey over the calendar year (a prediction of the hasil)."""
    from types import SimpleNamespace

    from skm.service import hasil_persepsi

    rentang = SimpleNamespace(mulai=date(tahun, 1, 1), selesai=date(tahun, 12, 31))  # read like a period
    out = {}
    for jenis in ("ipak", "ipkp"):
        h = hasil_persepsi(jenis, rentang)
        out[jenis] = {"indeks": h.indeks, "responden": h.responden, "nilai_lke": h.nilai_lke}
    return out
