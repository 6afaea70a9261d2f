"""The public page of the move to WBS: the reporter, following a complaint, accepts the officers' offer.
Same URL and form as before it moved here from pengaduan.views."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for

from core.extensions import limiter
from core.web import attempt
from lintas.pindah_wbs import pindah_wbs as move
from pengaduan import tracking
from pengaduan.forms import PindahWbsForm

bp = Blueprint("lintas", __name__)


@bp.post("/pengaduan/lacak/wbs")
@limiter.limit(tracking.submit_limit)
def pindah_wbs():
    p = tracking.tracked()
    if p is None:
        return tracking.need_tracking()
    form = PindahWbsForm()
    if not form.validate_on_submit():
        return redirect(url_for("pengaduan.status"))
    token = (form.token.data or "")[:64]
    tiket = p.tiket
    ok, receipt = attempt(move, p, bool(form.sertakan_identitas.data), token if len(token) >= 16 else None)
    if not ok:
        return redirect(url_for("pengaduan.status"))
    return tracking.no_store(render_template("pengaduan/wbs_terkirim.html", receipt=receipt, tiket=tiket))
