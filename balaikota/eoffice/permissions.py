"""Rules of letters: the people on a letter (its drafter, its verifiers, its signer, its
recipients) see it; the records clerk (TU) of the letter's OPD sees its ordinary letters too. A
Rahasia or Sangat Rahasia letter is seen by the people on it only — never by an admin or a clerk
by default — and every opening is written to the access log (the views do that)."""

from __future__ import annotations

from functools import reduce
from operator import or_

import rules
from django.db.models import Q

from balaikota.accounts.interfaces import Role
from balaikota.accounts.permissions import has_role, has_role_in_opd_of

from .models import CONFIDENTIAL, Delivery, Letter, RouteStep, Status

is_staff_member = (
    has_role(Role.CIVIL_SERVANT)
    | has_role(Role.SIGNING_OFFICIAL)
    | has_role(Role.LEADER)
    | has_role(Role.RECORDS_CLERK)
)
is_opd_records_clerk = has_role_in_opd_of(Role.RECORDS_CLERK, lambda letter: letter.opd_id)


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated)


@rules.predicate
def is_drafter(user, letter) -> bool:
    return _signed_in(user) and letter is not None and letter.drafter_id == user.pk


@rules.predicate
def is_signer(user, letter) -> bool:
    return _signed_in(user) and letter is not None and letter.signer_id == user.pk


@rules.predicate
def is_on_route(user, letter) -> bool:
    if not _signed_in(user) or letter is None:
        return False
    return RouteStep.objects.filter(letter_id=letter.pk, verifier_id=user.pk).exists()


@rules.predicate
def is_recipient(user, letter) -> bool:
    if not _signed_in(user) or letter is None:
        return False
    return Delivery.objects.filter(letter_id=letter.pk, recipient_id=user.pk).exists()


@rules.predicate
def is_confidential(user, letter) -> bool:
    return letter is not None and letter.security_class in CONFIDENTIAL


@rules.predicate
def may_return_now(user, letter) -> bool:
    """The verifier whose paraf it waits for, or the signer once it is ready to sign."""
    if not _signed_in(user) or letter is None:
        return False
    if letter.status == Status.IN_REVIEW:
        return letter.current_verifier_id == user.pk
    if letter.status == Status.READY:
        return letter.signer_id == user.pk
    # In any other state the table refuses it (and says why) for the people on the route.
    return letter.signer_id == user.pk or is_on_route(user, letter)


is_on_letter = is_drafter | is_signer | is_on_route | is_recipient

rules.add_perm("eoffice.view_inbox", is_staff_member)
rules.add_perm("eoffice.add_letter", is_staff_member)
rules.add_perm("eoffice.view_letter", is_on_letter | (~is_confidential & is_opd_records_clerk))
rules.add_perm("eoffice.change_letter", is_drafter)
rules.add_perm("eoffice.initial_letter", is_on_route)
rules.add_perm("eoffice.return_letter", may_return_now)
rules.add_perm("eoffice.sign_letter", is_signer)
rules.add_perm("eoffice.view_receipts", is_drafter | is_signer)


def may_view(user, letter) -> bool:
    """``eoffice.view_letter`` asked of the rule itself: a superuser gets no shortcut (Django's
    ``has_perm`` answers yes to a superuser for everything; a Rahasia letter stays closed)."""
    return rules.has_perm("eoffice.view_letter", user, letter)


def visible_letters_q(user) -> Q:
    """The ``Q`` over ``Letter`` of the letters ``user`` may open (``eoffice.view_letter``)."""
    branches = visible_letters_branches(user)
    return reduce(or_, branches) if branches else Q(pk__in=[])


def visible_letters_branches(user) -> list[Q]:
    """``visible_letters_q`` as the parts its OR joins, each answerable from one index alone:
    the search runs them as a UNION of newest-first, limited queries (an OR of them makes
    PostgreSQL filter a scan instead). A new way of seeing a letter is a new branch here."""
    if not _signed_in(user):
        return []
    branches = [
        Q(drafter_id=user.pk),
        Q(signer_id=user.pk),
        Q(pk__in=RouteStep.objects.filter(verifier_id=user.pk).values("letter_id")),
        Q(pk__in=Delivery.objects.filter(recipient_id=user.pk).values("letter_id")),
    ]
    clerk_opds = user.role_scope_map().get(Role.RECORDS_CLERK, frozenset())
    ordinary = ~Q(security_class__in=CONFIDENTIAL)
    if None in clerk_opds:
        branches.append(ordinary)
    elif clerk_opds:
        branches.append(ordinary & Q(opd_id__in=sorted(clerk_opds)))
    return branches


def letters_visible_to(user):
    return Letter.objects.filter(visible_letters_q(user))


# ── Collaboration ──
# The conversation is for whoever may open the letter: the same rule, asked of the letter.
# A mention never opens a letter to anyone: the service refuses a mention of a person who may
# not open it (ordinary letters too), so a name in a comment grants nothing.

may_see_letter = is_on_letter | (~is_confidential & is_opd_records_clerk)


@rules.predicate
def is_comment_author(user, comment) -> bool:
    return _signed_in(user) and comment is not None and comment.author_id == user.pk


@rules.predicate
def may_see_comments_letter(user, comment) -> bool:
    return comment is not None and may_see_letter(user, comment.letter)


rules.add_perm("eoffice.comment_letter", may_see_letter)
rules.add_perm("eoffice.change_comment", is_comment_author & may_see_comments_letter)


def may_comment(user, letter) -> bool:
    """``eoffice.comment_letter`` asked of the rule itself (no superuser shortcut)."""
    return rules.has_perm("eoffice.comment_letter", user, letter)
