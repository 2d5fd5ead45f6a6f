"""Structured logs: one JSON object a line, and no NIK, NIP or secret ever reaches them."""

from __future__ import annotations

import io
import json
import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st

from balaikota.core.logging import JsonFormatter, RedactingFilter, redact

NIK = "3374015708950003"
NIP = "198503122010032007"


@pytest.fixture
def log():
    """A logger wired like settings.LOGGING's console handler; returns (logger, output lines)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RedactingFilter())
    logger = logging.getLogger("balaikota.tests.logging")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False

    def lines() -> list[dict]:
        text = stream.getvalue()
        assert text.endswith("\n")
        return [json.loads(line) for line in text.split("\n")[:-1]]

    yield logger, lines
    logger.removeHandler(handler)


def test_a_nik_in_the_message_is_masked(log):
    logger, lines = log
    logger.info(f"pemohon NIK {NIK} mengajukan akta")
    [entry] = lines()
    assert NIK not in json.dumps(entry)
    assert entry["message"] == "pemohon NIK 3374**********03 mengajukan akta"
    assert entry["level"] == "INFO"
    assert entry["logger"] == "balaikota.tests.logging"


def test_a_nik_and_a_nip_passed_as_args_are_masked(log):
    logger, lines = log
    logger.warning("NIK %s diverifikasi oleh %s (%d berkas)", NIK, NIP, 3)
    [entry] = lines()
    assert NIK not in entry["message"] and NIP not in entry["message"]
    assert (
        entry["message"] == "NIK 3374**********03 diverifikasi oleh 1985************07 (3 berkas)"
    )


def test_a_mapping_arg_and_numeric_ids_are_masked(log):
    logger, lines = log
    logger.info("pemohon %(nik)s", {"nik": int(NIK)})
    [entry] = lines()
    assert entry["message"] == "pemohon 3374**********03"


@pytest.mark.parametrize(
    "message",
    [
        "login gagal password=Rahasia-123 user=budi",
        'payload {"password": "Rahasia 123", "email": "a@b.id"}',
        "POST password1=Rahasia-123&password2=Rahasia-123&csrfmiddlewaretoken=abc",
        "kode OTP: code=123456",
        "header Authorization: Bearer Rahasia-123",
    ],
)
def test_secrets_never_reach_the_output(log, message):
    logger, lines = log
    logger.info(message)
    [entry] = lines()
    output = json.dumps(entry)
    assert "Rahasia" not in output
    assert "123456" not in output
    assert "[disaring]" in entry["message"]


def test_extras_are_redacted_and_keep_their_json_types(log):
    logger, lines = log
    logger.info(
        "pengajuan diterima",
        extra={
            "nik": NIK,
            "pemohon": {"nip": int(NIP), "password": "Rahasia-123", "berkas": 3},
            "status_code": 201,
            "duration_ms": 12.5,
            "token": "abc",
            "ids": [NIK, 42],
        },
    )
    [entry] = lines()
    output = json.dumps(entry)
    assert NIK not in output and NIP not in output and "Rahasia" not in output
    assert entry["status_code"] == 201
    assert entry["duration_ms"] == 12.5
    assert entry["pemohon"] == {"nip": "1985************07", "password": "[disaring]", "berkas": 3}
    assert entry["token"] == "[disaring]"
    assert entry["ids"] == ["3374**********03", 42]


def test_a_traceback_is_redacted(log):
    logger, lines = log
    try:
        raise ValueError(f"NIK {NIK} ditolak")
    except ValueError:
        logger.exception("gagal memproses")
    [entry] = lines()
    assert "ValueError: NIK 3374**********03 ditolak" in entry["exc"]
    assert NIK not in json.dumps(entry)


def test_numbers_that_are_not_16_or_18_digits_are_left_alone():
    text = (
        "HP 081234567890, NPWP 123456789012345, 17 digit 12345678901234567, 19 1234567890123456789"
    )
    assert redact(text) == text
    assert redact("status_code=404 postcode: 50132 shipping=5") == (
        "status_code=404 postcode: 50132 shipping=5"
    )


def test_a_broken_format_string_does_not_take_the_caller_down(log):
    logger, lines = log
    logger.info("NIK %s dan %s", NIK)  # one argument short
    [entry] = lines()
    assert NIK not in json.dumps(entry)
    assert "NIK %s dan %s" in entry["message"]


def test_the_formatter_alone_redacts_too():
    record = logging.makeLogRecord({"msg": "NIK %s", "args": (NIK,), "levelname": "INFO"})
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "NIK 3374**********03"


@given(st.text(), st.lists(st.text(), max_size=3))
def test_every_record_is_one_valid_json_line(message, extras):
    record = logging.makeLogRecord(
        {
            "msg": message,
            "levelname": "INFO",
            "name": "x",
            **{f"x{i}": v for i, v in enumerate(extras)},
        }
    )
    RedactingFilter().filter(record)
    output = JsonFormatter().format(record)
    assert len(output.splitlines()) == 1
    assert json.loads(output)["message"] == redact(message)


@given(
    st.from_regex(r"\A[0-9]{16}\Z") | st.from_regex(r"\A[0-9]{18}\Z"),
    st.text(alphabet="abc ,.:=-", max_size=5),
    st.text(alphabet="abc ,.:=-", max_size=5),
)
def test_no_16_or_18_digit_number_survives(number, before, after):
    assert number not in redact(f"{before}{number}{after}")
