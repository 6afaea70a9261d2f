"""Public pages of the kernel: home, language choice, health check."""
from __future__ import annotations

from flask import Blueprint, make_response, redirect, render_template, request, url_for

from core.errors import N_
from core.security import is_safe_next

bp = Blueprint("public", __name__)

# The channels named on the home page: (title, text, endpoint, follow-up link label, its endpoint). Domain
# packages own the endpoints; the second link is where a reporter comes back to follow what they sent.
CHANNELS = [
    (N_("Pengaduan Masyarakat"), N_("Sampaikan keluhan, aspirasi, atau permintaan informasi tentang layanan "
     "kami, lalu pantau tindak lanjutnya dengan nomor tiket dan kode rahasia."), "pengaduan.form",
     N_("Lacak pengaduan"), "pengaduan.lacak"),
    (N_("Whistleblowing System (WBS)"), N_("Laporkan dugaan pelanggaran atau korupsi oleh pegawai secara "
     "anonim. Laporan terenkripsi; hanya Tim WBS yang dapat membacanya."), "wbs.index",
     N_("Buka kotak laporan (dengan resi)"), "wbs.kotak"),
    (N_("Pelaporan Gratifikasi"), N_("Pegawai melaporkan penerimaan atau penolakan gratifikasi kepada UPG, "
     "yang meneruskannya ke KPK tepat waktu."), "gratifikasi.index", N_("Pantau laporan"), "gratifikasi.lacak"),
    (N_("Survei Kepuasan Masyarakat"), N_("Nilai layanan yang Anda terima. Hasil survei diumumkan dan "
     "ditindaklanjuti."), "skm.index", None, None),
]


@bp.get("/")
def home():
    return render_template("public/home.html", channels=CHANNELS)


@bp.get("/bahasa/<lang>")
def set_language(lang: str):
    target = request.args.get("next")
    response = make_response(redirect(target if is_safe_next(target) else url_for("public.home")))
    if lang in ("id", "en"):
        response.set_cookie("lang", lang, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    return response


@bp.get("/sehat")
def health():
    from sqlalchemy import text

    from core.extensions import db

    db.session.execute(text("SELECT 1"))
    return {"status": "ok"}
