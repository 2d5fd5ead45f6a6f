"""Who may do what to a letter, as matrices: role × permission × whose letter, for an ordinary
and a Rahasia letter; then the people on a letter (route, signer, recipients) across units,
where no role — records clerk, platform admin, superuser — opens a confidential letter."""

from __future__ import annotations

import pytest

from balaikota.accounts.models import Role
from balaikota.eoffice import services
from balaikota.eoffice.models import Classification, Letter, LetterKind, SecurityClass
from balaikota.eoffice.permissions import letters_visible_to, may_view
from balaikota.testing.matrix import ALL_ROLES, Row, check_row, grant, permission_matrix

from .conftest import sent

pytestmark = pytest.mark.django_db

STAFF = set(ALL_ROLES) - {Role.CITIZEN}


def _letter(*, drafter, opd, security_class=SecurityClass.ORDINARY) -> Letter:
    services.reference_load()
    return Letter.objects.create(
        opd=opd,
        kind=LetterKind.objects.get(code="berita-acara"),
        classification=Classification.objects.get(code="000"),
        subject="Berita acara serah terima barang",
        body="<p>Pada hari ini telah diserahterimakan barang.</p>",
        drafter=drafter,
        security_class=security_class,
    )


def letter_of(security_class):
    def subject(whose, people):
        if whose == "none":
            return None
        if whose == "own":
            return _letter(drafter=people.actor, opd=people.opd, security_class=security_class)
        opd = people.other_opd if whose == "other_opd" else people.opd
        return _letter(drafter=people.colleague(in_opd=opd), opd=opd, security_class=security_class)

    return subject


ORDINARY = [
    *grant("eoffice.view_letter", whose="own", to=ALL_ROLES),
    *grant("eoffice.view_letter", whose="own_opd", to={Role.RECORDS_CLERK}),
    *grant("eoffice.view_letter", whose="other_opd", to=()),
    *grant("eoffice.change_letter", whose="own", to=ALL_ROLES),
    *grant("eoffice.change_letter", whose="own_opd", to=()),
    *grant("eoffice.sign_letter", whose="own_opd", to=()),
    *grant("eoffice.initial_letter", whose="own_opd", to=()),
    *grant("eoffice.view_inbox", whose="none", to=STAFF),
    *grant("eoffice.add_letter", whose="none", to=STAFF),
]
CONFIDENTIAL = [
    *grant("eoffice.view_letter", whose="own", to=ALL_ROLES),
    *grant("eoffice.view_letter", whose="own_opd", to=()),
    *grant("eoffice.view_letter", whose="other_opd", to=()),
]


@permission_matrix(ORDINARY)
def test_ordinary_letter_permissions(row: Row, request):
    check_row(row, request, subject=letter_of(SecurityClass.ORDINARY))


@permission_matrix(CONFIDENTIAL)
def test_secret_letter_permissions(row: Row, request):
    check_row(row, request, subject=letter_of(SecurityClass.SECRET))


@pytest.mark.parametrize("security_class", [SecurityClass.SECRET, SecurityClass.TOP_SECRET])
def test_a_confidential_letter_is_for_the_people_on_it_only(
    office, other_office, security_class, staff_with_role
):
    from balaikota.testing.factories import UserFactory

    letter = sent(office, security_class=security_class)
    on_it = [office.drafter, office.kasi, office.kabid, office.head, office.colleague]
    for person in on_it:
        assert may_view(person, letter), person
        assert letter in letters_visible_to(person)
    admin = staff_with_role(Role.PLATFORM_ADMIN)
    superuser = UserFactory(is_superuser=True, is_staff=True)
    for person in [office.clerk, other_office.clerk, other_office.head, admin, superuser]:
        assert not may_view(person, letter), person
        assert letter not in letters_visible_to(person)


def test_the_records_clerk_sees_the_ordinary_letters_of_their_opd_only(office, other_office):
    letter = sent(office)
    assert may_view(office.clerk, letter)
    assert not may_view(other_office.clerk, letter)
    assert list(letters_visible_to(office.clerk)) == [letter]


def test_only_the_verifier_whose_turn_it_is_may_return(office):
    from balaikota.eoffice.workflows import LETTER_WORKFLOW

    from .conftest import draft

    letter = draft(office)
    services.letter_submit(letter=letter, user=office.drafter)
    letter.refresh_from_db()
    assert LETTER_WORKFLOW.allowed_actions(office.kasi, letter) == ["initial", "return"]
    assert LETTER_WORKFLOW.allowed_actions(office.kabid, letter) == []
    assert LETTER_WORKFLOW.allowed_actions(office.head, letter) == []
    assert LETTER_WORKFLOW.allowed_actions(office.drafter, letter) == []
