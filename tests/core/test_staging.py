"""core.staging: files kept between a form's pages, a list of them under a page's token, answers sealed under a key
only the browser holds."""
from __future__ import annotations

from core import staging, storage
from core.crypto import new_key
from tests.gratifikasi.test_views import PNG

KIND = "draf-uji"


def _clean():
    return storage.inspect_upload(PNG, "bukti.png", max_bytes=10_000_000)


def test_a_list_under_a_token_is_read_back_and_forgotten(app_ctx):
    token = staging.new_token()
    staged = staging.stage(KIND, [_clean()])
    staging.keep(KIND, token, staged)
    assert staging.kept(KIND, token) == staged
    assert [c.original_name for c in staging.load(KIND, staging.kept(KIND, token))] == ["bukti.png"]
    assert staging.kept(KIND, staging.new_token()) == []  # another token: nothing
    staging.seal(KIND, token, new_key(), [("nama", "Andi")])
    staging.forget(KIND, token)
    assert list(staging.folder(KIND).iterdir()) == []


def test_bad_tokens_and_forged_names_reach_nothing(app_ctx):
    for bad in (None, "", "../../etc/passwd", "pendek", "x" * 65, "a/" * 20):
        assert staging.kept(KIND, bad) == [] and staging.unseal(KIND, bad, new_key()) is None
        staging.forget(KIND, bad)  # no error, nothing removed
    token = staging.new_token()
    staging.keep(KIND, token, [{"nama": "../../config.py", "asli": "x"}, {"nama": "0" * 32, "asli": "hilang"}])
    assert staging.kept(KIND, token) == []  # a name store_bytes never made, and a file that is not there


def test_sealed_answers_open_only_with_their_key_and_token(app_ctx):
    token, key = staging.new_token(), new_key()
    staging.seal(KIND, token, key, [("pelapor_nama", "Andi Saputra"), ("nilai", "1.500.000")])
    assert staging.unseal(KIND, token, key) == [("pelapor_nama", "Andi Saputra"), ("nilai", "1.500.000")]
    assert staging.unseal(KIND, token, new_key()) is None  # another browser's key
    assert staging.unseal(KIND, token, b"pendek") is None
    [sealed] = staging.folder(KIND).iterdir()
    assert b"Andi" not in sealed.read_bytes() and token not in sealed.name  # the disk alone tells nothing
    other = staging.new_token()  # the same sealed bytes under another token's name do not open
    (staging.folder(KIND) / staging._sealed_name(other)).write_bytes(sealed.read_bytes())
    assert staging.unseal(KIND, other, key) is None
    sealed.write_bytes(sealed.read_bytes()[:-1] + b"\x00")  # tampered
    assert staging.unseal(KIND, token, key) is None
