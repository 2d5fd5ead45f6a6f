"""Competency pages as their users meet them: what shows, what is refused and how it says so,
and query counts that do not grow with rows."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from balaikota.competency import services
from balaikota.competency.models import Enrolment, Evidence, ReadinessQuestion
from balaikota.core.models import AccessLogEntry

from .factories import ClassSessionFactory, ProgrammeFactory, TrainingClassFactory
from .test_services import pdf_bytes

pytestmark = pytest.mark.django_db


def test_the_learner_sees_the_year_s_jp_and_what_to_do(client, team):
    with transaction.atomic():
        services.ledger_credit(
            employee=team.member,
            on=timezone.localdate(),
            jp=Decimal("6"),
            source="adjustment",
            source_key="x:1",
            title="Bimtek TTE",
            form="bimtek",
        )
    client.force_login(team.member.user)
    html = client.get("/kompetensi/").content.decode()
    assert "6 <span" in html and "dari 20 JP" in html
    assert "Mulai penilaian kesiapan digital" in html
    ledger = client.get("/kompetensi/jp/").content.decode()
    assert "Bimtek TTE" in ledger


def test_a_citizen_is_refused_the_competency_pages(client, alice):
    client.force_login(alice)
    assert client.get("/kompetensi/").status_code == 403
    assert client.get("/kompetensi/kepatuhan/").status_code == 403


def test_an_unanswered_questionnaire_comes_back_with_the_message_and_the_answers(client, team):
    client.force_login(team.member.user)
    questions = list(ReadinessQuestion.objects.all())
    data = {f"q{q.pk}": "3" for q in questions[1:]}
    response = client.post("/kompetensi/kesiapan-digital/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Pilih salah satu jawaban." in html
    assert 'value="3" id="id_q' in html and "checked" in html  # what was answered is kept
    data[f"q{questions[0].pk}"] = "2"
    response = client.post("/kompetensi/kesiapan-digital/", data)
    assert response.status_code == 302
    result = client.get(response["Location"]).content.decode()
    assert "Skor per area digital" in result and "<table" in result


def test_enrolling_twice_on_the_page_says_so_with_a_409(client, team):
    training_class = TrainingClassFactory()
    client.force_login(team.member.user)
    url = f"/kompetensi/kelas/{training_class.pk}/"
    assert client.post(url, {"motivation": "Ingin belajar"}).status_code == 302
    assert "Menunggu persetujuan atasan" in client.get(url).content.decode()
    again = client.post(url, {"motivation": "lagi"})
    # The form is no longer offered; a replayed POST is refused, not a second row.
    assert again.status_code == 409
    assert "sudah terdaftar" in again.content.decode()
    assert Enrolment.objects.count() == 1


def test_the_supervisor_approves_from_the_approvals_page(client, team):
    training_class = TrainingClassFactory()
    enrolment = services.enrolment_request(user=team.member.user, training_class=training_class)
    client.force_login(team.head.user)
    html = client.get("/kompetensi/persetujuan/").content.decode()
    assert team.member.full_name in html
    response = client.post(f"/kompetensi/pendaftaran/{enrolment.pk}/setujui/")
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == "enrolled"
    # A peer who guesses the address learns nothing.
    client.force_login(team.peer.user)
    assert (
        client.post(f"/kompetensi/pendaftaran/{enrolment.pk}/tolak/", {"reason": "x"}).status_code
        == 404
    )


def test_a_rejection_without_a_reason_is_a_400_with_the_message(client, team):
    enrolment = services.enrolment_request(
        user=team.member.user, training_class=TrainingClassFactory()
    )
    client.force_login(team.head.user)
    response = client.post(f"/kompetensi/pendaftaran/{enrolment.pk}/tolak/", {"reason": ""})
    assert response.status_code == 400
    assert "Tuliskan alasan" in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == "pending"


def test_evidence_with_a_disguised_file_is_refused_and_nothing_kept(client, team):
    client.force_login(team.member.user)
    today = timezone.localdate()
    form = {
        "title": "Webinar SPBE",
        "form": "webinar",
        "provider": "KemenPANRB",
        "started_on": today.isoformat(),
        "ended_on": today.isoformat(),
        "quantity": "90",
    }
    bad = SimpleUploadedFile("sertifikat.pdf", b"MZ\x90\x00 not a pdf at all", "application/pdf")
    response = client.post("/kompetensi/bukti/", {**form, "file": bad})
    assert response.status_code == 400
    assert "Jenis berkas tidak diterima" in response.content.decode()
    assert not Evidence.objects.exists()
    good = SimpleUploadedFile("sertifikat.pdf", pdf_bytes(), "application/pdf")
    response = client.post("/kompetensi/bukti/", {**form, "file": good})
    assert response.status_code == 302
    assert Evidence.objects.get().approver == team.head


def test_the_supervisor_opening_evidence_is_written_to_the_access_log(client, team):
    today = timezone.localdate()
    evidence = services.evidence_submit(
        user=team.member.user,
        title="Webinar",
        form="webinar",
        provider="BSSN",
        started_on=today,
        ended_on=today,
        quantity=Decimal("90"),
        upload=SimpleUploadedFile("s.pdf", pdf_bytes(), "application/pdf"),
    )
    client.force_login(team.head.user)
    assert client.get(f"/kompetensi/bukti/{evidence.pk}/").status_code == 200
    assert client.get(f"/kompetensi/bukti/{evidence.pk}/berkas/").status_code == 200
    assert (
        AccessLogEntry.objects.filter(actor=team.head.user, subject=team.member.user).count() == 2
    )
    response = client.post(
        f"/kompetensi/bukti/{evidence.pk}/", {"action": "validate", "quantity": "90"}
    )
    assert response.status_code == 302
    evidence.refresh_from_db()
    assert evidence.jp_credited == Decimal("2.00")
    client.force_login(team.stranger.user)
    assert client.get(f"/kompetensi/bukti/{evidence.pk}/").status_code == 404


def test_compliance_drills_down_from_the_city_to_people(client, team):
    client.force_login(team.leader.user)
    city = client.get("/kompetensi/kepatuhan/")
    assert city.status_code == 200
    assert team.unit.opd.name in city.content.decode()
    opd_page = client.get(f"/kompetensi/kepatuhan/{team.unit.opd.code}/?status=at_risk")
    assert opd_page.status_code == 200
    assert team.member.full_name in opd_page.content.decode()
    csv_text = client.get("/kompetensi/kepatuhan/?format=csv").content.decode()
    assert csv_text.startswith("opd,pegawai,tercapai")
    client.force_login(team.member.user)
    assert client.get("/kompetensi/kepatuhan/").status_code == 403


def test_the_ledger_of_someone_else_is_for_their_supervisor_and_logged(client, team):
    client.force_login(team.head.user)
    assert client.get(f"/kompetensi/jp/pegawai/{team.member.pk}/").status_code == 200
    assert AccessLogEntry.objects.filter(actor=team.head.user, subject=team.member.user).exists()
    client.force_login(team.peer.user)
    assert client.get(f"/kompetensi/jp/pegawai/{team.member.pk}/").status_code == 404


def test_a_participant_checks_in_with_the_session_code_within_its_window(client, team):
    training_class = TrainingClassFactory()
    services.enrolment_add(
        training_class=training_class, employee=team.member, actor=team.admin.user
    )
    session = ClassSessionFactory(training_class=training_class)
    client.force_login(team.member.user)
    response = client.post(
        f"/kompetensi/presensi/{session.check_in_code}/", {"code": session.check_in_code}
    )
    assert response.status_code == 200 and "tercatat" in response.content.decode()
    late = ClassSessionFactory(
        training_class=training_class,
        starts_at=timezone.now() - dt.timedelta(hours=5),
        ends_at=timezone.now() - dt.timedelta(hours=3),
    )
    refused = client.post("/kompetensi/presensi/", {"code": late.check_in_code})
    assert refused.status_code == 409 and "30 menit" in refused.content.decode()
    client.force_login(team.peer.user)
    assert client.post("/kompetensi/presensi/", {"code": session.check_in_code}).status_code == 403


def test_pages_cost_a_fixed_number_of_queries(client, team, django_assert_max_num_queries):
    for _ in range(3):
        ProgrammeFactory()
    client.force_login(team.leader.user)
    client.get("/kompetensi/program/")
    client.get("/kompetensi/kepatuhan/")
    with django_assert_max_num_queries(12) as few:
        client.get("/kompetensi/program/")
    with django_assert_max_num_queries(12) as few_compliance:
        client.get("/kompetensi/kepatuhan/")
    for _ in range(10):
        ProgrammeFactory()
    from balaikota.testing.factories import EmployeeFactory

    EmployeeFactory.create_batch(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/kompetensi/program/")
    with django_assert_max_num_queries(len(few_compliance.captured_queries)):
        client.get("/kompetensi/kepatuhan/")


def test_the_roster_is_for_the_admin_and_instructors(client, team):
    training_class = TrainingClassFactory()
    client.force_login(team.member.user)
    assert client.get(f"/kompetensi/kelas/{training_class.pk}/peserta/").status_code == 404
    client.force_login(team.admin.user)
    assert client.get(f"/kompetensi/kelas/{training_class.pk}/peserta/").status_code == 200
    bad = client.post(
        f"/kompetensi/kelas/{training_class.pk}/peserta/", {"action": "capacity", "capacity": "abc"}
    )
    assert bad.status_code == 400 and "bilangan bulat" in bad.content.decode()


def test_the_heat_map_shows_the_numbers_per_opd_and_month(client, team):
    with transaction.atomic():
        services.ledger_credit(
            employee=team.member,
            on=timezone.localdate().replace(day=1),
            jp=Decimal("20"),
            source="adjustment",
            source_key="hm:1",
            title="x",
            form="training",
        )
    services.compliance_months_refresh()
    client.force_login(team.leader.user)
    html = client.get("/kompetensi/kepatuhan/peta-bulanan/").content.decode()
    assert team.unit.opd.name in html and 'class="text-end heat-' in html
    assert "33" in html  # one of the unit's three people is on pace
    client.force_login(team.member.user)
    assert client.get("/kompetensi/kepatuhan/peta-bulanan/").status_code == 403


def test_the_training_history_downloads_in_the_documented_format(client, team):
    import csv as csv_module
    import io

    from openpyxl import load_workbook

    with transaction.atomic():
        services.ledger_credit(
            employee=team.member,
            on=timezone.localdate(),
            jp=Decimal("3"),
            source="evidence",
            source_key="evidence:77",
            title='=HYPERLINK("x") webinar',
            form="webinar",
        )
    client.force_login(team.member.user)
    text = client.get("/kompetensi/jp/unduh/?format=csv").content.decode("utf-8-sig")
    rows = list(csv_module.reader(io.StringIO(text)))
    assert rows[0][:3] == ["nip", "nama", "opd"] and rows[1][0] == team.member.nip
    assert rows[1][8] == "3.00" and rows[1][5] == "nonklasikal" and rows[1][11] == "evidence:77"
    workbook = load_workbook(io.BytesIO(client.get("/kompetensi/jp/unduh/").content))
    sheet = workbook["Riwayat JP"]
    assert sheet["G2"].value.startswith("'=")  # never a formula
    client.force_login(team.leader.user)
    agency = client.get(f"/kompetensi/kepatuhan/{team.unit.opd.code}/unduh/?format=csv")
    assert team.member.nip in agency.content.decode("utf-8-sig")
    logged = AccessLogEntry.objects.get(actor=team.leader.user)
    assert logged.object_id == str(team.unit.opd_id) and "riwayat JP" in logged.purpose
    client.force_login(team.peer.user)
    assert client.get(f"/kompetensi/jp/pegawai/{team.member.pk}/unduh/").status_code == 404
