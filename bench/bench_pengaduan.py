"""Pengaduan Masyarakat under load.

1. Submissions through the JSON API and through the web form (form page + confirm step + send, each with its
   own cookie jar), beside the trivial /sehat route, all served by the same gunicorn in the same run: the
   ratio to /sehat is the figure that travels between machines.
2. The officers' queue with 1 000 000 complaints on PostgreSQL (BENCH_DATABASE_URL, default a local
   zi_bench database): rows made with INSERT … SELECT generate_series, then the queue queries and the whole queue page
   timed in-process (server time, no network).
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

from bench.harness import bench_database_url, gunicorn_server, run_load, show

N_ROWS = int(os.environ.get("BENCH_PENGADUAN_ROWS", "1000000"))
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
    fields = {"csrf_token": _TOKEN_RE.search(page).group(1), "langkah": "periksa", **{k: v for k, v in BODY.items()
              if k not in ("anonim", "setuju")}, "anonim": "y", "setuju": "y"}
    confirm = opener.open(base + "/pengaduan/", data=urllib.parse.urlencode(fields).encode(), timeout=30).read().decode()
    send = confirm.split('action="/pengaduan/kirim"', 1)[1].split("</form>", 1)[0]
    hidden = {k: html.unescape(v) for k, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', send)}
    hidden["csrf_token"] = _TOKEN_RE.search(send).group(1)
    done = opener.open(base + "/pengaduan/kirim", data=urllib.parse.urlencode(hidden).encode(), timeout=30).read().decode()
    assert "Pengaduan Anda sudah kami terima" in done


def load_test() -> None:
    with gunicorn_server() as (base, _):
        sehat = run_load(lambda: urllib.request.urlopen(base + "/sehat", timeout=10).read(), 600, 8)
        show("GET /sehat (trivial)", sehat)
        api = run_load(lambda: _api_submit(base), 400, 8)
        show("POST /api/v1/pengaduan", api)
        form = run_load(lambda: _form_submit(base), 150, 8)
        show("form: GET + periksa + kirim", form)
        for label, r in (("API", api), ("form (3 requests)", form)):
            print(f"   {label}: {r['per_s'] / sehat['per_s']:.2f}× the /sehat rate, "
                  f"p50 {r['p50_ms'] / sehat['p50_ms']:.1f}× its latency", flush=True)


# --- the queue with a million rows -----------------------------------------------------------------------

FILL = """
INSERT INTO pengaduan (tiket, kode_hash, jenis, kategori, judul, uraian, lokasi, layanan_terkait, kanal, lapor_id,
  anonim, rahasia, status, tingkat, unit_id, diterima_at, tanggal_diterima, batas_verifikasi, batas_selesai, batas,
  terbuka, alasan_tolak, rujukan, jawaban, tawaran_wbs, dipindah_wbs, komentar_penilaian, updated_at, versi)
SELECT 'PGD-' || (2020 + g %% 7) || '-' || lpad(g::text, 7, '0'), md5(g::text) || md5((g + 1)::text),
  (ARRAY['pengaduan','aspirasi','informasi'])[1 + g %% 3], (ARRAY['Pelayanan publik','Perilaku petugas','Lainnya'])[1 + g %% 3],
  'Aduan nomor ' || g, 'Uraian pengaduan ' || g, 'Palembang', '',
  (ARRAY['web','api','telegram','surat','lapor'])[1 + g %% 5], '', true, g %% 11 = 0,
  st.status, 'normatif', CASE WHEN st.status IN ('didisposisikan','ditindaklanjuti') THEN u.ids[1 + g %% 6] END,
  now() - (g %% 900) * interval '1 day', d, d + 3, d + 7, d + 5,
  st.status NOT IN ('selesai','ditolak','diarsipkan'), '', '', '', false, false, '', now(), 1
FROM generate_series(1, %(n)s) AS g
CROSS JOIN LATERAL (SELECT DATE '2024-01-01' + (g %% 900) AS d) dd
CROSS JOIN LATERAL (SELECT (ARRAY['selesai','selesai','selesai','selesai','selesai','selesai','ditolak','diarsipkan',
  'selesai','selesai','selesai','selesai','diterima','diverifikasi','didisposisikan','ditindaklanjuti','dijawab',
  'perlu_dilengkapi','selesai','selesai'])[1 + g %% 20] AS status) st
CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids FROM unit) u
"""


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
    from flask_migrate import upgrade
    from sqlalchemy import text

    from app import create_app
    from core.extensions import db
    from core.models import Role, Unit, User
    from core.accounts import hash_password
    from core.crypto import KdfParams

    instance = tempfile.mkdtemp(prefix="zi-bench-queue-")
    app = create_app({"INSTANCE_PATH": instance, "SQLALCHEMY_DATABASE_URI": PG_URL, "KDF_PARAMS": KdfParams.cheap(),
                      "SESSION_COOKIE_SECURE": False, "WTF_CSRF_SSL_STRICT": False, "RATELIMIT_ENABLED": False,
                      "PREFERRED_URL_SCHEME": "http"})
    with app.app_context():
        t0 = time.perf_counter()
        db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        db.session.commit()
        upgrade()
        for i, kode in enumerate(("SEKR", "KB", "KS", "DALDUK", "ADPIN", "LATBANG")):
            db.session.add(Unit(kode=kode, nama=f"Bidang {kode}", kepala_jabatan=f"Kepala {kode}"))
        officer = User(email="petugas@bench.id", nama="Petugas", password_hash=hash_password("bench-sandi-panjang-1"),
                       must_change_password=False)
        officer.set_roles([Role.petugas_pengaduan])
        db.session.add(officer)
        db.session.commit()
        db.session.execute(text(FILL % {"n": N_ROWS}))
        from pengaduan.service import recount

        recount()  # the per-status counts the application keeps with every change
        db.session.commit()
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE pengaduan"))
        print(f"   {N_ROWS:,} complaints inserted, vacuumed and analysed in {time.perf_counter() - t0:.0f} s", flush=True)

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
            ("queue: ticket search", lambda: queries.queue(queries.QueueFilter(status="semua", q="PGD-2021-0500001"), today=today)),
            ("counts per status (1M rows)", lambda: queries.counts_by_status()),
            ("open + overdue counts", lambda: queries.open_counts(today=today)),
        ]
        for label, fn in cases:
            print(f"   {label:<34} {_timed(lambda: (fn(), db.session.rollback()))}", flush=True)
        print(f"   ({n_open:,} open complaints among them)", flush=True)

    client = app.test_client()
    page = client.get("/admin/masuk").get_data(as_text=True)
    client.post("/admin/masuk", data={"email": "petugas@bench.id", "password": "bench-sandi-panjang-1",
                                      "csrf_token": _TOKEN_RE.search(page).group(1)})

    def get(url):
        resp = client.get(url)
        assert resp.status_code == 200, resp.status_code

    print(f"   {'GET /admin/pengaduan (whole page)':<34} {_timed(lambda: get('/admin/pengaduan'))}", flush=True)
    print(f"   {'GET /admin/pengaduan?status=terlambat':<34} {_timed(lambda: get('/admin/pengaduan?status=terlambat'))}",
          flush=True)
    with app.app_context():
        db.engine.dispose()


def main() -> None:
    global PG_URL
    load_test()
    url = bench_database_url()
    if url is None:
        return
    PG_URL = url
    queue_test()
