"""Reach: every public page, in the states a citizen meets (empty, with errors, the confirm step, the
receipt, the status), passes axe-core with no serious or critical violation at 360 px and at desktop width,
works with JavaScript off, and weighs at most 150 KB on its first load, compressed, CSS and fonts included —
the gratifikasi report's later steps too, reached by filling in the ones before.

axe-core comes from the axe-playwright-python package (MIT; it bundles axe-core's axe.min.js, MPL-2.0)."""
from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from core.extensions import db
from core.workdays import local_today
from tests.skm.conftest import buat_survei

BUDGET = 150 * 1024
WIDTHS = {"ponsel": {"width": 360, "height": 780}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture
def site(app, team):
    """A WBS team key (the WBS form is open) and a survey with its period; the survey's short code."""
    with app.app_context():
        layanan, periode = buat_survei()
        found = {"survei": layanan.kode, "periode": periode.id}
        db.session.remove()
    return found


def tour(page, base, site):
    """Walk the public pages as a citizen does, yielding a name at each page reached. Plain links and form
    posts only, so it runs the same with JavaScript off."""
    page.goto(base + "/")
    yield "beranda"

    # complaint: the form, its errors, the confirm step, the receipt, the tracking page and the status
    page.get_by_role("link", name="Pengaduan Masyarakat").click()
    yield "pengaduan"
    page.get_by_role("button", name="Periksa kiriman").click()
    expect(page.locator("#ringkasan-galat")).to_be_visible()
    yield "pengaduan: galat"
    page.get_by_label("Jenis").select_option("pengaduan")
    page.get_by_label("Kategori").select_option("Pelayanan publik")
    page.get_by_label("Judul singkat").fill("Antrean layanan KB terlalu lama")
    page.get_by_label("Uraian: apa yang terjadi?").fill("Saya menunggu tiga jam di klinik tanpa kejelasan jadwal.")
    page.get_by_label("Nama", exact=True).fill("Siti Aminah")
    page.get_by_label("Nomor telepon / WhatsApp").fill("081234567890")
    page.get_by_label("Saya telah membaca pemberitahuan privasi").check()
    page.get_by_role("button", name="Periksa kiriman").click()
    expect(page.get_by_role("heading", name="Periksa sebelum mengirim")).to_be_visible()
    yield "pengaduan: periksa"
    page.get_by_role("button", name="Kirim pengaduan").click()
    expect(page.get_by_role("heading", name="Pengaduan Anda sudah kami terima")).to_be_visible()
    yield "pengaduan: terkirim"
    tiket = page.locator("#tiket").inner_text().strip()
    kode = page.locator("#kode").inner_text().strip()
    page.goto(base + "/pengaduan/lacak")
    yield "pengaduan: lacak"
    page.get_by_label("Nomor tiket").fill(tiket)
    page.get_by_label("Kode pelacakan").fill(kode)
    page.get_by_role("button", name="Lihat status").click()
    expect(page.locator("#status")).to_be_visible()
    yield "pengaduan: status"

    # WBS: the explanation, the form and its errors, the receipt, the mailbox
    page.goto(base + "/wbs/")
    yield "wbs"
    page.get_by_role("link", name="Buat laporan").click()
    yield "wbs: lapor"
    page.get_by_role("button", name="Kirim laporan").click()
    expect(page.locator("#ringkasan-galat")).to_be_visible()
    yield "wbs: lapor galat"
    page.get_by_label("Apa yang terjadi?").fill("Pungutan di loket perizinan")
    page.get_by_label("Jenis pelanggaran").select_option("pungli")
    page.get_by_role("button", name="Kirim laporan").click()
    expect(page.get_by_text("Catat resi ini sekarang.")).to_be_visible()
    yield "wbs: resi"
    resi = page.locator("#resi").inner_text().strip()
    page.goto(base + "/wbs/kotak")
    yield "wbs: kotak"
    page.get_by_label("Resi").fill(resi)
    page.get_by_role("button", name="Buka kotak pesan").click()
    expect(page.get_by_label("Pesan atau jawaban Anda")).to_be_visible()
    yield "wbs: kotak masuk"

    # gratifikasi: the explanation, the helper and its answer, the form and its errors, tracking
    page.goto(base + "/gratifikasi/")
    yield "gratifikasi"
    page.get_by_role("link", name="Apakah saya wajib lapor?").click()
    yield "gratifikasi: wajib lapor"
    page.get_by_label("Acara atau peristiwa pemberian").select_option("hari_raya")
    page.get_by_label("Hubungan Anda dengan pemberi").select_option("rekanan")
    page.get_by_label("Bentuk pemberian").select_option("barang")
    page.get_by_label("Nilai (nominal atau taksiran)").fill("1.750.000")
    page.get_by_role("button", name="Periksa").click()
    yield "gratifikasi: jawaban"
    yield from laporan_gratifikasi(page, base)
    page.goto(base + "/gratifikasi/lacak")
    yield "gratifikasi: lacak"
    page.goto(base + "/gratifikasi/tanda-terima")
    yield "gratifikasi: tanda terima"

    # survey: the list, the questions and their errors, the results
    page.goto(base + "/survei/")
    yield "survei"
    page.goto(f"{base}/survei/{site['survei']}")
    yield "survei: pertanyaan"
    page.get_by_role("button", name="Kirim penilaian").click()
    expect(page.locator("#ringkasan-galat")).to_be_visible()
    yield "survei: galat"
    page.goto(f"{base}/survei/hasil/{site['periode']}")
    yield "survei: hasil"
    page.goto(f"{base}/survei/{site['survei']}/kartu")
    yield "survei: kartu"
    page.goto(base + "/survei/persepsi/ipak")
    yield "survei: persepsi"
    page.get_by_role("button", name="Kirim jawaban").click()
    expect(page.locator("#ringkasan-galat")).to_be_visible()
    yield "survei: persepsi galat"

    page.goto(base + "/transparansi/")
    yield "transparansi"
    page.goto(base + "/tidak-ada-halaman-ini")
    yield "galat 404"
    # a form sent after its session ended (the cookie gone): the expired-form page, what was typed kept
    page.goto(base + "/pengaduan/lacak")
    page.context.clear_cookies()
    page.get_by_label("Nomor tiket").fill("PGD-2026-000001")
    page.get_by_role("button", name="Lihat status").click()
    expect(page.get_by_text("PGD-2026-000001")).to_be_visible()
    yield "galat formulir kedaluwarsa"


def laporan_gratifikasi(page, base):
    """The gratifikasi report one question per page, filled in as an employee does: the first page, a step with
    its errors, each step, the check page, the receipt; then a nihil report to the step only it asks. The later
    pages are drawn from the answers kept for this browser, so they are reached only this way. Yields a name
    at each page reached."""
    page.goto(base + "/gratifikasi/lapor")
    yield "gratifikasi: lapor"
    lanjut = page.get_by_role("button", name="Lanjutkan")
    lanjut.click()
    expect(page.get_by_role("heading", name="Siapa Anda?")).to_be_visible()
    yield "gratifikasi: langkah identitas"
    lanjut.click()
    expect(page.locator("#ringkasan-galat")).to_be_visible()
    yield "gratifikasi: lapor galat"
    _identitas(page)
    lanjut.click()
    yield "gratifikasi: langkah pekerjaan"
    _pekerjaan(page)
    lanjut.click()
    yield "gratifikasi: langkah kontak"
    _kontak(page)
    lanjut.click()
    yield "gratifikasi: langkah pemberi"
    page.get_by_label("Nama pemberi").fill("PT Sumber Rejeki")
    page.get_by_label("Hubungan dengan pemberi").select_option("rekanan")
    lanjut.click()
    yield "gratifikasi: langkah waktu"
    page.get_by_label("Tempat penerimaan").fill("Kantor")
    page.get_by_label("Tanggal penerimaan (atau penolakan)").fill(local_today().isoformat())
    page.get_by_label("Acara atau peristiwa").select_option("hari_raya")
    lanjut.click()
    yield "gratifikasi: langkah pemberian"
    page.get_by_label("Bentuk gratifikasi").select_option("barang")
    page.get_by_label("Uraian objek (jenis, merek, jumlah)").fill("Parsel makanan")
    page.get_by_label("Nilai dalam rupiah").fill("1.750.000")
    lanjut.click()
    yield "gratifikasi: langkah kronologi"
    page.get_by_label("Kronologi (bagaimana pemberian terjadi)").fill("Diantar kurir ke meja saya.")
    page.get_by_label("Keberadaan objek saat ini").select_option("diserahkan_upg")
    lanjut.click()
    yield "gratifikasi: langkah bukti"
    lanjut.click()
    expect(page.get_by_role("heading", name="Periksa laporan Anda")).to_be_visible()
    yield "gratifikasi: periksa"
    page.get_by_role("button", name="Kirim laporan").click()
    expect(page.get_by_role("heading", name="Laporan gratifikasi diterima")).to_be_visible()
    yield "gratifikasi: terkirim"
    # a nihil report (a new one): the reporter's steps again, then its period; left unsent
    page.goto(base + "/gratifikasi/lapor")
    yield "gratifikasi nihil: lapor"
    page.get_by_label("Laporan nihil (tidak menerima gratifikasi)").check()
    for i, (nama, isi) in enumerate((("identitas", _identitas), ("pekerjaan", _pekerjaan), ("kontak", _kontak)), 2):
        lanjut.click()
        expect(page.get_by_text(f"Langkah {i} dari 5")).to_be_visible()
        yield f"gratifikasi nihil: langkah {nama}"
        isi(page)
    lanjut.click()
    expect(page.get_by_role("heading", name="Laporan nihil ini untuk periode apa?")).to_be_visible()
    yield "gratifikasi nihil: langkah periode"


def _identitas(page) -> None:
    page.get_by_label("Nama lengkap").fill("Andi Saputra")
    page.get_by_label("NIP / NIK").fill("198501012010011001")


def _pekerjaan(page) -> None:
    page.get_by_label("Jabatan", exact=True).fill("Penyuluh KB")
    if page.get_by_label("Unit kerja (bila tidak ada di daftar)").count():
        page.get_by_label("Unit kerja (bila tidak ada di daftar)").fill("Bidang KB")
    else:
        page.get_by_label("Unit kerja", exact=True).select_option(index=1)


def _kontak(page) -> None:
    page.get_by_label("Nomor telepon/WA").fill("081234567890")
    page.get_by_label("Alamat", exact=True).fill("Jl. Merdeka 1, Palembang")


def _serious(results) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]} {v['nodes'][0]['failureSummary'][:300]}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("width", WIDTHS)
def test_public_pages_pass_axe(browser, live_server, site, width):
    context = browser.new_context(viewport=WIDTHS[width], locale="id-ID")
    page = context.new_page()
    axe = Axe()
    found, seen = {}, []
    for name in tour(page, live_server, site):
        seen.append(name)
        bad = _problems(axe, page)
        if bad:
            found[name] = bad
    context.close()
    assert len(seen) >= 25
    assert not found, "\n".join(f"{name}: {bad}" for name, bad in found.items())


def _problems(axe, page) -> list[str]:
    """axe-core's serious and critical findings, and the error summary's links that lead to no field."""
    links = page.locator("#ringkasan-galat a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    return _serious(axe.run(page)) + [f"summary link to nothing: {h}" for h in links if page.locator(h).count() != 1]


@pytest.mark.parametrize("width", WIDTHS)
def test_gratifikasi_corrections_page_passes_axe(browser, live_server, site, width):
    """The report sent from the check page wrong on two steps (the answers it carries changed under it, as a
    one-page client could post them): the page that asks both again passes axe, its summary leads to each."""
    context = browser.new_context(viewport=WIDTHS[width], locale="id-ID")
    page = context.new_page()
    for name in laporan_gratifikasi(page, live_server):
        if name == "gratifikasi: periksa":
            break
    page.locator("input[type=hidden][name=identitas_nomor]").evaluate("e => e.value = '1985'")
    page.locator("input[type=hidden][name=pelapor_telepon]").evaluate("e => e.value = 'telepon saya'")
    page.get_by_role("button", name="Kirim laporan").click()
    expect(page.get_by_role("heading", name="Perbaiki jawaban Anda")).to_be_visible()
    assert _problems(Axe(), page) == []
    summary = page.locator("#ringkasan-galat")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name="Nomor telepon/WA").click()
    expect(page.get_by_label("Nomor telepon/WA")).to_be_focused()
    page.get_by_label("Nomor telepon/WA").fill("081234567890")
    page.get_by_label("NIP / NIK").fill("198501012010011001")
    page.get_by_role("button", name="Lanjutkan").click()
    expect(page.get_by_role("heading", name="Periksa laporan Anda")).to_be_visible()
    context.close()


def test_public_pages_work_without_javascript(browser, live_server, site):
    """The whole tour, forms posted included, with JavaScript off: every step reaches its page."""
    context = browser.new_context(viewport=WIDTHS["ponsel"], locale="id-ID", java_script_enabled=False)
    page = context.new_page()
    seen = [name for name in tour(page, live_server, site)]
    assert "galat formulir kedaluwarsa" in seen and "wbs: kotak masuk" in seen
    page.set_content("<p id='x'>mati</p><script>document.getElementById('x').textContent = 'hidup'</script>")
    assert page.locator("#x").inner_text() == "mati"  # JavaScript was off indeed
    context.close()


def _on_the_wire(page) -> list:
    """The requests `page` makes from now on, as they finish (read by _weight)."""
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    return finished


def _weight(page, finished: list) -> tuple[int, list]:
    """Bytes on the wire for the page just reached, once it has loaded: each response's headers and its body
    as sent (compressed); `finished` is emptied for the next page."""
    page.wait_for_load_state("load")
    sizes = [(r.url, r.sizes()) for r in finished]
    finished.clear()
    assert any(re.search(r"\.css\b", u) for u, _ in sizes), page.url  # the stylesheets were counted
    return sum(s["responseBodySize"] + s["responseHeadersSize"] for _, s in sizes), sizes


def _first_load(browser, url: str) -> tuple[int, list]:
    """A first visit (a fresh context, nothing cached)."""
    context = browser.new_context(viewport=WIDTHS["ponsel"], locale="id-ID")
    page = context.new_page()
    finished = _on_the_wire(page)
    page.goto(url, wait_until="load")
    found = _weight(page, finished)
    context.close()
    return found


def test_public_pages_first_load_within_budget(browser, live_server, site):
    urls = ["/", "/pengaduan/", "/pengaduan/lacak", "/wbs/", "/wbs/lapor", "/wbs/kotak", "/gratifikasi/",
            "/gratifikasi/wajib-lapor", "/gratifikasi/lapor", "/gratifikasi/lacak", "/survei/",
            "/gratifikasi/tanda-terima", f"/survei/{site['survei']}", f"/survei/hasil/{site['periode']}",
            f"/survei/{site['survei']}/kartu", "/survei/persepsi/ipak", "/transparansi/", "/tidak-ada"]
    weights = {}
    for url in urls:
        weights[url], _sizes = _first_load(browser, live_server + url)
    print("first load, bytes:", weights)  # -s shows them
    heavy = {u: w for u, w in weights.items() if w > BUDGET}
    assert heavy == {}, weights


def test_every_step_of_the_gratifikasi_report_within_budget(browser, live_server, site):
    """Each page of the report as it is reached by filling in the ones before (they need the answers kept for
    this browser), loaded as on a first visit: the browser's cache off, so the stylesheets and fonts come again
    with every page."""
    context = browser.new_context(viewport=WIDTHS["ponsel"], locale="id-ID")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    finished = _on_the_wire(page)
    weights = {name: _weight(page, finished)[0] for name in laporan_gratifikasi(page, live_server)}
    context.close()
    print("first load, bytes:", weights)  # -s shows them
    assert len(weights) >= 17 and "gratifikasi nihil: langkah periode" in weights
    heavy = {u: w for u, w in weights.items() if w > BUDGET}
    assert heavy == {}, weights


def test_error_summary_takes_the_focus_and_leads_to_each_field(page, live_server, site):
    page.goto(live_server + "/pengaduan/")
    page.get_by_label("Judul singkat").fill("Antrean layanan KB terlalu lama")
    page.get_by_role("button", name="Periksa kiriman").click()
    summary = page.locator("#ringkasan-galat")
    expect(summary).to_be_focused()  # a keyboard or screen-reader user starts at the summary
    expect(page.get_by_label("Judul singkat")).to_have_value("Antrean layanan KB terlalu lama")  # kept
    summary.get_by_role("link", name="Uraian: apa yang terjadi?").click()
    expect(page.get_by_label("Uraian: apa yang terjadi?")).to_be_focused()

    page.goto(f"{live_server}/survei/{site['survei']}")
    page.locator("#q-U2 input[value='3']").check()
    page.get_by_role("button", name="Kirim penilaian").click()
    expect(summary).to_be_focused()
    expect(page.locator("#q-U2 input[value='3']")).to_be_checked()  # the answer given stays
    hrefs = summary.get_by_role("link").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs[:2] == ["#U1-0", "#U3-0"] and "#U2-0" not in hrefs  # in the page's order, answered ones out
    assert all(page.locator(h).count() == 1 for h in hrefs), hrefs
    summary.get_by_role("link").first.click()
    expect(page.locator("#U1-0")).to_be_focused()  # a radio group: its first choice


def test_back_from_the_confirm_step_loses_nothing(page, live_server, site):
    page.goto(live_server + "/pengaduan/")
    page.get_by_label("Jenis").select_option("pengaduan")
    page.get_by_label("Kategori").select_option("Pelayanan publik")
    page.get_by_label("Judul singkat").fill("Antrean layanan KB terlalu lama")
    page.get_by_label("Uraian: apa yang terjadi?").fill("Saya menunggu tiga jam di klinik.")
    page.get_by_label("Nama", exact=True).fill("Siti Aminah")
    page.get_by_label("Nomor telepon / WhatsApp").fill("081234567890")
    page.get_by_label("Saya telah membaca pemberitahuan privasi").check()
    page.get_by_role("button", name="Periksa kiriman").click()
    expect(page.get_by_role("heading", name="Periksa sebelum mengirim")).to_be_visible()
    page.go_back()
    expect(page.get_by_label("Judul singkat")).to_have_value("Antrean layanan KB terlalu lama")
    expect(page.get_by_label("Uraian: apa yang terjadi?")).to_have_value("Saya menunggu tiga jam di klinik.")
    expect(page.get_by_label("Nama", exact=True)).to_have_value("Siti Aminah")
    expect(page.get_by_label("Kategori")).to_have_value("Pelayanan publik")


def test_keyboard_starts_at_the_skip_link_and_lands_in_the_content(page, live_server, site):
    for url in ("/", "/pengaduan/", "/wbs/lapor", "/gratifikasi/lapor", f"/survei/{site['survei']}"):
        page.goto(live_server + url)
        page.keyboard.press("Tab")
        expect(page.get_by_role("link", name="Lompat ke isi")).to_be_focused()
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('main')"), url  # past the header, in the page


def test_back_from_the_anonymity_advice_keeps_the_wbs_report(page, live_server, site):
    """The WBS form links to its advice in the middle of writing: coming back, the report is still there."""
    page.goto(live_server + "/wbs/lapor")
    page.get_by_label("Apa yang terjadi?").fill("Pungutan di loket perizinan")
    page.get_by_role("link", name="Baca cara tetap anonim").click()
    expect(page.get_by_role("heading", name="Whistleblowing System (WBS)")).to_be_visible()
    page.go_back()
    expect(page.get_by_label("Apa yang terjadi?")).to_have_value("Pungutan di loket perizinan")


def test_back_through_the_gratifikasi_steps_loses_nothing(page, live_server, site):
    """The browser's Back button and the page's own "Kembali" both find each step as it was last sent."""
    page.goto(live_server + "/gratifikasi/lapor")
    page.get_by_label("Penolakan gratifikasi").check()
    page.get_by_role("button", name="Lanjutkan").click()
    page.get_by_label("Nama lengkap").fill("Andi Saputra")
    page.get_by_label("NIP / NIK").fill("198501012010011001")
    page.get_by_role("button", name="Lanjutkan").click()
    expect(page.get_by_text("Langkah 3 dari 9")).to_be_visible()
    page.get_by_label("Jabatan", exact=True).fill("Penyuluh KB")
    page.go_back()  # the browser's Back: the step before, by GET, no "resend the form?" question
    expect(page.get_by_label("Nama lengkap")).to_have_value("Andi Saputra")
    expect(page.get_by_label("NIP / NIK")).to_have_value("198501012010011001")
    page.go_back()
    expect(page.get_by_label("Penolakan gratifikasi")).to_be_checked()
    page.go_forward()
    page.get_by_role("button", name="Lanjutkan").click()
    page.get_by_label("Jabatan", exact=True).fill("Penyuluh KB")
    page.get_by_role("button", name="Kembali").click()  # the page's own button keeps what was typed too
    expect(page.get_by_label("Nama lengkap")).to_have_value("Andi Saputra")
    page.get_by_role("button", name="Lanjutkan").click()
    expect(page.get_by_label("Jabatan", exact=True)).to_have_value("Penyuluh KB")
