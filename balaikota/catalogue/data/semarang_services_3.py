"""Seed services of Disdik, Disnaker, Dinkopum and Disperkim Kota Semarang.

Demo content: service times, staff counts and decree numbers are plausible values *(check)*.
"""

from __future__ import annotations

from datetime import date

from .specs import RequirementSpec, ServiceSpec

PUBLIC_SERVICE_LAW = "1. Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;\n"
EDUCATION_LAW = (
    PUBLIC_SERVICE_LAW + "2. Undang-Undang Nomor 20 Tahun 2003 tentang Sistem Pendidikan Nasional"
)
# Permendikdasmen 3/2025 replaced the PPDB rules by SPMB *(check)*.
SPMB_LAW = (
    EDUCATION_LAW + ";\n3. Peraturan Menteri Pendidikan Dasar dan Menengah Nomor 3 Tahun 2025 "
    "tentang Sistem Penerimaan Murid Baru."
)
# Permendikbud 29/2014 on certified copies and replacement letters *(check)*.
DIPLOMA_LAW = (
    EDUCATION_LAW + ";\n3. Peraturan Menteri Pendidikan dan Kebudayaan Nomor 29 Tahun 2014 "
    "tentang Pengesahan Fotokopi Ijazah/Surat Tanda Tamat Belajar, Surat Keterangan Pengganti "
    "yang Berpenghargaan Sama dengan Ijazah, dan Penerbitan Surat Keterangan Pengganti Ijazah."
)
LABOUR_LAW = (
    PUBLIC_SERVICE_LAW + "2. Undang-Undang Nomor 13 Tahun 2003 tentang Ketenagakerjaan "
    "sebagaimana telah diubah dengan Undang-Undang Nomor 6 Tahun 2023"
)

RESIDENT = RequirementSpec("KTP-el dan Kartu Keluarga (KK)")
CHILD_DOCUMENTS = (
    RequirementSpec(
        "Kartu Keluarga (KK)",
        "diterbitkan paling singkat 1 tahun sebelum pendaftaran bagi jalur domisili",
    ),
    RequirementSpec("Kutipan akta kelahiran calon murid"),
    RequirementSpec(
        "Bukti keikutsertaan program penanganan keluarga tidak mampu",
        "bagi jalur afirmasi",
        is_mandatory=False,
    ),
    RequirementSpec(
        "Surat penugasan orang tua",
        "bagi jalur mutasi karena perpindahan tugas orang tua",
        is_mandatory=False,
    ),
)
SPMB_PROCEDURE = (
    "1. Orang tua membaca jadwal dan petunjuk teknis SPMB Kota Semarang yang diumumkan Dinas "
    "Pendidikan.\n"
    "2. Orang tua membuat akun dan mendaftar pada laman SPMB Kota Semarang, memilih jalur dan "
    "sekolah tujuan.\n"
    "3. Sekolah atau Dinas Pendidikan memverifikasi berkas.\n"
    "4. Hasil seleksi diumumkan sesuai jadwal.\n"
    "5. Calon murid yang diterima melakukan daftar ulang di sekolah tujuan."
)
SCHOOL_LOCATIONS = ("disdik",)


def _spec(opd: str, decree: str, day: int, **fields) -> ServiceSpec:
    defaults = {
        "opd_code": opd,
        "decree_number": decree,
        "decree_date": date(2025, 1, day),
        "effective_date": date(2025, 1, day + 7),
    }
    return ServiceSpec(**{**defaults, **fields})


def _disdik(**fields):
    return _spec(
        "disdik",
        "Keputusan Kepala Dinas Pendidikan Kota Semarang Nomor 400.3/019/2025",
        6,
        **fields,
    )


def _disnaker(**fields):
    return _spec(
        "disnaker",
        "Keputusan Kepala Dinas Tenaga Kerja Kota Semarang Nomor 500.15/015/2025",
        9,
        **fields,
    )


SERVICES: tuple[ServiceSpec, ...] = (
    _disdik(
        slug="spmb-sd",
        name="Sistem Penerimaan Murid Baru (SPMB) SD Negeri",
        summary=(
            "Pendaftaran calon murid kelas 1 SD negeri di Kota Semarang melalui jalur domisili, "
            "afirmasi dan mutasi. SPMB menggantikan PPDB mulai tahun ajaran 2025/2026."
        ),
        requirements=(
            RequirementSpec(
                "Berusia 7 tahun, atau paling rendah 6 tahun pada 1 Juli tahun berjalan"
            ),
            *CHILD_DOCUMENTS,
        ),
        procedure=SPMB_PROCEDURE,
        service_time_days=14,
        service_time_note="Mengikuti jadwal SPMB yang ditetapkan setiap tahun ajaran.",
        product="Pengumuman hasil seleksi dan bukti diterima di SD negeri tujuan.",
        legal_basis=SPMB_LAW,
        staff_count=20,
        keywords=("ppdb sd", "daftar sd", "sekolah dasar negeri", "zonasi sd", "psb sd"),
        life_events=("sekolah",),
        locations=SCHOOL_LOCATIONS,
    ),
    _disdik(
        slug="spmb-smp",
        name="Sistem Penerimaan Murid Baru (SPMB) SMP Negeri",
        summary=(
            "Pendaftaran calon murid kelas 7 SMP negeri di Kota Semarang melalui jalur domisili, "
            "afirmasi, mutasi dan prestasi."
        ),
        requirements=(
            RequirementSpec(
                "Ijazah SD atau surat keterangan lulus",
                "berusia paling tinggi 15 tahun pada 1 Juli tahun berjalan",
            ),
            *CHILD_DOCUMENTS,
            RequirementSpec(
                "Sertifikat prestasi atau nilai rapor", "bagi jalur prestasi", is_mandatory=False
            ),
        ),
        procedure=SPMB_PROCEDURE,
        service_time_days=14,
        service_time_note="Mengikuti jadwal SPMB yang ditetapkan setiap tahun ajaran.",
        product="Pengumuman hasil seleksi dan bukti diterima di SMP negeri tujuan.",
        legal_basis=SPMB_LAW,
        staff_count=20,
        keywords=("ppdb smp", "daftar smp", "zonasi smp", "jalur prestasi", "psb smp"),
        life_events=("sekolah",),
        locations=SCHOOL_LOCATIONS,
    ),
    _disdik(
        slug="legalisir-ijazah",
        name="Legalisir Ijazah SD dan SMP",
        summary=(
            "Pengesahan fotokopi ijazah SD atau SMP, termasuk dari sekolah yang sudah ditutup atau "
            "digabung, untuk melamar kerja atau melanjutkan sekolah."
        ),
        requirements=(
            RequirementSpec("Ijazah asli", "ditunjukkan kepada petugas"),
            RequirementSpec("Fotokopi ijazah yang akan dilegalisir"),
            RequirementSpec("KTP-el pemilik ijazah atau surat kuasa", "bila diwakilkan"),
        ),
        procedure=(
            "1. Pemohon datang ke sekolah penerbit ijazah; bila sekolah sudah ditutup, ke Dinas "
            "Pendidikan.\n"
            "2. Petugas mencocokkan fotokopi dengan ijazah asli.\n"
            "3. Kepala sekolah atau pejabat Dinas Pendidikan menandatangani dan membubuhkan cap.\n"
            "4. Fotokopi yang telah dilegalisir diserahkan kepada pemohon."
        ),
        service_time_days=1,
        product="Fotokopi ijazah yang telah disahkan.",
        legal_basis=DIPLOMA_LAW,
        staff_count=3,
        keywords=("legalisir", "legalisasi ijazah", "cap ijazah", "pengesahan ijazah"),
        life_events=("mencari-kerja", "sekolah"),
        locations=SCHOOL_LOCATIONS,
    ),
    _disdik(
        slug="surat-keterangan-pengganti-ijazah",
        name="Surat Keterangan Pengganti Ijazah yang Hilang atau Rusak",
        summary=(
            "Penerbitan surat keterangan yang berpenghargaan sama dengan ijazah SD atau SMP yang "
            "hilang, rusak atau terbakar."
        ),
        requirements=(
            RequirementSpec(
                "Surat keterangan kehilangan dari kepolisian", "atau bukti ijazah rusak"
            ),
            RequirementSpec(
                "Fotokopi ijazah atau nomor induk siswa", "bila masih ada", is_mandatory=False
            ),
            RequirementSpec("Surat pernyataan 2 (dua) orang saksi", "teman seangkatan atau guru"),
            RequirementSpec("KTP-el pemohon"),
            RequirementSpec("Pasfoto berwarna terbaru ukuran 3x4 cm"),
        ),
        procedure=(
            "1. Pemohon mengajukan permohonan ke sekolah penerbit ijazah.\n"
            "2. Sekolah memeriksa arsip dan membuat berita acara.\n"
            "3. Dinas Pendidikan memverifikasi berkas dan buku induk.\n"
            "4. Surat keterangan pengganti ijazah diterbitkan."
        ),
        service_time_days=7,
        product="Surat keterangan pengganti ijazah yang berpenghargaan sama dengan ijazah.",
        legal_basis=DIPLOMA_LAW,
        staff_count=3,
        keywords=("ijazah hilang", "ijazah rusak", "ganti ijazah", "ijazah kebakaran"),
        life_events=("mencari-kerja",),
        locations=SCHOOL_LOCATIONS,
    ),
    _disdik(
        slug="mutasi-siswa",
        name="Mutasi Siswa SD dan SMP",
        summary="Rekomendasi pindah sekolah bagi murid SD atau SMP yang pindah ke atau dari Kota Semarang.",
        requirements=(
            RequirementSpec("Surat keterangan pindah dari sekolah asal"),
            RequirementSpec("Surat keterangan dapat diterima dari sekolah tujuan"),
            RequirementSpec("Rapor asli murid"),
            RESIDENT,
        ),
        procedure=(
            "1. Orang tua meminta surat pindah di sekolah asal dan surat dapat diterima di sekolah "
            "tujuan.\n"
            "2. Orang tua mengajukan permohonan rekomendasi ke Dinas Pendidikan.\n"
            "3. Petugas memverifikasi berkas dan data murid di Dapodik.\n"
            "4. Rekomendasi mutasi diterbitkan dan data murid dipindahkan."
        ),
        service_time_days=3,
        product="Surat rekomendasi mutasi siswa.",
        legal_basis=EDUCATION_LAW + ".",
        staff_count=3,
        keywords=("pindah sekolah", "mutasi sekolah", "surat pindah sekolah"),
        life_events=("sekolah", "pindah-rumah"),
        locations=SCHOOL_LOCATIONS,
    ),
    _disnaker(
        slug="kartu-pencari-kerja",
        name="Kartu Pencari Kerja (AK/I)",
        summary=(
            "Pendaftaran pencari kerja dan penerbitan kartu AK/I, yang dikenal sebagai kartu "
            "kuning, untuk melamar kerja."
        ),
        requirements=(
            RESIDENT,
            RequirementSpec("Ijazah terakhir"),
            RequirementSpec("Pasfoto berwarna terbaru"),
            RequirementSpec("Sertifikat pelatihan atau keterampilan", is_mandatory=False),
        ),
        procedure=(
            "1. Pemohon mendaftar di Karirhub Kemnaker dan mengisi data diri, pendidikan dan "
            "keterampilan.\n"
            "2. Pemohon mengunggah dokumen persyaratan.\n"
            "3. Petugas Dinas Tenaga Kerja memverifikasi data.\n"
            "4. Kartu AK/I elektronik dapat diunduh dan dicetak pemohon."
        ),
        service_time_days=1,
        product="Kartu tanda bukti pendaftaran pencari kerja (AK/I) elektronik.",
        legal_basis=LABOUR_LAW + ";\n3. Peraturan Menteri Ketenagakerjaan Nomor 39 Tahun 2016 "
        "tentang Penempatan Tenaga Kerja.",
        is_online=True,
        # Karirhub issues the AK/I card online *(check)*.
        online_url="https://karirhub.kemnaker.go.id",
        staff_count=5,
        keywords=("kartu kuning", "ak1", "ak-1", "kartu ak1", "kartu cari kerja"),
        life_events=("mencari-kerja",),
        locations=("disnaker", "mpp"),
    ),
    _disnaker(
        slug="pendaftaran-pkb",
        name="Pendaftaran Perjanjian Kerja Bersama (PKB)",
        summary=(
            "Pendaftaran perjanjian kerja bersama yang dibuat pengusaha dan serikat pekerja di "
            "perusahaan yang berada di Kota Semarang."
        ),
        requirements=(
            RequirementSpec(
                "Naskah perjanjian kerja bersama", "ditandatangani pengusaha dan serikat pekerja"
            ),
            RequirementSpec("Surat permohonan pendaftaran dari pengusaha"),
            RequirementSpec("Bukti pencatatan serikat pekerja"),
            RequirementSpec("Data jumlah anggota serikat pekerja"),
        ),
        procedure=(
            "1. Pengusaha mengajukan permohonan pendaftaran PKB ke Dinas Tenaga Kerja.\n"
            "2. Petugas meneliti kelengkapan dan isi PKB terhadap peraturan perundang-undangan.\n"
            "3. Bila sesuai, surat keputusan pendaftaran PKB diterbitkan.\n"
            "4. Bila belum sesuai, pemohon diberi catatan perbaikan."
        ),
        service_time_days=6,
        product="Surat keputusan pendaftaran perjanjian kerja bersama.",
        legal_basis=LABOUR_LAW + ";\n3. Peraturan Menteri Ketenagakerjaan Nomor 28 Tahun 2014 "
        "tentang Tata Cara Pembuatan dan Pengesahan Peraturan Perusahaan serta Pembuatan dan "
        "Pendaftaran Perjanjian Kerja Bersama.",
        staff_count=2,
        keywords=("pkb", "perjanjian kerja bersama", "serikat pekerja", "peraturan perusahaan"),
        locations=("disnaker",),
    ),
    _disnaker(
        slug="mediasi-hubungan-industrial",
        name="Mediasi Perselisihan Hubungan Industrial",
        summary=(
            "Penyelesaian perselisihan antara pekerja dan pengusaha, termasuk pemutusan hubungan "
            "kerja, upah dan hak normatif, melalui mediator Dinas Tenaga Kerja."
        ),
        requirements=(
            RequirementSpec("Surat permohonan pencatatan perselisihan"),
            RequirementSpec(
                "Risalah perundingan bipartit", "bukti perundingan sudah dilakukan tetapi gagal"
            ),
            RequirementSpec("KTP-el pemohon atau surat kuasa serikat pekerja"),
            RequirementSpec(
                "Bukti hubungan kerja", "perjanjian kerja, slip gaji atau surat pengangkatan"
            ),
        ),
        procedure=(
            "1. Pemohon mencatatkan perselisihan ke Dinas Tenaga Kerja.\n"
            "2. Mediator memanggil kedua pihak untuk sidang mediasi.\n"
            "3. Bila sepakat, dibuat perjanjian bersama yang didaftarkan ke Pengadilan Hubungan "
            "Industrial.\n"
            "4. Bila tidak sepakat, mediator menerbitkan anjuran tertulis."
        ),
        service_time_days=30,
        service_time_note="Jangka waktu mediasi paling lama 30 hari kerja sesuai UU 2/2004.",
        product="Perjanjian bersama atau anjuran tertulis mediator.",
        legal_basis=LABOUR_LAW + ";\n3. Undang-Undang Nomor 2 Tahun 2004 tentang Penyelesaian "
        "Perselisihan Hubungan Industrial.",
        staff_count=6,
        keywords=("phk", "di phk", "pesangon", "gaji tidak dibayar", "sengketa kerja"),
        life_events=("mencari-kerja",),
        locations=("disnaker",),
    ),
    _disnaker(
        slug="pelatihan-kerja",
        name="Pelatihan Kerja Berbasis Kompetensi",
        summary=(
            "Pelatihan keterampilan tanpa biaya bagi pencari kerja warga Kota Semarang, misalnya "
            "menjahit, las, tata boga, otomotif dan komputer."
        ),
        requirements=(
            RESIDENT,
            RequirementSpec("Kartu pencari kerja (AK/I)", is_mandatory=False),
            RequirementSpec("Ijazah terakhir"),
            RequirementSpec("Berusia paling rendah 18 tahun"),
        ),
        procedure=(
            "1. Pemohon mendaftar pada jadwal pelatihan yang diumumkan Dinas Tenaga Kerja.\n"
            "2. Peserta mengikuti seleksi administrasi dan wawancara.\n"
            "3. Peserta terpilih mengikuti pelatihan sesuai jadwal.\n"
            "4. Peserta yang lulus menerima sertifikat pelatihan."
        ),
        service_time_days=30,
        service_time_note="Lama pelatihan bergantung pada kejuruan yang dipilih.",
        product="Sertifikat pelatihan kerja.",
        legal_basis=LABOUR_LAW + ";\n3. Peraturan Pemerintah Nomor 31 Tahun 2006 tentang Sistem "
        "Pelatihan Kerja Nasional.",
        staff_count=10,
        keywords=("kursus gratis", "pelatihan gratis", "blk", "kursus menjahit", "kursus las"),
        life_events=("mencari-kerja", "memulai-usaha"),
        locations=("disnaker",),
    ),
    _spec(
        "dinkopum",
        "Keputusan Kepala Dinas Koperasi dan Usaha Mikro Kota Semarang Nomor 500.3/010/2025",
        10,
        slug="fasilitasi-sertifikasi-halal",
        name="Fasilitasi Sertifikasi Halal Usaha Mikro",
        summary=(
            "Pendampingan usaha mikro Kota Semarang untuk memperoleh sertifikat halal melalui "
            "pernyataan pelaku usaha (halal mandiri) di SIHALAL."
        ),
        requirements=(
            RequirementSpec("KTP-el pemilik usaha"),
            RequirementSpec("Nomor Induk Berusaha (NIB)"),
            RequirementSpec("Daftar produk dan bahan yang dipakai"),
            RequirementSpec("Foto proses produksi dan produk"),
        ),
        procedure=(
            "1. Pelaku usaha mendaftar fasilitasi di Dinas Koperasi dan Usaha Mikro.\n"
            "2. Pendamping proses produk halal memverifikasi bahan dan proses produksi.\n"
            "3. Pendamping membantu mengajukan permohonan di SIHALAL.\n"
            "4. Sertifikat halal diterbitkan oleh BPJPH dan diunduh pelaku usaha."
        ),
        service_time_days=21,
        service_time_note="Penerbitan sertifikat oleh BPJPH mengikuti antrean SIHALAL.",
        product="Sertifikat halal dari BPJPH.",
        legal_basis=PUBLIC_SERVICE_LAW + "2. Undang-Undang Nomor 33 Tahun 2014 tentang Jaminan "
        "Produk Halal;\n3. Peraturan Pemerintah Nomor 39 Tahun 2021 tentang Penyelenggaraan "
        "Bidang Jaminan Produk Halal.",
        is_online=True,
        online_url="https://ptsp.halal.go.id",
        staff_count=4,
        keywords=("halal", "sertifikat halal gratis", "sehati", "label halal umkm"),
        life_events=("memulai-usaha",),
        locations=("dinkopum",),
    ),
    _spec(
        "disperkim",
        "Keputusan Kepala Dinas Perumahan dan Kawasan Permukiman Kota Semarang Nomor 600.2/028/2025",
        13,
        slug="sewa-rusunawa",
        name="Sewa Rumah Susun Sederhana Sewa (Rusunawa)",
        summary=(
            "Pendaftaran calon penghuni rusunawa milik Pemerintah Kota Semarang bagi keluarga "
            "berpenghasilan rendah yang belum memiliki rumah."
        ),
        requirements=(
            RESIDENT,
            RequirementSpec("Surat keterangan belum memiliki rumah", "dari kelurahan"),
            RequirementSpec("Surat keterangan penghasilan", "dari tempat kerja atau kelurahan"),
            RequirementSpec(
                "Buku nikah atau akta perkawinan", "bagi yang sudah berkeluarga", is_mandatory=False
            ),
        ),
        procedure=(
            "1. Pemohon mendaftar di kantor Disperkim atau pengelola rusunawa.\n"
            "2. Petugas memverifikasi berkas dan melakukan survei ke tempat tinggal pemohon.\n"
            "3. Pemohon yang memenuhi syarat masuk daftar tunggu sesuai ketersediaan unit.\n"
            "4. Bila unit tersedia, pemohon menandatangani perjanjian sewa dan menerima kunci."
        ),
        service_time_days=14,
        service_time_note="Penempatan bergantung pada ketersediaan unit kosong.",
        product="Perjanjian sewa satuan rusunawa.",
        legal_basis=PUBLIC_SERVICE_LAW + "2. Undang-Undang Nomor 20 Tahun 2011 tentang Rumah "
        "Susun;\n3. Undang-Undang Nomor 1 Tahun 2011 tentang Perumahan dan Kawasan Permukiman.",
        fee_note=(
            "Sewa dibayar setiap bulan; besarnya bergantung pada lantai unit sesuai Peraturan "
            "Daerah Kota Semarang tentang Pajak Daerah dan Retribusi Daerah."
        ),
        staff_count=4,
        keywords=("rusun", "rusunawa", "sewa rusun", "rumah susun murah"),
        life_events=("pindah-rumah", "butuh-bantuan"),
        locations=("disperkim",),
    ),
)
