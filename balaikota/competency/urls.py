"""Competency development pages, under /kompetensi/."""

from django.urls import path

from . import views

app_name = "competency"

urlpatterns = [
    path("", views.home, name="home"),
    path("profil/", views.profile, name="profile"),
    path("kesiapan-digital/", views.readiness, name="readiness"),
    path("kesiapan-digital/<int:pk>/", views.readiness_result, name="readiness_result"),
    path("program/", views.programme_list, name="programmes"),
    path("program/<slug:code>/", views.programme_detail, name="programme"),
    path("program/<slug:code>/laporan/", views.programme_report, name="programme_report"),
    path("pendaftaran/<int:pk>/umpan-balik/", views.feedback, name="feedback"),
    path("kelas/<int:pk>/", views.class_detail, name="class"),
    path("kelas/<int:pk>/peserta/", views.class_roster, name="roster"),
    path("sesi/<int:pk>/qr.png", views.session_qr, name="session_qr"),
    path("presensi/", views.check_in, name="check_in"),
    path("presensi/<str:code>/", views.check_in, name="check_in_code"),
    path("pendaftaran/<int:pk>/keluar/", views.enrolment_withdraw, name="withdraw"),
    path("pendaftaran/<int:pk>/<str:action>/", views.enrolment_decide, name="enrolment_decide"),
    path("penilaian/<int:pk>/<str:action>/", views.assessment_decide, name="assessment_decide"),
    path("persetujuan/", views.approvals, name="approvals"),
    path("penilaian/hasil/", views.assessment_result, name="assessment_result"),
    path("standar/", views.standards, name="standards"),
    path("rencana/", views.plan, name="plan"),
    path("rencana/<int:pk>/<str:action>/", views.plan_decide, name="plan_decide"),
    path("akpk/", views.needs_analysis, name="needs_analysis"),
    path("akpk/<slug:opd_code>/", views.needs_analysis, name="needs_analysis_opd"),
    path("bukti/", views.evidence_list, name="evidence_list"),
    path("bukti/antrean/", views.evidence_queue, name="evidence_queue"),
    path("bukti/<int:pk>/", views.evidence_detail, name="evidence"),
    path("bukti/<int:pk>/berkas/", views.evidence_file, name="evidence_file"),
    path("sertifikat/<int:pk>/cabut/", views.certificate_revoke, name="certificate_revoke"),
    path("sertifikat/<int:pk>/lencana.jwt", views.certificate_badge, name="certificate_badge"),
    path("penerbit/", views.badge_issuer, name="badge_issuer"),
    path("jp/", views.ledger, name="ledger"),
    path("jp/unduh/", views.ledger_export, name="ledger_export"),
    path("jp/pegawai/<int:employee_id>/unduh/", views.ledger_export, name="ledger_export_of"),
    path("kepatuhan/<slug:opd_code>/unduh/", views.compliance_export, name="compliance_export"),
    path("jp/pegawai/<int:employee_id>/", views.ledger, name="ledger_of"),
    path("tim/", views.team, name="team"),
    path("kepatuhan/", views.compliance, name="compliance"),
    path("kepatuhan/peta-bulanan/", views.compliance_heat_map, name="heat_map"),
    path("kepatuhan/<slug:opd_code>/", views.compliance_opd, name="compliance_opd"),
]
