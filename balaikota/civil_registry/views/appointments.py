"""The citizen's visit bookings (antrean online): free slots of a counter, book, move, cancel,
and the booking's QR code to show at the counter."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from balaikota.core.errors import DomainError, InvalidInput
from balaikota.core.web import refused_response
from balaikota.core.working_days import add_working_days

from .. import selectors, services
from ..forms import AppointmentBookForm, AppointmentRescheduleForm, SlotSearchForm
from ..models import Application
from ..workflows import APPOINTMENT_WORKFLOW
from ._common import qr_data_uri

BOOKING_WINDOW_WORKING_DAYS = 14


def _booking_window() -> tuple:
    today = timezone.localdate()
    return today, add_working_days(today, BOOKING_WINDOW_WORKING_DAYS)


def _slot_days(slots) -> list[dict]:
    """Slots grouped per local day, for a list of days with their times."""
    days: dict = {}
    for slot in slots:
        days.setdefault(timezone.localdate(slot.starts_at), []).append(slot)
    return [{"day": day, "slots": day_slots} for day, day_slots in days.items()]


def _own_application_or_none(request, pk) -> Application | None:
    """The citizen's own application the booking is for (404 for anyone else's)."""
    if not pk:
        return None
    application = selectors.application_for_user(request.user, pk, request=request)
    if application is None or not request.user.has_perm(
        "civil_registry.change_application", application
    ):
        raise Http404(_("Permohonan tidak ditemukan."))
    return application


def _appointment_or_404(request, pk):
    appointment = selectors.appointment_for_citizen(request.user, pk)
    if appointment is None:
        raise Http404(_("Janji temu tidak ditemukan."))
    return appointment


@login_required
@require_GET
def appointments(request):
    """Jadwal kunjungan: the citizen's bookings, and free slots of a counter for the next
    14 working days."""
    services_ = list(selectors.service_types_needing_visit())
    locations = list(selectors.service_locations_active())
    application = _own_application_or_none(request, request.GET.get("permohonan"))
    data = request.GET.copy()
    if application is not None:
        data["layanan"] = application.service_type.code
    elif not data.get("layanan") and services_:
        data["layanan"] = services_[0].code
    form = SlotSearchForm(data, locations=locations, services=services_)
    location = service_type = None
    days: list[dict] = []
    status = 200
    if form.is_valid():
        location = next((x for x in locations if x.code == form.cleaned_data["lokasi"]), None)
        service_type = next(s for s in services_ if s.code == form.cleaned_data["layanan"])
        if location is not None:
            date_from, date_to = _booking_window()
            days = _slot_days(
                selectors.appointment_slots_available(
                    location=location,
                    service_type=service_type,
                    date_from=date_from,
                    date_to=date_to,
                )
            )
    elif request.GET:
        status = 400
    return render(
        request,
        "civil_registry/appointments.html",
        {
            "form": form,
            "location": location,
            "service_type": service_type,
            "days": days,
            "application": application,
            "bookings": list(selectors.appointments_for_citizen(request.user)[:20]),
        },
        status=status,
    )


@login_required
@require_POST
def appointment_book(request):
    form = AppointmentBookForm(request.POST)
    back = reverse("civil_registry:appointments")
    if not form.is_valid():
        return refused_response(
            request, InvalidInput(_("Pilih jadwal dari daftar slot.")), back_url=back
        )
    slot = selectors.appointment_slot_by_id(form.cleaned_data["slot"])
    if slot is None:
        raise Http404(_("Jadwal tidak ditemukan."))
    application = _own_application_or_none(request, form.cleaned_data.get("permohonan"))
    try:
        appointment = services.appointment_book(
            citizen=request.user, slot=slot, application=application
        )
    except DomainError as exc:
        if exc.code == "already_booked":
            # A double tap or a retry: the first request booked it; show that booking.
            existing = (
                selectors.appointments_for_citizen(request.user)
                .filter(slot=slot, state="booked")
                .first()
            )
            if existing is not None:
                messages.info(request, _("Anda sudah memesan jadwal ini."))
                return redirect("civil_registry:appointment_detail", pk=existing.pk)
        return refused_response(request, exc, back_url=f"{back}?lokasi={slot.location.code}")
    messages.success(request, _("Jadwal kunjungan dipesan. Tunjukkan kode QR ini di loket."))
    return redirect("civil_registry:appointment_detail", pk=appointment.pk)


@never_cache
@login_required
@require_GET
def appointment_detail(request, pk: int):
    """The booking with its code and QR code to show at the counter; move or cancel it."""
    appointment = _appointment_or_404(request, pk)
    slot = appointment.slot
    days: list[dict] = []
    if appointment.state == appointment.State.BOOKED:
        date_from, date_to = _booking_window()
        days = _slot_days(
            s
            for s in selectors.appointment_slots_available(
                location=slot.location,
                service_type=slot.service_type,
                date_from=date_from,
                date_to=date_to,
            )
            if s.pk != slot.pk
        )
    return render(
        request,
        "civil_registry/appointment_detail.html",
        {
            "appointment": appointment,
            "qr": qr_data_uri(appointment.code),
            "days": days,
            "actions": set(APPOINTMENT_WORKFLOW.allowed_actions(request.user, appointment)),
        },
    )


@login_required
@require_POST
def appointment_reschedule(request, pk: int):
    appointment = _appointment_or_404(request, pk)
    back = reverse("civil_registry:appointment_detail", kwargs={"pk": appointment.pk})
    form = AppointmentRescheduleForm(request.POST)
    if not form.is_valid():
        error = InvalidInput(_("Pilih jadwal baru dari daftar slot."))
        return refused_response(request, error, back_url=back)
    new_slot = selectors.appointment_slot_by_id(form.cleaned_data["slot"])
    if new_slot is None:
        raise Http404(_("Jadwal tidak ditemukan."))
    try:
        services.appointment_reschedule(
            appointment=appointment, user=request.user, new_slot=new_slot
        )
    except DomainError as exc:
        return refused_response(request, exc, back_url=back)
    messages.success(request, _("Jadwal kunjungan dipindahkan. Kode booking tetap sama."))
    return redirect(back)


@login_required
@require_POST
def appointment_cancel(request, pk: int):
    appointment = _appointment_or_404(request, pk)
    try:
        services.appointment_cancel(appointment=appointment, user=request.user)
    except DomainError as exc:
        back = reverse("civil_registry:appointment_detail", kwargs={"pk": appointment.pk})
        return refused_response(request, exc, back_url=back)
    messages.success(request, _("Janji temu dibatalkan."))
    return redirect("civil_registry:appointments")
