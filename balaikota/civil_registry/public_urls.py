"""Root-level public pages of civil registration: /lacak/ (track with tracking number + PIN).

Mounted in balaikota/urls.py with
``path("", include("balaikota.civil_registry.public_urls"))``."""

from django.urls import path

from .views import public

app_name = "civil_registry_public"

urlpatterns = [
    path("lacak/", public.track, name="track"),
    path("lacak/lupa-pin/", public.pin_forgot, name="pin_forgot"),
    path("lacak/pin-baru/<str:token>/", public.pin_new, name="pin_new"),
]
