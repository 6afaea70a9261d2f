"""A stolen copy of the database and the uploads folder reveals no report text.

A report goes through the real pages with a unique marker in every field, in the name and the content of
each attachment (a PDF and a photo with the marker in its EXIF), in the reporter's answer and in the team's
message, note and status reason. Then the SQLite file (WAL checkpointed), every row of every table (on any
database), every file in the uploads folder and every captured log line are searched for the marker, the
receipt, the officer's passphrase and private key: nothing is found.
"""
import io
import logging
import re
import secrets
from pathlib import Path

from PIL import Image
from sqlalchemy import select, text

from core.extensions import db
from core.models import user_by_email
from tests.conftest import csrf_from
from tests.wbs.helpers import PASSPHRASE, officer_client, pdf_bytes
from wbs import keys
from wbs.models import WbsReport

FIELDS = ("apa", "dimana", "kapan", "siapa", "bagaimana", "mengapa", "identitas")


def _jpeg_with_exif(marker: str) -> bytes:
    img = Image.new("RGB", (16, 16), (10, 120, 40))
    exif = Image.Exif()
    exif[0x010E] = marker  # ImageDescription
    exif[0x013B] = marker  # Artist
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif.tobytes())
    assert marker.encode() in buf.getvalue()
    return buf.getvalue()


def _needles(*values: str | bytes) -> list[bytes]:
    out = []
    for v in values:
        b = v if isinstance(v, bytes) else v.encode()
        out.append(b)
        if not isinstance(v, bytes):
            out.append(v.encode("utf-16-le"))
    return out


def test_marker_appears_nowhere_at_rest(app, login_as, caplog):
    marker = "PENANDA" + secrets.token_hex(8).upper()
    photo = _jpeg_with_exif(marker)  # before capturing: Pillow logs the tags it writes
    caplog.set_level(logging.DEBUG)  # everything the application and its libraries log, Pillow's reading too
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine")  # even the SQL log, parameters included
    officer = officer_client(app, login_as)

    reporter = app.test_client()
    html = reporter.get("/wbs/lapor").get_data(as_text=True)
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', html).group(1)
    data = {name: f"{marker} {name}" for name in FIELDS}
    data.update(jenis="korupsi", csrf_token=csrf_from(html), token=token,
                lampiran=[(io.BytesIO(pdf_bytes(f"{marker} isi pdf")), f"{marker}-dokumen.pdf"),
                          (io.BytesIO(photo), f"{marker}-foto.jpg")])
    resp = reporter.post("/wbs/lapor", data=data, content_type="multipart/form-data")
    assert resp.status_code == 200
    receipt = re.search(r'id="resi"[^>]*>([0-9A-Z-]{19})<', resp.get_data(as_text=True)).group(1)

    with app.app_context():
        rid = db.session.scalar(select(WbsReport.id))
    case = officer.get(f"/admin/wbs/{rid}").get_data(as_text=True)
    assert f"{marker} siapa" in case and f"{marker}-dokumen.pdf" in case  # the team does read it
    csrf = csrf_from(case)
    tim_token = re.search(r'name="tim-token" type="hidden" value="([^"]+)"', case).group(1)
    officer.post(f"/admin/wbs/{rid}/pesan", data={"tim-teks": f"{marker} pertanyaan", "tim-token": tim_token,
                                                 "csrf_token": csrf})
    officer.post(f"/admin/wbs/{rid}/catatan", data={"catatan-teks": f"{marker} catatan", "csrf_token": csrf})
    officer.post(f"/admin/wbs/{rid}/status", data={"status": "verifikasi", "alasan": f"{marker} alasan",
                                                  "csrf_token": csrf})
    box = reporter.post("/wbs/kotak", data={"resi": receipt, "csrf_token": csrf_from(html)}).get_data(as_text=True)
    assert f"{marker} pertanyaan" in box and f"{marker} catatan" not in box
    msg_token = re.search(r'name="token" type="hidden" value="([^"]+)"', box).group(1)
    sent = reporter.post("/wbs/kotak/kirim", content_type="multipart/form-data", data={
        "resi": receipt, "csrf_token": csrf_from(box), "token": msg_token, "pesan": f"{marker} jawaban",
        "lampiran": [(io.BytesIO(pdf_bytes(f"{marker} bukti kedua")), f"{marker}-kedua.pdf")]})
    assert f"{marker} jawaban" in sent.get_data(as_text=True)
    assert officer.get(f"/admin/wbs/{rid}/ekspor.pdf").status_code == 200

    with app.app_context():
        user = user_by_email(officer.user_email)
        _, private = keys.unlock(user, PASSPHRASE)
        db.session.rollback()
        needles = _needles(marker, marker.lower(), receipt, receipt.replace("-", ""), PASSPHRASE, private)

        # every row of every table, on any database
        for table in db.metadata.sorted_tables:
            for row in db.session.execute(select(table)).all():
                for value in row:
                    blob = value if isinstance(value, bytes) else str(value).encode()
                    for n in needles:
                        assert n not in blob, (table.name, n)

        # the SQLite file itself, after moving the WAL into it
        if db.engine.dialect.name == "sqlite":
            db.session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
            db.session.commit()
            path = Path(db.engine.url.database)
            files = [p for p in (path, Path(f"{path}-wal"), Path(f"{path}-journal")) if p.exists()]
            assert path in files
            for p in files:
                content = p.read_bytes()
                for n in needles:
                    assert n not in content, (p.name, n)

        uploads = [p for p in Path(app.config["UPLOAD_FOLDER"]).rglob("*") if p.is_file()]
        assert len(uploads) == 3
        for p in uploads:
            content = p.read_bytes()
            assert not content.startswith((b"%PDF", b"\xff\xd8"))
            for n in needles:
                assert n not in content and n not in p.name.encode(), p.name

    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "INSERT INTO wbs_laporan" in logged  # the SQL log was captured
    for n in (marker, marker.lower(), receipt, receipt.replace("-", ""), PASSPHRASE):
        assert n not in logged
