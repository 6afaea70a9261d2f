from sqlalchemy import select

from core.extensions import db
from core.models import User
from tests.conftest import csrf_from, login


def test_cli_create_prints_one_time_password_and_login_forces_change(app, runner):
    result = runner.invoke(args=["users", "create", "--email", "Baru@Uji.go.id", "--nama", "Baru",
                                 "--role", "petugas_pengaduan", "--role", "pimpinan"])
    assert result.exit_code == 0, result.output
    password = result.output.split("sekali pakai: ")[1].split()[0]
    client = app.test_client()
    assert login(client, "baru@uji.go.id", password).headers["Location"] == "/admin/"
    assert client.get("/admin/").headers["Location"] == "/admin/sandi"
    listing = runner.invoke(args=["users", "list"]).output
    assert "baru@uji.go.id" in listing and "petugas_pengaduan" in listing and "pimpinan" in listing


def test_cli_refuses_duplicate_and_unknown_role(runner):
    runner.invoke(args=["users", "create", "--email", "a@uji.go.id", "--role", "admin"])
    again = runner.invoke(args=["users", "create", "--email", "a@uji.go.id", "--role", "admin"])
    assert again.exit_code != 0 and "sudah terdaftar" in again.output
    bad = runner.invoke(args=["users", "create", "--email", "b@uji.go.id", "--role", "raja"])
    assert bad.exit_code != 0


def test_admin_creates_user_after_fresh_login(app, login_as):
    client = login_as("admin")
    page = client.get("/admin/pengguna/baru")
    assert page.status_code == 200  # just logged in: fresh
    resp = client.post("/admin/pengguna/baru", data={
        "email": "unit.baru@uji.go.id", "nama": "PJ Unit", "roles": ["unit"], "unit_id": "0",
        "csrf_token": csrf_from(page.get_data(as_text=True))})
    html = resp.get_data(as_text=True)
    assert "Kata sandi sekali pakai" in html and 'id="one-time-password"' in html
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "unit.baru@uji.go.id"))
        assert {r.value for r in user.roles} == {"unit"}


def test_stale_login_must_confirm_password(app, login_as):
    client = login_as("admin")
    app.config["FRESH_LOGIN_MINUTES"] = -1
    resp = client.get("/admin/pengguna/baru")
    assert resp.status_code == 302 and "/admin/konfirmasi" in resp.headers["Location"]


def test_admin_cannot_lock_themselves_out(app, login_as):
    client = login_as("admin")
    with app.app_context():
        me = db.session.scalar(select(User).where(User.email == client.user_email))
        uid = me.id
    page = client.get(f"/admin/pengguna/{uid}").get_data(as_text=True)
    resp = client.post(f"/admin/pengguna/{uid}", data={"nama": "Saya", "roles": ["pimpinan"], "unit_id": "0",
                                                        "aktif": "y", "csrf_token": csrf_from(page)})
    assert "tidak dapat menonaktifkan" in resp.get_data(as_text=True)


def _edit_and_save(client, uid: int) -> tuple[str, str]:
    """The account's edit page, and the page after saving it unchanged."""
    edit = client.get(f"/admin/pengguna/{uid}").get_data(as_text=True)
    saved = client.post(f"/admin/pengguna/{uid}", follow_redirects=True, data={
        "nama": "PJ Unit", "roles": ["unit"], "unit_id": "0", "aktif": "y", "csrf_token": csrf_from(edit)})
    return edit, saved.get_data(as_text=True)


def test_users_pages_in_english_for_an_admin_reading_english(app, login_as):
    login_as("petugas_pengaduan", email="petugas.en@uji.go.id")
    admin = login_as("admin")
    listing = admin.get("/admin/pengguna?lang=en").get_data(as_text=True)
    assert "Add an account" in listing and "Reset password" in listing and "Complaint officer" in listing
    assert "Tambah akun" not in listing and "Petugas Pengaduan" not in listing and "nonaktif" not in listing
    page = admin.get("/admin/pengguna/baru").get_data(as_text=True)  # the language stays with the officer
    assert "New account" in page and "— no unit —" in page and "Survey manager" in page
    assert "tanpa unit" not in page and "Pengelola Survei" not in page and "Tahan Ctrl" not in page
    refused = admin.post("/admin/pengguna/baru", data={
        "email": "bukan-email", "nama": "", "unit_id": "0", "csrf_token": csrf_from(page)}).get_data(as_text=True)
    assert "Invalid e-mail address." in refused and "Choose at least one role." in refused and "Required." in refused
    assert "tidak valid" not in refused and "Pilih minimal" not in refused
    made = admin.post("/admin/pengguna/baru", data={
        "email": "unit.en@uji.go.id", "nama": "PJ Unit", "roles": ["unit"], "unit_id": "0",
        "csrf_token": csrf_from(page)}).get_data(as_text=True)
    assert "One-time password" in made and "Kata sandi sekali pakai" not in made
    with app.app_context():
        uid = db.session.scalar(select(User.id).where(User.email == "unit.en@uji.go.id"))
    edit, saved = _edit_and_save(admin, uid)
    assert "Edit account unit.en@uji.go.id" in edit and "Unit officer in charge" in edit
    assert "Account saved." in saved and "Akun disimpan." not in saved

    id_ = login_as("admin")  # another admin, no ?lang=en: Indonesian
    listing = id_.get("/admin/pengguna").get_data(as_text=True)
    assert "Tambah akun" in listing and "Petugas Pengaduan" in listing and "Add an account" not in listing
    page = id_.get("/admin/pengguna/baru").get_data(as_text=True)
    assert "Akun baru" in page and "— tanpa unit —" in page and "Pengelola Survei" in page
    refused = id_.post("/admin/pengguna/baru", data={
        "email": "bukan-email", "nama": "X", "unit_id": "0", "csrf_token": csrf_from(page)}).get_data(as_text=True)
    assert "Alamat e-mail tidak valid." in refused and "Pilih minimal satu peran." in refused
    edit, saved = _edit_and_save(id_, uid)
    assert "Ubah akun unit.en@uji.go.id" in edit and "Penanggung Jawab Unit" in edit
    assert "Akun disimpan." in saved and "Account saved." not in saved
