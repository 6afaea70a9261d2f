"""Languages of the bot: Indonesian first; /bahasa switches one user to English.

English comes from the Flask-Babel catalogues in translations/: the bot's own domain (`bot.po`) first, then
the web's (`messages.po`) for what the bot shares with the pages (status words, types, survey labels).
A text with no English entry stays Indonesian. `flask bot terjemahan` extracts and compiles the bot domain.
"""
from __future__ import annotations

from functools import cache

from babel.support import NullTranslations, Translations

from core.config import ROOT
from core.errors import Message

DIRECTORY = ROOT / "translations"
DOMAIN = "bot"
LANGS = ("id", "en")


@cache
def catalogue(lang: str) -> NullTranslations:
    if lang not in LANGS or lang == "id":
        return NullTranslations()
    web = Translations.load(str(DIRECTORY), [lang], domain="messages")
    own = Translations.load(str(DIRECTORY), [lang], domain=DOMAIN)
    if isinstance(web, Translations) and isinstance(own, Translations):
        web.merge(own)  # the bot's own wording wins where both have the same Indonesian text
        return web
    return own if isinstance(own, Translations) else web


def tr(lang: str, msgid: str, **values) -> str:
    """`msgid` (Indonesian) in `lang`, with %(name)s values filled in; a service's Message with its own values."""
    if isinstance(msgid, Message):
        return msgid.in_lang(lang, catalogue(lang).gettext)
    text = catalogue(lang).gettext(msgid) if msgid else msgid
    return text % values if values else text
