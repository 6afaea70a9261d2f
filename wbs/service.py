"""Every WBS rule: submission, the reporter's mailbox, the team's case handling, who may open what,
deadlines and retention. The web form, the JSON API, complaints ("move to WBS") and the Telegram bot all
call these functions; the state machine is the table in wbs/workflow.py.

Nothing here commits or rolls back: each function runs inside its caller's unit of work (core.uow) and
flushes where it needs ids; an idempotent submit resolves a lost race inside a savepoint. Files written
for rows that end up rolled back are removed on rollback, files of purged reports once the purge commits.

Nothing here logs, audits or notifies with content, and nothing a reporter does leaves an exact time: no
audit row, no outbox row at that moment (the team hears of a day's reports in a daily batch,
`daily_notice`), ids that are random, dates without the time of day.
"""
from __future__ import annotations

import hmac
import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import partial

from flask import current_app
from sqlalchemy import delete, exists, select
from sqlalchemy.exc import IntegrityError

from core import audit, crypto, outbox, storage
from core.attachments import MAX_FILES
from core.calendar import add_workdays
from core.errors import N_, DomainError, NotAllowed, NotFoundError
from core.extensions import db
from core.forms import clean_text
from core.mail import alert_addresses
from core.models import Role, User
from core.settings import get_setting
from core.uow import on_commit, on_rollback
from core.workdays import JAKARTA, local_today
from wbs import keys, limits, sealing, workflow
from wbs.models import ELEMENTS, SEALED_FIELDS, WbsAttachment, WbsEntry, WbsKey, WbsKeyWrap, WbsReport
from wbs.workflow import CLOSED, PELAPOR, STATUS, TUJUAN

JENIS = {
    "korupsi": N_("Korupsi"),
    "gratifikasi": N_("Gratifikasi"),
    "pungli": N_("Pungutan liar (pungli)"),
    "benturan_kepentingan": N_("Benturan kepentingan"),
    "penyalahgunaan_wewenang": N_("Penyalahgunaan wewenang"),
    "pelanggaran_disiplin": N_("Pelanggaran disiplin / kode etik"),
    "lainnya": N_("Lainnya"),
}
ELEMENT_LABELS = {
    "apa": N_("Apa yang terjadi"),
    "dimana": N_("Di mana terjadinya"),
    "kapan": N_("Kapan terjadinya"),
    "siapa": N_("Siapa yang terlibat"),
    "bagaimana": N_("Bagaimana caranya (modus)"),
    "mengapa": N_("Mengapa (bila diketahui)"),
}
SUMBER = ("web", "api", "telegram", "pengaduan", "petugas")
MAX_TEXT = 10_000
MAX_IDENTITAS = 1_000
UNKNOWN_RECEIPT = ("Resi tidak dikenali. Periksa kembali 16 huruf dan angka resi Anda "
                   "(huruf besar/kecil dan spasi tidak berpengaruh).")
NOT_READY = N_("Saluran WBS belum dapat menerima laporan: Tim WBS belum memiliki kunci untuk membuka laporan. "
               "Laporan yang dikirim sekarang tidak akan dapat dibaca siapa pun selain Anda. Silakan kembali "
               "lagi nanti, atau gunakan saluran lain yang tercantum di halaman WBS.")
TAMPERED = ("Data laporan WBS ini tidak utuh: ada kolom yang diubah di luar aplikasi. Isinya tidak "
            "ditampilkan. Laporkan kepada administrator.")
DAILY_NOTICE = "Ada laporan atau pesan baru di WBS. Buka menu WBS di halaman petugas."


class ChannelClosed(DomainError):
    """No active team key yet: a report filed now could be read by nobody but its reporter."""

    status = 503


class Tampered(DomainError):
    """A clear column of a sealed row does not match what was sealed with it (a database writer)."""

    status = 409

# the office's defaults (DOMAIN.md §2; an SK Kepala may change them in settings); wired by app.py
SETTINGS = {
    "wbs": {
        "pengakuan_hk": 3,       # receipt → acknowledgement, working days
        "verifikasi_hk": 7,      # receipt → verification, working days
        "umpan_balik_hari": 30,  # news to the reporter at least this often (calendar days) until closed
    },
}


def deadline_days() -> dict[str, int]:
    """The deadlines in force: {"pengakuan": HK, "verifikasi": HK, "umpan_balik": days} (pages show them)."""
    s = get_setting("wbs")
    return {"pengakuan": int(s["pengakuan_hk"]), "verifikasi": int(s["verifikasi_hk"]),
            "umpan_balik": int(s["umpan_balik_hari"])}


# --- helpers --------------------------------------------------------------------------------------

def _pepper() -> bytes:
    return current_app.config["RECEIPT_PEPPER"]


def _upload_folder() -> str:
    return current_app.config["UPLOAD_FOLDER"]


def _new_report_id() -> int:
    # random nine-digit ids: the number says nothing about when or in what order reports came
    while True:
        candidate = 100_000_000 + secrets.randbelow(900_000_000)
        if db.session.get(WbsReport, candidate) is None:
            return candidate


def _idem_hash(token: str | None) -> str | None:
    return crypto.keyed_hash(_pepper(), "zi-wbs/idem/" + token) if token else None


def _too_long(text: str, field_name: str) -> None:
    if len(text) > MAX_TEXT:
        raise DomainError(N_("Terlalu panjang (maksimal %(n)s karakter).", n=MAX_TEXT), field_name)


def _clean_fields(fields: dict[str, str]) -> dict[str, str]:
    out = {name: clean_text(fields.get(name)) for name in ELEMENTS}
    if not out["apa"]:
        raise DomainError("Ceritakan apa yang terjadi.", "apa")
    for name in ELEMENTS:
        _too_long(out[name], name)
    jenis = clean_text(fields.get("jenis")) or "lainnya"
    if jenis not in JENIS:
        raise DomainError("Jenis pelanggaran tidak dikenal.", "jenis")
    out["jenis"] = jenis
    out["identitas"] = clean_text(fields.get("identitas"))
    if len(out["identitas"]) > MAX_IDENTITAS:
        raise DomainError(N_("Identitas terlalu panjang (maksimal %(n)s karakter).", n=MAX_IDENTITAS), "identitas")
    return out


def _check_files(files) -> list[storage.Clean]:
    files = list(files or ())
    if len(files) > MAX_FILES:
        raise DomainError(N_("Paling banyak %(n)s berkas dalam satu kiriman.", n=MAX_FILES), "lampiran")
    return files


def _seal_files(report_id: int, data_key: bytes, files: list[storage.Clean], entry_id: str | None,
                dari: str, written: list[str]) -> None:
    """Encrypt each file to disk under a random name (listed in `written`); its name, type and size are
    sealed in the row."""
    for i, clean in enumerate(files):
        att_id = secrets.token_hex(16)
        blob = crypto.aead_encrypt(data_key, clean.data, sealing.file_aad(report_id, att_id))
        name = storage.store_bytes(_upload_folder(), blob)
        written.append(name)
        meta = {"nama": clean.original_name, "tipe": clean.content_type, "ukuran": clean.size,
                "sha256": clean.sha256, "dari": dari, "urut": i}
        db.session.add(WbsAttachment(id=att_id, report_id=report_id, entry_id=entry_id, stored_name=name,
                                     meta=sealing.seal_json(data_key, meta,
                                                            sealing.file_meta_aad(report_id, att_id, entry_id))))


def _discard(written: list[str]) -> None:
    for name in written:
        storage.delete_bytes(_upload_folder(), name)


@contextmanager
def _savepoint() -> Iterator[None]:
    """A savepoint inside the unit of work. pysqlite opens its transaction lazily, before the first write:
    a SAVEPOINT sent first would open a transaction of its own, which its RELEASE commits, outside the
    unit of work. So on SQLite the transaction is begun first when nothing has been written yet."""
    connection = db.session.connection()
    if connection.dialect.name == "sqlite" and not connection.connection.dbapi_connection.in_transaction:
        connection.exec_driver_sql("BEGIN")
    with db.session.begin_nested():
        yield


def _store_once(store: Callable[[list[str]], object], token_hash: str | None, stored_before: Callable) -> bool:
    """Run `store(written)` (rows, and sealed files it names in `written`) inside a savepoint. False when
    the unique form token shows that another request stored the same submission first: that attempt is
    undone, its files removed, and the rest of the unit of work stands. Any other failure propagates.
    The files stay only if the unit of work commits."""
    written: list[str] = []
    try:
        with _savepoint():
            store(written)
            db.session.flush()  # a lost race on the unique token shows here, inside the savepoint
    except IntegrityError:
        _discard(written)
        if token_hash and stored_before(token_hash) is not None:
            return False
        raise
    except BaseException:
        _discard(written)
        raise
    # registered once the savepoint is released: core.uow runs its commit hooks on a savepoint's release too
    on_rollback(partial(_discard, written))
    return True


def daily_notice(day: date) -> int:
    """Tell the team, once, that reports or reporters' messages came on `day`: one outbox row per member,
    dated only (no time of day) and sent at a fixed hour the next day, written by a daily job
    (`flask wbs kabar-harian`) rather than at the moment of the report. Returns the rows queued."""
    came = db.session.scalar(select(exists().where(WbsReport.diterima_tanggal == day))) or db.session.scalar(
        select(exists().where(WbsEntry.tanggal == day, WbsEntry.jenis == "pelapor")))
    if not came:
        return 0
    hour = int(current_app.config.get("WBS_NOTICE_HOUR", 8))
    send_at = datetime.combine(day + timedelta(days=1), time(hour), JAKARTA)
    queued = 0
    wanted = {uid for uid, _ in alert_addresses(Role.tim_wbs)}  # each member's own choice (core.mail)
    for officer in keys.team_members():
        if officer.id not in wanted:
            continue
        queued += outbox.enqueue("email", officer.email, DAILY_NOTICE, f"wbs:harian:{day.isoformat()}:{officer.id}",
                                 anonymous=True, not_before=send_at) is not None
    return queued


def _next_entry(report: WbsReport, jenis: str, data_key: bytes, payload: dict, *, officer: User | None = None,
                status_dari: str | None = None, status_ke: str | None = None,
                idem_hash: str | None = None) -> WbsEntry:
    report.entri_terakhir += 1
    entry = WbsEntry(id=secrets.token_hex(16), report_id=report.id, urutan=report.entri_terakhir, jenis=jenis,
                     tanggal=local_today(), officer_id=officer.id if officer else None,
                     status_dari=status_dari, status_ke=status_ke, idem_hash=idem_hash)
    entry.isi = sealing.seal_json(data_key, payload, sealing.entry_aad(report.id, entry))
    db.session.add(entry)
    return entry


def _entry_by_token(idem: str) -> str | None:
    return db.session.scalar(select(WbsEntry.id).where(WbsEntry.idem_hash == idem))


def _append_once(report: WbsReport, jenis: str, data_key: bytes, payload: dict, idem: str | None, *,
                 files: list[storage.Clean] = (), dari: str = "pelapor", officer: User | None = None) -> bool:
    """Add a message (and its files) to the conversation; False when a concurrent request with the same
    form token stored it first."""
    def store(written: list[str]) -> None:
        entry = _next_entry(report, jenis, data_key, payload, officer=officer, idem_hash=idem)
        db.session.flush()
        _seal_files(report.id, data_key, files, entry.id, dari, written)

    return _store_once(store, idem, _entry_by_token)


def _locked_report(report_id: int) -> WbsReport:
    # a row lock orders concurrent messages on one report (no-op on SQLite, which serialises writers); the
    # row is read again under the lock, so the entry counter is the one the previous writer left
    report = db.session.scalar(select(WbsReport).where(WbsReport.id == report_id).with_for_update()
                               .execution_options(populate_existing=True))
    if report is None:
        raise NotFoundError("Laporan WBS tidak ditemukan.")
    return report


# --- submission -----------------------------------------------------------------------------------

RECEIPT_SPENT = ("Laporan ini sudah terkirim. Demi keamanan Anda, resi hanya ditampilkan saat laporan dikirim "
                 "dan tidak ditampilkan lagi. Bila resi hilang, kirim laporan baru.")


def _report_by_token(idem: str) -> WbsReport | None:
    return db.session.scalar(select(WbsReport).where(WbsReport.idem_hash == idem))


def submit_report(fields: dict[str, str], files: list[storage.Clean] = (), *, sumber: str = "web",
                  idempotency_key: str | None = None) -> tuple[int, str]:
    """Store a sealed report and return (report_id, receipt). The receipt is not stored anywhere: show it
    to the reporter once.

    Only `apa` is required; missing elements are asked for later through the mailbox. `files` must have
    been checked by core.storage (content, size; image metadata stripped). With `idempotency_key` (the
    form's one-time token) a second submit returns the first report and the same receipt.

    Runs inside the caller's unit of work and does not commit: what the caller wrote (an archived
    complaint) and the report stand or fall together, and files written for a rolled-back report are
    removed. A concurrent double submit is resolved by the unique token inside a savepoint.
    """
    if not keys.team_ready():
        raise ChannelClosed(NOT_READY)
    values = _clean_fields(fields)
    files = _check_files(files)
    if sumber not in SUMBER:
        raise DomainError("Sumber laporan tidak dikenal.", "sumber")
    idem = _idem_hash(idempotency_key)
    if idem:
        receipt = crypto.normalize_code(sealing.receipt_from_token(_pepper(), idempotency_key))
        existing = _report_by_token(idem)
        if existing:
            # a double click, or Back + resubmit at once, sees its receipt again; the same form posted later
            # (the next person at a shared computer) does not. The window lives in a short-lived key
            # (wbs.limits), not in the database, which keeps no time of day.
            if limits.RESHOW.recent(idem):
                return existing.id, receipt
            raise DomainError(RECEIPT_SPENT)
        if db.session.scalar(select(WbsReport.id).where(WbsReport.resi_hash == sealing.receipt_lookup(_pepper(), receipt))):
            raise DomainError(RECEIPT_SPENT)
    else:
        receipt = crypto.normalize_code(crypto.new_code(sealing.RECEIPT_BITS))

    today = local_today()
    days = deadline_days()
    report_id = _new_report_id()
    data_key = crypto.new_key()
    salt = os.urandom(crypto.SALT_BYTES)
    params = keys.kdf_params()
    report = WbsReport(
        id=report_id, resi_hash=sealing.receipt_lookup(_pepper(), receipt), resi_salt=salt,
        resi_kdf=sealing.kdf_to_text(params),
        resi_wrap=crypto.hpke_wrap(sealing.receipt_public(receipt, salt, params), data_key,
                                   sealing.receipt_info(report_id)),
        idem_hash=idem, sumber=sumber, status="diterima", diterima_tanggal=today,
        batas_pengakuan=add_workdays(today, days["pengakuan"]),
        batas_verifikasi=add_workdays(today, days["verifikasi"]),
        entri_terakhir=0,
        **{name: sealing.seal_text(data_key, values[name], sealing.field_aad(report_id, name))
           for name in SEALED_FIELDS})

    def store(written: list[str]) -> None:
        db.session.add(report)
        db.session.flush()
        for key in keys.recipient_keys():
            keys.wrap_to(report_id, key, data_key)
        _seal_files(report_id, data_key, files, None, "pelapor", written)

    if not _store_once(store, idem, _report_by_token):  # the other click of a double submit won the race
        return _report_by_token(idem).id, receipt
    if idem:
        limits.RESHOW.start(idem)  # harmless if this unit of work rolls back: no report, nothing to show
    # no audit row (the log is for officers' actions, and its timestamp would date the report), no outbox
    # row now (daily_notice)
    return report_id, receipt


@dataclass(frozen=True)
class Submitted:
    status: str
    status_label: str
    diterima_tanggal: date


def submitted(report_id: int) -> Submitted:
    """What the reporter is told with the receipt, right after `submit_report` (nothing sealed)."""
    report = db.session.get(WbsReport, report_id)
    if report is None:
        raise NotFoundError("Laporan WBS tidak ditemukan.")
    return Submitted(report.status, STATUS[report.status], report.diterima_tanggal)


# --- the reporter's mailbox -----------------------------------------------------------------------

@dataclass
class MailboxEntry:
    dari: str  # "Anda" | "Tim WBS" | "Status"
    jenis: str
    tanggal: date
    teks: str
    status: str | None = None
    tujuan: str | None = None
    lampiran: list[str] = field(default_factory=list)


@dataclass
class Mailbox:
    status: str
    status_label: str
    diterima_tanggal: date
    jenis_label: str
    isian: list[tuple[str, str]]  # (label, text) of the elements given
    kurang: list[str]  # labels of the 4W+1H elements still empty
    entri: list[MailboxEntry]
    lampiran_awal: list[str]
    terbuka: bool


def _dummy_kdf() -> None:
    # same work for an unknown receipt as for a known one: the answer's timing says nothing
    sealing.receipt_private("0" * sealing.RECEIPT_CHARS, b"\x00" * crypto.SALT_BYTES, keys.kdf_params())


def _unlock_by_receipt(receipt: str) -> tuple[WbsReport, bytes]:
    normal = crypto.normalize_code(receipt or "")
    if not sealing.is_receipt_shape(normal):
        raise DomainError("Resi terdiri dari 16 huruf dan angka, misalnya ABCD-EFGH-JKMN-PQRS.", "resi")
    report = db.session.scalar(select(WbsReport).where(WbsReport.resi_hash ==
                                                       sealing.receipt_lookup(_pepper(), normal)))
    if report is None:
        _dummy_kdf()
        raise NotFoundError(UNKNOWN_RECEIPT, "resi")
    private = sealing.receipt_private(normal, report.resi_salt, sealing.kdf_from_text(report.resi_kdf))
    try:
        data_key = crypto.hpke_unwrap(private, report.resi_wrap, sealing.receipt_info(report.id))
    except crypto.DecryptionError:
        raise NotFoundError(UNKNOWN_RECEIPT, "resi")
    return report, data_key


def _open_bound(data_key: bytes, blob: bytes, bound: bytes, legacy: bytes, legacy_mac: str | None,
                expected_mac: Callable[[], str]) -> dict:
    """Open a sealed row whose associated data binds its clear columns (`bound`), or a row sealed before
    that binding (`legacy_mac` set by migration 0007), whose columns a MAC under the server pepper vouches
    for. Anything else that does not open is a tampered row."""
    try:
        if legacy_mac is None:
            return sealing.open_json(data_key, blob, bound)
        if not hmac.compare_digest(legacy_mac, expected_mac()):
            raise Tampered(TAMPERED)
        try:
            return sealing.open_json(data_key, blob, legacy)
        except crypto.DecryptionError:  # a bound row that a downgrade and upgrade tagged again
            return sealing.open_json(data_key, blob, bound)
    except crypto.DecryptionError:
        raise Tampered(TAMPERED)


def _attachment_meta(report_id: int, data_key: bytes, a: WbsAttachment) -> dict:
    return _open_bound(data_key, a.meta, sealing.file_meta_aad(report_id, a.id, a.entry_id),
                       sealing.file_meta_aad_v1(report_id, a.id), a.legacy_mac,
                       lambda: sealing.legacy_file_mac(_pepper(), report_id, a))


def _attachments(report_id: int, data_key: bytes) -> list[tuple[WbsAttachment, dict]]:
    rows = db.session.scalars(select(WbsAttachment).where(WbsAttachment.report_id == report_id))
    out = [(a, _attachment_meta(report_id, data_key, a)) for a in rows]
    return sorted(out, key=lambda pair: pair[1].get("urut", 0))  # ids are random: order by the sealed index


def _entries(report: WbsReport, data_key: bytes) -> list[tuple[WbsEntry, dict]]:
    """Every entry of the report, opened and checked: each is bound to its clear columns, the order has no
    gap, and the status changes lead, one after the other, to the report's status."""
    rows = list(db.session.scalars(select(WbsEntry).where(WbsEntry.report_id == report.id)
                                   .order_by(WbsEntry.urutan)))
    out = [(e, _open_bound(data_key, e.isi, sealing.entry_aad(report.id, e), sealing.entry_aad_v1(report.id, e.id),
                           e.legacy_mac, lambda e=e: sealing.legacy_entry_mac(_pepper(), report.id, e)))
           for e in rows]
    status = "diterima"
    for e in rows:
        if e.jenis == "status":
            if e.status_dari != status:
                raise Tampered(TAMPERED)
            status = e.status_ke
    if [e.urutan for e in rows] != list(range(1, len(rows) + 1)) or len(rows) != report.entri_terakhir \
            or status != report.status:
        raise Tampered(TAMPERED)
    return out


def _mailbox(report: WbsReport, data_key: bytes) -> Mailbox:
    values = {name: sealing.open_text(data_key, getattr(report, name), sealing.field_aad(report.id, name))
              for name in SEALED_FIELDS}
    files = _attachments(report.id, data_key)
    names_by_entry: dict[str | None, list[str]] = {}
    for att, meta in files:
        names_by_entry.setdefault(att.entry_id, []).append(meta["nama"])
    entries = []
    for e, payload in _entries(report, data_key):
        if e.jenis == "catatan":  # the team's internal notes: never for the reporter
            continue
        dari = {"pelapor": N_("Anda"), "tim": N_("Tim WBS"), "status": N_("Status")}[e.jenis]
        entries.append(MailboxEntry(dari=dari, jenis=e.jenis, tanggal=e.tanggal, teks=payload.get("teks", ""),
                                    status=STATUS.get(e.status_ke) if e.status_ke else None,
                                    tujuan=TUJUAN.get(payload.get("tujuan") or ""),
                                    lampiran=names_by_entry.get(e.id, [])))
    return Mailbox(
        status=report.status, status_label=STATUS[report.status], diterima_tanggal=report.diterima_tanggal,
        jenis_label=JENIS.get(values["jenis"], values["jenis"]),
        isian=[(ELEMENT_LABELS[n], values[n]) for n in ELEMENTS if values[n]],
        kurang=[ELEMENT_LABELS[n] for n in ELEMENTS if not values[n] and n != "mengapa"],
        entri=entries, lampiran_awal=names_by_entry.get(None, []),
        terbuka=workflow.may(report, "pesan_pelapor", PELAPOR))


def open_mailbox(receipt: str) -> Mailbox:
    """The reporter's view: status, their report, the conversation. Unknown and wrong receipts get the
    same answer (NotFoundError) after the same work."""
    report, data_key = _unlock_by_receipt(receipt)
    # the reporter holds the data key now: officers enrolled since the report came get it too
    keys.sync_wraps(report, data_key)
    return _mailbox(report, data_key)


def add_reporter_message(receipt: str, text: str, files: list[storage.Clean] = (), *,
                         idempotency_key: str | None = None) -> Mailbox:
    """A message (answer, completion of missing elements) and/or evidence from the reporter."""
    text = clean_text(text)
    files = _check_files(files)
    if not text and not files:
        raise DomainError("Tulis pesan atau lampirkan berkas.", "pesan")
    if len(text) > MAX_TEXT:
        raise DomainError(N_("Pesan terlalu panjang (maksimal %(n)s karakter).", n=MAX_TEXT), "pesan")
    found, data_key = _unlock_by_receipt(receipt)
    idem = _idem_hash(idempotency_key)
    if idem and _entry_by_token(idem):
        return _mailbox(found, data_key)  # the same form sent twice
    report = _locked_report(found.id)
    if not workflow.may(report, "pesan_pelapor", PELAPOR):
        raise DomainError("Laporan ini sudah ditutup; pesan baru tidak dapat dikirim.", "pesan")
    if _append_once(report, "pelapor", data_key, {"teks": text}, idem, files=files):
        keys.sync_wraps(report, data_key)  # the team hears of it in the daily notice
    return _mailbox(report, data_key)


# --- the team's side ------------------------------------------------------------------------------

@dataclass
class CaseEntry:
    urutan: int
    jenis: str
    tanggal: date
    teks: str
    officer: str
    status_dari: str | None
    status_ke: str | None
    tujuan: str | None
    lampiran: list[tuple[str, dict]]


@dataclass
class Case:
    id: int
    status: str
    status_label: str
    sumber: str
    diterima_tanggal: date
    tenggat: dict
    jenis: str
    jenis_label: str
    isian: dict[str, str]
    identitas: str
    kurang: list[str]
    entri: list[CaseEntry]
    lampiran_awal: list[tuple[str, dict]]
    transisi: list[str]  # the statuses the officer may move it to now
    aksi: list[str]  # every action the officer may take now (workflow.MACHINE): "pesan_tim", "catatan", …
    tenggat_hari: dict[str, int]  # the deadlines in force (deadline_days)


def deadlines(report: WbsReport, today: date | None = None) -> dict:
    """Acknowledgement and verification (working days, fixed at receipt) and feedback every so many days
    (settings: deadline_days); `lewat` = overdue."""
    today = today or local_today()
    is_open = report.status not in CLOSED
    ack_done = report.diakui_tanggal
    ver_done = report.diverifikasi_tanggal
    feedback_due = ((report.umpan_balik_tanggal or report.diterima_tanggal)
                    + timedelta(days=deadline_days()["umpan_balik"]))
    return {
        "pengakuan": {"batas": report.batas_pengakuan, "selesai": ack_done,
                      "lewat": _late(ack_done, report.batas_pengakuan, today, is_open)},
        "verifikasi": {"batas": report.batas_verifikasi, "selesai": ver_done,
                       "lewat": _late(ver_done, report.batas_verifikasi, today, is_open)},
        "umpan_balik": {"batas": feedback_due if is_open else None, "selesai": report.umpan_balik_tanggal,
                        "lewat": is_open and today > feedback_due},
    }


def _late(done: date | None, due: date, today: date, is_open: bool) -> bool:
    return done > due if done else is_open and today > due


def next_deadline(report: WbsReport, today: date | None = None) -> tuple[str, date] | None:
    """The most urgent open deadline (label, date), for the queue."""
    if report.status in CLOSED:
        return None
    d = deadlines(report, today)
    pending = []
    if not report.diakui_tanggal:
        pending.append((N_("Pengakuan"), d["pengakuan"]["batas"]))
    if not report.diverifikasi_tanggal:
        pending.append((N_("Verifikasi"), d["verifikasi"]["batas"]))
    pending.append((N_("Umpan balik"), d["umpan_balik"]["batas"]))
    return min(pending, key=lambda p: p[1])


# --- who may see what -----------------------------------------------------------------------------

def _team_only(user: User) -> None:
    if not (user.aktif and user.has_role(Role.tim_wbs)):
        raise NotAllowed("Hanya anggota Tim WBS yang dapat membuka laporan WBS; pimpinan dan admin melihat "
                         "jumlahnya saja.")


def get_visible(report_id: int, user: User, *, lock: bool = False) -> WbsReport:
    """The report (still sealed) if `user` may open it: an active Tim WBS member whose own active key has
    the report's data key wrapped to it. Admin and pimpinan see counts only (`summary`, wbs.queries)."""
    _team_only(user)
    report = _locked_report(report_id) if lock else db.session.get(WbsReport, report_id)
    if report is None:
        raise NotFoundError("Laporan WBS tidak ditemukan.")
    if not keys.can_open(report.id, keys.officer_key(user)):
        raise NotAllowed(keys.NO_ACCESS)
    return report


def _officer_data_key(report_id: int, user: User, key: WbsKey, private: bytes, *,
                      lock: bool = False) -> tuple[WbsReport, bytes]:
    report = get_visible(report_id, user, lock=lock)
    if key.user_id != user.id:
        raise NotAllowed(keys.NO_ACCESS)
    return report, keys.data_key(report, key, private)


def queue(user: User) -> list[dict]:
    """All reports (open first, most urgent first), without content, for the team; `akses` = the
    officer's key can read it."""
    _team_only(user)
    today = local_today()
    key = keys.officer_key(user)
    readable = set()
    if key is not None:
        readable = set(db.session.scalars(select(WbsKeyWrap.report_id).where(WbsKeyWrap.key_id == key.id)))
    rows = []
    for r in db.session.scalars(select(WbsReport)):
        nd = next_deadline(r, today)
        rows.append({"id": r.id, "status": r.status, "status_label": STATUS[r.status],
                     "diterima_tanggal": r.diterima_tanggal, "tenggat": nd,
                     "lewat": bool(nd and nd[1] < today), "akses": r.id in readable,
                     "ditutup_tanggal": r.ditutup_tanggal})
    rows.sort(key=lambda x: (x["status"] in CLOSED, x["tenggat"][1] if x["tenggat"] else date.max,
                             -x["diterima_tanggal"].toordinal(), x["id"]))
    return rows


# --- the team's side ------------------------------------------------------------------------------

def open_case(report_id: int, user: User, key: WbsKey, private: bytes, *, purpose: str = "buka") -> Case:
    """Decrypt a case in memory for an officer of the team (audited, without content)."""
    report, data_key = _officer_data_key(report_id, user, key, private)
    values = {name: sealing.open_text(data_key, getattr(report, name), sealing.field_aad(report.id, name))
              for name in SEALED_FIELDS}
    files = _attachments(report.id, data_key)
    by_entry: dict[str | None, list[tuple[str, dict]]] = {}
    for att, meta in files:
        by_entry.setdefault(att.entry_id, []).append((att.id, meta))
    entries = []
    for e, payload in _entries(report, data_key):
        entries.append(CaseEntry(urutan=e.urutan, jenis=e.jenis, tanggal=e.tanggal, teks=payload.get("teks", ""),
                                 officer=e.officer.nama if e.officer else "",
                                 status_dari=e.status_dari, status_ke=e.status_ke,
                                 tujuan=TUJUAN.get(payload.get("tujuan") or ""),
                                 lampiran=by_entry.get(e.id, [])))
    audit.record(f"wbs.kasus.{purpose}", "wbs_laporan", report.id, actor=user)
    role = workflow.role_of(user)
    return Case(id=report.id, status=report.status, status_label=STATUS[report.status], sumber=report.sumber,
                diterima_tanggal=report.diterima_tanggal, tenggat=deadlines(report),
                jenis=values["jenis"], jenis_label=JENIS.get(values["jenis"], values["jenis"]),
                isian={n: values[n] for n in ELEMENTS}, identitas=values["identitas"],
                kurang=[ELEMENT_LABELS[n] for n in ELEMENTS if not values[n] and n != "mengapa"],
                entri=entries, lampiran_awal=by_entry.get(None, []),
                transisi=workflow.status_changes(report.status, role),
                aksi=workflow.MACHINE.actions_for(report.status, role), tenggat_hari=deadline_days())


def read_attachment(report_id: int, attachment_id: str, user: User, key: WbsKey, private: bytes) -> tuple[dict, bytes]:
    report, data_key = _officer_data_key(report_id, user, key, private)
    att = db.session.get(WbsAttachment, attachment_id)
    if att is None or att.report_id != report.id:
        raise NotFoundError("Lampiran tidak ditemukan.")
    meta = _attachment_meta(report.id, data_key, att)
    data = crypto.aead_decrypt(data_key, storage.read_bytes(_upload_folder(), att.stored_name),
                               sealing.file_aad(report.id, att.id))
    audit.record("wbs.lampiran.unduh", "wbs_laporan", report.id, {"lampiran": att.id}, actor=user)
    return meta, data


def add_team_message(report_id: int, user: User, key: WbsKey, private: bytes, text: str, *,
                     internal: bool = False, idempotency_key: str | None = None) -> None:
    """A message to the reporter (counts as acknowledgement and feedback) or an internal note."""
    text = clean_text(text)
    if not text:
        raise DomainError("Pesan tidak boleh kosong.", "teks")
    _too_long(text, "teks")
    idem = _idem_hash(idempotency_key)
    if idem and _entry_by_token(idem):
        return  # the same form sent twice
    report, data_key = _officer_data_key(report_id, user, key, private, lock=True)
    if not workflow.may(report, "catatan" if internal else "pesan_tim", workflow.role_of(user)):
        raise DomainError("Laporan sudah ditutup; pesan kepada pelapor tidak dapat dikirim lagi.", "teks")
    jenis = "catatan" if internal else "tim"  # an entry's kind: the reporter never sees a "catatan"
    if not _append_once(report, jenis, data_key, {"teks": text}, idem, officer=user):
        return
    if not internal:
        today = local_today()
        report.diakui_tanggal = report.diakui_tanggal or today
        report.umpan_balik_tanggal = today
    audit.record("wbs.catatan" if internal else "wbs.pesan_tim", "wbs_laporan", report.id, actor=user)


def change_status(report_id: int, user: User, key: WbsKey, private: bytes, to: str, alasan: str,
                  tujuan: str | None = None) -> None:
    """A status change with its reason (sealed, shown to the reporter); forwarding records where to."""
    alasan = clean_text(alasan)
    _too_long(alasan, "alasan")
    report, data_key = _officer_data_key(report_id, user, key, private, lock=True)
    workflow.check_status_change(report.status, to, workflow.role_of(user), alasan, tujuan)
    payload = {"teks": alasan, "tujuan": tujuan if workflow.forwards(report.status, to) else None}
    _next_entry(report, "status", data_key, payload, officer=user, status_dari=report.status, status_ke=to)
    today = local_today()
    report.diakui_tanggal = report.diakui_tanggal or today
    report.umpan_balik_tanggal = today  # the reporter sees the change and its reason
    if report.status in ("diterima", "verifikasi") and to != "verifikasi":
        report.diverifikasi_tanggal = report.diverifikasi_tanggal or today
    if to in CLOSED:
        report.ditutup_tanggal = today
    audit.record("wbs.status", "wbs_laporan", report.id, {"dari": report.status, "ke": to}, actor=user)
    report.status = to


def export_pdf(report_id: int, user: User, key: WbsKey, private: bytes) -> bytes:
    """One case as a printed PDF for the investigators (audited; the PDF is built in memory only)."""
    from core.documents import letterhead, render_html, render_pdf
    from core.workdays import format_tanggal

    case = open_case(report_id, user, key, private, purpose="ekspor")
    ctx = {"case": case, "kop": letterhead(), "labels": ELEMENT_LABELS, "status": STATUS,
           "dicetak": format_tanggal(local_today()), "oleh": user.nama,
           "fmt": format_tanggal}
    return render_pdf(render_html("wbs_kasus.html", ctx))


# --- retention ------------------------------------------------------------------------------------

def purge(today: date | None = None, retention_days: int | None = None) -> int:
    """Destroy closed reports older than the retention period: wraps, sealed rows and sealed files.
    Idempotent; leaves one audit line with the count only."""
    today = today or local_today()
    days = retention_days if retention_days is not None else current_app.config["WBS_RETENTION_DAYS"]
    cutoff = today - timedelta(days=days)
    ids = list(db.session.scalars(select(WbsReport.id).where(WbsReport.status.in_(CLOSED),
                                                             WbsReport.ditutup_tanggal < cutoff)))
    if not ids:
        return 0
    names = list(db.session.scalars(select(WbsAttachment.stored_name).where(WbsAttachment.report_id.in_(ids))))
    # keys first: without its wraps a report's ciphertext is unreadable even if a copy survives
    db.session.execute(delete(WbsKeyWrap).where(WbsKeyWrap.report_id.in_(ids)))
    db.session.execute(delete(WbsAttachment).where(WbsAttachment.report_id.in_(ids)))
    db.session.execute(delete(WbsEntry).where(WbsEntry.report_id.in_(ids)))
    db.session.execute(delete(WbsReport).where(WbsReport.id.in_(ids)))
    audit.record("wbs.purge", "wbs", "", {"jumlah": len(ids), "retensi_hari": days})
    # the files go once the purge is committed: a purge rolled back must not lose files of kept reports
    on_commit(partial(_discard, names))
    return len(ids)


def summary() -> dict:
    """Counts for the dashboard card (no content; safe for admin and pimpinan)."""
    today = local_today()
    open_reports = list(db.session.scalars(select(WbsReport).where(WbsReport.status.not_in(CLOSED))))
    late = sum(1 for r in open_reports if (nd := next_deadline(r, today)) and nd[1] < today)
    return {"terbuka": len(open_reports), "lewat": late}

