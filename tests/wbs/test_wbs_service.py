"""The WBS service: sealed round trip, receipts, mailbox, state machine, deadlines, purge."""
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from core import crypto
from core.errors import DomainError, NotAllowed, NotFoundError
from core.extensions import db
from core.models import AuditEvent, Outbox
from core.workdays import local_today
from tests.wbs.helpers import FULL, clean_pdf, make_officer, submit, unlocked
from wbs import queries, sealing, service, workflow
from wbs.models import WbsAttachment, WbsEntry, WbsKeyWrap, WbsReport


def test_round_trip_reporter_and_officer(app_ctx):
    officer = make_officer()
    report_id, receipt = submit(files=[clean_pdf("bukti awal")])
    assert len(receipt.replace("-", "")) == 16 and receipt == crypto.normalize_code(receipt)

    box = service.open_mailbox(receipt)
    assert box.status_label == "Diterima" and box.jenis_label == "Pungutan liar (pungli)"
    assert ("Apa yang terjadi", FULL["apa"]) in box.isian
    assert box.lampiran_awal == ["bukti.pdf"] and box.kurang == []

    key, private = unlocked(officer)
    case = service.open_case(report_id, officer, key, private)
    assert case.isian["siapa"] == FULL["siapa"] and case.identitas == ""
    (att_id, meta), = case.lampiran_awal
    meta, data = service.read_attachment(report_id, att_id, officer, key, private)
    assert data.startswith(b"%PDF") and b"bukti awal" in data and meta["nama"] == "bukti.pdf"


def test_only_apa_is_required_and_missing_elements_are_listed(app_ctx):
    with pytest.raises(DomainError) as e:
        service.submit_report({"apa": "   "})
    assert e.value.field == "apa"
    _, receipt = service.submit_report({"apa": "Ada pungli"})
    box = service.open_mailbox(receipt)
    assert box.jenis_label == "Lainnya"
    assert box.kurang == ["Di mana terjadinya", "Kapan terjadinya", "Siapa yang terlibat", "Bagaimana caranya (modus)"]


def test_bad_kind_and_source_are_refused(app_ctx):
    with pytest.raises(DomainError) as e:
        service.submit_report({"apa": "x", "jenis": "pencurian"})
    assert e.value.field == "jenis"
    with pytest.raises(DomainError):
        service.submit_report({"apa": "x"}, sumber="fax")
    assert db.session.scalar(select(func.count(WbsReport.id))) == 0


def test_receipt_normalisation_case_spaces_and_lookalikes(app_ctx):
    _, receipt = submit()
    typed = "  " + receipt.lower().replace("-", " ") + " "
    assert service.open_mailbox(typed).status == "diterima"
    squashed = receipt.replace("-", "").replace("0", "o").replace("1", "l")
    assert service.open_mailbox(squashed).status == "diterima"


def test_wrong_and_unknown_receipts_get_the_same_answer(app_ctx):
    _, receipt = submit()
    raw = receipt.replace("-", "")
    wrong = ("0" if raw[0] != "0" else "1") + raw[1:]
    answers = []
    for guess in (wrong, crypto.new_code(80)):
        with pytest.raises(NotFoundError) as e:
            service.open_mailbox(guess)
        answers.append((type(e.value), e.value.message, e.value.field))
    assert answers[0] == answers[1]
    with pytest.raises(DomainError) as e:
        service.open_mailbox("ABC")
    assert "16 huruf" in e.value.message


def test_double_submit_with_the_same_token_makes_one_report(app_ctx):
    token = "t" * 32
    first = service.submit_report(dict(FULL), idempotency_key=token)
    second = service.submit_report(dict(FULL), idempotency_key=token)
    assert first == second
    assert db.session.scalar(select(func.count(WbsReport.id))) == 1
    other = service.submit_report(dict(FULL), idempotency_key="u" * 32)
    assert other[1] != first[1]


def test_receipt_is_not_shown_a_third_time(app_ctx):
    # a double click sees the receipt twice; someone re-posting the form later gets nothing
    token = "r" * 32
    first = service.submit_report(dict(FULL), idempotency_key=token)
    assert service.submit_report(dict(FULL), idempotency_key=token) == first
    with pytest.raises(DomainError, match="resi hanya ditampilkan saat laporan dikirim"):
        service.submit_report(dict(FULL), idempotency_key=token)
    assert db.session.scalar(select(func.count(WbsReport.id))) == 1


def test_submission_leaves_no_id_time_or_content_in_audit_and_outbox(app_ctx):
    make_officer()
    make_officer()
    report_id, _ = submit()
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action.in_(("wbs.laporan_baru", "wbs.pesan_pelapor")))) is None
    rows = db.session.scalars(select(Outbox)).all()
    assert len(rows) == 2
    assert {r.body for r in rows} == {"Ada laporan WBS baru."}
    assert all(str(report_id) not in r.dedup_key for r in rows)
    for r in rows:  # only the date, and a delayed send, so the outbox does not time the report
        created = r.created_at.replace(tzinfo=None)
        assert (created.hour, created.minute, created.second, created.microsecond) == (0, 0, 0, 0)
    report = db.session.get(WbsReport, report_id)
    assert report.diterima_tanggal == local_today()


def test_team_message_acknowledges_and_reporter_answers(app_ctx):
    officer = make_officer()
    report_id, receipt = service.submit_report({"apa": "Ada pungli"})
    key, private = unlocked(officer)
    service.add_team_message(report_id, officer, key, private, "Di unit mana kejadiannya?")
    service.add_team_message(report_id, officer, key, private, "Catatan: cek absensi", internal=True)
    db.session.commit()
    report = db.session.get(WbsReport, report_id)
    assert report.diakui_tanggal == local_today() == report.umpan_balik_tanggal

    box = service.add_reporter_message(receipt, "Di bagian umum.", [clean_pdf("foto")])
    texts = [(e.dari, e.teks) for e in box.entri]
    assert texts == [("Tim WBS", "Di unit mana kejadiannya?"), ("Anda", "Di bagian umum.")]  # no internal note
    assert box.entri[1].lampiran == ["bukti.pdf"]
    case = service.open_case(report_id, officer, key, private)
    assert [e.jenis for e in case.entri] == ["tim", "catatan", "pelapor"]
    assert case.entri[1].teks == "Catatan: cek absensi"

    # the same message form sent twice
    service.add_reporter_message(receipt, "sekali saja", idempotency_key="k" * 30)
    service.add_reporter_message(receipt, "sekali saja", idempotency_key="k" * 30)
    assert db.session.scalar(select(func.count(WbsEntry.id)).where(WbsEntry.jenis == "pelapor")) == 2
    with pytest.raises(DomainError):
        service.add_reporter_message(receipt, "  ")


def test_state_machine_with_reasons_and_forwarding(app_ctx):
    officer = make_officer()
    report_id, receipt = submit()
    key, private = unlocked(officer)
    with pytest.raises(NotAllowed):
        service.change_status(report_id, officer, key, private, "selesai", "langsung selesai")
    with pytest.raises(DomainError) as e:
        service.change_status(report_id, officer, key, private, "verifikasi", "")
    assert e.value.field == "alasan"
    service.change_status(report_id, officer, key, private, "verifikasi", "Sedang diverifikasi.")
    with pytest.raises(DomainError) as e:
        service.change_status(report_id, officer, key, private, "ditindaklanjuti", "Diteruskan.")
    assert e.value.field == "tujuan"
    service.change_status(report_id, officer, key, private, "ditindaklanjuti", "Diteruskan untuk audit.", "inspektorat")
    service.change_status(report_id, officer, key, private, "investigasi", "Audit investigatif dimulai.")
    service.change_status(report_id, officer, key, private, "selesai", "Terbukti; sanksi dijatuhkan.")
    db.session.commit()
    report = db.session.get(WbsReport, report_id)
    assert report.status == "selesai" and report.ditutup_tanggal == local_today()
    assert report.diverifikasi_tanggal == local_today()

    box = service.open_mailbox(receipt)
    assert [(e.status, e.tujuan) for e in box.entri] == [
        ("Verifikasi", None), ("Ditindaklanjuti", "Inspektorat Utama"), ("Investigasi", None), ("Selesai", None)]
    assert box.terbuka is False
    with pytest.raises(DomainError):
        service.add_reporter_message(receipt, "Terima kasih")
    audit_rows = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "wbs.status")).all()
    assert [r.detail for r in audit_rows][-1] == {"dari": "investigasi", "ke": "selesai"}


def test_every_transition_in_the_table_is_checked_in_one_place(app_ctx):
    table = workflow.MACHINE.table
    assert ("diterima", "selesai") not in table
    changes = {key: rule for key, rule in table.items() if rule.target is not None}
    assert {rule.target for rule in changes.values()} <= set(service.STATUS)
    assert all(frm not in service.CLOSED for (frm, _) in changes)
    # what the case page and the mailbox offer comes from the same table
    assert workflow.status_changes("diterima", workflow.TIM) == ["verifikasi", "tidak_dapat"]
    assert workflow.status_changes("diterima", None) == []
    assert workflow.may("selesai", "catatan", workflow.TIM) and not workflow.may("selesai", "pesan_tim", workflow.TIM)
    assert not workflow.may("tidak_dapat", "pesan_pelapor", workflow.PELAPOR)


def test_deadlines_on_the_office_calendar(app_ctx):
    report_id, _ = submit()
    report = db.session.get(WbsReport, report_id)
    report.diterima_tanggal = date(2026, 3, 16)  # a Monday before Nyepi/Idulfitri 2026 holidays
    from core.calendar import add_workdays
    report.batas_pengakuan = add_workdays(report.diterima_tanggal, 3)
    report.batas_verifikasi = add_workdays(report.diterima_tanggal, 7)
    d = service.deadlines(report, today=date(2026, 3, 17))
    assert d["pengakuan"]["batas"] > date(2026, 3, 19)  # holidays push it past Thursday
    assert not d["pengakuan"]["lewat"]
    later = service.deadlines(report, today=date(2026, 5, 1))
    assert later["pengakuan"]["lewat"] and later["verifikasi"]["lewat"] and later["umpan_balik"]["lewat"]
    assert later["umpan_balik"]["batas"] == date(2026, 3, 16) + timedelta(days=30)


def test_queries_count_without_keys(app_ctx):
    officer = make_officer()
    key, private = unlocked(officer)
    a, _ = submit()
    submit()
    service.change_status(a, officer, key, private, "tidak_dapat", "Bukan kewenangan kami.")
    db.session.commit()
    counts = queries.counts_by_status()
    assert counts["diterima"] == 1 and counts["tidak_dapat"] == 1 and counts["selesai"] == 0
    t = queries.timeliness()
    assert t.diterima == 2 and t.diakui_tepat_waktu == 1 and t.tidak_dapat_ditindaklanjuti == 1 and t.terbuka == 1
    assert queries.yearly_counts(local_today().year)[local_today().month] == 2
    assert service.summary() == {"terbuka": 1, "lewat": 0}


def test_purge_destroys_old_closed_reports_once(app, app_ctx, runner):
    officer = make_officer()
    key, private = unlocked(officer)
    old, old_receipt = submit(files=[clean_pdf("lama")])
    recent, _ = submit()
    still_open, _ = submit()
    for rid in (old, recent):
        service.change_status(rid, officer, key, private, "tidak_dapat", "Tidak cukup bukti.")
    db.session.get(WbsReport, old).ditutup_tanggal = local_today() - timedelta(days=800)
    db.session.commit()
    folder = app.config["UPLOAD_FOLDER"]
    import os
    assert len(os.listdir(folder)) == 1

    result = runner.invoke(args=["wbs", "purge"])
    assert result.exit_code == 0 and "1 laporan WBS dimusnahkan" in result.output
    assert db.session.get(WbsReport, old) is None
    assert db.session.scalar(select(func.count()).select_from(WbsKeyWrap).where(WbsKeyWrap.report_id == old)) == 0
    assert db.session.scalar(select(func.count()).select_from(WbsAttachment)) == 0
    assert os.listdir(folder) == []
    assert {r.id for r in db.session.scalars(select(WbsReport))} == {recent, still_open}
    ev = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "wbs.purge"))
    assert ev.detail == {"jumlah": 1, "retensi_hari": 730} and ev.object_id == ""
    with pytest.raises(NotFoundError):
        service.open_mailbox(old_receipt)

    again = runner.invoke(args=["wbs", "purge"])
    assert again.exit_code == 0 and "Tidak ada" in again.output
    assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "wbs.purge")) == 1


def test_ciphertexts_are_bound_to_their_report_and_field(app_ctx):
    officer = make_officer()
    a, _ = submit()
    b, _ = submit()
    ra = db.session.get(WbsReport, a)
    key, private = unlocked(officer)
    from wbs import keys
    dk = keys.data_key(ra, key, private)
    assert sealing.open_text(dk, ra.apa, sealing.field_aad(a, "apa")) == FULL["apa"]
    with pytest.raises(crypto.DecryptionError):
        sealing.open_text(dk, ra.apa, sealing.field_aad(a, "siapa"))  # moved to another column
    with pytest.raises(crypto.DecryptionError):
        sealing.open_text(dk, ra.apa, sealing.field_aad(b, "apa"))  # moved to another report
    # lengths are padded: a short and a long-ish text give the same ciphertext length
    assert len(ra.kapan) == len(ra.dimana)
