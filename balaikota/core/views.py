"""Pages every app shares: health, friendly error pages, contact, privacy and accessibility."""

import datetime as dt
import sys

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .errors import OUTAGE_RETRY_AFTER, DomainError, Unavailable, error_body, is_outage
from .health import health_report


@never_cache
@require_GET
def health(request):
    report, healthy = health_report()
    return JsonResponse(report, status=200 if healthy else 503)


def _api_error(request, error: DomainError):
    """Under /api/ even an address no view answers gets the kernel's JSON error body."""
    if request.path.startswith("/api/"):
        return JsonResponse(error_body(error), status=error.status)
    return None


def error_400(request, exception=None):
    from .errors import InvalidInput

    return _api_error(request, InvalidInput(_("Permintaan tidak valid."), code="bad_request")) or (
        render(request, "errors/400.html", status=400)
    )


def error_403(request, exception=None):
    from .errors import Forbidden

    return _api_error(request, Forbidden()) or render(request, "errors/403.html", status=403)


def error_404(request, exception=None):
    from .errors import NotFound

    return _api_error(request, NotFound()) or render(request, "errors/404.html", status=404)


def error_500(request):
    """The last resort: no database, cache or session is touched (no request context), so it
    renders whatever is down. A dependency outage is a 503 with ``Retry-After``; under
    ``/api/`` the answer is the kernel's JSON error body."""
    outage = is_outage(sys.exc_info()[1])
    status = 503 if outage else 500
    if request.path.startswith("/api/"):
        if outage:
            error = Unavailable(code="unavailable", retry_after=OUTAGE_RETRY_AFTER)
        else:
            error = DomainError(
                _("Terjadi kesalahan di sisi kami. Data Anda tidak hilang; coba lagi."),
                code="server_error",
            )
        response = JsonResponse(error_body(error), status=status)
    else:
        template = "errors/503.html" if outage else "errors/500.html"
        response = HttpResponse(render_to_string(template), status=status)
    if outage:
        response["Retry-After"] = str(OUTAGE_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def ping(request):
    """The smallest Django response: the framework's ceiling in the benchmarks."""
    return HttpResponse(b"ok", content_type="text/plain")


def csrf_failure(request, reason=""):
    """A stale or replayed form: explain it and keep the person's data safe (nothing was saved)."""
    return render(request, "errors/403_csrf.html", status=403)


# --- Public pages every footer links: contact, privacy notice, accessibility statement ----------

#: when the texts of the privacy notice and the accessibility statement last changed
PUBLIC_TEXTS_UPDATED = dt.date(2026, 12, 3)


def _contact() -> dict:
    phone = settings.BALAIKOTA_CONTACT_PHONE
    return {
        "name": settings.BALAIKOTA_CONTACT_NAME,
        "address": settings.BALAIKOTA_CONTACT_ADDRESS,
        "email": settings.BALAIKOTA_CONTACT_EMAIL,
        "phone": phone,
        "phone_link": "".join(ch for ch in phone if ch.isdigit() or ch == "+"),
        "hours": _("Senin–Jumat, pukul 08.00–16.00 WIB, kecuali hari libur."),
    }


@require_GET
def contact(request):
    return render(
        request,
        "core/contact.html",
        {"contact": _contact(), "catalogue_url": reverse("catalogue:list")},
    )


@require_GET
def privacy(request):
    dpo = {
        "name": settings.BALAIKOTA_DPO_NAME,
        "address": settings.BALAIKOTA_CONTACT_ADDRESS,
        "email": settings.BALAIKOTA_DPO_EMAIL,
    }
    return render(
        request,
        "core/privacy.html",
        {"operator": settings.BALAIKOTA_OPERATOR, "dpo": dpo, "updated": PUBLIC_TEXTS_UPDATED},
    )


@require_GET
def accessibility(request):
    return render(
        request,
        "core/accessibility.html",
        {"contact": _contact(), "updated": PUBLIC_TEXTS_UPDATED},
    )


# --- The installable web app ------------------------------------------------------------------

_PRECACHED_ASSETS = (
    "vendor/bootstrap/bootstrap.min.css",
    "css/app.css",
    "vendor/htmx/htmx.min.js",
    "vendor/bootstrap/bootstrap.bundle.min.js",
    "js/portal.js",
)


@require_GET
def service_worker(request):
    """``/sw.js`` at the root (its scope is the whole site); the version follows the static
    files' hashed names, so a deploy that changes them replaces the caches."""
    import hashlib
    import json

    from django.templatetags.static import static

    assets = [static(name) for name in _PRECACHED_ASSETS]
    version = hashlib.sha256("|".join(assets).encode()).hexdigest()[:12]
    body = render_to_string(
        "core/sw.js",
        {
            "version": version,
            "static_url": settings.STATIC_URL,
            "offline_url": reverse("offline"),
            "catalogue_url": reverse("catalogue:list"),
            "assets": json.dumps(assets),
        },
    )
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def web_manifest(request):
    from django.templatetags.static import static

    manifest = {
        "name": _("Balai Kota Digital — Pemerintah Kota Semarang"),
        "short_name": _("Balai Kota"),
        "description": _("Layanan publik Kota Semarang: standar, pengaduan, dan kinerjanya."),
        "lang": request.LANGUAGE_CODE,
        "start_url": reverse("catalogue:list"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b4f6c",
        "icons": [
            {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("icons/icon-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    response = JsonResponse(manifest, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_GET
def offline(request):
    return render(request, "core/offline.html")


@require_GET
def language_switch(request):
    """``/bahasa/?language=en&next=/layanan/``: the language switch as a plain link, so public
    pages carry no CSRF token and can be kept whole for visitors (``anonymous_page_cache``).
    Only a preference cookie changes; ``next`` must be an address of this site."""
    from .web import is_same_site

    next_url = request.GET.get("next", "/")
    response = redirect(next_url if is_same_site(request, next_url) else "/")
    code = request.GET.get("language", "")
    if code in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response
