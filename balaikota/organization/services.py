"""Writes on the organisation: loading areas, ranks and agencies, and importing civil servants."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from balaikota.accounts.services import employee_account_provision

from . import imports
from .data.ranks import rank_rows
from .data.semarang_opd import SEMARANG_OPDS, OpdSpec, UnitSpec, kecamatan_spec
from .imports import ImportPreview
from .models import District, Employee, Opd, Position, Province, Rank, Regency, Unit, Village

AREA_DATA_DIR = Path(__file__).resolve().parent / "data" / "idn-area-data"
SEMARANG = "33.74"

# --- Administrative areas ------------------------------------------------------------------------


@dataclass
class AreaLoadResult:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())


def _area_rows(path: Path) -> Iterator[list[str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)  # header
        yield from reader


def _area_upsert(model, parent_field: str | None, rows: Iterable[list[str]], existing_qs):
    """Create missing rows and update renamed ones; untouched rows cost nothing."""
    fields = ["name"] + ([f"{parent_field}_id"] if parent_field else [])
    existing = {row[0]: row[1:] for row in existing_qs.values_list("code", *fields)}
    to_create, to_update = [], []
    for row in rows:
        code, name = row[0], row[-1]
        values = [name] + ([row[1]] if parent_field else [])
        current = existing.get(code)
        if current is None:
            to_create.append(model(code=code, **dict(zip(fields, values, strict=True))))
            existing[code] = values
        elif list(current) != values:
            to_update.append(model(code=code, **dict(zip(fields, values, strict=True))))
    model.objects.bulk_create(to_create, batch_size=5000)
    model.objects.bulk_update(to_update, fields, batch_size=500)
    return len(to_create), len(to_update)


@transaction.atomic
def areas_load(*, regency: str | None = None, data_dir: Path = AREA_DATA_DIR) -> AreaLoadResult:
    """Load idn-area-data (4.0.1, ODbL): all provinces and regencies, and the districts and villages
    of one regency (``"33.74"``) or of all Indonesia. Idempotent: a second run changes nothing."""
    result = AreaLoadResult()
    steps = [
        ("provinces", Province, None, "provinces.csv", Province.objects.all(), None),
        ("regencies", Regency, "province", "regencies.csv", Regency.objects.all(), None),
        (
            "districts",
            District,
            "regency",
            "districts.csv",
            District.objects.filter(regency_id=regency) if regency else District.objects.all(),
            regency,
        ),
        (
            "villages",
            Village,
            "district",
            "villages.csv.gz",
            (
                Village.objects.filter(code__startswith=f"{regency}.")
                if regency
                else Village.objects.all()
            ),
            regency,
        ),
    ]
    for label, model, parent_field, filename, existing_qs, prefix in steps:
        rows: Iterable[list[str]] = _area_rows(data_dir / filename)
        if prefix:
            rows = (row for row in rows if row[0].startswith(f"{prefix}."))
        created, updated = _area_upsert(model, parent_field, rows, existing_qs)
        result.created[label], result.updated[label] = created, updated
    return result


# --- Ranks -----------------------------------------------------------------------------------------


@transaction.atomic
def ranks_load() -> int:
    """Make sure every golongan exists with its pangkat (the data migration does this too)."""
    existing = {(r.scheme, r.code): r for r in Rank.objects.all()}
    changed = 0
    for row in rank_rows():
        rank = existing.get((row["scheme"], row["code"]))
        if rank is None:
            Rank.objects.create(**row)
            changed += 1
        elif (rank.title, rank.order) != (row["title"], row["order"]):
            rank.title, rank.order = row["title"], row["order"]
            rank.save(update_fields=["title", "order"])
            changed += 1
    return changed


# --- Agencies, units and positions ---------------------------------------------------------------


@dataclass
class OpdLoadResult:
    opds_created: int = 0
    units_created: int = 0
    positions_created: int = 0
    updated: int = 0


class AreaDataMissing(Exception):
    pass


def semarang_opd_specs() -> list[OpdSpec]:
    """The city's agencies plus one office per kecamatan of Kota Semarang (from the area data)."""
    districts = District.objects.filter(regency_id=SEMARANG).order_by("code")
    return list(SEMARANG_OPDS) + [
        kecamatan_spec(d.code, d.name, showcase=d.code == f"{SEMARANG}.01") for d in districts
    ]


@transaction.atomic
def opd_structure_load(
    *, specs: list[OpdSpec] | None = None, regency_code: str = SEMARANG
) -> OpdLoadResult:
    """Create or update the agencies, their unit trees and positions. Idempotent; nothing is
    deleted, so units and positions added by hand stay."""
    regency = Regency.objects.filter(code=regency_code).first()
    if regency is None or not District.objects.filter(regency=regency).exists():
        raise AreaDataMissing(regency_code)
    specs = specs if specs is not None else semarang_opd_specs()
    result = OpdLoadResult()
    for spec in specs:
        _opd_load(spec, regency, result)
    return result


def _opd_load(spec: OpdSpec, regency: Regency, result: OpdLoadResult) -> Opd:
    opd = Opd.objects.filter(code=spec.code).first() or Opd.objects.filter(name=spec.name).first()
    wanted = {
        "code": spec.code,
        "name": spec.name,
        "short_name": spec.short_name,
        "kind": spec.kind,
        "regency_id": regency.pk,
        "district_id": spec.district_code,
    }
    if opd is None:
        opd = Opd.objects.create(**wanted)
        result.opds_created += 1
    else:
        changed = [f for f, value in wanted.items() if getattr(opd, f) != value]
        if changed:
            for f in changed:
                setattr(opd, f, wanted[f])
            opd.save(update_fields=[*changed, "updated_at"])
            result.updated += 1
    units = {(u.parent_id, u.name): u for u in opd.units.all()}
    positions = {(p.unit_id, p.name): p for p in Position.objects.filter(unit__opd=opd)}
    heads = {p.unit_id: p for p in positions.values() if p.is_head}
    new_positions: list[Position] = []
    _unit_load(spec.root, None, opd, units, positions, heads, new_positions, result)
    Position.objects.bulk_create(new_positions)
    result.positions_created += len(new_positions)
    return opd


def _unit_load(
    spec: UnitSpec, parent: Unit | None, opd: Opd, units, positions, heads, new_positions, result
):
    parent_id = parent.pk if parent else None
    unit = units.get((parent_id, spec.name))
    if unit is None and parent is None:
        # An agency made by hand already has its root unit (one per OPD), whatever its name.
        unit = next((u for (p, _n), u in units.items() if p is None), None)
    if unit is None:
        unit = Unit.objects.create(opd=opd, parent=parent, name=spec.name)
        units[(parent_id, spec.name)] = unit
        result.units_created += 1
    current_head = heads.get(unit.pk)
    if current_head is not None and current_head.name != spec.head:
        # The structure names a different head post: the old one stays as a non-head position.
        current_head.is_head = False
        current_head.save(update_fields=["is_head", "updated_at"])
        result.updated += 1
    wanted = [(spec.head, "struktural", spec.echelon, True)]
    wanted += [(name, kind, "", False) for name, kind in spec.staff]
    for name, kind, echelon, is_head in wanted:
        position = positions.get((unit.pk, name))
        if position is None:
            position = Position(unit=unit, name=name, kind=kind, echelon=echelon, is_head=is_head)
            positions[(unit.pk, name)] = position
            new_positions.append(position)
        elif (position.kind, position.echelon, position.is_head) != (kind, echelon, is_head):
            position.kind, position.echelon, position.is_head = kind, echelon, is_head
            position.save(update_fields=["kind", "echelon", "is_head", "updated_at"])
            result.updated += 1
    for child in spec.children:
        _unit_load(child, unit, opd, units, positions, heads, new_positions, result)
    return unit


# --- Import of civil servants (SIASN-style CSV/XLSX) ---------------------------------------------


class ImportRejected(Exception):
    """At least one line has an error (or the file was rejected): nothing was imported."""

    def __init__(self, preview: ImportPreview) -> None:
        super().__init__(f"{preview.error_count} line(s) with errors")
        self.preview = preview


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    positions_created: int = 0
    accounts_created: int = 0


def employees_import_preview(*, file: IO[bytes] | bytes, filename: str) -> ImportPreview:
    """Read and check a CSV/XLSX file of civil servants; every line gets its errors. No writes."""
    return imports.read_preview(file=file, filename=filename)


@transaction.atomic
def employees_import_commit(
    *,
    actor,
    preview: ImportPreview | None = None,
    rows: list[dict[str, str]] | None = None,
) -> ImportResult:
    """Import every line or none. The lines are checked again inside the transaction, so a preview
    made earlier cannot smuggle in what the database no longer allows. ``actor`` None: a
    management command acting for the platform."""
    if actor is not None and not actor.has_perm("organization.import_employees"):
        raise PermissionDenied
    if (preview is None) == (rows is None):
        raise TypeError("pass either preview or rows")
    if rows is not None:
        checked = imports.preview_from_dicts(rows)
    else:
        checked = imports.preview_recheck(preview)
    if not checked.is_valid:
        raise ImportRejected(checked)

    result = ImportResult(rows=len(checked.rows))
    unchanged: set[str] = set()
    created_positions: dict[tuple[int, str], Position] = {}
    employees: dict[str, Employee] = {}
    for row in checked.rows:
        position = row.position
        if position is None:
            key = (row.unit.pk, row.position_name.lower())
            position = created_positions.get(key)
            if position is None:
                position = Position.objects.create(
                    unit=row.unit,
                    name=row.position_name,
                    kind=row.position_kind,
                    echelon=row.echelon,
                    is_head=row.is_head,
                )
                created_positions[key] = position
                result.positions_created += 1
        had_account = row.existing is not None or _account_exists(row.nip)
        user = employee_account_provision(nip=row.nip, full_name=row.full_name, email=row.email)
        if not had_account:
            result.accounts_created += 1
        wanted = {
            "user_id": user.pk,
            "full_name": row.full_name,
            "employment_type": row.employment_type,
            "rank_id": row.rank.pk,
            "unit_id": row.unit.pk,
            "position_id": position.pk,
            "is_active": True,
        }
        employee = row.existing
        if employee is None:
            employee = Employee.objects.create(nip=row.nip, **wanted)
            result.created += 1
        else:
            changed = [f for f, value in wanted.items() if getattr(employee, f) != value]
            if changed:
                for f in changed:
                    setattr(employee, f, wanted[f])
                employee.save(update_fields=[*changed, "updated_at"])
                result.updated += 1
            else:
                unchanged.add(row.nip)
        employees[row.nip] = employee

    if "NIP_ATASAN" in checked.columns:
        bosses = {r.supervisor_nip for r in checked.rows if r.supervisor_nip} - set(employees)
        known = {e.nip: e for e in Employee.objects.filter(nip__in=bosses)}
        known.update(employees)
        for row in checked.rows:
            employee = employees[row.nip]
            boss_id = known[row.supervisor_nip].pk if row.supervisor_nip else None
            if employee.supervisor_override_id != boss_id:
                employee.supervisor_override_id = boss_id
                employee.save(update_fields=["supervisor_override", "updated_at"])
                if row.nip in unchanged:
                    unchanged.discard(row.nip)
                    result.updated += 1
    result.unchanged = len(unchanged)
    return result


def _account_exists(nip: str) -> bool:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(nip=nip).exists()


# --- Holding an uploaded file between preview and confirmation -----------------------------------

_STASH_DIR = "tmp/impor-asn"
_STASH_SALT = "balaikota.organization.employees_import"
STASH_MAX_AGE = 60 * 60  # seconds a preview may wait for confirmation


def import_upload_stash(*, content: bytes, filename: str, user) -> str:
    """Keep the uploaded bytes in storage and return a signed token naming them (and the user)."""
    _stash_purge_stale()
    suffix = ".xlsx" if filename.lower().endswith(".xlsx") else ".csv"
    path = default_storage.save(f"{_STASH_DIR}/{uuid.uuid4().hex}{suffix}", ContentFile(content))
    return signing.dumps(
        {
            "path": path,
            "name": filename[:200],
            "sha256": hashlib.sha256(content).hexdigest(),
            "user": user.pk,
        },
        salt=_STASH_SALT,
    )


class StashExpired(Exception):
    pass


def import_upload_take(*, token: str, user) -> tuple[bytes, str, str]:
    """The stashed bytes, file name and storage path; raises StashExpired when the token is bad,
    old, someone else's, or the file has gone or changed."""
    try:
        data = signing.loads(token, salt=_STASH_SALT, max_age=STASH_MAX_AGE)
    except signing.BadSignature as exc:
        raise StashExpired from exc
    path = data.get("path", "")
    if data.get("user") != user.pk or not path.startswith(f"{_STASH_DIR}/"):
        raise StashExpired
    try:
        with default_storage.open(path, "rb") as handle:
            content = handle.read(imports.MAX_FILE_BYTES + 1)
    except (FileNotFoundError, OSError) as exc:
        raise StashExpired from exc
    if hashlib.sha256(content).hexdigest() != data.get("sha256"):
        raise StashExpired
    return content, data.get("name", ""), path


def import_upload_discard(*, path: str) -> None:
    if path.startswith(f"{_STASH_DIR}/"):
        default_storage.delete(path)


def _stash_purge_stale() -> None:
    """Remove stashed uploads nobody confirmed (older than a day)."""
    try:
        _dirs, files = default_storage.listdir(_STASH_DIR)
    except (FileNotFoundError, NotImplementedError, OSError):
        return
    cutoff = timezone.now() - dt.timedelta(days=1)
    for name in files:
        path = f"{_STASH_DIR}/{name}"
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
        except (FileNotFoundError, NotImplementedError, OSError):
            continue
