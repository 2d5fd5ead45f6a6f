"""Reads of the organisation: areas, agencies, and who supervises whom."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import District, Employee, Opd, Village


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


def direct_supervisor(employee: Employee) -> Employee | None:
    """The atasan langsung: the override if set, else the head of the employee's unit, or, for
    the head themselves, the head of the nearest ancestor unit that has one."""
    if employee.supervisor_override_id:
        return employee.supervisor_override
    unit = employee.unit
    if employee.position.is_head:
        unit = unit.parent
    while unit is not None:
        head = (
            Employee.objects.filter(unit=unit, position__is_head=True, is_active=True)
            .exclude(pk=employee.pk)
            .select_related("position")
            .first()
        )
        if head is not None:
            return head
        unit = unit.parent
    return None


def direct_reports(supervisor: Employee, *, limit: int = 50) -> list[Employee]:
    """Employees whose atasan langsung is ``supervisor``: everyone in the units they head (and
    the heads of the child units), plus explicit overrides. Bounded by ``limit``."""
    if not supervisor.position.is_head:
        return list(
            Employee.objects.filter(supervisor_override=supervisor, is_active=True)
            .select_related("position", "rank")
            .order_by("full_name")[:limit]
        )
    unit = supervisor.unit
    from django.db.models import Q

    members = (
        Q(unit=unit, supervisor_override__isnull=True)
        | Q(unit__parent=unit, position__is_head=True, supervisor_override__isnull=True)
        | Q(supervisor_override=supervisor)
    )
    return list(
        Employee.objects.filter(members, is_active=True)
        .exclude(pk=supervisor.pk)
        .select_related("position", "rank")
        .order_by("-position__is_head", "full_name")[:limit]
    )


def headline_counts() -> dict[str, int]:
    return {
        "opds": Opd.objects.filter(is_active=True).count(),
        "employees": Employee.objects.filter(is_active=True).count(),
        "villages": Village.objects.filter(district__regency_id="33.74").count(),
    }
