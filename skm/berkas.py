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
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from core import storage
from core.errors import N_, Message, catalogue_word
from skm import vocab
from skm.calculator import UNSUR_KODE, UNSUR_NAMA

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
    "no": ("no", "nomor", "no responden", "nomor responden", "id", "id responden", "kode responden"),
    "waktu": ("timestamp", "cap waktu", "waktu pengisian", "waktu isi", "tanggal dan waktu", "tanggal waktu",
              "stempel waktu"),
    "tanggal": ("tanggal", "tgl", "tanggal survei"),
    "jenis_kelamin": ("jenis kelamin", "jk", "kelamin"),
    "usia": ("usia", "umur"),
    "pendidikan": ("pendidikan", "pendidikan terakhir"),
    "pekerjaan": ("pekerjaan",),
    "layanan": ("layanan", "jenis layanan"),
    "saran": ("saran", "saran dan masukan", "masukan"),
}
# columns that tell one respondent from another: only a row repeated with one of these is a duplicate
KOLOM_IDENTITAS = {"no": catalogue_word(N_("nomor responden")), "waktu": catalogue_word(N_("cap waktu"))}
_USIA = catalogue_word(N_("usia"))  # lowercase: the import lists a fault mid-line
# «U8», «u-8», «Unsur 8», «U8 Sarana …»: the number, then whatever words follow it
_UNSUR_NOMOR = re.compile(r"^(?:u|unsur) ?([1-9])(?![0-9])(.*)$")

class BerkasError(ValueError):
    """The file as a whole cannot be read (empty, wrong header, merged cells…); `.message` in Indonesian, a
    Message (or an N_ text) a page shows in its own language."""

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
    waktu: datetime | None = None


@dataclass(frozen=True)
class KolomUnsur:
    """How one header cell was read as an unsur: by its words ("nama") or, for a bare U1…U9, its number."""

    judul: str
    kode: str
    cara: str  # nama | nomor

    @property
    def keterangan(self) -> str:
        return self.uraian("menurut nama kolom")

    def uraian(self, by_name: str) -> str:
        how = by_name if self.cara == "nama" else "menurut nomor"
        return f"«{self.judul}» → {self.kode} {UNSUR_NAMA[self.kode]} ({how})"

    def as_dict(self) -> dict:
        return {"judul": self.judul, "kode": self.kode, "cara": self.cara}


CATATAN_NOMOR = ("Kolom U8/U9 tanpa nama dibaca menurut urutan PermenPANRB 14/2017 (U8 Penanganan Pengaduan, Saran "
                 "dan Masukan; U9 Sarana dan Prasarana). Bila kuesioner Anda menomori sebaliknya (U8 Sarana), tulis "
                 "nama unsur di judul kolom, mis. «U8 Sarana dan Prasarana».")


def keterangan_pemetaan(pemetaan: list[KolomUnsur]) -> list[str]:
    """The mapping used, one line per unsur column, and the order assumed for bare U8/U9 if any."""
    lines = [m.keterangan for m in sorted(pemetaan, key=lambda m: m.kode)]
    if any(m.cara == "nomor" and m.kode in ("U8", "U9") for m in pemetaan):
        lines.append(CATATAN_NOMOR)
    return lines


@dataclass
class Bacaan:
    nama: str
    kolom: list[str]
    baris: list[BarisRespon] = field(default_factory=list)
    kesalahan: list[tuple[int, str]] = field(default_factory=list)
    pemetaan: list[KolomUnsur] = field(default_factory=list)

    def keterangan_kolom(self) -> list[str]:
        return keterangan_pemetaan(self.pemetaan)

    @property
    def sah(self) -> bool:
        return not self.kesalahan and bool(self.baris)

    def daftar_kesalahan(self, batas: int = MAX_KESALAHAN_TAMPIL) -> list[str]:
        return daftar_baris(self.kesalahan, batas)


def daftar_baris(kesalahan: list[tuple[int, str]], batas: int = MAX_KESALAHAN_TAMPIL) -> list[str]:
    """«Baris n: …» lines (Messages), the first `batas` of them and how many more."""
    # a row number as the spreadsheet shows it (str: no thousands separator), the count as the reader writes it
    lines = [N_("Baris %(baris)s: %(masalah)s", baris=str(n), masalah=msg) for n, msg in kesalahan[:batas]]
    if len(kesalahan) > batas:
        lines.append(N_("… dan %(n)s kesalahan lain.", n=len(kesalahan) - batas))
    return lines


def gabung(parts: list[str], sep: str = "; ") -> Message:
    """Messages joined by `sep`, each translated on its own: one value of a sentence in either language."""
    return Message(sep.join(f"%(p{i})s" for i in range(len(parts))), {f"p{i}": p for i, p in enumerate(parts)})


class _Desimal(Message):
    """A decimal with the places it was written with and the reader's decimal mark (3,625 / 3.625)."""

    def __new__(cls, nilai: Decimal):
        self = str.__new__(cls, str(nilai).replace(".", ","))
        self.msgid, self.values, self.nilai = str(nilai), {}, nilai
        return self

    def __reduce__(self):
        return _Desimal, (self.nilai,)

    def in_lang(self, lang: str, gettext) -> str:
        return self.msgid if lang == "en" else str(self)


def _fold(text) -> str:
    return " ".join(re.sub(r"[_.\-:/]+", " ", str(text or "")).strip().lower().split())


def _baca_judul(judul: list) -> tuple[list[str | None], list[KolomUnsur]]:
    """Map header cells to column keys: an unsur by the words of its header first (whatever number it carries),
    by its number only for a bare U1…U9; raise BerkasError naming what is missing, unknown or ambiguous."""
    keys: list[str | None] = []
    pemetaan: list[KolomUnsur] = []
    unknown, ambiguous = [], []
    for cell in judul:
        text = _fold(cell)
        written = " ".join(str(cell or "").split())
        if not text:
            keys.append(None)
            continue
        profile = None if _UNSUR_NOMOR.match(text) else next((k for k, names in KOLOM_PROFIL.items()
                                                               if text in names), None)
        if profile:
            keys.append(profile)
            continue
        found, problem = unsur_dari_teks(written)
        if problem:
            ambiguous.append(problem)
        elif found:
            pemetaan.append(found)
        else:
            unknown.append(written)
        keys.append(found.kode if found else None)
    present = [k for k in keys if k]
    doubled = sorted({k for k in present if present.count(k) > 1})
    missing = [k for k in UNSUR_KODE if k not in present]
    problems = []
    if missing:
        problems.append(N_("kolom %(kolom)s tidak ada", kolom=", ".join(missing)))
    if unknown:
        problems.append(N_("kolom tidak dikenal: %(kolom)s", kolom=", ".join(f"«{u}»" for u in unknown)))
    problems += ambiguous
    if doubled:
        problems.append(N_("kolom ganda: %(kolom)s", kolom=", ".join(
            f"{k} ({', '.join(f'«{m.judul}»' for m in pemetaan if m.kode == k)})" if k in UNSUR_KODE else k
            for k in doubled)))
    if problems:
        raise BerkasError(N_("Baris judul (baris 1) salah: %(masalah)s. Baris judul yang diharapkan: U1 … U9 atau "
                             "nama unsurnya (wajib; mis. «U8 Sarana dan Prasarana», «Persyaratan»), dan bila ada: no, "
                             "cap waktu, tanggal, jenis_kelamin, usia, pendidikan, pekerjaan, layanan, saran.",
                             masalah=gabung(problems)))
    return keys, pemetaan


def unsur_dari_teks(written: str) -> tuple[KolomUnsur | None, str | None]:
    """(how a header or a table row names an unsur, or None; the problem when it names two). Its words first,
    whatever number it carries; a bare «U8» by its number."""
    text = _fold(written)
    numbered = _UNSUR_NOMOR.match(text)
    rest = numbered.group(2).strip() if numbered else text
    named = vocab.unsur_bernama(rest) if rest else set()
    if len(named) > 1:
        return None, N_("«%(judul)s» menyebut lebih dari satu unsur (%(unsur)s)", judul=written,
                        unsur=", ".join(sorted(named)))
    if named:
        return KolomUnsur(written, named.pop(), "nama"), None
    if numbered:
        return KolomUnsur(written, f"U{numbered.group(1)}", "nomor"), None
    return None, None


def kolom_dari_judul(judul: list) -> list[str | None]:
    """Header cells → column keys (U1…U9 by unsur, profile keys, None for blank)."""
    return _baca_judul(judul)[0]


def pemetaan_unsur(judul: list) -> list[KolomUnsur]:
    """How each unsur column of this header is read."""
    return _baca_judul(judul)[1]


def _baris_berkas(data: bytes, nama: str) -> tuple[str, list[tuple[int, list]]]:
    """(the file's name, its non-blank rows with their numbers): checked by content, inside the caps."""
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
        raise BerkasError(N_("Berkas kosong: tidak ada baris judul maupun data."))
    if rows[0][0] != 1:
        raise BerkasError(N_("Baris judul harus di baris 1 (ditemukan di baris %(baris)s).", baris=str(rows[0][0])))
    if len(rows) == 1:
        raise BerkasError(N_("Berkas hanya berisi baris judul: tidak ada data responden."))
    if len(rows) - 1 > MAX_BARIS:
        raise _terlalu_panjang()
    return clean.original_name, rows


def baca(data: bytes, nama: str = "berkas") -> Bacaan:
    """Read and check a CSV/XLSX; whole-file problems raise BerkasError, row problems are collected."""
    name, rows = _baris_berkas(data, nama)
    return _baca_respon(name, rows)


def baca_untuk_hitung(data: bytes, nama: str = "berkas") -> Bacaan | BacaanNrr:
    """One row per respondent, or a published table of NRR per unsur (told apart by an NRR column)."""
    name, rows = _baris_berkas(data, nama)
    if any(_fold(c) in KOLOM_NRR["nrr"] for c in rows[0][1]):
        return _baca_nrr(name, rows)
    return _baca_respon(name, rows)


def _baca_respon(name: str, rows: list[tuple[int, list]]) -> Bacaan:
    keys, pemetaan = _baca_judul(rows[0][1])
    bacaan = Bacaan(nama=name, kolom=[k for k in keys if k], pemetaan=pemetaan)
    # identical answers are different respondents giving the same answers (DOMAIN.md §4): only a row repeated
    # together with a filled respondent number or timestamp is the same respondent twice
    identitas = [k for k in KOLOM_IDENTITAS if k in bacaan.kolom]
    seen: dict[tuple, int] = {}
    for number, cells in rows[1:]:
        if len(cells) > len(keys) and any(_filled(c) for c in cells[len(keys):]):
            bacaan.kesalahan.append((number, catalogue_word(N_("ada isian di luar kolom yang berjudul"))))
            continue
        values = {k: cells[i] if i < len(cells) else None for i, k in enumerate(keys) if k}
        filled = [k for k in identitas if _filled(values[k])]
        if filled:
            signature = tuple(_signature(values[k]) for k in sorted(values))
            if signature in seen:
                labels = [KOLOM_IDENTITAS[k] for k in filled]
                what = labels[0] if len(labels) == 1 else N_("%(a)s dan %(b)s", a=labels[0], b=labels[1])
                bacaan.kesalahan.append((number, N_("sama persis dengan baris %(baris)s, termasuk %(kolom)s "
                                                    "(duplikat)", baris=str(seen[signature]), kolom=what)))
                continue
            seen[signature] = number
        row, problems = _parse_row(number, values)
        if problems:
            bacaan.kesalahan.append((number, gabung(problems)))
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
        # the reason is Python's own (English) words
        raise BerkasError(N_("CSV rusak di baris %(baris)s: %(sebab)s.", baris=str(reader.line_num), sebab=str(e))) from e


def _periksa_zip(data: bytes) -> None:
    """Refuse an XLSX that would inflate past MAX_XLSX_TERBUKA, judged from the zip directory alone.

    zipfile stops every member at its declared size, so the sum of declared sizes bounds what openpyxl reads.
    """
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise BerkasError(XLSX_RUSAK) from e
    total = sum(m.file_size for m in members)
    suspicious = any(m.file_size > 1024 * 1024 and m.file_size > MAX_RASIO_ZIP * max(m.compress_size, 1)
                     for m in members)
    if total > MAX_XLSX_TERBUKA or suspicious or len(members) > 1000:
        raise BerkasError(N_("Berkas XLSX terlalu besar setelah dibuka (paling besar %(mb)s MB isi lembar kerja) atau "
                             "dimampatkan secara tidak wajar. Simpan ulang lembar pertama saja, sebagai XLSX atau CSV, "
                             "lalu unggah lagi.", mb=MAX_XLSX_TERBUKA // 2**20))


XLSX_RUSAK = N_("Berkas XLSX rusak atau tidak dapat dibaca.")


def _terlalu_panjang() -> BerkasError:
    return BerkasError(N_("Berkas berisi lebih dari %(n)s baris data; paling banyak %(n)s baris per impor.", n=MAX_BARIS))


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
        raise BerkasError(XLSX_RUSAK) from e
    try:
        ws = wb.worksheets[0]
        merged = _sel_gabungan(ws)
        if merged:
            raise BerkasError(N_("Lembar pertama berisi sel gabungan (merge) di %(sel)s. Pisahkan sel (Unmerge) agar "
                                 "setiap responden satu baris, lalu unggah lagi.", sel=", ".join(merged[:10])))
        ws.reset_dimensions()  # a declared A1:XFD1048576 would make the reader pad every row to it
        out = []
        for number, row in enumerate(ws.iter_rows(), 1):
            if number > MAX_BARIS + 1:
                raise _terlalu_panjang()
            if len(row) > MAX_KOLOM:
                raise BerkasError(N_("Baris %(baris)s berisi lebih dari %(n)s kolom; hapus kolom yang tidak "
                                     "dipakai, lalu unggah lagi.", baris=str(number), n=MAX_KOLOM))
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
            problems.append(N_("kolom %(kolom)s berisi rumus (%(rumus)s); ganti dengan nilainya (Tempel Nilai)",
                               kolom=key, rumus=str(value[:40])))
    if problems:
        return None, problems
    jawaban: dict[str, int] = {}
    for k in UNSUR_KODE:
        value = values.get(k)
        if not _filled(value):
            problems.append(N_("%(kode)s kosong", kode=k))
            continue
        try:
            jawaban[k] = vocab.bilangan_bulat(value, k, 1, 4)
        except vocab.NilaiSalah as e:
            problems.append(e.pesan)
    row = BarisRespon(baris=number, jawaban=jawaban)
    parsers = {"jenis_kelamin": vocab.jenis_kelamin, "pendidikan": vocab.pendidikan,
               "pekerjaan": vocab.pekerjaan, "tanggal": vocab.tanggal, "waktu": vocab.waktu,
               "usia": lambda v: vocab.bilangan_bulat(v, _USIA, vocab.USIA_MIN, vocab.USIA_MAX)}
    for key, parse in parsers.items():
        value = values.get(key)
        if _filled(value):
            try:
                setattr(row, key, parse(value))
            except vocab.NilaiSalah as e:
                problems.append(e.pesan)
    if row.tanggal is None and row.waktu is not None:
        row.tanggal = row.waktu.date()
    if _filled(values.get("saran")):
        from core.forms import clean_text

        row.saran = clean_text(str(values["saran"]))
        if len(row.saran) > MAX_SARAN:
            problems.append(N_("saran lebih dari %(n)s karakter", n=MAX_SARAN))
    for key in ("layanan", "no"):
        if _filled(values.get(key)):
            setattr(row, key, _signature(values[key]))
    return (None if problems else row), problems


# --- a published table: one row per unsur, its NRR, and maybe its respondents ------------------------------

KOLOM_NRR = {
    "unsur": ("unsur", "unsur pelayanan", "nama unsur", "kode", "kode unsur", "uraian"),
    "nrr": ("nrr", "nilai rata rata", "nilai rata rata unsur", "nrr per unsur", "nrr unsur", "rata rata"),
    "n": ("n", "responden", "jumlah responden"),
}


@dataclass
class BacaanNrr:
    """A table of NRR per unsur (a published result): the NRRs as written, with the decimals the table uses."""

    nama: str
    nrr: dict[str, Decimal] = field(default_factory=dict)
    responden: dict[str, int] = field(default_factory=dict)
    desimal: int = 0
    pemetaan: list[KolomUnsur] = field(default_factory=list)
    diabaikan: list[tuple[int, str]] = field(default_factory=list)
    kesalahan: list[tuple[int, str]] = field(default_factory=list)
    masalah_tabel: list[str] = field(default_factory=list)  # of the table as a whole

    @property
    def sah(self) -> bool:
        return not self.kesalahan and not self.masalah_tabel

    def daftar_kesalahan(self, batas: int = MAX_KESALAHAN_TAMPIL) -> list[str]:
        return self.masalah_tabel + daftar_baris(self.kesalahan, batas)

    def keterangan_kolom(self) -> list[str]:
        return [m.uraian("menurut nama unsur") for m in sorted(self.pemetaan, key=lambda m: m.kode)]


def _angka_nrr(value) -> tuple[Decimal, int]:
    """(the value, its decimals as written) of an NRR cell: «3,62», «3.62», 3.62, 4."""
    if isinstance(value, bool):
        raise vocab.NilaiSalah(catalogue_word(N_("bukan angka")))
    text = repr(value) if isinstance(value, float) else str(value).strip().replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise vocab.NilaiSalah(N_("«%(nilai)s» bukan angka", nilai=value)) from None
    if not number.is_finite():
        raise vocab.NilaiSalah(N_("«%(nilai)s» bukan angka", nilai=value))
    places = max(0, -number.as_tuple().exponent)
    if isinstance(value, float) and places > 6:  # a computed float: as exact as the spreadsheet keeps it
        places = 15
    return number, places


def _baca_nrr(name: str, rows: list[tuple[int, list]]) -> BacaanNrr:
    header = [_fold(c) for c in rows[0][1]]
    cols = {key: [i for i, h in enumerate(header) if h in names] for key, names in KOLOM_NRR.items()}
    bacaan = BacaanNrr(nama=name)
    if not cols["unsur"]:
        raise BerkasError(N_("Tabel NRR: kolom «unsur» (nama atau kode unsur) tidak ada. Baris judul yang diharapkan: "
                             "unsur, NRR, dan bila ada: responden."))
    if len(cols["nrr"]) > 1 or len(cols["n"]) > 1:
        raise BerkasError(N_("Tabel NRR: kolom NRR atau responden ganda."))
    at_nrr, at_n = cols["nrr"][0], (cols["n"] or [None])[0]

    def cell(cells, i):
        return cells[i] if i is not None and i < len(cells) else None

    rows_of: dict[str, int] = {}
    for number, cells in rows[1:]:
        label = " ".join(str(cell(cells, i)) for i in cols["unsur"] if _filled(cell(cells, i)))
        found, problem = unsur_dari_teks(label) if label else (None, None)
        if problem:
            bacaan.kesalahan.append((number, problem))
            continue
        if found is None:
            bacaan.diabaikan.append((number, N_("«%(label)s» bukan unsur", label=label) if label
                                     else catalogue_word(N_("tanpa nama unsur"))))
            continue
        kode = found.kode
        if kode in rows_of:
            bacaan.kesalahan.append((number, N_("%(kode)s sudah ada di baris %(baris)s", kode=kode,
                                                baris=str(rows_of[kode]))))
            continue
        rows_of[kode] = number
        bacaan.pemetaan.append(found)
        value = cell(cells, at_nrr)
        if not _filled(value):
            bacaan.kesalahan.append((number, N_("NRR %(kode)s kosong", kode=kode)))
            continue
        try:
            nrr, places = _angka_nrr(value)
        except vocab.NilaiSalah as e:
            bacaan.kesalahan.append((number, N_("NRR %(kode)s %(salah)s", kode=kode, salah=e.pesan)))
            continue
        if not Decimal(1) <= nrr <= Decimal(4):
            bacaan.kesalahan.append((number, N_("NRR %(kode)s bernilai %(nilai)s, di luar rentang 1–4", kode=kode,
                                                nilai=_Desimal(nrr))))
            continue
        bacaan.nrr[kode] = nrr
        bacaan.desimal = max(bacaan.desimal, places)  # a table shows one precision: «4» typed is «4,00»
        if at_n is not None and _filled(cell(cells, at_n)):
            try:
                bacaan.responden[kode] = vocab.bilangan_bulat(cell(cells, at_n),
                                                              N_("responden %(kode)s", kode=kode), 1, 10**7)
            except vocab.NilaiSalah as e:
                bacaan.kesalahan.append((number, e.pesan))
    missing = [k for k in UNSUR_KODE if k not in rows_of]
    if missing:
        bacaan.masalah_tabel.append(N_("Unsur %(unsur)s tidak ada di tabel.", unsur=", ".join(missing)))
    if bacaan.responden and len(bacaan.responden) != len(bacaan.nrr):
        bacaan.masalah_tabel.append(N_("Kolom responden harus diisi untuk setiap unsur, atau dikosongkan seluruhnya."))
    return bacaan
