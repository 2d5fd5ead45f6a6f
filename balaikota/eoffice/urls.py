from django.urls import path

from . import views

app_name = "eoffice"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("baru/", views.choose_kind, name="choose_kind"),
    path("baru/<slug:kind>/", views.new, name="new"),
    path("tanda-tangan/", views.bulk_sign, name="bulk_sign"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/ubah/", views.edit, name="edit"),
    path("<int:pk>/versi/", views.versions, name="versions"),
    path("<int:pk>/aksi/<slug:action>/", views.act, name="act"),
    path("<int:pk>/lampiran/<int:attachment_pk>/", views.attachment, name="attachment"),
]

# ── Archive and retention ──
urlpatterns += [
    path("arsip/", views.archive_report, name="archive"),
    path("arsip/usul/", views.disposals, name="disposals"),
    path("arsip/usul/baru/", views.disposal_new, name="disposal_new"),
    path("arsip/usul/<int:pk>/", views.disposal, name="disposal"),
    path("arsip/usul/<int:pk>/aksi/<slug:action>/", views.disposal_act, name="disposal_act"),
    path("arsip/tahan/<int:pk>/", views.legal_hold, name="legal_hold"),
    path("<int:pk>/bundel/", views.bundle, name="bundle"),
]
