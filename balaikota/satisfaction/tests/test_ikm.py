"""The IKM arithmetic against cases computed by hand (PermenPAN-RB 14/2017)."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from balaikota.satisfaction import ikm


def test_everyone_answering_four_is_exactly_100_not_99_9():
    result = ikm.ikm_from_answers([[4] * 9] * 10)
    assert result.ikm == Decimal("100.00")
    assert (result.grade, result.quality) == ("A", "Sangat baik")


def test_everyone_answering_one_is_25_grade_d():
    result = ikm.ikm_from_answers([[1] * 9] * 3)
    assert result.ikm == Decimal("25.00") and result.grade == "D"


def test_a_hand_computed_case_with_three_respondents():
    # U1..U9 answers of three people; per-element sums 10,9,8,12,11,7,9,10,6 (total 82).
    answers = [
        [3, 3, 2, 4, 4, 2, 3, 3, 2],
        [4, 3, 3, 4, 4, 3, 3, 4, 2],
        [3, 3, 3, 4, 3, 2, 3, 3, 2],
    ]
    result = ikm.ikm_from_answers(answers)
    assert [e.total for e in result.elements] == [10, 9, 8, 12, 11, 7, 9, 10, 6]
    assert result.elements[0].nrr == Decimal("3.3333")
    assert result.elements[8].nrr == Decimal("2.0000")
    # mean NRR = 82 / 27 = 3.037037…; × 25 = 75.925925… → 75.93, grade C (65.00–76.60)
    assert result.ikm_exact == Fraction(82 * 25, 27)
    assert result.ikm == Decimal("75.93")
    assert (result.grade, result.quality) == ("C", "Kurang baik")
    # below B (NRR < 3.0644): u2 and u7 (3.0), u3 (2.6667), u6 (2.3333, D), u9 (2.0, D)
    assert [e.code for e in result.weak_elements] == ["u2", "u3", "u6", "u7", "u9"]
    assert [e.grade for e in result.weak_elements] == ["C", "C", "D", "C", "D"]


def test_exact_one_ninth_weights_differ_from_the_rounded_0_111():
    # sums 35 of 40 answers of 10 people on every element: NRR 3.5 → IKM 87.50 exactly.
    result = ikm.ikm_from_totals([35] * 9, 10)
    assert result.ikm == Decimal("87.50") and result.grade == "B"
    rounded_weights = sum(Decimal("3.5") * Decimal("0.111") for _ in range(9)) * 25
    assert rounded_weights == Decimal("87.4125")  # what a 0.111 spreadsheet would publish


@pytest.mark.parametrize(
    ("value", "grade"),
    [
        ("100.00", "A"),
        ("88.31", "A"),
        ("88.30", "B"),
        ("76.61", "B"),
        ("76.60", "C"),
        ("65.00", "C"),
        ("64.99", "D"),
        ("25.00", "D"),
    ],
)
def test_grade_boundaries(value, grade):
    assert ikm.grade_of(Decimal(value))[0] == grade


def test_the_grade_follows_the_ikm_as_shown_rounded_half_up():
    # mean NRR such that IKM = 88.305 exactly → shown 88.31 → A
    result = ikm.ikm_from_totals([0] * 9, 0)
    assert result.ikm is None and result.grade == "" and not result.is_reliable
    exact = ikm.IkmResult(1, (), Fraction(88305, 1000))
    assert exact.ikm == Decimal("88.31") and exact.grade == "A"


@pytest.mark.parametrize(
    ("population", "sample"),
    [(10, 10), (100, 80), (500, 218), (1000, 278), (10_000, 370), (None, 385)],
)
def test_required_respondents_follow_krejcie_and_morgan(population, sample):
    # Krejcie & Morgan's table: 10→10, 100→80, 500→217, 1000→278, 10000→370; the formula
    # rounded up gives 218 for 500 (217.26) and 385 for an unknown population (384.16).
    assert ikm.required_respondents(population) == sample


def test_reliability_compares_respondents_with_the_people_served():
    answers = [[3] * 9] * 80
    assert ikm.ikm_from_answers(answers, population=100).is_reliable
    assert not ikm.ikm_from_answers(answers, population=1000).is_reliable


def test_bad_answers_are_refused():
    with pytest.raises(ValueError):
        ikm.ikm_from_answers([[5] * 9])
    with pytest.raises(ValueError):
        ikm.ikm_from_answers([[3] * 8])
    with pytest.raises(ValueError):
        ikm.ikm_from_totals([5] * 9, 1)  # above 4 × the respondents: impossible


@given(st.lists(st.lists(st.integers(1, 4), min_size=9, max_size=9), min_size=1, max_size=60))
def test_the_ikm_is_the_mean_answer_times_25_and_lies_in_25_to_100(answers):
    result = ikm.ikm_from_answers(answers)
    every = [a for row in answers for a in row]
    assert result.ikm_exact == Fraction(sum(every), len(every)) * 25
    assert Decimal("25.00") <= result.ikm <= Decimal("100.00")
