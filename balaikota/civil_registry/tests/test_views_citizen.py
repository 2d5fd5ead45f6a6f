"""The citizen's pages: list, step-by-step form, uploads, review and submit, receipt, detail,
corrections, cancel, the personal-data download — and nobody else's application or files."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from balaikota.civil_registry import services
from balaikota.civil_registry.models import Application, ApplicationDocument, Status

from .factories import EXE_BYTES, birth_data, pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db

BIRTH_DOCS = ("surat_lahir", "ktp_orang_tua", "kk", "buku_nikah")


def url(name: str, *args) -> str:
    return reverse(f"civil_registry:{name}", args=args)


def draft(citizen, family, **overrides) -> Application:
    _kk, father, mother = family
    return services.application_draft_create(
        user=citizen, service_type="akta-kelahiran", data=birth_data(mother, father, **overrides)
    )


def complete_draft(citizen, family, **overrides) -> Application:
    application = draft(citizen, family, **overrides)
    for code in BIRTH_DOCS:
        services.application_document_upload(
            application=application,
            user=citizen,
            requirement_code=code,
            upload=png_bytes() if code == "kk" else pdf_bytes(),
            original_name=f"{code}.{'png' if code == 'kk' else 'pdf'}",
        )
    application.refresh_from_db()
    return application


def submitted(citizen, family, **overrides) -> Application:
    application = complete_draft(citizen, family, **overrides)
    return services.application_submit(application=application, user=citizen).application


def upload_file(name: str, content: bytes, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def alice_client(client, citizen):
    client.force_login(citizen)
    return client


# --- Permohonan saya ----------------------------------------------------------------------------


def test_home_lists_own_applications_and_services(
    alice_client, citizen, family, service_types, bob
):
    mine = submitted(citizen, family)
    response = alice_client.get(url("home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert mine.tracking_number in body
    assert "Diajukan" in body
    assert "Ajukan Akta Kelahiran" in body
    assert reverse("civil_registry:apply", args=["akta-kematian"]) in body
    assert reverse("civil_registry:personal_data") in body


def test_home_query_count_does_not_grow_with_rows(alice_client, citizen, family, service_types):
    draft(citizen, family)
    alice_client.get(url("home"))  # warm: the menu's unread count is then in the cache
    with CaptureQueriesContext(connection) as one:
        assert alice_client.get(url("home")).status_code == 200
    for _i in range(9):
        draft(citizen, family)
    with CaptureQueriesContext(connection) as ten:
        assert alice_client.get(url("home")).status_code == 200
    assert len(ten) == len(one), [q["sql"] for q in ten.captured_queries]


def test_anonymous_visitor_is_sent_to_sign_in(client, service_types):
    response = client.get(url("home"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# --- The step-by-step form ----------------------------------------------------------------------


def test_apply_creates_a_draft_prefilled_from_the_register(
    alice_client, citizen, family, service_types
):
    _kk, father, mother = family
    response = alice_client.post(url("apply", "akta-kelahiran"))
    application = Application.objects.get(citizen=citizen)
    assert response.status_code == 302
    assert response["Location"] == url("step", application.pk, 1)
    assert application.status == Status.DRAFT
    assert application.data["father_nik"] == father.nik
    assert application.data["mother_nik"] == mother.nik
    assert application.data["kk_number"] == family[0].kk_number
    assert application.data["reporter_nik"] == father.nik

    page = alice_client.get(url("step", application.pk, 2)).content.decode()
    assert mother.nik in page and "Terdaftar atas nama: Siti Aminah" in page


def test_apply_unknown_service_is_404(alice_client, service_types):
    assert alice_client.get(url("apply", "tidak-ada")).status_code == 404


def test_apply_without_nik_gets_a_clear_400(client, bob, service_types):
    bob.nik = None
    bob.save(update_fields=["nik"])
    client.force_login(bob)
    response = client.post(url("apply", "akta-kelahiran"))
    assert response.status_code == 400
    assert "NIK" in response.content.decode()
    assert not Application.objects.exists()


def test_step_saves_and_moves_on(alice_client, citizen, family, service_types):
    application = services.application_draft_create(user=citizen, service_type="akta-kelahiran")
    page = alice_client.get(url("step", application.pk, 1))
    assert page.status_code == 200
    body = page.content.decode()
    assert "<legend" in body and "Jenis kelamin anak" in body  # radio group in a fieldset
    response = alice_client.post(
        url("step", application.pk, 1),
        {
            "version": application.version,
            "action": "next",
            "child_name": "Raka Pratama",
            "child_sex": "L",
            "birth_date": "2026-11-01",
            "birth_place_kind": "rs",
            "birth_place_name": "RSUD Wongsonegoro",
            "birth_city": "Semarang",
            "birth_order": "1",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == url("step", application.pk, 2)
    application.refresh_from_db()
    assert application.data["child_name"] == "Raka Pratama"
    assert application.version == 2


def test_step_missing_required_is_400_and_nothing_lost(
    alice_client, citizen, family, service_types
):
    application = draft(citizen, family)
    before = dict(application.data)
    response = alice_client.post(
        url("step", application.pk, 1),
        {"version": application.version, "action": "next", "child_name": "", "child_sex": "L"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Isian ini wajib diisi." in body
    assert 'href="#id_child_name"' in body  # the error summary links to the field
    application.refresh_from_db()
    assert application.data == before


def test_step_bad_value_is_400_with_the_service_message(
    alice_client, citizen, family, service_types
):
    application = draft(citizen, family)
    before = dict(application.data)
    response = alice_client.post(
        url("step", application.pk, 2),
        {
            "version": application.version,
            "action": "next",
            "mother_nik": "12345",
            "marriage_recorded": "ya",
        },
    )
    assert response.status_code == 400
    assert "NIK" in response.content.decode()
    application.refresh_from_db()
    assert application.data == before


def test_step_save_draft_allows_empty_required_fields(alice_client, citizen, family, service_types):
    application = services.application_draft_create(user=citizen, service_type="akta-kelahiran")
    response = alice_client.post(
        url("step", application.pk, 1),
        {"version": application.version, "action": "save", "child_name": "Raka"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.data["child_name"] == "Raka"


def test_stale_step_gets_409_with_the_current_values(alice_client, citizen, family, service_types):
    application = draft(citizen, family)
    old_version = application.version
    services.application_draft_update(
        application=application,
        user=citizen,
        data={"child_name": "Nama dari ponsel"},
        version=old_version,
    )
    response = alice_client.post(
        url("step", application.pk, 1),
        {"version": old_version, "action": "next", "child_name": "Nama dari laptop"},
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "sudah diubah di perangkat atau jendela lain" in body
    assert "Nama dari ponsel" in body
    application.refresh_from_db()
    assert application.data["child_name"] == "Nama dari ponsel"


def test_unknown_step_is_404(alice_client, citizen, family, service_types):
    application = draft(citizen, family)
    assert alice_client.get(url("step", application.pk, 9)).status_code == 404


# --- Uploads -------------------------------------------------------------------------------------


def test_documents_page_shows_substitutes_and_size(alice_client, citizen, family, service_types):
    application = draft(citizen, family)
    body = alice_client.get(url("documents", application.pk)).content.decode()
    assert "atau SPTJM kebenaran data kelahiran" in body
    assert "paling besar 2 MB" in body
    assert body.count('type="file"') == 6


def test_upload_stores_and_replaces_only_that_requirement(
    alice_client, citizen, family, service_types
):
    application = complete_draft(citizen, family)
    ktp_before = application.documents.get(requirement__code="ktp_orang_tua").sha256
    response = alice_client.post(
        url("upload", application.pk),
        {
            "requirement": "kk",
            "return_to": "berkas",
            "file": upload_file("kk-baru.pdf", pdf_bytes(2)),
        },
    )
    assert response.status_code == 302
    kk = application.documents.get(requirement__code="kk")
    assert kk.original_name == "kk-baru.pdf" and kk.content_type == "application/pdf"
    assert application.documents.get(requirement__code="ktp_orang_tua").sha256 == ktp_before


def test_disguised_file_is_refused_with_400_and_nothing_lost(
    alice_client, citizen, family, service_types
):
    application = complete_draft(citizen, family)
    before = application.documents.get(requirement__code="kk").sha256
    response = alice_client.post(
        url("upload", application.pk),
        {"requirement": "kk", "file": upload_file("kk.pdf", EXE_BYTES)},
    )
    assert response.status_code == 400
    assert "Jenis berkas tidak diterima" in response.content.decode()
    assert application.documents.get(requirement__code="kk").sha256 == before


def test_upload_without_a_file_is_400(alice_client, citizen, family, service_types):
    application = draft(citizen, family)
    response = alice_client.post(url("upload", application.pk), {"requirement": "kk"})
    assert response.status_code == 400
    assert "Pilih berkas yang akan diunggah." in response.content.decode()


def test_file_view_streams_inline_for_the_owner(alice_client, citizen, family, service_types):
    application = complete_draft(citizen, family)
    document = application.documents.get(requirement__code="kk")
    response = alice_client.get(url("document_file", application.pk, document.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == document.file.open("rb").read()


# --- Review, submit, receipt ---------------------------------------------------------------------


def test_review_lists_everything_with_change_links(alice_client, citizen, family, service_types):
    application = complete_draft(citizen, family)
    body = alice_client.get(url("review", application.pk)).content.decode()
    assert "Raka Pratama" in body
    for number in (1, 2, 3):
        assert url("step", application.pk, number) in body
    assert url("documents", application.pk) in body
    assert 'name="idempotency_key"' in body


def test_double_submit_creates_one_application_and_shows_the_pin_once(
    alice_client, citizen, family, service_types
):
    application = complete_draft(citizen, family)
    review = alice_client.get(url("review", application.pk))
    key = review.context["submit_form"].initial["idempotency_key"]
    first = alice_client.post(url("review", application.pk), {"idempotency_key": key})
    second = alice_client.post(url("review", application.pk), {"idempotency_key": key})
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == url("receipt", application.pk)
    assert Application.objects.filter(citizen=citizen).count() == 1
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED

    receipt = alice_client.get(url("receipt", application.pk))
    pin = receipt.context["pin"]
    assert pin and len(pin) == 6
    body = receipt.content.decode()
    assert application.tracking_number in body and pin in body
    assert "data:image/png;base64," in body
    assert "lacak/?nomor=" + application.tracking_number in body
    again = alice_client.get(url("receipt", application.pk))
    assert again.context["pin"] is None  # shown once


def test_incomplete_submit_is_400_and_links_to_the_fix(
    alice_client, citizen, family, service_types
):
    application = draft(citizen, family)  # no files
    response = alice_client.post(url("review", application.pk), {"idempotency_key": "k" * 20})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Berkas persyaratan belum lengkap" in body
    assert url("documents", application.pk) in body
    application.refresh_from_db()
    assert application.status == Status.DRAFT


def test_submit_without_key_is_400(alice_client, citizen, family, service_types):
    application = complete_draft(citizen, family)
    response = alice_client.post(url("review", application.pk), {})
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.status == Status.DRAFT


def test_receipt_pdf(alice_client, citizen, family, service_types):
    application = submitted(citizen, family)
    response = alice_client.get(url("receipt_pdf", application.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


# --- Detail, cancel, corrections -----------------------------------------------------------------


def test_detail_shows_status_history_and_cancel(alice_client, citizen, family, service_types):
    application = submitted(citizen, family)
    body = alice_client.get(url("application_detail", application.pk)).content.decode()
    assert application.tracking_number in body
    assert "Riwayat" in body and "Diajukan" in body
    assert url("cancel", application.pk) in body

    response = alice_client.post(url("cancel", application.pk), {"reason": "Salah pilih"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.CANCELLED


def test_cancel_after_processing_started_is_409(
    alice_client, citizen, family, service_types, officer
):
    application = submitted(citizen, family)
    services.application_claim(application=application, officer=officer)
    response = alice_client.post(url("cancel", application.pk), {})
    assert response.status_code == 409
    assert "tidak dapat dibatalkan" in response.content.decode()


def test_citizen_fixes_only_what_was_asked_and_resubmits(
    alice_client, citizen, family, service_types, officer
):
    application = submitted(citizen, family)
    services.application_claim(application=application, officer=officer)
    services.application_request_correction(
        application=application,
        officer=officer,
        items=[
            {"requirement": "kk", "reason": "Foto KK buram."},
            {"field": "birth_place_name", "reason": "Tulis nama rumah sakit lengkap."},
        ],
    )
    detail = alice_client.get(url("application_detail", application.pk)).content.decode()
    assert "Foto KK buram." in detail and "Tulis nama rumah sakit lengkap." in detail

    page = alice_client.get(url("correction", application.pk))
    body = page.content.decode()
    assert 'name="birth_place_name"' in body and 'name="child_name"' not in body
    assert body.count('type="file"') == 1

    application.refresh_from_db()
    # A field that was not asked for is refused.
    response = alice_client.post(
        url("correction", application.pk),
        {"version": application.version, "birth_place_name": "", "child_name": "Lain"},
    )
    assert response.status_code == 400
    response = alice_client.post(
        url("correction", application.pk),
        {"version": application.version, "birth_place_name": "RSUD K.R.M.T. Wongsonegoro Semarang"},
    )
    assert response.status_code == 302
    # A file that was not asked for is refused; the flagged one is accepted.
    refused = alice_client.post(
        url("upload", application.pk),
        {
            "requirement": "ktp_orang_tua",
            "return_to": "perbaikan",
            "file": upload_file("k.pdf", pdf_bytes()),
        },
    )
    assert refused.status_code == 400
    assert "tidak diminta untuk diperbaiki" in refused.content.decode()
    response = alice_client.post(
        url("upload", application.pk),
        {
            "requirement": "kk",
            "return_to": "perbaikan",
            "file": upload_file("kk.png", png_bytes(), "image/png"),
        },
    )
    assert response.status_code == 302 and response["Location"] == url("correction", application.pk)

    response = alice_client.post(url("resubmit", application.pk))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.RESUBMITTED
    assert application.data["birth_place_name"] == "RSUD K.R.M.T. Wongsonegoro Semarang"
    assert application.documents.get(requirement__code="kk").state == ApplicationDocument.State.OK


def test_a_correction_sent_without_the_new_file_is_told_on_the_same_page(
    alice_client, citizen, family, service_types, officer
):
    application = submitted(citizen, family)
    services.application_claim(application=application, officer=officer)
    services.application_request_correction(
        application=application,
        officer=officer,
        items=[{"requirement": "kk", "reason": "Foto KK buram."}],
    )
    response = alice_client.post(url("resubmit", application.pk))
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="galat-kirim"' in body and "Masih ada berkas yang diminta untuk diperbaiki" in body
    assert 'type="file"' in body  # the upload is right there, on the correction page
    application.refresh_from_db()
    assert application.status == Status.NEEDS_CORRECTION


def test_resubmit_when_not_asked_is_409(alice_client, citizen, family, service_types):
    application = submitted(citizen, family)
    response = alice_client.post(url("resubmit", application.pk))
    assert response.status_code == 409


# --- Privacy -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,extra",
    [
        ("application_detail", ()),
        ("step", (1,)),
        ("documents", ()),
        ("review", ()),
        ("receipt", ()),
        ("receipt_pdf", ()),
        ("correction", ()),
    ],
)
def test_another_citizen_gets_404(client, citizen, family, service_types, bob, name, extra):
    application = submitted(citizen, family)
    client.force_login(bob)
    assert client.get(url(name, application.pk, *extra)).status_code == 404


def test_another_citizen_cannot_see_or_change_files(client, citizen, family, service_types, bob):
    application = complete_draft(citizen, family)
    document = application.documents.first()
    client.force_login(bob)
    assert client.get(url("document_file", application.pk, document.pk)).status_code == 404
    response = client.post(
        url("upload", application.pk),
        {"requirement": "kk", "file": upload_file("x.pdf", pdf_bytes())},
    )
    assert response.status_code == 404
    assert client.post(url("cancel", application.pk)).status_code == 404
    assert (
        client.post(url("review", application.pk), {"idempotency_key": "x" * 20}).status_code == 404
    )


def test_own_file_under_another_application_is_404(
    alice_client, citizen, family, service_types, bob
):
    mine = complete_draft(citizen, family)
    bob.nik = family[2].nik
    bob.save(update_fields=["nik"])
    theirs = complete_draft(bob, family)
    their_doc = theirs.documents.first()
    assert alice_client.get(url("document_file", mine.pk, their_doc.pk)).status_code == 404


def test_personal_data_download(alice_client, citizen, family, service_types):
    application = submitted(citizen, family)
    response = alice_client.get(url("personal_data"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    payload = json.loads(response.content)
    assert payload["applications"][0]["tracking_number"] == application.tracking_number


def test_step_page_has_unique_ids(alice_client, citizen, family, service_types):
    import re
    from collections import Counter

    application = draft(citizen, family)
    for page in (url("step", application.pk, 1), url("documents", application.pk)):
        body = alice_client.get(page).content.decode()
        repeated = [i for i, n in Counter(re.findall(r'\sid="([^"]+)"', body)).items() if n > 1]
        assert repeated == [], page


def test_missing_and_malformed_fields_reported_together(
    alice_client, citizen, family, service_types
):
    application = draft(citizen, family)
    response = alice_client.post(
        url("step", application.pk, 1),
        {"version": application.version, "action": "next", "child_name": "", "birth_date": "x"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Isian ini wajib diisi." in body and "Tanggal harus berformat" in body


def test_future_birth_date_refused_at_submit_with_a_link_to_its_step(
    alice_client, citizen, family, service_types
):
    import datetime as dt

    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()  # noqa: DTZ011
    application = complete_draft(citizen, family, birth_date=future)
    response = alice_client.post(url("review", application.pk), {"idempotency_key": "k" * 20})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Tanggal lahir tidak boleh setelah hari ini." in body
    assert f'<a href="{url("step", application.pk, 1)}">' in body
    application.refresh_from_db()
    assert application.status == Status.DRAFT and application.data["birth_date"] == future
