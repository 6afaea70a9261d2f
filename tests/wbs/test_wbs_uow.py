"""WBS inside the one unit of work: the services never commit, a lost race ends in a savepoint, files follow
the transaction, a refused unlock keeps its audit line; visibility, deadlines and offered actions are the
service's and the workflow table's."""
import os
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from core import audit, crypto
from core.calendar import add_workdays
from core.errors import DomainError, NotAllowed, NotFoundError
from core.extensions import db
from core.models import AuditEvent
from core.settings import set_setting
from core.uow import keep_after_refusal
from core.workdays import local_today
from tests.conftest import csrf_from
from tests.factories import make_user
from tests.wbs.helpers import FULL, PASSPHRASE, clean_pdf, make_officer, officer_client, submit, unlocked
from wbs import keys, service
from wbs.models import WbsEntry, WbsReport


def _reports() -> int:
    return db.session.scalar(select(func.count(WbsReport.id)))


def _stored_files(app) -> list[str]:
    folder = app.config["UPLOAD_FOLDER"]
    return os.listdir(folder) if os.path.isdir(folder) else []


def _actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_submit_report_leaves_the_commit_to_its_caller(app, app_ctx):
    make_officer()
    service.submit_report(dict(FULL), [clean_pdf("bukti")], idempotency_key="a" * 32)
    assert _reports() == 1 and len(_stored_files(app)) == 1
    db.session.rollback()  # the caller's unit of work fails: nothing of the report stays, its file neither
    assert _reports() == 0 and _stored_files(app) == []


def test_a_double_submit_that_loses_the_race_shows_the_winner(app, app_ctx, monkeypatch):
    token = "r" * 32
    winner = []
    pick = service._new_report_id

    def other_click_first():
        if not winner:  # the other click, in its own request, stores the same form first
            winner.append(None)
            with app.app_context():
                winner[0] = service.submit_report(dict(FULL), idempotency_key=token)
                db.session.commit()
        return pick()

    monkeypatch.setattr(service, "_new_report_id", other_click_first)
    assert service.submit_report(dict(FULL), [clean_pdf("kalah")], idempotency_key=token) == winner[0]
    audit.record("uji.sesudah")  # the unit of work goes on after the lost race
    db.session.commit()
    assert _reports() == 1 and _stored_files(app) == []  # the losing attempt's file is gone
    assert "uji.sesudah" in _actions()
    with pytest.raises(DomainError, match="resi hanya ditampilkan saat laporan dikirim"):
        service.submit_report(dict(FULL), idempotency_key=token)  # shown twice, never a third time


def test_a_message_sent_twice_at_once_is_stored_once(app, app_ctx, monkeypatch):
    _, receipt = submit()
    service.add_reporter_message(receipt, "sekali saja", [clean_pdf("pertama")], idempotency_key="m" * 30)
    db.session.commit()
    real, seen = service._entry_by_token, []

    def blind_once(idem):  # the other request's row was not there yet when this one looked
        seen.append(idem)
        return None if len(seen) == 1 else real(idem)

    monkeypatch.setattr(service, "_entry_by_token", blind_once)
    box = service.add_reporter_message(receipt, "sekali saja", [clean_pdf("kedua")], idempotency_key="m" * 30)
    db.session.commit()
    assert [e.teks for e in box.entri] == ["sekali saja"]
    assert db.session.scalar(select(func.count(WbsEntry.id))) == 1 and len(_stored_files(app)) == 1


def test_a_purge_rolled_back_keeps_the_files(app, app_ctx):
    officer = make_officer()
    key, private = unlocked(officer)
    rid, _ = submit(files=[clean_pdf("lama")])
    service.change_status(rid, officer, key, private, "tidak_dapat", "Tidak cukup bukti.")
    db.session.get(WbsReport, rid).ditutup_tanggal = local_today() - timedelta(days=800)
    db.session.commit()
    assert service.purge() == 1
    db.session.rollback()
    assert db.session.get(WbsReport, rid) is not None and len(_stored_files(app)) == 1
    assert service.purge() == 1
    db.session.commit()
    assert _stored_files(app) == []


def test_a_refused_unlock_keeps_its_audit_line_and_nothing_else(app_ctx, runner, tmp_path):
    officer = make_officer()
    audit.record("uji.ditolak_bersama")  # work of the refused unit
    with pytest.raises(keys.UnlockRefused) as refused:
        keys.unlock(officer, "bukan-frasa-yang-benar")
    keep_after_refusal(refused.value.keep)
    db.session.rollback()
    assert _actions()[-1] == "wbs.kunci.buka_gagal" and "uji.ditolak_bersama" not in _actions()

    bad = runner.invoke(args=["wbs", "rotate-key", "--email", officer.email],
                        input="salah-frasa-sandi-ini\nfrasa-baru-yang-panjang-3\nfrasa-baru-yang-panjang-3\n")
    assert bad.exit_code != 0 and "Frasa sandi WBS salah." in bad.output
    assert _actions().count("wbs.kunci.buka_gagal") == 2

    key_file = tmp_path / "escrow.key"
    assert runner.invoke(args=["wbs", "escrow-enable", "--out", str(key_file)],
                         input="frasa-escrow-kantor-9\nfrasa-escrow-kantor-9\n").exit_code == 0
    wrong = runner.invoke(args=["wbs", "escrow-recover", "--key-file", str(key_file), "--email", officer.email],
                          input="frasa-escrow-yang-salah\n")
    assert wrong.exit_code != 0 and "frasa sandinya salah" in wrong.output
    assert "wbs.escrow.gagal" in _actions()


def test_only_team_members_whose_key_holds_a_wrap_may_open_a_case(app_ctx):
    officer = make_officer()
    rid, _ = submit()
    assert service.get_visible(rid, officer).id == rid
    later = make_officer()
    with pytest.raises(NotAllowed, match="belum diberi akses"):
        service.get_visible(rid, later)
    for role in ("admin", "pimpinan"):
        user, _ = make_user([role])
        with pytest.raises(NotAllowed, match="jumlahnya saja"):
            service.get_visible(rid, user)
        with pytest.raises(NotAllowed):
            service.queue(user)
    with pytest.raises(NotFoundError):
        service.get_visible(123, officer)
    # an officer holding another officer's unlocked key still opens nothing with it
    k1, p1 = unlocked(officer)
    k2, p2 = unlocked(later)
    keys.grant_access(k2.id, officer, k1, p1)
    db.session.commit()
    assert service.open_case(rid, later, k2, p2).isian["apa"] == FULL["apa"]
    with pytest.raises(NotAllowed):
        service.open_case(rid, officer, k2, p2)


def test_deadlines_follow_the_office_settings(app, login_as):
    client = officer_client(app, login_as)
    with app.app_context():
        set_setting("wbs", {"pengakuan_hk": 2, "verifikasi_hk": 5, "umpan_balik_hari": 14})
        db.session.commit()
        rid, _ = submit()
        report = db.session.get(WbsReport, rid)
        assert report.batas_pengakuan == add_workdays(report.diterima_tanggal, 2)
        assert report.batas_verifikasi == add_workdays(report.diterima_tanggal, 5)
        assert service.deadlines(report)["umpan_balik"]["batas"] == report.diterima_tanggal + timedelta(days=14)
    case = client.get(f"/admin/wbs/{rid}").get_data(as_text=True)
    assert "Pengakuan (2 HK)" in case and "Verifikasi (5 HK)" in case and "3 HK" not in case
    queue = client.get("/admin/wbs/").get_data(as_text=True)
    assert "pengakuan 2 hari kerja, verifikasi 5 hari kerja, kabar kepada pelapor setiap 14 hari" in queue
    reporter = app.test_client()
    form = reporter.get("/wbs/lapor").get_data(as_text=True)
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', form).group(1)
    receipt = reporter.post("/wbs/lapor", data={**FULL, "csrf_token": csrf_from(form), "token": token})
    html = receipt.get_data(as_text=True)
    assert "paling lambat <strong>2 hari kerja</strong>" in html and "<strong>setiap 14 hari</strong>" in html


def test_the_case_page_offers_what_the_table_allows(app, login_as):
    client = officer_client(app, login_as)
    with app.app_context():
        rid, _ = submit()
    html = client.get(f"/admin/wbs/{rid}").get_data(as_text=True)
    assert "Kirim ke pelapor" in html and "Simpan catatan" in html
    assert '<option value="verifikasi">' in html and '<option value="selesai">' not in html
    csrf = csrf_from(html)
    opened = _opened_count(app)
    refused = client.post(f"/admin/wbs/{rid}/status", data={"status": "selesai", "alasan": "Langsung selesai",
                                                           "csrf_token": csrf})
    assert refused.status_code == 400 and "tidak dapat diubah menjadi" in refused.get_data(as_text=True)
    assert _opened_count(app) == opened + 1  # the case shown again with the refusal is audited too
    client.post(f"/admin/wbs/{rid}/status", data={"status": "tidak_dapat", "alasan": "Bukan kewenangan kami.",
                                                 "csrf_token": csrf})
    closed = client.get(f"/admin/wbs/{rid}").get_data(as_text=True)
    assert "Tidak Dapat Ditindaklanjuti" in closed
    assert "Kirim ke pelapor" not in closed and "Simpan catatan" in closed and "Ubah status</button>" not in closed


def _opened_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "wbs.kasus.buka"))


def test_enrolling_derives_the_passphrase_key_once(app, login_as, monkeypatch):
    client = login_as("tim_wbs")
    page = client.get("/admin/wbs/kunci/baru").get_data(as_text=True)

    def no_second_derivation(*args, **kwargs):
        raise AssertionError("the key just sealed is opened again")

    monkeypatch.setattr(crypto, "open_with_passphrase", no_second_derivation)
    done = client.post("/admin/wbs/kunci/baru", data={"passphrase": PASSPHRASE, "confirm": PASSPHRASE,
                                                     "csrf_token": csrf_from(page)})
    assert done.status_code == 302
    with app.app_context():
        rid, _ = submit()
    assert FULL["apa"] in client.get(f"/admin/wbs/{rid}").get_data(as_text=True)  # unlocked at once
