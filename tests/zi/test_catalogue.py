"""The catalogue: the six areas with their weights, the juknis's bukti names, idempotent loading by year."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from core.extensions import db
from core.models import AuditEvent
from zi import catalogue, catalogue_data
from zi.models import ZiArea, ZiBuktiNama, ZiIndikator
from zi.scoring import SKOR_OPSI

from .conftest import TAHUN

ROOT = Path(__file__).resolve().parents[2]
# the juknis lives beside the checkout (../shared/seed), not in it
JUKNIS = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared")
               if (p / "seed" / "000_e4c057dbe17e3173.txt").is_file()), None)


def juknis_text() -> str:
    if JUKNIS is None:
        pytest.skip("juknis (../shared/seed) tidak tersedia")
    raw = (JUKNIS / "seed" / "000_e4c057dbe17e3173.txt").read_text(encoding="utf-8")
    return " ".join(raw.replace("*", "").split())


def test_six_areas_with_their_weights_and_the_hasil(katalog):
    areas = {a.kode: a for a in catalogue.areas(TAHUN)}
    assert [a.nama for a in catalogue.areas(TAHUN)][:6] == [
        "Manajemen Perubahan", "Penataan Tatalaksana", "Penataan Sistem Manajemen SDM",
        "Penguatan Akuntabilitas Kinerja", "Penguatan Pengawasan", "Peningkatan Kualitas Pelayanan Publik"]
    assert {k: a.bobot for k, a in areas.items()} == {
        "MP": 8, "TL": 7, "SDM": 10, "AK": 10, "PW": 15, "PP": 10, "HS": 40}


def test_each_area_is_half_pemenuhan_half_reform(katalog):
    for area in catalogue.areas(TAHUN):
        subs = [i for i in katalog.values() if i.area_id == area.id and i.tingkat == "sub_area"]
        by = {k: sum((s.bobot for s in subs if s.komponen == k), Decimal(0)) for k in ("pemenuhan", "reform")}
        if area.jenis == "pengungkit":
            assert by["pemenuhan"] == by["reform"] == area.bobot / 2, area.kode
        else:
            assert sum(s.bobot for s in subs) == 40
    # DOMAIN §6: the sub-areas this service answers
    assert katalog["PW.P3"].bobot == katalog["PW.P4"].bobot == katalog["PW.P1"].bobot == Decimal("1.5")
    assert katalog["PW.R2"].bobot == 3 and katalog["PP.R2"].bobot == Decimal("2.5")
    assert katalog["PP.P3"].bobot == katalog["PP.P4"].bobot == 1


def test_option_sets_match_the_scores(katalog):
    for item in katalog.values():
        if item.tingkat != "pertanyaan":
            continue
        if item.jenis_jawaban in SKOR_OPSI:
            assert [o["kode"] for o in item.opsi] == list(SKOR_OPSI[item.jenis_jawaban]), item.kode
            assert all(o["teks"] for o in item.opsi)
        else:
            assert item.jenis_jawaban in ("persen", "indeks"), item.kode
        if item.jenis_jawaban == "persen":
            isian = {c.kode.rsplit(".", 1)[1] for c in katalog.values() if c.parent_id == item.id}
            used = set(item.rumus.get("pembilang", [])) | set(item.rumus.get("penyebut", []))
            used |= {item.rumus.get("sebelum"), item.rumus.get("sesudah")} - {None}
            assert used <= isian, item.kode


def test_domain_items_have_the_option_sets_domain_names(katalog):
    expected = {"PW.P3.a": "abc", "PW.P3.b": "ya_tidak", "PW.P3.c": "abc", "PW.P3.d": "abc",
                "PW.P4.a": "abc", "PW.P4.b": "abc", "PW.P4.c": "abc", "PW.P1.a": "abc", "PW.P1.b": "abcd",
                "PW.R2.a": "persen", "PP.P3.a": "abcde", "PP.P3.b": "abc", "PP.P3.c": "abc", "PP.P4.a": "abcde",
                "PP.P4.b": "abc", "PP.P4.c": "abcd", "PP.R2.a": "abcd", "HS.1.a": "indeks", "HS.3.a": "indeks"}
    assert {k: katalog[k].jenis_jawaban for k in expected} == expected


def test_bukti_names_are_verbatim_from_the_juknis(katalog):
    text = juknis_text()
    juknis_names = [b for b in catalogue.bukti_nama_tahun(TAHUN) if b.sumber == "juknis"]
    assert len(juknis_names) > 100
    missing = [b.nama for b in juknis_names if " ".join(b.nama.split()) not in text]
    assert missing == []
    names = {b.nama for b in juknis_names}
    for nama in ("Laporan monitoring dan evaluasi laporan pengaduan",
                 "nota dinas penyampaian pengaduan masyarakat kepada bagian terkait",
                 "capture respon pengaduan masyarakat",
                 "Dokumen Laporan hasil evaluasi atas penerapan Whistle Blowing System", "Dokumen laporan survei",
                 "Dokumen laporan perbaikan pelayanan sebagai tindak lanjut dari survei kepuasan masyarakat"):
        assert nama in names


def test_activities_and_sub_indicators_come_from_the_juknis(katalog):
    text = juknis_text()
    q = katalog["PW.P3.a"]
    assert q.juknis == "V.c.a)" and q.juknis_teks in text
    assert "Menunjuk petugas Pengaduan Masyarakat" in q.kegiatan
    assert all(k.split(":")[0] in text for k in q.kegiatan)


def test_load_is_idempotent_and_keeps_admin_edits(katalog, petugas):
    def counts_now():
        return [db.session.scalar(select(func.count()).select_from(m)) for m in (ZiArea, ZiIndikator, ZiBuktiNama)]

    counts = counts_now()
    item = katalog["PW.P3.b"]
    catalogue.ubah_teks(item, nama="Pengaduan masyarakat telah ditindaklanjuti", actor=petugas)
    db.session.commit()
    again = catalogue.load(TAHUN)
    db.session.commit()
    assert again.baru == 0
    assert counts_now() == counts
    assert catalogue.item(TAHUN, "PW.P3.b").nama == "Pengaduan masyarakat telah ditindaklanjuti"
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)
                             .where(AuditEvent.action == "zi.katalog.ubah")) == 1


def test_each_year_is_its_own_version(katalog):
    catalogue.load(TAHUN + 1)
    db.session.commit()
    a, b = catalogue.item(TAHUN, "PW.R2.a"), catalogue.item(TAHUN + 1, "PW.R2.a")
    assert a.id != b.id and a.nama == b.nama
    assert {c.kode for c in catalogue.indikator_tahun(TAHUN + 1).values()} == set(katalog)


def test_every_rule_key_is_known_to_the_answers_module(katalog):
    from zi import answers

    keys = {i.usulan for i in katalog.values() if i.usulan}
    assert keys <= set(answers.ATURAN)
    assert len(keys) >= 16


def test_data_has_unique_codes():
    kode = [s["kode"] for a in catalogue_data.AREAS for s in a["sub_area"]]
    assert len(kode) == len(set(kode))
    for a in catalogue_data.AREAS:
        for s in a["sub_area"]:
            q = [p["kode"] for p in s["pertanyaan"]]
            assert len(q) == len(set(q)), s["kode"]
