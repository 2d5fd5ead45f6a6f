"""Catalogue entries for tests."""

import factory

from balaikota.catalogue.models import PublicService, ServiceRequirement
from balaikota.testing.factories import OpdFactory


class PublicServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicService

    opd = factory.SubFactory(OpdFactory)
    name = factory.Sequence(lambda n: f"Layanan Uji {n}")
    slug = factory.Sequence(lambda n: f"layanan-uji-{n}")
    summary = "Ringkasan layanan uji."
    requirements = "1. KTP-el."
    procedure = "1. Ajukan daring."
    service_time_days = 3
    product = "Dokumen elektronik."
    complaint_handling = "Lapor Semar."
    legal_basis = "UU 24/2013."
    facilities = "Loket."
    staff_competence = "Terlatih."
    internal_supervision = "Atasan langsung."
    service_guarantee = "Tepat waktu."
    security_guarantee = "TTE."
    performance_evaluation = "SKM."


class ServiceRequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceRequirement

    service = factory.SubFactory(PublicServiceFactory)
    name = factory.Sequence(lambda n: f"Persyaratan {n}")
    order = factory.Sequence(lambda n: n)
