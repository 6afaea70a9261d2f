"""Checked uploads kept on disk between the steps of a form (a confirm page, a step-by-step form, a bot
conversation) until the report is sent, then removed; a daily purge takes what was never sent.

Each form has its own folder under UPLOAD_FOLDER (`kind`, e.g. "draf-pengaduan"). A staged file is a dict
(random stored name, original name, type, size) that the caller keeps: in the server-side session, in the bot's
conversation, or — where the session must hold no personal data — in a small list on disk under a token the
page carries (`keep`/`kept`/`forget`): the token is unguessable (192 bits), and the list's file name is a hash
of it, so the folder listing does not give tokens away. Files are read back checked again by content."""
from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
from datetime import timedelta
from pathlib import Path

from flask import current_app

from core import crypto, storage
from core.workdays import utcnow

_TOKEN = re.compile(r"[A-Za-z0-9_-]{32,64}")


def folder(kind: str) -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"]) / kind


def stage(kind: str, files: list[storage.Clean]) -> list[dict]:
    """Keep checked files on disk until the reporter sends; the caller keeps the returned list."""
    return [{"nama": storage.store_bytes(folder(kind), f.data), "asli": f.original_name, "jenis": f.content_type,
             "ukuran": f.size} for f in files]


def present(kind: str, staged: list[dict] | None) -> list[dict]:
    """The staged files still on disk (a list from outside is only trusted for names store_bytes makes)."""
    out = []
    for s in staged or []:
        try:
            if (folder(kind) / storage._checked(s["nama"])).exists():
                out.append(s)
        except (ValueError, KeyError, TypeError):
            continue
    return out


def load(kind: str, staged: list[dict] | None) -> list[storage.Clean]:
    """Read staged files back, checked again by content."""
    limit = current_app.config["MAX_FILE_BYTES"]
    return [storage.inspect_upload(storage.read_bytes(folder(kind), s["nama"]), s["asli"], max_bytes=limit)
            for s in present(kind, staged)]


def drop(kind: str, staged: list[dict] | None) -> None:
    for s in staged or []:
        try:
            storage.delete_bytes(folder(kind), s["nama"])
        except (ValueError, KeyError, TypeError):
            continue


def purge(kind: str, older_than: timedelta = timedelta(days=1)) -> int:
    """Remove what was staged and never sent (run daily)."""
    where = folder(kind)
    if not where.exists():
        return 0
    cutoff = utcnow().timestamp() - older_than.total_seconds()
    n = 0
    for path in where.iterdir():
        if path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            n += 1
    return n


# --- a list of staged files kept under a token the page carries -------------------------------------

def new_token() -> str:
    return secrets.token_urlsafe(24)


def valid_token(token: str | None) -> str | None:
    return token if isinstance(token, str) and _TOKEN.fullmatch(token) else None


def _list_name(token: str) -> str:
    return hashlib.sha256(("staging:" + token).encode()).hexdigest()[:32]  # a name storage accepts


def kept(kind: str, token: str | None) -> list[dict]:
    """The files staged under `token` that are still on disk ([] for no token, a bad one or an old one)."""
    if not valid_token(token):
        return []
    try:
        staged = json.loads(storage.read_bytes(folder(kind), _list_name(token)))
    except (OSError, ValueError):
        return []
    return present(kind, staged if isinstance(staged, list) else [])


def keep(kind: str, token: str, staged: list[dict]) -> None:
    """Write the list for `token` (replaced whole: a half-written list is never read)."""
    if not valid_token(token):
        raise ValueError("token staging tidak sah")
    _write(folder(kind), _list_name(token), json.dumps(staged).encode())


def forget(kind: str, token: str | None) -> None:
    """Remove the files staged under `token`, their list and the sealed answers (after the report is sent)."""
    if not valid_token(token):
        return
    drop(kind, kept(kind, token))
    storage.delete_bytes(folder(kind), _list_name(token))
    storage.delete_bytes(folder(kind), _sealed_name(token))


# --- a form's answers between its pages, sealed under a key only the browser holds ---------------------
# A page reached by GET (after a step's post, or by the browser's Back button) is drawn from these; the key
# lives in a cookie, so the folder alone — a copy of the disk, a backup — reveals no answer.

def _sealed_name(token: str) -> str:
    return hashlib.sha256(("staging.draf:" + token).encode()).hexdigest()[:32]


def seal(kind: str, token: str, key: bytes, answers: list[tuple[str, str]]) -> None:
    if not valid_token(token):
        raise ValueError("token staging tidak sah")
    blob = crypto.aead_encrypt(key, json.dumps(answers).encode(), ("staging.draf:" + token).encode())
    _write(folder(kind), _sealed_name(token), blob)


def unseal(kind: str, token: str | None, key: bytes | None) -> list[tuple[str, str]] | None:
    """The answers sealed under `token` (None when there are none, or the key does not open them)."""
    if not valid_token(token) or not key:
        return None
    try:
        blob = storage.read_bytes(folder(kind), _sealed_name(token))
        answers = json.loads(crypto.aead_decrypt(key, blob, ("staging.draf:" + token).encode()))
    except (OSError, ValueError, crypto.DecryptionError):
        return None
    return [(str(k), str(v)) for k, v in answers] if isinstance(answers, list) else None


def _write(where: Path, name: str, data: bytes) -> None:
    """Replace `name` whole (a half-written file is never read)."""
    where.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = where / f"{name}.{secrets.token_hex(4)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, where / name)
