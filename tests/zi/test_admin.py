"""The ZI dashboard through the test client: who may read and write, the sheet per area and pertanyaan (proposal,
evidence with links, what is missing, score), an officer's override with a reason (audited), evidence uploads
(wrong type / too big: a clear message and nothing typed lost), policy documents and the readiness view."""
from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from core.extensions import db
from core.models import AuditEvent, Role
from tests.conftest import csrf_from
from zi import catalogue
from zi.models import ZiBukti, ZiJawaban

from . import helpers as h
from .conftest import TAHUN

BACA = ("admin", "pimpinan", "tpi")


def _text(resp) -> str:
    html = resp.get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("role", BACA)
def test_readers_see_the_dashboard(muat, login_as, role):
    c = login_as(role)
    resp = c.get(f"/admin/zi/?tahun={TAHUN}")
    assert resp.status_code == 200
    text = _text(resp)
    assert f"Lembar Kerja Evaluasi Zona Integritas {TAHUN}" in text
    assert "Belum memenuhi syarat WBK" in text and "Penguatan Pengawasan" in text
    # the officers' menu and the dashboard card are declared in app.py
    home = c.get("/admin/").get_data(as_text=True)
    assert "Zona Integritas" in home and f"Nilai ZI {TAHUN}" in home


@pytest.mark.parametrize("role", [r.value for r in Role if r.value not in BACA])
def test_other_roles_are_refused(muat, login_as, role):
    assert login_as(role).get("/admin/zi/").status_code == 403


def test_a_year_without_catalogue_offers_to_load_it(app, login_as):
    c = login_as("admin")
    page = c.get("/admin/zi/?tahun=2031")
    assert page.status_code == 200 and "Katalog LKE tahun 2031 belum dimuat" in _text(page)
    resp = c.post("/admin/zi/katalog?tahun=2031", data={"csrf_token": csrf_from(page.get_data(as_text=True))})
    assert resp.status_code == 302
    assert "Lembar Kerja Evaluasi Zona Integritas 2031" in _text(c.get("/admin/zi/?tahun=2031"))
    # a reader cannot load it
    reader = login_as("pimpinan")
    token = csrf_from(reader.get("/admin/zi/?tahun=2032").get_data(as_text=True))
    assert reader.post("/admin/zi/katalog?tahun=2032", data={"csrf_token": token}).status_code == 403


def test_area_page_shows_proposal_evidence_missing_and_score(app, muat, login_as):
    with app.app_context():
        sk = h.sk(TAHUN, "sk_petugas_pengaduan", date(TAHUN, 1, 5), nomor="7/KPW/SK/2026")
        h.pengaduan(date(TAHUN, 3, 2), "selesai")
        db.session.commit()
        sk_id = sk.id
    c = login_as("tpi")
    text = _text(c.get(f"/admin/zi/area/PW?tahun={TAHUN}"))
    # PW.P3.a: the SK of the complaint officers is in force → B, with its evidence linked
    item = text[text.index("PW.P3.a"):text.index("PW.P3.b")]
    assert "Usulan dari data B" in item and "skor 0,50" in item
    assert "nomor 7/KPW/SK/2026" in item
    assert "capture kotak khusus pengaduan belum ada di register bukti." in item
    html = c.get(f"/admin/zi/area/PW?tahun={TAHUN}").get_data(as_text=True)
    assert f'href="/admin/zi/bukti/{sk_id}/berkas"' in html
    # an officer-answered item shows the named bukti still missing
    spip = text[text.index("PW.P2.a"):text.index("PW.P2.b")]
    assert "Belum dijawab" in spip and "Dokumen sosialisasi SPIP belum ada di register bukti." in spip
    # the evidence file opens for a reader
    resp = c.get(f"/admin/zi/bukti/{sk_id}/berkas")
    assert resp.status_code == 200 and resp.mimetype == "application/pdf"


def test_an_override_needs_a_reason_and_is_audited(app, muat, login_as):
    c = login_as("admin")
    url = f"/admin/zi/indikator/PW.P3.a?tahun={TAHUN}"
    page = c.get(url)
    assert "Usulan berdasarkan data: C" in _text(page)  # no SK in the register: capped at C
    token = csrf_from(page.get_data(as_text=True))
    resp = c.post(f"/admin/zi/indikator/PW.P3.a/jawaban?tahun={TAHUN}", data={"csrf_token": token, "pilihan": "A"})
    assert resp.status_code == 400
    assert "Jawaban berbeda dari usulan berdasarkan data (C); tuliskan alasannya." in _text(resp)
    resp = c.post(f"/admin/zi/indikator/PW.P3.a/jawaban?tahun={TAHUN}",
                  data={"csrf_token": token, "pilihan": "A", "alasan": "SK ada di arsip fisik, menunggu pindaian."})
    assert resp.status_code == 302
    text = _text(c.get(f"/admin/zi/area/PW?tahun={TAHUN}"))
    item = text[text.index("PW.P3.a"):text.index("PW.P3.b")]
    assert "Jawaban petugas A" in item and "Berbeda dari usulan data (C)" in item and "skor 1,00" in item
    with app.app_context():
        ev = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "zi.jawaban.simpan"))
        assert ev.detail["menyimpang"] is True and ev.detail["usulan"] == "C"
        assert ev.detail["alasan"].startswith("SK ada di arsip")
    # a reader may not answer
    reader = login_as("pimpinan")
    token = csrf_from(reader.get("/admin/").get_data(as_text=True))
    assert reader.post(f"/admin/zi/indikator/PW.P3.a/jawaban?tahun={TAHUN}",
                       data={"pilihan": "A", "csrf_token": token}).status_code == 403
    # withdrawing falls back to the proposal
    page = c.get(url)
    c.post(f"/admin/zi/indikator/PW.P3.a/jawaban/hapus?tahun={TAHUN}",
           data={"csrf_token": csrf_from(page.get_data(as_text=True))})
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ZiJawaban)) == 0


def test_a_percentage_is_answered_from_its_counts(app, muat, login_as):
    c = login_as("admin")
    page = c.get(f"/admin/zi/indikator/PW.R3.a?tahun={TAHUN}")
    assert "Jumlah yang sudah melaporkan LHKPN" in page.get_data(as_text=True)
    resp = c.post(f"/admin/zi/indikator/PW.R3.a/jawaban?tahun={TAHUN}",
                  data={"csrf_token": csrf_from(page.get_data(as_text=True)), "isian_1": "1", "isian_2": "6",
                        "isian_3": "3", "isian_4": "8"})
    assert resp.status_code == 302
    text = _text(c.get(f"/admin/zi/area/PW?tahun={TAHUN}"))
    assert "Jawaban petugas 80,00 %" in text[text.index("PW.R3.a"):text.index("PW.R3.b")]


def _upload(c, kode, **fields):
    page = c.get(f"/admin/zi/indikator/{kode}?tahun={TAHUN}")
    data = {"csrf_token": csrf_from(page.get_data(as_text=True)), "judul": "Foto kotak pengaduan lobi",
            "jenis": "foto", "periode_mulai": f"{TAHUN}-03-01", "periode_selesai": f"{TAHUN}-03-31", **fields}
    return c.post(f"/admin/zi/indikator/{kode}/bukti?tahun={TAHUN}", data=data, content_type="multipart/form-data")


def test_an_upload_files_itself_against_the_item(app, muat, login_as):
    c = login_as("admin")
    with app.app_context():
        nama = next(n for n in catalogue.item(TAHUN, "PW.P3.a").bukti_nama if n.kunci == "capture_kotak_pengaduan")
        nama_id = nama.id
    resp = _upload(c, "PW.P3.a", bukti_nama=str(nama_id), berkas=(io.BytesIO(h.png()), "kotak.png"))
    assert resp.status_code == 302
    text = _text(c.get(f"/admin/zi/indikator/PW.P3.a?tahun={TAHUN}"))
    assert "✓ capture kotak khusus pengaduan" in text and "Foto kotak pengaduan lobi" in text


def test_a_wrong_type_is_refused_clearly_and_the_form_keeps_what_was_typed(app, muat, login_as):
    c = login_as("admin")
    resp = _upload(c, "PW.P3.a", keterangan="Kotak di lobi lantai 1",
                   berkas=(io.BytesIO(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"), "kotak.gif"))
    assert resp.status_code == 400
    html = resp.get_data(as_text=True)
    assert "Berkas «kotak.gif» bukan berkas JPEG, PNG, WebP, PDF atau XLSX yang sah." in html
    assert 'value="Foto kotak pengaduan lobi"' in html and "Kotak di lobi lantai 1" in html
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ZiBukti)) == 0


def test_a_file_too_big_is_refused_clearly(app, muat, login_as):
    c = login_as("admin")
    app.config["ZI_MAX_FILE_BYTES"] = 2048
    resp = _upload(c, "PW.P3.a", berkas=(io.BytesIO(h.pdf("x" * 5000)), "besar.pdf"))
    assert resp.status_code == 400
    assert "Berkas «besar.pdf» melebihi batas 2 KB." in resp.get_data(as_text=True)


def test_a_refused_field_asks_for_the_file_again(app, muat, login_as):
    c = login_as("admin")
    resp = _upload(c, "PW.P3.a", periode_mulai=f"{TAHUN}-04-01", berkas=(io.BytesIO(h.png()), "kotak.png"))
    assert resp.status_code == 400
    text = _text(resp)
    assert "Tanggal selesai periode tidak boleh sebelum tanggal mulai." in text
    assert "pilih berkasnya sekali lagi" in text
    assert not list(Path(app.config["UPLOAD_FOLDER"]).iterdir())


def test_policy_documents_with_number_date_signatory_and_validity(app, muat, login_as):
    c = login_as("admin")
    with app.app_context():
        nama_id = next(n.id for n in catalogue.item(TAHUN, "PW.P4.a").bukti_nama if n.kunci == "sk_tim_wbs")
    page = c.get(f"/admin/zi/kebijakan?tahun={TAHUN}")
    data = {"csrf_token": csrf_from(page.get_data(as_text=True)), "judul": "SK Tim WBS", "jenis": "sk",
            "bukti_nama": str(nama_id), "nomor": "12/KPW/SK/2025", "tanggal": "2025-01-02",
            "berlaku_sampai": "2025-12-31", "berkas": (io.BytesIO(h.pdf("sk")), "sk.pdf")}
    resp = c.post(f"/admin/zi/kebijakan?tahun={TAHUN}", data=data, content_type="multipart/form-data")
    assert resp.status_code == 400 and "Nama pejabat penandatangan wajib diisi." in _text(resp)
    data.update(penandatangan="Kepala Perwakilan", csrf_token=csrf_from(resp.get_data(as_text=True)),
                berkas=(io.BytesIO(h.pdf("sk")), "sk.pdf"))
    assert c.post(f"/admin/zi/kebijakan?tahun={TAHUN}", data=data,
                  content_type="multipart/form-data").status_code == 302
    text = _text(c.get(f"/admin/zi/kebijakan?tahun={TAHUN}"))
    assert "SK Tim WBS (nomor 12/KPW/SK/2025)" in text and "kedaluwarsa" in text and "Kepala Perwakilan" in text
    # the readiness view warns about it, and the WBS item is capped
    text = _text(c.get(f"/admin/zi/kesiapan?tahun={TAHUN}"))
    assert "SK Tim WBS nomor 12/KPW/SK/2025 berakhir masa berlakunya pada 31 Desember 2025; perlu diperbarui." in text
    text = _text(c.get(f"/admin/zi/indikator/PW.P4.a?tahun={TAHUN}"))
    assert "Usulan berdasarkan data: C" in text and "berakhir pada 31 Desember 2025" in text


def test_readiness_lists_missing_evidence_and_overdue_follow_up_by_unit(app, muat, login_as, unit):
    from zi import tindak_lanjut

    with app.app_context():
        tindak_lanjut.buat(tahun=TAHUN, rekomendasi="Percepat verifikasi kanal surat", unit_id=unit.id,
                           tenggat=date(TAHUN, 2, 1), indikator_kode="PW.P3.d")
        db.session.commit()
    text = _text(login_as("pimpinan").get(f"/admin/zi/kesiapan?tahun={TAHUN}"))
    assert "Sekretariat (1)" in text and "Percepat verifikasi kanal surat" in text
    assert "SK petugas Pengaduan Masyarakat" in text
