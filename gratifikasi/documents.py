"""Documents of Pelaporan Gratifikasi: the receipt, the cover letter to KPK with the report attached,
the export in the shape of KPK's GOL form, the periodic report, the register and recap spreadsheets,
and the campaign poster. Rendering goes through core.documents (autoescaped, no network)."""
from __future__ import annotations

import csv
import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from core.attachments import attachments_of
from core.documents import format_nomor, letterhead, render_docx, render_html, render_pdf
from core.settings import office
from core.templating import rupiah
from core.workdays import format_tanggal, format_waktu, local_today, utcnow
from gratifikasi import rules
from gratifikasi.models import CARA_TERUSKAN, PENETAPAN, STATUS, LaporanGratifikasi

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _tgl(d: date | None) -> str:
    return format_tanggal(d) if d else "-"


def _kop() -> dict:
    """The office's one letterhead (core.documents.letterhead), as every document of the office has it."""
    return {"kop": letterhead()}


def kontak_upg() -> str:
    s = rules.pengaturan()
    parts = [s.get("upg_alamat"), f"Telepon/WA {s['upg_telepon']}" if s.get("upg_telepon") else "",
             f"Surel {s['upg_email']}" if s.get("upg_email") else ""]
    return " · ".join(p for p in parts if p) or office().get("nama", "")


def _penandatangan() -> dict:
    s, o = rules.pengaturan(), office()
    return {"penandatangan_jabatan": s.get("upg_ketua_jabatan") or "Ketua UPG",
            "penandatangan_nama": s.get("upg_ketua_nama") or o.get("kepala_nama") or "",
            "penandatangan_nip": s.get("upg_ketua_nip") or o.get("kepala_nip") or "-"}


def _kota_tanggal(d: date) -> str:
    kota = office().get("kota")
    return f"{kota}, {format_tanggal(d)}" if kota else format_tanggal(d)


# --- the report's fields, in the order of KPK's GOL form ------------------------------------------

def gol_fields(lap: LaporanGratifikasi) -> list[tuple[str, str, str]]:
    """(bagian, kolom, isian) following the sections of the Gratifikasi Online (GOL) form."""
    o = office()
    nilai = rupiah(lap.nilai) + (" (taksiran)" if lap.nilai_taksiran else "") if lap.nilai else "-"
    pelapor = [
        ("Nama lengkap", lap.pelapor_nama), (lap.identitas_jenis, lap.identitas_nomor),
        ("Instansi", o.get("nama", "")), ("Unit kerja", lap.unit_nama), ("Jabatan", lap.pelapor_jabatan),
        ("Pangkat/golongan", lap.pelapor_pangkat or "-"), ("Nomor telepon seluler", lap.pelapor_telepon),
        ("Alamat e-mail", lap.pelapor_email or "-"), ("Alamat", lap.pelapor_alamat),
    ]
    if lap.jenis == "nihil":
        pelaporan = [("Jenis laporan", rules.JENIS[lap.jenis]),
                     ("Periode", f"{_tgl(lap.periode_awal)} s.d. {_tgl(lap.periode_akhir)}"),
                     ("Tanggal lapor", _tgl(lap.tanggal_lapor))]
        return [("Data pelapor", k, v) for k, v in pelapor] + [("Data laporan", k, v) for k, v in pelaporan]
    acara = rules.ACARA.get(lap.acara, lap.acara) + (f" — {lap.acara_keterangan}" if lap.acara_keterangan else "")
    pemberi = [
        ("Nama pemberi", lap.pemberi_nama or "-"), ("Pekerjaan dan jabatan pemberi", lap.pemberi_pekerjaan or "-"),
        ("Alamat pemberi", lap.pemberi_alamat or "-"),
        ("Hubungan dengan pemberi", rules.HUBUNGAN.get(lap.pemberi_hubungan, lap.pemberi_hubungan)),
    ]
    if lap.jenis == "penolakan":  # nothing was received: the refusal, and how it was refused
        penolakan = [
            ("Jenis laporan", rules.JENIS[lap.jenis]), ("Jenis peristiwa pemberian", acara),
            ("Tempat penolakan", lap.tempat_terima), ("Tanggal penolakan", _tgl(lap.tanggal_terima)),
            ("Tanggal lapor", _tgl(lap.tanggal_lapor)),
        ]
        objek = [("Jenis pemberian", rules.BENTUK.get(lap.bentuk, lap.bentuk)),
                 ("Uraian pemberian yang ditolak", lap.uraian), ("Nilai nominal/taksiran", nilai)]
        return ([("Data pelapor", k, v) for k, v in pelapor] + [("Data penolakan", k, v) for k, v in penolakan]
                + [("Data pemberi", k, v) for k, v in pemberi] + [("Pemberian yang ditolak", k, v) for k, v in objek]
                + [("Kronologi", "Kronologi dan cara penolakan", lap.kronologi)])
    penerimaan = [
        ("Jenis laporan", rules.JENIS[lap.jenis]), ("Jenis peristiwa penerimaan", acara),
        ("Tempat penerimaan", lap.tempat_terima), ("Tanggal penerimaan", _tgl(lap.tanggal_terima)),
        ("Tanggal lapor", _tgl(lap.tanggal_lapor)),
    ]
    objek = [
        ("Jenis penerimaan", rules.BENTUK.get(lap.bentuk, lap.bentuk)), ("Uraian objek gratifikasi", lap.uraian),
        ("Nilai nominal/taksiran", nilai),
        ("Keberadaan objek", rules.POSISI_OBJEK.get(lap.posisi_objek, lap.posisi_objek)),
    ]
    kronologi = [("Kronologi penerimaan", lap.kronologi),
                 ("Catatan UPG (wajib lapor)", lap.alasan_wajib or "-")]
    return ([("Data pelapor", k, v) for k, v in pelapor] + [("Data penerimaan", k, v) for k, v in penerimaan]
            + [("Data pemberi", k, v) for k, v in pemberi] + [("Objek gratifikasi", k, v) for k, v in objek]
            + [("Kronologi", k, v) for k, v in kronologi])


def gol_xlsx(laporan: list[LaporanGratifikasi]) -> bytes:
    """One sheet per report in GOL order (section, field, value): what the UPG officer types into GOL."""
    wb = Workbook()
    wb.remove(wb.active)
    for lap in laporan:
        ws = wb.create_sheet(lap.nomor[-12:])
        ws.append(["Bagian", "Kolom GOL", "Isian"])
        for row in gol_fields(lap):
            ws.append(list(row))
        _style(ws, [20, 32, 80])
    if not laporan:
        wb.create_sheet("Kosong").append(["Tidak ada laporan."])
    return _save(wb)


def gol_csv(laporan: list[LaporanGratifikasi]) -> bytes:
    """One row per report, GOL fields as columns (UTF-8 with BOM so spreadsheet programs read it right)."""
    out = io.StringIO()
    writer = csv.writer(out)
    if laporan:
        writer.writerow(["Nomor laporan"] + [f"{b}: {k}" for b, k, _ in gol_fields(laporan[0])])
    for lap in laporan:
        writer.writerow([lap.nomor] + [_csv_safe(v) for _, _, v in gol_fields(lap)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_safe(value: str) -> str:
    # a cell starting with = + - @ would run as a formula in a spreadsheet program
    value = str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


# --- receipt --------------------------------------------------------------------------------------

def tanda_terima_pdf(lap: LaporanGratifikasi, *, kode: str | None, alamat_lacak: str,
                     today: date | None = None) -> bytes:
    from gratifikasi.service import sisa_hari_kerja, tenggat_of

    today = today or local_today()
    t = tenggat_of(lap, today)
    sisa = sisa_hari_kerja(lap, today)
    ctx = {**_kop(), "upg_nama": rules.pengaturan()["upg_nama"], "nomor": lap.nomor, "jenis": rules.JENIS[lap.jenis],
           "pelapor": lap.pelapor_nama, "unit": lap.unit_nama, "tanggal_lapor": _tgl(lap.tanggal_lapor),
           "tanggal_terima": _tgl(lap.tanggal_terima) if lap.tanggal_terima else "",
           "tanggal_terima_label": "Tanggal penolakan" if lap.jenis == "penolakan" else "Tanggal gratifikasi",
           "penolakan": lap.jenis == "penolakan",
           "nilai": rupiah(lap.nilai) if lap.nilai else "-", "tenggat_kpk": _tgl(lap.tenggat_kpk),
           "tenggat_teruskan": _tgl(lap.tenggat_teruskan) if lap.tenggat_teruskan else "", "nt": rules.nama_tenggat(),
           "sisa": (f"{sisa} hari kerja lagi" if sisa is not None and sisa >= 0
                    else f"lewat {-sisa} hari kerja" if sisa is not None else "-"),
           "periode": f"{_tgl(lap.periode_awal)} s.d. {_tgl(lap.periode_akhir)}", "status": lap.status_label,
           "akibat": rules.akibat_terlambat(t), "kode": kode, "alamat_lacak": alamat_lacak,
           "dicetak": format_waktu(utcnow()), "kontak_upg": kontak_upg()}
    return render_pdf(render_html("gratifikasi_tanda_terima.html", ctx))


# --- cover letter to KPK --------------------------------------------------------------------------

def _paragraf_penerimaan(lap: LaporanGratifikasi, pembuka: str) -> list[str]:
    """A gift received: when and where, the legal deadline, and the request that KPK decide its status."""
    paragraf = [
        pembuka,
        f"Gratifikasi berupa {rules.BENTUK.get(lap.bentuk, lap.bentuk).lower()} senilai "
        f"{rupiah(lap.nilai)}{' (taksiran)' if lap.nilai_taksiran else ''} diterima pada "
        f"{_tgl(lap.tanggal_terima)} di {lap.tempat_terima}. Batas waktu penyampaian kepada Komisi Pemberantasan "
        f"Korupsi sesuai Pasal 12C ayat (2) Undang-Undang Nomor 20 Tahun 2001 adalah {_tgl(lap.tenggat_kpk)}.",
        "Rincian laporan kami lampirkan dalam formulir terlampir. Mohon kiranya laporan tersebut dapat "
        "ditindaklanjuti dengan penetapan status gratifikasi.",
    ]
    if lap.terlambat_kpk:
        paragraf.insert(2, f"Laporan ini disampaikan pelapor kepada UPG setelah lewat {rules.hari_kerja().kpk} hari "
                           "kerja sejak gratifikasi diterima.")
    return paragraf


def _paragraf_penolakan(lap: LaporanGratifikasi, pembuka: str) -> list[str]:
    """A gift refused (DOMAIN §3): the date, the giver, the value and how it was refused; nothing to decide."""
    pemberi = lap.pemberi_nama + (f" ({lap.pemberi_pekerjaan})" if lap.pemberi_pekerjaan else "")
    acara = rules.ACARA.get(lap.acara, lap.acara).lower()
    cara = " ".join(lap.kronologi.split())
    return [
        pembuka,
        f"Pada {_tgl(lap.tanggal_terima)} di {lap.tempat_terima}, pegawai tersebut menolak pemberian berupa "
        f"{rules.BENTUK.get(lap.bentuk, lap.bentuk).lower()} ({lap.uraian}) senilai "
        f"{rupiah(lap.nilai)}{' (taksiran)' if lap.nilai_taksiran else ''} dari {pemberi}, terkait {acara}.",
        f"Cara penolakan sebagaimana disampaikan pelapor: {cara}",
        "Laporan ini kami sampaikan sebagai pencatatan atas penolakan tersebut. Karena tidak ada pemberian yang "
        "diterima, laporan ini tidak dimohonkan penetapan status. Rincian laporan kami lampirkan dalam formulir "
        "terlampir.",
    ]


def _nomor_draf(today: date) -> str:
    """A draft's number: the office's template with the sequence left blank (given when the sending is recorded)."""
    s = rules.pengaturan()
    try:  # the blank stands where the agenda number will go; it is text, which str.format takes as well
        return format_nomor(s["template_nomor_surat"], seq="……", kode_jabatan="UPG", kka=s["kka_surat"], when=today)
    except ValueError:
        return "(belum bernomor)"


def _surat_context(lap: LaporanGratifikasi, draf: bool = False) -> dict:
    s, o = rules.pengaturan(), office()
    tanggal = local_today() if draf else (lap.tanggal_teruskan or local_today())
    files = attachments_of("gratifikasi", lap.id)
    penolakan = lap.jenis == "penolakan"
    pembuka = (f"Bersama ini kami sampaikan laporan {'penolakan' if penolakan else 'penerimaan'} gratifikasi dari "
               f"pegawai {o.get('nama', '')} yang diterima Unit Pengendalian Gratifikasi pada "
               f"{_tgl(lap.tanggal_lapor)} dengan nomor register {lap.nomor}, atas nama {lap.pelapor_nama} "
               f"({lap.pelapor_jabatan}, {lap.unit_nama}).")
    paragraf = (_paragraf_penolakan if penolakan else _paragraf_penerimaan)(lap, pembuka)
    paragraf.append("Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.")
    hal = f"Penyampaian Laporan {'Penolakan ' if penolakan else ''}Gratifikasi {lap.nomor}"
    return {**_kop(), **_penandatangan(), "draf": draf,
            "nomor_surat": _nomor_draf(tanggal) if draf else (lap.nomor_surat or "-"),
            "sifat": "Biasa" if penolakan else "Segera", "lampiran": "1 (satu) berkas", "hal": hal,
            "tujuan": s["kpk_tujuan"], "tujuan_alamat": s["kpk_alamat"], "paragraf": paragraf,
            "tanggal": format_tanggal(tanggal), "kota_tanggal": _kota_tanggal(tanggal),
            "tembusan": [f"Kepala {o.get('nama', '')}".strip()] if o.get("nama") else [],
            "nomor_laporan": lap.nomor,
            "rincian": [{"bagian": b, "label": k, "isi": v} for b, k, v in gol_fields(lap)],
            "lampiran_pelapor": ", ".join(a.original_name for a in files) or "tidak ada"}


def surat_kpk_docx(lap: LaporanGratifikasi, draf: bool = False) -> bytes:
    """The cover letter; `draf`: before the sending is recorded, marked DRAF and without its number."""
    return render_docx("gratifikasi_surat_kpk.docx", _surat_context(lap, draf))


def surat_kpk_pdf(lap: LaporanGratifikasi, draf: bool = False) -> bytes:
    return render_pdf(render_html("gratifikasi_surat_kpk.html", _surat_context(lap, draf)))


# --- periodic report ------------------------------------------------------------------------------

def _periodik_context(r: dict, label: str, kampanye: list[dict], nomor: str = "-") -> dict:
    o, s = office(), rules.pengaturan()
    k, hk = r["ketepatan"], rules.hari_kerja()
    ringkasan = [
        ("Laporan diterima", r["jumlah"]), ("Laporan penerimaan", r["per_jenis"]["penerimaan"]),
        ("Laporan penolakan", r["per_jenis"]["penolakan"]), ("Laporan nihil", r["per_jenis"]["nihil"]),
        ("Nilai gratifikasi yang diterima", rupiah(r["nilai_penerimaan"])),
        ("Nilai gratifikasi yang ditolak", rupiah(r["nilai_penolakan"])),
        ("Diteruskan ke KPK", k["upg_tepat_waktu"] + k["upg_terlambat"]),
        ("Ditetapkan milik negara", sum(x["jumlah"] for x in r["per_penetapan"] if x["kunci"] == "milik_negara")),
    ]
    ketepatan = [
        (f"Pelapor tepat waktu (≤ {hk.upg} hari kerja ke UPG)", k["pelapor_tepat_waktu"]),
        (f"Pelapor terlambat ke UPG (masih ≤ {hk.kpk} hari kerja)", k["pelapor_terlambat_upg"]),
        (f"Pelapor lewat {hk.kpk} hari kerja", k["pelapor_terlambat_kpk"]),
        ("Diteruskan UPG tepat waktu", k["upg_tepat_waktu"]), ("Diteruskan UPG terlambat", k["upg_terlambat"]),
        ("Belum diteruskan, masih dalam tenggat", k["belum_diteruskan_dalam_tenggat"]),
        ("Belum diteruskan, lewat tenggat", k["belum_diteruskan_lewat_tenggat"]),
    ]

    def money(rows):
        return [{"label": x["label"], "jumlah": x["jumlah"], "nilai": rupiah(x["nilai"])} for x in rows]

    laporan = [{"no": i, "nomor": x["nomor"], "tanggal": _tgl(x["tanggal_lapor"]),
                "jenis": x["jenis"].capitalize(), "bentuk": rules.BENTUK.get(x["bentuk"], "-") if x["bentuk"] else "-",
                "nilai": rupiah(x["nilai"]) if x["nilai"] else "-",
                "status": STATUS.get(x["status"], x["status"])
                + (f" — {PENETAPAN[x['penetapan']]}" if x["penetapan"] in PENETAPAN else "")}
               for i, x in enumerate(r["laporan"], 1)]
    today = local_today()
    return {**_kop(), **_penandatangan(), "upg_nama": s["upg_nama"], "periode": label,
            "kepada": f"{o.get('kepala_jabatan') or 'Kepala'}; {s['kpk_tujuan']}", "tanggal": format_tanggal(today),
            "kota_tanggal": _kota_tanggal(today), "nomor": nomor,
            "ringkasan": [{"label": a, "nilai": str(b)} for a, b in ringkasan],
            "per_bentuk": money(r["per_bentuk"]), "per_unit": money(r["per_unit"]),
            "per_penetapan": money(r["per_penetapan"]),
            "ketepatan": [{"label": a, "nilai": str(b)} for a, b in ketepatan], "laporan": laporan,
            "kampanye": [{"tanggal": _tgl(x["tanggal"]), "media": x["media_label"], "judul": x["judul"]}
                         for x in kampanye]}


def laporan_periodik_docx(r: dict, label: str, kampanye: list[dict]) -> bytes:
    return render_docx("gratifikasi_laporan_periodik.docx", _periodik_context(r, label, kampanye))


def laporan_periodik_pdf(r: dict, label: str, kampanye: list[dict]) -> bytes:
    return render_pdf(render_html("gratifikasi_laporan_periodik.html", _periodik_context(r, label, kampanye)))


# --- spreadsheets ---------------------------------------------------------------------------------

def register_xlsx(laporan: list[LaporanGratifikasi]) -> bytes:
    """The register with personal data: for the UPG only (fresh login required by the view)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Register"
    nt, hk = rules.nama_tenggat(), rules.hari_kerja()
    head = ["Nomor", "Jenis", "Status", "Diterima UPG", "Tanggal gratifikasi", "Pelapor", "NIP/NIK", "Unit kerja",
            "Pemberi", "Hubungan", "Acara", "Bentuk", "Nilai (Rp)", "Taksiran", nt["upg"], nt["teruskan"],
            nt["kpk"], "Terlambat ke UPG", f"Lewat {hk.kpk} HK", "Diteruskan", "Nomor surat", "Cara",
            "Penetapan", "Nomor SK / surat KPK", "Tanggal SK / surat KPK", "Tindak lanjut objek"]
    ws.append(head)
    for x in laporan:
        ws.append([x.nomor, rules.JENIS[x.jenis], x.status_label, x.tanggal_lapor, x.tanggal_terima, x.pelapor_nama,
                   x.identitas_nomor, x.unit_nama, x.pemberi_nama or "", rules.HUBUNGAN.get(x.pemberi_hubungan, ""),
                   rules.ACARA.get(x.acara, ""), rules.BENTUK.get(x.bentuk, ""), x.nilai, "ya" if x.nilai_taksiran else "",
                   x.tenggat_upg, x.tenggat_teruskan, x.tenggat_kpk, "ya" if x.terlambat_upg else "",
                   "ya" if x.terlambat_kpk else "", x.tanggal_teruskan, x.nomor_surat,
                   CARA_TERUSKAN.get(x.cara_teruskan, ""), x.penetapan_label, x.nomor_sk, x.tanggal_sk,
                   x.tindak_lanjut_objek])
    _style(ws, [17, 22, 20, 13, 13, 24, 20, 24, 22, 18, 24, 14, 14, 8, 13, 13, 13, 8, 8, 13, 22, 16, 18, 20, 13, 30])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
            elif isinstance(cell.value, int) and cell.column == 13:
                cell.number_format = "#,##0"
    return _save(wb)


def rekap_xlsx(r: dict, label: str) -> bytes:
    """Recap of one period: summary, per form, per unit, per outcome, timeliness (no personal data)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Ringkasan"
    ws.append([f"Rekap laporan gratifikasi — {label}"])
    ws.append(["Periode", f"{_tgl(r['awal'])} s.d. {_tgl(r['akhir'])}"])
    ws.append(["Jumlah laporan", r["jumlah"]])
    for k, v in r["per_jenis"].items():
        ws.append([rules.JENIS[k], v])
    ws.append(["Nilai penerimaan (Rp)", r["nilai_penerimaan"]])
    ws.append(["Nilai penolakan (Rp)", r["nilai_penolakan"]])
    for k, v in r["ketepatan"].items():
        ws.append([k.replace("_", " ").capitalize(), v])
    _style(ws, [44, 26])
    for title, key in (("Per bentuk", "per_bentuk"), ("Per acara", "per_acara"), ("Per unit", "per_unit"),
                       ("Per penetapan", "per_penetapan")):
        sheet = wb.create_sheet(title)
        sheet.append(["Uraian", "Jumlah laporan", "Nilai (Rp)"])
        for x in r[key]:
            sheet.append([x["label"], x["jumlah"], x["nilai"]])
        _style(sheet, [60, 16, 18])
    return _save(wb)


def _style(ws, widths: list[int]) -> None:
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            # text that looks like a formula stays text
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"


def _save(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- poster ---------------------------------------------------------------------------------------

POSTER_SIZES = {"A4": 1.0, "A3": 1.4}


def poster_pdf(ukuran: str, alamat_lapor: str, today: date | None = None) -> bytes:
    if ukuran not in POSTER_SIZES:
        raise ValueError("ukuran poster A4 atau A3")
    a = rules.aturan_berlaku(today or local_today())
    batas = [("Pernikahan, kelahiran, upacara adat/agama", rupiah(a.pernikahan_adat)),
             ("Musibah atau bencana", rupiah(a.musibah)),
             (f"Sesama rekan kerja, bukan uang (maks. {rupiah(a.rekan_kerja_setahun)} setahun dari pemberi yang sama)",
              rupiah(a.rekan_kerja))]
    if a.pisah_sambut:
        batas.append(("Pisah sambut, pensiun, ulang tahun (rekan kerja, bukan uang)", rupiah(a.pisah_sambut)))
    s = rules.pengaturan()
    ctx = {"ukuran": ukuran, "skala": POSTER_SIZES[ukuran], **_kop(),
           "aturan_label": a.label, "batas": batas, "alamat_lapor": alamat_lapor, "upg_nama": s["upg_nama"],
           "kontak_upg": kontak_upg(), "nt": rules.nama_tenggat()}
    return render_pdf(render_html("gratifikasi_poster.html", ctx))
