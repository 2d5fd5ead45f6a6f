"""What other apps may use of accounts: the role vocabulary."""

from .models import OPD_SCOPED_ROLES, STAFF_ROLES, Role

__all__ = ["OPD_SCOPED_ROLES", "STAFF_ROLES", "Role"]
