import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from balaikota.core import tasks
from balaikota.core.tasks import clear_expired_sessions, enqueue_on_commit


def test_expired_sessions_are_cleared_and_live_ones_kept(db):
    now = timezone.now()
    Session.objects.create(
        session_key="lama", session_data="", expire_date=now - dt.timedelta(days=1)
    )
    Session.objects.create(
        session_key="aktif", session_data="", expire_date=now + dt.timedelta(days=1)
    )
    assert clear_expired_sessions() == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == ["aktif"]


@pytest.mark.django_db(transaction=True)
def test_a_task_is_not_sent_when_the_write_rolls_back(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    Session.objects.create(
        session_key="lama", session_data="", expire_date=timezone.now() - dt.timedelta(days=1)
    )
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_on_commit(clear_expired_sessions)
        raise RuntimeError("the business operation failed")
    assert Session.objects.filter(session_key="lama").exists()
    with transaction.atomic():
        enqueue_on_commit(clear_expired_sessions)
    assert not Session.objects.filter(session_key="lama").exists()


def test_the_daily_purge_keeps_what_still_matters(db, settings):
    from balaikota.core.models import IdempotencyRecord, LockoutCounter, OutboxItem

    assert settings.CELERY_BEAT_SCHEDULE["core-purge-expired"]["task"] == "core.purge_expired"
    now = timezone.now()
    day = timezone.timedelta(days=1)
    IdempotencyRecord.objects.create(scope="s", owner_id=1, key="old", expires_at=now - day)
    IdempotencyRecord.objects.create(scope="s", owner_id=1, key="live", expires_at=now + day)
    LockoutCounter.objects.create(scope="s", key_digest="quiet", last_failure_at=now - 2 * day)
    LockoutCounter.objects.create(
        scope="s", key_digest="locked", last_failure_at=now - 2 * day, locked_until=now + day
    )
    LockoutCounter.objects.create(scope="s", key_digest="recent", last_failure_at=now)
    OutboxItem.objects.create(handler="h", key="old-done", status="done", done_at=now - 31 * day)
    OutboxItem.objects.create(handler="h", key="new-done", status="done", done_at=now - day)
    OutboxItem.objects.create(handler="h", key="failed", status="failed")

    assert tasks.purge_expired() == {"idempotency": 1, "lockouts": 1, "outbox": 1}
    assert set(IdempotencyRecord.objects.values_list("key", flat=True)) == {"live"}
    assert set(LockoutCounter.objects.values_list("key_digest", flat=True)) == {"locked", "recent"}
    assert set(OutboxItem.objects.values_list("key", flat=True)) == {"new-done", "failed"}
