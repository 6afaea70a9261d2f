"""How a WBS report is sealed, on top of core.crypto.

- Every text is padded (so a ciphertext's length says little about the text's length) and encrypted with
  the report's data key; the associated data names the report and the field, entry or file, so a
  ciphertext cannot be moved to another report or column unnoticed. An entry's associated data also binds
  the clear columns that decide who sees it and how (kind, order, date, officer, status change), an
  attachment's the entry it belongs to.
- Rows sealed before that binding carry instead a MAC of those columns under a server secret
  (`legacy_mac`, written by migration 0007_wbs_security, which could not reach the data keys).
- The data key is wrapped (HPKE) to each recipient key; the `info` binds the wrap to report and key.
- The receipt derives (Argon2id, per-report salt) an X25519 private key; the data key is also wrapped to
  its public half, so the reporter alone can unwrap it again with the receipt.
"""
from __future__ import annotations

import hashlib
import hmac
import json

from core import crypto
from core.crypto import CROCKFORD, KdfParams

RECEIPT_BITS = 80
RECEIPT_CHARS = RECEIPT_BITS // 5  # 16 Crockford characters, shown as XXXX-XXXX-XXXX-XXXX
_PAD = 64


# --- associated data ------------------------------------------------------------------------------

def field_aad(report_id: int, name: str) -> bytes:
    return f"zi-wbs/{report_id}/isian/{name}".encode()


def _entry_columns(entry) -> str:
    """The clear columns of a WbsEntry that say who sees it and how, in one canonical text."""
    return "/".join("" if v is None else str(v) for v in (
        entry.jenis, entry.urutan, entry.tanggal.isoformat(), entry.officer_id, entry.status_dari, entry.status_ke))


def entry_aad(report_id: int, entry) -> bytes:
    """Binds the entry's id and its clear columns: changing `jenis` from "catatan" to "tim" (or the officer,
    the status change, the order or the date) makes the text fail to open."""
    return f"zi-wbs/{report_id}/entri/{entry.id}/v2/{_entry_columns(entry)}".encode()


def entry_aad_v1(report_id: int, entry_id: str) -> bytes:
    """Before 0007_wbs_security: the id only (such rows carry `legacy_mac`)."""
    return f"zi-wbs/{report_id}/entri/{entry_id}".encode()


def file_aad(report_id: int, attachment_id: str) -> bytes:
    return f"zi-wbs/{report_id}/lampiran/{attachment_id}".encode()


def file_meta_aad(report_id: int, attachment_id: str, entry_id: str | None) -> bytes:
    """Binds the entry the file was sent with (None: the report itself)."""
    return f"zi-wbs/{report_id}/lampiran/{attachment_id}/meta/v2/{entry_id or ''}".encode()


def file_meta_aad_v1(report_id: int, attachment_id: str) -> bytes:
    return f"zi-wbs/{report_id}/lampiran/{attachment_id}/meta".encode()


# --- tags under a server secret (RECEIPT_PEPPER, outside the database) ----------------------------

def server_tag(pepper: bytes, purpose: str, text: str) -> str:
    """HMAC-SHA256 under a key derived from the server pepper for one `purpose`."""
    key = hmac.new(pepper, b"zi-wbs/tag/" + purpose.encode(), hashlib.sha256).digest()
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()


def legacy_entry_mac(pepper: bytes, report_id: int, entry) -> str:
    return server_tag(pepper, "entri-v1", f"{report_id}/{entry.id}/{_entry_columns(entry)}")


def legacy_file_mac(pepper: bytes, report_id: int, attachment) -> str:
    return server_tag(pepper, "lampiran-v1", f"{report_id}/{attachment.id}/{attachment.entry_id or ''}")


def approval_tag(pepper: bytes, key, pengesah_key_id: int | None) -> str:
    """What makes a recipient key active: the key, its kind and holder, its public key and who vouched."""
    return server_tag(pepper, "pengesahan-kunci", f"{key.id}/{key.jenis}/{key.user_id or ''}/"
                                                  f"{key.public_key.hex()}/{pengesah_key_id or ''}")

def wrap_info(report_id: int, key_id: int) -> bytes:
    return f"zi-wbs/{report_id}/bungkus/{key_id}".encode()


def receipt_info(report_id: int) -> bytes:
    return f"zi-wbs/{report_id}/resi".encode()


# --- texts ----------------------------------------------------------------------------------------

def _pad(data: bytes) -> bytes:
    data += b"\x80"
    return data + b"\x00" * (-len(data) % _PAD)


def _unpad(data: bytes) -> bytes:
    stripped = data.rstrip(b"\x00")
    if not stripped.endswith(b"\x80"):
        raise crypto.DecryptionError("bad padding")
    return stripped[:-1]


def seal_text(data_key: bytes, text: str, aad: bytes) -> bytes:
    return crypto.aead_encrypt(data_key, _pad(text.encode("utf-8")), aad)


def open_text(data_key: bytes, blob: bytes, aad: bytes) -> str:
    return _unpad(crypto.aead_decrypt(data_key, blob, aad)).decode("utf-8")


def seal_json(data_key: bytes, value: dict, aad: bytes) -> bytes:
    return seal_text(data_key, json.dumps(value, ensure_ascii=False, separators=(",", ":")), aad)


def open_json(data_key: bytes, blob: bytes, aad: bytes) -> dict:
    return json.loads(open_text(data_key, blob, aad))


# --- receipts -------------------------------------------------------------------------------------

def kdf_to_text(params: KdfParams) -> str:
    return f"{params.time_cost}:{params.memory_cost_kib}:{params.parallelism}"


def kdf_from_text(text: str) -> KdfParams:
    t, m, p = (int(x) for x in text.split(":"))
    return KdfParams(time_cost=t, memory_cost_kib=m, parallelism=p)


def receipt_from_token(pepper: bytes, token: str) -> str:
    """The receipt a form token stands for: the same token always gives the same receipt, so a double
    submit can show the reporter the receipt of the report the first click made. 80 bits of an HMAC
    under the server pepper (never in the database); the token itself is never stored."""
    digest = hmac.new(pepper, b"zi-wbs/resi/" + token.encode("utf-8"), hashlib.sha256).digest()
    n = int.from_bytes(digest[:RECEIPT_BITS // 8], "big")
    raw = "".join(CROCKFORD[(n >> (5 * i)) & 31] for i in reversed(range(RECEIPT_CHARS)))
    return crypto.normalize_code(raw)


def receipt_lookup(pepper: bytes, receipt_normal: str) -> str:
    return crypto.keyed_hash(pepper, "zi-wbs/resi/" + receipt_normal)


def receipt_private(receipt_normal: str, salt: bytes, params: KdfParams) -> bytes:
    """An X25519 private key from the receipt (any 32 bytes are one; the curve code clamps them)."""
    return crypto.derive_key(receipt_normal.encode("utf-8"), salt, params)


def receipt_public(receipt_normal: str, salt: bytes, params: KdfParams) -> bytes:
    return crypto.public_from_private(receipt_private(receipt_normal, salt, params))


def is_receipt_shape(receipt_normal: str) -> bool:
    raw = receipt_normal.replace("-", "")
    return len(raw) == RECEIPT_CHARS and all(c in CROCKFORD for c in raw)
