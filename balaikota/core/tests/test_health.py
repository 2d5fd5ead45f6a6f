from unittest import mock

from django.db.utils import OperationalError


def test_health_reports_each_service(client, db):
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] in {"ok", "degraded"}
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["cache"]["status"] == "ok"
    assert "broker" in body["checks"]


def test_health_is_503_when_the_database_is_down(client, db):
    with mock.patch("balaikota.core.health._database", side_effect=OperationalError("down")):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["status"] == "down"
    assert response.json()["checks"]["database"] == {
        "status": "error",
        "error": "OperationalError",
        "ms": mock.ANY,
    }


def test_health_stays_200_but_degraded_when_only_the_broker_is_down(client, db):
    with mock.patch("balaikota.core.health._broker", side_effect=ConnectionRefusedError()):
        response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["broker"]["status"] == "error"


def test_health_reports_a_dead_worker_and_a_stale_outbox_as_degraded(client, db, settings):
    from django.utils import timezone

    from balaikota.core import health
    from balaikota.core.models import OutboxItem

    OutboxItem.objects.create(
        handler="notifications.deliver",
        key="old",
        created_at=timezone.now() - timezone.timedelta(minutes=30),
    )
    with mock.patch.object(health, "_workers", side_effect=health.Degraded("no worker answered")):
        response = client.get("/health/")
    body = response.json()
    assert response.status_code == 200 and body["status"] == "degraded"
    assert body["checks"]["workers"]["error"] == "no worker answered"
    assert body["checks"]["outbox"]["status"] == "error"
    assert body["checks"]["outbox"]["detail"]["pending"] == 1
    assert "workers: no worker answered" in body["reasons"]


def test_a_check_that_hangs_is_reported_as_a_timeout(client, db):
    import threading

    from balaikota.core import health

    release = threading.Event()
    with mock.patch.object(health, "_broker", side_effect=lambda: release.wait(5)):
        response = client.get("/health/")
    release.set()
    body = response.json()
    assert response.status_code == 200
    assert body["checks"]["broker"] == {"status": "error", "error": "timeout", "ms": 900.0}
