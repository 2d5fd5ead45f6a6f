"""One public address for every link that leaves the platform: e-mails, SMS, QR codes, PDFs.

``BALAIKOTA_PUBLIC_URL`` (README, Settings) is the address citizens reach the platform at; a
link built from the request would carry whatever host a worker, a proxy or a test used."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings


def public_base() -> str:
    return str(getattr(settings, "BALAIKOTA_PUBLIC_URL", "") or "http://127.0.0.1:8000").rstrip("/")


def public_url(path_or_url: str) -> str:
    """``/lacak/?nomor=…`` → ``https://balaikota.semarangkota.go.id/lacak/?nomor=…``; an absolute
    URL keeps its path and query but takes the public scheme and host."""
    parts = urlsplit(str(path_or_url))
    path = parts.path or "/"
    query = f"?{parts.query}" if parts.query else ""
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return f"{public_base()}{path}{query}{fragment}"
