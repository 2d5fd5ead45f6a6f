from django.urls import path

from . import views

app_name = "organization"

urlpatterns = [
    path("impor-asn/", views.employees_import, name="employees_import"),
    path("impor-asn/konfirmasi/", views.employees_import_confirm, name="employees_import_confirm"),
    path("impor-asn/hasil/", views.employees_import_result, name="employees_import_result"),
    path("impor-asn/contoh.csv", views.employees_import_example, name="employees_import_example"),
]
