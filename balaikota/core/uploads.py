"""The one way a file enters the platform: read with a size limit, judged by its content (a PDF,
JPEG or PNG without scripts, actions, attachments or hidden HTML), named safely and stored
privately under a random name.

Never trust the file name or the browser's ``Content-Type``: ``check_upload`` looks at the bytes.
Every refusal is an ``InvalidInput`` whose ``code`` is part of the API contract:

``empty``, ``too_large``, ``bad_type`` (unknown type, or a type this requirement does not take),
``corrupt`` (damaged, password-protected, too complex to check, or an image too big to decode),
``active_content`` (PDF JavaScript, launch/submit/import actions, embedded files, rich media, XFA,
or HTML hidden in a PDF/JPEG/PNG), ``svg`` and ``html``.

A PDF is checked twice, because a viewer and a parser may not read a file the same way: pypdf
resolves every object the cross-reference lists (including objects packed in compressed object
streams) and the walk looks at every name in every dictionary and array; the raw bytes (and the
decoded object streams) are also searched for the forbidden names, with ``#xx`` escapes decoded
(``/J#61vaScript`` is ``/JavaScript``). The work is capped so that a hostile file is refused
instead of keeping a worker busy.
"""

from __future__ import annotations

import bisect
import hashlib
import io
import logging
import re
import secrets
import unicodedata
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .errors import InvalidInput

logger = logging.getLogger(__name__)

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
LABELS = {PDF: "PDF", JPEG: "JPEG", PNG: "PNG"}
EXTENSIONS = {PDF: ("pdf",), JPEG: ("jpg", "jpeg"), PNG: ("png",)}

CHUNK_SIZE = 64 * 1024
MAX_NAME_LENGTH = 200
DEFAULT_NAME = "berkas"
MAX_IMAGE_SIDE = 20_000
# A real scan or a form has a few thousand objects; more than this is a file built to exhaust us.
MAX_PDF_OBJECTS = 100_000
MAX_PDF_NODES = 2_000_000
MAX_PDF_DEPTH = 100

# Names whose presence means the PDF can act on its own: run JavaScript, launch a program, send
# or fetch data, carry other files, play rich media, or be an XFA form (which can script itself).
# A plain destination or /GoTo, /GoToR and /URI (ordinary links) are fine.
_PDF_ACTIVE_NAMES = frozenset(
    {
        "JS",
        "JavaScript",
        "Launch",
        "SubmitForm",
        "ImportData",
        "GoToE",
        "EmbeddedFile",
        "EmbeddedFiles",
        "FileAttachment",
        "EF",
        "RichMedia",
        "RichMediaExecute",
        "XFA",
    }
)
_PDF_ACTIVE_PDF_NAMES = frozenset(f"/{name}" for name in _PDF_ACTIVE_NAMES)
# Short names are searched for only outside streams: in 10 MB of compressed image data "/JS"
# followed by a delimiter turns up by chance in a few percent of files; "/Launch" never does.
_PDF_SHORT_NAMES = frozenset(name.encode() for name in _PDF_ACTIVE_NAMES if len(name) < 5)
_PDF_LONG_NAMES = frozenset(name.encode() for name in _PDF_ACTIVE_NAMES if len(name) >= 5)

# A PDF name: a slash and the regular characters after it (delimiters and whitespace end it).
# Only names that can spell an active one are matched: starting with one of their first letters,
# or with a "#xx" escape.
_PDF_NAME = re.compile(
    rb"/([%s#][^\x00\t\n\x0c\r /%%()<>\[\]{}]*)"
    % "".join(sorted({name[0] for name in _PDF_ACTIVE_NAMES})).encode()
)
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")

# What makes a browser treat bytes as a web page. A tag name must be followed by whitespace, "/"
# or ">" (as an HTML parser reads it), which also keeps random image data from matching.
_HTML_MARKERS = re.compile(
    rb"<\s*(?:(?:script|html|iframe|svg|body|object|embed)[\s/>]"
    rb"|!doctype\s+html|meta\s+http-equiv)",
    re.IGNORECASE,
)
_SVG_MARKER = re.compile(rb"<\s*svg[\s/>]", re.IGNORECASE)
_TEXT_HEAD = 64 * 1024

_FOLDER = re.compile(r"[a-z0-9_-]+(?:/[a-z0-9_-]+)*")


@dataclass(frozen=True)
class CheckedUpload:
    """An upload that passed every check: its bytes, what they really are, and a safe name."""

    content: bytes
    content_type: str
    size: int
    sha256: str
    original_name: str


def read_limited(upload: Any, *, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of an upload (so the caller can tell "too large"), read in
    chunks: a Django ``UploadedFile``, any binary file object, or bytes."""
    if limit < 0:
        raise ValueError("limit must not be negative")
    wanted = limit + 1
    if isinstance(upload, bytes | bytearray | memoryview):
        return bytes(upload[:wanted])
    _rewind(upload)
    buffer = bytearray()
    while len(buffer) < wanted:
        chunk = upload.read(min(CHUNK_SIZE, wanted - len(buffer)))
        if not chunk:
            break
        if isinstance(chunk, str):
            raise TypeError("read_limited needs a file opened in binary mode")
        buffer += chunk
    return bytes(buffer)


def _rewind(upload: Any) -> None:
    seekable = getattr(upload, "seekable", None)
    try:
        if seekable is None or seekable():
            upload.seek(0)
    except (AttributeError, OSError, ValueError):  # a pipe or a stream: read from where it is
        pass


def sniff_content_type(content: bytes) -> str:
    """The real type of ``content`` (``PDF``, ``JPEG`` or ``PNG``), judged by the bytes alone;
    raise ``InvalidInput`` for anything unknown, damaged or able to run code."""
    if content.startswith(b"%PDF-"):
        _check_pdf(content)
        return PDF
    if content.startswith(b"\xff\xd8\xff"):
        _check_image(content, "JPEG")
        return JPEG
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        _check_image(content, "PNG")
        return PNG
    head = content[:_TEXT_HEAD]
    if _SVG_MARKER.search(head):
        raise InvalidInput(
            _(
                "Berkas SVG tidak diterima karena dapat memuat skrip. "
                "Unggah dokumen sebagai PDF, JPEG atau PNG."
            ),
            code="svg",
        )
    if _HTML_MARKERS.search(head):
        raise InvalidInput(
            _(
                "Halaman web (HTML) tidak diterima sebagai berkas. "
                "Unggah dokumen sebagai PDF, JPEG atau PNG."
            ),
            code="html",
        )
    raise InvalidInput(
        _(
            "Jenis berkas tidak diterima. Unggah PDF, JPEG atau PNG "
            "(isi berkas yang diperiksa, bukan namanya)."
        ),
        code="bad_type",
    )


def check_upload(
    upload: Any, *, accepted: Iterable[str], max_size: int, original_name: str = ""
) -> CheckedUpload:
    """Everything a service needs before it keeps an uploaded file, or ``InvalidInput``."""
    content = read_limited(upload, limit=max_size)
    if len(content) > max_size:
        raise InvalidInput(
            _("Berkas terlalu besar: paling besar %(size)s MB."),
            code="too_large",
            params={"size": number_format(max_size / (1024 * 1024), decimal_pos=1)},
        )
    if not content:
        raise InvalidInput(
            _("Berkas kosong. Pilih berkas yang berisi dokumen lalu unggah lagi."), code="empty"
        )
    content_type = sniff_content_type(content)
    accepted = tuple(accepted)
    if content_type not in accepted:
        raise InvalidInput(
            _("Persyaratan ini hanya menerima berkas %(types)s."),
            code="bad_type",
            params={"types": ", ".join(LABELS.get(kind, kind) for kind in accepted)},
        )
    return CheckedUpload(
        content=content,
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        original_name=safe_original_name(
            original_name or getattr(upload, "name", "") or "", content_type=content_type
        ),
    )


def safe_original_name(name: str, *, content_type: str = "") -> str:
    """The name to show and to offer on download: the last path part only, without control,
    invisible or bidirectional characters, at most 200 characters, and ending in the real type's
    extension (``foto.exe`` holding a JPEG becomes ``foto.exe.jpg``)."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(
        " " if unicodedata.category(ch).startswith("Z") else ch
        for ch in name
        if not unicodedata.category(ch).startswith("C")
    )
    name = " ".join(name.split()).strip(" .") or DEFAULT_NAME
    extensions = EXTENSIONS.get(content_type, ())
    current = name.rpartition(".")[2].lower() if "." in name else ""
    if extensions and current not in extensions:
        stem, ext = name, f".{extensions[0]}"
    else:
        stem, ext = _split_extension(name)
    return (stem[: MAX_NAME_LENGTH - len(ext)].rstrip(" .") or DEFAULT_NAME) + ext


def _split_extension(name: str) -> tuple[str, str]:
    stem, dot, ext = name.rpartition(".")
    if dot and stem and len(ext) <= 10:
        return stem, f".{ext}"
    return name, ""


def store_private(content: bytes, *, folder: str, content_type: str) -> str:
    """Save checked content on the default storage under a random name that says nothing about
    its owner (``private/<folder>/<yyyy>/<mm>/<token>.<ext>``); return the stored name."""
    if not _FOLDER.fullmatch(folder):
        raise ValueError(f"folder must be lower-case path segments, not {folder!r}")
    if content_type not in EXTENSIONS:
        raise ValueError(f"no extension known for {content_type!r}")
    now = timezone.now()
    name = (
        f"private/{folder}/{now:%Y}/{now:%m}/{secrets.token_hex(16)}.{EXTENSIONS[content_type][0]}"
    )
    return default_storage.save(name, ContentFile(content))


def delete_quietly(name: str) -> None:
    """Delete a stored file; a failure is logged and never reaches the caller (the row that
    pointed at the file is already gone or replaced)."""
    if not name:
        return
    try:
        default_storage.delete(name)
    except Exception:  # OSError locally, botocore's errors on S3: none may fail the caller
        logger.warning("Could not delete stored file %s", name, exc_info=True)


# --- PDF ------------------------------------------------------------------------------------


class _ActiveContent(Exception):
    pass


class _TooComplex(Exception):
    pass


def _refuse_active_pdf() -> InvalidInput:
    return InvalidInput(
        _(
            "Berkas PDF ini memuat skrip, tindakan otomatis atau lampiran di dalamnya, sehingga "
            "tidak diterima demi keamanan. Simpan ulang sebagai PDF biasa (misalnya lewat "
            "“Cetak” lalu “Simpan sebagai PDF”) dan unggah lagi."
        ),
        code="active_content",
    )


def _refuse_html_inside(label: str) -> InvalidInput:
    return InvalidInput(
        _(
            "Berkas %(type)s ini memuat kode halaman web (HTML) di dalamnya, sehingga tidak "
            "diterima demi keamanan. Pindai atau simpan ulang dokumen lalu unggah lagi."
        ),
        code="active_content",
        params={"type": label},
    )


def _check_pdf(content: bytes) -> None:
    # Browsers never run what is inside compressed streams, so the raw bytes are what counts.
    if _HTML_MARKERS.search(content):
        raise _refuse_html_inside("PDF")
    if _has_active_names(content):
        raise _refuse_active_pdf()

    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise InvalidInput(
                _(
                    "Berkas PDF ini terkunci sandi. Buka kuncinya (atau simpan ulang tanpa sandi) "
                    "lalu unggah lagi."
                ),
                code="corrupt",
            )
        _walk_pdf(_pdf_objects(reader))
        pages = len(reader.pages)
    except InvalidInput:
        raise
    except _ActiveContent:
        raise _refuse_active_pdf() from None
    except (_TooComplex, RecursionError):
        raise InvalidInput(
            _(
                "Berkas PDF ini terlalu rumit untuk diperiksa. Simpan ulang sebagai PDF biasa "
                "lalu unggah lagi."
            ),
            code="corrupt",
        ) from None
    except Exception:  # pypdf raises many kinds of errors on damaged input: all mean "corrupt"
        logger.info("PDF upload refused as damaged", exc_info=True)
        pages = 0
    if pages < 1:
        raise InvalidInput(
            _("Berkas PDF rusak, tidak dapat dibuka. Periksa berkasnya lalu unggah lagi."),
            code="corrupt",
        )


def _has_active_names(data: bytes, *, skip_streams: bool = True) -> bool:
    """Whether the bytes name an active PDF feature (``#xx`` escapes decoded). Short names count
    only outside stream data unless ``skip_streams`` is off (for decoded object streams)."""
    streams = _stream_ranges(data) if skip_streams else []
    starts = [begin for begin, _end in streams]
    for match in _PDF_NAME.finditer(data):
        name = match.group(1)
        if b"#" in name:
            name = _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), name)
        if name in _PDF_LONG_NAMES:
            return True
        if name in _PDF_SHORT_NAMES:
            index = bisect.bisect_right(starts, match.start()) - 1
            if index < 0 or match.start() >= streams[index][1]:
                return True
    return False


def _stream_ranges(content: bytes) -> list[tuple[int, int]]:
    """Where stream data lies (between ``stream`` and ``endstream``), in file order."""
    ranges = []
    position = 0
    while (start := content.find(b"stream", position)) >= 0:
        after = start + len(b"stream")
        if start and content[start - 1 : start].isalpha():  # "endstream", or a word in a name
            position = after
            continue
        if content[after : after + 2] == b"\r\n":
            after += 2
        elif content[after : after + 1] in (b"\n", b"\r"):
            after += 1
        else:
            position = after
            continue
        end = content.find(b"endstream", after)
        if end < 0:
            ranges.append((after, len(content)))
            break
        ranges.append((after, end))
        position = end + len(b"endstream")
    return ranges


def _pdf_objects(reader) -> Iterator[Any]:
    """The trailer and every indirect object pypdf can resolve, each exactly once."""
    from pypdf.generic import IndirectObject

    references = [
        (generation, idnum) for generation, entries in reader.xref.items() for idnum in entries
    ]
    references += [(0, idnum) for idnum in reader.xref_objStm]
    if len(references) > MAX_PDF_OBJECTS:
        raise _TooComplex
    for generation, idnum in references:
        reader.get_object(IndirectObject(idnum, generation, reader))
    # Resolving an object of an object stream parses (and caches) every object packed in it,
    # also those the cross-reference does not list.
    resolved = reader.resolved_objects
    if len(resolved) > MAX_PDF_OBJECTS:
        raise _TooComplex
    yield reader.trailer
    yield from list(resolved.values())


def _walk_pdf(objects: Iterable[Any]) -> None:
    """Raise ``_ActiveContent`` if any dictionary key or name is an active one. References are
    not followed (every indirect object is a root of its own), so a cycle cannot loop."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, StreamObject

    nodes = 0
    stack: list[tuple[Any, int]] = [(obj, 0) for obj in objects]
    while stack:
        obj, depth = stack.pop()
        nodes += 1
        if nodes > MAX_PDF_NODES or depth > MAX_PDF_DEPTH:
            raise _TooComplex
        if isinstance(obj, DictionaryObject):
            for key, value in dict.items(obj):  # dict's own: pypdf's would resolve references
                if key in _PDF_ACTIVE_PDF_NAMES:
                    raise _ActiveContent
                if isinstance(value, NameObject):
                    if value in _PDF_ACTIVE_PDF_NAMES:
                        raise _ActiveContent
                elif isinstance(value, DictionaryObject | ArrayObject):
                    stack.append((value, depth + 1))
            # A decoded object stream is object syntax: search it like the raw file.
            if (
                isinstance(obj, StreamObject)
                and dict.get(obj, "/Type") == "/ObjStm"
                and _has_active_names(obj.get_data(), skip_streams=False)
            ):
                raise _ActiveContent
        elif isinstance(obj, ArrayObject):
            for item in list.__iter__(obj):
                if isinstance(item, NameObject):
                    if item in _PDF_ACTIVE_PDF_NAMES:
                        raise _ActiveContent
                elif isinstance(item, DictionaryObject | ArrayObject):
                    stack.append((item, depth + 1))
        elif isinstance(obj, NameObject) and obj in _PDF_ACTIVE_PDF_NAMES:
            raise _ActiveContent


# --- Images ---------------------------------------------------------------------------------


def _check_image(content: bytes, expected: str) -> None:
    from PIL import Image

    if _HTML_MARKERS.search(content):
        raise _refuse_html_inside(expected)
    corrupt = InvalidInput(
        _("Berkas %(type)s rusak, tidak dapat dibuka. Periksa berkasnya lalu unggah lagi."),
        code="corrupt",
        params={"type": expected},
    )
    too_big = InvalidInput(
        _(
            "Gambar terlalu besar untuk diperiksa (paling besar 20.000 piksel per sisi). "
            "Perkecil gambar lalu unggah lagi."
        ),
        code="corrupt",
    )
    try:
        with warnings.catch_warnings():
            # Pillow warns (and beyond twice the limit refuses) when the header announces more
            # pixels than it is willing to decode: a decompression bomb.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content), formats=[expected]) as image:
                width, height = image.size
                if not (0 < width <= MAX_IMAGE_SIDE and 0 < height <= MAX_IMAGE_SIDE):
                    raise too_big
                image.verify()  # PNG: every chunk's checksum
            with Image.open(io.BytesIO(content), formats=[expected]) as image:
                if expected == "JPEG":  # decode at 1/8 scale: every byte is read, cheaply
                    image.draft("RGB", (max(width // 8, 1), max(height // 8, 1)))
                    image.load()
    except InvalidInput:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise too_big from None
    except Exception:  # Pillow raises many kinds of errors on damaged input: all mean "corrupt"
        raise corrupt from None
