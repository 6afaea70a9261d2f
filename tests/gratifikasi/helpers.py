"""Shared builders for the gratifikasi tests."""
from __future__ import annotations

import re
from datetime import date

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
