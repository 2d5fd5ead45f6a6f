"""Scenes shared by the civil-registration tests: a Disdukcapil with officers, a household in
the register, the seeded service types, and private storage in a temporary directory."""

import pytest

from balaikota.civil_registry.services import service_types_load

from .factories import household


@pytest.fixture(scope="session")
def _signing_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("cr-signing")


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path, _signing_dir):
    settings.BALAIKOTA_SIGNING_DIR = str(_signing_dir)
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


@pytest.fixture
def service_types(db, opd, settings):
    settings.CIVIL_REGISTRY_OFFICE_CODE = opd.code
    service_types_load()


@pytest.fixture
def family(db):
    return household()


@pytest.fixture
def citizen(alice, family):
    """alice is the father in the register (her account carries his NIK for the test)."""
    _family, father, _mother = family
    alice.nik = father.nik
    alice.save(update_fields=["nik"])
    return alice


@pytest.fixture
def api(citizen):
    """The mobile app, signed in as the citizen."""
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(citizen)
    return client


@pytest.fixture
def officer(staff_with_role):
    return staff_with_role("service_officer")


@pytest.fixture
def second_officer(opd, officer):
    from balaikota.testing.matrix import People

    return People(actor=None, stranger=None, opd=opd, other_opd=None).colleague(
        role="service_officer"
    )


@pytest.fixture
def signer(opd, officer):
    from balaikota.testing.matrix import People

    return People(actor=None, stranger=None, opd=opd, other_opd=None).colleague(
        role="signing_official"
    )
