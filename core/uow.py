"""One unit of work: a request, a bot update, a CLI command and a timer job are each one transaction,
committed or rolled back here and nowhere else.

Services never commit: they flush where they need an id and use `db.session.begin_nested()` where an
idempotent submit must survive a lost race. A refused action (`DomainError`) rolls back everything the
request did (`refuse`). What must outlive a refusal (the audit line of a failed login) is written on
purpose through `keep_after_refusal`.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterator

from flask import Flask
from sqlalchemy import event
from sqlalchemy.orm import Session

from core.extensions import db

_DOOMED = "uow_doomed"
_ON_COMMIT = "uow_on_commit"
_ON_ROLLBACK = "uow_on_rollback"


def doom() -> None:
    """Nothing of this unit of work may be committed (a refused action; a form shown again)."""
    db.session.info[_DOOMED] = True


def _finish(session, ok: bool) -> None:
    if ok and not session.info.pop(_DOOMED, False):
        session.commit()
    else:
        session.info.pop(_DOOMED, None)
        session.rollback()


@contextmanager
def unit_of_work() -> Iterator:
    """For commands, timer jobs and bot updates (inside an app context): commit on success, roll back
    on any exception or refusal."""
    session = db.session
    try:
        yield session
    except BaseException:
        _finish(session, False)
        raise
    _finish(session, True)


def keep_after_refusal(write: Callable, *args, **kwargs):
    """Roll back the refused work, then write and commit `write(...)` alone, in its own short
    transaction: the audit line of a failed login or a failed unlock must survive the refusal."""
    db.session.rollback()
    result = write(*args, **kwargs)
    db.session.commit()
    return result


def on_commit(fn: Callable[[], None]) -> None:
    """Run `fn` once the unit of work has committed (delete files of purged rows)."""
    db.session.info.setdefault(_ON_COMMIT, []).append(fn)


def on_rollback(fn: Callable[[], None]) -> None:
    """Run `fn` if the unit of work rolls back (delete files written for rows that will not exist)."""
    db.session.info.setdefault(_ON_ROLLBACK, []).append(fn)


def after_transaction(fn: Callable[[], None]) -> None:
    """Run `fn` once the unit of work has ended, committed or not."""
    on_commit(fn)
    on_rollback(fn)


def _run(hooks: list) -> None:
    for fn in hooks:
        fn()


@event.listens_for(Session, "after_commit")
def _after_commit(session) -> None:
    if session.in_nested_transaction():  # a savepoint released: the unit of work goes on
        return
    session.info.pop(_ON_ROLLBACK, None)
    _run(session.info.pop(_ON_COMMIT, []))


@event.listens_for(Session, "after_soft_rollback")
def _after_rollback(session, previous_transaction) -> None:
    if previous_transaction.parent is None:  # the outermost transaction, not a savepoint
        session.info.pop(_ON_COMMIT, None)
        _run(session.info.pop(_ON_ROLLBACK, []))


def init_app(app: Flask) -> None:
    @app.after_request
    def _commit_request(response):
        # a refused or failed request (4xx/5xx) keeps nothing; everything else is committed here, before
        # the response leaves, so an acknowledged submission is durable
        _finish(db.session, response.status_code < 400)
        return response
