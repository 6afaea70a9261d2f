"""Test data for Pengaduan Masyarakat, made through the service the application uses."""
from __future__ import annotations

import io

from PIL import Image

from pengaduan import service


def data(**over) -> dict:
    d = {"jenis": "pengaduan", "kategori": "Pelayanan publik", "judul": "Antrean terlalu lama",
         "uraian": "Saya menunggu tiga jam tanpa kejelasan jadwal layanan.", "lokasi": "Palembang",
         "nama": "Budi Santoso", "telepon": "081234567890", "email": "budi@contoh.id", "nik": "1671010101900001",
         "setuju": True}
    d.update(over)
    return d


def submit(kanal: str = "web", petugas=None, token: str | None = None, files=None, **over):
    """(complaint, code) filed through the service."""
    return service.submit(data(**over), files or [], kanal=kanal, petugas=petugas, token=token)


def jpeg_with_exif() -> bytes:
    img = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "KameraRahasia"  # Make
    exif[0x8825] = {1: "S", 2: (3.0, 0.0, 0.0)}  # GPS
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif)
    return out.getvalue()
