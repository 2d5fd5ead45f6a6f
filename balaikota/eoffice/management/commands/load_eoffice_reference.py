"""manage.py load_eoffice_reference: the letter kinds and archive classification codes."""

from django.core.management.base import BaseCommand

from balaikota.eoffice.services import reference_load


class Command(BaseCommand):
    help = "Muat jenis naskah dinas dan kode klasifikasi arsip bawaan (aman diulang)."

    def handle(self, *args, **options):
        kinds, codes = reference_load()
        self.stdout.write(f"Jenis naskah baru: {kinds}; kode klasifikasi baru: {codes}.")
