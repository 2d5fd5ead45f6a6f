"""Workflows declared once, as a table anyone can read, and the one ``transition()`` that moves
an object along it.

An app declares its workflow next to its models::

    APPLICATION_WORKFLOW = Workflow(
        "civil_registry.application",
        model=Application, event_model=ApplicationEvent, event_fk="application",
        actions=[
            Action("claim", _("Ambil"), sources={SUBMITTED, RESUBMITTED}, target=IN_REVIEW,
                   permission="civil_registry.process_application",
                   public_text=gettext_noop("Permohonan Anda sedang diperiksa petugas.")),
            ...
        ],
    )

and every question about it goes to the same object:

- ``workflow.transition(obj, "claim", actor=officer)`` inside the caller's transaction: locks
  the row, checks the state, the permission and the guard, writes the event row (actor, time,
  from, to, reason, public text), saves the new state with any ``changes``, and lets the
  workflow's ``on_event`` hook enqueue notifications (which leave after commit);
- ``workflow.can(user, obj, "claim")`` / ``workflow.allowed_actions(user, obj)``: what a
  template, an API response (``allowed_actions``) and the navigation show — exactly the actions
  that ``transition`` would accept now;
- ``workflow.refusal(user, obj, "claim")``: why not, as the ``DomainError`` that
  ``transition`` would raise (so a page can explain a missing button);
- ``workflow.rows()``: the table itself (docs, admin, the matrix tests).

We wrote this small engine rather than adopting django-fsm-2: its transitions are methods on
the model (business rules in the model, which our style keeps in services), its permission hook
takes no object-level ``rules`` predicate with a refusal message, it writes no event rows, and
its ``has_transition_perm`` does not lock the row — we would have wrapped every one of those.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import Conflict, DomainError, Forbidden, NotFound

Guard = Callable[[object, models.Model], DomainError | None]

#: Every declared workflow by name (the ``{% allowed %}`` template tag looks them up here).
REGISTRY: dict[str, Workflow] = {}


@dataclass(frozen=True)
class Action:
    """One row of a workflow table."""

    name: str
    label: str  # what the button says (lazy translation)
    sources: frozenset[str]
    #: the new state; None: the state stays (the action only writes an event); a callable
    #: ``(obj) -> state`` for an action that returns to where the object came from
    target: str | None | Callable[[models.Model], str]
    permission: str | None  # a ``rules`` permission asked with (user, obj); None: system only
    guard: Guard | None = None  # a cheap precondition beyond the state: a DomainError or None
    public_text: str = ""  # gettext_noop msgid: what the affected person is told
    public_reason: bool = False  # the actor's reason is addressed to the affected person
    notify: bool = True  # the workflow's notify hook runs for this action's events
    kind: str = "transition"  # the event's kind (transition, claim, note…)
    #: gettext_noop msgid said when the state does not allow the action (a generic one if "")
    refused: str = ""
    refused_code: str = "invalid_transition"

    def __post_init__(self) -> None:
        object.__setattr__(self, "sources", frozenset(self.sources))

    @property
    def is_system(self) -> bool:
        return self.permission is None


@dataclass
class Step:
    """What ``transition`` did: the event row written and the states around it."""

    action: Action
    event: models.Model
    from_state: str
    to_state: str


@dataclass
class Workflow:
    name: str
    model: type[models.Model]
    event_model: type[models.Model]
    event_fk: str
    actions: Iterable[Action]
    state_field: str = "status"
    #: extra columns of the event row, e.g. ``lambda app: {"office_id": app.office_id}``
    event_fields: Callable[[models.Model], dict] | None = None
    #: runs in the transaction after the event row is written (notifications: rows now, delivery
    #: after commit); not called for actions with ``notify=False``
    on_event: Callable[[models.Model, Step], None] | None = None
    #: how the object's kind is named in refusals ("permohonan", "dokumen")
    noun: str = ""
    _by_name: dict[str, Action] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.actions = tuple(self.actions)
        self._by_name = {}
        REGISTRY[self.name] = self
        states = {value for value, _label in self._state_choices()}
        for action in self.actions:
            if action.name in self._by_name:
                raise ValueError(f"{self.name}: action {action.name!r} declared twice")
            targets = {action.target} if isinstance(action.target, str) else set()
            unknown = (set(action.sources) | targets) - states
            if states and unknown:
                raise ValueError(f"{self.name}.{action.name}: unknown states {sorted(unknown)}")
            self._by_name[action.name] = action

    # --- Reading the table ------------------------------------------------------------------

    def _state_choices(self) -> list[tuple[str, str]]:
        return list(self.model._meta.get_field(self.state_field).choices or [])

    def state_label(self, state: str) -> str:
        return str(dict(self._state_choices()).get(state, state))

    def action(self, name: str) -> Action:
        try:
            return self._by_name[name]
        except KeyError:
            raise KeyError(f"{self.name}: no action {name!r}") from None

    def rows(self) -> list[dict]:
        """The table as data: one dict per action (for docs, the admin and tests)."""
        return [
            {
                "action": a.name,
                "label": str(a.label),
                "from": sorted(a.sources),
                "to": a.target if not callable(a.target) else "(" + _("kembali") + ")",
                "permission": a.permission or "",
                "guard": getattr(a.guard, "__name__", "") if a.guard else "",
                "public_text": a.public_text,
            }
            for a in self.actions
        ]

    def states(self) -> list[str]:
        return [value for value, _label in self._state_choices()]

    # --- Asking ---------------------------------------------------------------------------

    def _state_of(self, obj) -> str:
        return getattr(obj, self.state_field)

    def refusal(self, user, obj, name: str, *, system: bool = False) -> DomainError | None:
        """Why ``user`` may not do ``name`` on ``obj`` now (None: they may)."""
        action = self.action(name)
        if not system:
            if action.permission is None:
                return Forbidden(code="forbidden")
            if not (
                user is not None
                and getattr(user, "is_authenticated", False)
                and user.has_perm(action.permission, obj)
            ):
                return Forbidden(code="forbidden")
        state = self._state_of(obj)
        if state not in action.sources and action.refused:
            return Conflict(_(action.refused), code=action.refused_code)
        if state not in action.sources:
            return Conflict(
                _(
                    "Tindakan “%(action)s” tidak dapat dilakukan pada %(noun)s berstatus “%(state)s”."
                ),
                code="invalid_transition",
                params={
                    "action": action.label,
                    "noun": self.noun or _("data"),
                    "state": self.state_label(state),
                },
            )
        if action.guard is not None:
            return action.guard(user, obj)
        return None

    def ensure(self, user, obj, name: str, *, system: bool = False) -> None:
        """Raise the refusal ``transition`` would raise (to check before preparing changes)."""
        refused = self.refusal(user, obj, name, system=system)
        if refused is not None:
            raise refused

    def can(self, user, obj, name: str) -> bool:
        # The state first: it is free, and rules out most actions before any permission check.
        if self._state_of(obj) not in self.action(name).sources:
            return False
        return self.refusal(user, obj, name) is None

    def allowed_actions(self, user, obj) -> list[str]:
        """The names of the actions ``user`` could do on ``obj`` right now, in table order."""
        if obj is None or user is None or not getattr(user, "is_authenticated", False):
            return []
        state = self._state_of(obj)
        return [
            a.name
            for a in self.actions
            if a.permission is not None
            and state in a.sources
            and self.refusal(user, obj, a.name) is None
        ]

    # --- Doing ----------------------------------------------------------------------------

    def lock(self, obj):
        """Lock ``obj``'s row for the rest of the transaction and refresh its state from it."""
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError(f"{self.name}: transition() must run inside transaction.atomic")
        state = (
            self.model.objects.select_for_update()
            .filter(pk=obj.pk)
            .values_list(self.state_field, flat=True)
            .first()
        )
        if state is None:
            raise NotFound()
        setattr(obj, self.state_field, state)
        return obj

    def transition(
        self,
        obj,
        name: str,
        *,
        actor,
        reason: str = "",
        changes: dict | None = None,
        system: bool = False,
        locked: bool = False,
    ) -> Step:
        """Do ``name`` on ``obj`` as ``actor`` (or as the system: no permission asked).

        ``changes`` are other fields saved with the new state in the same UPDATE. ``locked``:
        the caller fetched ``obj`` with ``select_for_update`` in this very transaction (a
        service's first step), so the row is not locked and read again.
        """
        action = self.action(name)
        if locked:
            if not transaction.get_connection().in_atomic_block:
                raise RuntimeError(f"{self.name}: transition() must run inside transaction.atomic")
        else:
            self.lock(obj)
        refused = self.refusal(actor, obj, name, system=system)
        if refused is not None:
            raise refused
        from_state = self._state_of(obj)
        to_state = action.target(obj) if callable(action.target) else action.target
        to_state = from_state if to_state is None else to_state
        event = self.record(
            obj, action, from_state=from_state, to_state=to_state, actor=actor, reason=reason
        )
        update_fields = []
        if to_state != from_state:
            setattr(obj, self.state_field, to_state)
            update_fields.append(self.state_field)
        for attr, value in (changes or {}).items():
            setattr(obj, attr, value)
            update_fields.append(attr)
        if update_fields:
            if any(f.name == "updated_at" for f in self.model._meta.concrete_fields):
                update_fields.append("updated_at")
            obj.save(update_fields=update_fields)
        step = Step(action=action, event=event, from_state=from_state, to_state=to_state)
        if action.notify and self.on_event is not None:
            self.on_event(obj, step)
        return step

    def record(
        self,
        obj,
        action: Action | str,
        *,
        from_state: str | None = None,
        to_state: str | None = None,
        actor=None,
        reason: str = "",
    ):
        """Write one event row (``transition`` does this; call it directly for an event that
        is not an action of the table, e.g. a creation)."""
        if isinstance(action, str):
            action = self.action(action)
        state = self._state_of(obj)
        fields = {
            self.event_fk: obj,
            "action": action.name,
            "kind": action.kind,
            "actor": actor
            if actor is not None and getattr(actor, "is_authenticated", False)
            else None,
            "at": timezone.now(),
            "from_status": state if from_state is None else from_state,
            "to_status": state if to_state is None else to_state,
            "reason": str(reason or "")[:2000],
            "public_text": action.public_text,
        }
        if not any(f.name == "kind" for f in self.event_model._meta.concrete_fields):
            fields.pop("kind")
        if self.event_fields is not None:
            fields.update(self.event_fields(obj))
        return self.event_model.objects.create(**fields)

    def public_reason(self, event) -> bool:
        """Whether the event's reason may be shown to the affected person."""
        action = self._by_name.get(getattr(event, "action", ""))
        return bool(action and action.public_reason)


def all_of(*guards: Guard) -> Guard:
    """A guard that passes when every one of ``guards`` passes (the first refusal wins)."""

    def combined(user, obj):
        for guard in guards:
            refused = guard(user, obj)
            if refused is not None:
                return refused
        return None

    combined.__name__ = "+".join(getattr(g, "__name__", "guard") for g in guards)
    return combined
