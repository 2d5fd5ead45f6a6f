"""Factories of competency development for tests."""

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from balaikota.competency.models import ClassSession, ClassStatus, Programme, TrainingClass


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    code = factory.Sequence(lambda n: f"program-{n}")
    title = factory.Sequence(lambda n: f"Pelatihan Uji {n}")
    summary = "Pelatihan untuk pengujian."
    mode = "training"
    jp = Decimal("12")
    min_attendance_percent = 80
    pass_mark = None


class TrainingClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingClass

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Angkatan {n}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=10))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + dt.timedelta(days=1))
    enrolment_closes_on = factory.LazyAttribute(lambda o: o.starts_on - dt.timedelta(days=2))
    capacity = 2
    status = ClassStatus.OPEN
    place = "Gedung Moch. Ichsan Lt. 8"


class ClassSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClassSession

    training_class = factory.SubFactory(TrainingClassFactory)
    title = factory.Sequence(lambda n: f"Sesi {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(minutes=10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))
    check_in_code = factory.Sequence(lambda n: f"kode-{n}")
