"""Reading survey spreadsheets (CSV or XLSX, one row per respondent). No Flask, no database: the CLI's
`flask skm hitung` works on a bare spreadsheet.

Every row is checked and every problem reported by its row number as the user sees it in the spreadsheet
(header = row 1), so a file is either wholly good or rejected with a list to fix.
"""
from __future__ import annotations

import csv
import io
import re
import warnings
from dataclasses import dataclass, field
from datetime import date

from core import storage
from skm import vocab
from skm.calculator import UNSUR_KODE

MAX_BYTES = 20 * 1024 * 1024
MAX_BARIS = 200_000
MAX_SARAN = 2000
MAX_KESALAHAN_TAMPIL = 50

# column → accepted header spellings (lower case, spaces/underscores/dots folded)
KOLOM_PROFIL = {
    "no": ("no", "nomor", "no responden", "nomor responden"),
    "tanggal": ("tanggal", "tgl", "tanggal survei"),
    "jenis_kelamin": ("jenis kelamin", "jk", "kelamin"),
    "usia": ("usia", "umur"),
    "pendidikan": ("pendidikan", "pendidikan terakhir"),
    "pekerjaan": ("pekerjaan",),
    "layanan": ("layanan", "jenis layanan"),
    "saran": ("saran", "saran dan masukan", "masukan"),
}
_UNSUR_HEADER = re.compile(r"^u([1-9])(?:$|[^0-9a-z])")


class BerkasError(ValueError):
    """The file as a whole cannot be read (empty, wrong header, merged cells…); `.message` in Indonesian."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class BarisRespon:
    baris: int
    jawaban: dict[str, int]
    jenis_kelamin: str | None = None
    usia: int | None = None
    pendidikan: str | None = None
    pekerjaan: str | None = None
    tanggal: date | None = None
    layanan: str | None = None
    saran: str = ""
    no: str | None = None


@dataclass
class Bacaan:
    nama: str
    kolom: list[str]
    baris: list[BarisRespon] = field(default_factory=list)
    kesalahan: list[tuple[int, str]] = field(default_factory=list)

    @property
    def sah(self) -> bool:
        return not self.kesalahan and bool(self.baris)

    def daftar_kesalahan(self, batas: int = MAX_KESALAHAN_TAMPIL) -> list[str]:
        lines = [f"Baris {n}: {msg}" for n, msg in self.kesalahan[:batas]]
        if len(self.kesalahan) > batas:
            lines.append(f"… dan {len(self.kesalahan) - batas} kesalahan lain.")
        return lines


def _fold(text) -> str:
    return " ".join(re.sub(r"[_.\-:/]+", " ", str(text or "")).strip().lower().split())


def kolom_dari_judul(judul: list) -> list[str | None]:
    """Map header cells to column keys; raise BerkasError naming what is missing or unknown."""
    keys: list[str | None] = []
    unknown = []
    for i, cell in enumerate(judul):
        text = _fold(cell)
        if not text:
            keys.append(None)
            continue
        m = _UNSUR_HEADER.match(text)
        if m:
            keys.append(f"U{m.group(1)}")
            continue
        key = next((k for k, names in KOLOM_PROFIL.items() if text in names), None)
        if key is None:
            unknown.append(str(cell).strip())
        keys.append(key)
    present = [k for k in keys if k]
    doubled = sorted({k for k in present if present.count(k) > 1})
    missing = [k for k in UNSUR_KODE if k not in present]
    expected = ("Baris judul yang diharapkan: U1 … U9 (wajib), dan bila ada: no, tanggal, jenis_kelamin, usia, "
                "pendidikan, pekerjaan, layanan, saran.")
    problems = []
    if missing:
        problems.append(f"kolom {', '.join(missing)} tidak ada")
    if unknown:
        problems.append("kolom tidak dikenal: " + ", ".join(f"«{u}»" for u in unknown))
    if doubled:
        problems.append("kolom ganda: " + ", ".join(doubled))
    if problems:
        raise BerkasError("Baris judul (baris 1) salah: " + "; ".join(problems) + ". " + expected)
    return keys


def baca(data: bytes, nama: str = "berkas") -> Bacaan:
    """Read and check a CSV/XLSX; whole-file problems raise BerkasError, row problems are collected."""
    try:
        clean = storage.inspect_upload(data, nama, max_bytes=MAX_BYTES, allowed=storage.SPREADSHEETS)
    except storage.UploadError as e:
        raise BerkasError(e.message) from e
    if clean.content_type == storage.XLSX:
        rows = _xlsx_rows(clean.data)
    else:
        rows = _csv_rows(clean.data)
    rows = [(n, cells) for n, cells in rows if any(_filled(c) for c in cells)]  # blank rows are not data
    if not rows:
        raise BerkasError("Berkas kosong: tidak ada baris judul maupun data.")
    header_no, header = rows[0]
    if header_no != 1:
        raise BerkasError(f"Baris judul harus di baris 1 (ditemukan di baris {header_no}).")
    keys = kolom_dari_judul(header)
    bacaan = Bacaan(nama=clean.original_name, kolom=[k for k in keys if k])
    if len(rows) == 1:
        raise BerkasError("Berkas hanya berisi baris judul: tidak ada data responden.")
    if len(rows) - 1 > MAX_BARIS:
        raise BerkasError(f"Berkas berisi {len(rows) - 1} baris; paling banyak {MAX_BARIS} baris per impor.")
    seen: dict[tuple, int] = {}
    for number, cells in rows[1:]:
        if len(cells) > len(keys) and any(_filled(c) for c in cells[len(keys):]):
            bacaan.kesalahan.append((number, "ada isian di luar kolom yang berjudul"))
            continue
        values = {k: cells[i] if i < len(cells) else None for i, k in enumerate(keys) if k}
        signature = tuple(_signature(values[k]) for k in sorted(values))
        if signature in seen:
            bacaan.kesalahan.append((number, f"sama persis dengan baris {seen[signature]} (duplikat); "
                                             "bila memang dua responden, beri nomor berbeda di kolom «no»"))
            continue
        seen[signature] = number
        row, problems = _parse_row(number, values)
        if problems:
            bacaan.kesalahan.append((number, "; ".join(problems)))
        else:
            bacaan.baris.append(row)
    return bacaan


class _Formula(str):
    """A cell holding a formula: the value a spreadsheet shows is not in the file for certain."""


def _filled(cell) -> bool:
    return cell is not None and str(cell).strip() != ""


def _signature(value):
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip().lower() if value is not None else ""


def _csv_rows(data: bytes) -> list[tuple[int, list]]:
    text = data.decode("utf-8-sig")
    first = text.split("\n", 1)[0]
    # Indonesian Excel writes ';' (the comma is the decimal separator); pick what the header uses
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [(n, row) for n, row in enumerate(reader, 1)]  # record number, as a spreadsheet shows it
    except csv.Error as e:
        raise BerkasError(f"CSV rusak di baris {reader.line_num}: {e}.") from e


def _xlsx_rows(data: bytes) -> list[tuple[int, list]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and data validation it skips
            wb = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    except (InvalidFileException, KeyError, ValueError, OSError) as e:
        raise BerkasError("Berkas XLSX rusak atau tidak dapat dibaca.") from e
    ws = wb.worksheets[0]
    merged = [str(r) for r in ws.merged_cells.ranges]
    if merged:
        raise BerkasError("Lembar pertama berisi sel gabungan (merge) di " + ", ".join(merged[:10])
                          + ". Pisahkan sel (Unmerge) agar setiap responden satu baris, lalu unggah lagi.")
    out = []
    for row in ws.iter_rows():
        cells = []
        for cell in row:
            value = cell.value
            if cell.data_type == "f" or (isinstance(value, str) and value.startswith("=")):
                value = _Formula(str(value))
            cells.append(value)
        out.append((row[0].row if row else len(out) + 1, cells))
    return out


def _parse_row(number: int, values: dict) -> tuple[BarisRespon | None, list[str]]:
    problems: list[str] = []
    for key, value in values.items():
        if isinstance(value, _Formula):
            problems.append(f"kolom {key} berisi rumus ({value[:40]}); ganti dengan nilainya (Tempel Nilai)")
    if problems:
        return None, problems
    jawaban: dict[str, int] = {}
    for k in UNSUR_KODE:
        value = values.get(k)
        if not _filled(value):
            problems.append(f"{k} kosong")
            continue
        try:
            jawaban[k] = vocab.bilangan_bulat(value, k, 1, 4)
        except vocab.NilaiSalah as e:
            problems.append(str(e))
    row = BarisRespon(baris=number, jawaban=jawaban)
    parsers = {"jenis_kelamin": vocab.jenis_kelamin, "pendidikan": vocab.pendidikan,
               "pekerjaan": vocab.pekerjaan, "tanggal": vocab.tanggal,
               "usia": lambda v: vocab.bilangan_bulat(v, "usia", vocab.USIA_MIN, vocab.USIA_MAX)}
    for key, parse in parsers.items():
        value = values.get(key)
        if _filled(value):
            try:
                setattr(row, key, parse(value))
            except vocab.NilaiSalah as e:
                problems.append(str(e))
    if _filled(values.get("saran")):
        from core.forms import clean_text

        row.saran = clean_text(str(values["saran"]))
        if len(row.saran) > MAX_SARAN:
            problems.append(f"saran lebih dari {MAX_SARAN} karakter")
    for key in ("layanan", "no"):
        if _filled(values.get(key)):
            setattr(row, key, _signature(values[key]))
    return (None if problems else row), problems
