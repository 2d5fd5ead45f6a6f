"""Deployment checks (``manage.py check --deploy``): what production must not run without."""

from __future__ import annotations

from django.conf import settings
from django.core import checks

PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@checks.register(checks.Tags.security, deploy=True)
def shared_cache(app_configs, **kwargs):
    """Rate limits count in the cache: with a per-process cache under several gunicorn workers
    each worker counts alone, and the limits protect a fraction of what they say."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in PER_PROCESS_CACHES:
        return [
            checks.Error(
                "No shared cache: rate limits would count per process.",
                hint="Set REDIS_URL (the cache every app server shares) in production.",
                id="balaikota.E001",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def public_url_is_https(app_configs, **kwargs):
    """Every link in e-mails, QR codes and PDFs starts with BALAIKOTA_PUBLIC_URL."""
    url = str(getattr(settings, "BALAIKOTA_PUBLIC_URL", ""))
    if not url.startswith("https://"):
        return [
            checks.Error(
                f"BALAIKOTA_PUBLIC_URL is {url!r}: links in e-mails, QR codes and PDFs would not "
                "be HTTPS.",
                hint="Set BALAIKOTA_PUBLIC_URL to the platform's public https:// address.",
                id="balaikota.E002",
            )
        ]
    return []
