"""The officers' side: queue, case page, actions, nota dinas documents, intake, unit access."""
import io
import re

from docx import Document
from pypdf import PdfReader
from sqlalchemy import select

from core.extensions import db
from core.models import AuditEvent, Unit
from core.uow import unit_of_work
from core.workdays import local_today
from pengaduan import service
from pengaduan.models import NotaDinasPengaduan, Pengaduan
from tests.conftest import csrf_from
from tests.factories import make_unit
from tests.pengaduan.helpers import data, jpeg_with_exif

XSS = '<script>alert("x")</script>'


def _unit(app, kode="KB"):
    with app.app_context():
        unit = make_unit(kode, f"Bidang {kode}")
        db.session.commit()
        return unit.id


def _complaint(app, **over):
    with app.app_context(), unit_of_work():
        p, code = service.submit(data(**over), kanal="web")
        return p.id, p.tiket, code


def _act(client, pid, aksi, **fields):
    page = client.get(f"/admin/pengaduan/{pid}")
    fields["csrf_token"] = csrf_from(page.get_data(as_text=True))
    resp = client.post(f"/admin/pengaduan/{pid}/aksi/{aksi}", data=fields)
    assert resp.status_code == 303, resp.status_code
    return client.get(f"/admin/pengaduan/{pid}").get_data(as_text=True)


def test_officer_handles_a_complaint_to_the_end(app, login_as):
    kb = _unit(app)
    pid, tiket, _ = _complaint(app, rahasia=True, judul="Layanan " + XSS)
    officer = login_as("petugas_pengaduan")
    queue = officer.get("/admin/pengaduan").get_data(as_text=True)
    assert tiket in queue and "&lt;script&gt;" in queue and XSS not in queue
    html = officer.get(f"/admin/pengaduan/{pid}").get_data(as_text=True)
    assert "Budi Santoso" in html and "081234567890" in html  # the complaint team sees the identity
    html = _act(officer, pid, "jawab", teks="terlalu cepat")
    assert "tidak dapat dilakukan pada pengaduan berstatus" in html
    html = _act(officer, pid, "verifikasi", tingkat="normatif", teks="")
    assert "Pengaduan diverifikasi" in html and "Diverifikasi" in html
    html = _act(officer, pid, "disposisi", unit_id=str(kb), sifat="Segera", teks="")
    year = local_today().year
    nomor = re.search(r"nomor (1/KPW/PP\.01/\d\d/%d)" % year, html).group(1)
    with app.app_context():
        nd = db.session.scalar(select(NotaDinasPengaduan))
        nd_id = nd.id
    docx = officer.get(f"/admin/pengaduan/nota-dinas/{nd_id}/docx")
    assert docx.status_code == 200
    doc = Document(io.BytesIO(docx.data))
    rows = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    assert rows[0] == ["Nomor", ":", nomor] and rows[1] == ["Yth.", ":", "Kepala Bidang KB"]
    # urgency and classification are two fields (DOMAIN §7); a confidential complaint's nota dinas is Rahasia
    assert rows[4] == ["Sifat", ":", "Segera"] and rows[5] == ["Klasifikasi", ":", "Rahasia"]
    assert rows[7] == ["Hal", ":", "Penyampaian Pengaduan Masyarakat"]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Pelapor: Bu** Sa***** (identitas dirahasiakan)." in text and "Budi Santoso" not in text
    assert "081234567890" not in text and f"Pokok pengaduan: Layanan {XSS}" in text and tiket in text
    pdf = officer.get(f"/admin/pengaduan/nota-dinas/{nd_id}/pdf")
    pdf_text = "\n".join(pg.extract_text() for pg in PdfReader(io.BytesIO(pdf.data)).pages)
    assert nomor in pdf_text and "Bu** Sa*****" in pdf_text and "Budi Santoso" not in pdf_text
    assert XSS in pdf_text  # printed as text, never run
    register = officer.get("/admin/pengaduan/buku-agenda").get_data(as_text=True)
    assert nomor in register and tiket in register
    html = _act(officer, pid, "tindak_lanjut", teks="Unit telah memperbaiki antrean.")
    html = _act(officer, pid, "jawab", teks="Antrean sudah diperbaiki.")
    assert "Dijawab</strong> <small" in html and "menunggu tanggapan pelapor" in html
    html = _act(officer, pid, "tutup")
    assert "Selesai" in html
    with app.app_context():
        assert db.session.get(Pengaduan, pid).status == "selesai"
        downloads = db.session.scalars(select(AuditEvent.action).where(AuditEvent.action.like("pengaduan.nota_dinas%"))).all()
        assert sorted(downloads) == ["pengaduan.nota_dinas", "pengaduan.nota_dinas.unduh", "pengaduan.nota_dinas.unduh"]


def test_unit_sees_only_its_complaints_and_masked_identity(app, login_as):
    kb, ks = _unit(app, "KB"), _unit(app, "KS")
    mine, tiket_mine, _ = _complaint(app, anonim=True, judul="Untuk KB")
    other, tiket_other, _ = _complaint(app, judul="Untuk KS")
    with app.app_context():
        from tests.factories import make_user

        officer, _ = make_user(["petugas_pengaduan"])
        for pid, unit_id in ((mine, kb), (other, ks)):
            p = db.session.get(Pengaduan, pid)
            service.verifikasi(p, officer, "ringan")
            service.disposisi(p, officer, unit_id)
        db.session.commit()
        kb_unit = db.session.get(Unit, kb)
    pj = login_as("unit", unit=kb_unit)
    queue = pj.get("/admin/pengaduan").get_data(as_text=True)
    assert tiket_mine in queue and tiket_other not in queue
    assert pj.get(f"/admin/pengaduan/{other}").status_code == 403
    html = pj.get(f"/admin/pengaduan/{mine}").get_data(as_text=True)
    assert "Bu** Sa*****" in html and "Budi Santoso" not in html and "081234567890" not in html
    html = _act(pj, mine, "tindak_lanjut", teks="Sudah kami tangani.")
    assert "Tindak lanjut dicatat" in html
    assert "aksi/verifikasi" not in html and "aksi/jawab" not in html  # the unit cannot answer the reporter
    resp = pj.post(f"/admin/pengaduan/{mine}/aksi/jawab", data={"csrf_token": csrf_from(html), "teks": "x"})
    assert resp.status_code == 303
    assert "tidak berwenang" in pj.get(f"/admin/pengaduan/{mine}").get_data(as_text=True)


def test_attachment_download_is_audited_and_limited(app, login_as):
    with app.app_context():
        from core.storage import inspect_upload

        clean = inspect_upload(jpeg_with_exif(), "bukti.jpg", max_bytes=10 * 1024 * 1024)
        with unit_of_work():
            p, _ = service.submit(data(), [clean], kanal="web")
        pid = p.id
        from core.attachments import attachments_of

        att_id = attachments_of("pengaduan", pid)[0].id
    officer = login_as("petugas_pengaduan")
    resp = officer.get(f"/admin/pengaduan/{pid}/lampiran/{att_id}")
    assert resp.status_code == 200 and resp.data[:3] == b"\xff\xd8\xff"
    assert login_as("pimpinan").get(f"/admin/pengaduan/{pid}/lampiran/{att_id}").status_code == 403
    with app.app_context():
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "pengaduan.lampiran.unduh"))


def test_officer_records_a_lapor_complaint(app, login_as):
    officer = login_as("petugas_pengaduan")
    page = officer.get("/admin/pengaduan/baru").get_data(as_text=True)
    fields = {"csrf_token": csrf_from(page), "kanal": "lapor", "lapor_id": "", "jenis": "pengaduan",
              "kategori": "Lainnya", "judul": "Dari LAPOR!", "uraian": "Diteruskan dari SP4N-LAPOR! oleh admin."}
    resp = officer.post("/admin/pengaduan/baru", data=fields)
    assert "Isi nomor pelacakan SP4N-LAPOR!" in resp.get_data(as_text=True)
    fields["lapor_id"] = "LAPOR-1234567"
    resp = officer.post("/admin/pengaduan/baru", data=fields)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 201 and "Pengaduan dicatat" in html
    tiket = re.search(r'id="tiket">([^<]+)<', html).group(1)
    with app.app_context():
        p = db.session.scalar(select(Pengaduan).where(Pengaduan.tiket == tiket))
        assert p.kanal == "lapor" and p.lapor_id == "LAPOR-1234567" and p.nama is None


def test_dashboard_cards(app, login_as):
    _complaint(app)
    html = login_as("petugas_pengaduan").get("/admin/").get_data(as_text=True)
    assert "Pengaduan terbuka" in html
    html = login_as("unit").get("/admin/").get_data(as_text=True)
    assert "Pengaduan untuk unit Anda" in html


def test_demo_seed_adds_categories_and_complaints(app, runner):
    result = runner.invoke(args=["demo", "seed"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert "Perilaku petugas" in service.categories()
        assert db.session.scalar(select(Pengaduan).where(Pengaduan.status == "didisposisikan"))


def test_demo_login_list_names_the_unit_of_a_unit_account(app, runner):
    """What `make run` prints: the unit account says which unit it belongs to, and which complaint it sees."""
    assert runner.invoke(args=["demo", "seed"]).exit_code == 0
    printed = runner.invoke(args=["demo", "logins"]).output.splitlines()
    at = next(i for i, line in enumerate(printed) if "unit@demo.zilapor.id" in line)
    assert "Penanggung Jawab Unit" in printed[at]
    assert printed[at + 1].split() == ["unit", "kerja:", "Bidang", "Keluarga", "Berencana", "dan", "Kesehatan",
                                       "Reproduksi", "(KB)"]
    with app.app_context():
        tiket = db.session.scalar(select(Pengaduan.tiket).where(Pengaduan.status == "didisposisikan"))
    assert (f"Pengaduan contoh {tiket} didisposisikan ke Bidang Keluarga Berencana dan Kesehatan Reproduksi "
            "(akun unit: unit@demo.zilapor.id).") in printed
    assert sum("unit kerja:" in line for line in printed) == 1  # only unit accounts carry a unit line


def test_admin_sets_categories_and_deadlines(app, login_as, client):
    from tests.conftest import csrf_from

    admin = login_as("admin")
    page = admin.get("/admin/pengaduan/pengaturan").get_data(as_text=True)
    data = {"kategori": "Layanan KB\nLayanan KB\n  Data kependudukan  \n", "verifikasi_hk": "2", "jawaban_hk": "4",
            "tanggapan_pelapor_hk": "7", "tingkat_ringan": "1", "tingkat_normatif": "3", "tingkat_tidak_berkadar": "10",
            "tingkat_berkadar": "0", "register": "pengaduan", "csrf_token": csrf_from(page)}
    refused = admin.post("/admin/pengaduan/pengaturan", data=data).get_data(as_text=True)
    assert "Jumlah hari kerja harus 1 sampai 120." in refused
    data["tingkat_berkadar"] = "45"
    assert admin.post("/admin/pengaduan/pengaturan", data=data).status_code == 302
    form = client.get("/pengaduan/").get_data(as_text=True)
    assert "Data kependudukan" in form and form.count(">Layanan KB<") == 1
    assert "Perilaku petugas" not in form


def test_case_page_offers_what_the_table_allows(app, login_as):
    pid, _, _ = _complaint(app)
    officer = login_as("petugas_pengaduan")
    html = officer.get(f"/admin/pengaduan/{pid}").get_data(as_text=True)
    offered = re.findall(r"/aksi/(\w+)", html)
    assert offered == ["verifikasi", "minta_lengkapi", "tawarkan_wbs", "alihkan", "tolak", "arsipkan", "tandai_duplikat",
                       "buka_identitas_unit", "catatan"]
    html = _act(officer, pid, "tawarkan_wbs", teks="")
    assert "Tawaran pindah ke WBS disampaikan" in html and "aksi/tawarkan_wbs" not in html  # offered once
    resp = officer.post(f"/admin/pengaduan/{pid}/aksi/tawarkan_wbs", data={"csrf_token": csrf_from(html)})
    assert resp.status_code == 303
    assert "Tawaran pindah ke WBS sudah disampaikan." in officer.get(f"/admin/pengaduan/{pid}").get_data(as_text=True)
    assert officer.post(f"/admin/pengaduan/{pid}/aksi/hapus", data={"csrf_token": csrf_from(html)}).status_code == 404
    assert login_as("pimpinan").get(f"/admin/pengaduan/{pid}").status_code == 200  # reads, acts on nothing
    assert login_as("pimpinan").get("/admin/pengaduan/999999").status_code == 404
