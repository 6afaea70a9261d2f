"""JSON API: createLaporanGratifikasi, getLaporanGratifikasiStatus, cekWajibLaporGratifikasi."""
from datetime import timedelta

from sqlalchemy import func, select

from core.extensions import db
from core.workdays import local_today
from gratifikasi.models import LaporanGratifikasi
from tests.gratifikasi.helpers import NIP

BODY = {
    "jenis": "penerimaan", "pelapor_nama": "Andi", "identitas_nomor": NIP, "pelapor_jabatan": "Penyuluh",
    "unit_nama": "Bidang KB", "pelapor_telepon": "+62 812 3456 7890", "pelapor_alamat": "Palembang",
    "pemberi_nama": "PT Maju", "pemberi_hubungan": "rekanan", "tempat_terima": "Kantor", "acara": "hari_raya",
    "bentuk": "barang", "uraian": "Parsel", "nilai": "Rp1.500.000", "kronologi": "Diantar kurir.",
    "posisi_objek": "diserahkan_upg",
}


def _body(**over):
    return {**BODY, "tanggal_terima": (local_today() - timedelta(days=1)).isoformat(), **over}


def test_openapi_lists_the_operations(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    ops = {op["operationId"] for path in doc["paths"].values() for op in path.values()}
    assert {"createLaporanGratifikasi", "getLaporanGratifikasiStatus", "cekWajibLaporGratifikasi"} <= ops
    assert "/api/v1/gratifikasi/laporan" in doc["paths"] and "LaporanGratifikasiIn" in doc["components"]["schemas"]


def test_create_and_status(app, client):
    resp = client.post("/api/v1/gratifikasi/laporan", json=_body(nilai=1500000))
    assert resp.status_code == 201, resp.get_json()
    out = resp.get_json()
    assert out["nomor"].startswith("GRT-") and out["status"] == "diterima" and out["wajib_lapor"] is True
    assert out["sisa_hari_kerja"] <= 30 and out["terlambat"] is False and len(out["kode_rahasia"]) >= 19
    st = client.post("/api/v1/gratifikasi/status", json={"nomor": out["nomor"], "kode": out["kode_rahasia"]})
    assert st.status_code == 200
    assert st.get_json()["status_label"] == "Diterima UPG" and st.get_json()["riwayat"][0]["langkah"] == "Laporan diterima"
    bad = client.post("/api/v1/gratifikasi/status", json={"nomor": out["nomor"], "kode": "AAAA-BBBB-CCCC-DDDD"})
    unknown = client.post("/api/v1/gratifikasi/status", json={"nomor": "GRT-2026-999999", "kode": out["kode_rahasia"]})
    assert bad.status_code == unknown.status_code == 404 and bad.get_json() == unknown.get_json()


def test_domain_errors_point_at_the_field(app, client):
    for over, field, message, code in [
        # what the document states is refused by its validation (422), the rest by the service (400)
        ({"nilai": "1.500.000,00", "identitas_nomor": "123"}, "identitas_nomor", "NIP 18 angka atau NIK 16", 422),
        ({"nilai": 0}, "nilai", "Minimal 1.", 422),
        ({"nilai": "-5"}, "nilai", "Nilai rupiah tidak sah", 422),
        ({"nilai": 10 ** 15}, "nilai", "Maksimal 100000000000.", 422),
        ({"tanggal_terima": (local_today() + timedelta(days=3)).isoformat()}, "tanggal_terima", "setelah hari ini",
         422),
        ({"kronologi": " "}, "kronologi", "Wajib diisi.", 400),
    ]:
        resp = client.post("/api/v1/gratifikasi/laporan", json=_body(**over))
        body = resp.get_json()
        assert resp.status_code == code and message in body["kesalahan"][field], body
    resp = client.post("/api/v1/gratifikasi/laporan", json=_body(jenis="hadiah", tambahan=1))
    assert resp.status_code == 422 and set(resp.get_json()["kesalahan"]) == {"jenis", "tambahan"}
    resp = client.post("/api/v1/gratifikasi/laporan", data="bukan json", content_type="text/plain")
    assert resp.status_code == 400
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(LaporanGratifikasi)) == 0


def test_idempotency_key(app, client):
    first = client.post("/api/v1/gratifikasi/laporan", json=_body(kunci_idempoten="abc-1"))
    again = client.post("/api/v1/gratifikasi/laporan", json=_body(kunci_idempoten="abc-1"))
    assert first.status_code == 201 and again.status_code == 409
    assert first.get_json()["nomor"] in again.get_json()["pesan"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(LaporanGratifikasi)) == 1


def test_wajib_lapor_check(client):
    r = client.post("/api/v1/gratifikasi/wajib-lapor", json={"acara": "pernikahan", "pemberi_hubungan": "lainnya",
                                                           "nilai": "Rp1.500.000", "tanggal_terima": "2026-01-20"})
    assert r.status_code == 200 and r.get_json()["wajib"] is False and r.get_json()["batas"] == 1500000
    r = client.post("/api/v1/gratifikasi/wajib-lapor", json={"acara": "pernikahan", "pemberi_hubungan": "lainnya",
                                                           "nilai": 1500000, "tanggal_terima": "2026-01-19"})
    assert r.get_json()["wajib"] is True and r.get_json()["dasar"] == "Peraturan KPK Nomor 2 Tahun 2019"
    r = client.post("/api/v1/gratifikasi/wajib-lapor", json={"acara": "pernikahan", "pemberi_hubungan": "lainnya",
                                                           "nilai": "1,500,000", "tanggal_terima": "2026-01-19"})
    assert r.status_code == 422 and "titik" in r.get_json()["kesalahan"]["nilai"]


def test_status_is_rate_limited(client):
    codes = [client.post("/api/v1/gratifikasi/status", json={"nomor": "GRT-2026-000001", "kode": "X"}).status_code
             for _ in range(21)]
    assert codes[:20] == [404] * 20 and codes[20] == 429
