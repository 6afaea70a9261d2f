"""Read-mostly office data (the Setting rows, the admin's calendar days, who gets alerts) kept per process for a
few seconds.

Every submission reads the settings and the calendar; they change a few times a year. A process keeps what it
read for OFFICE_CACHE_SECONDS (5): a change committed here is seen at once (the commit clears the store), a
change committed by another worker or instance within that many seconds. A unit of work that has written
office data reads its own writes from the database until it ends.
"""
from __future__ import annotations

import time
from typing import Callable, TypeVar

from flask import current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from core.extensions import db

T = TypeVar("T")
_STORE = "zi.office_cache"
_CHANGED = "office_changed"
# table names whose rows are office data: the settings, the calendar, and the accounts (who gets alerts)
WATCHED: set[str] = {"setting", "calendar_day", "user", "user_role"}


def cached(name: str, load: Callable[[], T]) -> T:
    """`load()`'s value, kept for the process under `name` while fresh; the caller must not change it."""
    if not has_app_context() or db.session.info.get(_CHANGED):
        return load()
    store = current_app.extensions.setdefault(_STORE, {})
    now = time.monotonic()
    hit = store.get(name)
    if hit is not None and hit[1] > now:
        return hit[0]
    value = load()
    store[name] = (value, now + current_app.config.get("OFFICE_CACHE_SECONDS", 5))
    return value


def fresh(app, name: str) -> tuple[bool, object]:
    """(True, value) when `app`'s process keeps `name` fresh, else (False, None): no database and no app
    context (the bot's event loop asks before it sends a read to a thread)."""
    hit = app.extensions.get(_STORE, {}).get(name)
    if hit is not None and hit[1] > time.monotonic():
        return True, hit[0]
    return False, None


def changed() -> None:
    """This unit of work writes office data: it reads from the database until it ends, and a commit clears
    the process's store (a write the ORM flushes is noticed by itself; this is for a read before the flush)."""
    db.session.info[_CHANGED] = True


def forget() -> None:
    if has_app_context():
        current_app.extensions.pop(_STORE, None)


@event.listens_for(Session, "before_flush")
def _note_office_writes(session, _context, _instances) -> None:
    for obj in (*session.new, *session.dirty, *session.deleted):
        if getattr(obj, "__tablename__", None) in WATCHED:
            session.info[_CHANGED] = True
            return


@event.listens_for(Session, "after_commit")
def _forget_on_commit(session) -> None:
    if session.info.get(_CHANGED) and not session.in_nested_transaction():
        session.info.pop(_CHANGED, None)
        forget()


@event.listens_for(Session, "after_soft_rollback")
def _rolled_back(session, previous_transaction) -> None:
    if previous_transaction.parent is None:
        session.info.pop(_CHANGED, None)
