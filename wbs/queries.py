"""Read-only figures about WBS for the dashboard and the ZI evidence module: counts and timeliness only,
never content (these work without any key)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from core.extensions import db
from core.workdays import local_today
from wbs.models import WbsReport
from wbs.service import CLOSED, STATUS, deadlines, next_deadline


def _period(q, start: date | None, end: date | None):
    if start:
        q = q.where(WbsReport.diterima_tanggal >= start)
    if end:
        q = q.where(WbsReport.diterima_tanggal <= end)
    return q


def counts_by_status(start: date | None = None, end: date | None = None) -> dict[str, int]:
    """Reports received in [start, end] per status (every status present, zero when none)."""
    q = _period(select(WbsReport.status, func.count(WbsReport.id)).group_by(WbsReport.status), start, end)
    found = dict(db.session.execute(q).all())
    return {status: int(found.get(status, 0)) for status in STATUS}


@dataclass(frozen=True)
class Timeliness:
    diterima: int  # reports received in the period
    diakui_tepat_waktu: int  # acknowledged within 3 HK
    diverifikasi_tepat_waktu: int  # verified within 7 HK
    terbuka: int
    terbuka_lewat_tenggat: int  # open reports with a deadline passed today
    selesai: int
    tidak_dapat_ditindaklanjuti: int


def timeliness(start: date | None = None, end: date | None = None, today: date | None = None) -> Timeliness:
    today = today or local_today()
    reports = list(db.session.scalars(_period(select(WbsReport), start, end)))
    ack = ver = late = 0
    for r in reports:
        d = deadlines(r, today)
        ack += bool(r.diakui_tanggal and not d["pengakuan"]["lewat"])
        ver += bool(r.diverifikasi_tanggal and not d["verifikasi"]["lewat"])
        nd = next_deadline(r, today)
        late += bool(nd and nd[1] < today)
    return Timeliness(
        diterima=len(reports), diakui_tepat_waktu=ack, diverifikasi_tepat_waktu=ver,
        terbuka=sum(r.status not in CLOSED for r in reports), terbuka_lewat_tenggat=late,
        selesai=sum(r.status == "selesai" for r in reports),
        tidak_dapat_ditindaklanjuti=sum(r.status == "tidak_dapat" for r in reports))


def yearly_counts(year: int) -> dict[int, int]:
    """Reports received per month of `year` (1..12)."""
    out = {m: 0 for m in range(1, 13)}
    for d in db.session.scalars(select(WbsReport.diterima_tanggal).where(
            WbsReport.diterima_tanggal >= date(year, 1, 1), WbsReport.diterima_tanggal <= date(year, 12, 31))):
        out[d.month] += 1
    return out


# --- for the ZI evaluation report (appended by the ZI work): dates and counts only, never content ---------------

FEEDBACK_DAYS = 30  # the team tells the reporter something at least every 30 days until closed (DOMAIN.md §2)


def evaluation_figures(start: date, end: date, today: date | None = None) -> dict:
    """Reports received in [start, end]: per channel (sumber), per status and per month received; working days
    to acknowledge and to verify (median, 90th percentile, within the deadline); the outcome of the closed ones;
    open reports past a deadline, or without feedback to the reporter for 30 days or more. The kind of breach
    is sealed with the content and is not read."""
    from core.calendar import workdays_between

    today = today or local_today()
    rows = db.session.execute(_period(select(
        WbsReport.sumber, WbsReport.status, WbsReport.diterima_tanggal, WbsReport.batas_pengakuan,
        WbsReport.batas_verifikasi, WbsReport.diakui_tanggal, WbsReport.diverifikasi_tanggal,
        WbsReport.umpan_balik_tanggal, WbsReport.ditutup_tanggal), start, end)).all()
    per_sumber: dict[str, int] = {}
    per_bulan: dict[str, int] = {}
    spans = {"pengakuan": [], "verifikasi": []}
    on_time = {"pengakuan": 0, "verifikasi": 0}
    late_open = no_feedback = 0
    for r in rows:
        per_sumber[r.sumber] = per_sumber.get(r.sumber, 0) + 1
        key = f"{r.diterima_tanggal:%Y-%m}"
        per_bulan[key] = per_bulan.get(key, 0) + 1
        for name, done, due in (("pengakuan", r.diakui_tanggal, r.batas_pengakuan),
                                ("verifikasi", r.diverifikasi_tanggal, r.batas_verifikasi)):
            if done is not None:
                spans[name].append(max(0, workdays_between(r.diterima_tanggal, done)))
                on_time[name] += done <= due
        if r.status not in CLOSED:
            pending_due = [d for done, d in ((r.diakui_tanggal, r.batas_pengakuan),
                                             (r.diverifikasi_tanggal, r.batas_verifikasi)) if done is None]
            late_open += any(d < today for d in pending_due)
            last = r.umpan_balik_tanggal or r.diterima_tanggal
            no_feedback += (today - last).days >= FEEDBACK_DAYS
    per_status = {s: 0 for s in STATUS}
    for r in rows:
        per_status[r.status] = per_status.get(r.status, 0) + 1

    def rank(values: list[int], pct: int) -> int | None:
        values = sorted(values)
        return values[max(1, -(-pct * len(values) // 100)) - 1] if values else None

    return {"diterima": len(rows), "per_sumber": per_sumber, "per_status": per_status, "per_bulan": per_bulan,
            "waktu": {name: {"jumlah": len(v), "tepat_waktu": on_time[name], "median_hk": rank(v, 50),
                             "p90_hk": rank(v, 90)} for name, v in spans.items()},
            "terbuka": sum(1 for r in rows if r.status not in CLOSED), "terbuka_lewat_tenggat": late_open,
            "tanpa_umpan_balik_30_hari": no_feedback,
            "selesai": per_status.get("selesai", 0), "tidak_dapat_ditindaklanjuti": per_status.get("tidak_dapat", 0)}


def labels() -> dict[str, dict[str, str]]:
    """The words the reports print for the statuses, channels and forwarding targets."""
    from wbs.service import STATUS as status_labels, TUJUAN

    return {"status": dict(status_labels), "tujuan": dict(TUJUAN)}
