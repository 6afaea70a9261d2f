"""The access matrix: every route of the running app (public, officers', API) × every kind of visitor →
allowed or refused, against the table below that says what each route is meant for.

A route that is not in the table fails `test_every_route_is_classified`: whoever adds a route decides here
who may open it. The table is written from the intent (README's roles, DESIGN.md's security model), not read
back from the decorators, so a decorator that grants too much or too little shows up as a difference.

Refused means: 401/403, or a redirect to the login, the 2FA enrolment or the forced password change. Allowed
means the request reached the view (a 404 for an id that does not exist is an answer of the view). Nothing
may answer 5xx. Ids in the URLs are ones that do not exist, so an allowed POST changes nothing.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from core.extensions import db
from core.models import Role, user_by_email
from tests.conftest import csrf_from, login
from tests.factories import make_user

# the WBS form is open only once the team has a key
pytestmark = pytest.mark.usefixtures("team")

PUBLIC = "public"  # anyone, without an account
AUTH = "auth"      # the login flow itself: open to everyone, it decides on its own
ALL = tuple(r.value for r in Role)
SKM_READERS = ("pengelola_skm", "pimpinan", "tpi")

EXPECTED: dict[str, str | tuple[str, ...]] = {
    # the kernel
    "public.home": PUBLIC, "public.set_language": PUBLIC, "public.health": PUBLIC, "static": PUBLIC,
    "bootstrap.static": PUBLIC, "api.openapi_json": PUBLIC,
    # pengaduan (citizens), WBS (whistleblowers), gratifikasi (employees without an account), surveys
    **{f"pengaduan.{e}": PUBLIC for e in ("form", "kirim", "bukti", "lacak", "status", "tanggapan", "nilai",
                                          "keluar")},
    "lintas.pindah_wbs": PUBLIC,  # the reporter (ticket + code in the session) moves a complaint to WBS
    **{f"wbs.{e}": PUBLIC for e in ("index", "lapor", "kotak", "kirim")},
    **{f"gratifikasi.{e}": PUBLIC for e in ("index", "lacak", "lengkapi", "lacak_pdf", "lapor", "poster",
                                            "tanda_terima", "tanda_terima_pdf", "tanda_terima_kode_pdf",
                                            "wajib_lapor", "status", "langkah_form", "langkah_halaman")},
    **{f"skm.{e}": PUBLIC for e in ("index", "survei", "kartu", "qr", "terima_kasih", "hasil_terbaru", "hasil",
                                    "poster", "persepsi", "persepsi_terima_kasih")},
    # the JSON API: public intake and tracking (ticket + code / receipt in the body)
    **{f"pengaduan_api.{e}": PUBLIC for e in ("createPengaduan", "getPengaduanStatus")},
    **{f"wbs_api.{e}": PUBLIC for e in ("aksesLaporanWbs", "createLaporanWbs", "kirimPesanWbs")},
    **{f"gratifikasi_api.{e}": PUBLIC for e in ("createLaporanGratifikasi", "getLaporanGratifikasiStatus",
                                                "cekWajibLaporGratifikasi")},
    **{f"skm_api.{e}": PUBLIC for e in ("getHasilSkm", "createResponSkm")},
    # officers: logging in
    **{f"admin.{e}": AUTH for e in ("login", "login_totp", "enrol_totp", "totp_qr", "logout")},
    # every officer: own account, own gratification reports
    "admin.dashboard": ALL, "admin.reauth": ALL, "admin.password": ALL, "admin.gratifikasi_saya": ALL,
    "admin.kabar_saya": ALL,
    # administration
    **{f"admin.{e}": ("admin",) for e in ("users", "user_new", "user_edit", "user_reset", "user_reset_totp",
                                          "settings_office", "settings_calendar", "settings_calendar_delete",
                                          "settings_unit", "pengaduan_settings")},
    "admin.audit_log": ("admin", "pimpinan", "tpi"),
    # complaints: the complaint team works them, the unit sees its own, leaders and the TPI read
    "admin.pengaduan_queue": ("petugas_pengaduan", "unit", "pimpinan", "tpi"),
    "admin.pengaduan_case": ("petugas_pengaduan", "unit", "pimpinan", "tpi"),
    "admin.pengaduan_nota_dinas": ("petugas_pengaduan", "unit", "pimpinan", "tpi"),
    "admin.pengaduan_action": ("petugas_pengaduan", "unit"),
    "admin.pengaduan_attachment": ("petugas_pengaduan", "unit"),
    "admin.pengaduan_new": ("petugas_pengaduan",),
    "admin.pengaduan_register": ("petugas_pengaduan", "pimpinan", "tpi"),
    # WBS: the team only; the administrator may see and revoke keys (a member who left), never read reports
    **{f"admin.{e}": ("tim_wbs",) for e in ("wbs_queue", "wbs_case", "wbs_note", "wbs_export", "wbs_attachment",
                                            "wbs_message", "wbs_status", "wbs_unlock", "wbs_lock", "wbs_grant",
                                            "wbs_enrol", "wbs_countersign")},
    "admin.wbs_keys": ("tim_wbs", "admin"), "admin.wbs_revoke": ("tim_wbs", "admin"),
    # gratifikasi: the UPG; leaders and the TPI read the recap and the campaign log
    **{f"admin.{e}": ("upg",) for e in ("gratifikasi_register", "gratifikasi_detail", "gratifikasi_aksi",
                                        "gratifikasi_gol", "gratifikasi_lampiran", "gratifikasi_surat",
                                        "gratifikasi_ekspor", "gratifikasi_kampanye_baru", "gratifikasi_catat",
                                        "gratifikasi_tanda_terima")},
    **{f"admin.{e}": ("upg", "pimpinan", "tpi") for e in ("gratifikasi_kampanye", "gratifikasi_kampanye_bukti",
                                                         "gratifikasi_rekap", "gratifikasi_rekap_unduh")},
    **{f"admin.{e}": ("upg", "admin") for e in ("gratifikasi_pengaturan", "gratifikasi_pengaturan_simpan",
                                                "gratifikasi_batas_tambah", "gratifikasi_batas_hapus")},
    # surveys: the survey manager changes, leaders and the TPI read; units follow up their own findings
    **{f"admin.{e}": SKM_READERS for e in ("skm_index", "skm_hasil", "skm_laporan", "skm_poster", "skm_kuesioner",
                                           "skm_tl_laporan")},
    **{f"admin.{e}": ("pengelola_skm",) for e in ("skm_poster_cetak", "skm_impor", "skm_impor_hasil",
                                                  "skm_pertanyaan", "skm_layanan", "skm_kode", "skm_periode",
                                                  "skm_item", "skm_tl_baru")},
    **{f"admin.{e}": (*SKM_READERS, "unit") for e in ("skm_tl", "skm_tl_detail", "skm_tl_unduh")},
    **{f"admin.{e}": ("pengelola_skm", "unit") for e in ("skm_tl_bukti", "skm_tl_status")},
    # ZI: the public transparency page; the register is kept by the administrator, read by leaders and the TPI
    "zi.index": PUBLIC,
    **{f"admin.{e}": ("admin", "pimpinan", "tpi") for e in ("zi_index", "zi_area", "zi_indikator", "zi_register",
                                                            "zi_berkas", "zi_salinan", "zi_kebijakan",
                                                            "zi_kesiapan", "zi_laporan", "zi_tindak_lanjut",
                                                            "zi_ekspor", "zi_lke_xlsx", "zi_laporan_satu")},
    **{f"admin.{e}": ("admin",) for e in ("zi_muat_katalog", "zi_jawab", "zi_jawab_hapus", "zi_bukti_unggah",
                                          "zi_tautkan", "zi_lepas", "zi_kebijakan_tambah", "zi_laporan_buat",
                                          "zi_tindak_lanjut_buat", "zi_tindak_lanjut_ubah",
                                          "zi_laporan_nota_dinas", "zi_laporan_rapat")},
}

# values for the URL's variables: ids that do not exist, names that lead nowhere
PARAMS = {"lang": "en", "fmt": "pdf", "aksi": "verifikasi", "tanggal": "2099-01-01", "kode": "tidak-ada",
          "jenis": "ipak", "kunci": "tidak-ada", "filename": "css/app.css", "att_id": "tidak-ada"}
MISSING_ID = "987654"


def _url(rule) -> str:
    def value(match: re.Match) -> str:
        converter, name = match.group(1), match.group(2)
        return MISSING_ID if converter == "int" else PARAMS.get(name, "x")
    return re.sub(r"<(?:([a-z]+):)?([a-zA-Z_]+)>", value, rule.rule)


def _requests(app, only=None):
    """(endpoint, method, url) for every rule; the login flow last, logout at the very end."""
    out = []
    for rule in app.url_map.iter_rules():
        if only and not only(rule.endpoint):
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            out.append((rule.endpoint, method, _url(rule)))
    return sorted(out, key=lambda r: (EXPECTED.get(r[0]) == AUTH, r[0] == "admin.logout", r))


# --- who visits ------------------------------------------------------------------------------------------

# persona → (roles granted, how the visit is set up); roles are what the table is checked against
PERSONAS = ["anonim", *ALL, "nonaktif", "tanpa_2fa", "sandi_sekali"]


def _visitor(app, persona: str):
    """A test client for `persona` and the roles that count for it (empty: refused everywhere but public)."""
    client = app.test_client()
    if persona == "anonim":
        return client, ()
    if persona in ALL:
        with app.app_context():
            user, secret = make_user([persona])
            email = user.email
        resp = login(client, email, totp_secret=secret)
        assert resp.status_code == 302 and "/admin/masuk" not in resp.headers["Location"]
        return client, (persona,)
    with app.app_context():
        if persona == "sandi_sekali":  # a one-time password not yet changed: only the password page
            user, _ = make_user(["petugas_pengaduan"], must_change=True)
        else:
            user, _ = make_user(["petugas_pengaduan"], totp=False)
        email = user.email
    login(client, email)
    with app.app_context():
        user = user_by_email(email)
        if persona == "nonaktif":  # disabled while logged in: the open session ends at the next request
            user.aktif = False
        elif persona == "tanpa_2fa":  # given a role that requires 2FA, and none enrolled yet
            user.set_roles([Role.petugas_pengaduan, Role.admin])
        db.session.commit()
    return client, ()


def _refused(resp, persona: str) -> bool:
    if resp.status_code in (401, 403):
        return True
    if resp.status_code in (301, 302, 303, 307, 308):
        path = urlsplit(resp.headers["Location"]).path
        return path.startswith(("/admin/masuk", "/admin/2fa")) or (persona == "sandi_sekali" and path == "/admin/sandi")
    return False


def _expected_allowed(spec, endpoint: str, persona: str, roles) -> bool:
    if spec in (PUBLIC, AUTH):
        return True
    if persona == "sandi_sekali":
        return endpoint == "admin.password"
    return bool(set(spec) & set(roles))


def _send(client, method: str, url: str, token: str):
    if method == "GET":
        return client.get(url)
    if url.startswith("/api/"):
        return client.open(url, method=method, json={})
    return client.open(url, method=method, data={"csrf_token": token})


# --- the tests ---------------------------------------------------------------------------------------------

def test_every_route_is_classified(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    missing = sorted(endpoints - EXPECTED.keys())
    assert not missing, f"routes without an entry in EXPECTED (decide who may open them): {missing}"
    stale = sorted(EXPECTED.keys() - endpoints)
    assert not stale, f"entries for routes that no longer exist: {stale}"


def test_officer_routes_are_the_admin_blueprint(app):
    # everything not public lives under /admin, where the deny-by-default guard runs
    for rule in app.url_map.iter_rules():
        if EXPECTED.get(rule.endpoint) not in (PUBLIC,):
            assert rule.rule.startswith("/admin"), rule.rule


@pytest.fixture
def app_config():
    return {"RATELIMIT_ENABLED": False}  # ~120 requests per visitor from one address


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(app, persona):
    client, roles = _visitor(app, persona)
    token = csrf_from(client.get("/pengaduan/lacak").get_data(as_text=True))
    # public routes are checked for the anonymous visitor and one officer; officers' routes for everyone
    only = None if persona in ("anonim", "admin") else (lambda e: EXPECTED.get(e) not in (PUBLIC,))
    wrong, sent = [], 0
    for endpoint, method, url in _requests(app, only):
        resp = _send(client, method, url, token)
        resp.close()  # file responses (static) hold their file open until closed
        sent += 1
        assert resp.status_code < 500, f"{persona} {method} {url} → {resp.status_code}"
        if EXPECTED[endpoint] == AUTH:
            continue  # the login flow sends each visitor where it belongs; it only must not fail
        allowed = not _refused(resp, persona)
        if allowed != _expected_allowed(EXPECTED[endpoint], endpoint, persona, roles):
            wrong.append(f"{method} {url} ({endpoint}): {'allowed' if allowed else 'refused'} "
                         f"[{resp.status_code} {resp.headers.get('Location', '')}]")
    assert sent >= 80
    assert not wrong, f"{persona}:\n" + "\n".join(wrong)


def test_a_disabled_account_cannot_log_in(app, client):
    with app.app_context():
        user, secret = make_user(["petugas_pengaduan"])
        user.aktif = False
        db.session.commit()
        email = user.email
    resp = login(client, email, totp_secret=secret)
    assert resp.status_code == 200  # the login form again
    assert client.get("/admin/").status_code == 302


# --- object-level checks: changing an id, a ticket or a receipt opens nothing else -------------------------

def _two_units_and_a_disposed_complaint(app):
    """A complaint with an attachment, disposed to unit KB by nota dinas; officers of KB and of KS."""
    from core.storage import inspect_upload
    from core.uow import unit_of_work
    from pengaduan import service
    from pengaduan.models import NotaDinasPengaduan
    from tests.factories import make_unit
    from tests.pengaduan.helpers import data
    from tests.wbs.helpers import png_bytes

    with app.app_context():
        kb, ks = make_unit("KB", "Bidang KB"), make_unit("KS", "Bidang KS")
        db.session.commit()
        petugas, _ = make_user(["petugas_pengaduan"])
        files = [inspect_upload(png_bytes(), "foto.png", max_bytes=10 * 1024 * 1024)]
        p, _code = service.submit(data(judul="Rahasia unit KB"), files, kanal="web")
        with unit_of_work():
            service.verifikasi(p, petugas, "ringan")
            service.disposisi(p, petugas, kb.id)
        from core.attachments import attachments_of

        att = attachments_of(service.OWNER, p.id)[0]
        nd = db.session.scalar(db.select(NotaDinasPengaduan).where(NotaDinasPengaduan.pengaduan_id == p.id))
        ids = {"p": p.id, "att": att.id, "nd": nd.id, "kb": kb.id, "ks": ks.id}
    return ids


def test_a_unit_cannot_open_another_units_complaint(app):
    ids = _two_units_and_a_disposed_complaint(app)
    own, other = app.test_client(), app.test_client()
    for client, unit_id in ((own, ids["kb"]), (other, ids["ks"])):
        with app.app_context():  # (no app context around the login: flask-login would cache the user in it)
            from core.models import Unit

            email = make_user(["unit"], unit=db.session.get(Unit, unit_id))[0].email
        login(client, email)
    p = ids["p"]
    urls = [f"/admin/pengaduan/{p}", f"/admin/pengaduan/{p}/lampiran/{ids['att']}",
            f"/admin/pengaduan/nota-dinas/{ids['nd']}/docx", f"/admin/pengaduan/nota-dinas/{ids['nd']}/pdf"]
    for url in urls:
        assert own.get(url).status_code == 200, url
        assert other.get(url).status_code in (403, 404), url
    assert "Rahasia unit KB" not in other.get("/admin/pengaduan?status=semua").get_data(as_text=True)
    assert "Rahasia unit KB" in own.get("/admin/pengaduan?status=semua").get_data(as_text=True)
    token = csrf_from(other.get("/pengaduan/lacak").get_data(as_text=True))
    for aksi in ("tindak_lanjut", "catatan"):
        resp = other.post(f"/admin/pengaduan/{p}/aksi/{aksi}", data={"csrf_token": token, "teks": "diubah unit lain"})
        assert resp.status_code in (403, 404), aksi
    with app.app_context():
        from pengaduan.models import Riwayat

        assert not db.session.scalar(db.select(Riwayat).where(Riwayat.teks == "diubah unit lain"))


def test_a_tracking_code_opens_only_its_ticket(app, client):
    from pengaduan import service
    from tests.pengaduan.helpers import data

    from core.uow import unit_of_work

    with app.app_context(), unit_of_work():
        a, code_a = service.submit(data(judul="Pengaduan A"), kanal="web")
        b, code_b = service.submit(data(judul="Pengaduan B"), kanal="web")
        tiket_a, tiket_b = a.tiket, b.tiket
    for tiket, code, ok in ((tiket_a, code_b, False), (tiket_b, code_a, False), (tiket_a, code_a, True)):
        resp = client.post("/api/v1/pengaduan/status", json={"tiket": tiket, "kode": code})
        assert (resp.status_code == 200) is ok, (tiket, resp.status_code)
        if ok:
            assert resp.get_json()["judul"] == "Pengaduan A"
        page = client.get("/pengaduan/lacak").get_data(as_text=True)
        resp = client.post("/pengaduan/lacak", data={"tiket": tiket, "kode": code, "csrf_token": csrf_from(page)})
        assert (resp.status_code == 302) is ok, (tiket, resp.status_code)
    html = client.get("/pengaduan/lacak/status").get_data(as_text=True)
    assert "Pengaduan A" in html and "Pengaduan B" not in html


def test_a_receipt_opens_only_its_report(app, client):
    from tests.wbs.helpers import submit

    with app.app_context():
        _, receipt_a = submit(apa="Laporan WBS nomor satu tentang pungutan")
        _, receipt_b = submit(apa="Laporan WBS nomor dua tentang suap")
    for receipt, mine, theirs in ((receipt_a, "nomor satu", "nomor dua"), (receipt_b, "nomor dua", "nomor satu")):
        page = client.get("/wbs/kotak").get_data(as_text=True)
        html = client.post("/wbs/kotak", data={"resi": receipt, "csrf_token": csrf_from(page)}).get_data(as_text=True)
        assert mine in html and theirs not in html
        api = client.post("/api/v1/wbs/akses", json={"resi": receipt})
        assert api.status_code == 200 and mine in api.get_data(as_text=True)
        assert theirs not in api.get_data(as_text=True)
    # a receipt changed by one character opens nothing
    tampered = receipt_a[:-1] + ("A" if receipt_a[-1] != "A" else "B")
    assert client.post("/api/v1/wbs/akses", json={"resi": tampered}).status_code in (400, 404)


def test_a_gratification_code_opens_only_its_report(app, client):
    from core.workdays import local_today
    from gratifikasi import service
    from tests.gratifikasi.helpers import laporan_input

    with app.app_context():
        a, kode_a = service.submit(laporan_input(tanggal_terima=local_today(), uraian="Parsel A"))
        b, kode_b = service.submit(laporan_input(tanggal_terima=local_today(), uraian="Parsel B"))
        db.session.commit()
        nomor_a, nomor_b = a.nomor, b.nomor
    for nomor, kode, ok in ((nomor_a, kode_b, False), (nomor_b, kode_a, False), (nomor_a, kode_a, True)):
        resp = client.post("/api/v1/gratifikasi/status", json={"nomor": nomor, "kode": kode})
        assert (resp.status_code == 200) is ok, (nomor, resp.status_code, resp.get_data(as_text=True)[:200])
