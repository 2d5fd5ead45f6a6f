"""The public page: follow an application with its tracking number and PIN, without signing in.
It shows the one public view of an application (``selectors.public_application_view``), the
same one the tracking API returns."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from balaikota.core.errors import TooManyRequests

from .. import selectors
from ..forms import TrackForm


@never_cache
@require_http_methods(["GET", "POST"])
def track(request):
    if request.method == "GET":
        form = TrackForm(initial={"nomor": str(request.GET.get("nomor", ""))[:20]})
        return render(request, "civil_registry/track.html", {"form": form})
    try:
        selectors.TRACKING_LIMIT.check(request)
    except TooManyRequests as exc:
        response = render(
            request,
            "civil_registry/track.html",
            {"form": TrackForm(), "error": exc.text},
            status=exc.status,
        )
        response["Retry-After"] = str(exc.retry_after)
        return response
    form = TrackForm(request.POST)
    if not form.is_valid():
        return render(request, "civil_registry/track.html", {"form": form}, status=400)
    number = form.cleaned_data["nomor"]
    try:
        application = selectors.tracking_lookup(number, form.cleaned_data["pin"])
    except TooManyRequests as exc:
        response = render(
            request,
            "civil_registry/track.html",
            {"form": TrackForm(initial={"nomor": number}), "error": exc.text},
            status=exc.status,
        )
        response["Retry-After"] = str(exc.retry_after)
        return response
    if application is None:
        return render(
            request,
            "civil_registry/track.html",
            {
                "form": TrackForm(initial={"nomor": number}),
                "error": _("Nomor lacak atau PIN tidak cocok. Periksa tanda terima Anda."),
            },
            status=404,
        )
    return render(
        request,
        "civil_registry/track.html",
        {
            "form": TrackForm(initial={"nomor": application.tracking_number}),
            "found": selectors.public_application_view(application),
        },
    )
