from django.urls import path

from . import views

app_name = "catalogue"

urlpatterns = [
    path("", views.service_list, name="list"),
    path("peristiwa/<slug:slug>/", views.life_event_detail, name="life_event"),
    path("opd/<slug:code>/", views.opd_detail, name="opd"),
    path("<slug:slug>/", views.service_detail, name="detail"),
    path("<slug:slug>/versi/", views.standard_versions, name="versions"),
    path("<slug:slug>/versi/<int:number>/", views.standard_version, name="version"),
]
