"""load_opds: the agencies of Kota Semarang with a unit tree and positions."""

import pytest
from django.core.management import CommandError, call_command

from balaikota.organization.models import Opd, Position, Unit
from balaikota.organization.services import areas_load, opd_structure_load


@pytest.fixture
def loaded(db):
    areas_load(regency="33.74")
    opd_structure_load()


def _counts():
    return (Opd.objects.count(), Unit.objects.count(), Position.objects.count())


def test_the_city_gets_its_agencies_and_16_kecamatan_offices(loaded):
    agencies = Opd.objects.exclude(kind=Opd.Kind.KECAMATAN)
    assert agencies.count() >= 30
    for name in [
        "Sekretariat Daerah",
        "Inspektorat",
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "RSUD K.R.M.T. Wongsonegoro",
    ]:
        assert agencies.filter(name=name).exists(), name
    kecamatan = Opd.objects.filter(kind=Opd.Kind.KECAMATAN)
    assert kecamatan.count() == 16
    assert kecamatan.filter(district__isnull=True).count() == 0
    tugu = kecamatan.get(district_id="33.74.16")
    assert tugu.name == "Kecamatan Tugu"


def test_every_unit_has_exactly_one_structural_head_post(loaded):
    for unit in Unit.objects.prefetch_related("positions"):
        heads = [p for p in unit.positions.all() if p.is_head]
        assert len(heads) == 1, unit
        assert heads[0].kind == Position.Kind.STRUCTURAL and heads[0].echelon
    for opd in Opd.objects.all():
        assert opd.units.filter(parent__isnull=True).count() == 1


def test_a_dinas_has_a_head_a_sekretariat_and_bidang(loaded):
    root = Unit.objects.get(opd__code="disdukcapil", parent__isnull=True)
    assert root.positions.get(is_head=True).name == "Kepala Dinas"
    assert root.positions.get(is_head=True).echelon == "II.b"
    sekretariat = root.children.get(name="Sekretariat")
    assert sekretariat.positions.get(is_head=True).echelon == "III.a"
    umpeg = sekretariat.children.get(name="Subbagian Umum dan Kepegawaian")
    assert umpeg.positions.get(is_head=True).echelon == "IV.a"
    bidang = set(root.children.filter(name__startswith="Bidang").values_list("name", flat=True))
    assert bidang == {
        "Bidang Pelayanan Pendaftaran Penduduk",
        "Bidang Pelayanan Pencatatan Sipil",
        "Bidang Pengelolaan Informasi Administrasi Kependudukan",
        "Bidang Pemanfaatan Data dan Inovasi Pelayanan",
    }
    assert Position.objects.filter(
        unit__name="Bidang Pelayanan Pencatatan Sipil", is_head=True, echelon="III.b"
    ).exists()
    for opd in Opd.objects.exclude(kind__in=[Opd.Kind.KECAMATAN, Opd.Kind.SECRETARIAT]):
        count = Unit.objects.filter(opd=opd, name__regex=r"^(Bidang|Inspektur Pembantu)").count()
        assert 2 <= count <= 4, opd


def test_a_kecamatan_office_has_camat_sekcam_and_seksi(loaded):
    root = Unit.objects.get(opd__district_id="33.74.01", parent__isnull=True)
    assert root.name == "Kecamatan Semarang Tengah"
    assert root.positions.get(is_head=True).name == "Camat"
    assert root.positions.get(is_head=True).echelon == "III.a"
    children = set(root.children.values_list("name", flat=True))
    assert {
        "Sekretariat Kecamatan",
        "Seksi Pelayanan",
        "Seksi Pemerintahan",
        "Seksi Kesejahteraan Sosial",
    } <= children
    assert Position.objects.get(unit__parent=root, name="Sekretaris Kecamatan").is_head


def test_loading_twice_changes_nothing(loaded):
    before = _counts()
    result = opd_structure_load()
    assert _counts() == before
    assert (result.opds_created, result.units_created, result.positions_created) == (0, 0, 0)
    assert result.updated == 0


def test_the_command_needs_the_area_data_first(db):
    with pytest.raises(CommandError, match="load_areas --regency 33.74"):
        call_command("load_opds")


def test_the_command_loads_the_structure(db):
    areas_load(regency="33.74")
    call_command("load_opds", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Opd.objects.count() >= 46
