"""Published results: the NRR bar chart (SVG for pages and PDFs, PNG for Word), the poster, the
"Laporan Hasil Survei Kepuasan Masyarakat" and the "Laporan Tindak Lanjut Hasil SKM" (DOCX and PDF)."""
from __future__ import annotations

import io
from html import escape
from pathlib import Path

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import Environment, StrictUndefined
from markupsafe import Markup

from core import documents
from core.settings import office
from core.workdays import format_tanggal, local_today
from skm import service
from skm.calculator import UNSUR_KODE, HasilIkm, NilaiUnsur, angka
from skm.models import SkmLayanan, SkmPeriode
from skm.queries import jawaban_tindak_lanjut
from skm.workflow import STATUS_TL

BAR_COLOURS = {"A": "#1b7f3b", "B": "#0b3d91", "C": "#b58100", "D": "#b02a37"}
_FONTS = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
          Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")]


def _mutu_nrr(nrr) -> str:
    """Colour class of one unsur by its NRR on the 1–4 scale (the konversi bands ÷ 25)."""
    from skm.calculator import mutu_dari_konversi

    return mutu_dari_konversi(nrr * 25)[0]


def grafik_svg(unsur: tuple[NilaiUnsur, ...] | list[NilaiUnsur], judul: str = "Nilai rata-rata per unsur") -> Markup:
    """Bars drawn on the server: no script, no style attribute (the CSP forbids both). Each unsur takes two
    lines (name, then bar and value) so the chart stays readable on a 360 px phone."""
    if not unsur:
        return Markup("")
    width, bar_w, row_h = 400, 340, 38
    height = row_h * len(unsur) + 18
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
             f'aria-label="{escape(judul)}" font-family="DejaVu Sans, Arial, sans-serif" font-size="13">',
             f"<title>{escape(judul)}</title>"]
    for i, u in enumerate(unsur):
        y = i * row_h
        w = float(u.nrr) / 4 * bar_w
        parts.append(f'<text x="0" y="{y + 13}">{escape(u.kode + " " + u.nama)}</text>')
        parts.append(f'<rect x="0" y="{y + 18}" width="{bar_w}" height="14" fill="#eef1f6"/>')
        parts.append(f'<rect x="0" y="{y + 18}" width="{w:.1f}" height="14" fill="{BAR_COLOURS[_mutu_nrr(u.nrr)]}"/>')
        parts.append(f'<text x="{bar_w + 6}" y="{y + 30}">{escape(u.nrr_tampil)}</text>')
    axis_y = row_h * len(unsur) + 12
    for v in range(5):
        parts.append(f'<text x="{v / 4 * bar_w:.0f}" y="{axis_y}" text-anchor="{"start" if v == 0 else "middle"}" '
                     f'font-size="10">{v}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def grafik_png(unsur, width: int = 1400) -> bytes:
    """The same chart as a PNG (Word cannot show SVG reliably)."""
    from PIL import Image, ImageDraw, ImageFont

    scale = width / 640
    label_w, bar_w, row_h, top = 250 * scale, 330 * scale, 26 * scale, 8 * scale
    height = int(top + row_h * len(unsur) + 24 * scale)
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    font_path = next((p for p in _FONTS if p.exists()), None)
    size = int(12 * scale)
    font = ImageFont.truetype(str(font_path), size) if font_path else ImageFont.load_default(size)
    for i, u in enumerate(unsur):
        y = top + i * row_h
        draw.text((0, y + 4 * scale), f"{u.kode} {u.nama}"[:38], fill="black", font=font)
        draw.rectangle([label_w, y + 4 * scale, label_w + bar_w, y + 20 * scale], fill="#eef1f6")
        draw.rectangle([label_w, y + 4 * scale, label_w + float(u.nrr) / 4 * bar_w, y + 20 * scale],
                       fill=BAR_COLOURS[_mutu_nrr(u.nrr)])
        draw.text((label_w + bar_w + 6 * scale, y + 4 * scale), u.nrr_tampil, fill="black", font=font)
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def _kantor() -> dict:
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
        "kantor": _kantor(),
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


def _render_docx_with_chart(template: str, ctx: dict, chart_unsur) -> bytes:
    """core.documents.render_docx, plus an InlineImage (which needs the template object)."""
    tpl = DocxTemplate(documents.TEMPLATE_DIR / template)
    ctx = documents.xml_safe({k: v for k, v in ctx.items() if not k.startswith("_")})
    ctx["grafik"] = InlineImage(tpl, io.BytesIO(grafik_png(chart_unsur)), width=Mm(150)) if chart_unsur else ""
    tpl.render(ctx, jinja_env=Environment(autoescape=True, undefined=StrictUndefined), autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def laporan_docx(periode: SkmPeriode, layanan: SkmLayanan | None = None) -> bytes:
    ctx = konteks_laporan(periode, layanan)
    return _render_docx_with_chart("skm_laporan.docx", ctx, ctx["_hasil"].unsur)


def laporan_pdf(periode: SkmPeriode, layanan: SkmLayanan | None = None) -> bytes:
    ctx = konteks_laporan(periode, layanan)
    ctx["grafik"] = grafik_svg(ctx["_hasil"].unsur)
    return documents.render_pdf(documents.render_html("skm_laporan.html", ctx))


def poster_pdf(periode: SkmPeriode, layanan: SkmLayanan | None = None, ukuran: str = "A4") -> bytes:
    h = service.hasil(periode, layanan)
    ctx = {"kantor": _kantor(), "periode": _periode_ctx(periode), "hasil": h,
           "cakupan": layanan.nama if layanan else "Seluruh Jenis Layanan", "ukuran": "A3" if ukuran == "A3" else "A4",
           "grafik": grafik_svg(h.unsur), "responden": angka(h.responden, 0),
           "tautan": ("/survei/" + layanan.kode) if layanan else "/survei/"}
    return documents.render_pdf(documents.render_html("skm_poster.html", ctx))


def konteks_tindak_lanjut(periode: SkmPeriode) -> dict:
    rows = _rencana_rows(periode, None)
    done = sum(1 for r in rows if r["status"] == STATUS_TL["selesai"])
    letter, words = jawaban_tindak_lanjut(done, len(rows))
    h = service.hasil(periode)
    lowest = ", ".join(f"{u.kode} {u.nama} ({u.nrr_tampil})" for u in h.terendah(3)) or "belum ada data"
    return {
        "kantor": _kantor(), "periode": _periode_ctx(periode),
        "pengantar": (f"Berdasarkan hasil SKM periode {periode.nama} (IKM {h.konversi_tampil}, mutu {h.mutu or '-'}; "
                      f"{h.metode_label}), unsur dengan nilai terendah adalah {lowest}. Berikut tindak lanjut "
                      "perbaikan pelayanan atas unsur-unsur tersebut."),
        "capaian": (f"{done} dari {len(rows)} rencana selesai — hasil survei ditindaklanjuti {words} "
                    f"(jawaban {letter})." if rows else "Belum ada rencana tindak lanjut (jawaban D: belum)."),
        "rencana": rows, "kota_tanggal": _kota_tanggal(),
    }


def tindak_lanjut_docx(periode: SkmPeriode) -> bytes:
    return documents.render_docx("skm_tindak_lanjut.docx", konteks_tindak_lanjut(periode))


def tindak_lanjut_pdf(periode: SkmPeriode) -> bytes:
    return documents.render_pdf(documents.render_html("skm_tindak_lanjut.html", konteks_tindak_lanjut(periode)))


__all__ = ["grafik_svg", "grafik_png", "laporan_docx", "laporan_pdf", "poster_pdf", "tindak_lanjut_docx",
           "tindak_lanjut_pdf", "konteks_laporan", "UNSUR_KODE"]
