"""Private files: stored under random names, served as downloads or sandboxed inline views with
the same headers through the whole middleware stack, and a lost file is a 404, not a 500."""

from __future__ import annotations

import io
import logging
import re
from unittest import mock

import pytest
from django.core.files.storage import default_storage
from django.db.models import FileField
from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpResponse
from django.urls import path
from PIL import Image
from pypdf import PdfWriter

from balaikota.core import files
from balaikota.core.files import private_file_response
from balaikota.core.uploads import JPEG, PDF, PNG, delete_quietly, store_private


def _serve(request):
    return private_file_response(
        request.GET["name"],
        content_type=request.GET["type"],
        filename=request.GET.get("filename", ""),
        inline=request.GET.get("inline") == "1",
    )


def _viewer(request):
    """An officer's page that shows a PDF and an image inside our own frames."""
    return HttpResponse(
        f"<!doctype html><title>Berkas</title><h1>Berkas</h1>"
        f'<iframe id="pdf" src="/berkas/?name={request.GET["pdf"]}&type={PDF}&inline=1" '
        f'width="340" height="300"></iframe>'
        f'<iframe id="png" src="/berkas/?name={request.GET["png"]}&type={PNG}&inline=1" '
        f'width="340" height="120"></iframe>'
    )


urlpatterns = [path("berkas/", _serve), path("lihat/", _viewer)]

pytestmark = pytest.mark.urls(__name__)


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def image_bytes(kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (30, 90, 200)).save(buffer, format=kind)
    return buffer.getvalue()


@pytest.fixture
def stored_pdf():
    return store_private(pdf_bytes(), folder="tests", content_type=PDF)


# --- Storing ---------------------------------------------------------------------------------


def test_a_stored_file_gets_a_random_name_that_says_nothing_about_its_owner():
    first = store_private(pdf_bytes(), folder="civil_registry", content_type=PDF)
    second = store_private(image_bytes("PNG"), folder="civil_registry", content_type=PNG)

    assert re.fullmatch(r"private/civil_registry/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", first)
    assert re.fullmatch(r"private/civil_registry/\d{4}/\d{2}/[0-9a-f]{32}\.png", second)
    with default_storage.open(first, "rb") as handle:
        assert handle.read() == pdf_bytes()


@pytest.mark.parametrize("folder", ["", "../media", "Civil Registry", "/absolute", "a//b"])
def test_a_folder_must_be_plain_path_segments(folder):
    with pytest.raises(ValueError):
        store_private(pdf_bytes(), folder=folder, content_type=PDF)


def test_only_a_checked_type_can_be_stored():
    with pytest.raises(ValueError):
        store_private(b"<svg/>", folder="tests", content_type="image/svg+xml")


def test_delete_quietly_removes_the_file(stored_pdf):
    delete_quietly(stored_pdf)
    assert not default_storage.exists(stored_pdf)
    delete_quietly(stored_pdf)  # already gone: nothing to say
    delete_quietly("")


def test_delete_quietly_logs_and_never_raises(stored_pdf, caplog):
    with (
        mock.patch.object(default_storage, "delete", side_effect=PermissionError("read-only")),
        caplog.at_level(logging.WARNING, logger="balaikota.core.uploads"),
    ):
        delete_quietly(stored_pdf)
    assert "Could not delete stored file" in caplog.text


# --- Serving ---------------------------------------------------------------------------------


def test_a_download_carries_the_private_headers(client, stored_pdf):
    response = client.get("/berkas/", {"name": stored_pdf, "type": PDF, "filename": "ktp.pdf"})

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert response["Content-Type"] == PDF
    assert response["Content-Disposition"] == 'attachment; filename="ktp.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    # django-csp left our policy alone instead of adding the site's.
    assert response["Content-Security-Policy"] == files.ATTACHMENT_POLICY
    assert response["X-Frame-Options"] == "DENY"


def test_the_site_report_only_policy_is_not_added_to_a_file(client, settings, stored_pdf):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"default-src": ["'self'"]}}
    response = client.get("/berkas/", {"name": stored_pdf, "type": PDF, "inline": "1"})
    assert response["Content-Security-Policy"] == "sandbox; frame-ancestors 'self'"
    assert "Content-Security-Policy-Report-Only" not in response


def test_an_inline_pdf_is_framed_only_by_our_pages(client, stored_pdf):
    response = client.get(
        "/berkas/", {"name": stored_pdf, "type": PDF, "filename": "akta.pdf", "inline": "1"}
    )
    assert response["Content-Disposition"] == 'inline; filename="akta.pdf"'
    assert response["Content-Security-Policy"] == "sandbox; frame-ancestors 'self'"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


@pytest.mark.parametrize(("kind", "content_type"), [("PNG", PNG), ("JPEG", JPEG)])
def test_an_inline_image_is_sandboxed(client, kind, content_type):
    name = store_private(image_bytes(kind), folder="tests", content_type=content_type)
    response = client.get(
        "/berkas/", {"name": name, "type": content_type, "filename": "kk", "inline": "1"}
    )
    extension = "png" if kind == "PNG" else "jpg"
    assert response["Content-Disposition"] == f'inline; filename="kk.{extension}"'
    assert response["Content-Security-Policy"] == (
        "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox; "
        "frame-ancestors 'self'"
    )
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_only_pdf_and_images_are_ever_shown_inline(client):
    name = default_storage.save("private/tests/catatan.txt", io.BytesIO(b"<script>x</script>"))
    response = client.get("/berkas/", {"name": name, "type": "text/html", "inline": "1"})
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == files.ATTACHMENT_POLICY


def test_a_name_outside_ascii_is_sent_both_ways(stored_pdf):
    response = private_file_response(
        stored_pdf, content_type=PDF, filename="Akta – Siti Nurhaliza (ibu).pdf"
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="Akta Siti Nurhaliza (ibu).pdf"; '
        "filename*=utf-8''Akta%20%E2%80%93%20Siti%20Nurhaliza%20%28ibu%29.pdf"
    )


def test_a_hostile_name_cannot_break_the_header(stored_pdf):
    response = private_file_response(
        stored_pdf, content_type=PDF, filename='..\\x"\r\nSet-Cookie: a=b.exe'
    )
    disposition = response["Content-Disposition"]
    assert "\r" not in disposition and "\n" not in disposition
    assert disposition.startswith('attachment; filename="x\'Set-Cookie: a=b.exe.pdf"')


def test_a_field_file_is_served_from_its_own_storage(stored_pdf):
    field_file = FieldFile(None, FileField(storage=default_storage), stored_pdf)
    response = private_file_response(field_file, content_type=PDF, filename="kk.pdf")
    assert b"".join(response.streaming_content) == pdf_bytes()


def test_a_missing_file_is_404_not_500(client, caplog):
    with caplog.at_level(logging.WARNING, logger="balaikota.core.files"):
        response = client.get("/berkas/", {"name": "private/tests/2026/01/hilang.pdf", "type": PDF})
    assert response.status_code == 404
    assert "missing from storage" in caplog.text


@pytest.mark.parametrize(
    "file",
    [
        pytest.param("private/tests/2026/01/hilang.pdf", id="storage-name"),
        pytest.param(
            FieldFile(None, FileField(storage=default_storage), "private/tests/hilang.pdf"),
            id="field-file",
        ),
        pytest.param(FieldFile(None, FileField(storage=default_storage), ""), id="empty-field"),
        pytest.param("", id="empty-name"),
    ],
)
def test_a_lost_file_raises_http404(file):
    with pytest.raises(Http404):
        private_file_response(file, content_type=PDF, filename="hilang.pdf")


# --- In the browser --------------------------------------------------------------------------


@pytest.mark.browser
def test_chromium_shows_the_inline_pdf_and_image_inside_our_page(page, live_server):
    """The sandboxing policies still let Chromium draw both files in our own frames."""
    pdf = store_private(pdf_bytes(), folder="tests", content_type=PDF)
    png = store_private(image_bytes("PNG"), folder="tests", content_type=PNG)

    page.goto(f"/lihat/?pdf={pdf}&png={png}")

    page.wait_for_function(
        "() => document.getElementById('png').contentDocument === null"  # opaque: sandboxed
    )
    image_frame = page.frame_locator("#png").locator("img")
    assert image_frame.evaluate("img => img.naturalWidth") == 60
    viewer = next(
        (frame for frame in _frames_after(page) if frame.url.startswith("chrome-extension://")),
        None,
    )
    assert viewer is not None, "Chromium's PDF viewer did not load the inline PDF"


def _frames_after(page, timeout_ms: int = 5000):
    """Chromium's PDF viewer attaches its frame a moment after the PDF arrives."""
    waited = 0
    while waited < timeout_ms:
        if any(frame.url.startswith("chrome-extension://") for frame in page.frames):
            break
        page.wait_for_timeout(100)
        waited += 100
    return page.frames
