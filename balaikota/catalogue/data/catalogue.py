"""Seed catalogue: the civil-registration services of Disdukcapil Kota Semarang.

Content follows UU 23/2006 jo. UU 24/2013, Perpres 96/2018 and Permendagri 108/2019, 109/2019 and
7/2019. Service times, staff counts and the form numbers marked "(periksa)" in comments are
plausible defaults, not values from a decree: the platform admin edits them in the back office,
and re-running ``load_service_catalogue`` overwrites them with these defaults again. The decree
numbers are demo content too.
"""

from __future__ import annotations

from datetime import date

from .specs import OpdStandardSpec, RequirementSpec, ServiceSpec

DISDUKCAPIL_OPD_CODE = "disdukcapil"

FREE_OF_CHARGE_NOTE = (
    "Pelayanan administrasi kependudukan tidak dipungut biaya (UU 24/2013 pasal 79A)."
)

LEGAL_BASIS = (
    "1. Undang-Undang Nomor 23 Tahun 2006 tentang Administrasi Kependudukan sebagaimana telah "
    "diubah dengan Undang-Undang Nomor 24 Tahun 2013;\n"
    "2. Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;\n"
    "3. Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi;\n"
    "4. Peraturan Presiden Nomor 96 Tahun 2018 tentang Persyaratan dan Tata Cara Pendaftaran "
    "Penduduk dan Pencatatan Sipil;\n"
    "5. Peraturan Menteri Dalam Negeri Nomor 108 Tahun 2019 tentang Peraturan Pelaksanaan "
    "Peraturan Presiden Nomor 96 Tahun 2018;\n"
    "6. Peraturan Menteri Dalam Negeri Nomor 109 Tahun 2019 tentang Formulir dan Buku yang "
    "Digunakan dalam Administrasi Kependudukan;\n"
    "7. Peraturan Menteri Dalam Negeri Nomor 7 Tahun 2019 tentang Pelayanan Administrasi "
    "Kependudukan secara Daring;\n"
    "8. Peraturan Menteri PANRB Nomor 15 Tahun 2014 tentang Pedoman Standar Pelayanan."
)
MARRIAGE_LAW = (
    "\n9. Undang-Undang Nomor 1 Tahun 1974 tentang Perkawinan sebagaimana telah diubah dengan "
    "Undang-Undang Nomor 16 Tahun 2019."
)
KIA_LAW = "\n9. Peraturan Menteri Dalam Negeri Nomor 2 Tahun 2016 tentang Kartu Identitas Anak."

COMPLAINT_HANDLING = (
    "Pengaduan, saran dan masukan dapat disampaikan melalui:\n"
    "1. menu pengaduan di Balai Kota Digital (web dan aplikasi seluler);\n"
    "2. Lapor Semar, kanal pengaduan Pemerintah Kota Semarang;\n"
    "3. SP4N-LAPOR! (www.lapor.go.id);\n"
    "4. kotak saran dan petugas pengaduan di kantor Disdukcapil dan Mal Pelayanan Publik "
    "Kota Semarang.\n"
    "Setiap pengaduan dicatat, diberi nomor, dan ditindaklanjuti sesuai jangka waktu kategorinya."
)
FACILITIES = (
    "Layanan daring Balai Kota Digital (web dan aplikasi seluler); ruang pelayanan dan loket di "
    "kantor Disdukcapil, 16 kantor kecamatan dan Mal Pelayanan Publik Kota Semarang; antrean "
    "daring; ruang tunggu, ruang laktasi, toilet; jalur landai, kursi roda dan loket prioritas "
    "bagi penyandang disabilitas, lansia dan ibu hamil; perangkat perekaman biometrik."
)
STAFF_COMPETENCE = (
    "Memahami peraturan administrasi kependudukan dan pencatatan sipil; mampu mengoperasikan SIAK "
    "dan aplikasi layanan daring; menguasai verifikasi dokumen; berintegritas, ramah dan "
    "komunikatif; menjaga kerahasiaan data pribadi."
)
INTERNAL_SUPERVISION = (
    "Pengawasan melekat oleh atasan langsung (kepala seksi dan kepala bidang); pemantauan "
    "ketepatan waktu melalui dasbor layanan; pemeriksaan oleh Inspektorat Kota Semarang."
)
SERVICE_GUARANTEE = (
    "Pelayanan tidak dipungut biaya dan diselesaikan dalam jangka waktu yang ditetapkan, sesuai "
    "Maklumat Pelayanan Dinas Kependudukan dan Pencatatan Sipil Kota Semarang."
)
SECURITY_GUARANTEE = (
    "Dokumen diterbitkan dengan tanda tangan elektronik tersertifikasi dan kode QR yang dapat "
    "diverifikasi; berkas unggahan disimpan di penyimpanan privat; setiap akses petugas ke data "
    "pribadi dicatat (UU 27/2022); ruang pelayanan dilengkapi CCTV, APAR dan jalur evakuasi."
)
PERFORMANCE_EVALUATION = (
    "Survei Kepuasan Masyarakat (SKM) paling sedikit sekali setahun sesuai Peraturan Menteri PANRB "
    "Nomor 14 Tahun 2017; evaluasi kinerja pelaksana setiap bulan oleh kepala bidang berdasarkan "
    "ketepatan waktu dan pengaduan; hasilnya diumumkan kepada publik."
)

ONLINE_PROCEDURE = (
    "1. Pemohon masuk ke Balai Kota Digital, memilih layanan, mengisi formulir dan mengunggah "
    "persyaratan (PDF/JPEG/PNG).\n"
    "2. Pemohon menerima tanda terima berisi nomor lacak, PIN dan kode QR.\n"
    "3. Petugas memverifikasi berkas; bila ada yang kurang, pemohon diberi tahu bagian mana yang "
    "harus diperbaiki.\n"
    "4. Berkas disetujui dan dokumen ditandatangani secara elektronik oleh pejabat berwenang.\n"
    "5. Pemohon menerima notifikasi dan mengunduh dokumen, lalu mencetaknya sendiri pada kertas "
    "HVS A4 80 gram."
)


DISDUKCAPIL_STANDARD = OpdStandardSpec(
    opd_code=DISDUKCAPIL_OPD_CODE,
    complaint_handling=COMPLAINT_HANDLING,
    facilities=FACILITIES,
    staff_competence=STAFF_COMPETENCE,
    internal_supervision=INTERNAL_SUPERVISION,
    service_guarantee=SERVICE_GUARANTEE,
    security_guarantee=SECURITY_GUARANTEE,
    performance_evaluation=PERFORMANCE_EVALUATION,
    charter=(
        "Dengan ini, kami Dinas Kependudukan dan Pencatatan Sipil Kota Semarang menyatakan "
        "sanggup menyelenggarakan pelayanan administrasi kependudukan sesuai standar pelayanan "
        "yang telah ditetapkan, tanpa dipungut biaya, dan apabila tidak menepati janji ini, kami "
        "siap menerima sanksi sesuai peraturan perundang-undangan yang berlaku."
    ),
    charter_decree="470/0125/2025",
    charter_date=date(2025, 1, 6),
)


def _civil(**fields) -> ServiceSpec:
    """A Disdukcapil service: free by law, applied for online unless said otherwise."""
    defaults = {
        "opd_code": DISDUKCAPIL_OPD_CODE,
        "procedure": ONLINE_PROCEDURE,
        "is_online": True,
        "legal_basis": LEGAL_BASIS,
        "fee_note": FREE_OF_CHARGE_NOTE,
        "decree_number": "Keputusan Kepala Disdukcapil Kota Semarang Nomor 470/0126/2025",
        "decree_date": date(2025, 1, 6),
        "effective_date": date(2025, 1, 13),
    }
    return ServiceSpec(**{**defaults, **fields})


KK = RequirementSpec("Kartu Keluarga (KK)", "KK tempat peristiwa dicatat")
WITNESSES = RequirementSpec(
    "KTP-el 2 (dua) orang saksi",
    "hanya bila memakai SPTJM; saksi mengetahui peristiwanya",
    is_mandatory=False,
)
TIME_NOTE = "Dihitung sejak persyaratan lengkap dan benar."

SERVICES: tuple[ServiceSpec, ...] = (
    _civil(
        slug="akta-kelahiran",
        name="Akta Kelahiran",
        summary=(
            "Pencatatan kelahiran dan penerbitan kutipan akta kelahiran. Kelahiran dilaporkan "
            "paling lambat 60 hari sejak tanggal lahir; Kartu Keluarga ikut diperbarui."
        ),
        requirements=(
            RequirementSpec(
                "Surat keterangan kelahiran",
                "dari rumah sakit, puskesmas, klinik, dokter atau bidan penolong kelahiran",
                substitutes="SPTJM kebenaran data kelahiran (F-2.03) dengan 2 (dua) orang saksi",
            ),
            RequirementSpec("KTP-el ayah dan ibu"),
            KK,
            RequirementSpec(
                "Buku nikah atau kutipan akta perkawinan orang tua",
                substitutes=(
                    "SPTJM kebenaran sebagai pasangan suami istri (F-2.04) dengan 2 (dua) orang "
                    "saksi; akta kelahiran lalu memuat keterangan \u201cyang perkawinannya belum "
                    "tercatat\u201d"
                ),
            ),
            RequirementSpec(
                "Formulir pelaporan pencatatan sipil (F-2.01)",
                "pada layanan daring formulir diisi langsung di aplikasi",
            ),
            WITNESSES,
        ),
        service_time_days=3,
        service_time_note=TIME_NOTE
        + " Berkas yang lengkap umumnya selesai pada hari kerja yang sama.",
        product=(
            "Kutipan akta kelahiran elektronik (tanda tangan elektronik dan kode QR) dan Kartu "
            "Keluarga yang diperbarui dengan anggota keluarga baru."
        ),
        staff_count=12,
    ),
    _civil(
        slug="akta-kematian",
        name="Akta Kematian",
        summary=(
            "Pencatatan kematian penduduk dan penerbitan kutipan akta kematian; data almarhum "
            "dinonaktifkan dan Kartu Keluarga diperbarui."
        ),
        requirements=(
            RequirementSpec(
                "Surat keterangan kematian",
                "dari rumah sakit, puskesmas, dokter, atau lurah tempat kematian",
                substitutes="SPTJM kebenaran data kematian dengan 2 (dua) orang saksi",
            ),
            RequirementSpec("Kartu Keluarga (KK) almarhum/almarhumah"),
            RequirementSpec("KTP-el almarhum/almarhumah", is_mandatory=False),
            RequirementSpec("KTP-el pelapor"),
            RequirementSpec(
                "Formulir pelaporan pencatatan sipil (F-2.01)",
                "pada layanan daring formulir diisi langsung di aplikasi",
            ),
            WITNESSES,
        ),
        service_time_days=3,
        service_time_note=TIME_NOTE,
        product="Kutipan akta kematian elektronik dan Kartu Keluarga yang diperbarui.",
        staff_count=8,
    ),
    _civil(
        slug="kk-tambah-anggota",
        name="Perubahan Kartu Keluarga: Penambahan Anggota",
        summary=(
            "Menambahkan anggota keluarga ke Kartu Keluarga, misalnya anak yang baru lahir atau "
            "anggota keluarga yang pindah datang dan menumpang."
        ),
        requirements=(
            RequirementSpec("Kartu Keluarga (KK) lama"),
            RequirementSpec(
                "Dokumen dasar penambahan",
                "kutipan akta kelahiran (anak baru lahir) atau surat keterangan pindah "
                "(anggota yang datang)",
            ),
            RequirementSpec(
                "Surat persetujuan kepala keluarga",
                "bila anggota yang datang menumpang di KK orang lain",
                is_mandatory=False,
            ),
            RequirementSpec(
                "Formulir pendaftaran peristiwa kependudukan (F-1.02)",
                "pada layanan daring formulir diisi langsung di aplikasi",
            ),
        ),
        service_time_days=1,
        service_time_note=TIME_NOTE,
        product="Kartu Keluarga elektronik yang diperbarui.",
        staff_count=10,
    ),
    _civil(
        slug="kk-perubahan-data",
        name="Perubahan Kartu Keluarga: Perubahan Data",
        summary=(
            "Memperbaiki atau mengubah elemen data anggota keluarga (pendidikan, pekerjaan, "
            "status perkawinan, agama, dan lain-lain) berdasarkan dokumen resmi."
        ),
        requirements=(
            RequirementSpec("Kartu Keluarga (KK) lama"),
            RequirementSpec(
                "Dokumen bukti perubahan",
                "misalnya ijazah, akta perkawinan, akta perceraian, atau surat keputusan",
            ),
            RequirementSpec(
                "Surat pernyataan perubahan elemen data kependudukan (F-1.06)",
                "pada layanan daring pernyataan diberikan di aplikasi",
            ),
        ),
        service_time_days=1,
        service_time_note=TIME_NOTE,
        product="Kartu Keluarga elektronik yang diperbarui; KTP-el baru bila datanya berubah.",
        staff_count=10,
    ),
    _civil(
        slug="kk-pisah",
        name="Perubahan Kartu Keluarga: Pisah KK",
        summary=(
            "Membuat Kartu Keluarga baru bagi anggota keluarga yang memisahkan diri, misalnya "
            "pasangan yang baru menikah."
        ),
        requirements=(
            RequirementSpec("Kartu Keluarga (KK) lama"),
            RequirementSpec(
                "Buku nikah atau kutipan akta perkawinan",
                "bagi calon kepala keluarga yang sudah kawin",
                is_mandatory=False,
            ),
            RequirementSpec(
                "KTP-el calon kepala keluarga",
                "berusia paling rendah 17 tahun, atau sudah/pernah kawin",
            ),
            RequirementSpec(
                "Formulir pendaftaran peristiwa kependudukan (F-1.02)",
                "pada layanan daring formulir diisi langsung di aplikasi",
            ),
        ),
        service_time_days=1,
        service_time_note=TIME_NOTE,
        product="Kartu Keluarga baru dan Kartu Keluarga lama yang diperbarui (elektronik).",
        staff_count=10,
    ),
    _civil(
        slug="kartu-identitas-anak",
        name="Kartu Identitas Anak (KIA)",
        summary="Penerbitan Kartu Identitas Anak bagi penduduk berusia di bawah 17 tahun.",
        requirements=(
            RequirementSpec("Kutipan akta kelahiran anak"),
            RequirementSpec("Kartu Keluarga (KK) orang tua/wali"),
            RequirementSpec("KTP-el kedua orang tua/wali"),
            RequirementSpec(
                "Pasfoto anak berwarna",
                "untuk anak berusia 5 tahun ke atas",
                is_mandatory=False,
            ),
        ),
        service_time_days=1,
        service_time_note=TIME_NOTE,
        product="Kartu Identitas Anak (KIA).",
        legal_basis=LEGAL_BASIS + KIA_LAW,
        staff_count=6,
    ),
    _civil(
        slug="pindah-keluar",
        name="Pindah Keluar (Surat Keterangan Pindah)",
        summary="Penerbitan Surat Keterangan Pindah bagi penduduk Kota Semarang yang pindah ke luar kota.",
        requirements=(
            RequirementSpec("Kartu Keluarga (KK)"),
            RequirementSpec("KTP-el anggota keluarga yang pindah"),
            RequirementSpec(
                "Formulir pendaftaran perpindahan penduduk (F-1.03)",
                "pada layanan daring formulir diisi langsung di aplikasi",
            ),
        ),
        service_time_days=1,
        service_time_note=TIME_NOTE,
        product=(
            "Surat Keterangan Pindah Warga Negara Indonesia (SKPWNI) elektronik dan Kartu "
            "Keluarga yang diperbarui bagi anggota yang tinggal."
        ),
        staff_count=6,
    ),
    _civil(
        slug="pindah-datang",
        name="Pindah Datang",
        summary="Pendaftaran penduduk yang pindah dari luar daerah ke Kota Semarang.",
        requirements=(
            RequirementSpec("Surat Keterangan Pindah (SKPWNI) dari daerah asal"),
            RequirementSpec(
                "Kartu Keluarga (KK) tujuan dan surat persetujuan kepala keluarga",
                "bila menumpang di KK yang sudah ada",
                is_mandatory=False,
            ),
            RequirementSpec(
                "Formulir pendaftaran perpindahan penduduk (F-1.03)",
                "pada layanan daring formulir diisi langsung di aplikasi",
            ),
        ),
        service_time_days=1,
        service_time_note=TIME_NOTE,
        product="Kartu Keluarga dengan alamat Kota Semarang; KTP-el dengan alamat baru.",
        staff_count=6,
    ),
    _civil(
        slug="akta-perkawinan",
        name="Akta Perkawinan (selain Islam)",
        summary=(
            "Pencatatan perkawinan bagi pasangan yang beragama selain Islam atau penghayat "
            "kepercayaan. Perkawinan pasangan beragama Islam dicatat oleh KUA."
        ),
        requirements=(
            RequirementSpec(
                "Surat keterangan telah terjadinya perkawinan",
                "dari pemuka agama atau pemuka penghayat kepercayaan",
            ),
            RequirementSpec("KTP-el kedua mempelai"),
            RequirementSpec("Kartu Keluarga (KK) kedua mempelai"),
            RequirementSpec("Kutipan akta kelahiran kedua mempelai"),
            RequirementSpec("Pasfoto berdampingan suami dan istri berwarna"),
            RequirementSpec("KTP-el 2 (dua) orang saksi perkawinan"),
            RequirementSpec(
                "Kutipan akta perceraian atau akta kematian pasangan terdahulu",
                "bagi yang pernah kawin",
                is_mandatory=False,
            ),
            RequirementSpec("Paspor", "bagi mempelai warga negara asing", is_mandatory=False),
            RequirementSpec(
                "Formulir pelaporan pencatatan sipil (F-2.01)",
                "pada layanan daring formulir diisi langsung di aplikasi",
            ),
        ),
        service_time_days=3,
        service_time_note=TIME_NOTE,
        product="Kutipan akta perkawinan elektronik dan Kartu Keluarga yang diperbarui.",
        legal_basis=LEGAL_BASIS + MARRIAGE_LAW,
        staff_count=4,
    ),
    _civil(
        slug="akta-perceraian",
        name="Akta Perceraian (selain Islam)",
        summary=(
            "Pencatatan perceraian berdasarkan putusan pengadilan negeri yang telah berkekuatan "
            "hukum tetap. Perceraian pasangan beragama Islam diputus dan dicatat oleh "
            "Pengadilan Agama."
        ),
        requirements=(
            RequirementSpec("Salinan putusan pengadilan yang telah berkekuatan hukum tetap"),
            RequirementSpec("Kutipan akta perkawinan"),
            RequirementSpec("KTP-el dan Kartu Keluarga (KK) pemohon"),
            RequirementSpec(
                "Formulir pelaporan pencatatan sipil (F-2.01)",
                "pada layanan daring formulir diisi langsung di aplikasi",
            ),
        ),
        service_time_days=3,
        service_time_note=TIME_NOTE,
        product="Kutipan akta perceraian elektronik dan Kartu Keluarga yang diperbarui.",
        legal_basis=LEGAL_BASIS + MARRIAGE_LAW,
        staff_count=4,
    ),
    _civil(
        slug="perekaman-ktp-el",
        name="Perekaman KTP-el",
        summary=(
            "Perekaman data biometrik (foto, sidik jari, iris mata, tanda tangan) untuk KTP "
            "elektronik. Memerlukan kunjungan: pesan jadwal secara daring, lalu datang ke lokasi."
        ),
        requirements=(
            RequirementSpec("Kartu Keluarga (KK)"),
            RequirementSpec(
                "Berusia paling rendah 17 tahun, atau sudah/pernah kawin",
                "dibuktikan dengan data pada KK atau buku nikah",
            ),
            RequirementSpec("Bukti pemesanan jadwal (kode QR antrean daring)"),
        ),
        procedure=(
            "1. Pemohon memesan jadwal kunjungan di Balai Kota Digital (kantor Disdukcapil, kantor "
            "kecamatan, atau Mal Pelayanan Publik).\n"
            "2. Pemohon datang sesuai jadwal dan menunjukkan kode QR antrean di loket.\n"
            "3. Petugas merekam foto, sidik jari, iris mata dan tanda tangan.\n"
            "4. Pemohon menerima notifikasi ketika KTP-el siap diambil."
        ),
        is_online=False,
        service_time_days=1,
        service_time_note=(
            "Perekaman selesai pada hari kunjungan; pencetakan KTP-el bergantung pada "
            "ketersediaan blangko."
        ),
        product="Data biometrik terekam di SIAK; KTP-el (dicetak dan diambil di lokasi).",
        staff_count=20,
    ),
    _civil(
        slug="ktp-el-hilang-rusak",
        name="Penggantian KTP-el Hilang atau Rusak",
        summary=(
            "Pencetakan ulang KTP-el yang hilang atau rusak tanpa perekaman ulang, karena data "
            "biometrik sudah tersimpan. Pesan jadwal secara daring, lalu datang ke lokasi."
        ),
        requirements=(
            RequirementSpec("Kartu Keluarga (KK)"),
            RequirementSpec(
                "Surat keterangan kehilangan dari kepolisian",
                "untuk KTP-el yang hilang",
                is_mandatory=False,
            ),
            RequirementSpec("KTP-el yang rusak", "untuk KTP-el yang rusak", is_mandatory=False),
            RequirementSpec("Bukti pemesanan jadwal (kode QR antrean daring)"),
        ),
        procedure=(
            "1. Pemohon memesan jadwal kunjungan di Balai Kota Digital (kantor Disdukcapil, kantor "
            "kecamatan, atau Mal Pelayanan Publik).\n"
            "2. Pemohon datang sesuai jadwal dan menyerahkan persyaratan di loket.\n"
            "3. Petugas mencocokkan sidik jari dengan data di SIAK lalu mencetak KTP-el baru.\n"
            "4. KTP-el yang rusak ditarik dan dimusnahkan oleh petugas."
        ),
        is_online=False,
        service_time_days=1,
        service_time_note=("KTP-el dicetak pada hari kunjungan bila blangko tersedia."),
        product="KTP-el pengganti dengan nomor dan data yang sama.",
        staff_count=10,
    ),
)
