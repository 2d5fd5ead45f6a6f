"""API sign-in for the citizens' mobile app: exchange e-mail + password for a token.

Staff never get a token: they sign in on the web with TOTP. Tokens are DRF's (one per person),
sent as ``Authorization: Token <key>``; DELETE revokes it.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import User

_ATTEMPTS = 10  # per IP per 5 minutes
_WINDOW = 300


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField(label=_("E-mail"))
    password = serializers.CharField(label=_("Kata sandi"), trim_whitespace=False)


def _too_many(request) -> bool:
    key = f"accounts:api-token:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(key, 0, _WINDOW)
    try:
        attempts = cache.incr(key)
    except ValueError:
        attempts = 1
    return attempts > _ATTEMPTS


class TokenView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=TokenRequestSerializer,
        responses={200: inline_serializer("TokenResponse", {"token": serializers.CharField()})},
    )
    def post(self, request):
        if _too_many(request):
            return Response(
                {"detail": _("Terlalu banyak percobaan masuk. Coba lagi dalam 5 menit.")},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
            )
        form = TokenRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        email = form.validated_data["email"].lower()
        user = authenticate(request, email=email, password=form.validated_data["password"])
        if user is None:
            return Response(
                {"detail": _("E-mail atau kata sandi salah.")}, status=status.HTTP_400_BAD_REQUEST
            )
        if user.kind != User.Kind.CITIZEN or user.is_staff_role:
            return Response(
                {"detail": _("Akun petugas masuk melalui situs dengan autentikasi dua langkah.")},
                status=status.HTTP_403_FORBIDDEN,
            )
        if not EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists():
            return Response(
                {"detail": _("Konfirmasi alamat e-mail Anda terlebih dahulu.")},
                status=status.HTTP_403_FORBIDDEN,
            )
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


class TokenRevokeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None})
    def delete(self, request):
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
