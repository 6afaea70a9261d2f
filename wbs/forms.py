"""Forms of the WBS pages (messages in Indonesian; WTForms has no Indonesian catalog)."""
from __future__ import annotations

import secrets

from flask_wtf import FlaskForm
from wtforms import HiddenField, MultipleFileField, PasswordField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from core.forms import REQUIRED, PublicForm
from wbs.service import JENIS, MAX_IDENTITAS, MAX_TEXT, STATUS, TUJUAN

ACCEPT = ".jpg,.jpeg,.png,.webp,.pdf,image/jpeg,image/png,image/webp,application/pdf"
_LONG = Length(max=MAX_TEXT, message=f"Terlalu panjang (maksimal {MAX_TEXT:,} karakter).".replace(",", "."))


def new_token() -> str:
    return secrets.token_urlsafe(24)


class ReportForm(PublicForm):
    """The 4W+1H form. Only «apa» is required: whatever is missing is asked later in the mailbox."""

    apa = TextAreaField("Apa yang terjadi?", validators=[DataRequired("Ceritakan apa yang terjadi."), _LONG],
                        render_kw={"rows": 6})
    dimana = TextAreaField("Di mana terjadinya?", validators=[Optional(), _LONG], render_kw={"rows": 2})
    kapan = TextAreaField("Kapan terjadinya?", validators=[Optional(), _LONG], render_kw={"rows": 2})
    siapa = TextAreaField("Siapa yang terlibat?", validators=[Optional(), _LONG], render_kw={"rows": 3})
    bagaimana = TextAreaField("Bagaimana caranya (modus)?", validators=[Optional(), _LONG], render_kw={"rows": 4})
    mengapa = TextAreaField("Mengapa (bila Anda tahu)?", validators=[Optional(), _LONG], render_kw={"rows": 2})
    jenis = SelectField("Jenis pelanggaran", choices=list(JENIS.items()), default="lainnya")
    lampiran = MultipleFileField("Bukti awal (opsional; JPG, PNG, WebP atau PDF; paling banyak 5 berkas)",
                                 render_kw={"accept": ACCEPT})
    identitas = TextAreaField(
        "Identitas atau kontak Anda (opsional)",
        validators=[Optional(), Length(max=MAX_IDENTITAS, message=f"Maksimal {MAX_IDENTITAS} karakter.")],
        render_kw={"rows": 2})
    token = HiddenField()


class ReceiptForm(PublicForm):
    resi = PasswordField("Resi", validators=[DataRequired(REQUIRED), Length(max=64, message="Resi terlalu panjang.")],
                         render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"})


class ReporterMessageForm(PublicForm):
    resi = HiddenField(validators=[DataRequired(REQUIRED)])
    pesan = TextAreaField("Pesan atau jawaban Anda", validators=[Optional(), _LONG], render_kw={"rows": 5})
    lampiran = MultipleFileField("Tambah bukti (opsional; paling banyak 5 berkas)", render_kw={"accept": ACCEPT})
    token = HiddenField()


# --- officers -------------------------------------------------------------------------------------

class PassphraseForm(FlaskForm):
    passphrase = PasswordField("Frasa sandi WBS", validators=[DataRequired(REQUIRED), Length(max=1024)],
                               render_kw={"autocomplete": "off"})


class EnrolForm(FlaskForm):
    passphrase = PasswordField("Frasa sandi WBS baru (minimal 12 karakter)",
                               validators=[DataRequired(REQUIRED), Length(max=1024)],
                               render_kw={"autocomplete": "new-password"})
    confirm = PasswordField("Ulangi frasa sandi", validators=[DataRequired(REQUIRED), Length(max=1024)],
                            render_kw={"autocomplete": "new-password"})


class TeamMessageForm(FlaskForm):
    teks = TextAreaField("Pesan", validators=[DataRequired(REQUIRED), _LONG], render_kw={"rows": 4})
    token = HiddenField()


class StatusForm(FlaskForm):
    status = SelectField("Status baru", choices=[], validators=[DataRequired(REQUIRED)])
    tujuan = SelectField("Diteruskan ke (wajib bila Ditindaklanjuti)",
                         choices=[("", "—")] + list(TUJUAN.items()), validators=[Optional()])
    alasan = TextAreaField("Alasan (akan terlihat oleh pelapor)",
                           validators=[DataRequired(REQUIRED), _LONG], render_kw={"rows": 3})

    def set_choices(self, allowed: list[str]) -> None:
        self.status.choices = [(s, STATUS[s]) for s in allowed]


class EmptyForm(FlaskForm):
    pass

