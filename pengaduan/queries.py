"""Read-only queries: the officers' queue (keyset pagination on (batas, id)) and small figures that the
dashboard and a future ZI evidence module can call. Results are plain dicts and dataclasses."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, func, select, tuple_
from sqlalchemy.orm import joinedload

from core.extensions import db
from core.workdays import local_today, to_local
from pengaduan.models import JumlahStatus, Pengaduan
from pengaduan.workflow import OPEN, STATUSES, WAITING_FOR_REPORTER

PAGE = 50


@dataclass
class QueueFilter:
    status: str = "terbuka"  # a status, "terbuka" (every open one), "terlambat" (overdue), or "semua"
    jenis: str = ""
    kategori: str = ""
    unit_id: int | None = None
    kanal: str = ""
    q: str = ""  # ticket number, or words in the title

    def args(self) -> dict:
        return {k: v for k, v in (("status", self.status), ("jenis", self.jenis), ("kategori", self.kategori),
                                  ("unit", self.unit_id), ("kanal", self.kanal), ("q", self.q)) if v}


@dataclass
class QueuePage:
    rows: list[Pengaduan]
    next_after: tuple[date, int] | None
    counts: dict[str, int] = field(default_factory=dict)


def _where(f: QueueFilter, only_unit: int | None, today: date) -> list:
    cond = []
    if f.status == "terbuka":
        cond.append(Pengaduan.terbuka.is_(True))
    elif f.status == "terlambat":
        cond += [Pengaduan.terbuka.is_(True), Pengaduan.batas < today,
                 Pengaduan.status.not_in(WAITING_FOR_REPORTER)]
    elif f.status in STATUSES:
        cond.append(Pengaduan.status == f.status)
    for column, value in ((Pengaduan.jenis, f.jenis), (Pengaduan.kategori, f.kategori), (Pengaduan.kanal, f.kanal)):
        if value:
            cond.append(column == value)
    if f.unit_id:
        cond.append(Pengaduan.unit_id == f.unit_id)
    if only_unit is not None:
        cond.append(Pengaduan.unit_id == only_unit)
    q = f.q.strip()
    if q:
        if q.upper().startswith("PGD-"):
            cond.append(Pengaduan.tiket == q.upper())
        else:
            like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            cond.append(func.lower(Pengaduan.judul).like(like.lower(), escape="\\"))
    return cond


def queue_statement(f: QueueFilter, *, after: tuple[date, int] | None = None, only_unit: int | None = None,
                    limit: int = PAGE, today: date | None = None):
    """The SELECT of one queue page (one more row than shown: whether a next page exists)."""
    q = select(Pengaduan).where(*_where(f, only_unit, today or local_today()))
    if after is not None:
        q = q.where(tuple_(Pengaduan.batas, Pengaduan.id) > tuple_(after[0], after[1]))
    return q.options(joinedload(Pengaduan.unit)).order_by(Pengaduan.batas, Pengaduan.id).limit(limit + 1)


def queue(f: QueueFilter, *, after: tuple[date, int] | None = None, only_unit: int | None = None,
          limit: int = PAGE, today: date | None = None) -> QueuePage:
    """One page of the queue sorted by deadline then id; `after` is the last (batas, id) seen."""
    rows = list(db.session.scalars(queue_statement(f, after=after, only_unit=only_unit, limit=limit, today=today)))
    more = len(rows) > limit
    rows = rows[:limit]
    return QueuePage(rows=rows, next_after=(rows[-1].batas, rows[-1].id) if more else None)


def counts_by_status(only_unit: int | None = None) -> dict[str, int]:
    """From the counts kept with every change (pengaduan_jumlah), not from a scan of the complaints."""
    q = select(JumlahStatus.status, func.sum(JumlahStatus.jumlah)).group_by(JumlahStatus.status)
    if only_unit is not None:
        q = q.where(JumlahStatus.unit_id == only_unit)
    got = dict(db.session.execute(q).all())
    return {s: int(got.get(s) or 0) for s in STATUSES}


def open_counts(only_unit: int | None = None, today: date | None = None) -> dict[str, int]:
    """Open cases, and overdue ones (the office's clock only: read from the (terbuka, status, batas) index)."""
    today = today or local_today()
    counts = counts_by_status(only_unit)
    cond = [Pengaduan.terbuka.is_(True), Pengaduan.batas < today, Pengaduan.status.not_in(WAITING_FOR_REPORTER)]
    if only_unit is not None:
        cond.append(Pengaduan.unit_id == only_unit)
    terlambat = db.session.scalar(select(func.count()).select_from(Pengaduan).where(*cond)) or 0
    return {"terbuka": sum(counts[s] for s in OPEN), "terlambat": int(terlambat)}


# --- for the ZI evidence module ---------------------------------------------------------------------------

def counts_per_period(start: date, end: date) -> dict:
    """Complaints received in [start, end]: totals per status, per type and per channel."""
    period = and_(Pengaduan.tanggal_diterima >= start, Pengaduan.tanggal_diterima <= end)

    def grouped(column):
        return {k: int(v) for k, v in db.session.execute(
            select(column, func.count()).where(period).group_by(column)).all()}

    per_status = grouped(Pengaduan.status)
    return {"mulai": start, "sampai": end, "jumlah": sum(per_status.values()), "per_status": per_status,
            "per_jenis": grouped(Pengaduan.jenis), "per_kanal": grouped(Pengaduan.kanal)}


def follow_up_ratio(start: date, end: date) -> dict:
    """LKE reform item: selesai ÷ harus ditindaklanjuti (rejected and archived ones are not owed), with the
    cases still in progress."""
    period = and_(Pengaduan.tanggal_diterima >= start, Pengaduan.tanggal_diterima <= end)
    per_status = dict(db.session.execute(select(Pengaduan.status, func.count()).where(period)
                                         .group_by(Pengaduan.status)).all())
    selesai = int(per_status.get("selesai", 0)) + int(per_status.get("dijawab", 0))
    proses = sum(int(per_status.get(s, 0)) for s in OPEN if s != "dijawab")
    owed = selesai + proses
    return {"selesai": selesai, "sedang_diproses": proses, "harus_ditindaklanjuti": owed,
            "persen": round(100 * selesai / owed, 2) if owed else None}


def timeliness(start: date, end: date) -> dict:
    """Answered cases in the period, and how many were answered by their resolution deadline."""
    period = and_(Pengaduan.tanggal_diterima >= start, Pengaduan.tanggal_diterima <= end,
                  Pengaduan.dijawab_at.is_not(None))
    rows = db.session.execute(select(Pengaduan.dijawab_at, Pengaduan.batas_selesai).where(period)).all()

    on_time = sum(1 for at, due in rows if due is None or to_local(at).date() <= due)
    return {"dijawab": len(rows), "tepat_waktu": on_time,
            "persen_tepat_waktu": round(100 * on_time / len(rows), 2) if rows else None}


def ratings(start: date, end: date) -> dict:
    period = and_(Pengaduan.tanggal_diterima >= start, Pengaduan.tanggal_diterima <= end,
                  Pengaduan.penilaian.is_not(None))
    n, avg = db.session.execute(select(func.count(), func.avg(Pengaduan.penilaian)).where(period)).one()
    return {"jumlah_penilaian": int(n), "rata_rata": round(float(avg), 2) if avg is not None else None}



# --- for the ZI answers (DOMAIN.md §6) ----------------------------------------------------------------------

# not this office's to settle: forwarded elsewhere (the status the corrections work adds), so not owed here
NOT_OWED = ("dialihkan",)
# the actions that archive a complaint: the latest one says why it is archived
ARCHIVING = ("arsipkan", "tutup_otomatis", "tandai_duplikat", "pindah_wbs")
# the officer's first word to the reporter after receipt
FIRST_RESPONSE = ("verifikasi", "minta_lengkapi", "tolak", "jawab")
OFFLINE_CHANNELS = ("langsung", "kotak", "surat", "telepon")


def lke_figures(start: date, end: date, today: date | None = None) -> dict:
    """The LKE's complaint figures for complaints registered in [start, end]: *harus ditindaklanjuti* = all,
    less those dialihkan and those moved to WBS (handled there); *selesai* = closed after the answer, and a
    reasoned ditolak told to the reporter; *sedang diproses* = still open (an answered case waiting for the
    reporter included); a case archived because the reporter never completed it stays owed and is counted
    apart; a case the officer marked as a duplicate of another (tandai_duplikat) is not owed."""
    from pengaduan.models import NotaDinasPengaduan, Riwayat

    today = today or local_today()
    period = and_(Pengaduan.tanggal_diterima >= start, Pengaduan.tanggal_diterima <= end)
    rows = db.session.execute(select(Pengaduan.status, Pengaduan.dipindah_wbs, func.count())
                              .where(period).group_by(Pengaduan.status, Pengaduan.dipindah_wbs)).all()
    per_status: dict[str, int] = {}
    ke_wbs = 0
    for status, moved, n in rows:
        if moved:
            ke_wbs += int(n)
        else:
            per_status[status] = per_status.get(status, 0) + int(n)
    # why each archived case is archived: its latest archiving action (a case reopened since and archived again
    # counts by the last reason) — never completed by the reporter (tutup_otomatis), a marked duplicate, or other
    last = (select(Riwayat.pengaduan_id, func.max(Riwayat.id).label("id"))
            .where(Riwayat.aksi.in_(ARCHIVING)).group_by(Riwayat.pengaduan_id).subquery())
    why = dict(db.session.execute(
        select(Riwayat.aksi, func.count()).select_from(Pengaduan).join(last, last.c.pengaduan_id == Pengaduan.id)
        .join(Riwayat, Riwayat.id == last.c.id)
        .where(period, Pengaduan.status == "diarsipkan", Pengaduan.dipindah_wbs.is_(False))
        .group_by(Riwayat.aksi)).all())
    auto_archived, duplikat = int(why.get("tutup_otomatis", 0)), int(why.get("tandai_duplikat", 0))
    dialihkan = sum(per_status.get(s, 0) for s in NOT_OWED)
    selesai = per_status.get("selesai", 0) + per_status.get("ditolak", 0)
    proses = sum(per_status.get(s, 0) for s in OPEN)
    diarsipkan = per_status.get("diarsipkan", 0) - duplikat
    owed = sum(per_status.values()) - dialihkan - duplikat
    late = db.session.scalar(select(func.count()).select_from(Pengaduan).where(
        period, Pengaduan.terbuka.is_(True), Pengaduan.batas < today,
        Pengaduan.status.not_in(WAITING_FOR_REPORTER))) or 0
    per_kanal = {k: int(v) for k, v in db.session.execute(
        select(Pengaduan.kanal, func.count()).where(period).group_by(Pengaduan.kanal)).all()}
    with_lapor_id = db.session.scalar(select(func.count()).select_from(Pengaduan)
                                      .where(period, Pengaduan.lapor_id != "")) or 0
    nota_dinas = db.session.scalar(select(func.count()).select_from(NotaDinasPengaduan).where(
        NotaDinasPengaduan.tanggal >= start, NotaDinasPengaduan.tanggal <= end)) or 0
    return {"mulai": start, "sampai": end, "diterima": sum(per_status.values()) + ke_wbs,
            "harus_ditindaklanjuti": owed, "selesai": selesai, "sedang_diproses": proses,
            "dialihkan": dialihkan, "duplikat": duplikat, "dipindah_wbs": ke_wbs,
            "diarsipkan_tidak_dilengkapi": auto_archived, "diarsipkan_lainnya": diarsipkan - auto_archived,
            "terlambat": int(late),
            "per_kanal": per_kanal, "dengan_nomor_lapor": int(with_lapor_id), "nota_dinas": int(nota_dinas),
            "persen": round(100 * selesai / owed, 2) if owed else None}


def first_response_per_channel(start: date, end: date, today: date | None = None) -> dict[str, dict]:
    """Per channel, for complaints registered in [start, end]: how many, how many had a first response, how
    many within the verification deadline (HK), the median and 90th percentile of the first response in HK,
    and those still without one past the deadline."""
    from core.calendar import workdays_between
    from pengaduan.models import Riwayat
    from pengaduan.service import settings

    today = today or local_today()
    limit = int(settings()["verifikasi_hk"])
    first = (select(Riwayat.pengaduan_id, func.min(Riwayat.at).label("at"))
             .where(Riwayat.aksi.in_(FIRST_RESPONSE)).group_by(Riwayat.pengaduan_id).subquery())
    rows = db.session.execute(
        select(Pengaduan.kanal, Pengaduan.tanggal_diterima, first.c.at)
        .outerjoin(first, first.c.pengaduan_id == Pengaduan.id)
        .where(Pengaduan.tanggal_diterima >= start, Pengaduan.tanggal_diterima <= end)).all()
    days: dict[str, list[int]] = {}
    out: dict[str, dict] = {}
    counted: dict[tuple[date, date], int] = {}  # many complaints share a day: count each span of days once

    def hk(a: date, b: date) -> int:
        if (a, b) not in counted:
            counted[(a, b)] = workdays_between(a, b)
        return counted[(a, b)]

    for kanal, received, at in rows:
        entry = out.setdefault(kanal, {"jumlah": 0, "direspon": 0, "tepat_waktu": 0, "belum_direspon_lewat": 0,
                                       "batas_hk": limit})
        entry["jumlah"] += 1
        if at is None:
            entry["belum_direspon_lewat"] += hk(received, today) > limit
            continue
        taken = max(0, hk(received, to_local(at).date()))
        days.setdefault(kanal, []).append(taken)
        entry["direspon"] += 1
        entry["tepat_waktu"] += taken <= limit
    for kanal, entry in out.items():
        values = sorted(days.get(kanal, []))
        entry["median_hk"] = _nearest_rank(values, 50)
        entry["p90_hk"] = _nearest_rank(values, 90)
    return out


def _nearest_rank(sorted_values: list[int], pct: int) -> int | None:
    if not sorted_values:
        return None
    rank = max(1, -(-pct * len(sorted_values) // 100))  # ceil(pct/100 · n), nearest-rank definition
    return sorted_values[rank - 1]


# --- for the ZI monev reports and the transparency page (appended by the ZI work; read-only, no personal data) ---

# the officer's verification decision on a new complaint
VERIFICATION = ("verifikasi", "minta_lengkapi", "tolak")


def vocabulary() -> dict[str, dict[str, str]]:
    """The labels the reports print: channels, types, tiers, and the officers' status words."""
    from pengaduan.service import JENIS, KANAL, TINGKAT
    from pengaduan.workflow import OFFICER_LABEL

    return {"kanal": dict(KANAL), "jenis": dict(JENIS), "tingkat": dict(TINGKAT), "status": dict(OFFICER_LABEL)}


def _local_date(column):
    """The Jakarta date of a stored UTC timestamp, computed by the database (each dialect has its own words)."""
    from datetime import datetime

    from sqlalchemy import Date, type_coerce

    from core.workdays import JAKARTA

    if db.session.get_bind().dialect.name == "postgresql":
        return type_coerce(func.date(func.timezone(JAKARTA.key, column)), Date)
    hours = int(JAKARTA.utcoffset(datetime(2000, 1, 1)).total_seconds() // 3600)  # +7: Jakarta keeps no DST
    return type_coerce(func.date(column, f"{hours:+d} hours"), Date)


def _first_action_spans(actions: tuple[str, ...], start: date, end: date) -> list[tuple[str, date, date | None, int]]:
    """(channel, day received, Jakarta day of the first of `actions` or None, how many) for the complaints
    registered in [start, end] — grouped in the database, so a busy year is a few thousand rows, not one per
    complaint. A complaint moved to WBS is handled there and left out."""
    from pengaduan.models import Riwayat

    period = and_(Pengaduan.tanggal_diterima >= start, Pengaduan.tanggal_diterima <= end,
                  Pengaduan.dipindah_wbs.is_(False))
    first = (select(Riwayat.pengaduan_id, func.min(Riwayat.at).label("at"))
             .join(Pengaduan, Pengaduan.id == Riwayat.pengaduan_id)
             .where(period, Riwayat.aksi.in_(actions)).group_by(Riwayat.pengaduan_id).subquery())
    day = _local_date(first.c.at).label("hari")
    return [(k, r, d, int(n)) for k, r, d, n in db.session.execute(
        select(Pengaduan.kanal, Pengaduan.tanggal_diterima, day, func.count())
        .outerjoin(first, first.c.pengaduan_id == Pengaduan.id).where(period)
        .group_by(Pengaduan.kanal, Pengaduan.tanggal_diterima, day))]


def _workday_counter(days: list[date]):
    """workdays_between for dates within the span of `days`, from one pass over the office calendar: the
    working days in (a, b] are the difference of two running counts."""
    from datetime import timedelta

    from core.calendar import office_calendar

    if not days:
        return lambda a, b: 0
    cal, d, last, n, running = office_calendar(), min(days), max(days), 0, {}
    while d <= last:
        n += cal.is_workday(d)
        running[d] = n
        d += timedelta(days=1)
    return lambda a, b: running[b] - running[a]


def _rank_weighted(counts: dict[int, int], pct: int) -> int | None:
    """The nearest-rank percentile of values given as {value: how many}."""
    total = sum(counts.values())
    if not total:
        return None
    rank, seen = max(1, -(-pct * total // 100)), 0
    for value in sorted(counts):
        seen += counts[value]
        if seen >= rank:
            return value
    return None  # pragma: no cover - unreachable


def _spans_per_channel(actions: tuple[str, ...], start: date, end: date, today: date, limit: int) -> dict[str, dict]:
    """Per channel: how many, how many had the action, how many within `limit` HK, median and 90th percentile
    (HK), and those without it once `limit` HK have passed."""
    rows = _first_action_spans(actions, start, end)
    workdays_between = _workday_counter([d for r in rows for d in r[1:3] if d is not None] + [today])
    out: dict[str, dict] = {}
    days: dict[str, dict[int, int]] = {}
    for kanal, received, done, n in rows:
        e = out.setdefault(kanal, {"jumlah": 0, "direspon": 0, "tepat_waktu": 0, "belum_direspon_lewat": 0,
                                   "batas_hk": limit})
        e["jumlah"] += n
        if done is None:
            e["belum_direspon_lewat"] += n if workdays_between(received, today) > limit else 0
            continue
        taken = max(0, workdays_between(received, done))
        per = days.setdefault(kanal, {})
        per[taken] = per.get(taken, 0) + n
        e["direspon"] += n
        e["tepat_waktu"] += n if taken <= limit else 0
    for kanal, e in out.items():
        e["median_hk"] = _rank_weighted(days.get(kanal, {}), 50)
        e["p90_hk"] = _rank_weighted(days.get(kanal, {}), 90)
    return out


def first_response_summary(start: date, end: date, today: date | None = None) -> dict[str, dict]:
    """The figures of first_response_per_channel (same keys, same nearest-rank percentiles), computed from rows
    grouped in the database: a year of a busy office costs a few thousand rows instead of one per complaint.
    Complaints moved to WBS are left out: they are answered there."""
    from pengaduan.service import settings

    return _spans_per_channel(FIRST_RESPONSE, start, end, today or local_today(), int(settings()["verifikasi_hk"]))


def monev_figures(start: date, end: date, today: date | None = None, overdue_limit: int = 100) -> dict:
    """Complaints registered in [start, end], for the monitoring and evaluation report: counts per channel,
    type, category, unit (the one it was disposed to), status and tier; the verification time per channel
    (receipt → the verification decision, in HK: median and 90th percentile, how many within the deadline);
    the open cases past their deadline (ticket, unit, status, deadline: no content); and the ratings 1–5."""
    from core.calendar import workdays_between
    from core.models import Unit
    from pengaduan.service import settings

    today = today or local_today()
    period = and_(Pengaduan.tanggal_diterima >= start, Pengaduan.tanggal_diterima <= end)

    def grouped(column, *joins):
        q = select(column, func.count()).select_from(Pengaduan)
        for target, on in joins:
            q = q.outerjoin(target, on)
        return {(k if k is not None else ""): int(v) for k, v in db.session.execute(q.where(period).group_by(column))}

    verif = {k: {"jumlah": v["jumlah"], "diverifikasi": v["direspon"], "tepat_waktu": v["tepat_waktu"],
                 "belum_lewat": v["belum_direspon_lewat"], "batas_hk": v["batas_hk"], "median_hk": v["median_hk"],
                 "p90_hk": v["p90_hk"]}
             for k, v in _spans_per_channel(VERIFICATION, start, end, today, int(settings()["verifikasi_hk"])).items()}

    late = and_(period, Pengaduan.terbuka.is_(True), Pengaduan.batas < today,
                Pengaduan.status.not_in(WAITING_FOR_REPORTER))
    overdue_total = db.session.scalar(select(func.count()).select_from(Pengaduan).where(late)) or 0
    overdue = [{"tiket": t, "unit": u or "", "status": s, "batas": b, "lewat_hk": workdays_between(b, today)}
               for t, u, s, b in db.session.execute(
                   select(Pengaduan.tiket, Unit.nama, Pengaduan.status, Pengaduan.batas)
                   .outerjoin(Unit, Unit.id == Pengaduan.unit_id).where(late)
                   .order_by(Pengaduan.batas, Pengaduan.id).limit(overdue_limit))]
    overdue_per_unit = {(u or ""): int(n) for u, n in db.session.execute(
        select(Unit.nama, func.count()).select_from(Pengaduan).outerjoin(Unit, Unit.id == Pengaduan.unit_id)
        .where(late).group_by(Unit.nama))}
    unit_ids = {n: i for i, n in db.session.execute(select(Unit.id, Unit.nama))}
    ratings_dist = {int(k): int(v) for k, v in db.session.execute(
        select(Pengaduan.penilaian, func.count()).where(period, Pengaduan.penilaian.is_not(None))
        .group_by(Pengaduan.penilaian))}
    n_rated = sum(ratings_dist.values())
    return {
        "per_kanal": grouped(Pengaduan.kanal), "per_jenis": grouped(Pengaduan.jenis),
        "per_kategori": grouped(Pengaduan.kategori), "per_status": grouped(Pengaduan.status),
        "per_tingkat": grouped(Pengaduan.tingkat),
        "per_unit": grouped(Unit.nama, (Unit, Unit.id == Pengaduan.unit_id)),
        "unit_id": unit_ids,
        "verifikasi": verif,
        "terlambat_jumlah": int(overdue_total), "terlambat": overdue, "terlambat_per_unit": overdue_per_unit,
        "penilaian": {"sebaran": ratings_dist, "jumlah": n_rated,
                      "rata_rata": round(sum(k * v for k, v in ratings_dist.items()) / n_rated, 2) if n_rated else None},
    }


def themes_per_unit(start: date, end: date) -> list[dict]:
    """Complaint themes for the service-standard review: per unit the complaints were disposed to, the count
    per category in [start, end] (most frequent first). Categories only: no content."""
    from core.models import Unit

    rows = db.session.execute(
        select(Unit.id, Unit.nama, Pengaduan.kategori, func.count()).select_from(Pengaduan)
        .outerjoin(Unit, Unit.id == Pengaduan.unit_id)
        .where(Pengaduan.tanggal_diterima >= start, Pengaduan.tanggal_diterima <= end)
        .group_by(Unit.id, Unit.nama, Pengaduan.kategori)).all()
    out = [{"unit_id": uid, "unit": nama or "", "kategori": kat or "", "jumlah": int(n)} for uid, nama, kat, n in rows]
    return sorted(out, key=lambda r: (r["unit"], -r["jumlah"], r["kategori"]))


def monthly_statistics(year: int) -> list[dict]:
    """For the public transparency page, per month of `year`: complaints received, those of them finished
    (selesai, or a reasoned refusal), and the average working days from receipt to the answer. Counts only."""
    from sqlalchemy import extract

    start, end = date(year, 1, 1), date(year, 12, 31)
    period = and_(Pengaduan.tanggal_diterima >= start, Pengaduan.tanggal_diterima <= end,
                  Pengaduan.dipindah_wbs.is_(False))
    month = extract("month", Pengaduan.tanggal_diterima)
    received = {int(m): int(n) for m, n in db.session.execute(select(month, func.count()).where(period).group_by(month))}
    finished = {int(m): int(n) for m, n in db.session.execute(
        select(month, func.count()).where(period, Pengaduan.status.in_(("selesai", "ditolak"))).group_by(month))}
    answered_on = _local_date(Pengaduan.dijawab_at).label("dijawab")
    rows = db.session.execute(select(Pengaduan.tanggal_diterima, answered_on, func.count())
                              .where(period, Pengaduan.dijawab_at.is_not(None))
                              .group_by(Pengaduan.tanggal_diterima, answered_on)).all()
    workdays_between = _workday_counter([d for r in rows for d in r[:2]])
    totals: dict[int, list[int]] = {}
    for received_on, answered, n in rows:
        entry = totals.setdefault(received_on.month, [0, 0])
        entry[0] += max(0, workdays_between(received_on, answered)) * n
        entry[1] += n
    return [{"bulan": m, "diterima": received.get(m, 0), "selesai": finished.get(m, 0),
             "dijawab": totals.get(m, [0, 0])[1],
             "rata_rata_hk": round(totals[m][0] / totals[m][1], 1) if m in totals else None} for m in range(1, 13)]


def tiket_baru(after_id: int, limit: int = 200) -> list[tuple[int, str]]:
    """(id, ticket) of complaints received after `after_id`, oldest first: content-free new-complaint alerts."""
    return [tuple(r) for r in db.session.execute(select(Pengaduan.id, Pengaduan.tiket).where(Pengaduan.id > after_id)
                                                 .order_by(Pengaduan.id).limit(limit))]


def id_terakhir() -> int:
    return db.session.scalar(select(func.max(Pengaduan.id))) or 0
