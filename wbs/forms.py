"""Forms of the WBS pages (messages in Indonesian, translated through Flask-Babel; WTForms has no Indonesian
catalog).

The reporter's forms carry a stateless CSRF token (`SignedCSRF`): the WBS pages open no server session
(core.sessions), since a session row's expiry would be an exact time of the visit.
"""
from __future__ import annotations

import secrets

from flask import current_app
from flask_babel import LazyString, format_number
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from itsdangerous import BadData, URLSafeTimedSerializer
from wtforms import HiddenField, MultipleFileField, PasswordField, SelectField, TextAreaField
from wtforms.csrf.core import CSRF
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from core.forms import PublicForm
from wbs.keys import MIN_PASSPHRASE
from wbs.service import JENIS, MAX_IDENTITAS, MAX_TEXT, STATUS, TUJUAN

ACCEPT = ".jpg,.jpeg,.png,.webp,.pdf,image/jpeg,image/png,image/webp,application/pdf"
REQUIRED = _l("Wajib diisi.")
# the limit is written with the reader's digit grouping: 10.000 in Indonesian, 10,000 in English
_LONG = Length(max=MAX_TEXT, message=_l("Terlalu panjang (maksimal %(n)s karakter).",
                                        n=LazyString(format_number, MAX_TEXT)))


def new_token() -> str:
    return secrets.token_urlsafe(24)


class SignedCSRF(CSRF):
    """A CSRF token that needs no session: signed (HMAC under SECRET_KEY, with the second it was made) and
    accepted for WTF_CSRF_TIME_LIMIT (26 h: a slow writer keeps the form). Nothing about it is stored, and
    it names no visitor (there is no session to bind it to: what it proves is that the form came from this
    server, which is what an anonymous form can ask)."""

    _SALT = "zi-wbs/csrf"

    @staticmethod
    def _serializer() -> URLSafeTimedSerializer:
        return URLSafeTimedSerializer(current_app.secret_key, salt=SignedCSRF._SALT)

    def generate_csrf_token(self, csrf_token_field) -> str:
        return self._serializer().dumps("wbs")

    def validate_csrf_token(self, form, field) -> None:
        try:
            self._serializer().loads(field.data or "", max_age=current_app.config["WTF_CSRF_TIME_LIMIT"])
        except BadData:
            raise ValidationError(_l("Formulir kedaluwarsa atau tidak sah (token keamanan tidak cocok). "
                                     "Muat ulang halaman, lalu kirim lagi."))


class WbsPublicForm(PublicForm):
    class Meta:
        csrf_class = SignedCSRF


class ReportForm(WbsPublicForm):
    """The 4W+1H form. Only «apa» is required: whatever is missing is asked later in the mailbox."""

    apa = TextAreaField(_l("Apa yang terjadi?"), validators=[DataRequired(_l("Ceritakan apa yang terjadi.")), _LONG],
                        render_kw={"rows": 6})
    dimana = TextAreaField(_l("Di mana terjadinya?"), validators=[Optional(), _LONG], render_kw={"rows": 2})
    kapan = TextAreaField(_l("Kapan terjadinya?"), validators=[Optional(), _LONG], render_kw={"rows": 2})
    siapa = TextAreaField(_l("Siapa yang terlibat?"), validators=[Optional(), _LONG], render_kw={"rows": 3})
    bagaimana = TextAreaField(_l("Bagaimana caranya (modus)?"), validators=[Optional(), _LONG], render_kw={"rows": 4})
    mengapa = TextAreaField(_l("Mengapa (bila Anda tahu)?"), validators=[Optional(), _LONG], render_kw={"rows": 2})
    jenis = SelectField(_l("Jenis pelanggaran"), choices=[(k, _l(v)) for k, v in JENIS.items()], default="lainnya")
    lampiran = MultipleFileField(_l("Bukti awal (opsional; JPG, PNG, WebP atau PDF; paling banyak 5 berkas)"),
                                 render_kw={"accept": ACCEPT})
    identitas = TextAreaField(
        _l("Identitas atau kontak Anda (opsional)"),
        validators=[Optional(), Length(max=MAX_IDENTITAS, message=_l("Maksimal %(n)s karakter.", n=MAX_IDENTITAS))],
        render_kw={"rows": 2})
    token = HiddenField()


class ReceiptForm(WbsPublicForm):
    resi = PasswordField(_l("Resi"),
                         validators=[DataRequired(REQUIRED), Length(max=64, message=_l("Resi terlalu panjang."))],
                         render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"})


class ReporterMessageForm(WbsPublicForm):
    resi = HiddenField(validators=[DataRequired(REQUIRED)])
    pesan = TextAreaField(_l("Pesan atau jawaban Anda"), validators=[Optional(), _LONG], render_kw={"rows": 5})
    lampiran = MultipleFileField(_l("Tambah bukti (opsional; paling banyak 5 berkas)"), render_kw={"accept": ACCEPT})
    token = HiddenField()


# --- officers -------------------------------------------------------------------------------------

class PassphraseForm(FlaskForm):
    passphrase = PasswordField(_l("Frasa sandi WBS"), validators=[DataRequired(REQUIRED), Length(max=1024)],
                               render_kw={"autocomplete": "off"})


class EnrolForm(FlaskForm):
    passphrase = PasswordField(_l("Frasa sandi WBS baru (minimal %(n)s karakter)", n=MIN_PASSPHRASE),
                               validators=[DataRequired(REQUIRED), Length(max=1024)],
                               render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("Ulangi frasa sandi"), validators=[DataRequired(REQUIRED), Length(max=1024)],
                            render_kw={"autocomplete": "new-password"})


class TeamMessageForm(FlaskForm):
    teks = TextAreaField(_l("Pesan"), validators=[DataRequired(REQUIRED), _LONG], render_kw={"rows": 4})
    token = HiddenField()


class StatusForm(FlaskForm):
    status = SelectField(_l("Status baru"), choices=[], validators=[DataRequired(REQUIRED)])
    tujuan = SelectField(_l("Diteruskan ke (wajib bila Ditindaklanjuti)"),
                         choices=[("", "—")] + [(k, _l(v)) for k, v in TUJUAN.items()], validators=[Optional()])
    alasan = TextAreaField(_l("Alasan (akan terlihat oleh pelapor)"),
                           validators=[DataRequired(REQUIRED), _LONG], render_kw={"rows": 3})

    def set_choices(self, allowed: list[str]) -> None:
        self.status.choices = [(s, _l(STATUS[s])) for s in allowed]


class EmptyForm(FlaskForm):
    pass

