"""Navigation registry: each app registers the entries it offers and who may see them.

An entry names the permission that opens its page (``perm``), so the menu shows exactly what the
app's ``permissions.py`` allows — the page and the menu cannot disagree. Core never imports the
apps; they register themselves in their AppConfig.ready().
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import rules
from django.urls import NoReverseMatch, get_script_prefix, reverse


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url_name: str
    perm: str = ""  # the permission that opens the page (``user.has_perm(perm)``)
    roles: frozenset[str] = field(default_factory=frozenset)  # with no perm: these roles only
    staff_flag: str = ""  # "is_superuser" to show only to superusers
    order: int = 100
    public: bool = False  # shown to visitors who are not signed in too
    public_only: bool = False  # shown only to visitors who are not signed in
    #: ``(user) -> int``: a count shown beside the entry (unread notifications); 0 hides it.
    #: Drawn on every page: it must be cheap (read from the cache).
    badge: Callable[[object], int] | None = field(default=None, compare=False)

    def visible_to(self, user) -> bool:
        if not user.is_authenticated:
            return self.public or self.public_only
        if self.public_only:
            return False
        if self.staff_flag and not getattr(user, self.staff_flag, False):
            return False
        if self.perm:
            # The app's rule itself (``rules``), not Django's model-permission backend: the
            # menu is drawn on every page, and the rule is what the page checks.
            return user.is_superuser or rules.has_perm(self.perm, user)
        if not self.roles:
            return True
        return bool(self.roles & user.role_codes) or user.is_superuser

    @property
    def url(self) -> str:
        return _reverse_without_arguments(self.url_name, get_script_prefix())


@lru_cache(maxsize=256)
def _reverse_without_arguments(url_name: str, script_prefix: str) -> str:
    """``reverse(url_name)`` once per process (and script prefix): the menu is drawn on every
    page, each entry up to three times, and an entry's address never changes while running."""
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return "#"


_registry: dict[str, NavItem] = {}


def register(item: NavItem) -> None:
    _registry[item.key] = item


@dataclass(frozen=True)
class NavEntry:
    """One entry of the menu as drawn for a person: its label, address and count."""

    key: str
    label: str
    url: str
    count: int = 0


def items_for(user) -> list[NavEntry]:
    visible = sorted(
        (i for i in _registry.values() if i.visible_to(user)), key=lambda i: (i.order, i.key)
    )
    return [
        NavEntry(
            key=item.key,
            label=item.label,
            url=item.url,
            count=item.badge(user) if item.badge is not None and user.is_authenticated else 0,
        )
        for item in visible
    ]


# --- What needs the person's action, first on their home page ------------------------------------


@dataclass(frozen=True)
class ActionItem:
    title: str
    detail: str
    url: str
    label: str  # what the button says ("Perbaiki", "Lanjutkan mengisi")
    urgent: bool = False


_action_sources: list[Callable[[object], list[ActionItem]]] = []


def register_action_source(source: Callable[[object], list[ActionItem]]) -> None:
    """An app registers ``source(user) -> [ActionItem]`` (one query at most): what waits for the
    person to act — a correction asked for, a draft left half-filled. Urgent ones come first."""
    _action_sources.append(source)


def actions_for(user) -> list[ActionItem]:
    if not getattr(user, "is_authenticated", False):
        return []
    items = [item for source in _action_sources for item in source(user)]
    return sorted(items, key=lambda item: not item.urgent)


# --- "Ajukan daring" on a public service's page --------------------------------------------------

_online_applications: list[Callable[[object], str]] = []


def register_online_application(resolver: Callable[[object], str]) -> None:
    """An app that takes applications online registers ``resolver(public_service) -> url``
    (empty when it does not take that service): the catalogue then offers "Ajukan daring"."""
    _online_applications.append(resolver)


def online_application_url(public_service) -> str:
    for resolver in _online_applications:
        url = resolver(public_service)
        if url:
            return url
    return ""


# --- Links on a public service's page from the apps that serve it --------------------------------


@dataclass(frozen=True)
class ServiceLink:
    label: str
    url: str
    order: int = 50


_service_links: list[Callable[[object], ServiceLink | None]] = []


def register_service_link(resolver: Callable[[object], ServiceLink | None]) -> None:
    """An app registers ``resolver(public_service) -> ServiceLink | None`` — complain about this
    service, its satisfaction index — shown on the service's page. No queries: only addresses."""
    _service_links.append(resolver)


def service_links(public_service) -> list[ServiceLink]:
    links = [link for resolver in _service_links if (link := resolver(public_service))]
    return sorted(links, key=lambda link: link.order)
