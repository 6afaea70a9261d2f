"""The monev and tindak lanjut reports read back (pypdf, python-docx): the numbers in their tables are the records
constructed here; each files itself in the register with its own number; the same report twice (or two officers at
once) is one number and one file; an empty period says so; the monthly timer; recommendations become tracked
actions with an owner unit and a deadline."""
from __future__ import annotations

import io
import re
import threading
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from flask import current_app
from pypdf import PdfReader
from sqlalchemy import func, select

from core.attachments import attachments_of, read_attachment
from core.calendar import add_workdays
from core.errors import DomainError
from core.extensions import db
from core.models import Attachment, Counter, Role
from core.uow import unit_of_work
from tests.factories import make_unit, make_user
from zi import evidence, laporan, tindak_lanjut
from zi.models import ZiBukti, ZiTindakLanjut
from zi.periode import periode

from . import helpers as h
from .conftest import TAHUN

MARET = periode("bulan", TAHUN, 3)
HARI = date(TAHUN, 4, 1)  # Wednesday, after March


def _pdf(b: ZiBukti) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(read_attachment(b.attachment)))
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages), len(reader.pages)


def _docx(b: ZiBukti) -> str:
    doc = Document(io.BytesIO(read_attachment(attachments_of(evidence.OWNER_SALINAN, b.id)[0])))
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts.append(" ".join(c.text for c in row.cells))
    return " ".join(" ".join(parts).split())


@pytest.fixture
def pengaduan_maret(katalog):
    """Eight complaints received on Monday 2 March: web 4, surat 3, telegram 1 (moved to WBS)."""
    kb = make_unit("KB", "Bidang KB-KR")
    sekr = make_unit("SEKR", "Sekretariat")
    make_user([Role.petugas_pengaduan], unit=sekr)
    d, respon = date(TAHUN, 3, 2), date(TAHUN, 3, 4)
    rows = [
        h.pengaduan(d, "selesai", respon_pada=respon),
        h.pengaduan(d, "selesai", respon_pada=respon),
        h.pengaduan(d, "diverifikasi", respon_pada=respon, batas=date(TAHUN, 4, 10)),
        h.pengaduan(d, "diterima", batas=date(TAHUN, 3, 5)),  # no answer, deadline passed
        h.pengaduan(d, "selesai", kanal="surat", respon_pada=date(TAHUN, 3, 3)),
        h.pengaduan(d, "didisposisikan", kanal="surat", respon_pada=date(TAHUN, 3, 3), batas=date(TAHUN, 3, 20)),
        h.pengaduan(d, "ditolak", kanal="surat", respon_pada=date(TAHUN, 3, 3)),
        h.pengaduan(d, "diarsipkan", kanal="telegram", dipindah_wbs=True),
    ]
    for p, kat in zip(rows, ["Pelayanan publik"] * 3 + ["Perilaku petugas"] * 5):
        p.kategori = kat
    rows[5].unit_id = kb.id
    rows[0].penilaian, rows[1].penilaian = 5, 4
    db.session.commit()
    return {"kb": kb, "sekr": sekr}


def test_the_complaint_monev_lists_a_marked_duplicate_apart(pengaduan_maret):
    from pengaduan.models import Riwayat

    dup = h.pengaduan(date(TAHUN, 3, 2), "diarsipkan")
    db.session.add(Riwayat(pengaduan_id=dup.id, aksi="tandai_duplikat", status_dari="diterima",
                           status_ke="diarsipkan", oleh="petugas"))
    db.session.commit()
    t = laporan.terbitkan("monev_pengaduan", MARET, today=HARI)
    db.session.commit()
    text, pages = _pdf(t.bukti)
    assert 2 <= pages <= 4
    assert "7 3 4 57,14 %" in text  # still 7 owed: the duplicate is not
    assert "Ditandai duplikat dari pengaduan lain (tidak dihitung) 1" in text


def test_the_complaint_monev_reads_back_the_records(pengaduan_maret):
    t = laporan.terbitkan("monev_pengaduan", MARET, today=HARI)
    db.session.commit()
    assert t.baru and t.bukti.nomor == f"1/KPW/PW.01/04/{TAHUN}" and t.bukti.tanggal == HARI
    text, pages = _pdf(t.bukti)
    assert 2 <= pages <= 4
    assert "LAPORAN MONITORING DAN EVALUASI PENANGANAN PENGADUAN MASYARAKAT" in text
    assert f"Maret {TAHUN}" in text and f"Nomor: 1/KPW/PW.01/04/{TAHUN}" in text
    assert "Jumlah pengaduan yang diterima: 8." in text
    assert "Situs web 4 50,00 %" in text and "Surat 3 37,50 %" in text and "Telegram 1 12,50 %" in text
    assert "Perilaku petugas 5 62,50 %" in text and "Pelayanan publik 3 37,50 %" in text
    # the LKE figures: owed 7 (the one moved to WBS is not), in progress 3, finished 4 (one reasoned refusal)
    assert "7 3 4 57,14 %" in text
    assert "Dipindahkan ke WBS (tidak dihitung) 1" in text
    # verification per channel: web 3 of 4 verified in 2 HK, one still waiting past the 3 HK deadline
    assert "Situs web 4 2 2 3 / 3 2 2 1" in text
    assert "Surat 3 1 1 3 / 3 1 1 0" in text
    # overdue cases: the unanswered web complaint and the disposed one
    assert "2 pengaduan masih terbuka melewati batas waktunya" in text
    assert "Bidang KB-KR Didisposisikan 20 Maret" in text
    assert "2 pelapor memberi penilaian; rata-rata 4,50 dari 5." in text
    assert "Persentase penyelesaian 57,14 % (4 dari 7" in text
    # the signing official comes from the settings, on the last page
    assert text.rstrip().endswith(f"Halaman {pages} dari {pages}")
    # the same figures in the DOCX
    doc = _docx(t.bukti)
    assert "Jumlah pengaduan yang diterima: 8." in doc and "7 3 4 57,14 %" in doc and "Situs web 4 50,00 %" in doc
    assert f"Nomor: 1/KPW/PW.01/04/{TAHUN}" in doc


def test_the_report_files_itself_against_every_indicator_that_asks_for_it(pengaduan_maret):
    t = laporan.terbitkan("monev_pengaduan", MARET, today=HARI)
    names = evidence.bukti_nama_berkunci(TAHUN, "laporan_monev_pengaduan")
    assert {x.indikator_id for x in t.bukti.tautan_indikator} == {n.indikator_id for n in names}
    assert {x.indikator.kode for x in t.bukti.tautan_indikator} >= {"PW.P3.c", "PW.R2.a"}
    assert t.bukti.jenis == "laporan_otomatis" and (t.bukti.periode_mulai, t.bukti.periode_selesai) == (
        date(TAHUN, 3, 1), date(TAHUN, 3, 31))
    assert t.bukti.keterangan.startswith("Diterima 8; selesai 4 dari 7")


def test_recommendations_become_tracked_actions_with_owner_and_deadline(pengaduan_maret):
    t = laporan.terbitkan("monev_pengaduan", MARET, today=HARI)
    db.session.commit()
    rows = db.session.scalars(select(ZiTindakLanjut).order_by(ZiTindakLanjut.id)).all()
    assert rows and all(r.sumber_bukti_id == t.bukti.id and r.indikator_kode == "PW.P3.d" for r in rows)
    assert all(r.tenggat == add_workdays(HARI, 20) and r.status == "rencana" for r in rows)
    kb = next(r for r in rows if r.unit_id == pengaduan_maret["kb"].id)
    assert kb.rekomendasi.startswith("Selesaikan 1 pengaduan yang melewati batas waktu")
    # the complaint officers' unit owns the ones about verification
    assert any(r.unit_id == pengaduan_maret["sekr"].id and "kanal Situs web" in r.rekomendasi for r in rows)
    text, _ = _pdf(t.bukti)
    assert "Selesaikan 1 pengaduan yang melewati batas waktu" in text and "Bidang KB-KR" in text

    # the follow-up report shows what was done, as of its day
    tindak_lanjut.ubah_status(kb, "selesai", hasil="Pengaduan diselesaikan dan dijawab.", today=date(TAHUN, 4, 6))
    tl = laporan.terbitkan("tl_pengaduan", MARET, today=date(TAHUN, 4, 7))
    db.session.commit()
    text, _ = _pdf(tl.bukti)
    assert f"{len(rows)} rekomendasi: selesai 1" in text
    assert "Pengaduan diselesaikan dan dijawab." in text and t.bukti.nomor in text
    assert tl.bukti.nomor == f"2/KPW/PW.01/04/{TAHUN}"
    assert {x.indikator.kode for x in tl.bukti.tautan_indikator} == {"PW.P3.d"}


def test_each_report_has_its_own_number_in_a_yearly_register(katalog):
    a = laporan.terbitkan("monev_pengaduan", periode("bulan", TAHUN, 1), today=date(TAHUN, 2, 2))
    b = laporan.terbitkan("monev_pengaduan", periode("bulan", TAHUN, 2), today=date(TAHUN, 3, 2))
    c = laporan.terbitkan("monev_pengaduan", periode("bulan", TAHUN, 12), today=date(TAHUN + 1, 1, 2))
    assert [a.bukti.nomor, b.bukti.nomor, c.bukti.nomor] == [
        f"1/KPW/PW.01/02/{TAHUN}", f"2/KPW/PW.01/03/{TAHUN}", f"1/KPW/PW.01/01/{TAHUN + 1}"]


def test_generating_the_same_report_again_finds_the_first(katalog):
    first = laporan.terbitkan("monev_pengaduan", MARET, today=HARI)
    again = laporan.terbitkan("monev_pengaduan", MARET, today=date(TAHUN, 4, 2))
    db.session.commit()
    assert not again.baru and again.bukti.id == first.bukti.id
    assert db.session.scalar(select(Counter.value).where(Counter.name == "zi_laporan")) == 1
    assert db.session.scalar(select(func.count()).select_from(Attachment)) == 2  # the PDF and its DOCX


def test_two_officers_generating_at_once_get_one_number_and_one_file(app, katalog):
    barrier, results, errors = threading.Barrier(2), [], []

    def one():
        with app.app_context():
            try:
                barrier.wait(timeout=10)
                with unit_of_work():
                    t = laporan.terbitkan("monev_pengaduan", MARET, today=HARI)
                    results.append((t.bukti.id, t.bukti.nomor, t.baru))
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(repr(exc))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=one) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len({r[:2] for r in results}) == 1 and sorted(r[2] for r in results) == [False, True]
    assert db.session.scalar(select(func.count()).select_from(ZiBukti)) == 1
    assert db.session.scalar(select(Counter.value).where(Counter.name == "zi_laporan")) == 1
    assert db.session.scalar(select(func.count()).select_from(Attachment)) == 2
    assert len(list(Path(current_app.config["UPLOAD_FOLDER"]).iterdir())) == 2


@pytest.mark.parametrize("kode, kalimat", [
    ("monev_pengaduan", "Tidak ada pengaduan pada periode ini."),
    ("evaluasi_wbs", "Tidak ada laporan WBS pada periode ini."),
    ("upg", "Tidak ada laporan gratifikasi maupun kegiatan kampanye pada periode ini."),
    ("reviu_standar", "Tidak ada hasil SKM maupun pengaduan pada periode ini."),
    ("tl_pengaduan", "Tidak ada rekomendasi pada periode ini."),
    ("tl_wbs", "Tidak ada rekomendasi pada periode ini."),
])
def test_a_period_without_data_says_so(katalog, kode, kalimat):
    t = laporan.terbitkan(kode, MARET, today=HARI)
    text, pages = _pdf(t.bukti)
    assert kalimat in text and pages in (1, 2)
    assert kalimat in _docx(t.bukti)


def test_a_period_that_has_not_ended_is_refused(katalog):
    with pytest.raises(DomainError) as e:
        laporan.terbitkan("monev_pengaduan", MARET, today=date(TAHUN, 3, 31))
    assert e.value.field == "periode" and "Maret 2026 belum berakhir" in e.value.message
    with pytest.raises(DomainError, match="jenis laporan"):
        laporan.terbitkan("laporan_palsu", MARET, today=HARI)


def test_a_period_whose_catalogue_is_missing_loads_it(app_ctx):
    t = laporan.terbitkan("monev_pengaduan", periode("bulan", 2027, 1), today=date(2027, 2, 1))
    assert {x.indikator.tahun for x in t.bukti.tautan_indikator} == {2027}


def test_the_wbs_evaluation_counts_dates_and_statuses_only(katalog):
    make_unit("SEKR", "Sekretariat")
    d = date(TAHUN, 3, 2)
    h.wbs_laporan(d, "selesai", diakui=date(TAHUN, 3, 3), diverifikasi=date(TAHUN, 3, 6))
    h.wbs_laporan(d, "verifikasi", sumber="telegram", diakui=date(TAHUN, 3, 10))  # acknowledged late (6 HK)
    h.wbs_laporan(date(TAHUN, 2, 2), "diterima")
    q1 = periode("triwulan", TAHUN, 1)
    t = laporan.terbitkan("evaluasi_wbs", q1, today=HARI)
    text, _ = _pdf(t.bukti)
    assert "Jumlah laporan WBS yang diterima: 3." in text
    assert "Situs web 2 66,67 %" in text and "Telegram 1 33,33 %" in text
    assert "Pengakuan (≤ 3 HK) 2 1 1 6" in text and "Verifikasi (≤ 7 HK) 1 1 4 4" in text
    assert "isi laporan, jenis pelanggaran, dan identitas pelapor tersegel" in text
    assert t.bukti.nomor == f"1/KPW/PW.01/04/{TAHUN}"
    assert {x.indikator.kode for x in t.bukti.tautan_indikator} == {"PW.P4.b"}


def test_the_upg_report_recaps_reports_and_campaigns(katalog):
    from gratifikasi import service as g

    from tests.gratifikasi.helpers import laporan_input

    g.submit(laporan_input(tanggal_terima=date(TAHUN, 3, 2)), today=date(TAHUN, 3, 3))
    g.submit(laporan_input(jenis="penolakan", tanggal_terima=date(TAHUN, 3, 9), nilai="Rp750.000"),
             today=date(TAHUN, 3, 10))
    h.kampanye(date(TAHUN, 3, 16))
    t = laporan.terbitkan("upg", MARET, today=HARI)
    text, _ = _pdf(t.bukti)
    assert "Jumlah laporan: 2. Nilai penerimaan Rp1.500.000; nilai penolakan Rp750.000." in text
    assert "Spanduk larangan gratifikasi" in text and "16 Maret 2026" in text


def test_the_service_standard_review_joins_skm_and_complaint_themes(katalog):
    layanan = h.skm_layanan()
    h.skm_periode("Triwulan I", date(TAHUN, 1, 1), date(TAHUN, 3, 31), responden=4, layanan=layanan,
                  nilai={"U3": 2})
    for _ in range(3):
        p = h.pengaduan(date(TAHUN, 3, 2), "selesai")
        p.kategori, p.unit_id = "Waktu pelayanan", layanan.unit_id
    t = laporan.terbitkan("reviu_standar", periode("triwulan", TAHUN, 1), today=HARI)
    text, _ = _pdf(t.bukti)
    assert "Seluruh layanan: 4 responden" in text
    assert "Konseling KB" in text and "U3 Waktu Penyelesaian (2,00)" in text
    assert "Waktu pelayanan 3" in text
    assert "Reviu standar pelayanan «Konseling KB»" in text


def test_the_monthly_timer_on_the_first_working_day(app, katalog, runner):
    # 1 January is a holiday: the first working day of January 2027 is Monday 4 January
    result = runner.invoke(args=["zi", "monev-bulanan", "--tanggal", "2027-01-01"])
    assert result.exit_code == 0 and "Belum hari kerja pertama bulan ini (4 Januari 2027)" in result.output
    result = runner.invoke(args=["zi", "monev-bulanan", "--tanggal", "2027-01-04"])
    assert result.exit_code == 0, result.output
    assert f"Laporan monev pengaduan Desember {TAHUN} dibuat: nomor 1/KPW/PW.01/01/2027." in result.output
    again = runner.invoke(args=["zi", "monev-bulanan", "--tanggal", "2027-01-05"])
    assert "sudah ada: nomor 1/KPW/PW.01/01/2027" in again.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ZiBukti)) == 1
        b = db.session.scalar(select(ZiBukti))
        assert (b.periode_mulai, b.periode_selesai) == (date(TAHUN, 12, 1), date(TAHUN, 12, 31))


def test_the_report_pages_generate_and_list_reports(app, muat, login_as):
    from tests.conftest import csrf_from

    c = login_as("admin")
    page = c.get(f"/admin/zi/laporan?tahun={TAHUN}")
    assert page.status_code == 200
    data = {"csrf_token": csrf_from(page.get_data(as_text=True)), "jenis": "monev_pengaduan", "periode": "bulan",
            "tahun": str(TAHUN), "ke": "3"}
    resp = c.post(f"/admin/zi/laporan?tahun={TAHUN}", data=data, follow_redirects=True)
    html = resp.get_data(as_text=True)
    assert "dibuat dengan nomor" in html and ">PDF</a>" in html and ">DOCX</a>" in html
    again = c.post(f"/admin/zi/laporan?tahun={TAHUN}", data=data, follow_redirects=True).get_data(as_text=True)
    assert "sudah ada" in again
    bad = c.post(f"/admin/zi/laporan?tahun={TAHUN}", data={**data, "ke": "13"})
    assert bad.status_code == 400 and "isi ke- antara 1 dan 12" in bad.get_data(as_text=True)
    docx_link = re.search(r'href="(/admin/zi/bukti/\d+/salinan/\d+)"', html).group(1)
    assert c.get(docx_link).mimetype == evidence.DOCX
    assert login_as("tpi").get(f"/admin/zi/laporan?tahun={TAHUN}").status_code == 200
