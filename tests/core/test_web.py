from core.web import download


def test_download_headers_are_safe_and_uncached(app_ctx):
    resp = download(b"isi", 'nota "dinas"/12\r\nX: y.pdf', "application/pdf")
    disposition = resp.headers["Content-Disposition"]
    assert "\r" not in disposition and "\n" not in disposition and '"dinas"' not in disposition
    assert disposition.startswith('attachment; filename="nota-dinas-12-X-y.pdf"')
    assert "filename*=UTF-8''" in disposition
    assert resp.headers["Cache-Control"] == "no-store"
    assert download(b"", "poster.pdf", "application/pdf", inline=True).headers["Content-Disposition"] == \
        'inline; filename="poster.pdf"'
