"""Every read of competency development: profiles, recommendations, the catalogue, the JP
ledger and compliance. Compliance reads ``JpTotal`` (kept with the ledger), never the ledger."""

from __future__ import annotations

import calendar
import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import rules
from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balaikota.organization import selectors as organization_selectors

from .models import (
    LIVE_ENROLMENT,
    Assessment,
    AssessmentStatus,
    Attendance,
    Certificate,
    ClassFeedback,
    ClassStatus,
    Competency,
    ComplianceMonth,
    DevelopmentPlan,
    Enrolment,
    EnrolmentStatus,
    Evidence,
    EvidenceStatus,
    JpConversion,
    JpRule,
    LedgerEntry,
    PlanItem,
    PlanStatus,
    PositionStandard,
    Programme,
    ProgrammeCompetency,
    ReadinessQuestion,
    ReadinessResponse,
    TrainingClass,
)
from .scoring import jp_for_evidence, level_of

E = EnrolmentStatus
ZERO = Decimal("0")
JP_FIELD = DecimalField(max_digits=9, decimal_places=2)


def employee_for(user):
    return organization_selectors.employee_for_user(user)


# --- Profile ----------------------------------------------------------------------------------


@dataclass
class ProfileRow:
    competency: Competency
    level: int | None  # the latest validated level
    required: int | None  # the position's standard
    assessed_on: dt.date | None = None
    source: str = ""
    pending: Assessment | None = None  # a self-assessment waiting for the supervisor

    @property
    def gap(self) -> int:
        if self.required is None or self.level is None:
            return 0
        return max(0, self.required - (self.level or 0))

    @property
    def meets(self) -> bool:
        return self.required is not None and (self.level or 0) >= self.required


def profile(employee) -> list[ProfileRow]:
    """Every competency the person has a level in or their position asks for, with the gap."""
    standards = dict(
        PositionStandard.objects.filter(position_id=employee.position_id).values_list(
            "competency_id", "required_level"
        )
    )
    current: dict[int, Assessment] = {}
    pending: dict[int, Assessment] = {}
    for assessment in (
        Assessment.objects.filter(employee=employee)
        .exclude(status=AssessmentStatus.REJECTED)
        .order_by("assessed_on", "pk")
    ):
        target = current if assessment.status == AssessmentStatus.VALIDATED else pending
        target[assessment.competency_id] = assessment
    ids = set(standards) | set(current) | set(pending)
    rows = []
    for competency in Competency.objects.filter(
        Q(pk__in=ids) | Q(kind=Competency.Kind.DIGITAL), is_active=True
    ):
        known = current.get(competency.pk)
        rows.append(
            ProfileRow(
                competency=competency,
                level=known.level if known else None,
                required=standards.get(competency.pk),
                assessed_on=known.assessed_on if known else None,
                source=known.get_source_display() if known else "",
                pending=pending.get(competency.pk),
            )
        )
    return rows


def competencies_active() -> QuerySet[Competency]:
    return Competency.objects.filter(is_active=True).order_by("kind", "order", "name")


def standards_of(position) -> dict[int, int]:
    return dict(
        PositionStandard.objects.filter(position=position).values_list(
            "competency_id", "required_level"
        )
    )


def profile_history(employee) -> QuerySet[Assessment]:
    return (
        Assessment.objects.filter(employee=employee)
        .select_related("competency", "approver")
        .order_by("-assessed_on", "-pk")
    )


def readiness_questions() -> list[tuple[Competency, list[ReadinessQuestion]]]:
    grouped: dict[int, list[ReadinessQuestion]] = defaultdict(list)
    areas: dict[int, Competency] = {}
    for question in ReadinessQuestion.objects.filter(
        is_active=True, competency__is_active=True
    ).select_related("competency"):
        grouped[question.competency_id].append(question)
        areas[question.competency_id] = question.competency
    return [(areas[pk], grouped[pk]) for pk in sorted(areas, key=lambda k: areas[k].order)]


def latest_readiness(employee) -> ReadinessResponse | None:
    return ReadinessResponse.objects.filter(employee=employee).first()


@dataclass
class AreaScore:
    competency: Competency
    score: Decimal
    level: int
    required: int | None

    @property
    def percent(self) -> int:
        """The bar's length: score 1–5 on a 0–100 scale."""
        return int((self.score * 20).quantize(Decimal("1"), ROUND_HALF_UP))

    @property
    def required_percent(self) -> int | None:
        return self.required * 20 if self.required else None


def readiness_result(response: ReadinessResponse) -> list[AreaScore]:
    employee = response.employee
    standards = dict(
        PositionStandard.objects.filter(position_id=employee.position_id).values_list(
            "competency__code", "required_level"
        )
    )
    by_code = {c.code: c for c in Competency.objects.filter(code__in=response.scores)}
    rows = []
    for code, score in response.scores.items():
        if code in by_code:
            rows.append(
                AreaScore(
                    competency=by_code[code],
                    score=Decimal(score),
                    level=level_of(score),
                    required=standards.get(code),
                )
            )
    return sorted(rows, key=lambda r: r.competency.order)


@dataclass
class Recommendation:
    programme: Programme
    competency: Competency
    from_level: int
    to_level: int
    open_class: TrainingClass | None


def recommendations(employee, *, levels: dict[str, int] | None = None, limit: int = 6):
    """Programmes that close the person's largest gaps: for each competency below its target
    (the position's standard, else level 3 for the digital areas), the published programmes
    that reach above the current level — not those the person passed or is enrolled in."""
    if levels is None:
        levels = {row.competency.code: row.level or 0 for row in profile(employee)}
    standards = dict(
        PositionStandard.objects.filter(position_id=employee.position_id).values_list(
            "competency__code", "required_level"
        )
    )
    gaps = {}
    for code, level in levels.items():
        target = standards.get(code, 3 if code.startswith("digital-") else None)
        if target is not None and level < target:
            gaps[code] = (level, target)
    if not gaps:
        return []
    taken = Enrolment.objects.filter(
        employee=employee, status__in=[*LIVE_ENROLMENT, E.COMPLETED]
    ).values("training_class__programme_id")
    targets = (
        ProgrammeCompetency.objects.filter(competency__code__in=gaps, programme__is_published=True)
        .exclude(programme_id__in=taken)
        .select_related("programme", "competency")
    )
    open_classes = {}
    for training_class in TrainingClass.objects.filter(
        status=ClassStatus.OPEN, enrolment_closes_on__gte=timezone.localdate()
    ).order_by("starts_on"):
        open_classes.setdefault(training_class.programme_id, training_class)
    chosen: dict[int, Recommendation] = {}
    for target in targets:
        level, wanted = gaps[target.competency.code]
        if target.level_reached <= level:
            continue
        rec = Recommendation(
            programme=target.programme,
            competency=target.competency,
            from_level=level,
            to_level=min(target.level_reached, wanted),
            open_class=open_classes.get(target.programme_id),
        )
        best = chosen.get(target.programme_id)
        if best is None or (wanted - level) > (gaps[best.competency.code][1] - best.from_level):
            chosen[target.programme_id] = rec
    ordered = sorted(
        chosen.values(),
        key=lambda r: (
            -(gaps[r.competency.code][1] - r.from_level),
            r.open_class is None,
            r.programme.title,
        ),
    )
    return ordered[:limit]


# --- Catalogue and classes ----------------------------------------------------------------------


def seats_taken_subquery():
    """Seats held: enrolled now, or held until the class ended (passed or not)."""
    return Coalesce(
        Subquery(
            Enrolment.objects.filter(
                training_class=OuterRef("pk"),
                status__in=[E.ENROLLED, E.COMPLETED, E.NOT_COMPLETED],
            )
            .order_by()
            .values("training_class")
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def programmes_published(*, mode: str = "", competency: str = "", query: str = ""):
    rows = Programme.objects.filter(is_published=True).prefetch_related(
        Prefetch(
            "competency_targets",
            queryset=ProgrammeCompetency.objects.select_related("competency"),
        )
    )
    if mode:
        rows = rows.filter(mode=mode)
    if competency:
        rows = rows.filter(competency_targets__competency__code=competency)
    if query:
        rows = rows.filter(Q(title__icontains=query) | Q(summary__icontains=query))
    open_now = TrainingClass.objects.filter(
        programme=OuterRef("pk"),
        status=ClassStatus.OPEN,
        enrolment_closes_on__gte=timezone.localdate(),
    )
    return rows.annotate(has_open_class=Exists(open_now)).order_by("-has_open_class", "title")


def programme_by_code(code: str) -> Programme | None:
    return (
        Programme.objects.filter(code=code, is_published=True)
        .select_related("organiser")
        .prefetch_related(
            Prefetch(
                "competency_targets",
                queryset=ProgrammeCompetency.objects.select_related("competency"),
            ),
            "prerequisites",
        )
        .first()
    )


def classes_of(programme: Programme) -> QuerySet[TrainingClass]:
    return (
        TrainingClass.objects.filter(programme=programme)
        .exclude(status=ClassStatus.CANCELLED)
        .annotate(seats_taken=seats_taken_subquery())
        .order_by("-starts_on")
    )


def class_by_pk(pk) -> TrainingClass | None:
    return (
        TrainingClass.objects.filter(pk=pk)
        .select_related("programme", "programme__organiser")
        .annotate(seats_taken=seats_taken_subquery())
        .first()
    )


def enrolment_of(employee, training_class) -> Enrolment | None:
    if employee is None:
        return None
    return (
        Enrolment.objects.filter(employee=employee, training_class=training_class)
        .order_by("-created_at", "-pk")
        .first()
    )


def waitlist_position(enrolment: Enrolment) -> int | None:
    if enrolment.status != E.WAITLISTED:
        return None
    ahead = Enrolment.objects.filter(
        training_class_id=enrolment.training_class_id, status=E.WAITLISTED
    ).filter(
        Q(waitlisted_at__lt=enrolment.waitlisted_at)
        | Q(waitlisted_at=enrolment.waitlisted_at, pk__lt=enrolment.pk)
    )
    return ahead.count() + 1


def roster(training_class) -> list[Enrolment]:
    """Participants with their attendance count, seated first, then the waiting list."""
    return list(
        Enrolment.objects.filter(training_class=training_class)
        .exclude(status__in=[E.REJECTED, E.WITHDRAWN, E.CANCELLED])
        .select_related("employee__unit__opd")
        .annotate(attended=Count("attendance"))
        .order_by(
            Case(
                When(status=E.ENROLLED, then=0),
                When(status=E.COMPLETED, then=0),
                When(status=E.NOT_COMPLETED, then=0),
                When(status=E.PENDING, then=1),
                default=2,
            ),
            "waitlisted_at",
            "employee__full_name",
        )
    )


def attendance_pairs(training_class) -> set[tuple[int, int]]:
    """(enrolment id, session id) of every attendance recorded in the class."""
    return set(
        Attendance.objects.filter(session__training_class=training_class).values_list(
            "enrolment_id", "session_id"
        )
    )


@dataclass
class ProgrammeReport:
    programme: Programme
    classes: int = 0
    participants: int = 0
    completed: int = 0
    not_completed: int = 0
    responses: int = 0
    reaction: list = field(default_factory=list)  # (label, mean) per item
    comments: list = field(default_factory=list)
    learning: object = None  # e-learning's CourseLearning, when the programme is a course

    @property
    def pass_rate(self) -> int | None:
        decided = self.completed + self.not_completed
        return round(self.completed * 100 / decided) if decided else None


def programme_report(programme: Programme, *, learning=None) -> ProgrammeReport:
    """Reaction (feedback), results (pass rate) and, for an e-learning programme, learning
    (pre/post and gain) of one programme over all its classes."""
    from .models import FEEDBACK_ITEMS

    report = ProgrammeReport(programme=programme, learning=learning)
    report.classes = programme.classes.exclude(status=ClassStatus.CANCELLED).count()
    counts = dict(
        Enrolment.objects.filter(training_class__programme=programme)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    report.completed = counts.get(E.COMPLETED, 0)
    report.not_completed = counts.get(E.NOT_COMPLETED, 0)
    report.participants = report.completed + report.not_completed + counts.get(E.ENROLLED, 0)
    feedback = list(
        ClassFeedback.objects.filter(enrolment__training_class__programme=programme).values_list(
            "ratings", "comment"
        )
    )
    report.responses = len(feedback)
    for key, label in FEEDBACK_ITEMS:
        values = [r[key] for r, _c in feedback if isinstance(r.get(key), int)]
        mean = (Decimal(sum(values)) / len(values)).quantize(Decimal("0.01")) if values else None
        report.reaction.append((label, mean))
    report.comments = [c for _r, c in feedback if c][:50]
    return report


def certificates_of(employee) -> QuerySet[Certificate]:
    return Certificate.objects.filter(employee=employee).select_related("document")


def certificate_by_pk(pk) -> Certificate | None:
    return (
        Certificate.objects.select_related(
            "document", "employee__user", "enrolment__training_class__programme"
        )
        .filter(pk=pk)
        .first()
    )


def certificate_by_credential(credential_id) -> Certificate | None:
    return (
        Certificate.objects.select_related("document", "enrolment__training_class__programme")
        .filter(credential_id=credential_id)
        .first()
    )


def certificate_for(enrolment) -> Certificate | None:
    if enrolment is None or enrolment.status != E.COMPLETED:
        return None
    return Certificate.objects.select_related("document").filter(enrolment=enrolment).first()


def enrolments_of(employee) -> QuerySet[Enrolment]:
    return (
        Enrolment.objects.filter(employee=employee)
        .select_related("training_class__programme")
        .order_by("-created_at", "-pk")
    )


# --- Approvals ----------------------------------------------------------------------------------


@dataclass
class Approvals:
    enrolments: list[Enrolment]
    assessments: list[Assessment]
    evidence: list[Evidence]

    plans: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.enrolments) + len(self.assessments) + len(self.evidence) + len(self.plans)


def _decidable(user, rows: QuerySet) -> QuerySet:
    """The rows ``user`` decides: theirs as the recorded approver, and for the competency admin
    also those nobody above the person can decide (no approver). Never the user's own."""
    scope = Q(approver__user_id=user.pk)
    if rules.has_perm("competency.manage", user):  # the rule itself: no permission tables
        scope |= Q(approver__isnull=True)
    return rows.filter(scope).exclude(employee__user_id=user.pk)


def approvals_for(user, *, limit: int = 100) -> Approvals:
    """Everything waiting for ``user``'s decision (``plans`` too, as an attribute)."""
    enrolments = (
        _decidable(user, Enrolment.objects.filter(status=E.PENDING))
        .select_related("employee__unit", "training_class__programme")
        .order_by("created_at")
    )
    assessments = (
        _decidable(user, Assessment.objects.filter(status=AssessmentStatus.SUBMITTED))
        .select_related("employee", "competency")
        .order_by("employee__full_name", "competency__order")
    )
    evidence = (
        _decidable(
            user,
            Evidence.objects.filter(
                status__in=[EvidenceStatus.SUBMITTED, EvidenceStatus.IN_REVIEW]
            ),
        )
        .select_related("employee", "claimed_by")
        .order_by("due_date", "submitted_at")
    )
    approvals = Approvals(
        list(enrolments[:limit]), list(assessments[:limit]), list(evidence[:limit])
    )
    approvals.plans = list(
        _decidable(user, DevelopmentPlan.objects.filter(status=PlanStatus.SUBMITTED))
        .select_related("employee")
        .prefetch_related("items__programme")[:limit]
    )
    return approvals


def approvals_count(user) -> int:
    """How many decisions wait for ``user``, in one query (the home page asks it)."""
    parts = [
        _decidable(user, rows).order_by().values_list("pk", flat=True)
        for rows in (
            Enrolment.objects.filter(status=E.PENDING),
            Assessment.objects.filter(status=AssessmentStatus.SUBMITTED),
            Evidence.objects.filter(
                status__in=[EvidenceStatus.SUBMITTED, EvidenceStatus.IN_REVIEW]
            ),
        )
    ]
    return parts[0].union(parts[1], parts[2], all=True).count()


DECISIONS_VERSION_KEY = "competency:decisions:version"


def _decisions_version() -> str:
    from django.core.cache import cache

    cache.add(DECISIONS_VERSION_KEY, uuid.uuid4().hex, None)
    return cache.get(DECISIONS_VERSION_KEY) or ""


def approvals_count_cached(user) -> int:
    """``approvals_count`` kept in the shared cache (the home page asks it on every visit):
    one cache round trip when warm; any write that adds or settles a decision replaces the
    version token (``services.decisions_changed``)."""
    from balaikota.core.cache import kept_get, kept_set

    key = f"competency:decisions:{user.pk}"
    token, kept = kept_get(key, _decisions_version, DECISIONS_VERSION_KEY)
    if kept is None:
        kept = approvals_count(user)
        kept_set(key, token, kept, 300)
    return kept


def evidence_queue(user) -> QuerySet[Evidence]:
    return _decidable(
        user,
        Evidence.objects.filter(status__in=[EvidenceStatus.SUBMITTED, EvidenceStatus.IN_REVIEW]),
    ).select_related("employee__unit", "claimed_by")


def evidence_of(employee) -> QuerySet[Evidence]:
    return Evidence.objects.filter(employee=employee).order_by("-submitted_at", "-pk")


def evidence_jp_preview(evidence: Evidence) -> Decimal:
    """The JP the evidence would be credited with as it stands."""
    return jp_for_evidence(
        JpConversion.objects.filter(form=evidence.form).first(), evidence.quantity
    )


def evidence_by_pk(pk) -> Evidence | None:
    return Evidence.objects.select_related("employee__unit__opd", "approver").filter(pk=pk).first()


# --- The JP ledger and compliance ---------------------------------------------------------------


def jp_rules_for(year: int) -> dict[str, JpRule]:
    """The rule in force in ``year`` per employment type."""
    rules: dict[str, JpRule] = {}
    for rule in JpRule.objects.filter(from_year__lte=year).order_by(
        "employment_type", "-from_year"
    ):
        rules.setdefault(rule.employment_type, rule)
    return rules


def expected_share(year: int, on: dt.date) -> Decimal:
    """How much of the year's target should be done by ``on`` (the expected pace)."""
    if on.year > year:
        return Decimal(1)
    if on.year < year:
        return Decimal(0)
    days = 366 if calendar.isleap(year) else 365
    return Decimal(on.timetuple().tm_yday) / days


class Standing:
    REACHED = "reached"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    NO_TARGET = "no_target"

    LABELS = {
        REACHED: _("Tercapai"),
        ON_TRACK: _("Sesuai jalur"),
        AT_RISK: _("Berisiko"),
        NO_TARGET: _("Tanpa target"),
    }


def standing(total: Decimal, target: Decimal | None, share: Decimal) -> str:
    if target is None or target <= 0:
        return Standing.NO_TARGET
    if total >= target:
        return Standing.REACHED
    if total >= (target * share).quantize(Decimal("0.01")):
        return Standing.ON_TRACK
    return Standing.AT_RISK


@dataclass
class LedgerYear:
    year: int
    entries: list[LedgerEntry]
    total: Decimal
    target: Decimal | None
    maximum: Decimal | None
    expected: Decimal
    standing: str

    @property
    def standing_label(self):
        return Standing.LABELS[self.standing]

    @property
    def percent(self) -> int:
        if not self.target:
            return 100
        return min(100, int(self.total * 100 / self.target))

    @property
    def missing(self) -> Decimal:
        return max(ZERO, (self.target or ZERO) - self.total)


def ledger_year(employee, year: int, *, on: dt.date | None = None) -> LedgerYear:
    on = on or timezone.localdate()
    entries = list(
        LedgerEntry.objects.filter(employee=employee, year=year)
        .select_related("programme")
        .order_by("-on", "-pk")
    )
    total = sum((e.jp for e in entries), ZERO)
    rule = jp_rules_for(year).get(employee.employment_type)
    target = rule.min_jp if rule else None
    share = expected_share(year, on)
    return LedgerYear(
        year=year,
        entries=entries,
        total=total,
        target=target,
        maximum=rule.max_jp if rule else None,
        expected=((target or ZERO) * share).quantize(Decimal("0.01")),
        standing=standing(total, target, share),
    )


def ledger_years(employee) -> list[int]:
    years = set(LedgerEntry.objects.filter(employee=employee).values_list("year", flat=True))
    years.add(timezone.localdate().year)
    return sorted(years, reverse=True)


def _people_with_jp(year: int):
    """Active civil servants annotated with ``jp`` (their year's total, joined from
    ``JpYearTotal``: one row a person) and ``target``."""
    rules = jp_rules_for(year)
    target = Case(
        *[When(employment_type=kind, then=Value(rule.min_jp)) for kind, rule in rules.items()],
        default=Value(None),
        output_field=JP_FIELD,
    )
    return organization_selectors.employees_active().annotate(
        year_total=FilteredRelation("jp_year_totals", condition=Q(jp_year_totals__year=year)),
        jp=Coalesce(F("year_total__jp"), Value(ZERO), output_field=JP_FIELD),
        target=target,
    )


def _standing_case(share: Decimal):
    return Case(
        When(target__isnull=True, then=Value(Standing.NO_TARGET)),
        When(target__lte=0, then=Value(Standing.NO_TARGET)),
        When(jp__gte=F("target"), then=Value(Standing.REACHED)),
        When(
            jp__gte=F("target") * Value(share, output_field=JP_FIELD), then=Value(Standing.ON_TRACK)
        ),
        default=Value(Standing.AT_RISK),
    )


@dataclass
class ComplianceRow:
    key: object
    name: str
    code: str = ""
    people: int = 0
    reached: int = 0
    on_track: int = 0
    at_risk: int = 0
    no_target: int = 0
    jp: Decimal = ZERO
    extra: dict = field(default_factory=dict)

    @property
    def reached_percent(self) -> int:
        counted = self.people - self.no_target
        return int(self.reached * 100 / counted) if counted else 0

    @property
    def mean_jp(self) -> Decimal:
        return (self.jp / self.people).quantize(Decimal("0.1")) if self.people else ZERO


def compliance(*, year: int, group_by: str, opd_id: int | None = None, on: dt.date | None = None):
    """Counts of people reached / on track / at risk per OPD (``group_by="opd"``) or per unit
    of one OPD (``"unit"``), in one query over the people and their yearly totals."""
    on = on or timezone.localdate()
    share = expected_share(year, on)
    people = _people_with_jp(year)
    if opd_id is not None:
        people = people.filter(unit__opd_id=opd_id)
    key = "unit__opd_id" if group_by == "opd" else "unit_id"
    name = "unit__opd__name" if group_by == "opd" else "unit__name"
    code = "unit__opd__code" if group_by == "opd" else "unit__code"
    rows = (
        people.annotate(standing=_standing_case(share))
        .order_by()
        .values(key, name, code)
        .annotate(
            people=Count("pk"),
            reached=Count("pk", filter=Q(standing=Standing.REACHED)),
            on_track=Count("pk", filter=Q(standing=Standing.ON_TRACK)),
            at_risk=Count("pk", filter=Q(standing=Standing.AT_RISK)),
            no_target=Count("pk", filter=Q(standing=Standing.NO_TARGET)),
            jp_sum=Sum("jp"),
        )
        .order_by(name)
    )
    return [
        ComplianceRow(
            key=row[key],
            name=row[name],
            code=row[code],
            people=row["people"],
            reached=row["reached"],
            on_track=row["on_track"],
            at_risk=row["at_risk"],
            no_target=row["no_target"],
            jp=row["jp_sum"] or ZERO,
        )
        for row in rows
    ]


def compliance_total(rows: list[ComplianceRow]) -> ComplianceRow:
    total = ComplianceRow(key=None, name=str(_("Seluruh kota")))
    for row in rows:
        total.people += row.people
        total.reached += row.reached
        total.on_track += row.on_track
        total.at_risk += row.at_risk
        total.no_target += row.no_target
        total.jp += row.jp
    return total


def compliance_people(
    *,
    year: int,
    opd_id: int,
    unit_id: int | None = None,
    standing_filter: str = "",
    on: dt.date | None = None,
):
    """The people behind the counts (drill-down), at-risk first."""
    on = on or timezone.localdate()
    people = (
        _people_with_jp(year)
        .filter(unit__opd_id=opd_id)
        .annotate(standing=_standing_case(expected_share(year, on)))
        .select_related("unit")
        .only("pk", "full_name", "employment_type", "unit__name")
    )
    if unit_id:
        people = people.filter(unit_id=unit_id)
    if standing_filter:
        people = people.filter(standing=standing_filter)
    order = Case(
        When(standing=Standing.AT_RISK, then=0),
        When(standing=Standing.ON_TRACK, then=1),
        default=2,
    )
    return people.order_by(order, "jp", "full_name")


def compliance_people_all(*, year: int, on: dt.date, standing_filter: str):
    """Every active civil servant of the city with ``standing_filter``, in batches (reminders)."""
    people = (
        _people_with_jp(year)
        .annotate(standing=_standing_case(expected_share(year, on)))
        .filter(standing=standing_filter)
        .select_related("user", "unit", "position")
        .order_by("pk")
    )
    return people.iterator(chunk_size=2000)


@dataclass
class HeatRow:
    opd_name: str
    opd_code: str
    cells: list  # ComplianceMonth or None per month


def compliance_heat_map(year: int) -> tuple[list[HeatRow], list[int], object]:
    """OPD × month: the share of people on pace, from ``ComplianceMonth`` (a few hundred rows)."""
    rows = (
        ComplianceMonth.objects.filter(year=year)
        .select_related("opd")
        .order_by("opd__name", "month")
    )
    months = sorted({r.month for r in rows})
    by_opd: dict[int, HeatRow] = {}
    for row in rows:
        heat = by_opd.get(row.opd_id)
        if heat is None:
            heat = by_opd[row.opd_id] = HeatRow(row.opd.name, row.opd.code, [None] * len(months))
        heat.cells[months.index(row.month)] = row
    refreshed = max((r.refreshed_at for r in rows), default=None)
    return list(by_opd.values()), months, refreshed


def training_history(*, employee=None, opd_id: int | None = None, year: int | None = None):
    """JP credits with their people, for the export (one person, or one OPD; a year or all)."""
    entries = LedgerEntry.objects.select_related("employee__unit__opd").order_by(
        "employee__full_name", "employee_id", "on", "pk"
    )
    if employee is not None:
        entries = entries.filter(employee=employee)
    if opd_id is not None:
        entries = entries.filter(employee__unit__opd_id=opd_id)
    if year is not None:
        entries = entries.filter(year=year)
    return entries


def certificate_numbers(entries) -> dict[str, str]:
    keys = [e.source_key for e in entries if e.source_key.startswith("enrolment:")]
    ids = [int(k.split(":")[1]) for k in keys]
    return {
        f"enrolment:{enrolment_id}": number
        for enrolment_id, number in Certificate.objects.filter(
            enrolment_id__in=ids, revoked_at__isnull=True
        ).values_list("enrolment_id", "number")
    }


def plan_of(employee, year: int) -> DevelopmentPlan | None:
    return (
        DevelopmentPlan.objects.filter(employee=employee, year=year)
        .prefetch_related("items__programme", "items__competency")
        .first()
    )


def plan_by_pk(pk) -> DevelopmentPlan | None:
    return (
        DevelopmentPlan.objects.select_related("employee", "approver")
        .prefetch_related("items__programme", "items__competency")
        .filter(pk=pk)
        .first()
    )


@dataclass
class GapRow:
    competency: Competency
    required: int = 0  # people whose position sets a level
    meets: int = 0
    below: int = 0
    unassessed: int = 0


@dataclass
class PlannedRow:
    programme: Programme
    people: int
    jp: Decimal
    cost: Decimal


def needs_analysis(*, opd_id: int, year: int) -> tuple[list[GapRow], list[PlannedRow]]:
    """An OPD's AKPK: per competency, how many people meet their position's standard, are
    below it or were never assessed; and the programmes planned in approved plans of the year
    with their JP and cost. Three queries over the OPD's people."""
    people = dict(
        organization_selectors.employees_active()
        .filter(unit__opd_id=opd_id)
        .values_list("pk", "position_id")
    )
    standards: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for position_id, competency_id, level in PositionStandard.objects.filter(
        position_id__in=set(people.values())
    ).values_list("position_id", "competency_id", "required_level"):
        standards[position_id].append((competency_id, level))
    levels: dict[tuple[int, int], int] = {}
    for employee_id, competency_id, level in (
        Assessment.objects.filter(employee_id__in=people, status=AssessmentStatus.VALIDATED)
        .order_by("assessed_on", "pk")
        .values_list("employee_id", "competency_id", "level")
    ):
        levels[(employee_id, competency_id)] = level  # the latest wins
    rows: dict[int, GapRow] = {}
    competencies = {c.pk: c for c in Competency.objects.filter(is_active=True)}
    for employee_id, position_id in people.items():
        for competency_id, required in standards.get(position_id, ()):
            if competency_id not in competencies:
                continue
            row = rows.setdefault(competency_id, GapRow(competencies[competency_id]))
            row.required += 1
            level = levels.get((employee_id, competency_id))
            if level is None:
                row.unassessed += 1
            elif level >= required:
                row.meets += 1
            else:
                row.below += 1
    gaps = sorted(rows.values(), key=lambda r: (-r.below, -r.unassessed, r.competency.order))
    totals = list(
        PlanItem.objects.filter(
            plan__year=year,
            plan__status=PlanStatus.APPROVED,
            plan__employee__unit__opd_id=opd_id,
        )
        .values("programme")
        .annotate(people=Count("plan", distinct=True), jp=Sum("jp"), cost=Sum("cost"))
        .order_by("-people", "programme")
    )
    programmes = Programme.objects.in_bulk([row["programme"] for row in totals])
    planned = [
        PlannedRow(
            programme=programmes[row["programme"]],
            people=row["people"],
            jp=row["jp"] or ZERO,
            cost=row["cost"] or ZERO,
        )
        for row in totals
    ]
    return gaps, planned


def team_progress(supervisor, *, year: int):
    """The supervisor's direct reports with their JP this year and standing."""
    reports = organization_selectors.direct_reports(supervisor, limit=200)
    ids = [r.pk for r in reports]
    share = expected_share(year, timezone.localdate())
    people = (
        _people_with_jp(year)
        .filter(pk__in=ids)
        .annotate(standing=_standing_case(share))
        .select_related("position")
        .order_by("full_name")
    )
    return list(people)
