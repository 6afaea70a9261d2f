"""Migration 0007_wbs_security on data the code before it wrote: keys stay active, wrap ids become random,
and entries and attachments sealed without their columns in the associated data get a MAC that binds them."""
import os
from datetime import date

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, select, text

from core import crypto, storage
from core.errors import DomainError
from core.extensions import db
from tests.core.test_migrations import empty_app  # noqa: F401  (the fixture: a database of its own)
from core.accounts import hash_password
from tests.factories import PASSWORD
from tests.wbs.helpers import PASSPHRASE
from wbs import keys, sealing, service
from wbs.models import WbsAttachment, WbsEntry, WbsKeyWrap



@pytest.fixture
def old_app(empty_app):  # noqa: F811  (the imported fixture)
    """An app on a database of its own, migrated up to the revision before 0007."""
    upgrade(revision="0005_zi")
    return empty_app


def _seal_v1(app) -> tuple[int, str]:
    """A report as the code before 0007 sealed it: its key, a wrap from the sequence, a reporter's message
    with a file, an internal note, all with the id-only associated data. Returns (report id, receipt)."""
    conn = db.session.connection()
    # the officer as that schema holds it (today's User model has columns added later)
    conn.execute(text('INSERT INTO "user" (email, nama, jabatan, nip, password_hash, must_change_password, aktif, '
                      "failed_logins, session_version, created_at) VALUES ('tim_wbs.lama@uji.go.id', 'Petugas Lama', "
                      "'Analis', '', :h, :f, :t, 0, 1, CURRENT_TIMESTAMP)"),
                 {"h": hash_password(PASSWORD), "f": False, "t": True})
    officer_id = conn.execute(text('SELECT id FROM "user"')).scalar()
    conn.execute(text("INSERT INTO user_role (user_id, role) VALUES (:u, 'tim_wbs')"), {"u": officer_id})
    private, public = crypto.generate_keypair()
    conn.execute(text("INSERT INTO wbs_kunci (jenis, user_id, public_key, sealed_private, aktif, dibuat_at) "
                      "VALUES ('petugas', :u, :pub, :sealed, :t, CURRENT_TIMESTAMP)"),
                 {"u": officer_id, "pub": public, "t": True,
                  "sealed": crypto.seal_with_passphrase(private, PASSPHRASE, keys.kdf_params())})
    key_id = conn.execute(text("SELECT id FROM wbs_kunci")).scalar()
    rid, dk = 123_456_789, crypto.new_key()
    receipt = crypto.normalize_code(crypto.new_code(sealing.RECEIPT_BITS))
    salt, params = os.urandom(crypto.SALT_BYTES), keys.kdf_params()
    fields = {n: sealing.seal_text(dk, "lama " + n if n == "apa" else "", sealing.field_aad(rid, n))
              for n in service.SEALED_FIELDS}
    fields["jenis"] = sealing.seal_text(dk, "pungli", sealing.field_aad(rid, "jenis"))
    conn.execute(text(
        "INSERT INTO wbs_laporan (id, resi_hash, resi_salt, resi_kdf, resi_wrap, sumber, status, diterima_tanggal, "
        "batas_pengakuan, batas_verifikasi, apa, dimana, kapan, siapa, bagaimana, mengapa, jenis, identitas, "
        "entri_terakhir) VALUES (:id, :h, :salt, :kdf, :wrap, 'web', 'diterima', :d, :d, :d, :apa, :dimana, :kapan, "
        ":siapa, :bagaimana, :mengapa, :jenis, :identitas, 2)"),
        {"id": rid, "h": sealing.receipt_lookup(app.config["RECEIPT_PEPPER"], receipt), "salt": salt,
         "kdf": sealing.kdf_to_text(params), "d": date.today(),
         "wrap": crypto.hpke_wrap(sealing.receipt_public(receipt, salt, params), dk, sealing.receipt_info(rid)),
         **fields})
    conn.execute(text("INSERT INTO wbs_bungkus_kunci (report_id, key_id, wrap) VALUES (:r, :k, :w)"),
                 {"r": rid, "k": key_id, "w": crypto.hpke_wrap(public, dk, sealing.wrap_info(rid, key_id))})
    for urutan, (eid, jenis, teks) in enumerate((("e1" * 16, "pelapor", "pesan lama"),
                                                 ("e2" * 16, "catatan", "catatan lama")), 1):
        conn.execute(text("INSERT INTO wbs_entri (id, report_id, urutan, jenis, tanggal, officer_id, isi) "
                          "VALUES (:id, :r, :u, :j, :d, :o, :isi)"),
                     {"id": eid, "r": rid, "u": urutan, "j": jenis, "d": date.today(),
                      "o": officer_id if jenis == "catatan" else None,
                      "isi": sealing.seal_json(dk, {"teks": teks}, sealing.entry_aad_v1(rid, eid))})
    att = "a1" * 16
    name = storage.store_bytes(app.config["UPLOAD_FOLDER"], crypto.aead_encrypt(dk, b"%PDF-1.4 lama",
                                                                                 sealing.file_aad(rid, att)))
    meta = {"nama": "lama.pdf", "tipe": "application/pdf", "ukuran": 13, "sha256": "", "dari": "pelapor", "urut": 0}
    conn.execute(text("INSERT INTO wbs_lampiran (id, report_id, entry_id, stored_name, meta) "
                      "VALUES (:id, :r, :e, :n, :m)"),
                 {"id": att, "r": rid, "e": "e1" * 16, "n": name,
                  "m": sealing.seal_json(dk, meta, sealing.file_meta_aad_v1(rid, att))})
    db.session.commit()
    return rid, receipt


def test_rows_sealed_before_0007_stay_readable_and_become_bound(old_app):
    rid, receipt = _seal_v1(old_app)
    upgrade(revision="head")
    db.session.remove()

    officer = db.session.get(keys.WbsKey, db.session.scalar(select(keys.WbsKey.id))).user
    key = keys.officer_key(officer)
    assert keys.eligible(key)  # a key active before stays active: taken as countersigned
    assert db.session.scalar(select(WbsKeyWrap.id)) >= 2 ** 30  # the sequence's id replaced by a random one
    assert all(db.session.scalars(select(WbsEntry.legacy_mac))) and db.session.scalar(select(WbsAttachment.legacy_mac))

    box = service.open_mailbox(receipt)
    assert [e.teks for e in box.entri] == ["pesan lama"] and box.entri[0].lampiran == ["lama.pdf"]
    k, p = keys.unlock(officer, PASSPHRASE)
    case = service.open_case(rid, officer, k, p)
    assert [e.teks for e in case.entri] == ["pesan lama", "catatan lama"]
    service.add_team_message(rid, officer, k, p, "pesan baru")  # sealed with its columns bound
    db.session.commit()
    assert db.session.scalar(select(WbsEntry.legacy_mac).where(WbsEntry.urutan == 3)) is None

    # a database writer turns the old note into a message, or clears its MAC: refused either way
    db.session.execute(text("UPDATE wbs_entri SET jenis = 'tim' WHERE jenis = 'catatan'"))
    with pytest.raises(DomainError):
        service.open_mailbox(receipt)
    db.session.rollback()
    db.session.execute(text("UPDATE wbs_entri SET legacy_mac = NULL WHERE jenis = 'catatan'"))
    with pytest.raises(DomainError):
        service.open_case(rid, officer, k, p)
    db.session.rollback()
    db.session.execute(text("UPDATE wbs_lampiran SET entry_id = NULL"))
    with pytest.raises(DomainError):
        service.open_case(rid, officer, k, p)
    db.session.rollback()

    # down and up again: every row is tagged again (the new one too) and all still open
    downgrade(revision="0005_zi")
    assert "legacy_mac" not in {c["name"] for c in inspect(db.engine).get_columns("wbs_entri")}
    upgrade(revision="head")
    db.session.remove()
    officer = db.session.get(keys.WbsKey, db.session.scalar(select(keys.WbsKey.id))).user
    k, p = keys.unlock(officer, PASSPHRASE)
    assert [e.teks for e in service.open_case(rid, officer, k, p).entri] == ["pesan lama", "catatan lama", "pesan baru"]
