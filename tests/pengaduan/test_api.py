"""The JSON API: createPengaduan and getPengaduanStatus, with field-by-field errors."""
from sqlalchemy import func, select

from core.extensions import db
from pengaduan.models import Pengaduan

BODY = {"jenis": "pengaduan", "kategori": "Pelayanan publik", "judul": "Antrean lama",
        "uraian": "Menunggu tiga jam tanpa kejelasan.", "nama": "Budi", "email": "budi@contoh.id", "setuju": True}


def test_create_and_read_status(client):
    resp = client.post("/api/v1/pengaduan", json=BODY)
    assert resp.status_code == 201, resp.get_json()
    out = resp.get_json()
    assert out["tiket"].startswith("PGD-") and out["status"] == "diterima" and out["status_label"] == "Diterima"
    assert len(out["kode_pelacakan"]) == 19 and out["penyelesaian_hk"] == [2, 5, 14, 60]
    status = client.post("/api/v1/pengaduan/status", json={"tiket": out["tiket"], "kode": out["kode_pelacakan"]})
    assert status.status_code == 200
    body = status.get_json()
    assert body["status_label"] == "Diterima" and body["riwayat"][0]["status"] == "Diterima"
    assert "Budi" not in str(body) and "budi@contoh.id" not in str(body)


def test_wrong_code_and_unknown_ticket_are_the_same_404(client):
    out = client.post("/api/v1/pengaduan", json=BODY).get_json()
    a = client.post("/api/v1/pengaduan/status", json={"tiket": out["tiket"], "kode": "AAAA-AAAA-AAAA-AAAA"})
    b = client.post("/api/v1/pengaduan/status", json={"tiket": "PGD-2001-000009", "kode": out["kode_pelacakan"]})
    assert a.status_code == b.status_code == 404 and a.get_json() == b.get_json()


def test_errors_are_field_by_field(app, client):
    resp = client.post("/api/v1/pengaduan", json={**BODY, "uraian": "   ", "nama": None, "email": None,
                                                  "setuju": False})
    assert resp.status_code == 422
    errors = resp.get_json()["kesalahan"]
    assert errors["uraian"].startswith("Uraian terlalu singkat") and errors["setuju"].startswith("Anda perlu menyetujui")
    resp = client.post("/api/v1/pengaduan", json={"jenis": "keluhan", "judul": "x" * 500})
    assert resp.status_code == 422
    errors = resp.get_json()["kesalahan"]
    assert errors["jenis"].startswith("Pilihan tidak dikenal") and errors["uraian"] == "Wajib diisi."
    assert errors["judul"] == "Terlalu panjang (maksimal 200 karakter)."
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Pengaduan)) == 0


def test_idempotency_key_gives_one_complaint(app, client):
    key = "k" * 8 + "0123456789abcdefXYZ"
    a = client.post("/api/v1/pengaduan", json={**BODY, "kunci_idempotensi": key}).get_json()
    b = client.post("/api/v1/pengaduan", json={**BODY, "kunci_idempotensi": key}).get_json()
    assert a == b
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Pengaduan)) == 1


def test_openapi_lists_both_operations(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    ops = {op["operationId"]: (path, method) for path, item in doc["paths"].items() for method, op in item.items()}
    assert ops["createPengaduan"] == ("/api/v1/pengaduan", "post")
    assert ops["getPengaduanStatus"] == ("/api/v1/pengaduan/status", "post")
    assert {"tiket", "kode"} == set(doc["components"]["schemas"]["StatusPengaduanIn"]["properties"])


def test_api_submit_is_rate_limited(app, client):
    app.config["RATELIMIT_PUBLIC_SUBMIT"] = "2 per hour"
    codes = [client.post("/api/v1/pengaduan", json=BODY).status_code for _ in range(3)]
    assert codes == [201, 201, 429]
