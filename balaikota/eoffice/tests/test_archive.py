"""Archive and retention: the report (counted from the end of the letter's year), legal holds,
disposal proposals with two distinct approvers, execution under a signed berita acara that
leaves tombstones and removes the files after commit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from balaikota.accounts.models import Role
from balaikota.accounts.services import role_grant
from balaikota.core.errors import Conflict, Forbidden, InvalidInput
from balaikota.eoffice import archive, selectors
from balaikota.eoffice.models import (
    Classification,
    DisposalStatus,
    LetterAttachment,
    LetterTombstone,
    LetterVersion,
)
from balaikota.eoffice.workflows import DISPOSAL_WORKFLOW

from .conftest import sent

pytestmark = pytest.mark.django_db


def blank_pdf() -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF_BYTES = blank_pdf()


def old_letter(office, year: int = 2018, code: str = "000.1.2", **overrides):
    """A sent letter dated 14 March of ``year`` (backdated: the register is not involved)."""
    letter = sent(office, classification=Classification.objects.get(code=code), **overrides)
    type(letter).objects.filter(pk=letter.pk).update(dated=dt.date(year, 3, 14))
    letter.refresh_from_db()
    return letter


def approved(office, letters):
    proposal = archive.disposal_create(
        opd=office.opd, user=office.clerk, letter_ids=[letter.pk for letter in letters]
    )
    archive.disposal_submit(proposal=proposal, user=office.clerk)
    archive.disposal_approve_records(proposal=proposal, user=office.clerk)
    archive.disposal_approve_head(proposal=proposal, user=office.head)
    proposal.refresh_from_db()
    return proposal


# --- Retention ------------------------------------------------------------------------------


def test_retention_counts_from_the_end_of_the_year(reference):
    code = Classification.objects.get(code="000.1.2")  # 2 active, 3 inactive, musnah
    assert archive.retention_dates(dt.date(2019, 3, 14), code) == (
        dt.date(2022, 1, 1),
        dt.date(2025, 1, 1),
    )
    assert archive.retention_dates(dt.date(2019, 12, 31), code)[0] == dt.date(2022, 1, 1)


def test_the_report_shows_inactive_and_due_letters_of_the_clerks_opd(office, other_office):
    this_year = timezone.localdate().year
    due = old_letter(office, 2018)
    inactive = old_letter(office, this_year - 3)  # inactive this year, due in three
    old_letter(office, this_year)  # still active: not in the report
    permanent = old_letter(office, 2018, code="000.5")
    secret = old_letter(office, 2018, security_class="rahasia")
    old_letter(other_office, 2018)  # another OPD's
    rows = {
        r.letter.pk: r for r in selectors.retention_rows(selectors.retention_report(office.clerk))
    }
    assert set(rows) == {due.pk, inactive.pk, permanent.pk, secret.pk}
    assert rows[due.pk].is_due and rows[due.pk].action == "Musnahkan" and rows[due.pk].may_propose
    assert not rows[inactive.pk].is_due
    assert rows[inactive.pk].action == "Pindahkan ke arsip inaktif"
    assert rows[permanent.pk].action == "Serahkan ke lembaga kearsipan"
    assert not rows[permanent.pk].may_propose
    assert rows[secret.pk].subject == "Rahasia"
    due_only = selectors.retention_report(office.clerk, stage="jatuh-tempo")
    assert inactive not in due_only and due in due_only
    assert list(selectors.retention_report(office.clerk, classification="000.5")) == [permanent]
    assert list(selectors.retention_report(office.clerk, year=this_year - 3)) == [inactive]


def test_a_held_letter_shows_as_held_and_cannot_be_proposed(office):
    letter = old_letter(office)
    archive.legal_hold_put(letter=letter, user=office.head, reason="Pemeriksaan BPK 2026")
    row = selectors.retention_rows(selectors.retention_report(office.clerk))[0]
    assert row.on_hold and not row.may_propose and "Ditahan" in row.action
    with pytest.raises(InvalidInput) as caught:
        archive.disposal_create(opd=office.opd, user=office.clerk, letter_ids=[letter.pk])
    assert caught.value.code == "not_disposable"


@pytest.mark.parametrize("case", ["not_due", "permanent", "other_opd", "in_other_proposal"])
def test_only_due_destroyable_letters_of_the_opd_are_proposed(office, other_office, case):
    letter = {
        "not_due": lambda: old_letter(office, timezone.localdate().year - 3),
        "permanent": lambda: old_letter(office, code="000.5"),
        "other_opd": lambda: old_letter(other_office),
        "in_other_proposal": lambda: old_letter(office),
    }[case]()
    if case == "in_other_proposal":
        archive.disposal_create(opd=office.opd, user=office.clerk, letter_ids=[letter.pk])
    with pytest.raises(InvalidInput) as caught:
        archive.disposal_create(opd=office.opd, user=office.clerk, letter_ids=[letter.pk])
    assert "tidak dapat diusulkan musnah" in caught.value.text


def test_the_same_form_twice_makes_one_proposal(office):
    letter = old_letter(office)
    first = archive.disposal_create(
        opd=office.opd, user=office.clerk, letter_ids=[letter.pk], submit_key="k1"
    )
    again = archive.disposal_create(
        opd=office.opd, user=office.clerk, letter_ids=[letter.pk], submit_key="k1"
    )
    assert first.pk == again.pk


# --- Two people -----------------------------------------------------------------------------


def test_the_head_approval_must_come_from_a_second_person(office):
    role_grant(user=office.head, role=Role.RECORDS_CLERK, opd=office.opd)
    letter = old_letter(office)
    proposal = archive.disposal_create(opd=office.opd, user=office.clerk, letter_ids=[letter.pk])
    archive.disposal_submit(proposal=proposal, user=office.clerk)
    archive.disposal_approve_records(proposal=proposal, user=office.head)
    with pytest.raises(Conflict) as caught:
        archive.disposal_approve_head(proposal=proposal, user=office.head)
    assert caught.value.code == "same_person"
    proposal.refresh_from_db()
    assert proposal.status == DisposalStatus.RECORDS_APPROVED


def test_a_clerk_cannot_approve_as_head_nor_a_head_as_records(office):
    letter = old_letter(office)
    proposal = archive.disposal_create(opd=office.opd, user=office.clerk, letter_ids=[letter.pk])
    archive.disposal_submit(proposal=proposal, user=office.clerk)
    with pytest.raises(Forbidden):
        archive.disposal_approve_records(proposal=proposal, user=office.head)
    archive.disposal_approve_records(proposal=proposal, user=office.clerk)
    with pytest.raises(Forbidden):
        archive.disposal_approve_head(proposal=proposal, user=office.clerk)


def test_execution_without_the_second_approval_is_refused(office):
    letter = old_letter(office)
    proposal = archive.disposal_create(opd=office.opd, user=office.clerk, letter_ids=[letter.pk])
    archive.disposal_submit(proposal=proposal, user=office.clerk)
    archive.disposal_approve_records(proposal=proposal, user=office.clerk)
    with pytest.raises(Conflict) as caught:
        archive.disposal_execute(proposal=proposal, user=office.clerk)
    assert caught.value.code == "not_approved"
    assert not LetterTombstone.objects.exists()


# --- Execution ------------------------------------------------------------------------------


def _files_of(letter) -> list[str]:
    names = [a.file.name for a in letter.attachments.all()]
    document = letter.document
    return names + [document.unsigned_file.name, document.signed_file.name]


def test_execution_writes_the_berita_acara_then_destroys(
    office, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    letter = old_letter(
        office, attachments=[SimpleUploadedFile("data.pdf", PDF_BYTES, "application/pdf")]
    )
    files = _files_of(letter)
    assert all(default_storage.exists(name) for name in files)
    proposal = approved(office, [letter])
    with django_capture_on_commit_callbacks(execute=True):
        proposal = archive.disposal_execute(proposal=proposal, user=office.clerk)
    assert proposal.status == DisposalStatus.EXECUTED
    assert proposal.document.status == "signed" and proposal.document.signed_file
    assert proposal.number.startswith("000.1/") and proposal.issued_number.state == "used"
    tomb = LetterTombstone.objects.get(letter=letter)
    assert (tomb.number, tomb.dated, tomb.classification_code, tomb.record_number) == (
        letter.number,
        letter.dated,
        "000.1.2",
        proposal.number,
    )
    letter.refresh_from_db()
    assert letter.body == "" and not LetterAttachment.objects.filter(letter=letter).exists()
    assert set(LetterVersion.objects.filter(letter=letter).values_list("body", flat=True)) == {""}
    assert not letter.document.signed_file and not letter.document.unsigned_file
    assert not any(default_storage.exists(name) for name in files)
    assert [e.action for e in proposal.events.order_by("at", "pk")] == [
        "create",
        "submit",
        "approve_records",
        "approve_head",
        "execute",
        "executed",
    ]
    # the destroyed letter leaves the report, and executing twice is refused
    assert letter not in selectors.retention_report(office.clerk)
    with pytest.raises(Conflict) as caught:
        archive.disposal_execute(proposal=proposal, user=office.clerk)
    assert caught.value.code == "already_executed"


def test_files_stay_until_the_transaction_commits(office, django_capture_on_commit_callbacks):
    letter = old_letter(office)
    files = _files_of(letter)
    proposal = approved(office, [letter])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        archive.disposal_execute(proposal=proposal, user=office.clerk)
    assert all(default_storage.exists(name) for name in files)
    for callback in callbacks:
        callback()
    assert not any(default_storage.exists(name) for name in files)
    for callback in callbacks:  # idempotent: running it again is harmless
        callback()


def test_a_failed_signature_destroys_nothing(office, monkeypatch):
    from balaikota.documents.exceptions import SigningError
    from balaikota.documents.signers import LocalPadesSigner

    letter = old_letter(office)
    proposal = approved(office, [letter])

    def refuse(self, *args, **kwargs):
        raise SigningError("Passphrase salah.", code="bad_passphrase")

    monkeypatch.setattr(LocalPadesSigner, "sign", refuse)
    with pytest.raises(SigningError):
        archive.disposal_execute(proposal=proposal, user=office.clerk)
    proposal.refresh_from_db()
    letter.refresh_from_db()
    assert proposal.status == DisposalStatus.HEAD_APPROVED
    assert letter.body and not LetterTombstone.objects.exists()


def test_a_legal_hold_takes_the_letter_out_of_open_proposals(
    office, django_capture_on_commit_callbacks
):
    kept, destroyed = old_letter(office), old_letter(office)
    proposal = approved(office, [kept, destroyed])
    archive.legal_hold_put(letter=kept, user=office.clerk, reason="Sengketa di PTUN")
    item = proposal.items.get(letter=kept)
    assert item.removed_at and "Sengketa" in item.removed_reason
    with django_capture_on_commit_callbacks(execute=True):
        archive.disposal_execute(proposal=proposal, user=office.head)
    kept.refresh_from_db()
    assert kept.body and not LetterTombstone.objects.filter(letter=kept).exists()
    assert LetterTombstone.objects.filter(letter=destroyed).exists()


def test_a_proposal_whose_only_letter_is_held_cannot_be_executed(office):
    letter = old_letter(office)
    proposal = approved(office, [letter])
    archive.legal_hold_put(letter=letter, user=office.head, reason="Audit inspektorat")
    with pytest.raises(InvalidInput) as caught:
        archive.disposal_execute(proposal=proposal, user=office.clerk)
    assert caught.value.code == "no_items"


def test_hold_and_lift_need_a_reason_and_the_right_person(office, other_office):
    letter = old_letter(office)
    with pytest.raises(InvalidInput):
        archive.legal_hold_put(letter=letter, user=office.clerk, reason="")
    with pytest.raises(Forbidden):
        archive.legal_hold_put(letter=letter, user=other_office.clerk, reason="Bukan OPD saya")
    with pytest.raises(Forbidden):
        archive.legal_hold_put(letter=letter, user=office.drafter, reason="Saya konseptornya")
    archive.legal_hold_put(letter=letter, user=office.clerk, reason="Pemeriksaan BPK")
    with pytest.raises(Conflict):
        archive.legal_hold_put(letter=letter, user=office.head, reason="Pemeriksaan BPK")
    archive.legal_hold_lift(letter=letter, user=office.head, reason="Pemeriksaan selesai")
    with pytest.raises(Conflict):
        archive.legal_hold_lift(letter=letter, user=office.head, reason="Pemeriksaan selesai")
    assert archive.disposal_create(opd=office.opd, user=office.clerk, letter_ids=[letter.pk])


def test_a_rejection_frees_the_letters_for_a_new_proposal(office):
    letter = old_letter(office)
    proposal = archive.disposal_create(opd=office.opd, user=office.clerk, letter_ids=[letter.pk])
    archive.disposal_submit(proposal=proposal, user=office.clerk)
    with pytest.raises(InvalidInput):
        archive.disposal_reject(proposal=proposal, user=office.head, reason="")
    archive.disposal_reject(proposal=proposal, user=office.head, reason="Masih dipakai audit")
    assert archive.disposal_create(opd=office.opd, user=office.clerk, letter_ids=[letter.pk])


# --- The table ------------------------------------------------------------------------------


def test_the_disposal_table():
    table = {row["action"]: (tuple(row["from"]), row["to"]) for row in DISPOSAL_WORKFLOW.rows()}
    assert table == {
        "create": (("draft",), None),
        "submit": (("draft",), "proposed"),
        "approve_records": (("proposed",), "records_ok"),
        "approve_head": (("records_ok",), "head_ok"),
        "execute": (("head_ok",), "executing"),
        "execution_failed": (("executing",), "head_ok"),
        "executed": (("executing",), "executed"),
        "reject": (("draft", "head_ok", "proposed", "records_ok"), "rejected"),
        "item_removed": (("draft", "head_ok", "proposed", "records_ok"), None),
    }


@pytest.mark.parametrize(
    ("state", "action", "code"),
    [
        ("draft", "approve_records", "not_waiting_records"),
        ("proposed", "approve_head", "not_waiting_head"),
        ("records_ok", "execute", "not_approved"),
        ("executed", "reject", "closed"),
        ("rejected", "execute", "not_approved"),
        ("proposed", "submit", "already_submitted"),
    ],
)
def test_actions_out_of_order_are_refused_with_a_reason(office, state, action, code):
    from balaikota.eoffice.models import DisposalProposal

    proposal = DisposalProposal.objects.create(
        opd=office.opd, proposed_by=office.clerk, status=state
    )
    role_grant(user=office.head, role=Role.RECORDS_CLERK, opd=office.opd)
    refusal = DISPOSAL_WORKFLOW.refusal(office.head, proposal, action)
    assert isinstance(refusal, Conflict) and refusal.code == code
