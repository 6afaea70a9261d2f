"""/lapor end to end: the real Application, the fake Bot API, pengaduan.service underneath."""
from __future__ import annotations

import re

from sqlalchemy import select

from core.attachments import attachments_of
from core.extensions import db
from core.models import Outbox
from pengaduan.models import Pengaduan
from tests.bot.conftest import jpeg

TICKET = re.compile(r"Nomor tiket: (PGD-\d{4}-\d{6})\nKode pelacakan: ([0-9A-Z-]+)")


def file_complaint(bot, user, *, photo: bytes | None = None, kabar: bool = True, judul="Antrean layanan KB lama",
                   identitas="Ketik nama") -> tuple[str, str]:
    """Walk the whole conversation as a person would; returns (ticket, code) read from the bot's answer."""
    bot.feed(user.text("/lapor"))
    bot.feed(user.tap("Pengaduan"))
    bot.feed(user.tap("Pelayanan publik"))
    bot.feed(user.text(judul))
    bot.feed(user.text("Saya menunggu tiga jam di loket tanpa kejelasan jadwal pelayanan."))
    bot.feed(user.text("Loket pelayanan lantai 1"))
    bot.feed(user.tap("Hari ini"))
    if photo:
        bot.feed(user.photo(photo))
        assert "diterima (1 dari paling banyak 5)" in user.last_text()
    bot.feed(user.tap("Selesai"))
    bot.feed(user.tap(identitas))
    if identitas == "Ketik nama":
        bot.feed(user.text(f"{user.user['first_name']} {user.user['last_name']}"))
    if identitas != "Anonim":
        bot.feed(user.text("0812 3456 7890"))
    bot.feed(user.tap("Tidak"))  # rahasia
    bot.feed(user.tap("Ya" if kabar else "Tidak"))  # status updates to this chat
    assert "Periksa pengaduan Anda" in user.last_text()
    bot.feed(user.tap("Kirim"))
    match = TICKET.search(user.last_text())
    assert match, user.last_text()
    return match.group(1), match.group(2)


def test_full_flow_with_photo_lands_in_the_admin_queue(app, bot, budi, api, login_as):
    marker = "penanda-foto-7731"
    tiket, kode = file_complaint(bot, budi, photo=jpeg(marker))
    assert api.count("getFile") == 1 and api.count("download") == 1

    with app.app_context():
        p = db.session.scalar(select(Pengaduan).where(Pengaduan.tiket == tiket))
        assert p.kanal == "telegram" and p.status == "diterima"
        assert p.nama == "Budi Santoso" and p.telepon == "0812 3456 7890" and not p.anonim
        assert p.telegram_chat == str(budi.id)  # opted in to status updates
        files = attachments_of("pengaduan", p.id)
        assert len(files) == 1 and files[0].content_type == "image/jpeg"
        from core.attachments import read_attachment

        assert marker.encode() not in read_attachment(files[0])  # EXIF stripped like a web upload
        # the receipt notification waits in the Outbox for this chat
        assert db.session.scalar(select(Outbox).where(Outbox.dedup_key.like(f"pengaduan:{p.id}:%:tg")))

    officer = login_as("petugas_pengaduan")
    queue = officer.get("/admin/pengaduan").get_data(as_text=True)
    assert tiket in queue and "Antrean layanan KB lama" in queue

    # the draft is gone once the ticket was shown
    bot.flush()
    with app.app_context():
        from bot.models import BotState

        assert db.session.scalar(select(BotState).where(BotState.jenis == "user")) is None
    assert kode.count("-") == 3


def test_anonymous_without_push_keeps_no_chat_id(app, bot, budi):
    tiket, _ = file_complaint(bot, budi, kabar=False, identitas="Anonim")
    with app.app_context():
        p = db.session.scalar(select(Pengaduan).where(Pengaduan.tiket == tiket))
        assert p.anonim and p.nama is None and p.telegram_chat is None


def test_pressing_send_twice_files_one_complaint(app, bot, budi, api):
    file_complaint(bot, budi)
    # the «Kirim» button of the summary once more (a double tap arriving late)
    bot.feed(budi.press("l:kirim"))
    with app.app_context():
        assert db.session.query(Pengaduan).count() == 1
    assert "sudah tidak berlaku" in api.sent(method="answerCallbackQuery")[-1].get("text", "") or \
        "berakhir" in budi.last_text()
