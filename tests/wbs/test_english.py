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


def test_the_teams_refusals_in_the_page_language(app, login_as):
    """A status change the table refuses, a reason too short, a forward without a destination and a passphrase
    too short read in the officer's language, the statuses inside them too."""
    from tests.conftest import csrf_from
    from tests.wbs.helpers import clean_pdf, officer_client, submit

    officer = officer_client(app, login_as)
    with app.app_context():
        rid, _ = submit(files=[clean_pdf("bukti kuitansi")])

    def status(**fields) -> str:
        page = officer.get(f"/admin/wbs/{rid}").get_data(as_text=True)
        return officer.post(f"/admin/wbs/{rid}/status", data={**fields, "csrf_token": csrf_from(page)}).get_data(
            as_text=True)

    officer.get("/admin/wbs/?lang=en")
    assert "The status «Received» cannot be changed to «Completed»." in status(status="selesai", alasan="Selesai.")
    assert ("Write the reason for the status change (at least 5 characters)."
            in status(status="verifikasi", alasan="ok"))
    officer.get("/admin/wbs/?lang=id")
    assert "Status «Diterima» tidak dapat diubah menjadi «Selesai»." in status(status="selesai", alasan="Selesai.")
    assert "Tuliskan alasan perubahan status (minimal 5 karakter)." in status(status="verifikasi", alasan="ok")
    status(status="verifikasi", alasan="Kami verifikasi.")
    assert "Pilih ke mana laporan diteruskan: Inspektorat, APIP, atau APH." in status(
        status="ditindaklanjuti", alasan="Diteruskan.")
    officer.get("/admin/wbs/?lang=en")
    assert "Choose where the report is forwarded to: the Inspectorate, APIP or APH." in status(
        status="ditindaklanjuti", alasan="Diteruskan.")

    newcomer = login_as("tim_wbs")
    for lang, expected in (("en", "The WBS passphrase must be at least 12 characters long."),
                           ("id", "Frasa sandi WBS minimal 12 karakter.")):
        page = newcomer.get(f"/admin/wbs/kunci/baru?lang={lang}").get_data(as_text=True)
        html = newcomer.post("/admin/wbs/kunci/baru", data={"passphrase": "pendek", "confirm": "pendek",
                                                           "csrf_token": csrf_from(page)}).get_data(as_text=True)
        assert expected in html, lang
