"""The citizen's home page puts what waits for them first — a correction asked for, a draft —
and the menu counts unread notifications; the follow-up family-card application says why it
exists and that nothing is needed."""

from __future__ import annotations

import pytest

from balaikota.civil_registry import services
from balaikota.notifications.services import notification_mark_read

from .test_views_citizen import complete_draft, submitted

pytestmark = pytest.mark.django_db


def _correction_requested(citizen, family, officer):
    application = submitted(citizen, family)
    services.application_claim(application=application, officer=officer)
    requirement = application.service_type.requirements.order_by("order").first()
    services.application_request_correction(
        application=application,
        officer=officer,
        items=[{"requirement": requirement.code, "reason": "Foto surat keterangan lahir buram"}],
    )
    return application


def test_a_requested_correction_comes_first_on_the_home_page(
    client, citizen, family, service_types, officer
):
    draft = complete_draft(citizen, family)
    application = _correction_requested(citizen, family, officer)
    client.force_login(citizen)

    page = client.get("/").content.decode()

    assert "Perlu tindakan Anda" in page
    first = page.index(f"{application.tracking_number} perlu diperbaiki")
    assert first < page.index("belum diajukan") < page.index("Yang dapat Anda gunakan")
    assert f"/kependudukan/permohonan/{application.pk}/" in page
    assert f"/kependudukan/permohonan/{draft.pk}/" in page


def test_nothing_waiting_no_section(client, alice):
    client.force_login(alice)
    assert "Perlu tindakan Anda" not in client.get("/").content.decode()


def test_the_menu_counts_unread_notifications_and_forgets_on_reading(
    client, citizen, family, service_types
):
    from balaikota.notifications.models import Notification

    client.force_login(citizen)
    submitted(citizen, family)  # "sudah kami terima": one notification
    page = client.get("/").content.decode()
    unread = Notification.objects.filter(recipient=citizen, read_at__isnull=True).count()
    assert unread >= 1
    assert f'{unread}<span class="visually-hidden"> baru</span>' in page
    for notification in Notification.objects.filter(recipient=citizen):
        notification_mark_read(user=citizen, notification=notification)
    assert '<span class="visually-hidden"> baru</span>' not in client.get("/").content.decode()


def test_the_home_page_query_count_does_not_grow_with_waiting_items(
    client, citizen, family, service_types, officer, django_assert_max_num_queries
):
    client.force_login(citizen)
    complete_draft(citizen, family)
    client.get("/")
    with django_assert_max_num_queries(8) as few:
        client.get("/")
    warm = len(few.captured_queries)
    for _ in range(3):
        complete_draft(citizen, family)
    _correction_requested(citizen, family, officer)
    client.get("/")
    with django_assert_max_num_queries(warm):
        client.get("/")
