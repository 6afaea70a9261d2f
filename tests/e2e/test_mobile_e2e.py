"""Every public page fits a 360 px phone without sideways scrolling."""
from tests.security.test_pages import _pages


def test_public_pages_fit_a_phone(app, page, live_server):
    urls = list(_pages(app, lambda r: not r.startswith("/admin")))
    wide = []
    for url in urls:
        resp = page.goto(live_server + url)
        if resp.status != 200 or "text/html" not in resp.headers.get("content-type", ""):
            continue
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            wide.append(url)
    assert wide == []
