"""manage.py seed_civil_registry_demo: birth-certificate applications in every state."""

from django.core.management.base import BaseCommand

from balaikota.civil_registry.demo import civil_registry_demo_seed


class Command(BaseCommand):
    help = (
        "Buat permohonan akta kelahiran contoh di setiap status (draf sampai terbit) melalui "
        "layanan yang sebenarnya. Jalankan setelah seed_demo."
    )

    def add_arguments(self, parser):
        parser.add_argument("--per-state", type=int, default=2)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--force", action="store_true", help="tambah meski sudah ada data")

    def handle(self, *args, per_state, seed, force, **options):
        result = civil_registry_demo_seed(per_state=per_state, seed=seed, force=force)
        if result.skipped:
            self.stdout.write(self.style.WARNING(result.skipped))
            return
        summary = ", ".join(f"{state}: {n}" for state, n in result.created.items())
        self.stdout.write(self.style.SUCCESS(f"Permohonan contoh dibuat — {summary}."))
