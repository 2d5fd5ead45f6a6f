from django.urls import path

from . import views

app_name = "elearning"

urlpatterns = [
    path("", views.course_list, name="list"),
    path("kursus/<int:pk>/", views.course_detail, name="course"),
    path("kursus/<int:pk>/scorm/unggah/", views.scorm_upload, name="scorm_upload"),
    path("materi/<int:pk>/", views.lesson_detail, name="lesson"),
    path("materi/<int:pk>/selesai/", views.lesson_done, name="lesson_done"),
    path("materi/<int:pk>/berkas/", views.lesson_file, name="lesson_file"),
    path("kuis/<int:pk>/mulai/", views.quiz_start, name="quiz_start"),
    path("percobaan/<int:pk>/", views.attempt_detail, name="attempt"),
    path("percobaan/<int:pk>/jawab/", views.attempt_answer, name="attempt_answer"),
    path("percobaan/<int:pk>/kirim/", views.attempt_submit, name="attempt_submit"),
    path("scorm/<int:pk>/", views.scorm_player, name="scorm"),
    path("scorm/<int:pk>/commit/", views.scorm_commit, name="scorm_commit"),
    path("scorm/<int:pk>/isi/<path:path>", views.scorm_file, name="scorm_file"),
    path("hasil/", views.reports, name="reports"),
    path("hasil/<int:pk>/", views.report_course, name="report_course"),
]
