"""Seed data for the rest of Kota Semarang: the other OPDs' services and what they share, life
events, service locations, search synonyms and the real-life queries the search must answer.

The texts are demo content: realistic, but not the OPDs' decrees. Addresses, coordinates,
decree numbers and fees marked *(check)* in comments are best guesses to be verified.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from . import semarang_services_1, semarang_services_2, semarang_services_3, semarang_services_4
from .specs import LifeEventSpec, LocationSpec, OpdStandardSpec, SynonymSpec

DEMO_NOTE = (
    "Teks standar pelayanan ini adalah konten demo yang disusun mendekati kenyataan, bukan "
    "keputusan resmi perangkat daerah Pemerintah Kota Semarang."
)

SERVICES = (
    *semarang_services_1.SERVICES,
    *semarang_services_2.SERVICES,
    *semarang_services_3.SERVICES,
    *semarang_services_4.SERVICES,
)


# --- what every service of one OPD shares ---------------------------------------------------

CHARTER = (
    "Dengan ini, kami {name} menyatakan sanggup menyelenggarakan pelayanan sesuai standar "
    "pelayanan yang telah ditetapkan dan apabila tidak menepati janji ini, kami siap menerima "
    "sanksi sesuai peraturan perundang-undangan yang berlaku."
)


def _standard(code: str, name: str, office: str, decree: str, day: int, **extra) -> OpdStandardSpec:
    """The shared texts of one OPD; ``office`` says where its front desk is, ``extra`` replaces
    any generic sentence with one written for the OPD."""
    texts = {
        "complaint_handling": (
            "Pengaduan, saran dan masukan disampaikan melalui menu pengaduan Balai Kota Digital, "
            "Lapor Semar, SP4N-LAPOR! (www.lapor.go.id), atau petugas pengaduan di " + office + ". "
            "Setiap pengaduan dicatat, diberi nomor dan ditindaklanjuti sesuai kategorinya."
        ),
        "facilities": (
            "Loket pelayanan di " + office + ", ruang tunggu, toilet, ruang laktasi, jalur landai "
            "dan loket prioritas bagi penyandang disabilitas, lansia dan ibu hamil; informasi "
            "layanan di Balai Kota Digital."
        ),
        "staff_competence": (
            "Memahami peraturan di bidang tugasnya dan standar pelayanan ini; mampu memverifikasi "
            "berkas dan mengoperasikan aplikasi layanan; ramah, komunikatif dan berintegritas."
        ),
        "internal_supervision": (
            "Pengawasan melekat oleh atasan langsung; pemantauan ketepatan waktu melalui dasbor "
            "layanan; pemeriksaan berkala oleh Inspektorat Kota Semarang."
        ),
        "service_guarantee": (
            "Pelayanan diberikan sesuai persyaratan, biaya dan jangka waktu dalam standar ini, "
            "sebagaimana dijanjikan dalam Maklumat Pelayanan " + name + "."
        ),
        "security_guarantee": (
            "Data pribadi pemohon hanya dipakai untuk keperluan layanan dan dilindungi sesuai "
            "UU 27/2022; dokumen keluaran dapat diverifikasi keasliannya; ruang pelayanan "
            "dilengkapi CCTV, APAR dan jalur evakuasi."
        ),
        "performance_evaluation": (
            "Survei Kepuasan Masyarakat (SKM) paling sedikit sekali setahun sesuai Peraturan "
            "Menteri PANRB Nomor 14 Tahun 2017; hasil dan tindak lanjutnya diumumkan kepada publik."
        ),
    }
    texts.update(extra)
    return OpdStandardSpec(
        opd_code=code,
        charter=CHARTER.format(name=name),
        charter_decree=decree,
        charter_date=date(2025, 1, day),
        **texts,
    )


# Decree numbers are demo values *(check)*.
# fmt: off
OPD_STANDARDS: tuple[OpdStandardSpec, ...] = (
    _standard(
        "dpmptsp",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Semarang",
        "kantor DPMPTSP dan Mal Pelayanan Publik Kota Semarang",
        "500.16/012/2025",
        6,
        facilities=(
            "Mal Pelayanan Publik Kota Semarang dengan loket terpadu, ruang konsultasi perizinan, "
            "antrean daring, ruang tunggu, ruang laktasi, jalur landai dan loket prioritas; "
            "pendampingan pengisian OSS dan SIMBG."
        ),
    ),
    _standard("distaru", "Dinas Penataan Ruang Kota Semarang", "kantor Dinas Penataan Ruang dan Mal Pelayanan Publik", "650/031/2025", 7),
    _standard("dinkes", "Dinas Kesehatan Kota Semarang", "kantor Dinas Kesehatan dan puskesmas", "440/045/2025", 6),
    _standard("dinsos", "Dinas Sosial Kota Semarang", "kantor Dinas Sosial", "460/021/2025", 8),
    _standard("disdik", "Dinas Pendidikan Kota Semarang", "kantor Dinas Pendidikan", "400.3/018/2025", 6),
    _standard("disnaker", "Dinas Tenaga Kerja Kota Semarang", "kantor Dinas Tenaga Kerja", "500.15/014/2025", 9),
    _standard("dinkopum", "Dinas Koperasi dan Usaha Mikro Kota Semarang", "kantor Dinas Koperasi dan Usaha Mikro", "500.3/009/2025", 10),
    _standard("disperkim", "Dinas Perumahan dan Kawasan Permukiman Kota Semarang", "kantor Disperkim dan kantor pengelola rusunawa", "600.2/027/2025", 13),
    _standard("bapenda", "Badan Pendapatan Daerah Kota Semarang", "kantor Bapenda dan Mal Pelayanan Publik", "900.1/033/2025", 6),
    _standard("dishub", "Dinas Perhubungan Kota Semarang", "kantor Dinas Perhubungan dan unit pengujian kendaraan bermotor", "500.11/040/2025", 7),
    _standard("dlh", "Dinas Lingkungan Hidup Kota Semarang", "kantor Dinas Lingkungan Hidup", "600.4/025/2025", 8),
    _standard(
        "damkar",
        "Dinas Pemadam Kebakaran Kota Semarang",
        "markas Dinas Pemadam Kebakaran",
        "300.2/011/2025",
        9,
        facilities=(
            "Ruang piket 24 jam, armada pemadam dan penyelamatan, peralatan evakuasi, ruang "
            "tunggu dan toilet; panggilan darurat melalui nomor 112."
        ),
    ),
    _standard("disarpus", "Dinas Arsip dan Perpustakaan Kota Semarang", "meja layanan perpustakaan", "000.5/008/2025", 10),
    _standard("disdag", "Dinas Perdagangan Kota Semarang", "kantor UPTD Metrologi Legal", "500.2/019/2025", 13),
)
# fmt: on


# --- life events ------------------------------------------------------------------------------

# fmt: off
LIFE_EVENTS: tuple[LifeEventSpec, ...] = (
    LifeEventSpec("kelahiran", "Anak lahir", "Mencatatkan kelahiran, memperbarui KK dan KIA, serta imunisasi anak."),
    LifeEventSpec("sekolah", "Anak masuk sekolah", "Pendaftaran murid baru, pindah sekolah dan urusan ijazah."),
    LifeEventSpec("pindah-rumah", "Pindah rumah", "Pindah keluar atau masuk Kota Semarang dan memperbarui data alamat."),
    LifeEventSpec("menikah", "Menikah", "Mencatatkan perkawinan dan membentuk Kartu Keluarga baru."),
    LifeEventSpec("bercerai", "Bercerai", "Mencatatkan perceraian dan memperbarui Kartu Keluarga."),
    LifeEventSpec("kematian", "Anggota keluarga meninggal", "Mencatatkan kematian dan memperbarui data keluarga yang ditinggalkan."),
    LifeEventSpec("memulai-usaha", "Memulai usaha", "Perizinan berusaha, sertifikasi produk dan pajak daerah bagi usaha baru."),
    LifeEventSpec("membangun-rumah", "Membangun atau merenovasi rumah", "Informasi tata ruang, persetujuan bangunan gedung dan sertifikat laik fungsi."),
    LifeEventSpec("mencari-kerja", "Mencari kerja", "Kartu pencari kerja, pelatihan kerja dan penyelesaian perselisihan kerja."),
    LifeEventSpec("jual-beli-tanah", "Membeli atau menjual tanah dan rumah", "Validasi BPHTB dan balik nama objek pajak bumi dan bangunan."),
    LifeEventSpec("butuh-bantuan", "Butuh bantuan sosial atau kesehatan", "Jaminan kesehatan, bantuan sosial, ambulans dan pertolongan darurat."),
)
# fmt: on


# --- locations --------------------------------------------------------------------------------

OFFICE_HOURS = "Senin–Kamis 07.30–15.30\nJumat 07.30–11.00"
MPP_HOURS = "Senin–Kamis 08.00–15.00\nJumat 08.00–11.00"
TESTING_HOURS = "Senin–Kamis 07.30–14.00\nJumat 07.30–11.00"
PUSKESMAS_HOURS = "Senin–Kamis 07.30–14.00\nJumat 07.30–11.00\nSabtu 07.30–12.30"
ALWAYS_OPEN = "Setiap hari 24 jam"
LIBRARY_HOURS = "Senin–Kamis 08.00–16.00\nJumat 08.00–11.00\nSabtu 08.00–13.00"


def _loc(
    slug, name, kind, address, lat, lon, opd_code, hours=OFFICE_HOURS, **extra
) -> LocationSpec:
    return LocationSpec(
        slug=slug,
        name=name,
        kind=kind,
        address=address,
        opening_hours=hours,
        latitude=Decimal(lat),
        longitude=Decimal(lon),
        opd_code=opd_code,
        **extra,
    )


# Every address and coordinate below is approximate *(check)*.
# fmt: off
LOCATIONS: tuple[LocationSpec, ...] = (
    _loc("disdukcapil", "Disdukcapil Kota Semarang", "dinas", "Jl. Kanguru Raya No. 3, Gayamsari, Kota Semarang", "-6.993800", "110.446600", "disdukcapil"),
    _loc("mpp", "Mal Pelayanan Publik Kota Semarang", "mpp", "Gedung Pandanaran, Jl. Pemuda No. 175, Sekayu, Semarang Tengah", "-6.981500", "110.411200", "dpmptsp", MPP_HOURS),
    _loc("dpmptsp", "DPMPTSP Kota Semarang", "dinas", "Jl. Pemuda No. 148, Sekayu, Semarang Tengah", "-6.982600", "110.409500", "dpmptsp"),
    _loc("distaru", "Dinas Penataan Ruang Kota Semarang", "dinas", "Jl. Pemuda No. 148, Sekayu, Semarang Tengah", "-6.982700", "110.409700", "distaru"),
    _loc("dinkes", "Dinas Kesehatan Kota Semarang", "dinas", "Jl. Pandanaran No. 79, Mugassari, Semarang Selatan", "-6.989600", "110.416800", "dinkes"),
    _loc("dinsos", "Dinas Sosial Kota Semarang", "dinas", "Jl. Pemuda No. 148, Sekayu, Semarang Tengah", "-6.982800", "110.409300", "dinsos"),
    _loc("disdik", "Dinas Pendidikan Kota Semarang", "dinas", "Jl. Dr. Wahidin No. 118, Jatingaleh, Candisari", "-7.022400", "110.426000", "disdik"),
    _loc("disnaker", "Dinas Tenaga Kerja Kota Semarang", "dinas", "Jl. Ki Mangunsarkoro No. 21, Karangkidul, Semarang Tengah", "-6.987200", "110.421800", "disnaker"),
    _loc("dinkopum", "Dinas Koperasi dan Usaha Mikro Kota Semarang", "dinas", "Jl. Pemuda No. 148, Sekayu, Semarang Tengah", "-6.982900", "110.409900", "dinkopum"),
    _loc("disperkim", "Dinas Perumahan dan Kawasan Permukiman Kota Semarang", "dinas", "Jl. Pemuda No. 148, Sekayu, Semarang Tengah", "-6.983000", "110.409100", "disperkim"),
    _loc("bapenda", "Badan Pendapatan Daerah Kota Semarang", "dinas", "Gedung Pandanaran, Jl. Pemuda No. 175, Sekayu, Semarang Tengah", "-6.981700", "110.411000", "bapenda"),
    _loc("dishub", "Dinas Perhubungan Kota Semarang", "dinas", "Jl. Tanjung No. 12, Pandansari, Semarang Tengah", "-6.974800", "110.418500", "dishub"),
    _loc("uji-kendaraan-mangkang", "Unit Pengujian Kendaraan Bermotor Mangkang", "lainnya", "Jl. Raya Mangkang, Mangkang Wetan, Tugu", "-6.971500", "110.306800", "dishub", TESTING_HOURS),
    _loc("uji-kendaraan-cumi", "Unit Pengujian Kendaraan Bermotor Cumi-cumi", "lainnya", "Jl. Cumi-cumi Raya, Bandarharjo, Semarang Utara", "-6.955600", "110.428300", "dishub", TESTING_HOURS),
    _loc("dlh", "Dinas Lingkungan Hidup Kota Semarang", "dinas", "Jl. Pemuda No. 148, Sekayu, Semarang Tengah", "-6.983100", "110.409800", "dlh"),
    _loc("iplt-terboyo", "Instalasi Pengolahan Lumpur Tinja (IPLT) Terboyo", "lainnya", "Kawasan Terboyo Wetan, Genuk", "-6.955800", "110.463200", "dlh"),
    _loc("damkar", "Markas Dinas Pemadam Kebakaran Kota Semarang", "dinas", "Jl. Madukoro Raya, Krobokan, Semarang Barat", "-6.972400", "110.393100", "damkar", ALWAYS_OPEN),
    _loc("disarpus", "Perpustakaan Kota Semarang", "dinas", "Jl. Prof. Sudarto, Tembalang", "-7.050200", "110.437600", "disarpus", LIBRARY_HOURS),
    _loc("disdag", "UPTD Metrologi Legal Kota Semarang", "dinas", "Jl. Pemuda No. 148, Sekayu, Semarang Tengah", "-6.983200", "110.409600", "disdag"),
    _loc("puskesmas-pandanaran", "Puskesmas Pandanaran", "puskesmas", "Jl. Pandanaran No. 79, Mugassari, Semarang Selatan", "-6.989500", "110.416500", "dinkes", PUSKESMAS_HOURS),
    _loc("puskesmas-halmahera", "Puskesmas Halmahera", "puskesmas", "Jl. Halmahera Raya, Karangtempel, Semarang Timur", "-6.987700", "110.439500", "dinkes", PUSKESMAS_HOURS),
    _loc("puskesmas-ngesrep", "Puskesmas Ngesrep", "puskesmas", "Jl. Teuku Umar, Ngesrep, Banyumanik", "-7.041400", "110.420600", "dinkes", PUSKESMAS_HOURS),
    _loc("kec-banyumanik", "Kantor Kecamatan Banyumanik", "kecamatan", "Jl. Sukun Raya, Srondol Wetan, Banyumanik", "-7.060500", "110.419000", "kec-banyumanik"),
    _loc("kec-candisari", "Kantor Kecamatan Candisari", "kecamatan", "Jl. Sriwijaya, Tegalsari, Candisari", "-7.003700", "110.428300", "kec-candisari"),
    _loc("kec-gajahmungkur", "Kantor Kecamatan Gajahmungkur", "kecamatan", "Jl. Papandayan, Gajahmungkur", "-7.008400", "110.408700", "kec-gajahmungkur"),
    _loc("kec-gayamsari", "Kantor Kecamatan Gayamsari", "kecamatan", "Jl. Slamet Riyadi, Gayamsari", "-6.991900", "110.449300", "kec-gayamsari"),
    _loc("kec-genuk", "Kantor Kecamatan Genuk", "kecamatan", "Jl. Raya Genuk, Genuksari, Genuk", "-6.979000", "110.474600", "kec-genuk"),
    _loc("kec-gunungpati", "Kantor Kecamatan Gunungpati", "kecamatan", "Jl. Mr. Wuryanto, Plalangan, Gunungpati", "-7.084500", "110.383700", "kec-gunungpati"),
    _loc("kec-mijen", "Kantor Kecamatan Mijen", "kecamatan", "Jl. RM Hadi Soebeno Sosro Wardoyo, Mijen", "-7.062700", "110.322400", "kec-mijen"),
    _loc("kec-ngaliyan", "Kantor Kecamatan Ngaliyan", "kecamatan", "Jl. Prof. Dr. Hamka, Ngaliyan", "-6.996100", "110.348700", "kec-ngaliyan"),
    _loc("kec-pedurungan", "Kantor Kecamatan Pedurungan", "kecamatan", "Jl. Brigjend Sudiarto, Pedurungan Kidul, Pedurungan", "-7.007400", "110.465700", "kec-pedurungan"),
    _loc("kec-semarang-barat", "Kantor Kecamatan Semarang Barat", "kecamatan", "Jl. Ronggolawe, Gisikdrono, Semarang Barat", "-6.984400", "110.388600", "kec-semarang-barat"),
    _loc("kec-semarang-selatan", "Kantor Kecamatan Semarang Selatan", "kecamatan", "Jl. Pleburan, Pleburan, Semarang Selatan", "-6.995600", "110.421700", "kec-semarang-selatan"),
    _loc("kec-semarang-tengah", "Kantor Kecamatan Semarang Tengah", "kecamatan", "Jl. Taman Seteran, Miroto, Semarang Tengah", "-6.983900", "110.414800", "kec-semarang-tengah"),
    _loc("kec-semarang-timur", "Kantor Kecamatan Semarang Timur", "kecamatan", "Jl. Dr. Cipto, Karangtempel, Semarang Timur", "-6.983000", "110.433600", "kec-semarang-timur"),
    _loc("kec-semarang-utara", "Kantor Kecamatan Semarang Utara", "kecamatan", "Jl. Pengapon, Kemijen, Semarang Utara", "-6.962300", "110.434700", "kec-semarang-utara"),
    _loc("kec-tembalang", "Kantor Kecamatan Tembalang", "kecamatan", "Jl. Imam Soeparto, Tembalang", "-7.054300", "110.441500", "kec-tembalang"),
    _loc("kec-tugu", "Kantor Kecamatan Tugu", "kecamatan", "Jl. Walisongo Km. 10, Tugurejo, Tugu", "-6.981100", "110.338900", "kec-tugu"),
)
# fmt: on

KECAMATAN_LOCATIONS = tuple(loc.slug for loc in LOCATIONS if loc.kind == "kecamatan")
CIVIL_LOCATIONS = ("disdukcapil", "mpp", *KECAMATAN_LOCATIONS)


# --- search synonyms --------------------------------------------------------------------------

KTP = "ktp-el kartu tanda penduduk elektronik"
MAKE = "pembuatan penerbitan pendaftaran"
PBG = "persetujuan bangunan gedung pbg"
NIB = "nib nomor induk berusaha perizinan berusaha"
AK1 = "kartu pencari kerja"
UHC = "jaminan kesehatan pbi apbd"
TINJA = "penyedotan lumpur tinja iplt"
SIP = "surat izin praktik"

SYNONYMS: tuple[SynonymSpec, ...] = tuple(
    SynonymSpec(term, replacement)
    for term, replacement in (
        ("akte", "akta"),
        ("e-ktp", KTP),
        ("ektp", KTP),
        ("ktp", KTP),
        ("bikin", MAKE),
        ("buat", MAKE),
        ("urus", MAKE),
        ("ngurus", MAKE),
        ("imb", PBG),
        ("izin mendirikan bangunan", PBG),
        ("ijin bangunan", PBG),
        ("siup", NIB),
        ("tdp", NIB),
        ("iumk", NIB),
        ("situ", NIB),
        ("izin usaha", NIB),
        ("ijin usaha", NIB),
        ("kartu kuning", AK1),
        ("ak1", AK1),
        ("ak-1", AK1),
        ("sktm", "surat keterangan tidak mampu"),
        ("ppdb", "spmb penerimaan murid baru"),
        ("psb", "spmb penerimaan murid baru"),
        ("kir", "uji berkala kendaraan bermotor"),
        ("pbb", "pajak bumi dan bangunan pbb-p2"),
        ("kawin", "perkawinan"),
        ("nikah", "perkawinan"),
        ("meninggal", "kematian"),
        ("wafat", "kematian"),
        ("mati", "kematian"),
        ("surat pindah", "pindah keluar surat keterangan pindah"),
        ("skpwni", "pindah keluar surat keterangan pindah"),
        ("kartu anak", "kartu identitas anak kia"),
        ("bpjs gratis", UHC),
        ("uhc", UHC),
        ("kis", UHC),
        ("damkar", "pemadam kebakaran"),
        ("pemadam", "pemadam kebakaran"),
        ("sedot wc", TINJA),
        ("sedot tinja", TINJA),
        ("septic tank", TINJA),
        ("ambulan", "ambulans"),
        ("ambulance", "ambulans"),
        ("sip", SIP),
        ("izin praktek", SIP),
        ("ijin praktek", SIP),
        ("slf", "sertifikat laik fungsi"),
        ("reklame", "izin reklame"),
        ("baliho", "izin reklame"),
        ("spanduk", "izin reklame"),
        ("kuning", AK1),
        ("timbangan", "tera ulang uttp"),
        ("ijazah hilang", "surat keterangan pengganti ijazah"),
        ("pindah sekolah", "mutasi siswa"),
        ("dtks", "data terpadu kesejahteraan sosial dtsen"),
        ("rusun", "rusunawa"),
        ("sampah", "pengangkutan sampah"),
        ("halal", "sertifikasi halal"),
        ("krk", "keterangan rencana kota"),
    )
)


# --- what citizens type, and the service it must find among the first three -----------------

SEARCH_QUERIES: tuple[tuple[str, str | None], ...] = (
    ("akte kelahiran", "akta-kelahiran"),
    ("akte kelahran", "akta-kelahiran"),
    ("bikin akte anak", "akta-kelahiran"),
    ("akte kematian", "akta-kematian"),
    ("surat kematian bapak", "akta-kematian"),
    ("tambah anak di kk", "kk-tambah-anggota"),
    ("kartu keluraga ubah data", "kk-perubahan-data"),
    ("pecah kk", "kk-pisah"),
    ("kartu anak", "kartu-identitas-anak"),
    ("kia anak", "kartu-identitas-anak"),
    ("surat pindah", "pindah-keluar"),
    ("skpwni", "pindah-keluar"),
    ("pindah datang ke semarang", "pindah-datang"),
    ("catatan sipil nikah", "akta-perkawinan"),
    ("akte cerai", "akta-perceraian"),
    ("rekam e-ktp", "perekaman-ktp-el"),
    ("bikin ktp baru", "perekaman-ktp-el"),
    ("imb rumah", "persetujuan-bangunan-gedung"),
    ("ijin bangunan", "persetujuan-bangunan-gedung"),
    ("sertifikat lail fungsi", "sertifikat-laik-fungsi"),
    ("siup", "nib-usaha-mikro-kecil"),
    ("izin usaha warung", "nib-usaha-mikro-kecil"),
    ("pasang baliho", "izin-reklame"),
    ("izin praktek dokter", "sip-dokter"),
    ("sip bidan", "sip-bidan"),
    ("izin buka apotek", "izin-apotek"),
    ("keterangan rencana kota", "keterangan-rencana-kota"),
    ("bpjs gratis", "jaminan-kesehatan-uhc"),
    ("ambulan darurat", "ambulans-gawat-darurat"),
    ("imunisasi bayi", "imunisasi-anak"),
    ("daftar dtks", "pendaftaran-dtks"),
    ("sktm", "rekomendasi-keterangan-tidak-mampu"),
    ("uji kir", "uji-berkala-kendaraan"),
    ("kartu perpustakaan", "kartu-anggota-perpustakaan"),
    ("ppdb sd", "spmb-sd"),
    ("ppdb smp", "spmb-smp"),
    ("legalisir ijazah", "legalisir-ijazah"),
    ("ijazah hilang", "surat-keterangan-pengganti-ijazah"),
    ("pindah sekolah", "mutasi-siswa"),
    ("kartu kuning", "kartu-pencari-kerja"),
    ("ak1", "kartu-pencari-kerja"),
    ("di phk sepihak", "mediasi-hubungan-industrial"),
    ("sertifikat halal umkm", "fasilitasi-sertifikasi-halal"),
    ("sewa rusun", "sewa-rusunawa"),
    ("cetak ulang pbb", "pbb-cetak-ulang-sppt"),
    ("balik nama pbb", "pbb-mutasi-objek"),
    ("bphtb jual beli rumah", "validasi-bphtb"),
    ("sedot wc", "sedot-tinja-iplt"),
    ("sppl", "persetujuan-lingkungan"),
    ("evakuasi ular", "penyelamatan-non-kebakaran"),
    ("tera timbangan", "tera-ulang-uttp"),
    ("skck", None),
    ("perpanjang sim", None),
    ("e-tilang", None),
    # Written by the engineer after the list above, without looking at the synonyms:
    ("ktp hilang", "ktp-el-hilang-rusak"),
    ("akta kematain", "akta-kematian"),
    ("cerai", "akta-perceraian"),
    ("nikah kristen", "akta-perkawinan"),
    ("izin mendirikan bangunan", "persetujuan-bangunan-gedung"),
    ("daftar sekolah smp negeri", "spmb-smp"),
    ("pindahan dari luar kota", "pindah-datang"),
)


# --- the civil-registry services' extra search words, life events and locations -------------

KK_KEYWORDS = ("kk", "kartu keluarga")

CIVIL_REGISTRY_EXTRAS: dict[str, dict] = {
    "akta-kelahiran": {
        "keywords": ("akte lahir", "akte kelahiran", "surat lahir", "akta anak"),
        "life_events": ("kelahiran",),
        "locations": CIVIL_LOCATIONS,
    },
    "akta-kematian": {
        "keywords": ("akte kematian", "surat kematian", "akte mati"),
        "life_events": ("kematian",),
        "locations": CIVIL_LOCATIONS,
    },
    "kk-tambah-anggota": {
        "keywords": (*KK_KEYWORDS, "tambah anak di kk", "masuk kk", "numpang kk"),
        "life_events": ("kelahiran", "menikah"),
        "locations": CIVIL_LOCATIONS,
    },
    "kk-perubahan-data": {
        "keywords": (*KK_KEYWORDS, "ubah data kk", "ganti data kk", "salah nama kk"),
        "life_events": ("menikah", "bercerai", "kematian"),
        "locations": CIVIL_LOCATIONS,
    },
    "kk-pisah": {
        "keywords": (*KK_KEYWORDS, "pecah kk", "pisah kk", "kk baru"),
        "life_events": ("menikah", "bercerai", "pindah-rumah"),
        "locations": CIVIL_LOCATIONS,
    },
    "kartu-identitas-anak": {
        "keywords": ("kartu anak", "kia", "ktp anak"),
        "life_events": ("kelahiran", "sekolah"),
        "locations": CIVIL_LOCATIONS,
    },
    "pindah-keluar": {
        "keywords": ("surat pindah", "skpwni", "pindah domisili", "pindah luar kota"),
        "life_events": ("pindah-rumah",),
        "locations": CIVIL_LOCATIONS,
    },
    "pindah-datang": {
        "keywords": ("pindah masuk", "pindah domisili", "warga baru"),
        "life_events": ("pindah-rumah",),
        "locations": CIVIL_LOCATIONS,
    },
    "akta-perkawinan": {
        "keywords": ("akte nikah", "surat nikah non muslim", "catatan sipil nikah"),
        "life_events": ("menikah",),
        "locations": ("disdukcapil", "mpp"),
    },
    "akta-perceraian": {
        "keywords": ("akte cerai", "surat cerai"),
        "life_events": ("bercerai",),
        "locations": ("disdukcapil", "mpp"),
    },
    "perekaman-ktp-el": {
        "keywords": ("ktp", "e-ktp", "rekam ktp", "bikin ktp", "ktp baru"),
        "life_events": (),
        "locations": CIVIL_LOCATIONS,
    },
    "ktp-el-hilang-rusak": {
        "keywords": ("ktp hilang", "ktp rusak", "e-ktp hilang", "cetak ulang ktp", "ganti ktp"),
        "life_events": (),
        "locations": CIVIL_LOCATIONS,
    },
}
