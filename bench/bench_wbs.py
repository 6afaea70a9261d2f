"""WBS: submission latency including the receipt KDF (default Argon2id parameters), the reporter's
mailbox opening, and decrypting one case with 10 messages and 5 attachments.

Run: `python -m bench wbs`. In-process figures use a fresh SQLite instance with three enrolled officers
(each report is wrapped to the three keys and to the receipt key); the HTTP figure posts
createLaporanWbs to gunicorn (2 workers, no officer keys, rate limits off).
"""
from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
import urllib.request

from bench.harness import figures, gunicorn_server, note, run_load, show

N = int(os.environ.get("BENCH_WBS_N", "40"))  # reports sent in-process; the other counts follow from it


def _pcts(samples: list[float]) -> str:
    samples = sorted(samples)
    p99 = samples[min(len(samples) - 1, int(0.99 * len(samples)))]
    return (f"p50 {1000 * statistics.median(samples):7.1f} ms  p99 {1000 * p99:7.1f} ms  "
            f"(n={len(samples)})")


def _in_process() -> None:
    from app import create_app
    from core import crypto
    from core.extensions import db
    from core.storage import inspect_upload
    from tests.factories import make_user
    from tests.wbs.helpers import PASSPHRASE, pdf_bytes
    from wbs import keys, service

    app = create_app({"INSTANCE_PATH": tempfile.mkdtemp(prefix="zi-bench-wbs-"), "RATELIMIT_ENABLED": False})
    with app.app_context():
        db.create_all()
        params = keys.kdf_params()
        print(f"   KDF (Argon2id) for receipts and passphrases: time_cost={params.time_cost}, "
              f"memory={params.memory_cost_kib // 1024} MiB, parallelism={params.parallelism}")
        officers = []
        for _ in range(3):
            user, _ = make_user(["tim_wbs"])
            keys.enrol_officer(user, PASSPHRASE)
            officers.append(user)
        db.session.commit()

        t0 = time.perf_counter()
        for _ in range(5):
            crypto.derive_key(b"0" * 16, b"s" * 16, params)
        print(f"   one Argon2id derivation:            {1000 * (time.perf_counter() - t0) / 5:7.1f} ms")

        fields = {"apa": "Pungutan di loket " * 20, "dimana": "Loket 3", "kapan": "Senin", "siapa": "Petugas X",
                  "bagaimana": "Diminta lewat pesan " * 10, "jenis": "pungli"}
        samples, receipts = [], []
        for _ in range(N):
            t = time.perf_counter()
            _, receipt = service.submit_report(dict(fields))
            samples.append(time.perf_counter() - t)
            receipts.append(receipt)
        print(f"   submit_report (text only, 3 keys):  {_pcts(samples)}")
        note("WBS submit (3 team keys + receipt KDF, in-process)", _pcts(samples))

        clean = inspect_upload(pdf_bytes("bukti " * 2000), "bukti.pdf", max_bytes=10 * 1024 * 1024)
        samples = []
        for _ in range(max(1, N // 2)):
            t = time.perf_counter()
            service.submit_report(dict(fields), [clean])
            samples.append(time.perf_counter() - t)
        print(f"   submit_report (+1 PDF {clean.size // 1024} KB):       {_pcts(samples)}")

        samples = []
        for receipt in receipts[:max(1, N // 2)]:
            t = time.perf_counter()
            service.open_mailbox(receipt)
            samples.append(time.perf_counter() - t)
        print(f"   open_mailbox (receipt KDF):         {_pcts(samples)}")

        # one case with 10 messages and 5 attachments of ~1 MB each
        officer = officers[0]
        big = inspect_upload(pdf_bytes("x" * 1_000_000), "besar.pdf", max_bytes=10 * 1024 * 1024)
        rid, receipt = service.submit_report(dict(fields), [big] * 5)
        key, private = keys.unlock(officer, PASSPHRASE)
        for i in range(5):
            service.add_team_message(rid, officer, key, private, f"Pertanyaan {i} " * 30)
            db.session.commit()
            service.add_reporter_message(receipt, f"Jawaban {i} " * 30)
            db.session.commit()  # the last one too: open_case reads what is committed
        t = time.perf_counter()
        key, private = keys.unlock(officer, PASSPHRASE)
        unlock_ms = 1000 * (time.perf_counter() - t)
        samples_case, samples_all = [], []
        for _ in range(max(1, N // 2)):
            t = time.perf_counter()
            case = service.open_case(rid, officer, key, private)
            samples_case.append(time.perf_counter() - t)
            for att_id, _meta in case.lampiran_awal:
                service.read_attachment(rid, att_id, officer, key, private)
            samples_all.append(time.perf_counter() - t)
            db.session.rollback()
        assert len(case.entri) == 10 and len(case.lampiran_awal) == 5, (len(case.entri), len(case.lampiran_awal))
        print(f"   unlock officer key (passphrase):    {unlock_ms:7.1f} ms")
        print(f"   open_case, 10 messages:             {_pcts(samples_case)}")
        print(f"   + decrypt 5 attachments ({5 * big.size // 1024} KB):  {_pcts(samples_all)}")
        note("WBS open and decrypt a case (10 messages)", _pcts(samples_case))
        note(f"WBS ... + decrypt 5 attachments ({5 * big.size // 1024} KB)", _pcts(samples_all))


def _team_key(instance) -> None:
    """The first Tim WBS key of the served instance (same database, through its own app)."""

    from app import create_app
    from core.extensions import db
    from tests.wbs.helpers import make_officer

    app = create_app({"INSTANCE_PATH": str(instance), "SQLALCHEMY_DATABASE_URI": os.environ.get("DATABASE_URL")
                      or f"sqlite:///{instance / 'zilapor.db'}"})
    with app.app_context():
        make_officer()
        db.session.commit()
        db.engine.dispose()


def _over_http() -> None:
    body = json.dumps({"apa": "Pungutan di loket", "dimana": "Loket 3", "jenis": "pungli"}).encode()
    with gunicorn_server() as (base, instance):
        _team_key(instance)  # the WBS channel is closed until the team has a key
        def submit():
            req = urllib.request.Request(base + "/api/v1/wbs/laporan", data=body, method="POST",
                                         headers={"Content-Type": "application/json"})
            urllib.request.urlopen(req, timeout=30).read()

        submit()  # warm up
        show("POST createLaporanWbs (c=1)", run_load(submit, max(2, 3 * N // 4), 1))
        r = run_load(submit, max(4, 3 * N // 2), 4)
        show("POST createLaporanWbs (c=4)", r)
        note("WBS API submit, 4 clients (receipt KDF at default cost)", figures(r))


def main() -> None:
    _in_process()
    _over_http()
