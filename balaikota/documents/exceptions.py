"""Errors of the documents app: ``core.errors`` domain errors with an Indonesian message that can
be shown as is, and a status that says whose move it is."""

from balaikota.core.errors import Conflict, DomainError, InvalidInput


class DocumentError(Conflict):
    """A document action that cannot be done now (wrong state, already signed, revoked)."""

    default_code = "document"


class DocumentInputError(InvalidInput, DocumentError):
    """A document action refused for its input (a missing reason, a file that is not a PDF):
    still a ``DocumentError``, answered 400."""


class SigningError(DomainError):
    """The signer could not sign: wrong passphrase (400), signer not registered or without a
    certificate (403), the signing service down or slow (503: try again later)."""

    default_code = "sign_failed"
    UNAVAILABLE = frozenset(
        {"bsre_timeout", "bsre_unreachable", "bsre_server_error", "bsre_auth", "bsre_bad_response"}
    )
    REFUSED = frozenset({"bsre_not_registered", "bsre_no_identity", "no_certificate"})

    @property
    def status(self) -> int:  # type: ignore[override]
        if self.code in self.UNAVAILABLE:
            return 503
        if self.code in self.REFUSED:
            return 403
        return 400

    @property
    def retryable(self) -> bool:
        return self.code in self.UNAVAILABLE
