"""Reading an uploaded ZIP without trusting it: the archive's size, the number of members, the
unpacked size (read, never the sizes the archive declares: zip bombs), paths that would leave
the archive (``..``, absolute, drive letters, backslashes), symbolic links, duplicates and
encrypted or damaged members are refused with an ``InvalidInput`` naming ``field``.

The checks are those elearning's SCORM upload made first (``elearning/scorm.py``), here for
every app that reads a ZIP.
"""

from __future__ import annotations

import io
import posixpath
import stat
import zipfile

from django.utils.translation import gettext as _

from .errors import InvalidInput
from .uploads import read_limited

MAX_PATH_LENGTH = 250


def safe_member_path(name: str) -> str | None:
    """The member's path inside the archive, or None when it would leave the archive."""
    if not name or "\x00" in name or "\\" in name or len(name) > MAX_PATH_LENGTH:
        return None
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return None
    parts = name.split("/")
    if any(part in ("..", ".") for part in parts):
        return None
    normal = posixpath.normpath(name)
    if normal.startswith(("..", "/")) or normal == ".":
        return None
    return normal


def is_symlink(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _refuse(field: str, message: str, code: str) -> InvalidInput:
    return InvalidInput(errors={field: [message]}, code=code)


def _megabytes(size: int) -> str:
    return f"{size // (1024 * 1024)}"


def read_zip(
    upload, *, field: str, max_zip_size: int, max_total_size: int, max_files: int
) -> dict[str, bytes]:
    """Every file of the ZIP by its safe path, or ``InvalidInput`` saying what is wrong."""
    content = read_limited(upload, limit=max_zip_size)
    if len(content) > max_zip_size:
        raise _refuse(
            field,
            _("Arsip terlalu besar (paling besar %(size)s MB).")
            % {"size": _megabytes(max_zip_size)},
            "zip_too_large",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse(field, _("Berkas ini bukan arsip ZIP yang utuh."), "not_a_zip") from None
    members = [info for info in infos if not info.is_dir()]
    if len(members) > max_files:
        raise _refuse(
            field,
            _("Arsip berisi terlalu banyak berkas (paling banyak %(n)s).") % {"n": max_files},
            "too_many_files",
        )
    files: dict[str, bytes] = {}
    total = 0
    for info in members:
        path = safe_member_path(info.filename)
        if path is None or is_symlink(info):
            raise _refuse(
                field,
                _("Arsip memuat jalur di luar arsip atau tautan simbolik: %(name)s")
                % {"name": info.filename[:100]},
                "path_outside_archive",
            )
        if path in files:
            raise _refuse(
                field, _("Arsip memuat berkas ganda: %(name)s") % {"name": path}, "duplicate_path"
            )
        budget = max_total_size - total
        try:
            with archive.open(info) as member:
                data = member.read(budget + 1)  # never trust the sizes the zip declares
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError):
            raise _refuse(
                field,
                _("Berkas %(name)s di dalam arsip rusak atau terenkripsi.") % {"name": path},
                "bad_member",
            ) from None
        total += len(data)
        if total > max_total_size:
            raise _refuse(
                field,
                _("Isi arsip setelah diekstrak terlalu besar (paling besar %(size)s MB).")
                % {"size": _megabytes(max_total_size)},
                "unpacked_too_large",
            )
        files[path] = data
    return files
