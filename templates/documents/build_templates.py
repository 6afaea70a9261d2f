"""Regenerate the docxtpl templates in this folder: `python templates/documents/build_templates.py`.

The .docx files are committed; this script is their source, so layout changes are reviewed as code.
Each Jinja tag is written as one run, because docxtpl only sees tags that Word did not split.
"""
from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

HERE = Path(__file__).resolve().parent
FONT = "Arial"


def _rule(paragraph: Paragraph, kind: str = "single", size: int = 8) -> None:
    """A bottom border on the paragraph: Word's way to draw a horizontal line."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), kind)
    bottom.set(qn("w:sz"), str(size))
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    ppr.append(borders)


def _para(doc, text: str = "", *, bold: bool = False, size: float | None = None,
          align: WD_ALIGN_PARAGRAPH | None = None, after: float = 0) -> Paragraph:
    p = doc.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(after)
    p.paragraph_format.space_before = Pt(0)
    return p


def a4_document() -> Document:
    """An A4 page with the margins and font every letter and report of the office uses."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    return doc


def kop(doc) -> None:
    """The one letterhead of every document (first page only: it is simply the top of the body), filled from
    the `kop` of core.documents.letterhead; `kop_logo` is the logo image render_docx adds, or ""."""
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, "{%p if kop_logo %}")
    _para(doc, "{{ kop_logo }}", align=center, after=2)
    _para(doc, "{%p endif %}")
    _para(doc, "{%p if kop.induk %}")
    _para(doc, "{{ kop.induk }}", bold=True, size=11, align=center)
    _para(doc, "{%p endif %}")
    _para(doc, "{{ kop.nama }}", bold=True, size=14, align=center)
    _para(doc, "{{ kop.alamat }}", size=9, align=center)
    _rule(_para(doc, "{{ kop.kontak }}", size=9, align=center, after=12), kind="thickThinSmallGap", size=18)


def build_nota_dinas(path: Path) -> None:
    doc = a4_document()
    kop(doc)
    center = WD_ALIGN_PARAGRAPH.CENTER

    _para(doc, "NOTA DINAS", bold=True, size=13, align=center, after=12)

    # Fields aligned on their colons: a borderless three-column table.
    fields = [("Nomor", "{{ nomor }}"), ("Yth.", "{{ yth }}"), ("Dari", "{{ dari }}"), None,
              ("Tanggal", "{{ tanggal }}"), ("Sifat", "{{ sifat }}"), ("Klasifikasi", "{{ klasifikasi }}"),
              ("Lampiran", "{{ lampiran }}"),
              ("Hal", "{{ hal }}")]
    widths = (Cm(3), Cm(0.5), Cm(13))
    table = doc.add_table(rows=0, cols=3)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False

    def row(cells: tuple[str, str, str]) -> None:
        r = table.add_row()
        for cell, text, width in zip(r.cells, cells, widths):
            cell.width = width
            cell.paragraphs[0].add_run(text)

    for item in fields:
        if item is None:
            # Tembusan only when given; one paragraph per recipient inside the cell.
            row(("{%tr if tembusan %}", "", ""))
            r = table.add_row()
            r.cells[0].paragraphs[0].add_run("Tembusan")
            r.cells[1].paragraphs[0].add_run(":")
            value = r.cells[2]
            value.paragraphs[0].add_run("{%p for t in tembusan %}")
            value.add_paragraph().add_run("{{ t }}")
            value.add_paragraph().add_run("{%p endfor %}")
            for cell, width in zip(r.cells, widths):
                cell.width = width
            row(("{%tr endif %}", "", ""))
            continue
        row((item[0], ":", item[1]))

    _rule(_para(doc, after=12))

    # Body: one paragraph per item, then the fixed closing sentence.
    _para(doc, "{%p for p in paragraf %}")
    body = _para(doc, "{{ p }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6)
    body.paragraph_format.first_line_indent = Cm(1.25)
    body.paragraph_format.line_spacing = 1.15
    _para(doc, "{%p endfor %}")
    closing = _para(doc, "Demikian disampaikan, atas perhatian Bapak/Ibu diucapkan terima kasih.",
                    align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=24)
    closing.paragraph_format.first_line_indent = Cm(1.25)
    closing.paragraph_format.keep_with_next = True  # the closing goes with the signature to its page

    # Signature block on the right half; no stamp on a nota dinas.
    indent = Cm(8.5)
    lines = (("{{ penandatangan_jabatan }}", False, 60), ("{{ penandatangan_nama }}", True, 0),
             ("NIP {{ penandatangan_nip }}", False, 0))
    for i, (text, bold, after) in enumerate(lines):
        p = _para(doc, text, bold=bold, after=after)
        p.paragraph_format.left_indent = indent
        p.paragraph_format.keep_with_next = i < len(lines) - 1

    doc.core_properties.title = "Nota Dinas"
    doc.core_properties.author = "ZI Lapor"
    doc.save(path)


if __name__ == "__main__":
    build_nota_dinas(HERE / "nota_dinas.docx")
    print(f"ditulis: {HERE / 'nota_dinas.docx'}")
