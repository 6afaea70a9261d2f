"""What travels over the wire on the embedded server: compressed text, static files cached for good only
under their fingerprinted URL, and only the Bootstrap rules the pages use."""
import gzip
import re

import brotli


def _stylesheets(client, url="/"):
    html = client.get(url).get_data(as_text=True)
    return re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)


def test_pages_are_sent_with_brotli_or_gzip(client):
    plain = client.get("/pengaduan/").get_data()
    with client.get("/pengaduan/", headers={"Accept-Encoding": "gzip, deflate, br, zstd"}) as resp:
        assert resp.headers["Content-Encoding"] == "br"
        assert "Accept-Encoding" in resp.headers["Vary"]
        html = brotli.decompress(resp.get_data()).decode()
        assert "Pengaduan Masyarakat" in html
        assert len(resp.get_data()) < len(plain) / 3
    with client.get("/pengaduan/", headers={"Accept-Encoding": "gzip"}) as resp:
        assert resp.headers["Content-Encoding"] == "gzip"
        assert "Pengaduan Masyarakat" in gzip.decompress(resp.get_data()).decode()
    with client.get("/pengaduan/") as resp:  # a client that asks for nothing gets plain text
        assert "Content-Encoding" not in resp.headers


def test_stylesheets_compressed_whole_and_immutable_under_their_fingerprint(client):
    hrefs = _stylesheets(client)
    assert any("css/bootstrap.css" in h for h in hrefs) and all("?v=" in h for h in hrefs)
    for href in hrefs:
        with client.get(href, headers={"Accept-Encoding": "br, gzip"}) as resp:
            assert resp.status_code == 200
            assert resp.headers["Content-Encoding"] == "br"
            assert int(resp.headers["Content-Length"]) == len(resp.get_data())  # one piece, not chunks
            assert resp.headers["Cache-Control"] == "public, max-age=31536000, immutable"
            assert "Expires" not in resp.headers
            etag = resp.headers["ETag"]
        with client.get(href, headers={"Accept-Encoding": "br, gzip", "If-None-Match": etag}) as again:
            assert again.status_code == 304


def test_static_file_without_its_fingerprint_is_checked_again(client):
    href = next(h for h in _stylesheets(client) if "app.css" in h)
    path = href.split("?")[0]
    for url in (path, path + "?v=000000000000"):  # an old link, or a copy cached before the file changed
        with client.get(url) as resp:
            assert resp.status_code == 200
            assert resp.headers["Cache-Control"] == "no-cache", url


def test_purged_bootstrap_keeps_what_pages_use_and_drops_the_rest(client):
    href = next(h for h in _stylesheets(client) if "bootstrap.css" in h)
    with client.get(href) as resp:
        css = resp.get_data(as_text=True)
    assert len(css) < 60 * 1024  # the full Bootstrap is 227 KB
    for used in (".btn-primary", ".form-control", ".alert-danger", ".alert-warning", ".invalid-feedback",
                 ".visually-hidden-focusable", ".container", ".d-flex", ".is-invalid", ".alert-link"):
        assert used in css, used
    for unused in (".carousel", ".offcanvas", ".navbar-toggler", ".placeholder-glow", "data-bs-theme=dark"):
        assert unused not in css, unused
    assert "Bootstrap  v5.3" in css and "MIT" in css  # the licence stays


def test_a_byte_range_is_sent_as_plain_bytes(client):
    href = next(h for h in _stylesheets(client) if "bootstrap.css" in h)
    whole = client.get(href).get_data()
    with client.get(href, headers={"Range": "bytes=0-1999", "Accept-Encoding": "br, gzip"}) as part:
        assert part.status_code == 206 and "Content-Encoding" not in part.headers
        assert part.get_data() == whole[:2000]
