"""Servers of the project's own on 127.0.0.1 for the slow tests and `make bench`: a free port, and gunicorn
(gunicorn.conf.py) in its own process group, so its master and workers can be killed together."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """`app` (module:variable) on env's PORT; its log is gunicorn.log in env's INSTANCE_PATH."""

    def __init__(self, app: str, env: dict, *, graceful: int = 5):
        self.app, self.env, self.graceful = app, env, graceful
        self.port = int(env["PORT"])
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(env["INSTANCE_PATH"]) / "gunicorn.log"
        self.log = open(self.log_path, "ab")
        self.proc: subprocess.Popen | None = None

    def start(self) -> Gunicorn:
        """Start without waiting (several start side by side); `wait` for it to answer."""
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--access-logfile", "/dev/null",
             "--graceful-timeout", str(self.graceful), self.app],
            cwd=ROOT, env=self.env, stdout=self.log, stderr=self.log, start_new_session=True)
        return self

    def wait(self, seconds: float = 60) -> Gunicorn:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                urllib.request.urlopen(self.base + "/sehat", timeout=2).read()
                return self
            except OSError:
                time.sleep(0.2)
        self.log.flush()
        raise AssertionError(f"gunicorn {self.base} did not start: {self.log_path.read_text()[-2000:]}")

    def workers(self) -> list[int]:
        return [int(pid) for pid in Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text().split()]

    def kill_workers(self) -> int:
        pids = self.workers()
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
        return len(pids)

    def kill_all(self) -> None:
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def terminate(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)

    def stop(self) -> None:
        self.terminate()
        if self.proc and self.proc.poll() is None:
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)
        self.log.close()
