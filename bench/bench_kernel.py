"""The kernel's own baseline: a trivial route and the home page under gunicorn, and the audit chain."""
from __future__ import annotations

import time
import urllib.request

from bench.harness import gunicorn_server, run_load, show


def main() -> None:
    with gunicorn_server() as (base, _):
        for label, path in (("GET /sehat (trivial)", "/sehat"), ("GET / (home page)", "/")):
            show(label, run_load(lambda p=path: urllib.request.urlopen(base + p, timeout=10).read(), 600, 8))

    from app import create_app
    from core.audit import record, verify
    from core.extensions import db
    import tempfile

    app = create_app({"INSTANCE_PATH": tempfile.mkdtemp(prefix="zi-bench-audit-")})
    with app.app_context():
        db.create_all()
        t0 = time.perf_counter()
        for i in range(2000):
            record("bench.event", "bench", i, {"i": i})
            if i % 100 == 99:
                db.session.commit()
        db.session.commit()
        t1 = time.perf_counter()
        checked, problem = verify()
        t2 = time.perf_counter()
    print(f"   audit record: {2000 / (t1 - t0):.0f} rows/s; verify {checked} rows in {1000 * (t2 - t1):.0f} ms"
          f" ({'ok' if not problem else problem})")
