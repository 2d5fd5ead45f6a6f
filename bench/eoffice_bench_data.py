"""E-office data at city scale for bench/eoffice_bench.py: 15,000 civil servants across the demo
city's OPDs (every head post filled, the rest through the competency bench's generator) and five
years of official letters — 1.5 million by default — with their paraf routes, addressees,
deliveries and read receipts, versions, history, comments, their search text, and the gap-free
outgoing registers they were numbered from; beside them the registered incoming letters (one
for five outgoing) with their agenda registers, disposition trees and histories. Written with
COPY: minutes, not hours. Idempotent: a database that already holds
the bench letters is left as it is (JSON of what is there, last line).

    .venv/bin/python bench/eoffice_bench_data.py --employees 15000 --letters 1500000

The shape: most letters sent (numbered per OPD and year, in date order, no gap); a working set
of the last three weeks still in draft, in review, returned or ready to sign; a few cancelled.
One to three verifiers each (the drafter's hierarchy), one to five addressees and tembusan —
people, posts, whole units (a delivery to each member) or outside agencies. Heavy users on
purpose: the Sekretaris Daerah (the demo leader) is addressed by about one letter in thirty
and signs most of the Sekretariat Daerah's letters; the demo records clerk of Diskominfo gets a
tembusan of about one in fifty.

The rows are written table by table from one plan per letter (``TABLES``, in the order they are
written): adding a table is one more ``Table`` whose ``rows`` function reads the same ``Plan``
(an incoming letter registered about the same time rides on one letter's plan in five, its
dispositions and events with it; the letter's comments too). ``Letter.search_text`` is
computed as ``services.letter_search_index`` computes it, with each word stemmed once per
process, and checked against the service on a few letters after the load; PostgreSQL generates
``search_vector`` from it. Foreign-key triggers are off during the load
(``session_replication_role = replica``): the generator hands out the primary keys itself, so
every reference is known to exist.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import itertools
import json
import os
import random
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balaikota.settings.production")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from balaikota.accounts.models import User  # noqa: E402
from balaikota.catalogue import search as catalogue_search  # noqa: E402
from balaikota.core.richtext import plain_text  # noqa: E402
from balaikota.documents.models import IssuedNumber, NumberRegister  # noqa: E402
from balaikota.eoffice import integrations as eoffice_integrations  # noqa: E402
from balaikota.eoffice import services as eoffice_services  # noqa: E402
from balaikota.eoffice.dispositions import duplicate_key  # noqa: E402
from balaikota.eoffice.models import (  # noqa: E402
    Classification,
    Delivery,
    Disposition,
    DispositionEvent,
    DispositionInstruction,
    DispositionStatus,
    IncomingLetter,
    IncomingLetterEvent,
    IncomingStatus,
    Letter,
    LetterComment,
    LetterCommentEvent,
    LetterEvent,
    LetterKind,
    LetterVersion,
    Recipient,
    RouteStep,
    Status,
)
from balaikota.organization.models import Employee, Opd, Position, Rank, Unit  # noqa: E402

NUMBER_KIND = "surat-keluar"
INCOMING_KIND = eoffice_integrations.INCOMING_NUMBER_KIND  # the agenda register
INCOMING_FORMAT = eoffice_integrations.INCOMING_NUMBER_FORMAT
COMMENTED_SHARE = 0.2  # letters with a conversation (1–4 comments): ~0.45 a letter
BENCH_KEY = "bench:"
LEADER_NIP = "196811201994031008"  # the demo leader, Sekretaris Daerah (balaikota/demo/logins.py)
CLERK_NIP = "199003302015032006"  # the demo records clerk, Diskominfo
CHUNK = 20_000
RECORD = Path(__file__).resolve().parent.parent / "var" / "bench" / "eoffice_bench_data.json"
WORKING_DAYS = 21  # letters younger than this may still be in the work queues

# --- Words -------------------------------------------------------------------------------------

KECAMATAN = (
    "Semarang Tengah", "Semarang Utara", "Semarang Timur", "Semarang Selatan", "Semarang Barat",
    "Gayamsari", "Candisari", "Gajahmungkur", "Genuk", "Pedurungan", "Tembalang", "Banyumanik",
    "Gunungpati", "Mijen", "Ngaliyan", "Tugu",
)  # fmt: skip
KELURAHAN = (
    "Pekunden", "Karangkidul", "Miroto", "Sekayu", "Kauman", "Bangunharjo", "Kembangsari",
    "Bandarharjo", "Tanjung Mas", "Kuningan", "Panggung Lor", "Rejosari", "Sarirejo",
    "Kemijen", "Lamper Kidul", "Peterongan", "Pleburan", "Tawangmas", "Krobokan", "Bongsari",
    "Tambakrejo", "Kaligawe", "Jomblang", "Jatingaleh", "Bendan Ngisor", "Sampangan",
    "Muktiharjo Kidul", "Tlogosari Kulon", "Palebon", "Sendangmulyo", "Tembalang", "Bulusan",
    "Pudakpayung", "Srondol Wetan", "Sukorejo", "Sekaran", "Wonoplumbon", "Tambangan",
    "Tambakaji", "Purwoyoso", "Mangkang Kulon", "Randugarut",
)  # fmt: skip
TOPICS = (
    "penanganan banjir dan rob", "normalisasi saluran drainase", "pengelolaan sampah TPA "
    "Jatibarang", "percepatan penurunan stunting", "posyandu balita dan lansia",
    "vaksinasi anak sekolah", "penataan pedagang kaki lima", "Kampung Tematik",
    "program Semarang Smart City", "integrasi layanan kependudukan", "penerbitan KTP elektronik",
    "akta kelahiran daring", "penilaian SAKIP", "reformasi birokrasi", "pengadaan barang dan "
    "jasa", "penyusunan RKPD", "Musrenbang kecamatan", "realisasi APBD triwulan",
    "pajak bumi dan bangunan", "retribusi pasar", "revitalisasi Pasar Johar",
    "perbaikan jalan lingkungan", "penerangan jalan umum", "ruang terbuka hijau",
    "Kota Lama Semarang", "pengendalian inflasi daerah", "bantuan sosial pangan",
    "beasiswa pelajar berprestasi", "penerimaan peserta didik baru", "kesiapsiagaan bencana",
    "penanggulangan kebakaran", "keamanan siber perangkat daerah", "jaringan intranet Pemkot",
    "aplikasi e-office Balai Kota", "pelatihan literasi digital ASN", "disiplin pegawai",
    "cuti bersama dan libur nasional", "kenaikan pangkat periode April", "kenaikan pangkat "
    "periode Oktober", "penilaian kinerja pegawai", "uji kompetensi jabatan fungsional",
    "mutasi dan rotasi pegawai", "apel pagi gabungan", "peringatan Hari Jadi Kota Semarang",
    "upacara Hari Kemerdekaan", "Dugderan", "Car Free Day Simpang Lima", "pelayanan BRT Trans "
    "Semarang", "pengawasan bangunan gedung", "perizinan berusaha berbasis risiko",
    "UMKM dan ekonomi kreatif", "pariwisata Lawang Sewu", "pengelolaan arsip dinamis",
    "penyusutan arsip inaktif", "inventarisasi barang milik daerah", "pemeliharaan kendaraan "
    "dinas", "kebersihan lingkungan kantor", "pengaduan masyarakat LaporHendi",
    "survei kepuasan masyarakat", "keterbukaan informasi publik",
)  # fmt: skip
SUBJECTS = (
    "Undangan rapat koordinasi {topic}",
    "Laporan pelaksanaan {topic} di Kecamatan {kec}",
    "Permohonan data {topic} tahun {year}",
    "Penyampaian hasil evaluasi {topic}",
    "Tindak lanjut {topic} di Kelurahan {kel}",
    "Pemberitahuan jadwal {topic}",
    "Permohonan narasumber {topic}",
    "Usulan kegiatan {topic} tahun anggaran {year}",
    "Surat tugas pendampingan {topic} di Kecamatan {kec}",
    "Sosialisasi {topic} bagi perangkat kelurahan",
    "Nota dinas monitoring {topic}",
    "Laporan bulanan {topic}",
    "Permintaan klarifikasi {topic}",
    "Edaran {topic}",
    "Berita acara serah terima {topic}",
    "Telaahan staf tentang {topic}",
)
OPENINGS = (
    "Dengan hormat, bersama ini kami sampaikan bahwa",
    "Menindaklanjuti surat Saudara tentang {topic}, dengan ini kami sampaikan bahwa",
    "Dalam rangka {topic}, bersama ini kami beritahukan bahwa",
    "Sehubungan dengan pelaksanaan {topic} di Kecamatan {kec}, kami sampaikan bahwa",
    "Memperhatikan arahan Wali Kota Semarang tentang {topic}, disampaikan bahwa",
)
MIDDLES = (
    "kegiatan akan dilaksanakan pada hari {day}, tanggal {date}, pukul {hour}.00 WIB bertempat "
    "di {place}.",
    "sampai dengan akhir bulan ini tercatat {n} laporan yang telah ditindaklanjuti oleh "
    "Kelurahan {kel}.",
    "capaian program telah mencapai {pct} persen dari target tahun {year}.",
    "masih terdapat {n} berkas yang memerlukan verifikasi ulang oleh petugas kecamatan.",
    "anggaran yang dibutuhkan diperkirakan sebesar Rp{n}.000.000,00 dan bersumber dari APBD "
    "Kota Semarang.",
    "koordinasi lintas OPD diperlukan agar pelayanan kepada warga Kelurahan {kel} tidak terganggu.",
    "data pendukung terlampir dan dapat diunduh melalui aplikasi e-office Balai Kota.",
    "setiap perangkat daerah diminta menunjuk satu orang penanggung jawab.",
)
CLOSINGS = (
    "Demikian untuk menjadi perhatian dan atas kerja samanya diucapkan terima kasih.",
    "Atas perhatian Saudara kami sampaikan terima kasih.",
    "Demikian disampaikan, untuk dilaksanakan dengan penuh tanggung jawab.",
    "Mohon kehadiran Saudara tepat waktu.",
)
PLACES = (
    "Ruang Rapat Lokakrida Lantai 8 Balai Kota", "Gedung Moch. Ichsan", "Aula Kecamatan {kec}",
    "Ruang Rapat Sekretariat Daerah", "Kantor Kelurahan {kel}", "Hotel Pandanaran",
)  # fmt: skip
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat")
AGENCIES = (
    ("Kepala Kantor Wilayah BPN Kota Semarang", "Kantor Pertanahan Kota Semarang"),
    ("Kepala Kepolisian Resor Kota Besar Semarang", "Polrestabes Semarang"),
    ("Direktur RSUD K.R.M.T. Wongsonegoro", "RSUD K.R.M.T. Wongsonegoro"),
    ("Rektor Universitas Diponegoro", "Universitas Diponegoro"),
    ("Kepala Dinas Komunikasi dan Informatika Provinsi Jawa Tengah", "Pemerintah Provinsi Jawa "
     "Tengah"),
    ("Direktur Utama PDAM Tirta Moedal", "Perumda Air Minum Tirta Moedal"),
    ("Ketua DPRD Kota Semarang", "DPRD Kota Semarang"),
    ("Kepala Balai Besar Wilayah Sungai Pemali-Juana", "Kementerian PUPR"),
)  # fmt: skip
RETURN_REASONS = (
    "Lengkapi data pendukung dan lampirannya.",
    "Perbaiki penulisan hal sesuai tata naskah dinas.",
    "Sesuaikan tujuan surat dengan jabatan yang berwenang.",
)

SENDERS = (
    *AGENCIES,
    ("Camat {kec}", "Kecamatan {kec}"),
    ("Lurah {kel}", "Kelurahan {kel}"),
    ("Ketua RW 05 Kelurahan {kel}", ""),
    ("Direktur PT Semarang Industri Mandiri", "PT Semarang Industri Mandiri"),
    ("Ketua Forum Kota Sehat Semarang", "Forum Kota Sehat"),
    ("Kepala Sekolah SMP Negeri 3 Semarang", "SMP Negeri 3 Semarang"),
    ("Ketua Paguyuban Pedagang Pasar Johar", "Paguyuban Pedagang Pasar Johar"),
    ("Kepala Badan Pusat Statistik Kota Semarang", "BPS Kota Semarang"),
    ("Gubernur Jawa Tengah", "Pemerintah Provinsi Jawa Tengah"),
    ("Menteri Dalam Negeri", "Kementerian Dalam Negeri"),
)  # fmt: skip
INCOMING_SUBJECTS = (
    "Permohonan audiensi tentang {topic}",
    "Undangan rapat {topic} tingkat provinsi",
    "Permohonan izin penggunaan lahan untuk {topic} di Kelurahan {kel}",
    "Pengaduan warga terkait {topic} di Kecamatan {kec}",
    "Permohonan data dukung {topic} tahun {year}",
    "Pemberitahuan kunjungan kerja {topic}",
    "Surat edaran {topic}",
    "Permohonan bantuan {topic} bagi warga Kelurahan {kel}",
    "Penyampaian laporan {topic} semester I tahun {year}",
    "Permohonan rekomendasi {topic}",
)
DISPOSITION_NOTES = (
    "Mohon segera ditindaklanjuti dan dilaporkan.",
    "Koordinasikan dengan kecamatan terkait.",
    "Siapkan bahan dan telaahan staf.",
    "Hadiri dan laporkan hasilnya.",
    "",
)
REPORTS = (
    "Sudah ditindaklanjuti, laporan terlampir.",
    "Rapat telah dihadiri; notulen disampaikan melalui e-office.",
    "Data telah dikirim kepada pengirim surat.",
    "Telaahan staf sudah disampaikan kepada pimpinan.",
)
COMMENTS = (
    "Mohon dicek kembali lampirannya, Pak {name}.",
    "Datanya sudah saya perbarui sesuai arahan.",
    "Apakah tembusan ke camat perlu ditambahkan?",
    "Siap, segera saya perbaiki.",
    "Jadwal rapat mohon disesuaikan dengan agenda pimpinan.",
    "Nomor klasifikasi sudah benar.",
)
INCOMING_RECENT = (
    (IncomingStatus.REGISTERED, 0.30),
    (IncomingStatus.IN_PROGRESS, 0.50),
    (IncomingStatus.DONE, 0.20),
)
INCOMING_OLD = (
    (IncomingStatus.DONE, 0.965),
    (IncomingStatus.IN_PROGRESS, 0.03),
    (IncomingStatus.REGISTERED, 0.005),
)
STATUS_RECENT = (
    (Status.SENT, 0.45),
    (Status.DRAFT, 0.16),
    (Status.IN_REVIEW, 0.16),
    (Status.RETURNED, 0.05),
    (Status.READY, 0.15),
    (Status.CANCELLED, 0.03),
)
SECURITY = (("biasa", 0.85), ("terbatas", 0.10), ("rahasia", 0.04), ("sangat_rahasia", 0.01))
URGENCY = (("biasa", 0.80), ("segera", 0.15), ("sangat_segera", 0.05))


def log(message: str) -> None:
    print(f"[data {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# Each word is stemmed once per process (a few hundred words in the vocabulary, plus numbers,
# which are not stemmed): the same function, so the same text services.letter_search_index
# writes, at a fraction of the cost.
catalogue_search.stem = functools.lru_cache(maxsize=None)(catalogue_search.stem)


def search_text(number: str, subject: str, body: str) -> str:
    """``Letter.search_text`` exactly as ``services.letter_search_index`` writes it."""
    return eoffice_integrations.search_index_text(number, subject, plain_text(body))


def _weighted(rng: random.Random, pairs) -> str:
    x, total = rng.random(), 0.0
    for value, weight in pairs:
        total += weight
        if x < total:
            return value
    return pairs[0][0]


# --- People ------------------------------------------------------------------------------------


def heads_fill() -> int:
    """A holder for every vacant head post (so every unit has a supervisor and every OPD a
    signer), written through the ORM: a few hundred rows."""
    vacant = list(
        Position.objects.filter(is_head=True, holders__isnull=True)
        .select_related("unit")
        .order_by("pk")
    )
    if not vacant:
        return 0
    rank_id = Rank.objects.filter(scheme="pns", code="IV/a").values_list("pk", flat=True).first()
    used = set(User.objects.values_list("username", flat=True))
    made = 0
    with transaction.atomic():
        for n, position in enumerate(vacant):
            birth = dt.date(1968, 1, 1) + dt.timedelta(days=(n * 37) % 3600)
            nip = f"{birth:%Y%m%d}199503{1 + n % 2}{n % 1000:03d}"
            if nip in used:
                continue
            used.add(nip)
            name = f"{FIRST_NAMES[n % len(FIRST_NAMES)]} {LAST_NAMES[n % len(LAST_NAMES)]}, S.H."
            user = User.objects.create(
                username=nip,
                nip=nip,
                full_name=name,
                kind="employee",
                password="!",  # noqa: S106 — unusable: the bench signs in with force_login
                role_scopes={"civil_servant": [None]},
            )
            Employee.objects.create(
                user=user,
                nip=nip,
                full_name=name,
                employment_type="pns",
                rank_id=rank_id,
                unit=position.unit,
                position=position,
            )
            made += 1
    return made


FIRST_NAMES = (
    "Agus", "Budi", "Sri", "Endang", "Hadi", "Joko", "Retno", "Yuliani", "Slamet", "Wahyu",
    "Dwi", "Tri", "Eko", "Rina", "Siti", "Heru", "Bambang", "Nur", "Indah", "Purwanto",
)  # fmt: skip
LAST_NAMES = (
    "Santoso", "Wibowo", "Hartono", "Lestari", "Prasetyo", "Rahayu", "Susanto", "Kurniawan",
    "Wulandari", "Setiawan", "Handayani", "Nugroho", "Purnomo", "Saputra", "Hidayat",
)  # fmt: skip


# --- The city as the generator sees it ---------------------------------------------------------


@dataclass
class OpdInfo:
    id: int
    code: str
    unit_code: str
    number_format: str
    head_user: int
    head_position: int
    staff: list[tuple[int, int]]  # (user id, unit id)
    heads: list[tuple[int, int]]  # (user id, position id) of every head post in the OPD
    units: list[int]


@dataclass
class World:
    opds: list[OpdInfo]
    opd_weights: list[int]
    chain: dict[int, list[tuple[int, int]]]  # unit → heads (user, position) nearest first
    unit_members: dict[int, list[int]]
    position_holder: dict[int, int]
    all_heads: list[tuple[int, int]]
    all_staff: list[int]
    small_units: list[int]
    kinds: list[tuple[int, bool, bool]]  # (id, uses_external, uses_copies)
    classifications: list[tuple[int, str]]
    leader: tuple[int, int] | None  # (user, position)
    clerk: int | None
    leader_opd: OpdInfo | None = None  # the Sekretariat Daerah
    clerk_opd: OpdInfo | None = None
    follower: int | None = None  # a head of a section of the Setda: many open dispositions


def world_load() -> World:
    eoffice_services.reference_load()
    units = {u.pk: u for u in Unit.objects.all()}
    employees = list(
        Employee.objects.filter(is_active=True).values_list(
            "user_id", "unit_id", "position_id", "position__is_head", "nip"
        )
    )
    head_of_unit: dict[int, tuple[int, int]] = {}
    members: dict[int, list[int]] = {}
    holder: dict[int, int] = {}
    for user_id, unit_id, position_id, is_head, _nip in sorted(employees):
        members.setdefault(unit_id, []).append(user_id)
        holder.setdefault(position_id, user_id)
        if is_head:
            head_of_unit.setdefault(unit_id, (user_id, position_id))
    chain: dict[int, list[tuple[int, int]]] = {}
    for unit_id in units:
        heads, unit = [], units[unit_id]
        while unit is not None:
            if unit.pk in head_of_unit:
                heads.append(head_of_unit[unit.pk])
            unit = units.get(unit.parent_id) if unit.parent_id else None
        chain[unit_id] = heads
    opds = []
    for opd in Opd.objects.filter(is_active=True).order_by("pk"):
        root = next((u for u in units.values() if u.opd_id == opd.pk and u.parent_id is None), None)
        if root is None or root.pk not in head_of_unit:
            continue
        setting = eoffice_services.opd_setting(opd)
        opd_units = [u.pk for u in units.values() if u.opd_id == opd.pk]
        in_opd = set(opd_units)
        staff = [(e[0], e[1]) for e in employees if e[1] in in_opd]
        if len(staff) < 3:
            continue
        opds.append(
            OpdInfo(
                id=opd.pk,
                code=opd.code,
                unit_code=setting.unit_code,
                number_format=setting.number_format,
                head_user=head_of_unit[root.pk][0],
                head_position=head_of_unit[root.pk][1],
                staff=staff,
                heads=[head_of_unit[u] for u in opd_units if u in head_of_unit],
                units=opd_units,
            )
        )
    by_nip = {e[4]: e for e in employees}
    leader = by_nip.get(LEADER_NIP)
    clerk = by_nip.get(CLERK_NIP)
    world = World(
        opds=opds,
        opd_weights=[len(o.staff) for o in opds],
        chain=chain,
        unit_members=members,
        position_holder=holder,
        all_heads=sorted(set(head_of_unit.values())),
        all_staff=[e[0] for e in employees],
        small_units=[u for u, m in members.items() if 2 <= len(m) <= 60],
        kinds=list(
            LetterKind.objects.filter(is_active=True).values_list(
                "pk", "uses_external", "uses_copies"
            )
        ),
        classifications=list(Classification.objects.values_list("pk", "code")),
        leader=(leader[0], leader[2]) if leader and leader[3] else None,
        clerk=clerk[0] if clerk else None,
    )
    for opd in opds:
        if world.leader and opd.head_user == world.leader[0]:
            world.leader_opd = opd
        if world.clerk and any(user == world.clerk for user, _unit in opd.staff):
            world.clerk_opd = opd
    if world.leader_opd:
        below = [u for u, _p in world.leader_opd.heads if u != world.leader_opd.head_user]
        world.follower = below[len(below) // 2] if below else None
    return world


# --- One plan per letter -----------------------------------------------------------------------


@dataclass
class Plan:
    id: int
    opd: OpdInfo
    kind: int
    classification: tuple[int, str]
    subject: str
    body: str
    security: str
    urgency: str
    status: str
    drafter: int
    signer: int
    signer_position: int
    route: list[int]
    created: dt.datetime
    sent: dt.datetime | None = None
    number: str = ""
    number_id: int | None = None
    sequence: int = 0
    register_id: int | None = None
    cancelled_number: tuple[int, int, str] | None = None  # (id, sequence, number)
    recipients: list[tuple] = field(default_factory=list)  # (role, user, position, unit, ext)
    deliveries: list[tuple[int, str]] = field(default_factory=list)
    versions: int = 1
    current_verifier: int | None = None
    initialled: int = 0  # how many route steps have initialled
    search_text: str = ""
    incoming: Incoming | None = None  # an external letter the OPD registered about then
    comments: list[tuple] = field(default_factory=list)  # (id, author, at, text)


@dataclass
class Incoming:
    id: int
    opd: OpdInfo
    created: dt.datetime
    sender_name: str
    sender_agency: str
    sender_number: str
    sender_date: dt.date
    subject: str
    classification: tuple[int, str]
    security: str
    urgency: str
    addressee: int
    addressee_position: int
    registrar: int
    status: str
    number_id: int = 0
    sequence: int = 0
    register_id: int = 0
    agenda_number: str = ""
    #: (id, parent, author, recipient, instructions, note, deadline, status, at, read_at,
    #:  closed_at, withdrawn_at, report)
    dispositions: list[tuple] = field(default_factory=list)
    disposed_at: list[tuple] = field(default_factory=list)  # (at, author, names) per "dispose"
    completed_at: dt.datetime | None = None


class Ids:
    """Primary keys handed out by the generator (after the highest already there)."""

    def __init__(self, models):
        self.next = {m: (m.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
                     for m in models}  # fmt: skip

    def take(self, model, n: int = 1) -> int:
        first = self.next[model]
        self.next[model] += n
        return first


def _words(rng: random.Random, year: int) -> dict[str, str]:
    return {
        "topic": rng.choice(TOPICS),
        "kec": rng.choice(KECAMATAN),
        "kel": rng.choice(KELURAHAN),
        "year": str(year),
    }


def _body(rng: random.Random, words: dict[str, str], created: dt.datetime) -> str:
    when = created.date() + dt.timedelta(days=rng.randrange(3, 20))
    fill = {
        **words,
        "day": DAYS[when.weekday() % 5],
        "date": f"{when.day} {MONTHS[when.month - 1]} {when.year}",
        "hour": str(rng.choice((8, 9, 10, 13, 14))),
        "n": str(rng.randrange(3, 480)),
        "pct": str(rng.randrange(40, 100)),
    }
    fill["place"] = rng.choice(PLACES).format(**fill)
    paragraphs = [rng.choice(OPENINGS).format(**fill) + " " + rng.choice(MIDDLES).format(**fill)]
    for middle in rng.sample(MIDDLES, rng.randrange(1, 3)):
        paragraphs.append(middle[0].upper() + middle[1:].format(**fill))
    paragraphs.append(rng.choice(CLOSINGS))
    return "".join(f"<p>{p}</p>" for p in paragraphs)


MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
)  # fmt: skip


class Planner:
    def __init__(self, world: World, ids: Ids, *, letters: int, years: int, seed: int = 2026):
        self.world, self.ids, self.rng = world, ids, random.Random(seed)
        self.now = timezone.now().replace(microsecond=0)
        self.start = self.now - dt.timedelta(days=365 * years)
        self.letters = letters
        #: (kind, opd, year) → [id, last, last_dated, opd, old, format]
        self.registers: dict[tuple[str, int, int], list] = {}
        self.existing_registers = {
            (r.kind, r.unit, r.year): r
            for r in NumberRegister.objects.filter(kind__in=[NUMBER_KIND, INCOMING_KIND])
        }
        self.incoming_share = 0.2  # one registered incoming letter for five outgoing
        self.instructions = list(DispositionInstruction.objects.values_list("name", flat=True)) or [
            "Untuk diketahui"
        ]
        self.cum_weights = list(itertools.accumulate(world.opd_weights))

    def times(self) -> Iterable[dt.datetime]:
        """Creation times over the years, in order (more letters on working days and hours)."""
        span = (self.now - self.start).total_seconds() - 3600
        rng = random.Random(1)
        stamps = sorted(rng.random() for _ in range(self.letters))
        for x in stamps:
            t = self.start + dt.timedelta(seconds=x * span)
            if t.weekday() >= 5:  # weekend letters move to Friday
                t -= dt.timedelta(days=t.weekday() - 4)
            yield min(t.replace(hour=7 + (t.hour % 9)), self.now - dt.timedelta(hours=3))

    def register(self, opd: OpdInfo, year: int, kind: str = NUMBER_KIND) -> list:
        key = (kind, opd.id, year)
        if key not in self.registers:
            form = opd.number_format if kind == NUMBER_KIND else INCOMING_FORMAT
            old = self.existing_registers.get((kind, opd.unit_code, year))
            if old is not None:
                self.registers[key] = [old.pk, old.last, old.last_dated, opd, True, form]
            else:
                rid = self.ids.take(NumberRegister)
                self.registers[key] = [rid, 0, None, opd, False, form]
        return self.registers[key]

    def plan(self, created: dt.datetime) -> Plan:
        rng, world = self.rng, self.world
        age = (self.now - created).days
        opd = rng.choices(world.opds, cum_weights=self.cum_weights)[0]
        drafter, unit = rng.choice(opd.staff)
        chain = [h for h in world.chain.get(unit, []) if h[0] != drafter]
        if rng.random() < 0.7 or not chain:
            signer, signer_position = opd.head_user, opd.head_position
        else:
            signer, signer_position = chain[min(len(chain) - 1, rng.randrange(2))]
        if signer == drafter:
            signer, signer_position = opd.head_user, opd.head_position
            if signer == drafter:  # the head drafts: the Sekda signs it
                signer, signer_position = world.leader or rng.choice(world.all_heads)
        route = []
        for user, _position in chain:
            if user == signer:
                break
            if user not in route and user != drafter:
                route.append(user)
        wanted = rng.choices((1, 2, 3), weights=(45, 35, 20))[0]
        route = route[:wanted]
        if len(route) < wanted:  # a short hierarchy: the OPD's other heads (its secretary…)
            spare = [h[0] for h in opd.heads if h[0] not in (drafter, signer, *route)]
            route += rng.sample(spare, min(len(spare), wanted - len(route)))
        status = Status.SENT if rng.random() < 0.97 else Status.CANCELLED
        if age < WORKING_DAYS:
            status = _weighted(rng, STATUS_RECENT)
        words = _words(rng, created.year)
        kind = rng.choice(world.kinds)
        plan = Plan(
            id=self.ids.take(Letter),
            opd=opd,
            kind=kind[0],
            classification=rng.choice(world.classifications),
            subject=rng.choice(SUBJECTS).format(**words)[:250],
            body=_body(rng, words, created),
            security=_weighted(rng, SECURITY),
            urgency=_weighted(rng, URGENCY),
            status=status,
            drafter=drafter,
            signer=signer,
            signer_position=signer_position,
            route=route,
            created=created,
            versions=1 + (rng.random() < 0.35),
        )
        if status == Status.IN_REVIEW and route:
            plan.initialled = rng.randrange(len(route))
            plan.current_verifier = route[plan.initialled]
        elif status in (Status.READY, Status.SENT):
            plan.initialled = len(route)
        elif status == Status.IN_REVIEW:
            plan.status = Status.READY
        self._recipients(plan, kind)
        if plan.status == Status.SENT:
            self._number(plan)
        plan.search_text = search_text(plan.number, plan.subject, plan.body)
        if rng.random() < self.incoming_share:
            plan.incoming = self._incoming(created)
        if rng.random() < COMMENTED_SHARE and plan.status != Status.CANCELLED:
            self._comments(plan)
        return plan

    # --- incoming letters and their dispositions ---

    def _incoming(self, created: dt.datetime) -> Incoming:
        rng, world = self.rng, self.world
        age = (self.now - created).days
        opd = rng.choices(world.opds, cum_weights=self.cum_weights)[0]
        if world.leader_opd and rng.random() < 0.08:  # the Sekda is written to most of all
            opd = world.leader_opd
        elif world.clerk_opd and rng.random() < 0.03:  # Diskominfo: the records clerk's OPD
            opd = world.clerk_opd
        if rng.random() < 0.75 or len(opd.heads) < 2:
            addressee, position = opd.head_user, opd.head_position
        else:
            addressee, position = rng.choice(opd.heads)
        if age < WORKING_DAYS:
            status = _weighted(rng, INCOMING_RECENT)
        else:
            status = _weighted(rng, INCOMING_OLD)
        words = _words(rng, created.year)
        name, agency = rng.choice(SENDERS)
        name, agency = name.format(**words), agency.format(**words)
        letter_id = self.ids.next[IncomingLetter]
        sender_number = (
            f"{rng.choice(world.classifications)[1]}/{letter_id}/"
            f"{''.join(w[0] for w in (agency or name).split()[:4]).upper()}/{created.year}"
        )
        registrar = world.clerk if opd is world.clerk_opd and world.clerk else opd.staff[0][0]
        received = created.date()
        incoming = Incoming(
            id=self.ids.take(IncomingLetter),
            opd=opd,
            created=created,
            sender_name=name,
            sender_agency=agency,
            sender_number=sender_number,
            sender_date=received - dt.timedelta(days=rng.randrange(1, 8)),
            subject=rng.choice(INCOMING_SUBJECTS).format(**words)[:250],
            classification=rng.choice(world.classifications),
            security=_weighted(rng, SECURITY),
            urgency=_weighted(rng, URGENCY),
            addressee=addressee,
            addressee_position=position,
            registrar=registrar,
            status=status,
        )
        reg = self.register(opd, created.year, INCOMING_KIND)
        reg[1] += 1
        reg[2] = max(reg[2] or received, received)
        incoming.sequence, incoming.register_id = reg[1], reg[0]
        incoming.number_id = self.ids.take(IssuedNumber)
        incoming.agenda_number = INCOMING_FORMAT.format(
            seq=reg[1], unit=opd.unit_code, year=created.year
        )
        if status != IncomingStatus.REGISTERED:
            self._dispositions(incoming)
        return incoming

    def _dispositions(self, inc: Incoming) -> None:
        """A tree 1–3 levels deep (2–4 dispositions): the addressee to one or two heads below,
        each of them on to their staff; closed when the letter is done, open (and some of them
        overdue) while it is in progress."""
        rng, world, opd = self.rng, self.world, inc.opd
        t = inc.created + dt.timedelta(hours=1 + rng.randrange(30))
        heads = [u for u, _p in opd.heads if u != inc.addressee] or [
            u for u, _unit in opd.staff[:20] if u != inc.addressee
        ]
        first = rng.sample(heads, min(len(heads), rng.choices((1, 2), weights=(65, 35))[0]))
        follower = world.follower  # the heavy one: on two in five of the Setda's letters
        heavy = opd is world.leader_opd and follower and follower != inc.addressee
        if heavy and rng.random() < 0.4 and follower not in first:
            first[-1:] = [follower]
        done = inc.status == IncomingStatus.DONE
        total = rng.choice((2, 3, 3, 4))
        nodes: list[list] = []  # [id, parent, author, recipient, level, at]
        for person in first:
            nodes.append([self.ids.take(Disposition), None, inc.addressee, person, 1, t])
        inc.disposed_at.append((t, inc.addressee, len(first)))
        level = 1
        while len(nodes) < total and level < 3:
            parents = [n for n in nodes if n[4] == level]
            for parent in parents:
                if len(nodes) >= total:
                    break
                staff = [u for u, _unit in rng.sample(opd.staff, min(6, len(opd.staff)))]
                staff = [u for u in staff if u not in (parent[3], inc.addressee)]
                if not staff:
                    continue
                at = parent[5] + dt.timedelta(hours=1 + rng.randrange(20))
                nodes.append([self.ids.take(Disposition), parent[0], parent[3], staff[0],
                              level + 1, at])  # fmt: skip
            level += 1
        stuck = not done  # in progress: some leaves still open
        for node_id, parent, author, recipient, _level, at in nodes:
            days = rng.choice((3, 5, 7, 7, 14))
            deadline = (at + dt.timedelta(days=days)).date() if rng.random() < 0.8 else None
            instructions = rng.sample(self.instructions, rng.randrange(1, 3))
            note = rng.choice(DISPOSITION_NOTES)
            read_at = at + dt.timedelta(minutes=rng.randrange(10, 900))
            status, closed_at, withdrawn_at, report = DispositionStatus.CLOSED, None, None, ""
            has_children = any(n[1] == node_id for n in nodes)
            if stuck and (not has_children or rng.random() < 0.5):
                status = DispositionStatus.OPEN
                if read_at > self.now or rng.random() < 0.3:
                    read_at = None
            elif rng.random() < 0.02 and not has_children:
                status, read_at = DispositionStatus.WITHDRAWN, None
                withdrawn_at = at + dt.timedelta(hours=2)
            if status == DispositionStatus.CLOSED:
                closed_at = min(
                    at + dt.timedelta(days=rng.randrange(1, max(2, days + 3))),
                    self.now - dt.timedelta(minutes=10),
                )
                read_at = min(read_at, closed_at)
                report = rng.choice(REPORTS)
            inc.dispositions.append((
                node_id, parent, author, recipient, instructions, note, deadline, status, at,
                read_at, closed_at, withdrawn_at, report,
            ))  # fmt: skip
        if done:
            inc.completed_at = (
                max(d[10] for d in inc.dispositions if d[10])
                if any(d[10] for d in inc.dispositions)
                else t
            )

    def _comments(self, plan: Plan) -> None:
        rng = self.rng
        people = [plan.drafter, *plan.route, plan.signer]
        t = plan.created + dt.timedelta(minutes=15)
        for _n in range(rng.choices((1, 2, 3, 4), weights=(35, 30, 20, 15))[0]):
            t += dt.timedelta(minutes=rng.randrange(5, 600))
            if plan.sent and t > plan.sent + dt.timedelta(days=3):
                break
            if t >= self.now:
                break
            text = rng.choice(COMMENTS).format(name=rng.choice(FIRST_NAMES))
            plan.comments.append((self.ids.take(LetterComment), rng.choice(people), t, text))

    def _recipients(self, plan: Plan, kind) -> None:
        rng, world = self.rng, self.world
        _kid, uses_external, uses_copies = kind
        count = rng.choices((1, 2, 3, 4, 5), weights=(40, 25, 15, 10, 10))[0]
        rows = []
        for n in range(count):
            role = "to" if n == 0 or (n == 1 and rng.random() < 0.5) or not uses_copies else "cc"
            x = rng.random()
            if x < 0.42:
                rows.append((role, None, rng.choice(world.all_heads)[1], None, None))
            elif x < 0.77 or (x >= 0.79 and not uses_external):
                same = rng.random() < 0.6
                user = rng.choice(plan.opd.staff)[0] if same else rng.choice(world.all_staff)
                rows.append((role, user, None, None, None))
            elif x < 0.79:
                rows.append((role, None, None, rng.choice(world.small_units), None))
            else:
                rows.append((role, None, None, None, rng.choice(AGENCIES)))
        if world.leader and rng.random() < 0.033:
            rows.insert(0, ("to", None, world.leader[1], None, None))
        if world.clerk and uses_copies and rng.random() < 0.02:
            rows.append(("cc", world.clerk, None, None, None))
        plan.recipients = rows
        if plan.status != Status.SENT:
            return
        seen = {plan.drafter}
        for role in ("to", "cc"):
            for r_role, user, position, unit, _ext in rows:
                if r_role != role:
                    continue
                people = (
                    [user]
                    if user
                    else [world.position_holder[position]]
                    if position in world.position_holder
                    else world.unit_members.get(unit, [])
                    if unit
                    else []
                )
                for person in people:
                    if person not in seen and len(seen) < 1000:  # < the id stride
                        seen.add(person)
                        plan.deliveries.append((person, role))

    def _number(self, plan: Plan) -> None:
        signed = plan.created + dt.timedelta(hours=2 + self.rng.randrange(70))
        signed = min(signed, self.now - dt.timedelta(minutes=5))
        plan.sent = signed
        reg = self.register(plan.opd, signed.year)
        if self.rng.random() < 0.002:  # a signing that failed, returned: cancelled, kept
            reg[1] += 1
            plan.cancelled_number = (self.ids.take(IssuedNumber), reg[1], "")
        reg[1] += 1
        reg[2] = max(reg[2] or signed.date(), signed.date())
        plan.sequence, plan.register_id = reg[1], reg[0]
        plan.number_id = self.ids.take(IssuedNumber)
        plan.number = plan.opd.number_format.format(
            classification=plan.classification[1],
            seq=reg[1],
            unit=plan.opd.unit_code,
            year=signed.year,
        )


# --- Tables ------------------------------------------------------------------------------------


@dataclass
class Table:
    name: str
    columns: str
    rows: Callable[[Plan], Iterable[tuple]]


def _letter_rows(p: Plan):
    sent = p.status == Status.SENT
    updated = p.sent or p.created + dt.timedelta(hours=1)
    yield (
        p.id, p.created, updated, p.subject, p.body, p.security, p.urgency, p.status, p.versions,
        p.number, p.sent.date() if sent else None, p.sent, p.sent, f"{BENCH_KEY}{p.id}",
        p.classification[0], p.current_verifier, None, p.drafter, p.number_id, p.opd.id,
        p.signer if p.status not in (Status.DRAFT,) else None, p.signer_position, p.kind, "",
        p.search_text,
    )  # fmt: skip


def _route_rows(p: Plan):
    for n, verifier in enumerate(p.route, 1):
        done = n <= p.initialled
        at = p.created + dt.timedelta(minutes=30 * n) if done else None
        yield (p.id * 4 + n, n, at, "", p.id, verifier)


def _recipient_rows(p: Plan):
    for n, (role, user, position, unit, ext) in enumerate(p.recipients):
        name, agency = ext if ext else ("", "")
        yield (p.id * 8 + n, role, n, name, agency, "", "", p.id, position, unit, user)


def _delivery_rows(p: Plan):
    rng = random.Random(p.id)
    recent = (timezone.now() - p.sent).days < 30 if p.sent else True
    for n, (person, role) in enumerate(p.deliveries):
        read = rng.random() < (0.6 if recent else 0.97)
        at = p.sent + dt.timedelta(minutes=rng.randrange(5, 4000)) if read else None
        yield (p.id * 1024 + n, role, p.sent, at, person, p.id)


def _version_rows(p: Plan):
    details = json.dumps({"kind": p.kind, "classification": p.classification[1]})
    first_body = p.body.rsplit("<p>", 1)[0] if p.versions > 1 else p.body
    yield (p.id * 2, 1, p.subject, first_body, details, p.created, p.id, p.drafter)
    if p.versions > 1:
        saved = p.created + dt.timedelta(minutes=20)
        yield (p.id * 2 + 1, 2, p.subject, p.body, details, saved, p.id, p.drafter)


def _event_rows(p: Plan):
    base = p.id * 16
    t = p.created
    yield (base, "create", t, "", "draft", "", "", p.drafter, p.id)
    if p.status in (Status.DRAFT,):
        return
    if p.status == Status.CANCELLED:
        yield (base + 1, "cancel", t + dt.timedelta(hours=1), "draft", "cancelled", "", "",
               p.drafter, p.id)  # fmt: skip
        return
    yield (base + 1, "submit", t + dt.timedelta(minutes=10), "draft", "in_review", "", "",
           p.drafter, p.id)  # fmt: skip
    if p.status == Status.RETURNED:
        yield (base + 2, "return", t + dt.timedelta(minutes=40), "in_review", "returned",
               RETURN_REASONS[p.id % len(RETURN_REASONS)], "", p.route[0], p.id)  # fmt: skip
        return
    for n in range(p.initialled):
        to = "ready" if n == len(p.route) - 1 else "in_review"
        yield (base + 2 + n, "initial", t + dt.timedelta(minutes=30 * (n + 1)), "in_review", to,
               "", "", p.route[n], p.id)  # fmt: skip
    if p.status == Status.SENT:
        yield (base + 10, "sign", p.sent, "ready", "signing", f"Nomor {p.number}.", "",
               p.signer, p.id)  # fmt: skip
        yield (base + 11, "signed", p.sent, "signing", "signed", "", "", p.signer, p.id)
        yield (base + 12, "dispatch", p.sent, "signed", "sent", "", "", p.signer, p.id)


def _number_rows(p: Plan):
    if p.cancelled_number:
        cid, seq, _ = p.cancelled_number
        number = p.number.replace(f"/{p.sequence}/", f"/{seq}/")
        yield (cid, seq, number, "cancelled", p.sent.date(), "eoffice", str(p.id), p.sent, None,
               p.sent, "Naskah dikembalikan kepada konseptor: nomor batal karena penandatanganan "
               "gagal.", p.signer, p.signer, p.register_id)  # fmt: skip
    if p.number_id:
        yield (p.number_id, p.sequence, p.number, "used", p.sent.date(), "eoffice", str(p.id),
               p.sent, p.sent, None, "", None, p.signer, p.register_id)  # fmt: skip
    i = p.incoming
    if i is not None:  # the agenda number, used at once (integrations.agenda_number_reserve)
        yield (i.number_id, i.sequence, i.agenda_number, "used", i.created.date(), "eoffice",
               f"masuk-bench{i.id}", i.created, i.created, None, "", None, i.registrar,
               i.register_id)  # fmt: skip


def _incoming_rows(p: Plan):
    i = p.incoming
    if i is None:
        return
    updated = i.completed_at or (i.disposed_at[-1][0] if i.disposed_at else i.created)
    yield (
        i.id, i.created, updated, i.agenda_number, i.sender_name, i.sender_agency,
        i.sender_number, i.sender_date, i.created.date(),
        duplicate_key(i.sender_name, i.sender_agency, i.sender_number), i.subject, i.security,
        i.urgency, i.status, f"eoffice/masuk/{i.created:%Y/%m}/pindaian-{i.id}.pdf",
        "application/pdf", 180_000 + i.id % 90_000, f"{i.id:064x}", f"scan-{i.id}.pdf", "",
        i.addressee, i.addressee_position, i.classification[0], i.number_id, i.opd.id,
        i.registrar,
    )  # fmt: skip


def _incoming_event_rows(p: Plan):
    i = p.incoming
    if i is None:
        return
    base = i.id * 4
    yield (base, "register", i.created, "registered", "registered",
           f"Nomor agenda {i.agenda_number}.", "", i.registrar, i.id)  # fmt: skip
    for n, (at, author, count) in enumerate(i.disposed_at[:2], 1):
        yield (base + n, "dispose", at, "registered", "in_progress",
               f"Kepada {count} pejabat.", "", author, i.id)  # fmt: skip
    if i.completed_at:
        yield (base + 3, "complete", i.completed_at, "in_progress", "done", "", "", None, i.id)


def _disposition_rows(p: Plan):
    if p.incoming is None:
        return
    for (d_id, parent, author, recipient, instructions, note, deadline, status, at, read_at,
         closed_at, withdrawn_at, report) in p.incoming.dispositions:  # fmt: skip
        updated = closed_at or withdrawn_at or read_at or at
        yield (d_id, json.dumps(instructions), note, deadline, status, at, read_at, closed_at,
               withdrawn_at, report, "", "", "", None, "", updated, author, parent, recipient,
               p.incoming.id)  # fmt: skip


def _disposition_event_rows(p: Plan):
    if p.incoming is None:
        return
    children = {d[1]: d for d in p.incoming.dispositions if d[1]}
    for d in p.incoming.dispositions:
        d_id, _parent, author, recipient, _ins, note, _dl, status, at = d[:9]
        yield (d_id * 4, "create", at, "open", "open", note, "", author, d_id)
        child = children.get(d_id)
        if child is not None:
            yield (d_id * 4 + 1, "forward", child[8], "open", "open", "Kepada staf pelaksana.",
                   "", recipient, d_id)  # fmt: skip
        if status == DispositionStatus.CLOSED:
            yield (d_id * 4 + 2, "close", d[10], "open", "closed", d[12], "", recipient, d_id)
        elif status == DispositionStatus.WITHDRAWN:
            yield (d_id * 4 + 2, "withdraw", d[11], "open", "withdrawn", "", "", author, d_id)


def _comment_rows(p: Plan):
    for c_id, author, at, text in p.comments:
        yield (c_id, text, "posted", at, None, "", author, p.id)


def _comment_event_rows(p: Plan):
    for c_id, author, at, _text in p.comments:
        yield (c_id, "post", at, "posted", "posted", "", "", author, c_id)


# Written in this order, chunk by chunk. Primary keys of the child rows derive from the
# letter's (id × a stride), so no lookup is needed; the sequences are moved past them after.
TABLES: list[Table] = [
    Table(
        "eoffice_letter",
        "id, created_at, updated_at, subject, body, security_class, urgency, status, version, "
        "number, dated, signed_at, sent_at, submit_key, classification_id, current_verifier_id, "
        "document_id, drafter_id, issued_number_id, opd_id, signer_id, signer_position_id, "
        "kind_id, signer_acting, search_text",
        _letter_rows,
    ),
    Table(
        "eoffice_routestep",
        'id, "order", initialled_at, comment, letter_id, verifier_id',
        _route_rows,
    ),
    Table(
        "eoffice_recipient",
        'id, role, "order", name, agency, address, email, letter_id, position_id, unit_id, user_id',
        _recipient_rows,
    ),
    Table(
        "eoffice_delivery",
        "id, role, delivered_at, read_at, recipient_id, letter_id",
        _delivery_rows,
    ),
    Table(
        "eoffice_letterversion",
        "id, number, subject, body, details, saved_at, letter_id, saved_by_id",
        _version_rows,
    ),
    Table(
        "eoffice_letterevent",
        "id, action, at, from_status, to_status, reason, public_text, actor_id, letter_id",
        _event_rows,
    ),
    Table(
        "documents_issuednumber",
        "id, sequence, number, state, dated, source_app, source_id, reserved_at, used_at, "
        "cancelled_at, cancel_reason, cancelled_by_id, reserved_by_id, register_id",
        _number_rows,
    ),
    Table(
        "eoffice_incomingletter",
        "id, created_at, updated_at, agenda_number, sender_name, sender_agency, sender_number, "
        "sender_date, received_on, duplicate_key, subject, security_class, urgency, status, "
        "scan, scan_content_type, scan_size, scan_sha256, scan_name, submit_key, addressee_id, "
        "addressee_position_id, classification_id, issued_number_id, opd_id, registered_by_id",
        _incoming_rows,
    ),
    Table(
        "eoffice_incomingletterevent",
        "id, action, at, from_status, to_status, reason, public_text, actor_id, incoming_id",
        _incoming_event_rows,
    ),
    Table(
        "eoffice_disposition",
        "id, instructions, note, deadline, status, created_at, read_at, closed_at, "
        "withdrawn_at, report, report_file, report_content_type, report_name, escalated_at, "
        "submit_key, updated_at, author_id, parent_id, recipient_id, incoming_id",
        _disposition_rows,
    ),
    Table(
        "eoffice_dispositionevent",
        "id, action, at, from_status, to_status, reason, public_text, actor_id, disposition_id",
        _disposition_event_rows,
    ),
    Table(
        "eoffice_lettercomment",
        "id, text, status, created_at, edited_at, submit_key, author_id, letter_id",
        _comment_rows,
    ),
    Table(
        "eoffice_lettercommentevent",
        "id, action, at, from_status, to_status, reason, public_text, actor_id, comment_id",
        _comment_event_rows,
    ),
]
STRIDES = {  # child id = letter id × stride + n (room for the most rows a letter has)
    "eoffice_routestep": 4,
    "eoffice_recipient": 8,
    "eoffice_delivery": 1024,
    "eoffice_letterversion": 2,
    "eoffice_letterevent": 16,
}
#: the same for the other parents: (parent, child, stride)
CHILD_STRIDES = (
    (IncomingLetter, IncomingLetterEvent, 4),  # register, dispose, complete
    (Disposition, DispositionEvent, 4),  # create, forward, close or withdraw
    (LetterComment, LetterCommentEvent, 1),  # post
)


class RolledBack(Exception):
    pass


def letters_write(
    world: World, *, letters: int, years: int, rollback: bool = False
) -> dict[str, int]:
    ids = Ids([Letter, NumberRegister, IssuedNumber, IncomingLetter, Disposition, LetterComment])
    # Child ids from the letter's: start the letters past every child table's highest id.
    floor = 0
    for model in (RouteStep, Recipient, Delivery, LetterVersion, LetterEvent):
        stride = STRIDES[model._meta.db_table]
        top = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        floor = max(floor, top // stride + 1)
    ids.next[Letter] = max(ids.next[Letter], floor)
    for parent, child, stride in CHILD_STRIDES:
        top = child.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        ids.next[parent] = max(ids.next[parent], top // stride + 1)
    planner = Planner(world, ids, letters=letters, years=years)
    written = {t.name: 0 for t in TABLES}
    started = time.monotonic()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        # The plain indexes are built once after the load (sorting beats a random insert per
        # row); those behind constraints stay. Dropped in this transaction: a failure keeps them.
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) AND indexname "
            "NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u'))",
            [[t.name for t in TABLES]],
        )
        rebuild = cursor.fetchall()
        for name, _definition in rebuild:
            cursor.execute(f'DROP INDEX "{name}"')
        chunk: list[Plan] = []

        def flush() -> None:
            for table in TABLES:
                with cursor.copy(f"COPY {table.name} ({table.columns}) FROM STDIN") as copy:
                    for plan in chunk:
                        for row in table.rows(plan):
                            copy.write_row(row)
                            written[table.name] += 1
            chunk.clear()

        for n, created in enumerate(planner.times(), 1):
            chunk.append(planner.plan(created))
            if len(chunk) >= CHUNK:
                flush()
                if n % (CHUNK * 10) == 0:
                    rate = n / (time.monotonic() - started)
                    log(
                        f"{n:,} letters ({rate:,.0f}/s), {written['eoffice_delivery']:,} deliveries"
                    )
        flush()
        log(f"rebuilding {len(rebuild)} indexes")
        for _name, definition in rebuild:
            cursor.execute(definition)
        log("number registers")
        with cursor.copy(
            "COPY documents_numberregister (id, kind, unit, year, format, last, last_dated, "
            "created_at, updated_at) FROM STDIN"
        ) as copy:
            for (kind, _opd_id, year), (
                rid,
                last,
                last_dated,
                opd,
                old,
                form,
            ) in planner.registers.items():
                if not old:
                    stamp = planner.now
                    copy.write_row(
                        (rid, kind, opd.unit_code, year, form, last, last_dated, stamp, stamp)
                    )
        for (_kind, _opd_id, _year), (
            rid,
            last,
            _dated,
            _opd,
            old,
            _form,
        ) in planner.registers.items():
            if old:
                cursor.execute(
                    "UPDATE documents_numberregister SET last = %s WHERE id = %s", [last, rid]
                )
        for table in [t.name for t in TABLES] + ["documents_numberregister"]:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 — our names
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )
        log(f"{sum(written.values()):,} rows in {time.monotonic() - started:.0f} s: {written}")
        written["search_text_checked"] = search_text_check()["same_as_services"]
        log(f"search text of {written['search_text_checked']} letters as the services write it")
        if rollback:
            raise RolledBack
    log("vacuum and analyze")  # the steady state autovacuum reaches: visibility map, stats
    with connection.cursor() as cursor:
        for table in [t.name for t in TABLES] + ["documents_numberregister"]:
            cursor.execute(f"VACUUM (ANALYZE) {table}")
    return written


def search_text_check(sample: int = 3) -> dict:
    """A few generated letters (sent, with a number) against what ``services.letter_search_index``
    writes for them (run, then rolled back), and whether PostgreSQL filled ``search_vector``."""
    letters = list(
        Letter.objects.filter(submit_key__startswith=BENCH_KEY, status=Status.SENT)
        .exclude(number="")
        .order_by("pk")[:sample]
    )
    same = 0
    for letter in letters:
        stored = letter.search_text
        with transaction.atomic():
            letter.search_text = ""
            eoffice_services.letter_search_index(letter)
            same += letter.search_text == stored
            transaction.set_rollback(True)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FILTER (WHERE search_vector IS NULL), "
            "count(*) FILTER (WHERE search_text = '') FROM eoffice_letter"
        )
        vector_null, text_empty = cursor.fetchone()
    result = {
        "checked": len(letters),
        "same_as_services": same,
        "search_vector_null": vector_null,
        "search_text_empty": text_empty,
    }
    if same != len(letters) or vector_null:
        raise SystemExit(f"search_text differs from services.letter_search_index: {result}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--employees", type=int, default=15_000)
    parser.add_argument("--letters", type=int, default=1_500_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--rollback", action="store_true", help="time the writing, keep nothing")
    args = parser.parse_args()
    started = time.monotonic()
    from competency_bench_data import employees_top_up  # the people: one generator for both

    heads = heads_fill()
    added = employees_top_up(args.employees)
    if heads or added:
        log(f"{heads} head posts filled, {added:,} civil servants added")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE organization_employee; ANALYZE accounts_user")
    written: dict[str, int] = {}
    if not Letter.objects.filter(submit_key__startswith=BENCH_KEY).exists():
        world = world_load()
        log(f"writing {args.letters:,} letters over {args.years} years ({len(world.opds)} OPDs)")
        try:
            written = letters_write(
                world, letters=args.letters, years=args.years, rollback=args.rollback
            )
        except RolledBack:
            log("--rollback: nothing kept")
        else:  # what the first run wrote, for the report of every later run
            RECORD.parent.mkdir(parents=True, exist_ok=True)
            checked = search_text_check()
            RECORD.write_text(
                json.dumps(
                    {
                        "written": written,
                        "seconds": round(time.monotonic() - started),
                        "search_text": checked,
                    }
                )
            )
    print(
        json.dumps(
            {
                "employees": Employee.objects.count(),
                "letters": Letter.objects.count(),
                "written": written,
                "seconds": round(time.monotonic() - started, 1),
            }
        )
    )


if __name__ == "__main__":
    main()


# --- Letters waiting for a signature (bench/eoffice_bench.py signs them) -----------------------


def ready_letters_make(*, signer, count: int, tag: str) -> list[Letter]:
    """``count`` letters of ``signer``'s OPD (an ``Employee``), drafted by a colleague, every
    paraf given, waiting for ``signer``'s signature — the state ``letters_sign`` starts from.
    ``tag`` prefixes their one-time keys so a run can find (or clear) its own."""
    rng = random.Random(tag)
    opd_id = signer.unit.opd_id
    colleagues = list(
        Employee.objects.filter(unit__opd_id=opd_id, is_active=True)
        .exclude(pk=signer.pk)
        .values_list("user_id", "position__is_head")[:400]
    )
    staff = [u for u, head in colleagues if not head] or [u for u, _h in colleagues]
    heads = [u for u, head in colleagues if head] or staff
    kinds = list(LetterKind.objects.filter(code__in=["nota-dinas", "surat-dinas"]))
    classifications = list(Classification.objects.all())
    now = timezone.now()
    letters = []
    for n in range(count):
        words = _words(rng, now.year)
        drafter = rng.choice(staff)
        letters.append(
            Letter(
                opd_id=opd_id,
                kind=rng.choice(kinds),
                classification=rng.choice(classifications),
                subject=rng.choice(SUBJECTS).format(**words)[:250],
                body=_body(rng, words, now),
                status=Status.READY,
                drafter_id=drafter,
                signer_position_id=signer.position_id,
                signer_id=signer.user_id,
                submit_key=f"{tag}:{n}"[:64],
            )
        )
    letters = Letter.objects.bulk_create(letters)
    steps, recipients = [], []
    for letter in letters:
        verifier = next((h for h in heads if h != letter.drafter_id), None)
        if verifier is not None:
            steps.append(RouteStep(letter=letter, order=1, verifier_id=verifier, initialled_at=now))
        for order, person in enumerate(rng.sample(staff, min(len(staff), 2))):
            recipients.append(
                Recipient(letter=letter, role="to" if order == 0 else "cc", order=order,
                          user_id=person)
            )  # fmt: skip
    RouteStep.objects.bulk_create(steps)
    Recipient.objects.bulk_create(recipients)
    return letters
