"""The shapes of the seed catalogue: services, the texts an OPD shares, life events, locations.

Plain frozen dataclasses so the seed files read as data; ``services.service_catalogue_load``
turns them into rows and may be run again and again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class RequirementSpec:
    name: str
    description: str = ""
    is_mandatory: bool = True
    substitutes: str = ""


@dataclass(frozen=True)
class OpdStandardSpec:
    """What every service of one OPD shares: the management components and the charter.

    ``charter`` is the OPD's maklumat pelayanan (its public promise), shown on its page.
    """

    opd_code: str
    complaint_handling: str
    facilities: str
    staff_competence: str
    internal_supervision: str
    service_guarantee: str
    security_guarantee: str
    performance_evaluation: str
    charter: str
    charter_decree: str = ""
    charter_date: date | None = None


@dataclass(frozen=True)
class ServiceSpec:
    """One service's standard. Components left empty take the OPD's shared text."""

    slug: str
    name: str
    opd_code: str
    summary: str
    requirements: tuple[RequirementSpec, ...]
    procedure: str
    service_time_days: int
    product: str
    legal_basis: str
    service_time_note: str = ""
    fee: Decimal = Decimal("0")
    fee_note: str = ""
    is_online: bool = False
    online_url: str = ""
    staff_count: int | None = None
    keywords: tuple[str, ...] = ()
    life_events: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    decree_number: str = ""
    decree_date: date | None = None
    effective_date: date | None = None
    # Any of the OPD's shared components, written for this service instead.
    overrides: dict = field(default_factory=dict)


@dataclass(frozen=True)
class LifeEventSpec:
    slug: str
    name: str
    description: str


@dataclass(frozen=True)
class LocationSpec:
    slug: str
    name: str
    kind: str  # "dinas", "kecamatan", "mpp", "puskesmas", "lainnya"
    address: str
    opening_hours: str
    latitude: Decimal
    longitude: Decimal
    opd_code: str = ""
    phone: str = ""
    note: str = ""


@dataclass(frozen=True)
class SynonymSpec:
    """What people type (``term``, one word or a phrase) and the catalogue's words for it."""

    term: str
    replacement: str
