"""A birth certificate never goes out without its parents: a parent's NIK that the population
register does not know needs the name typed; the officer sees each NIK with the register's name
(or "tidak ditemukan di database kependudukan"); approval is refused while a name the
certificate prints is missing; no issued field reads "-"."""

from __future__ import annotations

import datetime as dt

import pytest

from balaikota.civil_registry import selectors, services
from balaikota.civil_registry.handlers import handler_for
from balaikota.core.errors import Conflict, InvalidInput
from balaikota.testing.factories import make_nik

from .factories import approve_now, pdf_bytes
from .test_views_citizen import complete_draft
from .test_views_officer import claimed

pytestmark = pytest.mark.django_db

UNKNOWN_MOTHER = make_nik(4321, birth=dt.date(1995, 2, 3), female=True)  # not in the register


def _document_rows(application):
    spec = handler_for(application.service_type).document(
        application, office_name="Disdukcapil", issued_on=dt.date(2026, 12, 3)
    )
    return spec


def test_an_unknown_mothers_nik_needs_her_name(citizen, family, service_types):
    application = complete_draft(citizen, family, mother_nik=UNKNOWN_MOTHER)
    with pytest.raises(InvalidInput) as refused:
        services.application_submit(application=application, user=citizen)
    message = " ".join(refused.value.field_errors["mother_name"])
    assert "tidak ditemukan di database kependudukan" in message


def test_with_her_name_typed_the_certificate_prints_it(
    citizen, family, service_types, officer, signer
):
    application = claimed(
        citizen, family, officer, mother_nik=UNKNOWN_MOTHER, mother_name="Wulan Sari"
    )
    [mother, father] = selectors.register_checks(application)
    assert (mother.found, mother.typed_name) == (False, "Wulan Sari")
    assert father.found and father.register_name == "Budi Hartono"
    approved = approve_now(application=application, officer=officer)
    spec = _document_rows(approved)
    rows = dict(spec.rows)
    assert rows["Nama ibu"] == "Wulan Sari" and rows["Nama ayah"] == "Budi Hartono"
    assert all(value not in ("", "-", None) for value in rows.values())  # every field filled
    assert "dari ayah Budi Hartono dan ibu Wulan Sari" in spec.paragraphs[0]


def test_without_a_recorded_marriage_and_no_father_the_wording_follows(
    citizen, family, service_types, officer
):
    application = complete_draft(citizen, family, father_nik="", marriage_recorded="tidak")
    services.application_document_upload(
        application=application,
        user=citizen,
        requirement_code="sptjm_pasutri",
        upload=pdf_bytes(),
        original_name="sptjm.pdf",
    )
    application = services.application_submit(application=application, user=citizen).application
    application = services.application_claim(application=application, officer=officer)
    spec = _document_rows(approve_now(application=application, officer=officer))
    rows = dict(spec.rows)
    assert "Nama ayah" not in rows and rows["Nama ibu"] == "Siti Aminah"
    assert "dari seorang ibu bernama Siti Aminah" in spec.paragraphs[0]
    assert " - " not in spec.paragraphs[0]


def test_a_recorded_marriage_needs_the_fathers_nik(citizen, family, service_types):
    application = complete_draft(citizen, family, father_nik="", marriage_recorded="ya")
    with pytest.raises(InvalidInput) as refused:
        services.application_submit(application=application, user=citizen)
    assert "NIK ayah" in " ".join(refused.value.field_errors["father_nik"])


def test_approval_is_refused_while_a_printed_name_is_missing(
    citizen, family, service_types, officer
):
    application = claimed(citizen, family, officer)
    # The register lost the mother after submission (a correction in SIAK, say).
    type(application).objects.filter(pk=application.pk).update(
        data={**application.data, "mother_nik": UNKNOWN_MOTHER}
    )
    application.refresh_from_db()
    with pytest.raises(Conflict) as refused:
        services.application_approve(application=application, officer=officer)
    assert refused.value.code == "incomplete_document"
    assert "nama ibu" in refused.value.text
    application.refresh_from_db()
    assert not application.registration_number  # no number taken


def test_the_officer_sees_each_nik_against_the_register(
    client, citizen, family, service_types, officer
):
    application = claimed(
        citizen, family, officer, mother_nik=UNKNOWN_MOTHER, mother_name="Wulan Sari"
    )
    client.force_login(officer)
    html = client.get(f"/kependudukan/petugas/{application.pk}/").content.decode()
    section = html.split('id="cek-database"', 1)[1].split("</ul>", 1)[0]
    assert "tidak ditemukan di database kependudukan" in section and "Wulan Sari" in section
    assert "Budi Hartono" in section and "ditemukan" in section


# --- As the citizen types -----------------------------------------------------------------------


def test_the_form_checks_a_parents_nik_as_it_is_typed(client, citizen, family, service_types):
    from balaikota.core.models import AccessLogEntry

    _kk, _father, mother = family
    client.force_login(citizen)
    found = client.post("/kependudukan/cek-nik/", {"mother_nik": mother.nik})
    assert found.status_code == 200
    assert "Terdaftar atas nama S*** A*****" in found.content.decode()
    assert "Siti" not in found.content.decode()  # masked: recognisable, not readable
    assert AccessLogEntry.objects.filter(actor=citizen, object_id=str(mother.pk)).exists()
    unknown = client.post("/kependudukan/cek-nik/", {"mother_nik": UNKNOWN_MOTHER})
    text = unknown.content.decode()
    assert "tidak ditemukan di database kependudukan" in text and "tulis nama ibu" in text
    half_typed = client.post("/kependudukan/cek-nik/", {"father_nik": "337401"})
    assert half_typed.status_code == 200 and half_typed.content.decode().strip() == ""


def test_the_parents_step_wires_the_check(client, citizen, family, service_types):
    application = complete_draft(citizen, family)
    client.force_login(citizen)
    pages = [
        client.get(f"/kependudukan/permohonan/{application.pk}/langkah/{n}/").content.decode()
        for n in range(1, 6)
    ]
    html = next(page for page in pages if 'name="mother_nik"' in page)
    assert 'hx-post="/kependudukan/cek-nik/"' in html and 'id="cek-mother_nik"' in html
    assert 'name="mother_name"' in html  # where an unknown NIK's name is typed


def test_the_api_checks_a_nik_the_same_way_and_limits_it(citizen, family, service_types):
    from django.core.cache import cache
    from rest_framework.test import APIClient

    cache.clear()
    _kk, _father, mother = family
    api = APIClient()
    api.force_authenticate(citizen)
    body = api.post("/api/v1/kependudukan/register/check/", {"nik": mother.nik}).json()
    assert body == {"nik": mother.nik, "found": True, "masked_name": "S*** A*****"}
    statuses = [
        api.post("/api/v1/kependudukan/register/check/", {"nik": UNKNOWN_MOTHER}).status_code
        for _ in range(selectors.NIK_CHECK_LIMIT.limit)
    ]
    assert statuses[-1] == 429 and statuses[0] == 200
    cache.clear()


# --- The issued certificate -----------------------------------------------------------------


def test_the_signed_certificate_names_its_signer_and_reads_as_a_deed(
    client, citizen, family, service_types, officer, signer
):
    import io

    from pypdf import PdfReader

    from balaikota.testing.factories import make_nip

    type(signer).objects.filter(pk=signer.pk).update(nip=make_nip(77))
    signer.refresh_from_db()
    application = approve_now(application=claimed(citizen, family, officer), officer=officer)
    services.application_sign(application=application, signer=signer)
    application.refresh_from_db()
    with application.document.signed_file.open("rb") as handle:
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)
    text = " ".join(text.split())
    assert signer.full_name in text and f"NIP. {signer.nip}" in text  # under the signature
    assert "anak pertama" in text  # not "anak ke-satu"
    assert " - " not in text.replace(application.registration_number, "")

    client.force_login(citizen)
    download = client.get(f"/dokumen/{application.document.verification_code}/unduh/")
    expected = f"akta-kelahiran-{application.registration_number}.pdf"
    assert expected in download["Content-Disposition"]


def test_dates_on_review_pages_read_as_words_not_iso(client, citizen, family, service_types):
    application = complete_draft(citizen, family, birth_date="2026-11-20")
    client.force_login(citizen)
    html = client.get(f"/kependudukan/permohonan/{application.pk}/periksa/").content.decode()
    assert "20 November 2026" in html and "2026-11-20" not in html
