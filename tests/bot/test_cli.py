"""`flask bot …` commands."""
from __future__ import annotations

from core import outbox
from core.extensions import db
from core.models import Outbox
from core.settings import get_setting


def test_run_without_a_token_says_so(runner):
    result = runner.invoke(args=["bot", "run"])
    assert result.exit_code != 0 and "TELEGRAM_BOT_TOKEN belum diatur" in result.output


def test_atur_sets_the_group_and_site(app, runner):
    result = runner.invoke(args=["bot", "atur", "--grup", "-1001234", "--situs", "https://lapor.contoh.go.id/"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert get_setting("bot") == {"grup_petugas": "-1001234", "alamat_situs": "https://lapor.contoh.go.id"}
    assert runner.invoke(args=["bot", "atur", "--grup", "grup-kami"]).exit_code != 0


def test_kirim_drains_the_telegram_outbox_once(app, runner, api):
    app.config.update(TELEGRAM_BOT_TOKEN=api.token, TELEGRAM_API_BASE_URL=api.base_url)
    with app.app_context():
        outbox.enqueue("telegram", "6200001", "Status pengaduan PGD-2026-000001 kini: Diverifikasi.", "uji:cli:1")
        outbox.enqueue("email", "pelapor@contoh.id", "bukan urusan bot", "uji:cli:2")
        db.session.commit()
    result = runner.invoke(args=["bot", "kirim"])
    assert result.exit_code == 0, result.output
    assert "Terkirim 1" in result.output
    assert api.texts(6200001) == ["Status pengaduan PGD-2026-000001 kini: Diverifikasi."]
    with app.app_context():
        email = db.session.query(Outbox).filter_by(channel="email").one()
        assert email.sent_at is None  # another channel's rows wait for their own sender


def test_flask_outbox_kirim_drains_telegram_and_email_in_one_loop(app, runner, api):
    from tests.smtp_server import SmtpServer

    smtp = SmtpServer().start()
    try:
        app.config.update(TELEGRAM_BOT_TOKEN=api.token, TELEGRAM_API_BASE_URL=api.base_url, **smtp.config())
        with app.app_context():
            outbox.enqueue("telegram", "6200002", "Status pengaduan PGD-2026-000002 kini: Diverifikasi.", "uji:cli:3")
            outbox.enqueue("email", "pelapor@contoh.id", "Status pengaduan PGD-2026-000002 kini: Diverifikasi.",
                           "uji:cli:4")
            db.session.commit()
        result = runner.invoke(args=["outbox", "kirim"])
        assert result.exit_code == 0, result.output
        assert "Kanal: email, telegram" in result.output and "Terkirim 2" in result.output
        assert api.texts(6200002) == ["Status pengaduan PGD-2026-000002 kini: Diverifikasi."]
        assert [r.rcpt_tos for r in smtp.received] == [["pelapor@contoh.id"]]
    finally:
        smtp.stop()
