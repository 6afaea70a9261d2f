"""The WBS explanation page in English (?lang=en) and, by default, in Indonesian."""


def test_explanation_page_in_english(client):
    html = client.get("/wbs/?lang=en").get_data(as_text=True)
    for text in ("How your report is protected", "Legal protection for whistleblowers", "How to stay anonymous",
                 "Warning: the content of PDF pages is not cleaned."):
        assert text in html, text
    # the laws and the agency keep their Indonesian names
    for name in ("UU Nomor 31 Tahun 2014", "Pasal 10", "LPSK", "PP Nomor 43 Tahun 2018"):
        assert name in html, name
    assert "Cara tetap anonim" not in html


def test_explanation_page_in_indonesian_by_default(client):
    html = client.get("/wbs/").get_data(as_text=True)
    for text in ("Bagaimana laporan Anda dilindungi", "Perlindungan hukum bagi pelapor", "Cara tetap anonim",
                 "Perhatian: isi halaman PDF tidak dibersihkan."):
        assert text in html, text
    assert "How to stay anonymous" not in html
