"""Seed data: the JP rules, the non-classroom conversion table and a digital-era programme
catalogue for Kota Semarang (demo content, marked as such; admins edit it in the back office).

The JP rules and conversions are configuration, not law restated: PP 11/2017 as amended by PP
17/2020 art. 203 sets at least 20 JP a year for PNS; for PPPK, PP 49/2018 speaks of at most
24 JP per contract year and UU 20/2023 gives every ASN the duty to develop — the demo applies
the 20 JP target to PPPK too, which an admin may change. The conversions follow the spirit of
Peraturan LAN 10/2018 (1 JP = 45 minutes of learning) and are marked for checking.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal as D

JP_RULES = (
    # employment type, from year, min JP, max JP, legal basis
    ("pns", 2020, D("20"), None, "PP 11/2017 jo. PP 17/2020 pasal 203 ayat (4)"),
    (
        "pppk",
        2024,
        D("20"),
        D("24"),
        "UU 20/2023; PP 49/2018 pasal 39 (paling lama 24 JP per tahun masa perjanjian kerja) "
        "— sesuaikan dengan kebijakan instansi",
    ),
)

JP_CONVERSIONS = (
    # form, unit, JP per unit, minutes per JP, max JP per item, basis
    ("webinar", "minute", D("1"), 45, D("8"), "1 JP = 45 menit (Peraturan LAN 10/2018)"),
    ("seminar", "minute", D("1"), 45, D("16"), "1 JP = 45 menit (Peraturan LAN 10/2018)"),
    ("workshop", "minute", D("1"), 45, D("24"), "1 JP = 45 menit (Peraturan LAN 10/2018)"),
    ("course", "minute", D("1"), 45, D("40"), "1 JP = 45 menit (Peraturan LAN 10/2018)"),
    ("elearning", "minute", D("1"), 45, D("40"), "1 JP = 45 menit (Peraturan LAN 10/2018)"),
    ("distance", "minute", D("1"), 45, D("40"), "1 JP = 45 menit (Peraturan LAN 10/2018)"),
    ("training", "day", D("8"), 45, D("80"), "8 JP per hari pelatihan penuh"),
    ("bimtek", "day", D("8"), 45, D("40"), "8 JP per hari bimbingan teknis"),
    ("coaching", "activity", D("2"), 45, D("10"), "2 JP per sesi coaching yang tercatat"),
    ("mentoring", "activity", D("2"), 45, D("10"), "2 JP per sesi mentoring yang tercatat"),
    ("internship", "month", D("20"), 45, D("60"), "20 JP per bulan magang (periksa)"),
    ("secondment", "month", D("20"), 45, D("60"), "20 JP per bulan detasering (periksa)"),
    ("benchmarking", "day", D("6"), 45, D("18"), "6 JP per hari patok banding"),
    ("self_study", "minute", D("1"), 45, D("10"), "1 JP = 45 menit, paling banyak 10 JP"),
    ("community", "activity", D("2"), 45, D("12"), "2 JP per pertemuan komunitas belajar"),
)


@dataclass(frozen=True)
class ProgrammeSpec:
    code: str
    title: str
    summary: str
    description: str
    mode: str
    jp: D
    organiser: str  # OPD code
    cost: int
    targets: tuple[tuple[str, int], ...]  # (competency code, level reached)
    pass_mark: int | None = 70
    min_attendance: int = 80
    prerequisites: tuple[str, ...] = ()


PROGRAMMES = (
    ProgrammeSpec(
        "literasi-digital-dasar",
        "Literasi Digital Dasar untuk ASN",
        "Komputer, internet, surel dinas, dan berkas bersama untuk pekerjaan sehari-hari.",
        "<p>Untuk ASN yang baru mulai bekerja dengan perangkat digital. Peserta berlatih "
        "mengelola berkas dan folder bersama, memakai surel dinas, mencari informasi resmi, dan "
        "mengikuti rapat daring.</p><ul><li>Perangkat dan berkas</li><li>Surel dinas dan "
        "etikanya</li><li>Mencari dan menilai informasi</li><li>Rapat daring</li></ul>",
        "training",
        D("16"),
        "bkpsdm",
        450000,
        (("digital-informasi-data", 2), ("digital-komunikasi-kolaborasi", 2)),
    ),
    ProgrammeSpec(
        "eoffice-balai-kota",
        "Bekerja dengan E-Office Balai Kota",
        "Naskah dinas elektronik dari konsep sampai tanda tangan: paraf, TTE, disposisi.",
        "<p>Pelatihan praktik memakai e-office Balai Kota Digital: menyusun nota dinas dan surat "
        "dinas, menentukan alur paraf, menandatangani secara elektronik, mendisposisikan surat "
        "masuk, dan mencari arsip. Setiap peserta mempraktikkan alur lengkap di akun latihan.</p>",
        "training",
        D("12"),
        "diskominfo",
        300000,
        (("digital-komunikasi-kolaborasi", 3), ("komunikasi", 2)),
        prerequisites=("literasi-digital-dasar",),
    ),
    ProgrammeSpec(
        "literasi-data-pelayanan",
        "Literasi Data untuk Pelayanan Publik",
        "Membaca, mengolah, dan menyajikan data layanan untuk keputusan yang lebih baik.",
        "<p>Dari tabel permohonan ke keputusan: membersihkan data, tabel pivot, grafik yang jujur, "
        "dan membaca indikator kinerja layanan (waktu penyelesaian, SKM, pengaduan).</p>",
        "elearning",
        D("10"),
        "diskominfo",
        0,
        (("digital-informasi-data", 3), ("pengambilan-keputusan", 2)),
    ),
    ProgrammeSpec(
        "keamanan-siber-asn",
        "Keamanan Siber untuk ASN",
        "Kata sandi, MFA, phishing, data pribadi warga, dan melapor insiden.",
        "<p>Kebiasaan aman yang melindungi akun dinas dan data warga: kata sandi dan verifikasi "
        "dua langkah, mengenali phishing lewat surel dan WhatsApp, menangani data pribadi sesuai "
        "UU 27/2022, dan melaporkan insiden ke CSIRT Kota Semarang.</p>",
        "elearning",
        D("8"),
        "diskominfo",
        0,
        (("digital-keamanan", 3),),
    ),
    ProgrammeSpec(
        "desain-layanan-digital",
        "Desain Layanan Digital",
        "Merancang ulang layanan bersama warga: peta perjalanan, purwarupa, uji coba.",
        "<p>Lokakarya tiga hari: memetakan perjalanan warga, menemukan titik sakit, membuat "
        "purwarupa layanan daring, dan mengujinya dengan warga sungguhan.</p>",
        "workshop",
        D("24"),
        "bappeda",
        1200000,
        (("digital-layanan-pemerintahan", 4), ("pelayanan-publik", 3)),
        prerequisites=("literasi-data-pelayanan",),
    ),
    ProgrammeSpec(
        "kepemimpinan-digital",
        "Kepemimpinan Digital",
        "Memimpin transformasi digital OPD: strategi, perubahan, dan ukuran manfaat.",
        "<p>Untuk pejabat administrator dan pimpinan tinggi pratama: menyusun peta jalan digital "
        "OPD, memimpin perubahan cara kerja, mengelola risiko, dan mengukur manfaat bagi warga.</p>",
        "training",
        D("32"),
        "bkpsdm",
        2500000,
        (("mengelola-perubahan", 4), ("digital-layanan-pemerintahan", 4)),
    ),
    ProgrammeSpec(
        "tte-keamanan-dokumen",
        "Tanda Tangan Elektronik dan Keamanan Dokumen",
        "Sertifikat elektronik, TTE tersertifikasi, dan memeriksa keaslian dokumen.",
        "<p>Bimbingan teknis bagi pejabat penandatangan dan petugas: cara kerja TTE, menjaga "
        "passphrase, menandatangani banyak dokumen, dan memeriksa dokumen lewat kode QR.</p>",
        "bimtek",
        D("6"),
        "diskominfo",
        150000,
        (("digital-keamanan", 2), ("digital-layanan-pemerintahan", 2)),
        pass_mark=None,
    ),
    ProgrammeSpec(
        "analisis-data-spreadsheet",
        "Analisis Data dengan Spreadsheet",
        "Rumus, tabel pivot, dan grafik untuk laporan bulanan yang rapi.",
        "<p>Kursus praktik empat pertemuan dengan data layanan anonim Kota Semarang.</p>",
        "course",
        D("16"),
        "diskominfo",
        400000,
        (("digital-informasi-data", 3), ("digital-pemecahan-masalah", 3)),
    ),
    ProgrammeSpec(
        "pelayanan-prima-digital",
        "Pelayanan Prima di Era Digital",
        "Melayani warga di loket dan di kanal daring dengan standar yang sama.",
        "<p>Standar pelayanan, maklumat, menangani pengaduan, dan melayani warga lewat kanal "
        "digital tanpa meninggalkan yang belum terbiasa.</p>",
        "training",
        D("16"),
        "bkpsdm",
        500000,
        (("pelayanan-publik", 3), ("perekat-bangsa", 2)),
    ),
    ProgrammeSpec(
        "pelindungan-data-pribadi",
        "Pelindungan Data Pribadi bagi Pengelola Layanan",
        "Kewajiban UU 27/2022 dalam pekerjaan layanan sehari-hari.",
        "<p>Webinar tentang dasar pemrosesan, hak subjek data, batas waktu 3×24 jam, dan "
        "penanganan kebocoran.</p>",
        "webinar",
        D("4"),
        "diskominfo",
        0,
        (("digital-keamanan", 3), ("integritas", 2)),
        pass_mark=None,
        min_attendance=100,
    ),
    ProgrammeSpec(
        "coaching-mentoring",
        "Coaching dan Mentoring bagi Atasan",
        "Membimbing anggota tim dengan percakapan coaching yang terstruktur.",
        "<p>Program tiga bulan: model percakapan coaching, rencana pengembangan individu, dan "
        "sesi praktik yang dicatat.</p>",
        "coaching",
        D("10"),
        "bkpsdm",
        0,
        (("pengembangan-diri-dan-orang-lain", 3),),
        pass_mark=None,
    ),
    ProgrammeSpec(
        "agen-perubahan-digital",
        "Agen Perubahan Digital",
        "Mengajak rekan kerja beralih ke cara kerja digital, satu per satu.",
        "<p>Lokakarya bagi agen perubahan (PermenPAN-RB 27/2014): memahami penolakan, "
        "pendampingan sebaya, dan mengukur pemakaian nyata.</p>",
        "workshop",
        D("16"),
        "bkpsdm",
        600000,
        (("mengelola-perubahan", 3), ("digital-komunikasi-kolaborasi", 3)),
    ),
    ProgrammeSpec(
        "naskah-dinas-permendagri",
        "Penulisan Naskah Dinas sesuai Permendagri 1/2023",
        "Jenis, susunan, dan bahasa naskah dinas yang benar.",
        "<p>Bimbingan teknis tata naskah dinas: kop, penomoran, klasifikasi arsip, a.n. dan u.b., "
        "serta bahasa yang lugas.</p>",
        "bimtek",
        D("8"),
        "setda",
        200000,
        (("komunikasi", 3), ("digital-konten", 2)),
    ),
    ProgrammeSpec(
        "spbe-arsitektur",
        "SPBE dan Arsitektur Pemerintahan Digital",
        "Kerangka SPBE, interoperabilitas, dan Satu Data bagi perencana OPD.",
        "<p>Seminar sehari tentang kebijakan SPBE, arsitektur dan peta rencana, serta tata kelola "
        "data.</p>",
        "seminar",
        D("6"),
        "diskominfo",
        0,
        (("digital-layanan-pemerintahan", 3), ("digital-informasi-data", 3)),
        pass_mark=None,
    ),
)
