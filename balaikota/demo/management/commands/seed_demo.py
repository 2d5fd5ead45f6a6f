"""manage.py seed_demo: a demo city with agencies, civil servants, citizens and one login per role."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from balaikota.demo.logins import DEMO_ACCOUNTS
from balaikota.demo.services import AREA_CHOICES, demo_seed
from balaikota.organization.services import ImportRejected


class Command(BaseCommand):
    help = (
        "Isi data demo: wilayah, golongan, OPD Kota Semarang beserta unit dan jabatan, 300 ASN, "
        "50 warga, dan satu akun demo per peran. Aman dijalankan berulang kali."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--areas",
            choices=AREA_CHOICES,
            default="all",
            help="Data wilayah yang dimuat: all (seluruh Indonesia, bawaan), semarang, atau none.",
        )
        parser.add_argument("--employees", type=int, default=300, help="Jumlah ASN (bawaan 300).")
        parser.add_argument("--citizens", type=int, default=50, help="Jumlah warga (bawaan 50).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Izinkan di pengaturan produksi (akun demo memakai kata sandi yang diketahui umum).",
        )

    def handle(self, *args, areas, employees, citizens, force, **options):
        if settings.SETTINGS_MODULE.endswith(".production") and not force:
            raise CommandError(
                "seed_demo membuat akun dengan kata sandi yang diketahui umum; di produksi "
                "jalankan hanya dengan --force untuk server demo."
            )
        if employees < 10 or citizens < 1:
            raise CommandError("--employees paling sedikit 10 dan --citizens paling sedikit 1.")
        try:
            result = demo_seed(areas=areas, employees=employees, citizens=citizens)
        except ImportRejected as exc:
            problems = "\n".join(exc.preview.messages()[:10])
            raise CommandError(
                f"Data ASN demo bertabrakan dengan data yang ada:\n{problems}"
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Data demo siap dalam {result.seconds:.1f} detik "
                f"(wilayah {result.areas_seconds:.1f} detik): {result.employees} ASN "
                f"({result.employees_created} baru; {result.heads_filled} dari "
                f"{result.heads_total} jabatan kepala terisi), {result.citizens} warga "
                f"({result.citizens_created} baru)."
            )
        )
        self._seed_civil_registry()
        self._seed_eoffice()
        self._seed_portal()
        self._seed_elearning()
        self._seed_competency()
        self._seed_devices()
        self.stdout.write("Data wilayah: idn-area-data 4.0.1 oleh Fityan, ODbL.\n")
        self._print_logins(settings.BALAIKOTA_DEMO_PASSWORD)

    def _seed_civil_registry(self) -> None:
        """Service types, a synthetic population register, counters for visits, and
        applications in every state made through the real services (each step idempotent)."""
        # The demo applications notify their (fictional) citizens: keep those e-mails off the console.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            for command in (
                "load_service_types",
                "seed_population",
                "load_service_locations",
                "seed_civil_registry_demo",
            ):
                call_command(command, stdout=self.stdout)

    def _seed_eoffice(self) -> None:
        """Letters in several states across two OPDs (signed ones through the real signer)."""
        from balaikota.eoffice.demo import eoffice_demo_seed

        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            letters = eoffice_demo_seed()
        self.stdout.write(f"Naskah dinas demo: {letters}.")

    def _seed_portal(self) -> None:
        """Demo complaints, then the public figures from everything seeded so far."""
        from balaikota.complaints.demo import complaints_demo_seed
        from balaikota.transparency.services import statistics_refresh

        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            added = complaints_demo_seed()
        rows = statistics_refresh()
        self.stdout.write(f"Pengaduan demo: {added} baru. Statistik layanan: {rows} baris.")

    def _seed_competency(self) -> None:
        """The competency dictionary and catalogue, classes in every state, a year of JP."""
        from balaikota.competency.demo import competency_demo_seed

        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            result = competency_demo_seed(
                admin_login=next(a.login for a in DEMO_ACCOUNTS if a.role == "competency_admin"),
                learner_login=next(a.login for a in DEMO_ACCOUNTS if a.role == "civil_servant"),
            )
        self.stdout.write(
            f"Kompetensi demo: {result['programmes']} program baru, {result['classes']} kelas "
            f"selesai, {result['credits']} kelulusan tercatat di buku JP."
        )

    def _seed_devices(self) -> None:
        """The demo civil servant's phone, signed in to the civil servants' app, so that her
        profile's "Perangkat seluler" shows what a device looks like (its token is thrown away:
        nobody can use it)."""
        from balaikota.accounts import selectors, services
        from balaikota.accounts.models import Role, User

        login = next(a.login for a in DEMO_ACCOUNTS if a.role == Role.CIVIL_SERVANT)
        ratna = User.objects.filter(username=login).first()
        name = "Android Ratna"
        if ratna is None or any(d.name == name for d in selectors.live_devices(ratna)):
            return
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            signed_in = services.device_register(
                user=ratna, name=name, address="10.34.12.7", with_mfa=False
            )
        services.device_touch(
            token_row=signed_in.device.token, device=signed_in.device, address="10.34.12.7"
        )

    def _seed_elearning(self) -> None:
        """Two demo courses with their tests and a SCORM package; the demo civil servant has
        taken one course's pre-test and read two lessons."""
        from balaikota.accounts.models import Role, User
        from balaikota.elearning.demo import elearning_demo_seed

        logins = {a.role: a.login for a in DEMO_ACCOUNTS}
        people = {u.username: u for u in User.objects.filter(username__in=logins.values())}
        added = elearning_demo_seed(
            learner=people.get(logins[Role.CIVIL_SERVANT]),
            admin=people.get(logins[Role.COMPETENCY_ADMIN]),
        )
        self.stdout.write(f"Kursus e-learning demo: {added} baru.")

    def _print_logins(self, password: str) -> None:
        rows = [("Peran", "Login", "Kata sandi", "Coba")]
        rows += [(a.role, a.login, password, str(a.try_this)) for a in DEMO_ACCOUNTS]
        widths = [max(len(r[i]) for r in rows) for i in range(3)]
        for number, (role, login, pw, hint) in enumerate(rows):
            self.stdout.write(
                f"{role:<{widths[0]}}  {login:<{widths[1]}}  {pw:<{widths[2]}}  {hint}"
            )
            if number == 0:
                self.stdout.write("  ".join("-" * w for w in widths) + "  " + "-" * 20)
        self.stdout.write(
            "Staf masuk dengan NIP, warga dengan e-mail. Semua ASN dan warga demo memakai kata "
            "sandi yang sama."
        )
