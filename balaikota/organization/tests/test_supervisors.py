"""Who supervises whom: direct_supervisor and direct_reports always agree."""

import random

import pytest

from balaikota.organization.models import Employee, Position, Unit
from balaikota.organization.selectors import direct_reports, direct_supervisor
from balaikota.testing.factories import EmployeeFactory, OpdFactory, PositionFactory


def _unit(opd, name, parent=None):
    unit = Unit.objects.create(opd=opd, parent=parent, name=name)
    head = Position.objects.create(
        unit=unit, name=f"Kepala {name}", kind="struktural", echelon="III.b", is_head=True
    )
    staff = Position.objects.create(unit=unit, name=f"Staf {name}", kind="pelaksana")
    return unit, head, staff


@pytest.fixture
def tree(db):
    """Dinas ─ Sekretariat ─ Subbagian;  Dinas ─ Bidang (head vacant) ─ Seksi."""
    opd = OpdFactory()
    root, root_head, root_staff = _unit(opd, "Dinas")
    sek, sek_head, sek_staff = _unit(opd, "Sekretariat", root)
    sub, sub_head, sub_staff = _unit(opd, "Subbagian", sek)
    bidang, bidang_head, bidang_staff = _unit(opd, "Bidang", root)
    seksi, seksi_head, seksi_staff = _unit(opd, "Seksi", bidang)
    return {
        "kadis": EmployeeFactory(position=root_head, full_name="Kadis"),
        "sekretaris": EmployeeFactory(position=sek_head, full_name="Sekretaris"),
        "kasubbag": EmployeeFactory(position=sub_head, full_name="Kasubbag"),
        "staf_sub": EmployeeFactory(position=sub_staff, full_name="Staf Subbagian"),
        "staf_sek": EmployeeFactory(position=sek_staff, full_name="Staf Sekretariat"),
        "staf_bidang": EmployeeFactory(position=bidang_staff, full_name="Staf Bidang"),
        "kasi": EmployeeFactory(position=seksi_head, full_name="Kasi"),
        "staf_seksi": EmployeeFactory(position=seksi_staff, full_name="Staf Seksi"),
    }


def test_staff_report_to_the_head_of_their_unit(tree):
    assert direct_supervisor(tree["staf_sub"]) == tree["kasubbag"]
    assert direct_supervisor(tree["staf_sek"]) == tree["sekretaris"]
    assert direct_supervisor(tree["staf_seksi"]) == tree["kasi"]


def test_a_head_reports_to_the_head_of_the_parent_unit(tree):
    assert direct_supervisor(tree["kasubbag"]) == tree["sekretaris"]
    assert direct_supervisor(tree["sekretaris"]) == tree["kadis"]
    assert direct_supervisor(tree["kadis"]) is None


def test_a_vacant_head_post_is_skipped_up_the_tree(tree):
    # Nobody holds Kepala Bidang: the Bidang's staff and the Kasi below report to the Kadis.
    assert direct_supervisor(tree["staf_bidang"]) == tree["kadis"]
    assert direct_supervisor(tree["kasi"]) == tree["kadis"]
    reports = direct_reports(tree["kadis"])
    assert tree["staf_bidang"] in reports and tree["kasi"] in reports
    assert tree["staf_seksi"] not in reports  # the Kasi leads them


def test_an_inactive_head_counts_as_vacant(tree):
    tree["sekretaris"].is_active = False
    tree["sekretaris"].save()
    assert direct_supervisor(tree["staf_sek"]) == tree["kadis"]
    assert direct_supervisor(tree["kasubbag"]) == tree["kadis"]
    assert direct_reports(tree["sekretaris"]) == []


def test_the_override_wins_and_moves_the_person_between_teams(tree):
    staff = tree["staf_sub"]
    staff.supervisor_override = tree["kadis"]
    staff.save()
    assert direct_supervisor(staff) == tree["kadis"]
    assert staff in direct_reports(tree["kadis"])
    assert staff not in direct_reports(tree["kasubbag"])
    # A non-head can be an override supervisor too.
    staff.supervisor_override = tree["staf_sek"]
    staff.save()
    assert direct_reports(tree["staf_sek"]) == [staff]


def test_an_override_to_someone_who_left_falls_back_to_the_hierarchy(tree):
    staff = tree["staf_sub"]
    staff.supervisor_override = tree["staf_sek"]
    staff.save()
    tree["staf_sek"].is_active = False
    tree["staf_sek"].save()
    assert direct_supervisor(staff) == tree["kasubbag"]
    assert staff in direct_reports(tree["kasubbag"])


def test_reports_of_the_kadis(tree):
    assert {e.full_name for e in direct_reports(tree["kadis"])} == {
        "Sekretaris",
        "Staf Bidang",
        "Kasi",
    }


def _assert_consistent(employees):
    by_supervisor: dict[int | None, set[int]] = {}
    for employee in employees:
        boss = direct_supervisor(employee)
        by_supervisor.setdefault(boss.pk if boss else None, set()).add(employee.pk)
    for employee in employees:
        reports = {e.pk for e in direct_reports(employee, limit=1000)}
        assert reports == by_supervisor.get(employee.pk, set()), employee


def test_direct_reports_is_the_inverse_of_direct_supervisor_on_random_trees(db):
    rng = random.Random(7)
    opd = OpdFactory()
    units = [_unit(opd, "Akar")]
    for n in range(12):
        parent = rng.choice(units)[0]
        units.append(_unit(opd, f"Unit {n}", parent))
    employees = []
    for _u, head, staff in units:
        if rng.random() < 0.6:
            employees.append(EmployeeFactory(position=head))
        for _ in range(rng.randint(0, 3)):
            employees.append(EmployeeFactory(position=staff))
    for employee in rng.sample(employees, 4):
        employee.supervisor_override = rng.choice(employees)
        if employee.supervisor_override != employee:
            employee.save()
    for employee in rng.sample(employees, 3):
        employee.is_active = False
        employee.save()
    active = list(Employee.objects.filter(is_active=True).select_related("unit", "position"))
    _assert_consistent(active)


def test_direct_reports_takes_a_fixed_number_of_queries(tree, django_assert_num_queries):
    kadis = Employee.objects.select_related("unit", "position").get(pk=tree["kadis"].pk)
    for _ in range(5):
        EmployeeFactory(position=PositionFactory(unit=kadis.unit))
    with django_assert_num_queries(3):
        direct_reports(kadis)
