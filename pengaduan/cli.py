"""`flask pengaduan …` and the demo complaints."""
from __future__ import annotations

from datetime import date

import click

from core.cli import CommandGroup
from core.models import Unit

pengaduan_cli = CommandGroup("pengaduan", help="Pengaduan Masyarakat.")


@pengaduan_cli.command("tutup-otomatis")
@click.option("--tanggal", default=None, help="Tanggal acuan YYYY-MM-DD (bawaan: hari ini, WIB).")
def tutup_otomatis_cmd(tanggal):
    """Tutup pengaduan yang melewati batas tanggapan pelapor (aman dijalankan berulang)."""
    from pengaduan import service

    today = date.fromisoformat(tanggal) if tanggal else None
    n = service.tutup_otomatis(today)
    purged = service.purge_staging()
    click.echo(f"{n} pengaduan ditutup/diarsipkan otomatis; {purged} berkas draf lama dihapus.")


@pengaduan_cli.command("pengingat")
@click.option("--tanggal", default=None, help="Tanggal acuan YYYY-MM-DD (bawaan: hari ini, WIB).")
def pengingat_cmd(tanggal):
    """Antrekan surel pengingat tenggat (petugas: 1 HK lagi; unit: tindak lanjut dekat; pelapor: batas
    tanggapan besok); aman diulang, jalankan harian."""
    from pengaduan import kabar

    today = date.fromisoformat(tanggal) if tanggal else None
    n = kabar.reminders(today)
    click.echo(f"Pengingat diantrekan untuk {n} pengaduan.")


@pengaduan_cli.command("hitung-ulang")
def hitung_ulang_cmd():
    """Bangun ulang jumlah pengaduan per status (mis. setelah pemulihan cadangan)."""
    from pengaduan import service

    n = service.recount()
    click.echo(f"Jumlah per status dihitung ulang ({n} baris).")


DEMO_KATEGORI = ["Pelayanan KB dan kesehatan reproduksi", "Program Bangga Kencana dan percepatan penurunan stunting",
                 "Perilaku petugas", "Sarana dan prasarana", "Informasi dan administrasi",
                 "Dugaan pungutan liar atau penyimpangan", "Lainnya"]
# the demo office's own English wording, as an office types it in the settings (shown on ?lang=en)
DEMO_KATEGORI_EN = ["Family planning and reproductive health services",
                    "Bangga Kencana programme and stunting reduction", "Staff conduct", "Facilities",
                    "Information and administration", "Suspected illegal charges or misconduct", "Other"]


def seed_demo(units: dict[str, Unit]) -> list[str]:
    """Categories of the demo office and a few complaints in different stages; the lines name the unit the
    first one was disposed to, so whoever tries the unit's account knows what it should see."""
    from sqlalchemy import select

    from core.extensions import db
    from core.models import Role, User
    from core.settings import get_setting, set_setting
    from pengaduan import service

    set_setting("pengaduan", {**get_setting("pengaduan"), "kategori": DEMO_KATEGORI,
                              "kategori_en": dict(zip(DEMO_KATEGORI, DEMO_KATEGORI_EN))})
    petugas = db.session.scalar(select(User).where(User.email == "pengaduan@demo.zilapor.id"))
    if petugas is None:
        return []
    samples = [
        ("pengaduan", DEMO_KATEGORI[0], "Antrean layanan KB terlalu lama",
         "Saya menunggu lebih dari tiga jam di klinik untuk layanan KB implan tanpa kejelasan jadwal.", "Budi Santoso"),
        ("informasi", DEMO_KATEGORI[4], "Jadwal pelatihan kader",
         "Mohon informasi jadwal pelatihan kader BKB tahun ini dan syarat pendaftarannya.", "Siti Rahma"),
        ("aspirasi", DEMO_KATEGORI[1], "Penyuluhan stunting di kelurahan",
         "Kami mengusulkan penyuluhan pencegahan stunting dilakukan juga pada hari Sabtu.", None),
    ]
    made = []
    for jenis, kategori, judul, uraian, nama in samples:
        data = {"jenis": jenis, "kategori": kategori, "judul": judul, "uraian": uraian, "lokasi": "Palembang",
                "anonim": nama is None, "nama": nama, "telepon": "081234567890" if nama else None}
        p, _ = service.submit(data, kanal="langsung", petugas=petugas)
        made.append(p)
    service.verifikasi(made[0], petugas, "normatif")
    lines = []
    if "KB" in units:
        service.disposisi(made[0], petugas, units["KB"].id, "Segera")
        akun = ", ".join(sorted(u.email for u in db.session.scalars(select(User).where(User.unit_id == units["KB"].id))
                                if u.has_role(Role.unit)))
        lines.append(f"Pengaduan contoh {made[0].tiket} didisposisikan ke {units['KB'].nama}"
                     + (f" (akun unit: {akun})." if akun else "."))
    service.verifikasi(made[1], petugas, "ringan")
    service.jawab(made[1], petugas, "Pelatihan kader BKB dijadwalkan pada bulan Juli; pendaftaran melalui PKB setempat.")
    return lines
