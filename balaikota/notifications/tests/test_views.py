import pytest
from django.urls import reverse
from django.utils import timezone

from balaikota.notifications import services
from balaikota.notifications.models import Notification


def make(user, n=1):
    return [
        services.notify(
            recipient=user,
            topic="civil_registry.status_changed",
            title=f"Pemberitahuan {i}",
            body="Isi",
            url="/kependudukan/",
            channels=[],
        )
        for i in range(n)
    ]


def test_the_list_needs_sign_in(client):
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 302


def test_the_list_shows_only_own_notifications(client, alice, bob):
    services.notify(recipient=alice, topic="t.a", title="Untuk Alice", channels=[])
    services.notify(recipient=bob, topic="t.b", title="Untuk Bob", channels=[])
    client.force_login(alice)
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 200
    assert "Untuk Alice" in response.text
    assert "Untuk Bob" not in response.text
    assert "1 notifikasi belum dibaca" in response.text


def test_someone_elses_notification_cannot_be_marked_read(client, alice, bob):
    (notification,) = make(bob)
    client.force_login(alice)
    response = client.post(reverse("notifications:read", args=[notification.pk]))
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_read_redirects_without_htmx(client, alice):
    (notification,) = make(alice)
    client.force_login(alice)
    response = client.post(reverse("notifications:read", args=[notification.pk]))
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_mark_read_with_htmx_returns_the_row(client, alice):
    (notification,) = make(alice)
    client.force_login(alice)
    response = client.post(
        reverse("notifications:read", args=[notification.pk]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert f'id="notifikasi-{notification.pk}"' in response.text
    assert 'role="status"' in response.text
    assert "ditandai sudah dibaca" in response.text
    assert "0 notifikasi belum dibaca" in response.text
    assert "<html" not in response.text


def test_mark_read_refuses_get(client, alice):
    (notification,) = make(alice)
    client.force_login(alice)
    assert client.get(reverse("notifications:read", args=[notification.pk])).status_code == 405


def test_mark_all_read(client, alice, bob):
    make(alice, 3)
    make(bob)
    client.force_login(alice)
    response = client.post(reverse("notifications:read_all"), follow=True)
    assert response.status_code == 200
    assert not Notification.objects.filter(recipient=alice, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=bob, read_at__isnull=True).count() == 1


def test_list_queries_do_not_grow_with_rows(client, alice, django_assert_max_num_queries):
    make(alice, 2)
    client.force_login(alice)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("notifications:list"))
    make(alice, 30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("notifications:list"))
    assert response.text.count('class="list-group-item') == 32


def test_preferences_form_saves_choices(client, alice):
    alice.phone, alice.phone_verified_at = "+6281234567890", timezone.now()
    alice.save(update_fields=["phone", "phone_verified_at"])
    client.force_login(alice)
    response = client.get(reverse("notifications:preferences"))
    assert response.status_code == 200
    assert 'for="id_sms"' in response.text
    response = client.post(reverse("notifications:preferences"), {"sms": "on"})
    assert response.status_code == 302
    from balaikota.notifications.selectors import channel_choices

    assert channel_choices(alice) == {"email": False, "sms": True, "whatsapp": False}


def test_preferences_without_phone_keep_sms_off(client, alice):
    client.force_login(alice)
    response = client.post(reverse("notifications:preferences"), {"email": "on", "sms": "on"})
    assert response.status_code == 302
    from balaikota.notifications.selectors import channel_choices

    assert channel_choices(alice)["sms"] is False


@pytest.mark.parametrize("signed_in", [True, False])
def test_the_nav_item_is_offered_to_every_signed_in_person(client, alice, signed_in):
    if signed_in:
        client.force_login(alice)
    response = client.get(reverse("home"))
    assert (reverse("notifications:list") in response.text) is signed_in
