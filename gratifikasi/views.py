"""Public pages of Pelaporan Gratifikasi: the campaign page, the "wajib lapor?" helper, the report form one
question per page (gratifikasi.langkah; what is kept between the pages: gratifikasi.draf), the receipt, tracking by
number + secret code, and the poster. Thin: the rules live in the service, the transaction is the request's
(core.uow), and a refusal reaches the page through core.web."""
from __future__ import annotations

from flask import (Blueprint, abort, current_app, flash, make_response, redirect, render_template, request,
                   session, url_for)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from core import staging
from core.attachments import MAX_FILES, too_many
from core.errors import DomainError
from core.extensions import db, limiter
from core.throttle import guessing_budget
from core.uow import doom, on_commit
from core.web import PDF, attempt, download, refuse
from core.workdays import local_today, utcnow
from gratifikasi import documents, draf, formulir, langkah, rules, service, workflow
from gratifikasi.forms import LacakForm, LengkapiForm, WajibLaporForm, files_of
from gratifikasi.models import LaporanGratifikasi

bp = Blueprint("gratifikasi", __name__, url_prefix="/gratifikasi")
# The server-side session keeps only a report's number, for a short while, never its secret code (issue 10 #12):
# the code is shown once, on the page that answers the submission, and a page that needs it again asks for it.
RECEIPT_KEY = "gratifikasi_tanda_terima"
RECEIPT_SECONDS = 3600  # the receipt (without the code) can be opened again for an hour
TRACKING_KEY = "gratifikasi_lacak"
TRACKING_SECONDS = 30 * 60  # after tracking with number + code, the status page and its forms for half an hour


@bp.context_processor
def _deadlines() -> dict:
    # the deadlines the pages state, in working days, as the office set them
    return {"hk": rules.hari_kerja(), "nt": rules.nama_tenggat(_)}


def _submit_limit() -> str:
    return current_app.config["RATELIMIT_PUBLIC_SUBMIT"]


def _steps_limit() -> str:
    return current_app.config["RATELIMIT_FORM_STEPS"]


def _tracking_limit() -> str:
    return current_app.config["RATELIMIT_TRACKING"]


@bp.get("/")
def index():
    today = local_today()
    return render_template("gratifikasi/index.html", aturan=rules.aturan_berlaku(today), tabel=rules.tabel_batas(),
                           s=rules.pengaturan(), kontak=documents.kontak_upg(), acara=rules.ACARA,
                           bentuk=rules.BENTUK)


@bp.get("/wajib-lapor")
def wajib_lapor():
    form = WajibLaporForm(request.args)
    verdict = None
    if request.args and form.validate():
        _ok, verdict = attempt(rules.periksa_wajib_lapor, form.acara.data, form.pemberi_hubungan.data,
                               form.nilai.data, form.tanggal_terima.data, bentuk=form.bentuk.data or None,
                               total_setahun=form.total_setahun.data, form=form)
    prefill = {k: v for k, v in request.args.items() if k in ("acara", "pemberi_hubungan", "bentuk", "nilai",
                                                              "tanggal_terima")}
    return render_template("gratifikasi/wajib_lapor.html", form=form, verdict=verdict, prefill=prefill)


@bp.route("/lapor", methods=["GET", "POST"])
@limiter.limit(_submit_limit, methods=["POST"])
def lapor():
    """GET: the first question. POST: the whole report — from the check page, or from a client that posts it in
    one go — sent, or shown again with every answer kept: the step with a problem, or every step with one on a
    single page (formulir.langkah_galat)."""
    if request.method == "GET":
        token, answers = draf.baca()
        # a report begun and not sent: where it was left (a link with answers, such as the helper's, starts anew)
        if answers is not None and not set(request.args) - {"lang"}:
            form, jenis = formulir.dari_draf(answers)
            return _step_page(form, langkah.LANGKAH[0], jenis, token)
        form, jenis = formulir.buka()
        _prefill(form)
        return _step_page(form, langkah.LANGKAH[0], jenis, staging.new_token())
    form, jenis = formulir.buka()
    token = draf.token_halaman()
    checked = formulir.periksa(form, clean=[])
    posted = files_of(form, "lampiran")  # after the form's check, which would clear its message
    if checked is not None and posted is not None:
        inp, clean = checked[0], posted
        try:
            # a nihil report has no files step: files staged before the kind was changed are not sent with it
            files = (draf.muat_berkas(token) if inp.jenis != "nihil" else []) + clean
            if len(files) > MAX_FILES:
                raise too_many()
            lap, kode = service.submit(inp, files, kanal="web", idem_token=form.idem.data,
                                       user=current_user if current_user.is_authenticated else None)
        except service.DuplicateSubmission as e:
            doom()  # a lost race gives its number back
            draf.lupakan(token)  # the report has its files already
            receipt = session.get(RECEIPT_KEY)
            if receipt and receipt.get("nomor") == e.laporan.nomor:
                return redirect(url_for(".tanda_terima"))
            flash(_("%(pesan)s Pantau dengan kode rahasia yang sudah Anda terima.", pesan=e.message), "info")
            return redirect(url_for(".lacak"))
        except DomainError as e:
            refuse(e, form)
        else:
            on_commit(lambda: draf.lupakan(token))  # the files and the sealed answers go once the report is kept
            _remember(RECEIPT_KEY, lap)
            response = make_response(_receipt_page(lap, kode))
            response.delete_cookie(draf.COOKIE, path=draf.PATH)  # and the browser's key
            return response
    elif posted:  # good files sent with a wrong answer are kept for the next try
        draf.tambah_berkas(form, token, posted)
    jenis = formulir.tampilkan(form, jenis)
    draf.simpan(form, token)
    return _step_page(form, formulir.langkah_galat(form, jenis), jenis, token)


@bp.post("/lapor/langkah")
@limiter.limit(_steps_limit)
def langkah_form():
    """One step of the report: `aksi` says where to go — on (its answers checked), back (kept as they are), to
    another step from the check page (`ubah:<step>`), or a staged file taken off (`hapus:<name>`)."""
    form, jenis = formulir.buka()
    jenis = formulir.tampilkan(form, jenis)
    step = langkah.dari_halaman(request.form.getlist("langkah"), jenis)
    token = draf.token_halaman()
    aksi = request.form.get("aksi") or "lanjut"
    ke_periksa = request.form.get("ke_periksa") == "1"
    if "jenis" in step.fields and request.form.get("jenis_sebelum") != jenis:
        ke_periksa = False  # another kind of report has other questions: ask them in turn, not the check page
    if aksi.startswith("ubah:"):
        return _go(form, token, langkah.cari(aksi.removeprefix("ubah:"), jenis).nama, ke_periksa=True)
    if aksi.startswith("hapus:"):
        draf.hapus_berkas(token, aksi.removeprefix("hapus:"))
        return _go(form, token, step.nama, ke_periksa=ke_periksa)
    if aksi == "kembali":  # back, answers as they are (unchecked), good files kept, nothing said yet
        draf.berkas_langkah(form, step, token)
        return _go(form, token, (langkah.geser(step, jenis, -1) or step).nama, ke_periksa=ke_periksa)
    ok = formulir.periksa_langkah(form, step)
    ok = draf.berkas_langkah(form, step, token) and ok
    draf.simpan(form, token)
    if not ok:  # the messages are said in the answer to the post; Back then finds the step as last sent
        return _step_page(form, step, jenis, token, ke_periksa=ke_periksa)
    after = None if ke_periksa else langkah.geser(step, jenis, 1)
    return _go(form, token, after.nama if after else langkah.PERIKSA)


@bp.get("/lapor/langkah/<nama>")
def langkah_halaman(nama: str):
    """A step (or the check page) drawn from the answers sealed for this browser: where a step's post leads, and
    what the browser's Back button finds — the answers as last sent, nothing lost."""
    token, answers = draf.baca()
    if answers is None:  # sent already, the browser closed, or a day old
        return redirect(url_for(".lapor"))
    form, jenis = formulir.dari_draf(answers)
    if nama == langkah.PERIKSA:
        return _check_page(form, jenis, token)
    return _step_page(form, langkah.cari(nama, jenis), jenis, token, ke_periksa=request.args.get("ke_periksa") == "1")


def _go(form, token: str, nama: str, *, ke_periksa: bool = False):
    """Keep the answers, then show the step `nama` by GET (303), so Back and reload never post again."""
    draf.simpan(form, token)
    return redirect(url_for(".langkah_halaman", nama=nama, ke_periksa="1" if ke_periksa else None), 303)


def _prefill(form) -> None:
    """A new report: the "wajib lapor?" helper's answers from its link; an officer's own data from the account."""
    for name in ("acara", "pemberi_hubungan", "bentuk", "nilai"):
        if request.args.get(name):
            getattr(form, name).data = request.args[name][:60]
    if request.args.get("tanggal_terima"):
        form.tanggal_terima.process_data(_parse_date(request.args["tanggal_terima"]))
    if current_user.is_authenticated:  # an officer reporting: start from the account's data
        form.pelapor_nama.data, form.pelapor_jabatan.data = current_user.nama, current_user.jabatan
        form.identitas_nomor.data, form.unit_id.data = current_user.nip, current_user.unit_id or 0


def _step_page(form, step: langkah.Langkah, jenis: str, token: str, *, ke_periksa: bool = False):
    i, n = langkah.nomor(step, jenis)
    return render_template("gratifikasi/langkah.html", form=form, step=step, jenis=jenis, i=i, n=n,
                           judul=_(step.judul_untuk(jenis)), dibawa=formulir.dibawa(form, step), token=token,
                           staged=draf.berkas(token) if "lampiran" in step.fields else [],
                           ke_periksa=ke_periksa or bool(step.bagian), jenis_labels=rules.JENIS,
                           pertama=i == 1 and not step.bagian)


def _check_page(form, jenis: str, token: str):
    """"Periksa laporan Anda": every answer, with a way back to each step; or the step(s) still wrong."""
    if not formulir.periksa_draf(form):
        return _step_page(form, formulir.langkah_galat(form, jenis), jenis, token, ke_periksa=True)
    bagian = [(s, formulir.jawaban(form, s, jenis)) for s in langkah.untuk(jenis)]
    return render_template("gratifikasi/periksa.html", form=form, jenis=jenis, bagian=bagian, token=token,
                           dibawa=formulir.dibawa(form, None), staged=draf.berkas(token))


def _parse_date(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _remember(key: str, lap: LaporanGratifikasi) -> None:
    session[key] = {"nomor": lap.nomor, "at": utcnow().timestamp()}


def _remembered(key: str, seconds: int) -> LaporanGratifikasi | None:
    """The report whose number the session keeps under `key`, while it is fresh."""
    kept = session.get(key)
    if not kept or utcnow().timestamp() - kept.get("at", 0) > seconds:
        session.pop(key, None)
        return None
    return db.session.scalar(select(LaporanGratifikasi).where(LaporanGratifikasi.nomor == kept["nomor"]))


def _receipt_page(lap: LaporanGratifikasi, kode: str | None):
    """The receipt: with the secret code only in the answer to the submission itself."""
    t = service.tenggat_of(lap)
    return render_template("gratifikasi/tanda_terima.html", lap=lap, kode=kode, t=t,
                           akibat=rules.akibat_terlambat(t, _))


def _receipt_pdf(lap: LaporanGratifikasi, kode: str | None):
    pdf = documents.tanda_terima_pdf(lap, kode=kode, alamat_lacak=url_for(".lacak", _external=True))
    return download(pdf, f"tanda-terima-{lap.nomor}.pdf", PDF)


@bp.get("/tanda-terima")
def tanda_terima():
    lap = _remembered(RECEIPT_KEY, RECEIPT_SECONDS) or abort(404)
    return _receipt_page(lap, None)


@bp.get("/tanda-terima.pdf")
def tanda_terima_pdf():
    lap = _remembered(RECEIPT_KEY, RECEIPT_SECONDS) or abort(404)
    return _receipt_pdf(lap, None)


@bp.post("/tanda-terima.pdf")
@guessing_budget
def tanda_terima_kode_pdf():
    """The receipt with the code on it: the receipt page posts back the code it shows, checked like tracking."""
    form = LacakForm()
    if not form.validate_on_submit():
        abort(400)
    found, lap = attempt(service.lacak, form.nomor.data, form.kode.data)
    return _receipt_pdf(lap, form.kode.data.strip()) if found else redirect(url_for(".lacak"))


# pages that show the secret code or personal data are never kept by a browser or proxy cache
_NO_STORE = {"gratifikasi.lapor", "gratifikasi.langkah_form", "gratifikasi.langkah_halaman", "gratifikasi.tanda_terima",
             "gratifikasi.tanda_terima_pdf", "gratifikasi.tanda_terima_kode_pdf", "gratifikasi.lacak",
             "gratifikasi.status", "gratifikasi.lengkapi", "gratifikasi.lacak_pdf"}


@bp.after_request
def _no_store(response):
    if request.endpoint in _NO_STORE:
        response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/lacak", methods=["GET", "POST"])
@guessing_budget
def lacak():
    form = LacakForm()
    if form.validate_on_submit():
        found, lap = attempt(service.lacak, form.nomor.data, form.kode.data)
        if found:
            _remember(TRACKING_KEY, lap)
            return redirect(url_for(".status"))
    return render_template("gratifikasi/lacak.html", form=form)


def _tracked() -> LaporanGratifikasi | None:
    """The report tracked in this session a short while ago (number + code were checked then)."""
    return _remembered(TRACKING_KEY, TRACKING_SECONDS)


def _ask_again():
    flash(_("Masukkan nomor laporan dan kode rahasia untuk melihat laporan Anda."), "info")
    return redirect(url_for(".lacak"))


@bp.get("/lacak/status")
def status():
    lap = _tracked()
    return _status_page(lap) if lap else _ask_again()


def _status_page(lap: LaporanGratifikasi, lengkapi_form: LengkapiForm | None = None):
    from core.attachments import attachments_of

    t = service.tenggat_of(lap)
    return render_template("gratifikasi/status.html", lap=lap, t=t, akibat=rules.akibat_terlambat(t, _),
                           lengkapi_form=lengkapi_form or LengkapiForm(formdata=None),
                           can_complete="dilengkapi" in workflow.actions_for(lap, None),
                           lampiran=attachments_of(service.OWNER, lap.id), aksi_label=workflow.AKSI_LABEL)


@bp.post("/lacak/lengkapi")
@limiter.limit(_submit_limit)
def lengkapi():
    lap = _tracked()
    if lap is None:
        return _ask_again()
    form = LengkapiForm()
    if not form.validate_on_submit():
        abort(400)
    clean = files_of(form, "lampiran")
    if clean is None or not attempt(service.lengkapi, lap, form.tambahan.data, clean, form=form)[0]:
        return _status_page(lap, form)
    flash(_("Kelengkapan terkirim. UPG akan memeriksanya kembali."), "success")
    return redirect(url_for(".status"))


@bp.post("/lacak/tanda-terima.pdf")
def lacak_pdf():
    lap = _tracked()
    if lap is None:
        return _ask_again()
    if not LengkapiForm().validate_on_submit():  # the CSRF token; the form's fields are all optional
        abort(400)
    return _receipt_pdf(lap, None)


@bp.get("/poster.pdf")
def poster():
    ukuran = request.args.get("ukuran", "A4").upper()
    if ukuran not in documents.POSTER_SIZES:
        abort(404)
    pdf = documents.poster_pdf(ukuran, url_for(".index", _external=True))
    return download(pdf, f"poster-gratifikasi-{ukuran}.pdf", PDF, inline=True)
