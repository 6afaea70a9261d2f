"""Every generated SKM document, read back: its page count (pypdf), what each page holds, and the text sizes of
the chart against the body (a chart's labels are not twice the body text)."""
from __future__ import annotations

import io
import math

import pytest
from docx import Document
from docx.shared import Pt
from pypdf import PdfReader

from core.extensions import db
from core.settings import set_setting
from skm import laporan, service
from skm.berkas import baca
from skm.models import SkmRespon
from tests.skm.conftest import HEADER, buat_survei, contoh_rows, xlsx_bytes

KANTOR = {"nama": "Kementerian Kependudukan dan Pembangunan Keluarga/Badan Kependudukan dan Keluarga Berencana "
                  "Nasional Perwakilan Provinsi Sumatera Selatan", "kota": "Palembang", "situs": "sumsel.bkkbn.go.id",
          "alamat": "Jl. Jenderal Basuki Rachmat No. 1151, Palembang 30128", "kepala_jabatan": "Kepala Perwakilan",
          "kepala_nama": "Dra. Nama Kepala, M.Si.", "kepala_nip": "196801011990031001"}
PENUTUP = "Hasil survei ini dipublikasikan secara daring"


@pytest.fixture
def survei_terisi(app_ctx):
    """The DOMAIN.md worked example (29 respondents) for a service with a long name, and three actions."""
    set_setting("kantor", KANTOR)
    layanan, periode = buat_survei()
    layanan.nama = "Konseling, pelayanan kontrasepsi dan pembinaan kesertaan ber-KB bagi pasangan usia subur"
    service.impor(layanan, periode, baca(xlsx_bytes(HEADER, contoh_rows()), "contoh.xlsx"), sha256="x" * 64)
    for u in service.hasil(periode).terendah(3):
        service.buat_tindak_lanjut(periode=periode, layanan=None, unsur=u.kode, masalah="Antrian panjang pada jam "
                                   "sibuk", rencana="Menambah loket dan nomor antrian daring", unit_id=layanan.unit_id,
                                   tenggat=periode.selesai)
    db.session.commit()
    return layanan, periode


def _pages(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def _sizes(pdf: bytes, page: int = 0) -> list[tuple[str, float]]:
    """(text, size in pt as printed) of every text run on a page."""
    out = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            a, b = tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]
            out.append((text.strip(), size * math.hypot(a, b)))

    PdfReader(io.BytesIO(pdf)).pages[page].extract_text(visitor_text=visit)
    return out


@pytest.mark.parametrize("ukuran, lebar", [("A4", 595), ("A3", 842)])
def test_posters_are_one_page_with_the_closing_line(survei_terisi, ukuran, lebar):
    layanan, periode = survei_terisi
    for lay in (None, layanan):
        pdf = laporan.poster_pdf(periode, lay, ukuran)
        pages = _pages(pdf)
        assert len(pages) == 1, (ukuran, lay, pages[1:])
        assert round(float(PdfReader(io.BytesIO(pdf)).pages[0].mediabox.width)) == lebar
        text = pages[0]
        assert "91,48" in text and "Mutu A" in text and "Sangat Baik" in text and "29 responden" in text
        assert "U9 Sarana dan Prasarana" in text and "3,97" in text
        assert "Terima kasih atas penilaian Anda" in text and "sumsel.bkkbn.go.id/survei/" in text
        assert ("Konseling, pelayanan kontrasepsi" in text) == (lay is not None)


def test_the_public_poster_and_an_empty_period_are_one_page(client, survei_terisi):
    _, periode = survei_terisi
    for ukuran in ("A4", "A3"):
        resp = client.get(f"/survei/hasil/{periode.id}/poster.pdf?ukuran={ukuran}")
        pages = _pages(resp.data)
        assert len(pages) == 1 and "Terima kasih atas penilaian Anda" in pages[0]
    empty = service.buat_periode(nama="Kosong", jenis="lainnya", mulai=periode.selesai.replace(year=2030),
                                 selesai=periode.selesai.replace(year=2030))
    pages = _pages(laporan.poster_pdf(empty, None, "A4"))
    assert len(pages) == 1 and "Belum ada data" in pages[0] and "Terima kasih" in pages[0]


def test_report_pdf_pages_chart_caption_and_text_size(survei_terisi):
    _, periode = survei_terisi
    pdf = laporan.laporan_pdf(periode)
    pages = _pages(pdf)
    assert len(pages) == 3, [p[:60] for p in pages]
    text = " ".join(pages)
    for heading in ("I. PENDAHULUAN", "II. METODE", "III. HASIL SURVEI", "IV. ANALISIS", "V. RENCANA TINDAK LANJUT",
                    "VI. PENUTUP"):
        assert heading in text
    chart_page = next(i for i, p in enumerate(pages) if "Gambar 1." in p)
    assert "Gambar 1. Nilai rata-rata (NRR) per unsur pelayanan, skala 1–4" in pages[chart_page]
    body = max(s for t, s in _sizes(pdf, 0) if t.startswith("Metode bobot:"))  # a body paragraph, 10 pt
    chart = [s for t, s in _sizes(pdf, chart_page) if t.startswith("U9 Sarana dan Prasarana") or t == "3,97"]
    assert chart and all(0.7 * body <= s <= 1.1 * body for s in chart), (body, chart)


@pytest.mark.parametrize("saran", [0, 5, 12, 30])
def test_report_signature_never_stands_alone(survei_terisi, saran):
    layanan, periode = survei_terisi
    for i in range(saran):  # more suggestions push the end of the report down, page by page
        db.session.add(SkmRespon(layanan_id=layanan.id, tanggal=periode.mulai, sumber="web", saran=f"Saran nomor {i} "
                                 "tentang ruang tunggu dan antrian yang perlu diperbaiki segera",
                                 **{f"u{k}": 3 for k in range(1, 10)}))
    db.session.flush()
    pages = _pages(laporan.laporan_pdf(periode))
    last = pages[-1]
    assert "Dra. Nama Kepala, M.Si." in last and "NIP 196801011990031001" in last
    assert "VI. PENUTUP" in last and PENUTUP in last  # the closing paragraph goes with the signature
    for p in pages[:-1]:
        assert "NIP 196801011990031001" not in p


def test_follow_up_report_pdf_is_one_landscape_page(survei_terisi):
    _, periode = survei_terisi
    pdf = laporan.tindak_lanjut_pdf(periode)
    pages = _pages(pdf)
    assert len(pages) == 1
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    assert "0 dari 3 unsur yang perlu perbaikan selesai ditindaklanjuti" in pages[0]
    assert "Menambah loket dan nomor antrian daring" in pages[0] and "NIP 196801011990031001" in pages[0]


def _paragraph_index(doc, start: str) -> int:
    return next(i for i, p in enumerate(doc.paragraphs) if p.text.startswith(start))


def test_report_docx_chart_caption_and_signature_kept_with_the_closing(survei_terisi):
    _, periode = survei_terisi
    doc = Document(io.BytesIO(laporan.laporan_docx(periode)))
    texts = [p.text for p in doc.paragraphs]
    assert "Gambar 1. Nilai rata-rata (NRR) per unsur pelayanan, skala 1–4." in texts
    chart = doc.inline_shapes[0]
    assert abs(chart.width.mm - 150) < 1
    # the chart's own labels: the PNG's text printed at about the body size (11 pt Arial)
    label_pt = laporan.GRAFIK_PNG_HURUF_PX / laporan.GRAFIK_PNG_LEBAR_PX * chart.width.pt
    assert 0.7 * 11 <= label_pt <= 1.1 * 11, label_pt
    caption = _paragraph_index(doc, "Gambar 1.")
    assert doc.paragraphs[caption - 1].paragraph_format.keep_with_next  # the chart stays with its caption
    start = _paragraph_index(doc, "VI. PENUTUP")
    end = _paragraph_index(doc, "NIP ")
    assert texts[end] == "NIP 196801011990031001" and "Dra. Nama Kepala, M.Si." in texts[start:end]
    for p in doc.paragraphs[start:end]:  # heading, closing, place and date, signature: one block
        assert p.paragraph_format.keep_with_next, p.text
    assert doc.styles["Normal"].font.size == Pt(11)


def test_follow_up_docx_reads_back_with_its_block_kept(survei_terisi):
    _, periode = survei_terisi
    doc = Document(io.BytesIO(laporan.tindak_lanjut_docx(periode)))
    texts = [p.text for p in doc.paragraphs]
    assert any(t.startswith("Capaian: 0 dari 3 unsur yang perlu perbaikan") for t in texts)
    rows = [" | ".join(c.text for c in r.cells) for t in doc.tables for r in t.rows]
    assert any("Menambah loket dan nomor antrian daring" in r for r in rows)
    start = _paragraph_index(doc, "Demikian laporan")
    for p in doc.paragraphs[start:_paragraph_index(doc, "NIP ")]:
        assert p.paragraph_format.keep_with_next, p.text
