"""Demo data of competency development: a year of activity for ``make run``.

The dictionary, JP rules and the programme catalogue; position standards for every position;
classes in every state (finished, running, open with a waiting list, planned, cancelled); the
people of the demo city at every level of compliance (JP from finished classes and validated
evidence, credited through the services); evidence and enrolments waiting for supervisors; and
something to do for the demo civil servant, her supervisor and the competency admin.
Deterministic (``random.Random(2026)``) and idempotent: a second run adds nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from balaikota.accounts import selectors as account_selectors
from balaikota.organization import selectors as organization_selectors

from . import integrations, services
from .models import (
    Attendance,
    ClassSession,
    ClassStatus,
    Competency,
    Enrolment,
    EnrolmentStatus,
    Evidence,
    PositionStandard,
    Programme,
    TrainingClass,
)
from .workflows import ENROLMENT_WORKFLOW

SEED = 2026
E = EnrolmentStatus

MANAGERIAL_BY_ECHELON = {"II.a": 4, "II.b": 4, "III.a": 3, "III.b": 3, "IV.a": 2, "IV.b": 2}


def _required_levels(position) -> dict[str, int]:
    """A plausible standard per position (PermenPAN-RB 38/2017's pattern: higher posts need
    higher managerial levels); digital areas by the kind of work."""
    levels: dict[str, int] = {}
    managerial = MANAGERIAL_BY_ECHELON.get(
        position.echelon, 2 if position.kind != "pelaksana" else 1
    )
    for code in (
        "integritas",
        "kerja-sama",
        "komunikasi",
        "orientasi-pada-hasil",
        "pelayanan-publik",
        "pengembangan-diri-dan-orang-lain",
        "mengelola-perubahan",
        "pengambilan-keputusan",
    ):
        levels[code] = managerial
    levels["perekat-bangsa"] = max(1, managerial - 1)
    it_work = any(word in position.name for word in ("Pranata Komputer", "Statistisi", "Sandiman"))
    digital = 3 if it_work or position.echelon else 2
    for code in (
        "digital-informasi-data",
        "digital-komunikasi-kolaborasi",
        "digital-konten",
        "digital-keamanan",
        "digital-pemecahan-masalah",
        "digital-layanan-pemerintahan",
    ):
        levels[code] = digital
    if it_work:
        levels["digital-keamanan"] = 4
        levels["digital-pemecahan-masalah"] = 4
    return levels


def _standards_seed() -> int:
    competencies = {c.code: c for c in Competency.objects.all()}
    have = set(PositionStandard.objects.values_list("position_id", "competency_id"))
    rows = []
    for position in organization_selectors.positions_all():
        for code, level in _required_levels(position).items():
            competency = competencies[code]
            if (position.pk, competency.pk) not in have:
                rows.append(
                    PositionStandard(position=position, competency=competency, required_level=level)
                )
    PositionStandard.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return len(rows)


def _class(programme, name, *, starts, days, capacity, status, place, closes=None):
    training_class, created = TrainingClass.objects.get_or_create(
        programme=programme,
        name=name,
        defaults={
            "starts_on": starts,
            "ends_on": starts + dt.timedelta(days=days - 1),
            "capacity": capacity,
            "status": ClassStatus.PLANNED,
            "place": place,
            "enrolment_closes_on": closes or starts - dt.timedelta(days=3),
        },
    )
    if created:
        tz = timezone.get_current_timezone()
        for day in range(days):
            start = dt.datetime.combine(starts + dt.timedelta(days=day), dt.time(8, 30), tz)
            ClassSession.objects.create(
                training_class=training_class,
                title=f"Hari {day + 1}: {programme.title}",
                starts_at=start,
                ends_at=start + dt.timedelta(hours=7),
                check_in_code=f"demo-{training_class.pk}-{day + 1}",
            )
    return training_class, created


def _move(training_class, status, admin):
    path = {
        ClassStatus.OPEN: ["open"],
        ClassStatus.RUNNING: ["start"],
        ClassStatus.FINISHED: ["start"],  # finish is class_finish
        ClassStatus.CANCELLED: ["cancel"],
    }.get(status, [])
    for action in path:
        services.class_transition(
            training_class=training_class,
            action=action,
            actor=admin,
            reason="Narasumber berhalangan; kelas dijadwalkan ulang." if action == "cancel" else "",
        )


def _seat(training_class, employee, admin, *, attended_all: bool, score):
    """A participant put straight into a seat (the demo's past), with attendance and score."""
    enrolment = Enrolment.objects.create(
        training_class=training_class, employee=employee, status=E.ENROLLED, requested_by=admin
    )
    ENROLMENT_WORKFLOW.record(enrolment, "enrol", actor=admin)
    sessions = list(training_class.sessions.all())
    chosen = sessions if attended_all else sessions[: max(0, len(sessions) // 2)]
    Attendance.objects.bulk_create(
        [
            Attendance(
                enrolment=enrolment,
                session=s,
                method=Attendance.Method.INSTRUCTOR,
                recorded_by=admin,
                at=s.starts_at,
            )
            for s in chosen
        ]
    )
    if score is not None:
        enrolment.post_test_score = Decimal(score)
        enrolment.save(update_fields=["post_test_score"])
    return enrolment


def _evidence_pdf(title: str) -> bytes:
    """A small, valid one-page PDF certificate (no scripts): what a webinar sends its audience."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=landscape(A4))
    page.setTitle("Sertifikat")
    page.setFont("Helvetica-Bold", 26)
    page.drawCentredString(421, 400, "SERTIFIKAT")
    page.setFont("Helvetica", 14)
    page.drawCentredString(421, 360, "diberikan sebagai peserta")
    page.setFont("Helvetica-Bold", 16)
    page.drawCentredString(421, 320, title[:80])
    page.showPage()
    page.save()
    return buffer.getvalue()


@transaction.atomic
def competency_demo_seed(*, admin_login: str, learner_login: str) -> dict[str, int]:
    """Everything above, once. ``admin_login`` and ``learner_login``: the demo competency
    admin and civil servant (NIPs), who get something to do."""
    result = {"programmes": 0, "standards": 0, "classes": 0, "credits": 0}
    services.competency_dictionary_load()
    services.jp_settings_load()
    result["programmes"] = services.programme_catalogue_load(
        opd_by_code=organization_selectors.opd_by_code
    )
    result["standards"] = _standards_seed()
    courses = {title: pk for pk, title in integrations.course_options()}
    for programme in Programme.objects.filter(course__isnull=True, title__in=courses):
        programme.course_id = courses[programme.title]
        programme.save(update_fields=["course", "updated_at"])
    if TrainingClass.objects.exists():
        return result
    rng = random.Random(SEED)  # noqa: S311 - demo data
    admin = account_selectors.user_by_login(admin_login)
    learner_user = account_selectors.user_by_login(learner_login)
    learner = organization_selectors.employee_for_user(learner_user)
    programmes = {p.code: p for p in Programme.objects.all()}
    today = timezone.localdate()
    year_start = dt.date(today.year, 1, 1)
    admin_employee = organization_selectors.employee_for_user(admin)
    people = [
        e
        for e in organization_selectors.employees_active().select_related("position", "user")
        if e.pk not in {learner.pk, admin_employee.pk}
    ]
    rng.shuffle(people)
    # How far along each person is this year: a quarter reached, half on track or close, the
    # rest behind — so every standing shows.
    finished = [
        ("literasi-digital-dasar", "Angkatan I", 30, 2, 32),
        ("keamanan-siber-asn", "Angkatan I", 60, 1, 40),
        ("pelayanan-prima-digital", "Angkatan I", 95, 2, 32),
        ("analisis-data-spreadsheet", "Angkatan I", 130, 2, 30),
        ("naskah-dinas-permendagri", "Angkatan I", 170, 1, 36),
        ("literasi-digital-dasar", "Angkatan II", 210, 2, 32),
        ("eoffice-balai-kota", "Angkatan I", 240, 2, 30),
        ("keamanan-siber-asn", "Angkatan II", 270, 1, 40),
        ("agen-perubahan-digital", "Angkatan I", 300, 2, 24),
    ]
    cursor = 0
    for code, name, day, days, capacity in finished:
        starts = year_start + dt.timedelta(days=day)
        if starts + dt.timedelta(days=days) >= today:
            continue
        training_class, _made = _class(
            programmes[code],
            name,
            starts=starts,
            days=days,
            capacity=capacity,
            status=ClassStatus.FINISHED,
            place="Gedung Moch. Ichsan Lt. 8, Balai Kota Semarang",
        )
        _move(training_class, ClassStatus.FINISHED, admin)
        take = max(6, capacity - rng.randint(0, 6))
        group = people[cursor : cursor + take]
        cursor = (cursor + take // 2) % max(1, len(people) - take)
        for employee in group:
            good = rng.random() < 0.9
            _seat(
                training_class,
                employee,
                admin,
                attended_all=good,
                score=rng.randint(72, 98) if good else rng.randint(45, 69),
            )
        if code == "literasi-digital-dasar" and name == "Angkatan I":
            _seat(training_class, learner, admin, attended_all=True, score=88)
        outcome = services.class_finish(training_class=training_class, actor=admin)
        result["credits"] += outcome["completed"]
        result["classes"] += 1
    # Validated evidence for a third of the people (webinars and courses elsewhere).
    webinar_titles = [
        ("Webinar Transformasi Digital Pemerintah Daerah", "Kementerian PANRB", "webinar", 180),
        ("Kursus Daring Manajemen Risiko SPBE", "Corpu ASN (LAN RI)", "course", 540),
        ("Webinar Pelindungan Data Pribadi", "Kementerian Komunikasi dan Digital", "webinar", 150),
        ("Sesi coaching kinerja", "Atasan langsung", "coaching", 3),
    ]
    for employee in people[: len(people) // 3]:
        title, provider, form, quantity = rng.choice(webinar_titles)
        ended = year_start + dt.timedelta(
            days=rng.randint(20, max(21, (today - year_start).days - 5))
        )
        _evidence_validated(employee, title, provider, form, quantity, ended, admin, rng)
    # Running, open, planned and cancelled classes.
    running, _m = _class(
        programmes["desain-layanan-digital"],
        "Angkatan I",
        starts=today - dt.timedelta(days=1),
        days=3,
        capacity=25,
        status=ClassStatus.RUNNING,
        place="Ruang Rapat Bappeda Kota Semarang",
    )
    _move(running, ClassStatus.RUNNING, admin)
    for employee in people[:18]:
        _seat(running, employee, admin, attended_all=False, score=None)
    running.instructors.add(admin)
    open_class, _m = _class(
        programmes["literasi-data-pelayanan"],
        "Angkatan I",
        starts=today + dt.timedelta(days=10),
        days=2,
        capacity=20,
        status=ClassStatus.OPEN,
        place="Daring (Zoom Pemkot)",
        closes=today + dt.timedelta(days=6),
    )
    _move(open_class, ClassStatus.OPEN, admin)
    for employee in people[20:41]:  # one more than the seats: a waiting list
        services.enrolment_add(training_class=open_class, employee=employee, actor=admin)
    security, _m = _class(
        programmes["keamanan-siber-asn"],
        "Angkatan III",
        starts=today + dt.timedelta(days=14),
        days=1,
        capacity=40,
        status=ClassStatus.OPEN,
        place="Gedung Moch. Ichsan Lt. 8",
        closes=today + dt.timedelta(days=10),
    )
    _move(security, ClassStatus.OPEN, admin)
    leaders, _m = _class(
        programmes["kepemimpinan-digital"],
        "Angkatan I",
        starts=today + dt.timedelta(days=45),
        days=4,
        capacity=30,
        status=ClassStatus.PLANNED,
        place="BPSDM Provinsi Jawa Tengah",
    )
    tte, _m = _class(
        programmes["tte-keamanan-dokumen"],
        "Angkatan I",
        starts=today + dt.timedelta(days=3),
        days=1,
        capacity=30,
        status=ClassStatus.OPEN,
        place="Lab Komputer Diskominfo",
        closes=today + dt.timedelta(days=1),
    )
    _move(tte, ClassStatus.OPEN, admin)
    for employee in people[45:50]:
        services.enrolment_add(training_class=tte, employee=employee, actor=admin)
    _move(tte, ClassStatus.CANCELLED, admin)
    # The demo civil servant: an open class she asked for (waiting for her supervisor), a
    # webinar certificate waiting for validation, and a self-assessment to be validated.
    services.enrolment_request(
        user=learner_user,
        training_class=security,
        motivation="Saya mengelola akun aplikasi layanan dan ingin lebih paham phishing.",
    )
    _evidence_waiting(learner_user, "Webinar Keamanan Data Layanan Publik", "BSSN", "webinar", 135)
    _profiles_and_plans(people[:180], admin, rng, today)
    services.compliance_months_refresh()
    return result


PROFILED = (
    "digital-informasi-data",
    "digital-komunikasi-kolaborasi",
    "digital-keamanan",
    "digital-layanan-pemerintahan",
    "integritas",
    "pelayanan-publik",
    "mengelola-perubahan",
)


def _profiles_and_plans(people, admin, rng, today) -> None:
    """Assessment results for most people (so the profiles and the OPDs' needs analysis show
    real gaps) and approved development plans for some (so the AKPK has planned programmes)."""
    competencies = {c.code: c for c in Competency.objects.filter(code__in=PROFILED)}
    standards = {
        (position_id, competency_id): level
        for position_id, competency_id, level in PositionStandard.objects.values_list(
            "position_id", "competency_id", "required_level"
        )
    }
    assessed_on = today - dt.timedelta(days=120)
    for employee in people:
        for competency in competencies.values():
            required = standards.get((employee.position_id, competency.pk), 2)
            level = max(1, min(5, required + rng.choice((-2, -1, -1, 0, 0, 1))))
            services.assessment_enter(
                employee=employee,
                competency=competency,
                level=level,
                assessed_on=assessed_on,
                note="Asesmen kompetensi BKPSDM 2026 (demo)",
                actor=admin,
            )
    programmes = list(Programme.objects.filter(is_published=True).order_by("code"))
    for employee in people[:60]:
        boss = integrations.direct_supervisor(employee)
        if boss is None or boss.pk == employee.pk:
            continue
        plan = services.plan_for(user=employee.user, year=today.year)
        for programme in rng.sample(programmes, 2):
            services.plan_item_add(
                plan=plan, programme=programme, quarter=rng.randint(1, 4), actor=employee.user
            )
        services.plan_submit(plan=plan, actor=employee.user)
        if rng.random() < 0.8:
            services.plan_approve(plan=plan, actor=boss.user)


def _evidence_validated(employee, title, provider, form, quantity, ended, admin, rng) -> None:
    content = _evidence_pdf(f"{title} — {employee.full_name}")
    evidence = Evidence(
        employee=employee,
        title=title,
        form=form,
        provider=provider,
        started_on=ended,
        ended_on=ended,
        quantity=Decimal(quantity),
        file_name="sertifikat.pdf",
        content_type="application/pdf",
        file_digest=f"demo-{employee.pk}-{title}"[:64],
        due_date=ended + dt.timedelta(days=14),
        submitted_at=timezone.make_aware(dt.datetime.combine(ended, dt.time(10))),
    )
    evidence.file.save("bukti", ContentFile(content), save=False)
    evidence.save()
    services.EVIDENCE_WORKFLOW.record(evidence, "submit", actor=employee.user)
    services.evidence_validate(evidence=evidence, actor=admin)


def _evidence_waiting(user, title, provider, form, quantity) -> None:
    today = timezone.localdate()
    upload = SimpleUploadedFile("sertifikat-webinar.pdf", _evidence_pdf(title), "application/pdf")
    services.evidence_submit(
        user=user,
        title=title,
        form=form,
        provider=provider,
        started_on=today - dt.timedelta(days=12),
        ended_on=today - dt.timedelta(days=12),
        quantity=Decimal(quantity),
        upload=upload,
    )
