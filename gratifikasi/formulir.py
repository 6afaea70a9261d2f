"""The report form's request side, shared by the public form (gratifikasi.views) and the UPG's intake of a paper
report (admin.gratifikasi): the same fields, the same checks, every message under its field."""
from __future__ import annotations

import secrets
from datetime import date

from flask import request
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from core.models import unit_choices
from core.storage import Clean
from core.templating import page_lang
from core.web import translated
from core.workdays import format_tanggal
from gratifikasi import langkah, rules, service
from gratifikasi.forms import LaporanForm, files_of, label_jenis


def _unit_choices() -> list[tuple[int, str]]:
    return [(0, _("— pilih —"))] + unit_choices()


def buka(form_class: type[LaporanForm] = LaporanForm) -> tuple[LaporanForm, str]:
    """The form with the office's units and the kind of report asked for; a new form gets its idempotency token."""
    form = form_class()
    form.unit_id.choices = _unit_choices()
    jenis = request.values.get("jenis") if request.values.get("jenis") in rules.JENIS else "penerimaan"
    if request.method == "GET":
        form.idem.data = secrets.token_urlsafe(24)
        form.jenis.data = jenis
    return form, jenis


def dari_draf(answers: list[tuple[str, str]], form_class: type[LaporanForm] = LaporanForm) -> tuple[LaporanForm, str]:
    """The form filled from answers kept between the steps (a page reached by GET)."""
    form = form_class(formdata=MultiDict(answers))
    form.unit_id.choices = _unit_choices()
    return form, tampilkan(form, "penerimaan")


def isian(form: LaporanForm) -> service.LaporanInput:
    data = {name: getattr(form, name).data for name in service.input_fields() if hasattr(form, name)}
    data["unit_id"] = data.get("unit_id") or None
    return service.LaporanInput(**data)


_POSTED = object()


def periksa(form: LaporanForm, diterima_upg: date | None = None,
            clean: list[Clean] | None = _POSTED) -> tuple[service.LaporanInput, list[Clean]] | None:
    """What was posted, checked by the form and the service at once: (input, files) to submit, or None with every
    problem put under its field. `clean`: the files when the caller has read them already."""
    valid = form.validate_on_submit()
    inp = isian(form)
    errors, _data = service.check_laporan(inp, diterima_upg=diterima_upg)
    if clean is _POSTED:
        clean = files_of(form, "lampiran")
    _put(form, errors)
    if valid and not errors and clean is not None:
        return inp, clean
    return None


def _put(form: LaporanForm, errors: dict[str, str]) -> None:
    for name, message in errors.items():
        target = getattr(form, name if hasattr(form, name) else "pelapor_nama")
        if not target.errors:  # the form's own message (e.g. an unreadable date) comes first
            target.errors = [translated(message)]


# --- one question per page (gratifikasi.langkah) ------------------------------------------------------

_ALWAYS = {"csrf_token", "website"}  # a refusal of the whole form is said on whichever page is shown


def hanya(form: LaporanForm, step: langkah.Langkah) -> bool:
    """Keep only the messages of `step`'s own questions (and of the form as a whole); True if there are none."""
    mine = set(step.fields) | _ALWAYS
    for f in form:
        if f.name not in mine:
            f.errors = []
    return not form.errors


def periksa_langkah(form: LaporanForm, step: langkah.Langkah) -> bool:
    """Check the answers of one step, by the form and the service (the same rules as the whole report), and
    show only that step's messages; True when they are right."""
    form.validate()
    _put(form, service.check_laporan(isian(form))[0])
    return hanya(form, step)


def periksa_draf(form: LaporanForm) -> bool:
    """Check every answer of a form drawn from kept answers (no post, so no security token to check)."""
    form.validate()
    form.csrf_token.errors = []
    _put(form, service.check_laporan(isian(form))[0])
    return not form.errors


def langkah_galat(form: LaporanForm, jenis: str) -> langkah.Langkah:
    """After a check of the whole report: the step with a message, or the page that asks again every step with
    one (langkah.gabung), so that each message is said, under its question, on the page shown."""
    wrong = {f.name for f in form if f.errors}
    step = langkah.gabung([s for s in langkah.untuk(jenis) if wrong & set(s.fields)])
    hanya(form, step)
    return step


def dibawa(form: LaporanForm, step: langkah.Langkah | None) -> list[tuple[str, str]]:
    """(name, value) of every answer the page carries as hidden fields: all but `step`'s own, the files (staged
    on the server instead) and the form's machinery."""
    skip = set(step.fields if step else ()) | _ALWAYS | {"lampiran", "submit"}
    out = []
    for f in form:
        if f.name in skip:
            continue
        if f.type == "BooleanField":
            if f.data:
                out.append((f.name, "y"))
        elif f.raw_data:
            out.append((f.name, f.raw_data[0]))
        elif f.data is not None:
            out.append((f.name, f._value() if hasattr(f, "_value") else str(f.data)))
        else:
            out.append((f.name, ""))
    return out


def jawaban(form: LaporanForm, step: langkah.Langkah, jenis: str) -> list[tuple[str, str]]:
    """(label, answer as said on the check page) for each of `step`'s questions; an unanswered one is "-"."""
    out = []
    for name in step.fields_untuk(jenis):
        f = form[name]
        if name == "lampiran":
            continue
        if f.type == "BooleanField":
            shown = _("Ya") if f.data else _("Tidak")
        elif f.type == "TanggalField":
            shown = format_tanggal(f.data, page_lang()) if f.data else ""
        elif getattr(f, "choices", None) is not None:
            shown = next((str(label) for value, label in f.choices if value and str(value) == str(f.data)), "")
        else:
            shown = f.data or ""
        if (name == "unit_nama" and not shown) or (name == "unit_id" and not shown and form.unit_nama.data):
            continue  # one of the two: a unit from the office's list, or one typed in when the list has none
        out.append((str(f.label.text), shown or "-"))
    return out


def tampilkan(form: LaporanForm, jenis: str) -> str:
    """Ready the form to be shown again for `jenis` (the posted kind when it is one); returns the kind."""
    jenis = form.jenis.data if form.jenis.data in rules.JENIS else jenis
    form.jenis.data = jenis
    label_jenis(form, jenis)
    return jenis
