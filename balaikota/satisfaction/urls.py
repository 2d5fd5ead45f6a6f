from django.urls import path

from . import views

app_name = "satisfaction"

urlpatterns = [
    path("survei/terima-kasih/", views.survey_thanks, name="thanks"),
    path("survei/<str:token>/", views.survey_answer, name="answer"),
    path("ikm/", views.ikm_index, name="index"),
    path("ikm/<slug:code>/", views.ikm_opd, name="opd"),
    path("ikm/<slug:code>/tindak-lanjut/baru/", views.improvement_new, name="improvement_new"),
]
