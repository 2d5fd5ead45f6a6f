from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from balaikota.catalogue import selectors, services
from balaikota.catalogue.data.catalogue import SERVICES
from balaikota.catalogue.models import PublicService, ServiceRequirement
from balaikota.testing.factories import OpdFactory


@pytest.fixture
def disdukcapil(db):
    return OpdFactory(
        code="disdukcapil", name="Dinas Kependudukan dan Pencatatan Sipil", short_name="Disdukcapil"
    )


def test_the_catalogue_loads_once_and_reloads_without_changes(disdukcapil):
    first = services.service_catalogue_load()
    assert first.created == len(SERVICES) >= 10
    stamps = dict(PublicService.objects.values_list("slug", "updated_at"))
    requirement_ids = set(ServiceRequirement.objects.values_list("pk", flat=True))

    again = services.service_catalogue_load()
    assert (again.created, again.updated, again.unchanged) == (0, 0, len(SERVICES))
    assert dict(PublicService.objects.values_list("slug", "updated_at")) == stamps
    assert set(ServiceRequirement.objects.values_list("pk", flat=True)) == requirement_ids


def test_a_reload_restores_edited_seed_values(disdukcapil):
    services.service_catalogue_load()
    PublicService.objects.filter(slug="akta-kelahiran").update(fee=Decimal("5000"))
    ServiceRequirement.objects.filter(service__slug="akta-kelahiran").first().delete()
    result = services.service_catalogue_load()
    assert result.updated == 1
    birth = selectors.public_service_by_slug("akta-kelahiran")
    assert birth.is_free


def test_the_birth_certificate_has_its_requirements_and_substitutes(disdukcapil):
    services.service_catalogue_load()
    birth = selectors.public_service_by_slug("akta-kelahiran")
    assert birth.opd == disdukcapil
    assert birth.fee == 0
    assert "79A" in birth.fee_note
    assert "Permendagri" not in birth.legal_basis  # written out in full
    assert "Nomor 108 Tahun 2019" in birth.legal_basis
    items = {item.name: item for item in birth.requirement_items.all()}
    assert "F-2.03" in items["Surat keterangan kelahiran"].substitutes
    assert "F-2.04" in items["Buku nikah atau kutipan akta perkawinan orang tua"].substitutes
    assert "KTP-el ayah dan ibu" in items
    assert "Formulir pelaporan pencatatan sipil (F-2.01)" in items
    assert not items["KTP-el 2 (dua) orang saksi"].is_mandatory
    assert "F-2.03" in birth.requirements  # the text form says the same
    ktp = selectors.public_service_by_slug("perekaman-ktp-el")
    assert ktp.is_online is False


def test_the_opd_is_found_by_name_when_the_code_differs(db):
    opd = OpdFactory(code="dispendukcapil", name="Dinas Kependudukan dan Pencatatan Sipil")
    services.service_catalogue_load()
    assert set(PublicService.objects.values_list("opd", flat=True)) == {opd.pk}


def test_loading_without_the_opd_fails_clearly(db):
    with pytest.raises(services.CatalogueOpdMissing):
        services.service_catalogue_load()
    with pytest.raises(CommandError):
        call_command("load_service_catalogue")


def test_the_command_loads_into_the_named_opd(db, capsys):
    opd = OpdFactory(code="mpp", name="Mal Pelayanan Publik")
    call_command("load_service_catalogue", opd="mpp")
    assert "baru" in capsys.readouterr().out
    assert PublicService.objects.filter(opd=opd).count() == len(SERVICES)
    with pytest.raises(CommandError):
        call_command("load_service_catalogue", opd="tidak-ada")


def test_upsert_validates_and_refuses_unknown_fields(disdukcapil):
    with pytest.raises(TypeError):
        services.public_service_upsert(slug="x", colour="merah")
    with pytest.raises(ValidationError):
        services.public_service_upsert(slug="x", opd=disdukcapil, name="X")  # components missing
    assert not PublicService.objects.exists()


def test_requirements_sync_orders_updates_and_removes(disdukcapil):
    services.service_catalogue_load()
    service = PublicService.objects.get(slug="kartu-identitas-anak")
    rows = services.service_requirements_sync(
        service=service,
        requirements=[{"name": "Akta kelahiran anak"}, {"name": "KK", "is_mandatory": False}],
    )
    assert [(r.order, r.name, r.is_mandatory) for r in rows] == [
        (1, "Akta kelahiran anak", True),
        (2, "KK", False),
    ]
    assert service.requirement_items.count() == 2


def test_inactive_services_are_not_public(disdukcapil):
    services.service_catalogue_load()
    services.public_service_upsert(slug="kartu-identitas-anak", is_active=False)
    assert selectors.public_service_by_slug("kartu-identitas-anak") is None
    assert selectors.public_service_by_slug("kartu-identitas-anak", include_inactive=True)
    assert not selectors.public_services_active().filter(slug="kartu-identitas-anak").exists()
