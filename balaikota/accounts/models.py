"""People who sign in, and the roles they hold (optionally scoped to one OPD)."""

import datetime as dt

from django.contrib.auth.models import AbstractUser, Group, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balaikota.core.identity import validate_nik, validate_nip


class Role(models.TextChoices):
    """Every role is also a Django group of the same name (model permissions for the admin)."""

    CITIZEN = "citizen", _("Warga")
    CIVIL_SERVANT = "civil_servant", _("ASN")
    SERVICE_OFFICER = "service_officer", _("Petugas layanan")
    VERIFIER = "verifier", _("Verifikator")
    SIGNING_OFFICIAL = "signing_official", _("Pejabat penandatangan")
    COMPETENCY_ADMIN = "competency_admin", _("Admin pengembangan kompetensi")
    RECORDS_CLERK = "records_clerk", _("Petugas tata usaha")
    CHANGE_AGENT = "change_agent", _("Agen perubahan")
    LEADER = "leader", _("Pimpinan")
    PLATFORM_ADMIN = "platform_admin", _("Admin platform")


STAFF_ROLES = frozenset(Role) - {Role.CITIZEN}
# Roles that only make sense inside one agency; the others are city-wide.
OPD_SCOPED_ROLES = frozenset(
    {
        Role.SERVICE_OFFICER,
        Role.VERIFIER,
        Role.SIGNING_OFFICIAL,
        Role.RECORDS_CLERK,
        Role.CHANGE_AGENT,
    }
)


class User(AbstractUser):
    """A person. Citizens sign in with e-mail; civil servants with their NIP (stored as username)."""

    class Kind(models.TextChoices):
        CITIZEN = "citizen", _("Warga")
        EMPLOYEE = "employee", _("ASN")

    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    full_name = models.CharField(_("nama lengkap"), max_length=150)
    email = models.EmailField(_("alamat e-mail"), blank=True)
    kind = models.CharField(
        _("jenis akun"), max_length=10, choices=Kind.choices, default=Kind.CITIZEN
    )
    nik = models.CharField(
        _("NIK"), max_length=16, null=True, blank=True, unique=True, validators=[validate_nik]
    )
    nip = models.CharField(
        _("NIP"), max_length=18, null=True, blank=True, unique=True, validators=[validate_nip]
    )
    phone = models.CharField(_("nomor ponsel"), max_length=20, blank=True)
    #: when ``phone`` was confirmed with a code sent to it; SMS and WhatsApp go only to a
    #: verified number (services.phone_verification_confirm)
    phone_verified_at = models.DateTimeField(_("nomor ponsel diverifikasi"), null=True, blank=True)

    objects = UserManager()

    REQUIRED_FIELDS = ["email", "full_name"]

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="accounts_user_email_ci_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        """The name to greet with: the full name without titles ("Hendra Wijaya", not "Dr.")."""
        from balaikota.core.identity import plain_name

        return plain_name(self.full_name) or self.username

    @property
    def role_codes(self) -> frozenset[str]:
        """The roles this person holds; cached on the instance for the request."""
        return frozenset(self.role_scope_map())

    def role_assignment_rows(self) -> list:
        """The person's role assignments with their OPD, in one query cached on the instance for
        the request: the role checks of every page and the home page's badges share it."""
        rows = getattr(self, "_role_rows", None)
        if rows is None:
            rows = list(self.role_assignments.select_related("opd").order_by("role", "pk"))
            self._role_rows = rows
        return rows

    def role_scope_map(self) -> dict[str, frozenset]:
        """Role → the OPD ids where it is held (None: city-wide), from ``role_assignment_rows``."""
        cached = getattr(self, "_role_scope_map", None)
        if cached is None:
            scopes: dict[str, set] = {}
            for assignment in self.role_assignment_rows():
                scopes.setdefault(assignment.role, set()).add(assignment.opd_id)
            cached = {role: frozenset(ids) for role, ids in scopes.items()}
            self._role_scope_map = cached
        return cached

    def has_role(self, role: str) -> bool:
        return role in self.role_codes

    @property
    def is_staff_role(self) -> bool:
        return bool(self.role_codes & STAFF_ROLES)


class RoleAssignment(models.Model):
    """A role held by a person, scoped to an OPD where the role is agency-bound."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("peran"), max_length=30, choices=Role.choices)
    opd = models.ForeignKey(
        "organization.Opd",
        verbose_name=_("OPD"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
    )
    granted_at = models.DateTimeField(_("diberikan"), auto_now_add=True)

    class Meta:
        verbose_name = _("penugasan peran")
        verbose_name_plural = _("penugasan peran")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "opd"], name="accounts_role_unique_per_opd"
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(opd__isnull=True),
                name="accounts_role_unique_citywide",
            ),
        ]

    def __str__(self) -> str:
        scope = f" @ {self.opd}" if self.opd_id else ""
        return f"{self.get_role_display()}{scope}"


def role_group(role: str) -> Group:
    group, _created = Group.objects.get_or_create(name=role)
    return group


class PhoneVerification(models.Model):
    """A code sent to a phone number the person wants on their account. The number becomes
    theirs only when the code is typed back (within ``VALID_FOR``, in ``MAX_ATTEMPTS`` tries).
    The code is kept only as a keyed digest."""

    VALID_FOR = dt.timedelta(minutes=10)
    MAX_ATTEMPTS = 5

    class Channel(models.TextChoices):
        SMS = "sms", _("SMS")
        WHATSAPP = "whatsapp", _("WhatsApp")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="phone_verifications")
    number = models.CharField(_("nomor ponsel"), max_length=20)
    channel = models.CharField(_("saluran"), max_length=10, choices=Channel.choices)
    code_digest = models.CharField(max_length=64, editable=False)
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("kedaluwarsa"))
    verified_at = models.DateTimeField(_("diverifikasi"), null=True, blank=True)

    class Meta:
        verbose_name = _("verifikasi nomor ponsel")
        verbose_name_plural = _("verifikasi nomor ponsel")
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.channel} · {self.created_at:%Y-%m-%d %H:%M}"

    def is_open(self, moment=None) -> bool:
        moment = moment or timezone.now()
        return (
            self.verified_at is None
            and self.attempts < self.MAX_ATTEMPTS
            and moment < self.expires_at
        )
