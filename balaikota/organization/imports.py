"""Reading and checking SIASN-style files of civil servants (CSV or XLSX) before they are imported.

Nothing here writes: ``read_preview`` turns a file into an ``ImportPreview`` whose rows carry their
line number, the raw values, what they resolve to (rank, OPD, unit, position) and every error in
Indonesian. ``employees_import_commit`` in services.py re-checks and writes. The format is
documented in docs/import-asn.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import IO

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from balaikota.core.identity import parse_nip

from .data.ranks import PPPK_RANKS
from .models import Employee, Opd, Position, Rank, Unit

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000  # one transaction of 2,000 lines takes ~10 s on SQLite: keep it inside a request
_IN_CHUNK = 500

REQUIRED_COLUMNS = (
    "NIP",
    "NAMA",
    "JENIS_PEGAWAI",
    "GOLONGAN",
    "OPD",
    "UNIT_KERJA",
    "JABATAN",
    "JENIS_JABATAN",
)
OPTIONAL_COLUMNS = ("EMAIL", "ESELON", "KEPALA_UNIT", "NIP_ATASAN")
# The documented order (docs/import-asn.md); files may order their columns freely.
ALL_COLUMNS = (
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
)

_YES = {"Y", "YA", "YES", "1", "TRUE", "BENAR"}
_NO = {"N", "T", "TIDAK", "NO", "0", "FALSE", "SALAH", ""}
_ROMAN = PPPK_RANKS  # PPPK golongan I–XVII, also read as 1–17
_IMPRECISE = "\x00imprecise-number"
_SURPLUS_CELLS = _("Baris ini berisi lebih banyak sel daripada judul kolom.")


class ImportFileError(Exception):
    """The whole file is rejected (wrong format, unreadable, wrong columns, too large)."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass
class ImportRow:
    line: int
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)
    # What the row resolves to; filled by ``rows_validate``.
    nip: str = ""
    full_name: str = ""
    email: str = ""
    employment_type: str = ""
    rank: Rank | None = None
    opd: Opd | None = None
    unit: Unit | None = None
    position: Position | None = None  # None: the position is created on import
    position_name: str = ""
    position_kind: str = ""
    echelon: str = ""
    is_head: bool = False
    supervisor_nip: str = ""
    existing: Employee | None = None

    def error(self, message) -> None:
        self.errors.append(str(message))

    @property
    def is_new(self) -> bool:
        return self.existing is None


@dataclass
class ImportPreview:
    filename: str
    columns: list[str] = field(default_factory=list)
    rows: list[ImportRow] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.file_errors and bool(self.rows) and not self.error_rows

    @property
    def error_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if row.errors]

    @property
    def new_count(self) -> int:
        return sum(1 for row in self.rows if row.is_new)

    @property
    def existing_count(self) -> int:
        return len(self.rows) - self.new_count

    @property
    def error_count(self) -> int:
        return len(self.error_rows)

    def messages(self) -> list[str]:
        """Every problem as one line of text, each naming its line of the file."""
        found = list(self.file_errors)
        for row in self.error_rows:
            found += [
                str(_("Baris %(line)d: %(msg)s") % {"line": row.line, "msg": m}) for m in row.errors
            ]
        return found


# --- Reading the file ---------------------------------------------------------------------------


def _read_bytes(file: IO[bytes] | bytes) -> bytes:
    if isinstance(file, bytes | bytearray):
        data = bytes(file)
    else:
        if (getattr(file, "size", None) or 0) > MAX_FILE_BYTES:
            raise ImportFileError(_too_large())
        if hasattr(file, "seek"):
            file.seek(0)
        data = file.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(_too_large())
    return data


def _too_large():
    return _("Berkas terlalu besar: paling banyak %(mb)d MB.") % {
        "mb": MAX_FILE_BYTES // (1024 * 1024)
    }


def _too_many_rows():
    return _(
        "Berkas berisi lebih dari %(rows)d baris data. Bagi menjadi beberapa berkas lalu impor satu per satu."
    ) % {"rows": MAX_ROWS}


def read_table(*, file: IO[bytes] | bytes, filename: str) -> list[tuple[int, list[str]]]:
    """The non-blank lines of the file as ``(line number, cells)``; the first one is the header."""
    data = _read_bytes(file)
    name = (filename or "").lower()
    if not data.strip():
        raise ImportFileError(_("Berkas kosong."))
    if name.endswith(".xlsx"):
        if not data.startswith(b"PK"):
            raise ImportFileError(_("Berkas XLSX rusak atau bukan berkas Excel yang sah."))
        return _read_xlsx(data)
    if name.endswith(".csv"):
        if data.startswith(b"PK\x03\x04"):
            raise ImportFileError(
                _("Berkas ini tampaknya berkas Excel, bukan CSV. Ubah ekstensinya menjadi .xlsx.")
            )
        return _read_csv(data)
    if name.endswith(".xls"):
        raise ImportFileError(
            _("Format Excel lama (.xls) tidak didukung. Simpan ulang sebagai .xlsx atau .csv.")
        )
    raise ImportFileError(_("Format berkas tidak didukung. Unggah berkas .csv atau .xlsx."))


def _read_csv(data: bytes) -> list[tuple[int, list[str]]]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError(_("Berkas CSV tidak dapat dibaca: simpan dengan encoding UTF-8."))
    if "\x00" in text:
        raise ImportFileError(_("Berkas CSV rusak atau bukan berkas teks."))
    first_line = text.split("\n", 1)[0]
    # Excel with Indonesian regional settings writes ';' between cells.
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                table.append((line, cells))
                if len(table) > MAX_ROWS + 1:
                    raise ImportFileError(_too_many_rows())
            line = reader.line_num + 1
    except csv.Error as exc:
        raise ImportFileError(
            _("Berkas CSV tidak dapat dibaca pada baris %(line)d.") % {"line": reader.line_num}
        ) from exc
    return table


def _xlsx_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Y" if value else "N"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        if value.is_integer():
            return _IMPRECISE  # an 18-digit NIP typed as a number has lost its last digits
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).replace("\x00", "")  # NUL never belongs in a cell (and PostgreSQL refuses it)


def _read_xlsx(data: bytes) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, IndexError) as exc:
        raise ImportFileError(_("Berkas XLSX rusak atau tidak dapat dibaca.")) from exc
    except Exception as exc:  # openpyxl raises its own exception types for malformed workbooks
        raise ImportFileError(_("Berkas XLSX rusak atau tidak dapat dibaca.")) from exc
    try:
        if not workbook.worksheets:
            raise ImportFileError(_("Berkas XLSX tidak memiliki lembar kerja."))
        sheet = workbook.worksheets[0]
        table: list[tuple[int, list[str]]] = []
        for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_xlsx_cell(v) for v in values]
            if any(c.strip() for c in cells):
                table.append((line, cells))
                if len(table) > MAX_ROWS + 1:
                    raise ImportFileError(_too_many_rows())
        return table
    except ImportFileError:
        raise
    except Exception as exc:
        raise ImportFileError(_("Berkas XLSX rusak atau tidak dapat dibaca.")) from exc
    finally:
        workbook.close()


def _column_name(cell: str) -> str:
    return re.sub(r"[\s\-]+", "_", cell.strip()).upper()


def rows_from_table(table: list[tuple[int, list[str]]]) -> tuple[list[str], list[ImportRow]]:
    """Check the header and turn each line into an ``ImportRow`` of raw strings."""
    if not table:
        raise ImportFileError(_("Berkas kosong."))
    _line, header_cells = table[0]
    names = [_column_name(c) for c in header_cells]
    body = table[1:]
    columns: list[tuple[int, str]] = []
    for index, name in enumerate(names):
        if not name:
            if any(index < len(cells) and cells[index].strip() for _l, cells in body):
                raise ImportFileError(
                    _("Kolom ke-%(n)d tidak berjudul, padahal berisi data.") % {"n": index + 1}
                )
            continue
        if name not in ALL_COLUMNS:
            raise ImportFileError(
                _("Kolom tidak dikenal: %(col)s. Kolom yang diterima: %(cols)s.")
                % {"col": header_cells[index].strip(), "cols": ", ".join(ALL_COLUMNS)}
            )
        if any(name == seen for _i, seen in columns):
            raise ImportFileError(_("Kolom %(col)s muncul lebih dari sekali.") % {"col": name})
        columns.append((index, name))
    present = {name for _i, name in columns}
    missing = [c for c in REQUIRED_COLUMNS if c not in present]
    if missing:
        raise ImportFileError(_("Kolom wajib tidak ada: %(cols)s.") % {"cols": ", ".join(missing)})
    if not body:
        raise ImportFileError(_("Berkas tidak berisi baris data di bawah judul kolom."))
    if len(body) > MAX_ROWS:
        raise ImportFileError(_too_many_rows())
    width = len(names)
    rows = []
    for line, cells in body:
        values = {
            name: (cells[index].strip() if index < len(cells) else "") for index, name in columns
        }
        row = ImportRow(line=line, values=values)
        if any(c.strip() for c in cells[width:]):
            row.error(_SURPLUS_CELLS)
        rows.append(row)
    return [name for _i, name in columns], rows


# --- Checking the rows against the database ----------------------------------------------------


def _normalize_rank(code: str) -> str:
    code = code.strip().replace(" ", "").replace("\\", "/")
    match = re.fullmatch(r"([IVX]+)/?([A-Ea-e])", code, flags=re.IGNORECASE)
    if match:
        return f"{match[1].upper()}/{match[2].lower()}"
    if code.isdigit() and 1 <= int(code) <= len(_ROMAN):
        return _ROMAN[int(code) - 1]
    return code.upper()


def _normalize_echelon(value: str) -> str:
    match = re.fullmatch(r"\s*(II|III|IV)\s*[./\- ]?\s*([ABab])\s*", value)
    return f"{match[1]}.{match[2].lower()}" if match else value.strip()


def _chunks(items: list, size: int = _IN_CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _validation_text(exc: ValidationError) -> str:
    return " ".join(str(m) for m in exc.messages)


@dataclass
class _Lookups:
    ranks: dict[tuple[str, str], Rank]
    opd_by_key: dict[str, Opd]
    units: dict[tuple[int, str], list[Unit]]
    roots: dict[int, Unit]
    positions: dict[tuple[int, str], Position]
    heads: dict[int, Position]
    employees: dict[str, Employee]
    user_nip_by_login: dict[str, str | None]
    user_nip_by_email: dict[str, str | None]


def _lookups(rows: list[ImportRow]) -> _Lookups:
    user_model = get_user_model()
    ranks = {(r.scheme, r.code): r for r in Rank.objects.all()}
    opds = list(Opd.objects.all())
    opd_by_key: dict[str, Opd] = {}
    for opd in opds:
        opd_by_key.setdefault(opd.name.lower(), opd)
        opd_by_key[opd.code.lower()] = opd
    wanted_opds = {
        opd_by_key[row.values.get("OPD", "").lower()].pk
        for row in rows
        if row.values.get("OPD", "").lower() in opd_by_key
    }
    units: dict[tuple[int, str], list[Unit]] = {}
    roots: dict[int, Unit] = {}
    unit_list = list(Unit.objects.filter(opd_id__in=wanted_opds).select_related("opd"))
    for unit in unit_list:
        units.setdefault((unit.opd_id, unit.name.lower()), []).append(unit)
        if unit.parent_id is None:
            roots[unit.opd_id] = unit
    positions: dict[tuple[int, str], Position] = {}
    heads: dict[int, Position] = {}
    for position in Position.objects.filter(unit__opd_id__in=wanted_opds):
        positions.setdefault((position.unit_id, position.name.lower()), position)
        if position.is_head:
            heads[position.unit_id] = position
    # Only well-formed numbers are looked up: a cell may hold anything, even a NUL byte, and
    # PostgreSQL refuses those in a query.
    nips = sorted(
        nip
        for nip in {row.values.get("NIP", "") for row in rows}
        | {row.values.get("NIP_ATASAN", "") for row in rows}
        if nip.isascii() and nip.isdigit()
    )
    employees: dict[str, Employee] = {}
    logins: dict[str, str | None] = {}
    for chunk in _chunks(nips):
        for employee in Employee.objects.filter(nip__in=chunk).select_related("user"):
            employees[employee.nip] = employee
        # Who already uses each NIP as their login (the account made for it is reused).
        for username, nip in user_model.objects.filter(username__in=chunk).values_list(
            "username", "nip"
        ):
            logins[username] = nip
    emails = sorted({row.values.get("EMAIL", "").lower() for row in rows} - {""})
    by_email: dict[str, str | None] = {}
    for chunk in _chunks(emails):
        for email, nip in (
            user_model.objects.annotate(email_lower=Lower("email"))
            .filter(email_lower__in=chunk)
            .values_list("email_lower", "nip")
        ):
            by_email[email] = nip
    return _Lookups(ranks, opd_by_key, units, roots, positions, heads, employees, logins, by_email)


def rows_validate(rows: list[ImportRow]) -> None:
    """Resolve each row and record every problem on it (messages name the column)."""
    look = _lookups(rows)
    first_line_of_nip: dict[str, int] = {}
    first_line_of_email: dict[str, int] = {}
    # A position that the file creates, as first described: (unit pk, name) -> (kind, head, line)
    new_positions: dict[tuple[int, str], tuple[str, bool, str, int]] = {}
    new_heads: dict[int, tuple[str, int]] = {}
    nips_in_file = {row.values.get("NIP", "") for row in rows}

    for row in rows:
        v = row.values
        # NIP
        nip = v.get("NIP", "")
        if nip == _IMPRECISE:
            row.error(
                _(
                    "NIP: tertulis sebagai angka di Excel sehingga digit terakhirnya hilang; "
                    "format kolom NIP sebagai Teks lalu ketik ulang."
                )
            )
        elif not nip:
            row.error(_("NIP wajib diisi."))
        else:
            try:
                row.nip = parse_nip(nip).value
            except ValidationError as exc:
                row.error(_("NIP: %(msg)s") % {"msg": _validation_text(exc)})
            else:
                if row.nip in first_line_of_nip:
                    row.error(
                        _("NIP %(nip)s sudah muncul di baris %(line)d.")
                        % {"nip": row.nip, "line": first_line_of_nip[row.nip]}
                    )
                else:
                    first_line_of_nip[row.nip] = row.line
                row.existing = look.employees.get(row.nip)
                login_owner = look.user_nip_by_login.get(row.nip, row.nip)
                if login_owner != row.nip:
                    row.error(
                        _("NIP %(nip)s sudah dipakai sebagai nama pengguna akun lain.")
                        % {"nip": row.nip}
                    )
        # NAMA
        row.full_name = " ".join(v.get("NAMA", "").split())
        if not row.full_name:
            row.error(_("NAMA wajib diisi."))
        elif len(row.full_name) > 150:
            row.error(_("NAMA terlalu panjang (paling banyak 150 karakter)."))
        # EMAIL
        email = v.get("EMAIL", "").lower()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                row.error(_("EMAIL tidak sah: %(email)s.") % {"email": v.get("EMAIL", "")})
            else:
                row.email = email
                if email in first_line_of_email:
                    row.error(
                        _("EMAIL %(email)s sudah dipakai di baris %(line)d.")
                        % {"email": email, "line": first_line_of_email[email]}
                    )
                else:
                    first_line_of_email[email] = row.line
                if email in look.user_nip_by_email and look.user_nip_by_email[email] != (
                    row.nip or nip
                ):
                    row.error(_("EMAIL %(email)s sudah dipakai akun lain.") % {"email": email})
        # JENIS_PEGAWAI and GOLONGAN
        employment = v.get("JENIS_PEGAWAI", "").lower()
        if employment not in Employee.EmploymentType.values:
            row.error(
                _("JENIS_PEGAWAI harus PNS atau PPPK (tertulis: %(value)s).")
                % {"value": v.get("JENIS_PEGAWAI", "") or "—"}
            )
        else:
            row.employment_type = employment
        rank_code = _normalize_rank(v.get("GOLONGAN", ""))
        if not rank_code:
            row.error(_("GOLONGAN wajib diisi."))
        elif row.employment_type:
            row.rank = look.ranks.get((row.employment_type, rank_code))
            if row.rank is None:
                other = "pppk" if row.employment_type == "pns" else "pns"
                if (other, rank_code) in look.ranks:
                    row.error(
                        _(
                            "GOLONGAN %(rank)s adalah golongan %(other)s, tidak sesuai dengan "
                            "JENIS_PEGAWAI %(type)s."
                        )
                        % {
                            "rank": rank_code,
                            "other": other.upper(),
                            "type": row.employment_type.upper(),
                        }
                    )
                else:
                    row.error(
                        _("GOLONGAN %(rank)s tidak dikenal untuk %(type)s.")
                        % {"rank": v.get("GOLONGAN", ""), "type": row.employment_type.upper()}
                    )
        # OPD and UNIT_KERJA
        opd_key = v.get("OPD", "")
        row.opd = look.opd_by_key.get(opd_key.lower())
        if not opd_key:
            row.error(_("OPD wajib diisi."))
        elif row.opd is None:
            row.error(
                _("OPD tidak ditemukan: %(opd)s (tulis kode OPD atau nama lengkapnya).")
                % {"opd": opd_key}
            )
        else:
            unit_name = v.get("UNIT_KERJA", "")
            if not unit_name:
                row.unit = look.roots.get(row.opd.pk)
                if row.unit is None:
                    row.error(_("OPD %(opd)s belum memiliki unit kerja.") % {"opd": row.opd})
            else:
                candidates = look.units.get((row.opd.pk, unit_name.lower()), [])
                if len(candidates) == 1:
                    row.unit = candidates[0]
                elif not candidates:
                    row.error(
                        _("UNIT_KERJA tidak ditemukan di %(opd)s: %(unit)s.")
                        % {"opd": row.opd.short_name or row.opd.name, "unit": unit_name}
                    )
                else:
                    row.error(
                        _("UNIT_KERJA %(unit)s ada %(n)d kali di %(opd)s; hubungi admin platform.")
                        % {"unit": unit_name, "n": len(candidates), "opd": row.opd.name}
                    )
        # JABATAN, JENIS_JABATAN, ESELON, KEPALA_UNIT
        row.position_name = " ".join(v.get("JABATAN", "").split())
        if not row.position_name:
            row.error(_("JABATAN wajib diisi."))
        elif len(row.position_name) > 200:
            row.error(_("JABATAN terlalu panjang (paling banyak 200 karakter)."))
        kind = v.get("JENIS_JABATAN", "").lower()
        if kind not in Position.Kind.values:
            row.error(
                _(
                    "JENIS_JABATAN harus struktural, fungsional, atau pelaksana (tertulis: %(value)s)."
                )
                % {"value": v.get("JENIS_JABATAN", "") or "—"}
            )
            kind = ""
        row.position_kind = kind
        echelon = _normalize_echelon(v.get("ESELON", ""))
        if echelon and echelon not in Position.Echelon.values:
            row.error(
                _("ESELON tidak dikenal: %(value)s (contoh: III.a).") % {"value": v.get("ESELON")}
            )
            echelon = ""
        if echelon and kind and kind != Position.Kind.STRUCTURAL:
            row.error(_("ESELON hanya untuk jabatan struktural."))
        row.echelon = echelon
        head_text = v.get("KEPALA_UNIT", "").upper()
        head_given = bool(head_text)
        if head_text in _YES:
            row.is_head = True
        elif head_text not in _NO:
            row.error(_("KEPALA_UNIT harus Y atau N (tertulis: %(value)s).") % {"value": head_text})
        if row.is_head and kind and kind != Position.Kind.STRUCTURAL:
            row.error(_("Hanya jabatan struktural yang dapat menjadi kepala unit."))
        if row.unit is not None and row.position_name and kind:
            _resolve_position(row, look, head_given, echelon, new_positions, new_heads)
        if row.is_head and row.employment_type == Employee.EmploymentType.PPPK:
            row.error(_("PPPK tidak dapat menduduki jabatan kepala unit."))
        # NIP_ATASAN
        boss = v.get("NIP_ATASAN", "")
        if boss == _IMPRECISE:
            row.error(_("NIP_ATASAN: tertulis sebagai angka di Excel; format kolom sebagai Teks."))
        elif boss:
            try:
                row.supervisor_nip = parse_nip(boss).value
            except ValidationError as exc:
                row.error(_("NIP_ATASAN: %(msg)s") % {"msg": _validation_text(exc)})
            else:
                if row.supervisor_nip == row.nip:
                    row.error(_("NIP_ATASAN tidak boleh sama dengan NIP pegawai itu sendiri."))
                elif row.supervisor_nip not in nips_in_file and (
                    row.supervisor_nip not in look.employees
                ):
                    row.error(
                        _("NIP_ATASAN %(nip)s tidak ada di berkas ini maupun di data pegawai.")
                        % {"nip": row.supervisor_nip}
                    )


def _resolve_position(row, look, head_given, echelon, new_positions, new_heads) -> None:
    key = (row.unit.pk, row.position_name.lower())
    existing = look.positions.get(key)
    kind = row.position_kind
    if existing is not None:
        row.position = existing
        if existing.kind != kind:
            row.error(
                _("JABATAN %(name)s sudah ada sebagai jabatan %(kind)s, bukan %(given)s.")
                % {
                    "name": existing.name,
                    "kind": existing.get_kind_display().lower(),
                    "given": kind,
                }
            )
        if head_given and existing.is_head != row.is_head:
            row.error(
                _("KEPALA_UNIT tidak sesuai: jabatan %(name)s %(state)s kepala unit.")
                % {
                    "name": existing.name,
                    "state": _("adalah") if existing.is_head else _("bukan"),
                }
            )
        row.is_head = existing.is_head
        if echelon and existing.echelon and echelon != existing.echelon:
            row.error(
                _("ESELON tidak sesuai: jabatan %(name)s bereselon %(echelon)s.")
                % {"name": existing.name, "echelon": existing.echelon}
            )
        row.echelon = existing.echelon
        return
    described = new_positions.get(key)
    if described is not None:
        first_kind, first_head, first_echelon, first_line = described
        if (first_kind, first_head, first_echelon) != (kind, row.is_head, echelon):
            row.error(
                _(
                    "Jabatan baru %(name)s dijelaskan berbeda di baris %(line)d "
                    "(JENIS_JABATAN, ESELON, atau KEPALA_UNIT)."
                )
                % {"name": row.position_name, "line": first_line}
            )
        return
    new_positions[key] = (kind, row.is_head, echelon, row.line)
    if row.is_head:
        current = look.heads.get(row.unit.pk)
        if current is not None:
            row.error(
                _("Unit %(unit)s sudah memiliki jabatan kepala: %(head)s.")
                % {"unit": row.unit.name, "head": current.name}
            )
        elif row.unit.pk in new_heads:
            name, line = new_heads[row.unit.pk]
            row.error(
                _("Baris %(line)d sudah menetapkan %(head)s sebagai kepala unit %(unit)s.")
                % {"line": line, "head": name, "unit": row.unit.name}
            )
        else:
            new_heads[row.unit.pk] = (row.position_name, row.line)


def read_preview(*, file: IO[bytes] | bytes, filename: str) -> ImportPreview:
    preview = ImportPreview(filename=filename)
    try:
        table = read_table(file=file, filename=filename)
        preview.columns, preview.rows = rows_from_table(table)
    except ImportFileError as exc:
        preview.file_errors.append(str(exc.message))
        return preview
    rows_validate(preview.rows)
    return preview


def preview_from_dicts(rows: list[dict[str, str]], *, filename: str = "") -> ImportPreview:
    """A preview of rows given as dicts keyed by column (the demo seed and tests use this)."""
    given = {_column_name(k) for row in rows for k in row}
    if given - set(ALL_COLUMNS):
        raise ValueError(f"unknown columns: {sorted(given - set(ALL_COLUMNS))}")
    # Only the columns the rows use: an absent NIP_ATASAN leaves overrides alone.
    header = [c for c in ALL_COLUMNS if c in given or c in REQUIRED_COLUMNS]
    table = [(1, header)]
    for number, row in enumerate(rows, start=2):
        normalized = {_column_name(k): value for k, value in row.items()}
        table.append((number, [str(normalized.get(c, "") or "") for c in header]))
    preview = ImportPreview(filename=filename)
    try:
        preview.columns, preview.rows = rows_from_table(table)
    except ImportFileError as exc:
        preview.file_errors.append(str(exc.message))
        return preview
    rows_validate(preview.rows)
    return preview


def preview_recheck(preview: ImportPreview) -> ImportPreview:
    """The same lines checked again against the database as it is now."""
    fresh = ImportPreview(
        filename=preview.filename,
        columns=list(preview.columns),
        rows=[ImportRow(line=row.line, values=dict(row.values)) for row in preview.rows],
        file_errors=list(preview.file_errors),
    )
    if not fresh.file_errors:
        # Errors found while reading lines (e.g. surplus cells) are not database checks: keep them.
        for old, new in zip(preview.rows, fresh.rows, strict=True):
            new.errors = [e for e in old.errors if e == str(_SURPLUS_CELLS)]
        rows_validate(fresh.rows)
    return fresh


def template_csv() -> str:
    """A CSV with the header and two example lines, offered for download on the upload page."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(ALL_COLUMNS)
    writer.writerow(
        [
            "198503122010011001",
            "Agus Setiawan, S.Kom.",
            "",
            "PNS",
            "III/c",
            "diskominfo",
            "Bidang E-Government",
            "Pranata Komputer Ahli Muda",
            "fungsional",
            "",
            "N",
            "",
        ]
    )
    writer.writerow(
        [
            "199207252022032001",
            "Dewi Lestari, S.Kom.",
            "dewi.lestari@contoh.go.id",
            "PPPK",
            "IX",
            "Dinas Komunikasi, Informatika, Statistik dan Persandian",
            "Bidang E-Government",
            "Pranata Komputer Ahli Pertama",
            "fungsional",
            "",
            "N",
            "198503122010011001",
        ]
    )
    return out.getvalue()
