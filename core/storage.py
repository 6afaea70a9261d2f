"""Upload checking and storage on disk.

No Flask here: callers pass the upload folder and limits from their config. The type of a file is decided
by its content, never by its name; images are re-encoded so their metadata (EXIF/GPS, XMP, comments,
ICC profiles) never reaches the disk, and PDFs lose theirs (core.pdfs) or are refused for active content.
"""
from __future__ import annotations

import hashlib
import io
import logging
import os
import re
import secrets
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

import filetype
from PIL import Image, ImageOps, UnidentifiedImageError

from core.errors import N_, DomainError
from core.heavy import heavy_work

JPEG, PNG, WEBP, PDF = "image/jpeg", "image/png", "image/webp", "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv"

ALLOWED: frozenset[str] = frozenset({JPEG, PNG, WEBP, PDF})
# For survey imports: callers pass allowed=SPREADSHEETS (or ALLOWED | SPREADSHEETS).
SPREADSHEETS: frozenset[str] = frozenset({XLSX, CSV})

_LABELS = {JPEG: "JPEG", PNG: "PNG", WEBP: "WebP", PDF: "PDF", XLSX: "XLSX", CSV: "CSV"}
_EXTENSIONS = {JPEG: "jpg", PNG: "png", WEBP: "webp", PDF: "pdf", XLSX: "xlsx", CSV: "csv"}
_PIL_FORMATS = {JPEG: "JPEG", PNG: "PNG", WEBP: "WEBP"}
_STORED_NAME = re.compile(r"[0-9a-f]{32}")
# Decoded size cap, checked from the header before decoding: 25 MP is more than any phone photo
# (a 9 400 × 9 400 PNG of 1 MB decodes to 88 MP and hundreds of MiB). Pillow's own guard, everywhere in the
# process, uses the same number (it warns above it and refuses above twice it).
MAX_PIXELS = 25_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
_MAX_NAME = 120
# At DEBUG level Pillow logs EXIF values (author, description) while reading an upload: keep it quieter.
logging.getLogger("PIL").setLevel(max(logging.getLogger("PIL").level, logging.INFO))


class UploadError(DomainError):
    """An upload was refused; `.message` is shown to the user as is, on the upload field."""

    def __init__(self, message: str, field: str | None = "lampiran") -> None:
        super().__init__(message, field)


@dataclass(frozen=True)
class Clean:
    data: bytes
    content_type: str
    extension: str
    original_name: str
    size: int
    sha256: str


def inspect_upload(data: bytes, filename: str, *, max_bytes: int,
                   allowed: frozenset[str] | set[str] = ALLOWED) -> Clean:
    """Check an upload by content and return the cleaned bytes; raise UploadError otherwise."""
    name = sanitize_filename(filename)
    if not data:
        raise UploadError("Berkas kosong.")
    if len(data) > max_bytes:
        raise UploadError(N_("Berkas «%(nama)s» melebihi batas %(batas)s.", nama=name, batas=_format_size(max_bytes)))

    content_type = _detect(data)
    if content_type not in allowed:
        kinds = [label for mime, label in _LABELS.items() if mime in allowed]
        kinds += sorted(t for t in allowed if t not in _LABELS)
        listed = N_("%(daftar)s atau %(akhir)s", daftar=", ".join(kinds[:-1]), akhir=kinds[-1]) if len(kinds) > 1 \
            else kinds[0]
        raise UploadError(N_("Berkas «%(nama)s» bukan berkas %(jenis)s yang sah.", nama=name, jenis=listed))

    if content_type in _PIL_FORMATS:
        data = _reencode_image(data, content_type, name)
    elif content_type == PDF:
        data = _clean_pdf(data, name)
    return Clean(
        data=data,
        content_type=content_type,
        extension=_EXTENSIONS.get(content_type, "bin"),
        original_name=name,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def sanitize_filename(filename: str) -> str:
    """A display name only (files are stored under random names): no path parts, no control chars."""
    name = unicodedata.normalize("NFC", filename or "")
    name = PureWindowsPath(PurePosixPath(name).name).name  # drop both / and \ path parts
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = " ".join(name.split()).lstrip(".").strip()
    if not name:
        return "berkas"
    if len(name) > _MAX_NAME:
        stem, dot, ext = name.rpartition(".")
        if dot and 0 < len(ext) <= 10 and stem:
            name = stem[:_MAX_NAME - len(ext) - 1] + "." + ext
        else:
            name = name[:_MAX_NAME]
    return name


def _detect(data: bytes) -> str | None:
    kind = filetype.guess(data)
    if kind is not None:
        return kind.mime
    # CSV has no magic number: accept UTF-8 text without NUL bytes.
    if b"\x00" not in data:
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return None
        return CSV
    return None


def _too_large(name: str) -> UploadError:
    return UploadError(N_("Gambar «%(nama)s» terlalu besar dimensinya: paling besar %(mp)s megapiksel (mis. 5000 × "
                          "5000 piksel). Perkecil gambar, lalu unggah lagi.", nama=name, mp=MAX_PIXELS // 1_000_000))


def _reencode_image(data: bytes, content_type: str, name: str) -> bytes:
    invalid = UploadError(N_("Berkas «%(nama)s» rusak atau bukan gambar yang sah.", nama=name))
    fmt = _PIL_FORMATS[content_type]
    try:
        # Pillow only warns between MAX_IMAGE_PIXELS and twice that; make it an error here so a
        # decompression bomb is refused instead of decoded (and no warning escapes to the caller).
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:  # reads the header only
                if img.format != fmt:
                    raise invalid
                if img.width * img.height > MAX_PIXELS:
                    raise _too_large(name)
                with heavy_work():
                    return _strip_and_encode(img, fmt)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise _too_large(name) from exc
    except UploadError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise invalid from exc


def _strip_and_encode(img: Image.Image, fmt: str) -> bytes:
    img.load()
    upright = ImageOps.exif_transpose(img)  # keep the orientation the EXIF tag asked for
    # Drop every ancillary field Pillow would otherwise carry over on save (comment, ICC, XMP, EXIF);
    # only transparency is kept, since it is part of the picture.
    kept = {"transparency": upright.info["transparency"]} if "transparency" in upright.info else {}
    upright.info = kept
    if fmt == "JPEG" and upright.mode not in ("RGB", "L", "CMYK"):
        upright = upright.convert("RGB")
    out = io.BytesIO()
    options: dict[str, object] = {"quality": 90} if fmt in ("JPEG", "WEBP") else {}
    upright.save(out, format=fmt, **options)
    return out.getvalue()


_PDF_REFUSALS = {
    "skrip": "PDF «{name}» berisi skrip (JavaScript) atau tindakan otomatis dan tidak diterima. Cetak ulang "
             "sebagai PDF biasa (mis. «Cetak ke PDF»), atau kirim foto/tangkapan layar dokumennya.",
    "sisipan": "PDF «{name}» berisi berkas sisipan (lampiran di dalam PDF) dan tidak diterima. Kirim berkas "
               "itu tersendiri, atau cetak ulang PDF-nya tanpa lampiran.",
    "sandi": "PDF «{name}» dikunci dengan kata sandi. Buka kuncinya dulu, lalu unggah lagi.",
    "rusak": "Berkas «{name}» rusak atau bukan PDF yang sah.",
}


def _clean_pdf(data: bytes, name: str) -> bytes:
    from core.pdfs import PdfRefused, clean_pdf

    try:
        with heavy_work():
            return clean_pdf(data)
    except PdfRefused as exc:
        raise UploadError(_PDF_REFUSALS[exc.kind].format(name=name)) from exc


def _format_size(n: int) -> str:
    mb = n / (1024 * 1024)
    if mb >= 1:
        text = f"{mb:.1f}".rstrip("0").rstrip(".").replace(".", ",")
        return f"{text} MB"
    return f"{max(1, n // 1024)} KB"


# --- storage on disk -------------------------------------------------------------------------------

def store_bytes(folder: str | Path, data: bytes) -> str:
    """Write `data` under a random name (no extension, nothing from the user) and return that name."""
    folder = Path(folder)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    name = secrets.token_hex(16)
    fd = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    return name


def read_bytes(folder: str | Path, name: str) -> bytes:
    return (Path(folder) / _checked(name)).read_bytes()


def delete_bytes(folder: str | Path, name: str) -> None:
    (Path(folder) / _checked(name)).unlink(missing_ok=True)


def _checked(name: str) -> str:
    # Only names store_bytes could have made: this is what stops path traversal.
    if not isinstance(name, str) or not _STORED_NAME.fullmatch(name):
        raise ValueError("nama berkas penyimpanan tidak sah")
    return name
