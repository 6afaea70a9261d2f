"""E-mail, the Outbox's second channel (core.delivery): what a message looks like, who among the officers gets
one, and the SMTP plug-in (the standard library's smtplib).

A row's body is JSON written by `enqueue_email` (subject, text, language, a path on the site); an older
plain-text body (the WBS key notices, the gratifikasi messages) is sent as it is, its first sentence as
the subject. The message is built when it is sent, with the office's name and the site's address then;
its `Message-ID` comes from the row alone, so a re-send after a crash carries the same one and mail
clients fold the two.

Off until SMTP_HOST and MAIL_FROM are set: the rows wait, and the administrator's dashboard counts them.
"""
from __future__ import annotations

import hashlib
import hmac
import html
import json
import logging
import re
import smtplib
import ssl
import time
from contextlib import contextmanager
from email.message import EmailMessage
from email.utils import formataddr, formatdate
from typing import Iterator

from flask import Flask
from sqlalchemy import func, select

from core.delivery import Delivery, Outcome
from core.extensions import db
from core.models import Outbox, Role, User, UserRole
from core.outbox import enqueue
from core.registry import CardValue
from core.officecache import cached
from core.settings import get_setting, office

log = logging.getLogger(__name__)

# an address the way a form takes it: one local part, one domain with a dot, nothing that splits a header
_ADDRESS = re.compile(r"^[^@\s<>,;:\"()\[\]\\]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?\.[A-Za-z]{2,63}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\x85]")
SUBJECT_MAX = 150

# officers' own alerts: the office default per role (settings page), each officer may switch theirs off
ALERT_ROLES = (Role.petugas_pengaduan, Role.unit, Role.upg, Role.tim_wbs)
SETTINGS = {"kabar_surel": {r.value: True for r in ALERT_ROLES}}

FOOTER = {
    "id": "Pesan ini dikirim otomatis oleh %(layanan)s; mohon tidak membalas surel ini.",
    "en": "This message was sent automatically by %(layanan)s; please do not reply to it.",
}
GREETING = {"id": "Yth. Bapak/Ibu,", "en": "Dear Sir or Madam,"}
OPEN_LINK = {"id": "Buka", "en": "Open"}


class Refused(ValueError):
    """A message that must not go out as it is (a header would be split, the address is not one)."""


def valid_address(address: str) -> bool:
    return bool(address) and len(address) <= 254 and bool(_ADDRESS.match(address))


def safe_header(value: str) -> str:
    """`value` for a header, or Refused: a line break (or any control character) in a name or a subject
    would add headers of the sender's choosing."""
    if _CONTROL.search(value or ""):
        raise Refused("header ditolak: berisi baris baru atau karakter kendali")
    return value


def enqueue_email(recipient: str, subject: str, text: str, dedup_key: str, *, lang: str = "id",
                  link: str = "", **kwargs) -> Outbox | None:
    """Queue one e-mail (core.outbox.enqueue): `text` is plain text in `lang` ("id"/"en"), `link` a path on the
    public site ("/pengaduan/lacak") that is written out in full when sent. The subject is checked now too,
    so a caller that put a line break in it learns at once."""
    safe_header(subject)
    body = json.dumps({"subjek": subject[:SUBJECT_MAX], "teks": text, "bahasa": lang if lang == "en" else "id",
                       "tautan": link}, ensure_ascii=False)
    return enqueue("email", recipient, body, dedup_key, **kwargs)


def alert_addresses(role: Role | str, *, unit_id: int | None = None, skip: int | None = None) -> list[tuple[int, str]]:
    """(user id, address) of the active holders of `role` (of one unit) who get e-mail alerts: their own
    choice, else the office's default for the role. Inside an app context. Kept with the office's settings
    (core.officecache): every new complaint asks, an account changes seldom."""
    role = getattr(role, "value", role)
    wanted = cached(f"alerts:{role}:{unit_id}", lambda: _alert_addresses(role, unit_id))
    return [(uid, email) for uid, email in wanted if uid != skip]


def _alert_addresses(role: str, unit_id: int | None) -> list[tuple[int, str]]:
    default = bool((get_setting("kabar_surel") or {}).get(role, True))
    q = (select(User.id, User.email, User.kabar_surel).join(UserRole, UserRole.user_id == User.id)
         .where(UserRole.role == role, User.aktif).order_by(User.id))
    if unit_id is not None:
        q = q.where(User.unit_id == unit_id)
    # on the session's connection: the accounts are not what this unit of work is writing, so no flush first
    return [(uid, email) for uid, email, own in db.session.connection().execute(q)
            if email and (default if own is None else own)]


def alert_officers(role: Role | str, subject: str, text: str, key: str, *, link: str = "",
                   unit_id: int | None = None, skip: int | None = None) -> int:
    """One alert to each officer of `role` who wants it; `key` is suffixed with the user id. Returns rows queued."""
    return sum(enqueue_email(address, subject, text, f"{key}:u{uid}", link=link) is not None
               for uid, address in alert_addresses(role, unit_id=unit_id, skip=skip))


def failures(prefix: str) -> list[Outbox]:
    """E-mails given up on whose key starts with `prefix` (e.g. "pengaduan:12:"), newest first: the officer
    sees them on the case page."""
    q = (select(Outbox).where(Outbox.channel == "email", Outbox.failed_at.is_not(None),
                              Outbox.dedup_key.startswith(prefix, autoescape=True))
         .order_by(Outbox.id.desc()).limit(20))
    return list(db.session.scalars(q))


# --- the message --------------------------------------------------------------------------------------------

def parse(body: str) -> dict:
    try:
        data = json.loads(body)
    except ValueError:
        data = None
    if not isinstance(data, dict) or "teks" not in data:
        text = str(body or "").strip()
        first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
        data = {"subjek": first, "teks": text, "bahasa": "id", "tautan": ""}
    data["subjek"] = " ".join(str(data.get("subjek") or "").split(" "))[:SUBJECT_MAX]
    data["bahasa"] = "en" if data.get("bahasa") == "en" else "id"
    return data


def message_id(app_secret: bytes, d: Delivery, domain: str) -> str:
    """The same for every send of one row; names no case, no date (a keyed hash of the row)."""
    tag = hmac.new(app_secret, f"outbox:{d.id}:{d.dedup_key}".encode(), hashlib.sha256).hexdigest()[:24]
    return f"<{tag}.{d.id}@{domain}>"


def compose(d: Delivery, *, sender: str, office_name: str, service_name: str, site: str,
            secret: bytes) -> EmailMessage:
    address = d.recipient.strip()
    if not valid_address(address) or _CONTROL.search(d.recipient):
        raise Refused("alamat surel tidak sah")
    data = parse(d.body)
    lang = data["bahasa"]
    subject = safe_header(data["subjek"])
    office_name = safe_header(" ".join(office_name.split()))
    text = str(data["teks"]).strip()
    url = site + data["tautan"] if site and str(data.get("tautan") or "").startswith("/") else ""
    footer = FOOTER[lang] % {"layanan": service_name}

    msg = EmailMessage()
    msg["From"] = formataddr((office_name, sender))
    msg["To"] = address
    msg["Subject"] = subject
    msg["Message-ID"] = message_id(secret, d, sender.rpartition("@")[2])
    msg["Date"] = formatdate(usegmt=True)
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to this
    plain = [GREETING[lang], "", text]
    if url:
        plain += ["", url]
    plain += ["", "--", office_name, footer]
    msg.set_content("\n".join(plain) + "\n")
    paragraphs = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in text.split("\n\n") if p)
    link = (f'<p><a href="{html.escape(url, quote=True)}">{OPEN_LINK[lang]}: {html.escape(url)}</a></p>'
            if url else "")
    msg.add_alternative(
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(subject)}</title>'
        f'</head><body style="font-family:sans-serif;max-width:36em;line-height:1.5">'
        f"<p>{GREETING[lang]}</p>{paragraphs}{link}<hr><p><strong>{html.escape(office_name)}</strong><br>"
        f"<small>{html.escape(footer)}</small></p></body></html>\n", subtype="html")
    msg["Content-Language"] = lang  # after the parts: making it multipart moves Content-* headers into them
    return msg


# --- the channel ----------------------------------------------------------------------------------------------

def configured(config) -> bool:
    return bool(config.get("SMTP_HOST") and config.get("MAIL_FROM"))


class EmailChannel:
    """Sends through one SMTP connection kept open between messages (opened again when it drops).

    The server's answers map onto the sender's outcomes: a recipient refused with 5xx (no such mailbox, a bad
    address) → given up, shown to the officer; 4xx → retried with backoff; the server down, slow or
    refusing us (connection, timeout, login, sender) → retried without counting against the row, and the
    channel pauses (5 s doubling to 5 min) so the rest of the batch waits instead of timing out one by one.
    """

    name = "email"

    def __init__(self, app: Flask, *, refresh: float = 60.0):
        cfg = app.config
        self.app = app
        self.host, self.port = cfg["SMTP_HOST"], int(cfg.get("SMTP_PORT") or 25)
        self.user, self.password = cfg.get("SMTP_USER"), cfg.get("SMTP_PASSWORD")
        self.use_ssl = bool(cfg.get("SMTP_SSL"))
        self.starttls = bool(cfg.get("SMTP_STARTTLS")) and not self.use_ssl
        self.timeout = float(cfg.get("SMTP_TIMEOUT") or 20)
        self.sender = safe_header(cfg["MAIL_FROM"])
        if not valid_address(self.sender):
            raise Refused("MAIL_FROM bukan alamat surel yang sah")
        self.secret = cfg["SECRET_KEY"]
        self.refresh = refresh
        self._conn: smtplib.SMTP | None = None
        self._down_pause = 0.0
        self._office: tuple[float, dict] = (0.0, {})

    # the office's name and the site's address, read again every `refresh` seconds (a worker runs for days)
    def _identity(self) -> dict:
        at, value = self._office
        if not value or time.monotonic() - at > self.refresh:
            with self.app.app_context():
                kantor = office()
                site = (self.app.config.get("PUBLIC_URL") or kantor.get("situs") or "").strip().rstrip("/")
                value = {"office_name": kantor.get("nama") or "", "service_name": kantor.get("nama_singkat") or "",
                         "site": site if site.startswith(("https://", "http://")) else ""}
                db.session.remove()
            self._office = (time.monotonic(), value)
        return value

    def _connect(self) -> smtplib.SMTP:
        context = ssl.create_default_context()
        if self.use_ssl:
            conn = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=context)
        else:
            conn = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            if self.starttls:
                conn.starttls(context=context)
        if self.user:
            conn.login(self.user, self.password or "")
        return conn

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.quit()
            except (OSError, smtplib.SMTPException):
                conn.close()

    idle = close  # nothing to send for now (core.delivery): no connection held open meanwhile

    def _down(self, error: str) -> Outcome:
        self.close()
        self._down_pause = min(300.0, max(5.0, self._down_pause * 2))
        return Outcome.retry(error, pause=self._down_pause, counts=False)

    def send(self, d: Delivery) -> Outcome:
        try:
            msg = compose(d, sender=self.sender, secret=self.secret, **self._identity())
        except Refused as exc:
            return Outcome.give_up(str(exc))
        address = msg["To"]
        for fresh in (False, True):
            try:
                if self._conn is None:
                    self._conn, fresh = self._connect(), True
                self._conn.send_message(msg, from_addr=self.sender, to_addrs=[address])
            except smtplib.SMTPRecipientsRefused as exc:
                code, reply = next(iter(exc.recipients.values()), (0, b""))
                return self._refused(code, reply)
            except smtplib.SMTPDataError as exc:
                return self._refused(exc.smtp_code, exc.smtp_error)
            except smtplib.SMTPServerDisconnected:
                self.close()
                if not fresh:  # the kept connection had gone stale: once more on a new one
                    continue
                return self._down("server SMTP memutus sambungan")
            except smtplib.SMTPSenderRefused as exc:
                return self._down(f"{exc.smtp_code}: pengirim (MAIL_FROM) ditolak server")
            except smtplib.SMTPAuthenticationError as exc:
                return self._down(f"{exc.smtp_code}: login SMTP ditolak")
            except (OSError, smtplib.SMTPException) as exc:  # refused, unreachable, timed out (slow), TLS
                return self._down(f"server SMTP tidak dapat dihubungi: {type(exc).__name__}")
            self._down_pause = 0.0
            return Outcome.sent()
        return self._down("server SMTP memutus sambungan")  # pragma: no cover - the loop returns

    @staticmethod
    def _refused(code: int, reply) -> Outcome:
        reply = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
        error = f"{code}: {reply}"[:200]
        if 500 <= code < 600:  # permanent: the same address will be refused tomorrow
            return Outcome.give_up(f"alamat ditolak server ({error})")
        return Outcome.retry(error)


@contextmanager
def open_channel(app: Flask) -> Iterator[EmailChannel | None]:
    """The e-mail channel for `flask outbox kirim`, or None when SMTP is not configured."""
    if not configured(app.config):
        yield None
        return
    channel = EmailChannel(app)
    try:
        yield channel
    finally:
        channel.close()


# --- the dashboard --------------------------------------------------------------------------------------------

def card() -> CardValue:
    from flask import current_app
    from flask_babel import gettext as _

    open_rows = (Outbox.channel == "email", Outbox.sent_at.is_(None))
    waiting = db.session.scalar(select(func.count(Outbox.id)).where(*open_rows, Outbox.failed_at.is_(None))) or 0
    failed = db.session.scalar(select(func.count(Outbox.id)).where(*open_rows, Outbox.failed_at.is_not(None))) or 0
    if not configured(current_app.config):
        return CardValue(_("Surel menunggu dikirim"), waiting,
                         _("Pengiriman surel belum diatur (SMTP_HOST, MAIL_FROM): surel menunggu."), warning=waiting > 0)
    note = _("%(n)s gagal terkirim", n=failed) if failed else _("tidak ada yang gagal")
    return CardValue(_("Surel menunggu dikirim"), waiting, note, warning=bool(failed))
