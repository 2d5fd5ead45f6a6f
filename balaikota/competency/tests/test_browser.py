"""The competency journey on a 360-px phone: a civil servant takes the digital-readiness
self-assessment, follows a recommendation and enrols; the supervisor approves; the civil servant
finishes the e-learning course and passes its post-test; they download the certificate,
/verifikasi/ confirms it, and the JP shows in their ledger and in their OPD's compliance view.
A classroom class is closed by its instructor on the roster page (the second test).

Set BALAIKOTA_SCREENSHOTS=<folder> to keep a PNG of every page visited."""

from __future__ import annotations

from decimal import Decimal

import pytest

from balaikota.competency import services
from balaikota.competency.models import Competency, ProgrammeCompetency
from balaikota.elearning.tests.factories import make_course
from balaikota.testing.browser import assert_accessible, assert_fits_the_phone, shot, signed_in

from .factories import ClassSessionFactory, ProgrammeFactory, TrainingClassFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _answer_all(phone, *, correct: bool) -> None:
    for fieldset in phone.locator("main form fieldset").all():
        fieldset.locator("label", has_text="Benar" if correct else "Salah").click()
        fieldset.get_by_text("Tersimpan").wait_for()


def test_readiness_to_certificate_and_compliance(browser, live_server, team):
    course = make_course(title="Keamanan Siber untuk ASN", lessons=2, questions=4)
    programme = ProgrammeFactory(
        title="Keamanan Siber untuk ASN",
        mode="elearning",
        jp=Decimal("8"),
        pass_mark=None,
        course=course,
    )
    ProgrammeCompetency.objects.create(
        programme=programme,
        competency=Competency.objects.get(code="digital-keamanan"),
        level_reached=3,
    )
    training_class = TrainingClassFactory(programme=programme, name="Angkatan I", capacity=10)

    with signed_in(browser, live_server, team.member.user) as phone:
        phone.goto("/kompetensi/")
        assert_fits_the_phone(phone)
        shot(phone, "competency-home")
        phone.get_by_role("link", name="Mulai penilaian kesiapan digital").click()
        phone.get_by_role("heading", level=1, name="Penilaian kesiapan digital").wait_for()
        for area in phone.locator("form > fieldset").all():
            weak = area.locator("legend").first.inner_text() == "Keamanan digital"
            answer = "Bisa dengan bantuan" if weak else "Lancar dan bisa mengatasi masalahnya"
            for statement in area.locator("fieldset").all():
                statement.get_by_label(answer).check()
        assert_fits_the_phone(phone)
        shot(phone, "competency-readiness")
        phone.get_by_role("button", name="Lihat hasil saya").click()
        phone.get_by_role("heading", level=1, name="Hasil kesiapan digital Anda").wait_for()
        table = phone.locator("table").inner_text()
        assert "Keamanan digital" in table and ("2,00" in table or "2.00" in table)
        assert_fits_the_phone(phone)
        assert_accessible(phone)
        shot(phone, "competency-readiness-result")
        phone.get_by_role("link", name="Daftar Angkatan I").click()
        phone.get_by_label("Mengapa Anda ingin mengikuti kelas ini? (tidak wajib)").fill(
            "Saya sering menerima tautan mencurigakan di WhatsApp."
        )
        phone.get_by_role("button", name="Daftar").click()
        phone.get_by_text("Pendaftaran dikirim ke atasan Anda untuk disetujui.").wait_for()
        phone.get_by_text("Menunggu persetujuan atasan", exact=False).first.wait_for()
        assert_fits_the_phone(phone)
        shot(phone, "competency-class-pending")

    with signed_in(browser, live_server, team.head.user) as desk:
        desk.goto("/kompetensi/persetujuan/")
        desk.get_by_text(team.member.full_name).first.wait_for()
        assert_fits_the_phone(desk)
        assert_accessible(desk)
        shot(desk, "competency-approvals")
        desk.get_by_role("button", name="Setujui").click()
        desk.get_by_text("mendapat kursi").wait_for()

    # The class is the e-learning course: pre-test, lessons, post-test.
    with signed_in(browser, live_server, team.member.user) as phone:
        phone.goto(f"/kompetensi/kelas/{training_class.pk}/")
        phone.get_by_role("link", name="Buka kursus e-learning").click()
        phone.get_by_role("button", name="Mulai Pre-test").click()
        _answer_all(phone, correct=False)
        phone.get_by_role("button", name="Kirim jawaban").click()
        phone.get_by_role("link", name="Mulai belajar").first.click()
        phone.get_by_role("link", name="Mulai belajar").click()
        phone.get_by_role("button", name="Tandai selesai & lanjut").click()
        phone.get_by_role("button", name="Tandai selesai").click()
        phone.get_by_role("button", name="Mulai Post-test").click()
        _answer_all(phone, correct=True)
        phone.get_by_role("button", name="Kirim jawaban").click()
        phone.get_by_text("Selamat, kursus ini selesai.").wait_for()
        shot(phone, "competency-course-passed")

    with signed_in(browser, live_server, team.member.user) as phone:
        phone.goto(f"/kompetensi/kelas/{training_class.pk}/")
        download = phone.get_by_role("link", name="Unduh sertifikat (PDF)")
        pdf = phone.request.get(download.get_attribute("href"))
        assert pdf.status == 200 and pdf.body().startswith(b"%PDF-")
        shot(phone, "competency-class-completed")
        phone.get_by_role("link", name="Periksa keasliannya").click()
        phone.get_by_text("Keamanan Siber untuk ASN", exact=False).first.wait_for()
        assert "Dicabut" not in phone.content()
        shot(phone, "competency-verify")
        phone.goto("/kompetensi/jp/")
        ledger = phone.locator("table").inner_text()
        assert "Keamanan Siber untuk ASN" in ledger and "8" in ledger
        assert_fits_the_phone(phone)
        assert_accessible(phone)
        shot(phone, "competency-ledger")

    with signed_in(browser, live_server, team.leader.user) as leader:
        leader.goto("/kompetensi/kepatuhan/")
        assert_fits_the_phone(leader)
        assert_accessible(leader)
        shot(leader, "competency-compliance")
        leader.get_by_role("link", name=team.unit.opd.name).click()
        person = leader.get_by_role("listitem").filter(has_text=team.member.full_name)
        assert "8 / 20 JP" in person.inner_text()
        assert_fits_the_phone(leader)
        shot(leader, "competency-compliance-opd")


def test_the_instructor_closes_a_classroom_class_on_the_roster(browser, live_server, team):
    programme = ProgrammeFactory(title="Pelayanan Prima di Era Digital", jp=Decimal("16"))
    training_class = TrainingClassFactory(programme=programme, capacity=10)
    session = ClassSessionFactory(training_class=training_class, title="Standar pelayanan")
    enrolment = services.enrolment_add(
        training_class=training_class, employee=team.member, actor=team.admin.user
    )
    services.class_transition(training_class=training_class, action="start", actor=team.admin.user)
    with signed_in(browser, live_server, team.admin.user) as admin_phone:
        admin_phone.goto(f"/kompetensi/kelas/{training_class.pk}/peserta/")
        admin_phone.get_by_role("button", name="Sesi 1").click()
        admin_phone.get_by_role("button", name="✓ Sesi 1").wait_for()
        assert_fits_the_phone(admin_phone)
        assert_accessible(admin_phone)
        shot(admin_phone, "competency-roster")
        admin_phone.get_by_role("button", name="Selesaikan kelas dan nilai kelulusan").click()
        admin_phone.get_by_text("Kelas selesai: 1 lulus, 0 tidak lulus.").wait_for()
    enrolment.refresh_from_db()
    assert enrolment.status == "completed" and session.attendance.count() == 1
