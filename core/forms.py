"""Form pieces shared by the public channels."""
from __future__ import annotations

import unicodedata

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import ValidationError

REQUIRED = _l("Wajib diisi.")
# zero-width and bidi control characters: invisible, used to spoof text; removed from every input
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202a", "\u202b", "\u202c", "\u202d",
              "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"}


def clean_text(value: str | None) -> str:
    """NFC-normalise, drop invisible/control characters (keeping newlines and tabs), trim."""
    if not value:
        return ""
    value = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in value if ch in "\n\t" or (ch not in _INVISIBLE and unicodedata.category(ch) != "Cc")).strip()


class PublicForm(FlaskForm):
    """Base for anonymous public forms: a honeypot field people never see (hidden by CSS, not JS)."""

    website = StringField(_l("Jangan isi kolom ini"), render_kw={"autocomplete": "off", "tabindex": "-1"})

    def validate_website(self, field):
        if field.data:
            raise ValidationError(_l("Kiriman ditolak."))

    @property
    def is_bot(self) -> bool:
        return bool(self.website.data)
