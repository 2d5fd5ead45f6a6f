"""Two officers claiming at the same moment never get the same application (PostgreSQL: real
row locks, threads with their own connections)."""

import threading

import pytest
from django.db import connection, connections

from balaikota.civil_registry import services
from balaikota.civil_registry.models import Application, ServiceType, Status
from balaikota.civil_registry.services import CivilRegistryError
from balaikota.testing.concurrency import run_together

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
        results = run_together(
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
    results = run_together(
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
    results = run_together(
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


def _lock_free(model, pk) -> bool:
    """From another connection: can the row be locked right now (NOWAIT)? Then nobody holds it."""
    from django.db import DatabaseError, transaction

    outcome = {}

    def probe():
        try:
            with transaction.atomic():
                model.objects.select_for_update(nowait=True).filter(pk=pk).first()
            outcome["free"] = True
        except DatabaseError:
            outcome["free"] = False
        finally:
            connections.close_all()

    thread = threading.Thread(target=probe)
    thread.start()
    thread.join(10)
    return outcome.get("free", False)


def test_slow_work_runs_outside_row_locks(
    citizen, family, service_types, officer, signer, monkeypatch
):
    """Rendering the PDF and calling the signer (BSrE: up to 30 s) must never hold the
    application's, the document's or the numbering register's row lock."""
    from balaikota.civil_registry import integrations
    from balaikota.documents import services as document_services
    from balaikota.documents.models import IssuedDocument, NumberRegister
    from balaikota.documents.signers import LocalPadesSigner

    from .test_services import submitted

    application = submitted(citizen, family).application
    services.application_claim(application=application, officer=officer)
    seen = {}
    real_builder = integrations.official_pdf_builder

    def watching_builder(spec, **kwargs):
        build = real_builder(spec, **kwargs)

        def checked(url):
            seen["render: application free"] = _lock_free(Application, application.pk)
            seen["render: register free"] = all(
                _lock_free(NumberRegister, pk)
                for pk in NumberRegister.objects.values_list("pk", flat=True)
            )
            return build(url)

        return checked

    monkeypatch.setattr(integrations, "official_pdf_builder", watching_builder)
    services.application_approve(application=application, officer=officer)  # commits; the task runs
    application.refresh_from_db()
    assert application.status == Status.AWAITING_SIGNATURE

    class WatchingSigner(LocalPadesSigner):
        def sign(self, pdf, **kwargs):
            seen["sign: application free"] = _lock_free(Application, application.pk)
            seen["sign: document free"] = _lock_free(IssuedDocument, application.document_id)
            seen["sign: shown as being signed"] = (
                IssuedDocument.objects.get(pk=application.document_id).status == "signing"
            )
            return super().sign(pdf, **kwargs)

    monkeypatch.setattr(document_services, "get_signer", lambda: WatchingSigner())
    services.application_sign(application=application, signer=signer)
    application.refresh_from_db()
    assert application.status == Status.ISSUED
    assert seen == {
        "render: application free": True,
        "render: register free": True,
        "sign: application free": True,
        "sign: document free": True,
        "sign: shown as being signed": True,
    }
