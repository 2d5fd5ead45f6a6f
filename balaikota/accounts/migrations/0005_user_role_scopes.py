"""The account's role summary (``User.role_scopes``), filled from the existing role rows."""

from django.db import migrations, models


def fill(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    RoleAssignment = apps.get_model("accounts", "RoleAssignment")
    scopes: dict[int, dict[str, list]] = {}
    rows = RoleAssignment.objects.order_by("user_id", "role", "opd_id")
    for user_id, role, opd_id in rows.values_list("user_id", "role", "opd_id").iterator():
        scopes.setdefault(user_id, {}).setdefault(role, []).append(opd_id)
    for user_id, summary in scopes.items():
        User.objects.filter(pk=user_id).update(role_scopes=summary)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_phone_verification"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="role_scopes",
            field=models.JSONField(
                blank=True, default=dict, editable=False, verbose_name="peran (ringkasan)"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
