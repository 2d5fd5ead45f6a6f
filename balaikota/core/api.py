"""What every REST endpoint shares: the one JSON error body (and its OpenAPI schema), capped
pagination for work queues, and the ``allowed_actions`` field that answers "what may I do with
this object now?" from the object's workflow.

Every refused request — a serializer's validation, a service's ``DomainError``, a missing object,
a permission, a rate limit — is answered with the same body::

    {"code": "claimed", "detail": "Permohonan ini sudah ditangani petugas lain."}
    {"code": "invalid", "detail": "Periksa kembali isian yang ditandai.",
     "errors": {"reason": ["Alasan penolakan wajib diisi."]}}
    {"code": "rate_limited", "detail": "Terlalu banyak permintaan. Coba lagi dalam 1 menit.",
     "retry_after": 60}                                   (with a Retry-After header)
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps

from django.http import HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from rest_framework.views import set_rollback

from .cache import kept_get, kept_set
from .errors import DomainError, as_domain_error, error_body
from .pagination import CappedPaginator
from .ratelimit import RateLimit, client_ip

# --- The error body --------------------------------------------------------------------------


class ErrorSerializer(serializers.Serializer):
    """The body of every 4xx/5xx answer of the API."""

    code = serializers.CharField(help_text="Kode alasan yang stabil, mis. `claimed`, `invalid`.")
    detail = serializers.CharField(help_text="Pesan untuk ditampilkan, dalam bahasa permintaan.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Pesan per isian (hanya untuk kode `invalid`).",
    )
    retry_after = serializers.IntegerField(
        required=False, help_text="Detik sampai boleh mencoba lagi (429/503)."
    )


def _flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    """A serializer's nested error detail as {"field" or "items.0.reason": [messages]}."""
    errors: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            for sub, messages in _flatten(value, name).items():
                errors.setdefault(sub, []).extend(messages)
    elif isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            errors[prefix or "non_field_errors"] = [str(item) for item in detail]
        else:
            for index, item in enumerate(detail):
                if item:
                    name = f"{prefix}.{index}" if prefix else str(index)
                    for sub, messages in _flatten(item, name).items():
                        errors.setdefault(sub, []).extend(messages)
    else:
        errors[prefix or "non_field_errors"] = [str(detail)]
    return errors


class CredentialsRefused(exceptions.AuthenticationFailed):
    """A credential an authenticator recognised as its own and refuses (an expired or revoked
    token): always a 401 with ``challenge`` as its ``WWW-Authenticate`` header, and its own code
    and message — DRF would make it a 403 whenever the first authenticator of the view (the
    session's) names no challenge, and a client must tell "sign in again" from "not allowed"."""

    def __init__(self, detail: str, *, code: str, challenge: str):
        super().__init__(detail, code=code)
        self.code, self.challenge = code, challenge


def _drf_body(exc: exceptions.APIException) -> tuple[dict, int]:
    if isinstance(exc, CredentialsRefused):
        return {"code": exc.code, "detail": str(exc.detail)}, 401
    if isinstance(exc, exceptions.ValidationError):
        return (
            {
                "code": "invalid",
                "detail": _("Periksa kembali isian yang ditandai."),
                "errors": _flatten(exc.detail),
            },
            400,
        )
    messages = {
        exceptions.NotAuthenticated: ("not_authenticated", _("Silakan masuk terlebih dahulu.")),
        exceptions.AuthenticationFailed: (
            "authentication_failed",
            _("Sesi atau token tidak valid. Silakan masuk kembali."),
        ),
        exceptions.PermissionDenied: (
            "forbidden",
            _("Anda tidak berwenang melakukan tindakan ini."),
        ),
        exceptions.NotFound: ("not_found", _("Data tidak ditemukan.")),
        exceptions.MethodNotAllowed: ("method_not_allowed", _("Metode ini tidak didukung.")),
        exceptions.NotAcceptable: ("not_acceptable", _("Format jawaban ini tidak tersedia.")),
        exceptions.UnsupportedMediaType: (
            "unsupported_media_type",
            _("Format data yang dikirim tidak didukung."),
        ),
        exceptions.ParseError: ("parse_error", _("Data yang dikirim tidak dapat dibaca.")),
    }
    for kind, (code, message) in messages.items():
        if isinstance(exc, kind):
            return {"code": code, "detail": message}, exc.status_code
    if isinstance(exc, exceptions.Throttled):
        return {
            "code": "rate_limited",
            "detail": _("Terlalu banyak permintaan. Coba lagi nanti."),
        }, 429
    return {"code": str(exc.default_code), "detail": str(exc.detail)}, exc.status_code


def exception_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: every refusal as ``ErrorSerializer``; a real bug stays a 500."""
    headers: dict[str, str] = {}
    if isinstance(exc, exceptions.APIException):
        body, status = _drf_body(exc)
        if isinstance(exc, CredentialsRefused):
            headers["WWW-Authenticate"] = exc.challenge
        elif getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        wait = getattr(exc, "wait", None)
        if wait:
            headers["Retry-After"] = str(int(wait))
            body["retry_after"] = int(wait)
    else:
        error = as_domain_error(exc)
        if error is None:
            return None
        body, status = error_body(error), error.status
        if error.retry_after:
            headers["Retry-After"] = str(int(error.retry_after))
    set_rollback()
    return Response(body, status=status, headers=headers)


#: The documentation's group for an operation without tags of its own, by the segment after
#: /api/v1/ (drf-spectacular would put them all under "v1"). Operation ids stay as they are.
API_GROUPS = {
    "akun": "Akun warga",
    "kependudukan": "Permohonan kependudukan",
}


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's schema with the error answers every endpoint can give, documented."""

    def get_tags(self) -> list[str]:
        segments = [part for part in self.path.split("/") if part]
        if len(segments) > 2 and segments[0] == "api" and segments[2] in API_GROUPS:
            return [API_GROUPS[segments[2]]]
        return super().get_tags()

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = ["400", "404", "429"]
        if not any(isinstance(p, AllowAny) for p in self.view.get_permissions()):
            codes += ["401", "403"]
        if self.method in ("POST", "PUT", "PATCH", "DELETE"):
            codes.append("409")
        for code in codes:
            if code not in responses:
                responses[code] = self._get_response_for_code(ErrorSerializer, code)
        return responses


# --- Pagination ------------------------------------------------------------------------------


class CappedPagination(PageNumberPagination):
    """Page numbers whose count stops at ``cap`` rows (work queues with a large backlog page as
    fast as small ones). ``count_capped`` says the real count is larger than ``count``."""

    page_size = 50
    cap = 1000

    def django_paginator_class(self, object_list, per_page):  # noqa: F811 (a factory)
        return CappedPaginator(object_list, per_page, cap=self.cap)

    def get_paginated_response(self, data):
        paginator = self.page.paginator
        return Response(
            {
                "count": min(paginator.count, paginator.cap),
                "count_capped": paginator.is_capped,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        base = super().get_paginated_response_schema(schema)
        base["properties"]["count_capped"] = {"type": "boolean", "example": False}
        base["required"] = [*base.get("required", []), "count_capped"]
        return base


# --- allowed_actions --------------------------------------------------------------------------


@extend_schema_field(serializers.ListField(child=serializers.CharField()))
class AllowedActionsField(serializers.Field):
    """The workflow actions the requesting user may do on the object now — the same answer that
    decides whether a web page shows the button."""

    def __init__(self, workflow, **kwargs):
        self.workflow = workflow
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, obj):
        request = self.context.get("request")
        user = getattr(request, "user", None)
        return self.workflow.allowed_actions(user, obj)


__all__ = [
    "AllowedActionsField",
    "AutoSchema",
    "CappedPagination",
    "CredentialsRefused",
    "DomainError",
    "ErrorSerializer",
    "exception_handler",
]


_NOT_ASKED = object()


class PublicReadThrottle(BaseThrottle):
    """Public reads (the catalogue, the figures): per client address, generous for people and
    apps, a wall for scrapers that loop. Signed-in requests count the same way.

    The kernel's fixed-window ``RateLimit`` (one cache round trip a request), not DRF's
    sliding history (a read and a write of a list that grows with the rate). The rate is
    REST_FRAMEWORK's ``DEFAULT_THROTTLE_RATES["public_read"]`` ("240/min")."""

    scope = "public_read"
    rate: str | None = None  # overrides the setting (tests)
    _PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}

    def _limit(self) -> RateLimit | None:
        from rest_framework.settings import api_settings

        rate = self.rate or api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        if not rate:
            return None
        count, period = rate.split("/")
        return RateLimit(f"api.{self.scope}", int(count), self._PERIODS[period[0]])

    def allow_request(self, request, view) -> bool:
        # Asked once per request: KeptPublicReads may have asked before DRF does.
        wait = getattr(request, "_public_read_wait", _NOT_ASKED)
        if wait is _NOT_ASKED:
            limit = self._limit()
            wait = limit.hit(client_ip(request)) if limit else None
            request._public_read_wait = wait
        self._wait = wait
        return wait is None

    def wait(self) -> float | None:
        return self._wait


# Media ranges a client may send and still be answered with the kept JSON bytes as they are.
_PLAIN_JSON = frozenset({"", "*/*", "application/json", "application/*"})


def _wants_plain_json(request) -> bool:
    """Whether DRF's content negotiation would answer this Django request with the JSON
    renderer and no media-type parameters (``indent``…) — the bytes a kept answer holds. The
    browsable API (``text/html``, ``?format=api``) and anything unusual say no."""
    if request.GET.get("format", "json") != "json":
        return False
    accept = request.META.get("HTTP_ACCEPT", "")
    return all(
        part.split(";", 1)[0].strip() in _PLAIN_JSON and "indent" not in part
        for part in accept.split(",")
    )


class PublicDataCache:
    """Keep a public read's answer (status 200) in the shared cache for a viewset's
    ``list``/``retrieve``, keyed by the full address and the language, and valid for
    ``version()`` — a token the data's owner replaces on every write, so an edit shows at once
    (``version_key``, the cache key holding it, lets the token and the answer come in one
    round trip). Only for answers that are the same for everyone.

    Used twice on a viewset: as the decorator of ``list``/``retrieve`` (after DRF's
    authentication, permissions, throttles and content negotiation: a miss is answered and
    kept there), and as the viewset's ``kept_answers`` with ``KeptPublicReads``, which answers
    a hit before DRF's request handling — with the same throttle, the same bytes and the same
    headers.

    A JSON answer is kept as its rendered bytes: a hit costs one cache read, no serializer, no
    encoding and no unpickling of model rows (a serializer's data keeps its instances). Other
    formats (the browsable API) are answered fresh."""

    def __init__(
        self,
        version: Callable[[], str],
        *,
        prefix: str,
        timeout: int = 300,
        version_key: str | None = None,
    ):
        self.version, self.prefix, self.timeout = version, prefix, timeout
        self.version_key = version_key

    def key(self, request) -> str:
        address = f"{request.get_host()}{request.get_full_path()}"  # links name the host
        digest = hashlib.sha256(address.encode()).hexdigest()[:32]
        # "v3": entries of earlier formats under older keys are never read.
        return f"public-v3:{self.prefix}:{get_language()}:{digest}"

    def lookup(self, request) -> tuple[str, str, HttpResponse | None]:
        """``(key, token, response)``: the response is the kept answer, or None."""
        key = self.key(request)
        token, kept = kept_get(key, self.version, self.version_key)
        if kept is None:
            return key, token, None
        content, content_type = kept
        return key, token, HttpResponse(content, content_type=content_type)

    def __call__(self, method):
        @wraps(method)
        def wrapped(view, request, *args, **kwargs):
            renderer = getattr(request, "accepted_renderer", None)
            plain = ";" not in (getattr(request, "accepted_media_type", "") or "")  # indent=…
            if getattr(renderer, "format", None) != "json" or not plain:
                return method(view, request, *args, **kwargs)
            key, token, kept = self.lookup(request)
            if kept is not None:
                return kept
            response = method(view, request, *args, **kwargs)
            if response.status_code == 200 and isinstance(response, Response):
                response.accepted_renderer = renderer
                response.accepted_media_type = request.accepted_media_type
                response.renderer_context = view.get_renderer_context()
                response.render()
                kept_set(key, token, (response.content, response["Content-Type"]), self.timeout)
            return response

        return wrapped


class KeptPublicReads:
    """A viewset mixin: a GET whose answer is kept (``kept_answers``, a ``PublicDataCache``)
    is answered before DRF wraps the request — after the same throttle, with the same headers
    DRF would add — so a hit costs little more than Django's own minimal view. Anything else
    (a miss, the browsable API, a refused rate) goes through DRF as usual; the throttle's
    decision is taken once (``PublicReadThrottle`` remembers it on the request)."""

    kept_answers: PublicDataCache | None = None

    def dispatch(self, request, *args, **kwargs):
        cache = self.kept_answers
        if cache is not None and request.method == "GET" and _wants_plain_json(request):
            self.args, self.kwargs, self.request = args, kwargs, request
            if all(throttle.allow_request(request, self) for throttle in self.get_throttles()):
                kept = cache.lookup(request)[2]
                if kept is not None:
                    for header, value in self.default_response_headers.items():
                        kept[header] = value
                    return kept
        return super().dispatch(request, *args, **kwargs)
