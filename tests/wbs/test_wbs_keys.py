"""Officer keys: later-added officers, removal, rotation, escrow, and the key kept in the session."""
import pytest
from sqlalchemy import func, select

from core import crypto
from core.errors import DomainError, NotAllowed
from core.extensions import db
from core.models import AuditEvent, ServerSession, user_by_email
from tests.conftest import csrf_from, login
from tests.factories import make_user
from tests.wbs.helpers import FULL, PASSPHRASE, make_officer, officer_client, submit, unlocked
from wbs import keys, service
from wbs.models import WbsKey, WbsKeyWrap


def test_private_key_is_stored_only_sealed(app_ctx):
    officer = make_officer()
    key = keys.officer_key(officer)
    _, private = unlocked(officer)
    assert crypto.public_from_private(private) == key.public_key
    assert private not in key.sealed_private
    with pytest.raises(DomainError) as e:
        keys.unlock(officer, "bukan-frasa-yang-benar")
    assert e.value.message == "Frasa sandi WBS salah."
    with pytest.raises(DomainError):
        keys.enrol_officer(officer, PASSPHRASE)  # one active key per officer
    other, _ = make_user(["tim_wbs"])
    with pytest.raises(DomainError):
        keys.enrol_officer(other, "pendek")


def test_officer_added_later_reads_old_open_reports_once_countersigned(app_ctx):
    first = make_officer()
    old_open, _ = submit(apa="laporan lama terbuka")
    old_closed, _ = submit(apa="laporan lama ditutup")
    k1, p1 = unlocked(first)
    service.change_status(old_closed, first, k1, p1, "tidak_dapat", "Bukan kewenangan.")
    db.session.commit()

    later = make_officer(countersign=False)
    with pytest.raises(NotAllowed, match="belum disahkan"):
        unlocked(later)
    assert keys.missing_access(keys.officer_key(later)) == 1

    assert keys.countersign(keys.officer_key(later).id, first, k1, p1) == 1  # the open report comes with it
    db.session.commit()
    k2, p2 = unlocked(later)
    assert service.open_case(old_open, later, k2, p2).isian["apa"] == "laporan lama terbuka"
    with pytest.raises(NotAllowed):  # closed reports are not re-wrapped
        service.open_case(old_closed, later, k2, p2)
    new_id, _ = submit(apa="laporan baru")
    assert service.open_case(new_id, later, k2, p2).isian["apa"] == "laporan baru"


def test_removed_officer_cannot_read(app_ctx):
    stays = make_officer()
    leaves = make_officer()
    second = make_officer()
    rid, _ = submit()
    k_leave, p_leave = unlocked(leaves)
    assert service.open_case(rid, leaves, k_leave, p_leave).isian["apa"] == FULL["apa"]

    assert not keys.revoke_key(k_leave.id, stays).dicabut  # asked for; a second member confirms
    removed = keys.revoke_key(k_leave.id, second).bungkus
    db.session.commit()
    assert removed == 1
    assert db.session.scalar(select(func.count()).select_from(WbsKeyWrap).where(WbsKeyWrap.key_id == k_leave.id)) == 0
    with pytest.raises(NotAllowed):
        service.open_case(rid, leaves, k_leave, p_leave)  # even holding the old private key
    rid2, _ = submit()
    assert db.session.scalar(select(func.count()).select_from(WbsKeyWrap).where(WbsKeyWrap.key_id == k_leave.id)) == 0
    k_stay, p_stay = unlocked(stays)
    assert service.open_case(rid2, stays, k_stay, p_stay).status == "diterima"


def test_officer_who_loses_the_role_gets_no_new_wraps_and_is_revoked(app_ctx):
    stays = make_officer()
    leaves = make_officer()
    leaves.set_roles(["unit"])
    db.session.commit()
    rid, _ = submit()
    k_leave = db.session.scalar(select(WbsKey).where(WbsKey.user_id == leaves.id))
    assert db.session.scalar(select(WbsKeyWrap).where(WbsKeyWrap.key_id == k_leave.id)) is None
    assert keys.drop_ineligible_wraps(stays) == 0 and k_leave.aktif is False


def test_reporter_opening_the_mailbox_wraps_for_officers_enrolled_since(app_ctx, runner):
    gone = make_officer()
    rid, receipt = submit()
    keys.revoke_key(keys.officer_key(gone).id, gone)  # the whole team leaves: nobody can grant the report
    db.session.commit()
    user, _ = make_user(["tim_wbs"])
    keys.enrol_officer(user, PASSPHRASE)
    db.session.commit()
    result = runner.invoke(args=["wbs", "sahkan-kunci", "--email", user.email])  # the operator's way out
    assert result.exit_code == 0, result.output
    officer = db.session.merge(user)
    k, p = unlocked(officer)
    with pytest.raises(NotAllowed):
        service.open_case(rid, officer, k, p)
    service.open_mailbox(receipt)
    assert service.open_case(rid, officer, k, p).status == "diterima"
    # with an active team key, the operator's way is closed
    newcomer, _ = make_user(["tim_wbs"])
    keys.enrol_officer(newcomer, PASSPHRASE)
    db.session.commit()
    refused = runner.invoke(args=["wbs", "sahkan-kunci", "--email", newcomer.email])
    assert refused.exit_code != 0 and "Masih ada kunci aktif" in refused.output


def test_rotate_key_rewraps_without_touching_ciphertext(app_ctx, runner):
    first = make_officer()
    rid, _ = submit()
    from wbs.models import WbsReport
    before = db.session.get(WbsReport, rid).apa
    later = make_officer()  # enrolled after the report, countersigned by `first`
    result = runner.invoke(args=["wbs", "rotate-key", "--email", first.email],
                           input=f"{PASSPHRASE}\nfrasa-baru-yang-panjang-2\nfrasa-baru-yang-panjang-2\n")
    assert result.exit_code == 0, result.output
    assert "1 laporan dibungkus ulang; 0 akses baru" in result.output  # later got it when countersigned
    db.session.expire_all()
    assert db.session.get(WbsReport, rid).apa == before
    with pytest.raises(DomainError):
        keys.unlock(first, PASSPHRASE)
    k_new, p_new = keys.unlock(first, "frasa-baru-yang-panjang-2")
    assert service.open_case(rid, first, k_new, p_new).isian["apa"] == FULL["apa"]
    k2, p2 = unlocked(later)
    assert service.open_case(rid, later, k2, p2).isian["apa"] == FULL["apa"]
    assert db.session.scalar(select(func.count()).select_from(WbsKey).where(WbsKey.user_id == first.id,
                                                                          WbsKey.aktif.is_(True))) == 1
    bad = runner.invoke(args=["wbs", "rotate-key", "--email", first.email],
                        input="salah-frasa-sandi-ini\nfrasa-baru-yang-panjang-3\nfrasa-baru-yang-panjang-3\n")
    assert bad.exit_code != 0 and "Frasa sandi WBS salah." in bad.output


def test_escrow_is_off_by_default_and_audited_when_used(app_ctx, runner, tmp_path):
    officer = make_officer()
    rid_before, _ = submit()
    assert keys.escrow_key() is None
    key_file = tmp_path / "escrow.key"
    result = runner.invoke(args=["wbs", "escrow-enable", "--out", str(key_file)],
                           input="frasa-escrow-kantor-9\nfrasa-escrow-kantor-9\n")
    assert result.exit_code == 0, result.output
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    escrow = keys.escrow_key()
    submit(apa="sebelum pengesahan")
    assert not keys.eligible(escrow) and not db.session.scalar(select(WbsKeyWrap).where(WbsKeyWrap.key_id == escrow.id))
    k, p = unlocked(officer)
    assert keys.countersign(escrow.id, officer, k, p) == 0  # like any recipient key: a team member vouches
    db.session.commit()
    rid, _ = submit(apa="sesudah escrow")

    # every officer lost their key: a new officer gets access back through escrow
    keys.revoke_key(keys.officer_key(officer).id, officer)
    newcomer = make_officer()
    db.session.commit()
    result = runner.invoke(args=["wbs", "escrow-recover", "--key-file", str(key_file), "--email", newcomer.email],
                           input="frasa-escrow-kantor-9\n")
    assert result.exit_code == 0, result.output
    k, p = unlocked(newcomer)
    assert service.open_case(rid, newcomer, k, p).isian["apa"] == "sesudah escrow"
    with pytest.raises(NotAllowed):
        service.open_case(rid_before, newcomer, k, p)  # escrow covers reports since it was enabled
    used = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "wbs.escrow.dipakai"))
    assert used.detail == {"untuk_user_id": newcomer.id, "jumlah": 1}

    assert runner.invoke(args=["wbs", "escrow-disable"]).exit_code == 0
    assert keys.escrow_key() is None


def test_unlocked_key_lives_in_the_session_only_sealed(app, login_as):
    client = officer_client(app, login_as)
    with app.app_context():
        user = user_by_email(client.user_email)
        _, private = keys.unlock(user, PASSPHRASE)
        rows = db.session.scalars(select(ServerSession)).all()
        if app.config.get("REDIS_URL"):
            from redis import Redis
            with Redis.from_url(app.config["REDIS_URL"]) as r:
                blobs = [r.get(k) for k in r.scan_iter("zi:sesi:*")]
        else:
            blobs = [row.data for row in rows]
        assert blobs and all(private not in b for b in blobs)
        assert all(b"wbs_kunci" not in b or private not in b for b in blobs)
    cookie = client.get_cookie("zi_sesi")
    assert cookie is not None and len(cookie.value) < 80  # only the random id
    # the queue says the key is open in this session; a fresh session (new login) is locked again
    assert "Kunci WBS terbuka untuk sesi ini." in client.get("/admin/wbs/").get_data(as_text=True)


def test_a_sealed_key_copied_into_another_session_does_not_open(app):
    with app.app_context():
        user, secret = make_user(["tim_wbs"])
        keys.enrol_officer(user, PASSPHRASE)
        db.session.commit()
        email = user.email
        rid, _ = submit()
    a, b = app.test_client(), app.test_client()
    for c in (a, b):
        login(c, email, totp_secret=secret)
    page = a.get("/admin/wbs/buka-kunci").get_data(as_text=True)
    a.post("/admin/wbs/buka-kunci", data={"passphrase": PASSPHRASE, "csrf_token": csrf_from(page)})
    assert a.get(f"/admin/wbs/{rid}").status_code == 200
    with a.session_transaction() as sess:
        slot = dict(sess["wbs_kunci"])
    cookie = a.get_cookie("zi_wbs_kunci", path="/admin/wbs").value
    with b.session_transaction() as sess:  # the same officer's other session, given both halves
        sess["wbs_kunci"] = slot
    b.set_cookie("zi_wbs_kunci", cookie, path="/admin/wbs")
    assert b.get(f"/admin/wbs/{rid}").status_code == 302  # bound to the session it was made in
