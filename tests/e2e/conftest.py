"""Real pages in headless Chromium (Debian's binary; Playwright never downloads a browser here)
against the app served by a real WSGI server in a thread."""
from __future__ import annotations

import shutil
import threading

import pytest
from werkzeug.serving import make_server

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM:
        pytest.skip("chromium tidak terpasang (make test memasangnya bila dijalankan sebagai root): uji peramban dilewati")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "headless": True,
            "args": ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync"]}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # a cheap phone: 360 px wide
    return {**browser_context_args, "viewport": {"width": 360, "height": 780}, "locale": "id-ID",
            "java_script_enabled": True}


@pytest.fixture
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


def log_in(page, live_server: str, email: str, secret: str | None) -> None:
    """An officer logs in through the real pages (password, then the 6-digit code when enrolled)."""
    import pyotp

    from tests.factories import PASSWORD

    page.goto(live_server + "/admin/masuk")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    if secret:
        page.get_by_label("Kode 6 angka").fill(pyotp.TOTP(secret).now())
        page.get_by_role("button", name="Verifikasi").click()
    page.wait_for_url(lambda url: "/admin/masuk" not in url)
