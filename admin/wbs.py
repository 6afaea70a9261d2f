"""Officers' pages for the Whistleblowing System; rules live in wbs/.

Only tim_wbs (2FA mandatory for the role) reaches content, and only with their WBS key unlocked for the
session; admin and pimpinan see counts on the dashboard and the key list, never content.
"""
from __future__ import annotations

from functools import wraps

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from admin.views import bp
from core.errors import N_, DomainError
from core.extensions import limiter
from core.models import Role
from core.registry import CardValue
from core.security import fresh_login_required, is_safe_next, role_required
from core.storage import sanitize_filename
from core.uow import keep_after_refusal
from core.web import PDF, attempt, download, refuse
from core.workdays import local_today
from wbs import keys, queries, service
from wbs.forms import EmptyForm, EnrolForm, PassphraseForm, StatusForm, TeamMessageForm, new_token
from wbs.models import WbsKey

TEAM = (Role.tim_wbs,)


def card() -> CardValue:
    s = service.summary()
    note = _("%(n)s lewat tenggat", n=s["lewat"]) if s["lewat"] else _("semua dalam tenggat")
    endpoint = "admin.wbs_queue" if current_user.has_role(Role.tim_wbs) else None
    return CardValue(_("Laporan WBS terbuka"), s["terbuka"], note, endpoint, warning=bool(s["lewat"]))


# the queue's short count labels (the status key, capitalised), translated in the template
COUNT_LABELS = {**service.STATUS, "tidak_dapat": N_("Tidak dapat")}


def _login_limit() -> str:
    return current_app.config["RATELIMIT_LOGIN"]


def unlocked_required(view):
    """The officer's WBS key must be unlocked for this session; it is passed to the view."""
    @wraps(view)
    def wrapped(*args, **kwargs):
        found = keys.unlocked_private(current_user)
        if found is None:
            flash(_("Buka kunci WBS Anda terlebih dahulu."), "info")
            return redirect(url_for("admin.wbs_unlock", next=request.full_path))
        return view(*args, key=found[0], private=found[1], **kwargs)
    return wrapped


@bp.get("/wbs/")
@role_required(*TEAM)
def wbs_queue():
    unlocked = keys.unlocked_private(current_user) is not None
    return render_template("admin/wbs/queue.html", rows=service.queue(current_user),
                           has_key=keys.officer_key(current_user) is not None, unlocked=unlocked,
                           action_form=EmptyForm(), today=local_today(), counts=queries.counts_by_status(),
                           count_labels=COUNT_LABELS, hari=service.deadline_days())


def _unlock(passphrase: str, form) -> bool:
    try:
        keys.remember_unlocked(*keys.unlock(current_user, passphrase))
    except DomainError as e:
        if isinstance(e, keys.UnlockRefused):
            keep_after_refusal(e.keep)  # the failed attempt stays in the audit log
        refuse(e, form)
        return False
    return True


@bp.route("/wbs/buka-kunci", methods=["GET", "POST"])
@role_required(*TEAM)
@fresh_login_required
@limiter.limit(_login_limit, methods=["POST"])
def wbs_unlock():
    if keys.officer_key(current_user) is None:
        flash(_("Anda belum memiliki kunci WBS. Buat kunci terlebih dahulu."), "info")
        return redirect(url_for("admin.wbs_enrol"))
    form = PassphraseForm()
    nxt = request.args.get("next")
    if form.validate_on_submit() and _unlock(form.passphrase.data, form):
        flash(_("Kunci WBS terbuka untuk sesi ini."), "success")
        return redirect(nxt if is_safe_next(nxt) else url_for("admin.wbs_queue"))
    return render_template("admin/wbs/unlock.html", form=form)


@bp.post("/wbs/kunci-tutup")
@role_required(*TEAM)
def wbs_lock():
    if EmptyForm().validate_on_submit():
        keys.forget_unlocked()
        flash(_("Kunci WBS ditutup."), "info")
    return redirect(url_for("admin.wbs_queue"))


@bp.get("/wbs/kunci")
@role_required(Role.tim_wbs, Role.admin)
def wbs_keys():
    rows = []
    for key in keys.recipient_keys():
        if key.jenis == "petugas":
            rows.append({"key": key, "kurang": keys.missing_access(key)})
    with_key = {r["key"].user_id for r in rows}
    without = [u for u in keys.team_members() if u.id not in with_key]
    mine = keys.officer_key(current_user) if current_user.has_role(Role.tim_wbs) else None
    unlocked = mine is not None and keys.unlocked_private(current_user) is not None
    return render_template("admin/wbs/keys.html", rows=rows, stale=keys.stale_keys(), without=without, mine=mine,
                           unlocked=unlocked, escrow=keys.escrow_key(), action_form=EmptyForm(),
                           is_team=current_user.has_role(Role.tim_wbs))


@bp.route("/wbs/kunci/baru", methods=["GET", "POST"])
@role_required(*TEAM)
@fresh_login_required
def wbs_enrol():
    if keys.officer_key(current_user) is not None:
        flash(_("Anda sudah memiliki kunci WBS."), "info")
        return redirect(url_for("admin.wbs_keys"))
    form = EnrolForm()
    if form.validate_on_submit():
        if form.passphrase.data != form.confirm.data:
            form.confirm.errors = [_("Ulangan frasa sandi tidak sama.")]
        else:
            # the new key can open what is wrapped to it at once: it stays unlocked for this session
            ok, _key = attempt(keys.enrol_and_unlock, current_user, form.passphrase.data, form=form)
            if ok:
                flash(_("Kunci WBS dibuat. Laporan baru langsung dapat Anda buka; untuk laporan yang sudah ada, "
                        "minta anggota Tim WBS yang sudah memiliki akses menekan «Berikan akses» di menu Kunci WBS."),
                      "success")
                return redirect(url_for("admin.wbs_keys"))
    return render_template("admin/wbs/enrol.html", form=form)


@bp.post("/wbs/kunci/<int:key_id>/akses")
@role_required(*TEAM)
@unlocked_required
def wbs_grant(key_id: int, key: WbsKey, private: bytes):
    if not EmptyForm().validate_on_submit():
        abort(400)
    ok, count = attempt(keys.grant_access, key_id, current_user, key, private)
    if ok:
        flash(_("Akses diberikan ke %(n)s laporan terbuka.", n=count), "success")
    return redirect(url_for("admin.wbs_keys"))


@bp.post("/wbs/kunci/<int:key_id>/cabut")
@role_required(Role.tim_wbs, Role.admin)
@fresh_login_required
def wbs_revoke(key_id: int):
    if not EmptyForm().validate_on_submit():
        abort(400)
    ok, removed = attempt(keys.revoke_key, key_id, current_user)
    if ok:
        flash(_("Kunci dicabut; %(n)s akses laporan dihapus.", n=removed), "success")
    return redirect(url_for("admin.wbs_keys"))


def _case_page(report_id: int, key: WbsKey, private: bytes, *, msg_form=None, note_form=None, status_form=None,
               code: int = 200):
    if code < 400:
        ok, case = attempt(service.open_case, report_id, current_user, key, private)
    else:
        # a refused form's page shows the case again: its opening is audited although the form was refused
        try:
            ok, case = True, keep_after_refusal(service.open_case, report_id, current_user, key, private)
        except DomainError as e:
            refuse(e)
            ok = False
    if not ok:
        return redirect(url_for("admin.wbs_queue"))
    msg_form = msg_form or TeamMessageForm(prefix="tim", formdata=None)
    note_form = note_form or TeamMessageForm(prefix="catatan", formdata=None)
    status_form = status_form or StatusForm(formdata=None)
    status_form.set_choices(case.transisi)
    for f in (msg_form, note_form):
        f.token.data = new_token()
    return render_template("admin/wbs/case.html", case=case, msg_form=msg_form, note_form=note_form,
                           status_form=status_form, labels=service.ELEMENT_LABELS, status=service.STATUS,
                           action_form=EmptyForm()), code


@bp.get("/wbs/<int:report_id>")
@role_required(*TEAM)
@unlocked_required
def wbs_case(report_id: int, key: WbsKey, private: bytes):
    return _case_page(report_id, key, private)


def _message(report_id: int, key: WbsKey, private: bytes, internal: bool):
    form = TeamMessageForm(prefix="catatan" if internal else "tim")
    if form.validate_on_submit():
        ok, _none = attempt(service.add_team_message, report_id, current_user, key, private, form.teks.data,
                            internal=internal, idempotency_key=form.token.data or None, form=form)
        if ok:
            done = _("Catatan internal disimpan.") if internal else _("Pesan terkirim ke kotak pesan pelapor.")
            flash(done, "success")
            return redirect(url_for("admin.wbs_case", report_id=report_id))
    kwargs = {"note_form": form} if internal else {"msg_form": form}
    return _case_page(report_id, key, private, code=400, **kwargs)


@bp.post("/wbs/<int:report_id>/pesan")
@role_required(*TEAM)
@unlocked_required
def wbs_message(report_id: int, key: WbsKey, private: bytes):
    return _message(report_id, key, private, internal=False)


@bp.post("/wbs/<int:report_id>/catatan")
@role_required(*TEAM)
@unlocked_required
def wbs_note(report_id: int, key: WbsKey, private: bytes):
    return _message(report_id, key, private, internal=True)


@bp.post("/wbs/<int:report_id>/status")
@role_required(*TEAM)
@unlocked_required
def wbs_status(report_id: int, key: WbsKey, private: bytes):
    form = StatusForm()
    form.set_choices(list(service.STATUS))
    if form.validate_on_submit():
        ok, _none = attempt(service.change_status, report_id, current_user, key, private, form.status.data,
                            form.alasan.data, form.tujuan.data or None, form=form)
        if ok:
            flash(_("Status diubah menjadi «%(status)s».", status=_(service.STATUS[form.status.data])), "success")
            return redirect(url_for("admin.wbs_case", report_id=report_id))
    return _case_page(report_id, key, private, status_form=form, code=400)


@bp.get("/wbs/<int:report_id>/lampiran/<att_id>")
@role_required(*TEAM)
@unlocked_required
def wbs_attachment(report_id: int, att_id: str, key: WbsKey, private: bytes):
    meta, data = service.read_attachment(report_id, att_id, current_user, key, private)
    return download(data, sanitize_filename(meta["nama"]), meta["tipe"])


@bp.get("/wbs/<int:report_id>/ekspor.pdf")
@role_required(*TEAM)
@fresh_login_required
@unlocked_required
def wbs_export(report_id: int, key: WbsKey, private: bytes):
    pdf = service.export_pdf(report_id, current_user, key, private)
    return download(pdf, f"wbs-{report_id}.pdf", PDF)
