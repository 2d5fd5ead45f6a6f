"""The public page: follow an application with its tracking number and PIN, without signing in.
It shows the one public view of an application (``selectors.public_application_view``), the
same one the tracking API returns."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from balaikota.core.errors import DomainError, TooManyRequests
from balaikota.core.ratelimit import client_ip
from balaikota.core.web import refused_response

from .. import selectors, services
from ..forms import PinForgotForm, TrackForm


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
        application = selectors.tracking_lookup(
            number, form.cleaned_data["pin"], client=client_ip(request)
        )
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


@never_cache
@require_http_methods(["GET", "POST"])
def pin_forgot(request):
    """ "Lupa PIN?": a link to make a new PIN goes to the applicant's verified e-mail. The
    answer is the same whether or not the number exists (nothing to learn by trying)."""
    if request.method == "GET":
        form = PinForgotForm(initial={"nomor": str(request.GET.get("nomor", ""))[:20]})
        return render(request, "civil_registry/pin_forgot.html", {"form": form})
    form = PinForgotForm(request.POST)
    if not form.is_valid():
        return render(request, "civil_registry/pin_forgot.html", {"form": form}, status=400)
    try:
        services.pin_reset_request(tracking_number=form.cleaned_data["nomor"], request=request)
    except DomainError as exc:
        return refused_response(request, exc, back_url=request.path)
    return render(
        request,
        "civil_registry/pin_forgot.html",
        {
            "form": PinForgotForm(),
            "sent": _(services.PIN_RESET_SENT),
            "number": form.cleaned_data["nomor"],
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def pin_new(request, token: str):
    """The e-mailed link: GET asks for a confirmation (a mail scanner that opens links changes
    nothing), POST makes the new PIN and shows it once."""
    try:
        application = services.pin_reset_application(token)
        if request.method == "POST":
            pin = services.application_pin_reset(
                application=application, token=token, client=client_ip(request)
            )
            return render(
                request,
                "civil_registry/pin_new.html",
                {"number": application.tracking_number, "pin": pin},
            )
    except DomainError as exc:
        return render(
            request, "civil_registry/pin_new.html", {"error": exc.text}, status=exc.status
        )
    return render(request, "civil_registry/pin_new.html", {"number": application.tracking_number})
