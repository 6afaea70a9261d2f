"""The survey pages speak English with ?lang=en and stay Indonesian without it."""
from __future__ import annotations

import io

from pypdf import PdfReader


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


def test_results_numbers_follow_the_language_and_the_poster_stays_indonesian(app, ids):
    from tests.skm.test_public import _answers, _form

    browser = app.test_client()
    _, hidden = _form(browser)
    assert browser.post("/survei/kb-konseling", data={**hidden, **_answers(4, U4="3")}).status_code == 302
    page = browser.get(f"/survei/hasil/{ids.periode}?layanan=kb-konseling&lang=en").get_data(as_text=True)
    assert "97.22" in page and "3.889" in page and "97,22" not in page  # IKM 25–100 and 1–4 with a point
    assert "100.0 %" in page  # the respondent profile's shares
    id_ = app.test_client().get(f"/survei/hasil/{ids.periode}?layanan=kb-konseling").get_data(as_text=True)
    assert "97,22" in id_ and "3,889" in id_ and "100,0 %" in id_ and "97.22" not in id_

    # the office's documents stay Indonesian whatever the page language
    poster = browser.get(f"/survei/hasil/{ids.periode}/poster.pdf?lang=en")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(poster.data)).pages)
    assert "97,22" in text and "97.22" not in text
