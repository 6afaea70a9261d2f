"""The gratifikasi pages in English (?lang=en) and, by default, in Indonesian."""


def test_public_page_in_english_and_indonesian(app):
    en = app.test_client().get("/gratifikasi/?lang=en").get_data(as_text=True)
    assert "Refuse and report gratifikasi (gifts to officials)" in en
    assert "How to report" in en and "Must I report it?" in en
    assert "Cara melapor" not in en

    browser = app.test_client()  # a new browser: no lang cookie, no Accept-Language
    id_ = browser.get("/gratifikasi/").get_data(as_text=True)
    assert "Tolak dan laporkan gratifikasi" in id_
    assert "Cara melapor" in id_ and "Apakah saya wajib lapor?" in id_
    assert "How to report" not in id_


def test_report_form_labels_in_english(client):
    from tests.gratifikasi.helpers import PENERIMAAN, press, walk

    en = client.get("/gratifikasi/lapor?lang=en").get_data(as_text=True)
    assert "Gratifikasi refused" in en  # the first question: the kind of report
    assert "Full name" in press(client, en)
    assert "Send report" in walk(client, PENERIMAAN)  # the check page


def test_rupiah_thresholds_written_per_language(app):
    en = app.test_client().get("/gratifikasi/?lang=en").get_data(as_text=True)
    assert "Rp1,000,000" in en and "Rp1.000.000" not in en
    id_ = app.test_client().get("/gratifikasi/").get_data(as_text=True)
    assert "Rp1.000.000" in id_ and "Rp1,000,000" not in id_


def test_report_field_errors_in_english(app):
    from tests.gratifikasi.test_views import _post

    browser = app.test_client()
    browser.get("/gratifikasi/?lang=en")  # the language cookie
    # a whole report sent at once shows the step of its first wrong answer: one at a time
    cases = [({"unit_id": "", "unit_nama": ""}, "Choose your work unit."),
             ({"acara": "pesta"}, "Choose the occasion or event of the gift."),
             ({"bentuk": "emas batangan"}, "Choose the form of the gratifikasi."),
             ({"uraian": "x" * 2001}, "Description of the gratifikasi is too long (at most 2000 characters; 2001 entered).")]
    for over, message in cases:
        html = _post(browser, **over).get_data(as_text=True)
        assert message in html, message
        assert "Pilih unit kerja Anda." not in html


def test_must_i_report_answer_in_english_with_english_amounts(app):
    query = "acara=pernikahan&pemberi_hubungan=lainnya&nilai=Rp1.500.000&tanggal_terima=2026-01-19"  # 2019 limits
    en = app.test_client().get(f"/gratifikasi/wajib-lapor?{query}&lang=en").get_data(as_text=True)
    assert "Its value exceeds the limit of Rp1,000,000 per giver for gifts related to a wedding" in en
    id_ = app.test_client().get(f"/gratifikasi/wajib-lapor?{query}").get_data(as_text=True)
    assert "Nilainya melebihi batas Rp1.000.000 per pemberi untuk pemberian terkait pernikahan" in id_


def test_upg_refusals_in_the_officers_language(app, login_as):
    from datetime import timedelta

    from core.workdays import local_today
    from tests.conftest import csrf_from
    from tests.gratifikasi.test_admin import _make

    lap_id, _ = _make(app)
    en, id_ = login_as("upg"), login_as("upg")
    en.get("/admin/?lang=en")  # the language cookie
    tokens = {c: csrf_from(c.get(f"/admin/gratifikasi/{lap_id}").get_data(as_text=True)) for c in (en, id_)}

    def refused(c, aksi, **data):
        resp = c.post(f"/admin/gratifikasi/{lap_id}/aksi/{aksi}", data={"csrf_token": tokens[c], **data})
        assert resp.status_code == 400
        return resp.get_data(as_text=True)

    html = refused(en, "minta_lengkapi", catatan="")
    assert "What needs to be completed is required." in html and "wajib diisi" not in html
    assert "Hal yang perlu dilengkapi wajib diisi." in refused(id_, "minta_lengkapi", catatan="")

    assert en.post(f"/admin/gratifikasi/{lap_id}/aksi/verifikasi", data={"csrf_token": tokens[en]}).status_code == 302
    early = {"tanggal": (local_today() - timedelta(days=400)).isoformat(), "cara": "gol"}
    assert ("Date forwarded cannot be before the date the UPG received the report."
            in refused(en, "teruskan_kpk", **early))
    assert ("Tanggal penerusan tidak boleh sebelum tanggal laporan diterima UPG."
            in refused(id_, "teruskan_kpk", **early))

