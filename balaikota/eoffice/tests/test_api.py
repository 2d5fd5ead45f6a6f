"""The mobile API (inbox, read, paraf, return) and its parity with the web: the same action
with the same inputs on the same kind of letter gives the same outcome and the same status."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.test import APIClient

from balaikota.eoffice.models import Delivery, Letter

from .conftest import draft, sent

pytestmark = pytest.mark.django_db

API = "/api/v1/surat"


def api_as(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def web_as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def in_review(office) -> Letter:
    letter = draft(office)
    from balaikota.eoffice import services

    services.letter_submit(letter=letter, user=office.drafter)
    letter.refresh_from_db()
    return letter


def test_the_inbox_lists_what_waits(office):
    letter = in_review(office)
    answer = api_as(office.kasi).get(f"{API}/kotak-masuk/?tampil=paraf")
    assert answer.status_code == 200
    assert [row["id"] for row in answer.json()["results"]] == [letter.pk]
    assert api_as(office.kabid).get(f"{API}/kotak-masuk/?tampil=paraf").json()["count"] == 0


def test_reading_a_letter_marks_it_read(office):
    letter = sent(office)
    client = api_as(office.colleague)
    rows = client.get(f"{API}/kotak-masuk/").json()["results"]
    assert rows[0]["letter"]["id"] == letter.pk and rows[0]["read_at"] is None
    body = client.get(f"{API}/{letter.pk}/").json()
    assert body["number"] == letter.number and body["allowed_actions"] == []
    assert body["receipts"] is None  # the drafter's and the signer's, not the recipient's
    assert Delivery.objects.get(letter=letter).read_at is not None
    receipts = api_as(office.drafter).get(f"{API}/{letter.pk}/").json()["receipts"]
    assert receipts[0]["name"] == office.colleague.full_name and receipts[0]["read_at"]


def test_a_citizen_gets_a_403_and_a_stranger_a_404(office, other_office, alice):
    letter = sent(office)
    assert api_as(alice).get(f"{API}/kotak-masuk/").status_code == 403
    answer = api_as(other_office.drafter).get(f"{API}/{letter.pk}/")
    assert answer.status_code == 404 and answer.json()["code"] == "not_found"


# --- Parity ---------------------------------------------------------------------------------


def _outcome(letter: Letter) -> tuple:
    letter.refresh_from_db()
    return (
        letter.status,
        letter.current_verifier_id is None,
        [e.action for e in letter.events.order_by("at", "pk")],
    )


def _web(user, letter, action: str, data: dict):
    path = {"initial": "aksi/initial", "return": "aksi/return", "read": ""}[action]
    client = web_as(user)
    if action == "read":
        return client.get(f"/surat/{letter.pk}/")
    return client.post(f"/surat/{letter.pk}/{path}/", data)


def _api(user, letter, action: str, data: dict):
    client = api_as(user)
    if action == "read":
        return client.get(f"{API}/{letter.pk}/")
    path = {"initial": "paraf", "return": "kembalikan"}[action]
    return client.post(f"{API}/{letter.pk}/{path}/", data, format="json")


CASES = [
    # (action, who acts, data, the outcome's status class)
    ("initial", "kasi", {"comment": "Setuju."}, 2),
    ("initial", "kabid", {}, 4),  # not their turn: 409
    ("return", "kasi", {"reason": "Perbaiki dasar hukumnya."}, 2),
    ("return", "kasi", {"reason": ""}, 4),  # no reason: 400
    ("return", "kabid", {"reason": "Bukan giliran saya."}, 4),  # 403
    ("read", "kasi", {}, 2),
]


@pytest.mark.parametrize(("action", "who", "data", "klass"), CASES)
def test_web_and_api_give_the_same_outcome(office, action, who, data, klass):
    web_letter, api_letter = in_review(office), in_review(office)
    actor = getattr(office, who)
    web = _web(actor, web_letter, action, data)
    api = _api(actor, api_letter, action, data)
    web_class = 2 if web.status_code in (200, 302) else web.status_code // 100
    assert (web_class, api.status_code // 100) == (klass, klass)
    if klass == 4:
        assert web.status_code == api.status_code
    assert _outcome(web_letter) == _outcome(api_letter)


def test_the_api_refusal_is_the_kernel_error_body(office):
    letter = in_review(office)
    answer = _api(office.kabid, letter, "initial", {})
    assert answer.status_code == 409
    assert answer.json()["code"] == "not_your_turn" and "giliran" in answer.json()["detail"]
    answer = _api(office.kasi, letter, "return", {"reason": ""})
    assert answer.status_code == 400 and "reason" in answer.json()["errors"]


def test_the_inbox_api_costs_the_same_with_more_letters(office, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sent(office)
    client = api_as(office.colleague)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"{API}/kotak-masuk/").status_code == 200
    for _n in range(4):
        sent(office)
    with django_assert_max_num_queries(len(queries)):
        assert client.get(f"{API}/kotak-masuk/").json()["count"] == 5


def test_reading_a_secret_letter_through_the_api_is_logged(office):
    from balaikota.core.models import AccessLogEntry

    letter = sent(office, security_class="rahasia")
    assert api_as(office.colleague).get(f"{API}/{letter.pk}/").status_code == 200
    assert AccessLogEntry.objects.filter(actor=office.colleague, object_id=str(letter.pk))
    rows = api_as(office.colleague).get(f"{API}/kotak-masuk/").json()["results"]
    assert rows[0]["letter"]["security_class"] == "rahasia"


@pytest.mark.parametrize("payload", ["not json", {"comment": "x" * 5000}])
def test_odd_api_input_is_a_400(office, payload):
    letter = in_review(office)
    client = api_as(office.kasi)
    if isinstance(payload, str):
        answer = client.post(f"{API}/{letter.pk}/paraf/", payload, content_type="application/json")
    else:
        answer = client.post(f"{API}/{letter.pk}/paraf/", payload, format="json")
    assert answer.status_code == 400 and "code" in answer.json()
