"""The arithmetic of competency development, kept apart so it can be read and tested alone:
readiness scores and levels, and JP from the conversion table."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from .models import JpConversion, ReadinessQuestion

TWO = Decimal("0.01")


def readiness_scores(answers: dict[int, int], questions: Iterable[ReadinessQuestion]) -> dict:
    """Score per digital area: the mean of its answers (two decimals, half up)."""
    by_area: dict[str, list[int]] = {}
    for question in questions:
        by_area.setdefault(question.competency.code, []).append(answers[question.pk])
    return {
        code: str((Decimal(sum(values)) / len(values)).quantize(TWO, ROUND_HALF_UP))
        for code, values in by_area.items()
    }


def level_of(score: Decimal | str) -> int:
    """The level a readiness score stands for (2.50 → 3; 1.00–5.00)."""
    value = Decimal(str(score)).quantize(Decimal("1"), ROUND_HALF_UP)
    return max(1, min(5, int(value)))


def jp_for_evidence(conversion: JpConversion | None, quantity: Decimal) -> Decimal:
    """JP of a piece of evidence by the conversion table; 0 when its form has no conversion."""
    if conversion is None:
        return Decimal(0)
    quantity = Decimal(quantity)
    if conversion.unit == JpConversion.Unit.MINUTE:
        jp = (quantity / conversion.minutes_per_jp).quantize(TWO, ROUND_DOWN)
    else:
        jp = (quantity * conversion.jp_per_unit).quantize(TWO, ROUND_DOWN)
    if conversion.max_jp_per_item is not None:
        jp = min(jp, conversion.max_jp_per_item)
    return jp
