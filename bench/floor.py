"""The floor for an honest intake: one Flask route that inserts one row into SQLite and commits, served by
gunicorn with the application's own settings (gunicorn.conf.py). An intake is measured against it in the
same run, so the ratio travels between machines where absolute rates do not."""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import sqlite3
import threading
from datetime import datetime, timezone
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


# The writes of one anonymous API complaint, as the application issues them (its 11 statements: the yearly
# number, the complaint, its status count, the timeline line, the audit line on the chain, the officers'
# alert), written by hand on a bare connection in one BEGIN IMMEDIATE transaction: what an intake that writes
# what a complaint must write costs with no request machinery, validation or sealing around it. A yardstick
# for the ratio, not a second intake: the application never serves it.
_SKEMA = """
CREATE TABLE IF NOT EXISTS counter (name TEXT, year INTEGER, value INTEGER, PRIMARY KEY (name, year));
INSERT OR IGNORE INTO counter VALUES ('pengaduan', 2026, 0), ('audit', 0, 0);
CREATE TABLE IF NOT EXISTS pengaduan (id INTEGER PRIMARY KEY, tiket TEXT UNIQUE, kode_hash TEXT, jenis TEXT,
    kategori TEXT, judul TEXT, uraian TEXT, status TEXT, diterima_at TEXT, batas TEXT);
CREATE INDEX IF NOT EXISTS ix_pengaduan_antrean ON pengaduan (status, batas);
CREATE TABLE IF NOT EXISTS jumlah (status TEXT, unit_id INTEGER, jumlah INTEGER, PRIMARY KEY (status, unit_id));
INSERT OR IGNORE INTO jumlah VALUES ('diterima', 0, 0);
CREATE TABLE IF NOT EXISTS riwayat (id INTEGER PRIMARY KEY, pengaduan_id INTEGER, at TEXT, aksi TEXT, teks TEXT);
CREATE INDEX IF NOT EXISTS ix_riwayat_pengaduan ON riwayat (pengaduan_id);
CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY, at TEXT, action TEXT, object_id TEXT, detail TEXT,
    prev_hash TEXT, hash TEXT UNIQUE);
CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY, recipient TEXT, body TEXT, dedup_key TEXT UNIQUE,
    created_at TEXT);
"""
_KUNCI = secrets.token_bytes(32)


def _hand_conn() -> sqlite3.Connection:
    conn = getattr(_local, "hand", None)
    if conn is None:
        conn = _local.hand = sqlite3.connect(_DB.with_name("lantai_pengaduan.db"), timeout=15, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.executescript(_SKEMA)
    return conn


@app.post("/pengaduan")
def pengaduan_by_hand():
    data = json.loads(request.get_data())
    code = secrets.token_urlsafe(10)
    now = datetime.now(timezone.utc).isoformat()
    conn = _hand_conn()
    conn.execute("BEGIN IMMEDIATE")
    try:
        seq = conn.execute("UPDATE counter SET value = value + 1 WHERE name = 'pengaduan' AND year = 2026 "
                           "RETURNING value").fetchone()[0]
        tiket = f"PGD-2026-{seq:06d}"
        pid = conn.execute("INSERT INTO pengaduan (tiket, kode_hash, jenis, kategori, judul, uraian, status, "
                           "diterima_at, batas) VALUES (?, ?, ?, ?, ?, ?, 'diterima', ?, ?)",
                           (tiket, hashlib.sha256(code.encode()).hexdigest(), data["jenis"], data["kategori"],
                            data["judul"], data["uraian"], now, now[:10])).lastrowid
        conn.execute("UPDATE jumlah SET jumlah = jumlah + 1 WHERE status = 'diterima' AND unit_id = 0")
        conn.execute("INSERT INTO riwayat (pengaduan_id, at, aksi, teks) VALUES (?, ?, 'terima', ?)",
                     (pid, now, "Diterima melalui API."))
        aid = conn.execute("UPDATE counter SET value = value + 1 WHERE name = 'audit' AND year = 0 "
                           "RETURNING value").fetchone()[0]
        prev = (conn.execute("SELECT hash FROM audit WHERE id = ?", (aid - 1,)).fetchone() or ("0" * 64,))[0]
        detail = json.dumps({"tiket": tiket, "kanal": "api", "lampiran": 0})
        digest = hmac.new(_KUNCI, f"{aid}{now}{detail}{prev}".encode(), hashlib.sha256).hexdigest()
        key = f"pengaduan:{pid}:baru:u1"
        conn.execute("SELECT id FROM outbox WHERE dedup_key = ?", (key,)).fetchone()
        conn.execute("INSERT INTO audit VALUES (?, ?, 'pengaduan.terima', ?, ?, ?, ?)",
                     (aid, now, str(pid), detail, prev, digest))
        conn.execute("INSERT INTO outbox (recipient, body, dedup_key, created_at) VALUES (?, ?, ?, ?)",
                     ("petugas@kantor.go.id", json.dumps({"teks": f"Pengaduan baru {tiket}"}), key, now))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return {"tiket": tiket, "kode_pelacakan": code}, 201


@app.get("/sehat")
def sehat():
    return "ok"


def served_beside(main_app):
    """The application with the floor mounted at /_lantai in the same process (bench.harness serves this)."""
    from werkzeug.middleware.dispatcher import DispatcherMiddleware

    return DispatcherMiddleware(main_app, {"/_lantai": app})
