"""Gap-free yearly sequences that never repeat, safe under concurrent submits.

The UPDATE comes first so the transaction holds the row lock (PostgreSQL) or the write lock (SQLite)
before anything else is read; the number is taken in the caller's transaction and vanishes with it.
The statements go to the session's connection as plain SQL on the table: the ORM's bulk-update path
(autoflush, session synchronisation) cost more than the UPDATE itself, on every submit and audit line.
"""
from __future__ import annotations

from sqlalchemy import bindparam, insert, update
from sqlalchemy.exc import IntegrityError

from core.extensions import db
from core.models import Counter


_counter = Counter.__table__
_TAKE = (update(_counter).where(_counter.c.name == bindparam("n"), _counter.c.year == bindparam("y"))
         .values(value=_counter.c.value + 1).returning(_counter.c.value))


def next_sequence(name: str, year: int = 0) -> int:
    params = {"n": name, "y": year}
    value = db.session.connection().execute(_TAKE, params).scalar()
    if value is not None:
        return value
    try:
        with db.session.begin_nested():
            db.session.execute(insert(Counter).values(name=name, year=year, value=1))
        return 1
    except IntegrityError:  # another transaction created the row first: take the lock it made
        return db.session.connection().execute(_TAKE, params).scalar_one()
