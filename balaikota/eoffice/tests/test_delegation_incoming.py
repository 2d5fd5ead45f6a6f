"""A colleague away delegated their inbox: the delegate finds what waits for them — incoming
letters to dispose, dispositions to follow up — in the "Atas nama" tab and the API, opens and
searches those letters, closes dispositions in their name, and what they read shows on the
receipts as read by them. A Rahasia or Sangat Rahasia letter is never passed on."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from balaikota.core.errors import Forbidden, NotFound
from balaikota.eoffice import dispositions, selectors, services
from balaikota.eoffice.models import Delegation, Delivery, Disposition, DispositionStatus
from balaikota.eoffice.permissions import incoming_visible_to

from .conftest import ready
from .incoming_helpers import dispose, register

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def delegate(person, to):
    today = timezone.localdate()
    return services.delegation_create(
        delegator=person,
        delegate_nip=to.nip,
        starts_on=today,
        ends_on=today + 3 * DAY,
        reason="cuti",
    )


def web(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def fresh(user):
    """The same person in a new request (the delegations are remembered per request)."""
    return type(user).objects.get(pk=user.pk)


def test_the_delegate_of_the_head_finds_the_letters_waiting_for_the_head_s_disposition(office):
    delegate(office.head, office.kabid)
    incoming = register(office)
    secret = register(office, sender_number="RHS/7", security_class="rahasia")
    kabid = fresh(office.kabid)

    assert list(selectors.delegated_to_dispose(kabid)) == [incoming]
    counts = selectors.delegated_counts(kabid)
    assert (counts["dispose"], counts["total"]) == (1, 1)
    assert set(incoming_visible_to(kabid)) == {incoming}
    assert not kabid.has_perm("eoffice.view_incoming", secret)

    page = web(kabid).get("/surat/?tampil=atas-nama").content.decode()
    assert "Atas nama (1)" in page and "Surat masuk perlu disposisi" in page
    assert incoming.subject in page and "Atas nama Dr. Hendra Wijaya" in page
    assert f"/surat/masuk/{secret.pk}/" not in page

    dispose(kabid, incoming, [office.kasi])
    assert list(selectors.delegated_to_dispose(fresh(kabid))) == []


def test_the_delegate_of_a_recipient_follows_up_and_closes_in_their_name(office):
    incoming = register(office)
    [given] = dispose(office.head, incoming, [office.kasi], deadline=timezone.localdate())
    delegate(office.kasi, office.drafter)
    drafter = fresh(office.drafter)

    assert drafter.has_perm("eoffice.view_incoming", incoming)
    assert list(selectors.delegated_to_follow(drafter)) == [given]
    assert selectors.delegated_counts(drafter)["follow"] == 1
    inbox = web(drafter).get("/surat/?tampil=atas-nama").content.decode()
    assert "Disposisi perlu ditindaklanjuti" in inbox and "Atas nama Citra Lestari" in inbox

    client = web(drafter)
    page = client.get(incoming.get_absolute_url()).content.decode()
    assert "Atas nama Citra Lestari" in page and "Selesaikan dengan laporan" in page
    given.refresh_from_db()
    assert (given.read_by, given.read_at is not None) == (office.drafter, True)
    assert "oleh Ratna Puspitasari (delegasi)" in page

    answer = client.post(
        f"/surat/disposisi/{given.pk}/selesai/", {"report": "Rapat koordinasi sudah dijadwalkan."}
    )
    assert answer.status_code == 302
    given.refresh_from_db()
    assert given.status == DispositionStatus.CLOSED
    event = given.events.get(action="close")
    assert event.actor == office.drafter
    assert "atas nama Citra Lestari" in event.reason
    assert given.closed_by == office.drafter
    # The letter is done, and its own history says who finished it for whom.
    done = incoming.events.get(action="complete")
    assert done.actor == office.drafter and "atas nama Citra Lestari" in done.reason
    tree = web(office.head).get(incoming.get_absolute_url()).content.decode()
    assert "oleh Ratna Puspitasari (delegasi)" in tree
    assert list(selectors.delegated_to_follow(fresh(drafter))) == []


def test_the_person_s_own_reading_stays_unmarked_by_anyone_else(office):
    incoming = register(office)
    [given] = dispose(office.head, incoming, [office.kasi])
    web(office.colleague).get(incoming.get_absolute_url())  # not on it: 404, marks nothing
    given.refresh_from_db()
    assert given.read_at is None
    web(office.kasi).get(incoming.get_absolute_url())
    given.refresh_from_db()
    assert given.read_at is not None and given.read_by is None


def test_a_rahasia_incoming_letter_is_not_passed_on_by_a_delegation(office):
    secret = register(office, sender_number="RHS/8", security_class="rahasia")
    [given] = dispose(office.head, secret, [office.kasi])
    delegate(office.kasi, office.drafter)
    drafter = fresh(office.drafter)

    assert not drafter.has_perm("eoffice.view_incoming", secret)
    assert not drafter.has_perm("eoffice.close_disposition", given)
    assert list(selectors.delegated_to_follow(drafter)) == []
    assert secret not in incoming_visible_to(drafter)
    assert web(drafter).get(secret.get_absolute_url()).status_code == 404
    given.refresh_from_db()
    assert given.read_at is None


def test_after_the_period_the_delegate_sees_none_of_it(office):
    incoming = register(office)
    dispose(office.head, incoming, [office.kasi])
    item = delegate(office.kasi, office.drafter)
    Delegation.objects.filter(pk=item.pk).update(
        starts_on=timezone.localdate() - 5 * DAY, ends_on=timezone.localdate() - DAY
    )
    drafter = fresh(office.drafter)
    assert not drafter.has_perm("eoffice.view_incoming", incoming)
    assert list(selectors.delegated_to_follow(drafter)) == []
    assert list(incoming_visible_to(drafter)) == []


def test_the_api_lists_what_waits_atas_nama_like_the_page(office):
    incoming = register(office)
    waiting = register(office, sender_number="PR.02.03/777", subject="Undangan rapat sungai")
    [given] = dispose(office.head, incoming, [office.kasi])
    delegate(office.head, office.kabid)
    delegate(office.kasi, office.drafter)

    rows = api(office.kabid).get("/api/v1/surat/masuk/perlu-disposisi/?tampil=atas-nama").json()
    assert [(r["id"], r["on_behalf_of"]) for r in rows["results"]] == [
        (waiting.pk, "Dr. Hendra Wijaya")
    ]
    own = api(office.head).get("/api/v1/surat/masuk/perlu-disposisi/").json()["results"]
    assert [(r["id"], r["on_behalf_of"]) for r in own] == [(waiting.pk, None)]

    rows = api(office.drafter).get("/api/v1/surat/disposisi/?tampil=atas-nama").json()
    assert [(r["id"], r["on_behalf_of"]) for r in rows["results"]] == [(given.pk, "Citra Lestari")]
    mine = api(office.kasi).get("/api/v1/surat/disposisi/").json()["results"]
    assert [(r["id"], r["on_behalf_of"]) for r in mine] == [(given.pk, None)]

    # The same items on the web page, for both delegates.
    kabid_page = web(office.kabid).get("/surat/?tampil=atas-nama").content.decode()
    assert f"/surat/masuk/{waiting.pk}/" in kabid_page
    drafter_page = web(office.drafter).get("/surat/?tampil=atas-nama").content.decode()
    assert f"/surat/masuk/{incoming.pk}/" in drafter_page

    # The API's close in the person's name, as the web's.
    answer = api(office.drafter).post(
        f"/api/v1/surat/disposisi/{given.pk}/selesai/", {"report": "Sudah dikoordinasikan."}
    )
    assert answer.status_code == 200, answer.content
    given.refresh_from_db()
    assert given.status == DispositionStatus.CLOSED
    tree = api(office.head).get(f"/api/v1/surat/masuk/{incoming.pk}/").json()["tree"]
    assert (tree[0]["status"], tree[0]["closed_by"]) == ("closed", "Ratna Puspitasari")


def test_the_atas_nama_tab_costs_the_same_with_more_waiting(office, django_assert_max_num_queries):
    delegate(office.head, office.kabid)
    delegate(office.kasi, office.kabid)
    incoming = register(office)
    client = web(office.kabid)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/surat/?tampil=atas-nama").status_code == 200
    for n in range(4):
        other = register(office, sender_number=f"PR/{n}")
        dispose(office.head, other, [office.kasi])
    dispose(office.head, incoming, [office.kasi])
    with django_assert_max_num_queries(len(queries)):
        page = client.get("/surat/?tampil=atas-nama").content.decode()
    assert "Atas nama (5)" in page  # five dispositions to Citra Lestari to follow up


def test_a_delegate_reading_a_letter_marks_the_receipt_as_read_by_them(office):
    delegate(office.colleague, office.clerk)
    letter = ready(office)
    services.letter_sign(letter=letter, signer=office.head)
    assert selectors.inbox_counts(office.colleague)["unread"] == 1

    assert web(office.clerk).get(letter.get_absolute_url()).status_code == 200
    delivery = Delivery.objects.get(letter=letter, recipient=office.colleague)
    assert delivery.read_at is not None and delivery.read_by == office.clerk
    assert selectors.inbox_counts(office.colleague)["unread"] == 0

    page = web(office.drafter).get(letter.get_absolute_url()).content.decode()
    assert "oleh Wulan Sari (delegasi)" in page
    body = api(office.drafter).get(f"/api/v1/surat/{letter.pk}/").json()
    [receipt] = body["receipts"]
    assert (receipt["name"], receipt["read_by"]) == ("Dewi Anggraini", "Wulan Sari")

    # The person back reads it too: the receipt stays the first reading.
    web(office.colleague).get(letter.get_absolute_url())
    delivery.refresh_from_db()
    assert delivery.read_by == office.clerk


def test_the_search_finds_exactly_the_incoming_letters_the_rule_opens(office, other_office):
    first = register(office)
    second = register(office, sender_number="PR/2", subject="Koordinasi banjir rob Tambaklorok")
    secret = register(office, sender_number="RHS/9", security_class="rahasia")
    [to_kasi] = dispose(office.head, first, [office.kasi])
    dispose(office.kasi, first, [office.drafter], parent=to_kasi)
    dispose(office.head, secret, [office.kasi])
    register(other_office, subject="Koordinasi banjir wilayah timur")
    delegate(office.kasi, office.colleague)
    delegate(office.head, office.kabid)
    assert second  # waiting for the head: the kabid finds it in the head's name

    people = [office.head, office.kabid, office.kasi, office.drafter, office.colleague]
    for person in [*people, office.clerk, other_office.clerk]:
        person = fresh(person)
        expected = sorted(incoming_visible_to(person).values_list("pk", flat=True), reverse=True)
        rows = selectors.LetterSearch(person, selectors.SearchFilters(q="banjir")).page(1).rows
        assert [r.pk for r in rows if r.source == "masuk"] == expected, person
    colleague_sees = set(incoming_visible_to(fresh(office.colleague)))
    assert colleague_sees == {first}  # through Citra Lestari's disposition; not the Rahasia one


def test_closing_for_someone_else_without_a_delegation_is_refused(office):
    incoming = register(office)
    [given] = dispose(office.head, incoming, [office.kasi])
    with pytest.raises((Forbidden, NotFound)) as refused:
        dispositions.disposition_close(user=office.drafter, disposition=given, report="Selesai.")
    assert refused.value.status in (403, 404)
    assert Disposition.objects.get(pk=given.pk).status == DispositionStatus.OPEN
