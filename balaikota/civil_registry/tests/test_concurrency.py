"""Two officers claiming at the same moment never get the same application (PostgreSQL: real
row locks, threads with their own connections)."""

import threading

import pytest
from django.db import connection, connections

from balaikota.civil_registry import services
from balaikota.civil_registry.models import Application, ServiceType, Status
from balaikota.civil_registry.services import CivilRegistryError

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def _waiting_applications(opd, citizen, n):
    service_type = ServiceType.objects.create(code="akta-kelahiran", name="Akta Kelahiran")
    return [
        Application.objects.create(
            citizen=citizen,
            applicant_nik="3374011705900001",
            applicant_name="Warga",
            service_type=service_type,
            status=Status.SUBMITTED,
            tracking_number=f"KP-2611-CONC{i:02d}",
            office=opd,
        )
        for i in range(n)
    ]


def _run_together(functions):
    barrier = threading.Barrier(len(functions))
    results: list = [None] * len(functions)

    def runner(index, function):
        try:
            barrier.wait()
            results[index] = function()
        except Exception as exc:  # the test inspects what each thread got
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def _officers(opd, n):
    from balaikota.testing.matrix import People

    people = People(None, None, opd, None)
    return [people.colleague(role="service_officer") for _i in range(n)]


def test_two_officers_claiming_the_same_application(opd, alice):
    (application,) = _waiting_applications(opd, alice, 1)
    officers = _officers(opd, 2)
    for _round in range(3):
        Application.objects.filter(pk=application.pk).update(
            status=Status.SUBMITTED, claimed_by=None
        )
        results = _run_together(
            [
                lambda o=o: services.application_claim(application=application, officer=o)
                for o in officers
            ]
        )
        winners = [r for r in results if isinstance(r, Application)]
        losers = [r for r in results if isinstance(r, CivilRegistryError)]
        assert len(winners) == 1 and len(losers) == 1, results
        application.refresh_from_db()
        assert application.claimed_by_id == winners[0].claimed_by_id


def test_claim_next_never_hands_out_the_same_application(opd, alice):
    waiting = _waiting_applications(opd, alice, 6)
    officers = _officers(opd, 6)
    results = _run_together(
        [lambda o=o: services.application_claim_next(officer=o) for o in officers]
    )
    claimed = [r.pk for r in results if isinstance(r, Application)]
    assert len(claimed) == len(set(claimed)) == len(waiting), results
    assert Application.objects.filter(status=Status.IN_REVIEW).count() == len(waiting)


def test_concurrent_double_submit_makes_one_submission(opd, alice, settings, tmp_path):
    from balaikota.civil_registry.services import service_types_load

    from .factories import birth_data, household, pdf_bytes

    settings.CIVIL_REGISTRY_OFFICE_CODE = opd.code
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    service_types_load()
    _kk, father, mother = household()
    alice.nik = father.nik
    alice.save(update_fields=["nik"])
    draft = services.application_draft_create(
        user=alice, service_type="akta-kelahiran", data=birth_data(mother, father)
    )
    for code in ("surat_lahir", "ktp_orang_tua", "kk", "buku_nikah"):
        services.application_document_upload(
            application=draft, user=alice, requirement_code=code, upload=pdf_bytes()
        )
    results = _run_together(
        [
            lambda: services.application_submit(application=draft, user=alice, idempotency_key="k"),
            lambda: services.application_submit(application=draft, user=alice, idempotency_key="k"),
        ]
    )
    assert sorted(r.created for r in results) == [False, True], results
    assert {r.application.tracking_number for r in results} == {
        Application.objects.get(pk=draft.pk).tracking_number
    }
    assert draft.events.filter(to_status="submitted").count() == 1
