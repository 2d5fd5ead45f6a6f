"""The competency API, and parity: each action through the web page and through the API on the
same kind of object gives the same outcome and the same status class (and the same 4xx)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from balaikota.competency import services
from balaikota.competency.models import ClassStatus, Enrolment, Evidence

from .factories import TrainingClassFactory
from .test_services import pdf_bytes

pytestmark = pytest.mark.django_db
API = "/api/v1/kompetensi"


def web(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def status_class(code: int):
    """Success is a redirect after POST on the web and a 2xx in the API; a refusal is the
    same 4xx on both."""
    return code if code >= 400 else "ok"


# --- Each case: build a fresh object, act through one channel, report (status, outcome) -------


def enrol(channel, team, *, status=ClassStatus.OPEN, twice=False):
    training_class = TrainingClassFactory(status=status)
    if twice:
        services.enrolment_request(user=team.member.user, training_class=training_class)
    if channel == "web":
        response = web(team.member.user).post(
            f"/kompetensi/kelas/{training_class.pk}/", {"motivation": "x"}
        )
    else:
        response = api(team.member.user).post(
            f"{API}/kelas/{training_class.pk}/daftar/", {"motivation": "x"}, format="json"
        )
    states = list(
        Enrolment.objects.filter(training_class=training_class).values_list("status", flat=True)
    )
    return response.status_code, states


def decide(channel, team, *, actor="head", action="approve", reason=""):
    enrolment = services.enrolment_request(
        user=team.member.user, training_class=TrainingClassFactory()
    )
    user = getattr(team, actor).user
    if channel == "web":
        word = {"approve": "setujui", "reject": "tolak"}[action]
        response = web(user).post(
            f"/kompetensi/pendaftaran/{enrolment.pk}/{word}/", {"reason": reason}
        )
    else:
        word = {"approve": "setujui", "reject": "tolak"}[action]
        response = api(user).post(
            f"{API}/pendaftaran/{enrolment.pk}/{word}/", {"reason": reason}, format="json"
        )
    enrolment.refresh_from_db()
    return response.status_code, enrolment.status


def submit_evidence(channel, team, *, content=None):
    today = timezone.localdate()
    data = {
        "title": "Webinar SPBE",
        "form": "webinar",
        "provider": "KemenPANRB",
        "started_on": today.isoformat(),
        "ended_on": today.isoformat(),
        "quantity": "90",
        "file": SimpleUploadedFile("s.pdf", content or pdf_bytes(f"{channel}"), "application/pdf"),
    }
    if channel == "web":
        response = web(team.member.user).post("/kompetensi/bukti/", data)
    else:
        response = api(team.member.user).post(f"{API}/bukti/", data, format="multipart")
    return response.status_code, Evidence.objects.filter(employee=team.member).count()


def validate_evidence(channel, team, *, actor="head"):
    today = timezone.localdate()
    evidence = services.evidence_submit(
        user=team.member.user,
        title="Webinar",
        form="webinar",
        provider="BSSN",
        started_on=today - dt.timedelta(days=1),
        ended_on=today - dt.timedelta(days=1),
        quantity=Decimal("90"),
        upload=SimpleUploadedFile("s.pdf", pdf_bytes(f"{channel}{actor}"), "application/pdf"),
    )
    user = getattr(team, actor).user
    if channel == "web":
        response = web(user).post(
            f"/kompetensi/bukti/{evidence.pk}/", {"action": "validate", "quantity": ""}
        )
    else:
        response = api(user).post(f"{API}/bukti/{evidence.pk}/validasi/", {}, format="json")
    evidence.refresh_from_db()
    return response.status_code, (evidence.status, evidence.jp_credited)


CASES = {
    "enrol": (enrol, {}),
    "enrol twice": (enrol, {"twice": True}),
    "enrol in a closed class": (enrol, {"status": ClassStatus.PLANNED}),
    "approve (supervisor)": (decide, {}),
    "approve (a peer)": (decide, {"actor": "peer"}),
    "reject without a reason": (decide, {"action": "reject"}),
    "reject with a reason": (decide, {"action": "reject", "reason": "Beban kerja"}),
    "submit evidence": (submit_evidence, {}),
    "submit a disguised file": (submit_evidence, {"content": b"GIF89a not a pdf"}),
    "validate evidence (supervisor)": (validate_evidence, {}),
    "validate evidence (a stranger)": (validate_evidence, {"actor": "stranger"}),
}


@pytest.mark.parametrize("case", list(CASES))
def test_web_and_api_agree(case, team):
    function, kwargs = CASES[case]
    web_status, web_outcome = function("web", team, **kwargs)
    # A second, identical scene for the API: undo nothing, compare like with like.
    Enrolment.objects.all().delete()
    Evidence.objects.all().delete()
    api_status, api_outcome = function("api", team, **kwargs)
    assert status_class(web_status) == status_class(api_status), (web_status, api_status)
    assert web_outcome == api_outcome


# --- The API itself -----------------------------------------------------------------------------


def test_a_refusal_is_the_kernel_s_json_error_body(team):
    training_class = TrainingClassFactory()
    services.enrolment_request(user=team.member.user, training_class=training_class)
    response = api(team.member.user).post(
        f"{API}/kelas/{training_class.pk}/daftar/", {}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["code"] == "already_enrolled"
    assert "sudah terdaftar" in response.json()["detail"]


def test_the_ledger_and_enrolments_are_one_s_own(team):
    training_class = TrainingClassFactory()
    enrolment = services.enrolment_request(user=team.member.user, training_class=training_class)
    mine = api(team.member.user).get(f"{API}/pendaftaran/").json()
    assert [row["id"] for row in mine] == [enrolment.pk]
    assert mine[0]["allowed_actions"] == ["withdraw"]
    assert api(team.peer.user).get(f"{API}/pendaftaran/").json() == []
    ledger = api(team.member.user).get(f"{API}/jp/?tahun=abc").json()
    assert ledger["target"] == "20.00" and ledger["standing"] in {"at_risk", "on_track"}
    head_view = api(team.head.user).get(f"{API}/pendaftaran/").json()
    assert head_view == []  # the head's own enrolments, not the team's


def test_a_citizen_token_has_no_competency_api(alice):
    assert api(alice).get(f"{API}/jp/").status_code == 403
    assert api(alice).get(f"{API}/program/").status_code == 403
