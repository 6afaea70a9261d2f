"""The UPG's pages: register with deadlines highlighted, transitions, letters, exports, recaps, campaign log."""
import io
from datetime import timedelta

from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from core.extensions import db
from core.workdays import local_today
from gratifikasi import service
from gratifikasi.models import LaporanGratifikasi
from tests.conftest import csrf_from
from tests.factories import make_user
from tests.gratifikasi.helpers import laporan_input, post_multipart
from tests.gratifikasi.test_views import PNG


def _make(app, **over) -> tuple[int, str]:
    with app.app_context():
        today = over.pop("today", local_today())
        lap, _ = service.submit(laporan_input(**{"tanggal_terima": today, **over}), today=today)
        db.session.commit()
        return lap.id, lap.nomor


def test_register_highlights_deadlines_and_filters(app, login_as):
    c = login_as("upg")
    today = local_today()
    ok_id, ok_nomor = _make(app)
    # received by the UPG 12 working days ago: past its UPG->KPK deadline
    with app.app_context():
        from core.calendar import add_workdays

        start = today - timedelta(days=40)
        while add_workdays(start, 12) < today:
            start += timedelta(days=1)
        late_id, late_nomor = _make(app, today=start, tanggal_terima=start)
        lap = db.session.get(LaporanGratifikasi, late_id)
        assert lap.tenggat_teruskan < today
    html = c.get("/admin/gratifikasi").get_data(as_text=True)
    assert ok_nomor in html and late_nomor in html and "lewat tenggat" in html and "table-danger" in html
    html = c.get("/admin/gratifikasi?tenggat=lewat").get_data(as_text=True)
    assert late_nomor in html and ok_nomor not in html
    html = c.get(f"/admin/gratifikasi?nomor={ok_nomor[-6:]}").get_data(as_text=True)
    assert ok_nomor in html and late_nomor not in html
    html = c.get("/admin/gratifikasi?status=selesai").get_data(as_text=True)
    assert "Belum ada laporan." in html
    dash = c.get("/admin/").get_data(as_text=True)
    assert "Gratifikasi belum diteruskan" in dash and "1 lewat target UPG meneruskan" in dash


def test_full_workflow_through_the_pages(app, login_as):
    c = login_as("upg")
    lap_id, nomor = _make(app)
    page = c.get(f"/admin/gratifikasi/{lap_id}").get_data(as_text=True)
    assert "Andi Saputra" in page and "198501012010011001" in page and "Nyatakan lengkap" in page
    token = csrf_from(page)
    # a transition not allowed now: a clear 409 and no change
    resp = c.post(f"/admin/gratifikasi/{lap_id}/aksi/teruskan_kpk",
                  data={"csrf_token": token, "tanggal": local_today().isoformat(), "cara": "gol"})
    assert resp.status_code == 409 and "tidak dapat dilakukan pada laporan berstatus «Diterima UPG»" in resp.get_data(as_text=True)
    resp = c.post(f"/admin/gratifikasi/{lap_id}/aksi/minta_lengkapi", data={"csrf_token": token, "catatan": ""})
    assert resp.status_code == 400 and "Hal yang perlu dilengkapi wajib diisi." in resp.get_data(as_text=True)
    assert c.post(f"/admin/gratifikasi/{lap_id}/aksi/verifikasi", data={"csrf_token": token}).status_code == 302
    assert c.get(f"/admin/gratifikasi/{lap_id}/surat.docx").headers["Content-Disposition"].startswith(
        'attachment; filename="draf-surat-kpk-')  # a draft before the sending is recorded
    resp = c.post(f"/admin/gratifikasi/{lap_id}/aksi/teruskan_kpk",
                  data={"csrf_token": token, "tanggal": local_today().isoformat(), "cara": "gol",
                        "nomor_registrasi": "GOL-2026-77"})
    assert resp.status_code == 302
    page = c.get(f"/admin/gratifikasi/{lap_id}").get_data(as_text=True)
    assert "Diteruskan ke KPK" in page and "/UPG/HK.01/" in page and "reg. KPK GOL-2026-77" in page
    docx = c.get(f"/admin/gratifikasi/{lap_id}/surat.docx")
    assert docx.headers["Content-Disposition"].startswith("attachment")
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.data)).paragraphs)
    assert "FORMULIR LAPORAN GRATIFIKASI" in text and nomor in text
    pdf = c.get(f"/admin/gratifikasi/{lap_id}/surat.pdf")
    assert nomor in "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    gol = c.get(f"/admin/gratifikasi/{lap_id}/gol.xlsx")
    ws = load_workbook(io.BytesIO(gol.data)).worksheets[0]
    assert ("Data pelapor", "Nama lengkap", "Andi Saputra") in list(ws.iter_rows(values_only=True))
    assert c.get(f"/admin/gratifikasi/{lap_id}/gol.csv").data.decode("utf-8-sig").startswith("Nomor laporan")
    resp = c.post(f"/admin/gratifikasi/{lap_id}/aksi/tetapkan",
                  data={"csrf_token": token, "penetapan": "milik_penerima", "nomor_sk": "999/GRA/2026",
                        "tanggal_sk": local_today().isoformat(), "tindak_lanjut": "Diserahkan kembali kepada penerima"})
    assert resp.status_code == 302
    assert c.post(f"/admin/gratifikasi/{lap_id}/aksi/selesaikan", data={"csrf_token": token}).status_code == 302
    page = c.get(f"/admin/gratifikasi/{lap_id}").get_data(as_text=True)
    assert "Selesai" in page and "Milik penerima" in page and "Tidak ada tindakan lanjutan" in page
    assert c.post(f"/admin/gratifikasi/{lap_id}/aksi/hapus", data={"csrf_token": token}).status_code == 404


def test_exports_need_a_fresh_login(app, login_as):
    c = login_as("upg")
    lap_id, nomor = _make(app)
    resp = c.get("/admin/gratifikasi/ekspor.xlsx")
    ws = load_workbook(io.BytesIO(resp.data))["Register"]
    assert [r[0] for r in ws.iter_rows(min_row=2, values_only=True)] == [nomor]
    with c.session_transaction() as s:
        s["fresh_at"] = 0
    assert "/admin/konfirmasi" in c.get("/admin/gratifikasi/ekspor.xlsx").headers["Location"]
    assert "/admin/konfirmasi" in c.get(f"/admin/gratifikasi/{lap_id}/gol.xlsx").headers["Location"]


def test_attachments_only_from_their_report(app, login_as, client):
    c = login_as("upg")
    page = client.get("/gratifikasi/lapor").get_data(as_text=True)
    from tests.gratifikasi.helpers import form_data

    data = form_data(page, tanggal_terima=local_today().isoformat(), lampiran=(io.BytesIO(PNG), "bukti.png"))
    assert post_multipart(client, "/gratifikasi/lapor", data).status_code == 200
    other_id, _ = _make(app)
    with app.app_context():
        from core.models import Attachment

        att = db.session.scalar(select(Attachment))
        lap_id = att.owner_id
    resp = c.get(f"/admin/gratifikasi/{lap_id}/lampiran/{att.id}")
    assert resp.status_code == 200 and resp.data.startswith(b"\x89PNG")
    assert c.get(f"/admin/gratifikasi/{other_id}/lampiran/{att.id}").status_code == 404


def test_recap_page_and_downloads(app, login_as):
    lap_id, nomor = _make(app, nilai="2.000.000", bentuk="uang")
    _make(app, jenis="nihil", periode_awal=local_today().replace(day=1), periode_akhir=local_today())
    for role in ("upg", "pimpinan"):
        c = login_as(role)
        year = local_today().year
        html = c.get(f"/admin/gratifikasi/rekap?periode=tahun&tahun={year}").get_data(as_text=True)
        assert f"Tahun {year}" in html and "Rp2.000.000" in html and "Uang" in html
        docx = c.get(f"/admin/gratifikasi/rekap.docx?periode=tahun&tahun={year}")
        text = "\n".join(p.text for p in Document(io.BytesIO(docx.data)).paragraphs)
        assert "LAPORAN PERIODIK PENGENDALIAN GRATIFIKASI" in text
        assert c.get(f"/admin/gratifikasi/rekap.pdf?periode=tahun&tahun={year}").data.startswith(b"%PDF")
        wb = load_workbook(io.BytesIO(c.get(f"/admin/gratifikasi/rekap.xlsx?periode=tahun&tahun={year}").data))
        assert wb["Ringkasan"]["B3"].value == 2
    c = login_as("pimpinan")
    assert c.get("/admin/gratifikasi").status_code == 403  # no personal data for readers of the recap
    assert c.get(f"/admin/gratifikasi/{lap_id}").status_code == 403
    assert c.get("/admin/gratifikasi/rekap?periode=bulan&ke=13").status_code == 404


def test_campaign_log_with_photo(app, login_as):
    c = login_as("upg")
    page = c.get("/admin/gratifikasi/kampanye").get_data(as_text=True)
    token = csrf_from(page)
    bad = post_multipart(c, "/admin/gratifikasi/kampanye", {"csrf_token": token, "tanggal": local_today().isoformat(),
                                                            "media": "banner", "judul": "Banner",
                                                            "foto": (io.BytesIO(b"MZ" + b"\0" * 100), "foto.jpg")})
    assert bad.status_code == 400 and "bukan berkas" in bad.get_data(as_text=True)
    resp = post_multipart(c, "/admin/gratifikasi/kampanye", {
        "csrf_token": token, "tanggal": local_today().isoformat(), "media": "banner",
        "judul": "Banner <stop> gratifikasi di lobi", "uraian": "Dipasang di lobi", "tautan": "",
        "peserta": "", "foto": (io.BytesIO(PNG), "banner.png")})
    assert resp.status_code == 302
    html = c.get("/admin/gratifikasi/kampanye").get_data(as_text=True)
    assert "Banner &lt;stop&gt; gratifikasi di lobi" in html and "banner.png" in html
    from gratifikasi.queries import kegiatan_kampanye

    with app.app_context():
        rows = kegiatan_kampanye()
        assert rows[0]["media"] == "banner" and rows[0]["bukti"][0]["nama"] == "banner.png"
        kid, att_id = rows[0]["id"], rows[0]["bukti"][0]["attachment_id"]
    tpi = login_as("tpi")
    assert tpi.get(f"/admin/gratifikasi/kampanye/{kid}/bukti/{att_id}").data.startswith(b"\x89PNG")
    assert tpi.post("/admin/gratifikasi/kampanye", data={}).status_code in (400, 403)
    assert "Catat kegiatan" not in tpi.get("/admin/gratifikasi/kampanye").get_data(as_text=True)


def test_upg_without_2fa_cannot_enter(app):
    from tests.conftest import login

    with app.app_context():
        user, _ = make_user(["upg"], totp=False)
        email = user.email
    c = app.test_client()
    resp = login(c, email)
    assert "/admin/2fa" in resp.headers["Location"]
    assert c.get("/admin/gratifikasi").status_code == 302


def test_settings_thresholds_and_contact(app, login_as):
    from datetime import date

    from gratifikasi import rules

    c = login_as("admin")
    page = c.get("/admin/gratifikasi/pengaturan").get_data(as_text=True)
    assert "Peraturan KPK Nomor 1 Tahun 2026" in page and "ikut rekan kerja" in page
    token = csrf_from(page)
    future = (local_today() + timedelta(days=60)).isoformat()
    base = {"csrf_token": token, "berlaku_mulai": future, "dasar": "Peraturan KPK (uji)", "pernikahan_adat": "Rp2.000.000",
            "musibah": "1.000.000", "rekan_kerja": "500.000", "rekan_kerja_setahun": "1.500.000", "pisah_sambut": ""}
    bad = c.post("/admin/gratifikasi/pengaturan/batas", data={**base, "pernikahan_adat": "0"})
    assert bad.status_code == 400 and "Nilai harus lebih dari Rp0" in bad.get_data(as_text=True)
    bad = c.post("/admin/gratifikasi/pengaturan/batas", data={**base, "rekan_kerja_setahun": "100.000"})
    assert "Batas setahun tidak boleh lebih kecil" in bad.get_data(as_text=True)
    assert c.post("/admin/gratifikasi/pengaturan/batas", data=base).status_code == 302
    dup = c.post("/admin/gratifikasi/pengaturan/batas", data=base)
    assert "Sudah ada batas nilai yang berlaku mulai tanggal itu" in dup.get_data(as_text=True)
    with app.app_context():
        assert rules.aturan_berlaku(date.fromisoformat(future)).pernikahan_adat == 2_000_000
    # a row already in force cannot be removed; a future one can
    c.post("/admin/gratifikasi/pengaturan/batas/hapus", data={"csrf_token": token, "berlaku_mulai": "2026-01-20"})
    page = c.get("/admin/gratifikasi/pengaturan").get_data(as_text=True)
    assert "Batas nilai yang sudah berlaku tidak dapat dihapus" in page
    assert c.post("/admin/gratifikasi/pengaturan/batas/hapus",
                  data={"csrf_token": token, "berlaku_mulai": future}).status_code == 302
    with app.app_context():
        assert rules.aturan_berlaku(date.fromisoformat(future)).dasar == "Peraturan KPK Nomor 1 Tahun 2026"
    resp = c.post("/admin/gratifikasi/pengaturan", data={"csrf_token": token, "upg_nama": "UPG <BKKBN> Sumsel",
                                                         "upg_telepon": "0711-1234", "upg_email": "salah"})
    assert resp.status_code == 400 and "Alamat e-mail tidak sah." in resp.get_data(as_text=True)
    assert c.post("/admin/gratifikasi/pengaturan", data={"csrf_token": token, "upg_nama": "UPG <BKKBN> Sumsel",
                                                         "upg_telepon": "0711-1234"}).status_code == 302
    public = app.test_client().get("/gratifikasi/").get_data(as_text=True)
    assert "UPG &lt;BKKBN&gt; Sumsel" in public and "0711-1234" in public
    assert login_as("pimpinan").get("/admin/gratifikasi/pengaturan").status_code == 403
