import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

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
