"""Finding 14: the nota dinas number template took any format spec, so `{seq:>2000000000}` built a 2 GB
string (at once, when the admin saved it: the form renders the template to check it). Only the documented
tokens are accepted; the one spec kept is zero-padding of {seq} (e.g. {seq:03d}), at most 9 digits.

The widths used here stay small, so the test costs nothing even on the code before the fix."""
from datetime import date

import pytest

from core.documents import format_nomor
from tests.conftest import csrf_from


@pytest.mark.parametrize("bad", ["{seq:>5000}", "{seq:010000d}", "{kka:>9}", "{yyyy:^30}", "{mm:x<40}",
                                 "{seq:{kka}}", "{seq:,}", "{seq:03x}"])
def test_format_spec_refused(bad):
    with pytest.raises(ValueError) as err:
        format_nomor(bad, seq=1, kode_jabatan="KPW", kka="PP.01", when=date(2026, 1, 1))
    message = str(err.value)
    assert "tidak boleh" in message and "{seq}" in message


def test_zero_padded_sequence_still_works():
    assert format_nomor("B-{seq:03d}/{kka}/{yyyy}", seq=7, kode_jabatan="X", kka="HM.02",
                        when=date(2026, 1, 1)) == "B-007/HM.02/2026"


def test_admin_cannot_save_a_wide_template(app, login_as):
    admin = login_as("admin")
    page = admin.get("/admin/pengaturan").get_data(as_text=True)
    resp = admin.post("/admin/pengaturan", data={
        "nama": "X", "nama_singkat": "Y", "template_nomor": "{seq:>100000}/{kka}", "kode_jabatan": "KD",
        "kka": "PP", "csrf_token": csrf_from(page)})
    assert resp.status_code == 200  # the form again, not a redirect after saving
    assert "tidak boleh" in resp.get_data(as_text=True)
