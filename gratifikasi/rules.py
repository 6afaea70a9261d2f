"""The rules of gratifikasi that need no database row: Rupiah parsing, NIP/NIK checks, the "wajib lapor?"
threshold table (with effective dates) and the working-day deadlines (DOMAIN.md §3).

Every number is a setting default an administrator can change; the threshold table is a list of rows,
each in force from its `berlaku_mulai` until the next row starts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Callable

from core.calendar import add_workdays, workdays_between
from core.errors import DomainError, Message, N_, catalogue_word
from core.settings import get_setting
from core.workdays import local_today

# --- vocabularies (value -> label shown to people) ------------------------------------------------

JENIS = {
    "penerimaan": N_("Penerimaan gratifikasi"),
    "penolakan": N_("Penolakan gratifikasi"),
    "nihil": N_("Laporan nihil (tidak menerima gratifikasi)"),
}
ACARA = {
    "pernikahan": N_("Pertunangan, pernikahan, kelahiran, akikah, baptis, khitanan, potong gigi, atau upacara adat/agama"),
    "musibah": N_("Musibah atau bencana yang dialami penerima atau keluarga intinya"),
    "pisah_sambut": N_("Pisah sambut, pensiun, mutasi, promosi jabatan, atau ulang tahun"),
    "hari_raya": N_("Hari raya keagamaan (Idul Fitri, Natal, Imlek, dan lain-lain)"),
    "kedinasan": N_("Terkait kedinasan (layanan, rapat, kunjungan, pengadaan, perizinan)"),
    "lainnya": N_("Lainnya"),
}
HUBUNGAN = {
    "keluarga": N_("Keluarga (orang tua, mertua, suami/istri, anak, menantu, cucu, saudara, ipar, sepupu, keponakan)"),
    "rekan_kerja": N_("Rekan kerja di instansi sendiri"),
    "rekanan": N_("Rekanan, penyedia barang/jasa, atau mitra kerja instansi"),
    "pengguna_layanan": N_("Pengguna layanan atau pihak yang berurusan dengan jabatan saya"),
    "lainnya": N_("Lainnya (teman, kenalan, masyarakat umum)"),
}
BENTUK = {
    "uang": N_("Uang"), "barang": N_("Barang"), "rabat": N_("Rabat (diskon)"), "komisi": N_("Komisi"),
    "pinjaman": N_("Pinjaman tanpa bunga"), "tiket": N_("Tiket perjalanan"), "penginapan": N_("Fasilitas penginapan"),
    "wisata": N_("Perjalanan wisata"), "pengobatan": N_("Pengobatan cuma-cuma"), "voucher": N_("Voucher atau kupon"),
    "lainnya": N_("Lainnya"),
}
# money or an instrument of exchange: never covered by the colleague exemption
BENTUK_UANG = {"uang", "voucher", "komisi"}
POSISI_OBJEK = {
    "disimpan": N_("Masih disimpan oleh penerima"),
    "diserahkan_upg": N_("Sudah diserahkan kepada UPG"),
    "dikembalikan": N_("Sudah dikembalikan kepada pemberi"),
    "tidak_ada": N_("Tidak ada (ditolak atau tidak berwujud)"),
}
IDENTITAS = {"NIP": N_("NIP (18 angka)"), "NIK": N_("NIK (16 angka)")}

NILAI_MAKS = 100_000_000_000  # Rp100 miliar: anything above is a typo, not a gift
NILAI_PEMBUKTIAN_TERBALIK = 10_000_000  # Pasal 12B ayat (1) huruf a UU 20/2001

# --- settings defaults ----------------------------------------------------------------------------

BATAS_NILAI_DEFAULT = [
    {"berlaku_mulai": None, "dasar": "Peraturan KPK Nomor 2 Tahun 2019",
     "pernikahan_adat": 1_000_000, "musibah": 1_000_000,
     "rekan_kerja": 200_000, "rekan_kerja_setahun": 1_000_000, "pisah_sambut": 300_000},
    # PerKPK 1/2026, in force 20 January 2026: the separate farewell limit is gone (now "rekan kerja")
    {"berlaku_mulai": "2026-01-20", "dasar": "Peraturan KPK Nomor 1 Tahun 2026",
     "pernikahan_adat": 1_500_000, "musibah": 1_000_000,
     "rekan_kerja": 500_000, "rekan_kerja_setahun": 1_500_000, "pisah_sambut": None},
]
PENGATURAN_DEFAULT = {
    "hk_kpk": 30,          # Pasal 12C ayat (2) UU 20/2001: to KPK within 30 HK of receipt
    "hk_upg": 10,          # employee -> UPG
    "hk_upg_kpk": 10,      # UPG -> KPK after the UPG received it (never past hk_kpk)
    "hk_lengkapi_kpk": 20, # completion asked by KPK (PerKPK 1/2026)
    "hk_hampir": 3,        # "near the deadline" highlight in the register
    "upg_nama": "Unit Pengendalian Gratifikasi (UPG)",
    "upg_telepon": "",
    "upg_email": "",
    "upg_alamat": "",
    "upg_ketua_nama": "",
    "upg_ketua_jabatan": "Ketua Unit Pengendalian Gratifikasi",
    "upg_ketua_nip": "",
    "kpk_tujuan": "Direktur Gratifikasi dan Pelayanan Publik Komisi Pemberantasan Korupsi",
    "kpk_alamat": "Gedung Merah Putih KPK, Jl. Kuningan Persada Kav. 4, Setiabudi, Jakarta Selatan 12950",
    "kpk_gol": "https://gol.kpk.go.id",
    "template_nomor_surat": "{seq}/UPG/{kka}/{mm}/{yyyy}",
    "kka_surat": "HK.01",
}
# the office's defaults, wired by app.py
SETTINGS = {"gratifikasi.batas_nilai": BATAS_NILAI_DEFAULT, "gratifikasi": PENGATURAN_DEFAULT}


def pengaturan() -> dict:
    return get_setting("gratifikasi")


# --- Rupiah ---------------------------------------------------------------------------------------

_SUFFIX = {"jt": 1_000_000, "juta": 1_000_000, "rb": 1_000, "ribu": 1_000, "m": 1_000_000_000,
           "miliar": 1_000_000_000, "milyar": 1_000_000_000}
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")


def parse_rupiah(value: str | int | float | None, field: str = "nilai") -> int:
    """Indonesian-style Rupiah text to whole Rupiah: "Rp1.500.000", "1.500.000,00", "1500000", "1,5 juta".

    A dot groups thousands, a comma starts the decimals (sen are rounded away). Raises DomainError with
    a message for the form field `field`.
    """
    if isinstance(value, bool):
        raise DomainError("Nilai harus berupa angka rupiah, mis. Rp1.500.000.", field)
    if isinstance(value, (int, float)):
        if value != value or value in (float("inf"), float("-inf")):
            raise DomainError("Nilai harus berupa angka rupiah, mis. Rp1.500.000.", field)
        amount = Decimal(str(value))
    else:
        text = (value or "").strip()
        if not text:
            raise DomainError("Nilai wajib diisi (nominal atau taksiran dalam rupiah).", field)
        text = text.lower().replace("\u00a0", " ")
        negative = text.startswith("-") or text.startswith("(-")
        text = re.sub(r"^[-(]+|\)$", "", text).strip()
        text = re.sub(r"^(rp\.?|idr)\s*", "", text).strip()
        if text.startswith("-"):
            negative, text = True, text[1:].strip()
        text = re.sub(r"[,.]-$", "", text).strip()  # "Rp1.500.000,-"
        multiplier = 1
        m = re.fullmatch(r"(.+?)\s*(jt|juta|rb|ribu|m|miliar|milyar)", text)
        if m:
            text, multiplier = m.group(1).strip(), _SUFFIX[m.group(2)]
        text = text.replace(" ", "")
        if not text or not re.fullmatch(r"[\d.,]+", text):
            raise DomainError("Nilai hanya boleh berisi angka dengan titik pemisah ribuan dan koma desimal, "
                              "mis. Rp1.500.000 atau 1.500.000,00.", field)
        if multiplier > 1 and re.fullmatch(r"\d+[.,]\d+", text):
            whole, decimals = re.split(r"[.,]", text)  # "1,5 juta" or "1.5 jt": a decimal either way
        else:
            whole, _, decimals = text.partition(",")
            if "," in decimals or "." in decimals:
                raise DomainError("Gunakan titik sebagai pemisah ribuan dan koma untuk desimal, mis. "
                                  "1.500.000,00 (bukan 1,500,000).", field)
            if "." in whole and not _GROUPED.fullmatch(whole):
                raise DomainError("Penulisan nilai tidak sah: titik hanya untuk memisahkan ribuan (mis. "
                                  "1.500.000); desimal memakai koma (mis. 1.500.000,50).", field)
            whole = whole.replace(".", "")
        if not whole:
            raise DomainError("Penulisan nilai tidak sah; contoh yang benar: Rp1.500.000 atau 1.500.000,00.", field)
        amount = Decimal(whole + ("." + decimals if decimals else "")) * multiplier
        if negative:
            amount = -amount
    if abs(amount) > NILAI_MAKS:  # also keeps a 1000-digit typo away from Decimal's precision limit
        return check_nilai(-1 if amount < 0 else NILAI_MAKS + 1, field)
    return check_nilai(int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)), field)


def check_nilai(amount: int, field: str = "nilai") -> int:
    if amount < 0:
        raise DomainError("Nilai tidak boleh negatif.", field)
    if amount == 0:
        raise DomainError("Nilai harus lebih dari Rp0. Bila tidak ada yang diterima, pilih «Laporan nihil»; "
                          "bila nilainya tidak diketahui, isi taksiran harga pasarnya.", field)
    if amount > NILAI_MAKS:
        raise DomainError(N_("Nilai melebihi batas wajar Rp%(batas)s; periksa kembali jumlah digitnya.",
                             batas=NILAI_MAKS), field)
    return amount


# --- NIP / NIK ------------------------------------------------------------------------------------

def _digits(value: str | None) -> str:
    return re.sub(r"[\s.\-/]", "", value or "")


@dataclass(frozen=True)
class Identitas:
    jenis: str
    nomor: str
    tanggal_lahir: date | None
    tmt: date | None  # first day of the month the civil servant was appointed (from the NIP)


def check_identitas(jenis: str, nomor: str | None, field: str = "identitas_nomor") -> Identitas:
    """NIP: 18 digits = birth date (8) + TMT year-month (6) + sex (1) + sequence (3). NIK: 16 digits."""
    number = _digits(nomor)
    if not number:
        raise DomainError(N_("%(jenis)s wajib diisi.", jenis=jenis), field)
    if not number.isdigit():
        raise DomainError(N_("%(jenis)s hanya berisi angka.", jenis=jenis), field)
    if jenis == "NIP":
        if len(number) != 18:
            raise DomainError(N_("NIP harus 18 angka; yang Anda isi %(n)s angka.", n=len(number)), field)
        lahir = _date_or_none(int(number[0:4]), int(number[4:6]), int(number[6:8]))
        if lahir is None or not 1940 <= lahir.year <= date.today().year - 15:
            raise DomainError("NIP tidak sah: 8 angka pertama harus tanggal lahir (TTTTBBHH).", field)
        tmt = _date_or_none(int(number[8:12]), int(number[12:14]), 1)
        # PPPK numbers do not always carry a TMT there; only a plausible one is used
        if tmt is not None and not lahir.year + 15 <= tmt.year <= date.today().year + 1:
            tmt = None
        return Identitas("NIP", number, lahir, tmt)
    if jenis == "NIK":
        if len(number) != 16:
            raise DomainError(N_("NIK harus 16 angka; yang Anda isi %(n)s angka.", n=len(number)), field)
        day = int(number[6:8])
        day = day - 40 if day > 40 else day  # women: day + 40
        if not 11 <= int(number[0:2]) <= 99 or not 1 <= day <= 31 or not 1 <= int(number[8:10]) <= 12:
            raise DomainError("NIK tidak sah: periksa kembali 16 angka sesuai KTP.", field)
        return Identitas("NIK", number, None, None)
    raise DomainError("Pilih jenis nomor identitas: NIP atau NIK.", "identitas_jenis")


def _date_or_none(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def check_tanggal_terima(tanggal: date | None, today: date, identitas: Identitas | None = None,
                         field: str = "tanggal_terima") -> date:
    if tanggal is None:
        raise DomainError("Tanggal penerimaan wajib diisi.", field)
    if tanggal > today:
        raise DomainError("Tanggal penerimaan tidak boleh setelah hari ini.", field)
    if identitas and identitas.tmt and tanggal < identitas.tmt:
        raise DomainError(N_("Tanggal penerimaan sebelum Anda diangkat sebagai pegawai (TMT %(tmt)s menurut NIP). "
                             "Periksa tanggal atau NIP.", tmt=f"{identitas.tmt:%m/%Y}"), field)
    if identitas and identitas.tanggal_lahir and tanggal < identitas.tanggal_lahir:
        raise DomainError("Tanggal penerimaan sebelum tanggal lahir menurut NIP.", field)
    if tanggal < date(2001, 11, 21):
        raise DomainError("Tanggal penerimaan sebelum berlakunya kewajiban lapor gratifikasi "
                          "(UU 20/2001, 21 November 2001). Periksa tahunnya.", field)
    return tanggal


# --- thresholds ("wajib lapor?") ------------------------------------------------------------------

@dataclass(frozen=True)
class Aturan:
    berlaku_mulai: date | None
    dasar: str
    pernikahan_adat: int
    musibah: int
    rekan_kerja: int
    rekan_kerja_setahun: int
    pisah_sambut: int | None

    @property
    def label(self) -> str:
        from core.workdays import format_tanggal

        return self.dasar + (f" (berlaku sejak {format_tanggal(self.berlaku_mulai)})" if self.berlaku_mulai else "")


def tabel_batas() -> list[Aturan]:
    rows = []
    for r in get_setting("gratifikasi.batas_nilai") or BATAS_NILAI_DEFAULT:
        start = r.get("berlaku_mulai")
        rows.append(Aturan(berlaku_mulai=date.fromisoformat(start) if start else None, dasar=r["dasar"],
                           pernikahan_adat=int(r["pernikahan_adat"]), musibah=int(r["musibah"]),
                           rekan_kerja=int(r["rekan_kerja"]), rekan_kerja_setahun=int(r["rekan_kerja_setahun"]),
                           pisah_sambut=int(r["pisah_sambut"]) if r.get("pisah_sambut") else None))
    return sorted(rows, key=lambda a: a.berlaku_mulai or date.min)


def aturan_berlaku(tanggal: date) -> Aturan:
    """The row in force on `tanggal`: the last one that started on or before it (else the earliest)."""
    table = tabel_batas()
    current = table[0]
    for row in table:
        if (row.berlaku_mulai or date.min) <= tanggal:
            current = row
    return current


@dataclass(frozen=True)
class Verdict:
    wajib: bool
    alasan: str
    batas: int | None
    batas_setahun: int | None
    dasar: str
    berlaku_mulai: date | None
    catatan: list[str] = field(default_factory=list)

    @property
    def judul(self) -> str:
        return N_("Wajib dilaporkan") if self.wajib else N_("Tidak wajib dilaporkan")


def wajib_lapor(acara: str, hubungan: str, nilai: int, tanggal_terima: date, *, bentuk: str | None = None,
                total_setahun: int | None = None) -> Verdict:
    """Whether a gift must be reported, and why, by the threshold table in force on the date received."""
    if acara not in ACARA:
        raise DomainError("Pilih acara atau peristiwa pemberian.", "acara")
    if hubungan not in HUBUNGAN:
        raise DomainError("Pilih hubungan Anda dengan pemberi.", "pemberi_hubungan")
    check_nilai(nilai)
    a = aturan_berlaku(tanggal_terima)
    catatan: list[str] = []
    if nilai >= NILAI_PEMBUKTIAN_TERBALIK:
        catatan.append(N_("Nilai Rp10.000.000 atau lebih: bila tidak dilaporkan, penerimalah yang harus membuktikan "
                          "bahwa pemberian itu bukan suap (Pasal 12B ayat (1) huruf a UU 20/2001)."))
    if hubungan != "keluarga":
        catatan.append(N_("Bila ragu, laporkan: laporan yang ternyata tidak wajib tetap diproses tanpa akibat apa pun."))

    def verdict(wajib: bool, alasan: str, batas: int | None = None, setahun: int | None = None) -> Verdict:
        return Verdict(wajib, alasan, batas, setahun, a.dasar, a.berlaku_mulai, catatan)

    if hubungan in ("rekanan", "pengguna_layanan"):
        return verdict(True, N_("Pemberi punya hubungan kerja atau kepentingan dengan jabatan Anda (konflik "
                                "kepentingan). Pemberian seperti ini wajib ditolak; bila tidak dapat ditolak, wajib "
                                "dilaporkan berapa pun nilainya."))
    if hubungan == "keluarga":
        return verdict(False, N_("Pemberian dalam keluarga tidak wajib dilaporkan, sepanjang tidak ada konflik "
                                 "kepentingan dengan jabatan Anda."))
    if acara == "pernikahan":
        return _by_limit(verdict, nilai, a.pernikahan_adat, N_("pemberian terkait pernikahan atau upacara adat/agama"))
    if acara == "musibah":
        return _by_limit(verdict, nilai, a.musibah, N_("pemberian terkait musibah atau bencana"))
    if acara == "kedinasan":
        return verdict(True, N_("Pemberian yang terkait kedinasan wajib dilaporkan, kecuali honorarium, "
                                "transportasi dan akomodasi sesuai standar biaya, atau perlengkapan "
                                "seminar/pelatihan yang diberikan sama kepada semua peserta."))
    if hubungan == "rekan_kerja":
        if bentuk in BENTUK_UANG:
            return verdict(True, N_("Pemberian sesama rekan kerja dalam bentuk uang atau alat tukar (voucher, "
                                    "komisi) tidak dikecualikan dan wajib dilaporkan."))
        farewell = acara == "pisah_sambut" and a.pisah_sambut
        limit = a.pisah_sambut if farewell else a.rekan_kerja
        what = catalogue_word(N_("pemberian sesama rekan kerja untuk pisah sambut, pensiun, mutasi, atau ulang tahun")
                              if farewell else N_("pemberian sesama rekan kerja yang bukan uang dan tidak terkait "
                                                  "kedinasan"))
        if nilai > limit:
            return verdict(True, _over(limit, what), limit, a.rekan_kerja_setahun)
        if total_setahun is not None and max(total_setahun, nilai) > a.rekan_kerja_setahun:
            return verdict(True, N_("Total pemberian dari pemberi yang sama dalam setahun melebihi Rp%(setahun)s.",
                                    setahun=a.rekan_kerja_setahun), limit, a.rekan_kerja_setahun)
        return verdict(False, N_("Tidak melebihi batas Rp%(batas)s per pemberi untuk %(what)s, selama total dari "
                                 "pemberi yang sama dalam setahun tidak lebih dari Rp%(setahun)s.", batas=limit,
                                 what=what, setahun=a.rekan_kerja_setahun),
                       limit, a.rekan_kerja_setahun)
    return verdict(True, N_("Pemberian ini tidak termasuk yang dikecualikan. Setiap gratifikasi yang berhubungan "
                            "dengan jabatan Anda wajib dilaporkan."))


def periksa_wajib_lapor(acara: str, hubungan: str, nilai: str | int, tanggal_terima: date, *,
                        bentuk: str | None = None, total_setahun: str | int | None = None,
                        today: date | None = None) -> Verdict:
    """The "wajib lapor?" helper (web page and API): the amounts as typed, a date not in the future."""
    amount = parse_rupiah(nilai)
    total = parse_rupiah(total_setahun, "total_setahun") if total_setahun not in (None, "") else None
    if tanggal_terima > (today or local_today()):
        raise DomainError("Tanggal penerimaan tidak boleh setelah hari ini.", "tanggal_terima")
    return wajib_lapor(acara, hubungan, amount, tanggal_terima, bentuk=bentuk, total_setahun=total)


def _over(limit: int, what: Message) -> Message:
    return N_("Nilainya melebihi batas Rp%(batas)s per pemberi untuk %(what)s.", batas=limit, what=what)


def _by_limit(verdict, nilai: int, limit: int, what: str) -> Verdict:
    what = catalogue_word(what)
    if nilai > limit:
        return verdict(True, _over(limit, what), limit)
    return verdict(False, N_("Tidak melebihi batas Rp%(batas)s per pemberi untuk %(what)s.", batas=limit,
                             what=what), limit)


# --- deadlines (working days on the office calendar) ----------------------------------------------

@dataclass(frozen=True)
class HariKerja:
    """The deadlines in working days as the office set them: pages show these, never numbers of their own."""

    upg: int       # employee -> UPG, from the day received
    kpk: int       # to KPK, from the day received (Pasal 12C ayat (2) UU 20/2001)
    upg_kpk: int   # UPG -> KPK, from the day the UPG received it (never past `kpk`)
    hampir: int    # "near the deadline" highlight in the register and the reminder
    lengkapi_kpk: int  # completion asked by KPK, from the day it asked (PerKPK 1/2026)


def hari_kerja() -> HariKerja:
    s = pengaturan()
    return HariKerja(upg=int(s["hk_upg"]), kpk=int(s["hk_kpk"]), upg_kpk=int(s["hk_upg_kpk"]),
                     hampir=int(s["hk_hampir"]), lengkapi_kpk=int(s["hk_lengkapi_kpk"]))


# The deadlines' names, the same on every page and document (issue 11: a receipt's "Batas ke KPK" and the register's
# "Tenggat UPG → KPK" were two dates that read as one). The legal deadline is the reporter's; the forwarding
# target is the UPG's own service standard. %(n)s is the office's number of working days.
NAMA_TENGGAT = {
    "upg": N_("Batas lapor ke UPG (%(n)s HK sejak diterima)"),
    "kpk": N_("Batas lapor ke KPK (%(n)s HK sejak diterima, Pasal 12C)"),
    "teruskan": N_("Target UPG meneruskan (%(n)s HK sejak diterima UPG)"),
    "lengkapi_kpk": N_("Batas kelengkapan ke KPK (%(n)s HK sejak diminta KPK)"),
}


def nama_tenggat(gettext: Callable[..., str] | None = None) -> dict[str, str]:
    """The deadlines' names with the office's numbers: in Indonesian (documents), or through `gettext`."""
    hk = hari_kerja()
    days = {"upg": hk.upg, "kpk": hk.kpk, "teruskan": hk.upg_kpk, "lengkapi_kpk": hk.lengkapi_kpk}
    return {key: gettext(text, n=days[key]) if gettext else text % {"n": days[key]}
            for key, text in NAMA_TENGGAT.items()}


@dataclass(frozen=True)
class Tenggat:
    upg: date        # employee -> UPG
    kpk: date        # to KPK (hk_kpk working days from the date received)
    terlambat_upg: bool
    terlambat_kpk: bool
    sisa_hk: int     # working days from `today` to the KPK deadline (negative when past)


def tenggat_pelaporan(tanggal_terima: date, today: date) -> Tenggat:
    hk = hari_kerja()
    upg, kpk = add_workdays(tanggal_terima, hk.upg), add_workdays(tanggal_terima, hk.kpk)
    return Tenggat(upg=upg, kpk=kpk, terlambat_upg=today > upg, terlambat_kpk=today > kpk,
                   sisa_hk=workdays_between(today, kpk))


def tenggat_teruskan(tanggal_terima: date | None, diterima_upg: date) -> date:
    """UPG -> KPK: hk_upg_kpk after the UPG received it, never past the hk_kpk of the date a gift was received.
    A refusal (`tanggal_terima` None) has no legal deadline: only the UPG's own target."""
    hk = hari_kerja()
    target = add_workdays(diterima_upg, hk.upg_kpk)
    return target if tanggal_terima is None else min(target, add_workdays(tanggal_terima, hk.kpk))


def tenggat_lengkapi_kpk(diminta: date) -> date:
    """KPK's request for completion is answered within hk_lengkapi_kpk working days of the request."""
    return add_workdays(diminta, hari_kerja().lengkapi_kpk)


AKIBAT_TERLAMBAT_KPK = N_(
    "Laporan ini melewati batas %(kpk)s hari kerja sejak gratifikasi diterima. Laporan tetap diterima dan "
    "diteruskan ke KPK, tetapi perlindungan Pasal 12C UU 20/2001 (gratifikasi yang dilaporkan tepat "
    "waktu tidak dianggap suap) tidak lagi berlaku otomatis, dan KPK dapat menetapkan gratifikasi ini "
    "menjadi milik negara (Peraturan KPK Nomor 1 Tahun 2026).")
AKIBAT_TERLAMBAT_UPG = N_(
    "Laporan ini melewati batas %(upg)s hari kerja untuk melapor kepada UPG, tetapi masih dalam batas "
    "%(kpk)s hari kerja ke KPK. UPG akan memprioritaskan penerusannya ke KPK.")


def akibat_terlambat(t: Tenggat | None, gettext: Callable[..., str] | None = None) -> str:
    """What a late report means, said plainly to the reporter ("" when on time), with the office's deadlines:
    in Indonesian (history, API, documents), or through `gettext` for a page in the reader's language."""
    if t is None or not (t.terlambat_kpk or t.terlambat_upg):
        return ""
    text = AKIBAT_TERLAMBAT_KPK if t.terlambat_kpk else AKIBAT_TERLAMBAT_UPG
    hk = hari_kerja()
    values = {"upg": hk.upg, "kpk": hk.kpk}
    return gettext(text, **values) if gettext else text % values
