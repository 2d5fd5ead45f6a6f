"""The conversation on the letter's page (with and without HTMX) and through the API: the same
service, the same outcome and status for each case (parity), and a letter one cannot see is a
404 on both with nothing kept."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.test import APIClient

from balaikota.eoffice import services
from balaikota.eoffice.models import LetterComment

from .conftest import draft, sent

pytestmark = pytest.mark.django_db

API = "/api/v1/surat"


def web_as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api_as(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_letter_page_shows_the_conversation_and_posts_without_js(office):
    letter = sent(office)
    client = web_as(office.colleague)
    page = client.get(f"/surat/{letter.pk}/").content.decode()
    assert "Percakapan" in page and "Belum ada komentar." in page
    answer = client.post(
        f"/surat/{letter.pk}/komentar/",
        {"text": f"Terima kasih @{office.drafter.nip}", "submit_key": "abc"},
    )
    comment = LetterComment.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == f"/surat/{letter.pk}/#komentar-{comment.pk}"
    page = client.get(f"/surat/{letter.pk}/").content.decode()
    assert f"@{office.drafter.full_name}" in page and 'id="komentar-' in page
    # the same form sent again: still one comment
    client.post(
        f"/surat/{letter.pk}/komentar/",
        {"text": f"Terima kasih @{office.drafter.nip}", "submit_key": "abc"},
    )
    assert LetterComment.objects.count() == 1


def test_htmx_gets_the_conversation_alone_errors_included(office, other_office):
    letter = sent(office)
    client = web_as(office.colleague)
    answer = client.post(f"/surat/{letter.pk}/komentar/", {"text": "Siap."}, HTTP_HX_REQUEST="true")
    body = answer.content.decode()
    assert answer.status_code == 200 and body.startswith('<section aria-labelledby="percakapan')
    assert "Siap." in body and "<html" not in body
    answer = client.post(
        f"/surat/{letter.pk}/komentar/",
        {"text": f"@{other_office.head.nip} ikut baca"},
        HTTP_HX_REQUEST="true",
    )
    assert answer.status_code == 400 and "tidak memberinya akses" in answer.content.decode()
    assert "ikut baca" in answer.content.decode()  # what was typed is kept
    comment = LetterComment.objects.get()
    answer = client.post(f"/surat/{letter.pk}/komentar/{comment.pk}/hapus/", HTTP_HX_REQUEST="true")
    assert answer.status_code == 200 and "komentar dihapus" in answer.content.decode()


def test_the_edit_page(office):
    letter = sent(office)
    comment = services.comment_create(letter=letter, author=office.colleague, text="Siap")
    client = web_as(office.colleague)
    assert client.get(f"/surat/{letter.pk}/komentar/{comment.pk}/ubah/").status_code == 200
    answer = client.post(f"/surat/{letter.pk}/komentar/{comment.pk}/ubah/", {"text": "Siap, Bu."})
    assert answer.status_code == 302
    comment.refresh_from_db()
    assert comment.text == "Siap, Bu."
    assert (
        web_as(office.drafter).get(f"/surat/{letter.pk}/komentar/{comment.pk}/ubah/").status_code
        == 403
    )
    answer = client.post(f"/surat/{letter.pk}/komentar/{comment.pk}/ubah/", {"text": ""})
    assert answer.status_code == 400 and "Tulis komentar" in answer.content.decode()


def test_mention_suggestions(office):
    letter = sent(office)
    client = web_as(office.drafter)
    body = client.get(
        f"/surat/{letter.pk}/komentar/sebut/", {"text": "Mohon @dew"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert f'data-mention="{office.colleague.nip}"' in body and "Dewi Anggraini" in body
    body = client.get(f"/surat/{letter.pk}/komentar/sebut/", {"text": "tanpa sebutan"})
    assert "data-mention" not in body.content.decode()


def test_the_api_lists_and_posts(office):
    letter = sent(office)
    client = api_as(office.colleague)
    assert client.get(f"{API}/{letter.pk}/komentar/").json() == []
    answer = client.post(
        f"{API}/{letter.pk}/komentar/",
        {"text": f"Siap @{office.drafter.nip}"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="k-1",
    )
    assert answer.status_code == 201
    [row] = answer.json()
    assert row["text"].endswith(office.drafter.nip)
    assert f"@{office.drafter.full_name}" in row["html"] and row["may_edit"] is True
    client.post(
        f"{API}/{letter.pk}/komentar/",
        {"text": "Siap"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="k-1",
    )
    assert LetterComment.objects.count() == 1
    answer = client.patch(
        f"{API}/{letter.pk}/komentar/{row['id']}/", {"text": "Siap, Bu Ratna."}, format="json"
    )
    assert answer.status_code == 200 and answer.json()[0]["text"] == "Siap, Bu Ratna."
    other = api_as(office.drafter)
    answer = other.delete(f"{API}/{letter.pk}/komentar/{row['id']}/")
    assert answer.status_code == 403
    answer = client.delete(f"{API}/{letter.pk}/komentar/{row['id']}/")
    assert answer.status_code == 200 and answer.json()[0]["is_deleted"] is True


# --- Parity ---------------------------------------------------------------------------------

CASES = [
    # (who, text, the status both answer)
    ("colleague", "Sudah saya terima.", 2),
    ("colleague", "", 400),
    ("colleague", "x" * 2001, 400),
    ("colleague", "@{outsider} mohon dibaca", 400),  # a mention never opens the letter
    ("outsider", "Boleh ikut?", 404),  # may not see the letter
]


@pytest.mark.parametrize(("who", "text", "expected"), CASES)
def test_web_and_api_give_the_same_outcome(office, other_office, who, text, expected):
    actor = other_office.drafter if who == "outsider" else getattr(office, who)
    text = text.format(outsider=other_office.drafter.nip)
    web_letter, api_letter = sent(office), sent(office)
    web = web_as(actor).post(f"/surat/{web_letter.pk}/komentar/", {"text": text})
    api = api_as(actor).post(f"{API}/{api_letter.pk}/komentar/", {"text": text}, format="json")
    web_status = 2 if web.status_code in (200, 302) else web.status_code
    api_status = 2 if api.status_code in (200, 201) else api.status_code
    assert (web_status, api_status) == (expected, expected)
    kept = [
        list(LetterComment.objects.filter(letter=letter).values_list("text", flat=True))
        for letter in (web_letter, api_letter)
    ]
    assert kept[0] == kept[1] == ([text] if expected == 2 else [])


def test_delete_parity(office):
    letters = [sent(office), sent(office)]
    comments = [
        services.comment_create(letter=letter, author=office.colleague, text="Hapus saya")
        for letter in letters
    ]
    for actor, expected in ((office.drafter, 403), (office.colleague, 2)):
        web = web_as(actor).post(f"/surat/{letters[0].pk}/komentar/{comments[0].pk}/hapus/")
        api = api_as(actor).delete(f"{API}/{letters[1].pk}/komentar/{comments[1].pk}/")
        statuses = [2 if r.status_code in (200, 302) else r.status_code for r in (web, api)]
        assert statuses == [expected, expected]
    assert set(LetterComment.objects.values_list("status", flat=True)) == {"deleted"}


def test_a_draft_is_closed_to_the_addressee_before_it_is_sent(office):
    letter = draft(office)
    assert (
        web_as(office.colleague).post(f"/surat/{letter.pk}/komentar/", {"text": "Hai"}).status_code
        == 404
    )
    assert api_as(office.colleague).get(f"{API}/{letter.pk}/komentar/").status_code == 404


def test_reading_a_secret_letters_conversation_is_logged(office):
    from balaikota.core.models import AccessLogEntry

    letter = sent(office, security_class="rahasia")
    assert api_as(office.colleague).get(f"{API}/{letter.pk}/komentar/").status_code == 200
    assert AccessLogEntry.objects.filter(actor=office.colleague, object_id=str(letter.pk)).exists()
    web_as(office.kasi).post(
        f"/surat/{letter.pk}/komentar/", {"text": "Oke"}, HTTP_HX_REQUEST="true"
    )
    assert AccessLogEntry.objects.filter(actor=office.kasi, object_id=str(letter.pk)).exists()


def test_the_conversation_costs_the_same_with_more_comments(office, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    letter = sent(office)
    services.comment_create(letter=letter, author=office.colleague, text=f"@{office.drafter.nip}")
    client = web_as(office.drafter)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/surat/{letter.pk}/").status_code == 200
    for n in range(5):
        author = office.drafter if n % 2 else office.colleague
        services.comment_create(
            letter=letter, author=author, text=f"Balasan {n} @{office.kasi.nip}"
        )
    with django_assert_max_num_queries(len(queries)):
        page = client.get(f"/surat/{letter.pk}/").content.decode()
    assert page.count('id="komentar-') == 6
