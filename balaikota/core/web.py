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

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.shortcuts import render
from django.utils.decorators import decorator_from_middleware
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language

from .cache import kept_get, kept_set
from .errors import DomainError, TooManyRequests


def form_add_error(form, error: DomainError) -> None:
    """Field errors next to their fields (the rest above the form); a plain refusal on top."""
    for name, messages in error.field_errors.items():
        for message in messages:
            form.add_error(name if name in form.fields else None, message)
    if not error.field_errors:
        form.add_error(None, error.text)


def is_same_site(request, url: str) -> bool:
    """Whether ``url`` stays on this site (a "next" or a referer one may send the person to)."""
    return bool(url) and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def _safe_back(request, back_url: str) -> str:
    if back_url:
        return back_url
    referer = request.META.get("HTTP_REFERER", "")
    return referer if is_same_site(request, referer) else "/"


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


def anonymous_page_cache(
    version: Callable[[], str], *, prefix: str, timeout: int = 300, version_key: str | None = None
):
    """Keep a public page's HTML for visitors who are not signed in, in the shared cache, keyed
    by the address and the language, valid for ``version()`` (a token the data's owner replaces
    on every write, so an edit shows at once; with ``version_key``, the cache key holding it,
    token and page come in one round trip). A hit: no query, no template.

    Only what is the same for every such visitor is kept: GET requests without a session or
    a pending message (their pages can differ), answers 200 that set no cookie and used no CSRF
    token (a form's token belongs to its visitor — such a page is simply never kept)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            cookies = request.COOKIES
            if (
                request.method != "GET"
                or settings.SESSION_COOKIE_NAME in cookies
                or "messages" in cookies
            ):
                return view(request, *args, **kwargs)
            address = f"{request.get_host()}{request.get_full_path()}"
            digest = hashlib.sha256(address.encode()).hexdigest()[:32]
            key = f"page:{prefix}:{get_language()}:{digest}"
            token, kept = kept_get(key, version, version_key)
            if kept is not None:
                content, content_type = kept
                return HttpResponse(content, content_type=content_type)
            response = view(request, *args, **kwargs)
            if (
                response.status_code == 200
                and not response.streaming
                and not response.cookies
                and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # get_token() was called
                and not getattr(getattr(request, "session", None), "modified", False)
            ):
                kept_set(key, token, (response.content, response["Content-Type"]), timeout)
            return response

        return wrapped

    return decorator
