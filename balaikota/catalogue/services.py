"""Writes of the public-service catalogue: upsert a service and its requirements, load the seed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from balaikota.core.errors import Conflict, InvalidInput
from balaikota.organization import selectors as organization_selectors

from . import search, selectors
from .data.catalogue import DISDUKCAPIL_STANDARD
from .data.catalogue import SERVICES as CIVIL_REGISTRY_SERVICES
from .data.specs import OpdStandardSpec, ServiceSpec
from .models import (
    LifeEvent,
    PublicService,
    SearchSynonym,
    SearchTerm,
    ServiceCharter,
    ServiceLocation,
    ServiceRequirement,
    ServiceStandardVersion,
)

_SERVICE_FIELDS = frozenset(
    f.name
    for f in PublicService._meta.concrete_fields
    if f.editable and f.name not in {"id", "slug", "created_at", "updated_at"}
) | {"opd"}
_REQUIREMENT_FIELDS = frozenset({"order", "description", "is_mandatory", "substitutes"})
_SHARED_COMPONENTS = (
    "complaint_handling",
    "facilities",
    "staff_competence",
    "internal_supervision",
    "service_guarantee",
    "security_guarantee",
    "performance_evaluation",
)


class CatalogueOpdMissing(LookupError):
    """The OPD that runs the catalogue's services does not exist yet."""


@dataclass(frozen=True)
class CatalogueLoadResult:
    created: int
    updated: int
    unchanged: int
    skipped: int = 0  # services of OPDs that do not exist here


def _assign(instance, fields: Mapping) -> bool:
    """Set ``fields`` on ``instance``; True when any value actually changed."""
    changed = False
    for name, value in fields.items():
        field = instance._meta.get_field(name)
        if field.is_relation:
            new = value.pk if value is not None else None
        else:
            new = field.to_python(value) if value is not None else None
        if getattr(instance, field.attname) != new:
            changed = True
            setattr(instance, name, value if field.is_relation else new)
    return changed


def _service_upsert(slug: str, fields: Mapping) -> tuple[PublicService, str]:
    unknown = set(fields) - _SERVICE_FIELDS
    if unknown:
        raise TypeError(f"Kolom layanan tidak dikenal: {', '.join(sorted(unknown))}")
    service = PublicService.objects.select_for_update().filter(slug=slug).first()
    if service is None:
        service = PublicService(slug=slug)
        _assign(service, fields)
        service.full_clean()
        service.save()
        return service, "created"
    if not _assign(service, fields):
        return service, "unchanged"
    service.full_clean()
    service.save()
    return service, "updated"


@transaction.atomic
def public_service_upsert(*, slug: str, **fields) -> PublicService:
    """Create the service ``slug`` or update the given fields of it; validates with full_clean.

    Nothing is saved when nothing changed, so repeated loads leave ``updated_at`` alone; a
    change is indexed for search.
    """
    service, state = _service_upsert(slug, fields)
    if state != "unchanged":
        service_search_reindex()
    return service


def _requirement_upsert(service: PublicService, name: str, fields: Mapping):
    unknown = set(fields) - _REQUIREMENT_FIELDS
    if unknown:
        raise TypeError(f"Kolom persyaratan tidak dikenal: {', '.join(sorted(unknown))}")
    requirement = (
        ServiceRequirement.objects.select_for_update().filter(service=service, name=name).first()
    )
    if requirement is None:
        requirement = ServiceRequirement(service=service, name=name, **fields)
    elif not _assign(requirement, fields):
        return requirement, False
    requirement.full_clean()
    requirement.save()
    return requirement, True


@transaction.atomic
def service_requirement_upsert(
    *,
    service: PublicService,
    name: str,
    order: int = 0,
    description: str = "",
    is_mandatory: bool = True,
    substitutes: str = "",
) -> ServiceRequirement:
    """Create or update the requirement called ``name`` of ``service``."""
    fields = {
        "order": order,
        "description": description,
        "is_mandatory": is_mandatory,
        "substitutes": substitutes,
    }
    return _requirement_upsert(service, name, fields)[0]


def _requirements_sync(service: PublicService, requirements: Sequence[Mapping]):
    rows, changed = [], False
    for order, item in enumerate(requirements, start=1):
        fields = {"description": "", "is_mandatory": True, "substitutes": "", **item}
        name = fields.pop("name")
        fields["order"] = order
        row, row_changed = _requirement_upsert(service, name, fields)
        rows.append(row)
        changed |= row_changed
    stale = ServiceRequirement.objects.filter(service=service).exclude(
        pk__in=[row.pk for row in rows]
    )
    deleted, _detail = stale.delete()
    return rows, changed or deleted > 0


@transaction.atomic
def service_requirements_sync(
    *, service: PublicService, requirements: Sequence[Mapping]
) -> list[ServiceRequirement]:
    """Make ``service``'s requirement rows exactly ``requirements``, in that order.

    Each item is a mapping with ``name`` and optionally ``description``, ``is_mandatory`` and
    ``substitutes``; rows whose name is not in the list are deleted.
    """
    return _requirements_sync(service, requirements)[0]


def requirements_text(spec: ServiceSpec) -> str:
    """The requirements as one numbered text (component 1 as a decree writes it)."""
    lines = []
    for number, item in enumerate(spec.requirements, start=1):
        line = f"{number}. {item.name}"
        if item.description:
            line += f" — {item.description}"
        if not item.is_mandatory:
            line += " (bila diperlukan)"
        if item.substitutes:
            line += f"; bila tidak ada, dapat diganti dengan {item.substitutes}"
        lines.append(line + ".")
    return "\n".join(lines)


def _spec_fields(spec: ServiceSpec, standard: OpdStandardSpec, opd, extras: dict) -> dict:
    shared = {name: getattr(standard, name) for name in _SHARED_COMPONENTS}
    keywords = (*spec.keywords, *extras.get("keywords", ()))
    return {
        "opd": opd,
        "name": spec.name,
        "summary": spec.summary,
        "is_online": spec.is_online,
        "online_url": spec.online_url,
        "is_active": True,
        "is_demo_content": True,
        "keywords": "\n".join(dict.fromkeys(keywords)),
        "requirements": requirements_text(spec),
        "procedure": spec.procedure,
        "service_time_days": spec.service_time_days,
        "service_time_note": spec.service_time_note,
        "fee": spec.fee,
        "fee_note": spec.fee_note,
        "product": spec.product,
        "legal_basis": spec.legal_basis,
        "staff_count": spec.staff_count,
        "decree_number": spec.decree_number,
        "decree_date": spec.decree_date,
        "effective_date": spec.effective_date,
        **shared,
        **spec.overrides,
    }


def _life_events_load(semarang) -> dict[str, LifeEvent]:
    events = {}
    for order, spec in enumerate(semarang.LIFE_EVENTS, start=1):
        event, _created = LifeEvent.objects.update_or_create(
            slug=spec.slug,
            defaults={"name": spec.name, "description": spec.description, "order": order},
        )
        events[spec.slug] = event
    return events


def _locations_load(semarang, opds: dict) -> dict[str, ServiceLocation]:
    locations = {}
    for spec in semarang.LOCATIONS:
        location, _created = ServiceLocation.objects.update_or_create(
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "kind": spec.kind,
                "opd": opds.get(spec.opd_code),
                "address": spec.address,
                "opening_hours": spec.opening_hours,
                "phone": spec.phone,
                "latitude": spec.latitude,
                "longitude": spec.longitude,
                "note": spec.note,
            },
        )
        locations[spec.slug] = location
    return locations


def _charters_load(standards: dict[str, OpdStandardSpec], opds: dict) -> None:
    for code, standard in standards.items():
        if code in opds:
            ServiceCharter.objects.update_or_create(
                opd=opds[code],
                defaults={
                    "text": standard.charter,
                    "decree_number": standard.charter_decree,
                    "decree_date": standard.charter_date,
                },
            )


def _synonyms_load(semarang) -> None:
    for spec in semarang.SYNONYMS:
        SearchSynonym.objects.get_or_create(
            term=spec.term.strip().lower(), defaults={"replacement": spec.replacement}
        )


def _standard_versions_load(service: PublicService, older) -> None:
    """The seed's decrees as versions: the older ones first (only for a service without any
    version yet, so numbers follow the dates), then the current decree when it is new."""
    if not service.decree_number or not service.effective_date:
        return
    if not service.standard_versions.exists():
        current = standard_content(service)
        for standard in older:
            standard_version_publish(
                service,
                decree_number=standard.decree_number,
                decree_date=standard.decree_date,
                effective_date=standard.effective_date,
                content=standard.change(current),
            )
    if not service.standard_versions.filter(decree_number=service.decree_number).exists():
        standard_version_publish(
            service,
            decree_number=service.decree_number,
            decree_date=service.decree_date,
            effective_date=service.effective_date,
        )


@transaction.atomic
def service_catalogue_load(*, opd=None) -> CatalogueLoadResult:
    """Load (or refresh) the seed catalogue: the civil-registration services onto ``opd`` (by
    default Disdukcapil, looked up by code, then by name), the other OPDs' services where those
    OPDs exist, life events, locations, service charters and search synonyms; then rebuild the
    search index. Safe to run again and again; synonyms the admin edited are kept.
    """
    if opd is None:
        opd = selectors.catalogue_opd()
    if opd is None:
        raise CatalogueOpdMissing(
            "OPD Dinas Kependudukan dan Pencatatan Sipil belum ada; muat data organisasi dahulu."
        )
    from .data import previous, semarang  # the seed's data, read only when loading it

    standards = {s.opd_code: s for s in semarang.OPD_STANDARDS}
    standards[DISDUKCAPIL_STANDARD.opd_code] = DISDUKCAPIL_STANDARD
    codes = {s.opd_code for s in semarang.SERVICES} | {loc.opd_code for loc in semarang.LOCATIONS}
    opds = {o.code: o for o in organization_selectors.opds_active().filter(code__in=codes - {""})}
    opds[DISDUKCAPIL_STANDARD.opd_code] = opd
    events = _life_events_load(semarang)
    locations = _locations_load(semarang, opds)
    _charters_load(standards, opds)
    _synonyms_load(semarang)
    counts = {"created": 0, "updated": 0, "unchanged": 0, "skipped": 0}
    specs = [*CIVIL_REGISTRY_SERVICES, *semarang.SERVICES]
    for spec in specs:
        target = opds.get(spec.opd_code)
        if target is None:
            counts["skipped"] += 1
            continue
        extras = semarang.CIVIL_REGISTRY_EXTRAS.get(spec.slug, {})
        fields = _spec_fields(spec, standards[spec.opd_code], target, extras)
        service, state = _service_upsert(spec.slug, fields)
        _rows, requirements_changed = _requirements_sync(
            service,
            [
                {
                    "name": item.name,
                    "description": item.description,
                    "is_mandatory": item.is_mandatory,
                    "substitutes": item.substitutes,
                }
                for item in spec.requirements
            ],
        )
        wanted_events = {events[e] for e in (*spec.life_events, *extras.get("life_events", ()))}
        wanted_places = {locations[x] for x in (*spec.locations, *extras.get("locations", ()))}
        links_changed = (
            set(service.life_events.all()) != wanted_events
            or set(service.locations.all()) != wanted_places
        )
        if links_changed:
            service.life_events.set(wanted_events)
            service.locations.set(wanted_places)
        if state == "unchanged" and (requirements_changed or links_changed):
            state = "updated"
        _standard_versions_load(service, previous.PREVIOUS_STANDARDS.get(spec.slug, ()))
        counts[state] += 1
    service_search_reindex()
    return CatalogueLoadResult(**counts)


# --- the search index ----------------------------------------------------------------------


def _search_fields(service: PublicService) -> tuple[str, str, str, str]:
    """(name, terms, body) as stems, and the raw text the vocabulary's words come from."""
    requirements = (
        " ".join(
            f"{item.name} {item.description} {item.substitutes}"
            for item in service.requirement_items.all()
        )
        or service.requirements
    )
    events = " ".join(event.name for event in service.life_events.all())
    terms_raw = " ".join([service.keywords, service.opd.name, service.opd.short_name or "", events])
    body_raw = " ".join([service.summary, requirements, service.product])
    return (
        search.index_text(service.name),
        search.index_text(terms_raw),
        search.index_text(body_raw),
        " ".join([service.name, terms_raw, body_raw]),
    )


@transaction.atomic
def service_search_reindex() -> int:
    """Rewrite every service's search fields and the vocabulary; returns the services indexed.

    Cheap (the catalogue holds hundreds of services, not millions); run after any change to a
    service, its requirements, life events or OPD. Other processes see the new vocabulary after
    commit."""
    services = list(
        PublicService.objects.select_related("opd").prefetch_related(
            "requirement_items", "life_events"
        )
    )
    documents = []
    for service in services:
        name, terms, body, raw = _search_fields(service)
        service.search_name, service.search_terms, service.search_body = name, terms, body
        if service.is_active:
            documents.append((name, terms, body, raw))
    PublicService.objects.bulk_update(
        services, ["search_name", "search_terms", "search_body"], batch_size=200
    )
    rows = search.vocabulary_rows(documents)
    SearchTerm.objects.all().delete()
    SearchTerm.objects.bulk_create(
        [SearchTerm(word=w, stem=s, service_count=n) for w, s, n in rows], batch_size=1000
    )
    transaction.on_commit(search.vocabulary_changed)
    return len(services)


def catalogue_changed() -> None:
    """After an edit the search index does not hold (a synonym, a place, a life event): every
    process reads the synonyms again and redraws the service pages after commit."""
    transaction.on_commit(search.vocabulary_changed)


search_synonyms_changed = catalogue_changed


# --- versions of a standard, by decree ---------------------------------------------------------


def standard_content(service: PublicService) -> dict:
    """The service's standard as a version keeps it: the components and the requirement rows."""
    content = {}
    for name in ServiceStandardVersion.STANDARD_FIELDS:
        value = getattr(service, name)
        content[name] = str(value) if isinstance(value, Decimal) else value
    content["requirement_items"] = [
        {
            "name": item.name,
            "description": item.description,
            "is_mandatory": item.is_mandatory,
            "substitutes": item.substitutes,
        }
        for item in service.requirement_items.order_by("order", "pk")
    ]
    return content


def standard_version_check(
    service: PublicService,
    *,
    decree_number: str,
    effective_date: date | None,
    decree_date: date | None = None,
) -> str:
    """The rule for publishing a version: returns the decree number as it will be kept, or
    refuses (no decree number or effective date, a date in the future — a standard is published
    on the day it takes effect —, a date before the version in force, the same decree twice).
    ``standard_version_publish`` asks it under the service's lock; a form may ask it first."""
    decree_number = " ".join((decree_number or "").split())
    errors: dict[str, list[str]] = {}
    code = "invalid"
    if not decree_number:
        errors["decree_number"] = [_("Isi nomor SK standar pelayanan.")]
        code = "decree_missing"
    today = timezone.localdate()
    latest = service.standard_versions.order_by("-number").first() if service.pk else None
    if effective_date is None:
        errors["effective_date"] = [_("Isi tanggal berlaku standar.")]
    elif effective_date > today:
        errors["effective_date"] = [
            _("Standar yang belum berlaku diterbitkan pada tanggal berlakunya.")
        ]
        code = "effective_in_future"
    elif latest is not None and effective_date < latest.effective_date:
        errors["effective_date"] = [
            _("Tanggal berlaku tidak boleh sebelum versi yang berlaku (%(date)s).")
            % {"date": date_format(latest.effective_date, "j F Y")}
        ]
        code = "effective_before_current"
    if decree_date is not None and decree_date > today:
        errors["decree_date"] = [_("Tanggal SK tidak boleh setelah hari ini.")]
        code = "decree_in_future"
    if errors:
        raise InvalidInput(errors=errors, code=code)
    if service.pk and service.standard_versions.filter(decree_number=decree_number).exists():
        raise Conflict(
            errors={"decree_number": [_("SK ini sudah diterbitkan untuk layanan ini.")]},
            code="decree_published_already",
        )
    return decree_number


@transaction.atomic
def standard_version_publish(
    service: PublicService,
    *,
    decree_number: str,
    effective_date: date,
    decree_date: date | None = None,
    by=None,
    content: dict | None = None,
) -> ServiceStandardVersion:
    """Publish the service's standard as it now stands under a new decree (SK): a new version,
    kept whole; the service's page names it as the one in force and keeps the older ones
    readable. ``content`` (seed data only) records a version other than the current text.
    Refused as ``standard_version_check`` says."""
    service = PublicService.objects.select_for_update().get(pk=service.pk)
    decree_number = standard_version_check(
        service, decree_number=decree_number, effective_date=effective_date, decree_date=decree_date
    )
    latest = service.standard_versions.order_by("-number").first()
    version = ServiceStandardVersion.objects.create(
        service=service,
        number=(latest.number + 1) if latest else 1,
        decree_number=decree_number,
        decree_date=decree_date,
        effective_date=effective_date,
        content=content if content is not None else standard_content(service),
        published_by=by,
    )
    if content is None:
        service.decree_number = decree_number
        service.decree_date = decree_date
        service.effective_date = effective_date
        service.save(update_fields=["decree_number", "decree_date", "effective_date", "updated_at"])
    catalogue_changed()
    return version
