"""Small helpers shared by the views of every package."""
from __future__ import annotations

import re
from typing import Callable, TypeVar
from urllib.parse import quote

from flask import Response, flash

from core.errors import DomainError, Message
from core.extensions import db
from core.templating import page_lang
from core.uow import doom

T = TypeVar("T")

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


def download(data: bytes | str, filename: str, mimetype: str, *, inline: bool = False) -> Response:
    """A file response: never cached (it may hold personal data), with a header-safe ASCII name and the
    original UTF-8 name alongside."""
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "-", filename).strip("-.") or "berkas"
    disposition = f'{"inline" if inline else "attachment"}; filename="{ascii_name}"'
    if ascii_name != filename:
        disposition += f"; filename*=UTF-8''{quote(filename)}"
    return Response(data, mimetype=mimetype, headers={"Content-Disposition": disposition, "Cache-Control": "no-store"})


def translated(message: str) -> str:
    """A service's Indonesian message in the page's language: its catalogue entry (values filled in again for
    a Message); as it is when the catalogue has none."""
    from flask_babel import gettext

    if isinstance(message, Message):
        return message.in_lang("en" if page_lang() == "en" else "id", gettext)
    return gettext(message) if message else message


def refuse(error: DomainError, form=None) -> None:
    """A service said no: roll the unit of work back and show why — on the form fields the error names
    when there is a form, else as a flash message, in the page's language. The one place views turn a
    DomainError into a page."""
    db.session.rollback()
    doom()
    errors = getattr(error, "errors", None) or {error.field: error.message}
    for name, message in errors.items():
        message = translated(message)
        field = form[name] if form is not None and name in form else None
        if field is not None:
            field.errors = [*field.errors, message]
        else:
            flash(message, "danger")


def attempt(call: Callable[..., T], *args, form=None, **kwargs) -> tuple[bool, T | None]:
    """Run one service call for a view: (True, result), or (False, None) after `refuse`."""
    try:
        return True, call(*args, **kwargs)
    except DomainError as error:
        refuse(error, form)
        return False, None
