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
    SERVICE_MANAGER = "service_manager", _("Pengelola pelayanan publik")
    CHANGE_AGENT = "change_agent", _("Agen perubahan")
    LEADER = "leader", _("Pimpinan")
    PLATFORM_ADMIN = "platform_admin", _("Admin platform")


STAFF_ROLES = frozenset(Role) - {Role.CITIZEN}
# Roles that work in the back office (/admin/): what each may see and change there comes from
# its group's model permissions and the apps' rules (the competency admin edits the competency
# dictionary, programmes and classes; the platform admin the rest).
BACK_OFFICE_ROLES = frozenset({Role.PLATFORM_ADMIN, Role.COMPETENCY_ADMIN})
# Roles that only make sense inside one agency; the others are city-wide.
OPD_SCOPED_ROLES = frozenset(
    {
        Role.SERVICE_OFFICER,
        Role.VERIFIER,
        Role.SIGNING_OFFICIAL,
        Role.RECORDS_CLERK,
        Role.CHANGE_AGENT,
        Role.SERVICE_MANAGER,
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

    #: role → the OPD ids where it is held (null: city-wide), as ``RoleAssignment`` has it: every
    #: write of an assignment (``services.role_grant``/``role_revoke``, the admin's inline) calls
    #: ``role_scopes_refresh`` in its transaction, so the role checks of a request read it with
    #: the account's row instead of a query of their own. Never written by ``save()``: a stale
    #: instance saved later must not bring back a revoked role.
    role_scopes = models.JSONField(_("peran (ringkasan)"), default=dict, blank=True, editable=False)

    def save(self, *args, **kwargs):
        if (
            not self._state.adding
            and kwargs.get("update_fields") is None
            and not kwargs.get("force_insert")
        ):
            deferred = self.get_deferred_fields()
            kwargs["update_fields"] = [
                f.attname
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name != "role_scopes" and f.attname not in deferred
            ]
        elif kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = [f for f in kwargs["update_fields"] if f != "role_scopes"]
        super().save(*args, **kwargs)

    @property
    def role_codes(self) -> frozenset[str]:
        """The roles this person holds."""
        return frozenset(self.role_scope_map())

    def role_scope_map(self) -> dict[str, frozenset]:
        """Role → the OPD ids where it is held (None: city-wide), from ``role_scopes`` (no query);
        recomputed whenever ``role_scopes`` is replaced (a refresh, ``refresh_from_db``)."""
        cached = getattr(self, "_role_scope_map", None)
        if cached is None or cached[0] is not self.role_scopes:
            scopes = {role: frozenset(ids) for role, ids in (self.role_scopes or {}).items()}
            cached = (self.role_scopes, scopes)
            self._role_scope_map = cached
        return cached[1]

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


def role_scopes_refresh(user_id: int) -> dict[str, list]:
    """Rewrite ``User.role_scopes`` from the person's ``RoleAssignment`` rows, under a lock on
    the account's row so that two grants at once cannot each write a map missing the other."""
    from django.db import transaction

    with transaction.atomic():
        list(User.objects.select_for_update().filter(pk=user_id).values_list("pk", flat=True))
        scopes: dict[str, list] = {}
        rows = RoleAssignment.objects.filter(user_id=user_id).order_by("role", "opd_id")
        for role, opd_id in rows.values_list("role", "opd_id"):
            scopes.setdefault(role, []).append(opd_id)
        User.objects.filter(pk=user_id).update(role_scopes=scopes)
    return scopes


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


class Device(models.Model):
    """A phone a civil servant signed in from with the mobile app: its own token (django-rest-knox's
    ``AuthToken``, kept only as a hash, expiring, refreshed on use) and what the person sees of
    it — the name they gave, when and from where it signed in, when it was last used.

    Ending a device deletes its token and keeps this row (``ended_at``, ``end_reason``), so a
    request with the dead token is told why, and the history stays in the audit trail. Rows
    ended ``KEPT`` ago are purged (``services.devices_expire``, daily).
    """

    KEPT = dt.timedelta(days=90)

    class EndReason(models.TextChoices):
        SIGNED_OUT = "signed_out", _("Keluar dari aplikasi")
        REVOKED = "revoked", _("Dikeluarkan dari akun")
        PASSWORD_CHANGED = "password_changed", _("Kata sandi diganti")
        MFA_REMOVED = "mfa_removed", _("Autentikasi dua langkah dihapus")
        MFA_REQUIRED = "mfa_required", _("Autentikasi dua langkah menjadi wajib")
        ACCOUNT_DEACTIVATED = "account_deactivated", _("Akun dinonaktifkan")
        EXPIRED = "expired", _("Kedaluwarsa")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="devices")
    token = models.OneToOneField(
        "knox.AuthToken",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="device",
        editable=False,
    )
    #: the token's hash (knox's ``digest``), kept after the token is gone: a request with an
    #: ended token is recognised and told why
    token_digest = models.CharField(max_length=128, unique=True, editable=False)
    name = models.CharField(_("nama perangkat"), max_length=60)
    created_at = models.DateTimeField(_("masuk pada"), default=timezone.now, editable=False)
    created_ip = models.GenericIPAddressField(_("masuk dari alamat"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)
    last_used_ip = models.GenericIPAddressField(
        _("terakhir dipakai dari alamat"), null=True, blank=True
    )
    #: signed in with a TOTP or recovery code (a device signed in without one stops working
    #: when the second factor becomes required for staff)
    with_mfa = models.BooleanField(_("masuk dengan autentikasi dua langkah"), default=False)
    ended_at = models.DateTimeField(_("berakhir"), null=True, blank=True)
    end_reason = models.CharField(
        _("alasan berakhir"), max_length=30, choices=EndReason.choices, blank=True
    )
    ended_by = models.ForeignKey(
        User,
        verbose_name=_("diakhiri oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("perangkat seluler")
        verbose_name_plural = _("perangkat seluler")
        indexes = [models.Index(fields=["user", "-created_at"], name="accounts_device_user_idx")]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(ended_at__isnull=True) & models.Q(end_reason=""))
                | (models.Q(ended_at__isnull=False) & ~models.Q(end_reason="")),
                name="accounts_device_ended_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.user}"

    @property
    def expires_at(self):
        """When the token expires unless used before (None once the device has ended)."""
        return self.token.expiry if self.token_id and self.token is not None else None
