"""Every write of competency development: one transaction each, through the workflow tables."""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from balaikota.core import outbox
from balaikota.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from balaikota.core.richtext import sanitize
from balaikota.core.uploads import JPEG, PDF, PNG, check_upload
from balaikota.core.working_days import add_working_days

from . import integrations
from .data import catalogue as catalogue_data
from .data import dictionary
from .models import (
    LIVE_ENROLMENT,
    Assessment,
    AssessmentStatus,
    Attendance,
    Certificate,
    ClassFeedback,
    ClassSession,
    ClassStatus,
    Competency,
    CompetencyLevel,
    ComplianceMonth,
    DevelopmentPlan,
    Enrolment,
    EnrolmentStatus,
    Evidence,
    EvidenceStatus,
    JpConversion,
    JpRule,
    JpTotal,
    JpYearTotal,
    LedgerEntry,
    Mode,
    PlanItem,
    PositionStandard,
    Programme,
    ProgrammeCompetency,
    ReadinessQuestion,
    ReadinessResponse,
    TrainingClass,
)
from .scoring import jp_for_evidence, level_of, readiness_scores
from .workflows import (
    ASSESSMENT_WORKFLOW,
    CLASS_WORKFLOW,
    ENROLMENT_WORKFLOW,
    EVIDENCE_QUEUE,
    EVIDENCE_WORKFLOW,
    PLAN_WORKFLOW,
)

E = EnrolmentStatus
CERTIFICATE_ISSUE = "competency.certificate_issue"
EVIDENCE_MAX_SIZE = 5 * 1024 * 1024
EVIDENCE_TYPES = (PDF, JPEG, PNG)
EVIDENCE_DAYS = 10  # working days the supervisor has to validate evidence
CHECK_IN_EARLY = dt.timedelta(minutes=30)
CHECK_IN_LATE = dt.timedelta(minutes=30)
TWO = Decimal("0.01")


def today() -> dt.date:
    return timezone.localdate()


def _employee_of(user):
    employee = integrations.employee_for_user(user)
    if employee is None:
        raise Forbidden(
            _("Fitur ini untuk ASN: akun Anda tidak terhubung dengan data kepegawaian."),
            code="not_employee",
        )
    return employee


def decisions_changed() -> None:
    """Something a supervisor or the admin decides was added or settled: the cached counts on
    home pages are stale (now, and again after the commit)."""
    from django.core.cache import cache

    from .selectors import DECISIONS_VERSION_KEY

    cache.set(DECISIONS_VERSION_KEY, uuid.uuid4().hex, None)
    transaction.on_commit(lambda: cache.set(DECISIONS_VERSION_KEY, uuid.uuid4().hex, None))


def _key(value: str | None) -> str | None:
    value = (value or "").strip()[:64]
    return value or None


# --- Seed data: dictionary, JP rules, catalogue ----------------------------------------------


@transaction.atomic
def competency_dictionary_load() -> int:
    """The managerial, socio-cultural and digital competencies with their levels, and the
    digital-readiness statements. Idempotent: adds what is missing, never overwrites texts an
    admin edited."""
    created = 0
    for order, spec in enumerate(dictionary.ALL):
        competency, made = Competency.objects.get_or_create(
            code=spec.code,
            defaults={
                "kind": spec.kind,
                "name": spec.name,
                "description": spec.description,
                "order": order,
            },
        )
        created += made
        for number, level in enumerate(spec.levels, start=1):
            CompetencyLevel.objects.get_or_create(
                competency=competency,
                level=number,
                defaults={"title": level.title, "indicators": "\n".join(level.indicators)},
            )
    for code, statements in dictionary.READINESS_QUESTIONS.items():
        competency = Competency.objects.get(code=code)
        for order, text in enumerate(statements):
            ReadinessQuestion.objects.get_or_create(
                competency=competency, text=text, defaults={"order": order}
            )
    return created


@transaction.atomic
def jp_settings_load() -> None:
    """The yearly JP targets and the conversion table, where none is set yet."""
    for employment_type, from_year, min_jp, max_jp, basis in catalogue_data.JP_RULES:
        JpRule.objects.get_or_create(
            employment_type=employment_type,
            from_year=from_year,
            defaults={"min_jp": min_jp, "max_jp": max_jp, "legal_basis": basis},
        )
    for form, unit, per_unit, minutes, max_jp, basis in catalogue_data.JP_CONVERSIONS:
        JpConversion.objects.get_or_create(
            form=form,
            defaults={
                "unit": unit,
                "jp_per_unit": per_unit,
                "minutes_per_jp": minutes,
                "max_jp_per_item": max_jp,
                "legal_basis": basis,
            },
        )


@transaction.atomic
def programme_catalogue_load(*, opd_by_code) -> int:
    """The demo catalogue of digital-era programmes (marked as demo content)."""
    created = 0
    by_code = {}
    for spec in catalogue_data.PROGRAMMES:
        programme, made = Programme.objects.get_or_create(
            code=spec.code,
            defaults={
                "title": spec.title,
                "summary": spec.summary,
                "description": sanitize(spec.description),
                "mode": spec.mode,
                "jp": spec.jp,
                "organiser": opd_by_code(spec.organiser),
                "cost_per_participant": spec.cost,
                "pass_mark": spec.pass_mark,
                "min_attendance_percent": spec.min_attendance,
                "is_demo": True,
            },
        )
        created += made
        by_code[spec.code] = programme
        if made:
            for code, level in spec.targets:
                ProgrammeCompetency.objects.create(
                    programme=programme,
                    competency=Competency.objects.get(code=code),
                    level_reached=level,
                )
    for spec in catalogue_data.PROGRAMMES:
        if spec.prerequisites:
            by_code[spec.code].prerequisites.add(*[by_code[c] for c in spec.prerequisites])
    return created


@transaction.atomic
def position_standard_set(*, position, competency: Competency, level: int | None) -> None:
    """Set (or, with ``level`` None, remove) what ``position`` requires of ``competency``."""
    if level is None:
        PositionStandard.objects.filter(position=position, competency=competency).delete()
        return
    if not 1 <= int(level) <= 5:
        raise InvalidInput(errors={"level": [_("Level harus 1 sampai 5.")]})
    PositionStandard.objects.update_or_create(
        position=position, competency=competency, defaults={"required_level": int(level)}
    )


@transaction.atomic
def position_standards_save(*, position, levels: dict, actor) -> int:
    """Set the required level of each competency in ``levels`` (None: not required) for one
    position, in one transaction. Returns how many rows changed."""
    if not actor.has_perm("competency.manage"):
        raise Forbidden()
    before = dict(
        PositionStandard.objects.filter(position=position).values_list(
            "competency_id", "required_level"
        )
    )
    changed = 0
    for competency, level in levels.items():
        if before.get(competency.pk) != level:
            position_standard_set(position=position, competency=competency, level=level)
            changed += 1
    return changed


STANDARDS_MAX_SIZE = 2 * 1024 * 1024
STANDARDS_MAX_ROWS = 5000
STANDARD_COLUMNS = ("kode_opd", "jabatan", "kode_kompetensi", "level")


@dataclass
class StandardsImport:
    rows: int
    positions: int
    changed: int


@transaction.atomic
def position_standards_import(*, upload, actor) -> StandardsImport:
    """Position standards from an XLSX sheet (columns ``kode_opd, jabatan, kode_kompetensi,
    level``): a position name applies to every position of that name in the OPD. Every row is
    checked first; one wrong row and nothing is imported (the errors name their rows)."""
    import io
    import zipfile

    from openpyxl import load_workbook

    if not actor.has_perm("competency.manage"):
        raise Forbidden()
    content = upload.read(STANDARDS_MAX_SIZE + 1)
    if len(content) > STANDARDS_MAX_SIZE:
        raise InvalidInput(errors={"file": [_("Berkas terlalu besar: paling besar 2 MB.")]})
    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
        lines = list(sheet.iter_rows(values_only=True, max_row=STANDARDS_MAX_ROWS + 2))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError):
        raise InvalidInput(
            errors={"file": [_("Berkas bukan XLSX yang dapat dibaca. Simpan ulang sebagai .xlsx.")]}
        ) from None
    if not lines:
        raise InvalidInput(errors={"file": [_("Lembar kerja pertama kosong.")]})
    header = [str(v or "").strip().lower().replace(" ", "_") for v in lines[0]]
    if header[:4] != list(STANDARD_COLUMNS):
        raise InvalidInput(
            errors={
                "file": [
                    _("Baris pertama harus berisi kolom: %(cols)s.")
                    % {"cols": ", ".join(STANDARD_COLUMNS)}
                ]
            }
        )
    if len(lines) > STANDARDS_MAX_ROWS + 1:
        raise InvalidInput(errors={"file": [_("Paling banyak 5.000 baris per berkas.")]})
    competencies = {c.code: c for c in Competency.objects.filter(is_active=True)}
    positions = integrations.positions_by_opd_and_name()
    problems: list[str] = []
    wanted: dict[tuple[int, int], int] = {}
    for number, line in enumerate(lines[1:], start=2):
        values = [str(v).strip() if v is not None else "" for v in (list(line) + [None] * 4)[:4]]
        if not any(values):
            continue
        opd_code, position_name, code, level = values
        targets = positions.get((opd_code, position_name))
        if not targets:
            problems.append(
                _("Baris %(n)s: jabatan “%(name)s” tidak ada di OPD “%(opd)s”.")
                % {"n": number, "name": position_name, "opd": opd_code}
            )
            continue
        if code not in competencies:
            problems.append(
                _("Baris %(n)s: kode kompetensi “%(code)s” tidak dikenal.")
                % {"n": number, "code": code}
            )
            continue
        try:
            parsed = int(float(level))
        except ValueError:
            parsed = 0
        if not 1 <= parsed <= 5:
            problems.append(_("Baris %(n)s: level harus 1 sampai 5.") % {"n": number})
            continue
        for position_id in targets:
            wanted[(position_id, competencies[code].pk)] = parsed
    if problems:
        shown = problems[:20] + (
            [_("…dan %(n)s kesalahan lain.") % {"n": len(problems) - 20}]
            if len(problems) > 20
            else []
        )
        raise InvalidInput(errors={"file": shown}, code="bad_rows")
    changed = 0
    for (position_id, competency_id), level in wanted.items():
        _row, created = PositionStandard.objects.update_or_create(
            position_id=position_id, competency_id=competency_id, defaults={"required_level": level}
        )
        changed += 1
    return StandardsImport(
        rows=len(lines) - 1, positions=len({p for p, _c in wanted}), changed=changed
    )


# --- Assessments and the digital-readiness questionnaire -------------------------------------


@transaction.atomic
def assessment_enter(
    *, employee, competency: Competency, level: int, assessed_on: dt.date, note: str = "", actor
) -> Assessment:
    """An assessment result (assessment centre, uji kompetensi) entered by the admin: it is
    validated at once and becomes the person's level."""
    if not actor.has_perm("competency.enter_assessment"):
        raise Forbidden()
    if assessed_on > today():
        raise InvalidInput(
            errors={"assessed_on": [_("Tanggal penilaian tidak boleh di masa depan.")]}
        )
    assessment = Assessment.objects.create(
        employee=employee,
        competency=competency,
        level=level,
        source=Assessment.Source.RESULT,
        status=AssessmentStatus.VALIDATED,
        assessed_on=assessed_on,
        note=note[:500],
        entered_by=actor,
        decided_at=timezone.now(),
    )
    ASSESSMENT_WORKFLOW.record(assessment, "enter", actor=actor, reason=note)
    return assessment


@transaction.atomic
def readiness_submit(*, user, answers: dict, submit_key: str = "") -> ReadinessResponse:
    """Score the questionnaire, keep it, and put each area's level to the supervisor as a
    self-assessment. Every active statement needs an answer from 1 to 5; the same form sent
    twice gives the first result back."""
    if not user.has_perm("competency.take_readiness"):
        raise Forbidden()
    employee = _employee_of(user)
    submit_key = _key(submit_key)
    if submit_key:
        existing = ReadinessResponse.objects.filter(
            submit_key=submit_key, employee=employee
        ).first()
        if existing is not None:
            return existing
    questions = list(
        ReadinessQuestion.objects.filter(is_active=True, competency__is_active=True)
        .select_related("competency")
        .order_by("competency__order", "order", "pk")
    )
    if not questions:
        raise Conflict(_("Kuesioner kesiapan digital belum disiapkan admin."), code="no_questions")
    clean: dict[int, int] = {}
    errors: dict[str, list[str]] = {}
    for question in questions:
        raw = answers.get(question.pk, answers.get(str(question.pk)))
        try:
            value = int(raw)
        except (TypeError, ValueError):
            value = 0
        if not 1 <= value <= 5:
            errors[f"q{question.pk}"] = [_("Pilih salah satu jawaban.")]
        clean[question.pk] = value
    if errors:
        raise InvalidInput(errors=errors, code="unanswered")
    scores = readiness_scores(clean, questions)
    try:
        with transaction.atomic():
            response = ReadinessResponse.objects.create(
                employee=employee,
                answers={str(k): v for k, v in clean.items()},
                scores=scores,
                submit_key=submit_key,
            )
    except IntegrityError:
        existing = ReadinessResponse.objects.filter(submit_key=submit_key).first()
        if existing is not None and existing.employee_id == employee.pk:
            return existing
        raise
    approver = integrations.direct_supervisor(employee)
    competencies = {q.competency.code: q.competency for q in questions}
    # A newer questionnaire replaces self-assessments still waiting for the supervisor.
    Assessment.objects.filter(
        employee=employee,
        source=Assessment.Source.SELF,
        status=AssessmentStatus.SUBMITTED,
        competency__in=competencies.values(),
    ).update(status=AssessmentStatus.REJECTED, note=_("Digantikan kuesioner yang lebih baru."))
    for code, score in scores.items():
        assessment = Assessment.objects.create(
            employee=employee,
            competency=competencies[code],
            level=level_of(score),
            source=Assessment.Source.SELF,
            status=AssessmentStatus.SUBMITTED,
            assessed_on=today(),
            approver=approver,
            entered_by=user,
            readiness=response,
            note=_("Kuesioner kesiapan digital: skor %(score)s") % {"score": score},
        )
        ASSESSMENT_WORKFLOW.record(assessment, "submit", actor=user)
    decisions_changed()
    if approver is not None:
        integrations.notify(
            approver.user,
            title=_("Penilaian mandiri menunggu validasi: %(name)s") % {"name": employee.full_name},
            body=_("Hasil kuesioner kesiapan digital (%(n)s area).") % {"n": len(scores)},
            url="/kompetensi/persetujuan/",
            key=f"readiness:{response.pk}",
        )
    return response


@transaction.atomic
def assessment_validate(
    *, assessment: Assessment, actor, level: int | None = None, note: str = ""
) -> Assessment:
    """The supervisor confirms (or corrects) a self-assessed level."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    changes = {"decided_at": timezone.now()}
    if level is not None:
        if not 1 <= int(level) <= 5:
            raise InvalidInput(errors={"level": [_("Level harus 1 sampai 5.")]})
        changes["level"] = int(level)
    ASSESSMENT_WORKFLOW.transition(
        assessment, "validate", actor=actor, reason=note, changes=changes, locked=True
    )
    decisions_changed()
    return assessment


@transaction.atomic
def assessment_reject(*, assessment: Assessment, actor, reason: str) -> Assessment:
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(errors={"reason": [_("Tuliskan alasan penolakan.")]})
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    ASSESSMENT_WORKFLOW.transition(
        assessment,
        "reject",
        actor=actor,
        reason=reason,
        changes={"decided_at": timezone.now()},
        locked=True,
    )
    decisions_changed()
    return assessment


# --- Classes ------------------------------------------------------------------------------------


def _lock_class(training_class_id: int) -> TrainingClass:
    try:
        return (
            TrainingClass.objects.select_for_update()
            .select_related("programme")
            .get(pk=training_class_id)
        )
    except TrainingClass.DoesNotExist:
        raise NotFound() from None


def _promote_waitlisted(training_class: TrainingClass, *, actor=None) -> list[Enrolment]:
    """Give free seats to the waiting list, first come first served (class row locked)."""
    taken = Enrolment.objects.filter(training_class=training_class, status=E.ENROLLED).count()
    free = training_class.capacity - taken
    promoted = []
    if free <= 0:
        return promoted
    waiting = list(
        Enrolment.objects.select_for_update()
        .filter(training_class=training_class, status=E.WAITLISTED)
        .order_by("waitlisted_at", "pk")[:free]
    )
    for enrolment in waiting:
        ENROLMENT_WORKFLOW.transition(enrolment, "promote", actor=actor, system=True, locked=True)
        promoted.append(enrolment)
    return promoted


@transaction.atomic
def class_transition(*, training_class: TrainingClass, action: str, actor, reason: str = ""):
    """Open or close enrolment, start, or cancel a class (finishing is ``class_finish``)."""
    if action not in {"open", "close", "start", "cancel"}:
        raise InvalidInput(_("Tindakan tidak dikenal."), code="unknown_action")
    training_class = _lock_class(training_class.pk)
    if action == "cancel" and not (reason or "").strip():
        raise InvalidInput(errors={"reason": [_("Tuliskan alasan pembatalan untuk peserta.")]})
    CLASS_WORKFLOW.transition(training_class, action, actor=actor, reason=reason, locked=True)
    if action == "cancel":
        live = Enrolment.objects.select_for_update().filter(
            training_class=training_class, status__in=LIVE_ENROLMENT
        )
        for enrolment in live:
            ENROLMENT_WORKFLOW.transition(
                enrolment, "cancel", actor=actor, reason=reason, system=True, locked=True
            )
    return training_class


@transaction.atomic
def class_capacity_set(*, training_class: TrainingClass, capacity: int, actor) -> list[Enrolment]:
    """Change the number of seats; a larger class takes people from the waiting list at once.
    Fewer seats than people enrolled is refused (nobody loses a seat they were given)."""
    training_class = _lock_class(training_class.pk)
    CLASS_WORKFLOW.ensure(actor, training_class, "resize")
    taken = Enrolment.objects.filter(training_class=training_class, status=E.ENROLLED).count()
    if capacity < max(1, taken):
        raise InvalidInput(
            errors={
                "capacity": [
                    _("Kuota tidak boleh kurang dari peserta terdaftar (%(n)s).") % {"n": taken}
                ]
            }
        )
    old = training_class.capacity
    training_class.capacity = capacity
    training_class.save(update_fields=["capacity", "updated_at"])
    CLASS_WORKFLOW.record(training_class, "resize", actor=actor, reason=f"{old} → {capacity}")
    return _promote_waitlisted(training_class, actor=actor)


@transaction.atomic
def class_session_add(
    *,
    training_class: TrainingClass,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    actor,
) -> ClassSession:
    if not actor.has_perm("competency.manage_class", training_class):
        raise Forbidden()
    if ends_at <= starts_at:
        raise InvalidInput(errors={"ends_at": [_("Sesi harus selesai setelah dimulai.")]})
    return ClassSession.objects.create(
        training_class=training_class,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        check_in_code=secrets.token_urlsafe(12),
    )


# --- Enrolments ---------------------------------------------------------------------------------


def _ensure_may_join(employee, training_class: TrainingClass) -> None:
    """The refusals an enrolment meets before any row is written: a closed class, the same
    programme twice, missing prerequisites."""
    programme = training_class.programme
    if training_class.status != ClassStatus.OPEN or not programme.is_published:
        raise Conflict(_("Pendaftaran kelas ini tidak sedang dibuka."), code="enrolment_closed")
    if training_class.enrolment_closes_on < today():
        raise Conflict(_("Pendaftaran kelas ini sudah ditutup."), code="enrolment_closed")
    mine = Enrolment.objects.filter(employee=employee, training_class__programme=programme)
    if mine.filter(status=E.COMPLETED).exists():
        raise Conflict(_("Anda sudah lulus program ini."), code="already_completed")
    if mine.filter(status__in=LIVE_ENROLMENT).exists():
        raise Conflict(
            _("Anda sudah terdaftar pada program ini (kelas ini atau angkatan lain)."),
            code="already_enrolled",
        )
    missing = [
        p.title
        for p in programme.prerequisites.all()
        if not Enrolment.objects.filter(
            employee=employee, training_class__programme=p, status=E.COMPLETED
        ).exists()
    ]
    if missing:
        raise Conflict(
            _("Selesaikan dulu program prasyarat: %(list)s.") % {"list": ", ".join(missing)},
            code="prerequisite_missing",
        )


def _create_enrolment(**fields) -> Enrolment:
    try:
        with transaction.atomic():
            return Enrolment.objects.create(**fields)
    except IntegrityError:
        # The database's last guard: a second live enrolment in the same class, or the same
        # form sent twice at once.
        raise Conflict(_("Anda sudah terdaftar pada kelas ini."), code="already_enrolled") from None


@transaction.atomic
def enrolment_request(
    *, user, training_class: TrainingClass, motivation: str = "", submit_key: str = ""
) -> Enrolment:
    """A civil servant asks to join a class; the direct supervisor approves. Without a
    supervisor (the head of the city's top unit) the competency admin decides."""
    if not user.has_perm("competency.enrol"):
        raise Forbidden()
    employee = _employee_of(user)
    submit_key = _key(submit_key)
    if submit_key:
        existing = Enrolment.objects.filter(submit_key=submit_key, employee=employee).first()
        if existing is not None:
            return existing
    training_class = _lock_class(training_class.pk)
    _ensure_may_join(employee, training_class)
    approver = integrations.direct_supervisor(employee)
    enrolment = _create_enrolment(
        training_class=training_class,
        employee=employee,
        status=E.PENDING,
        approver=approver,
        requested_by=user,
        motivation=(motivation or "").strip()[:500],
        submit_key=submit_key,
    )
    ENROLMENT_WORKFLOW.record(enrolment, "request", actor=user)
    decisions_changed()
    ENROLMENT_WORKFLOW.on_event(enrolment, _step(enrolment, "request"))
    return enrolment


def _step(obj, action_name: str):
    """The last event of ``obj`` as a workflow step (for a creation's notification)."""
    from balaikota.core.workflow import Step

    workflow = ENROLMENT_WORKFLOW if isinstance(obj, Enrolment) else EVIDENCE_WORKFLOW
    event = obj.events.order_by("-pk").first()
    return Step(workflow.action(action_name), event, event.from_status, event.to_status)


@transaction.atomic
def enrolment_add(*, training_class: TrainingClass, employee, actor) -> Enrolment:
    """The supervisor or the competency admin enrols someone: no approval needed; a seat or
    the waiting list."""
    if not actor.has_perm("competency.enrol_others", employee):
        raise Forbidden(
            _("Anda hanya dapat mendaftarkan anggota tim Anda sendiri."), code="not_your_team"
        )
    training_class = _lock_class(training_class.pk)
    _ensure_may_join(employee, training_class)
    probe = Enrolment(training_class=training_class, employee=employee)
    from .workflows import seat_or_waitlist

    status = seat_or_waitlist(probe)
    enrolment = _create_enrolment(
        training_class=training_class,
        employee=employee,
        status=status,
        requested_by=actor,
        waitlisted_at=timezone.now() if status == E.WAITLISTED else None,
    )
    ENROLMENT_WORKFLOW.record(enrolment, "enrol", actor=actor)
    ENROLMENT_WORKFLOW.on_event(enrolment, _step(enrolment, "enrol"))
    return enrolment


@transaction.atomic
def enrolment_approve(*, enrolment: Enrolment, actor, note: str = "") -> Enrolment:
    """Approve: a seat if the class has one, else the waiting list (in the order approved).
    The class's row is locked first, so two approvals at once never fill one seat twice."""
    enrolment_id = enrolment.pk
    class_id = (
        Enrolment.objects.filter(pk=enrolment_id)
        .values_list("training_class_id", flat=True)
        .first()
    )
    if class_id is None:
        raise NotFound()
    _lock_class(class_id)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment_id)
    step = ENROLMENT_WORKFLOW.transition(
        enrolment, "approve", actor=actor, reason=note, locked=True
    )
    if step.to_state == E.WAITLISTED:
        enrolment.waitlisted_at = timezone.now()
        enrolment.save(update_fields=["waitlisted_at", "updated_at"])
    return enrolment


@transaction.atomic
def enrolment_reject(*, enrolment: Enrolment, actor, reason: str) -> Enrolment:
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(errors={"reason": [_("Tuliskan alasan agar pegawai memahaminya.")]})
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    ENROLMENT_WORKFLOW.transition(enrolment, "reject", actor=actor, reason=reason, locked=True)
    decisions_changed()
    return enrolment


@transaction.atomic
def enrolment_withdraw(*, enrolment: Enrolment, actor, reason: str = "") -> Enrolment:
    """Leave a class (or the admin takes someone out); a freed seat goes to the waiting list."""
    class_id = enrolment.training_class_id
    training_class = _lock_class(class_id)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    step = ENROLMENT_WORKFLOW.transition(
        enrolment, "withdraw", actor=actor, reason=reason, locked=True
    )
    decisions_changed()
    if step.from_state == E.ENROLLED:
        _promote_waitlisted(training_class, actor=None)
    return enrolment


@transaction.atomic
def enrolment_score_set(*, enrolment: Enrolment, score: Decimal, actor) -> Enrolment:
    """The post-test score of a classroom participant, entered by the instructor or admin."""
    enrolment = (
        Enrolment.objects.select_for_update().select_related("training_class").get(pk=enrolment.pk)
    )
    if not actor.has_perm("competency.record_attendance", enrolment.training_class):
        raise Forbidden()
    if enrolment.status != E.ENROLLED:
        raise Conflict(_("Nilai hanya dicatat untuk peserta terdaftar."), code="not_enrolled")
    score = Decimal(score)
    if not Decimal(0) <= score <= Decimal(100):
        raise InvalidInput(errors={"score": [_("Nilai harus 0 sampai 100.")]})
    enrolment.post_test_score = score.quantize(TWO)
    enrolment.save(update_fields=["post_test_score", "updated_at"])
    return enrolment


# --- Attendance -------------------------------------------------------------------------------


@transaction.atomic
def attendance_check_in(*, user, code: str) -> Attendance:
    """A participant scans the session's code within its window (30 minutes either side)."""
    session = (
        ClassSession.objects.select_related("training_class__programme")
        .filter(check_in_code=(code or "")[:32])
        .first()
    )
    if session is None:
        raise NotFound(_("Kode presensi tidak dikenal."), code="unknown_code")
    employee = _employee_of(user)
    now = timezone.now()
    if not session.starts_at - CHECK_IN_EARLY <= now <= session.ends_at + CHECK_IN_LATE:
        raise Conflict(
            _("Presensi sesi ini dibuka 30 menit sebelum sampai 30 menit setelah sesi."),
            code="outside_window",
        )
    enrolment = Enrolment.objects.filter(
        training_class=session.training_class, employee=employee, status=E.ENROLLED
    ).first()
    if enrolment is None:
        raise Forbidden(_("Anda tidak terdaftar sebagai peserta kelas ini."), code="not_enrolled")
    attendance, _created = Attendance.objects.get_or_create(
        enrolment=enrolment,
        session=session,
        defaults={"method": Attendance.Method.SCAN, "recorded_by": user},
    )
    return attendance


@transaction.atomic
def attendance_set(*, session: ClassSession, enrolment: Enrolment, present: bool, actor) -> None:
    """The instructor marks someone present or absent."""
    if not actor.has_perm("competency.record_attendance", session.training_class):
        raise Forbidden()
    if enrolment.training_class_id != session.training_class_id or enrolment.status != E.ENROLLED:
        raise InvalidInput(_("Peserta ini tidak terdaftar di kelas ini."), code="not_enrolled")
    if present:
        Attendance.objects.get_or_create(
            enrolment=enrolment,
            session=session,
            defaults={"method": Attendance.Method.INSTRUCTOR, "recorded_by": actor},
        )
    else:
        Attendance.objects.filter(enrolment=enrolment, session=session).delete()


# --- Completion and the JP ledger -------------------------------------------------------------


@dataclass(frozen=True)
class Credit:
    entry: LedgerEntry
    created: bool


def ledger_credit(
    *,
    employee,
    on: dt.date,
    jp: Decimal,
    source: str,
    source_key: str,
    title: str,
    form: str,
    programme: Programme | None = None,
    actor=None,
) -> Credit:
    """Credit ``jp`` to ``employee`` for one thing (``source_key``), once: the second credit of
    the same thing returns the first (``created`` False) and changes no total."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("ledger_credit must run inside the caller's transaction")
    existing = LedgerEntry.objects.filter(source_key=source_key).first()
    if existing is not None:
        return Credit(existing, False)
    jp = Decimal(jp).quantize(TWO)
    try:
        with transaction.atomic():
            entry = LedgerEntry.objects.create(
                employee=employee,
                year=on.year,
                on=on,
                jp=jp,
                source=source,
                source_key=source_key,
                title=title[:200],
                form=form,
                programme=programme,
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
    except IntegrityError:
        return Credit(LedgerEntry.objects.get(source_key=source_key), False)
    _total_add(employee.pk, on, jp)
    return Credit(entry, True)


def _total_add(employee_id: int, on: dt.date, jp: Decimal) -> None:
    """Add ``jp`` to the person's month and year totals (an UPDATE, or the first row)."""
    for model, keys in (
        (JpTotal, {"employee_id": employee_id, "year": on.year, "month": on.month}),
        (JpYearTotal, {"employee_id": employee_id, "year": on.year}),
    ):
        rows = model.objects.filter(**keys)
        if rows.update(jp=F("jp") + jp):
            continue
        try:
            with transaction.atomic():
                model.objects.create(**keys, jp=jp)
        except IntegrityError:  # created at the same moment by another credit
            rows.update(jp=F("jp") + jp)


@transaction.atomic
def ledger_adjust(*, employee, jp: Decimal, on: dt.date, reason: str, actor) -> LedgerEntry:
    """The admin corrects a person's JP (positive or negative) with a reason."""
    if not actor.has_perm("competency.adjust_ledger"):
        raise Forbidden()
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = [_("Tuliskan alasan penyesuaian.")]
    if Decimal(jp) == 0:
        errors["jp"] = [_("JP penyesuaian tidak boleh nol.")]
    if on > today():
        errors["on"] = [_("Tanggal tidak boleh di masa depan.")]
    if errors:
        raise InvalidInput(errors=errors)
    return ledger_credit(
        employee=employee,
        on=on,
        jp=Decimal(jp),
        source=LedgerEntry.Source.ADJUSTMENT,
        source_key=f"adjustment:{uuid.uuid4().hex}",
        title=_("Penyesuaian: %(reason)s") % {"reason": reason},
        form=Mode.SELF_STUDY,
        actor=actor,
    ).entry


def _complete(enrolment: Enrolment, *, actor, on: dt.date, system: bool, note: str = "") -> None:
    programme = enrolment.training_class.programme
    ENROLMENT_WORKFLOW.transition(
        enrolment,
        "complete",
        actor=actor,
        reason=note,
        changes={"completed_on": on},
        system=system,
        locked=True,
    )
    ledger_credit(
        employee=enrolment.employee,
        on=on,
        jp=programme.jp,
        source=LedgerEntry.Source.CLASS,
        source_key=f"enrolment:{enrolment.pk}",
        title=programme.title,
        form=programme.mode,
        programme=programme,
        actor=actor,
    )
    # The certificate (number, PDF, signature) is slow work: after the commit, idempotently.
    outbox.enqueue(
        CERTIFICATE_ISSUE,
        {"enrolment_id": enrolment.pk},
        key=f"competency-certificate:{enrolment.pk}",
        label=_("Sertifikat %(programme)s") % {"programme": programme.title},
    )


def completion_shortfalls(enrolment: Enrolment, *, sessions: int, attended: int) -> list[str]:
    """What keeps a participant from passing (empty: they pass)."""
    programme = enrolment.training_class.programme
    reasons = []
    if sessions:
        percent = Decimal(attended * 100) / sessions
        if percent < programme.min_attendance_percent:
            reasons.append(
                _("kehadiran %(have)s%% dari minimal %(need)s%%")
                % {
                    "have": percent.quantize(Decimal("1"), ROUND_DOWN),
                    "need": programme.min_attendance_percent,
                }
            )
    if programme.pass_mark is not None:
        if enrolment.post_test_score is None:
            reasons.append(_("nilai post-test belum ada"))
        elif enrolment.post_test_score < programme.pass_mark:
            reasons.append(
                _("nilai post-test %(have)s di bawah %(need)s")
                % {"have": enrolment.post_test_score, "need": programme.pass_mark}
            )
    return reasons


@transaction.atomic
def class_finish(*, training_class: TrainingClass, actor) -> dict[str, int]:
    """Close a running class: each participant passes or not by the programme's rules
    (attendance and post-test); who passes gets the JP in their ledger."""
    training_class = _lock_class(training_class.pk)
    CLASS_WORKFLOW.transition(training_class, "finish", actor=actor, locked=True)
    sessions = training_class.sessions.count()
    on = min(training_class.ends_on, today())
    result = {"completed": 0, "not_completed": 0}
    enrolled = (
        Enrolment.objects.select_for_update()
        .filter(training_class=training_class, status=E.ENROLLED)
        .select_related("employee", "training_class__programme")
    )
    for enrolment in enrolled:
        attended = enrolment.attendance.count()
        shortfalls = completion_shortfalls(enrolment, sessions=sessions, attended=attended)
        if shortfalls:
            ENROLMENT_WORKFLOW.transition(
                enrolment,
                "fail",
                actor=actor,
                reason="; ".join(shortfalls),
                system=True,
                locked=True,
            )
            result["not_completed"] += 1
        else:
            _complete(enrolment, actor=actor, on=on, system=True)
            result["completed"] += 1
    return result


def elearning_completion_credit(completion) -> None:
    """e-learning calls this inside the transaction that records a course completion. When
    the course is a programme's, a participant enrolled in one of its classes passes it (the
    ledger and the certificate follow); someone who took the course on their own gets its JP
    in the ledger as e-learning. Once per completion: the ledger's keys see to it."""
    if not completion.passed:
        return
    programme = (
        Programme.objects.filter(course_id=completion.course_id, is_published=True)
        .order_by("pk")
        .first()
    )
    if programme is None:
        return
    employee = integrations.employee_for_user_id(completion.user_id)
    if employee is None:
        return
    on = timezone.localdate(completion.completed_at)
    enrolment = (
        Enrolment.objects.select_for_update()
        .select_related("training_class__programme", "employee")
        .filter(employee=employee, training_class__programme=programme, status=E.ENROLLED)
        .first()
    )
    if enrolment is not None:
        _complete(
            enrolment,
            actor=None,
            on=on,
            system=True,
            note=_("Lulus kursus e-learning “%(course)s”.") % {"course": completion.course_title},
        )
        return
    ledger_credit(
        employee=employee,
        on=on,
        jp=programme.jp,
        source=LedgerEntry.Source.ELEARNING,
        source_key=f"elearning:{completion.completion_id}",
        title=programme.title,
        form=programme.mode,
        programme=programme,
    )


# --- Evidence -----------------------------------------------------------------------------------


@transaction.atomic
def evidence_submit(
    *,
    user,
    title: str,
    form: str,
    provider: str,
    started_on: dt.date,
    ended_on: dt.date,
    quantity: Decimal,
    upload,
    submit_key: str = "",
) -> Evidence:
    """Submit evidence of learning done elsewhere, for the supervisor to validate."""
    if not user.has_perm("competency.submit_evidence"):
        raise Forbidden()
    employee = _employee_of(user)
    submit_key = _key(submit_key)
    if submit_key:
        existing = Evidence.objects.filter(submit_key=submit_key, employee=employee).first()
        if existing is not None:
            return existing
    errors: dict[str, list[str]] = {}
    title, provider = (title or "").strip(), (provider or "").strip()
    if not title:
        errors["title"] = [_("Tuliskan nama kegiatan.")]
    if not provider:
        errors["provider"] = [_("Tuliskan penyelenggaranya.")]
    if form not in Mode.values:
        errors["form"] = [_("Pilih bentuk kegiatan.")]
    elif not JpConversion.objects.filter(form=form).exists():
        errors["form"] = [_("Bentuk kegiatan ini belum dapat dikonversi ke JP; hubungi admin.")]
    if started_on and ended_on and ended_on < started_on:
        errors["ended_on"] = [_("Tanggal selesai tidak boleh sebelum tanggal mulai.")]
    if ended_on and ended_on > today():
        errors["ended_on"] = [_("Kegiatan yang belum selesai belum dapat diajukan.")]
    if started_on and started_on.year < today().year - 1:
        errors["started_on"] = [_("Bukti hanya dapat diajukan untuk tahun ini dan tahun lalu.")]
    if quantity is None or Decimal(quantity) <= 0:
        errors["quantity"] = [_("Isi lama kegiatan.")]
    if errors:
        raise InvalidInput(errors=errors)
    try:
        checked = check_upload(upload, accepted=EVIDENCE_TYPES, max_size=EVIDENCE_MAX_SIZE)
    except InvalidInput as exc:  # shown beside the file field, on the page and in the API
        raise InvalidInput(errors={"file": [exc.text]}, code=exc.code) from None
    if (
        Evidence.objects.filter(employee=employee, file_digest=checked.sha256)
        .exclude(status=EvidenceStatus.REJECTED)
        .exists()
    ):
        raise Conflict(_("Berkas bukti ini sudah pernah Anda ajukan."), code="duplicate_evidence")
    approver = integrations.direct_supervisor(employee)
    evidence = Evidence(
        employee=employee,
        title=title[:200],
        form=form,
        provider=provider[:200],
        started_on=started_on,
        ended_on=ended_on,
        quantity=Decimal(quantity).quantize(TWO),
        file_name=checked.original_name,
        content_type=checked.content_type,
        file_digest=checked.sha256,
        approver=approver,
        due_date=add_working_days(today(), EVIDENCE_DAYS),
        submit_key=submit_key,
    )
    evidence.file.save("bukti", ContentFile(checked.content), save=False)
    try:
        with transaction.atomic():
            evidence.save()
    except IntegrityError:
        raise Conflict(
            _("Berkas bukti ini sudah pernah Anda ajukan."), code="duplicate_evidence"
        ) from None
    EVIDENCE_WORKFLOW.record(evidence, "submit", actor=user)
    decisions_changed()
    EVIDENCE_WORKFLOW.on_event(evidence, _step(evidence, "submit"))
    return evidence


@transaction.atomic
def evidence_claim(*, evidence: Evidence, actor) -> Evidence:
    evidence = Evidence.objects.select_for_update().get(pk=evidence.pk)
    EVIDENCE_QUEUE.claim(evidence, user=actor)
    return evidence


@transaction.atomic
def evidence_validate(
    *, evidence: Evidence, actor, quantity: Decimal | None = None, note: str = ""
) -> Evidence:
    """Validate evidence and credit its JP by the conversion table (the validator may correct
    the duration first; the note says why)."""
    evidence = Evidence.objects.select_for_update().select_related("employee").get(pk=evidence.pk)
    EVIDENCE_WORKFLOW.ensure(actor, evidence, "validate")
    if quantity is not None:
        if Decimal(quantity) <= 0:
            raise InvalidInput(errors={"quantity": [_("Isi lama kegiatan.")]})
        evidence.quantity = Decimal(quantity).quantize(TWO)
    conversion = JpConversion.objects.filter(form=evidence.form).first()
    jp = jp_for_evidence(conversion, evidence.quantity)
    if jp <= 0:
        raise InvalidInput(
            _("Lama kegiatan ini kurang dari 1 JP; tolak dengan alasan bila tidak dapat diakui."),
            code="zero_jp",
        )
    EVIDENCE_WORKFLOW.transition(
        evidence,
        "validate",
        actor=actor,
        reason=note,
        changes={"jp_credited": jp, "decided_at": timezone.now(), "quantity": evidence.quantity},
        locked=True,
    )
    ledger_credit(
        employee=evidence.employee,
        on=evidence.ended_on,
        jp=jp,
        source=LedgerEntry.Source.EVIDENCE,
        source_key=f"evidence:{evidence.pk}",
        title=f"{evidence.title} ({evidence.provider})",
        form=evidence.form,
        actor=actor,
    )
    decisions_changed()
    return evidence


@transaction.atomic
def evidence_reject(*, evidence: Evidence, actor, reason: str) -> Evidence:
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(
            errors={"reason": [_("Tuliskan alasan agar pegawai dapat memperbaikinya.")]}
        )
    evidence = Evidence.objects.select_for_update().get(pk=evidence.pk)
    EVIDENCE_WORKFLOW.transition(
        evidence,
        "reject",
        actor=actor,
        reason=reason,
        changes={"decided_at": timezone.now()},
        locked=True,
    )
    decisions_changed()
    return evidence


# --- Certificates -------------------------------------------------------------------------------


def _period(training_class: TrainingClass) -> str:
    format_date_id = integrations.format_date_id
    if training_class.starts_on == training_class.ends_on:
        return format_date_id(training_class.starts_on)
    return (
        f"{format_date_id(training_class.starts_on)} s.d. {format_date_id(training_class.ends_on)}"
    )


def certificate_issue(*, enrolment_id: int) -> Certificate | None:
    """Number, render and sign the certificate of a completed enrolment (the outbox runs it
    after the completion commits). Safe to repeat: the number, the row and the document are
    each made once; a signer that needs a passphrase (BSrE) leaves the document for the
    official to sign."""
    enrolment = (
        Enrolment.objects.select_related("employee__user", "training_class__programme")
        .filter(pk=enrolment_id)
        .first()
    )
    if enrolment is None or enrolment.status != E.COMPLETED:
        return None
    certificate = Certificate.objects.filter(enrolment=enrolment).first()
    if certificate is None:
        with transaction.atomic():
            Enrolment.objects.select_for_update().filter(pk=enrolment_id).first()
            certificate = Certificate.objects.filter(enrolment=enrolment).first()
            if certificate is None:
                on = today()
                programme = enrolment.training_class.programme
                targets = ProgrammeCompetency.objects.filter(programme=programme).select_related(
                    "competency"
                )
                certificate = Certificate.objects.create(
                    enrolment=enrolment,
                    employee=enrolment.employee,
                    number=integrations.certificate_number(enrolment_id=enrolment.pk, on=on),
                    issued_on=on,
                    holder_name=enrolment.employee.full_name,
                    holder_nip=enrolment.employee.nip,
                    programme_title=programme.title,
                    jp=programme.jp,
                    period=_period(enrolment.training_class),
                    competencies="; ".join(
                        f"{t.competency.name} (level {t.level_reached})" for t in targets
                    ),
                )
    if certificate.document_id is None:
        document = integrations.certificate_document(
            certificate,
            on_created=lambda doc: Certificate.objects.filter(pk=certificate.pk).update(
                document=doc
            ),
        )
        certificate.document = document
    if certificate.document.status == "draft" and integrations.certificate_sign(
        certificate.document
    ):
        certificate.document.refresh_from_db()
    return certificate


def certificate_signed(document) -> None:
    """documents calls back in the transaction that stored the signature."""
    certificate = (
        Certificate.objects.select_related("employee__user").filter(document=document).first()
    )
    if certificate is not None:
        integrations.notify(
            certificate.employee.user,
            title=_("Sertifikat Anda terbit: %(programme)s")
            % {"programme": certificate.programme_title},
            body=_(
                "Nomor %(number)s, %(jp)s JP. Unduh dan bagikan; keasliannya dapat diperiksa di /verifikasi/."
            )
            % {"number": certificate.number, "jp": certificate.jp.normalize()},
            url=f"/dokumen/{document.verification_code}/unduh/",
            key=f"certificate:{certificate.pk}",
        )


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, actor, reason: str) -> Certificate:
    """Withdraw a certificate issued in error: verification then says it is revoked, with the
    date. The JP stays in the ledger unless the admin corrects it (a separate decision)."""
    if not actor.has_perm("competency.manage"):
        raise Forbidden()
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(errors={"reason": [_("Alasan pencabutan wajib diisi.")]})
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at is not None:
        raise Conflict(_("Sertifikat ini sudah dicabut."), code="already_revoked")
    certificate.revoked_at = timezone.now()
    certificate.revoke_reason = reason[:500]
    certificate.save(update_fields=["revoked_at", "revoke_reason", "updated_at"])
    if certificate.document_id:
        integrations.certificate_revoke_document(certificate.document, actor=actor, reason=reason)
    return certificate


@transaction.atomic
def feedback_submit(
    *, enrolment: Enrolment, actor, ratings: dict, comment: str = ""
) -> ClassFeedback:
    """A participant rates their class once it ran (passed or not); once per enrolment."""
    from .models import FEEDBACK_ITEMS

    enrolment = (
        Enrolment.objects.select_for_update().select_related("training_class").get(pk=enrolment.pk)
    )
    if not actor.has_perm("competency.view_enrolment", enrolment):
        raise NotFound()
    if ClassFeedback.objects.filter(enrolment=enrolment).exists():
        raise Conflict(_("Anda sudah memberi umpan balik untuk kelas ini."), code="already_given")
    if not actor.has_perm("competency.give_feedback", enrolment):
        raise Conflict(
            _("Umpan balik diberikan peserta sendiri setelah kelasnya selesai."),
            code="class_not_finished",
        )
    errors = {}
    clean = {}
    for key, _label in FEEDBACK_ITEMS:
        value = ratings.get(key)
        if not isinstance(value, int) or not 1 <= value <= 5:
            errors[key] = [_("Pilih salah satu.")]
        clean[key] = value
    if errors:
        raise InvalidInput(errors=errors)
    return ClassFeedback.objects.create(
        enrolment=enrolment, ratings=clean, comment=(comment or "").strip()[:2000]
    )


# --- Development plans (AKPK) ---------------------------------------------------------------------


@transaction.atomic
def plan_for(*, user, year: int) -> DevelopmentPlan:
    """The person's plan for ``year``, started as a draft the first time it is asked for."""
    employee = _employee_of(user)
    if not today().year <= year <= today().year + 1:
        raise InvalidInput(_("Rencana dibuat untuk tahun ini atau tahun depan."), code="bad_year")
    plan, _created = DevelopmentPlan.objects.get_or_create(
        employee=employee,
        year=year,
        defaults={"approver": integrations.direct_supervisor(employee)},
    )
    return plan


def _editable_plan(plan: DevelopmentPlan, actor) -> DevelopmentPlan:
    plan = DevelopmentPlan.objects.select_for_update().get(pk=plan.pk)
    if not actor.has_perm("competency.edit_plan", plan):
        if actor.has_perm("competency.view_plan", plan):
            raise Conflict(
                _("Rencana yang sudah diajukan atau disetujui tidak dapat diubah."),
                code="plan_locked",
            )
        raise NotFound()
    return plan


@transaction.atomic
def plan_item_add(
    *,
    plan: DevelopmentPlan,
    programme: Programme,
    quarter: int,
    actor,
    competency: Competency | None = None,
) -> PlanItem:
    plan = _editable_plan(plan, actor)
    errors = {}
    if not programme.is_published:
        errors["programme"] = [_("Program ini tidak tersedia.")]
    if quarter not in (1, 2, 3, 4):
        errors["quarter"] = [_("Pilih triwulan 1 sampai 4.")]
    if errors:
        raise InvalidInput(errors=errors)
    if plan.items.filter(programme=programme).exists():
        raise Conflict(_("Program ini sudah ada dalam rencana Anda."), code="already_planned")
    return PlanItem.objects.create(
        plan=plan,
        programme=programme,
        competency=competency,
        quarter=quarter,
        jp=programme.jp,
        cost=programme.cost_per_participant,
    )


@transaction.atomic
def plan_item_remove(*, item: PlanItem, actor) -> None:
    _editable_plan(item.plan, actor)
    item.delete()


@transaction.atomic
def plan_submit(*, plan: DevelopmentPlan, actor) -> DevelopmentPlan:
    plan = DevelopmentPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.approver_id is None:
        plan.approver = integrations.direct_supervisor(plan.employee)
    PLAN_WORKFLOW.transition(
        plan,
        "submit",
        actor=actor,
        locked=True,
        changes={"submitted_at": timezone.now(), "approver": plan.approver},
    )
    decisions_changed()
    return plan


@transaction.atomic
def plan_approve(*, plan: DevelopmentPlan, actor, note: str = "") -> DevelopmentPlan:
    plan = DevelopmentPlan.objects.select_for_update().get(pk=plan.pk)
    PLAN_WORKFLOW.transition(
        plan,
        "approve",
        actor=actor,
        reason=note,
        locked=True,
        changes={"decided_at": timezone.now()},
    )
    decisions_changed()
    return plan


@transaction.atomic
def plan_return(*, plan: DevelopmentPlan, actor, reason: str) -> DevelopmentPlan:
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(errors={"reason": [_("Tuliskan apa yang perlu diperbaiki.")]})
    plan = DevelopmentPlan.objects.select_for_update().get(pk=plan.pk)
    PLAN_WORKFLOW.transition(
        plan,
        "return",
        actor=actor,
        reason=reason,
        locked=True,
        changes={"decided_at": timezone.now()},
    )
    decisions_changed()
    return plan


# --- Compliance over the months, and reminders ---------------------------------------------------


def _month_end(year: int, month: int) -> dt.date:
    return (
        dt.date(year, 12, 31) if month == 12 else dt.date(year, month + 1, 1) - dt.timedelta(days=1)
    )


def compliance_months_refresh(*, year: int | None = None) -> int:
    """Rebuild the heat map's rows of ``year`` (this year by default) from the yearly totals:
    per OPD and past month, people on pace and people who reached the target. Returns rows."""
    from .selectors import expected_share, jp_rules_for

    year = year or today().year
    last_month = 12 if year < today().year else today().month
    rules = jp_rules_for(year)
    monthly: dict[int, list[Decimal]] = {}
    for employee_id, month, jp in JpTotal.objects.filter(year=year).values_list(
        "employee_id", "month", "jp"
    ):
        monthly.setdefault(employee_id, [Decimal(0)] * 13)[month] += jp
    shares = {m: expected_share(year, _month_end(year, m)) for m in range(1, last_month + 1)}
    counts: dict[tuple[int, int], list[int]] = {}
    for employee_id, opd_id, employment_type in integrations.active_employees().values_list(
        "pk", "unit__opd_id", "employment_type"
    ):
        rule = rules.get(employment_type)
        if rule is None or rule.min_jp <= 0:
            continue
        months = monthly.get(employee_id)
        done = Decimal(0)
        for month in range(1, last_month + 1):
            done += months[month] if months else 0
            row = counts.setdefault((opd_id, month), [0, 0, 0])
            row[0] += 1
            row[1] += done >= (rule.min_jp * shares[month]).quantize(TWO)
            row[2] += done >= rule.min_jp
    now = timezone.now()
    with transaction.atomic():
        ComplianceMonth.objects.filter(year=year).delete()
        ComplianceMonth.objects.bulk_create(
            [
                ComplianceMonth(
                    opd_id=opd_id,
                    year=year,
                    month=month,
                    people=people,
                    on_pace=on_pace,
                    reached=reached,
                    refreshed_at=now,
                )
                for (opd_id, month), (people, on_pace, reached) in counts.items()
            ],
            batch_size=1000,
        )
    return len(counts)


REMINDERS_FROM_MONTH = 7  # the third quarter: time enough left to catch up


def jp_reminders_send(*, on: dt.date | None = None) -> dict[str, int]:
    """From the third quarter, once a month: remind each civil servant behind the expected pace
    of the 20 JP, and tell each supervisor who in their team is behind (one message each).
    Idempotent per month (the notifications' dedupe keys)."""
    from .selectors import Standing, compliance_people_all

    on = on or today()
    result = {"people": 0, "supervisors": 0}
    if on.month < REMINDERS_FROM_MONTH:
        return result
    stamp = f"{on.year}-{on.month:02d}"
    behind_by_boss: dict[int, list] = {}
    for person in compliance_people_all(year=on.year, on=on, standing_filter=Standing.AT_RISK):
        missing = (person.target or Decimal(0)) - person.jp
        integrations.notify(
            person.user,
            title=_("Pengingat 20 JP: kurang %(missing)s JP tahun ini")
            % {"missing": missing.normalize()},
            body=_(
                "Anda baru mencatat %(done)s dari %(target)s JP. Lihat rekomendasi pelatihan "
                "atau ajukan bukti belajar di tempat lain."
            )
            % {"done": person.jp.normalize(), "target": person.target.normalize()},
            url="/kompetensi/",
            key=f"jp-reminder:{stamp}:{person.pk}",
        )
        result["people"] += 1
        boss = integrations.direct_supervisor(person)
        if boss is not None:
            behind_by_boss.setdefault(boss.pk, [boss, []])[1].append(person)
    for boss, team in behind_by_boss.values():
        names = ", ".join(p.full_name for p in team[:10])
        more = len(team) - 10
        integrations.notify(
            boss.user,
            title=_("%(n)s anggota tim Anda tertinggal target 20 JP") % {"n": len(team)},
            body=names + (_(" dan %(n)s lainnya") % {"n": more} if more > 0 else ""),
            url="/kompetensi/tim/",
            key=f"jp-reminder-team:{stamp}:{boss.pk}",
        )
        result["supervisors"] += 1
    return result


outbox.handler(CERTIFICATE_ISSUE, max_attempts=6, lease_seconds=300)(
    lambda payload: certificate_issue(enrolment_id=payload["enrolment_id"])
)
