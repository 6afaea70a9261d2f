"""`flask backup create` / `flask backup restore`: a filled instance is backed up, restored into a fresh one,
and the fresh one reads a complaint (with its tracking code and its attachment), a nota dinas, and a WBS
report with its receipt and with an officer's key. On SQLite, and on PostgreSQL (databases of our own)
when a server and pg_dump are there."""
from __future__ import annotations

import io
import json
import shutil
import stat
import tarfile
import uuid
from pathlib import Path

import pytest
from docx import Document

from app import create_app
from core.extensions import db
from tests.conftest import base_config, dispose_app, login

PG = "postgresql://postgres@127.0.0.1:5432"


def _app(root: Path, url: str):
    cfg = {**base_config(root, url), "RATELIMIT_ENABLED": False}
    return create_app(cfg)


def _fill(app) -> dict:
    """A unit, a complaint officer, a WBS officer with a key; a complaint with a photo disposed by nota
    dinas; a WBS report filed after the key existed."""
    from flask_migrate import upgrade

    from core.attachments import attachments_of
    from core.storage import inspect_upload
    from core.uow import unit_of_work
    from pengaduan import service
    from tests.factories import make_unit, make_user
    from tests.pengaduan.helpers import data
    from tests.wbs.helpers import make_officer, png_bytes, submit

    with app.app_context():
        upgrade()
        unit = make_unit("KB", "Bidang KB")
        db.session.commit()
        petugas, _ = make_user(["petugas_pengaduan"])
        officer = make_officer()
        photo = png_bytes((10, 200, 30))
        p, code = service.submit(data(judul="Pungutan di loket 3"),
                                 [inspect_upload(photo, "loket.png", max_bytes=10 << 20)], kanal="web")
        with unit_of_work():
            service.verifikasi(p, petugas, "ringan")
            nd = service.disposisi(p, petugas, unit.id)
        att = attachments_of(service.OWNER, p.id)[0]
        report_id, receipt = submit(apa="Kepala seksi meminta setoran bulanan")
        return {"tiket": p.tiket, "kode": code, "pid": p.id, "att": att.id, "nd": nd.id, "nomor": nd.nomor,
                "petugas": petugas.email, "officer": officer.email, "report": report_id, "receipt": receipt,
                "photo": photo, "secret": app.config["DATA_KEY"]}


def _read_back(app, facts: dict) -> int:
    """Everything that was filed, read through the restored instance. Returns how many records were checked."""
    from core.models import user_by_email
    from tests.wbs.helpers import PASSPHRASE
    from wbs import keys
    from wbs import service as wbs_service

    client = app.test_client()
    status = client.post("/api/v1/pengaduan/status", json={"tiket": facts["tiket"], "kode": facts["kode"]})
    assert status.status_code == 200 and status.get_json()["judul"] == "Pungutan di loket 3"
    assert status.get_json()["diteruskan_ke"] == "Bidang KB"
    officer = app.test_client()
    assert login(officer, facts["petugas"]).status_code == 302
    case = officer.get(f"/admin/pengaduan/{facts['pid']}").get_data(as_text=True)
    assert "Budi Santoso" in case  # personal data, encrypted under DATA_KEY, opens with the restored secret
    photo = officer.get(f"/admin/pengaduan/{facts['pid']}/lampiran/{facts['att']}")
    assert photo.status_code == 200 and photo.data == facts["photo"]
    docx = officer.get(f"/admin/pengaduan/nota-dinas/{facts['nd']}/docx")
    assert docx.status_code == 200
    text = "\n".join(par.text for par in Document(io.BytesIO(docx.data)).paragraphs)
    assert facts["tiket"] in text and "Pungutan di loket 3" in text
    box = client.post("/api/v1/wbs/akses", json={"resi": facts["receipt"]})
    assert box.status_code == 200 and "setoran bulanan" in box.get_data(as_text=True)
    with app.app_context():
        user = user_by_email(facts["officer"])
        key, private = keys.unlock(user, PASSPHRASE)
        case = wbs_service.open_case(facts["report"], user, key, private)
        assert case.isian["apa"] == "Kepala seksi meminta setoran bulanan"
        db.session.rollback()
    return 5


def _roundtrip(tmp_path: Path, source_url: str, target_url: str) -> None:
    source = _app(tmp_path / "asal", source_url)
    target = None
    try:
        facts = _fill(source)
        archive = tmp_path / "simpan" / "cadangan.tar.gz"
        result = source.test_cli_runner().invoke(args=["backup", "create", str(archive)])
        assert result.exit_code == 0, result.output
        secrets = archive.with_name("cadangan.RAHASIA.json")
        assert "PERINGATAN" in result.output and str(secrets) in result.output
        assert stat.S_IMODE(secrets.stat().st_mode) == 0o600 and stat.S_IMODE(archive.stat().st_mode) == 0o600
        body = json.loads(secrets.read_text())
        assert "TERPISAH" in body["peringatan"] and set(body["rahasia"]) >= {"DATA_KEY", "RECEIPT_PEPPER"}
        # the archive itself holds no secret
        import base64

        with tarfile.open(archive) as tar:
            names = tar.getnames()
            blob = b"".join(tar.extractfile(m).read() for m in tar.getmembers() if m.isfile())
        assert base64.urlsafe_b64encode(facts["secret"]) not in blob and facts["secret"] not in blob
        assert "manifest.json" in names and any(n.startswith("uploads/") for n in names)
        # the same backup again under the same name is refused, never overwritten
        again = source.test_cli_runner().invoke(args=["backup", "create", str(archive)])
        assert again.exit_code != 0 and "sudah ada" in again.output
        # restoring over the filled source is refused without --timpa
        refused = source.test_cli_runner().invoke(args=["backup", "restore", str(archive)])
        assert refused.exit_code != 0 and "sudah berisi data" in refused.output
        dispose_app(source)

        fresh = tmp_path / "baru"
        target = _app(fresh, target_url)  # a new instance: its own random secrets, an empty database
        result = target.test_cli_runner().invoke(args=["backup", "restore", str(archive), "--rahasia", str(secrets)])
        assert result.exit_code == 0, result.output
        dispose_app(target)
        target = _app(fresh, target_url)  # started again: it reads the restored secrets
        assert target.config["DATA_KEY"] == facts["secret"]
        assert _read_back(target, facts) == 5
    finally:
        dispose_app(source)
        if target is not None:
            dispose_app(target)


def test_backup_and_restore_on_sqlite(tmp_path):
    _roundtrip(tmp_path, f"sqlite:///{tmp_path / 'asal.db'}", f"sqlite:///{tmp_path / 'baru.db'}")


def test_a_damaged_archive_is_refused(tmp_path):
    source = _app(tmp_path / "asal", f"sqlite:///{tmp_path / 'asal.db'}")
    try:
        _fill(source)
        archive = tmp_path / "c.tar.gz"
        assert source.test_cli_runner().invoke(args=["backup", "create", str(archive), "--tanpa-rahasia"]).exit_code == 0
        assert not (tmp_path / "c.RAHASIA.json").exists()
        # rewrite the archive with one upload changed: the checksum in the manifest no longer matches
        bad = tmp_path / "rusak.tar.gz"
        with tarfile.open(archive) as src, tarfile.open(bad, "w:gz") as dst:
            for m in src.getmembers():
                data = src.extractfile(m).read()
                if m.name.startswith("uploads/"):
                    data = data[:-1] + bytes([data[-1] ^ 1])
                dst.addfile(m, io.BytesIO(data))
    finally:
        dispose_app(source)
    target = _app(tmp_path / "baru", f"sqlite:///{tmp_path / 'baru.db'}")
    try:
        result = target.test_cli_runner().invoke(args=["backup", "restore", str(bad)])
        assert result.exit_code != 0 and "rusak" in result.output
        assert not list((tmp_path / "baru" / "instance" / "uploads").glob("*/*"))  # nothing was put in place
        result = target.test_cli_runner().invoke(args=["backup", "restore", str(tmp_path / "asal.db")])
        assert result.exit_code != 0 and "bukan berkas cadangan" in result.output
    finally:
        dispose_app(target)


@pytest.fixture
def pg_databases():
    try:
        import psycopg

        admin = psycopg.connect(PG + "/postgres", autocommit=True, connect_timeout=3)
    except Exception:
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        admin.close()
        pytest.skip("pg_dump / pg_restore not installed")
    names = [f"test_trust_cadangan_{uuid.uuid4().hex[:8]}" for _ in range(2)]
    for name in names:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield [f"{PG}/{name}" for name in names]
    finally:
        for name in names:
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.close()


def test_backup_and_restore_on_postgres(tmp_path, pg_databases):
    _roundtrip(tmp_path, *pg_databases)
