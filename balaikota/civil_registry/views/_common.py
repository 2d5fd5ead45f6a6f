"""What the civil-registration pages share: fetching what the person may see (404 otherwise),
the tracking link, QR images and the workflow question "which buttons does this page show"."""

from __future__ import annotations

import base64

from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from .. import integrations, selectors
from ..models import Application

QUEUE_PAGE_SIZE = 25
PIN_SESSION_KEY = "civil_registry:pin:%s"


def application_or_404(request, pk, *, purpose: str) -> Application:
    application = selectors.application_for_user(request.user, pk, request=request, purpose=purpose)
    if application is None:
        raise Http404(_("Permohonan tidak ditemukan."))
    return application


def editable_or_404(request, pk) -> Application:
    """The application the person may fill in (the citizen, or the assisting officer)."""
    application = application_or_404(request, pk, purpose=_("Mengisi permohonan pendampingan"))
    if not request.user.has_perm("civil_registry.change_application", application):
        raise Http404(_("Permohonan tidak ditemukan."))
    return application


def tracking_url(request, application: Application) -> str:
    try:
        path = reverse("civil_registry_public:track")
    except NoReverseMatch:
        path = "/lacak/"
    from balaikota.core.links import public_url

    return public_url(f"{path}?nomor={application.tracking_number}")


def qr_data_uri(text: str) -> str:
    return (
        "data:image/png;base64," + base64.b64encode(integrations.qr_png(text, box_size=5)).decode()
    )


def back_to(request, application: Application | None) -> str:
    """Where a refused action sends the person back to: their page of the application."""
    if application is None:
        return reverse("civil_registry:queue")
    if request.user.has_perm("civil_registry.change_application", application):
        return reverse("civil_registry:application_detail", kwargs={"pk": application.pk})
    return reverse("civil_registry:officer_review", kwargs={"pk": application.pk})
