"""Regression tests for the WBS findings of the attack review (issue 10: items 2, 3, 6, 7, 11, 13 and the
channel before any team key exists). Each failed on the code before its fix."""
import hashlib
import hmac
import re
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select, text, update

from core import accounts, crypto
from core.config import SERVER_SECRETS
from core.errors import DomainError
from core.extensions import db
from core.models import Outbox, ServerSession, User, user_by_email
from core.workdays import local_today
from tests.conftest import csrf_from
from tests.factories import make_user
from tests.wbs.helpers import FULL, PASSPHRASE, clean_pdf, make_officer, officer_client, submit, unlocked
from wbs import keys, service
from wbs.models import WbsAttachment, WbsEntry, WbsKey, WbsKeyWrap, WbsReport

RECEIPT_RE = re.compile(r'id="resi"[^>]*>([0-9A-Z-]{19})<')
TOKEN_RE = re.compile(r'name="token" type="hidden" value="([^"]+)"')


def _wraps_of(key_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(WbsKeyWrap).where(WbsKeyWrap.key_id == key_id))


def _enrolled(roles=("tim_wbs",)) -> User:
    """A team member who enrolled a key that nobody has countersigned yet."""
    user, _ = make_user(list(roles))
    keys.enrol_officer(user, PASSPHRASE)
    db.session.commit()
    return user


# --- 2. a new recipient key is active only once a team member countersigns it ----------------------------

def test_2_a_new_key_gets_no_report_until_a_team_member_countersigns_it(app_ctx):
    first = make_officer(countersign=False)  # the install's very first key: active at once
    assert keys.eligible(keys.officer_key(first))
    before = db.session.scalar(select(func.count(Outbox.id)))

    newcomer = _enrolled(("admin", "tim_wbs"))  # e.g. an admin who granted itself the role
    pending = keys.officer_key(newcomer)
    assert not keys.eligible(pending)
    # the team is told that a key was added, and nothing else
    told = db.session.scalars(select(Outbox).order_by(Outbox.id)).all()[before:]
    assert {crypto_recipient(r) for r in told} == {first.email, newcomer.email}
    assert all(newcomer.email not in r.body and newcomer.nama not in r.body for r in told)

    rid, receipt = submit()
    service.open_mailbox(receipt)  # the reporter's visit wraps to every *active* key only
    assert _wraps_of(pending.id) == 0
    with pytest.raises(DomainError):
        keys.unlock(newcomer, PASSPHRASE)  # a pending key opens nothing

    # the holder cannot countersign their own key, and a pending key countersigns nothing
    with pytest.raises(DomainError):
        keys.countersign(pending.id, newcomer, pending, keys.open_private(newcomer, PASSPHRASE)[1])
    third = _enrolled()
    with pytest.raises(DomainError):
        keys.countersign(keys.officer_key(third).id, newcomer, pending, keys.open_private(newcomer, PASSPHRASE)[1])

    k1, p1 = unlocked(first)
    assert keys.countersign(pending.id, first, k1, p1) == 1  # and it is given the open reports at once
    db.session.commit()
    assert keys.eligible(pending)
    k2, p2 = unlocked(newcomer)
    assert service.open_case(rid, newcomer, k2, p2).isian["apa"] == FULL["apa"]


def test_2_a_forged_approval_row_activates_nothing(app_ctx):
    first = make_officer(countersign=False)
    intruder = _enrolled()
    key = keys.officer_key(intruder)
    # a database writer copies the first key's approval onto its own key
    from wbs.models import WbsKeyApproval
    real = db.session.get(WbsKeyApproval, keys.officer_key(first).id)
    db.session.add(WbsKeyApproval(key_id=key.id, pengesah_key_id=real.pengesah_key_id, tanggal=real.tanggal,
                                  tag=real.tag))
    db.session.commit()
    assert not keys.eligible(key)
    submit()
    assert _wraps_of(key.id) == 0


def crypto_recipient(row: Outbox) -> str:
    from core.outbox import recipient_of
    return recipient_of(row)


def test_2_the_keys_page_countersigns(app, login_as):
    first = officer_client(app, login_as, countersign=False)
    second = officer_client(app, login_as, countersign=False, unlock=False)
    with app.app_context():
        pending = keys.officer_key(user_by_email(second.user_email)).id
    page = first.get("/admin/wbs/kunci").get_data(as_text=True)
    assert "Menunggu pengesahan" in page and "Sahkan</button>" in page
    assert "Sahkan</button>" not in second.get("/admin/wbs/kunci").get_data(as_text=True)
    resp = first.post(f"/admin/wbs/kunci/{pending}/sahkan", data={"csrf_token": csrf_from(page)})
    assert resp.status_code == 302
    with app.app_context():
        assert keys.eligible(db.session.get(WbsKey, pending))


# --- before any team key: the channel says it is not open, and the dashboard says why --------------------

def test_the_wbs_form_refuses_before_any_team_key_exists(app, client, login_as):
    page = client.get("/wbs/lapor")
    html = page.get_data(as_text=True)
    assert "belum dapat menerima laporan" in html and 'name="apa"' not in html
    csrf = csrf_from(client.get("/wbs/kotak").get_data(as_text=True))
    resp = client.post("/wbs/lapor", data={**FULL, "csrf_token": csrf, "token": "t" * 32})
    assert resp.status_code == 503 and "belum dapat menerima laporan" in resp.get_data(as_text=True)
    api = client.post("/api/v1/wbs/laporan", json={"apa": "pungli"})
    assert api.status_code == 503
    with app.app_context():
        assert db.session.scalar(select(func.count(WbsReport.id))) == 0
        with pytest.raises(DomainError):
            service.submit_report({"apa": "lewat bot atau pindahan pengaduan"})
    admin = login_as("admin")
    assert "WBS belum siap: belum ada kunci Tim WBS" in admin.get("/admin/").get_data(as_text=True)

    officer_client(app, login_as)
    assert 'name="apa"' in client.get("/wbs/lapor").get_data(as_text=True)
    assert "WBS belum siap" not in admin.get("/admin/").get_data(as_text=True)


# --- 3. the unlocked key: ciphertext on the server, its key only in the officer's browser ----------------

def _store_blobs(app) -> dict[str, bytes]:
    """Every session in the store: {session id: serialized data}."""
    if app.config.get("REDIS_URL"):
        from redis import Redis
        with Redis.from_url(app.config["REDIS_URL"]) as r:
            return {k.decode().removeprefix("zi:sesi:"): r.get(k) for k in r.scan_iter("zi:sesi:*")}
    with app.app_context():
        return {row.id.removeprefix("s:"): row.data for row in db.session.scalars(select(ServerSession))}


def _unlock_response(client):
    page = client.get("/admin/wbs/buka-kunci")
    return client.post("/admin/wbs/buka-kunci", data={"passphrase": PASSPHRASE,
                                                      "csrf_token": csrf_from(page.get_data(as_text=True))})


def test_3_database_secrets_and_session_store_do_not_open_the_unlocked_key(app, login_as):
    client = officer_client(app, login_as, unlock=False)
    rid, _ = _submit_in(app)
    resp = _unlock_response(client)
    assert resp.status_code == 302
    cookie = [h for h in resp.headers.getlist("Set-Cookie") if h.startswith("zi_wbs_kunci=")]
    assert cookie, resp.headers.getlist("Set-Cookie")
    attrs = cookie[0].lower()
    assert "httponly" in attrs and "samesite=strict" in attrs and "path=/admin/wbs" in attrs
    assert "expires=" not in attrs and "max-age" not in attrs  # gone when the browser closes

    with app.app_context():
        user = user_by_email(client.user_email)
        key = keys.officer_key(user)
        _, private = keys.unlock(user, PASSPHRASE)
        uid, kid = user.id, key.id
        db.session.rollback()
        secrets_ = [app.config[name] for name in SERVER_SECRETS]
        secrets_ = [s.encode() if isinstance(s, str) else s for s in secrets_]
    found = 0
    for sid, blob in _store_blobs(app).items():
        assert private not in blob
        data = app.session_interface.serializer.decode(blob)
        slot = data.get("wbs_kunci")
        if not slot:
            continue
        found += 1
        sealed = slot["b"]
        candidates = []
        for s in secrets_:
            candidates += [s[:32].ljust(32, b"\0"), hmac.new(s, b"zi-wbs/sesi/" + sid.encode(), hashlib.sha256).digest(),
                           hashlib.sha256(s + sid.encode()).digest()]
        aads = [f"zi-wbs/sesi/{uid}/{kid}".encode(), f"zi-wbs/sesi/{uid}/{kid}/{sid}".encode()]
        for k in candidates:
            for aad in aads:
                with pytest.raises(crypto.DecryptionError):
                    crypto.aead_decrypt(k, sealed, aad)
    assert found >= 1
    # with the cookie the case opens; the same session without it does not
    assert FULL["apa"] in client.get(f"/admin/wbs/{rid}").get_data(as_text=True)
    client.delete_cookie("zi_wbs_kunci", path="/admin/wbs")
    assert client.get(f"/admin/wbs/{rid}").status_code == 302


def test_3_the_cookie_is_secure_over_https(app, login_as):
    client = officer_client(app, login_as, unlock=False)
    page = client.get("/admin/wbs/buka-kunci", base_url="https://localhost")
    resp = client.post("/admin/wbs/buka-kunci", base_url="https://localhost",
                       data={"passphrase": PASSPHRASE, "csrf_token": csrf_from(page.get_data(as_text=True))})
    cookie = [h for h in resp.headers.getlist("Set-Cookie") if h.startswith("zi_wbs_kunci=")][0]
    assert "secure" in cookie.lower()


def _submit_in(app, **over):
    with app.app_context():
        return submit(**over)


def test_3_the_unlocked_key_expires_server_side_on_idle_and_at_logout(app, login_as):
    client = officer_client(app, login_as)
    sid = client.get_cookie("zi_sesi").value
    idle = timedelta(minutes=app.config["OFFICER_IDLE_MINUTES"])
    if app.config.get("REDIS_URL"):
        from redis import Redis
        with Redis.from_url(app.config["REDIS_URL"]) as r:
            assert 0 < r.ttl("zi:sesi:" + sid) <= idle.total_seconds()
    else:
        with app.app_context():
            expiry = db.session.get(ServerSession, "s:" + sid).expiry
        expiry = expiry if expiry.tzinfo else expiry.replace(tzinfo=timezone.utc)
        assert expiry <= datetime.now(timezone.utc) + idle  # not the 26 hours of a public session
    assert b"wbs_kunci" in _store_blobs(app)[sid]
    page = client.get("/admin/").get_data(as_text=True)
    client.post("/admin/keluar", data={"csrf_token": csrf_from(page)})
    assert b"wbs_kunci" not in _store_blobs(app).get(sid, b"")


def test_3_the_unlocked_key_idles_out_before_the_session(app, login_as, clock):
    client = officer_client(app, login_as)
    rid, _ = _submit_in(app)
    app.config["WBS_UNLOCK_IDLE_MINUTES"] = 5
    assert client.get(f"/admin/wbs/{rid}").status_code == 200
    clock.advance(6 * 60)
    assert client.get("/admin/").status_code == 200  # still logged in …
    assert client.get(f"/admin/wbs/{rid}").status_code == 302  # … but the WBS key is locked again


# --- 6. no exact time: no server session, a daily batch, random ids ---------------------------------------

def _store_state(app) -> dict:
    if app.config.get("REDIS_URL"):
        from redis import Redis
        with Redis.from_url(app.config["REDIS_URL"]) as r:
            return {k.decode(): (r.get(k), r.pttl(k)) for k in r.scan_iter("zi:sesi:*")}
    with app.app_context():
        return {row.id: (row.data, row.expiry) for row in db.session.scalars(select(ServerSession))}


def _unchanged(app, before: dict, mine: str) -> None:
    """No session was created, and the officer's own (`mine`) was neither rewritten nor refreshed."""
    after = _store_state(app)
    assert not set(after) - set(before)
    data, stamp = before[mine]
    assert after[mine][0] == data
    if app.config.get("REDIS_URL"):
        assert after[mine][1] <= stamp  # its time to live was not renewed
    else:
        assert after[mine][1] == stamp


def _walk_wbs(client) -> list:
    """Every WBS page and API operation, as a reporter would use them."""
    responses = []
    lapor = client.get("/wbs/lapor")
    html = lapor.get_data(as_text=True)
    responses += [client.get("/wbs/"), lapor]
    sent = client.post("/wbs/lapor", data={**FULL, "csrf_token": csrf_from(html), "token": TOKEN_RE.search(html).group(1)})
    assert sent.status_code == 200, sent.get_data(as_text=True)[:2000]
    receipt = RECEIPT_RE.search(sent.get_data(as_text=True)).group(1)
    box_page = client.get("/wbs/kotak")
    box = client.post("/wbs/kotak", data={"resi": receipt, "csrf_token": csrf_from(box_page.get_data(as_text=True))})
    assert box.status_code == 200
    b = box.get_data(as_text=True)
    msg = client.post("/wbs/kotak/kirim", data={"resi": receipt, "csrf_token": csrf_from(b), "pesan": "tambahan",
                                                "token": TOKEN_RE.search(b).group(1)})
    assert msg.status_code == 200
    api = client.post("/api/v1/wbs/laporan", json={"apa": "lewat api"})
    assert api.status_code == 201
    responses += [sent, box_page, box, msg, api, client.post("/api/v1/wbs/akses", json={"resi": receipt}),
                  client.get("//wbs/lapor"), client.get("/wbs//kotak")]
    return responses


def test_6_wbs_requests_never_create_or_touch_a_server_session(app, login_as):
    officer = officer_client(app, login_as)
    mine = ("zi:sesi:" if app.config.get("REDIS_URL") else "s:") + officer.get_cookie("zi_sesi").value
    before = _store_state(app)
    for client in (app.test_client(), officer):
        for resp in _walk_wbs(client):
            assert not [h for h in resp.headers.getlist("Set-Cookie") if h.startswith("zi_sesi=")]
        _unchanged(app, before, mine)
    # the officer's session is still the one it was
    assert officer.get("/admin/wbs/").status_code == 200


def test_6_the_team_hears_of_reports_in_a_daily_batch_without_time(app_ctx, runner):
    first = make_officer()
    second = make_officer()
    before = db.session.scalar(select(func.count(Outbox.id)))
    rid, receipt = submit()
    with service_uow():
        service.add_reporter_message(receipt, "tambahan")
    assert db.session.scalar(select(func.count(Outbox.id))) == before  # nothing at the moment of the report

    today = local_today()
    result = runner.invoke(args=["wbs", "kabar-harian", "--tanggal", today.isoformat()])
    assert result.exit_code == 0, result.output
    rows = db.session.scalars(select(Outbox).order_by(Outbox.id)).all()[before:]
    assert {crypto_recipient(r) for r in rows} == {first.email, second.email} and len(rows) == 2
    for row in rows:
        created = row.created_at
        assert (created.hour, created.minute, created.second, created.microsecond) == (0, 0, 0, 0)
        nxt = row.next_attempt_at
        assert (nxt.minute, nxt.second, nxt.microsecond) == (0, 0, 0) and nxt > created  # a fixed hour
    assert len({r.next_attempt_at for r in rows}) == 1 and "Ada" in rows[0].body
    assert runner.invoke(args=["wbs", "kabar-harian", "--tanggal", today.isoformat()]).exit_code == 0
    assert db.session.scalar(select(func.count(Outbox.id))) == before + 2  # once a day
    quiet = (today - timedelta(days=3)).isoformat()
    assert runner.invoke(args=["wbs", "kabar-harian", "--tanggal", quiet]).exit_code == 0
    assert db.session.scalar(select(func.count(Outbox.id))) == before + 2  # nothing happened that day


def service_uow():
    from core.uow import unit_of_work
    return unit_of_work()


def test_6_wbs_rows_have_random_ids(app_ctx):
    make_officer()
    make_officer()
    for _ in range(4):
        submit()
    wrap_ids = sorted(db.session.scalars(select(WbsKeyWrap.id)))
    assert len(wrap_ids) == 8
    assert min(wrap_ids) >= 2 ** 30  # not a sequence starting at 1
    assert all(b - a > 1 for a, b in zip(wrap_ids, wrap_ids[1:]))  # nor consecutive
    report_ids = list(db.session.scalars(select(WbsReport.id)))
    assert all(i >= 100_000_000 for i in report_ids)


# --- 7. the receipt is shown again only within a short window after the first post -----------------------

def test_7_a_repost_long_after_the_first_does_not_show_the_receipt(app, login_as, clock):
    officer_client(app, login_as)
    client = app.test_client()
    html = client.get("/wbs/lapor").get_data(as_text=True)
    data = {**FULL, "csrf_token": csrf_from(html), "token": TOKEN_RE.search(html).group(1)}
    first = client.post("/wbs/lapor", data=data)
    receipt = RECEIPT_RE.search(first.get_data(as_text=True)).group(1)
    clock.advance(30)
    again = client.post("/wbs/lapor", data=data)  # a double click, or Back + resubmit at once
    assert RECEIPT_RE.search(again.get_data(as_text=True)).group(1) == receipt

    html = client.get("/wbs/lapor").get_data(as_text=True)
    data = {**FULL, "csrf_token": csrf_from(html), "token": TOKEN_RE.search(html).group(1)}
    first = client.post("/wbs/lapor", data=data)
    receipt = RECEIPT_RE.search(first.get_data(as_text=True)).group(1)
    clock.advance(12 * 60)  # the next person at the shared computer presses Back and resubmits
    late = client.post("/wbs/lapor", data=data)
    body = late.get_data(as_text=True)
    assert receipt not in body and not RECEIPT_RE.search(body)
    assert "sudah terkirim" in body
    with app.app_context():
        assert db.session.scalar(select(func.count(WbsReport.id))) == 2


# --- 11. leaving the team revokes; revoking someone else's key takes two ------------------------------

def test_11_leaving_the_team_revokes_the_key_and_its_wraps(app_ctx):
    admin, _ = make_user(["admin"])
    stays = make_officer()
    loses_role = make_officer()
    disabled = make_officer()
    submit()
    k_role, k_off = keys.officer_key(loses_role), keys.officer_key(disabled)
    assert _wraps_of(k_role.id) == _wraps_of(k_off.id) == 1

    accounts.update_user(loses_role, admin, nama=loses_role.nama, jabatan="", nip="", unit_id=None,
                         roles=["pimpinan"], aktif=True)
    accounts.set_active(disabled, False, actor=admin)
    db.session.commit()
    for k in (k_role, k_off):
        db.session.refresh(k)
        assert k.aktif is False and k.sealed_private is None and _wraps_of(k.id) == 0
    assert keys.eligible(keys.officer_key(stays))


def test_11_revoking_another_members_key_needs_a_second_team_member(app_ctx):
    admin, _ = make_user(["admin"])
    a, b, c = make_officer(), make_officer(), make_officer()
    submit()
    target = keys.officer_key(c)
    assert keys.revoke_key(target.id, a).dicabut is False  # asked for, not done
    db.session.commit()
    assert keys.eligible(target) and _wraps_of(target.id) == 1
    with pytest.raises(DomainError):
        keys.revoke_key(target.id, a)  # the same person cannot confirm
    with pytest.raises(DomainError):
        keys.revoke_key(target.id, admin)  # nor someone outside the team
    done = keys.revoke_key(target.id, b)
    assert done.dicabut is True and done.bungkus == 1
    assert not target.aktif and _wraps_of(target.id) == 0
    own = keys.officer_key(a)
    assert keys.revoke_key(own.id, a).dicabut is True  # one's own key: at once


# --- 13. what decides who sees an entry is bound into its associated data ------------------------------

def test_13_a_database_writer_cannot_turn_an_internal_note_into_a_message(app_ctx):
    officer = make_officer()
    rid, receipt = submit()
    k, p = unlocked(officer)
    service.add_team_message(rid, officer, k, p, "catatan internal rahasia", internal=True)
    db.session.commit()
    db.session.execute(update(WbsEntry).where(WbsEntry.jenis == "catatan").values(jenis="tim"))
    db.session.commit()
    with pytest.raises(DomainError) as e:
        service.open_mailbox(receipt)
    assert "catatan internal rahasia" not in str(e.value.message)
    with pytest.raises(DomainError):
        service.open_case(rid, officer, k, p)


@pytest.mark.parametrize("column,value", [("officer_id", None), ("status_ke", "selesai"), ("urutan", 7)])
def test_13_entry_officer_status_and_order_are_bound(app_ctx, column, value):
    officer = make_officer()
    rid, receipt = submit()
    k, p = unlocked(officer)
    service.change_status(rid, officer, k, p, "verifikasi", "Kami verifikasi.")
    db.session.commit()
    db.session.execute(update(WbsEntry).values({column: value}))
    db.session.commit()
    with pytest.raises(DomainError):
        service.open_case(rid, officer, k, p)


def test_13_an_attachment_cannot_be_moved_to_another_entry(app_ctx):
    officer = make_officer()
    rid, receipt = submit(files=[clean_pdf("bukti awal")])
    with service_uow():
        service.add_reporter_message(receipt, "pesan kedua")
    entry_id = db.session.scalar(select(WbsEntry.id))
    db.session.execute(update(WbsAttachment).values(entry_id=entry_id))
    db.session.commit()
    k, p = unlocked(officer)
    with pytest.raises(DomainError):
        service.open_case(rid, officer, k, p)


def test_13_the_report_status_must_match_its_sealed_history(app_ctx):
    officer = make_officer()
    rid, receipt = submit()
    db.session.execute(text("UPDATE wbs_laporan SET status = 'selesai'"))
    db.session.commit()
    k, p = unlocked(officer)
    with pytest.raises(DomainError):
        service.open_case(rid, officer, k, p)
    with pytest.raises(DomainError):
        service.open_mailbox(receipt)

