"""Synthetic residents of Kota Semarang for the local population register (demos, tests,
benchmarks). Deterministic: the same seed and size give the same people; re-running adds
nothing that is already there."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.db.models import OuterRef, Subquery

from .models import Family, FamilyRelationship, MaritalStatus, Religion, Resident, Sex

DISTRICTS = [f"33.74.{n:02d}" for n in range(1, 17)]
MALE = [
    "Agus",
    "Budi",
    "Dwi",
    "Eko",
    "Fajar",
    "Gilang",
    "Hendra",
    "Imam",
    "Joko",
    "Kurniawan",
    "Lukman",
    "Muhammad",
    "Nur",
    "Oki",
    "Prasetyo",
    "Rizky",
    "Slamet",
    "Teguh",
    "Umar",
    "Wahyu",
    "Yusuf",
    "Zainal",
    "Bayu",
    "Dimas",
    "Arif",
    "Bambang",
    "Sigit",
    "Hadi",
    "Rudi",
    "Andi",
]
FEMALE = [
    "Ayu",
    "Dewi",
    "Endang",
    "Fitri",
    "Gita",
    "Hana",
    "Indah",
    "Kartika",
    "Lestari",
    "Maya",
    "Nurul",
    "Putri",
    "Ratna",
    "Sari",
    "Tri",
    "Umi",
    "Wulan",
    "Yuni",
    "Anisa",
    "Dian",
    "Rina",
    "Siti",
    "Sri",
    "Wahyuni",
    "Retno",
    "Puspita",
    "Laras",
    "Citra",
    "Eka",
    "Novi",
]
FAMILY_NAMES = [
    "Santoso",
    "Wibowo",
    "Hartono",
    "Susanto",
    "Setiawan",
    "Nugroho",
    "Purnomo",
    "Saputra",
    "Kusuma",
    "Wijaya",
    "Hidayat",
    "Pratama",
    "Permana",
    "Handoko",
    "Gunawan",
    "Suryadi",
    "Utomo",
    "Rahayu",
    "Lestari",
    "Sudarsono",
]
RELIGIONS = [
    (Religion.ISLAM, 86),
    (Religion.KRISTEN, 8),
    (Religion.KATOLIK, 5),
    (Religion.BUDDHA, 1),
]
STREETS = [
    "Pemuda",
    "Pandanaran",
    "Gajahmada",
    "Dr. Cipto",
    "Majapahit",
    "Setiabudi",
    "Ngesrep",
    "Kaligawe",
    "Siliwangi",
    "Fatmawati",
    "Wolter Monginsidi",
    "Pleburan",
]


@dataclass
class SeedResult:
    families: int
    residents: int


class _Numbers:
    """Next free NIK / KK serial per prefix, starting after what the database already holds."""

    def __init__(self) -> None:
        self.used: dict[str, int] = {}

    def next(self, prefix: str) -> str:
        n = self.used.get(prefix, 0) + 1
        if n > 9999:
            raise ValueError(f"prefix {prefix} is full")
        self.used[prefix] = n
        return f"{prefix}{n:04d}"


def _nik(numbers: _Numbers, district: str, birth: dt.date, female: bool) -> str:
    day = birth.day + (40 if female else 0)
    return numbers.next(f"{district.replace('.', '')}{day:02d}{birth:%m%y}")


def _birth(rng: random.Random, today: dt.date, low: int, high: int) -> dt.date:
    days = rng.randint(low * 365, high * 365)
    return today - dt.timedelta(days=days)


def _villages_by_district() -> dict[str, list[str]]:
    from balaikota.civil_registry import integrations

    by_district: dict[str, list[str]] = {}
    for code in integrations.village_codes_of("33.74"):
        by_district.setdefault(code[:8], []).append(code)
    return by_district


def population_seed(
    *, residents: int = 2000, seed: int = 2026, batch: int = 2000, today: dt.date | None = None
) -> SeedResult:
    """Create about ``residents`` people in families of 1–6 across the 16 kecamatan."""
    rng = random.Random(seed)  # noqa: S311  (synthetic data, not security)
    today = today or dt.date(2026, 11, 1)
    villages = _villages_by_district()
    niks, kks = _Numbers(), _Numbers()
    families: list[Family] = []
    people: list[tuple[str, Resident]] = []  # (kk_number, resident)
    made = 0
    while made < residents:
        district = rng.choice(DISTRICTS)
        issued = _birth(rng, today, 0, 15)
        kk_number = kks.next(f"{district.replace('.', '')}{issued:%d%m%y}")
        village_list = villages.get(district) or []
        families.append(
            Family(
                kk_number=kk_number,
                address=f"Jl. {rng.choice(STREETS)} No. {rng.randint(1, 250)}",
                rt=f"{rng.randint(1, 12):03d}",
                rw=f"{rng.randint(1, 9):03d}",
                village_id=rng.choice(village_list) if village_list else None,
            )
        )
        religion = rng.choices([r for r, _w in RELIGIONS], weights=[w for _r, w in RELIGIONS])[0]
        surname = rng.choice(FAMILY_NAMES)
        head_birth = _birth(rng, today, 25, 70)
        single = rng.random() < 0.1
        head = Resident(
            nik=_nik(niks, district, head_birth, False),
            full_name=f"{rng.choice(MALE)} {surname}",
            sex=Sex.MALE,
            birth_place="Semarang",
            birth_date=head_birth,
            religion=religion,
            marital_status=MaritalStatus.SINGLE if single else MaritalStatus.MARRIED,
            relationship=FamilyRelationship.HEAD,
        )
        people.append((kk_number, head))
        made += 1
        if single:
            continue
        wife_birth = head_birth + dt.timedelta(days=rng.randint(-3 * 365, 8 * 365))
        wife_birth = min(wife_birth, today - dt.timedelta(days=19 * 365))
        wife = Resident(
            nik=_nik(niks, district, wife_birth, True),
            full_name=f"{rng.choice(FEMALE)} {rng.choice(FEMALE)}",
            sex=Sex.FEMALE,
            birth_place=rng.choice(["Semarang", "Semarang", "Kendal", "Demak", "Ungaran"]),
            birth_date=wife_birth,
            religion=religion,
            marital_status=MaritalStatus.MARRIED,
            relationship=FamilyRelationship.SPOUSE,
        )
        people.append((kk_number, wife))
        made += 1
        for _child in range(rng.choice([0, 1, 1, 2, 2, 2, 3, 3, 4])):
            earliest = wife_birth + dt.timedelta(days=19 * 365)
            latest = min(today, wife_birth + dt.timedelta(days=42 * 365))
            if earliest >= latest:
                break
            child_birth = earliest + dt.timedelta(days=rng.randint(0, (latest - earliest).days))
            female = rng.random() < 0.5
            people.append(
                (
                    kk_number,
                    Resident(
                        nik=_nik(niks, district, child_birth, female),
                        full_name=f"{rng.choice(FEMALE if female else MALE)} {surname}",
                        sex=Sex.FEMALE if female else Sex.MALE,
                        birth_place="Semarang",
                        birth_date=child_birth,
                        religion=religion,
                        marital_status=MaritalStatus.SINGLE,
                        relationship=FamilyRelationship.CHILD,
                        mother_nik=wife.nik,
                        father_nik=head.nik,
                    ),
                )
            )
            made += 1
    return _store(families, people, batch)


def _store(families, people, batch) -> SeedResult:
    before_families, before_residents = Family.objects.count(), Resident.objects.count()
    by_kk: dict[str, list[Resident]] = {}
    for kk, resident in people:
        by_kk.setdefault(kk, []).append(resident)
    for start in range(0, len(families), batch):
        chunk = families[start : start + batch]
        with transaction.atomic():
            Family.objects.bulk_create(chunk, ignore_conflicts=True)
            ids = dict(
                Family.objects.filter(kk_number__in=[f.kk_number for f in chunk]).values_list(
                    "kk_number", "pk"
                )
            )
            members = []
            for kk, family_id in ids.items():
                for resident in by_kk.get(kk, []):
                    resident.family_id = family_id
                    members.append(resident)
            Resident.objects.bulk_create(members, ignore_conflicts=True)
            head = Resident.objects.filter(
                family=OuterRef("pk"), relationship=FamilyRelationship.HEAD
            ).values("pk")[:1]
            Family.objects.filter(pk__in=ids.values(), head__isnull=True).update(
                head=Subquery(head)
            )
    return SeedResult(
        Family.objects.count() - before_families, Resident.objects.count() - before_residents
    )


def applications_bulk_seed(
    *, count: int, seed: int = 2026, batch: int = 10000, citizen=None
) -> int:
    """Benchmark data: ``count`` birth-certificate applications in realistic states, spread over
    Disdukcapil and the kecamatan offices, each with its submission event. Written with
    bulk_create (no services, no files): for measuring reads, not for demos."""
    from django.utils import timezone

    from balaikota.civil_registry import integrations

    from .models import Application, ApplicationEvent, ServiceType, Status
    from .pins import pin_digest

    rng = random.Random(seed)  # noqa: S311  (synthetic data)
    service_type = ServiceType.objects.get(code="akta-kelahiran")
    offices = [
        o
        for o in [integrations.office_by_code(integrations.DISDUKCAPIL_CODE)]
        + integrations.district_offices()
        if o is not None
    ]
    if not offices:
        raise ValueError("no offices: run load_areas and load_opds first")
    residents = list(Resident.objects.values_list("nik", "full_name")[:5000]) or [
        ("3374011705900001", "Warga Uji")
    ]
    states = [
        (Status.ISSUED, 55),
        (Status.CLOSED, 15),
        (Status.SUBMITTED, 8),
        (Status.IN_REVIEW, 5),
        (Status.NEEDS_CORRECTION, 4),
        (Status.RESUBMITTED, 2),
        (Status.AWAITING_SIGNATURE, 3),
        (Status.REJECTED, 4),
        (Status.CANCELLED, 4),
    ]
    names, weights = [s for s, _w in states], [w for _s, w in states]
    now = timezone.now()
    start = Application.objects.count()
    made = 0
    while made < count:
        rows = []
        for i in range(min(batch, count - made)):
            n = start + made + i
            status = rng.choices(names, weights)[0]
            submitted = now - dt.timedelta(minutes=rng.randint(0, 365 * 24 * 60))
            office = offices[0] if rng.random() < 0.6 else rng.choice(offices)
            nik, name = rng.choice(residents)
            rows.append(
                Application(
                    tracking_number=f"KP-B{n:011d}",
                    pin_hash=pin_digest("123456", f"KP-B{n:011d}"),
                    citizen=citizen,
                    applicant_nik=nik,
                    applicant_name=name,
                    service_type=service_type,
                    status=status,
                    data={"child_name": name, "mother_nik": nik},
                    office=office,
                    district_id=office.district_id,
                    submitted_at=submitted,
                    due_date=timezone.localdate(submitted) + dt.timedelta(days=rng.randint(3, 5)),
                    created_at=submitted,
                )
            )
        with transaction.atomic():
            created = Application.objects.bulk_create(rows)
            events = [
                ApplicationEvent(
                    application=a,
                    from_status=Status.DRAFT,
                    to_status=Status.SUBMITTED,
                    at=a.submitted_at,
                    office_id=a.office_id,
                )
                for a in created
            ]
            # Issued ones carry their issue event (what the transparency figures time): most
            # within the promise, some late.
            for a in created:
                if a.status in (Status.ISSUED, Status.CLOSED):
                    at = min(now, a.submitted_at + dt.timedelta(hours=rng.randint(2, 8 * 24)))
                    events.append(
                        ApplicationEvent(
                            application=a,
                            action="issue",
                            from_status=Status.AWAITING_SIGNATURE,
                            to_status=Status.ISSUED,
                            at=at,
                            office_id=a.office_id,
                        )
                    )
            ApplicationEvent.objects.bulk_create(events, batch_size=5000)
        made += len(rows)
    return made
