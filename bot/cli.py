"""`flask bot …`: run the bot (long polling or webhook), send the Telegram Outbox once, set the bot's settings,
update its English catalogue. The long-running commands are not one unit of work: each update is its own."""
from __future__ import annotations

import asyncio
import hmac
import logging
import os

import click
from flask import current_app
from flask.cli import AppGroup

from core.uow import unit_of_work

bot_cli = AppGroup("bot", help="Bot Telegram: jalankan, kirim kabar, atur.")


def webhook_secret(app) -> str:
    """TELEGRAM_WEBHOOK_SECRET, else one derived from SECRET_KEY (Telegram allows A-Z, a-z, 0-9, _ and -)."""
    given = app.config.get("TELEGRAM_WEBHOOK_SECRET")
    if given:
        return given
    return hmac.new(app.config["SECRET_KEY"], b"zi-lapor/telegram-webhook", "sha256").hexdigest()


def _application(**kwargs):
    from bot.application import build_application

    # what the process does, for the operator: kinds of errors and counts, never the content of an update
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    try:
        return build_application(current_app._get_current_object(), **kwargs)
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from exc


@bot_cli.command("run")
@click.option("--tanpa-pengirim", is_flag=True, help="Jangan kirim kabar dari Outbox dalam proses ini.")
def run(tanpa_pengirim):
    """Jalankan bot dengan long polling (Ctrl+C untuk berhenti)."""
    application = _application(drain=not tanpa_pengirim)
    click.echo("Bot berjalan (long polling). Tekan Ctrl+C untuk berhenti.")
    application.run_polling(allowed_updates=["message", "edited_message", "callback_query"])


@bot_cli.command("webhook")
@click.option("--url", "webhook_url", required=True, help="Alamat publik webhook, mis. https://lapor.contoh.go.id/telegram")
@click.option("--listen", default="127.0.0.1", show_default=True)
@click.option("--port", default=8443, show_default=True, type=int)
@click.option("--path", "url_path", default="telegram", show_default=True, help="Jalur di belakang reverse proxy.")
@click.option("--tanpa-pengirim", is_flag=True, help="Jangan kirim kabar dari Outbox dalam proses ini.")
def webhook(webhook_url, listen, port, url_path, tanpa_pengirim):
    """Jalankan bot dalam mode webhook dengan token rahasia (di belakang reverse proxy)."""
    application = _application(drain=not tanpa_pengirim)
    click.echo(f"Bot berjalan (webhook) di {listen}:{port}/{url_path.strip('/')}.")
    application.run_webhook(listen=listen, port=port, url_path=url_path.strip("/"), webhook_url=webhook_url,
                            secret_token=webhook_secret(current_app),
                            allowed_updates=["message", "edited_message", "callback_query"])


@bot_cli.command("kirim")
def kirim():
    """Kirim kabar Telegram yang menunggu di Outbox sekali jalan (untuk timer), lalu berhenti."""
    from telegram import Bot

    from bot.application import api_urls
    from bot.kirim import TelegramChannel
    from core.delivery import Sender

    app = current_app._get_current_object()
    os.environ.setdefault("PTB_TIMEDELTA", "true")  # as in build_application
    token = app.config.get("TELEGRAM_BOT_TOKEN")
    if not token:
        raise click.ClickException("TELEGRAM_BOT_TOKEN belum diatur.")
    base_url, file_url = api_urls(app.config.get("TELEGRAM_API_BASE_URL"))

    async def main():
        async with Bot(token, base_url=base_url, base_file_url=file_url) as bot:
            channel = TelegramChannel(bot, asyncio.get_running_loop())
            return await asyncio.to_thread(Sender(app, [channel]).drain)

    stats = asyncio.run(main())
    click.echo(f"Terkirim {stats.sent}, dicoba lagi nanti {stats.retried}, gagal {stats.failed}.")


@bot_cli.command("atur")
@click.option("--grup", default=None, help="ID grup Telegram petugas untuk pemberitahuan pengaduan baru ('' = mati).")
@click.option("--situs", default=None, help="Alamat publik situs ZI Lapor, mis. https://lapor.contoh.go.id")
def atur(grup, situs):
    """Atur grup petugas dan alamat situs yang ditautkan bot."""
    from core.settings import get_setting, set_setting

    with unit_of_work():
        value = dict(get_setting("bot"))
        if grup is not None:
            grup = grup.strip()
            if grup and not grup.lstrip("-").isdigit():
                raise click.ClickException("ID grup berupa angka, mis. -1001234567890.")
            value["grup_petugas"] = grup
        if situs is not None:
            situs = situs.strip().rstrip("/")
            if situs and not situs.startswith(("https://", "http://")):
                raise click.ClickException("Alamat situs diawali https://")
            value["alamat_situs"] = situs
        set_setting("bot", value)
    click.echo(f"Grup petugas: {value['grup_petugas'] or '-'}; situs: {value['alamat_situs'] or '-'}")


@bot_cli.command("terjemahan")
def terjemahan():
    """Ekstrak teks bot dan perbarui/kompilasi katalog bahasa Inggris (domain «bot»)."""
    from babel.messages.frontend import CommandLineInterface

    from bot.i18n import DIRECTORY, DOMAIN
    from core.config import ROOT

    pot = str(DIRECTORY / f"{DOMAIN}.pot")
    cli = CommandLineInterface()
    cli.run(["pybabel", "extract", "-k", "N_", "--no-location", "-o", pot, str(ROOT / "bot")])
    po = DIRECTORY / "en" / "LC_MESSAGES" / f"{DOMAIN}.po"
    action = "update" if po.exists() else "init"
    cli.run(["pybabel", action, "-D", DOMAIN, "-i", pot, "-d", str(DIRECTORY), "-l", "en",
             *(["--ignore-obsolete"] if action == "update" else [])])
    cli.run(["pybabel", "compile", "-D", DOMAIN, "-d", str(DIRECTORY)])
