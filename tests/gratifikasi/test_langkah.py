"""The report form one question per page (issue 15): walked like a browser does — each page's fields posted as
they stand (the hidden ones carried, the visible ones as filled), with its buttons."""
from __future__ import annotations

import io
import re
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from core.extensions import db
from core.models import Attachment
from core.workdays import local_today
from gratifikasi.models import LaporanGratifikasi
from tests.gratifikasi.helpers import (NIP, PENERIMAAN, RECEIVED, STEP_URL, fields, post_multipart, press, step_of,
                                      walk)

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82")


def _reports(app) -> list[LaporanGratifikasi]:
    with app.app_context():
        return list(db.session.scalars(select(LaporanGratifikasi)))


def test_walking_every_step_sends_a_report_the_upg_sees(app, client, login_as):
    first = client.get("/gratifikasi/lapor").get_data(as_text=True)
    assert "Langkah 1 dari 9" in first and "Apa yang ingin Anda laporkan?" in first
    assert 'name="pelapor_nama"' in first  # every answer travels with the page (empty yet)
    check = walk(client, PENERIMAAN)
    # the check page lists every answer, with an "Ubah" per step
    for text in ("Andi Saputra", NIP, "PT Sumber Rejeki", "Parsel berisi makanan", "1.500.000", "Parsel diantar kurir ke meja saya.", "Kantor"):
        assert text in check, text
    assert check.count('name="aksi" value="ubah:') == 9
    receipt = press(client, check, aksi="kirim", url="/gratifikasi/lapor")
    nomor = re.search(r"GRT-\d{4}-\d{6}", receipt).group(0)
    assert re.search(r'<div class="code-box mb-3" id="kode">([^<]+)</div>', receipt)
    [lap] = _reports(app)
    assert lap.nomor == nomor and lap.pelapor_nama == "Andi Saputra" and lap.nilai == 1_500_000
    assert lap.kronologi == "Parsel diantar kurir ke meja saya." and lap.tanggal_terima.isoformat() == RECEIVED
    upg = login_as("upg")
    assert nomor in upg.get("/admin/gratifikasi").get_data(as_text=True)
    assert "PT Sumber Rejeki" in upg.get(f"/admin/gratifikasi/{lap.id}").get_data(as_text=True)


def test_the_server_session_holds_no_answer(app, client):
    """Every answer is in the page, none in the server-side session (issue 10 #12)."""
    from tests.gratifikasi.test_sesi import _session_rows

    check = walk(client, PENERIMAAN)
    rows = _session_rows(app)
    assert "Andi Saputra" in check and rows  # the session exists (the form's security token)
    assert not any(b"Andi Saputra" in row or NIP.encode() in row or b"Sumber Rejeki" in row for row in rows)


def test_an_error_on_a_step_keeps_the_answers_and_shows_the_summary(app, client):
    html = client.get("/gratifikasi/lapor").get_data(as_text=True)
    html = press(client, html, jenis="penerimaan")
    html = press(client, html, pelapor_nama="Andi Saputra", identitas_jenis="NIP", identitas_nomor="1985")
    assert step_of(html) == "identitas"  # the same question again
    assert 'id="ringkasan-galat"' in html and "Ada isian yang belum benar" in html
    assert "NIP harus 18 angka; yang Anda isi 4 angka." in html
    assert 'href="#identitas_nomor"' in html  # the summary leads to the field
    assert 'value="Andi Saputra"' in html and 'value="1985"' in html  # nothing typed is lost
    # only this step's questions are checked: the later ones, still empty, say nothing yet
    assert "Pilih hubungan Anda dengan pemberi" not in html and "Wajib diisi" not in html
    html = press(client, html, identitas_nomor=NIP)
    assert step_of(html) == "pekerjaan" and 'id="ringkasan-galat"' not in html


def test_back_keeps_every_answer(client):
    html = client.get("/gratifikasi/lapor").get_data(as_text=True)
    html = press(client, html, jenis="penolakan")
    html = press(client, html, **PENERIMAAN["identitas"])
    html = press(client, html, pelapor_jabatan="Penyuluh KB")  # typed, then "Kembali" before going on
    assert step_of(html) == "pekerjaan"  # a wrong unit stops it; back anyway
    back = press(client, html, aksi="kembali", pelapor_jabatan="Penyuluh KB Ahli")
    assert step_of(back) == "identitas" and 'value="Andi Saputra"' in back and 'id="ringkasan-galat"' not in back
    assert 'value="Penyuluh KB Ahli"' in back  # the step left is carried as typed
    again = press(client, back)
    assert step_of(again) == "pekerjaan" and 'value="Penyuluh KB Ahli"' in again
    first = press(client, back, aksi="kembali")
    assert step_of(first) == "jenis" and re.search(r'value="penolakan" checked', first)


def test_change_from_the_check_page_returns_to_it(client):
    check = walk(client, PENERIMAAN)
    step = press(client, check, aksi="ubah:pemberi")
    assert step_of(step) == "pemberi" and 'value="PT Sumber Rejeki"' in step  # the answer is in it
    assert 'name="ke_periksa" value="1"' in step
    assert "Periksa laporan Anda" in press(client, press(client, check, aksi="ubah:jenis"))  # the same kind: back
    back = press(client, step, pemberi_nama="CV Maju Jaya")
    assert "Periksa laporan Anda" in back  # straight back to the check page, not to the next step
    assert "CV Maju Jaya" in back and "PT Sumber Rejeki" not in back and "Parsel berisi makanan" in back
    # a wrong answer from there stays on its step, then goes back to the check page
    step = press(client, back, aksi="ubah:kontak")
    wrong = press(client, step, pelapor_telepon="telepon saya")
    assert step_of(wrong) == "kontak" and "Nomor telepon tidak sah" in wrong
    assert "Periksa laporan Anda" in press(client, wrong, pelapor_telepon="081234567890")


def test_a_file_uploaded_on_its_step_is_in_the_sent_report(app, client):
    files = {"lampiran": {"lampiran": (io.BytesIO(PNG), "parsel.png")}}
    check = walk(client, PENERIMAAN, files)
    assert "parsel.png" in check
    token = re.search(r'name="berkas" value="([^"]+)"', check).group(1)
    folder = Path(app.config["UPLOAD_FOLDER"]) / "draf-gratifikasi"
    kept = sorted(folder.iterdir(), key=lambda f: f.stat().st_size)
    assert len(kept) == 3  # the file, their list and the sealed answers, on the server until the report is sent
    assert not any(b"Andi Saputra" in f.read_bytes() or NIP.encode() in f.read_bytes() for f in kept)
    press(client, check, aksi="kirim", url="/gratifikasi/lapor")
    with app.app_context():
        att = db.session.scalar(select(Attachment))
        assert att.original_name == "parsel.png" and att.owner_id == _reports(app)[0].id
    assert list(folder.iterdir()) == []  # the staged file and its list are gone after the send
    assert token not in str(list(folder.iterdir()))


def test_a_sixth_file_is_refused_and_the_five_staged_are_kept(app, client):
    html = walk(client, PENERIMAAN, until="lampiran")
    for i in range(5):  # one at a time, each staged on the way back and listed again on the step
        back = press(client, html, aksi="kembali", lampiran=(io.BytesIO(PNG), f"bukti{i}.png"))
        html = press(client, back)
    assert step_of(html) == "lampiran" and all(f"bukti{i}.png" in html for i in range(5))
    refused = press(client, html, lampiran=(io.BytesIO(PNG), "bukti5.png"))
    assert step_of(refused) == "lampiran" and 'id="ringkasan-galat"' in refused
    assert "Paling banyak 5 berkas dalam satu kiriman." in refused
    assert all(f"bukti{i}.png" in refused for i in range(5)) and "bukti5.png" not in refused
    check = press(client, refused)  # on with the five
    press(client, check, aksi="kirim", url="/gratifikasi/lapor")
    with app.app_context():
        assert len(db.session.scalars(select(Attachment)).all()) == 5


def test_a_staged_file_can_be_taken_off_and_a_bad_one_is_refused(app, client):
    answers = dict(PENERIMAAN)
    answers.pop("lampiran")
    html = client.get("/gratifikasi/lapor").get_data(as_text=True)
    for given in answers.values():
        html = press(client, html, **given)
    assert step_of(html) == "lampiran"
    bad = press(client, html, lampiran=(io.BytesIO(b"MZ\x90\x00" + b"\x00" * 200), "foto.jpg"))
    assert step_of(bad) == "lampiran" and "bukan berkas" in bad and 'id="ringkasan-galat"' in bad
    kept = press(client, bad, aksi="kembali", lampiran=(io.BytesIO(PNG), "bukti.png"))
    assert step_of(kept) == "kronologi"
    on = press(client, kept)
    assert step_of(on) == "lampiran" and "bukti.png" in on  # staged, listed, not lost by the way back
    name = re.search(r'value="hapus:([0-9a-f]{32})"', on).group(1)
    off = press(client, on, aksi=f"hapus:{name}")
    assert "bukti.png" not in off
    check = press(client, off)
    receipt = press(client, check, aksi="kirim", url="/gratifikasi/lapor")
    assert "GRT-" in receipt
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Attachment)) == 0


def test_a_nihil_report_asks_only_what_it_needs(app, client):
    # begun as a gift received, a file staged, then changed to nihil from the check page
    check = walk(client, PENERIMAAN, {"lampiran": {"lampiran": (io.BytesIO(PNG), "parsel.png")}})
    html = press(client, check, aksi="ubah:jenis")
    assert re.search(r'value="penerimaan" checked', html)
    html = press(client, html, jenis="nihil")  # another kind: its questions in turn, not the check page
    assert "Langkah 2 dari 5" in html
    html = press(client, html, **PENERIMAAN["identitas"])
    html = press(client, html, **PENERIMAAN["pekerjaan"])
    html = press(client, html, **PENERIMAAN["kontak"])
    assert step_of(html) == "periode" and "Langkah 5 dari 5" in html
    html = press(client, html, periode_awal=(local_today() - timedelta(days=30)).isoformat(),
                 periode_akhir=local_today().isoformat())
    assert "Periksa laporan Anda" in html and "Periode laporan nihil" in html
    assert "Pemberi" not in html and "Kronologi" not in html and html.count('value="ubah:') == 5
    press(client, html, aksi="kirim", url="/gratifikasi/lapor")
    [lap] = _reports(app)
    assert lap.jenis == "nihil" and lap.periode_akhir == local_today()
    with app.app_context():  # the file staged for the gift is not sent with a nihil report it could not show
        assert db.session.scalar(select(func.count()).select_from(Attachment)) == 0


def test_a_refusal_is_asked_in_its_own_words(client):
    html = client.get("/gratifikasi/lapor").get_data(as_text=True)
    html = press(client, html, jenis="penolakan")
    for name in ("identitas", "pekerjaan", "kontak", "pemberi"):
        html = press(client, html, **PENERIMAAN[name])
    assert "Kapan dan di mana Anda menolaknya?" in html and "Tanggal penolakan" in html
    html = press(client, html, **PENERIMAAN["waktu"])
    html = press(client, html, **PENERIMAAN["pemberian"])
    assert "Bagaimana pemberian itu Anda tolak?" in html and "Kronologi dan cara penolakan" in html and 'name="posisi_objek"' not in html.split("<h1")[1]
    assert step_of(press(client, html, kronologi="Saya kembalikan di tempat.")) == "lampiran"


def test_the_helper_link_and_the_account_still_prefill(login_as):
    c = login_as("petugas_pengaduan")
    html = c.get("/gratifikasi/lapor?jenis=penerimaan&acara=hari_raya&nilai=Rp1.500.000&bentuk=barang"
                 f"&pemberi_hubungan=rekanan&tanggal_terima={RECEIVED}").get_data(as_text=True)
    html = press(c, html)
    assert step_of(html) == "identitas" and 'value="Petugas' in html  # from the account
    for name in ("identitas", "pekerjaan", "kontak"):
        html = press(c, html, **{k: v for k, v in PENERIMAAN[name].items() if k != "pelapor_nama"})
    html = press(c, html, pemberi_nama="PT Sumber Rejeki")
    assert step_of(html) == "waktu" and f'value="{RECEIVED}"' in html and 'selected value="hari_raya"' in html
    html = press(c, html, tempat_terima="Kantor")
    assert 'value="Rp1.500.000"' in html and 'selected value="barang"' in html


def test_a_whole_report_with_a_wrong_answer_shows_its_step(app, client):
    """A client posting the whole form at once (as before) still can; a wrong answer brings its step."""
    from tests.gratifikasi.helpers import form_data

    html = client.get("/gratifikasi/lapor").get_data(as_text=True)
    data = form_data(html, tanggal_terima=RECEIVED, pelapor_telepon="telepon saya",
                     lampiran=(io.BytesIO(PNG), "parsel.png"))
    page = post_multipart(client, "/gratifikasi/lapor", data).get_data(as_text=True)
    assert step_of(page) == "kontak" and "Nomor telepon tidak sah" in page and 'value="Andi Saputra"' in page
    fixed = press(client, page, pelapor_telepon="081234567890")
    assert step_of(fixed) == "pemberi"
    check = press(client, fixed, aksi="ubah:lampiran")  # the file sent with the wrong answer was kept
    assert "parsel.png" in check
    assert _reports(app) == []


def test_a_whole_report_wrong_on_two_steps_says_both_on_one_page(app, client):
    """Wrong answers on two steps of a whole-form post: both questions on the page, with their messages and the
    summary leading to each; every answer kept; fixed there, the check page follows."""
    from tests.gratifikasi.helpers import form_data

    html = client.get("/gratifikasi/lapor").get_data(as_text=True)
    data = form_data(html, tanggal_terima=RECEIVED, identitas_nomor="1985", pelapor_telepon="telepon saya")
    page = post_multipart(client, "/gratifikasi/lapor", data).get_data(as_text=True)
    assert "NIP harus 18 angka; yang Anda isi 4 angka." in page and "Nomor telepon tidak sah" in page
    for field in ("identitas_nomor", "pelapor_telepon"):  # the summary leads to each, both on this page
        assert f'href="#{field}"' in page and f'id="{field}"' in page
    assert "Siapa Anda?" in page and "Bagaimana UPG dapat menghubungi Anda?" in page  # under their questions
    for kept in ('value="1985"', 'value="telepon saya"', 'value="Andi Saputra"', 'value="PT Sumber Rejeki"'):
        assert kept in page, kept
    still = press(client, page, identitas_nomor=NIP)  # one fixed, the other not yet: the same page again
    assert "Nomor telepon tidak sah" in still and "NIP harus" not in still and f'value="{NIP}"' in still
    check = press(client, still, pelapor_telepon="081234567890")
    assert "Periksa laporan Anda" in check and NIP in check and "PT Sumber Rejeki" in check
    assert _reports(app) == []
    press(client, check, aksi="kirim", url="/gratifikasi/lapor")
    [lap] = _reports(app)
    assert lap.identitas_nomor == NIP and lap.pelapor_telepon == "081234567890"


def test_the_browser_back_button_finds_each_step_as_last_sent(app, client):
    """A step's post leads to its next page by GET (303): Back fetches that page again (never a post again) and
    finds the answers as they were last sent."""
    html = client.get("/gratifikasi/lapor").get_data(as_text=True)
    html = press(client, html, jenis="penolakan")
    resp = post_multipart(client, STEP_URL, {**fields(html), **PENERIMAAN["identitas"], "aksi": "lanjut"})
    assert resp.status_code == 303 and resp.headers["Location"].endswith("/gratifikasi/lapor/langkah/pekerjaan")
    cookie = resp.headers["Set-Cookie"]
    assert "gratifikasi_draf=" in cookie and "HttpOnly" in cookie and "Path=/gratifikasi/lapor" in cookie
    client.get(resp.headers["Location"])
    back = client.get("/gratifikasi/lapor/langkah/identitas")  # what Back fetches
    page = back.get_data(as_text=True)
    assert back.headers["Cache-Control"] == "no-store"
    assert step_of(page) == "identitas" and 'value="Andi Saputra"' in page and f'value="{NIP}"' in page
    english = client.get("/gratifikasi/lapor/langkah/identitas?lang=en").get_data(as_text=True)  # the language
    assert "Full name" in english and 'value="Andi Saputra"' in english  # switch keeps the step and its answers
    client.get("/gratifikasi/?lang=id")
    first = client.get("/gratifikasi/lapor").get_data(as_text=True)  # Back to the very first page
    assert 'value="penolakan" checked' in first and 'value="Andi Saputra"' in first
    # another browser (no key) finds nothing; the sealed answers hold no plain text
    other = app.test_client()
    assert other.get("/gratifikasi/lapor/langkah/identitas").headers["Location"].endswith("/gratifikasi/lapor")
    folder = Path(app.config["UPLOAD_FOLDER"]) / "draf-gratifikasi"
    assert not any(b"Andi Saputra" in f.read_bytes() for f in folder.iterdir())


def test_after_sending_the_steps_are_gone(app, client):
    check = walk(client, PENERIMAAN)
    resp = post_multipart(client, "/gratifikasi/lapor", {**fields(check), "aksi": "kirim"})
    assert resp.status_code == 200 and "gratifikasi_draf=;" in resp.headers["Set-Cookie"]
    assert client.get("/gratifikasi/lapor/langkah/identitas").status_code == 302
    fresh = client.get("/gratifikasi/lapor").get_data(as_text=True)
    assert 'value="Andi Saputra"' not in fresh  # a new report starts empty
    assert list((Path(app.config["UPLOAD_FOLDER"]) / "draf-gratifikasi").iterdir()) == []


def test_unsent_drafts_are_purged_daily(app, client, runner):
    import os

    walk(client, PENERIMAAN, {"lampiran": {"lampiran": (io.BytesIO(PNG), "parsel.png")}})
    folder = Path(app.config["UPLOAD_FOLDER"]) / "draf-gratifikasi"
    for f in folder.iterdir():
        os.utime(f, (0, 0))  # long ago
    result = runner.invoke(args=["gratifikasi", "pengingat"])
    assert result.exit_code == 0 and "3 berkas draf lama dihapus" in result.output
    assert list(folder.iterdir()) == []


def test_the_steps_do_not_spend_the_sending_limit(app, client):
    """Nine pages of questions are not nine sendings: the steps have their own, wider limit."""
    app.config["RATELIMIT_PUBLIC_SUBMIT"] = "1 per hour"
    check = walk(client, PENERIMAAN)
    receipt = press(client, check, aksi="kirim", url="/gratifikasi/lapor")
    assert "GRT-" in receipt
    app.config["RATELIMIT_FORM_STEPS"] = "2 per hour"
    html = client.get("/gratifikasi/lapor").get_data(as_text=True)
    statuses = [post_multipart(client, STEP_URL, {**fields(html), "aksi": "lanjut"}).status_code for _ in range(3)]
    assert statuses[:2] == [303, 303] and statuses[2] == 429
