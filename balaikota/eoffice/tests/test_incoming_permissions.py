"""Who may do what with an incoming letter, as matrices (role × permission × whose letter) for
an ordinary and a Rahasia one; then the people on a disposition tree — addressee, recipient,
grandchild recipient — against the clerk of this and another OPD, an outsider, a platform admin
and a superuser: a confidential incoming letter is for the tree only, and opening it is logged."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.utils import timezone

from balaikota.accounts.models import Role
from balaikota.core.models import AccessLogEntry
from balaikota.documents.interfaces import number_reserve
from balaikota.eoffice import dispositions, services
from balaikota.eoffice.models import Classification, IncomingLetter, SecurityClass
from balaikota.eoffice.permissions import incoming_visible_to, may_view_incoming
from balaikota.eoffice.workflows import DISPOSITION_WORKFLOW, INCOMING_WORKFLOW
from balaikota.testing.factories import PositionFactory, UserFactory, unit_in_opd
from balaikota.testing.matrix import ALL_ROLES, Row, check_row, grant, permission_matrix

from .incoming_helpers import dispose, register

pytestmark = pytest.mark.django_db

STAFF = set(ALL_ROLES) - {Role.CITIZEN}


def _incoming(*, addressee, opd, security_class) -> IncomingLetter:
    services.reference_load()
    with transaction.atomic():
        number = number_reserve(
            kind="surat-masuk", unit="T", on=timezone.localdate(), format="{seq}/{year}"
        )
        return IncomingLetter.objects.create(
            opd=opd,
            agenda_number=number.number,
            issued_number=number,
            sender_name="Camat Tembalang",
            sender_number=f"005/{number.sequence}",
            sender_date=timezone.localdate(),
            received_on=timezone.localdate(),
            duplicate_key=f"camat|{number.sequence}",
            subject="Undangan musrenbang kecamatan",
            classification=Classification.objects.get(code="000"),
            security_class=security_class,
            addressee_position=PositionFactory(unit=unit_in_opd(opd), is_head=True),
            addressee=addressee,
            scan="eoffice/masuk/x.png",
            scan_content_type="image/png",
            scan_size=1,
            scan_sha256="0" * 64,
            scan_name="x.png",
            registered_by=addressee,
        )


def incoming_of(security_class):
    def subject(whose, people):
        if whose == "none":
            return None
        if whose == "own":
            return _incoming(addressee=people.actor, opd=people.opd, security_class=security_class)
        opd = people.other_opd if whose == "other_opd" else people.opd
        return _incoming(
            addressee=people.colleague(in_opd=opd), opd=opd, security_class=security_class
        )

    return subject


ORDINARY = [
    *grant("eoffice.view_incoming", whose="own", to=ALL_ROLES),
    *grant("eoffice.view_incoming", whose="own_opd", to={Role.RECORDS_CLERK}),
    *grant("eoffice.view_incoming", whose="other_opd", to=()),
    *grant("eoffice.dispose_incoming", whose="own", to=ALL_ROLES),
    *grant("eoffice.dispose_incoming", whose="own_opd", to=()),
    *grant("eoffice.register_incoming", whose="none", to={Role.RECORDS_CLERK}),
    *grant("eoffice.view_incoming_register", whose="none", to={Role.RECORDS_CLERK}),
]
CONFIDENTIAL = [
    *grant("eoffice.view_incoming", whose="own", to=ALL_ROLES),
    *grant("eoffice.view_incoming", whose="own_opd", to=()),
    *grant("eoffice.view_incoming", whose="other_opd", to=()),
]


@permission_matrix(ORDINARY)
def test_ordinary_incoming_permissions(row: Row, request):
    check_row(row, request, subject=incoming_of(SecurityClass.ORDINARY))


@permission_matrix(CONFIDENTIAL)
def test_secret_incoming_permissions(row: Row, request):
    check_row(row, request, subject=incoming_of(SecurityClass.SECRET))


@pytest.mark.parametrize("security_class", [SecurityClass.ORDINARY, SecurityClass.TOP_SECRET])
def test_the_tree_sees_it_and_the_rest_as_the_class_says(
    office, other_office, security_class, staff_with_role
):
    incoming = register(office, security_class=security_class)
    (kabid_d,) = dispose(office.head, incoming, [office.kabid])
    dispose(office.kabid, incoming, [office.kasi], parent=kabid_d)  # the grandchild
    for person in [office.head, office.kabid, office.kasi]:
        assert may_view_incoming(person, incoming), person
        assert incoming in incoming_visible_to(person)
    admin = staff_with_role(Role.PLATFORM_ADMIN)
    superuser = UserFactory(is_superuser=True, is_staff=True)
    outsiders = [office.drafter, office.colleague, other_office.clerk, other_office.head, admin]
    for person in [*outsiders, superuser]:
        assert not may_view_incoming(person, incoming), person
        assert incoming not in incoming_visible_to(person)
    clerk_sees = security_class == SecurityClass.ORDINARY
    assert may_view_incoming(office.clerk, incoming) is clerk_sees
    assert (incoming in incoming_visible_to(office.clerk)) is clerk_sees


def test_opening_a_confidential_incoming_letter_is_logged(office, client):
    incoming = register(office, security_class=SecurityClass.SECRET)
    client.force_login(office.head)
    assert client.get(incoming.get_absolute_url()).status_code == 200
    assert AccessLogEntry.objects.filter(actor=office.head, object_id=str(incoming.pk)).count() == 1
    client.force_login(office.clerk)
    assert client.get(incoming.get_absolute_url()).status_code == 404
    register_page = client.get("/surat/masuk/").content.decode()
    assert incoming.agenda_number in register_page and incoming.subject not in register_page


TRANSITIONS = [
    # (who, action on the root disposition, allowed) — the recipient has not read it yet
    ("head", "withdraw", True),
    ("head", "close", False),
    ("head", "forward", False),
    ("kabid", "withdraw", False),
    ("kabid", "close", True),
    ("kabid", "forward", True),
    ("kasi", "close", False),
    ("clerk", "withdraw", False),
]


@pytest.mark.parametrize(("who", "action", "allowed"), TRANSITIONS)
def test_the_disposition_transitions_matrix(office, who, action, allowed):
    incoming = register(office)
    (kabid_d,) = dispose(office.head, incoming, [office.kabid])
    assert DISPOSITION_WORKFLOW.can(getattr(office, who), kabid_d, action) is allowed


def test_the_states_allow_what_the_table_says(office):
    incoming = register(office)
    assert INCOMING_WORKFLOW.allowed_actions(office.head, incoming) == ["dispose"]
    assert INCOMING_WORKFLOW.allowed_actions(office.clerk, incoming) == []
    (kabid_d,) = dispose(office.head, incoming, [office.kabid])
    dispositions.incoming_open(incoming=incoming, user=office.kabid)
    kabid_d.refresh_from_db()
    assert DISPOSITION_WORKFLOW.allowed_actions(office.head, kabid_d) == []  # read: no withdraw
    assert DISPOSITION_WORKFLOW.allowed_actions(office.kabid, kabid_d) == ["forward", "close"]
    dispositions.disposition_close(user=office.kabid, disposition=kabid_d, report="Selesai.")
    kabid_d.refresh_from_db()
    incoming.refresh_from_db()
    assert DISPOSITION_WORKFLOW.allowed_actions(office.kabid, kabid_d) == []
    assert INCOMING_WORKFLOW.allowed_actions(office.head, incoming) == []  # done
