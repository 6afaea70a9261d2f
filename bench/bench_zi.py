"""ZI at the scale of a busy office: 10 000 complaints a month.

1. Monthly complaint monev generation (queries, PDF + DOCX rendering, filing in the register) with 10 000
   complaints in the month (each with its first response).
2. The ZI dashboard with a year at that rate (120 000 complaints): the LKE sheet computed in-process with nothing
   cached, then the whole pages through the test client — the officers' home (its ZI card), the summary, the
   Pengawasan area, one pertanyaan, the public transparency page — first visit (the year's records counted) and
   the visits after it (the counts shared for ZI_CACHE_SECONDS), and the readiness view.

Rows are made with bulk INSERTs. SQLite (a temporary file) by default; BENCH_ZI_DATABASE_URL (e.g. a PostgreSQL
database of your own — its public schema is dropped and re-created) to run it there too.
"""
from __future__ import annotations

import os
import random
import re
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta, timezone

PER_MONTH = int(os.environ.get("BENCH_ZI_PER_MONTH", "10000"))
YEAR = date.today().year  # the dashboard card shows this year
_TOKEN_RE = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def _timed(fn, repeat: int = 5) -> str:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    return f"median {1000 * statistics.median(times):8.0f} ms  max {1000 * times[-1]:8.0f} ms  (n={repeat})"


def _fill(db, months, units: list[int], start: int = 0) -> int:
    """PER_MONTH complaints in each month of YEAR, with a first response for nine in ten of them."""
    from sqlalchemy import insert

    from pengaduan.models import Pengaduan, Riwayat

    rng = random.Random(90)
    kanal = ["web", "web", "web", "telegram", "api", "langsung", "surat", "lapor"]
    kategori = ["Pelayanan publik", "Perilaku petugas", "Sarana dan prasarana", "Informasi dan administrasi", "Lainnya"]
    status = ["selesai"] * 12 + ["ditolak", "diarsipkan", "diterima", "diverifikasi", "didisposisikan",
                                 "ditindaklanjuti", "dijawab", "perlu_dilengkapi"]
    open_ = {"diterima", "diverifikasi", "didisposisikan", "ditindaklanjuti", "dijawab", "perlu_dilengkapi"}
    n = start
    for m in months:
        rows, riwayat = [], []
        for i in range(PER_MONTH):
            n += 1
            day = date(YEAR, m, 1 + i % 28)
            st = rng.choice(status)
            at = datetime(day.year, day.month, day.day, 2, tzinfo=timezone.utc)
            rows.append({"id": n, "tiket": f"PGD-{YEAR}-{n:06d}", "kode_hash": "x" * 64, "jenis": "pengaduan",
                         "kategori": rng.choice(kategori), "judul": f"Aduan {n}", "uraian": "Uraian", "kanal": rng.choice(kanal),
                         "status": st, "terbuka": st in open_, "unit_id": rng.choice(units) if st != "diterima" else None,
                         "diterima_at": at, "tanggal_diterima": day, "batas_verifikasi": day + timedelta(days=4),
                         "batas": day + timedelta(days=rng.choice((4, 9, 40))),
                         "dijawab_at": at + timedelta(days=rng.randint(2, 12)) if st in ("selesai", "ditolak", "dijawab") else None,
                         "penilaian": rng.randint(3, 5) if st == "selesai" and rng.random() < .3 else None,
                         "updated_at": at, "versi": 1, "dipindah_wbs": False, "anonim": True, "rahasia": False,
                         "lokasi": "", "layanan_terkait": "", "lapor_id": "", "alasan_tolak": "", "rujukan": "",
                         "jawaban": "", "tawaran_wbs": False, "komentar_penilaian": ""})
            if rng.random() < .9:
                riwayat.append({"pengaduan_id": n, "at": at + timedelta(days=rng.choice((0, 1, 1, 2, 3, 6))),
                                "aksi": "verifikasi", "status_dari": "diterima", "status_ke": "diverifikasi",
                                "teks": "", "publik": True, "oleh": "petugas", "actor_nama": ""})
        db.session.execute(insert(Pengaduan), rows)
        db.session.execute(insert(Riwayat), riwayat)
        db.session.commit()
    return n  # the last id used


def _login(client, email: str, password: str, secret: str) -> None:
    import pyotp

    page = client.get("/admin/masuk").get_data(as_text=True)
    client.post("/admin/masuk", data={"email": email, "password": password,
                                      "csrf_token": _TOKEN_RE.search(page).group(1)})
    page = client.get("/admin/masuk/2fa").get_data(as_text=True)
    resp = client.post("/admin/masuk/2fa", data={"code": pyotp.TOTP(secret).now(),
                                                 "csrf_token": _TOKEN_RE.search(page).group(1)})
    assert resp.status_code == 302 and "/masuk" not in resp.headers["Location"], resp.status_code


def run(url: str | None) -> None:
    import pyotp
    from flask_migrate import upgrade
    from sqlalchemy import text

    from app import create_app
    from core.accounts import hash_password
    from core.crypto import KdfParams
    from core.extensions import db
    from core.models import Role, Unit, User
    from core.uow import unit_of_work
    from zi import catalogue, laporan, lke
    from zi.periode import periode

    instance = tempfile.mkdtemp(prefix="zi-bench-zi-")
    url = url or f"sqlite:///{instance}/bench.db"
    app = create_app({"INSTANCE_PATH": instance, "SQLALCHEMY_DATABASE_URI": url, "KDF_PARAMS": KdfParams.cheap(),
                      "SESSION_COOKIE_SECURE": False, "WTF_CSRF_SSL_STRICT": False, "RATELIMIT_STORAGE_URI": "memory://",
                      "PREFERRED_URL_SCHEME": "http"})
    label = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    secret = pyotp.random_base32()
    with app.app_context():
        if url.startswith("postgresql"):
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        upgrade()
        units = []
        for kode in ("SEKR", "KB", "KS", "DALDUK", "ADPIN", "LATBANG"):
            u = Unit(kode=kode, nama=f"Bidang {kode}", kepala_jabatan=f"Kepala {kode}")
            db.session.add(u)
            db.session.flush()
            units.append(u.id)
        admin = User(email="admin@bench.id", nama="Admin", password_hash=hash_password("bench-sandi-panjang-1"),
                     must_change_password=False, totp_secret=secret)
        admin.set_roles([Role.admin])
        db.session.add(admin)
        catalogue.load(YEAR)
        db.session.commit()

        t0 = time.perf_counter()
        n = _fill(db, range(3, 4), units)
        print(f"   [{label}] {n:,} complaints of March {YEAR} inserted in {time.perf_counter() - t0:.1f} s", flush=True)
        maret = periode("bulan", YEAR, 3)
        t0 = time.perf_counter()
        with unit_of_work():
            isi = laporan.susun_monev_pengaduan(maret, date(YEAR, 4, 1))
        t_susun = time.perf_counter() - t0
        t0 = time.perf_counter()
        with unit_of_work():
            t = laporan.terbitkan("monev_pengaduan", maret, today=date(YEAR, 4, 1))
        t_all = time.perf_counter() - t0
        assert t.baru and not isi.kosong
        print(f"   [{label}] monthly monev, {PER_MONTH:,} complaints: figures {1000 * t_susun:,.0f} ms; "
              f"figures + PDF + DOCX + filing {1000 * t_all:,.0f} ms (nomor {t.bukti.nomor})", flush=True)
        from bench.harness import note

        note(f"monev report, a month of {PER_MONTH:,} complaints ({label})",
             f"figures {1000 * t_susun:,.0f} ms; with PDF + DOCX {1000 * t_all:,.0f} ms")
        t0 = time.perf_counter()
        with unit_of_work():
            again = laporan.terbitkan("monev_pengaduan", maret, today=date(YEAR, 4, 2))
        print(f"   [{label}] the same report again (found, not made): {1000 * (time.perf_counter() - t0):,.0f} ms",
              flush=True)
        assert not again.baru

        t0 = time.perf_counter()
        n = _fill(db, [m for m in range(1, 13) if m != 3], units, start=n)
        if url.startswith("postgresql"):
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("VACUUM ANALYZE"))
        print(f"   [{label}] a year at that rate: {n:,} complaints in {YEAR} ({time.perf_counter() - t0:.1f} s to insert)",
              flush=True)
        today = date(YEAR, 12, 15)
        app.config["ZI_CACHE_SECONDS"] = 0
        print(f"   [{label}] LKE sheet, whole year, nothing cached      {_timed(lambda: (lke.lembar(YEAR, today), db.session.rollback()), 3)}",
              flush=True)
        app.config["ZI_CACHE_SECONDS"] = 60
        db.session.remove()

    client = app.test_client()
    _login(client, "admin@bench.id", "bench-sandi-panjang-1", secret)

    def get(path: str):
        resp = client.get(path)
        assert resp.status_code == 200, (path, resp.status_code)

    def first_then_cached(path: str) -> str:
        with app.app_context():
            app.extensions.pop("zi.catatan", None)  # the first visit counts the year's records
        t0 = time.perf_counter()
        get(path)
        return f"first {1000 * (time.perf_counter() - t0):6.0f} ms; then " + _timed(lambda: get(path), 3)

    for name, path in (("GET /admin/ (dashboard card)", "/admin/"),
                       ("GET /admin/zi/ (summary)", f"/admin/zi/?tahun={YEAR}"),
                       ("GET /admin/zi/area/PW", f"/admin/zi/area/PW?tahun={YEAR}"),
                       ("GET /admin/zi/indikator/PW.R2.a", f"/admin/zi/indikator/PW.R2.a?tahun={YEAR}"),
                       ("GET /transparansi/ (public)", f"/transparansi/?tahun={YEAR}")):
        print(f"   [{label}] {name:<34} {first_then_cached(path)}", flush=True)
    print(f"   [{label}] {'GET /admin/zi/kesiapan':<34} {_timed(lambda: get(f'/admin/zi/kesiapan?tahun={YEAR}'), 3)}",
          flush=True)
    with app.app_context():
        db.engine.dispose()


def main() -> None:
    run(None)
    url = os.environ.get("BENCH_ZI_DATABASE_URL")
    if url:
        run(url)
    else:
        print("   (BENCH_ZI_DATABASE_URL not set: the PostgreSQL run is skipped)")


if __name__ == "__main__":
    main()
