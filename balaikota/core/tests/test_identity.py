"""NIK and NIP: every well-formed number parses back to its parts; every broken one is refused
with the code that names what is wrong."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from hypothesis import given
from hypothesis import strategies as st

from balaikota.core import identity
from balaikota.core.identity import mask_nik, parse_nik, parse_nip

TODAY = dt.date(2026, 6, 15)
# The two-digit NIK year is read as the latest century not in the future, so a NIK can only
# describe the last 100 years.
OLDEST_NIK_BIRTH = dt.date(TODAY.year - 100, TODAY.month, TODAY.day) + dt.timedelta(days=1)


def _fake_district_exists(code: str) -> bool:
    """Every district exists except those of the made-up province 00 and regency 33.99."""
    return not code.startswith("00.") and not code.startswith("33.99.")


@pytest.fixture(autouse=True, scope="module")
def fake_area_data():
    previous = identity.register_district_lookup(_fake_district_exists)
    yield
    identity.register_district_lookup(previous)


def nik_of(district: str, birth: dt.date, female: bool, sequence: int) -> str:
    day = birth.day + (40 if female else 0)
    return f"{district}{day:02d}{birth.month:02d}{birth.year % 100:02d}{sequence:04d}"


def nip_of(birth: dt.date, tmt: tuple[int, int], female: bool, sequence: int) -> str:
    return f"{birth:%Y%m%d}{tmt[0]:04d}{tmt[1]:02d}{2 if female else 1}{sequence:03d}"


def code_of(callable_, *args, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        callable_(*args, **kwargs)
    return caught.value.code


districts = st.builds(
    lambda p, k, c: f"{p:02d}{k:02d}{c:02d}",
    st.integers(11, 99),
    st.integers(1, 98),
    st.integers(1, 99),
).filter(lambda d: _fake_district_exists(f"{d[0:2]}.{d[2:4]}.{d[4:6]}"))
nik_births = st.dates(min_value=OLDEST_NIK_BIRTH, max_value=TODAY)
nik_sequences = st.integers(1, 9999)
valid_niks = st.builds(nik_of, districts, nik_births, st.booleans(), nik_sequences)
not_ascii_digits = st.sampled_from(list("aZ-./_x١２²O"))  # "١", "２", "²" pass str.isdigit()


# --- NIK ---------------------------------------------------------------------------------------


@given(district=districts, birth=nik_births, female=st.booleans(), sequence=nik_sequences)
def test_a_nik_built_from_its_parts_parses_back_to_them(district, birth, female, sequence):
    nik = parse_nik(nik_of(district, birth, female, sequence), today=TODAY)
    assert nik.district_code == f"{district[0:2]}.{district[2:4]}.{district[4:6]}"
    assert nik.birth_date == birth
    assert nik.is_female is female
    assert nik.sequence == sequence


def test_kota_semarang_example():
    nik = parse_nik("3374015708950003", today=TODAY)
    assert nik.district_code == "33.74.01"
    assert nik.birth_date == dt.date(1995, 8, 17)
    assert nik.is_female
    assert nik.sequence == 3


def test_surrounding_spaces_are_forgiven():
    assert parse_nik(" 3374011708950003 ", today=TODAY).value == "3374011708950003"


@given(st.text(alphabet="0123456789", max_size=30).filter(lambda t: len(t) != 16))
def test_a_nik_of_the_wrong_length_is_refused(text):
    assert code_of(parse_nik, text, today=TODAY) == "nik_length"


@given(valid_niks, st.integers(0, 15), not_ascii_digits)
def test_a_nik_with_anything_but_ascii_digits_is_refused(nik, position, char):
    broken = nik[:position] + char + nik[position + 1 :]
    assert code_of(parse_nik, broken, today=TODAY) == "nik_digits"


@pytest.mark.parametrize("value", [None, ""])
def test_a_missing_nik_is_refused_as_too_short(value):
    assert code_of(parse_nik, value, today=TODAY) == "nik_length"


def test_a_nik_given_as_an_int_is_read_as_its_digits():
    assert parse_nik(3374011708950003, today=TODAY).sequence == 3


@given(valid_niks, st.sampled_from(["00", "32", "39", "40", "72", "80", "99"]))
def test_a_nik_whose_day_is_no_day_for_either_sex_is_refused(nik, day):
    assert code_of(parse_nik, nik[:6] + day + nik[8:], today=TODAY) == "nik_birth_date"


@given(valid_niks, st.sampled_from(["00", "13", "20", "99"]))
def test_a_nik_whose_month_does_not_exist_is_refused(nik, month):
    assert code_of(parse_nik, nik[:8] + month + nik[10:], today=TODAY) == "nik_birth_date"


@pytest.mark.parametrize("ddmmyy", ["300290", "700290", "310490", "290201", "690201"])
def test_a_nik_with_an_impossible_calendar_date_is_refused(ddmmyy):
    assert code_of(parse_nik, f"337401{ddmmyy}0001", today=TODAY) == "nik_birth_date"


def test_29_february_of_a_leap_year_is_a_birthday():
    assert parse_nik("3374016902000001", today=TODAY).birth_date == dt.date(2000, 2, 29)


@given(valid_niks)
def test_a_nik_with_sequence_0000_is_refused(nik):
    assert code_of(parse_nik, nik[:12] + "0000", today=TODAY) == "nik_sequence"


@given(valid_niks, st.sampled_from(["00", "3399"]))
def test_a_nik_from_an_unknown_region_is_refused(nik, prefix):
    broken = prefix + nik[len(prefix) :]
    assert code_of(parse_nik, broken, today=TODAY) == "nik_region"


def test_the_region_is_asked_as_pp_kk_cc_and_can_be_skipped():
    asked = []
    previous = identity.register_district_lookup(lambda code: asked.append(code) or False)
    try:
        assert code_of(parse_nik, "3374011708950003", today=TODAY) == "nik_region"
        assert asked == ["33.74.01"]
        assert parse_nik("3374011708950003", today=TODAY, check_region=False).sequence == 3
    finally:
        identity.register_district_lookup(previous)


def test_the_message_is_a_lazy_indonesian_msgid_with_params():
    with pytest.raises(ValidationError) as caught:
        parse_nik("0074011708950003", today=TODAY)
    error = caught.value
    assert isinstance(error.message, Promise)  # translated when shown, not when raised
    assert error.params == {"code": "00.74.01"}
    assert error.messages == [
        "Kode wilayah NIK (00.74.01) tidak dikenal sebagai kecamatan di Indonesia."
    ]


def test_length_message_says_what_was_typed():
    with pytest.raises(ValidationError) as caught:
        parse_nik("33740117089", today=TODAY)
    assert caught.value.messages == ["NIK harus terdiri dari 16 angka; yang tertulis 11 karakter."]


# --- mask_nik ----------------------------------------------------------------------------------


@given(valid_niks)
def test_a_masked_nik_keeps_only_province_regency_and_last_two_digits(nik):
    masked = mask_nik(nik)
    assert masked == nik[:4] + "**********" + nik[-2:]
    assert parse_nik(nik, today=TODAY).masked == masked


@pytest.mark.parametrize(
    ("value", "expected"), [("", ""), (None, ""), ("12345", "*****"), ("3374", "****")]
)
def test_mask_nik_hides_everything_when_it_is_not_a_nik(value, expected):
    assert mask_nik(value) == expected


# --- NIP ---------------------------------------------------------------------------------------

NEWEST_NIP_BIRTH = dt.date(TODAY.year - 18, TODAY.month, 1) - dt.timedelta(days=1)


def first_tmt_month(birth: dt.date) -> tuple[int, int]:
    """The first month whose 1st falls on or after the 18th birthday (computed independently)."""
    year, month = birth.year + 18, birth.month
    if birth.day > 1:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return year, month


@st.composite
def nip_parts(draw):
    birth = draw(st.dates(min_value=dt.date(1940, 1, 1), max_value=NEWEST_NIP_BIRTH))
    first = first_tmt_month(birth)
    months_available = (TODAY.year - first[0]) * 12 + TODAY.month - first[1]
    offset = draw(st.integers(0, months_available))
    index = first[0] * 12 + first[1] - 1 + offset
    tmt = (index // 12, index % 12 + 1)
    return birth, tmt, draw(st.booleans()), draw(st.integers(0, 999))


valid_nips = nip_parts().map(lambda parts: nip_of(*parts))


@given(nip_parts())
def test_a_nip_built_from_its_parts_parses_back_to_them(parts):
    birth, tmt, female, sequence = parts
    nip = parse_nip(nip_of(*parts), today=TODAY)
    assert nip.birth_date == birth
    assert (nip.tmt_year, nip.tmt_month) == tmt
    assert nip.is_female is female
    assert nip.sequence == sequence


@given(st.text(alphabet="0123456789", max_size=30).filter(lambda t: len(t) != 18))
def test_a_nip_of_the_wrong_length_is_refused(text):
    assert code_of(parse_nip, text, today=TODAY) == "nip_length"


@given(valid_nips, st.integers(0, 17), not_ascii_digits)
def test_a_nip_with_anything_but_ascii_digits_is_refused(nip, position, char):
    broken = nip[:position] + char + nip[position + 1 :]
    assert code_of(parse_nip, broken, today=TODAY) == "nip_digits"


@given(valid_nips, st.sampled_from(["1300", "0001", "0200", "0230", "0432", "1232"]))
def test_a_nip_whose_birth_date_does_not_exist_is_refused(nip, mmdd):
    assert code_of(parse_nip, nip[:4] + mmdd + nip[8:], today=TODAY) == "nip_birth_date"


@pytest.mark.parametrize("birth", ["18991231", "20260616", "20300101"])
def test_a_nip_born_before_1900_or_in_the_future_is_refused(birth):
    assert code_of(parse_nip, f"{birth}2010031001", today=TODAY) == "nip_birth_date"


@given(valid_nips, st.sampled_from(["00", "13", "99"]))
def test_a_nip_whose_tmt_month_does_not_exist_is_refused(nip, month):
    assert code_of(parse_nip, nip[:12] + month + nip[14:], today=TODAY) == "nip_tmt"


@given(valid_nips, st.sampled_from(["0000", "1899"]))
def test_a_nip_whose_tmt_year_is_implausible_is_refused(nip, year):
    assert code_of(parse_nip, nip[:8] + year + nip[12:], today=TODAY) == "nip_tmt"


def test_a_nip_with_a_tmt_after_this_month_is_refused():
    assert code_of(parse_nip, "198503122026071001", today=TODAY) == "nip_tmt"
    assert parse_nip("198503122026061001", today=TODAY).tmt_month == 6


@given(nip_parts())
def test_a_nip_whose_tmt_precedes_the_18th_birthday_is_refused(parts):
    birth, _tmt, female, sequence = parts
    year, month = first_tmt_month(birth)
    before = (year - 1, 12) if month == 1 else (year, month - 1)
    assert code_of(parse_nip, nip_of(birth, before, female, sequence), today=TODAY) == (
        "nip_tmt_age"
    )


@pytest.mark.parametrize(
    ("nip", "code"),
    [
        ("198503122003031001", "nip_tmt_age"),  # 1 Mar 2003: 11 days before turning 18
        ("198503122003041001", None),
        ("198503012003031001", None),  # born on the 1st: 18 on TMT day itself
        ("198402292002031001", None),  # born 29 Feb: 18 on 1 Mar 2002
        ("198402292002021001", "nip_tmt_age"),
    ],
)
def test_the_18th_birthday_boundary(nip, code):
    if code is None:
        parse_nip(nip, today=TODAY)
    else:
        assert code_of(parse_nip, nip, today=TODAY) == code


@given(valid_nips, st.sampled_from("03456789"))
def test_a_nip_whose_gender_digit_is_not_1_or_2_is_refused(nip, digit):
    assert code_of(parse_nip, nip[:14] + digit + nip[15:], today=TODAY) == "nip_gender"


def test_validators_use_todays_date_and_the_registered_lookup():
    identity.validate_nik("3374011708950003")
    identity.validate_nip("198503122010031001")
    with pytest.raises(ValidationError):
        identity.validate_nik("0074011708950003")


def test_nip_examples_read_like_the_domain_facts():
    nip = parse_nip("198503122010032007", today=TODAY)
    assert nip.birth_date == dt.date(1985, 3, 12)
    assert (nip.tmt_year, nip.tmt_month) == (2010, 3)
    assert nip.is_female
    assert nip.sequence == 7


def test_a_pppk_number_with_the_21_code_is_accepted_and_recognised():
    nip = parse_nip("199001012022212001", today=dt.date(2026, 11, 28))
    assert nip.is_pppk
    assert nip.tmt_year == 2022
    assert nip.is_female
    assert nip.sequence == 1


def test_a_pppk_number_still_needs_an_adult_at_appointment():
    with pytest.raises(ValidationError) as info:
        parse_nip("201001012022211001", today=dt.date(2026, 11, 28))
    assert info.value.code == "nip_tmt_age"


def test_a_pns_nip_is_not_mistaken_for_pppk():
    assert not parse_nip("198503122010031001", today=dt.date(2026, 11, 28)).is_pppk


@pytest.mark.parametrize(
    ("full", "plain"),
    [
        ("Dr. Hendra Wijaya", "Hendra Wijaya"),
        ("Dr. Ir. Hendra Wijaya, M.T.", "Hendra Wijaya"),
        ("KH. Jayeng Winarno, S.E.", "Jayeng Winarno"),
        ("Hj. Siti Aminah", "Siti Aminah"),
        ("Budi Hartono", "Budi Hartono"),
        ("dr. Ayu Lestari, Sp.A.", "Ayu Lestari"),
        ("Prof.", "Prof."),  # a name is never emptied
    ],
)
def test_the_greeting_uses_the_name_not_the_title(full, plain):
    from balaikota.core.identity import plain_name

    assert plain_name(full) == plain
