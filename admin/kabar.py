"""An officer's own e-mail alerts (core.mail): follow the office's default, always, or never."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import RadioField

from admin.views import ALL_ROLES, bp
from core import audit
from core.mail import ALERT_ROLES
from core.security import role_required
from core.settings import get_setting

CHOICES = [("kantor", _l("Ikuti pengaturan kantor")), ("ya", _l("Kirimi saya surel")),
           ("tidak", _l("Jangan kirimi saya surel"))]
VALUE = {"kantor": None, "ya": True, "tidak": False}


class KabarForm(FlaskForm):
    pilihan = RadioField(_l("Pemberitahuan surel"), choices=CHOICES, default="kantor")


@bp.route("/pemberitahuan", methods=["GET", "POST"])
@role_required(*ALL_ROLES)
def kabar_saya():
    user = current_user._get_current_object()
    form = KabarForm(data={"pilihan": {None: "kantor", True: "ya", False: "tidak"}[user.kabar_surel]})
    if form.validate_on_submit():
        user.kabar_surel = VALUE[form.pilihan.data]
        audit.record("user.kabar_surel", "user", user.id, {"pilihan": form.pilihan.data}, actor=user)
        flash(_("Pilihan pemberitahuan surel disimpan."), "success")
        return redirect(url_for("admin.kabar_saya"))
    defaults = get_setting("kabar_surel")
    mine = [(r.label, bool(defaults.get(r.value, True))) for r in ALERT_ROLES if user.has_role(r)]
    return render_template("admin/kabar.html", form=form, mine=mine, email=user.email)
