"""Generated documents read back: receipt and cover letter (python-docx, pypdf), GOL export, periodic report,
recap spreadsheet, poster."""
import csv
import io
from datetime import date, timedelta

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from core.extensions import db
from core.settings import set_setting
from core.workdays import format_tanggal, local_today
from gratifikasi import documents, queries, service
from tests.factories import make_user
from tests.gratifikasi.helpers import laporan_input

NASTY = '<script>alert("x")</script> & "kutip" </w:t><w:t> 😀 {{ 7*7 }}'


def _pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF")
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def _docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    return "\n".join(parts)


@pytest.fixture
def office(app_ctx):
    set_setting("kantor", {"nama": "Perwakilan BKKBN Provinsi Sumatera Selatan", "alamat": "Jl. Basuki Rachmat 1151",
                           "telepon": "(0711) 352503", "kota": "Palembang", "kepala_jabatan": "Kepala Perwakilan"})
    set_setting("gratifikasi", {"upg_ketua_nama": "Dra. Siti Aminah", "upg_ketua_nip": "197001011995032001",
                                "upg_telepon": "0711-111222", "upg_email": "upg@bkkbn.go.id"})
    db.session.commit()


def _forwarded(**over):
    upg, _ = make_user(["upg"])
    today = local_today()
    lap, kode = service.submit(laporan_input(tanggal_terima=today - timedelta(days=2), **over), today=today)
    service.verifikasi(lap, upg)
    service.teruskan_kpk(lap, upg, tanggal=today, cara="gol")
    db.session.commit()
    return lap, kode


def test_receipt_pdf(office):
    today = date(2026, 3, 17)
    lap, kode = service.submit(laporan_input(tanggal_terima=today), today=today)
    text = _pdf_text(documents.tanda_terima_pdf(lap, kode=kode, alamat_lacak="http://x/gratifikasi/lacak", today=today))
    for expected in ("TANDA TERIMA LAPORAN GRATIFIKASI", lap.nomor, "7 Mei 2026", "30 hari kerja lagi", kode,
                     "Andi Saputra", "http://x/gratifikasi/lacak", "upg@bkkbn.go.id"):
        assert expected in text, expected
    late, _ = service.submit(laporan_input(tanggal_terima=date(2026, 3, 17)), today=date(2026, 5, 8))
    text = _pdf_text(documents.tanda_terima_pdf(late, kode=None, alamat_lacak="x", today=date(2026, 5, 8)))
    assert "Laporan terlambat" in text and "lewat 1 hari kerja" in text and "milik negara" in text


def test_cover_letter_docx_and_pdf(office):
    lap, _ = _forwarded(kronologi=NASTY, pemberi_nama="PT <b>Rejeki</b> & Sons")
    docx = documents.surat_kpk_docx(lap)
    text = _docx_text(docx)
    doc = Document(io.BytesIO(docx))
    assert doc.paragraphs[0].text == "PERWAKILAN BKKBN PROVINSI SUMATERA SELATAN"
    rows = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    assert rows[0] == ["Nomor", ":", lap.nomor_surat] and rows[3] == ["Hal", ":", f"Penyampaian Laporan Gratifikasi {lap.nomor}"]
    for expected in ("Yth. Direktur Gratifikasi dan Pelayanan Publik Komisi Pemberantasan Korupsi",
                     "FORMULIR LAPORAN GRATIFIKASI", "Pasal 12C ayat (2)", format_tanggal(lap.tenggat_kpk),
                     "Dra. Siti Aminah", "NIP 197001011995032001", "Rp1.500.000", "198501012010011001",
                     "Palembang, " + format_tanggal(local_today())):
        assert expected in text, expected
    assert NASTY in text and "PT <b>Rejeki</b> & Sons" in text  # escaped in, exact out, never evaluated
    assert "{{" not in text.replace(NASTY, "") and "{%" not in text
    pdf = _pdf_text(documents.surat_kpk_pdf(lap))
    for expected in (lap.nomor_surat, "FORMULIR LAPORAN GRATIFIKASI", 'alert("x")', "PT <b>Rejeki</b> & Sons",
                     "Direktur Gratifikasi dan Pelayanan Publik"):
        assert expected in pdf, expected
    assert "49" not in pdf.split("FORMULIR")[1].split("Kronologi")[1][:200]


def test_gol_export(office):
    lap, _ = _forwarded(kronologi="=HYPERLINK(\"http://jahat\")")
    fields = documents.gol_fields(lap)
    assert ("Data pelapor", "NIP", "198501012010011001") in fields
    assert ("Data penerimaan", "Tanggal penerimaan", format_tanggal(lap.tanggal_terima)) in fields
    wb = load_workbook(io.BytesIO(documents.gol_xlsx([lap])))
    ws = wb.worksheets[0]
    values = {r[1]: r[2] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert values["Nama lengkap"] == "Andi Saputra" and values["Nilai nominal/taksiran"] == "Rp1.500.000 (taksiran)"
    assert ws.cell(row=[c.value for c in ws["B"]].index("Kronologi penerimaan") + 1, column=3).data_type == "s"
    rows = list(csv.reader(io.StringIO(documents.gol_csv([lap]).decode("utf-8-sig"))))
    assert rows[0][0] == "Nomor laporan" and rows[1][0] == lap.nomor
    assert "'=HYPERLINK(\"http://jahat\")" in rows[1]  # no formula runs when opened


def test_periodic_report_and_recap(office):
    lap, _ = _forwarded()
    upg, _ = make_user(["upg"])
    service.catat_kampanye(service.KampanyeInput(tanggal=local_today(), media="sosialisasi",
                                                 judul="Sosialisasi <gratifikasi>"), [], upg)
    db.session.commit()
    p = queries.periode("tahun", local_today().year)
    r = queries.rekap(p.awal, p.akhir)
    kampanye = queries.kegiatan_kampanye(p.awal, p.akhir)
    text = _docx_text(documents.laporan_periodik_docx(r, p.label, kampanye))
    for expected in ("LAPORAN PERIODIK PENGENDALIAN GRATIFIKASI", p.label, lap.nomor, "Sosialisasi <gratifikasi>",
                     "Diteruskan ke KPK | 1", "Rp1.500.000", "Diteruskan UPG tepat waktu | 1"):
        assert expected in text, expected
    pdf = _pdf_text(documents.laporan_periodik_pdf(r, p.label, kampanye))
    assert lap.nomor in pdf and "Sosialisasi <gratifikasi>" in pdf
    wb = load_workbook(io.BytesIO(documents.rekap_xlsx(r, p.label)))
    assert wb.sheetnames == ["Ringkasan", "Per bentuk", "Per acara", "Per unit", "Per penetapan"]
    assert list(wb["Per bentuk"].iter_rows(min_row=2, values_only=True)) == [("Barang", 1, 1_500_000)]


@pytest.mark.parametrize("ukuran, width_pt", [("A4", 595), ("A3", 842)])
def test_poster(office, ukuran, width_pt):
    data = documents.poster_pdf(ukuran, "http://kantor/gratifikasi/", today=date(2026, 2, 1))
    reader = PdfReader(io.BytesIO(data))
    assert round(float(reader.pages[0].mediabox.width)) == width_pt
    text = " ".join(_pdf_text(data).split())
    assert "TOLAK DAN LAPORKAN GRATIFIKASI" in text and "Rp1.500.000" in text and "http://kantor/gratifikasi/" in text
    assert "Peraturan KPK Nomor 1 Tahun 2026" in text
    with pytest.raises(ValueError):
        documents.poster_pdf("A0; } body {", "x")


def test_letterhead_names_the_parent_body_from_the_settings(app_ctx):
    induk = "Kementerian Kependudukan dan Pembangunan Keluarga/Badan Kependudukan dan Keluarga Berencana Nasional"
    set_setting("kantor", {"induk": induk, "nama": "Perwakilan Provinsi Sumatera Selatan",
                           "alamat": "Jl. Basuki Rachmat 1151, Palembang"})
    lap, _ = _forwarded()
    doc = Document(io.BytesIO(documents.surat_kpk_docx(lap)))
    assert doc.paragraphs[0].text == induk.upper()
    assert doc.paragraphs[1].text == "PERWAKILAN PROVINSI SUMATERA SELATAN"
    assert doc.paragraphs[2].text == "Jl. Basuki Rachmat 1151, Palembang"
    for pdf in (documents.surat_kpk_pdf(lap), documents.tanda_terima_pdf(lap, kode=None, alamat_lacak="x")):
        first = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
        assert first.startswith(" ".join(induk.upper().split())) and "PERWAKILAN PROVINSI SUMATERA SELATAN" in first
