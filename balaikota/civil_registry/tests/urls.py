"""The platform's URLs, with the civil-registration API mounted (if balaikota/urls.py does not
mount it yet) and a schema of them for the fuzzing test."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from balaikota.urls import urlpatterns as platform


def _mounted(patterns) -> bool:
    return any(
        getattr(getattr(p, "urlconf_module", None), "__name__", "")
        == "balaikota.civil_registry.api_urls"
        for p in patterns
    )


urlpatterns = [
    path(
        "api/test-schema/",
        SpectacularAPIView.as_view(urlconf="balaikota.civil_registry.tests.urls"),
        name="cr-schema",
    ),
    *platform,
]
if not _mounted(platform):
    urlpatterns.insert(
        0, path("api/v1/kependudukan/", include("balaikota.civil_registry.api_urls"))
    )
