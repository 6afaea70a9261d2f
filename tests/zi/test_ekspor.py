"""The evaluators' package: the ZIP's folders by area / pertanyaan with every evidence file, the index (HTML with
links that resolve inside the ZIP, and PDF), and the score sheet XLSX in the LKE's shape."""
from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from flask import current_app
from openpyxl import load_workbook
from pypdf import PdfReader

from core import storage
from core.extensions import db
from zi import lke
from zi.laporan import terbitkan
from zi.periode import periode

from . import helpers as h
from .conftest import TAHUN

ROOT = f"LKE-ZI-{TAHUN}"


@pytest.fixture
def register(katalog):
    sk = h.sk(TAHUN, "sk_petugas_pengaduan", date(TAHUN, 1, 5), nomor="7/KPW/SK/2026")
    foto = h.bukti(TAHUN, "capture_kotak_pengaduan", date(TAHUN, 3, 1), date(TAHUN, 3, 1), jenis="foto",
                   judul="Foto kotak pengaduan lobi")
    tautan = h.bukti(TAHUN, "capture_wbs", date(TAHUN, 2, 1), date(TAHUN, 2, 1), jenis="tangkapan_layar",
                     tautan="https://contoh.go.id/wbs", judul="Halaman WBS di situs")
    hilang = h.bukti(TAHUN, "capture_respon_pengaduan", date(TAHUN, 4, 1), date(TAHUN, 4, 1),
                     judul="Tangkapan respon pengaduan")
    h.pengaduan(date(TAHUN, 3, 2), "selesai")
    monev = terbitkan("monev_pengaduan", periode("bulan", TAHUN, 3), today=date(TAHUN, 4, 1)).bukti
    db.session.commit()
    storage.delete_bytes(current_app.config["UPLOAD_FOLDER"], hilang.attachment.stored_name)  # lost on disk
    return {"sk": sk, "foto": foto, "tautan": tautan, "hilang": hilang, "monev": monev}


def _zip(runner, tmp_path) -> zipfile.ZipFile:
    out = tmp_path / "paket.zip"
    result = runner.invoke(args=["zi", "export", "--tahun", str(TAHUN), str(out)])
    assert result.exit_code == 0, result.output
    assert "berkas bukti untuk 113 pertanyaan; 1 berkas hilang (lihat indeks)." in result.output
    return zipfile.ZipFile(io.BytesIO(out.read_bytes()))


def test_the_zip_is_organised_by_area_and_pertanyaan(register, runner, tmp_path):
    names = _zip(runner, tmp_path).namelist()
    assert {f"{ROOT}/00-indeks.html", f"{ROOT}/00-indeks.pdf", f"{ROOT}/01-lembar-kerja-lke-{TAHUN}.xlsx"} <= set(names)
    sk_id, foto_id, monev_id = register["sk"].id, register["foto"].id, register["monev"].id
    pw = f"{ROOT}/05-PW-Penguatan-Pengawasan"
    item = f"{pw}/PW.P3.a-Kebijakan-Pengaduan-masyarakat-telah-dii"  # folder names are cut at 40 characters
    assert f"{item}/{foto_id:04d}-foto.png" in names
    assert f"{item}/{sk_id:04d}-sk-petugas-pengaduan.pdf" in names
    # the monev report serves several pertanyaan: it lies in each folder, with its DOCX copy
    for kode in ("PW.P3.c", "PW.R2.a", "PP.R2.a"):
        here = [n for n in names if f"/{kode}-" in n and f"/{monev_id:04d}-" in n]
        assert sorted(Path(n).suffix for n in here) == [".docx", ".pdf"], kode
    # six areas and the hasil, numbered in the LKE's order
    areas = sorted({n.split("/")[1] for n in names if n.count("/") >= 2})
    assert [a[:5] for a in areas] == ["01-MP", "02-TL", "03-SD", "04-AK", "05-PW", "06-PP", "07-HS"]
    # the lost file and the link have no file in the ZIP
    assert not any(f"/{register['hilang'].id:04d}-" in n for n in names)
    assert not any(f"/{register['tautan'].id:04d}-" in n for n in names)


def test_the_index_lists_each_item_against_its_pertanyaan(register, runner, tmp_path):
    z = _zip(runner, tmp_path)
    html = z.read(f"{ROOT}/00-indeks.html").decode()
    assert "INDEKS BUKTI DUKUNG PEMBANGUNAN ZONA INTEGRITAS 2026" in html
    # every link into the ZIP resolves
    names = set(z.namelist())
    links = [x for x in re.findall(r'href="([^"#]+)"', html) if not x.startswith("http")]
    assert links and all(f"{ROOT}/{x}" in names for x in links)
    block = html[html.index("<h3>PW.P3.a"):html.index("<h3>PW.P3.b")]
    assert "Foto kotak pengaduan lobi" in block and "nomor 7/KPW/SK/2026" in block and "Jawaban: <strong>B</strong>" in block
    assert "capture spanduk/banner informasi sarana penyampaian pengaduan belum ada di register bukti." in block
    assert "Tangkapan respon pengaduan" in html and "berkas hilang" in html
    assert 'href="https://contoh.go.id/wbs"' in html
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(z.read(f"{ROOT}/00-indeks.pdf"))).pages)
    assert "INDEKS BUKTI DUKUNG PEMBANGUNAN ZONA INTEGRITAS 2026" in text and "Foto kotak pengaduan lobi" in text


def test_the_score_sheet_has_the_lke_shape(register, runner, tmp_path):
    z = _zip(runner, tmp_path)
    wb = load_workbook(io.BytesIO(z.read(f"{ROOT}/01-lembar-kerja-lke-{TAHUN}.xlsx")))
    ws = wb["LKE"]
    assert [c.value for c in ws[2]] == ["No", "Komponen / Indikator", "Bobot", "Pilihan jawaban", "Jawaban", "Nilai",
                                        "Sumber", "Penjelasan dan bukti"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=3, values_only=True) if r[0]}
    assert rows["PW"][1] == "Penguatan Pengawasan" and rows["PW"][2] == 15
    assert rows["PW.P3"][2] == 1.5
    assert rows["PW.P3.a"][4] == "B" and rows["PW.P3.a"][5] == 0.5 and rows["PW.P3.a"][6] == "Usulan dari data"
    assert rows["PW.R2.a.1"][4] == 1 and rows["PW.R2.a.3"][4] == 1  # isian: owed 1, finished 1
    sheet = lke.lembar(TAHUN)
    total = next(r for r in ws.iter_rows(values_only=True) if r[1] == "NILAI TOTAL")
    assert total[5] == pytest.approx(float(sheet.rekap.total), abs=1e-4)
    rk = wb["Rekap"]
    values = [r for r in rk.iter_rows(values_only=True)]
    assert ("Penguatan Pengawasan", 15, pytest.approx(float(sheet.areas[4].skor.nilai), abs=1e-4)) == values[6][:3]
    assert any(r[0] == "WBK: BELUM MEMENUHI" for r in values)


def test_the_download_button(app, muat, login_as):
    c = login_as("tpi")
    resp = c.get(f"/admin/zi/ekspor/{TAHUN}.zip")
    assert resp.status_code == 200 and resp.mimetype == "application/zip"
    assert resp.headers["Cache-Control"] == "no-store"
    assert f"{ROOT}/00-indeks.html" in zipfile.ZipFile(io.BytesIO(resp.get_data())).namelist()
    resp.close()  # the temporary file the package was written to
    assert f'href="/admin/zi/ekspor/{TAHUN}.zip"' in c.get(f"/admin/zi/?tahun={TAHUN}").get_data(as_text=True)
    xlsx = c.get(f"/admin/zi/lke/{TAHUN}.xlsx")
    assert xlsx.status_code == 200 and load_workbook(io.BytesIO(xlsx.get_data()))["LKE"]["A1"].value.startswith(
        "LEMBAR KERJA EVALUASI")
    assert login_as("unit").get(f"/admin/zi/ekspor/{TAHUN}.zip").status_code == 403
