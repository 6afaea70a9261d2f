"""The reporter's pages: explanation, the form without JavaScript, receipt, mailbox, limits."""
import io
import re

from sqlalchemy import func, select

from core.extensions import db
from tests.conftest import csrf_from
from tests.wbs.helpers import FULL, make_officer, pdf_bytes, png_bytes
from wbs import keys, service
from wbs.models import WbsReport

RECEIPT_RE = re.compile(r'id="resi"[^>]*>([0-9A-Z-]{19})<')


def _form(client):
    html = client.get("/wbs/lapor").get_data(as_text=True)
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', html).group(1)
    return csrf_from(html), token


def _submit(client, **over):
    csrf, token = _form(client)
    data = {**FULL, "csrf_token": csrf, "token": token, "website": "", **over}
    return client.post("/wbs/lapor", data=data, content_type="multipart/form-data")


def _receipt(resp) -> str:
    return RECEIPT_RE.search(resp.get_data(as_text=True)).group(1)


def test_explanation_page_names_protections_and_channels(client):
    resp = client.get("/wbs/")
    html = resp.get_data(as_text=True)
    for text in ("UU Nomor 31 Tahun 2014", "Pasal 10", "LPSK", "PP Nomor 43 Tahun 2018", "kws.kpk.go.id",
                 "www.lapor.go.id", "isi halaman PDF tidak dibersihkan", "tidak terkait dengan kantor"):
        assert text in html, text
    assert resp.headers["Cache-Control"] == "no-store"


def test_form_works_without_javascript_and_asks_no_identity(client):
    html = client.get("/wbs/lapor").get_data(as_text=True)
    assert "<script" not in html and "style=" not in html
    assert 'enctype="multipart/form-data"' in html and 'class="hp-field"' in html
    assert 'name="identitas"' in html and "<details" in html  # optional, folded away
    assert re.search(r'name="token" type="hidden" value="[^"]{20,}"', html)


def test_submit_shows_receipt_once_with_warning(app, client):
    resp = _submit(client, lampiran=[(io.BytesIO(png_bytes()), "foto.png")])
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert "Catat resi ini sekarang." in html and "sekali ini" in html and "Diterima" in html
    receipt = _receipt(resp)
    with app.app_context():
        assert service.open_mailbox(receipt).lampiran_awal == ["foto.png"]
    assert resp.headers["Cache-Control"] == "no-store"
    assert receipt not in client.get("/wbs/kotak").get_data(as_text=True)


def test_double_click_makes_one_report_and_shows_the_same_receipt(app, client):
    csrf, token = _form(client)
    data = {**FULL, "csrf_token": csrf, "token": token}
    first = client.post("/wbs/lapor", data=data)
    second = client.post("/wbs/lapor", data=data)
    assert _receipt(first) == _receipt(second)
    with app.app_context():
        assert db.session.scalar(select(func.count(WbsReport.id))) == 1


def test_bad_input_keeps_what_was_typed(app, client):
    resp = _submit(client, apa="", siapa="Kepala seksi X")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 400 and "Ceritakan apa yang terjadi." in html and "Kepala seksi X" in html
    fake = io.BytesIO(b"MZ\x90\x00 this is an exe")
    resp = _submit(client, lampiran=[(fake, "foto.jpg")])
    html = resp.get_data(as_text=True)
    assert resp.status_code == 400 and "bukan berkas JPEG, PNG, WebP atau PDF yang sah" in html
    assert FULL["bagaimana"] in html
    resp = _submit(client, website="http://spam.example")
    assert resp.status_code == 400
    with app.app_context():
        assert db.session.scalar(select(func.count(WbsReport.id))) == 0


def test_mailbox_is_entered_by_post_only_and_unknown_equals_wrong(app, client):
    with app.app_context():
        make_officer()
        rid, receipt = service.submit_report({"apa": "ada pungli"})
        db.session.commit()  # the caller's unit of work
    page = client.get("/wbs/kotak?resi=" + receipt)
    assert "ada pungli" not in page.get_data(as_text=True)  # a receipt in the URL opens nothing
    csrf = csrf_from(page.get_data(as_text=True))
    ok = client.post("/wbs/kotak", data={"resi": receipt.lower().replace("-", " "), "csrf_token": csrf})
    html = ok.get_data(as_text=True)
    assert ok.status_code == 200 and "ada pungli" in html and "Diterima" in html
    assert "Di mana terjadinya" in html  # missing elements are asked for
    raw = receipt.replace("-", "")
    wrong = client.post("/wbs/kotak", data={"resi": ("0" if raw[0] != "0" else "1") + raw[1:], "csrf_token": csrf})
    unknown = client.post("/wbs/kotak", data={"resi": "ZZZZ-ZZZZ-ZZZZ-ZZZZ", "csrf_token": csrf})
    assert wrong.status_code == unknown.status_code == 400
    assert wrong.get_data(as_text=True) == unknown.get_data(as_text=True)
    assert "Resi tidak dikenali" in wrong.get_data(as_text=True)


def test_reporter_answers_with_evidence_in_the_mailbox(app, client):
    with app.app_context():
        officer = make_officer()
        rid, receipt = service.submit_report({"apa": "ada pungli"})
        key, private = keys.unlock(officer, "frasa-sandi-wbs-rahasia-1")
        service.add_team_message(rid, officer, key, private, "Kapan terjadinya?")
        db.session.commit()
    csrf = csrf_from(client.get("/wbs/kotak").get_data(as_text=True))
    box = client.post("/wbs/kotak", data={"resi": receipt, "csrf_token": csrf}).get_data(as_text=True)
    assert "Kapan terjadinya?" in box
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', box).group(1)
    data = {"resi": receipt, "csrf_token": csrf_from(box), "token": token, "pesan": "Senin lalu.",
            "lampiran": [(io.BytesIO(pdf_bytes("kuitansi")), "kuitansi.pdf")]}
    sent = client.post("/wbs/kotak/kirim", data=data, content_type="multipart/form-data")
    html = sent.get_data(as_text=True)
    assert sent.status_code == 200 and "Pesan Anda terkirim" in html and "Senin lalu." in html and "kuitansi.pdf" in html
    again = client.post("/wbs/kotak/kirim", data={**data, "lampiran": []})  # a refresh of the same form
    assert again.get_data(as_text=True).count("Senin lalu.") == 1
    empty = client.post("/wbs/kotak/kirim", data={"resi": receipt, "csrf_token": csrf_from(box), "pesan": ""})
    assert empty.status_code == 400 and "Tulis pesan atau lampirkan berkas." in empty.get_data(as_text=True)


def test_receipt_guessing_is_throttled(app, client):
    app.config["RATELIMIT_TRACKING"] = "5 per 10 minutes"
    csrf = csrf_from(client.get("/wbs/kotak").get_data(as_text=True))
    codes = [client.post("/wbs/kotak", data={"resi": f"ZZZZ-ZZZZ-ZZZZ-ZZ{i:02d}", "csrf_token": csrf}).status_code
             for i in range(7)]
    assert codes[:5] == [400] * 5 and codes[5:] == [429, 429]
    # the JSON API shares the same budget
    assert client.post("/api/v1/wbs/akses", json={"resi": "ZZZZ-ZZZZ-ZZZZ-ZZZZ"}).status_code == 429


def test_anonymous_routes_keep_no_address(app, client):
    from core.models import AuditEvent
    _submit(client)
    with app.app_context():
        # a reporter's action writes no audit row at all: its timestamp would date the report
        assert db.session.scalars(select(AuditEvent)).all() == []
