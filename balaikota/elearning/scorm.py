"""SCORM 1.2 packages: check an uploaded zip before anything of it is kept, and the runtime's
vocabulary the commit endpoint accepts.

The manifest is parsed by the standard library's expat with every document type declaration
refused: entity expansion (billion laughs, quadratic blow-up) and external entities (XXE) need
a DTD to declare their entities, so a manifest that has none cannot trigger either; expat never
fetches anything over the network by itself. (defusedxml, which does the same, is not installed.)
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from xml.etree import ElementTree
from xml.parsers import expat

from django.utils.translation import gettext_lazy as _

from balaikota.core.errors import InvalidInput
from balaikota.core.uploads import read_limited
from balaikota.core.zips import is_symlink, safe_member_path

MAX_ZIP_SIZE = 100 * 1024 * 1024
MAX_TOTAL_SIZE = 250 * 1024 * 1024  # unpacked
MAX_FILES = 3000
MAX_MANIFEST_SIZE = 2 * 1024 * 1024
MAX_PATH_LENGTH = 250

#: cmi.core.lesson_status of SCORM 1.2 (RTE 3.4.4): nothing else is recorded.
LESSON_STATUSES = frozenset(
    {"passed", "completed", "failed", "incomplete", "browsed", "not attempted"}
)
DONE_STATUSES = frozenset({"passed", "completed"})
#: What a learner reads for each status (the vocabulary itself stays SCORM's).
STATUS_LABELS = {
    "passed": _("lulus"),
    "completed": _("selesai"),
    "failed": _("belum lulus"),
    "incomplete": _("belum selesai"),
    "browsed": _("sudah dilihat"),
    "not attempted": _("belum dibuka"),
}
MAX_SUSPEND_DATA = 4096  # SCORM 1.2: CMIString4096
MAX_LOCATION = 255


@dataclass(frozen=True)
class CheckedPackage:
    title: str
    launch_path: str
    files: tuple[tuple[str, bytes], ...]
    total_size: int
    sha256: str


def _refuse(message, code: str) -> InvalidInput:
    return InvalidInput(errors={"package": [message]}, code=code)


# The path and symlink checks are shared with every ZIP reader (core/zips.py).
_safe_path = safe_member_path
_is_symlink = is_symlink


def check_package(upload) -> CheckedPackage:
    """Everything the server needs from a SCORM 1.2 zip, or ``InvalidInput`` saying what is wrong."""
    content = read_limited(upload, limit=MAX_ZIP_SIZE)
    if len(content) > MAX_ZIP_SIZE:
        raise _refuse(_("Paket terlalu besar (paling besar 100 MB)."), "package_too_large")
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse(_("Berkas ini bukan arsip ZIP yang utuh."), "not_a_zip") from None
    members = [info for info in infos if not info.is_dir()]
    if len(members) > MAX_FILES:
        raise _refuse(
            _("Paket berisi terlalu banyak berkas (paling banyak %(n)s).") % {"n": MAX_FILES},
            "too_many_files",
        )
    files: dict[str, bytes] = {}
    total = 0
    for info in members:
        path = _safe_path(info.filename)
        if path is None or _is_symlink(info):
            raise _refuse(
                _("Paket memuat jalur di luar paket atau tautan simbolik: %(name)s")
                % {"name": info.filename[:100]},
                "path_outside_package",
            )
        if path in files:
            raise _refuse(
                _("Paket memuat berkas ganda: %(name)s") % {"name": path}, "duplicate_path"
            )
        budget = MAX_TOTAL_SIZE - total
        try:
            with archive.open(info) as member:
                data = member.read(budget + 1)  # never trust the sizes the zip declares
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError):
            raise _refuse(
                _("Berkas %(name)s di dalam paket rusak atau terenkripsi.") % {"name": path},
                "bad_member",
            ) from None
        total += len(data)
        if total > MAX_TOTAL_SIZE:
            raise _refuse(
                _("Isi paket setelah diekstrak terlalu besar (paling besar 250 MB)."),
                "unpacked_too_large",
            )
        files[path] = data
    manifest = files.get("imsmanifest.xml")
    if manifest is None:
        raise _refuse(
            _("Berkas imsmanifest.xml tidak ada di akar paket; ini bukan paket SCORM."),
            "no_manifest",
        )
    title, launch = _read_manifest(manifest)
    if launch not in files:
        raise _refuse(
            _("Berkas peluncuran %(name)s yang disebut manifes tidak ada di dalam paket.")
            % {"name": launch},
            "launch_missing",
        )
    return CheckedPackage(
        title=title,
        launch_path=launch,
        files=tuple(sorted(files.items())),
        total_size=total,
        sha256=hashlib.sha256(content).hexdigest(),
    )


class _Refused(Exception):
    pass


def _refuse_declaration(*args) -> None:
    raise _Refused


def parse_xml(data: bytes) -> ElementTree.Element:
    """Parse ``data`` with expat into an ElementTree, DTDs (and so every entity declaration)
    refused; element names keep their namespace as ``uri}local``."""
    builder = ElementTree.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_declaration
    parser.EntityDeclHandler = _refuse_declaration
    parser.UnparsedEntityDeclHandler = _refuse_declaration
    parser.ExternalEntityRefHandler = _refuse_declaration
    parser.StartElementHandler = lambda name, attributes: builder.start(name, attributes)
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    parser.Parse(data, True)
    return builder.close()


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attribute(element: ElementTree.Element, name: str) -> str:
    """An attribute by its local name, case-insensitively (``adlcp:scormtype``/``scormType``)."""
    for key, value in element.attrib.items():
        if _local(key).lower() == name.lower():
            return value.strip()
    return ""


def _read_manifest(data: bytes) -> tuple[str, str]:
    if len(data) > MAX_MANIFEST_SIZE:
        raise _refuse(_("imsmanifest.xml terlalu besar."), "manifest_too_large")
    try:
        root = parse_xml(data)
    except _Refused:
        raise _refuse(
            _("imsmanifest.xml memuat deklarasi DOCTYPE atau entitas; itu tidak diterima."),
            "manifest_doctype",
        ) from None
    except expat.ExpatError as exc:
        raise _refuse(
            _("imsmanifest.xml bukan XML yang sah (%(error)s).") % {"error": str(exc)[:120]},
            "manifest_invalid",
        ) from None
    if _local(root.tag) != "manifest":
        raise _refuse(_("Akar imsmanifest.xml harus elemen <manifest>."), "manifest_invalid")
    resources = {}
    for element in root.iter():
        if _local(element.tag) == "resource":
            resources[_attribute(element, "identifier")] = element
    title = ""
    referenced: list[str] = []
    for element in root.iter():
        name = _local(element.tag)
        if name == "title" and not title and (element.text or "").strip():
            title = element.text.strip()[:200]
        if name == "item" and _attribute(element, "identifierref"):
            referenced.append(_attribute(element, "identifierref"))
    # The first item's SCO, else the first SCO resource with an address.
    candidates = [resources[ref] for ref in referenced if ref in resources] + list(
        resources.values()
    )
    for resource in candidates:
        if _attribute(resource, "scormtype").lower() != "sco":
            continue
        href = _attribute(resource, "href").split("?", 1)[0].split("#", 1)[0]
        if not href:
            continue
        base = _attribute(resource, "base")
        path = _safe_path(posixpath.join(base, href) if base else href)
        if path is None:
            raise _refuse(
                _("Alamat peluncuran di manifes keluar dari paket: %(href)s")
                % {"href": href[:100]},
                "path_outside_package",
            )
        return title or _("Paket SCORM"), path
    raise _refuse(
        _(
            'Manifes tidak menyebut satu pun SCO yang dapat diluncurkan (resource adlcp:scormtype="sco" dengan href).'
        ),
        "no_sco",
    )


@dataclass(frozen=True)
class Commit:
    lesson_status: str
    score_raw: Decimal | None
    lesson_location: str
    suspend_data: str


def parse_commit(data: object) -> Commit:
    """What scorm-again sends (``{"cmi": {"core": {...}, "suspend_data": "..."}}``), checked."""
    cmi = data.get("cmi") if isinstance(data, dict) else None
    if not isinstance(cmi, dict):
        raise InvalidInput(_("Data SCORM tidak dikenali."), code="scorm_bad_commit")
    core = cmi.get("core") if isinstance(cmi.get("core"), dict) else {}
    errors: dict[str, list] = {}
    status = str(core.get("lesson_status") or "not attempted").strip().lower()
    if status not in LESSON_STATUSES:
        errors["lesson_status"] = [
            _("Status pelajaran SCORM tidak dikenal: %(v)s") % {"v": status[:40]}
        ]
    score = None
    raw = (core.get("score") or {}).get("raw") if isinstance(core.get("score"), dict) else None
    if raw not in (None, ""):
        try:
            score = Decimal(str(raw))
        except InvalidOperation:
            score = None
            errors["score_raw"] = [_("Nilai SCORM harus angka 0–100.")]
        else:
            if not score.is_finite() or not Decimal(0) <= score <= Decimal(100):
                errors["score_raw"] = [_("Nilai SCORM harus angka 0–100.")]
            else:
                score = score.quantize(Decimal("0.01"))
    suspend = cmi.get("suspend_data") or ""
    location = core.get("lesson_location") or ""
    if not isinstance(suspend, str) or len(suspend) > MAX_SUSPEND_DATA:
        errors["suspend_data"] = [_("suspend_data paling panjang 4096 karakter.")]
    if not isinstance(location, str) or len(location) > MAX_LOCATION:
        errors["lesson_location"] = [_("lesson_location paling panjang 255 karakter.")]
    if errors:
        raise InvalidInput(errors=errors, code="scorm_bad_commit")
    return Commit(status, score, location, suspend)
