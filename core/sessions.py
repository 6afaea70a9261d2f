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

import logging
import time
from datetime import datetime, timedelta, timezone

from flask import Flask, current_app, g, has_app_context, has_request_context, request
from flask_session.base import ServerSideSessionInterface
from flask_session.redis import RedisSessionInterface
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import InterfaceError, OperationalError

from core.extensions import db
from core.models import ServerSession
from core.uow import after_transaction

log = logging.getLogger(__name__)
DATABASE_DOWN = (OperationalError, InterfaceError)
_LOST = "session_not_stored"


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
        super().save_session(app, session, response)
        lost = g.pop(_LOST, None)
        if lost is not None and response.status_code < 400:
            # a page served from what the process keeps (core.officecache) whose session could not be
            # stored: its form's token would be refused on submit, so it says 503 now, before anything is typed
            from core.errors import database_unavailable

            body, code, headers = database_unavailable(lost)
            response.set_data(body if isinstance(body, (str, bytes)) else body.get_data())
            response.status_code = code
            response.mimetype = "application/json" if not isinstance(body, (str, bytes)) else "text/html"
            response.headers.update(headers)
        return None

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
        try:
            with db.engine.connect() as conn:
                row = conn.execute(select(ServerSession.data, ServerSession.expiry)
                                   .where(ServerSession.id == store_id)).first()
        except DATABASE_DOWN:  # the database is down: a fresh session; the page answers 503 (core.errors)
            return None
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
        try:
            with db.engine.begin() as conn:
                done = conn.execute(update(ServerSession).where(ServerSession.id == store_id)
                                    .values(data=data, expiry=expiry)).rowcount
                if not done:
                    conn.execute(insert(ServerSession).values(id=store_id, data=data, expiry=expiry))
        except DATABASE_DOWN as exc:
            log.warning("basis data tidak dapat dihubungi: sesi tidak disimpan")
            if has_request_context():
                g.setdefault(_LOST, exc)  # the page says 503 (_Rules.save_session)

    def _delete_expired_sessions(self) -> None:
        with db.engine.begin() as conn:
            conn.execute(delete(ServerSession).where(ServerSession.expiry <= self._now()))


class DatabaseSessionInterface(_Rules, _DatabaseStore):
    pass


class _ResilientRedisStore(RedisSessionInterface):
    """Sessions in Redis, shared by every worker and host; while Redis cannot be reached they live in the
    database table instead (with a logged warning), so logins and forms go on. Redis is tried again after
    `retry_seconds`; a session written during the outage is still found in the database afterwards."""

    retry_seconds = 5.0

    def __init__(self, app: Flask, client):
        super().__init__(app, client=client, key_prefix="zi:sesi:", use_signer=False, permanent=True,
                         sid_length=32, serialization_format="msgpack")
        self.fallback = _DatabaseStore(app)  # the store alone: the rules apply once, outside
        self._down_until = 0.0

    def _redis(self, op, *args, **kwargs):
        """Run a Redis operation, or return `_DOWN` when Redis is (still) unreachable."""
        from redis.exceptions import RedisError

        if time.monotonic() < self._down_until:
            return _DOWN
        try:
            return op(*args, **kwargs)
        except (RedisError, OSError) as exc:
            log.warning("Redis tidak dapat dihubungi (%s): sesi disimpan di basis data sementara",
                        exc.__class__.__name__)
            self._down_until = time.monotonic() + self.retry_seconds
            return _DOWN

    def _retrieve_session_data(self, store_id: str) -> dict | None:
        data = self._redis(super()._retrieve_session_data, store_id)
        if data is _DOWN or data is None:
            return self.fallback._retrieve_session_data(store_id)
        return data

    def _delete_session(self, store_id: str) -> None:
        self._redis(super()._delete_session, store_id)
        self.fallback._delete_session(store_id)

    def _upsert_session(self, session_lifetime: timedelta, session, store_id: str) -> None:
        if self._redis(super()._upsert_session, session_lifetime, session, store_id) is _DOWN:
            self.fallback._upsert_session(session_lifetime, session, store_id)


_DOWN = object()


class ResilientRedisSessionInterface(_Rules, _ResilientRedisStore):
    pass


def init_sessions(app: Flask) -> None:
    if app.config.get("REDIS_URL"):
        from redis import Redis

        # short timeouts: a Redis that does not answer must not hold every request for long
        client = Redis.from_url(app.config["REDIS_URL"], socket_connect_timeout=1, socket_timeout=1)
        app.session_interface = ResilientRedisSessionInterface(app, client)
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
