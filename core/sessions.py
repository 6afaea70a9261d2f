"""Server-side sessions: the cookie carries a random id; the data lives in the database or Redis.

Flask-Session's own SQLAlchemy backend commits the application's session and creates its table at
start-up, so the database store is this small interface on our own migrated table, using a separate
connection.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from flask import Flask, has_app_context
from flask_session.base import ServerSideSessionInterface
from sqlalchemy import delete, insert, select, update

from core.extensions import db
from core.models import ServerSession
from core.uow import after_transaction


class DatabaseSessionInterface(ServerSideSessionInterface):
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


def init_sessions(app: Flask) -> None:
    if app.config.get("REDIS_URL"):
        from flask_session.redis import RedisSessionInterface
        from redis import Redis

        app.session_interface = RedisSessionInterface(
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
