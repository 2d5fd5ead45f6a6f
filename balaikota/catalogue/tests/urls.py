"""The project URLconf plus the catalogue API at its intended place (see balaikota/catalogue/api.py)."""

from django.urls import include, path

from balaikota.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("api/v1/layanan/", include("balaikota.catalogue.api")),
    *project_urlpatterns,
]
