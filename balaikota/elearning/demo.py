"""Demo e-learning through the real services: two courses with their question banks, pre- and
post-tests, a small SCORM 1.2 package made here, and some progress for the demo civil servant.
Idempotent: a course that exists is left as it is."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

from django.db import transaction

from . import services
from .data.courses import COURSES, CYBER, DATA
from .models import Attempt, Course, Lesson, Module, Option, Quiz

SCO_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="balaikota-phishing-sim" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>Simulasi: Phishing atau Bukan?</title>
      <item identifier="item1" identifierref="sco1"><title>Simulasi: Phishing atau Bukan?</title></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco1" type="webcontent" adlcp:scormtype="sco" href="index.html">
      <file href="index.html"/><file href="sco.js"/><file href="gaya.css"/>
    </resource>
  </resources>
</manifest>
"""

SCO_HTML = """<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Simulasi: Phishing atau Bukan?</title><link rel="stylesheet" href="gaya.css"><script src="sco.js" defer></script></head>
<body><main>
<h1>Phishing atau bukan?</h1>
<p>Baca tiga pesan berikut dan putuskan. Lulus bila paling sedikit dua benar.</p>
<div id="kartu"></div>
<p id="hasil" role="status"></p>
</main></body></html>
"""

SCO_CSS = """body{font-family:system-ui,sans-serif;margin:0;padding:1rem;line-height:1.5;color:#212529}
main{max-width:40rem;margin:auto}.pesan{border:1px solid #ced4da;border-radius:.5rem;padding:1rem;margin:1rem 0;background:#f8f9fa}
button{font-size:1rem;padding:.5rem 1rem;margin:.25rem .5rem .25rem 0;border-radius:.375rem;border:1px solid #0b4f6c;background:#fff;color:#0b4f6c}
button.utama{background:#0b4f6c;color:#fff}
"""

SCO_JS = """// A tiny SCORM 1.2 SCO: three messages, phishing or not; reports score, status and where it was.
(function () {
  var PESAN = [
    {dari: "BKN Pusat <verifikasi@bkn-update-data.com>", isi: "Data kepegawaian Anda belum diperbarui. Klik tautan dalam 24 jam agar TPP tetap cair.", phishing: true,
     alasan: "Domain bukan bkn.go.id dan ada desakan waktu."},
    {dari: "Diskominfo Kota Semarang <helpdesk@semarangkota.go.id>", isi: "Pemeliharaan e-office Sabtu pukul 22.00-24.00. Tidak ada tindakan yang perlu Anda lakukan.", phishing: false,
     alasan: "Domain resmi, tidak meminta data atau klik."},
    {dari: "+62 812-xxxx (mengaku Kepala Dinas)", isi: "Saya sedang rapat, tolong belikan voucer pulsa Rp1 juta dulu, nanti saya ganti.", phishing: true,
     alasan: "Nomor baru, permintaan uang mendesak: hubungi pimpinan di nomor lama."}
  ];
  function findApi(win) { for (var i = 0; win && i < 10; i++) { if (win.API) return win.API; if (win.parent === win) break; win = win.parent; } return null; }
  var api = findApi(window);
  var state = {i: 0, benar: 0};
  function simpan() {
    if (!api) return;
    api.LMSSetValue("cmi.suspend_data", JSON.stringify(state));
    api.LMSSetValue("cmi.core.lesson_location", String(state.i));
    api.LMSCommit("");
  }
  function tampil() {
    var kartu = document.getElementById("kartu");
    kartu.textContent = "";
    if (state.i >= PESAN.length) { selesai(); return; }
    var p = PESAN[state.i];
    var box = document.createElement("div"); box.className = "pesan";
    var dari = document.createElement("p"); dari.textContent = "Dari: " + p.dari;
    var isi = document.createElement("p"); isi.textContent = p.isi;
    box.appendChild(dari); box.appendChild(isi); kartu.appendChild(box);
    [["Phishing", true], ["Aman", false]].forEach(function (pilihan) {
      var b = document.createElement("button"); b.textContent = pilihan[0]; b.className = pilihan[1] ? "utama" : "";
      b.addEventListener("click", function () {
        if (pilihan[1] === p.phishing) state.benar++;
        document.getElementById("hasil").textContent = (pilihan[1] === p.phishing ? "Tepat. " : "Kurang tepat. ") + p.alasan;
        state.i++; simpan(); tampil();
      });
      kartu.appendChild(b);
    });
  }
  function selesai() {
    var nilai = Math.round(state.benar * 100 / PESAN.length);
    document.getElementById("kartu").textContent = "Selesai: " + state.benar + " dari " + PESAN.length + " benar (nilai " + nilai + ").";
    if (!api) return;
    api.LMSSetValue("cmi.core.score.raw", String(nilai));
    api.LMSSetValue("cmi.core.lesson_status", state.benar >= 2 ? "passed" : "failed");
    simpan();
    api.LMSFinish("");
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (api) {
      api.LMSInitialize("");
      try { var s = JSON.parse(api.LMSGetValue("cmi.suspend_data") || "{}"); if (typeof s.i === "number") state = s; } catch (e) {}
      if (api.LMSGetValue("cmi.core.lesson_status") === "not attempted") api.LMSSetValue("cmi.core.lesson_status", "incomplete");
    }
    tampil();
  });
})();
"""


def demo_scorm_zip() -> bytes:
    """The demo's SCORM 1.2 package, built in code (also a fixture of the tests)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", SCO_MANIFEST)
        archive.writestr("index.html", SCO_HTML)
        archive.writestr("sco.js", SCO_JS)
        archive.writestr("gaya.css", SCO_CSS)
    return buffer.getvalue()


@transaction.atomic
def _course(spec: dict) -> Course:
    course = services.course_save(
        course=Course(
            title=spec["title"],
            summary=spec["summary"],
            description=spec["description"],
            is_published=True,
        )
    )
    for m, (module_title, lessons) in enumerate(spec["modules"], start=1):
        module = Module.objects.create(course=course, title=module_title, order=m)
        for n, (title, minutes, body) in enumerate(lessons, start=1):
            services.lesson_save(
                lesson=Lesson(module=module, title=title, order=n, minutes=minutes, body=body)
            )
    for kind, text, options, explanation in spec["questions"]:
        services.question_create(
            course=course, kind=kind, text=text, options=options, explanation=explanation
        )
    for kind, label in ((Quiz.Kind.PRE_TEST, "Pre-test"), (Quiz.Kind.POST_TEST, "Post-test")):
        Quiz.objects.create(
            course=course,
            kind=kind,
            title=f"{label}: {spec['title']}",
            question_count=10,
            time_limit_minutes=15,
            max_attempts=1 if kind == Quiz.Kind.PRE_TEST else 3,
            pass_mark=Decimal(70),
        )
    return course


def elearning_demo_seed(*, learner=None, admin=None) -> int:
    """The demo courses (those missing), the SCORM package of the cyber course (uploaded by
    ``admin``), and ``learner``'s progress in the data-literacy course. Returns courses added."""
    added = 0
    for spec in COURSES:
        if not Course.objects.filter(title=spec["title"]).exists():
            course = _course(spec)
            added += 1
            if spec is CYBER and admin is not None:
                services.scorm_package_upload(
                    user=admin, course=course, upload=demo_scorm_zip(), title=""
                )
    if learner is not None:
        _progress(learner, Course.objects.get(title=DATA["title"]))
    return added


def _progress(learner, course: Course) -> None:
    """The pre-test taken (6 of 10 right) and the first two lessons read, once."""
    pre = course.quizzes.get(kind=Quiz.Kind.PRE_TEST)
    if Attempt.objects.filter(user=learner, quiz=pre).exists():
        return
    attempt = services.attempt_start(user=learner, quiz=pre)
    answers = {}
    for n, question_id in enumerate(attempt.question_ids):
        options = Option.objects.filter(question_id=question_id, is_correct=n < 6)
        answers[question_id] = (
            list(options.values_list("pk", flat=True)) if n < 6 else [options.first().pk]
        )
    services.attempt_submit(user=learner, attempt=attempt, answers=answers)
    for lesson in Lesson.objects.filter(module__course=course)[:2]:
        services.lesson_visit(user=learner, lesson=lesson)
        services.lesson_mark_done(user=learner, lesson=lesson)
