from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profil/", views.profile, name="profile"),
    path("ponsel/", views.phone, name="phone"),
    path("ponsel/kode/", views.phone_code, name="phone_code"),
]
