"""`make bench` keeps working (`make test-slow`): every benchmark runs end to end at a tiny size and the one
table it ends with names each figure the README and BENCHMARKS.md promise. The sizes are the benchmarks' own
knobs; the figures are not judged here (they are for BENCHMARKS.md), only that each was measured."""
from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
PG = "postgresql://postgres@127.0.0.1:5432"
TINY = {"BENCH_BOT_USERS": "5", "BENCH_BOT_ROUNDS": "1", "BENCH_BOT_OUTBOX": "200", "BENCH_CLIENTS": "4",
        "BENCH_GRATIFIKASI_ROWS": "300", "BENCH_MAIL_ROWS": "200", "BENCH_PENGADUAN_N": "60",
        "BENCH_SKALA": "0.0005", "BENCH_WBS_N": "4", "SKM_BENCH_ROWS": "2000", "BENCH_ZI_PER_MONTH": "20"}
PROMISED = ["floor: one INSERT into SQLite", "complaint API", "vs floor", "by hand", "gratifikasi API", "SKM answer API",
            "peak memory per worker", "bot:", "updates/s", "Outbox drain", "queue: open, first page", "IKM", "WBS", "monev"]


def _pg_admin():
    try:
        import psycopg

        return psycopg.connect(PG + "/postgres", autocommit=True, connect_timeout=3)
    except Exception:
        return None


def test_make_bench_runs_end_to_end_and_prints_its_table(tmp_path):
    admin = _pg_admin()
    name = f"bench_smoke_{uuid.uuid4().hex[:8]}"
    env = {**os.environ, **TINY, "TMPDIR": str(tmp_path)}
    if admin is not None:
        env["BENCH_DATABASE_URL"] = f"{PG}/{name}"
    else:  # the PostgreSQL parts say they are skipped; the rest runs on SQLite
        env["BENCH_DATABASE_URL"] = "postgresql://postgres@127.0.0.1:9/tidak_ada"
    try:
        done = subprocess.run([sys.executable, "-m", "bench"], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=900)
    finally:
        if admin is not None:
            for db in (name, name + "_intake"):
                admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (db,))
                admin.execute(f'DROP DATABASE IF EXISTS "{db}"')
            admin.close()
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    table = done.stdout[done.stdout.index("| what"):]
    promised = PROMISED if admin is not None else [p for p in PROMISED if p not in ("queue: open, first page", "IKM")]
    missing = [p for p in promised if p.lower() not in table.lower()]
    assert not missing, (missing, table)
