"""Rules of the satisfaction survey: anyone invited answers; results are public; an OPD's
public-service manager records the follow-up actions of that OPD only."""

import rules

from balaikota.accounts.interfaces import Role
from balaikota.accounts.permissions import has_role_in_opd_of, is_platform_admin


def _opd_id(obj):
    """The OPD of an action, or the OPD itself (asking before an action exists)."""
    return getattr(obj, "opd_id", None) or getattr(obj, "pk", None)


is_opd_service_manager = has_role_in_opd_of(Role.SERVICE_MANAGER, _opd_id)

rules.add_perm("satisfaction.manage_improvement", is_opd_service_manager | is_platform_admin)
rules.add_perm("satisfaction.view_satisfactionsurvey", is_platform_admin)
rules.add_perm("satisfaction.view_surveyinvitation", is_platform_admin)
for action in ("view", "add", "change", "delete"):
    rules.add_perm(f"satisfaction.{action}_improvementaction", is_platform_admin)
