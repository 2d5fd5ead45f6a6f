"""A standard is versioned by decree: the page names the version in force, older ones stay
readable, and a version can only be published under a new decree, on or after its date."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from balaikota.catalogue import selectors, services
from balaikota.catalogue.models import ServiceStandardVersion
from balaikota.core.errors import Conflict, InvalidInput
from balaikota.testing.factories import OpdFactory

from .factories import PublicServiceFactory, ServiceRequirementFactory

pytestmark = pytest.mark.django_db

OLD_DECREE = "Keputusan Kepala Dinas Nomor 500/001/2022"
NEW_DECREE = "Keputusan Kepala Dinas Nomor 500/077/2025"


@pytest.fixture
def service():
    service = PublicServiceFactory(name="Izin Usaha Mikro", service_time_days=7)
    ServiceRequirementFactory(service=service, name="Surat pengantar kelurahan")
    services.standard_version_publish(
        service,
        decree_number=OLD_DECREE,
        decree_date=date(2022, 3, 1),
        effective_date=date(2022, 4, 1),
    )
    return service


def republished(service, **changes):
    """The OPD revises the text, then publishes it under the new decree."""
    for name, value in changes.items():
        setattr(service, name, value)
    service.save()
    service.requirement_items.all().delete()
    ServiceRequirementFactory(service=service, name="NIB dari OSS")
    return services.standard_version_publish(
        service,
        decree_number=NEW_DECREE,
        decree_date=date(2025, 1, 6),
        effective_date=date(2025, 1, 13),
    )


def test_a_new_decree_is_the_one_in_force_and_the_old_text_stays_readable(
    client, service, django_capture_on_commit_callbacks
):
    page = client.get(service.get_absolute_url()).text
    assert OLD_DECREE in page and "versi sebelumnya" not in page

    with django_capture_on_commit_callbacks(execute=True):
        version = republished(service, service_time_days=3)
    assert version.number == 2
    service.refresh_from_db()
    assert (service.decree_number, service.effective_date) == (NEW_DECREE, date(2025, 1, 13))

    page = client.get(service.get_absolute_url()).text  # drawn again: the memo's version moved
    assert f"Standar yang berlaku ditetapkan dengan {NEW_DECREE}" in page
    assert "Berlaku sejak 13 Januari 2025" in page
    assert "Lihat 1 versi sebelumnya" in page
    assert "NIB dari OSS" in page and "Surat pengantar kelurahan" not in page

    history = client.get(reverse("catalogue:versions", args=[service.slug])).text
    assert "Versi 2" in history and "Versi 1" in history
    assert "Berlaku 1 April 2022 sampai 12 Januari 2025" in history

    old = client.get(reverse("catalogue:version", args=[service.slug, 1]))
    assert old.status_code == 200
    assert "Versi ini tidak berlaku lagi sejak 13 Januari 2025" in old.text
    assert "Surat pengantar kelurahan" in old.text and "NIB dari OSS" not in old.text
    assert "7 hari kerja" in old.text

    current = client.get(reverse("catalogue:version", args=[service.slug, 2]))
    assert current.status_code == 302 and current["Location"] == service.get_absolute_url()


def test_an_unknown_version_or_service_is_a_404(client, service):
    assert client.get(reverse("catalogue:version", args=[service.slug, 9])).status_code == 404
    assert client.get(reverse("catalogue:versions", args=["tidak-ada"])).status_code == 404
    assert client.get(f"/layanan/{service.slug}/versi/satu/").status_code == 404


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"decree_number": "  "}, "decree_missing", "decree_number"),
        ({"effective_date": "tomorrow"}, "effective_in_future", "effective_date"),
        ({"decree_date": "tomorrow"}, "decree_in_future", "decree_date"),
        ({"effective_date": date(2021, 12, 31)}, "effective_before_current", "effective_date"),
    ],
)
def test_a_version_that_breaks_the_rule_is_refused_and_nothing_changes(
    service, changes, code, field
):
    tomorrow = timezone.localdate() + timedelta(days=1)
    arguments = {
        "decree_number": NEW_DECREE,
        "decree_date": date(2025, 1, 6),
        "effective_date": date(2025, 1, 13),
    }
    arguments.update({k: tomorrow if v == "tomorrow" else v for k, v in changes.items()})
    with pytest.raises(InvalidInput) as refused:
        services.standard_version_publish(service, **arguments)
    assert refused.value.code == code
    assert field in refused.value.field_errors
    assert service.standard_versions.count() == 1
    service.refresh_from_db()
    assert service.decree_number == OLD_DECREE


def test_the_same_decree_twice_is_a_conflict(service):
    with pytest.raises(Conflict) as refused:
        services.standard_version_publish(
            service, decree_number=f" {OLD_DECREE} ", effective_date=date(2023, 1, 1)
        )
    assert "sudah diterbitkan" in refused.value.text
    assert service.standard_versions.count() == 1


def test_a_kept_version_does_not_change_when_the_service_is_edited(service):
    service.procedure = "Prosedur baru yang belum ditetapkan."
    service.save()
    kept = selectors.StandardSnapshot(service.standard_versions.get().content)
    assert kept.procedure == "1. Ajukan daring."
    assert kept.service_time_days == 7 and kept.is_free
    assert [item.name for item in kept.requirement_items] == ["Surat pengantar kelurahan"]


def test_the_seed_keeps_disdukcapil_s_counter_era_standard(client, db):
    opd = OpdFactory(code="disdukcapil", name="Dinas Kependudukan dan Pencatatan Sipil")
    services.service_catalogue_load(opd=opd)
    services.service_catalogue_load(opd=opd)  # again: no second copy of any version
    birth = selectors.public_service_page("akta-kelahiran")
    rows = selectors.standard_version_rows(birth)
    assert [row.version.number for row in rows] == [2, 1]
    assert rows[0].in_force and rows[1].until == date(2025, 1, 13)
    old = client.get(rows[1].version.get_absolute_url()).text
    assert "Surat pengantar RT/RW yang diketahui kelurahan" in old
    assert "Fotokopi KTP-el ayah dan ibu" in old
    assert "5 hari kerja" in old  # 3 days now
    assert ServiceStandardVersion.objects.filter(service=birth).count() == 2


def test_the_api_lists_the_decrees_with_the_one_in_force(client, service):
    republished(service)
    body = client.get(f"/api/v1/layanan/{service.slug}/").json()
    assert body["decree_number"] == NEW_DECREE
    assert [(v["number"], v["in_force"]) for v in body["standard_versions"]] == [
        (2, True),
        (1, False),
    ]
    assert body["standard_versions"][1]["web_url"] == f"/layanan/{service.slug}/versi/1/"


def test_the_admin_publishes_a_version_and_shows_a_refusal_on_the_form(admin_client, service):
    url = reverse("admin:catalogue_servicestandardversion_add")
    refused = admin_client.post(
        url,
        {"service": service.pk, "decree_number": OLD_DECREE, "effective_date": "2025-01-13"},
    )
    assert refused.status_code == 200
    assert "SK ini sudah diterbitkan untuk layanan ini." in refused.text
    assert service.standard_versions.count() == 1

    done = admin_client.post(
        url,
        {
            "service": service.pk,
            "decree_number": NEW_DECREE,
            "decree_date": "2025-01-06",
            "effective_date": "2025-01-13",
        },
    )
    assert done.status_code == 302
    version = service.standard_versions.get(number=2)
    assert version.published_by is not None
    service.refresh_from_db()
    assert service.decree_number == NEW_DECREE
    change = admin_client.get(
        reverse("admin:catalogue_servicestandardversion_change", args=[version.pk])
    )
    assert change.status_code == 200 and 'name="decree_number"' not in change.text  # read only
