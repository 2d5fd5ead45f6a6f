"""What other apps may use of accounts: the role vocabulary."""

from .models import BACK_OFFICE_ROLES, OPD_SCOPED_ROLES, STAFF_ROLES, Role

__all__ = ["BACK_OFFICE_ROLES", "OPD_SCOPED_ROLES", "STAFF_ROLES", "Role"]
