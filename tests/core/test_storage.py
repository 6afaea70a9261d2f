import io
import os
import stat

import pytest
from PIL import ExifTags, Image
from pypdf import PdfWriter

from core import storage
from core.storage import ALLOWED, SPREADSHEETS, UploadError, inspect_upload

MB = 1024 * 1024


def _jpeg_with_gps() -> bytes:
    img = Image.new("RGB", (40, 20), (200, 30, 30))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "KameraRahasia"
    exif[ExifTags.Base.Orientation] = 6  # rotate 90° on display
    exif[ExifTags.Base.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "S", ExifTags.GPS.GPSLatitude: (6.0, 12.0, 30.0),
        ExifTags.GPS.GPSLongitudeRef: "E", ExifTags.GPS.GPSLongitude: (106.0, 49.0, 0.0),
    }
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif, comment=b"pelapor: Budi")
    return out.getvalue()


def _png(size=(8, 8)) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", size, (0, 0, 255, 128)).save(out, format="PNG")
    return out.getvalue()


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Title": "Bukti"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_jpeg_loses_exif_and_keeps_orientation():
    raw = _jpeg_with_gps()
    with Image.open(io.BytesIO(raw)) as before:
        assert before.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the fixture really carries GPS
    clean = inspect_upload(raw, "foto.JPG", max_bytes=MB)
    assert clean.content_type == "image/jpeg" and clean.extension == "jpg"
    assert b"KameraRahasia" not in clean.data and b"Budi" not in clean.data
    with Image.open(io.BytesIO(clean.data)) as after:
        assert len(after.getexif()) == 0
        assert "exif" not in after.info and "comment" not in after.info
        assert after.size == (20, 40)  # rotated upright before the tag was dropped
    assert clean.size == len(clean.data)


def test_png_and_webp_ok():
    clean = inspect_upload(_png(), "layar.png", max_bytes=MB)
    assert clean.content_type == "image/png" and clean.extension == "png"
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, format="WEBP")
    assert inspect_upload(out.getvalue(), "x.webp", max_bytes=MB).content_type == "image/webp"


def test_pdf_loses_its_metadata():
    raw = _pdf()
    assert b"Bukti" in raw
    clean = inspect_upload(raw, "surat.pdf", max_bytes=MB)
    assert clean.content_type == "application/pdf" and clean.extension == "pdf"
    assert b"Bukti" not in clean.data and clean.data.startswith(b"%PDF")
    import hashlib
    assert clean.sha256 == hashlib.sha256(clean.data).hexdigest()


def test_type_is_decided_by_content_not_name():
    exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
    with pytest.raises(UploadError) as err:
        inspect_upload(exe, "foto.jpg", max_bytes=MB)
    assert "«foto.jpg»" in err.value.message and "bukan berkas" in err.value.message
    with pytest.raises(UploadError):
        inspect_upload(b"ini bukan pdf\n", "laporan.pdf", max_bytes=MB)
    # A PNG named .pdf is still a PNG (and fine), judged by content.
    assert inspect_upload(_png(), "laporan.pdf", max_bytes=MB).content_type == "image/png"


def test_truncated_image_refused():
    with pytest.raises(UploadError) as err:
        inspect_upload(_jpeg_with_gps()[:200], "potong.jpg", max_bytes=MB)
    assert "rusak" in err.value.message


def test_empty_and_oversize_refused():
    with pytest.raises(UploadError) as err:
        inspect_upload(b"", "x.jpg", max_bytes=MB)
    assert err.value.message == "Berkas kosong."
    with pytest.raises(UploadError) as err:
        inspect_upload(_pdf(), "besar.pdf", max_bytes=100)
    assert "melebihi batas" in err.value.message
    with pytest.raises(UploadError) as err:
        inspect_upload(b"%PDF" + b"0" * (10 * MB), "x.pdf", max_bytes=10 * MB)
    assert err.value.message == "Berkas «x.pdf» melebihi batas 10 MB."


@pytest.mark.parametrize("pixels", [1000, 500])  # warning zone (> limit) and error zone (> 2x limit)
def test_decompression_bomb_refused(monkeypatch, pixels):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", pixels)
    with pytest.raises(UploadError) as err:
        inspect_upload(_png((40, 40)), "bom.png", max_bytes=MB)
    assert "dimensi" in err.value.message


def test_custom_allowed_set_for_imports():
    csv = "nama;u1\nA;4\n".encode()
    with pytest.raises(UploadError):
        inspect_upload(csv, "skm.csv", max_bytes=MB)
    clean = inspect_upload(csv, "skm.csv", max_bytes=MB, allowed=SPREADSHEETS)
    assert clean.content_type == "text/csv" and clean.data == csv
    with pytest.raises(UploadError) as err:
        inspect_upload(_png(), "x.png", max_bytes=MB, allowed=SPREADSHEETS)
    assert "XLSX atau CSV" in err.value.message
    assert inspect_upload(_png(), "x.png", max_bytes=MB, allowed=ALLOWED | SPREADSHEETS).extension == "png"


@pytest.mark.parametrize("given, expected", [
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\budi\\foto.jpg", "foto.jpg"),
    ("  .hidden.pdf ", "hidden.pdf"),
    ("a\x00b\nc.png", "abc.png"),
    ("", "berkas"),
    ("Cafe\u0301.jpg", "Café.jpg"),
])
def test_sanitize_filename(given, expected):
    assert storage.sanitize_filename(given) == expected


def test_long_name_keeps_extension():
    name = storage.sanitize_filename("a" * 300 + ".pdf")
    assert len(name) == 120 and name.endswith(".pdf")


def test_store_read_delete(tmp_path):
    folder = tmp_path / "uploads" / "wbs"
    name = storage.store_bytes(folder, b"ciphertext")
    assert len(name) == 32 and int(name, 16) >= 0
    assert stat.S_IMODE(os.stat(folder / name).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert storage.read_bytes(folder, name) == b"ciphertext"
    assert storage.store_bytes(folder, b"ciphertext") != name
    storage.delete_bytes(folder, name)
    storage.delete_bytes(folder, name)  # idempotent
    assert not (folder / name).exists()


@pytest.mark.parametrize("bad", ["../secret", "/etc/passwd", "A" * 32, "0" * 31, "0" * 32 + "/..", "", "..", "0" * 33])
def test_traversal_names_refused(tmp_path, bad):
    with pytest.raises(ValueError):
        storage.read_bytes(tmp_path, bad)
    with pytest.raises(ValueError):
        storage.delete_bytes(tmp_path, bad)
