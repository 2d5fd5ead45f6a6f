"""The one response for private files (uploads, generated documents) given to someone already
authorized: never a public URL, never sniffed, never kept by a shared cache, a download unless
the caller asks for it to be shown inside our own pages.

Every response carries ``X-Content-Type-Options: nosniff``, ``Cache-Control: private, no-store``
and ``Cross-Origin-Resource-Policy: same-origin``, and its own Content-Security-Policy; the
response is marked ``_csp_exempt`` (and ``_csp_exempt_ro``) so that django-csp 4's middleware
adds neither the site policy nor the site's report-only policy to a file.

- Download (default): ``Content-Disposition: attachment``, CSP ``default-src 'none'; sandbox;
  frame-ancestors 'none'``, ``X-Frame-Options: DENY``.
- Inline image: CSP ``default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline';
  sandbox; frame-ancestors 'self'`` (Chromium's image page needs its inline style) and
  ``X-Frame-Options: SAMEORIGIN``.
- Inline PDF: CSP ``sandbox; frame-ancestors 'self'`` and ``X-Frame-Options: SAMEORIGIN``.

What Chromium 156 (Debian) does with an inline PDF, tried with Playwright in a same-origin
``<iframe>`` and as a top-level page: it renders a PDF served with ``CSP: sandbox`` (also with
``default-src 'none'`` added), so the PDF keeps the sandbox. But Chromium drops the document
directives of a PDF response: in the PDF's frame the origin stays ours (not the opaque origin an
HTML or image response gets under ``sandbox``), cookies are readable, and neither ``sandbox`` nor
``default-src 'none'`` blocks a script or a fetch there; only ``frame-ancestors`` is enforced
(``'none'`` leaves the frame empty). JavaScript inside the PDF runs in Chromium's PDF viewer
whatever the policy (an ``/OpenAction`` ``app.alert`` showed under every policy tried). So the
header guards only browsers that honour it, and what protects an officer is ``core.uploads``,
which refuses PDFs with JavaScript, actions, attachments or hidden HTML before they are stored.
``sandbox allow-scripts`` is never used: it would let HTML run if a browser ever rendered the
bytes as a page. Safari is reported to show an empty frame for a PDF under ``CSP: sandbox``
(not tried here); the pages that show a PDF inline keep a download link next to it.
"""

from __future__ import annotations

import logging
import unicodedata
from urllib.parse import quote

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from .uploads import JPEG, PDF, PNG, safe_original_name

logger = logging.getLogger(__name__)

ATTACHMENT_POLICY = "default-src 'none'; sandbox; frame-ancestors 'none'"
IMAGE_POLICY = (
    "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox; "
    "frame-ancestors 'self'"
)
PDF_POLICY = "sandbox; frame-ancestors 'self'"
INLINE_POLICIES = {PDF: PDF_POLICY, JPEG: IMAGE_POLICY, PNG: IMAGE_POLICY}


def private_file_response(
    file, *, content_type: str, filename: str, inline: bool = False
) -> FileResponse:
    """Serve ``file`` (a ``FieldFile`` or a storage name); a file storage has lost is a 404.
    Only PDF, JPEG and PNG are ever shown inline; anything else is a download."""
    inline = inline and content_type in INLINE_POLICIES
    filename = safe_original_name(filename, content_type=content_type)
    response = FileResponse(
        _open(file), content_type=content_type, as_attachment=not inline, filename=filename
    )
    response["Content-Disposition"] = _content_disposition(filename, inline=inline)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    if inline:
        response["Content-Security-Policy"] = INLINE_POLICIES[content_type]
        response["X-Frame-Options"] = "SAMEORIGIN"
    else:
        response["Content-Security-Policy"] = ATTACHMENT_POLICY
        response["X-Frame-Options"] = "DENY"
    # What csp_exempt() sets: django-csp 4 then adds neither the site policy nor its report-only one.
    response._csp_exempt = True
    response._csp_exempt_ro = True
    return response


def _open(file):
    if isinstance(file, str):
        storage, name = default_storage, file
    else:
        storage, name = getattr(file, "storage", default_storage), getattr(file, "name", "")
    if not name:
        raise Http404(_("Berkas tidak ditemukan."))
    try:
        return storage.open(name, "rb")
    except OSError:  # the row exists but storage lost the file: say so, never a 500
        logger.warning("Private file %s is missing from storage", name)
        raise Http404(_("Berkas tidak ditemukan.")) from None


def _content_disposition(filename: str, *, inline: bool) -> str:
    """RFC 6266: an ASCII ``filename`` for old clients and, when the name is not ASCII, the exact
    name as RFC 5987 ``filename*``."""
    disposition = "inline" if inline else "attachment"
    fallback = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode()
    fallback = " ".join(fallback.replace("\\", "_").replace('"', "'").split())
    if not fallback or fallback.startswith("."):
        fallback = f"berkas{fallback}"
    if fallback == filename:
        return f'{disposition}; filename="{fallback}"'
    return f"{disposition}; filename=\"{fallback}\"; filename*=utf-8''{quote(filename)}"
