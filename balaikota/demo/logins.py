"""The demo accounts: one person per role, with fixed logins the README and docs quote.

Staff sign in with their NIP, the citizen with e-mail; every seeded person's password is
``settings.BALAIKOTA_DEMO_PASSWORD``. docs/demo-accounts.md is generated from this list
(``demo_accounts_markdown``) and a test keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from balaikota.accounts.models import OPD_SCOPED_ROLES, Role


@dataclass(frozen=True)
class DemoAccount:
    role: str
    login: str  # NIP (staff) or e-mail (citizen)
    full_name: str
    try_this: str
    try_this_en: str
    opd: str = ""  # OPD code
    unit: str = ""  # unit name in the OPD; "" is the OPD's root unit
    position: str = ""
    position_kind: str = ""
    rank: str = ""
    nik: str = ""  # citizens only

    @property
    def is_citizen(self) -> bool:
        return self.role == Role.CITIZEN

    @property
    def opd_scoped(self) -> bool:
        return self.role in OPD_SCOPED_ROLES

    @property
    def email(self) -> str:
        if self.is_citizen:
            return self.login
        words = [w for w in self.full_name.split(",")[0].split() if not w.endswith(".")]
        return f"{words[0]}.{words[-1]}@asn.balaikota.example".lower()


CITIZEN_EMAIL = "warga@balaikota.example"

DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount(
        role=Role.CITIZEN,
        login=CITIZEN_EMAIL,
        full_name="Sari Wulandari",
        nik="3374015708950001",
        try_this=_("Ajukan akta kelahiran dari ponsel dan pantau statusnya."),
        try_this_en="Apply for a birth certificate from a phone and follow its status.",
    ),
    DemoAccount(
        role=Role.CIVIL_SERVANT,
        login="199204182019032001",
        full_name="Ratna Puspitasari, S.Kom.",
        opd="diskominfo",
        unit="Bidang E-Government",
        position="Pranata Komputer Ahli Pertama",
        position_kind="fungsional",
        rank="III/b",
        try_this=_(
            "Di Kompetensi & JP: isi penilaian kesiapan digital, daftar kelas yang direkomendasikan, selesaikan kursus e-learning di Belajar, lalu lihat buku JP dan sertifikat. Di Naskah dinas: tindak lanjuti disposisi Anda, paraf naskah dan tindak lanjuti disposisi atas nama Kepala Bidang yang sedang cuti (tab Atas nama), dan balas percakapan yang menyebut Anda."
        ),
        try_this_en="At Kompetensi & JP: take the digital-readiness self-assessment, enrol in a recommended class, finish an e-learning course at Belajar, then see your JP ledger and certificate. At Naskah dinas: follow up your dispositions, initial a letter and follow up dispositions on behalf of your head of division who is on leave (the Atas nama tab), and answer the conversation that mentions you.",
    ),
    DemoAccount(
        role=Role.SERVICE_OFFICER,
        login="199511072020121003",
        full_name="Bayu Prasetyo, A.Md.",
        opd="disdukcapil",
        unit="Bidang Pelayanan Pendaftaran Penduduk",
        position="Penata Layanan Operasional",
        position_kind="pelaksana",
        rank="II/c",
        try_this=_("Buka antrean kerja Disdukcapil dan periksa permohonan warga."),
        try_this_en="Open the Disdukcapil work queue and check citizens' applications.",
    ),
    DemoAccount(
        role=Role.VERIFIER,
        login="198909232014022002",
        full_name="Siti Rahmawati, S.Kom.",
        opd="disdukcapil",
        unit="Bidang Pelayanan Pencatatan Sipil",
        position="Administrator Database Kependudukan Ahli Muda",
        position_kind="fungsional",
        rank="III/c",
        try_this=_("Verifikasi berkas permohonan yang sudah diperiksa petugas."),
        try_this_en="Verify applications the service officer has checked.",
    ),
    DemoAccount(
        role=Role.SIGNING_OFFICIAL,
        login="197406151999031005",
        full_name="Dr. Hendra Wijaya, S.H., M.Si.",
        opd="disdukcapil",
        position="Kepala Dinas",
        position_kind="struktural",
        rank="IV/c",
        try_this=_(
            "Tandatangani dokumen kependudukan secara elektronik (TTE) dan naskah yang menunggu di Naskah dinas → Perlu tanda tangan (beberapa sekaligus)."
        ),
        try_this_en="Sign civil-registration documents electronically, and the letters waiting at Naskah dinas → Perlu tanda tangan (several at once).",
    ),
    DemoAccount(
        role=Role.COMPETENCY_ADMIN,
        login="198602142010012004",
        full_name="Endang Susilowati, S.Psi., M.M.",
        opd="bkpsdm",
        unit="Bidang Pengembangan Kompetensi Aparatur",
        position="Analis Sumber Daya Manusia Aparatur Ahli Muda",
        position_kind="fungsional",
        rank="III/d",
        try_this=_(
            "Kelola kelas dan peserta di Kompetensi & JP, lihat kepatuhan 20 JP, peta bulanan dan AKPK per OPD, atur standar kompetensi jabatan; program dan kursus di Kantor belakang."
        ),
        try_this_en="Run classes and participants at Kompetensi & JP, see 20 JP compliance, the monthly heat map and each OPD's needs analysis (AKPK), set position standards; programmes and courses in the back office.",
    ),
    DemoAccount(
        role=Role.RECORDS_CLERK,
        login="199003302015032006",
        full_name="Wulan Sari, A.Md.",
        opd="diskominfo",
        unit="Subbagian Umum dan Kepegawaian",
        position="Arsiparis Ahli Pertama",
        position_kind="fungsional",
        rank="III/a",
        try_this=_(
            "Di Naskah dinas: catat surat masuk (juga dari bundel naskah) dan pantau disposisinya di Surat masuk OPD, catat serah terima ke kurir di Register surat keluar, kelola Plt dan Plh, lalu setujui usul pemusnahan arsip di Arsip dan retensi."
        ),
        try_this_en="At Naskah dinas: register incoming letters (also from an exchange bundle) and follow their dispositions at Surat masuk OPD, record courier hand-overs in the outgoing register, keep the Plt and Plh assignments, and approve the archive disposal proposal at Arsip dan retensi.",
    ),
    DemoAccount(
        role=Role.SERVICE_MANAGER,
        login="199105172014032008",
        full_name="Fitri Handayani, S.Sos.",
        opd="disdukcapil",
        unit="Bidang Pemanfaatan Data dan Inovasi Pelayanan",
        position="Administrator Database Kependudukan Ahli Muda",
        position_kind="fungsional",
        rank="III/b",
        try_this=_(
            "Lihat IKM Disdukcapil di Indeks Kepuasan (tautan di kaki halaman) dan catat tindak "
            "lanjut untuk unsur yang lemah."
        ),
        try_this_en="See Disdukcapil's satisfaction index (link in the footer) and record "
        "follow-up actions for weak elements.",
    ),
    DemoAccount(
        role=Role.CHANGE_AGENT,
        login="198808082012121007",
        full_name="Dimas Nugroho, S.T.",
        opd="diskominfo",
        unit="Bidang E-Government",
        position="Pranata Komputer Ahli Muda",
        position_kind="fungsional",
        rank="III/c",
        try_this=_("Lihat data kepegawaian Anda. (Pemantauan adopsi digital menyusul.)"),
        try_this_en="See your employee card. (Adoption tracking comes later.)",
    ),
    DemoAccount(
        role=Role.LEADER,
        login="196811201994031008",
        full_name="Ir. Bambang Suprapto, M.T.",
        opd="setda",
        position="Sekretaris Daerah",
        position_kind="struktural",
        rank="IV/d",
        try_this=_(
            "Lihat ringkasan platform di beranda dan kepatuhan 20 JP seluruh kota dengan peta bulanannya. Di Naskah dinas: baca surat (satu Rahasia), disposisikan surat masuk yang menunggu Anda dan laporan dari Disdukcapil (tombol Disposisikan naskah ini), dan setujui usul pemusnahan arsip Setda sebagai kepala OPD."
        ),
        try_this_en="See the platform summary on the home page and the city's 20 JP compliance with its monthly heat map. At Naskah dinas: read your letters (one Rahasia), dispose the incoming letters waiting for you and the report from Disdukcapil (the Dispose this letter button), and approve Setda's archive disposal proposal as head of the OPD.",
    ),
    DemoAccount(
        role=Role.PLATFORM_ADMIN,
        login="199107252016091009",
        full_name="Yoga Pratama, S.Kom.",
        opd="diskominfo",
        unit="Bidang Teknologi Informasi dan Komunikasi",
        position="Pranata Komputer Ahli Muda",
        position_kind="fungsional",
        rank="III/b",
        try_this=_("Buka Kantor belakang (/admin/): layanan, OPD, unit, peran, log audit."),
        try_this_en="Open the back office (/admin/): services, agencies, units, roles, audit log.",
    ),
)


def demo_accounts_markdown(password: str) -> str:
    """The table of demo logins for docs/demo-accounts.md and the README."""
    lines = [
        "| role | name | login | password | agency: position | what to try |",
        "|---|---|---|---|---|---|",
    ]
    for account in DEMO_ACCOUNTS:
        where = f"{account.opd}: {account.position}" if account.position else "—"
        lines.append(
            f"| `{account.role}` | {account.full_name} | `{account.login}` | `{password}` | "
            f"{where} | {account.try_this_en} |"
        )
    return "\n".join(lines) + "\n"
