"""Structured logging: one JSON object a line, with NIKs, NIPs and secrets redacted."""

import json
import logging
import re
from datetime import UTC, datetime

# Any run of exactly 16 or 18 digits is treated as a NIK or NIP and masked.
_ID_NUMBER = re.compile(r"(?<!\d)(\d{4})\d{8,10}(\d{2})(?!\d)")
_SECRET = re.compile(
    r"(?i)(password\d?|passphrase|secret|token|otp|code|pin)([\"']?\s*[:=]\s*[\"']?)([^\s\"'&,}]+)"
)


def redact(text: str) -> str:
    text = _ID_NUMBER.sub(lambda m: f"{m.group(1)}{'*' * (len(m.group(0)) - 6)}{m.group(2)}", text)
    return _SECRET.sub(r"\1\2[disaring]", text)


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg = redact(message)
        record.args = None
        return True


class JsonFormatter(logging.Formatter):
    _RESERVED = set(vars(logging.makeLogRecord({})).keys()) | {"message", "asctime"}

    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in self._RESERVED and not key.startswith("_"):
                payload[key] = redact(str(value)) if isinstance(value, str) else repr(value)
        if record.exc_info:
            payload["exc"] = redact(self.formatException(record.exc_info))
        return json.dumps(payload, ensure_ascii=False, default=str)
