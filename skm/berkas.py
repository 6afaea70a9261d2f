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
import zipfile
from dataclasses import dataclass, field
from datetime import date

from core import storage
from skm import vocab
from skm.calculator import UNSUR_KODE

MAX_BYTES = 20 * 1024 * 1024
# A survey sample is hundreds of respondents (Krejcie-Morgan stops at 384): 50 000 rows is generous, and
# bounds what a read costs. An XLSX is a zip: what it inflates to is checked before openpyxl opens it.
MAX_BARIS = 50_000
MAX_KOLOM = 64
MAX_XLSX_TERBUKA = 64 * 1024 * 1024  # about 50 000 rows of 16 columns as sheet XML
MAX_RASIO_ZIP = 200  # real sheets compress 5-30×; a zip bomb ~1000×
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
        raise _terlalu_panjang()
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


def _periksa_zip(data: bytes) -> None:
    """Refuse an XLSX that would inflate past MAX_XLSX_TERBUKA, judged from the zip directory alone.

    zipfile stops every member at its declared size, so the sum of declared sizes bounds what openpyxl reads.
    """
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise BerkasError("Berkas XLSX rusak atau tidak dapat dibaca.") from e
    total = sum(m.file_size for m in members)
    suspicious = any(m.file_size > 1024 * 1024 and m.file_size > MAX_RASIO_ZIP * max(m.compress_size, 1)
                     for m in members)
    if total > MAX_XLSX_TERBUKA or suspicious or len(members) > 1000:
        raise BerkasError(f"Berkas XLSX terlalu besar setelah dibuka (paling besar {MAX_XLSX_TERBUKA // 2**20} MB "
                          "isi lembar kerja) atau dimampatkan secara tidak wajar. Simpan ulang lembar pertama saja, "
                          "sebagai XLSX atau CSV, lalu unggah lagi.")


def _terlalu_panjang() -> BerkasError:
    return BerkasError(f"Berkas berisi lebih dari {MAX_BARIS} baris data; paling banyak {MAX_BARIS} baris per impor.")


def _xlsx_rows(data: bytes) -> list[tuple[int, list]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    _periksa_zip(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and data validation it skips
            # read-only: rows stream from the sheet XML instead of a whole workbook in memory
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (InvalidFileException, KeyError, ValueError, OSError, zipfile.BadZipFile) as e:
        raise BerkasError("Berkas XLSX rusak atau tidak dapat dibaca.") from e
    try:
        ws = wb.worksheets[0]
        merged = _sel_gabungan(ws)
        if merged:
            raise BerkasError("Lembar pertama berisi sel gabungan (merge) di " + ", ".join(merged[:10])
                              + ". Pisahkan sel (Unmerge) agar setiap responden satu baris, lalu unggah lagi.")
        ws.reset_dimensions()  # a declared A1:XFD1048576 would make the reader pad every row to it
        out = []
        for number, row in enumerate(ws.iter_rows(), 1):
            if number > MAX_BARIS + 1:
                raise _terlalu_panjang()
            if len(row) > MAX_KOLOM:
                raise BerkasError(f"Baris {number} berisi lebih dari {MAX_KOLOM} kolom; hapus kolom yang tidak "
                                  "dipakai, lalu unggah lagi.")
            cells = []
            for cell in row:
                value = cell.value
                if cell.data_type == "f" or (isinstance(value, str) and value.startswith("=")):
                    value = _Formula(str(value))
                cells.append(value)
            out.append((number, cells))
        return out
    finally:
        wb.close()


def _sel_gabungan(ws) -> list[str]:
    """Merged ranges of a read-only sheet (which does not parse them): one more streaming pass."""
    from openpyxl.xml.constants import SHEET_MAIN_NS
    from openpyxl.xml.functions import iterparse

    tag = "{%s}mergeCell" % SHEET_MAIN_NS
    found = []
    with ws._get_source() as src:  # read-only worksheets open their XML part on demand
        for _, element in iterparse(src):
            if element.tag == tag:
                found.append(element.get("ref", ""))
            element.clear()
    return found


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
