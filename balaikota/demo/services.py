"""Seeding a demo city: areas, ranks, agencies, 300 civil servants, 50 citizens, one login per role.

Everything is deterministic (``random.Random(2026)``, a fixed reference year, fixed demo NIPs), so
running the seed again finds every row in place and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import Counter
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.db.models import Q

from balaikota.accounts.models import Role, User
from balaikota.accounts.services import role_grant
from balaikota.catalogue.services import service_catalogue_load
from balaikota.organization.data.ranks import PNS_RANKS
from balaikota.organization.data.semarang_opd import OpdSpec
from balaikota.organization.models import Employee, Opd, Position, Unit
from balaikota.organization.services import (
    SEMARANG,
    areas_load,
    employees_import_commit,
    opd_structure_load,
    ranks_load,
    semarang_opd_specs,
)
from balaikota.satisfaction.demo import satisfaction_demo_seed

from . import names
from .logins import DEMO_ACCOUNTS, DemoAccount

SEED = 2026
# Dates in synthetic NIPs are drawn relative to this year, not today, so they never change.
REFERENCE_YEAR = 2025
PPPK_SHARE = 0.15
HEAD_SHARE = 0.5  # at most this share of the employees hold head posts
AREA_CHOICES = ("all", "semarang", "none")

_PNS_CODES = [code for code, _title in PNS_RANKS]
_RANK_BY_ECHELON = {
    "II.a": ("IV/c", "IV/d"),
    "II.b": ("IV/b", "IV/c"),
    "III.a": ("IV/a", "IV/b"),
    "III.b": ("III/d", "IV/a"),
    "IV.a": ("III/c", "III/d"),
}
_RANK_BY_GRADE = (  # functional grades, by a word in the position name
    ("Ahli Utama", ("IV/d", "IV/e"), "XIII"),
    ("Ahli Madya", ("IV/a", "IV/c"), "XI"),
    ("Ahli Muda", ("III/c", "III/d"), "X"),
    ("Ahli Pertama", ("III/a", "III/b"), "IX"),
    ("Penyelia", ("III/c", "III/d"), "VIII"),
    ("Mahir", ("III/a", "III/b"), "VII"),
    ("Terampil", ("II/c", "II/d"), "VII"),
)


@dataclass
class DemoSeedResult:
    areas_seconds: float = 0.0
    seconds: float = 0.0
    employees: int = 0
    citizens: int = 0
    employees_created: int = 0
    citizens_created: int = 0
    heads_filled: int = 0
    heads_total: int = 0
    passwords_set: int = 0


def demo_seed(*, areas: str = "all", employees: int = 300, citizens: int = 50) -> DemoSeedResult:
    """Load (or top up) the demo city. Idempotent; areas: all of Indonesia, Semarang, or none."""
    if areas not in AREA_CHOICES:
        raise ValueError(f"areas must be one of {AREA_CHOICES}")
    if employees < len([a for a in DEMO_ACCOUNTS if not a.is_citizen]):
        raise ValueError("too few employees for the demo accounts")
    result = DemoSeedResult()
    started = time.monotonic()
    if areas != "none":
        areas_load(regency=None if areas == "all" else SEMARANG)
    result.areas_seconds = time.monotonic() - started
    _seed_people(result, employees=employees, citizens=citizens)
    service_catalogue_load()
    satisfaction_demo_seed()
    result.seconds = time.monotonic() - started
    return result


@transaction.atomic
def _seed_people(result: DemoSeedResult, *, employees: int, citizens: int) -> None:
    rng = random.Random(SEED)
    ranks_load()
    opd_structure_load()
    rows, heads_filled, heads_total = _employee_rows(rng, employees)
    before = Employee.objects.count()
    employees_import_commit(rows=rows, actor=None)
    result.employees_created = Employee.objects.count() - before
    result.employees, result.heads_filled, result.heads_total = len(rows), heads_filled, heads_total
    citizen_users, result.citizens_created = _citizens(rng, citizens)
    result.citizens = len(citizen_users)
    staff_users = {u.nip: u for u in User.objects.filter(nip__in=[r["NIP"] for r in rows])}
    _demo_roles(staff_users)
    result.passwords_set = _passwords(list(staff_users.values()) + citizen_users)


# --- Civil servants --------------------------------------------------------------------------------


@dataclass
class _Slot:
    position: Position
    opd: OpdSpec
    depth: int

    @property
    def unit_name(self) -> str:
        return "" if self.depth == 0 else self.position.unit.name


def _slots() -> list[_Slot]:
    specs = {spec.code: spec for spec in semarang_opd_specs()}
    parents = dict(Unit.objects.filter(opd__code__in=specs).values_list("pk", "parent_id"))

    def depth(unit_id: int) -> int:
        level = 0
        while parents.get(unit_id):
            unit_id, level = parents[unit_id], level + 1
        return level

    positions = Position.objects.filter(unit__opd__code__in=specs).select_related("unit__opd")
    slots = [_Slot(p, specs[p.unit.opd.code], depth(p.unit_id)) for p in positions]
    slots.sort(key=lambda s: (s.opd.code, s.depth, s.position.unit.name, s.position.name))
    return slots


def _head_priority(slot: _Slot) -> int:
    if slot.opd.showcase:
        return 0
    if slot.depth == 0:
        return 1
    if slot.depth == 1 and slot.position.unit.name.startswith(("Sekretariat", "Bagian Umum")):
        return 2
    return 3


def _employee_rows(rng: random.Random, total: int) -> tuple[list[dict], int, int]:
    slots = _slots()
    by_key = {(s.opd.code, s.unit_name, s.position.name): s for s in slots}
    staff_accounts = [a for a in DEMO_ACCOUNTS if not a.is_citizen]
    taken: dict[int, DemoAccount] = {}
    for account in staff_accounts:
        slot = by_key.get((account.opd, account.unit, account.position))
        if slot is None:
            raise LookupError(f"demo position not in the structure: {account}")
        taken[id(slot)] = account

    heads = [s for s in slots if s.position.is_head]
    ranked: list[_Slot] = []
    for priority in range(4):
        group = [s for s in heads if _head_priority(s) == priority]
        if priority == 3:
            rng.shuffle(group)  # spread the remaining bidang heads over the agencies
        ranked += group
    budget = max(int(total * HEAD_SHARE), sum(1 for s in heads if id(s) in taken))
    filled_heads = [s for s in ranked if id(s) in taken]
    filled_heads += [s for s in ranked if id(s) not in taken][: budget - len(filled_heads)]
    led_units = {s.position.unit_id for s in filled_heads}

    staff_slots = [s for s in slots if not s.position.is_head]
    weights = [s.opd.weight * (3 if s.position.unit_id in led_units else 1) for s in staff_slots]
    demo_staff = [s for s in staff_slots if id(s) in taken]
    generated_staff = rng.choices(
        staff_slots, weights=weights, k=total - len(filled_heads) - len(demo_staff)
    )
    pppk = set(
        rng.sample(
            range(len(generated_staff)), min(len(generated_staff), round(total * PPPK_SHARE))
        )
    )

    used_nips = {a.login for a in staff_accounts}
    rows = []
    for slot in filled_heads + demo_staff:
        account = taken.get(id(slot))
        rows.append(_demo_row(account) if account else _person_row(rng, slot, "pns", used_nips))
    for index, slot in enumerate(generated_staff):
        employment = "pppk" if index in pppk else "pns"
        rows.append(_person_row(rng, slot, employment, used_nips))
    for number, row in enumerate(rows, start=1):
        if not row["EMAIL"]:
            row["EMAIL"] = f"{row.pop('_email_stem')}.{number:03d}@asn.balaikota.example"
        row.pop("_email_stem", None)
    return rows, len(filled_heads), len(heads)


def _demo_row(account: DemoAccount) -> dict:
    return {
        "NIP": account.login,
        "NAMA": account.full_name,
        "EMAIL": account.email,
        "JENIS_PEGAWAI": "PNS",
        "GOLONGAN": account.rank,
        "OPD": account.opd,
        "UNIT_KERJA": account.unit,
        "JABATAN": account.position,
        "JENIS_JABATAN": account.position_kind,
    }


def _rank_range(position: Position) -> tuple[str, str]:
    if position.kind == Position.Kind.STRUCTURAL:
        return _RANK_BY_ECHELON.get(position.echelon, ("III/c", "III/d"))
    for word, pns_range, _pppk in _RANK_BY_GRADE:
        if word in position.name:
            return pns_range
    return ("II/a", "III/b")  # pelaksana


def _pppk_grade(rng: random.Random, position: Position) -> str:
    for word, _pns_range, pppk in _RANK_BY_GRADE:
        if word in position.name:
            return pppk
    return rng.choice(("V", "VII"))


def _full_name(rng: random.Random, position: Position, female: bool) -> tuple[str, str]:
    first = rng.choice(names.FEMALE_FIRST if female else names.MALE_FIRST)
    last = rng.choice(names.FEMALE_LAST if female else names.MALE_LAST)
    prefix, suffix = "", ""
    for keyword, degree in names.DEGREE_BY_KEYWORD:
        if keyword in position.name:
            prefix, suffix = degree
            break
    else:
        if position.kind == Position.Kind.EXECUTOR:
            suffix = rng.choice(("", "", "A.Md."))
        else:
            suffix = rng.choice(names.GENERAL_DEGREES)
    if position.is_head and rng.random() < 0.6:
        suffix = f"{suffix}, {rng.choice(names.MASTER_DEGREES)}" if suffix else ""
    name = " ".join(p for p in (prefix, first, last) if p)
    return (f"{name}, {suffix}" if suffix else name), f"{first}.{last}".lower()


def _person_row(rng: random.Random, slot: _Slot, employment: str, used_nips: set[str]) -> dict:
    position = slot.position
    female = rng.random() < 0.5
    full_name, email_stem = _full_name(rng, position, female)
    if employment == "pns":
        low, high = _rank_range(position)
        rank = _PNS_CODES[rng.randint(_PNS_CODES.index(low), _PNS_CODES.index(high))]
        graduate = position.kind != Position.Kind.EXECUTOR or rng.random() < 0.3
        entry = _PNS_CODES.index("III/a" if graduate else "II/a")
        years = max(1, (_PNS_CODES.index(rank) - entry) * 4 + rng.randint(0, 3))
        tmt_year = REFERENCE_YEAR - years
        birth_year = tmt_year - (rng.randint(23, 32) if graduate else rng.randint(19, 26))
        birth_year = max(birth_year, REFERENCE_YEAR - 57)  # still below retirement age
        tmt_year = max(tmt_year, birth_year + 19)
    else:
        rank = _pppk_grade(rng, position)
        tmt_year = rng.choice((2021, 2022, 2023, 2024))
        birth_year = rng.randint(1976, 1999)
    birth = dt.date(birth_year, rng.randint(1, 12), rng.randint(1, 28))
    tmt_month = rng.choice((1, 2, 3, 3, 4, 12))
    stem = f"{birth:%Y%m%d}{tmt_year}{tmt_month:02d}{2 if female else 1}"
    sequence = 1
    while f"{stem}{sequence:03d}" in used_nips:
        sequence += 1
    nip = f"{stem}{sequence:03d}"
    used_nips.add(nip)
    return {
        "NIP": nip,
        "NAMA": full_name,
        "EMAIL": "",
        "_email_stem": email_stem,
        "JENIS_PEGAWAI": employment.upper(),
        "GOLONGAN": rank,
        "OPD": slot.opd.code,
        "UNIT_KERJA": slot.unit_name,
        "JABATAN": position.name,
        "JENIS_JABATAN": position.kind,
    }


# --- Citizens ------------------------------------------------------------------------------------


_PHONE_VERIFIED_AT = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)


def _citizen_specs(rng: random.Random, count: int) -> list[dict]:
    demo = next(a for a in DEMO_ACCOUNTS if a.is_citizen)
    people = [
        {
            "username": "warga001",
            "full_name": demo.full_name,
            "email": demo.email,
            "nik": demo.nik,
            "phone": "+6281234500001",
            "phone_verified_at": _PHONE_VERIFIED_AT,
        }
    ]
    for index in range(2, count + 1):
        female = rng.random() < 0.5
        first = rng.choice(names.FEMALE_FIRST if female else names.MALE_FIRST)
        last = rng.choice(names.FEMALE_LAST if female else names.MALE_LAST)
        birth = dt.date(rng.randint(1950, 2006), rng.randint(1, 12), rng.randint(1, 28))
        district = rng.randint(1, 16)
        day = birth.day + (40 if female else 0)
        nik = f"3374{district:02d}{day:02d}{birth:%m}{birth.year % 100:02d}{index:04d}"
        people.append(
            {
                "username": f"warga{index:03d}",
                "full_name": f"{first} {last}",
                "email": f"{first}.{last}.{index:03d}@warga.balaikota.example".lower(),
                "nik": nik,
                "phone": f"+628{rng.randint(11, 59)}{rng.randint(10**7, 10**8 - 1)}",
                # most confirmed their number with a code; some never did (no SMS for them)
                "phone_verified_at": _PHONE_VERIFIED_AT if index % 5 else None,
            }
        )
    return people[:count]


def _citizens(rng: random.Random, count: int) -> tuple[list[User], int]:
    people = _citizen_specs(rng, count)
    found = list(
        User.objects.filter(
            Q(nik__in=[p["nik"] for p in people]) | Q(username__in=[p["username"] for p in people])
        )
    )
    by_nik = {u.nik: u for u in found}
    by_username = {u.username: u for u in found}
    users, created = [], 0
    for person in people:
        user = by_nik.get(person["nik"]) or by_username.get(person["username"])
        if user is None:
            user = User(kind=User.Kind.CITIZEN, **person)
            user.set_unusable_password()  # replaced by the shared demo password below
            user.save()
            created += 1
        else:
            changed = [f for f, v in person.items() if getattr(user, f) != v]
            if changed:
                for f in changed:
                    setattr(user, f, person[f])
                user.save(update_fields=changed)
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        EmailAddress.objects.filter(user=user, email=user.email, verified=False).update(
            verified=True
        )
        role_grant(user=user, role=Role.CITIZEN)
        users.append(user)
    return users, created


# --- Roles, the back office, passwords -------------------------------------------------------------


def _demo_roles(staff_users: dict[str, User]) -> None:
    opds = {o.code: o for o in Opd.objects.filter(code__in={a.opd for a in DEMO_ACCOUNTS})}
    for account in DEMO_ACCOUNTS:
        if account.is_citizen or account.role == Role.CIVIL_SERVANT:
            continue  # the citizen got theirs; every employee is a civil servant already
        user = staff_users[account.login]
        role_grant(
            user=user, role=account.role, opd=opds[account.opd] if account.opd_scoped else None
        )
    # the platform admin's is_staff and back-office permissions come with role_grant and the
    # accounts migration 0003, as in a real deployment


def _passwords(users: list[User]) -> int:
    """Give every seeded person the demo password, hashing it once: all share one encoded hash,
    so a second run checks one hash instead of hashing hundreds of times."""
    password = settings.BALAIKOTA_DEMO_PASSWORD
    hashes = Counter(u.password for u in users if u.has_usable_password())
    reference = next(
        (encoded for encoded, _n in hashes.most_common(3) if check_password(password, encoded)),
        None,
    )
    if reference is None:
        reference = make_password(password)
    return (
        User.objects.filter(pk__in=[u.pk for u in users])
        .exclude(password=reference)
        .update(password=reference)
    )
