"""manage.py load_complaint_categories: the default categories and their deadlines."""

from django.core.management.base import BaseCommand

from balaikota.complaints.services import complaint_categories_load


class Command(BaseCommand):
    help = "Buat kategori pengaduan bawaan (yang sudah ada tidak diubah)."

    def handle(self, *args, **options):
        created = complaint_categories_load()
        self.stdout.write(f"Kategori pengaduan: {created} baru.")
