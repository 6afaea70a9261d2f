"""The secret code never sits in the server-side session (issue 10 #12: it stayed in the session row for the session's
26 hours). After a report is sent or tracked the session keeps only the report number, for a short while; the code
is shown once, and a page that needs it again asks for it."""
import io
import re
from datetime import timedelta

from pypdf import PdfReader
from sqlalchemy import select

from core.crypto import normalize_code
from core.extensions import db
from core.models import ServerSession
from core.workdays import local_today
from gratifikasi import service
from tests.conftest import csrf_from
from tests.factories import make_user
from tests.gratifikasi.helpers import form_data, laporan_input


def _session_rows(app) -> list[bytes]:
    """Every stored session: the database table, and Redis when the sessions live there (REDIS_URL)."""
    with app.app_context():
        rows = list(db.session.scalars(select(ServerSession.data)))
    iface = app.session_interface
    client = getattr(iface, "client", None)
    if client is not None:
        rows += [client.get(k) or b"" for k in client.scan_iter(match=f"{iface.key_prefix}*")]
    return rows


def _never_stored(app, kode: str) -> None:
    forms = {kode, normalize_code(kode), normalize_code(kode).replace("-", ""), kode.lower()}
    for row in _session_rows(app):
        for form in forms:
            assert form.encode() not in row, "the secret code is in a session row"


def _pdf(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_after_sending_only_the_number_is_kept(app, client):
    html = client.get("/gratifikasi/lapor").get_data(as_text=True)
    resp = client.post("/gratifikasi/lapor", data=form_data(html, tanggal_terima=(local_today() - timedelta(days=1))
                                                            .isoformat()))
    assert resp.status_code == 200 and resp.headers["Cache-Control"] == "no-store"
    page = resp.get_data(as_text=True)
    nomor = re.search(r"GRT-\d{4}-\d{6}", page).group(0)
    kode = re.search(r'<div class="code-box mb-3" id="kode">([^<]+)</div>', page).group(1)
    _never_stored(app, kode)
    assert any(nomor.encode() in row for row in _session_rows(app))
    # the receipt page again (reload, Back, a double submit): the number, never the code
    again = client.get("/gratifikasi/tanda-terima").get_data(as_text=True)
    assert nomor in again and kode not in again and "hanya ditampilkan sekali" in again
    pdf = client.get("/gratifikasi/tanda-terima.pdf")
    assert nomor in _pdf(pdf.data) and kode not in _pdf(pdf.data)
    # the receipt with the code: the page posts the code it shows, which is checked again
    token = csrf_from(page)
    with_code = client.post("/gratifikasi/tanda-terima.pdf", data={"csrf_token": token, "nomor": nomor, "kode": kode})
    assert with_code.mimetype == "application/pdf" and kode in _pdf(with_code.data)
    wrong = client.post("/gratifikasi/tanda-terima.pdf", data={"csrf_token": token, "nomor": nomor,
                                                               "kode": "SALAH-KODE-0000"}, follow_redirects=True)
    assert wrong.mimetype == "text/html" and service.SAME_MESSAGE in wrong.get_data(as_text=True)
    _never_stored(app, kode)


def test_after_tracking_only_the_number_is_kept_for_a_while(app, client, clock):
    with app.app_context():
        upg, _ = make_user(["upg"])
        lap, kode = service.submit(laporan_input(tanggal_terima=local_today()))
        service.minta_lengkapi(lap, upg, "Lampirkan foto parsel")
        db.session.commit()
        nomor = lap.nomor
    page = client.get("/gratifikasi/lacak").get_data(as_text=True)
    resp = client.post("/gratifikasi/lacak", data={"nomor": nomor, "kode": kode, "csrf_token": csrf_from(page)})
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/gratifikasi/lacak/status")
    status = client.get("/gratifikasi/lacak/status")
    html = status.get_data(as_text=True)
    assert status.headers["Cache-Control"] == "no-store"
    assert f"Status laporan {nomor}" in html and kode not in html and "Kirim kelengkapan" in html
    _never_stored(app, kode)
    # the next pages act on the number in the session: no code in their forms
    done = client.post("/gratifikasi/lacak/lengkapi", data={"csrf_token": csrf_from(html), "tambahan": "Foto menyusul"},
                       follow_redirects=True).get_data(as_text=True)
    assert "Kelengkapan terkirim" in done and "Pelapor melengkapi laporan: Foto menyusul" in done
    pdf = client.post("/gratifikasi/lacak/tanda-terima.pdf", data={"csrf_token": csrf_from(html)})
    assert pdf.mimetype == "application/pdf" and nomor in _pdf(pdf.data) and kode not in _pdf(pdf.data)
    _never_stored(app, kode)
    # half an hour later the page asks for the number and code again
    clock.advance(31 * 60)
    later = client.get("/gratifikasi/lacak/status")
    assert later.status_code == 302 and later.headers["Location"].endswith("/gratifikasi/lacak")
    refused = client.post("/gratifikasi/lacak/lengkapi", data={"csrf_token": csrf_from(client.get(
        "/gratifikasi/lacak").get_data(as_text=True)), "tambahan": "x"})
    assert refused.status_code == 302 and refused.headers["Location"].endswith("/gratifikasi/lacak")


def test_no_session_no_status(client):
    assert client.get("/gratifikasi/lacak/status").status_code == 302
    page = client.get("/gratifikasi/lacak").get_data(as_text=True)
    resp = client.post("/gratifikasi/lacak/tanda-terima.pdf", data={"csrf_token": csrf_from(page)})
    assert resp.status_code == 302
