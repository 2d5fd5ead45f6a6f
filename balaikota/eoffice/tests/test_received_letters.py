"""A letter received on the platform — from another OPD, or from within — is disposed like an
incoming letter: its addressee (a head) makes it an entry of their OPD's incoming register
(agenda number, the signed PDF as its scan) and disposes it down the hierarchy from there."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from balaikota.core.errors import Forbidden
from balaikota.eoffice import dispositions, services
from balaikota.eoffice.models import IncomingLetter, IncomingStatus
from balaikota.testing.concurrency import run_together

from .conftest import build_office, sent
from .incoming_helpers import dispose

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def web(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def between(office, other_office):
    """A surat dinas from Diskominfo's head to Dinkes's head, tembusan to Dinkes's clerk."""
    return sent(
        office,
        subject="Permintaan data fasilitas kesehatan untuk Satu Data",
        to_nips=[other_office.head.nip],
        copy_nips=[other_office.kabid.nip],
    )


def test_the_head_addressed_disposes_a_letter_from_another_opd(office, other_office, between):
    head = other_office.head
    client = web(head)
    page = client.get(between.get_absolute_url()).content.decode()
    assert "Disposisikan naskah ini" in page

    answer = client.post(f"/surat/{between.pk}/disposisikan/")
    incoming = IncomingLetter.objects.get()
    assert answer.status_code == 302 and answer["Location"] == incoming.get_absolute_url()
    year = timezone.localdate().year
    assert incoming.agenda_number == f"1/AGENDA/DINKES/{year}"
    assert (incoming.opd, incoming.addressee, incoming.registered_by) == (
        other_office.opd,
        head,
        head,
    )
    assert incoming.source_letter == between and incoming.status == IncomingStatus.REGISTERED
    assert (incoming.sender_number, incoming.subject) == (between.number, between.subject)
    assert incoming.sender_agency == office.opd.name
    assert incoming.sender_name == "Kepala Dinas Komunikasi dan Informatika"
    assert (incoming.classification, incoming.sender_date) == (
        between.classification,
        between.dated,
    )
    with between.document.signed_file.open("rb") as handle:
        assert incoming.scan.read() == handle.read()
    assert between.number in incoming.events.get(action="register").reason

    # Asked again (a double tap, the phone): the same entry, no second agenda number.
    again = client.post(f"/surat/{between.pk}/disposisikan/")
    assert again["Location"] == incoming.get_absolute_url()
    assert IncomingLetter.objects.count() == 1
    entry_page = client.get(incoming.get_absolute_url()).content.decode()
    assert "Disposisikan" in entry_page and f"/surat/{between.pk}/" in entry_page
    letter_page = client.get(between.get_absolute_url()).content.decode()
    assert incoming.agenda_number in letter_page and "Disposisikan naskah ini" not in letter_page

    [given] = dispose(head, incoming, [other_office.kasi])
    assert given.recipient == other_office.kasi
    # The records clerk of Dinkes sees it in the OPD's register.
    register = web(other_office.clerk).get("/surat/masuk/").content.decode()
    assert incoming.agenda_number in register


@pytest.mark.parametrize(
    "who, allowed",
    [
        ("addressee_head", True),
        ("tembusan_head", False),  # a tembusan is for information
        ("addressee_staff", False),  # nobody below to dispose to
        ("delegate_of_head", True),
        ("drafter", False),
        ("stranger", False),
    ],
)
def test_who_may_dispose_a_received_letter(office, other_office, who, allowed):
    letter = sent(
        office,
        to_nips=[other_office.head.nip, other_office.drafter.nip],
        copy_nips=[other_office.kabid.nip],
    )
    if who == "delegate_of_head":
        services.delegation_create(
            delegator=other_office.head,
            delegate_nip=other_office.kasi.nip,
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate() + 2 * DAY,
            reason="cuti",
        )
    user = {
        "addressee_head": other_office.head,
        "tembusan_head": other_office.kabid,
        "addressee_staff": other_office.drafter,
        "delegate_of_head": other_office.kasi,
        "drafter": office.drafter,
        "stranger": other_office.colleague,
    }[who]
    user = type(user).objects.get(pk=user.pk)
    assert user.has_perm("eoffice.dispose_received_letter", letter) is allowed
    answer = api(user).post(f"/api/v1/surat/{letter.pk}/disposisikan/")
    if allowed:
        assert answer.status_code == 200, answer.content
        incoming = IncomingLetter.objects.get()
        assert answer.json()["id"] == incoming.pk
        assert incoming.addressee == other_office.head  # in the head's name
        assert incoming.registered_by == user
    else:
        assert answer.status_code in (403, 404)
        assert IncomingLetter.objects.count() == 0


def test_a_rahasia_letter_is_not_passed_to_a_delegate_but_its_head_disposes_it(
    office, other_office
):
    letter = sent(office, to_nips=[other_office.head.nip], security_class="rahasia")
    services.delegation_create(
        delegator=other_office.head,
        delegate_nip=other_office.kasi.nip,
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + 2 * DAY,
        reason="cuti",
    )
    with pytest.raises(Forbidden):
        dispositions.incoming_from_letter(user=other_office.kasi, letter=letter)
    incoming = dispositions.incoming_from_letter(user=other_office.head, letter=letter)
    assert incoming.security_class == "rahasia"
    assert not other_office.clerk.has_perm("eoffice.view_incoming", incoming)


def test_the_web_and_the_api_refuse_alike(office, other_office, between):
    staff = other_office.kabid  # a tembusan
    page = web(staff).post(f"/surat/{between.pk}/disposisikan/")
    assert page.status_code == 403
    assert "Hanya pimpinan yang menjadi tujuan naskah ini" in page.content.decode()
    answer = api(staff).post(f"/api/v1/surat/{between.pk}/disposisikan/")
    assert answer.status_code == 403 and answer.json()["code"] == "not_disposable"
    assert IncomingLetter.objects.count() == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
def test_the_same_letter_disposed_from_two_devices_at_once_is_one_entry():
    services.reference_load()
    office = build_office()
    other = build_office("Dinas Kesehatan", "Dinkes")
    letter = sent(office, to_nips=[other.head.nip])
    results = run_together(
        [
            lambda: dispositions.incoming_from_letter(user=other.head, letter=letter)
            for _n in range(3)
        ]
    )
    assert all(isinstance(r, IncomingLetter) for r in results), results
    assert IncomingLetter.objects.count() == 1
    assert len({r.pk for r in results}) == 1
