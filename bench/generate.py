"""Big data on PostgreSQL: an office-year or a ministry, with Indonesian text from Faker's `id_ID` locale.

    python -m bench.generate kantor                # one office, one year
    python -m bench.generate kementerian           # 1 000 000 complaints, 1 000 000 survey answers, 10 000 WBS
    python -m bench.generate kementerian --skala 0.1   # a tenth of it (what fits in a short run)

into BENCH_DATABASE_URL (default a local zi_bench database; its schema is dropped and migrated afresh, with the
indexes of 0011_scale). Complaints and survey answers go in with COPY in batches; WBS reports go through the
service itself (sealed to the team's key, the receipt key with cheap KDF parameters), since their columns are
ciphertext. Faker writes a pool of titles, stories and places once; rows combine them, so a million rows cost
what COPY costs, not a million Faker calls. The yearly ticket counters end where the tickets end, so the
service numbers on from there.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

PROFILES = {
    # a provincial office: its complaints, survey answers and WBS reports of one year
    "kantor": {"pengaduan": 6_000, "skm": 12_000, "wbs": 60, "years": (2026,)},
    # a ministry: the figures, over three years
    "kementerian": {"pengaduan": 1_000_000, "skm": 1_000_000, "wbs": 10_000, "years": (2024, 2025, 2026)},
}
BATCH = 50_000
UNITS = ("SEKR", "KB", "KS", "DALDUK", "ADPIN", "LATBANG")
# mostly closed, as in a running office; the open ones spread over every working status
STATUS_MIX = (["selesai"] * 13 + ["ditolak", "diarsipkan", "diterima", "diverifikasi", "didisposisikan",
                                   "ditindaklanjuti", "dijawab", "perlu_dilengkapi"])
CLOSED = {"selesai", "ditolak", "diarsipkan"}
KATEGORI = ("Pelayanan publik", "Perilaku petugas", "Sarana dan prasarana", "Lainnya")


@dataclass
class Pools:
    judul: list[str]
    uraian: list[str]
    lokasi: list[str]
    layanan: list[str]
    saran: list[str]


def faker_pools(seed: int = 2026) -> Pools:
    from faker import Faker

    fake = Faker("id_ID")
    Faker.seed(seed)
    return Pools(
        judul=[fake.sentence(nb_words=6).rstrip(".")[:200] for _ in range(3000)],
        uraian=[fake.paragraph(nb_sentences=4) for _ in range(3000)],
        lokasi=[f"{fake.street_address()}, {fake.city()}"[:300] for _ in range(1000)],
        layanan=[f"Layanan {fake.word()}"[:200] for _ in range(200)],
        saran=[fake.sentence(nb_words=10) for _ in range(1000)] + [""] * 3000,
    )


def _copy(conn, table: str, columns: list[str], rows) -> int:
    """COPY rows (tuples) into table, BATCH at a time (each batch its own COPY, then a commit)."""
    n = 0
    batch: list[tuple] = []

    def flush():
        with conn.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as cp:
            for row in batch:
                cp.write_row(row)
        conn.commit()

    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            flush()
            n += len(batch)
            batch = []
    if batch:
        flush()
        n += len(batch)
    return n


PENGADUAN_COLUMNS = ["id", "tiket", "kode_hash", "jenis", "kategori", "judul", "uraian", "lokasi", "layanan_terkait",
                     "kanal", "lapor_id", "anonim", "rahasia", "boleh_diteruskan", "identitas_unit", "status",
                     "tingkat", "unit_id", "diterima_at", "tanggal_diterima", "batas_verifikasi", "batas_selesai",
                     "batas", "terbuka", "alasan_tolak", "rujukan", "dialihkan_ke", "jawaban", "tawaran_wbs",
                     "dipindah_wbs", "komentar_penilaian", "updated_at", "versi"]


def complaints(n: int, years: tuple[int, ...], unit_ids: list[int], pools: Pools, rng: random.Random):
    """n complaints spread evenly over `years`, numbered gap-free per year; yields rows, then the last
    number of each year is in the returned dict (filled as rows are made)."""
    last: dict[int, int] = {}
    per_year = -(-n // len(years))
    now = datetime.now(timezone.utc)
    made = 0
    for year in years:
        for seq in range(1, per_year + 1):
            if made == n:
                break
            made += 1
            day = date(year, 1, 1) + timedelta(days=(seq * 365) // per_year)
            status = rng.choice(STATUS_MIX)
            unit = rng.choice(unit_ids) if status in ("didisposisikan", "ditindaklanjuti", "dijawab") else None
            at = datetime(day.year, day.month, day.day, 1 + rng.randrange(12), rng.randrange(60), tzinfo=timezone.utc)
            batas = day + timedelta(days=rng.choice((3, 5, 7, 14, 30)))
            last[year] = seq
            yield (made, f"PGD-{year}-{seq:06d}", hashlib.sha256(b"kode-%d" % made).hexdigest(),
                   rng.choice(("pengaduan", "pengaduan", "pengaduan", "aspirasi", "informasi")), rng.choice(KATEGORI),
                   rng.choice(pools.judul), rng.choice(pools.uraian), rng.choice(pools.lokasi),
                   rng.choice(pools.layanan), rng.choice(("web", "web", "api", "telegram", "surat", "lapor")), "",
                   True, rng.random() < 0.1, False, False, status, "normatif", unit, at, day, day + timedelta(days=3),
                   day + timedelta(days=14), batas, status not in CLOSED, "", "", "", "", False, False, "", now, 1)
    complaints.last = last


SKM_COLUMNS = ["layanan_id", "tanggal", "sumber", "jenis_kelamin", "usia", "pendidikan", "pekerjaan",
               "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9", "saran"]


def answers(n: int, years: tuple[int, ...], layanan_ids: list[int], pools: Pools, rng: random.Random):
    mix = (2, 3, 3, 3, 4, 4, 4, 4, 3, 4, 1)
    start = date(years[0], 1, 1)
    span = 365 * len(years)
    for i in range(n):
        yield (rng.choice(layanan_ids), start + timedelta(days=(i * span) // n), "web", rng.choice("LP"),
               18 + rng.randrange(50), rng.choice(("SMA", "D1-D3", "D4-S1", "S2")),
               rng.choice(("PNS", "SWASTA", "WIRAUSAHA", "LAINNYA")), *(rng.choice(mix) for _ in range(9)),
               rng.choice(pools.saran))


def generate(profile: str, scale: float, url: str, out=sys.stdout, with_wbs: bool = True) -> dict:
    """Fill `url` afresh; returns the counts and the seconds each part took. `with_wbs=False` leaves the WBS
    reports out (their sealing is most of the time; the complaint queue does not need them)."""
    from flask_migrate import upgrade
    from sqlalchemy import text

    from app import create_app
    from core.crypto import KdfParams
    from core.extensions import db
    from core.models import Counter, Role, Unit, User
    from core.accounts import hash_password

    spec = PROFILES[profile]
    n_p, n_s, n_w = (max(1, int(spec[k] * scale)) for k in ("pengaduan", "skm", "wbs"))
    n_w = n_w if with_wbs else 0
    years = spec["years"]
    rng = random.Random(15)
    took: dict[str, float] = {}
    app = create_app({"INSTANCE_PATH": tempfile.mkdtemp(prefix="zi-gen-"), "SQLALCHEMY_DATABASE_URI": url,
                      "KDF_PARAMS": KdfParams.cheap(), "RATELIMIT_ENABLED": False})
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            raise SystemExit("bench.generate butuh PostgreSQL (BENCH_DATABASE_URL)")
        t0 = time.perf_counter()
        db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        db.session.commit()
        upgrade()
        units = [Unit(kode=k, nama=f"Bidang {k}", kepala_jabatan=f"Kepala Bidang {k}") for k in UNITS]
        db.session.add_all(units)
        officer = User(email="petugas@bench.id", nama="Petugas Bench", must_change_password=False,
                       password_hash=hash_password("bench-sandi-panjang-1"))
        officer.set_roles([Role.petugas_pengaduan, Role.pengelola_skm, Role.pimpinan])
        db.session.add(officer)
        db.session.commit()
        from skm import service as skm

        layanan = [skm.simpan_layanan(None, kode=f"layanan-{i + 1}", nama=f"Layanan {i + 1}",
                                      unit_id=units[i % len(units)].id, populasi=50_000, wajib_kode=False)
                   for i in range(8)]
        for y in years:
            skm.buat_periode(nama=f"Tahun {y}", jenis="tahunan", mulai=date(y, 1, 1), selesai=date(y, 12, 31))
        db.session.commit()
        unit_ids = [u.id for u in units]
        layanan_ids = [lay.id for lay in layanan]
        pools = faker_pools()
        took["schema + Faker pools"] = time.perf_counter() - t0

        raw = db.engine.raw_connection()
        try:
            conn = raw.driver_connection
            t0 = time.perf_counter()
            _copy(conn, "pengaduan", PENGADUAN_COLUMNS, complaints(n_p, years, unit_ids, pools, rng))
            conn.execute("SELECT setval(pg_get_serial_sequence('pengaduan', 'id'), (SELECT max(id) FROM pengaduan))")
            conn.commit()
            took[f"{n_p:,} complaints (COPY)"] = time.perf_counter() - t0
            print(f"   {n_p:,} complaints in {took[f'{n_p:,} complaints (COPY)']:.1f} s", file=out, flush=True)
            t0 = time.perf_counter()
            _copy(conn, "skm_respon", SKM_COLUMNS, answers(n_s, years, layanan_ids, pools, rng))
            took[f"{n_s:,} survey answers (COPY)"] = time.perf_counter() - t0
            print(f"   {n_s:,} survey answers in {took[f'{n_s:,} survey answers (COPY)']:.1f} s", file=out, flush=True)
        finally:
            raw.close()

        from pengaduan.service import recount

        for year, seq in complaints.last.items():  # the service numbers on after the last ticket
            db.session.add(Counter(name="pengaduan", year=year, value=seq))
        recount()
        db.session.commit()

        t0 = time.perf_counter()
        _wbs_reports(n_w, pools, rng)
        took[f"{n_w:,} WBS reports (service, sealed)"] = time.perf_counter() - t0
        print(f"   {n_w:,} WBS reports in {took[f'{n_w:,} WBS reports (service, sealed)']:.1f} s", file=out, flush=True)

        t0 = time.perf_counter()
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(text("VACUUM ANALYZE"))
        took["VACUUM ANALYZE"] = time.perf_counter() - t0
        db.engine.dispose()
    return {"pengaduan": n_p, "skm": n_s, "wbs": n_w, "took": took}


def _wbs_reports(n: int, pools: Pools, rng: random.Random) -> None:
    """Through the service: every report sealed to the team's key, as a real one is."""
    from core.extensions import db
    from core.models import Role, User
    from core.accounts import hash_password
    from wbs import keys, service

    user = User(email="wbs@bench.id", nama="Tim WBS Bench", must_change_password=False,
                password_hash=hash_password("bench-sandi-panjang-1"))
    user.set_roles([Role.tim_wbs])
    db.session.add(user)
    db.session.commit()
    keys.enrol_officer(user, "frasa-sandi-wbs-bench-1")
    db.session.commit()
    for i in range(n):
        service.submit_report({"apa": rng.choice(pools.uraian), "dimana": rng.choice(pools.lokasi),
                               "kapan": "Pekan lalu", "siapa": "Petugas loket", "bagaimana": rng.choice(pools.uraian),
                               "jenis": rng.choice(("pungli", "gratifikasi", "penyalahgunaan_wewenang"))})
        if i % 200 == 199:
            db.session.commit()
    db.session.commit()


def main(argv: list[str] | None = None) -> int:
    from bench.harness import bench_database_url

    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("profil", choices=sorted(PROFILES))
    parser.add_argument("--skala", type=float, default=1.0, help="fraction of the profile's counts (0.1 = a tenth)")
    args = parser.parse_args(argv)
    url = bench_database_url()
    if url is None:
        return 1
    result = generate(args.profil, args.skala, url)
    for label, seconds in result["took"].items():
        print(f"   {label:<40} {seconds:8.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
