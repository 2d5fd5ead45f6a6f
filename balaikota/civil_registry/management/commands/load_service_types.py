"""manage.py load_service_types: the civil-registration service types and their requirements."""

from django.core.management.base import BaseCommand

from balaikota.civil_registry.services import service_types_load


class Command(BaseCommand):
    help = (
        "Muat jenis layanan kependudukan (akta kelahiran, akta kematian, perubahan KK, KIA, "
        "pindah, akta perkawinan/perceraian, perekaman KTP-el) beserta persyaratannya. Aman "
        "dijalankan berulang kali."
    )

    def handle(self, *args, **options):
        created, updated = service_types_load()
        self.stdout.write(
            self.style.SUCCESS(f"Jenis layanan: {created} baru, {updated} diperbarui.")
        )
