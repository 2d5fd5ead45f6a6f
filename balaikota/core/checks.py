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
