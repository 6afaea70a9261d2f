"""The citizen's pages: form → confirm → receipt, tracking, replies and rating, bad input."""
import io
import re

import pytest
from PIL import Image
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import stream_encode_multipart

from core.attachments import attachments_of, read_attachment
from core.extensions import db
from core.uow import unit_of_work
from pengaduan import service
from pengaduan.models import Pengaduan
from tests.conftest import csrf_from
from tests.pengaduan.helpers import jpeg_with_exif

XSS = '<script>alert("x")</script>'


def _form(client, **over):
    page = client.get("/pengaduan/")
    assert page.status_code == 200
    fields = {"csrf_token": csrf_from(page.get_data(as_text=True)), "langkah": "periksa", "jenis": "pengaduan",
              "kategori": "Pelayanan publik", "judul": "Antrean layanan lama",
              "uraian": "Saya menunggu tiga jam tanpa kejelasan.", "nama": "Budi Santoso",
              "telepon": "081234567890", "setuju": "y", "website": ""}
    fields.update(over)
    return fields


def _confirm(client, files=None, **over):
    fields = _form(client, **over)
    if files:
        fields["lampiran"] = files
    return client.post("/pengaduan/", data=fields, content_type="multipart/form-data")


def _send(client, confirm_html: str):
    """Press «Kirim pengaduan» on the confirm page: post back its hidden fields."""
    form_html = confirm_html.split('action="/pengaduan/kirim"', 1)[1].split("</form>", 1)[0]
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form_html))
    fields["csrf_token"] = csrf_from(form_html)
    import html

    return client.post("/pengaduan/kirim", data={k: html.unescape(v) for k, v in fields.items()})


def test_form_confirm_and_receipt_with_a_photo(app, client):
    resp = _confirm(client, files=[(io.BytesIO(jpeg_with_exif()), "foto kejadian.jpg")], judul=XSS)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and "Periksa sebelum mengirim" in html
    assert "foto kejadian.jpg" in html and XSS not in html and "&lt;script&gt;" in html
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Pengaduan)) == 0  # nothing until confirmed
    done = _send(client, html)
    text = done.get_data(as_text=True)
    assert done.status_code == 200 and "Pengaduan Anda sudah kami terima" in text
    tiket = re.search(r'id="tiket">(PGD-\d{4}-\d{6})<', text).group(1)
    kode = re.search(r'id="kode">([0-9A-Z-]+)<', text).group(1)
    assert done.headers["Cache-Control"] == "no-store"
    with app.app_context():
        p = service.find_for_reporter(tiket, kode)
        assert p.judul == XSS and p.kanal == "web"
        (att,) = attachments_of("pengaduan", p.id)
        data = read_attachment(att)
        assert att.content_type == "image/jpeg" and b"KameraRahasia" not in data
        assert not Image.open(io.BytesIO(data)).getexif()  # EXIF/GPS stripped
    # a second press of the same button: the same ticket and code, still one complaint
    again = _send(client, html).get_data(as_text=True)
    assert tiket in again and kode in again
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Pengaduan)) == 1


def test_change_step_keeps_what_was_typed(client):
    html = _confirm(client, judul="Judul yang saya ketik").get_data(as_text=True)
    back_html = html.split('name="langkah" value="ubah"', 1)[0].rsplit("<form", 1)[1]
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', back_html))
    fields.update(csrf_token=csrf_from(back_html), langkah="ubah")
    again = client.post("/pengaduan/", data=fields).get_data(as_text=True)
    assert 'value="Judul yang saya ketik"' in again and "Periksa kiriman" in again


@pytest.mark.parametrize("over, message", [
    ({"uraian": "   "}, "Uraian wajib diisi"),
    ({"uraian": "x" * 100_000}, "Uraian terlalu panjang"),
    ({"nama": "", "telepon": ""}, "Nama wajib diisi"),
    ({"setuju": ""}, "menyetujui pemberitahuan privasi"),
])
def test_bad_input_shows_a_message_and_keeps_the_rest(client, over, message):
    resp = _confirm(client, **over)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422 and message in html
    assert "Antrean layanan lama" in html  # what was typed is still there


def test_exe_renamed_jpg_and_oversized_files_are_refused(app, client):
    resp = _confirm(client, files=[(io.BytesIO(b"MZ\x90\x00" + b"\x00" * 2000), "foto.jpg")])
    assert resp.status_code == 422 and "bukan berkas JPEG, PNG, WebP atau PDF yang sah" in resp.get_data(as_text=True)
    big = jpeg_with_exif() + b"\x00" * (20 * 1024 * 1024)
    fields = _form(client)
    fields["lampiran"] = FileStorage(io.BytesIO(big), filename="besar.jpg", content_type="image/jpeg")
    # encoded in memory: the test client would spool 20 MB to a temporary file it never closes
    stream, length, boundary = stream_encode_multipart(fields, use_tempfile=False)
    resp = client.post("/pengaduan/", data=stream.getvalue(), content_type=f"multipart/form-data; boundary={boundary}")
    assert resp.status_code == 422 and "melebihi batas 10 MB" in resp.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Pengaduan)) == 0


def test_honeypot_refuses_bots(client):
    resp = _confirm(client, website="http://spam.example")
    assert "Periksa sebelum mengirim" not in resp.get_data(as_text=True)


def _track(client, tiket, kode):
    page = client.get("/pengaduan/lacak")
    return client.post("/pengaduan/lacak", data={"csrf_token": csrf_from(page.get_data(as_text=True)),
                                                 "tiket": tiket, "kode": kode})


def test_tracking_shows_status_answer_and_accepts_a_rating(app, client):
    with app.app_context():
        from tests.factories import make_user

        officer, _ = make_user(["petugas_pengaduan"])
        p, code = service.submit({"jenis": "informasi", "kategori": "Lainnya", "judul": "Jadwal " + XSS,
                                  "uraian": "Kapan jadwal pelatihan kader?", "anonim": True, "setuju": True,
                                  "email": "warga@contoh.id"}, kanal="web")
        service.verifikasi(p, officer, "ringan", "catatan internal rahasia")
        service.jawab(p, officer, "Jadwalnya bulan Juli. " + XSS)
        db.session.commit()
        tiket = p.tiket
    wrong = _track(client, tiket, "AAAA-BBBB-CCCC-DDDD")
    unknown = _track(client, "PGD-2000-000001", code)
    for resp in (wrong, unknown):
        assert resp.status_code == 404 and service.SAME_MESSAGE in resp.get_data(as_text=True)
    assert client.get("/pengaduan/lacak/status").status_code == 302  # not proven yet
    resp = _track(client, tiket, code.lower())
    assert resp.status_code == 302 and code not in resp.headers["Location"]
    html = client.get("/pengaduan/lacak/status").get_data(as_text=True)
    assert "Ditindaklanjuti" in html and "Jadwalnya bulan Juli." in html and "&lt;script&gt;" in html
    assert XSS not in html and "catatan internal rahasia" not in html and "warga@contoh.id" not in html
    resp = client.post("/pengaduan/lacak/nilai", data={"csrf_token": csrf_from(html), "skor": "5", "komentar": "Cepat"})
    assert resp.status_code == 302
    html = client.get("/pengaduan/lacak/status").get_data(as_text=True)
    assert "Penilaian Anda: <strong>5 dari 5</strong>" in html
    resp = client.post("/pengaduan/lacak/tanggapan", data={"csrf_token": csrf_from(html), "teks": "Terima kasih, tapi..."})
    html = client.get("/pengaduan/lacak/status").get_data(as_text=True)
    assert "Tanggapan Anda terkirim" in html
    with app.app_context():
        assert db.session.get(Pengaduan, p.id).status == "ditindaklanjuti"


def test_receipt_download(app, client):
    with app.app_context(), unit_of_work():
        p, code = service.submit({"jenis": "aspirasi", "kategori": "Lainnya", "judul": "Usul",
                                  "uraian": "Mohon tambah kursi tunggu.", "anonim": True, "setuju": True}, kanal="web")
        tiket = p.tiket
    page = client.get("/pengaduan/lacak")
    resp = client.post("/pengaduan/bukti", data={"csrf_token": csrf_from(page.get_data(as_text=True)),
                                                 "tiket": tiket, "kode": code})
    body = resp.get_data(as_text=True)
    assert resp.status_code == 200 and tiket in body and code in body
    assert resp.headers["Content-Disposition"] == f'attachment; filename="bukti-{tiket}.txt"'


def test_tracking_is_rate_limited(app, client):
    app.config["RATELIMIT_TRACKING"] = "3 per 10 minutes"
    codes = [_track(client, "PGD-2026-000001", "AAAA-AAAA-AAAA-AAAA").status_code for _ in range(5)]
    assert codes[:3] == [404, 404, 404] and codes[3:] == [429, 429]
