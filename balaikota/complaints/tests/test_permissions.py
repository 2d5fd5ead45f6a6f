"""Who may do what with a complaint: role × action × whose complaint."""

from balaikota.accounts.models import Role
from balaikota.testing.matrix import Row, check_row, grant, permission_matrix

from .factories import filed


def complaint_of(whose, people):
    if whose == "none":
        return None
    if whose == "own":
        return filed(user=people.actor, opd=people.opd).complaint
    if whose == "own_opd":
        return filed(user=people.stranger, opd=people.opd, is_public=False).complaint
    if whose == "other_opd":
        return filed(user=people.stranger, opd=people.other_opd, is_public=False).complaint
    return filed(user=people.stranger, opd=people.opd, is_public=False).complaint  # "other"


ROWS = [
    # An OPD answers only its own complaints; the platform admin does not answer for an OPD.
    *grant("complaints.process_complaint", whose="own_opd", to={Role.SERVICE_MANAGER}),
    *grant("complaints.process_complaint", whose="other_opd", to=set()),
    # Following up is the complainant's.
    *grant("complaints.respond_complaint", whose="own", to=set(Role.values)),
    *grant("complaints.respond_complaint", whose="other", to=set()),
    # A private complaint: its OPD's managers (and the complainant, above) see it.
    *grant("complaints.view_complaint", whose="own_opd", to={Role.SERVICE_MANAGER}),
    *grant("complaints.view_complaint", whose="other_opd", to=set()),
    *grant("complaints.export_complaints", whose="none", to={Role.PLATFORM_ADMIN}),
    *grant("complaints.view_queue", whose="none", to={Role.SERVICE_MANAGER}),
    Row(Role.SERVICE_MANAGER, "complaints.view_complainant", "own_opd", True),
    Row(Role.SERVICE_MANAGER, "complaints.view_complainant", "other_opd", False),
    Row(Role.PLATFORM_ADMIN, "complaints.view_complainant", "own_opd", False),
]


@permission_matrix(ROWS)
def test_complaint_permissions(row, request):
    check_row(row, request, subject=complaint_of)
