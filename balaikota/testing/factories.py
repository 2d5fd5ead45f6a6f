"""factory_boy factories for people, organisations and roles."""

from __future__ import annotations

import datetime as dt

import factory
from allauth.account.models import EmailAddress

from balaikota.accounts.models import Role, User
from balaikota.accounts.services import role_grant
from balaikota.organization.models import Employee, Opd, Position, Province, Rank, Regency, Unit


def make_nik(
    seq: int,
    *,
    district: str = "337401",
    birth: dt.date = dt.date(1990, 5, 17),
    female: bool = False,
) -> str:
    day = birth.day + (40 if female else 0)
    return f"{district}{day:02d}{birth.month:02d}{birth.year % 100:02d}{seq % 9999 + 1:04d}"


def make_nip(
    seq: int,
    *,
    birth: dt.date = dt.date(1985, 3, 12),
    tmt: tuple[int, int] = (2010, 3),
    female: bool = False,
) -> str:
    return f"{birth:%Y%m%d}{tmt[0]:04d}{tmt[1]:02d}{2 if female else 1}{seq % 999 + 1:03d}"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"warga{n}")
    full_name = factory.Faker("name", locale="id_ID")
    email = factory.Sequence(lambda n: f"warga{n}@contoh.id")
    kind = User.Kind.CITIZEN
    password = factory.django.Password("Rahasia-Uji-123")

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create and self.email:
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


class CitizenFactory(UserFactory):
    nik = factory.Sequence(lambda n: make_nik(n))

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create:
            role_grant(user=self, role=Role.CITIZEN)


def _regency() -> Regency:
    province, _ = Province.objects.get_or_create(code="33", defaults={"name": "Jawa Tengah"})
    regency, _ = Regency.objects.get_or_create(
        code="33.74", defaults={"province": province, "name": "Kota Semarang"}
    )
    return regency


class OpdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opd

    code = factory.Sequence(lambda n: f"opd-{n}")
    name = factory.Sequence(lambda n: f"Dinas Uji {n}")
    short_name = factory.Sequence(lambda n: f"DU{n}")
    kind = Opd.Kind.DINAS
    regency = factory.LazyFunction(_regency)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    opd = factory.SubFactory(OpdFactory)
    name = factory.Sequence(lambda n: f"Bidang {n}")
    # An OPD has one root unit (the OPD itself); further units hang under it.
    parent = factory.LazyAttribute(
        lambda o: Unit.objects.filter(opd=o.opd, parent__isnull=True).first()
    )


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    unit = factory.SubFactory(UnitFactory)
    name = factory.Sequence(lambda n: f"Analis {n}")
    kind = Position.Kind.EXECUTOR


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee
        skip_postgeneration_save = True

    nip = factory.Sequence(lambda n: make_nip(n))
    full_name = factory.Faker("name", locale="id_ID")
    user = factory.LazyAttribute(
        lambda o: UserFactory(
            username=o.nip, nip=o.nip, full_name=o.full_name, kind=User.Kind.EMPLOYEE
        )
    )
    employment_type = Employee.EmploymentType.PNS
    position = factory.SubFactory(PositionFactory)
    unit = factory.LazyAttribute(lambda o: o.position.unit)
    rank = factory.LazyFunction(
        lambda: Rank.objects.get_or_create(
            scheme="pns", code="III/a", defaults={"title": "Penata Muda", "order": 9}
        )[0]
    )

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create:
            role_grant(user=self.user, role=Role.CIVIL_SERVANT)


def unit_in_opd(opd: Opd) -> Unit:
    """A new unit of ``opd``: its root unit if it has none yet, else a child of the root.

    UnitFactory(opd=opd) always makes a root unit, and an OPD has only one, so a second
    employee of the same OPD needs this (``EmployeeFactory(position__unit=unit_in_opd(opd))``).
    """
    root = Unit.objects.filter(opd=opd, parent__isnull=True).first()
    return UnitFactory(opd=opd) if root is None else UnitFactory(opd=opd, parent=root)
