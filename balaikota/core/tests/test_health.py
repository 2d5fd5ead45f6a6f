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
