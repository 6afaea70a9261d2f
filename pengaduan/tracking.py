"""The reporter's tracking session: after ticket + code were given once, the server-side session remembers
which complaint this browser may follow (for 30 minutes), so the code never sits in a URL.

Shared, with two small page helpers, by the tracking pages (pengaduan.views) and the move to WBS
(lintas.views), which acts on the same tracked complaint.
"""
from __future__ import annotations

from flask import current_app, flash, make_response, redirect, session, url_for
from flask_babel import gettext as _

from core.extensions import db
from core.workdays import utcnow
from pengaduan.models import Pengaduan

TRACKING = "pgd_lacak"    # {"id", "at"}: the complaint this browser proved it may follow
TRACKING_SECONDS = 30 * 60


def follow(p: Pengaduan) -> None:
    session[TRACKING] = {"id": p.id, "at": utcnow().timestamp()}


def forget() -> None:
    session.pop(TRACKING, None)


def tracked() -> Pengaduan | None:
    data = session.get(TRACKING)
    if not data or utcnow().timestamp() - data.get("at", 0) > TRACKING_SECONDS:
        forget()
        return None
    return db.session.get(Pengaduan, data["id"])


def need_tracking():
    flash(_("Masukkan nomor tiket dan kode pelacakan untuk melihat pengaduan Anda."), "info")
    return redirect(url_for("pengaduan.lacak"))


def submit_limit() -> str:
    return current_app.config["RATELIMIT_PUBLIC_SUBMIT"]


def no_store(resp):
    """A page that shows a secret (a code, a receipt) or personal data: never cached."""
    resp = make_response(resp)
    resp.headers["Cache-Control"] = "no-store"
    return resp
