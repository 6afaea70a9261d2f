"""The package the Tim Penilai Internal opens: a ZIP organised by area / pertanyaan holding every evidence file
(and a generated report's DOCX copy), an index (HTML with links into the folders, and the same as PDF) listing each
item against its pertanyaan, and the score sheet (XLSX) in the LKE's shape."""
from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import BinaryIO

from flask import current_app
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from core import audit, documents, storage
from core.attachments import attachments_of
from core.errors import N_, DomainError
from core.workdays import format_tanggal, local_today
from zi import catalogue, evidence, lke, scoring
from zi.dokumen import kop
from zi.models import JENIS_BUKTI, KOMPONEN

XLSX = storage.XLSX
SUMBER = {"jawaban": "Jawaban petugas", "usulan": "Usulan dari data", "kosong": "Belum dijawab"}
BERKAS = {evidence.ADA: "ada", evidence.HILANG: "berkas hilang", evidence.TAUTAN: "tautan",
          evidence.TANPA_BERKAS: "tanpa berkas"}


def slug(text: str, limit: int = 50) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[A-Za-z0-9]+", ascii_))[:limit].strip("-") or "bukti"


def _nama_berkas(name: str) -> str:
    stem, dot, ext = storage.sanitize_filename(name).rpartition(".")
    return f"{slug(stem, 60)}.{slug(ext, 8).lower()}" if dot else slug(name, 60)


def jawaban_teks(item, pilihan: str | None, angka: Decimal | None) -> str:
    if pilihan:
        return pilihan
    if angka is None:
        return "-"
    return scoring.angka(Decimal(angka) * 100) + " %" if item.jenis_jawaban == "persen" else scoring.angka(angka)


@dataclass
class Entri:
    """One item of evidence as the index lists it, under one pertanyaan."""

    judul: str
    jenis: str
    periode: str
    nomor: str
    status: str
    path: str = ""  # inside the ZIP, "" when no file
    salinan: str = ""
    tautan: str = ""
    sebagai: str = ""
    peringatan: list[str] = field(default_factory=list)


@dataclass
class ItemIndeks:
    kode: str
    nama: str
    jawaban: str
    nilai: str
    sumber: str
    folder: str
    entri: list[Entri]
    kurang: list[str]


@dataclass
class AreaIndeks:
    kode: str
    nama: str
    nilai: str
    bobot: str
    folder: str
    item: list[ItemIndeks]


@dataclass
class Ringkasan:
    tahun: int
    berkas: int = 0
    hilang: int = 0
    pertanyaan: int = 0
    nama: list[str] = field(default_factory=list)  # every path written, in order


def paket(tahun: int, out: BinaryIO, today: date | None = None, *, user=None) -> Ringkasan:
    """Write the year's package to `out` (a file or a buffer)."""
    today = today or local_today()
    if not catalogue.ada(tahun):
        raise DomainError(N_("Katalog LKE tahun %(tahun)s belum dimuat.", tahun=tahun), "tahun")
    lb = lke.lembar(tahun, today)
    kes = {k.indikator.id: k for k in evidence.kesiapan(tahun, today=today).indikator}
    root = f"LKE-ZI-{tahun}"
    ring = Ringkasan(tahun)
    folder = current_app.config["UPLOAD_FOLDER"]
    areas: list[AreaIndeks] = []
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        def tulis(path: str, data: bytes) -> None:
            z.writestr(f"{root}/{path}", data)
            ring.nama.append(f"{root}/{path}")

        for urut, al in enumerate(lb.areas + ([lb.hasil] if lb.hasil else []), 1):
            area_dir = f"{urut:02d}-{al.area.kode}-{slug(al.area.nama, 40)}"
            z.writestr(f"{root}/{area_dir}/", b"")  # every area has its folder, even before it has evidence
            items = []
            for sub in al.sub_area:
                for b in sub.baris:
                    ring.pertanyaan += 1
                    item_dir = f"{area_dir}/{b.item.kode}-{slug(b.item.nama, 40)}"
                    k = kes.get(b.item.id)
                    entri = []
                    for info in (k.bukti if k else []):
                        bk = info.bukti
                        e = Entri(bk.judul, JENIS_BUKTI.get(bk.jenis, bk.jenis), _periode_teks(bk, info),
                                  bk.nomor, BERKAS[info.berkas], tautan=bk.tautan,
                                  sebagai=info.bukti_nama.nama if info.bukti_nama else "", peringatan=info.peringatan)
                        if info.berkas == evidence.ADA:
                            e.path = f"{item_dir}/{bk.id:04d}-{_nama_berkas(bk.berkas_nama or bk.judul)}"
                            tulis(e.path, storage.read_bytes(folder, bk.attachment.stored_name))
                            ring.berkas += 1
                            for att in attachments_of(evidence.OWNER_SALINAN, bk.id):
                                e.salinan = f"{item_dir}/{bk.id:04d}-{_nama_berkas(att.original_name)}"
                                tulis(e.salinan, storage.read_bytes(folder, att.stored_name))
                        elif info.berkas == evidence.HILANG:
                            ring.hilang += 1
                        entri.append(e)
                    kurang = list(b.usulan.kurang) if b.usulan and b.usulan.kurang else [
                        f"{n.nama} belum ada di register bukti." for n in (k.kurang if k else [])]
                    items.append(ItemIndeks(b.item.kode, b.item.nama, jawaban_teks(b.item, b.pilihan, b.angka),
                                            scoring.angka(b.nilai) if b.nilai is not None else "0,00",
                                            SUMBER[b.sumber], item_dir, entri, kurang))
            areas.append(AreaIndeks(al.area.kode, al.area.nama, scoring.angka(al.skor.nilai),
                                    scoring.angka(al.skor.bobot), area_dir, items))
        ctx = {"tahun": tahun, "areas": areas, "rekap": lb.rekap, "angka": scoring.angka, "kop": kop(),
               "tanggal": format_tanggal(today), "ringkasan": ring}
        html = documents.render_html("zi_indeks.html", ctx)
        tulis("00-indeks.html", html.encode())
        tulis("00-indeks.pdf", documents.render_pdf(html))
        tulis(f"01-lembar-kerja-lke-{tahun}.xlsx", lembar_xlsx(lb))
    audit.record("zi.ekspor", "zi_katalog", tahun, {"berkas": ring.berkas, "hilang": ring.hilang}, actor=user)
    return ring


def _periode_teks(bk, info) -> str:
    if info.berlaku:
        sampai = format_tanggal(bk.berlaku_sampai) if bk.berlaku_sampai else "sampai dicabut"
        return f"ditetapkan {format_tanggal(bk.tanggal)}, berlaku {sampai}"
    if bk.periode_mulai == bk.periode_selesai:
        return format_tanggal(bk.periode_mulai)
    return f"{format_tanggal(bk.periode_mulai)} – {format_tanggal(bk.periode_selesai)}"


# --- the score sheet -------------------------------------------------------------------------------------------

_BOLD = Font(bold=True)
_HEAD = PatternFill("solid", fgColor="DCE3F0")
_AREA = PatternFill("solid", fgColor="EEF1F6")


def _num(x) -> float | None:
    return None if x is None else float(round(Decimal(x), 4))


def lembar_xlsx(lb: lke.Lembar) -> bytes:
    """The sheet in the LKE's shape: one row per area, sub-area, pertanyaan and isian, with weight, the answer,
    its score and the weighted value; a second sheet recaps the areas, the totals and the verdicts."""
    wb = Workbook()
    ws = wb.active
    ws.title = "LKE"
    ws.append([f"LEMBAR KERJA EVALUASI PEMBANGUNAN ZONA INTEGRITAS TAHUN {lb.tahun}"])
    ws.append(["No", "Komponen / Indikator", "Bobot", "Pilihan jawaban", "Jawaban", "Nilai", "Sumber",
               "Penjelasan dan bukti"])
    for c in ws[2]:
        c.font, c.fill = _BOLD, _HEAD
    ws["A1"].font = Font(bold=True, size=12)
    for komponen, parts in (("A. KOMPONEN PENGUNGKIT", lb.areas), ("B. KOMPONEN HASIL", [lb.hasil] if lb.hasil else [])):
        ws.append(["", komponen, 60 if komponen.startswith("A") else 40, "", "",
                   _num(lb.rekap.pengungkit if komponen.startswith("A") else lb.rekap.hasil.nilai)])
        for c in ws[ws.max_row]:
            c.font = _BOLD
        for i, al in enumerate(parts, 1):
            ws.append([al.area.kode, al.area.nama, _num(al.area.bobot), "", "", _num(al.skor.nilai)])
            for c in ws[ws.max_row]:
                c.font, c.fill = _BOLD, _AREA
            for sub in al.sub_area:
                ws.append([sub.item.kode, f"{sub.item.nama} ({KOMPONEN.get(sub.item.komponen, sub.item.komponen)})",
                           _num(sub.item.bobot), "", "", _num(sub.skor.nilai)])
                ws[ws.max_row][1].font = _BOLD
                for b in sub.baris:
                    opsi = "; ".join(f"{o['kode']}: {o['teks']}" for o in b.item.opsi) or {
                        "persen": "Persentase", "indeks": "Indeks 1–4"}.get(b.item.jenis_jawaban, "")
                    catatan = []
                    if b.jawaban is not None and b.jawaban.alasan:
                        catatan.append(f"Alasan: {b.jawaban.alasan}")
                    if b.usulan is not None:
                        catatan += b.usulan.dasar
                        if b.usulan.kurang:
                            catatan.append("Kurang: " + " ".join(b.usulan.kurang))
                    ws.append([b.item.kode, b.item.nama, None, opsi, jawaban_teks(b.item, b.pilihan, b.angka),
                               _num(b.nilai if b.nilai is not None else 0), SUMBER[b.sumber], "\n".join(catatan)])
                    for anak in sorted((n for n in b.item.anak if n.tingkat == "isian"), key=lambda n: n.urutan):
                        nilai_isian = ((b.jawaban.isian if b.jawaban else None) or
                                       (b.usulan.isian if b.usulan else {}) or {}).get(anak.kode.rsplit(".", 1)[1])
                        ws.append([anak.kode, f"    {anak.nama}", None, "Jumlah", nilai_isian])
    ws.append(["", "NILAI TOTAL", 100, "", "", _num(lb.rekap.total)])
    for c in ws[ws.max_row]:
        c.font = _BOLD
    for col, width in zip("ABCDEFGH", (12, 70, 8, 50, 12, 9, 18, 70)):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=3):
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "C3"

    rk = wb.create_sheet("Rekap")
    rk.append([f"REKAPITULASI NILAI ZONA INTEGRITAS {lb.tahun}"])
    rk["A1"].font = Font(bold=True, size=12)
    rk.append(["Area", "Bobot", "Nilai", "% dari bobot", "Pemenuhan", "Reform"])
    for c in rk[2]:
        c.font, c.fill = _BOLD, _HEAD
    for al in lb.areas:
        s = al.skor
        rk.append([al.area.nama, _num(s.bobot), _num(s.nilai), _num(s.persen * 100), _num(s.pemenuhan), _num(s.reform)])
    r = lb.rekap
    rk.append(["Komponen pengungkit", 60, _num(r.pengungkit)])
    rk.append(["IPAK (indeks " + scoring.angka(r.hasil.ipak) + ")", 17.5, _num(r.hasil.nilai_ipak)])
    rk.append(["Capaian kinerja", 5, _num(r.hasil.nilai_capaian)])
    rk.append(["IPKP (indeks " + scoring.angka(r.hasil.ipkp) + ")", 17.5, _num(r.hasil.nilai_ipkp)])
    rk.append(["Komponen hasil", 40, _num(r.hasil.nilai)])
    rk.append(["NILAI TOTAL", 100, _num(r.total)])
    for c in rk[rk.max_row]:
        c.font = _BOLD
    rk.append([])
    for p in (r.wbk, r.wbbm):
        rk.append([f"{p.predikat}: {'MEMENUHI' if p.memenuhi else 'BELUM MEMENUHI'}"])
        rk[rk.max_row][0].font = _BOLD
        for s in p.syarat:
            rk.append(["✓" if s.terpenuhi else "✗", s.keterangan])
    for i, width in enumerate((48, 10, 10, 12, 12, 12), 1):
        rk.column_dimensions[get_column_letter(i)].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
