"""The survey through the mobile app's API: the same rules as the web."""

import pytest

from balaikota.satisfaction.models import SatisfactionSurvey

from .factories import answered, invitation_for

pytestmark = pytest.mark.django_db


def test_the_app_reads_the_questions_and_answers_once(client):
    invitation = invitation_for()
    url = f"/api/v1/survei/{invitation.token}/"
    questions = client.get(url).json()["questions"]
    assert [q["code"] for q in questions] == [f"u{i}" for i in range(1, 10)]
    assert len(questions[0]["answers"]) == 4
    body = {f"u{i}": 3 for i in range(1, 10)}
    assert client.post(url, body, content_type="application/json").status_code == 201
    again = client.post(url, body, content_type="application/json")
    assert again.status_code == 409 and again.json()["code"] == "answered"
    assert SatisfactionSurvey.objects.count() == 1


def test_bad_answers_get_the_error_body(client):
    invitation = invitation_for()
    url = f"/api/v1/survei/{invitation.token}/"
    response = client.post(url, {"u1": 9}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid" and "u1" in response.json()["errors"]
    assert client.post("/api/v1/survei/x/", {}, content_type="application/json").status_code == 404


def test_the_ikm_report(client, opd):
    from balaikota.catalogue.tests.factories import PublicServiceFactory

    service = PublicServiceFactory(opd=opd)
    answered(invitation_for(service), 4)
    report = client.get("/api/v1/ikm/").json()
    assert report["city"]["ikm"] == "100.00" and report["city"]["grade"] == "A"
    assert report["opds"][0]["code"] == opd.code
    assert client.get("/api/v1/ikm/", {"tahun": "abc"}).status_code == 400
