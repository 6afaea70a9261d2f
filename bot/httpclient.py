"""The bot's HTTP client for the Bot API: HTTP/1.1 keep-alive connections on asyncio streams.

python-telegram-bot's HTTPXRequest costs 1–1.7 ms of CPU per call (httpx, httpcore's pool checking every
connection's socket on every call, anyio), and a complaint step makes three calls (answer the button, take the
buttons off, ask the next question): most of the bot's CPU went there. The Bot API needs little of HTTP — one
host, POST with a JSON body, a JSON answer with a Content-Length (or chunked) — so this client does just that,
for ~0.17 ms a call, python-telegram-bot's own work included. Uploads with files (the bot sends none today) go
through HTTPXRequest unchanged.

Same contract as HTTPXRequest: at most `connection_pool_size` calls at once (waiting longer than the pool
timeout is TimedOut, nothing sent); a connect, write or read taking longer than its timeout is TimedOut; any
other failure of the connection is NetworkError. A call is never resent here (sendMessage is not idempotent).
"""
from __future__ import annotations

import asyncio
import json
import ssl
import time
from urllib.parse import urlsplit

from telegram._utils.defaultvalue import DefaultValue
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest, RequestData

KEEP_IDLE = 5.0  # seconds an idle connection is reused (httpx's keepalive_expiry): the server may close it after
MAX_HEAD = 64 * 1024


class _Conn:
    __slots__ = ("reader", "writer", "idle_since")

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.reader, self.writer, self.idle_since = reader, writer, 0.0

    def usable(self, now: float) -> bool:
        # the server closing an idle connection is seen by the event loop's reader (EOF) before it is reused
        return (not self.reader.at_eof() and not self.writer.is_closing()
                and now - self.idle_since < KEEP_IDLE)

    def close(self) -> None:
        self.writer.close()


class _Failed(Exception):
    """The connection broke: `timed_out` says whether by a timeout."""

    def __init__(self, what: str, timed_out: bool = False):
        super().__init__(what)
        self.timed_out = timed_out


class BotApiRequest(BaseRequest):
    def __init__(self, connection_pool_size: int = 1, read_timeout: float | None = 5.0,
                 write_timeout: float | None = 5.0, connect_timeout: float | None = 5.0,
                 pool_timeout: float | None = 1.0, media_write_timeout: float | None = 20.0,
                 tls: ssl.SSLContext | None = None):
        self._size = connection_pool_size
        self._timeouts = {"read": read_timeout, "write": write_timeout, "connect": connect_timeout,
                          "pool": pool_timeout}
        self._files = HTTPXRequest(connection_pool_size=1, read_timeout=read_timeout, write_timeout=write_timeout,
                                   connect_timeout=connect_timeout, pool_timeout=pool_timeout,
                                   media_write_timeout=media_write_timeout)
        self._idle: dict[tuple, list[_Conn]] = {}
        self._slots: asyncio.Semaphore | None = None
        self._targets: dict[str, tuple] = {}  # url -> (origin, request target, Host header)
        self._ssl = tls  # None: certifi's authorities, as httpx (a local Bot API server may have its own CA)

    @property
    def read_timeout(self) -> float | None:
        return self._timeouts["read"]

    async def initialize(self) -> None:
        await self._files.initialize()

    async def shutdown(self) -> None:
        for conns in self._idle.values():
            for conn in conns:
                conn.close()
        self._idle.clear()
        self._slots = None  # bound to this event loop; a later initialize may run in another
        await self._files.shutdown()

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         read_timeout=BaseRequest.DEFAULT_NONE, write_timeout=BaseRequest.DEFAULT_NONE,
                         connect_timeout=BaseRequest.DEFAULT_NONE, pool_timeout=BaseRequest.DEFAULT_NONE
                         ) -> tuple[int, bytes]:
        if request_data is not None and request_data.contains_files:
            return await self._files.do_request(url, method, request_data, read_timeout, write_timeout,
                                                connect_timeout, pool_timeout)
        t = self._timeouts
        read_timeout = t["read"] if isinstance(read_timeout, DefaultValue) else read_timeout
        write_timeout = t["write"] if isinstance(write_timeout, DefaultValue) else write_timeout
        connect_timeout = t["connect"] if isinstance(connect_timeout, DefaultValue) else connect_timeout
        pool_timeout = t["pool"] if isinstance(pool_timeout, DefaultValue) else pool_timeout

        origin, target, host = self._target(url)
        # parameters are JSON-ready values (TelegramObjects already dicts); one dumps, not one per value
        body = (json.dumps(request_data.parameters, separators=(",", ":"), ensure_ascii=False).encode()
                if request_data is not None else b"")
        head = (f"{method} {target} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: {self.USER_AGENT}\r\n"
                f"Accept: application/json\r\nConnection: keep-alive\r\n")
        if body or method == "POST":
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        raw = (head + "\r\n").encode("latin-1") + body

        slots = self._slots
        if slots is None:
            slots = self._slots = asyncio.Semaphore(self._size)
        if slots.locked():
            try:
                async with asyncio.timeout(pool_timeout):
                    await slots.acquire()
            except TimeoutError:
                raise TimedOut("Pool timeout: All connections in the connection pool are occupied. Request was "
                               "*not* sent to Telegram. Consider adjusting the connection pool size or the pool "
                               "timeout.") from None
        else:
            await slots.acquire()
        conn = None
        try:
            conn = await self._connection(origin, connect_timeout)
            status, payload, keep = await self._exchange(conn, raw, len(body), write_timeout, read_timeout)
        except _Failed as exc:
            if conn is not None:
                conn.close()
            raise (TimedOut(str(exc)) if exc.timed_out else NetworkError(f"Bot API: {exc}")) from exc.__cause__
        except BaseException:  # cancelled mid-call: the connection is in an unknown state
            if conn is not None:
                conn.close()
            raise
        finally:
            slots.release()
        if keep:
            conn.idle_since = time.monotonic()
            self._idle.setdefault(origin, []).append(conn)
        else:
            conn.close()
        return status, payload

    def _target(self, url: str) -> tuple:
        hit = self._targets.get(url)
        if hit is None:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise NetworkError(f"Bot API: unsupported URL scheme {parts.scheme!r}")
            port = parts.port or (443 if parts.scheme == "https" else 80)
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname  # an IPv6 address
            host = host if parts.port is None else f"{host}:{parts.port}"
            hit = ((parts.scheme, parts.hostname, port), target, host)
            if len(self._targets) < 256:  # the method URLs; a file's download URL is seldom asked twice
                self._targets[url] = hit
        return hit

    async def _connection(self, origin: tuple, connect_timeout: float | None) -> _Conn:
        idle = self._idle.get(origin)
        now = time.monotonic()
        while idle:
            conn = idle.pop()  # the most recent: the least likely to have been closed by the server
            if conn.usable(now):
                return conn
            conn.close()
        scheme, hostname, port = origin
        context = None
        if scheme == "https":
            if self._ssl is None:
                self._ssl = _tls_context()
            context = self._ssl
        try:
            async with asyncio.timeout(connect_timeout):
                reader, writer = await asyncio.open_connection(hostname, port, ssl=context, limit=MAX_HEAD)
        except TimeoutError:
            raise _Failed("connect timed out", timed_out=True) from None
        except OSError as exc:
            raise _Failed(f"cannot connect: {exc.__class__.__name__}: {exc}") from exc
        return _Conn(reader, writer)

    async def _exchange(self, conn: _Conn, raw: bytes, body_size: int, write_timeout: float | None,
                        read_timeout: float | None) -> tuple[int, bytes, bool]:
        reader, writer = conn.reader, conn.writer
        try:
            writer.write(raw)
            if body_size > 65536:  # a small request fits the transport's buffer: nothing to wait for
                async with asyncio.timeout(write_timeout):
                    await writer.drain()
        except TimeoutError:
            raise _Failed("write timed out", timed_out=True) from None
        except OSError as exc:
            raise _Failed(f"write failed: {exc.__class__.__name__}") from exc
        try:
            async with asyncio.timeout(read_timeout):
                return await self._response(reader)
        except TimeoutError:
            raise _Failed("read timed out", timed_out=True) from None
        except asyncio.IncompleteReadError as exc:
            raise _Failed("server disconnected without a complete response") from exc
        except asyncio.LimitOverrunError as exc:
            raise _Failed("response head too long") from exc
        except (OSError, ValueError) as exc:
            raise _Failed(f"bad response: {exc.__class__.__name__}: {exc}") from exc

    @staticmethod
    async def _response(reader: asyncio.StreamReader) -> tuple[int, bytes, bool]:
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        version, status = lines[0].split(" ", 2)[:2]
        if not version.startswith("HTTP/1."):
            raise ValueError(f"not HTTP/1.x: {version!r}")
        headers = {}
        for line in lines[1:]:
            if line:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
        keep = headers.get("connection", "").lower() != "close" and version == "HTTP/1.1"
        if headers.get("content-encoding", "identity").lower() != "identity":
            raise ValueError("compressed response (none was asked for)")
        code = int(status)
        if code in (204, 304) or code < 200:
            return code, b"", keep
        if "chunked" in headers.get("transfer-encoding", "").lower():
            chunks = []
            while True:
                size = int((await reader.readuntil(b"\r\n")).split(b";", 1)[0], 16)
                if size == 0:
                    while await reader.readuntil(b"\r\n") != b"\r\n":  # trailers
                        pass
                    break
                chunks.append(await reader.readexactly(size))
                await reader.readexactly(2)
            payload = b"".join(chunks)
        elif "content-length" in headers:
            payload = await reader.readexactly(int(headers["content-length"]))
        else:  # the body ends with the connection
            payload, keep = await reader.read(), False
        return code, payload, keep


def _tls_context() -> ssl.SSLContext:
    """The certificate authorities httpx trusts (certifi's), so a slim image without the system's works alike."""
    try:
        import certifi
    except ImportError:
        return ssl.create_default_context()
    return ssl.create_default_context(cafile=certifi.where())
