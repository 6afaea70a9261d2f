from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (BooleanField, EmailField, PasswordField, SelectField, SelectMultipleField, StringField,
                     SubmitField)
from wtforms.validators import DataRequired, Email, Length, Optional

from core.accounts import MIN_PASSWORD
from core.models import ROLE_LABELS

REQUIRED = _l("Wajib diisi.")


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(REQUIRED), Length(max=254)])
    password = PasswordField(_l("Kata sandi"), validators=[DataRequired(REQUIRED), Length(max=1024)])
    submit = SubmitField(_l("Masuk"))


class TotpForm(FlaskForm):
    code = StringField(_l("Kode 6 angka dari aplikasi autentikator"),
                       validators=[DataRequired(REQUIRED), Length(min=6, max=7, message=_l("Kode terdiri dari 6 angka."))],
                       render_kw={"inputmode": "numeric", "autocomplete": "one-time-code"})
    submit = SubmitField(_l("Verifikasi"))


class TotpChangeForm(TotpForm):
    """Replacing an authenticator: the code of the old one proves it is still in the officer's hands."""

    current_code = StringField(_l("Kode 6 angka dari autentikator lama"),
                               validators=[DataRequired(REQUIRED), Length(min=6, max=7, message=_l("Kode terdiri dari 6 angka."))],
                               render_kw={"inputmode": "numeric", "autocomplete": "one-time-code"})


class ReauthForm(FlaskForm):
    password = PasswordField(_l("Kata sandi"), validators=[DataRequired(REQUIRED), Length(max=1024)])
    submit = SubmitField(_l("Lanjutkan"))


class PasswordForm(FlaskForm):
    old_password = PasswordField(_l("Kata sandi saat ini"), validators=[DataRequired(REQUIRED), Length(max=1024)])
    password = PasswordField(_l("Kata sandi baru (minimal %(n)s karakter)", n=MIN_PASSWORD), validators=[DataRequired(REQUIRED), Length(max=1024)])
    confirm = PasswordField(_l("Ulangi kata sandi baru"), validators=[DataRequired(REQUIRED), Length(max=1024)])
    submit = SubmitField(_l("Simpan kata sandi"))


# the role names in the reader's language (lazy: the choices are built once, at import)
ROLE_CHOICES = [(r.value, _l(label)) for r, label in ROLE_LABELS.items()]


class UserForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(REQUIRED), Email(_l("Alamat e-mail tidak valid.")),
                                                 Length(max=254)])
    nama = StringField(_l("Nama"), validators=[DataRequired(REQUIRED), Length(max=200)])
    jabatan = StringField(_l("Jabatan"), validators=[Optional(), Length(max=200)])
    nip = StringField(_l("NIP"), validators=[Optional(), Length(max=30)])
    unit_id = SelectField(_l("Unit"), coerce=int, validators=[Optional()])
    roles = SelectMultipleField(_l("Peran"), choices=ROLE_CHOICES,
                                validators=[DataRequired(_l("Pilih minimal satu peran."))])
    submit = SubmitField(_l("Simpan"))


class UserEditForm(UserForm):
    email = None  # an account's e-mail is its login: it stays
    aktif = BooleanField(_l("Aktif"))


class ActionForm(FlaskForm):
    """A bare form: only the CSRF token, for buttons that change state."""

    submit = SubmitField(_l("Lanjutkan"))
