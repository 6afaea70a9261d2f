"""Back + resend: the confirm step's token is single-use across Back/reload; never a second complaint."""
import re

from sqlalchemy import func, select

from core.extensions import db
from core.uow import unit_of_work
from pengaduan import service
from pengaduan.models import Pengaduan
from tests.pengaduan.helpers import submit
from tests.pengaduan.test_public import _confirm, _send


def _count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Pengaduan))


def test_back_and_resend_makes_no_second_complaint(app, client):
    first = _send(client, _confirm(client).get_data(as_text=True)).get_data(as_text=True)
    tiket = re.search(r'id="tiket">(PGD-\d{4}-\d{6})<', first).group(1)
    # Back to the confirm page: the browser posts the form again and gets a confirm page again
    again = _send(client, _confirm(client).get_data(as_text=True))
    text = again.get_data(as_text=True)
    assert _count(app) == 1
    assert tiket in text or "sudah terkirim" in text
    # and once more (Back twice): still one complaint, a clear page
    third = _send(client, _confirm(client).get_data(as_text=True)).get_data(as_text=True)
    assert _count(app) == 1 and "sudah terkirim" in third


def test_a_different_complaint_from_the_same_browser_is_sent(app, client):
    _send(client, _confirm(client).get_data(as_text=True))
    _send(client, _confirm(client, judul="Hal lain sama sekali", uraian="Ruang tunggu tidak ada kursinya.")
          .get_data(as_text=True))
    assert _count(app) == 2


def test_the_officer_sees_a_possible_duplicate(app, login_as):
    with app.app_context(), unit_of_work():
        a, _ = submit()
        b, _ = submit()
        c, _ = submit(uraian="Sesuatu yang sama sekali berbeda di loket lain.")
        ids = a.id, b.id, c.id
    officer = login_as("petugas_pengaduan")
    assert "Kemungkinan duplikat" in officer.get(f"/admin/pengaduan/{ids[1]}").get_data(as_text=True)
    assert "Kemungkinan duplikat" not in officer.get(f"/admin/pengaduan/{ids[2]}").get_data(as_text=True)
    with app.app_context():
        assert [p.id for p in service.possible_duplicates(db.session.get(Pengaduan, ids[1]))] == [ids[0]]


def test_a_send_that_fails_before_its_commit_keeps_the_photo_for_the_resend(app, client):
    """The crash test found it: the staged photo was deleted before the complaint's commit, so a send that
    failed at the commit was resent without its photo (a complaint whose evidence silently vanished)."""
    import io

    from core.attachments import attachments_of
    from tests.pengaduan.helpers import jpeg_with_exif

    confirm = _confirm(client, files=[(io.BytesIO(jpeg_with_exif()), "foto.jpg")]).get_data(as_text=True)
    fail = {"on": True}

    def _crash(response):  # runs before the unit of work's commit (the last added runs first): no commit
        if fail["on"] and response.status_code == 200:
            raise RuntimeError("crash before the commit")
        return response

    app.after_request_funcs.setdefault(None, []).append(_crash)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    assert _send(client, confirm).status_code == 500
    assert _count(app) == 0
    fail["on"] = False
    page = _send(client, confirm).get_data(as_text=True)  # the reporter presses «Kirim» again
    tiket = re.search(r'id="tiket">(PGD-\d{4}-\d{6})<', page).group(1)
    with app.app_context():
        p = db.session.scalar(select(Pengaduan).where(Pengaduan.tiket == tiket))
        assert [a.original_name for a in attachments_of(service.OWNER, p.id)] == ["foto.jpg"]
