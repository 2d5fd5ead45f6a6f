"""The berita acara pemusnahan arsip on paper: the OPD's kop, title and number, who approved the
disposal and when, then one line per destroyed letter (number, date, subject — "Rahasia" for a
confidential one — classification and retention basis), signed beside the QR to /verifikasi/."""

from __future__ import annotations

from django.utils import timezone

from . import integrations, selectors

PLACE = "Semarang"
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def render(proposal, *, verification_url: str, signer) -> bytes:
    from .archive import retention_basis

    today = timezone.localdate()
    date_text = integrations.format_date_id(today)
    opd = proposal.opd
    employee = integrations.employee_for_user(signer)
    position = ""
    if employee is not None:
        position = selectors.position_title(employee.position)
    records = proposal.records_approved_by
    head = proposal.head_approved_by
    items = list(
        proposal.items.filter(removed_at__isnull=True)
        .select_related("letter__classification")
        .order_by("letter__dated", "letter__pk")
    )
    lines = []
    for n, item in enumerate(items, 1):
        letter = item.letter
        subject = "Rahasia" if letter.is_confidential else letter.subject
        dated = integrations.format_date_id(letter.dated) if letter.dated else ""
        lines.append(
            f"{n}. {letter.number}, {dated}. Hal: {subject}. Klasifikasi "
            f"{letter.classification.code} {letter.classification.name}. "
            f"Dasar: {retention_basis(letter.classification)}."
        )
    opening = (
        f"Pada hari ini, {DAYS[today.weekday()]} tanggal {date_text}, di {PLACE}, telah "
        f"dilaksanakan pemusnahan {len(items)} arsip {opd.name} yang telah habis masa "
        "retensinya dan berketerangan akhir musnah menurut Jadwal Retensi Arsip, sesuai "
        "Peraturan ANRI Nomor 5 Tahun 2021."
    )
    approvals = (
        f"Usul musnah disetujui oleh unit kearsipan, {records.full_name if records else ''}, "
        f"pada {integrations.format_date_id(timezone.localtime(proposal.records_approved_at).date()) if proposal.records_approved_at else ''}, "
        f"dan oleh kepala OPD, {head.full_name if head else ''}, pada "
        f"{integrations.format_date_id(timezone.localtime(proposal.head_approved_at).date()) if proposal.head_approved_at else ''}."
    )
    closing = (
        "Isi naskah, seluruh versinya, lampiran dan berkas PDF bertanda tangan arsip tersebut "
        "dihapus; metadata (nomor, tanggal, klasifikasi) disimpan bersama rujukan berita acara "
        "ini. Demikian berita acara ini dibuat dengan sebenarnya."
    )
    setting = getattr(opd, "letter_setting", None)
    document = integrations.OfficialDocument(
        title="BERITA ACARA PEMUSNAHAN ARSIP",
        number=proposal.number,
        number_label="NOMOR",
        verification_url=verification_url,
        header_lines=("PEMERINTAH KOTA SEMARANG", opd.name.upper()),
        address=(setting.letterhead_address if setting is not None else "") or opd.address,
        paragraphs=[opening, approvals, "Daftar arsip yang dimusnahkan:", *lines],
        closing_paragraphs=[closing],
        signature=integrations.SignatureBlock(
            place=PLACE,
            date=today,
            position=position,
            name=signer.full_name,
            nip=employee.nip if employee is not None else "",
        ),
        author=opd.name,
    )
    return integrations.build_pdf(document)
