"""manage.py refresh_statistics: recompute the public figures now (beat does it hourly)."""

from django.core.management.base import BaseCommand

from balaikota.transparency.services import statistics_refresh


class Command(BaseCommand):
    help = "Hitung ulang angka kinerja layanan untuk halaman transparansi (12 bulan terakhir)."

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=12)

    def handle(self, *args, months, **options):
        rows = statistics_refresh(months=months)
        self.stdout.write(f"Statistik layanan: {rows} baris.")
