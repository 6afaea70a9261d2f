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
