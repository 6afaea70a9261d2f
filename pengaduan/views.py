"""Public pages of Pengaduan Masyarakat: the form with its confirm step, the receipt, and tracking.

Thin: parse, call pengaduan.service, render; a refusal goes through core.web (`attempt`/`refuse`), which rolls
the request back and shows why. Tracking needs ticket + code once; after that the server-side session
remembers which complaint this browser may follow (pengaduan.tracking). The move to WBS has its page in
lintas.views.
"""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from core.attachments import inspect_files
from core.errors import InputError
from core.extensions import limiter
from core.storage import UploadError
from core.templating import teks_kantor
from core.throttle import guessing_budget
from core.uow import on_commit
from core.web import attempt, download, refuse
from pengaduan import service
from pengaduan.forms import LacakForm, NilaiForm, PengaduanForm, PindahWbsForm, TanggapanForm
from pengaduan.tracking import follow, forget, need_tracking, no_store, submit_limit, tracked

bp = Blueprint("pengaduan", __name__, url_prefix="/pengaduan")

DRAFT = "pgd_draf"        # files staged between the form and the confirm step
TOKEN = "pgd_token"       # the confirm step's one-time token, with the fingerprint of what it confirms


def _tracking_limit() -> str:
    return current_app.config["RATELIMIT_TRACKING"]


def _complaint_form() -> PengaduanForm:
    form = PengaduanForm()
    form.kategori.choices = [("", _("— pilih kategori —"))] + [(k, kategori_teks(k)) for k in service.categories()]
    return form


def kategori_teks(kategori: str) -> str:
    """A category as the reader's language shows it (the office's English wording on English pages)."""
    return teks_kantor(kategori, service.categories_en().get(kategori))


@bp.app_context_processor
def _kategori_teks():
    return {"kategori_teks": kategori_teks}


@bp.route("/", methods=["GET", "POST"])
@limiter.limit(submit_limit, methods=["POST"])  # the confirm step stores files: limited like the send
def form():
    form = _complaint_form()
    draft = service.staged_present(session.get(DRAFT))
    if request.method == "GET":
        return render_template("pengaduan/form.html", form=form, staged=draft)
    # "ubah" comes back from the confirm page: the form refilled from what was posted, no errors shown
    if request.form.get("langkah") == "ubah" or not form.validate_on_submit():
        return render_template("pengaduan/form.html", form=form, staged=draft)
    # both checks run, so every wrong field and a wrong file are shown at once
    valid, clean = attempt(service.validate, form.data_dict(), kanal="web", form=form)
    checked, files = attempt(inspect_files, request.files.getlist("lampiran"), form=form)
    if not (valid and checked):
        return render_template("pengaduan/form.html", form=form, staged=draft), 422
    if files:  # new files replace the ones chosen before (the old ones go once the new draft is kept)
        old = draft
        on_commit(lambda: service.drop_staged(old))
        draft = service.stage_files(files)
    session[DRAFT] = draft
    # the same content confirmed again (Back, reload, even after sending) keeps its token: the service then
    # shows the first ticket within the double-click window, or "sudah terkirim" — never a second complaint
    sidik, kept = service.draft_fingerprint(clean), session.get(TOKEN) or {}
    token = kept.get("token") if kept.get("sidik") == sidik else None
    token = token or service.new_token()
    session[TOKEN] = {"token": token, "sidik": sidik}
    return no_store(render_template("pengaduan/periksa.html", form=form, data=clean, staged=draft,
                                    token=token, jenis=service.JENIS))


@bp.post("/kirim")
@limiter.limit(submit_limit)
def kirim():
    form = _complaint_form()
    draft = service.staged_present(session.get(DRAFT))
    token = (request.form.get("token") or "")[:64]
    if not form.validate_on_submit() or len(token) < 16:
        return render_template("pengaduan/form.html", form=form, staged=draft), 400
    try:
        p, code = service.submit(form.data_dict(), service.load_staged(draft), kanal="web", token=token)
    except (InputError, UploadError) as e:
        # a wrong field or a staged file that no longer passes: the form again (other refusals, such as a
        # spent token, are the error page)
        refuse(e, form)
        return render_template("pengaduan/form.html", form=form,
                               staged=[] if isinstance(e, UploadError) else draft), 422
    # the staged files and the draft go only once the complaint is committed: a failure before it leaves
    # both for the resend (the same token then makes it the one complaint, with its files)
    on_commit(lambda: (service.drop_staged(draft), session.pop(DRAFT, None)))
    return no_store(render_template("pengaduan/terkirim.html", p=p, code=code, cfg=service.settings()))


@bp.post("/bukti")
@guessing_budget  # it needs ticket + code: another way to try codes
def bukti():
    """The receipt as a text file (the page also prints cleanly)."""
    form = LacakForm()
    if not form.validate_on_submit():
        return redirect(url_for("pengaduan.lacak"))
    p = service.find_for_reporter(form.tiket.data, form.kode.data)
    body = render_template("pengaduan/bukti.txt", p=p, code=form.kode.data.strip().upper(),
                           lacak_url=url_for("pengaduan.lacak", _external=True))
    return download(body, f"bukti-{p.tiket}.txt", "text/plain; charset=utf-8")


@bp.route("/lacak", methods=["GET", "POST"])
@guessing_budget
def lacak():
    form = LacakForm()
    if form.validate_on_submit():
        found, p = attempt(service.find_for_reporter, form.tiket.data, form.kode.data)
        if not found:
            return render_template("pengaduan/lacak.html", form=form), 404
        follow(p)
        return redirect(url_for("pengaduan.status"))
    return render_template("pengaduan/lacak.html", form=form)


@bp.get("/lacak/status")
def status():
    p = tracked()
    if p is None:
        return need_tracking()
    return _status_page(p)


def _status_page(p, tanggapan=None, nilai_form=None, code: int = 200):
    """The status page; a form posted from it with errors comes back filled in, its summary at the top."""
    return no_store(render_template("pengaduan/status.html", v=service.public_view(p),
                                    tanggapan=tanggapan or TanggapanForm(formdata=None),
                                    nilai_form=nilai_form or NilaiForm(formdata=None),
                                    wbs_form=PindahWbsForm(token=service.new_token()))), code


def _reply(p, form: TanggapanForm) -> str:
    return service.tanggapan_pelapor(p, form.teks.data, inspect_files(request.files.getlist("lampiran")))


@bp.post("/lacak/tanggapan")
@limiter.limit(submit_limit)
def tanggapan():
    p = tracked()
    if p is None:
        return need_tracking()
    form = TanggapanForm()
    ok = form.validate_on_submit()
    if ok:
        ok, action = attempt(_reply, p, form, form=form)
    if not ok:  # the text stays in the box, the reason above it
        return _status_page(p, tanggapan=form, code=422)
    flash({"lengkapi": _("Kelengkapan terkirim; pengaduan Anda akan diverifikasi kembali."),
           "tanggapi": _("Tanggapan Anda terkirim; petugas akan menindaklanjutinya.")}.get(
        action, _("Informasi tambahan terkirim.")), "success")
    return redirect(url_for("pengaduan.status"))


@bp.post("/lacak/nilai")
@limiter.limit(submit_limit)
def nilai():
    p = tracked()
    if p is None:
        return need_tracking()
    form = NilaiForm()
    ok = form.validate_on_submit()
    if ok:
        ok, _done = attempt(service.nilai, p, form.skor.data, form.komentar.data, form=form)
    if not ok:
        return _status_page(p, nilai_form=form, code=422)
    flash(_("Terima kasih atas penilaian Anda."), "success")
    return redirect(url_for("pengaduan.status"))


@bp.post("/lacak/keluar")
def keluar():
    forget()
    flash(_("Anda telah menutup halaman pelacakan."), "info")
    return redirect(url_for("pengaduan.lacak"))
