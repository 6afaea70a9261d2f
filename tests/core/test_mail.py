"""The e-mail channel of the Outbox sender against a real SMTP server on 127.0.0.1 (aiosmtpd): crashes around
the send, refused recipients, the server down then up, header injection, two senders, a backlog, and the
channel off until configured. No message leaves the machine."""
from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from core.delivery import LEASE_SECONDS, Sender
from core.extensions import db
from core.mail import EmailChannel, Refused, enqueue_email
from core.models import Outbox
from core.outbox import enqueue
from core.workdays import utcnow


@pytest.fixture
def app_config(smtp):
    return smtp.config()


def _queue(n: int, prefix: str = "uji", to: str = "warga{i}@contoh.id") -> None:
    for i in range(n):
        enqueue_email(to.format(i=i), f"Pesan {i}", f"Isi pesan {i}.", f"{prefix}:{i}", link="/pengaduan/lacak")
    db.session.commit()


def drain(app, **kwargs):
    """One sender with a fresh channel, drained, its connection closed."""
    channel = EmailChannel(app)
    try:
        return Sender(app, [channel], **kwargs).drain()
    finally:
        channel.close()


@pytest.fixture
def channel(app):
    channels = []

    def make():
        channels.append(EmailChannel(app))
        return channels[-1]

    yield make
    for c in channels:
        c.close()


def _later(seconds: float):
    return lambda: utcnow() + timedelta(seconds=seconds)


def _row(key: str) -> Outbox:
    db.session.expire_all()
    return db.session.scalar(select(Outbox).where(Outbox.dedup_key == key))


class Crash(BaseException):
    """The process dies here (not an exception the loop would catch)."""


def test_plain_text_and_html_with_the_office_name_and_link(app_ctx, smtp):
    from core.settings import set_setting

    set_setting("kantor", {"nama": "Perwakilan BKKBN <Sumsel>", "nama_singkat": "ZI Lapor"})
    _queue(1)
    stats = drain(app_ctx)
    assert stats.sent == 1
    (got,) = smtp.received
    assert got.rcpt_tos == ["warga0@contoh.id"] and got.mail_from == "lapor@kantor.contoh.go.id"
    msg = got.message
    assert msg["Subject"] == "Pesan 0" and msg["Auto-Submitted"] == "auto-generated"
    assert msg["From"].addresses[0].display_name == "Perwakilan BKKBN <Sumsel>"
    plain = msg.get_body(("plain",)).get_content()
    page = msg.get_body(("html",)).get_content()
    assert "Isi pesan 0." in plain and "https://lapor.contoh.go.id/pengaduan/lacak" in plain
    assert "Yth. Bapak/Ibu," in plain and "mohon tidak membalas" in plain
    assert 'href="https://lapor.contoh.go.id/pengaduan/lacak"' in page
    assert "Perwakilan BKKBN &lt;Sumsel&gt;" in page  # escaped, not markup
    assert _row("uji:0").sent_at is not None


def test_a_crash_between_send_and_mark_sends_once_more_with_the_same_message_id(app_ctx, smtp, channel):
    _queue(1)

    class DiesBeforeMark(Sender):
        def _mark(self, *args, **kwargs):
            raise Crash

    with pytest.raises(Crash):
        DiesBeforeMark(app_ctx, [channel()]).run_once()
    assert len(smtp.received) == 1 and _row("uji:0").sent_at is None
    # the claim has expired: a new sender sends it again, and only once
    after = Sender(app_ctx, [channel()], now=_later(LEASE_SECONDS + 1))
    assert after.drain().sent == 1
    assert after.drain().claimed == 0
    first, second = (r.message for r in smtp.received)
    assert len(smtp.received) == 2 and first["Message-ID"] == second["Message-ID"]
    assert _row("uji:0").sent_at is not None


def test_a_crash_before_the_send_loses_nothing(app_ctx, smtp):
    _queue(3)

    class DiesBeforeSending:
        name = "email"

        def send(self, d):
            raise Crash

    with pytest.raises(Crash):
        Sender(app_ctx, [DiesBeforeSending()]).run_once()
    assert smtp.received == []
    assert drain(app_ctx, now=_later(LEASE_SECONDS + 1)).sent == 3
    assert sorted(r.rcpt_tos[0] for r in smtp.received) == [f"warga{i}@contoh.id" for i in range(3)]


def test_a_refused_recipient_is_given_up_not_retried(app_ctx, smtp):
    smtp.handler.refuse["tidakada@contoh.id"] = "550 5.1.1 Mailbox does not exist"
    smtp.handler.refuse["penuh@contoh.id"] = "452 4.2.2 Mailbox full"
    enqueue_email("tidakada@contoh.id", "Halo", "Teks.", "uji:tolak")
    enqueue_email("penuh@contoh.id", "Halo", "Teks.", "uji:penuh")
    _queue(1)
    stats = drain(app_ctx)
    assert (stats.sent, stats.failed, stats.retried) == (1, 1, 1)
    refused, full = _row("uji:tolak"), _row("uji:penuh")
    assert refused.failed_at is not None and "550" in refused.last_error
    assert full.failed_at is None and full.attempts == 1 and "452" in full.last_error  # 4xx: later, with backoff
    # days later: the refused address is not tried again; the full mailbox is
    assert drain(app_ctx, now=_later(7200)).failed == 0
    assert _row("uji:tolak").attempts == 1


def test_the_server_down_then_up(app_ctx, smtp, channel):
    _queue(5)
    smtp.stop()
    try:
        down = channel()
        stats = Sender(app_ctx, [down]).drain()
        assert stats.sent == 0 and stats.failed == 0 and stats.retried == 1 and stats.released == 4
        rows = db.session.scalars(select(Outbox)).all()
        db.session.expire_all()
        assert all(r.sent_at is None and r.failed_at is None and r.attempts == 0 for r in rows)  # not their fault
        # the channel pauses instead of timing out on each row
        again = Sender(app_ctx, [down])
        again.pause("email", down._down_pause)
        assert down._down_pause >= 5 and again.run_once().claimed == 0
    finally:
        smtp.start()
    stats = drain(app_ctx, now=_later(3600))
    assert stats.sent == 5 and len(smtp.received) == 5


def test_a_server_that_answers_nothing_times_out_and_the_rows_wait(app_ctx):
    import socket
    import time

    _queue(3)
    with socket.socket() as silent:  # accepts the connection, never says hello
        silent.bind(("127.0.0.1", 0))
        silent.listen(5)
        app_ctx.config.update(SMTP_PORT=silent.getsockname()[1], SMTP_TIMEOUT=0.5)
        t0 = time.monotonic()
        stats = drain(app_ctx)
        assert time.monotonic() - t0 < 5  # one timeout, then the channel pauses: not one per row
    assert (stats.sent, stats.failed, stats.retried) == (0, 0, 1)
    db.session.expire_all()
    rows = db.session.scalars(select(Outbox)).all()
    assert all(r.sent_at is None and r.failed_at is None for r in rows) and "server SMTP" in rows[0].last_error


def test_line_breaks_in_headers_are_refused(app_ctx, smtp):
    with pytest.raises(Refused):
        enqueue_email("warga@contoh.id", "Halo\r\nBcc: korban@luar.example", "Teks.", "uji:subjek")
    # rows written by older callers (plain text) and a poisoned address are checked again when sent
    enqueue("email", "warga@contoh.id\r\nBcc: korban@luar.example", "Teks.", "uji:alamat")
    enqueue("email", "warga@contoh.id", "Halo\nBcc: korban@luar.example\n\nTeks", "uji:teks")
    enqueue("email", "bukan-alamat", "Teks.", "uji:bukan")
    from core.settings import set_setting

    set_setting("kantor", {"nama": "Kantor\r\nBcc: korban@luar.example"})  # a name: folded to one line
    enqueue_email("warga@contoh.id", "Halo", "Teks.", "uji:nama")
    db.session.commit()
    stats = drain(app_ctx)
    assert (stats.sent, stats.failed) == (1, 3)
    (got,) = smtp.received
    assert got.rcpt_tos == ["warga@contoh.id"] and got.message["Bcc"] is None
    assert got.message["From"].addresses[0].display_name == "Kantor Bcc: korban@luar.example"
    assert "header" in _row("uji:teks").last_error and "alamat" in _row("uji:alamat").last_error


def test_two_senders_at_once_send_no_row_twice(app_ctx, smtp):
    _queue(300)
    done = []

    def run():
        done.append(drain(app_ctx, batch=20))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert sum(s.sent for s in done) == 300
    ids = [r.message["Message-ID"] for r in smtp.received]
    assert len(ids) == 300 and len(set(ids)) == 300
    assert db.session.scalar(select(func.count(Outbox.id)).where(Outbox.sent_at.is_(None))) == 0


def test_flask_outbox_kirim_drains_a_backlog_in_batches(app, smtp):
    with app.app_context():
        _queue(250)
        c = EmailChannel(app)
        first = Sender(app, [c]).run_once()  # one batch, not the whole backlog
        c.close()
        assert first.claimed == 100
    result = app.test_cli_runner().invoke(args=["outbox", "kirim"])
    assert result.exit_code == 0, result.output
    assert "Terkirim 150" in result.output and len(smtp.received) == 250
    status = app.test_cli_runner().invoke(args=["outbox", "status"])
    assert "email: menunggu 0, gagal 0" in status.output


def test_off_until_configured_rows_wait_and_the_dashboard_counts_them(app, smtp, login_as):
    app.config["SMTP_HOST"] = None
    with app.app_context():
        _queue(4)
    result = app.test_cli_runner().invoke(args=["outbox", "kirim"])
    assert "kabar tetap menunggu" in result.output and smtp.received == []
    page = login_as("admin").get("/admin/").get_data(as_text=True)
    assert "Surel menunggu dikirim" in page and "SMTP_HOST" in page
    assert ">4<" in page.replace(" ", "").replace("\n", "")


def test_the_wbs_team_alert_is_content_free_at_a_fixed_hour_and_each_member_may_switch_it_off(app, smtp):
    from datetime import datetime

    from core.workdays import JAKARTA, local_today
    from tests.wbs.helpers import make_officer
    from tests.wbs.helpers import submit as wbs_submit

    with app.app_context():
        keen, quiet = make_officer(), make_officer()
        quiet.kabar_surel = False
        db.session.commit()
        keen_email, quiet_email = keen.email, quiet.email
        wbs_submit()
        db.session.execute(Outbox.__table__.delete())  # the key notices of the team's set-up
        db.session.commit()
    today = local_today()
    assert app.test_cli_runner().invoke(args=["wbs", "kabar-harian", "--tanggal", today.isoformat()]).exit_code == 0
    hour = datetime.combine(today + timedelta(days=2), datetime.min.time(), JAKARTA)
    with app.app_context():
        assert drain(app).sent == 0  # not before the fixed hour of the next day
        assert drain(app, now=lambda: hour).sent == 1
    (got,) = smtp.received
    assert got.rcpt_tos == [keen_email] and quiet_email not in str(got.raw)
    msg = got.message
    from wbs.service import DAILY_NOTICE

    assert msg["Subject"] == "Ada laporan atau pesan baru di WBS." and DAILY_NOTICE in msg.get_body(("plain",)).get_content()
    assert msg.get_body(("plain",)).get_content().count("\n") < 12  # the alert, a greeting, the office; nothing else
