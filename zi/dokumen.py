"""A report as plain data (title, sections of paragraphs, lists, tables and bar charts), rendered two ways from
the same data: PDF (HTML through WeasyPrint, the chart as inline SVG) and DOCX (python-docx, the chart as PNG).
The letterhead and the signing official come from the office settings (DOMAIN.md §7), never from the officer
who clicked."""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from html import escape
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from markupsafe import Markup

from core import documents
from core.settings import office
from core.workdays import format_tanggal

WARNA = "#0b3d91"
_FONTS = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
          Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")]


@dataclass
class Paragraf:
    teks: str
    tipe: str = "paragraf"


@dataclass
class Daftar:
    butir: list[str]
    bernomor: bool = False
    tipe: str = "daftar"


@dataclass
class Tabel:
    kolom: list[str]
    baris: list[list[str]]
    angka: tuple[int, ...] = ()  # columns holding figures (right-aligned)
    kosong: str = "Tidak ada data pada periode ini."
    bobot: tuple[int, ...] = ()  # relative column widths; none: the renderer decides
    tipe: str = "tabel"

    @property
    def lebar(self) -> bool:
        """Many columns: fixed widths and a smaller font, so the table stays on the page."""
        return len(self.kolom) > 6

    @property
    def persen_kolom(self) -> list[float]:
        weights = self.bobot or (1,) * len(self.kolom)
        return [round(100 * w / sum(weights), 1) for w in weights]


@dataclass
class Grafik:
    judul: str
    data: list[tuple[str, float]]
    tipe: str = "grafik"

    def svg(self) -> Markup:
        return grafik_svg(self)


@dataclass
class Bagian:
    judul: str
    isi: list = field(default_factory=list)


@dataclass
class Dokumen:
    judul: str
    periode: str
    nomor: str
    tanggal: date
    bagian: list[Bagian]
    catatan: str = ""  # a line under the title, e.g. "Tidak ada data pada periode ini."


def _angka_tampil(v: float) -> str:
    return (f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}").replace(",", "x").replace(".", ",").replace("x", ".")


# --- the chart -----------------------------------------------------------------------------------------------

def grafik_svg(g: Grafik) -> Markup:
    """Horizontal bars drawn on the server: no script and no style attribute (the CSP forbids both)."""
    if not g.data:
        return Markup("")
    width, label_w, bar_w, row_h = 380, 125, 205, 22
    top = 20
    height = top + row_h * len(g.data) + 6
    top_value = max((v for _, v in g.data), default=0) or 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
             f'aria-label="{escape(g.judul)}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">',
             f"<title>{escape(g.judul)}</title>",
             f'<text x="0" y="12" font-weight="bold">{escape(g.judul)}</text>']
    for i, (label, value) in enumerate(g.data):
        y = top + i * row_h
        w = float(value) / top_value * bar_w
        parts.append(f'<text x="0" y="{y + 14}">{escape(label[:17])}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{bar_w}" height="14" fill="#eef1f6"/>')
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="14" fill="{WARNA}"/>')
        parts.append(f'<text x="{label_w + bar_w + 6}" y="{y + 14}">{escape(_angka_tampil(value))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def grafik_png(g: Grafik, width: int = 1400) -> bytes:
    """The same chart as a PNG, for Word."""
    from PIL import Image, ImageDraw, ImageFont

    scale = width / 480
    label_w, bar_w, row_h, top = 170 * scale, 250 * scale, 22 * scale, 20 * scale
    height = int(top + row_h * len(g.data) + 8 * scale)
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    font_path = next((p for p in _FONTS if p.exists()), None)
    size = int(11 * scale)
    font = ImageFont.truetype(str(font_path), size) if font_path else ImageFont.load_default(size)
    draw.text((0, 2 * scale), g.judul, fill="black", font=font)
    top_value = max((v for _, v in g.data), default=0) or 1
    for i, (label, value) in enumerate(g.data):
        y = top + i * row_h
        draw.text((0, y + 3 * scale), label[:28], fill="black", font=font)
        draw.rectangle([label_w, y + 3 * scale, label_w + bar_w, y + 17 * scale], fill="#eef1f6")
        draw.rectangle([label_w, y + 3 * scale, label_w + float(value) / top_value * bar_w, y + 17 * scale],
                       fill=WARNA)
        draw.text((label_w + bar_w + 6 * scale, y + 3 * scale), _angka_tampil(value), fill="black", font=font)
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


# --- letterhead and signature --------------------------------------------------------------------------------

def kop() -> dict:
    """The office's one letterhead (documents.letterhead) plus the head of office who signs ZI documents."""
    k = office()
    return {**documents.letterhead(), "kota": k.get("kota", ""), "jabatan": k.get("kepala_jabatan", ""),
            "penandatangan": k.get("kepala_nama", ""), "nip": k.get("kepala_nip", "")}


def _kota_tanggal(k: dict, tanggal: date) -> str:
    return f"{k['kota']}, {format_tanggal(tanggal)}" if k["kota"] else format_tanggal(tanggal)


# --- PDF -------------------------------------------------------------------------------------------------------

def html(d: Dokumen) -> str:
    k = kop()
    return documents.render_html("zi_laporan.html", {"d": d, "kop": k, "tanggal": format_tanggal(d.tanggal),
                                                     "kota_tanggal": _kota_tanggal(k, d.tanggal)})


def pdf(d: Dokumen) -> bytes:
    return documents.render_pdf(html(d))


# --- DOCX ------------------------------------------------------------------------------------------------------

def _p(doc, text: str = "", *, bold: bool = False, size: float | None = None, align=None, after: float = 4):
    p = doc.add_paragraph()
    if text:
        run = p.add_run(documents.xml_safe(text))
        run.bold = bold
        if size:
            run.font.size = Pt(size)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(after)
    p.paragraph_format.space_before = Pt(0)
    return p


def _garis(p) -> None:
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "thickThinSmallGap"), ("w:sz", "18"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)


def docx(d: Dokumen) -> bytes:
    k = kop()
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2)
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    center = WD_ALIGN_PARAGRAPH.CENTER
    logo = documents.logo_bytes(k["logo"])
    if logo:
        _p(doc, align=center, after=2).add_run().add_picture(io.BytesIO(logo), height=Mm(documents.LOGO_MM))
    if k["induk"]:
        _p(doc, k["induk"], bold=True, size=11, align=center, after=0)
    _p(doc, k["nama"], bold=True, size=12, align=center, after=0)
    _p(doc, k["alamat"], size=8.5, align=center, after=0)
    _garis(_p(doc, k["kontak"], size=8.5, align=center, after=10))
    _p(doc, d.judul.upper(), bold=True, size=12, align=center, after=2)
    _p(doc, d.periode, bold=True, align=center, after=2)
    if d.nomor:  # minutes and other attachments carry no number of their own
        _p(doc, f"Nomor: {d.nomor}", align=center, after=2)
    _p(doc, f"Tanggal: {format_tanggal(d.tanggal)}", align=center, after=8)
    if d.catatan:
        _p(doc, d.catatan, bold=True, align=center, after=8)
    for b in d.bagian:
        _p(doc, b.judul, bold=True, size=11, after=4)
        for el in b.isi:
            if el.tipe == "paragraf":
                p = _p(doc, el.teks, after=4)
                p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            elif el.tipe == "daftar":
                for i, butir in enumerate(el.butir, 1):
                    _p(doc, f"{i}. {butir}" if el.bernomor else f"• {butir}", after=2).paragraph_format.left_indent = Cm(0.6)
            elif el.tipe == "tabel":
                _tabel_docx(doc, el)
            elif el.tipe == "grafik" and el.data:
                doc.add_picture(io.BytesIO(grafik_png(el)), width=Cm(15))
    ttd = [_kota_tanggal(k, d.tanggal), k["jabatan"], "", "", "", k["penandatangan"], f"NIP {k['nip']}" if k["nip"] else ""]
    for line in ttd:
        p = _p(doc, line, after=0, bold=line == k["penandatangan"] and bool(line))
        p.paragraph_format.left_indent = Cm(9)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _tabel_docx(doc, t: Tabel) -> None:
    if not t.baris:
        _p(doc, t.kosong, after=4)
        return
    table = doc.add_table(rows=1, cols=len(t.kolom))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    if t.bobot:
        table.autofit = False
    for cell, text in zip(table.rows[0].cells, t.kolom):
        run = cell.paragraphs[0].add_run(documents.xml_safe(text))
        run.bold = True
        run.font.size = Pt(8.5)
    for row in t.baris:
        cells = table.add_row().cells
        for i, (cell, text) in enumerate(zip(cells, row)):
            run = cell.paragraphs[0].add_run(documents.xml_safe(str(text)))
            run.font.size = Pt(8.5)
            if i in t.angka:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if t.bobot:  # Word reads the width of each cell, not of the column
        for row in table.rows:
            for cell, pct in zip(row.cells, t.persen_kolom):
                cell.width = Cm(16.5 * pct / 100)
    _p(doc, after=4)
