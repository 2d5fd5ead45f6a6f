"""A complaint about a service of an OPD, filed through the service."""

from __future__ import annotations

import io

from balaikota.catalogue.tests.factories import PublicServiceFactory
from balaikota.complaints import services
from balaikota.complaints.models import ComplaintCategory

BODY = "Saya datang jam 08.00 di loket 3, petugas baru datang jam 10.00 tanpa pemberitahuan."


def category(slug: str = "waktu") -> ComplaintCategory:
    """A default category (a migration makes them; a transactional test's flush removes them)."""
    if not ComplaintCategory.objects.filter(slug=slug).exists():
        services.complaint_categories_load()
    return ComplaintCategory.objects.get(slug=slug)


def filed(*, user=None, opd=None, service=None, title="Loket buka terlambat dua jam", **fields):
    if service is None and opd is not None:
        service = PublicServiceFactory(opd=opd)
    return services.complaint_submit(
        user=user,
        category=fields.pop("category", None) or category(),
        service=service,
        title=title,
        body=fields.pop("body", BODY),
        **fields,
    )


def png_upload(name: str = "foto.png"):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = name
    return buffer
