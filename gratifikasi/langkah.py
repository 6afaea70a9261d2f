"""The report form one question per page (issue 15): which fields each step asks, in which order, for which kind
of report. Data only; the pages are gratifikasi.views (`lapor`, `langkah_form`, `langkah_halaman`) and
templates/gratifikasi/langkah.html, periksa.html; what is kept between them, gratifikasi.draf.

Every answer travels in the page as hidden fields (and sealed on the server under a key only the browser holds,
for the pages reached by GET), so the session holds no personal data; the last page posts the whole report to the
same address a one-page client posts it to."""
from __future__ import annotations

from dataclasses import dataclass

from core.errors import N_

STAGING = "draf-gratifikasi"  # core.staging's folder for the files uploaded on a step, until the report is sent
PERIKSA = "periksa"  # the check page's name among the steps' pages
SEMUA = ("penerimaan", "penolakan", "nihil")
PEMBERIAN = ("penerimaan", "penolakan")


@dataclass(frozen=True)
class Langkah:
    nama: str            # posted back as `langkah`; also the anchor of its section on the check page
    judul: str           # the question, as the page's heading
    ringkas: str         # its name on the check page
    fields: tuple[str, ...]
    jenis: tuple[str, ...] = SEMUA
    judul_penolakan: str | None = None  # a refusal is asked in its own words
    bagian: tuple[Langkah, ...] = ()  # a page of corrections (`gabung`): the steps it asks again

    def fields_untuk(self, jenis: str) -> tuple[str, ...]:
        """Its questions for a report of this kind (where the object is now: only for a gift received)."""
        return tuple(f for f in self.fields if f != "posisi_objek" or jenis == "penerimaan")

    def judul_untuk(self, jenis: str) -> str:
        return self.judul_penolakan if jenis == "penolakan" and self.judul_penolakan else self.judul


LANGKAH: tuple[Langkah, ...] = (
    Langkah("jenis", N_("Apa yang ingin Anda laporkan?"), N_("Jenis laporan"), ("jenis",)),
    Langkah("identitas", N_("Siapa Anda?"), N_("Identitas"), ("pelapor_nama", "identitas_jenis", "identitas_nomor")),
    Langkah("pekerjaan", N_("Apa jabatan dan unit kerja Anda?"), N_("Jabatan dan unit kerja"),
            ("pelapor_jabatan", "pelapor_pangkat", "unit_id", "unit_nama")),
    Langkah("kontak", N_("Bagaimana UPG dapat menghubungi Anda?"), N_("Kontak"),
            ("pelapor_telepon", "pelapor_email", "pelapor_alamat")),
    Langkah("periode", N_("Laporan nihil ini untuk periode apa?"), N_("Periode laporan nihil"),
            ("periode_awal", "periode_akhir"), ("nihil",)),
    Langkah("pemberi", N_("Siapa yang memberi?"), N_("Pemberi"),
            ("pemberi_nama", "pemberi_hubungan", "pemberi_pekerjaan", "pemberi_alamat"), PEMBERIAN,
            N_("Siapa yang hendak memberi?")),
    Langkah("waktu", N_("Kapan dan di mana Anda menerimanya?"), N_("Waktu, tempat, dan acara"),
            ("tanggal_terima", "tempat_terima", "acara", "acara_keterangan"), PEMBERIAN,
            N_("Kapan dan di mana Anda menolaknya?")),
    Langkah("pemberian", N_("Apa yang diberikan?"), N_("Pemberian"), ("bentuk", "uraian", "nilai", "nilai_taksiran"),
            PEMBERIAN, N_("Apa yang hendak diberikan?")),
    Langkah("kronologi", N_("Bagaimana pemberian itu terjadi?"), N_("Kronologi"), ("kronologi", "posisi_objek"),
            PEMBERIAN, N_("Bagaimana pemberian itu Anda tolak?")),
    Langkah("lampiran", N_("Apakah ada foto atau dokumen bukti?"), N_("Bukti"), ("lampiran",), PEMBERIAN),
)
_BY_NAME = {s.nama: s for s in LANGKAH}


def untuk(jenis: str) -> list[Langkah]:
    """The steps of a report of this kind, in order."""
    return [s for s in LANGKAH if jenis in s.jenis]


def cari(nama: str | None, jenis: str) -> Langkah:
    """The step named `nama` when a report of this kind has it; else the first one."""
    s = _BY_NAME.get(nama or "")
    return s if s is not None and jenis in s.jenis else LANGKAH[0]


def gabung(steps: list[Langkah]) -> Langkah:
    """After a check of the whole report: the one step with a wrong answer, or, when several have one, a page that
    asks all of them again at once — every message and its summary on one page, one round trip to fix them. Its
    name is the check page's, where it leads (and which shows it again while an answer is still wrong)."""
    if len(steps) <= 1:
        return steps[0] if steps else LANGKAH[0]
    judul = N_("Perbaiki jawaban Anda")
    return Langkah(PERIKSA, judul, judul, tuple(f for s in steps for f in s.fields), bagian=tuple(steps))


def dari_halaman(names: list[str], jenis: str) -> Langkah:
    """The step (or page of corrections) whose names a page posts back as its `langkah` fields."""
    return gabung([s for s in untuk(jenis) if s.nama in names])


def geser(s: Langkah, jenis: str, arah: int) -> Langkah | None:
    """The step after (arah=1) or before (arah=-1) `s` (a page of corrections: its first step's); None past
    either end."""
    s = s.bagian[0] if s.bagian else s
    steps = untuk(jenis)
    i = steps.index(s) + arah if s in steps else 0
    return steps[i] if 0 <= i < len(steps) else None


def nomor(s: Langkah, jenis: str) -> tuple[int, int]:
    """(its place, how many) for the progress line."""
    steps = untuk(jenis)
    return (steps.index(s) + 1 if s in steps else 1), len(steps)
