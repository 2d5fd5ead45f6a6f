"""Register lookups for staff screens are written to the access log (UU PDP); the prefill of a
new application from the register keeps its rules."""

import pytest

from balaikota.civil_registry import selectors
from balaikota.civil_registry.models import ServiceType
from balaikota.core.models import AccessLogEntry

from .factories import birth_service

pytestmark = pytest.mark.django_db


def test_staff_lookup_writes_the_access_log(officer, family, rf):
    _kk, father, _mother = family
    request = rf.post("/kependudukan/petugas/pendampingan/")
    record = selectors.resident_lookup(
        user=officer, nik=father.nik, request=request, purpose="Pendampingan"
    )
    assert record.full_name == "Budi Hartono"
    entry = AccessLogEntry.objects.get()
    assert (entry.actor, entry.object_type, entry.object_id, entry.purpose) == (
        officer,
        "civil_registry.resident",
        str(father.pk),
        "Pendampingan",
    )
    assert entry.path == "/kependudukan/petugas/pendampingan/"


def test_lookup_refused_or_own_record_is_not_logged(citizen, bob, family):
    _kk, father, mother = family
    assert selectors.resident_lookup(user=bob, nik=father.nik) is None
    assert selectors.resident_lookup(user=citizen, nik=father.nik).nik == father.nik
    assert selectors.resident_lookup(user=citizen, nik=mother.nik).nik == mother.nik  # family
    assert selectors.resident_lookup(user=citizen, nik="3374019999999999") is None
    assert not AccessLogEntry.objects.exists()


def test_assisted_intake_lookup_is_logged(client, officer, family, service_types):
    _kk, father, _mother = family
    client.force_login(officer)
    response = client.post(
        "/kependudukan/petugas/pendampingan/",
        {"action": "lookup", "citizen_nik": father.nik, "service_type": "akta-kelahiran"},
    )
    assert response.status_code == 200
    assert "Budi Hartono" in response.content.decode()
    assert AccessLogEntry.objects.filter(
        actor=officer, object_type="civil_registry.resident", object_id=str(father.pk)
    ).exists()


def test_prefill_for_a_birth_names_both_parents(citizen, family, service_types):
    _kk, father, mother = family
    data = selectors.application_prefill(
        user=citizen, service_type=birth_service(), nik=citizen.nik
    )
    assert data == {
        "reporter_nik": father.nik,
        "kk_number": father.family.kk_number,
        "mother_nik": mother.nik,
        "father_nik": father.nik,
        "reporter_relationship": "ayah",
    }


def test_prefill_by_the_mother_and_for_other_services(citizen, family, service_types):
    _kk, father, mother = family
    citizen.nik = mother.nik
    data = selectors.application_prefill(user=citizen, service_type=birth_service(), nik=mother.nik)
    assert (data["mother_nik"], data["father_nik"], data["reporter_relationship"]) == (
        mother.nik,
        father.nik,
        "ibu",
    )
    death = ServiceType.objects.get(code="akta-kematian")
    # A death certificate has no parents or family card fields: only the reporter.
    assert selectors.application_prefill(user=citizen, service_type=death, nik=mother.nik) == {
        "reporter_nik": mother.nik
    }
    assert selectors.application_prefill(user=citizen, service_type=death, nik="") == {}
