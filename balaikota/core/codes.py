"""Codes people read out over the phone: tracking numbers of applications, complaints…"""

from __future__ import annotations

import secrets

from django.utils import timezone

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I


def random_code(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _i in range(length))


def tracking_code(prefix: str, today=None, *, length: int = 6) -> str:
    """PREFIX-YYMM-XXXXXX: 32**6 ≈ 10**9 codes per month, drawn with ``secrets``."""
    today = today or timezone.localdate()
    return f"{prefix}-{today:%y%m}-{random_code(length)}"
