"""The project URLconf plus the catalogue API at its intended place (see balaikota/services/api.py)."""

from django.urls import include, path

from balaikota.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("api/v1/layanan/", include("balaikota.services.api")),
    *project_urlpatterns,
]
