"""Complaint pages as citizens and OPD officers use them; bad input never a 500."""

import pytest
from django.urls import reverse

from balaikota.accounts.models import Role
from balaikota.catalogue.tests.factories import PublicServiceFactory
from balaikota.complaints import services
from balaikota.complaints.models import Complaint, Status
from balaikota.core.models import AccessLogEntry

from .factories import BODY, category, filed

pytestmark = pytest.mark.django_db


def form_data(service, **extra):
    return {
        "category": category().pk,
        "service": service.slug,
        "title": "Loket buka terlambat dua jam",
        "body": BODY,
        "is_public": "on",
        "submit_key": "kunci-1",
        **extra,
    }


def test_a_visitor_without_an_account_files_and_follows_with_the_key(client, opd, staff_with_role):
    service = PublicServiceFactory(opd=opd)
    response = client.post(reverse("complaints:new"), form_data(service))
    complaint = Complaint.objects.get()
    assert response.status_code == 302 and complaint.opd == opd
    filed_page = client.get(response.url)
    assert complaint.tracking_number in filed_page.text and "?kunci=" in filed_page.text
    key = filed_page.context["access_key"]
    again = client.get(response.url)
    assert "?kunci=" not in again.text  # shown once

    manager = staff_with_role(Role.SERVICE_MANAGER)
    services.complaint_answer(complaint=complaint, user=manager, body="Petugas sudah kami tegur.")
    other = client.__class__()
    other.get(f"{complaint.get_absolute_url()}?kunci={key}")  # a new device, with the link
    page = other.get(complaint.get_absolute_url())
    assert "Petugas sudah kami tegur." in page.text and "Selesai, saya puas" in page.text
    other.post(reverse("complaints:follow_up", args=[complaint.tracking_number, "close"]))
    complaint.refresh_from_db()
    assert complaint.status == Status.CLOSED


def test_the_same_form_posted_twice_keeps_one(client, alice, opd):
    client.force_login(alice)
    service = PublicServiceFactory(opd=opd)
    client.post(reverse("complaints:new"), form_data(service))
    client.post(reverse("complaints:new"), form_data(service))
    assert Complaint.objects.count() == 1


def test_bad_input_is_400_in_place_and_a_bot_keeps_nothing(client, opd):
    service = PublicServiceFactory(opd=opd)
    response = client.post(reverse("complaints:new"), form_data(service, body="pendek", title=""))
    assert response.status_code == 400 and "Ada isian yang perlu diperbaiki" in response.text
    client.post(reverse("complaints:new"), form_data(service, website="http://spam"))
    assert Complaint.objects.count() == 0


def test_filing_without_an_account_is_limited(client, opd):
    service = PublicServiceFactory(opd=opd)
    for i in range(3):
        assert (
            client.post(
                reverse("complaints:new"), form_data(service, submit_key=f"k{i}")
            ).status_code
            == 302
        )
    response = client.post(reverse("complaints:new"), form_data(service, submit_key="k9"))
    assert response.status_code == 429 and "3 kali per jam" in response.text
    assert Complaint.objects.count() == 3


def test_a_private_complaint_is_404_to_others_and_the_list_shows_public_ones(
    client, alice, bob, opd
):
    hidden = filed(user=alice, opd=opd, is_public=False).complaint
    shown = filed(user=bob, opd=opd, title="Ruang tunggu panas sekali").complaint
    assert client.get(hidden.get_absolute_url()).status_code == 404
    listing = client.get(reverse("complaints:list"))
    assert shown.title in listing.text and hidden.title not in listing.text
    client.force_login(alice)
    assert client.get(hidden.get_absolute_url()).status_code == 200


def test_the_opd_handles_from_its_queue_and_the_contact_view_is_logged(
    client, alice, opd, staff_with_role
):
    complaint = filed(user=alice, opd=opd).complaint
    manager = staff_with_role(Role.SERVICE_MANAGER)
    client.force_login(manager)
    queue = client.get(reverse("complaints:queue"))
    assert complaint.title in queue.text
    page = client.get(reverse("complaints:handle", args=[complaint.tracking_number]))
    assert alice.full_name in page.text
    assert AccessLogEntry.objects.filter(actor=manager, object_id=str(complaint.pk)).exists()
    client.post(reverse("complaints:queue"))  # take the next one: this one
    complaint.refresh_from_db()
    assert complaint.status == Status.IN_PROGRESS and complaint.claimed_by == manager
    short = client.post(
        reverse("complaints:handle", args=[complaint.tracking_number]),
        {"action": "answer", "body": "ok"},
    )
    assert short.status_code == 400
    client.post(
        reverse("complaints:handle", args=[complaint.tracking_number]),
        {"action": "answer", "body": "Jadwal piket loket sudah diperbaiki mulai Senin."},
    )
    complaint.refresh_from_db()
    assert complaint.status == Status.ANSWERED


def test_another_opd_gets_403_and_the_anonymous_identity_stays_hidden(
    client, alice, opd, other_opd, staff_with_role
):
    complaint = filed(user=alice, opd=opd, is_anonymous=True).complaint
    client.force_login(staff_with_role(Role.SERVICE_MANAGER, in_opd=other_opd))
    assert (
        client.get(reverse("complaints:handle", args=[complaint.tracking_number])).status_code
        == 403
    )
    client.force_login(staff_with_role(Role.SERVICE_MANAGER))
    page = client.get(reverse("complaints:handle", args=[complaint.tracking_number]))
    assert alice.full_name not in page.text and "merahasiakan identitasnya" in page.text


def test_the_export_is_documented_json(client, alice, opd, staff_with_role):
    filed(user=alice, opd=opd)
    client.force_login(staff_with_role(Role.SERVICE_MANAGER))
    data = client.get(reverse("complaints:export")).json()
    assert data["format"] == "balaikota.pengaduan.v1" and len(data["complaints"]) == 1


def test_odd_addresses_are_404_not_500(client):
    for number in ["x" * 50, "ADU-0000-XXXXXX", "%00"]:
        assert client.get(f"/pengaduan/{number}/").status_code in (400, 404)


def test_the_link_from_a_service_page_chooses_the_service(client, opd):
    service = PublicServiceFactory(opd=opd, name="Izin Reklame")
    page = client.get(reverse("complaints:new"), {"layanan": service.slug}).text
    assert f'<option value="{service.slug}" selected>' in page
