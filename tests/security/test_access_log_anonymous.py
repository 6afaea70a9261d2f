"""Finding 5: the access-log filter compared the raw path with "/wbs", so `//wbs/lapor`, `/%77bs/…` and
friends were logged with address, agent and exact time; the language link on every WBS page
(`/bahasa/en?next=/wbs/lapor`) put the WBS path into the query string of a logged line; and the CSS the
WBS pages load was `no-cache`, so every WBS page view left a stylesheet request in the log."""
import logging
import re

import pytest
from gunicorn.config import AccessLogFormat

from core.config import ROOT

SPELLINGS = ["/wbs/lapor", "//wbs/lapor", "//api/v1/wbs/laporan", "/%77bs/lapor", "/%2577bs/lapor",
             "/WBS/lapor", "/x/../wbs/lapor", "/wbs/./lapor", "/api/v1//wbs/akses", "/api/v1/%77bs/akses",
             "\\wbs\\lapor", "/wbs"]


@pytest.fixture
def conf(gunicorn_conf):
    return gunicorn_conf


def _record(conf, path: str, query: str = ""):
    """A record as gunicorn's access logger makes it (the atoms it formats)."""
    raw = path + ("?" + query if query else "")
    atoms = {"h": "203.0.113.9", "l": "-", "u": "-", "t": "[01/Dec/2026:09:00:00 +0700]",
             "r": f"GET {raw} HTTP/1.1", "s": "200", "b": "512", "f": "-", "a": "Mozilla/5.0",
             "m": "GET", "U": path, "q": query, "H": "HTTP/1.1", "{raw_uri}e": raw, "{query_string}e": query}
    fmt = getattr(conf, "access_log_format", AccessLogFormat.default)  # what gunicorn would use
    return logging.LogRecord("gunicorn.access", logging.INFO, "", 0, fmt, (atoms,), None)


@pytest.mark.parametrize("path", SPELLINGS)
def test_every_spelling_of_a_wbs_path_is_left_out(conf, path):
    assert conf.SkipAnonymous().filter(_record(conf, path)) is False, path


def test_other_paths_are_still_logged(conf):
    f = conf.SkipAnonymous()
    for path in ("/pengaduan/lacak", "/wbsx", "/admin/", "/gratifikasi/"):
        assert f.filter(_record(conf, path)) is True, path


def test_language_link_from_a_wbs_page_is_left_out(conf):
    assert conf.SkipAnonymous().filter(_record(conf, "/bahasa/en", "next=/wbs/lapor")) is False
    assert conf.SkipAnonymous().filter(_record(conf, "/bahasa/en", "next=%2F%2Fwbs%2Fkotak")) is False


def test_no_query_string_in_any_logged_line(conf):
    record = _record(conf, "/pengaduan/lacak", "tiket=PGD-2026-000001&kode=RAHASIA")
    assert conf.SkipAnonymous().filter(record) is True
    line = record.getMessage()
    assert "/pengaduan/lacak" in line
    assert "tiket=" not in line and "RAHASIA" not in line and "?" not in line
    assert all("RAHASIA" not in str(v) for v in record.args.values())


def test_static_files_are_left_out(conf):
    for path in ("/static/css/wbs.css", "/bootstrap/static/css/bootstrap.min.css"):
        assert conf.SkipAnonymous().filter(_record(conf, path, "v=abc")) is False, path


def test_wbs_page_loads_fingerprinted_css_cached_for_a_year(client):
    html = client.get("/wbs/kotak").get_data(as_text=True)
    hrefs = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert hrefs and all(re.search(r"\?v=[0-9a-f]{12}$", h) for h in hrefs), hrefs
    for href in hrefs:
        resp = client.get(href)
        assert resp.status_code == 200
        cache = resp.headers["Cache-Control"]
        assert "no-cache" not in cache and "no-store" not in cache
        assert int(re.search(r"max-age=(\d+)", cache).group(1)) >= 365 * 24 * 3600
        resp.close()


def test_fingerprint_is_the_content_hash(app):
    import hashlib

    from flask import url_for

    with app.test_request_context():
        url = url_for("static", filename="css/app.css")
    digest = hashlib.sha256((ROOT / "static" / "css" / "app.css").read_bytes()).hexdigest()[:12]
    assert url == f"/static/css/app.css?v={digest}"
