"""Two levels of review, per service type: the officer checks the documents and forwards, a
verifier of the office validates and approves — or sends it back with a reason — and only
then the signing official signs. Each step is an event; nobody verifies their own review."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from balaikota.civil_registry import selectors, services
from balaikota.civil_registry.models import ApplicationEvent, ServiceType, Status
from balaikota.core.errors import Conflict, InvalidInput

from .test_views_citizen import url
from .test_views_officer import claimed

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_level(service_types):
    ServiceType.objects.filter(code="akta-kelahiran").update(needs_verification=True)


@pytest.fixture
def verifier(opd, officer):
    from balaikota.testing.matrix import People

    return People(actor=None, stranger=None, opd=opd, other_opd=None).colleague(role="verifier")


def _actions(application):
    return list(
        ApplicationEvent.objects.filter(application=application)
        .order_by("at", "pk")
        .values_list("action", flat=True)
    )


def test_officer_forwards_the_verifier_approves_then_the_signer_signs(
    citizen, family, two_level, officer, verifier, signer, django_capture_on_commit_callbacks
):
    application = claimed(citizen, family, officer)
    with pytest.raises(Conflict) as alone:
        services.application_approve(application=application, officer=officer)
    assert alone.value.code == "needs_verification"  # the officer cannot approve alone
    services.application_forward(application=application, officer=officer)
    application.refresh_from_db()
    assert application.status == Status.AWAITING_VERIFICATION
    assert not application.registration_number  # numbered only when approved
    assert selectors.verification_list(verifier) == [application]
    with django_capture_on_commit_callbacks(execute=True):
        services.application_verify(application=application, verifier=verifier, note="Sesuai")
    application.refresh_from_db()
    assert application.status == Status.AWAITING_SIGNATURE and application.registration_number
    services.application_sign(application=application, signer=signer)
    application.refresh_from_db()
    assert application.status == Status.ISSUED
    assert _actions(application)[-5:] == ["forward", "verify", "document_ready", "sign", "issue"]


def test_the_verifier_sends_it_back_with_a_reason_to_the_same_officer(
    citizen, family, two_level, officer, verifier
):
    application = claimed(citizen, family, officer)
    services.application_forward(application=application, officer=officer)
    with pytest.raises(InvalidInput):
        services.application_return_to_officer(
            application=application, verifier=verifier, reason=""
        )
    services.application_return_to_officer(
        application=application, verifier=verifier, reason="Nama RS pada surat lahir berbeda."
    )
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW and application.claimed_by == officer
    event = ApplicationEvent.objects.filter(application=application).latest("pk")
    assert (event.action, event.reason) == (
        "return_to_officer",
        "Nama RS pada surat lahir berbeda.",
    )
    from balaikota.notifications.models import Notification

    assert Notification.objects.filter(recipient=officer, body__contains="Nama RS").exists()


def test_nobody_verifies_their_own_review(citizen, family, two_level, staff_with_role, opd):
    both = staff_with_role("verifier")  # a verifier may also check documents…
    application = claimed(citizen, family, both)
    services.application_forward(application=application, officer=both)
    with pytest.raises(Conflict) as own:
        services.application_verify(application=application, verifier=both)
    assert own.value.code == "own_review"  # …but not verify what they checked
    assert selectors.verification_list(both) == []


def test_another_offices_verifier_cannot_verify(
    citizen, family, two_level, officer, staff_with_role, other_opd
):
    from balaikota.core.errors import Forbidden

    application = claimed(citizen, family, officer)
    services.application_forward(application=application, officer=officer)
    stranger = staff_with_role("verifier", in_opd=other_opd)
    with pytest.raises(Forbidden):
        services.application_verify(application=application, verifier=stranger)
    assert selectors.verification_list(stranger) == []


def test_the_verifier_works_from_the_list_on_the_web(
    client, citizen, family, two_level, officer, verifier
):
    application = claimed(citizen, family, officer)
    client.force_login(officer)
    page = client.get(f"/kependudukan/petugas/{application.pk}/").content.decode()
    assert "Teruskan ke verifikator" in page
    assert client.post(f"/kependudukan/petugas/{application.pk}/teruskan/").status_code == 302
    client.force_login(verifier)
    listing = client.get("/kependudukan/petugas/verifikasi/").content.decode()
    assert application.tracking_number in listing
    review = client.get(f"/kependudukan/petugas/{application.pk}/").content.decode()
    assert 'id="judul-verifikasi"' in review and "Kembalikan ke petugas" in review
    missing = client.post(f"/kependudukan/petugas/{application.pk}/kembalikan-ke-petugas/", {})
    assert missing.status_code == 400 and "Tulis alasan pengembalian" in missing.content.decode()
    done = client.post(f"/kependudukan/petugas/{application.pk}/verifikasi/", {"approve_note": ""})
    assert done.status_code == 302 and done["Location"] == url("verification_list")
    application.refresh_from_db()
    assert application.status == Status.APPROVED


def test_web_and_api_give_the_verifier_the_same_answers(
    citizen, family, two_level, officer, verifier
):
    application = claimed(citizen, family, officer)
    api = APIClient()
    api.force_authenticate(officer)
    base = f"/api/v1/kependudukan/officer/applications/{application.pk}"
    assert api.post(f"{base}/forward/", {}, format="json").status_code == 200
    api.force_authenticate(verifier)
    refused = api.post(f"{base}/return-to-officer/", {}, format="json")
    assert refused.status_code == 400
    sent_back = api.post(f"{base}/return-to-officer/", {"reason": "Periksa KK."}, format="json")
    assert sent_back.status_code == 200 and sent_back.json()["status"] == Status.IN_REVIEW
    again = api.post(f"{base}/verify/", {}, format="json")
    assert again.status_code == 409  # no longer waiting for verification
