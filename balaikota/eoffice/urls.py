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
    # ── Collaboration ──
    path("cari/", views.search, name="search"),
    path("<int:pk>/komentar/", views.comment_new, name="comment_new"),
    path("<int:pk>/komentar/sebut/", views.mention_suggest, name="mention_suggest"),
    path("<int:pk>/komentar/<int:comment_pk>/ubah/", views.comment_edit, name="comment_edit"),
    path("<int:pk>/komentar/<int:comment_pk>/hapus/", views.comment_delete, name="comment_delete"),
]
