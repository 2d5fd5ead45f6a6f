"""API sign-in for the citizens' mobile app: exchange e-mail + password for a token.

Staff never get a token: they sign in on the web with TOTP. Tokens are DRF's (one per person),
sent as ``Authorization: Token <key>``; DELETE revokes it.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from balaikota.core.errors import Forbidden, InvalidInput
from balaikota.core.ratelimit import Lockout, client_ip

from .models import User

#: Failed sign-ins per client address *and* e-mail: after 10 within 5 minutes that pair waits.
#: Only failures count, and a neighbour's failures never count against you: many citizens behind
#: one carrier NAT can sign in, even when one of them keeps mistyping a password.
FAILED_SIGN_INS = Lockout(
    "accounts.api_token",
    failures=10,
    seconds=300,
    message=gettext_noop("Terlalu banyak percobaan masuk yang salah. Coba lagi dalam %(when)s."),
)
#: Against guessing many accounts from one address: far above what a NAT's citizens mistype.
FAILED_SIGN_INS_PER_ADDRESS = Lockout(
    "accounts.api_token_address",
    failures=100,
    seconds=900,
    message=gettext_noop("Terlalu banyak percobaan masuk yang salah. Coba lagi dalam %(when)s."),
)


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
        address = client_ip(request)
        FAILED_SIGN_INS_PER_ADDRESS.ensure_open(address)
        form = TokenRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        email = form.validated_data["email"].lower()
        pair = f"{address}|{email}"
        FAILED_SIGN_INS.ensure_open(pair)
        user = authenticate(request, email=email, password=form.validated_data["password"])
        if user is None:
            FAILED_SIGN_INS.failure(pair)
            FAILED_SIGN_INS_PER_ADDRESS.failure(address)
            raise InvalidInput(_("E-mail atau kata sandi salah."), code="invalid_credentials")
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
