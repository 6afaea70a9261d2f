"""`flask zi …`: load a year's catalogue, generate a report, the monthly timer job, and the evaluators' export.
Each command is one unit of work (core.cli.CommandGroup)."""
from __future__ import annotations

from datetime import date

import click

from core.cli import CommandGroup
from core.errors import DomainError

zi_cli = CommandGroup("zi", help="Zona Integritas: katalog LKE, laporan monev, ekspor bukti.")


def _tanggal(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("gunakan format TTTT-BB-HH") from None


@zi_cli.command("muat-katalog")
@click.option("--tahun", type=int, required=True)
def muat_katalog(tahun: int):
    """Muat katalog LKE satu tahun (aman diulang)."""
    from zi import catalogue

    try:
        hasil = catalogue.load(tahun)
    except DomainError as e:
        raise click.ClickException(e.message) from None
    click.echo(f"Katalog {tahun}: {hasil.area} area, {hasil.indikator} indikator, {hasil.bukti_nama} nama bukti baru.")


@zi_cli.command("laporan")
@click.argument("jenis")
@click.option("--periode", "jenis_periode", default="bulan", type=click.Choice(["bulan", "triwulan", "semester", "tahun"]))
@click.option("--tahun", type=int, required=True)
@click.option("--ke", type=int, default=1, help="Bulan/triwulan/semester ke-.")
@click.option("--tanggal", default=None, help="Tanggal laporan (bawaan: hari ini).")
def laporan(jenis: str, jenis_periode: str, tahun: int, ke: int, tanggal: str | None):
    """Buat satu laporan (monev_pengaduan, evaluasi_wbs, upg, reviu_standar, tl_pengaduan, tl_wbs)."""
    from zi import laporan as lap
    from zi.periode import periode

    try:
        t = lap.terbitkan(jenis, periode(jenis_periode, tahun, ke), today=_tanggal(tanggal))
    except DomainError as e:
        raise click.ClickException(e.message) from None
    click.echo(f"{t.bukti.judul}: nomor {t.bukti.nomor}" + ("" if t.baru else " (sudah ada)"))


@zi_cli.command("monev-bulanan")
@click.option("--tanggal", default=None, help="Tanggal yang dianggap hari ini (uji).")
def monev_bulanan(tanggal: str | None):
    """Penjadwal harian: pada hari kerja pertama setiap bulan, buat laporan monev pengaduan bulan lalu."""
    from zi import laporan as lap

    try:
        pesan, _ = lap.monev_bulanan(_tanggal(tanggal))
    except DomainError as e:
        raise click.ClickException(e.message) from None
    click.echo(pesan)


@zi_cli.command("export")
@click.option("--tahun", type=int, required=True)
@click.argument("keluaran", type=click.Path(dir_okay=False, writable=True))
def export(tahun: int, keluaran: str):
    """Paket evaluasi: ZIP per area/pertanyaan berisi setiap berkas bukti, indeks (HTML, PDF), dan lembar kerja XLSX."""
    from zi import ekspor

    try:
        with open(keluaran, "wb") as out:
            ring = ekspor.paket(tahun, out)
    except DomainError as e:
        raise click.ClickException(e.message) from None
    click.echo(f"{keluaran}: {ring.berkas} berkas bukti untuk {ring.pertanyaan} pertanyaan"
               + (f"; {ring.hilang} berkas hilang (lihat indeks)" if ring.hilang else "") + ".")
