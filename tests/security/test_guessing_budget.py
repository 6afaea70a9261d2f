"""Finding 8: guessing was not limited everywhere (the text receipt had no limit at all) and each route had
its own budget, keyed by the full address. Now one budget per address network covers every way a code or
receipt is tried."""
from tests.conftest import csrf_from

WRONG = {"tiket": "PGD-2026-000001", "kode": "AAAA-BBBB-CCCC-DDDD"}


def _api(client, addr):
    return client.post("/api/v1/pengaduan/status", json=WRONG, environ_base={"REMOTE_ADDR": addr}).status_code


def _receipt(client, addr):
    env = {"REMOTE_ADDR": addr}
    token = csrf_from(client.get("/pengaduan/lacak", environ_base=env).get_data(as_text=True))
    return client.post("/pengaduan/bukti", data={**WRONG, "csrf_token": token}, environ_base=env).status_code


def _grat(client, addr):
    return client.post("/api/v1/gratifikasi/status", json={"nomor": "GRT-2026-000001", "kode": "AAAA-BBBB-CCCC"},
                       environ_base={"REMOTE_ADDR": addr}).status_code


def test_the_text_receipt_is_limited(app, client):
    app.config["RATELIMIT_TRACKING"] = "3 per minute"
    codes = [_receipt(client, "203.0.113.5") for _ in range(4)]
    assert codes[-1] == 429 and 429 not in codes[:3]


def test_one_budget_across_every_way_of_trying_codes(app, client):
    app.config["RATELIMIT_TRACKING"] = "3 per minute"
    assert _api(client, "203.0.113.6") != 429
    assert _grat(client, "203.0.113.6") != 429
    assert _receipt(client, "203.0.113.6") != 429
    assert _api(client, "203.0.113.6") == 429  # the fourth try, on any route, is refused
    assert _api(client, "198.51.100.1") != 429  # another address has its own budget


def test_an_ipv6_64_is_one_budget(app, client):
    app.config["RATELIMIT_TRACKING"] = "3 per minute"
    codes = [_api(client, f"2001:db8:5:6::{i + 1:x}") for i in range(4)]
    assert codes[-1] == 429
