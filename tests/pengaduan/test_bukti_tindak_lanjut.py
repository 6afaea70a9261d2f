"""The unit attaches evidence (a photo, a letter) to its follow-up: checked by content, metadata stripped,
shown to the complaint officer on the case page, served as a download only to those who handle the case."""
import io
import re

from pypdf import PdfReader, PdfWriter
from sqlalchemy import select

from core.extensions import db
from core.models import Attachment, Unit
from core.uow import unit_of_work
from pengaduan import service
from pengaduan.models import Pengaduan
from tests.conftest import csrf_from
from tests.factories import make_unit, make_user
from tests.pengaduan.helpers import data, jpeg_with_exif

TEXT = "Antrean dipecah menjadi dua loket; foto loket baru dan surat edaran terlampir."


def _letter() -> bytes:
    w = PdfWriter()
    w.add_blank_page(595, 842)
    w.add_metadata({"/Author": "Kepala Bidang KB (nama asli)"})
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def _disposed(app) -> tuple[int, Unit, Unit]:
    """A complaint disposed to KB; (its id, KB, KS)."""
    with app.app_context(), unit_of_work():
        kb, ks = make_unit("KB", "Bidang KB"), make_unit("KS", "Bidang KS")
        officer, _ = make_user(["petugas_pengaduan"])
        p, _ = service.submit(data(), kanal="web")
        service.verifikasi(p, officer, "normatif")
        service.disposisi(p, officer, kb.id)
        ids = p.id, kb.id, ks.id
    with app.app_context():
        return ids[0], db.session.get(Unit, ids[1]), db.session.get(Unit, ids[2])


def _post(client, pid, files, teks=TEXT):
    page = client.get(f"/admin/pengaduan/{pid}").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in page and 'name="lampiran"' in page
    return client.post(f"/admin/pengaduan/{pid}/aksi/tindak_lanjut", content_type="multipart/form-data",
                       data={"csrf_token": csrf_from(page), "teks": teks, "lampiran": files})


def _evidence(app) -> list[Attachment]:
    with app.app_context():
        return list(db.session.scalars(select(Attachment).where(
            Attachment.owner_type == service.OWNER_TINDAK_LANJUT)))


def test_the_unit_attaches_a_photo_and_a_letter_the_officer_sees_them(app, login_as):
    pid, kb, _ = _disposed(app)
    unit = login_as("unit", unit=kb)
    resp = _post(unit, pid, [(io.BytesIO(jpeg_with_exif()), "loket baru.jpg"), (io.BytesIO(_letter()), "surat.pdf")])
    assert resp.status_code == 303
    flashed = unit.get(f"/admin/pengaduan/{pid}").get_data(as_text=True)
    assert "Tindak lanjut dicatat. 2 berkas bukti disimpan." in flashed
    files = _evidence(app)
    assert [f.content_type for f in files] == ["image/jpeg", "application/pdf"]

    officer = login_as("petugas_pengaduan")
    case = officer.get(f"/admin/pengaduan/{pid}").get_data(as_text=True)
    assert "(dengan 2 berkas bukti)" in case and "loket baru.jpg" in case and "surat.pdf" in case
    links = re.findall(rf'href="(/admin/pengaduan/{pid}/lampiran/\d+)">(loket baru\.jpg|surat\.pdf)<', case)
    assert len(links) == 2
    photo = officer.get(links[0][0])
    assert photo.status_code == 200 and photo.data[:3] == b"\xff\xd8\xff"
    assert photo.headers["Content-Disposition"].startswith("attachment;")
    assert photo.headers["X-Content-Type-Options"] == "nosniff" and photo.headers["Cache-Control"] == "no-store"
    assert b"KameraRahasia" not in photo.data  # EXIF (camera, GPS) stripped before it was stored
    letter = officer.get(links[1][0])
    assert letter.headers["Content-Disposition"].startswith("attachment;")
    assert "nama asli" not in str(PdfReader(io.BytesIO(letter.data)).metadata or {})
    # the reporter is told the step, never shown the unit's evidence
    with app.app_context():
        view = service.public_view(db.session.get(Pengaduan, pid))
    assert view.status_label == "Ditindaklanjuti" and all("bukti" not in r["keterangan"] for r in view.riwayat)


def test_a_wrong_file_is_refused_in_indonesian_and_the_text_is_kept(app, login_as):
    pid, kb, _ = _disposed(app)
    unit = login_as("unit", unit=kb)
    resp = _post(unit, pid, [(io.BytesIO(b"PK\x03\x04" + b"\x00" * 200), "foto.jpg")])
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422
    assert "Berkas «foto.jpg» bukan berkas JPEG, PNG, WebP atau PDF yang sah." in html
    assert f">{TEXT}</textarea>" in html  # what the unit typed is still there
    assert "pilih berkas lagi" in html
    assert _evidence(app) == []
    with app.app_context():
        p = db.session.get(Pengaduan, pid)
        assert p.status == "didisposisikan"  # nothing recorded
    # an empty text is refused on its field too, the form open again
    resp = _post(unit, pid, [], teks="")
    assert resp.status_code == 422 and "Tuliskan tindak lanjut yang telah dilakukan." in resp.get_data(as_text=True)


def test_another_unit_cannot_open_the_evidence(app, login_as):
    pid, kb, ks = _disposed(app)
    ks_id = ks.id
    assert _post(login_as("unit", unit=kb), pid, [(io.BytesIO(_letter()), "surat.pdf")]).status_code == 303
    (att,) = _evidence(app)
    url = f"/admin/pengaduan/{pid}/lampiran/{att.id}"
    other = login_as("unit", unit=ks)
    assert other.get(url).status_code == 403
    # nor through a complaint of its own: the file must belong to the complaint in the address
    with app.app_context(), unit_of_work():
        officer_user, _ = make_user(["petugas_pengaduan"])
        q, _ = service.submit(data(judul="Pengaduan untuk KS"), kanal="web")
        service.verifikasi(q, officer_user, "ringan")
        service.disposisi(q, officer_user, ks_id)
        qid = q.id
    assert other.get(f"/admin/pengaduan/{qid}/lampiran/{att.id}").status_code == 404
    assert login_as("pimpinan").get(url).status_code == 403  # readers see the name, not the file
    with app.app_context():
        kb_again = db.session.scalar(select(Unit).where(Unit.kode == "KB"))
    assert login_as("unit", unit=kb_again).get(url).status_code == 200
