"""bot.httpclient against a raw HTTP server on 127.0.0.1 that answers the way real servers can: chunked
bodies, closing a kept-alive connection, answering too late, breaking off mid-answer."""
from __future__ import annotations

import asyncio

import pytest
from telegram import Bot
from telegram.error import NetworkError, TimedOut

from bot.application import api_urls
from bot.httpclient import BotApiRequest

OK = b'{"ok":true,"result":true}'


def _serve(answer):
    """Run `scenario(base_url, requests)` against a server whose `answer(n, request_head, writer)` writes
    the n-th response (n counts over all connections); returns what the scenario returns."""
    async def go(scenario):
        seen: list[bytes] = []
        connections = [0]

        async def handle(reader, writer):
            connections[0] += 1
            try:
                while True:
                    head = await reader.readuntil(b"\r\n\r\n")
                    length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                                   if line.lower().startswith(b"content-length:")), 0)
                    seen.append(head + await reader.readexactly(length))
                    if await answer(len(seen), head, writer) == "close":
                        break
            except (asyncio.IncompleteReadError, ConnectionError):
                pass
            finally:
                writer.close()

        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        try:
            return await scenario(f"http://127.0.0.1:{port}", seen, connections)
        finally:
            server.close()
    return go


def _fixed(body: bytes, extra: bytes = b"") -> bytes:
    return (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + str(len(body)).encode()
            + b"\r\n" + extra + b"\r\n" + body)


def test_json_body_chunked_answers_and_keep_alive():
    async def answer(n, head, writer):
        if n == 1:
            writer.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                         b"5\r\n" + OK[:5] + b"\r\n" + format(len(OK) - 5, "x").encode() + b"\r\n" + OK[5:]
                         + b"\r\n0\r\n\r\n")
        else:
            writer.write(_fixed(b'{"ok":true,"result":{"message_id":7,"date":0,"chat":{"id":5,"type":"private"},'
                                b'"text":"Halo"}}'))

    async def scenario(base, seen, connections):
        req = BotApiRequest(connection_pool_size=2)
        await req.initialize()
        bot = Bot("1:x", base_url=api_urls(base)[0], request=req, get_updates_request=req)
        assert await bot.delete_webhook() is True
        msg = await bot.send_message(5, "Halo")
        await req.shutdown()
        return msg, seen, connections[0]

    msg, seen, connections = asyncio.run(_serve(answer)(scenario))
    assert msg.message_id == 7 and msg.text == "Halo"
    assert connections == 1  # the second call reused the first connection
    assert b"Content-Type: application/json" in seen[1] and b'"chat_id":5' in seen[1] and b'"text":"Halo"' in seen[1]


def test_a_connection_the_server_closed_while_idle_is_not_reused():
    async def answer(n, head, writer):
        writer.write(_fixed(OK))  # keep-alive promised (HTTP/1.1, no Connection: close) …
        await writer.drain()
        return "close"  # … and the connection closed anyway, as a server's idle timeout does

    async def scenario(base, seen, connections):
        req = BotApiRequest(connection_pool_size=1)
        await req.initialize()
        results = []
        for _ in range(3):
            results.append(await req.post(base + "/bot1:x/deleteWebhook"))
            await asyncio.sleep(0.05)  # idle between calls: the event loop sees the EOF
        await req.shutdown()
        return results, connections[0]

    results, connections = asyncio.run(_serve(answer)(scenario))
    assert results == [True, True, True]
    assert connections == 3


def test_connection_close_answer_and_a_broken_answer():
    async def answer(n, head, writer):
        if n == 1:
            writer.write(_fixed(OK, b"Connection: close\r\n"))
            await writer.drain()
            return "close"
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"ok\":")  # then the connection drops
        await writer.drain()
        return "close"

    async def scenario(base, seen, connections):
        req = BotApiRequest(connection_pool_size=1)
        await req.initialize()
        first = await req.post(base + "/bot1:x/deleteWebhook")
        with pytest.raises(NetworkError) as broken:
            await req.post(base + "/bot1:x/deleteWebhook")
        await req.shutdown()
        return first, broken.value

    first, broken = asyncio.run(_serve(answer)(scenario))
    assert first is True
    assert not isinstance(broken, TimedOut)


def test_a_late_answer_is_timed_out_and_a_full_pool_too():
    release = asyncio.Event()

    async def answer(n, head, writer):
        await release.wait()
        writer.write(_fixed(OK))

    async def scenario(base, seen, connections):
        req = BotApiRequest(connection_pool_size=1, read_timeout=0.2, pool_timeout=0.1)
        await req.initialize()
        with pytest.raises(TimedOut):
            await req.post(base + "/bot1:x/deleteWebhook")
        slow = asyncio.ensure_future(req.post(base + "/bot1:x/deleteWebhook", read_timeout=5))
        await asyncio.sleep(0.05)
        with pytest.raises(TimedOut, match="Pool timeout"):
            await req.post(base + "/bot1:x/deleteWebhook")  # the one connection is busy
        release.set()
        result = await slow
        await req.shutdown()
        return result, len(seen)

    result, requests = asyncio.run(_serve(answer)(scenario))
    assert result is True
    assert requests == 2  # the pool-timed-out call was never sent


def _self_signed(tmp_path):
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Bot API uji")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=1))
            .not_valid_after(now + datetime.timedelta(hours=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


def test_https_checks_the_certificate(tmp_path):
    import ssl

    cert_file, key_file = _self_signed(tmp_path)
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert_file, key_file)

    async def go():
        async def handle(reader, writer):
            try:
                await reader.readuntil(b"\r\n\r\n")
                writer.write(_fixed(OK))
                await writer.drain()
            except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError):
                pass
            finally:
                writer.close()

        server = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=server_tls)
        url = f"https://127.0.0.1:{server.sockets[0].getsockname()[1]}/bot1:x/deleteWebhook"
        try:
            trusting = BotApiRequest(tls=ssl.create_default_context(cafile=str(cert_file)))
            answer = await trusting.post(url)
            await trusting.shutdown()
            default = BotApiRequest()  # the public authorities do not vouch for this certificate
            with pytest.raises(NetworkError) as refused:
                await default.post(url)
            await default.shutdown()
            return answer, refused.value
        finally:
            server.close()

    answer, refused = asyncio.run(go())
    assert answer is True
    assert "CERTIFICATE_VERIFY_FAILED" in str(refused) or "certificate" in str(refused).lower()
