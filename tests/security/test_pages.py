"""Every page a person can open without parameters answers without a server error and keeps the strict CSP
promises: no inline script or style, nothing from another site, and forms that change state carry a CSRF token."""
import re

import pytest

from core.models import Role

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.I)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
# resources (not links) loaded from elsewhere: scripts, images, stylesheets, fonts
EXTERNAL = re.compile(r'(?:\ssrc=|<link\b[^>]*\shref=)"(?:https?:)?//(?!localhost)', re.I)
POST_FORM = re.compile(r"<form\b[^>]*method=\"post\"[^>]*>(.*?)</form>", re.I | re.S)


def _pages(app, prefix_ok):
    """Every GET route without parameters (downloads and JSON included), static files aside."""
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and not rule.arguments and prefix_ok(rule.rule) \
                and not rule.rule.startswith(("/static", "/bootstrap")):
            yield rule.rule


def _crawl(client, urls) -> int:
    """Open each page: none may fail with 5xx (a redirect, 403 or 404 is an answer); check the HTML ones.
    Returns how many HTML pages were checked, so a crawl that only met redirects cannot pass unseen."""
    checked = 0
    for url in urls:
        resp = client.get(url)
        assert resp.status_code < 500, f"{url} answered {resp.status_code}"
        if resp.status_code == 200 and resp.mimetype == "text/html":
            _check(resp.get_data(as_text=True), url)
            checked += 1
    return checked


def _check(html: str, url: str) -> None:
    assert not INLINE_SCRIPT.search(html), f"inline <script> on {url}"
    assert not INLINE_STYLE.search(html), f"inline style on {url}"
    assert not HANDLER.search(html), f"inline event handler on {url}"
    assert not EXTERNAL.search(html), f"resource from another site on {url}"
    for body in POST_FORM.findall(html):
        assert 'name="csrf_token"' in body, f"POST form without CSRF token on {url}"


def test_public_pages(app, client):
    urls = list(_pages(app, lambda r: not r.startswith("/admin")))
    assert _crawl(client, urls) >= 8


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_officer_pages(app, login_as, role):
    client = login_as(role)
    assert _crawl(client, _pages(app, lambda r: r.startswith("/admin"))) >= 1  # at least the dashboard
