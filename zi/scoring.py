"""The LKE arithmetic of PermenPANRB 90/2021 (DOMAIN.md §5–6): pure functions, no Flask, no database.

An item's score is 0–1 (its option's score, or a ratio); a sub-area is the mean of its items' scores × its
weight; an area is its pemenuhan plus its reform sub-areas; the pengungkit is the six areas (60); the hasil is
IPAK and IPKP (index ÷ 4 × 17,5 each) plus capaian kinerja (5); the total is both (100). Arithmetic is Decimal;
a threshold is read from the value rounded to two decimals, as the LKE shows it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable, Mapping, Sequence

NOL, SATU = Decimal(0), Decimal(1)

# answer option sets and their scores (DOMAIN §6)
SKOR_OPSI: dict[str, dict[str, Decimal]] = {
    "ya_tidak": {"Ya": SATU, "Tidak": NOL},
    "abc": {"A": SATU, "B": Decimal("0.5"), "C": NOL},
    "abcd": {"A": SATU, "B": Decimal("0.67"), "C": Decimal("0.33"), "D": NOL},
    "abcde": {"A": SATU, "B": Decimal("0.75"), "C": Decimal("0.5"), "D": Decimal("0.25"), "E": NOL},
}
JENIS_ANGKA = ("persen", "indeks")  # answered with a number, not an option

BOBOT_PENGUNGKIT = Decimal(60)
BOBOT_SURVEI = Decimal("17.5")  # IPAK and IPKP each
BOBOT_CAPAIAN_KINERJA = Decimal(5)
SKALA_SURVEI = Decimal(4)

# thresholds (DOMAIN §5–6); WBBM carries the total and pengungkit minimums of WBK
AMBANG = {
    "WBK": {"total": Decimal(75), "pengungkit": Decimal(40), "area": Decimal("0.60"),
            "ipak": Decimal("3.60"), "ipkp": Decimal("3.20")},
    "WBBM": {"total": Decimal(75), "pengungkit": Decimal(40), "area": Decimal("0.75"),
             "ipak": Decimal("3.60"), "ipkp": Decimal("3.60")},
}


def dua_desimal(x: Decimal) -> Decimal:
    return Decimal(x).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def angka(x: Decimal | None, places: int = 2) -> str:
    """Indonesian decimal comma for messages: 74,99."""
    if x is None:
        return "-"
    q = Decimal(x).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{q:f}".replace(".", ",")


# --- one item -------------------------------------------------------------------------------------------

def skor_opsi(jenis: str, pilihan: str) -> Decimal:
    """The score of an option ("B" of an A–D question → 0,67). Unknown set or option: ValueError."""
    try:
        return SKOR_OPSI[jenis][pilihan]
    except KeyError:
        raise ValueError(f"pilihan {pilihan!r} tidak ada pada jenis jawaban {jenis!r}") from None


def rasio(pembilang: Decimal | int, penyebut: Decimal | int) -> Decimal | None:
    """A percentage question is its ratio, kept within 0–1; None when there is nothing to divide by."""
    pembilang, penyebut = Decimal(pembilang), Decimal(penyebut)
    if penyebut <= 0:
        return None
    return min(SATU, max(NOL, pembilang / penyebut))


def penurunan(sebelum: Decimal | int, sesudah: Decimal | int) -> Decimal | None:
    """(before − after) ÷ before, within 0–1 (the reform item on disciplinary breaches)."""
    sebelum, sesudah = Decimal(sebelum), Decimal(sesudah)
    if sebelum <= 0:
        return None
    return min(SATU, max(NOL, (sebelum - sesudah) / sebelum))


def skor_rumus(rumus: Mapping, isian: Mapping[str, Decimal | int | None]) -> Decimal | None:
    """Score of a percentage question from its counts; `rumus` comes from the catalogue:
    {"jenis": "rasio", "pembilang": ["3"], "penyebut": ["1"]} or {"jenis": "penurunan", "sebelum": "1",
    "sesudah": "2"}. None when a count is missing or the denominator is zero."""
    def total(keys) -> Decimal | None:
        values = [isian.get(k) for k in keys]
        if any(v is None for v in values):
            return None
        return sum((Decimal(v) for v in values), NOL)

    if rumus.get("jenis") == "rasio":
        atas, bawah = total(rumus["pembilang"]), total(rumus["penyebut"])
        return None if atas is None or bawah is None else rasio(atas, bawah)
    if rumus.get("jenis") == "penurunan":
        a, b = total([rumus["sebelum"]]), total([rumus["sesudah"]])
        return None if a is None or b is None else penurunan(a, b)
    raise ValueError(f"rumus tidak dikenal: {rumus!r}")


def skor_indeks(indeks: Decimal | int) -> Decimal:
    """A survey index on the 1–4 scale as an item score (÷ 4)."""
    indeks = Decimal(indeks)
    if not 1 <= indeks <= SKALA_SURVEI:
        raise ValueError("indeks survei harus 1–4")
    return indeks / SKALA_SURVEI


def nilai_survei(indeks: Decimal | int | None) -> Decimal:
    """IPAK or IPKP in the LKE: index ÷ 4 × 17,5 (0 while there is no survey)."""
    return NOL if indeks is None else skor_indeks(indeks) * BOBOT_SURVEI


# --- sub-area, area, totals --------------------------------------------------------------------------------

def nilai_sub_area(skor: Sequence[Decimal | None], bobot: Decimal) -> Decimal:
    """Mean of the items' scores × the weight; an unanswered item (None) counts as 0, as on the LKE."""
    if not skor:
        return NOL
    return sum((s or NOL for s in skor), NOL) / len(skor) * Decimal(bobot)


@dataclass(frozen=True)
class SubArea:
    kode: str
    komponen: str  # pemenuhan | reform | hasil
    bobot: Decimal
    skor: tuple[Decimal | None, ...] = ()

    @property
    def nilai(self) -> Decimal:
        return nilai_sub_area(self.skor, self.bobot)


@dataclass(frozen=True)
class Area:
    kode: str
    nama: str
    bobot: Decimal
    sub_area: tuple[SubArea, ...] = ()

    def _bagian(self, komponen: str) -> Decimal:
        return sum((s.nilai for s in self.sub_area if s.komponen == komponen), NOL)

    @property
    def pemenuhan(self) -> Decimal:
        return self._bagian("pemenuhan")

    @property
    def reform(self) -> Decimal:
        return self._bagian("reform")

    @property
    def nilai(self) -> Decimal:
        return sum((s.nilai for s in self.sub_area), NOL)

    @property
    def persen(self) -> Decimal:
        """Share of the area's weight reached (0–1)."""
        return self.nilai / self.bobot if self.bobot else NOL


def nilai_area(kode: str, nama: str, bobot: Decimal, sub_area: Iterable[SubArea]) -> Area:
    return Area(kode, nama, Decimal(bobot), tuple(sub_area))


def pengungkit(areas: Iterable[Area]) -> Decimal:
    return sum((a.nilai for a in areas), NOL)


@dataclass(frozen=True)
class Hasil:
    ipak: Decimal | None  # index 1–4
    ipkp: Decimal | None
    capaian_kinerja: Decimal = NOL  # item score 0–1 (× 5)

    @property
    def nilai_ipak(self) -> Decimal:
        return nilai_survei(self.ipak)

    @property
    def nilai_ipkp(self) -> Decimal:
        return nilai_survei(self.ipkp)

    @property
    def nilai_capaian(self) -> Decimal:
        return Decimal(self.capaian_kinerja) * BOBOT_CAPAIAN_KINERJA

    @property
    def nilai(self) -> Decimal:
        return self.nilai_ipak + self.nilai_capaian + self.nilai_ipkp


def hasil(ipak: Decimal | None, ipkp: Decimal | None, capaian_kinerja: Decimal = NOL) -> Hasil:
    return Hasil(None if ipak is None else Decimal(ipak), None if ipkp is None else Decimal(ipkp),
                 Decimal(capaian_kinerja))


def total(nilai_pengungkit: Decimal, nilai_hasil: Decimal) -> Decimal:
    return Decimal(nilai_pengungkit) + Decimal(nilai_hasil)


# --- WBK / WBBM ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Syarat:
    uraian: str
    terpenuhi: bool
    keterangan: str


@dataclass(frozen=True)
class Putusan:
    predikat: str  # WBK | WBBM
    syarat: tuple[Syarat, ...] = field(default_factory=tuple)

    @property
    def memenuhi(self) -> bool:
        return all(s.terpenuhi for s in self.syarat)

    @property
    def alasan(self) -> list[str]:
        """The unmet conditions, in words (empty when the predicate is met)."""
        return [s.keterangan for s in self.syarat if not s.terpenuhi]


def _minimal(uraian: str, nilai: Decimal | None, batas: Decimal, places: int = 2) -> Syarat:
    if nilai is None:
        return Syarat(uraian, False, f"{uraian}: belum ada nilai (minimal {angka(batas, places)}).")
    ok = dua_desimal(nilai) >= batas
    kata = "memenuhi" if ok else "di bawah"
    return Syarat(uraian, ok, f"{uraian} {angka(nilai, places)} {kata} batas minimal {angka(batas, places)}.")


def putusan(predikat: str, *, nilai_total: Decimal, nilai_pengungkit: Decimal, areas: Iterable[Area],
            ipak: Decimal | None, ipkp: Decimal | None) -> Putusan:
    """Whether the scores meet WBK or WBBM, each condition with its reason."""
    a = AMBANG[predikat]
    syarat = [_minimal("Nilai total", nilai_total, a["total"]),
              _minimal("Nilai komponen pengungkit", nilai_pengungkit, a["pengungkit"])]
    for area in areas:
        batas = a["area"] * area.bobot
        s = _minimal(f"Area {area.nama}", area.nilai, batas)
        syarat.append(Syarat(s.uraian, s.terpenuhi,
                             s.keterangan.rstrip(".") + f" ({angka(a['area'] * 100, 0)} % dari bobot "
                                                       f"{angka(area.bobot)})."))
    syarat.append(_minimal("Indeks Persepsi Anti Korupsi (IPAK)", ipak, a["ipak"]))
    syarat.append(_minimal("Indeks Persepsi Kualitas Pelayanan (IPKP)", ipkp, a["ipkp"]))
    return Putusan(predikat, tuple(syarat))


@dataclass(frozen=True)
class Rekap:
    areas: tuple[Area, ...]
    hasil: Hasil
    wbk: Putusan
    wbbm: Putusan

    @property
    def pengungkit(self) -> Decimal:
        return pengungkit(self.areas)

    @property
    def total(self) -> Decimal:
        return total(self.pengungkit, self.hasil.nilai)


def rekap(areas: Iterable[Area], nilai_hasil: Hasil) -> Rekap:
    """Everything at once: per area, pengungkit, hasil, total and both verdicts."""
    areas = tuple(areas)
    p = pengungkit(areas)
    t = total(p, nilai_hasil.nilai)
    args = dict(nilai_total=t, nilai_pengungkit=p, areas=areas, ipak=nilai_hasil.ipak, ipkp=nilai_hasil.ipkp)
    return Rekap(areas, nilai_hasil, putusan("WBK", **args), putusan("WBBM", **args))
