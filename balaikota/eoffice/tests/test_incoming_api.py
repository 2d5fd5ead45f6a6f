"""The mobile API for incoming letters (my dispositions, read a letter with its tree, dispose,
withdraw, close) and its parity with the web: the same action with the same inputs on the same
kind of letter gives the same outcome and the same status class."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.test import APIClient

from balaikota.eoffice.models import Disposition, IncomingLetter

from .incoming_helpers import dispose, instruction_ids, register

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


_n = iter(range(1, 10_000))


def letter_with_kabid(office) -> tuple[IncomingLetter, Disposition]:
    incoming = register(office, sender_number=f"005/{next(_n)}")
    (kabid_d,) = dispose(office.head, incoming, [office.kabid])
    return incoming, kabid_d


def test_my_dispositions_and_the_letter_with_its_tree(office):
    incoming, kabid_d = letter_with_kabid(office)
    rows = api_as(office.kabid).get(f"{API}/disposisi/").json()["results"]
    assert [r["id"] for r in rows] == [kabid_d.pk] and rows[0]["read_at"] is None
    assert rows[0]["incoming"]["agenda_number"] == incoming.agenda_number
    body = api_as(office.kabid).get(f"{API}/masuk/{incoming.pk}/").json()
    assert body["tree"][0]["recipient"] == office.kabid.full_name
    assert body["tree"][0]["allowed_actions"] == ["forward", "close"]
    assert "Tanggapan dan saran" in [i["name"] for i in body["instructions"]]
    kabid_d.refresh_from_db()
    assert kabid_d.read_at is not None  # reading through the API is a read mark too
    assert api_as(office.head).get(f"{API}/masuk/perlu-disposisi/").json()["count"] == 0
    assert api_as(office.colleague).get(f"{API}/masuk/{incoming.pk}/").status_code == 404


def _web(user, incoming, disposition, action, data):
    client = web_as(user)
    if action == "dispose":
        return client.post(f"/surat/masuk/{incoming.pk}/disposisi/", data)
    if action == "withdraw":
        return client.post(f"/surat/disposisi/{disposition.pk}/tarik/")
    if action == "close":
        return client.post(f"/surat/disposisi/{disposition.pk}/selesai/", data)
    return client.get(f"/surat/masuk/{incoming.pk}/")


def _api(user, incoming, disposition, action, data):
    client = api_as(user)
    if action == "dispose":
        payload = {
            "recipients": data.get("recipients", []),
            "instructions": data.get("instructions", []),
            "note": data.get("note", ""),
        }
        if data.get("parent"):
            payload["parent"] = data["parent"]
        return client.post(f"{API}/masuk/{incoming.pk}/disposisi/", payload, format="json")
    if action == "withdraw":
        return client.post(f"{API}/disposisi/{disposition.pk}/tarik/")
    if action == "close":
        return client.post(f"{API}/disposisi/{disposition.pk}/selesai/", data, format="json")
    return client.get(f"{API}/masuk/{incoming.pk}/")


def _outcome(incoming) -> tuple:
    incoming.refresh_from_db()
    rows = incoming.dispositions.order_by("pk")
    return (
        incoming.status,
        [(d.recipient_id, d.parent_id is not None, d.status) for d in rows],
        [e.action for e in incoming.events.all()],
    )


CASES = [
    # (action, who acts, data, the outcome's status class)
    ("dispose", "head", {"recipients": ["colleague"]}, 2),
    ("dispose", "head", {"recipients": ["kabid"]}, 4),  # twice to the same person: 409
    ("dispose", "head", {"recipients": ["head"]}, 4),  # to oneself: 400
    ("dispose", "kabid", {"recipients": ["kasi"], "parent": True}, 2),  # further down
    ("dispose", "kabid", {"recipients": ["colleague"], "parent": True}, 4),  # not below: 400
    ("dispose", "clerk", {"recipients": ["kabid"]}, 4),  # not the addressee: 403
    ("withdraw", "head", {}, 2),
    ("withdraw", "kabid", {}, 4),  # not the author: 403
    ("close", "kabid", {"report": "Sudah ditindaklanjuti."}, 2),
    ("close", "kabid", {"report": ""}, 4),  # no report: 400
    ("close", "head", {"report": "Bukan milik saya."}, 4),  # 403
    ("read", "kabid", {}, 2),
]


@pytest.mark.parametrize(("action", "who", "data", "klass"), CASES)
def test_web_and_api_give_the_same_outcome(office, action, who, data, klass):
    (web_in, web_d), (api_in, api_d) = letter_with_kabid(office), letter_with_kabid(office)
    actor = getattr(office, who)

    def payload(disposition):
        out = dict(data)
        if "recipients" in out:
            out["recipients"] = [getattr(office, r).nip for r in out["recipients"]]
            out["instructions"] = instruction_ids()
        if out.get("parent"):
            out["parent"] = disposition.pk
        return out

    web = _web(actor, web_in, web_d, action, payload(web_d))
    api = _api(actor, api_in, api_d, action, payload(api_d))
    web_class = 2 if web.status_code in (200, 302) else web.status_code // 100
    assert (web_class, api.status_code // 100) == (klass, klass), (web.status_code, api.json())
    if klass == 4:
        assert web.status_code == api.status_code
    web_outcome, api_outcome = _outcome(web_in), _outcome(api_in)
    assert web_outcome[0] == api_outcome[0] and web_outcome[2] == api_outcome[2]
    assert [row[1:] for row in web_outcome[1]] == [row[1:] for row in api_outcome[1]]


def test_the_api_refusal_is_the_kernel_error_body(office):
    incoming, kabid_d = letter_with_kabid(office)
    api_as(office.kabid).get(f"{API}/masuk/{incoming.pk}/")  # read: no withdrawing now
    answer = api_as(office.head).post(f"{API}/disposisi/{kabid_d.pk}/tarik/")
    assert answer.status_code == 409 and answer.json()["code"] == "already_read"
    answer = _api(
        office.kabid,
        incoming,
        kabid_d,
        "dispose",
        {
            "recipients": [office.colleague.nip],
            "instructions": instruction_ids(),
            "parent": kabid_d.pk,
        },
    )
    assert answer.status_code == 400 and answer.json()["code"] == "outside_hierarchy"
    assert office.colleague.full_name in answer.json()["errors"]["recipients"][0]


def test_the_queue_api_costs_the_same_with_more_dispositions(office, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    letter_with_kabid(office)
    client = api_as(office.kabid)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"{API}/disposisi/").status_code == 200
    for _i in range(4):
        letter_with_kabid(office)
    with django_assert_max_num_queries(len(queries)):
        assert client.get(f"{API}/disposisi/").json()["count"] == 5


@pytest.mark.parametrize("payload", ["not json", {"recipients": "x", "instructions": []}])
def test_odd_api_input_is_a_400(office, payload):
    incoming = register(office)
    client = api_as(office.head)
    url = f"{API}/masuk/{incoming.pk}/disposisi/"
    if isinstance(payload, str):
        answer = client.post(url, payload, content_type="application/json")
    else:
        answer = client.post(url, payload, format="json")
    assert answer.status_code == 400 and "code" in answer.json()
