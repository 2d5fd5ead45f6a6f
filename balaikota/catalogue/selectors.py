"""Reads of the public-service catalogue (public pages, the API, and other apps)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import reduce
from operator import or_
from types import SimpleNamespace

from django.db import connection
from django.db.models import BooleanField, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL

from balaikota.organization.selectors import opds_active

from . import search
from .data.catalogue import DISDUKCAPIL_OPD_CODE
from .models import (
    LifeEvent,
    PublicService,
    ServiceCharter,
    ServiceLocation,
    ServiceRequirement,
    ServiceStandardVersion,
)

MAX_SEARCH_RESULTS = 200
# What a list of services does not show: read only on the service's own page.
LIST_DEFERRED = (
    "keywords",
    "requirements",
    "procedure",
    "product",
    "complaint_handling",
    "legal_basis",
    "facilities",
    "staff_competence",
    "internal_supervision",
    "service_guarantee",
    "security_guarantee",
    "performance_evaluation",
    "search_name",
    "search_terms",
    "search_body",
)


def public_services_active(*, opd_code: str = "", life_event: str = "") -> QuerySet[PublicService]:
    """Active services by name, optionally only those of the OPD ``opd_code`` or of the life
    event ``life_event`` (a slug)."""
    services = (
        PublicService.objects.filter(is_active=True).select_related("opd").defer(*LIST_DEFERRED)
    )
    if opd_code:
        services = services.filter(opd__code=opd_code)
    if life_event:
        services = services.filter(life_events__slug=life_event)
    return services.order_by("name", "pk")


class RankedServices(Sequence):
    """Services in the order of ``pks``, read from the database only for the slice asked for
    (a page), so a search that matches the whole catalogue reads one page of rows."""

    def __init__(self, pks: list[int]):
        self.pks = pks

    def __len__(self) -> int:
        return len(self.pks)

    def __getitem__(self, index):
        wanted = self.pks[index] if isinstance(index, slice) else [self.pks[index]]
        rows = PublicService.objects.select_related("opd").defer(*LIST_DEFERRED).in_bulk(wanted)
        found = [rows[pk] for pk in wanted if pk in rows]
        return found if isinstance(index, slice) else found[0]

    def __iter__(self):
        return iter(self[:])


@dataclass
class SearchResult:
    """Services matching a query, best first, and the typed words read as other words."""

    services: Sequence[PublicService]
    corrections: dict[str, str] = field(default_factory=dict)
    understood: bool = True  # False when the query held no word that can be searched

    @property
    def slugs(self) -> list[str]:
        return [service.slug for service in self.services[:]]


def _candidates(services: QuerySet[PublicService], terms: set[str]) -> QuerySet[PublicService]:
    if connection.vendor == "postgresql":
        table = PublicService._meta.db_table
        # The table name is ours and the terms are [a-z0-9] only, passed as a parameter.
        # search_vector: a stored column PostgreSQL computes from the three fields (migration
        # catalogue 0002), with a GIN index.
        matches = RawSQL(  # noqa: S611
            f"{table}.search_vector @@ to_tsquery('simple', %s)",
            [search.tsquery(terms)],
            output_field=BooleanField(),
        )
        return services.annotate(search_matches=matches).filter(search_matches=True)
    padded = [f" {term} " for term in terms]
    condition = reduce(
        or_,
        (
            Q(search_name__contains=t) | Q(search_terms__contains=t) | Q(search_body__contains=t)
            for t in padded
        ),
    )
    return services.filter(condition)


def public_services_search(query: str, *, opd_code: str = "", life_event: str = "") -> SearchResult:
    """Active services matching ``query`` the way citizens type it (see ``search``), best first.

    An empty query lists every service by name."""
    services = public_services_active(opd_code=opd_code, life_event=life_event)
    if not query.strip():
        return SearchResult(services=services)
    vocab = search.vocabulary()
    analysed = search.analyse(query, vocab)
    terms = analysed.terms
    if not terms:
        return SearchResult(services=[], understood=False)
    rows = _candidates(services, terms).values_list(
        "pk", "search_name", "search_terms", "search_body"
    )
    documents = [search.Document(*row) for row in rows]
    ranked = search.rank(documents, analysed, vocab)[:MAX_SEARCH_RESULTS]
    return SearchResult(services=RankedServices(ranked), corrections=analysed.corrections)


def life_events_having_services() -> QuerySet[LifeEvent]:
    """Life events that have at least one active service, in their order."""
    return LifeEvent.objects.filter(services__is_active=True).distinct().order_by("order", "name")


def life_events_with_services() -> list[LifeEvent]:
    return list(life_events_having_services())


def life_event_by_slug(slug: str) -> LifeEvent | None:
    return LifeEvent.objects.filter(slug=slug).first()


def service_locations(service: PublicService) -> QuerySet[ServiceLocation]:
    """The service's places, ordered. Lazy: a page that reuses its drawn standard never asks."""
    return service.locations.order_by("kind", "name")


def service_requirements(service: PublicService) -> QuerySet[ServiceRequirement]:
    """The service's requirement rows in their order. Lazy, like ``service_locations``."""
    return service.requirement_items.order_by("order", "pk")


def service_life_events(service: PublicService) -> QuerySet[LifeEvent]:
    """The life events the service belongs to. Lazy, like ``service_locations``."""
    return service.life_events.order_by("order", "name")


def public_service_page(slug: str) -> PublicService | None:
    """The active service with its OPD and nothing more: the service page draws the standard's
    sections (requirements, places, life events) once per catalogue version and asks for
    them only then (``service_requirements``…)."""
    return PublicService.objects.select_related("opd").filter(is_active=True, slug=slug).first()


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


def service_opd_by_code(code: str):
    """The OPD ``code`` when it runs at least one active service, else None."""
    return opds_active().filter(code=code, public_services__is_active=True).distinct().first()


def service_charter(opd):
    return ServiceCharter.objects.filter(opd=opd).first()


def opd_locations(opd) -> list[ServiceLocation]:
    """Where the OPD's services are given: its own offices first, then the others."""
    own = list(ServiceLocation.objects.filter(opd=opd).order_by("name"))
    shared = list(
        ServiceLocation.objects.filter(services__opd=opd, services__is_active=True)
        .exclude(opd=opd)
        .distinct()
        .order_by("kind", "name")
    )
    return own + shared


def service_opd_rows() -> list[tuple[str, str, str]]:
    """(code, name, short name) of the OPDs that run at least one active service."""
    return list(
        PublicService.objects.filter(is_active=True)
        .order_by("opd__name")
        .values_list("opd__code", "opd__name", "opd__short_name")
        .distinct()
    )


def service_locations_all():
    return ServiceLocation.objects.select_related("opd").order_by("kind", "name")


def public_services_by_pks(pks) -> QuerySet[PublicService]:
    """Services (active or not) by primary key, with their OPD: for reports that keep history."""
    return PublicService.objects.filter(pk__in=pks).select_related("opd")


def search_index_text(*texts: str) -> str:
    """``texts`` analysed as the catalogue search analyses them (stems, space-padded): for other
    apps that look for similar texts (complaints)."""
    return search.index_text(*texts)


def search_query_stems(text: str) -> list[str]:
    """The distinct stems of ``text`` that are not stop words, in order."""
    return list(dict.fromkeys(search.stems(text)))


# --- versions of a standard ----------------------------------------------------------------------


class StandardSnapshot:
    """A version's kept standard with the attributes of a ``PublicService`` the standard's
    sections read (``service_time_days``, ``fee``, ``is_free``…), so one template draws both."""

    def __init__(self, content: dict):
        for name in ServiceStandardVersion.STANDARD_FIELDS:
            setattr(self, name, content.get(name, ""))
        self.fee = Decimal(str(content.get("fee") or "0"))
        self.requirement_items = [
            SimpleNamespace(
                name=item.get("name", ""),
                description=item.get("description", ""),
                is_mandatory=item.get("is_mandatory", True),
                substitutes=item.get("substitutes", ""),
            )
            for item in content.get("requirement_items", ())
        ]

    @property
    def is_free(self) -> bool:
        return self.fee == 0


@dataclass(frozen=True)
class VersionRow:
    """A version with the day it stopped being in force (the next one's first day), if it has."""

    version: ServiceStandardVersion
    until: date | None

    @property
    def in_force(self) -> bool:
        return self.until is None

    @property
    def last_day(self) -> date | None:
        """The last day this version was in force."""
        return self.until - timedelta(days=1) if self.until else None


def standard_versions(service: PublicService) -> QuerySet[ServiceStandardVersion]:
    """The service's versions, newest first. Lazy, like ``service_locations``."""
    return service.standard_versions.order_by("-number")


def standard_version_rows(service: PublicService) -> list[VersionRow]:
    """Every version, newest first, each with the day the next one replaced it."""
    rows, until = [], None
    for version in standard_versions(service):
        rows.append(VersionRow(version, until))
        until = version.effective_date
    return rows


def standard_version(service: PublicService, number: int) -> VersionRow | None:
    return next(
        (row for row in standard_version_rows(service) if row.version.number == number), None
    )


def public_services_with_standard() -> QuerySet[PublicService]:
    """Active services with everything their full standard shows: requirement rows, life events,
    places and the decrees it was published under (newest first, without the kept content)."""
    services = PublicService.objects.filter(is_active=True).select_related("opd")
    return services.defer(
        "keywords", "search_name", "search_terms", "search_body"
    ).prefetch_related(
        "requirement_items",
        "life_events",
        "locations__opd",
        Prefetch(
            "standard_versions",
            queryset=ServiceStandardVersion.objects.defer("content").order_by("-number"),
        ),
    )
