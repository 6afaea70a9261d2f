"""Read-only queries: the UPG's register, recaps per period, and small functions the ZI evidence register
can call (counts per status/period, timeliness, campaign activities). They return plain dicts/dataclasses
and read only unencrypted columns, so a recap never decrypts personal data.
"""
from __future__ import annotations

from collections import Counter as Tally
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import defer

from core.attachments import attachments_of
from core.calendar import add_workdays, workdays_between
from core.errors import N_
from core.extensions import db
from core.workdays import local_today
from gratifikasi import rules
from gratifikasi.models import (MEDIA_KAMPANYE, OPEN_STATUSES, PENETAPAN, STATUS, KegiatanKampanye,
                                LaporanGratifikasi)

BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember"]


@dataclass(frozen=True)
class Periode:
    awal: date
    akhir: date
    label: str


def periode(jenis: str, tahun: int, ke: int = 1) -> Periode:
    """jenis: bulan (ke 1–12), triwulan (ke 1–4), semester (ke 1–2) or tahun."""
    if not 2000 <= tahun <= 2100:
        raise ValueError("tahun di luar jangkauan")
    if jenis == "bulan" and 1 <= ke <= 12:
        awal = date(tahun, ke, 1)
        akhir = (date(tahun + (ke == 12), ke % 12 + 1, 1)) - timedelta(days=1)
        return Periode(awal, akhir, f"{BULAN[ke - 1]} {tahun}")
    if jenis == "triwulan" and 1 <= ke <= 4:
        awal = date(tahun, 3 * ke - 2, 1)
        akhir = date(tahun + (ke == 4), (3 * ke) % 12 + 1, 1) - timedelta(days=1)
        return Periode(awal, akhir, f"Triwulan {'I II III IV'.split()[ke - 1]} {tahun}")
    if jenis == "semester" and 1 <= ke <= 2:
        awal = date(tahun, 6 * ke - 5, 1)
        akhir = date(tahun, 6, 30) if ke == 1 else date(tahun, 12, 31)
        return Periode(awal, akhir, f"Semester {'I' if ke == 1 else 'II'} {tahun}")
    if jenis == "tahun":
        return Periode(date(tahun, 1, 1), date(tahun, 12, 31), f"Tahun {tahun}")
    raise ValueError("jenis periode tidak dikenal")


# --- register -------------------------------------------------------------------------------------

def tandai_tenggat(lap: LaporanGratifikasi, today: date | None = None) -> str:
    """'lewat' / 'dekat' / '' for the UPG's next deadline (forwarding to KPK, or KPK's completion)."""
    deadline = lap.tenggat_berikut
    if deadline is None:
        return ""
    today = today or local_today()
    if today > deadline:
        return "lewat"
    if workdays_between(today, deadline) <= rules.hari_kerja().hampir:
        return "dekat"
    return ""


def register(*, status: str = "", jenis: str = "", tahun: int | None = None, unit_id: int | None = None,
             tenggat: str = "", nomor: str = "", limit: int = 50, offset: int = 0,
             today: date | None = None, with_pii: bool = False) -> tuple[list[LaporanGratifikasi], int]:
    """The UPG's buku register, filtered, newest first; returns (page, total).

    The encrypted personal columns are loaded (and decrypted) only when asked: the list page shows none.
    """
    today = today or local_today()
    q = select(LaporanGratifikasi)
    if not with_pii:
        q = q.options(defer(LaporanGratifikasi.pelapor_nama), defer(LaporanGratifikasi.identitas_nomor),
                      defer(LaporanGratifikasi.pelapor_telepon), defer(LaporanGratifikasi.pelapor_email),
                      defer(LaporanGratifikasi.pelapor_alamat), defer(LaporanGratifikasi.pemberi_nama),
                      defer(LaporanGratifikasi.pemberi_alamat), defer(LaporanGratifikasi.kronologi),
                      defer(LaporanGratifikasi.uraian))
    if status in STATUS:
        q = q.where(LaporanGratifikasi.status == status)
    elif status == "terbuka":
        q = q.where(LaporanGratifikasi.status.in_(OPEN_STATUSES))
    if jenis in rules.JENIS:
        q = q.where(LaporanGratifikasi.jenis == jenis)
    if tahun:
        q = q.where(LaporanGratifikasi.tahun == tahun)
    if unit_id:
        q = q.where(LaporanGratifikasi.unit_id == unit_id)
    if nomor:
        q = q.where(LaporanGratifikasi.nomor.contains(nomor.strip().upper()[:20], autoescape=True))
    berikut = LaporanGratifikasi.tenggat_berikut
    if tenggat == "lewat":
        q = q.where(berikut < today)
    elif tenggat == "dekat":
        q = q.where(berikut >= today, berikut <= add_workdays(today, rules.hari_kerja().hampir))
    total = db.session.scalar(select(func.count()).select_from(q.subquery())) or 0
    order = [LaporanGratifikasi.id.desc()]
    if tenggat:
        order = [berikut, LaporanGratifikasi.id]
    rows = list(db.session.scalars(q.order_by(*order).limit(limit).offset(offset)))
    return rows, total


# --- recaps ---------------------------------------------------------------------------------------

_DAFTAR_COLUMNS = (LaporanGratifikasi.id, LaporanGratifikasi.nomor, LaporanGratifikasi.tanggal_lapor,
                   LaporanGratifikasi.jenis, LaporanGratifikasi.bentuk, LaporanGratifikasi.nilai,
                   LaporanGratifikasi.status, LaporanGratifikasi.penetapan)


def _in_period(q, awal: date, akhir: date):
    return q.where(LaporanGratifikasi.tanggal_lapor >= awal, LaporanGratifikasi.tanggal_lapor <= akhir)


def _groups(awal: date, akhir: date, today: date):
    """The reports received in [awal, akhir] counted in the database by everything a recap tells apart, with
    the two date comparisons its timeliness needs: a year of reports comes back as a few dozen groups, not as
    one row per report. Each group has `n` reports and `nilai`, the sum of their values."""
    lap = LaporanGratifikasi
    keys = (lap.jenis, lap.status, lap.bentuk, lap.acara, lap.unit_nama, lap.penetapan, lap.terlambat_upg,
            lap.terlambat_kpk, lap.tanggal_teruskan.is_not(None).label("diteruskan"),
            (lap.tanggal_teruskan <= lap.tenggat_teruskan).label("diteruskan_tepat"),
            (lap.tenggat_teruskan < today).label("lewat_tenggat"))
    q = _in_period(select(*keys, func.count().label("n"), func.sum(lap.nilai).label("nilai")), awal, akhir)
    return db.session.execute(q.group_by(*keys)).all()


def ketepatan_waktu(awal: date, akhir: date, today: date | None = None) -> dict:
    """Timeliness of the reports received by the UPG in [awal, akhir] (nil reports have no deadline)."""
    groups = _groups(awal, akhir, today or local_today())
    return _timeliness([g for g in groups if g.jenis != "nihil"])


def _timeliness(groups) -> dict:
    out = {"jumlah": 0, "pelapor_tepat_waktu": 0, "pelapor_terlambat_upg": 0, "pelapor_terlambat_kpk": 0,
           "upg_tepat_waktu": 0, "upg_terlambat": 0, "belum_diteruskan_dalam_tenggat": 0,
           "belum_diteruskan_lewat_tenggat": 0}
    for g in groups:
        out["jumlah"] += g.n
        if g.jenis != "penerimaan":
            pass  # a refusal has no deadline the reporter can miss; only its forwarding counts
        elif g.terlambat_kpk:
            out["pelapor_terlambat_kpk"] += g.n
        elif g.terlambat_upg:
            out["pelapor_terlambat_upg"] += g.n
        else:
            out["pelapor_tepat_waktu"] += g.n
        if g.diteruskan:
            out["upg_tepat_waktu" if g.diteruskan_tepat else "upg_terlambat"] += g.n
        elif g.status in OPEN_STATUSES:
            out["belum_diteruskan_lewat_tenggat" if g.lewat_tenggat else "belum_diteruskan_dalam_tenggat"] += g.n
    sent = out["upg_tepat_waktu"] + out["upg_terlambat"]
    out["persen_upg_tepat_waktu"] = round(100 * out["upg_tepat_waktu"] / sent, 1) if sent else None
    return out


def rekap(awal: date, akhir: date, today: date | None = None, *, daftar: bool = True) -> dict:
    """Counts by kind, form, unit, outcome and status, values, and timeliness for one period; with `daftar`,
    also the list of its reports (`laporan`, oldest first) that the periodic report prints."""
    today = today or local_today()
    groups = _groups(awal, akhir, today)
    pelaporan = [g for g in groups if g.jenis != "nihil"]

    def grouped(key, labels=None):
        tally: dict[str, list[int]] = {}
        for g in pelaporan:
            entry = tally.setdefault(key(g) or "-", [0, 0])
            entry[0] += g.n
            entry[1] += int(g.nilai or 0)
        return [{"kunci": k, "label": (labels or {}).get(k, k), "jumlah": n, "nilai": v}
                for k, (n, v) in sorted(tally.items(), key=lambda kv: (-kv[1][0], kv[0]))]

    def total(of, jenis=None):
        return sum(int(of(g) or 0) for g in groups if jenis is None or g.jenis == jenis)

    per_status = Tally()
    for g in groups:
        per_status[g.status] += g.n
    out = {
        "awal": awal, "akhir": akhir, "jumlah": total(lambda g: g.n),
        "per_jenis": {k: total(lambda g: g.n, k) for k in rules.JENIS},
        "nilai_penerimaan": total(lambda g: g.nilai, "penerimaan"),
        "nilai_penolakan": total(lambda g: g.nilai, "penolakan"),
        "per_bentuk": grouped(lambda g: g.bentuk, rules.BENTUK),
        "per_acara": grouped(lambda g: g.acara, rules.ACARA),
        "per_unit": grouped(lambda g: g.unit_nama),
        "per_penetapan": grouped(lambda g: g.penetapan or "belum", {**PENETAPAN, "belum": N_("Belum ditetapkan")}),
        "per_status": dict(per_status),
        "ketepatan": _timeliness(pelaporan),
    }
    if daftar:
        q = _in_period(select(*_DAFTAR_COLUMNS), awal, akhir).order_by(LaporanGratifikasi.id)
        out["laporan"] = [dict(r._mapping) for r in db.session.execute(q)]
    return out


def jumlah_per_status(tahun: int | None = None) -> dict[str, int]:
    """For the ZI register: number of reports per status (all statuses listed, zeros included)."""
    q = select(LaporanGratifikasi.status, func.count()).group_by(LaporanGratifikasi.status)
    if tahun:
        q = q.where(LaporanGratifikasi.tahun == tahun)
    found = dict(db.session.execute(q).all())
    return {s: found.get(s, 0) for s in STATUS}


def jumlah_per_periode(tahun: int, jenis: str = "bulan") -> list[dict]:
    """For the ZI register: reports received per month or quarter of a year, by kind."""
    parts = 12 if jenis == "bulan" else 4
    out = []
    for ke in range(1, parts + 1):
        p = periode(jenis, tahun, ke)
        q = (select(LaporanGratifikasi.jenis, func.count())
             .where(LaporanGratifikasi.tanggal_lapor >= p.awal, LaporanGratifikasi.tanggal_lapor <= p.akhir)
             .group_by(LaporanGratifikasi.jenis))
        counts = dict(db.session.execute(q).all())
        out.append({"periode": p.label, "awal": p.awal, "akhir": p.akhir,
                    **{k: counts.get(k, 0) for k in rules.JENIS}})
    return out


def kegiatan_kampanye(awal: date | None = None, akhir: date | None = None, media: str | None = None) -> list[dict]:
    """Campaign activities with their photo evidence (attachment ids), for the ZI evidence register."""
    q = select(KegiatanKampanye)
    if awal:
        q = q.where(KegiatanKampanye.tanggal >= awal)
    if akhir:
        q = q.where(KegiatanKampanye.tanggal <= akhir)
    if media:
        q = q.where(KegiatanKampanye.media == media)
    out = []
    for k in db.session.scalars(q.order_by(KegiatanKampanye.tanggal.desc(), KegiatanKampanye.id.desc())):
        out.append({"id": k.id, "tanggal": k.tanggal, "media": k.media, "media_label": MEDIA_KAMPANYE.get(k.media, k.media),
                    "judul": k.judul, "uraian": k.uraian, "tautan": k.tautan, "peserta": k.peserta,
                    "bukti": [{"attachment_id": a.id, "nama": a.original_name, "jenis": a.content_type}
                              for a in attachments_of("gratifikasi_kampanye", k.id)]})
    return out


def ringkasan_upg(tahun: int, today: date | None = None) -> dict:
    """One-look summary for the LKE item "Pengendalian gratifikasi": reports, forwarding, campaign."""
    p = periode("tahun", tahun)
    r = rekap(p.awal, p.akhir, today, daftar=False)
    media = Tally(k["media"] for k in kegiatan_kampanye(p.awal, p.akhir))
    return {"tahun": tahun, "jumlah_laporan": r["jumlah"], "per_jenis": r["per_jenis"],
            "diteruskan_ke_kpk": r["ketepatan"]["upg_tepat_waktu"] + r["ketepatan"]["upg_terlambat"],
            "ketepatan": r["ketepatan"], "kegiatan_kampanye": sum(media.values()), "kampanye_per_media": dict(media)}


def dashboard_counts(today: date | None = None) -> dict[str, int]:
    today = today or local_today()
    open_q = select(func.count()).where(LaporanGratifikasi.status.in_(OPEN_STATUSES))
    overdue = open_q.where(LaporanGratifikasi.tenggat_teruskan < today)
    return {"terbuka": db.session.scalar(open_q) or 0, "lewat": db.session.scalar(overdue) or 0}


def mendekati_tenggat(today: date | None = None) -> list[LaporanGratifikasi]:
    """Reports whose next UPG deadline is past or within the "near" window (for the reminder), soonest first."""
    rows, _total = register(tenggat="dekat", limit=10_000, today=today)
    late, _total = register(tenggat="lewat", limit=10_000, today=today)
    return late + rows


def laporan_milik(user_id: int) -> list[LaporanGratifikasi]:
    """An officer's own reports (filed while logged in)."""
    return list(db.session.scalars(select(LaporanGratifikasi).where(LaporanGratifikasi.pelapor_user_id == user_id)
                                   .order_by(LaporanGratifikasi.id.desc())))


__all__ = ["periode", "register", "rekap", "ketepatan_waktu", "jumlah_per_status", "jumlah_per_periode",
           "kegiatan_kampanye", "ringkasan_upg", "dashboard_counts", "tandai_tenggat",
           "mendekati_tenggat", "laporan_milik"]


def labels() -> dict[str, dict[str, str]]:
    """For the ZI report (appended by the ZI work): the words printed for kinds and statuses."""
    return {"jenis": dict(rules.JENIS), "status": dict(STATUS)}
