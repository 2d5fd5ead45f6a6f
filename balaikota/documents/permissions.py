"""Who may download an issued document: its owner, a superuser, or whoever another app allows.

Other apps extend the rule without this app importing them: in their AppConfig.ready() they
append a predicate ``(user, document) -> bool`` to ``EXTRA_DOWNLOAD_PREDICATES``, e.g.
civil_registry lets the officers of the issuing office download what they issued.
"""

from __future__ import annotations

from collections.abc import Callable

import rules

EXTRA_DOWNLOAD_PREDICATES: list[Callable[[object, object], bool]] = []


@rules.predicate
def is_document_owner(user, document) -> bool:
    return bool(
        document is not None
        and getattr(user, "is_authenticated", False)
        and document.owner_id is not None
        and document.owner_id == user.pk
    )


@rules.predicate
def allowed_by_other_apps(user, document) -> bool:
    if document is None or not getattr(user, "is_authenticated", False):
        return False
    return any(predicate(user, document) for predicate in list(EXTRA_DOWNLOAD_PREDICATES))


can_download = is_document_owner | rules.is_superuser | allowed_by_other_apps

rules.add_perm("documents.download_issueddocument", can_download)
