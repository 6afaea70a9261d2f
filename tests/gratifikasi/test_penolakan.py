"""A refusal (penolakan) is reported for the record (DOMAIN §3): no 30 HK deadline and no late-report consequence,
no "milik negara" warning, no penetapan, and a letter to KPK that says the gift was refused and asks nothing."""
import io
import re
from datetime import date, timedelta

from docx import Document
from pypdf import PdfReader

from core.calendar import add_workdays
from core.extensions import db
from core.workdays import format_tanggal, local_today
from gratifikasi import documents, service, workflow
from tests.conftest import csrf_from
from tests.factories import make_user
from tests.gratifikasi.helpers import form_data, laporan_input

TODAY = date(2026, 11, 26)
REFUSED = TODAY - timedelta(days=60)  # a gift received this long ago would be past the 30 HK


def _refusal(**over):
    return laporan_input(jenis="penolakan", tanggal_terima=REFUSED, posisi_objek="",
                         kronologi="Parsel saya kembalikan langsung kepada kurir di lobi kantor.", **over)


def test_refusal_has_no_kpk_deadline_and_no_late_consequence(app_ctx):
    lap, _ = service.submit(_refusal(), today=TODAY)
    assert lap.tenggat_kpk is None and lap.tenggat_upg is None
    assert not lap.terlambat_kpk and not lap.terlambat_upg
    # the UPG's own target to forward it stays (10 HK after the UPG received it), never capped by the 30 HK
    assert lap.tenggat_teruskan == add_workdays(TODAY, 10)
    assert lap.riwayat[0].catatan == "Laporan diterima UPG."
    assert service.tenggat_of(lap, TODAY) is None and service.sisa_hari_kerja(lap, TODAY) is None
    # a gift received on the same day is late: the contrast is the point
    gift, _ = service.submit(laporan_input(tanggal_terima=REFUSED), today=TODAY)
    assert gift.terlambat_kpk and "milik negara" in gift.riwayat[0].catatan


def test_refusal_is_never_decided_by_kpk(app_ctx):
    upg, _ = make_user(["upg"])
    lap, _ = service.submit(_refusal(), today=local_today())
    service.verifikasi(lap, upg)
    service.teruskan_kpk(lap, upg, tanggal=local_today(), cara="surel")
    assert "tetapkan" not in workflow.actions_for(lap, upg)


def test_receipt_and_tracking_pages_of_a_refusal(app, client):
    html = client.get("/gratifikasi/lapor?jenis=penolakan").get_data(as_text=True)
    assert 'value="penolakan" checked' in html  # the first question, answered by the link
    data = form_data(html, jenis="penolakan", posisi_objek="", tanggal_terima=(local_today() - timedelta(days=60)).isoformat())
    page = client.post("/gratifikasi/lapor", data=data, follow_redirects=True).get_data(as_text=True)
    assert "Laporan gratifikasi diterima" in page
    assert "Tanggal penolakan" in page and "Batas lapor ke KPK" not in page
    assert "milik negara" not in page and "Laporan terlambat" not in page and "Sisa waktu" not in page
    assert "tidak ada penetapan status" in page
    pdf = client.get("/gratifikasi/tanda-terima.pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Tanggal penolakan" in text and "Batas lapor ke KPK" not in text and "milik negara" not in text
    assert "Laporan terlambat" not in text and "tidak ada akibat keterlambatan" in text


def _forwarded_refusal():
    upg, _ = make_user(["upg"])
    today = local_today()
    lap, _ = service.submit(_refusal(), today=today)
    service.verifikasi(lap, upg)
    service.teruskan_kpk(lap, upg, tanggal=today, cara="surat")
    db.session.commit()
    return lap


def test_letter_of_a_refusal_says_it_was_refused_and_asks_nothing(app_ctx):
    lap = _forwarded_refusal()
    pdf = documents.surat_kpk_pdf(lap)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2  # the letter, then the report form as its attachment
    letter = " ".join(reader.pages[0].extract_text().split())
    assert "Penyampaian Laporan Penolakan Gratifikasi" in letter
    assert f"Pada {format_tanggal(REFUSED)}" in letter and "menolak pemberian" in letter
    assert "PT Sumber Rejeki" in letter and "Rp1.500.000" in letter
    assert "Parsel saya kembalikan langsung kepada kurir di lobi kantor." in letter
    assert "tidak dimohonkan penetapan status" in letter
    for wrong in ("Mohon kiranya", "ditindaklanjuti dengan penetapan", "Pasal 12C", "30 hari kerja"):
        assert wrong not in letter, wrong
    assert not re.search(r"gratifikasi .* diterima pada", letter.split("Unit Pengendalian Gratifikasi")[-1])
    form = " ".join(reader.pages[1].extract_text().split())
    assert "Tanggal penolakan" in form and "Kronologi dan cara penolakan" in form and "wajib lapor" not in form
    docx = Document(io.BytesIO(documents.surat_kpk_docx(lap)))
    text = "\n".join(p.text for p in docx.paragraphs)
    assert "menolak pemberian" in text and "tidak dimohonkan penetapan status" in text and "Mohon kiranya" not in text


def test_case_page_of_a_refusal(app, login_as):
    with app.app_context():
        lap_id = service.submit(_refusal(), today=local_today())[0].id
        db.session.commit()
    c = login_as("upg")
    page = c.get(f"/admin/gratifikasi/{lap_id}").get_data(as_text=True)
    assert "Target UPG meneruskan" in page and "Batas lapor ke KPK" not in page and "milik negara" not in page
    assert csrf_from(page)


def test_refusal_counts_only_for_its_forwarding(app_ctx):
    from gratifikasi import queries

    upg, _ = make_user(["upg"])
    lap, _ = service.submit(_refusal(), today=TODAY)
    service.verifikasi(lap, upg)
    service.teruskan_kpk(lap, upg, tanggal=TODAY, cara="surat")
    k = queries.ketepatan_waktu(TODAY, TODAY, today=TODAY)
    assert k["pelapor_tepat_waktu"] == k["pelapor_terlambat_upg"] == k["pelapor_terlambat_kpk"] == 0
    assert k["upg_tepat_waktu"] == 1


def test_api_refusal_has_no_deadline(client):
    body = {"jenis": "penolakan", "pelapor_nama": "Andi", "identitas_nomor": "198501012010011001",
            "pelapor_jabatan": "Penyuluh", "unit_nama": "Bidang KB", "pelapor_telepon": "081234567890",
            "pelapor_alamat": "Palembang", "pemberi_nama": "PT Rejeki", "pemberi_hubungan": "rekanan",
            "tempat_terima": "Kantor", "tanggal_terima": (local_today() - timedelta(days=60)).isoformat(),
            "acara": "hari_raya", "bentuk": "barang", "uraian": "Parsel", "nilai": "1.500.000",
            "kronologi": "Saya tolak di tempat."}
    resp = client.post("/api/v1/gratifikasi/laporan", json=body)
    assert resp.status_code == 201, resp.get_json()
    data = resp.get_json()
    assert data["tenggat_kpk"] is None and data["terlambat"] is False and data["akibat_terlambat"] == ""
