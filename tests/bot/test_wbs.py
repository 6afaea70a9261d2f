"""/wbs: the anonymous website channel is explained first; the confidential bot path seals the report through
wbs.service exactly like the web, shows the receipt once, and leaves no chat id, user id or text anywhere."""
from __future__ import annotations

import logging
import re
import secrets
from pathlib import Path

from sqlalchemy import select, text

from bot.models import BotState
from core.extensions import db
from core.models import Outbox, user_by_email
from tests.bot.conftest import jpeg
from tests.bot.fake_api import FakeUser
from tests.wbs.helpers import PASSPHRASE, make_officer
from wbs import keys, service
from wbs.models import WbsReport

RECEIPT = re.compile(r"RESI: ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})")


def _report_through_the_bot(bot, user, marker: str) -> str:
    bot.feed(user.text("/wbs"))
    intro = user.last_text()
    assert "Saluran ANONIM ada di situs web" in intro and "TIDAK anonim" in intro
    bot.feed(user.tap("Lapor rahasia lewat bot"))
    bot.feed(user.tap("Pungutan liar"))
    for field in ("apa", "dimana", "kapan", "siapa", "bagaimana"):
        bot.feed(user.text(f"{marker} {field}"))
    bot.feed(user.photo(jpeg(marker)))
    assert "diterima (1 dari" in user.last_text()
    bot.feed(user.tap("Selesai"))
    assert "Periksa laporan Anda" in user.last_text()
    bot.feed(user.tap("Kirim"))
    match = RECEIPT.search(user.last_text())
    assert match, user.last_text()
    return match.group(1)


def test_sealed_report_nothing_in_clear_no_telegram_id(app, bot, api, caplog):
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine")
    with app.app_context():
        officer = make_officer()
        officer_email = officer.email
    user = FakeUser(api, 7345619028, "Whistle", "Blower")
    marker = "PENANDA" + secrets.token_hex(6).upper()
    receipt = _report_through_the_bot(bot, user, marker)
    bot.feed(user.tap("Hapus percakapan ini"))
    assert "sudah dihapus" in user.last_text()
    deleted = [i for call in api.sent(user.id, "deleteMessages") for i in call["message_ids"]]
    assert len(deleted) >= 12  # questions, answers, summary and the receipt
    assert sum(receipt in t for t in api.texts(user.id)) == 1  # shown once
    bot.flush()  # whatever PTB would persist for this user is written now

    with app.app_context():
        # the team reads it, the reporter opens the mailbox with the receipt: sealed like the web's
        report = db.session.scalar(select(WbsReport))
        assert report.sumber == "telegram"
        key, private = keys.unlock(user_by_email(officer_email), PASSPHRASE)
        case = service.open_case(report.id, user_by_email(officer_email), key, private)
        assert case.jenis == "pungli" and case.isian["siapa"] == f"{marker} siapa"
        assert len(case.lampiran_awal) == 1
        assert service.open_mailbox(receipt).status == "diterima"
        db.session.rollback()

        assert db.session.query(BotState).count() == 0  # no conversation, draft or user row
        assert db.session.query(Outbox).filter(Outbox.channel == "telegram").count() == 0
        needles = [marker, marker.lower(), receipt, receipt.replace("-", ""), str(user.id)]
        needles_b = [n.encode() for n in needles] + [n.encode("utf-16-le") for n in needles]
        for table in db.metadata.sorted_tables:
            for row in db.session.execute(select(table)).all():
                for value in row:
                    blob = value if isinstance(value, bytes) else str(value).encode()
                    for n in needles_b:
                        assert n not in blob, (table.name, n)
        if db.engine.dialect.name == "sqlite":
            db.session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
            db.session.commit()
            path = Path(db.engine.url.database)
            for p in (path, Path(f"{path}-wal")):
                if p.exists():
                    content = p.read_bytes()
                    for n in needles_b:
                        assert n not in content, (p.name, n)
        for p in Path(app.config["UPLOAD_FOLDER"]).rglob("*"):
            if p.is_file():
                content = p.read_bytes()
                assert not content.startswith(b"\xff\xd8")
                for n in needles_b:
                    assert n not in content and n not in p.name.encode()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "INSERT INTO wbs_laporan" in logged
    for n in needles:
        assert n not in logged, n


def test_a_closed_channel_is_said_before_any_question(app, bot, budi):
    bot.feed(budi.text("/wbs"))  # no Tim WBS key yet
    assert "Tim WBS belum memiliki kunci" in budi.last_text()
    bot.feed(budi.text("Sesuatu yang terjadi"))
    assert "wbs" not in bot.application.chat_data.get(budi.id, {})
    with app.app_context():
        assert db.session.query(WbsReport).count() == 0


def test_memory_is_cleared_and_cancel_stores_nothing(app, bot, budi, team):
    bot.feed(budi.text("/wbs"))
    bot.feed(budi.tap("Lapor rahasia lewat bot"))
    bot.feed(budi.tap("Korupsi"))
    bot.feed(budi.text("Sesuatu yang terjadi"))
    assert bot.application.chat_data[budi.id]["wbs"]["apa"] == "Sesuatu yang terjadi"
    bot.feed(budi.text("/batal"))
    assert "dibatalkan" in budi.last_text()
    assert "wbs" not in bot.application.chat_data.get(budi.id, {})
    with app.app_context():
        assert db.session.query(WbsReport).count() == 0


def test_the_wbs_conversation_is_not_persistent(bot):
    from bot import wbs

    handler = next(h for h in bot.application.handlers[0] if getattr(h, "entry_points", None)
                   and any(getattr(e, "commands", None) == frozenset({"wbs"}) for e in h.entry_points))
    assert not handler.persistent and handler.name is None
    assert wbs.KEY not in __import__("bot.persistence", fromlist=["x"]).KEPT_USER_KEYS
