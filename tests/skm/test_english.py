"""The survey pages speak English with ?lang=en and stay Indonesian without it."""
from __future__ import annotations


def test_survey_pages_in_english_and_indonesian(app, ids):
    # `ids`, not `survei`: an app context kept open would keep the first request's locale for the next ones
    en = app.test_client()
    html = en.get("/survei/?lang=en").get_data(as_text=True)
    assert "Choose the service you have just received, then rate it." in html
    assert "See the latest survey results" in html and "Perception surveys" in html
    form = en.get("/survei/kb-konseling?lang=en").get_data(as_text=True)
    assert "About you" in form and "Send rating" in form
    assert "Primary school or less" in form  # a profile choice from skm/vocab.py

    id_ = app.test_client()  # a new visitor: ?lang=en also set the language cookie on the first one
    html = id_.get("/survei/").get_data(as_text=True)
    assert "Pilih layanan yang baru saja Anda terima, lalu beri penilaian." in html
    assert "Lihat hasil survei terbaru" in html and "Survei persepsi" in html
    form = id_.get("/survei/kb-konseling").get_data(as_text=True)
    assert "Tentang Anda" in form and "Kirim penilaian" in form and "SD ke bawah" in form
    assert "About you" not in form
