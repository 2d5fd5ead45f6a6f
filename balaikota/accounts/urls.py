from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profil/", views.profile, name="profile"),
    path("perangkat/<int:pk>/keluarkan/", views.device_revoke, name="device_revoke"),
    path("ponsel/", views.phone, name="phone"),
    path("ponsel/kode/", views.phone_code, name="phone_code"),
]
