"""Load or refresh the seeded civil-registration services of Disdukcapil (idempotent)."""

from django.core.management.base import BaseCommand, CommandError

from balaikota.catalogue import services
from balaikota.organization.selectors import opds_active


class Command(BaseCommand):
    help = "Muat katalog layanan administrasi kependudukan Disdukcapil (aman dijalankan ulang)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--opd",
            default="",
            help="Kode OPD penyelenggara (bawaan: disdukcapil, lalu OPD bernama 'Kependudukan').",
        )

    def handle(self, *args, opd: str = "", **options):
        target = None
        if opd:
            target = opds_active().filter(code=opd).first()
            if target is None:
                raise CommandError(f"OPD dengan kode {opd!r} tidak ditemukan.")
        try:
            result = services.service_catalogue_load(opd=target)
        except services.CatalogueOpdMissing as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Katalog layanan dimuat: {result.created} baru, {result.updated} diperbarui, "
                f"{result.unchanged} tetap."
            )
        )
