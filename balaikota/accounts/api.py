"""API sign-in for the citizens' mobile app: exchange e-mail + password for a token.

Staff never get a token: they sign in on the web with TOTP. Tokens are DRF's (one per person),
sent as ``Authorization: Token <key>``; DELETE revokes it.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from balaikota.core.errors import Forbidden, InvalidInput

from . import selectors, services, sign_in
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
                _("Akun petugas masuk melalui situs dengan autentikasi dua langkah."),
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
