"""What the kernel issue found on main, each now a test a user would notice failing:

- a service that issues no document (KTP-el recording) can be approved: it is closed;
- a citizen cannot file under someone else's NIK through the API (and it never reaches that
  person's data export);
- public tracking (page and API) shows no staff names and no internal notes;
- the API's officer queue counts at most 1,000 rows, like the web queue;
- a failing signer leaves the document ready to sign again, the reason in the history;
- the OpenAPI schema documents the error body and the history as a plain list.
"""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from balaikota.civil_registry import selectors, services
from balaikota.civil_registry.models import Application, ApplicationEvent, Status
from balaikota.core.errors import DomainError

from .factories import approve_now, pdf_bytes
from .test_views_citizen import submitted, url

pytestmark = [pytest.mark.django_db, pytest.mark.urls("balaikota.civil_registry.tests.urls")]

API = "/api/v1/kependudukan"


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _ktp(citizen):
    application = services.application_draft_create(
        user=citizen, service_type="perekaman-ktp-el", data={"resident_nik": citizen.nik}
    )
    services.application_document_upload(
        application=application, user=citizen, requirement_code="kk", upload=pdf_bytes()
    )
    return services.application_submit(application=application, user=citizen).application


def test_a_service_without_a_document_is_closed_at_approval(
    citizen, family, service_types, officer
):
    application = _ktp(citizen)
    services.application_claim(application=application, officer=officer)
    application = approve_now(application=application, officer=officer)
    assert application.status == Status.CLOSED
    assert application.document_id is None and not application.registration_number
    steps = list(
        ApplicationEvent.objects.filter(application=application)
        .order_by("at", "pk")
        .values_list("action", "from_status", "to_status")
    )
    assert steps[-2:] == [
        ("approve", Status.IN_REVIEW, Status.APPROVED),
        ("close", Status.APPROVED, Status.CLOSED),
    ]
    # The citizen is told it is done (public history), not that a document is coming.
    assert selectors.public_history(application)[-1].to_status == Status.CLOSED


def test_a_citizen_cannot_file_under_someone_elses_nik(citizen, family, service_types, bob):
    _kk, _father, mother = family
    api = _api(citizen)
    response = api.post(
        f"{API}/applications/",
        {"service_type": "akta-kelahiran", "applicant_nik": mother.nik},
        format="json",
    )
    assert response.status_code == 403
    assert response.json()["code"] == "not_own_nik"
    assert "NIK Anda sendiri" in response.json()["detail"]
    assert not Application.objects.filter(applicant_nik=mother.nik).exists()
    # Their own NIK, given explicitly, is fine.
    own = api.post(
        f"{API}/applications/",
        {"service_type": "akta-kelahiran", "applicant_nik": citizen.nik},
        format="json",
    )
    assert own.status_code == 201 and own.json()["applicant_nik"] == citizen.nik
    assert "submit" in own.json()["allowed_actions"]
    # Nothing was filed under the mother's NIK, so her export holds no application.
    bob.nik = mother.nik
    bob.save(update_fields=["nik"])
    assert selectors.personal_data_export(bob)["applications"] == []


def _tracked(citizen, family, officer):
    from balaikota.civil_registry.tests.test_services import submitted as submit_with_pin

    result = submit_with_pin(citizen, family)
    services.application_claim(application=result.application, officer=officer)
    services.application_request_correction(
        application=result.application,
        officer=officer,
        items=[{"requirement": "kk", "reason": "Foto KK buram, unggah ulang."}],
        note="Mohon segera diperbaiki.",
    )
    return result


@pytest.mark.parametrize("channel", ["web", "api"])
def test_tracking_shows_what_the_applicant_is_told_and_nothing_else(
    channel, client, citizen, family, service_types, officer
):
    result = _tracked(citizen, family, officer)
    number = result.application.tracking_number
    if channel == "web":
        body = client.post("/lacak/", {"nomor": number, "pin": result.pin}).content.decode()
    else:
        response = APIClient().post(
            f"{API}/tracking/", {"tracking_number": number, "pin": result.pin}, format="json"
        )
        assert response.status_code == 200
        body = str(response.json())
        assert [e["to_status"] for e in response.json()["history"]] == [
            "submitted",
            "in_review",
            "needs_correction",
        ]
    assert officer.full_name not in body
    assert "Ditangani oleh" not in body  # the claim's internal note names the officer
    assert "Foto KK buram" in body and "Mohon segera" in body  # addressed to the citizen
    assert "Petugas meminta perbaikan" in body


def test_the_citizens_own_history_in_the_api_is_the_public_one(
    citizen, family, service_types, officer
):
    result = _tracked(citizen, family, officer)
    history = _api(citizen).get(f"{API}/applications/{result.application.pk}/history/").json()
    assert isinstance(history, list)
    assert officer.full_name not in str(history) and "Ditangani oleh" not in str(history)
    assert history[1]["text"] == history[1]["reason"] == "Permohonan Anda sedang diperiksa petugas."


def test_the_api_queue_counts_at_most_a_thousand_rows(citizen, service_types, officer, opd):
    from balaikota.core.api import CappedPagination

    service_type = services.ServiceType.objects.get(code="akta-kelahiran")
    Application.objects.bulk_create(
        Application(
            citizen=citizen,
            applicant_nik=citizen.nik,
            applicant_name="Warga",
            service_type=service_type,
            status=Status.SUBMITTED,
            office=opd,
            tracking_number=f"KP-2612-{i:06d}",
            due_date=dt.date(2026, 12, 31),
        )
        for i in range(12)
    )
    original = CappedPagination.cap
    CappedPagination.cap = 10
    try:
        body = _api(officer).get(f"{API}/officer/applications/").json()
    finally:
        CappedPagination.cap = original
    assert body["count"] == 10 and body["count_capped"] is True
    web = APIClient()
    web.force_login(officer)
    page = web.get(url("queue")).content.decode()
    assert "12 permohonan" in page  # under the web cap, the web page says the real count


def test_a_failing_signer_leaves_the_document_ready_to_sign_again(
    client, citizen, family, service_types, officer, signer, monkeypatch
):
    from balaikota.documents import signers
    from balaikota.documents.exceptions import SigningError

    application = submitted(citizen, family)
    services.application_claim(application=application, officer=officer)
    application = approve_now(application=application, officer=officer)

    class Down:
        requires_passphrase = False

        def sign(self, pdf, **kwargs):
            raise SigningError(
                "Layanan BSrE tidak menjawab tepat waktu. Coba lagi beberapa saat lagi.",
                code="bsre_timeout",
            )

    monkeypatch.setattr(signers, "get_signer", lambda: Down())
    monkeypatch.setattr("balaikota.documents.services.get_signer", lambda: Down())
    client.force_login(signer)
    response = client.post(url("sign", application.pk), {"confirm": "on"})
    assert response.status_code == 503  # the signing service is down: try again later
    assert "tidak menjawab tepat waktu" in response.content.decode()
    application.refresh_from_db()
    application.document.refresh_from_db()
    assert application.status == Status.AWAITING_SIGNATURE
    assert application.document.status == "draft"
    assert "tidak menjawab" in application.document.signing_error
    assert ApplicationEvent.objects.filter(
        application=application, action="signing_failed"
    ).exists()
    page = client.get(url("sign", application.pk)).content.decode()
    assert "Penandatanganan terakhir gagal" in page and 'name="confirm"' in page

    monkeypatch.undo()
    response = client.post(url("sign", application.pk), {"confirm": "on"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.ISSUED and application.document.status == "signed"


def test_a_signature_under_way_is_visible_and_not_started_twice(
    citizen, family, service_types, officer, signer
):
    from balaikota.civil_registry.workflows import APPLICATION_WORKFLOW
    from balaikota.documents import services as document_services

    application = submitted(citizen, family)
    services.application_claim(application=application, officer=officer)
    application = approve_now(application=application, officer=officer)
    document_services.document_sign_request(document=application.document, signer_user=signer)
    application.refresh_from_db()
    assert application.document.get_status_display() == "Sedang ditandatangani"
    assert "sign" not in APPLICATION_WORKFLOW.allowed_actions(signer, application)
    with pytest.raises(DomainError) as refused:
        services.application_sign(application=application, signer=signer)
    assert refused.value.code == "signing" and refused.value.status == 409


def test_the_schema_documents_the_error_body_and_a_plain_history(client):
    schema = client.get("/api/test-schema/?format=json").json()
    assert "Error" in schema["components"]["schemas"]
    history = schema["paths"]["/api/v1/kependudukan/applications/{id}/history/"]["get"]
    ok = history["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok["type"] == "array"
    submit = schema["paths"]["/api/v1/kependudukan/applications/{id}/submit/"]["post"]
    conflict = submit["responses"]["409"]["content"]["application/json"]["schema"]
    assert conflict["$ref"].endswith("/Error")
    queue = schema["paths"]["/api/v1/kependudukan/officer/applications/"]["get"]
    page = queue["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    name = page.rsplit("/", 1)[-1]
    assert "count_capped" in schema["components"]["schemas"][name]["properties"]


def test_the_document_is_not_rendered_inside_the_approval(citizen, family, service_types, officer):
    """Until the approval commits, nothing is rendered: the PDF is the task's, outside the
    officer's transaction and its locks (the test's transaction never commits)."""
    application = submitted(citizen, family)
    services.application_claim(application=application, officer=officer)
    services.application_approve(application=application, officer=officer)
    application.refresh_from_db()
    assert application.status == Status.APPROVED and application.document_id is None
    assert application.registration_number  # the number is the approval's, taken under lock
