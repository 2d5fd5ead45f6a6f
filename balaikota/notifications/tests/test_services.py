from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from balaikota.notifications import selectors, services
from balaikota.notifications.models import Channel, Notification, OutboundMessage


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Call notify() and run what it enqueued after commit, as a worker would."""

    def call(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return services.notify(**kwargs)

    return call


def status_changed(recipient, **extra):
    return {
        "recipient": recipient,
        "topic": "civil_registry.status_changed",
        "title": "Permohonan akta kelahiran diverifikasi",
        "body": "Permohonan KLH-2026-000123 sedang diproses.",
        "url": "/kependudukan/permohonan/123/",
        **extra,
    }


def test_notify_writes_the_inbox_and_sends_an_email(alice, send):
    notification = send(**status_changed(alice))

    assert selectors.notifications_for(alice) == [notification]
    assert selectors.unread_count(alice) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@contoh.id"]
    assert mail.outbox[0].subject == "Permohonan akta kelahiran diverifikasi"
    assert "/kependudukan/permohonan/123/" in mail.outbox[0].body
    message = OutboundMessage.objects.get()
    assert (message.channel, message.status, message.attempts) == ("email", "sent", 1)
    assert message.sent_at is not None
    assert message.notification == notification


def test_email_is_not_sent_when_the_person_turned_it_off(alice, send):
    services.notification_preferences_set(user=alice, email=False)
    send(**status_changed(alice))
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=alice).count() == 1


def test_sms_goes_through_the_local_gateway_only_when_opted_in(alice, send, caplog):
    alice.phone, alice.phone_verified_at = "+6281234567890", timezone.now()
    alice.save(update_fields=["phone", "phone_verified_at"])

    send(**status_changed(alice))
    assert not OutboundMessage.objects.filter(channel=Channel.SMS).exists()

    services.notification_preferences_set(user=alice, email=True, sms=True)
    with caplog.at_level("INFO", logger="balaikota.notifications.gateways"):
        send(**status_changed(alice, title="Akta kelahiran terbit"))
    sms = OutboundMessage.objects.get(channel=Channel.SMS)
    assert sms.to == "+6281234567890"
    assert sms.status == OutboundMessage.Status.SENT
    assert sms.provider_message_id.startswith("local-")
    assert sms.body.startswith("Akta kelahiran terbit")
    assert "+6281234567890" not in caplog.text
    assert "6281******890" in caplog.text


def test_sms_cannot_be_turned_on_without_a_phone_number(alice):
    with pytest.raises(ValidationError):
        services.notification_preferences_set(user=alice, email=True, sms=True)


def test_channels_argument_narrows_but_never_overrides_the_choice(alice, send):
    alice.phone, alice.phone_verified_at = "+6281234567890", timezone.now()
    alice.save(update_fields=["phone", "phone_verified_at"])
    services.notification_preferences_set(user=alice, email=True, whatsapp=True)
    send(**status_changed(alice), channels=["in_app", "whatsapp", "sms"])
    assert list(OutboundMessage.objects.values_list("channel", flat=True)) == ["whatsapp"]
    assert mail.outbox == []


def test_a_repeated_call_with_the_same_dedupe_key_notifies_once(alice, send):
    first = send(**status_changed(alice), dedupe_key="application-123:verified")
    again = send(**status_changed(alice), dedupe_key="application-123:verified")
    assert first.pk == again.pk
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1
    send(**status_changed(alice), dedupe_key="application-123:approved")
    assert Notification.objects.count() == 2


def test_a_failing_gateway_is_retried_then_the_message_is_marked_failed(alice, send):
    alice.phone, alice.phone_verified_at = "+6281234567890", timezone.now()
    alice.save(update_fields=["phone", "phone_verified_at"])
    services.notification_preferences_set(user=alice, email=False, sms=True)
    gateway = mock.Mock()
    gateway.send.side_effect = ConnectionError("gateway tidak menjawab")
    with mock.patch("balaikota.notifications.services.get_gateway", return_value=gateway):
        send(**status_changed(alice))

    message = OutboundMessage.objects.get()
    assert message.status == OutboundMessage.Status.FAILED
    assert message.attempts == 6  # the first try and five retries
    assert gateway.send.call_count == 6
    assert "gateway tidak menjawab" in message.error


def test_a_failure_then_success_ends_sent(alice, send):
    alice.phone, alice.phone_verified_at = "+6281234567890", timezone.now()
    alice.save(update_fields=["phone", "phone_verified_at"])
    services.notification_preferences_set(user=alice, email=False, whatsapp=True)
    gateway = mock.Mock()
    gateway.send.side_effect = [ConnectionError("sibuk"), "wa-42"]
    with mock.patch("balaikota.notifications.services.get_gateway", return_value=gateway):
        send(**status_changed(alice))
    message = OutboundMessage.objects.get()
    assert (message.status, message.attempts, message.provider_message_id) == ("sent", 2, "wa-42")
    assert message.error == ""


def test_a_sent_message_is_not_sent_again(alice, send):
    send(**status_changed(alice))
    message = OutboundMessage.objects.get()
    services.outbound_message_deliver(message_id=message.pk)
    assert len(mail.outbox) == 1


def test_nothing_is_sent_when_the_calling_transaction_rolls_back(
    alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.notify(**status_changed(alice))
    # the e-mail waits for the commit (the other callback forgets the menu's unread count)
    assert len(callbacks) == 2
    assert mail.outbox == []


def test_unsafe_links_are_refused(alice):
    with pytest.raises(ValidationError):
        services.notify(**status_changed(alice, url="javascript:alert(1)"))
    with pytest.raises(ValidationError):
        services.notify(**status_changed(alice, url="//contoh.id/"))


def test_mark_read_only_for_the_recipient(alice, bob, send):
    notification = send(**status_changed(alice))
    with pytest.raises(PermissionDenied):
        services.notification_mark_read(user=bob, notification=notification)
    services.notification_mark_read(user=alice, notification=notification)
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert selectors.unread_count(alice) == 0


def test_mark_all_read_touches_only_own(alice, bob, send):
    send(**status_changed(alice))
    send(**status_changed(alice))
    send(**status_changed(bob))
    assert services.notifications_mark_all_read(user=alice) == 2
    assert selectors.unread_count(alice) == 0
    assert selectors.unread_count(bob) == 1


def test_on_a_worker_a_failed_attempt_waits_in_the_outbox_for_a_retry(alice, settings):
    from balaikota.core import outbox
    from balaikota.core.models import OutboxItem

    settings.CELERY_TASK_ALWAYS_EAGER = False  # a worker: no immediate retries
    services.notification_preferences_set(user=alice, email=True)
    notification = Notification.objects.create(recipient=alice, topic="t", title="Halo")
    message = OutboundMessage.objects.create(
        channel="email", to=alice.email, subject="Halo", body="Isi", notification=notification
    )
    services.outbound_message_enqueue(message)
    item = OutboxItem.objects.get(key=f"outbound:{message.pk}")
    with mock.patch("balaikota.notifications.services.send_mail", side_effect=OSError("smtp")):
        assert outbox.run(item.pk) == "pending"
    message.refresh_from_db()
    item.refresh_from_db()
    assert (message.status, message.attempts) == ("queued", 1)
    assert "smtp" in message.error and "smtp" in item.last_error
    assert item.available_at > timezone.now()  # backoff: not before ~30 s
    assert mail.outbox == []
    assert outbox.run(item.pk) is None  # not due yet: nothing is tried


def test_the_admin_resends_a_failed_message(alice, send, django_capture_on_commit_callbacks):
    from balaikota.core.models import OutboxItem

    gateway_error = OSError("smtp mati")
    with mock.patch("balaikota.notifications.services.send_mail", side_effect=gateway_error):
        send(**status_changed(alice))
    message = OutboundMessage.objects.get()
    assert message.status == "failed"
    assert OutboxItem.objects.get().status == "failed"
    with django_capture_on_commit_callbacks(execute=True):
        services.outbound_message_resend(message=message)
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("sent", 1)
    assert len(mail.outbox) == 1


def test_kirim_ulang_on_the_outbox_item_sends_the_failed_message(
    alice, send, django_capture_on_commit_callbacks
):
    from balaikota.core import outbox
    from balaikota.core.models import OutboxItem

    with mock.patch("balaikota.notifications.services.send_mail", side_effect=OSError("mati")):
        send(**status_changed(alice))
    assert OutboundMessage.objects.get().status == "failed"
    with django_capture_on_commit_callbacks(execute=True):
        outbox.resend(OutboxItem.objects.get())  # the admin's action on *Pekerjaan latar*
    message = OutboundMessage.objects.get()
    assert message.status == "sent" and message.error == ""
    assert len(mail.outbox) == 1


def test_a_deactivated_account_gets_the_inbox_entry_but_no_email(alice, send):
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    send(**status_changed(alice))
    assert Notification.objects.filter(recipient=alice).exists()
    assert not OutboundMessage.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_sent_email_is_not_sent_again_when_the_database_blinks_after_it_left(monkeypatch):
    from django.db import OperationalError
    from django.db.models import QuerySet

    from balaikota.core import outbox
    from balaikota.core.models import OutboxItem
    from balaikota.testing.factories import CitizenFactory

    monkeypatch.setattr(outbox.time, "sleep", lambda seconds: None)
    alice = CitizenFactory()
    notification = Notification.objects.create(recipient=alice, topic="t", title="Halo")
    message = OutboundMessage.objects.create(
        channel="email", to=alice.email, subject="Halo", body="Isi", notification=notification
    )
    item = OutboxItem.objects.create(
        handler=services.DELIVER, key=f"outbound:{message.pk}", payload={"message_id": message.pk}
    )
    update = QuerySet.update
    blinked = []

    def blink(queryset, **changes):
        if queryset.model is OutboundMessage and changes.get("status") == "sent" and not blinked:
            blinked.append(True)  # the e-mail has left; recording it meets a dropped connection
            raise OperationalError("server closed the connection unexpectedly")
        return update(queryset, **changes)

    monkeypatch.setattr(QuerySet, "update", blink)
    assert outbox.run(item.pk) == "done"
    message.refresh_from_db()
    assert blinked and message.status == "sent"
    assert len(mail.outbox) == 1  # once, not again on a retry


def test_an_essential_message_goes_by_email_even_with_email_switched_off(alice, bob, send):
    services.notification_preferences_set(user=alice, email=False)
    services.notification_preferences_set(user=bob, email=False)
    send(**status_changed(alice), essential=True)  # a link alice asked for
    send(**status_changed(bob))  # an ordinary update: bob's choice wins
    assert [m.to for m in mail.outbox] == [[alice.email]]
    assert Notification.objects.filter(recipient=bob).exists()  # the inbox still has it
