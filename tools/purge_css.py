"""Write static/css/bootstrap.css: Bootstrap-Flask's bundled Bootstrap 5 with only the rules whose class
and attribute names appear in the templates or the Python code (a citizen's phone downloads ~30 KB, not
230 KB). Run it again after using a Bootstrap class that no page used before:

    .venv/bin/python tools/purge_css.py

Like PurgeCSS's default extractor, every word in the sources counts as possibly used, so a kept class is
never missed; a template that builds a class name (`alert-{{ category }}`) keeps every class with that
prefix. Selectors inside :not(), :is() … are left alone (they match more, not less)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import flask_bootstrap
import tinycss2

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path(flask_bootstrap.__file__).parent / "static" / "bootstrap5" / "css" / "bootstrap.min.css"
TARGET = ROOT / "static" / "css" / "bootstrap.css"
PACKAGES = ("core", "pengaduan", "wbs", "gratifikasi", "skm", "lintas", "zi", "admin", "bot")
WORD = re.compile(r"[A-Za-z0-9_-]+")
BUILT_PREFIX = re.compile(r"([A-Za-z][\w-]*-)\{\{")


def used_words() -> tuple[set[str], tuple[str, ...]]:
    files = [*(ROOT / "templates").rglob("*.html"), *(p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py"))]
    words: set[str] = set()
    prefixes: set[str] = set()
    for path in files:
        text = path.read_text(encoding="utf-8")
        words.update(WORD.findall(text))
        prefixes.update(BUILT_PREFIX.findall(text))
    return words, tuple(sorted(prefixes))


def _split(tokens) -> list[list]:
    """A selector list cut at its top-level commas."""
    parts, current = [], []
    for token in tokens:
        if token.type == "literal" and token.value == ",":
            parts.append(current)
            current = []
        else:
            current.append(token)
    parts.append(current)
    return parts


def _names(selector) -> tuple[list[str], list[str]]:
    """The class names and attribute names a selector needs at its top level."""
    classes, attributes = [], []
    for before, token in zip([None, *selector], selector):
        if token.type == "ident" and before is not None and before.type == "literal" and before.value == ".":
            classes.append(token.value)
        elif token.type == "[] block":
            idents = [t for t in token.content if t.type == "ident"]
            if idents:
                attributes.append(idents[0].value)
    return classes, attributes


def purge(rules, words: set[str], prefixes: tuple[str, ...]) -> list[str]:
    def used(name: str) -> bool:
        return name in words or name.startswith(prefixes)

    kept: list[str] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in _split(rule.prelude)
                         if all(used(n) for names in _names(s) for n in names)]
            if selectors:
                prelude = ",".join(tinycss2.serialize(s).strip() for s in selectors)
                kept.append(f"{prelude}{{{tinycss2.serialize(rule.content).strip()}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports", "container") and rule.content:
            inner = purge(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True),
                          words, prefixes)
            if inner:
                kept.append(f"@{rule.at_keyword} {tinycss2.serialize(rule.prelude).strip()}{{{''.join(inner)}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword != "charset":  # the file is served as UTF-8
            kept.append(tinycss2.serialize([rule]))
    return kept


def build() -> str:
    """The purged stylesheet's text."""
    css = SOURCE.read_text(encoding="utf-8")
    licence = re.search(r"/\*!.*?\*/", css, re.S).group(0)
    words, prefixes = used_words()
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    kept = purge(rules, words, prefixes)
    body = "".join(kept)
    # keyframes no kept rule animates
    body = re.sub(r"@keyframes ([\w-]+)\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}",
                  lambda m: m.group(0) if body.count(m.group(1)) > 1 else "", body)
    return f"{licence}\n/* purged by tools/purge_css.py from Bootstrap-Flask's {SOURCE.name} */\n{body}\n"


def main() -> int:
    TARGET.write_text(build(), encoding="utf-8")
    print(f"{TARGET.relative_to(ROOT)}: {SOURCE.stat().st_size // 1024} KB -> {TARGET.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
