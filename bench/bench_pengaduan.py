"""Pengaduan Masyarakat under load.

1. Submissions through the JSON API and through the web form (form page + confirm step + send, each with its
   own cookie jar), beside the floor route (bench/floor.py: one INSERT into SQLite and a commit) in the same
   gunicorn, at BENCH_CLIENTS (32) clients: the ratio to the floor is the figure that travels between
   machines. On SQLite, then on PostgreSQL (BENCH_DATABASE_URL + "_intake") when a server answers.
2. The officers' queue at a ministry's size on PostgreSQL (BENCH_DATABASE_URL, default a local zi_bench
   database), filled by bench.generate (BENCH_PROFIL=kementerian, BENCH_SKALA=1: 1 000 000 complaints),
   then the queue queries and the whole queue page timed in-process (server time, no network).
"""
from __future__ import annotations

import html
import http.cookiejar
import json
import os
import re
import statistics
import tempfile
import threading
import time
import urllib.parse
import urllib.request

from bench.harness import (bench_database_url, figures, floor_post, gunicorn_server, note, run_load, show,
                           versus_floor)

PG_URL = ""  # set in main() from bench.harness.bench_database_url()
BODY = {"jenis": "pengaduan", "kategori": "Lainnya", "judul": "Antrean layanan lama",
        "uraian": "Saya menunggu tiga jam di loket tanpa kejelasan jadwal.", "anonim": True, "setuju": True}


def _api_submit(base: str) -> None:
    req = urllib.request.Request(base + "/api/v1/pengaduan", data=json.dumps(BODY).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        assert resp.status == 201


_local = threading.local()
_TOKEN_RE = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def _form_submit(base: str) -> None:
    """The citizen's three requests: the form, the confirm step, the send button."""
    opener = getattr(_local, "opener", None)
    if opener is None:
        opener = _local.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = opener.open(base + "/pengaduan/", timeout=30).read().decode()
    # each complaint its own words: the same text again from the same browser is a double submit (answered
    # once with the first ticket, then refused)
    _local.n = getattr(_local, "n", 0) + 1
    fields = {"csrf_token": _TOKEN_RE.search(page).group(1), "langkah": "periksa", **{k: v for k, v in BODY.items()
              if k not in ("anonim", "setuju")}, "anonim": "y", "setuju": "y"}
    fields["judul"] = f"{BODY['judul']} ({threading.get_ident() % 10000}-{_local.n})"
    confirm = opener.open(base + "/pengaduan/", data=urllib.parse.urlencode(fields).encode(), timeout=30).read().decode()
    send = confirm.split('action="/pengaduan/kirim"', 1)[1].split("</form>", 1)[0]
    hidden = {k: html.unescape(v) for k, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', send)}
    hidden["csrf_token"] = _TOKEN_RE.search(send).group(1)
    done = opener.open(base + "/pengaduan/kirim", data=urllib.parse.urlencode(hidden).encode(), timeout=30).read().decode()
    assert "Pengaduan Anda sudah kami terima" in done


CLIENTS = int(os.environ.get("BENCH_CLIENTS", "32"))
LOAD_N = int(os.environ.get("BENCH_PENGADUAN_N", "1500"))


def load_test(env_extra: dict | None = None, label: str = "SQLite") -> dict:
    """The floor, the API and the web form under CLIENTS clients, in one gunicorn; returns the figures."""
    with gunicorn_server(env_extra, label=label) as (base, _):
        run_load(lambda: floor_post(base), 200, CLIENTS)  # warm both workers
        run_load(lambda: _api_submit(base), 100, CLIENTS)
        floor = run_load(lambda: floor_post(base), LOAD_N, CLIENTS)
        show(f"floor: one INSERT ({label})", floor)
        # the application's own emptiest request (its whole request machinery and one SELECT 1): what no
        # intake through the application can be faster than
        empty = run_load(lambda: urllib.request.urlopen(base + "/sehat", timeout=30).read(), LOAD_N, CLIENTS)
        show(f"GET /sehat ({label})", empty)
        by_hand = run_load(lambda: floor_post(base, "/_lantai/pengaduan", json.dumps(BODY).encode()), LOAD_N, CLIENTS)
        show(f"11 writes by hand ({label})", by_hand)
        api = run_load(lambda: _api_submit(base), LOAD_N, CLIENTS)
        show(f"POST /api/v1/pengaduan ({label})", api)
        form = run_load(lambda: _form_submit(base), LOAD_N // 5, CLIENTS)
        show(f"form: GET + periksa + kirim ({label})", form)
        note(f"floor: one INSERT into SQLite, {CLIENTS} clients ({label} run)", figures(floor))
        note(f"complaint API, {CLIENTS} clients ({label})", figures(api))
        note(f"complaint web form (3 requests), {CLIENTS} clients ({label})", figures(form))
        versus_floor(f"the application's GET /sehat ({label})", empty, floor)
        versus_floor(f"a complaint's 11 statements by hand, beside the floor ({label})", by_hand, floor)
        versus_floor(f"complaint API ({label})", api, floor)
        return {"floor": floor, "api": api, "form": form}


# --- the queue at a ministry's size ------------------------------------------------------------------------

PROFILE = os.environ.get("BENCH_PROFIL", "kementerian")
SCALE = float(os.environ.get("BENCH_SKALA", "1"))


def _timed(fn, repeat: int = 15) -> str:
    fn()  # warm
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(1000 * (time.perf_counter() - t0))
    times.sort()
    return f"median {statistics.median(times):7.1f} ms  max {times[-1]:7.1f} ms"


def queue_test() -> None:
    from sqlalchemy import text

    from app import create_app
    from core.extensions import db
    from core.crypto import KdfParams

    from bench.generate import generate

    made = generate(PROFILE, SCALE, PG_URL, with_wbs=False)
    rows = made["pengaduan"]
    note(f"generate {PROFILE} x{SCALE:g} (Faker id_ID, COPY)", ", ".join(f"{k} {v:.0f} s" for k, v in made["took"].items()))
    instance = tempfile.mkdtemp(prefix="zi-bench-queue-")
    app = create_app({"INSTANCE_PATH": instance, "SQLALCHEMY_DATABASE_URI": PG_URL, "KDF_PARAMS": KdfParams.cheap(),
                      "SESSION_COOKIE_SECURE": False, "WTF_CSRF_SSL_STRICT": False, "RATELIMIT_ENABLED": False,
                      "PREFERRED_URL_SCHEME": "http"})
    with app.app_context():
        from datetime import date

        from pengaduan import queries

        today = date(2026, 6, 1)
        n_open = db.session.scalar(text("SELECT count(*) FROM pengaduan WHERE terbuka"))
        middle = db.session.execute(text("SELECT batas, id FROM pengaduan WHERE terbuka ORDER BY batas, id "
                                         "OFFSET :n LIMIT 1"), {"n": n_open // 2}).one()
        cases = [
            ("queue: open, first page", lambda: queries.queue(queries.QueueFilter(), today=today)),
            ("queue: open, deep keyset page", lambda: queries.queue(queries.QueueFilter(), after=tuple(middle), today=today)),
            ("queue: overdue", lambda: queries.queue(queries.QueueFilter(status="terlambat"), today=today)),
            ("queue: status=selesai", lambda: queries.queue(queries.QueueFilter(status="selesai"), today=today)),
            ("queue: one unit (PJ view)", lambda: queries.queue(queries.QueueFilter(), only_unit=2, today=today)),
            ("queue: open + kategori + kanal", lambda: queries.queue(
                queries.QueueFilter(kategori="Perilaku petugas", kanal="web"), today=today)),
            ("queue: ticket search", lambda: queries.queue(queries.QueueFilter(status="semua", q="PGD-2025-000123"), today=today)),
            ("queue: words in the title", lambda: queries.queue(queries.QueueFilter(status="semua", q="layanan"), today=today)),
            ("counts per status", lambda: queries.counts_by_status()),
            ("open + overdue counts", lambda: queries.open_counts(today=today)),
        ]
        for label, fn in cases:
            figure = _timed(lambda: (fn(), db.session.rollback()))
            print(f"   {label:<34} {figure}", flush=True)
            note(f"{label} ({rows:,} complaints, PostgreSQL)", figure.strip())
        print(f"   ({n_open:,} open complaints among them)", flush=True)

    client = app.test_client()
    page = client.get("/admin/masuk").get_data(as_text=True)
    # the generator's officer (bench.generate)
    client.post("/admin/masuk", data={"email": "petugas@bench.id", "password": "bench-sandi-panjang-1",
                                      "csrf_token": _TOKEN_RE.search(page).group(1)})

    def get(url):
        resp = client.get(url)
        assert resp.status_code == 200, resp.status_code

    for path in ("/admin/pengaduan", "/admin/pengaduan?status=terlambat", "/admin/pengaduan?status=semua&q=layanan"):
        figure = _timed(lambda: get(path))
        print(f"   GET {path:<40} {figure}", flush=True)
        note(f"GET {path} server time ({rows:,} complaints)", figure.strip())
    with app.app_context():
        db.engine.dispose()


def main() -> None:
    global PG_URL
    load_test()
    url = bench_database_url()
    if url is None:
        return
    PG_URL = url
    intake = bench_database_url(url + "_intake")
    if intake:
        from sqlalchemy import create_engine, text

        engine = create_engine(intake.replace("postgresql://", "postgresql+psycopg://"))
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine.dispose()
        load_test({"DATABASE_URL": intake}, "PostgreSQL")
    queue_test()
