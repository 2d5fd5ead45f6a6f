"""Pages of civil registration under /kependudukan/ (the public /lacak/ is in public_urls)."""

from django.urls import path

from . import views

app_name = "civil_registry"

urlpatterns = [
    # The citizen
    path("", views.home, name="home"),
    path("ajukan/<slug:service_code>/", views.apply, name="apply"),
    path("data-saya/", views.personal_data, name="personal_data"),
    path("permohonan/<int:pk>/", views.application_detail, name="application_detail"),
    path("permohonan/<int:pk>/langkah/<int:step>/", views.step, name="step"),
    path("permohonan/<int:pk>/berkas/", views.documents, name="documents"),
    path("permohonan/<int:pk>/berkas/unggah/", views.upload, name="upload"),
    path(
        "permohonan/<int:pk>/berkas/<int:document_pk>/",
        views.document_file,
        name="document_file",
    ),
    path("permohonan/<int:pk>/periksa/", views.review, name="review"),
    path("permohonan/<int:pk>/tanda-terima/", views.receipt, name="receipt"),
    path("permohonan/<int:pk>/tanda-terima.pdf", views.receipt_pdf, name="receipt_pdf"),
    path("permohonan/<int:pk>/batal/", views.cancel, name="cancel"),
    path("permohonan/<int:pk>/perbaikan/", views.correction, name="correction"),
    path("permohonan/<int:pk>/ajukan-ulang/", views.resubmit, name="resubmit"),
    # Appointments for a visit (antrean online)
    path("kunjungan/", views.appointments, name="appointments"),
    path("kunjungan/pesan/", views.appointment_book, name="appointment_book"),
    path("kunjungan/<int:pk>/", views.appointment_detail, name="appointment_detail"),
    path("kunjungan/<int:pk>/pindah/", views.appointment_reschedule, name="appointment_reschedule"),
    path("kunjungan/<int:pk>/batal/", views.appointment_cancel, name="appointment_cancel"),
    # Tracking also answers here, for when /lacak/ is not mounted at the root
    path("lacak/", views.track, name="track"),
    # The officer
    path("petugas/", views.queue, name="queue"),
    path("petugas/ambil-berikutnya/", views.claim_next, name="claim_next"),
    path("petugas/pendampingan/", views.assisted_intake, name="assisted_intake"),
    path("petugas/kunjungan/", views.appointments_counter, name="appointments_counter"),
    path("petugas/<int:pk>/", views.officer_review, name="officer_review"),
    path("petugas/<int:pk>/ambil/", views.claim, name="claim"),
    path("petugas/<int:pk>/perbaikan/", views.request_correction, name="request_correction"),
    path("petugas/<int:pk>/tolak/", views.reject, name="reject"),
    path("petugas/<int:pk>/setujui/", views.approve, name="approve"),
    path(
        "petugas/<int:pk>/duplikat/<int:flag_pk>/",
        views.duplicate_decide,
        name="duplicate_decide",
    ),
    # The signing official
    path("tanda-tangan/", views.sign_list, name="sign_list"),
    path("tanda-tangan/<int:pk>/", views.sign, name="sign"),
    path("tanda-tangan/<int:pk>/dokumen.pdf", views.sign_pdf, name="sign_pdf"),
]
