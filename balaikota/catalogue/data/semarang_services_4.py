"""Seed services of Bapenda, DLH, Damkar and Disdag Kota Semarang.

Demo content: service times, staff counts, fees and decree numbers are plausible values
*(check)*.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .specs import RequirementSpec, ServiceSpec

PUBLIC_SERVICE_LAW = "1. Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;\n"
TAX_LAW = (
    PUBLIC_SERVICE_LAW + "2. Undang-Undang Nomor 1 Tahun 2022 tentang Hubungan Keuangan antara "
    "Pemerintah Pusat dan Pemerintahan Daerah;\n3. Peraturan Pemerintah Nomor 35 Tahun 2023 "
    "tentang Ketentuan Umum Pajak Daerah dan Retribusi Daerah."
)
ENVIRONMENT_LAW = (
    PUBLIC_SERVICE_LAW + "2. Undang-Undang Nomor 32 Tahun 2009 tentang Perlindungan dan "
    "Pengelolaan Lingkungan Hidup"
)
FIRE_LAW = (
    PUBLIC_SERVICE_LAW + "2. Peraturan Pemerintah Nomor 2 Tahun 2018 tentang Standar Pelayanan "
    "Minimal"
)
RETRIBUTION_NOTE = (
    "Besaran retribusi dihitung sesuai Peraturan Daerah Kota Semarang tentang Pajak Daerah dan "
    "Retribusi Daerah."
)

KTP = RequirementSpec("KTP-el wajib pajak atau surat kuasa", "bila diwakilkan")
SPPT = RequirementSpec("SPPT PBB-P2 tahun terakhir atau Nomor Objek Pajak (NOP)")
LAND_TITLE = RequirementSpec(
    "Sertifikat tanah atau bukti kepemilikan lain", "akta jual beli, hibah atau waris"
)
PBB_LOCATIONS = ("bapenda", "mpp")


def _spec(opd: str, decree: str, day: int, **fields) -> ServiceSpec:
    defaults = {
        "opd_code": opd,
        "decree_number": decree,
        "decree_date": date(2025, 1, day),
        "effective_date": date(2025, 1, day + 7),
    }
    return ServiceSpec(**{**defaults, **fields})


def _bapenda(**fields):
    defaults = {"locations": PBB_LOCATIONS, "legal_basis": TAX_LAW}
    return _spec(
        "bapenda",
        "Keputusan Kepala Badan Pendapatan Daerah Kota Semarang Nomor 900.1/034/2025",
        6,
        **{**defaults, **fields},
    )


def _dlh(**fields):
    return _spec(
        "dlh",
        "Keputusan Kepala Dinas Lingkungan Hidup Kota Semarang Nomor 600.4/026/2025",
        8,
        **fields,
    )


def _damkar(**fields):
    return _spec(
        "damkar",
        "Keputusan Kepala Dinas Pemadam Kebakaran Kota Semarang Nomor 300.2/012/2025",
        9,
        **fields,
    )


SERVICES: tuple[ServiceSpec, ...] = (
    _bapenda(
        slug="pbb-cetak-ulang-sppt",
        name="Cetak Ulang SPPT PBB-P2",
        summary=(
            "Penerbitan salinan Surat Pemberitahuan Pajak Terutang Pajak Bumi dan Bangunan "
            "Perdesaan dan Perkotaan (PBB-P2) yang hilang, rusak atau belum diterima."
        ),
        requirements=(
            KTP,
            RequirementSpec("Nomor Objek Pajak (NOP) atau fotokopi SPPT tahun sebelumnya"),
        ),
        procedure=(
            "1. Wajib pajak mengajukan permohonan melalui Balai Kota Digital atau loket Bapenda.\n"
            "2. Petugas mencari data objek pajak berdasarkan NOP atau alamat.\n"
            "3. SPPT dicetak ulang atau dikirim dalam bentuk elektronik."
        ),
        service_time_days=1,
        product="Salinan SPPT PBB-P2 tahun berjalan.",
        staff_count=6,
        keywords=("pbb hilang", "cetak pbb", "sppt hilang", "tagihan pbb"),
        life_events=("jual-beli-tanah",),
    ),
    _bapenda(
        slug="pbb-mutasi-objek",
        name="Mutasi Objek dan Subjek PBB-P2 (Balik Nama)",
        summary=(
            "Perubahan nama wajib pajak, pemecahan atau penggabungan objek PBB-P2 setelah jual "
            "beli, hibah, waris atau pemecahan sertifikat."
        ),
        requirements=(
            KTP,
            SPPT,
            LAND_TITLE,
            RequirementSpec("Bukti lunas PBB-P2 lima tahun terakhir"),
            RequirementSpec(
                "Formulir Surat Pemberitahuan Objek Pajak (SPOP)",
                "pada layanan daring diisi langsung",
            ),
        ),
        procedure=(
            "1. Wajib pajak mengajukan permohonan dan mengunggah persyaratan.\n"
            "2. Petugas memeriksa berkas dan tunggakan PBB-P2.\n"
            "3. Bila perlu, petugas meneliti objek di lapangan.\n"
            "4. Data objek dan subjek pajak diubah dan SPPT baru diterbitkan."
        ),
        service_time_days=7,
        product="SPPT PBB-P2 atas nama wajib pajak baru atau objek hasil pemecahan.",
        staff_count=6,
        keywords=("balik nama pbb", "ganti nama pbb", "pecah pbb", "mutasi pbb"),
        life_events=("jual-beli-tanah", "kematian"),
    ),
    _bapenda(
        slug="pbb-pengurangan",
        name="Pengurangan PBB-P2",
        summary=(
            "Pengurangan pokok PBB-P2 bagi wajib pajak orang pribadi yang kurang mampu, pensiunan, "
            "veteran, atau objek yang terdampak bencana."
        ),
        requirements=(
            KTP,
            SPPT,
            RequirementSpec("Surat permohonan pengurangan beserta alasannya"),
            RequirementSpec(
                "Bukti pendukung",
                "surat keterangan penghasilan, SK pensiun, kartu veteran atau keterangan bencana",
            ),
        ),
        procedure=(
            "1. Wajib pajak mengajukan permohonan sebelum jatuh tempo pembayaran.\n"
            "2. Petugas memeriksa berkas dan, bila perlu, meneliti objek di lapangan.\n"
            "3. Kepala Bapenda menetapkan keputusan pengurangan.\n"
            "4. Wajib pajak menerima keputusan dan SPPT dengan nilai baru."
        ),
        service_time_days=20,
        product="Keputusan pengurangan PBB-P2.",
        staff_count=4,
        keywords=("keringanan pbb", "diskon pbb", "pbb mahal", "pengurangan pajak"),
        life_events=("butuh-bantuan",),
    ),
    _bapenda(
        slug="pbb-pendaftaran-objek-baru",
        name="Pendaftaran Objek Baru PBB-P2",
        summary=(
            "Pendaftaran tanah atau bangunan yang belum terdaftar sebagai objek PBB-P2, termasuk "
            "bangunan baru yang telah selesai dibangun."
        ),
        requirements=(
            KTP,
            LAND_TITLE,
            RequirementSpec("Formulir SPOP dan LSPOP", "pada layanan daring diisi langsung"),
            RequirementSpec(
                "Persetujuan Bangunan Gedung (PBG)", "bila ada bangunan", is_mandatory=False
            ),
            RequirementSpec(
                "SPPT PBB-P2 tetangga terdekat",
                "untuk membantu penentuan letak objek",
                is_mandatory=False,
            ),
        ),
        procedure=(
            "1. Wajib pajak mengajukan pendaftaran dan mengunggah persyaratan.\n"
            "2. Petugas meneliti objek di lapangan dan mengukur luas bangunan.\n"
            "3. Objek diberi Nomor Objek Pajak (NOP).\n"
            "4. SPPT PBB-P2 diterbitkan untuk tahun pajak berikutnya."
        ),
        service_time_days=10,
        product="Nomor Objek Pajak (NOP) dan SPPT PBB-P2.",
        staff_count=5,
        keywords=("daftar pbb", "nop baru", "pbb rumah baru"),
        life_events=("membangun-rumah", "jual-beli-tanah"),
    ),
    _bapenda(
        slug="validasi-bphtb",
        name="Validasi Bea Perolehan Hak atas Tanah dan Bangunan (BPHTB)",
        summary=(
            "Penelitian dan pengesahan Surat Setoran Pajak Daerah BPHTB atas jual beli, hibah, "
            "waris atau perolehan hak lain, sebagai syarat balik nama sertifikat di kantor "
            "pertanahan."
        ),
        requirements=(
            RequirementSpec("KTP-el pihak yang memperoleh hak"),
            SPPT,
            LAND_TITLE,
            RequirementSpec("Draf akta atau surat keterangan dari PPAT/notaris"),
            RequirementSpec("Bukti pembayaran BPHTB"),
        ),
        procedure=(
            "1. PPAT atau wajib pajak mengisi SSPD BPHTB dan membayarnya di bank persepsi.\n"
            "2. Berkas diajukan ke Bapenda untuk divalidasi.\n"
            "3. Petugas meneliti nilai perolehan dan, bila perlu, objek di lapangan.\n"
            "4. SSPD BPHTB divalidasi dan dapat dipakai di kantor pertanahan."
        ),
        service_time_days=3,
        product="SSPD BPHTB yang telah divalidasi.",
        fee_note=(
            "BPHTB sebesar 5% dari nilai perolehan setelah dikurangi nilai perolehan objek pajak "
            "tidak kena pajak, sesuai Peraturan Daerah Kota Semarang tentang Pajak Daerah dan "
            "Retribusi Daerah; validasinya tanpa biaya."
        ),
        staff_count=6,
        keywords=("bphtb", "pajak jual beli rumah", "pajak beli tanah", "pajak waris tanah"),
        life_events=("jual-beli-tanah", "kematian"),
    ),
    _bapenda(
        slug="pendaftaran-npwpd",
        name="Pendaftaran Nomor Pokok Wajib Pajak Daerah (NPWPD)",
        summary=(
            "Pendaftaran wajib pajak daerah bagi usaha restoran, hotel, hiburan, parkir dan usaha "
            "lain yang memungut pajak barang dan jasa tertentu (PBJT)."
        ),
        requirements=(
            RequirementSpec("KTP-el pemilik atau penanggung jawab usaha"),
            RequirementSpec("Nomor Induk Berusaha (NIB)"),
            RequirementSpec("NPWP pemilik atau badan usaha"),
            RequirementSpec("Foto tempat usaha dan daftar harga"),
        ),
        procedure=(
            "1. Pemilik usaha mengajukan pendaftaran di Balai Kota Digital atau loket Bapenda.\n"
            "2. Petugas memeriksa berkas dan, bila perlu, meninjau tempat usaha.\n"
            "3. NPWPD diterbitkan dan wajib pajak didaftarkan untuk pelaporan pajak bulanan."
        ),
        service_time_days=3,
        product="Kartu NPWPD dan surat pengukuhan wajib pajak daerah.",
        staff_count=4,
        keywords=("npwpd", "pajak restoran", "pajak hotel", "pbjt", "pajak kafe"),
        life_events=("memulai-usaha",),
    ),
    _dlh(
        slug="persetujuan-lingkungan",
        name="Persetujuan Lingkungan (SPPL dan UKL-UPL)",
        summary=(
            "Pernyataan kesanggupan pengelolaan lingkungan (SPPL) atau persetujuan UKL-UPL bagi "
            "usaha dan kegiatan yang tidak wajib Amdal."
        ),
        requirements=(
            RequirementSpec("Nomor Induk Berusaha (NIB)"),
            RequirementSpec("Kesesuaian Kegiatan Pemanfaatan Ruang (KKPR)"),
            RequirementSpec("Dokumen SPPL atau formulir UKL-UPL", "sesuai skala usaha"),
            RequirementSpec("Tata letak dan foto lokasi kegiatan"),
        ),
        procedure=(
            "1. Pemohon mengajukan persetujuan lingkungan melalui OSS atau Amdalnet.\n"
            "2. SPPL usaha mikro dan kecil terbit langsung melalui OSS.\n"
            "3. Untuk UKL-UPL, petugas DLH memeriksa formulir dan meninjau lokasi.\n"
            "4. Persetujuan pernyataan kesanggupan UKL-UPL diterbitkan."
        ),
        service_time_days=10,
        service_time_note="SPPL terbit pada hari yang sama; jangka waktu ini untuk UKL-UPL.",
        product="SPPL atau Persetujuan Pernyataan Kesanggupan Pengelolaan Lingkungan Hidup (PKPLH).",
        legal_basis=ENVIRONMENT_LAW + ";\n3. Peraturan Pemerintah Nomor 22 Tahun 2021 tentang "
        "Penyelenggaraan Perlindungan dan Pengelolaan Lingkungan Hidup.",
        is_online=True,
        # Amdalnet address after the ministry split in 2024 *(check)*.
        online_url="https://amdalnet.menlhk.go.id",
        staff_count=5,
        keywords=("sppl", "ukl upl", "izin lingkungan", "dokumen lingkungan"),
        life_events=("memulai-usaha", "membangun-rumah"),
        locations=("dlh", "mpp"),
    ),
    _dlh(
        slug="sedot-tinja-iplt",
        name="Layanan Penyedotan Lumpur Tinja",
        summary=(
            "Penyedotan lumpur tinja dari tangki septik rumah tangga dengan truk milik Pemerintah "
            "Kota Semarang; lumpur diolah di Instalasi Pengolahan Lumpur Tinja (IPLT)."
        ),
        requirements=(
            RequirementSpec("KTP-el pemohon"),
            RequirementSpec("Alamat lengkap dan titik lokasi tangki septik"),
            RequirementSpec("Keterangan akses jalan", "lebar jalan yang dapat dilalui truk"),
        ),
        procedure=(
            "1. Pemohon memesan layanan melalui Balai Kota Digital atau kantor DLH.\n"
            "2. Petugas menjadwalkan kedatangan truk dan memberi tahu pemohon.\n"
            "3. Pemohon membayar retribusi sesuai tagihan.\n"
            "4. Petugas menyedot lumpur tinja dan mengangkutnya ke IPLT."
        ),
        service_time_days=3,
        service_time_note="Dihitung sejak pemesanan sampai kedatangan truk.",
        product="Tangki septik yang telah dikuras dan bukti pembayaran retribusi.",
        legal_basis=ENVIRONMENT_LAW + ";\n3. Peraturan Menteri Pekerjaan Umum dan Perumahan Rakyat "
        "Nomor 4 Tahun 2017 tentang Penyelenggaraan Sistem Pengelolaan Air Limbah Domestik.",
        # Amount for one household tank *(check)*.
        fee=Decimal("250000"),
        fee_note="Untuk satu tangki septik rumah tinggal; selebihnya "
        + RETRIBUTION_NOTE[0].lower()
        + RETRIBUTION_NOTE[1:],
        staff_count=8,
        keywords=("sedot wc", "sedot tinja", "kuras septiktank", "wc penuh", "iplt"),
        locations=("dlh", "iplt-terboyo"),
    ),
    _dlh(
        slug="angkut-sampah",
        name="Pengangkutan Sampah Rumah Tangga dan Usaha",
        summary=(
            "Pendaftaran pengangkutan sampah dari tempat penampungan sementara, kawasan usaha atau "
            "acara ke tempat pemrosesan akhir."
        ),
        requirements=(
            RequirementSpec("KTP-el pemohon"),
            RequirementSpec("Alamat dan perkiraan volume sampah"),
            RequirementSpec("Nomor Induk Berusaha (NIB)", "bagi usaha", is_mandatory=False),
        ),
        procedure=(
            "1. Pemohon mendaftar melalui Balai Kota Digital atau kantor DLH.\n"
            "2. Petugas menetapkan jadwal dan rute pengangkutan.\n"
            "3. Pemohon membayar retribusi persampahan.\n"
            "4. Sampah diangkut sesuai jadwal."
        ),
        service_time_days=3,
        product="Jadwal pengangkutan sampah dan bukti pembayaran retribusi.",
        legal_basis=ENVIRONMENT_LAW + ";\n3. Undang-Undang Nomor 18 Tahun 2008 tentang Pengelolaan "
        "Sampah.",
        fee_note=RETRIBUTION_NOTE,
        staff_count=10,
        keywords=("buang sampah", "sampah menumpuk", "retribusi sampah", "truk sampah"),
        locations=("dlh",),
    ),
    _damkar(
        slug="rekomendasi-proteksi-kebakaran",
        name="Rekomendasi Sistem Proteksi Kebakaran Bangunan Gedung",
        summary=(
            "Pemeriksaan dan rekomendasi kelengkapan sistem proteksi kebakaran (APAR, hidran, "
            "pemercik air, alarm, jalur evakuasi) sebagai syarat PBG dan SLF bangunan gedung."
        ),
        requirements=(
            RequirementSpec("KTP-el pemohon atau penanggung jawab bangunan"),
            RequirementSpec("Gambar rencana sistem proteksi kebakaran"),
            RequirementSpec(
                "Persetujuan Bangunan Gedung (PBG)", "untuk rekomendasi SLF", is_mandatory=False
            ),
            RequirementSpec("Data jumlah penghuni dan fungsi bangunan"),
        ),
        procedure=(
            "1. Pemohon mengajukan permohonan rekomendasi di Mal Pelayanan Publik atau markas Damkar.\n"
            "2. Petugas memeriksa gambar rencana sistem proteksi kebakaran.\n"
            "3. Petugas menguji peralatan proteksi kebakaran di lokasi.\n"
            "4. Rekomendasi diterbitkan atau pemohon diberi catatan perbaikan."
        ),
        service_time_days=7,
        product="Surat rekomendasi sistem proteksi kebakaran.",
        legal_basis=FIRE_LAW + ";\n3. Peraturan Menteri Pekerjaan Umum Nomor 26/PRT/M/2008 tentang "
        "Persyaratan Teknis Sistem Proteksi Kebakaran pada Bangunan Gedung dan Lingkungan.",
        staff_count=6,
        keywords=("rekom damkar", "apar", "hidran", "proteksi kebakaran", "alarm kebakaran"),
        life_events=("memulai-usaha", "membangun-rumah"),
        locations=("damkar", "mpp"),
    ),
    _damkar(
        slug="penyelamatan-non-kebakaran",
        name="Penyelamatan dan Evakuasi Non-Kebakaran",
        summary=(
            "Pertolongan oleh petugas pemadam kebakaran di luar kebakaran: evakuasi ular, sarang "
            "tawon, hewan terjebak, melepas cincin yang tidak bisa dilepas, dan penyelamatan orang "
            "terjebak."
        ),
        requirements=(
            RequirementSpec("Alamat atau titik lokasi kejadian"),
            RequirementSpec("Keterangan singkat kejadian"),
            RequirementSpec("Nomor telepon pelapor"),
        ),
        procedure=(
            "1. Pelapor menghubungi nomor darurat 112 atau datang ke pos pemadam kebakaran terdekat.\n"
            "2. Petugas piket mengirim regu penyelamat ke lokasi.\n"
            "3. Regu melakukan penyelamatan atau evakuasi.\n"
            "4. Kejadian dicatat dalam laporan penyelamatan."
        ),
        service_time_days=1,
        service_time_note="Layanan darurat tersedia 24 jam setiap hari, termasuk hari libur.",
        product="Penyelamatan atau evakuasi dan laporan kejadian.",
        legal_basis=FIRE_LAW + ".",
        staff_count=40,
        keywords=("evakuasi ular", "sarang tawon", "cincin macet", "kucing terjebak", "damkar"),
        life_events=("butuh-bantuan",),
        locations=("damkar",),
    ),
    _spec(
        "disdag",
        "Keputusan Kepala Dinas Perdagangan Kota Semarang Nomor 500.2/020/2025",
        13,
        slug="tera-ulang-uttp",
        name="Tera dan Tera Ulang Alat Ukur, Takar, Timbang (UTTP)",
        summary=(
            "Pemeriksaan dan pembubuhan tanda tera pada timbangan, takaran, meter air, pompa bensin "
            "dan alat ukur lain yang dipakai untuk transaksi perdagangan."
        ),
        requirements=(
            RequirementSpec("KTP-el pemilik alat atau surat kuasa"),
            RequirementSpec(
                "Alat ukur, takar atau timbang yang akan ditera",
                "atau alamat lokasi bila alat tidak dapat dipindahkan",
            ),
            RequirementSpec(
                "Surat keterangan tera sebelumnya", "bagi tera ulang", is_mandatory=False
            ),
        ),
        procedure=(
            "1. Pemilik alat mendaftar di UPTD Metrologi Legal atau sidang tera di pasar.\n"
            "2. Petugas penera memeriksa dan menguji alat.\n"
            "3. Pemilik alat membayar retribusi sesuai jenis dan kapasitas alat.\n"
            "4. Alat yang sah dibubuhi tanda tera dan diberi surat keterangan hasil pengujian."
        ),
        service_time_days=1,
        service_time_note="Alat yang diuji di lokasi pemilik dijadwalkan paling lama 5 hari kerja.",
        product="Tanda tera sah dan surat keterangan hasil pengujian.",
        legal_basis=PUBLIC_SERVICE_LAW + "2. Undang-Undang Nomor 2 Tahun 1981 tentang Metrologi "
        "Legal.",
        # Amount for one scale up to 25 kg *(check)*.
        fee=Decimal("15000"),
        fee_note="Untuk satu timbangan sampai 25 kg; alat lain sesuai jenis dan kapasitasnya. "
        + RETRIBUTION_NOTE,
        staff_count=6,
        keywords=("tera timbangan", "tera ulang", "timbangan pasar", "metrologi"),
        life_events=("memulai-usaha",),
        locations=("disdag",),
    ),
)
