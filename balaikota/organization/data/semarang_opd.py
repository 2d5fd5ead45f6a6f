"""The agencies (OPD) of Pemerintah Kota Semarang with a simplified structure of units and positions.

Names follow the city's agencies; the structure follows the 2021 simplification of the bureaucracy
(Permendagri 25/2021): most former eselon IV posts in a dinas became functional positions, the
Subbagian Umum dan Kepegawaian and the kecamatan seksi remain. It is seed data for demos and a
starting point for a real city, which adjusts it in the admin or through the ASN import.

Pure data: no Django imports. ``opd_structure_load()`` in services.py turns it into rows.
"""

from __future__ import annotations

from dataclasses import dataclass

STRUCTURAL, FUNCTIONAL, EXECUTOR = "struktural", "fungsional", "pelaksana"

# Executor titles after KepmenPAN-RB 2024 merged the pelaksana nomenclature.
PENATA_LO = ("Penata Layanan Operasional", EXECUTOR)
PENGELOLA_LO = ("Pengelola Layanan Operasional", EXECUTOR)
OPERATOR_LO = ("Operator Layanan Operasional", EXECUTOR)


@dataclass(frozen=True)
class UnitSpec:
    name: str
    head: str  # name of the head position (structural, ``is_head``)
    echelon: str
    staff: tuple[tuple[str, str], ...] = ()  # (position name, kind) of non-head positions
    children: tuple[UnitSpec, ...] = ()


@dataclass(frozen=True)
class OpdSpec:
    code: str
    name: str
    short_name: str
    kind: str
    root: UnitSpec
    district_code: str | None = None
    showcase: bool = False  # the demo fills every position of these agencies
    weight: int = 1  # relative share of the demo's staff


def _bidang(name: str, jf: str, *, staff: tuple[tuple[str, str], ...] = ()) -> UnitSpec:
    return UnitSpec(
        name=name,
        head=f"Kepala {name}",
        echelon="III.b",
        staff=staff or ((jf, FUNCTIONAL), PENATA_LO),
    )


def _sekretariat(subbagian: tuple[str, ...], *, name: str = "Sekretariat") -> UnitSpec:
    head = "Sekretaris" if name == "Sekretariat" else f"Kepala {name}"
    children = tuple(
        UnitSpec(
            name=sub,
            head=f"Kepala {sub}",
            echelon="IV.a",
            staff=(
                (
                    ("Analis Sumber Daya Manusia Aparatur Ahli Pertama", FUNCTIONAL),
                    ("Arsiparis Ahli Pertama", FUNCTIONAL),
                    PENGELOLA_LO,
                    OPERATOR_LO,
                )
                if "Kepegawaian" in sub
                else (("Analis Keuangan Pusat dan Daerah Ahli Pertama", FUNCTIONAL), PENGELOLA_LO)
            ),
        )
        for sub in subbagian
    )
    return UnitSpec(
        name=name,
        head=head,
        echelon="III.a",
        staff=(
            ("Perencana Ahli Muda", FUNCTIONAL),
            ("Analis Keuangan Pusat dan Daerah Ahli Muda", FUNCTIONAL),
        ),
        children=children,
    )


def _agency(
    code: str,
    name: str,
    short_name: str,
    *,
    bidang: tuple[str, ...],
    jf: str,
    kind: str = "dinas",
    head: str = "Kepala Dinas",
    head_echelon: str = "II.b",
    subbagian: tuple[str, ...] = ("Subbagian Umum dan Kepegawaian",),
    sekretariat: str = "Sekretariat",
    bidang_staff: dict[str, tuple[tuple[str, str], ...]] | None = None,
    showcase: bool = False,
    weight: int = 1,
) -> OpdSpec:
    bidang_staff = bidang_staff or {}
    units = (_sekretariat(subbagian, name=sekretariat),) + tuple(
        _bidang(b, jf, staff=bidang_staff.get(b, ())) for b in bidang
    )
    root = UnitSpec(name=name, head=head, echelon=head_echelon, children=units)
    return OpdSpec(code, name, short_name, kind, root, showcase=showcase, weight=weight)


_SETDA = OpdSpec(
    code="setda",
    name="Sekretariat Daerah",
    short_name="Setda",
    kind="sekretariat",
    showcase=True,
    weight=2,
    root=UnitSpec(
        name="Sekretariat Daerah",
        head="Sekretaris Daerah",
        echelon="II.a",
        children=(
            UnitSpec(
                name="Asisten Pemerintahan dan Kesejahteraan Rakyat",
                head="Asisten Pemerintahan dan Kesejahteraan Rakyat",
                echelon="II.b",
                children=(
                    UnitSpec(
                        "Bagian Pemerintahan",
                        "Kepala Bagian Pemerintahan",
                        "III.a",
                        (("Analis Kebijakan Ahli Muda", FUNCTIONAL), PENATA_LO),
                    ),
                    UnitSpec(
                        "Bagian Hukum",
                        "Kepala Bagian Hukum",
                        "III.a",
                        (
                            ("Perancang Peraturan Perundang-undangan Ahli Muda", FUNCTIONAL),
                            PENATA_LO,
                        ),
                    ),
                ),
            ),
            UnitSpec(
                name="Asisten Perekonomian dan Pembangunan",
                head="Asisten Perekonomian dan Pembangunan",
                echelon="II.b",
                children=(
                    UnitSpec(
                        "Bagian Perekonomian dan Sumber Daya Alam",
                        "Kepala Bagian Perekonomian dan Sumber Daya Alam",
                        "III.a",
                        (("Analis Kebijakan Ahli Muda", FUNCTIONAL), PENATA_LO),
                    ),
                ),
            ),
            UnitSpec(
                name="Asisten Administrasi Umum",
                head="Asisten Administrasi Umum",
                echelon="II.b",
                children=(
                    UnitSpec(
                        "Bagian Organisasi",
                        "Kepala Bagian Organisasi",
                        "III.a",
                        (
                            ("Analis Kebijakan Ahli Muda", FUNCTIONAL),
                            ("Analis Sumber Daya Manusia Aparatur Ahli Muda", FUNCTIONAL),
                            PENATA_LO,
                        ),
                    ),
                    UnitSpec(
                        "Bagian Umum",
                        "Kepala Bagian Umum",
                        "III.a",
                        (("Arsiparis Ahli Muda", FUNCTIONAL), PENGELOLA_LO, OPERATOR_LO),
                    ),
                ),
            ),
        ),
    ),
)

_SETWAN = OpdSpec(
    code="setwan",
    name="Sekretariat Dewan Perwakilan Rakyat Daerah",
    short_name="Setwan",
    kind="sekretariat",
    root=UnitSpec(
        name="Sekretariat Dewan Perwakilan Rakyat Daerah",
        head="Sekretaris DPRD",
        echelon="II.b",
        children=(
            UnitSpec(
                "Bagian Umum dan Keuangan",
                "Kepala Bagian Umum dan Keuangan",
                "III.a",
                (("Arsiparis Ahli Pertama", FUNCTIONAL), PENGELOLA_LO, OPERATOR_LO),
            ),
            UnitSpec(
                "Bagian Persidangan dan Perundang-undangan",
                "Kepala Bagian Persidangan dan Perundang-undangan",
                "III.a",
                (("Analis Legislatif Ahli Muda", FUNCTIONAL), PENATA_LO),
            ),
            UnitSpec(
                "Bagian Fasilitasi Penganggaran dan Pengawasan",
                "Kepala Bagian Fasilitasi Penganggaran dan Pengawasan",
                "III.a",
                (("Analis Kebijakan Ahli Muda", FUNCTIONAL), PENATA_LO),
            ),
        ),
    ),
)

_INSPEKTORAT = OpdSpec(
    code="inspektorat",
    name="Inspektorat",
    short_name="Inspektorat",
    kind="inspektorat",
    root=UnitSpec(
        name="Inspektorat",
        head="Inspektur",
        echelon="II.b",
        children=(_sekretariat(("Subbagian Umum dan Kepegawaian",)),)
        + tuple(
            UnitSpec(
                f"Inspektur Pembantu Wilayah {n}",
                f"Inspektur Pembantu Wilayah {n}",
                "III.a",
                (
                    ("Auditor Ahli Muda", FUNCTIONAL),
                    (
                        "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Muda",
                        FUNCTIONAL,
                    ),
                ),
            )
            for n in ("I", "II", "III", "IV")
        ),
    ),
)

_RSUD = OpdSpec(
    code="rsud-wongsonegoro",
    name="RSUD K.R.M.T. Wongsonegoro",
    short_name="RSUD Wongsonegoro",
    kind="rsud",
    root=UnitSpec(
        name="RSUD K.R.M.T. Wongsonegoro",
        head="Direktur",
        echelon="II.b",
        children=(
            _sekretariat(
                ("Subbagian Umum dan Kepegawaian", "Subbagian Keuangan"),
                name="Bagian Umum dan Keuangan",
            ),
            _bidang(
                "Bidang Pelayanan Medik",
                "Dokter Ahli Madya",
                staff=(("Dokter Ahli Madya", FUNCTIONAL), ("Dokter Ahli Muda", FUNCTIONAL)),
            ),
            _bidang(
                "Bidang Keperawatan",
                "Perawat Ahli Muda",
                staff=(("Perawat Ahli Muda", FUNCTIONAL), ("Perawat Terampil", FUNCTIONAL)),
            ),
            _bidang("Bidang Penunjang Medik", "Apoteker Ahli Muda"),
        ),
    ),
)

_DISDUKCAPIL_STAFF = (
    ("Administrator Database Kependudukan Ahli Muda", FUNCTIONAL),
    ("Administrator Database Kependudukan Ahli Pertama", FUNCTIONAL),
    PENATA_LO,
    OPERATOR_LO,
)

SEMARANG_OPDS: tuple[OpdSpec, ...] = (
    _SETDA,
    _SETWAN,
    _INSPEKTORAT,
    _agency(
        "disdik",
        "Dinas Pendidikan",
        "Disdik",
        bidang=(
            "Bidang Pembinaan Pendidikan Anak Usia Dini dan Pendidikan Nonformal",
            "Bidang Pembinaan Sekolah Dasar",
            "Bidang Pembinaan Sekolah Menengah Pertama",
            "Bidang Pendidik dan Tenaga Kependidikan",
        ),
        jf="Pengembang Teknologi Pembelajaran Ahli Muda",
        subbagian=("Subbagian Umum dan Kepegawaian", "Subbagian Keuangan dan Aset"),
        weight=3,
    ),
    _agency(
        "dinkes",
        "Dinas Kesehatan",
        "DKK",
        bidang=(
            "Bidang Kesehatan Masyarakat",
            "Bidang Pencegahan dan Pengendalian Penyakit",
            "Bidang Pelayanan Kesehatan",
            "Bidang Sumber Daya Kesehatan",
        ),
        jf="Epidemiolog Kesehatan Ahli Muda",
        subbagian=("Subbagian Umum dan Kepegawaian", "Subbagian Keuangan dan Aset"),
        weight=3,
    ),
    _agency(
        "dpu",
        "Dinas Pekerjaan Umum",
        "DPU",
        bidang=(
            "Bidang Jalan dan Jembatan",
            "Bidang Sumber Daya Air dan Drainase",
            "Bidang Bina Konstruksi",
        ),
        jf="Teknik Jalan dan Jembatan Ahli Muda",
    ),
    _agency(
        "distaru",
        "Dinas Penataan Ruang",
        "Distaru",
        bidang=("Bidang Perencanaan Tata Ruang", "Bidang Pengendalian Pemanfaatan Ruang"),
        jf="Penata Ruang Ahli Muda",
    ),
    _agency(
        "disperkim",
        "Dinas Perumahan dan Kawasan Permukiman",
        "Disperkim",
        bidang=("Bidang Perumahan", "Bidang Kawasan Permukiman", "Bidang Pertamanan dan Pemakaman"),
        jf="Teknik Tata Bangunan dan Perumahan Ahli Muda",
    ),
    _agency(
        "satpolpp",
        "Satuan Polisi Pamong Praja",
        "Satpol PP",
        kind="lainnya",
        head="Kepala Satuan",
        bidang=(
            "Bidang Penegakan Peraturan Daerah",
            "Bidang Ketenteraman dan Ketertiban Umum",
            "Bidang Perlindungan Masyarakat",
        ),
        jf="Polisi Pamong Praja Ahli Muda",
    ),
    _agency(
        "damkar",
        "Dinas Pemadam Kebakaran",
        "Damkar",
        bidang=(
            "Bidang Pencegahan dan Penyuluhan",
            "Bidang Pemadaman dan Penyelamatan",
            "Bidang Sarana dan Prasarana",
        ),
        jf="Analis Kebakaran Ahli Muda",
    ),
    _agency(
        "bpbd",
        "Badan Penanggulangan Bencana Daerah",
        "BPBD",
        kind="badan",
        head="Kepala Pelaksana",
        bidang=(
            "Bidang Pencegahan dan Kesiapsiagaan",
            "Bidang Kedaruratan dan Logistik",
            "Bidang Rehabilitasi dan Rekonstruksi",
        ),
        jf="Penata Penanggulangan Bencana Ahli Muda",
    ),
    _agency(
        "dinsos",
        "Dinas Sosial",
        "Dinsos",
        bidang=(
            "Bidang Rehabilitasi Sosial",
            "Bidang Perlindungan dan Jaminan Sosial",
            "Bidang Pemberdayaan Sosial dan Penanganan Fakir Miskin",
        ),
        jf="Pekerja Sosial Ahli Muda",
    ),
    _agency(
        "disnaker",
        "Dinas Tenaga Kerja",
        "Disnaker",
        bidang=(
            "Bidang Pelatihan dan Penempatan Tenaga Kerja",
            "Bidang Hubungan Industrial dan Jaminan Sosial Tenaga Kerja",
        ),
        jf="Mediator Hubungan Industrial Ahli Muda",
    ),
    _agency(
        "dp3a",
        "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
        "DP3A",
        bidang=(
            "Bidang Pemberdayaan Perempuan",
            "Bidang Perlindungan Perempuan dan Anak",
            "Bidang Pemenuhan Hak Anak",
        ),
        jf="Analis Kebijakan Ahli Muda",
    ),
    _agency(
        "dishanpan",
        "Dinas Ketahanan Pangan",
        "Dishanpan",
        bidang=(
            "Bidang Ketersediaan dan Distribusi Pangan",
            "Bidang Konsumsi dan Keamanan Pangan",
        ),
        jf="Analis Ketahanan Pangan Ahli Muda",
    ),
    _agency(
        "dlh",
        "Dinas Lingkungan Hidup",
        "DLH",
        bidang=(
            "Bidang Tata Lingkungan",
            "Bidang Pengelolaan Sampah dan Limbah Bahan Berbahaya dan Beracun",
            "Bidang Pengendalian Pencemaran dan Kerusakan Lingkungan",
        ),
        jf="Pengendali Dampak Lingkungan Ahli Muda",
    ),
    _agency(
        "disdukcapil",
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Disdukcapil",
        bidang=(
            "Bidang Pelayanan Pendaftaran Penduduk",
            "Bidang Pelayanan Pencatatan Sipil",
            "Bidang Pengelolaan Informasi Administrasi Kependudukan",
            "Bidang Pemanfaatan Data dan Inovasi Pelayanan",
        ),
        jf="Administrator Database Kependudukan Ahli Muda",
        subbagian=("Subbagian Umum dan Kepegawaian", "Subbagian Keuangan dan Aset"),
        bidang_staff={
            "Bidang Pelayanan Pendaftaran Penduduk": _DISDUKCAPIL_STAFF,
            "Bidang Pelayanan Pencatatan Sipil": _DISDUKCAPIL_STAFF,
            "Bidang Pengelolaan Informasi Administrasi Kependudukan": (
                ("Administrator Database Kependudukan Ahli Muda", FUNCTIONAL),
                ("Pranata Komputer Ahli Pertama", FUNCTIONAL),
                PENATA_LO,
            ),
        },
        showcase=True,
        weight=6,
    ),
    _agency(
        "dp2kb",
        "Dinas Pengendalian Penduduk dan Keluarga Berencana",
        "DP2KB",
        bidang=(
            "Bidang Pengendalian Penduduk",
            "Bidang Keluarga Berencana",
            "Bidang Ketahanan dan Kesejahteraan Keluarga",
        ),
        jf="Penyuluh Keluarga Berencana Ahli Muda",
    ),
    _agency(
        "dishub",
        "Dinas Perhubungan",
        "Dishub",
        bidang=("Bidang Lalu Lintas", "Bidang Angkutan", "Bidang Perparkiran"),
        jf="Penguji Kendaraan Bermotor Ahli Muda",
    ),
    _agency(
        "diskominfo",
        "Dinas Komunikasi, Informatika, Statistik dan Persandian",
        "Diskominfo",
        bidang=(
            "Bidang Informasi dan Komunikasi Publik",
            "Bidang E-Government",
            "Bidang Teknologi Informasi dan Komunikasi",
            "Bidang Statistik dan Persandian",
        ),
        jf="Pranata Komputer Ahli Muda",
        subbagian=("Subbagian Umum dan Kepegawaian", "Subbagian Keuangan dan Aset"),
        bidang_staff={
            "Bidang Informasi dan Komunikasi Publik": (
                ("Pranata Hubungan Masyarakat Ahli Muda", FUNCTIONAL),
                PENATA_LO,
            ),
            "Bidang E-Government": (
                ("Pranata Komputer Ahli Muda", FUNCTIONAL),
                ("Pranata Komputer Ahli Pertama", FUNCTIONAL),
                PENATA_LO,
            ),
            "Bidang Statistik dan Persandian": (
                ("Statistisi Ahli Muda", FUNCTIONAL),
                ("Sandiman Ahli Muda", FUNCTIONAL),
            ),
        },
        showcase=True,
        weight=4,
    ),
    _agency(
        "dinkopum",
        "Dinas Koperasi dan Usaha Mikro",
        "Dinkopum",
        bidang=("Bidang Kelembagaan dan Pengawasan Koperasi", "Bidang Pemberdayaan Usaha Mikro"),
        jf="Pengawas Koperasi Ahli Muda",
    ),
    _agency(
        "dpmptsp",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "DPMPTSP",
        bidang=(
            "Bidang Promosi dan Pengembangan Iklim Penanaman Modal",
            "Bidang Pelayanan Perizinan dan Nonperizinan",
            "Bidang Pengaduan, Kebijakan dan Pelaporan Layanan",
        ),
        jf="Analis Kebijakan Ahli Muda",
    ),
    _agency(
        "dispora",
        "Dinas Pemuda dan Olahraga",
        "Dispora",
        bidang=("Bidang Kepemudaan", "Bidang Keolahragaan"),
        jf="Analis Kebijakan Ahli Muda",
    ),
    _agency(
        "disbudpar",
        "Dinas Kebudayaan dan Pariwisata",
        "Disbudpar",
        bidang=("Bidang Kebudayaan", "Bidang Destinasi Pariwisata", "Bidang Pemasaran Pariwisata"),
        jf="Pamong Budaya Ahli Muda",
    ),
    _agency(
        "disarpus",
        "Dinas Arsip dan Perpustakaan",
        "Disarpus",
        bidang=("Bidang Kearsipan", "Bidang Perpustakaan"),
        jf="Arsiparis Ahli Muda",
        bidang_staff={
            "Bidang Perpustakaan": (("Pustakawan Ahli Muda", FUNCTIONAL), PENATA_LO),
        },
    ),
    _agency(
        "diskan",
        "Dinas Perikanan",
        "Diskan",
        bidang=(
            "Bidang Perikanan Budidaya",
            "Bidang Perikanan Tangkap",
            "Bidang Pengolahan dan Pemasaran Hasil Perikanan",
        ),
        jf="Penyuluh Perikanan Ahli Muda",
    ),
    _agency(
        "dispertan",
        "Dinas Pertanian",
        "Dispertan",
        bidang=("Bidang Tanaman Pangan dan Hortikultura", "Bidang Peternakan dan Kesehatan Hewan"),
        jf="Penyuluh Pertanian Ahli Muda",
    ),
    _agency(
        "disdag",
        "Dinas Perdagangan",
        "Disdag",
        bidang=(
            "Bidang Pengelolaan Pasar",
            "Bidang Perdagangan Dalam Negeri",
            "Bidang Metrologi Legal",
        ),
        jf="Penera Ahli Muda",
    ),
    _agency(
        "bappeda",
        "Badan Perencanaan Pembangunan Daerah",
        "Bappeda",
        kind="badan",
        head="Kepala Badan",
        bidang=(
            "Bidang Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah",
            "Bidang Pemerintahan dan Pembangunan Manusia",
            "Bidang Perekonomian dan Sumber Daya Alam",
            "Bidang Infrastruktur dan Kewilayahan",
        ),
        jf="Perencana Ahli Muda",
    ),
    _agency(
        "bpkad",
        "Badan Pengelolaan Keuangan dan Aset Daerah",
        "BPKAD",
        kind="badan",
        head="Kepala Badan",
        bidang=("Bidang Anggaran", "Bidang Perbendaharaan", "Bidang Akuntansi", "Bidang Aset"),
        jf="Analis Keuangan Pusat dan Daerah Ahli Muda",
    ),
    _agency(
        "bapenda",
        "Badan Pendapatan Daerah",
        "Bapenda",
        kind="badan",
        head="Kepala Badan",
        bidang=(
            "Bidang Pendaftaran dan Penetapan",
            "Bidang Pajak Bumi dan Bangunan dan Bea Perolehan Hak atas Tanah dan Bangunan",
            "Bidang Penagihan dan Keberatan",
        ),
        jf="Analis Kebijakan Ahli Muda",
    ),
    _agency(
        "bkpsdm",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "BKPSDM",
        kind="badan",
        head="Kepala Badan",
        bidang=(
            "Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian",
            "Bidang Mutasi dan Promosi",
            "Bidang Pengembangan Kompetensi Aparatur",
        ),
        jf="Analis Sumber Daya Manusia Aparatur Ahli Muda",
        subbagian=("Subbagian Umum dan Kepegawaian", "Subbagian Keuangan dan Aset"),
        bidang_staff={
            "Bidang Pengembangan Kompetensi Aparatur": (
                ("Analis Sumber Daya Manusia Aparatur Ahli Muda", FUNCTIONAL),
                ("Widyaiswara Ahli Muda", FUNCTIONAL),
                PENATA_LO,
            ),
        },
        showcase=True,
        weight=4,
    ),
    _agency(
        "kesbangpol",
        "Badan Kesatuan Bangsa dan Politik",
        "Kesbangpol",
        kind="badan",
        head="Kepala Badan",
        bidang=(
            "Bidang Ideologi, Wawasan Kebangsaan dan Karakter Bangsa",
            "Bidang Politik Dalam Negeri dan Organisasi Kemasyarakatan",
        ),
        jf="Analis Kebijakan Ahli Muda",
    ),
    _RSUD,
)

KECAMATAN_SEKSI: tuple[str, ...] = (
    "Seksi Pemerintahan",
    "Seksi Pelayanan",
    "Seksi Kesejahteraan Sosial",
)


def kecamatan_spec(district_code: str, district_name: str, *, showcase: bool = False) -> OpdSpec:
    """A kecamatan office: Camat, the Sekretariat Kecamatan, and its seksi."""
    name = f"Kecamatan {district_name}"
    sekretariat = UnitSpec(
        name="Sekretariat Kecamatan",
        head="Sekretaris Kecamatan",
        echelon="III.b",
        staff=(PENGELOLA_LO, OPERATOR_LO, ("Arsiparis Terampil", FUNCTIONAL)),
    )
    seksi = tuple(
        UnitSpec(name=s, head=f"Kepala {s}", echelon="IV.a", staff=(PENATA_LO, OPERATOR_LO))
        for s in KECAMATAN_SEKSI
    )
    return OpdSpec(
        code="kec-" + district_name.lower().replace(" ", "-"),
        name=name,
        short_name=f"Kec. {district_name}",
        kind="kecamatan",
        district_code=district_code,
        showcase=showcase,
        root=UnitSpec(name=name, head="Camat", echelon="III.a", children=(sekretariat, *seksi)),
    )


def iter_units(spec: UnitSpec, parent: UnitSpec | None = None, depth: int = 0):
    """Yield ``(unit, parent, depth)`` for the unit tree, parents before children."""
    yield spec, parent, depth
    for child in spec.children:
        yield from iter_units(child, spec, depth + 1)
