"""Language choice: Bahasa Indonesia unless the person chose English with the language switch.

Django's LocaleMiddleware would follow the browser's Accept-Language header, which turns most
phones' pages English; the platform's default is Indonesian, so only the explicit choice (the
language cookie set by the /bahasa/ link, or /i18n/setlang/) counts.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in self.supported:
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


class NullCharacterMiddleware:
    """A NUL byte in the address or a query parameter is refused with a 400 and a clear message.

    PostgreSQL cannot store or compare text holding one: left alone, ``?q=%00`` becomes a 500
    deep inside a query (SQLite would let it through). Form fields and API fields refuse NUL
    bytes themselves (Django's and DRF's validators)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return self.refuse(request)
        return self.get_response(request)

    @staticmethod
    def refuse(request):
        from django.http import JsonResponse
        from django.utils.translation import gettext as _

        from .errors import InvalidInput, error_body
        from .web import refused_response

        error = InvalidInput(
            _("Alamat ini berisi karakter yang tidak sah (NUL). Periksa tautan atau isian Anda."),
            code="null_character",
        )
        if request.path.startswith("/api/"):
            return JsonResponse(error_body(error), status=error.status)
        return refused_response(request, error)


class OfflineCacheableMiddleware:
    """Marks the pages a service worker may keep for offline reading: HTML answered to a visitor
    who is not signed in (nothing personal on it). The worker keeps only those."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            request.method == "GET"
            and response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and not (user is not None and user.is_authenticated)
        ):
            response["X-Offline-Cacheable"] = "1"
        return response
