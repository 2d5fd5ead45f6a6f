"""Structured logging: one JSON object a line, with NIKs, NIPs and secrets redacted.

``RedactingFilter`` (on the handler) rewrites the record's message; ``JsonFormatter`` redacts
again everything it writes (message, extras, traceback), so a handler without the filter still
leaks nothing.
"""

import json
import logging
import re
from datetime import UTC, datetime

# A run of exactly 16 (NIK, No. KK) or 18 (NIP) digits; shorter or longer numbers are left alone.
_ID_NUMBER = re.compile(r"(?<!\d)(\d{4})(\d{10}|\d{12})(\d{2})(?!\d)")

# key=value, key: value, "key": "value" and 'key': 'value' pairs.
_KEY_VALUE = re.compile(
    r"(?P<key>(?<![\w-])[A-Za-z][\w-]*)"
    r"(?P<sep>[\"']?\s*[:=]\s*)"
    r"(?P<value>\"[^\"]*\"|'[^']*'|(?:(?:Bearer|Basic|Token)\s+)?[^\s\"'&,;)\]}]+)"
)
# A key containing one of these words holds a secret: new_password, csrftoken, client_secret…
_SECRET_WORDS = (
    "password",
    "passwd",
    "passphrase",
    "secret",
    "token",
    "apikey",
    "api_key",
    "sessionid",
    "authorization",
)
# Keys that hold a secret only as a whole word: "code" is the OTP, "status_code" is not.
_SECRET_KEYS = frozenset({"pin", "otp", "totp", "code", "kode", "kode_otp", "otp_code", "pwd"})
REDACTED = "[disaring]"


def _is_secret_key(key: str) -> bool:
    key = key.lower()
    return key in _SECRET_KEYS or any(word in key for word in _SECRET_WORDS)


def _redact_pair(match: re.Match) -> str:
    if not _is_secret_key(match["key"]):
        return match[0]
    value = match["value"]
    quote = value[0] if value[:1] in ("'", '"') else ""
    return f"{match['key']}{match['sep']}{quote}{REDACTED}{quote}"


def _mask_id(match: re.Match) -> str:
    return f"{match[1]}{'*' * len(match[2])}{match[3]}"


def redact(text: str) -> str:
    """Mask 16- and 18-digit numbers (keeping 4 leading and 2 trailing digits) and secret values."""
    return _KEY_VALUE.sub(_redact_pair, _ID_NUMBER.sub(_mask_id, text))


def _safe_message(record: logging.LogRecord) -> str:
    try:
        return record.getMessage()
    except Exception:  # a bad format string must not take the caller down with it
        return f"{record.msg} (argumen log tidak cocok: {record.args!r})"


class RedactingFilter(logging.Filter):
    """Format the message with its args once, redact it, and drop the args."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(_safe_message(record))
        record.args = None
        return True


def _json_value(value):
    """Extras keep their JSON type where one exists; everything else becomes redacted text."""
    if value is None or isinstance(value, bool | float):
        return value
    if isinstance(value, int):
        text = str(value)
        masked = redact(text)
        return value if masked == text else masked
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {
            str(k): REDACTED if _is_secret_key(str(k)) else _json_value(v) for k, v in value.items()
        }
    if isinstance(value, list | tuple | set | frozenset):
        return [_json_value(v) for v in value]
    return redact(repr(value))


# Characters json.dumps leaves raw that str.splitlines() and some log shippers treat as line ends.
_LINE_BREAKS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})


class JsonFormatter(logging.Formatter):
    _RESERVED = set(vars(logging.makeLogRecord({})).keys()) | {"message", "asctime", "taskName"}

    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(_safe_message(record)),
        }
        for key, value in vars(record).items():
            if key in self._RESERVED or key.startswith("_") or key in payload:
                continue
            payload[key] = REDACTED if _is_secret_key(key) else _json_value(value)
        if record.exc_info:
            payload["exc"] = redact(self.formatException(record.exc_info))
        elif record.exc_text:
            payload["exc"] = redact(record.exc_text)
        if record.stack_info:
            payload["stack"] = redact(self.formatStack(record.stack_info))
        return json.dumps(payload, ensure_ascii=False, default=str).translate(_LINE_BREAKS)
