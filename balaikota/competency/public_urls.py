"""Public addresses of competency development: verifying an Open Badges credential (beside the
documents' /verifikasi/, and before its catch-all code route)."""

from django.urls import path

from . import views

app_name = "competency-public"

urlpatterns = [
    path("verifikasi/lencana/", views.badge_verify, name="badge_verify"),
    path("verifikasi/lencana/<uuid:credential_id>/", views.badge_status, name="badge_status"),
]
