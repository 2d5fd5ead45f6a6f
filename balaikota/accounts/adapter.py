"""allauth adapter: citizens who sign up get their NIK, full name and the citizen role."""

from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction

from .models import Role, User
from .services import role_grant


class AccountAdapter(DefaultAccountAdapter):
    @transaction.atomic
    def save_user(self, request, user: User, form, commit: bool = True) -> User:
        user = super().save_user(request, user, form, commit=False)
        user.full_name = form.cleaned_data["full_name"]
        user.nik = form.cleaned_data["nik"]
        user.kind = User.Kind.CITIZEN
        user.save()
        role_grant(user=user, role=Role.CITIZEN)
        return user
