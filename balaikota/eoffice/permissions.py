"""Rules of letters: the people on a letter (its drafter, its verifiers, its signer, its
recipients) see it; the records clerk (TU) of the letter's OPD sees its ordinary letters too. A
Rahasia or Sangat Rahasia letter is seen by the people on it only — never by an admin or a clerk
by default — and every opening is written to the access log (the views do that)."""

from __future__ import annotations

import rules
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from balaikota.accounts.interfaces import Role
from balaikota.accounts.permissions import has_role, has_role_in_opd_of

from .models import CONFIDENTIAL, Delegation, Delivery, Letter, RouteStep, Status

is_staff_member = (
    has_role(Role.CIVIL_SERVANT)
    | has_role(Role.SIGNING_OFFICIAL)
    | has_role(Role.LEADER)
    | has_role(Role.RECORDS_CLERK)
)
is_opd_records_clerk = has_role_in_opd_of(Role.RECORDS_CLERK, lambda letter: letter.opd_id)


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated)


def delegators_of(user, *, day=None) -> list[int]:
    """The ids of the people ``user`` acts for on ``day`` (today) by a delegation in force —
    remembered on the user object for the request when asked for today (rules ask it often)."""
    if not _signed_in(user):
        return []
    if day is None:
        cached = getattr(user, "_eoffice_delegators", None)
        if cached is not None:
            return cached
    on = day or timezone.localdate()
    ids = list(
        Delegation.objects.filter(
            delegate_id=user.pk, starts_on__lte=on, ends_on__gte=on, ended_at__isnull=True
        )
        .order_by("delegator_id")
        .values_list("delegator_id", flat=True)
    )
    if day is None:
        user._eoffice_delegators = ids
    return ids


@rules.predicate
def acts_for(user, person) -> bool:
    """May ``user`` act in the name of ``person`` (an account or its id) now: themself, or by a
    delegation in force. Never signing power: signing asks ``holds_signer_post_today``."""
    person_id = getattr(person, "pk", person)
    if not _signed_in(user) or not person_id:
        return False
    return person_id == user.pk or person_id in delegators_of(user)


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
def is_delegate_on_letter(user, letter) -> bool:
    """Acts now for someone the letter waits for (their paraf) or was delivered to. Never a
    Rahasia letter: it is for the people on it only, and a delegation does not pass that on."""
    if not _signed_in(user) or letter is None or letter.is_confidential:
        return False
    ids = delegators_of(user)
    if not ids:
        return False
    if letter.status == Status.IN_REVIEW and letter.current_verifier_id in ids:
        return True
    return Delivery.objects.filter(letter_id=letter.pk, recipient_id__in=ids).exists()


@rules.predicate
def is_verifier_now(user, letter) -> bool:
    """The letter waits for the paraf of ``user`` — or of someone they act for now (never on a
    letter they drafted: nobody initials their own draft, not even for someone else)."""
    if letter is None or not _signed_in(user):
        return False
    if letter.current_verifier_id == user.pk:
        return True
    if letter.drafter_id == user.pk or letter.is_confidential:
        return False
    return acts_for(user, letter.current_verifier_id)


SUBMITTED = (
    Status.IN_REVIEW,
    Status.RETURNED,
    Status.READY,
    Status.SIGNING,
    Status.SIGNED,
    Status.SENT,
)


@rules.predicate
def holds_signer_post_today(user, letter) -> bool:
    """``user`` holds the letter's signer post today: its holder, or its Plt/Plh in post (the
    letter follows the post). A delegation never gives this."""
    if not _signed_in(user) or letter is None or not letter.signer_position_id:
        return False
    from .selectors import posts_held_today

    return letter.signer_position_id in posts_held_today(user)


@rules.predicate
def is_signer_now(user, letter) -> bool:
    """Holds the signer post today, once the letter is submitted (a draft is the drafter's)."""
    return (
        letter is not None and letter.status in SUBMITTED and holds_signer_post_today(user, letter)
    )


@rules.predicate
def is_confidential(user, letter) -> bool:
    return letter is not None and letter.security_class in CONFIDENTIAL


@rules.predicate
def may_return_now(user, letter) -> bool:
    """The verifier whose paraf it waits for, or the signer once it is ready to sign."""
    if not _signed_in(user) or letter is None:
        return False
    if letter.status == Status.IN_REVIEW:
        return is_verifier_now(user, letter)
    if letter.status == Status.READY:
        return holds_signer_post_today(user, letter)
    # In any other state the table refuses it (and says why) for the people on the route.
    return letter.signer_id == user.pk or is_on_route(user, letter)


is_on_letter = is_drafter | is_signer | is_on_route | is_recipient | is_signer_now

rules.add_perm("eoffice.view_inbox", is_staff_member)
rules.add_perm("eoffice.add_letter", is_staff_member)
rules.add_perm(
    "eoffice.view_letter",
    is_on_letter | is_delegate_on_letter | (~is_confidential & is_opd_records_clerk),
)
rules.add_perm("eoffice.change_letter", is_drafter)
rules.add_perm("eoffice.initial_letter", is_on_route | is_verifier_now)
rules.add_perm("eoffice.return_letter", may_return_now)
rules.add_perm("eoffice.sign_letter", holds_signer_post_today)
rules.add_perm("eoffice.view_receipts", is_drafter | is_signer)


def may_view(user, letter) -> bool:
    """``eoffice.view_letter`` asked of the rule itself: a superuser gets no shortcut (Django's
    ``has_perm`` answers yes to a superuser for everything; a Rahasia letter stays closed)."""
    return rules.has_perm("eoffice.view_letter", user, letter)


def visible_letters_q(user) -> Q:
    """The ``Q`` over ``Letter`` of the letters ``user`` may open (``eoffice.view_letter``)."""
    if not _signed_in(user):
        return Q(pk__in=[])
    on_route = RouteStep.objects.filter(letter_id=OuterRef("pk"), verifier_id=user.pk)
    received = Delivery.objects.filter(letter_id=OuterRef("pk"), recipient_id=user.pk)
    scope = Q(drafter_id=user.pk) | Q(signer_id=user.pk) | Q(Exists(on_route)) | Q(Exists(received))
    delegators = delegators_of(user)
    if delegators:  # what waits for, or was delivered to, the people they act for now
        delegated = Q(status=Status.IN_REVIEW, current_verifier_id__in=delegators) | Q(
            Exists(Delivery.objects.filter(letter_id=OuterRef("pk"), recipient_id__in=delegators))
        )
        scope |= delegated & ~Q(security_class__in=CONFIDENTIAL)
    clerk_opds = user.role_scope_map().get(Role.RECORDS_CLERK, frozenset())
    ordinary = ~Q(security_class__in=CONFIDENTIAL)
    if None in clerk_opds:
        scope |= ordinary
    elif clerk_opds:
        scope |= ordinary & Q(opd_id__in=clerk_opds)
    return scope


def letters_visible_to(user):
    return Letter.objects.filter(visible_letters_q(user))


# ── Acting officials and delegation ──

#: The records clerk (TU) of an OPD keeps its Plt/Plh assignments: there is no HR role, and the
#: TU is who registers the decree (surat perintah Plt/Plh) and answers for the OPD's
#: correspondence. The object is the OPD of the post.
is_acting_keeper = has_role_in_opd_of(Role.RECORDS_CLERK, lambda opd: getattr(opd, "pk", opd))

rules.add_perm("eoffice.view_acting", has_role(Role.RECORDS_CLERK))
rules.add_perm("eoffice.manage_acting", is_acting_keeper)
rules.add_perm("eoffice.delegate_inbox", is_staff_member)


def acting_opd_scope(user) -> frozenset | None:
    """The OPD ids whose assignments ``user`` keeps (None: every OPD)."""
    scopes = user.role_scope_map().get(Role.RECORDS_CLERK, frozenset()) if _signed_in(user) else ()
    return None if None in scopes else frozenset(scopes)
