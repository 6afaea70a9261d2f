"""Finding 12: officers' TOTP secrets were stored in clear; a copy of the database gave every second factor."""
from sqlalchemy import text

from core.extensions import db
from tests.conftest import login
from tests.factories import make_user


def test_totp_secret_is_not_in_the_database_in_clear(app):
    with app.app_context():
        user, secret = make_user(["tim_wbs"])
        raw = db.session.execute(text('SELECT totp_secret FROM "user" WHERE id = :i'), {"i": user.id}).scalar()
        email = user.email
    assert secret and raw and secret not in raw
    # … and the officer still logs in with it
    client = app.test_client()
    assert login(client, email, totp_secret=secret).headers["Location"] == "/admin/"
