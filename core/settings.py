"""Office settings: stored as Setting rows, each with a default here so a new office works at once.

A package's own defaults (deadlines, thresholds, …) are declared in its `Package` in `app.py`.
"""
from __future__ import annotations

from copy import deepcopy

from flask import g
from sqlalchemy import select

from core.extensions import db
from core.officecache import cached, changed
from core.models import Setting

DEFAULTS: dict[str, object] = {
    "kantor": {
        "nama": "Nama Instansi",
        "nama_en": "",  # the name on English pages (?lang=en); empty: the Indonesian name
        "nama_singkat": "ZI Lapor",
        "induk": "",
        "alamat": "",
        "telepon": "",
        "email": "",
        "situs": "",
        "kota": "",
        "kepala_nama": "",
        "kepala_jabatan": "Kepala",
        "kepala_nip": "",
    },
    # nota dinas (DOMAIN.md §7): numbering, the signing official and the deputy (Plh.) who signs when the
    # official is marked absent, and the default tembusan (None: the head of office; [] : none)
    "nota_dinas": {
        "template_nomor": "{seq}/{kode_jabatan}/{kka}/{mm}/{yyyy}",
        "kode_jabatan": "KPW",
        "kka": "PP.01",
        "penandatangan_jabatan": "",  # empty: the head of office (kantor.kepala_*) signs
        "penandatangan_nama": "",
        "penandatangan_nip": "",
        "plh_nama": "",
        "plh_nip": "",
        "berhalangan": False,
        "tembusan": None,
    },
    "security": {"require_2fa_all": False},
}


def _default(key: str):
    from core.registry import registry

    return deepcopy(DEFAULTS[key] if key in DEFAULTS else registry().settings.get(key))


def get_setting(key: str):
    """The stored value merged over its default (dicts shallow-merged), cached per request."""
    cache = g.setdefault("_settings", {}) if _has_g() else {}
    if key in cache:
        return cache[key]
    stored = deepcopy(cached("settings", _stored).get(key))
    default = _default(key)
    if isinstance(default, dict) and isinstance(stored, dict):
        value = {**default, **stored}
    else:
        value = stored if stored is not None else default
    cache[key] = value
    return value


def _stored() -> dict:
    """Every stored setting, one query (core.officecache keeps it for a few seconds)."""
    return dict(db.session.execute(select(Setting.key, Setting.value)).all())


def set_setting(key: str, value) -> None:
    row = db.session.get(Setting, key)
    if row is None:
        db.session.add(Setting(key=key, value=value))
    else:
        row.value = value
    changed()
    if _has_g():
        g.pop("_settings", None)


def office() -> dict:
    return get_setting("kantor")


def _has_g() -> bool:
    from flask import has_app_context

    return has_app_context()
