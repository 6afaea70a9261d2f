"""Finding 9: cheap requests that cost a lot. A 9 400 × 9 400 PNG (88 MP, just under Pillow's own 89 MP
limit) was decoded in full; a small XLSX zip bomb was inflated by openpyxl into a gigabyte and a 500; Argon2id
derivations (64 MiB each) and image work were bounded only by the thread count."""
import io
import threading
import time
import zipfile

import pytest
from PIL import Image, ImageFile

from core import crypto, heavy, storage
from core.storage import UploadError, inspect_upload
from skm.berkas import BerkasError, baca
from tests.conftest import csrf_from

MB = 1024 * 1024


def _big_png(width=9400, height=9400) -> bytes:
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, format="PNG")  # one bit per pixel, compresses to a few KB
    return out.getvalue()


@pytest.fixture
def no_decoding(monkeypatch):
    def refuse(self, *a, **kw):
        raise AssertionError("the image was decoded")
    monkeypatch.setattr(ImageFile.ImageFile, "load", refuse)


def test_huge_png_refused_before_decoding(no_decoding):
    data = _big_png()
    assert len(data) < MB
    with pytest.raises(UploadError) as err:
        inspect_upload(data, "layar.png", max_bytes=10 * MB)
    message = err.value.message
    assert "«layar.png»" in message and "terlalu besar dimensinya" in message and "25 megapiksel" in message


def test_our_check_holds_without_pillows_guard(no_decoding, monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)  # someone turned Pillow's guard off
    with pytest.raises(UploadError) as err:
        inspect_upload(_big_png(), "layar.png", max_bytes=10 * MB)
    assert "25 megapiksel" in err.value.message


def test_pillow_limit_matches_ours():
    assert Image.MAX_IMAGE_PIXELS == storage.MAX_PIXELS <= 25_000_000


def test_huge_png_on_the_public_form_is_a_form_error(client, no_decoding):
    page = client.get("/pengaduan/")
    fields = {"csrf_token": csrf_from(page.get_data(as_text=True)), "langkah": "periksa", "jenis": "pengaduan",
              "kategori": "Pelayanan publik", "judul": "Antrean layanan lama",
              "uraian": "Saya menunggu tiga jam tanpa kejelasan.", "nama": "Budi Santoso",
              "telepon": "081234567890", "setuju": "y", "website": "",
              "lampiran": [(io.BytesIO(_big_png()), "foto.png")]}
    resp = client.post("/pengaduan/", data=fields, content_type="multipart/form-data")
    assert resp.status_code == 422 and "25 megapiksel" in resp.get_data(as_text=True)


def _xlsx_bomb(padding_mb: int = 120) -> bytes:
    """An XLSX whose worksheet inflates to `padding_mb` MB (an XML comment: cheap for the old code to parse)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml",
                    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                    '<Default Extension="xml" ContentType="application/xml"/>'
                    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                    'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType='
                    '"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
        zf.writestr("_rels/.rels",
                    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
                    '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        zf.writestr("xl/workbook.xml",
                    '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                    '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        zf.writestr("xl/_rels/workbook.xml.rels",
                    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
                    '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        with zf.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                        b'2006/main"><sheetData/><!--')
            chunk = b" " * MB
            for _ in range(padding_mb):
                sheet.write(chunk)
            sheet.write(b"--></worksheet>")
    return out.getvalue()


def test_xlsx_zip_bomb_refused_with_a_clear_message():
    data = _xlsx_bomb()
    assert len(data) < MB
    with pytest.raises(BerkasError) as err:
        baca(data, "bom.xlsx")
    assert "terlalu besar setelah dibuka" in err.value.message


def test_xlsx_rows_are_capped_while_reading():
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"])
    ws.append([4] * 9)
    ws.cell(row=1_000_000, column=1, value=4)  # one cell far down: a million rows to a reader that fills gaps
    buf = io.BytesIO()
    wb.save(buf)
    with pytest.raises(BerkasError) as err:
        baca(buf.getvalue(), "panjang.xlsx")
    assert "baris" in err.value.message and "paling banyak" in err.value.message


def test_xlsx_bomb_on_the_import_page_is_a_form_error(app, login_as):
    from tests.skm.conftest import buat_survei

    with app.app_context():
        layanan, periode = (x.id for x in buat_survei())
    officer = login_as("pengelola_skm")
    page = officer.get("/admin/skm/impor").get_data(as_text=True)
    resp = officer.post("/admin/skm/impor", data={"csrf_token": csrf_from(page), "layanan_id": layanan,
                                                  "periode_id": periode,
                                                  "berkas": (io.BytesIO(_xlsx_bomb()), "bom.xlsx")},
                        content_type="multipart/form-data")
    assert resp.status_code == 200 and "terlalu besar setelah dibuka" in resp.get_data(as_text=True)


# --- the bound on heavy work -----------------------------------------------------------------------------

def test_argon2_derivations_are_bounded(monkeypatch):
    running, peak, lock = 0, 0, threading.Lock()

    def slow_hash(**kw):
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.05)
        with lock:
            running -= 1
        return b"k" * 32

    monkeypatch.setattr(crypto, "hash_secret_raw", slow_hash)
    threads = [threading.Thread(target=crypto.derive_key, args=(b"rahasia", b"s" * 16, crypto.KdfParams.cheap()))
               for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert 1 <= peak <= heavy.SLOTS < 8


def test_image_work_shares_the_bound(monkeypatch):
    monkeypatch.setattr(heavy, "WAIT_SECONDS", 0.05)
    png = io.BytesIO()
    Image.new("RGB", (8, 8)).save(png, format="PNG")
    with heavy.holding_all_slots():
        with pytest.raises(heavy.Busy):
            inspect_upload(png.getvalue(), "kecil.png", max_bytes=MB)
    assert inspect_upload(png.getvalue(), "kecil.png", max_bytes=MB).content_type == "image/png"


def test_a_flood_gets_503_with_coba_lagi(app, monkeypatch):
    monkeypatch.setattr(heavy, "WAIT_SECONDS", 0.05)

    @app.get("/uji-berat")
    def berat():
        crypto.derive_key(b"x", b"s" * 16, crypto.KdfParams.cheap())
        return "ok"

    client = app.test_client()
    with heavy.holding_all_slots():
        resp = client.get("/uji-berat")
        api = client.get("/api/v1/uji-tidak-ada")  # other pages keep answering meanwhile
    assert resp.status_code == 503 and "coba lagi" in resp.get_data(as_text=True).lower()
    assert resp.headers.get("Retry-After")
    assert api.status_code == 404
    assert client.get("/uji-berat").status_code == 200
