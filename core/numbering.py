"""Gap-free yearly sequences that never repeat, safe under concurrent submits.

The UPDATE comes first so the transaction holds the row lock (PostgreSQL) or the write lock (SQLite)
before anything else is read; the number is taken in the caller's transaction and vanishes with it.
"""
from __future__ import annotations

from sqlalchemy import insert, update
from sqlalchemy.exc import IntegrityError

from core.extensions import db
from core.models import Counter


def next_sequence(name: str, year: int = 0) -> int:
    stmt = (update(Counter).where(Counter.name == name, Counter.year == year)
            .values(value=Counter.value + 1).returning(Counter.value))
    value = db.session.execute(stmt).scalar()
    if value is not None:
        return value
    try:
        with db.session.begin_nested():
            db.session.execute(insert(Counter).values(name=name, year=year, value=1))
        return 1
    except IntegrityError:  # another transaction created the row first: take the lock it made
        return db.session.execute(stmt).scalar_one()
