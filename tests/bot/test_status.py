"""/status NOMOR KODE shows what the tracking page shows; status changes reach the chat through the Outbox."""
from __future__ import annotations

from sqlalchemy import select

from bot.kirim import TelegramChannel
from core.delivery import Sender
from core.extensions import db
from pengaduan import service
from pengaduan.models import Pengaduan
from pengaduan.workflow import PUBLIC_LABEL
from tests.bot.test_lapor import file_complaint
from tests.factories import make_user


def _officer_answers(app, tiket: str) -> None:
    with app.app_context():
        officer, _ = make_user(["petugas_pengaduan"])
        p = db.session.scalar(select(Pengaduan).where(Pengaduan.tiket == tiket))
        service.verifikasi(p, officer, "ringan")
        service.jawab(p, officer, "Jadwal loket kini diumumkan setiap pagi di papan informasi.")
        db.session.commit()


def test_status_shows_the_web_words_history_and_answer(app, bot, budi):
    tiket, kode = file_complaint(bot, budi)
    _officer_answers(app, tiket)

    bot.feed(budi.text(f"/status {tiket} {kode.lower().replace('-', ' ')}"))  # typed loosely: still found
    answer = budi.last_text()
    assert f"Pengaduan {tiket}" in answer
    assert f"Status: {PUBLIC_LABEL['dijawab']}" in answer  # "Dijawab", as on the web
    assert "Diverifikasi" in answer and "Diterima" in answer  # history
    assert "Jadwal loket kini diumumkan" in answer  # latest answer


def test_status_button_asks_then_one_message_for_every_wrong_guess(app, bot, budi):
    tiket, kode = file_complaint(bot, budi)
    bot.feed(budi.press("menu:status"))
    assert "Kirim nomor tiket dan kode" in budi.last_text()
    bot.feed(budi.text(f"{tiket} AAAA-BBBB-CCCC-DDDD"))
    wrong = budi.last_text()
    assert wrong == service.SAME_MESSAGE
    bot.feed(budi.text(f"/status PGD-2026-999999 {kode}"))
    assert budi.last_text() == wrong  # an unknown ticket reads the same


def test_guessing_is_limited_per_user(app, bot, budi, siti):
    app.config["RATELIMIT_TRACKING"] = "3 per 10 minutes"
    for _ in range(3):
        bot.feed(budi.text("/status PGD-2026-000001 AAAA-BBBB-CCCC-DDDD"))
    bot.feed(budi.text("/status PGD-2026-000001 AAAA-BBBB-CCCC-DDDD"))
    assert "Terlalu banyak percobaan" in budi.last_text()
    bot.feed(siti.text("/status PGD-2026-000001 AAAA-BBBB-CCCC-DDDD"))
    assert siti.last_text() == service.SAME_MESSAGE  # another person has a budget of their own


def test_status_changes_are_pushed_to_the_chat_that_opted_in(app, bot, budi, siti, api):
    tiket, _ = file_complaint(bot, budi, kabar=True)
    file_complaint(bot, siti, kabar=False, judul="Ruang tunggu panas")
    _officer_answers(app, tiket)
    before = len(api.texts(budi.id))
    sender = Sender(app, [TelegramChannel(bot.application.bot, bot.loop, per_second=None)])
    stats = sender.drain()
    pushed = api.texts(budi.id)[before:]
    assert stats.sent == len(pushed) == 3  # receipt, verified, answered
    assert any(f"Status pengaduan {tiket} kini: Diverifikasi" in t for t in pushed)
    assert any("telah dijawab" in t for t in pushed)
    assert api.texts(siti.id)[-1].startswith("Pengaduan Anda sudah kami terima")  # nothing pushed to Siti
    assert sender.drain().sent == 0  # never twice


def test_status_says_where_a_forwarded_complaint_went(app, bot, budi):
    from core.workdays import format_tanggal, local_today

    tiket, kode = file_complaint(bot, budi)
    with app.app_context():
        officer, _ = make_user(["petugas_pengaduan"])
        p = db.session.scalar(select(Pengaduan).where(Pengaduan.tiket == tiket))
        service.alihkan(p, officer, "SP4N-LAPOR! (Dinas Kesehatan Kota Palembang)")
        db.session.commit()
    bot.feed(budi.text(f"/status {tiket} {kode}"))
    answer = budi.last_text()
    assert f"Status: {PUBLIC_LABEL['dialihkan']}" in answer and PUBLIC_LABEL["dialihkan"] == "Dialihkan"
    assert (f"Bukan kewenangan kami; dialihkan kepada SP4N-LAPOR! (Dinas Kesehatan Kota Palembang) pada "
            f"{format_tanggal(local_today())}.") in answer.split("Riwayat:")[0]


def test_status_names_the_unit_in_the_chats_language(app, bot, budi, siti):
    from tests.factories import make_unit

    tiket, kode = file_complaint(bot, budi)
    with app.app_context():
        officer, _ = make_user(["petugas_pengaduan"])
        unit = make_unit("KB", "Bidang Keluarga Berencana")
        unit.nama_en = "Family Planning Division"
        p = db.session.scalar(select(Pengaduan).where(Pengaduan.tiket == tiket))
        service.verifikasi(p, officer, "ringan")
        service.disposisi(p, officer, unit.id)
        db.session.commit()
    bot.feed(budi.text("/bahasa"))
    bot.feed(budi.tap("English"))
    bot.feed(budi.text(f"/status {tiket} {kode}"))
    assert "Forwarded to: Family Planning Division" in budi.last_text()
    bot.feed(siti.text(f"/status {tiket} {kode}"))  # the code is all it takes; Siti reads Indonesian
    assert "Diteruskan kepada: Bidang Keluarga Berencana" in siti.last_text()
