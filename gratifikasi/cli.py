"""`flask gratifikasi …`: the threshold table, deadlines due, and a period's recap, from the shell."""
from __future__ import annotations

import click

from core.cli import CommandGroup
from core.templating import rupiah
from core.workdays import format_tanggal, local_today

gratifikasi_cli = CommandGroup("gratifikasi", help="Pelaporan gratifikasi (UPG).")


@gratifikasi_cli.command("batas")
def batas():
    """Tabel batas nilai tidak wajib lapor, dengan tanggal berlakunya."""
    from gratifikasi.rules import tabel_batas

    for a in tabel_batas():
        click.echo(f"{a.label}: pernikahan/adat {rupiah(a.pernikahan_adat)}, musibah {rupiah(a.musibah)}, "
                   f"rekan kerja {rupiah(a.rekan_kerja)} (setahun {rupiah(a.rekan_kerja_setahun)}), "
                   f"pisah sambut {rupiah(a.pisah_sambut) if a.pisah_sambut else 'ikut rekan kerja'}")


@gratifikasi_cli.command("tenggat")
def tenggat():
    """Laporan yang belum diteruskan ke KPK: lewat atau mendekati target UPG meneruskan."""
    from gratifikasi.queries import register, tandai_tenggat

    today = local_today()
    found = 0
    for kind in ("lewat", "dekat"):
        rows, _ = register(tenggat=kind, limit=10_000, today=today)
        for r in rows:
            found += 1
            click.echo(f"{r.nomor}\t{tandai_tenggat(r, today)}\t{format_tanggal(r.tenggat_teruskan)}\t{r.status_label}")
    if not found:
        click.echo("Tidak ada laporan yang lewat atau mendekati tenggat.")


@gratifikasi_cli.command("rekap")
@click.option("--periode", type=click.Choice(["bulan", "triwulan", "semester", "tahun"]), default="tahun")
@click.option("--tahun", type=int, default=None)
@click.option("--ke", type=int, default=1)
def rekap(periode, tahun, ke):
    """Ringkasan satu periode (jumlah, nilai, ketepatan waktu)."""
    from gratifikasi import queries

    try:
        p = queries.periode(periode, tahun or local_today().year, ke)
    except ValueError as exc:
        raise click.ClickException("Periode tidak sah.") from exc
    r = queries.rekap(p.awal, p.akhir)
    click.echo(f"{p.label}: {r['jumlah']} laporan " + ", ".join(f"{k} {v}" for k, v in r["per_jenis"].items()))
    click.echo(f"Nilai penerimaan {rupiah(r['nilai_penerimaan'])}, penolakan {rupiah(r['nilai_penolakan'])}")
    for k, v in r["ketepatan"].items():
        click.echo(f"  {k}: {v}")
