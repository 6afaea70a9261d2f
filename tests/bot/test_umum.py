"""/start, /bantuan, /bahasa (English from the Flask-Babel catalogues, Indonesian first), /gratifikasi."""
from __future__ import annotations

from datetime import date

from bot import texts as T
from bot.i18n import tr
from core.workdays import local_today
from gratifikasi import rules
from pengaduan.workflow import PUBLIC_LABEL


def test_start_says_who_runs_it_and_the_privacy_notice(app, bot, budi):
    with app.app_context():
        from core.extensions import db
        from core.settings import set_setting

        set_setting("kantor", {"nama": "Perwakilan BKKBN Provinsi Sumatera Selatan"})
        set_setting("bot", {"grup_petugas": "", "alamat_situs": "https://lapor.contoh.go.id"})
        db.session.commit()
    bot.feed(budi.text("/start"))
    text = budi.last_text()
    assert "Perwakilan BKKBN Provinsi Sumatera Selatan" in text
    assert "Telegram mengetahui siapa Anda" in text and "https://lapor.contoh.go.id/wbs" in text
    assert "Sampaikan pengaduan" in budi.buttons() and "Laporkan pelanggaran (WBS)" in budi.buttons()
    bot.feed(budi.tap("Bantuan"))
    assert "/status NOMOR KODE" in budi.last_text()


def test_english_where_the_catalogue_has_it(app, bot, budi):
    bot.feed(budi.text("/bahasa"))
    bot.feed(budi.tap("English"))
    assert budi.last_text().startswith("English selected")
    bot.feed(budi.text("/start"))
    assert budi.last_text().startswith("Welcome to the complaints service")
    assert "File a complaint" in budi.buttons()
    bot.feed(budi.text("/status PGD-2026-000001 AAAA-BBBB-CCCC-DDDD"))
    assert budi.last_text()  # the service's own message (Indonesian where the catalogue has none)
    bot.feed(budi.text("/bahasa"))
    bot.feed(budi.tap("Bahasa Indonesia"))
    bot.feed(budi.text("/start"))
    assert budi.last_text().startswith("Selamat datang")
    assert "bahasa" not in bot.application.user_data[budi.id]  # Indonesian, the default, is not remembered


def test_status_words_in_english_come_from_the_web_catalogue():
    assert tr("en", PUBLIC_LABEL["diterima"]) == "Received"
    assert tr("id", PUBLIC_LABEL["diterima"]) == "Diterima"
    assert tr("en", T.L_TERKIRIM, tiket="PGD-2026-000001", kode="K", lacak="/l", batas="1 Dec 2026").startswith(
        "We have received your complaint")


def test_gratifikasi_helper_uses_the_same_rules(app, bot, budi):
    bot.feed(budi.text("/gratifikasi"))
    assert "Pertunangan, pernikahan" in budi.last_text()  # the full labels in the message
    bot.feed(budi.press("g:acara:pernikahan"))
    bot.feed(budi.press("g:hub:lainnya"))
    bot.feed(budi.text("Rp2.000.000"))
    bot.feed(budi.tap("Hari ini"))
    answer = budi.last_text()
    with app.app_context():
        expected = rules.wajib_lapor("pernikahan", "lainnya", 2_000_000, local_today())
    assert answer.startswith(expected.judul) and expected.alasan in answer and expected.dasar in answer
    assert "/gratifikasi/lapor" in answer


def test_gratifikasi_colleague_asks_the_form_and_checks_the_value(app, bot, budi):
    bot.feed(budi.text("/gratifikasi"))
    bot.feed(budi.press("g:acara:lainnya"))
    bot.feed(budi.press("g:hub:rekan_kerja"))
    assert "bentuk pemberiannya" in budi.last_text()
    bot.feed(budi.press("g:bentuk:barang"))
    bot.feed(budi.text("1,500,000"))  # the wrong separators: the web's message
    assert "titik" in budi.last_text()
    bot.feed(budi.text("300.000"))
    bot.feed(budi.text("01/02/2026"))
    with app.app_context():
        expected = rules.wajib_lapor("lainnya", "rekan_kerja", 300_000, date(2026, 2, 1), bentuk="barang")
    assert budi.last_text().startswith(expected.judul) and not expected.wajib


def test_english_categories_and_field_errors_in_the_complaint_conversation(app, bot, budi):
    from core.settings import get_setting, set_setting
    from core.uow import unit_of_work

    with app.app_context(), unit_of_work():
        set_setting("pengaduan", {**get_setting("pengaduan"), "kategori": ["Layanan KB", "Perilaku petugas"],
                                  "kategori_en": {"Layanan KB": "Family planning services"}})
    bot.feed(budi.text("/bahasa"))
    bot.feed(budi.tap("English"))
    bot.feed(budi.text("/lapor"))
    bot.feed(budi.tap("Complaint"))
    assert "Family planning services" in budi.buttons()  # the office's English wording
    assert "Staff conduct" in budi.buttons()  # none given: the catalogue's English of a default category
    bot.feed(budi.tap("Family planning services"))
    bot.feed(budi.text("x" * 201))
    assert "The title is too long (at most 200 characters)." in budi.last_text()


def test_the_bot_sees_the_offices_new_categories_as_soon_as_the_website_does(app, bot, budi, tmp_path, database_url):
    """The bot keeps the office's settings in the same store, for the same few seconds, as every web worker
    (core.officecache): categories an officer saves on the website (another process) reach the bot then."""
    import time

    from app import create_app
    from core.settings import get_setting, set_setting
    from core.uow import unit_of_work
    from tests.conftest import base_config, dispose_app

    app.config["OFFICE_CACHE_SECONDS"] = 0.5
    bot.feed(budi.text("/lapor"))
    bot.feed(budi.tap("Pengaduan"))
    assert "Kategori Baru Sekali" not in budi.buttons()
    website = create_app(base_config(tmp_path / "situs", database_url))
    try:
        with website.app_context(), unit_of_work():
            set_setting("pengaduan", {**get_setting("pengaduan"), "kategori": ["Kategori Baru Sekali", "Lainnya"]})
    finally:
        dispose_app(website)
    time.sleep(0.6)
    bot.feed(budi.text("/batal"))
    bot.feed(budi.text("/lapor"))
    bot.feed(budi.tap("Pengaduan"))
    assert "Kategori Baru Sekali" in budi.buttons()
