"""Home dashboard per role, the person's own profile (with their signed-in phones), and
verifying their phone number."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from balaikota.core.errors import DomainError
from balaikota.core.identity import display_mobile
from balaikota.core.navigation import actions_for
from balaikota.core.ratelimit import client_ip
from balaikota.core.web import form_add_error

from . import services
from .middleware import totp_known_enrolled
from .profile_forms import PhoneCodeForm, PhoneNumberForm
from .selectors import dashboard_for, live_devices, phone_status, phone_verification_pending


def home(request):
    if not request.user.is_authenticated:
        return render(request, "accounts/landing.html")
    known = True if totp_known_enrolled(request) else None
    board = dashboard_for(request.user, mfa_enabled=known)
    return render(
        request, "accounts/home.html", {"board": board, "actions": actions_for(request.user)}
    )


@login_required
def profile(request):
    """The signed-in person's own data: viewing it writes no access log entry.

    A page where staff view *another* person's personal data must call
    ``balaikota.core.services.access_log_record(actor=..., obj=..., subject=..., purpose=...,
    request=request)`` before rendering (UU PDP: the data subject may ask who looked at it).
    """
    user = request.user
    return render(
        request,
        "accounts/profile.html",
        {
            "board": dashboard_for(user),
            "phone": phone_status(user),
            "phone_display": display_mobile(user.phone) if user.phone else "",
            "devices": live_devices(user) if user.has_perm("accounts.use_devices") else [],
        },
    )


@login_required
@require_POST
def device_revoke(request, pk: int):
    """Sign one of one's phones out of the app (someone else's: 404)."""
    device = services.device_revoke(user=request.user, device_id=pk, address=client_ip(request))
    messages.success(
        request,
        _("%(name)s dikeluarkan. Aplikasi di perangkat itu harus masuk kembali.")
        % {"name": device.name},
    )
    return redirect("accounts:profile")  # the message shows at the top of the page


@login_required
@require_http_methods(["GET", "POST"])
def phone(request):
    """Step 1: the number and the channel; a code is sent to it."""
    form = PhoneNumberForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.phone_verification_start(
                    user=request.user,
                    number=form.cleaned_data["number"],
                    channel=form.cleaned_data["channel"],
                )
            except DomainError as exc:
                status = exc.status
                form_add_error(form, exc)
            else:
                return redirect("accounts:phone_code")
    return render(request, "accounts/phone.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def phone_code(request):
    """Step 2: the code typed back; the number becomes the account's, verified."""
    pending = phone_verification_pending(request.user)
    if pending is None and request.method == "GET":
        return redirect("accounts:phone")
    form = PhoneCodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.phone_verification_confirm(
                    user=request.user, code=form.cleaned_data["code"]
                )
            except DomainError as exc:
                status = exc.status
                form_add_error(form, exc)
                pending = phone_verification_pending(request.user)
            else:
                messages.success(
                    request,
                    _(
                        "Nomor ponsel %(number)s terverifikasi. SMS dan WhatsApp kini dapat diaktifkan."
                    )
                    % {"number": display_mobile(request.user.phone)},
                )
                return redirect("accounts:profile")
    return render(
        request,
        "accounts/phone_code.html",
        {
            "form": form,
            "pending": pending,
            "number_display": display_mobile(pending.number) if pending else "",
        },
        status=status,
    )
