"""Which account models the audit trail (django-auditlog) records."""

from auditlog.registry import auditlog

from .models import RoleAssignment, User

auditlog.register(User, exclude_fields=["password", "last_login"])
auditlog.register(RoleAssignment)
