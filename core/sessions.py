"""Server-side sessions: the cookie carries a random id; the data lives in the database or Redis.

Flask-Session's own SQLAlchemy backend commits the application's session and creates its table at
start-up, so the database store is this small interface on our own migrated table, using a separate
connection.

Two rules on top of Flask-Session, for both stores (`_Rules`):
- On the sessionless paths (app.py: the WBS) no session is read, written, refreshed or created, even for
  an officer whose browser sends a session cookie: a session row's expiry is an exact time of the visit.
  Their forms carry a stateless signed CSRF token instead (wbs.forms).
- An officer's session lives in the store only as long as OFFICER_IDLE_MINUTES after the last request (not
  the 26 hours a public form needs), so an idle officer's session — and the sealed WBS key in it — is gone
  from the store without waiting for a next request.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from flask import Flask, current_app, has_app_context, request
from flask_session.base import ServerSideSessionInterface
from sqlalchemy import delete, insert, select, update

from core.extensions import db
from core.models import ServerSession
from core.uow import after_transaction


class _Rules:
    """Mixed into a Flask-Session interface: no session on sessionless paths, short-lived officer sessions."""

    @staticmethod
    def _anonymous() -> bool:
        from core.security import is_sessionless_path

        return is_sessionless_path(request.path)

    def open_session(self, app, request_):
        if self._anonymous():  # a fresh, empty session that save_session never stores
            return self.session_class(sid=self._generate_sid(self.sid_length), permanent=self.permanent)
        return super().open_session(app, request_)

    def save_session(self, app, session, response) -> None:
        if self._anonymous():
            return None
        return super().save_session(app, session, response)

    def _cleanup_n_requests(self) -> None:
        if not self._anonymous():
            super()._cleanup_n_requests()

    def _upsert_session(self, session_lifetime: timedelta, session, store_id: str) -> None:
        if session.get("_user_id"):
            session_lifetime = min(session_lifetime, timedelta(minutes=current_app.config["OFFICER_IDLE_MINUTES"]))
        return super()._upsert_session(session_lifetime, session, store_id)


class _DatabaseStore(ServerSideSessionInterface):
    ttl = False

    def __init__(self, app: Flask):
        super().__init__(app, key_prefix="s:", use_signer=False, permanent=True, sid_length=32,
                         serialization_format="msgpack", cleanup_n_requests=500)

    @staticmethod
    def _now() -> datetime:
        return datetime.now(timezone.utc)

    def _retrieve_session_data(self, store_id: str) -> dict | None:
        with db.engine.connect() as conn:
            row = conn.execute(select(ServerSession.data, ServerSession.expiry)
                               .where(ServerSession.id == store_id)).first()
        if row is None:
            return None
        expiry = row.expiry if row.expiry.tzinfo else row.expiry.replace(tzinfo=timezone.utc)
        if expiry <= self._now():
            self._delete_session(store_id)
            return None
        return self.serializer.decode(row.data)

    def _delete_session(self, store_id: str) -> None:
        def delete_row():
            with db.engine.begin() as conn:
                conn.execute(delete(ServerSession).where(ServerSession.id == store_id))
        if has_app_context() and db.session().in_transaction():
            # the request's own transaction may hold SQLite's write lock (a login writes its audit line
            # before the session id changes): delete the old row once that transaction has ended
            after_transaction(delete_row)
        else:
            delete_row()

    def _upsert_session(self, session_lifetime: timedelta, session, store_id: str) -> None:
        data = self.serializer.encode(session)
        expiry = self._now() + session_lifetime
        with db.engine.begin() as conn:
            done = conn.execute(update(ServerSession).where(ServerSession.id == store_id)
                                .values(data=data, expiry=expiry)).rowcount
            if not done:
                conn.execute(insert(ServerSession).values(id=store_id, data=data, expiry=expiry))

    def _delete_expired_sessions(self) -> None:
        with db.engine.begin() as conn:
            conn.execute(delete(ServerSession).where(ServerSession.expiry <= self._now()))


class DatabaseSessionInterface(_Rules, _DatabaseStore):
    pass


def init_sessions(app: Flask) -> None:
    if app.config.get("REDIS_URL"):
        from flask_session.redis import RedisSessionInterface
        from redis import Redis

        class RedisSessions(_Rules, RedisSessionInterface):
            pass

        app.session_interface = RedisSessions(
            app, client=Redis.from_url(app.config["REDIS_URL"]), key_prefix="zi:sesi:",
            use_signer=False, permanent=True, sid_length=32, serialization_format="msgpack")
    else:
        app.session_interface = DatabaseSessionInterface(app)


def regenerate_session() -> None:
    """A new session id at login and logout (session fixation), even for an empty session.

    Flask-Session's own regenerate() skips an empty session; logout clears the session first and then
    flashes, so that skip kept the old id alive under the new data.
    """
    from flask import current_app, session

    iface = current_app.session_interface
    iface._delete_session(iface._get_store_id(session.sid))
    session.sid = iface._generate_sid(iface.sid_length)
    session.modified = True
