"""Filing, handling and following up a complaint, and the bad input the issue lists."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.utils import timezone

from balaikota.accounts.models import Role
from balaikota.complaints import selectors, services
from balaikota.complaints.masking import mask_personal_data
from balaikota.complaints.models import Complaint, ComplaintEvent, Status
from balaikota.core.errors import Conflict, Forbidden, InvalidInput
from balaikota.core.working_days import add_working_days
from balaikota.notifications.models import Notification
from balaikota.testing.concurrency import run_together

from .factories import filed, png_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(staff_with_role):
    return staff_with_role(Role.SERVICE_MANAGER)


def test_a_complaint_goes_to_the_services_opd_with_the_categorys_deadline(alice, opd, manager):
    result = filed(user=alice, opd=opd)
    complaint = result.complaint
    assert complaint.opd == opd and complaint.status == Status.SUBMITTED
    assert complaint.tracking_number.startswith("ADU-")
    assert complaint.due_date == add_working_days(timezone.localdate(), 5)
    assert result.access_key == ""  # a signed-in citizen follows it from their account
    assert ComplaintEvent.objects.get(complaint=complaint).action == "submit"
    assert Notification.objects.filter(recipient=manager, topic="complaints.queue").exists()
    assert Notification.objects.filter(recipient=alice, topic="complaints.status").exists()


def test_the_same_form_sent_twice_files_one_complaint(alice, opd):
    first = filed(user=alice, opd=opd, submit_key="kunci-formulir-1")
    again = filed(user=alice, opd=opd, submit_key="kunci-formulir-1")
    assert again.complaint.pk == first.complaint.pk and not again.created
    assert Complaint.objects.count() == 1


def test_bad_input_gets_a_message_per_field_and_keeps_nothing(alice, opd):
    with pytest.raises(InvalidInput) as refused:
        services.complaint_submit(
            user=alice, category=None, title="pendek", body="terlalu pendek", service=None
        )
    assert set(refused.value.field_errors) == {"title", "body", "category", "service"}
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(InvalidInput) as refused:
        filed(user=alice, opd=opd, incident_date=tomorrow)
    assert "incident_date" in refused.value.field_errors
    assert Complaint.objects.count() == 0


def test_a_disguised_attachment_is_refused(alice, opd):
    exe = io.BytesIO(b"MZ\x90\x00" + b"\x00" * 200)
    exe.name = "foto.jpg"
    with pytest.raises(InvalidInput) as refused:
        filed(user=alice, opd=opd, attachments=[exe])
    assert "attachments" in refused.value.field_errors
    assert Complaint.objects.count() == 0


def test_without_an_account_one_attachment_and_an_access_key(opd):
    with pytest.raises(InvalidInput):
        filed(opd=opd, attachments=[png_upload("a.png"), png_upload("b.png")])
    result = filed(opd=opd, attachments=[png_upload()], contact_email="warga@contoh.id")
    assert len(result.access_key) >= 16
    assert services.access_key_matches(result.complaint, result.access_key)
    assert not services.access_key_matches(result.complaint, "salah")
    assert result.access_key not in result.complaint.access_key_hash
    assert result.complaint.attachments.count() == 1


def test_the_opd_answers_and_the_complainant_reopens_then_closes(alice, opd, manager):
    complaint = filed(user=alice, opd=opd).complaint
    services.complaint_claim(complaint=complaint, user=manager)
    services.complaint_answer(
        complaint=complaint, user=manager, body="Mohon maaf, petugas loket 3 sudah ditegur."
    )
    complaint.refresh_from_db()
    assert complaint.status == Status.ANSWERED and complaint.answered_at
    services.complaint_follow_up(
        complaint=complaint, action="reopen", user=alice, body="Hari ini terlambat lagi."
    )
    complaint.refresh_from_db()
    assert complaint.status == Status.REOPENED and complaint.reopen_count == 1
    services.complaint_answer(
        complaint=complaint, user=manager, body="Jadwal piket loket kini dipantau kepala seksi."
    )
    services.complaint_follow_up(complaint=complaint, action="close", user=alice)
    complaint.refresh_from_db()
    assert complaint.status == Status.CLOSED
    assert [m.author_kind for m in complaint.messages.all()] == ["opd", "complainant", "opd"]


def test_only_the_complainant_follows_up(alice, bob, opd, manager):
    complaint = filed(user=alice, opd=opd).complaint
    services.complaint_answer(complaint=complaint, user=manager, body="Sudah kami tindak lanjuti.")
    with pytest.raises(Forbidden):
        services.complaint_follow_up(complaint=complaint, action="close", user=bob)
    with pytest.raises(Forbidden):
        services.complaint_follow_up(complaint=complaint, action="close", access_key="tebakan")


def test_an_anonymous_complainant_follows_up_with_the_key(opd, manager):
    result = filed(opd=opd)
    complaint = result.complaint
    services.complaint_answer(complaint=complaint, user=manager, body="Sudah kami tindak lanjuti.")
    services.complaint_follow_up(
        complaint=complaint, action="respond", access_key=result.access_key, body="Terima kasih."
    )
    services.complaint_follow_up(complaint=complaint, action="close", access_key=result.access_key)
    complaint.refresh_from_db()
    assert complaint.status == Status.CLOSED


def test_another_opd_cannot_answer_and_forwarding_moves_it(alice, opd, other_opd, staff_with_role):
    complaint = filed(user=alice, opd=opd).complaint
    outsider = staff_with_role(Role.SERVICE_MANAGER, in_opd=other_opd)
    with pytest.raises(Forbidden):
        services.complaint_answer(complaint=complaint, user=outsider, body="Bukan urusan kami ya.")
    insider = staff_with_role(Role.SERVICE_MANAGER)
    services.complaint_forward(
        complaint=complaint, user=insider, opd=other_opd, reason="Kewenangan OPD lain."
    )
    complaint.refresh_from_db()
    assert complaint.opd == other_opd and complaint.status == Status.SUBMITTED
    services.complaint_answer(
        complaint=complaint, user=outsider, body="Kami tindak lanjuti minggu ini."
    )


def test_a_claimed_complaint_is_not_answered_by_a_colleague(alice, opd, staff_with_role):
    complaint = filed(user=alice, opd=opd).complaint
    first = staff_with_role(Role.SERVICE_MANAGER)
    from balaikota.accounts.services import role_grant
    from balaikota.testing.factories import EmployeeFactory, unit_in_opd

    second = EmployeeFactory(position__unit=unit_in_opd(opd)).user
    role_grant(user=second, role=Role.SERVICE_MANAGER, opd=opd)
    services.complaint_claim(complaint=complaint, user=first)
    with pytest.raises(Conflict):
        services.complaint_answer(complaint=complaint, user=second, body="Saya jawab saja duluan.")


def test_answered_complaints_left_alone_close_after_14_days(alice, opd, manager):
    complaint = filed(user=alice, opd=opd).complaint
    services.complaint_answer(complaint=complaint, user=manager, body="Sudah kami tindak lanjuti.")
    assert services.complaints_auto_close() == 0
    later = timezone.now() + dt.timedelta(days=15)
    assert services.complaints_auto_close(now=later) == 1
    complaint.refresh_from_db()
    assert complaint.status == Status.CLOSED


def test_personal_numbers_are_masked_in_the_public_view(alice, opd):
    body = (
        "NIK saya 3374011203900001, hubungi 0812-3456-7890 atau siti.aminah@contoh.id; "
        "petugas meminta uang Rp50.000."
    )
    complaint = filed(user=alice, opd=opd, body=body).complaint
    public = selectors.public_view(complaint).body
    assert "3374011203900001" not in public and "3374••••••••0001" in public
    assert "3456-7890" not in public and "siti.aminah" not in public
    assert "Rp50.000" in public
    assert mask_personal_data("+6281234567890") == "+6281••••••90"


def test_similar_public_complaints_are_found_while_typing(alice, bob, opd):
    first = filed(user=alice, opd=opd, title="Antrean perekaman KTP-el sangat panjang")
    filed(user=bob, opd=opd, title="Jalan berlubang di depan kantor", body="Lubang besar " * 5)
    found = selectors.similar_complaints(
        "antrean KTP-el panjang sekali dari pagi, petugas terlambat"
    )
    assert [c.pk for c in found] == [first.complaint.pk]
    assert selectors.similar_complaints("halo") == []


def test_the_lapor_export_hides_a_hidden_identity(alice, opd):
    shown = filed(user=alice, opd=opd).complaint
    hidden = filed(user=alice, opd=opd, is_anonymous=True).complaint
    records = {r["tracking_number"]: r for r in selectors.lapor_export()}
    assert records[shown.tracking_number]["complainant"]["name"] == alice.full_name
    assert records[hidden.tracking_number]["complainant"] is None
    assert records[shown.tracking_number]["format"] == selectors.LAPOR_FORMAT
    assert records[shown.tracking_number]["kind"] == "pengaduan"


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True)
def test_two_managers_claiming_at_once_get_one_complaint_each_or_none(opd, staff_with_role):
    from balaikota.accounts.services import role_grant
    from balaikota.testing.factories import EmployeeFactory, unit_in_opd

    filed(opd=opd)
    first = staff_with_role(Role.SERVICE_MANAGER)
    second = EmployeeFactory(position__unit=unit_in_opd(opd)).user
    role_grant(user=second, role=Role.SERVICE_MANAGER, opd=opd)

    def take(user):
        return services.QUEUE.claim_next(user=user, among=selectors.queue_for(user, view="semua"))

    results = run_together([lambda: take(first), lambda: take(second)])
    taken = [r for r in results if isinstance(r, Complaint)]
    assert len(taken) == 1 and results.count(None) == 1


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True)
def test_a_double_submit_at_once_files_one_complaint(opd):
    from balaikota.catalogue.tests.factories import PublicServiceFactory

    service = PublicServiceFactory(opd=opd)
    results = run_together(
        [lambda: filed(service=service, submit_key="sama").complaint.pk for _ in range(2)]
    )
    assert results[0] == results[1] and Complaint.objects.count() == 1
