"""Model-based tests of the three case workflows: hypothesis draws any sequence of actions (allowed or not);
each goes through the real service in its own unit of work, and the workflow table is the model it is judged
against. After every step the invariants hold:

- a refused action changes nothing; an accepted one moves the case exactly where the table says;
- counts per status match the rows (pengaduan keeps them in pengaduan_jumlah; gratifikasi and WBS count);
- no deadline lies before the day the case was received;
- a closed case accepts only reopening (a complaint) or nothing that changes its state (WBS, gratifikasi).
"""
from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis import given
from sqlalchemy import func, select

from core.errors import DomainError
from core.extensions import db
from core.uow import unit_of_work
from core.workdays import local_today
from tests.conftest import _empty_tables

MACHINE = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                           HealthCheck.too_slow])


def _attempt(call) -> bool:
    """One action in its own unit of work: True if it was accepted (committed), False if refused."""
    try:
        with unit_of_work():
            call()
    except DomainError:
        return False
    return True


# --- Pengaduan ---------------------------------------------------------------------------------------------

PGD_ACTIONS = ("verifikasi", "minta_lengkapi", "pelapor", "tolak", "disposisi", "tindak_lanjut", "jawab", "tutup",
               "buka_kembali", "arsipkan", "tandai_duplikat", "tawarkan_wbs", "catatan", "nilai", "tutup_otomatis")


def _pgd_call(service, p, action, petugas, unit_user, unit_id, other):
    return {
        "verifikasi": lambda: service.verifikasi(p, petugas, "ringan"),
        "minta_lengkapi": lambda: service.minta_lengkapi(p, petugas, "Mohon lengkapi bukti."),
        "pelapor": lambda: service.tanggapan_pelapor(p, "Tulisan pelapor."),
        "tolak": lambda: service.tolak(p, petugas, "Bukan kewenangan kami."),
        "disposisi": lambda: service.disposisi(p, petugas, unit_id),
        "tindak_lanjut": lambda: service.tindak_lanjut(p, unit_user, "Sudah ditindaklanjuti unit."),
        "jawab": lambda: service.jawab(p, petugas, "Jawaban untuk pelapor."),
        "tutup": lambda: service.tutup(p, petugas),
        "buka_kembali": lambda: service.buka_kembali(p, petugas, "Pelapor keberatan."),
        "arsipkan": lambda: service.arsipkan(p, petugas, "Ganda."),
        "tandai_duplikat": lambda: service.tandai_duplikat(p, petugas, other.tiket),
        "tawarkan_wbs": lambda: service.tawarkan_wbs(p, petugas),
        "catatan": lambda: service.catatan(p, petugas, "Catatan internal."),
        "nilai": lambda: service.nilai(p, 4),
    }[action]


def _pgd_expected(p, action: str, other):
    """What the table (pengaduan.workflow) and the named rules say: the next status, or None if refused."""
    from pengaduan.workflow import MACHINE as TABLE, PELAPOR, PETUGAS, UNIT

    if action == "pelapor":
        action, role = {"perlu_dilengkapi": "lengkapi", "dijawab": "tanggapi"}.get(p.status, "tambah_info"), PELAPOR
    elif action == "nilai":
        role = PELAPOR
    elif action == "tindak_lanjut":
        role = UNIT if p.unit_id else None
    else:
        role = PETUGAS
    rule = TABLE.table.get((p.status, action))
    if rule is None or role not in rule.roles:
        return None
    if (action == "nilai" and p.penilaian is not None) or (action == "tawarkan_wbs" and p.tawaran_wbs) \
            or (action == "buka_kembali" and p.dipindah_wbs) \
            or (action == "tandai_duplikat" and other.status == "diarsipkan"):  # a duplicate of a handled case
        return None
    return rule.target or p.status


def _pgd_invariants():
    from pengaduan.models import JumlahStatus, Pengaduan, Riwayat
    from pengaduan.workflow import OPEN

    rows = db.session.scalars(select(Pengaduan)).all()
    counted = {(s, u): n for s, u, n in db.session.execute(select(JumlahStatus.status, JumlahStatus.unit_id,
                                                                  JumlahStatus.jumlah)) if n}
    actual: dict = {}
    for p in rows:
        actual[(p.status, p.unit_id or 0)] = actual.get((p.status, p.unit_id or 0), 0) + 1
    assert counted == actual
    for p in rows:
        assert p.terbuka == (p.status in OPEN)
        for name in ("batas_verifikasi", "batas_jawaban", "batas_selesai", "batas_tanggapan", "batas"):
            value = getattr(p, name)
            assert value is None or value >= p.tanggal_diterima, (name, value, p.tanggal_diterima)
        assert db.session.scalar(select(func.count(Riwayat.id)).where(Riwayat.pengaduan_id == p.id)) >= 1


@MACHINE
@given(st.lists(st.tuples(st.integers(0, 1), st.sampled_from(PGD_ACTIONS)), min_size=1, max_size=24))
def test_pengaduan_any_sequence_keeps_the_invariants(app_ctx, steps):
    from pengaduan import service
    from pengaduan.models import Pengaduan, Riwayat
    from pengaduan.workflow import CLOSED
    from tests.factories import make_unit, make_user
    from tests.pengaduan.helpers import data

    _empty_tables()
    unit = make_unit("KB", "Bidang KB")
    db.session.commit()
    petugas, _ = make_user(["petugas_pengaduan"])
    unit_user, _ = make_user(["unit"], unit=unit)
    ids = [service.submit(data(judul=f"Kasus {i}"), kanal="web")[0].id for i in range(2)]
    db.session.commit()
    later = local_today() + timedelta(days=90)
    accepted = 0
    for which, action in steps:
        if action == "tutup_otomatis":
            service.tutup_otomatis(today=later)  # every reply window has passed by then
            db.session.commit()
            _pgd_invariants()
            continue
        p = db.session.get(Pengaduan, ids[which])
        before, riwayat_before = p.status, db.session.scalar(select(func.count(Riwayat.id)))
        other = db.session.get(Pengaduan, ids[1 - which])
        expected = _pgd_expected(p, action, other)
        ok = _attempt(_pgd_call(service, p, action, petugas, unit_user, unit.id, other))
        db.session.expire_all()
        p = db.session.get(Pengaduan, ids[which])
        assert ok == (expected is not None), (before, action, ok)
        if ok:
            accepted += 1
            assert p.status == expected, (before, action, p.status)
            assert db.session.scalar(select(func.count(Riwayat.id))) > riwayat_before
            if before in CLOSED and p.status != before:
                assert action == "buka_kembali", (before, action)
        else:
            assert p.status == before
            assert db.session.scalar(select(func.count(Riwayat.id))) == riwayat_before
        _pgd_invariants()


def test_a_closed_complaint_accepts_only_reopening():
    from pengaduan.workflow import CLOSED, MACHINE as TABLE

    for (status, action), rule in TABLE.table.items():
        if status in CLOSED and rule.target is not None and rule.target != status:
            assert action == "buka_kembali", (status, action)


# --- WBS ---------------------------------------------------------------------------------------------------

WBS_STEPS = st.tuples(st.integers(0, 1),
                      st.sampled_from(["status", "status", "status", "pesan_tim", "catatan", "pesan_pelapor"]),
                      st.sampled_from(["diterima", "verifikasi", "ditindaklanjuti", "investigasi", "selesai",
                                       "tidak_dapat"]),
                      st.sampled_from(["Alasan yang cukup jelas.", "ok"]),
                      st.sampled_from([None, "inspektorat", "apip", "aph", "entah"]))


@MACHINE
@given(st.lists(WBS_STEPS, min_size=1, max_size=20))
def test_wbs_any_sequence_keeps_the_invariants(app_ctx, steps):
    from tests.wbs.helpers import make_officer, submit, unlocked
    from wbs import service, workflow
    from wbs.models import WbsEntry, WbsReport
    from wbs.workflow import CLOSED

    _empty_tables()
    officer = make_officer()
    key, private = unlocked(officer)
    reports = [submit(apa=f"Laporan {i}") for i in range(2)]
    for which, kind, to, alasan, tujuan in steps:
        report_id, receipt = reports[which]
        report = db.session.get(WbsReport, report_id)
        before, entries_before = report.status, db.session.scalar(select(func.count(WbsEntry.id)))
        if kind == "status":
            try:
                expected = workflow.check_status_change(before, to, workflow.TIM, alasan, tujuan)
            except DomainError:
                expected = None
            call = lambda: service.change_status(report_id, officer, key, private, to, alasan, tujuan)  # noqa: E731
        elif kind == "pesan_pelapor":
            expected = before if workflow.may(before, "pesan_pelapor", workflow.PELAPOR) else None
            call = lambda: service.add_reporter_message(receipt, "Pesan pelapor.")  # noqa: E731
        else:
            expected = before if workflow.may(before, kind, workflow.TIM) else None
            call = lambda: service.add_team_message(report_id, officer, key, private, "Teks.",  # noqa: E731
                                                    internal=kind == "catatan")
        ok = _attempt(call)
        db.session.expire_all()
        report = db.session.get(WbsReport, report_id)
        assert ok == (expected is not None), (before, kind, to, alasan, tujuan)
        assert report.status == (expected if ok else before)
        assert db.session.scalar(select(func.count(WbsEntry.id))) == entries_before + (1 if ok else 0)
        if before in CLOSED:
            assert report.status == before and (not ok or kind == "catatan")
        for r in db.session.scalars(select(WbsReport)):
            assert r.batas_pengakuan >= r.diterima_tanggal and r.batas_verifikasi >= r.diterima_tanggal
            for d in (r.diakui_tanggal, r.diverifikasi_tanggal, r.umpan_balik_tanggal, r.ditutup_tanggal):
                assert d is None or d >= r.diterima_tanggal
            assert (r.ditutup_tanggal is not None) == (r.status in CLOSED)
        open_rows = db.session.scalar(select(func.count()).select_from(WbsReport).where(WbsReport.status.not_in(CLOSED)))
        assert service.summary()["terbuka"] == open_rows


# --- Gratifikasi ---------------------------------------------------------------------------------------------

GRT_ACTIONS = ("verifikasi", "minta_lengkapi", "dilengkapi", "teruskan_kpk", "tetapkan", "selesaikan")


@MACHINE
@given(st.lists(st.sampled_from(["penerimaan", "penolakan", "nihil"]), min_size=1, max_size=3),
       st.lists(st.tuples(st.integers(0, 2), st.sampled_from(GRT_ACTIONS)), min_size=1, max_size=20))
def test_gratifikasi_any_sequence_keeps_the_invariants(app_ctx, kinds, steps):
    from gratifikasi import queries, service, workflow
    from gratifikasi.models import LaporanGratifikasi, RiwayatGratifikasi
    from tests.factories import make_user
    from tests.gratifikasi.helpers import laporan_input

    _empty_tables()
    upg, _ = make_user(["upg"])
    today = local_today()
    ids = []
    for jenis in kinds:
        extra = {"periode_awal": today - timedelta(days=30), "periode_akhir": today} if jenis == "nihil" else {}
        with unit_of_work():
            lap, _ = service.submit(laporan_input(jenis=jenis, tanggal_terima=today - timedelta(days=2), **extra))
        ids.append(lap.id)
    calls = {
        "verifikasi": lambda lap: service.verifikasi(lap, upg, ""),
        "minta_lengkapi": lambda lap: service.minta_lengkapi(lap, upg, "Foto barang."),
        "dilengkapi": lambda lap: service.lengkapi(lap, "Foto terlampir."),
        "teruskan_kpk": lambda lap: service.teruskan_kpk(lap, upg, tanggal=today, cara="gol"),
        "tetapkan": lambda lap: service.tetapkan(lap, upg, penetapan="milik_negara", nomor_sk="SK-1/2026",
                                                 tanggal_sk=today, tindak_lanjut="Diserahkan ke KPK."),
        "selesaikan": lambda lap: service.selesaikan(lap, upg, ""),
    }
    for which, action in steps:
        lap_id = ids[which % len(ids)]
        lap = db.session.get(LaporanGratifikasi, lap_id)
        before = lap.status
        history_before = db.session.scalar(select(func.count(RiwayatGratifikasi.id)))
        actor = None if action == "dilengkapi" else upg
        expected = workflow.TABLE.check(lap, action, workflow.role_of(actor)) \
            if workflow.TABLE.can(lap, action, workflow.role_of(actor)) else None
        ok = _attempt(lambda: calls[action](lap))
        db.session.expire_all()
        lap = db.session.get(LaporanGratifikasi, lap_id)
        assert ok == (expected is not None), (lap.jenis, before, action)
        assert lap.status == (expected if ok else before)
        history = db.session.scalar(select(func.count(RiwayatGratifikasi.id)))
        assert history == history_before + (1 if ok else 0)
        if before == "selesai":
            assert not ok
        rows = db.session.scalars(select(LaporanGratifikasi)).all()
        counts = queries.jumlah_per_status()
        assert sum(counts.values()) == len(rows)
        for status, n in counts.items():
            assert n == sum(1 for r in rows if r.status == status)
        for r in rows:
            if r.tanggal_terima:
                for d in (r.tenggat_upg, r.tenggat_kpk, r.tenggat_teruskan):
                    assert d is None or d >= r.tanggal_terima
            assert r.tanggal_teruskan is None or r.tanggal_teruskan >= r.tanggal_lapor
            assert r.tanggal_sk is None or r.tanggal_sk >= r.tanggal_teruskan
