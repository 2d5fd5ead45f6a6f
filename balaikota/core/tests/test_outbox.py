"""The outbox: the row written with the business data is the truth; the broker only speeds it
up. Nothing is lost when the broker, a worker or the handler fails; nothing runs twice at once."""

import os
from unittest import mock

import pytest
from django.db import transaction
from django.utils import timezone

from balaikota.core import outbox
from balaikota.core.models import OutboxItem

calls: list[dict] = []


@pytest.fixture(autouse=True)
def _handlers():
    calls.clear()
    outbox.handler("test.record", max_attempts=3)(lambda payload: calls.append(payload))

    def flaky(payload):
        calls.append(payload)
        if len(calls) < payload.get("succeed_on", 99):
            raise OSError("sementara")

    outbox.handler("test.flaky", max_attempts=3, on_failed=lambda p, e: calls.append({"x": e}))(
        flaky
    )

    def broken(payload):
        raise outbox.Permanent("data sudah dihapus")

    outbox.handler("test.broken")(broken)
    outbox._broker_down_until = 0.0
    yield
    for name in ("test.record", "test.flaky", "test.broken"):
        outbox.REGISTRY.pop(name, None)


def test_the_item_runs_after_the_commit_and_only_once_per_key(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = outbox.enqueue("test.record", {"n": 1}, key="k-1")
        again = outbox.enqueue("test.record", {"n": 1}, key="k-1")
    assert first.pk == again.pk
    assert calls == [{"n": 1}]
    first.refresh_from_db()
    assert (first.status, first.attempts) == ("done", 1)
    assert first.done_at is not None


def test_a_rolled_back_write_leaves_no_item(db):
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.enqueue("test.record", {}, key="k-rollback")
        raise RuntimeError
    assert not OutboxItem.objects.exists()


def test_without_a_broker_transient_failures_are_retried_at_once(db):
    item = OutboxItem.objects.create(handler="test.flaky", key="f", payload={"succeed_on": 3})
    assert outbox.run(item.pk) == "done"
    item.refresh_from_db()
    assert (item.status, item.attempts) == ("done", 3)


def test_after_the_last_attempt_the_item_is_failed_and_on_failed_runs(db):
    item = OutboxItem.objects.create(handler="test.flaky", key="f", payload={}, max_attempts=3)
    assert outbox.run(item.pk) == "failed"
    item.refresh_from_db()
    assert (item.status, item.attempts) == ("failed", 3)
    assert "sementara" in item.last_error
    assert calls[-1] == {"x": item.last_error}
    assert outbox.run(item.pk) is None  # a failed item waits for the admin's resend


def test_a_permanent_error_is_not_retried(db):
    item = OutboxItem.objects.create(handler="test.broken", key="b")
    assert outbox.run(item.pk) == "failed"
    item.refresh_from_db()
    assert (item.attempts, item.last_error) == (1, "data sudah dihapus")


def test_on_a_worker_a_failure_waits_with_backoff_then_the_sweeper_sends_it(db, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    item = OutboxItem.objects.create(handler="test.flaky", key="f", payload={"succeed_on": 2})
    assert outbox.run(item.pk) == "pending"
    item.refresh_from_db()
    assert 20 <= (item.available_at - timezone.now()).total_seconds() <= 40
    assert outbox.sweep() == 0  # not due yet
    OutboxItem.objects.filter(pk=item.pk).update(available_at=timezone.now())
    with mock.patch("balaikota.core.tasks.run_outbox_item.apply_async") as send:
        assert outbox.sweep() == 1
    send.assert_called_once_with(args=[item.pk], retry=False)


def test_a_broker_that_is_down_never_fails_the_committed_write(
    db, settings, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    broken = mock.patch(
        "balaikota.core.tasks.run_outbox_item.apply_async", side_effect=ConnectionError("mati")
    )
    with broken, django_capture_on_commit_callbacks(execute=True):
        item = outbox.enqueue("test.record", {}, key="k-broker")
    item.refresh_from_db()
    assert (item.status, item.dispatched_at) == ("pending", None)
    # The broker is back: the sweeper sends what waited (created a while ago).
    OutboxItem.objects.filter(pk=item.pk).update(
        created_at=timezone.now() - timezone.timedelta(minutes=1)
    )
    outbox._broker_down_until = 0.0
    with mock.patch("balaikota.core.tasks.run_outbox_item.apply_async") as send:
        assert outbox.sweep() == 1
    send.assert_called_once()


def test_an_item_held_by_a_live_claim_is_not_run_again(db):
    item = OutboxItem.objects.create(
        handler="test.record",
        key="held",
        status="running",
        attempts=1,
        lease_until=timezone.now() + timezone.timedelta(minutes=5),
    )
    assert outbox.run_once(item.pk) is None  # a redelivered task while the first still runs
    assert calls == []


def test_an_item_whose_worker_died_is_claimed_again_after_its_lease(db):
    item = OutboxItem.objects.create(
        handler="test.record",
        key="dead",
        status="running",
        attempts=1,
        lease_until=timezone.now() - timezone.timedelta(seconds=1),
    )
    assert outbox.sweep() == 1  # embedded: the sweeper runs it itself
    item.refresh_from_db()
    assert (item.status, item.attempts, calls) == ("done", 2, [{}])


def _dead_pid() -> int:
    """The pid of a process that has just exited (a worker killed mid-task)."""
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_redelivered_task_takes_over_at_once_from_a_killed_worker(db):
    import socket

    lease = timezone.now() + timezone.timedelta(minutes=5)
    dead = OutboxItem.objects.create(
        handler="test.record",
        key="killed",
        status="running",
        attempts=1,
        lease_until=lease,
        claimed_by=f"{socket.gethostname()}:{_dead_pid()}",
    )
    elsewhere = OutboxItem.objects.create(
        handler="test.record",
        key="other-host",
        status="running",
        attempts=1,
        lease_until=lease,
        claimed_by="another-host:1",  # only its own host can tell: wait for the lease
    )
    assert outbox.run_once(elsewhere.pk) is None
    assert outbox.run_once(dead.pk) == "done"  # no five minutes' wait for the lease
    dead.refresh_from_db()
    assert (dead.attempts, calls) == (2, [{}])
    assert dead.claimed_by.endswith(f":{os.getpid()}")


def test_the_sweeper_takes_over_items_of_a_killed_worker(db):
    import socket

    item = OutboxItem.objects.create(
        handler="test.record",
        key="killed-sweep",
        status="running",
        attempts=1,
        lease_until=timezone.now() + timezone.timedelta(minutes=5),
        claimed_by=f"{socket.gethostname()}:{_dead_pid()}",
    )
    assert outbox.sweep() == 1
    item.refresh_from_db()
    assert (item.status, calls) == ("done", [{}])


def test_an_item_whose_worker_died_on_the_last_attempt_ends_failed(db):
    item = OutboxItem.objects.create(
        handler="test.flaky",
        key="dead-last",
        status="running",
        attempts=3,
        max_attempts=3,
        lease_until=timezone.now() - timezone.timedelta(seconds=1),
    )
    assert outbox.sweep() == 0
    item.refresh_from_db()
    assert (item.status, item.last_error) == ("failed", "worker lost")  # shown to the admin
    assert calls == [{"x": "worker lost"}]  # on_failed ran


def test_resend_starts_a_failed_item_again(db, django_capture_on_commit_callbacks):
    item = OutboxItem.objects.create(
        handler="test.record", key="again", status="failed", attempts=8, last_error="x"
    )
    with django_capture_on_commit_callbacks(execute=True):
        outbox.resend(item)
    item.refresh_from_db()
    assert (item.status, item.attempts, item.last_error) == ("done", 1, "")


def test_backlog_reports_the_oldest_waiting_item(db):
    OutboxItem.objects.create(
        handler="test.record",
        key="old",
        created_at=timezone.now() - timezone.timedelta(minutes=7),
    )
    OutboxItem.objects.create(handler="test.record", key="f", status="failed")
    state = outbox.backlog()
    assert state["pending"] == 1 and state["failed"] == 1
    assert 400 <= state["oldest_seconds"] <= 440


def test_celery_is_configured_for_at_least_once(settings):
    assert settings.CELERY_TASK_ACKS_LATE is True
    assert settings.CELERY_TASK_REJECT_ON_WORKER_LOST is True
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] >= 60
    assert settings.CELERY_BEAT_SCHEDULE["core-sweep-outbox"]["schedule"] <= 60
    # A publish to a dead broker fails at once instead of kombu's ~2 s of retries in the request.
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["max_retries"] == 0
    assert settings.CELERY_TASK_PUBLISH_RETRY is False


@pytest.mark.django_db(transaction=True)
def test_an_outcome_is_recorded_through_a_short_database_outage(monkeypatch):
    from django.db import OperationalError

    monkeypatch.setattr(outbox.time, "sleep", lambda seconds: None)
    tries = []

    def write():
        tries.append(1)
        if len(tries) < 3:
            raise OperationalError("server closed the connection unexpectedly")
        return "recorded"

    assert outbox.settle(write) == "recorded" and len(tries) == 3


def test_inside_a_transaction_an_outcome_is_not_retried(db):
    from django.db import OperationalError

    def write():
        raise OperationalError("down")

    with pytest.raises(OperationalError):
        outbox.settle(write)  # the transaction is broken anyway: its caller must roll back


def test_an_attempt_that_met_a_database_outage_is_tried_again_soon(db, settings):
    from django.db import OperationalError

    def needs_the_database(payload):
        raise OperationalError("could not connect to server")

    outbox.handler("test.db", max_attempts=3)(needs_the_database)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    try:
        item = OutboxItem.objects.create(handler="test.db", key="db-down")
        assert outbox.run(item.pk) == "pending"
        item.refresh_from_db()
        assert (item.available_at - timezone.now()).total_seconds() <= outbox.DATABASE_RETRY
    finally:
        outbox.REGISTRY.pop("test.db", None)
