"""Writes of the public-service catalogue: upsert a service and its requirements, load the seed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db import transaction

from . import selectors
from .data.catalogue import SERVICES
from .models import PublicService, ServiceRequirement

_SERVICE_FIELDS = frozenset(
    f.name
    for f in PublicService._meta.concrete_fields
    if f.editable and f.name not in {"id", "slug", "created_at", "updated_at"}
) | {"opd"}
_REQUIREMENT_FIELDS = frozenset({"order", "description", "is_mandatory", "substitutes"})


class CatalogueOpdMissing(LookupError):
    """The OPD that runs the catalogue's services does not exist yet."""


@dataclass(frozen=True)
class CatalogueLoadResult:
    created: int
    updated: int
    unchanged: int


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

    Nothing is saved when nothing changed, so repeated loads leave ``updated_at`` alone.
    """
    return _service_upsert(slug, fields)[0]


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


@transaction.atomic
def service_catalogue_load(*, opd=None) -> CatalogueLoadResult:
    """Load (or refresh) the seeded civil-registration services. Safe to run again and again.

    Without ``opd`` the Disdukcapil OPD is looked up by code (then by name).
    """
    if opd is None:
        opd = selectors.catalogue_opd()
    if opd is None:
        raise CatalogueOpdMissing(
            "OPD Dinas Kependudukan dan Pencatatan Sipil belum ada; muat data organisasi dahulu."
        )
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for spec in SERVICES:
        service, state = _service_upsert(spec.slug, {"opd": opd, **spec.fields()})
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
        if state == "unchanged" and requirements_changed:
            state = "updated"
        counts[state] += 1
    return CatalogueLoadResult(**counts)
