"""Competency development as its people would notice it: enrolment and approval, seats and the
waiting list, completion and the JP ledger, evidence, the readiness questionnaire."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from balaikota.competency import selectors, services
from balaikota.competency.models import (
    Assessment,
    AssessmentStatus,
    Competency,
    Enrolment,
    EnrolmentEvent,
    EnrolmentStatus,
    EvidenceStatus,
    JpConversion,
    JpTotal,
    LedgerEntry,
    ProgrammeCompetency,
    ReadinessQuestion,
)
from balaikota.competency.scoring import jp_for_evidence, level_of
from balaikota.core.errors import Conflict, Forbidden, InvalidInput
from balaikota.notifications.models import Notification

from .factories import ClassSessionFactory, ProgrammeFactory, TrainingClassFactory

E = EnrolmentStatus
pytestmark = pytest.mark.django_db


def pdf_bytes(text: str = "Sertifikat webinar") -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, text)
    page.showPage()
    page.save()
    return buffer.getvalue()


def upload(content: bytes | None = None, name: str = "sertifikat.pdf"):
    return SimpleUploadedFile(name, content or pdf_bytes(), "application/pdf")


# --- Enrolment and approval ---------------------------------------------------------------------


def test_a_request_waits_for_the_direct_supervisor_who_hears_of_it(team):
    training_class = TrainingClassFactory()
    enrolment = services.enrolment_request(user=team.member.user, training_class=training_class)
    assert enrolment.status == E.PENDING
    assert enrolment.approver == team.head
    assert Notification.objects.filter(recipient=team.head.user, topic="competency").exists()
    assert list(enrolment.events.values_list("action", flat=True)) == ["request"]


def test_approval_gives_a_seat_then_the_waiting_list_in_order(team):
    training_class = TrainingClassFactory(capacity=1)
    first = services.enrolment_request(user=team.member.user, training_class=training_class)
    second = services.enrolment_request(user=team.peer.user, training_class=training_class)
    assert services.enrolment_approve(enrolment=first, actor=team.head.user).status == E.ENROLLED
    waiting = services.enrolment_approve(enrolment=second, actor=team.head.user)
    assert waiting.status == E.WAITLISTED and waiting.waitlisted_at is not None
    assert selectors.waitlist_position(waiting) == 1
    # The seated one leaves: the waiting one moves up at once, and is told.
    services.enrolment_withdraw(enrolment=first, actor=team.member.user)
    waiting.refresh_from_db()
    assert waiting.status == E.ENROLLED
    assert waiting.events.filter(action="promote").exists()
    assert Notification.objects.filter(
        recipient=team.peer.user, body__contains="Kursi tersedia"
    ).exists()


def test_a_larger_class_takes_people_from_the_waiting_list(team):
    training_class = TrainingClassFactory(capacity=1)
    for person in (team.member, team.peer):
        services.enrolment_add(
            training_class=training_class, employee=person, actor=team.admin.user
        )
    assert Enrolment.objects.filter(status=E.WAITLISTED).count() == 1
    promoted = services.class_capacity_set(
        training_class=training_class, capacity=2, actor=team.admin.user
    )
    assert [e.employee for e in promoted] == [team.peer]
    with pytest.raises(InvalidInput) as refused:
        services.class_capacity_set(
            training_class=training_class, capacity=1, actor=team.admin.user
        )
    assert "kurang dari peserta terdaftar" in refused.value.text


def test_enrolling_twice_is_refused_and_nothing_is_added(team):
    training_class = TrainingClassFactory()
    services.enrolment_request(user=team.member.user, training_class=training_class)
    with pytest.raises(Conflict) as refused:
        services.enrolment_request(user=team.member.user, training_class=training_class)
    assert refused.value.code == "already_enrolled"
    other_class = TrainingClassFactory(programme=training_class.programme)
    with pytest.raises(Conflict):
        services.enrolment_request(user=team.member.user, training_class=other_class)
    assert Enrolment.objects.count() == 1


def test_the_same_form_sent_twice_gives_the_same_request(team):
    training_class = TrainingClassFactory()
    one = services.enrolment_request(
        user=team.member.user, training_class=training_class, submit_key="k1"
    )
    two = services.enrolment_request(
        user=team.member.user, training_class=training_class, submit_key="k1"
    )
    assert one.pk == two.pk and Enrolment.objects.count() == 1


def test_a_missing_prerequisite_is_named(team):
    basics = ProgrammeFactory(title="Literasi Digital Dasar")
    training_class = TrainingClassFactory()
    training_class.programme.prerequisites.add(basics)
    with pytest.raises(Conflict) as refused:
        services.enrolment_request(user=team.member.user, training_class=training_class)
    assert refused.value.code == "prerequisite_missing"
    assert "Literasi Digital Dasar" in refused.value.text


def test_a_closed_class_refuses_requests(team):
    training_class = TrainingClassFactory(status="planned")
    with pytest.raises(Conflict) as refused:
        services.enrolment_request(user=team.member.user, training_class=training_class)
    assert refused.value.code == "enrolment_closed"
    late = TrainingClassFactory(enrolment_closes_on=timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(Conflict):
        services.enrolment_request(user=team.member.user, training_class=late)


def test_only_the_supervisor_or_the_admin_decides_never_a_peer_or_oneself(team):
    training_class = TrainingClassFactory()
    enrolment = services.enrolment_request(user=team.member.user, training_class=training_class)
    for outsider in (team.peer.user, team.member.user, team.stranger.user, team.leader.user):
        with pytest.raises(Forbidden):
            services.enrolment_approve(enrolment=enrolment, actor=outsider)
    assert (
        services.enrolment_approve(enrolment=enrolment, actor=team.admin.user).status == E.ENROLLED
    )


def test_rejection_needs_a_reason_that_the_person_reads(team):
    enrolment = services.enrolment_request(
        user=team.member.user, training_class=TrainingClassFactory()
    )
    with pytest.raises(InvalidInput):
        services.enrolment_reject(enrolment=enrolment, actor=team.head.user, reason=" ")
    services.enrolment_reject(
        enrolment=enrolment, actor=team.head.user, reason="Beban kerja akhir tahun tinggi."
    )
    enrolment.refresh_from_db()
    assert enrolment.status == E.REJECTED
    assert Notification.objects.filter(
        recipient=team.member.user, body__contains="Beban kerja akhir tahun tinggi."
    ).exists()


def test_a_supervisor_enrols_only_their_own_team(team):
    training_class = TrainingClassFactory()
    enrolment = services.enrolment_add(
        training_class=training_class, employee=team.member, actor=team.head.user
    )
    assert enrolment.status == E.ENROLLED
    with pytest.raises(Forbidden):
        services.enrolment_add(
            training_class=training_class, employee=team.stranger, actor=team.head.user
        )


# --- Completion and the ledger ----------------------------------------------------------------


def _running_class(team, *, sessions=2, pass_mark=None, jp="16"):
    programme = ProgrammeFactory(jp=Decimal(jp), pass_mark=pass_mark, min_attendance_percent=50)
    training_class = TrainingClassFactory(programme=programme, capacity=5)
    for _ in range(sessions):
        ClassSessionFactory(training_class=training_class)
    for person in (team.member, team.peer):
        services.enrolment_add(
            training_class=training_class, employee=person, actor=team.admin.user
        )
    services.class_transition(training_class=training_class, action="start", actor=team.admin.user)
    return training_class


def test_finishing_a_class_credits_jp_to_who_passed_and_tells_the_rest_why(team):
    training_class = _running_class(team, pass_mark=70)
    member = Enrolment.objects.get(employee=team.member)
    peer = Enrolment.objects.get(employee=team.peer)
    for session in training_class.sessions.all():
        services.attendance_set(
            session=session, enrolment=member, present=True, actor=team.admin.user
        )
    services.enrolment_score_set(enrolment=member, score=Decimal("85"), actor=team.admin.user)
    services.enrolment_score_set(enrolment=peer, score=Decimal("60"), actor=team.admin.user)
    result = services.class_finish(training_class=training_class, actor=team.admin.user)
    assert result == {"completed": 1, "not_completed": 1}
    member.refresh_from_db()
    peer.refresh_from_db()
    assert member.status == E.COMPLETED and peer.status == E.NOT_COMPLETED
    reason = peer.events.get(action="fail").reason
    assert "kehadiran 0%" in reason and "post-test 60" in reason
    ledger = selectors.ledger_year(team.member, timezone.localdate().year)
    assert ledger.total == Decimal("16") and ledger.entries[0].source == LedgerEntry.Source.CLASS


def test_jp_is_credited_once_for_the_same_thing(team):
    on = timezone.localdate()
    with pytest.MonkeyPatch.context():
        from django.db import transaction

        with transaction.atomic():
            first = services.ledger_credit(
                employee=team.member,
                on=on,
                jp=Decimal("4"),
                source="evidence",
                source_key="evidence:999",
                title="Webinar",
                form="webinar",
            )
            again = services.ledger_credit(
                employee=team.member,
                on=on,
                jp=Decimal("4"),
                source="evidence",
                source_key="evidence:999",
                title="Webinar",
                form="webinar",
            )
    assert first.created and not again.created and first.entry.pk == again.entry.pk
    assert JpTotal.objects.get(employee=team.member).jp == Decimal("4")


def test_the_admin_adjusts_with_a_reason_and_the_totals_follow(team):
    on = timezone.localdate()
    services.ledger_adjust(
        employee=team.member,
        jp=Decimal("3"),
        on=on,
        reason="Diklat di luar platform",
        actor=team.admin.user,
    )
    services.ledger_adjust(
        employee=team.member, jp=Decimal("-1"), on=on, reason="Koreksi", actor=team.admin.user
    )
    assert selectors.ledger_year(team.member, on.year).total == Decimal("2")
    with pytest.raises(InvalidInput):
        services.ledger_adjust(
            employee=team.member, jp=Decimal("0"), on=on, reason="", actor=team.admin.user
        )
    with pytest.raises(Forbidden):
        services.ledger_adjust(
            employee=team.member, jp=Decimal("5"), on=on, reason="x", actor=team.head.user
        )


# --- Evidence -----------------------------------------------------------------------------------


def _evidence(team, **overrides):
    values = {
        "user": team.member.user,
        "title": "Webinar Keamanan Data",
        "form": "webinar",
        "provider": "BSSN",
        "started_on": timezone.localdate() - dt.timedelta(days=5),
        "ended_on": timezone.localdate() - dt.timedelta(days=5),
        "quantity": Decimal("135"),
        "upload": upload(),
    }
    values.update(overrides)
    return services.evidence_submit(**values)


def test_evidence_is_validated_into_jp_by_the_conversion_table(team):
    evidence = _evidence(team)
    assert evidence.status == EvidenceStatus.SUBMITTED and evidence.approver == team.head
    services.evidence_claim(evidence=evidence, actor=team.head.user)
    with pytest.raises(Conflict):  # someone else is checking it
        services.evidence_validate(evidence=evidence, actor=team.admin.user)
    services.evidence_validate(evidence=evidence, actor=team.head.user)
    evidence.refresh_from_db()
    assert evidence.status == EvidenceStatus.VALIDATED
    assert evidence.jp_credited == Decimal("3.00")  # 135 minutes / 45
    assert LedgerEntry.objects.get(source_key=f"evidence:{evidence.pk}").jp == Decimal("3.00")


def test_the_same_certificate_twice_is_refused(team):
    content = pdf_bytes("Sertifikat yang sama")
    _evidence(team, upload=upload(content))
    with pytest.raises(Conflict) as refused:
        _evidence(team, upload=upload(content, "salinan.pdf"))
    assert refused.value.code == "duplicate_evidence"


def test_a_disguised_file_is_refused_with_a_clear_message(team):
    disguised = SimpleUploadedFile(
        "sertifikat.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"
    )
    with pytest.raises(InvalidInput) as refused:
        _evidence(team, upload=disguised)
    assert refused.value.code in {"html", "bad_type"} and refused.value.field_errors["file"]
    assert not team.member.learning_evidence.exists()


def test_bad_evidence_fields_are_named(team):
    with pytest.raises(InvalidInput) as refused:
        _evidence(
            team,
            title="",
            started_on=timezone.localdate(),
            ended_on=timezone.localdate() - dt.timedelta(days=3),
        )
    assert {"title", "ended_on"} <= set(refused.value.field_errors)


def test_rejected_evidence_says_why_and_credits_nothing(team):
    evidence = _evidence(team)
    services.evidence_reject(
        evidence=evidence, actor=team.head.user, reason="Sertifikat tidak terbaca."
    )
    evidence.refresh_from_db()
    assert evidence.status == EvidenceStatus.REJECTED
    assert not LedgerEntry.objects.exists()
    assert Notification.objects.filter(
        recipient=team.member.user, body__contains="Sertifikat tidak terbaca."
    ).exists()


@pytest.mark.parametrize(
    ("unit", "per_unit", "cap", "quantity", "expected"),
    [
        ("minute", "1", None, "90", "2.00"),
        ("minute", "1", None, "100", "2.22"),
        ("minute", "1", "8", "600", "8"),
        ("day", "8", None, "2.5", "20.00"),
        ("activity", "2", "10", "7", "10"),
    ],
)
def test_jp_conversion_arithmetic(unit, per_unit, cap, quantity, expected):
    conversion = JpConversion(
        form="webinar",
        unit=unit,
        jp_per_unit=Decimal(per_unit),
        minutes_per_jp=45,
        max_jp_per_item=Decimal(cap) if cap else None,
    )
    assert jp_for_evidence(conversion, Decimal(quantity)) == Decimal(expected)


# --- Readiness and profile ----------------------------------------------------------------------


def _answers(value_for):
    return {q.pk: value_for(q) for q in ReadinessQuestion.objects.select_related("competency")}


def test_the_readiness_questionnaire_scores_each_area_and_asks_the_supervisor(team):
    answers = _answers(lambda q: 2 if q.competency.code == "digital-keamanan" else 4)
    response = services.readiness_submit(user=team.member.user, answers=answers, submit_key="r1")
    assert response.scores["digital-keamanan"] == "2.00"
    assert response.scores["digital-konten"] == "4.00"
    pending = Assessment.objects.filter(employee=team.member, status=AssessmentStatus.SUBMITTED)
    assert pending.count() == 6 and {a.approver for a in pending} == {team.head}
    # Sent twice: the same result, nothing more waiting.
    again = services.readiness_submit(user=team.member.user, answers=answers, submit_key="r1")
    assert again.pk == response.pk and pending.count() == 6
    # Recommendations close the weakest area first.
    security = Competency.objects.get(code="digital-keamanan")
    programme = ProgrammeFactory(title="Keamanan Siber untuk ASN")
    ProgrammeCompetency.objects.create(programme=programme, competency=security, level_reached=3)
    levels = {a.competency.code: a.level for a in selectors.readiness_result(response)}
    recs = selectors.recommendations(team.member, levels=levels)
    assert recs[0].programme == programme and recs[0].from_level == 2


def test_an_unanswered_statement_is_named_and_nothing_is_kept(team):
    answers = _answers(lambda q: 3)
    missing = next(iter(answers))
    answers[missing] = 0
    with pytest.raises(InvalidInput) as refused:
        services.readiness_submit(user=team.member.user, answers=answers)
    assert f"q{missing}" in refused.value.field_errors
    assert not Assessment.objects.exists()


def test_the_profile_shows_the_validated_level_and_the_gap(team):
    answers = _answers(lambda q: 2)
    services.readiness_submit(user=team.member.user, answers=answers)
    security = Assessment.objects.get(employee=team.member, competency__code="digital-keamanan")
    services.assessment_validate(assessment=security, actor=team.head.user, level=3)
    with pytest.raises(Forbidden):  # one's own assessment
        other = Assessment.objects.get(employee=team.member, competency__code="digital-konten")
        services.assessment_validate(assessment=other, actor=team.member.user)
    from balaikota.competency.models import PositionStandard

    PositionStandard.objects.create(
        position=team.member.position, competency=security.competency, required_level=4
    )
    rows = {r.competency.code: r for r in selectors.profile(team.member)}
    assert rows["digital-keamanan"].level == 3 and rows["digital-keamanan"].gap == 1
    assert rows["digital-konten"].level is None and rows["digital-konten"].pending is not None


def test_level_of_a_score_rounds_half_up():
    assert [level_of(s) for s in ("1.00", "2.49", "2.50", "4.75", "5.00")] == [1, 2, 3, 5, 5]


# --- Compliance -------------------------------------------------------------------------------


def test_compliance_counts_each_person_once_by_their_standing(team):
    from django.db import transaction

    year = timezone.localdate().year
    on = dt.date(year, 1, 15)
    with transaction.atomic():
        services.ledger_credit(
            employee=team.member,
            on=on,
            jp=Decimal("20"),
            source="adjustment",
            source_key="t:1",
            title="x",
            form="training",
        )
        services.ledger_credit(
            employee=team.peer,
            on=on,
            jp=Decimal("2"),
            source="adjustment",
            source_key="t:2",
            title="x",
            form="training",
        )
    mid_year = dt.date(year, 7, 1)
    rows = selectors.compliance(year=year, group_by="unit", opd_id=team.unit.opd_id, on=mid_year)
    row = next(r for r in rows if r.key == team.unit.pk)
    # member reached; peer (2 of an expected ~10) at risk; the head (0) at risk
    assert (row.people, row.reached, row.on_track, row.at_risk) == (3, 1, 0, 2)
    early = selectors.compliance(
        year=year, group_by="unit", opd_id=team.unit.opd_id, on=dt.date(year, 1, 20)
    )
    row = next(r for r in early if r.key == team.unit.pk)
    assert (row.reached, row.on_track, row.at_risk) == (1, 1, 1)


def test_the_ledger_keeps_each_event_of_an_enrolment(team):
    enrolment = services.enrolment_request(
        user=team.member.user, training_class=TrainingClassFactory()
    )
    services.enrolment_approve(enrolment=enrolment, actor=team.head.user)
    services.enrolment_withdraw(enrolment=enrolment, actor=team.member.user, reason="Sakit")
    events = EnrolmentEvent.objects.filter(enrolment=enrolment).order_by("pk")
    assert [(e.action, e.to_status) for e in events] == [
        ("request", "pending"),
        ("approve", "enrolled"),
        ("withdraw", "withdrawn"),
    ]
    assert events[1].actor == team.head.user


# --- Heat map and reminders -------------------------------------------------------------------


def test_the_heat_map_counts_people_on_pace_month_by_month(team):
    from django.db import transaction

    from balaikota.competency.models import ComplianceMonth

    year = timezone.localdate().year - 1  # a whole past year
    with transaction.atomic():
        services.ledger_credit(
            employee=team.member,
            on=dt.date(year, 2, 10),
            jp=Decimal("20"),
            source="adjustment",
            source_key="h:1",
            title="x",
            form="training",
        )
        services.ledger_credit(
            employee=team.peer,
            on=dt.date(year, 11, 10),
            jp=Decimal("20"),
            source="adjustment",
            source_key="h:2",
            title="x",
            form="training",
        )
    rows = services.compliance_months_refresh(year=year)
    assert rows >= 12
    unit_opd = team.unit.opd_id
    january, june, december = (
        ComplianceMonth.objects.get(opd_id=unit_opd, year=year, month=m) for m in (1, 6, 12)
    )
    # head, member, peer: nobody on pace in January; the member from February; the peer late.
    assert (january.people, january.on_pace, january.reached) == (3, 0, 0)
    assert (june.on_pace, june.reached) == (1, 1)
    assert (december.on_pace, december.reached) == (2, 2)
    assert services.compliance_months_refresh(year=year) == rows  # rebuilt, not added


def test_reminders_go_from_july_once_a_month_to_people_behind_and_their_supervisor(team):
    year = timezone.localdate().year
    assert services.jp_reminders_send(on=dt.date(year, 3, 1)) == {"people": 0, "supervisors": 0}
    august = dt.date(year, 8, 20)
    first = services.jp_reminders_send(on=august)
    assert first["people"] >= 3 and first["supervisors"] >= 1
    assert (
        Notification.objects.filter(
            recipient=team.member.user, title__startswith="Pengingat 20 JP"
        ).count()
        == 1
    )
    boss_note = Notification.objects.get(recipient=team.head.user, title__contains="tertinggal")
    assert team.member.full_name in boss_note.body and team.peer.full_name in boss_note.body
    services.jp_reminders_send(on=august + dt.timedelta(days=3))  # same month: nothing new
    assert (
        Notification.objects.filter(
            recipient=team.member.user, title__startswith="Pengingat 20 JP"
        ).count()
        == 1
    )
