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
    """Laporan yang lewat atau mendekati tenggat UPG berikutnya (target meneruskan, atau kelengkapan ke KPK)."""
    from gratifikasi.queries import mendekati_tenggat, tandai_tenggat

    today = local_today()
    rows = mendekati_tenggat(today)
    for r in rows:
        click.echo(f"{r.nomor}\t{tandai_tenggat(r, today)}\t{format_tanggal(r.tenggat_berikut)}\t{r.status_label}")
    if not rows:
        click.echo("Tidak ada laporan yang lewat atau mendekati tenggat.")


@gratifikasi_cli.command("pengingat")
def pengingat():
    """Kirim pengingat ke UPG (lewat outbox) untuk tenggat yang dekat atau lewat; aman diulang, jalankan harian.
    Juga menghapus berkas draf formulir yang tidak pernah dikirim (lebih dari sehari)."""
    from core import staging
    from gratifikasi.langkah import STAGING
    from gratifikasi.service import ingatkan_tenggat

    click.echo(f"{ingatkan_tenggat()} pengingat baru untuk UPG; {staging.purge(STAGING)} berkas draf lama dihapus.")


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
    r = queries.rekap(p.awal, p.akhir, daftar=False)
    click.echo(f"{p.label}: {r['jumlah']} laporan " + ", ".join(f"{k} {v}" for k, v in r["per_jenis"].items()))
    click.echo(f"Nilai penerimaan {rupiah(r['nilai_penerimaan'])}, penolakan {rupiah(r['nilai_penolakan'])}")
    for k, v in r["ketepatan"].items():
        click.echo(f"  {k}: {v}")
