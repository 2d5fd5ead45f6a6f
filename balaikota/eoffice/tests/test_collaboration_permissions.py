"""Who may write in a letter's conversation and change a comment, as matrices: role × action ×
whose letter, for an ordinary and a Rahasia letter (the records clerk of the OPD writes on the
ordinary one only; no role reaches a confidential letter it is not on)."""

from __future__ import annotations

import pytest

from balaikota.accounts.models import Role
from balaikota.eoffice.models import LetterComment, SecurityClass
from balaikota.eoffice.permissions import may_comment
from balaikota.testing.matrix import ALL_ROLES, Row, check_row, grant, permission_matrix

from .test_permissions import letter_of

pytestmark = pytest.mark.django_db


def comment_of(security_class):
    letters = letter_of(security_class)

    def subject(whose, people):
        letter = letters(whose, people)
        author = people.actor if whose == "own" else letter.drafter
        return LetterComment.objects.create(letter=letter, author=author, text="Catatan rapat.")

    return subject


ORDINARY = [
    *grant("eoffice.comment_letter", whose="own", to=ALL_ROLES),
    *grant("eoffice.comment_letter", whose="own_opd", to={Role.RECORDS_CLERK}),
    *grant("eoffice.comment_letter", whose="other_opd", to=()),
]
CONFIDENTIAL = [
    *grant("eoffice.comment_letter", whose="own", to=ALL_ROLES),
    *grant("eoffice.comment_letter", whose="own_opd", to=()),
    *grant("eoffice.comment_letter", whose="other_opd", to=()),
]
CHANGE = [
    *grant("eoffice.change_comment", whose="own", to=ALL_ROLES),
    # the clerk may read the colleague's comment, not change it
    *grant("eoffice.change_comment", whose="own_opd", to=()),
    *grant("eoffice.change_comment", whose="other_opd", to=()),
]


@permission_matrix(ORDINARY)
def test_conversation_on_an_ordinary_letter(row: Row, request):
    check_row(row, request, subject=letter_of(SecurityClass.ORDINARY))


@permission_matrix(CONFIDENTIAL)
def test_conversation_on_a_secret_letter(row: Row, request):
    check_row(row, request, subject=letter_of(SecurityClass.SECRET))


@permission_matrix(CHANGE)
def test_changing_a_comment(row: Row, request):
    check_row(row, request, subject=comment_of(SecurityClass.ORDINARY))


@pytest.mark.parametrize("security_class", [SecurityClass.SECRET, SecurityClass.TOP_SECRET])
def test_no_admin_or_clerk_writes_on_a_confidential_letter(
    office, other_office, security_class, staff_with_role
):
    from balaikota.testing.factories import UserFactory

    from .conftest import sent

    letter = sent(office, security_class=security_class)
    for person in [office.drafter, office.kasi, office.kabid, office.head, office.colleague]:
        assert may_comment(person, letter), person
    admin = staff_with_role(Role.PLATFORM_ADMIN)
    superuser = UserFactory(is_superuser=True, is_staff=True)
    for person in [office.clerk, other_office.clerk, admin, superuser]:
        assert not may_comment(person, letter), person
