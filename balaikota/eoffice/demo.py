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
    return done


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
