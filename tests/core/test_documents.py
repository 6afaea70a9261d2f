import io
import logging
import zipfile
from datetime import date

import pytest
from docx import Document
from pypdf import PdfReader

from core import documents
from core.documents import NotaDinas, format_nomor, nota_dinas_docx, nota_dinas_pdf

NASTY = 'Isi <script>alert("x")</script> & "kutip" </w:t><w:t> 😀 שלום مرحبا {{ 7*7 }}'


def _nd(**over) -> NotaDinas:
    fields = dict(
        kop={"induk": "KEMENTERIAN KEPENDUDUKAN DAN PEMBANGUNAN KELUARGA/BADAN KEPENDUDUKAN DAN KELUARGA BERENCANA "
                      "NASIONAL", "nama": "PERWAKILAN PROVINSI SUMATERA SELATAN",
             "alamat": "Jl. Jenderal Sudirman No. 1, Palembang 30129",
             "kontak": "Telepon (0711) 123456 · Pos-el zi@example.go.id", "logo": ""},
        nomor="12/KPW/PP.01/11/2026",
        yth="Kepala Bagian Umum & Keuangan",
        dari="Ketua Tim Pengelola Pengaduan",
        tanggal=date(2026, 11, 26),
        sifat="Segera",
        klasifikasi="Terbatas",
        lampiran="1 (satu) berkas",
        hal="Penyampaian Pengaduan Masyarakat <PGD-2026-0042>",
        paragraf=["Bersama ini kami sampaikan pengaduan masyarakat berikut.", NASTY],
        penandatangan_jabatan="Ketua Tim Pengelola Pengaduan",
        penandatangan_nama="Dra. Siti Aminah, M.Si.",
        penandatangan_nip="197001011995032001",
    )
    fields.update(over)
    return NotaDinas(**fields)


def _docx_text(data: bytes) -> tuple[list[str], list[list[str]]]:
    doc = Document(io.BytesIO(data))
    paragraphs = [p.text for p in doc.paragraphs]
    rows = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    return paragraphs, rows


def test_nota_dinas_docx_content_exact():
    data = nota_dinas_docx(_nd())
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
    paragraphs, rows = _docx_text(data)
    assert NASTY in paragraphs  # escaped on the way in, exact on the way out, not evaluated
    assert "NOTA DINAS" in paragraphs
    assert paragraphs[:2] == ["KEMENTERIAN KEPENDUDUKAN DAN PEMBANGUNAN KELUARGA/BADAN KEPENDUDUKAN DAN KELUARGA "
                              "BERENCANA NASIONAL", "PERWAKILAN PROVINSI SUMATERA SELATAN"]
    assert "Demikian disampaikan, atas perhatian Bapak/Ibu diucapkan terima kasih." in paragraphs
    assert paragraphs[-3:] == ["Ketua Tim Pengelola Pengaduan", "Dra. Siti Aminah, M.Si.", "NIP 197001011995032001"]
    assert rows == [
        ["Nomor", ":", "12/KPW/PP.01/11/2026"],
        ["Yth.", ":", "Kepala Bagian Umum & Keuangan"],
        ["Dari", ":", "Ketua Tim Pengelola Pengaduan"],
        ["Tanggal", ":", "26 November 2026"],
        ["Sifat", ":", "Segera"],
        ["Klasifikasi", ":", "Terbatas"],
        ["Lampiran", ":", "1 (satu) berkas"],
        ["Hal", ":", "Penyampaian Pengaduan Masyarakat <PGD-2026-0042>"],
    ]
    assert not any("{%" in p or "{{" in p and p != NASTY for p in paragraphs)


def test_nota_dinas_docx_tembusan_and_control_chars():
    nd = _nd(tembusan=["Kepala Perwakilan", "Inspektorat"], paragraf=["baris satu\nbaris dua", "ada\x01vt\x00nul"])
    paragraphs, rows = _docx_text(nota_dinas_docx(nd))
    assert rows[3] == ["Tembusan", ":", "1. Kepala Perwakilan\n2. Inspektorat"]
    assert [r[0] for r in rows] == ["Nomor", "Yth.", "Dari", "Tembusan", "Tanggal", "Sifat", "Klasifikasi", "Lampiran",
                                  "Hal"]
    assert "baris satu" in paragraphs and "baris dua" in paragraphs
    assert "adavtnul" in paragraphs  # characters XML forbids are dropped instead of breaking the file
    _, rows = _docx_text(nota_dinas_docx(_nd(tembusan=["Inspektorat"])))
    assert rows[3] == ["Tembusan", ":", "Inspektorat"]


def test_nota_dinas_pdf_content():
    data = nota_dinas_pdf(_nd(tembusan=["Inspektorat"]))
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in ("NOTA DINAS", "12/KPW/PP.01/11/2026", "Yth.", "Kepala Bagian Umum & Keuangan", "Hal",
                     "Penyampaian Pengaduan Masyarakat <PGD-2026-0042>", "26 November 2026",
                     'Isi <script>alert("x")</script> & "kutip"', "Tembusan", "NIP 197001011995032001"):
        assert expected in text, expected


def test_html_is_autoescaped():
    html = documents.render_html("nota_dinas.html", documents._nota_dinas_context(_nd()))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "{{ 7*7 }}" in html and "49" not in html


def test_render_pdf_does_not_fetch_from_network(caplog):
    html = '<p>x</p><img src="http://127.0.0.1:9/bocor.png"><link rel="stylesheet" href="https://example.com/a.css">'
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        data = documents.render_pdf(html)
    assert data.startswith(b"%PDF")
    assert "disallowed protocol" in caplog.text


def test_format_nomor():
    when = date(2026, 11, 3)
    assert format_nomor(documents.DEFAULT_NOMOR, seq=12, kode_jabatan="KPW", kka="PP.01", when=when) \
        == "12/KPW/PP.01/11/2026"
    assert format_nomor("B-{seq:03d}/{kka}/{yyyy}", seq=7, kode_jabatan="X", kka="HM.02", when=when) \
        == "B-007/HM.02/2026"


@pytest.mark.parametrize("bad", ["{seq}/{unit}/{yyyy}", "{}/{kka}", "{seq!r}", "{seq.real}", "{seq", "{kka:d}"])
def test_format_nomor_rejects_bad_templates(bad):
    with pytest.raises(ValueError) as err:
        format_nomor(bad, seq=1, kode_jabatan="KPW", kka="PP.01", when=date(2026, 1, 1))
    assert "templat nomor" in str(err.value).lower()
