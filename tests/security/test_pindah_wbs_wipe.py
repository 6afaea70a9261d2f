"""Issue 10 #4: a complaint moved to WBS must leave nothing readable or linkable behind."""
import pytest
from pathlib import Path

from sqlalchemy import inspect, select, text

from core.extensions import db
from core.models import Attachment, Role
from core.storage import inspect_upload
from core.uow import unit_of_work
from lintas.pindah_wbs import pindah_wbs
from pengaduan import service
from pengaduan.models import Pengaduan, Riwayat
from tests.factories import make_user
from tests.pengaduan.helpers import data, jpeg_with_exif
from wbs.models import WbsReport

# the WBS form is open only once the team has a key
pytestmark = pytest.mark.usefixtures("team")

MARKER = "PENANDAUNIK7391"


def _files(app) -> set[str]:
    return {str(f) for f in Path(app.config["UPLOAD_FOLDER"]).rglob("*") if f.is_file()}


def _db_text() -> str:
    chunks = []
    for table in inspect(db.engine).get_table_names():
        for row in db.session.execute(text(f'SELECT * FROM "{table}"')):
            chunks.extend(v.decode("latin-1") if isinstance(v, bytes) else str(v) for v in row)
    return "\n".join(chunks)


def test_the_move_wipes_the_complaint_and_leaves_no_link(app, login_as):
    with app.app_context():
        officer, _ = make_user([Role.petugas_pengaduan])
        before = _files(app)
        photo = inspect_upload(jpeg_with_exif(), f"{MARKER}.jpg", max_bytes=10 * 1024 * 1024)
        with unit_of_work():
            p, _ = service.submit(data(judul=f"Pungli {MARKER}", uraian=f"Petugas meminta uang {MARKER}.",
                                       lokasi=f"Loket {MARKER}", layanan_terkait=f"KB {MARKER}"), [photo],
                                  kanal="web")
            service.catatan(p, officer, f"Catatan internal {MARKER}")
            service.tawarkan_wbs(p, officer)
        pid, tiket = p.id, p.tiket
        photo_files = _files(app) - before
        assert photo_files
        with unit_of_work():
            pindah_wbs(p, token=service.new_token())
        db.session.expire_all()
        p = db.session.get(Pengaduan, pid)
        assert p.tiket == tiket and p.status == "diarsipkan" and p.dipindah_wbs
        assert MARKER not in _db_text()
        assert db.session.scalar(select(Attachment).where(Attachment.owner_id == pid)) is None
        assert not (photo_files & _files(app))  # the complaint's own files are gone
        assert not any(MARKER.encode() in Path(f).read_bytes() for f in _files(app))
        # nothing on the WBS side says where the report came from
        assert db.session.scalar(select(WbsReport.sumber)) != "pengaduan"
        row = db.session.scalars(select(Riwayat).where(Riwayat.pengaduan_id == pid,
                                                       Riwayat.aksi == "pindah_wbs")).one()
        assert (row.at.hour, row.at.minute, row.at.second, row.at.microsecond) == (0, 0, 0, 0)
        # the audit line of the move keeps the date only, and no address
        from core.models import AuditEvent

        line = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "pengaduan.pindah_wbs")).one()
        assert (line.at.hour, line.at.minute, line.at.second, line.at.microsecond) == (0, 0, 0, 0)
        assert line.ip == ""
    for role in ("petugas_pengaduan", "pimpinan", "tpi"):
        c = login_as(role)
        for url in (f"/admin/pengaduan/{pid}", "/admin/pengaduan", f"/admin/pengaduan?q={tiket}"):
            html = c.get(url).get_data(as_text=True)
            assert MARKER not in html, (role, url)
        if role == "petugas_pengaduan":
            assert tiket in c.get(f"/admin/pengaduan/{pid}").get_data(as_text=True)


def test_the_move_wipes_the_units_follow_up_evidence_too(app):
    from tests.factories import make_unit

    with app.app_context():
        officer, _ = make_user([Role.petugas_pengaduan])
        before = _files(app)
        with unit_of_work():
            p, _ = service.submit(data(), kanal="web")
            service.verifikasi(p, officer, "normatif")
            service.disposisi(p, officer, make_unit().id)
            bukti = inspect_upload(jpeg_with_exif(), f"{MARKER}.jpg", max_bytes=10 * 1024 * 1024)
            service.tindak_lanjut(p, officer, f"Ditindaklanjuti {MARKER}", [bukti])
            service.tawarkan_wbs(p, officer)
        pid = p.id
        assert _files(app) - before and service.follow_up_evidence(p)
        with unit_of_work():
            pindah_wbs(p, token=service.new_token())
        db.session.expire_all()
        assert service.follow_up_evidence(db.session.get(Pengaduan, pid)) == {}
        assert db.session.scalar(select(Attachment)) is None
        assert MARKER not in _db_text() and not (_files(app) - before)
