"""Regenerate the gratifikasi docxtpl templates: `python templates/documents/build_gratifikasi.py`.

- gratifikasi_surat_kpk.docx: the UPG's cover letter to KPK, with the report form as its attachment;
- gratifikasi_laporan_periodik.docx: the UPG's periodic report to the head of office and to KPK.

The .docx files are committed; this script is their source. Each Jinja tag is one run (docxtpl only sees
tags Word did not split), and table loops use docxtpl's {%tr %} rows.
"""
from __future__ import annotations

import sys
from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, RGBColor

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from build_templates import _para, a4_document, kop  # noqa: E402  (shared layout helpers of the kernel script)

CENTER, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY


def _fields(doc, rows, widths=(Cm(3), Cm(0.5), Cm(13))):
    table = doc.add_table(rows=0, cols=3)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    for label, value in rows:
        r = table.add_row()
        for cell, text, width in zip(r.cells, (label, ":", value), widths):
            cell.width = width
            cell.paragraphs[0].add_run(text)
    return table


def _loop_table(doc, headers: list[str], cells: list[str], loop: str, widths_cm: list[float]):
    """A bordered table: a header row, then one row per item of `loop` ("r in rows")."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    for cell, text, w in zip(table.rows[0].cells, headers, widths_cm):
        cell.width = Cm(w)
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
    for text in (f"{{%tr for {loop} %}}", None, "{%tr endfor %}"):
        r = table.add_row()
        for i, (cell, w) in enumerate(zip(r.cells, widths_cm)):
            cell.width = Cm(w)
            if text is None:
                cell.paragraphs[0].add_run(cells[i])
            elif i == 0:
                cell.paragraphs[0].add_run(text)
    _para(doc, after=6)
    return table


def _signature(doc, indent=Cm(9)) -> None:
    for text, bold, after in (("{{ kota_tanggal }}", False, 0), ("{{ penandatangan_jabatan }}", False, 60),
                              ("{{ penandatangan_nama }}", True, 0), ("NIP {{ penandatangan_nip }}", False, 0)):
        p = _para(doc, text, bold=bold, after=after)
        p.paragraph_format.left_indent = indent


def build_surat_kpk(path: Path) -> None:
    doc = a4_document()
    # a draft (before the sending is recorded) says so above the letterhead
    _para(doc, "{%p if draf %}")
    draf = _para(doc, "DRAF — belum bernomor dan belum dikirim. Nomor surat diberikan saat penerusan ke KPK dicatat.",
                 bold=True, after=6)
    draf.runs[0].font.color.rgb = RGBColor(0xB0, 0x2A, 0x37)
    _para(doc, "{%p endif %}")
    kop(doc)
    _fields(doc, [("Nomor", "{{ nomor_surat }}"), ("Sifat", "{{ sifat }}"), ("Lampiran", "{{ lampiran }}"),
                  ("Hal", "{{ hal }}")])
    _para(doc, after=12)
    _para(doc, "Yth. {{ tujuan }}")
    _para(doc, "{{ tujuan_alamat }}", after=12)
    _para(doc, "{%p for p in paragraf %}")
    body = _para(doc, "{{ p }}", align=JUSTIFY, after=6)
    body.paragraph_format.first_line_indent = Cm(1.25)
    _para(doc, "{%p endfor %}")
    _para(doc, after=12)
    _signature(doc)
    _para(doc, "{%p if tembusan %}")
    _para(doc, "Tembusan:")
    _para(doc, "{%p for t in tembusan %}")
    _para(doc, "{{ t }}")
    _para(doc, "{%p endfor %}")
    _para(doc, "{%p endif %}")

    # the report itself, as the letter's attachment, on a new page
    brk = _para(doc)
    brk.add_run().add_break(WD_BREAK.PAGE)
    _para(doc, "Lampiran Surat Nomor {{ nomor_surat }} tanggal {{ tanggal }}", size=9)
    _para(doc, "FORMULIR LAPORAN GRATIFIKASI", bold=True, size=12, align=CENTER)
    _para(doc, "{{ nomor_laporan }}", align=CENTER, after=12)
    _loop_table(doc, ["Bagian", "Isian", "Keterangan"], ["{{ r.bagian }}", "{{ r.label }}", "{{ r.isi }}"],
                "r in rincian", [3.5, 5, 8])
    _para(doc, "Lampiran dari pelapor: {{ lampiran_pelapor }}", size=9)
    doc.core_properties.title = "Surat Penyampaian Laporan Gratifikasi"
    doc.core_properties.author = "ZI Lapor"
    doc.save(path)


def build_laporan_periodik(path: Path) -> None:
    doc = a4_document()
    kop(doc)
    _para(doc, "LAPORAN PERIODIK PENGENDALIAN GRATIFIKASI", bold=True, size=13, align=CENTER)
    _para(doc, "{{ upg_nama }}", align=CENTER)
    _para(doc, "Periode {{ periode }}", align=CENTER, after=12)
    _fields(doc, [("Kepada", "{{ kepada }}"), ("Tanggal", "{{ tanggal }}"), ("Nomor", "{{ nomor }}")])
    _para(doc, after=6)
    _para(doc, "A. Ringkasan", bold=True, after=4)
    _loop_table(doc, ["Uraian", "Jumlah"], ["{{ r.label }}", "{{ r.nilai }}"], "r in ringkasan", [11, 5.5])
    _para(doc, "B. Menurut bentuk gratifikasi", bold=True, after=4)
    _loop_table(doc, ["Bentuk", "Laporan", "Nilai"], ["{{ r.label }}", "{{ r.jumlah }}", "{{ r.nilai }}"],
                "r in per_bentuk", [8, 3, 5.5])
    _para(doc, "C. Menurut unit kerja", bold=True, after=4)
    _loop_table(doc, ["Unit kerja", "Laporan", "Nilai"], ["{{ r.label }}", "{{ r.jumlah }}", "{{ r.nilai }}"],
                "r in per_unit", [8, 3, 5.5])
    _para(doc, "D. Penetapan status oleh KPK", bold=True, after=4)
    _loop_table(doc, ["Status", "Laporan", "Nilai"], ["{{ r.label }}", "{{ r.jumlah }}", "{{ r.nilai }}"],
                "r in per_penetapan", [8, 3, 5.5])
    _para(doc, "E. Ketepatan waktu", bold=True, after=4)
    _loop_table(doc, ["Uraian", "Jumlah"], ["{{ r.label }}", "{{ r.nilai }}"], "r in ketepatan", [11, 5.5])
    _para(doc, "F. Daftar laporan", bold=True, after=4)
    _loop_table(doc, ["No.", "Nomor", "Diterima", "Jenis", "Bentuk", "Nilai", "Status"],
                ["{{ r.no }}", "{{ r.nomor }}", "{{ r.tanggal }}", "{{ r.jenis }}", "{{ r.bentuk }}",
                 "{{ r.nilai }}", "{{ r.status }}"], "r in laporan", [1, 3.2, 2.4, 2.2, 2.2, 2.5, 3])
    _para(doc, "G. Kegiatan kampanye dan sosialisasi", bold=True, after=4)
    _loop_table(doc, ["Tanggal", "Media", "Kegiatan"], ["{{ r.tanggal }}", "{{ r.media }}", "{{ r.judul }}"],
                "r in kampanye", [3, 4, 9.5])
    closing = _para(doc, "Demikian laporan ini disampaikan sebagai bahan pemantauan pengendalian gratifikasi.",
                    align=JUSTIFY, after=18)
    closing.paragraph_format.first_line_indent = Cm(1.25)
    _signature(doc)
    doc.core_properties.title = "Laporan Periodik Pengendalian Gratifikasi"
    doc.core_properties.author = "ZI Lapor"
    doc.save(path)


if __name__ == "__main__":
    for name, build in (("gratifikasi_surat_kpk.docx", build_surat_kpk),
                        ("gratifikasi_laporan_periodik.docx", build_laporan_periodik)):
        build(HERE / name)
        print(f"ditulis: {HERE / name}")
