"""The officers' tables on a 360 px phone: each row is a card whose lines are labelled with their column, so no
cell is squeezed into a column a few pixels wide (words broken letter by letter) and nothing scrolls sideways."""
import pytest
from playwright.sync_api import expect

from core.extensions import db
from core.uow import unit_of_work
from core.workdays import local_today
from gratifikasi import service as gratifikasi
from pengaduan import service as pengaduan
from tests.e2e.conftest import log_in
from tests.factories import make_unit, make_user
from tests.gratifikasi.helpers import laporan_input
from tests.pengaduan.helpers import data
from tests.wbs.helpers import submit as wbs_submit
from tests.zi import helpers as zi_helpers
from zi import catalogue

pytestmark = pytest.mark.usefixtures("team")  # the WBS channel is open, so a WBS report can be filed

NARROWEST_CELL = 80  # px: a cell narrower than this breaks an ordinary word letter by letter

# every cell of a table on the page that shows something: its label, text, width, and on how many lines its
# text is laid out (a short figure such as "3,00" may sit in a narrow column: it stays on one line)
CELLS = """() => [...document.querySelectorAll('table td')].filter(td => td.offsetParent !== null
  && td.innerText.trim()).map(td => {
    const range = document.createRange(); range.selectNodeContents(td);
    const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
    return [td.dataset.label || '', td.innerText.trim().slice(0, 40), td.getBoundingClientRect().width, lines.size];
  })"""


def _seed(app) -> tuple[str, str, int]:
    today = local_today()
    with app.app_context():
        user, secret = make_user(["admin", "petugas_pengaduan", "upg", "pengelola_skm", "tim_wbs"])
        with unit_of_work():
            unit = make_unit("KB", "Bidang Keluarga Berencana dan Kesehatan Reproduksi")
            for judul in ("Antrean layanan KB implan terlalu lama di klinik pratama", "Informasi jadwal pelatihan"):
                p, _ = pengaduan.submit(data(judul=judul), kanal="web")
            pengaduan.verifikasi(p, user, "normatif")
            pengaduan.disposisi(p, user, unit.id)
            gratifikasi.submit(laporan_input(tanggal_terima=today), today=today)
            periode = zi_helpers.skm_periode("Triwulan I", today.replace(day=1), today)
            catalogue.load(today.year)
            periode_id = periode.id
        wbs_submit()
        email = user.email
        db.session.remove()
    return email, secret, periode_id


def test_officer_tables_are_cards_on_a_phone(app, page, live_server):
    email, secret, periode_id = _seed(app)
    log_in(page, live_server, email, secret)
    pages = ["/admin/pengaduan", "/admin/pengaduan/buku-agenda", "/admin/gratifikasi", "/admin/wbs/", "/admin/skm/",
             f"/admin/skm/hasil/{periode_id}", "/admin/skm/kuesioner", "/admin/skm/tindak-lanjut", "/admin/zi/",
             "/admin/zi/bukti"]
    narrow, wide, seen = [], [], {}
    for url in pages:
        resp = page.goto(live_server + url)
        assert resp.status == 200, url
        page.wait_for_load_state("load")  # the stylesheet applied, or the widths measured are the unstyled ones
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            wide.append(url)
        cells = page.evaluate(CELLS)
        seen[url] = len(cells)
        narrow += [(url, label, text, round(width), lines) for label, text, width, lines in cells
                   if width < NARROWEST_CELL and lines > 1]
    assert wide == [] and narrow == [], narrow
    # the tables were there (and labelled): the complaint queue shows its rows as labelled lines
    assert all(seen[u] for u in pages if u != "/admin/zi/bukti"), seen
    page.goto(live_server + "/admin/pengaduan")
    status = page.locator("td[data-label='Status']").first
    assert page.evaluate("el => getComputedStyle(el, '::before').content", status.element_handle()) == '"Status: "'
    expect(page.locator("table thead").first).to_be_hidden()
    # on a wide screen it is a table again
    page.set_viewport_size({"width": 1024, "height": 780})
    expect(page.locator("table thead").first).to_be_visible()
