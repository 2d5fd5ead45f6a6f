"""The web side of the one error model: show a ``DomainError`` in place on a form, or as a
"cannot be done" page with the error's status — the same status the API gives.

A view that has a form to re-render::

    try:
        services.application_reject(application=app, officer=request.user, reason=...)
    except DomainError as exc:
        form_add_error(form, exc)
        return render(request, "…", context, status=exc.status)

A view with nothing to re-render just lets the error propagate: ``DomainErrorMiddleware``
renders ``errors/refused.html`` with the message, the status and a way back.
"""

from __future__ import annotations

from django.middleware.http import ConditionalGetMiddleware
from django.shortcuts import render
from django.utils.decorators import decorator_from_middleware
from django.utils.http import url_has_allowed_host_and_scheme

from .errors import DomainError, TooManyRequests


def form_add_error(form, error: DomainError) -> None:
    """Field errors next to their fields (the rest above the form); a plain refusal on top."""
    for name, messages in error.field_errors.items():
        for message in messages:
            form.add_error(name if name in form.fields else None, message)
    if not error.field_errors:
        form.add_error(None, error.text)


def _safe_back(request, back_url: str) -> str:
    if back_url:
        return back_url
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return "/"


def refused_response(request, error: DomainError, *, back_url: str = "", extra: dict | None = None):
    """The "cannot be done" page: the service's message, its status, and the way back."""
    response = render(
        request,
        "errors/refused.html",
        {
            "error": error,
            "message": error.text,
            "back_url": _safe_back(request, back_url),
            **(extra or {}),
        },
        status=error.status,
    )
    if isinstance(error, TooManyRequests) and error.retry_after:
        response["Retry-After"] = str(int(error.retry_after))
    return response


class DomainErrorMiddleware:
    """Render a ``DomainError`` that a web view did not handle itself (never a 500 for a refusal).
    The API has its own handler (``core.api.exception_handler``) and never reaches this."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DomainError):
            return refused_response(request, exception)
        return None


#: ETag from the response's content and 304 Not Modified when the client has it — for public
#: reads that are the same for everyone (the catalogue, the figures). Use with Cache-Control.
conditional_get = decorator_from_middleware(ConditionalGetMiddleware)
