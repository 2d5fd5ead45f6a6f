"""Pages every app shares: health, friendly error pages."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import health_report


@never_cache
@require_GET
def health(request):
    report, healthy = health_report()
    return JsonResponse(report, status=200 if healthy else 503)


def error_400(request, exception=None):
    return render(request, "errors/400.html", status=400)


def error_403(request, exception=None):
    return render(request, "errors/403.html", status=403)


def error_404(request, exception=None):
    return render(request, "errors/404.html", status=404)


def error_500(request):
    return render(request, "errors/500.html", status=500)


@require_GET
def ping(request):
    """The smallest Django response: the framework's ceiling in the benchmarks."""
    return HttpResponse(b"ok", content_type="text/plain")


def csrf_failure(request, reason=""):
    """A stale or replayed form: explain it and keep the person's data safe (nothing was saved)."""
    return render(request, "errors/403_csrf.html", status=403)
