"""Personal data encrypted at rest with the server's DATA_KEY (kept outside the database).

Every value is bound (AEAD associated data) to its column's purpose, so it cannot be moved to another
column unnoticed; a reporter's identity is also bound to its row (`seal_rows`: the complaint's ticket, the
report's number), so a database writer who swaps two rows' values gets a row that refuses to open instead
of a complaint filed under another person's name.
"""
from __future__ import annotations

from flask import current_app
from sqlalchemy import Text, event, inspect
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.types import TypeDecorator

from core.crypto import decrypt_text, encrypt_text


class _Bound(str):
    """A plaintext on its way to the database, carrying the row it belongs to (set during a flush)."""

    row: str


class _Sealed:
    """A row-bound ciphertext as read; the row's load event opens it (the type alone cannot know the row)."""

    __slots__ = ("token",)

    def __init__(self, token: str):
        self.token = token

    def __repr__(self) -> str:
        return "<tersegel>"


def _aad(purpose: str, row: str) -> str:
    return f"{purpose}#{row}"


class EncryptedText(TypeDecorator):
    """A text column stored as AEAD ciphertext; `purpose` (e.g. "pengaduan.nama") is bound as associated
    data. `row_bound`: the row's key is bound too — the model must call `seal_rows`, and such a column is
    written and read through the ORM only."""

    impl = Text
    cache_ok = True

    def __init__(self, purpose: str, *, row_bound: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.purpose = purpose
        self.row_bound = row_bound

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, _Sealed):  # loaded but never opened: written back as it was
            return value.token
        key = current_app.config["DATA_KEY"]
        if not self.row_bound:
            return encrypt_text(key, str(value), self.purpose)
        row = getattr(value, "row", None)
        if row is None:
            raise ValueError(f"{self.purpose}: nilai terikat baris hanya ditulis lewat ORM")
        return encrypt_text(key, str(value), _aad(self.purpose, row))

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if self.row_bound:
            return _Sealed(value)
        return decrypt_text(current_app.config["DATA_KEY"], value, self.purpose)


def seal_rows(cls, key: str) -> None:
    """Bind `cls`'s row-bound columns to the row's `key` attribute (immutable, known before the insert)."""
    purposes = {c.key: c.type.purpose for c in cls.__table__.columns
                if isinstance(c.type, EncryptedText) and c.type.row_bound}

    def bind(mapper, connection, target):
        state = inspect(target)
        if state.attrs[key].history.deleted and state.has_identity:
            raise ValueError(f"{cls.__name__}.{key} mengikat data pribadi: tidak boleh diubah")
        row = str(getattr(target, key))
        for name in purposes:
            value = target.__dict__.get(name)
            if isinstance(value, str) and getattr(value, "row", None) != row:
                bound = _Bound(value)
                bound.row = row
                target.__dict__[name] = bound  # same text, so the history (and the UPDATE) stay as they were

    def open_(target, *_):
        sealed = {n: v for n in purposes if isinstance(v := target.__dict__.get(n), _Sealed)}
        if not sealed:
            return
        row, data_key = str(getattr(target, key)), current_app.config["DATA_KEY"]
        for name, value in sealed.items():
            set_committed_value(target, name, decrypt_text(data_key, value.token, _aad(purposes[name], row)))

    event.listen(cls, "before_insert", bind)
    event.listen(cls, "before_update", bind)
    event.listen(cls, "load", open_)
    event.listen(cls, "refresh", open_)


def reseal(value: str | None, purpose: str, row: str, *, to_row: bool = True) -> str | None:
    """A stored token moved between the plain and the row-bound form (migrations)."""
    key = current_app.config["DATA_KEY"]
    if value is None:
        return None
    if to_row:
        return encrypt_text(key, decrypt_text(key, value, purpose), _aad(purpose, row))
    return encrypt_text(key, decrypt_text(key, value, _aad(purpose, row)), purpose)


def sealed_for_row(value: str, purpose: str, row: str) -> _Sealed:
    """A row-bound value already sealed to its row's key, for a bulk INSERT that bypasses the ORM (the
    benchmarks' loaders): written as it is."""
    return _Sealed(encrypt_text(current_app.config["DATA_KEY"], value, _aad(purpose, row)))


def seal(value: str | None, purpose: str) -> str | None:
    return encrypt_text(current_app.config["DATA_KEY"], value, purpose)


def unseal(token: str | None, purpose: str) -> str | None:
    return decrypt_text(current_app.config["DATA_KEY"], token, purpose)


def mask(value: str | None, keep: int = 2) -> str:
    """'Budi Santoso' -> 'Bu*** Sa*****' for documents of a confidential complaint."""
    if not value:
        return "-"
    return " ".join(w[:keep] + "*" * max(1, len(w) - keep) for w in value.split())
