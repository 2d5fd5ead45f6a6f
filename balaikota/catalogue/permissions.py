"""Rules of the service catalogue: everyone reads it; the platform admin maintains it."""

import rules

from balaikota.accounts.permissions import is_platform_admin

rules.add_perm("catalogue.manage_catalogue", is_platform_admin)
for action in ("view", "add", "change", "delete"):
    rules.add_perm(f"catalogue.{action}_publicservice", is_platform_admin)
    for model in (
        "servicerequirement",
        "lifeevent",
        "servicelocation",
        "servicecharter",
        "searchsynonym",
    ):
        rules.add_perm(f"catalogue.{action}_{model}", is_platform_admin)
