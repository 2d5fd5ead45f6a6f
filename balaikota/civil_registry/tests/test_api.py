"""The REST API for the mobile app: the citizen's journey, idempotent submit, errors as 4xx
with Indonesian messages, other people's applications invisible, tracking with lock-out."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from balaikota.civil_registry.models import Application, Status

from .factories import EXE_BYTES, birth_data, pdf_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.urls("balaikota.civil_registry.tests.urls")]

BASE = "/api/v1/kependudukan"


def _draft(api, family):
    _kk, father, mother = family
    response = api.post(
        f"{BASE}/applications/",
        {"service_type": "akta-kelahiran", "data": birth_data(mother, father)},
        format="json",
    )
    assert response.status_code == 201, response.json()
    return response.json()


def _upload(api, pk, code, content=None, name="berkas.pdf"):
    return api.post(
        f"{BASE}/applications/{pk}/documents/",
        {"requirement": code, "file": SimpleUploadedFile(name, content or pdf_bytes())},
        format="multipart",
    )


def _ready(api, family):
    draft = _draft(api, family)
    for code in ("surat_lahir", "ktp_orang_tua", "kk", "buku_nikah"):
        assert _upload(api, draft["id"], code).status_code == 201
    return draft


def test_service_types_are_public(service_types):
    response = APIClient().get(f"{BASE}/service-types/")
    assert response.status_code == 200
    birth = next(s for s in response.json() if s["code"] == "akta-kelahiran")
    assert {"surat_lahir", "sptjm_kelahiran"} <= {r["code"] for r in birth["requirements"]}
    assert any(f["name"] == "mother_nik" for f in birth["form_schema"])
    assert APIClient().get(f"{BASE}/service-types/tidak-ada/").status_code == 404


def test_citizen_journey_with_idempotent_submit(api, family, service_types):
    draft = _ready(api, family)
    pk = draft["id"]
    response = api.patch(
        f"{BASE}/applications/{pk}/",
        {"data": {"child_name": "Raka Putra"}, "version": draft["version"]},
        format="json",
    )
    assert response.status_code == 200 and response.json()["data"]["child_name"] == "Raka Putra"
    stale = api.patch(
        f"{BASE}/applications/{pk}/",
        {"data": {"child_name": "Lama"}, "version": draft["version"]},
        format="json",
    )
    assert stale.status_code == 409 and stale.json()["code"] == "stale_form"
    assert "perangkat" in stale.json()["detail"]

    first = api.post(f"{BASE}/applications/{pk}/submit/", HTTP_IDEMPOTENCY_KEY="abc-123")
    assert first.status_code == 201, first.json()
    body = first.json()
    assert len(body["pin"]) == 6 and body["application"]["status"] == "submitted"
    again = api.post(f"{BASE}/applications/{pk}/submit/", HTTP_IDEMPOTENCY_KEY="abc-123")
    # A retry (the client timed out) gets the first answer again, the PIN included.
    assert again.status_code == 201 and again.json()["pin"] == body["pin"]
    assert again["Idempotent-Replayed"] == "true"
    assert again.json()["application"]["tracking_number"] == body["application"]["tracking_number"]
    assert Application.objects.count() == 1

    history = api.get(f"{BASE}/applications/{pk}/history/").json()
    assert [e["to_status"] for e in history] == ["submitted"]
    listing = api.get(f"{BASE}/applications/").json()
    assert listing["count"] == 1

    cancel = api.post(f"{BASE}/applications/{pk}/cancel/", {"reason": "salah"}, format="json")
    assert cancel.status_code == 200 and cancel.json()["status"] == Status.CANCELLED


def test_bad_input_gets_indonesian_4xx(api, family, service_types):
    draft = _draft(api, family)
    pk = draft["id"]
    bad_nik = api.patch(
        f"{BASE}/applications/{pk}/",
        {"data": {"mother_nik": "12345"}, "version": draft["version"]},
        format="json",
    )
    assert bad_nik.status_code == 400
    assert "16 angka" in bad_nik.json()["errors"]["mother_nik"][0]
    disguised = _upload(api, pk, "surat_lahir", EXE_BYTES, "akta.pdf")
    assert disguised.status_code == 400 and disguised.json()["code"] == "bad_type"
    missing = api.post(f"{BASE}/applications/{pk}/submit/")
    assert missing.status_code == 400
    assert "belum lengkap" in missing.json()["errors"]["documents"][0]
    unknown_type = api.post(f"{BASE}/applications/", {"service_type": "x"}, format="json")
    assert unknown_type.status_code == 400
    not_json = api.patch(f"{BASE}/applications/{pk}/", "{", content_type="application/json")
    assert not_json.status_code == 400


def test_another_citizens_application_is_invisible(api, family, service_types, bob):
    draft = _draft(api, family)
    other = APIClient()
    other.force_authenticate(bob)
    pk = draft["id"]
    assert other.get(f"{BASE}/applications/{pk}/").status_code == 404
    assert other.post(f"{BASE}/applications/{pk}/submit/").status_code == 404
    assert other.post(f"{BASE}/applications/{pk}/cancel/").status_code == 404
    assert _upload(other, pk, "kk").status_code == 404
    assert other.get(f"{BASE}/applications/").json()["count"] == 0
    assert other.get(f"{BASE}/officer/applications/").status_code == 404
    assert other.get(f"{BASE}/officer/applications/{pk}/").status_code == 404
    assert APIClient().get(f"{BASE}/applications/").status_code in (401, 403)


def test_officer_endpoints(api, family, service_types, officer):
    draft = _ready(api, family)
    api.post(f"{BASE}/applications/{draft['id']}/submit/")
    client = APIClient()
    client.force_authenticate(officer)
    queue = client.get(f"{BASE}/officer/applications/").json()
    assert [row["id"] for row in queue["results"]] == [draft["id"]]
    assert client.post(f"{BASE}/officer/applications/claim-next/").status_code == 200
    correction = client.post(
        f"{BASE}/officer/applications/{draft['id']}/request-correction/",
        {"items": [{"requirement": "kk", "reason": "Buram"}]},
        format="json",
    )
    assert correction.status_code == 200 and correction.json()["status"] == "needs_correction"
    assert client.post(f"{BASE}/officer/applications/{draft['id']}/approve/").status_code == 409
    detail = api.get(f"{BASE}/applications/{draft['id']}/").json()
    assert detail["corrections"][0]["requirement"] == "kk"


def test_tracking_with_pin_and_lockout(api, family, service_types):
    draft = _ready(api, family)
    body = api.post(f"{BASE}/applications/{draft['id']}/submit/").json()
    number, pin = body["application"]["tracking_number"], body["pin"]
    public = APIClient()
    ok = public.post(f"{BASE}/tracking/", {"tracking_number": number, "pin": pin}, format="json")
    assert ok.status_code == 200 and ok.json()["status"] == "submitted"
    assert "applicant_nik" not in ok.json()
    wrong = "000000" if pin != "000000" else "111111"
    for _i in range(5):
        response = public.post(
            f"{BASE}/tracking/", {"tracking_number": number, "pin": wrong}, format="json"
        )
        assert response.status_code == 404
    locked = public.post(
        f"{BASE}/tracking/", {"tracking_number": number, "pin": pin}, format="json"
    )
    assert locked.status_code == 429 and "15 menit" in locked.json()["detail"]


def test_register_prefill_only_own_family(api, family, service_types, bob):
    _kk, father, mother = family
    own = api.post(f"{BASE}/register/lookup/", {"nik": mother.nik}, format="json")
    assert own.status_code == 200 and own.json()["full_name"] == "Siti Aminah"
    stranger = APIClient()
    stranger.force_authenticate(bob)
    assert (
        stranger.post(f"{BASE}/register/lookup/", {"nik": mother.nik}, format="json").status_code
        == 404
    )


def test_personal_data_export(api, family, service_types):
    _draft(api, family)
    data = api.get(f"{BASE}/me/data/").json()
    assert len(data["applications"]) == 1 and data["applications"][0]["status"] == "draft"


def test_appointments_api(api, opd, service_types):
    import datetime as dt

    from django.utils import timezone

    from balaikota.civil_registry.models import ServiceLocation, ServiceType
    from balaikota.civil_registry.services import appointment_slots_generate

    location = ServiceLocation.objects.create(code="disdukcapil", name="Disdukcapil", office=opd)
    service_type = ServiceType.objects.get(code="perekaman-ktp-el")
    start = timezone.localdate() + dt.timedelta(days=1)
    appointment_slots_generate(
        location=location, service_type=service_type, start=start, days=2, capacity=1
    )
    slots = api.get(
        f"{BASE}/locations/slots/",
        {
            "location": "disdukcapil",
            "service_type": "perekaman-ktp-el",
            "date_from": start.isoformat(),
            "date_to": (start + dt.timedelta(days=10)).isoformat(),
        },
    ).json()
    assert len(slots) == 6 and slots[0]["remaining"] == 1
    booked = api.post(f"{BASE}/appointments/", {"slot": slots[0]["id"]}, format="json")
    assert booked.status_code == 201
    again = api.post(f"{BASE}/appointments/", {"slot": slots[0]["id"]}, format="json")
    assert again.status_code == 200 and again.json()["id"] == booked.json()["id"]  # a double tap
    assert "cancel" in booked.json()["allowed_actions"]
    moved = api.post(
        f"{BASE}/appointments/{booked.json()['id']}/reschedule/",
        {"slot": slots[1]["id"]},
        format="json",
    )
    assert moved.status_code == 200 and moved.json()["slot"]["id"] == slots[1]["id"]
    cancelled = api.post(f"{BASE}/appointments/{booked.json()['id']}/cancel/")
    assert cancelled.status_code == 200 and cancelled.json()["state"] == "cancelled"


def test_a_retried_draft_creation_makes_one_draft(api, citizen, service_types):
    payload = {"service_type": "akta-kelahiran", "data": {}}
    first = api.post(f"{BASE}/applications/", payload, format="json", HTTP_IDEMPOTENCY_KEY="d-1")
    again = api.post(f"{BASE}/applications/", payload, format="json", HTTP_IDEMPOTENCY_KEY="d-1")
    assert first.status_code == again.status_code == 201, first.json()
    assert first.json()["id"] == again.json()["id"]
    assert Application.objects.filter(citizen=citizen).count() == 1
    other = {"service_type": "akta-kematian", "data": {}}
    reused = api.post(f"{BASE}/applications/", other, format="json", HTTP_IDEMPOTENCY_KEY="d-1")
    assert reused.status_code == 409 and reused.json()["code"] == "idempotency_mismatch"
