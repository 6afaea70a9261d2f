"""/survei: profile + nine labelled questions → one SKM answer through skm.service; the period's IKM moves."""
from __future__ import annotations

from core.extensions import db
from skm import service
from skm.models import SkmRespon
from tests.skm.conftest import buat_survei


def _ikm(app, periode_id):
    with app.app_context():
        return service.hasil(db.session.get(service.SkmPeriode, periode_id))


def test_survey_changes_the_period_ikm(app, bot, budi, api):
    with app.app_context():
        _, periode = buat_survei()
        periode_id = periode.id
    assert _ikm(app, periode_id).responden == 0

    bot.feed(budi.text("/survei"))
    assert "Jawaban Anda anonim" in budi.last_text()
    bot.feed(budi.tap("Konseling KB"))
    bot.feed(budi.tap("Perempuan"))
    bot.feed(budi.text("34"))
    bot.feed(budi.tap("D4/S1"))
    bot.feed(budi.tap("Pegawai swasta"))
    labels_seen = []
    for i in range(9):
        assert f"Pertanyaan {i + 1} dari 9" in budi.last_text()
        labels_seen.append(budi.buttons())
        bot.feed(budi.tap("4. "))  # the best answer, by its label
    assert labels_seen[3] == ["1. Sangat mahal", "2. Cukup mahal", "3. Murah", "4. Gratis"]  # U4 Biaya
    assert labels_seen[7][3] == "4. Dikelola dengan baik"  # U8 Penanganan pengaduan
    bot.feed(budi.text("Ruang tunggu perlu kipas angin."))
    assert "Terima kasih" in budi.last_text()

    after = _ikm(app, periode_id)
    assert after.responden == 1 and after.konversi == 100 and after.mutu == "A"
    with app.app_context():
        row = db.session.query(SkmRespon).one()
        assert row.sumber == "telegram" and row.jenis_kelamin == "P" and row.usia == 34
        assert row.saran == "Ruang tunggu perlu kipas angin."


def test_survey_refuses_bad_age_and_text_for_buttons(app, bot, budi):
    with app.app_context():
        buat_survei()
    bot.feed(budi.text("/survei"))
    bot.feed(budi.tap("Konseling KB"))
    bot.feed(budi.text("perempuan"))  # text where a button is expected
    assert "Jenis kelamin" in budi.last_text()
    assert any("menekan salah satu tombol" in t for t in bot.api.texts(budi.id)[-2:])
    bot.feed(budi.tap("Laki-laki"))
    bot.feed(budi.text("tiga puluh"))
    assert "angka 15 sampai 100" in budi.last_text()
    bot.feed(budi.text("/batal"))
    assert "Survei dibatalkan" in budi.last_text()
    with app.app_context():
        assert db.session.query(SkmRespon).count() == 0


def test_no_open_survey(app, bot, budi):
    bot.feed(budi.text("/survei"))
    assert "Belum ada survei" in budi.last_text()
