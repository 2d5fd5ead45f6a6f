"""Reads of the organisation: areas, agencies, and who supervises whom."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .models import District, Employee, Opd, Unit, Village


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


def headline_counts() -> dict[str, int]:
    return {
        "opds": Opd.objects.filter(is_active=True).count(),
        "employees": Employee.objects.filter(is_active=True).count(),
        "villages": Village.objects.filter(district__regency_id="33.74").count(),
    }
