"""`flask wbs …`: retention purge, key rotation/re-wrapping, and the optional escrow key."""
from __future__ import annotations

import os
from pathlib import Path

import click

from core.cli import CommandGroup
from core.errors import DomainError
from core.models import user_by_email
from core.uow import keep_after_refusal, on_rollback

# every command is one unit of work (CommandGroup): committed when it ends, rolled back when it fails
wbs_cli = CommandGroup("wbs", help="Whistleblowing System: retensi dan kunci.")


def _refused(call, *args, **kwargs):
    """Run a service call for a command: a refusal becomes the command's error (its unit of work rolls
    back), except the audit line of a refused unlock, which is kept."""
    from wbs.keys import UnlockRefused

    try:
        return call(*args, **kwargs)
    except DomainError as e:
        if isinstance(e, UnlockRefused):
            keep_after_refusal(e.keep)
        raise click.ClickException(e.message)


def _officer(email: str):
    user = user_by_email(email)
    if user is None:
        raise click.ClickException(f"Akun {email} tidak ada.")
    return user


@wbs_cli.command("purge")
@click.option("--hari", type=int, default=None, help="Masa simpan setelah ditutup (bawaan WBS_RETENTION_DAYS).")
def purge(hari):
    """Musnahkan laporan yang sudah ditutup lebih lama dari masa simpan (aman diulang)."""
    from wbs.service import purge as do_purge

    count = do_purge(retention_days=hari)
    click.echo(f"{count} laporan WBS dimusnahkan." if count else "Tidak ada laporan WBS yang perlu dimusnahkan.")


@wbs_cli.command("rotate-key")
@click.option("--email", required=True, help="Akun anggota Tim WBS yang kuncinya dirotasi.")
@click.option("--frasa", prompt="Frasa sandi WBS saat ini", hide_input=True)
@click.option("--frasa-baru", prompt="Frasa sandi WBS baru", hide_input=True, confirmation_prompt=True)
def rotate_key(email, frasa, frasa_baru):
    """Buat pasangan kunci baru untuk petugas dan bungkus ulang kunci data (isi laporan tidak disentuh).

    Sekaligus: laporan terbuka yang dapat dibuka petugas ini dibungkus juga untuk anggota Tim WBS lain yang
    belum memiliki akses, dan kunci petugas yang sudah keluar dari tim dicabut.
    """
    from wbs.keys import rotate_officer_key

    user = _officer(email)
    result = _refused(rotate_officer_key, user, frasa, frasa_baru)  # all or nothing
    click.echo(f"Kunci {user.email} dirotasi: {result['laporan']} laporan dibungkus ulang; "
               f"{result['bungkus_lain']} akses baru untuk anggota lain; {result['dicabut']} akses dicabut.")


@wbs_cli.command("escrow-enable")
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Berkas tujuan kunci privat escrow (tersegel frasa sandi). Simpan di luar server!")
@click.option("--frasa", prompt="Frasa sandi kunci escrow", hide_input=True, confirmation_prompt=True)
def escrow_enable(out_path: Path, frasa):
    """Aktifkan kunci cadangan (escrow). Mati secara bawaan; setiap pemakaiannya tercatat di log audit."""
    from wbs.keys import enable_escrow

    if out_path.exists():
        raise click.ClickException(f"{out_path} sudah ada; pilih berkas lain.")
    sealed = _refused(enable_escrow, frasa)
    # written before the commit, so escrow is never active without its key on disk; a key file for an
    # escrow that was not stored is removed again
    fd = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    on_rollback(lambda: out_path.unlink(missing_ok=True))
    with os.fdopen(fd, "wb") as fh:
        fh.write(sealed)
    click.echo(f"Escrow aktif. Kunci privat tersegel ditulis ke {out_path}: pindahkan ke media luring, "
               "lalu hapus dari server. Laporan baru kini juga dibungkus untuk kunci escrow.")


@wbs_cli.command("escrow-disable")
def escrow_disable():
    """Matikan escrow dan hapus semua bungkus kunci escrow."""
    from wbs.keys import disable_escrow

    removed = _refused(disable_escrow)
    click.echo(f"Escrow dimatikan; {removed} bungkus kunci dihapus.")


@wbs_cli.command("escrow-recover")
@click.option("--key-file", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--email", required=True, help="Anggota Tim WBS (sudah punya kunci) yang diberi akses.")
@click.option("--frasa", prompt="Frasa sandi kunci escrow", hide_input=True)
def escrow_recover(key_file: Path, email, frasa):
    """Pemulihan: beri petugas akses ke semua laporan yang dibungkus untuk escrow (tercatat di log audit)."""
    from wbs.keys import escrow_recover as recover

    user = _officer(email)
    count = _refused(recover, key_file.read_bytes(), frasa, user)  # a failed attempt stays in the audit log
    click.echo(f"{count} laporan kini dapat dibuka oleh {user.email}.")
