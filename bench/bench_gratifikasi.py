"""Gratifikasi: report submission through the JSON API under gunicorn (beside the trivial /sehat route in
the same run: the ratio is the figure), the rules in-process, and the UPG register page with many reports."""
from __future__ import annotations

import json
import os
import tempfile
import time
import urllib.error
import urllib.request
from datetime import date, timedelta

from bench.harness import bench_database_url, figures, floor_post, gunicorn_server, note, run_load, show, versus_floor

REGISTER_ROWS = int(os.environ.get("BENCH_GRATIFIKASI_ROWS", "100000"))


def _body(i: int) -> bytes:
    received = date.today() - timedelta(days=1 + i % 5)
    return json.dumps({
        "jenis": "penerimaan", "pelapor_nama": f"Pegawai {i}", "identitas_nomor": "198501012010011001",
        "pelapor_jabatan": "Penyuluh", "unit_nama": "Bidang KB", "pelapor_telepon": "081234567890",
        "pelapor_alamat": "Palembang", "pemberi_nama": "PT Contoh", "pemberi_hubungan": "rekanan",
        "tempat_terima": "Kantor", "tanggal_terima": received.isoformat(), "acara": "hari_raya", "bentuk": "barang",
        "uraian": "Parsel", "nilai": "Rp1.500.000", "kronologi": "Diantar kurir.", "posisi_objek": "diserahkan_upg",
    }).encode()


def _post(url: str, body: bytes) -> None:
    req = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(req, timeout=30) as resp:
        if resp.status != 201:
            raise RuntimeError(resp.status)


def main() -> None:
    counter = iter(range(10 ** 9))
    clients = int(os.environ.get("BENCH_CLIENTS", "32"))
    with gunicorn_server(label="gratifikasi") as (base, _):
        run_load(lambda: floor_post(base), 200, clients)  # warm both workers
        floor = run_load(lambda: floor_post(base), 1000, clients)
        show("floor: one INSERT", floor)
        trivial = run_load(lambda: urllib.request.urlopen(base + "/sehat", timeout=10).read(), 600, 8)
        show("GET /sehat (trivial)", trivial)
        api = run_load(lambda: _post(base + "/api/v1/gratifikasi/laporan", _body(next(counter))), 600, clients)
        show("POST createLaporanGratifikasi", api)
        note(f"gratifikasi API, {clients} clients (SQLite)", figures(api))
        versus_floor("gratifikasi API (SQLite)", api, floor)
        helper = run_load(lambda: urllib.request.urlopen(
            base + "/gratifikasi/wajib-lapor?acara=pernikahan&pemberi_hubungan=lainnya&nilai=1.500.000"
                   "&tanggal_terima=2026-01-20", timeout=10).read(), 300, 8)
        show("GET wajib-lapor helper page", helper)
        if api["per_s"]:
            print(f"   submissions are {trivial['per_s'] / api['per_s']:.1f}x slower than the trivial route "
                  f"(p50 {api['p50_ms'] / trivial['p50_ms']:.1f}x)")
    _rules()
    _register()


def _rules() -> None:
    from app import create_app
    from core.extensions import db
    from gratifikasi import rules

    app = create_app({"INSTANCE_PATH": tempfile.mkdtemp(prefix="zi-bench-grt-")})
    with app.app_context():
        db.create_all()
        n = 20000
        t0 = time.perf_counter()
        for i in range(n):
            rules.parse_rupiah(f"{1 + i % 900}.{i % 1000:03d}.000,00")
        t1 = time.perf_counter()
        for i in range(n):
            rules.wajib_lapor("pernikahan", "lainnya", 1_000_000 + i, date(2026, 1, 19 + i % 2))
        t2 = time.perf_counter()
        for i in range(2000):
            rules.tenggat_pelaporan(date(2026, 1, 1) + timedelta(days=i % 300), date(2026, 11, 26))
        t3 = time.perf_counter()
    print(f"   parse_rupiah {n / (t1 - t0):,.0f}/s; wajib_lapor {n / (t2 - t1):,.0f}/s; "
          f"deadlines (30 HK on the office calendar) {2000 / (t3 - t2):,.0f}/s")


def _register() -> None:
    """Server time of the UPG register page (first page, overdue filter, recap of a year) with many reports."""
    from sqlalchemy import insert, text

    from app import create_app
    from core.extensions import db
    from core.pii import sealed_for_row
    from gratifikasi.models import OPEN_STATUSES, LaporanGratifikasi
    from tests.factories import make_user

    url = bench_database_url()  # None: the embedded SQLite default
    cfg = {"INSTANCE_PATH": tempfile.mkdtemp(prefix="zi-bench-grt-reg-"), "RATELIMIT_ENABLED": False,
           "SESSION_COOKIE_SECURE": False, "WTF_CSRF_SSL_STRICT": False}
    if url:
        cfg["SQLALCHEMY_DATABASE_URI"] = url
    app = create_app(cfg)
    with app.app_context():
        db.drop_all()
        db.create_all()
        user, secret = make_user(["upg"])
        email = user.email
        personal = (("pelapor_nama", "Pegawai"), ("identitas_nomor", "198501012010011001"),
                    ("pelapor_telepon", "0812"), ("pelapor_alamat", "Palembang"), ("pemberi_nama", "PT Contoh"))
        statuses = ["diterima", "diverifikasi", "diteruskan", "ditetapkan", "selesai"]
        # NULLs written as NULL: rows with and without a next deadline stay in one batch of 5 000
        bulk = insert(LaporanGratifikasi).execution_options(render_nulls=True)
        t0 = time.perf_counter()
        today = date.today()
        batch = []
        for i in range(REGISTER_ROWS):
            d = today - timedelta(days=i % 700)
            nomor = f"GRT-{d.year}-{i + 1:06d}"
            status, tenggat_teruskan = statuses[i % 5], d + timedelta(days=14)
            # each report's personal data sealed to its own number, as the ORM does (core.pii.seal_rows)
            enc = {k: sealed_for_row(v, f"gratifikasi.{k}", nomor) for k, v in personal}
            batch.append({"nomor": nomor, "tahun": d.year, "jenis": "penerimaan",
                          "kanal": "web", "status": status, "kode_hash": "0" * 64, "tanggal_lapor": d,
                          "tanggal_terima": d, "tenggat_teruskan": tenggat_teruskan, "tenggat_kpk": d + timedelta(days=42),
                          # as the service keeps it: an open report's next deadline is its forwarding (none here
                          # waits on KPK's request for completion)
                          "tenggat_berikut": tenggat_teruskan if status in OPEN_STATUSES else None,
                          "tenggat_upg": d + timedelta(days=14), "nilai": 1_000_000 + i, "bentuk": "barang",
                          "unit_nama": "Bidang KB", "identitas_jenis": "NIP", "pelapor_jabatan": "Penyuluh", **enc})
            if len(batch) == 5000:
                db.session.execute(bulk, batch)
                batch = []
        if batch:
            db.session.execute(bulk, batch)
        db.session.commit()
        if url:  # the statistics and visibility map a table has once autovacuum has seen it, as bench_zi does
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("VACUUM ANALYZE laporan_gratifikasi"))
        print(f"   loaded {REGISTER_ROWS:,} reports in {time.perf_counter() - t0:.1f} s "
              f"({db.engine.dialect.name})")
    from tests.conftest import login

    client = app.test_client()
    login(client, email, totp_secret=secret)
    for label, path in (("register page 1", "/admin/gratifikasi"),
                        ("register, overdue filter", "/admin/gratifikasi?tenggat=lewat"),
                        ("register, search by number", "/admin/gratifikasi?nomor=000777"),
                        (f"recap of {today.year}", f"/admin/gratifikasi/rekap?periode=tahun&tahun={today.year}")):
        times = []
        for _ in range(5):
            t = time.perf_counter()
            resp = client.get(path)
            times.append(time.perf_counter() - t)
            assert resp.status_code == 200, (path, resp.status_code)
        times.sort()
        print(f"   {label:<34} median {1000 * times[2]:7.1f} ms (of 5)")
        note(f"gratifikasi {label} ({REGISTER_ROWS:,} reports, PostgreSQL)", f"median {1000 * times[2]:.0f} ms")
    with app.app_context():
        db.session.remove()
        db.drop_all()
