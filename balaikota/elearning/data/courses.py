"""The demo's two courses for Semarang's civil servants: their modules, lessons and question
banks (true/false answers are written as ("Benar", …), ("Salah", …))."""

from __future__ import annotations

CYBER = {
    "title": "Keamanan Siber untuk ASN",
    "summary": (
        "Kebiasaan aman sehari-hari: kata sandi dan autentikasi dua langkah, mengenali phishing, "
        "menjaga data pribadi warga sesuai UU PDP, dan melaporkan insiden."
    ),
    "description": (
        "<p>Kursus ini untuk semua ASN Pemerintah Kota Semarang yang memakai surel dinas, "
        "aplikasi e-office, dan data warga. Kerjakan <strong>pre-test</strong> lebih dulu, "
        "pelajari tujuh materi singkat, lalu kerjakan <strong>post-test</strong> (nilai lulus 70). "
        "Perkiraan waktu: 90 menit, boleh dicicil.</p>"
    ),
    "modules": [
        (
            "Kata sandi dan autentikasi dua langkah",
            [
                (
                    "Kata sandi yang kuat dan pengelola kata sandi",
                    12,
                    """<p>Sebagian besar pembobolan akun dimulai dari kata sandi yang lemah atau yang
dipakai ulang. Penyerang tidak menebak satu per satu: mereka mencoba jutaan kata sandi hasil
kebocoran situs lain secara otomatis (<em>credential stuffing</em>). Jika kata sandi surel dinas
Anda sama dengan kata sandi akun belanja daring yang pernah bocor, akun dinas ikut terbuka.</p>
<h3>Ciri kata sandi yang baik</h3>
<ul>
<li><strong>Panjang</strong> lebih penting daripada rumit: paling sedikit 12 karakter. Frasa sandi
dari empat kata acak, misalnya <code>lumpia-payung-sepeda-kenari</code>, kuat dan mudah diingat.</li>
<li><strong>Satu akun, satu kata sandi.</strong> Jangan pakai ulang kata sandi dinas di tempat lain.</li>
<li>Hindari data pribadi: tanggal lahir, NIP, nama anak, atau nama kantor.</li>
<li>Jangan pernah memberikan kata sandi kepada siapa pun, termasuk atasan atau "petugas TI".
Petugas Diskominfo tidak akan pernah menanyakan kata sandi Anda.</li>
</ul>
<h3>Pengelola kata sandi</h3>
<p>Tidak ada yang sanggup menghafal puluhan kata sandi berbeda. Gunakan pengelola kata sandi yang
disetujui instansi: cukup ingat satu frasa sandi utama, sisanya dibuat dan diisikan oleh aplikasi.
Jangan menulis kata sandi di kertas yang ditempel di monitor atau di catatan ponsel tanpa kunci.</p>
<h3>Jika curiga kata sandi bocor</h3>
<p>Segera ganti kata sandi dari perangkat yang bersih, keluarkan sesi lain, lalu laporkan ke
admin TI OPD Anda. Mengganti lebih cepat selalu lebih murah daripada memulihkan akun yang telanjur
disalahgunakan.</p>""",
                ),
                (
                    "Autentikasi dua langkah (MFA)",
                    10,
                    """<p>Autentikasi dua langkah meminta bukti kedua selain kata sandi: kode enam angka
dari aplikasi autentikator di ponsel (TOTP), kunci keamanan, atau notifikasi persetujuan. Kata
sandi yang bocor saja tidak cukup bagi penyerang untuk masuk.</p>
<h3>Pilihan yang dianjurkan</h3>
<ol>
<li><strong>Aplikasi autentikator</strong> (TOTP): bekerja tanpa sinyal, kodenya berganti tiap 30 detik.
Akun petugas di Balai Kota Digital memakai cara ini.</li>
<li><strong>Kunci keamanan</strong> fisik: paling tahan phishing, cocok untuk admin sistem.</li>
<li><strong>SMS</strong>: lebih baik daripada tanpa MFA, tetapi rentan pengambilalihan nomor (SIM swap).</li>
</ol>
<h3>Kebiasaan yang benar</h3>
<ul>
<li>Kode MFA hanya diketik di halaman masuk yang Anda buka sendiri, <strong>tidak pernah</strong>
dibacakan lewat telepon atau dikirim lewat WhatsApp kepada siapa pun.</li>
<li>Jika muncul permintaan persetujuan masuk padahal Anda tidak sedang masuk, tolak dan segera
ganti kata sandi: itu tanda kata sandi Anda sudah diketahui orang lain.</li>
<li>Simpan kode cadangan di tempat aman, untuk berjaga-jaga bila ponsel hilang.</li>
</ul>""",
                ),
            ],
        ),
        (
            "Phishing dan rekayasa sosial",
            [
                (
                    "Mengenali surel dan pesan phishing",
                    12,
                    """<p>Phishing adalah pesan yang menyamar sebagai pihak tepercaya agar Anda mengeklik
tautan, membuka lampiran, atau menyerahkan kata sandi. Pesan phishing yang menyasar ASN sering
meniru BKN, BPJS, bank penyalur gaji, atau pimpinan sendiri.</p>
<h3>Tanda-tanda yang patut dicurigai</h3>
<ul>
<li><strong>Desakan waktu atau ancaman</strong>: "akun Anda dinonaktifkan dalam 24 jam", "TPP tidak
cair bila data tidak diperbarui hari ini".</li>
<li><strong>Alamat pengirim atau tautan yang janggal</strong>: <code>semarangkota-go-id.com</code> bukan
<code>semarangkota.go.id</code>. Arahkan kursor (atau tekan lama di ponsel) untuk melihat alamat tautan
sebenarnya sebelum membukanya.</li>
<li><strong>Permintaan yang tidak biasa</strong>: kata sandi, kode OTP, pembelian voucer, atau transfer
"mendesak" atas nama pimpinan.</li>
<li>Lampiran tak terduga berformat <code>.zip</code>, <code>.exe</code>, <code>.apk</code>, atau dokumen
yang meminta "Enable Content".</li>
</ul>
<h3>Yang dilakukan</h3>
<p>Jangan membalas dan jangan mengeklik. Periksa kebenarannya melalui saluran lain yang Anda
ketahui sendiri (nomor kantor resmi, bukan nomor di pesan itu). Laporkan pesannya ke admin TI OPD
agar rekan lain bisa diperingatkan.</p>""",
                ),
                (
                    "Tautan, lampiran, dan aplikasi palsu di WhatsApp",
                    10,
                    """<p>Banyak penipuan kini datang lewat WhatsApp: undangan pernikahan berformat
<code>.apk</code>, "surat tilang", "resi paket", atau file yang mengaku dari dinas lain. Aplikasi
<code>.apk</code> itu dapat membaca SMS dan notifikasi, termasuk kode OTP bank dan kode masuk akun
dinas.</p>
<ul>
<li>Jangan memasang aplikasi dari luar toko aplikasi resmi.</li>
<li>Dokumen dinas dikirim melalui e-office, bukan file <code>.apk</code> di grup WhatsApp.</li>
<li>Nomor baru yang mengaku pimpinan dan meminta bantuan dana: hubungi pimpinan di nomor lama.</li>
<li>Jika telanjur memasang aplikasi mencurigakan: putuskan internet ponsel, hapus aplikasinya,
ganti kata sandi penting dari perangkat lain, hubungi bank, dan laporkan ke admin TI.</li>
</ul>""",
                ),
            ],
        ),
        (
            "Data pribadi warga dan UU PDP",
            [
                (
                    "Data pribadi menurut UU Nomor 27 Tahun 2022",
                    15,
                    """<p>Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi (UU PDP)
berlaku penuh sejak Oktober 2024 dan mengikat instansi pemerintah sebagai
<strong>pengendali data pribadi</strong>. Setiap ASN yang mengolah data warga bertindak atas nama
pengendali itu.</p>
<h3>Dua jenis data pribadi</h3>
<ul>
<li><strong>Data pribadi umum</strong>: nama lengkap, jenis kelamin, kewarganegaraan, agama, status
perkawinan, serta data yang dikombinasikan untuk mengenali seseorang (misalnya NIK, alamat, nomor
ponsel).</li>
<li><strong>Data pribadi yang bersifat spesifik</strong>: data kesehatan, biometrik, genetika, catatan
kejahatan, data anak, data keuangan pribadi. Kebocorannya berdampak lebih besar, sehingga
perlindungannya lebih ketat.</li>
</ul>
<h3>Prinsip yang wajib dipegang</h3>
<ol>
<li>Dikumpulkan untuk tujuan yang jelas dan sah, sebatas yang diperlukan.</li>
<li>Akurat, dan dijaga kerahasiaannya dari akses yang tidak sah.</li>
<li>Disimpan tidak lebih lama dari yang diperlukan, lalu dimusnahkan sesuai ketentuan.</li>
<li>Kegagalan pelindungan (kebocoran) diberitahukan kepada subjek data dan lembaga berwenang
<strong>paling lambat 3 × 24 jam</strong>.</li>
</ol>
<p>Warga sebagai subjek data berhak mengetahui untuk apa datanya dipakai, meminta salinan, dan
meminta perbaikan data yang keliru.</p>""",
                ),
                (
                    "Menangani data warga sehari-hari",
                    12,
                    """<p>Pelindungan data pribadi paling sering gagal karena kebiasaan kecil, bukan
peretasan canggih.</p>
<table>
<thead><tr><th>Hindari</th><th>Lakukan</th></tr></thead>
<tbody>
<tr><td>Mengirim foto KTP atau KK warga ke grup WhatsApp kantor</td><td>Proses berkas di aplikasi layanan; bagikan nomor permohonan, bukan dokumennya</td></tr>
<tr><td>Menyimpan daftar penerima bantuan di flashdisk pribadi</td><td>Simpan di penyimpanan dinas yang aksesnya dibatasi</td></tr>
<tr><td>Membiarkan layar terbuka saat meninggalkan meja</td><td>Kunci layar (Windows + L) setiap kali berdiri</td></tr>
<tr><td>Mengunggah foto pelayanan yang memperlihatkan berkas warga</td><td>Periksa latar foto sebelum dipublikasikan</td></tr>
<tr><td>Menjawab telepon yang meminta data warga "untuk verifikasi"</td><td>Minta permintaan resmi tertulis melalui jalur dinas</td></tr>
</tbody>
</table>
<p>Saat menampilkan data di tempat umum (papan pengumuman, situs), tampilkan seperlunya dan
samarkan nomor identitas, misalnya <code>3374********0001</code>.</p>""",
                ),
            ],
        ),
        (
            "Melaporkan insiden",
            [
                (
                    "Apa yang dilaporkan, kapan, dan ke mana",
                    8,
                    """<p>Insiden keamanan informasi adalah kejadian yang mengancam kerahasiaan,
keutuhan, atau ketersediaan data dan sistem: akun diambil alih, laptop dinas hilang, data warga
terkirim ke alamat yang salah, situs OPD diubah tampilannya, atau komputer terkena ransomware.</p>
<h3>Langkah pertama</h3>
<ol>
<li><strong>Laporkan secepatnya</strong> ke admin TI OPD dan tim tanggap insiden (CSIRT) Pemerintah
Kota Semarang di Diskominfo. Laporan cepat bukan tanda kesalahan; menunda yang berbahaya.</li>
<li>Catat apa yang terjadi: waktu, perangkat, pesan yang muncul, apa yang sudah Anda lakukan.</li>
<li>Jangan mematikan komputer yang terkena ransomware tanpa arahan; cabut kabel jaringan atau
matikan Wi-Fi agar tidak menular.</li>
<li>Jangan menghapus surel phishing sebelum dilaporkan: bukti itu membantu memblokir pengirimnya.</li>
</ol>
<p>Bila insiden melibatkan data pribadi warga, ingat tenggat pemberitahuan 3 × 24 jam dalam
UU PDP: laporan Anda di jam pertama menentukan apakah tenggat itu dapat dipenuhi.</p>""",
                ),
            ],
        ),
    ],
    "questions": [
        (
            "single",
            "Manakah kata sandi yang paling kuat?",
            [
                ("Semarang2024!", False),
                ("lumpia-payung-sepeda-kenari", True),
                ("19900101", False),
                ("P@ssw0rd", False),
            ],
            "Frasa sandi panjang dari kata acak lebih sulit ditebak daripada kata umum yang diberi simbol.",
        ),
        (
            "true_false",
            "Memakai kata sandi yang sama untuk surel dinas dan akun belanja daring aman selama kata sandinya panjang.",
            [
                ("Benar", False),
                ("Salah", True),
            ],
            "Kebocoran satu situs membuka semua akun yang memakai kata sandi sama (credential stuffing).",
        ),
        (
            "single",
            "Seseorang menelepon mengaku petugas Diskominfo dan meminta kode enam angka yang baru masuk ke ponsel Anda. Apa yang Anda lakukan?",
            [
                ("Memberikannya karena ia petugas resmi", False),
                ("Menolak, tidak memberikan kode, dan melaporkannya", True),
                ("Memberikan separuh kodenya saja", False),
                ("Meminta ia mengirim surat dulu, lalu memberikannya", False),
            ],
            "Kode MFA hanya diketik di halaman masuk yang Anda buka sendiri; petugas TI tidak pernah memintanya.",
        ),
        (
            "multiple",
            "Mana saja tanda-tanda surel phishing? (pilih semua yang benar)",
            [
                ("Desakan waktu atau ancaman akun dinonaktifkan", True),
                ("Alamat tautan berbeda dengan domain resmi", True),
                ("Permintaan kata sandi atau kode OTP", True),
                ("Dikirim pada jam kerja", False),
            ],
            "Jam pengiriman tidak menandakan apa pun; tiga tanda lainnya khas phishing.",
        ),
        (
            "single",
            "Alamat manakah yang merupakan domain resmi Pemerintah Kota Semarang?",
            [
                ("semarangkota-go-id.com", False),
                ("semarangkota.go.id", True),
                ("semarang-kota.id", False),
                ("semarangkota.go.id.info", False),
            ],
            "Domain instansi pemerintah berakhiran .go.id; perhatikan bagian paling kanan sebelum garis miring.",
        ),
        (
            "true_false",
            "Undangan pernikahan berformat .apk yang dikirim lewat WhatsApp aman dipasang bila pengirimnya rekan kerja.",
            [
                ("Benar", False),
                ("Salah", True),
            ],
            "Akun rekan bisa sudah diambil alih; aplikasi .apk dapat mencuri SMS dan kode OTP.",
        ),
        (
            "single",
            "Menurut UU 27/2022, data berikut yang termasuk data pribadi yang bersifat spesifik adalah …",
            [
                ("Nama lengkap", False),
                ("Kewarganegaraan", False),
                ("Data kesehatan", True),
                ("Jenis kelamin", False),
            ],
            "Data kesehatan, biometrik, genetika, catatan kejahatan, data anak, dan keuangan pribadi bersifat spesifik.",
        ),
        (
            "single",
            "Berapa lama batas waktu pemberitahuan kegagalan pelindungan data pribadi menurut UU PDP?",
            [
                ("1 × 24 jam", False),
                ("3 × 24 jam", True),
                ("7 hari kerja", False),
                ("30 hari", False),
            ],
            "Pengendali wajib memberitahukannya paling lambat 3 × 24 jam.",
        ),
        (
            "multiple",
            "Mana saja cara yang benar menangani data warga? (pilih semua yang benar)",
            [
                ("Mengunci layar saat meninggalkan meja", True),
                ("Mengirim foto KK ke grup WhatsApp kantor agar cepat", False),
                ("Menyamarkan NIK saat ditampilkan di tempat umum", True),
                ("Menyimpan data di penyimpanan dinas dengan akses terbatas", True),
            ],
            "Berkas warga tidak dikirim ke grup percakapan; gunakan aplikasi layanan.",
        ),
        (
            "single",
            "Komputer Anda menampilkan pesan bahwa semua berkas terenkripsi dan meminta tebusan. Langkah pertama yang tepat?",
            [
                ("Membayar tebusan agar data kembali", False),
                ("Memutus jaringan dan segera melapor ke admin TI/CSIRT", True),
                ("Memformat ulang komputer sendiri", False),
                ("Mendiamkan sampai besok", False),
            ],
            "Putuskan jaringan agar tidak menular, jangan matikan tanpa arahan, dan laporkan secepatnya.",
        ),
        (
            "true_false",
            "Surel phishing sebaiknya segera dihapus sebelum dilaporkan agar tidak terbuka tanpa sengaja.",
            [
                ("Benar", False),
                ("Salah", True),
            ],
            "Laporkan dulu: surel itu bukti untuk memblokir pengirim dan memperingatkan rekan lain.",
        ),
        (
            "single",
            "Metode autentikasi dua langkah yang paling tahan phishing adalah …",
            [
                ("Kode lewat SMS", False),
                ("Kunci keamanan fisik", True),
                ("Pertanyaan rahasia", False),
                ("Kode lewat surel", False),
            ],
            "Kunci keamanan memeriksa alamat situs sendiri, sehingga tidak bisa dipancing situs palsu.",
        ),
    ],
}

DATA = {
    "title": "Literasi Data untuk Pelayanan Publik",
    "summary": (
        "Membaca, menyajikan, dan menjaga mutu data pelayanan: Satu Data Indonesia, metadata, "
        "rata-rata dan median, grafik yang jujur, serta berbagi data terbuka tanpa membuka data pribadi."
    ),
    "description": (
        "<p>Untuk ASN yang menyusun laporan layanan, mengisi dasbor, atau mengambil keputusan dari "
        "data. Tidak perlu latar belakang statistik. Kerjakan pre-test, pelajari enam materi, "
        "lalu post-test (nilai lulus 70).</p>"
    ),
    "modules": [
        (
            "Data dalam pelayanan publik",
            [
                (
                    "Mengapa data penting: Satu Data Indonesia",
                    10,
                    """<p>Peraturan Presiden Nomor 39 Tahun 2019 tentang Satu Data Indonesia meminta data
pemerintah memenuhi empat prinsip: <strong>standar data</strong>, <strong>metadata</strong>,
<strong>interoperabilitas</strong>, dan <strong>kode referensi</strong>. Tujuannya sederhana: data
yang sama tidak dikumpulkan berkali-kali dengan angka berbeda, dan OPD dapat saling memakai data.</p>
<p>Di tingkat kota, Diskominfo bertindak sebagai walidata yang mengumpulkan dan memeriksa data dari
OPD (produsen data) lalu menyebarluaskannya melalui portal data. Setiap OPD menunjuk petugas yang
bertanggung jawab atas mutu datanya.</p>
<h3>Contoh di pelayanan</h3>
<p>Jumlah permohonan akta kelahiran per kecamatan per bulan dipakai Disdukcapil untuk mengatur
petugas loket, dipakai Bappeda untuk perencanaan, dan dibuka untuk warga di halaman Kinerja
Layanan. Bila kode kecamatan tiap OPD berbeda, angka-angka itu tidak dapat digabung.</p>""",
                ),
                (
                    "Jenis data dan metadata",
                    10,
                    """<p>Mengenali jenis data menentukan cara mengolah dan menyajikannya.</p>
<ul>
<li><strong>Kategori (nominal)</strong>: kecamatan, jenis layanan, jenis kelamin. Dihitung jumlah
dan persentasenya; tidak dirata-ratakan.</li>
<li><strong>Urutan (ordinal)</strong>: tingkat kepuasan "sangat puas – tidak puas". Urutannya
bermakna, jaraknya belum tentu sama.</li>
<li><strong>Angka (numerik)</strong>: lama proses dalam hari, jumlah pengunjung. Dapat dihitung
rata-rata, median, dan sebarannya.</li>
</ul>
<h3>Metadata: data tentang data</h3>
<p>Tanpa metadata, angka mudah disalahpahami. Setiap tabel yang dibagikan menyebutkan paling
sedikit: judul dan definisi setiap kolom, satuan, periode dan tanggal pengambilan, sumber, cakupan
wilayah, dan penanggung jawab. "Lama proses 3" tidak berarti apa-apa sebelum jelas: 3 hari kerja
atau hari kalender, dihitung dari berkas lengkap atau dari pendaftaran?</p>""",
                ),
            ],
        ),
        (
            "Membaca dan menyajikan data",
            [
                (
                    "Rata-rata, median, dan persentase",
                    12,
                    """<p>Lama proses sepuluh permohonan (hari): 2, 2, 3, 3, 3, 4, 4, 5, 6, 28.</p>
<ul>
<li><strong>Rata-rata</strong> = jumlah ÷ banyaknya data = 60 ÷ 10 = <strong>6 hari</strong>.</li>
<li><strong>Median</strong> = nilai tengah setelah diurutkan = (3 + 4) ÷ 2 = <strong>3,5 hari</strong>.</li>
</ul>
<p>Satu permohonan yang tertahan 28 hari menarik rata-rata jauh ke atas. Untuk lama layanan,
median lebih jujur menggambarkan pengalaman warga pada umumnya, sedangkan persentil ke-90
("9 dari 10 permohonan selesai dalam … hari") menunjukkan yang paling lama.</p>
<h3>Persentase dan poin persentase</h3>
<p>Jika permohonan daring naik dari 40% menjadi 50% dari seluruh permohonan, kenaikannya
<strong>10 poin persentase</strong>, atau 25% dibandingkan semula. Sebutkan mana yang Anda maksud.
Sertakan juga jumlah absolutnya: "50% dari 12 permohonan" berbeda maknanya dengan "50% dari
12.000 permohonan".</p>""",
                ),
                (
                    "Grafik yang jujur",
                    10,
                    """<p>Grafik yang baik membantu pembaca membandingkan dengan benar.</p>
<ul>
<li>Grafik batang <strong>dimulai dari nol</strong>. Sumbu yang dipotong membuat selisih kecil
terlihat besar.</li>
<li>Gunakan grafik garis untuk perubahan dari waktu ke waktu, grafik batang untuk membandingkan
kategori. Hindari diagram lingkaran dengan banyak irisan dan efek tiga dimensi.</li>
<li>Beri judul yang menyatakan temuan, satuan pada sumbu, sumber, dan periode data.</li>
<li>Jangan mengandalkan warna saja: sebagian pembaca buta warna. Sertakan label atau tabel berisi
angka yang sama di bawah grafik.</li>
</ul>""",
                ),
            ],
        ),
        (
            "Mutu dan etika data",
            [
                (
                    "Mutu data: lengkap, akurat, tepat waktu, konsisten",
                    10,
                    """<p>Sebelum dipakai, periksa empat hal:</p>
<ol>
<li><strong>Kelengkapan</strong>: apakah ada baris atau kolom kosong? Kosong karena nol atau
karena belum diisi?</li>
<li><strong>Akurasi</strong>: apakah ada nilai mustahil, misalnya tanggal lahir di masa depan
atau usia 150 tahun?</li>
<li><strong>Ketepatan waktu</strong>: apakah data cukup baru untuk keputusan yang diambil?</li>
<li><strong>Konsistensi</strong>: apakah penulisan seragam ("Kec. Tembalang", "TEMBALANG",
"tembalang ")? Gunakan kode referensi wilayah, bukan ketikan bebas.</li>
</ol>
<p>Catat setiap perbaikan yang Anda lakukan agar orang lain dapat mengulang hasilnya.</p>""",
                ),
                (
                    "Berbagi data terbuka dengan aman",
                    12,
                    """<p>Data terbuka mendorong transparansi dan partisipasi, tetapi tidak boleh
membuka data pribadi warga (UU 27/2022).</p>
<ul>
<li>Bagikan <strong>data agregat</strong> (jumlah per kecamatan per bulan), bukan baris per orang.</li>
<li>Hapus pengenal langsung: nama, NIK, alamat lengkap, nomor telepon.</li>
<li>Waspadai <strong>sel kecil</strong>: "1 penerima bantuan berusia 97 tahun di Kelurahan X" dapat
menunjuk satu orang. Gabungkan kategori atau sembunyikan sel dengan nilai kurang dari 5.</li>
<li>Sertakan metadata dan lisensi, misalnya CC BY 4.0, agar orang tahu cara memakainya.</li>
</ul>""",
                ),
            ],
        ),
    ],
    "questions": [
        (
            "single",
            "Empat prinsip Satu Data Indonesia (Perpres 39/2019) adalah standar data, metadata, interoperabilitas, dan …",
            [
                ("Kode referensi", True),
                ("Enkripsi", False),
                ("Visualisasi", False),
                ("Big data", False),
            ],
            "Kode referensi (misalnya kode wilayah) membuat data antar-OPD dapat digabungkan.",
        ),
        (
            "single",
            "Lama proses (hari): 2, 2, 3, 3, 3, 4, 4, 5, 6, 28. Berapa mediannya?",
            [
                ("3", False),
                ("3,5", True),
                ("6", False),
                ("28", False),
            ],
            "Setelah diurutkan, dua nilai tengahnya 3 dan 4; mediannya 3,5.",
        ),
        (
            "single",
            "Dari data yang sama (2, 2, 3, 3, 3, 4, 4, 5, 6, 28), berapa rata-ratanya?",
            [
                ("3,5", False),
                ("5", False),
                ("6", True),
                ("10", False),
            ],
            "Jumlahnya 60, dibagi 10 data: 6 hari. Satu nilai ekstrem menarik rata-rata ke atas.",
        ),
        (
            "true_false",
            "Untuk lama layanan yang memiliki beberapa kasus sangat lama, median lebih mewakili pengalaman warga pada umumnya daripada rata-rata.",
            [
                ("Benar", True),
                ("Salah", False),
            ],
            "Median tidak terpengaruh nilai ekstrem.",
        ),
        (
            "single",
            "Permohonan daring naik dari 40% menjadi 50%. Kenaikannya adalah …",
            [
                ("10%", False),
                ("10 poin persentase", True),
                ("50 poin persentase", False),
                ("25 poin persentase", False),
            ],
            "Selisih dua persentase dinyatakan dalam poin persentase; relatif terhadap semula naik 25%.",
        ),
        (
            "single",
            "Kolom 'kecamatan' berisi nama kecamatan. Jenis data ini adalah …",
            [
                ("Numerik", False),
                ("Kategori (nominal)", True),
                ("Ordinal", False),
                ("Rasio", False),
            ],
            "Kategori dihitung jumlah dan persentasenya, tidak dirata-ratakan.",
        ),
        (
            "multiple",
            "Mana saja yang termasuk metadata sebuah tabel? (pilih semua yang benar)",
            [
                ("Definisi dan satuan setiap kolom", True),
                ("Periode dan sumber data", True),
                ("Penanggung jawab data", True),
                ("Warna latar tabel", False),
            ],
            "Metadata menjelaskan arti, asal, dan cakupan data; tampilan bukan metadata.",
        ),
        (
            "true_false",
            "Sumbu tegak grafik batang boleh dimulai dari angka selain nol agar perbedaan terlihat jelas.",
            [
                ("Benar", False),
                ("Salah", True),
            ],
            "Grafik batang dimulai dari nol; memotong sumbu membesar-besarkan selisih.",
        ),
        (
            "single",
            "Data berisi tanggal lahir 12-05-2031 untuk seorang pemohon. Dimensi mutu data apa yang bermasalah?",
            [
                ("Kelengkapan", False),
                ("Akurasi", True),
                ("Ketepatan waktu", False),
                ("Lisensi", False),
            ],
            "Nilai yang mustahil adalah masalah akurasi.",
        ),
        (
            "multiple",
            "Sebelum membuka data penerima bantuan sebagai data terbuka, apa saja yang perlu dilakukan? (pilih semua yang benar)",
            [
                ("Menghapus nama dan NIK", True),
                ("Menyajikan jumlah per kecamatan, bukan per orang", True),
                ("Menggabungkan atau menyembunyikan sel dengan nilai sangat kecil", True),
                ("Menambahkan nomor telepon agar bisa dihubungi", False),
            ],
            "Agregasi, penghapusan pengenal, dan perlindungan sel kecil mencegah orang dikenali.",
        ),
        (
            "single",
            "Penulisan 'Kec. Tembalang', 'TEMBALANG', dan 'tembalang ' dalam satu kolom adalah masalah …",
            [
                ("Konsistensi", True),
                ("Ketepatan waktu", False),
                ("Kelengkapan", False),
                ("Keamanan", False),
            ],
            "Gunakan kode referensi wilayah agar penulisan seragam.",
        ),
        (
            "true_false",
            "Grafik yang baik menyertakan tabel atau label angka agar tidak bergantung pada warna saja.",
            [
                ("Benar", True),
                ("Salah", False),
            ],
            "Sebagian pembaca buta warna atau memakai pembaca layar.",
        ),
    ],
}

from .eoffice_course import EOFFICE  # noqa: E402 - the third course lives in its own file

COURSES = (CYBER, DATA, EOFFICE)
