"""The public complaint form in English with ?lang=en, in Indonesian without it."""


def test_complaint_form_in_english_and_indonesian(client):
    en = client.get("/pengaduan/?lang=en").get_data(as_text=True)
    assert "Privacy notice" in en
    assert "Short title" in en
    assert "Review before sending" in en
    assert "Pemberitahuan privasi" not in en

    id_ = client.application.test_client().get("/pengaduan/").get_data(as_text=True)  # a new visitor
    assert "Pemberitahuan privasi" in id_
    assert "Judul singkat" in id_
    assert "Periksa kiriman" in id_
    assert "Privacy notice" not in id_
