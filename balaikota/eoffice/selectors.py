"""Reads of the e-office: a person's inbox and work queue (with cached counts for the menu),
one letter with its route, recipients and read receipts, and the differences between versions."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import ClassVar

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    BooleanField,
    CharField,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, TruncDate
from django.utils.translation import gettext as _

from balaikota.core.errors import InvalidInput, NotFound
from balaikota.core.richtext import plain_text

from . import integrations
from .models import (
    Classification,
    Delivery,
    Letter,
    LetterKind,
    LetterVersion,
    Recipient,
    Status,
)
from .permissions import may_view

COUNTS_TTL = 300
VIEWS = ("diterima", "paraf", "tanda-tangan", "konsep", "terkirim")


def kinds_active() -> QuerySet[LetterKind]:
    return LetterKind.objects.filter(is_active=True).order_by("order", "name")


def kind_by_code(code: str) -> LetterKind | None:
    return kinds_active().filter(code=code).first()


def classifications_active() -> QuerySet[Classification]:
    return Classification.objects.filter(is_active=True).order_by("code")


# --- Titles ---------------------------------------------------------------------------------


def position_title(position) -> str:
    """How a post is written on a letter: "Kepala Dinas Komunikasi, …" for the head of an OPD
    (its root unit), the post's own name below that ("Kepala Bidang E-Government")."""
    unit = position.unit
    if unit.parent_id is not None:
        return position.name
    opd_name = unit.opd.name
    words = position.name.split()
    if words and opd_name.split()[0].lower() == words[-1].lower():
        return " ".join(words[:-1] + [opd_name])
    return f"{position.name} {opd_name}"


def recipient_line(recipient: Recipient) -> str:
    if recipient.position_id:
        return position_title(recipient.position)
    if recipient.unit_id:
        return recipient.unit.name
    if recipient.user_id:
        return recipient.user.full_name
    parts = [recipient.name, recipient.agency]
    return ", ".join(p for p in parts if p)


def _recipients(letter: Letter) -> list[Recipient]:
    return list(
        letter.recipients.select_related("user", "position__unit__opd", "unit__opd").order_by(
            "role", "order", "pk"
        )
    )


def recipient_lines(letter: Letter) -> dict[str, list[str]]:
    lines: dict[str, list[str]] = {"to": [], "cc": []}
    for recipient in _recipients(letter):
        lines[recipient.role].append(recipient_line(recipient))
    return lines


def recipient_users(letter: Letter) -> tuple[list, list]:
    """The accounts the letter is delivered to: (addressees, tembusan), a person once (an
    addressee who is also in tembusan receives it as an addressee)."""
    rows = _recipients(letter)
    by_role: dict[str, list] = {"to": [], "cc": []}
    for role in ("to", "cc"):
        mine = [r for r in rows if r.role == role]
        people = [r.user for r in mine if r.user_id]
        position_ids = [r.position_id for r in mine if r.position_id]
        unit_ids = [r.unit_id for r in mine if r.unit_id]
        if position_ids:
            people += [e.user for e in integrations.position_holders(position_ids)]
        if unit_ids:
            people += [e.user for e in integrations.unit_members(unit_ids)]
        by_role[role] = people
    seen: set[int] = set()
    result = []
    for role in ("to", "cc"):
        unique = []
        for person in by_role[role]:
            if person.pk not in seen and person.is_active:
                seen.add(person.pk)
                unique.append(person)
        result.append(unique)
    return result[0], result[1]


# --- One letter -----------------------------------------------------------------------------


def letter_for(user, pk) -> Letter:
    """The letter ``pk`` if ``user`` may open it; NotFound otherwise (nobody learns it exists)."""
    letter = (
        Letter.objects.select_related(
            "kind",
            "classification",
            "opd",
            "drafter",
            "signer",
            "signer_position__unit__opd",
            "current_verifier",
            "document",
        )
        .filter(pk=pk)
        .first()
    )
    if letter is None or not may_view(user, letter):
        raise NotFound()
    return letter


@dataclass(frozen=True)
class RouteRow:
    order: int
    name: str
    position: str
    initialled_at: object
    comment: str
    is_current: bool


def route_rows(letter: Letter) -> list[RouteRow]:
    steps = letter.route.select_related("verifier__employee__position").order_by("order")
    rows = []
    for step in steps:
        employee = getattr(step.verifier, "employee", None)
        rows.append(
            RouteRow(
                order=step.order,
                name=step.verifier.full_name,
                position=employee.position.name if employee is not None else "",
                initialled_at=step.initialled_at,
                comment=step.comment,
                is_current=letter.status == Status.IN_REVIEW
                and step.verifier_id == letter.current_verifier_id,
            )
        )
    return rows


def route_nips(letter: Letter) -> list[str]:
    return [
        nip for nip in letter.route.order_by("order").values_list("verifier__nip", flat=True) if nip
    ]


def receipts(letter: Letter) -> list[Delivery]:
    """Who received the letter and when each read it (unread first)."""
    return list(
        letter.deliveries.select_related("recipient").order_by(
            F("read_at").asc(nulls_first=True), "recipient__full_name"
        )
    )


@dataclass(frozen=True)
class HistoryRow:
    at: object
    actor: str
    label: str
    reason: str


def history(letter: Letter) -> list[HistoryRow]:
    """The letter's events with the table's label for each action (in the page's language)."""
    from .workflows import LETTER_WORKFLOW

    rows = []
    for event in letter.events.select_related("actor").order_by("at", "pk"):
        try:
            label = str(LETTER_WORKFLOW.action(event.action).label)
        except KeyError:
            label = event.action
        actor = event.actor.full_name if event.actor_id else ""
        rows.append(HistoryRow(at=event.at, actor=actor, label=label, reason=event.reason))
    return rows


def may_download_document(user, document) -> bool:
    """Whoever may open the letter may download its signed PDF."""
    head = str(document.source_id).split(".", 1)[0]
    if not head.isdigit():
        return False
    letter = Letter.objects.filter(pk=int(head)).first()
    return letter is not None and may_view(user, letter)


# --- Versions -------------------------------------------------------------------------------


def versions(letter: Letter) -> list[LetterVersion]:
    return list(letter.versions.select_related("saved_by").order_by("-number"))


@dataclass(frozen=True)
class DiffLine:
    op: str  # " ", "+", "-"
    text: str


def _lines(version: LetterVersion) -> list[str]:
    details = version.details or {}
    recipients = details.get("recipients", {})
    fields = [
        (_("Hal"), version.subject),
        (_("Klasifikasi"), details.get("classification", "")),
        (_("Sifat"), f"{details.get('security_class', '')} · {details.get('urgency', '')}"),
        (_("Penandatangan"), details.get("signer_position", "")),
        (_("Pemaraf"), ", ".join(details.get("route", []))),
        (_("Kepada"), "; ".join(recipients.get("to", []))),
        (_("Tembusan"), "; ".join(recipients.get("cc", []))),
        (_("Lampiran"), ", ".join(details.get("attachments", []))),
    ]
    head = [f"{label}: {value}" for label, value in fields if value.strip(" ·")]
    body = [line for line in plain_text(version.body).splitlines() if line.strip()]
    return [*head, "", *body]


def version_diff(older: LetterVersion | None, newer: LetterVersion) -> list[DiffLine]:
    """Line by line: what ``newer`` removed (-) and added (+) against ``older``."""
    before = _lines(older) if older is not None else []
    rows = []
    for line in difflib.ndiff(before, _lines(newer)):
        if line.startswith("? "):
            continue
        rows.append(DiffLine(op=line[0], text=line[2:]))
    return rows


# --- Inbox and work queue -------------------------------------------------------------------


def received(user) -> QuerySet[Delivery]:
    """Letters delivered to ``user``: unread first, newest first."""
    return (
        Delivery.objects.filter(recipient=user)
        .select_related("letter__kind", "letter__opd")
        .defer("letter__body")
        .order_by(F("read_at").asc(nulls_first=True), "-delivered_at", "-pk")
    )


def _letters() -> QuerySet[Letter]:
    return Letter.objects.select_related("kind", "opd", "drafter").defer("body")


def to_initial(user) -> QuerySet[Letter]:
    return _letters().filter(status=Status.IN_REVIEW, current_verifier=user).order_by("updated_at")


def to_sign(user) -> QuerySet[Letter]:
    return _letters().filter(status=Status.READY, signer=user).order_by("updated_at")


def drafts(user) -> QuerySet[Letter]:
    return (
        _letters()
        .filter(drafter=user)
        .exclude(status__in=[Status.SENT, Status.CANCELLED])
        .order_by("-updated_at")
    )


def sent(user) -> QuerySet[Letter]:
    """Letters the person drafted or signed that went out, with how many of their recipients
    have read them (one query: the counts are annotated)."""
    return (
        _letters()
        .filter(Q(drafter=user) | Q(signer=user), status=Status.SENT)
        .annotate(
            delivered_count=Count("deliveries"),
            read_count=Count("deliveries", filter=Q(deliveries__read_at__isnull=False)),
        )
        .order_by("-sent_at")
    )


def _counts_key(user_id: int) -> str:
    return f"eoffice:counts:{user_id}"


def inbox_counts(user) -> dict[str, int]:
    """What waits for ``user``: letters to initial, to sign, and unread — kept in the cache
    (forgotten by every step that changes one of them)."""
    key = _counts_key(user.pk)
    counts = cache.get(key)
    if counts is None:
        # One query: three counts as scalar subqueries on the person's own row.
        counts = (
            get_user_model()
            .objects.filter(pk=user.pk)
            .annotate(
                paraf=_count(
                    Letter.objects.filter(
                        status=Status.IN_REVIEW, current_verifier_id=OuterRef("pk")
                    ),
                    "current_verifier_id",
                ),
                sign=_count(
                    Letter.objects.filter(status=Status.READY, signer_id=OuterRef("pk")),
                    "signer_id",
                ),
                unread=_count(
                    Delivery.objects.filter(recipient_id=OuterRef("pk"), read_at__isnull=True),
                    "recipient_id",
                ),
            )
            .values("paraf", "sign", "unread")
            .first()
        ) or {"paraf": 0, "sign": 0, "unread": 0}
        cache.set(key, counts, COUNTS_TTL)
    return counts


def _count(rows: QuerySet, column: str):
    counted = rows.order_by().values(column).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def inbox_counts_forget(user_id: int | None) -> None:
    if user_id:
        cache.delete(_counts_key(user_id))


def letters_for_signer(*, ids, signer, limit: int = 50) -> list[Letter]:
    """The letters ``ids`` that ``signer`` may open (others are skipped, as if absent)."""
    rows = Letter.objects.filter(pk__in=list(ids)[:limit]).select_related("kind").order_by("pk")
    return [letter for letter in rows if may_view(signer, letter)]


# ── Collaboration ──
# The conversation on a letter, the people one may mention, and the search across the letters
# a person may open.


@dataclass(frozen=True)
class CommentRow:
    pk: int
    author: str
    created_at: object
    edited_at: object
    html: str  # escaped text, mentions as names, line breaks; "" when deleted
    text: str  # the raw text with @NIP (the edit form)
    is_deleted: bool
    may_edit: bool
    may_delete: bool


def _comment_html(text: str, names: dict[str, str]) -> str:
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    from .services import MENTION

    parts, last = [], 0
    for match in MENTION.finditer(text):
        parts.append(escape(text[last : match.start()]))
        name = names.get(match.group(1))
        if name:
            parts.append(f'<span class="fw-semibold text-primary-emphasis">@{escape(name)}</span>')
        else:
            parts.append(escape(match.group(0)))
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts).replace("\n", "<br>"))  # noqa: S308 - escaped above


def comment_rows(letter: Letter, user) -> list[CommentRow]:
    """The conversation in order (two queries: comments with authors, mentions). The page has
    already established that ``user`` may open the letter."""
    from .workflows import COMMENT_WORKFLOW, is_author, within_edit_window

    comments = (
        letter.comments.select_related("author")
        .prefetch_related("mentions")
        .order_by("created_at", "pk")
    )
    edit_sources = COMMENT_WORKFLOW.action("edit").sources
    rows = []
    for comment in comments:
        mine = comment.status in edit_sources and is_author(user, comment) is None
        names = {p.nip: p.full_name for p in comment.mentions.all()}
        rows.append(
            CommentRow(
                pk=comment.pk,
                author=comment.author.full_name,
                created_at=comment.created_at,
                edited_at=comment.edited_at,
                html="" if comment.is_deleted else _comment_html(comment.text, names),
                text="" if comment.is_deleted else comment.text,
                is_deleted=comment.is_deleted,
                may_edit=mine and within_edit_window(user, comment) is None,
                may_delete=mine,
            )
        )
    return rows


def comment_for(user, letter_pk, comment_pk):
    """The comment ``comment_pk`` on a letter ``user`` may open; NotFound otherwise."""
    letter = letter_for(user, letter_pk)
    comment = letter.comments.select_related("author").filter(pk=comment_pk).first()
    if comment is None:
        raise NotFound()
    comment.letter = letter
    return comment


@dataclass(frozen=True)
class MentionCandidate:
    nip: str
    name: str


def mention_candidates(letter: Letter, query: str, *, exclude=None, limit: int = 8):
    """The letter's people (drafter, signer, verifiers, recipients) whose name or NIP starts
    with or holds ``query``: who one may mention (each of them may open the letter)."""
    query = " ".join((query or "").split())[:50]
    if not query:
        return []
    from django.db.models import Exists

    from .models import RouteStep

    on_route = RouteStep.objects.filter(letter_id=letter.pk, verifier_id=OuterRef("pk"))
    received_it = Delivery.objects.filter(letter_id=letter.pk, recipient_id=OuterRef("pk"))
    people = (
        get_user_model()
        .objects.filter(is_active=True, nip__isnull=False)
        .filter(
            Q(pk=letter.drafter_id)
            | Q(pk=letter.signer_id or 0)
            | Q(Exists(on_route))
            | Q(Exists(received_it))
        )
        .filter(Q(full_name__icontains=query) | Q(nip__startswith=query))
    )
    if exclude is not None:
        people = people.exclude(pk=exclude.pk)
    return [
        MentionCandidate(nip=nip, name=name)
        for nip, name in people.order_by("full_name").values_list("nip", "full_name")[:limit]
    ]


# --- Search ----------------------------------------------------------------------------------

SEARCH_PAGE_SIZE = 20
MAX_PAGE = 50  # 1,000 results: narrow the search to go further
MAX_QUERY_LENGTH = 100
MAX_QUERY_STEMS = 8
#: a letter number or a part of one: holds "/", or only digits and dots ("027", "000.1.2")
_NUMBER_LIKE = re.compile(r"/|^[\d.\-]+$")


@dataclass
class SearchFilters:
    """What the search form and the API parse (the same for both)."""

    q: str = ""
    kind: LetterKind | None = None
    classification: Classification | None = None
    status: str = ""
    security_class: str = ""
    opd: object | None = None
    sender: str = ""  # the drafter's name or NIP
    date_from: object | None = None
    date_to: object | None = None

    @property
    def is_empty(self) -> bool:
        return not any(
            [
                self.q,
                self.kind,
                self.classification,
                self.status,
                self.security_class,
                self.opd,
                self.sender,
                self.date_from,
                self.date_to,
            ]
        )


@dataclass(frozen=True)
class SearchRow:
    source: str  # "naskah": an outgoing letter (a registered incoming letter adds its own)
    pk: int
    number: str
    date: object
    subject: str
    subject_html: str  # the subject escaped, the matched words in <mark>
    kind: str
    status: str
    status_label: str
    badge: str
    opd: str
    url: str


@dataclass(frozen=True)
class SearchPage:
    rows: list[SearchRow]
    number: int
    has_previous: bool
    has_next: bool
    query_stems: tuple[str, ...] = ()
    by_number: bool = False


#: what every source's rows hold (``values()`` columns; sources are unioned on them)
SEARCH_COLUMNS = (
    "source",
    "pk",
    "number",
    "letter_date",
    "sort_at",
    "subject",
    "kind_name",
    "status",
    "opd_name",
)


class LetterSearch:
    """Search across the letters ``user`` may open (``permissions.visible_letters_q``).

    Each source turns the filters into a ``values(*SEARCH_COLUMNS)`` queryset of its own
    table; one source is ordered and paged in the database, several are unioned first (a
    registered incoming letter is a second source: ``LetterSearch.sources.append(fn)`` and
    a URL in ``urls``). Newest first; pages by "next" only (no count over a million rows).

    Words: the catalogue's Indonesian stems of the query (prefix match), every word must be
    in the number, subject or body — PostgreSQL full text over a GIN-indexed tsvector,
    SQLite ``LIKE`` over the same stems. A query that looks like a letter number
    (``/`` or digits) matches the number by substring (a trigram index on PostgreSQL).
    """

    #: functions ``(search) -> values(*SEARCH_COLUMNS)`` queryset; outgoing letters below
    sources: ClassVar[list] = []
    #: URL pattern of a row per source ("{pk}" replaced)
    urls: ClassVar[dict[str, str]] = {"naskah": "/surat/{pk}/"}

    def __init__(self, user, filters: SearchFilters):
        self.user = user
        self.filters = filters
        q = " ".join((filters.q or "").split())
        if len(q) > MAX_QUERY_LENGTH or "\x00" in q:
            raise InvalidInput(
                errors={
                    "q": [_("Kata kunci paling panjang %(n)s huruf.") % {"n": MAX_QUERY_LENGTH}]
                },
                code="query_too_long",
            )
        self.q = q
        self.limit = SEARCH_PAGE_SIZE + 1
        self.by_number = bool(_NUMBER_LIKE.search(q))
        self.stems: tuple[str, ...] = ()
        if q and not self.by_number:
            self.stems = tuple(
                s for s in integrations.search_query_stems(q) if re.fullmatch(r"[a-z0-9]+", s)
            )[:MAX_QUERY_STEMS]
            if not self.stems:
                raise InvalidInput(
                    errors={"q": [_("Tulis kata yang lebih khusus, misalnya hal naskahnya.")]},
                    code="query_without_words",
                )

    def page(self, number) -> SearchPage:
        try:
            number = max(1, min(int(number or 1), MAX_PAGE))
        except (TypeError, ValueError):
            number = 1
        # what each source's branches must give for this page (and whether there is a next)
        self.limit = number * SEARCH_PAGE_SIZE + 1
        queries = [source(self) for source in self.sources]
        rows = queries[0] if len(queries) == 1 else queries[0].union(*queries[1:], all=True)
        start = (number - 1) * SEARCH_PAGE_SIZE
        found = list(rows.order_by("-sort_at", "-pk")[start : start + SEARCH_PAGE_SIZE + 1])
        return SearchPage(
            rows=[self._row(values) for values in found[:SEARCH_PAGE_SIZE]],
            number=number,
            has_previous=number > 1,
            has_next=len(found) > SEARCH_PAGE_SIZE,
            query_stems=self.stems,
            by_number=self.by_number,
        )

    def _row(self, values: dict) -> SearchRow:
        status_labels = dict(Status.choices)
        letter = Letter(status=values["status"])
        url = self.urls[values["source"]].format(pk=values["pk"])
        return SearchRow(
            source=values["source"],
            pk=values["pk"],
            number=values["number"],
            date=values["letter_date"],
            subject=values["subject"],
            subject_html=highlight(values["subject"], self.stems),
            kind=values["kind_name"],
            status=values["status"],
            status_label=str(status_labels.get(values["status"], values["status"])),
            badge=letter.badge,
            opd=values["opd_name"],
            url=url,
        )


def _words_match(rows: QuerySet[Letter], stems: tuple[str, ...]) -> QuerySet[Letter]:
    if connection.vendor == "postgresql":
        table = Letter._meta.db_table
        # search_vector: a stored tsvector PostgreSQL generates from search_text (migration),
        # GIN-indexed; the stems are [a-z0-9] only and passed as a parameter.
        matches = RawSQL(  # noqa: S611
            f"{table}.search_vector @@ to_tsquery('simple', %s)",
            [" & ".join(f"{s}:*" for s in stems)],
            output_field=BooleanField(),
        )
        return rows.annotate(search_matches=matches).filter(search_matches=True)
    for term in stems:
        rows = rows.filter(search_text__contains=f" {term}")
    return rows


def letters_search_source(search: LetterSearch) -> QuerySet:
    """The outgoing letters (``Letter``) matching ``search``'s filters, as search rows.

    On PostgreSQL the visibility rule's branches (``permissions.visible_letters_branches``)
    are a UNION of newest-first queries limited to what the page needs: each branch may walk
    its own index (the signer's letters by date, the OPD's for the records clerk) or start
    from the GIN index, whichever is cheaper for the words — an OR of them would filter a scan
    of every letter matching the words."""
    from .permissions import visible_letters_branches

    branches = visible_letters_branches(search.user)
    rows = _letters_filtered(search)
    if not branches:
        return _search_values(rows.none())
    if len(branches) == 1 or not connection.features.supports_slicing_ordering_in_compound:
        return _search_values(rows.filter(reduce(or_, branches)))
    parts = [
        _search_values(rows.filter(branch)).order_by("-sort_at", "-pk")[: search.limit]
        for branch in branches
    ]
    return parts[0].union(*parts[1:])


def _letters_filtered(search: LetterSearch) -> QuerySet[Letter]:
    f = search.filters
    rows = Letter.objects.all()
    if search.by_number:
        rows = rows.filter(number__icontains=search.q)
    elif search.stems:
        rows = _words_match(rows, search.stems)
    if f.kind is not None:
        rows = rows.filter(kind_id=f.kind.pk)
    if f.classification is not None:
        code = f.classification.code
        rows = rows.filter(
            Q(classification__code=code) | Q(classification__code__startswith=f"{code}.")
        )
    if f.status:
        rows = rows.filter(status=f.status)
    if f.security_class:
        rows = rows.filter(security_class=f.security_class)
    if f.opd is not None:
        rows = rows.filter(opd_id=f.opd.pk)
    sender = " ".join((f.sender or "").split())[:100]
    if sender:
        rows = rows.filter(Q(drafter__nip=sender) | Q(drafter__full_name__icontains=sender))
    if f.date_from:
        rows = rows.filter(
            Q(dated__gte=f.date_from) | Q(dated__isnull=True, created_at__date__gte=f.date_from)
        )
    if f.date_to:
        rows = rows.filter(
            Q(dated__lte=f.date_to) | Q(dated__isnull=True, created_at__date__lte=f.date_to)
        )
    return rows


def _search_values(rows: QuerySet[Letter]) -> QuerySet:
    return rows.annotate(
        source=Value("naskah", output_field=CharField()),
        letter_date=Coalesce("dated", TruncDate("created_at")),
        sort_at=F("created_at"),
        kind_name=F("kind__name"),
        opd_name=F("opd__name"),
    ).values(*SEARCH_COLUMNS)


LetterSearch.sources.append(letters_search_source)


def highlight(text: str, stems: tuple[str, ...]) -> str:
    """``text`` escaped, each word whose stem starts with one of ``stems`` in ``<mark>``."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    if not stems:
        return escape(text)
    parts = []
    for token in re.split(r"(\w[\w'-]*)", text):
        if token and re.match(r"\w", token):
            token_stems = integrations.search_query_stems(token)
            if any(ts.startswith(s) for ts in token_stems for s in stems):
                parts.append(f"<mark>{escape(token)}</mark>")
                continue
        parts.append(escape(token))
    return mark_safe("".join(parts))  # noqa: S308 - every part escaped


def search_options() -> dict:
    """The choices of the search form's selects."""
    return {
        "kinds": kinds_active(),
        "classifications": classifications_active(),
        "opds": integrations.opds_active(),
    }
