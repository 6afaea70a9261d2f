from datetime import date

from sqlalchemy import select

from core.calendar import add_workdays
from core.extensions import db
from core.models import Unit
from core.settings import office
from tests.conftest import csrf_from


def test_admin_sets_office_identity_shown_on_home(app, login_as, client):
    admin = login_as("admin")
    page = admin.get("/admin/pengaturan").get_data(as_text=True)
    resp = admin.post("/admin/pengaturan", data={
        "nama": "Dinas Contoh <Kabupaten>", "nama_singkat": "Lapor Contoh", "template_nomor": "{seq}/{kka}/{yyyy}",
        "kode_jabatan": "KD", "kka": "PP.01", "csrf_token": csrf_from(page)})
    assert resp.status_code == 302
    html = client.get("/").get_data(as_text=True)
    assert "Dinas Contoh &lt;Kabupaten&gt;" in html and "Lapor Contoh" in html
    with app.app_context():
        assert office()["nama"] == "Dinas Contoh <Kabupaten>"


def test_bad_number_template_and_nip_refused(app, login_as):
    admin = login_as("admin")
    page = admin.get("/admin/pengaturan").get_data(as_text=True)
    resp = admin.post("/admin/pengaturan", data={
        "nama": "X", "nama_singkat": "Y", "template_nomor": "{seq}/{rahasia}", "kode_jabatan": "KD", "kka": "PP",
        "kepala_nip": "123", "csrf_token": csrf_from(page)})
    html = resp.get_data(as_text=True)
    assert "NIP terdiri dari 18 angka." in html
    assert "rahasia" in html and "Ada isian yang belum benar" in html


def test_admin_adds_unit_and_duplicate_code_refused(app, login_as):
    admin = login_as("admin")
    page = admin.get("/admin/pengaturan/unit/baru").get_data(as_text=True)
    data = {"kode": "inspek", "nama": "Inspektorat", "aktif": "y", "csrf_token": csrf_from(page)}
    assert admin.post("/admin/pengaturan/unit/baru", data=data).status_code == 302
    again = admin.post("/admin/pengaturan/unit/baru", data=data)
    assert "Kode unit sudah dipakai." in again.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Unit.nama).where(Unit.kode == "INSPEK")) == "Inspektorat"


def test_admin_day_off_changes_deadlines(app, login_as):
    admin = login_as("admin")
    page = admin.get("/admin/pengaturan/kalender?tahun=2026").get_data(as_text=True)
    assert "Hari Raya Idul Fitri" in page or "Idul Fitri" in page
    resp = admin.post("/admin/pengaturan/kalender", data={"tanggal": "2026-11-30", "libur": "y",
                                                          "keterangan": "Cuti bersama tambahan",
                                                          "csrf_token": csrf_from(page)})
    assert resp.status_code == 302
    with app.test_request_context():
        assert add_workdays(date(2026, 11, 27), 1) == date(2026, 12, 1)
    page = admin.get("/admin/pengaturan/kalender?tahun=2026").get_data(as_text=True)
    assert "Cuti bersama tambahan" in page
