"""The real telegram.ext.Application (bot.application.build_application) against the fake Bot API, its event loop
in a thread so that the tests stay plain functions next to the Flask fixtures of tests/conftest.py."""
from __future__ import annotations

import asyncio
import io
import threading

import pytest
from PIL import Image
from telegram import Update

from bot.application import build_application
from tests.bot.fake_api import FakeBotApi, FakeUser


class BotHarness:
    def __init__(self, flask_app, api: FakeBotApi, **options):
        options.setdefault("drain", False)
        options.setdefault("alerts", False)
        options.setdefault("persistence_interval", 3600)  # the tests flush explicitly
        # no settings cached before the test sets them; no frozen heap keeping every test's app alive
        options.setdefault("warm_start", False)
        self.api = api
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="bot-uji", daemon=True)
        self.thread.start()
        self.application = self.run(self._build(flask_app, options))
        # the order of Application.run_polling: initialize, post_init, start … stop, post_stop, shutdown,
        # post_shutdown
        self.run(self.application.initialize())
        self.run(self.application.post_init(self.application))
        self.run(self.application.start())

    async def _build(self, flask_app, options):
        return build_application(flask_app, token=self.api.token, api_base=self.api.base_url, **options)

    def run(self, coro, timeout: float = 60):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def feed(self, *updates: dict) -> None:
        """Each update processed to the end, one after the other, by Application.process_update."""
        for u in updates:
            self.run(self.application.process_update(Update.de_json(u, self.application.bot)))

    def feed_queue(self, *updates: dict) -> None:
        """Through the update queue, as polling delivers them: concurrent across chats (PerChatProcessor)."""
        async def go():
            for u in updates:
                await self.application.update_queue.put(Update.de_json(u, self.application.bot))
            await self.application.update_queue.join()
        self.run(go())

    def flush(self) -> None:
        self.run(self.application.update_persistence())

    def stop(self) -> None:
        app = self.application
        if app.updater and app.updater.running:
            self.run(app.updater.stop())
        if app.running:
            self.run(app.stop())
            self.run(app.post_stop(app))
        self.run(app.shutdown())
        self.run(app.post_shutdown(app))
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()


@pytest.fixture
def api():
    fake = FakeBotApi().start()
    yield fake
    fake.stop()


@pytest.fixture
def bot(app, api):
    harness = BotHarness(app, api)
    yield harness
    harness.stop()


@pytest.fixture
def make_bot(app, api):
    """A second (or differently configured) bot process on the same database, stopped at the end."""
    made = []

    def make(**options):
        h = BotHarness(app, api, **options)
        made.append(h)
        return h
    yield make
    for h in made:
        if h.loop.is_running():
            h.stop()


@pytest.fixture
def budi(api):
    return FakeUser(api, 51234001, "Budi", "Santoso")


@pytest.fixture
def siti(api):
    return FakeUser(api, 51234002, "Siti", "Aminah")


def jpeg(marker: str = "") -> bytes:
    """A small real JPEG with an EXIF comment (the upload check must strip it)."""
    img = Image.new("RGB", (64, 48), (200, 30, 30))
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x010E] = f"rahasia-exif {marker}"  # ImageDescription
    img.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()
