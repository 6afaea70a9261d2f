"""The JSON API: createLaporanWbs, aksesLaporanWbs, kirimPesanWbs."""
import base64

from tests.wbs.helpers import FULL, make_officer, pdf_bytes
from wbs import keys, service
from core.extensions import db
from core.models import user_by_email


def test_operations_are_in_the_openapi_document(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    ops = {op["operationId"]: (path, method) for path, methods in doc["paths"].items()
           for method, op in methods.items()}
    assert ops["createLaporanWbs"] == ("/api/v1/wbs/laporan", "post")
    assert ops["aksesLaporanWbs"] == ("/api/v1/wbs/akses", "post")
    assert ops["kirimPesanWbs"] == ("/api/v1/wbs/pesan", "post")
    assert "{" not in "".join(p for p in doc["paths"] if "/wbs/" in p)  # no receipt in any URL


def test_create_access_and_message(app, client):
    with app.app_context():
        email = make_officer().email
    body = {k: v for k, v in FULL.items() if v}
    body["lampiran"] = [{"nama": "bukti.pdf", "isi_base64": base64.b64encode(pdf_bytes("x")).decode()}]
    resp = client.post("/api/v1/wbs/laporan", json=body)
    assert resp.status_code == 201, resp.get_json()
    out = resp.get_json()
    assert out["status"] == "diterima" and len(out["resi"]) == 19 and "sekali" in out["pesan"]
    assert resp.headers["Cache-Control"] == "no-store"

    box = client.post("/api/v1/wbs/akses", json={"resi": out["resi"].lower()}).get_json()
    assert box["status_label"] == "Diterima" and box["jenis"] == "Pungutan liar (pungli)"
    assert box["lampiran"] == ["bukti.pdf"] and box["kurang"] == [] and box["percakapan"] == []

    with app.app_context():
        rid = db.session.scalar(db.select(service.WbsReport.id))
        officer = user_by_email(email)
        key, private = keys.unlock(officer, "frasa-sandi-wbs-rahasia-1")
        service.add_team_message(rid, officer, key, private, "Ada saksi lain?")
        db.session.commit()
    resp = client.post("/api/v1/wbs/pesan", json={"resi": out["resi"], "pesan": "Ada, rekan seruangan."})
    assert resp.status_code == 201
    convo = resp.get_json()["percakapan"]
    assert [(e["dari"], e["teks"]) for e in convo] == [("Tim WBS", "Ada saksi lain?"), ("Anda", "Ada, rekan seruangan.")]


def test_idempotency_key_gives_one_report(app, client, team):
    body = {"apa": "dua kali terkirim", "kunci_idempotensi": "k" * 40}
    a = client.post("/api/v1/wbs/laporan", json=body).get_json()
    b = client.post("/api/v1/wbs/laporan", json=body).get_json()
    assert a["resi"] == b["resi"]
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(service.WbsReport.id))) == 1


def test_bad_input_in_indonesian(client):
    resp = client.post("/api/v1/wbs/laporan", json={"apa": "", "jenis": "pencurian", "rahasia": 1})
    assert resp.status_code == 422
    err = resp.get_json()["kesalahan"]
    assert err["apa"] == "Ceritakan apa yang terjadi." and err["jenis"].startswith("Pilihan tidak dikenal")
    assert err["rahasia"] == "Isian ini tidak dikenal."
    resp = client.post("/api/v1/wbs/laporan", json={"apa": "x", "lampiran": [{"nama": "a.pdf", "isi_base64": "!!"}]})
    assert resp.status_code == 422 and resp.get_json()["kesalahan"]["lampiran.0.isi_base64"].startswith("Isi berkas")
    fake = base64.b64encode(b"GIF89a not really").decode()
    resp = client.post("/api/v1/wbs/laporan", json={"apa": "x", "lampiran": [{"nama": "a.pdf", "isi_base64": fake}]})
    assert resp.status_code == 400 and "bukan berkas" in resp.get_json()["pesan"]
    unknown = client.post("/api/v1/wbs/akses", json={"resi": "ZZZZ-ZZZZ-ZZZZ-ZZZZ"})
    assert unknown.status_code == 404 and unknown.get_json()["pesan"].startswith("Resi tidak dikenali")
