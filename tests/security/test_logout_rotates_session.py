"""Finding 17: logout kept the session id, because the session is cleared before it is regenerated and
Flask-Session's regenerate() does nothing for an empty session (the flash then lands under the old id)."""
import os

from core.extensions import db
from tests.conftest import csrf_from

SESSION_COOKIE = "zi_sesi"


def _stored(app, sid: str) -> bool:
    if os.environ.get("REDIS_URL"):
        from redis import Redis

        return bool(Redis.from_url(os.environ["REDIS_URL"]).exists("zi:sesi:" + sid))
    from core.models import ServerSession

    with app.app_context():
        return db.session.get(ServerSession, "s:" + sid) is not None


def test_logout_gives_a_new_session_id(app, login_as):
    client = login_as("petugas_pengaduan")
    before = client.get_cookie(SESSION_COOKIE).value
    page = client.get("/admin/").get_data(as_text=True)
    resp = client.post("/admin/keluar", data={"csrf_token": csrf_from(page)})
    assert resp.status_code == 302
    after = client.get_cookie(SESSION_COOKIE)
    assert after is None or after.value != before
    assert not _stored(app, before)  # the old id opens nothing any more


def test_logout_of_an_empty_session_rotates_too(app, client):
    # a visitor whose session holds only a CSRF token posts the logout form
    page = client.get("/admin/masuk").get_data(as_text=True)
    before = client.get_cookie(SESSION_COOKIE).value
    client.post("/admin/keluar", data={"csrf_token": csrf_from(page)})
    after = client.get_cookie(SESSION_COOKIE)
    assert after is None or after.value != before
    assert not _stored(app, before)
