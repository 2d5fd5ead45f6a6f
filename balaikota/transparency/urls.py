from django.urls import path

from . import views

app_name = "transparency"

urlpatterns = [
    path("", views.index, name="index"),
    path("data.csv", views.data_csv, name="csv"),
    path("data.json", views.data_json, name="json"),
]
