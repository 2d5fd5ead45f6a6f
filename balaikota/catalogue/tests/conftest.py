"""The whole seed catalogue over every seeded OPD: what the search and the portal are tested on."""

import pytest

from balaikota.catalogue import services
from balaikota.organization.data.semarang_opd import SEMARANG_OPDS
from balaikota.testing.factories import OpdFactory

KECAMATAN = [
    "Banyumanik",
    "Candisari",
    "Gajahmungkur",
    "Gayamsari",
    "Genuk",
    "Gunungpati",
    "Mijen",
    "Ngaliyan",
    "Pedurungan",
    "Semarang Barat",
    "Semarang Selatan",
    "Semarang Tengah",
    "Semarang Timur",
    "Semarang Utara",
    "Tembalang",
    "Tugu",
]


@pytest.fixture
def full_catalogue(db):
    """Every seeded OPD (with its real name) and the whole seed catalogue, indexed."""
    for spec in SEMARANG_OPDS:
        OpdFactory(code=spec.code, name=spec.name, short_name=spec.short_name)
    for name in KECAMATAN:
        code = "kec-" + name.lower().replace(" ", "-")
        OpdFactory(code=code, name=f"Kecamatan {name}", short_name=f"Kec. {name}")
    result = services.service_catalogue_load()
    assert result.skipped == 0
    return result
