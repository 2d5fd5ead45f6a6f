"""Reads of the public-service catalogue (public pages, the API, and other apps)."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from balaikota.organization.selectors import opds_active

from .data.catalogue import DISDUKCAPIL_OPD_CODE
from .models import PublicService, ServiceRequirement


def public_services_active(*, search: str = "", opd_code: str = "") -> QuerySet[PublicService]:
    """Active services by name, optionally matching ``search`` and run by the OPD ``opd_code``."""
    services = PublicService.objects.filter(is_active=True).select_related("opd")
    search = search.strip()
    if search:
        services = services.filter(Q(name__icontains=search) | Q(summary__icontains=search))
    if opd_code:
        services = services.filter(opd__code=opd_code)
    return services.order_by("name", "pk")


def public_service_by_slug(slug: str, *, include_inactive: bool = False) -> PublicService | None:
    """The service with its requirement rows (ordered), or None when there is no such service."""
    services = PublicService.objects.select_related("opd").prefetch_related(
        Prefetch("requirement_items", queryset=ServiceRequirement.objects.order_by("order", "pk"))
    )
    if not include_inactive:
        services = services.filter(is_active=True)
    return services.filter(slug=slug).first()


def public_service_opds() -> list[tuple[str, str]]:
    """(code, name) of the OPDs that run at least one active service: the list filter's choices."""
    return list(
        PublicService.objects.filter(is_active=True)
        .order_by("opd__name")
        .values_list("opd__code", "opd__name")
        .distinct()
    )


def catalogue_opd(code: str = DISDUKCAPIL_OPD_CODE):
    """The OPD that runs the seeded civil-registration services, found by code, else by name."""
    opds = opds_active()
    return opds.filter(code=code).first() or opds.filter(name__icontains="Kependudukan").first()
