import re

import pytest

from core import crypto
from core.crypto import DecryptionError, KdfParams


def test_aead_round_trip_and_binding():
    key = crypto.new_key()
    assert len(key) == 32
    blob = crypto.aead_encrypt(key, b"rahasia", b"wbs:1:apa")
    assert crypto.aead_decrypt(key, blob, b"wbs:1:apa") == b"rahasia"
    assert b"rahasia" not in blob
    # Same plaintext twice gives different blobs (random nonce).
    assert crypto.aead_encrypt(key, b"rahasia", b"x") != crypto.aead_encrypt(key, b"rahasia", b"x")


@pytest.mark.parametrize("mutate", [
    lambda b: b[:-1] + bytes([b[-1] ^ 1]),   # flipped tag bit
    lambda b: b[:20] + bytes([b[20] ^ 1]) + b[21:],  # flipped ciphertext bit
    lambda b: b"\x02" + b[1:],                # unknown version
    lambda b: b[:10],                         # truncated
])
def test_aead_tampering_fails(mutate):
    key = crypto.new_key()
    blob = crypto.aead_encrypt(key, b"isi laporan", b"aad")
    with pytest.raises(DecryptionError):
        crypto.aead_decrypt(key, mutate(blob), b"aad")


def test_aead_wrong_aad_or_key_fails():
    key = crypto.new_key()
    blob = crypto.aead_encrypt(key, b"isi", b"wbs:1:apa")
    with pytest.raises(DecryptionError):
        crypto.aead_decrypt(key, blob, b"wbs:2:apa")
    with pytest.raises(DecryptionError):
        crypto.aead_decrypt(crypto.new_key(), blob, b"wbs:1:apa")


def test_text_round_trip_and_none():
    key = crypto.new_key()
    token = crypto.encrypt_text(key, "Budi Santoso — 0812 🙂", "pengaduan:7:nama")
    assert token is not None and re.fullmatch(r"[A-Za-z0-9_=-]+", token)
    assert crypto.decrypt_text(key, token, "pengaduan:7:nama") == "Budi Santoso — 0812 🙂"
    assert crypto.encrypt_text(key, None, "a") is None
    assert crypto.decrypt_text(key, None, "a") is None
    with pytest.raises(DecryptionError):
        crypto.decrypt_text(key, token, "pengaduan:8:nama")
    with pytest.raises(DecryptionError):
        crypto.decrypt_text(key, "bukan base64!", "a")


def test_hpke_wrap_unwrap():
    priv, pub = crypto.generate_keypair()
    assert len(priv) == len(pub) == 32
    assert crypto.public_from_private(priv) == pub
    data_key = crypto.new_key()
    blob = crypto.hpke_wrap(pub, data_key, b"wbs:42")
    assert crypto.hpke_unwrap(priv, blob, b"wbs:42") == data_key

    other_priv, _ = crypto.generate_keypair()
    with pytest.raises(DecryptionError):
        crypto.hpke_unwrap(other_priv, blob, b"wbs:42")
    with pytest.raises(DecryptionError):
        crypto.hpke_unwrap(priv, blob, b"wbs:43")
    with pytest.raises(DecryptionError):
        crypto.hpke_unwrap(priv, blob[:-1] + bytes([blob[-1] ^ 1]), b"wbs:42")


def test_kdf_is_deterministic_per_salt():
    p = KdfParams.cheap()
    a = crypto.derive_key(b"kata sandi", b"s" * 16, p)
    assert len(a) == 32
    assert a == crypto.derive_key(b"kata sandi", b"s" * 16, p)
    assert a != crypto.derive_key(b"kata sandi", b"t" * 16, p)


def test_default_params_are_server_grade():
    d = KdfParams.default()
    assert d.memory_cost_kib >= 19 * 1024 and d.time_cost >= 2


def test_seal_open_with_passphrase():
    secret, _ = crypto.generate_keypair()
    blob = crypto.seal_with_passphrase(secret, "kuda-baterai-staples", KdfParams.cheap())
    assert secret not in blob
    assert crypto.open_with_passphrase(blob, "kuda-baterai-staples") == secret
    with pytest.raises(DecryptionError):
        crypto.open_with_passphrase(blob, "salah")
    with pytest.raises(DecryptionError):
        crypto.open_with_passphrase(blob[:20], "kuda-baterai-staples")


def test_sealed_blob_carries_its_params():
    # Sealed with cheap params; opening must read them from the blob, not assume the default.
    blob = crypto.seal_with_passphrase(b"k" * 32, "pw", KdfParams(time_cost=2, memory_cost_kib=16, parallelism=1))
    assert crypto.open_with_passphrase(blob, "pw") == b"k" * 32
    # The header is authenticated: lowering the cost in the blob breaks it.
    tampered = blob[:1] + (1).to_bytes(4, "big") + blob[5:]
    with pytest.raises(DecryptionError):
        crypto.open_with_passphrase(tampered, "pw")


def test_keyed_hash():
    h = crypto.keyed_hash(b"server-secret", "K7QM-2ZP9")
    assert re.fullmatch(r"[0-9a-f]{64}", h)
    assert h == crypto.keyed_hash(b"server-secret", "K7QM-2ZP9")
    assert h != crypto.keyed_hash(b"other-secret", "K7QM-2ZP9")


def test_new_code_entropy_and_alphabet():
    code = crypto.new_code(80)
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}", code)
    assert not set(code) & set("ILOU")
    assert len(code.replace("-", "")) * 5 >= 80
    assert len(crypto.new_code(81).replace("-", "")) == 17  # rounds up, never below nbits
    assert len({crypto.new_code(80) for _ in range(200)}) == 200
    assert "-" not in crypto.new_code(40, group=0)


def test_normalize_code_round_trip():
    code = crypto.new_code(80)
    assert crypto.normalize_code(code) == code
    sloppy = " " + code.lower().replace("-", " ") + "  "
    assert crypto.normalize_code(sloppy) == code
    assert crypto.normalize_code("k7qm 2zp9 ab3d xy7w") == "K7QM-2ZP9-AB3D-XY7W"
    # Crockford look-alikes
    assert crypto.normalize_code("oIlO-0000") == "0110-0000"
    assert crypto.normalize_code("K7QM--2ZP9") == "K7QM-2ZP9"
