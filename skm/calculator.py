"""The IKM calculator (PermenPANRB 14/2017) and the IPAK/IPKP index: pure functions, no Flask, no database.

Every caller — the web pages, the CLI, the JSON API, the reports and the import — goes through
`hitung_ikm`, fed with per-unsur (sum, count) pairs: summed in Python for a spreadsheet, or with
SUM/COUNT … GROUP BY in the database for a big period. A published table of NRR per unsur goes through it
too when its decimals and n fix the sums (`hitung_ikm_nrr`); otherwise its NRRs are used as written, and the
result says so. Arithmetic is Decimal; rounding happens only for display (and for the mutu class, which the
regulation reads from the konversi at two decimals).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Context, Decimal, localcontext
from typing import Iterable, Mapping

UNSUR_KODE: tuple[str, ...] = ("U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9")

UNSUR_NAMA: dict[str, str] = {
    "U1": "Persyaratan",
    "U2": "Sistem, Mekanisme, dan Prosedur",
    "U3": "Waktu Penyelesaian",
    "U4": "Biaya/Tarif",
    "U5": "Produk Spesifikasi Jenis Pelayanan",
    "U6": "Kompetensi Pelaksana",
    "U7": "Perilaku Pelaksana",
    "U8": "Penanganan Pengaduan, Saran dan Masukan",
    "U9": "Sarana dan Prasarana",
}

# weight methods: code → (weight per unsur, label stated on every output)
METODE_BOBOT: dict[str, tuple[Decimal | None, str]] = {
    "1/9": (None, "bobot tepat 1/9 (Σ NRR ÷ 9)"),
    "0,111": (Decimal("0.111"), "bobot dibulatkan 0,111"),
    "0,11": (Decimal("0.11"), "bobot dibulatkan 0,11"),
}
METODE_DEFAULT = "1/9"

BELUM_ADA_DATA = "Belum ada data: belum ada responden pada periode ini."

# (letter, lower bound of the konversi at two decimals, kinerja)
MUTU: tuple[tuple[str, Decimal, str], ...] = (
    ("A", Decimal("88.31"), "Sangat Baik"),
    ("B", Decimal("76.61"), "Baik"),
    ("C", Decimal("65.00"), "Kurang Baik"),
    ("D", Decimal("25.00"), "Tidak Baik"),
)

_CTX = Context(prec=50)
_TWO = Decimal("0.01")


def _q(value: Decimal, places: str = "0.01") -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def angka(value: Decimal | int | float | None, places: int = 2) -> str:
    """Indonesian number for display: 91,48 · 1.000.000 · '-' for None."""
    if value is None:
        return "-"
    d = _q(Decimal(str(value)), "1" if places == 0 else "0." + "0" * places)
    sign = "-" if d < 0 else ""
    whole, _, frac = f"{abs(d):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ".".join(groups) + ("," + frac if frac else "")


def normalisasi_metode(metode: str | None) -> str:
    """Accept '1/9', '0,111', '0.111', '0,11', '0.11' (the ways offices write them)."""
    key = (metode or METODE_DEFAULT).strip().replace(".", ",")
    if key not in METODE_BOBOT:
        raise ValueError(f"Metode bobot «{metode}» tidak dikenal; pilih 1/9, 0,111 atau 0,11.")
    return key


def mutu_dari_konversi(konversi: Decimal) -> tuple[str, str]:
    """(letter, kinerja) for an IKM konversi; the value is classified at two decimals."""
    shown = _q(konversi)
    for letter, lower, kinerja in MUTU:
        if shown >= lower:
            return letter, kinerja
    return "D", "Tidak Baik"  # below 25 cannot happen with answers 1–4; the scale starts at D


@dataclass(frozen=True)
class NilaiUnsur:
    kode: str
    nama: str
    jumlah: int | None     # Σ answers (None: computed from a published NRR without its n)
    responden: int | None  # answers counted for this unsur
    nrr: Decimal           # unrounded
    nrr_tertimbang: Decimal

    @property
    def nrr_tampil(self) -> str:
        return angka(self.nrr, 2)

    @property
    def persen(self) -> int:
        """Share of the 1–4 scale for bar charts (0–100)."""
        return int(_q(self.nrr / 4 * 100, "1"))


@dataclass(frozen=True)
class HasilIkm:
    metode: str
    metode_label: str
    responden: int | None  # None: a published NRR table that does not say
    unsur: tuple[NilaiUnsur, ...] = ()
    ikm: Decimal | None = None        # 1–4, unrounded
    konversi: Decimal | None = None   # 25–100, unrounded
    mutu: str | None = None
    kinerja: str | None = None
    pesan: str = ""

    @property
    def ada_data(self) -> bool:
        return self.ikm is not None

    @property
    def konversi_tampil(self) -> str:
        return angka(self.konversi, 2) if self.konversi is not None else "-"

    @property
    def ikm_tampil(self) -> str:
        return angka(self.ikm, 3) if self.ikm is not None else "-"

    def terendah(self, n: int = 3) -> list[NilaiUnsur]:
        """The n weakest unsur (ties in questionnaire order): candidates for improvement actions."""
        return sorted(self.unsur, key=lambda u: (u.nrr, UNSUR_KODE.index(u.kode)))[:n]

    def ringkasan(self) -> str:
        if not self.ada_data:
            return f"{self.pesan} ({self.metode_label})"
        return (f"IKM {self.konversi_tampil} — mutu {self.mutu} ({self.kinerja}); "
                f"{angka(self.responden, 0)} responden; {self.metode_label}")

    def as_dict(self) -> dict:
        return {
            "metode_bobot": self.metode, "metode_label": self.metode_label, "responden": self.responden,
            "ada_data": self.ada_data, "pesan": self.pesan,
            "ikm": str(_q(self.ikm, "0.0001")) if self.ikm is not None else None,
            "ikm_konversi": str(_q(self.konversi)) if self.konversi is not None else None,
            "mutu": self.mutu, "kinerja": self.kinerja,
            "unsur": [{"kode": u.kode, "nama": u.nama, "jumlah": u.jumlah, "responden": u.responden,
                       "nrr": str(_q(u.nrr, "0.001"))} for u in self.unsur],
        }


def hitung_ikm(per_unsur: Mapping[str, tuple[int, int]], metode: str | None = None,
               nama_unsur: Mapping[str, str] | None = None) -> HasilIkm:
    """THE calculator. `per_unsur` maps each unsur code U1…U9 to (Σ answers, number of answers).

    NRR = Σ ÷ n; IKM = Σ NRR × 1/9 (or × the rounded weight); konversi = IKM × 25.
    No respondents → a result that says so (never a division by zero).
    """
    metode = normalisasi_metode(metode)
    bobot, label = METODE_BOBOT[metode]
    names = {**UNSUR_NAMA, **(nama_unsur or {})}
    missing = [k for k in UNSUR_KODE if k not in per_unsur]
    extra = [k for k in per_unsur if k not in UNSUR_KODE]
    if missing or extra:
        raise ValueError("Unsur harus tepat U1…U9" + (f"; tidak ada: {', '.join(missing)}" if missing else "")
                         + (f"; tidak dikenal: {', '.join(map(str, extra))}" if extra else "") + ".")
    counts = {k: int(per_unsur[k][1] or 0) for k in UNSUR_KODE}
    sums = {k: int(per_unsur[k][0] or 0) for k in UNSUR_KODE}
    responden = max(counts.values())
    if responden == 0:
        return HasilIkm(metode=metode, metode_label=label, responden=0, pesan=BELUM_ADA_DATA)
    if any(c == 0 for c in counts.values()):
        kosong = ", ".join(k for k in UNSUR_KODE if counts[k] == 0)
        raise ValueError(f"Unsur {kosong} belum berjawaban; IKM tidak dapat dihitung.")
    for k in UNSUR_KODE:
        if not counts[k] <= sums[k] <= 4 * counts[k]:
            raise ValueError(f"Jumlah nilai {k} ({sums[k]}) tidak mungkin untuk {counts[k]} jawaban berskala 1–4.")
    with localcontext(_CTX):
        nrr = {k: Decimal(sums[k]) / Decimal(counts[k]) for k in UNSUR_KODE}
    return _dari_nrr(metode, names, nrr, sums, counts, responden)


def _dari_nrr(metode: str, names: Mapping[str, str], nrr: Mapping[str, Decimal], sums: Mapping[str, int | None],
              counts: Mapping[str, int | None], responden: int | None) -> HasilIkm:
    bobot, label = METODE_BOBOT[metode]
    with localcontext(_CTX):
        rows = []
        for k in UNSUR_KODE:
            weighted = nrr[k] / 9 if bobot is None else nrr[k] * bobot
            rows.append(NilaiUnsur(k, names[k], sums[k], counts[k], nrr[k], weighted))
        if bobot is None:
            ikm = sum((r.nrr for r in rows), Decimal(0)) / 9  # one division: the exact 1/9
        else:
            ikm = sum((r.nrr_tertimbang for r in rows), Decimal(0))
        konversi = ikm * 25
    letter, kinerja = mutu_dari_konversi(konversi)
    return HasilIkm(metode=metode, metode_label=label, responden=responden, unsur=tuple(rows), ikm=ikm,
                    konversi=konversi, mutu=letter, kinerja=kinerja)


# --- a published table: NRR per unsur (and n) --------------------------------------------------------

def pulihkan_jumlah(nrr: Decimal, n: int, desimal: int) -> int | None:
    """Σ answers behind an NRR of n respondents shown at `desimal` places: the one whole number S in n…4n with
    S ÷ n rounding to the NRR; None when several fit (too few decimals for so many respondents) or none."""
    half = Decimal(5).scaleb(-desimal - 1)
    lo, hi = max(n, int(((nrr - half) * n).to_integral_value(rounding=ROUND_CEILING))), \
        min(4 * n, int(((nrr + half) * n).to_integral_value(rounding=ROUND_FLOOR)))
    place = Decimal(1).scaleb(-desimal)
    with localcontext(_CTX):
        fits = [s for s in range(lo, hi + 1) if (Decimal(s) / n).quantize(place, rounding=ROUND_HALF_UP) == nrr]
    return fits[0] if len(fits) == 1 else None


_KATA_DESIMAL = {0: "tanpa desimal", 1: "satu desimal", 2: "dua desimal", 3: "tiga desimal", 4: "empat desimal"}


def hitung_ikm_nrr(nrr: Mapping[str, Decimal], metode: str | None = None, responden: Mapping[str, int] | None = None,
                   desimal: int = 2) -> tuple[HasilIkm, str]:
    """IKM from a published table of NRR per unsur shown at `desimal` places, with the respondents per unsur
    when known. When the decimals fix every unsur's Σ answers (pulihkan_jumlah), the result is exactly the one
    computed from the answers; else it is computed from the NRRs as written, and the sentence returned says
    by how much it may differ."""
    metode = normalisasi_metode(metode)
    if set(nrr) != set(UNSUR_KODE):
        raise ValueError("Unsur harus tepat U1…U9.")
    for k in UNSUR_KODE:
        if not Decimal(1) <= nrr[k] <= Decimal(4):
            raise ValueError(f"NRR {k} ({angka(nrr[k], desimal)}) di luar rentang 1–4.")
    kata = _KATA_DESIMAL.get(desimal, f"{desimal} desimal")
    if responden:
        sums = {k: pulihkan_jumlah(nrr[k], responden[k], desimal) for k in UNSUR_KODE}
        if all(v is not None for v in sums.values()):
            n = max(responden.values())
            how = (f"Jumlah nilai per unsur dipulihkan dari NRR × {angka(n, 0)} responden (NRR {kata}): "
                   "hasilnya sama dengan perhitungan dari jawaban responden.")
            return hitung_ikm({k: (sums[k], responden[k]) for k in UNSUR_KODE}, metode), how
        reason = f"{kata} tidak cukup untuk {angka(max(responden.values()), 0)} responden"
    else:
        reason = "jumlah responden tidak diketahui"
    selisih = angka(Decimal("12.5").scaleb(-desimal), 2)
    how = (f"IKM dihitung dari NRR seperti tertulis ({reason}); IKM konversi dapat berbeda hingga ±{selisih} dari "
           "perhitungan dari jawaban responden.")
    counts = dict(responden) if responden else {k: None for k in UNSUR_KODE}
    n = max(responden.values()) if responden else None
    return _dari_nrr(metode, UNSUR_NAMA, nrr, {k: None for k in UNSUR_KODE}, counts, n), how


def jumlahkan(jawaban: Iterable[Mapping[str, int]]) -> dict[str, tuple[int, int]]:
    """Per-unsur (Σ, count) of answer rows keyed by unsur code: the small-data twin of the SQL sums."""
    sums = {k: 0 for k in UNSUR_KODE}
    counts = {k: 0 for k in UNSUR_KODE}
    for row in jawaban:
        for k in UNSUR_KODE:
            v = row.get(k)
            if v is not None:
                sums[k] += int(v)
                counts[k] += 1
    return {k: (sums[k], counts[k]) for k in UNSUR_KODE}


# --- sample size ------------------------------------------------------------------------------------

def krejcie_morgan(populasi: int) -> int:
    """n = 3,841·N·0,25 ÷ (0,0025·(N−1) + 3,841·0,25), rounded (Krejcie & Morgan, 95 %, ±5 %)."""
    if populasi is None or populasi < 1:
        raise ValueError("Populasi harus bilangan bulat positif.")
    with localcontext(_CTX):
        n = Decimal("3.841") * populasi * Decimal("0.25") / (
            Decimal("0.0025") * (populasi - 1) + Decimal("3.841") * Decimal("0.25"))
    return int(_q(n, "1"))


@dataclass(frozen=True)
class Sampel:
    populasi: int | None
    minimal: int | None
    responden: int

    @property
    def tercapai(self) -> bool | None:
        return None if self.minimal is None else self.responden >= self.minimal

    @property
    def keterangan(self) -> str:
        if self.minimal is None:
            return "Populasi layanan belum diisi; ukuran sampel minimal tidak dapat dihitung."
        status = "tercapai" if self.tercapai else f"belum tercapai (kurang {self.minimal - self.responden})"
        return (f"Sampel minimal {angka(self.minimal, 0)} responden dari populasi {angka(self.populasi, 0)} "
                f"(Krejcie & Morgan); terkumpul {angka(self.responden, 0)} — {status}.")


def sampel(populasi: int | None, responden: int) -> Sampel:
    return Sampel(populasi, krejcie_morgan(populasi) if populasi else None, responden)


# --- IPAK / IPKP ------------------------------------------------------------------------------------

BOBOT_LKE = Decimal("17.5")
AMBANG = {  # minimum index per predicate
    "WBK": {"ipak": Decimal("3.60"), "ipkp": Decimal("3.20")},
    "WBBM": {"ipak": Decimal("3.60"), "ipkp": Decimal("3.60")},
}
JENIS_PERSEPSI = {"ipak": "Indeks Persepsi Anti Korupsi (IPAK)", "ipkp": "Indeks Persepsi Kualitas Pelayanan (IPKP)"}


@dataclass(frozen=True)
class HasilPersepsi:
    jenis: str
    responden: int
    per_item: tuple[tuple[str, Decimal], ...] = ()
    indeks: Decimal | None = None   # 1–4
    nilai_lke: Decimal | None = None  # of 17,5
    pesan: str = ""

    @property
    def ada_data(self) -> bool:
        return self.indeks is not None

    @property
    def indeks_tampil(self) -> str:
        return angka(self.indeks, 2) if self.indeks is not None else "-"

    @property
    def nilai_lke_tampil(self) -> str:
        return angka(self.nilai_lke, 2) if self.nilai_lke is not None else "-"

    def memenuhi(self, predikat: str) -> bool | None:
        if self.indeks is None:
            return None
        return _q(self.indeks) >= AMBANG[predikat][self.jenis]


def hitung_persepsi(jenis: str, per_item: Mapping[str, tuple[int, int]], responden: int) -> HasilPersepsi:
    """Index = mean of the item means (each item 1–4); LKE score = index ÷ 4 × 17,5."""
    if jenis not in JENIS_PERSEPSI:
        raise ValueError("Jenis survei persepsi harus ipak atau ipkp.")
    items = [(teks, s, c) for teks, (s, c) in per_item.items() if c]
    if not items or responden == 0:
        return HasilPersepsi(jenis, responden, pesan=BELUM_ADA_DATA)
    with localcontext(_CTX):
        means = tuple((teks, Decimal(s) / Decimal(c)) for teks, s, c in items)
        indeks = sum((m for _, m in means), Decimal(0)) / len(means)
        lke = indeks / 4 * BOBOT_LKE
    return HasilPersepsi(jenis, responden, means, indeks, lke)


@dataclass(frozen=True)
class Prediksi:
    ipak: HasilPersepsi
    ipkp: HasilPersepsi
    wbk: bool | None = field(init=False)
    wbbm: bool | None = field(init=False)

    def __post_init__(self):
        for predikat in ("wbk", "wbbm"):
            a, b = self.ipak.memenuhi(predikat.upper()), self.ipkp.memenuhi(predikat.upper())
            object.__setattr__(self, predikat, None if a is None or b is None else (a and b))

    @property
    def nilai_hasil(self) -> Decimal | None:
        """IPAK + IPKP share of the 40 hasil points (capaian kinerja's 5 is not predicted here)."""
        if self.ipak.nilai_lke is None or self.ipkp.nilai_lke is None:
            return None
        return self.ipak.nilai_lke + self.ipkp.nilai_lke
