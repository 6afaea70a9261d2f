"""Shared pieces for load tests: a gunicorn server on a free loopback port, a bounded request loop,
percentiles. Traffic only ever goes to 127.0.0.1."""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from tests.loopback import Gunicorn, free_port

ROOT = Path(__file__).resolve().parent.parent
TABLE: list[tuple[str, str]] = []  # (what, figure): the one table `make bench` prints at the end


def note(what: str, figure: str) -> None:
    """A line of the summary table (bench/__main__ prints them all, in order, after every benchmark)."""
    TABLE.append((what, figure))


def _peak_rss_mib(master_pid: int) -> list[float]:
    """VmHWM (peak resident memory) of each gunicorn worker, in MiB."""
    try:
        children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    except OSError:
        return []
    peaks = []
    for pid in children:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
        except OSError:
            pass
    return peaks


@contextmanager
def gunicorn_server(env_extra: dict | None = None, workers: int = 2, label: str = ""):
    """A migrated, seeded instance served by gunicorn (gunicorn.conf.py), with the floor route beside it
    (`floor_post`); yields (base_url, instance_path)."""
    instance = Path(tempfile.mkdtemp(prefix="zi-bench-"))
    port = free_port()
    env = {**os.environ, "INSTANCE_PATH": str(instance), "FLASK_APP": "wsgi.py", "HOST": "127.0.0.1",
           "PORT": str(port), "WEB_CONCURRENCY": str(workers), "RATELIMIT_ENABLED": "0", "ZI_DEV": "1",
           **(env_extra or {})}
    flask = [sys.executable, "-m", "flask"]
    subprocess.run(flask + ["db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run(flask + ["demo", "seed", "--if-empty"], cwd=ROOT, env=env, check=True, capture_output=True)
    server = Gunicorn("bench.wsgi_bench:app", env).start()
    try:
        server.wait()
        yield server.base, instance
        if label and (peaks := _peak_rss_mib(server.proc.pid)):
            note(f"peak memory per worker ({label})", f"{max(peaks):.0f} MiB (of {len(peaks)} workers)")
    finally:
        server.stop()

FLOOR_BODY = b'{"judul": "Antrean layanan lama", "uraian": "Saya menunggu tiga jam di loket."}'


def floor_post(base: str, path: str = "/_lantai/lantai", body: bytes = FLOOR_BODY) -> None:
    """One honest intake and nothing else: the floor every intake is measured against (bench/floor.py);
    `path` and `body` for its other yardstick, a complaint's writes by hand."""
    req = urllib.request.Request(base + path, data=body, method="POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        assert resp.status == 201


def run_load(fn, total: int, concurrency: int, max_seconds: float = 60.0) -> dict:
    """Call fn() `total` times over `concurrency` threads (bounded in count and time)."""
    deadline = time.perf_counter() + max_seconds
    latencies: list[float] = []
    errors = 0

    def one(_):
        nonlocal errors
        if time.perf_counter() > deadline:
            return
        t0 = time.perf_counter()
        try:
            fn()
        except Exception:
            errors += 1
            return
        latencies.append(time.perf_counter() - t0)

    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(one, range(total)))
    elapsed = time.perf_counter() - start
    latencies.sort()
    return {"n": len(latencies), "errors": errors, "per_s": len(latencies) / elapsed if elapsed else 0.0,
            "p50_ms": 1000 * statistics.median(latencies) if latencies else float("nan"),
            "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))] if latencies else float("nan")}


def show(label: str, r: dict) -> None:
    print(f"   {label:<34} {r['per_s']:8.1f}/s  p50 {r['p50_ms']:7.1f} ms  p99 {r['p99_ms']:7.1f} ms"
          f"  (n={r['n']}, errors={r['errors']})", flush=True)


def versus_floor(label: str, r: dict, floor: dict) -> str:
    """"0,52× the floor's rate, p99 3,1× the floor's": the pair the issue sets targets on."""
    rate = r["per_s"] / floor["per_s"] if floor["per_s"] else float("nan")
    tail = r["p99_ms"] / floor["p99_ms"] if floor["p99_ms"] else float("nan")
    line = f"{rate:.2f}x the floor's rate, p99 {tail:.1f}x the floor's"
    print(f"   {label}: {line}", flush=True)
    note(f"{label} vs floor", line)
    return line


def figures(r: dict) -> str:
    return f"{r['per_s']:.0f}/s, p50 {r['p50_ms']:.0f} ms, p99 {r['p99_ms']:.0f} ms"


def bench_database_url(url: str | None = None) -> str | None:
    """The PostgreSQL database the large benchmarks fill (BENCH_DATABASE_URL, default a local `zi_bench`,
    created when missing); None when no PostgreSQL answers here."""
    url = url or os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/zi_bench")
    try:
        import psycopg

        plain = url.replace("postgresql+psycopg://", "postgresql://")
        base, _, name = plain.rpartition("/")
        with psycopg.connect(base + "/postgres", connect_timeout=3, autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
        return url
    except Exception as exc:
        print(f"   PostgreSQL tidak tersedia ({exc.__class__.__name__}): bagian PostgreSQL dilewati")
        return None
