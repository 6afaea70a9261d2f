"""SQLite writers queue in the kernel, not in SQLite's busy handler.

SQLite lets one writer at a time; the others are told "busy" and its handler sleeps and retries (1, 2, 5 …
100 ms), which under load makes a long tail of slow submits. Here a transaction takes an exclusive `flock`
on a file beside the database before its first write (every worker process and thread queues there and is
woken the moment the lock is free), then begins with `BEGIN IMMEDIATE`, so the write lock is its own from the
first statement; commit or rollback lets the next one in. Reads never take it.
"""
from __future__ import annotations

import fcntl
import os
import sqlite3
import threading

_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "SAVEPOINT", "BEGIN", "CREATE", "DROP", "ALTER")
_held: dict[int, int] = {}  # thread id -> how many of its connections hold the lock


def _starts_write(sql: str) -> bool:
    head = sql.lstrip()[:9].upper()
    return head.startswith(_WRITES)


class _Cursor(sqlite3.Cursor):
    def execute(self, sql, parameters=()):
        conn = self.connection
        conn._before(sql)
        try:
            return super().execute(sql, parameters)
        finally:
            conn._after()

    def executemany(self, sql, seq_of_parameters):
        conn = self.connection
        conn._before(sql)
        try:
            return super().executemany(sql, seq_of_parameters)
        finally:
            conn._after()


class SerialisedWrites(sqlite3.Connection):
    lock_path = ""  # set by connection_factory

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.isolation_level = "IMMEDIATE"  # the implicit BEGIN before the first write takes the write lock
        self._fd: int | None = None
        self._locked = False
        self._owner = 0  # the thread that took the lock (a pool may hand the connection back from another)

    def cursor(self, factory=_Cursor):
        return super().cursor(factory)

    def execute(self, sql, parameters=()):  # the C shortcut would skip the cursor above
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql, seq_of_parameters):
        return self.cursor().executemany(sql, seq_of_parameters)

    def _before(self, sql: str) -> None:
        if self._locked or self.in_transaction or not _starts_write(sql):
            return
        me = threading.get_ident()
        if _held.get(me):
            # this thread writes through another connection already (it would wait for itself): SQLite's
            # own busy handler decides, as it did before this lock existed
            return
        if self._fd is None:
            self._fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self._fd, fcntl.LOCK_EX)  # sleeps in the kernel, woken at the holder's unlock
        self._locked, self._owner = True, me
        _held[me] = _held.get(me, 0) + 1

    def _after(self) -> None:
        if self._locked and not self.in_transaction:  # a statement that ran alone, or a failed BEGIN
            self._release()

    def _release(self) -> None:
        if self._locked:
            self._locked = False
            if _held.get(self._owner, 0) <= 1:
                _held.pop(self._owner, None)
            else:
                _held[self._owner] -= 1
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    def commit(self):
        try:
            super().commit()
        finally:
            if not self.in_transaction:
                self._release()

    def rollback(self):
        try:
            super().rollback()
        finally:
            self._release()

    def close(self):
        try:
            self._release()
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None
        finally:
            super().close()


def connection_factory(database: str) -> type[SerialisedWrites]:
    """The sqlite3 connection class for the database file `database` (its lock file lies beside it)."""
    return type("SerialisedWrites", (SerialisedWrites,), {"lock_path": database + ".tulis.lock"})
