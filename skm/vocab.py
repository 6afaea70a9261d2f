"""Fixed vocabularies of the surveys: the default questionnaire, respondent profile choices, and how the
many ways people write them in spreadsheets map to one stored value. No Flask here (N_ only marks labels
for the translation catalogue)."""
from __future__ import annotations

import re
from datetime import date, datetime

from core.errors import N_
from skm.calculator import UNSUR_KODE, UNSUR_NAMA

# default wording (PermenPANRB 14/2017 annex); offices edit it, the unsur identity never changes
PERTANYAAN_BAWAAN: dict[str, tuple[str, tuple[str, str, str, str]]] = {
    "U1": (N_("Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?"),
           (N_("Tidak sesuai"), N_("Kurang sesuai"), N_("Sesuai"), N_("Sangat sesuai"))),
    "U2": (N_("Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?"),
           (N_("Tidak mudah"), N_("Kurang mudah"), N_("Mudah"), N_("Sangat mudah"))),
    "U3": (N_("Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?"),
           (N_("Tidak cepat"), N_("Kurang cepat"), N_("Cepat"), N_("Sangat cepat"))),
    "U4": (N_("Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?"),
           (N_("Sangat mahal"), N_("Cukup mahal"), N_("Murah"), N_("Gratis"))),
    "U5": (N_("Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar "
           "pelayanan dengan hasil yang diberikan?"),
           (N_("Tidak sesuai"), N_("Kurang sesuai"), N_("Sesuai"), N_("Sangat sesuai"))),
    "U6": (N_("Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?"),
           (N_("Tidak kompeten"), N_("Kurang kompeten"), N_("Kompeten"), N_("Sangat kompeten"))),
    "U7": (N_("Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?"),
           (N_("Tidak sopan dan ramah"), N_("Kurang sopan dan ramah"), N_("Sopan dan ramah"), N_("Sangat sopan dan ramah"))),
    "U8": (N_("Bagaimana pendapat Saudara tentang penanganan pengaduan, saran dan masukan pengguna layanan?"),
           (N_("Tidak ada"), N_("Ada tetapi tidak berfungsi"), N_("Berfungsi kurang maksimal"), N_("Dikelola dengan baik"))),
    "U9": (N_("Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana pelayanan?"),
           (N_("Buruk"), N_("Cukup"), N_("Baik"), N_("Sangat baik"))),
}
assert tuple(PERTANYAAN_BAWAAN) == UNSUR_KODE and set(UNSUR_NAMA) == set(UNSUR_KODE)

PERSEPSI_SKALA = (N_("Sangat tidak setuju"), N_("Tidak setuju"), N_("Setuju"), N_("Sangat setuju"))
PERSEPSI_BAWAAN: dict[str, list[str]] = {
    "ipak": [
        N_("Petugas melayani semua pengguna layanan tanpa membeda-bedakan (tidak diskriminatif)."),
        N_("Petugas melayani sesuai prosedur/SOP, tanpa kecurangan."),
        N_("Petugas tidak meminta atau menerima imbalan, hadiah, atau gratifikasi."),
        N_("Tidak ada calo atau perantara dalam pelayanan."),
        N_("Tidak ada pungutan liar (pungli) di luar ketentuan."),
    ],
    "ipkp": [
        N_("Informasi pelayanan mudah diperoleh dan jelas."),
        N_("Persyaratan pelayanan sesuai dan mudah dipenuhi."),
        N_("Prosedur pelayanan mudah dipahami."),
        N_("Waktu penyelesaian pelayanan sesuai janji layanan."),
        N_("Biaya pelayanan sesuai ketentuan (atau gratis) dan transparan."),
        N_("Produk layanan yang diterima sesuai standar pelayanan."),
        N_("Petugas kompeten dalam memberikan pelayanan."),
        N_("Petugas sopan dan ramah."),
        N_("Pengaduan, saran dan masukan ditangani dengan baik."),
        N_("Sarana dan prasarana pelayanan nyaman dan memadai."),
    ],
}

# labels shown on pages are marked N_ (translated there with _()); the stored values are the codes
JENIS_KELAMIN = {"L": N_("Laki-laki"), "P": N_("Perempuan")}
PENDIDIKAN = {"SD": N_("SD ke bawah"), "SMP": N_("SMP/sederajat"), "SMA": N_("SMA/SMK/sederajat"), "D1-D3": N_("D1–D3"),
              "D4-S1": N_("D4/S1"), "S2": N_("S2"), "S3": N_("S3")}
PEKERJAAN = {"PNS": N_("PNS/ASN"), "TNI": N_("TNI"), "POLRI": N_("POLRI"), "SWASTA": N_("Pegawai swasta"),
             "WIRAUSAHA": N_("Wirausaha"), "LAINNYA": N_("Lainnya")}
USIA_MIN, USIA_MAX = 15, 100
KELOMPOK_USIA = ((15, 24, "15–24"), (25, 34, "25–34"), (35, 44, "35–44"), (45, 54, "45–54"), (55, 100, "55+"))

_JK_ALIAS = {"l": "L", "lk": "L", "laki-laki": "L", "laki laki": "L", "laki": "L", "pria": "L",
             "p": "P", "pr": "P", "perempuan": "P", "wanita": "P"}
_PENDIDIKAN_ALIAS = {"sd": "SD", "tidak sekolah": "SD", "sd ke bawah": "SD", "smp": "SMP", "sltp": "SMP",
                     "mts": "SMP", "sma": "SMA", "slta": "SMA", "smk": "SMA", "ma": "SMA", "d1": "D1-D3",
                     "d2": "D1-D3", "d3": "D1-D3", "d1-d3": "D1-D3", "diploma": "D1-D3", "d4": "D4-S1",
                     "s1": "D4-S1", "d4/s1": "D4-S1", "d4-s1": "D4-S1", "sarjana": "D4-S1", "s2": "S2",
                     "magister": "S2", "s3": "S3", "doktor": "S3"}
_PEKERJAAN_ALIAS = {"pns": "PNS", "asn": "PNS", "pns/asn": "PNS", "pppk": "PNS", "tni": "TNI", "polri": "POLRI",
                    "polisi": "POLRI", "swasta": "SWASTA", "pegawai swasta": "SWASTA", "karyawan swasta": "SWASTA",
                    "wirausaha": "WIRAUSAHA", "wiraswasta": "WIRAUSAHA", "pengusaha": "WIRAUSAHA",
                    "lainnya": "LAINNYA", "lain-lain": "LAINNYA", "pelajar": "LAINNYA", "mahasiswa": "LAINNYA",
                    "ibu rumah tangga": "LAINNYA", "irt": "LAINNYA", "petani": "LAINNYA"}


# Words that name an unsur in a sheet's header or a published table, whatever number the sheet gives it:
# many questionnaires (the regulation's own contoh kuesioner among them) number U8 Sarana, U9 Pengaduan.
# Each word names one unsur only; a header naming two («sarana pengaduan») is refused, not guessed.
UNSUR_KATA: dict[str, tuple[str, ...]] = {
    "U1": ("persyaratan", "syarat"),
    "U2": ("sistem", "mekanisme", "prosedur", "smp", "alur"),
    "U3": ("waktu", "kecepatan", "penyelesaian"),
    "U4": ("biaya", "tarif"),
    "U5": ("produk", "spesifikasi"),
    "U6": ("kompetensi", "kemampuan"),
    "U7": ("perilaku", "kesopanan", "keramahan", "sikap"),
    "U8": ("pengaduan", "masukan", "komplain"),
    "U9": ("sarana", "prasarana", "sarpras", "fasilitas"),
}


class NilaiSalah(ValueError):
    """A value that does not fit its column. `pesan`: a Message, lowercase but for a name (the import lists it
    mid-line; a form puts it in a sentence of its own)."""

    @property
    def pesan(self) -> str:
        return self.args[0]


def _key(value) -> str:
    return " ".join(str(value).strip().lower().replace("_", " ").split())


def jenis_kelamin(value) -> str:
    code = _JK_ALIAS.get(_key(value))
    if code is None:
        raise NilaiSalah(N_("jenis kelamin «%(nilai)s» tidak dikenal (isi L atau P)", nilai=value))
    return code


def pendidikan(value) -> str:
    k = _key(value)
    code = _PENDIDIKAN_ALIAS.get(k) or next((c for c in PENDIDIKAN if c.lower() == k), None)
    if code is None:
        raise NilaiSalah(N_("pendidikan «%(nilai)s» tidak dikenal (SD, SMP, SMA, D1–D3, D4/S1, S2, S3)", nilai=value))
    return code


def pekerjaan(value) -> str:
    code = _PEKERJAAN_ALIAS.get(_key(value))
    if code is None:
        raise NilaiSalah(N_("pekerjaan «%(nilai)s» tidak dikenal (PNS, TNI, POLRI, Swasta, Wirausaha, Lainnya)",
                             nilai=value))
    return code


def unsur_bernama(teks) -> set[str]:
    """The unsur a header or a table row names by its words (empty: none; two or more: ambiguous)."""
    words = set(re.findall(r"[a-z0-9]+", _key(teks)))
    return {kode for kode, kata in UNSUR_KATA.items() if words.intersection(kata)}


def bilangan_bulat(value, nama: str, lo: int, hi: int) -> int:
    """`nama`: a code (U1) or a Message (a label, translated with the fault)."""
    bukan_angka = N_("%(nama)s harus angka %(lo)s–%(hi)s", nama=nama, lo=lo, hi=hi)
    if isinstance(value, bool):
        raise NilaiSalah(bukan_angka)
    if isinstance(value, float):
        if not value.is_integer():
            raise NilaiSalah(N_("%(nama)s bernilai %(nilai)s: harus bilangan bulat %(lo)s–%(hi)s", nama=nama,
                                nilai=value, lo=lo, hi=hi))
        value = int(value)
    if isinstance(value, str):
        text = value.strip()
        if text.endswith((",0", ".0")):
            text = text[:-2]
        if not text.lstrip("-").isdigit():
            raise NilaiSalah(N_("%(nama)s «%(nilai)s» bukan angka (isi %(lo)s–%(hi)s)", nama=nama, nilai=value,
                                lo=lo, hi=hi))
        value = int(text)
    if not isinstance(value, int):
        raise NilaiSalah(bukan_angka)
    if not lo <= value <= hi:
        raise NilaiSalah(N_("%(nama)s bernilai %(nilai)s, di luar rentang %(lo)s–%(hi)s", nama=nama, nilai=value,
                            lo=lo, hi=hi))
    return value


def tanggal(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for parse in (lambda t: date.fromisoformat(t),
                  lambda t: datetime.strptime(t, "%d/%m/%Y").date(),
                  lambda t: datetime.strptime(t, "%d-%m-%Y").date()):
        try:
            return parse(text)
        except ValueError:
            continue
    raise NilaiSalah(N_("tanggal «%(nilai)s» tidak dikenal (tulis 2026-03-31 atau 31/03/2026)", nilai=value))


def waktu(value) -> datetime:
    """A timestamp as spreadsheets and form exports write it (Google Forms: «31/03/2026 10:15:05»)."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    text = " ".join(str(value).strip().replace("T", " ").split())
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d-%m-%Y %H:%M:%S",
                "%d-%m-%Y %H:%M", "%d/%m/%Y %H.%M.%S", "%d/%m/%Y %H.%M"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise NilaiSalah(N_("cap waktu «%(nilai)s» tidak dikenal (tulis 31/03/2026 10:15:05)", nilai=value))


def kelompok_usia(usia: int | None) -> str:
    if usia is None:
        return N_("Tidak diisi")
    for lo, hi, label in KELOMPOK_USIA:
        if lo <= usia <= hi:
            return label
    return N_("Tidak diisi")
