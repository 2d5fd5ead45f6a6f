"""Object rules for the organisation: who may see and import civil servants."""

import rules

from balaikota.accounts.permissions import is_competency_admin, is_platform_admin

rules.add_perm("organization.import_employees", is_platform_admin | is_competency_admin)
