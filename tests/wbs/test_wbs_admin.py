"""The team's pages: only tim_wbs with an unlocked key sees content; admin and pimpinan see counts."""
import io
import re

from pypdf import PdfReader
from sqlalchemy import delete, select

from core.extensions import db
from core.models import AuditEvent, user_by_email
from tests.conftest import csrf_from
from tests.wbs.helpers import FULL, PASSPHRASE, clean_pdf, officer_client, submit
from wbs import keys, service
from wbs.models import WbsKey, WbsKeyWrap, WbsReport


def _report(app, **over):
    with app.app_context():
        return submit(files=[clean_pdf("bukti kuitansi")], **over)


def test_admin_and_pimpinan_see_counts_never_content(app, login_as):
    officer = officer_client(app, login_as)
    rid, _ = _report(app)
    for role in ("admin", "pimpinan"):
        c = login_as(role)
        html = c.get("/admin/").get_data(as_text=True)
        assert "Laporan WBS terbuka" in html and FULL["apa"] not in html
        assert c.get(f"/admin/wbs/{rid}").status_code == 403
        assert c.get("/admin/wbs/").status_code == 403
    admin = login_as("admin")
    keys_page = admin.get("/admin/wbs/kunci").get_data(as_text=True)
    assert "Cabut kunci</button>" in keys_page and "Berikan akses</button>" not in keys_page
    assert "Laporan WBS terbuka" in officer.get("/admin/").get_data(as_text=True)


def test_case_page_needs_the_unlocked_key(app, login_as):
    client = officer_client(app, login_as, unlock=False)
    rid, _ = _report(app)
    resp = client.get(f"/admin/wbs/{rid}")
    assert resp.status_code == 302 and "/admin/wbs/buka-kunci" in resp.headers["Location"]
    page = client.get("/admin/wbs/buka-kunci")
    wrong = client.post("/admin/wbs/buka-kunci", data={"passphrase": "salah-frasa-sandi",
                                                       "csrf_token": csrf_from(page.get_data(as_text=True))})
    assert "Frasa sandi WBS salah." in wrong.get_data(as_text=True)
    ok = client.post(f"/admin/wbs/buka-kunci?next=/admin/wbs/{rid}",
                     data={"passphrase": PASSPHRASE, "csrf_token": csrf_from(page.get_data(as_text=True))})
    assert ok.headers["Location"] == f"/admin/wbs/{rid}"
    html = client.get(f"/admin/wbs/{rid}").get_data(as_text=True)
    assert FULL["siapa"] in html and "bukti.pdf" in html and "Anonim (tidak diisi)" in html
    # locking forgets the key
    client.post("/admin/wbs/kunci-tutup", data={"csrf_token": csrf_from(html)})
    assert client.get(f"/admin/wbs/{rid}").status_code == 302
    with app.app_context():
        actions = [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
        assert "wbs.kunci.buka_gagal" in actions and "wbs.kasus.buka" in actions


def test_queue_message_note_status_and_attachment(app, login_as):
    client = officer_client(app, login_as)
    rid, receipt = _report(app, apa="Pungli di loket", siapa="")
    queue = client.get("/admin/wbs/").get_data(as_text=True)
    assert f"WBS-{rid}" in queue and "Pengakuan" in queue and "Pungli di loket" not in queue
    case = client.get(f"/admin/wbs/{rid}").get_data(as_text=True)
    assert "Belum diisi pelapor: Siapa yang terlibat" in case
    token = re.search(r'name="tim-token" type="hidden" value="([^"]+)"', case).group(1)
    csrf = csrf_from(case)
    r = client.post(f"/admin/wbs/{rid}/pesan", data={"tim-teks": "Siapa saja yang terlibat?", "tim-token": token,
                                                    "csrf_token": csrf})
    assert r.status_code == 302
    client.post(f"/admin/wbs/{rid}/pesan", data={"tim-teks": "Siapa saja yang terlibat?", "tim-token": token,
                                                "csrf_token": csrf})  # double click
    client.post(f"/admin/wbs/{rid}/catatan", data={"catatan-teks": "Cek CCTV", "csrf_token": csrf})
    bad = client.post(f"/admin/wbs/{rid}/status", data={"status": "verifikasi", "alasan": "", "csrf_token": csrf})
    assert bad.status_code == 400
    fwd = client.post(f"/admin/wbs/{rid}/status", data={"status": "selesai", "alasan": "Selesai langsung",
                                                        "csrf_token": csrf})
    assert "tidak dapat diubah menjadi" in fwd.get_data(as_text=True)
    client.post(f"/admin/wbs/{rid}/status", data={"status": "verifikasi", "alasan": "Kami verifikasi.",
                                                 "csrf_token": csrf})
    no_dest = client.post(f"/admin/wbs/{rid}/status", data={"status": "ditindaklanjuti", "alasan": "Diteruskan.",
                                                           "csrf_token": csrf})
    assert "Pilih ke mana laporan diteruskan" in no_dest.get_data(as_text=True)
    client.post(f"/admin/wbs/{rid}/status", data={"status": "ditindaklanjuti", "tujuan": "aph",
                                                 "alasan": "Diteruskan ke APH.", "csrf_token": csrf})
    html = client.get(f"/admin/wbs/{rid}").get_data(as_text=True)
    assert html.count("Siapa saja yang terlibat?") == 1 and "Cek CCTV" in html
    assert "diteruskan ke APH (Aparat Penegak Hukum)" in html and "Ditindaklanjuti" in html

    with app.app_context():
        box = service.open_mailbox(receipt)
        assert [e.teks for e in box.entri] == ["Siapa saja yang terlibat?", "Kami verifikasi.", "Diteruskan ke APH."]
        att_id = db.session.scalar(select(service.WbsAttachment.id))
    dl = client.get(f"/admin/wbs/{rid}/lampiran/{att_id}")
    assert dl.status_code == 200 and dl.data.startswith(b"%PDF") and b"bukti kuitansi" in dl.data
    assert dl.headers["Content-Disposition"].startswith("attachment;") and dl.headers["Cache-Control"] == "no-store"


def test_export_pdf_needs_fresh_login_and_is_audited(app, login_as):
    client = officer_client(app, login_as)
    rid, _ = _report(app)
    with client.session_transaction() as sess:
        sess["fresh_at"] = 0
    resp = client.get(f"/admin/wbs/{rid}/ekspor.pdf")
    assert resp.status_code == 302 and "/admin/konfirmasi" in resp.headers["Location"]
    page = client.get(resp.headers["Location"])
    from tests.factories import PASSWORD
    client.post(resp.headers["Location"], data={"password": PASSWORD, "csrf_token": csrf_from(page.get_data(as_text=True))})
    pdf = client.get(f"/admin/wbs/{rid}/ekspor.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert f"WBS-{rid}" in text and "RAHASIA" in text and FULL["bagaimana"] in text and "bukti.pdf" in text
    with app.app_context():
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "wbs.kasus.ekspor")).object_id == str(rid)


def test_grant_and_revoke_from_the_keys_page(app, login_as):
    first = officer_client(app, login_as)
    rid, _ = _report(app)
    second = officer_client(app, login_as)  # countersigned by first, and given the open report then
    third = officer_client(app, login_as)
    with app.app_context():
        second_key = keys.officer_key(user_by_email(second.user_email)).id
        # a wrap lost (e.g. a report the countersigner could not read): «Berikan akses» repairs it
        db.session.execute(delete(WbsKeyWrap).where(WbsKeyWrap.key_id == second_key))
        db.session.commit()
    assert second.get(f"/admin/wbs/{rid}").status_code == 302  # no access: back to the queue
    page = first.get("/admin/wbs/kunci").get_data(as_text=True)
    assert "Berikan akses" in page
    r = first.post(f"/admin/wbs/kunci/{second_key}/akses", data={"csrf_token": csrf_from(page)})
    assert r.status_code == 302
    assert FULL["apa"] in second.get(f"/admin/wbs/{rid}").get_data(as_text=True)
    # revoking a colleague's key: one asks, a second confirms
    asked = first.post(f"/admin/wbs/kunci/{second_key}/cabut", data={"csrf_token": csrf_from(page)},
                       follow_redirects=True).get_data(as_text=True)
    assert "Permintaan pencabutan dicatat" in asked and "Pencabutan diminta oleh" in asked
    assert FULL["apa"] in second.get(f"/admin/wbs/{rid}").get_data(as_text=True)
    page3 = third.get("/admin/wbs/kunci").get_data(as_text=True)
    assert "Konfirmasi pencabutan" in page3
    third.post(f"/admin/wbs/kunci/{second_key}/cabut", data={"csrf_token": csrf_from(page3)})
    assert second.get(f"/admin/wbs/{rid}").status_code == 302
    with app.app_context():
        assert db.session.get(WbsKey, second_key).aktif is False


def test_enrol_page_creates_a_key_and_keeps_it_unlocked(app, login_as):
    client = login_as("tim_wbs")
    assert client.get("/admin/wbs/buka-kunci").headers["Location"].endswith("/admin/wbs/kunci/baru")
    page = client.get("/admin/wbs/kunci/baru").get_data(as_text=True)
    short = client.post("/admin/wbs/kunci/baru", data={"passphrase": "pendek", "confirm": "pendek",
                                                      "csrf_token": csrf_from(page)})
    assert "minimal 12 karakter" in short.get_data(as_text=True)
    client.post("/admin/wbs/kunci/baru", data={"passphrase": PASSPHRASE, "confirm": PASSPHRASE,
                                              "csrf_token": csrf_from(page)})
    rid, _ = _report(app)
    assert FULL["apa"] in client.get(f"/admin/wbs/{rid}").get_data(as_text=True)
    with app.app_context():
        assert db.session.get(WbsReport, rid) is not None


def test_export_pdf_carries_the_one_letterhead_and_stays_confidential(app, login_as):
    """The case print has the office's full kop (parent body, office, address, contact, logo) on its first page
    only, like every other document; a long case runs on, and every page keeps RAHASIA and its page number."""
    from core import documents
    from core.demo import KANTOR
    from core.settings import set_setting
    from tests.core.test_letterhead import INDUK, NAMA, _pdf_kop, _png
    from tests.wbs.helpers import unlocked

    with app.app_context():
        set_setting("kantor", KANTOR)
        documents.save_logo(_png(), "logo.png")
        db.session.commit()
    client = officer_client(app, login_as)
    short, _ = _report(app)
    long_, _ = _report(app, bagaimana="\n".join(f"Kejadian ke-{n}: berkas ditahan sampai dibayar." for n in range(150)))
    with app.app_context():
        officer = user_by_email(client.user_email)
        key, private = unlocked(officer)
        pdfs = {rid: service.export_pdf(rid, officer, key, private) for rid in (short, long_)}

    short_pdf = PdfReader(io.BytesIO(pdfs[short]))
    assert len(short_pdf.pages) == 1
    _pdf_kop(pdfs[short], "wbs_kasus")
    first = " ".join(short_pdf.pages[0].extract_text().split())
    assert KANTOR["alamat"] in first and "Pos-el sumsel@bkkbn.go.id" in first and f"RAHASIA — Laporan WBS-{short}" in first

    long_pdf = PdfReader(io.BytesIO(pdfs[long_]))
    assert len(long_pdf.pages) >= 3
    _pdf_kop(pdfs[long_], "wbs_kasus panjang")
    for n, page in enumerate(long_pdf.pages[1:], start=2):
        text = " ".join(page.extract_text().split())
        # WeasyPrint shares one resource dictionary (page.images lists the logo on every page): look for drawing
        assert INDUK not in text and NAMA not in text and b" Do" not in page.get_contents().get_data()
        assert f"RAHASIA — Laporan WBS-{long_}" in text and f"Halaman {n} dari {len(long_pdf.pages)}" in text
