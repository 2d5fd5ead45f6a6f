"""Incoming letters and dispositions: registration (agenda number, refusals), the disposition
tree down the hierarchy, withdrawal while unread, closing with a report, the letter done when
every disposition is closed, the work queue's counts, overdue escalation once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from balaikota.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from balaikota.eoffice import dispositions, selectors
from balaikota.eoffice.models import (
    Disposition,
    DispositionEvent,
    IncomingLetter,
    IncomingStatus,
)
from balaikota.notifications.models import Notification

from .incoming_helpers import dispose, incoming_input, register

pytestmark = pytest.mark.django_db


def test_registering_gives_the_next_agenda_number_and_the_head_a_letter_to_dispose(office):
    first = register(office)
    second = register(office, sender_number="PR.02.03-Bb11/513")
    year = timezone.localdate().year
    assert first.agenda_number == f"1/AGENDA/DISKOMINFO/{year}"
    assert second.agenda_number == f"2/AGENDA/DISKOMINFO/{year}"
    assert first.addressee == office.head and first.status == IncomingStatus.REGISTERED
    assert [e.action for e in first.events.all()] == ["register"]
    assert list(selectors.to_dispose(office.head)) == [first, second]
    assert selectors.inbox_counts(office.head)["dispose"] == 2
    assert Notification.objects.filter(recipient=office.head).count() == 2


def test_each_opd_numbers_its_own_register(office, other_office):
    register(office)
    theirs = dispositions.incoming_register(
        clerk=other_office.clerk, data=incoming_input(other_office)
    )
    assert theirs.agenda_number.startswith("1/AGENDA/DINKES/")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"received_on": "tomorrow"}, "received_on"),
        ({"sender_date": "after"}, "sender_date"),
        ({"subject": "ab"}, "subject"),
        ({"sender_number": " "}, "sender_number"),
        ({"scan": None}, "scan"),
    ],
)
def test_bad_registrations_are_refused_by_field(office, overrides, field):
    today = timezone.localdate()
    values = {
        "tomorrow": today + dt.timedelta(days=1),
        "after": today + dt.timedelta(days=1),
    }
    overrides = {k: values.get(v, v) if isinstance(v, str) else v for k, v in overrides.items()}
    with pytest.raises(InvalidInput) as refused:
        register(office, **overrides)
    assert field in refused.value.field_errors
    assert not IncomingLetter.objects.exists()


def test_a_disguised_scan_is_refused(office):
    fake = SimpleUploadedFile("surat.pdf", b"<html><script>x</script></html>", "application/pdf")
    with pytest.raises(InvalidInput) as refused:
        register(office, scan=fake)
    assert "scan" in refused.value.field_errors
    assert not IncomingLetter.objects.exists()


def test_the_same_sender_number_twice_names_the_earlier_agenda_number(office):
    first = register(office)
    with pytest.raises(InvalidInput) as refused:
        register(office, sender_number=" pr.02.03-BB11/512 ", sender_agency="bbws  pemali juana")
    assert first.agenda_number in refused.value.field_errors["sender_number"][0]
    assert refused.value.code == "duplicate_incoming"
    assert IncomingLetter.objects.count() == 1


def test_only_a_records_clerk_of_the_opd_registers(office, other_office):
    with pytest.raises(Forbidden):
        dispositions.incoming_register(clerk=office.drafter, data=incoming_input(office))
    with pytest.raises(Forbidden):
        dispositions.incoming_register(
            clerk=office.clerk, data=incoming_input(office), opd=other_office.opd
        )


def test_a_double_submitted_registration_makes_one_letter(office):
    first = dispositions.incoming_register(
        clerk=office.clerk, data=incoming_input(office), submit_key="k1"
    )
    again = dispositions.incoming_register(
        clerk=office.clerk, data=incoming_input(office), submit_key="k1"
    )
    assert first.pk == again.pk and IncomingLetter.objects.count() == 1


def test_the_whole_tree_until_the_clerk_sees_it_done(office):
    incoming = register(office)
    kabid_d, colleague_d = dispose(office.head, incoming, [office.kabid, office.colleague])
    incoming.refresh_from_db()
    assert incoming.status == IncomingStatus.IN_PROGRESS
    assert selectors.inbox_counts(office.head)["dispose"] == 0
    assert selectors.inbox_counts(office.kabid)["follow"] == 1
    (kasi_d,) = dispose(office.kabid, incoming, [office.kasi], parent=kabid_d)
    kabid_d.refresh_from_db()
    assert kabid_d.read_at is not None  # disposing further reads it
    tree = selectors.disposition_tree(incoming)
    assert [(r.disposition.recipient, r.depth) for r in tree] == [
        (office.kabid, 0),
        (office.kasi, 1),
        (office.colleague, 0),
    ]
    assert tree[0].open_children == 1
    # The kabid may close before the kasi (the page shows the open child); the letter waits.
    dispositions.disposition_close(
        user=office.kabid, disposition=kabid_d, report="Sudah dikoordinasikan."
    )
    dispositions.disposition_close(
        user=office.colleague, disposition=colleague_d, report="Data terlampir."
    )
    incoming.refresh_from_db()
    assert incoming.status == IncomingStatus.IN_PROGRESS
    dispositions.disposition_close(
        user=office.kasi, disposition=kasi_d, report="Sudah dicek lapangan."
    )
    incoming.refresh_from_db()
    assert incoming.status == IncomingStatus.DONE and incoming.is_done
    assert [e.action for e in incoming.events.all()] == ["register", "dispose", "complete"]
    row = selectors.incoming_register_rows(office.clerk, status="selesai").get()
    assert (row.disposition_count, row.closed_count) == (3, 3)
    assert Notification.objects.filter(recipient=office.clerk, url=incoming.get_absolute_url())


def test_disposing_only_downwards_never_to_oneself_nor_twice(office):
    incoming = register(office)
    (kabid_d,) = dispose(office.head, incoming, [office.kabid])
    with pytest.raises(InvalidInput) as refused:
        dispose(office.kabid, incoming, [office.colleague], parent=kabid_d)
    assert refused.value.code == "outside_hierarchy"
    assert office.colleague.full_name in refused.value.field_errors["recipients"][0]
    with pytest.raises(InvalidInput) as refused:
        dispose(office.kabid, incoming, [office.kabid], parent=kabid_d)
    assert refused.value.code == "to_self"
    with pytest.raises(Conflict) as twice:
        dispose(office.head, incoming, [office.kabid])
    assert twice.value.code == "already_disposed"
    with pytest.raises(InvalidInput) as refused:
        dispose(
            office.head,
            incoming,
            [office.kasi],
            deadline=timezone.localdate() - dt.timedelta(days=1),
        )
    assert "deadline" in refused.value.field_errors
    assert Disposition.objects.count() == 1


def test_who_may_dispose_and_who_may_not_see(office, other_office):
    incoming = register(office)
    with pytest.raises(Forbidden):  # sees it (their OPD's clerk) but is not its addressee
        dispose(office.clerk, incoming, [office.kabid])
    with pytest.raises(NotFound):  # does not see it at all
        dispose(other_office.head, incoming, [office.kabid])
    (kabid_d,) = dispose(office.head, incoming, [office.kabid])
    with pytest.raises(Forbidden):  # someone else's disposition
        dispose(office.head, incoming, [office.kasi], parent=kabid_d)


def test_a_disposition_is_withdrawn_only_while_unread(office):
    incoming = register(office)
    kabid_d, colleague_d = dispose(office.head, incoming, [office.kabid, office.colleague])
    dispositions.incoming_open(incoming=incoming, user=office.kabid)
    with pytest.raises(Conflict) as refused:
        dispositions.disposition_withdraw(user=office.head, disposition=kabid_d)
    assert refused.value.code == "already_read"
    with pytest.raises(Forbidden):
        dispositions.disposition_withdraw(user=office.kabid, disposition=colleague_d)
    dispositions.disposition_withdraw(user=office.head, disposition=colleague_d)
    colleague_d.refresh_from_db()
    assert colleague_d.is_withdrawn and selectors.inbox_counts(office.colleague)["follow"] == 0
    # A withdrawn disposition may be given again.
    dispose(office.head, incoming, [office.colleague])
    dispositions.disposition_withdraw(
        user=office.head,
        disposition=Disposition.objects.get(recipient=office.colleague, status="open"),
    )
    dispositions.disposition_close(user=office.kabid, disposition=kabid_d, report="Sudah selesai.")
    incoming.refresh_from_db()
    assert incoming.status == IncomingStatus.DONE


def test_withdrawing_every_disposition_returns_the_letter_to_the_head(office):
    incoming = register(office)
    (kabid_d,) = dispose(office.head, incoming, [office.kabid])
    dispositions.disposition_withdraw(user=office.head, disposition=kabid_d)
    incoming.refresh_from_db()
    assert incoming.status == IncomingStatus.REGISTERED
    assert selectors.inbox_counts(office.head)["dispose"] == 1


def test_closing_needs_a_report_and_happens_once(office):
    incoming = register(office)
    (kabid_d,) = dispose(office.head, incoming, [office.kabid])
    with pytest.raises(InvalidInput):
        dispositions.disposition_close(user=office.kabid, disposition=kabid_d, report=" ")
    with pytest.raises(Forbidden):
        dispositions.disposition_close(user=office.head, disposition=kabid_d, report="Bukan saya.")
    dispositions.disposition_close(
        user=office.kabid, disposition=kabid_d, report="Selesai dikerjakan."
    )
    with pytest.raises(Conflict):
        dispositions.disposition_close(user=office.kabid, disposition=kabid_d, report="Lagi.")


def test_a_double_submitted_disposition_makes_one_set(office):
    incoming = register(office)
    data = dispositions.DispositionInput(
        recipient_nips=[office.kabid.nip, office.colleague.nip],
        instruction_ids=list(selectors.instructions_active().values_list("pk", flat=True)[:2]),
    )
    first = dispositions.disposition_create(
        user=office.head, incoming=incoming, data=data, submit_key="s1"
    )
    again = dispositions.disposition_create(
        user=office.head, incoming=incoming, data=data, submit_key="s1"
    )
    assert [d.pk for d in first] == [d.pk for d in again] and Disposition.objects.count() == 2
    assert first[0].instructions == ["Tanggapan dan saran", "Proses lebih lanjut"]


def test_overdue_dispositions_are_escalated_to_the_supervisor_once(office):
    incoming = register(office)
    (kasi_d,) = dispose(office.head, incoming, [office.kasi], deadline=timezone.localdate())
    Disposition.objects.filter(pk=kasi_d.pk).update(
        deadline=timezone.localdate() - dt.timedelta(days=2)
    )
    cache.clear()
    assert selectors.inbox_counts(office.kasi)["overdue"] == 1
    assert list(selectors.overdue(office.kasi)) == [kasi_d]
    assert dispositions.dispositions_escalate_overdue() == 1
    assert dispositions.dispositions_escalate_overdue() == 0
    told = Notification.objects.filter(
        recipient=office.kabid, title__startswith="Disposisi terlambat"
    )
    assert told.count() == 1
    assert DispositionEvent.objects.filter(disposition=kasi_d, action="escalate").count() == 1


def test_the_counts_stay_one_query(office, django_assert_num_queries):
    register(office)
    cache.clear()
    with django_assert_num_queries(1):
        counts = selectors.inbox_counts(office.head)
    assert counts["dispose"] == 1 and counts["follow"] == 0


def test_the_instructions_are_data_a_retired_one_is_refused(office):
    from balaikota.eoffice.models import DispositionInstruction

    incoming = register(office)
    retired = DispositionInstruction.objects.get(name="Hadiri")
    retired.is_active = False
    retired.save()
    assert retired not in selectors.instructions_active()
    data = dispositions.DispositionInput(
        recipient_nips=[office.kabid.nip], instruction_ids=[retired.pk]
    )
    with pytest.raises(InvalidInput) as refused:
        dispositions.disposition_create(user=office.head, incoming=incoming, data=data)
    assert "instructions" in refused.value.field_errors
    assert dispositions.instructions_load() == 0  # seeding again keeps the edit
    retired.refresh_from_db()
    assert not retired.is_active
