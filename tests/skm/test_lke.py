"""What the surveys tell the LKE (skm/queries.py, read by zi/): distinct survey rounds with enough responses,
and the follow-up answer as the share of the unsur that needed action (DOMAIN.md §4)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from core.extensions import db
from skm import queries, service
from skm.models import SkmLayanan, SkmPeriode, SkmRespon, SkmTindakLanjut
from tests.factories import make_unit

TAHUN = 2026
Q = [(date(TAHUN, 1, 1), date(TAHUN, 3, 31)), (date(TAHUN, 4, 1), date(TAHUN, 6, 30)),
     (date(TAHUN, 7, 1), date(TAHUN, 9, 30)), (date(TAHUN, 10, 1), date(TAHUN, 12, 31))]


def _layanan(populasi=None):
    lay = SkmLayanan(kode=f"uji-{populasi}", nama="Konseling KB", unit_id=make_unit().id, populasi=populasi)
    db.session.add(lay)
    db.session.flush()
    return lay


def _periode(nama, mulai, selesai, target=None):
    p = SkmPeriode(nama=nama, jenis="lainnya", mulai=mulai, selesai=selesai, target_unsur=target)
    db.session.add(p)
    db.session.flush()
    return p


def _jawab(lay, tanggal, n, nilai=None):
    answers = {f"u{i}": 4 for i in range(1, 10)} | {k.lower(): v for k, v in (nilai or {}).items()}
    for _ in range(n):
        db.session.add(SkmRespon(layanan_id=lay.id, tanggal=tanggal, sumber="web", **answers))
    db.session.flush()


def test_four_quarters_a_semester_and_a_year_are_four_rounds(app_ctx):
    lay = _layanan()
    for i, (a, b) in enumerate(Q, 1):
        _periode(f"Triwulan {i}", a, b)
        _jawab(lay, a, 5)
    _periode("Semester I", date(TAHUN, 1, 1), date(TAHUN, 6, 30))
    _periode("Tahun 2026", date(TAHUN, 1, 1), date(TAHUN, 12, 31))
    assert queries.survei_tahun(TAHUN)["jumlah_survei"] == 4  # was 6
    r = queries.survei_berbeda_tahun(TAHUN)
    assert r["jumlah"] == 4 and [p["nama"] for p in r["putaran"]] == [f"Triwulan {i}" for i in range(1, 5)]
    assert {p["nama"] for p in r["tumpang_tindih"]} == {"Semester I", "Tahun 2026"}
    assert "Dihitung: Triwulan 1 (1 Januari 2026 – 31 Maret 2026, 5 responden)" in r["keterangan"]
    assert any(k.startswith("Tidak dihitung: Semester I — tumpang tindih dengan Triwulan 1") for k in r["keterangan"])


def test_a_semester_and_a_year_with_answers_only_in_the_first_quarter_are_one_round(app_ctx):
    lay = _layanan()
    _periode("Semester I", date(TAHUN, 1, 1), date(TAHUN, 6, 30))
    _periode("Tahun 2026", date(TAHUN, 1, 1), date(TAHUN, 12, 31))
    _jawab(lay, date(TAHUN, 2, 10), 5)
    assert queries.survei_tahun(TAHUN)["jumlah_survei"] == 1  # was 2
    assert queries.survei_berbeda_tahun(TAHUN)["jumlah"] == 1


def test_a_round_needs_enough_responses_when_the_population_is_known(app_ctx):
    lay = _layanan(populasi=100)  # Krejcie & Morgan: 80
    for i, (a, b) in enumerate(Q[:2], 1):
        _periode(f"Triwulan {i}", a, b)
    _jawab(lay, Q[0][0], 80)
    _jawab(lay, Q[1][0], 79)
    r = queries.survei_berbeda_tahun(TAHUN)
    assert r["jumlah"] == 1 and [p["nama"] for p in r["putaran"]] == ["Triwulan 1"]
    assert [p["nama"] for p in r["kurang_responden"]] == ["Triwulan 2"]
    assert ("Tidak dihitung: Triwulan 2 — 79 responden, sampel minimal 80 (Krejcie & Morgan) belum tercapai"
            in r["keterangan"])
    assert queries.survei_tahun(TAHUN)["jumlah_survei"] == 1
    # a semester with both quarters' answers is enough, and is one round of its own if no quarter counts
    _periode("Semester I", date(TAHUN, 1, 1), date(TAHUN, 6, 30))
    assert queries.survei_berbeda_tahun(TAHUN)["jumlah"] == 1


def test_without_a_population_any_respondent_counts_and_it_is_said(app_ctx):
    lay = _layanan()
    _periode("Triwulan 1", *Q[0])
    _jawab(lay, Q[0][0], 3)
    r = queries.survei_berbeda_tahun(TAHUN)
    assert r["jumlah"] == 1
    assert any("populasi layanan belum diisi" in k for k in r["keterangan"])


def test_the_overview_page_shows_which_periods_count_as_rounds(app, login_as):
    with app.app_context():
        lay = _layanan()
        for i, (a, b) in enumerate(Q[:2], 1):
            _periode(f"Triwulan {i}", a, b)
            _jawab(lay, a, 5)
        _periode("Semester I", date(TAHUN, 1, 1), date(TAHUN, 6, 30))
        db.session.commit()
    page = login_as("pimpinan").get(f"/admin/skm/?tahun={TAHUN}").get_data(as_text=True)
    assert "2 putaran survei" in page
    assert "Dihitung: Triwulan 1" in page and "Tidak dihitung: Semester I — tumpang tindih" in page


# --- the follow-up answer: the share of the unsur that needed action ------------------------------

def _aksi(p, unit_id, unsur, status):
    db.session.add(SkmTindakLanjut(periode_id=p.id, unsur=unsur, masalah="m", rencana="r", unit_id=unit_id,
                                   tenggat=p.selesai, status=status))
    db.session.flush()


def test_follow_up_counts_the_three_lowest_and_every_unsur_below_target(app_ctx):
    lay = _layanan()
    p = _periode("Triwulan 1", *Q[0], target=Decimal("80"))
    _jawab(lay, Q[0][0], 5, {"U1": 1, "U2": 2, "U3": 2, "U4": 3})  # U4 konversi 75 < 80
    r = queries.tindak_lanjut_unsur([p.id])
    assert r["rincian"][0]["perlu"] == ["U1", "U2", "U3", "U4"] and (r["perlu"], r["jawaban"]) == (4, "D")
    for unsur in ("U1", "U2", "U3"):
        _aksi(p, lay.unit_id, unsur, "selesai")
    r = queries.tindak_lanjut_unsur([p.id])
    assert (r["selesai"], r["perlu"], r["jawaban"], r["jawaban_teks"]) == (3, 4, "B", "sebagian besar")
    _aksi(p, lay.unit_id, "U4", "proses")
    assert queries.tindak_lanjut_unsur([p.id])["jawaban"] == "B"  # an unsur is done when all its actions are
    db.session.query(SkmTindakLanjut).filter_by(unsur="U4").update({"status": "selesai"})
    assert queries.tindak_lanjut_unsur([p.id])["jawaban"] == "A"


def test_actions_on_unsur_that_did_not_need_them_do_not_count(app_ctx):
    lay = _layanan()
    p = _periode("Triwulan 1", *Q[0])
    _jawab(lay, Q[0][0], 5, {"U1": 2, "U2": 2, "U3": 3})
    _aksi(p, lay.unit_id, "U9", "selesai")  # one completed action, on a strong unsur
    r = queries.tindak_lanjut_unsur([p.id])
    assert (r["selesai"], r["perlu"], r["jawaban_teks"]) == (0, 3, "belum")
    assert r["rincian"][0]["lain"] == ["U9"]
    _aksi(p, lay.unit_id, "U1", "selesai")
    y = queries.tindak_lanjut_tahun(TAHUN)  # the same answer, over the year's rounds
    assert (y["selesai"], y["total"], y["jawaban"], y["jawaban_teks"]) == (1, 3, "C", "sebagian kecil")
    assert (y["rencana_selesai"], y["rencana_total"]) == (2, 2)  # the actions themselves, for the record


def test_the_target_is_set_on_the_period(app, login_as):
    officer = login_as("pengelola_skm")
    from tests.conftest import csrf_from

    page = officer.get("/admin/skm/periode/baru").get_data(as_text=True)
    assert 'name="target_unsur"' in page
    resp = officer.post("/admin/skm/periode/baru", data={
        "csrf_token": csrf_from(page), "nama": "Triwulan I 2026", "jenis": "triwulan", "mulai": "2026-01-01",
        "selesai": "2026-03-31", "metode_bobot": "1/9", "publik": "y", "target_unsur": "82,5"})
    assert resp.status_code == 302
    with app.app_context():
        p = db.session.scalar(db.select(SkmPeriode))
        assert p.target_unsur == Decimal("82.50")
        pid = p.id
    page = officer.get(f"/admin/skm/periode/{pid}").get_data(as_text=True)
    assert 'value="82,50"' in page
    bad = officer.post(f"/admin/skm/periode/{pid}", data={
        "csrf_token": csrf_from(page), "nama": "Triwulan I 2026", "jenis": "triwulan", "mulai": "2026-01-01",
        "selesai": "2026-03-31", "metode_bobot": "1/9", "target_unsur": "120"})
    assert "Target 25–100" in bad.get_data(as_text=True)
    with app.app_context():
        assert service.periode_or_404(pid).target_unsur == Decimal("82.50")


def test_the_results_page_lists_the_unsur_that_need_action(app, login_as):
    with app.app_context():
        lay = _layanan()
        p = _periode("Triwulan 1", *Q[0], target=Decimal("80"))
        _jawab(lay, Q[0][0], 5, {"U1": 1, "U2": 2, "U3": 2, "U4": 3})
        db.session.commit()
        pid = p.id
    page = login_as("pengelola_skm").get(f"/admin/skm/hasil/{pid}").get_data(as_text=True)
    part = page[page.index("Unsur yang perlu ditindaklanjuti"):page.index("Rencana tindak lanjut (")]
    assert "setiap unsur di bawah target 80,00" in part
    assert "U4 Biaya/Tarif — NRR 3,00 (di bawah target)" in part
    assert "U1 Persyaratan — NRR 1,00 (tiga terendah, di bawah target)" in part
    assert part.count("buat rencana tindak lanjut") == 4
