"""Gap-free numbering: formats, reservations given back on rollback, cancelled numbers kept with
their reason and never reused, backdating refused, one number per source; and on PostgreSQL,
many officers taking numbers at the same moment."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import formats

from balaikota.core.errors import Conflict, InvalidInput
from balaikota.documents import numbering
from balaikota.documents.models import IssuedNumber, NumberRegister
from balaikota.testing.concurrency import run_together

State = IssuedNumber.State

CIVIL_FORMAT = "{regency}-XX-{date:%d%m%Y}-{seq:04d}"  # ServiceType.number_format's default
LETTER_FORMAT = "{classification}/{seq}/{unit}/{year}"
DEC_2 = dt.date(2026, 12, 2)


def _birth(on=DEC_2, **kwargs):
    kwargs.setdefault("format", CIVIL_FORMAT)
    return numbering.number_reserve(
        kind="akta-kelahiran", unit="3374", on=on, context={"regency": "3374"}, **kwargs
    )


def _letter(on=DEC_2, **kwargs):
    return numbering.number_reserve(
        kind="surat-keluar",
        unit="DISKOMINFO",
        on=on,
        format=LETTER_FORMAT,
        context={"classification": "027"},
        **kwargs,
    )


def _sequences(register_kind="akta-kelahiran"):
    register = NumberRegister.objects.get(kind=register_kind)
    return [n.sequence for n in numbering.register_numbers(register)]


# --- formats ----------------------------------------------------------------------------------


def test_civil_registry_format_writes_regency_date_and_sequence(db):
    numbers = [_birth().number for _i in range(5)]
    assert numbers[0] == "3374-XX-02122026-0001"
    assert numbers[-1] == "3374-XX-02122026-0005"
    lu = numbering.number_render(
        "{regency}-LU-{date:%d%m%Y}-{seq:04d}",
        seq=5,
        on=DEC_2,
        kind="akta-kelahiran",
        unit="3374",
        year=2026,
        context={"regency": "3374"},
    )
    assert lu == "3374-LU-02122026-0005"


def test_letter_format_writes_classification_sequence_unit_year(db):
    NumberRegister.objects.create(
        kind="surat-keluar", unit="DISKOMINFO", year=2026, format=LETTER_FORMAT, last=122
    )
    number = _letter()
    assert number.number == "027/123/DISKOMINFO/2026"
    assert (number.sequence, number.state, number.dated) == (123, State.RESERVED, DEC_2)


@pytest.mark.parametrize(
    "fmt",
    [
        CIVIL_FORMAT,
        LETTER_FORMAT,
        "{seq}",
        "{kind}/{unit}/{year}/{date:%Y%m%d}/{seq:05d}",
        "{{literal braces}}-{seq}",
    ],
)
def test_good_formats_pass(fmt):
    numbering.number_format_validate(fmt)


@pytest.mark.parametrize(
    "fmt",
    [
        "",
        "no sequence here",
        "{regency}-{date:%Y}",  # no {seq}
        "{seq}-{nope}",  # unknown placeholder
        "{}-{seq}",  # positional
        "{0}-{seq}",
        "{seq}-{unit:04d}",  # cannot render: a text with a number's format
        "{seq:xyz}",
        "{seq",  # unbalanced
        "seq}",
        "{seq}-{date.__class__}",  # attribute access is never allowed
        "{seq}-{kind[0]}",
        "{seq:{width}}",  # nested placeholders
    ],
)
def test_bad_formats_are_refused(fmt):
    with pytest.raises(InvalidInput) as exc:
        numbering.number_format_validate(fmt)
    assert exc.value.code == "bad_format"
    assert exc.value.status == 400


def test_with_a_context_only_its_keys_are_extra_placeholders():
    numbering.number_format_validate(LETTER_FORMAT, context={"classification": "027"})
    with pytest.raises(InvalidInput) as exc:
        numbering.number_format_validate(LETTER_FORMAT, context={})
    assert exc.value.code == "bad_format"
    assert "classification" in exc.value.text


def test_a_bad_format_takes_no_number(db):
    _birth()
    with pytest.raises(InvalidInput) as exc:
        _birth(format="{regency}-{classification}-{seq}")  # classification: not in the context
    assert exc.value.code == "bad_format"
    assert NumberRegister.objects.get(kind="akta-kelahiran").last == 1


@pytest.mark.parametrize(
    "fmt",
    [
        "{regency}" * 12 + "-{seq}",  # a format longer than its column
        "{regency}-{seq:0120d}",  # a short format writing a number longer than its column
    ],
)
def test_what_does_not_fit_the_columns_is_refused(db, fmt):
    with pytest.raises(InvalidInput) as exc:
        _birth(format=fmt)
    assert exc.value.code == "bad_format"
    assert not IssuedNumber.objects.exists()


def test_a_new_format_replaces_the_registers_format(db):
    _birth()
    second = _birth(format="AKL/{regency}/{seq:03d}")
    assert second.number == "AKL/3374/002"
    assert NumberRegister.objects.get(kind="akta-kelahiran").format == "AKL/{regency}/{seq:03d}"


# --- gap-free ---------------------------------------------------------------------------------


def test_numbers_follow_each_other_without_gaps(db):
    assert [_birth().sequence for _i in range(5)] == [1, 2, 3, 4, 5]
    register = NumberRegister.objects.get(kind="akta-kelahiran", unit="3374", year=2026)
    assert (register.last, register.last_dated) == (5, DEC_2)


class _ApprovalFailed(Exception):
    pass


def test_a_rolled_back_transaction_gives_its_number_back(db):
    _birth()
    with pytest.raises(_ApprovalFailed), transaction.atomic():
        lost = _birth()
        assert lost.sequence == 2
        raise _ApprovalFailed
    again = _birth()
    assert (again.sequence, again.number) == (2, "3374-XX-02122026-0002")
    assert _sequences() == [1, 2]


def test_reserving_outside_a_transaction_is_a_bug(transactional_db):
    with pytest.raises(RuntimeError, match="transaction"):
        _birth()
    with pytest.raises(RuntimeError, match="transaction"):
        numbering.sequence_next(kind="nik", unit="337401020326")
    assert not NumberRegister.objects.exists()


def test_registers_are_separate_per_kind_and_unit(db):
    _birth()
    _birth()
    letter = _letter()
    other_unit = numbering.number_reserve(
        kind="surat-keluar",
        unit="DISDUKCAPIL",
        on=DEC_2,
        format=LETTER_FORMAT,
        context={"classification": "470"},
    )
    assert (letter.number, other_unit.number) == (
        "027/1/DISKOMINFO/2026",
        "470/1/DISDUKCAPIL/2026",
    )


def test_a_new_year_starts_a_new_register_at_one(db):
    for _i in range(3):
        _letter(on=dt.date(2026, 12, 31))
    new_year = _letter(on=dt.date(2027, 1, 2))
    assert new_year.number == "027/1/DISKOMINFO/2027"
    assert NumberRegister.objects.filter(kind="surat-keluar").count() == 2


def test_a_never_resetting_register_carries_on_into_the_new_year(db):
    def reserve(on):
        return numbering.number_reserve(
            kind="nomor-induk", on=on, format="{seq:05d}/{year}", yearly=False
        )

    reserve(dt.date(2026, 12, 31))
    after = reserve(dt.date(2027, 1, 2))
    assert after.number == "00002/2027"
    assert NumberRegister.objects.get(kind="nomor-induk").year == 0


# --- cancel and use ---------------------------------------------------------------------------


def test_a_cancelled_number_is_kept_with_its_reason_and_never_reused(db, official):
    _birth()
    second = _birth()
    cancelled = numbering.number_cancel(number=second, actor=official, reason="Salah ketik NIK")
    third = _birth()
    assert third.sequence == 3
    cancelled.refresh_from_db()
    assert cancelled.state == State.CANCELLED
    assert cancelled.cancel_reason == "Salah ketik NIK"
    assert cancelled.cancelled_by == official and cancelled.cancelled_at is not None
    register = NumberRegister.objects.get(kind="akta-kelahiran")
    assert [(n.sequence, n.state) for n in numbering.register_numbers(register)] == [
        (1, State.RESERVED),
        (2, State.CANCELLED),
        (3, State.RESERVED),
    ]


def test_a_reason_is_required_to_cancel(db, official):
    number = _birth()
    with pytest.raises(InvalidInput) as exc:
        numbering.number_cancel(number=number, actor=official, reason="   ")
    assert "reason" in exc.value.field_errors
    number.refresh_from_db()
    assert number.state == State.RESERVED


def test_a_used_number_cannot_be_cancelled(db, official):
    number = numbering.number_use(number=_birth())
    assert number.state == State.USED and number.used_at is not None
    with pytest.raises(Conflict) as exc:
        numbering.number_cancel(number=number, actor=official, reason="Terlambat")
    assert (exc.value.code, exc.value.status) == ("number_used", 409)
    number.refresh_from_db()
    assert number.state == State.USED


def test_a_cancelled_number_cannot_be_used(db, official):
    number = numbering.number_cancel(number=_birth(), actor=official, reason="Berkas ditarik")
    with pytest.raises(Conflict) as exc:
        numbering.number_use(number=number)
    assert (exc.value.code, exc.value.status) == ("number_cancelled", 409)


def test_using_and_cancelling_again_change_nothing(db, official, staff_with_role):
    used = numbering.number_use(number=_birth())
    assert numbering.number_use(number=used).used_at == used.used_at

    first = numbering.number_cancel(number=_birth(), actor=official, reason="Alasan pertama")
    other = staff_with_role("signing_official")
    again = numbering.number_cancel(number=first, actor=other, reason="Alasan kedua")
    assert (again.cancel_reason, again.cancelled_by) == ("Alasan pertama", official)
    assert again.cancelled_at == first.cancelled_at


def test_the_database_refuses_a_cancelled_number_without_reason(db):
    number = _birth()
    with pytest.raises(IntegrityError), transaction.atomic():
        IssuedNumber.objects.filter(pk=number.pk).update(state=State.CANCELLED)


# --- dates and sources ------------------------------------------------------------------------


def test_a_backdated_number_is_refused(db):
    _birth(on=DEC_2)
    with pytest.raises(Conflict) as exc:
        _birth(on=dt.date(2026, 12, 1))
    assert (exc.value.code, exc.value.status) == ("backdated", 409)
    assert formats.date_format(dt.date(2026, 12, 1), "DATE_FORMAT") in exc.value.text
    assert formats.date_format(DEC_2, "DATE_FORMAT") in exc.value.text
    assert _birth(on=DEC_2).sequence == 2  # the same day is fine
    assert _birth(on=dt.date(2026, 12, 3)).sequence == 3
    assert NumberRegister.objects.get(kind="akta-kelahiran").last_dated == dt.date(2026, 12, 3)


def test_one_live_number_per_source(db, official):
    first = _birth(source_app="civil_registry", source_id="41", actor=official)
    retried = _birth(source_app="civil_registry", source_id="41", actor=official)
    assert retried.pk == first.pk
    # A retry may come a day later or with an older date: it still gets its number back.
    assert _birth(on=dt.date(2026, 12, 3), source_app="civil_registry", source_id="41").pk == (
        first.pk
    )
    other = _birth(source_app="civil_registry", source_id="42")
    assert other.sequence == 2
    assert first.reserved_by == official

    numbering.number_cancel(number=first, actor=official, reason="Permohonan dibatalkan")
    renewed = _birth(source_app="civil_registry", source_id="41")
    assert renewed.pk != first.pk and renewed.sequence == 3


def test_without_a_source_every_call_is_a_new_number(db):
    assert _birth(source_app="civil_registry").sequence == 1
    assert _birth(source_app="civil_registry").sequence == 2


# --- bare counters ----------------------------------------------------------------------------


def test_sequence_next_starts_after_start_from(db):
    prefix = "337401020326"
    assert numbering.sequence_next(kind="nik", unit=prefix, start_from=7) == 8
    assert numbering.sequence_next(kind="nik", unit=prefix, start_from=7) == 9
    assert numbering.sequence_next(kind="nik", unit=prefix) == 10
    # Values taken elsewhere since (e.g. residents seeded later) are never handed out again.
    assert numbering.sequence_next(kind="nik", unit=prefix, start_from=20) == 21
    assert numbering.sequence_next(kind="nik", unit="337401420326") == 1
    assert numbering.sequence_next(kind="counter", year=2026) == 1
    assert not IssuedNumber.objects.exists()
    register = NumberRegister.objects.get(kind="nik", unit=prefix)
    assert (register.year, register.last) == (0, 21)


def test_sequence_next_rolls_back_with_its_caller(db):
    with pytest.raises(_ApprovalFailed), transaction.atomic():
        assert numbering.sequence_next(kind="nik", unit="337401020326") == 1
        raise _ApprovalFailed
    assert numbering.sequence_next(kind="nik", unit="337401020326") == 1


# --- admin ------------------------------------------------------------------------------------


def test_admin_shows_registers_and_numbers_read_only(db, admin_client, official):
    _birth()
    numbering.number_cancel(number=_birth(), actor=official, reason="Salah ketik")
    register = NumberRegister.objects.get(kind="akta-kelahiran")
    listing = admin_client.get(reverse("admin:documents_numberregister_changelist"))
    assert listing.status_code == 200
    assert "2 nomor (1 dibatalkan)" in listing.content.decode()
    page = admin_client.get(reverse("admin:documents_numberregister_change", args=[register.pk]))
    assert page.status_code == 200
    assert "3374-XX-02122026-0002" in page.content.decode()
    assert "Salah ketik" in page.content.decode()
    numbers = admin_client.get(
        reverse("admin:documents_issuednumber_changelist"), {"register__id__exact": register.pk}
    )
    assert numbers.status_code == 200
    assert admin_client.get(reverse("admin:documents_issuednumber_add")).status_code == 403
    assert admin_client.get(reverse("admin:documents_numberregister_add")).status_code == 403


# --- many officers at once (PostgreSQL) -------------------------------------------------------


THREADS, EACH = 8, 10
PG_ONLY = "needs PostgreSQL row locks (SQLite serializes every writer anyway)"


def _officer_taking_numbers(*, fail_every: int = 0, cancel_every: int = 0, actor=None):
    """One officer approving EACH applications, each in its own transaction; every
    ``fail_every``-th approval fails after its number was reserved, every ``cancel_every``-th
    kept number is cancelled afterwards."""

    def work():
        kept = []
        for i in range(1, EACH + 1):
            try:
                with transaction.atomic():
                    number = _birth()
                    if fail_every and i % fail_every == 0:
                        raise _ApprovalFailed
                kept.append(number)
            except _ApprovalFailed:
                continue
            if cancel_every and len(kept) % cancel_every == 0:
                numbering.number_cancel(number=number, actor=actor, reason="Berkas ditarik")
        return kept

    return work


def _assert_gap_free(expected_count):
    register = NumberRegister.objects.get(kind="akta-kelahiran")
    rows = list(numbering.register_numbers(register))
    assert [n.sequence for n in rows] == list(range(1, expected_count + 1))
    assert len({n.number for n in rows}) == expected_count
    assert register.last == expected_count
    return rows


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason=PG_ONLY)
def test_many_officers_at_once_get_1_to_80_without_gap_or_duplicate():
    results = run_together([_officer_taking_numbers() for _i in range(THREADS)])
    assert all(isinstance(r, list) for r in results), results
    rows = _assert_gap_free(THREADS * EACH)
    assert {n.pk for r in results for n in r} == {n.pk for n in rows}
    assert NumberRegister.objects.filter(kind="akta-kelahiran").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason=PG_ONLY)
def test_rolled_back_approvals_at_the_same_time_leave_no_gap():
    workers = [_officer_taking_numbers(fail_every=3 if i % 2 else 0) for i in range(THREADS)]
    results = run_together(workers)
    assert all(isinstance(r, list) for r in results), results
    kept = sum(len(r) for r in results)
    assert kept == THREADS * EACH - (THREADS // 2) * (EACH // 3)
    _assert_gap_free(kept)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason=PG_ONLY)
def test_numbers_cancelled_meanwhile_stay_and_are_not_reused(official):
    workers = [_officer_taking_numbers(cancel_every=5, actor=official) for _i in range(THREADS)]
    results = run_together(workers)
    assert all(isinstance(r, list) for r in results), results
    rows = _assert_gap_free(THREADS * EACH)
    cancelled = [n for n in rows if n.state == State.CANCELLED]
    assert len(cancelled) == THREADS * (EACH // 5)
    assert all(n.cancel_reason == "Berkas ditarik" for n in cancelled)
    with transaction.atomic():
        assert _birth().sequence == THREADS * EACH + 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason=PG_ONLY)
def test_the_same_source_at_the_same_time_gets_one_number():
    def approve():
        with transaction.atomic():
            return _birth(source_app="civil_registry", source_id="41").pk

    results = run_together([approve for _i in range(THREADS)])
    assert len(set(results)) == 1 and isinstance(results[0], int), results
    assert IssuedNumber.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason=PG_ONLY)
def test_nik_sequences_at_the_same_time_are_1_to_80():
    def take():
        values = []
        for _i in range(EACH):
            with transaction.atomic():
                values.append(numbering.sequence_next(kind="nik", unit="337401020326"))
        return values

    results = run_together([take for _i in range(THREADS)])
    assert all(isinstance(r, list) for r in results), results
    assert sorted(v for r in results for v in r) == list(range(1, THREADS * EACH + 1))
