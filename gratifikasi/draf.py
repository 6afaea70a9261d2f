"""What the report form keeps between its steps (gratifikasi.langkah), for the public pages (gratifikasi.views).

- The answers travel in each page as hidden fields, and are also sealed on the server (core.staging) under a key
  only this browser holds, in a cookie of the form's own path: a step's page reached by GET (after a step's post,
  or by the browser's Back button) is drawn from them. The server-side session keeps none of them, and the
  server's disk alone cannot open them.
- Uploaded files wait in core.staging under the token the page carries (`berkas`), until the report is sent.
Both go once the report is kept (`lupakan`), or after a day (`flask gratifikasi pengingat`)."""
from __future__ import annotations

import base64
import binascii

from flask import after_this_request, current_app, request

from core import staging
from core.attachments import MAX_FILES, too_many
from core.crypto import KEY_BYTES, new_key
from core.web import translated
from gratifikasi import formulir, langkah
from gratifikasi.forms import files_of

COOKIE = "gratifikasi_draf"
PATH = "/gratifikasi/lapor"
STAGING = langkah.STAGING


def token_halaman() -> str:
    """The page's token (its files, its sealed answers); a new one for a new report."""
    return staging.valid_token(request.form.get("berkas")) or staging.new_token()


def _cookie() -> tuple[str | None, bytes | None]:
    token, _dot, raw = (request.cookies.get(COOKIE) or "").partition(".")
    try:
        key = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)) if raw else None
    except (binascii.Error, ValueError):
        key = None
    return staging.valid_token(token), key if key and len(key) == KEY_BYTES else None


def baca() -> tuple[str | None, list[tuple[str, str]] | None]:
    """(token, answers) of the report this browser has begun; answers None when there is none to open."""
    token, key = _cookie()
    return token, staging.unseal(STAGING, token, key)


def simpan(form, token: str) -> None:
    """Seal every answer under this browser's key (a new key for a new report) and give the browser the key."""
    kept_token, key = _cookie()
    if kept_token != token or key is None:
        key = new_key()
    staging.seal(STAGING, token, key, formulir.dibawa(form, None))
    value = f"{token}.{base64.urlsafe_b64encode(key).decode().rstrip('=')}"
    secure = request.is_secure or bool(current_app.config.get("SESSION_COOKIE_SECURE"))

    @after_this_request
    def _set_cookie(response):
        response.set_cookie(COOKIE, value, path=PATH, httponly=True, samesite="Strict", secure=secure)
        return response


def lupakan(token: str, response=None) -> None:
    """The report is sent: its files and sealed answers go (and the browser's key, on `response`)."""
    staging.forget(STAGING, token)
    if response is not None:
        response.delete_cookie(COOKIE, path=PATH)


def berkas(token: str) -> list[dict]:
    return staging.kept(STAGING, token)


def muat_berkas(token: str):
    """The staged files, read back and checked again, for the send."""
    return staging.load(STAGING, berkas(token))


def berkas_langkah(form, step: langkah.Langkah, token: str) -> bool:
    """Stage the files posted on the step that asks for them; False when one is refused (said on its field)."""
    if "lampiran" not in step.fields:
        return True
    posted = files_of(form, "lampiran")
    if posted:
        tambah_berkas(form, token, posted)
    return posted is not None and not form.lampiran.errors


def tambah_berkas(form, token: str, files) -> None:
    """Stage checked files under the page's token, after the ones staged before (at most MAX_FILES)."""
    staged = berkas(token)
    if len(staged) + len(files) > MAX_FILES:
        form.lampiran.errors = [*form.lampiran.errors, translated(too_many().message)]
        return
    staging.keep(STAGING, token, staged + staging.stage(STAGING, files))


def hapus_berkas(token: str, nama: str) -> None:
    staged = berkas(token)
    staging.keep(STAGING, token, [s for s in staged if s["nama"] != nama])
    staging.drop(STAGING, [s for s in staged if s["nama"] == nama])
