"""Seed services of DPMPTSP Kota Semarang: building approvals, business and health permits.

Demo content: service times, staff counts and decree numbers are plausible values *(check)*.
"""

from __future__ import annotations

from datetime import date

from .specs import RequirementSpec, ServiceSpec

PUBLIC_SERVICE_LAW = "1. Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;\n"
JOB_CREATION_LAW = (
    "Undang-Undang Nomor 6 Tahun 2023 tentang Penetapan Perppu Nomor 2 Tahun 2022 tentang "
    "Cipta Kerja menjadi Undang-Undang"
)
# PP 28/2025 replaced PP 5/2021 on risk-based licensing in 2025 *(check)*.
RISK_BASED_PP = (
    "Peraturan Pemerintah Nomor 28 Tahun 2025 tentang Penyelenggaraan Perizinan Berusaha "
    "Berbasis Risiko"
)
HEALTH_LAW = (
    PUBLIC_SERVICE_LAW + "2. Undang-Undang Nomor 17 Tahun 2023 tentang Kesehatan;\n"
    "3. Peraturan Pemerintah Nomor 28 Tahun 2024 tentang Peraturan Pelaksanaan Undang-Undang "
    "Nomor 17 Tahun 2023 tentang Kesehatan."
)
BUILDING_LAW = (
    PUBLIC_SERVICE_LAW + "2. Undang-Undang Nomor 28 Tahun 2002 tentang Bangunan Gedung "
    "sebagaimana telah diubah dengan " + JOB_CREATION_LAW + ";\n"
    "3. Peraturan Pemerintah Nomor 16 Tahun 2021 tentang Peraturan Pelaksanaan Undang-Undang "
    "Nomor 28 Tahun 2002 tentang Bangunan Gedung"
)

KTP = RequirementSpec("KTP-el pemohon")
NIB = RequirementSpec("Nomor Induk Berusaha (NIB)", "diterbitkan melalui OSS")
STR = RequirementSpec(
    "Surat Tanda Registrasi (STR) yang masih berlaku",
    "STR tenaga medis dan tenaga kesehatan berlaku seumur hidup sejak UU 17/2023",
)
PRACTICE_PLACE = RequirementSpec(
    "Surat keterangan dari pimpinan fasilitas pelayanan kesehatan tempat praktik",
    "atau keterangan alamat tempat praktik mandiri",
)
PHOTO = RequirementSpec("Pasfoto berwarna terbaru ukuran 4x6 cm")
RECOMMENDATION = RequirementSpec(
    "Rekomendasi organisasi profesi",
    "bila masih dipersyaratkan oleh peraturan yang berlaku",
    is_mandatory=False,
)

COUNTER_PROCEDURE = (
    "1. Pemohon mengambil antrean daring dan datang ke loket perizinan di Mal Pelayanan Publik.\n"
    "2. Petugas memeriksa kelengkapan berkas dan memberikan tanda terima.\n"
    "3. Tim teknis memverifikasi berkas dan, bila perlu, meninjau lokasi.\n"
    "4. Kepala DPMPTSP menandatangani izin secara elektronik.\n"
    "5. Pemohon menerima notifikasi dan mengunduh atau mengambil izin."
)
HEALTH_PERMIT_PROCEDURE = (
    "1. Pemohon mengajukan permohonan di loket perizinan Mal Pelayanan Publik atau melalui "
    "Balai Kota Digital dan mengunggah persyaratan.\n"
    "2. Petugas memverifikasi berkas bersama Dinas Kesehatan.\n"
    "3. Bila berkas lengkap dan benar, surat izin praktik ditandatangani secara elektronik.\n"
    "4. Pemohon menerima notifikasi dan mengunduh surat izin praktik."
)


def _permit(**fields) -> ServiceSpec:
    """A DPMPTSP permit, served at the Mal Pelayanan Publik and the DPMPTSP office."""
    defaults = {
        "opd_code": "dpmptsp",
        "procedure": COUNTER_PROCEDURE,
        "locations": ("mpp", "dpmptsp"),
        "decree_number": "Keputusan Kepala DPMPTSP Kota Semarang Nomor 500.16/015/2025",
        "decree_date": date(2025, 1, 6),
        "effective_date": date(2025, 1, 13),
    }
    return ServiceSpec(**{**defaults, **fields})


SERVICES: tuple[ServiceSpec, ...] = (
    _permit(
        slug="persetujuan-bangunan-gedung",
        name="Persetujuan Bangunan Gedung (PBG)",
        summary=(
            "Persetujuan untuk membangun baru, mengubah, memperluas atau merawat bangunan gedung "
            "sesuai standar teknis. PBG menggantikan Izin Mendirikan Bangunan (IMB)."
        ),
        requirements=(
            KTP,
            RequirementSpec(
                "Bukti kepemilikan tanah",
                "sertifikat atau bukti penguasaan tanah; bila tanah milik pihak lain, disertai "
                "perjanjian pemanfaatan tanah",
            ),
            RequirementSpec("Keterangan Rencana Kota (KRK) atau KKPR", "untuk lokasi bangunan"),
            RequirementSpec(
                "Dokumen rencana teknis",
                "gambar arsitektur, struktur dan utilitas; untuk rumah tinggal sederhana boleh "
                "memakai desain prototipe",
            ),
            RequirementSpec(
                "Persetujuan lingkungan (SPPL, UKL-UPL atau Amdal)",
                "sesuai skala dan dampak bangunan",
                is_mandatory=False,
            ),
        ),
        procedure=(
            "1. Pemohon mendaftar akun dan mengajukan permohonan di SIMBG.\n"
            "2. Petugas memeriksa kelengkapan dokumen.\n"
            "3. Tim Profesi Ahli atau Tim Penilai Teknis memeriksa kesesuaian rencana teknis dan "
            "menjadwalkan konsultasi.\n"
            "4. Pemohon membayar retribusi PBG sesuai surat ketetapan retribusi daerah.\n"
            "5. PBG diterbitkan secara elektronik di SIMBG."
        ),
        service_time_days=28,
        service_time_note=(
            "Rumah tinggal sederhana satu lantai umumnya selesai lebih cepat; jangka waktu "
            "dihitung sejak dokumen dinyatakan lengkap di SIMBG."
        ),
        product="Persetujuan Bangunan Gedung (PBG) elektronik beserta lampiran dokumen teknis.",
        legal_basis=BUILDING_LAW + ";\n4. Undang-Undang Nomor 1 Tahun 2022 tentang Hubungan "
        "Keuangan antara Pemerintah Pusat dan Pemerintahan Daerah.",
        fee_note=(
            "Retribusi PBG dihitung dari luas, fungsi dan indeks bangunan sesuai Peraturan Daerah "
            "Kota Semarang tentang Pajak Daerah dan Retribusi Daerah."
        ),
        is_online=True,
        online_url="https://simbg.pu.go.id",
        staff_count=10,
        keywords=("imb", "izin mendirikan bangunan", "ijin bangun rumah", "izin renovasi"),
        life_events=("membangun-rumah",),
    ),
    _permit(
        slug="sertifikat-laik-fungsi",
        name="Sertifikat Laik Fungsi (SLF)",
        summary=(
            "Sertifikat yang menyatakan bangunan gedung telah selesai dibangun sesuai PBG dan laik "
            "dipakai. SLF wajib sebelum bangunan dimanfaatkan."
        ),
        requirements=(
            KTP,
            RequirementSpec("Persetujuan Bangunan Gedung (PBG) atau IMB bangunan"),
            RequirementSpec(
                "Surat pernyataan kelaikan fungsi",
                "dari penyedia jasa pengawasan atau pengkaji teknis bangunan",
            ),
            RequirementSpec("Gambar terbangun bangunan gedung"),
            RequirementSpec(
                "Rekomendasi sistem proteksi kebakaran",
                "untuk bangunan umum, bertingkat tinggi atau berisiko kebakaran",
                is_mandatory=False,
            ),
        ),
        procedure=(
            "1. Pemohon mengajukan permohonan SLF di SIMBG dan mengunggah dokumen.\n"
            "2. Petugas memeriksa kelengkapan dokumen.\n"
            "3. Tim teknis memeriksa kesesuaian bangunan dengan PBG, bila perlu di lokasi.\n"
            "4. SLF diterbitkan secara elektronik di SIMBG."
        ),
        service_time_days=3,
        service_time_note="Dihitung sejak surat pernyataan kelaikan fungsi diterima lengkap.",
        product="Sertifikat Laik Fungsi (SLF) dan label SLF bangunan gedung.",
        legal_basis=BUILDING_LAW + ".",
        is_online=True,
        online_url="https://simbg.pu.go.id",
        staff_count=6,
        keywords=("slf", "laik fungsi", "sertifikat bangunan"),
        life_events=("membangun-rumah",),
    ),
    _permit(
        slug="nib-usaha-mikro-kecil",
        name="Nomor Induk Berusaha (NIB) Usaha Mikro dan Kecil",
        summary=(
            "Pendaftaran usaha mikro dan kecil berisiko rendah di OSS untuk memperoleh NIB, yang "
            "sekaligus menjadi identitas dan legalitas usaha."
        ),
        requirements=(
            KTP,
            RequirementSpec("Nomor Pokok Wajib Pajak (NPWP) atau NIK yang telah dipadankan"),
            RequirementSpec("Alamat dan jenis kegiatan usaha", "sesuai KBLI"),
            RequirementSpec("Nomor telepon seluler dan surel aktif"),
        ),
        procedure=(
            "1. Pemohon membuat akun di OSS dengan NIK.\n"
            "2. Pemohon mengisi data usaha, lokasi dan kode KBLI.\n"
            "3. Sistem OSS menerbitkan NIB bagi usaha berisiko rendah.\n"
            "4. Bila mengalami kesulitan, pemohon dapat didampingi petugas di Mal Pelayanan Publik."
        ),
        service_time_days=1,
        service_time_note="NIB usaha berisiko rendah terbit seketika setelah data lengkap diisi.",
        product="Nomor Induk Berusaha (NIB) dan, bila ada, sertifikat standar usaha.",
        legal_basis=PUBLIC_SERVICE_LAW
        + "2. "
        + JOB_CREATION_LAW
        + ";\n3. "
        + RISK_BASED_PP
        + ";\n4. Peraturan Pemerintah Nomor 7 Tahun 2021 tentang Kemudahan, Pelindungan, dan "
        "Pemberdayaan Koperasi dan Usaha Mikro, Kecil, dan Menengah.",
        is_online=True,
        online_url="https://oss.go.id",
        staff_count=8,
        keywords=("siup", "tdp", "iumk", "izin usaha", "izin warung"),
        life_events=("memulai-usaha",),
    ),
    _permit(
        slug="izin-reklame",
        name="Izin Penyelenggaraan Reklame",
        summary=(
            "Izin memasang reklame papan, baliho, spanduk, umbul-umbul atau layar elektronik di "
            "Kota Semarang, beserta penetapan pajak reklamenya."
        ),
        requirements=(
            KTP,
            RequirementSpec("Desain dan ukuran reklame", "beserta naskah atau gambar isi reklame"),
            RequirementSpec("Foto dan titik koordinat lokasi pemasangan"),
            RequirementSpec(
                "Persetujuan pemilik lahan atau bangunan",
                "bila reklame dipasang di lahan atau bangunan pihak lain",
            ),
            RequirementSpec(
                "Perhitungan konstruksi",
                "untuk reklame papan atau layar elektronik berukuran besar",
                is_mandatory=False,
            ),
        ),
        service_time_days=5,
        product="Izin penyelenggaraan reklame dan surat ketetapan pajak reklame.",
        legal_basis=PUBLIC_SERVICE_LAW + "2. Undang-Undang Nomor 1 Tahun 2022 tentang Hubungan "
        "Keuangan antara Pemerintah Pusat dan Pemerintahan Daerah.",
        fee_note=(
            "Pajak reklame dihitung dari jenis, ukuran, lokasi dan lama pemasangan sesuai "
            "Peraturan Daerah Kota Semarang tentang Pajak Daerah dan Retribusi Daerah."
        ),
        staff_count=5,
        keywords=("baliho", "spanduk", "papan nama", "papan reklame", "pasang iklan"),
        life_events=("memulai-usaha",),
    ),
    _permit(
        slug="sip-dokter",
        name="Surat Izin Praktik (SIP) Dokter dan Dokter Gigi",
        summary=(
            "Izin praktik bagi dokter, dokter spesialis, dokter gigi dan dokter gigi spesialis "
            "di fasilitas pelayanan kesehatan atau praktik mandiri di Kota Semarang."
        ),
        requirements=(KTP, STR, PRACTICE_PLACE, PHOTO, RECOMMENDATION),
        procedure=HEALTH_PERMIT_PROCEDURE,
        service_time_days=5,
        product="Surat Izin Praktik (SIP) dokter atau dokter gigi elektronik.",
        legal_basis=HEALTH_LAW,
        staff_count=4,
        keywords=("izin praktek dokter", "sip dokter", "sip drg", "izin dokter gigi"),
    ),
    _permit(
        slug="sip-bidan",
        name="Surat Izin Praktik Bidan (SIPB)",
        summary="Izin praktik bagi bidan di fasilitas pelayanan kesehatan atau praktik mandiri bidan.",
        requirements=(KTP, STR, PRACTICE_PLACE, PHOTO, RECOMMENDATION),
        procedure=HEALTH_PERMIT_PROCEDURE,
        service_time_days=5,
        product="Surat Izin Praktik Bidan (SIPB) elektronik.",
        legal_basis=HEALTH_LAW,
        staff_count=4,
        keywords=("izin praktek bidan", "sipb", "bidan mandiri"),
    ),
    _permit(
        slug="sip-perawat",
        name="Surat Izin Praktik Perawat (SIPP)",
        summary="Izin praktik bagi perawat di fasilitas pelayanan kesehatan atau praktik mandiri perawat.",
        requirements=(KTP, STR, PRACTICE_PLACE, PHOTO, RECOMMENDATION),
        procedure=HEALTH_PERMIT_PROCEDURE,
        service_time_days=5,
        product="Surat Izin Praktik Perawat (SIPP) elektronik.",
        legal_basis=HEALTH_LAW,
        staff_count=4,
        keywords=("izin praktek perawat", "sipp", "perawat mandiri"),
    ),
    _permit(
        slug="sipa-apoteker",
        name="Surat Izin Praktik Apoteker (SIPA)",
        summary="Izin praktik bagi apoteker di apotek, instalasi farmasi rumah sakit, puskesmas atau klinik.",
        requirements=(
            KTP,
            STR,
            RequirementSpec(
                "Surat keterangan dari pimpinan fasilitas kefarmasian",
                "atau surat keterangan dari pemilik apotek",
            ),
            PHOTO,
            RECOMMENDATION,
        ),
        procedure=HEALTH_PERMIT_PROCEDURE,
        service_time_days=5,
        product="Surat Izin Praktik Apoteker (SIPA) elektronik.",
        legal_basis=HEALTH_LAW,
        staff_count=3,
        keywords=("sipa", "izin apoteker", "izin praktek apoteker"),
    ),
    _permit(
        slug="izin-apotek",
        name="Izin Apotek",
        summary=(
            "Perizinan berusaha apotek melalui OSS, diverifikasi oleh DPMPTSP dan Dinas Kesehatan "
            "Kota Semarang."
        ),
        requirements=(
            NIB,
            RequirementSpec("Surat Izin Praktik Apoteker (SIPA) apoteker penanggung jawab"),
            RequirementSpec("Denah bangunan dan daftar sarana prasarana apotek"),
            RequirementSpec("Bukti kepemilikan atau sewa tempat usaha"),
            RequirementSpec("Daftar tenaga kefarmasian"),
        ),
        procedure=(
            "1. Pemohon mengajukan perizinan berusaha apotek melalui OSS.\n"
            "2. Petugas DPMPTSP memeriksa kelengkapan dokumen.\n"
            "3. Tim Dinas Kesehatan memeriksa kesesuaian sarana, prasarana dan tenaga di lokasi.\n"
            "4. Sertifikat standar apotek diverifikasi dan diterbitkan melalui OSS."
        ),
        service_time_days=12,
        product="Sertifikat standar usaha apotek yang telah terverifikasi di OSS.",
        legal_basis=HEALTH_LAW[:-1] + ";\n4. " + RISK_BASED_PP + ";\n5. Peraturan Menteri "
        "Kesehatan Nomor 14 Tahun 2021 tentang Standar Kegiatan Usaha dan Produk pada "
        "Penyelenggaraan Perizinan Berusaha Berbasis Risiko Sektor Kesehatan.",
        is_online=True,
        online_url="https://oss.go.id",
        staff_count=4,
        keywords=("buka apotek", "izin apotik", "apotik baru"),
        life_events=("memulai-usaha",),
    ),
    _permit(
        slug="izin-klinik-pratama",
        name="Izin Klinik Pratama",
        summary=(
            "Perizinan berusaha klinik pratama yang memberikan pelayanan medik dasar, diajukan "
            "melalui OSS dan diverifikasi bersama Dinas Kesehatan."
        ),
        requirements=(
            NIB,
            RequirementSpec("Profil klinik", "jenis layanan, struktur organisasi dan jam buka"),
            RequirementSpec("Denah bangunan dan daftar sarana, prasarana dan alat kesehatan"),
            RequirementSpec("Daftar tenaga medis dan tenaga kesehatan beserta STR dan SIP-nya"),
            RequirementSpec("Persetujuan Bangunan Gedung (PBG) atau SLF tempat klinik"),
            RequirementSpec("Persetujuan lingkungan (SPPL atau UKL-UPL)"),
        ),
        procedure=(
            "1. Pemohon mengajukan perizinan berusaha klinik melalui OSS.\n"
            "2. Petugas DPMPTSP memeriksa kelengkapan dokumen.\n"
            "3. Tim Dinas Kesehatan melakukan visitasi ke lokasi klinik.\n"
            "4. Sertifikat standar klinik diverifikasi dan diterbitkan melalui OSS."
        ),
        service_time_days=14,
        product="Sertifikat standar usaha klinik pratama yang telah terverifikasi di OSS.",
        legal_basis=HEALTH_LAW[:-1] + ";\n4. " + RISK_BASED_PP + ";\n5. Peraturan Menteri "
        "Kesehatan Nomor 14 Tahun 2021 tentang Standar Kegiatan Usaha dan Produk pada "
        "Penyelenggaraan Perizinan Berusaha Berbasis Risiko Sektor Kesehatan.",
        is_online=True,
        online_url="https://oss.go.id",
        staff_count=4,
        keywords=("izin klinik", "buka klinik", "klinik pratama"),
        life_events=("memulai-usaha",),
    ),
    _permit(
        slug="izin-operasional-satuan-pendidikan",
        name="Izin Operasional Satuan Pendidikan Swasta (PAUD, SD, SMP)",
        summary=(
            "Izin pendirian dan operasional taman kanak-kanak, kelompok bermain, SD dan SMP yang "
            "diselenggarakan masyarakat di Kota Semarang."
        ),
        requirements=(
            RequirementSpec(
                "Akta pendirian yayasan atau badan hukum penyelenggara",
                "beserta pengesahan Kementerian Hukum",
            ),
            RequirementSpec("Hasil studi kelayakan pendirian satuan pendidikan"),
            RequirementSpec("Kurikulum, struktur organisasi dan daftar pendidik"),
            RequirementSpec(
                "Bukti kepemilikan atau sewa lahan dan bangunan paling singkat 5 tahun"
            ),
            RequirementSpec("Rekomendasi Dinas Pendidikan Kota Semarang"),
        ),
        service_time_days=14,
        service_time_note="Termasuk verifikasi lapangan oleh Dinas Pendidikan.",
        product="Izin operasional satuan pendidikan dan Nomor Pokok Sekolah Nasional (NPSN) diajukan.",
        legal_basis=PUBLIC_SERVICE_LAW + "2. Undang-Undang Nomor 20 Tahun 2003 tentang Sistem "
        "Pendidikan Nasional;\n3. Peraturan Menteri Pendidikan dan Kebudayaan Nomor 84 Tahun 2014 "
        "tentang Pendirian Satuan Pendidikan Anak Usia Dini;\n4. Peraturan Menteri Pendidikan dan "
        "Kebudayaan Nomor 36 Tahun 2014 tentang Pedoman Pendirian, Perubahan, dan Penutupan "
        "Satuan Pendidikan Dasar dan Menengah.",
        staff_count=3,
        keywords=("izin sekolah", "izin paud", "izin tk", "pendirian sekolah"),
    ),
    _permit(
        slug="izin-lpk",
        name="Izin Lembaga Pelatihan Kerja (LPK) Swasta",
        summary=(
            "Izin penyelenggaraan lembaga pelatihan kerja swasta, diajukan melalui OSS dan "
            "diverifikasi bersama Dinas Tenaga Kerja."
        ),
        requirements=(
            NIB,
            RequirementSpec(
                "Akta pendirian badan hukum", "bagi LPK berbadan hukum", is_mandatory=False
            ),
            RequirementSpec("Program pelatihan berbasis kompetensi"),
            RequirementSpec("Daftar instruktur dan tenaga pelatihan"),
            RequirementSpec(
                "Daftar sarana dan prasarana pelatihan",
                "beserta bukti kepemilikan atau sewa tempat",
            ),
        ),
        procedure=(
            "1. Pemohon mengajukan perizinan berusaha LPK melalui OSS.\n"
            "2. Petugas DPMPTSP memeriksa kelengkapan dokumen.\n"
            "3. Tim Dinas Tenaga Kerja memverifikasi program, instruktur dan tempat pelatihan.\n"
            "4. Izin LPK diverifikasi dan diterbitkan melalui OSS."
        ),
        service_time_days=10,
        product="Izin lembaga pelatihan kerja yang telah terverifikasi di OSS.",
        legal_basis=PUBLIC_SERVICE_LAW + "2. Undang-Undang Nomor 13 Tahun 2003 tentang "
        "Ketenagakerjaan;\n3. Peraturan Pemerintah Nomor 31 Tahun 2006 tentang Sistem Pelatihan "
        "Kerja Nasional;\n4. " + RISK_BASED_PP + ".",
        is_online=True,
        online_url="https://oss.go.id",
        staff_count=3,
        keywords=("izin lpk", "tempat kursus", "lembaga kursus"),
        life_events=("memulai-usaha",),
    ),
)
