"""Hostile input through the real HTTP layer: every public form and API field fed the naughty corpus
(tests/security/hostile.py). Never a 5xx; what is stored is what was sent, normalised the one documented
way (core.forms.clean_text: NFC, control and invisible characters dropped, trimmed); every page and document
that shows it shows it as text (escaped in HTML, literal in the nota dinas DOCX/PDF)."""
from __future__ import annotations

import io
import re

import pytest
from markupsafe import escape
from sqlalchemy import select

from core.extensions import db
from core.forms import clean_text
from tests.conftest import csrf_from
from tests.security.hostile import INVALID_UTF8, corpus, sample

# the WBS form is open only once the team has a key
pytestmark = pytest.mark.usefixtures("team")

PHONE = "081234567890"


@pytest.fixture
def app_config():
    return {"RATELIMIT_ENABLED": False}


def _ok(resp, *allowed: int) -> None:
    assert resp.status_code < 500, resp.get_data(as_text=True)[:300]
    if allowed:
        assert resp.status_code in allowed, (resp.status_code, resp.get_data(as_text=True)[:300])


def _shown_escaped(html: str, stored: str) -> bool:
    """`stored` appears as escaped text, and no raw tag of it does."""
    if str(escape(stored)) not in html:
        return False
    return "<" not in stored or stored not in html


def _pengaduan_json(s: str) -> dict:
    return {"jenis": "pengaduan", "kategori": "Pelayanan publik", "judul": s or "Judul", "uraian": f"Uraian: {s} (akhir)",
            "lokasi": s[:300], "layanan_terkait": s[:200], "nama": s[:200] or "Budi", "telepon": PHONE, "setuju": True}


# --- Pengaduan -----------------------------------------------------------------------------------------------

def test_pengaduan_api_takes_the_whole_corpus(app, client, login_as):
    from pengaduan.models import Pengaduan

    strings = corpus()
    assert len(strings) > 500
    accepted: dict[str, tuple[str, str]] = {}
    for s in strings:
        resp = client.post("/api/v1/pengaduan", json=_pengaduan_json(s))
        _ok(resp, 201, 422)
        if resp.status_code == 201:
            body = resp.get_json()
            accepted[s] = (body["tiket"], body["kode_pelacakan"])
        else:  # refused for a reason the reporter can read, on the field at fault
            assert resp.get_json()["kesalahan"], s
    assert len(accepted) > 450  # only what is too long or empty after cleaning is refused
    with app.app_context():
        rows = {p.tiket: p for p in db.session.scalars(select(Pengaduan))}
        assert len(rows) == len(accepted)
        for s, (tiket, _) in accepted.items():
            p = rows[tiket]
            assert p.judul == clean_text(s or "Judul"), repr(s)
            assert p.uraian == clean_text(f"Uraian: {s} (akhir)"), repr(s)
            assert p.lokasi == clean_text(s[:300]) and p.nama == (clean_text(s[:200] or "Budi") or None)
    officer = login_as("petugas_pengaduan")
    for s in sample(60, "pengaduan-pages"):
        if s not in accepted:
            continue
        tiket, kode = accepted[s]
        status = client.post("/api/v1/pengaduan/status", json={"tiket": tiket, "kode": kode})
        _ok(status, 200)
        assert status.get_json()["judul"] == clean_text(s or "Judul")
        with app.app_context():
            pid = db.session.scalar(select(Pengaduan.id).where(Pengaduan.tiket == tiket))
        html = officer.get(f"/admin/pengaduan/{pid}").get_data(as_text=True)
        assert _shown_escaped(html, clean_text(f"Uraian: {s} (akhir)")), repr(s)
        assert _shown_escaped(html, clean_text(s or "Judul")), repr(s)
    queue = officer.get("/admin/pengaduan?status=semua").get_data(as_text=True)
    assert "<script>alert" not in queue


def _web_submit(client, s: str, files=None):
    page = client.get("/pengaduan/").get_data(as_text=True)
    fields = {"csrf_token": csrf_from(page), "langkah": "periksa", "jenis": "pengaduan", "kategori": "Pelayanan publik",
              "judul": s or "Judul", "uraian": f"Uraian: {s} (akhir)", "lokasi": s[:300], "layanan_terkait": s[:200],
              "nama": s[:200] or "Budi", "telepon": PHONE, "setuju": "y", "website": ""}
    if files:
        fields["lampiran"] = files
    confirm = client.post("/pengaduan/", data=fields, content_type="multipart/form-data")
    _ok(confirm, 200, 422)
    if confirm.status_code != 200:
        return None
    html_ = confirm.get_data(as_text=True)
    assert _shown_escaped(html_, clean_text(f"Uraian: {s} (akhir)")), repr(s)  # the confirm page
    form_html = html_.split('action="/pengaduan/kirim"', 1)[1].split("</form>", 1)[0]
    import html as htmllib

    hidden = {k: htmllib.unescape(v) for k, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"',
                                                            form_html)}
    hidden["csrf_token"] = csrf_from(form_html)
    sent = client.post("/pengaduan/kirim", data=hidden)
    _ok(sent, 200, 422)
    if sent.status_code != 200:
        return None
    page = sent.get_data(as_text=True)
    tiket = re.search(r'id="tiket">([^<]+)<', page).group(1)
    kode = re.search(r'id="kode">([^<]+)<', page).group(1)
    return tiket, kode


def test_pengaduan_web_form_and_tracking_page(app, client):
    done = 0
    for s in sample(40, "pengaduan-web"):
        got = _web_submit(client, s)
        if got is None:
            continue
        tiket, kode = got
        page = client.get("/pengaduan/lacak").get_data(as_text=True)
        resp = client.post("/pengaduan/lacak", data={"tiket": tiket, "kode": kode, "csrf_token": csrf_from(page)})
        _ok(resp, 302)
        html = client.get("/pengaduan/lacak/status").get_data(as_text=True)
        assert _shown_escaped(html, clean_text(s or "Judul")), repr(s)
        # the reporter's own words, added on the tracking page, come back escaped too
        resp = client.post("/pengaduan/lacak/tanggapan", data={"csrf_token": csrf_from(html), "teks": f"Tambahan {s}"})
        _ok(resp, 302)
        done += 1
    assert done >= 30


def test_nota_dinas_documents_show_the_text_literally(app, login_as):
    from docx import Document
    from pypdf import PdfReader

    from core.uow import unit_of_work
    from pengaduan import service
    from pengaduan.models import NotaDinasPengaduan
    from tests.factories import make_unit, make_user
    from tests.pengaduan.helpers import data
    from tests.security.hostile import SQL, XSS

    payloads = XSS[:8] + SQL[:3] + ["Ω≈ç√∫ & <b>tebal</b> \"kutip\" 'tunggal'", "田中さんにあげて下さい"]
    with app.app_context():
        unit = make_unit("KB", "Bidang KB <i>miring</i>")
        db.session.commit()
        petugas, _ = make_user(["petugas_pengaduan"])
        ids = []
        for s in payloads:
            p, _ = service.submit(data(judul=s[:200], uraian=f"Uraian {s} selesai", lokasi=s), kanal="web")
            with unit_of_work():
                service.verifikasi(p, petugas, "ringan")
                nd = service.disposisi(p, petugas, unit.id)
            ids.append((nd.id, clean_text(s[:200]), clean_text(f"Uraian {s} selesai")))
        assert db.session.scalar(select(db.func.count(NotaDinasPengaduan.id))) == len(payloads)
    officer = login_as("petugas_pengaduan")
    for (nd_id, judul, uraian), s in zip(ids, payloads):
        docx = officer.get(f"/admin/pengaduan/nota-dinas/{nd_id}/docx")
        _ok(docx, 200)
        text = "\n".join(par.text for par in Document(io.BytesIO(docx.data)).paragraphs)
        text += "\n".join(cell.text for t in Document(io.BytesIO(docx.data)).tables for row in t.rows
                          for cell in row.cells)
        assert judul in text and uraian in text, (s, text[:500])
        pdf = officer.get(f"/admin/pengaduan/nota-dinas/{nd_id}/pdf")
        _ok(pdf, 200)
        if s.isascii():  # the PDF's fonts may lack CJK glyphs; the markup question is about ASCII
            flat = re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages))
            assert re.sub(r"\s+", "", judul) in flat, (s, flat[:400])


# --- WBS ---------------------------------------------------------------------------------------------------

def test_wbs_api_and_mailbox(app, client, login_as):
    from tests.wbs.helpers import officer_client

    tim = officer_client(app, login_as)
    receipts = []
    for s in sample(40, "wbs-api"):
        body = {"apa": s or "kosong", "dimana": s, "kapan": s, "siapa": s, "bagaimana": s, "mengapa": s,
                "identitas": s[:500]}
        resp = client.post("/api/v1/wbs/laporan", json=body)
        _ok(resp, 201, 400, 422)
        if resp.status_code != 201:
            continue
        receipt = resp.get_json()["resi"]
        box = client.post("/api/v1/wbs/akses", json={"resi": receipt})
        _ok(box, 200)
        isian = [i["teks"] for i in box.get_json()["isian"]]
        assert clean_text(s or "kosong") in isian, repr(s)
        msg = client.post("/api/v1/wbs/pesan", json={"resi": receipt, "pesan": f"Pesan {s}"})
        _ok(msg, 201, 400, 422)
        receipts.append((receipt, s))
    assert len(receipts) >= 30
    from wbs.models import WbsReport

    with app.app_context():
        report_ids = list(db.session.scalars(select(WbsReport.id)))
    for report_id in report_ids[:15]:
        html = tim.get(f"/admin/wbs/{report_id}").get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html and "<svg/onload" not in html
    for s in sample(20, "wbs-web"):
        page = client.get("/wbs/lapor").get_data(as_text=True)
        token = re.search(r'name="token" type="hidden" value="([^"]+)"', page).group(1)
        resp = client.post("/wbs/lapor", data={"csrf_token": csrf_from(page), "token": token, "apa": s or "kosong",
                                               "dimana": s, "siapa": s, "jenis": "lainnya", "website": ""})
        _ok(resp, 200, 400)
        if resp.status_code == 200:
            assert "<script>alert" not in resp.get_data(as_text=True)


# --- Gratifikasi and surveys ------------------------------------------------------------------------------

def test_gratifikasi_api(app, client):
    from core.workdays import local_today
    from tests.gratifikasi.helpers import NIP

    accepted, stored = 0, {}
    for s in sample(40, "gratifikasi"):
        body = {"jenis": "penerimaan", "pelapor_nama": s[:200] or "Andi", "identitas_jenis": "NIP",
                "identitas_nomor": NIP, "pelapor_jabatan": s[:200] or "Penyuluh", "pelapor_telepon": PHONE,
                "pelapor_alamat": s[:500] or "Palembang", "pemberi_nama": s[:200] or "PT X", "pemberi_hubungan": "rekanan",
                "pemberi_pekerjaan": s[:200], "tempat_terima": s[:200] or "Kantor",
                "tanggal_terima": local_today().isoformat(), "acara": "hari_raya", "bentuk": "barang",
                "uraian": s[:2000] or "Parsel", "nilai": s[:40], "kronologi": s[:10000] or "Diantar",
                "posisi_objek": "diserahkan_upg", "unit_nama": s[:200] or "Bidang KB"}
        resp = client.post("/api/v1/gratifikasi/laporan", json=body)
        _ok(resp, 201, 400, 422)
        body["nilai"] = "1.500.000"
        resp = client.post("/api/v1/gratifikasi/laporan", json=body)
        _ok(resp, 201, 400, 422)
        if resp.status_code == 201:
            accepted += 1
            got = resp.get_json()
            status = client.post("/api/v1/gratifikasi/status", json={"nomor": got["nomor"],
                                                                     "kode": got["kode_rahasia"]})
            _ok(status, 200)
            stored[got["nomor"]] = clean_text(s[:2000] or "Parsel")
        verdict = client.post("/api/v1/gratifikasi/wajib-lapor", json={"acara": s[:40], "pemberi_hubungan": s[:40],
                                                                     "nilai": s[:40]})
        _ok(verdict)
    assert accepted >= 20
    from gratifikasi.models import LaporanGratifikasi

    with app.app_context():
        for lap in db.session.scalars(select(LaporanGratifikasi)):
            assert lap.uraian == stored[lap.nomor], (lap.uraian[:80], stored[lap.nomor][:80])


def test_survey_api_and_form(app, client):
    from tests.skm.conftest import buat_survei

    with app.app_context():
        layanan, _ = buat_survei()
        kode = layanan.kode
    answers = {f"U{i}": 3 for i in range(1, 10)}
    accepted = 0
    for s in sample(40, "skm"):
        resp = client.post("/api/v1/skm/respon", json={"layanan": kode, "jawaban": answers, "jenis_kelamin": "L",
                                                       "usia": 30, "pendidikan": "SMA", "pekerjaan": "PNS",
                                                       "saran": s[:2000]})
        _ok(resp, 201, 400, 422)
        accepted += resp.status_code == 201
        for field in ("layanan", "jenis_kelamin", "pendidikan", "pekerjaan"):
            value = s[:20].replace("\x00", "") if field == "layanan" else s[:20]  # NUL: the skm-api-layanan probe
            bad = {"layanan": kode, "jawaban": answers, "jenis_kelamin": "L", "usia": 30, "pendidikan": "SMA",
                   "pekerjaan": "PNS", field: value}
            _ok(client.post("/api/v1/skm/respon", json=bad))
        page = client.get(f"/survei/{kode}").get_data(as_text=True)
        resp = client.post(f"/survei/{kode}", data={"csrf_token": csrf_from(page), "saran": s, "jenis_kelamin": s[:5],
                                                    "usia": s[:5], **{f"U{i}": "3" for i in range(1, 10)}})
        _ok(resp)
    assert accepted >= 30
    from skm.models import SkmRespon

    with app.app_context():
        saran = set(db.session.scalars(select(SkmRespon.saran)))
    assert clean_text('<script>alert("xss")</script>') in saran


# --- look-ups: tickets, codes, receipts, searches ------------------------------------------------------------

def test_lookup_fields_never_fail(app, client, login_as):
    officer = login_as("petugas_pengaduan", "pimpinan")
    sent = 0
    for s in sample(30, "lookups"):
        short = s[:60]
        _ok(client.post("/api/v1/pengaduan/status", json={"tiket": s[:30], "kode": short}), 404, 422)
        _ok(client.post("/api/v1/wbs/akses", json={"resi": short or "x"}), 400, 404, 422)
        _ok(client.post("/api/v1/gratifikasi/status", json={"nomor": s[:30], "kode": short}), 404, 422)
        page = client.get("/pengaduan/lacak").get_data(as_text=True)
        _ok(client.post("/pengaduan/lacak", data={"tiket": s, "kode": s, "csrf_token": csrf_from(page)}), 200, 404)
        page = client.get("/wbs/kotak").get_data(as_text=True)
        _ok(client.post("/wbs/kotak", data={"resi": s, "csrf_token": csrf_from(page)}), 400)
        page = client.get("/gratifikasi/lacak").get_data(as_text=True)
        _ok(client.post("/gratifikasi/lacak", data={"nomor": s, "kode": s, "csrf_token": csrf_from(page)}))
        _ok(client.get("/survei/hasil", query_string={"periode": s}))
        _ok(client.get("/bahasa/en", query_string={"next": s}))
        searched = s.replace("\x00", "")  # NUL: the admin-queue and admin-audit probes below
        _ok(officer.get("/admin/pengaduan", query_string={"q": searched, "kategori": searched, "jenis": searched,
                                                          "kanal": searched, "setelah": s, "status": s}))
        _ok(officer.get("/admin/audit", query_string={"aksi": searched, "pelaku": searched, "sebelum": s}))
        _ok(officer.get("/admin/pengaduan/buku-agenda", query_string={"tahun": s}))
        sent += 11
    assert sent >= 300


# --- bytes that are not UTF-8 ---------------------------------------------------------------------------

def _multipart(fields: dict[str, bytes]) -> tuple[bytes, str]:
    boundary = "----zi-lapor-uji-batas"
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n".encode())
        out.write(value + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


FORM_FIELDS = {
    "/pengaduan/": ["judul", "uraian", "nama", "telepon", "email", "lokasi", "kategori", "jenis", "tanggal_kejadian"],
    "/pengaduan/kirim": ["judul", "uraian", "token"],
    "/pengaduan/lacak": ["tiket", "kode"],
    "/wbs/lapor": ["apa", "dimana", "kapan", "siapa", "bagaimana", "mengapa", "identitas", "token", "jenis"],
    "/wbs/kotak": ["resi"],
    "/wbs/kotak/kirim": ["resi", "pesan", "token"],
    "/gratifikasi/lapor": ["pelapor_nama", "identitas_nomor", "uraian", "nilai", "kronologi", "tanggal_terima"],
    "/gratifikasi/lapor/langkah": ["pelapor_nama", "identitas_nomor", "uraian", "nilai", "tanggal_terima", "langkah",
                                   "aksi", "berkas", "jenis"],
    "/gratifikasi/lacak": ["nomor", "kode"],
    "/survei/persepsi/ipak": ["saran", "token"],
}


def test_invalid_utf8_in_multipart_and_json(app, client):
    sent = 0
    for url, names in FORM_FIELDS.items():
        for bad in INVALID_UTF8:
            page = client.get("/pengaduan/lacak").get_data(as_text=True)
            token = csrf_from(page).encode()
            body, ctype = _multipart({"csrf_token": token, **{n: b"awal " + bad + b" akhir" for n in names}})
            resp = client.post(url, data=body, content_type=ctype)
            _ok(resp)
            # a filename that is not UTF-8 either
            body = body.replace(b'name="judul"', b'name="lampiran"; filename="' + bad + b'.png"')
            _ok(client.post(url, data=body, content_type=ctype))
            sent += 2
    api = [r.rule for r in app.url_map.iter_rules() if r.rule.startswith("/api/") and "POST" in r.methods]
    for url in api:
        for bad in INVALID_UTF8:
            resp = client.post(url, data=b'{"apa": "' + bad + b'", "tiket": "' + bad + b'"}',
                               content_type="application/json")
            _ok(resp, 400, 422)
            sent += 1
    # a path and a query string that are not UTF-8
    for bad in INVALID_UTF8:
        quoted = "".join(f"%{b:02X}" for b in bad)
        for url in (f"/survei/{quoted}", f"/pengaduan/?q={quoted}", f"/bahasa/{quoted}", f"/admin/masuk?next={quoted}"):
            _ok(client.get(url))
            sent += 1
    assert sent >= 150


# --- NUL bytes: text the database cannot hold ---------------------------------------------------------------
# SQLite keeps a NUL inside text; PostgreSQL refuses it ("text fields cannot contain NUL"), so a look-up that
# sends a raw request value to the database fails with a 500 there. Free text is cleaned (clean_text drops
# control characters); these probes send a NUL to every field that is matched against the database.

NUL = "nol\x00byte"

# (how, path, fields): "officer" = GET as an officer with the fields as query string; "get" = GET the same
# anonymously; "json" = POST them as JSON; "form" = POST them with a CSRF token from the same page
NUL_PROBES = [
    pytest.param("officer", "/admin/pengaduan", {"q": NUL}, id="admin-queue-q"),
    pytest.param("officer", "/admin/pengaduan", {"jenis": NUL, "kategori": NUL, "kanal": NUL}, id="admin-queue-filters"),
    pytest.param("officer", "/admin/audit", {"aksi": NUL, "pelaku": NUL}, id="admin-audit"),
    pytest.param("json", "/api/v1/skm/respon", {"layanan": NUL, "jawaban": {"U1": 3}, "jenis_kelamin": "L", "usia": 30,
                                                "pendidikan": "SMA", "pekerjaan": "PNS"}, id="skm-api-layanan"),
    pytest.param("get", "/survei/nol%00byte", {}, id="skm-page-kode"),
    pytest.param("json", "/api/v1/pengaduan/status", {"tiket": NUL, "kode": NUL}, id="pengaduan-api-status"),
    pytest.param("form", "/pengaduan/lacak", {"tiket": NUL, "kode": NUL}, id="pengaduan-lacak"),
    pytest.param("json", "/api/v1/wbs/akses", {"resi": NUL}, id="wbs-api-akses"),
    pytest.param("json", "/api/v1/gratifikasi/status", {"nomor": NUL, "kode": NUL}, id="gratifikasi-api-status"),
    pytest.param("form", "/gratifikasi/lacak", {"nomor": NUL, "kode": NUL}, id="gratifikasi-lacak"),
    pytest.param("get", "/survei/hasil", {"periode": NUL}, id="survei-hasil"),
    pytest.param("form", "/admin/masuk", {"email": NUL + "@uji.go.id", "password": NUL}, id="admin-login"),
]


@pytest.mark.parametrize("how, path, fields", NUL_PROBES)
def test_a_nul_byte_in_a_lookup_is_an_answer_not_a_crash(app, client, login_as, how, path, fields):
    if how == "officer":
        resp = login_as("petugas_pengaduan", "pimpinan").get(path, query_string=fields)
    elif how == "get":
        resp = client.get(path, query_string=fields)
    elif how == "json":
        resp = client.post(path, json=fields)
    else:
        token = csrf_from(client.get(path).get_data(as_text=True))
        resp = client.post(path, data={**fields, "csrf_token": token})
    assert resp.status_code < 500, resp.status_code
