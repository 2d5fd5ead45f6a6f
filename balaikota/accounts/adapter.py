"""allauth adapter: citizens who sign up get their NIK, full name and the citizen role."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from balaikota.core.ratelimit import Lockout, client_ip

from .models import Role, User
from .services import role_grant

#: Wrong passwords on the web sign-in per client address *and* login, in the database: allauth's
#: own limits live in the cache, which a Redis restart empties; this one survives it. Only
#: failures count, and a neighbour behind the same NAT never locks you out.
FAILED_WEB_SIGN_INS = Lockout(
    "accounts.web_sign_in",
    failures=5,
    seconds=300,
    message=gettext_noop("Terlalu banyak percobaan masuk yang salah. Coba lagi dalam %(when)s."),
)
#: Every address together, per login: bounds a password guessed from many addresses (a
#: botnet) to 100 an hour, while one stranger's mistakes never lock the owner out (allauth's
#: own per-login limit, "5/5m/key", would let anyone lock any login; it is off in settings).
FAILED_WEB_SIGN_INS_ANY_ADDRESS = Lockout(
    "accounts.web_sign_in_any_address",
    failures=100,
    seconds=60 * 60,
    message=gettext_noop("Terlalu banyak percobaan masuk yang salah. Coba lagi dalam %(when)s."),
)


def _login_of(credentials: dict) -> str:
    login = credentials.get("email") or credentials.get("username") or credentials.get("login")
    return str(login or "").strip().lower()


def _sign_in_key(request, credentials: dict) -> str:
    return f"{client_ip(request)}|{_login_of(credentials)}"


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
        if FAILED_WEB_SIGN_INS.is_locked(
            _sign_in_key(request, credentials)
        ) or FAILED_WEB_SIGN_INS_ANY_ADDRESS.is_locked(_login_of(credentials)):
            raise self.validation_error("too_many_login_attempts")

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:
            FAILED_WEB_SIGN_INS.reset(_sign_in_key(request, credentials))
        return user

    def authentication_failed(self, request, **credentials) -> None:
        FAILED_WEB_SIGN_INS.failure(_sign_in_key(request, credentials))
        FAILED_WEB_SIGN_INS_ANY_ADDRESS.failure(_login_of(credentials))

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
