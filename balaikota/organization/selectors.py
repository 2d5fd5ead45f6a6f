"""Reads of the organisation: areas, agencies, and who supervises whom."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Q, QuerySet

from .models import District, Employee, Opd, Position, Unit, Village


def district_exists(code: str) -> bool:
    """True when the district code exists; with no area data loaded yet, every code is accepted."""
    if not District.objects.exists():
        return True
    return District.objects.filter(code=code).exists()


def districts_of(regency_code: str) -> QuerySet[District]:
    return District.objects.filter(regency_id=regency_code).order_by("code")


def villages_of(regency_code: str) -> QuerySet[Village]:
    return Village.objects.filter(district__regency_id=regency_code).order_by("code")


def opds_active() -> QuerySet[Opd]:
    return Opd.objects.filter(is_active=True).order_by("name")


def employee_for_user(user) -> Employee | None:
    return (
        Employee.objects.select_related("unit__opd", "position", "rank").filter(user=user).first()
    )


def employee_id_for_user(user) -> int | None:
    """The id of ``user``'s civil-servant record (None for citizens), remembered on the user
    object for the rest of the request: permission rules ask it many times."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    cached = getattr(user, "_employee_id", False)
    if cached is False:
        cached = Employee.objects.filter(user_id=user.pk).values_list("pk", flat=True).first()
        user._employee_id = cached
    return cached


def employee_for_user_id(user_id: int) -> Employee | None:
    return Employee.objects.select_related("unit__opd", "position").filter(user_id=user_id).first()


def employees_active() -> QuerySet[Employee]:
    """Every active civil servant (other apps annotate it with their own figures)."""
    return Employee.objects.filter(is_active=True)


def employee_by_pk(pk) -> Employee | None:
    return (
        Employee.objects.select_related("unit__opd", "position", "rank", "user")
        .filter(pk=pk)
        .first()
    )


def head_of_opd(code: str) -> Employee | None:
    """The active head of the OPD's root unit (Kepala Dinas/Badan), or None when vacant."""
    return (
        Employee.objects.filter(
            unit__opd__code=code,
            unit__parent__isnull=True,
            position__is_head=True,
            is_active=True,
        )
        .select_related("position", "unit__opd", "user")
        .order_by("full_name", "pk")
        .first()
    )


def opd_by_code(code: str) -> Opd | None:
    return Opd.objects.filter(code=code).first()


def units_of(opd_id: int) -> QuerySet[Unit]:
    return Unit.objects.filter(opd_id=opd_id).order_by("name")


def positions_all() -> QuerySet:
    return Position.objects.select_related("unit__opd").order_by("unit__opd__name", "name")


def _active_override(employee: Employee) -> Employee | None:
    if not employee.supervisor_override_id:
        return None
    boss = employee.supervisor_override
    return boss if boss.is_active else None


def direct_supervisor(employee: Employee) -> Employee | None:
    """The atasan langsung: the (active) override if set, else the head of the employee's unit,
    or, for a head, the head of the nearest ancestor unit that has one. Vacant head posts are
    skipped. Where several people hold a head post, the first by name (then id) leads."""
    override = _active_override(employee)
    if override is not None:
        return override
    unit = employee.unit
    if employee.position.is_head:
        unit = unit.parent
    while unit is not None:
        head = (
            Employee.objects.filter(unit=unit, position__is_head=True, is_active=True)
            .exclude(pk=employee.pk)
            .select_related("position")
            .order_by("full_name", "pk")
            .first()
        )
        if head is not None:
            return head
        unit = unit.parent
    return None


def direct_reports(supervisor: Employee, *, limit: int = 50) -> list[Employee]:
    """Everyone whose ``direct_supervisor`` is ``supervisor``, in three queries whatever the size
    of the agency: the non-heads of the unit they lead, the heads of the nearest led units below
    (and everyone in vacant units in between), and explicit overrides. Bounded by ``limit``."""
    if not supervisor.is_active:
        return []
    members = Q(supervisor_override=supervisor)
    if supervisor.position.is_head:
        unit_id = supervisor.unit_id
        opd_id = supervisor.unit.opd_id
        children: dict[int | None, list[int]] = {}
        units = Unit.objects.filter(opd_id=opd_id).order_by().values_list("pk", "parent_id")
        for pk, parent_id in units:
            children.setdefault(parent_id, []).append(pk)
        leader_of: dict[int, int] = {}
        for led_unit_id, pk in (
            Employee.objects.filter(unit__opd_id=opd_id, position__is_head=True, is_active=True)
            .order_by("full_name", "pk")
            .values_list("unit_id", "pk")
        ):
            leader_of.setdefault(led_unit_id, pk)
        if leader_of.get(unit_id) == supervisor.pk:
            vacant, led = [], []
            stack = list(children.get(unit_id, []))
            while stack:
                child = stack.pop()
                if child in leader_of:
                    led.append(child)
                else:
                    vacant.append(child)
                    stack.extend(children.get(child, []))
            derived = (
                Q(unit_id=unit_id, position__is_head=False)
                | Q(unit_id__in=vacant)
                | Q(unit_id__in=led, position__is_head=True)
            )
            no_override = Q(supervisor_override__isnull=True) | Q(
                supervisor_override__is_active=False
            )
            members |= derived & no_override
    return list(
        Employee.objects.filter(members, is_active=True)
        .exclude(pk=supervisor.pk)
        .select_related("position", "rank")
        .order_by("-position__is_head", "full_name", "pk")[:limit]
    )


def employees_by_nip(nips) -> QuerySet[Employee]:
    """Active employees whose NIP is in ``nips`` (with their account, unit and position)."""
    return Employee.objects.filter(nip__in=list(nips), is_active=True).select_related(
        "user", "unit__opd", "position"
    )


def position_holders(position_ids) -> QuerySet[Employee]:
    """Active holders of the positions ``position_ids``, first by name (who signs for a post)."""
    return (
        Employee.objects.filter(position_id__in=list(position_ids), is_active=True)
        .select_related("user", "position", "unit__opd")
        .order_by("full_name", "pk")
    )


def unit_members(unit_ids) -> QuerySet[Employee]:
    """Active employees of the units ``unit_ids`` (a letter addressed to a whole unit)."""
    return Employee.objects.filter(unit_id__in=list(unit_ids), is_active=True).select_related(
        "user"
    )


def head_positions() -> QuerySet[Position]:
    """Every head post (kepala unit) of an active OPD: who letters are addressed and signed by."""
    return (
        Position.objects.filter(is_head=True, unit__opd__is_active=True)
        .select_related("unit__opd")
        .order_by("unit__opd__name", "unit__parent_id", "unit__name")
    )


def units_of_opd(opd_id: int) -> QuerySet[Unit]:
    return Unit.objects.filter(opd_id=opd_id).order_by("parent_id", "name")


def headline_counts() -> dict[str, int]:
    return {
        "opds": Opd.objects.filter(is_active=True).count(),
        "employees": Employee.objects.filter(is_active=True).count(),
        "villages": Village.objects.filter(district__regency_id="33.74").count(),
    }


# --- The home page's card, cached -----------------------------------------------------------

#: bumped by every save or delete of an organisation row (``organization.apps``): every cached
#: card is then stale at once. Bulk ``update()`` sends no signal: ``CARD_TTL`` bounds those.
ORG_VERSION_KEY = "org:version"
CARD_TTL = 300  # seconds


@dataclass(frozen=True)
class CardPerson:
    """A person as the home page prints them: plain values, cheap to cache and to read back
    (unpickling model instances cost ~3 ms a page)."""

    full_name: str
    nip: str = ""
    position: str = ""
    unit: str = ""
    opd: str = ""
    rank: str = ""

    @classmethod
    def of(cls, employee: Employee, *, details: bool = True) -> CardPerson:
        """``details``: NIP, unit, OPD and rank too (the person's own card; a supervisor or team
        member is shown by name and position only, which their query already loaded)."""
        position = employee.position.name if employee.position_id else ""
        if not details:
            return cls(full_name=employee.full_name, position=position)
        unit = employee.unit if employee.unit_id else None
        return cls(
            full_name=employee.full_name,
            nip=employee.nip or "",
            position=position,
            unit=unit.name if unit else "",
            opd=unit.opd.name if unit and unit.opd_id else "",
            rank=str(employee.rank) if employee.rank_id else "",
        )


@dataclass(frozen=True)
class HomeCard:
    employee: CardPerson | None = None
    supervisor: CardPerson | None = None
    team: tuple[CardPerson, ...] = field(default_factory=tuple)
    #: the names of the OPDs asked for (the person's role scopes), by id
    opd_names: dict[int, str] = field(default_factory=dict)


def org_changed() -> None:
    """Every cached card is stale (called on saves and deletes of organisation rows)."""
    try:
        cache.incr(ORG_VERSION_KEY)
    except ValueError:  # not there yet (or evicted): any new value invalidates
        cache.set(ORG_VERSION_KEY, 2, None)


def home_card(user, *, team_size: int = 12, opd_ids: tuple[int, ...] = ()) -> HomeCard:
    """The person's employee record, direct supervisor and team, and the names of ``opd_ids``
    (where their roles apply), for the home page: computed in up to seven queries, then served
    from the shared cache — one round trip reading the organisation's version and the card
    stamped with the version it was made at — until the organisation changes."""
    opd_ids = tuple(sorted(set(opd_ids)))
    scope = ",".join(map(str, opd_ids))
    key = f"org:card:3:{user.pk}:{team_size}:{scope}"  # 3: the HomeCard format
    found = cache.get_many([ORG_VERSION_KEY, key])
    version = found.get(ORG_VERSION_KEY)
    if version is None:
        cache.add(ORG_VERSION_KEY, 1, None)
        version = cache.get(ORG_VERSION_KEY, 1)
    stamped = found.get(key)
    if stamped is not None and stamped[0] == version:
        return stamped[1]
    names = dict(Opd.objects.filter(pk__in=opd_ids).values_list("pk", "name")) if opd_ids else {}
    card = HomeCard(opd_names=names)
    employee = employee_for_user(user)
    if employee is not None:
        supervisor = direct_supervisor(employee)
        card = HomeCard(
            opd_names=names,
            employee=CardPerson.of(employee),
            supervisor=(
                CardPerson.of(supervisor, details=False) if supervisor is not None else None
            ),
            team=tuple(
                CardPerson.of(member, details=False)
                for member in direct_reports(employee, limit=team_size)
            ),
        )
    cache.set(key, (version, card), CARD_TTL)
    return card


def headline_counts_cached() -> dict[str, int]:
    """``headline_counts`` for the leaders' home page, at most a minute old."""
    counts = cache.get("org:headline")
    if counts is None:
        counts = headline_counts()
        cache.set("org:headline", counts, 60)
    return counts
