"""Permission matrix: role × action × whose application → allowed or not."""

import pytest

from balaikota.accounts.models import Role
from balaikota.civil_registry.models import Application, ServiceType, Status
from balaikota.testing.matrix import Row, check_row, grant, permission_matrix

pytestmark = pytest.mark.django_db

OFFICERS = {Role.SERVICE_OFFICER, Role.VERIFIER}


def _service_type():
    service_type, _created = ServiceType.objects.get_or_create(
        code="akta-kelahiran", defaults={"name": "Akta Kelahiran"}
    )
    return service_type


def application_of(whose, people):
    """own: the actor's own application (a citizen's; staff have none of their own, so it is
    an application they filed by assisted intake); other: bob's in another office;
    own_opd / other_opd: a citizen's application handled by that office."""
    if whose == "none":
        return None
    counter = Application.objects.count() + 1
    fields = {
        "applicant_nik": "3374011705900001",
        "applicant_name": "Warga",
        "service_type": _service_type(),
        "status": Status.SUBMITTED,
        "tracking_number": f"KP-2611-TEST{counter:02d}",
    }
    if whose == "own":
        if people.actor.has_role(Role.CITIZEN):
            return Application.objects.create(
                citizen=people.actor, office=people.other_opd, **fields
            )
        return Application.objects.create(
            citizen=people.stranger,
            assisted_by=people.actor,
            office=people.other_opd,
            **fields,
        )
    if whose == "other":
        return Application.objects.create(
            citizen=people.stranger, office=people.other_opd, **fields
        )
    office = people.opd if whose == "own_opd" else people.other_opd
    return Application.objects.create(citizen=people.stranger, office=office, **fields)


ALL_STAFF_READ = {Role.SERVICE_OFFICER, Role.VERIFIER, Role.SIGNING_OFFICIAL}

ROWS = [
    # Seeing an application.
    *grant("civil_registry.view_application", whose="own", to=set(Role)),
    *grant("civil_registry.view_application", whose="other", to={Role.PLATFORM_ADMIN}),
    *grant(
        "civil_registry.view_application",
        whose="own_opd",
        to={*ALL_STAFF_READ, Role.PLATFORM_ADMIN},
    ),
    *grant("civil_registry.view_application", whose="other_opd", to={Role.PLATFORM_ADMIN}),
    *grant("civil_registry.view_application", whose="none", to={Role.PLATFORM_ADMIN}),
    # Editing, uploading, submitting, cancelling, resubmitting: the applicant (or the officer
    # who filed it for them).
    *grant("civil_registry.change_application", whose="own", to=set(Role)),
    *grant("civil_registry.change_application", whose="other", to=set()),
    *grant("civil_registry.change_application", whose="own_opd", to=set()),
    *grant("civil_registry.change_application", whose="other_opd", to=set()),
    # The receipt PDF (it may carry the PIN): the applicant, or the officer who filed it.
    *grant("civil_registry.download_receipt", whose="own", to=set(Role)),
    *grant("civil_registry.download_receipt", whose="other", to=set()),
    *grant("civil_registry.download_receipt", whose="own_opd", to=set()),
    # A new tracking PIN: only the applicant themself (a walk-in applicant asks at the counter).
    *grant("civil_registry.reset_pin", whose="own", to={Role.CITIZEN}),
    *grant("civil_registry.reset_pin", whose="other", to=set()),
    *grant("civil_registry.reset_pin", whose="own_opd", to=set()),
    # Processing: officers and verifiers of the application's office.
    *grant("civil_registry.process_application", whose="own", to=set()),
    *grant("civil_registry.process_application", whose="other", to=set()),
    *grant("civil_registry.process_application", whose="own_opd", to=OFFICERS),
    *grant("civil_registry.process_application", whose="other_opd", to=set()),
    # Verifying (the second level of review): verifiers of the application's office.
    *grant("civil_registry.verify_application", whose="own", to=set()),
    *grant("civil_registry.verify_application", whose="other", to=set()),
    *grant("civil_registry.verify_application", whose="own_opd", to={Role.VERIFIER}),
    *grant("civil_registry.verify_application", whose="other_opd", to=set()),
    *grant("civil_registry.view_verification_list", whose="none", to={Role.VERIFIER}),
    # Signing: signing officials of the application's office.
    *grant("civil_registry.sign_application", whose="own", to=set()),
    *grant("civil_registry.sign_application", whose="own_opd", to={Role.SIGNING_OFFICIAL}),
    *grant("civil_registry.sign_application", whose="other_opd", to=set()),
    # Model-level.
    *grant("civil_registry.create_assisted_application", whose="none", to={Role.SERVICE_OFFICER}),
    *grant("civil_registry.view_queue", whose="none", to=ALL_STAFF_READ),
    *grant("civil_registry.claim_application", whose="none", to=OFFICERS),
    *grant("civil_registry.view_signing_list", whose="none", to={Role.SIGNING_OFFICIAL}),
    # A citizen starts their own applications and books their own visits; staff accounts are
    # work accounts (a civil servant applies with their citizen account).
    *grant("civil_registry.create_application", whose="none", to={Role.CITIZEN}),
    *grant("civil_registry.book_appointment", whose="none", to={Role.CITIZEN}),
    *grant("civil_registry.check_in_appointment", whose="none", to={Role.SERVICE_OFFICER}),
    Row(Role.CITIZEN, "civil_registry.view_register", "none", False),
]


@permission_matrix(ROWS)
def test_civil_registry_permissions(row, request):
    check_row(row, request, subject=application_of)


def test_officer_never_processes_their_own_application(staff_with_role, opd):
    officer = staff_with_role(Role.SERVICE_OFFICER)
    own = Application.objects.create(
        citizen=officer,
        applicant_nik="3374011705900001",
        applicant_name="Petugas",
        service_type=_service_type(),
        status=Status.SUBMITTED,
        tracking_number="KP-2611-OWN001",
        office=opd,
    )
    assert officer.has_perm("civil_registry.view_application", own)
    assert not officer.has_perm("civil_registry.process_application", own)


def test_uploaded_files_only_for_who_may_see_them(alice, bob, staff_with_role, opd, other_opd):
    from balaikota.civil_registry import selectors
    from balaikota.civil_registry.models import ApplicationDocument, RequirementType
    from balaikota.core.models import AccessLogEntry

    application = Application.objects.create(
        citizen=alice,
        applicant_nik="3374011705900001",
        applicant_name="Alice",
        service_type=_service_type(),
        status=Status.SUBMITTED,
        tracking_number="KP-2611-DOC001",
        office=opd,
    )
    requirement = RequirementType.objects.create(
        service_type=application.service_type, code="kk", name="KK"
    )
    document = ApplicationDocument.objects.create(
        application=application,
        requirement=requirement,
        file="civil_registry/uploads/x.pdf",
        original_name="kk.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
    )
    officer = staff_with_role(Role.SERVICE_OFFICER)
    assert selectors.application_document_for_user(alice, document.pk) == document
    assert selectors.application_document_for_user(bob, document.pk) is None
    assert selectors.application_document_for_user(officer, document.pk) == document
    assert AccessLogEntry.objects.filter(actor=officer).count() == 1
    assert selectors.application_document_for_user(alice, "x") is None


def test_officers_of_the_issuing_office_may_download_its_document(
    alice, bob, staff_with_role, opd, other_opd
):
    """documents/permissions.py lets source apps extend the download rule: civil registration
    lets whoever may see the application (its office's staff) download what it issued."""
    from balaikota.documents.models import IssuedDocument

    application = Application.objects.create(
        citizen=alice,
        applicant_nik="3374011705900001",
        applicant_name="Alice",
        service_type=_service_type(),
        status=Status.ISSUED,
        tracking_number="KP-2611-DOC002",
        office=opd,
    )
    document = IssuedDocument.objects.create(
        kind="akta-kelahiran",
        number="3374-LU-01012026-0001",
        title="Akta Kelahiran",
        verification_code="ABCDEFGHJKMN",
        subject_name="Anak",
        owner=alice,
        source_app="civil_registry",
        source_id=str(application.pk),
        unsigned_file="documents/unsigned/x.pdf",
    )
    perm = "documents.download_issueddocument"
    assert alice.has_perm(perm, document)
    assert staff_with_role(Role.SERVICE_OFFICER).has_perm(perm, document)
    assert not staff_with_role(Role.SERVICE_OFFICER, in_opd=other_opd).has_perm(perm, document)
    assert not bob.has_perm(perm, document)


def test_a_visit_is_offered_for_an_application_that_still_needs_one(alice, bob):
    ktp, _created = ServiceType.objects.get_or_create(
        code="perekaman-ktp-el", defaults={"name": "Perekaman KTP-el", "needs_visit": True}
    )
    application = Application.objects.create(
        citizen=alice,
        applicant_nik="3374011705900001",
        applicant_name="Alice",
        service_type=ktp,
        status=Status.SUBMITTED,
        tracking_number="KP-2611-VIS001",
    )
    assert alice.has_perm("civil_registry.book_visit", application)
    assert not bob.has_perm("civil_registry.book_visit", application)
    application.status = Status.CANCELLED
    assert not alice.has_perm("civil_registry.book_visit", application)
    birth = Application.objects.create(
        citizen=alice,
        applicant_nik="3374011705900001",
        applicant_name="Alice",
        service_type=_service_type(),
        status=Status.SUBMITTED,
        tracking_number="KP-2611-VIS002",
    )
    assert not alice.has_perm("civil_registry.book_visit", birth)  # no counter step
