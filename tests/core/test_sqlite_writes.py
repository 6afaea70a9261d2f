"""SQLite writers queue on the kernel's lock instead of being told "database is locked" (core.sqlite_writes)."""
from __future__ import annotations

import sqlite3
import threading
import time

from sqlalchemy import create_engine, event, text

from core.sqlite_writes import connection_factory


def _writers(path, factory, n=8, hold=0.05):
    """n threads, each a write transaction that holds SQLite's write lock for `hold` seconds; SQLite's own
    patience is 10 ms, far less than the queue. Returns the errors."""
    kwargs = {"factory": factory} if factory else {}
    engine = create_engine(f"sqlite:///{path}", connect_args=kwargs)
    # after the kernel's pragmas (busy_timeout 15 s): SQLite's own patience shortened to 10 ms, so a writer
    # that relies on it is refused where one that queued waits
    event.listen(engine, "connect", lambda dbapi, _: dbapi.execute("PRAGMA busy_timeout=10"))
    with engine.begin() as conn:
        conn.execute(text("PRAGMA journal_mode=WAL"))
        conn.execute(text("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, n INTEGER)"))
    errors: list[Exception] = []

    def one(i):
        try:
            with engine.begin() as conn:
                conn.execute(text("SELECT count(*) FROM t")).scalar()  # a read first: no lock taken for it
                conn.execute(text("INSERT INTO t (n) VALUES (:n)"), {"n": i})
                time.sleep(hold)
        except Exception as exc:  # noqa: BLE001 (what a submitter would see)
            errors.append(exc)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT count(*) FROM t")).scalar()
    engine.dispose()
    return errors, rows


def test_without_the_queue_concurrent_writers_are_refused(tmp_path):
    errors, rows = _writers(tmp_path / "plain.db", None)
    assert errors and all(isinstance(e.__cause__ or e, sqlite3.OperationalError) for e in errors)
    assert rows == 8 - len(errors)


def test_writers_wait_their_turn_and_every_row_is_kept(tmp_path):
    path = tmp_path / "queued.db"
    errors, rows = _writers(path, connection_factory(str(path)))
    assert errors == [] and rows == 8


def test_reads_do_not_wait_for_a_writer(tmp_path):
    path = tmp_path / "reads.db"
    factory = connection_factory(str(path))
    engine = create_engine(f"sqlite:///{path}", connect_args={"factory": factory})
    with engine.begin() as conn:
        conn.execute(text("PRAGMA journal_mode=WAL"))
        conn.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY)"))
    with engine.begin() as writer:
        writer.execute(text("INSERT INTO t DEFAULT VALUES"))
        done = []
        reader = threading.Thread(target=lambda: done.append(
            engine.connect().execute(text("SELECT count(*) FROM t")).scalar()))
        reader.start()
        reader.join(timeout=2)
        assert done == [0]  # answered while the writer still holds the lock (its row not yet committed)
    engine.dispose()


def test_the_application_uses_the_queue_on_a_file_database(app):
    from core.extensions import db

    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            return
        raw = db.engine.raw_connection()
        try:
            assert type(raw.driver_connection).__name__ == "SerialisedWrites"
        finally:
            raw.close()


def test_a_thread_that_writes_twice_at_once_is_refused_not_stuck(tmp_path):
    """Two write transactions open in one thread (a bug elsewhere) would wait for themselves on the lock:
    the second one is left to SQLite's busy handler instead, which refuses it after its timeout."""
    import pytest
    from sqlalchemy.exc import OperationalError

    path = tmp_path / "self.db"
    engine = create_engine(f"sqlite:///{path}", connect_args={"factory": connection_factory(str(path))})
    event.listen(engine, "connect", lambda dbapi, _: dbapi.execute("PRAGMA busy_timeout=50"))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY)"))
    started = time.monotonic()
    with engine.connect() as first, engine.connect() as second:
        first.execute(text("INSERT INTO t DEFAULT VALUES"))
        with pytest.raises(OperationalError, match="locked"):
            second.execute(text("INSERT INTO t DEFAULT VALUES"))
        first.commit()
    assert time.monotonic() - started < 5
    with engine.begin() as conn:  # and the lock was given back: the next writer goes through
        conn.execute(text("INSERT INTO t DEFAULT VALUES"))
    engine.dispose()
