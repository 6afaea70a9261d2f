"""The public survey: list, form, thank-you, results, QR code, abuse controls, IPAK/IPKP, JSON API."""
from __future__ import annotations

import re

from sqlalchemy import func, select

from core.extensions import db
from skm import service
from skm.models import PersepsiRespon, SkmKode, SkmRespon
from tests.conftest import csrf_from
from tests.skm.conftest import isi_basis_data

U = [f"U{i}" for i in range(1, 10)]


def _count():
    db.session.expire_all()
    return db.session.scalar(select(func.count(SkmRespon.id)))


def _form(client, path="/survei/kb-konseling"):
    html = client.get(path).get_data(as_text=True)
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', html).group(1)
    return html, {"csrf_token": csrf_from(html), "token": token}


def _answers(value=4, **over):
    data = {k: str(value) for k in U}
    data.update({"jenis_kelamin": "P", "usia": "34", "pendidikan": "D4-S1", "pekerjaan": "SWASTA",
                 "saran": "Ruang tunggu <b>sempit</b>"})
    data.update(over)
    return data


def test_index_lists_services_by_unit(client, survei):
    html = client.get("/survei/").get_data(as_text=True)
    assert "Bidang Keluarga Berencana" in html and 'href="/survei/kb-konseling"' in html


def test_survey_page_has_nine_labelled_questions_no_script_no_style(client, survei):
    html, _ = _form(client)
    for kode in U:
        assert f'name="{kode}"' in html
    assert "Sangat mahal" in html and "Gratis" in html  # U4 labels
    assert "Dikelola dengan baik" in html  # U8 labels
    assert 'class="hp-field" aria-hidden="true"' in html
    assert "<script" not in html and "style=" not in html


def test_answer_then_thanks_then_results_show_it(client, survei):
    layanan, periode = survei
    _, hidden = _form(client)
    resp = client.post("/survei/kb-konseling", data={**hidden, **_answers(4, U4="3")})
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/survei/kb-konseling/terima-kasih")
    thanks = client.get(resp.headers["Location"]).get_data(as_text=True)
    assert "Terima kasih" in thanks and "Konseling KB" in thanks
    row = db.session.scalar(select(SkmRespon))
    assert row.jawaban() == {**{k: 4 for k in U}, "U4": 3}
    assert row.sumber == "web" and row.saran == "Ruang tunggu <b>sempit</b>"
    page = client.get(f"/survei/hasil/{periode.id}?layanan=kb-konseling").get_data(as_text=True)
    assert 'id="responden">1<' in page
    assert "97,22" in page and "Mutu A" in page  # (8×4 + 3) ÷ 9 × 25
    assert "Ruang tunggu &lt;b&gt;sempit" not in page  # saran are not published on the public page
    assert "<script" not in page and "style=" not in page and "<svg" in page
    assert "bobot tepat 1/9" in page
    assert "Sampel minimal 80 responden dari populasi 100" in page


def test_missing_answer_keeps_what_was_typed(client, survei):
    _, hidden = _form(client)
    data = _answers(3)
    del data["U5"]
    resp = client.post("/survei/kb-konseling", data={**hidden, **data})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and "Pilih salah satu jawaban." in html
    assert 'value="34"' in html and "Ruang tunggu &lt;b&gt;sempit&lt;/b&gt;" in html
    assert re.search(r'name="U1" type="radio" value="3"|checked[^>]*name="U1"[^>]*value="3"', html)
    assert _count() == 0
    bad = client.post("/survei/kb-konseling", data={**hidden, **_answers(3, U2="9", usia="200")})
    html = bad.get_data(as_text=True)
    assert "Pilih salah satu jawaban." in html and "Usia harus 15–100 tahun." in html
    assert _count() == 0


def test_double_submit_is_one_respondent(client, survei):
    _, hidden = _form(client)
    for _ in range(2):
        assert client.post("/survei/kb-konseling", data={**hidden, **_answers()}).status_code == 302
    assert _count() == 1


def test_honeypot_pretends_success_and_stores_nothing(client, survei):
    _, hidden = _form(client)
    resp = client.post("/survei/kb-konseling", data={**hidden, **_answers(), "website": "http://spam"})
    assert resp.status_code == 302 and "terima-kasih" in resp.headers["Location"]
    assert _count() == 0


def test_rate_limit(app, client, survei):
    app.config["RATELIMIT_SKM"] = "2 per hour"
    codes = []
    for _ in range(3):
        _, hidden = _form(client)
        codes.append(client.post("/survei/kb-konseling", data={**hidden, **_answers()}).status_code)
    assert codes == [302, 302, 429]
    assert _count() == 2


def test_one_time_codes(client, survei):
    layanan, _ = survei
    layanan.wajib_kode = True
    codes = service.buat_kode(layanan, 2)
    db.session.commit()
    html, hidden = _form(client)
    assert "Kode survei pada bukti layanan Anda" in html
    resp = client.post("/survei/kb-konseling", data={**hidden, **_answers(), "kode": "SALAH-KODE"})
    assert "Kode survei tidak dikenal" in resp.get_data(as_text=True)
    resp = client.post("/survei/kb-konseling", data={**hidden, **_answers(), "kode": codes[0].lower()})
    assert resp.status_code == 302
    _, hidden = _form(client)
    resp = client.post("/survei/kb-konseling", data={**hidden, **_answers(), "kode": codes[0]})
    assert "sudah dipakai" in resp.get_data(as_text=True)
    assert _count() == 1
    assert db.session.scalar(select(func.count(SkmKode.id)).where(SkmKode.dipakai_pada.is_(None))) == 1


def test_closed_or_unknown_service(client, survei):
    layanan, _ = survei
    assert client.get("/survei/tidak-ada").status_code == 404
    layanan.aktif = False
    db.session.commit()
    assert client.get("/survei/kb-konseling").status_code == 404


def test_qr_code_and_counter_card(client, survei):
    resp = client.get("/survei/kb-konseling/qr.svg")
    assert resp.status_code == 200 and resp.mimetype == "image/svg+xml" and b"<svg" in resp.data
    card = client.get("/survei/kb-konseling/kartu").get_data(as_text=True)
    assert 'src="/survei/kb-konseling/qr.svg"' in card and "http://localhost/survei/kb-konseling" in card


def test_results_with_no_respondents_say_no_data(client, survei):
    _, periode = survei
    page = client.get(f"/survei/hasil/{periode.id}").get_data(as_text=True)
    assert "Belum ada data" in page and 'id="responden">0<' in page
    assert client.get("/survei/hasil").headers["Location"].endswith(f"/survei/hasil/{periode.id}")
    poster = client.get(f"/survei/hasil/{periode.id}/poster.pdf")
    assert poster.status_code == 200 and poster.data.startswith(b"%PDF")


def test_hidden_period_is_not_public(client, survei):
    _, periode = survei
    periode.publik = False
    db.session.commit()
    assert client.get(f"/survei/hasil/{periode.id}").status_code == 404
    assert client.get(f"/api/v1/skm/hasil/{periode.id}").status_code == 404


def test_no_address_is_kept_for_survey_paths(client, survei):
    resp = client.get("/survei/kb-konseling")
    assert resp.headers["Cache-Control"] == "no-store"


def test_perception_survey(client, app_ctx):
    before = isi_basis_data()
    html = client.get("/survei/persepsi/ipak").get_data(as_text=True)
    assert "pungutan liar" in html and "Sangat setuju" in html
    assert isi_basis_data() == before  # the default statements are shown, not written, by a page view
    names = list(dict.fromkeys(re.findall(r'name="(item_[^"]+)"', html)))
    assert len(names) == 5
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', html).group(1)
    data = {"csrf_token": csrf_from(html), "token": token, **{name: "4" for name in names}}
    data.pop(names[0])
    assert "Ada pernyataan yang belum dijawab" in client.post("/survei/persepsi/ipak", data=data).get_data(as_text=True)
    assert isi_basis_data() == before
    data[names[0]] = "3"
    assert client.post("/survei/persepsi/ipak", data=data).status_code == 302
    assert client.post("/survei/persepsi/ipak", data=data).status_code == 302  # a double submit: one answer
    db.session.expire_all()
    assert db.session.scalar(select(func.count(PersepsiRespon.id))) == 1
    items = service.persepsi_items("ipak")  # the first answer stored the defaults it answered
    assert [it.id is not None for it in items] == [True] * 5
    assert [j.nilai for j in db.session.scalar(select(PersepsiRespon)).jawaban] == [3, 4, 4, 4, 4]
    assert client.get("/survei/persepsi/lain").status_code == 404


# --- JSON API ---------------------------------------------------------------------------------------

def _api_body(**over):
    body = {"layanan": "kb-konseling", "jawaban": {k: 3 for k in U}, "jenis_kelamin": "L", "usia": 40,
            "pendidikan": "SMA", "pekerjaan": "PNS", "saran": "", "token": "api-1"}
    body.update(over)
    return body


def test_api_create_and_get(client, survei):
    _, periode = survei
    resp = client.post("/api/v1/skm/respon", json=_api_body())
    assert resp.status_code == 201, resp.json
    assert resp.json["diterima"] is True and resp.json["layanan"] == "kb-konseling"
    assert client.post("/api/v1/skm/respon", json=_api_body()).status_code == 201  # same token: one row
    assert _count() == 1
    got = client.get(f"/api/v1/skm/hasil/{periode.id}?layanan=kb-konseling").json
    assert got["responden"] == 1 and got["ikm_konversi"] == "75.00" and got["mutu"] == "C"
    assert got["metode_bobot"] == "1/9" and got["sampel_minimal"] == 80 and got["sampel_tercapai"] is False
    assert [u["kode"] for u in got["unsur"]] == U


def test_api_refuses_bad_answers_in_indonesian(client, survei):
    resp = client.post("/api/v1/skm/respon", json=_api_body(jawaban={**{k: 3 for k in U}, "U3": 5}, token=None))
    # the document states the 1–4 range and the nine unsur, so its validation refuses them (422)
    assert resp.status_code == 422 and resp.json["kesalahan"] == {"jawaban.U3": "Maksimal 4."}
    missing = {k: 3 for k in U[:-1]}
    resp = client.post("/api/v1/skm/respon", json=_api_body(jawaban=missing, token=None))
    assert resp.status_code == 422 and "9" in resp.json["kesalahan"]["jawaban"]
    resp = client.post("/api/v1/skm/respon", json=_api_body(usia=7, token=None))
    assert resp.status_code == 422 and resp.json["kesalahan"]["usia"] == "Minimal 15."
    resp = client.post("/api/v1/skm/respon", json=_api_body(layanan="tidak-ada"))
    assert resp.status_code == 422 and resp.json["kesalahan"]["layanan"].startswith("Layanan tidak ditemukan")
    assert _count() == 0


def test_api_no_data_period(client, survei):
    _, periode = survei
    got = client.get(f"/api/v1/skm/hasil/{periode.id}").json
    assert got["ada_data"] is False and got["ikm_konversi"] is None and "Belum ada data" in got["pesan"]


def test_openapi_lists_the_operations(client, app_ctx):
    doc = client.get("/api/v1/openapi.json").json
    ops = {op["operationId"] for path in doc["paths"].values() for op in path.values()}
    assert {"createResponSkm", "getHasilSkm"} <= ops


def test_api_is_rate_limited_too(app, client, survei):
    app.config["RATELIMIT_SKM"] = "1 per hour"
    assert client.post("/api/v1/skm/respon", json=_api_body(token="a")).status_code == 201
    resp = client.post("/api/v1/skm/respon", json=_api_body(token="b"))
    assert resp.status_code == 429 and resp.json["kode"] == 429
    assert _count() == 1


def test_required_fields_are_marked_visibly_and_for_assistive_technology(client, survei):
    """The profile is mandatory (it feeds the report's respondent profile): every required field says so; the
    saran, optional, does not."""
    html, _ = _form(client)
    assert "Tanda <span class=\"text-danger\" aria-hidden=\"true\">*</span> wajib diisi" in html
    soup = re.sub(r"\s+", " ", html)
    for kode in U:  # each question: a required radio group named by its legend, marked with *
        assert re.search(rf'<legend id="q-{kode}-judul">[^<]*<span class="kode">[^<]*</span> '
                         rf'<span class="text-danger" aria-hidden="true">\*</span>', soup), kode
        assert (f'role="radiogroup" aria-labelledby="q-{kode}-judul" aria-required="true"') in soup
    assert 'role="radiogroup" aria-labelledby="jenis_kelamin-judul" aria-required="true"' in soup
    for name in ("usia", "pendidikan", "pekerjaan"):
        tag = re.search(rf'<(?:input|select)[^>]*\bname="{name}"[^>]*>', soup).group(0)
        assert 'aria-required="true"' in tag and " required" in tag, name
        assert re.search(rf'<label class="form-label" for="{name}">[^<]*</label> '
                         r'<span class="text-danger" aria-hidden="true">\*</span>', soup), name
    saran = re.search(r'<label class="form-label" for="saran">[^<]*</label>( <span class="text-danger")?', soup)
    assert saran.group(1) is None and 'aria-required' not in re.search(r"<textarea[^>]*>", soup).group(0)
