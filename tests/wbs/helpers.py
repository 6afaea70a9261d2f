"""Shared pieces of the WBS tests: officers with keys, reports, small real files."""
from __future__ import annotations

import io

from PIL import Image

from core.extensions import db
from core.models import User, user_by_email
from core.storage import inspect_upload
from core.uow import unit_of_work
from tests.conftest import csrf_from
from tests.factories import make_user
from wbs import keys, service

PASSPHRASE = "frasa-sandi-wbs-rahasia-1"
FULL = {
    "apa": "Pungutan Rp500.000 untuk tanda tangan berkas",
    "dimana": "Ruang layanan lantai 2",
    "kapan": "Setiap Senin sejak Januari",
    "siapa": "Oknum petugas loket B",
    "bagaimana": "Diminta lewat pesan singkat sebelum berkas diproses",
    "mengapa": "Agar berkas cepat selesai",
    "jenis": "pungli",
    "identitas": "",
}


def make_officer(passphrase: str = PASSPHRASE, **kw) -> User:
    user, _ = make_user(["tim_wbs"], **kw)
    keys.enrol_officer(user, passphrase)
    db.session.commit()
    return user


def unlocked(user: User, passphrase: str = PASSPHRASE):
    return keys.unlock(user, passphrase)


def pdf_bytes(text: str) -> bytes:
    """A small valid PDF whose page shows `text` (written in clear inside the file)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for i, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def png_bytes(color=(200, 30, 30)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), color).save(buf, "PNG")
    return buf.getvalue()


def clean_pdf(text: str, name: str = "bukti.pdf"):
    return inspect_upload(pdf_bytes(text), name, max_bytes=10 * 1024 * 1024)


def submit(**overrides) -> tuple[int, str]:
    """A report filed in its own unit of work, as the web form's request files it."""
    fields = {**FULL, **overrides}
    files = fields.pop("files", ())
    with unit_of_work():
        return service.submit_report(fields, files)


def officer_client(app, login_as, passphrase: str = PASSPHRASE, unlock: bool = True):
    """A tim_wbs test client with a WBS key, unlocked for its session."""
    client = login_as("tim_wbs")
    with app.app_context():
        keys.enrol_officer(user_by_email(client.user_email), passphrase)
        db.session.commit()
    if unlock:
        page = client.get("/admin/wbs/buka-kunci")
        resp = client.post("/admin/wbs/buka-kunci", data={"passphrase": passphrase,
                                                          "csrf_token": csrf_from(page.get_data(as_text=True))})
        assert resp.status_code == 302, resp.get_data(as_text=True)[:800]
    return client
