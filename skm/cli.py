"""`flask skm hitung FILE` (no database needed), `flask skm import FILE --layanan … --periode …`,
`flask skm sampel N`."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from core.cli import CommandGroup
from skm.berkas import BerkasError, baca
from skm.calculator import METODE_BOBOT, HasilIkm, angka, hitung_ikm, jumlahkan, krejcie_morgan, sampel

skm_cli = CommandGroup("skm", help="Survei Kepuasan Masyarakat: hitung IKM, impor survei kertas/spreadsheet.")


def _berkas(path: str) -> tuple[bytes, str]:
    p = Path(path)
    if not p.is_file():
        raise click.ClickException(f"Berkas {path} tidak ada.")
    return p.read_bytes(), p.name


def _read(path: str):
    data, name = _berkas(path)
    try:
        return baca(data, name)
    except BerkasError as e:
        raise click.ClickException(e.message) from e


def _fail_rows(bacaan) -> None:
    click.echo(f"Berkas {bacaan.nama} tidak diproses: {len(bacaan.kesalahan)} baris bermasalah.", err=True)
    for line in bacaan.daftar_kesalahan():
        click.echo("  " + line, err=True)
    sys.exit(1)


def cetak_hasil(h: HasilIkm, echo=click.echo) -> None:
    """The NRR table, IKM, konversi (two decimals, decimal comma), mutu and kinerja."""
    echo(f"Metode bobot: {h.metode_label}")
    if not h.ada_data:
        echo(h.pesan)
        return
    echo(f"Responden: {angka(h.responden, 0)}")
    echo("")
    echo(f"{'Unsur':<46}{'Jumlah':>9}{'NRR':>8}{'NRR x bobot':>13}")
    for u in h.unsur:
        echo(f"{(u.kode + ' ' + u.nama)[:45]:<46}{angka(u.jumlah, 0):>9}{u.nrr_tampil:>8}"
             f"{angka(u.nrr_tertimbang, 3):>13}")
    echo("")
    echo(f"IKM           : {h.ikm_tampil}")
    echo(f"IKM konversi  : {h.konversi_tampil}")
    echo(f"Mutu          : {h.mutu}")
    echo(f"Kinerja       : {h.kinerja}")


@skm_cli.command("hitung")
@click.argument("berkas", type=click.Path(dir_okay=False))
@click.option("--bobot", default="1/9", show_default=True, type=click.Choice(list(METODE_BOBOT)),
              help="Metode bobot unsur.")
@click.option("--populasi", type=click.IntRange(min=1), default=None,
              help="Populasi pengguna layanan, untuk memeriksa ukuran sampel (Krejcie & Morgan).")
def hitung(berkas, bobot, populasi):
    """Hitung NRR, IKM, mutu dan kinerja dari CSV/XLSX (satu baris per responden, kolom U1…U9)."""
    bacaan = _read(berkas)
    if not bacaan.sah:
        _fail_rows(bacaan)
    h = hitung_ikm(jumlahkan(r.jawaban for r in bacaan.baris), bobot)
    click.echo(f"Berkas: {bacaan.nama}")
    cetak_hasil(h)
    if populasi:
        click.echo(sampel(populasi, h.responden).keterangan)


@skm_cli.command("import")
@click.argument("berkas", type=click.Path(dir_okay=False))
@click.option("--layanan", required=True, help="Kode tautan layanan (lihat halaman petugas › Survei › Layanan).")
@click.option("--periode", required=True, help="Nomor atau nama periode, mis. \"Triwulan I 2026\".")
def impor(berkas, layanan, periode):
    """Impor survei kertas/spreadsheet: semua baris atau tidak sama sekali."""
    from core.errors import DomainError
    from skm import service

    data, name = _berkas(berkas)
    try:
        lay = service.layanan_by_kode(layanan, aktif_saja=False)
        per = service.cari_periode(periode)
        batch = service.impor_berkas(lay, per, data, name)
    except service.ImporGagal as e:
        click.echo(e.message, err=True)
        for line in e.kesalahan:
            click.echo("  " + line, err=True)
        sys.exit(1)  # the unit of work rolls back
    except DomainError as e:
        raise click.ClickException(e.message) from e
    click.echo(f"{batch.jumlah} responden diimpor ke layanan {lay.nama}, periode {per.nama}.")
    cetak_hasil(service.hasil(per, lay))


@skm_cli.command("sampel")
@click.argument("populasi", type=click.IntRange(min=1))
def sampel_cmd(populasi):
    """Ukuran sampel minimal (Krejcie & Morgan) untuk populasi N."""
    click.echo(f"Populasi {angka(populasi, 0)}: sampel minimal {angka(krejcie_morgan(populasi), 0)} responden.")
