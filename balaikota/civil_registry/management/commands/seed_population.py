"""manage.py seed_population: synthetic residents of Kota Semarang for the local register."""

from django.core.management.base import BaseCommand

from balaikota.civil_registry.seed import population_seed


class Command(BaseCommand):
    help = (
        "Isi register penduduk lokal dengan penduduk sintetis Kota Semarang (NIK sah untuk "
        "kecamatan 33.74.01–16, keluarga dengan orang tua dan anak). Hasilnya sama untuk seed "
        "yang sama; menjalankan ulang tidak menggandakan data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--residents", type=int, default=2000, help="jumlah penduduk (±)")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--batch", type=int, default=2000, help="keluarga per transaksi")

    def handle(self, *args, residents, seed, batch, **options):
        result = population_seed(residents=residents, seed=seed, batch=batch)
        self.stdout.write(
            self.style.SUCCESS(
                f"Register penduduk: {result.families} KK dan {result.residents} penduduk baru."
            )
        )
