"""Public pages of the surveys: the list of services, the survey per service (short link + QR code),
thank-you, published results, poster, and the IPAK/IPKP perception surveys. No JavaScript needed."""
from __future__ import annotations

import io
import secrets

import qrcode
import qrcode.image.svg
from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, url_for

from core.errors import N_
from core.extensions import limiter
from core.templating import teks_kantor
from core.web import PDF, attempt, download
from skm import laporan, service
from skm.calculator import JENIS_PERSEPSI
from skm.format import keterangan_sampel
from skm.forms import persepsi_form, survei_form
from skm.vocab import PERSEPSI_SKALA

bp = Blueprint("skm", __name__, url_prefix="/survei")

# Labels defined by the rules (skm/calculator.py, skm/service.py) and shown on the results pages; marked here for
# the translation catalogue, translated in the templates with _(). Keep in step with those modules.
LABEL_HALAMAN = (
    # UNSUR_NAMA
    N_("Persyaratan"), N_("Sistem, Mekanisme, dan Prosedur"), N_("Waktu Penyelesaian"), N_("Biaya/Tarif"),
    N_("Produk Spesifikasi Jenis Pelayanan"), N_("Kompetensi Pelaksana"), N_("Perilaku Pelaksana"),
    N_("Penanganan Pengaduan, Saran dan Masukan"), N_("Sarana dan Prasarana"),
    # MUTU (kinerja), METODE_BOBOT labels, BELUM_ADA_DATA, JENIS_PERSEPSI
    N_("Sangat Baik"), N_("Baik"), N_("Kurang Baik"), N_("Tidak Baik"),
    N_("bobot tepat 1/9 (Σ NRR ÷ 9)"), N_("bobot dibulatkan 0,111"), N_("bobot dibulatkan 0,11"),
    N_("Belum ada data: belum ada responden pada periode ini."),
    N_("Indeks Persepsi Anti Korupsi (IPAK)"), N_("Indeks Persepsi Kualitas Pelayanan (IPKP)"),
    # service.PROFIL_KOLOM titles and the age group
    N_("Jenis kelamin"), N_("Usia"), N_("Pendidikan"), N_("Pekerjaan"),
)


def submit_limit() -> str:
    return current_app.config.get("RATELIMIT_SKM") or current_app.config["RATELIMIT_PUBLIC_SUBMIT"]


@bp.get("/")
def index():
    layanan = service.layanan_aktif()
    by_unit: dict[str, list] = {}
    for lay in layanan:
        by_unit.setdefault(teks_kantor(lay.unit.nama, lay.unit.nama_en), []).append(lay)
    return render_template("skm/index.html", by_unit=sorted(by_unit.items()))


@bp.route("/<kode>", methods=["GET", "POST"])
@limiter.limit(submit_limit, methods=["POST"])
def survei(kode: str):
    layanan = service.layanan_by_kode(kode)
    pertanyaan = service.kuesioner()
    form = survei_form(pertanyaan, wajib_kode=layanan.wajib_kode)
    if request.method == "GET":
        form.token.data = secrets.token_urlsafe(24)
    if request.method == "POST" and form.is_bot:
        return redirect(url_for("skm.terima_kasih", kode=layanan.kode))  # say nothing to the bot
    if form.validate_on_submit():
        data = service.ResponBaru(jawaban={p.kode: form[p.kode].data for p in pertanyaan},
                                  jenis_kelamin=form.jenis_kelamin.data, usia=form.usia.data,
                                  pendidikan=form.pendidikan.data, pekerjaan=form.pekerjaan.data,
                                  saran=form.saran.data or "")
        ok, _respon = attempt(service.kirim_respon, layanan, data, sumber="web", token=form.token.data,
                              kode_sekali=form.kode.data if layanan.wajib_kode else None, form=form)
        if ok:
            return redirect(url_for("skm.terima_kasih", kode=layanan.kode))
    return render_template("skm/survei.html", layanan=layanan, form=form, pertanyaan=pertanyaan)


@bp.get("/<kode>/terima-kasih")
def terima_kasih(kode: str):
    layanan = service.layanan_by_kode(kode, aktif_saja=False)
    periode = service.periode_berjalan()
    return render_template("skm/terima_kasih.html", layanan=layanan,
                           periode=periode if periode is not None and periode.publik else None)


def _qr_svg(data: str) -> bytes:
    img = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buf = io.BytesIO()
    img.save(buf)
    return buf.getvalue()


@bp.get("/<kode>/qr.svg")
def qr(kode: str):
    layanan = service.layanan_by_kode(kode)
    svg = _qr_svg(url_for("skm.survei", kode=layanan.kode, _external=True))
    return Response(svg, mimetype="image/svg+xml", headers={"Cache-Control": "public, max-age=86400"})


@bp.get("/<kode>/kartu")
def kartu(kode: str):
    """A card to print for the service counter: QR code, short link, one line of instructions."""
    layanan = service.layanan_by_kode(kode)
    return render_template("skm/kartu.html", layanan=layanan,
                           tautan=url_for("skm.survei", kode=layanan.kode, _external=True))


# --- published results ------------------------------------------------------------------------------

@bp.get("/hasil")
def hasil_terbaru():
    from core.workdays import local_today

    public = [p for p in service.semua_periode() if p.publik]  # newest first
    periode = next((p for p in public if p.mulai <= local_today()), public[0] if public else None)
    if periode is None:
        return render_template("skm/hasil_kosong.html")
    return redirect(url_for("skm.hasil", periode_id=periode.id, **request.args))


def _layanan_arg():
    kode = (request.args.get("layanan") or "").strip()
    return service.layanan_by_kode(kode, aktif_saja=False) if kode else None


@bp.get("/hasil/<int:periode_id>")
def hasil(periode_id: int):
    periode = service.periode_or_404(periode_id, publik=True)
    layanan = _layanan_arg()
    h = service.hasil(periode, layanan)
    sampel = service.ukuran_sampel(periode, layanan, h.responden)
    return render_template(
        "skm/hasil.html", periode=periode, layanan=layanan, hasil=h, grafik=laporan.grafik_svg(h.unsur),
        sampel=sampel, sampel_teks=keterangan_sampel(sampel), profil=service.profil(periode, layanan),
        tren=service.tren(layanan, publik=True), semua_periode=[p for p in service.semua_periode() if p.publik],
        semua_layanan=service.semua_layanan(),
        per_layanan=service.hasil_per_layanan(periode) if layanan is None else [])


@bp.get("/hasil/<int:periode_id>/poster.pdf")
@limiter.limit("30 per minute")
def poster(periode_id: int):
    periode = service.periode_or_404(periode_id, publik=True)
    ukuran = "A3" if request.args.get("ukuran") == "A3" else "A4"
    pdf = laporan.poster_pdf(periode, _layanan_arg(), ukuran)
    return download(pdf, f"poster-skm-{periode.id}-{ukuran}.pdf", PDF, inline=True)


# --- IPAK / IPKP --------------------------------------------------------------------------------------

@bp.route("/persepsi/<jenis>", methods=["GET", "POST"])
@limiter.limit(submit_limit, methods=["POST"])
def persepsi(jenis: str):
    if jenis not in JENIS_PERSEPSI:
        abort(404)
    items = service.persepsi_items(jenis)
    form = persepsi_form(items)
    if request.method == "GET":
        form.token.data = secrets.token_urlsafe(24)
    if request.method == "POST" and (form.is_bot or service.persepsi_terkirim(form.token.data)):
        # say nothing to the bot; a double submit counts once (the first one may have stored the default
        # statements, so this form's field names are no longer the statements')
        return redirect(url_for("skm.persepsi_terima_kasih", jenis=jenis))
    if form.validate_on_submit():
        ok, _respon = attempt(service.kirim_persepsi, jenis, {it.kunci: form[f"item_{it.kunci}"].data for it in items},
                              token=form.token.data, form=form)
        if ok:
            return redirect(url_for("skm.persepsi_terima_kasih", jenis=jenis))
    return render_template("skm/persepsi.html", jenis=jenis, judul=JENIS_PERSEPSI[jenis], form=form, items=items,
                           skala=PERSEPSI_SKALA)


@bp.get("/persepsi/<jenis>/terima-kasih")
def persepsi_terima_kasih(jenis: str):
    if jenis not in JENIS_PERSEPSI:
        abort(404)
    return render_template("skm/terima_kasih.html", layanan=None, periode=None, judul=JENIS_PERSEPSI[jenis])
