"""A reply or a rating sent from the status page with an error comes back on that page, the error summary at
the top linked to the field, and what the citizen wrote still in the box."""
import io

from core.extensions import db
from pengaduan import service
from tests.conftest import csrf_from
from tests.factories import make_user


def _tracked(app, client):
    with app.app_context():
        officer, _ = make_user(["petugas_pengaduan"])
        p, code = service.submit({"jenis": "informasi", "kategori": "Lainnya", "judul": "Jadwal kader",
                                  "uraian": "Kapan jadwal pelatihan kader?", "anonim": True, "setuju": True},
                                 kanal="web")
        service.verifikasi(p, officer, "ringan", "")
        service.jawab(p, officer, "Jadwalnya bulan Juli.")
        db.session.commit()
        tiket = p.tiket
    html = client.get("/pengaduan/lacak").get_data(as_text=True)
    client.post("/pengaduan/lacak", data={"csrf_token": csrf_from(html), "tiket": tiket, "kode": code})
    return client.get("/pengaduan/lacak/status").get_data(as_text=True)


def test_rating_without_a_score_keeps_the_comment(app, client):
    html = _tracked(app, client)
    resp = client.post("/pengaduan/lacak/nilai", data={"csrf_token": csrf_from(html), "komentar": "Cepat dan jelas."})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422
    assert 'id="ringkasan-galat"' in html and 'href="#skor-0"' in html and 'id="skor-0"' in html
    assert "Pilih nilai 1 sampai 5." in html
    assert "Cepat dan jelas.</textarea>" in html


def test_reply_with_a_bad_file_keeps_the_text(app, client):
    html = _tracked(app, client)
    resp = client.post("/pengaduan/lacak/tanggapan", content_type="multipart/form-data", data={
        "csrf_token": csrf_from(html), "teks": "Jadwal Juli tanggal berapa?",
        "lampiran": (io.BytesIO(b"bukan gambar"), "foto.jpg")})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422
    assert 'id="ringkasan-galat"' in html and 'href="#lampiran"' in html
    assert "Jadwal Juli tanggal berapa?</textarea>" in html
