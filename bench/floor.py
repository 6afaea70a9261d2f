"""The floor for an honest intake: one Flask route that inserts one row into SQLite and commits, served by
gunicorn with the application's own settings (gunicorn.conf.py). An intake is measured against it in the
same run, so the ratio travels between machines where absolute rates do not."""
from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

from flask import Flask, request

app = Flask(__name__)
_DB = Path(os.environ.get("INSTANCE_PATH", ".")) / "lantai.db"
_local = threading.local()


def _conn() -> sqlite3.Connection:
    conn = getattr(_local, "conn", None)
    if conn is None:
        conn = _local.conn = sqlite3.connect(_DB, timeout=15)
        # the application's pragmas (core._sqlite_pragmas)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("CREATE TABLE IF NOT EXISTS kiriman (id INTEGER PRIMARY KEY, isi TEXT NOT NULL)")
        conn.commit()
    return conn


@app.post("/lantai")
def lantai():
    conn = _conn()
    cur = conn.execute("INSERT INTO kiriman (isi) VALUES (?)", (request.get_data(as_text=True),))
    conn.commit()
    return {"id": cur.lastrowid}, 201


@app.get("/sehat")
def sehat():
    return "ok"


def served_beside(main_app):
    """The application with the floor mounted at /_lantai in the same process (bench.harness serves this)."""
    from werkzeug.middleware.dispatcher import DispatcherMiddleware

    return DispatcherMiddleware(main_app, {"/_lantai": app})
