"""Regenerate the survey report templates: `python templates/documents/build_skm.py`.

Writes skm_laporan.docx ("Laporan Hasil Survei Kepuasan Masyarakat") and skm_tindak_lanjut.docx
("Laporan Tindak Lanjut Hasil SKM"). Like build_templates.py, every Jinja tag is one run.
"""
from __future__ import annotations

import sys
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from build_templates import _para, a4_document, kop  # noqa: E402

CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


def _heading(doc, text: str):
    p = _para(doc, text, bold=True, size=12, after=6)
    p.paragraph_format.space_before = Pt(12)
    p.paragraph_format.keep_with_next = True  # a heading never ends a page
    return p


def _body(doc, text: str):
    p = _para(doc, text, align=JUSTIFY, after=6)
    p.paragraph_format.line_spacing = 1.15
    return p


def _loop_paragraphs(doc, var: str, seq: str, text: str) -> None:
    _para(doc, "{%p for " + var + " in " + seq + " %}")
    _body(doc, text)
    _para(doc, "{%p endfor %}")


def _table(doc, headers: list[str], cells: list[str], seq: str, widths: list[float], var: str = "r") -> None:
    """A bordered table: header row, then one row per item of `seq` (docxtpl {%tr %} loop)."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text, w in zip(table.rows[0].cells, headers, widths):
        cell.width = Cm(w)
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
    _cant_split(table.rows[0])
    for texts in (["{%tr for " + var + " in " + seq + " %}"] + [""] * (len(headers) - 1), cells,
                  ["{%tr endfor %}"] + [""] * (len(headers) - 1)):
        row = table.add_row()
        _cant_split(row)
        for cell, text, w in zip(row.cells, texts, widths):
            cell.width = Cm(w)
            cell.paragraphs[0].add_run(text)
    _para(doc, after=6)


def _cant_split(row) -> None:
    """A table row is never split across two pages."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def _closing(doc, *paragraphs) -> None:
    """The closing paragraphs and the signature as one block that Word keeps on one page: a signature never
    stands on a page of its own."""
    for p in paragraphs:
        p.paragraph_format.keep_with_next = True
    _para(doc, after=12).paragraph_format.keep_with_next = True
    indent = Cm(9)
    lines = (("{{ kota_tanggal }}", False, 0), ("{{ kantor.kepala_jabatan }}", False, 60),
             ("{{ kantor.kepala_nama }}", True, 0), ("NIP {{ kantor.kepala_nip }}", False, 0))
    for i, (text, bold, after) in enumerate(lines):
        p = _para(doc, text, bold=bold, after=after)
        p.paragraph_format.left_indent = indent
        p.paragraph_format.keep_with_next = i < len(lines) - 1


def build_laporan(path: Path) -> None:
    doc = a4_document()
    kop(doc)
    _para(doc, "LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT", bold=True, size=14, align=CENTER)
    _para(doc, "{{ cakupan }}", bold=True, align=CENTER)
    _para(doc, "Periode {{ periode.nama }} ({{ periode.rentang }})", align=CENTER, after=12)

    _heading(doc, "I. PENDAHULUAN")
    _body(doc, "Survei Kepuasan Masyarakat (SKM) dilaksanakan berdasarkan Peraturan Menteri Pendayagunaan "
               "Aparatur Negara dan Reformasi Birokrasi Nomor 14 Tahun 2017 tentang Pedoman Penyusunan Survei "
               "Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik, untuk mengukur tingkat kepuasan "
               "pengguna layanan sebagai dasar perbaikan kualitas pelayanan publik.")

    _heading(doc, "II. METODE")
    _body(doc, "Kuesioner memuat sembilan unsur pelayanan (U1–U9) dengan empat pilihan jawaban bernilai 1 sampai 4. "
               "Nilai rata-rata (NRR) setiap unsur = jumlah nilai ÷ jumlah responden; Indeks Kepuasan Masyarakat "
               "(IKM) = Σ (NRR × bobot); IKM konversi = IKM × 25.")
    _body(doc, "Metode bobot: {{ metode_label }}.")
    _body(doc, "Pengumpulan data: {{ teknik }}.")
    _body(doc, "Sampel: {{ sampel }}")

    _heading(doc, "III. HASIL SURVEI")
    _body(doc, "{{ ringkasan }}")
    _table(doc, ["No", "Unsur", "Jumlah nilai", "Responden", "NRR", "NRR tertimbang"],
           ["{{ r.no }}", "{{ r.kode }} {{ r.nama }}", "{{ r.jumlah }}", "{{ r.responden }}", "{{ r.nrr }}",
            "{{ r.tertimbang }}"], "unsur", [1, 6.5, 2.3, 2.2, 1.8, 2.5])
    _body(doc, "IKM = {{ ikm }}; IKM konversi = {{ konversi }}; mutu pelayanan {{ mutu }} ({{ kinerja }}).")
    chart = _para(doc, "{{ grafik }}", align=CENTER, after=2)
    chart.paragraph_format.keep_with_next = True  # the chart and its caption stay together
    _para(doc, "Gambar 1. Nilai rata-rata (NRR) per unsur pelayanan, skala 1–4.", size=9, align=CENTER, after=8)
    _body(doc, "Hasil per jenis layanan:")
    _table(doc, ["Layanan", "Unit", "Responden", "IKM", "Mutu", "Sampel"],
           ["{{ r.nama }}", "{{ r.unit }}", "{{ r.responden }}", "{{ r.konversi }}", "{{ r.mutu }}",
            "{{ r.sampel }}"], "per_layanan", [4.5, 4, 2, 1.8, 2.2, 2])
    _body(doc, "Karakteristik responden:")
    _table(doc, ["Karakteristik", "Kategori", "Jumlah", "Persen"],
           ["{{ r.judul }}", "{{ r.kategori }}", "{{ r.jumlah }}", "{{ r.persen }}"], "profil", [4, 6, 3, 3])
    _body(doc, "Tren IKM antarperiode:")
    _table(doc, ["Periode", "Responden", "IKM konversi", "Mutu"],
           ["{{ r.periode }}", "{{ r.responden }}", "{{ r.konversi }}", "{{ r.mutu }}"], "tren", [6, 3, 3, 3])

    _heading(doc, "IV. ANALISIS")
    _body(doc, "Tiga unsur dengan nilai terendah, yang menjadi prioritas perbaikan:")
    _loop_paragraphs(doc, "t", "terendah", "{{ t }}")
    _body(doc, "Ringkasan saran dan masukan responden ({{ jumlah_saran }} saran):")
    _loop_paragraphs(doc, "s", "saran", "• {{ s }}")

    _heading(doc, "V. RENCANA TINDAK LANJUT")
    _table(doc, ["No", "Unsur", "Masalah", "Rencana perbaikan", "Penanggung jawab", "Tenggat", "Status"],
           ["{{ r.no }}", "{{ r.unsur }}", "{{ r.masalah }}", "{{ r.rencana }}", "{{ r.unit }}", "{{ r.tenggat }}",
            "{{ r.status }}"], "rencana", [0.8, 2.2, 3, 4, 2.7, 2, 1.8])
    _body(doc, "{{ catatan_rencana }}")

    _closing(doc, _heading(doc, "VI. PENUTUP"),
             _body(doc, "Hasil survei ini dipublikasikan secara daring pada laman survei dan secara luring melalui "
                        "poster di ruang pelayanan, serta ditindaklanjuti sesuai rencana di atas."))
    doc.core_properties.title = "Laporan Hasil Survei Kepuasan Masyarakat"
    doc.core_properties.author = "ZI Lapor"
    doc.save(path)


def build_tindak_lanjut(path: Path) -> None:
    doc = a4_document()
    kop(doc)
    _para(doc, "LAPORAN TINDAK LANJUT HASIL SURVEI KEPUASAN MASYARAKAT", bold=True, size=13, align=CENTER)
    _para(doc, "Periode {{ periode.nama }} ({{ periode.rentang }})", align=CENTER, after=12)
    _body(doc, "{{ pengantar }}")
    _body(doc, "Capaian: {{ capaian }}")
    _body(doc, "Unsur yang perlu perbaikan:")
    _table(doc, ["Unsur", "NRR", "Alasan", "Keadaan tindak lanjut"],
           ["{{ u.unsur }}", "{{ u.nrr }}", "{{ u.alasan }}", "{{ u.keadaan }}"], "unsur_perlu", [5, 1.5, 4.5, 5.5],
           var="u")
    _body(doc, "Rencana dan hasil perbaikan:")
    _table(doc, ["No", "Unsur", "Rencana perbaikan", "Penanggung jawab", "Tenggat", "Status", "Hasil / bukti"],
           ["{{ r.no }}", "{{ r.unsur }}", "{{ r.rencana }}", "{{ r.unit }}", "{{ r.tenggat }}", "{{ r.status }}",
            "{{ r.hasil }}"], "rencana", [0.8, 2.2, 4, 2.7, 2, 2, 3.3])
    _body(doc, "{{ catatan_rencana }}")
    _closing(doc, _body(doc, "Demikian laporan ini disampaikan sebagai bukti tindak lanjut hasil survei kepuasan "
                             "masyarakat."))
    doc.core_properties.title = "Laporan Tindak Lanjut Hasil SKM"
    doc.core_properties.author = "ZI Lapor"
    doc.save(path)


if __name__ == "__main__":
    build_laporan(HERE / "skm_laporan.docx")
    build_tindak_lanjut(HERE / "skm_tindak_lanjut.docx")
    print(f"ditulis: {HERE / 'skm_laporan.docx'}, {HERE / 'skm_tindak_lanjut.docx'}")
