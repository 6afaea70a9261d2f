"""PDF uploads: active content refused, metadata removed (pikepdf, i.e. qpdf). No Flask here.

Refused, not stripped: a script or an embedded file is rarely there by accident in a scanned letter or an
exported document, and a stripped form could silently stop making sense. What is removed: the Info
dictionary and every XMP stream (author, software, dates), application private data (PieceInfo), page
modification dates and the document ID, which would match the PDF to the copy left on the reporter's
computer. Streams are copied as they are, never decoded, so a page bomb is not inflated here.
What a page shows (text, and pictures inside with their own EXIF) is not cleaned: the forms say so.
"""
from __future__ import annotations

import io

import pikepdf

# action types that run something or send something out when the PDF is opened or clicked
_ACTIVE_ACTIONS = frozenset({"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/RichMediaExecute",
                             "/GoToE", "/Rendition", "/Movie", "/Sound"})
_SCRIPT_KEYS = frozenset({"/JS", "/JavaScript", "/RichMedia", "/XFA"})
_EMBEDDED_KEYS = frozenset({"/EmbeddedFiles", "/EF"})
_STRIPPED_KEYS = ("/Metadata", "/PieceInfo", "/LastModified")


class PdfRefused(ValueError):
    """`kind` is "skrip", "sisipan", "sandi" or "rusak"; core.storage words the message."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


def clean_pdf(data: bytes) -> bytes:
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            for obj in pdf.objects:
                _check(obj)
            for obj in pdf.objects:
                _strip(obj)
            for key in ("/Info", "/ID"):
                if key in pdf.trailer:
                    del pdf.trailer[key]
            out = io.BytesIO()
            pdf.save(out, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none,
                     object_stream_mode=pikepdf.ObjectStreamMode.preserve, deterministic_id=True,
                     fix_metadata_version=False)
            return out.getvalue()
    except pikepdf.PasswordError as exc:
        raise PdfRefused("sandi") from exc
    except (pikepdf.PdfError, RecursionError, ValueError, TypeError) as exc:
        if isinstance(exc, PdfRefused):
            raise
        raise PdfRefused("rusak") from exc


def _check(obj) -> None:
    for d in _dictionaries(obj):
        keys = set(d.keys())
        if keys & _SCRIPT_KEYS or str(d.get("/S", "")) in _ACTIVE_ACTIONS:
            raise PdfRefused("skrip")
        if keys & _EMBEDDED_KEYS or str(d.get("/Type", "")) == "/EmbeddedFile" \
                or str(d.get("/Subtype", "")) == "/FileAttachment":
            raise PdfRefused("sisipan")


def _strip(obj) -> None:
    for d in _dictionaries(obj):
        for key in _STRIPPED_KEYS:
            if key in d:
                del d[key]


def _dictionaries(obj, depth: int = 0):
    """`obj` and its direct children that are dictionaries or streams; indirect children are objects of
    their own in `pdf.objects`, visited there. Children are listed after the caller saw the parent."""
    if depth > 50:
        raise PdfRefused("rusak")
    if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
        yield obj
        children = [obj.get(k) for k in obj.keys()]
    elif isinstance(obj, pikepdf.Array):
        children = list(obj)
    else:
        return
    for child in children:
        if isinstance(child, pikepdf.Object) and not child.is_indirect:
            yield from _dictionaries(child, depth + 1)
