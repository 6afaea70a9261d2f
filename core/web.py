"""Small helpers shared by the views of every package."""
from __future__ import annotations

import re
from urllib.parse import quote

from flask import Response

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
