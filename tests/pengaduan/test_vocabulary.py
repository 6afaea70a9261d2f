"""One status vocabulary for reporter, officers and bot (DOMAIN §1): an officer's page may add a hint, never
another word."""
from pengaduan import service
from pengaduan.workflow import OFFICER_HINT, OFFICER_LABEL, PUBLIC_LABEL, STATUSES

VOCABULARY = {"Diterima", "Diverifikasi", "Didisposisikan", "Ditindaklanjuti", "Dijawab", "Selesai",
              "Perlu Dilengkapi", "Ditolak", "Dialihkan", "Diarsipkan"}


def test_one_word_per_status_for_everyone():
    assert OFFICER_LABEL == PUBLIC_LABEL
    assert PUBLIC_LABEL["dijawab"] == "Dijawab"
    assert {str(PUBLIC_LABEL[s]) for s in STATUSES} <= VOCABULARY
    assert str(OFFICER_HINT["dijawab"]) == "menunggu tanggapan pelapor"


def test_the_answered_case_reads_dijawab_on_both_sides(app_ctx, petugas, unit_kb):
    from tests.pengaduan.helpers import submit
    p, _ = submit()
    service.verifikasi(p, petugas, "normatif")
    service.jawab(p, petugas, "Sudah kami perbaiki.")
    assert service.public_view(p).status_label == "Dijawab"


def test_every_page_says_the_same_word_at_each_step(app, client, login_as):
    """The reporter's tracking page, the officer's case page and queue read one word per status, step by step
    (the bot reads the same view: tests/bot/test_status.py)."""
    import re

    from core.extensions import db
    from core.models import User
    from core.uow import unit_of_work
    from pengaduan.models import Pengaduan
    from tests.factories import make_unit, make_user
    from tests.pengaduan.helpers import submit
    from tests.pengaduan.test_public import _track

    with app.app_context(), unit_of_work():
        officer, _ = make_user(["petugas_pengaduan"])
        unit = make_unit()
        p, code = submit()
        pid, tiket, officer_id, unit_id = p.id, p.tiket, officer.id, unit.id
    steps = [("diterima", None),
             ("diverifikasi", lambda p, o: service.verifikasi(p, o, "normatif")),
             ("didisposisikan", lambda p, o: service.disposisi(p, o, unit_id)),
             ("ditindaklanjuti", lambda p, o: service.tindak_lanjut(p, o, "Loket ditambah.")),
             ("dijawab", lambda p, o: service.jawab(p, o, "Loket sudah ditambah.")),
             ("selesai", lambda p, o: service.tutup(p, o))]
    staff = login_as("petugas_pengaduan")
    assert _track(client, tiket, code).status_code == 302
    for status, step in steps:
        if step:
            with app.app_context(), unit_of_work():
                step(db.session.get(Pengaduan, pid), db.session.get(User, officer_id))
        word = str(PUBLIC_LABEL[status])
        public = client.get("/pengaduan/lacak/status").get_data(as_text=True)
        case = staff.get(f"/admin/pengaduan/{pid}").get_data(as_text=True)
        queue = staff.get("/admin/pengaduan?status=semua").get_data(as_text=True)
        assert f'<strong id="status">{word}</strong>' in public, status
        assert f'<strong id="status">{word}</strong>' in case, status
        cell = re.search(r'<td data-label="Status">([^<]*)', queue).group(1)
        assert cell.strip() == word, (status, cell)  # a hint may follow, in smaller text
