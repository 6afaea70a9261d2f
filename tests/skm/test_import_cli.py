"""`flask skm hitung` and `flask skm import` on real CSV/XLSX files, including the bad ones."""
from __future__ import annotations

import openpyxl
from sqlalchemy import func, select

from core.extensions import db
from skm.models import SkmImpor, SkmRespon
from tests.conftest import base_config
from tests.skm.conftest import HEADER, contoh_rows, write_csv, write_xlsx

U = [f"U{i}" for i in range(1, 10)]


def _count():
    return db.session.scalar(select(func.count(SkmRespon.id)))


def test_hitung_csv_prints_table_konversi_mutu_kinerja(runner, tmp_path):
    path = write_csv(tmp_path / "skm.csv", HEADER, contoh_rows())
    result = runner.invoke(args=["skm", "hitung", str(path)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Metode bobot: bobot tepat 1/9" in out
    assert "Responden: 29" in out
    assert "U4 Biaya/Tarif" in out and "116" in out and "4,00" in out
    assert "IKM konversi  : 91,48" in out
    assert "Mutu          : A" in out and "Kinerja       : Sangat Baik" in out


def test_hitung_xlsx_with_each_weight_and_sample(runner, tmp_path):
    path = write_xlsx(tmp_path / "skm.xlsx", HEADER, contoh_rows())
    for bobot, konversi in (("0,111", "91,38"), ("0,11", "90,56")):
        result = runner.invoke(args=["skm", "hitung", str(path), "--bobot", bobot])
        assert result.exit_code == 0, result.output
        assert f"IKM konversi  : {konversi}" in result.output and f"bobot dibulatkan {bobot}" in result.output
    result = runner.invoke(args=["skm", "hitung", str(path), "--populasi", "100"])
    assert "Sampel minimal 80 responden dari populasi 100" in result.output
    assert "belum tercapai (kurang 51)" in result.output


def test_hitung_works_without_a_database(tmp_path):
    from app import create_app

    path = write_csv(tmp_path / "skm.csv", U, [[4, 3, 4, 4, 3, 4, 4, 3, 4], [3, 3, 3, 4, 3, 3, 3, 3, 3]], ",")
    # nothing listens on port 9: any database access would fail the command
    cfg = base_config(tmp_path, "postgresql://nobody@127.0.0.1:9/tidak_ada")
    app = create_app(cfg)
    result = app.test_cli_runner().invoke(args=["skm", "hitung", str(path)])
    assert result.exit_code == 0, result.output
    assert "Responden: 2" in result.output and "IKM konversi  : 84,72" in result.output
    assert "Mutu          : B" in result.output


def test_hitung_reports_bad_rows_by_number(runner, tmp_path):
    rows = [[4] * 9, [4, 4, 5, 4, 4, 4, 4, 4, 4], [3, 3, "", 3, 3, 3, 3, 3, 3], ["tiga", 3, 3, 3, 3, 3, 3, 3, 0]]
    path = write_csv(tmp_path / "buruk.csv", U, rows, ",")
    result = runner.invoke(args=["skm", "hitung", str(path)])
    assert result.exit_code == 1
    assert "3 baris bermasalah" in result.output
    assert "Baris 3: U3 bernilai 5, di luar rentang 1–4" in result.output
    assert "Baris 4: U3 kosong" in result.output
    assert "Baris 5: U1 «tiga» bukan angka (isi 1–4); U9 bernilai 0, di luar rentang 1–4" in result.output
    assert "Baris 2" not in result.output


def test_wrong_header_empty_file_header_only(runner, tmp_path):
    wrong = write_csv(tmp_path / "judul.csv", ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "pendidkan"],
                      [[3] * 9], ",")
    result = runner.invoke(args=["skm", "hitung", str(wrong)])
    assert result.exit_code != 0
    assert "Baris judul (baris 1) salah: kolom U9 tidak ada; kolom tidak dikenal: «pendidkan»" in result.output
    empty = tmp_path / "kosong.csv"
    empty.write_bytes(b"")
    assert "Berkas kosong" in runner.invoke(args=["skm", "hitung", str(empty)]).output
    blank = tmp_path / "spasi.csv"
    blank.write_text("\n;;\n\n")
    assert "Berkas kosong: tidak ada baris judul" in runner.invoke(args=["skm", "hitung", str(blank)]).output
    only = write_csv(tmp_path / "judul-saja.csv", U, [], ",")
    assert "hanya berisi baris judul" in runner.invoke(args=["skm", "hitung", str(only)]).output
    binary = tmp_path / "gambar.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    assert "bukan berkas XLSX atau CSV yang sah" in runner.invoke(args=["skm", "hitung", str(binary)]).output


def test_xlsx_formulas_merged_cells_and_duplicates(runner, tmp_path):
    rows = contoh_rows()[:3]
    path = tmp_path / "rumus.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    ws["H3"] = "=2+2"  # U2 of the second respondent
    wb.save(path)
    result = runner.invoke(args=["skm", "hitung", str(path)])
    assert result.exit_code == 1
    assert "Baris 3: kolom U2 berisi rumus (=2+2)" in result.output

    merged = write_xlsx(tmp_path / "gabung.xlsx", HEADER, rows, merge="A2:A3")
    result = runner.invoke(args=["skm", "hitung", str(merged)])
    assert result.exit_code != 0 and "sel gabungan (merge) di A2:A3" in result.output

    dup = write_xlsx(tmp_path / "ganda.xlsx", HEADER, [rows[0], rows[1], rows[0]])
    result = runner.invoke(args=["skm", "hitung", str(dup)])
    assert result.exit_code == 1 and "Baris 4: sama persis dengan baris 2, termasuk nomor responden (duplikat)" in result.output


def test_import_csv_all_rows_and_ikm(runner, survei, tmp_path):
    layanan, periode = survei
    path = write_csv(tmp_path / "kertas.csv", HEADER, contoh_rows(periode.mulai.strftime("%d/%m/%Y")))
    result = runner.invoke(args=["skm", "import", str(path), "--layanan", "kb-konseling", "--periode", periode.nama])
    assert result.exit_code == 0, result.output
    assert "29 responden diimpor ke layanan Konseling KB, periode Periode Uji" in result.output
    assert "IKM konversi  : 91,48" in result.output
    db.session.expire_all()
    assert _count() == 29
    row = db.session.scalar(select(SkmRespon).where(SkmRespon.saran != ""))
    assert row.saran == "Antrian lebih cepat" and row.tanggal == periode.mulai and row.sumber == "impor"
    assert row.pendidikan == "D4-S1" and row.jenis_kelamin == "L"
    # the same file again is refused, nothing doubles
    again = runner.invoke(args=["skm", "import", str(path), "--layanan", "kb-konseling", "--periode", str(periode.id)])
    assert again.exit_code != 0 and "sudah pernah diimpor" in again.output
    db.session.expire_all()
    assert _count() == 29


def test_import_is_all_or_nothing(runner, survei, tmp_path):
    layanan, periode = survei
    rows = contoh_rows()
    rows[5][8] = 7            # row 7: U3 out of range
    rows[10][1] = "01/01/1999"  # row 12: outside the period
    path = write_xlsx(tmp_path / "campur.xlsx", HEADER, rows)
    result = runner.invoke(args=["skm", "import", str(path), "--layanan", "kb-konseling", "--periode", periode.nama])
    assert result.exit_code == 1
    assert "Tidak ada yang diimpor: 2 baris bermasalah" in result.output
    assert "Baris 7: U3 bernilai 7, di luar rentang 1–4" in result.output
    assert "Baris 12: tanggal 01/01/1999 di luar periode Periode Uji" in result.output
    db.session.expire_all()
    assert _count() == 0 and db.session.scalar(select(func.count(SkmImpor.id))) == 0


def test_import_unknown_service_or_period(runner, survei, tmp_path):
    path = write_csv(tmp_path / "a.csv", U, [[3] * 9], ",")
    out = runner.invoke(args=["skm", "import", str(path), "--layanan", "tidak-ada", "--periode", "1"]).output
    assert "Layanan tidak ditemukan" in out
    out = runner.invoke(args=["skm", "import", str(path), "--layanan", "kb-konseling", "--periode", "Tahun 1900"]).output
    assert "Periode «Tahun 1900» tidak ada" in out


def test_sampel_command(runner):
    assert "Populasi 1.000.000: sampel minimal 384 responden" in runner.invoke(args=["skm", "sampel", "1000000"]).output


# --- unsur read by their header words (DOMAIN.md §4) ------------------------------------------------

PROFIL = ["no", "jenis_kelamin", "usia", "pendidikan", "pekerjaan"]


def _swapped(rows):
    """The rows with U8 and U9 exchanged: as a questionnaire numbered «U8 Sarana, U9 Pengaduan» records them."""
    out = []
    for r in rows:
        answers = r[6:15]
        answers[7], answers[8] = answers[8], answers[7]
        out.append([r[0], r[2], r[3], r[4], r[5], *answers])
    return out


def test_other_order_u8_sarana_u9_pengaduan_is_read_by_name(runner, tmp_path):
    header = PROFIL + ["U1 Persyaratan", "U2 Prosedur", "U3 Waktu", "U4 Biaya/Tarif", "U5 Produk", "U6 Kompetensi",
                       "U7 Perilaku", "U8 Sarana dan Prasarana", "U9 Penanganan Pengaduan"]
    path = write_xlsx(tmp_path / "urutan-lain.xlsx", header, _swapped(contoh_rows()))
    result = runner.invoke(args=["skm", "hitung", str(path)])
    assert result.exit_code == 0, result.output
    out = result.output
    # the regulation's order: U8 Penanganan Pengaduan total 105 (NRR 3,62), U9 Sarana total 115 (3,97)
    assert "U8 Penanganan Pengaduan, Saran dan" in out and "U9 Sarana dan Prasarana" in out
    lines = {line[:3]: line for line in out.splitlines() if line[:2] == "U8" or line[:2] == "U9"}
    assert "105" in lines["U8 "] and "3,62" in lines["U8 "]
    assert "115" in lines["U9 "] and "3,97" in lines["U9 "]
    assert "IKM konversi  : 91,48" in out
    # the mapping used is printed
    assert "«U8 Sarana dan Prasarana» → U9 Sarana dan Prasarana (menurut nama kolom)" in out
    assert "«U9 Penanganan Pengaduan» → U8 Penanganan Pengaduan, Saran dan Masukan (menurut nama kolom)" in out


def test_names_abbreviations_prefixes_and_bare_numbers():
    from skm.berkas import kolom_dari_judul, pemetaan_unsur

    named = ["Persyaratan", "Sistem, Mekanisme, dan Prosedur", "Waktu Penyelesaian", "Tarif", "Produk Spesifikasi "
             "Jenis Pelayanan", "Kompetensi Pelaksana", "Perilaku Pelaksana", "Sarpras", "PENGADUAN"]
    keys = kolom_dari_judul(["No"] + named)
    assert keys == [None if k is None else k for k in ["no", "U1", "U2", "U3", "U4", "U5", "U6", "U7", "U9", "U8"]]
    assert kolom_dari_judul(["u-9: sarana", "U.8 Pengaduan, saran dan masukan", *[f"U{i}" for i in range(1, 8)]])[:2] \
        == ["U9", "U8"]
    # the questionnaire's own question as a header
    assert kolom_dari_judul([*U[:7], "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
                             "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?"])[7:] \
        == ["U9", "U8"]
    # bare U1…U9: by number, the regulation's order, and said so
    bare = pemetaan_unsur(U)
    assert [(m.kode, m.cara) for m in bare] == [(k, "nomor") for k in U]
    assert any("U8 Penanganan Pengaduan" in line and "menurut nomor" in line for line in
               [m.keterangan for m in bare])


def test_an_ambiguous_or_doubled_unsur_header_is_refused(runner, tmp_path):
    ambiguous = write_csv(tmp_path / "a.csv", [*U[:7], "U8 Sarana pengaduan", "U9"], [[3] * 9], ",")
    result = runner.invoke(args=["skm", "hitung", str(ambiguous)])
    assert result.exit_code != 0 and "«U8 Sarana pengaduan» menyebut lebih dari satu unsur (U8, U9)" in result.output
    doubled = write_csv(tmp_path / "b.csv", [*U[:7], "U8 Sarana", "U9"], [[3] * 9], ",")
    result = runner.invoke(args=["skm", "hitung", str(doubled)])
    assert result.exit_code != 0 and "kolom ganda: U9 («U8 Sarana», «U9»)" in result.output
    assert "kolom U8 tidak ada" in result.output


def test_bare_numbers_print_the_order_assumed(runner, tmp_path):
    path = write_csv(tmp_path / "polos.csv", U, [[3] * 9, [4] * 9], ",")
    out = runner.invoke(args=["skm", "hitung", str(path)]).output
    assert "«U8» → U8 Penanganan Pengaduan, Saran dan Masukan (menurut nomor)" in out
    assert "tulis nama unsur di judul kolom" in out


def test_import_cli_prints_the_mapping_and_stores_it(runner, survei, tmp_path):
    layanan, periode = survei
    header = PROFIL + [*U[:7], "U8 Sarana dan Prasarana", "U9 Penanganan Pengaduan"]
    path = write_csv(tmp_path / "lain.csv", header, _swapped(contoh_rows()))
    result = runner.invoke(args=["skm", "import", str(path), "--layanan", "kb-konseling", "--periode", periode.nama])
    assert result.exit_code == 0, result.output
    assert "«U8 Sarana dan Prasarana» → U9 Sarana dan Prasarana (menurut nama kolom)" in result.output
    assert "IKM konversi  : 91,48" in result.output
    db.session.expire_all()
    batch = db.session.scalar(select(SkmImpor))
    assert {"judul": "U8 Sarana dan Prasarana", "kode": "U9", "cara": "nama"} in batch.pemetaan
    assert db.session.scalar(select(func.sum(SkmRespon.u9))) == 115


# --- identical answers are different respondents --------------------------------------------------

def test_identical_answer_rows_without_an_id_are_accepted(runner, tmp_path):
    # a real 49-row district survey had 12 rows identical to another: different people, same answers
    rows = [[3] * 9] * 12 + [[4] * 9] * 3
    path = write_csv(tmp_path / "sama.csv", ["jenis_kelamin", *U], [["L", *r] for r in rows], ",")
    result = runner.invoke(args=["skm", "hitung", str(path)])
    assert result.exit_code == 0, result.output
    assert "Responden: 15" in result.output and "duplikat" not in result.output


def test_identical_rows_with_different_ids_or_times_are_accepted(runner, tmp_path):
    rows = [[i, *[3] * 9] for i in range(1, 6)]
    path = write_xlsx(tmp_path / "no.xlsx", ["no", *U], rows)
    assert "Responden: 5" in runner.invoke(args=["skm", "hitung", str(path)]).output
    stamps = [["31/03/2026 10:15:0" + str(i), *[3] * 9] for i in range(5)]
    path = write_csv(tmp_path / "cap.csv", ["Cap waktu", *U], stamps, ",")
    result = runner.invoke(args=["skm", "hitung", str(path)])
    assert result.exit_code == 0, result.output
    assert "Responden: 5" in result.output


def test_a_row_repeated_with_its_id_or_timestamp_is_a_duplicate(runner, tmp_path):
    stamps = [["31/03/2026 10:15:00", *[3] * 9], ["31/03/2026 10:16:00", *[4] * 9], ["31/03/2026 10:15:00", *[3] * 9]]
    path = write_csv(tmp_path / "ganda.csv", ["Timestamp", *U], stamps, ",")
    result = runner.invoke(args=["skm", "hitung", str(path)])
    assert result.exit_code == 1
    assert "Baris 4: sama persis dengan baris 2, termasuk cap waktu (duplikat)" in result.output
    # an empty id cell identifies nobody
    path = write_csv(tmp_path / "kosong.csv", ["no", *U], [["", *[3] * 9], ["", *[3] * 9]], ",")
    assert "Responden: 2" in runner.invoke(args=["skm", "hitung", str(path)]).output


# --- a published table: NRR per unsur (and n) ---------------------------------------------------------

NRR_CONTOH = ["3,62", "3,48", "3,45", "4,00", "3,52", "3,62", "3,66", "3,62", "3,97"]  # the totals ÷ 29, shown
NAMA = ["Persyaratan", "Sistem, Mekanisme, dan Prosedur", "Waktu Penyelesaian", "Biaya/Tarif",
        "Produk Spesifikasi Jenis Pelayanan", "Kompetensi Pelaksana", "Perilaku Pelaksana",
        "Penanganan Pengaduan, Saran dan Masukan", "Sarana dan Prasarana"]


def test_nrr_table_and_n_give_the_self_check_with_every_weight(runner, tmp_path):
    rows = [[i, nama, nrr] for i, (nama, nrr) in enumerate(zip(NAMA, NRR_CONTOH), 1)]
    rows.append(["", "IKM", "3,66"])  # a published table's own total rows are left aside
    path = write_csv(tmp_path / "tabel.csv", ["No", "Unsur Pelayanan", "NRR"], rows)
    for bobot, konversi in (("1/9", "91,48"), ("0,111", "91,38"), ("0,11", "90,56")):
        result = runner.invoke(args=["skm", "hitung", str(path), "--responden", "29", "--bobot", bobot])
        assert result.exit_code == 0, result.output
        assert f"IKM konversi  : {konversi}" in result.output and "Mutu          : A" in result.output
    out = result.output
    assert "Responden: 29" in out
    assert "Jumlah nilai per unsur dipulihkan dari NRR × 29 responden" in out
    assert "U4 Biaya/Tarif" in out and "116" in out  # the totals are back
    assert "Baris 11 diabaikan: «IKM» bukan unsur" in out
    assert "«Sarana dan Prasarana» → U9 Sarana dan Prasarana (menurut nama unsur)" in out


def test_nrr_table_with_a_respondent_column_in_the_other_order_xlsx(runner, tmp_path):
    order = [0, 1, 2, 3, 4, 5, 6, 8, 7]  # U8 Sarana, U9 Pengaduan
    label = [f"U{i + 1} {NAMA[j]}" for i, j in enumerate(order)]
    rows = [[lab, float(NRR_CONTOH[j].replace(",", ".")), 29] for lab, j in zip(label, order)]
    rows[3][1] = 4  # typed as a whole number; the table's precision is two decimals
    path = write_xlsx(tmp_path / "tabel.xlsx", ["Unsur", "Nilai rata-rata", "Jumlah responden"], rows)
    result = runner.invoke(args=["skm", "hitung", str(path)])
    assert result.exit_code == 0, result.output
    assert "IKM konversi  : 91,48" in result.output
    assert "«U8 Sarana dan Prasarana» → U9 Sarana dan Prasarana" in result.output


def test_nrr_without_n_or_too_few_decimals_is_computed_as_written_and_says_so(runner, tmp_path):
    rows = [[f"U{i}", nrr] for i, nrr in enumerate(NRR_CONTOH, 1)]
    path = write_csv(tmp_path / "nrr.csv", ["Kode", "NRR"], rows)
    result = runner.invoke(args=["skm", "hitung", str(path)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "IKM konversi  : 91,50" in out  # Σ 32,94 ÷ 9 × 25: the rounding of the NRRs shows
    assert "Responden: tidak diketahui" in out
    assert "dihitung dari NRR seperti tertulis" in out and "±0,13" in out
    result = runner.invoke(args=["skm", "hitung", str(path), "--responden", "384"])
    assert "dua desimal tidak cukup untuk 384 responden" in result.output
    assert "IKM konversi  : 91,50" in result.output and "Responden: 384" in result.output


def test_nrr_table_problems_are_reported(runner, tmp_path):
    rows = [[f"U{i}", nrr] for i, nrr in enumerate(NRR_CONTOH, 1)]
    rows[2][1] = "4,5"
    rows[5][1] = ""
    path = write_csv(tmp_path / "salah.csv", ["Unsur", "NRR"], rows[:8])
    result = runner.invoke(args=["skm", "hitung", str(path), "--responden", "29"])
    assert result.exit_code != 0
    assert "Baris 4: NRR U3 bernilai 4,5, di luar rentang 1–4" in result.output
    assert "Baris 7: NRR U6 kosong" in result.output
    assert "U9 tidak ada" in result.output
    path = write_csv(tmp_path / "beda.csv", ["Unsur", "NRR", "n"], [[f"U{i}", nrr, 29] for i, nrr in
                                                                   enumerate(NRR_CONTOH, 1)])
    result = runner.invoke(args=["skm", "hitung", str(path), "--responden", "30"])
    assert result.exit_code != 0 and "berbeda dengan --responden 30" in result.output
