"""Every rule of Pengaduan Masyarakat: intake, tracking, triage, disposition, answer, closing.

Plain functions with explicit arguments; they raise DomainError / NotAllowed, never return HTTP. The web
form, the JSON API, the officers' pages and a future Telegram bot all call these. None of them commits: the
caller's unit of work (core.uow) does; they flush where they need an id, and `submit` settles a double submit
in a savepoint. Who may see which complaint is decided here too (`get_visible`, `only_unit`).
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from flask import current_app
from sqlalchemy import bindparam, delete, func, insert, literal_column, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from core import audit, staging, storage
from core.attachments import attachments_of, save_clean
from core.calendar import add_workdays
from core.crypto import CROCKFORD, keyed_hash, new_code, normalize_code
from core.documents import NotaDinas, format_nomor, letterhead, nomor_ditolak, penandatangan_nota_dinas, tembusan_nota_dinas
from core.errors import N_, DomainError, InputError, NotAllowed, NotFoundError, catalogue_word
from core.extensions import db
from core.forms import clean_text
from core.models import Attachment, Counter, Role, Unit, User
from core.numbering import next_sequence
from core.outbox import enqueue
from core.pii import mask
from core.settings import get_setting, set_setting
from core.terbilang import jumlah_berkas
from core.uow import on_commit, on_rollback
from core.workdays import format_tanggal, local_today, utcnow
from pengaduan import kabar
from pengaduan.models import JumlahStatus, NotaDinasPengaduan, Pengaduan, Riwayat
from pengaduan.workflow import (MACHINE, OPEN, PELAPOR, PETUGAS, PUBLIC_LABEL, REPORTER_ACTIONS, SISTEM, UNIT,
                                WAITING_FOR_REPORTER)

OWNER = "pengaduan"  # Attachment.owner_type
# the unit's evidence of its follow-up (photo, letter); owner_id is the timeline row it came with
OWNER_TINDAK_LANJUT = "pengaduan.tindak_lanjut"

JENIS = {"pengaduan": N_("Pengaduan"), "aspirasi": N_("Aspirasi"), "informasi": N_("Permintaan Informasi")}
KANAL = {"web": N_("Situs web"), "api": "API", "telegram": "Telegram", "langsung": N_("Datang langsung"),
         "kotak": N_("Kotak pengaduan"), "surat": N_("Surat"), "telepon": N_("Telepon"), "email": N_("E-mail"),
         "lapor": "SP4N-LAPOR!"}
KANAL_PETUGAS = ("langsung", "kotak", "surat", "telepon", "email", "lapor")
TINGKAT = {"ringan": N_("Ringan"), "normatif": N_("Normatif"), "tidak_berkadar": N_("Tidak berkadar pengawasan"),
           "berkadar": N_("Berkadar pengawasan")}
SIFAT = (N_("Biasa"), N_("Segera"), N_("Sangat Segera"))  # urgency
KLASIFIKASI = (N_("Biasa"), N_("Terbatas"), N_("Rahasia"))  # security classification, a field of its own

MAX_JUDUL, MAX_URAIAN, MAX_TEKS = 200, 10_000, 5_000
_TIKET_RE = re.compile(r"PGD-\d{4}-\d{6}")
_EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_TELEPON_RE = re.compile(r"\+?[0-9][0-9 \-]{6,19}")
SAME_MESSAGE = N_("Nomor tiket atau kode pelacakan tidak cocok. Periksa kembali keduanya.")

# the office's defaults (an SK Kepala may change them in settings); wired by app.py
SETTINGS = {
    "pengaduan": {
        "kategori": [N_("Pelayanan publik"), N_("Perilaku petugas"), N_("Sarana dan prasarana"),
                     N_("Informasi dan administrasi"), N_("Dugaan pungutan liar atau penyimpangan"), N_("Lainnya")],
        "kategori_en": {},  # Indonesian category → the office's English wording (pages on ?lang=en)
        "verifikasi_hk": 3,        # receipt → verification
        "jawaban_hk": 5,           # verification → first answer
        "tanggapan_pelapor_hk": 10,  # answer → automatic close; also the window to complete a report
        "tingkat_hk": {"ringan": 2, "normatif": 5, "tidak_berkadar": 14, "berkadar": 60},
        "register_nota_dinas": "pengaduan",
    },
}


def settings() -> dict:
    return get_setting("pengaduan")


def categories() -> list[str]:
    return list(settings().get("kategori") or [])


def categories_en() -> dict[str, str]:
    """The office's English wording of its categories (the stored value stays the Indonesian name)."""
    return dict(settings().get("kategori_en") or {})


def categories_text() -> str:
    """The categories as the settings page edits them: one per line, «Indonesian | English» where given."""
    en = categories_en()
    return "\n".join(k + (f" | {en[k]}" if en.get(k) else "") for k in categories())


def tier_days(tingkat: str) -> int:
    return int(settings()["tingkat_hk"][tingkat])


# --- intake ------------------------------------------------------------------------------------------

def _text(value, limit: int) -> str:
    return clean_text(str(value))[: limit + 1] if value is not None else ""


def validate(data: dict, *, kanal: str) -> dict:
    """Clean and check a submission; raise InputError naming every wrong field."""
    e: dict[str, str] = {}
    out: dict = {"kanal": kanal}
    out["jenis"] = (data.get("jenis") or "").strip()
    if out["jenis"] not in JENIS:
        e["jenis"] = N_("Pilih jenis: Pengaduan, Aspirasi, atau Permintaan Informasi.")
    out["kategori"] = _text(data.get("kategori"), 100)
    if out["kategori"] not in categories():
        e["kategori"] = N_("Pilih kategori dari daftar.")
    out["judul"] = _text(data.get("judul"), MAX_JUDUL)
    if not out["judul"]:
        e["judul"] = N_("Judul wajib diisi.")
    elif len(out["judul"]) > MAX_JUDUL:
        e["judul"] = N_("Judul terlalu panjang (maksimal %(n)s karakter).", n=MAX_JUDUL)
    out["uraian"] = clean_text(str(data.get("uraian") or ""))
    if not out["uraian"]:
        e["uraian"] = N_("Uraian wajib diisi; ceritakan apa yang terjadi.")
    elif len(out["uraian"]) > MAX_URAIAN:
        e["uraian"] = N_("Uraian terlalu panjang (%(n)s karakter; maksimal %(max)s).", n=len(out["uraian"]), max=MAX_URAIAN)
    elif len(out["uraian"]) < 10:
        e["uraian"] = N_("Uraian terlalu singkat (minimal 10 karakter).")
    out["lokasi"] = _text(data.get("lokasi"), 300)
    if len(out["lokasi"]) > 300:
        e["lokasi"] = N_("Tempat kejadian terlalu panjang (maksimal 300 karakter).")
    out["layanan_terkait"] = _text(data.get("layanan_terkait"), 200)
    if len(out["layanan_terkait"]) > 200:
        e["layanan_terkait"] = N_("Terlalu panjang (maksimal 200 karakter).")
    tgl = data.get("tanggal_kejadian")
    if isinstance(tgl, str) and tgl.strip():
        try:
            tgl = date.fromisoformat(tgl.strip())
        except ValueError:
            e["tanggal_kejadian"] = N_("Tanggal tidak valid.")
            tgl = None
    out["tanggal_kejadian"] = tgl if isinstance(tgl, date) else None
    if out["tanggal_kejadian"] and out["tanggal_kejadian"] > local_today():
        e["tanggal_kejadian"] = N_("Tanggal kejadian tidak boleh di masa depan.")
    out["anonim"], out["rahasia"] = bool(data.get("anonim")), bool(data.get("rahasia"))
    out["boleh_diteruskan"] = bool(data.get("boleh_diteruskan")) and not out["anonim"]
    for key, limit in (("nama", 200), ("telepon", 30), ("email", 254), ("nik", 30), ("telegram_chat", 40)):
        out[key] = _text(data.get(key), limit) or None
    if out["nama"] and len(out["nama"]) > 200:
        e["nama"] = N_("Nama terlalu panjang (maksimal 200 karakter).")
    if out["telepon"] and not _TELEPON_RE.fullmatch(out["telepon"]):
        e["telepon"] = N_("Nomor telepon tidak valid (angka, boleh diawali +).")
    if out["email"] and (len(out["email"]) > 254 or not _EMAIL_RE.fullmatch(out["email"])):
        e["email"] = N_("Alamat e-mail tidak valid.")
    if out["nik"] and not re.fullmatch(r"\d{16}", out["nik"]):
        e["nik"] = N_("NIK terdiri dari 16 angka.")
    if out["telegram_chat"] and not re.fullmatch(r"-?\d{1,20}", out["telegram_chat"]):
        e["telegram_chat"] = N_("ID obrolan Telegram tidak valid.")
    if not out["anonim"] and kanal not in KANAL_PETUGAS:
        if not out["nama"]:
            e["nama"] = N_("Nama wajib diisi, atau pilih «anonim».")
        if not (out["telepon"] or out["email"]):
            e["telepon"] = N_("Isi nomor telepon atau e-mail agar kami dapat menghubungi Anda, atau pilih «anonim».")
    if kanal not in KANAL_PETUGAS and not data.get("setuju"):
        e["setuju"] = N_("Anda perlu menyetujui pemberitahuan privasi untuk mengirim.")
    out["lapor_id"] = _text(data.get("lapor_id"), 40) if kanal == "lapor" else ""
    if kanal == "lapor" and not out["lapor_id"]:
        e["lapor_id"] = N_("Isi nomor pelacakan SP4N-LAPOR!.")
    if e:
        raise InputError(e)
    return out


def _pepper() -> bytes:
    return current_app.config["RECEIPT_PEPPER"]


def code_hash(code: str) -> str:
    return keyed_hash(_pepper(), normalize_code(code))


def _idem_hash(token: str) -> str:
    return keyed_hash(_pepper(), "pengaduan.idem:" + token)


def _code_for_token(token: str) -> str:
    """The tracking code of a submission that carries a one-time token.

    Derived (HMAC with the server pepper) instead of drawn, so that a double submit shows the same code as
    the first one instead of a page without it; 80 bits, like new_code(80). Only the token's holder — the
    browser that rendered the confirm page — can derive it; the database keeps only HMACs.
    """
    digest = hmac.new(_pepper(), ("pengaduan.kode:" + token).encode(), hashlib.sha256).digest()
    value = int.from_bytes(digest[:10], "big")  # 80 bits → 16 base32 characters
    raw = "".join(CROCKFORD[(value >> (5 * i)) & 31] for i in reversed(range(16)))
    return normalize_code(raw)


def ticket_for(year: int, seq: int) -> str:
    return f"PGD-{year}-{seq:06d}"


def _by_idem(idem: str) -> Pengaduan | None:
    return db.session.scalar(select(Pengaduan).where(Pengaduan.idem_hash == idem))


def submit(data: dict, files: list[storage.Clean] | None = None, *, kanal: str = "web", token: str | None = None,
           petugas: User | None = None) -> tuple[Pengaduan, str]:
    """Validate, number, store; return (complaint, tracking code), in the caller's unit of work.

    `files` are checked already (core.attachments.inspect_files). A `token` (one per confirm page or API
    idempotency key) makes a repeated submit return the first complaint instead of a second one.
    """
    if kanal in KANAL_PETUGAS and (petugas is None or not petugas.has_role(Role.petugas_pengaduan)):
        raise NotAllowed("Hanya petugas pengaduan yang dapat mencatat pengaduan dari kanal ini.")
    clean = validate(data, kanal=kanal)
    idem = _idem_hash(token) if token else None
    if idem and kanal == "web" and _by_idem(_idem_hash("spent/" + token)):
        raise DomainError(CODE_SPENT)

    today = local_today()
    # everything that needs no number is ready before the number is taken: the counter's lock (the write
    # lock on SQLite) is held from there to the commit
    code = _code_for_token(token) if token else new_code(80)
    cfg = settings()
    p = Pengaduan(kode_hash=code_hash(code), idem_hash=idem,
                  status="diterima", terbuka=True, diterima_at=utcnow(), tanggal_diterima=today, **clean)
    p.bahasa = kabar.language() if kanal in ("web", "api") else "id"  # not an officer's page language
    if p.anonim and kanal not in KANAL_PETUGAS:
        p.nik = None  # an anonymous reporter's NIK is never kept
    p.batas_verifikasi = add_workdays(today, int(cfg["verifikasi_hk"]))
    _set_batas(p)
    # the yearly counter first: its UPDATE serialises submits, so the one check below for the same token sees
    # the winner (a double submit gives its number back), and it is the transaction's first write, so the
    # savepoint below works on SQLite too
    seq = next_sequence("pengaduan", today.year)
    if idem and (existing := _by_idem(idem)):
        _give_back_number(today.year)
        return _show_again(existing, token, kanal)
    p.tiket = ticket_for(today.year, seq)
    stored: list[str] = []
    _delete_on_rollback(stored)  # files of a complaint that will not exist
    try:
        with db.session.begin_nested():
            db.session.add(p)
            db.session.flush()
            _count("diterima", None, +1)
            for f in files or []:
                stored.append(save_clean(f, OWNER, p.id).stored_name)
            note = f"Diterima melalui {KANAL[kanal]}." + (f" Nomor SP4N-LAPOR!: {p.lapor_id}." if p.lapor_id else "")
            _log(p, "terima", "", "diterima", PETUGAS if petugas else PELAPOR, petugas, note)
            audit.record("pengaduan.terima", "pengaduan", p.id,
                         {"tiket": p.tiket, "kanal": kanal, "lampiran": len(stored)}, actor=petugas)
            _notify(p, f"Pengaduan Anda diterima dengan nomor tiket {p.tiket}. Verifikasi paling lambat "
                       f"{format_tanggal(p.batas_verifikasi)}. Layanan ini gratis dan identitas Anda dirahasiakan.")
            kabar.new_complaint(p, KANAL[kanal], petugas.id if petugas else None)
    except BaseException as exc:
        _delete_files(stored)  # their rows went with the savepoint, whatever the unit of work does next
        stored.clear()
        if isinstance(exc, IntegrityError) and idem and (existing := _by_idem(idem)):
            _give_back_number(today.year)  # the other click of a double submit won the race
            return _show_again(existing, token, kanal)
        raise
    return p, code


def _delete_on_rollback(names: list[str]) -> None:
    """`names` (filled as files are written) are files for rows of this unit of work: removed if it rolls
    back, since those rows will not exist."""
    on_rollback(lambda: _delete_files(names))


def _give_back_number(year: int) -> None:
    """A double submit that found the first complaint after taking a number returns it: the counter's row
    is still locked by this transaction, so no one took a later one, and tickets stay gap-free."""
    db.session.execute(update(Counter).where(Counter.name == "pengaduan", Counter.year == year)
                       .values(value=Counter.value - 1))


CODE_SPENT = ("Pengaduan ini sudah terkirim. Demi keamanan, kode pelacakan hanya ditampilkan saat pengaduan "
              "dikirim. Bila kode hilang, hubungi petugas pengaduan dengan nomor tiket Anda.")


def _show_again(existing: Pengaduan, token: str, kanal: str) -> tuple[Pengaduan, str]:
    """A double click on the web form sees the ticket and code once more; then the token is spent, so a
    later re-post from the same browser (a shared computer) cannot bring the code back. API clients keep
    plain idempotency for their retries."""
    if kanal == "web":
        existing.idem_hash = _idem_hash("spent/" + token)
        db.session.flush()
        at = existing.diterima_at
        at = at if at.tzinfo else at.replace(tzinfo=timezone.utc)
        if utcnow() - at > SHOW_AGAIN_WINDOW:  # not a double click: Back + resend long after
            raise DomainError(CODE_SPENT)
    return existing, _code_for_token(token)


SHOW_AGAIN_WINDOW = timedelta(minutes=2)


def draft_fingerprint(clean: dict) -> str:
    """A keyed fingerprint of what the confirm page shows: the same content confirmed again from the same
    browser (Back, reload) gets the same one-time token, so it can never become a second complaint."""
    parts = "\x1f".join(str(clean.get(k) or "") for k in ("jenis", "kategori", "judul", "uraian", "lokasi",
                                                         "tanggal_kejadian", "layanan_terkait", "nama"))
    return keyed_hash(_pepper(), "pengaduan.draf:" + parts)


def possible_duplicates(p: Pengaduan) -> list[Pengaduan]:
    """Other complaints with the same text from the same channel within a day: a hint for the officer."""
    day = timedelta(days=1)
    return list(db.session.scalars(
        select(Pengaduan).where(Pengaduan.id != p.id, Pengaduan.kanal == p.kanal, Pengaduan.uraian == p.uraian,
                                Pengaduan.dipindah_wbs.is_(False),
                                Pengaduan.diterima_at.between(p.diterima_at - day, p.diterima_at + day))
        .order_by(Pengaduan.id).limit(5)))


def _delete_files(names: list[str]) -> None:
    for name in names:
        storage.delete_bytes(current_app.config["UPLOAD_FOLDER"], name)


# --- files staged between the form and its confirm step (core.staging, this form's folder) ----------

STAGING = "draf-pengaduan"


def stage_files(files: list[storage.Clean]) -> list[dict]:
    return staging.stage(STAGING, files)


def staged_present(staged: list[dict] | None) -> list[dict]:
    return staging.present(STAGING, staged)


def load_staged(staged: list[dict]) -> list[storage.Clean]:
    return staging.load(STAGING, staged)


def drop_staged(staged: list[dict] | None) -> None:
    staging.drop(STAGING, staged)


def purge_staging(older_than: timedelta = timedelta(days=1)) -> int:
    return staging.purge(STAGING, older_than)


# --- tracking ----------------------------------------------------------------------------------------

def find_for_reporter(tiket: str, kode: str) -> Pengaduan:
    """The complaint whose ticket and code both match; one message for every failure (no enumeration)."""
    tiket = (tiket or "").strip().upper()
    given = code_hash(kode or "")  # computed even for an unknown ticket, so timing tells nothing
    p = db.session.scalar(select(Pengaduan).where(Pengaduan.tiket == tiket)) if _TIKET_RE.fullmatch(tiket) else None
    if p is None or not hmac.compare_digest(p.kode_hash, given):
        raise NotFoundError(SAME_MESSAGE)
    return p


@dataclass
class PublicView:
    """What the reporter may read: never identity, never internal notes, units by name only."""

    tiket: str
    jenis: str
    kategori: str
    judul: str
    status: str
    status_label: str
    diterima: date
    batas_berikutnya: date | None
    diteruskan_ke: str | None
    diteruskan_ke_en: str  # the unit's English name for English pages; empty: the Indonesian
    riwayat: list[dict]
    jawaban: str
    alasan_tolak: str
    rujukan: str
    dialihkan_ke: str
    dialihkan_tanggal: date | None
    tawaran_wbs: bool
    pesan_wbs: str
    batas_tanggapan: date | None
    penilaian: int | None
    komentar_penilaian: str
    dapat: dict[str, bool]


def public_view(p: Pengaduan) -> PublicView:
    rows = db.session.scalars(select(Riwayat).where(Riwayat.pengaduan_id == p.id, Riwayat.publik)
                              .order_by(Riwayat.id)).all()
    riwayat = [{"waktu": r.at, "status": PUBLIC_LABEL.get(r.status_ke, r.status_ke),
                "keterangan": r.teks, "oleh": r.oleh} for r in rows]
    pesan_wbs = next((r.teks for r in reversed(rows) if r.aksi == "tawarkan_wbs"), "")
    waiting = p.status in WAITING_FOR_REPORTER
    reporter_may = MACHINE.actions_for(p, PELAPOR, order=REPORTER_ACTIONS)
    return PublicView(
        tiket=p.tiket, jenis=JENIS[p.jenis], kategori=p.kategori, judul=p.judul, status=p.status,
        status_label=PUBLIC_LABEL[p.status], diterima=p.tanggal_diterima,
        batas_berikutnya=p.batas if p.terbuka else None,
        diteruskan_ke=p.unit.nama if p.unit else None, diteruskan_ke_en=p.unit.nama_en if p.unit else "",
        riwayat=riwayat, jawaban=p.jawaban,
        alasan_tolak=p.alasan_tolak, rujukan=p.rujukan, dialihkan_ke=p.dialihkan_ke,
        dialihkan_tanggal=p.dialihkan_tanggal, tawaran_wbs=p.tawaran_wbs and p.terbuka,
        pesan_wbs=pesan_wbs, batas_tanggapan=p.batas_tanggapan if waiting else None,
        penilaian=p.penilaian, komentar_penilaian=p.komentar_penilaian,
        dapat={a: a in reporter_may for a in REPORTER_ACTIONS},
    )


# --- who may see what ---------------------------------------------------------------------------------------

# the complaint team handles every complaint; pimpinan and TPI read them all (monitoring, ZI evidence)
_SEE_ALL = (Role.petugas_pengaduan, Role.pimpinan, Role.tpi)
NOTHING = -1  # no unit has this id: `only_unit` for someone who may see no complaint


def only_unit(user: User) -> int | None:
    """None when `user` may see every complaint, else the one unit whose complaints they see (a unit's
    person in charge sees only what was disposed to the unit; anyone else, nothing)."""
    if user.has_role(*_SEE_ALL):
        return None
    if user.has_role(Role.unit) and user.unit_id is not None:
        return user.unit_id
    return NOTHING


def get_visible(pengaduan_id: int, user: User) -> Pengaduan:
    """The complaint, if `user` may read it: NotFoundError when there is none, NotAllowed when it is not
    theirs to see."""
    p = get(pengaduan_id)
    only = only_unit(user)
    if only is not None and p.unit_id != only:
        raise NotAllowed("Anda tidak berwenang membuka pengaduan ini.")
    return p


def get_attachment(pengaduan_id: int, attachment_id: int, user: User) -> tuple[Pengaduan, Attachment]:
    """A file of a complaint, for those who handle it (the team, or its unit); readers see only its name."""
    p = get_visible(pengaduan_id, user)
    if role_of(user, p) is None:
        raise NotAllowed("Anda tidak berwenang mengunduh lampiran pengaduan ini.")
    att = db.session.get(Attachment, attachment_id)
    if att is None or not _belongs_to(att, p):
        raise NotFoundError("Lampiran tidak ditemukan.")
    return p, att


def _belongs_to(att: Attachment, p: Pengaduan) -> bool:
    """A file of the complaint itself, or evidence of a follow-up recorded on it (never another's)."""
    if att.owner_type == OWNER:
        return att.owner_id == p.id
    if att.owner_type == OWNER_TINDAK_LANJUT:
        row = db.session.get(Riwayat, att.owner_id)
        return row is not None and row.pengaduan_id == p.id
    return False


def get_nota_dinas(nota_id: int, user: User) -> NotaDinasPengaduan:
    nd = db.session.get(NotaDinasPengaduan, nota_id)
    if nd is None:
        raise NotFoundError("Nota dinas tidak ditemukan.")
    get_visible(nd.pengaduan_id, user)
    return nd


# --- the one place a complaint changes -----------------------------------------------------------------

def role_of(user: User | None, p: Pengaduan) -> str | None:
    """The role in which `user` acts on `p`: the complaint team, or the unit it was disposed to."""
    if user is None:
        return None
    if user.has_role(Role.petugas_pengaduan):
        return PETUGAS
    if user.has_role(Role.unit) and user.unit_id is not None and p.unit_id == user.unit_id:
        return UNIT
    return None


def _authorise(p: Pengaduan, role: str, user: User | None) -> None:
    if role in (PETUGAS, UNIT) and role_of(user, p) != role:
        raise NotAllowed("Anda tidak berwenang menangani pengaduan ini.")


def _may(p: Pengaduan, action: str, role: str, user: User | None = None) -> None:
    """Refuse early, before any field of the complaint is touched: the role, then the table with its guards
    (they read flags such as `tawaran_wbs`, which the action itself then sets)."""
    _authorise(p, role, user)
    MACHINE.check(p, action, role)


_UNCHANGED = object()


def _transition(p: Pengaduan, action: str, role: str, user: User | None, teks: str = "", *,
                publik: bool = True, notify: str | None = None, unit_id=_UNCHANGED) -> Riwayat:
    """Move the status the table says (`_may` has run its guards already), and write timeline + audit +
    counts + notification in this transaction."""
    _authorise(p, role, user)
    before, unit_before = p.status, p.unit_id
    p.status = MACHINE.check(before, action, role)
    if unit_id is not _UNCHANGED:
        p.unit_id = unit_id
    p.terbuka = p.status in OPEN
    _set_batas(p)
    try:
        db.session.flush()
    except StaleDataError as exc:  # someone else changed it since it was read
        raise NotAllowed("Pengaduan ini baru saja diubah oleh orang lain. Muat ulang halaman lalu coba lagi.") from exc
    if (before, unit_before or 0) != (p.status, p.unit_id or 0):
        # rows locked in one order everywhere (then the audit chain last), so two changes cannot deadlock
        for key, delta in sorted([((before, unit_before or 0), -1), ((p.status, p.unit_id or 0), +1)]):
            _count(key[0], key[1], delta)
    row = _log(p, action, before, p.status, role, user, teks, publik=publik)
    audit.record(f"pengaduan.{action}", "pengaduan", p.id, {"tiket": p.tiket, "dari": before, "ke": p.status},
                 actor=user, anonymous=action == "pindah_wbs")  # the move's exact time would link it to WBS
    if notify is None and publik and p.status != before:
        notify = f"Status pengaduan {p.tiket} kini: {PUBLIC_LABEL[p.status]}."
    if notify:
        db.session.flush()
        _notify(p, notify, key=f"pengaduan:{p.id}:riwayat:{row.id}", kind=kabar.reporter_kind(action, p.status))
    return row


_jumlah = JumlahStatus.__table__
_MOVE_COUNT = (update(_jumlah).where(_jumlah.c.status == bindparam("s"), _jumlah.c.unit_id == bindparam("u"))
               .values(jumlah=_jumlah.c.jumlah + bindparam("d")))


def _count(status: str, unit_id: int | None, delta: int) -> None:
    """Move one complaint in or out of the (status, unit) count; the row is created on first use."""
    key = (JumlahStatus.status == status, JumlahStatus.unit_id == (unit_id or 0))
    # plain SQL on the table through the session's connection: the ORM's bulk-update path costs more
    # than the UPDATE, on every submit and every status change
    params = {"s": status, "u": unit_id or 0, "d": delta}
    if db.session.connection().execute(_MOVE_COUNT, params).rowcount:
        return
    try:
        with db.session.begin_nested():
            db.session.execute(insert(JumlahStatus).values(status=status, unit_id=unit_id or 0, jumlah=delta))
    except IntegrityError:  # created meanwhile by another transaction
        db.session.execute(update(JumlahStatus).where(*key).values(jumlah=JumlahStatus.jumlah + delta))


def recount() -> int:
    """Rebuild the counts from the complaints (after a restore or a manual fix). Caller commits."""
    db.session.execute(delete(JumlahStatus))
    unit = func.coalesce(Pengaduan.unit_id, literal_column("0"))  # no bound parameter: GROUP BY must match
    rows = db.session.execute(select(Pengaduan.status, unit, func.count()).group_by(Pengaduan.status, unit)).all()
    for status, unit_id, n in rows:
        db.session.add(JumlahStatus(status=status, unit_id=unit_id, jumlah=n))
    return len(rows)


def _log(p: Pengaduan, aksi: str, dari: str, ke: str, oleh: str, user: User | None, teks: str,
         publik: bool = True) -> Riwayat:
    row = Riwayat(pengaduan_id=p.id, at=utcnow(), aksi=aksi, status_dari=dari, status_ke=ke, teks=teks,
                  publik=publik, oleh=oleh, actor_id=getattr(user, "id", None),
                  actor_nama=getattr(user, "nama", "") or "")
    db.session.add(row)
    db.session.flush()
    return row


def _notify(p: Pengaduan, body: str, key: str | None = None, kind: str = "terima") -> None:
    """Tell the reporter: Telegram in `body`'s words, e-mail in their language (pengaduan.kabar)."""
    key = key or f"pengaduan:{p.id}:terima"
    text = body + " Pantau dengan nomor tiket dan kode pelacakan Anda di halaman Lacak Pengaduan."
    if p.telegram_chat:
        enqueue("telegram", p.telegram_chat, text, key + ":tg")
    kabar.to_reporter(p, kind, key + ":email")


def _set_batas(p: Pengaduan) -> None:
    """The deadline that counts in the current status (the queue sorts on it)."""
    if p.status == "diterima":
        p.batas = p.batas_verifikasi
    elif p.status in WAITING_FOR_REPORTER:
        p.batas = p.batas_tanggapan or p.batas
    elif p.status in ("diverifikasi", "didisposisikan", "ditindaklanjuti"):
        owed = [d for d in (p.batas_jawaban, p.batas_selesai) if d]
        p.batas = min(owed) if owed else p.batas
    # closed: keep the last deadline (history); `terbuka` is false so it is never overdue


OVERALL_DAYS = 60  # UU 25/2009, Perpres 76/2013: settlement within 60 calendar days caps every tier
OVERALL_WARN_DAYS = 10  # flagged in the queue from this many days before day 60


def calendar_day(p: Pengaduan, today: date | None = None) -> int:
    """Which calendar day of the complaint this is (the day of receipt is day 1)."""
    return ((today or local_today()) - p.tanggal_diterima).days + 1


def near_60_days(p: Pengaduan, today: date | None = None) -> bool:
    """An open case nearing (or past) the 60-calendar-day overall limit: record its extension."""
    return p.terbuka and calendar_day(p, today) > OVERALL_DAYS - OVERALL_WARN_DAYS


def is_overdue(p: Pengaduan, today: date | None = None) -> bool:
    return p.terbuka and p.status not in WAITING_FOR_REPORTER and p.batas < (today or local_today())


def _required(text: str, field: str, message: str, limit: int = MAX_TEKS) -> str:
    text = clean_text(text or "")
    if not text:
        raise DomainError(message, field)
    if len(text) > limit:
        raise DomainError(N_("Teks terlalu panjang (maksimal %(n)s karakter).", n=limit), field)
    return text


# --- officers -------------------------------------------------------------------------------------------

def verifikasi(p: Pengaduan, user: User, tingkat: str, catatan: str = "") -> None:
    if tingkat not in TINGKAT:
        days = [str(tier_days(t)) for t in TINGKAT]
        raise DomainError(N_("Pilih tingkat penyelesaian (%(pilihan)s, atau %(akhir)s hari kerja).",
                             pilihan=", ".join(days[:-1]), akhir=days[-1]), "tingkat")
    catatan = clean_text(catatan or "")[:MAX_TEKS]
    _may(p, "verifikasi", PETUGAS, user)
    today, cfg = local_today(), settings()
    p.tingkat = tingkat
    p.batas_jawaban = add_workdays(today, int(cfg["jawaban_hk"]))
    p.batas_selesai = add_workdays(today, tier_days(tingkat))
    _transition(p, "verifikasi", PETUGAS, user,
                f"Pengaduan diverifikasi; target penyelesaian {format_tanggal(p.batas_selesai)} "
                f"({tier_days(tingkat)} hari kerja).")
    if catatan:
        _transition(p, "catatan", PETUGAS, user, catatan, publik=False)


def minta_lengkapi(p: Pengaduan, user: User, pesan: str) -> None:
    pesan = _required(pesan, "teks", "Tuliskan apa yang perlu dilengkapi pelapor.")
    _may(p, "minta_lengkapi", PETUGAS, user)
    p.batas_tanggapan = add_workdays(local_today(), int(settings()["tanggapan_pelapor_hk"]))
    _transition(p, "minta_lengkapi", PETUGAS, user, pesan,
                notify=f"Pengaduan {p.tiket} perlu dilengkapi paling lambat {format_tanggal(p.batas_tanggapan)}.")


def tolak(p: Pengaduan, user: User, alasan: str, rujukan: str = "") -> None:
    alasan = _required(alasan, "teks", "Tuliskan alasan penolakan.")
    rujukan = clean_text(rujukan or "")[:MAX_TEKS]
    _may(p, "tolak", PETUGAS, user)
    p.alasan_tolak, p.rujukan = alasan, rujukan
    teks = f"Alasan: {alasan}" + (f"\nSilakan menyampaikan kepada: {rujukan}" if rujukan else "")
    _transition(p, "tolak", PETUGAS, user, teks)


def alihkan(p: Pengaduan, user: User, tujuan: str) -> None:
    """Not this office's authority: forwarded to the competent office or to SP4N-LAPOR! (where to, and the
    date), told to the reporter. A state of its own, not a rejection, and not owed in the LKE figures."""
    tujuan = _required(tujuan, "teks", "Tuliskan ke mana pengaduan dialihkan.", limit=300)
    _may(p, "alihkan", PETUGAS, user)
    p.dialihkan_ke, p.dialihkan_tanggal = tujuan, local_today()
    _transition(p, "alihkan", PETUGAS, user,
                f"Bukan kewenangan kami; dialihkan kepada {tujuan} pada {format_tanggal(p.dialihkan_tanggal)}.")


def disposisi(p: Pengaduan, user: User, unit_id: int, sifat: str = "Biasa", catatan: str = "", *,
              klasifikasi: str | None = None, plh: bool | None = None) -> NotaDinasPengaduan:
    """Dispose to a unit: a numbered nota dinas in the register (buku agenda) of the year, signed by the
    official set in the settings (or the deputy: `plh`, by default when the official is marked absent)."""
    unit = db.session.get(Unit, unit_id) if unit_id else None
    if unit is None or not unit.aktif:
        raise DomainError("Pilih unit tujuan.", "unit_id")
    if sifat not in SIFAT:
        raise DomainError("Sifat nota dinas: Biasa, Segera, atau Sangat Segera.", "sifat")
    klasifikasi = klasifikasi or ("Rahasia" if p.rahasia else "Biasa")
    if klasifikasi not in KLASIFIKASI:
        raise DomainError("Klasifikasi nota dinas: Biasa, Terbatas, atau Rahasia.", "klasifikasi")
    if p.rahasia and klasifikasi != "Rahasia":
        raise DomainError("Pengaduan ini rahasia: klasifikasi nota dinasnya Rahasia.", "klasifikasi")
    try:
        ttd = penandatangan_nota_dinas(plh)
    except ValueError as exc:
        raise DomainError(N_("%(sebab)s Atur di Pengaturan kantor.", sebab=catalogue_word(exc.args[0])),
                          "penandatangan") from exc
    catatan = clean_text(catatan or "")[:MAX_TEKS]
    _may(p, "disposisi", PETUGAS, user)  # before taking a number, so a refused action uses none
    today = local_today()
    register = settings()["register_nota_dinas"]
    nd_cfg = get_setting("nota_dinas")
    urut = next_sequence(f"nota_dinas:{register}", today.year)
    try:
        nomor = format_nomor(nd_cfg["template_nomor"], seq=urut, kode_jabatan=nd_cfg["kode_jabatan"],
                             kka=nd_cfg["kka"], when=today)
    except ValueError as exc:
        raise nomor_ditolak(exc) from exc
    nd = NotaDinasPengaduan(
        pengaduan_id=p.id, register=register, tahun=today.year, urut=urut, nomor=nomor, tanggal=today,
        unit_id=unit.id, yth=unit.kepala_jabatan or f"Kepala {unit.nama}", dari=ttd.dari,
        sifat=sifat, klasifikasi=klasifikasi, lampiran=jumlah_berkas(len(attachments_of(OWNER, p.id))),
        tembusan="\n".join(t for t in tembusan_nota_dinas() if t != ttd.dari),
        hal="Penyampaian Pengaduan Masyarakat", batas_tindak_lanjut=p.batas_selesai or today,
        penandatangan_jabatan=ttd.jabatan, penandatangan_nama=ttd.nama, penandatangan_nip=ttd.nip,
        created_by_id=user.id)
    db.session.add(nd)
    _transition(p, "disposisi", PETUGAS, user, f"Diteruskan kepada {unit.nama} untuk ditindaklanjuti.",
                unit_id=unit.id)
    p.unit = unit
    kabar.disposition(p, nomor, nd.batas_tindak_lanjut)
    if catatan:
        _transition(p, "catatan", PETUGAS, user, catatan, publik=False)
    audit.record("pengaduan.nota_dinas", "pengaduan", p.id, {"nomor": nomor, "unit": unit.kode}, actor=user)
    return nd


def tindak_lanjut(p: Pengaduan, user: User, teks: str, files: list[storage.Clean] | None = None) -> Riwayat:
    """The unit records what it did (internal), with its evidence (photos, letters: `files`, checked
    already by core.attachments.inspect_files); the reporter sees the status, then the officer's answer."""
    teks = _required(teks, "teks", "Tuliskan tindak lanjut yang telah dilakukan.")
    role = _handler(user, p)
    _may(p, "tindak_lanjut", role, user)
    before = p.status
    suffix = f" (dengan {len(files)} berkas bukti)" if files else ""
    row = _transition(p, "tindak_lanjut", role, user, teks + suffix, publik=False,
                      notify=None if before == "ditindaklanjuti" else
                      f"Status pengaduan {p.tiket} kini: {PUBLIC_LABEL['ditindaklanjuti']}.")
    stored: list[str] = []
    _delete_on_rollback(stored)
    for f in files or []:
        stored.append(save_clean(f, OWNER_TINDAK_LANJUT, row.id).stored_name)
    if stored:
        audit.record("pengaduan.tindak_lanjut.bukti", "pengaduan", p.id, {"riwayat": row.id, "lampiran": len(stored)},
                     actor=user)
    if before != "ditindaklanjuti":  # the reporter sees the step, not the unit's words
        _log(p, "status", before, p.status, role, None, "Unit terkait telah menindaklanjuti pengaduan Anda.")
    return row


def follow_up_evidence(p: Pengaduan) -> dict[int, list[Attachment]]:
    """The unit's evidence files per timeline row (`Riwayat.id`), for the case page."""
    rows = select(Riwayat.id).where(Riwayat.pengaduan_id == p.id).scalar_subquery()
    out: dict[int, list[Attachment]] = {}
    for att in db.session.scalars(select(Attachment).where(Attachment.owner_type == OWNER_TINDAK_LANJUT,
                                                           Attachment.owner_id.in_(rows)).order_by(Attachment.id)):
        out.setdefault(att.owner_id, []).append(att)
    return out


def jawab(p: Pengaduan, user: User, teks: str) -> None:
    teks = _required(teks, "teks", "Tuliskan jawaban untuk pelapor.", limit=MAX_URAIAN)
    _may(p, "jawab", PETUGAS, user)
    p.jawaban, p.dijawab_at = teks, utcnow()
    p.batas_jawaban = None  # answered
    p.batas_tanggapan = add_workdays(local_today(), int(settings()["tanggapan_pelapor_hk"]))
    _transition(p, "jawab", PETUGAS, user, teks,
                notify=f"Pengaduan {p.tiket} telah dijawab. Anda dapat menanggapi sampai "
                       f"{format_tanggal(p.batas_tanggapan)}; setelah itu pengaduan ditutup.")


def tutup(p: Pengaduan, user: User) -> None:
    _may(p, "tutup", PETUGAS, user)
    _transition(p, "tutup", PETUGAS, user, "Pengaduan selesai.")


def buka_kembali(p: Pengaduan, user: User, alasan: str) -> None:
    alasan = _required(alasan, "teks", "Tuliskan alasan membuka kembali.")
    _may(p, "buka_kembali", PETUGAS, user)
    today, cfg = local_today(), settings()
    if p.status == "selesai":
        p.batas_jawaban = add_workdays(today, int(cfg["jawaban_hk"]))
        p.batas_selesai = max(p.batas_selesai or today, add_workdays(today, int(cfg["jawaban_hk"])))
    else:
        p.batas_verifikasi = add_workdays(today, int(cfg["verifikasi_hk"]))
    _transition(p, "buka_kembali", PETUGAS, user, f"Dibuka kembali: {alasan}")


def arsipkan(p: Pengaduan, user: User, alasan: str) -> None:
    alasan = _required(alasan, "teks", "Tuliskan alasan pengarsipan.")
    _may(p, "arsipkan", PETUGAS, user)
    _transition(p, "arsipkan", PETUGAS, user, f"Diarsipkan: {alasan}")


def tandai_duplikat(p: Pengaduan, user: User, tiket_asal: str) -> Pengaduan:
    """The same complaint was received before (a double send, the same letter by post and e-mail): archived
    with the ticket it repeats, and no longer owed in the LKE figures, since it is handled on that ticket.
    The reporter is told it is handled with the earlier report; the other ticket is noted internally."""
    tiket = clean_text(tiket_asal or "").upper()
    if not _TIKET_RE.fullmatch(tiket):
        raise DomainError("Tulis nomor tiket pengaduan yang sama yang diterima lebih dahulu, mis. PGD-2026-000123.",
                          "teks")
    asal = db.session.scalar(select(Pengaduan).where(Pengaduan.tiket == tiket))
    if asal is None or asal.dipindah_wbs:
        raise DomainError(N_("Pengaduan %(tiket)s tidak ditemukan.", tiket=tiket), "teks")
    if asal.id == p.id:
        raise DomainError("Tulis nomor tiket pengaduan yang lain, bukan pengaduan ini.", "teks")
    if asal.status == "diarsipkan":
        raise DomainError(N_("Pengaduan %(tiket)s sudah diarsipkan: tandai duplikat terhadap pengaduan yang "
                             "ditangani.", tiket=tiket), "teks")
    _may(p, "tandai_duplikat", PETUGAS, user)
    _transition(p, "tandai_duplikat", PETUGAS, user,
                "Pengaduan yang sama telah kami terima sebelumnya; penanganannya dilanjutkan pada pengaduan itu.")
    _transition(p, "catatan", PETUGAS, user, f"Duplikat dari {asal.tiket}.", publik=False)
    return asal


def tawarkan_wbs(p: Pengaduan, user: User, pesan: str = "") -> None:
    pesan = clean_text(pesan or "")[:MAX_TEKS] or (
        "Pengaduan Anda menyangkut dugaan pelanggaran oleh pegawai. Kami menyarankan agar dipindahkan ke "
        "Whistleblowing System (WBS), yang isinya terenkripsi dan hanya dibaca Tim WBS. Identitas Anda tidak "
        "ikut dipindahkan kecuali Anda menyetujuinya.")
    _may(p, "tawarkan_wbs", PETUGAS, user)
    p.tawaran_wbs = True
    _transition(p, "tawarkan_wbs", PETUGAS, user, pesan,
                notify=f"Pengaduan {p.tiket}: kami menawarkan pemindahan ke WBS. Buka halaman pelacakan untuk memilih.")


def catatan(p: Pengaduan, user: User, teks: str) -> None:
    teks = _required(teks, "teks", "Catatan kosong.")
    role = _handler(user, p)
    _may(p, "catatan", role, user)
    _transition(p, "catatan", role, user, teks, publik=False)


def _handler(user: User, p: Pengaduan) -> str:
    """The role of someone who handles `p` (the team or its unit), or NotAllowed."""
    role = role_of(user, p)
    if role is None:
        raise NotAllowed("Anda tidak berwenang menangani pengaduan ini.")
    return role


# --- the reporter ------------------------------------------------------------------------------------------

def tanggapan_pelapor(p: Pengaduan, teks: str, files: list[storage.Clean] | None = None) -> str:
    """The reporter writes: completes a report when asked, replies to an answer, or adds information.
    Returns the action taken."""
    teks = _required(teks, "teks", "Tulisan Anda masih kosong.", limit=MAX_URAIAN)
    action = {"perlu_dilengkapi": "lengkapi", "dijawab": "tanggapi"}.get(p.status, "tambah_info")
    _may(p, action, PELAPOR)
    today, cfg = local_today(), settings()
    if action == "lengkapi":
        p.batas_verifikasi = add_workdays(today, int(cfg["verifikasi_hk"]))
        p.batas_tanggapan = None
    elif action == "tanggapi":
        p.batas_jawaban = add_workdays(today, int(cfg["jawaban_hk"]))
        p.batas_tanggapan = None
    stored: list[str] = []
    _delete_on_rollback(stored)
    for f in files or []:
        stored.append(save_clean(f, OWNER, p.id).stored_name)
    suffix = f" (dengan {len(stored)} lampiran)" if stored else ""
    row = _transition(p, action, PELAPOR, None, teks + suffix)
    kabar.reporter_wrote(p, row.id)
    return action


def nilai(p: Pengaduan, skor: int, komentar: str = "") -> None:
    try:
        skor = int(skor)
    except (TypeError, ValueError):
        skor = 0
    if not 1 <= skor <= 5:
        raise DomainError("Pilih nilai 1 sampai 5.", "skor")
    _may(p, "nilai", PELAPOR)
    komentar = clean_text(komentar or "")[:MAX_TEKS]
    p.penilaian, p.komentar_penilaian, p.dinilai_at = skor, komentar, utcnow()
    _transition(p, "nilai", PELAPOR, None, f"Nilai {skor} dari 5." + (f" {komentar}" if komentar else ""))


def pindah_wbs(p: Pengaduan, token: str | None = None) -> None:
    """The complaint's half of the move to WBS, which the reporter accepted: archived and marked as moved.
    The whole move — this and the WBS report, in one unit of work — is `lintas.pindah_wbs`.

    No link to the WBS report is stored: it would tie the whistleblowing report to a named complainant. Only
    an HMAC of the form's one-time `token` is kept, so that a double click (the same token) is recognised as
    the same move and changes nothing here.
    """
    token_hash = keyed_hash(_pepper(), "pengaduan.wbs:" + token) if token else None
    if p.dipindah_wbs:
        if token_hash and p.wbs_token_hash and hmac.compare_digest(token_hash, p.wbs_token_hash):
            return
        raise NotAllowed("Pengaduan ini sudah dipindahkan ke WBS.")
    _may(p, "pindah_wbs", PELAPOR)
    p.dipindah_wbs, p.wbs_token_hash = True, token_hash
    # no notification: its queued row would carry the exact time of the move (the reporter sees the receipt)
    row = _transition(p, "pindah_wbs", PELAPOR, None, MOVED_NOTE, notify="")
    _wipe_moved(p, row)


MOVED_NOTE = N_("Dipindahkan ke WBS atas permintaan pelapor. Isi pengaduan telah dihapus.")


def _wipe_moved(p: Pengaduan, row: Riwayat) -> None:
    """Leave a tombstone only (ticket, dates, status): the text, the timeline's words and the files of a
    complaint moved to WBS would tie the sealed report to a named complainant, and every officer role can
    read a complaint. Same unit of work as the move; the files go only once it commits."""
    day = datetime.combine(local_today(), time.min, tzinfo=timezone.utc)  # the date, no time of day
    p.judul, p.uraian = "Dipindahkan ke WBS", MOVED_NOTE
    p.lokasi = p.layanan_terkait = p.jawaban = p.alasan_tolak = p.rujukan = p.komentar_penilaian = ""
    p.tanggal_kejadian = None
    p.updated_at = day
    db.session.execute(update(Riwayat).where(Riwayat.pengaduan_id == p.id, Riwayat.id != row.id)
                       .values(teks=""))
    row.at = day
    evidence = [a for files in follow_up_evidence(p).values() for a in files]
    names = [a.stored_name for a in attachments_of(OWNER, p.id) + evidence]
    db.session.execute(delete(Attachment).where(Attachment.owner_type == OWNER, Attachment.owner_id == p.id))
    if evidence:
        db.session.execute(delete(Attachment).where(Attachment.id.in_([a.id for a in evidence])))
    on_commit(lambda: _delete_files(names))
    db.session.flush()


# --- timers -----------------------------------------------------------------------------------------------

def tutup_otomatis(today: date | None = None) -> int:
    """Close answered cases whose reply window has passed, archive incomplete ones. Idempotent; the caller's
    unit of work (the command) commits them together."""
    today = today or local_today()
    q = (select(Pengaduan).where(Pengaduan.status.in_(WAITING_FOR_REPORTER), Pengaduan.batas_tanggapan < today)
         .order_by(Pengaduan.id).limit(200))
    done = 0
    while rows := db.session.scalars(q).all():
        for p in rows:
            text = ("Ditutup otomatis: tidak ada tanggapan dalam batas waktu." if p.status == "dijawab"
                    else "Diarsipkan otomatis: kelengkapan tidak diterima dalam batas waktu.")
            _may(p, "tutup_otomatis", SISTEM)
            _transition(p, "tutup_otomatis", SISTEM, None, text)
            done += 1
    return done


# --- documents ----------------------------------------------------------------------------------------------

def unit_sees_identity(p: Pengaduan) -> bool:
    """What the form promises (DOMAIN §1): the unit gets the identity only when the reporter agreed, or the
    complaint officer recorded that the unit needs it; never for an anonymous report."""
    return not p.anonim and (p.boleh_diteruskan or p.identitas_unit)


def document_names_reporter(p: Pengaduan) -> bool:
    """A document that leaves the system (nota dinas, export) names the reporter only when the unit may see
    the identity and the complaint is not rahasia (DOMAIN §1: rahasia masks it in nota dinas and exports)."""
    return unit_sees_identity(p) and not p.rahasia


def identity_for(p: Pengaduan, role: str | None) -> dict[str, str]:
    """Identity as `role` may see it: in full for the complaint team; for the unit only as
    `unit_sees_identity` allows; masked for everyone else (pimpinan, TPI)."""
    fields = {"nama": p.nama, "telepon": p.telepon, "email": p.email, "nik": p.nik}
    if role == PETUGAS or (role == UNIT and unit_sees_identity(p)):
        return {k: v or "-" for k, v in fields.items()}
    return {k: mask(v) if v else "-" for k, v in fields.items()}


def buka_identitas_unit(p: Pengaduan, user: User, alasan: str) -> None:
    """The complaint officer records that the unit needs the reporter's identity to act (reason required;
    timeline entry, internal, and audit line)."""
    alasan = _required(alasan, "teks", "Tuliskan alasan unit memerlukan identitas pelapor.")
    _may(p, "buka_identitas_unit", PETUGAS, user)
    p.identitas_unit = True
    _transition(p, "buka_identitas_unit", PETUGAS, user, alasan, publik=False)
    audit.record("pengaduan.buka_identitas_unit", "pengaduan", p.id, {"tiket": p.tiket, "alasan": alasan},
                 actor=user)


def nota_dinas_document(nd: NotaDinasPengaduan) -> NotaDinas:
    """The nota dinas rebuilt from its stored record (same text every time it is downloaded); the reporter
    is named only as `document_names_reporter` allows."""
    p = nd.pengaduan
    if p.nama:
        pelapor = p.nama if document_names_reporter(p) else f"{mask(p.nama)} (identitas dirahasiakan)"
    else:
        pelapor = "Anonim"
    kejadian = ", ".join(x for x in (p.lokasi, format_tanggal(p.tanggal_kejadian) if p.tanggal_kejadian else "") if x)
    paragraf = [
        f"Bersama ini kami sampaikan pengaduan masyarakat nomor tiket {p.tiket} yang diterima melalui "
        f"{KANAL.get(p.kanal, p.kanal)} pada tanggal {format_tanggal(p.tanggal_diterima)}, untuk ditindaklanjuti "
        f"sesuai kewenangan {nd.unit.nama}, dengan keterangan sebagai berikut:",
        f"Jenis: {JENIS[p.jenis]}; kategori: {p.kategori or '-'}; tingkat: {TINGKAT.get(p.tingkat or '', '-')}.",
        f"Pelapor: {pelapor}.",
        f"Pokok pengaduan: {p.judul}",
        *[f"Uraian: {line}" if i == 0 else line for i, line in enumerate(p.uraian.splitlines() or [""])],
    ]
    if kejadian:
        paragraf.append(f"Tempat/waktu kejadian: {kejadian}.")
    if p.rahasia or p.anonim:
        paragraf.append("Pengaduan ini bersifat rahasia: identitas pelapor tidak disebarluaskan dan isi pengaduan "
                        "hanya digunakan untuk keperluan penanganan.")
    paragraf.append(f"Mohon tindak lanjut dicatat melalui aplikasi ZI Lapor paling lambat "
                    f"{format_tanggal(nd.batas_tindak_lanjut)}, agar jawaban dapat kami sampaikan kepada pelapor.")
    return NotaDinas(kop=letterhead(), nomor=nd.nomor, yth=nd.yth, dari=nd.dari, tanggal=nd.tanggal,
                     sifat=nd.sifat, klasifikasi=nd.klasifikasi, lampiran=nd.lampiran, hal=nd.hal,
                     paragraf=paragraf, tembusan=[t for t in nd.tembusan.splitlines() if t],
                     penandatangan_jabatan=nd.penandatangan_jabatan, penandatangan_nama=nd.penandatangan_nama,
                     penandatangan_nip=nd.penandatangan_nip or "-")


def get(pengaduan_id: int) -> Pengaduan:
    p = db.session.get(Pengaduan, pengaduan_id)
    if p is None:
        raise NotFoundError("Pengaduan tidak ditemukan.")
    return p


def new_token() -> str:
    return secrets.token_urlsafe(24)



def save_settings(kategori_text: str, hk: dict[str, int], register: str, actor) -> None:
    """The office's own categories and deadlines (SK Kepala); every number is in working days."""
    kategori, kategori_en = [], {}
    for line in (kategori_text or "").splitlines():
        indonesia, _bar, inggris = line.partition("|")
        name = clean_text(indonesia)[:100]
        if name and name.casefold() not in {k.casefold() for k in kategori}:
            kategori.append(name)
            if clean_text(inggris):
                kategori_en[name] = clean_text(inggris)[:100]
    if not kategori:
        raise DomainError("Isi minimal satu kategori (satu per baris).", "kategori")
    if len(kategori) > 40:
        raise DomainError("Paling banyak 40 kategori.", "kategori")
    for name, value in hk.items():
        if not isinstance(value, int) or not 1 <= value <= 120:
            raise DomainError("Jumlah hari kerja harus 1 sampai 120.", name)
    register = clean_text(register)[:40]
    if not re.fullmatch(r"[a-z0-9_\-]+", register or ""):
        raise DomainError("Nama buku agenda hanya huruf kecil, angka, - dan _.", "register")
    value = {**settings(), "kategori": kategori, "kategori_en": kategori_en, "verifikasi_hk": hk["verifikasi_hk"], "jawaban_hk": hk["jawaban_hk"],
             "tanggapan_pelapor_hk": hk["tanggapan_pelapor_hk"], "register_nota_dinas": register,
             "tingkat_hk": {t: hk[f"tingkat_{t}"] for t in TINGKAT}}
    set_setting("pengaduan", value)
    audit.record("settings.update", "setting", "pengaduan", {"kategori": len(kategori)}, actor=actor)
