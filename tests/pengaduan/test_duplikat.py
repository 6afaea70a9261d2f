"""A complaint received twice is marked as a duplicate of the first: archived, the reporter told it is handled
with the earlier report, and left out of the LKE's *harus ditindaklanjuti* (DOMAIN §6)."""
from datetime import date

import pytest

from core.errors import DomainError
from core.extensions import db
from core.uow import unit_of_work
from pengaduan import queries, service
from pengaduan.models import Pengaduan
from tests.conftest import csrf_from
from tests.pengaduan.helpers import submit

ALL_TIME = date(2000, 1, 1), date(2100, 1, 1)


def test_a_marked_duplicate_is_not_owed(app_ctx, petugas):
    first, _ = submit()
    again, _ = submit()
    other, _ = submit(uraian="Keluhan lain yang sama sekali berbeda isinya.")
    assert queries.lke_figures(*ALL_TIME)["harus_ditindaklanjuti"] == 3
    for wrong, message in (("", "Tulis nomor tiket"), ("PGD-2026-999999", "tidak ditemukan"),
                           (again.tiket, "bukan pengaduan ini")):
        with pytest.raises(DomainError, match=message):
            service.tandai_duplikat(again, petugas, wrong)
    service.tandai_duplikat(again, petugas, " " + first.tiket.lower())
    assert again.status == "diarsipkan" and not again.terbuka
    f = queries.lke_figures(*ALL_TIME)
    assert (f["harus_ditindaklanjuti"], f["duplikat"], f["diarsipkan_lainnya"]) == (2, 1, 0)
    view = service.public_view(again)
    assert view.status_label == "Diarsipkan"
    assert "penanganannya dilanjutkan pada pengaduan itu" in view.riwayat[-1]["keterangan"]
    assert all(first.tiket not in r["keterangan"] for r in view.riwayat)  # the other ticket stays internal
    # nothing is a duplicate of an archived case; reopened, a duplicate is owed again
    with pytest.raises(DomainError, match="sudah diarsipkan"):
        service.tandai_duplikat(other, petugas, again.tiket)
    service.buka_kembali(again, petugas, "Ternyata berbeda.")
    service.arsipkan(again, petugas, "Pelapor menarik pengaduan.")
    f = queries.lke_figures(*ALL_TIME)
    assert (f["harus_ditindaklanjuti"], f["duplikat"], f["diarsipkan_lainnya"]) == (3, 0, 1)


def test_the_officer_marks_it_from_the_duplicate_hint(app, login_as):
    with app.app_context(), unit_of_work():
        first, _ = submit()
        again, _ = submit()
        ids, tiket = (first.id, again.id), first.tiket
    officer = login_as("petugas_pengaduan")
    page = officer.get(f"/admin/pengaduan/{ids[1]}").get_data(as_text=True)
    assert "Kemungkinan duplikat" in page
    assert f'id="teks-tandai_duplikat" name="teks" rows="4">{tiket}</textarea>' in page  # the earlier one offered
    resp = officer.post(f"/admin/pengaduan/{ids[1]}/aksi/tandai_duplikat",
                        data={"csrf_token": csrf_from(page), "teks": tiket})
    assert resp.status_code == 303
    html = officer.get(f"/admin/pengaduan/{ids[1]}").get_data(as_text=True)
    assert f"Ditandai sebagai duplikat dari {tiket} dan diarsipkan." in html and f"Duplikat dari {tiket}." in html
    with app.app_context():
        assert db.session.get(Pengaduan, ids[1]).status == "diarsipkan"
        assert db.session.get(Pengaduan, ids[0]).status == "diterima"
