"""Booking a visit on a 360-px phone: the citizen books a KTP-el recording slot and sees the
booking's QR code; the counter officer checks them in by typing the code."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from balaikota.civil_registry.models import (
    Appointment,
    AppointmentSlot,
    ServiceLocation,
    ServiceType,
)

from .factories import later_today
from .test_browser_journey import assert_fits_the_phone, signed_in

pytestmark = pytest.mark.browser


def test_citizen_books_a_ktp_recording_and_the_officer_checks_in(
    browser, live_server, alice, officer, opd, service_types
):
    from playwright.sync_api import expect

    starts = later_today()
    if timezone.localdate(starts) != timezone.localdate():
        pytest.skip("the slot would fall on tomorrow; the counter checks in today's visits")
    location = ServiceLocation.objects.create(
        code="kec-semarang-tengah", name="Kecamatan Semarang Tengah", office=opd
    )
    AppointmentSlot.objects.create(
        location=location,
        service_type=ServiceType.objects.get(code="perekaman-ktp-el"),
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        capacity=3,
    )

    with (
        signed_in(browser, live_server, alice) as warga,
        signed_in(browser, live_server, officer) as petugas,
    ):
        warga.goto("/kependudukan/kunjungan/")
        assert_fits_the_phone(warga)
        warga.get_by_label("Keperluan kunjungan").select_option(label="Perekaman KTP-el")
        warga.get_by_label("Lokasi layanan").select_option(label="Kecamatan Semarang Tengah")
        warga.get_by_role("button", name="Tampilkan jadwal").click()
        warga.get_by_role("heading", name="Jadwal kosong di Kecamatan Semarang Tengah").wait_for()
        assert_fits_the_phone(warga)
        warga.get_by_role("button", name=re.compile(r"^Pesan \d\d:\d\d")).first.click()

        expect(warga).to_have_url(re.compile(r"/kependudukan/kunjungan/\d+/$"))
        code = warga.locator("#kode-booking").inner_text().strip()
        assert re.fullmatch(r"AP-[0-9A-Z]{8}", code)
        expect(warga.get_by_role("img", name=f"Kode QR booking {code}")).to_be_visible()
        assert_fits_the_phone(warga)

        petugas.goto("/kependudukan/petugas/")
        petugas.get_by_role("link", name="Kunjungan hari ini (check-in)").click()
        expect(petugas.get_by_role("cell", name=code)).to_be_visible()
        assert_fits_the_phone(petugas)
        petugas.get_by_label("Kode booking").fill(code.lower())
        petugas.get_by_role("button", name="Check-in").click()
        petugas.get_by_text(f"sudah hadir ({code})").wait_for()
        assert Appointment.objects.get(code=code).state == Appointment.State.CHECKED_IN
