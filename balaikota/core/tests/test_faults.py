"""Fault tests with real processes: a PostgreSQL and a Redis of our own (other ports; the
machine's services are untouched), gunicorn, a Celery worker and beat with production settings.
We kill the broker while a citizen applies, kill the worker that holds a task, cut a client
off mid-submit, stop the database and kill the worker, and look at what the citizen was
answered, what the database kept and which e-mails left (balaikota/testing/faults.py)."""

import os
import secrets
import shutil
import signal
import tempfile
import time
from pathlib import Path

import pytest
import requests

from balaikota.testing import faults

pytestmark = [pytest.mark.faults]

SWEEP = 2.0  # seconds between the outbox sweeps beat schedules in this stack


@pytest.fixture(scope="module")
def stack():
    missing = faults.missing_binaries()
    if missing:
        pytest.skip(f"the fault stack needs {', '.join(missing)}")
    root = Path(tempfile.mkdtemp(prefix="bk-faults-"))
    try:
        with faults.Stack.build(root, sweep_seconds=SWEEP) as built:
            yield built
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def citizen(stack):
    return stack.api(stack.data["token"])


def _outbox(stack, number: str) -> list[tuple]:
    """(status, attempts) of the outbox items of the e-mails about ``number``."""
    return stack.postgres.query(
        "SELECT o.status, o.attempts FROM core_outboxitem o"
        " JOIN notifications_outboundmessage m ON o.key = 'outbound:' || m.id"
        " WHERE m.subject LIKE %s AND m.channel = 'email'",
        [f"{number}%"],
    )


def _sent_once(stack, number: str) -> list:
    mails = faults.wait_until(
        lambda: stack.mail_about(number), timeout=90, what=f"the e-mail about {number}"
    )
    time.sleep(3 * SWEEP)  # the sweeper and any redelivery have had their chance to repeat it
    mails = stack.mail_about(number)
    assert len(mails) == 1, f"{len(mails)} e-mails about {number}\n{stack.logs()}"
    return mails


def test_broker_killed_mid_application_the_submit_succeeds_and_the_email_leaves_later(
    stack, citizen
):
    submit, _key, _pk = stack.apply(
        citizen, child_name="Raka Broker Mati", before_submit=stack.redis.kill
    )
    try:
        assert submit.status_code == 201, submit.text
        body = submit.json()
        number = body["application"]["tracking_number"]
        assert len(body["pin"]) == 6
        time.sleep(SWEEP)
        assert stack.mail_about(number) == []  # nothing can leave while the broker is gone
        assert _outbox(stack, number) == [("pending", 0)]  # but the row is there
    finally:
        stack.redis.start()
    [mail] = _sent_once(stack, number)
    assert mail["To"] == stack.data["citizen_email"]
    assert _outbox(stack, number) == [("done", 1)]


def test_a_worker_killed_holding_a_task_gives_it_back_and_it_is_sent_once(stack, citizen):
    stack.holding.unlink(missing_ok=True)
    stack.gate.touch()  # the next send stops at the gate and names its process
    try:
        submit, _key, _pk = stack.apply(citizen, child_name="Raka Pekerja Mati")
        assert submit.status_code == 201, submit.text
        number = submit.json()["application"]["tracking_number"]
        pid = int(
            faults.wait_until(
                lambda: stack.holding.exists() and stack.holding.read_text(),
                timeout=30,
                what="a worker holding the e-mail",
            )
        )
        assert pid in stack.worker_pids()  # a pool process of the worker holds the task
        os.kill(pid, signal.SIGKILL)
    finally:
        stack.gate.unlink(missing_ok=True)
    _sent_once(stack, number)
    # The killed attempt counts; the task Celery gave back took the item over at once.
    assert _outbox(stack, number) == [("done", 2)]
    assert stack.worker.running()


def test_a_client_cut_off_mid_submit_gets_the_same_pin_when_it_retries(stack, citizen):
    impatient = stack.api(stack.data["token"], timeout=0.001)
    data = dict(stack.data["birth_data"], child_name="Raka Koneksi Putus")
    draft = citizen.post(
        "/api/v1/kependudukan/applications/",
        json={"service_type": "akta-kelahiran", "data": data},
    ).json()
    for code in ("surat_lahir", "ktp_orang_tua", "kk", "buku_nikah"):
        citizen.post(
            f"/api/v1/kependudukan/applications/{draft['id']}/documents/",
            data={"requirement": code},
            files={"file": ("berkas.pdf", faults._PDF, "application/pdf")},
        ).raise_for_status()
    key = secrets.token_hex(12)
    path = f"/api/v1/kependudukan/applications/{draft['id']}/submit/"
    with pytest.raises(requests.Timeout):  # the phone lost the answer
        impatient.post(path, headers={"Idempotency-Key": key})
    replay = None
    for _attempt in range(20):  # the app retries with the same key until it is answered
        replay = citizen.post(path, headers={"Idempotency-Key": key})
        if replay.status_code != 409:
            break
        time.sleep(0.25)
    assert replay.status_code == 201, replay.text
    body = replay.json()
    # Whichever of the two the server ran first (the cut-off one may still be in its backlog),
    # every later answer with the key is that first answer again.
    again = citizen.post(path, headers={"Idempotency-Key": key})
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert again.json()["pin"] == body["pin"] and len(body["pin"]) == 6
    tracked = stack.api().post(
        "/api/v1/kependudukan/tracking/",
        json={"tracking_number": body["application"]["tracking_number"], "pin": body["pin"]},
    )
    assert tracked.status_code == 200, tracked.text  # the PIN opens public tracking
    [(count,)] = stack.postgres.query(
        "SELECT count(*) FROM civil_registry_application WHERE data->>'child_name' = %s",
        [data["child_name"]],
    )
    assert count == 1


def test_while_the_database_is_down_the_api_answers_json_503_and_then_recovers(stack, citizen):
    stack.postgres.stop("immediate")
    try:
        started = time.monotonic()
        listing = citizen.get("/api/v1/kependudukan/applications/")
        assert listing.status_code == 503, listing.text
        assert listing.headers["Retry-After"] == "30"
        assert listing.headers["Content-Type"] == "application/json"
        assert listing.json()["code"] == "unavailable"
        assert "tidak tersedia" in listing.json()["detail"]
        page = stack.api().get("/layanan/")
        assert page.status_code == 503 and "Layanan sedang terganggu" in page.text
        health = stack.api().get("/health/")
        assert health.status_code == 503 and health.json()["status"] == "down"
        assert time.monotonic() - started < 10
    finally:
        stack.postgres.start()
    recovered = faults.wait_until(
        lambda: citizen.get("/api/v1/kependudukan/applications/").status_code == 200,
        timeout=30,
        what="the API after the database came back",
    )
    assert recovered


def test_health_reports_a_dead_worker_within_a_second(stack):
    public = stack.api()
    faults.wait_until(
        lambda: public.get("/health/").json()["checks"]["workers"]["status"] == "ok",
        timeout=30,
        what="a live worker in /health/",
    )
    stack.worker.kill()
    try:
        started = time.monotonic()
        health = public.get("/health/")
        elapsed = time.monotonic() - started
        assert health.status_code == 200, health.text  # degraded, not down: the site still works
        report = health.json()
        assert report["status"] == "degraded"
        assert report["checks"]["workers"]["status"] == "error"
        assert any(reason.startswith("workers") for reason in report["reasons"])
        assert elapsed < 1.5
    finally:
        stack.start_worker()
