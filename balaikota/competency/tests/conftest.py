"""People of competency tests: a unit head and a member of the head's unit (so the head is the
member's direct supervisor), a colleague elsewhere, and the competency admin."""

from types import SimpleNamespace

import pytest

from balaikota.accounts.models import Role
from balaikota.accounts.services import role_grant
from balaikota.competency import services
from balaikota.organization.models import Position
from balaikota.testing.factories import EmployeeFactory, PositionFactory, unit_in_opd


@pytest.fixture(scope="session")
def _signing_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("competency-signing")


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
def dictionary(db):
    services.competency_dictionary_load()
    services.jp_settings_load()


@pytest.fixture
def team(db, opd, other_opd, dictionary, settings):
    unit = unit_in_opd(opd)
    head = EmployeeFactory(
        full_name="Hendra Kurniawan",
        position=PositionFactory(
            unit=unit, is_head=True, kind=Position.Kind.STRUCTURAL, name="Kepala Bidang"
        ),
    )
    member = EmployeeFactory(full_name="Ratna Puspitasari", position=PositionFactory(unit=unit))
    peer = EmployeeFactory(full_name="Dewi Lestari", position=PositionFactory(unit=unit))
    stranger = EmployeeFactory(
        full_name="Agus Salim", position=PositionFactory(unit=unit_in_opd(other_opd))
    )
    admin = EmployeeFactory(
        full_name="Endang Susilowati", position=PositionFactory(unit=unit_in_opd(other_opd))
    )
    role_grant(user=admin.user, role=Role.COMPETENCY_ADMIN)
    leader = EmployeeFactory(
        full_name="Bambang Suprapto", position=PositionFactory(unit=unit_in_opd(other_opd))
    )
    role_grant(user=leader.user, role=Role.LEADER)
    # The issuing OPD of certificates (BKPSDM in the demo) and its head, who signs them.
    signer = EmployeeFactory(
        full_name="Dr. Siti Aminah, M.Si.",
        position=PositionFactory(
            unit=stranger.unit, is_head=True, kind=Position.Kind.STRUCTURAL, name="Kepala Badan"
        ),
    )
    settings.COMPETENCY_CERTIFICATE_OPD = other_opd.code
    for person in (head, member, peer, stranger, admin, leader):
        person.user.refresh_from_db()
    return SimpleNamespace(
        unit=unit,
        head=head,
        member=member,
        peer=peer,
        stranger=stranger,
        admin=admin,
        leader=leader,
        signer=signer,
    )
