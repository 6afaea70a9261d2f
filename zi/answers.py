"""The LKE answers: those the records justify (proposed by the rules below, DOMAIN.md §6), and the
officers' own answers, which may override a proposal with a reason (audited).

A proposal (`Usulan`) says which option (or ratio) the records support, its score, the evidence behind it and
what is missing. A policy document the catalogue marks as capping (`ZiBuktiNama.batas_tanpa`) limits the answer
when it is missing or no longer in force, whether or not the item has a rule of its own. The domains are read
only through their queries modules.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Callable

from sqlalchemy import select

from core import audit
from core.calendar import add_workdays
from core.errors import N_, DomainError
from core.extensions import db
from core.forms import clean_text
from core.settings import get_setting
from core.workdays import format_tanggal, local_today
from zi import cache, catalogue, evidence, scoring
from zi import rapat as zi_rapat
from zi.evidence import BuktiInfo
from zi.models import ZiBukti, ZiIndikator, ZiJawaban, ZiTindakLanjut

BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember"]
# Defaults an administrator may change under the setting "zi" (the composition root may register them for
# the settings page): how often "berkala" means per kind of report, and from how many channels used in the
# period complaint handling counts as "berbagai kanal".
# The generated reports: their number (a template with the nota dinas tokens, a register restarting each year),
# the working days a recommendation is given, and the unit that owns the recommendations about complaint
# handling / WBS / the UPG ("" = the unit most of that role's officers belong to).
PENGATURAN = {"frekuensi": {"monev_pengaduan": "bulan", "evaluasi_wbs": "semester", "kampanye_gratifikasi": "triwulan"},
              "kanal_berbagai": 3,
              "laporan": {"template_nomor": "{seq}/{kode_jabatan}/{kka}/{mm}/{yyyy}", "kka": "PW.01",
                          "register": "zi_laporan", "tenggat_rekomendasi_hk": 20},
              "unit_pengelola": {"pengaduan": "", "wbs": "", "upg": ""}}


def pengaturan() -> dict:
    stored = get_setting("zi") or {}
    return {"frekuensi": {**PENGATURAN["frekuensi"], **stored.get("frekuensi", {})},
            "kanal_berbagai": int(stored.get("kanal_berbagai", PENGATURAN["kanal_berbagai"])),
            "laporan": {**PENGATURAN["laporan"], **stored.get("laporan", {})},
            "unit_pengelola": {**PENGATURAN["unit_pengelola"], **stored.get("unit_pengelola", {})}}
KANAL_DARING = ("web", "api", "telegram", "email", "lapor")


@dataclass
class Usulan:
    kode: str
    pilihan: str | None = None  # option code; None for a number, or when nothing can be proposed
    angka: Decimal | None = None  # ratio (persen) or index (indeks)
    nilai: Decimal | None = None  # the item's score 0–1; None: the records justify no answer
    bukti: list[BuktiInfo] = field(default_factory=list)
    kurang: list[str] = field(default_factory=list)
    dasar: list[str] = field(default_factory=list)  # the figures it rests on
    isian: dict[str, int] = field(default_factory=dict)
    batas: str | None = None  # the cap a missing policy document put on it

    @property
    def ada(self) -> bool:
        return self.nilai is not None


@dataclass
class Konteks:
    """What the rules of one year read, each figure fetched once."""

    tahun: int
    today: date
    katalog: dict[str, ZiIndikator]
    mulai: date = None  # type: ignore[assignment]
    selesai: date = None  # type: ignore[assignment]
    _memo: dict = field(default_factory=dict)

    def __post_init__(self):
        self.mulai = self.mulai or date(self.tahun, 1, 1)
        self.selesai = self.selesai or date(self.tahun, 12, 31)

    @property
    def pengaturan(self) -> dict:
        return self.memo("pengaturan", pengaturan)

    def memo(self, key: str, fn: Callable):
        if key not in self._memo:
            self._memo[key] = fn()
        return self._memo[key]

    def catatan(self, key: str, fn: Callable):
        """A figure read from a domain's records: memoised here, and shared between requests for a while
        (zi.cache)."""
        return self.memo(key, lambda: cache.ingat(("usulan", key, self.tahun, self.mulai, self.selesai, self.today), fn))

    def bukti(self, kunci: str) -> list[BuktiInfo]:
        return self.memo("bukti:" + kunci, lambda: evidence.bukti_berkunci(self.tahun, kunci, self.mulai,
                                                                           self.selesai, self.today))

    def dipakai(self, kunci: str) -> list[BuktiInfo]:
        return [b for b in self.bukti(kunci) if b.dapat_dipakai]

    def pengaduan(self) -> dict:
        from pengaduan import queries

        return self.catatan("pengaduan", lambda: queries.lke_figures(self.mulai, self.selesai, self.today))

    def nama_bukti(self, kode: str, kunci: str) -> str:
        item = self.katalog.get(kode)
        for n in (item.bukti_nama if item else []):
            if n.kunci == kunci:
                return n.nama
        return kunci.replace("_", " ")


# --- helpers the rules share -------------------------------------------------------------------------------

def _opsi(kode: str, pilihan: str, ctx: Konteks, **kw) -> Usulan:
    jenis = ctx.katalog[kode].jenis_jawaban
    return Usulan(kode, pilihan, None, scoring.skor_opsi(jenis, pilihan), **kw)


def _kebijakan(ctx: Konteks, kode: str, kunci: str) -> tuple[list[BuktiInfo], list[str]]:
    """The policy documents of this key in force at the end of the period, and what to say if none is."""
    rows = ctx.bukti(kunci)
    valid = [r for r in rows if r.dapat_dipakai]
    if valid:
        return valid, []
    nama = ctx.nama_bukti(kode, kunci)
    expired = [r for r in rows if r.berlaku == evidence.KEDALUWARSA]
    if expired:
        last = max(expired, key=lambda r: r.bukti.berlaku_sampai)
        return [], [f"{nama}: nomor {last.bukti.nomor} berakhir pada {format_tanggal(last.bukti.berlaku_sampai)}; "
                    "belum ada penggantinya di register."]
    if any(r.berkas == evidence.HILANG for r in rows):
        return [], [f"{nama}: berkasnya hilang dari penyimpanan; unggah ulang."]
    return [], [f"{nama} belum ada di register bukti."]


def _satuan(mulai: date, selesai: date, satuan: str) -> list[tuple[date, date, str]]:
    """The months / quarters / semesters of the period, each as (first day, last day, label)."""
    step = {"bulan": 1, "triwulan": 3, "semester": 6}[satuan]
    out, y, m = [], mulai.year, mulai.month
    m = (m - 1) // step * step + 1
    while date(y, m, 1) <= selesai:
        ny, nm = (y + (m + step - 1) // 12, (m + step - 1) % 12 + 1)
        first, last = date(y, m, 1), date(ny, nm, 1) - timedelta(days=1)
        if first >= mulai and last <= selesai:
            if satuan == "bulan":
                label = f"{BULAN[m - 1]} {y}"
            elif satuan == "triwulan":
                label = f"triwulan {'I II III IV'.split()[(m - 1) // 3]} {y}"
            else:
                label = f"semester {'I' if m == 1 else 'II'} {y}"
            out.append((first, last, label))
        y, m = ny, nm
    return out


def _wajib(satuan: list[tuple[date, date, str]], today: date) -> list[tuple[date, date, str]]:
    """Units whose report is due: the report of a unit is made on the first working day after it ends."""
    return [u for u in satuan if add_workdays(u[1], 1) < today]


def _berkala(ctx: Konteks, kode: str, kunci: str, satuan: str, kata: str) -> Usulan:
    """A berkala / B tidak berkala / C belum, from reports of `kunci` in the register, each covering one unit
    (month, quarter, semester) of the period; a unit counts when a report with its file lies within it."""
    rows = ctx.bukti(kunci)
    usable = [r for r in rows if r.dapat_dipakai]
    units = _satuan(ctx.mulai, ctx.selesai, satuan)
    due = _wajib(units, ctx.today)
    covered = [u for u in due if any(u[0] <= r.bukti.periode_mulai and r.bukti.periode_selesai <= u[1]
                                     for r in usable)]
    kurang = [f"{kata} {u[2]} belum ada di register." for u in due if u not in covered]
    kurang += [p for r in rows if r.berkas == evidence.HILANG for p in r.peringatan]
    dasar = [f"{kata} tercatat untuk {len(covered)} dari {len(due)} {satuan} yang sudah berakhir."]
    # the monev meetings attached to these reports (undangan, notulen, daftar hadir, foto rapat) are its evidence too
    rapat = ctx.memo("rapat:" + kunci, lambda: zi_rapat.bukti_rapat(rows, ctx.mulai, ctx.selesai, ctx.today))
    dipakai_rapat = [r for r in rapat if r.dapat_dipakai]
    kurang += [p for r in rapat if r.berkas == evidence.HILANG for p in r.peringatan]
    if rapat:
        dengan = {(r.bukti.periode_mulai, r.bukti.periode_selesai) for r in dipakai_rapat}
        dasar.append(f"Rapat monev (undangan, notulen, daftar hadir, foto rapat) tercatat untuk {len(dengan)} "
                     f"laporan; {len(dipakai_rapat)} berkas rapat di register.")
    if not usable:
        return _opsi(kode, "C", ctx, bukti=rows, kurang=kurang or [f"{kata} belum ada di register."], dasar=dasar)
    if due and len(covered) == len(due):
        return _opsi(kode, "A", ctx, bukti=usable + dipakai_rapat, kurang=kurang, dasar=dasar)
    if not due:
        dasar.append(f"Belum ada {satuan} yang berakhir pada periode ini: keberkalaan belum dapat ditunjukkan.")
    return _opsi(kode, "B", ctx, bukti=usable + dipakai_rapat, kurang=kurang, dasar=dasar)


def berkala(kunci: str, frekuensi: str, kata: str) -> Callable[[Konteks, str], Usulan]:
    """A rule: reports of `kunci` each covering one unit of the setting's frekuensi (read when the rule runs)."""
    return lambda ctx, kode: _berkala(ctx, kode, kunci, ctx.pengaturan["frekuensi"][frekuensi], kata)


def _tindak_lanjut(ctx: Konteks, kode: str, sumber: str) -> Usulan:
    """A all / B some / C none of the recommendations (tracked actions of pertanyaan `kode`) are done."""
    rows = list(db.session.scalars(select(ZiTindakLanjut).where(ZiTindakLanjut.tahun == ctx.tahun,
                                                                ZiTindakLanjut.indikator_kode == kode)))
    if not rows:
        return Usulan(kode, kurang=[f"Belum ada rekomendasi {sumber} yang dicatat sebagai tindak lanjut."])
    done = [r for r in rows if r.status == "selesai"]
    dasar = [f"{len(done)} dari {len(rows)} rekomendasi {sumber} telah selesai ditindaklanjuti."]
    kurang = [f"Tindak lanjut belum selesai: {r.rekomendasi[:120]} (tenggat {format_tanggal(r.tenggat)})."
              for r in rows if r.status != "selesai"]
    bukti = [evidence.info(b, ctx.mulai, ctx.selesai, ctx.today) for r in done for b in r.bukti]
    pilihan = "A" if len(done) == len(rows) else ("B" if done else "C")
    return _opsi(kode, pilihan, ctx, bukti=bukti, kurang=kurang, dasar=dasar)


def _bukti_lain(ctx: Konteks, kode: str, kecuali: tuple[str, ...] = ()) -> tuple[list[BuktiInfo], list[str]]:
    """The item's other named bukti: those in the register, and the names still missing."""
    item = ctx.katalog[kode]
    have, missing = [], []
    for n in item.bukti_nama:
        if n.kunci in kecuali:
            continue
        rows = ctx.dipakai(n.kunci)
        have += rows
        if not rows:
            missing.append(f"{n.nama} belum ada di register bukti.")
    return have, missing


# --- the rules, one per pertanyaan key (zi_indikator.usulan) ---------------------------------------------

def pengaduan_kebijakan(ctx: Konteks, kode: str) -> Usulan:
    sk, kurang = _kebijakan(ctx, kode, "sk_petugas_pengaduan")
    lain, missing = _bukti_lain(ctx, kode, ("sk_petugas_pengaduan",))
    f = ctx.pengaduan()
    dasar = [f"Kanal pengaduan daring tersedia (layanan ini); {f['diterima']} pengaduan diterima pada periode.",
             "Pilihan A memerlukan inovasi pengelolaan pengaduan yang ditetapkan petugas."]
    return _opsi(kode, "B" if sk else "C", ctx, bukti=sk + lain, kurang=kurang + missing, dasar=dasar)


def pengaduan_ditindaklanjuti(ctx: Konteks, kode: str) -> Usulan:
    f = ctx.pengaduan()
    lain, missing = _bukti_lain(ctx, kode)
    dasar = [f"Harus ditindaklanjuti {f['harus_ditindaklanjuti']}, selesai {f['selesai']}, sedang diproses "
             f"{f['sedang_diproses']}; {f['nota_dinas']} nota dinas disposisi."]
    if f["harus_ditindaklanjuti"] == 0:
        dasar.append("Tidak ada pengaduan yang harus ditindaklanjuti pada periode ini.")
        return _opsi(kode, "Ya", ctx, bukti=lain, kurang=missing, dasar=dasar)
    if f["terlambat"]:
        return _opsi(kode, "Tidak", ctx, bukti=lain, dasar=dasar,
                     kurang=[f"{f['terlambat']} pengaduan melewati batas waktu tanpa tindak lanjut."] + missing)
    return _opsi(kode, "Ya", ctx, bukti=lain, kurang=missing, dasar=dasar)


def wbs_diterapkan(ctx: Konteks, kode: str) -> Usulan:
    from wbs import queries as wbs_queries

    sk, kurang = _kebijakan(ctx, kode, "sk_tim_wbs")
    lain, missing = _bukti_lain(ctx, kode, ("sk_tim_wbs",))
    n = sum(wbs_queries.counts_by_status(ctx.mulai, ctx.selesai).values())
    dasar = [f"Kanal WBS tersedia (layanan ini); {n} laporan WBS diterima pada periode.",
             "Pilihan A memerlukan inovasi penerapan WBS yang ditetapkan petugas."]
    return _opsi(kode, "B" if sk else "C", ctx, bukti=sk + lain, kurang=kurang + missing, dasar=dasar)


def gratifikasi_kampanye(ctx: Konteks, kode: str) -> Usulan:
    from gratifikasi import queries as g

    kegiatan = ctx.catatan("kampanye", lambda: g.kegiatan_kampanye(ctx.mulai, ctx.selesai))
    units = _satuan(ctx.mulai, ctx.selesai, ctx.pengaturan["frekuensi"]["kampanye_gratifikasi"])
    due = _wajib(units, ctx.today)
    covered = [u for u in due if any(u[0] <= k["tanggal"] <= u[1] for k in kegiatan)]
    bukti = ctx.dipakai("capture_kampanye_gratifikasi")
    dasar = [f"{len(kegiatan)} kegiatan public campaign tercatat; {len(covered)} dari {len(due)} triwulan yang "
             "sudah berakhir memuat kegiatan."]
    kurang = [f"Belum ada kegiatan public campaign pada {u[2]}." for u in due if u not in covered]
    if not bukti:
        kurang.append(f"{ctx.nama_bukti(kode, 'capture_kampanye_gratifikasi')} belum ada di register bukti.")
    if not kegiatan:
        return _opsi(kode, "C", ctx, bukti=bukti, kurang=kurang, dasar=dasar)
    return _opsi(kode, "A" if due and len(covered) == len(due) else "B", ctx, bukti=bukti, kurang=kurang,
                 dasar=dasar)


def gratifikasi_upg(ctx: Konteks, kode: str) -> Usulan:
    from gratifikasi import queries as g

    sk, kurang = _kebijakan(ctx, kode, "sk_upg")
    sop, kurang_sop = _kebijakan(ctx, kode, "sop_gratifikasi")
    r = ctx.catatan("upg", lambda: g.ringkasan_upg(ctx.tahun, ctx.today))
    aktif = r["jumlah_laporan"] > 0 or r["kegiatan_kampanye"] > 0
    dasar = [f"UPG menerima {r['jumlah_laporan']} laporan, meneruskan {r['diteruskan_ke_kpk']} ke KPK, dan mencatat "
             f"{r['kegiatan_kampanye']} kegiatan kampanye pada tahun {ctx.tahun}."]
    laporan = ctx.dipakai("laporan_upg")
    if not sk:
        return _opsi(kode, "D", ctx, bukti=laporan, kurang=kurang, dasar=dasar)
    if not aktif:
        return _opsi(kode, "C", ctx, bukti=sk + sop, dasar=dasar,
                     kurang=kurang_sop + ["Belum ada kegiatan pengendalian gratifikasi yang tercatat."])
    return _opsi(kode, "A" if sop else "B", ctx, bukti=sk + sop + laporan, kurang=kurang_sop, dasar=dasar)


def pengaduan_persen(ctx: Konteks, kode: str) -> Usulan:
    f = ctx.pengaduan()
    isian = {"1": f["harus_ditindaklanjuti"], "2": f["sedang_diproses"], "3": f["selesai"]}
    dasar = [f"Selesai {f['selesai']} ÷ harus ditindaklanjuti {f['harus_ditindaklanjuti']} (sedang diproses "
             f"{f['sedang_diproses']})."]
    apart = [(f["dialihkan"], "dialihkan (tidak dihitung)"), (f["dipindah_wbs"], "dipindahkan ke WBS (tidak dihitung)"),
             (f["duplikat"], "ditandai duplikat dari pengaduan lain (tidak dihitung)"),
             (f["diarsipkan_tidak_dilengkapi"], "diarsipkan karena tidak dilengkapi pelapor (tetap dihitung)"),
             (f["diarsipkan_lainnya"], "diarsipkan petugas (tetap dihitung)")]
    dasar += [f"{n} pengaduan {kata}." for n, kata in apart if n]
    bukti = ctx.dipakai("laporan_monev_pengaduan")
    kurang = [] if bukti else [f"{ctx.nama_bukti(kode, 'laporan_monev_pengaduan')} belum ada di register bukti."]
    ratio = scoring.skor_rumus(ctx.katalog[kode].rumus, isian)
    if ratio is None:  # nothing owed: the LKE's practice reads it as fully handled
        ratio = scoring.SATU
        dasar.append("Tidak ada pengaduan yang harus ditindaklanjuti; dinilai 100 % (periksa kembali).")
    return Usulan(kode, None, ratio, ratio, bukti=bukti, kurang=kurang, dasar=dasar, isian=isian)


def pengaduan_kanal(ctx: Konteks, kode: str) -> Usulan:
    from pengaduan.queries import OFFLINE_CHANNELS

    f = ctx.pengaduan()
    kanal = f["per_kanal"]
    petugas, _ = _kebijakan(ctx, kode, "sk_petugas_pengaduan")
    kotak = ctx.dipakai("capture_kotak_pengaduan")
    sp4n = ctx.dipakai("capture_sp4n_lapor")
    offline = any(kanal.get(k) for k in OFFLINE_CHANNELS) or bool(kotak)
    lapor = bool(kanal.get("lapor") or f["dengan_nomor_lapor"] or sp4n)
    dasar = ["Kanal daring tersedia (situs web, API, Telegram pada layanan ini).",
             "Pengaduan per kanal: " + (", ".join(f"{k} {n}" for k, n in sorted(kanal.items())) or "belum ada") + "."]
    kurang = []
    if not offline:
        kurang.append("Belum ada pengaduan luring (datang langsung, kotak, surat, telepon) maupun foto kotak "
                      "pengaduan di register.")
    if not petugas:
        kurang.append(f"{ctx.nama_bukti(kode, 'sk_petugas_pengaduan')} (petugas khusus) belum ada di register.")
    if not lapor:
        kurang.append("Belum ada bukti integrasi SP4N-LAPOR! (pengaduan dari SP4N-LAPOR! atau tangkapan layar profil "
                      "instansi).")
    if not offline:
        dasar.append("Hanya kanal daring: LKE tidak memuat pilihan 'hanya daring', diusulkan D.")
        pilihan = "D"
    else:
        pilihan = "A" if petugas and lapor else ("B" if petugas else "C")
    return _opsi(kode, pilihan, ctx, bukti=petugas + kotak + sp4n, kurang=kurang, dasar=dasar)


def pengaduan_unit(ctx: Konteks, kode: str) -> Usulan:
    sp4n, kurang = _kebijakan(ctx, kode, "sk_pengelola_sp4n")
    unit, kurang_unit = _kebijakan(ctx, kode, "sk_unit_pengelola_pengaduan")
    if sp4n and unit:
        return _opsi(kode, "A", ctx, bukti=sp4n + unit)
    if sp4n:
        return _opsi(kode, "B", ctx, bukti=sp4n, kurang=kurang_unit)
    return _opsi(kode, "C", ctx, bukti=unit, kurang=kurang + kurang_unit)


def _putaran(ctx: Konteks) -> dict:
    from skm import queries as skm_queries

    return ctx.catatan("skm", lambda: skm_queries.survei_berbeda_tahun(ctx.tahun))


def skm_frekuensi(ctx: Konteks, kode: str) -> Usulan:
    r = _putaran(ctx)
    n = r["jumlah"]
    dasar = [f"{n} putaran SKM yang berbeda (periode tidak tumpang tindih, dengan responden) pada tahun {ctx.tahun}."]
    dasar += [f"Periode {p['nama']} tumpang tindih dengan putaran lain: tidak dihitung lagi."
              for p in r["tumpang_tindih"]]
    bukti = ctx.dipakai("laporan_skm")
    kurang = [] if bukti else [f"{ctx.nama_bukti(kode, 'laporan_skm')} belum ada di register bukti."]
    if n < 4:
        kurang.insert(0, f"Baru {n} putaran survei; pilihan A memerlukan minimal 4 kali setahun.")
    return _opsi(kode, "ABCDE"[4 - min(n, 4)], ctx, bukti=bukti, kurang=kurang, dasar=dasar)


def skm_publikasi(ctx: Konteks, kode: str) -> Usulan:
    r = _putaran(ctx)
    online = any(p["publik"] for p in r["putaran"])
    poster = ctx.dipakai("foto_poster_skm")
    kurang, dasar = [], []
    if not r["putaran"]:
        return _opsi(kode, "C", ctx, kurang=["Belum ada hasil survei pada tahun ini."])
    if not online:
        kurang.append("Hasil survei belum ditampilkan di halaman publik (daring).")
    if not poster:
        kurang.append(f"{ctx.nama_bukti(kode, 'foto_poster_skm')} belum ada di register (bukti luring).")
    if online and poster:
        return _opsi(kode, "A", ctx, bukti=poster + ctx.dipakai("publikasi_skm"))
    if online:
        dasar.append("Hanya daring: LKE tidak memuat pilihan 'hanya daring', diusulkan B.")
    return _opsi(kode, "B" if online or poster else "C", ctx, bukti=poster, kurang=kurang, dasar=dasar)


def skm_tindak_lanjut(ctx: Konteks, kode: str) -> Usulan:
    from skm import queries as skm_queries

    r = _putaran(ctx)
    t = ctx.catatan("skm_tl", lambda: skm_queries.tindak_lanjut_unsur([p["id"] for p in r["putaran"]]))
    if t["perlu"] == 0:
        return Usulan(kode, kurang=["Belum ada hasil survei dengan unsur yang perlu ditindaklanjuti."])
    dasar = [f"{t['selesai']} dari {t['perlu']} unsur yang perlu perbaikan telah selesai ditindaklanjuti "
             f"({t['jawaban_teks']})."]
    bukti = ctx.dipakai("laporan_tl_skm")
    kurang = [] if bukti else [f"{ctx.nama_bukti(kode, 'laporan_tl_skm')} belum ada di register bukti."]
    return _opsi(kode, t["jawaban"], ctx, bukti=bukti, kurang=kurang, dasar=dasar)


def pengaduan_responsif(ctx: Konteks, kode: str) -> Usulan:
    from pengaduan import queries

    per = ctx.catatan("respon", lambda: queries.first_response_summary(ctx.mulai, ctx.selesai, ctx.today))
    used = {k: v for k, v in per.items() if v["jumlah"]}
    if not used:
        return Usulan(kode, kurang=["Belum ada pengaduan pada periode ini: kecepatan respons belum dapat dinilai."])
    slow = [k for k, v in used.items()
            if v["belum_direspon_lewat"] or (v["p90_hk"] is not None and v["p90_hk"] > v["batas_hk"])]
    minimal = ctx.pengaturan["kanal_berbagai"]
    berbagai = len(used) >= minimal
    dasar = [f"Kanal {k}: {v['jumlah']} pengaduan, respons pertama median {v['median_hk']} HK, persentil ke-90 "
             f"{v['p90_hk']} HK (batas {v['batas_hk']} HK)." for k, v in sorted(used.items())]
    kurang = [f"Respons pertama kanal {k} melewati batas {used[k]['batas_hk']} HK." for k in slow]
    if not berbagai:
        kurang.append(f"Baru {len(used)} kanal digunakan; 'berbagai kanal' dihitung dari {minimal} kanal.")
    pilihan = {(True, True): "A", (True, False): "B", (False, True): "C", (False, False): "D"}[(not slow, berbagai)]
    return _opsi(kode, pilihan, ctx, bukti=ctx.dipakai("laporan_monev_pengaduan"), kurang=kurang, dasar=dasar)


def _persepsi(ctx: Konteks, kode: str, jenis: str) -> Usulan:
    from skm import queries as skm_queries

    p = ctx.catatan("persepsi", lambda: skm_queries.persepsi_tahun(ctx.tahun))[jenis]
    if p["indeks"] is None:
        return Usulan(kode, kurang=[f"Belum ada responden survei {jenis.upper()} pada tahun {ctx.tahun}."])
    indeks = scoring.dua_desimal(p["indeks"])
    return Usulan(kode, None, indeks, scoring.skor_indeks(indeks),
                  dasar=[f"Perkiraan dari survei {jenis.upper()} internal: indeks {scoring.angka(indeks)} dari "
                         f"{p['responden']} responden. Nilai resmi berasal dari survei eksternal."])


def ipak(ctx: Konteks, kode: str) -> Usulan:
    return _persepsi(ctx, kode, "ipak")


def ipkp(ctx: Konteks, kode: str) -> Usulan:
    return _persepsi(ctx, kode, "ipkp")


_MONEV_PENGADUAN = berkala("laporan_monev_pengaduan", "monev_pengaduan", "Laporan monev penanganan pengaduan")

ATURAN: dict[str, Callable[[Konteks, str], Usulan]] = {
    "pengaduan_kebijakan": pengaduan_kebijakan, "pengaduan_ditindaklanjuti": pengaduan_ditindaklanjuti,
    "pengaduan_monev": _MONEV_PENGADUAN,
    "pengaduan_monev_tl": lambda ctx, kode: _tindak_lanjut(ctx, kode, "monev pengaduan"),
    "wbs_diterapkan": wbs_diterapkan,
    "wbs_evaluasi": berkala("laporan_evaluasi_wbs", "evaluasi_wbs", "Laporan hasil evaluasi penerapan WBS"),
    "wbs_evaluasi_tl": lambda ctx, kode: _tindak_lanjut(ctx, kode, "evaluasi WBS"),
    "gratifikasi_kampanye": gratifikasi_kampanye, "gratifikasi_upg": gratifikasi_upg,
    "pengaduan_persen": pengaduan_persen, "pengaduan_kanal": pengaduan_kanal, "pengaduan_unit": pengaduan_unit,
    # Pengelolaan Pengaduan c: the evaluation of complaint handling is the same monthly monev
    "pengaduan_evaluasi": _MONEV_PENGADUAN,
    "skm_frekuensi": skm_frekuensi, "skm_publikasi": skm_publikasi, "skm_tindak_lanjut": skm_tindak_lanjut,
    "pengaduan_responsif": pengaduan_responsif, "ipak": ipak, "ipkp": ipkp,
}


# --- proposing ------------------------------------------------------------------------------------------

def _batasi(u: Usulan, item: ZiIndikator, ctx: Konteks) -> Usulan:
    """Apply the caps of the item's policy documents: a missing or expired one limits the option."""
    if item.jenis_jawaban not in scoring.SKOR_OPSI:
        return u
    caps = []
    for n in item.bukti_nama:
        if n.batas_tanpa:
            valid, why = _kebijakan(ctx, item.kode, n.kunci)
            if not valid:
                caps.append((n.batas_tanpa, why))
    if not caps:
        return u
    order = list(scoring.SKOR_OPSI[item.jenis_jawaban])
    cap = max((c for c, _ in caps), key=order.index)
    for _, why in caps:
        u.kurang.extend(w for w in why if w not in u.kurang)
    u.batas = cap
    if u.pilihan is None or order.index(u.pilihan) < order.index(cap):
        u.dasar.append(f"Dokumen kebijakan yang disyaratkan belum berlaku: jawaban paling tinggi {cap}.")
        u.pilihan, u.angka, u.nilai = cap, None, scoring.skor_opsi(item.jenis_jawaban, cap)
    return u


def usulan(item: ZiIndikator, ctx: Konteks) -> Usulan | None:
    """The proposal for one pertanyaan, or None when neither a rule nor a cap applies to it."""
    rule = ATURAN.get(item.usulan)
    capped = any(n.batas_tanpa for n in item.bukti_nama)
    if rule is None and not capped:
        return None
    u = rule(ctx, item.kode) if rule else Usulan(item.kode)
    u = _batasi(u, item, ctx)
    return u if (rule or u.batas) else None


def usulan_tahun(tahun: int, today: date | None = None, mulai: date | None = None,
                 selesai: date | None = None) -> dict[str, Usulan]:
    """Every proposal of a year's catalogue, by pertanyaan code."""
    ctx = Konteks(tahun, today or local_today(), catalogue.indikator_tahun(tahun), mulai, selesai)
    out = {}
    for kode, item in ctx.katalog.items():
        if item.tingkat == "pertanyaan" and (u := usulan(item, ctx)) is not None:
            out[kode] = u
    return out


def usulan_satu(tahun: int, kode: str, today: date | None = None) -> Usulan | None:
    ctx = Konteks(tahun, today or local_today(), catalogue.indikator_tahun(tahun))
    return usulan(catalogue.item(tahun, kode), ctx)


# --- the officers' answers -----------------------------------------------------------------------------------

def nilai_jawaban(item: ZiIndikator, pilihan: str | None, angka: Decimal | None,
                  isian: dict | None) -> tuple[str | None, Decimal | None, dict, Decimal]:
    """Check an answer against the item's kind and return (pilihan, angka, isian, score)."""
    jenis = item.jenis_jawaban
    if jenis in scoring.SKOR_OPSI:
        if pilihan not in scoring.SKOR_OPSI[jenis]:
            raise DomainError("Pilih salah satu jawaban yang tersedia.", "pilihan")
        return pilihan, None, {}, scoring.skor_opsi(jenis, pilihan)
    if jenis == "persen":
        try:
            isian = {str(k): int(v) for k, v in (isian or {}).items() if v not in (None, "")}
        except (TypeError, ValueError) as exc:
            raise DomainError("Jumlah harus bilangan bulat.", "isian") from exc
        if any(v < 0 for v in isian.values()):
            raise DomainError("Jumlah tidak boleh negatif.", "isian")
        if isian:
            ratio = scoring.skor_rumus(item.rumus, isian)
            if ratio is None:
                raise DomainError("Lengkapi seluruh jumlah; pembagi tidak boleh nol.", "isian")
            return None, ratio, isian, ratio
        if angka is None or not 0 <= Decimal(angka) <= 1:
            raise DomainError("Isi persentase antara 0 dan 100 %.", "angka")
        return None, Decimal(angka), {}, Decimal(angka)
    if jenis == "indeks":
        try:
            score = scoring.skor_indeks(angka)
        except (TypeError, ValueError, ArithmeticError) as exc:
            raise DomainError("Isi indeks survei antara 1 dan 4.", "angka") from exc
        return None, Decimal(angka), {}, score
    raise DomainError("Indikator ini tidak dijawab langsung.", "indikator")


def _teks_angka(x: Decimal | None) -> str | None:
    return None if x is None else str(x)


def jawaban(tahun: int, item: ZiIndikator) -> ZiJawaban | None:
    return db.session.scalar(select(ZiJawaban).where(ZiJawaban.tahun == tahun, ZiJawaban.indikator_id == item.id))


def simpan_jawaban(item: ZiIndikator, *, user, pilihan: str | None = None, angka: Decimal | None = None,
                   isian: dict | None = None, alasan: str = "", bukti: list[ZiBukti] | None = None,
                   today: date | None = None) -> ZiJawaban:
    """An officer answers a pertanyaan (with evidence from the register). An answer other than what the
    records justify needs a reason; both the answer and the proposal it departs from are audited."""
    if item.tingkat != "pertanyaan":
        raise DomainError("Hanya pertanyaan LKE yang dapat dijawab.", "indikator")
    pilihan, angka, isian, nilai = nilai_jawaban(item, pilihan, angka, isian)
    alasan = clean_text(alasan or "")[:5000]
    u = usulan(item, Konteks(item.tahun, today or local_today(), catalogue.indikator_tahun(item.tahun)))
    # the survey indices proposed are only a prediction: the official figure differs without needing a reason
    berbeda = (u is not None and u.ada and item.jenis_jawaban != "indeks"
               and (u.pilihan != pilihan if u.pilihan is not None
                    else scoring.dua_desimal(u.angka) != scoring.dua_desimal(angka)))
    if berbeda and not alasan:
        usul = u.pilihan or (u.angka * 100 if item.jenis_jawaban == "persen" else u.angka)  # shown as the reader writes it
        raise DomainError(N_("Jawaban berbeda dari usulan berdasarkan data (%(usul)s); tuliskan alasannya.",
                             usul=usul), "alasan")
    row = jawaban(item.tahun, item)
    before = None if row is None else {"pilihan": row.pilihan, "angka": _teks_angka(row.angka)}
    if row is None:
        row = ZiJawaban(tahun=item.tahun, indikator_id=item.id)
        db.session.add(row)
    row.pilihan, row.angka, row.isian, row.nilai, row.alasan = pilihan, angka, isian, nilai, alasan
    row.usulan_pilihan = u.pilihan if u else None
    row.usulan_angka = u.angka if u else None
    row.diisi_oleh_id = getattr(user, "id", None)
    if bukti is not None:
        row.bukti = list(bukti)
    db.session.flush()
    audit.record("zi.jawaban.simpan", "zi_jawaban", row.id,
                 {"kode": item.kode, "tahun": item.tahun, "pilihan": pilihan,
                  "angka": _teks_angka(angka), "sebelum": before,
                  "usulan": (u.pilihan or _teks_angka(u.angka)) if u else None,
                  "menyimpang": berbeda, "alasan": alasan, "bukti": [b.id for b in row.bukti]}, actor=user)
    return row


def hapus_jawaban(item: ZiIndikator, *, user) -> None:
    """Withdraw an officer's answer: the item falls back to the proposal (or to no answer)."""
    row = jawaban(item.tahun, item)
    if row is None:
        return
    audit.record("zi.jawaban.hapus", "zi_jawaban", row.id,
                 {"kode": item.kode, "tahun": item.tahun, "pilihan": row.pilihan, "angka": _teks_angka(row.angka)},
                 actor=user)
    db.session.delete(row)
    db.session.flush()
