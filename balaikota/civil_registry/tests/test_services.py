"""The birth-certificate journey at the service level, and the bad input the issue lists."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from balaikota.civil_registry import selectors, services
from balaikota.civil_registry.models import (
    Application,
    ApplicationDocument,
    ApplicationEvent,
    DuplicateFlag,
    Resident,
    Status,
)
from balaikota.civil_registry.services import CivilRegistryError, StaleFormError
from balaikota.notifications.models import Notification

from .factories import EXE_BYTES, approve_now, birth_data, jpeg_bytes, pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db

BIRTH_DOCS = ("surat_lahir", "ktp_orang_tua", "kk", "buku_nikah")


def draft_with_docs(citizen, mother, father, **overrides):
    application = services.application_draft_create(
        user=citizen, service_type="akta-kelahiran", data=birth_data(mother, father, **overrides)
    )
    for code in BIRTH_DOCS:
        services.application_document_upload(
            application=application,
            user=citizen,
            requirement_code=code,
            upload=pdf_bytes() if code != "kk" else png_bytes(),
            original_name=f"{code}.pdf",
        )
    application.refresh_from_db()
    return application


def submitted(citizen, family, *, key="", **overrides):
    _family, father, mother = family
    application = draft_with_docs(citizen, mother, father, **overrides)
    return services.application_submit(application=application, user=citizen, idempotency_key=key)


def test_birth_certificate_end_to_end(citizen, family, service_types, officer, signer):
    kk, father, mother = family
    result = submitted(citizen, family)
    application = result.application
    assert result.created and len(result.pin) == 6 and result.pin.isdigit()
    assert application.status == Status.SUBMITTED
    assert application.tracking_number.startswith("KP-")
    assert application.pin_hash and result.pin not in application.pin_hash
    assert application.due_date > dt.date.today() - dt.timedelta(days=1)  # noqa: DTZ011
    assert (
        selectors.application_for_tracking(application.tracking_number, result.pin) == application
    )
    assert selectors.application_for_tracking(application.tracking_number, "000000") in (None,) or (
        result.pin == "000000"
    )

    services.application_claim(application=application, officer=officer)
    services.application_request_correction(
        application=application,
        officer=officer,
        items=[
            {"requirement": "kk", "reason": "Foto KK buram, unggah ulang yang jelas."},
            {"field": "birth_place_name", "reason": "Tulis nama rumah sakit lengkap."},
        ],
    )
    application.refresh_from_db()
    assert application.status == Status.NEEDS_CORRECTION
    kk_doc = application.documents.get(requirement__code="kk")
    assert kk_doc.state == ApplicationDocument.State.NEEDS_CORRECTION

    # Only what was flagged may change.
    with pytest.raises(CivilRegistryError):
        services.application_draft_update(
            application=application,
            user=citizen,
            data={"child_name": "X"},
            version=application.version,
        )
    with pytest.raises(CivilRegistryError):
        services.application_document_upload(
            application=application,
            user=citizen,
            requirement_code="surat_lahir",
            upload=pdf_bytes(),
        )
    # Resubmitting before fixing the flagged file is refused.
    with pytest.raises(CivilRegistryError):
        services.application_resubmit(application=application, user=citizen)
    services.application_document_upload(
        application=application, user=citizen, requirement_code="kk", upload=jpeg_bytes()
    )
    application.refresh_from_db()
    services.application_draft_update(
        application=application,
        user=citizen,
        data={"birth_place_name": "RSUD K.R.M.T. Wongsonegoro Semarang"},
        version=application.version,
    )
    services.application_resubmit(application=application, user=citizen)
    application.refresh_from_db()
    assert application.status == Status.RESUBMITTED

    services.application_claim(application=application, officer=officer)
    approve_now(application=application, officer=officer)
    application.refresh_from_db()
    assert application.status == Status.AWAITING_SIGNATURE
    year = dt.date.today().year  # noqa: DTZ011
    assert application.registration_number.startswith("3374-LU-")
    assert application.registration_number.endswith("-0001")
    assert str(year) in application.registration_number
    assert application.assigned_nik.startswith("337401")
    assert application.document is not None

    services.application_sign(application=application, signer=signer)
    application.refresh_from_db()
    assert application.status == Status.ISSUED
    assert application.document.status == "signed"

    child = Resident.objects.get(nik=application.assigned_nik)
    assert (
        child.family == kk and child.mother_nik == mother.nik and child.full_name == "Raka Pratama"
    )
    follow_up = Application.objects.get(parent=application)
    assert follow_up.service_type.code == "kk-tambah-anggota"
    assert follow_up.status == Status.SUBMITTED
    assert follow_up.data["member_nik"] == application.assigned_nik
    assert follow_up.data["kk_number"] == kk.kk_number
    # it explains itself to the citizen, in its history and in the notification
    [told] = [e.text for e in selectors.public_history(follow_up)]
    assert told.startswith("Permohonan lanjutan:")
    assert "Karena kelahiran Raka Pratama" in told and application.registration_number in told
    assert told.endswith("Anda tidak perlu berbuat apa-apa.")
    assert "sudah kami terima" not in told
    notice = Notification.objects.filter(recipient=citizen, url__contains=str(follow_up.pk)).get()
    assert "Karena kelahiran Raka Pratama" in notice.body

    statuses = [
        (e.from_status, e.to_status)
        for e in application.events.filter(kind=ApplicationEvent.Kind.TRANSITION)
    ]
    assert statuses == [
        ("draft", "submitted"),
        ("submitted", "in_review"),
        ("in_review", "needs_correction"),
        ("needs_correction", "resubmitted"),
        ("resubmitted", "in_review"),
        ("in_review", "approved"),
        ("approved", "awaiting_signature"),
        ("awaiting_signature", "issued"),
    ]
    assert all(e.office_id == application.office_id for e in application.events.all())
    titles = list(Notification.objects.filter(recipient=citizen).values_list("title", flat=True))
    assert len(titles) == 9  # eight transitions + the follow-up's submission
    history = selectors.application_history(application)
    assert [e.to_status for e in history][-1] == Status.ISSUED


def test_certificate_pdf_has_number_nik_and_date_in_words(citizen, family, service_types, officer):
    from pypdf import PdfReader

    result = submitted(citizen, family, birth_date="2026-11-01")
    application = result.application
    services.application_claim(application=application, officer=officer)
    approve_now(application=application, officer=officer)
    application.refresh_from_db()
    with application.document.unsigned_file.open("rb") as handle:
        import io

        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)
    flat = " ".join(text.split())
    assert application.registration_number in flat
    assert application.assigned_nik in flat
    assert "satu November dua ribu dua puluh enam" in flat
    assert "Siti Aminah" in flat and "Budi Hartono" in flat


def test_double_submit_gives_one_application(citizen, family, service_types):
    first = submitted(citizen, family, key="k1")
    again = services.application_submit(
        application=first.application, user=citizen, idempotency_key="k1"
    )
    assert again.application.pk == first.application.pk
    assert again.created is False and again.pin == first.pin  # the retry sees the same PIN
    assert Application.objects.filter(citizen=citizen).count() == 1
    with pytest.raises(CivilRegistryError):
        services.application_submit(
            application=first.application, user=citizen, idempotency_key="other"
        )


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"mother_nik": "1234"}, "mother_nik"),
        ({"mother_nik": "33740157039400"}, "mother_nik"),
        ({"reporter_nik": "3374014703940000"}, "reporter_nik"),
        ({"birth_date": "2999-01-01"}, "birth_date"),
        ({"birth_date": "31-12-2025"}, "birth_date"),
        ({"child_sex": "X"}, "child_sex"),
        ({"child_name": ""}, "child_name"),
    ],
    ids=[
        "nik-short",
        "nik-13-digits",
        "nik-seq-0000",
        "future",
        "bad-format",
        "choice",
        "required",
    ],
)
def test_bad_form_input_refused_with_field_message(
    citizen, family, service_types, overrides, field
):
    _family, father, mother = family
    application = services.application_draft_create(
        user=citizen, service_type="akta-kelahiran", data=birth_data(mother, father)
    )
    try:
        services.application_draft_update(
            application=application, user=citizen, data=overrides, version=application.version
        )
    except CivilRegistryError as exc:
        assert field in exc.message_dict
        application.refresh_from_db()
        assert application.data["child_name"] == "Raka Pratama"  # nothing saved is lost
        return
    application.refresh_from_db()
    for code in BIRTH_DOCS:
        services.application_document_upload(
            application=application, user=citizen, requirement_code=code, upload=pdf_bytes()
        )
    with pytest.raises(CivilRegistryError) as caught:
        services.application_submit(application=application, user=citizen)
    assert field in caught.value.message_dict
    application.refresh_from_db()
    assert application.status == Status.DRAFT


@pytest.mark.parametrize(
    ("mother_born", "allowed"),
    [
        (dt.date(2020, 1, 1), False),  # 6 years old at the birth
        (dt.date(1950, 1, 1), False),  # 76
        (dt.date(1994, 3, 9), True),
    ],
)
def test_mother_age_at_birth(citizen, service_types, mother_born, allowed):
    from .factories import household

    _kk, father, mother = household(mother_born=mother_born)
    application = draft_with_docs(citizen, mother, father)
    if allowed:
        services.application_submit(application=application, user=citizen)
        return
    with pytest.raises(CivilRegistryError) as caught:
        services.application_submit(application=application, user=citizen)
    assert "usia ibu" in str(caught.value.message_dict["mother_nik"])


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        (EXE_BYTES, "akta.pdf", "bad_type"),
        (b"%PDF-1.7\n this is not really a pdf", "surat.pdf", "corrupt"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "kk.png", "corrupt"),
        (b"\xff\xd8\xff\xe0" + b"garbage" * 10, "kk.jpg", "corrupt"),
        (b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024 + 10), "big.pdf", "too_large"),
        (b"", "empty.pdf", "empty"),
    ],
    ids=["exe-renamed-pdf", "corrupt-pdf", "corrupt-png", "corrupt-jpeg", "oversized", "empty"],
)
def test_bad_files_refused(citizen, family, service_types, content, name, code):
    _family, father, mother = family
    application = services.application_draft_create(
        user=citizen, service_type="akta-kelahiran", data=birth_data(mother, father)
    )
    with pytest.raises(CivilRegistryError) as caught:
        services.application_document_upload(
            application=application,
            user=citizen,
            requirement_code="surat_lahir",
            upload=content,
            original_name=name,
        )
    assert caught.value.code == code
    assert not application.documents.exists()


def test_upload_replaces_only_that_requirement(citizen, family, service_types):
    _family, father, mother = family
    application = draft_with_docs(citizen, mother, father)
    before = {d.requirement.code: d.sha256 for d in application.documents.all()}
    services.application_document_upload(
        application=application, user=citizen, requirement_code="kk", upload=jpeg_bytes((30, 30))
    )
    after = {d.requirement.code: d.sha256 for d in application.documents.all()}
    assert after["kk"] != before["kk"]
    assert {k: v for k, v in after.items() if k != "kk"} == {
        k: v for k, v in before.items() if k != "kk"
    }
    document = application.documents.get(requirement__code="kk")
    assert document.content_type == "image/jpeg"
    assert document.file.name.startswith(f"civil_registry/uploads/{application.pk}/")


def test_missing_document_refused_and_substitute_accepted(citizen, family, service_types):
    _family, father, mother = family
    application = services.application_draft_create(
        user=citizen, service_type="akta-kelahiran", data=birth_data(mother, father)
    )
    for code in ("ktp_orang_tua", "kk", "buku_nikah"):
        services.application_document_upload(
            application=application, user=citizen, requirement_code=code, upload=pdf_bytes()
        )
    with pytest.raises(CivilRegistryError) as caught:
        services.application_submit(application=application, user=citizen)
    assert "Surat keterangan kelahiran" in str(caught.value.message_dict["documents"])
    services.application_document_upload(
        application=application,
        user=citizen,
        requirement_code="sptjm_kelahiran",
        upload=pdf_bytes(),
    )
    assert services.application_submit(application=application, user=citizen).created


def test_unrecorded_marriage_needs_sptjm_and_is_written_on_the_certificate(
    citizen, family, service_types, officer
):
    _family, father, mother = family
    application = services.application_draft_create(
        user=citizen,
        service_type="akta-kelahiran",
        data=birth_data(mother, father, marriage_recorded="tidak"),
    )
    for code in ("surat_lahir", "ktp_orang_tua", "kk"):
        services.application_document_upload(
            application=application, user=citizen, requirement_code=code, upload=pdf_bytes()
        )
    with pytest.raises(CivilRegistryError):
        services.application_submit(application=application, user=citizen)
    services.application_document_upload(
        application=application, user=citizen, requirement_code="sptjm_pasutri", upload=pdf_bytes()
    )
    services.application_submit(application=application, user=citizen)


def test_stale_form_refused(citizen, family, service_types):
    _family, father, mother = family
    application = services.application_draft_create(
        user=citizen, service_type="akta-kelahiran", data=birth_data(mother, father)
    )
    loaded = application.version
    services.application_draft_update(
        application=application, user=citizen, data={"child_name": "Dari HP"}, version=loaded
    )
    with pytest.raises(StaleFormError):
        services.application_draft_update(
            application=application,
            user=citizen,
            data={"child_name": "Dari laptop"},
            version=loaded,
        )
    application.refresh_from_db()
    assert application.data["child_name"] == "Dari HP"


def test_another_citizens_application_is_refused(citizen, family, service_types, bob):
    _family, father, mother = family
    application = services.application_draft_create(
        user=citizen, service_type="akta-kelahiran", data=birth_data(mother, father)
    )
    for call in (
        lambda: services.application_draft_update(
            application=application, user=bob, data={}, version=application.version
        ),
        lambda: services.application_document_upload(
            application=application, user=bob, requirement_code="kk", upload=pdf_bytes()
        ),
        lambda: services.application_submit(application=application, user=bob),
        lambda: services.application_cancel(application=application, user=bob),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert selectors.application_for_user(bob, application.pk) is None
    assert list(selectors.applications_for_citizen(bob)) == []


def test_cancel_only_before_processing(citizen, family, service_types, officer):
    result = submitted(citizen, family)
    services.application_claim(application=result.application, officer=officer)
    with pytest.raises(CivilRegistryError):
        services.application_cancel(application=result.application, user=citizen)
    other = submitted(citizen, family, child_name="Sari Ayu", child_sex="P")
    services.application_cancel(application=other.application, user=citizen, reason="Salah isi")
    other.application.refresh_from_db()
    assert other.application.status == Status.CANCELLED


def test_out_of_order_actions_refused(citizen, family, service_types, officer, signer):
    result = submitted(citizen, family)
    application = result.application
    with pytest.raises(CivilRegistryError):
        approve_now(application=application, officer=officer)
    with pytest.raises(CivilRegistryError):
        services.application_sign(application=application, signer=signer)
    services.application_claim(application=application, officer=officer)
    with pytest.raises(CivilRegistryError):
        services.application_reject(application=application, officer=officer, reason="  ")
    services.application_reject(application=application, officer=officer, reason="Data palsu")
    with pytest.raises(CivilRegistryError):
        services.application_claim(application=application, officer=officer)


def test_second_officer_cannot_decide_a_claimed_application(
    citizen, family, service_types, officer, second_officer
):
    application = submitted(citizen, family).application
    services.application_claim(application=application, officer=officer)
    with pytest.raises(CivilRegistryError):
        services.application_claim(application=application, officer=second_officer)
    with pytest.raises(CivilRegistryError):
        approve_now(application=application, officer=second_officer)


def test_officer_of_another_office_is_refused(
    citizen, family, service_types, staff_with_role, other_opd, officer
):
    from balaikota.testing.matrix import People

    stranger = People(None, None, other_opd, None).colleague(
        in_opd=other_opd, role="service_officer"
    )
    application = submitted(citizen, family).application
    with pytest.raises(PermissionDenied):
        services.application_claim(application=application, officer=stranger)
    assert list(selectors.officer_queue(stranger)) == []
    assert [a.pk for a in selectors.officer_queue(officer)] == [application.pk]


def test_duplicate_birth_is_flagged_and_blocks_approval_until_decided(
    citizen, family, service_types, officer
):
    first = submitted(citizen, family).application
    second = submitted(citizen, family, child_name="raka  PRATAMA").application
    flag = DuplicateFlag.objects.get(application=second)
    assert flag.other_application == first and flag.decision == "pending"
    services.application_claim(application=second, officer=officer)
    with pytest.raises(CivilRegistryError):
        approve_now(application=second, officer=officer)
    services.duplicate_decide(flag=flag, officer=officer, decision="duplicate")
    with pytest.raises(CivilRegistryError):
        approve_now(application=second, officer=officer)
    services.application_reject(application=second, officer=officer, reason="Duplikat")
    assert second.events.filter(kind="duplicate").exists()


def test_duplicate_against_register(citizen, family, service_types):
    from .factories import ResidentFactory

    _kk, father, mother = family
    born = dt.date.today() - dt.timedelta(days=10)  # noqa: DTZ011
    ResidentFactory(
        family=mother.family,
        born=born,
        full_name="Raka Pratama",
        mother_nik=mother.nik,
        relationship="anak",
    )
    application = submitted(citizen, family, birth_date=born.isoformat()).application
    assert application.duplicate_flags.filter(resident__isnull=False).count() == 1


def test_registration_numbers_are_gap_free_per_kind_per_year(service_types):
    from balaikota.civil_registry.models import ServiceType

    birth = ServiceType.objects.get(code="akta-kelahiran")
    death = ServiceType.objects.get(code="akta-kematian")
    day = dt.date(2026, 11, 28)
    numbers = [services.registration_number_next(birth, day) for _i in range(3)]
    assert numbers == [
        "3374-LU-28112026-0001",
        "3374-LU-28112026-0002",
        "3374-LU-28112026-0003",
    ]
    assert services.registration_number_next(death, day) == "3374-KM-28112026-0001"
    assert services.registration_number_next(birth, dt.date(2027, 1, 4)).endswith("-0001")


def test_rolled_back_approval_gives_its_number_back(
    citizen, family, service_types, officer, monkeypatch
):
    """The number is taken in the approval's transaction: if anything in it fails (here the
    child's NIK), the approval rolls back and the number is given again, no gap."""
    from balaikota.civil_registry.handlers import BirthHandler

    application = submitted(citizen, family).application
    services.application_claim(application=application, officer=officer)

    def boom(self, application):
        raise CivilRegistryError("NIK gagal", code="nik")

    monkeypatch.setattr(BirthHandler, "on_approve", boom)
    with pytest.raises(CivilRegistryError):
        approve_now(application=application, officer=officer)
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW and not application.registration_number
    monkeypatch.undo()
    approve_now(application=application, officer=officer)
    application.refresh_from_db()
    assert application.registration_number.endswith("-0001")


def test_a_failed_document_leaves_the_approval_and_can_be_made_again(
    citizen, family, service_types, officer, monkeypatch
):
    """The PDF is rendered after the approval committed: a rendering failure loses nothing —
    the application stays approved with its number, and the officer (or the sweep) makes the
    document again."""
    from balaikota.civil_registry import integrations, selectors
    from balaikota.civil_registry.workflows import APPLICATION_WORKFLOW

    application = submitted(citizen, family).application
    services.application_claim(application=application, officer=officer)
    real = integrations.document_create

    def broken(**kwargs):
        raise OSError("storage is down")

    monkeypatch.setattr(integrations, "document_create", broken)
    approve_now(application=application, officer=officer)  # the officer's answer is not an error
    application.refresh_from_db()
    assert application.status == Status.APPROVED and application.registration_number
    assert application.document_id is None
    assert "retry_document" in APPLICATION_WORKFLOW.allowed_actions(officer, application)
    number = application.registration_number

    monkeypatch.setattr(integrations, "document_create", real)
    from .factories import after_commit

    with after_commit():
        services.application_document_retry(application=application, officer=officer)
    application.refresh_from_db()
    assert application.status == Status.AWAITING_SIGNATURE
    assert application.registration_number == number and application.document_id
    assert "retry_document" not in APPLICATION_WORKFLOW.allowed_actions(officer, application)
    assert (
        list(
            selectors.applications_waiting_for_a_document(
                decided_before=dt.datetime.max.replace(tzinfo=dt.UTC)
            )
        )
        == []
    )


def test_assisted_intake_records_officer_and_consent(citizen, family, service_types, officer):
    _kk, father, mother = family
    with pytest.raises(CivilRegistryError):
        services.application_create_assisted(
            officer=officer, service_type="akta-kelahiran", citizen_nik=father.nik, consent_note=""
        )
    application = services.application_create_assisted(
        officer=officer,
        service_type="akta-kelahiran",
        citizen_nik=father.nik,
        consent_note="Setuju secara lisan di loket kelurahan",
        data=birth_data(mother, father),
    )
    assert application.citizen == citizen and application.assisted_by == officer
    assert application.consent_recorded_at is not None
    for code in BIRTH_DOCS:
        services.application_document_upload(
            application=application, user=officer, requirement_code=code, upload=pdf_bytes()
        )
    result = services.application_submit(application=application, user=officer)
    assert result.pin
    assert application.events.filter(kind="note").exists()
    with pytest.raises(PermissionDenied):
        services.application_create_assisted(
            officer=citizen, service_type="akta-kelahiran", citizen_nik=father.nik, consent_note="x"
        )


def test_claim_next_takes_the_earliest_due(citizen, family, service_types, officer):
    first = submitted(citizen, family).application
    second = submitted(citizen, family, child_name="Adik").application
    Application.objects.filter(pk=second.pk).update(due_date=first.due_date - dt.timedelta(days=2))
    claimed = services.application_claim_next(officer=officer)
    assert claimed.pk == second.pk and claimed.claimed_by == officer
    assert services.application_claim_next(officer=officer).pk == first.pk
    assert services.application_claim_next(officer=officer) is None


def test_overdue_applications_escalate_once_a_day(citizen, family, service_types, officer):
    from balaikota.civil_registry.tasks import escalate_overdue_applications

    application = submitted(citizen, family).application
    services.application_claim(application=application, officer=officer)
    Application.objects.filter(pk=application.pk).update(due_date=dt.date(2020, 1, 6))
    assert escalate_overdue_applications() == 1
    assert escalate_overdue_applications() == 0
    assert application.events.filter(kind="escalation").count() == 1
    assert Notification.objects.filter(topic="civil_registry.status", recipient=officer).exists()
    queue = list(selectors.officer_queue(officer))
    assert queue[0].overdue is True


def test_personal_data_export_holds_applications_and_history(
    citizen, family, service_types, officer
):
    import json

    application = submitted(citizen, family).application
    assert selectors.application_for_user(officer, application.pk) is not None  # logged view
    export = selectors.personal_data_export(citizen)
    json.dumps(export)
    assert export["applications"][0]["tracking_number"] == application.tracking_number
    assert export["applications"][0]["history"][0]["to_status"] == "submitted"
    assert export["population_register"]["nik"] == citizen.nik
    assert len(export["staff_access"]) == 1


def test_death_certificate_marks_the_resident_dead(citizen, family, service_types, officer, signer):
    _kk, father, mother = family
    application = services.application_draft_create(
        user=citizen,
        service_type="akta-kematian",
        data={
            "deceased_nik": mother.nik,
            "deceased_name": mother.full_name,
            "death_date": "2026-01-05",
            "death_place": "Semarang",
            "reporter_nik": father.nik,
            "reporter_relationship": "keluarga",
        },
    )
    for code in ("surat_kematian", "kk", "ktp_pelapor"):
        services.application_document_upload(
            application=application, user=citizen, requirement_code=code, upload=pdf_bytes()
        )
    services.application_submit(application=application, user=citizen)
    services.application_claim(application=application, officer=officer)
    approve_now(application=application, officer=officer)
    services.application_sign(application=application, signer=signer)
    mother.refresh_from_db()
    assert mother.is_alive is False and mother.death_date == dt.date(2026, 1, 5)


def test_receipt_pdf_has_tracking_number_pin_and_qr(citizen, family, service_types):
    import io

    from pypdf import PdfReader

    result = submitted(citizen, family)
    pdf = selectors.application_receipt_pdf(
        result.application,
        pin=result.pin,
        tracking_url="https://balaikota.semarangkota.go.id/lacak/",
    )
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert result.application.tracking_number in text and result.pin in text


def test_escalation_goes_to_the_officers_direct_supervisor(citizen, family, service_types, officer):
    from balaikota.organization.models import Employee
    from balaikota.testing.factories import EmployeeFactory

    unit = Employee.objects.get(user=officer).unit
    head = EmployeeFactory(position__unit=unit, position__is_head=True, position__kind="struktural")
    application = submitted(citizen, family).application
    services.application_claim(application=application, officer=officer)
    Application.objects.filter(pk=application.pk).update(due_date=dt.date(2020, 1, 6))
    services.applications_escalate_overdue(today=dt.date(2026, 11, 30))
    assert Notification.objects.filter(recipient=head.user, topic="civil_registry.status").exists()
    assert not Notification.objects.filter(recipient=officer).exists()
    event = application.events.get(kind="escalation")
    assert head.full_name in event.reason


def test_an_issued_application_invites_its_applicant_to_the_survey_once(
    citizen, family, opd, officer, signer, settings
):
    from balaikota.catalogue import services as catalogue_services
    from balaikota.satisfaction.models import SurveyInvitation

    catalogue_services.service_catalogue_load(opd=opd)
    settings.CIVIL_REGISTRY_OFFICE_CODE = opd.code
    services.service_types_load()
    application = submitted(citizen, family).application
    services.application_claim(application=application, officer=officer)
    approve_now(application=application, officer=officer)
    application.refresh_from_db()
    assert not SurveyInvitation.objects.exists()  # not before the document is out
    services.application_sign(application=application, signer=signer)
    invitation = SurveyInvitation.objects.get(source_app="civil_registry", source_id=application.pk)
    assert invitation.recipient == citizen and invitation.service.slug == "akta-kelahiran"
    notice = Notification.objects.get(recipient=citizen, topic="satisfaction.invitation")
    assert notice.url.endswith(f"/survei/{invitation.token}/")


def test_an_issued_application_counts_in_the_public_figures(
    citizen, family, opd, officer, signer, settings
):
    from balaikota.catalogue import services as catalogue_services
    from balaikota.transparency import selectors as transparency_selectors
    from balaikota.transparency.services import statistics_refresh

    catalogue_services.service_catalogue_load(opd=opd)
    settings.CIVIL_REGISTRY_OFFICE_CODE = opd.code
    services.service_types_load()
    application = submitted(citizen, family).application
    services.application_claim(application=application, officer=officer)
    approve_now(application=application, officer=officer)
    application.refresh_from_db()
    services.application_sign(application=application, signer=signer)
    statistics_refresh()
    report = transparency_selectors.report()
    # the birth certificate files the KK update with it: both services count
    by_key = {f.key: f for f in report.services}
    assert set(by_key) == {"akta-kelahiran", "kk-tambah-anggota"}
    figures = by_key["akta-kelahiran"]
    assert (figures.received, figures.completed) == (1, 1)
    assert figures.on_time_share == 100 and figures.median_days == 0  # issued the same day
    assert figures.online_share == 100
