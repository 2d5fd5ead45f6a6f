"""allauth adapter: citizens who sign up get their NIK, full name and the citizen role."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from balaikota.core.errors import TooManyRequests

from . import sign_in
from .models import Role, User
from .services import role_grant


def _login_of(credentials: dict) -> str:
    return credentials.get("email") or credentials.get("username") or credentials.get("login") or ""


class AccountAdapter(DefaultAccountAdapter):
    # Links in allauth's e-mails use the one public address (core.links), not the request's host.
    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        from balaikota.core.links import public_url

        return public_url(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key: str) -> str:
        from balaikota.core.links import public_url

        return public_url(super().get_reset_password_from_key_url(key))

    def send_mail(self, template_prefix, email, context):
        from balaikota.core.links import public_base

        return super().send_mail(template_prefix, email, {**context, "public_base": public_base()})

    def pre_authenticate(self, request, **credentials) -> None:
        super().pre_authenticate(request, **credentials)  # allauth's per-address limit (cache)
        try:
            sign_in.ensure_open(request, _login_of(credentials))
        except TooManyRequests:
            raise self.validation_error("too_many_login_attempts") from None

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:
            sign_in.succeeded(request, _login_of(credentials))
        return user

    def authentication_failed(self, request, **credentials) -> None:
        sign_in.failed(request, _login_of(credentials))

    def populate_username(self, request, user: User) -> None:
        """A citizen's generated username never is all digits: digits-only logins are NIPs.

        allauth derives the username from the e-mail's local part, so "198503122010031001@…"
        would otherwise squat that civil servant's login.
        """
        super().populate_username(request, user)
        if user.username and user.username.isdigit():
            user.username = self.generate_unique_username([f"warga{user.username}"])

    @transaction.atomic
    def save_user(self, request, user: User, form, commit: bool = True) -> User:
        user = super().save_user(request, user, form, commit=False)
        user.full_name = form.cleaned_data["full_name"]
        user.nik = form.cleaned_data["nik"]
        user.kind = User.Kind.CITIZEN
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:
            # The same sign-up twice at once (a double tap, a retry): the other one made the
            # account. One account, and a clear way on instead of an error page.
            messages.info(
                request,
                _(
                    "Akun dengan e-mail atau NIK ini baru saja dibuat. Periksa e-mail Anda "
                    "untuk tautan verifikasi, lalu masuk."
                ),
            )
            raise ImmediateHttpResponse(redirect("account_login")) from None
        role_grant(user=user, role=Role.CITIZEN)
        return user
