"""Wrong passwords, counted once for the web sign-in and the app's token sign-in.

In the database (a Redis restart lets no guess through), and keyed so that nobody can turn them
against the owner: one client's failures on one login shut out that client only; a login
guessed from many addresses (a botnet) gets 100 tries an hour in all; one address trying many
logins is stopped at 100 in 15 minutes. Only failures count: citizens behind one carrier NAT
sign in freely. (allauth's own per-login limit, which let anyone lock any login, is off.)
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from balaikota.core.ratelimit import Lockout, client_ip

MESSAGE = gettext_noop("Terlalu banyak percobaan masuk yang salah. Coba lagi dalam %(when)s.")

PER_ADDRESS_AND_LOGIN = Lockout("accounts.sign_in", failures=5, seconds=300, message=MESSAGE)
PER_LOGIN = Lockout("accounts.sign_in_login", failures=100, seconds=60 * 60, message=MESSAGE)
PER_ADDRESS = Lockout("accounts.sign_in_address", failures=100, seconds=900, message=MESSAGE)


def _keys(request, login: str) -> tuple[str, str, str]:
    address = client_ip(request)
    login = str(login or "").strip().lower()
    return address, login, f"{address}|{login}"


def ensure_open(request, login: str) -> None:
    """Raise ``TooManyRequests`` (429) while this client may not try ``login``."""
    address, login, pair = _keys(request, login)
    PER_ADDRESS.ensure_open(address)
    PER_LOGIN.ensure_open(login)
    PER_ADDRESS_AND_LOGIN.ensure_open(pair)


def failed(request, login: str) -> None:
    address, login, pair = _keys(request, login)
    PER_ADDRESS_AND_LOGIN.failure(pair)
    PER_LOGIN.failure(login)
    PER_ADDRESS.failure(address)


def succeeded(request, login: str) -> None:
    """The right password: this client's mistakes on this login no longer count."""
    _address, _login, pair = _keys(request, login)
    PER_ADDRESS_AND_LOGIN.reset(pair)
