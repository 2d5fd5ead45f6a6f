"""Fixtures for the organisation tests: a slice of Kota Semarang's agencies, and import files."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from balaikota.organization.data.semarang_opd import SEMARANG_OPDS
from balaikota.organization.models import District, Opd, Province, Regency
from balaikota.organization.services import opd_structure_load
from balaikota.testing.factories import make_nip

SPECS = {spec.code: spec for spec in SEMARANG_OPDS}


@pytest.fixture
def semarang(db):
    province, _ = Province.objects.get_or_create(code="33", defaults={"name": "Jawa Tengah"})
    regency, _ = Regency.objects.get_or_create(
        code="33.74", defaults={"province": province, "name": "Kota Semarang"}
    )
    District.objects.get_or_create(
        code="33.74.01", defaults={"regency": regency, "name": "Semarang Tengah"}
    )
    return regency


@pytest.fixture
def agencies(semarang):
    """Diskominfo and Disdukcapil with their real structure (no kecamatan: fast)."""
    opd_structure_load(specs=[SPECS["diskominfo"], SPECS["disdukcapil"]])
    return {opd.code: opd for opd in Opd.objects.all()}


HEADER = [
    "NIP",
    "NAMA",
    "EMAIL",
    "JENIS_PEGAWAI",
    "GOLONGAN",
    "OPD",
    "UNIT_KERJA",
    "JABATAN",
    "JENIS_JABATAN",
    "ESELON",
    "KEPALA_UNIT",
    "NIP_ATASAN",
]

KADIS = make_nip(1, birth=dt.date(1972, 5, 4), tmt=(1998, 3))
KABID = make_nip(2, tmt=(2005, 1), female=True)
PRAKOM = make_nip(3)
PPPK = make_nip(4, tmt=(2022, 3), female=True)
ANALIS = make_nip(5)


def good_rows() -> list[list[str]]:
    """Five civil servants of Diskominfo: the head, a head of division, and three staff."""
    return [
        [KADIS, "Hendra Wijaya", "hendra@contoh.id", "PNS", "IV/b", "diskominfo", "",
         "Kepala Dinas", "struktural", "II.b", "Y", ""],
        [KABID, "Ratna Kusumawati", "", "pns", "iv/a", "diskominfo", "Bidang E-Government",
         "Kepala Bidang E-Government", "Struktural", "III.b", "Y", ""],
        [PRAKOM, "Agus Setiawan", "agus@contoh.id", "PNS", "III/c",
         "Dinas Komunikasi, Informatika, Statistik dan Persandian", "Bidang E-Government",
         "Pranata Komputer Ahli Muda", "fungsional", "", "N", ""],
        [PPPK, "Dewi Lestari", "", "PPPK", "IX", "DISKOMINFO", "bidang e-government",
         "Pranata Komputer Ahli Pertama", "fungsional", "", "", ""],
        [ANALIS, "Bayu Prasetyo", "", "PNS", "III/a", "diskominfo", "Bidang E-Government",
         "Analis Data Ahli Pertama", "fungsional", "", "N", KADIS],
    ]  # fmt: skip


def csv_bytes(rows: list[list[str]], header: list[str] = HEADER, delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(rows: list[list], header: list[str] = HEADER) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
