"""IKM of a period with 1 000 000 responses on PostgreSQL, computed in the database (SUM/COUNT per unsur,
GROUP BY service) and fed to the one calculator.

Uses BENCH_DATABASE_URL (default: a local zi_bench database, created when missing); the schema there is dropped and migrated
afresh, then emptied again at the end. Rows are generated inside PostgreSQL with generate_series.
"""
from __future__ import annotations

import os
import statistics
import tempfile
import time

from sqlalchemy import text

from bench.harness import bench_database_url, note

ROWS = int(os.environ.get("SKM_BENCH_ROWS", "1000000"))


def _timed(fn, repeat: int = 5) -> tuple[float, float, object]:
    """(first call ms, median of the following calls ms, last result)."""
    t0 = time.perf_counter()
    result = fn()
    first = (time.perf_counter() - t0) * 1000
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return first, statistics.median(times), result


def _intake() -> None:
    """Survey answers through the JSON API at BENCH_CLIENTS clients, against the floor in the same gunicorn."""
    import json
    import urllib.request
    import uuid

    from bench.harness import figures, floor_post, gunicorn_server, run_load, show, versus_floor

    clients = int(os.environ.get("BENCH_CLIENTS", "32"))

    def answer():
        body = {"layanan": "ppid", "jawaban": {f"U{i}": 1 + i % 4 for i in range(1, 10)}, "jenis_kelamin": "P",
                "usia": 30, "pendidikan": "SMA", "pekerjaan": "PNS", "saran": "", "token": uuid.uuid4().hex}
        req = urllib.request.Request(base + "/api/v1/skm/respon", data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            assert resp.status == 201

    with gunicorn_server(label="SKM") as (base, _):
        run_load(lambda: floor_post(base), 200, clients)  # warm both workers
        floor = run_load(lambda: floor_post(base), 1000, clients)
        show("floor: one INSERT", floor)
        api = run_load(answer, 1000, clients)
        show("POST /api/v1/skm/respon", api)
        note(f"SKM answer API, {clients} clients (SQLite)", figures(api))
        versus_floor("SKM answer API (SQLite)", api, floor)


def main() -> None:
    _intake()
    _ikm()


def _ikm() -> None:
    from flask_migrate import upgrade

    from app import create_app
    from core.extensions import db
    from core.models import Unit
    from skm import service
    from skm.calculator import angka

    url = bench_database_url()
    if url is None:
        return
    app = create_app({"INSTANCE_PATH": tempfile.mkdtemp(prefix="zi-bench-skm-"), "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            print("   dilewati: butuh PostgreSQL (BENCH_DATABASE_URL)")
            return
        db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        db.session.commit()
        upgrade()
        unit = Unit(kode="KB", nama="Bidang KB")
        db.session.add(unit)
        db.session.flush()
        for i in range(4):
            service.simpan_layanan(None, kode=f"layanan-{i + 1}", nama=f"Layanan {i + 1}", unit_id=unit.id,
                                   populasi=50_000, wajib_kode=False)
        from datetime import date

        periode = service.buat_periode(nama="Tahun 2026", jenis="tahunan", mulai=date(2026, 1, 1),
                                       selesai=date(2026, 12, 31))
        db.session.commit()

        t0 = time.perf_counter()
        # four services; dates spread over the year
        # answers 1–4, mostly 3 and 4, each unsur with its own mix (a different slice of the same list)
        mix = "ARRAY[2,3,3,3,3,4,4,4,4,4,3,4,2,4,3,4,4,3,1]"
        unsur = ", ".join(f"({mix})[1 + (g * {7 + 2 * k} + {k}) % {10 + k}]" for k in range(9))
        db.session.execute(text(f"""
            INSERT INTO skm_respon (layanan_id, tanggal, sumber, jenis_kelamin, usia, pendidikan, pekerjaan,
                                    u1, u2, u3, u4, u5, u6, u7, u8, u9, saran)
            SELECT 1 + g % 4, DATE '2026-01-01' + (g % 365), 'impor', CASE WHEN g % 2 = 0 THEN 'L' ELSE 'P' END,
                   18 + g % 50, (ARRAY['SMA','D1-D3','D4-S1','S2'])[1 + g % 4],
                   (ARRAY['PNS','SWASTA','WIRAUSAHA','LAINNYA'])[1 + g % 4], {unsur}, ''
            FROM generate_series(1, :n) AS g"""), {"n": ROWS})
        db.session.commit()
        insert_s = time.perf_counter() - t0
        db.session.execute(text("ANALYZE skm_respon"))
        db.session.commit()
        print(f"   insert {angka(ROWS, 0)} rows (generate_series, with indexes and checks): {insert_s:.1f} s")

        first, warm, h = _timed(lambda: service.hasil(periode))
        note(f"IKM of a period, {angka(ROWS, 0)} answers (PostgreSQL)", f"first {first:.0f} ms, then {warm:.0f} ms")
        print(f"   IKM for the period, all services (SUM/COUNT in SQL): first {first:.0f} ms, "
              f"then median {warm:.0f} ms")
        print(f"      → {h.ringkasan()}")
        first, warm, rows = _timed(lambda: service.hasil_per_layanan(periode), repeat=3)
        print(f"   IKM per service (one GROUP BY): first {first:.0f} ms, then median {warm:.0f} ms "
              f"({len(rows)} services)")
        first, warm, _ = _timed(lambda: service.profil(periode), repeat=3)
        print(f"   respondents by profile (4 GROUP BY): first {first:.0f} ms, then median {warm:.0f} ms")
        lay = rows[0][0]
        first, warm, hl = _timed(lambda: service.hasil(periode, lay))
        print(f"   IKM of one service (index on layanan, tanggal): first {first:.0f} ms, then median {warm:.0f} ms "
              f"({angka(hl.responden, 0)} responses)")
        db.session.execute(text("TRUNCATE skm_respon"))
        db.session.commit()
        db.engine.dispose()
