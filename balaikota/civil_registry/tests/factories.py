"""Factories and ready-made scenes for civil-registration tests: areas, the register, files."""

from __future__ import annotations

import datetime as dt
import io

import factory

from balaikota.civil_registry.models import (
    Family,
    FamilyRelationship,
    MaritalStatus,
    Resident,
    ServiceType,
)
from balaikota.organization.models import District, Village
from balaikota.testing.factories import _regency, make_nik

SEMARANG_TENGAH = "33.74.01"


def later_today(minutes: int = 30) -> dt.datetime:
    """A moment soon, but still today in Asia/Jakarta (a slot "in 30 minutes" at 23:45 WIB is
    tomorrow's, and check-in happens on the day)."""
    from django.utils import timezone

    now = timezone.localtime()
    midnight = (now + dt.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return min(now + dt.timedelta(minutes=minutes), now + (midnight - now) / 2)


def district(code: str = SEMARANG_TENGAH, name: str = "Semarang Tengah") -> District:
    found, _created = District.objects.get_or_create(
        code=code, defaults={"regency": _regency(), "name": name}
    )
    return found


def village(code: str = "33.74.01.1001", name: str = "Pekunden") -> Village:
    found, _created = Village.objects.get_or_create(
        code=code, defaults={"district": district(code[:8]), "name": name}
    )
    return found


class FamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Family

    kk_number = factory.Sequence(lambda n: f"337401{dt.date(2015, 1, 1):%d%m%y}{n % 9999 + 1:04d}")
    address = factory.Sequence(lambda n: f"Jl. Pemuda No. {n + 1}")
    village = factory.LazyFunction(village)


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident

    class Params:
        female = False
        born = dt.date(1990, 5, 17)

    nik = factory.LazyAttributeSequence(
        lambda o, n: make_nik(n + 5000, birth=o.born, female=o.female)
    )
    full_name = factory.Faker("name", locale="id_ID")
    sex = factory.LazyAttribute(lambda o: "P" if o.female else "L")
    birth_place = "Semarang"
    birth_date = factory.LazyAttribute(lambda o: o.born)
    religion = "islam"
    marital_status = MaritalStatus.MARRIED
    relationship = FamilyRelationship.HEAD
    family = factory.SubFactory(FamilyFactory)


def household(*, mother_born=dt.date(1994, 3, 9), father_born=dt.date(1991, 7, 2)):
    """A family in Semarang Tengah: father (head) and mother."""
    family = FamilyFactory()
    father = ResidentFactory(family=family, born=father_born, full_name="Budi Hartono")
    mother = ResidentFactory(
        family=family,
        born=mother_born,
        female=True,
        full_name="Siti Aminah",
        relationship=FamilyRelationship.SPOUSE,
    )
    family.head = father
    family.save(update_fields=["head"])
    return family, father, mother


def birth_service() -> ServiceType:
    return ServiceType.objects.get(code="akta-kelahiran")


def pdf_bytes(pages: int = 1) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _i in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def png_bytes(size=(20, 20)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 10, 10)).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes(size=(20, 20)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 200, 10)).save(buffer, format="JPEG")
    return buffer.getvalue()


EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def birth_data(mother: Resident, father: Resident | None, **overrides) -> dict:
    data = {
        "child_name": "Raka Pratama",
        "child_sex": "L",
        "birth_date": (dt.date.today() - dt.timedelta(days=10)).isoformat(),  # noqa: DTZ011
        "birth_time": "08:30",
        "birth_place_kind": "rs",
        "birth_place_name": "RSUD K.R.M.T. Wongsonegoro",
        "birth_city": "Semarang",
        "birth_order": 1,
        "birth_weight_kg": "3.2",
        "birth_length_cm": 49,
        "mother_nik": mother.nik,
        "father_nik": father.nik if father else "",
        "marriage_recorded": "ya",
        "kk_number": mother.family.kk_number if mother.family_id else "",
        "reporter_nik": (father or mother).nik,
        "reporter_relationship": "ayah" if father else "ibu",
    }
    data.update(overrides)
    return data


def after_commit():
    """Run what the code leaves for after the commit (the document rendering, the signature):
    a test's transaction never commits, so the callbacks are run when this block ends."""
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def approve_now(**kwargs):
    """``services.application_approve`` and what follows its commit (the document is made)."""
    from balaikota.civil_registry import services

    with after_commit():
        application = services.application_approve(**kwargs)
    application.refresh_from_db()
    return application
