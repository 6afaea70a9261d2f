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
