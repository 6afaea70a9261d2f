"""Officers' login, two-factor, password, dashboard, users and audit log.

Every route is closed unless it carries @role_required (checked in `guard`), so a new view that
forgets its roles is refused rather than open.
"""
from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from flask import (Blueprint, Response, abort, current_app, flash, redirect, render_template, request, session,
                   url_for)
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select

from admin.forms import (ActionForm, LoginForm, PasswordForm, ReauthForm, TotpChangeForm, TotpForm, UserEditForm,
                         UserForm)
from core import accounts, audit
from core.extensions import db, limiter
from core.models import AuditEvent, Role, Unit, User, unit_choices
from core.nav import cards_for
from core.security import (fresh_login_required, is_fresh, is_safe_next, mark_fresh, mark_second_factor,
                           role_required)
from core.sessions import regenerate_session
from core.uow import keep_after_refusal
from core.web import attempt
from core.workdays import utcnow

bp = Blueprint("admin", __name__, url_prefix="/admin")

OPEN_ENDPOINTS = {"admin.login", "admin.login_totp", "admin.enrol_totp", "admin.totp_qr", "admin.logout"}
ALL_ROLES = tuple(Role)
PENDING_SECONDS = 300



@bp.before_request
def guard():
    if request.endpoint in OPEN_ENDPOINTS:
        return None
    view = current_app.view_functions.get(request.endpoint or "")
    if view is None or not getattr(view, "_roles", None):
        abort(403)
    if (current_user.is_authenticated and current_user.must_change_password
            and request.endpoint != "admin.password"):
        flash(_("Ganti kata sandi sekali pakai Anda sebelum melanjutkan."), "warning")
        return redirect(url_for("admin.password"))
    return None


def _login_limit() -> str:
    return current_app.config["RATELIMIT_LOGIN"]


def _pending_user() -> User | None:
    pending = session.get("pending_login")
    if not pending or utcnow().timestamp() - pending["at"] > PENDING_SECONDS:
        return None
    user = db.session.get(User, pending["id"])
    if user is None or user.session_version != pending["v"] or not user.aktif:
        return None
    return user


def _finish_login(user: User, *, second_factor: bool):
    target = session.get("pending_login", {}).get("next")
    accounts.login_succeeded(user)
    session.pop("pending_login", None)
    regenerate_session()
    login_user(user)
    mark_fresh()
    if second_factor:
        mark_second_factor()
    flash(_("Selamat datang, %(nama)s.", nama=user.nama), "success")
    return redirect(target if is_safe_next(target) else url_for("admin.dashboard"))


@bp.route("/masuk", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("admin.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        ok, user = attempt(accounts.authenticate, form.email.data, form.password.data)
        if not ok:
            return render_template("admin/login.html", form=form), 200
        nxt = request.args.get("next")
        session["pending_login"] = {"id": user.id, "v": user.session_version, "at": utcnow().timestamp(),
                                    "next": nxt if is_safe_next(nxt) else None}
        if user.totp_secret:
            return redirect(url_for("admin.login_totp"))
        if user.needs_2fa:
            flash(_("Peran Anda mewajibkan autentikasi dua faktor. Daftarkan aplikasi autentikator sekarang."), "info")
            return redirect(url_for("admin.enrol_totp"))
        return _finish_login(user, second_factor=False)
    return render_template("admin/login.html", form=form)


@bp.route("/masuk/2fa", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login_totp():
    user = _pending_user()
    if user is None or not user.totp_secret:
        flash(_("Sesi masuk berakhir. Silakan masuk lagi."), "warning")
        return redirect(url_for("admin.login"))
    form = TotpForm()
    if form.validate_on_submit():
        ok, _result = attempt(accounts.verify_totp, user, form.code.data)
        if not ok:
            return render_template("admin/totp.html", form=form)
        return _finish_login(user, second_factor=True)
    return render_template("admin/totp.html", form=form)


def _enrolling_user() -> User | None:
    """Who may see an enrolment secret: a fully logged-in officer, or one half-way through the login who
    has no second factor yet. The password alone never replaces an existing authenticator."""
    if current_user.is_authenticated:
        return current_user
    user = _pending_user()
    return user if user is not None and accounts.may_enrol(user, logged_in=False) else None


@bp.route("/2fa", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def enrol_totp():
    user = _enrolling_user()
    if user is None:
        return redirect(url_for("admin.login"))
    replacing = bool(user.totp_secret)
    if replacing and not is_fresh():
        flash(_("Untuk mengganti autentikator, masukkan kata sandi Anda sekali lagi."), "warning")
        return redirect(url_for("admin.reauth", next=request.full_path))
    secret = session.get("totp_enrol") or accounts.new_totp_secret()
    session["totp_enrol"] = secret
    form = TotpChangeForm() if replacing else TotpForm()
    if form.validate_on_submit():
        current_code = form.current_code.data if replacing else None
        ok, _result = attempt(accounts.enable_totp, user, secret, form.code.data, current_code=current_code)
        if ok:
            session.pop("totp_enrol", None)
            flash(_("Autentikasi dua faktor aktif."), "success")
            if not current_user.is_authenticated:
                return _finish_login(user, second_factor=True)
            mark_second_factor()
            return redirect(url_for("admin.dashboard"))
    return render_template("admin/enrol_totp.html", form=form, secret=secret, replacing=replacing,
                           uri=accounts.totp_uri(user, secret))


@bp.get("/2fa/qr.svg")
def totp_qr():
    user = _enrolling_user()
    secret = session.get("totp_enrol")
    if user is None or not secret:
        abort(404)
    img = qrcode.make(accounts.totp_uri(user, secret), image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buf = io.BytesIO()
    img.save(buf)
    return Response(buf.getvalue(), mimetype="image/svg+xml", headers={"Cache-Control": "no-store"})


@bp.post("/keluar")
def logout():
    form = ActionForm()
    if form.validate_on_submit() and current_user.is_authenticated:
        audit.record("logout", "user", current_user.id)
        logout_user()
    session.clear()
    regenerate_session()
    flash(_("Anda telah keluar."), "info")
    return redirect(url_for("admin.login"))


@bp.route("/konfirmasi", methods=["GET", "POST"])
@role_required(*ALL_ROLES)
@limiter.limit(_login_limit, methods=["POST"])
def reauth():
    form = ReauthForm()
    nxt = request.args.get("next")
    if form.validate_on_submit():
        if accounts.verify_password(current_user, form.password.data):
            mark_fresh()
            audit.record("login.reauth", "user", current_user.id)
            return redirect(nxt if is_safe_next(nxt) else url_for("admin.dashboard"))
        keep_after_refusal(audit.record, "login.failure", "user", current_user.id, {"reason": "reauth"})
        flash(_("Kata sandi salah."), "danger")
    return render_template("admin/reauth.html", form=form)


@bp.route("/sandi", methods=["GET", "POST"])
@role_required(*ALL_ROLES)
def password():
    form = PasswordForm()
    if form.validate_on_submit():
        if form.password.data != form.confirm.data:
            form.confirm.errors.append(_("Ulangan kata sandi tidak sama."))
        else:
            ok, _result = attempt(accounts.change_password, current_user, form.old_password.data,
                                  form.password.data, form=form)
            if ok:
                login_user(current_user._get_current_object())  # the session version changed: keep this session only
                flash(_("Kata sandi diganti. Sesi lain atas akun ini telah diakhiri."), "success")
                return redirect(url_for("admin.dashboard"))
    return render_template("admin/password.html", form=form)


@bp.get("/")
@role_required(*ALL_ROLES)
def dashboard():
    return render_template("admin/dashboard.html", cards=cards_for(current_user))


def _unit_choices():
    return [(0, _("— tanpa unit —"))] + unit_choices()


@bp.get("/pengguna")
@role_required(Role.admin)
def users():
    return render_template("admin/users.html", users=accounts.users_list(), action_form=ActionForm())


@bp.route("/pengguna/baru", methods=["GET", "POST"])
@role_required(Role.admin)
@fresh_login_required
def user_new():
    form = UserForm()
    form.unit_id.choices = _unit_choices()
    if form.validate_on_submit():
        unit = db.session.get(Unit, form.unit_id.data) if form.unit_id.data else None
        ok, made = attempt(accounts.create_user, form.email.data, form.nama.data, form.roles.data, unit=unit,
                           jabatan=form.jabatan.data or "", nip=form.nip.data or "", form=form)
        if ok:
            user, one_time = made
            return render_template("admin/one_time_password.html", user=user, password=one_time)
    return render_template("admin/user_form.html", form=form, title=_("Akun baru"))


@bp.route("/pengguna/<int:user_id>", methods=["GET", "POST"])
@role_required(Role.admin)
@fresh_login_required
def user_edit(user_id: int):
    user = db.get_or_404(User, user_id)
    form = UserEditForm(obj=user)
    form.unit_id.choices = _unit_choices()
    if request.method == "GET":
        form.roles.data = [r.value for r in user.roles]
        form.unit_id.data = user.unit_id or 0
    if form.validate_on_submit():
        ok, _saved = attempt(accounts.update_user, user, current_user, nama=form.nama.data,
                             jabatan=form.jabatan.data or "", nip=form.nip.data or "",
                             unit_id=form.unit_id.data or None, roles=form.roles.data, aktif=form.aktif.data)
        if ok:
            flash(_("Akun disimpan."), "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form, title=_("Ubah akun %(email)s", email=user.email),
                           user=user, action_form=ActionForm())


@bp.post("/pengguna/<int:user_id>/reset")
@role_required(Role.admin)
@fresh_login_required
def user_reset(user_id: int):
    user = db.get_or_404(User, user_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    one_time = accounts.reset_password(user)
    return render_template("admin/one_time_password.html", user=user, password=one_time)


@bp.post("/pengguna/<int:user_id>/reset-2fa")
@role_required(Role.admin)
@fresh_login_required
def user_reset_totp(user_id: int):
    user = db.get_or_404(User, user_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    accounts.reset_totp(user, current_user)
    flash(_("Autentikasi dua faktor %(email)s dihapus; ia wajib mendaftarkan autentikator baru saat masuk.",
            email=user.email), "success")
    return redirect(url_for("admin.user_edit", user_id=user.id)), 303


@bp.get("/audit")
@role_required(Role.admin, Role.pimpinan, Role.tpi)
def audit_log():
    q = select(AuditEvent).order_by(AuditEvent.id.desc())
    action = (request.args.get("aksi") or "").strip()[:80]
    actor = (request.args.get("pelaku") or "").strip()[:254]
    if action:
        q = q.where(AuditEvent.action.startswith(action))
    if actor:
        q = q.where(AuditEvent.actor == actor.lower())
    before = request.args.get("sebelum", type=int)
    if before:
        q = q.where(AuditEvent.id < before)  # keyset pagination
    events = list(db.session.scalars(q.limit(100)))
    checked, problem = audit.verify() if request.args.get("periksa") else (None, None)
    return render_template("admin/audit.html", events=events, action=action, actor=actor,
                           checked=checked, problem=problem)

