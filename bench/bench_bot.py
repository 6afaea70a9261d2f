"""The Telegram bot under load, through the full stack: long polling from the fake Bot API (tests/bot/fake_api.py,
127.0.0.1), the real python-telegram-bot Application, the conversations, the domain services and SQLite.

1. 100 people at once (BENCH_BOT_USERS), each doing BENCH_BOT_ROUNDS rounds of: /start, a whole /lapor
   complaint (11 answers, buttons and text), /status with the ticket and code just received, /bantuan. Each person
   sends the next update only when the bot has answered the previous one (a closed loop). Three crowds: people
   as people are (each starts within the first think time, then pauses 0.5–1.5 × BENCH_BOT_THINK, seeded), the
   same people in lock-step (all send the same message in the same milliseconds: 100 complaints sent at once),
   and no pause at all (saturation). Figures: updates per second, and the answer time (update available to
   getUpdates → the bot's answer at the API) p50/p99.
2. The Outbox drain: 10 000 pending Telegram notifications (BENCH_BOT_OUTBOX) sent through core.delivery's Sender
   and the Telegram channel (its 25/s production pace off), rows per second.

The fake API and the simulated people run in a process of their own, so they do not share the bot's GIL. The bot
runs with the production settings of bot.application.build_application (BENCH_BOT_WORKERS, BENCH_BOT_CONCURRENT
and BENCH_BOT_POOL override them to try others).
"""
from __future__ import annotations

import asyncio
import heapq
import multiprocessing
import os
import re
import statistics
import tempfile
import threading
import time

USERS = int(os.environ.get("BENCH_BOT_USERS", "100"))
ROUNDS = int(os.environ.get("BENCH_BOT_ROUNDS", "2"))
THINK = float(os.environ.get("BENCH_BOT_THINK", "0.4"))  # seconds a person takes before the next message
OUTBOX_ROWS = int(os.environ.get("BENCH_BOT_OUTBOX", "10000"))
TICKET = re.compile(r"Nomor tiket: (PGD-\d{4}-\d{6})\nKode pelacakan: ([0-9A-Z-]+)")


def _script():
    """(update for this user, prefix of the bot's answer that ends the step) — one /lapor round and more."""
    def text(value):
        return lambda u, ctx: u.text(value(ctx) if callable(value) else value)

    def press(data):
        return lambda u, ctx: u.press(data)

    return [
        (text("/start"), "Selamat datang"),
        (press("menu:lapor"), "Pengaduan baru"),  # the intro and the first question, one message
        (press("l:jenis:pengaduan"), "Pilih kategori"),
        (press("l:kat:0"), "Tuliskan judul"),
        (text("Antrean loket sangat lama"), "Ceritakan apa"),
        (text("Saya menunggu tiga jam di loket tanpa kejelasan jadwal."), "Di mana kejadiannya"),
        (press("l:lewati"), "Kapan kejadiannya"),
        (press("l:lewati"), "Ada foto atau dokumen"),
        (press("l:lewati"), "Bagaimana identitas"),
        (press("l:id:anon"), "Rahasiakan"),
        (press("l:rahasia:0"), "Kirim kabar"),
        (press("l:kabar:0"), "Periksa pengaduan"),
        (press("l:kirim"), "Pengaduan Anda sudah kami terima"),
        (text(lambda ctx: f"/status {ctx['tiket']} {ctx['kode']}"), "Pengaduan PGD-"),
        (text("/bantuan"), "Perintah yang tersedia"),
    ]


def _people(conn) -> None:
    """The child process: the fake Bot API, and the simulated people on request."""
    from tests.bot.fake_api import FakeBotApi

    api = FakeBotApi().start()
    api.keep_calls = False
    outbox_received = [0]
    crowd: list = [None]

    def on_call(method: str, params: dict, ok: bool) -> None:
        if method != "sendMessage" or not ok:
            return
        if crowd[0] is None or not crowd[0].answered(params):
            outbox_received[0] += 1

    api.on_call = on_call
    conn.send((api.base_url, api.token))
    while True:
        command = conn.recv()
        if command[0] == "run":
            _, users, rounds, think, id_base, spread = command
            crowd[0] = _Crowd(api, users, rounds, think, id_base, spread)
            conn.send(crowd[0].run())
            crowd[0] = None
        elif command[0] == "count":
            conn.send(outbox_received[0])
        else:
            break
    api.stop()


class _Crowd:
    """`users` people, each doing `rounds` rounds of the script; the next message `think` seconds after the
    bot's answer (0: at once). `spread`: as people are — each starts within the first `think` seconds and
    takes between half and one and a half times `think` (seeded, so runs compare); else all in step, every
    one of them sending the same message in the same few milliseconds."""

    def __init__(self, api, users: int, rounds: int, think: float, id_base: int, spread: bool = False):
        import random

        self.rng = random.Random(20261202) if spread else None
        from tests.bot.fake_api import FakeUser

        self.api, self.rounds, self.think = api, rounds, think
        self.script = _script()
        self.people = {id_base + i: FakeUser(api, id_base + i, f"Warga{i}", "Uji") for i in range(users)}
        self.state = {uid: {"step": 0, "round": 0, "t": 0.0, "ctx": {}} for uid in self.people}
        self.latencies: list[float] = []
        self.steps: list[int] = []  # the script step of each latency
        self.lock = threading.Condition()
        self.left = users
        self.timers: list[tuple[float, int]] = []

    def push(self, uid: int) -> None:
        st = self.state[uid]
        update = self.script[st["step"]][0](self.people[uid], st["ctx"])
        st["t"] = time.monotonic()
        self.api.push(update)

    def answered(self, params: dict) -> bool:
        """True when the message was for one of these people (whether or not it ends a step)."""
        uid = params.get("chat_id")
        with self.lock:
            st = self.state.get(uid)
            if st is None:
                return False
            if st["round"] >= self.rounds or not params.get("text", "").startswith(self.script[st["step"]][1]):
                return True  # an intermediate message of the step
            self.latencies.append(time.monotonic() - st["t"])
            self.steps.append(st["step"])
            if match := TICKET.search(params["text"]):
                st["ctx"].update(tiket=match.group(1), kode=match.group(2))
            st["step"] += 1
            if st["step"] == len(self.script):
                st["step"], st["round"] = 0, st["round"] + 1
                if st["round"] == self.rounds:
                    self.left -= 1
                    self.lock.notify_all()
                    return True
            if self.think:
                pause = self.think * (self.rng.uniform(0.5, 1.5) if self.rng else 1.0)
                heapq.heappush(self.timers, (time.monotonic() + pause, uid))
                self.lock.notify_all()
            else:
                self.push(uid)
            return True

    def run(self) -> dict:
        start = time.monotonic()
        with self.lock:
            for uid in self.people:
                if self.rng and self.think:
                    heapq.heappush(self.timers, (start + self.rng.uniform(0, self.think), uid))
                else:
                    self.push(uid)
            while self.left and time.monotonic() - start < 300:
                now = time.monotonic()
                while self.timers and self.timers[0][0] <= now:
                    self.push(heapq.heappop(self.timers)[1])
                self.lock.wait(max(0.001, self.timers[0][0] - now) if self.timers else 1.0)
            stuck = sorted({st["step"] for st in self.state.values() if st["round"] < self.rounds})
        return {"updates": len(self.latencies), "seconds": time.monotonic() - start, "latencies": self.latencies,
                "steps": self.steps, "complete": not self.left, "stuck": stuck}


def _pct(samples: list[float], q: float) -> float:
    samples = sorted(samples)
    return 1000 * samples[min(len(samples) - 1, int(q * len(samples)))] if samples else float("nan")


def main() -> None:
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_people, args=(child,), daemon=True)
    proc.start()
    base_url, token = parent.recv()
    try:
        asyncio.run(_bot(parent, base_url, token))
    finally:
        parent.send(("stop",))
        proc.join(10)


async def _crowd(conn, label: str, think: float, id_base: int, spread: bool = False) -> None:
    cpu0 = time.process_time()
    conn.send(("run", USERS, ROUNDS, think, id_base, spread))
    r = await asyncio.to_thread(conn.recv)
    cpu = time.process_time() - cpu0
    lat = r["latencies"]
    unfinished = "" if r["complete"] else f", TIDAK SELESAI di langkah {r['stuck']}"
    print(f"   {label:<36}{r['updates'] / r['seconds']:8.1f}/s  p50 {1000 * statistics.median(lat):7.1f} ms  "
          f"p99 {_pct(lat, 0.99):7.1f} ms  (n={r['updates']}, {r['seconds']:.1f} s{unfinished})", flush=True)
    from bench.harness import note

    note(f"bot: {label.strip()}", f"{r['updates'] / r['seconds']:.0f} updates/s, p99 {_pct(lat, 0.99):.0f} ms{unfinished}")
    # where the tail comes from: the step with the slowest p99, and the p99 of all the others
    by_step: dict[int, list[float]] = {}
    for step, latency in zip(r["steps"], lat):
        by_step.setdefault(step, []).append(latency)
    if by_step:
        slowest = max(by_step, key=lambda k: _pct(by_step[k], 0.99))
        others = [x for k, v in by_step.items() if k != slowest for x in v]
        print(f"   {'':<36}langkah paling lambat: «{_script()[slowest][1]}» p50 "
              f"{1000 * statistics.median(by_step[slowest]):.0f} ms, p99 {_pct(by_step[slowest], 0.99):.0f} ms; "
              f"langkah lain p99 {_pct(others, 0.99):.0f} ms", flush=True)
    # the figure that travels between machines: the bot process's CPU per update (the fake API runs apart)
    print(f"   {'':<36}CPU proses bot {1000 * cpu / max(1, r['updates']):.2f} ms/pembaruan, "
          f"{cpu / r['seconds']:.2f} inti; beban mesin {os.getloadavg()[0]:.1f}", flush=True)


async def _bot(conn, base_url: str, token: str) -> None:
    from app import create_app
    from bot.application import build_application
    from bot.kirim import TelegramChannel
    from core import outbox
    from core.delivery import Sender
    from core.extensions import db

    instance = tempfile.mkdtemp(prefix="zi-bench-bot-")
    app = create_app({"INSTANCE_PATH": instance, "RATELIMIT_ENABLED": False})
    with app.app_context():
        db.create_all()
    # the production settings (bot.application.build_application's defaults, as `flask bot run` uses them),
    # unless BENCH_BOT_WORKERS / _CONCURRENT / _POOL say otherwise
    tuning = {name: int(os.environ[f"BENCH_BOT_{name.upper()}"]) for name in ("workers", "concurrent", "pool")
              if os.environ.get(f"BENCH_BOT_{name.upper()}")}
    application = build_application(app, token=token, api_base=base_url, drain=False, alerts=False, **tuning)
    await application.initialize()
    await application.post_init(application)
    await application.start()
    await application.updater.start_polling(poll_interval=0, timeout=10)
    print(f"   {USERS} orang sekaligus × {ROUNDS} putaran × {len(_script())} pembaruan (long polling, SQLite)",
          flush=True)
    await _crowd(conn, f"jeda berpikir {THINK:g} s ±50%, mulai tersebar", THINK, 80_000_000, spread=True)
    await _crowd(conn, f"serempak: jeda tepat {THINK:g} s", THINK, 82_000_000)
    await _crowd(conn, "tanpa jeda (jenuh)", 0.0, 81_000_000)

    def queue_rows() -> float:
        t0 = time.perf_counter()
        with app.app_context():
            for i in range(OUTBOX_ROWS):
                outbox.enqueue("telegram", str(90_000_000 + i % 500), f"Status pengaduan PGD-2026-{i:06d} kini: "
                               "Diverifikasi.", f"bench:{i}")
            db.session.commit()
        return time.perf_counter() - t0

    queued = await asyncio.to_thread(queue_rows)
    channel = TelegramChannel(application.bot, asyncio.get_running_loop(), per_second=None)
    t0 = time.perf_counter()
    stats = await asyncio.to_thread(Sender(app, [channel]).drain)
    drained = time.perf_counter() - t0
    conn.send(("count",))
    received = await asyncio.to_thread(conn.recv)
    print(f"   Outbox: {OUTBOX_ROWS} kabar antre dalam {queued:.1f} s; terkirim {stats.sent} dalam {drained:.1f} s "
          f"= {stats.sent / drained:.0f}/s (diterima API {received}, gagal {stats.failed})", flush=True)
    from bench.harness import note

    note(f"bot: Outbox drain, {OUTBOX_ROWS:,} pending notifications", f"{stats.sent / drained:.0f} messages/s, "
         f"{stats.failed} failed")

    await application.updater.stop()
    await application.stop()
    await application.post_stop(application)
    await application.shutdown()
    await application.post_shutdown(application)
