import pytest

from core.terbilang import jumlah_berkas, terbilang


@pytest.mark.parametrize("n, words", [
    (0, "nol"), (1, "satu"), (10, "sepuluh"), (11, "sebelas"), (12, "dua belas"), (19, "sembilan belas"),
    (20, "dua puluh"), (21, "dua puluh satu"), (99, "sembilan puluh sembilan"), (100, "seratus"),
    (101, "seratus satu"), (111, "seratus sebelas"), (250, "dua ratus lima puluh"), (1000, "seribu"),
    (1100, "seribu seratus"), (2024, "dua ribu dua puluh empat"), (11_000, "sebelas ribu"),
    (100_000, "seratus ribu"), (1_000_000, "satu juta"), (2_000_001, "dua juta satu"),
    (1_500_000_000, "satu miliar lima ratus juta"), (3 * 10**12, "tiga triliun"),
])
def test_terbilang(n, words):
    assert terbilang(n) == words


def test_lampiran_gives_figures_and_words_for_any_count():
    assert jumlah_berkas(12) == "12 (dua belas) berkas"
    assert jumlah_berkas(1) == "1 (satu) berkas"
    assert jumlah_berkas(0) == "-"
