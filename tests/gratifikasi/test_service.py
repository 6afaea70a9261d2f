"""Intake, tracking and the UPG's state machine, on the real database."""
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from core.crypto import normalize_code
from core.errors import DomainError, NotAllowed, NotFoundError
from core.extensions import db
from core.models import AuditEvent, Counter, Outbox
from core.workdays import local_today
from gratifikasi import service, workflow
from gratifikasi.models import LaporanGratifikasi, RiwayatGratifikasi
from tests.factories import make_unit, make_user
from tests.gratifikasi.helpers import laporan_input


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_submit_numbers_deadlines_and_encrypts(app_ctx):
    today = date(2026, 3, 17)
    lap, kode = service.submit(laporan_input(tanggal_terima=date(2026, 3, 17)), today=today)
    db.session.commit()
    assert lap.nomor == "GRT-2026-000001" and lap.status == "diterima"
    assert lap.tenggat_upg == date(2026, 4, 8) and lap.tenggat_kpk == date(2026, 5, 7)
    assert lap.tenggat_teruskan == date(2026, 4, 8)  # 10 HK after the UPG received it (same day)
    assert lap.wajib_lapor is True and "konflik kepentingan" in lap.alasan_wajib
    assert lap.nilai == 1_500_000 and lap.identitas_nomor == "198501012010011001"
    assert len(normalize_code(kode).replace("-", "")) * 5 >= 80
    assert lap.kode_hash != kode and kode not in lap.kode_hash
    # personal data is ciphertext in the table
    raw = db.session.execute(db.text("SELECT identitas_nomor, pelapor_telepon, pelapor_alamat, pelapor_nama "
                                     "FROM laporan_gratifikasi")).one()
    for value in raw:
        assert "1985010120" not in value and "0812" not in value and "Merdeka" not in value and "Andi" not in value
    second, _ = service.submit(laporan_input(tanggal_terima=today), today=today)
    assert second.nomor == "GRT-2026-000002"
    # audit row without personal data; the reporter's e-mail gets a notice through the outbox
    ev = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "gratifikasi.lapor"))
    assert ev.detail["nomor"] == "GRT-2026-000001" and "Andi" not in str(ev.detail)
    assert _count(Outbox) == 2


def test_late_report_is_accepted_and_flagged(app_ctx):
    lap, _ = service.submit(laporan_input(tanggal_terima=date(2026, 3, 17)), today=date(2026, 5, 8))
    assert lap.terlambat_kpk and lap.terlambat_upg
    assert lap.tenggat_teruskan == date(2026, 5, 7)  # never past the 30 HK, even if already gone
    assert "milik negara" in lap.riwayat[0].catatan
    assert service.tenggat_of(lap, date(2026, 5, 8)).sisa_hk == -1


@pytest.mark.parametrize("over, field, message", [
    ({"nilai": "0"}, "nilai", "Nilai harus lebih dari Rp0"),
    ({"nilai": "-1.500.000"}, "nilai", "Nilai tidak boleh negatif."),
    ({"nilai": "Rp500.000.000.000"}, "nilai", "melebihi batas wajar"),
    ({"nilai": "1,500,000"}, "nilai", "Gunakan titik sebagai pemisah ribuan"),
    ({"tanggal_terima": date(2099, 1, 1)}, "tanggal_terima", "tidak boleh setelah hari ini"),
    ({"tanggal_terima": date(2009, 12, 31)}, "tanggal_terima", "sebelum Anda diangkat sebagai pegawai"),
    ({"identitas_nomor": "19850101201001100"}, "identitas_nomor", "NIP harus 18 angka"),
    ({"identitas_jenis": "NIK", "identitas_nomor": "16710101019000"}, "identitas_nomor", "NIK harus 16 angka"),
    ({"kronologi": "   \n\t "}, "kronologi", "Wajib diisi."),
    ({"kronologi": "\u200b\u200b"}, "kronologi", "Wajib diisi."),
    ({"kronologi": "x" * 100_000}, "kronologi", "Kronologi terlalu panjang (maksimal 10.000 karakter; terisi 100.000)."),
    ({"pelapor_telepon": "12345"}, "pelapor_telepon", "Nomor telepon tidak sah"),
    ({"pelapor_email": "bukan-email"}, "pelapor_email", "Alamat e-mail tidak sah."),
    ({"acara": "pesta"}, "acara", "Pilih acara"),
    ({"acara": "lainnya", "acara_keterangan": ""}, "acara_keterangan", "Sebutkan acaranya."),
    ({"posisi_objek": ""}, "posisi_objek", "keberadaan objek"),
    ({"unit_nama": ""}, "unit_id", "Pilih unit kerja"),
    ({"unit_id": 999}, "unit_id", "Unit kerja tidak dikenal"),
    ({"jenis": "hadiah"}, "jenis", "Pilih jenis laporan"),
])
def test_bad_input_is_refused_and_nothing_is_written(app_ctx, over, field, message):
    today = date(2026, 11, 26)
    errors, _ = service.check_laporan(laporan_input(**over), today)
    assert field in errors and message in errors[field], errors
    with pytest.raises(DomainError) as err:
        service.submit(laporan_input(**over), today=today)
    assert message in err.value.message
    db.session.rollback()
    assert _count(LaporanGratifikasi) == 0 and _count(RiwayatGratifikasi) == 0 and _count(AuditEvent) == 0
    assert db.session.scalar(select(Counter.value).where(Counter.name == "gratifikasi")) is None  # no number used


def test_all_errors_at_once(app_ctx):
    errors, _ = service.check_laporan(laporan_input(nilai="0", identitas_nomor="123", kronologi=" ", pemberi_nama=""))
    assert {"nilai", "identitas_nomor", "kronologi", "pemberi_nama"} <= set(errors)


def test_text_is_cleaned_but_kept(app_ctx):
    nasty = '<script>alert("x")</script> 😀 שלום\u200b مرحبا \u202eevil'
    lap, _ = service.submit(laporan_input(kronologi=nasty, uraian="Barang\u200d"), today=date(2026, 11, 26))
    assert lap.kronologi == '<script>alert("x")</script> 😀 שלום مرحبا evil'
    assert lap.uraian == "Barang"


def test_nihil_report(app_ctx):
    inp = laporan_input(jenis="nihil", periode_awal=date(2026, 1, 1), periode_akhir=date(2026, 6, 30),
                        pemberi_nama="", nilai=None, tanggal_terima=None, kronologi="")
    lap, _ = service.submit(inp, today=date(2026, 7, 1))
    assert lap.jenis == "nihil" and lap.tenggat_kpk is None and lap.nilai is None and lap.wajib_lapor is None
    for over, message in [({"periode_akhir": date(2025, 12, 31)}, "tidak boleh sebelum awal"),
                          ({"periode_akhir": date(2026, 7, 2)}, "tidak boleh setelah hari ini"),
                          ({"periode_awal": date(2024, 1, 1)}, "paling lama satu tahun")]:
        errors, _ = service.check_laporan(laporan_input(**{**inp.__dict__, **over}), date(2026, 7, 1))
        assert message in errors["periode_akhir"]


def test_double_submit_makes_one_record(app_ctx):
    lap, _ = service.submit(laporan_input(), idem_token="tok-123", today=date(2026, 11, 26))
    db.session.commit()
    with pytest.raises(service.DuplicateSubmission) as err:
        service.submit(laporan_input(), idem_token="tok-123", today=date(2026, 11, 26))
    assert err.value.laporan.id == lap.id and lap.nomor in err.value.message
    db.session.rollback()
    assert _count(LaporanGratifikasi) == 1


def test_tracking_same_message_for_unknown_number_and_wrong_code(app_ctx):
    a, kode_a = service.submit(laporan_input(), today=date(2026, 11, 26))
    b, kode_b = service.submit(laporan_input(), today=date(2026, 11, 26))
    db.session.commit()
    assert service.lacak(a.nomor.lower(), kode_a.lower().replace("-", " ")).id == a.id
    messages = set()
    for nomor, kode in [(a.nomor, kode_b), ("GRT-2026-999999", kode_a), ("x' OR 1=1 --", kode_a), (a.nomor, "")]:
        with pytest.raises(NotFoundError) as err:
            service.lacak(nomor, kode)
        messages.add(err.value.message)
    assert messages == {service.SAME_MESSAGE}


def _upg():
    user, _ = make_user(["upg"])
    return user


def test_full_workflow_penerimaan(app_ctx):
    upg = _upg()
    today = local_today()
    lap, kode = service.submit(laporan_input(tanggal_terima=today - timedelta(days=3)), today=today)
    assert workflow.actions_for(lap, upg) == ["verifikasi", "minta_lengkapi"]
    assert workflow.actions_for(lap, None) == []
    service.minta_lengkapi(lap, upg, "Foto parsel belum dilampirkan")
    assert lap.status == "perlu_dilengkapi" and workflow.actions_for(lap, None) == ["dilengkapi"]
    with pytest.raises(DomainError) as err:
        service.lengkapi(lap, "  ")
    assert "Isi keterangan tambahan" in err.value.message
    service.lengkapi(lap, "Foto menyusul lewat UPG; parsel berisi kue.")
    assert lap.status == "diterima"
    service.verifikasi(lap, upg, "Lengkap")
    assert lap.status == "diverifikasi" and lap.diverifikasi_pada == today
    with pytest.raises(DomainError) as err:
        service.teruskan_kpk(lap, upg, tanggal=today + timedelta(days=1), cara="gol")
    assert "tidak boleh setelah hari ini" in err.value.message
    with pytest.raises(DomainError):
        service.teruskan_kpk(lap, upg, tanggal=today, cara="merpati")
    service.teruskan_kpk(lap, upg, tanggal=today, cara="gol", nomor_registrasi="GOL-123")
    assert lap.status == "diteruskan" and lap.nomor_surat == f"1/UPG/HK.01/{today:%m}/{today.year}"
    with pytest.raises(DomainError) as err:
        service.tetapkan(lap, upg, penetapan="milik_negara", nomor_sk="", tanggal_sk=today, tindak_lanjut="x")
    assert "Nomor SK" in err.value.message
    with pytest.raises(DomainError) as err:
        service.tetapkan(lap, upg, penetapan="milik_negara", nomor_sk="123/KPK", tanggal_sk=today - timedelta(days=30),
                         tindak_lanjut="Disetor")
    assert "tidak boleh sebelum tanggal penerusan" in err.value.message
    service.tetapkan(lap, upg, penetapan="milik_negara", nomor_sk="1234/GRA/2026", tanggal_sk=today,
                     tindak_lanjut="Disetor ke kas negara melalui rekening KPK")
    assert lap.status == "ditetapkan" and lap.penetapan_label == "Milik negara"
    service.selesaikan(lap, upg)
    db.session.commit()
    assert lap.status == "selesai" and lap.selesai_pada == today
    assert [r.aksi for r in lap.riwayat] == ["lapor", "minta_lengkapi", "dilengkapi", "verifikasi", "teruskan_kpk",
                                             "tetapkan", "selesaikan"]
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_type == "laporan_gratifikasi")
                                 .order_by(AuditEvent.id)).all()
    assert actions == ["gratifikasi.lapor", "gratifikasi.minta_lengkapi", "gratifikasi.dilengkapi",
                       "gratifikasi.verifikasi", "gratifikasi.teruskan_kpk", "gratifikasi.tetapkan",
                       "gratifikasi.selesaikan"]
    from core.audit import verify

    assert verify()[1] is None
    assert service.lacak(lap.nomor, kode).status == "selesai"


def test_transitions_not_allowed(app_ctx):
    upg, other = _upg(), make_user(["petugas_pengaduan"])[0]
    today = local_today()
    lap, _ = service.submit(laporan_input(tanggal_terima=today), today=today)
    with pytest.raises(NotAllowed) as err:
        service.teruskan_kpk(lap, upg, tanggal=today, cara="gol")
    assert "tidak dapat dilakukan pada laporan berstatus «Diterima UPG»" in err.value.message
    with pytest.raises(NotAllowed) as err:
        service.verifikasi(lap, other)
    assert "tidak berwenang" in err.value.message
    with pytest.raises(NotAllowed):
        service.lengkapi(lap, "tambahan")  # the UPG did not ask
    with pytest.raises(NotAllowed):
        service.selesaikan(lap, upg)  # a receipt report is not closed before KPK decides
    assert lap.status == "diterima" and len(lap.riwayat) == 1


def test_refusal_and_nihil_paths(app_ctx):
    upg = _upg()
    today = local_today()
    refusal, _ = service.submit(laporan_input(jenis="penolakan", tanggal_terima=today, posisi_objek=""), today=today)
    assert refusal.posisi_objek == "tidak_ada" and refusal.wajib_lapor is None
    service.verifikasi(refusal, upg)
    service.teruskan_kpk(refusal, upg, tanggal=today, cara="surel")
    assert "tetapkan" not in workflow.actions_for(refusal, upg)
    service.selesaikan(refusal, upg)
    assert refusal.status == "selesai"
    nihil, _ = service.submit(laporan_input(jenis="nihil", periode_awal=today.replace(day=1), periode_akhir=today),
                              today=today)
    assert workflow.actions_for(nihil, upg) == ["minta_lengkapi", "selesaikan"]
    with pytest.raises(NotAllowed):
        service.teruskan_kpk(nihil, upg, tanggal=today, cara="gol")
    service.selesaikan(nihil, upg)
    assert nihil.status == "selesai"


def test_campaign_log(app_ctx):
    upg = _upg()
    today = local_today()
    row = service.catat_kampanye(service.KampanyeInput(tanggal=today, media="banner", judul="Banner di lobi",
                                                       tautan="https://contoh.go.id/foto"), [], upg)
    assert row.media_label.startswith("Banner")
    for over, message in [({"tanggal": today + timedelta(days=1)}, "tidak boleh setelah hari ini"),
                          ({"media": "tv"}, "Pilih media"), ({"judul": " "}, "Wajib diisi."),
                          ({"tautan": "javascript:alert(1)"}, "https://")]:
        fields = {"tanggal": today, "media": "banner", "judul": "X", **over}
        with pytest.raises(DomainError) as err:
            service.catat_kampanye(service.KampanyeInput(**fields), [], upg)
        assert message in err.value.message


def test_unit_from_the_office_list(app_ctx):
    unit = make_unit("KS", "Bidang Keluarga Sejahtera")
    lap, _ = service.submit(laporan_input(unit_id=unit.id, unit_nama=""), today=date(2026, 11, 26))
    assert lap.unit_id == unit.id and lap.unit_nama == "Bidang Keluarga Sejahtera"
