"""Demo letters through the real services, in several states across two OPDs, so that the demo
civil servant, leader and signing official each find a letter waiting. Safe to run again: every
letter has a fixed one-time key, and each step is taken only if the letter has not passed it."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

from balaikota.core.errors import DomainError

from . import integrations, services
from .models import Classification, LetterKind, SecurityClass, Status, Urgency

# The demo accounts' NIPs (balaikota/demo/logins.py).
RATNA = "199204182019032001"  # civil servant, Diskominfo, Bidang E-Government
DIMAS = "198808082012121007"  # change agent, Diskominfo, Bidang E-Government
WULAN = "199003302015032006"  # records clerk, Diskominfo
SITI = "198909232014022002"  # verifier, Disdukcapil


@dataclass
class DemoLetter:
    key: str
    drafter: str  # NIP
    opd: str  # the signer's OPD (its head signs)
    kind: str
    classification: str
    subject: str
    body: str
    until: str  # the state it is left in: draft, in_review, returned, ready, sent
    to_nips: list[str] = field(default_factory=list)
    to_head_of: str = ""  # an OPD whose head is the addressee
    copy_nips: list[str] = field(default_factory=list)
    external: list[dict] = field(default_factory=list)
    security_class: str = SecurityClass.ORDINARY
    urgency: str = Urgency.ORDINARY
    return_reason: str = ""


DEMO = [
    DemoLetter(
        key="demo-eoffice-1",
        drafter=DIMAS,
        opd="diskominfo",
        kind="nota-dinas",
        classification="000.1.2",
        subject="Jadwal pelatihan penggunaan naskah dinas elektronik",
        body="<p>Dengan hormat, bersama ini kami sampaikan bahwa pelatihan penggunaan naskah "
        "dinas elektronik bagi pegawai Bidang E-Government dilaksanakan pada hari Kamis pukul "
        "09.00 WIB di ruang rapat lantai 3.</p><p>Mohon kehadiran Saudara tepat waktu dengan "
        "membawa laptop.</p>",
        until="sent",
        to_nips=[RATNA],
        copy_nips=[WULAN],
    ),
    DemoLetter(
        key="demo-eoffice-2",
        drafter=DIMAS,
        opd="diskominfo",
        kind="nota-dinas",
        classification="500.12",
        subject="Laporan kemajuan integrasi layanan kependudukan",
        body="<p>Dengan hormat, kami laporkan bahwa integrasi layanan permohonan akta kelahiran "
        "daring telah berjalan di 16 kecamatan. Rincian capaian kami lampirkan.</p>",
        until="sent",
        to_head_of="setda",
    ),
    DemoLetter(
        key="demo-eoffice-3",
        drafter=DIMAS,
        opd="diskominfo",
        kind="telaahan-staf",
        classification="800",
        subject="Telaahan staf pengisian jabatan fungsional pranata komputer",
        body="<p>Persoalan: kebutuhan pranata komputer di 12 OPD belum terpenuhi.</p>"
        "<p>Saran: pengisian melalui perpindahan dari jabatan pelaksana.</p>",
        until="sent",
        to_head_of="setda",
        security_class=SecurityClass.SECRET,
    ),
    DemoLetter(
        key="demo-eoffice-4",
        drafter=RATNA,
        opd="diskominfo",
        kind="nota-dinas",
        classification="800.1.11",
        subject="Usulan pelatihan keamanan aplikasi bagi pranata komputer",
        body="<p>Dengan hormat, kami mengusulkan pelatihan keamanan aplikasi selama 3 hari "
        "bagi 10 pranata komputer.</p>",
        until="returned",
        to_head_of="diskominfo",
        return_reason="Lengkapi perkiraan biaya dan sumber anggarannya.",
    ),
    DemoLetter(
        key="demo-eoffice-5",
        drafter=DIMAS,
        opd="diskominfo",
        kind="nota-dinas",
        classification="000.1.2",
        subject="Permintaan akun SRIKANDI untuk pegawai baru",
        body="<p>Dengan hormat, mohon dibuatkan akun SRIKANDI untuk tiga pegawai baru "
        "Bidang E-Government.</p>",
        until="in_review",
        to_nips=[WULAN],
    ),
    DemoLetter(
        key="demo-eoffice-6",
        drafter=SITI,
        opd="disdukcapil",
        kind="surat-undangan",
        classification="400.14.2",
        subject="Undangan sosialisasi akta kelahiran daring",
        body="<p>Dengan hormat, kami mengundang Saudara pada sosialisasi permohonan akta "
        "kelahiran daring, Senin pukul 09.00 WIB, di Aula Disdukcapil.</p>",
        until="ready",
        external=[
            {
                "name": "Direktur RSUD K.R.M.T. Wongsonegoro",
                "agency": "RSUD K.R.M.T. Wongsonegoro",
                "address": "Jl. Fatmawati No. 1 Semarang",
                "email": "",
            }
        ],
        urgency=Urgency.URGENT,
    ),
    DemoLetter(
        key="demo-eoffice-7",
        drafter=SITI,
        opd="disdukcapil",
        kind="nota-dinas",
        classification="400.14",
        subject="Laporan layanan akta kelahiran bulan November",
        body="<p>Dengan hormat, kami laporkan 1.240 akta kelahiran terbit pada bulan November, "
        "95% di antaranya dalam waktu layanan.</p>",
        until="ready",
        to_head_of="setda",
    ),
    DemoLetter(
        key="demo-eoffice-8",
        drafter=DIMAS,
        opd="diskominfo",
        kind="surat-dinas",
        classification="000.1.2",
        subject="Permohonan narasumber pelatihan keamanan informasi",
        body="<p>Dengan hormat, dalam rangka pelatihan keamanan informasi bagi pengelola "
        "aplikasi Pemerintah Kota Semarang, kami mohon Bapak/Ibu berkenan menugaskan "
        "narasumber pada hari Rabu pukul 08.30 WIB di Ruang Rapat Diskominfo.</p>",
        until="sent",
        external=[
            {
                "name": "Kepala Balai Sertifikasi Elektronik",
                "agency": "Badan Siber dan Sandi Negara",
                "address": "Jl. Harsono RM No. 70, Ragunan, Jakarta Selatan",
                "email": "",
            },
            {
                "name": "Ketua Program Studi Teknik Informatika",
                "agency": "Universitas Diponegoro",
                "address": "Jl. Prof. Soedarto, Tembalang, Semarang",
                "email": "",
            },
        ],
    ),
]

ORDER = ["draft", "in_review", "returned", "ready", "sent"]


def _head_position(opd_code: str):
    return integrations.head_positions().filter(unit__opd__code=opd_code, unit__parent=None).first()


def _route(drafter, signer_position, opd_code: str) -> list[str]:
    """The drafter's hierarchy up to the head; a head of the OPD where the hierarchy is vacant."""
    route = services.default_route(drafter=drafter, signer_position=signer_position)
    if not route:
        other = (
            integrations.position_holders(
                integrations.head_positions()
                .filter(unit__opd__code=opd_code)
                .exclude(pk=signer_position.pk)
                .values_list("pk", flat=True)
            )
            .exclude(user=drafter)
            .first()
        )
        route = [other.user] if other is not None else []
    return [person.nip for person in route]


def _one(spec: DemoLetter) -> bool:
    employee = integrations.employees_by_nip([spec.drafter]).first()
    signer_position = _head_position(spec.opd)
    if employee is None or signer_position is None:
        return False
    drafter = employee.user
    signer = integrations.position_holders([signer_position.pk]).first()
    if signer is None or signer.user_id == drafter.pk:
        return False
    to_positions = [p for p in [_head_position(spec.to_head_of)] if p] if spec.to_head_of else []
    data = services.LetterInput(
        kind=LetterKind.objects.get(code=spec.kind),
        classification=Classification.objects.get(code=spec.classification),
        subject=spec.subject,
        body=spec.body,
        security_class=spec.security_class,
        urgency=spec.urgency,
        signer_position=signer_position,
        route_nips=_route(drafter, signer_position, spec.opd),
        to_positions=to_positions,
        to_nips=spec.to_nips,
        copy_nips=spec.copy_nips,
        external=spec.external,
    )
    letter = services.letter_create(drafter=drafter, data=data, submit_key=spec.key)
    target = ORDER.index(spec.until)
    if target >= ORDER.index("in_review") and letter.status == Status.DRAFT:
        services.letter_submit(letter=letter, user=drafter)
        letter.refresh_from_db()
    if spec.until == "returned" and letter.status == Status.IN_REVIEW:
        services.letter_return(
            letter=letter, user=letter.current_verifier, reason=spec.return_reason
        )
        return True
    while target >= ORDER.index("ready") and letter.status == Status.IN_REVIEW:
        services.letter_initial(letter=letter, user=letter.current_verifier)
        letter.refresh_from_db()
    if spec.until == "sent" and letter.status == Status.READY:
        services.letter_sign(letter=letter, signer=letter.signer)
    return True


def eoffice_demo_seed() -> int:
    """The reference data and the demo letters; returns how many letters are in place."""
    services.reference_load()
    done = 0
    for spec in DEMO:
        try:
            done += _one(spec)
        except DomainError:  # a demo city without that person or post: skip the letter
            continue
    with contextlib.suppress(DomainError):  # a demo city without those posts: none
        acting_demo_seed()
    incoming_demo_seed()
    archive_demo_seed()
    eoffice_demo_conversations()
    return done


# ── Incoming letters and dispositions ──
#
# External letters registered by the OPD's records clerk, with disposition trees in every
# state: waiting for the head's disposition, being followed up (one overdue), done. The demo
# records clerk (Wulan, Diskominfo) keeps a register with all of them; the demo leader (the
# Sekretaris Daerah) has letters to dispose; the demo civil servant (Ratna) has dispositions to
# follow up, one of them overdue.

import datetime as dt  # noqa: E402

from django.utils import timezone  # noqa: E402

from . import dispositions, selectors  # noqa: E402
from .models import Disposition, DispositionInstruction, IncomingLetter  # noqa: E402


@dataclass
class DemoIncoming:
    key: str
    opd: str
    sender_name: str
    sender_agency: str
    sender_number: str
    subject: str
    classification: str
    days_ago: int
    #: "wait" (to dispose), "open" (disposed, followed up), "overdue", "done"
    until: str
    instructions: tuple[str, ...] = ("Tanggapan dan saran",)
    note: str = ""
    security_class: str = SecurityClass.ORDINARY
    urgency: str = Urgency.ORDINARY


INCOMING = [
    DemoIncoming(
        key="demo-masuk-1",
        opd="diskominfo",
        sender_name="Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian",
        sender_agency="Diskominfo Provinsi Jawa Tengah",
        sender_number="555/0871/2026",
        subject="Undangan rapat koordinasi Satu Data Indonesia tingkat provinsi",
        classification="000.1.2",
        days_ago=1,
        until="wait",
        urgency=Urgency.URGENT,
    ),
    DemoIncoming(
        key="demo-masuk-2",
        opd="diskominfo",
        sender_name="Direktur Jenderal Aplikasi Informatika",
        sender_agency="Kementerian Komunikasi dan Digital",
        sender_number="B-1204/DJAI/AI.01.04/11/2026",
        subject="Permintaan data aplikasi layanan publik pemerintah daerah",
        classification="500.12",
        days_ago=4,
        until="open",
        instructions=("Proses lebih lanjut", "Siapkan konsep jawaban"),
        note="Himpun data dari seluruh OPD, paling lambat sebelum rapat pimpinan.",
    ),
    DemoIncoming(
        key="demo-masuk-3",
        opd="diskominfo",
        sender_name="Kepala Badan Siber dan Sandi Negara",
        sender_agency="BSSN",
        sender_number="2231/BSSN/D3/PP.01.02/10/2026",
        subject="Hasil penilaian keamanan aplikasi perizinan Kota Semarang",
        classification="800.1.11",
        days_ago=12,
        until="overdue",
        instructions=("Pelajari dan laporkan", "Koordinasikan"),
        note="Tindak lanjuti temuan prioritas tinggi lebih dulu.",
        security_class=SecurityClass.LIMITED,
        urgency=Urgency.VERY_URGENT,
    ),
    DemoIncoming(
        key="demo-masuk-4",
        opd="diskominfo",
        sender_name="Camat Tembalang",
        sender_agency="Kecamatan Tembalang",
        sender_number="005/412/XI/2026",
        subject="Undangan musyawarah perencanaan pembangunan kecamatan",
        classification="000.1.2",
        days_ago=20,
        until="done",
        instructions=("Hadiri", "Untuk diketahui"),
        note="Wakili dan laporkan hasilnya.",
    ),
    DemoIncoming(
        key="demo-masuk-5",
        opd="setda",
        sender_name="Gubernur Jawa Tengah",
        sender_agency="Pemerintah Provinsi Jawa Tengah",
        sender_number="100.3.4/0215",
        subject="Evaluasi penyelenggaraan SPBE kabupaten/kota se-Jawa Tengah",
        classification="000.1.2",
        days_ago=2,
        until="wait",
        urgency=Urgency.URGENT,
    ),
    DemoIncoming(
        key="demo-masuk-6",
        opd="setda",
        sender_name="Kepala Balai Besar Wilayah Sungai Pemali Juana",
        sender_agency="BBWS Pemali Juana",
        sender_number="PR.02.03-Bb11/512",
        subject="Koordinasi penanganan banjir Kali Tenggang dan Kali Sringin",
        classification="000.1.2",
        days_ago=3,
        until="wait",
    ),
    DemoIncoming(
        key="demo-masuk-7",
        opd="setda",
        sender_name="Ketua DPRD Kota Semarang",
        sender_agency="DPRD Kota Semarang",
        sender_number="170/0992/DPRD",
        subject="Permintaan bahan rapat kerja pembahasan APBD perubahan",
        classification="500.12",
        days_ago=6,
        until="open",
        instructions=("Siapkan konsep jawaban", "Koordinasikan"),
        note="Siapkan bahan bersama Bappeda dan BPKAD.",
    ),
]


def _head_of(opd_code: str):
    position = _head_position(opd_code)
    return integrations.position_holders([position.pk]).first() if position else None


def _clerk_of(opd_code: str):
    """The OPD's records clerk: the demo one where there is one, else the first staff member
    of the OPD (by NIP) given the role (an OPD without a TU would register nothing)."""
    from balaikota.accounts.interfaces import Role
    from balaikota.accounts.services import role_grant

    opd_id = _opd_id(opd_code)
    staff = integrations.unit_members(
        integrations.units_of_opd(opd_id).values_list("pk", flat=True)
    ).order_by("position__is_head", "nip")
    for employee in staff:
        scopes = employee.user.role_scope_map().get(Role.RECORDS_CLERK, frozenset())
        if opd_id in scopes or None in scopes:
            return employee.user
    first = staff.filter(position__is_head=False).select_related("unit__opd").first()
    if first is None:
        return None
    role_grant(user=first.user, role=Role.RECORDS_CLERK, opd=first.unit.opd)
    return first.user


def _opd_id(opd_code: str) -> int:
    position = _head_position(opd_code)
    return position.unit.opd_id if position else 0


def _chain(opd_code: str, head) -> list:
    """Who the head disposes to, and who that person disposes further to: the demo civil
    servant and her supervisor in Diskominfo, the first people below the head elsewhere."""
    ratna = integrations.employees_by_nip([RATNA]).first()
    if opd_code == "diskominfo" and ratna is not None:
        boss = integrations.direct_supervisor(ratna)
        if boss is None or boss.pk == head.pk:
            return [ratna]
        return [boss, ratna]
    below = integrations.subordinates(head, limit=5)
    first = below[0] if below else None
    further = integrations.subordinates(first, limit=1) if first is not None else []
    return [p for p in [first, *further[:1]] if p is not None]


def _incoming_one(spec: DemoIncoming) -> bool:
    head, clerk = _head_of(spec.opd), _clerk_of(spec.opd)
    if head is None or clerk is None:
        return False
    today = timezone.localdate()
    incoming = IncomingLetter.objects.filter(registered_by=clerk, submit_key=spec.key).first()
    if incoming is None:
        received = today - dt.timedelta(days=spec.days_ago)
        data = dispositions.IncomingInput(
            sender_name=spec.sender_name,
            sender_agency=spec.sender_agency,
            sender_number=spec.sender_number,
            sender_date=received - dt.timedelta(days=2),
            received_on=received,
            subject=spec.subject,
            classification=Classification.objects.get(code=spec.classification),
            addressee_position=head.position,
            scan=_demo_scan(spec),
            security_class=spec.security_class,
            urgency=spec.urgency,
        )
        incoming = dispositions.incoming_register(clerk=clerk, data=data, submit_key=spec.key)
    if spec.until == "wait":
        return True
    chain = _chain(spec.opd, head)
    if not chain:
        return True
    ids = list(
        DispositionInstruction.objects.filter(name__in=spec.instructions).values_list(
            "pk", flat=True
        )
    )
    deadline = today + dt.timedelta(days=7)
    parent = None
    author = head.user
    made = []
    for step, person in enumerate(chain):
        rows = dispositions.disposition_create(
            user=author,
            incoming=incoming,
            parent=parent,
            data=dispositions.DispositionInput(
                recipient_nips=[person.nip],
                instruction_ids=ids,
                note=spec.note,
                deadline=deadline,
            ),
            submit_key=f"{spec.key}-{step}",
        )
        parent, author = rows[0], person.user
        made.append(rows[0])
    if spec.until == "overdue":
        # A deadline is never set in the past; the demo lets time pass on the last one.
        Disposition.objects.filter(pk=made[-1].pk, status="open").update(
            deadline=today - dt.timedelta(days=3), created_at=timezone.now() - dt.timedelta(days=10)
        )
    if spec.until == "done":
        for disposition in reversed(made):
            disposition.refresh_from_db()
            if disposition.is_open:
                dispositions.disposition_close(
                    user=disposition.recipient,
                    disposition=disposition,
                    report="Sudah dihadiri; notulen rapat terlampir di arsip bidang.",
                )
    for person in [head.user, *[p.user for p in chain]]:
        selectors.inbox_counts_forget(person.pk)
    return True


def _demo_scan(spec: DemoIncoming):
    """A scan of the letter for the demo: its particulars on a plain A4 PDF."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = integrations.build_pdf(
        integrations.OfficialDocument(
            title=spec.subject,
            verification_url="https://balaikota.example/",
            header_lines=(spec.sender_agency.upper(),),
            number=spec.sender_number,
            paragraphs=[f"Dari: {spec.sender_name}", "Pindaian contoh untuk demo."],
            footer="",
            code_label="Contoh",
            verification_code=spec.key,
        )
    )
    return SimpleUploadedFile("pindaian.pdf", pdf, "application/pdf")


def incoming_demo_seed() -> int:
    """The demo incoming letters and their trees; a second run changes nothing."""
    done = 0
    for spec in INCOMING:
        try:
            done += _incoming_one(spec)
        except DomainError:  # a demo city without that person or post: skip it
            continue
    return done


# ── Archive and retention ──
# Letters of 2016–2021 carried over from the earlier records system (signed on paper, so no
# PDF here), whose retention has run: a legal hold in Diskominfo, a proposal there waiting for
# the demo records clerk's approval, and one in Setda waiting for the leader (Sekda) as head.

ARCHIVE = [
    # (key, OPD, classification, date, subject)
    (
        "demo-arsip-1",
        "diskominfo",
        "000.1.2",
        "2016-02-11",
        "Undangan rapat koordinasi jaringan intra pemerintah",
    ),
    (
        "demo-arsip-2",
        "diskominfo",
        "500.12",
        "2017-05-22",
        "Laporan gangguan jaringan serat optik Balai Kota",
    ),
    (
        "demo-arsip-3",
        "diskominfo",
        "800.2",
        "2018-08-06",
        "Pemanggilan peserta diklat teknis jaringan komputer",
    ),
    (
        "demo-arsip-4",
        "diskominfo",
        "000.5",
        "2019-01-15",
        "Rencana induk pengembangan Semarang kota cerdas 2019–2023",
    ),
    (
        "demo-arsip-5",
        "diskominfo",
        "400.14.2",
        "2020-03-09",
        "Siaran pers peluncuran aplikasi pengaduan warga",
    ),
    (
        "demo-arsip-6",
        "diskominfo",
        "000.1.2",
        "2021-06-14",
        "Jadwal piket layanan pusat data selama Lebaran",
    ),
    (
        "demo-arsip-7",
        "setda",
        "000.1.2",
        "2016-04-18",
        "Undangan upacara Hari Jadi Kota Semarang ke-469",
    ),
    (
        "demo-arsip-8",
        "setda",
        "000.2",
        "2017-09-27",
        "Serah terima kendaraan dinas operasional bagian umum",
    ),
]
ARCHIVE_HOLD = ("demo-arsip-3", "Pemeriksaan Inspektorat atas pengadaan diklat tahun 2018.")
ARCHIVE_PROPOSALS = [
    # (key, OPD, letters, left in)
    ("demo-usul-1", "diskominfo", ["demo-arsip-1", "demo-arsip-2"], "proposed"),
    ("demo-usul-2", "setda", ["demo-arsip-7", "demo-arsip-8"], "records_ok"),
]


def _setda_clerk():
    """A Setda staff member who keeps its records (granted the role for the demo)."""
    from balaikota.accounts.interfaces import Role
    from balaikota.accounts.services import role_grant

    head = _head_position("setda")
    if head is None:
        return None
    units = integrations.units_of_opd(head.unit.opd_id).values_list("pk", flat=True)
    person = (
        integrations.unit_members(list(units))
        .exclude(position__unit__parent=None, position__is_head=True)
        .order_by("full_name", "pk")
        .first()
    )
    if person is None:
        return None
    if not person.user.has_role(Role.RECORDS_CLERK):
        role_grant(user=person.user, role=Role.RECORDS_CLERK, opd=head.unit.opd)
    return person.user


def _archive_letter(key, opd_code, code, dated, subject, drafter):
    import datetime as dt

    from .models import Letter, LetterVersion, Recipient

    existing = Letter.objects.filter(submit_key=key).first()
    if existing is not None:
        return existing
    position = _head_position(opd_code)
    signer = integrations.position_holders([position.pk]).first() if position else None
    if signer is None or drafter is None:
        return None
    opd = position.unit.opd
    day = dt.date.fromisoformat(dated)
    seq = 100 + int(key.rsplit("-", 1)[1])
    setting = services.opd_setting(opd)
    body = (
        f"<p>Dengan hormat, {subject.lower()}. Naskah ini dipindahkan dari sistem "
        "persuratan sebelumnya; aslinya ditandatangani di atas kertas.</p>"
    )
    letter = Letter.objects.create(
        opd=opd,
        kind=LetterKind.objects.get(code="nota-dinas"),
        classification=Classification.objects.get(code=code),
        subject=subject,
        body=body,
        status=Status.SENT,
        drafter=drafter,
        signer_position=position,
        signer=signer.user,
        number=f"{code}/{seq}/{setting.unit_code}/{day.year}",
        dated=day,
        submit_key=key,
    )
    Recipient.objects.create(letter=letter, role=Recipient.Role.TO, position=position)
    LetterVersion.objects.create(
        letter=letter, number=1, subject=subject, body=body, saved_by=drafter
    )
    services.letter_search_index(letter)  # found by the search like every other letter
    return letter


def archive_demo_seed() -> int:
    """The archive's demo; returns how many old letters are in place. Safe to run again."""
    from . import archive
    from .models import DisposalProposal, DisposalStatus, Letter

    clerks = {"diskominfo": None, "setda": _setda_clerk()}
    wulan = integrations.employees_by_nip([WULAN]).first()
    clerks["diskominfo"] = wulan.user if wulan is not None else None
    dimas = integrations.employees_by_nip([DIMAS]).first()
    drafters = {"diskominfo": dimas.user if dimas else None, "setda": clerks["setda"]}
    letters = {}
    for key, opd_code, code, dated, subject in ARCHIVE:
        letter = _archive_letter(key, opd_code, code, dated, subject, drafters[opd_code])
        if letter is not None:
            letters[key] = letter
    hold_key, reason = ARCHIVE_HOLD
    held = letters.get(hold_key)
    if held is not None and clerks["diskominfo"] and not held.legal_holds.exists():
        archive.legal_hold_put(letter=held, user=clerks["diskominfo"], reason=reason)
    for key, opd_code, keys, until in ARCHIVE_PROPOSALS:
        clerk = clerks[opd_code]
        wanted = [letters[k].pk for k in keys if k in letters]
        if clerk is None or not wanted:
            continue
        proposal = DisposalProposal.objects.filter(submit_key=key).first()
        if proposal is None:
            opd = Letter.objects.get(pk=wanted[0]).opd
            proposal = archive.disposal_create(
                opd=opd,
                user=clerk,
                letter_ids=wanted,
                note="Arsip surat-menyurat yang habis masa retensinya.",
                submit_key=key,
            )
        if proposal.status == DisposalStatus.DRAFT:
            proposal = archive.disposal_submit(proposal=proposal, user=clerk)
        if until == "records_ok" and proposal.status == DisposalStatus.PROPOSED:
            archive.disposal_approve_records(proposal=proposal, user=clerk)
    return len(letters)


# ── Acting officials and delegation ──
#
# In Diskominfo: the head of Bidang Statistik dan Persandian is on study leave (a Plt, the head
# of Bidang TIK, for three months); the head of Bidang E-Government is on leave this week (the
# Sekretaris is Plh, and the head delegated the inbox to Ratna, who finds Dimas's letter
# waiting "atas nama"); the Sekretaris signs "a.n." the Kepala Dinas, and a Kepala Subbagian
# "u.b." for certificates. A letter signed a.n. and one signed by the Plt show it.

DISKOMINFO = "diskominfo"


def _post(name: str):
    return (
        integrations.head_positions().filter(unit__opd__code=DISKOMINFO, name__iexact=name).first()
    )


def _holder(position):
    found = integrations.position_holders([position.pk]).first() if position else None
    return found.user if found is not None else None


def _acting_demo_assign(clerk, position, acting, *, kind, starts, ends, decree, note) -> None:
    from .models import ActingAssignment

    if position is None or acting is None:
        return
    if ActingAssignment.objects.filter(position=position, decree_number=decree).exists():
        return
    services.acting_assign(
        position=position,
        acting_nip=acting.nip,
        kind=kind,
        starts_on=starts,
        ends_on=ends,
        decree_number=decree,
        note=note,
        actor=clerk,
    )


def _acting_demo_letter(key, *, drafter, signer_position, mandate=None, **fields) -> None:
    if drafter is None or signer_position is None:
        return
    kind = LetterKind.objects.get(code=fields.pop("kind"))
    route = fields.pop("route", None)
    data = services.LetterInput(
        kind=kind,
        classification=Classification.objects.get(code=fields.pop("classification")),
        signer_position=signer_position,
        mandate=mandate,
        route_nips=route if route is not None else _route(drafter, signer_position, DISKOMINFO),
        **fields,
    )
    letter = services.letter_create(drafter=drafter, data=data, submit_key=key)
    if letter.status == Status.DRAFT:
        services.letter_submit(letter=letter, user=drafter)
        letter.refresh_from_db()
    while letter.status == Status.IN_REVIEW:
        services.letter_initial(letter=letter, user=letter.current_verifier)
        letter.refresh_from_db()
    if letter.status == Status.READY:
        services.letter_sign(letter=letter, signer=letter.signer)


def acting_demo_seed() -> None:
    import datetime as dt

    from django.utils import timezone

    from .models import Delegation, SigningMandate

    today = timezone.localdate()
    clerk_row = integrations.employees_by_nip([WULAN]).first()
    ratna = integrations.employees_by_nip([RATNA]).first()
    head = _post("Kepala Dinas")
    secretary = _post("Sekretaris")
    statistik = _post("Kepala Bidang Statistik dan Persandian")
    egov = _post("Kepala Bidang E-Government")
    tik = _post("Kepala Bidang Teknologi Informasi dan Komunikasi")
    umum = _post("Kepala Subbagian Umum dan Kepegawaian")
    if None in (clerk_row, ratna, head, secretary, statistik, egov, tik, umum):
        return
    clerk = clerk_row.user
    _acting_demo_assign(
        clerk,
        statistik,
        _holder(tik),
        kind="plt",
        starts=today - dt.timedelta(days=14),
        ends=today + dt.timedelta(days=76),
        decree="800.1.11.1/087/DISKOMINFO/2026",
        note="Kepala Bidang Statistik dan Persandian menjalani tugas belajar.",
    )
    _acting_demo_assign(
        clerk,
        egov,
        _holder(secretary),
        kind="plh",
        starts=today - dt.timedelta(days=1),
        ends=today + dt.timedelta(days=4),
        decree="800.1.11.1/094/DISKOMINFO/2026",
        note="Kepala Bidang E-Government cuti tahunan.",
    )
    an, _created = SigningMandate.objects.get_or_create(
        signer_position=secretary, principal_position=head, intermediate_position=None
    )
    ub, created = SigningMandate.objects.get_or_create(
        signer_position=umum, principal_position=head, intermediate_position=secretary
    )
    if created:
        ub.kinds.set(LetterKind.objects.filter(code="surat-keterangan"))
    egov_head = _holder(egov)
    if egov_head is not None and not Delegation.objects.filter(delegator=egov_head).exists():
        services.delegation_create(
            delegator=egov_head,
            delegate_nip=RATNA,
            starts_on=today,
            ends_on=today + dt.timedelta(days=4),
            reason=Delegation.Reason.LEAVE,
            note="Cuti tahunan; paraf nota dinas bidang oleh Ratna.",
        )
    _acting_demo_letter(
        "demo-eoffice-an-1",
        drafter=clerk,
        signer_position=secretary,
        mandate=an,
        kind="surat-dinas",
        classification="000.1.2",
        subject="Permohonan data statistik sektoral tahun 2026",
        body="<p>Dengan hormat, dalam rangka penyusunan Satu Data Kota Semarang, kami mohon "
        "Saudara berkenan menyampaikan data statistik sektoral tahun 2026 paling lambat "
        "akhir bulan ini.</p><p>Atas perhatian dan kerja sama Saudara kami sampaikan terima "
        "kasih.</p>",
        external=[
            {
                "name": "Kepala Badan Pusat Statistik Kota Semarang",
                "agency": "BPS Kota Semarang",
                "address": "Jl. Inspeksi Kali Semarang No. 1 Semarang",
                "email": "",
            }
        ],
    )
    statistician = integrations.position_holders(
        integrations.head_positions()
        .model.objects.filter(unit_id=statistik.unit_id, is_head=False)
        .values_list("pk", flat=True)
    ).first()
    _acting_demo_letter(
        "demo-eoffice-plt-1",
        drafter=statistician.user if statistician is not None else None,
        signer_position=statistik,
        kind="nota-dinas",
        classification="000.1.2",
        subject="Penyampaian hasil uji persandian aplikasi layanan",
        body="<p>Dengan hormat, bersama ini kami sampaikan hasil uji persandian aplikasi "
        "layanan akta kelahiran daring. Tidak ditemukan kelemahan kritis; dua temuan sedang "
        "perlu diperbaiki sebelum akhir bulan.</p>",
        to_positions=[egov],
        # the Sekretaris checks it (the bidang has no sub-unit head under the Plt)
        route=[_holder(secretary).nip],
    )


# ── Collaboration ──
# Conversations on the demo letters, with mentions, through the real service (each comment has
# a fixed submit key: a second run adds nothing). "{drafter}" and the like become @NIP.


@dataclass
class DemoComment:
    key: str
    letter: str  # the DemoLetter's key
    author: str  # "drafter", "signer", "verifier" (the first), "recipient" (the first)
    text: str


COMMENTS = [
    DemoComment(
        "demo-komentar-1",
        "demo-eoffice-1",
        "recipient",
        "Siap hadir. {drafter}, apakah peserta perlu memasang aplikasi sebelum pelatihan?",
    ),
    DemoComment(
        "demo-komentar-2",
        "demo-eoffice-1",
        "drafter",
        "Tidak perlu, {recipient}. Cukup membawa laptop dan akun SSO Pemkot yang aktif.",
    ),
    DemoComment(
        "demo-komentar-3",
        "demo-eoffice-2",
        "signer",
        "{drafter}, siapkan juga rekap per kecamatan untuk rapat pimpinan hari Senin.",
    ),
    DemoComment(
        "demo-komentar-4",
        "demo-eoffice-3",
        "verifier",
        "{drafter}, angka kebutuhan 12 OPD sudah dicocokkan dengan data BKPP.",
    ),
    DemoComment(
        "demo-komentar-5",
        "demo-eoffice-5",
        "verifier",
        "{drafter}, sebutkan nama ketiga pegawai baru agar TU dapat langsung membuat akunnya.",
    ),
]


def _people_of(letter) -> dict:
    first_step = letter.route.select_related("verifier").order_by("order").first()
    first_delivery = letter.deliveries.select_related("recipient").order_by("pk").first()
    return {
        "drafter": letter.drafter,
        "signer": letter.signer,
        "verifier": first_step.verifier if first_step else None,
        "recipient": first_delivery.recipient if first_delivery else None,
    }


def eoffice_demo_conversations() -> int:
    from .models import Letter

    done = 0
    for spec in COMMENTS:
        letter = Letter.objects.filter(submit_key=spec.letter).first()
        if letter is None:
            continue
        people = _people_of(letter)
        author = people.get(spec.author)
        if author is None:
            continue
        text = spec.text.format(
            **{role: f"@{person.nip}" if person else "" for role, person in people.items()}
        )
        try:
            services.comment_create(letter=letter, author=author, text=text, submit_key=spec.key)
        except DomainError:  # a demo city where that person may not open it: skip
            continue
        done += 1
    return done
