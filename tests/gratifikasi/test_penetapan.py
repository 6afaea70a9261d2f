"""KPK's decision: an SK for milik negara / milik penerima, a letter for "tidak dapat ditindaklanjuti" — the step
asks for the document KPK actually sends."""
import pytest

from core.errors import DomainError
from core.extensions import db
from core.workdays import local_today
from gratifikasi import service
from gratifikasi.models import LaporanGratifikasi
from tests.conftest import csrf_from
from tests.factories import make_user
from tests.gratifikasi.helpers import laporan_input

SURAT = "B/77/GRA.02/11/2026"


def _forwarded():
    upg, _ = make_user(["upg"])
    lap, kode = service.submit(laporan_input(tanggal_terima=local_today()), today=local_today())
    service.verifikasi(lap, upg)
    service.teruskan_kpk(lap, upg, tanggal=local_today(), cara="gol")
    return upg, lap, kode


def test_a_letter_number_for_tidak_dapat_ditindaklanjuti(app_ctx):
    upg, lap, _ = _forwarded()
    today = local_today()
    with pytest.raises(DomainError) as err:
        service.tetapkan(lap, upg, penetapan="tidak_dapat_ditindaklanjuti", nomor_sk="", tanggal_sk=today,
                         tindak_lanjut="Dikembalikan kepada pelapor")
    assert err.value.field == "nomor_surat_kpk" and "Nomor surat KPK wajib diisi" in err.value.message
    service.tetapkan(lap, upg, penetapan="tidak_dapat_ditindaklanjuti", nomor_surat_kpk=SURAT, tanggal_sk=today,
                     tindak_lanjut="Dikembalikan kepada pelapor")
    assert lap.status == "ditetapkan" and lap.nomor_sk == SURAT and lap.dokumen_penetapan == "Surat KPK"
    assert f"surat KPK nomor {SURAT}" in lap.riwayat[-1].catatan and "SK" not in lap.riwayat[-1].catatan


def test_an_sk_number_for_the_other_decisions(app_ctx):
    upg, lap, _ = _forwarded()
    with pytest.raises(DomainError) as err:
        service.tetapkan(lap, upg, penetapan="milik_penerima", nomor_surat_kpk=SURAT, tanggal_sk=local_today(),
                         tindak_lanjut="Diserahkan kepada penerima")
    assert err.value.field == "nomor_sk" and "Nomor SK penetapan wajib diisi" in err.value.message
    service.tetapkan(lap, upg, penetapan="milik_penerima", nomor_sk="12/GRA/2026", tanggal_sk=local_today(),
                     tindak_lanjut="Diserahkan kepada penerima")
    assert lap.dokumen_penetapan == "SK" and "(SK 12/GRA/2026" in lap.riwayat[-1].catatan


def test_through_the_case_page_and_the_tracking_page(app, client, login_as):
    with app.app_context():
        _, lap, kode = _forwarded()
        db.session.commit()
        lap_id, nomor = lap.id, lap.nomor
    c = login_as("upg")
    page = c.get(f"/admin/gratifikasi/{lap_id}").get_data(as_text=True)
    assert "Nomor surat KPK (bila tidak dapat ditindaklanjuti)" in page
    resp = c.post(f"/admin/gratifikasi/{lap_id}/aksi/tetapkan",
                  data={"csrf_token": csrf_from(page), "penetapan": "tidak_dapat_ditindaklanjuti", "nomor_sk": "",
                        "nomor_surat_kpk": SURAT, "tanggal_sk": local_today().isoformat(),
                        "tindak_lanjut": "Dikembalikan kepada pelapor"})
    assert resp.status_code == 302, resp.get_data(as_text=True)
    page = c.get(f"/admin/gratifikasi/{lap_id}").get_data(as_text=True)
    assert f"Surat KPK {SURAT}" in page
    with app.app_context():
        assert db.session.get(LaporanGratifikasi, lap_id).penetapan == "tidak_dapat_ditindaklanjuti"
    lacak = client.get("/gratifikasi/lacak").get_data(as_text=True)
    html = client.post("/gratifikasi/lacak", data={"nomor": nomor, "kode": kode, "csrf_token": csrf_from(lacak)},
                       follow_redirects=True).get_data(as_text=True)
    assert f"Surat KPK {SURAT}" in html and f"SK {SURAT}" not in html
