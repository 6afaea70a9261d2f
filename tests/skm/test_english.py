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
    assert ">3.00</text>" in page and ">3,00</text>" not in page  # the chart's value of U4
    assert 'aria-label="Average score (NRR) per element"' in page and ">U1 Requirements</text>" in page
    assert "Nilai rata-rata per unsur" not in page and ">U1 Persyaratan</text>" not in page
    id_ = app.test_client().get(f"/survei/hasil/{ids.periode}?layanan=kb-konseling").get_data(as_text=True)
    assert "97,22" in id_ and "3,889" in id_ and "100,0 %" in id_ and "97.22" not in id_
    assert ">3,00</text>" in id_ and 'aria-label="Nilai rata-rata per unsur"' in id_ and ">U1 Persyaratan</text>" in id_

    # the office's documents stay Indonesian whatever the page language
    poster = browser.get(f"/survei/hasil/{ids.periode}/poster.pdf?lang=en")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(poster.data)).pages)
    assert "97,22" in text and "97.22" not in text


def test_survey_questions_and_labels_in_english(app, ids, login_as):
    from tests.skm.test_admin import _post

    en = app.test_client()
    form = en.get("/survei/kb-konseling?lang=en").get_data(as_text=True)
    # the default questionnaire comes with the catalogue's English
    assert "How do you rate the speed of the service?" in form and "Very fast" in form
    assert "Bagaimana pendapat Saudara" not in form and "Sangat cepat" not in form

    officer = login_as("pengelola_skm")
    assert _post(officer, "/admin/skm/kuesioner/U9", {
        "pertanyaan": "Bagaimana kenyamanan ruang tunggu kami?", "label_1": "Tidak nyaman", "label_2": "Kurang nyaman",
        "label_3": "Nyaman", "label_4": "Sangat nyaman", "urutan": "9",
        "pertanyaan_en": "How comfortable is our waiting room?", "label_1_en": "Not comfortable",
        "label_2_en": "", "label_3_en": "Comfortable", "label_4_en": "Very comfortable"}).status_code == 302
    assert _post(officer, f"/admin/skm/layanan/{ids.layanan}", {
        "nama": "Konseling KB", "nama_en": "Family planning counselling", "kode": "kb-konseling",
        "unit_id": ids.unit, "populasi": "100", "aktif": "y"}).status_code == 302
    edit = officer.get("/admin/skm/kuesioner/U9").get_data(as_text=True)
    assert "How comfortable is our waiting room?" in edit  # kept for the next edit

    form = en.get("/survei/kb-konseling?lang=en").get_data(as_text=True)
    assert "How comfortable is our waiting room?" in form and "Very comfortable" in form
    assert "Kurang nyaman" in form  # no English given for that label: the Indonesian one
    assert "Family planning counselling" in form
    assert "Family planning counselling" in en.get("/survei/?lang=en").get_data(as_text=True)

    id_ = app.test_client().get("/survei/kb-konseling").get_data(as_text=True)
    assert "Bagaimana kenyamanan ruang tunggu kami?" in id_ and "Konseling KB" in id_
    assert "waiting room" not in id_ and "Family planning" not in id_


def test_survey_field_errors_in_english(app, ids):
    from tests.skm.test_public import _form

    en = app.test_client()
    _, hidden = _form(en, "/survei/kb-konseling?lang=en")
    html = en.post("/survei/kb-konseling", data={**hidden, "usia": "abc"}).get_data(as_text=True)
    assert "Choose one answer." in html and "Write your age in numbers." in html and "Pilih salah satu" not in html


def test_perception_statements_in_english(app, ids, login_as):
    from tests.skm.test_admin import _post

    en = app.test_client()
    page = en.get("/survei/persepsi/ipkp?lang=en").get_data(as_text=True)
    assert "The service procedure is easy to understand." in page  # a default, from the catalogue
    officer = login_as("pengelola_skm")
    assert _post(officer, "/admin/skm/persepsi/ipkp/b2", {
        "teks": "Persyaratan pelayanan jelas.", "teks_en": "The service requirements are clear.", "urutan": "2",
        "aktif": "y"}).status_code == 302
    page = en.get("/survei/persepsi/ipkp?lang=en").get_data(as_text=True)
    assert "The service requirements are clear." in page and "Persyaratan pelayanan jelas." not in page
    assert "Persyaratan pelayanan jelas." in app.test_client().get("/survei/persepsi/ipkp").get_data(as_text=True)


def test_the_officers_survey_pages_name_a_service_in_english_on_english_pages(app, ids, login_as):
    with app.app_context():
        from core.extensions import db
        from skm import service
        from skm.models import SkmLayanan

        lay = db.session.get(SkmLayanan, ids.layanan)
        service.simpan_layanan(lay, kode=lay.kode, nama=lay.nama, unit_id=lay.unit_id, populasi=lay.populasi,
                               wajib_kode=False, nama_en="Family planning counselling")
        db.session.commit()
    officer = login_as("pengelola_skm")
    for path in ("/admin/skm/?lang=en", f"/admin/skm/hasil/{ids.periode}?layanan={ids.layanan}",
                 f"/admin/skm/tindak-lanjut/baru/{ids.periode}", f"/admin/skm/layanan/{ids.layanan}/kode"):
        html = officer.get(path).get_data(as_text=True)
        assert "Family planning counselling" in html and "Konseling KB" not in html, path
    id_ = login_as("pengelola_skm").get("/admin/skm/").get_data(as_text=True)
    assert "Konseling KB" in id_ and "Family planning" not in id_


def test_period_and_link_code_refusals_in_the_officers_language(app, ids, login_as):
    from tests.skm.test_admin import _post

    period = {"nama": "periode uji", "jenis": "lainnya", "mulai": "2026-01-01", "selesai": "2026-06-30",
              "metode_bobot": "1/9"}
    service = {"nama": "Lain", "kode": "kb-konseling", "unit_id": ids.unit}
    en = login_as("pengelola_skm")
    en.get("/admin/?lang=en")  # the language cookie
    html = _post(en, "/admin/skm/periode/baru", period).get_data(as_text=True)
    assert "The period «periode uji» already exists." in html and "sudah ada" not in html
    html = _post(en, "/admin/skm/layanan/baru", service).get_data(as_text=True)
    assert "The link code «kb-konseling» is already used by another service." in html
    html = _post(en, "/admin/skm/layanan/baru", {**service, "kode": "hasil"}).get_data(as_text=True)
    assert "The link code «hasil» is used by another page; choose another code." in html

    id_ = login_as("pengelola_skm")
    assert "Periode «periode uji» sudah ada." in _post(id_, "/admin/skm/periode/baru", period).get_data(as_text=True)
    html = _post(id_, "/admin/skm/layanan/baru", service).get_data(as_text=True)
    assert "Kode tautan «kb-konseling» sudah dipakai layanan lain." in html and "already used" not in html


def test_a_wrong_answer_value_is_one_sentence_in_either_language(app):
    from core.errors import DomainError
    from core.web import translated
    from skm import service

    def refusal(**data):
        answers = {f"U{i}": 4 for i in range(1, 10)}
        try:
            service._periksa_respon(service.ResponBaru(jawaban={**answers, **data.pop("jawaban", {})}, **data),
                                    profil_wajib=False)
        except DomainError as e:
            return str(e.message), translated(e.message)

    with app.test_request_context("/?lang=en"):
        assert refusal(jawaban={"U3": 7}) == ("Jawaban U3 bernilai 7, di luar rentang 1–4.",
                                              "Answer U3 is 7, outside the range 1–4.")
        assert refusal(jenis_kelamin="X") == ("Jenis kelamin «X» tidak dikenal (isi L atau P).",
                                             "Gender «X» not recognised (enter L or P).")
        assert refusal(usia="tua") == ("Usia «tua» bukan angka (isi 15–100).", "Age «tua» is not a number (enter 15–100).")


def test_a_follow_up_step_refused_in_either_language(app):
    from core.errors import NotAllowed
    from core.web import translated
    from skm.workflow import TINDAK_LANJUT

    class FollowUp:
        status = "rencana"

    with app.test_request_context("/?lang=en"):
        try:
            TINDAK_LANJUT.check(FollowUp(), "rencana", "pengelola_skm")
        except NotAllowed as e:
            refusal = e.message
        assert str(refusal) == "Tindakan «Direncanakan» tidak dapat dilakukan pada tindak lanjut berstatus «Direncanakan»."
        assert translated(refusal) == "The action «Planned» cannot be taken on a follow-up with the status «Planned»."


def test_the_import_refusals_and_row_problems_in_the_officers_language(app, ids, login_as):
    from tests.skm.conftest import HEADER, contoh_rows, xlsx_bytes
    from tests.skm.test_admin import _post

    def upload(client, header, rows, query=""):
        data = {"layanan_id": ids.layanan, "periode_id": ids.periode,
                "berkas": (io.BytesIO(xlsx_bytes(header, rows)), "skm.xlsx")}
        return _post(client, "/admin/skm/impor" + query, data, content_type="multipart/form-data").get_data(as_text=True)

    wrong_header = [("skor" if h == "U9" else h) for h in HEADER]
    rows = contoh_rows()
    rows[3][6] = 0                        # row 5: U1 out of range
    rows[4][7], rows[4][2] = None, "X"    # row 6: two problems in one line
    rows[5][3] = "tua"                    # row 7: the age, a label translated inside the fault
    rows.append(list(rows[0]))            # row 31: the same respondent twice

    en = login_as("pengelola_skm")
    html = upload(en, wrong_header, contoh_rows(), "?lang=en")
    assert ("The header row (row 1) is wrong: column U9 is missing; unknown columns: «skor». Expected header row: "
            "U1 … U9 or the names of the elements") in html
    assert "Baris judul" not in html
    html = upload(en, HEADER, rows, "?lang=en")
    assert "Nothing was imported: 4 rows have problems." in html
    assert "Row 5: U1 is 0, outside the range 1–4" in html
    assert "Row 6: U2 is empty; gender «X» not recognised (enter L or P)" in html
    assert "Row 7: age «tua» is not a number (enter 15–100)" in html
    assert "Row 31: exactly the same as row 2, including the respondent number (duplicate)" in html
    assert "Baris 5" not in html and "kosong" not in html and "duplikat" not in html

    id_ = login_as("pengelola_skm")
    html = upload(id_, wrong_header, contoh_rows())
    assert ("Baris judul (baris 1) salah: kolom U9 tidak ada; kolom tidak dikenal: «skor». Baris judul yang "
            "diharapkan: U1 … U9 atau nama unsurnya") in html
    html = upload(id_, HEADER, rows)
    assert "Tidak ada yang diimpor: 4 baris bermasalah." in html
    assert "Baris 5: U1 bernilai 0, di luar rentang 1–4" in html
    assert "Baris 6: U2 kosong; jenis kelamin «X» tidak dikenal (isi L atau P)" in html
    assert "Baris 7: usia «tua» bukan angka (isi 15–100)" in html
    assert "Baris 31: sama persis dengan baris 2, termasuk nomor responden (duplikat)" in html
    assert "Row 5" not in html


def test_the_file_refusals_and_the_nrr_table_in_english(app):
    from core.web import translated
    from skm.berkas import BerkasError, baca, baca_untuk_hitung

    def refusal(data: bytes, nama="skm.csv"):
        try:
            baca(data, nama)
        except BerkasError as e:
            return str(e.message), translated(e.message)

    with app.test_request_context("/?lang=en"):
        assert refusal(b"\n\nU1;U2\n1;2\n") == ("Baris judul harus di baris 1 (ditemukan di baris 3).",
                                                 "The header row must be row 1 (it was found on row 3).")
        assert refusal(b"U1;U2\n1;" + b"2" * 200_000 + b"\n") == (  # the reason is Python's own words
            "CSV rusak di baris 2: field larger than field limit (131072).",
            "The CSV file is broken at row 2: field larger than field limit (131072).")
        table = baca_untuk_hitung("unsur;NRR\nU1;4,5\nU2;\nU1;3\nlain;2\n".encode(), "nrr.csv")
        assert [str(m) for m in table.daftar_kesalahan()][:3] == [
            "Unsur U3, U4, U5, U6, U7, U8, U9 tidak ada di tabel.", "Baris 2: NRR U1 bernilai 4,5, di luar rentang 1–4",
            "Baris 3: NRR U2 kosong"]
        assert [translated(m) for m in table.daftar_kesalahan()] == [
            "Elements U3, U4, U5, U6, U7, U8, U9 are missing from the table.",
            "Row 2: NRR U1 is 4.5, outside the range 1–4", "Row 3: NRR U2 is empty", "Row 4: U1 is already on row 2"]
        assert [translated(why) for _n, why in table.diabaikan] == ["«lain» is not an element"]
