"""How responses travel on the embedded server too (not only behind nginx): text compressed (Brotli, else
gzip), and static files cached for good when their URL carries the file's own hash."""
from __future__ import annotations

from flask import Flask, current_app, request
from flask_compress import Compress

from core.templating import static_fingerprint

# Brotli where the browser takes it (every current one), gzip for the rest; a middle Brotli level: near
# the best size for a page at a small part of the time of the top levels
DEFAULTS = {
    "COMPRESS_ALGORITHM": ["br", "gzip"],
    "COMPRESS_ALGORITHM_STREAMING": ["br", "gzip"],
    "COMPRESS_BR_LEVEL": 5,
    "COMPRESS_MIN_SIZE": 500,
}
YEAR = 365 * 24 * 3600


def init_transfer(app: Flask) -> None:
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    # registered before Compress, so it runs after it (Flask runs after_request hooks last-in first-out)…
    app.after_request(_static_cache)
    _Compress(app)
    # …and this one before it: a static file is read whole (a small text file), so it is compressed in one
    # piece with a Content-Length rather than streamed in chunks
    app.after_request(_static_whole)


class _Compress(Compress):
    def after_request(self, response):
        # a byte range of a file is a range of its plain bytes (Content-Range): never compressed
        if response.status_code == 206:
            return response
        return super().after_request(response)


def _is_static() -> bool:
    return (request.endpoint or "").rpartition(".")[2] == "static"


def _static_whole(response):
    if (_is_static() and response.status_code == 200 and response.direct_passthrough
            and (response.mimetype.startswith("text/") or response.mimetype == "image/svg+xml")):
        body = response.response
        data = b"".join(body)
        getattr(body, "close", lambda: None)()  # the open file
        response.direct_passthrough = False
        response.set_data(data)
    return response


def _static_cache(response):
    """A year and `immutable` for the URL of this very version (?v=<hash>, core.templating); any other
    URL of a static file is checked again each time (its ETag answers 304), so a stale copy never stays."""
    if not _is_static() or response.status_code not in (200, 304):
        return response
    filename = (request.view_args or {}).get("filename", "")
    version = request.args.get("v")
    if version and version == static_fingerprint(current_app, request.endpoint, filename):
        response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    else:
        response.headers["Cache-Control"] = "no-cache"
    response.headers.pop("Expires", None)  # Cache-Control says it all
    return response
