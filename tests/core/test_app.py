from core.security import CSP


def test_home_names_the_channels_in_indonesian(client):
    resp = client.get("/")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200
    for name in ("Pengaduan Masyarakat", "Whistleblowing System (WBS)", "Pelaporan Gratifikasi",
                 "Survei Kepuasan Masyarakat"):
        assert name in html
    assert 'lang="id"' in html


def test_home_leads_back_to_tracking(client):
    """A reporter who comes back finds where to follow their complaint (and WBS / gratifikasi report)."""
    html = client.get("/").get_data(as_text=True)
    assert '<a class="btn btn-outline-secondary btn-sm" href="/pengaduan/lacak">Lacak pengaduan</a>' in html
    assert 'href="/wbs/kotak"' in html and 'href="/gratifikasi/lacak"' in html
    assert client.get("/pengaduan/lacak").status_code == 200


def test_security_headers_on_every_page(client):
    resp = client.get("/")
    assert resp.headers["Content-Security-Policy"] == CSP
    assert "'unsafe-inline'" not in CSP
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert resp.headers["Referrer-Policy"] == "no-referrer"
    assert resp.headers["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in resp.headers  # plain http in tests


def test_hsts_over_https(client):
    resp = client.get("/", base_url="https://localhost")
    assert resp.headers["Strict-Transport-Security"].startswith("max-age=")


def test_no_inline_script_or_style_in_pages(client):
    html = client.get("/admin/masuk").get_data(as_text=True)
    assert "<script>" not in html and "<script " not in html.replace('<script src=', '')
    assert " style=" not in html and "<style" not in html


def test_bootstrap_served_locally(client):
    html = client.get("/").get_data(as_text=True)
    assert "cdn." not in html and "jsdelivr" not in html
    with client.get("/bootstrap/static/css/bootstrap.min.css") as css:
        assert css.status_code == 200 and b".btn" in css.get_data()


def test_friendly_404_in_indonesian(client):
    resp = client.get("/tidak-ada-halaman-ini")
    assert resp.status_code == 404
    assert "Halaman tidak ditemukan" in resp.get_data(as_text=True)


def test_path_outside_app_is_404_not_a_file(client):
    for path in ("/static/../core/config.py", "/static/%2e%2e/core/config.py", "/static/..%2finstance/secrets/secret_key"):
        with client.get(path) as resp:
            assert resp.status_code == 404, path


def test_oversized_body_gets_friendly_413(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    resp = client.post("/admin/masuk", data={"email": "x" * 5000})
    assert resp.status_code == 413
    assert "Berkas terlalu besar" in resp.get_data(as_text=True)


def test_language_from_query_cookie_and_header(client):
    assert 'lang="en"' in client.get("/?lang=en").get_data(as_text=True)
    assert 'lang="en"' in client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"}).get_data(as_text=True)
    resp = client.get("/bahasa/en?next=/")
    assert resp.status_code == 302
    assert 'lang="en"' in client.get("/").get_data(as_text=True)


def test_language_switch_refuses_foreign_redirect(client):
    resp = client.get("/bahasa/id?next=https://jahat.example/")
    assert resp.headers["Location"] == "/"


def test_openapi_document_served(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    assert "paths" in doc


def test_secrets_generated_in_instance_with_mode_0600(app):
    from pathlib import Path

    folder = Path(app.instance_path) / "secrets"
    files = sorted(p.name for p in folder.iterdir())
    assert files == ["audit_key", "data_key", "rate_key_secret", "receipt_pepper", "secret_key"]
    for p in folder.iterdir():
        assert p.stat().st_mode & 0o777 == 0o600
    assert len(app.config["SECRET_KEY"]) == 32


def test_each_instance_gets_its_own_secret(tmp_path, database_url):
    from app import create_app
    from tests.conftest import base_config

    a = create_app(base_config(tmp_path / "a", database_url))
    b = create_app(base_config(tmp_path / "b", database_url))
    assert a.config["SECRET_KEY"] != b.config["SECRET_KEY"]
    again = create_app(base_config(tmp_path / "a", database_url))
    assert again.config["SECRET_KEY"] == a.config["SECRET_KEY"]


def test_english_as_second_language(client):
    html = client.get("/?lang=en").get_data(as_text=True)
    assert "Public complaints" in html and "This service is free." in html
    login = client.get("/admin/masuk?lang=en").get_data(as_text=True)
    assert "Officer sign-in" in login and "Password" in login
    assert "Halaman tidak ditemukan" in client.get("/tidak-ada?lang=id").get_data(as_text=True)
    assert "Page not found" in client.get("/tidak-ada?lang=en").get_data(as_text=True)
    assert "Public complaints" in client.get("/").get_data(as_text=True)  # ?lang is remembered
    assert "Pengaduan Masyarakat" in client.get("/?lang=id").get_data(as_text=True)


def test_dates_follow_the_page_language(app):
    from datetime import date

    with app.test_request_context("/?lang=en"):
        from flask import render_template_string

        assert render_template_string("{{ d|tanggal }}", d=date(2026, 12, 1)) == "1 December 2026"
    with app.test_request_context("/"):
        from flask import render_template_string

        assert render_template_string("{{ d|tanggal }}", d=date(2026, 12, 1)) == "1 Desember 2026"
