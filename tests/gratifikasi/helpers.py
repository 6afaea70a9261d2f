"""Shared builders for the gratifikasi tests."""
from __future__ import annotations

import re
from datetime import date, timedelta
from html.parser import HTMLParser

from core.workdays import local_today
from gratifikasi.service import LaporanInput

NIP = "198501012010011001"  # born 1 Jan 1985, TMT January 2010


def laporan_input(**over) -> LaporanInput:
    fields = dict(
        jenis="penerimaan", pelapor_nama="Andi Saputra", identitas_jenis="NIP", identitas_nomor=NIP,
        pelapor_jabatan="Penyuluh KB Ahli Muda", pelapor_pangkat="Penata / III c", unit_nama="Bidang KB",
        pelapor_telepon="0812 3456 7890", pelapor_email="andi@example.go.id", pelapor_alamat="Jl. Merdeka 1, Palembang",
        pemberi_nama="PT Sumber Rejeki", pemberi_hubungan="rekanan", pemberi_pekerjaan="Direktur",
        pemberi_alamat="Jl. Sudirman 9", tempat_terima="Kantor", tanggal_terima=date(2026, 11, 20),
        acara="hari_raya", bentuk="barang", uraian="Parsel berisi makanan", nilai="Rp1.500.000", nilai_taksiran=True,
        kronologi="Parsel diantar kurir ke meja saya.", posisi_objek="diserahkan_upg")
    fields.update(over)
    return LaporanInput(**fields)


def form_data(html: str, **over) -> dict:
    """The hidden fields of the report form plus a valid report; `over` replaces fields."""
    from tests.conftest import csrf_from

    idem = re.search(r'name="idem" type="hidden" value="([^"]*)"', html) or \
        re.search(r'id="idem" name="idem" type="hidden" value="([^"]*)"', html)
    data = {"csrf_token": csrf_from(html), "idem": idem.group(1) if idem else "", "jenis": "penerimaan",
            "pelapor_nama": "Andi Saputra", "identitas_jenis": "NIP", "identitas_nomor": NIP,
            "pelapor_jabatan": "Penyuluh", "unit_id": "0", "unit_nama": "Bidang KB", "pelapor_telepon": "081234567890",
            "pelapor_email": "", "pelapor_alamat": "Palembang", "pemberi_nama": "PT Sumber Rejeki",
            "pemberi_hubungan": "rekanan", "pemberi_pekerjaan": "Direktur", "pemberi_alamat": "", "tempat_terima": "Kantor",
            "tanggal_terima": "2026-11-20", "acara": "hari_raya", "acara_keterangan": "", "bentuk": "barang",
            "uraian": "Parsel", "nilai": "1.500.000,00", "kronologi": "Diantar kurir.", "posisi_objek": "diserahkan_upg",
            "website": ""}
    data.update(over)
    return data


def post_multipart(client, url: str, data: dict, **kwargs):
    """POST multipart built in memory: the test client's own encoder leaves a temp file open for big bodies."""
    from werkzeug.datastructures import FileStorage
    from werkzeug.test import encode_multipart

    values = {k: FileStorage(stream=v[0], filename=v[1], content_type="application/octet-stream")
              if isinstance(v, tuple) else v for k, v in data.items()}
    boundary, body = encode_multipart(values)
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}", **kwargs)


def track(client, nomor: str, kode: str) -> str:
    """Track a report with its number and code; the status page it opens (the session keeps only the number)."""
    from tests.conftest import csrf_from

    page = client.get("/gratifikasi/lacak").get_data(as_text=True)
    return client.post("/gratifikasi/lacak", data={"nomor": nomor, "kode": kode, "csrf_token": csrf_from(page)},
                       follow_redirects=True).get_data(as_text=True)


# --- the report form a step at a time (gratifikasi.langkah), walked as a browser does -----------------

STEP_URL = "/gratifikasi/lapor/langkah"


class _Form(HTMLParser):
    """What a browser would post from the page's form: its action, and each field's current value."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.action, self.values, self._select, self._textarea, self._first = None, {}, None, None, {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and self.action is None:
            self.action = a.get("action")
        elif tag == "input" and a.get("name") and a.get("type") not in ("submit", "file"):
            if a.get("type") in ("radio", "checkbox"):
                if "checked" in a:
                    self.values[a["name"]] = a.get("value", "y")
            else:
                self.values[a["name"]] = a.get("value") or ""
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select:
            self._first.setdefault(self._select, a.get("value", ""))
            if "selected" in a:
                self.values[self._select] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self.values[self._textarea] = ""

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self.values.setdefault(self._select, self._first.get(self._select, ""))
            self._select = None
        elif tag == "textarea":
            self.values[self._textarea] = re.sub(r"^\r?\n", "", self.values[self._textarea])
            self._textarea = None


def fields(html: str) -> dict:
    parser = _Form()
    parser.feed(html)
    return parser.values


def step_of(html: str) -> str | None:
    m = re.search(r'name="langkah" value="([a-z]+)"', html)
    return m.group(1) if m else None


def press(client, html: str, aksi: str = "lanjut", url: str = STEP_URL, **answers):
    """Fill in `answers` on the page and press the button whose value is `aksi`."""
    data = {**fields(html), **answers, "aksi": aksi}
    data = {k: v for k, v in data.items() if v is not None}
    resp = post_multipart(client, url, data, follow_redirects=True)  # a step done: its next page by GET
    assert resp.status_code == 200, resp.status_code
    assert resp.headers["Cache-Control"] == "no-store"  # pages with the answers are never kept by a cache
    return resp.get_data(as_text=True)


RECEIVED = (local_today() - timedelta(days=2)).isoformat()
PENERIMAAN = {
    "jenis": {"jenis": "penerimaan"},
    "identitas": {"pelapor_nama": "Andi Saputra", "identitas_jenis": "NIP", "identitas_nomor": NIP},
    "pekerjaan": {"pelapor_jabatan": "Penyuluh KB", "unit_nama": "Bidang KB"},
    "kontak": {"pelapor_telepon": "081234567890", "pelapor_alamat": "Jl. Merdeka 1, Palembang"},
    "pemberi": {"pemberi_nama": "PT Sumber Rejeki", "pemberi_hubungan": "rekanan"},
    "waktu": {"tanggal_terima": RECEIVED, "tempat_terima": "Kantor", "acara": "hari_raya"},
    "pemberian": {"bentuk": "barang", "uraian": "Parsel berisi makanan", "nilai": "1.500.000"},
    "kronologi": {"kronologi": "Parsel diantar kurir ke meja saya.", "posisi_objek": "diserahkan_upg"},
    "lampiran": {},
}


def walk(client, answers: dict, files: dict | None = None, until: str | None = None) -> str:
    """From the first page to the check page (or to the step `until`), answering each step; returns that page."""
    html = client.get("/gratifikasi/lapor").get_data(as_text=True)
    for name, given in answers.items():
        assert step_of(html) == name, (step_of(html), name)
        if name == until:
            return html
        extra = (files or {}).get(name, {})
        html = press(client, html, **given, **extra)
    assert 'value="kirim"' in html  # the check page, with its send button
    return html
