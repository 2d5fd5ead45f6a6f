"""Seed services of Distaru, Dinkes, Dinsos, Dishub and Disarpus Kota Semarang.

Demo content: service times, staff counts, fees and decree numbers are plausible values
*(check)*.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .specs import RequirementSpec, ServiceSpec

PUBLIC_SERVICE_LAW = "1. Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;\n"
HEALTH_LAW = "Undang-Undang Nomor 17 Tahun 2023 tentang Kesehatan"
WELFARE_LAW = (
    PUBLIC_SERVICE_LAW + "2. Undang-Undang Nomor 11 Tahun 2009 tentang Kesejahteraan Sosial;\n"
    "3. Undang-Undang Nomor 13 Tahun 2011 tentang Penanganan Fakir Miskin"
)
TRANSPORT_LAW = (
    PUBLIC_SERVICE_LAW + "2. Undang-Undang Nomor 22 Tahun 2009 tentang Lalu Lintas dan "
    "Angkutan Jalan;\n3. Peraturan Pemerintah Nomor 55 Tahun 2012 tentang Kendaraan"
)

KTP = RequirementSpec("KTP-el pemohon")
KK = RequirementSpec("Kartu Keluarga (KK)")
RESIDENT = RequirementSpec("KTP-el dan Kartu Keluarga (KK) Kota Semarang")


def _spec(opd: str, decree: str, day: int, **fields) -> ServiceSpec:
    defaults = {
        "opd_code": opd,
        "decree_number": decree,
        "decree_date": date(2025, 1, day),
        "effective_date": date(2025, 1, day + 7),
    }
    return ServiceSpec(**{**defaults, **fields})


def _distaru(**fields):
    return _spec(
        "distaru",
        "Keputusan Kepala Dinas Penataan Ruang Kota Semarang Nomor 650/032/2025",
        7,
        **fields,
    )


def _dinkes(**fields):
    return _spec(
        "dinkes", "Keputusan Kepala Dinas Kesehatan Kota Semarang Nomor 440/046/2025", 6, **fields
    )


def _dinsos(**fields):
    return _spec(
        "dinsos", "Keputusan Kepala Dinas Sosial Kota Semarang Nomor 460/022/2025", 8, **fields
    )


def _dishub(**fields):
    return _spec(
        "dishub",
        "Keputusan Kepala Dinas Perhubungan Kota Semarang Nomor 500.11/041/2025",
        7,
        **fields,
    )


SERVICES: tuple[ServiceSpec, ...] = (
    _distaru(
        slug="keterangan-rencana-kota",
        name="Keterangan Rencana Kota (KRK)",
        summary=(
            "Informasi ketentuan tata ruang dan tata bangunan yang berlaku pada satu bidang tanah, "
            "antara lain peruntukan, garis sempadan, KDB, KLB dan KDH. KRK menjadi dasar "
            "penyusunan rencana teknis PBG."
        ),
        requirements=(
            KTP,
            RequirementSpec("Bukti kepemilikan atau penguasaan tanah"),
            RequirementSpec("Peta lokasi atau titik koordinat bidang tanah"),
            RequirementSpec("Rencana fungsi bangunan yang akan didirikan"),
        ),
        procedure=(
            "1. Pemohon mengajukan permohonan KRK melalui SIMBG atau loket Dinas Penataan Ruang di "
            "Mal Pelayanan Publik.\n"
            "2. Petugas memeriksa lokasi pada Rencana Detail Tata Ruang Kota Semarang.\n"
            "3. Bila perlu, petugas meninjau lokasi.\n"
            "4. KRK ditandatangani secara elektronik dan dapat diunduh pemohon."
        ),
        service_time_days=5,
        product="Dokumen Keterangan Rencana Kota (KRK).",
        legal_basis=PUBLIC_SERVICE_LAW + "2. Undang-Undang Nomor 26 Tahun 2007 tentang Penataan "
        "Ruang sebagaimana telah diubah dengan Undang-Undang Nomor 6 Tahun 2023;\n3. Peraturan "
        "Pemerintah Nomor 21 Tahun 2021 tentang Penyelenggaraan Penataan Ruang;\n4. Peraturan "
        "Pemerintah Nomor 16 Tahun 2021 tentang Peraturan Pelaksanaan Undang-Undang Nomor 28 "
        "Tahun 2002 tentang Bangunan Gedung.",
        staff_count=5,
        keywords=("krk", "info tata ruang", "peruntukan lahan", "zonasi tanah"),
        life_events=("membangun-rumah", "jual-beli-tanah"),
        locations=("distaru", "mpp"),
    ),
    _dinkes(
        slug="jaminan-kesehatan-uhc",
        name="Pendaftaran Jaminan Kesehatan PBI APBD (UHC)",
        summary=(
            "Pendaftaran warga Kota Semarang yang belum memiliki jaminan kesehatan sebagai peserta "
            "JKN Penerima Bantuan Iuran yang iurannya dibayar APBD Kota Semarang, untuk "
            "kepesertaan kelas 3."
        ),
        requirements=(
            RESIDENT,
            RequirementSpec(
                "Surat keterangan belum terdaftar sebagai peserta JKN aktif",
                "dapat dicek petugas melalui NIK",
            ),
            RequirementSpec(
                "Surat rujukan atau keterangan rawat inap",
                "bila sedang dirawat di rumah sakit",
                is_mandatory=False,
            ),
        ),
        procedure=(
            "1. Pemohon datang ke puskesmas atau kantor Dinas Kesehatan dengan KTP-el dan KK.\n"
            "2. Petugas memeriksa NIK dan status kepesertaan JKN.\n"
            "3. Data pemohon diusulkan kepada BPJS Kesehatan sebagai peserta PBI APBD.\n"
            "4. Pemohon menerima notifikasi ketika kepesertaan aktif."
        ),
        service_time_days=1,
        service_time_note="Kepesertaan umumnya aktif pada hari berikutnya setelah didaftarkan ke BPJS Kesehatan.",
        product="Kepesertaan aktif JKN PBI APBD Kota Semarang (kartu JKN digital).",
        legal_basis=PUBLIC_SERVICE_LAW + "2. Undang-Undang Nomor 40 Tahun 2004 tentang Sistem "
        "Jaminan Sosial Nasional;\n3. Undang-Undang Nomor 24 Tahun 2011 tentang Badan "
        "Penyelenggara Jaminan Sosial;\n4. Peraturan Presiden Nomor 82 Tahun 2018 tentang "
        "Jaminan Kesehatan.",
        staff_count=6,
        keywords=("bpjs gratis", "uhc", "kis", "jkn pbi", "berobat gratis"),
        life_events=("butuh-bantuan", "kelahiran"),
        locations=("dinkes", "puskesmas-pandanaran", "puskesmas-halmahera", "puskesmas-ngesrep"),
    ),
    _dinkes(
        slug="ambulans-gawat-darurat",
        name="Layanan Ambulans Gawat Darurat",
        summary=(
            "Pertolongan pertama dan pengantaran pasien gawat darurat ke rumah sakit oleh tim "
            "ambulans Dinas Kesehatan, dipanggil melalui nomor darurat 112."
        ),
        requirements=(
            RequirementSpec("Alamat lengkap atau titik lokasi pasien"),
            RequirementSpec("Keterangan singkat kondisi pasien"),
            RequirementSpec("Nomor telepon pelapor yang dapat dihubungi"),
        ),
        procedure=(
            "1. Pelapor menghubungi nomor darurat 112.\n"
            "2. Petugas pusat panggilan menanyakan lokasi dan kondisi pasien lalu mengirim ambulans "
            "terdekat.\n"
            "3. Tim ambulans memberikan pertolongan pertama di lokasi.\n"
            "4. Pasien diantar ke rumah sakit atau puskesmas rujukan."
        ),
        service_time_days=1,
        service_time_note="Layanan darurat tersedia 24 jam setiap hari, termasuk hari libur.",
        product="Pertolongan pertama dan pengantaran pasien ke fasilitas kesehatan.",
        legal_basis=PUBLIC_SERVICE_LAW + "2. " + HEALTH_LAW + ".",
        staff_count=30,
        keywords=("ambulan", "ambulance", "112", "mobil jenazah darurat", "pasien darurat"),
        life_events=("butuh-bantuan",),
        locations=("dinkes",),
    ),
    _dinkes(
        slug="sertifikat-laik-higiene-sanitasi",
        name="Sertifikat Laik Higiene Sanitasi (SLHS)",
        summary=(
            "Sertifikat bagi rumah makan, jasa boga, depot air minum dan tempat pengelolaan pangan "
            "lain yang memenuhi persyaratan higiene sanitasi."
        ),
        requirements=(
            KTP,
            RequirementSpec("Nomor Induk Berusaha (NIB)"),
            RequirementSpec("Sertifikat pelatihan keamanan pangan penjamah makanan"),
            RequirementSpec("Hasil pemeriksaan laboratorium sampel makanan atau air"),
            RequirementSpec("Denah tempat pengolahan pangan"),
        ),
        procedure=(
            "1. Pemohon mengajukan permohonan melalui OSS atau loket Dinas Kesehatan di Mal "
            "Pelayanan Publik.\n"
            "2. Petugas sanitarian melakukan inspeksi kesehatan lingkungan di tempat usaha.\n"
            "3. Sampel diperiksa di laboratorium.\n"
            "4. Bila memenuhi syarat, SLHS diterbitkan."
        ),
        service_time_days=14,
        product="Sertifikat Laik Higiene Sanitasi (SLHS).",
        legal_basis=PUBLIC_SERVICE_LAW + "2. " + HEALTH_LAW + ";\n3. Peraturan Menteri Kesehatan "
        "Nomor 2 Tahun 2023 tentang Peraturan Pelaksanaan Peraturan Pemerintah Nomor 66 Tahun "
        "2014 tentang Kesehatan Lingkungan.",
        fee_note="Biaya pemeriksaan sampel ditanggung pemohon sesuai tarif laboratorium yang dipilih.",
        staff_count=5,
        keywords=("slhs", "sertifikat higiene", "izin catering", "depot air minum", "laik sehat"),
        life_events=("memulai-usaha",),
        locations=("dinkes", "mpp"),
    ),
    _dinkes(
        slug="imunisasi-anak",
        name="Imunisasi Rutin Anak di Puskesmas",
        summary=(
            "Imunisasi dasar dan lanjutan bagi bayi dan anak sesuai jadwal program imunisasi "
            "nasional, di puskesmas dan posyandu Kota Semarang."
        ),
        requirements=(
            RequirementSpec("Buku Kesehatan Ibu dan Anak (buku KIA)"),
            RequirementSpec("Kartu Keluarga (KK) atau NIK anak", is_mandatory=False),
        ),
        procedure=(
            "1. Orang tua membawa anak ke puskesmas atau posyandu sesuai jadwal.\n"
            "2. Petugas memeriksa kondisi anak dan riwayat imunisasi di buku KIA.\n"
            "3. Anak diberi imunisasi dan dicatat di buku KIA serta aplikasi imunisasi.\n"
            "4. Petugas menyampaikan jadwal imunisasi berikutnya."
        ),
        service_time_days=1,
        service_time_note="Dilayani pada hari kunjungan sesuai jadwal imunisasi puskesmas.",
        product="Imunisasi sesuai jadwal dan catatan di buku KIA.",
        legal_basis=PUBLIC_SERVICE_LAW + "2. " + HEALTH_LAW + ";\n3. Peraturan Menteri Kesehatan "
        "Nomor 12 Tahun 2017 tentang Penyelenggaraan Imunisasi.",
        staff_count=4,
        keywords=("imunisasi bayi", "suntik bayi", "vaksin anak", "posyandu"),
        life_events=("kelahiran",),
        locations=("puskesmas-pandanaran", "puskesmas-halmahera", "puskesmas-ngesrep"),
    ),
    _dinsos(
        slug="pendaftaran-dtks",
        name="Pendaftaran Data Terpadu Kesejahteraan Sosial (DTKS/DTSEN)",
        summary=(
            "Usulan keluarga kurang mampu agar masuk data terpadu kesejahteraan sosial, yang kini "
            "menjadi Data Tunggal Sosial dan Ekonomi Nasional (DTSEN), sebagai dasar penerima "
            "bantuan sosial."
        ),
        requirements=(
            RESIDENT,
            RequirementSpec("Foto rumah tampak depan dan dalam"),
            RequirementSpec("Surat pengantar RT/RW dan kelurahan", "hasil musyawarah kelurahan"),
        ),
        procedure=(
            "1. Pemohon mengajukan usulan melalui kelurahan atau Balai Kota Digital.\n"
            "2. Kelurahan membahas usulan dalam musyawarah kelurahan.\n"
            "3. Petugas melakukan verifikasi dan validasi ke rumah pemohon.\n"
            "4. Dinas Sosial mengusulkan data kepada Kementerian Sosial.\n"
            "5. Pemohon diberi tahu hasil penetapan."
        ),
        service_time_days=30,
        service_time_note="Penetapan mengikuti jadwal pemutakhiran data oleh Kementerian Sosial.",
        product="Data keluarga terdaftar dalam DTKS/DTSEN.",
        legal_basis=WELFARE_LAW
        + ";\n4. Instruksi Presiden Nomor 4 Tahun 2025 tentang Data Tunggal "
        "Sosial dan Ekonomi Nasional.",
        staff_count=6,
        keywords=("dtks", "dtsen", "daftar bansos", "data miskin", "pkh"),
        life_events=("butuh-bantuan",),
        locations=("dinsos",),
    ),
    _dinsos(
        slug="rekomendasi-keterangan-tidak-mampu",
        name="Surat Keterangan Tidak Mampu (Rekomendasi Dinas Sosial)",
        summary=(
            "Rekomendasi bagi warga kurang mampu untuk keringanan biaya pendidikan, biaya "
            "pengobatan atau keperluan lain yang mensyaratkannya."
        ),
        requirements=(
            RESIDENT,
            RequirementSpec("Surat pengantar kelurahan"),
            RequirementSpec(
                "Surat keterangan dari sekolah atau rumah sakit",
                "sesuai keperluan",
                is_mandatory=False,
            ),
        ),
        procedure=(
            "1. Pemohon mengajukan permohonan di Dinas Sosial atau Balai Kota Digital.\n"
            "2. Petugas memeriksa data pemohon dalam DTKS/DTSEN.\n"
            "3. Bila belum terdata, petugas melakukan verifikasi ke rumah pemohon.\n"
            "4. Surat rekomendasi ditandatangani secara elektronik."
        ),
        service_time_days=3,
        product="Surat rekomendasi keterangan tidak mampu.",
        legal_basis=WELFARE_LAW + ".",
        staff_count=4,
        keywords=("sktm", "surat miskin", "keringanan biaya", "surat tidak mampu"),
        life_events=("butuh-bantuan", "sekolah"),
        locations=("dinsos",),
    ),
    _dinsos(
        slug="rehabilitasi-sosial",
        name="Rehabilitasi Sosial",
        summary=(
            "Penjangkauan dan rehabilitasi sosial bagi gelandangan, pengemis, anak terlantar, "
            "lansia terlantar, penyandang disabilitas terlantar dan orang dengan gangguan jiwa "
            "di jalanan."
        ),
        requirements=(
            RequirementSpec("Laporan lokasi dan kondisi orang yang membutuhkan"),
            RequirementSpec("Identitas pelapor", "nama dan nomor telepon"),
            RequirementSpec("Identitas penerima layanan", "bila diketahui", is_mandatory=False),
        ),
        procedure=(
            "1. Masyarakat melapor melalui Balai Kota Digital, Lapor Semar atau Dinas Sosial.\n"
            "2. Tim penjangkauan mendatangi lokasi dan melakukan asesmen.\n"
            "3. Penerima layanan dibawa ke rumah singgah atau panti untuk rehabilitasi.\n"
            "4. Penerima layanan dipulangkan ke keluarga atau dirujuk ke panti lanjutan."
        ),
        service_time_days=1,
        service_time_note="Penjangkauan dilakukan pada hari laporan diterima.",
        product="Pendampingan dan rehabilitasi sosial penerima layanan.",
        legal_basis=WELFARE_LAW + ";\n4. Peraturan Pemerintah Nomor 2 Tahun 2018 tentang Standar "
        "Pelayanan Minimal.",
        staff_count=10,
        keywords=("gelandangan", "pengemis", "odgj", "anak jalanan", "lansia terlantar"),
        life_events=("butuh-bantuan",),
        locations=("dinsos",),
    ),
    _dinsos(
        slug="bantuan-korban-bencana",
        name="Bantuan Sosial Korban Bencana",
        summary=(
            "Bantuan kebutuhan dasar bagi warga terdampak banjir, rob, tanah longsor, kebakaran "
            "atau angin kencang: makanan, perlengkapan keluarga dan tempat pengungsian."
        ),
        requirements=(
            RequirementSpec(
                "KTP-el atau Kartu Keluarga (KK) korban",
                "bila dokumen hilang, cukup keterangan kelurahan",
            ),
            RequirementSpec("Surat keterangan kejadian bencana dari kelurahan"),
            RequirementSpec("Foto kondisi rumah atau lokasi terdampak"),
        ),
        procedure=(
            "1. Warga atau kelurahan melaporkan kejadian bencana.\n"
            "2. Petugas Dinas Sosial dan Tagana melakukan asesmen di lokasi.\n"
            "3. Bantuan kebutuhan dasar disalurkan kepada korban.\n"
            "4. Penyaluran dicatat dan dilaporkan kepada kelurahan."
        ),
        service_time_days=1,
        service_time_note="Bantuan darurat disalurkan secepatnya setelah asesmen di lokasi.",
        product="Bantuan kebutuhan dasar dan berita acara penyaluran.",
        legal_basis=WELFARE_LAW + ";\n4. Undang-Undang Nomor 24 Tahun 2007 tentang Penanggulangan "
        "Bencana.",
        staff_count=15,
        keywords=("korban banjir", "korban kebakaran", "bantuan rob", "logistik bencana"),
        life_events=("butuh-bantuan",),
        locations=("dinsos",),
    ),
    _dishub(
        slug="uji-berkala-kendaraan",
        name="Uji Berkala Kendaraan Bermotor (KIR)",
        summary=(
            "Pengujian berkala laik jalan untuk mobil barang, mobil penumpang umum dan bus, "
            "setiap 6 bulan sekali."
        ),
        requirements=(
            RequirementSpec("Surat Tanda Nomor Kendaraan Bermotor (STNK) yang berlaku"),
            RequirementSpec(
                "Kartu uji atau kartu bukti lulus uji sebelumnya", "bagi uji berkala lanjutan"
            ),
            RequirementSpec("KTP-el pemilik atau surat kuasa", "bila diwakilkan"),
            RequirementSpec("Kendaraan yang akan diuji", "dibawa ke unit pengujian"),
        ),
        procedure=(
            "1. Pemohon mendaftar dan membayar retribusi di loket unit pengujian.\n"
            "2. Kendaraan diuji pada jalur uji: emisi, rem, lampu, kincup roda dan dimensi.\n"
            "3. Bila lulus, pemohon menerima kartu bukti lulus uji elektronik.\n"
            "4. Bila tidak lulus, pemohon memperbaiki kendaraan lalu mengajukan uji ulang."
        ),
        service_time_days=1,
        service_time_note="Pengujian selesai pada hari kedatangan bila kendaraan lulus uji.",
        product="Kartu Bukti Lulus Uji Elektronik (BLUe) dan tanda lulus uji.",
        legal_basis=TRANSPORT_LAW + ";\n4. Peraturan Menteri Perhubungan Nomor 19 Tahun 2021 "
        "tentang Pengujian Berkala Kendaraan Bermotor.",
        # Amount per vehicle class *(check)*.
        fee=Decimal("80000"),
        fee_note=(
            "Retribusi untuk mobil penumpang umum dan mobil barang ringan; kendaraan lain sesuai "
            "Peraturan Daerah Kota Semarang tentang Pajak Daerah dan Retribusi Daerah."
        ),
        staff_count=12,
        keywords=("kir", "uji kir", "keur", "uji emisi truk", "buku kir"),
        locations=("uji-kendaraan-mangkang", "uji-kendaraan-cumi"),
    ),
    _dishub(
        slug="izin-trayek-angkutan",
        name="Izin Penyelenggaraan Angkutan Orang dalam Trayek Kota",
        summary=(
            "Izin bagi perusahaan angkutan umum untuk melayani trayek angkutan kota atau angkutan pengumpan "
            "di wilayah Kota Semarang."
        ),
        requirements=(
            RequirementSpec("Nomor Induk Berusaha (NIB) perusahaan angkutan"),
            RequirementSpec("Daftar kendaraan beserta STNK dan bukti lulus uji berkala"),
            RequirementSpec("Bukti kepemilikan atau sewa garasi dan fasilitas perawatan kendaraan"),
            RequirementSpec(
                "Surat pernyataan kesanggupan memenuhi standar pelayanan minimal angkutan"
            ),
        ),
        procedure=(
            "1. Pemohon mengajukan permohonan melalui loket Dinas Perhubungan di Mal Pelayanan Publik.\n"
            "2. Petugas memeriksa berkas dan ketersediaan kuota trayek.\n"
            "3. Petugas memeriksa garasi dan kendaraan.\n"
            "4. Izin diterbitkan dan kartu pengawasan dibagikan per kendaraan."
        ),
        service_time_days=14,
        product="Izin penyelenggaraan angkutan dan kartu pengawasan kendaraan.",
        legal_basis=TRANSPORT_LAW + ";\n4. Peraturan Menteri Perhubungan Nomor 15 Tahun 2019 "
        "tentang Penyelenggaraan Angkutan Orang dengan Kendaraan Bermotor Umum dalam Trayek.",
        staff_count=4,
        keywords=("izin trayek", "angkot", "kartu pengawasan", "izin angkutan"),
        life_events=("memulai-usaha",),
        locations=("dishub", "mpp"),
    ),
    _spec(
        "disarpus",
        "Keputusan Kepala Dinas Arsip dan Perpustakaan Kota Semarang Nomor 000.5/009/2025",
        10,
        slug="kartu-anggota-perpustakaan",
        name="Kartu Anggota Perpustakaan Kota Semarang",
        summary=(
            "Pendaftaran anggota Perpustakaan Kota Semarang untuk meminjam buku dan memakai "
            "layanan perpustakaan keliling."
        ),
        requirements=(
            RequirementSpec(
                "KTP-el atau kartu pelajar", "anak cukup memakai KIA atau KK orang tua"
            ),
            RequirementSpec(
                "Pasfoto berwarna", "dapat difoto langsung di meja layanan", is_mandatory=False
            ),
        ),
        procedure=(
            "1. Pemohon mengisi formulir pendaftaran di Balai Kota Digital atau meja layanan.\n"
            "2. Petugas memeriksa identitas pemohon.\n"
            "3. Kartu anggota dicetak dan diserahkan, atau kartu digital dikirim ke akun pemohon."
        ),
        service_time_days=1,
        service_time_note="Kartu selesai saat itu juga bila pemohon datang ke meja layanan.",
        product="Kartu anggota perpustakaan (cetak atau digital).",
        legal_basis=PUBLIC_SERVICE_LAW + "2. Undang-Undang Nomor 43 Tahun 2007 tentang "
        "Perpustakaan.",
        staff_count=3,
        keywords=("kartu perpus", "pinjam buku", "daftar perpustakaan", "anggota perpus"),
        life_events=("sekolah",),
        locations=("disarpus",),
    ),
)
