from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("verifikasi/", views.verify, name="verify"),
    path("pki/crl/", views.crl, name="crl"),
    path("pki/ca/", views.ca_certificate, name="ca_certificate"),
    path("verifikasi/<str:code>/", views.verify_code, name="verify_code"),
    path("dokumen/<str:code>/unduh/", views.download, name="download"),
]
