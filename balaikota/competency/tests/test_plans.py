"""Individual development plans and the agency's needs analysis (AKPK)."""

from decimal import Decimal

import pytest
from django.utils import timezone

from balaikota.competency import selectors, services
from balaikota.competency.models import (
    Assessment,
    Competency,
    DevelopmentPlan,
    PositionStandard,
)
from balaikota.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from balaikota.notifications.models import Notification

from .factories import ProgrammeFactory

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def test_a_plan_goes_to_the_supervisor_comes_back_and_is_approved(team):
    plan = services.plan_for(user=team.member.user, year=YEAR)
    assert plan.approver == team.head and plan.status == "draft"
    with pytest.raises(Conflict) as empty:
        services.plan_submit(plan=plan, actor=team.member.user)
    assert empty.value.code == "empty_plan"
    security = ProgrammeFactory(title="Keamanan Siber", jp=Decimal("8"), cost_per_participant=0)
    leadership = ProgrammeFactory(
        title="Kepemimpinan Digital", jp=Decimal("32"), cost_per_participant=2500000
    )
    services.plan_item_add(plan=plan, programme=security, quarter=1, actor=team.member.user)
    with pytest.raises(Conflict):
        services.plan_item_add(plan=plan, programme=security, quarter=2, actor=team.member.user)
    with pytest.raises(InvalidInput):
        services.plan_item_add(plan=plan, programme=leadership, quarter=5, actor=team.member.user)
    services.plan_submit(plan=plan, actor=team.member.user)
    assert Notification.objects.filter(recipient=team.head.user, title__contains="Rencana").exists()
    # Submitted: the person cannot change it; a peer cannot even see it.
    with pytest.raises(Conflict) as locked:
        services.plan_item_add(plan=plan, programme=leadership, quarter=2, actor=team.member.user)
    assert locked.value.code == "plan_locked"
    with pytest.raises(NotFound):
        services.plan_item_add(plan=plan, programme=leadership, quarter=2, actor=team.peer.user)
    with pytest.raises(Forbidden):
        services.plan_approve(plan=plan, actor=team.peer.user)
    with pytest.raises(InvalidInput):
        services.plan_return(plan=plan, actor=team.head.user, reason="")
    services.plan_return(plan=plan, actor=team.head.user, reason="Tambahkan program kepemimpinan.")
    services.plan_item_add(plan=plan, programme=leadership, quarter=3, actor=team.member.user)
    services.plan_submit(plan=plan, actor=team.member.user)
    services.plan_approve(plan=plan, actor=team.head.user)
    plan.refresh_from_db()
    assert plan.status == "approved"
    assert [e.action for e in plan.events.order_by("pk")] == [
        "submit",
        "return",
        "submit",
        "approve",
    ]


def test_the_needs_analysis_counts_gaps_and_adds_up_approved_plans(team):
    security = Competency.objects.get(code="digital-keamanan")
    for person in (team.member, team.peer, team.head):
        PositionStandard.objects.get_or_create(
            position=person.position, competency=security, defaults={"required_level": 3}
        )
    for person, level in ((team.member, 2), (team.peer, 4)):
        Assessment.objects.create(
            employee=person,
            competency=security,
            level=level,
            source="result",
            status="validated",
            assessed_on=timezone.localdate(),
        )
    programme = ProgrammeFactory(
        title="Keamanan Siber", jp=Decimal("8"), cost_per_participant=150000
    )
    for person in (team.member, team.peer):
        plan = services.plan_for(user=person.user, year=YEAR)
        services.plan_item_add(plan=plan, programme=programme, quarter=2, actor=person.user)
        services.plan_submit(plan=plan, actor=person.user)
        services.plan_approve(plan=plan, actor=team.head.user)
    draft = services.plan_for(user=team.head.user, year=YEAR)  # not approved: not counted
    services.plan_item_add(plan=draft, programme=programme, quarter=1, actor=team.head.user)
    gaps, planned = selectors.needs_analysis(opd_id=team.unit.opd_id, year=YEAR)
    row = next(r for r in gaps if r.competency == security)
    assert (row.required, row.meets, row.below, row.unassessed) == (3, 1, 1, 1)
    assert [(p.programme, p.people, p.jp, p.cost) for p in planned] == [
        (programme, 2, Decimal("16"), Decimal("300000"))
    ]
    assert DevelopmentPlan.objects.filter(status="approved").count() == 2


def test_the_akpk_page_and_its_workbook(client, team):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(team.admin.user)
    page = client.get(f"/kompetensi/akpk/?opd={team.unit.opd.code}&tahun={YEAR}")
    assert page.status_code == 200 and "Kesenjangan per kompetensi" in page.content.decode()
    workbook = load_workbook(
        BytesIO(client.get(f"/kompetensi/akpk/{team.unit.opd.code}/?format=xlsx").content)
    )
    assert workbook.sheetnames == ["Kesenjangan", "Rencana program", "Keterangan"]
    client.force_login(team.member.user)
    assert client.get("/kompetensi/akpk/").status_code == 403


def test_the_plan_page_adds_submits_and_refuses_bad_input(client, team):
    programme = ProgrammeFactory(title="Literasi Data")
    client.force_login(team.member.user)
    assert client.get("/kompetensi/rencana/").status_code == 200
    bad = client.post(
        "/kompetensi/rencana/", {"action": "add", "programme": "999999", "quarter": "1"}
    )
    assert bad.status_code == 400
    empty = client.post("/kompetensi/rencana/", {"action": "submit"})
    assert empty.status_code == 409 and "paling sedikit satu program" in empty.content.decode()
    assert (
        client.post(
            "/kompetensi/rencana/", {"action": "add", "programme": programme.pk, "quarter": "2"}
        ).status_code
        == 302
    )
    assert client.post("/kompetensi/rencana/", {"action": "submit"}).status_code == 302
    plan = DevelopmentPlan.objects.get(employee=team.member)
    client.force_login(team.head.user)
    assert "Literasi Data" in client.get("/kompetensi/persetujuan/").content.decode()
    assert client.post(f"/kompetensi/rencana/{plan.pk}/setujui/").status_code == 302
    plan.refresh_from_db()
    assert plan.status == "approved"
