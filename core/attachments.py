"""Attachments of complaints and reports: checked by content, metadata stripped, stored outside static/."""
from __future__ import annotations

from flask import current_app
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from core import storage
from core.errors import N_
from core.extensions import db
from core.models import Attachment
from core.storage import ALLOWED, UploadError

MAX_FILES = 5


def too_many(max_files: int = MAX_FILES) -> UploadError:
    """The refusal of more than `max_files` files in one report (on its upload field)."""
    return UploadError(N_("Paling banyak %(n)s berkas dalam satu kiriman.", n=max_files))


def inspect_files(files: list[FileStorage], *, allowed=ALLOWED, max_files: int = MAX_FILES) -> list[storage.Clean]:
    """Check every file before anything is written, so a bad file leaves nothing half-saved."""
    files = [f for f in files if f and f.filename]
    if len(files) > max_files:
        raise too_many(max_files)
    limit = current_app.config["MAX_FILE_BYTES"]
    return [storage.inspect_upload(f.read(limit + 1), f.filename, max_bytes=limit, allowed=allowed) for f in files]


def save_clean(clean: storage.Clean, owner_type: str, owner_id: int) -> Attachment:
    name = storage.store_bytes(current_app.config["UPLOAD_FOLDER"], clean.data)
    att = Attachment(owner_type=owner_type, owner_id=owner_id, stored_name=name,
                     original_name=clean.original_name, content_type=clean.content_type,
                     size=clean.size, sha256=clean.sha256)
    db.session.add(att)
    return att


def attachments_of(owner_type: str, owner_id: int) -> list[Attachment]:
    return list(db.session.scalars(select(Attachment).where(Attachment.owner_type == owner_type,
                                                             Attachment.owner_id == owner_id)
                                   .order_by(Attachment.id)))


def read_attachment(att: Attachment) -> bytes:
    return storage.read_bytes(current_app.config["UPLOAD_FOLDER"], att.stored_name)
