"""Work queues: who works on which item, in due-date order, with nothing processed twice.

A queue sits on top of a workflow: claiming is the workflow's claim action (so it writes an
event and checks the permission), the claim holder is remembered on the row, and claim-next
takes the item due first that no other worker is claiming right now (``SKIP LOCKED`` on
PostgreSQL). Counts stop at a cap so a backlog of 100 000 pages as fast as one of 100, and
overdue items are escalated once a day through a callback::

    QUEUE = WorkQueue(
        workflow=APPLICATION_WORKFLOW,
        waiting={Status.SUBMITTED, Status.RESUBMITTED},
        claimed_state=Status.IN_REVIEW,
        order=("due_date", "submitted_at", "pk"),
    )
    QUEUE.claim(application, user=officer)
    QUEUE.claim_next(user=officer, among=Application.objects.filter(office_id__in=[...]))
    QUEUE.release(application, user=officer, reason="…")
    QUEUE.page(rows, request.GET.get("halaman"), per_page=25)
    QUEUE.escalate_overdue(overdue=Application.objects.filter(...), today=today,
                           escalate=lambda app, today: ...)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import Conflict, Forbidden
from .pagination import CappedPaginator
from .workflow import Workflow


@dataclass
class WorkQueue:
    workflow: Workflow
    waiting: Iterable[str]  # states in which an item waits for someone to claim it
    claimed_state: str  # the state the claim action moves to
    claim_action: str = "claim"
    release_action: str = "release"
    claimed_by_field: str = "claimed_by"
    claimed_at_field: str = "claimed_at"
    order: tuple[str, ...] = ("due_date", "pk")
    cap: int = 1000  # rows counted at most
    claimed_message: str = ""  # gettext_noop msgid when someone else holds the item
    escalated_field: str = "last_escalated_on"
    _waiting: frozenset[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._waiting = frozenset(self.waiting)

    @property
    def model(self) -> type[models.Model]:
        return self.workflow.model

    def _holder_id(self, obj):
        return getattr(obj, f"{self.claimed_by_field}_id")

    # --- Reading ----------------------------------------------------------------------------

    def ordered(self, rows: QuerySet) -> QuerySet:
        return rows.order_by(*self.order)

    def page(self, rows: QuerySet, number, *, per_page: int = 25):
        """One page of ``rows`` whose count stops at ``cap`` (``page.paginator.is_capped``)."""
        return CappedPaginator(self.ordered(rows), per_page, cap=self.cap).get_page(number)

    def is_waiting(self, obj) -> bool:
        return self.workflow._state_of(obj) in self._waiting

    def is_claimed_by(self, obj, user) -> bool:
        return bool(
            user is not None
            and self.workflow._state_of(obj) == self.claimed_state
            and self._holder_id(obj) == user.pk
        )

    # --- Claiming ---------------------------------------------------------------------------

    @transaction.atomic
    def claim(self, obj, *, user, reason: str = ""):
        """Give ``obj`` to ``user``; their own claim again is a no-op, another's a 409."""
        self.workflow.lock(obj)
        refused = self.workflow.refusal(user, obj, self.claim_action)
        if isinstance(refused, Forbidden):
            raise refused
        if self.workflow._state_of(obj) == self.claimed_state:
            obj.refresh_from_db(fields=[self.claimed_by_field])
            if self._holder_id(obj) == user.pk:
                return obj
            message = (
                _(self.claimed_message)
                if self.claimed_message
                else _("Item ini sudah ditangani petugas lain.")
            )
            raise Conflict(message, code="claimed")
        if refused is not None:
            raise refused
        self.workflow.transition(
            obj,
            self.claim_action,
            actor=user,
            reason=reason,
            changes={self.claimed_by_field: user, self.claimed_at_field: timezone.now()},
            locked=True,  # locked above
        )
        return obj

    @transaction.atomic
    def claim_next(self, *, user, among: QuerySet, reason: Callable[[object], str] | None = None):
        """Claim the waiting item of ``among`` due first; rows another worker is claiming right
        now are skipped (SKIP LOCKED), so two workers never get the same item. None: nothing
        waits. ``among`` is already limited to what ``user`` works on (their scope)."""
        candidate = (
            self.ordered(
                among.filter(**{f"{self.workflow.state_field}__in": sorted(self._waiting)})
            )
            .select_for_update(skip_locked=True, of=("self",))
            .first()
        )
        if candidate is None:
            return None
        return self.claim(candidate, user=user, reason=reason(candidate) if reason else "")

    @transaction.atomic
    def release(self, obj, *, user, reason: str = ""):
        """Give ``obj`` back to the queue (the release action decides which waiting state)."""
        self.workflow.transition(
            obj,
            self.release_action,
            actor=user,
            reason=reason,
            changes={self.claimed_by_field: None, self.claimed_at_field: None},
        )
        return obj

    # --- Escalation -------------------------------------------------------------------------

    def escalate_overdue(
        self,
        *,
        overdue: QuerySet,
        today: dt.date,
        escalate: Callable[[models.Model, dt.date], None],
        batch: int = 500,
    ) -> int:
        """Call ``escalate(item, today)`` once a day for each item of ``overdue``, in batches of
        row-locked items (SKIP LOCKED: two beat runs never escalate one item twice). Returns
        how many were escalated."""
        done = 0
        while True:
            with transaction.atomic():
                rows = list(
                    self.ordered(
                        overdue.exclude(**{self.escalated_field: today})
                    ).select_for_update(skip_locked=True, of=("self",))[:batch]
                )
                for item in rows:  # locked: escalate() may transition them with locked=True
                    escalate(item, today)
                    setattr(item, self.escalated_field, today)
                    item.save(update_fields=[self.escalated_field])
                done += len(rows)
            if len(rows) < batch:
                return done
