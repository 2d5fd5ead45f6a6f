"""Bad input on the application form gets a clear Indonesian message and keeps nothing bad:
a child's name must look like a name (no markup reaches a certificate or /verifikasi/), a date
is YYYY-MM-DD only (no ISO week dates) and not before 1900."""

from __future__ import annotations

import pytest

from balaikota.civil_registry.models import Application

from .factories import birth_data

pytestmark = [pytest.mark.django_db, pytest.mark.urls("balaikota.civil_registry.tests.urls")]

BASE = "/api/v1/kependudukan"


@pytest.fixture
def draft(api, family, service_types):
    _kk, father, mother = family
    response = api.post(
        f"{BASE}/applications/",
        {"service_type": "akta-kelahiran", "data": birth_data(mother, father)},
        format="json",
    )
    assert response.status_code == 201, response.json()
    return response.json()


def _patch(api, draft, **data):
    return api.patch(
        f"{BASE}/applications/{draft['id']}/",
        {"data": data, "version": draft["version"]},
        format="json",
    )


@pytest.mark.parametrize(
    "name",
    ["<script>alert(1)</script>", "Raka 2", "Raka_Pratama", "-Raka", "Raka\u0000", "x" * 101],
)
def test_a_child_name_that_is_not_a_name_is_refused(api, draft, name):
    response = _patch(api, draft, child_name=name)
    assert response.status_code == 400, response.json()
    message = " ".join(response.json()["errors"]["child_name"])
    assert "huruf" in message or "karakter" in message
    stored = Application.objects.get(pk=draft["id"]).data["child_name"]
    assert stored == "Raka Pratama"  # what was saved before is kept


@pytest.mark.parametrize(
    "name", ["Siti Nur'aini", "R.A. Kartini", "Ni Luh Ayu Putri", "Anak-Agung"]
)
def test_real_names_are_accepted(api, draft, name):
    response = _patch(api, draft, child_name=f"  {name}  ")
    assert response.status_code == 200, response.json()
    assert response.json()["data"]["child_name"] == name


@pytest.mark.parametrize("value", ["2026-W47-5", "2026-330", "20261128", "28-11-2026"])
def test_a_date_is_yyyy_mm_dd_only(api, draft, value):
    response = _patch(api, draft, birth_date=value)
    assert response.status_code == 400
    assert "TTTT-BB-HH" in " ".join(response.json()["errors"]["birth_date"])


def test_a_date_before_1900_is_refused_with_a_clear_message(api, draft):
    response = _patch(api, draft, birth_date="1835-11-20")
    assert response.status_code == 400
    assert "sebelum tahun 1900" in " ".join(response.json()["errors"]["birth_date"])
