"""Issue 10 #13: a reporter's identity is bound to its row. A database writer who swaps two rows' sealed
values must get rows that refuse to open, never a complaint (or gratifikasi report) under another name."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from core.crypto import DecryptionError
from core.extensions import db
from core.uow import unit_of_work


def _swap(table: str, column: str, a: int, b: int) -> None:
    va = db.session.execute(text(f'SELECT {column} FROM {table} WHERE id = :i'), {"i": a}).scalar()
    vb = db.session.execute(text(f'SELECT {column} FROM {table} WHERE id = :i'), {"i": b}).scalar()
    db.session.execute(text(f'UPDATE {table} SET {column} = :v WHERE id = :i'), {"v": vb, "i": a})
    db.session.execute(text(f'UPDATE {table} SET {column} = :v WHERE id = :i'), {"v": va, "i": b})
    db.session.commit()
    db.session.expunge_all()


def test_swapped_complaint_identities_refuse_to_open(app_ctx):
    from pengaduan import service
    from pengaduan.models import Pengaduan
    from tests.pengaduan.helpers import data

    with unit_of_work():
        a, _ = service.submit(data(nama="Siti Aminah", telepon="081111111111"), kanal="web")
        b, _ = service.submit(data(nama="Budi Santoso", telepon="082222222222"), kanal="web")
    ids = a.id, b.id
    db.session.expunge_all()
    assert db.session.get(Pengaduan, ids[0]).nama == "Siti Aminah"  # an untouched row opens
    db.session.expunge_all()
    _swap("pengaduan", "nama", *ids)
    with pytest.raises(DecryptionError):
        db.session.get(Pengaduan, ids[0])


def test_an_edit_keeps_the_row_binding(app_ctx):
    from pengaduan import service
    from pengaduan.models import Pengaduan
    from tests.pengaduan.helpers import data

    with unit_of_work():
        pid = service.submit(data(nama="Siti Aminah", telepon="081111111111"), kanal="web")[0].id
    db.session.expunge_all()
    with unit_of_work():
        db.session.get(Pengaduan, pid).telepon = "083333333333"
    db.session.expunge_all()
    p = db.session.get(Pengaduan, pid)
    assert (p.nama, p.telepon) == ("Siti Aminah", "083333333333")


def test_swapped_gratifikasi_reporters_refuse_to_open(app_ctx):
    from gratifikasi import service
    from gratifikasi.models import LaporanGratifikasi
    from tests.gratifikasi.helpers import laporan_input

    with unit_of_work():
        a = service.submit(laporan_input(pelapor_nama="Andi Saputra"))[0]
        b = service.submit(laporan_input(pelapor_nama="Rina Wati"))[0]
    ids = a.id, b.id
    db.session.expunge_all()
    _swap("laporan_gratifikasi", "pelapor_nama", *ids)
    with pytest.raises(DecryptionError):
        db.session.get(LaporanGratifikasi, ids[1])
