"""The public transparency page: complaint statistics per month (received, finished, average time), the published
SKM results, WBS and gratifikasi counts. Counts only, read through the domains' queries: no personal data, no
content, no WBS or gratifikasi figure finer than the year."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, render_template, request

from core.workdays import local_today
from zi import cache
from zi.dokumen import Grafik
from zi.periode import BULAN

bp = Blueprint("zi", __name__, url_prefix="/transparansi")


def statistik(tahun: int, today: date | None = None) -> dict:
    from gratifikasi import queries as gq
    from pengaduan import queries as pq
    from skm import queries as skq
    from wbs import queries as wq

    today = today or local_today()
    bulan = pq.monthly_statistics(tahun)
    for b in bulan:
        b["nama"] = BULAN[b["bulan"] - 1]
    answered = sum(b["dijawab"] for b in bulan)
    rata = (round(sum((b["rata_rata_hk"] or 0) * b["dijawab"] for b in bulan) / answered, 1) if answered else None)
    skm = [r for p in skq.survei_tahun(tahun)["periode"] if p["publik"] and p["responden"]
           if (r := skq.ringkasan_periode(p["id"])) is not None]
    wbs = wq.counts_by_status(date(tahun, 1, 1), date(tahun, 12, 31))
    upg = gq.ringkasan_upg(tahun, today)
    return {
        "tahun": tahun, "bulan": bulan,
        "pengaduan": {"diterima": sum(b["diterima"] for b in bulan), "selesai": sum(b["selesai"] for b in bulan),
                      "rata_rata_hk": rata},
        "grafik": Grafik(f"Pengaduan diterima per bulan, {tahun}", [(b["nama"], float(b["diterima"])) for b in bulan]),
        "skm": skm,
        "wbs": {"diterima": sum(wbs.values()), "selesai": wbs.get("selesai", 0) + wbs.get("tidak_dapat", 0),
                "diproses": sum(v for k, v in wbs.items() if k not in ("selesai", "tidak_dapat"))},
        "gratifikasi": {"per_jenis": upg["per_jenis"], "diteruskan_ke_kpk": upg["diteruskan_ke_kpk"],
                        "kampanye": upg["kegiatan_kampanye"]},
    }


@bp.get("/")
def index():
    today = local_today()
    tahun = request.args.get("tahun", today.year, type=int)
    if not 2000 <= tahun <= today.year:
        abort(404)
    s = cache.ingat(("transparansi", tahun, today), lambda: statistik(tahun, today))
    return render_template("zi/transparansi.html", s=s, tahun_ini=today.year)
