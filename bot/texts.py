"""Every sentence the bot says, in Indonesian (the source language); English lives in translations/en/bot.po.

Placeholders are %(name)s, filled by bot.i18n.tr. Domain labels (statuses, types, survey answers) are not
repeated here: they come from the domain packages and their own catalogue entries.
"""
from __future__ import annotations

from core.errors import N_

# --- menu, help, language ------------------------------------------------------------------------------
START = N_(
    "Selamat datang di layanan pengaduan %(kantor)s.\n\n"
    "Bot ini dikelola oleh %(kantor)s untuk menerima pengaduan masyarakat, memberi kabar status pengaduan, "
    "survei kepuasan masyarakat (SKM), serta informasi WBS dan gratifikasi. Layanan ini gratis.\n\n"
    "Privasi: Telegram mengetahui siapa Anda (akun dan nomor Anda). Pengaduan Anda disimpan terenkripsi dan "
    "hanya dibaca petugas pengaduan. Untuk melapor tanpa dikenali sama sekali, gunakan WBS di situs web "
    "(%(wbs)s), bukan bot ini.\n\n"
    "Pilih menu di bawah ini, atau ketik /bantuan.")
MENU_LAPOR = N_("Sampaikan pengaduan")
MENU_STATUS = N_("Cek status pengaduan")
MENU_SURVEI = N_("Isi survei kepuasan")
MENU_WBS = N_("Laporkan pelanggaran (WBS)")
MENU_GRATIFIKASI = N_("Gratifikasi: wajib lapor?")
MENU_BANTUAN = N_("Bantuan")
MENU_BAHASA = N_("Bahasa / Language")
BANTUAN = N_(
    "Perintah yang tersedia:\n"
    "/lapor — sampaikan pengaduan, aspirasi, atau permintaan informasi\n"
    "/status NOMOR KODE — cek status pengaduan dengan nomor tiket dan kode pelacakan\n"
    "/survei — isi survei kepuasan masyarakat\n"
    "/wbs — laporkan dugaan pelanggaran oleh pegawai\n"
    "/gratifikasi — periksa apakah suatu pemberian wajib dilaporkan\n"
    "/bahasa — ganti bahasa (Indonesia / English)\n"
    "/batal — hentikan percakapan yang sedang berjalan\n\n"
    "Percakapan berakhir sendiri bila tidak ada jawaban selama 30 menit. Layanan ini gratis; petugas kami "
    "tidak pernah meminta imbalan.")
BAHASA_PILIH = N_("Pilih bahasa / Choose a language:")
BAHASA_ID = N_("Bahasa Indonesia dipilih.")
BAHASA_EN = N_("Bahasa Inggris dipilih.")
TIDAK_MENGERTI = N_("Maaf, saya tidak mengerti pesan itu. Ketik /start untuk menu atau /bantuan untuk petunjuk.")
PERINTAH_TIDAK_DIKENAL = N_("Perintah itu tidak dikenal. Ketik /bantuan untuk daftar perintah.")
DIBATALKAN = N_("Dibatalkan.")
TIDAK_ADA_BATAL = N_("Tidak ada percakapan yang sedang berjalan. Ketik /start untuk menu.")
HANYA_PRIBADI = N_("Bot ini hanya melayani obrolan pribadi. Buka obrolan pribadi dengan bot ini, lalu ketik /start.")
GANGGUAN = N_("Maaf, terjadi gangguan di pihak kami. Silakan coba lagi sebentar lagi.")

# --- answers that do not fit the question ---------------------------------------------------------------
PILIH_TOMBOL = N_("Silakan pilih dengan menekan salah satu tombol.")
HARAP_TEKS = N_("Mohon jawab dengan pesan teks.")
STIKER = N_("Stiker tidak dapat kami proses.")
TOMBOL_LAMA = N_("Tombol ini sudah tidak berlaku.")
DISUNTING = N_("Pesan yang diubah tidak kami proses. Bila ingin mengganti jawaban, kirim sebagai pesan baru "
               "(atau pilih «Ubah» pada ringkasan).")
DI_PERCAKAPAN = N_("Anda sedang mengisi %(apa)s. Jawab pertanyaan terakhir, atau ketik /batal untuk berhenti.")
LEWATI = N_("Lewati")
SELESAI = N_("Selesai")
BATAL = N_("Batal")
YA = N_("Ya")
TIDAK = N_("Tidak")
KIRIM = N_("Kirim")
UBAH = N_("Ubah")
HARI_INI = N_("Hari ini")
KEMARIN = N_("Kemarin")
TANGGAL_SALAH = N_("Tanggal tidak dikenali. Tulis seperti 31/12/2026.")
TANGGAL_DEPAN = N_("Tanggal tidak boleh setelah hari ini.")
BERKAS_BESAR = N_("Berkas ini terlalu besar (%(ukuran)s); batasnya %(batas)s per berkas, jadi tidak kami unduh. "
                  "Kirim berkas yang lebih kecil, atau tekan «Selesai».")
BERKAS_JENIS = N_("Jenis berkas ini tidak diterima. Kirim foto, atau dokumen JPEG, PNG, WebP, atau PDF.")
BERKAS_GAGAL = N_("Berkas tidak dapat diambil dari Telegram saat ini. Coba kirim sekali lagi.")
BERKAS_PENUH = N_("Sudah %(n)s berkas (batas maksimal). Tekan «Selesai» untuk lanjut.")
BERKAS_OK = N_("Berkas «%(nama)s» diterima (%(jumlah)s dari paling banyak %(n)s). Kirim lagi, atau tekan «Selesai».")
BERKAS_BELUM_DIMINTA = N_("Foto dan dokumen dapat dikirim pada langkah lampiran. Untuk pertanyaan ini, jawab dengan teks.")

# --- /lapor ----------------------------------------------------------------------------------------------
L_NAMA_PERCAKAPAN = N_("pengaduan")
L_MULAI = N_("Pengaduan baru. Saya akan bertanya satu per satu; ketik /batal kapan saja untuk berhenti. "
             "Percakapan berakhir sendiri bila tidak ada jawaban selama 30 menit.")
L_JENIS = N_("Apa jenis laporan Anda?")
L_KATEGORI = N_("Pilih kategori:")
L_JUDUL = N_("Tuliskan judul singkat pengaduan Anda (maksimal 200 karakter).")
L_URAIAN = N_("Ceritakan apa yang terjadi: kronologi, pihak atau layanan yang terkait, dan harapan Anda.")
L_LOKASI = N_("Di mana kejadiannya? Tulis tempatnya, atau tekan «Lewati».")
L_TANGGAL = N_("Kapan kejadiannya? Tulis tanggal seperti 31/12/2026, pilih tombol, atau tekan «Lewati».")
L_LAMPIRAN = N_("Ada foto atau dokumen pendukung? Kirim sekarang (foto, atau JPEG, PNG, WebP, PDF; paling banyak "
                "%(n)s berkas, masing-masing maksimal %(batas)s). Tekan «Selesai» bila sudah, atau «Lewati».")
L_IDENTITAS = N_("Bagaimana identitas Anda dicantumkan?\n"
                 "• Nama Telegram saya: %(nama)s, lalu kontak yang dapat dihubungi\n"
                 "• Ketik nama dan kontak sendiri\n"
                 "• Anonim: tanpa identitas. Petugas tidak dapat menghubungi Anda, tetapi Anda tetap dapat memantau "
                 "status dengan nomor tiket dan kode pelacakan.")
L_ID_TELEGRAM = N_("Nama Telegram saya")
L_ID_KETIK = N_("Ketik nama dan kontak")
L_ID_ANONIM = N_("Anonim")
L_NAMA = N_("Tuliskan nama Anda.")
L_KONTAK = N_("Tuliskan nomor telepon atau alamat e-mail agar petugas dapat menghubungi Anda, atau tekan "
              "«Bagikan nomor telepon».")
L_BAGIKAN_NOMOR = N_("Bagikan nomor telepon")
L_KONTAK_BUKAN_MILIK = N_("Kirim nomor telepon Anda sendiri, atau ketik nomor telepon atau e-mail.")
L_KONTAK_OK = N_("Kontak dicatat.")
L_RAHASIA = N_("Rahasiakan pengaduan ini? Bila ya, isinya tidak pernah dipublikasikan dan identitas Anda disamarkan "
               "dalam nota dinas kepada unit.")
L_KABAR = N_("Kirim kabar setiap perubahan status ke obrolan ini? Untuk itu kami menyimpan ID obrolan Telegram Anda, "
             "terenkripsi, hanya untuk mengirim kabar pengaduan ini.")
L_RINGKASAN = N_("Periksa pengaduan Anda sebelum dikirim:")
L_F_JENIS = N_("Jenis")
L_F_KATEGORI = N_("Kategori")
L_F_JUDUL = N_("Judul")
L_F_URAIAN = N_("Uraian")
L_F_LOKASI = N_("Tempat kejadian")
L_F_TANGGAL = N_("Tanggal kejadian")
L_F_LAMPIRAN = N_("Lampiran")
L_F_IDENTITAS = N_("Identitas")
L_F_RAHASIA = N_("Rahasia")
L_F_KABAR = N_("Kabar status ke obrolan ini")
L_KOSONG = N_("(tidak diisi)")
L_N_BERKAS = N_("%(n)s berkas")
L_SETUJU = N_("Dengan menekan «Kirim», Anda menyetujui pemberitahuan privasi: data Anda disimpan terenkripsi, hanya "
              "dibaca petugas pengaduan, dan diteruskan ke unit hanya bila perlu untuk menindaklanjuti.")
L_UBAH_APA = N_("Bagian mana yang ingin diubah?")
L_TERKIRIM = N_("Pengaduan Anda sudah kami terima.\n\n"
                "Nomor tiket: %(tiket)s\n"
                "Kode pelacakan: %(kode)s\n\n"
                "Simpan kode ini baik-baik: kode hanya ditampilkan sekali ini dan tidak kami simpan. Cek status kapan "
                "saja dengan perintah:\n/status %(tiket)s %(kode)s\natau di situs web: %(lacak)s\n\n"
                "Verifikasi paling lambat %(batas)s. Layanan ini gratis.")
L_KABAR_AKTIF = N_("Kabar perubahan status akan dikirim ke obrolan ini.")
L_BATAL = N_("Pengaduan dibatalkan; isian Anda tidak disimpan.")
L_KEDALUWARSA = N_("Percakapan pengaduan berakhir karena tidak ada jawaban selama 30 menit. Isian Anda tidak "
                   "disimpan. Ketik /lapor untuk memulai lagi.")
L_BERAKHIR = N_("Percakapan pengaduan ini sudah berakhir. Ketik /lapor untuk memulai pengaduan baru.")
L_PERIKSA_LAGI = N_("Ada isian yang perlu diperbaiki:")

# --- /status ---------------------------------------------------------------------------------------------
ST_MINTA = N_("Kirim nomor tiket dan kode pelacakan dalam satu pesan, misalnya:\nPGD-2026-000123 ABCD-EFGH-JKMN-PQRS")
ST_NAMA_PERCAKAPAN = N_("pengecekan status")
ST_TERLALU_SERING = N_("Terlalu banyak percobaan. Tunggu beberapa menit, lalu coba lagi.")
ST_JUDUL = N_("Pengaduan %(tiket)s: %(judul)s")
ST_STATUS = N_("Status: %(status)s")
ST_BATAS = N_("Batas waktu tahap ini: %(tanggal)s")
ST_DITERUSKAN = N_("Diteruskan kepada: %(unit)s")
ST_RIWAYAT = N_("Riwayat:")
ST_JAWABAN = N_("Jawaban terakhir:")
ST_ALASAN = N_("Alasan: %(alasan)s")
ST_RUJUKAN = N_("Silakan menyampaikan kepada: %(rujukan)s")
ST_DIALIHKAN = N_("Bukan kewenangan kami; dialihkan kepada %(tujuan)s pada %(tanggal)s.")
ST_TANGGAPI = N_("Untuk menanggapi, melengkapi, atau menilai penanganan, buka halaman pelacakan: %(lacak)s")
ST_OMBUDSMAN = N_("Bila tidak puas dengan penanganannya, Anda dapat menyampaikan kepada Ombudsman Republik Indonesia.")

# --- /survei ---------------------------------------------------------------------------------------------
SV_NAMA_PERCAKAPAN = N_("survei")
SV_PILIH = N_("Survei Kepuasan Masyarakat. Jawaban Anda anonim: kami tidak mencatat siapa yang mengisi.\n\n"
              "Layanan apa yang baru Anda terima?")
SV_TIDAK_ADA = N_("Belum ada survei yang dibuka saat ini.")
SV_KODE = N_("Layanan ini memakai kode survei. Ketik kode yang tercetak pada bukti layanan Anda.")
SV_JK = N_("Jenis kelamin:")
SV_USIA = N_("Berapa usia Anda (tahun)?")
SV_USIA_SALAH = N_("Tulis usia dengan angka %(min)s sampai %(max)s.")
SV_PENDIDIKAN = N_("Pendidikan terakhir:")
SV_PEKERJAAN = N_("Pekerjaan:")
SV_PERTANYAAN = N_("Pertanyaan %(i)s dari %(n)s — %(unsur)s\n%(teks)s")
SV_SARAN = N_("Ada saran untuk perbaikan layanan? Tulis di sini, atau tekan «Lewati».")
SV_TERIMA_KASIH = N_("Terima kasih! Jawaban Anda sudah kami catat dan ikut dihitung dalam Indeks Kepuasan "
                     "Masyarakat (IKM) layanan ini.")
SV_BATAL = N_("Survei dibatalkan; jawaban Anda tidak disimpan.")
SV_KEDALUWARSA = N_("Survei berakhir karena tidak ada jawaban selama 30 menit; jawaban Anda tidak disimpan.")

# --- /wbs ------------------------------------------------------------------------------------------------
W_NAMA_PERCAKAPAN = N_("laporan WBS")
W_INTRO = N_(
    "Whistleblowing System (WBS) menerima laporan dugaan pelanggaran oleh pegawai: korupsi, gratifikasi, pungli, "
    "benturan kepentingan, penyalahgunaan wewenang, pelanggaran disiplin.\n\n"
    "Saluran ANONIM ada di situs web: %(url)s\n"
    "Di sana tidak ada akun dan tidak dicatat alamat Anda; isi laporan terenkripsi sehingga hanya Tim WBS yang "
    "dapat membacanya.\n\n"
    "Lewat bot ini laporan Anda RAHASIA, tetapi TIDAK anonim: Telegram mengetahui akun Anda. Bot tidak menyimpan "
    "ID obrolan, ID pengguna, maupun riwayat pesan untuk laporan WBS, dan isi laporan disegel sama seperti di "
    "situs web.\n\n"
    "Perlindungan pelapor: pelapor yang beritikad baik tidak dapat dituntut secara hukum atas laporannya "
    "(UU 31/2014 Pasal 10), dan dapat meminta perlindungan kepada LPSK.")
W_LEWAT_BOT = N_("Lapor rahasia lewat bot")
W_BUKA_SITUS = N_("Buka WBS anonim di situs")
W_JENIS = N_("Jenis dugaan pelanggaran:")
W_APA = N_("Apa yang terjadi? Ceritakan sejelas mungkin (wajib diisi).")
W_DIMANA = N_("Di mana terjadinya? Tulis, atau tekan «Lewati».")
W_KAPAN = N_("Kapan terjadinya? Tulis, atau tekan «Lewati».")
W_SIAPA = N_("Siapa yang terlibat (nama, jabatan, atau unit)? Tulis, atau tekan «Lewati».")
W_BAGAIMANA = N_("Bagaimana caranya (modus)? Tulis, atau tekan «Lewati».")
W_BUKTI = N_("Ada bukti awal? Kirim foto atau dokumen (paling banyak %(n)s). Metadata foto seperti lokasi GPS kami "
             "hapus; dokumen PDF dapat memuat nama penulisnya. Tekan «Selesai» bila sudah, atau «Lewati».")
W_RINGKASAN = N_("Periksa laporan Anda sebelum disegel dan dikirim:")
W_TERKIRIM = N_("Laporan WBS Anda sudah kami terima dan disegel.\n\n"
                "RESI: %(resi)s\n\n"
                "Catat resi ini sekarang di tempat yang aman. Resi hanya ditampilkan sekali ini; tanpa resi laporan "
                "tidak dapat dibuka lagi. Dengan resi, Anda dapat membaca tanggapan Tim WBS, menjawab pertanyaan, "
                "dan menambah bukti di %(url)s\n\n"
                "Setelah mencatat, tekan «Hapus percakapan ini» agar resi dan isi laporan tidak tertinggal di "
                "obrolan Telegram Anda.")
W_HAPUS = N_("Hapus percakapan ini")
W_DIHAPUS = N_("Percakapan WBS sudah dihapus dari obrolan ini.")
W_HAPUS_SEBAGIAN = N_("Sebagian pesan tidak dapat dihapus otomatis; hapus sendiri bila perlu.")
W_BATAL = N_("Laporan WBS dibatalkan; tidak ada yang disimpan.")
W_KEDALUWARSA = N_("Percakapan WBS berakhir karena tidak ada jawaban selama 30 menit; tidak ada yang disimpan.")

# --- /gratifikasi ----------------------------------------------------------------------------------------
G_NAMA_PERCAKAPAN = N_("pemeriksaan gratifikasi")
G_ACARA = N_("Pemeriksa «wajib lapor?» gratifikasi, dengan aturan yang sama seperti di situs web.\n\n"
             "Dalam acara atau peristiwa apa pemberian itu diterima?")
G_HUBUNGAN = N_("Apa hubungan Anda dengan pemberi?")
G_BENTUK = N_("Apa bentuk pemberiannya?")
G_NILAI = N_("Berapa nilainya (atau perkiraannya) dalam rupiah? Contoh: 750000, 1,5 jt, Rp2.000.000")
G_TANGGAL = N_("Kapan pemberian itu diterima? Tulis tanggal seperti 31/12/2026, atau tekan «Hari ini».")
G_DASAR = N_("Dasar: %(dasar)s")
G_LAPOR = N_("Laporan gratifikasi disampaikan kepada UPG paling lambat %(batas)s (batas ke KPK %(batas_kpk)s), "
             "melalui formulir di situs web: %(url)s")
G_TIDAK_WAJIB = N_("Formulir dan penjelasan lengkap ada di situs web: %(url)s")
G_BATAL = N_("Pemeriksaan dibatalkan.")

# --- the officers' group ---------------------------------------------------------------------------------
GRUP_PENGADUAN_BARU = N_("Pengaduan baru: %(tiket)s")
