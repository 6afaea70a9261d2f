"""`flask outbox …`: send what waits in the Outbox through every configured channel (e-mail, Telegram), once
for a timer or as a long-running worker, and say what waits."""
from __future__ import annotations

import logging
import signal
import threading
from contextlib import ExitStack

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import func, select

from core.extensions import db
from core.models import Outbox
from core.outbox import CHANNELS

outbox_cli = AppGroup("outbox", help="Kabar keluar (surel, Telegram): kirim dan periksa.")


@outbox_cli.command("kirim")
@click.option("--terus", is_flag=True, help="Terus berjalan (pekerja), bukan sekali jalan untuk timer.")
@click.option("--jeda", default=5.0, show_default=True, help="Detik menunggu bila tidak ada yang dikirim (--terus).")
def kirim(terus, jeda):
    """Kirim kabar yang menunggu di Outbox lewat setiap kanal yang diatur, per kelompok (aman dijalankan
    beberapa proses sekaligus: tidak ada kabar yang terkirim dua kali)."""
    from core.delivery import Sender
    from core.registry import registry

    app = current_app._get_current_object()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    with ExitStack() as stack:
        try:
            channels = [c for factory in registry().channels if (c := stack.enter_context(factory(app))) is not None]
        except ValueError as exc:  # e.g. MAIL_FROM is not an address (core.mail.Refused)
            raise click.ClickException(str(exc)) from exc
        if not channels:
            click.echo("Belum ada kanal yang diatur (SMTP_HOST dan MAIL_FROM, atau TELEGRAM_BOT_TOKEN); "
                       "kabar tetap menunggu di Outbox.")
            return
        sender = Sender(app, channels)
        names = ", ".join(c.name for c in channels)
        if not terus:
            stats = sender.drain()
            click.echo(f"Kanal: {names}. Terkirim {stats.sent}, dicoba lagi nanti {stats.retried}, "
                       f"gagal {stats.failed}.")
            return
        stop = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
        click.echo(f"Pengirim Outbox berjalan (kanal: {names}). Tekan Ctrl+C untuk berhenti.")
        sender.run_forever(stop, jeda)


@outbox_cli.command("status")
def status():
    """Berapa kabar menunggu dan berapa gagal, per kanal."""
    with current_app.app_context():
        rows = db.session.execute(
            select(Outbox.channel, Outbox.failed_at.is_not(None), func.count())
            .where(Outbox.sent_at.is_(None)).group_by(Outbox.channel, Outbox.failed_at.is_not(None))).all()
    counts = {channel: [0, 0] for channel in CHANNELS}
    for channel, failed, n in rows:
        counts.setdefault(channel, [0, 0])[1 if failed else 0] += n
    for channel, (waiting, failed) in counts.items():
        click.echo(f"{channel}: menunggu {waiting}, gagal {failed}")
