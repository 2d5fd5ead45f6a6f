"""load_areas: idn-area-data 4.0.1 into provinces, regencies, districts and villages."""

from django.core.management import call_command

from balaikota.organization.models import District, Province, Regency, Village
from balaikota.organization.services import areas_load


def test_kota_semarang_has_16_kecamatan_and_177_kelurahan(db):
    call_command("load_areas", "--regency", "33.74", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert Province.objects.count() == 38
    assert Regency.objects.count() == 514
    assert Regency.objects.get(code="33.74").name == "Kota Semarang"
    assert District.objects.filter(regency_id="33.74").count() == 16
    assert Village.objects.filter(district__regency_id="33.74").count() == 177
    assert District.objects.count() == 16  # only the one regency's districts
    assert District.objects.get(code="33.74.01").name == "Semarang Tengah"


def test_loading_twice_changes_nothing(db):
    first = areas_load(regency="33.74")
    names = dict(Village.objects.values_list("code", "name"))

    second = areas_load(regency="33.74")

    assert first.changed and not second.changed
    assert dict(Village.objects.values_list("code", "name")) == names


def test_a_renamed_village_is_put_right(db):
    areas_load(regency="33.74")
    Village.objects.filter(code="33.74.01.1001").update(name="Salah Ketik")
    result = areas_load(regency="33.74")
    assert result.updated == {"provinces": 0, "regencies": 0, "districts": 0, "villages": 1}
    assert Village.objects.get(code="33.74.01.1001").name != "Salah Ketik"


def test_quoted_names_survive(db):
    areas_load(regency="35.29")  # Sumenep: "Ra'as" is written with a doubled quote in the CSV
    assert District.objects.get(code="35.29.22").name == 'Ra"as'


def test_the_data_folder_keeps_its_licence_and_attribution():
    from balaikota.organization.services import AREA_DATA_DIR

    readme = (AREA_DATA_DIR / "README.md").read_text()
    assert "idn-area-data 4.0.1 oleh Fityan, ODbL" in readme
    assert (AREA_DATA_DIR / "LICENSE.md").exists()
