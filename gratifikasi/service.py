"""Every rule of Pelaporan Gratifikasi: intake, tracking, who may see which report, the UPG's handling
(checked against gratifikasi/workflow.py), the campaign log and the UPG's settings.

Plain functions with explicit arguments; they raise DomainError and never commit or roll back: the unit of
work of the caller (a request, a command, a bot update) does, in one place in core. Validation happens
before the first write, so bad input leaves nothing behind.
"""
from __future__ import annotations

import hmac
import re
from dataclasses import dataclass, fields
from datetime import date

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from core import audit, outbox, storage
from core.attachments import save_clean
from core.crypto import keyed_hash, new_code, normalize_code
from core.documents import format_nomor, nomor_ditolak
from core.errors import N_, DomainError, Message, NotAllowed, NotFoundError, catalogue_word
from core.extensions import db
from core.forms import clean_text
from core.models import Attachment, Setting, Unit, User
from core.numbering import next_sequence
from core.settings import get_setting, set_setting
from core.storage import Clean
from core.uow import on_rollback
from core.workdays import local_today
from gratifikasi import queries, rules, workflow
from gratifikasi.models import (CARA_TERUSKAN, MEDIA_KAMPANYE, OPEN_STATUSES, PENETAPAN, KegiatanKampanye,
                                LaporanGratifikasi, PermintaanKelengkapanKpk, RiwayatGratifikasi)

OWNER = "gratifikasi"
OWNER_KAMPANYE = "gratifikasi_kampanye"
NOMOR_RE = re.compile(r"GRT-(\d{4})-(\d{6})")
SAME_MESSAGE = N_("Nomor laporan atau kode rahasia tidak cocok. Periksa kembali keduanya.")

# field -> (label, max length) for the free-text fields
_TEXT_LIMITS = {
    "pelapor_nama": (N_("Nama"), 200), "pelapor_jabatan": (N_("Jabatan"), 200), "pelapor_pangkat": (N_("Pangkat/golongan"), 100),
    "unit_nama": (N_("Unit kerja"), 200), "pelapor_telepon": (N_("Nomor telepon"), 30), "pelapor_email": (N_("E-mail"), 254),
    "pelapor_alamat": (N_("Alamat"), 500), "pemberi_nama": (N_("Nama pemberi"), 200),
    "pemberi_pekerjaan": (N_("Pekerjaan/jabatan pemberi"), 200), "pemberi_alamat": (N_("Alamat pemberi"), 500),
    "tempat_terima": (N_("Tempat penerimaan"), 200), "acara_keterangan": (N_("Keterangan acara"), 200),
    "uraian": (N_("Uraian objek gratifikasi"), 2000), "kronologi": (N_("Kronologi"), 10000),
}


@dataclass
class LaporanInput:
    """What a reporter gives, from any channel (web form, JSON API, officer entering a paper form)."""

    jenis: str = "penerimaan"
    pelapor_nama: str = ""
    identitas_jenis: str = "NIP"
    identitas_nomor: str = ""
    pelapor_jabatan: str = ""
    pelapor_pangkat: str = ""
    unit_id: int | None = None
    unit_nama: str = ""
    pelapor_telepon: str = ""
    pelapor_email: str = ""
    pelapor_alamat: str = ""
    pemberi_nama: str = ""
    pemberi_hubungan: str = ""
    pemberi_pekerjaan: str = ""
    pemberi_alamat: str = ""
    tempat_terima: str = ""
    tanggal_terima: date | None = None
    acara: str = ""
    acara_keterangan: str = ""
    bentuk: str = ""
    uraian: str = ""
    nilai: str | int | None = None
    nilai_taksiran: bool = False
    kronologi: str = ""
    posisi_objek: str = ""
    periode_awal: date | None = None
    periode_akhir: date | None = None


class DuplicateSubmission(DomainError):
    """The same form (idempotency token) was sent twice; `laporan` is the one already stored."""

    status = 409

    def __init__(self, laporan: LaporanGratifikasi):
        super().__init__(f"Laporan ini sudah diterima dengan nomor {laporan.nomor}.")
        self.laporan = laporan


# --- validation -----------------------------------------------------------------------------------

def check_laporan(inp: LaporanInput, today: date | None = None,
                  diterima_upg: date | None = None) -> tuple[dict[str, str], dict]:
    """All problems at once (field -> message) and the cleaned values; nothing is written. `diterima_upg`: the
    day the UPG received a paper report typed in later (never after today; the gift is never after it)."""
    today = today or local_today()
    errors: dict[str, str] = {}
    data: dict = {}
    if diterima_upg is not None and diterima_upg > today:
        errors["diterima_upg"] = N_("Tanggal laporan diterima UPG tidak boleh setelah hari ini.")
        diterima_upg = None

    def attempt(name, fn):
        try:
            return fn()
        except DomainError as e:
            errors.setdefault(e.field or name, e.message)
            return None

    if inp.jenis not in rules.JENIS:
        errors["jenis"] = N_("Pilih jenis laporan: penerimaan, penolakan, atau laporan nihil.")
        return errors, data
    data["jenis"] = inp.jenis
    nihil = inp.jenis == "nihil"

    for name, (label, limit) in _TEXT_LIMITS.items():
        value = clean_text(getattr(inp, name) or "")
        if len(value) > limit:
            errors[name] = N_("%(label)s terlalu panjang (maksimal %(max)s karakter; terisi %(n)s).",
                              label=catalogue_word(label), max=limit, n=len(value))
        data[name] = value
    required = ["pelapor_nama", "pelapor_jabatan", "pelapor_telepon", "pelapor_alamat"]
    if not nihil:
        required += ["pemberi_nama", "tempat_terima", "uraian", "kronologi"]
    for name in required:
        if not data[name]:
            errors.setdefault(name, N_("Wajib diisi."))

    ident = attempt("identitas_nomor", lambda: rules.check_identitas(inp.identitas_jenis, inp.identitas_nomor))
    if ident:
        data["identitas_jenis"], data["identitas_nomor"] = ident.jenis, ident.nomor
    if data["pelapor_telepon"] and "pelapor_telepon" not in errors:
        phone = re.sub(r"[\s\-().]", "", data["pelapor_telepon"])
        digits = phone.removeprefix("+")
        if not digits.isdigit() or not digits.startswith(("0", "62")) or not 9 <= len(digits) <= 15:
            errors["pelapor_telepon"] = N_("Nomor telepon tidak sah; contoh: 0812 3456 7890 atau +62 812 3456 7890.")
        data["pelapor_telepon"] = phone
    if data["pelapor_email"] and "pelapor_email" not in errors:
        try:
            data["pelapor_email"] = validate_email(data["pelapor_email"], check_deliverability=False).normalized
        except EmailNotValidError:
            errors["pelapor_email"] = N_("Alamat e-mail tidak sah.")
    data["unit"] = None
    if inp.unit_id:
        unit = db.session.get(Unit, inp.unit_id)
        if unit is None or not unit.aktif:
            errors["unit_id"] = N_("Unit kerja tidak dikenal; pilih dari daftar.")
        else:
            data["unit"], data["unit_nama"] = unit, unit.nama
    elif not data["unit_nama"]:
        errors.setdefault("unit_id", N_("Pilih unit kerja Anda."))

    if nihil:
        awal, akhir = inp.periode_awal, inp.periode_akhir
        if awal is None:
            errors["periode_awal"] = N_("Wajib diisi.")
        if akhir is None:
            errors["periode_akhir"] = N_("Wajib diisi.")
        if awal and akhir:
            if akhir < awal:
                errors["periode_akhir"] = N_("Akhir periode tidak boleh sebelum awal periode.")
            elif akhir > today:
                errors["periode_akhir"] = N_("Akhir periode tidak boleh setelah hari ini.")
            elif (akhir - awal).days > 366:
                errors["periode_akhir"] = N_("Satu laporan nihil mencakup paling lama satu tahun.")
        data.update(periode_awal=awal, periode_akhir=akhir)
        return errors, data

    if inp.pemberi_hubungan not in rules.HUBUNGAN:
        errors["pemberi_hubungan"] = N_("Pilih hubungan Anda dengan pemberi.")
    if inp.acara not in rules.ACARA:
        errors["acara"] = N_("Pilih acara atau peristiwa pemberian.")
    elif inp.acara == "lainnya" and not data["acara_keterangan"]:
        errors["acara_keterangan"] = N_("Sebutkan acaranya.")
    if inp.bentuk not in rules.BENTUK:
        errors["bentuk"] = N_("Pilih bentuk gratifikasi.")
    posisi = inp.posisi_objek if inp.jenis == "penerimaan" else "tidak_ada"
    if posisi not in rules.POSISI_OBJEK or (inp.jenis == "penerimaan" and posisi == "tidak_ada"):
        errors["posisi_objek"] = N_("Pilih keberadaan objek gratifikasi saat ini.")
    data.update(pemberi_hubungan=inp.pemberi_hubungan, acara=inp.acara, bentuk=inp.bentuk, posisi_objek=posisi,
                nilai_taksiran=bool(inp.nilai_taksiran))
    data["nilai"] = attempt("nilai", lambda: rules.parse_rupiah(inp.nilai))
    data["tanggal_terima"] = attempt("tanggal_terima",
                                     lambda: rules.check_tanggal_terima(inp.tanggal_terima, today, ident))
    if diterima_upg and data["tanggal_terima"] and data["tanggal_terima"] > diterima_upg:
        errors.setdefault("tanggal_terima", N_("Tanggal penerimaan tidak boleh setelah tanggal laporan diterima UPG."))
    return errors, data


def _first_error(errors: dict[str, str]) -> DomainError:
    name, message = next(iter(errors.items()))
    return DomainError(message, name)


# --- intake ---------------------------------------------------------------------------------------

def code_hash(kode: str) -> str:
    return keyed_hash(current_app.config["RECEIPT_PEPPER"], normalize_code(kode))


def submit(inp: LaporanInput, files: list[Clean] = (), *, kanal: str = "web", idem_token: str | None = None,
           user: User | None = None, petugas: User | None = None, diterima_upg: date | None = None,
           today: date | None = None) -> tuple[LaporanGratifikasi, str]:
    """Store a report; returns it and the secret tracking code (shown once, stored only hashed).

    `user`: the reporter's own account, when logged in. `petugas`: the UPG officer typing in a paper report
    (kanal "petugas"), who may date it to the day the UPG received the paper (`diterima_upg`, from which its
    timeliness is judged); the report is not the officer's own."""
    today = today or local_today()
    if petugas is not None and not petugas.has_role(workflow.UPG):
        raise NotAllowed("Hanya petugas UPG yang dapat mencatat laporan gratifikasi dari formulir kertas.")
    if diterima_upg is not None and (kanal != "petugas" or petugas is None):
        raise DomainError("Tanggal diterima UPG hanya diisi petugas UPG yang mencatat laporan kertas.", "diterima_upg")
    errors, d = check_laporan(inp, today, diterima_upg)
    if errors:
        raise _first_error(errors)
    received = diterima_upg or today
    idem_token = (idem_token or "").strip()[:64] or None
    if idem_token and (existing := _by_token(idem_token)) is not None:
        raise DuplicateSubmission(existing)

    # the report is made ready (deadlines from the calendar, the settings read) before its number is taken:
    # the counter's lock (the write lock on SQLite) is held from there to the commit
    kode = new_code(80)
    late_note = ""
    lap = LaporanGratifikasi(
        tahun=today.year, jenis=d["jenis"], kanal=kanal, status="diterima",
        kode_hash=code_hash(kode), idem_token=idem_token, pelapor_user_id=getattr(user, "id", None),
        pelapor_nama=d["pelapor_nama"], identitas_jenis=d["identitas_jenis"], identitas_nomor=d["identitas_nomor"],
        pelapor_jabatan=d["pelapor_jabatan"], pelapor_pangkat=d["pelapor_pangkat"], unit=d["unit"],
        unit_nama=d["unit_nama"], pelapor_telepon=d["pelapor_telepon"], pelapor_email=d["pelapor_email"] or None,
        pelapor_alamat=d["pelapor_alamat"], tanggal_lapor=received,
        riwayat=[],  # a new report has no history yet: nothing to load before the first line
    )
    if lap.jenis == "nihil":
        lap.periode_awal, lap.periode_akhir = d["periode_awal"], d["periode_akhir"]
    else:
        for name in ("pemberi_hubungan", "pemberi_pekerjaan", "tempat_terima", "tanggal_terima", "acara",
                     "acara_keterangan", "bentuk", "uraian", "nilai", "nilai_taksiran", "kronologi", "posisi_objek"):
            setattr(lap, name, d[name])
        lap.pemberi_nama, lap.pemberi_alamat = d["pemberi_nama"], d["pemberi_alamat"] or None
        if lap.jenis == "penerimaan":
            t = rules.tenggat_pelaporan(lap.tanggal_terima, received)
            late_note = rules.akibat_terlambat(t)
            lap.tenggat_upg, lap.tenggat_kpk = t.upg, t.kpk
            lap.terlambat_upg, lap.terlambat_kpk = t.terlambat_upg, t.terlambat_kpk
            lap.tenggat_teruskan = rules.tenggat_teruskan(lap.tanggal_terima, received)
            v = rules.wajib_lapor(lap.acara, lap.pemberi_hubungan, lap.nilai, lap.tanggal_terima, bentuk=lap.bentuk)
            lap.wajib_lapor, lap.alasan_wajib = v.wajib, f"{v.judul}: {v.alasan} ({v.dasar})"
        else:  # a refusal is reported for the record: no legal deadline, only the UPG's own target to forward it
            lap.tenggat_teruskan = rules.tenggat_teruskan(None, received)
    _set_tenggat_berikut(lap)
    # then the number: its UPDATE opens the write transaction (and takes the lock), so the savepoint
    # below nests inside it — pysqlite begins lazily, and a SAVEPOINT outside a transaction would commit
    lap.nomor = f"GRT-{today.year}-{next_sequence('gratifikasi', today.year):06d}"
    try:
        with db.session.begin_nested():  # added inside: a lost race takes the row out of the session again
            db.session.add(lap)
            db.session.flush()
    except IntegrityError:  # a concurrent double submit won the race for the token
        existing = _by_token(idem_token) if idem_token else None
        if existing is None:
            raise
        raise DuplicateSubmission(existing) from None
    actor = petugas or user
    intake = (f"Laporan kertas diterima UPG pada {_fmt(received)}, dicatat petugas UPG." if petugas
              else "Laporan diterima UPG.")
    _history(lap, "lapor", intake + (f" {late_note}" if late_note else ""), actor=actor)
    detail = {"nomor": lap.nomor, "jenis": lap.jenis, "kanal": kanal, "lampiran": len(files),
              "terlambat_kpk": lap.terlambat_kpk}
    if petugas:
        detail["diterima_upg"] = received.isoformat()
    audit.record("gratifikasi.lapor", "laporan_gratifikasi", lap.id, detail, actor=actor)
    if not petugas:  # the UPG typed it in itself
        for key, address in _penerima_pengingat():
            outbox.enqueue("email", address, f"Laporan gratifikasi baru {lap.nomor} ({rules.JENIS[lap.jenis]}).",
                           f"gratifikasi:{lap.nomor}:upg" + ("" if key == "upg" else f":{key}"))
    _notify(lap, "Laporan Anda diterima UPG.")
    _save_files(files, OWNER, lap.id)
    return lap, kode


def _by_token(idem_token: str) -> LaporanGratifikasi | None:
    return db.session.scalar(select(LaporanGratifikasi).where(LaporanGratifikasi.idem_token == idem_token))


def _save_files(files: list[Clean], owner_type: str, owner_id: int) -> None:
    """Store the files; if the unit of work then rolls back, their rows never exist, so the files go too.

    Called last in a service: core.uow drops the rollback hooks when any savepoint is released after them
    (the first audit row of a database, a new year's counter), so nothing that may open one comes after."""
    folder = current_app.config["UPLOAD_FOLDER"]
    for clean in files:
        att = save_clean(clean, owner_type, owner_id)
        on_rollback(lambda name=att.stored_name: storage.delete_bytes(folder, name))


def lacak(nomor: str, kode: str) -> LaporanGratifikasi:
    """The report for this number and secret code; one message for an unknown number and a wrong code."""
    nomor = (nomor or "").strip().upper()
    digest = code_hash(kode or "")  # computed either way, so both failures cost the same
    lap = db.session.scalar(select(LaporanGratifikasi).where(LaporanGratifikasi.nomor == nomor)) \
        if NOMOR_RE.fullmatch(nomor) else None
    if lap is None or not hmac.compare_digest(lap.kode_hash, digest):
        raise NotFoundError(SAME_MESSAGE)
    return lap


def sisa_hari_kerja(lap: LaporanGratifikasi, today: date | None = None) -> int | None:
    from core.calendar import workdays_between

    if lap.tenggat_kpk is None:
        return None
    return workdays_between(today or local_today(), lap.tenggat_kpk)


def tenggat_of(lap: LaporanGratifikasi, today: date | None = None) -> rules.Tenggat | None:
    """The report's deadlines as of `today` (timeliness is judged on the day the UPG received it); None for a
    refusal or a nil report, which have no deadline to be late for."""
    if lap.tenggat_kpk is None:
        return None
    return rules.Tenggat(upg=lap.tenggat_upg, kpk=lap.tenggat_kpk, terlambat_upg=lap.terlambat_upg,
                         terlambat_kpk=lap.terlambat_kpk, sisa_hk=sisa_hari_kerja(lap, today) or 0)


# --- who may see which report ---------------------------------------------------------------------

NOT_FOUND = N_("Laporan gratifikasi tidak ditemukan.")


def get_visible(laporan_id: int, user: User) -> LaporanGratifikasi:
    """The report, if `user` may open it: the UPG sees every report, anyone else only the reports they filed
    while logged in ("Laporan gratifikasi saya"); pimpinan and TPI read the recap, not the reports. Any other
    report does not exist for them (the same answer as an unknown id)."""
    lap = db.session.get(LaporanGratifikasi, laporan_id)
    if lap is None or not (user.has_role(workflow.UPG) or lap.pelapor_user_id == user.id):
        raise NotFoundError(NOT_FOUND)
    return lap


def laporan_saya(user: User) -> list[LaporanGratifikasi]:
    """The reports `user` filed while logged in, newest first."""
    return queries.laporan_milik(user.id)


def lampiran(laporan_id: int, att_id: int, user: User) -> Attachment:
    """An attachment of a report `user` may open; an attachment of another report is not found."""
    lap = get_visible(laporan_id, user)
    att = db.session.get(Attachment, att_id)
    if att is None or att.owner_type != OWNER or att.owner_id != lap.id:
        raise NotFoundError("Lampiran tidak ditemukan.")
    return att


def bukti_kampanye(kegiatan_id: int, att_id: int) -> Attachment:
    """A photo of a campaign activity (evidence for the ZI, shown to the UPG and the recap readers)."""
    att = db.session.get(Attachment, att_id)
    if att is None or att.owner_type != OWNER_KAMPANYE or att.owner_id != kegiatan_id:
        raise NotFoundError("Bukti kegiatan tidak ditemukan.")
    return att


# --- the UPG's handling (the state machine itself is gratifikasi/workflow.py) ----------------------

def _apply(lap: LaporanGratifikasi, aksi: str, target: str, actor: User | None, catatan: str,
           detail: dict | None = None):
    before = lap.status
    lap.status = target
    _set_tenggat_berikut(lap)
    _history(lap, aksi, catatan, actor=actor)
    audit.record(f"gratifikasi.{aksi}", "laporan_gratifikasi", lap.id,
                 {"nomor": lap.nomor, "dari": before, "ke": target, **(detail or {})}, actor=actor)
    _notify(lap, f"Status laporan Anda: {lap.status_label}.")


def _set_tenggat_berikut(lap: LaporanGratifikasi) -> None:
    """The UPG's next deadline in the current status (the register filters and sorts on it): forwarding an open
    report, or answering KPK's latest request for completion; none while KPK has the report, or once decided."""
    if lap.status in OPEN_STATUSES:
        lap.tenggat_berikut = lap.tenggat_teruskan
    elif lap.status == "diminta_kpk" and lap.kelengkapan_kpk:
        lap.tenggat_berikut = lap.kelengkapan_kpk.tenggat
    else:
        lap.tenggat_berikut = None


def _history(lap: LaporanGratifikasi, aksi: str, catatan: str, actor: User | None = None) -> None:
    lap.riwayat.append(RiwayatGratifikasi(aksi=aksi, status=lap.status, catatan=catatan,
                                          actor_id=getattr(actor, "id", None)))


def _notify(lap: LaporanGratifikasi, text: str) -> None:
    if lap.pelapor_email:
        n = len(lap.riwayat)
        outbox.enqueue("email", lap.pelapor_email,
                       f"{lap.nomor}: {text} Pantau dengan nomor laporan dan kode rahasia Anda.",
                       f"gratifikasi:{lap.nomor}:riwayat:{n}")


def _note(text: str | None, label: str, required: bool = False, limit: int = 5000, field: str = "catatan") -> str:
    """`label`: an N_ text (translated with the message on an English page)."""
    text, label = clean_text(text), catalogue_word(label)
    if required and not text:
        raise DomainError(N_("%(label)s wajib diisi.", label=label), field)
    if len(text) > limit:
        raise DomainError(_too_long(label, limit), field)
    return text


def _too_long(label: Message, limit: int) -> Message:
    return N_("%(label)s terlalu panjang (maksimal %(max)s karakter).", label=label, max=limit)


def _date(value: date | None, label: str, fieldname: str, *, not_before: date | None = None,
          before_label: str = "") -> date:
    """`label`, `before_label`: N_ texts."""
    today, label = local_today(), catalogue_word(label)
    if value is None:
        raise DomainError(N_("%(label)s wajib diisi.", label=label), fieldname)
    if value > today:
        raise DomainError(N_("%(label)s tidak boleh setelah hari ini.", label=label), fieldname)
    if not_before and value < not_before:
        raise DomainError(N_("%(label)s tidak boleh sebelum %(sebelum)s.", label=label,
                             sebelum=catalogue_word(before_label)), fieldname)
    return value


def verifikasi(lap: LaporanGratifikasi, actor: User, catatan: str = "") -> None:
    target = workflow.check(lap, "verifikasi", actor)
    note = _note(catatan, N_("Catatan verifikasi"))
    lap.catatan_verifikasi, lap.diverifikasi_pada = note, local_today()
    _apply(lap, "verifikasi", target, actor, "Laporan lengkap dan sedang disiapkan untuk diteruskan ke KPK.")


def minta_lengkapi(lap: LaporanGratifikasi, actor: User, catatan: str) -> None:
    target = workflow.check(lap, "minta_lengkapi", actor)
    note = _note(catatan, N_("Hal yang perlu dilengkapi"), required=True)
    lap.catatan_verifikasi = note
    deadline = f" Lengkapi sebelum {_fmt(lap.tenggat_teruskan)}." if lap.tenggat_teruskan else ""
    _apply(lap, "minta_lengkapi", target, actor, f"Mohon lengkapi: {note}.{deadline}")


def lengkapi(lap: LaporanGratifikasi, tambahan: str, files: list[Clean] = ()) -> None:
    """The reporter adds what the UPG asked for (text and/or files) through the tracking page."""
    target = workflow.check(lap, "dilengkapi", None)
    text = _note(tambahan, N_("Keterangan tambahan"), limit=10000, field="tambahan")
    if not text and not files:
        raise DomainError("Isi keterangan tambahan atau lampirkan berkas.", "tambahan")
    _apply(lap, "dilengkapi", target, None,
           f"Pelapor melengkapi laporan: {text}" if text else "Pelapor menambahkan lampiran.", {"lampiran": len(files)})
    _save_files(files, OWNER, lap.id)


def teruskan_kpk(lap: LaporanGratifikasi, actor: User, *, tanggal: date | None, cara: str,
                 nomor_registrasi: str = "", catatan: str = "") -> None:
    """Record the forwarding and give the cover letter its number (the letter itself is rendered on demand)."""
    target = workflow.check(lap, "teruskan_kpk", actor)
    tanggal = _date(tanggal, N_("Tanggal penerusan"), "tanggal", not_before=lap.tanggal_lapor,
                    before_label=N_("tanggal laporan diterima UPG"))
    if cara not in CARA_TERUSKAN:
        raise DomainError("Pilih cara penerusan ke KPK.", "cara")
    registrasi = clean_text(nomor_registrasi)[:80]
    note = _note(catatan, N_("Catatan"))
    s = rules.pengaturan()
    seq = next_sequence("gratifikasi_surat", tanggal.year)
    try:
        lap.nomor_surat = format_nomor(s["template_nomor_surat"], seq=seq, kode_jabatan="UPG", kka=s["kka_surat"],
                                       when=tanggal)
    except ValueError as exc:
        raise nomor_ditolak(exc, "tanggal", surat_upg=True) from exc
    lap.tanggal_teruskan, lap.cara_teruskan, lap.nomor_registrasi_kpk = tanggal, cara, registrasi
    late = " (melewati target UPG meneruskan)" if lap.tenggat_teruskan and tanggal > lap.tenggat_teruskan else ""
    _apply(lap, "teruskan_kpk", target, actor,
           f"Diteruskan ke KPK pada {_fmt(tanggal)} dengan surat nomor {lap.nomor_surat}{late}."
           + (f" {note}" if note else ""), {"nomor_surat": lap.nomor_surat, "cara": cara, "terlambat": bool(late)})


def kpk_minta_lengkapi(lap: LaporanGratifikasi, actor: User, *, tanggal: date | None, catatan: str,
                       nomor_surat: str = "") -> None:
    """KPK asked for completion (PerKPK 1/2026): what, by which letter, and the deadline it sets."""
    target = workflow.check(lap, "kpk_minta", actor)
    tanggal = _date(tanggal, N_("Tanggal permintaan KPK"), "tanggal", not_before=lap.tanggal_teruskan,
                    before_label=N_("tanggal penerusan ke KPK"))
    nomor = _note(nomor_surat, N_("Nomor surat KPK"), limit=120, field="nomor_surat")
    note = _note(catatan, N_("Hal yang diminta KPK"), required=True)
    req = PermintaanKelengkapanKpk(diminta_pada=tanggal, nomor_surat=nomor, catatan=note,
                                   tenggat=rules.tenggat_lengkapi_kpk(tanggal))
    lap.permintaan_kpk.append(req)
    _apply(lap, "kpk_minta", target, actor,
           f"KPK meminta kelengkapan: {note}. Kelengkapan disampaikan ke KPK paling lambat {_fmt(req.tenggat)}; "
           "bila UPG meminta bantuan Anda, kirim melalui halaman pantau laporan.",
           {"tenggat": req.tenggat.isoformat(), "nomor_surat_kpk": nomor})


def kpk_dilengkapi(lap: LaporanGratifikasi, actor: User, *, tanggal: date | None, catatan: str = "") -> None:
    """The UPG sent KPK what it asked for: the report is with KPK again."""
    target = workflow.check(lap, "kpk_dilengkapi", actor)
    req = lap.kelengkapan_kpk
    tanggal = _date(tanggal, N_("Tanggal kelengkapan dikirim"), "tanggal", not_before=req.diminta_pada,
                    before_label=N_("tanggal permintaan KPK"))
    note = _note(catatan, N_("Catatan"))
    req.dilengkapi_pada = tanggal
    late = tanggal > req.tenggat
    _apply(lap, "kpk_dilengkapi", target, actor,
           f"Kelengkapan disampaikan ke KPK pada {_fmt(tanggal)}{' (melewati batas kelengkapan)' if late else ''}."
           + (f" {note}" if note else ""), {"terlambat": late})


def tetapkan(lap: LaporanGratifikasi, actor: User, *, penetapan: str, tanggal_sk: date | None, tindak_lanjut: str,
             nomor_sk: str = "", nomor_surat_kpk: str = "") -> None:
    """KPK's decision: milik negara / milik penerima, by SK (`nomor_sk`); or tidak dapat ditindaklanjuti, which
    KPK says by letter (`nomor_surat_kpk`). Either number is kept as the decision document's."""
    target = workflow.check(lap, "tetapkan", actor)
    if penetapan not in PENETAPAN:
        raise DomainError("Pilih status penetapan KPK.", "penetapan")
    if penetapan == "tidak_dapat_ditindaklanjuti":
        nomor = _note(nomor_surat_kpk, N_("Nomor surat KPK"), required=True, limit=120, field="nomor_surat_kpk")
        dokumen, tanggal_label = f"surat KPK nomor {nomor}", N_("Tanggal surat KPK")
    else:
        nomor = _note(nomor_sk, N_("Nomor SK penetapan"), required=True, limit=120, field="nomor_sk")
        dokumen, tanggal_label = f"SK {nomor}", N_("Tanggal SK")
    tanggal_sk = _date(tanggal_sk, tanggal_label, "tanggal_sk", not_before=lap.tanggal_teruskan,
                       before_label=N_("tanggal penerusan ke KPK"))
    tindak = _note(tindak_lanjut, N_("Tindak lanjut atas objek gratifikasi"), required=True, field="tindak_lanjut")
    lap.penetapan, lap.nomor_sk, lap.tanggal_sk, lap.tindak_lanjut_objek = penetapan, nomor, tanggal_sk, tindak
    what = ("KPK menyatakan laporan tidak dapat ditindaklanjuti" if penetapan == "tidak_dapat_ditindaklanjuti"
            else f"KPK menetapkan: {PENETAPAN[penetapan].lower()}")
    _apply(lap, "tetapkan", target, actor, f"{what} ({dokumen}, {_fmt(tanggal_sk)}). Tindak lanjut: {tindak}",
           {"penetapan": penetapan, "nomor_dokumen": nomor})


def selesaikan(lap: LaporanGratifikasi, actor: User, catatan: str = "") -> None:
    target = workflow.check(lap, "selesaikan", actor)
    note = _note(catatan, N_("Catatan penutup"))
    lap.selesai_pada = local_today()
    text = {"nihil": "Laporan nihil dicatat UPG.", "penolakan": "Laporan penolakan selesai diproses."}.get(
        lap.jenis, "Penanganan laporan selesai.")
    _apply(lap, "selesaikan", target, actor, text + (f" {note}" if note else ""))


# --- reminders (a timer job: `flask gratifikasi pengingat`) ------------------------------------------

def _penerima_pengingat() -> list[tuple[str, str]]:
    """(key, address) of who the UPG's e-mails go to: the UPG's address, else each active UPG officer who wants
    them."""
    s = rules.pengaturan()
    if s.get("upg_email"):
        return [("upg", s["upg_email"])]
    from core.mail import alert_addresses  # each officer's own choice, else the office's default

    return [(f"u{uid}", email) for uid, email in alert_addresses(workflow.UPG)]


def ingatkan_tenggat(today: date | None = None) -> int:
    """Queue an e-mail to the UPG for each report whose next deadline (forwarding, or KPK's completion) is near,
    and again once it has passed; the outbox's keys make a re-run send nothing twice. Returns how many reports
    got a new reminder."""
    today = today or local_today()
    nt = rules.nama_tenggat()
    recipients = _penerima_pengingat()
    count = 0
    for lap in queries.mendekati_tenggat(today):
        deadline, tanda = lap.tenggat_berikut, queries.tandai_tenggat(lap, today)
        kind = "lengkapi_kpk" if lap.status == "diminta_kpk" else "teruskan"
        when = "sudah lewat" if tanda == "lewat" else "tinggal beberapa hari kerja"
        body = (f"Pengingat UPG: {lap.nomor} ({lap.status_label}) — {nt[kind]}: {_fmt(deadline)}, {when}.")
        queued = [outbox.enqueue("email", address, body,
                                 f"gratifikasi:{lap.nomor}:ingat:{kind}:{deadline.isoformat()}:{tanda}:{key}")
                  for key, address in recipients]
        count += any(queued)
    return count


def _fmt(d: date | None) -> str:
    from core.workdays import format_tanggal

    return format_tanggal(d) if d else "-"


# --- campaign log ---------------------------------------------------------------------------------

@dataclass
class KampanyeInput:
    tanggal: date | None = None
    media: str = ""
    judul: str = ""
    uraian: str = ""
    tautan: str = ""
    peserta: int | None = None


def catat_kampanye(inp: KampanyeInput, files: list[Clean], actor: User) -> KegiatanKampanye:
    tanggal = _date(inp.tanggal, N_("Tanggal kegiatan"), "tanggal")
    if inp.media not in MEDIA_KAMPANYE:
        raise DomainError("Pilih media kampanye.", "media")
    judul = clean_text(inp.judul)
    if not judul:
        raise DomainError("Wajib diisi.", "judul")
    if len(judul) > 200:
        raise DomainError("Judul terlalu panjang (maksimal 200 karakter).", "judul")
    uraian = _note(inp.uraian, N_("Uraian"), limit=5000, field="uraian")
    tautan = clean_text(inp.tautan)
    if tautan and (len(tautan) > 500 or not re.fullmatch(r"https?://\S+", tautan)):
        raise DomainError("Tautan harus alamat web lengkap, diawali https://.", "tautan")
    if inp.peserta is not None and not 0 <= inp.peserta <= 1_000_000:
        raise DomainError("Jumlah peserta tidak wajar.", "peserta")
    row = KegiatanKampanye(tanggal=tanggal, media=inp.media, judul=judul, uraian=uraian, tautan=tautan,
                           peserta=inp.peserta, created_by=actor.id)
    db.session.add(row)
    db.session.flush()
    audit.record("gratifikasi.kampanye", "kegiatan_kampanye_gratifikasi", row.id,
                 {"media": row.media, "tanggal": tanggal.isoformat(), "foto": len(files)}, actor=actor)
    _save_files(files, OWNER_KAMPANYE, row.id)
    return row


def input_fields() -> list[str]:
    return [f.name for f in fields(LaporanInput)]


# --- settings: UPG identity and the threshold table -----------------------------------------------

PENGATURAN_TEKS = {"upg_nama": (N_("Nama UPG"), 200), "upg_telepon": (N_("Telepon UPG"), 40),
                   "upg_email": (N_("E-mail UPG"), 254), "upg_alamat": (N_("Alamat UPG"), 300),
                   "upg_ketua_nama": (N_("Nama penandatangan"), 200), "upg_ketua_jabatan": (N_("Jabatan penandatangan"), 200),
                   "upg_ketua_nip": (N_("NIP penandatangan"), 30)}


def simpan_pengaturan(values: dict, actor: User) -> None:
    """The UPG's contact (public page, poster, receipt) and the signatory of its letters."""
    current = rules.pengaturan()
    changed = {}
    for name, (label, limit) in PENGATURAN_TEKS.items():
        value = clean_text(values.get(name))
        if len(value) > limit:
            raise DomainError(_too_long(catalogue_word(label), limit), name)
        if name == "upg_email" and value:
            try:
                value = validate_email(value, check_deliverability=False).normalized
            except EmailNotValidError as exc:
                raise DomainError("Alamat e-mail tidak sah.", name) from exc
        if name == "upg_nama" and not value:
            raise DomainError("Wajib diisi.", name)
        if current.get(name) != value:
            changed[name] = value
    stored = db.session.get(Setting, "gratifikasi")
    set_setting("gratifikasi", {**(stored.value if stored else {}), **changed})
    audit.record("gratifikasi.pengaturan", "setting", "gratifikasi", {"diubah": sorted(changed)}, actor=actor)


BATAS_KOLOM = ("pernikahan_adat", "musibah", "rekan_kerja", "rekan_kerja_setahun", "pisah_sambut")


def tambah_batas(*, berlaku_mulai: date | None, dasar: str, nilai: dict[str, str | int | None], actor: User) -> None:
    """Add a row to the threshold table: the values in force from `berlaku_mulai` (e.g. a new PerKPK)."""
    if berlaku_mulai is None:
        raise DomainError("Tanggal mulai berlaku wajib diisi.", "berlaku_mulai")
    dasar = clean_text(dasar)
    if not dasar or len(dasar) > 200:
        raise DomainError("Sebutkan dasar hukumnya (maksimal 200 karakter), mis. Peraturan KPK Nomor 1 Tahun 2026.",
                          "dasar")
    row: dict = {"berlaku_mulai": berlaku_mulai.isoformat(), "dasar": dasar}
    for name in BATAS_KOLOM:
        raw = nilai.get(name)
        if name == "pisah_sambut" and raw in (None, ""):
            row[name] = None  # no separate farewell limit: the colleague limit applies
            continue
        row[name] = rules.parse_rupiah(raw, name)
    if row["rekan_kerja_setahun"] < row["rekan_kerja"]:
        raise DomainError("Batas setahun tidak boleh lebih kecil dari batas per pemberi.", "rekan_kerja_setahun")
    table = [dict(r) for r in (get_setting("gratifikasi.batas_nilai") or rules.BATAS_NILAI_DEFAULT)]
    if any(r.get("berlaku_mulai") == row["berlaku_mulai"] for r in table):
        raise DomainError("Sudah ada batas nilai yang berlaku mulai tanggal itu; hapus dulu bila ingin mengganti.",
                          "berlaku_mulai")
    set_setting("gratifikasi.batas_nilai", table + [row])
    audit.record("gratifikasi.batas_tambah", "setting", "gratifikasi.batas_nilai", row, actor=actor)


def hapus_batas(berlaku_mulai: str, actor: User) -> None:
    """Remove a row that has not started yet; rows already in force stay, so past verdicts keep their basis."""
    table = [dict(r) for r in (get_setting("gratifikasi.batas_nilai") or rules.BATAS_NILAI_DEFAULT)]
    target = next((r for r in table if r.get("berlaku_mulai") == berlaku_mulai), None)
    if target is None:
        raise NotFoundError("Baris batas nilai tidak ditemukan.")
    if not berlaku_mulai or date.fromisoformat(berlaku_mulai) <= local_today():
        raise NotAllowed("Batas nilai yang sudah berlaku tidak dapat dihapus; tambahkan baris baru dengan tanggal "
                         "mulai berlaku yang menggantikannya.")
    set_setting("gratifikasi.batas_nilai", [r for r in table if r is not target])
    audit.record("gratifikasi.batas_hapus", "setting", "gratifikasi.batas_nilai", {"berlaku_mulai": berlaku_mulai},
                 actor=actor)
