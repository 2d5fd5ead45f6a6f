"""manage.py load_service_locations: bookable counters and (optionally) their slots."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from balaikota.civil_registry.models import ServiceLocation, ServiceType
from balaikota.civil_registry.services import appointment_slots_generate, service_locations_load


class Command(BaseCommand):
    help = (
        "Buat lokasi layanan (Dispendukcapil, 16 kantor kecamatan, MPP) dan buka slot antrean "
        "untuk layanan yang perlu datang (mis. perekaman KTP-el) pada hari kerja berikutnya."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=10, help="hari kerja yang dibuka")
        parser.add_argument("--capacity", type=int, default=20, help="kursi per slot")

    def handle(self, *args, days, capacity, **options):
        created = service_locations_load()
        slots = 0
        today = timezone.localdate()
        for service_type in ServiceType.objects.filter(needs_visit=True, is_active=True):
            for location in ServiceLocation.objects.filter(is_active=True):
                slots += appointment_slots_generate(
                    location=location,
                    service_type=service_type,
                    start=today,
                    days=days,
                    capacity=capacity,
                )
        self.stdout.write(self.style.SUCCESS(f"Lokasi baru: {created}; slot baru: {slots}."))
