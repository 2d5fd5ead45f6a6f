"""The local population register: the PopulationRegister protocol over our own tables."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max

from . import integrations
from .interfaces import FamilyMember, FamilyRecord, Newborn, ResidentRecord
from .models import Family, FamilyRelationship, MaritalStatus, Resident


def _member(resident: Resident) -> FamilyMember:
    return FamilyMember(
        nik=resident.nik,
        full_name=resident.full_name,
        sex=resident.sex,
        birth_date=resident.birth_date,
        relationship=resident.relationship,
        is_alive=resident.is_alive,
    )


def _district_code(village_code: str) -> str:
    return village_code[:8] if village_code else ""


def _record(resident: Resident, members: tuple[FamilyMember, ...] = ()) -> ResidentRecord:
    family = resident.family
    village = family.village if family else None
    return ResidentRecord(
        nik=resident.nik,
        full_name=resident.full_name,
        sex=resident.sex,
        birth_place=resident.birth_place,
        birth_date=resident.birth_date,
        religion=resident.religion,
        marital_status=resident.marital_status,
        relationship=resident.relationship,
        address=family.address if family else "",
        village_code=village.code if village else "",
        village_name=village.name if village else "",
        district_code=_district_code(village.code) if village else "",
        kk_number=family.kk_number if family else "",
        mother_nik=resident.mother_nik,
        father_nik=resident.father_nik,
        is_alive=resident.is_alive,
        family_members=members,
    )


class LocalPopulationRegister:
    """Residents and families in this database (seeded by ``manage.py seed_population``)."""

    def lookup_resident(self, nik: str) -> ResidentRecord | None:
        resident = (
            Resident.objects.select_related("family__village").filter(nik=str(nik or "")).first()
        )
        if resident is None:
            return None
        members: tuple[FamilyMember, ...] = ()
        if resident.family_id:
            members = tuple(
                _member(r) for r in resident.family.members.order_by("birth_date", "nik")
            )
        return _record(resident, members)

    def family_of(self, kk_number: str) -> FamilyRecord | None:
        family = (
            Family.objects.select_related("head", "village")
            .filter(kk_number=str(kk_number or ""))
            .first()
        )
        if family is None:
            return None
        village_code = family.village_id or ""
        return FamilyRecord(
            kk_number=family.kk_number,
            head_nik=family.head.nik if family.head else "",
            address=family.address,
            village_code=village_code,
            district_code=_district_code(village_code),
            members=tuple(_member(r) for r in family.members.order_by("birth_date", "nik")),
        )

    @transaction.atomic
    def next_nik(self, *, district_code: str, birth_date: dt.date, female: bool) -> str:
        """District (PPKKCC) + DDMMYY (day + 40 for women) + the next free sequence."""
        region = district_code.replace(".", "")
        day = birth_date.day + (40 if female else 0)
        prefix = f"{region}{day:02d}{birth_date:%m%y}"
        highest = Resident.objects.filter(nik__startswith=prefix).aggregate(m=Max("nik"))["m"]
        start = int(highest[12:]) if highest else 0
        sequence = integrations.sequence_next(kind="nik", unit=prefix, start_from=start)
        return f"{prefix}{sequence:04d}"

    @transaction.atomic
    def add_newborn(self, newborn: Newborn) -> ResidentRecord:
        existing = Resident.objects.filter(nik=newborn.nik).first() if newborn.nik else None
        if existing is not None:  # a retried issue: the child is already registered
            return self.lookup_resident(existing.nik)
        mother = Resident.objects.select_related("family").filter(nik=newborn.mother_nik).first()
        family = None
        if newborn.kk_number:
            family = Family.objects.filter(kk_number=newborn.kk_number).first()
        if family is None and mother is not None:
            family = mother.family
        nik = newborn.nik
        if not nik:
            district = (family.village_id or "")[:8] if family else ""
            nik = self.next_nik(
                district_code=district or newborn.mother_nik[:6],
                birth_date=newborn.birth_date,
                female=newborn.sex == "P",
            )
        resident = Resident.objects.create(
            nik=nik,
            full_name=newborn.full_name,
            sex=newborn.sex,
            birth_place=newborn.birth_place,
            birth_date=newborn.birth_date,
            religion=newborn.religion or (mother.religion if mother else ""),
            marital_status=MaritalStatus.SINGLE,
            relationship=FamilyRelationship.CHILD,
            family=family,
            mother_nik=newborn.mother_nik,
            father_nik=newborn.father_nik,
        )
        return self.lookup_resident(resident.nik)

    @transaction.atomic
    def record_death(self, *, nik: str, death_date: dt.date) -> ResidentRecord | None:
        resident = Resident.objects.select_for_update().filter(nik=nik).first()
        if resident is None:
            return None
        resident.is_alive = False
        resident.death_date = death_date
        resident.save(update_fields=["is_alive", "death_date", "updated_at"])
        return self.lookup_resident(nik)
