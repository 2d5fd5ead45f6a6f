"""Demo letters through the real services, in several states across two OPDs, so that the demo
civil servant, leader and signing official each find a letter waiting. Safe to run again: every
letter has a fixed one-time key, and each step is taken only if the letter has not passed it."""

from __future__ import annotations

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
    eoffice_demo_conversations()
    return done


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
