import logging
import os


from core.extensions import db


def test_friendly_500_page(tmp_path, database_url):
    from app import create_app
    from tests.conftest import base_config, dispose_app

    app = create_app({**base_config(tmp_path, database_url), "TESTING": False, "PROPAGATE_EXCEPTIONS": False})

    @app.get("/rusak")
    def broken():
        raise RuntimeError("rahasia internal")

    resp = app.test_client().get("/rusak")
    html = resp.get_data(as_text=True)
    dispose_app(app)
    assert resp.status_code == 500
    assert "Terjadi kesalahan pada sistem" in html and "rahasia internal" not in html


def test_sessions_live_server_side(app, login_as):
    client = login_as("admin")
    sid = client.get_cookie("zi_sesi").value
    if os.environ.get("REDIS_URL"):
        from redis import Redis

        assert Redis.from_url(os.environ["REDIS_URL"]).exists("zi:sesi:" + sid)
    else:
        from core.models import ServerSession

        with app.app_context():
            assert db.session.get(ServerSession, "s:" + sid) is not None


def test_skip_filter_drops_wbs_and_keeps_others(gunicorn_conf):
    f = gunicorn_conf.SkipAnonymous()

    def rec(path):
        return logging.LogRecord("gunicorn.access", logging.INFO, "", 0, "%(U)s", ({"U": path},), None)

    assert f.filter(rec("/pengaduan/lacak")) is True
    assert f.filter(rec("/wbs/kotak")) is False
    assert f.filter(rec("/api/v1/wbs/akses")) is False
    assert f.filter(rec("/wbsx")) is True
