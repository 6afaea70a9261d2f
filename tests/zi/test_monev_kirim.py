"""A monev report sent to the units concerned by nota dinas (the complaint disposition's generator, the office's
nota dinas numbering), and the monev meeting (undangan, notulen, daftar hadir, foto rapat) attached to a report:
both stored as evidence, read back (pypdf, python-docx), on the report's page, in the export, and seen by the
'berkala' answer."""
from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import pytest
from docx import Document
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import func, select

from core.attachments import attachments_of, read_attachment
from core.errors import DomainError
from core.extensions import db
from core.models import Attachment, Counter, Role
from core.settings import get_setting, set_setting
from tests.factories import make_unit, make_user
from zi import answers, ekspor, evidence, laporan, rapat
from zi.models import ZiBukti, ZiNotaDinas, ZiRapat
from zi.periode import periode

from . import helpers as h
from .conftest import TAHUN

MARET = periode("bulan", TAHUN, 3)
HARI = date(TAHUN, 4, 1)
KIRIM = date(TAHUN, 4, 2)


def _pdf_text(data: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages), len(reader.pages)


def _docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return " ".join(" ".join(parts).split())


def _siapkan():
    """March: one complaint disposed to KB still open past its deadline, one unverified web complaint past its
    deadline (owned by the complaint officers' Sekretariat); the office's head signs."""
    set_setting("kantor", {**get_setting("kantor"), "nama": "Perwakilan BKKBN Sumsel", "kota": "Palembang",
                           "kepala_jabatan": "Kepala Perwakilan", "kepala_nama": "Dr. Siti Aminah",
                           "kepala_nip": "196801011990032001"})
    kb = make_unit("KB", "Bidang KB-KR")
    sekr = make_unit("SEKR", "Sekretariat")
    umum = make_unit("UMUM", "Bagian Umum")
    make_user([Role.petugas_pengaduan], unit=sekr)
    d = date(TAHUN, 3, 2)
    h.pengaduan(d, "diterima", batas=date(TAHUN, 3, 5))
    p = h.pengaduan(d, "didisposisikan", kanal="surat", respon_pada=date(TAHUN, 3, 3), batas=date(TAHUN, 3, 20))
    p.unit_id = kb.id
    t = laporan.terbitkan("monev_pengaduan", MARET, today=HARI)
    db.session.commit()
    return {"kb": kb, "sekr": sekr, "umum": umum, "monev": t.bukti}


@pytest.fixture
def monev(katalog):
    return _siapkan()


def test_a_monev_report_goes_to_each_unit_by_a_numbered_nota_dinas(monev):
    kb, sekr, b = monev["kb"], monev["sekr"], monev["monev"]
    assert set(laporan.unit_rekomendasi(b)) == {kb.id, sekr.id}  # the units ticked by default
    sent = laporan.kirim_nota_dinas(b, [kb.id, sekr.id], today=KIRIM)
    db.session.commit()
    assert [t.baru for t in sent] == [True, True]
    # the office's nota dinas numbering: its template and codes, the complaint dispositions' buku agenda
    assert [t.bukti.nomor for t in sent] == [f"1/KPW/PP.01/04/{TAHUN}", f"2/KPW/PP.01/04/{TAHUN}"]
    assert db.session.scalar(select(Counter.value).where(Counter.name == "nota_dinas:pengaduan",
                                                         Counter.year == TAHUN)) == 2
    nd_kb = sent[0].bukti
    text, pages = _pdf_text(read_attachment(nd_kb.attachment))
    assert pages == 1 and text.count("Demikian disampaikan") == 1
    assert "NOTA DINAS" in text and f"1/KPW/PP.01/04/{TAHUN}" in text
    assert "Kepala Bidang KB-KR" in text and "Kepala Perwakilan" in text and "Dr. Siti Aminah" in text
    assert f"Laporan monitoring dan evaluasi penanganan pengaduan masyarakat Maret {TAHUN} nomor {b.nomor}" in text
    # each recommendation addressed to the unit, and only those
    assert "1. Selesaikan 1 pengaduan yang melewati batas waktu" in text
    assert "Percepat verifikasi" not in text
    text_sekr, _ = _pdf_text(read_attachment(sent[1].bukti.attachment))
    assert "Percepat verifikasi pengaduan kanal Situs web" in text_sekr and "Kepala Sekretariat" in text_sekr
    # the same letter as DOCX
    docx = _docx_text(read_attachment(attachments_of(evidence.OWNER_SALINAN, nd_kb.id)[0]))
    assert f"1/KPW/PP.01/04/{TAHUN}" in docx and "Selesaikan 1 pengaduan yang melewati batas waktu" in docx
    assert "Kepala Bidang KB-KR" in docx
    # filed in the register against the monev pertanyaan, as the nota dinas its juknis names
    links = {(x.indikator.kode, x.bukti_nama.kunci if x.bukti_nama else "") for x in nd_kb.tautan_indikator}
    assert links == {("PW.P3.c", "nota_dinas_monev_pengaduan")}
    assert (nd_kb.periode_mulai, nd_kb.periode_selesai, nd_kb.tanggal) == (MARET.mulai, MARET.selesai, KIRIM)
    usul = answers.usulan_satu(TAHUN, "PW.P3.c", today=KIRIM)
    assert usul is not None
    assert {r.bukti.id for r in evidence.bukti_berkunci(TAHUN, "nota_dinas_monev_pengaduan", MARET.mulai,
                                                        MARET.selesai, KIRIM)} == {t.bukti.id for t in sent}


def test_sending_again_finds_the_first_letter_and_a_unit_without_recommendations_is_told_so(monev):
    b, kb, umum = monev["monev"], monev["kb"], monev["umum"]
    first = laporan.kirim_nota_dinas(b, [kb.id], today=KIRIM)[0]
    again = laporan.kirim_nota_dinas(b, [kb.id, umum.id], today=KIRIM)
    db.session.commit()
    assert (again[0].baru, again[0].bukti.id) == (False, first.bukti.id)
    assert again[1].baru and again[1].bukti.nomor == f"2/KPW/PP.01/04/{TAHUN}"
    assert db.session.scalar(select(func.count()).select_from(ZiNotaDinas)) == 2
    text, _ = _pdf_text(read_attachment(again[1].bukti.attachment))
    assert "Tidak ada rekomendasi yang ditujukan khusus kepada Bagian Umum" in text


def test_a_nota_dinas_needs_a_unit_and_a_monev_report(monev, katalog):
    with pytest.raises(DomainError) as e:
        laporan.kirim_nota_dinas(monev["monev"], [], today=KIRIM)
    assert e.value.message == "Pilih sekurang-kurangnya satu unit tujuan nota dinas." and e.value.field == "unit_id"
    tl = laporan.terbitkan("tl_pengaduan", MARET, today=KIRIM).bukti
    with pytest.raises(DomainError) as e:
        laporan.kirim_nota_dinas(tl, [monev["kb"].id], today=KIRIM)
    assert e.value.message == "Nota dinas hanya dibuat untuk laporan monitoring dan evaluasi."


def _jpeg_dengan_exif() -> bytes:
    img = Image.new("RGB", (32, 24), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "KameraRahasia"  # Make
    exif[0x013B] = "Nama Fotografer"  # Artist
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif.tobytes())
    assert b"KameraRahasia" in out.getvalue()
    return out.getvalue()


def test_a_monev_meeting_files_its_documents_as_evidence_of_the_period(monev, app):
    b = monev["monev"]
    r = rapat.catat(b, tanggal=date(TAHUN, 4, 6), acara="Rapat monev pengaduan Maret",
                    peserta="Dr. Siti Aminah, Kepala Perwakilan\nAndi, Petugas Pengaduan",
                    notulen="Disepakati percepatan verifikasi kanal web.\nBidang KB-KR menyelesaikan tunggakan.",
                    undangan=h.upload(h.pdf("undangan"), "undangan.pdf"),
                    daftar_hadir=h.upload(h.pdf("hadir"), "daftar-hadir.pdf"),
                    foto=[h.upload(_jpeg_dengan_exif(), "rapat1.jpg"), h.upload(h.png(), "rapat2.png")],
                    today=date(TAHUN, 4, 7))
    db.session.commit()
    assert [x.jenis for x in r.bukti] == ["notulen", "undangan", "daftar_hadir", "foto", "foto"]
    for x in r.bukti:  # each covers the report's month and is filed where the report is
        assert (x.periode_mulai, x.periode_selesai) == (MARET.mulai, MARET.selesai)
        assert {t.indikator.kode for t in x.tautan_indikator} == {t.indikator.kode for t in b.tautan_indikator}
    # the typed minutes became a PDF on the letterhead
    text, _ = _pdf_text(read_attachment(r.bukti[0].attachment))
    assert "NOTULEN RAPAT MONITORING DAN EVALUASI" in text and "Andi, Petugas Pengaduan" in text
    assert "Disepakati percepatan verifikasi kanal web." in text and b.nomor in text
    # the photo's metadata is gone
    foto = read_attachment(r.bukti[3].attachment)
    assert b"KameraRahasia" not in foto and b"Nama Fotografer" not in foto
    assert not dict(Image.open(io.BytesIO(foto)).getexif())
    # the 'berkala' answer of complaint monev lists the meeting as its evidence
    usul = answers.usulan_satu(TAHUN, "PW.P3.c", today=date(TAHUN, 4, 7))
    ids = {i.bukti.id for i in usul.bukti}
    assert {x.id for x in r.bukti} <= ids and b.id in ids
    assert any("Rapat monev (undangan, notulen, daftar hadir, foto rapat) tercatat untuk 1 laporan" in d
               for d in usul.dasar)
    # the export carries every file, and its index lists them against the pertanyaan
    out = io.BytesIO()
    ekspor.paket(TAHUN, out, today=date(TAHUN, 4, 7))
    z = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    names = z.namelist()
    for x in r.bukti:
        assert any(re.search(rf"/PW\.P3\.c-[^/]+/{x.id:04d}-", n) for n in names), x.judul
    index = z.read(f"LKE-ZI-{TAHUN}/00-indeks.html").decode()
    assert "Undangan rapat monev 6 April" in index and "Daftar hadir rapat monev 6 April" in index


def test_a_meeting_with_a_wrong_file_or_no_minutes_is_refused_and_leaves_nothing(monev, app):
    b = monev["monev"]
    before = db.session.scalar(select(func.count()).select_from(Attachment))
    base = dict(tanggal=date(TAHUN, 4, 6), acara="", peserta="Andi", today=date(TAHUN, 4, 7))
    with pytest.raises(DomainError) as e:
        rapat.catat(b, **base, notulen="Catatan",
                    foto=[h.upload(h.png(), "ok.png"), h.upload(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "x.gif")])
    assert e.value.field == "foto" and e.value.message == (
        "Berkas «x.gif» bukan berkas JPEG, PNG, WebP, PDF atau XLSX yang sah.")
    app.config["ZI_MAX_FILE_BYTES"] = 2000
    try:
        with pytest.raises(DomainError) as e:
            rapat.catat(b, **base, notulen="Catatan", undangan=h.upload(h.pdf("x" * 4000), "besar.pdf"))
        assert e.value.field == "undangan" and e.value.message.startswith("Berkas «besar.pdf» melebihi batas")
    finally:
        app.config.pop("ZI_MAX_FILE_BYTES")
    with pytest.raises(DomainError) as e:
        rapat.catat(b, **base)
    assert (e.value.field, e.value.message) == ("notulen", "Tuliskan notulen rapat atau unggah berkas notulennya.")
    with pytest.raises(DomainError) as e:
        rapat.catat(b, **{**base, "tanggal": date(TAHUN, 4, 8)}, notulen="Catatan")
    assert e.value.field == "tanggal"
    with pytest.raises(DomainError) as e:
        rapat.catat(b, **{**base, "peserta": ""}, notulen="Catatan")
    assert e.value.message == "Peserta rapat wajib diisi."
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(ZiRapat)) == 0
    assert db.session.scalar(select(func.count()).select_from(Attachment)) == before


def test_the_report_page_sends_nota_dinas_and_records_a_meeting(app, muat, login_as):
    from tests.conftest import csrf_from

    with app.app_context():
        ids = _siapkan()
        lap_id, kb_id, sekr_id, umum_id = ids["monev"].id, ids["kb"].id, ids["sekr"].id, ids["umum"].id
    c = login_as("admin")
    listing = c.get(f"/admin/zi/laporan?tahun={TAHUN}").get_data(as_text=True)
    assert f'href="/admin/zi/laporan/{lap_id}"' in listing
    page = c.get(f"/admin/zi/laporan/{lap_id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Belum ada nota dinas untuk laporan ini." in html
    # the units of the report's recommendations are ticked; the others are offered
    assert re.search(rf'<input checked[^>]*value="{kb_id}"|<input[^>]*value="{kb_id}"[^>]*checked', html)
    assert not re.search(rf'<input[^>]*value="{umum_id}"[^>]*checked', html)
    token = csrf_from(html)
    empty = c.post(f"/admin/zi/laporan/{lap_id}/nota-dinas", data={"csrf_token": token})
    assert empty.status_code == 400 and "Pilih sekurang-kurangnya satu unit tujuan nota dinas." in empty.get_data(
        as_text=True)
    resp = c.post(f"/admin/zi/laporan/{lap_id}/nota-dinas", data={"csrf_token": token, "unit_id": [str(kb_id)]},
                  follow_redirects=True)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and "Nota dinas dibuat: 1/KPW/PP.01/" in html and "Bidang KB-KR" in html
    pdf_link = re.search(r'<section id="nota-dinas".*?href="(/admin/zi/bukti/\d+/berkas)"', html, re.S).group(1)
    docx_link = re.search(r'<section id="nota-dinas".*?href="(/admin/zi/bukti/\d+/salinan/\d+)"', html, re.S).group(1)
    pdf = c.get(pdf_link)
    assert pdf.mimetype == "application/pdf" and "Selesaikan 1 pengaduan" in _pdf_text(pdf.data)[0]
    assert c.get(docx_link).mimetype == evidence.DOCX

    # a meeting with its files
    data = {"csrf_token": token, "tanggal": "2026-04-01", "peserta": "Andi\nBudi", "notulen": "Dibahas.",
            "undangan": (io.BytesIO(h.pdf("undangan")), "undangan.pdf"),
            "foto": [(io.BytesIO(h.png()), "a.png"), (io.BytesIO(h.png()), "b.png")]}
    resp = c.post(f"/admin/zi/laporan/{lap_id}/rapat", data=data, content_type="multipart/form-data",
                  follow_redirects=True)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and "Rapat monev 01/04/2026 dicatat dengan 4 berkas bukti." in html
    assert "Peserta: Andi; Budi" in html and re.search(r"Undangan:\s*<a", html)
    assert len(re.findall(r"Foto:\s*<a[^>]*>Foto rapat monev 1 April", html)) == 2
    bad = c.post(f"/admin/zi/laporan/{lap_id}/rapat", content_type="multipart/form-data",
                 data={"csrf_token": token, "tanggal": "2026-04-01", "peserta": "Andi", "notulen": "x",
                       "daftar_hadir": (io.BytesIO(b"MZ\x90\x00"), "hadir.exe")})
    assert bad.status_code == 400 and "bukan berkas JPEG, PNG, WebP, PDF atau XLSX yang sah" in bad.get_data(
        as_text=True)
    # the TPI reads the page without the forms; only admin writes
    tpi = login_as("tpi")
    html = tpi.get(f"/admin/zi/laporan/{lap_id}").get_data(as_text=True)
    assert "Bidang KB-KR" in html and "Buat nota dinas" not in html and "Catat rapat monev" not in html
    assert tpi.post(f"/admin/zi/laporan/{lap_id}/nota-dinas", data={"csrf_token": csrf_from(html),
                                                                    "unit_id": [str(sekr_id)]}).status_code == 403
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ZiNotaDinas)) == 1
        assert db.session.scalar(select(func.count()).select_from(ZiRapat)) == 1
        assert db.session.scalar(select(func.count()).select_from(ZiBukti).where(ZiBukti.jenis == "foto")) == 2


def test_the_wbs_evaluation_is_sent_too_and_filed_where_the_report_is(katalog):
    unit = make_unit("INSP", "Tim WBS")
    b = laporan.terbitkan("evaluasi_wbs", periode("semester", TAHUN, 1), today=date(TAHUN, 7, 1)).bukti
    nd = laporan.kirim_nota_dinas(b, [unit.id], today=date(TAHUN, 7, 2))[0].bukti
    db.session.commit()
    # the catalogue names no nota dinas for the WBS: it is filed against the pertanyaan the report serves
    assert {t.indikator.kode for t in nd.tautan_indikator} == {t.indikator.kode for t in b.tautan_indikator}
    assert all(t.bukti_nama is None for t in nd.tautan_indikator)
    text, _ = _pdf_text(read_attachment(nd.attachment))
    assert "Kepala Tim WBS" in text and "Laporan hasil evaluasi atas penerapan Whistle Blowing System" in text
