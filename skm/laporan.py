"""Published results: the NRR bar chart (SVG for pages and PDFs, PNG for Word), the poster, the
"Laporan Hasil Survei Kepuasan Masyarakat" and the "Laporan Tindak Lanjut Hasil SKM" (DOCX and PDF)."""
from __future__ import annotations

import io
from html import escape
from pathlib import Path

from markupsafe import Markup

from core import documents
from core.settings import office
from core.errors import N_
from core.templating import angka as angka_halaman, teks_kantor
from core.workdays import format_tanggal, local_today
from skm import service
from skm.calculator import UNSUR_KODE, UNSUR_NAMA, HasilIkm, NilaiUnsur, angka
from skm.models import SkmLayanan, SkmPeriode
from skm.queries import tindak_lanjut_unsur
from skm.workflow import STATUS_TL

BAR_COLOURS = {"A": "#1b7f3b", "B": "#0b3d91", "C": "#b58100", "D": "#b02a37"}
_FONTS = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
          Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")]


def _mutu_nrr(nrr) -> str:
    """Colour class of one unsur by its NRR on the 1–4 scale (the konversi bands ÷ 25)."""
    from skm.calculator import mutu_dari_konversi

    return mutu_dari_konversi(nrr * 25)[0]


JUDUL_GRAFIK = N_("Nilai rata-rata per unsur")


def grafik_svg(unsur: tuple[NilaiUnsur, ...] | list[NilaiUnsur], judul: str = JUDUL_GRAFIK,
               *, cetak: bool = False, baris: int = 15, huruf: int = 9) -> Markup:
    """Bars drawn on the server: no script, no style attribute (the CSP forbids both).

    On a page each unsur takes two lines (name, then bar and value) so the chart stays readable on a 360 px
    phone. In print (`cetak`) each unsur is one line, name | bar | value, on a canvas as wide in units as an A4
    text column is in points: at the column's full width its labels print at `huruf` pt (9, beside a 10 pt
    body); `baris` is the height of a line in those units (a poster spreads them out and writes larger)."""
    if not unsur:
        return Markup("")
    if cetak:
        return _grafik_cetak(unsur, judul, baris, huruf)
    # a page's chart speaks the page's language (title, the unsur names, the values); print stays Indonesian
    width, bar_w, row_h = 400, 340, 38
    height = row_h * len(unsur) + 18
    parts = [_svg_open(width, height, teks_kantor(judul), 13)]
    for i, u in enumerate(unsur):
        y = i * row_h
        parts.append(f'<text x="0" y="{y + 13}">{escape(u.kode + " " + teks_kantor(u.nama))}</text>')
        parts.append(_bar(0, y + 18, bar_w, 14, u))
        parts.append(f'<text x="{bar_w + 6}" y="{y + 30}">{escape(angka_halaman(u.nrr))}</text>')
    parts += _axis(0, bar_w, row_h * len(unsur) + 12, 10)
    parts.append("</svg>")
    return Markup("".join(parts))


def _svg_open(width: int, height: int, judul: str, size: float) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
            f'aria-label="{escape(judul)}" font-family="DejaVu Sans, Arial, sans-serif" font-size="{size}">'
            f"<title>{escape(judul)}</title>")


def _bar(x: float, y: float, full: float, height: float, u: NilaiUnsur) -> str:
    w = float(u.nrr) / 4 * full
    return (f'<rect x="{x}" y="{y}" width="{full}" height="{height}" fill="#eef1f6"/>'
            f'<rect x="{x}" y="{y}" width="{w:.1f}" height="{height}" fill="{BAR_COLOURS[_mutu_nrr(u.nrr)]}"/>')


def _axis(x: float, full: float, y: float, size: float) -> list[str]:
    return [f'<text x="{x + v / 4 * full:.0f}" y="{y}" text-anchor="{"start" if v == 0 else "middle"}" '
            f'font-size="{size}">{v}</text>' for v in range(5)]


# print layout: units = points of a 16,5 cm A4 text column (the report); a poster scales it with its column
_CETAK_LEBAR = 468
_CETAK_LABEL_PER_PT = 25.3  # the longest name, «U8 Penanganan Pengaduan, Saran dan Masukan», is ~24 em


def _grafik_cetak(unsur, judul: str, baris: int, huruf: int) -> Markup:
    label_w, value_w = round(_CETAK_LABEL_PER_PT * huruf, 1), 4.5 * huruf
    bar_w = _CETAK_LEBAR - label_w - value_w
    height = baris * len(unsur) + huruf + 6
    parts = [_svg_open(_CETAK_LEBAR, height, judul, huruf)]
    for i, u in enumerate(unsur):
        middle = i * baris + baris / 2
        base = f"{middle + huruf * 0.35:.1f}"
        parts.append(f'<text x="0" y="{base}">{escape(u.kode + " " + u.nama)}</text>')
        parts.append(_bar(label_w, round(middle - huruf / 2, 1), round(bar_w, 1), huruf, u))
        parts.append(f'<text x="{label_w + bar_w + huruf * 0.6:.1f}" y="{base}">{escape(u.nrr_tampil)}</text>')
    parts += _axis(label_w, bar_w, baris * len(unsur) + huruf + 2, round(huruf * 0.8, 1))
    parts.append("</svg>")
    return Markup("".join(parts))


# the Word chart: a PNG this wide, placed 150 mm wide; its labels then print at about 9,5 pt (body 11 pt)
GRAFIK_PNG_LEBAR_PX = 1400
GRAFIK_PNG_HURUF_PX = 31
GRAFIK_DOCX_LEBAR_MM = 150


def grafik_png(unsur) -> bytes:
    """The print chart as a PNG (Word cannot show SVG reliably): name | bar | value, names never cut."""
    from PIL import Image, ImageDraw, ImageFont

    width, size = GRAFIK_PNG_LEBAR_PX, GRAFIK_PNG_HURUF_PX
    font_path = next((p for p in _FONTS if p.exists()), None)
    font = ImageFont.truetype(str(font_path), size) if font_path else ImageFont.load_default(size)
    labels = [f"{u.kode} {u.nama}" for u in unsur]
    label_w = max(font.getlength(t) for t in labels) + size
    value_w = font.getlength("4,00") + size
    bar_w = width - label_w - value_w
    row_h, bar_h = size * 1.6, size * 0.9
    height = int(row_h * len(unsur) + size * 1.4)
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    small = ImageFont.truetype(str(font_path), int(size * 0.75)) if font_path else font
    for i, (u, text) in enumerate(zip(unsur, labels)):
        y = i * row_h
        top = y + (row_h - bar_h) / 2
        draw.text((0, y + (row_h - size) / 2), text, fill="black", font=font)
        draw.rectangle([label_w, top, label_w + bar_w, top + bar_h], fill="#eef1f6")
        draw.rectangle([label_w, top, label_w + float(u.nrr) / 4 * bar_w, top + bar_h], fill=BAR_COLOURS[_mutu_nrr(u.nrr)])
        draw.text((label_w + bar_w + size / 3, y + (row_h - size) / 2), u.nrr_tampil, fill="black", font=font)
    for v in range(5):
        x = label_w + v / 4 * bar_w
        draw.text((x, row_h * len(unsur) + 2), str(v), fill="black", font=small, anchor="la" if v == 0 else "ma")
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def _kantor() -> dict:
    """The office for the signature and the survey address; the letterhead is documents.letterhead()."""
    k = dict(office())
    k["kontak"] = " · ".join(x for x in (f"Telp. {k['telepon']}" if k.get("telepon") else "",
                                          k.get("email", ""), k.get("situs", "")) if x)
    return k


def _periode_ctx(p: SkmPeriode) -> dict:
    return {"nama": p.nama, "rentang": f"{format_tanggal(p.mulai)} – {format_tanggal(p.selesai)}"}


def _kota_tanggal() -> str:
    kota = office().get("kota") or ""
    return f"{kota}, {format_tanggal(local_today())}" if kota else format_tanggal(local_today())


def _rencana_rows(periode: SkmPeriode, layanan: SkmLayanan | None) -> list[dict]:
    from core.attachments import attachments_of

    rows = []
    for i, tl in enumerate(t for t in service.tindak_lanjut(periode)
                           if layanan is None or t.layanan_id in (None, layanan.id)):
        bukti = attachments_of("skm_tindak_lanjut", tl.id)
        hasil = tl.hasil or "-"
        if bukti:
            hasil += " (bukti: " + ", ".join(a.original_name for a in bukti) + ")"
        rows.append({"no": i + 1, "unsur": f"{tl.unsur} {service.UNSUR_NAMA[tl.unsur]}", "masalah": tl.masalah or "-",
                     "rencana": tl.rencana, "unit": tl.unit.nama, "tenggat": format_tanggal(tl.tenggat),
                     "status": STATUS_TL[tl.status], "hasil": hasil})
    return rows


def konteks_laporan(periode: SkmPeriode, layanan: SkmLayanan | None = None) -> dict:
    """Everything the report says, as plain values (shared by the DOCX and the PDF)."""
    h: HasilIkm = service.hasil(periode, layanan)
    samp = service.ukuran_sampel(periode, layanan, h.responden)
    prof = service.profil(periode, layanan)
    total = h.responden or 1
    profil_rows = [{"judul": title if j == 0 else "", "kategori": label, "jumlah": angka(n, 0),
                    "persen": angka(100 * n / total, 1) + " %"} for title, rows in prof
                   for j, (label, n) in enumerate(rows)]
    rata = (sum(u.nrr for u in h.unsur) / 9) if h.ada_data else None
    terendah = [f"{u.kode} {u.nama}: NRR {u.nrr_tampil}"
                + (f" (rata-rata seluruh unsur {angka(rata, 2)})" if rata is not None else "")
                for u in h.terendah(3)] or ["Belum ada data."]
    saran_all = service.saran(periode, layanan, batas=500)
    seen: list[str] = []
    for s in saran_all:  # same suggestion written many times is listed once
        if s.lower() not in (x.lower() for x in seen):
            seen.append(s)
    per_layanan = []
    if layanan is None:
        for lay, hl in service.hasil_per_layanan(periode):
            s = service.ukuran_sampel(periode, lay, hl.responden)
            per_layanan.append({"nama": lay.nama, "unit": lay.unit.nama, "responden": angka(hl.responden, 0),
                                "konversi": hl.konversi_tampil, "mutu": hl.mutu or "-",
                                "sampel": "-" if s.minimal is None else ("tercapai" if s.tercapai else "belum")})
    rencana = _rencana_rows(periode, layanan)
    return {
        "kantor": _kantor(), "kop": documents.letterhead(),
        "cakupan": layanan.nama if layanan else "Seluruh Jenis Layanan",
        "periode": _periode_ctx(periode),
        "metode_label": h.metode_label,
        "teknik": "kuesioner daring melalui tautan dan kode QR di ruang pelayanan, serta kuesioner kertas yang "
                  "diimpor ke aplikasi",
        "sampel": samp.keterangan,
        "ringkasan": (f"Jumlah responden {angka(h.responden, 0)}. Nilai IKM {h.konversi_tampil} dengan mutu "
                      f"pelayanan {h.mutu} ({h.kinerja}); {h.metode_label}.") if h.ada_data else h.pesan,
        "ikm": h.ikm_tampil, "konversi": h.konversi_tampil, "mutu": h.mutu or "-", "kinerja": h.kinerja or "-",
        "unsur": [{"no": i + 1, "kode": u.kode, "nama": u.nama, "jumlah": angka(u.jumlah, 0),
                   "responden": angka(u.responden, 0), "nrr": u.nrr_tampil,
                   "tertimbang": angka(u.nrr_tertimbang, 3)} for i, u in enumerate(h.unsur)],
        "per_layanan": per_layanan,
        "profil": profil_rows,
        "tren": [{"periode": p.nama, "responden": angka(t.responden, 0), "konversi": t.konversi_tampil,
                  "mutu": t.mutu or "-"} for p, t in service.tren(layanan)],
        "terendah": terendah,
        "jumlah_saran": angka(len(saran_all), 0),
        "saran": seen[:30] or ["Tidak ada saran tertulis."],
        "rencana": rencana,
        "catatan_rencana": "" if rencana else "Rencana tindak lanjut belum disusun.",
        "kota_tanggal": _kota_tanggal(),
        "_hasil": h,
    }


def laporan_docx(periode: SkmPeriode, layanan: SkmLayanan | None = None) -> bytes:
    ctx = konteks_laporan(periode, layanan)
    chart = grafik_png(ctx["_hasil"].unsur) if ctx["_hasil"].unsur else b""
    return documents.render_docx("skm_laporan.docx", {k: v for k, v in ctx.items() if not k.startswith("_")},
                                 images={"grafik": (chart, GRAFIK_DOCX_LEBAR_MM)})


def laporan_pdf(periode: SkmPeriode, layanan: SkmLayanan | None = None) -> bytes:
    ctx = konteks_laporan(periode, layanan)
    ctx["grafik"] = grafik_svg(ctx["_hasil"].unsur, cetak=True)
    return documents.render_pdf(documents.render_html("skm_laporan.html", ctx))


def poster_pdf(periode: SkmPeriode, layanan: SkmLayanan | None = None, ukuran: str = "A4") -> bytes:
    h = service.hasil(periode, layanan)
    ctx = {"kantor": _kantor(), "kop": documents.letterhead(), "periode": _periode_ctx(periode), "hasil": h,
           "cakupan": layanan.nama if layanan else "Seluruh Jenis Layanan", "ukuran": "A3" if ukuran == "A3" else "A4",
           "grafik": grafik_svg(h.unsur, cetak=True, baris=32, huruf=11), "responden": angka(h.responden, 0),
           "tautan": ("/survei/" + layanan.kode) if layanan else "/survei/"}
    return documents.render_pdf(documents.render_html("skm_poster.html", ctx))


def _unsur_perlu(periode: SkmPeriode, h: HasilIkm) -> tuple[dict, list[dict]]:
    """The LKE follow-up answer of the period (the share of the unsur that needed action) and one row per such
    unsur: why it needed action and where its actions stand."""
    t = tindak_lanjut_unsur([periode.id])
    r = t["rincian"][0]
    nrr = {u.kode: u.nrr for u in h.unsur}
    actions: dict[str, list[str]] = {}
    for tl in service.tindak_lanjut(periode):
        actions.setdefault(tl.unsur, []).append(tl.status)
    rows = []
    weakest_first = sorted(r["perlu"], key=lambda k: (nrr.get(k, 0), UNSUR_KODE.index(k)))
    for kode in weakest_first:
        why = [w for w, on in (("tiga terendah", kode in r["terendah"]),
                               (f"di bawah target {angka(r['target'])}", kode in r["di_bawah_target"])) if on]
        done = sum(1 for s in actions.get(kode, []) if s == "selesai")
        total = len(actions.get(kode, []))
        keadaan = ("Belum ada rencana" if not total else "Selesai" if done == total
                   else f"Belum selesai ({done} dari {total} rencana selesai)")
        rows.append({"unsur": f"{kode} {UNSUR_NAMA[kode]}", "nrr": angka(nrr.get(kode)), "alasan": "; ".join(why),
                     "keadaan": keadaan})
    return t, rows


def konteks_tindak_lanjut(periode: SkmPeriode) -> dict:
    rows = _rencana_rows(periode, None)
    h = service.hasil(periode)
    t, perlu = _unsur_perlu(periode, h)
    r = t["rincian"][0]
    lowest = ", ".join(f"{u.kode} {u.nama} ({u.nrr_tampil})" for u in h.terendah(3)) or "belum ada data"
    below = ", ".join(f"{k} {UNSUR_NAMA[k]}" for k in r["di_bawah_target"])
    return {
        "kantor": _kantor(), "kop": documents.letterhead(), "periode": _periode_ctx(periode),
        "pengantar": (f"Berdasarkan hasil SKM periode {periode.nama} (IKM {h.konversi_tampil}, mutu {h.mutu or '-'}; "
                      f"{h.metode_label}), unsur yang perlu diperbaiki adalah tiga unsur dengan nilai terendah, yaitu "
                      f"{lowest}" + (f", dan unsur di bawah target {angka(r['target'])}: {below}" if below else "")
                      + ". Berikut tindak lanjut perbaikan pelayanan atas unsur-unsur tersebut."),
        "capaian": (f"{t['selesai']} dari {t['perlu']} unsur yang perlu perbaikan selesai ditindaklanjuti — hasil "
                    f"survei ditindaklanjuti {t['jawaban_teks']} (jawaban {t['jawaban']})." if t["perlu"] else
                    "Belum ada hasil survei dengan unsur yang perlu ditindaklanjuti (jawaban D: belum)."),
        "unsur_perlu": perlu,
        "rencana": rows, "catatan_rencana": "" if rows else "Rencana tindak lanjut belum disusun.",
        "kota_tanggal": _kota_tanggal(),
    }


def tindak_lanjut_docx(periode: SkmPeriode) -> bytes:
    return documents.render_docx("skm_tindak_lanjut.docx", konteks_tindak_lanjut(periode))


def tindak_lanjut_pdf(periode: SkmPeriode) -> bytes:
    return documents.render_pdf(documents.render_html("skm_tindak_lanjut.html", konteks_tindak_lanjut(periode)))


__all__ = ["grafik_svg", "grafik_png", "laporan_docx", "laporan_pdf", "poster_pdf", "tindak_lanjut_docx",
           "tindak_lanjut_pdf", "konteks_laporan", "UNSUR_KODE"]
