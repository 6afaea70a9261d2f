"""The demo office: the Sumatera Selatan provincial office of Kemendukbangga/BKKBN, from the juknis in shared/seed.

Since the 2024 cabinet the parent body is the Kementerian Kependudukan dan Pembangunan Keluarga/Badan Kependudukan
dan Keluarga Berencana Nasional (DOMAIN §7): its kop names it, then "Perwakilan Provinsi Sumatera Selatan"."""
from __future__ import annotations

from core.accounts import create_user
from core.extensions import db
from core.models import Role, Unit
from core.settings import set_setting

KANTOR = {
    "nama": "Perwakilan Provinsi Sumatera Selatan",
    "nama_singkat": "ZI Lapor Kemendukbangga/BKKBN Sumsel",
    "induk": "Kementerian Kependudukan dan Pembangunan Keluarga/Badan Kependudukan dan Keluarga Berencana Nasional",
    "alamat": "Jl. Jenderal Basuki Rachmat No. 1151, Palembang 30128",
    "telepon": "(0711) 352503",
    "email": "sumsel@bkkbn.go.id",
    "situs": "sumsel.bkkbn.go.id",
    "kota": "Palembang",
    "kepala_nama": "Kepala Perwakilan (contoh)",
    "kepala_jabatan": "Kepala Perwakilan Kemendukbangga/BKKBN Provinsi Sumatera Selatan",
    "kepala_nip": "196801011990031001",
}
# the complaint nota dinas is signed by the Sekretaris (the complaint desk sits in the Sekretariat), with a deputy;
# its tembusan stays the default, the head of office
NOTA_DINAS = {
    "penandatangan_jabatan": "Sekretaris Perwakilan Kemendukbangga/BKKBN Provinsi Sumatera Selatan",
    "penandatangan_nama": "Sekretaris Perwakilan (contoh)",
    "penandatangan_nip": "197203151998032002",
    "plh_nama": "Kepala Subbagian Umum (contoh)",
    "plh_nip": "197805202003121003",
}

# (kode, nama, the name on English pages, the head's title)
UNITS = [
    ("SEKR", "Sekretariat", "Secretariat", "Sekretaris Perwakilan"),
    ("KB", "Bidang Keluarga Berencana dan Kesehatan Reproduksi", "Family Planning and Reproductive Health Division",
     "Kepala Bidang KB-KR"),
    ("KS", "Bidang Keluarga Sejahtera dan Pemberdayaan Keluarga", "Family Welfare and Empowerment Division",
     "Kepala Bidang KSPK"),
    ("DALDUK", "Bidang Pengendalian Penduduk", "Population Control Division", "Kepala Bidang Dalduk"),
    ("ADPIN", "Bidang Advokasi, Penggerakan dan Informasi", "Advocacy, Mobilisation and Information Division",
     "Kepala Bidang Adpin"),
    ("LATBANG", "Bidang Pelatihan dan Pengembangan", "Training and Development Division", "Kepala Bidang Latbang"),
]

OFFICERS = [
    ("admin@demo.zilapor.id", "Admin Sistem", [Role.admin], None, "Pranata Komputer"),
    ("pengaduan@demo.zilapor.id", "Petugas Pengaduan", [Role.petugas_pengaduan], "SEKR", "Pengelola Pengaduan"),
    ("unit@demo.zilapor.id", "PJ Bidang KB-KR", [Role.unit], "KB", "Kepala Bidang KB-KR"),
    ("wbs@demo.zilapor.id", "Anggota Tim WBS", [Role.tim_wbs], "SEKR", "Auditor"),
    ("upg@demo.zilapor.id", "Petugas UPG", [Role.upg], "SEKR", "Sekretaris UPG"),
    ("skm@demo.zilapor.id", "Pengelola SKM", [Role.pengelola_skm], "SEKR", "Analis Kebijakan"),
    ("pimpinan@demo.zilapor.id", "Kepala Perwakilan", [Role.pimpinan], None, "Kepala Perwakilan"),
    ("tpi@demo.zilapor.id", "Tim Penilai Internal", [Role.tpi], None, "Auditor"),
]


def seed_demo(seeders) -> list[str]:
    set_setting("kantor", KANTOR)
    set_setting("nota_dinas", NOTA_DINAS)
    units: dict[str, Unit] = {}
    for i, (kode, nama, nama_en, jabatan) in enumerate(UNITS):
        unit = Unit(kode=kode, nama=nama, nama_en=nama_en, kepala_jabatan=jabatan,
                    kepala_nama=f"Kepala {kode} (contoh)", kepala_nip=f"19700101199503{i + 1:04d}")
        db.session.add(unit)
        units[kode] = unit
    db.session.flush()
    lines = [f"Kantor contoh: {KANTOR['nama']}", "Akun petugas (kata sandi sekali pakai, wajib diganti saat masuk):"]
    for email, nama, roles, unit_kode, jabatan in OFFICERS:
        _, password = create_user(email, nama, roles, unit=units.get(unit_kode), jabatan=jabatan)
        lines.append(f"  {roles[0].label:<40} {email:<28} {password}")
        if Role.unit in roles:  # a unit's account sees only what was disposed to its unit: say which one
            lines.append(f"  {'':<40} unit kerja: {units[unit_kode].nama} ({unit_kode})")
    for seed in seeders:
        lines += seed(units) or []
    return lines
