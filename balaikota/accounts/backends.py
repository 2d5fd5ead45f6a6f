"""Signing in with allauth (e-mail for citizens, NIP for civil servants) and, on every request
after, the account read in a statement built once per process (``core.rows.by_pk``)."""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model

from balaikota.core.rows import by_pk


class AuthenticationBackend(AllauthBackend):
    def get_user(self, user_id):
        user = by_pk(get_user_model(), user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
