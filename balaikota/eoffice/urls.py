from django.urls import path

from . import views

app_name = "eoffice"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("baru/", views.choose_kind, name="choose_kind"),
    path("baru/<slug:kind>/", views.new, name="new"),
    path("tanda-tangan/", views.bulk_sign, name="bulk_sign"),
    path("plt-plh/", views.acting, name="acting"),
    path("plt-plh/<int:pk>/akhiri/", views.acting_end, name="acting_end"),
    path("delegasi/", views.delegation, name="delegation"),
    path("delegasi/<int:pk>/akhiri/", views.delegation_end, name="delegation_end"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/ubah/", views.edit, name="edit"),
    path("<int:pk>/versi/", views.versions, name="versions"),
    path("<int:pk>/aksi/<slug:action>/", views.act, name="act"),
    path("<int:pk>/lampiran/<int:attachment_pk>/", views.attachment, name="attachment"),
]
