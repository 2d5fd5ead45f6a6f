"""Messages still "queued" when the outbox arrived get an outbox item, so the sweeper sends
them (before, a lost Celery task left them queued forever)."""

from django.db import migrations
from django.utils import timezone


def forwards(apps, schema_editor):
    OutboundMessage = apps.get_model("notifications", "OutboundMessage")
    OutboxItem = apps.get_model("core", "OutboxItem")
    now = timezone.now()
    queued = OutboundMessage.objects.filter(status="queued").values_list("pk", "channel")
    items = [
        OutboxItem(
            handler="notifications.deliver",
            key=f"outbound:{pk}",
            payload={"message_id": pk},
            label=f"{channel} #{pk}",
            max_attempts=6,
            available_at=now,
            created_at=now,
        )
        for pk, channel in queued.iterator()
    ]
    OutboxItem.objects.bulk_create(items, batch_size=1000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("core", "0002_outbox_lockouts_idempotency"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
