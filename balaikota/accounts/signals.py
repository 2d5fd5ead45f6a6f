"""What ends every phone a person signed in: a new password, removing their TOTP, deactivating
the account. Connected in ``apps.ready``; each calls ``services.devices_end_all``."""

from __future__ import annotations

from allauth.account.signals import password_changed, password_reset, password_set
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_removed
from django.db.models.signals import post_save
from django.dispatch import receiver

from . import services
from .models import Device, User


def _actor(request, user):
    actor = getattr(request, "user", None)
    return actor if actor is not None and actor.is_authenticated else user


@receiver(password_changed, dispatch_uid="accounts.devices_password_changed")
@receiver(password_set, dispatch_uid="accounts.devices_password_set")
@receiver(password_reset, dispatch_uid="accounts.devices_password_reset")
def _password_changed(sender, request=None, user=None, **kwargs) -> None:
    if user is not None:
        services.devices_end_all(
            user=user, reason=Device.EndReason.PASSWORD_CHANGED, actor=_actor(request, user)
        )


@receiver(authenticator_removed, dispatch_uid="accounts.devices_totp_removed")
def _totp_removed(sender, request=None, user=None, authenticator=None, **kwargs) -> None:
    if user is not None and getattr(authenticator, "type", None) == Authenticator.Type.TOTP:
        services.devices_end_all(
            user=user, reason=Device.EndReason.MFA_REMOVED, actor=_actor(request, user)
        )


@receiver(post_save, sender=User, dispatch_uid="accounts.devices_account_deactivated")
def _account_deactivated(sender, instance: User, raw=False, **kwargs) -> None:
    if not raw and not instance.is_active:
        services.devices_end_all(user=instance, reason=Device.EndReason.ACCOUNT_DEACTIVATED)
