"""The survey page, the public IKM pages and the follow-up form, as people use them."""

import datetime as dt

import pytest
from django.urls import reverse

from balaikota.accounts.models import Role
from balaikota.catalogue.tests.factories import PublicServiceFactory
from balaikota.satisfaction.models import ImprovementAction, SatisfactionSurvey

from .factories import answered, invitation_for

pytestmark = pytest.mark.django_db


def all_answers(value="3"):
    return {f"u{i}": value for i in range(1, 10)}


def test_the_invited_citizen_answers_without_signing_in_and_once(client):
    invitation = invitation_for()
    url = reverse("satisfaction:answer", args=[invitation.token])
    page = client.get(url)
    assert page.status_code == 200
    assert invitation.service.name in page.text and "Pertanyaan 9 dari 9" in page.text
    response = client.post(url, {**all_answers("4"), "suggestion": "Ruang tunggu lebih sejuk."})
    assert response.status_code == 302 and response.url == reverse("satisfaction:thanks")
    assert SatisfactionSurvey.objects.get().suggestion == "Ruang tunggu lebih sejuk."
    again = client.post(url, all_answers("1"))
    assert again.status_code == 409 and "sudah diisi" in again.text
    assert SatisfactionSurvey.objects.count() == 1


def test_a_missing_answer_is_shown_next_to_its_question_and_nothing_is_saved(client):
    invitation = invitation_for()
    data = all_answers()
    del data["u5"]
    response = client.post(reverse("satisfaction:answer", args=[invitation.token]), data)
    assert response.status_code == 400
    assert "Pilih salah satu jawaban." in response.text
    assert SatisfactionSurvey.objects.count() == 0


def test_an_unknown_link_is_404_with_a_message(client):
    response = client.get(reverse("satisfaction:answer", args=["bukan-token"]))
    assert response.status_code == 404 and "tidak dikenal" in response.text


def test_the_public_ikm_page_shows_the_city_and_each_opd(client, opd):
    service = PublicServiceFactory(opd=opd)
    answered(invitation_for(service, source_id=1), 4)
    answered(invitation_for(service, source_id=2), 3)
    response = client.get(reverse("satisfaction:index"))
    assert response.status_code == 200
    assert "87.50" in response.text or "87,50" in response.text  # (4 + 3) / 2 × 25
    assert opd.name in response.text
    detail = client.get(reverse("satisfaction:opd", args=[opd.code]))
    assert detail.status_code == 200 and service.name in detail.text
    assert "U9" in detail.text


def test_bad_period_parameters_are_404_not_500(client):
    for params in ({"tahun": "abc"}, {"tahun": "1999"}, {"bagian": "x"}, {"tahun": "\x00"}):
        assert client.get(reverse("satisfaction:index"), params).status_code in (400, 404), params


def test_the_opds_service_manager_records_a_follow_up_that_the_public_sees(
    client, opd, other_opd, staff_with_role
):
    manager = staff_with_role(Role.SERVICE_MANAGER)
    client.force_login(manager)
    url = reverse("satisfaction:improvement_new", args=[opd.code])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "element": "u3",
            "year": dt.date.today().year,  # noqa: DTZ011
            "action": "Menambah satu loket pada jam sibuk.",
            "target_date": "2026-12-31",
            "status": "direncanakan",
        },
    )
    assert response.status_code == 302
    assert ImprovementAction.objects.get().created_by == manager
    public = client.get(reverse("satisfaction:opd", args=[opd.code]))
    assert "Menambah satu loket" in public.text
    other = client.get(reverse("satisfaction:improvement_new", args=[other_opd.code]))
    assert other.status_code == 403
