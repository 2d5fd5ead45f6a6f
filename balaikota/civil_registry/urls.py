"""Pages of civil registration under /kependudukan/ (the public /lacak/ is in public_urls)."""

from django.urls import path

from .views import appointments, citizen, officer, public

app_name = "civil_registry"

urlpatterns = [
    # The citizen
    path("", citizen.home, name="home"),
    path("ajukan/<slug:service_code>/", citizen.apply, name="apply"),
    path("data-saya/", citizen.personal_data, name="personal_data"),
    path("cek-nik/", citizen.nik_check, name="nik_check"),
    path("permohonan/<int:pk>/", citizen.application_detail, name="application_detail"),
    path("permohonan/<int:pk>/langkah/<int:step>/", citizen.step, name="step"),
    path("permohonan/<int:pk>/berkas/", citizen.documents, name="documents"),
    path("permohonan/<int:pk>/berkas/unggah/", citizen.upload, name="upload"),
    path(
        "permohonan/<int:pk>/berkas/<int:document_pk>/",
        citizen.document_file,
        name="document_file",
    ),
    path("permohonan/<int:pk>/periksa/", citizen.review, name="review"),
    path("permohonan/<int:pk>/tanda-terima/", citizen.receipt, name="receipt"),
    path("permohonan/<int:pk>/tanda-terima.pdf", citizen.receipt_pdf, name="receipt_pdf"),
    path("permohonan/<int:pk>/pin-baru/", citizen.pin_reset, name="pin_reset"),
    path("permohonan/<int:pk>/batal/", citizen.cancel, name="cancel"),
    path("permohonan/<int:pk>/perbaikan/", citizen.correction, name="correction"),
    path("permohonan/<int:pk>/ajukan-ulang/", citizen.resubmit, name="resubmit"),
    # Appointments for a visit (antrean online)
    path("kunjungan/", appointments.appointments, name="appointments"),
    path("kunjungan/pesan/", appointments.appointment_book, name="appointment_book"),
    path("kunjungan/<int:pk>/", appointments.appointment_detail, name="appointment_detail"),
    path(
        "kunjungan/<int:pk>/pindah/",
        appointments.appointment_reschedule,
        name="appointment_reschedule",
    ),
    path("kunjungan/<int:pk>/batal/", appointments.appointment_cancel, name="appointment_cancel"),
    # Tracking also answers here, for when /lacak/ is not mounted at the root
    path("lacak/", public.track, name="track"),
    # The officer
    path("petugas/", officer.queue, name="queue"),
    path("petugas/ambil-berikutnya/", officer.claim_next, name="claim_next"),
    path("petugas/pendampingan/", officer.assisted_intake, name="assisted_intake"),
    path("petugas/kunjungan/", officer.appointments_counter, name="appointments_counter"),
    path("petugas/<int:pk>/", officer.officer_review, name="officer_review"),
    path("petugas/<int:pk>/ambil/", officer.claim, name="claim"),
    path("petugas/<int:pk>/perbaikan/", officer.request_correction, name="request_correction"),
    path("petugas/<int:pk>/tolak/", officer.reject, name="reject"),
    path("petugas/<int:pk>/setujui/", officer.approve, name="approve"),
    path("petugas/<int:pk>/teruskan/", officer.forward, name="forward"),
    path("petugas/<int:pk>/verifikasi/", officer.verify, name="verify"),
    path(
        "petugas/<int:pk>/kembalikan-ke-petugas/",
        officer.return_to_officer,
        name="return_to_officer",
    ),
    path("petugas/verifikasi/", officer.verification_list, name="verification_list"),
    path("petugas/<int:pk>/kembalikan/", officer.release, name="release"),
    path("petugas/<int:pk>/buat-ulang-dokumen/", officer.retry_document, name="retry_document"),
    path(
        "petugas/<int:pk>/duplikat/<int:flag_pk>/",
        officer.duplicate_decide,
        name="duplicate_decide",
    ),
    # The signing official
    path("tanda-tangan/", officer.sign_list, name="sign_list"),
    path("tanda-tangan/<int:pk>/", officer.sign, name="sign"),
    path("tanda-tangan/<int:pk>/dokumen.pdf", officer.sign_pdf, name="sign_pdf"),
]
