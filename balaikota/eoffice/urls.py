from django.urls import path

from . import views

app_name = "eoffice"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("baru/", views.choose_kind, name="choose_kind"),
    path("baru/<slug:kind>/", views.new, name="new"),
    path("tanda-tangan/", views.bulk_sign, name="bulk_sign"),
    path("register-keluar/", views.outgoing_register, name="outgoing_register"),
    path("pengiriman/<int:pk>/<slug:action>/", views.dispatch_act, name="dispatch_act"),
    path("plt-plh/", views.acting, name="acting"),
    path("plt-plh/<int:pk>/akhiri/", views.acting_end, name="acting_end"),
    path("delegasi/", views.delegation, name="delegation"),
    path("delegasi/<int:pk>/akhiri/", views.delegation_end, name="delegation_end"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/ubah/", views.edit, name="edit"),
    path("<int:pk>/versi/", views.versions, name="versions"),
    path("<int:pk>/aksi/<slug:action>/", views.act, name="act"),
    path("<int:pk>/disposisikan/", views.dispose_received, name="dispose_received"),
    path("<int:pk>/lampiran/<int:attachment_pk>/", views.attachment, name="attachment"),
    # ── Incoming letters and dispositions ──
    path("masuk/", views.incoming_register, name="incoming_register"),
    path("masuk/baru/", views.incoming_new, name="incoming_new"),
    path("masuk/impor/", views.incoming_import, name="incoming_import"),
    path("masuk/<int:pk>/", views.incoming_detail, name="incoming_detail"),
    path("masuk/<int:pk>/disposisi/", views.incoming_dispose, name="incoming_dispose"),
    path("masuk/<int:pk>/pindaian/", views.incoming_scan, name="incoming_scan"),
    path("masuk/<int:pk>/lembar-disposisi/", views.incoming_sheet, name="incoming_sheet"),
    path("disposisi/<int:pk>/tarik/", views.disposition_withdraw, name="disposition_withdraw"),
    path("disposisi/<int:pk>/selesai/", views.disposition_close, name="disposition_close"),
    path("disposisi/<int:pk>/laporan/", views.disposition_report_file, name="disposition_report"),
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
    # ── Collaboration ──
    path("cari/", views.search, name="search"),
    path("<int:pk>/komentar/", views.comment_new, name="comment_new"),
    path("<int:pk>/komentar/sebut/", views.mention_suggest, name="mention_suggest"),
    path("<int:pk>/komentar/<int:comment_pk>/ubah/", views.comment_edit, name="comment_edit"),
    path("<int:pk>/komentar/<int:comment_pk>/hapus/", views.comment_delete, name="comment_delete"),
]
