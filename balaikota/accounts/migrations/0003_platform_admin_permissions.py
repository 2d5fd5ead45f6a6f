"""The platform admin's back office comes with the schema, not with the demo seed: a real
deployment's admin can manage public services, units, positions, employees and roles in
/admin/ (including /admin/auth/group/) as soon as ``migrate`` has run.

What the group gets, per app: the Django model permissions listed in ``BACK_OFFICE``. Personal
data (applications, residents, notifications, issued documents) is not in it: those are read
through the platform's own pages, which log every view. Deleting a person is not in it either.
A later app whose models the platform admin manages grants them in a migration of its own.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE = "platform_admin"

ALL = ("add", "change", "delete", "view")
NO_DELETE = ("add", "change", "view")
READ = ("view",)

#: app label → model → actions
BACK_OFFICE = {
    "organization": {
        "province": READ,
        "regency": READ,
        "district": NO_DELETE,
        "village": NO_DELETE,
        "opd": NO_DELETE,
        "unit": ALL,
        "rank": READ,
        "position": ALL,
        "employee": NO_DELETE,
    },
    "accounts": {"user": NO_DELETE, "roleassignment": ALL},
    "auth": {"group": ("change", "view"), "permission": READ},
    "catalogue": {"publicservice": ALL},
    "civil_registry": {
        "servicetype": NO_DELETE,
        "servicelocation": ALL,
        "appointmentslot": ALL,
    },
    "core": {"extraholiday": ALL, "accesslogentry": READ, "outboxitem": ("change", "view")},
    "documents": {"signingcertificate": READ, "numberregister": READ, "issuednumber": READ},
    "account": {"emailaddress": ("change", "view")},
    "auditlog": {"logentry": READ},
}


def grant(apps, schema_editor):
    # Permissions are normally created after every migration has run (post_migrate); create the
    # ones needed here first, so a fresh database gets the grant in this same migrate.
    for label in BACK_OFFICE:
        create_permissions(global_apps.get_app_config(label), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=ROLE)
    wanted = []
    for label, models in BACK_OFFICE.items():
        for model, actions in models.items():
            wanted.extend(
                Permission.objects.filter(
                    content_type__app_label=label,
                    content_type__model=model,
                    codename__in=[f"{action}_{model}" for action in actions],
                ).values_list("pk", flat=True)
            )
    group.permissions.add(*wanted)


def ungrant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=ROLE):
        group.permissions.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("auth", "__latest__"),
        ("contenttypes", "__latest__"),
        ("organization", "0002_seed_ranks"),
        ("catalogue", "0001_initial"),
        ("civil_registry", "0003_two_level_review"),
        ("core", "0003_outbox_claimed_by"),
        ("documents", "0003_certificate_revocation"),
        ("account", "__latest__"),
        ("auditlog", "__latest__"),
    ]

    operations = [migrations.RunPython(grant, ungrant)]
