"""The SIAK boundary: what the platform asks of a population register, as plain data.

Other apps may import this module. ``get_population_register()`` returns the configured
implementation (``settings.CIVIL_REGISTRY_POPULATION_REGISTER``, a dotted path; the default is
the local register backed by our own tables, ``register.LocalPopulationRegister``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class FamilyMember:
    nik: str
    full_name: str
    sex: str  # "L" / "P"
    birth_date: dt.date
    relationship: str  # kepala, pasangan, anak, …
    is_alive: bool = True


@dataclass(frozen=True)
class ResidentRecord:
    nik: str
    full_name: str
    sex: str
    birth_place: str
    birth_date: dt.date
    religion: str
    marital_status: str
    relationship: str
    address: str
    village_code: str  # "33.74.01.1001"; "" when unknown
    village_name: str
    district_code: str
    kk_number: str
    mother_nik: str = ""
    father_nik: str = ""
    is_alive: bool = True
    family_members: tuple[FamilyMember, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class FamilyRecord:
    kk_number: str
    head_nik: str
    address: str
    village_code: str
    district_code: str
    members: tuple[FamilyMember, ...]


@dataclass(frozen=True)
class Newborn:
    full_name: str
    sex: str
    birth_place: str
    birth_date: dt.date
    mother_nik: str
    father_nik: str = ""
    kk_number: str = ""
    religion: str = ""
    nik: str = ""  # assigned by the caller (see register.next_nik) or by the register


class PopulationRegister(Protocol):
    def lookup_resident(self, nik: str) -> ResidentRecord | None: ...

    def family_of(self, kk_number: str) -> FamilyRecord | None: ...

    def next_nik(self, *, district_code: str, birth_date: dt.date, female: bool) -> str: ...

    def add_newborn(self, newborn: Newborn) -> ResidentRecord: ...

    def record_death(self, *, nik: str, death_date: dt.date) -> ResidentRecord | None: ...


def get_population_register() -> PopulationRegister:
    path = getattr(
        settings,
        "CIVIL_REGISTRY_POPULATION_REGISTER",
        "balaikota.civil_registry.register.LocalPopulationRegister",
    )
    return import_string(path)()
