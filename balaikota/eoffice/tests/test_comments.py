"""The conversation on a letter: who may write, @mentions (which never open a letter to
anyone), notifications that keep a confidential letter's words out, edit within 15 minutes,
soft delete, double submits, and comments staying out of the signed PDF."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from balaikota.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from balaikota.eoffice import selectors, services
from balaikota.eoffice.models import LetterComment, LetterCommentEvent
from balaikota.eoffice.permissions import may_view
from balaikota.notifications.models import Notification

from .conftest import draft, ready, sent

pytestmark = pytest.mark.django_db


def _notices(user):
    return list(Notification.objects.filter(recipient=user, topic="eoffice.letter"))


def test_a_comment_with_a_mention_notifies_the_person_mentioned(office):
    letter = sent(office)
    Notification.objects.all().delete()
    comment = services.comment_create(
        letter=letter,
        author=office.drafter,
        text=f"Mohon @{office.colleague.nip} kirim datanya sebelum Jumat.",
    )
    assert list(comment.mentions.all()) == [office.colleague]
    [notice] = _notices(office.colleague)
    assert office.drafter.full_name in notice.title
    assert letter.subject in notice.body and "Jumat" in notice.body
    assert f"@{office.colleague.full_name}" in notice.body  # the name, not the NIP
    assert notice.url.endswith(f"/surat/{letter.pk}/#komentar-{comment.pk}")
    assert _notices(office.drafter) == []  # nobody hears of their own comment
    [row] = selectors.comment_rows(letter, office.kasi)
    assert f"@{office.colleague.full_name}" in row.html and office.colleague.nip not in row.html
    assert (row.may_edit, row.may_delete) == (False, False)
    assert [e.action for e in comment.events.all()] == ["post"]


def test_the_text_is_plain_and_escaped(office):
    letter = sent(office)
    services.comment_create(
        letter=letter, author=office.colleague, text="<script>alert(1)</script>\nbaris dua"
    )
    [row] = selectors.comment_rows(letter, office.colleague)
    assert "<script>" not in row.html and "&lt;script&gt;" in row.html
    assert "<br>baris dua" in row.html


def test_a_confidential_letters_notice_carries_neither_subject_nor_words(office):
    letter = sent(office, security_class="rahasia", subject="Rencana mutasi pejabat eselon")
    Notification.objects.all().delete()
    services.comment_create(
        letter=letter, author=office.head, text=f"@{office.drafter.nip} nama calon sudah benar."
    )
    [notice] = _notices(office.drafter)
    assert "mutasi" not in notice.body and "calon" not in notice.body
    assert "Rahasia" in notice.body


@pytest.mark.parametrize("security_class", ["biasa", "rahasia"])
def test_a_mention_of_someone_who_may_not_open_the_letter_is_refused(
    office, other_office, security_class
):
    letter = sent(office, security_class=security_class)
    with pytest.raises(InvalidInput) as refused:
        services.comment_create(
            letter=letter,
            author=office.drafter,
            text=f"Tolong @{other_office.drafter.nip} lihat juga.",
        )
    assert refused.value.code == "mention_no_access"
    assert other_office.drafter.full_name in refused.value.field_errors["text"][0]
    assert "tidak memberinya akses" in refused.value.field_errors["text"][0]
    assert not LetterComment.objects.exists()
    assert not may_view(other_office.drafter, letter)  # the refused mention opened nothing


def test_the_records_clerk_may_be_mentioned_on_an_ordinary_letter_only(office):
    ordinary = sent(office)
    services.comment_create(letter=ordinary, author=office.drafter, text=f"@{office.clerk.nip}")
    secret = sent(office, security_class="sangat_rahasia")
    with pytest.raises(InvalidInput):
        services.comment_create(letter=secret, author=office.drafter, text=f"@{office.clerk.nip}")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("   \n  ", "empty_comment"),
        ("x" * 2001, "comment_too_long"),
        ("@999999999999999999 tolong", "unknown_mention"),
    ],
)
def test_bad_text_is_refused_and_nothing_is_kept(office, text, code):
    letter = sent(office)
    with pytest.raises(InvalidInput) as refused:
        services.comment_create(letter=letter, author=office.drafter, text=text)
    assert refused.value.code == code and "text" in refused.value.field_errors
    assert not LetterComment.objects.exists()


def test_a_comment_on_a_letter_one_cannot_see_is_a_404_and_nothing_is_kept(office, other_office):
    letter = draft(office)
    for stranger in (other_office.drafter, office.colleague, other_office.clerk):
        with pytest.raises(NotFound):
            services.comment_create(letter=letter, author=stranger, text="Saya ikut komentar.")
    assert not LetterComment.objects.exists()


def test_the_same_submit_key_makes_one_comment(office):
    letter = sent(office)
    first = services.comment_create(
        letter=letter, author=office.colleague, text="Siap.", submit_key="k1"
    )
    again = services.comment_create(
        letter=letter, author=office.colleague, text="Siap.", submit_key="k1"
    )
    assert first.pk == again.pk and LetterComment.objects.count() == 1


def test_the_author_edits_within_fifteen_minutes_and_the_old_text_is_kept(office):
    letter = sent(office)
    comment = services.comment_create(
        letter=letter, author=office.colleague, text="Siap laksanakan"
    )
    Notification.objects.all().delete()
    services.comment_update(
        comment=comment, user=office.colleague, text=f"Siap, @{office.drafter.nip}."
    )
    comment.refresh_from_db()
    assert comment.text.startswith("Siap, @") and comment.edited_at is not None
    edit = comment.events.get(action="edit")
    assert edit.reason == "Siap laksanakan" and edit.actor == office.colleague
    assert len(_notices(office.drafter)) == 1  # newly mentioned: told once
    with pytest.raises(Forbidden):
        services.comment_update(comment=comment, user=office.drafter, text="Bukan milik saya")
    LetterComment.objects.filter(pk=comment.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=16)
    )
    with pytest.raises(Conflict) as late:
        services.comment_update(comment=comment, user=office.colleague, text="Terlambat")
    assert late.value.code == "edit_window_closed"
    [row] = selectors.comment_rows(letter, office.colleague)
    assert (row.may_edit, row.may_delete) == (False, True)


def test_delete_is_soft_and_recorded(office):
    letter = sent(office)
    comment = services.comment_create(letter=letter, author=office.colleague, text="Salah kirim")
    with pytest.raises(Forbidden):
        services.comment_delete(comment=comment, user=office.drafter)
    services.comment_delete(comment=comment, user=office.colleague)
    [row] = selectors.comment_rows(letter, office.drafter)
    assert row.is_deleted and row.html == "" and row.text == ""
    assert LetterComment.objects.get().text == "Salah kirim"  # kept for the record
    event = LetterCommentEvent.objects.get(action="delete")
    assert (event.from_status, event.to_status, event.actor) == (
        "posted",
        "deleted",
        office.colleague,
    )
    with pytest.raises(Conflict):
        services.comment_delete(comment=comment, user=office.colleague)


def test_comments_stay_after_signing_and_are_never_in_the_pdf(office):
    letter = ready(office)
    services.comment_create(
        letter=letter, author=office.kasi, text="Catatan internal: anggaran belum pasti."
    )
    services.letter_sign(letter=letter, signer=office.head)
    letter.refresh_from_db()
    assert letter.status == "sent" and letter.comments.count() == 1
    with letter.document.signed_file.open("rb") as handle:
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages)
    assert "anggaran belum pasti" not in text and letter.subject in text
    services.comment_create(letter=letter, author=office.colleague, text="Diterima, terima kasih.")
    assert letter.comments.count() == 2


def test_mention_candidates_are_the_letters_people(office):
    letter = sent(office)
    names = [p.name for p in selectors.mention_candidates(letter, "a", exclude=office.drafter)]
    assert office.colleague.full_name in names and office.drafter.full_name not in names
    assert office.clerk.full_name not in names  # not on the letter (may open it, not listed)
    by_nip = selectors.mention_candidates(letter, office.kasi.nip)
    assert [p.nip for p in by_nip] == [office.kasi.nip]
    assert selectors.mention_candidates(letter, "") == []
