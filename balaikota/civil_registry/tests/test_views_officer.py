"""The officer's pages: the work queue (own offices only, constant queries), claiming, the
review with its decisions, duplicates, signing and assisted intake."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from balaikota.civil_registry import services
from balaikota.civil_registry.models import Application, CorrectionRequest, DuplicateFlag, Status
from balaikota.core.models import AccessLogEntry
from balaikota.testing.names import letters

from .factories import after_commit, approve_now
from .test_views_citizen import submitted, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def claimed(citizen, family, officer, **overrides) -> Application:
    application = submitted(citizen, family, **overrides)
    return services.application_claim(application=application, officer=officer)


# --- The queue -----------------------------------------------------------------------------------


def test_queue_shows_the_office_applications_due_first(
    officer_client, citizen, family, service_types
):
    application = submitted(citizen, family)
    Application.objects.filter(pk=application.pk).update(due_date=dt.date(2020, 1, 2))
    response = officer_client.get(url("queue"))
    assert response.status_code == 200
    body = response.content.decode()
    assert application.tracking_number in body
    assert "Terlambat" in body
    assert url("claim", application.pk) in body
    assert "Ambil berikutnya" in body


def test_queue_filters(officer_client, citizen, family, service_types):
    application = submitted(citizen, family)
    hit = officer_client.get(url("queue"), {"service": "akta-kelahiran", "status": "submitted"})
    assert application.tracking_number in hit.content.decode()
    miss = officer_client.get(url("queue"), {"service": "akta-kematian"})
    assert application.tracking_number not in miss.content.decode()
    early = officer_client.get(url("queue"), {"due_before": "2000-01-01"})
    assert application.tracking_number not in early.content.decode()


def test_queue_bad_filter_is_400(officer_client, service_types):
    response = officer_client.get(url("queue"), {"due_before": "kemarin"})
    assert response.status_code == 400
    assert "Tanggal harus berformat" in response.content.decode()


def test_queue_htmx_returns_the_table_only(officer_client, citizen, family, service_types):
    application = submitted(citizen, family)
    response = officer_client.get(url("queue"), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="antrean")
    body = response.content.decode()
    assert application.tracking_number in body and "<html" not in body


def test_officer_of_another_office_sees_nothing_of_ours(
    client, citizen, family, service_types, staff_with_role, other_opd
):
    application = submitted(citizen, family)
    stranger = staff_with_role("service_officer", in_opd=other_opd)
    client.force_login(stranger)
    assert application.tracking_number not in client.get(url("queue")).content.decode()
    assert client.get(url("officer_review", application.pk)).status_code == 404
    document = application.documents.first()
    assert client.get(url("document_file", application.pk, document.pk)).status_code == 404
    assert client.post(url("claim", application.pk)).status_code == 404


def test_citizen_may_not_open_the_queue(client, citizen, service_types):
    client.force_login(citizen)
    assert client.get(url("queue")).status_code == 403
    assert client.get(url("sign_list")).status_code == 403
    assert client.get(url("assisted_intake")).status_code == 403


def test_queue_query_count_does_not_grow_with_rows(
    officer_client, citizen, family, service_types, officer
):
    claimed(citizen, family, officer)
    officer_client.get(url("queue"))  # warm: the menu's unread count is then in the cache
    with CaptureQueriesContext(connection) as one:
        assert officer_client.get(url("queue")).status_code == 200
    for i in range(9):
        application = submitted(citizen, family, child_name=f"Anak {letters(i)}")
        if i % 2:
            services.application_claim(application=application, officer=officer)
    with CaptureQueriesContext(connection) as ten:
        assert officer_client.get(url("queue")).status_code == 200
    assert len(ten) == len(one), [q["sql"] for q in ten.captured_queries]


# --- Claiming ------------------------------------------------------------------------------------


def test_claim_then_the_review_page(officer_client, citizen, family, service_types, officer):
    application = submitted(citizen, family)
    response = officer_client.post(url("claim", application.pk))
    assert response.status_code == 302
    assert response["Location"] == url("officer_review", application.pk)
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW and application.claimed_by == officer


def test_claim_taken_by_someone_else_is_a_friendly_409(
    client, citizen, family, service_types, officer, second_officer
):
    application = claimed(citizen, family, officer)
    client.force_login(second_officer)
    response = client.post(url("claim", application.pk))
    assert response.status_code == 409
    assert "baru saja diambil petugas lain" in response.content.decode()


def test_claim_next(officer_client, citizen, family, service_types, officer):
    application = submitted(citizen, family)
    response = officer_client.post(url("claim_next"))
    assert response["Location"] == url("officer_review", application.pk)
    empty = officer_client.post(url("claim_next"), follow=True)
    assert "Tidak ada permohonan yang menunggu diperiksa." in empty.content.decode()


# --- Review and decisions ------------------------------------------------------------------------


def test_review_page_shows_data_beside_files_and_logs_the_access(
    officer_client, citizen, family, service_types, officer
):
    application = claimed(citizen, family, officer)
    response = officer_client.get(url("officer_review", application.pk))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Raka Pratama" in body
    pdf = application.documents.get(requirement__code="surat_lahir")
    png = application.documents.get(requirement__code="kk")
    assert (
        f'<iframe class="doc-preview d-none d-md-block" src="{url("document_file", application.pk, pdf.pk)}"'
        in body
    )
    assert f'src="{url("document_file", application.pk, png.pk)}"' in body
    # On a phone the PDF opens full screen (no embedded PDF viewer there).
    assert "(layar penuh)</a>" in body
    assert "Minta perbaikan" in body and "Tolak permohonan" in body
    assert AccessLogEntry.objects.filter(
        actor=officer, object_id=str(application.pk), object_type="civil_registry.application"
    ).exists()

    file_response = officer_client.get(url("document_file", application.pk, pdf.pk))
    assert file_response.status_code == 200
    assert file_response["Content-Disposition"].startswith("inline")
    assert file_response["X-Frame-Options"] == "SAMEORIGIN"
    assert "sandbox" in file_response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in file_response["Content-Security-Policy"]
    assert AccessLogEntry.objects.filter(
        actor=officer, purpose="Melihat berkas persyaratan"
    ).exists()


def test_request_correction(officer_client, citizen, family, service_types, officer):
    application = claimed(citizen, family, officer)
    response = officer_client.post(
        url("request_correction", application.pk),
        {"doc__kk": "Foto KK buram.", "field__birth_place_name": "Nama RS tidak lengkap."},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.NEEDS_CORRECTION
    assert CorrectionRequest.objects.filter(application=application).count() == 2


def test_request_correction_without_reasons_is_400(
    officer_client, citizen, family, service_types, officer
):
    application = claimed(citizen, family, officer)
    response = officer_client.post(url("request_correction", application.pk), {"note": "x"})
    assert response.status_code == 400
    assert "minimal satu berkas atau isian" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW


def test_reject_needs_a_reason(officer_client, citizen, family, service_types, officer):
    application = claimed(citizen, family, officer)
    response = officer_client.post(url("reject", application.pk), {"reason": ""})
    assert response.status_code == 400
    assert "Alasan penolakan wajib diisi." in response.content.decode()
    response = officer_client.post(url("reject", application.pk), {"reason": "Bukan warga kota."})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.REJECTED


def test_out_of_order_approval_is_refused_with_409(officer_client, citizen, family, service_types):
    application = submitted(citizen, family)  # not claimed yet
    response = officer_client.post(url("approve", application.pk), {})
    assert response.status_code == 409
    assert "tidak dapat dilakukan" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_approve_then_sign(client, citizen, family, service_types, officer, signer):
    application = claimed(citizen, family, officer)
    client.force_login(officer)
    with after_commit():  # the document is rendered once the approval has committed
        response = client.post(url("approve", application.pk), {"note": ""})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.AWAITING_SIGNATURE

    client.force_login(signer)
    listing = client.get(url("sign_list")).content.decode()
    assert application.tracking_number in listing
    page = client.get(url("sign", application.pk))
    assert page.status_code == 200
    assert url("sign_pdf", application.pk) in page.content.decode()
    pdf = client.get(url("sign_pdf", application.pk))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"

    unconfirmed = client.post(url("sign", application.pk), {})
    assert unconfirmed.status_code == 400
    assert "Centang pernyataan ini" in unconfirmed.content.decode()
    response = client.post(url("sign", application.pk), {"confirm": "on"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.ISSUED

    again = client.post(url("sign", application.pk), {"confirm": "on"})
    assert again.status_code == 409

    client.force_login(citizen)
    detail = client.get(url("application_detail", application.pk)).content.decode()
    download = f"/dokumen/{application.document.verification_code}/unduh/"
    assert download in detail
    # The officers of the issuing office and the signer may download what they issued (rule in
    # documents/permissions.py, extended by civil registration); each access is logged.
    from balaikota.core.models import AccessLogEntry

    client.force_login(officer)
    assert download in client.get(url("officer_review", application.pk)).content.decode()
    assert client.get(download).status_code == 200
    client.force_login(signer)
    signed_list = client.get(url("sign_list")).content.decode()
    assert "Baru Anda tanda tangani" in signed_list and download in signed_list
    assert client.get(download).status_code == 200
    logged = AccessLogEntry.objects.filter(
        object_type="documents.issueddocument", object_id=str(application.document.pk)
    )
    assert set(logged.values_list("actor", flat=True)) == {officer.pk, signer.pk}
    assert all(entry.subject == citizen for entry in logged)


def test_officer_may_not_sign(officer_client, citizen, family, service_types, officer):
    application = claimed(citizen, family, officer)
    approve_now(application=application, officer=officer)
    assert officer_client.get(url("sign", application.pk)).status_code == 403


def test_duplicate_warning_side_by_side_and_decision(
    client, citizen, family, service_types, officer, bob
):
    first = submitted(citizen, family)
    bob.nik = family[2].nik
    bob.save(update_fields=["nik"])
    second = claimed(bob, family, officer)
    flag = DuplicateFlag.objects.get(application=second)
    client.force_login(officer)
    body = client.get(url("officer_review", second.pk)).content.decode()
    assert "Peringatan duplikat" in body and first.tracking_number in body
    assert "Perbandingan dengan data yang cocok" in body
    assert body.count("Raka Pratama") >= 3  # the summary, and both columns side by side
    assert ">sama<" in body
    blocked = client.post(url("approve", second.pk), {})
    assert blocked.status_code == 409
    assert "Putuskan dulu peringatan duplikat" in blocked.content.decode()

    bad = client.post(url("duplicate_decide", second.pk, flag.pk), {"decision": "mungkin"})
    assert bad.status_code == 400
    response = client.post(
        url("duplicate_decide", second.pk, flag.pk), {"decision": "not_duplicate"}
    )
    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.decision == DuplicateFlag.Decision.NOT_DUPLICATE


# --- Assisted intake -----------------------------------------------------------------------------


def test_assisted_intake(officer_client, citizen, family, service_types, officer):
    _kk, father, _mother = family
    lookup = officer_client.post(
        url("assisted_intake"),
        {"action": "lookup", "citizen_nik": father.nik, "service_type": "akta-kelahiran"},
    )
    assert lookup.status_code == 200
    assert "Budi Hartono" in lookup.content.decode()

    response = officer_client.post(
        url("assisted_intake"),
        {
            "action": "create",
            "service_type": "akta-kelahiran",
            "citizen_nik": father.nik,
            "consent": "on",
            "consent_note": "Setuju secara lisan di loket Kelurahan Pekunden.",
        },
    )
    application = Application.objects.get(assisted_by=officer)
    assert response.status_code == 302
    assert response["Location"] == url("step", application.pk, 1)
    assert application.citizen == citizen and application.consent_recorded_at
    assert application.data["mother_nik"] == family[2].nik
    assert officer_client.get(url("step", application.pk, 1)).status_code == 200


def test_assisted_intake_without_consent_is_400(officer_client, family, service_types):
    response = officer_client.post(
        url("assisted_intake"),
        {"action": "create", "service_type": "akta-kelahiran", "citizen_nik": family[1].nik},
    )
    assert response.status_code == 400
    assert "Persetujuan warga wajib dicatat." in response.content.decode()
    assert not Application.objects.exists()


def test_notification_link_takes_an_officer_to_the_review(
    officer_client, citizen, family, service_types
):
    application = submitted(citizen, family)
    response = officer_client.get(url("application_detail", application.pk))
    assert response.status_code == 302
    assert response["Location"] == url("officer_review", application.pk)


def test_review_page_has_unique_ids_for_its_labels(
    officer_client, citizen, family, service_types, officer
):
    import re
    from collections import Counter

    application = claimed(citizen, family, officer)
    body = officer_client.get(url("officer_review", application.pk)).content.decode()
    repeated = [i for i, n in Counter(re.findall(r'\sid="([^"]+)"', body)).items() if n > 1]
    assert repeated == []


def test_navigation_entries_per_role(citizen, officer, signer):
    from balaikota.civil_registry import navigation  # noqa: F401  (registered in ready())
    from balaikota.core.navigation import items_for

    def labels(user):
        return [str(item.label) for item in items_for(user)]

    assert "Permohonan kependudukan" in labels(citizen)
    assert "Antrean kerja" in labels(officer) and "Tanda tangan" not in labels(officer)
    assert "Tanda tangan" in labels(signer)


def test_passphrase_is_asked_only_when_the_signer_needs_one(
    client, citizen, family, service_types, officer, signer, monkeypatch
):
    from balaikota.civil_registry import integrations

    application = claimed(citizen, family, officer)
    approve_now(application=application, officer=officer)
    client.force_login(signer)
    assert 'name="passphrase"' not in client.get(url("sign", application.pk)).content.decode()

    monkeypatch.setattr(integrations, "signer_requires_passphrase", lambda: True)
    assert 'name="passphrase"' in client.get(url("sign", application.pk)).content.decode()
    response = client.post(url("sign", application.pk), {"confirm": "on"})
    assert response.status_code == 400
    assert "Isi passphrase Anda." in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.AWAITING_SIGNATURE


def test_sign_list_shows_only_the_offices_where_the_user_signs(
    client, citizen, family, service_types, officer, signer, other_opd
):
    from balaikota.accounts.services import role_grant

    application = submitted(citizen, family)
    Application.objects.filter(pk=application.pk).update(status=Status.AWAITING_SIGNATURE)
    # An official who signs elsewhere and is only an officer of this office.
    role_grant(user=officer, role="signing_official", opd=other_opd)
    client.force_login(officer)
    assert application.tracking_number not in client.get(url("sign_list")).content.decode()
    client.force_login(signer)
    assert application.tracking_number in client.get(url("sign_list")).content.decode()
