"""Rules of complaints: an OPD's public-service managers handle that OPD's complaints only; the
complainant follows up their own; the public reads public complaints without personal data."""

import rules

from balaikota.accounts.interfaces import Role
from balaikota.accounts.permissions import has_role, has_role_in_opd_of, is_platform_admin

is_opd_complaint_manager = has_role_in_opd_of(Role.SERVICE_MANAGER, lambda c: c.opd_id)


@rules.predicate
def is_complainant(user, complaint) -> bool:
    return bool(
        user
        and user.is_authenticated
        and complaint is not None
        and complaint.complainant_id is not None
        and complaint.complainant_id == user.pk
    )


@rules.predicate
def is_public(user, complaint) -> bool:
    return complaint is not None and complaint.is_public


rules.add_perm("complaints.process_complaint", is_opd_complaint_manager)
rules.add_perm("complaints.respond_complaint", is_complainant)
rules.add_perm("complaints.view_complaint", is_public | is_complainant | is_opd_complaint_manager)
# Contact details: the complainant, and the OPD unless the complainant hid them.
rules.add_perm(
    "complaints.view_complainant",
    is_complainant | (is_opd_complaint_manager & ~rules.predicate(lambda u, c: c.is_anonymous)),
)
# The queue and the export of one's own OPDs: a public-service manager anywhere.
rules.add_perm("complaints.view_queue", has_role(Role.SERVICE_MANAGER))
rules.add_perm("complaints.export_complaints", is_platform_admin)
for action in ("view", "change"):
    rules.add_perm(f"complaints.{action}_complaintcategory", is_platform_admin)
rules.add_perm("complaints.add_complaintcategory", is_platform_admin)
