"""Gap-free official numbers (certificate registration numbers, letter numbers, NIK sequences):
one locked counter row per register, updated inside the caller's transaction.

A register is one sequence: (kind, unit, year), year 0 for a sequence that never resets. Its row
is locked (``select_for_update``) and its ``last`` raised in the transaction of the action that
needs the number, so a caller that rolls back gives its number back and the sequence has no gaps.
Only a number that was reserved and then cancelled leaves a hole, and that hole is explained: the
``IssuedNumber`` row stays, with who cancelled it and why, and its sequence is never reused.

A number's life (``IssuedNumber.State``)::

    reserved ──number_use──▶ used          (final; repeating number_use is a no-op)
        └──────number_cancel──▶ cancelled  (final; repeating number_cancel is a no-op)

Formats are ``str.format`` templates, e.g. ``{regency}-XX-{date:%d%m%Y}-{seq:04d}`` (civil
registration) or ``{classification}/{seq}/{unit}/{year}`` (letters: ``027/123/DISKOMINFO/2026``).
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Iterable

from django.db import transaction
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from balaikota.core.errors import Conflict, InvalidInput

from .models import IssuedNumber, NumberRegister

__all__ = [
    "CONTEXT_PLACEHOLDERS",
    "FORMAT_MAX_LENGTH",
    "NUMBER_MAX_LENGTH",
    "PLACEHOLDERS",
    "number_cancel",
    "number_format_validate",
    "number_render",
    "number_reserve",
    "number_use",
    "register_numbers",
    "sequence_next",
]

State = IssuedNumber.State

# Always available to a format: what the register and the date of the number say.
PLACEHOLDERS = frozenset({"seq", "date", "year", "unit", "kind"})
# Extra values the callers pass in ``context``; a format checked without a context (in a form or
# the admin) may use these too.
CONTEXT_PLACEHOLDERS = frozenset({"regency", "classification"})
NUMBER_MAX_LENGTH = IssuedNumber._meta.get_field("number").max_length
FORMAT_MAX_LENGTH = NumberRegister._meta.get_field("format").max_length

_SAMPLE = {"seq": 1, "date": dt.date(2026, 12, 31), "year": 2026, "unit": "UNIT", "kind": "kind"}


def _bad_format(message: str, params: dict | None = None) -> InvalidInput:
    return InvalidInput(message, code="bad_format", params=params)


def _fields(fmt: str) -> list[tuple[str, str]]:
    """The (name, format spec) of every placeholder; a refusal for what we do not allow."""
    try:
        parsed = list(string.Formatter().parse(fmt))
    except ValueError:
        raise _bad_format(
            _("Format nomor tidak dapat dipakai: periksa pasangan tanda kurung kurawal.")
        ) from None
    fields = []
    for _literal, name, spec, _conversion in parsed:
        if name is None:
            continue
        # No attribute or index access: a format typed in the admin must not reach into objects.
        if "." in name or "[" in name or "{" in (spec or ""):
            raise _bad_format(
                _(
                    "Isian “{%(name)s}” tidak boleh memakai titik, kurung siku atau isian "
                    "bertingkat."
                ),
                params={"name": name},
            )
        fields.append((name, spec or ""))
    return fields


def number_format_validate(fmt: str, *, context: dict | None = None) -> None:
    """Refuse (``InvalidInput``, code ``bad_format``) a format that uses an unknown placeholder,
    lacks ``{seq}``, cannot render or is longer than ``FORMAT_MAX_LENGTH``. Without ``context``,
    ``CONTEXT_PLACEHOLDERS`` are allowed; with it, exactly the context's keys are."""
    fmt = str(fmt or "")
    if len(fmt) > FORMAT_MAX_LENGTH:
        raise _bad_format(
            _("Format nomor paling panjang %(max)d karakter."), params={"max": FORMAT_MAX_LENGTH}
        )
    fields = _fields(fmt)
    names = [name for name, _spec in fields]
    if "seq" not in names:
        raise _bad_format(_("Format nomor harus memuat {seq} (nomor urut)."))
    extras: Iterable[str] = CONTEXT_PLACEHOLDERS if context is None else context.keys()
    allowed = PLACEHOLDERS | set(extras)
    unknown = sorted({name or "{}" for name in names if name not in allowed})
    if unknown:
        raise _bad_format(
            _(
                "Format nomor memakai isian yang tidak dikenal: %(names)s. "
                "Isian yang tersedia: %(allowed)s."
            ),
            params={
                "names": ", ".join(unknown),
                "allowed": ", ".join(f"{{{name}}}" for name in sorted(allowed)),
            },
        )
    sample = dict(context) if context is not None else dict.fromkeys(CONTEXT_PLACEHOLDERS, "X")
    number_render(
        fmt,
        seq=_SAMPLE["seq"],
        on=_SAMPLE["date"],
        kind=_SAMPLE["kind"],
        unit=_SAMPLE["unit"],
        year=_SAMPLE["year"],
        context=sample,
    )


def number_render(
    fmt: str,
    *,
    seq: int,
    on: dt.date,
    kind: str,
    unit: str,
    year: int,
    context: dict | None = None,
) -> str:
    """The number ``fmt`` writes for sequence ``seq`` dated ``on`` (``InvalidInput``, code
    ``bad_format``, when it cannot render). ``context`` adds values such as ``regency``; it may
    not replace the standard ones."""
    _fields(str(fmt or ""))
    context = dict(context or {})
    clash = PLACEHOLDERS & context.keys()
    if clash:
        raise ValueError(f"number context may not override {sorted(clash)}")
    values = {**context, "seq": seq, "date": on, "year": year, "unit": unit, "kind": kind}
    try:
        return str(fmt).format(**values)
    except KeyError as exc:
        raise _bad_format(
            _("Format nomor memakai isian yang tidak dikenal: %(names)s."),
            params={"names": str(exc.args[0]) if exc.args else "?"},
        ) from None
    except (IndexError, ValueError, TypeError, AttributeError):
        raise _bad_format(
            _("Format nomor tidak dapat dipakai: periksa bentuk tiap isian (misalnya {seq:04d}).")
        ) from None


def _require_transaction(action: str) -> None:
    # The counter must be raised in the transaction of the action that needs the number: in
    # autocommit the number would stay taken even when that action fails, leaving a gap.
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(f"{action}() must run inside the caller's transaction.atomic()")


def _register_locked(*, kind: str, unit: str, year: int, defaults: dict) -> NumberRegister:
    """The register row, created if needed, locked until the caller's transaction ends.

    Two first reservations at once: one INSERT wins, the other waits on the unique index, fails
    inside get_or_create's savepoint and then locks the winner's row.
    """
    if not kind:
        raise ValueError("a number register needs a kind")
    register, _created = NumberRegister.objects.select_for_update().get_or_create(
        kind=kind, unit=unit, year=year, defaults=defaults
    )
    return register


def _date_text(value: dt.date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def number_reserve(
    *,
    kind: str,
    unit: str = "",
    on: dt.date,
    format: str,
    context: dict | None = None,
    source_app: str = "",
    source_id: str = "",
    actor=None,
    yearly: bool = True,
    use: bool = False,
) -> IssuedNumber:
    """Reserve the next number of register (kind, unit, ``on.year`` or 0 when not ``yearly``).

    ``use=True``: the number is printed at once (an approval's registration number): it is
    written as used, saving the separate ``number_use``.

    Runs in the caller's transaction (``RuntimeError`` otherwise) and holds the register's lock
    until it ends. With ``source_app`` and ``source_id``, a retry returns the source's live
    (not cancelled) number of this register. Refuses a bad ``format`` (``InvalidInput``
    ``bad_format``) and a date before the register's latest one (``Conflict`` ``backdated``).
    ``{year}`` in the number is the year of ``on``, also in a register that never resets.
    """
    _require_transaction("number_reserve")
    if isinstance(on, dt.datetime):
        raise TypeError("number_reserve(on=...) takes a date, not a datetime")
    number_format_validate(format, context=context if context is not None else {})
    register = _register_locked(
        kind=kind, unit=unit, year=on.year if yearly else 0, defaults={"format": format}
    )
    if source_app and source_id:
        existing = (
            register.numbers.filter(source_app=source_app, source_id=source_id)
            .exclude(state=State.CANCELLED)
            .first()
        )
        if existing is not None:
            return existing
    if register.last_dated and on < register.last_dated:
        raise Conflict(
            _(
                "Nomor bertanggal %(date)s tidak dapat diberikan: register ini sudah memakai "
                "tanggal %(last)s."
            ),
            code="backdated",
            params={"date": _date_text(on), "last": _date_text(register.last_dated)},
        )
    sequence = register.last + 1
    text = number_render(
        format, seq=sequence, on=on, kind=kind, unit=unit, year=on.year, context=context
    )
    if len(text) > NUMBER_MAX_LENGTH:
        raise _bad_format(
            _("Nomor “%(number)s” lebih dari %(max)d karakter."),
            params={"number": text, "max": NUMBER_MAX_LENGTH},
        )
    register.last = sequence
    register.last_dated = on
    register.format = format
    register.save(update_fields=["last", "last_dated", "format", "updated_at"])
    return IssuedNumber.objects.create(
        register=register,
        sequence=sequence,
        number=text,
        state=State.USED if use else State.RESERVED,
        used_at=timezone.now() if use else None,
        dated=on,
        source_app=source_app,
        source_id=source_id,
        reserved_by=actor,
    )


def _locked_number(number: IssuedNumber) -> IssuedNumber:
    return IssuedNumber.objects.select_for_update().get(pk=number.pk)


@transaction.atomic
def number_use(*, number: IssuedNumber) -> IssuedNumber:
    """Mark a reserved number used (a used one stays used); a cancelled one is refused
    (``Conflict`` ``number_cancelled``)."""
    number = _locked_number(number)
    if number.state == State.CANCELLED:
        raise Conflict(
            _("Nomor %(number)s sudah dibatalkan dan tidak dapat dipakai."),
            code="number_cancelled",
            params={"number": number.number},
        )
    if number.state == State.RESERVED:
        number.state = State.USED
        number.used_at = timezone.now()
        number.save(update_fields=["state", "used_at"])
    return number


@transaction.atomic
def number_cancel(*, number: IssuedNumber, actor, reason: str) -> IssuedNumber:
    """Cancel a reserved number: the row stays with the reason and its sequence is never given
    out again. A reason is required (``InvalidInput`` on ``reason``); a used number is refused
    (``Conflict`` ``number_used``); cancelling a cancelled number again changes nothing (a
    retried request gets the same answer; the first reason and actor are kept)."""
    reason = str(reason or "").strip()
    if not reason:
        raise InvalidInput(errors={"reason": [_("Alasan pembatalan nomor wajib diisi.")]})
    number = _locked_number(number)
    if number.state == State.CANCELLED:
        return number
    if number.state == State.USED:
        raise Conflict(
            _("Nomor %(number)s sudah dipakai dan tidak dapat dibatalkan."),
            code="number_used",
            params={"number": number.number},
        )
    number.state = State.CANCELLED
    number.cancelled_by = actor
    number.cancelled_at = timezone.now()
    number.cancel_reason = reason
    number.save(update_fields=["state", "cancelled_by", "cancelled_at", "cancel_reason"])
    return number


def sequence_next(*, kind: str, unit: str = "", year: int = 0, start_from: int = 0) -> int:
    """The next value of a bare gap-free counter (no ``IssuedNumber`` row), e.g. the NIK
    sequence of one region and birth date. Runs in the caller's transaction (``RuntimeError``
    otherwise). ``start_from`` says that the values up to it are already taken elsewhere: a
    fresh register returns ``start_from + 1``, and an existing one never returns a value at or
    below it."""
    _require_transaction("sequence_next")
    register = _register_locked(kind=kind, unit=unit, year=year, defaults={"last": start_from})
    if register.format:
        raise ValueError(f"register {register} issues numbers: use number_reserve()")
    register.last = max(register.last, start_from) + 1
    register.save(update_fields=["last", "updated_at"])
    return register.last


def register_numbers(register: NumberRegister) -> QuerySet[IssuedNumber]:
    """Every number the register gave out, in sequence order, cancelled ones included."""
    return (
        IssuedNumber.objects.filter(register=register)
        .select_related("reserved_by", "cancelled_by")
        .order_by("sequence")
    )
