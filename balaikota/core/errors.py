"""One error model for every app: services raise a ``DomainError`` with a stable ``code``; one
mapping (``http_status`` and ``error_body``) turns it into an HTTP status and a message in the
request's language, for HTML pages (``core.web``) and for JSON (``core.api``).

The kind of refusal is the class, so the status never depends on a view's guess::

    raise Conflict(_("Permohonan ini sudah ditangani petugas lain."), code="claimed")   # 409
    raise InvalidInput(errors={"reason": [_("Alasan penolakan wajib diisi.")]})          # 400

``code`` is part of the API contract: clients branch on it, so it never changes once released.
Messages are translated when raised (``gettext``), i.e. in the language of the request being
served. A ``DomainError`` is a Django ``ValidationError``, so a form can show it in place
(``form.add_error(None, exc)`` or field by field from ``exc.error_dict``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _


class DomainError(ValidationError):
    """A refused business action. Subclasses fix the HTTP status; ``code`` names the reason."""

    status = 400
    default_code = "invalid"

    def __init__(
        self,
        message=None,
        code: str | None = None,
        params: dict | None = None,
        *,
        errors: dict | None = None,
        retry_after: int | None = None,
    ):
        if errors:
            super().__init__(errors)
            self.code = code or self.default_code
            self.message = ""
            self.params = None
        else:
            super().__init__(message or self.default_message(), code=code or self.default_code)
            self.params = params
            if params:
                self.message = self.message % params
                self.params = None
                self.error_list = [self]
        self.retry_after = retry_after

    @classmethod
    def default_message(cls) -> str:
        return _("Permintaan ini tidak dapat diproses.")

    @property
    def text(self) -> str:
        """Every message of the error in one line (for a banner or a JSON ``detail``)."""
        if hasattr(self, "error_dict"):
            return " ".join(m for ms in self.message_dict.values() for m in ms)
        return " ".join(str(m) for m in self.messages)

    @property
    def field_errors(self) -> dict[str, list[str]]:
        return dict(self.message_dict) if hasattr(self, "error_dict") else {}


class InvalidInput(DomainError):
    """The input is wrong (a field, a file, a value): fix it and try again."""

    status = 400
    default_code = "invalid"

    @classmethod
    def default_message(cls) -> str:
        return _("Periksa kembali isian yang ditandai.")


class Forbidden(DomainError, PermissionDenied):
    """The person is known but may not do this (also a ``PermissionDenied``)."""

    status = 403
    default_code = "forbidden"

    @classmethod
    def default_message(cls) -> str:
        return _("Anda tidak berwenang melakukan tindakan ini.")


class NotFound(DomainError, Http404):
    """Nothing there, or nothing this person may know exists (also an ``Http404``)."""

    status = 404
    default_code = "not_found"

    @classmethod
    def default_message(cls) -> str:
        return _("Data tidak ditemukan.")


class Conflict(DomainError):
    """The object is not in a state for this action (already claimed, already submitted…)."""

    status = 409
    default_code = "conflict"

    @classmethod
    def default_message(cls) -> str:
        return _("Tindakan ini tidak dapat dilakukan sekarang.")


class TooManyRequests(DomainError):
    """A rate limit or a lock-out; ``retry_after`` seconds until the next try may succeed."""

    status = 429
    default_code = "rate_limited"

    @classmethod
    def default_message(cls) -> str:
        return _("Terlalu banyak permintaan. Coba lagi nanti.")


class Unavailable(DomainError):
    """A system we depend on is down; nothing was changed, try again later."""

    status = 503
    default_code = "unavailable"

    @classmethod
    def default_message(cls) -> str:
        return _("Layanan sedang tidak tersedia. Coba lagi beberapa saat lagi.")


def as_domain_error(exc: BaseException) -> DomainError | None:
    """The domain error an exception stands for, or None for a real bug (which stays a 500)."""
    if isinstance(exc, DomainError):
        return exc
    if isinstance(exc, PermissionDenied):
        message = str(exc) if exc.args and str(exc) else None
        return Forbidden(message)
    if isinstance(exc, Http404):
        message = str(exc) if exc.args and str(exc) else None
        return NotFound(message)
    if isinstance(exc, ValidationError):  # a plain one from Django code (model clean, forms)
        if hasattr(exc, "error_dict"):
            return InvalidInput(errors=exc.message_dict, code=getattr(exc, "code", None))
        return InvalidInput(" ".join(exc.messages), code=getattr(exc, "code", None) or "invalid")
    return None


def http_status(exc: DomainError) -> int:
    return exc.status


def error_body(exc: DomainError) -> dict:
    """The one JSON body of every refused API request (documented as ``Error`` in OpenAPI)."""
    body: dict = {"code": exc.code or exc.default_code, "detail": exc.text}
    if exc.field_errors:
        body["detail"] = _("Periksa kembali isian yang ditandai.")
        body["errors"] = exc.field_errors
    if exc.retry_after:
        body["retry_after"] = int(exc.retry_after)
    return body


def retry_after_text(seconds: int) -> str:
    """ "1 menit", "15 menit", "30 detik": for messages that say when to try again."""
    seconds = max(int(seconds or 0), 1)
    if seconds < 60:
        return _("%(n)d detik") % {"n": seconds}
    minutes = (seconds + 59) // 60
    return _("%(n)d menit") % {"n": minutes}


#: seconds a client is asked to wait when a dependency is down (``Retry-After``)
OUTAGE_RETRY_AFTER = 30


def is_outage(exc: BaseException | None) -> bool:
    """Whether ``exc`` says a dependency is down (database, Redis, broker), not a bug: the
    answer is then 503 with ``Retry-After``, and the request may simply be sent again."""
    if exc is None:
        return False
    from django.db import InterfaceError, OperationalError

    kinds: list[type[BaseException]] = [OperationalError, InterfaceError, ConnectionError]
    try:
        import redis

        kinds += [redis.exceptions.ConnectionError, redis.exceptions.TimeoutError]
    except ImportError:  # pragma: no cover - redis is a dependency
        pass
    try:
        from kombu.exceptions import OperationalError as BrokerError

        kinds.append(BrokerError)
    except ImportError:  # pragma: no cover - kombu comes with Celery
        pass
    return isinstance(exc, tuple(kinds))
