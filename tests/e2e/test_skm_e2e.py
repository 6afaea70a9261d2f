"""A citizen answers the survey on a 360 px phone and sees the published result change."""
from playwright.sync_api import expect

from core.extensions import db
from tests.skm.conftest import buat_survei


def test_answer_survey_on_phone_and_results_update(app, page, live_server):
    with app.app_context():
        _, periode = buat_survei()
        periode_id = periode.id
        db.session.remove()
    results = f"{live_server}/survei/hasil/{periode_id}?layanan=kb-konseling"
    page.goto(results)
    expect(page.locator("#belum-ada-data")).to_contain_text("Belum ada data")
    expect(page.locator("#responden")).to_have_text("0")

    page.goto(live_server + "/survei/")
    page.get_by_role("link", name="Konseling KB").click()
    expect(page.get_by_role("heading", name="Survei Kepuasan Masyarakat")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth > window.innerWidth") is False
    # submitting with nothing chosen keeps the page and says what is missing
    page.get_by_role("button", name="Kirim penilaian").click()
    expect(page.get_by_text("Ada isian yang belum benar.")).to_be_visible()
    for i in range(1, 10):
        group = page.locator(f"#q-U{i}")
        label = "Gratis" if i == 4 else None
        if label:
            group.get_by_label(label).check()
        else:
            group.locator("input[value='4']").check()
    page.get_by_label("Perempuan").check()
    page.get_by_label("Usia (tahun)").fill("29")
    page.get_by_label("Pendidikan terakhir").select_option("D4-S1")
    page.get_by_label("Pekerjaan").select_option("WIRAUSAHA")
    page.get_by_role("textbox", name="Saran dan masukan").fill("Sudah baik, pertahankan.")
    page.get_by_role("button", name="Kirim penilaian").click()
    expect(page.get_by_role("heading", name="Terima kasih")).to_be_visible()

    page.goto(results)
    expect(page.locator("#responden")).to_have_text("1")
    expect(page.locator("#ikm")).to_have_text("100,00")
    expect(page.get_by_text("Mutu A · Sangat Baik")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth > window.innerWidth") is False
