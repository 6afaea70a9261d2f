"""Command line: `flask users …`, `flask audit verify`, `flask demo seed`.

Every command runs in one unit of work (`CommandGroup`): committed when it ends, rolled back when it
fails. Packages build their groups with `CommandGroup` too; app.py wires them.
"""
from __future__ import annotations

import os
import sys
from functools import wraps
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import func, select

from core.extensions import db
from core.models import Role, Unit, User, user_by_email
from core.uow import unit_of_work


class CommandGroup(AppGroup):
    """A command group whose every command is one unit of work inside the app context."""

    def command(self, *args, **kwargs):
        register = super().command(*args, **kwargs)

        def decorator(fn):
            @wraps(fn)
            def in_transaction(*a, **kw):
                with unit_of_work():
                    return fn(*a, **kw)
            return register(in_transaction)
        return decorator


users_cli = CommandGroup("users", help="Kelola akun petugas.")
audit_cli = CommandGroup("audit", help="Log audit.")
demo_cli = CommandGroup("demo", help="Kantor contoh.")
backup_cli = CommandGroup("backup", help="Cadangan dan pemulihan: basis data, unggahan, rahasia server.")
translate_cli = AppGroup("translate", help="Terjemahan (Flask-Babel): Indonesia sumber, Inggris kedua.")


def _pybabel(*args: str) -> None:
    from babel.messages.frontend import CommandLineInterface

    CommandLineInterface().run(["pybabel", *args])


@translate_cli.command("update")
def translate_update():
    """Ekstrak teks dan perbarui serta kompilasi katalog bahasa (sama dengan `make translations`)."""
    import subprocess

    from core.config import ROOT

    # one recipe (keywords, both domains) lives in the Makefile; tests/core/test_catalogue.py reads it too
    subprocess.run(["make", "--no-print-directory", "translations"], cwd=ROOT, check=True)


@translate_cli.command("compile")
def translate_compile():
    """Kompilasi katalog (.po → .mo)."""
    from core.config import ROOT

    _pybabel("compile", "-d", str(ROOT / "translations"))


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--nama", default="")
@click.option("--role", "roles", multiple=True, required=True,
              type=click.Choice([r.value for r in Role]), help="Boleh diulang untuk beberapa peran.")
@click.option("--unit", "unit_kode", default=None, help="Kode unit (untuk peran unit).")
def users_create(email, nama, roles, unit_kode):
    """Buat akun petugas dan cetak kata sandi sekali pakai."""
    from core.accounts import create_user
    from core.errors import DomainError

    unit = db.session.scalar(select(Unit).where(Unit.kode == unit_kode)) if unit_kode else None
    if unit_kode and unit is None:
        raise click.ClickException(f"Unit dengan kode {unit_kode} tidak ada.")
    try:
        user, password = create_user(email, nama, roles, unit=unit)
    except DomainError as e:
        raise click.ClickException(e.message)
    click.echo(f"Akun {user.email} dibuat. Kata sandi sekali pakai: {password}")
    click.echo("Wajib diganti saat pertama masuk.")


@users_cli.command("list")
def users_list():
    """Daftar akun petugas."""
    for user in db.session.scalars(select(User).order_by(User.email)):
        status = "aktif" if user.aktif else "nonaktif"
        roles = ",".join(sorted(r.value for r in user.roles))
        twofa = "2FA" if user.totp_secret else "-"
        click.echo(f"{user.id}\t{user.email}\t{roles}\t{status}\t{twofa}")


@users_cli.command("disable")
@click.option("--email", required=True)
def users_disable(email):
    """Nonaktifkan akun (sesi yang terbuka langsung berakhir)."""
    from core.accounts import set_active

    user = user_by_email(email)
    if user is None:
        raise click.ClickException(f"Akun {email} tidak ada.")
    set_active(user, False)
    click.echo(f"Akun {user.email} dinonaktifkan.")


@audit_cli.command("verify")
@click.option("--jangkar", default=None, metavar="NOMOR:HASH",
              help="Kepala rantai yang dicatat sebelumnya; baris itu harus masih sama.")
def audit_verify(jangkar):
    """Periksa rantai HMAC log audit dan cetak kepalanya; kode keluar bukan nol bila ada baris diubah/hilang.

    Catat baris "Kepala" di tempat yang tidak dapat diubah pengelola basis data (mis. log harian)."""
    from core.audit import parse_anchor, verify_chain

    try:
        anchor = parse_anchor(jangkar) if jangkar else None
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--jangkar")
    checked, problem, head = verify_chain(anchor)
    if problem:
        click.echo(f"GAGAL setelah {checked} baris utuh: {problem}", err=True)
        sys.exit(1)
    click.echo(f"OK: {checked} baris, rantai utuh.")
    if head:
        click.echo(f"Kepala: #{head[0]} {head[1]}")


@demo_cli.command("seed")
@click.option("--if-empty", is_flag=True, help="Hanya bila belum ada akun sama sekali.")
def demo_seed(if_empty):
    """Isi profil kantor contoh (BKKBN Sumatera Selatan) dan satu akun per peran."""
    from core.demo import seed_demo
    from core.registry import registry

    if if_empty and db.session.scalar(select(func.count(User.id))):
        click.echo("Basis data sudah berisi; data contoh tidak ditambahkan.")
        return
    lines = seed_demo(registry().demo_seeders)
    for line in lines:
        click.echo(line)
    # the demo's one-time passwords stay readable for `make run` (mode 0600, instance folder only)
    path = Path(current_app.instance_path) / "demo-akun.txt"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write("\n".join(lines) + "\n")


@demo_cli.command("logins")
def demo_logins():
    """Cetak akun contoh yang dibuat `flask demo seed` (bila ada)."""
    path = Path(current_app.instance_path) / "demo-akun.txt"
    if path.exists():
        click.echo(path.read_text().rstrip())
        click.echo("(Kata sandi sekali pakai; yang sudah diganti tidak berlaku lagi.)")
    else:
        click.echo("Buat akun dengan: .venv/bin/flask users create --email ... --role admin")


@backup_cli.command("create")
@click.argument("out", type=click.Path(dir_okay=False))
@click.option("--tanpa-rahasia", is_flag=True, help="Jangan tulis berkas rahasia server (mis. rahasia dikelola di luar).")
def backup_create(out, tanpa_rahasia):
    """Tulis cadangan OUT (.tar.gz): salinan basis data yang konsisten, unggahan, dan manifes; rahasia server
    ke berkas TERPISAH di sebelahnya (OUT tanpa .tar.gz + .RAHASIA.json)."""
    from core import backup
    from core.config import SERVER_SECRETS

    secrets = None if tanpa_rahasia else {name: current_app.config[name] for name in SERVER_SECRETS}
    try:
        made = backup.create(db.engine, current_app.config["UPLOAD_FOLDER"], out, secrets)
    except backup.BackupError as e:
        raise click.ClickException(str(e))
    rows = sum(made.tables.values())
    click.echo(f"Cadangan ditulis: {made.archive} ({len(made.tables)} tabel, {rows} baris, {made.files} unggahan).")
    if made.secrets:
        click.echo(f"PERINGATAN: rahasia server ditulis ke {made.secrets} (mode 0600).", err=True)
        click.echo(backup.SECRETS_WARNING, err=True)


@backup_cli.command("restore")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False))
@click.option("--rahasia", "secrets_file", type=click.Path(exists=True, dir_okay=False),
              help="Berkas .RAHASIA.json dari cadangan yang sama; ditulis ke instance/secrets/.")
@click.option("--timpa", is_flag=True, help="Ganti basis data yang sudah berisi data (seluruhnya).")
def backup_restore(archive, secrets_file, timpa):
    """Pulihkan cadangan ARCHIVE ke basis data dan folder unggahan instans ini (basis data harus kosong,
    kecuali --timpa). Jalankan saat layanan berhenti; mulai ulang layanan sesudahnya."""
    from core import backup
    from core.config import SERVER_SECRETS

    try:
        secrets = backup.read_secrets(secrets_file) if secrets_file else None
        if secrets is not None and set(secrets) - set(SERVER_SECRETS):
            raise backup.BackupError(f"{secrets_file} memuat rahasia yang tidak dikenal.")
        manifest = backup.restore(db.engine, current_app.config["UPLOAD_FOLDER"], archive, overwrite=timpa)
        if secrets is not None:
            written = backup.restore_secrets(current_app.instance_path, secrets, set(SERVER_SECRETS))
            click.echo(f"Rahasia server dipulihkan: {', '.join(written)}. Variabel lingkungan dengan nama yang "
                       "sama tetap didahulukan saat layanan mulai.")
    except backup.BackupError as e:
        raise click.ClickException(str(e))
    click.echo(f"Dipulihkan dari {archive} (dibuat {manifest['dibuat']}, revisi {manifest['revisi']}): "
               f"{sum(manifest['tabel'].values())} baris, {len(manifest['unggahan'])} unggahan.")
    if secrets is None:
        click.echo("Tanpa --rahasia: pastikan instans ini memakai rahasia server yang sama dengan saat cadangan "
                   "dibuat, atau data pribadi dan resi tidak dapat dibuka.", err=True)


def register_cli(app: Flask) -> None:
    app.cli.add_command(backup_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(audit_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(translate_cli)
