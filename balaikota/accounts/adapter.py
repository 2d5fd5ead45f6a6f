"""allauth adapter: citizens who sign up get their NIK, full name and the citizen role."""

from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction

from .models import Role, User
from .services import role_grant


class AccountAdapter(DefaultAccountAdapter):
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
        user.save()
        role_grant(user=user, role=Role.CITIZEN)
        return user
