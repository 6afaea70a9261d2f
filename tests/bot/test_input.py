"""Bad input: text for a button, a photo for text, a 50 MB file, stickers, edited messages, Telegram errors,
two people at once, the other commands."""
from __future__ import annotations

from sqlalchemy import select

from core.extensions import db
from pengaduan.models import Pengaduan
from tests.bot.conftest import jpeg
from tests.bot.test_lapor import TICKET


def _to_judul(bot, user):
    bot.feed(user.text("/lapor"))
    bot.feed(user.tap("Pengaduan"))
    bot.feed(user.tap("Pelayanan publik"))
    assert "judul singkat" in user.last_text()


def test_text_where_a_button_is_expected(bot, budi, api):
    bot.feed(budi.text("/lapor"))
    bot.feed(budi.text("pengaduan"))
    hint, again = api.texts(budi.id)[-2:]
    assert "menekan salah satu tombol" in hint and again == "Apa jenis laporan Anda?"
    assert "Pengaduan" in budi.buttons()  # asked again with its buttons


def test_photo_and_sticker_where_text_is_expected(bot, budi, api):
    _to_judul(bot, budi)
    bot.feed(budi.photo(jpeg()))
    assert any("langkah lampiran" in t for t in api.texts(budi.id)[-2:])
    bot.feed(budi.sticker())
    assert any(t.startswith("Stiker tidak dapat kami proses. Mohon jawab dengan pesan teks.") for t in api.texts(budi.id)[-2:])
    assert api.count("getFile") == 0  # a photo nobody asked for is not downloaded
    assert "judul singkat" in budi.last_text()


def test_a_50_mb_file_is_refused_without_downloading(bot, budi, api):
    _to_judul(bot, budi)
    bot.feed(budi.text("Antrean lama"))
    bot.feed(budi.text("Menunggu tiga jam tanpa kejelasan."))
    bot.feed(budi.tap("Lewati"))
    bot.feed(budi.tap("Lewati"))  # date
    bot.feed(budi.document(b"%PDF-1.4 tiny", "rekaman.pdf", declared_size=50 * 1024 * 1024))
    assert "terlalu besar (50 MB)" in budi.last_text() and "10 MB" in budi.last_text()
    assert api.count("getFile") == 0 and api.count("download") == 0
    bot.feed(budi.document(b"MZ\x90\x00 not a pdf", "virus.pdf"))  # checked by content, not by name
    assert "bukan berkas" in budi.last_text()


def test_edited_message_is_not_taken_as_an_answer(app, bot, budi):
    _to_judul(bot, budi)
    bot.feed(budi.text("Judul pertama"))
    bot.feed(budi.edited("Judul yang diubah diam-diam"))
    assert "Pesan yang diubah tidak kami proses" in budi.last_text()
    assert bot.application.user_data[budi.id]["lapor"]["judul"] == "Judul pertama"


def test_a_lost_question_is_asked_again_and_a_failed_download_said(bot, budi, api):
    bot.feed(budi.text("/lapor"))
    api.fail("sendMessage", times=1, code=500)
    bot.feed(budi.tap("Aspirasi"))  # one failure: sent again at once
    assert budi.last_text() == "Pilih kategori:"
    bot.feed(budi.text("/lapor"))
    api.fail("sendMessage", times=3, code=502)
    bot.feed(budi.tap("Pengaduan"))  # the category question is lost on the way
    assert budi.last_text() != "Pilih kategori:"
    bot.feed(budi.text("halo?"))
    assert budi.last_text() == "Pilih kategori:"  # asked again
    bot.feed(budi.tap("Pelayanan publik"))
    bot.feed(budi.text("Judul"))
    bot.feed(budi.text("Uraian yang cukup panjang."))
    bot.feed(budi.tap("Lewati"))
    bot.feed(budi.tap("Lewati"))
    api.fail("getFile", times=1, code=500)
    bot.feed(budi.photo(jpeg()))
    assert "tidak dapat diambil dari Telegram" in budi.last_text()


def test_blocked_user_during_a_conversation_does_not_crash(bot, budi, api):
    api.blocked.add(budi.id)
    bot.feed(budi.text("/lapor"))  # every answer refused with 403: logged, skipped
    api.blocked.clear()
    bot.feed(budi.text("/batal"))
    assert "dibatalkan" in budi.last_text()


def test_two_people_at_once_do_not_mix(app, bot, budi, siti):
    steps = {}
    for user, word in ((budi, "Budi"), (siti, "Siti")):
        steps[user.id] = [lambda u=user: u.text("/lapor"), lambda u=user: u.tap("Pengaduan"),
                          lambda u=user: u.tap("Pelayanan publik"), lambda u=user, w=word: u.text(f"Judul {w}"),
                          lambda u=user, w=word: u.text(f"Uraian milik {w} yang cukup panjang."),
                          lambda u=user: u.tap("Lewati"), lambda u=user: u.tap("Lewati"),
                          lambda u=user: u.tap("Lewati"), lambda u=user: u.tap("Anonim"),
                          lambda u=user: u.tap("Tidak"), lambda u=user: u.tap("Tidak"), lambda u=user: u.tap("Kirim")]
    for i in range(len(steps[budi.id])):
        # both people's i-th step in one batch through the update queue: processed concurrently
        bot.feed_queue(steps[budi.id][i](), steps[siti.id][i]())
    tickets = {u.id: TICKET.search(u.last_text()).group(1) for u in (budi, siti)}
    with app.app_context():
        for user, word in ((budi, "Budi"), (siti, "Siti")):
            p = db.session.scalar(select(Pengaduan).where(Pengaduan.tiket == tickets[user.id]))
            assert p.judul == f"Judul {word}" and word in p.uraian


def test_one_persons_quick_taps_are_taken_in_order(app, bot, budi):
    bot.feed(budi.text("/lapor"))
    # a double tap on two buttons of one question, and the next answer, all at once
    bot.feed_queue(budi.tap("Aspirasi"), budi.press("l:jenis:pengaduan"))
    assert bot.application.user_data[budi.id]["lapor"]["jenis"] == "aspirasi"


def test_commands_inside_a_conversation_and_unknown_things(bot, budi, api):
    _to_judul(bot, budi)
    bot.feed(budi.text("/survei"))
    assert "Anda sedang mengisi pengaduan" in budi.last_text()
    bot.feed(budi.text("/batal"))
    assert "Pengaduan dibatalkan" in budi.last_text()
    bot.feed(budi.text("halo admin"))
    assert "tidak mengerti" in budi.last_text()
    bot.feed(budi.text("/entahlah"))
    assert "tidak dikenal" in budi.last_text()
    bot.feed(budi.text("/batal"))
    assert "Tidak ada percakapan" in budi.last_text()
    bot.feed(budi.press("l:kirim"))  # a button of a conversation long gone
    assert api.sent(method="answerCallbackQuery")[-1]["text"] == "Tombol ini sudah tidak berlaku."


def test_group_chats_are_not_served(bot, budi, api):
    update = budi.text("/lapor")
    update["message"]["chat"] = {"id": -100555, "type": "supergroup", "title": "Petugas"}
    bot.feed(update)
    assert "hanya melayani obrolan pribadi" in api.texts(-100555)[-1]
    chatter = budi.text("selamat pagi semua")
    chatter["message"]["chat"] = {"id": -100555, "type": "supergroup", "title": "Petugas"}
    bot.feed(chatter)
    assert len(api.texts(-100555)) == 1  # ordinary group talk is ignored


def test_summary_edit_changes_one_field(app, bot, budi):
    _to_judul(bot, budi)
    bot.feed(budi.text("Judul lama"))
    bot.feed(budi.text("Uraian yang cukup panjang."))
    bot.feed(budi.tap("Lewati"))
    bot.feed(budi.tap("Lewati"))
    bot.feed(budi.tap("Lewati"))
    bot.feed(budi.tap("Anonim"))
    bot.feed(budi.tap("Tidak"))
    bot.feed(budi.tap("Tidak"))
    bot.feed(budi.tap("Ubah"))
    bot.feed(budi.tap("Judul"))
    bot.feed(budi.text("Judul baru"))
    assert "Judul: Judul baru" in budi.last_text() and "Periksa pengaduan" in budi.last_text()
    bot.feed(budi.tap("Kirim"))
    with app.app_context():
        assert db.session.scalar(select(Pengaduan.judul)) == "Judul baru"


def test_service_rules_checked_at_each_step(bot, budi):
    _to_judul(bot, budi)
    bot.feed(budi.text("x" * 201))
    assert "Judul terlalu panjang" in budi.last_text()
    bot.feed(budi.text("Judul"))
    bot.feed(budi.text("pendek"))
    assert "Uraian terlalu singkat" in budi.last_text()
    bot.feed(budi.text("Uraian yang cukup panjang."))
    bot.feed(budi.tap("Lewati"))
    bot.feed(budi.text("31/12/2999"))
    assert "tidak boleh di masa depan" in budi.last_text()
    bot.feed(budi.text("kemarin"))
    bot.feed(budi.tap("Lewati"))
    bot.feed(budi.tap("Ketik nama"))
    bot.feed(budi.text("Budi"))
    bot.feed(budi.text("bukan-kontak"))
    assert "Nomor telepon tidak valid" in budi.last_text()
    bot.feed(budi.contact("628111222333", user_id=999))  # someone else's contact card
    assert "nomor telepon Anda sendiri" in budi.last_text()
    bot.feed(budi.contact("628111222333"))
    assert "Kontak dicatat" in bot.api.texts(budi.id)[-2]


def test_a_long_description_keeps_the_summary_whole(bot, budi):
    _to_judul(bot, budi)
    bot.feed(budi.text("Judul"))
    bot.feed(budi.text("Kronologi panjang. " * 210))  # about 4 000 characters, Telegram's limit is 4 096
    for label in ("Lewati", "Lewati", "Lewati", "Anonim", "Tidak", "Tidak"):
        bot.feed(budi.tap(label))
    summary = budi.last_text()
    assert summary.endswith("diteruskan ke unit hanya bila perlu untuk menindaklanjuti.") and len(summary) < 4000
    assert "Kirim" in budi.buttons()
