"""The English catalogues are complete: every text marked in the code and templates has a reviewed English
entry, and the compiled .mo files the app loads say the same as the .po files. When this fails after adding
texts: `make translations`, fill the entries it names, run it again (it recompiles)."""
from __future__ import annotations

from functools import cache

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from core.config import ROOT

LC = ROOT / "translations" / "en" / "LC_MESSAGES"
def _keywords() -> dict:
    """The Makefile's MSG_KEYWORDS (N_ and the domain errors' first argument), so the two never disagree."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    words = text.split("MSG_KEYWORDS :=", 1)[1].split("\ntranslations:", 1)[0].replace("\\\n", " ").split()
    return {**DEFAULT_KEYWORDS, **{w: None for w in words}}


KEYWORDS = _keywords()
DOMAINS = {
    # domain: (folder extracted, method map, options map)
    "messages": lambda: (ROOT, *_mapping()),
    "bot": lambda: (ROOT / "bot", [("**.py", "python")], {}),
}


def _mapping():
    with open(ROOT / "babel.cfg", encoding="utf-8") as fh:
        return parse_mapping_cfg(fh, filename=str(ROOT / "babel.cfg"))


@cache
def used(domain: str) -> frozenset:
    folder, method_map, options_map = DOMAINS[domain]()
    return frozenset((msgid, context) for _file, _line, msgid, _comments, context in
                     extract_from_dir(str(folder), method_map, options_map, keywords=KEYWORDS) if msgid)


def catalogue(domain: str):
    with open(LC / f"{domain}.po", "rb") as fh:
        return read_po(fh)


def _key(msgid) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_marked_text_has_an_english_translation(domain):
    po = catalogue(domain)
    missing = []
    for msgid, context in sorted(used(domain), key=lambda used: _key(used[0])):
        entry = po.get(msgid, context=context)
        strings = entry.string if entry is not None else ""
        if entry is None or entry.fuzzy or not all(strings if isinstance(strings, tuple) else [strings]):
            missing.append(_key(msgid))
    assert not missing, (f"{len(missing)} teks tanpa terjemahan Inggris di {domain}.po (jalankan `make translations`"
                         " lalu isi):\n" + "\n".join(missing[:50]))


@pytest.mark.parametrize("domain", DOMAINS)
def test_translations_keep_the_placeholders(domain):
    problems = [f"{_key(message.id)}: {errors}" for message, errors in catalogue(domain).check()]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_compiled_catalogue_matches_the_po(domain):
    po = {(m.id, m.context): m.string for m in catalogue(domain) if m.id and m.string and not m.fuzzy}
    with open(LC / f"{domain}.mo", "rb") as fh:
        mo = {(m.id, m.context): m.string for m in read_mo(fh) if m.id}
    stale = sorted(_key(k[0]) for k in po.keys() ^ mo.keys() | {k for k in po.keys() & mo.keys() if po[k] != mo[k]})
    assert not stale, f"{domain}.mo tidak sama dengan {domain}.po (jalankan `make translations`): {stale[:20]}"
