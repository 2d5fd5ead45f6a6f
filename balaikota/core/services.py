"""Writes shared by every app: the access log of personal data."""

from __future__ import annotations

from django.db import models

from .models import AccessLogEntry


def _client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def access_log_record(
    *, actor, obj: models.Model, purpose: str, subject=None, request=None
) -> AccessLogEntry:
    """Record that ``actor`` looked at ``obj`` (personal data of ``subject``) and why."""
    return AccessLogEntry.objects.create(
        actor=actor,
        subject=subject,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        purpose=str(purpose)[:200],
        path=(request.get_full_path()[:300] if request is not None else ""),
        ip_address=_client_ip(request),
    )
