"""The default complaint categories, so a fresh installation can take complaints at once."""

from django.db import migrations


def load(apps, schema_editor):
    from balaikota.complaints.data.categories import CATEGORIES

    Category = apps.get_model("complaints", "ComplaintCategory")
    for order, (slug, name, description, days, is_suggestion) in enumerate(CATEGORIES, start=1):
        Category.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "resolution_days": days,
                "is_suggestion": is_suggestion,
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
