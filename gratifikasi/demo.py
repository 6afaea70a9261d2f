"""Demo data for `flask demo seed`: a few reports in different states and one campaign activity."""
from __future__ import annotations

from datetime import timedelta

from core.calendar import add_workdays
from core.models import Unit, User
from core.workdays import local_today
from gratifikasi import service
from gratifikasi.service import LaporanInput


def seed_demo(units: dict[str, Unit]) -> None:
    from sqlalchemy import select

    from core.extensions import db

    today = local_today()
    upg = db.session.scalar(select(User).where(User.email == "upg@demo.zilapor.id"))
    base = dict(identitas_jenis="NIP", pelapor_telepon="081234567890", pelapor_alamat="Jl. Merdeka No. 1, Palembang",
                pemberi_hubungan="rekanan", pemberi_pekerjaan="Direktur CV Contoh", tempat_terima="Kantor",
                acara="hari_raya", bentuk="barang", uraian="Parsel makanan", kronologi="Diantar ke kantor oleh kurir.",
                posisi_objek="diserahkan_upg", nilai_taksiran=True)
    examples = [
        ("Andi Saputra", "198501012010011001", "KB", 2, "1.750.000"),
        ("Sari Wulandari", "199003152015032002", "KS", 9, "Rp2.500.000"),
        ("Budi Hartono", "198712122012121003", "ADPIN", 25, "600.000"),
    ]
    made = []
    for nama, nip, unit, hk_ago, nilai in examples:
        received = today - timedelta(days=1)
        while add_workdays(received, hk_ago) > today:
            received -= timedelta(days=1)
        lap, _ = service.submit(LaporanInput(jenis="penerimaan", pelapor_nama=nama, identitas_nomor=nip,
                                             pelapor_jabatan="Penyuluh KB", unit_id=units[unit].id,
                                             pemberi_nama="CV Contoh Sejahtera", tanggal_terima=received,
                                             nilai=nilai, **base), kanal="petugas", petugas=upg)
        made.append(lap)
    # a refusal, reported for the record (no deadline, its own letter to KPK)
    refused = {**base, "posisi_objek": "", "kronologi": "Parsel saya kembalikan kepada kurir di lobi kantor."}
    made.append(service.submit(LaporanInput(jenis="penolakan", pelapor_nama="Rina Marlina",
                                            identitas_nomor="199107072018012005", pelapor_jabatan="Penyuluh KB",
                                            unit_id=units["KB"].id, pemberi_nama="CV Contoh Sejahtera",
                                            tanggal_terima=today, nilai="500.000", **refused),
                               kanal="petugas", petugas=upg)[0])
    service.submit(LaporanInput(jenis="nihil", pelapor_nama="Dewi Lestari", identitas_nomor="199205052019032004",
                                pelapor_jabatan="Analis SDM", unit_id=units["SEKR"].id, pelapor_telepon="081298765432",
                                pelapor_alamat="Palembang", periode_awal=today.replace(month=1, day=1),
                                periode_akhir=today), kanal="petugas")
    db.session.flush()
    if upg is not None:
        service.verifikasi(made[0], upg, "Lengkap.")
        # forwarded to KPK, which asked for completion (20 HK), answered the same day
        service.verifikasi(made[1], upg, "Lengkap.")
        service.teruskan_kpk(made[1], upg, tanggal=today, cara="gol", nomor_registrasi="GOL-DEMO-0001")
        service.kpk_minta_lengkapi(made[1], upg, tanggal=today, catatan="Foto parsel dan bukti penyerahan kepada UPG")
        service.kpk_dilengkapi(made[1], upg, tanggal=today, catatan="Foto dikirim melalui GOL.")
        service.verifikasi(made[3], upg, "Lengkap.")
        service.catat_kampanye(service.KampanyeInput(tanggal=today, media="sosialisasi",
                                                     judul="Sosialisasi pengendalian gratifikasi bagi pegawai",
                                                     uraian="Materi batas nilai PerKPK 1/2026.", peserta=45), [], upg)
