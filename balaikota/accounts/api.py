"""API sign-in for the two mobile apps, and the account's phone number.

Citizens exchange e-mail + password for DRF's token (one per person), sent as
``Authorization: Token <key>``; DELETE revokes it. Civil servants sign each phone in with NIP,
password and their second factor (``services.device_sign_in``) and get a knox token of that
device, sent as ``Authorization: Bearer <token>``; they see and end their devices here and on
the web profile.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from balaikota.core.api import ErrorSerializer
from balaikota.core.errors import Forbidden, InvalidInput
from balaikota.core.ratelimit import client_ip

from . import selectors, services, sign_in
from .device_auth import DeviceTokenAuthentication
from .models import User


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField(label=gettext_lazy("E-mail"))
    password = serializers.CharField(label=gettext_lazy("Kata sandi"), trim_whitespace=False)


class TokenView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=TokenRequestSerializer,
        responses={200: inline_serializer("TokenResponse", {"token": serializers.CharField()})},
    )
    def post(self, request):
        form = TokenRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        email = form.validated_data["email"].lower()
        sign_in.ensure_open(request, email)  # the same lock-outs as the web sign-in
        user = authenticate(request, email=email, password=form.validated_data["password"])
        if user is None:
            sign_in.failed(request, email)
            raise InvalidInput(_("E-mail atau kata sandi salah."), code="invalid_credentials")
        sign_in.succeeded(request, email)
        if user.kind != User.Kind.CITIZEN or user.is_staff_role:
            raise Forbidden(
                _(
                    "Akun petugas masuk melalui POST /api/v1/akun/perangkat/ dengan NIP, kata "
                    "sandi dan kode autentikasi dua langkah."
                ),
                code="staff_account",
            )
        if not EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists():
            raise Forbidden(
                _("Konfirmasi alamat e-mail Anda terlebih dahulu."), code="email_unconfirmed"
            )
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


class TokenRevokeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None})
    def delete(self, request):
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class PhoneNumberSerializer(serializers.Serializer):
    number = serializers.CharField(label=gettext_lazy("Nomor ponsel"), max_length=20)
    channel = serializers.ChoiceField(
        label=gettext_lazy("Saluran"), choices=["sms", "whatsapp"], default="sms"
    )


class PhoneCodeSerializer(serializers.Serializer):
    code = serializers.CharField(label=gettext_lazy("Kode verifikasi"), max_length=12)


_PHONE_STATE = inline_serializer(
    "PhoneState",
    {
        "number": serializers.CharField(),
        "verified": serializers.BooleanField(),
        "code_expires_at": serializers.DateTimeField(allow_null=True),
    },
)


def _phone_state(user) -> dict:
    status = selectors.phone_status(user)
    return {
        "number": status.number,
        "verified": status.verified,
        "code_expires_at": status.code_expires_at,
    }


class PhoneView(APIView):
    """The account's phone number: GET its state; POST a number to send a code to (SMS or
    WhatsApp) — the same service as the profile page."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: _PHONE_STATE})
    def get(self, request):
        return Response(_phone_state(request.user))

    @extend_schema(request=PhoneNumberSerializer, responses={202: _PHONE_STATE})
    def post(self, request):
        form = PhoneNumberSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.phone_verification_start(user=request.user, **form.validated_data)
        return Response(_phone_state(request.user), status=status.HTTP_202_ACCEPTED)


class PhoneCodeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=PhoneCodeSerializer, responses={200: _PHONE_STATE})
    def post(self, request):
        form = PhoneCodeSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        user = services.phone_verification_confirm(
            user=request.user, code=form.validated_data["code"]
        )
        return Response(_phone_state(user))


# --- The civil servants' app: one token per phone ----------------------------------------------

DEVICE_TAGS = ["Akun petugas (perangkat)"]


class DeviceSignInSerializer(serializers.Serializer):
    login = serializers.CharField(label=gettext_lazy("NIP atau e-mail"), max_length=254)
    password = serializers.CharField(
        label=gettext_lazy("Kata sandi"), trim_whitespace=False, max_length=4096
    )
    code = serializers.CharField(
        label=gettext_lazy("Kode autentikasi"),
        help_text=gettext_lazy(
            "Kode 6 angka dari aplikasi autentikator, atau satu kode pemulihan; wajib bila "
            "autentikasi dua langkah aktif."
        ),
        required=False,
        allow_blank=True,
        max_length=64,
    )
    device_name = serializers.CharField(
        label=gettext_lazy("Nama perangkat"),
        help_text=gettext_lazy("Nama yang Anda kenali di daftar perangkat, mis. “Android Ratna”."),
        max_length=60,
    )


class DeviceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    created_at = serializers.DateTimeField(help_text="Waktu masuk.")
    created_ip = serializers.IPAddressField(allow_null=True, help_text="Alamat saat masuk.")
    last_used_at = serializers.DateTimeField(allow_null=True)
    last_used_ip = serializers.IPAddressField(allow_null=True)
    expires_at = serializers.DateTimeField(
        help_text="Kedaluwarsa bila tidak dipakai sampai saat ini (diperpanjang setiap dipakai)."
    )
    with_mfa = serializers.BooleanField(help_text="Masuk dengan kode autentikasi dua langkah.")
    current = serializers.SerializerMethodField(help_text="Perangkat yang mengirim permintaan ini.")

    def get_current(self, device) -> bool:
        auth = getattr(self.context.get("request"), "auth", None)
        return getattr(auth, "pk", None) is not None and auth.pk == device.token_id


_DEVICE_SIGNED_IN = inline_serializer(
    "DeviceToken",
    {
        "token": serializers.CharField(
            help_text="Kirim sebagai `Authorization: Bearer <token>`. Hanya ditampilkan sekali."
        ),
        "expiry": serializers.DateTimeField(),
        "device": DeviceSerializer(),
    },
)


class DeviceView(APIView):
    """POST: sign this phone in (staff). DELETE: sign this phone out (its own token)."""

    authentication_classes = [DeviceTokenAuthentication]

    def initialize_request(self, request, *args, **kwargs):
        # Signing in reads no credentials: an app that still sends the token of an earlier,
        # ended sign-in must not be refused for it.
        self.signing_in = request.method == "POST"
        return super().initialize_request(request, *args, **kwargs)

    def get_authenticators(self):
        return [] if getattr(self, "signing_in", False) else super().get_authenticators()

    def get_permissions(self):
        if self.request.method == "POST":
            return [AllowAny()]
        return [IsAuthenticated()]

    @extend_schema(
        tags=DEVICE_TAGS,
        summary="Masuk dari perangkat (petugas)",
        description=(
            "NIP (atau e-mail) dan kata sandi, kode TOTP atau kode pemulihan bila autentikasi "
            "dua langkah aktif, dan nama perangkat → token perangkat dengan masa berlakunya. "
            "Kata sandi atau kode yang salah dihitung seperti masuk di situs (dikunci sementara "
            "setelah beberapa kali salah, 429). Akun warga ditolak (403 `citizen_account`); "
            "petugas yang wajib tetapi belum memasang autentikasi dua langkah ditolak (403 "
            "`mfa_enrolment_required`); batas perangkat tercapai: 409 `device_limit`."
        ),
        request=DeviceSignInSerializer,
        responses={201: _DEVICE_SIGNED_IN, 403: ErrorSerializer},
        auth=[],
    )
    def post(self, request):
        form = DeviceSignInSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        signed_in = services.device_sign_in(
            request=request,
            login=data["login"],
            password=data["password"],
            code=data.get("code", ""),
            name=data["device_name"],
        )
        device = signed_in.device
        return Response(
            {
                "token": signed_in.token,
                "expiry": device.expires_at,
                "device": DeviceSerializer(device, context={"request": request}).data,
            },
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        tags=DEVICE_TAGS,
        summary="Keluar dari perangkat ini",
        operation_id="v1_akun_perangkat_keluar",
        description="Mencabut token perangkat yang mengirim permintaan ini.",
        request=None,
        responses={204: None},
    )
    def delete(self, request):
        services.device_sign_out(device=request.auth.device, address=client_ip(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class DeviceListView(APIView):
    """The person's signed-in phones (session or any of those phones)."""

    @extend_schema(
        tags=DEVICE_TAGS,
        summary="Perangkat saya",
        description="Perangkat yang sedang masuk, terbaru dahulu; `current` menandai perangkat ini.",
        responses={200: DeviceSerializer(many=True)},
    )
    def get(self, request):
        if not request.user.has_perm("accounts.use_devices"):
            raise Forbidden()
        rows = selectors.live_devices(request.user)
        return Response(DeviceSerializer(rows, many=True, context={"request": request}).data)


class DeviceRevokeView(APIView):
    @extend_schema(
        tags=DEVICE_TAGS,
        summary="Keluarkan salah satu perangkat saya",
        operation_id="v1_akun_perangkat_keluarkan",
        description="Perangkat orang lain, yang sudah keluar, atau yang tidak ada: 404.",
        request=None,
        responses={204: None},
    )
    def delete(self, request, pk: int):
        services.device_revoke(user=request.user, device_id=pk, address=client_ip(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class DeviceTokenScheme(OpenApiAuthenticationExtension):
    """The device token in the schema's security schemes (drf-spectacular)."""

    target_class = "balaikota.accounts.device_auth.DeviceTokenAuthentication"
    name = "perangkatPetugas"

    def get_security_definition(self, auto_schema):
        days, most = settings.BALAIKOTA_DEVICE_TOKEN_DAYS, settings.BALAIKOTA_DEVICE_TOKEN_MAX_DAYS
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "Token perangkat petugas (ASN) dari `POST /api/v1/akun/perangkat/` (NIP atau "
                "e-mail, kata sandi, kode TOTP atau kode pemulihan bila autentikasi dua langkah "
                "aktif, nama perangkat), dikirim sebagai `Authorization: Bearer <token>`. "
                f"Berlaku {days} hari sejak terakhir dipakai, paling lama {most} hari sejak "
                f"masuk; paling banyak {settings.BALAIKOTA_DEVICE_LIMIT} perangkat. Token yang "
                "kedaluwarsa atau dicabut dijawab 401 dengan `code` `token_expired` atau "
                "`token_revoked`. Warga memakai `Authorization: Token <key>` (tokenAuth)."
            ),
        }
