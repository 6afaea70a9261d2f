"""The rules of Pengaduan Masyarakat, through the service functions on a real database."""
import re
import threading
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import func, select, text

from core.errors import DomainError, NotAllowed, NotFoundError
from core.extensions import db
from core.models import AuditEvent, Counter, Outbox
from core.uow import unit_of_work
from core.workdays import local_today, utcnow
from pengaduan import queries, service
from pengaduan.models import Pengaduan, Riwayat
from pengaduan.workflow import MACHINE, check
from tests.pengaduan.helpers import data, submit

CODE_RE = re.compile(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}")


def test_submit_numbers_tickets_and_hides_the_code(app_ctx):
    p1, code1 = submit()
    p2, code2 = submit()
    year = local_today().year
    assert p1.tiket == f"PGD-{year}-000001" and p2.tiket == f"PGD-{year}-000002"
    assert CODE_RE.fullmatch(code1) and code1 != code2  # 16 base32 characters = 80 bits
    assert p1.status == "diterima" and p1.batas == p1.batas_verifikasi
    raw = db.session.execute(text("SELECT kode_hash, nama, telepon, email, nik FROM pengaduan WHERE id = :i"),
                             {"i": p1.id}).one()
    assert code1 not in raw.kode_hash and code1.replace("-", "") not in raw.kode_hash
    for plain, stored in zip(("Budi Santoso", "081234567890", "budi@contoh.id", "1671010101900001"), raw[1:]):
        assert plain not in stored  # identity encrypted at rest
    assert p1.nama == "Budi Santoso"  # and readable through the model
    assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "pengaduan.terima")) == 2


def test_ticket_year_is_the_jakarta_year(app_ctx, clock):
    # 18:00 UTC on 31 December is already 1 January in Jakarta: the ticket carries the new year
    now = utcnow()
    eve = datetime(now.year, 12, 31, 18, tzinfo=timezone.utc)
    if eve < now:
        eve = eve.replace(year=now.year + 1)
    clock.advance((eve - now).total_seconds())
    p, _ = submit()
    assert p.tiket == f"PGD-{eve.year + 1}-000001" and p.tanggal_diterima == date(eve.year + 1, 1, 1)


def test_tracking_code_checks_and_one_message_for_every_failure(app_ctx):
    p, code = submit()
    other, other_code = submit()
    assert service.find_for_reporter(p.tiket.lower(), code.lower().replace("-", " ")).id == p.id
    messages = set()
    for tiket, kode in ((p.tiket, other_code), ("PGD-2026-999999", code), ("bukan tiket", code), (p.tiket, "")):
        with pytest.raises(NotFoundError) as err:
            service.find_for_reporter(tiket, kode)
        messages.add(err.value.message)
    assert messages == {service.SAME_MESSAGE}


@pytest.mark.parametrize("over, field", [
    ({"uraian": ""}, "uraian"),
    ({"uraian": " \n\t \u200b "}, "uraian"),
    ({"uraian": "x" * 100_000}, "uraian"),
    ({"judul": ""}, "judul"),
    ({"jenis": "keluhan"}, "jenis"),
    ({"kategori": "<script>"}, "kategori"),
    ({"nama": None}, "nama"),
    ({"telepon": None, "email": None}, "telepon"),
    ({"email": "bukan-email"}, "email"),
    ({"nik": "12345"}, "nik"),
    ({"setuju": False}, "setuju"),
    ({"tanggal_kejadian": "2999-01-01"}, "tanggal_kejadian"),
])
def test_bad_input_is_refused_and_nothing_is_written(app_ctx, over, field):
    with pytest.raises(service.InputError) as err:
        submit(**over)
    assert field in err.value.errors and err.value.errors[field]
    assert db.session.scalar(select(func.count()).select_from(Pengaduan)) == 0
    assert db.session.scalar(select(func.count()).select_from(Counter).where(Counter.name == "pengaduan")) == 0


def test_hundred_thousand_characters_give_a_clear_message(app_ctx):
    with pytest.raises(service.InputError) as err:
        submit(uraian="a" * 100_000)
    assert err.value.errors["uraian"] == "Uraian terlalu panjang (100.000 karakter; maksimal 10.000)."


def test_every_error_is_reported_at_once(app_ctx):
    with pytest.raises(service.InputError) as err:
        submit(uraian="", judul="", nama=None, setuju=False)
    assert {"uraian", "judul", "nama", "setuju"} <= set(err.value.errors)


def test_unicode_is_kept_and_invisible_characters_dropped(app_ctx):
    p, _ = submit(judul="Layanan 😀 مرحبا\u200b\u202e", uraian="<script>alert(1)</script> שלום\u200d cukup panjang")
    assert p.judul == "Layanan 😀 مرحبا"
    assert p.uraian == "<script>alert(1)</script> שלום cukup panjang"


def test_anonymous_needs_no_identity_and_keeps_no_nik(app_ctx):
    p, _ = submit(anonim=True, nama=None, telepon=None, email=None, nik="1671010101900001")
    assert p.anonim and p.nama is None and p.nik is None


def test_double_submit_with_one_token_makes_one_complaint(app_ctx):
    token = service.new_token()
    p1, code1 = submit(token=token)
    p2, code2 = submit(token=token)
    assert p1.id == p2.id and code1 == code2 and CODE_RE.fullmatch(code1)
    assert service.find_for_reporter(p1.tiket, code1).id == p1.id
    assert db.session.scalar(select(func.count()).select_from(Pengaduan)) == 1


def test_code_is_not_shown_a_third_time(app_ctx):
    # a double click sees the code twice; someone re-posting the form later on a shared computer does not
    token = service.new_token()
    submit(token=token)
    submit(token=token)
    with pytest.raises(DomainError, match="kode pelacakan hanya ditampilkan saat pengaduan dikirim"):
        submit(token=token)
    assert db.session.scalar(select(func.count()).select_from(Pengaduan)) == 1


def test_concurrent_submits_get_distinct_consecutive_tickets(app):
    tickets, errors = [], []

    def one(i):
        with app.app_context():
            try:
                with unit_of_work():
                    p, _ = service.submit(data(judul=f"Serentak {i}"), kanal="web")
                tickets.append(p.tiket)
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(repr(exc))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    year = local_today().year
    assert sorted(tickets) == [f"PGD-{year}-{n:06d}" for n in range(1, 9)]


def test_concurrent_double_submit_with_one_token(app):
    # two clicks arriving at once: one complaint, and both answers show the same ticket and code
    token, results = service.new_token(), []

    def one():
        with app.app_context():
            with unit_of_work():
                p, code = service.submit(data(), kanal="web", token=token)
            results.append((p.tiket, code))
            db.session.remove()

    threads = [threading.Thread(target=one) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(results)) == 1 and len(results) == 2
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Pengaduan)) == 1
        with unit_of_work():
            later, _ = service.submit(data(), kanal="web")
        assert later.tiket == results[0][0][:-6] + "000002"  # the losing click took no number for good


def _at(monkeypatch, day: date):
    monkeypatch.setattr(service, "local_today", lambda: day)


def test_deadlines_count_working_days_across_holidays(app_ctx, monkeypatch, petugas):
    # Tuesday 17 March 2026; Nyepi, Idul Fitri and cuti bersama fill 18–24 March
    _at(monkeypatch, date(2026, 3, 17))
    p, _ = submit()
    assert p.tanggal_diterima == date(2026, 3, 17)
    assert p.batas_verifikasi == date(2026, 3, 27)  # 25, 26, 27 March
    service.verifikasi(p, petugas, "ringan")
    assert p.batas_selesai == date(2026, 3, 26)  # 2 HK
    assert p.batas_jawaban == date(2026, 3, 31)  # 5 HK
    assert p.batas == date(2026, 3, 26)  # the nearer of the two counts in the queue
    _at(monkeypatch, date(2026, 3, 30))
    p2, _ = submit()
    service.verifikasi(p2, petugas, "berkadar")
    # 60 HK skipping 8 weekday holidays (Good Friday, 1 May, Ascension + cuti, Idul Adha + cuti, 1 June, 1 Muharram)
    assert p2.batas_selesai == date(2026, 7, 2)
    _at(monkeypatch, date(2026, 4, 2))
    service.jawab(p, petugas, "Sudah kami perbaiki jadwalnya.")
    assert p.batas_tanggapan == date(2026, 4, 17)  # 10 HK, skipping Good Friday 3 April


def test_deadline_tiers_come_from_settings(app_ctx, monkeypatch, petugas):
    from core.settings import set_setting

    set_setting("pengaduan", {"tingkat_hk": {"ringan": 1, "normatif": 5, "tidak_berkadar": 14, "berkadar": 60}})
    _at(monkeypatch, date(2026, 11, 23))  # Monday
    p, _ = submit()
    service.verifikasi(p, petugas, "ringan")
    assert p.batas_selesai == date(2026, 11, 24)


def test_full_path_writes_timeline_audit_and_notifications(app_ctx, petugas, unit_kb, pj_kb):
    p, code = submit(telegram_chat="123456789")
    service.verifikasi(p, petugas, "normatif", "cek ke klinik")
    nd = service.disposisi(p, petugas, unit_kb.id, "Segera")
    assert nd.nomor.startswith("1/KPW/PP.01/") and p.unit_id == unit_kb.id
    service.tindak_lanjut(p, pj_kb, "Jadwal klinik ditambah pada hari Sabtu.")
    service.jawab(p, petugas, "Terima kasih; jadwal layanan kini ditambah.")
    db.session.commit()
    assert p.status == "dijawab"
    actions = [r.aksi for r in db.session.scalars(select(Riwayat).where(Riwayat.pengaduan_id == p.id).order_by(Riwayat.id))]
    assert actions == ["terima", "verifikasi", "catatan", "disposisi", "tindak_lanjut", "status", "jawab"]
    audited = set(db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_id == str(p.id))))
    assert {"pengaduan.terima", "pengaduan.verifikasi", "pengaduan.disposisi", "pengaduan.nota_dinas",
            "pengaduan.tindak_lanjut", "pengaduan.jawab"} <= audited
    channels = db.session.execute(select(Outbox.channel, func.count()).group_by(Outbox.channel)).all()
    # receipt + four status changes, both channels; by e-mail also the officer's new-complaint alert and the
    # unit's disposition alert
    assert dict(channels) == {"email": 7, "telegram": 5}
    bodies = " ".join(db.session.scalars(select(Outbox.body)))
    assert "Budi" not in bodies and code not in bodies  # no identity, no secret in messages
    view = service.public_view(p)
    assert view.status_label == "Dijawab" and view.diteruskan_ke == unit_kb.nama  # one vocabulary (DOMAIN §1)
    texts = " ".join(r["keterangan"] for r in view.riwayat)
    assert "cek ke klinik" not in texts and "hari Sabtu" not in texts  # internal notes stay internal
    assert view.jawaban.startswith("Terima kasih")
    from core.audit import verify

    assert verify()[1] is None


def test_transition_table_refuses_illegal_moves(app_ctx, petugas, pj_kb, unit_kb, unit_ks):
    p, _ = submit()
    with pytest.raises(NotAllowed, match="tidak dapat dilakukan"):
        service.jawab(p, petugas, "terlalu cepat")
    with pytest.raises(NotAllowed):
        service.tindak_lanjut(p, pj_kb, "bukan unit saya")  # not disposed to this unit
    with pytest.raises(NotAllowed, match="tidak berwenang"):
        check("diterima", "verifikasi", "pelapor")
    service.verifikasi(p, petugas, "ringan")
    service.disposisi(p, petugas, unit_ks.id)
    with pytest.raises(NotAllowed):
        service.tindak_lanjut(p, pj_kb, "unit lain")
    with pytest.raises(NotAllowed):
        service.verifikasi(p, petugas, "ringan")
    with pytest.raises(DomainError, match="Pilih unit"):
        service.disposisi(p, petugas, 0)
    assert all(isinstance(rule.roles, frozenset) and rule.roles for rule in MACHINE.table.values())


def test_two_people_acting_at_once_cannot_both_move_it(app_ctx, petugas):
    p, _ = submit()
    db.session.commit()
    # another officer's request verified it meanwhile (its commit bumped the version)
    db.session.execute(text("UPDATE pengaduan SET status = 'diverifikasi', versi = versi + 1 WHERE id = :i"), {"i": p.id})
    with pytest.raises(NotAllowed, match="baru saja diubah"):
        service.verifikasi(p, petugas, "ringan")
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Riwayat).where(Riwayat.aksi == "verifikasi")) == 0


def test_refused_disposition_takes_no_number(app_ctx, petugas, unit_kb):
    p, _ = submit()
    with pytest.raises(NotAllowed):
        service.disposisi(p, petugas, unit_kb.id)  # not verified yet
    db.session.rollback()
    assert db.session.scalar(select(Counter.value).where(Counter.name == "nota_dinas:pengaduan")) is None


def test_reporter_completes_replies_and_rates(app_ctx, petugas, monkeypatch):
    p, _ = submit()
    service.minta_lengkapi(p, petugas, "Mohon sebutkan nama klinik.")
    assert p.status == "perlu_dilengkapi" and p.batas == p.batas_tanggapan
    assert service.public_view(p).dapat["lengkapi"]
    assert service.tanggapan_pelapor(p, "Klinik Pratama Sehat.") == "lengkapi"
    assert p.status == "diterima"
    with pytest.raises(NotAllowed):
        service.nilai(p, 5)  # not answered yet
    service.verifikasi(p, petugas, "ringan")
    assert service.tanggapan_pelapor(p, "Ada satu hal lagi.") == "tambah_info"
    service.jawab(p, petugas, "Sudah ditangani.")
    assert service.tanggapan_pelapor(p, "Masih belum berubah.") == "tanggapi"
    assert p.status == "ditindaklanjuti" and p.batas_jawaban is not None
    service.jawab(p, petugas, "Sudah kami cek ulang.")
    with pytest.raises(DomainError, match="1 sampai 5"):
        service.nilai(p, 9)
    service.nilai(p, 4, "Cukup cepat")
    with pytest.raises(NotAllowed, match="sudah Anda nilai"):
        service.nilai(p, 5)
    with pytest.raises(DomainError, match="kosong"):
        service.tanggapan_pelapor(p, "   ")
    assert p.penilaian == 4


def test_reject_with_referral_reopen_and_archive(app_ctx, petugas):
    p, _ = submit()
    with pytest.raises(DomainError, match="alasan"):
        service.tolak(p, petugas, " ")
    service.tolak(p, petugas, "Bukan kewenangan kami.", "Dinas Kesehatan Kota Palembang")
    assert p.status == "ditolak" and not p.terbuka
    view = service.public_view(p)
    assert view.rujukan == "Dinas Kesehatan Kota Palembang" and view.batas_berikutnya is None
    service.buka_kembali(p, petugas, "Ternyata menyangkut petugas kami.")
    assert p.status == "diterima" and p.terbuka
    service.arsipkan(p, petugas, "Duplikat dari tiket lain.")
    assert p.status == "diarsipkan"


def test_automatic_close_is_idempotent(app_ctx, petugas, monkeypatch):
    _at(monkeypatch, date(2026, 11, 2))
    answered, _ = submit()
    service.verifikasi(answered, petugas, "ringan")
    service.jawab(answered, petugas, "Selesai.")
    incomplete, _ = submit()
    service.minta_lengkapi(incomplete, petugas, "Lengkapi lokasi.")
    fresh, _ = submit()
    db.session.commit()
    assert service.tutup_otomatis(date(2026, 11, 16)) == 0  # 16 Nov is the 10th working day: still open
    assert service.tutup_otomatis(date(2026, 11, 17)) == 2
    assert service.tutup_otomatis(date(2026, 11, 17)) == 0
    db.session.expire_all()
    assert (answered.status, incomplete.status, fresh.status) == ("selesai", "diarsipkan", "diterima")
    assert db.session.scalar(select(func.count()).select_from(Riwayat).where(Riwayat.aksi == "tutup_otomatis")) == 2


def test_cli_tutup_otomatis(app, runner):
    result = runner.invoke(args=["pengaduan", "tutup-otomatis", "--tanggal", "2026-11-17"])
    assert result.exit_code == 0 and "0 pengaduan ditutup" in result.output


def test_move_to_wbs_needs_an_offer(app_ctx):
    p, _ = submit()
    with pytest.raises(NotAllowed, match="tidak ditawarkan"):
        service.pindah_wbs(p)


def test_identity_visibility(app_ctx, petugas, pj_kb, unit_kb):
    p, _ = submit(rahasia=True)
    assert service.identity_for(p, "petugas")["nama"] == "Budi Santoso"
    assert service.identity_for(p, "unit")["nama"] == "Bu** Sa*****"
    assert service.identity_for(p, None)["telepon"] != "081234567890"
    q, _ = submit()  # not confidential, but the reporter did not agree to forward it (DOMAIN §1)
    assert service.identity_for(q, "unit")["nama"] == "Bu** Sa*****"
    r, _ = submit(boleh_diteruskan=True)
    assert service.identity_for(r, "unit")["nama"] == "Budi Santoso"


def test_queue_keyset_pages_filters_and_overdue(app_ctx, petugas, unit_kb, monkeypatch):
    _at(monkeypatch, date(2026, 11, 2))
    made = [submit(judul=f"Aduan nomor {i}")[0] for i in range(7)]
    service.verifikasi(made[0], petugas, "berkadar")  # first answer due 9 Nov
    service.disposisi(made[0], petugas, unit_kb.id)
    service.tolak(made[1], petugas, "Bukan kewenangan.")
    db.session.commit()
    seen, after = [], None
    while True:
        page = queries.queue(queries.QueueFilter(), after=after, limit=2)
        seen += [p.id for p in page.rows]
        if page.next_after is None:
            break
        after = page.next_after
    assert len(seen) == len(set(seen)) == 6  # every open one once; the rejected one is not open
    late = queries.queue(queries.QueueFilter(status="terlambat"), today=date(2026, 11, 6)).rows
    assert {p.id for p in late} == {p.id for p in made[2:]}  # verification was due 5 Nov
    assert queries.open_counts(today=date(2026, 11, 6)) == {"terbuka": 6, "terlambat": 5}
    assert queries.open_counts(today=date(2026, 11, 10))["terlambat"] == 6
    assert [p.id for p in queries.queue(queries.QueueFilter(), only_unit=unit_kb.id).rows] == [made[0].id]
    assert [p.id for p in queries.queue(queries.QueueFilter(q=made[3].tiket.lower())).rows] == [made[3].id]
    assert [p.id for p in queries.queue(queries.QueueFilter(q="nomor 4")).rows] == [made[4].id]
    assert queries.queue(queries.QueueFilter(q="100%_")).rows == []
    counts = queries.counts_by_status()
    assert counts["diterima"] == 5 and counts["ditolak"] == 1 and counts["didisposisikan"] == 1
    assert queries.counts_by_status(only_unit=unit_kb.id)["didisposisikan"] == 1
    direct = dict(db.session.execute(select(Pengaduan.status, func.count()).group_by(Pengaduan.status)).all())
    assert {k: v for k, v in counts.items() if v} == direct  # the kept counts match a full count
    service.recount()
    assert queries.counts_by_status() == counts


def test_words_in_the_title_are_searched_through_the_trigram_index_on_postgresql(app_ctx):
    """At a ministry's size the search must not read every complaint: the queue's own query (lower(judul) LIKE
    with its escape) is one the trigram index of migration 0012_cari_judul can serve."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the trigram index is PostgreSQL's")
    for i in range(3):
        submit(judul=f"Antrean loket {i}")
    db.session.commit()
    query = queries.queue_statement(queries.QueueFilter(status="semua", q="loket 1"))
    sql = str(query.compile(db.engine, compile_kwargs={"literal_binds": True}))
    db.session.execute(text("SET LOCAL enable_seqscan = off"))
    db.session.execute(text("SET LOCAL enable_indexscan = off"))  # left: a bitmap scan of an index that fits
    plan = "\n".join(db.session.scalars(text("EXPLAIN " + sql)))
    assert "ix_pengaduan_judul_trgm" in plan, plan
    db.session.rollback()



def test_evidence_queries(app_ctx, petugas, monkeypatch):
    _at(monkeypatch, date(2026, 11, 2))
    a, _ = submit()
    b, _ = submit(jenis="aspirasi")
    service.verifikasi(a, petugas, "ringan")
    service.jawab(a, petugas, "Sudah.")
    service.tutup(a, petugas)
    service.nilai(a, 5)
    db.session.commit()
    period = (date(2026, 11, 1), date(2026, 11, 30))
    counts = queries.counts_per_period(*period)
    assert counts["jumlah"] == 2 and counts["per_jenis"] == {"pengaduan": 1, "aspirasi": 1}
    assert queries.follow_up_ratio(*period) == {"selesai": 1, "sedang_diproses": 1, "harus_ditindaklanjuti": 2,
                                                "persen": 50.0}
    assert queries.timeliness(*period)["dijawab"] == 1
    assert queries.ratings(*period) == {"jumlah_penilaian": 1, "rata_rata": 5.0}


# --- one unit of work ------------------------------------------------------------------------------------

def _upload_files(app) -> set:
    from pathlib import Path

    return {f for f in Path(app.config["UPLOAD_FOLDER"]).rglob("*") if f.is_file()}


def _photo():
    from core.storage import inspect_upload
    from tests.pengaduan.helpers import jpeg_with_exif

    return inspect_upload(jpeg_with_exif(), "bukti.jpg", max_bytes=10 * 1024 * 1024)


def test_submit_leaves_the_commit_to_its_unit_of_work_and_files_go_with_a_rollback(app_ctx):
    with pytest.raises(RuntimeError), unit_of_work():
        p, _ = submit(files=[_photo()])
        assert len(_upload_files(app_ctx)) == 1
        raise RuntimeError("the request failed after the submit")
    assert db.session.scalar(select(func.count()).select_from(Pengaduan)) == 0
    assert _upload_files(app_ctx) == set()  # the stored photo was removed with the rows
    with unit_of_work():
        p, _ = submit(files=[_photo()])
    assert p.tiket.endswith("-000001")  # the rolled-back number was never used
    assert len(_upload_files(app_ctx)) == 1


def test_a_lost_race_on_the_token_is_settled_in_a_savepoint(app_ctx, monkeypatch):
    # the other click committed between this one's checks: the unique token refuses this insert, the savepoint
    # keeps the transaction usable, and this click answers with the first complaint
    token = service.new_token()
    with unit_of_work():
        first, code = submit(token=token)
    real, calls = service._by_idem, []

    def blind_once(idem):
        calls.append(idem)
        return None if len(calls) <= 2 else real(idem)  # both checks before the insert miss the winner

    monkeypatch.setattr(service, "_by_idem", blind_once)
    with unit_of_work():
        again, again_code = submit(token=token, files=[_photo()])
    assert (again.id, again_code) == (first.id, code)
    assert db.session.scalar(select(func.count()).select_from(Pengaduan)) == 1
    assert len(_upload_files(app_ctx)) == 0  # the photo written inside the savepoint is gone
    assert db.session.scalar(select(Counter.value).where(Counter.name == "pengaduan")) == 1  # number given back
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)
                             .where(AuditEvent.action == "pengaduan.terima")) == 1


def test_automatic_close_is_one_unit_of_work(app, runner, monkeypatch):
    with app.app_context():
        from tests.factories import make_user

        officer, _ = make_user(["petugas_pengaduan"])
        _at(monkeypatch, date(2026, 11, 2))
        with unit_of_work():
            for _ in range(2):
                p, _ = submit()
                service.minta_lengkapi(p, officer, "Lengkapi lokasi.")
    real, seen = service._transition, []

    def fails_on_the_second(p, action, *args, **kwargs):
        seen.append(p.id)
        if len(seen) == 2:
            raise RuntimeError("disk full")
        return real(p, action, *args, **kwargs)

    monkeypatch.setattr(service, "_transition", fails_on_the_second)
    result = runner.invoke(args=["pengaduan", "tutup-otomatis", "--tanggal", "2026-12-31"])
    assert result.exit_code != 0
    with app.app_context():
        assert set(db.session.scalars(select(Pengaduan.status))) == {"perlu_dilengkapi"}  # neither was closed
    monkeypatch.setattr(service, "_transition", real)
    result = runner.invoke(args=["pengaduan", "tutup-otomatis", "--tanggal", "2026-12-31"])
    assert result.exit_code == 0 and "2 pengaduan ditutup" in result.output


# --- who may see what -----------------------------------------------------------------------------------

def test_visibility_is_decided_in_the_service(app_ctx, petugas, unit_kb, unit_ks, pj_kb):
    from tests.factories import make_user

    mine, _ = submit()
    other, _ = submit()
    fresh, _ = submit()
    for p, unit in ((mine, unit_kb), (other, unit_ks)):
        service.verifikasi(p, petugas, "ringan")
        service.disposisi(p, petugas, unit.id)
    pimpinan, _ = make_user(["pimpinan"])
    admin, _ = make_user(["admin"])
    no_unit, _ = make_user(["unit"])
    no_unit.unit = None
    assert service.only_unit(petugas) is None and service.only_unit(pimpinan) is None
    assert service.only_unit(pj_kb) == unit_kb.id
    assert service.only_unit(admin) == service.only_unit(no_unit) == service.NOTHING
    assert service.get_visible(mine.id, pj_kb) is mine
    for p in (other, fresh):
        with pytest.raises(NotAllowed):
            service.get_visible(p.id, pj_kb)
    assert service.get_visible(other.id, pimpinan) is other and service.get_visible(fresh.id, petugas) is fresh
    for user in (admin, no_unit):
        with pytest.raises(NotAllowed):
            service.get_visible(mine.id, user)
    with pytest.raises(NotFoundError):
        service.get_visible(999_999, petugas)
    page = queries.queue(queries.QueueFilter(), only_unit=service.only_unit(pj_kb))
    assert [p.id for p in page.rows] == [mine.id]


def test_guards_live_in_the_table(app_ctx, petugas):
    p, _ = submit()
    assert "tawarkan_wbs" in MACHINE.actions_for(p, "petugas")
    assert not service.public_view(p).dapat["pindah_wbs"]
    service.tawarkan_wbs(p, petugas)
    assert "tawarkan_wbs" not in MACHINE.actions_for(p, "petugas")  # offered once
    assert service.public_view(p).dapat["pindah_wbs"]
    with pytest.raises(NotAllowed, match="sudah disampaikan"):
        service.tawarkan_wbs(p, petugas)
    service.verifikasi(p, petugas, "ringan")
    service.jawab(p, petugas, "Sudah.")
    assert service.public_view(p).dapat["nilai"]
    service.nilai(p, 4)
    assert not service.public_view(p).dapat["nilai"]  # rated once
    p.dipindah_wbs = True
    service.tutup(p, petugas)
    assert "buka_kembali" not in MACHINE.actions_for(p, "petugas")  # moved: never reopened
    with pytest.raises(NotAllowed, match="tidak dapat dibuka kembali"):
        service.buka_kembali(p, petugas, "coba")


def test_the_tier_message_follows_the_settings(app_ctx, petugas):
    from core.settings import set_setting

    p, _ = submit()
    with pytest.raises(DomainError, match=r"\(2, 5, 14, atau 60 hari kerja\)"):
        service.verifikasi(p, petugas, "sedang")
    set_setting("pengaduan", {"tingkat_hk": {"ringan": 1, "normatif": 4, "tidak_berkadar": 10, "berkadar": 30}})
    with pytest.raises(DomainError, match=r"\(1, 4, 10, atau 30 hari kerja\)"):
        service.verifikasi(p, petugas, "sedang")


def test_files_of_a_rolled_back_reply_are_removed(app_ctx, petugas):
    with unit_of_work():
        p, _ = submit()
        service.minta_lengkapi(p, petugas, "Mohon foto lokasinya.")
    with pytest.raises(RuntimeError), unit_of_work():
        service.tanggapan_pelapor(p, "Ini fotonya.", [_photo()])
        assert len(_upload_files(app_ctx)) == 1
        raise RuntimeError("the request failed after the reply")
    db.session.expire_all()
    assert p.status == "perlu_dilengkapi" and _upload_files(app_ctx) == set()


def test_files_of_a_refused_reply_are_removed(app_ctx, petugas, monkeypatch):
    with unit_of_work():
        p, _ = submit()
        service.minta_lengkapi(p, petugas, "Mohon foto lokasinya.")
    real = service._transition

    def stale(*args, **kwargs):  # someone changed the complaint meanwhile
        raise NotAllowed("Pengaduan ini baru saja diubah oleh orang lain.")

    monkeypatch.setattr(service, "_transition", stale)
    with pytest.raises(NotAllowed), unit_of_work():
        service.tanggapan_pelapor(p, "Ini fotonya.", [_photo()])
    monkeypatch.setattr(service, "_transition", real)
    assert _upload_files(app_ctx) == set()
