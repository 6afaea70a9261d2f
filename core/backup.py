"""Backup and restore of one instance: `flask backup create OUT` and `flask backup restore IN`.

The archive (a .tar.gz) holds a consistent snapshot of the database — SQLite through its online backup API
(a point-in-time copy even while the service writes, WAL included), PostgreSQL through `pg_dump` in its
custom format — then the upload folder, and a manifest (format, database kind, migration revision, row
counts, checksums). The database is copied first: a file written after the snapshot is at worst an unused
extra, and files are only deleted after their rows are (core.uow.on_commit), so every file a row of the
snapshot names is in the archive.

The instance secrets (SECRET_KEY, DATA_KEY, RECEIPT_PEPPER, RATE_KEY_SECRET, AUDIT_KEY) go to a *separate*
file, written 0600 with a warning inside: without DATA_KEY the complainants' personal data cannot be read,
without RECEIPT_PEPPER no receipt or tracking code opens anything, but whoever holds the secrets and the
database together can read the personal data — keep the two apart. WBS report text stays sealed even then:
it opens only with a WBS officer's passphrase (or the escrow key, when enabled).

No Flask in the archive format; the functions take the app's config and engine from their caller.
"""
from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

from sqlalchemy import MetaData, func, select, text
from sqlalchemy.engine import Engine

FORMAT = "zi-lapor-backup/1"
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite"
PG_MEMBER = "database.pgdump"
UPLOADS = "uploads"
SECRETS_WARNING = ("RAHASIA SERVER ZI LAPOR. Simpan TERPISAH dari berkas cadangan data, di tempat yang hanya "
                   "dapat dibuka pengelola. Siapa pun yang memegang berkas ini BERSAMA cadangan basis data dapat "
                   "membaca data pribadi pelapor. Tanpa berkas ini, cadangan data tidak dapat dipulihkan secara "
                   "utuh (data pribadi, kode pelacakan, dan resi WBS tidak dapat dibuka).")


class BackupError(Exception):
    """Something the operator must fix; the message says what, in Indonesian."""


@dataclass
class Created:
    archive: Path
    secrets: Path | None
    tables: dict[str, int]
    files: int


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _libpq(url) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump/pg_restore, the password in the environment (not the process list)."""
    args = ["--host", url.host or "127.0.0.1", "--port", str(url.port or 5432), "--username", url.username or "postgres",
            "--dbname", url.database or ""]
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return args, env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(f"Perintah {name} (paket PostgreSQL client) tidak ditemukan; pasang dulu, lalu ulangi.")
    return path


def _row_counts(engine: Engine) -> dict[str, int]:
    meta = MetaData()
    meta.reflect(bind=engine)
    with engine.connect() as conn:
        return {t.name: conn.scalar(select(func.count()).select_from(t)) for t in meta.sorted_tables}


def _revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            return conn.scalar(text("SELECT version_num FROM alembic_version"))
    except Exception:  # a database never migrated has no version table
        return None


def _snapshot_database(engine: Engine, workdir: Path) -> tuple[str, Path]:
    url = engine.url
    if url.get_backend_name() == "sqlite":
        target = workdir / SQLITE_MEMBER
        source = sqlite3.connect(url.database)
        dest = sqlite3.connect(target)
        try:
            with dest:
                source.backup(dest)  # the online backup API: one consistent copy while others write
        finally:
            dest.close()
            source.close()
        return "sqlite", target
    if url.get_backend_name() == "postgresql":
        target = workdir / PG_MEMBER
        args, env = _libpq(url)
        done = subprocess.run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
                               "--file", str(target), *args], env=env, capture_output=True, text=True)
        if done.returncode:
            raise BackupError(f"pg_dump gagal: {done.stderr.strip()[:500]}")
        return "postgresql", target
    raise BackupError(f"Basis data {url.get_backend_name()} belum didukung oleh cadangan.")


def secrets_path_for(archive: Path) -> Path:
    return archive.with_name(archive.name.removesuffix(".tar.gz") + ".RAHASIA.json")


def create(engine: Engine, upload_folder: str | Path, out: str | Path, secrets: dict[str, bytes] | None) -> Created:
    """Write the archive at `out` (and, with `secrets`, the separate secrets file next to it)."""
    out = Path(out)
    if out.exists():
        raise BackupError(f"{out} sudah ada; pilih nama lain (cadangan lama tidak ditimpa).")
    out.parent.mkdir(parents=True, exist_ok=True)
    uploads = Path(upload_folder)
    with tempfile.TemporaryDirectory(prefix="zi-cadangan-") as tmp:
        work = Path(tmp)
        kind, dump = _snapshot_database(engine, work)  # first: see the module docstring
        tables = _row_counts(engine) if kind == "postgresql" else _row_counts_sqlite(dump)
        files = sorted(p for p in uploads.rglob("*") if p.is_file()) if uploads.exists() else []
        manifest = {
            "format": FORMAT, "dibuat": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "basis_data": kind, "revisi": _revision(engine), "tabel": tables,
            "berkas": {dump.name: _sha256(dump)},
            "unggahan": {p.relative_to(uploads).as_posix(): _sha256(p) for p in files},
        }
        partial = out.with_name(out.name + ".sebagian")
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mode, info.mtime = len(data), 0o600, int(datetime.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
            tar.add(dump, arcname=dump.name)
            for p in files:
                tar.add(p, arcname=f"{UPLOADS}/{p.relative_to(uploads).as_posix()}", recursive=False)
        os.chmod(partial, 0o600)
        partial.replace(out)  # a half-written archive never carries the final name
    secrets_file = None
    if secrets is not None:
        secrets_file = secrets_path_for(out)
        body = {"peringatan": SECRETS_WARNING, "format": FORMAT, "untuk_cadangan": out.name,
                "rahasia": {name: base64.urlsafe_b64encode(value).decode() for name, value in secrets.items()}}
        fd = os.open(secrets_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            json.dump(body, fh, indent=1, ensure_ascii=False)
    return Created(out, secrets_file, tables, len(files))


def _row_counts_sqlite(path: Path) -> dict[str, int]:
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{path}")
    try:
        return _row_counts(engine)
    finally:
        engine.dispose()


# --- restore ---------------------------------------------------------------------------------------------

_SAFE_NAME = re.compile(r"[A-Za-z0-9._-]+")


def _safe_member(name: str) -> PurePosixPath:
    """An upload's path inside the archive: relative, no '..', plain names only."""
    path = PurePosixPath(name)
    if path.is_absolute() or not path.parts or any(part in ("", ".", "..") or not _SAFE_NAME.fullmatch(part)
                                                   for part in path.parts):
        raise BackupError(f"Berkas cadangan berisi nama yang tidak aman: {name!r}")
    return path


def read_manifest(archive: str | Path) -> dict:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            member = tar.getmember(MANIFEST)
            manifest = json.load(tar.extractfile(member))
    except (OSError, KeyError, tarfile.TarError, json.JSONDecodeError) as exc:
        raise BackupError(f"{archive} bukan berkas cadangan ZI Lapor yang utuh ({exc.__class__.__name__}).")
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Format cadangan {manifest.get('format')!r} tidak dikenal (diharapkan {FORMAT}).")
    return manifest


def _is_empty(engine: Engine) -> bool:
    meta = MetaData()
    meta.reflect(bind=engine)
    with engine.connect() as conn:
        return not any(conn.scalar(select(func.count()).select_from(t)) for t in meta.sorted_tables
                       if t.name != "alembic_version")


def restore(engine: Engine, upload_folder: str | Path, archive: str | Path, *, overwrite: bool = False) -> dict:
    """Put the archive's database and uploads in place of this instance's; returns the manifest.

    Refuses a database that already holds data unless `overwrite`: a restore must never silently replace
    reports received since the backup."""
    manifest = read_manifest(archive)
    kind = engine.url.get_backend_name()
    if manifest["basis_data"] != kind:
        raise BackupError(f"Cadangan ini dari basis data {manifest['basis_data']}; instans ini memakai {kind}. "
                          "Pulihkan ke basis data yang sejenis.")
    if not overwrite and not _is_empty(engine):
        raise BackupError("Basis data tujuan sudah berisi data. Pulihkan ke basis data kosong, atau tambahkan "
                          "--timpa bila memang ingin menggantinya seluruhnya.")
    uploads = Path(upload_folder)
    with tempfile.TemporaryDirectory(prefix="zi-pulih-") as tmp, tarfile.open(archive, "r:gz") as tar:
        work = Path(tmp)
        members = {m.name: m for m in tar.getmembers()}
        for name, digest in manifest["berkas"].items():
            member = members.get(name)
            if member is None or not member.isfile():
                raise BackupError(f"Cadangan tidak memuat {name}.")
            target = work / _safe_member(name).name
            with tar.extractfile(member) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst)
            if _sha256(target) != digest:
                raise BackupError(f"{name} di dalam cadangan rusak (checksum tidak cocok).")
        staged: list[tuple[PurePosixPath, Path]] = []
        for rel, digest in manifest["unggahan"].items():
            path = _safe_member(rel)
            member = members.get(f"{UPLOADS}/{path.as_posix()}")
            if member is None or not member.isfile():
                raise BackupError(f"Cadangan tidak memuat unggahan {rel}.")
            target = work / UPLOADS / Path(*path.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with tar.extractfile(member) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst)
            if _sha256(target) != digest:
                raise BackupError(f"Unggahan {rel} di dalam cadangan rusak (checksum tidak cocok).")
            staged.append((path, target))
        # everything checked: now replace
        engine.dispose()
        if kind == "sqlite":
            _restore_sqlite(work / SQLITE_MEMBER, Path(engine.url.database))
        else:
            _restore_postgres(work / PG_MEMBER, engine)
        engine.dispose()
        for path, source in staged:
            dest = uploads / Path(*path.parts)
            dest.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            shutil.copyfile(source, dest)
            os.chmod(dest, 0o600)
    counts = _row_counts(engine)
    missing = {t: n for t, n in manifest["tabel"].items() if counts.get(t) != n}
    if missing:
        raise BackupError(f"Jumlah baris setelah pemulihan tidak sama dengan cadangan: {sorted(missing)}")
    return manifest


def _restore_sqlite(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        with dst:
            src.backup(dst)  # page by page over whatever the target held
    finally:
        dst.close()
        src.close()


def _restore_postgres(dump: Path, engine: Engine) -> None:
    args, env = _libpq(engine.url)
    with engine.begin() as conn:  # the target's own tables go first, so the dump lands in an empty schema
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    done = subprocess.run([_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", *args,
                           str(dump)], env=env, capture_output=True, text=True)
    if done.returncode:
        raise BackupError(f"pg_restore gagal: {done.stderr.strip()[:500]}")


def read_secrets(path: str | Path) -> dict[str, bytes]:
    try:
        body = json.loads(Path(path).read_text())
        return {name: base64.urlsafe_b64decode(value) for name, value in body["rahasia"].items()}
    except (OSError, KeyError, ValueError, TypeError) as exc:
        raise BackupError(f"{path} bukan berkas rahasia cadangan ZI Lapor ({exc.__class__.__name__}).")


def restore_secrets(instance: str | Path, secrets: dict[str, bytes], known: set[str]) -> list[str]:
    """Write the secrets into <instance>/secrets/ (0600), as core.config reads them at the next start.

    Called once the database is restored: the instance's own secrets belonged to the data just replaced (or to
    none, on a fresh instance). A different one is kept beside as <name>.lama rather than lost."""
    unknown = sorted(set(secrets) - known)
    if unknown:
        raise BackupError(f"Rahasia tidak dikenal: {', '.join(unknown)}.")
    folder = Path(instance) / "secrets"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    written = []
    for name, value in secrets.items():
        path = folder / name.lower()
        encoded = base64.urlsafe_b64encode(value)
        if path.exists() and path.read_bytes().strip() != encoded:
            path.replace(path.with_name(path.name + ".lama"))
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(encoded)
        written.append(name)
    return written

