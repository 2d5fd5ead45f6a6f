"""Personal data out of what the public reads: numbers that look like a NIK, a phone number or
an e-mail address are masked (the complainant's name and contact are never shown at all)."""

from __future__ import annotations

import re

_NIK = re.compile(r"(?<!\d)(\d{4})\d{8}(\d{4})(?!\d)")  # 16 digits
_PHONE = re.compile(r"(?<![\d+])((?:\+62|62|0)8\d)[\d\s-]{6,11}(\d{2})(?!\d)")
_EMAIL = re.compile(r"\b([A-Za-z0-9])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})\b")


def mask_personal_data(text: str) -> str:
    text = _NIK.sub(lambda m: f"{m.group(1)}{'•' * 8}{m.group(2)}", text or "")
    text = _PHONE.sub(lambda m: f"{m.group(1)}{'•' * 6}{m.group(2)}", text)
    return _EMAIL.sub(lambda m: f"{m.group(1)}•••@{m.group(2)}", text)
