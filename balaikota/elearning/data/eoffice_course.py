"""The demo course that walks through this platform's own e-office screens (menu "Naskah
dinas", /surat/): every step names the real label the civil servant will click."""

from __future__ import annotations

EOFFICE = {
    "title": "Bekerja dengan E-Office Balai Kota",
    "summary": (
        "Naskah dinas elektronik di Balai Kota Digital, langkah demi langkah: membuat konsep, "
        "alur paraf, tanda tangan elektronik, dan membaca naskah masuk."
    ),
    "description": (
        "<p>Kursus praktik untuk semua ASN. Setiap materi menyebut tombol dan menu yang sama "
        "dengan yang Anda lihat di menu <strong>Naskah dinas</strong>. Bukalah e-office di "
        "jendela lain dan ikuti langkahnya dengan akun Anda sendiri. Kerjakan pre-test, "
        "pelajari enam materi, lalu post-test (nilai lulus 70).</p>"
    ),
    "modules": [
        (
            "Menemukan jalan di e-office",
            [
                (
                    "Menu Naskah dinas dan tab-tabnya",
                    8,
                    """<p>Semua naskah dinas elektronik ada di menu <strong>Naskah dinas</strong>
(alamat <code>/surat/</code>). Angka di samping menu menunjukkan naskah yang menunggu Anda.</p>
<p>Halaman itu punya lima tab:</p>
<ul>
<li><strong>Diterima</strong>: naskah yang dikirim kepada Anda atau ditembuskan kepada Anda. Yang
<em>belum dibaca</em> tercetak tebal dan diberi tanda <strong>Belum dibaca</strong>.</li>
<li><strong>Perlu paraf</strong>: konsep yang menunggu paraf Anda sebagai pemeriksa.</li>
<li><strong>Perlu tanda tangan</strong>: naskah yang sudah diparaf semua pemaraf dan menunggu
tanda tangan elektronik Anda.</li>
<li><strong>Konsep saya</strong>: naskah yang Anda susun dan belum dikirim.</li>
<li><strong>Terkirim</strong>: naskah Anda yang sudah ditandatangani, dengan jumlah penerima yang
sudah membacanya (“dibaca 3 dari 5”).</li>
</ul>
<p>Di beranda, bagian <strong>Perlu tindakan Anda</strong> juga menyebut naskah yang menunggu
paraf atau tanda tangan Anda, jadi tidak ada yang terlewat.</p>""",
                ),
                (
                    "Membaca naskah dan tanda terima baca",
                    6,
                    """<p>Buka naskah dari tab <strong>Diterima</strong>. Halaman naskah menampilkan
<strong>Jenis</strong>, <strong>Nomor</strong>, <strong>Tanggal</strong>,
<strong>Klasifikasi</strong>, <strong>Sifat</strong>, <strong>Konseptor</strong>,
<strong>Penanda tangan</strong>, tujuan (<strong>Yth.</strong>) dan
<strong>Tembusan</strong>, lalu isi naskah dan lampirannya. Tombol
<strong>Unduh PDF bertanda tangan</strong> memberikan PDF resmi dengan kode QR; siapa pun dapat
memeriksa keasliannya di <code>/verifikasi/</code>.</p>
<p>Saat Anda membuka naskah, platform mencatat <strong>tanda terima baca</strong>: konseptor melihat
siapa yang sudah membaca dan kapan. Karena itu, buka sendiri naskah yang ditujukan kepada Anda;
jangan meminta rekan membukakannya.</p>
<p>Naskah bersifat <strong>Rahasia</strong> atau <strong>Sangat Rahasia</strong> hanya terbuka bagi
orang yang tercantum di dalamnya, dan setiap pembukaannya tercatat di log akses.</p>""",
                ),
            ],
        ),
        (
            "Menyusun konsep dan alur paraf",
            [
                (
                    "Membuat konsep naskah",
                    10,
                    """<p>Di menu <strong>Naskah dinas</strong>, tekan <strong>Buat naskah</strong>,
lalu jawab <em>Jenis naskah apa yang Anda buat?</em> — misalnya <strong>Nota dinas</strong> untuk
pesan kepada atasan atau unit lain di lingkungan Pemkot, atau <strong>Surat dinas</strong> untuk
pihak di luar Pemkot.</p>
<ol>
<li>Isi <strong>Hal</strong> (perihal) dengan singkat dan jelas.</li>
<li>Pilih <strong>Klasifikasi arsip</strong> (misalnya 000.1 untuk ketatausahaan): kode ini
menentukan nomor naskah dan masa simpannya.</li>
<li>Pilih <strong>Sifat</strong> (Biasa, Terbatas, Rahasia, Sangat Rahasia) dan
<strong>Kesegeraan</strong>.</li>
<li>Tulis <strong>Isi naskah</strong>. Pisahkan paragraf dengan baris kosong.</li>
<li>Tentukan tujuan: <strong>Kepada (NIP pegawai)</strong>, <strong>Kepada (jabatan)</strong>,
<strong>Kepada seluruh pegawai unit</strong>, atau <strong>Kepada di luar Pemkot</strong>; dan
tembusannya bila perlu.</li>
<li>Pilih <strong>Penandatangan</strong> (jabatan yang menandatangani).</li>
<li>Unggah <strong>Lampiran</strong> bila ada (PDF, JPG atau PNG).</li>
</ol>
<p>Tekan <strong>Simpan konsep</strong>. Setiap perubahan tersimpan sebagai <strong>versi</strong>
baru; di halaman naskah, tautan <strong>versi … · lihat perbedaan</strong> menunjukkan apa yang
diubah dan oleh siapa.</p>""",
                ),
                (
                    "Alur paraf: urutan pemeriksa",
                    8,
                    """<p>Sebelum ditandatangani, naskah diperiksa berjenjang. Isian
<strong>Pemaraf (NIP, berurutan)</strong> berisi pemeriksa dari atas ke bawah; bila dikosongkan,
platform memakai atasan Anda berjenjang sampai penandatangan.</p>
<p>Tekan <strong>Ajukan untuk diparaf</strong>. Naskah pergi ke pemaraf pertama; setelah ia menekan
<strong>Paraf</strong> (boleh dengan catatan), naskah pindah ke pemaraf berikutnya. Bagian
<strong>Paraf</strong> di halaman naskah menunjukkan siapa yang sudah memaraf (✓ dan waktunya) dan
siapa yang sedang <em>menunggu paraf</em>.</p>
<p>Pemaraf yang menemukan kesalahan memilih <strong>Kembalikan ke konseptor</strong> dan menulis
apa yang perlu diperbaiki. Konsep kembali ke tab <strong>Konsep saya</strong>; setelah Anda
memperbaiki dan mengajukan lagi, semua pemaraf memaraf ulang — karena isinya berubah.</p>
<p>Tidak ada yang dapat melompati urutan: platform menolak paraf yang belum gilirannya.</p>""",
                ),
            ],
        ),
        (
            "Tanda tangan elektronik dan pengiriman",
            [
                (
                    "Menandatangani satu atau banyak naskah",
                    8,
                    """<p>Penanda tangan menemukan naskah di tab <strong>Perlu tanda tangan</strong>.
Bacalah dulu: yang Anda tandatangani adalah isi yang tampil, lengkap dengan semua paraf.</p>
<ul>
<li>Untuk satu naskah, buka naskahnya lalu tekan <strong>Tandatangani dan kirim</strong>.</li>
<li>Untuk banyak naskah sekaligus, centang <strong>Pilih</strong> pada naskah-naskah di tab itu lalu
tekan <strong>Tandatangani yang dipilih</strong>.</li>
</ul>
<p>Bila tanda tangan memakai sertifikat elektronik BSrE, isikan <strong>Passphrase TTE</strong>
Anda. Passphrase hanya Anda yang tahu: jangan pernah menitipkannya kepada ajudan atau staf —
penandatanganan atas nama orang lain memakai <em>a.n.</em> atau <em>Plt./Plh.</em>, bukan
passphrase pinjaman.</p>
<p>Nomor naskah diberikan saat ditandatangani, berurutan tanpa celah per klasifikasi dan unit.</p>""",
                ),
                (
                    "Setelah dikirim: penerima, tembusan, dan arsip",
                    6,
                    """<p>Begitu ditandatangani, naskah langsung masuk ke tab
<strong>Diterima</strong> setiap tujuan dan tembusan, dan mereka mendapat notifikasi. Naskah untuk
jabatan sampai kepada pemangku jabatannya; naskah untuk unit sampai kepada semua pegawai unit
itu.</p>
<p>Di tab <strong>Terkirim</strong>, konseptor memantau <em>dibaca … dari …</em>, dan di halaman
naskah melihat siapa yang sudah membaca. Tidak perlu lagi mencetak, membubuhkan cap, dan
mengantar — dan tidak ada lagi naskah yang “hilang di meja”.</p>
<p>Semua langkah — konsep, versi, paraf, pengembalian, tanda tangan, pembacaan — tercatat sebagai
riwayat naskah, sehingga arsip elektroniknya lengkap sesuai tata naskah dinas (Permendagri
1/2023).</p>""",
                ),
            ],
        ),
    ],
    "questions": [
        (
            "single",
            "Di tab mana Anda menemukan konsep yang menunggu paraf Anda?",
            [
                ("Perlu paraf", True),
                ("Diterima", False),
                ("Terkirim", False),
                ("Konsep saya", False),
            ],
            "Tab Perlu paraf berisi konsep yang sedang menunggu paraf Anda sebagai pemeriksa.",
        ),
        (
            "single",
            "Jenis naskah yang tepat untuk pesan kepada atasan di lingkungan Pemkot adalah …",
            [
                ("Nota dinas", True),
                ("Surat dinas", False),
                ("Pengumuman", False),
                ("Berita acara", False),
            ],
            "Nota dinas untuk komunikasi internal; surat dinas untuk pihak di luar Pemkot.",
        ),
        (
            "true_false",
            "Bila isian pemaraf dikosongkan, platform memakai atasan Anda berjenjang sampai penandatangan.",
            [("Benar", True), ("Salah", False)],
            "Alur paraf bawaan mengikuti hierarki; Anda dapat mengubahnya saat menyusun konsep.",
        ),
        (
            "single",
            "Pemaraf menemukan kesalahan ketik di konsep. Apa yang ia lakukan?",
            [
                ("Kembalikan ke konseptor dengan catatan yang perlu diperbaiki", True),
                ("Memaraf saja, nanti diperbaiki penandatangan", False),
                ("Mengubah isi naskah sendiri tanpa memberi tahu", False),
                ("Mencetak naskah dan mencoretnya", False),
            ],
            "Pengembalian dengan alasan tercatat di riwayat; konseptor memperbaiki dan mengajukan lagi.",
        ),
        (
            "true_false",
            "Setelah konsep dikembalikan dan diajukan lagi, pemaraf yang sudah memaraf tidak perlu memaraf ulang.",
            [("Benar", False), ("Salah", True)],
            "Isinya berubah, jadi semua pemaraf memaraf ulang.",
        ),
        (
            "single",
            "Kapan nomor naskah diberikan?",
            [
                ("Saat naskah ditandatangani", True),
                ("Saat konsep pertama disimpan", False),
                ("Saat naskah diajukan untuk diparaf", False),
                ("Saat penerima membukanya", False),
            ],
            "Nomor diberikan saat penandatanganan, berurutan tanpa celah.",
        ),
        (
            "single",
            "Bagaimana menandatangani sepuluh naskah sekaligus?",
            [
                (
                    "Centang Pilih pada naskah-naskah di tab Perlu tanda tangan, lalu Tandatangani yang dipilih",
                    True,
                ),
                ("Membuka dan mencetak satu per satu", False),
                ("Menitipkan passphrase kepada staf", False),
                ("Tidak bisa; harus satu per satu", False),
            ],
            "Penandatanganan massal ada di tab Perlu tanda tangan.",
        ),
        (
            "true_false",
            "Passphrase TTE boleh dititipkan kepada ajudan agar naskah cepat ditandatangani.",
            [("Benar", False), ("Salah", True)],
            "Passphrase hanya milik penanda tangan; atas nama orang lain memakai a.n. atau Plt./Plh.",
        ),
        (
            "single",
            "Apa arti “dibaca 3 dari 5” di tab Terkirim?",
            [
                ("Tiga dari lima penerima sudah membuka naskah", True),
                ("Tiga dari lima pemaraf sudah memaraf", False),
                ("Naskah sudah dikirim tiga kali", False),
                ("Tiga lampiran dari lima sudah diunduh", False),
            ],
            "Tanda terima baca dicatat saat penerima membuka naskah.",
        ),
        (
            "multiple",
            "Mana saja yang tercantum di halaman naskah?",
            [
                ("Klasifikasi", True),
                ("Konseptor", True),
                ("Penanda tangan", True),
                ("Kata sandi penerima", False),
            ],
            "Halaman naskah menampilkan data naskah dinas, bukan data rahasia pengguna.",
        ),
        (
            "single",
            "Siapa yang dapat membuka naskah bersifat Rahasia?",
            [
                ("Hanya orang yang tercantum di dalam naskah", True),
                ("Semua pegawai OPD", False),
                ("Admin platform", False),
                ("Siapa pun yang tahu alamatnya", False),
            ],
            "Naskah rahasia hanya untuk orang yang tercantum, dan setiap pembukaannya dicatat.",
        ),
        (
            "single",
            "Di mana keaslian PDF naskah bertanda tangan dapat diperiksa siapa saja?",
            [
                ("Di /verifikasi/ dengan kode QR pada naskah", True),
                ("Dengan menelepon konseptor", False),
                ("Tidak dapat diperiksa", False),
                ("Di tab Konsep saya", False),
            ],
            "Kode QR pada PDF menuju halaman verifikasi publik.",
        ),
    ],
}
