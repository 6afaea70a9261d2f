"""A complaint moved to the Whistleblowing System, at its reporter's request.

One operation over two domains, in the caller's one unit of work: the complaint is archived and marked as
moved (pengaduan), and a sealed WBS report is filed with its text and photos (wbs). Either both exist or
neither: nothing here commits, and a refusal or failure in either half rolls back the whole request.
"""
from __future__ import annotations

from flask import current_app

from core import storage
from core.attachments import attachments_of, read_attachment
from core.workdays import format_tanggal
from pengaduan import service as pengaduan
from pengaduan.models import Pengaduan
from wbs import service as wbs

MAX_FILES = 5  # what one WBS submission takes


def pindah_wbs(p: Pengaduan, sertakan_identitas: bool = False, token: str | None = None) -> str:
    """Move `p` to WBS; return the WBS receipt, to be shown once.

    The report carries the complaint's text and photos; the reporter's identity, and PDFs (whose metadata may
    name the author), only if the reporter agrees. The form's one-time `token` is WBS's idempotency key, so a
    double click shows the same receipt and files no second report.
    """
    # the complaint's half first: it refuses early (not offered, already moved), and its UPDATE is the
    # transaction's first write, which WBS's savepoint needs on SQLite
    pengaduan.pindah_wbs(p, token)
    fields, files = _report_from(p, sertakan_identitas)
    _, receipt = wbs.submit_report(fields, files, sumber="pengaduan", idempotency_key=token)
    return receipt


def _report_from(p: Pengaduan, sertakan_identitas: bool) -> tuple[dict[str, str], list[storage.Clean]]:
    """The WBS report's fields and files, made from the complaint."""
    apa = f"{p.judul}\n\n{p.uraian}"
    fields = {"apa": apa if len(apa) <= pengaduan.MAX_URAIAN else p.uraian, "dimana": p.lokasi or "",
              "kapan": format_tanggal(p.tanggal_kejadian) if p.tanggal_kejadian else "",
              "siapa": p.layanan_terkait or ""}
    if sertakan_identitas:
        parts = [f"{label}: {value}" for label, value in (("Nama", p.nama), ("Telepon", p.telepon),
                                                          ("E-mail", p.email), ("NIK", p.nik)) if value]
        fields["identitas"] = "; ".join(parts)
    limit = current_app.config["MAX_FILE_BYTES"]
    files = [storage.inspect_upload(read_attachment(a), a.original_name, max_bytes=limit)
             for a in attachments_of(pengaduan.OWNER, p.id)
             if sertakan_identitas or a.content_type.startswith("image/")][:MAX_FILES]
    return {k: v for k, v in fields.items() if v}, files
