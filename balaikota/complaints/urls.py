from django.urls import path

from . import views

app_name = "complaints"

urlpatterns = [
    path("", views.complaint_list, name="list"),
    path("baru/", views.complaint_new, name="new"),
    path("mirip/", views.similar, name="similar"),
    path("antrean/", views.queue, name="queue"),
    path("ekspor.json", views.export, name="export"),
    path("<str:number>/", views.complaint_detail, name="detail"),
    path("<str:number>/terkirim/", views.complaint_filed, name="filed"),
    path("<str:number>/tangani/", views.handle, name="handle"),
    path("<str:number>/lampiran/<int:pk>/", views.attachment, name="attachment"),
    path("<str:number>/tanggapan/<slug:action>/", views.complaint_follow_up, name="follow_up"),
]
