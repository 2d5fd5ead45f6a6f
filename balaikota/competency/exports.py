"""The training history export (riwayat pengembangan kompetensi) in a documented format, for
SIASN and for the agency's own records: XLSX or CSV, one row per JP credit. docs/export-jp.md
names every column; the order and names never change within a version."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.styles import Font

VERSION = "1"
COLUMNS = (
    ("nip", "NIP"),
    ("nama", "Nama"),
    ("opd", "OPD"),
    ("tahun", "Tahun"),
    ("tanggal", "Tanggal"),
    ("jenis_kompetensi", "Jenis kegiatan"),
    ("nama_kegiatan", "Nama kegiatan"),
    ("bentuk", "Bentuk"),
    ("jumlah_jp", "Jumlah JP"),
    ("sumber", "Sumber"),
    ("nomor_sertifikat", "Nomor sertifikat"),
    ("kunci", "Kunci catatan"),
)
# SIASN's riwayat kursus/diklat distinguishes classroom training from the rest.
CLASSROOM = {"training", "bimtek", "seminar", "workshop", "course"}


def rows(entries: Iterable, certificates: dict[str, str]) -> Iterable[list]:
    """``entries``: LedgerEntry rows with ``employee__unit__opd`` loaded; ``certificates``:
    source key → certificate number."""
    for entry in entries:
        employee = entry.employee
        yield [
            employee.nip,
            employee.full_name,
            employee.unit.opd.name,
            entry.year,
            entry.on.isoformat(),
            "klasikal" if entry.form in CLASSROOM else "nonklasikal",
            entry.title,
            entry.get_form_display(),
            f"{entry.jp:.2f}",
            entry.get_source_display(),
            certificates.get(entry.source_key, ""),
            entry.source_key,
        ]


def as_csv(data: Iterable[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([key for key, _label in COLUMNS])
    writer.writerows(data)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # a BOM: spreadsheets read UTF-8


def as_xlsx(data: Iterable[list], *, title: str) -> bytes:
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = "Riwayat JP"
    sheet.append([key for key, _label in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in data:
        sheet.append([_safe(value) for value in row])
    info = workbook.create_sheet("Keterangan")
    info.append(["format", f"riwayat-jp v{VERSION}"])
    info.append(["judul", title])
    for key, label in COLUMNS:
        info.append([key, label])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _safe(value):
    """A text that a spreadsheet would run as a formula is kept as text (CSV/XLSX injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def needs_analysis_xlsx(*, opd, year: int, gaps, planned) -> bytes:
    """The AKPK of an OPD for the budget cycle: the gaps per competency and the planned
    programmes with their JP and cost (two sheets)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Kesenjangan"
    sheet.append(
        [
            "kompetensi",
            "jenis",
            "pegawai_dengan_standar",
            "memenuhi",
            "di_bawah_standar",
            "belum_dinilai",
        ]
    )
    for row in gaps:
        sheet.append(
            [
                _safe(row.competency.name),
                row.competency.get_kind_display(),
                row.required,
                row.meets,
                row.below,
                row.unassessed,
            ]
        )
    plans = workbook.create_sheet("Rencana program")
    plans.append(["program", "bentuk", "peserta", "jumlah_jp", "biaya_rp"])
    for row in planned:
        plans.append(
            [
                _safe(row.programme.title),
                row.programme.get_mode_display(),
                row.people,
                float(row.jp),
                int(row.cost),
            ]
        )
    plans.append(
        [
            "JUMLAH",
            "",
            sum(r.people for r in planned),
            float(sum(r.jp for r in planned)),
            int(sum(r.cost for r in planned)),
        ]
    )
    for ws in (sheet, plans):
        for cell in ws[1]:
            cell.font = Font(bold=True)
    info = workbook.create_sheet("Keterangan")
    info.append(["OPD", opd.name])
    info.append(["tahun", year])
    info.append(
        [
            "sumber",
            "rencana pengembangan individu yang disetujui atasan; standar kompetensi jabatan; penilaian yang divalidasi",
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
