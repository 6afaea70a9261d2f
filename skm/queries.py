"""Small read-only queries for the ZI evidence module (LKE "Penilaian kepuasan terhadap pelayanan").

They return plain dicts so `zi` never touches the survey tables directly.
"""
from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import and_, func, select

from core.errors import N_
from core.extensions import db
from core.workdays import format_tanggal
from skm.calculator import UNSUR_KODE
from skm.models import SkmPeriode, SkmRespon, SkmTindakLanjut

JAWABAN_TL = {"A": N_("seluruh"), "B": N_("sebagian besar"), "C": N_("sebagian kecil"), "D": N_("belum")}


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
    """The follow-up of the year's survey rounds: the LKE answer over the unsur that needed action (as the ZI
    answer reads it), and the improvement actions per status, for the record."""
    ids = [p["id"] for p in survei_berbeda_tahun(tahun)["putaran"]]
    t = tindak_lanjut_unsur(ids)
    counts = dict(db.session.execute(select(SkmTindakLanjut.status, func.count())
                                     .where(SkmTindakLanjut.periode_id.in_(ids))
                                     .group_by(SkmTindakLanjut.status)).all()) if ids else {}
    return {"tahun": tahun, "total": t["perlu"], "selesai": t["selesai"],
            "rasio": (t["selesai"] / t["perlu"]) if t["perlu"] else 0.0, "jawaban": t["jawaban"],
            "jawaban_teks": t["jawaban_teks"], "rincian": t["rincian"],
            "rencana_total": sum(counts.values()), "rencana_selesai": int(counts.get("selesai", 0)),
            "proses": int(counts.get("proses", 0)), "rencana": int(counts.get("rencana", 0))}


def _periode_info(p: SkmPeriode) -> dict:
    from skm.service import ukuran_sampel

    n = int(db.session.scalar(select(func.count(SkmRespon.id)).where(
        and_(SkmRespon.tanggal >= p.mulai, SkmRespon.tanggal <= p.selesai))) or 0)
    minimal = ukuran_sampel(p, None, n).minimal
    return {"id": p.id, "nama": p.nama, "mulai": p.mulai, "selesai": p.selesai, "responden": n,
            "sampel_minimal": minimal, "cukup": n > 0 and (minimal is None or n >= minimal),
            "publik": p.publik, "poster_dicetak": p.poster_dicetak_pada is not None}


def _putaran(periods: list[dict]) -> dict:
    """Distinct rounds (DOMAIN.md §4): periods with enough responses that do not overlap; a semester holding two
    counted quarters is not another round. The most rounds that can be told apart are kept (earliest end
    first), and every period gets the reason it counts or not (`status`, `dengan`)."""
    rounds: list[dict] = []
    for p in sorted((p for p in periods if p["cukup"]), key=lambda p: (p["selesai"], p["mulai"])):
        if not rounds or p["mulai"] > rounds[-1]["selesai"]:
            rounds.append(p)
    out = []
    for p in periods:
        dengan = next((r["nama"] for r in rounds if r is not p and r["mulai"] <= p["selesai"]
                       and p["mulai"] <= r["selesai"]), None)
        status = ("dihitung" if p in rounds else "tumpang_tindih" if p["cukup"]
                  else "kurang" if p["responden"] else "kosong")
        out.append({**p, "status": status, "dengan": dengan})
    return {"putaran": [p for p in out if p["status"] == "dihitung"],
            "tumpang_tindih": [p for p in out if p["status"] == "tumpang_tindih"],
            "kurang_responden": [p for p in out if p["status"] == "kurang"], "periode": out}


def keterangan_putaran(p: dict) -> str:
    """Why a period counts as a survey round or not, in the LKE's words."""
    if p["status"] == "dihitung":
        return (f"Dihitung: {p['nama']} ({format_tanggal(p['mulai'])} – {format_tanggal(p['selesai'])}, "
                f"{p['responden']} responden)")
    if p["status"] == "tumpang_tindih":
        return f"Tidak dihitung: {p['nama']} — tumpang tindih dengan {p['dengan']}"
    if p["status"] == "kurang":
        return (f"Tidak dihitung: {p['nama']} — {p['responden']} responden, sampel minimal {p['sampel_minimal']} "
                "(Krejcie & Morgan) belum tercapai")
    return f"Tidak dihitung: {p['nama']} — belum ada responden"


def survei_tahun(tahun: int) -> dict:
    """The year's survey periods, each with its respondents and whether it counts as a round; `jumlah_survei`
    is the number of distinct rounds (the LKE asks how often the SKM is held), never the number of periods."""
    r = _putaran([_periode_info(p) for p in db.session.scalars(_periods_of_year(tahun).order_by(SkmPeriode.mulai))])
    held = [p for p in r["periode"] if p["responden"] > 0]
    return {"tahun": tahun, "jumlah_survei": len(r["putaran"]), "periode": r["periode"],
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
    """The year's distinct survey rounds (DOMAIN.md §4): periods with enough responses (the Krejcie & Morgan
    sample where the services' population is known) that do not overlap. `keterangan` says, period by period,
    what was counted and why the others were not."""
    r = _putaran(survei_tahun(tahun)["periode"])
    keterangan = [keterangan_putaran(p) for p in r["periode"]]
    unchecked = [p["nama"] for p in r["putaran"] if p["sampel_minimal"] is None]
    if unchecked:
        keterangan.append(f"Kecukupan sampel {', '.join(unchecked)} tidak diperiksa: populasi layanan belum diisi.")
    return {"tahun": tahun, "jumlah": len(r["putaran"]), "putaran": r["putaran"], "tumpang_tindih": r["tumpang_tindih"],
            "kurang_responden": r["kurang_responden"], "periode": r["periode"], "keterangan": keterangan}


def unsur_perlu_tindak_lanjut(h, target: Decimal | None) -> tuple[list[str], list[str]]:
    """(the three lowest, those below the office's target) of a result: the unsur that need improvement actions.
    The target is on the konversi scale, compared at two decimals like the mutu."""
    if not h.ada_data:
        return [], []
    lowest = [u.kode for u in h.terendah(3)]
    below = [] if target is None else [u.kode for u in h.unsur if _dua_desimal(u.nrr * 25) < target]
    return lowest, below


def tindak_lanjut_unsur(periode_ids: list[int]) -> dict:
    """For the LKE follow-up answer: per period, the unsur that needed action (the three lowest, and any below
    the office's target) and those whose actions are all done; the answer is the share of those unsur, not of
    the actions. Actions on other unsur are listed (`lain`) but do not count."""
    from skm.service import hasil

    rincian, perlu, selesai = [], 0, 0
    for pid in periode_ids:
        p = db.session.get(SkmPeriode, pid)
        if p is None:
            continue
        lowest, below = unsur_perlu_tindak_lanjut(hasil(p), p.target_unsur)
        needed = set(lowest) | set(below)
        per_unsur: dict[str, list[str]] = {}
        for unsur, status in db.session.execute(select(SkmTindakLanjut.unsur, SkmTindakLanjut.status)
                                                .where(SkmTindakLanjut.periode_id == pid)).all():
            per_unsur.setdefault(unsur, []).append(status)
        done = {u for u in needed if per_unsur.get(u) and all(s == "selesai" for s in per_unsur[u])}
        rincian.append({"periode_id": pid, "periode": p.nama, "perlu": _urut(needed), "selesai": _urut(done),
                        "terendah": lowest, "di_bawah_target": below, "target": p.target_unsur,
                        "tanpa_rencana": _urut(needed - set(per_unsur)), "lain": _urut(set(per_unsur) - needed)})
        perlu += len(needed)
        selesai += len(done)
    letter, words = jawaban_tindak_lanjut(selesai, perlu)
    return {"perlu": perlu, "selesai": selesai, "jawaban": letter, "jawaban_teks": words, "rincian": rincian}


def _urut(codes) -> list[str]:
    return sorted(codes, key=UNSUR_KODE.index)


def _dua_desimal(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


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


# --- for the ZI review of the service standards and the transparency page (appended by the ZI work) -------------

def results_per_service(mulai: date, selesai: date) -> dict:
    """SKM results over [mulai, selesai] (1/9 weights), for all services together and per service: respondents,
    IKM konversi, mutu, and the three weakest unsur — the inputs the LKE names for reviewing the standards."""
    from types import SimpleNamespace

    from skm.calculator import angka
    from skm.service import hasil, hasil_per_layanan

    rentang = SimpleNamespace(mulai=mulai, selesai=selesai, metode_bobot="1/9")  # read like a period

    def one(h) -> dict:
        return {"responden": h.responden, "ikm_konversi": h.konversi_tampil if h.ada_data else None,
                "mutu": h.mutu, "kinerja": h.kinerja,
                "terendah": [f"{u.kode} {u.nama} ({angka(u.nrr, 2)})" for u in h.terendah(3)] if h.ada_data else []}

    return {"semua": one(hasil(rentang)),
            "layanan": [{"kode": lay.kode, "nama": lay.nama, "unit_id": lay.unit_id, "unit": lay.unit.nama, **one(h)}
                        for lay, h in hasil_per_layanan(rentang)]}
