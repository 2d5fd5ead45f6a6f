"""manage.py load_opds: the agencies of Kota Semarang with their units and positions."""

from django.core.management.base import BaseCommand, CommandError

from balaikota.organization.services import AreaDataMissing, opd_structure_load


class Command(BaseCommand):
    help = (
        "Muat OPD Pemerintah Kota Semarang beserta unit kerja dan jabatannya (termasuk 16 kantor "
        "kecamatan). Aman dijalankan berulang kali; tidak menghapus apa pun."
    )

    def handle(self, *args, **options):
        try:
            result = opd_structure_load()
        except AreaDataMissing as exc:
            raise CommandError(
                f"Data wilayah {exc} belum dimuat. Jalankan dulu: manage.py load_areas --regency {exc}"
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"OPD: {result.opds_created} baru; unit: {result.units_created} baru; "
                f"jabatan: {result.positions_created} baru; {result.updated} diperbarui."
            )
        )
