"""Who records follow-up actions: the public-service manager of that OPD (and the admin)."""

from balaikota.accounts.models import Role
from balaikota.testing.matrix import check_row, grant, permission_matrix


def opd_of(whose, people):
    return {
        "own_opd": people.opd,
        "other_opd": people.other_opd,
        "none": None,
    }[whose]


ROWS = [
    *grant(
        "satisfaction.manage_improvement",
        whose="own_opd",
        to={Role.SERVICE_MANAGER, Role.PLATFORM_ADMIN},
    ),
    *grant("satisfaction.manage_improvement", whose="other_opd", to={Role.PLATFORM_ADMIN}),
    *grant("satisfaction.view_satisfactionsurvey", whose="none", to={Role.PLATFORM_ADMIN}),
]


@permission_matrix(ROWS)
def test_satisfaction_permissions(row, request):
    check_row(row, request, subject=opd_of)
