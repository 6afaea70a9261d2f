"""The evidence register: uploads checked by content, filing against indicators, lost files, policy documents
and their validity, readiness for an evaluation."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from flask import current_app
from sqlalchemy import func, select

from core.errors import DomainError
from core.extensions import db
from core.models import Attachment, AuditEvent
from zi import evidence, tindak_lanjut
from zi.models import ZiBukti

from . import helpers as h
from .conftest import TAHUN

JAN, DES = date(TAHUN, 1, 1), date(TAHUN, 12, 31)


def _nama(katalog, kode, kunci):
    return next(n for n in katalog[kode].bukti_nama if n.kunci == kunci)


def test_an_upload_is_stored_and_filed_against_its_indicator(katalog, petugas):
    nama = _nama(katalog, "PW.P3.a", "capture_kotak_pengaduan")
    b = evidence.tambah_bukti(judul="Foto kotak pengaduan lobi", jenis="foto", periode_mulai=date(TAHUN, 3, 1),
                              periode_selesai=date(TAHUN, 3, 1), berkas=h.upload(h.png(), "kotak.png"),
                              bukti_nama=[nama], user=petugas)
    db.session.commit()
    assert b.attachment.content_type == "image/png" and b.berkas_nama == "kotak.png"
    assert b.added_by_id == petugas.id
    rows = evidence.bukti_indikator(katalog["PW.P3.a"])
    assert [(r.bukti.id, r.berkas, r.dapat_dipakai, r.bukti_nama.kunci) for r in rows] == [
        (b.id, "ada", True, "capture_kotak_pengaduan")]
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)
                             .where(AuditEvent.action == "zi.bukti.tambah")) == 1


def test_wrong_type_is_refused_with_a_clear_message(katalog, petugas):
    with pytest.raises(DomainError) as e:
        evidence.tambah_bukti(judul="Notulen", jenis="notulen", periode_mulai=JAN, periode_selesai=JAN,
                              berkas=h.upload(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "notulen.gif"), user=petugas)
    assert e.value.field == "berkas"
    assert e.value.message == "Berkas «notulen.gif» bukan berkas JPEG, PNG, WebP, PDF atau XLSX yang sah."
    assert db.session.scalar(select(func.count()).select_from(ZiBukti)) == 0


def test_too_big_is_refused_with_a_clear_message(katalog, petugas):
    current_app.config["MAX_FILE_BYTES"] = 1024
    with pytest.raises(DomainError) as e:
        evidence.tambah_bukti(judul="SOP", jenis="lainnya", periode_mulai=JAN, periode_selesai=JAN,
                              berkas=h.upload(h.pdf("x" * 5000), "besar.pdf"), user=petugas)
    assert e.value.field == "berkas" and e.value.message == "Berkas «besar.pdf» melebihi batas 1 KB."


@pytest.mark.parametrize("fields, field, message", [
    ({"judul": " "}, "judul", "Judul bukti wajib diisi."),
    ({"jenis": "video"}, "jenis", "Pilih jenis bukti."),
    ({"periode_selesai": date(TAHUN - 1, 12, 31)}, "periode_selesai",
     "Tanggal selesai periode tidak boleh sebelum tanggal mulai."),
    ({"berkas": None}, "berkas", "Lampirkan berkas bukti atau isi tautannya."),
    ({"tautan": "javascript:alert(1)"}, "tautan",
     "Tautan harus alamat web lengkap yang diawali http:// atau https://."),
    ({"jenis": "laporan_otomatis"}, "jenis", "Laporan otomatis dibuat oleh sistem, bukan diunggah."),
])
def test_bad_input_is_refused_in_indonesian(katalog, petugas, fields, field, message):
    args = dict(judul="Bukti", jenis="foto", periode_mulai=JAN, periode_selesai=JAN,
                berkas=h.upload(h.png(), "a.png"), user=petugas) | fields
    with pytest.raises(DomainError) as e:
        evidence.tambah_bukti(**args)
    assert (e.value.field, e.value.message) == (field, message)


def test_a_policy_document_needs_number_date_and_signatory(katalog, petugas):
    args = dict(judul="SK Petugas Pengaduan", jenis="sk", berkas=h.upload(h.pdf(), "sk.pdf"), user=petugas)
    with pytest.raises(DomainError, match="Nomor dokumen kebijakan"):
        evidence.tambah_bukti(**args, tanggal=JAN, penandatangan="Kepala")
    with pytest.raises(DomainError, match="Tanggal penetapan"):
        evidence.tambah_bukti(**args, nomor="1/SK/2026", penandatangan="Kepala")
    with pytest.raises(DomainError, match="penandatangan"):
        evidence.tambah_bukti(**args, nomor="1/SK/2026", tanggal=JAN)
    with pytest.raises(DomainError, match="Masa berlaku"):
        evidence.tambah_bukti(**args, nomor="1/SK/2026", tanggal=JAN, penandatangan="Kepala",
                              berlaku_sampai=date(TAHUN - 1, 6, 1))
    sk = evidence.tambah_bukti(**args, nomor="1/SK/2026", tanggal=JAN, penandatangan="Kepala",
                               berlaku_sampai=date(TAHUN, 12, 31))
    assert (sk.periode_mulai, sk.periode_selesai) == (JAN, DES)


def test_a_deleted_file_shows_as_missing(katalog, petugas):
    a = h.bukti(TAHUN, "capture_respon_pengaduan", JAN, JAN, jenis="tangkapan_layar", user=petugas)
    b = h.bukti(TAHUN, "capture_respon_pengaduan", JAN, JAN, jenis="tangkapan_layar", user=petugas)
    db.session.commit()
    (Path(current_app.config["UPLOAD_FOLDER"]) / a.attachment.stored_name).unlink()  # bytes gone
    db.session.delete(db.session.get(Attachment, b.attachment_id))  # attachment row gone
    db.session.commit()
    db.session.expire_all()
    rows = {r.bukti.id: r for r in evidence.bukti_indikator(katalog["PW.P3.b"])}
    assert rows[a.id].berkas == rows[b.id].berkas == "hilang"
    assert not rows[a.id].dapat_dipakai
    assert rows[b.id].peringatan == [f"Berkas «{b.berkas_nama}» tidak ditemukan di penyimpanan; unggah ulang."]


def test_a_generated_report_filed_twice_is_one_item_with_one_file(katalog):
    names = evidence.bukti_nama_berkunci(TAHUN, "laporan_monev_pengaduan")
    assert {n.indikator.kode for n in names} == {"PW.P3.c", "PP.P3.c", "PW.R2.a", "PP.R2.a"}
    first = evidence.tambah_bukti(judul="Laporan monev Maret", jenis="laporan_otomatis", data=h.pdf("maret"),
                                  nama_berkas="monev-2026-03.pdf", periode_mulai=date(TAHUN, 3, 1),
                                  periode_selesai=date(TAHUN, 3, 31), bukti_nama=names,
                                  kunci_sumber=f"pengaduan.monev:{TAHUN}-03")
    again = evidence.tambah_bukti(judul="Laporan monev Maret", jenis="laporan_otomatis", data=h.pdf("maret"),
                                  nama_berkas="monev-2026-03.pdf", periode_mulai=date(TAHUN, 3, 1),
                                  periode_selesai=date(TAHUN, 3, 31), bukti_nama=names,
                                  kunci_sumber=f"pengaduan.monev:{TAHUN}-03")
    db.session.commit()
    assert again.id == first.id
    assert db.session.scalar(select(func.count()).select_from(Attachment)) == 1
    assert len(first.tautan_indikator) == 4


def test_a_policy_bukti_must_be_filed_as_a_policy_document(katalog):
    with pytest.raises(DomainError) as e:
        h.bukti(TAHUN, "sk_petugas_pengaduan", JAN, JAN, jenis="foto")
    assert e.value.field == "jenis" and "adalah dokumen kebijakan" in e.value.message
    # refused before anything was written
    assert db.session.scalar(select(func.count()).select_from(Attachment)) == 0
    assert not any(Path(current_app.config["UPLOAD_FOLDER"]).iterdir())


def test_evidence_files_only_against_questions(katalog):
    b = h.bukti(TAHUN, "capture_respon_pengaduan", JAN, JAN)
    with pytest.raises(DomainError, match="sub-area"):
        evidence.tautkan(b, katalog["PW.P3"])
    with pytest.raises(DomainError, match="bukan milik"):
        evidence.tautkan(b, katalog["PW.P3.a"], _nama(katalog, "PW.P3.c", "laporan_monev_pengaduan"))
    evidence.tautkan(b, katalog["PP.P3.a"])
    assert {r.bukti.id for r in evidence.bukti_indikator(katalog["PP.P3.a"])} == {b.id}
    evidence.lepaskan(b, katalog["PP.P3.a"])
    assert evidence.bukti_indikator(katalog["PP.P3.a"]) == []


def test_policy_documents_with_their_validity(katalog):
    today = date(TAHUN, 6, 15)
    expired = h.sk(TAHUN, "sk_tim_wbs", date(TAHUN - 1, 1, 2), date(TAHUN, 5, 31))
    ending = h.sk(TAHUN, "sk_upg", date(TAHUN, 1, 2), date(TAHUN, 7, 1))
    valid = h.sk(TAHUN, "sk_petugas_pengaduan", date(TAHUN, 1, 2))
    rows = evidence.dokumen_kebijakan(today)
    assert [(r.bukti.id, r.berlaku) for r in rows] == [(expired.id, "kedaluwarsa"), (ending.id, "segera_berakhir"),
                                                      (valid.id, "berlaku")]
    assert rows[0].peringatan == [f"{expired.judul} nomor {expired.nomor} berakhir masa berlakunya pada "
                                  f"31 Mei {TAHUN}; perlu diperbarui."]
    assert rows[1].dapat_dipakai and not rows[0].dapat_dipakai


def test_readiness_names_missing_bukti_expired_sk_and_overdue_follow_ups(katalog, unit):
    today = date(TAHUN, 9, 1)
    h.sk(TAHUN, "sk_tim_wbs", date(TAHUN - 1, 1, 2), date(TAHUN, 5, 31))
    h.bukti(TAHUN, "capture_kotak_pengaduan", date(TAHUN, 2, 1), date(TAHUN, 2, 1), jenis="foto")
    late = tindak_lanjut.buat(tahun=TAHUN, rekomendasi="Percepat verifikasi kanal surat", unit_id=unit.id,
                              tenggat=date(TAHUN, 8, 1), indikator_kode="PW.P3.d")
    tindak_lanjut.buat(tahun=TAHUN, rekomendasi="Pasang poster kanal", unit_id=unit.id, tenggat=date(TAHUN, 10, 1),
                       indikator_kode="PW.P3.d")
    k = evidence.kesiapan(TAHUN, today=today)
    by = {x.indikator.kode: x for x in k.indikator}
    assert [n.kunci for n in by["PW.P3.a"].kurang] == ["sk_petugas_pengaduan", "capture_spanduk_pengaduan",
                                                       "capture_edumas"]
    assert "sk_tim_wbs" in [n.kunci for n in by["PW.P4.a"].kurang]  # expired: no longer counts
    assert any("berakhir masa berlakunya" in p for p in by["PW.P4.a"].peringatan)
    assert k.tindak_lanjut_terlambat == {"Sekretariat": [late]}
    assert not by["PW.P3.a"].siap and k.jumlah_bukti_kurang > 100
    # an item of another year's catalogue is not mixed in
    assert all(x.indikator.tahun == TAHUN for x in k.indikator)


def test_follow_up_needs_what_was_done_before_it_is_done(katalog, unit):
    tl = tindak_lanjut.buat(tahun=TAHUN, rekomendasi="Tambah petugas", unit_id=unit.id, tenggat=date(TAHUN, 8, 1))
    with pytest.raises(DomainError, match="hasil tindak lanjut"):
        tindak_lanjut.ubah_status(tl, "selesai")
    b = h.bukti(TAHUN, "laporan_tl_monev_pengaduan", JAN, JAN, jenis="lainnya")
    tindak_lanjut.ubah_status(tl, "selesai", hasil="Dua petugas ditambahkan", bukti=[b], today=date(TAHUN, 7, 1))
    assert (tl.status, tl.selesai_pada, tl.bukti) == ("selesai", date(TAHUN, 7, 1), [b])
    with pytest.raises(DomainError, match="unit penanggung jawab"):
        tindak_lanjut.buat(tahun=TAHUN, rekomendasi="x", unit_id=0, tenggat=JAN)
