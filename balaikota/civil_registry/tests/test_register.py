"""The local population register and its synthetic seed."""

import datetime as dt

import pytest
from django.core.management import call_command

from balaikota.civil_registry.interfaces import Newborn, get_population_register
from balaikota.civil_registry.models import Family, Resident
from balaikota.core.identity import parse_nik

from .factories import district, household, village

pytestmark = pytest.mark.django_db


def test_seed_population_is_valid_and_deterministic():
    village("33.74.05.1001", "Tembalang")
    call_command("seed_population", residents=300, seed=7)
    residents = list(Resident.objects.order_by("nik"))
    assert 300 <= len(residents) < 310
    for resident in residents:
        nik = parse_nik(resident.nik, check_region=False)
        assert nik.district_code.startswith("33.74.")
        assert 1 <= int(nik.district_code[-2:]) <= 16
        assert nik.birth_date == resident.birth_date
        assert nik.is_female == (resident.sex == "P")
    families = Family.objects.all()
    assert all(f.head_id for f in families)
    children = [r for r in residents if r.relationship == "anak"]
    assert children and all(c.mother_nik and c.father_nik for c in children)
    mothers = {r.nik: r for r in residents}
    for child in children:
        age = (child.birth_date - mothers[child.mother_nik].birth_date).days / 365.25
        assert 10 <= age <= 65
    first = [r.nik for r in residents]
    call_command("seed_population", residents=300, seed=7)  # idempotent
    assert [r.nik for r in Resident.objects.order_by("nik")] == first


def test_lookup_family_and_newborn():
    district()
    kk, father, mother = household()
    register = get_population_register()
    record = register.lookup_resident(mother.nik)
    assert record.kk_number == kk.kk_number and record.district_code == "33.74.01"
    assert {m.nik for m in record.family_members} == {father.nik, mother.nik}
    nik = register.next_nik(district_code="33.74.01", birth_date=dt.date(2026, 11, 1), female=True)
    assert nik == "3374014111260001"
    again = register.next_nik(
        district_code="33.74.01", birth_date=dt.date(2026, 11, 1), female=True
    )
    assert again == "3374014111260002"
    child = register.add_newborn(
        Newborn(
            full_name="Putri",
            sex="P",
            birth_place="Semarang",
            birth_date=dt.date(2026, 11, 1),
            mother_nik=mother.nik,
            father_nik=father.nik,
            nik=nik,
        )
    )
    assert child.kk_number == kk.kk_number
    assert len(register.family_of(kk.kk_number).members) == 3
    assert register.lookup_resident("0000000000000000") is None
    dead = register.record_death(nik=father.nik, death_date=dt.date(2026, 11, 2))
    assert dead.is_alive is False
