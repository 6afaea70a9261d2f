"""Forms of the WBS pages (messages in Indonesian, translated through Flask-Babel; WTForms has no Indonesian
catalog)."""
from __future__ import annotations

import secrets

from flask_babel import LazyString, format_number
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, MultipleFileField, PasswordField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from core.forms import PublicForm
from wbs.service import JENIS, MAX_IDENTITAS, MAX_TEXT, STATUS, TUJUAN

ACCEPT = ".jpg,.jpeg,.png,.webp,.pdf,image/jpeg,image/png,image/webp,application/pdf"
REQUIRED = _l("Wajib diisi.")
# the limit is written with the reader's digit grouping: 10.000 in Indonesian, 10,000 in English
_LONG = Length(max=MAX_TEXT, message=_l("Terlalu panjang (maksimal %(n)s karakter).",
                                        n=LazyString(format_number, MAX_TEXT)))


def new_token() -> str:
    return secrets.token_urlsafe(24)


class ReportForm(PublicForm):
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


class ReceiptForm(PublicForm):
    resi = PasswordField(_l("Resi"),
                         validators=[DataRequired(REQUIRED), Length(max=64, message=_l("Resi terlalu panjang."))],
                         render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"})


class ReporterMessageForm(PublicForm):
    resi = HiddenField(validators=[DataRequired(REQUIRED)])
    pesan = TextAreaField(_l("Pesan atau jawaban Anda"), validators=[Optional(), _LONG], render_kw={"rows": 5})
    lampiran = MultipleFileField(_l("Tambah bukti (opsional; paling banyak 5 berkas)"), render_kw={"accept": ACCEPT})
    token = HiddenField()


# --- officers -------------------------------------------------------------------------------------

class PassphraseForm(FlaskForm):
    passphrase = PasswordField(_l("Frasa sandi WBS"), validators=[DataRequired(REQUIRED), Length(max=1024)],
                               render_kw={"autocomplete": "off"})


class EnrolForm(FlaskForm):
    passphrase = PasswordField(_l("Frasa sandi WBS baru (minimal 12 karakter)"),
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

