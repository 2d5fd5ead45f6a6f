"""Which organisation models the audit trail (django-auditlog) records; registers the NIK region lookup."""

from auditlog.registry import auditlog

from balaikota.core.identity import register_district_lookup

from .models import Employee, Opd, Position, Unit
from .selectors import district_exists

auditlog.register(Opd)
auditlog.register(Unit)
auditlog.register(Position)
auditlog.register(Employee)
register_district_lookup(district_exists)
