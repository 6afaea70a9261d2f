"""Officers' pages: services, periods, questionnaire, upload import, results, reports read back, follow-up."""
from __future__ import annotations

import io
from datetime import date


from docx import Document
from pypdf import PdfReader
from sqlalchemy import func, select

from core.extensions import db
from core.models import AuditEvent
from skm import queries, service
from skm.models import SkmLayanan, SkmPeriode, SkmRespon, SkmTindakLanjut
from tests.conftest import csrf_from
from tests.factories import make_unit
from tests.skm.conftest import HEADER, contoh_rows, isi_basis_data, xlsx_bytes

U = [f"U{i}" for i in range(1, 10)]
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def _post(client, url, data, **kw):
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code)
    return client.post(url, data={"csrf_token": csrf_from(page.get_data(as_text=True)), **data}, **kw)


def _import_contoh(app, ids):
    from skm.berkas import baca

    with app.app_context():
        data = xlsx_bytes(HEADER, contoh_rows())
        service.impor(db.session.get(SkmLayanan, ids.layanan), db.session.get(SkmPeriode, ids.periode),
                      baca(data, "contoh.xlsx"), sha256="x" * 64)
        db.session.commit()


def _unit_officer(app, kode, nama):
    from tests.conftest import login
    from tests.factories import make_user

    with app.app_context():
        user, _ = make_user(["unit"], unit=make_unit(kode, nama))
        email = user.email
    client = app.test_client()
    assert login(client, email).status_code == 302
    return client


def _docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    return "\n".join(parts)


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)



def test_pengelola_sets_up_service_period_and_question(app, login_as, client):
    with app.app_context():
        unit_id = make_unit("KS", "Bidang Keluarga Sejahtera").id
        db.session.commit()
    officer = login_as("pengelola_skm")
    resp = _post(officer, "/admin/skm/layanan/baru", {"nama": "Pinjam BKB Kit", "kode": "BKB-Kit", "unit_id": unit_id,
                                                      "populasi": "1000", "aktif": "y"})
    assert resp.status_code == 302
    bad = _post(officer, "/admin/skm/layanan/baru", {"nama": "Lain", "kode": "hasil", "unit_id": unit_id})
    assert "dipakai halaman lain" in bad.get_data(as_text=True)
    resp = _post(officer, "/admin/skm/periode/baru", {"nama": "Semester I 2026", "jenis": "semester",
                                                      "mulai": "2026-07-01", "selesai": "2026-01-01",
                                                      "metode_bobot": "0,111"})
    assert "Tanggal mulai harus sebelum" in resp.get_data(as_text=True)
    resp = _post(officer, "/admin/skm/periode/baru", {"nama": "Semester I 2026", "jenis": "semester",
                                                      "mulai": "2026-01-01", "selesai": "2026-06-30",
                                                      "metode_bobot": "0,111", "publik": "y"})
    assert resp.status_code == 302
    # wording is editable; the unsur identity is not
    resp = _post(officer, "/admin/skm/kuesioner/U9", {"pertanyaan": "Bagaimana kenyamanan ruang tunggu kami?",
                                                      "label_1": "Tidak nyaman", "label_2": "Kurang nyaman",
                                                      "label_3": "Nyaman", "label_4": "Sangat nyaman", "urutan": "8"})
    assert resp.status_code == 302
    _post(officer, "/admin/skm/kuesioner/U8", {"pertanyaan": "Pengaduan?", "label_1": "a", "label_2": "b",
                                               "label_3": "c", "label_4": "d", "urutan": "9"})
    assert officer.get("/admin/skm/kuesioner/U10").status_code == 404
    survey = client.get("/survei/bkb-kit").get_data(as_text=True)
    assert "Bagaimana kenyamanan ruang tunggu kami?" in survey and "Sangat nyaman" in survey
    assert survey.index("ruang tunggu kami") < survey.index("Pengaduan?")  # U9 shown before U8
    assert 'name="U9"' in survey
    with app.app_context():
        lay = db.session.scalar(select(SkmLayanan))
        assert (lay.kode, lay.populasi, lay.aktif, lay.wajib_kode) == ("bkb-kit", 1000, True, False)
        assert db.session.scalar(select(SkmPeriode)).metode_bobot == "0,111"
        assert db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action.startswith("skm."))) >= 4
    assert "IKM" in officer.get("/admin/").get_data(as_text=True)  # the dashboard card
    overview = officer.get("/admin/skm/").get_data(as_text=True)
    assert "Semester I 2026" in overview and "/survei/bkb-kit" in overview and "belum ada data" in overview


def test_read_only_roles_and_unit_cannot_write(app, login_as, ids):
    for role in ("pimpinan", "tpi"):
        c = login_as(role)
        assert c.get("/admin/skm/").status_code == 200
        page = c.get(f"/admin/skm/hasil/{ids.periode}").get_data(as_text=True)
        assert "Hasil SKM Periode Uji" in page and "buat rencana tindak lanjut" not in page
        assert c.get("/admin/skm/layanan/baru").status_code == 403
        assert c.get("/admin/skm/impor").status_code == 403
    unit = login_as("unit")
    assert unit.get("/admin/skm/").status_code == 403
    assert unit.get("/admin/skm/tindak-lanjut").status_code == 200


def test_upload_import_reports_bad_rows_then_imports_good_file(app, login_as, ids):
    officer = login_as("pengelola_skm")
    rows = contoh_rows()
    rows[3][6] = 0
    rows.append(list(rows[0]))
    data = {"layanan_id": ids.layanan, "periode_id": ids.periode}
    resp = _post(officer, "/admin/skm/impor", {**data, "berkas": (io.BytesIO(xlsx_bytes(HEADER, rows)), "skm.xlsx")},
                 content_type="multipart/form-data")
    html = resp.get_data(as_text=True)
    assert "Tidak ada yang diimpor: 2 baris bermasalah" in html
    assert "Baris 5: U1 bernilai 0, di luar rentang 1–4" in html
    assert "Baris 31: sama persis dengan baris 2 (duplikat)" in html
    with app.app_context():
        assert db.session.scalar(select(func.count(SkmRespon.id))) == 0
    resp = _post(officer, "/admin/skm/impor", {**data, "berkas": (io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00"), "skm.csv")},
                 content_type="multipart/form-data")
    assert "bukan berkas XLSX atau CSV yang sah" in resp.get_data(as_text=True)
    resp = _post(officer, "/admin/skm/impor", {**data, "berkas": (io.BytesIO(xlsx_bytes(HEADER, contoh_rows())),
                                                                  "skm.xlsx")}, content_type="multipart/form-data")
    assert resp.status_code == 302
    page = officer.get(resp.headers["Location"]).get_data(as_text=True)
    assert "29 responden diimpor" in page and "91,48" in page and "Mutu A" in page


def test_report_docx_and_pdf_read_back(app, login_as, ids):
    _import_contoh(app, ids)
    with app.app_context():
        service.buat_tindak_lanjut(periode=db.session.get(SkmPeriode, ids.periode), layanan=None, unsur="U3",
                                   masalah="Antrian panjang", rencana="Tambah loket & <nomor antrian>",
                                   unit_id=ids.unit, tenggat=ids.selesai)
        db.session.commit()
    officer = login_as("pimpinan")
    resp = officer.get(f"/admin/skm/hasil/{ids.periode}/laporan.docx")
    assert resp.status_code == 200 and "attachment" in resp.headers["Content-Disposition"]
    text = _docx_text(resp.data)
    assert "LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT" in text
    assert "Metode bobot: bobot tepat 1/9 (Σ NRR ÷ 9)." in text
    assert "Sampel minimal 80 responden dari populasi 100 (Krejcie & Morgan); terkumpul 29" in text
    assert "1 | U1 Persyaratan | 105 | 29 | 3,62" in text
    assert "IKM konversi = 91,48; mutu pelayanan A (Sangat Baik)" in text
    assert "U3 Waktu Penyelesaian: NRR 3,45" in text  # the lowest unsur
    assert "• Antrian lebih cepat" in text  # saran summary
    assert "Tambah loket & <nomor antrian>" in text and "Direncanakan" in text
    assert len(Document(io.BytesIO(resp.data)).inline_shapes) == 1  # the NRR chart
    pdf = officer.get(f"/admin/skm/hasil/{ids.periode}/laporan.pdf")
    text = _pdf_text(pdf.data)
    assert "LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT" in text and "91,48" in text
    assert "Tambah loket & <nomor antrian>" in " ".join(text.split())  # table cells wrap and "U3 Waktu Penyelesaian" in text
    per_service = officer.get(f"/admin/skm/hasil/{ids.periode}/laporan.docx?layanan={ids.layanan}")
    assert "Konseling KB" in _docx_text(per_service.data)


def test_poster_a4_a3_marks_offline_publication(app, login_as, ids):
    _import_contoh(app, ids)
    with app.app_context():
        assert queries.survei_tahun(ids.tahun)["offline"] is False
    officer = login_as("pengelola_skm")
    page = officer.get(f"/admin/skm/hasil/{ids.periode}").get_data(as_text=True)
    url = f"/admin/skm/hasil/{ids.periode}/poster.pdf"
    assert f'action="{url}"' in page and f'action="{url}?ukuran=A3"' in page

    def read_back(resp, width):
        reader = PdfReader(io.BytesIO(resp.data))
        assert round(float(reader.pages[0].mediabox.width)) == width
        text = reader.pages[0].extract_text()
        assert "91,48" in text and "Mutu A" in text and "Sangat Baik" in text

    # a GET (a link opened, a prefetch) only downloads: it writes nothing
    with app.app_context():
        before = isi_basis_data()
    for size, width in (("A4", 595), ("A3", 842)):
        read_back(officer.get(f"{url}?ukuran={size}"), width)
    with app.app_context():
        assert isi_basis_data() == before
    # printing it from the results page (a POST) records the offline publication, once
    for size, width in (("A4", 595), ("A3", 842)):
        read_back(officer.post(f"{url}?ukuran={size}", data={"csrf_token": csrf_from(page)}), width)
    with app.app_context():
        info = queries.survei_tahun(ids.tahun)
        assert info["offline"] is True and info["online"] is True and info["jumlah_survei"] == 1
        assert db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "skm.poster")) == 1
    reader = login_as("pimpinan")  # reads results, prints nothing
    page = reader.get(f"/admin/skm/hasil/{ids.periode}").get_data(as_text=True)
    assert f'href="{url}?ukuran=A3"' in page and f'action="{url}' not in page
    assert reader.post(url, data={"csrf_token": csrf_from(page)}).status_code == 403


def test_empty_period_report_says_no_data(app, login_as, ids):
    officer = login_as("pengelola_skm")
    text = _docx_text(officer.get(f"/admin/skm/hasil/{ids.periode}/laporan.docx").data)
    assert "Belum ada data: belum ada responden pada periode ini." in text
    assert "Rencana tindak lanjut belum disusun." in text
    assert "Belum ada data" in officer.get(f"/admin/skm/hasil/{ids.periode}").get_data(as_text=True)


def test_follow_up_tracker_roles_evidence_and_zi_answer(app, login_as, ids):
    _import_contoh(app, ids)
    officer = login_as("pengelola_skm")
    page = officer.get(f"/admin/skm/tindak-lanjut/baru/{ids.periode}").get_data(as_text=True)
    assert '<option selected value="U3">' in page  # the weakest unsur is proposed
    for unsur in ("U3", "U2"):
        resp = _post(officer, f"/admin/skm/tindak-lanjut/baru/{ids.periode}",
                     {"unsur": unsur, "layanan_id": "0", "masalah": "x", "rencana": f"Perbaiki {unsur}",
                      "unit_id": ids.unit, "tenggat": ids.selesai.isoformat()})
        assert resp.status_code == 302
    with app.app_context():
        t1, t2 = [t.id for t in db.session.scalars(select(SkmTindakLanjut).order_by(SkmTindakLanjut.id))]
        assert queries.tindak_lanjut_tahun(ids.tahun)["jawaban_teks"] == "belum"

    # an officer of the owner unit moves it forward; another unit's officer cannot see it
    mine = _unit_officer(app, "KB", "Bidang Keluarga Berencana")
    other = _unit_officer(app, "DALDUK", "Bidang Dalduk")
    assert other.get(f"/admin/skm/tindak-lanjut/{t1}").status_code == 403
    assert "Perbaiki U3" not in other.get("/admin/skm/tindak-lanjut").get_data(as_text=True)
    url = f"/admin/skm/tindak-lanjut/{t1}"
    html = mine.get(url).get_data(as_text=True)
    token = csrf_from(html)
    assert 'value="proses"' in html and 'value="selesai"' not in html  # rencana → selesai: pengelola only
    mine.post(f"{url}/status", data={"csrf_token": token, "status": "proses"})
    resp = mine.post(f"{url}/status", data={"csrf_token": token, "status": "selesai", "hasil": ""},
                     follow_redirects=True)
    assert "Tuliskan hasil perbaikan" in resp.get_data(as_text=True)
    resp = mine.post(f"{url}/bukti", data={"csrf_token": token, "lampiran": (io.BytesIO(PNG), "loket.png")},
                     content_type="multipart/form-data", follow_redirects=True)
    assert "Bukti diunggah." in resp.get_data(as_text=True) and "loket.png" in resp.get_data(as_text=True)
    resp = mine.post(f"{url}/status", data={"csrf_token": token, "status": "selesai",
                                            "hasil": "Loket kedua dibuka"}, follow_redirects=True)
    assert "Status tindak lanjut diubah." in resp.get_data(as_text=True)
    other_token = csrf_from(other.get("/admin/skm/tindak-lanjut").get_data(as_text=True))
    assert other.post(f"{url}/status", data={"csrf_token": other_token, "status": "proses"}).status_code == 403
    with app.app_context():
        tl = db.session.get(SkmTindakLanjut, t1)
        assert tl.status == "selesai" and tl.selesai_pada is not None and tl.hasil == "Loket kedua dibuka"
        info = queries.tindak_lanjut_tahun(ids.tahun)
        assert (info["selesai"], info["total"], info["jawaban"], info["jawaban_teks"]) == (1, 2, "C", "sebagian kecil")
    listing = officer.get(f"/admin/skm/tindak-lanjut?periode={ids.periode}").get_data(as_text=True)
    assert "1 dari 2 rencana selesai" in listing and "sebagian kecil" in listing

    doc = officer.get(f"/admin/skm/tindak-lanjut/laporan/{ids.periode}.docx")
    text = _docx_text(doc.data)
    assert "LAPORAN TINDAK LANJUT HASIL SURVEI KEPUASAN MASYARAKAT" in text
    assert "1 dari 2 rencana selesai — hasil survei ditindaklanjuti sebagian kecil (jawaban C)" in text
    assert "Loket kedua dibuka (bukti: loket.png)" in text
    pdf = _pdf_text(officer.get(f"/admin/skm/tindak-lanjut/laporan/{ids.periode}.pdf").data)
    assert "Loket kedua dibuka" in pdf


def test_zi_answer_thresholds():
    assert queries.jawaban_tindak_lanjut(0, 0) == ("D", "belum")
    assert queries.jawaban_tindak_lanjut(0, 3) == ("D", "belum")
    assert queries.jawaban_tindak_lanjut(1, 3) == ("C", "sebagian kecil")
    assert queries.jawaban_tindak_lanjut(2, 4) == ("C", "sebagian kecil")
    assert queries.jawaban_tindak_lanjut(3, 4) == ("B", "sebagian besar")
    assert queries.jawaban_tindak_lanjut(4, 4) == ("A", "seluruh")


def test_sql_sums_per_service_and_period_boundaries(app_ctx, survei):
    layanan, periode = survei
    other = service.simpan_layanan(None, kode="ppid", nama="PPID", unit_id=layanan.unit_id, populasi=None,
                                   wajib_kode=False)
    rows = [(layanan.id, periode.mulai, 4), (layanan.id, periode.selesai, 2), (other.id, periode.mulai, 3),
            (layanan.id, date(periode.mulai.year - 1, 1, 1), 1)]  # the last one is outside the period
    for lid, day, v in rows:
        db.session.add(SkmRespon(layanan_id=lid, tanggal=day, sumber="impor", **{k.lower(): v for k in U}))
    db.session.commit()
    assert service.hasil(periode).responden == 3
    assert service.hasil(periode, layanan).konversi_tampil == "75,00"
    per = {lay.kode: h for lay, h in service.hasil_per_layanan(periode)}
    assert per["ppid"].konversi_tampil == "75,00" and per["kb-konseling"].responden == 2
    assert service.ukuran_sampel(periode, None, 3).minimal is None  # PPID has no population set
    summary = queries.ringkasan_periode(periode.id)
    assert summary["responden"] == 3 and summary["metode_bobot"] == "1/9"


def test_ipak_ipkp_admin_items_and_prediction(app, login_as, ids):
    officer = login_as("pengelola_skm")
    with app.app_context():
        before = isi_basis_data()
    page = officer.get("/admin/skm/kuesioner").get_data(as_text=True)
    assert "pungutan liar" in page and 'href="/admin/skm/persepsi/ipkp/b2"' in page
    with app.app_context():
        assert isi_basis_data() == before  # the default statements are shown, not written
    # editing a default stores the defaults, that one changed
    resp = _post(officer, "/admin/skm/persepsi/ipkp/b2", {"teks": "Persyaratan pelayanan jelas.", "urutan": "2",
                                                          "aktif": "y"})
    assert resp.status_code == 302
    assert officer.get("/admin/skm/persepsi/ipkp/b2").status_code == 404  # now stored under its id
    with app.app_context():
        ipkp = service.persepsi_items("ipkp")
        assert len(ipkp) == 10 and ipkp[1].teks == "Persyaratan pelayanan jelas." and ipkp[1].id is not None
    resp = _post(officer, "/admin/skm/persepsi/ipak/baru", {"teks": "Tidak ada konflik kepentingan.", "urutan": "6",
                                                           "aktif": "y"})
    assert resp.status_code == 302
    with app.app_context():
        assert len(service.persepsi_items("ipak")) == 6 and len(service.persepsi_items("ipkp")) == 10
        for _ in range(2):
            service.kirim_persepsi("ipak", {it.kunci: 4 for it in service.persepsi_items("ipak")})
            service.kirim_persepsi("ipkp", {it.kunci: 3 for it in service.persepsi_items("ipkp")})
        db.session.commit()
        p = service.prediksi(db.session.get(SkmPeriode, ids.periode))
        assert p.ipak.indeks_tampil == "4,00" and p.ipak.nilai_lke_tampil == "17,50"
        assert p.ipkp.indeks_tampil == "3,00" and p.ipkp.nilai_lke_tampil == "13,13"
        assert p.wbk is False and p.wbbm is False  # IPKP 3,00 < 3,20
    page = officer.get(f"/admin/skm/hasil/{ids.periode}").get_data(as_text=True)
    assert "17,50" in page and "13,13" in page and "WBK belum terpenuhi" in page
