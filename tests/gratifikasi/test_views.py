"""The public pages: campaign page, helper, form (every bad input), receipt, tracking, completion, poster."""
import io
import re
from datetime import timedelta

from pypdf import PdfReader
from sqlalchemy import func, select

from core.extensions import db
from core.models import Attachment
from core.workdays import local_today
from gratifikasi import service
from gratifikasi.models import LaporanGratifikasi
from tests.conftest import csrf_from
from tests.factories import make_unit, make_user
from tests.gratifikasi.helpers import NIP, form_data, laporan_input, post_multipart, track

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82")


def _count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(LaporanGratifikasi))


def _today_iso(days_ago: int = 2) -> str:
    return (local_today() - timedelta(days=days_ago)).isoformat()


def test_campaign_page_shows_thresholds_and_contact(app, client):
    html = client.get("/gratifikasi/").get_data(as_text=True)
    assert "Tolak dan laporkan gratifikasi" in html
    assert "Rp1.500.000" in html and "Rp1.000.000" in html and "Peraturan KPK Nomor 1 Tahun 2026" in html
    assert "sejak 20 Januari 2026" in html and "Unit Pengendalian Gratifikasi (UPG)" in html
    assert "/gratifikasi/poster.pdf?ukuran=A3" in html
    assert "<script" not in html and "style=" not in html


def test_helper_says_why(client):
    html = client.get("/gratifikasi/wajib-lapor?acara=pernikahan&pemberi_hubungan=lainnya&nilai=Rp1.500.000"
                      "&tanggal_terima=2026-01-19").get_data(as_text=True)
    assert "Wajib dilaporkan" in html and "melebihi batas Rp1.000.000 per pemberi" in html
    assert "Peraturan KPK Nomor 2 Tahun 2019" in html
    assert "/gratifikasi/lapor?jenis=penerimaan" in html and "nilai=Rp1.500.000" in html
    html = client.get("/gratifikasi/wajib-lapor?acara=pernikahan&pemberi_hubungan=lainnya&nilai=1.500.000,00"
                      "&tanggal_terima=2026-01-20").get_data(as_text=True)
    assert "Tidak wajib dilaporkan" in html and "Tetap laporkan" in html
    html = client.get("/gratifikasi/wajib-lapor?acara=pernikahan&pemberi_hubungan=lainnya&nilai=0"
                      "&tanggal_terima=2026-01-20").get_data(as_text=True)
    assert "Nilai harus lebih dari Rp0" in html and "Wajib dilaporkan" not in html
    html = client.get("/gratifikasi/wajib-lapor?acara=pernikahan&pemberi_hubungan=lainnya&nilai=1000"
                      "&tanggal_terima=2099-01-01").get_data(as_text=True)
    assert "tidak boleh setelah hari ini" in html
    html = client.get("/gratifikasi/wajib-lapor?acara=&nilai=").get_data(as_text=True)
    assert "Pilih acaranya." in html


def _post(client, **over):
    html = client.get("/gratifikasi/lapor").get_data(as_text=True)
    data = form_data(html, **{"tanggal_terima": _today_iso(), **over})
    return post_multipart(client, "/gratifikasi/lapor", data)


def test_submit_form_receipt_and_pdf(app, client):
    html = client.get("/gratifikasi/lapor").get_data(as_text=True)
    assert 'class="hp-field" aria-hidden="true"' in html and 'enctype="multipart/form-data"' in html
    data = form_data(html, tanggal_terima=_today_iso(), lampiran=(io.BytesIO(PNG), "parsel.png"))
    resp = post_multipart(client, "/gratifikasi/lapor", data)
    assert resp.status_code == 200  # the receipt answers the submission: the code is shown there, once
    page = resp.get_data(as_text=True)
    nomor = re.search(r"GRT-\d{4}-\d{6}", page).group(0)
    kode = re.search(r'<div class="code-box mb-3" id="kode">([^<]+)</div>', page).group(1)
    assert "Batas lapor ke KPK" in page and "hari kerja lagi" in page
    pdf = client.post("/gratifikasi/tanda-terima.pdf", data={"csrf_token": csrf_from(page), "nomor": nomor,
                                                             "kode": kode})
    assert pdf.headers["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert nomor in text and kode in text
    with app.app_context():
        lap = db.session.scalar(select(LaporanGratifikasi))
        assert lap.nomor == nomor and lap.nilai == 1_500_000 and lap.kanal == "web"
        assert db.session.scalar(select(func.count()).select_from(Attachment)) == 1
    # tracking with the number and code
    html = track(client, nomor, kode)
    assert f"Status laporan {nomor}" in html and "Diterima UPG" in html and "Laporan diterima UPG." in html


def test_double_submit_one_record(app, client):
    html = client.get("/gratifikasi/lapor").get_data(as_text=True)
    data = form_data(html, tanggal_terima=_today_iso())
    first = client.post("/gratifikasi/lapor", data=data)
    second = client.post("/gratifikasi/lapor", data=data)
    assert first.status_code == 200 and second.status_code == 302
    assert second.headers["Location"].endswith("/gratifikasi/tanda-terima")  # same receipt again, without the code
    assert _count(app) == 1
    other = app.test_client()  # another browser replaying the same form: told the number, no code
    html = other.get("/gratifikasi/lapor").get_data(as_text=True)
    resp = other.post("/gratifikasi/lapor", data={**data, "csrf_token": csrf_from(html)}, follow_redirects=True)
    assert "sudah diterima dengan nomor GRT-" in resp.get_data(as_text=True)
    assert _count(app) == 1


def test_every_bad_input_gets_a_message_and_nothing_is_saved(app, client):
    cases = [
        ({"nilai": "0"}, "Nilai harus lebih dari Rp0"),
        ({"nilai": "-250.000"}, "Nilai tidak boleh negatif."),
        ({"nilai": "999.999.999.999"}, "melebihi batas wajar Rp100.000.000.000"),
        ({"nilai": "1,500,000"}, "Gunakan titik sebagai pemisah ribuan dan koma untuk desimal"),
        ({"tanggal_terima": (local_today() + timedelta(days=1)).isoformat()}, "tidak boleh setelah hari ini"),
        ({"tanggal_terima": "2009-06-01"}, "sebelum Anda diangkat sebagai pegawai (TMT 01/2010"),
        ({"tanggal_terima": "31-02-2026"}, "Tanggal tidak valid"),
        ({"identitas_nomor": "1985010120100110"}, "NIP harus 18 angka; yang Anda isi 16 angka."),
        ({"identitas_nomor": "19850101201001100X"}, "NIP hanya berisi angka."),
        ({"kronologi": "   "}, "Wajib diisi."),
        ({"kronologi": "a" * 100_000}, "Kronologi terlalu panjang (maksimal 10.000 karakter"),
        ({"pelapor_telepon": "telepon saya"}, "Nomor telepon tidak sah"),
        ({"pemberi_hubungan": ""}, "Pilih hubungan Anda dengan pemberi."),
        ({"posisi_objek": ""}, "Pilih keberadaan objek gratifikasi"),
        ({"lampiran": (io.BytesIO(b"MZ\x90\x00" + b"\x00" * 200), "foto.jpg")}, "bukan berkas"),
        ({"lampiran": (io.BytesIO(b"\xff" * (20 * 1024 * 1024)), "besar.jpg")}, "melebihi batas 10 MB"),
    ]
    for over, message in cases:
        resp = _post(client, **over)
        html = resp.get_data(as_text=True)
        assert resp.status_code == 200, over
        assert message in html, (over, message)
        assert "Ada isian yang belum benar" in html or "bukan berkas" in html or "melebihi" in html
        assert 'value="Andi Saputra"' in html  # nothing the user typed is lost
    assert _count(app) == 0


def test_honeypot_and_missing_csrf(app, client):
    resp = _post(client, website="http://spam.example")
    assert resp.status_code == 200 and "Kiriman ditolak." in resp.get_data(as_text=True)
    html = client.get("/gratifikasi/lapor").get_data(as_text=True)
    data = form_data(html, tanggal_terima=_today_iso())
    data.pop("csrf_token")
    resp = client.post("/gratifikasi/lapor", data=data)
    assert resp.status_code == 400 and "Formulir kedaluwarsa" in resp.get_data(as_text=True)
    assert "Andi Saputra" in resp.get_data(as_text=True)  # the kernel's page gives the text back
    assert _count(app) == 0


def test_html_is_escaped_everywhere(app, client):
    nasty = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    resp = _post(client, pelapor_nama=nasty, kronologi=nasty, uraian=nasty)
    assert resp.status_code == 200
    page = resp.get_data(as_text=True) + client.get("/gratifikasi/tanda-terima").get_data(as_text=True)
    assert "<script>alert" not in page and "<img src=x" not in page
    upg = _upg_client(app)
    with app.app_context():
        lap_id = db.session.scalar(select(LaporanGratifikasi.id))
    html = upg.get(f"/admin/gratifikasi/{lap_id}").get_data(as_text=True)
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html and "<script>alert" not in html


def _upg_client(app):
    from tests.conftest import login

    with app.app_context():
        user, secret = make_user(["upg"])
        email = user.email
    c = app.test_client()
    login(c, email, totp_secret=secret)
    return c


def test_tracking_refuses_wrong_code_the_same_way(app, client):
    with app.app_context():
        a, _ = service.submit(laporan_input(tanggal_terima=local_today()))
        b, kode_b = service.submit(laporan_input(tanggal_terima=local_today()))
        db.session.commit()
        nomor_a = a.nomor
    page = client.get("/gratifikasi/lacak").get_data(as_text=True)
    texts = []
    for nomor, kode in [(nomor_a, kode_b), ("GRT-2026-123456", kode_b)]:
        resp = client.post("/gratifikasi/lacak", data={"nomor": nomor, "kode": kode, "csrf_token": csrf_from(page)})
        text = resp.get_data(as_text=True)
        assert resp.status_code == 200 and service.SAME_MESSAGE in text and "Status laporan" not in text
        texts.append(text.replace(f'value="{nomor}"', ""))
    assert texts[0] == texts[1]


def test_tracking_is_rate_limited(app, client):
    page = client.get("/gratifikasi/lacak").get_data(as_text=True)
    token = csrf_from(page)
    codes = [client.post("/gratifikasi/lacak", data={"nomor": "GRT-2026-000001", "kode": "AAAA-BBBB",
                                                     "csrf_token": token}).status_code for _ in range(21)]
    assert codes[:20] == [200] * 20 and codes[20] == 429


def test_reporter_completes_when_asked(app, client):
    with app.app_context():
        upg, _ = make_user(["upg"])
        lap, kode = service.submit(laporan_input(tanggal_terima=local_today()))
        service.minta_lengkapi(lap, upg, "Lampirkan foto parsel")
        db.session.commit()
        nomor = lap.nomor
    html = track(client, nomor, kode)
    assert "Perlu dilengkapi" in html and "Lampirkan foto parsel" in html and "Kirim kelengkapan" in html
    token = csrf_from(html)
    bad = client.post("/gratifikasi/lacak/lengkapi", data={"tambahan": "", "csrf_token": token})
    assert "Isi keterangan tambahan atau lampirkan berkas." in bad.get_data(as_text=True)
    ok = post_multipart(client, "/gratifikasi/lacak/lengkapi", {"tambahan": "Foto terlampir",
                                                                "lampiran": (io.BytesIO(PNG), "parsel.png"),
                                                                "csrf_token": token}, follow_redirects=True)
    text = ok.get_data(as_text=True)
    assert "Kelengkapan terkirim" in text and "Pelapor melengkapi laporan: Foto terlampir" in text
    pdf = client.post("/gratifikasi/lacak/tanda-terima.pdf", data={"csrf_token": token})
    assert pdf.headers["Content-Type"] == "application/pdf" and kode.encode() not in pdf.data
    other = app.test_client()  # another browser has tracked nothing: asked for the number and code
    page = other.get("/gratifikasi/lacak").get_data(as_text=True)
    refused = other.post("/gratifikasi/lacak/lengkapi", data={"tambahan": "x", "csrf_token": csrf_from(page)},
                         follow_redirects=True)
    assert "Masukkan nomor laporan dan kode rahasia" in refused.get_data(as_text=True)


def test_nihil_form(app, client):
    with app.app_context():
        unit_id = make_unit().id
        db.session.commit()
    html = client.get("/gratifikasi/lapor?jenis=nihil").get_data(as_text=True)
    assert 'value="nihil" checked' in html and "Nama pemberi" not in html  # the first question, answered
    data = {"csrf_token": csrf_from(html), "idem": "nihil-1", "jenis": "nihil", "pelapor_nama": "Dewi",
            "identitas_jenis": "NIP", "identitas_nomor": NIP, "pelapor_jabatan": "Analis", "unit_id": str(unit_id),
            "pelapor_telepon": "081298765432", "pelapor_alamat": "Palembang",
            "periode_awal": (local_today() - timedelta(days=30)).isoformat(), "periode_akhir": local_today().isoformat()}
    receipt = client.post("/gratifikasi/lapor", data=data).get_data(as_text=True)
    assert "Periode" in receipt and "Batas lapor ke KPK" not in receipt
    with app.app_context():
        lap = db.session.scalar(select(LaporanGratifikasi))
        assert lap.jenis == "nihil" and lap.unit_id == unit_id


def test_officer_reporting_is_linked_to_the_account(app, login_as):
    c = login_as("petugas_pengaduan")
    html = c.get("/gratifikasi/lapor").get_data(as_text=True)
    assert 'value="Petugas' in html  # prefilled from the account
    data = form_data(html, tanggal_terima=_today_iso())
    assert c.post("/gratifikasi/lapor", data=data).status_code == 200
    mine = c.get("/admin/gratifikasi/saya").get_data(as_text=True)
    assert "GRT-" in mine and "Diterima UPG" in mine


def test_poster_pdf(client):
    resp = client.get("/gratifikasi/poster.pdf?ukuran=a3")
    assert resp.status_code == 200 and resp.data.startswith(b"%PDF")
    assert client.get("/gratifikasi/poster.pdf?ukuran=A0").status_code == 404


def test_receipt_needs_the_session(client):
    assert client.get("/gratifikasi/tanda-terima").status_code == 404
    assert client.get("/gratifikasi/tanda-terima.pdf").status_code == 404


def test_forged_choices_get_indonesian_messages(app, client):
    # a whole report sent at once shows the step of its first wrong answer: one forged choice at a time
    cases = [({"acara": "pesta"}, "Pilih acara atau peristiwa pemberian."),
             ({"unit_id": "abc", "unit_nama": ""}, "Pilih unit kerja Anda."),
             ({"identitas_jenis": "KTP"}, "Pilih jenis nomor identitas"),
             ({"bentuk": "emas batangan"}, "Pilih bentuk gratifikasi."), ({"nilai": "0"}, "Nilai harus lebih dari Rp0")]
    for over, message in cases:
        html = _post(client, **over).get_data(as_text=True)
        assert message in html, message
        assert "Not a valid" not in html and "Invalid Choice" not in html
    assert _count(app) == 0


def test_pages_with_the_code_are_not_cached(client):
    sent = _post(client)
    assert sent.status_code == 200 and sent.headers["Cache-Control"] == "no-store"
    assert client.get("/gratifikasi/tanda-terima").headers["Cache-Control"] == "no-store"
    assert client.get("/gratifikasi/lacak").headers["Cache-Control"] == "no-store"
