"""Running the bot: the complaint conversation survives a restart (sealed in bot_state), idle conversations
expire with a message, long polling and webhook mode against the fake API, the officers' group alerts."""
from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from datetime import timedelta

from sqlalchemy import select, update

from bot.cli import webhook_secret
from bot.kirim import TelegramChannel, alert_new_complaints
from bot.models import BotState
from core.delivery import Sender
from core.extensions import db
from core.models import Outbox
from core.settings import set_setting
from core.workdays import utcnow
from pengaduan.models import Pengaduan
from tests.bot.conftest import BotHarness, jpeg
from tests.bot.test_lapor import TICKET
from tests.loopback import free_port
from tests.pengaduan.helpers import submit as submit_complaint


def _half_way(bot, user):
    bot.feed(user.text("/lapor"))
    bot.feed(user.tap("Pengaduan"))
    bot.feed(user.tap("Sarana dan prasarana"))
    bot.feed(user.text("Toilet umum rusak sejak lama"))
    bot.feed(user.text("Toilet di ruang tunggu tidak dapat dipakai sejak dua minggu."))
    bot.feed(user.text("Ruang tunggu"))
    bot.feed(user.tap("Lewati"))
    bot.feed(user.photo(jpeg()))


def test_a_complaint_conversation_survives_a_restart(app, api, budi):
    first = BotHarness(app, api)
    _half_way(first, budi)
    first.stop()  # stopping flushes the persistence

    with app.app_context():
        rows = db.session.scalars(select(BotState)).all()
        assert {r.jenis for r in rows} == {"user", "conv:lapor"}
        for r in rows:  # sealed: neither the text nor the Telegram id in clear
            assert "Toilet" not in r.isi and str(budi.id) not in r.isi + r.kunci + r.kunci_segel

    second = BotHarness(app, api)
    try:
        second.feed(budi.tap("Selesai"))  # the attachments step, where the first process left off
        second.feed(budi.tap("Anonim"))
        second.feed(budi.tap("Tidak"))
        second.feed(budi.tap("Tidak"))
        assert "Toilet umum rusak sejak lama" in budi.last_text() and "Lampiran: 1 berkas" in budi.last_text()
        second.feed(budi.tap("Kirim"))
        assert TICKET.search(budi.last_text())
    finally:
        second.stop()
    with app.app_context():
        p = db.session.scalar(select(Pengaduan))
        assert p.judul == "Toilet umum rusak sejak lama" and p.kanal == "telegram"
        assert db.session.query(BotState).count() == 0  # the finished conversation left nothing behind


def test_an_idle_conversation_expires_with_a_message(app, api, budi, make_bot):
    bot = make_bot(idle_seconds=1)
    bot.feed(budi.text("/lapor"))
    bot.feed(budi.tap("Pengaduan"))
    assert api.wait_for(lambda: "tidak ada jawaban selama 30 menit" in budi.last_text(), timeout=10)
    time.sleep(0.5)  # the fake records the message before the bot has its answer and ends the conversation
    assert "lapor" not in bot.application.user_data.get(budi.id, {})
    bot.feed(budi.text("Judul yang terlambat"))
    assert "tidak mengerti" in budi.last_text()  # the conversation is over


def test_a_conversation_idle_while_the_bot_was_down_is_ended_at_start(app, api, budi, make_bot):
    first = make_bot()
    _half_way(first, budi)
    first.stop()
    with app.app_context():
        db.session.execute(update(BotState).values(diubah=utcnow() - timedelta(hours=2)))
        db.session.commit()
    make_bot()
    assert "tidak ada jawaban selama 30 menit" in budi.last_text()
    with app.app_context():
        assert db.session.query(BotState).filter(BotState.jenis == "conv:lapor").count() == 0


def test_long_polling_through_get_updates(app, api, budi, make_bot):
    bot = make_bot()
    bot.run(bot.application.updater.start_polling(poll_interval=0, timeout=1))
    api.push(budi.text("/start"))
    assert api.wait_for(lambda: "Selamat datang" in budi.last_text())
    api.push(budi.text("/bantuan"))
    assert api.wait_for(lambda: "/status NOMOR KODE" in budi.last_text())
    assert api.count("getMe") >= 1 and api.count("deleteWebhook") == 1


def test_webhook_mode_checks_the_secret_token(app, api, budi, make_bot):
    bot = make_bot()
    port, secret = free_port(), webhook_secret(app)
    bot.run(bot.application.updater.start_webhook(listen="127.0.0.1", port=port, url_path="telegram",
                                                  webhook_url="https://lapor.contoh.go.id/telegram",
                                                  secret_token=secret))
    assert api.webhook["url"] == "https://lapor.contoh.go.id/telegram" and api.webhook["secret_token"] == secret

    def post(update: dict, token: str | None) -> int:
        headers = {"Content-Type": "application/json"}
        if token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = token
        req = urllib.request.Request(f"http://127.0.0.1:{port}/telegram", json.dumps(update).encode(), headers)
        try:
            return urllib.request.urlopen(req, timeout=5).status
        except urllib.error.HTTPError as e:
            return e.code

    assert post(budi.text("/start"), "salah") == 403
    assert post(budi.text("/start"), None) == 403
    time.sleep(0.3)
    assert budi.last_text() == ""  # nothing answered to a forged update
    assert post(budi.text("/start"), secret) == 200
    assert api.wait_for(lambda: "Selamat datang" in budi.last_text())


def test_officers_group_gets_content_free_alerts(app, bot, api):
    group = -1001234567
    with app.app_context():
        from tests.wbs.helpers import make_officer

        make_officer()  # the WBS channel is open only once the team has a key
        submit_complaint(judul="Keluhan sebelum grup diatur")  # before the group: not announced
        set_setting("bot", {"grup_petugas": str(group), "alamat_situs": ""})
        db.session.commit()
        assert bot.run(bot.application.bot_data["runtime"].uow(alert_new_complaints)) == 0  # bookmark set
        p1, _ = submit_complaint(judul="Pungutan di loket tiga", rahasia=True)
        p2, _ = submit_complaint(judul="Pelayanan lambat")
        tickets = [p1.tiket, p2.tiket]
        from tests.wbs.helpers import FULL
        from wbs.service import submit_report

        submit_report(FULL)  # a WBS report: never announced to the group
        db.session.commit()
    rt = bot.application.bot_data["runtime"]
    assert bot.run(rt.uow(alert_new_complaints)) == 2
    assert bot.run(rt.uow(alert_new_complaints)) == 0  # once each
    Sender(app, [TelegramChannel(bot.application.bot, bot.loop, per_second=None)]).drain()
    assert api.texts(group) == [f"Pengaduan baru: {t}" for t in tickets]
    with app.app_context():
        bodies = db.session.scalars(select(Outbox.body).where(Outbox.dedup_key.like("%:grup:tg"))).all()
        assert all("Pungutan" not in b and "lambat" not in b for b in bodies)


def test_the_bot_survives_the_bot_api_being_unreachable(app, api, budi, make_bot):
    """issue 14: getUpdates failing (502, then a timeout) does not end long polling; the next update is answered."""
    bot = make_bot()
    api.fail("getUpdates", times=3, code=502)
    api.fail("getUpdates", times=1, code=0, delay=2.5)  # answers too late
    bot.run(bot.application.updater.start_polling(poll_interval=0, timeout=1))
    api.push(budi.text("/start"))
    assert api.wait_for(lambda: "Selamat datang" in budi.last_text(), timeout=30)
    assert all(f.times == 0 for f in api.faults if f.method == "getUpdates")  # every failure was met
    assert bot.application.updater.running
