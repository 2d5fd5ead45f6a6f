"""The inbox tabs in the order their indexes keep (bench/eoffice_bench.py measures them at 1.5
million letters): received — unread first, then the latest read; sent — what the person signed
and what they drafted, merged newest first, with each letter's read receipts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from balaikota.eoffice import selectors
from balaikota.eoffice.models import Delivery, Letter

from .conftest import sent

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(office):
    """Three sent letters to the colleague, sent a day apart (oldest first)."""
    letters = [
        sent(office, subject=f"Pemberitahuan pemeliharaan jaringan tahap {n}") for n in (1, 2, 3)
    ]
    start = timezone.now() - dt.timedelta(days=10)
    for n, letter in enumerate(letters):
        at = start + dt.timedelta(days=n)
        Letter.objects.filter(pk=letter.pk).update(sent_at=at)
        Delivery.objects.filter(letter=letter).update(delivered_at=at)
    return letters


def _positions(page: str, letters) -> list[int]:
    return [page.index(letter.subject) for letter in letters]


def test_received_shows_unread_first_then_the_latest_read(client, office, three):
    first, second, third = three
    now = timezone.now()
    # The colleague read the newest letter long ago and the oldest one just now.
    Delivery.objects.filter(letter=third, recipient=office.colleague).update(
        read_at=now - dt.timedelta(days=5)
    )
    Delivery.objects.filter(letter=first, recipient=office.colleague).update(read_at=now)
    client.force_login(office.colleague)
    page = client.get("/surat/?tampil=diterima").content.decode()
    unread, read_now, read_long_ago = _positions(page, [second, first, third])
    assert unread < read_now < read_long_ago


def test_sent_merges_signed_and_drafted_newest_first_with_receipts(office, three):
    first, second, third = three
    # The head drafted the oldest letter, signed by the head of division; he signed the rest.
    Letter.objects.filter(pk=first.pk).update(drafter=office.head, signer=office.kabid)
    Delivery.objects.filter(letter=second).update(read_at=timezone.now())
    rows = selectors.sent(office.head)
    assert rows.count() == 3
    assert [letter.pk for letter in rows[0:3]] == [third.pk, second.pk, first.pk]
    assert [letter.pk for letter in rows[1:3]] == [second.pk, first.pk]
    assert rows[2].pk == first.pk
    receipts = {letter.pk: (letter.read_count, letter.delivered_count) for letter in rows[0:3]}
    assert receipts[second.pk] == (1, 1)
    assert receipts[third.pk] == (0, 1)
    # Whoever only signed it or only drafted it sees it once, in their own list.
    assert [letter.pk for letter in selectors.sent(office.kabid)[0:5]] == [first.pk]
    assert [letter.pk for letter in selectors.sent(office.drafter)[0:5]] == [third.pk, second.pk]


def test_the_sent_tab_pages_and_reads_the_receipts(client, office, three, monkeypatch):
    from balaikota.eoffice import views

    _first, second, third = three
    Delivery.objects.filter(letter=third).update(read_at=timezone.now())
    client.force_login(office.drafter)
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    page_one = client.get("/surat/?tampil=terkirim").content.decode()
    page_two = client.get("/surat/?tampil=terkirim&halaman=2").content.decode()
    assert third.subject in page_one and second.subject in page_one
    assert "1 / 2" in page_one and "dibaca 1 dari 1" in page_one
    assert three[0].subject in page_two and third.subject not in page_two


def test_a_sent_letter_without_a_sending_time_is_listed_not_a_crash(client, office, three):
    """The archive's older letters were kept without ``sent_at``: the sent tab still opens,
    and lists such a letter first, where PostgreSQL's newest-first order puts it."""
    first, second, third = three
    Letter.objects.filter(pk=first.pk).update(drafter=office.head, signer=office.kabid)
    Letter.objects.filter(pk=second.pk).update(sent_at=None)
    rows = selectors.sent(office.head)[0:3]
    assert [letter.pk for letter in rows] == [second.pk, third.pk, first.pk]
    client.force_login(office.head)
    response = client.get("/surat/?tampil=terkirim")
    assert response.status_code == 200
    assert second.subject in response.content.decode()
