"""The e-mail drain: 10 000 pending e-mails (BENCH_MAIL_ROWS) sent by `core.delivery.Sender` through the e-mail
channel (smtplib, one kept connection) to a real SMTP server on 127.0.0.1 (aiosmtpd, tests/smtp_server.py) in a
process of its own, so it does not share the sender's GIL. Figures: rows queued per second, e-mails sent per
second (claim, compose plain text + HTML, SMTP, mark), and the count the server received. SQLite by default;
BENCH_MAIL_DATABASE_URL for PostgreSQL. BENCH_MAIL_SENDERS=2 runs two senders at once (no row twice)."""
from __future__ import annotations

import multiprocessing
import os
import tempfile
import threading
import time

ROWS = int(os.environ.get("BENCH_MAIL_ROWS", "10000"))
SENDERS = int(os.environ.get("BENCH_MAIL_SENDERS", "1"))


def _server(conn, port: int) -> None:
    from tests.smtp_server import SmtpServer

    server = SmtpServer(port, keep=False).start()
    conn.send("ready")
    while conn.recv() == "count":
        conn.send(server.handler.count)
    server.stop()


def main() -> None:
    from app import create_app
    from core.config import normalize_database_url
    from core.delivery import Sender, Stats
    from core.extensions import db
    from core.mail import EmailChannel, enqueue_email
    from tests.smtp_server import SmtpServer, free_port

    port = free_port()
    parent, child = multiprocessing.Pipe()
    proc = multiprocessing.get_context("spawn").Process(target=_server, args=(child, port), daemon=True)
    proc.start()
    assert parent.recv() == "ready"
    config = {"INSTANCE_PATH": tempfile.mkdtemp(prefix="zi-bench-mail-"), "RATELIMIT_ENABLED": False,
              **SmtpServer(port).config()}
    if os.environ.get("BENCH_MAIL_DATABASE_URL"):
        config["SQLALCHEMY_DATABASE_URI"] = normalize_database_url(os.environ["BENCH_MAIL_DATABASE_URL"])
    app = create_app(config)
    try:
        with app.app_context():
            db.drop_all()
            db.create_all()
            t0 = time.perf_counter()
            for i in range(ROWS):
                enqueue_email(f"warga{i % 997}@contoh.id", f"Status pengaduan PGD-2026-{i:06d}: Diverifikasi",
                              f"Status pengaduan PGD-2026-{i:06d} kini: Diverifikasi.", f"bench:{i}",
                              link="/pengaduan/lacak")
            db.session.commit()
            queued = time.perf_counter() - t0
        results: list[Stats] = []

        def run():
            channel = EmailChannel(app)
            try:
                results.append(Sender(app, [channel]).drain())
            finally:
                channel.close()

        t0 = time.perf_counter()
        threads = [threading.Thread(target=run) for _ in range(SENDERS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        drained = time.perf_counter() - t0
        parent.send("count")
        received = parent.recv()
        sent = sum(s.sent for s in results)
        failed = sum(s.failed + s.retried for s in results)
        print(f"   {ROWS} surel antre dalam {queued:.1f} s ({ROWS / queued:.0f}/s); {SENDERS} pengirim, "
              f"{app.config['SQLALCHEMY_DATABASE_URI'].split(':')[0]}", flush=True)
        print(f"   terkirim {sent} dalam {drained:.1f} s = {sent / drained:.0f} surel/s "
              f"(diterima server SMTP {received}, gagal/diulang {failed})", flush=True)
    finally:
        parent.send("stop")
        proc.join(10)


if __name__ == "__main__":
    main()
