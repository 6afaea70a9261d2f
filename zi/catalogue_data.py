"""The ZI catalogue as plain data: the LKE of PermenPANRB 90/2021 (areas, sub-areas and their weights, the
questions with their answer options) joined with the office's juknis (Petunjuk Teknis Pembangunan ZI,
Perwakilan BKKBN Provinsi Sumatera Selatan, 2020: its indicators, sub-indicators, activities and the names
of the *bukti data dukung*).

`zi.catalogue.load(tahun)` copies this into the zi_* tables of a year; from there an administrator edits it.

Conventions
- `juknis`: where the juknis treats the item ("V.c.a)"); `juknis_teks`: the juknis's own wording;
  `kegiatan`: its activities; `bukti`: its *bukti data dukung* names, verbatim (list bullets and the closing
  ";"/"." dropped, the juknis's spelling kept). A bare string is a juknis name; a dict adds a stable `kunci`
  (rules and generated reports look the evidence up by it), the expected `jenis`, a `sumber` other than the
  juknis ("lke": the LKE evidence lists; "issue": asked by the office for what the service produces), and
  `batas` (a policy document whose absence caps the answer at that option).
- Weights: pengungkit 60 (each area half pemenuhan, half reform), hasil 40 (DOMAIN.md §6).
- `ditinjau`: the LKE wording was not found verbatim in the public templates consulted; check before use.
"""
from __future__ import annotations

VERSI = ("PermenPANRB 90/2021 (LKE Pembangunan ZI); Juknis Pembangunan ZI menuju WBK/WBBM "
         "Perwakilan BKKBN Provinsi Sumatera Selatan 2020")

# --- answer option texts that many questions share --------------------------------------------------

TIDAK = "Tidak"


AREAS: list[dict] = [
    # ================================================================================================
    {"kode": "MP", "nama": "Manajemen Perubahan", "jenis": "pengungkit", "bobot": "8", "juknis": "I",
     "sub_area": [
        {"kode": "MP.P1", "komponen": "pemenuhan", "nama": "Penyusunan Tim Kerja", "bobot": "0.5",
         "juknis": "I.a", "pertanyaan": [
            {"kode": "a", "jawaban": "ya_tidak",
             "teks": "Unit kerja telah membentuk tim untuk melakukan pembangunan Zona Integritas",
             "opsi": ["Ya, jika Tim telah dibentuk di dalam unit kerja", TIDAK],
             "juknis": "I.a.a)", "juknis_teks": "Membentuk Tim Kerja WBK/WBBM",
             "kegiatan": ["membuat undangan Pembentukan Tim Kerja WBK/WBBM",
                          "melaksanakan rapat Pembentukan Tim Kerja WBK/WBBM",
                          "Penentuan anggota Tim Kerja WBK/WBBM harus berdedikasi dan mempunyai komitmen melakukan "
                          "perubahan menuju ZI WBK/WBBM",
                          "pengesahan Tim Kerja WBK/WBBM melalui Surat Keputusan Kepala Perwakilan BKKBN Provinsi "
                          "Sumatera Selatan"],
             "bukti": ["Undangan rapat dan Notulensi",
                       "Dokumen Laporan pelaksanaan Pembentukan Tim kerja WBK / WBBM",
                       {"nama": "Dokumen pengesahan Tim melalui SK/ Surat Penugasan", "kunci": "sk_tim_kerja_zi",
                        "jenis": "sk"}]},
            {"kode": "b", "jawaban": "abc",
             "teks": "Penentuan anggota Tim dipilih melalui prosedur/mekanisme yang jelas",
             "opsi": ["Jika dengan prosedur/mekanisme yang jelas dan mewakili seluruh unsur dalam unit kerja",
                      "Jika sebagian menggunakan prosedur yang mewakili sebagian besar unsur dalam unit kerja",
                      "Jika tidak di seleksi"],
             "juknis": "I.a.b)",
             "juknis_teks": "Penentuan anggota Tim selain pimpinan, dipilih melalui prosedur/ mekanisme yang jelas",
             "kegiatan": ["Pimpinan, pejabat, dan pihak terkait melakukan seleksi untuk membentuk Tim kerja",
                          "Seleksi dilakukan dengan mempertimbangkan: Berdedikasi; Komitmen",
                          "Rapat penentuan Tim kerja", "Penetapan Tim kerja"],
             "bukti": ["Berita acara penentuan Tim Kerja", "Notulen rapat",
                       {"nama": "SK Tim Kerja WBK/WBBM", "kunci": "sk_tim_kerja_wbk_wbbm", "jenis": "sk"}]},
        ]},
        {"kode": "MP.P2", "komponen": "pemenuhan", "nama": "Rencana Pembangunan Zona Integritas", "bobot": "1",
         "juknis": "I.c (Dokumen Rencana)", "pertanyaan": [
            {"kode": "a", "jawaban": "ya_tidak",
             "teks": "Terdapat dokumen rencana kerja pembangunan Zona Integritas menuju WBK/WBBM",
             "opsi": ["Ya, jika memiliki rencana kerja pembangunan Zona Integritas", TIDAK],
             "juknis": "I.c.a)",
             "juknis_teks": "Membuat dokumen rencana kerja pembangunan Zona Integritas menuju WBK/WBBM",
             "kegiatan": ["Tiap-tiap penganggung jawab yang ditunjuk agar membuat rencana aksi ZI menuju WBK/WBBM "
                          "(kapan dimulai, berapa lama, target yang akan dicapai)"],
             "bukti": ["undangan, absensi serta foto", "dokumen rencana aksi",
                       "dokumen Laporan kegiatan penyusunan rencana aksi ZI"]},
            {"kode": "b", "jawaban": "abc",
             "teks": "Dalam dokumen pembangunan terdapat target-target prioritas yang relevan dengan tujuan "
                     "pembangunan WBK/WBBM",
             "opsi": ["Jika semua target-target prioritas relevan dengan tujuan pembangunan WBK/WBBM",
                      "Jika sebagian target-target prioritas relevan dengan tujuan pembangunan WBK/WBBM",
                      "Jika tidak ada target-target prioritas yang relevan dengan tujuan pembangunan WBK/WBBM"],
             "juknis": "I.c.b)",
             "juknis_teks": "Dalam dokumen pembangunan ZI Menuju WBK/WBBM harus ada target-target prioritas yang "
                            "relevan dengan tujuan pembangunan ZI Menuju WBK/WBBM",
             "kegiatan": ["tentukan target prioritas yang dirasa mudah diraih atau dicapai di tiap komponen "
                          "perubahan",
                          "penentuan target-target prioritas harus melibatkan seluruh Tim Kerja",
                          "Melaksanakan Evaluasi pada masing-masing Rencana Kerja dan Rencana Aksi yang terlaksana "
                          "maupun tidak",
                          "Membuat SK Kepala tentang Rencana Pembangunan Zona Integritas"],
             "bukti": ["dokumen rencana aksi yang berisi target prioritas",
                       "dokumen laporan pelaksanaan kegiatan penyusunan target prioritas ZI",
                       {"nama": "Keputusan tentang rencana Pembangunan Zona integritas dan target prioritas",
                        "kunci": "sk_rencana_zi", "jenis": "sk"}]},
            {"kode": "c", "jawaban": "abc",
             "teks": "Terdapat mekanisme atau media untuk mensosialisasikan pembangunan WBK/WBBM",
             "opsi": ["Jika telah dilakukan pengelolaan media/aktivitas interaktif yang efektif untuk "
                      "menginformasikan pembangunan ZI kepada internal dan stakeholder secara berkala",
                      "Jika pengelolaan media/aktivitas interaktif dilakukan secara terbatas dan tidak secara "
                      "berkala",
                      "Jika pengelolaan media/aktivitas interaktif belum dilakukan"],
             "juknis": "I.c.c)",
             "juknis_teks": "Proses Pembangunan ZI Menuju WBK/WBBM harus disosialisasikan kepada seluruh personil "
                            "maupun masyarakat agar tujuan utama meraih WBK/WBBM dapat tercapai",
             "kegiatan": ["Sosialisasi kepada pegawai melalui: Pengarahan saat apel pagi, rapat staf secara "
                          "periodik; Pendampingan/pembinaan oleh pusat dan wilayah terkait program, kegiatan dan "
                          "inovasi pembangunan ZI menuju WBK/WBBM; Pemasangan spanduk dan banner di lingkungan kerja",
                          "Sosialisasi kepada masyarakat melalui: Website; Media sosial; Media elektronik/ cetak; "
                          "Pemasangan spanduk dan banner",
                          "Membuat laporan sosialisasi"],
             "bukti": ["capture website, medsos, kliping, foto kegiatan sosialisasi",
                       "undangan kegiatan, daftar hadir dan dokumen laporan sosialisasi"]},
        ]},
        {"kode": "MP.P3", "komponen": "pemenuhan", "nama": "Pemantauan dan Evaluasi Pembangunan WBK/WBBM",
         "bobot": "1", "juknis": "I.c (Pemantauan dan Evaluasi)", "pertanyaan": [
            {"kode": "a", "jawaban": "abcd",
             "teks": "Seluruh kegiatan pembangunan sudah dilaksanakan sesuai dengan rencana",
             "opsi": ["Jika semua kegiatan pembangunan telah dilaksanakan sesuai dengan rencana",
                      "Jika sebagian besar kegiatan pembangunan telah dilaksanakan sesuai dengan rencana",
                      "Jika sebagian kecil kegiatan pembangunan telah dilaksanakan sesuai dengan rencana",
                      "Jika belum ada kegiatan pembangunan yang dilakukan sesuai dengan rencana"],
             "juknis": "I.c.a) (Pemantauan)",
             "juknis_teks": "kegiatan Pembangunan sudah dilaksanakan sesuai dengan rencana",
             "kegiatan": ["pelaksanaan kegiatan harus melibatkan seluruh anggota Tim",
                          "membuat laporan hasil pelaksanaan masing-masing rencana aksi yang telah dilaksanakan",
                          "membuat dokumentasi berupa foto-foto kegiatan"],
             "bukti": ["foto kegiatan pelaksanaan yang menjadi rencana aksi dari setiap anggota tim dalam 6 area "
                       "perubahan"]},
            {"kode": "b", "jawaban": "abcd",
             "teks": "Terdapat monitoring dan evaluasi terhadap pembangunan Zona Integritas",
             "opsi": ["Jika monitoring dan evaluasi melibatkan pimpinan dan dilakukan secara berkala",
                      "Jika monitoring dan evaluasi melibatkan pimpinan tetapi tidak secara berkala",
                      "Jika monitoring dan evaluasi tidak melibatkan pimpinan dan tidak secara berkala",
                      "Jika tidak terdapat monitoring dan evaluasi terhadap pembangunan zona integritas"],
             "juknis": "I.c.b) (Pemantauan)",
             "juknis_teks": "monitoring dan evaluasi terhadap pembangunan Zona Integritas secara berkala",
             "kegiatan": ["melaksanakan rapat monitoring dan evaluasi secara bulanan",
                          "membuat laporan hasil monitoring dan evaluasi bulanan"],
             "bukti": ["undangan, notulen, daftar hadir, foto rapat",
                       {"nama": "dokumen laporan berkala hasil monitoring dan evaluasi secara bulanan",
                        "kunci": "laporan_monev_zi"}]},
            {"kode": "c", "jawaban": "abcd", "teks": "Hasil Monitoring dan Evaluasi telah ditindaklanjuti",
             "opsi": ["Jika semua catatan/rekomendasi hasil monitoring dan evaluasi tim internal atas persiapan dan "
                      "pelaksanaan kegiatan Unit WBK/WBBM telah ditindaklanjuti",
                      "Jika sebagian besar catatan/rekomendasi hasil monitoring dan evaluasi tim internal atas "
                      "persiapan dan pelaksanaan kegiatan Unit WBK/WBBM telah ditindaklanjuti",
                      "Jika sebagian kecil catatan/rekomendasi hasil monitoring dan evaluasi tim internal atas "
                      "persiapan dan pelaksanaan kegiatan Unit WBK/WBBM telah ditindaklanjuti",
                      "Jika catatan/rekomendasi hasil monitoring dan evaluasi tim internal atas persiapan dan "
                      "pelaksanaan kegiatan Unit WBK/WBBM belum ditindaklanjuti"],
             "juknis": "I.c.c) (Pemantauan)", "juknis_teks": "tindak lanjut hasil monitoring dan evaluasi",
             "kegiatan": ["Menyusun laporan tindak lanjut atas laporan monitoring dan evaluasi"],
             "bukti": ["dokumen hasil monitoring dan evaluasi serta rekomendasi yang telah ditindaklanjuti"]},
        ]},
        {"kode": "MP.P4", "komponen": "pemenuhan", "nama": "Perubahan Pola Pikir dan Budaya Kerja", "bobot": "1.5",
         "juknis": "I.d", "pertanyaan": [
            {"kode": "a", "jawaban": "ya_tidak",
             "teks": "Pimpinan berperan sebagai role model dalam pelaksanaan Pembangunan WBK/WBBM",
             "opsi": ["Ya, jika pimpinan menjadi contoh pelaksanaan nilai-nilai organisasi", TIDAK],
             "juknis": "I.d.a)",
             "juknis_teks": "pimpinan (Kepala serta pejabat struktural dibawahnya) harus berperan sebagai role "
                            "model dalam pelaksanaan Pembangunan ZI Menuju WBK/WBBM",
             "kegiatan": ["keteladanan yang ditunjukkan oleh pimpinan akan menjadi panutan bagi bawahannya",
                          "keteladanan mempunyai pengaruh besar dalam pembentukan pribadi seseorang",
                          "keteladanan akan sangat cepat merubah pola pikir bawahan"],
             "bukti": ["dokumentasi kegiatan kerjasama, kegiatan sinergitas, pelayanan dan pengabdian kepada "
                       "masyarakat, press release yang dilakukan oleh pimpinan / pejabat struktural",
                       "Absensi Pimpinan Satuan Kerja dan pejabat struktural",
                       "Foto/dokumentasi pimpinan/pejabat struktural sebagai pembina upacara"]},
            {"kode": "b", "jawaban": "abc", "teks": "Sudah ditetapkan agen perubahan",
             "opsi": ["Jika agen perubahan telah ditetapkan dan berkontribusi terhadap perubahan pada unit kerjanya",
                      "Jika agen perubahan telah ditetapkan namun belum berkontribusi terhadap perubahan pada unit "
                      "kerjanya",
                      "Jika belum terdapat agen perubahan"],
             "juknis": "I.d.b)", "juknis_teks": "agen perubahan harus sudah ditetapkan",
             "kegiatan": ["membuat undangan penetapan agen perubahan", "melaksanakan rapat penetapan agen perubahan",
                          "penentuan agen perubahan harus menjadi contoh bagi pegawai lainnya, memiliki kompetensi, "
                          "memahami tuis, berdedikasi, tidak pernah melakukan tindak pidana serta pelanggaran kode "
                          "etik dan perilaku",
                          "pengesahan agen perubahan"],
             "bukti": ["undangan rapat", "dokumen laporan pelaksanaan penetapan agen perubahan",
                       "rekomendasi hasil Assesment bagian kepegawaian sebagai rekam jejak agen perubahan"]},
            {"kode": "c", "jawaban": "abc",
             "teks": "Telah dibangun budaya kerja dan pola pikir di lingkungan organisasi",
             "opsi": ["Jika telah dilakukan upaya pembangunan budaya kerja dan pola pikir dan mampu mengurangi "
                      "resistensi atas perubahan",
                      "Jika telah dilakukan upaya pembangunan budaya kerja dan pola pikir tapi masih terdapat "
                      "resistensi atas perubahan",
                      "Jika belum terdapat upaya pembangunan budaya kerja dan pola pikir"],
             "juknis": "I.d.c)", "juknis_teks": "budaya kerja dan pola pikir di lingkungan organisasi",
             "kegiatan": ["menerapkan budaya kerja sebagaimana tertuang dalam kode etik dan perilaku",
                          "berikan reward and punishment",
                          "Membuat laporan kegiatan pembangunan budaya kerja dan pola pikir"],
             "bukti": ["dokumen laporan pelaksanaan kegiatan penerapan budaya kerja berikut dokumentasinya",
                       "rekap absensi pegawai", "dokumentasi program reward and punishment"]},
            {"kode": "d", "jawaban": "abcd",
             "teks": "Anggota organisasi terlibat dalam pembangunan Zona Integritas menuju WBK/WBBM",
             "opsi": ["Jika semua anggota terlibat dalam pembangunan Zona Integritas menuju WBK/WBBM dan "
                      "usulan-usulan dari anggota diakomodasikan dalam keputusan",
                      "Jika sebagian besar anggota terlibat dalam pembangunan Zona Integritas menuju WBK/WBBM",
                      "Jika sebagian kecil anggota terlibat dalam pembangunan Zona Integritas menuju WBK/WBBM",
                      "Jika belum ada anggota terlibat dalam pembangunan Zona Integritas menuju WBK/WBBM"],
             "juknis": "I.d.d)", "juknis_teks": "setiap anggota harus terlibat dalam pembangunan ZI Menuju WBK/WBBM",
             "kegiatan": ["penandatanganan pakta integritas kepada seluruh pegawai", "apel pagi",
                          "jum'at olahraga", "Membuat laporan Notulensi kegiatan"],
             "bukti": ["dokumen pakta integritas",
                       "screenshot sebagai dokumentasi hasil foto kegiatan apel pagi dan kegiatan jum'at olahraga",
                       "Dokumentasi Notulensi setiap pelaksanaan kegiatan"]},
        ]},
        {"kode": "MP.R1", "komponen": "reform", "nama": "Komitmen dalam Perubahan", "bobot": "2", "pertanyaan": [
            {"kode": "a", "jawaban": "persen",
             "teks": "Agen perubahan telah membuat perubahan yang konkret di Instansi (dalam 1 tahun)",
             "penjelasan": "Misalkan dengan kebijakan 1 Agen 1 Perubahan. Persentase diperoleh dari Jumlah "
                           "Perubahan yang dibuat dibagi dengan Jumlah Agen Perubahan.",
             "isian": [("1", "Jumlah Agen Perubahan"), ("2", "Jumlah Perubahan yang dibuat")],
             "rumus": {"jenis": "rasio", "pembilang": ["2"], "penyebut": ["1"]}},
            {"kode": "b", "jawaban": "persen",
             "teks": "Perubahan yang dibuat Agen Perubahan telah terintegrasi dalam sistem manajemen",
             "isian": [("1", "Jumlah Perubahan yang dibuat Agen Perubahan"),
                       ("2", "Jumlah Perubahan yang telah diintegrasikan dalam sistem manajemen")],
             "rumus": {"jenis": "rasio", "pembilang": ["2"], "penyebut": ["1"]}},
        ]},
        {"kode": "MP.R2", "komponen": "reform", "nama": "Komitmen Pimpinan", "bobot": "1", "pertanyaan": [
            {"kode": "a", "jawaban": "abcde",
             "teks": "Pimpinan memiliki komitmen terhadap pelaksanaan reformasi birokrasi, dengan adanya target "
                     "capaian reformasi yang jelas di dokumen perencanaan",
             "opsi": ["Target capaian zona integritas sudah ada di dokumen perencanaan unit kerja dan sebagian besar "
                      "(diatas 80%) sudah tercapai",
                      "Target capaian zona integritas sudah ada di dokumen perencanaan unit kerja dan sebagian "
                      "(diatas 50%) sudah tercapai",
                      "Target capaian zona integritas sudah ada di dokumen perencanaan unit kerja dan sebagian kecil "
                      "(dibawah 50%) sudah tercapai",
                      "Target capaian zona integritas sudah ada di dokumen perencanaan unit kerja, namun belum ada "
                      "yang tercapai (masih dalam tahap pembangunan)",
                      "Tidak ada target capaian zona integritas di dokumen perencanaan unit kerja"]},
        ]},
        {"kode": "MP.R3", "komponen": "reform", "nama": "Membangun Budaya Kerja", "bobot": "1", "pertanyaan": [
            {"kode": "a", "jawaban": "abcd",
             "teks": "Instansi membangun budaya kerja positif dan menerapkan nilai-nilai organisasi dalam "
                     "pelaksanaan tugas sehari-hari",
             "opsi": ["Budaya kerja dan nilai-nilai organisasi telah dinternalisasi ke seluruh anggota organisasi, "
                      "dan penerapannya dituangkan dalam standar operasional pelaksanaan kegiatan/tugas",
                      "Budaya kerja dan nilai-nilai organisasi telah dinternalisasi ke seluruh anggota organisasi, "
                      "namun belum dituangkan dalam standar operasional pelaksanaan kegiatan/tugas",
                      "Budaya kerja dan nilai-nilai organisasi telah disusun, namun belum dinternalisasi ke seluruh "
                      "anggota organisasi",
                      "Belum menyusun budaya kerja dan nilai-nilai organisasi"]},
        ]},
    ]},
    # ================================================================================================
    {"kode": "TL", "nama": "Penataan Tatalaksana", "jenis": "pengungkit", "bobot": "7", "juknis": "II",
     "sub_area": [
        {"kode": "TL.P1", "komponen": "pemenuhan", "nama": "Prosedur Operasional Tetap (SOP) Kegiatan Utama",
         "bobot": "1", "juknis": "II.a", "pertanyaan": [
            {"kode": "a", "jawaban": "abcd", "teks": "SOP mengacu pada peta proses bisnis instansi",
             "opsi": ["Jika semua SOP unit telah mengacu peta proses bisnis dan juga melakukan inovasi yang selaras",
                      "Jika semua SOP unit telah mengacu peta proses bisnis",
                      "Jika sebagian SOP unit telah mengacu peta proses bisnis",
                      "Jika belum terdapat SOP unit yang mengacu peta proses bisnis"],
             "juknis": "II.a.a)",
             "juknis_teks": "Prosedur operasional tetap mengacu kepada tugas fungsi di lingkungan Perwakilan BKKBN "
                            "Provinsi Sumatera Selatan",
             "kegiatan": ["Membuat SOP mengacu pada proses bisnis",
                          "Membuat SOP Unit yang merupakan turunan dari SOP yang diterbitkan oleh Pusat",
                          "Membuat SOP Inovasi"],
             "bukti": ["Dokumen peta bisnis",
                       {"nama": "Dokumen SOP yang ditandatangani Kepala Perwakilan", "kunci": "sop_unit",
                        "jenis": "sop"},
                       {"nama": "Dokumen SOP Inovasi yang ditandatangani Kepala Perwakilan", "kunci": "sop_inovasi",
                        "jenis": "sop"}]},
            {"kode": "b", "jawaban": "abcde", "teks": "Prosedur operasional tetap (SOP) telah diterapkan",
             "opsi": ["Jika unit telah menerapkan seluruh SOP yang ditetapkan organisasi dan juga melakukan inovasi "
                      "pada SOP yang diterapkan",
                      "Jika unit telah menerapkan seluruh SOP yang ditetapkan organisasi",
                      "Jika unit telah menerapkan sebagian besar SOP yang ditetapkan organisasi",
                      "Jika unit telah menerapkan sebagian kecil SOP yang ditetapkan organisasi",
                      "Jika unit belum menerapkan SOP yang telah ditetapkan organisasi"],
             "juknis": "II.a.b)", "juknis_teks": "Prosedur operasional telah diterapkan",
             "kegiatan": ["Memastikan pelaksanaan Tugas Pegawai sesuai SOP dengan pemasangan/informasi tentang alur "
                          "atau prosedur layanan"],
             "bukti": ["Capture pemasangan/informasi tentang alur atau prosedur pelayanan", "Foto kegiatan layanan"]},
            {"kode": "c", "jawaban": "abcde", "teks": "Prosedur operasional tetap (SOP) telah dievaluasi",
             "opsi": ["Jika seluruh SOP utama telah dievaluasi dan telah ditindaklanjuti berupa perbaikan SOP atau "
                      "usulan perbaikan SOP",
                      "Jika sebagian besar SOP utama telah dievaluasi dan telah ditindaklanjuti berupa perbaikan SOP "
                      "atau usulan perbaikan SOP",
                      "Jika sebagian besar SOP utama telah dievaluasi tetapi belum ditindaklanjuti",
                      "Jika sebagian kecil SOP utama telah dievaluasi",
                      "Jika SOP belum pernah dievaluasi"],
             "juknis": "II.a.c)", "juknis_teks": "Prosedur operasional Satuan Kerja apakah telah dievaluasi",
             "kegiatan": ["Melaksanakan Evaluasi SOP", "Membuat laporan hasil evaluasi SOP"],
             "bukti": ["Dokumen hasil evaluasi serta tindak lanjutnya"]},
        ]},
        {"kode": "TL.P2", "komponen": "pemenuhan", "nama": "Sistem Pemerintahan Berbasis Elektronik (SPBE)",
         "bobot": "2", "juknis": "II.b (E-Office)", "pertanyaan": [
            {"kode": "a", "jawaban": "abc",
             "teks": "Sistem pengukuran kinerja unit sudah menggunakan teknologi informasi",
             "opsi": ["Jika unit memiliki sistem pengukuran kinerja (e-performance/e-sakip) yang menggunakan "
                      "teknologi informasi dan juga melakukan inovasi",
                      "Jika unit memiliki sistem pengukuran kinerja (e-performance/e-sakip) yang menggunakan "
                      "teknologi informasi",
                      "Jika belum memiliki sistem pengukuran kinerja (e-performance/e-sakip) yang menggunakan "
                      "teknologi informasi"],
             "juknis": "II.b.a) (1)", "juknis_teks": "Sistem pengukuran kinerja Unit",
             "kegiatan": ["sistem pengukuran kinerja dilakukan berbasis sistem informasi"],
             "bukti": ["capture screen shot sistem pengukuran kinerja yang dilaksanakan (screen shot penggunaan "
                       "time stamps absensi online kepegawaian, screen shot sivika pengisian SKP pegawai dan screen "
                       "shot website bkkbn.sumsel.go.id atas pelayanan public"]},
            {"kode": "b", "jawaban": "abc",
             "teks": "Operasionalisasi manajemen SDM sudah menggunakan teknologi informasi", "ditinjau": True,
             "opsi": ["Jika unit memiliki operasionalisasi manajemen SDM yang menggunakan teknologi informasi dan "
                      "juga melakukan inovasi",
                      "Jika unit memiliki operasionalisasi manajemen SDM yang menggunakan teknologi informasi",
                      "Jika operasionalisasi manajemen SDM belum menggunakan teknologi informasi"],
             "juknis": "II.b.a) (2)", "juknis_teks": "sistem pengukuran kinerja kepegawaian berbasis sistem informasi",
             "bukti": ["capture screen shot sistem pengukuran kinerja yang dilaksanakan (screen shot penggunaan "
                       "time stamps absensi online kepegawaian, screen shot sivika pengisian SKP pegawai dan screen "
                       "shot website bkkbn.sumsel.go.id atas pelayanan public"]},
            {"kode": "c", "jawaban": "abc",
             "teks": "Pemberian pelayanan kepada publik sudah menggunakan teknologi informasi",
             "opsi": ["Jika unit memberikan pelayanan kepada publik dengan menggunakan teknologi informasi "
                      "terpusat/unit sendiri dan terdapat inovasi",
                      "Jika unit memberikan pelayanan kepada publik dengan menggunakan teknologi informasi secara "
                      "terpusat",
                      "Jika belum memberikan pelayanan kepada publik dengan menggunakan teknologi informasi"],
             "juknis": "II.b.a) (3)", "juknis_teks": "sistem pengukuran pelayanan publik berbasis sistem informasi",
             "bukti": ["capture screen shot sistem pengukuran kinerja yang dilaksanakan (screen shot penggunaan "
                       "time stamps absensi online kepegawaian, screen shot sivika pengisian SKP pegawai dan screen "
                       "shot website bkkbn.sumsel.go.id atas pelayanan public"]},
            {"kode": "d", "jawaban": "abc",
             "teks": "Telah dilakukan monitoring dan evaluasi terhadap pemanfaatan teknologi informasi dalam "
                     "pengukuran kinerja unit, operasionalisasi SDM, dan pemberian layanan kepada publik",
             "opsi": ["Jika laporan monitoring dan evaluasi terhadap pemanfaatan teknologi informasi dalam "
                      "pengukuran kinerja unit, operasionalisasi SDM, dan pemberian layanan kepada publik sudah "
                      "dilakukan secara berkala",
                      "Jika laporan monitoring dan evaluasi terhadap pemanfaatan teknologi informasi dalam "
                      "pengukuran kinerja unit, operasionalisasi SDM, dan pemberian layanan kepada publik sudah "
                      "dilakukan tetapi tidak secara berkala",
                      "Jika tidak terdapat monitoring dan evaluasi terhadap pemanfaatan teknologi informasi dalam "
                      "pengukuran kinerja unit, operasionalisasi SDM, dan pemberian layanan kepada publik"]},
        ]},
        {"kode": "TL.P3", "komponen": "pemenuhan", "nama": "Keterbukaan Informasi Publik", "bobot": "0.5",
         "juknis": "II.b (Keterbukaan Informasi Publik)", "pertanyaan": [
            {"kode": "a", "jawaban": "abc", "teks": "Kebijakan tentang keterbukaan informasi publik telah diterapkan",
             "opsi": ["Jika sudah terdapat Pejabat Pengelola Informasi Publik (PPID) yang menyebarkan seluruh "
                      "informasi yang dapat diakses secara mutakhir dan lengkap",
                      "Jika sudah terdapat PPID yang menyebarkan sebagian informasi yang dapat diakses secara "
                      "mutakhir dan lengkap",
                      "Jika belum ada PPID dan belum melakukan penyebaran informasi publik"],
             "juknis": "II.b.a) (KIP)",
             "juknis_teks": "Kebijakan tentang keterbukaan informasi publik sudah diterapkan di lingkungan Perwakilan "
                            "BKKBN Provinsi Sumatera Selatan sesuai dengan Perundang-undangan",
             "kegiatan": ["menyiapkan informasi dengan berbagai infrastruktur dan konten yang memadai, disertai "
                          "dengan sikap keterbukaan dan mekanisme serta prosedur yang memadai (memiliki website yang "
                          "mudah diakses)",
                          "penerapan keterbukaan informasi publik (persyaratan, alur, waktu dan biaya) melalui "
                          "spanduk/baner, website dan media sosial"],
             "bukti": ["Capture SOP yang ada di Perwakilan BKKBN Provinsi Sumsel melalui website",
                       "apture spanduk/baner, website dan media social atas penerapan keterbukaan informasi publik"]},
            {"kode": "b", "jawaban": "abc",
             "teks": "Telah dilakukan monitoring dan evaluasi pelaksanaan kebijakan keterbukaan informasi publik",
             "opsi": ["Jika dilakukan monitoring dan evaluasi pelaksanaan kebijakan keterbukaan informasi publik dan "
                      "telah ditindaklanjuti",
                      "Jika monitoring dan evaluasi pelaksanaan kebijakan keterbukaan informasi publik telah "
                      "dilakukan tetapi belum ditindaklanjuti",
                      "Jika monitoring dan evaluasi pelaksanaan kebijakan keterbukaan informasi publik belum "
                      "dilakukan"],
             "juknis": "II.b.b) (KIP)",
             "juknis_teks": "Monitoring dan evaluasi terhadap pelaksanaan kebijakan keterbukaan informasi publik",
             "kegiatan": ["melakukan rapat monitoring dan evaluasi tentang keterbukaan informasi publik",
                          "membuat laporan hasil monitoring dan evaluasi pelaksanaan kebijakan keterbukaan informasi "
                          "publik"],
             "bukti": ["undangan rapat, notulensi, daftar hadir", "dokumen laporan hasil monitoring dan evaluasi"]},
        ]},
        {"kode": "TL.R1", "komponen": "reform", "nama": "Peta Proses Bisnis Mempengaruhi Penyederhanaan Jabatan",
         "bobot": "0.5", "pertanyaan": [
            {"kode": "a", "jawaban": "abcd",
             "teks": "Telah disusun peta proses bisnis dengan adanya penyederhanaan jabatan",
             "opsi": ["Peta proses bisnis telah disusun dan mempengaruhi penyederhanaan seluruh jabatan",
                      "Peta proses bisnis telah disusun dan mempengaruhi penyederhanaan sebagian besar (lebih dari "
                      "50%) jabatan",
                      "Peta proses bisnis telah disusun dan mempengaruhi penyederhanaan sebagian kecil (kurang dari "
                      "50%) jabatan",
                      "Peta proses bisnis telah disusun dan belum mempengaruhi penyederhanaan jabatan"]},
        ]},
        {"kode": "TL.R2", "komponen": "reform", "nama": "Sistem Pemerintahan Berbasis Elektronik (SPBE) yang "
                                                       "Terintegrasi", "bobot": "1", "pertanyaan": [
            {"kode": "a", "jawaban": "abc",
             "teks": "Implementasi SPBE telah terintegrasi dan mampu mendorong pelaksanaan pelayanan publik yang "
                     "lebih cepat dan efisien",
             "opsi": ["Implementasi SPBE telah terintegrasi dan mampu mendorong pelaksanaan pelayanan publik yang "
                      "lebih cepat dan efisien",
                      "Implementasi SPBE telah mampu mendorong pelaksanaan pelayanan publik yang lebih cepat dan "
                      "efisien, namun belum terintegrasi (parsial)",
                      "Implementasi SPBE belum mendorong pelaksanaan pelayanan publik yang lebih cepat dan efisien"]},
            {"kode": "b", "jawaban": "abc",
             "teks": "Implementasi SPBE telah terintegrasi dan mampu mendorong pelaksanaan pelayanan internal "
                     "organisasi yang lebih cepat dan efisien",
             "opsi": ["Implementasi SPBE telah terintegrasi dan mampu mendorong pelaksanaan pelayanan internal unit "
                      "kerja yang lebih cepat dan efisien",
                      "Implementasi SPBE telah mampu mendorong pelaksanaan pelayanan internal unit kerja yang lebih "
                      "cepat dan efisien, namun belum terintegrasi (parsial)",
                      "Implementasi SPBE belum mendorong pelaksanaan pelayanan internal unit kerja yang lebih cepat "
                      "dan efisien"]},
        ]},
        {"kode": "TL.R3", "komponen": "reform", "nama": "Transformasi Digital Memberikan Nilai Manfaat",
         "bobot": "2", "pertanyaan": [
            {"kode": kode, "jawaban": "abcde",
             "teks": f"Transformasi digital pada bidang {bidang} telah mampu memberikan nilai manfaat bagi unit "
                     "kerja secara optimal",
             "opsi": [f"Kriteria huruf b telah terpenuhi dan penerapan atau penggunaan dari manfaat/dampak dari "
                      f"transformasi digital pada bidang {bidang} bagi unit kerja telah dilakukan validasi dan "
                      "evaluasi serta ditindaklanjuti secara berkelanjutan",
                      f"Kriteria huruf c telah terpenuhi dan manfaat/dampak dari transformasi digital pada bidang "
                      f"{bidang} telah diterapkan/digunakan oleh unit kerja sesuai dengan sasaran dan target "
                      "manfaat/dampak",
                      f"Kriteria huruf d telah terpenuhi dan manfaat/dampak dari transformasi digital pada bidang "
                      f"{bidang} telah mampu direalisasikan pada unit kerja sesuai dengan sasaran dan target "
                      "manfaat/dampak",
                      f"Kriteria huruf e telah terpenuhi dan kapabilitas prakiraan dan pelacakan terhadap sasaran "
                      f"dan target manfaat/dampak dari transformasi digital pada bidang {bidang}",
                      f"Sasaran dan target manfaat/dampak dari transformasi digital pada bidang {bidang} telah "
                      "direncanakan, didefinisikan, dan ditetapkan"]}
            for kode, bidang in (("a", "proses bisnis utama"), ("b", "administrasi pemerintahan"),
                                 ("c", "pelayanan publik"))
        ]},
    ]},
    # ================================================================================================
    {"kode": "SDM", "nama": "Penataan Sistem Manajemen SDM", "jenis": "pengungkit", "bobot": "10", "juknis": "III",
     "sub_area": [
        {"kode": "SDM.P1", "komponen": "pemenuhan",
         "nama": "Perencanaan Kebutuhan Pegawai sesuai dengan Kebutuhan Organisasi", "bobot": "0.25",
         "juknis": "III.a", "pertanyaan": [
            {"kode": "a", "jawaban": "ya_tidak",
             "teks": "Kebutuhan pegawai yang disusun oleh unit kerja mengacu kepada peta jabatan dan hasil analisis "
                     "beban kerja untuk masing-masing jabatan",
             "opsi": ["Ya, jika kebutuhan pegawai yang disusun oleh unit kerja mengacu kepada peta jabatan dan hasil "
                      "analisis beban kerja untuk masing-masing jabatan", TIDAK],
             "juknis": "III.a.a)",
             "juknis_teks": "Perencanaan Kebutuhan pegawai mengacu pada peta jabatan dan hasil analisis beban kerja "
                            "(ABK)",
             "kegiatan": ["Melaksanakan rapat Kebutuhan pegawai berdasarkan peta jabatan dan hasil analisis beban "
                          "kerja (ABK)",
                          "Mengusulkan kebutuhan pegawai berdasarkan pemetaan jabatan dan analisis beban kerja"],
             "bukti": ["Undangan, notulensi, daftar hadir dan foto rapat",
                       "dokumen kebutuhan pegawai berdasarkan pemetaan jabatan dan analisis beban kerja",
                       "surat usulan kebutuhan pegawai (CPNS)"]},
            {"kode": "b", "jawaban": "abcd",
             "teks": "Penempatan pegawai hasil rekrutmen murni mengacu kepada kebutuhan pegawai yang telah disusun "
                     "per jabatan",
             "opsi": ["Jika semua penempatan pegawai hasil rekrutmen murni mengacu kepada kebutuhan pegawai yang "
                      "telah disusun per jabatan",
                      "Jika sebagian besar penempatan pegawai hasil rekrutmen murni mengacu kepada kebutuhan pegawai "
                      "yang telah disusun per jabatan",
                      "Jika sebagian kecil penempatan pegawai hasil rekrutmen murni mengacu kepada kebutuhan pegawai "
                      "yang telah disusun per jabatan",
                      "Jika penempatan pegawai hasil rekrutmen murni tidak mengacu kepada kebutuhan pegawai yang "
                      "telah disusun per jabatan"],
             "juknis": "III.a.b)",
             "juknis_teks": "penempatan pegawai hasil rekrutmen murni mengacu kepada kebutuhan pegawai dan "
                            "menempatkan pegawai hasil rekrutmen berdasarkan usulan kebutuhan pegawai",
             "bukti": [{"nama": "dokumen SK Penempatan pegawai", "kunci": "sk_penempatan_pegawai", "jenis": "sk"},
                       "Surat perintah melaksanakan tugas dari kepala UPT"]},
            {"kode": "c", "jawaban": "ya_tidak",
             "teks": "Telah dilakukan monitoring dan evaluasi terhadap penempatan pegawai rekrutmen untuk memenuhi "
                     "kebutuhan jabatan dalam organisasi telah memberikan perbaikan terhadap kinerja unit kerja",
             "opsi": ["Ya, jika sudah dilakukan monitoring dan evaluasi terhadap penempatan pegawai hasil rekrutmen "
                      "untuk memenuhi kebutuhan jabatan dalam organisasi telah memberikan perbaikan terhadap kinerja "
                      "unit kerja", TIDAK],
             "juknis": "III.a.c)",
             "juknis_teks": "monitoring dan dan evaluasi terhadap penempatan pegawai rekrutmen",
             "kegiatan": ["melaksanakan monitoring dan evaluasi penempatan pegawai rekrutmen di bidang/unit kerjanya",
                          "membuat laporan monitoring dan evaluasi penempatan pegawai rekrutmen di bidang/unit "
                          "kerjanya"],
             "bukti": ["dokumen monitoring dan evaluasi kinerja pegawai baru di tempat/bidang kerjanya"]},
        ]},
        {"kode": "SDM.P2", "komponen": "pemenuhan", "nama": "Pola Mutasi Internal", "bobot": "0.5",
         "juknis": "III.b", "pertanyaan": [
            {"kode": "a", "jawaban": "ya_tidak",
             "teks": "Dalam melakukan pengembangan karier pegawai, telah dilakukan mutasi pegawai antar jabatan",
             "opsi": ["Ya, jika dilakukan mutasi pegawai antar jabatan sebagai wujud dari pengembangan karier "
                      "pegawai", TIDAK],
             "juknis": "III.b.a)",
             "juknis_teks": "Dalam melakukan pengembangan karier pegawai, telah dilakukan mutasi pegawai antar "
                            "jabatan",
             "kegiatan": ["Melaksanakan rapat bersama pimpinan dan tim penilai kinerja dalam rangka mutasi/rotasi "
                          "antar jabatan (Internal) mengacu pada pengembangan karir pegawai"],
             "bukti": ["Undangan, notulensi, daftar hadir, foto rapat mutasi internal",
                       {"nama": "SK mutasi/rotasi internal", "kunci": "sk_mutasi_rotasi_internal", "jenis": "sk"}]},
            {"kode": "b", "jawaban": "abcde",
             "teks": "Dalam melakukan mutasi pegawai antar jabatan telah memperhatikan kompetensi jabatan dan "
                     "mengikuti pola mutasi yang telah ditetapkan",
             "opsi": ["Jika semua mutasi pegawai antar jabatan telah memperhatikan kompetensi jabatan dan mengikuti "
                      "pola mutasi yang telah ditetapkan organisasi dan juga unit kerja memberikan pertimbangan "
                      "terkait hal ini",
                      "Jika semua mutasi pegawai antar jabatan telah memperhatikan kompetensi jabatan dan mengikuti "
                      "pola mutasi yang telah ditetapkan organisasi",
                      "Jika sebagian besar mutasi pegawai antar jabatan telah memperhatikan kompetensi jabatan dan "
                      "mengikuti pola mutasi yang telah ditetapkan organisasi",
                      "Jika sebagian kecil mutasi pegawai antar jabatan telah memperhatikan kompetensi jabatan dan "
                      "mengikuti pola mutasi yang telah ditetapkan organisasi",
                      "Jika mutasi pegawai antar jabatan belum memperhatikan kompetensi jabatan dan mengikuti pola "
                      "mutasi yang telah ditetapkan organisasi"],
             "juknis": "III.b.b)",
             "juknis_teks": "Dalam melakukan mutasi pegawai antar jabatan telah memperhatikan kompetensi jabatan dan "
                            "mengikuti pola mutasi yang telah ditetapkan",
             "kegiatan": ["Melaksanakan rapat dalam rangka mutasi/rotasi antar jabatan (Internal) mengacu pada "
                          "kompetensi jabatan"],
             "bukti": ["Undangan, notulensi, daftar hadir, foto rapat mutasi internal",
                       {"nama": "SK mutasi internal", "kunci": "sk_mutasi_internal", "jenis": "sk"}]},
            {"kode": "c", "jawaban": "ya_tidak",
             "teks": "Telah dilakukan monitoring dan evaluasi terhadap kegiatan mutasi yang telah dilakukan dalam "
                     "kaitannya dengan perbaikan kinerja",
             "opsi": ["Ya, jika sudah dilakukan monitoring dan evaluasi terhadap kegiatan mutasi yang telah "
                      "dilakukan dalam kaitannya dengan perbaikan kinerja", TIDAK],
             "juknis": "III.b.c)",
             "juknis_teks": "monitoring dan evaluasi terhadap kegiatan mutasi yang dilakukan dalam kaitannya dengan "
                            "perbaikan kinerja unit",
             "kegiatan": ["melaksanakan monitoring dan evaluasi terhadap kegiatan mutasi yang dilakukan dalam "
                          "kaitannya dengan perbaikan kinerja",
                          "membuat laporan monitoring dan evaluasi terhadap kegiatan mutasi yang dilakukan dalam "
                          "kaitannya dengan perbaikan kinerja"],
             "bukti": ["dokumen monitoring dan evaluasi terhadap kegiatan mutasi yang dilakukan dalam kaitannya "
                       "dengan perbaikan kinerja"]},
        ]},
        {"kode": "SDM.P3", "komponen": "pemenuhan", "nama": "Pengembangan Pegawai Berbasis Kompetensi",
         "bobot": "1.25", "juknis": "III.c", "pertanyaan": [
            {"kode": "a", "jawaban": "ya_tidak",
             "teks": "Unit Kerja melakukan Training Need Analysis Untuk pengembangan kompetensi",
             "opsi": ["Ya, jika sudah dilakukan Training Need Analysis Untuk pengembangan kompetensi", TIDAK],
             "juknis": "III.c.a)", "juknis_teks": "Melakukan Training Need Analysis untuk pengembangan kompetensi",
             "kegiatan": ["Melaksanakan rapat penyusunan analisa kebutuhan diklat/bimtek/pengembangan pegawai "
                          "(Training Need Analysis) untuk pengembangan kompetensi"],
             "bukti": ["Undangan, notulensi, daftar hadir, foto Rapat mutasi internal",
                       "Dokumen analisa kebutuhan diklat/bimtek/pengembangan pegawai (Training Need Analysis)"]},
            {"kode": "b", "jawaban": "abcd",
             "teks": "Dalam menyusun rencana pengembangan kompetensi pegawai, telah mempertimbangkan hasil "
                     "pengelolaan kinerja pegawai",
             "opsi": ["Jika semua rencana pengembangan kompetensi pegawai mempertimbangkan hasil pengelolaan kinerja "
                      "pegawai",
                      "Jika sebagian besar rencana pengembangan kompetensi pegawai mempertimbangkan hasil pengelolaan "
                      "kinerja pegawai",
                      "Jika sebagian kecil rencana pengembangan kompetensi pegawai mempertimbangkan hasil pengelolaan "
                      "kinerja pegawai",
                      "Jika belum ada rencana pengembangan kompetensi pegawai yang mempertimbangkan hasil pengelolaan "
                      "kinerja pegawai"],
             "juknis": "III.c.b)",
             "juknis_teks": "dalam menyusun rencana pengembangan kompetensi pegawai, harus mempertimbangkan hasil "
                            "pengelolaan kinerja pegawai",
             "kegiatan": ["Menyusun rencana pengembangan kompetensi pegawai berdasarkan kesenjangan/gap dari TNA dan "
                          "pertimbangan kinerja pegawai"],
             "bukti": ["Undangan, notulensi, daftar hadir, foto Rapat",
                       "dokumen rencana pengembangan kompetensi pegawai berdasarkan hasil TNA dan pertimbangan kinerja "
                       "pegawai"]},
            {"kode": "c", "jawaban": "abcd",
             "teks": "Tingkat kesenjangan kompetensi pegawai yang ada dengan standar kompetensi yang ditetapkan untuk "
                     "masing-masing jabatan",
             "opsi": ["Jika persentase kesenjangan kompetensi pegawai dengan standar kompetensi yang ditetapkan "
                      "sebesar <25%",
                      "Jika persentase kesenjangan kompetensi pegawai dengan standar kompetensi yang ditetapkan "
                      "sebesar >25%-50%",
                      "Jika persentase kesenjangan kompetensi pegawai dengan standar kompetensi yang ditetapkan "
                      "sebesar >50%-75%",
                      "Jika persentase kesenjangan kompetensi pegawai dengan standar kompetensi yang ditetapkan "
                      "sebesar >75%-100%"],
             "juknis": "III.c.c)",
             "juknis_teks": "mengetahui persentase kesenjangan kompetensi pegawai yang ada dengan standar kompetensi "
                            "yang ditetapkan untuk masing-masing jabatan",
             "kegiatan": ["Melakukan pemetaan persentase kesenjangan kompetensi pegawai yang ada dengan standar "
                          "kompetensi yang ditetapkan untuk masing-masing jabatan"],
             "bukti": ["dokumen Standar Kompetensi pegawai dengan DRH atas pengalaman mengikuti pengembangan "
                       "kompetensi"]},
            {"kode": "d", "jawaban": "abcd",
             "teks": "Pegawai di Unit Kerja telah memperoleh kesempatan/hak untuk mengikuti diklat maupun "
                     "pengembangan kompetensi lainnya",
             "opsi": [f"Jika {siapa} pegawai di Unit Kerja telah memperoleh kesempatan/hak untuk mengikuti diklat "
                      "maupun pengembangan kompetensi lainnya"
                      for siapa in ("seluruh", "sebagian besar", "sebagian kecil", "belum ada")],
             "juknis": "III.c.d)",
             "juknis_teks": "Pegawai telah memperoleh kesempatan/hak untuk mengikuti Diklat/pengembangan kompetensi "
                            "lainnya",
             "kegiatan": ["Menginformasikan permintaan untuk mengikuti Diklat/pengembangan kompetensi lainnya kepada "
                          "pegawai"],
             "bukti": ["surat kepada pegawai perihal kesempatan mengikuti Diklat/pengembangan kompetensi lainnya"]},
            {"kode": "e", "jawaban": "abcd",
             "teks": "Dalam pelaksanaan pengembangan kompetensi, unit kerja melakukan upaya pengembangan kompetensi "
                     "kepada pegawai (seperti pengikutsertaan pada lembaga pelatihan, in-house training, coaching, "
                     "atau mentoring)",
             "opsi": ["Jika unit kerja melakukan upaya pengembangan kompetensi kepada seluruh pegawai",
                      "Jika unit kerja melakukan upaya pengembangan kompetensi kepada sebagian besar pegawai",
                      "Jika unit kerja melakukan upaya pengembangan kompetensi kepada sebagian kecil pegawai",
                      "Jika unit kerja belum melakukan upaya pengembangan kompetensi kepada pegawai"],
             "juknis": "III.c.e)",
             "juknis_teks": "dalam pelaksanaan pengembangan kompetensi, unit kerja telah melakukan upaya pengembangan "
                            "kompetensi kepada pegawai (dengan pengikutsertaan pada lembaga pelatihan, in-house "
                            "training, atau melalui coaching/mentoring, dll)",
             "kegiatan": ["Mengusulkan pegawai dalam upaya pengembangan kompetensi kepada pegawai (dengan "
                          "pengikutsertaan pada lembaga pelatihan, in-house training, atau melalui "
                          "coaching/mentoring, dll)"],
             "bukti": ["surat usulan pegawai yang akan mengikuti Diklat/pengembangan kompetensi lainnya",
                       "daftar pegawai yang telah pegawai mengikuti Diklat/pengembangan kompetensi lainnya"]},
            {"kode": "f", "jawaban": "abc",
             "teks": "Telah dilakukan monitoring dan evaluasi terhadap hasil pengembangan kompetensi dalam kaitannya "
                     "dengan perbaikan kinerja",
             "opsi": ["Jika monitoring dan evaluasi terhadap hasil pengembangan kompetensi dalam kaitannya dengan "
                      "perbaikan kinerja telah dilakukan secara berkala",
                      "Jika monitoring dan evaluasi terhadap hasil pengembangan kompetensi dalam kaitannya dengan "
                      "perbaikan kinerja telah dilakukan namun tidak secara berkala",
                      "Jika monitoring dan evaluasi terhadap hasil pengembangan kompetensi dalam kaitannya dengan "
                      "perbaikan kinerja belum dilakukan"],
             "juknis": "III.c.f)",
             "juknis_teks": "Telah dilakukan monitoring dan evaluasi terhadap hasil pengembangan kompetensi dalam "
                            "rangka perbaikan kinerja",
             "kegiatan": ["Melakukan monitoring dan evaluasi terhadap hasil pengembangan kompetensi dalam rangka "
                          "perbaikan kinerja",
                          "Membuat laporan hasil monitoring dan evaluasi terhadap hasil pengembangan kompetensi dalam "
                          "kaitannya dengan perbaikan kinerja"],
             "bukti": ["Dokumen laporan hasil monitoring dan evaluasi terhadap hasil pengembangan kompetensi dalam "
                       "rangka perbaikan kinerja"]},
        ]},
        {"kode": "SDM.P4", "komponen": "pemenuhan", "nama": "Penetapan Kinerja Individu", "bobot": "2",
         "juknis": "III.d", "pertanyaan": [
            {"kode": "a", "jawaban": "abcd",
             "teks": "Terdapat penetapan kinerja individu yang terkait dengan perjanjian kinerja organisasi",
             "opsi": ["Jika seluruh penetapan kinerja individu terkait dengan kinerja organisasi serta perjanjian "
                      "kinerja selaras dengan sasaran kinerja pegawai (SKP)",
                      "Jika sebagian besar penetapan kinerja individu terkait dengan kinerja organisasi",
                      "Jika sebagian kecil penetapan kinerja individu terkait dengan kinerja organisasi",
                      "Jika belum ada penetapan kinerja individu terkait dengan kinerja organisasi"],
             "juknis": "III.d.a)",
             "juknis_teks": "telah memiliki sistem penilaian kinerja individu yang terkait dengan kinerja organisasi "
                            "dan Penilaian Prestasi Kerja bagi PNS Perwakilan BKKBN Provinsi Sumatera Selatan",
             "kegiatan": ["menetapkan Sasaran Kinerja Pegawai (SKP) pada awal tahun",
                          "menetapkan Kinerja Unit (Perjanjian Kinerja-PK) pada awal tahun"],
             "bukti": ["dokumen SKP yang disetujui dan ditandatangani oleh atasan langsungnya",
                       "dokumen Kinerja Unit yang disetujui dan ditandatangani oleh atasan"]},
            {"kode": "b", "jawaban": "abcd",
             "teks": "Ukuran kinerja individu telah memiliki kesesuaian dengan indikator kinerja individu level "
                     "diatasnya",
             "opsi": ["Jika seluruh ukuran kinerja individu telah memiliki kesesuaian dengan indikator kinerja "
                      "individu level diatasnya serta menggambarkan logic model",
                      "Jika sebagian besar ukuran kinerja individu telah memiliki kesesuaian dengan indikator kinerja "
                      "individu level diatasnya",
                      "Jika sebagian kecil ukuran kinerja individu telah memiliki kesesuaian dengan indikator kinerja "
                      "individu level diatasnya",
                      "Jika ukuran kinerja individu belum memiliki kesesuaian dengan indikator kinerja individu level "
                      "diatasnya"],
             "juknis": "III.d.b)",
             "juknis_teks": "ukuran kinerja individu telah memiliki kesesuaian dengan indikator kinerja individu "
                            "level diatasnya",
             "kegiatan": ["Menyiapkan dokumen SKP berjenjang (JFT, atasan langsung)"],
             "bukti": ["Dokumen SKP berjenjang (JFT, atasan langsung/)"]},
            {"kode": "c", "jawaban": "abcde", "teks": "Pengukuran kinerja individu dilakukan secara periodik",
             "opsi": [f"Jika pengukuran kinerja individu dilakukan secara {kala}"
                      for kala in ("bulanan", "triwulanan", "semesteran", "tahunan")]
                     + ["Jika pengukuran kinerja individu belum dilakukan"],
             "juknis": "III.d.c)", "juknis_teks": "telah melakukan pengukuran kinerja individu secara periodik",
             "kegiatan": ["pengukuran Kinerja Individu melalui sivika secara bulanan"],
             "bukti": ["Dokumen pengukuran kinerja individu per bulan"]},
            {"kode": "d", "jawaban": "ya_tidak",
             "teks": "Hasil penilaian kinerja individu telah dijadikan dasar untuk pemberian reward",
             "opsi": ["Ya, jika hasil penilaian kinerja individu telah dijadikan dasar untuk pemberian reward "
                      "(seperti: pengembangan karir individu, atau penghargaan)", TIDAK],
             "juknis": "III.d.d)",
             "juknis_teks": "Hasil penilaian kinerja individu telah dijadikan dasar untuk pemberian reward "
                            "(pengembangan karir individu, penghargaan dll)",
             "kegiatan": ["Mengadakan rapat pemberian reward (penghargaan pegawai teladan) berdasarkan hasil penilaian "
                          "kinerja individu",
                          "Membuat surat keputusan pemberian reward (penghargaan pegawai teladan) berdasarkan hasil "
                          "penilaian kinerja individu"],
             "bukti": ["Undangan, notulensi, daftar hadir, foto Rapat",
                       {"nama": "Surat Keputusan pemberian reward (penghargaan pegawai teladan) berdasarkan hasil "
                                "penilaian kinerja individu", "kunci": "sk_reward_pegawai", "jenis": "sk"}]},
        ]},
        {"kode": "SDM.P5", "komponen": "pemenuhan",
         "nama": "Penegakan Aturan Disiplin/Kode Etik/Kode Perilaku Pegawai", "bobot": "0.75", "juknis": "III.e",
         "pertanyaan": [
            {"kode": "a", "jawaban": "abcd",
             "teks": "Aturan disiplin/kode etik/kode perilaku telah dilaksanakan/diimplementasikan",
             "opsi": ["Jika unit kerja telah mengimplementasikan seluruh aturan disiplin/kode etik/kode perilaku yang "
                      "ditetapkan organisasi dan juga membuat inovasi terkait aturan disiplin/kode etik/kode "
                      "perilaku yang sesuai dengan karakteristik unit kerja",
                      "Jika unit kerja telah mengimplementasikan seluruh aturan disiplin/kode etik/kode perilaku yang "
                      "ditetapkan organisasi",
                      "Jika unit kerja telah mengimplementasikan sebagian aturan disiplin/kode etik/kode perilaku yang "
                      "ditetapkan organisasi",
                      "Jika unit kerja belum mengimplementasikan aturan disiplin/kode etik/kode perilaku yang "
                      "ditetapkan organisasi"],
             "juknis": "III.e.a)",
             "juknis_teks": "Aturan disiplin/kode etik/kode perilaku telah dilaksanakan/diimplementasikan",
             "kegiatan": ["Melakukan sosialisasi aturan disiplin/kode etik/kode perilaku",
                          "Penerapan kewajiban pelaksanaan disiplin (berpakaian dinas, ketepatan jam kerja, apel pagi)",
                          "Penegakan hukuman disiplin atas pelanggaran aturan disiplin/kode etik/kode perilaku"],
             "bukti": ["Dokumen sosialisasi", "Screen shot penerapan disiplin (foto dan absensi)",
                       "Dokumen penegakan hukuman disiplin atas pelanggaran aturan disiplin/kode etik/kode perilaku"]},
        ]},
        {"kode": "SDM.P6", "komponen": "pemenuhan", "nama": "Sistem Informasi Kepegawaian", "bobot": "0.25",
         "juknis": "III.f", "pertanyaan": [
            {"kode": "a", "jawaban": "abc",
             "teks": "Data informasi kepegawaian unit kerja telah dimutakhirkan secara berkala",
             "opsi": ["Jika data informasi kepegawaian unit kerja dapat diakses oleh pegawai dan dimutakhirkan "
                      "setiap ada perubahan data pegawai",
                      "Jika data informasi kepegawaian unit kerja dapat diakses oleh pegawai dan dimutakhirkan namun "
                      "secara berkala",
                      "Jika data informasi kepegawaian unit kerja belum dimutakhirkan"],
             "juknis": "III.f.a)", "juknis_teks": "Data informasi kepegawaian telah dimutakhirkan secara berkala",
             "kegiatan": ["Membuat laporan hasil pemutakhiran data pegawai secara bulanan"],
             "bukti": ["Membuat laporan hasil pemutakhiran data pegawai",
                       "Update data secara mandiri oleh setiap pegawai melalui SIMSDM",
                       "Sosialisasi informasi tentang pemutakhiran data oleh pegawai"]},
        ]},
        {"kode": "SDM.R1", "komponen": "reform", "nama": "Kinerja Individu", "bobot": "1.5", "pertanyaan": [
            {"kode": "a", "jawaban": "abc",
             "teks": "Ukuran kinerja individu telah berorientasi hasil (outcome) sesuai pada levelnya",
             "opsi": ["Seluruh ukuran kinerja individu telah berorientasi hasil (outcome) sesuai pada levelnya",
                      "Sebagian ukuran kinerja individu telah berorientasi hasil (outcome) sesuai pada levelnya",
                      "Tidak ada ukuran kinerja individu yang berorientasi hasil (outcome)"]},
        ]},
        {"kode": "SDM.R2", "komponen": "reform", "nama": "Assessment Pegawai", "bobot": "1.5", "pertanyaan": [
            {"kode": "a", "jawaban": "abc",
             "teks": "Hasil assessment telah dijadikan pertimbangan untuk mutasi dan pengembangan karir pegawai",
             "opsi": ["Seluruh hasil assessment dijadikan dasar mutasi internal dan pengembangan kompetensi pegawai",
                      "Hasil assessment belum seluruhnya dijadikan mutasi internal dan pengembangan kompetensi pegawai",
                      "Hasil assessment belum dijadikan dasar mutasi internal dan pengembangan kompetensi pegawai"]},
        ]},
        {"kode": "SDM.R3", "komponen": "reform", "nama": "Pelanggaran Disiplin Pegawai", "bobot": "2",
         "pertanyaan": [
            {"kode": "a", "jawaban": "persen", "teks": "Penurunan pelanggaran disiplin pegawai",
             "penjelasan": "Persentase penurunan pelanggaran disiplin pegawai diperoleh dari Jumlah pelanggaran tahun "
                           "sebelumnya dikurangi Jumlah pelanggaran tahun ini kemudian dibagi dengan Jumlah "
                           "pelanggaran tahun sebelumnya",
             "isian": [("1", "Jumlah pelanggaran tahun sebelumnya"), ("2", "Jumlah pelanggaran tahun ini"),
                       ("3", "Jumlah pelanggaran yang telah diberikan sanksi/hukuman")],
             "rumus": {"jenis": "penurunan", "sebelum": "1", "sesudah": "2"}},
        ]},
    ]},
    # ================================================================================================
    {"kode": "AK", "nama": "Penguatan Akuntabilitas Kinerja", "jenis": "pengungkit", "bobot": "10", "juknis": "IV",
     "sub_area": [
        {"kode": "AK.P1", "komponen": "pemenuhan", "nama": "Keterlibatan Pimpinan", "bobot": "2.5",
         "juknis": "IV.a", "pertanyaan": [
            {"kode": "a", "jawaban": "abc",
             "teks": "Unit kerja telah melibatkan pimpinan secara langsung pada saat penyusunan perencanaan",
             "opsi": ["Jika pimpinan selalu terlibat dalam seluruh tahapan penyusunan perencanaan",
                      "Jika pimpinan ikut terlibat dalam sebagian tahapan penyusunan perencanaan",
                      "Jika tidak ada keterlibatan pimpinan dalam penyusunan perencanaan (hanya menandatangani)"],
             "juknis": "IV.a.a)", "juknis_teks": "pimpinan harus terlibat secara langsung pada saat penyusunan "
                                                 "perencanaan",
             "kegiatan": ["Melaksanakan rapat perencanaan kegiatan dan anggaran yang dipimpin oleh bidang "
                          "perencanaan"],
             "bukti": ["undangan, notula, daftar hadir, foto rapat", "dokumen perencanaan kegiatan dan anggaran"]},
            {"kode": "b", "jawaban": "abc",
             "teks": "Unit kerja telah melibatkan secara langsung pimpinan saat penyusunan penetapan kinerja",
             "opsi": ["Jika pimpinan selalu terlibat dalam seluruh tahapan penyusunan perjanjian kinerja",
                      "Jika pimpinan terlibat dalam sebagian tahapan penyusunan perjanjian kinerja",
                      "Jika tidak ada keterlibatan pimpinan dalam penyusunan perjanjian kinerja"],
             "juknis": "IV.a.b)",
             "juknis_teks": "pimpinan terlibat secara langsung pada saat penyusunan penetapan kinerja",
             "kegiatan": ["penyusunan Penetapan Kinerja (Perjanjian Kinerja) melalui Rapat penetapan IKU yang "
                          "berorientasi hasil yang dipimpin oleh bidang perencanaan"],
             "bukti": ["undangan, notula, daftar hadir, foto rapat", "dokumen Perjanjian Kinerja"]},
            {"kode": "c", "jawaban": "abcd", "teks": "Pimpinan memantau pencapaian kinerja secara berkala",
             "opsi": ["Jika pimpinan selalu terlibat dalam seluruh pemantauan pencapaian kinerja dan menindaklanjuti "
                      "hasil pemantauan",
                      "Jika pimpinan unit kerja terlibat dalam seluruh pemantauan pencapaian kinerja tetapi tidak ada "
                      "tindak lanjut hasil pemantauan",
                      "Jika pimpinan unit kerja terlibat dalam sebagian pemantauan pencapaian kinerja",
                      "Jika tidak ada keterlibatan pimpinan dalam pemantauan pencapaian kinerja"],
             "juknis": "IV.a.c)",
             "juknis_teks": "Pimpinan harus selalu memantau pencapaian kinerja secara berkala",
             "kegiatan": ["melaksanakan rapat pemantauan pencapaian kinerja"],
             "bukti": ["undangan, notulensi, daftar hadir, foto rapat", "dokumen pemantauan pencapaian kinerja"]},
        ]},
        {"kode": "AK.P2", "komponen": "pemenuhan", "nama": "Pengelolaan Akuntabilitas Kinerja", "bobot": "2.5",
         "juknis": "IV.b", "pertanyaan": [
            {"kode": "a", "jawaban": "ya_tidak", "teks": "Dokumen perencanaan kinerja sudah ada",
             "opsi": ["Ya, jika unit kerja memiliki dokumen perencanaan kinerja lengkap", TIDAK],
             "juknis": "IV.b.a)",
             "juknis_teks": "membuat dokumen perencanaan kerja jangka pendek (Renja) Tahunan, Rencana Strategis "
                            "(Renstra) lima tahunan",
             "kegiatan": ["Memiliki dokumen perencanaan kerja jangka pendek (Renja) Tahunan, Rencana Strategis "
                          "(Renstra) serta Penetapan Kinerja (Perjanjian Kinerja)"],
             "bukti": ["dokumen perencanaan kerja jangka pendek (Renja) Tahunan, Rencana Strategis (Renstra) serta "
                       "Penetapan Kinerja (Perjanjian Kinerja)"]},
            {"kode": "b", "jawaban": "ya_tidak", "teks": "Perencanaan kinerja telah berorientasi hasil",
             "opsi": ["Ya, jika perencanaan kinerja telah berorientasi hasil", TIDAK],
             "juknis": "IV.b.b)", "juknis_teks": "dokumen perencanaan harus berorientasi kepada hasil",
             "kegiatan": ["membuat turunan Renja yang mendukung peningkatan pelayanan publik yang diterjemahkan "
                          "kedalam rencana aksi dari setiap renja dan KKP yang disusun"],
             "bukti": ["dokumen rencana aksi dan KKP"]},
            {"kode": "c", "jawaban": "ya_tidak", "teks": "Terdapat penetapan Indikator Kinerja Utama (IKU)",
             "opsi": ["Ya, jika unit kerja memiliki IKU", TIDAK],
             "juknis": "IV.b.c)", "juknis_teks": "Indikator Kinerja Utama (IKU) pada satuan kerja",
             "kegiatan": ["Memiliki Indikator Kinerja Utama (IKU) yang ditetapkan"],
             "bukti": ["Dokumen IKU yang mendukung peningkatan pelayanan publik (penetapan standar pelayanan, budaya "
                       "pelayanan prima, survei kepuasan masyarakat, penerapan SPIP)"]},
            {"kode": "d", "jawaban": "abcd", "teks": "Indikator kinerja telah memenuhi kriteria SMART",
             "opsi": ["Jika seluruh indikator kinerja telah SMART", "Jika sebagian besar indikator kinerja telah SMART",
                      "Jika sebagian kecil indikator kinerja telah SMART",
                      "Jika belum ada indikator kinerja yang SMART"],
             "juknis": "IV.b.d)",
             "juknis_teks": "indikator kinerja utama telah dilaksanakan dengan prinsip SMART (Specific, Measurable, "
                            "Achivable, Relevant, Timely/Continuity)",
             "kegiatan": ["Memiliki IKU tambahan yang SMART (Specific, Measurable, Achivable, Relevant, "
                          "Timely/Continuity)"],
             "bukti": ["Dokumen IKU yang SMART (Specific, Measurable, Achivable, Relevant, Timely/Continuity)"]},
            {"kode": "e", "jawaban": "ya_tidak", "teks": "Laporan kinerja telah disusun tepat waktu",
             "opsi": ["Ya, jika unit kerja telah menyusun laporan kinerja tepat waktu", TIDAK],
             "juknis": "IV.b.e)", "juknis_teks": "laporan kinerja disusun tepat waktu",
             "kegiatan": ["menyusun LAKIP secara tepat waktu (bulan januari pada tahun berikutnya)"],
             "bukti": ["Dokumen LAKIP"]},
            {"kode": "f", "jawaban": "abc", "teks": "Laporan kinerja telah memberikan informasi tentang kinerja",
             "opsi": ["Jika seluruh pelaporan kinerja telah memberikan informasi tentang kinerja",
                      "Jika sebagian pelaporan kinerja belum memberikan informasi tentang kinerja",
                      "Jika seluruh pelaporan kinerja belum memberikan informasi tentang kinerja"],
             "juknis": "IV.b.f)", "juknis_teks": "pelaporan kinerja harus memberikan informasi tentang kinerja",
             "kegiatan": ["Laporan kinerja (LAKIP) telah memberikan informasi tentang kinerja"],
             "bukti": ["Dokumen LAKIP"]},
            {"kode": "g", "jawaban": "ya_tidak", "teks": "Terdapat sistem informasi/mekanisme informasi kinerja",
             "opsi": ["Ya, jika terdapat sistem informasi/mekanisme informasi kinerja", TIDAK]},
            {"kode": "h", "jawaban": "abc",
             "teks": "Unit kerja telah berupaya meningkatkan kapasitas SDM yang menangani akuntabilitas kinerja",
             "opsi": ["Jika seluruh SDM pengelola akuntabilitas kinerja kompeten",
                      "Jika sebagian SDM pengelola akuntabilitas kinerja kompeten",
                      "Jika seluruh SDM pengelola akuntabilitas kinerja belum ada yang kompeten"],
             "juknis": "IV.b.g)–h)",
             "juknis_teks": "terdapat upaya peningkatan kapasitas SDM yang menangani akuntabilitas kinerja; "
                            "pengelolaan akuntabilitas kinerja dilaksanakan oleh SDM yang kompeten",
             "kegiatan": ["Melakukan upaya peningkatan kapasitas SDM yang menangani akuntabilitas kinerja dengan "
                          "melakukan/mengikuti sertakan dalam bimtek/diklat/sosialisasi penyusunan LAKIP",
                          "menempatkan anggota yang memiliki kompetensi pada bidang pengelolaan akuntabilitas",
                          "personil pengelolaan akuntabilitas telah memiliki pengalaman/kompetensi melalui "
                          "keikutsertaan dalam bimtek/diklat/sosialisasi penyusunan LAKIP"],
             "bukti": ["dokumen laporan bimtek/diklat/sosialisasi penyusunan LAKIP",
                       "Daftar anggota bidang perencanaan yang telah mengikuti bimtek/diklat/sosialisasi penyusunan "
                       "LAKIP"]},
        ]},
        {"kode": "AK.R1", "komponen": "reform", "nama": "Meningkatnya Capaian Kinerja Unit Kerja", "bobot": "2",
         "pertanyaan": [
            {"kode": "a", "jawaban": "persen", "teks": "Persentase Sasaran dengan capaian 100% atau lebih",
             "penjelasan": "Persentase diperoleh dari Jumlah Sasaran Kinerja yang tercapai 100% atau lebih dibagi "
                           "dengan Jumlah Sasaran Kinerja",
             "isian": [("1", "Jumlah Sasaran Kinerja"), ("2", "Jumlah Sasaran Kinerja yang tercapai 100% atau lebih")],
             "rumus": {"jenis": "rasio", "pembilang": ["2"], "penyebut": ["1"]}},
        ]},
        {"kode": "AK.R2", "komponen": "reform", "nama": "Pemberian Reward and Punishment", "bobot": "1.5",
         "pertanyaan": [
            {"kode": "a", "jawaban": "abcd",
             "teks": "Hasil Capaian/Monitoring Perjanjian Kinerja telah dijadikan dasar sebagai pemberian reward and "
                     "punishment bagi organisasi",
             "opsi": ["Seluruh capaian kinerja (Perjanjian Kinerja) merupakan unsur dalam pemberian reward and "
                      "punishment",
                      "Sebagian besar Capaian Kinerja (lebih dari 50% Perjanjian kinerja) merupakan unsur dalam "
                      "pemberian reward and punishment",
                      "Sebagian kecil Capaian Kinerja (kurang dari 50% Perjanjian kinerja) merupakan unsur dalam "
                      "pemberian reward and punishment",
                      "Capaian Kinerja (Perjanjian kinerja) belum menjadi unsur dalam pemberian reward and "
                      "punishment"]},
        ]},
        {"kode": "AK.R3", "komponen": "reform", "nama": "Kerangka Logis Kinerja", "bobot": "1.5", "pertanyaan": [
            {"kode": "a", "jawaban": "abcd",
             "teks": "Apakah terdapat penjenjangan kinerja (Kerangka Logis Kinerja) yang mengacu pada kinerja utama "
                     "organisasi dan dijadikan dalam penentuan kinerja seluruh pegawai?",
             "opsi": ["Terdapat Kerangka Logis kinerja yang mengacu pada kinerja utama organisasi dan digunakan dalam "
                      "penjabaran kinerja seluruh pegawai",
                      "Terdapat Kerangka Logis kinerja yang mengacu pada kinerja utama organisasi namun belum "
                      "digunakan dalam penjabaran kinerja seluruh pegawai",
                      "Kerangka Logis kinerja ada namun belum mengacu pada kinerja utama organisasi dan belum "
                      "digunakan dalam penjabaran kinerja seluruh pegawai",
                      "Kerangka Logis kinerja belum ada"]},
        ]},
    ]},
    # ================================================================================================
    {"kode": "PW", "nama": "Penguatan Pengawasan", "jenis": "pengungkit", "bobot": "15", "juknis": "V",
     "sub_area": [
        {"kode": "PW.P1", "komponen": "pemenuhan", "nama": "Pengendalian Gratifikasi", "bobot": "1.5",
         "juknis": "V.a", "pertanyaan": [
            {"kode": "a", "jawaban": "abc", "usulan": "gratifikasi_kampanye",
             "teks": "Telah dilakukan public campaign tentang pengendalian gratifikasi",
             "opsi": ["Jika public campaign telah dilakukan secara berkala",
                      "Jika public campaign dilakukan tidak secara berkala", "Jika belum dilakukan public campaign"],
             "juknis": "V.a.a)", "juknis_teks": "Telah melakukan public campaign tentang pengendalian gratifikasi",
             "kegiatan": ["Melaksanakan public campaign di lokasi pelayanan melalui pemasangan Spanduk dan banner "
                          "larangan gratifikasi"],
             "bukti": [{"nama": "capture banner/spanduk/media public campaign lainnya",
                        "kunci": "capture_kampanye_gratifikasi", "jenis": "tangkapan_layar"}]},
            {"kode": "b", "jawaban": "abcd", "usulan": "gratifikasi_upg", "ditinjau": True,
             "teks": "Pengendalian gratifikasi telah diimplementasikan",
             "opsi": ["Jika telah memiliki Unit Pengendalian Gratifikasi dan pengendalian gratifikasi telah menjadi "
                      "bagian dari prosedur",
                      "Jika telah memiliki Unit Pengendalian Gratifikasi dan upaya pengendalian gratifikasi telah "
                      "mulai dilakukan",
                      "Jika telah membentuk Unit Pengendalian Gratifikasi tetapi belum terdapat prosedur pengendalian",
                      "Jika belum memiliki Unit Pengendalian Gratifikasi"],
             "juknis": "V.a.b)", "juknis_teks": "Satuan Kerja telah mengimplementasikan pengendalian gratifikasi",
             "kegiatan": ["Melakukan sosialisasi/internalisasi tentang pengendalian gratifikasi",
                          "Pemasangan kamera pengawas (CCTV) pada are pelayanan"],
             "bukti": ["Capture banner/poster, bukti sosialisasi pengendalian gratifikasi",
                       "Capture kamera pengawas (CCTV) dan tampilannya",
                       {"nama": "SK Unit Pengendalian Gratifikasi (UPG)", "kunci": "sk_upg", "jenis": "sk",
                        "sumber": "lke", "batas": "D"},
                       {"nama": "SOP/mekanisme pengendalian gratifikasi", "kunci": "sop_gratifikasi", "jenis": "sop",
                        "sumber": "lke"},
                       {"nama": "Laporan pengendalian gratifikasi (UPG)", "kunci": "laporan_upg",
                        "jenis": "laporan_otomatis", "sumber": "issue"}]},
        ]},
        {"kode": "PW.P2", "komponen": "pemenuhan", "nama": "Penerapan Sistem Pengendalian Intern Pemerintah (SPIP)",
         "bobot": "1.5", "juknis": "V.b", "pertanyaan": [
            {"kode": "a", "jawaban": "abcde", "teks": "Telah dibangun lingkungan pengendalian",
             "opsi": ["Jika unit kerja membangun seluruh lingkungan pengendalian sesuai dengan yang ditetapkan "
                      "organisasi dan juga membuat inovasi terkait lingkungan pengendalian yang sesuai dengan "
                      "karakteristik unit kerja",
                      "Jika unit kerja membangun seluruh lingkungan pengendalian sesuai dengan yang ditetapkan "
                      "organisasi",
                      "Jika unit kerja membangun sebagian besar lingkungan pengendalian sesuai dengan yang ditetapkan "
                      "organisasi",
                      "Jika unit kerja membangun sebagian kecil lingkungan pengendalian sesuai dengan yang ditetapkan "
                      "organisasi",
                      "Jika unit kerja belum membangun lingkungan pengendalian"],
             "juknis": "V.b.a)", "juknis_teks": "Satuan Kerja telah membangun lingkungan pengendalian",
             "kegiatan": ["Melakukan sosialisasi SPIP serta kode etik", "Membentuk Tim SPIP",
                          "Melaksanakan pengawasan dan monitoring pada layanan"],
             "bukti": [{"nama": "Dokumen sosialisasi SPIP", "kunci": "sosialisasi_spip"},
                       {"nama": "SK Tim SPIP", "kunci": "sk_tim_spip", "jenis": "sk"},
                       "Dokumen laporan pengawasan dan monitoring pada layanan"]},
            {"kode": "b", "jawaban": "abcde", "teks": "Telah dilakukan penilaian risiko atas pelaksanaan kebijakan",
             "opsi": ["Jika unit kerja melakukan penilaian risiko atas seluruh pelaksanaan kebijakan sesuai dengan "
                      "yang ditetapkan organisasi dan juga membuat inovasi terkait lingkungan pengendalian yang "
                      "sesuai dengan karakteristik unit kerja",
                      "Jika unit kerja melakukan penilaian risiko atas seluruh pelaksanaan kebijakan sesuai dengan "
                      "yang ditetapkan organisasi",
                      "Jika melakukan penilaian risiko atas sebagian besar pelaksanaan kebijakan sesuai dengan yang "
                      "ditetapkan organisasi",
                      "Jika melakukan penilaian risiko atas sebagian kecil pelaksanaan kebijakan sesuai dengan yang "
                      "ditetapkan organisasi",
                      "Jika unit kerja belum melakukan penilaian resiko"],
             "juknis": "V.b.b)",
             "juknis_teks": "Satuan Kerja telah melakukan penilaian risiko atas pelaksanaan kebijakan",
             "kegiatan": ["Melakukan identifikasi resiko",
                          "Melakukan analisis resiko (scoring/penilaian resiko) terhadap faktor kemungkinan dan faktor "
                          "dampak"],
             "bukti": ["Dokumen matrik identifikasi resiko", "Dokumen analisis resiko"]},
            {"kode": "c", "jawaban": "abc",
             "teks": "Telah dilakukan kegiatan pengendalian untuk meminimalisir risiko yang telah diidentifikasi",
             "opsi": ["Jika unit kerja melakukan kegiatan pengendalian untuk meminimalisir resiko sesuai dengan yang "
                      "ditetapkan organisasi dan juga membuat inovasi terkait kegiatan pengendalian untuk "
                      "meminimalisir resiko yang sesuai dengan karakteristik unit kerja",
                      "Jika unit kerja melakukan kegiatan pengendalian untuk meminimalisir resiko sesuai dengan yang "
                      "ditetapkan organisasi",
                      "Jika unit kerja belum melakukan kegiatan pengendalian untuk meminimalisir resiko"]},
            {"kode": "d", "jawaban": "abc",
             "teks": "SPI telah diinformasikan dan dikomunikasikan kepada seluruh pihak terkait",
             "opsi": ["Jika SPI telah diinformasikan dan dikomunikasikan kepada seluruh pihak terkait",
                      "Jika SPI telah diinformasikan dan dikomunikasikan kepada sebagian pihak terkait",
                      "Jika SPI belum diinformasikan dan dikomunikasikan kepada pihak terkait"],
             "juknis": "V.b.c)",
             "juknis_teks": "Satuan Kerja telah menginformasikan dan mengimplementasikan SPIP kepada seluruh pihak "
                            "terkait",
             "kegiatan": ["Sosialisasi SPIP kepada pegawai"],
             "bukti": ["Dokumen (foto sosialisasi dan atau naskah arahan pembina) implementasi dan sosialisasi SPI"]},
        ]},
        {"kode": "PW.P3", "komponen": "pemenuhan", "nama": "Pengaduan Masyarakat", "bobot": "1.5",
         "juknis": "V.c", "pertanyaan": [
            {"kode": "a", "jawaban": "abc", "usulan": "pengaduan_kebijakan",
             "teks": "Kebijakan Pengaduan masyarakat telah diimplementasikan",
             "opsi": ["Jika unit kerja mengimplementasikan seluruh kebijakan pengaduan masyarakat sesuai dengan yang "
                      "ditetapkan organisasi dan juga membuat inovasi terkait pengaduan masyarakat yang sesuai dengan "
                      "karakteristik unit kerja",
                      "Jika unit kerja telah mengimplementasikan seluruh kebijakan pengaduan masyarakat sesuai dengan "
                      "yang ditetapkan organisasi",
                      "Jika unit kerja belum mengimplementasikan kebijakan pengaduan masyarakat"],
             "juknis": "V.c.a)", "juknis_teks": "Kebijakan Pengaduan masyarakat telah diimplementasikan",
             "kegiatan": ["Menunjuk petugas Pengaduan Masyarakat",
                          "menyediakan kotak khusus pengaduan dan atau e dumas",
                          "pengelolaan Pengaduan melalui Media aplikasi E-dumas"],
             "bukti": [{"nama": "SK petugas Pengaduan Masyarakat", "kunci": "sk_petugas_pengaduan", "jenis": "sk",
                        "batas": "C"},
                       {"nama": "capture kotak khusus pengaduan", "kunci": "capture_kotak_pengaduan", "jenis": "foto"},
                       {"nama": "capture spanduk/banner informasi sarana penyampaian pengaduan",
                        "kunci": "capture_spanduk_pengaduan"},
                       {"nama": "capture sarana pengaduan melalui Media aplikasi E-dumas", "kunci": "capture_edumas",
                        "jenis": "tangkapan_layar"}]},
            {"kode": "b", "jawaban": "ya_tidak", "usulan": "pengaduan_ditindaklanjuti",
             "teks": "Pengaduan masyarakat ditindaklanjuti",
             "opsi": ["Ya, jika pengaduan masyarakat ditindaklanjuti", TIDAK],
             "juknis": "V.c.b)", "juknis_teks": "laporan/pengaduan masyarakat yang diterima ditindaklanjuti",
             "kegiatan": ["merespon pengaduan masyarakat", "menindaklanjuti pengaduan masyarakat"],
             "bukti": [{"nama": "capture respon pengaduan masyarakat", "kunci": "capture_respon_pengaduan"},
                       {"nama": "nota dinas penyampaian pengaduan masyarakat kepada bagian terkait",
                        "kunci": "nota_dinas_pengaduan", "jenis": "laporan_otomatis"}]},
            {"kode": "c", "jawaban": "abc", "usulan": "pengaduan_monev",
             "teks": "Telah dilakukan monitoring dan evaluasi atas penanganan pengaduan masyarakat",
             "opsi": ["Jika penanganan pengaduan masyarakat dimonitoring dan evaluasi secara berkala",
                      "Jika penanganan pengaduan masyarakat dimonitoring dan evaluasi tetapi tidak secara berkala",
                      "Jika penanganan pengaduan masyarakat belum di monitoring dan evaluasi"],
             "juknis": "V.c.c)",
             "juknis_teks": "telah dilakukan monitoring dan evaluasi atas penanganan pengaduan masyarakat",
             "kegiatan": ["melakukan perbaikan layanan sebagai tindak lanjut dari hasil monitoring dan evaluasi "
                          "pengaduan masyarakat",
                          "Menyampaikan hasil monitoring dan evaluasi kepada Bagian terkait"],
             "bukti": [{"nama": "Laporan monitoring dan evaluasi laporan pengaduan", "kunci": "laporan_monev_pengaduan",
                        "jenis": "laporan_otomatis"},
                       {"nama": "Nota dinas penyampaian pengaduan masyarakat kepada bagian terkait untuk "
                                "ditindaklanjuti", "kunci": "nota_dinas_monev_pengaduan"}]},
            {"kode": "d", "jawaban": "abc", "usulan": "pengaduan_monev_tl",
             "teks": "Hasil evaluasi atas penanganan pengaduan masyarakat telah ditindaklanjuti",
             "opsi": ["Jika seluruh hasil evaluasi atas penanganan pengaduan telah ditindaklanjuti oleh unit kerja",
                      "Jika sebagian hasil evaluasi atas penanganan pengaduan telah ditindaklanjuti oleh unit kerja",
                      "Jika hasil evaluasi atas penanganan pengaduan belum ditindaklanjuti"],
             "juknis": "V.c.c) (kedua)",
             "juknis_teks": "hasil evaluasi atas penanganan pengaduan masyarakat telah ditindaklanjuti",
             "kegiatan": ["Menindaklanjuti Laporan monitoring dan evaluasi laporan pengaduan"],
             "bukti": [{"nama": "dokumen laporan tindak lanjut (tindakan perbaikan pelayanan) atas Laporan monitoring "
                                "dan evaluasi laporan pengaduan", "kunci": "laporan_tl_monev_pengaduan",
                        "jenis": "laporan_otomatis"}]},
        ]},
        {"kode": "PW.P4", "komponen": "pemenuhan", "nama": "Whistle-Blowing System", "bobot": "1.5",
         "juknis": "V.d", "pertanyaan": [
            {"kode": "a", "jawaban": "abc", "usulan": "wbs_diterapkan",
             "teks": "Whistle Blowing System telah diterapkan",
             "opsi": ["Jika unit kerja menerapkan seluruh kebijakan Whistle Blowing System sesuai dengan yang "
                      "ditetapkan organisasi dan juga membuat inovasi terkait pelaksanaan Whistle Blowing System yang "
                      "sesuai dengan karakteristik unit kerja",
                      "Jika unit kerja menerapkan kebijakan Whistle Blowing System sesuai dengan yang ditetapkan "
                      "organisasi",
                      "Jika unit kerja belum menerapkan kebijakan Whistle Blowing System"],
             "juknis": "V.d.a)–b)",
             "juknis_teks": "Whistle Blowing System sudah di internalisasi; Whistle Blowing System telah diterapkan",
             "kegiatan": ["Melakukan Internalisasi tentang Whistle-Blowing System pada seluruh pegawai melalui apel "
                          "pagi atau Bimtek atau sosialisasi",
                          "Menerapkan Whistle Blowing System yang terintegrasi melalui website"],
             "bukti": [{"nama": "Dokumen dan capture internalisasi Whistle Blowing System (WBS)",
                        "kunci": "internalisasi_wbs"},
                       {"nama": "Capture Whistle Blowing System", "kunci": "capture_wbs", "jenis": "tangkapan_layar"},
                       {"nama": "SK Tim WBS", "kunci": "sk_tim_wbs", "jenis": "sk", "sumber": "issue", "batas": "C"}]},
            {"kode": "b", "jawaban": "abc", "usulan": "wbs_evaluasi",
             "teks": "Telah dilakukan evaluasi atas penerapan Whistle Blowing System",
             "opsi": ["Jika penerapan Whistle Blowing System dimonitoring dan evaluasi secara berkala",
                      "Jika penerapan Whistle Blowing System dimonitoring dan evaluasi tidak secara berkala",
                      "Jika penerapan Whistle Blowing System belum di monitoring dan evaluasi"],
             "juknis": "V.d.c)", "juknis_teks": "Telah dilakukan evaluasi atas penerapan Whistle Blowing System",
             "kegiatan": ["Menyediakan laporan hasil evaluasi atas penerapan Whistle Blowing System"],
             "bukti": [{"nama": "Dokumen Laporan hasil evaluasi atas penerapan Whistle Blowing System",
                        "kunci": "laporan_evaluasi_wbs", "jenis": "laporan_otomatis"}]},
            {"kode": "c", "jawaban": "abc", "usulan": "wbs_evaluasi_tl",
             "teks": "Hasil evaluasi atas penerapan Whistle Blowing System telah ditindaklanjuti",
             "opsi": ["Jika seluruh hasil evaluasi atas penerapan Whistle Blowing System telah ditindaklanjuti oleh "
                      "unit kerja",
                      "Jika sebagian hasil evaluasi atas penerapan Whistle Blowing System telah ditindaklanjuti oleh "
                      "unit kerja",
                      "Jika hasil evaluasi atas penerapan Whistle Blowing System belum ditindaklanjuti"],
             "juknis": "V.d.d)",
             "juknis_teks": "Hasil evaluasi atas penerapan Whistle Blowing System telah ditindaklanjuti",
             "kegiatan": ["Menyediakan tindak lanjut hasil evaluasi atas penerapan Whistle Blowing System"],
             "bukti": [{"nama": "dokumen Laporan tindak lanjut hasil evaluasi atas penerapan Whistle Blowing System",
                        "kunci": "laporan_tl_evaluasi_wbs", "jenis": "laporan_otomatis"}]},
        ]},
        {"kode": "PW.P5", "komponen": "pemenuhan", "nama": "Penanganan Benturan Kepentingan", "bobot": "1.5",
         "juknis": "V.e", "pertanyaan": [
            {"kode": "a", "jawaban": "abcd",
             "teks": "Telah terdapat identifikasi/pemetaan benturan kepentingan dalam tugas fungsi utama",
             "opsi": ["Jika terdapat identifikasi/pemetaan benturan kepentingan pada seluruh tugas fungsi utama",
                      "Jika terdapat identifikasi/pemetaan benturan kepentingan tetapi pada sebagian besar tugas "
                      "fungsi utama",
                      "Jika terdapat identifikasi/pemetaan benturan kepentingan tetapi pada sebagian kecil tugas "
                      "fungsi utama",
                      "Jika belum terdapat identifikasi/pemetaan benturan kepentingan dalam tugas fungsi utama"],
             "juknis": "V.e.a)", "juknis_teks": "telah dilaksanakan identifikasi/pemetaan benturan kepentingan",
             "kegiatan": ["Melakukan identifikasi/pemetaan benturan kepentingan"],
             "bukti": [{"nama": "laporan data hasil identifikasi/pemetaan benturan kepentingan",
                        "kunci": "pemetaan_benturan_kepentingan"}]},
            {"kode": "b", "jawaban": "abcd",
             "teks": "Penanganan Benturan Kepentingan telah disosialisasikan/internalisasi",
             "opsi": [f"Jika penanganan Benturan Kepentingan disosialisasikan/diinternalisasikan ke {ke} layanan"
                      for ke in ("seluruh", "sebagian besar", "sebagian kecil")]
                     + ["Jika penanganan Benturan Kepentingan belum disosialisasikan/diinternalisasikan ke seluruh "
                        "layanan"],
             "juknis": "V.e.b)",
             "juknis_teks": "penanganan Benturan Kepentingan telah disosialisasikan/ internalisasi",
             "kegiatan": ["Melakukan internalisasi penanganan Benturan Kepentingan kepada pegawai"],
             "bukti": ["dokumen internalisasi penanganan Benturan Kepentingan kepada pegawai"]},
            {"kode": "c", "jawaban": "abcd", "teks": "Penanganan Benturan Kepentingan telah diimplementasikan",
             "opsi": [f"Jika penanganan Benturan Kepentingan diimplementasikan ke {ke} layanan"
                      for ke in ("seluruh", "sebagian besar", "sebagian kecil")]
                     + ["Jika penanganan Benturan Kepentingan belum diimplementasikan ke seluruh layanan"],
             "juknis": "V.e.c)", "juknis_teks": "penanganan Benturan Kepentingan telah diimplementasikan",
             "kegiatan": ["Menerapkan penempatan pegawai pada jabatan tertentu tanpa ada konflik kepentingan dengan "
                          "tugasnya disertai surat pernyataan bebas dari benturan kepentingan"],
             "bukti": [{"nama": "dokumen surat pernyataan bebas dari benturan kepentingan",
                        "kunci": "pernyataan_benturan_kepentingan"}]},
            {"kode": "d", "jawaban": "abc", "teks": "Telah dilakukan evaluasi atas Penanganan Benturan Kepentingan",
             "opsi": ["Jika penanganan Benturan Kepentingan dievaluasi secara berkala oleh unit kerja",
                      "Jika penanganan Benturan Kepentingan dievaluasi tetapi tidak secara berkala oleh unit kerja",
                      "Jika penanganan Benturan Kepentingan belum dievaluasi oleh unit kerja"],
             "juknis": "V.e.d)", "juknis_teks": "telah dilakukan evaluasi atas Penanganan Benturan Kepentingan",
             "kegiatan": ["Melakukan evaluasi atas Penanganan Benturan Kepentingan"],
             "bukti": ["dokumen laporan evaluasi atas Penanganan Benturan Kepentingan"]},
            {"kode": "e", "jawaban": "abc",
             "teks": "Hasil evaluasi atas Penanganan Benturan Kepentingan telah ditindaklanjuti",
             "opsi": ["Jika seluruh hasil evaluasi atas Penanganan Benturan Kepentingan telah ditindaklanjuti oleh "
                      "unit kerja",
                      "Jika sebagian hasil evaluasi atas Penanganan Benturan Kepentingan telah ditindaklanjuti oleh "
                      "unit kerja",
                      "Jika belum ada hasil evaluasi atas Penanganan Benturan Kepentingan yang ditindaklanjuti unit "
                      "kerja"],
             "juknis": "V.e.e)",
             "juknis_teks": "hasil evaluasi atas penanganan Benturan Kepentingan telah ditindaklanjuti",
             "kegiatan": ["Menindaklanjuti hasil evaluasi atas penanganan Benturan Kepentingan"],
             "bukti": ["dokumen laporan tindaklanjut atas penanganan Benturan Kepentingan"]},
        ]},
        {"kode": "PW.R1", "komponen": "reform", "nama": "Mekanisme Pengendalian", "bobot": "2.5", "pertanyaan": [
            {"kode": "a", "jawaban": "abcde",
             "teks": "Telah dilakukan mekanisme pengendalian aktivitas secara berjenjang",
             "opsi": ["Terdapat pengendalian aktivitas utama organisasi yang tersistem mulai dari perencanaan, "
                      "penilaian risiko, pelaksanaan, monitoring, dan pelaporan oleh penanggung jawab aktivitas serta "
                      "pimpinan unit kerja dan telah menghasilkan peningkatan kinerja, mekanisme kerja baru yang lebih "
                      "efektif, efisien, dan terkendali",
                      "Terdapat pengendalian aktivitas utama organisasi yang tersistem mulai dari perencanaan, "
                      "penilaian risiko, pelaksanaan, monitoring, dan pelaporan oleh penanggung jawab aktivitas serta "
                      "pimpinan unit kerja namun belum berdampak pada peningkatan kinerja unit kerja",
                      "Terdapat pengendalian aktivitas utama organisasi yang tersistem mulai dari perencanaan, "
                      "penilaian risiko, pelaksanaan, monitoring, dan pelaporan oleh penanggung jawab aktivitas",
                      "Terdapat pengendalian aktivitas utama organisasi tetapi tidak tersistem",
                      "Tidak terdapat pengendalian atas aktivitas utama organisasi"],
             "bukti": [{"nama": "Dokumen/Formulir pelaksanaan manajemen risiko", "kunci": "formulir_manajemen_risiko",
                        "sumber": "lke"},
                       {"nama": "Dokumen/Formulir pelaksanaan SPIP", "kunci": "formulir_spip", "sumber": "lke"}]},
        ]},
        {"kode": "PW.R2", "komponen": "reform", "nama": "Penanganan Pengaduan Masyarakat", "bobot": "3",
         "pertanyaan": [
            {"kode": "a", "jawaban": "persen", "usulan": "pengaduan_persen",
             "teks": "Persentase penanganan pengaduan masyarakat",
             "penjelasan": "Penilaian ini menghitung realisasi penanganan pengaduan masyarakat yang harus "
                           "diselesaikan: jumlah yang selesai ditindaklanjuti dibagi jumlah yang harus ditindaklanjuti",
             "isian": [("1", "Jumlah pengaduan masyarakat yang harus ditindaklanjuti"),
                       ("2", "Jumlah pengaduan masyarakat yang sedang diproses"),
                       ("3", "Jumlah pengaduan masyarakat yang selesai ditindaklanjuti")],
             "rumus": {"jenis": "rasio", "pembilang": ["3"], "penyebut": ["1"]},
             "bukti": [{"nama": "Dokumen laporan jumlah pengaduan masyarakat yang harus ditindaklanjuti, yang sedang "
                                "diproses, dan yang selesai ditindaklanjuti", "kunci": "laporan_monev_pengaduan",
                        "jenis": "laporan_otomatis", "sumber": "lke"}]},
        ]},
        {"kode": "PW.R3", "komponen": "reform", "nama": "Penyampaian Laporan Harta Kekayaan", "bobot": "2",
         "pertanyaan": [
            {"kode": "a", "jawaban": "persen", "teks": "Penyampaian Laporan Harta Kekayaan Pejabat Negara (LHKPN)",
             "penjelasan": "Persentase penyampaian LHKPN: jumlah yang sudah melaporkan dibagi jumlah yang harus "
                           "melaporkan",
             "isian": [("1", "Jumlah yang harus melaporkan - Kepala satuan kerja"),
                       ("2", "Jumlah yang harus melaporkan - Pejabat yang diwajibkan menyampaikan LHKPN"),
                       ("3", "Jumlah yang harus melaporkan - Lainnya"), ("4", "Jumlah yang sudah melaporkan LHKPN")],
             "rumus": {"jenis": "rasio", "pembilang": ["4"], "penyebut": ["1", "2", "3"]}},
            {"kode": "b", "jawaban": "persen",
             "teks": "Penyampaian Laporan Harta Kekayaan Aparatur Sipil Negara (LHKASN)",
             "penjelasan": "Persentase penyampaian LHKASN (ASN yang tidak wajib LHKPN): jumlah yang sudah melaporkan "
                           "dibagi jumlah yang harus melaporkan",
             "isian": [("1", "Jumlah yang harus melaporkan - Pejabat administrator (eselon III)"),
                       ("2", "Jumlah yang harus melaporkan - Pejabat pengawas (eselon IV)"),
                       ("3", "Jumlah yang harus melaporkan - Jumlah Fungsional dan Pelaksana"),
                       ("4", "Jumlah yang sudah melaporkan")],
             "rumus": {"jenis": "rasio", "pembilang": ["4"], "penyebut": ["1", "2", "3"]}},
        ]},
    ]},
    # ================================================================================================
    {"kode": "PP", "nama": "Peningkatan Kualitas Pelayanan Publik", "jenis": "pengungkit", "bobot": "10",
     "juknis": "VI", "sub_area": [
        {"kode": "PP.P1", "komponen": "pemenuhan", "nama": "Standar Pelayanan", "bobot": "1", "juknis": "VI.a",
         "pertanyaan": [
            {"kode": "a", "jawaban": "abcde", "teks": "Terdapat kebijakan standar pelayanan",
             "opsi": ["Terdapat penetapan Standar Pelayanan terhadap seluruh jenis pelayanan, dan sesuai asas serta "
                      "komponen standar pelayanan publik yang berlaku",
                      "Terdapat penetapan Standar Pelayanan terhadap sebagian jenis pelayanan, dan sesuai asas serta "
                      "komponen standar pelayanan publik yang berlaku",
                      "Terdapat penetapan Standar Pelayanan terhadap seluruh jenis pelayanan, namun tidak sesuai asas "
                      "serta komponen standar pelayanan publik yang berlaku",
                      "Terdapat penetapan Standar Pelayanan terhadap sebagian jenis pelayanan, namun tidak sesuai "
                      "asas serta komponen standar pelayanan publik yang berlaku",
                      "Standar Pelayanan belum ditetapkan"],
             "juknis": "VI.a.a), c)",
             "juknis_teks": "Terdapat Standar pelayanan; terdapat SOP bagi pelaksanaan standar pelayanan",
             "kegiatan": ["Menyusun Standar Pelayanan Sesuai dengan Peraturan Menteri PANRB Nomor 15 tahun 2014 "
                          "tentang Standart Pelayanan",
                          "Membuat SOP pelaksanaan standar pelayanan"],
             "bukti": [{"nama": "Dokumen Standar pelayanan", "kunci": "standar_pelayanan", "jenis": "sk",
                        "batas": "E"},
                       {"nama": "dokumen SOP pelaksanaan standar pelayanan", "kunci": "sop_standar_pelayanan",
                        "jenis": "sop"}]},
            {"kode": "b", "jawaban": "abcd", "teks": "Standar pelayanan telah dimaklumatkan",
             "opsi": ["Standar pelayanan telah dimaklumatkan pada seluruh jenis pelayanan dan dipublikasikan di "
                      "website dan media lainnya",
                      "Standar pelayanan telah dimaklumatkan pada sebagian besar jenis pelayanan dan dipublikasikan "
                      "minimal di website",
                      "Standar pelayanan telah dimaklumatkan pada sebagian kecil jenis pelayanan dan belum "
                      "dipublikasikan",
                      "Standar pelayanan belum dimaklumatkan pada seluruh jenis pelayanan dan belum dipublikasikan"],
             "juknis": "VI.a.b)", "juknis_teks": "standar pelayanan telah dimaklumkan",
             "kegiatan": ["membuat maklumat standar pelayanan", "melakukan pemasangan maklumat standar pelayanan"],
             "bukti": [{"nama": "capture maklumat standar pelayanan ditempat pelayanan", "kunci": "capture_maklumat"},
                       {"nama": "Maklumat pelayanan yang ditandatangani", "kunci": "maklumat_pelayanan", "jenis": "sk",
                        "sumber": "issue", "batas": "D"}]},
            {"kode": "c", "jawaban": "abcd", "teks": "Dilakukan reviu dan perbaikan atas standar pelayanan",
             "opsi": ["Dilakukan reviu dan perbaikan atas standar pelayanan dan dilakukan dengan melibatkan "
                      "stakeholders (antara lain: tokoh masyarakat, akademisi, dunia usaha, dan lembaga swadaya "
                      "masyarakat), serta memanfaatkan masukan hasil SKM dan pengaduan masyarakat",
                      "Dilakukan reviu dan perbaikan atas standar pelayanan dan dilakukan dengan memanfaatkan masukan "
                      "hasil SKM dan pengaduan masyarakat, namun tanpa melibatkan stakeholders",
                      "Dilakukan reviu dan perbaikan atas standar pelayanan, namun dilakukan tanpa memanfaatkan "
                      "masukan hasil SKM dan pengaduan masyarakat, serta tanpa melibatkan stakeholders",
                      "Belum dilakukan reviu dan perbaikan atas standar pelayanan"],
             "juknis": "VI.a.d)", "juknis_teks": "reviu dan perbaikan atas standar pelayanan dan SOP",
             "kegiatan": ["Melaksanakan reviu dan perbaikan atas standar pelayanan dan SOP"],
             "bukti": [{"nama": "dokumen reviu dan perbaikan atas standar pelayanan dan SOP",
                        "kunci": "reviu_standar_pelayanan"},
                       {"nama": "Bahan reviu standar pelayanan (hasil SKM dan tema pengaduan per layanan)",
                        "kunci": "bahan_reviu_standar", "jenis": "laporan_otomatis", "sumber": "issue"}]},
            {"kode": "d", "jawaban": "ya_tidak",
             "teks": "Telah melakukan publikasi atas standar pelayanan dan maklumat pelayanan",
             "opsi": ["Ya, telah melakukan publikasi atas standar pelayanan dan maklumat pelayanan", TIDAK],
             "bukti": [{"nama": "Capture/foto maklumat standar pelayanan di tempat pelayanan, website, dan media "
                                "lainnya", "kunci": "publikasi_standar_pelayanan", "sumber": "lke"}]},
        ]},
        {"kode": "PP.P2", "komponen": "pemenuhan", "nama": "Budaya Pelayanan Prima", "bobot": "1", "juknis": "VI.b",
         "pertanyaan": [
            {"kode": "a", "jawaban": "abcde",
             "teks": "Telah dilakukan berbagai upaya peningkatan kemampuan dan/atau kompetensi tentang penerapan "
                     "budaya pelayanan prima",
             "opsi": ["Telah dilakukan pelatihan/sosialisasi pelayanan prima secara berkelanjutan dan terjadwal, "
                      "sehingga seluruh petugas/pelaksana layanan memiliki kompetensi sesuai kebutuhan jenis layanan "
                      "serta terdapat monev yang melihat kemampuan/kecakapan petugas/pelaksana layanan",
                      "Telah dilakukan pelatihan/sosialisasi pelayanan prima, dan seluruh petugas/pelaksana layanan "
                      "memiliki kompetensi sesuai kebutuhan jenis layanan",
                      "Telah dilakukan pelatihan/sosialisasi pelayanan prima, akan tetapi baru sebagian besar "
                      "petugas/pelaksana layanan memiliki kompetensi sesuai kebutuhan jenis layanan",
                      "Telah dilakukan pelatihan/sosialisasi pelayanan prima namun secara terbatas, sehingga hanya "
                      "sebagian kecil petugas/pelaksana layanan yang memiliki kompetensi sesuai kebutuhan jenis "
                      "layanan",
                      "Belum dilakukan pelatihan/sosialisasi pelayanan prima, dan seluruh petugas/pelaksana layanan "
                      "belum memiliki kompetensi sesuai kebutuhan jenis layanan"],
             "juknis": "VI.b.a)",
             "juknis_teks": "telah dilakukan sosialisasi/pelatihan dalam upaya penerapan Budaya Pelayanan Prima",
             "kegiatan": ["Melakukan sosialisasi/pelatihan Pelayanan Prima kepada pegawai"],
             "bukti": ["dokumen sosialisasi Pelayanan Prima kepada pegawai"]},
            {"kode": "b", "jawaban": "abcd", "teks": "Informasi tentang pelayanan mudah diakses melalui berbagai media",
             "opsi": ["Seluruh Informasi tentang pelayanan dapat diakses secara online (website/media sosial) dan "
                      "terhubung dengan sistem informasi pelayanan publik nasional",
                      "Seluruh Informasi tentang pelayanan dapat diakses secara online (website/media sosial), namun "
                      "belum terhubung dengan sistem informasi pelayanan publik nasional",
                      "Seluruh Informasi tentang pelayanan belum online, hanya dapat diakses di tempat layanan "
                      "(intranet dan non elektronik)",
                      "Informasi tentang pelayanan sulit diakses"],
             "juknis": "VI.b.b)", "juknis_teks": "informasi tentang pelayanan mudah diakses melalui berbagai media",
             "kegiatan": ["Menyediakan informasi yang mudah diakses oleh masyarakat dalam memperoleh informasi "
                          "layanan dan kegiatan melalui media cetak, papan pengumuman, media sosial, website, dan "
                          "lain-lain"],
             "bukti": ["capture sarana informasi layanan"]},
            {"kode": "c", "jawaban": "abcd",
             "teks": "Telah terdapat sistem pemberian penghargaan dan sanksi bagi petugas pemberi pelayanan",
             "opsi": ["Telah terdapat kebijakan pemberian penghargaan dan sanksi yang minimal memenuhi unsur "
                      "penilaian: disiplin, kinerja, dan hasil penilaian pengguna layanan, dan telah diterapkan secara "
                      "rutin/berkelanjutan",
                      "Telah terdapat kebijakan pemberian penghargaan dan sanksi yang minimal memenuhi unsur "
                      "penilaian: disiplin, kinerja, dan hasil penilaian pengguna layanan, namun belum diterapkan "
                      "secara rutin/berkelanjutan",
                      "Telah terdapat kebijakan pemberian penghargaan dan sanksi, namun belum memenuhi unsur penilaian "
                      "minimal: disiplin, kinerja, dan hasil penilaian pengguna layanan",
                      "Belum terdapat kebijakan pemberian penghargaan dan sanksi"],
             "juknis": "VI.b.c)",
             "juknis_teks": "telah terdapat punishment (sanksi)/reward (penghargaan) bagi pelaksana layanan serta "
                            "pemberian kompensasi kepada penerima layanan bila layanan yang diberikan tidak sesuai "
                            "standar",
             "kegiatan": ["pemberian reward kepada pegawai dibidang pelayanan (penghargaan pegawai teladan)",
                          "pemberian punishment terhadap pegawai yang melakukan pelanggaran (hukuman disiplin)"],
             "bukti": ["Dokumen penghargaan pegawai teladan sebagai reward, dokumen hukuman disiplin sebagai "
                       "punishment serta kompensasi kepada penerima layanan"]},
            {"kode": "d", "jawaban": "abcd",
             "teks": "Telah terdapat sistem pemberian kompensasi kepada penerima layanan bila layanan tidak sesuai "
                     "standar",
             "opsi": [f"Telah terdapat sistem pemberian kompensasi bila layanan tidak sesuai standar bagi penerima "
                      f"layanan di {ke} jenis layanan" for ke in ("seluruh", "sebagian besar", "sebagian kecil")]
                     + ["Belum terdapat sistem pemberian kompensasi bila layanan tidak sesuai standar"],
             "juknis": "VI.b.c)",
             "juknis_teks": "telah terdapat punishment (sanksi)/reward (penghargaan) bagi pelaksana layanan serta "
                            "pemberian kompensasi kepada penerima layanan bila layanan yang diberikan tidak sesuai "
                            "standar",
             "bukti": ["Dokumen penghargaan pegawai teladan sebagai reward, dokumen hukuman disiplin sebagai "
                       "punishment serta kompensasi kepada penerima layanan"]},
            {"kode": "e", "jawaban": "abcd", "teks": "Terdapat sarana layanan terpadu/terintegrasi",
             "opsi": [f"Jika {ke} pelayanan sudah dilakukan secara terpadu/terintegrasi"
                      for ke in ("seluruh", "sebagian besar", "sebagian kecil")]
                     + ["Jika tidak ada pelayanan yang dilakukan secara terpadu/terintegrasi"],
             "juknis": "VI.b.d)", "juknis_teks": "Telah terdapat sarana layanan terpadu/terintegrasi",
             "kegiatan": ["Menyediakan layanan terpadu", "LTSP (Layanan Terpadu Terintegrasi)"],
             "bukti": ["Capture layanan terpadu terintegrasi"]},
            {"kode": "f", "jawaban": "abcde", "teks": "Terdapat inovasi pelayanan",
             "opsi": ["Jika unit kerja telah memiliki inovasi pelayanan yang berbeda dengan unit kerja lain dan "
                      "mendekatkan pelayanan dengan masyarakat serta telah direplikasi",
                      "Jika unit kerja telah memiliki inovasi pelayanan yang berbeda dengan unit kerja lain dan "
                      "mendekatkan pelayanan dengan masyarakat",
                      "Jika unit kerja memiliki inovasi yang merupakan replikasi dan pengembangan dari inovasi yang "
                      "sudah ada",
                      "Jika unit kerja telah memiliki inovasi akan tetapi merupakan pelaksanaan inovasi dari instansi "
                      "pemerintah",
                      "Jika unit kerja belum memiliki inovasi pelayanan"]},
        ]},
        {"kode": "PP.P3", "komponen": "pemenuhan", "nama": "Pengelolaan Pengaduan", "bobot": "1", "pertanyaan": [
            {"kode": "a", "jawaban": "abcde", "usulan": "pengaduan_kanal",
             "teks": "Terdapat media pengaduan dan konsultasi pelayanan yang terintegrasi dengan SP4N-LAPOR!",
             "opsi": ["Terdapat media konsultasi dan pengaduan secara offline dan online, tersedia petugas khusus "
                      "yang menangani, dan terintegrasi dengan SP4N-LAPOR!",
                      "Terdapat media konsultasi dan pengaduan secara offline dan online, tersedia petugas khusus "
                      "yang menangani namun belum terintegrasi dengan SP4N-LAPOR!",
                      "Terdapat media konsultasi dan pengaduan secara offline dan online, namun belum tersedia "
                      "petugas khusus yang menangani",
                      "Hanya terdapat media konsultasi dan pengaduan secara offline",
                      "Tidak terdapat media konsultasi dan pengaduan"],
             "bukti": [{"nama": "Tangkapan layar profil instansi pada SP4N-LAPOR! (lapor.go.id)",
                        "kunci": "capture_sp4n_lapor", "jenis": "tangkapan_layar", "sumber": "lke"},
                       {"nama": "capture kotak khusus pengaduan", "kunci": "capture_kotak_pengaduan", "jenis": "foto"},
                       {"nama": "SK petugas Pengaduan Masyarakat", "kunci": "sk_petugas_pengaduan", "jenis": "sk"}]},
            {"kode": "b", "jawaban": "abc", "usulan": "pengaduan_unit",
             "teks": "Terdapat unit yang mengelola pengaduan dan konsultasi pelayanan",
             "opsi": ["Terdapat unit pengelola khusus untuk konsultasi dan pengaduan, serta surat penugasan pengelola "
                      "SP4N-LAPOR! di level unit kerja",
                      "Terdapat SK pengelola SP4N-LAPOR! di level instansi dan/atau surat penugasan pengelola "
                      "SP4N-LAPOR! di level unit kerja, namun unit pengelola khusus untuk konsultasi dan pengaduan "
                      "belum ada",
                      "Belum terdapat unit pengelola khusus untuk konsultasi dan pengaduan, serta belum terdapat SK "
                      "pengelola SP4N-LAPOR! di level instansi dan/atau surat penugasan pengelola SP4N-LAPOR! di level "
                      "unit kerja"],
             "bukti": [{"nama": "SK pengelola SP4N-LAPOR! dan/atau surat penugasan pengelola SP4N-LAPOR! di level unit "
                                "kerja", "kunci": "sk_pengelola_sp4n", "jenis": "sk", "sumber": "lke", "batas": "C"},
                       {"nama": "SK tim pengelola pengaduan", "kunci": "sk_unit_pengelola_pengaduan", "jenis": "sk",
                        "sumber": "lke"}]},
            {"kode": "c", "jawaban": "abc", "usulan": "pengaduan_evaluasi",
             "teks": "Telah dilakukan evaluasi atas penanganan keluhan/masukan dan konsultasi",
             "opsi": ["Evaluasi atas penanganan keluhan/masukan dan konsultasi dilakukan secara berkala",
                      "Evaluasi atas penanganan keluhan/masukan dan konsultasi dilakukan tidak berkala",
                      "Belum dilakukan evaluasi penanganan keluhan/masukan dan konsultasi"],
             "bukti": [{"nama": "Laporan monitoring dan evaluasi laporan pengaduan", "kunci": "laporan_monev_pengaduan",
                        "jenis": "laporan_otomatis"}]},
        ]},
        {"kode": "PP.P4", "komponen": "pemenuhan", "nama": "Penilaian Kepuasan terhadap Pelayanan", "bobot": "1",
         "juknis": "VI.c", "pertanyaan": [
            {"kode": "a", "jawaban": "abcde", "usulan": "skm_frekuensi",
             "teks": "Telah dilakukan survei kepuasan masyarakat terhadap pelayanan",
             "opsi": [f"Survei kepuasan masyarakat terhadap pelayanan dilakukan minimal {n} kali dalam setahun"
                      for n in (4, 3, 2, 1)]
                     + ["Belum dilakukan survei kepuasan masyarakat terhadap pelayanan"],
             "juknis": "VI.c.a)",
             "juknis_teks": "untuk mengetahui tingkat kepuasan masyarakat terhadap pelayanan yang diberikan oleh unit "
                            "pelayanan",
             "kegiatan": ["melakukan Survei Kepuasan Masyarakat (SKM)"],
             "bukti": [{"nama": "Dokumen laporan survei", "kunci": "laporan_skm", "jenis": "laporan_otomatis"}]},
            {"kode": "b", "jawaban": "abc", "usulan": "skm_publikasi",
             "teks": "Hasil survei kepuasan masyarakat dapat diakses secara terbuka",
             "opsi": ["Hasil survei kepuasan masyarakat dapat diakses secara online (website, media sosial, dll) dan "
                      "offline",
                      "Hasil survei kepuasan masyarakat hanya dapat diakses secara offline di tempat layanan",
                      "Hasil survei kepuasan masyarakat tidak dipublikasi"],
             "juknis": "VI.c.b)", "juknis_teks": "Hasil survei dipublikasikan secara terbuka kepada masyarakat",
             "kegiatan": ["Hasil survei dipublikasikan secara terbuka kepada masyarakat melalui Website, Media sosial "
                          "dan banner/spanduk"],
             "bukti": [{"nama": "Capture dan foto/Dokumentasi", "kunci": "publikasi_skm"},
                       {"nama": "Foto poster hasil SKM yang terpasang di tempat layanan", "kunci": "foto_poster_skm",
                        "jenis": "foto", "sumber": "issue"}]},
            {"kode": "c", "jawaban": "abcd", "usulan": "skm_tindak_lanjut",
             "teks": "Dilakukan tindak lanjut atas hasil survei kepuasan masyarakat",
             "opsi": [f"Jika dilakukan tindak lanjut atas {ke} hasil survei kepuasan masyarakat"
                      for ke in ("seluruh", "sebagian besar", "sebagian kecil")]
                     + ["Jika belum dilakukan tindak lanjut atas hasil survei kepuasan masyarakat"],
             "juknis": "VI.c.c)",
             "juknis_teks": "dilakukan tindak lanjut atas hasil survei kepuasan masyarakat",
             "kegiatan": ["Melaksanakan perbaikan layanan sebagai tindak lanjut dari survei"],
             "bukti": [{"nama": "Dokumen laporan perbaikan pelayanan sebagai tindak lanjut dari survei kepuasan "
                                "masyarakat", "kunci": "laporan_tl_skm"}]},
        ]},
        {"kode": "PP.P5", "komponen": "pemenuhan", "nama": "Pemanfaatan Teknologi Informasi", "bobot": "1",
         "pertanyaan": [
            {"kode": "a", "jawaban": "abcd", "teks": "Telah menerapkan teknologi informasi dalam memberikan pelayanan",
             "opsi": [f"Terdapat pelayanan yang menggunakan teknologi informasi pada {ke} proses pemberian layanan"
                      for ke in ("seluruh", "sebagian besar", "sebagian kecil")]
                     + ["Terdapat pelayanan yang belum menggunakan teknologi informasi pada proses pemberian "
                        "pelayanan"]},
            {"kode": "b", "jawaban": "ya_tidak", "teks": "Telah membangun database pelayanan yang terintegrasi",
             "opsi": ["Ya, jika telah membangun database pelayanan yang terintegrasi", TIDAK]},
            {"kode": "c", "jawaban": "abc", "teks": "Telah dilakukan perbaikan secara terus menerus",
             "opsi": ["Perbaikan dilakukan secara terus-menerus", "Perbaikan dilakukan tidak secara terus menerus",
                      "Belum dilakukan perbaikan"]},
        ]},
        {"kode": "PP.R1", "komponen": "reform", "nama": "Upaya dan/atau Inovasi Pelayanan Publik", "bobot": "2.5",
         "pertanyaan": [
            {"kode": "a", "jawaban": "abcd",
             "teks": "Upaya dan/atau inovasi telah mendorong perbaikan pelayanan publik pada: kesesuaian persyaratan; "
                     "kemudahan sistem, mekanisme, dan prosedur; kecepatan waktu penyelesaian; kejelasan biaya/tarif, "
                     "gratis; kualitas produk spesifikasi jenis pelayanan",
             "opsi": ["Upaya dan/atau inovasi yang dilakukan telah mendorong perbaikan seluruh pelayanan publik yang "
                      "prima (lebih cepat dan mudah)",
                      "Upaya dan/atau inovasi yang dilakukan belum seluruhnya memberikan dampak pada perbaikan "
                      "pelayanan publik yang prima (cepat dan mudah)",
                      "Upaya dan/atau inovasi yang dilakukan belum sesuai kebutuhan", "Belum ada inovasi"]},
            {"kode": "b", "jawaban": "persen",
             "teks": "Upaya dan/atau inovasi pada perijinan/pelayanan telah dipermudah: waktu lebih cepat; pelayanan "
                     "publik yang terpadu; alur lebih pendek/singkat; terintegrasi dengan aplikasi",
             "penjelasan": "Persentase diperoleh dari Jumlah perijinan/pelayanan yang telah dipermudah dibagi dengan "
                           "Jumlah perijinan/pelayanan yang terdata/terdaftar",
             "isian": [("1", "Jumlah perijinan/pelayanan yang terdata/terdaftar"),
                       ("2", "Jumlah perijinan/pelayanan yang telah dipermudah")],
             "rumus": {"jenis": "rasio", "pembilang": ["2"], "penyebut": ["1"]}},
        ]},
        {"kode": "PP.R2", "komponen": "reform", "nama": "Penanganan Pengaduan Pelayanan dan Konsultasi",
         "bobot": "2.5", "pertanyaan": [
            {"kode": "a", "jawaban": "abcd", "usulan": "pengaduan_responsif",
             "teks": "Penanganan pengaduan pelayanan dilakukan melalui berbagai kanal/media secara responsive dan "
                     "bertanggung jawab",
             "opsi": ["Pengaduan pelayanan dan konsultasi telah direspon dengan cepat melalui berbagai kanal/media",
                      "Pengaduan pelayanan dan konsultasi telah direspon dengan cepat melalui kanal/media yang "
                      "terbatas",
                      "Pengaduan pelayanan dan konsultasi direspon lambat melalui berbagai kanal/media",
                      "Pengaduan pelayanan dan konsultasi direspon lambat dan kanal/media terbatas"],
             "bukti": [{"nama": "SK tim pengelola pengaduan", "kunci": "sk_unit_pengelola_pengaduan", "jenis": "sk",
                        "sumber": "lke"},
                       {"nama": "Capture media layanan pengaduan seperti sarana pengaduan offline, WA, media sosial, "
                                "atau email pengaduan", "kunci": "capture_media_pengaduan", "sumber": "lke"},
                       {"nama": "Laporan monitoring, evaluasi, dan tindak lanjut penanganan pengaduan",
                        "kunci": "laporan_monev_pengaduan", "jenis": "laporan_otomatis", "sumber": "lke"}]},
        ]},
    ]},
    # ================================================================================================
    {"kode": "HS", "nama": "Hasil", "jenis": "hasil", "bobot": "40", "juknis": "II.E", "sub_area": [
        {"kode": "HS.1", "komponen": "hasil",
         "nama": "Nilai Survei Persepsi Korupsi (Survei Eksternal: Indeks Persepsi Anti Korupsi/IPAK)",
         "bobot": "17.5", "juknis": "II.E.1", "pertanyaan": [
            {"kode": "a", "jawaban": "indeks", "usulan": "ipak",
             "teks": "Indeks Persepsi Anti Korupsi (IPAK), skala 1–4",
             "penjelasan": "Nilai LKE = indeks ÷ 4 × 17,5. Hasil survei eksternal; survei internal layanan ini hanya "
                           "memperkirakannya.",
             "juknis_teks": "Nilai persepsi korupsi (survei eksternal)"},
        ]},
        {"kode": "HS.2", "komponen": "hasil", "nama": "Capaian Kinerja Lebih Baik dari pada Capaian Kinerja Sebelumnya",
         "bobot": "5", "juknis": "II.E.1", "pertanyaan": [
            {"kode": "a", "jawaban": "abcde", "ditinjau": True,
             "teks": "Capaian kinerja lebih baik dari pada capaian kinerja sebelumnya",
             "opsi": ["Seluruh capaian kinerja lebih baik dari capaian kinerja sebelumnya",
                      "Sebagian besar capaian kinerja lebih baik dari capaian kinerja sebelumnya",
                      "Sebagian capaian kinerja lebih baik dari capaian kinerja sebelumnya",
                      "Sebagian kecil capaian kinerja lebih baik dari capaian kinerja sebelumnya",
                      "Tidak ada capaian kinerja yang lebih baik dari capaian kinerja sebelumnya"],
             "juknis_teks": "Presentase penyelesaian Tindak Lanjut Hasil Pemeriksaan (TLHP)"},
        ]},
        {"kode": "HS.3", "komponen": "hasil",
         "nama": "Nilai Persepsi Kualitas Pelayanan (Survei Eksternal: Indeks Persepsi Kualitas Pelayanan/IPKP)",
         "bobot": "17.5", "juknis": "II.E.2", "pertanyaan": [
            {"kode": "a", "jawaban": "indeks", "usulan": "ipkp",
             "teks": "Indeks Persepsi Kualitas Pelayanan (IPKP), skala 1–4",
             "penjelasan": "Nilai LKE = indeks ÷ 4 × 17,5. Hasil survei eksternal; survei internal layanan ini hanya "
                           "memperkirakannya.",
             "juknis_teks": "nilai persepsi kualitas pelayanan (survei eksternal)"},
        ]},
    ]},
]
