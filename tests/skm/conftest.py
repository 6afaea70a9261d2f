"""Survey fixtures: a unit, an open service and the period covering today; spreadsheet writers."""
from __future__ import annotations

import io
from datetime import timedelta

import openpyxl
import pytest

from core.extensions import db
from core.workdays import local_today
from skm import service
from tests.factories import make_unit

HEADER = ["no", "tanggal", "jenis_kelamin", "usia", "pendidikan", "pekerjaan", "U1", "U2", "U3", "U4", "U5", "U6",
          "U7", "U8", "U9", "saran"]
CONTOH = [105, 101, 100, 116, 102, 105, 106, 105, 115]  # DOMAIN.md §4, 29 respondents


def contoh_rows(tanggal=None):
    """29 respondents whose unsur totals are the DOMAIN.md worked example."""
    rows = []
    for i in range(29):
        answers = []
        for total in CONTOH:
            fours = total - 3 * 29  # every answer 3, `fours` of them 4 (or 3s and 4s … as needed)
            answers.append(4 if i < fours else 3)
        rows.append([i + 1, tanggal, "P" if i % 2 else "L", 20 + i, "S1", "PNS" if i % 3 else "Swasta", *answers,
                     "Antrian lebih cepat" if i == 0 else ""])
    return rows


def write_csv(path, header, rows, delimiter=";"):
    lines = [delimiter.join(str(c) for c in header)]
    lines += [delimiter.join("" if c is None else str(c) for c in r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_xlsx(path, header, rows, *, merge=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(r)
    if merge:
        ws.merge_cells(merge)
    wb.save(path)
    return path


def xlsx_bytes(header, rows) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def isi_basis_data() -> dict:
    """Every row of every table but the login sessions': equal before and after, a request wrote nothing."""
    return {t.name: sorted((tuple(r) for r in db.session.execute(t.select())), key=repr)
            for t in db.metadata.sorted_tables if t.name != "server_session"}


def buat_survei():
    unit = make_unit()
    layanan = service.simpan_layanan(None, kode="kb-konseling", nama="Konseling KB", unit_id=unit.id,
                                     populasi=100, wajib_kode=False)
    today = local_today()
    periode = service.buat_periode(nama="Periode Uji", jenis="lainnya", mulai=today - timedelta(days=30),
                                   selesai=today + timedelta(days=30))
    db.session.commit()
    return layanan, periode


@pytest.fixture
def ids(app):
    """The same set-up for tests that log in several officers: plain ids, no app context kept open
    (an open context would share flask-login's cached user between test clients)."""
    from types import SimpleNamespace

    with app.app_context():
        layanan, periode = buat_survei()
        return SimpleNamespace(layanan=layanan.id, periode=periode.id, unit=layanan.unit_id, mulai=periode.mulai,
                               selesai=periode.selesai, tahun=periode.mulai.year)


@pytest.fixture
def survei(app_ctx):
    """(layanan, periode): 'kb-konseling' of unit KB, population 100, and a period around today."""
    return buat_survei()
