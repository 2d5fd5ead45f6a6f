"""The satisfaction index (IKM) of PermenPAN-RB 14/2017, computed exactly.

Nine elements (U1–U9), each answered 1–4. Per element the average (NRR, nilai rata-rata) is the
sum of the answers over the respondents; the IKM is the mean of the nine NRR × 25 — with weights
of exactly 1/9, not the rounded 0.111 some spreadsheets use (which makes the best possible
score 99.9, not 100). Fractions keep every step exact; figures are rounded half-up to the
regulation's precision only when shown (NRR 4 decimals, IKM 2), and the grade is read from the
IKM as shown, so a report and its grade never disagree.

Whether the respondents are enough: the regulation takes the sample size from Krejcie and
Morgan's table, s = χ²·N·P(1−P) / (d²·(N−1) + χ²·P(1−P)) with χ² = 3.841, P = 0.5, d = 0.05,
N the number of people served in the period (384 when N is unknown or very large).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

ELEMENTS: tuple[tuple[str, str], ...] = (
    ("u1", _("Persyaratan")),
    ("u2", _("Sistem, mekanisme dan prosedur")),
    ("u3", _("Waktu penyelesaian")),
    ("u4", _("Biaya/tarif")),
    ("u5", _("Produk spesifikasi jenis pelayanan")),
    ("u6", _("Kompetensi pelaksana")),
    ("u7", _("Perilaku pelaksana")),
    ("u8", _("Sarana dan prasarana")),
    ("u9", _("Penanganan pengaduan, saran dan masukan")),
)
ELEMENT_CODES = tuple(code for code, _label in ELEMENTS)
SCALE = (1, 2, 3, 4)

# (lowest IKM of the grade, grade, quality) — PermenPAN-RB 14/2017, lampiran.
GRADES: tuple[tuple[Decimal, str, str], ...] = (
    (Decimal("88.31"), "A", _("Sangat baik")),
    (Decimal("76.61"), "B", _("Baik")),
    (Decimal("65.00"), "C", _("Kurang baik")),
    (Decimal("25.00"), "D", _("Tidak baik")),
)
# The same grades on one element's NRR (1–4): an element below B needs a follow-up action.
NRR_GRADES: tuple[tuple[Decimal, str], ...] = (
    (Decimal("3.5324"), "A"),
    (Decimal("3.0644"), "B"),
    (Decimal("2.6000"), "C"),
    (Decimal("1.0000"), "D"),
)

CHI_SQUARE = Fraction(3841, 1000)
PROPORTION = Fraction(1, 2)
MARGIN = Fraction(5, 100)


def _round(value: Fraction, places: int) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def grade_of(ikm: Decimal) -> tuple[str, str]:
    for lowest, grade, quality in GRADES:
        if ikm >= lowest:
            return grade, str(quality)
    return "D", str(GRADES[-1][2])


def nrr_grade_of(nrr: Decimal) -> str:
    for lowest, grade in NRR_GRADES:
        if nrr >= lowest:
            return grade
    return "D"


def required_respondents(population: int | None) -> int:
    """Krejcie and Morgan's sample size for ``population`` people served (rounded up)."""
    base = CHI_SQUARE * PROPORTION * (1 - PROPORTION)
    if not population:
        return math.ceil(base / MARGIN**2)
    size = base * population / (MARGIN**2 * (population - 1) + base)
    return min(population, math.ceil(size))


@dataclass(frozen=True)
class ElementScore:
    code: str
    label: str
    total: int
    nrr_exact: Fraction

    @property
    def nrr(self) -> Decimal:
        return _round(self.nrr_exact, 4)

    @property
    def grade(self) -> str:
        return nrr_grade_of(self.nrr)

    @property
    def converted(self) -> Decimal:
        """The element on the 25–100 scale (NRR × 25), as the published tables show it."""
        return _round(self.nrr_exact * 25, 2)


@dataclass(frozen=True)
class IkmResult:
    respondents: int
    elements: tuple[ElementScore, ...]
    ikm_exact: Fraction | None
    population: int | None = None

    @property
    def ikm(self) -> Decimal | None:
        return None if self.ikm_exact is None else _round(self.ikm_exact, 2)

    @property
    def grade(self) -> str:
        return grade_of(self.ikm)[0] if self.ikm is not None else ""

    @property
    def quality(self) -> str:
        return grade_of(self.ikm)[1] if self.ikm is not None else ""

    @property
    def required(self) -> int:
        return required_respondents(self.population)

    @property
    def is_reliable(self) -> bool:
        """Enough respondents for the people served (Krejcie and Morgan)."""
        return self.respondents > 0 and self.respondents >= self.required

    @property
    def weak_elements(self) -> tuple[ElementScore, ...]:
        """Elements graded C or D: each needs a follow-up action."""
        return tuple(e for e in self.elements if e.grade in {"C", "D"})


def ikm_from_totals(
    totals: Sequence[int], respondents: int, *, population: int | None = None
) -> IkmResult:
    """The IKM from each element's sum of answers (U1…U9) over ``respondents`` people."""
    if len(totals) != len(ELEMENTS):
        raise ValueError("IKM needs the totals of exactly 9 elements")
    if respondents < 0 or any(t < 0 for t in totals):
        raise ValueError("totals and respondents cannot be negative")
    if respondents and any(not respondents * 1 <= t <= respondents * 4 for t in totals):
        raise ValueError("each total lies between 1 and 4 times the respondents")
    if respondents == 0:
        elements = tuple(ElementScore(code, str(label), 0, Fraction(0)) for code, label in ELEMENTS)
        return IkmResult(0, elements, None, population)
    elements = tuple(
        ElementScore(code, str(label), total, Fraction(total, respondents))
        for (code, label), total in zip(ELEMENTS, totals, strict=True)
    )
    mean = sum((e.nrr_exact for e in elements), Fraction(0)) / len(elements)
    return IkmResult(respondents, elements, mean * 25, population)


def ikm_from_answers(
    answers: Iterable[Sequence[int]], *, population: int | None = None
) -> IkmResult:
    """The IKM from each respondent's nine answers."""
    totals = [0] * len(ELEMENTS)
    respondents = 0
    for row in answers:
        if len(row) != len(ELEMENTS) or any(a not in SCALE for a in row):
            raise ValueError("each respondent answers the 9 elements with 1–4")
        respondents += 1
        for i, answer in enumerate(row):
            totals[i] += answer
    return ikm_from_totals(totals, respondents, population=population)
