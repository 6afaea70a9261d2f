"""The report form's request side, shared by the public form (gratifikasi.views) and the UPG's intake of a paper
report (admin.gratifikasi): the same fields, the same checks, every message under its field."""
from __future__ import annotations

import secrets
from datetime import date

from flask import request
from flask_babel import gettext as _
from sqlalchemy import select

from core.extensions import db
from core.models import Unit
from core.storage import Clean
from core.web import translated
from gratifikasi import rules, service
from gratifikasi.forms import LaporanForm, files_of, label_jenis


def _unit_choices() -> list[tuple[int, str]]:
    units = db.session.scalars(select(Unit).where(Unit.aktif).order_by(Unit.nama))
    return [(0, _("— pilih —"))] + [(u.id, u.nama) for u in units]


def buka(form_class: type[LaporanForm] = LaporanForm) -> tuple[LaporanForm, str]:
    """The form with the office's units and the kind of report asked for; a new form gets its idempotency token."""
    form = form_class()
    form.unit_id.choices = _unit_choices()
    jenis = request.values.get("jenis") if request.values.get("jenis") in rules.JENIS else "penerimaan"
    if request.method == "GET":
        form.idem.data = secrets.token_urlsafe(24)
        form.jenis.data = jenis
    return form, jenis


def isian(form: LaporanForm) -> service.LaporanInput:
    data = {name: getattr(form, name).data for name in service.input_fields() if hasattr(form, name)}
    data["unit_id"] = data.get("unit_id") or None
    return service.LaporanInput(**data)


def periksa(form: LaporanForm, diterima_upg: date | None = None) -> tuple[service.LaporanInput, list[Clean]] | None:
    """What was posted, checked by the form and the service at once: (input, files) to submit, or None with every
    problem put under its field."""
    valid = form.validate_on_submit()
    inp = isian(form)
    errors, _data = service.check_laporan(inp, diterima_upg=diterima_upg)
    clean = files_of(form, "lampiran")
    if valid and not errors and clean is not None:
        return inp, clean
    for name, message in errors.items():
        target = getattr(form, name if hasattr(form, name) else "pelapor_nama")
        if not target.errors:  # the form's own message (e.g. an unreadable date) comes first
            target.errors = [translated(message)]
    return None


def tampilkan(form: LaporanForm, jenis: str) -> str:
    """Ready the form to be shown again for `jenis` (the posted kind when it is one); returns the kind."""
    jenis = form.jenis.data if form.jenis.data in rules.JENIS else jenis
    form.jenis.data = jenis
    label_jenis(form, jenis)
    return jenis
