"""Personal data encrypted at rest with the server's DATA_KEY (kept outside the database)."""
from __future__ import annotations

from flask import current_app
from sqlalchemy import Text
from sqlalchemy.types import TypeDecorator

from core.crypto import decrypt_text, encrypt_text


class EncryptedText(TypeDecorator):
    """A text column stored as AEAD ciphertext; `purpose` (e.g. "pengaduan.nama") is bound as
    associated data so a value cannot be moved to another column unnoticed."""

    impl = Text
    cache_ok = True

    def __init__(self, purpose: str, **kwargs):
        super().__init__(**kwargs)
        self.purpose = purpose

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return encrypt_text(current_app.config["DATA_KEY"], str(value), self.purpose)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return decrypt_text(current_app.config["DATA_KEY"], value, self.purpose)


def seal(value: str | None, purpose: str) -> str | None:
    return encrypt_text(current_app.config["DATA_KEY"], value, purpose)


def unseal(token: str | None, purpose: str) -> str | None:
    return decrypt_text(current_app.config["DATA_KEY"], token, purpose)


def mask(value: str | None, keep: int = 2) -> str:
    """'Budi Santoso' -> 'Bu*** Sa*****' for documents of a confidential complaint."""
    if not value:
        return "-"
    return " ".join(w[:keep] + "*" * max(1, len(w) - keep) for w in value.split())
