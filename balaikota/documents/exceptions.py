"""Errors of the documents app; each carries an Indonesian message that can be shown as is."""

from django.core.exceptions import ValidationError


class DocumentError(ValidationError):
    """A document action that cannot be done (wrong state, missing reason, bad input)."""


class SigningError(DocumentError):
    """The signer could not sign: wrong passphrase, signer not registered, service unreachable."""
