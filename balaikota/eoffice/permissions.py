"""Rules of letters: the people on a letter (its drafter, its verifiers, its signer, its
recipients) see it; the records clerk (TU) of the letter's OPD sees its ordinary letters too. A
Rahasia or Sangat Rahasia letter is seen by the people on it only — never by an admin or a clerk
by default — and every opening is written to the access log (the views do that)."""

from __future__ import annotations

from functools import reduce
from operator import or_

import rules
from django.db.models import BooleanField, Exists, F, Func, OuterRef, Q
from django.utils import timezone

from balaikota.accounts.interfaces import Role
from balaikota.accounts.permissions import has_role, has_role_in_opd_of, user_role_scopes

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


def acting_as(user, item) -> list[int]:
    """Whose part of ``item`` (a letter or an incoming letter) ``user`` takes now: themself
    first, then — unless it is Rahasia or Sangat Rahasia, which a delegation never passes on —
    the people they act for by a delegation in force. Receipts, dispositions to close and
    letters to dispose are looked up for these people."""
    if not _signed_in(user):
        return []
    return [user.pk] if item.is_confidential else [user.pk, *delegators_of(user)]


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


def initials_for(user, letter) -> int | None:
    """The person in whose name ``user`` would initial ``letter`` now (a delegation in force
    while the letter waits for that person's paraf), or None — what the pages and the API
    show as "atas nama"."""
    if not _signed_in(user) or letter is None or letter.status != Status.IN_REVIEW:
        return None
    waiting = letter.current_verifier_id
    if not waiting or waiting == user.pk:
        return None
    return waiting if waiting in delegators_of(user) else None


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


# Outside dispatch (the outgoing register): the OPD's records clerk keeps it; the drafter may
# resend or hand over their own letter's copies too.
is_dispatch_clerk = has_role_in_opd_of(Role.RECORDS_CLERK, lambda dispatch: dispatch.letter.opd_id)


@rules.predicate
def is_dispatch_drafter(user, dispatch) -> bool:
    return _signed_in(user) and dispatch is not None and dispatch.letter.drafter_id == user.pk


rules.add_perm("eoffice.manage_dispatch", is_dispatch_clerk | is_dispatch_drafter)
rules.add_perm("eoffice.view_outgoing_register", has_role(Role.RECORDS_CLERK))


def may_view(user, letter) -> bool:
    """``eoffice.view_letter`` asked of the rule itself: a superuser gets no shortcut (Django's
    ``has_perm`` answers yes to a superuser for everything; a Rahasia letter stays closed)."""
    return rules.has_perm("eoffice.view_letter", user, letter)


def visible_letters_q(user) -> Q:
    """The ``Q`` over ``Letter`` of the letters ``user`` may open (``eoffice.view_letter``)."""
    branches = visible_letters_branches(user)
    return reduce(or_, branches) if branches else Q(pk__in=[])


class _InArrayOf(Func):
    """``pk = ANY(ARRAY(subquery))`` (PostgreSQL): the subquery runs first, once, and the rows
    are fetched by primary key — where ``pk IN (subquery)`` lets the planner walk the whole
    table newest first probing the subquery for each row, which for a person with few rows
    there means every letter (1.2 s a search over 1.5 million letters, bench/eoffice_bench.py)."""

    template = "%(expressions)s)"
    arg_joiner = " = ANY("
    output_field = BooleanField()
    conditional = True


def visible_letters_branches(user, *, few_first: bool = False) -> list[Q]:
    """``visible_letters_q`` as the parts its OR joins, each answerable from one index alone:
    the search runs them as a UNION of newest-first, limited queries (an OR of them makes
    PostgreSQL filter a scan instead). A new way of seeing a letter is a new branch here.
    ``few_first`` (PostgreSQL only): the paraf route's letters — a few hundred for anyone — by
    their ids (``_InArrayOf``) rather than as a subquery probed along the whole table."""
    if not _signed_in(user):
        return []
    routed = RouteStep.objects.filter(verifier_id=user.pk).values("letter_id")
    if few_first:
        from django.contrib.postgres.expressions import ArraySubquery

        route_branch = Q(_InArrayOf(F("pk"), ArraySubquery(routed)))
    else:
        route_branch = Q(pk__in=routed)
    branches = [
        Q(drafter_id=user.pk),
        Q(signer_id=user.pk),
        route_branch,
        Q(pk__in=Delivery.objects.filter(recipient_id=user.pk).values("letter_id")),
    ]
    delegators = delegators_of(user)
    if delegators:  # what waits for, or was delivered to, the people they act for now
        ordinary_only = ~Q(security_class__in=CONFIDENTIAL)
        branches.append(
            Q(status=Status.IN_REVIEW, current_verifier_id__in=delegators) & ordinary_only
        )
        branches.append(
            Q(pk__in=Delivery.objects.filter(recipient_id__in=delegators).values("letter_id"))
            & ordinary_only
        )
    clerk_opds = clerk_opd_ids(user)
    ordinary = ~Q(security_class__in=CONFIDENTIAL)
    if None in clerk_opds:
        branches.append(ordinary)
    elif clerk_opds:
        branches.append(ordinary & Q(opd_id__in=sorted(clerk_opds)))
    return branches


def letters_visible_to(user):
    return Letter.objects.filter(visible_letters_q(user))


# ── Incoming letters and dispositions ──
#
# The people on an incoming letter's tree (its addressee, every author and recipient of a live
# disposition) see it; the records clerk of its OPD sees an ordinary one too. A Rahasia or Sangat
# Rahasia incoming letter is for the people on the tree only — never an admin, never the clerk
# (who sees its register row without its subject) — and every opening is access-logged.

from .models import Disposition, DispositionStatus, IncomingLetter  # noqa: E402


def _acts_on_incoming(user, person_id, incoming) -> bool:
    """``user`` may act as ``person_id`` on ``incoming``: themself, or their delegate while they
    are away (``acts_for``) — except on a Rahasia or Sangat Rahasia letter, which a delegation
    never opens (as for letters). Every incoming/disposition rule below asks this."""
    if not _signed_in(user) or person_id is None:
        return False
    if user.pk == person_id:
        return True
    return not incoming.is_confidential and acts_for(user, person_id)


@rules.predicate
def is_incoming_addressee(user, incoming) -> bool:
    return incoming is not None and _acts_on_incoming(user, incoming.addressee_id, incoming)


@rules.predicate
def is_on_tree(user, incoming) -> bool:
    if not _signed_in(user) or incoming is None:
        return False
    if _acts_on_incoming(user, incoming.addressee_id, incoming):
        return True
    # On the tree in person, or (an ordinary letter) in the name of someone away who is on it.
    people = acting_as(user, incoming)
    return (
        Disposition.objects.filter(incoming_id=incoming.pk)
        .exclude(status=DispositionStatus.WITHDRAWN)
        .filter(Q(recipient_id__in=people) | Q(author_id__in=people))
        .exists()
    )


@rules.predicate
def is_disposition_holder(user, disposition) -> bool:
    return disposition is not None and _acts_on_incoming(
        user, disposition.recipient_id, disposition.incoming
    )


@rules.predicate
def is_disposition_author(user, disposition) -> bool:
    return disposition is not None and _acts_on_incoming(
        user, disposition.author_id, disposition.incoming
    )


is_incoming_opd_clerk = has_role_in_opd_of(Role.RECORDS_CLERK, lambda incoming: incoming.opd_id)

rules.add_perm("eoffice.register_incoming", has_role(Role.RECORDS_CLERK))
rules.add_perm("eoffice.view_incoming_register", has_role(Role.RECORDS_CLERK))
rules.add_perm("eoffice.view_incoming", is_on_tree | (~is_confidential & is_incoming_opd_clerk))
rules.add_perm("eoffice.dispose_incoming", is_incoming_addressee)
rules.add_perm("eoffice.forward_disposition", is_disposition_holder)
rules.add_perm("eoffice.close_disposition", is_disposition_holder)
rules.add_perm("eoffice.withdraw_disposition", is_disposition_author)


def may_view_incoming(user, incoming) -> bool:
    """``eoffice.view_incoming`` asked of the rule itself (no superuser shortcut)."""
    return rules.has_perm("eoffice.view_incoming", user, incoming)


def visible_incoming_q(user) -> Q:
    """The ``Q`` over ``IncomingLetter`` of the letters ``user`` may open."""
    if not _signed_in(user):
        return Q(pk__in=[])
    on_tree = (
        Disposition.objects.filter(incoming_id=OuterRef("pk"))
        .exclude(status=DispositionStatus.WITHDRAWN)
        .filter(Q(recipient_id=user.pk) | Q(author_id=user.pk))
    )
    scope = Q(addressee_id=user.pk) | Q(Exists(on_tree))
    ordinary = ~Q(security_class__in=CONFIDENTIAL)
    delegators = delegators_of(user)
    if delegators:  # the ordinary letters of the people they act for now (as ``is_on_tree``)
        theirs = (
            Disposition.objects.filter(incoming_id=OuterRef("pk"))
            .exclude(status=DispositionStatus.WITHDRAWN)
            .filter(Q(recipient_id__in=delegators) | Q(author_id__in=delegators))
        )
        scope |= ordinary & (Q(addressee_id__in=delegators) | Q(Exists(theirs)))
    clerk_opds = clerk_opd_ids(user)
    if None in clerk_opds:
        scope |= ordinary
    elif clerk_opds:
        scope |= ordinary & Q(opd_id__in=clerk_opds)
    return scope


def visible_incoming_branches(user, *, few_first: bool = False) -> list[Q]:
    """``visible_incoming_q`` as the parts its OR joins, each answerable from one index (the
    search unions them as newest-first, limited queries, as ``visible_letters_branches``: an
    OR with the EXISTS makes PostgreSQL filter a scan of every incoming letter). ``few_first``
    (PostgreSQL only): the letters of the person's dispositions by their ids."""
    if not _signed_in(user):
        return []
    # A first-level disposition is given by the letter's addressee (a delegate gives it in
    # their name), whom the first branch already covers: only a recipient, or the author of a
    # further disposition, needs this branch — so a head's thousands of letters are not
    # fetched twice.
    on_tree = (
        Disposition.objects.exclude(status=DispositionStatus.WITHDRAWN)
        .filter(Q(recipient_id=user.pk) | Q(author_id=user.pk, parent__isnull=False))
        .values("incoming_id")
    )
    if few_first:
        from django.contrib.postgres.expressions import ArraySubquery

        tree_branch = Q(_InArrayOf(F("pk"), ArraySubquery(on_tree)))
    else:
        tree_branch = Q(pk__in=on_tree)
    branches = [Q(addressee_id=user.pk), tree_branch]
    ordinary = ~Q(security_class__in=CONFIDENTIAL)
    delegators = delegators_of(user)
    if delegators:  # the ordinary letters of the people they act for now
        branches.append(ordinary & Q(addressee_id__in=delegators))
        theirs = (
            Disposition.objects.exclude(status=DispositionStatus.WITHDRAWN)
            .filter(
                Q(recipient_id__in=delegators) | Q(author_id__in=delegators, parent__isnull=False)
            )
            .values("incoming_id")
        )
        branches.append(ordinary & Q(pk__in=theirs))
    clerk_opds = clerk_opd_ids(user)
    if None in clerk_opds:
        branches.append(ordinary)
    elif clerk_opds:
        branches.append(ordinary & Q(opd_id__in=sorted(clerk_opds)))
    return branches


def received_for_disposal(user, letter):
    """The delivery of ``letter`` that ``user`` may dispose like an incoming letter: addressed
    ("Kepada", not a tembusan) to them — or, an ordinary letter, to someone they act for now —
    who heads a unit (has people to dispose to), on a letter signed and sent. None otherwise."""
    if not _signed_in(user) or letter is None or not letter.has_signed_pdf:
        return None
    from . import integrations

    people = acting_as(user, letter)
    deliveries = (
        Delivery.objects.filter(letter_id=letter.pk, recipient_id__in=people, role="to")
        .select_related("recipient")
        .order_by("pk")
    )
    for delivery in deliveries:
        employee = integrations.employee_for_user(delivery.recipient)
        if employee is not None and employee.position.is_head:
            return delivery
    return None


@rules.predicate
def may_dispose_received(user, letter) -> bool:
    return received_for_disposal(user, letter) is not None


rules.add_perm("eoffice.dispose_received_letter", may_dispose_received)


def incoming_visible_to(user):
    return IncomingLetter.objects.filter(visible_incoming_q(user))


def clerk_opd_ids(user) -> frozenset:
    """The OPDs whose records ``user`` keeps as their records clerk (TU) — the incoming and
    outgoing registers, the archive, the Plt/Plh assignments; None in it: every OPD."""
    if not _signed_in(user):
        return frozenset()
    return user_role_scopes(user, Role.RECORDS_CLERK)


# ── Archive and retention ──
# The records unit of an OPD is its records clerk (TU). No role stands for the city archive
# (Role.RECORDS_CLERK is always OPD-scoped); should one come, a city-wide grant already counts
# in every OPD (``has_role_in_opd_of``, ``archive_opd_ids``). The head of an OPD is the
# active holder of the head post of its root unit. A confidential letter's metadata appears in
# the retention report (its subject masked); its text stays closed to both.


def _head_opd_id(user) -> int | None:
    """The OPD whose root unit ``user`` heads (cached on the user for the request)."""
    if not _signed_in(user):
        return None
    cached = getattr(user, "_eoffice_head_opd", False)
    if cached is not False:
        return cached
    from . import integrations

    opd_id = integrations.head_opd_id(user)
    user._eoffice_head_opd = opd_id
    return opd_id


def archive_opd_ids(user) -> frozenset | None:
    """The OPDs whose archive ``user`` looks after (records clerk or head); None: every OPD."""
    if not _signed_in(user):
        return frozenset()
    clerk = clerk_opd_ids(user)
    if None in clerk:
        return None
    head = _head_opd_id(user)
    return frozenset(clerk) | ({head} if head is not None else frozenset())


is_archive_clerk = has_role_in_opd_of(Role.RECORDS_CLERK, lambda obj: obj.opd_id)


@rules.predicate
def is_opd_head(user, obj) -> bool:
    return obj is not None and _head_opd_id(user) == obj.opd_id


@rules.predicate
def looks_after_an_archive(user) -> bool:
    """A records clerk, or the head of an OPD (asked only of signing officials and leaders,
    from a cache at most ten minutes old, so the menu costs no query on a warm page)."""
    if not _signed_in(user):
        return False
    roles = user.role_scope_map()
    if roles.get(Role.RECORDS_CLERK):
        return True
    if not (roles.get(Role.SIGNING_OFFICIAL) or roles.get(Role.LEADER)):
        return False
    from . import integrations

    # The menu entry and the report's door; what the report shows is asked afresh.
    return integrations.head_opd_id_cached(user) is not None


@rules.predicate
def is_exportable(user, letter) -> bool:
    """A signed letter that has not been destroyed."""
    from .models import LetterTombstone

    if letter is None or not letter.has_signed_pdf:
        return False
    return not LetterTombstone.objects.filter(letter_id=letter.pk).exists()


rules.add_perm("eoffice.view_retention", looks_after_an_archive)
rules.add_perm("eoffice.propose_disposal", is_archive_clerk)
rules.add_perm("eoffice.view_disposal", is_archive_clerk | is_opd_head)
rules.add_perm("eoffice.approve_disposal_records", is_archive_clerk)
rules.add_perm("eoffice.approve_disposal_head", is_opd_head)
rules.add_perm("eoffice.reject_disposal", is_archive_clerk | is_opd_head)
rules.add_perm("eoffice.execute_disposal", is_archive_clerk | is_opd_head)
rules.add_perm("eoffice.hold_letter", is_archive_clerk | is_opd_head)
# Exchange bundle: whoever may open the letter; a confidential one only its drafter and signer.
rules.add_perm(
    "eoffice.export_letter",
    is_exportable
    & ((~is_confidential & (is_on_letter | is_opd_records_clerk)) | is_drafter | is_signer),
)


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
    scopes = clerk_opd_ids(user)
    return None if None in scopes else frozenset(scopes)


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
