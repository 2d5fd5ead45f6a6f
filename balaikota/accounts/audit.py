"""Which account models the audit trail (django-auditlog) records, and who it names."""

from contextlib import contextmanager

from auditlog.context import auditlog_value, set_actor
from auditlog.registry import auditlog

from .models import Device, RoleAssignment, User

auditlog.register(User, exclude_fields=["password", "last_login"])
auditlog.register(RoleAssignment)
# A phone signing in and ending (who, when, from where, why); last use is written without a row.
auditlog.register(Device, exclude_fields=["token", "token_digest", "last_used_at", "last_used_ip"])


@contextmanager
def acting(actor, address: str | None = None):
    """Name ``actor`` (and the client's address) on the audit rows written inside.

    auditlog's middleware names the request's user as Django's middleware saw it: an API request
    signed in with a token (the app's sign-in, a device's own sign-out) reaches the view as an
    anonymous visitor there. The request's own context is restored afterwards."""
    try:
        outer = auditlog_value.get()
    except LookupError:
        outer = None
    try:
        with set_actor(actor, remote_addr=address):
            yield
    finally:
        if outer is not None:
            auditlog_value.set(outer)
