"""A stand-in for the Telegram Bot API on 127.0.0.1, reached through TELEGRAM_API_BASE_URL.

It answers the methods the bot uses the way Telegram does (getMe, getUpdates with long polling, sendMessage,
editMessageText, answerCallbackQuery, getFile and the file download, deleteMessages, setWebhook/deleteWebhook,
sendChatAction), records every call, and fails on request (429 with retry_after, 403 from a user who blocked
the bot, slow answers). `FakeUser` builds the updates a person would send. No test reaches the real Telegram.
"""
from __future__ import annotations

import itertools
import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlparse

BOT_ID = 700000001
BOT_USER = {"id": BOT_ID, "is_bot": True, "first_name": "ZI Lapor", "username": "zilapor_uji_bot",
            "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": False}
INT_KEYS = {"chat_id", "message_id", "offset", "limit", "timeout", "from_chat_id"}


@dataclass
class Call:
    method: str
    params: dict
    at: float = field(default_factory=time.monotonic)
    ok: bool = True  # False: the fake answered with an error (429, 403, …)


@dataclass
class Fault:
    method: str
    times: int
    code: int = 429
    retry_after: int | None = None
    description: str = ""
    delay: float = 0.0
    chat_id: int | None = None


class FakeBotApi:
    def __init__(self, token: str = "700000001:UJI-token-rahasia"):
        self.token = token
        self.calls: list[Call] = []
        self.cond = threading.Condition()
        self.updates: deque[dict] = deque()
        self.update_ids = itertools.count(1)
        self.message_ids = itertools.count(1000)
        self.file_ids = itertools.count(1)
        self.files: dict[str, tuple[bytes, int]] = {}  # file_id -> (bytes, declared size)
        self.faults: list[Fault] = []
        self.blocked: set[int] = set()
        self.webhook: dict | None = None
        self.server: ThreadingHTTPServer | None = None
        self.on_call = None  # optional hook(method, params, ok) after each call (the benchmark's users)
        self.keep_calls = True  # False: record nothing (a long benchmark)

    # --- server ----------------------------------------------------------------------------------

    def start(self) -> FakeBotApi:
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out at once (no 40 ms delayed-ACK stalls)

            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                self._dispatch()

            def do_POST(self):
                self._dispatch()

            def _dispatch(self):
                path = unquote(urlparse(self.path).path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                if path.startswith(f"/file/bot{api.token}/"):
                    return self._file(path.removeprefix(f"/file/bot{api.token}/"))
                prefix = f"/bot{api.token}/"
                if not path.startswith(prefix):
                    return self._json(404, {"ok": False, "error_code": 404, "description": "Not Found"})
                method = path.removeprefix(prefix)
                params = _params(self.headers.get("Content-Type", ""), body, urlparse(self.path).query)
                status, payload = api.handle(method, params)
                self._json(status, payload)

            def _file(self, file_path: str):
                file_id = file_path.rsplit("/", 1)[-1].split(".")[0]
                data = api.files.get(file_id, (None, 0))[0]
                api.record("download", {"file_path": file_path})
                if data is None:
                    return self._json(404, {"ok": False, "error_code": 404, "description": "Not Found"})
                self.send_response(200)
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _json(self, status: int, payload: dict):
                raw = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

        class Server(ThreadingHTTPServer):
            # socketserver's listen backlog is 5: a bot opening its 16 connections at once lost SYNs and waited
            # a second for the retransmit (Telegram's servers take them all)
            request_queue_size = 128

            def handle_error(self, request, client_address):  # a client that gave up waiting (timeouts)
                pass

        self.server = Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def stop(self) -> None:
        with self.cond:
            self.cond.notify_all()
        if self.server:
            self.server.shutdown()
            self.server.server_close()

    # --- the methods -----------------------------------------------------------------------------

    def record(self, method: str, params: dict, ok: bool = True) -> None:
        with self.cond:
            if self.keep_calls:
                self.calls.append(Call(method, params, ok=ok))
            self.cond.notify_all()

    def handle(self, method: str, params: dict) -> tuple[int, dict]:
        status, payload = self._answer(method, params)
        if method != "getUpdates":
            self.record(method, params, ok=status == 200)
            if self.on_call is not None:
                self.on_call(method, params, status == 200)
        return status, payload

    def _answer(self, method: str, params: dict) -> tuple[int, dict]:
        fault = self._fault(method, params)
        if fault:
            if fault.delay:
                time.sleep(fault.delay)
            if fault.code:
                body = {"ok": False, "error_code": fault.code, "description": fault.description or
                        {429: f"Too Many Requests: retry after {fault.retry_after or 1}",
                         403: "Forbidden: bot was blocked by the user",
                         400: "Bad Request: chat not found"}.get(fault.code, "Internal Server Error")}
                if fault.retry_after is not None:
                    body["parameters"] = {"retry_after": fault.retry_after}
                return fault.code, body
        if method in ("sendMessage", "editMessageText") and params.get("chat_id") in self.blocked:
            return 403, {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"}
        handler = getattr(self, "m_" + method, None)
        if handler is None:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found: method not found"}
        return 200, {"ok": True, "result": handler(params)}

    def _fault(self, method: str, params: dict) -> Fault | None:
        with self.cond:
            for f in self.faults:
                if f.method == method and f.times > 0 and (f.chat_id is None or f.chat_id == params.get("chat_id")):
                    f.times -= 1
                    return f
        return None

    def m_getMe(self, p):
        return BOT_USER

    def m_getUpdates(self, p):
        offset, wait = int(p.get("offset") or 0), min(float(p.get("timeout") or 0), 2.0)
        deadline = time.monotonic() + wait
        with self.cond:
            while True:
                while self.updates and self.updates[0]["update_id"] < offset:
                    self.updates.popleft()
                if self.updates or time.monotonic() >= deadline:
                    return list(itertools.islice(self.updates, int(p.get("limit") or 100)))
                self.cond.wait(max(0.0, deadline - time.monotonic()))

    def _message(self, p) -> dict:
        chat_id = int(p["chat_id"])
        msg = {"message_id": next(self.message_ids), "date": int(time.time()), "from": BOT_USER,
               "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"}, "text": p.get("text", "")}
        if isinstance(p.get("reply_markup"), dict) and "inline_keyboard" in p["reply_markup"]:
            msg["reply_markup"] = p["reply_markup"]
        return msg

    def m_sendMessage(self, p):
        return self._message(p)

    def m_editMessageText(self, p):
        return {**self._message(p), "message_id": int(p.get("message_id") or 0), "edit_date": int(time.time())}

    def m_editMessageReplyMarkup(self, p):
        return self.m_editMessageText(p)

    def m_answerCallbackQuery(self, p):
        return True

    def m_sendChatAction(self, p):
        return True

    def m_deleteMessage(self, p):
        return True

    def m_deleteMessages(self, p):
        return True

    def m_setWebhook(self, p):
        self.webhook = p
        return True

    def m_deleteWebhook(self, p):
        self.webhook = None
        return True

    def m_getWebhookInfo(self, p):
        return {"url": (self.webhook or {}).get("url", ""), "has_custom_certificate": False, "pending_update_count": 0}

    def m_setMyCommands(self, p):
        return True

    def m_getFile(self, p):
        file_id = p["file_id"]
        _, size = self.files[file_id]
        return {"file_id": file_id, "file_unique_id": "u" + file_id, "file_size": size,
                "file_path": f"documents/{file_id}.bin"}

    # --- faults and inspection -------------------------------------------------------------------

    def fail(self, method: str, times: int = 1, code: int = 429, retry_after: int | None = None, *,
             delay: float = 0.0, chat_id: int | None = None, description: str = "") -> None:
        with self.cond:
            self.faults.append(Fault(method, times, code, retry_after, description, delay, chat_id))

    def add_file(self, data: bytes, size: int | None = None) -> str:
        file_id = f"F{next(self.file_ids)}"
        self.files[file_id] = (data, len(data) if size is None else size)
        return file_id

    def push(self, update: dict) -> None:
        with self.cond:
            self.updates.append(update)
            self.cond.notify_all()

    def sent(self, chat_id: int | None = None, method: str = "sendMessage") -> list[dict]:
        """Calls of `method` that succeeded (a 429'd or refused message was not delivered)."""
        with self.cond:
            return [c.params for c in self.calls if c.method == method and c.ok
                    and (chat_id is None or c.params.get("chat_id") == chat_id)]

    def texts(self, chat_id: int) -> list[str]:
        return [p.get("text", "") for p in self.sent(chat_id)]

    def count(self, method: str) -> int:
        """Every call of `method`, answered or refused."""
        with self.cond:
            return sum(1 for c in self.calls if c.method == method)

    def wait_for(self, predicate, timeout: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout
        with self.cond:
            while not predicate():
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self.cond.wait(left)
        return True


def _params(content_type: str, body: bytes, query: str) -> dict:
    raw: dict = {k: v[-1] for k, v in parse_qs(query).items()}
    if content_type.startswith("application/json") and body:
        raw.update(json.loads(body))
    elif content_type.startswith("application/x-www-form-urlencoded"):
        raw.update({k: v[-1] for k, v in parse_qs(body.decode()).items()})
    elif content_type.startswith("multipart/form-data"):
        msg = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
        for part in msg.iter_parts():
            name = part.get_param("name", header="content-disposition")
            raw[name] = part.get_payload(decode=True).decode(errors="replace")
    out = {}
    for k, v in raw.items():
        if isinstance(v, str) and k in INT_KEYS and v.lstrip("-").isdigit():
            v = int(v)
        elif isinstance(v, str) and v[:1] in "[{":
            try:
                v = json.loads(v)
            except ValueError:
                pass
        out[k] = v
    return out


class FakeUser:
    """A person writing to the bot in a private chat: builds the updates Telegram would deliver."""

    def __init__(self, api: FakeBotApi, user_id: int, first_name: str = "Budi", last_name: str = "Santoso"):
        self.api, self.id = api, user_id
        self.user = {"id": user_id, "is_bot": False, "first_name": first_name, "last_name": last_name,
                     "language_code": "id"}
        self.chat = {"id": user_id, "type": "private", "first_name": first_name, "last_name": last_name}
        self.message_ids = itertools.count(1)

    def _message(self, **content) -> dict:
        return {"update_id": next(self.api.update_ids),
                "message": {"message_id": next(self.message_ids), "date": int(time.time()), "chat": self.chat,
                            "from": self.user, **content}}

    def text(self, text: str) -> dict:
        content: dict = {"text": text}
        if text.startswith("/"):
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        return self._message(**content)

    def photo(self, data: bytes, declared_size: int | None = None) -> dict:
        file_id = self.api.add_file(data, declared_size)
        size = len(data) if declared_size is None else declared_size
        return self._message(photo=[{"file_id": file_id, "file_unique_id": "u" + file_id, "width": 64, "height": 48,
                                     "file_size": size}])

    def document(self, data: bytes, name: str, mime: str = "application/pdf", declared_size: int | None = None) -> dict:
        file_id = self.api.add_file(data, declared_size)
        size = len(data) if declared_size is None else declared_size
        return self._message(document={"file_id": file_id, "file_unique_id": "u" + file_id, "file_name": name,
                                       "mime_type": mime, "file_size": size})

    def sticker(self) -> dict:
        return self._message(sticker={"file_id": "STK", "file_unique_id": "uSTK", "type": "regular", "width": 512,
                                      "height": 512, "is_animated": False, "is_video": False})

    def contact(self, phone: str, user_id: int | None = None) -> dict:
        return self._message(contact={"phone_number": phone, "first_name": self.user["first_name"],
                                      "user_id": self.id if user_id is None else user_id})

    def edited(self, text: str, message_id: int = 1) -> dict:
        return {"update_id": next(self.api.update_ids),
                "edited_message": {"message_id": message_id, "date": int(time.time()), "edit_date": int(time.time()),
                                   "chat": self.chat, "from": self.user, "text": text}}

    def press(self, data: str, message: dict | None = None) -> dict:
        message = message or self.last_message_with(data) or {
            "message_id": 1, "date": int(time.time()), "chat": self.chat, "from": BOT_USER, "text": "?"}
        return {"update_id": next(self.api.update_ids),
                "callback_query": {"id": f"cq{next(self.api.update_ids)}", "from": self.user, "chat_instance": "ci",
                                   "data": data, "message": message}}

    def tap(self, label: str) -> dict:
        """Press the button whose label contains `label`, on the latest bot message that has one."""
        for params in reversed(self.api.sent(self.id)):
            for row in (params.get("reply_markup") or {}).get("inline_keyboard", []):
                for button in row:
                    if label.lower() in button["text"].lower() and "callback_data" in button:
                        return self.press(button["callback_data"], self._as_message(params))
        raise AssertionError(f"no button «{label}» in the chat; last message: {self.last_text()!r}")

    def last_message_with(self, data: str) -> dict | None:
        for params in reversed(self.api.sent(self.id)):
            for row in (params.get("reply_markup") or {}).get("inline_keyboard", []):
                if any(b.get("callback_data") == data for b in row):
                    return self._as_message(params)
        return None

    def _as_message(self, params: dict) -> dict:
        return {"message_id": 1, "date": int(time.time()), "chat": self.chat, "from": BOT_USER,
                "text": params.get("text", "")}

    def last_text(self) -> str:
        texts = self.api.texts(self.id)
        return texts[-1] if texts else ""

    def buttons(self) -> list[str]:
        for params in reversed(self.api.sent(self.id)):
            rows = (params.get("reply_markup") or {}).get("inline_keyboard")
            if rows:
                return [b["text"] for row in rows for b in row]
        return []
