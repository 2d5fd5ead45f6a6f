"""manage.py load_areas [--regency 33.74]: load Indonesia's administrative areas (idn-area-data)."""

import time

from django.core.management.base import BaseCommand, CommandError

from balaikota.organization.services import areas_load


class Command(BaseCommand):
    help = (
        "Muat provinsi, kabupaten/kota, kecamatan dan kelurahan/desa dari idn-area-data 4.0.1 "
        "(ODbL). Aman dijalankan berulang kali."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--regency",
            metavar="PP.KK",
            help="Hanya kecamatan dan kelurahan satu kabupaten/kota, mis. 33.74 (Kota Semarang).",
        )

    def handle(self, *args, regency=None, **options):
        if regency is not None and not (
            len(regency) == 5 and regency[2] == "." and regency.replace(".", "").isdigit()
        ):
            raise CommandError("--regency harus berbentuk PP.KK, mis. 33.74")
        started = time.monotonic()
        result = areas_load(regency=regency)
        elapsed = time.monotonic() - started
        for label in ("provinces", "regencies", "districts", "villages"):
            self.stdout.write(
                f"{label:<10} +{result.created[label]:>6} baru, {result.updated[label]:>6} diperbarui"
            )
        self.stdout.write(
            self.style.SUCCESS(f"Data wilayah dimuat dalam {elapsed:.1f} detik.")
            + " Data wilayah: idn-area-data 4.0.1 oleh Fityan, ODbL."
        )
