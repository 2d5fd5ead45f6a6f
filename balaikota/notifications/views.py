"""Pages of a person's own notifications: the inbox, marking read, and channel preferences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import selectors, services
from .forms import PreferencesForm
from .models import Channel


@login_required
@require_GET
def notification_list(request):
    context = {
        "notifications": selectors.notifications_for(request.user),
        "unread": selectors.unread_count(request.user),
    }
    return render(request, "notifications/list.html", context)


@login_required
@require_POST
def notification_read(request, pk: int):
    notification = selectors.notification_of(request.user, pk)
    if notification is None:
        raise Http404
    services.notification_mark_read(user=request.user, notification=notification)
    if request.htmx:
        context = {
            "notification": notification,
            "unread": selectors.unread_count(request.user),
            "announce": _("Notifikasi ditandai sudah dibaca."),
        }
        return render(request, "notifications/_row_swap.html", context)
    return redirect("notifications:list")


@login_required
@require_POST
def notifications_read_all(request):
    changed = services.notifications_mark_all_read(user=request.user)
    if changed:
        messages.success(request, _("Semua notifikasi ditandai sudah dibaca."))
    return redirect("notifications:list")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    status = 200
    if request.method == "POST":
        form = PreferencesForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                services.notification_preferences_set(user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Preferensi notifikasi disimpan."))
                return redirect("notifications:preferences")
        status = 400
    else:
        form = PreferencesForm(user=request.user)
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "has_phone": bool(selectors.channel_address(request.user, Channel.SMS))},
        status=status,
    )
