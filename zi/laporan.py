"""The monev and tindak lanjut reports, built from the office's records (read through the domains' queries) for
a chosen period, rendered as PDF and DOCX (zi.dokumen), numbered in their own yearly register and filed in the
evidence register against the catalogue's bukti name; the recommendations of a monev or evaluation report become
tracked follow-up actions (ZiTindakLanjut).

`terbitkan` is idempotent per report and period (its `kunci_sumber`): a re-run timer, or two officers at once,
get the first report — one number, one file — because the register's lock is taken before the number.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Callable

from sqlalchemy import func, select

from core import audit, documents, storage
from core.calendar import add_workdays
from core.documents import NotaDinas, format_nomor, nomor_ditolak, nota_dinas_docx, nota_dinas_pdf
from core.errors import N_, DomainError
from core.extensions import db
from core.models import Role, Unit, User, UserRole
from core.numbering import next_sequence
from core.terbilang import jumlah_berkas
from core.settings import get_setting
from core.workdays import format_tanggal, local_today
from zi import answers, catalogue, dokumen, evidence, tindak_lanjut
from zi.dokumen import Bagian, Daftar, Grafik, Paragraf, Tabel
from zi.models import STATUS_TINDAK_LANJUT, ZiBukti, ZiNotaDinas, ZiTindakLanjut
from zi.periode import Periode, bulan_lalu, dari_kunci, hari_kerja_pertama, tanggal_pesan

DOCX = evidence.DOCX
BELUM_DISPOSISI = "Belum didisposisikan"


# --- small formatting helpers ---------------------------------------------------------------------------------

def n(x: int | None) -> str:
    return "-" if x is None else f"{int(x):,}".replace(",", ".")


def persen(a: int, b: int) -> str:
    return "-" if not b else f"{100 * a / b:.2f}".replace(".", ",") + " %"


def desimal(x, places: int = 2) -> str:
    return "-" if x is None else f"{float(x):.{places}f}".replace(".", ",")


def _tabel_hitung(judul: str, counts: dict[str, int], labels: dict[str, str] | None = None,
                  kosong_label: str = "-") -> Tabel:
    total = sum(counts.values())
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return Tabel([judul, "Jumlah", "%"], [[(labels or {}).get(k, k) or kosong_label, n(v), persen(v, total)]
                                          for k, v in rows], angka=(1, 2))


def _grafik(judul: str, counts: dict[str, int], labels: dict[str, str] | None = None, kosong_label: str = "-") -> Grafik:
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:12]
    return Grafik(judul, [((labels or {}).get(k, k) or kosong_label, float(v)) for k, v in rows if v])


# --- what a builder returns ------------------------------------------------------------------------------------

@dataclass
class Rekomendasi:
    teks: str
    unit_id: int | None = None
    unit_nama: str = ""


@dataclass
class Isi:
    bagian: list[Bagian]
    kosong: bool = False
    catatan: str = ""
    rekomendasi: list[Rekomendasi] = field(default_factory=list)
    ringkasan: str = ""


@dataclass(frozen=True)
class JenisLaporan:
    kode: str
    judul: str
    bukti_kunci: str  # the catalogue's key of the bukti it files itself as
    susun: Callable[[Periode, date], Isi]
    tl_kode: str = ""  # the pertanyaan its recommendations' follow-up answers ("" = not tracked)
    per_tanggal: bool = False  # an "as of" report: one per period and day, the period may still run

    def kunci(self, p: Periode, today: date) -> str:
        return f"zi.{self.kode}:{p.kunci}" + (f"@{today.isoformat()}" if self.per_tanggal else "")


def _unit_pengelola(peran: str, role: Role) -> Unit | None:
    """The unit that owns recommendations about one function: the setting's unit code, else the unit most of
    that role's active officers belong to."""
    kode = answers.pengaturan()["unit_pengelola"].get(peran) or ""
    if kode:
        unit = db.session.scalar(select(Unit).where(Unit.kode == kode, Unit.aktif))
        if unit is not None:
            return unit
    row = db.session.execute(select(User.unit_id, func.count()).join(UserRole, UserRole.user_id == User.id)
                             .where(UserRole.role == role.value, User.aktif, User.unit_id.is_not(None))
                             .group_by(User.unit_id).order_by(func.count().desc(), User.unit_id).limit(1)).first()
    return db.session.get(Unit, row[0]) if row else None


def _rek(teks: str, unit: Unit | None) -> Rekomendasi:
    return Rekomendasi(teks, unit.id if unit else None, unit.nama if unit else "")


def _bagian_rekomendasi(rek: list[Rekomendasi], tenggat: date | None, kosong: str, *, dilacak: bool = True) -> Bagian:
    if not rek:
        return Bagian("Rekomendasi", [Paragraf(kosong)])
    rows = [[str(i), r.teks, r.unit_nama or "ditetapkan oleh Tim Kerja ZI",
             format_tanggal(tenggat) if tenggat and r.unit_id else "-"] for i, r in enumerate(rek, 1)]
    pengantar = ("Setiap rekomendasi dicatat sebagai tindak lanjut dengan unit penanggung jawab dan tenggatnya; "
                 "pelaksanaannya dilaporkan dalam laporan tindak lanjut." if dilacak else
                 "Rekomendasi disampaikan kepada unit penanggung jawab untuk dilaksanakan sebelum tenggat.")
    return Bagian("Rekomendasi", [Paragraf(pengantar),
                                  Tabel(["No", "Rekomendasi", "Penanggung jawab", "Tenggat"], rows, angka=(0,),
                                        bobot=(5, 60, 20, 15))])


def tenggat_rekomendasi(today: date) -> date:
    return add_workdays(today, int(answers.pengaturan()["laporan"]["tenggat_rekomendasi_hk"]))


# --- Laporan monitoring dan evaluasi penanganan pengaduan masyarakat ----------------------------------------

def susun_monev_pengaduan(p: Periode, today: date) -> Isi:
    from pengaduan import queries as pq

    f = pq.lke_figures(p.mulai, p.selesai, today)
    m = pq.monev_figures(p.mulai, p.selesai, today)
    respon = pq.first_response_summary(p.mulai, p.selesai, today)
    voc = pq.vocabulary()
    kanal, status = voc["kanal"], voc["status"]
    diterima = f["diterima"]
    bagian = [Bagian("I. Pendahuluan", [Paragraf(
        f"Laporan ini memantau dan mengevaluasi penanganan pengaduan masyarakat yang diterima pada {p.label} "
        f"({format_tanggal(p.mulai)} – {format_tanggal(p.selesai)}) melalui seluruh kanal, sesuai Peraturan "
        "Presiden Nomor 76 Tahun 2013 tentang Pengelolaan Pengaduan Pelayanan Publik, sebagai dasar perbaikan "
        "layanan dan bukti dukung Pembangunan Zona Integritas (PermenPANRB Nomor 90 Tahun 2021). Angka diambil "
        f"dari catatan aplikasi pada {format_tanggal(today)}; identitas pelapor dan isi pengaduan tidak dimuat.")])]
    if not diterima:
        bagian.append(Bagian("II. Pengaduan yang diterima", [Paragraf(
            "Tidak ada pengaduan yang diterima pada periode ini. Kanal pengaduan tetap dibuka dan dipantau.")]))
        rek = []
        bagian.append(_bagian_rekomendasi(rek, None, "Tidak ada rekomendasi: belum ada pengaduan untuk dievaluasi."))
        bagian.append(Bagian("Penutup", [Paragraf("Demikian laporan ini disusun untuk menjadi perhatian.")]))
        return Isi(bagian, kosong=True, catatan="Tidak ada pengaduan pada periode ini.",
                   ringkasan="Tidak ada pengaduan pada periode ini.")

    per_unit = {(k or BELUM_DISPOSISI): v for k, v in m["per_unit"].items()}
    bagian.append(Bagian("II. Pengaduan yang diterima", [
        Paragraf(f"Jumlah pengaduan yang diterima: {n(diterima)}."),
        _tabel_hitung("Kanal", m["per_kanal"], kanal),
        _grafik("Pengaduan per kanal", m["per_kanal"], kanal),
        _tabel_hitung("Jenis", m["per_jenis"], voc["jenis"]),
        _tabel_hitung("Kategori", m["per_kategori"]),
        _tabel_hitung("Unit tujuan disposisi", per_unit),
    ]))
    apart = [("Dialihkan ke instansi berwenang (tidak dihitung)", f["dialihkan"]),
             ("Dipindahkan ke WBS (tidak dihitung)", f["dipindah_wbs"]),
             ("Ditandai duplikat dari pengaduan lain (tidak dihitung)", f["duplikat"]),
             ("Diarsipkan karena tidak dilengkapi pelapor (tetap dihitung)", f["diarsipkan_tidak_dilengkapi"]),
             ("Diarsipkan petugas (tetap dihitung)", f["diarsipkan_lainnya"])]
    bagian.append(Bagian("III. Status penanganan", [
        _tabel_hitung("Status", m["per_status"], status),
        Paragraf("Angka Lembar Kerja Evaluasi (reform penanganan pengaduan masyarakat):"),
        Tabel(["Harus ditindaklanjuti", "Sedang diproses", "Selesai ditindaklanjuti", "Persentase selesai"],
              [[n(f["harus_ditindaklanjuti"]), n(f["sedang_diproses"]), n(f["selesai"]),
                persen(f["selesai"], f["harus_ditindaklanjuti"])]], angka=(0, 1, 2, 3)),
        Tabel(["Dicatat terpisah", "Jumlah"], [[k, n(v)] for k, v in apart if v], angka=(1,),
              kosong="Tidak ada pengaduan yang dialihkan, dipindahkan, atau diarsipkan."),
    ]))
    rows = []
    for k in sorted(set(m["verifikasi"]) | set(respon), key=lambda k: -m["per_kanal"].get(k, 0)):
        v, r = m["verifikasi"].get(k, {}), respon.get(k, {})
        rows.append([kanal.get(k, k), n(v.get("jumlah", r.get("jumlah", 0))), n(v.get("median_hk")), n(v.get("p90_hk")),
                     f"{n(v.get('tepat_waktu', 0))} / {n(v.get('diverifikasi', 0))}", n(r.get("median_hk")),
                     n(r.get("p90_hk")), n((v.get("belum_lewat") or 0))])
    batas = next(iter(m["verifikasi"].values()), {}).get("batas_hk")
    bagian.append(Bagian("IV. Kecepatan verifikasi dan respons pertama per kanal", [
        Paragraf(f"Dalam hari kerja (HK) sejak pengaduan diterima; batas verifikasi {n(batas)} HK. Respons pertama "
                 "adalah kabar pertama petugas kepada pelapor (verifikasi, permintaan melengkapi, penolakan, atau "
                 "jawaban); persentil ke-90 menjadi dasar penilaian reform penanganan pengaduan berbagai kanal."),
        Tabel(["Kanal", "Jumlah", "Verifikasi: median", "Verifikasi: P90", "Verifikasi tepat waktu",
               "Respons pertama: median", "Respons pertama: P90", "Belum diverifikasi, lewat batas"], rows,
              angka=(1, 2, 3, 4, 5, 6, 7)),
    ]))
    terlambat = m["terlambat"]
    bagian.append(Bagian("V. Pengaduan yang melewati batas waktu", [
        Paragraf(f"{n(m['terlambat_jumlah'])} pengaduan masih terbuka melewati batas waktunya pada "
                 f"{format_tanggal(today)}" + (f" (ditampilkan {len(terlambat)} yang paling lama)."
                                                if m["terlambat_jumlah"] > len(terlambat) else ".")),
        Tabel(["Tiket", "Unit", "Status", "Batas", "Lewat (HK)"],
              [[t["tiket"], t["unit"] or BELUM_DISPOSISI, status.get(t["status"], t["status"]),
                format_tanggal(t["batas"]), n(t["lewat_hk"])] for t in terlambat], angka=(4,),
              kosong="Tidak ada pengaduan yang melewati batas waktu."),
    ]))
    nilai = m["penilaian"]
    bagian.append(Bagian("VI. Penilaian pelapor", [
        Paragraf(f"{n(nilai['jumlah'])} pelapor memberi penilaian; rata-rata {desimal(nilai['rata_rata'])} dari 5."
                 if nilai["jumlah"] else "Belum ada pelapor yang memberi penilaian pada periode ini."),
        Tabel(["Nilai", "Jumlah"], [[str(k), n(nilai["sebaran"].get(k, 0))] for k in range(5, 0, -1)] if nilai["jumlah"]
              else [], angka=(1,)),
    ]))

    temuan: list[str] = [f"Persentase penyelesaian {persen(f['selesai'], f['harus_ditindaklanjuti'])} "
                         f"({n(f['selesai'])} dari {n(f['harus_ditindaklanjuti'])} yang harus ditindaklanjuti; "
                         f"{n(f['sedang_diproses'])} sedang diproses)."]
    rek: list[Rekomendasi] = []
    pengelola = _unit_pengelola("pengaduan", Role.petugas_pengaduan)
    if m["per_kategori"]:
        kat, jumlah = max(m["per_kategori"].items(), key=lambda kv: (kv[1], kv[0]))
        temuan.append(f"Kategori terbanyak: {kat or '-'} ({n(jumlah)} pengaduan, {persen(jumlah, diterima)}).")
    lambat = [k for k, v in m["verifikasi"].items() if v.get("p90_hk") is not None and v["p90_hk"] > v["batas_hk"]]
    lambat += [k for k, v in m["verifikasi"].items() if v.get("belum_lewat") and k not in lambat]
    for k in lambat:
        v = m["verifikasi"][k]
        temuan.append(f"Verifikasi kanal {kanal.get(k, k)}: persentil ke-90 {n(v.get('p90_hk'))} HK, "
                      f"{n(v.get('belum_lewat', 0))} belum diverifikasi melewati batas {n(v['batas_hk'])} HK.")
    if lambat:
        rek.append(_rek(f"Percepat verifikasi pengaduan kanal {', '.join(kanal.get(k, k) for k in lambat)} agar "
                        f"selesai paling lambat {n(batas)} HK sejak diterima.", pengelola))
    if m["terlambat_jumlah"]:
        temuan.append(f"{n(m['terlambat_jumlah'])} pengaduan melewati batas waktu tanpa penyelesaian.")
        for unit_nama, jumlah in sorted(m["terlambat_per_unit"].items(), key=lambda kv: (-kv[1], kv[0])):
            unit_id = m["unit_id"].get(unit_nama)
            if unit_id:
                rek.append(Rekomendasi(f"Selesaikan {n(jumlah)} pengaduan yang melewati batas waktu dan laporkan "
                                       "tindak lanjutnya kepada petugas pengaduan.", unit_id, unit_nama))
            else:
                rek.append(_rek(f"Disposisikan atau selesaikan {n(jumlah)} pengaduan yang melewati batas waktu "
                                "sebelum didisposisikan.", pengelola))
    tema = [t for t in pq.themes_per_unit(p.mulai, p.selesai) if t["unit_id"]]
    if tema:
        top = max(tema, key=lambda t: (t["jumlah"], t["unit"]))
        if top["jumlah"] >= 3:
            temuan.append(f"Tema berulang: {n(top['jumlah'])} pengaduan kategori «{top['kategori'] or '-'}» pada "
                          f"{top['unit']}.")
            rek.append(Rekomendasi(f"Evaluasi layanan terkait kategori «{top['kategori'] or '-'}» ({n(top['jumlah'])} "
                                   "pengaduan) dan tetapkan perbaikannya.", top["unit_id"], top["unit"]))
    if f["diarsipkan_tidak_dilengkapi"]:
        temuan.append(f"{n(f['diarsipkan_tidak_dilengkapi'])} pengaduan diarsipkan karena tidak dilengkapi pelapor.")
    if nilai["rata_rata"] is not None and nilai["rata_rata"] < 4:
        temuan.append(f"Rata-rata penilaian pelapor {desimal(nilai['rata_rata'])} dari 5.")
        rek.append(_rek("Tingkatkan kejelasan dan kelengkapan jawaban kepada pelapor.", pengelola))
    tenggat = tenggat_rekomendasi(today)
    bagian.append(Bagian("VII. Temuan", [Daftar(temuan, bernomor=True)]))
    bagian.append(_bagian_rekomendasi(rek, tenggat, "Penanganan sesuai batas waktu: tidak ada rekomendasi perbaikan "
                                                    "khusus; pertahankan."))
    bagian.append(Bagian("Penutup", [Paragraf(
        "Hasil monitoring dan evaluasi ini disampaikan kepada unit terkait untuk ditindaklanjuti; pelaksanaan "
        "rekomendasi dipantau dalam laporan tindak lanjut.")]))
    return Isi(bagian, rekomendasi=rek,
               ringkasan=f"Diterima {n(diterima)}; selesai {n(f['selesai'])} dari {n(f['harus_ditindaklanjuti'])} "
                         f"({persen(f['selesai'], f['harus_ditindaklanjuti'])}); {n(m['terlambat_jumlah'])} lewat batas.")


# --- Laporan hasil evaluasi atas penerapan WBS ------------------------------------------------------------------

def susun_evaluasi_wbs(p: Periode, today: date) -> Isi:
    from wbs import queries as wq

    w = wq.evaluation_figures(p.mulai, p.selesai, today)
    lab = wq.labels()
    sumber = {"web": "Situs web", "api": "API", "telegram": "Telegram", "pengaduan": "Dipindahkan dari pengaduan",
              "petugas": "Dicatat petugas"}
    bagian = [Bagian("I. Pendahuluan", [Paragraf(
        f"Laporan ini mengevaluasi penerapan Whistle Blowing System (WBS) pada {p.label} ({format_tanggal(p.mulai)} – "
        f"{format_tanggal(p.selesai)}). Laporan disusun hanya dari tanggal dan status: isi laporan, jenis "
        "pelanggaran, dan identitas pelapor tersegel dan tidak dibaca untuk laporan ini.")])]
    rek: list[Rekomendasi] = []
    tim = _unit_pengelola("wbs", Role.tim_wbs)
    if not w["diterima"]:
        bagian.append(Bagian("II. Laporan yang diterima", [Paragraf(
            "Tidak ada laporan WBS yang diterima pada periode ini.")]))
        rek.append(_rek("Ulangi internalisasi WBS kepada seluruh pegawai (apel, rapat staf, media internal) dan "
                        "pastikan kanal WBS mudah ditemukan.", tim))
        temuan = ["Tidak ada laporan WBS pada periode ini; belum dapat dinilai ketepatan waktunya."]
    else:
        wkt = w["waktu"]
        bagian.append(Bagian("II. Laporan yang diterima", [
            Paragraf(f"Jumlah laporan WBS yang diterima: {n(w['diterima'])}."),
            _tabel_hitung("Kanal", w["per_sumber"], sumber),
            _grafik("Laporan WBS per status", {k: v for k, v in w["per_status"].items() if v}, lab["status"]),
            Tabel(["Bulan diterima", "Jumlah"], [[k, n(v)] for k, v in sorted(w["per_bulan"].items())], angka=(1,)),
        ]))
        bagian.append(Bagian("III. Status dan keputusan", [
            Tabel(["Status", "Jumlah"], [[lab["status"].get(k, k), n(v)] for k, v in w["per_status"].items()], angka=(1,)),
            Paragraf(f"Selesai {n(w['selesai'])}; tidak dapat ditindaklanjuti {n(w['tidak_dapat_ditindaklanjuti'])}; "
                     f"masih diproses {n(w['terbuka'])}."),
        ]))
        bagian.append(Bagian("IV. Ketepatan waktu", [
            Tabel(["Tahap", "Dilakukan", "Tepat waktu", "Median (HK)", "P90 (HK)"],
                  [["Pengakuan (≤ 3 HK)", n(wkt["pengakuan"]["jumlah"]), n(wkt["pengakuan"]["tepat_waktu"]),
                    n(wkt["pengakuan"]["median_hk"]), n(wkt["pengakuan"]["p90_hk"])],
                   ["Verifikasi (≤ 7 HK)", n(wkt["verifikasi"]["jumlah"]), n(wkt["verifikasi"]["tepat_waktu"]),
                    n(wkt["verifikasi"]["median_hk"]), n(wkt["verifikasi"]["p90_hk"])]], angka=(1, 2, 3, 4)),
            Paragraf(f"Laporan terbuka yang melewati tenggat: {n(w['terbuka_lewat_tenggat'])}; tanpa umpan balik "
                     f"kepada pelapor 30 hari atau lebih: {n(w['tanpa_umpan_balik_30_hari'])}."),
        ]))
        temuan = [f"{n(w['diterima'])} laporan diterima; {n(w['selesai'] + w['tidak_dapat_ditindaklanjuti'])} telah "
                  "diputus."]
        terlambat_akui = wkt["pengakuan"]["jumlah"] - wkt["pengakuan"]["tepat_waktu"]
        if terlambat_akui or w["terbuka_lewat_tenggat"]:
            temuan.append(f"{n(terlambat_akui)} pengakuan terlambat; {n(w['terbuka_lewat_tenggat'])} laporan terbuka "
                          "melewati tenggat.")
            rek.append(_rek("Akui setiap laporan WBS paling lambat 3 HK dan verifikasi paling lambat 7 HK; bagi tugas "
                            "piket Tim WBS.", tim))
        if w["tanpa_umpan_balik_30_hari"]:
            temuan.append(f"{n(w['tanpa_umpan_balik_30_hari'])} laporan belum menerima umpan balik 30 hari atau lebih.")
            rek.append(_rek("Kirim umpan balik kepada pelapor sekurang-kurangnya setiap 30 hari sampai laporan ditutup.",
                            tim))
    tenggat = tenggat_rekomendasi(today)
    bagian.append(Bagian("Temuan", [Daftar(temuan, bernomor=True)]))
    bagian.append(_bagian_rekomendasi(rek, tenggat, "Penerapan WBS berjalan sesuai ketentuan; pertahankan."))
    bagian.append(Bagian("Penutup", [Paragraf("Demikian laporan hasil evaluasi ini disusun untuk ditindaklanjuti.")]))
    return Isi(bagian, kosong=not w["diterima"], rekomendasi=rek,
               catatan="" if w["diterima"] else "Tidak ada laporan WBS pada periode ini.",
               ringkasan=f"Diterima {n(w['diterima'])}; selesai {n(w['selesai'])}; terbuka lewat tenggat "
                         f"{n(w['terbuka_lewat_tenggat'])}.")


# --- Laporan pengendalian gratifikasi ---------------------------------------------------------------------------

def _rupiah(v) -> str:
    return "Rp" + n(v or 0)


def susun_upg(p: Periode, today: date) -> Isi:
    from gratifikasi import queries as gq

    r = gq.rekap(p.mulai, p.selesai, today, daftar=False)
    kampanye = gq.kegiatan_kampanye(p.mulai, p.selesai)
    lab = gq.labels()
    k = r["ketepatan"]
    bagian = [Bagian("I. Pendahuluan", [Paragraf(
        f"Laporan pengendalian gratifikasi Unit Pengendalian Gratifikasi (UPG) untuk {p.label} "
        f"({format_tanggal(p.mulai)} – {format_tanggal(p.selesai)}), berdasarkan Pasal 12B–12C Undang-Undang "
        "Nomor 20 Tahun 2001 dan Peraturan KPK Nomor 2 Tahun 2019 sebagaimana diubah. Laporan memuat rekapitulasi "
        "tanpa identitas pelapor.")])]
    bagian.append(Bagian("II. Rekapitulasi laporan", [
        Paragraf(f"Jumlah laporan: {n(r['jumlah'])}. Nilai penerimaan {_rupiah(r['nilai_penerimaan'])}; nilai "
                 f"penolakan {_rupiah(r['nilai_penolakan'])}."),
        Tabel(["Jenis laporan", "Jumlah"], [[lab["jenis"].get(j, j), n(v)] for j, v in r["per_jenis"].items()],
              angka=(1,)),
        _grafik("Laporan gratifikasi per jenis", r["per_jenis"], lab["jenis"]),
        *[Tabel([judul, "Laporan", "Nilai"], [[x["label"], n(x["jumlah"]), _rupiah(x["nilai"])] for x in rows],
                angka=(1, 2), kosong=f"Tidak ada laporan penerimaan atau penolakan (menurut {judul.lower()}).")
          for judul, rows in (("Bentuk", r["per_bentuk"]), ("Unit", r["per_unit"]),
                              ("Penetapan KPK", r["per_penetapan"]))],
    ]))
    bagian.append(Bagian("III. Ketepatan waktu", [Tabel(["Uraian", "Jumlah"], [
        ["Pelapor tepat waktu (≤ 10 HK ke UPG)", n(k["pelapor_tepat_waktu"])],
        ["Pelapor terlambat ke UPG", n(k["pelapor_terlambat_upg"])],
        ["Lewat 30 HK sejak diterima", n(k["pelapor_terlambat_kpk"])],
        ["Diteruskan UPG ke KPK tepat waktu", n(k["upg_tepat_waktu"])],
        ["Diteruskan UPG ke KPK terlambat", n(k["upg_terlambat"])],
        ["Belum diteruskan, masih dalam tenggat", n(k["belum_diteruskan_dalam_tenggat"])],
        ["Belum diteruskan, lewat tenggat", n(k["belum_diteruskan_lewat_tenggat"])]], angka=(1,))]))
    bagian.append(Bagian("IV. Kampanye pengendalian gratifikasi", [
        Tabel(["Tanggal", "Media", "Kegiatan", "Peserta"],
              [[format_tanggal(x["tanggal"]), x["media_label"], x["judul"], n(x["peserta"]) if x["peserta"] else "-"]
               for x in sorted(kampanye, key=lambda x: x["tanggal"])], angka=(3,),
              kosong="Tidak ada kegiatan kampanye yang tercatat pada periode ini.")]))
    temuan, rek = [], []
    upg = _unit_pengelola("upg", Role.upg)
    if not kampanye:
        temuan.append("Tidak ada kegiatan public campaign pengendalian gratifikasi pada periode ini.")
        rek.append(_rek("Laksanakan public campaign pengendalian gratifikasi (banner, media sosial, sosialisasi) "
                        "sekurang-kurangnya sekali setiap triwulan.", upg))
    if k["belum_diteruskan_lewat_tenggat"] or k["upg_terlambat"]:
        temuan.append(f"{n(k['upg_terlambat'] + k['belum_diteruskan_lewat_tenggat'])} laporan terlambat diteruskan ke "
                      "KPK.")
        rek.append(_rek("Teruskan laporan gratifikasi ke KPK paling lambat 10 HK sejak diterima UPG.", upg))
    if k["pelapor_terlambat_upg"] or k["pelapor_terlambat_kpk"]:
        temuan.append(f"{n(k['pelapor_terlambat_upg'] + k['pelapor_terlambat_kpk'])} pegawai melapor melewati batas "
                      "waktu.")
        rek.append(_rek("Ingatkan pegawai batas waktu pelaporan gratifikasi (10 HK ke UPG, 30 HK ke KPK).", upg))
    if not temuan:
        temuan.append("Pengendalian gratifikasi berjalan sesuai ketentuan pada periode ini.")
    bagian.append(Bagian("V. Temuan", [Daftar(temuan, bernomor=True)]))
    bagian.append(_bagian_rekomendasi(rek, tenggat_rekomendasi(today), "Tidak ada rekomendasi perbaikan khusus.", dilacak=False))
    bagian.append(Bagian("Penutup", [Paragraf("Demikian laporan ini disampaikan.")]))
    kosong = not r["jumlah"] and not kampanye
    return Isi(bagian, kosong=kosong, rekomendasi=rek,
               catatan="Tidak ada laporan gratifikasi maupun kegiatan kampanye pada periode ini." if kosong else "",
               ringkasan=f"Laporan {n(r['jumlah'])}; kampanye {n(len(kampanye))}.")


# --- Bahan reviu standar pelayanan -------------------------------------------------------------------------------

def susun_reviu_standar(p: Periode, today: date) -> Isi:
    from pengaduan import queries as pq
    from skm import queries as skq

    s = skq.results_per_service(p.mulai, p.selesai)
    tema = pq.themes_per_unit(p.mulai, p.selesai)
    semua = s["semua"]
    layanan = [x for x in s["layanan"] if x["responden"]]
    bagian = [Bagian("I. Pendahuluan", [Paragraf(
        f"Bahan reviu standar pelayanan untuk {p.label} ({format_tanggal(p.mulai)} – {format_tanggal(p.selesai)}): "
        "hasil Survei Kepuasan Masyarakat (PermenPANRB Nomor 14 Tahun 2017) dan tema pengaduan masyarakat per "
        "layanan, yang menjadi masukan reviu dan perbaikan standar pelayanan (PermenPANRB Nomor 15 Tahun 2014).")])]
    bagian.append(Bagian("II. Hasil Survei Kepuasan Masyarakat", [
        Paragraf(f"Seluruh layanan: {n(semua['responden'])} responden, IKM {semua['ikm_konversi'] or '-'} "
                 f"(mutu {semua['mutu'] or '-'})." if semua["responden"] else
                 "Belum ada responden SKM pada periode ini."),
        Tabel(["Layanan", "Unit", "Responden", "IKM", "Mutu", "Unsur terendah"],
              [[x["nama"], x["unit"], n(x["responden"]), x["ikm_konversi"] or "-", x["mutu"] or "-",
                "; ".join(x["terendah"])] for x in layanan], angka=(2, 3)),
        Grafik("IKM per layanan", [(x["nama"], float(str(x["ikm_konversi"]).replace(",", ".")))
                                   for x in layanan if x["ikm_konversi"]]),
    ]))
    bagian.append(Bagian("III. Tema pengaduan per unit layanan", [
        Tabel(["Unit", "Kategori pengaduan", "Jumlah"],
              [[t["unit"] or BELUM_DISPOSISI, t["kategori"] or "-", n(t["jumlah"])] for t in tema], angka=(2,))]))
    per_unit_tema: dict[int, list[dict]] = {}
    for t in tema:
        if t["unit_id"]:
            per_unit_tema.setdefault(t["unit_id"], []).append(t)
    butir, rek = [], []
    for x in s["layanan"]:
        keluhan = per_unit_tema.get(x["unit_id"], [])
        if not x["responden"] and not keluhan:
            continue
        bagian_skm = (f"IKM {x['ikm_konversi']} (mutu {x['mutu']}); unsur terendah {', '.join(x['terendah'])}"
                      if x["responden"] else "belum ada responden SKM")
        bagian_aduan = ", ".join(f"{t['kategori'] or '-'} ({n(t['jumlah'])})" for t in keluhan[:3]) or "tidak ada"
        butir.append(f"{x['nama']} ({x['unit']}): {bagian_skm}; pengaduan: {bagian_aduan}.")
        if (x["mutu"] in ("C", "D")) or sum(t["jumlah"] for t in keluhan) >= 3:
            rek.append(Rekomendasi(f"Reviu standar pelayanan «{x['nama']}» dengan memperhatikan "
                                   f"{'unsur ' + x['terendah'][0] if x['terendah'] else 'tema pengaduan'}.",
                                   x["unit_id"], x["unit"]))
    bagian.append(Bagian("IV. Bahan reviu per layanan", [Daftar(butir) if butir else Paragraf(
        "Belum ada hasil SKM maupun pengaduan per layanan pada periode ini.")]))
    bagian.append(_bagian_rekomendasi(rek, tenggat_rekomendasi(today), "Tidak ada layanan yang memerlukan reviu khusus.",
                                      dilacak=False))
    bagian.append(Bagian("Penutup", [Paragraf(
        "Bahan ini dibahas dalam reviu standar pelayanan bersama pemangku kepentingan.")]))
    kosong = not semua["responden"] and not tema
    return Isi(bagian, kosong=kosong, rekomendasi=rek,
               catatan="Tidak ada hasil SKM maupun pengaduan pada periode ini." if kosong else "",
               ringkasan=f"SKM {n(semua['responden'])} responden; {n(sum(t['jumlah'] for t in tema))} pengaduan.")


# --- Laporan tindak lanjut ----------------------------------------------------------------------------------------

def _susun_tindak_lanjut(kode: str, asal: str) -> Callable[[Periode, date], Isi]:
    def susun(p: Periode, today: date) -> Isi:
        rows = tindak_lanjut_periode(kode, p)
        hitung = Counter(r.status for r in rows)
        lewat = [r for r in rows if r.status != "selesai" and r.tenggat < today]
        bagian = [Bagian("I. Pendahuluan", [Paragraf(
            f"Laporan tindak lanjut atas rekomendasi {asal} {p.label}, keadaan pada {format_tanggal(today)}: setiap "
            "rekomendasi dengan unit penanggung jawab, tenggat, status, hasil, dan buktinya.")])]
        tabel = []
        for i, r in enumerate(rows, 1):
            hasil = (r.hasil or "-") + (f" (bukti: {'; '.join(b.judul for b in r.bukti)})" if r.bukti else "")
            tabel.append([str(i), r.rekomendasi, r.sumber_bukti.nomor if r.sumber_bukti else "-", r.unit.nama,
                          format_tanggal(r.tenggat), STATUS_TINDAK_LANJUT[r.status]
                          + (" (lewat tenggat)" if r in lewat else ""), hasil])
        bagian.append(Bagian("II. Pelaksanaan rekomendasi", [
            Paragraf(f"{n(len(rows))} rekomendasi: selesai {n(hitung['selesai'])}, dalam proses {n(hitung['proses'])}, "
                     f"direncanakan {n(hitung['rencana'])}; {n(len(lewat))} melewati tenggat." if rows else
                     "Tidak ada rekomendasi yang harus ditindaklanjuti pada periode ini."),
            Grafik("Rekomendasi per status", [(STATUS_TINDAK_LANJUT[s], float(hitung[s])) for s in STATUS_TINDAK_LANJUT
                                              if hitung[s]]),
            Tabel(["No", "Rekomendasi", "Laporan asal", "Unit", "Tenggat", "Status", "Hasil dan bukti"], tabel,
                  angka=(0,), bobot=(4, 23, 20, 13, 11, 14, 15)),
        ]))
        per_unit = Counter(r.unit.nama for r in lewat)
        bagian.append(Bagian("III. Tindak lanjut yang melewati tenggat, per unit", [
            Tabel(["Unit", "Jumlah"], [[u, n(v)] for u, v in per_unit.most_common()], angka=(1,),
                  kosong="Tidak ada tindak lanjut yang melewati tenggat.")]))
        bagian.append(Bagian("Penutup", [Paragraf("Demikian laporan tindak lanjut ini disusun.")]))
        return Isi(bagian, kosong=not rows, catatan="" if rows else "Tidak ada rekomendasi pada periode ini.",
                   ringkasan=f"{n(hitung['selesai'])} dari {n(len(rows))} rekomendasi selesai.")
    return susun


def tindak_lanjut_periode(kode: str, p: Periode) -> list[ZiTindakLanjut]:
    """The follow-up actions of pertanyaan `kode` whose source report covers a span inside the period (or, with
    no source report, created in it)."""
    q = (select(ZiTindakLanjut).outerjoin(ZiBukti, ZiBukti.id == ZiTindakLanjut.sumber_bukti_id)
         .where(ZiTindakLanjut.indikator_kode == kode)
         .order_by(ZiTindakLanjut.tenggat, ZiTindakLanjut.id))
    out = []
    for r in db.session.scalars(q):
        if r.sumber_bukti is not None:
            inside = p.mulai <= r.sumber_bukti.periode_mulai and r.sumber_bukti.periode_selesai <= p.selesai
        else:
            inside = p.mulai <= r.dibuat_at.date() <= p.selesai
        if inside:
            out.append(r)
    return out


JENIS: dict[str, JenisLaporan] = {j.kode: j for j in (
    JenisLaporan("monev_pengaduan", "Laporan monitoring dan evaluasi penanganan pengaduan masyarakat",
                 "laporan_monev_pengaduan", susun_monev_pengaduan, tl_kode="PW.P3.d"),
    JenisLaporan("evaluasi_wbs", "Laporan hasil evaluasi atas penerapan Whistle Blowing System",
                 "laporan_evaluasi_wbs", susun_evaluasi_wbs, tl_kode="PW.P4.c"),
    JenisLaporan("upg", "Laporan pengendalian gratifikasi", "laporan_upg", susun_upg),
    JenisLaporan("reviu_standar", "Bahan reviu standar pelayanan", "bahan_reviu_standar", susun_reviu_standar),
    JenisLaporan("tl_pengaduan", "Laporan tindak lanjut hasil monitoring dan evaluasi penanganan pengaduan",
                 "laporan_tl_monev_pengaduan", _susun_tindak_lanjut("PW.P3.d", "monitoring dan evaluasi pengaduan"),
                 per_tanggal=True),
    JenisLaporan("tl_wbs", "Laporan tindak lanjut hasil evaluasi atas penerapan Whistle Blowing System",
                 "laporan_tl_evaluasi_wbs", _susun_tindak_lanjut("PW.P4.c", "evaluasi penerapan WBS"),
                 per_tanggal=True),
)}


# --- issuing -----------------------------------------------------------------------------------------------------

@dataclass
class Terbit:
    bukti: ZiBukti
    baru: bool


def _nomor(today: date) -> str:
    cfg = answers.pengaturan()["laporan"]
    seq = next_sequence(cfg["register"], today.year)  # a register of its own, restarting each year
    kode_jabatan = (get_setting("nota_dinas") or {}).get("kode_jabatan", "")
    try:
        return format_nomor(cfg["template_nomor"], seq=seq, kode_jabatan=kode_jabatan, kka=cfg["kka"], when=today)
    except ValueError as exc:
        raise DomainError(exc.args[0], "template_nomor") from exc  # format_nomor's Message: the page's language


def _nama_berkas(judul: str, p: Periode, ext: str) -> str:
    slug = "-".join(re.findall(r"[a-z0-9]+", judul.lower()))[:60]
    return f"{slug}-{p.kunci}.{ext}"


def terbitkan(kode: str, p: Periode, *, user=None, today: date | None = None) -> Terbit:
    """Build, number, render (PDF + DOCX) and file one report; its recommendations become tracked actions.
    Idempotent: the same report for the same period (and day, for an as-of report) is found, not made again."""
    jenis = JENIS.get(kode)
    if jenis is None:
        raise DomainError("Pilih jenis laporan.", "jenis")
    today = today or local_today()
    kunci = jenis.kunci(p, today)
    if (found := evidence.bukti_sumber(kunci)) is not None:
        return Terbit(found, False)
    if not jenis.per_tanggal and p.selesai >= today:
        raise DomainError(N_("%(periode)s belum berakhir: laporannya dibuat setelah %(tanggal)s.", periode=p.nama,
                             tanggal=tanggal_pesan(p.selesai)), "periode")
    if not catalogue.ada(p.tahun):
        catalogue.load(p.tahun)
    isi = jenis.susun(p, today)
    evidence.antre()  # held until this unit of work ends: a second officer now waits, then finds this report
    if (found := evidence.bukti_sumber(kunci)) is not None:
        return Terbit(found, False)
    nomor = _nomor(today)
    dok = dokumen.Dokumen(jenis.judul, p.label, nomor, today, isi.bagian, isi.catatan)
    pdf_data, docx_data = dokumen.pdf(dok), dokumen.docx(dok)
    judul = f"{jenis.judul} {p.label}" + (f" (keadaan {format_tanggal(today)})" if jenis.per_tanggal else "")
    b = evidence.tambah_bukti(judul=judul, jenis="laporan_otomatis", periode_mulai=p.mulai, periode_selesai=p.selesai,
                              user=user, data=pdf_data, nama_berkas=_nama_berkas(jenis.judul, p, "pdf"),
                              bukti_nama=evidence.bukti_nama_berkunci(p.tahun, jenis.bukti_kunci),
                              keterangan=isi.ringkasan, nomor=nomor, tanggal=today, kunci_sumber=kunci)
    salinan = storage.inspect_upload(docx_data, _nama_berkas(jenis.judul, p, "docx"), max_bytes=len(docx_data) + 1,
                                     allowed={DOCX})
    evidence.simpan_berkas(salinan, evidence.OWNER_SALINAN, b.id)
    tenggat = tenggat_rekomendasi(today)
    for r in isi.rekomendasi:
        if jenis.tl_kode and r.unit_id:
            tindak_lanjut.buat(tahun=p.tahun, rekomendasi=r.teks, unit_id=r.unit_id, tenggat=tenggat,
                               indikator_kode=jenis.tl_kode, sumber=b, user=user)
    audit.record("zi.laporan.terbit", "zi_bukti", b.id, {"jenis": kode, "periode": p.kunci, "nomor": nomor,
                                                         "kosong": isi.kosong}, actor=user)
    return Terbit(b, True)


def monev_bulanan(today: date | None = None) -> tuple[str, Terbit | None]:
    """The timer's job: from the first working day of a month on, last month's complaint monev (once)."""
    today = today or local_today()
    first = hari_kerja_pertama(today.year, today.month)
    if today < first:
        return f"Belum hari kerja pertama bulan ini ({format_tanggal(first)}).", None
    p = bulan_lalu(today)
    t = terbitkan("monev_pengaduan", p, today=today)
    kata = "dibuat" if t.baru else "sudah ada"
    return f"Laporan monev pengaduan {p.label} {kata}: nomor {t.bukti.nomor}.", t


def laporan_terbit(tahun: int | None = None, limit: int = 200) -> list[ZiBukti]:
    """Generated reports in the register, newest first."""
    q = select(ZiBukti).where(ZiBukti.jenis == "laporan_otomatis", ZiBukti.kunci_sumber.like("zi.%"))
    if tahun:
        q = q.where(ZiBukti.periode_mulai <= date(tahun, 12, 31), ZiBukti.periode_selesai >= date(tahun, 1, 1))
    return list(db.session.scalars(q.order_by(ZiBukti.id.desc()).limit(limit)))


def jenis_dari_bukti(b: ZiBukti) -> JenisLaporan | None:
    """The kind of a generated report in the register ("zi.monev_pengaduan:2026-03" → monev_pengaduan)."""
    kunci = b.kunci_sumber or ""
    if b.jenis != "laporan_otomatis" or not kunci.startswith("zi."):
        return None
    return JENIS.get(kunci[3:].split(":", 1)[0])


# --- sending a monev report to the units concerned by nota dinas --------------------------------------------------

# the reports sent by nota dinas (their recommendations are tracked per unit), and the catalogue key each nota
# dinas files itself as ("" = against the pertanyaan the report serves)
NOTA_DINAS_KUNCI = {"monev_pengaduan": "nota_dinas_monev_pengaduan", "evaluasi_wbs": ""}
NOTA_DINAS_PREFIX = "nd."  # ZiBukti.kunci_sumber of a nota dinas: "nd.<report id>:<unit id>"


def dapat_dikirim(b: ZiBukti) -> bool:
    jenis = jenis_dari_bukti(b)
    return jenis is not None and jenis.kode in NOTA_DINAS_KUNCI


def rekomendasi_unit(laporan_b: ZiBukti, unit_id: int) -> list[ZiTindakLanjut]:
    return list(db.session.scalars(select(ZiTindakLanjut).where(ZiTindakLanjut.sumber_bukti_id == laporan_b.id,
                                                                ZiTindakLanjut.unit_id == unit_id)
                                   .order_by(ZiTindakLanjut.tenggat, ZiTindakLanjut.id)))


def unit_rekomendasi(laporan_b: ZiBukti) -> list[int]:
    """The units a report's recommendations are addressed to: the ones a nota dinas goes to by default."""
    return list(db.session.scalars(select(ZiTindakLanjut.unit_id).where(ZiTindakLanjut.sumber_bukti_id == laporan_b.id)
                                   .distinct()))


def nota_dinas_laporan(laporan_b: ZiBukti) -> list[ZiNotaDinas]:
    return list(db.session.scalars(select(ZiNotaDinas).where(ZiNotaDinas.laporan_id == laporan_b.id)
                                   .order_by(ZiNotaDinas.bukti_id)))


def nota_dinas_monev(laporan_b: ZiBukti, unit: Unit, rekomendasi: list[ZiTindakLanjut], *, nomor: str,
                     tanggal: date) -> NotaDinas:
    """The one place a monev nota dinas is built, on the complaint disposition's generator (core.documents):
    from the head of office (the signing official of the settings) to the head of the unit, the report attached,
    each recommendation addressed to the unit with its deadline."""
    signer = documents.penandatangan_nota_dinas()
    paragraf = [f"Bersama ini kami sampaikan {laporan_b.judul} nomor {laporan_b.nomor} tanggal "
                f"{format_tanggal(laporan_b.tanggal)} (terlampir), untuk menjadi perhatian dan ditindaklanjuti "
                f"oleh {unit.nama}."]
    if rekomendasi:
        paragraf.append(f"Rekomendasi hasil monitoring dan evaluasi yang perlu ditindaklanjuti oleh {unit.nama}:")
        paragraf += [f"{i}. {r.rekomendasi} (tenggat {format_tanggal(r.tenggat)})"
                     for i, r in enumerate(rekomendasi, 1)]
        paragraf.append("Mohon pelaksanaan setiap rekomendasi beserta buktinya dicatat melalui aplikasi ZI Lapor "
                        "sebelum tenggatnya, untuk dilaporkan dalam laporan tindak lanjut.")
    else:
        paragraf.append(f"Tidak ada rekomendasi yang ditujukan khusus kepada {unit.nama}; mohon hasil monitoring "
                        "dan evaluasi ini menjadi perhatian dalam pelaksanaan tugas.")
    return NotaDinas(kop=documents.letterhead(), nomor=nomor, yth=unit.kepala_jabatan or f"Kepala {unit.nama}",
                     dari=signer.dari, tanggal=tanggal, sifat="Biasa", klasifikasi="Biasa",
                     lampiran=jumlah_berkas(1), hal=f"Penyampaian {laporan_b.judul}", paragraf=paragraf,
                     tembusan=documents.tembusan_nota_dinas(), penandatangan_jabatan=signer.jabatan,
                     penandatangan_nama=signer.nama or "-", penandatangan_nip=signer.nip or "-")


def _nomor_nota_dinas(today: date) -> str:
    """The office's nota dinas number: its template and codes (setting "nota_dinas"), in the same buku agenda as
    the complaint dispositions, so no two nota dinas of the office share a number."""
    register = (answers.pengaturan()["laporan"].get("register_nota_dinas")
                or (get_setting("pengaduan") or {}).get("register_nota_dinas") or "pengaduan")
    cfg = get_setting("nota_dinas") or {}
    seq = next_sequence(f"nota_dinas:{register}", today.year)
    try:
        return format_nomor(cfg["template_nomor"], seq=seq, kode_jabatan=cfg["kode_jabatan"], kka=cfg["kka"],
                            when=today)
    except ValueError as exc:
        raise nomor_ditolak(exc, "unit_id") from exc


def kirim_nota_dinas(laporan_b: ZiBukti, unit_ids: list[int], *, user=None,
                     today: date | None = None) -> list[Terbit]:
    """One nota dinas per chosen unit: numbered, rendered (PDF + DOCX), stored and filed in the register against
    the monev pertanyaan. Idempotent per report and unit: sending again finds the first letter."""
    jenis = jenis_dari_bukti(laporan_b)
    if jenis is None or jenis.kode not in NOTA_DINAS_KUNCI:
        raise DomainError("Nota dinas hanya dibuat untuk laporan monitoring dan evaluasi.", "unit_id")
    units = [u for u in (db.session.get(Unit, i) for i in dict.fromkeys(unit_ids) if i) if u is not None and u.aktif]
    if not units:
        raise DomainError("Pilih sekurang-kurangnya satu unit tujuan nota dinas.", "unit_id")
    today = today or local_today()
    tahun = next((t.indikator.tahun for t in laporan_b.tautan_indikator), laporan_b.periode_selesai.year)
    kunci_nd = NOTA_DINAS_KUNCI[jenis.kode]
    names = evidence.bukti_nama_berkunci(tahun, kunci_nd) if kunci_nd else []
    plain = [] if names else [t.indikator for t in laporan_b.tautan_indikator]
    evidence.antre()  # one sender at a time: the second finds the first's letters
    out = []
    for unit in units:
        kunci = f"{NOTA_DINAS_PREFIX}{laporan_b.id}:{unit.id}"
        if (found := evidence.bukti_sumber(kunci)) is not None:
            out.append(Terbit(found, False))
            continue
        nomor = _nomor_nota_dinas(today)
        nd = nota_dinas_monev(laporan_b, unit, rekomendasi_unit(laporan_b, unit.id), nomor=nomor, tanggal=today)
        pdf_data, docx_data = nota_dinas_pdf(nd), nota_dinas_docx(nd)
        nama = _nama_berkas(f"nota dinas monev {unit.kode}", periode_laporan(laporan_b), "pdf")
        b = evidence.tambah_bukti(judul=f"Nota dinas penyampaian hasil monev kepada {unit.nama} ({laporan_b.judul})"[:300],
                                  jenis="laporan_otomatis", periode_mulai=laporan_b.periode_mulai,
                                  periode_selesai=laporan_b.periode_selesai, user=user, data=pdf_data,
                                  nama_berkas=nama, bukti_nama=names, indikator=plain, nomor=nomor, tanggal=today,
                                  keterangan=f"Kepada {nd.yth}; laporan {laporan_b.nomor}.", kunci_sumber=kunci)
        salinan = storage.inspect_upload(docx_data, nama.removesuffix(".pdf") + ".docx",
                                         max_bytes=len(docx_data) + 1, allowed={DOCX})
        evidence.simpan_berkas(salinan, evidence.OWNER_SALINAN, b.id)
        db.session.add(ZiNotaDinas(bukti_id=b.id, laporan_id=laporan_b.id, unit_id=unit.id))
        db.session.flush()
        audit.record("zi.laporan.nota_dinas", "zi_bukti", laporan_b.id,
                     {"nomor": nomor, "unit": unit.kode, "nota_dinas": b.id}, actor=user)
        out.append(Terbit(b, True))
    return out


def periode_laporan(b: ZiBukti) -> Periode:
    """The period a generated report covers, from its register key."""
    return dari_kunci((b.kunci_sumber or "").split(":", 1)[1].split("@", 1)[0])
