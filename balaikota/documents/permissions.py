"""Who may download an issued document: its owner, a superuser, or whoever its source app allows.

Source apps extend the rule without this app importing them: in their AppConfig.ready() they
call ``services.register_source(app, may_download=predicate)``, e.g. civil_registry lets the
staff who may see the application (the issuing office's officers and signers) download it.
"""

from __future__ import annotations

from collections.abc import Callable

import rules

_DOWNLOAD_BY_SOURCE: dict[str, Callable[[object, object], bool]] = {}
#: Predicates ``(user, document) -> bool`` that apply to every document (kept for callers that
#: registered one directly).
EXTRA_DOWNLOAD_PREDICATES: list[Callable[[object, object], bool]] = []


def allow_download(source_app: str, predicate: Callable[[object, object], bool]) -> None:
    _DOWNLOAD_BY_SOURCE[source_app] = predicate


@rules.predicate
def is_document_owner(user, document) -> bool:
    return bool(
        document is not None
        and getattr(user, "is_authenticated", False)
        and document.owner_id is not None
        and document.owner_id == user.pk
    )


@rules.predicate
def allowed_by_source_app(user, document) -> bool:
    if document is None or not getattr(user, "is_authenticated", False):
        return False
    by_source = _DOWNLOAD_BY_SOURCE.get(getattr(document, "source_app", ""))
    if by_source is not None and by_source(user, document):
        return True
    return any(predicate(user, document) for predicate in list(EXTRA_DOWNLOAD_PREDICATES))


can_download = is_document_owner | rules.is_superuser | allowed_by_source_app

rules.add_perm("documents.download_issueddocument", can_download)
