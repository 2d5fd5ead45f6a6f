"""What an uploaded file really is, judged by its content (never by its name or the browser's
claim): a PDF that pypdf can open, or a JPEG/PNG that Pillow can verify."""

from __future__ import annotations

import io
import logging

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
LABELS = {PDF: "PDF", JPEG: "JPEG", PNG: "PNG"}


def _pdf_ok(content: bytes) -> bool:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            return False
        return len(reader.pages) >= 1
    except Exception:  # pypdf raises many kinds of errors on damaged input: all mean "corrupt"
        return False


def _image_ok(content: bytes, expected: str) -> bool:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.format != expected:
                return False
            image.verify()
        with Image.open(io.BytesIO(content)) as image:  # verify() leaves the image unusable
            width, height = image.size
            return 0 < width <= 20000 and 0 < height <= 20000
    except Exception:  # Pillow raises many kinds of errors on damaged input: all mean "corrupt"
        return False


def sniff_content_type(content: bytes) -> str:
    """The file's real type, or raise ValidationError (unknown, disguised or damaged file)."""
    if content.startswith(b"%PDF-"):
        if _pdf_ok(content):
            return PDF
        raise ValidationError(
            _("Berkas PDF rusak atau terkunci sandi, tidak dapat dibuka."), code="corrupt"
        )
    if content.startswith(b"\xff\xd8\xff"):
        if _image_ok(content, "JPEG"):
            return JPEG
        raise ValidationError(_("Berkas JPEG rusak, tidak dapat dibuka."), code="corrupt")
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        if _image_ok(content, "PNG"):
            return PNG
        raise ValidationError(_("Berkas PNG rusak, tidak dapat dibuka."), code="corrupt")
    raise ValidationError(
        _(
            "Jenis berkas tidak diterima. Unggah PDF, JPEG atau PNG (isi berkas diperiksa, bukan namanya)."
        ),
        code="bad_type",
    )
