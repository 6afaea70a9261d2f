"""Cryptographic primitives for ZI Lapor (no Flask here: callers pass the keys).

Formats are versioned so a later algorithm change can still read old blobs.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import math
import os
import secrets
import struct
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from core.heavy import heavy_work

KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16
_AEAD_V1 = b"\x01"  # ChaCha20-Poly1305, 12-byte random nonce
_SEAL_V1 = b"\x01"  # Argon2id + _AEAD_V1
# version, time_cost, memory_cost_kib, parallelism
_SEAL_HEADER = struct.Struct(">cIIB")
# A sealed blob is trusted storage, but cap what it may ask for so a corrupted row cannot exhaust memory.
_MAX_MEMORY_KIB = 1024 * 1024
_MAX_TIME_COST = 64

_HPKE_SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)

# Crockford base32: no I, L, O, U, so codes survive being read aloud or copied by hand.
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CROCKFORD_FIX = str.maketrans({"O": "0", "I": "1", "L": "1"})


class DecryptionError(Exception):
    """Wrong key, wrong associated data, or tampered/corrupt ciphertext."""


# --- symmetric AEAD -------------------------------------------------------------------------------

def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def aead_encrypt(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    # Random nonces are safe with a 96-bit nonce for the volumes one office produces per key.
    nonce = os.urandom(NONCE_BYTES)
    return _AEAD_V1 + nonce + ChaCha20Poly1305(key).encrypt(nonce, plaintext, aad)


def aead_decrypt(key: bytes, blob: bytes, aad: bytes) -> bytes:
    if len(blob) < 1 + NONCE_BYTES + 16 or blob[:1] != _AEAD_V1:
        raise DecryptionError("unknown or truncated ciphertext")
    nonce, body = blob[1:1 + NONCE_BYTES], blob[1 + NONCE_BYTES:]
    try:
        return ChaCha20Poly1305(key).decrypt(nonce, body, aad)
    except (InvalidTag, ValueError) as exc:  # ValueError: key of the wrong length
        raise DecryptionError("decryption failed") from exc


def encrypt_text(key: bytes, text: str | None, aad: str) -> str | None:
    """Encrypt a text column value; the token is ASCII so it fits a plain string column."""
    if text is None:
        return None
    blob = aead_encrypt(key, text.encode("utf-8"), aad.encode("utf-8"))
    return base64.urlsafe_b64encode(blob).decode("ascii")


def decrypt_text(key: bytes, token: str | None, aad: str) -> str | None:
    if token is None:
        return None
    try:
        blob = base64.urlsafe_b64decode(token.encode("ascii"))
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise DecryptionError("malformed token") from exc
    return aead_decrypt(key, blob, aad.encode("utf-8")).decode("utf-8")


# --- X25519 + HPKE (RFC 9180) key wrapping ----------------------------------------------------------

def generate_keypair() -> tuple[bytes, bytes]:
    """Return (raw private, raw public), 32 bytes each."""
    private = X25519PrivateKey.generate()
    return private.private_bytes_raw(), private.public_key().public_bytes_raw()


def public_from_private(priv: bytes) -> bytes:
    return X25519PrivateKey.from_private_bytes(priv).public_key().public_bytes_raw()


def hpke_wrap(public_raw: bytes, data_key: bytes, info: bytes) -> bytes:
    """Wrap a data key to a recipient; `info` binds the wrap to its context (e.g. report id)."""
    return _HPKE_SUITE.encrypt(data_key, X25519PublicKey.from_public_bytes(public_raw), info=info)


def hpke_unwrap(private_raw: bytes, blob: bytes, info: bytes) -> bytes:
    try:
        private = X25519PrivateKey.from_private_bytes(private_raw)
        return _HPKE_SUITE.decrypt(blob, private, info=info)
    except (InvalidTag, ValueError) as exc:
        raise DecryptionError("unwrap failed") from exc


# --- Argon2id passphrase sealing --------------------------------------------------------------------

@dataclass(frozen=True)
class KdfParams:
    time_cost: int
    memory_cost_kib: int
    parallelism: int

    @classmethod
    def default(cls) -> KdfParams:
        # 64 MiB, 3 passes, 1 lane: RFC 9106's "second recommended" memory with one lane so a gunicorn
        # worker uses one core; stronger than every OWASP Argon2id minimum (e.g. 19 MiB/t=2/p=1,
        # 46 MiB/t=1/p=1). Unsealing a WBS key is rare (fresh login), so ~0.1-0.2 s is affordable.
        return cls(time_cost=3, memory_cost_kib=64 * 1024, parallelism=1)

    @classmethod
    def cheap(cls) -> KdfParams:
        # Argon2's minimum (memory >= 8 KiB per lane): for tests only.
        return cls(time_cost=1, memory_cost_kib=8, parallelism=1)


def derive_key(secret: bytes, salt: bytes, params: KdfParams) -> bytes:
    with heavy_work():  # 64 MiB each: a flood queues here instead of exhausting memory
        return hash_secret_raw(
            secret=secret,
            salt=salt,
            time_cost=params.time_cost,
            memory_cost=params.memory_cost_kib,
            parallelism=params.parallelism,
            hash_len=KEY_BYTES,
            type=Type.ID,
        )


def seal_with_passphrase(secret: bytes, passphrase: str, params: KdfParams) -> bytes:
    """Blob = version | params | salt | AEAD(secret); the header is authenticated as AAD."""
    header = _SEAL_HEADER.pack(_SEAL_V1, params.time_cost, params.memory_cost_kib, params.parallelism)
    salt = os.urandom(SALT_BYTES)
    key = derive_key(passphrase.encode("utf-8"), salt, params)
    return header + salt + aead_encrypt(key, secret, header + salt)


def open_with_passphrase(blob: bytes, passphrase: str) -> bytes:
    head_len = _SEAL_HEADER.size + SALT_BYTES
    if len(blob) <= head_len:
        raise DecryptionError("truncated sealed blob")
    version, time_cost, memory_kib, parallelism = _SEAL_HEADER.unpack_from(blob)
    if (version != _SEAL_V1 or not 1 <= time_cost <= _MAX_TIME_COST or parallelism < 1
            or not 8 * parallelism <= memory_kib <= _MAX_MEMORY_KIB):
        raise DecryptionError("unknown or corrupt sealed blob")
    params = KdfParams(time_cost, memory_kib, parallelism)
    salt = blob[_SEAL_HEADER.size:head_len]
    key = derive_key(passphrase.encode("utf-8"), salt, params)
    return aead_decrypt(key, blob[head_len:], blob[:head_len])


# --- keyed hashes and human-typed codes -----------------------------------------------------------

def keyed_hash(secret: bytes, value: str) -> str:
    """HMAC-SHA256 hex: lookup keys for receipts and rate limits that reveal nothing without the secret."""
    return hmac.new(secret, value.encode("utf-8"), hashlib.sha256).hexdigest()


def new_code(nbits: int, group: int = 4) -> str:
    """Random Crockford base32 code with at least `nbits` of entropy, grouped with '-'."""
    if nbits < 1:
        raise ValueError("nbits must be positive")
    length = math.ceil(nbits / 5)
    raw = "".join(secrets.choice(CROCKFORD) for _ in range(length))
    return _group(raw, group)


def normalize_code(s: str, group: int = 4) -> str:
    """Canonical form of a typed code: case, spaces and dashes ignored; O→0, I/L→1.

    Characters outside the alphabet are kept, so such a code simply matches nothing.
    """
    raw = "".join(s.split()).replace("-", "").upper().translate(_CROCKFORD_FIX)
    return _group(raw, group)


def _group(raw: str, group: int) -> str:
    if group <= 0:
        return raw
    return "-".join(raw[i:i + group] for i in range(0, len(raw), group))
