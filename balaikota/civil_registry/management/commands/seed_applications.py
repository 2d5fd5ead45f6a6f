"""manage.py seed_applications: bulk benchmark data (1 million applications and more)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from balaikota.civil_registry.seed import applications_bulk_seed


class Command(BaseCommand):
    help = (
        "Buat permohonan akta kelahiran massal untuk pengukuran kinerja (bulk, tanpa berkas). "
        "Butuh jenis layanan dan OPD: load_service_types, load_areas, load_opds."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=100000)
        parser.add_argument("--batch", type=int, default=10000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--citizen", default="", help="e-mail warga pemilik semua permohonan")

    def handle(self, *args, count, batch, seed, citizen, **options):
        owner = None
        if citizen:
            owner = get_user_model().objects.filter(email__iexact=citizen).first()
            if owner is None:
                raise CommandError(f"Warga {citizen} tidak ditemukan.")
        try:
            made = applications_bulk_seed(count=count, seed=seed, batch=batch, citizen=owner)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"{made} permohonan dibuat."))
