"""Local signing CA: `signing_ca init` creates it (and the local timestamp authority) once;
`signing_ca issue --user <username>` gives an official a signing certificate (CN = full name,
serialNumber = NIP/username); `signing_ca revoke --serial <hex> --reason "…"` lists one in the
CA's CRL (/pki/crl/)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from balaikota.documents import ca
from balaikota.documents.models import SigningCertificate
from balaikota.documents.services import certificate_issue, certificate_revoke


class Command(BaseCommand):
    help = "Manage the local certificate authority used by the local PAdES signer."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("init", help="Create the local root CA (does nothing if it exists).")
        issue = sub.add_parser("issue", help="Issue a signing certificate to an official.")
        issue.add_argument("--user", required=True, help="username (NIP for civil servants)")
        issue.add_argument("--days", type=int, default=730, help="validity in days")
        revoke = sub.add_parser(
            "revoke", help="Revoke a signing certificate (lost key, dismissal)."
        )
        revoke.add_argument("--serial", required=True, help="the certificate's serial (hex)")
        revoke.add_argument("--reason", required=True)

    def handle(self, *args, action, **options):
        if action == "init":
            local_ca, created = ca.ca_init()
            tsa = ca.tsa_init()
            subject = local_ca.certificate.subject.rfc4514_string()
            verb = "Created" if created else "Already present:"
            self.stdout.write(f"{verb} local CA {subject} in {ca.signing_dir()}")
            self.stdout.write(f"Timestamp authority: {tsa.certificate.subject.rfc4514_string()}")
            return
        if action == "revoke":
            try:
                certificate = SigningCertificate.objects.get(serial=options["serial"].lower())
            except SigningCertificate.DoesNotExist as exc:
                raise CommandError(f"No certificate with serial {options['serial']!r}.") from exc
            certificate = certificate_revoke(certificate=certificate, reason=options["reason"])
            self.stdout.write(
                f"Revoked {certificate.serial} ({certificate.subject_cn}) at "
                f"{certificate.revoked_at:%Y-%m-%d %H:%M}"
            )
            return
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: options["user"]})
        except User.DoesNotExist as exc:
            raise CommandError(f"No user with username {options['user']!r}.") from exc
        certificate = certificate_issue(user=user, valid_days=options["days"])
        self.stdout.write(
            f"Issued certificate {certificate.serial} to {certificate.subject_cn}, "
            f"valid until {certificate.not_after:%Y-%m-%d}"
        )
