"""What other apps may use of documents besides its services and selectors: the official PDF
layout, QR images and the numbering registers. (Import-linter keeps domain apps to this, to
``services``, ``selectors`` and ``permissions``.)"""

from .numbering import (
    number_cancel,
    number_format_validate,
    number_render,
    number_reserve,
    number_use,
    sequence_next,
)
from .pdf import OfficialDocument, SignatureBlock, build_official_pdf, format_date_id, qr_png

__all__ = [
    "OfficialDocument",
    "SignatureBlock",
    "build_official_pdf",
    "format_date_id",
    "number_cancel",
    "number_format_validate",
    "number_render",
    "number_reserve",
    "number_use",
    "qr_png",
    "sequence_next",
]
