"""The disposition sheet (lembar disposisi) as Indonesian offices print it, drawn by documents'
official layout: the OPD's kop, the letter's particulars (agenda number, received date, sender,
number and date, subject, sifat and urgency), then the tree — to whom, instructions, note,
deadline, by whom, when, read and done marks. Not signed: it is built on request from the tree
as it is now, so it never goes stale."""

from __future__ import annotations

from django.utils import timezone

from . import integrations, selectors
from .services import opd_setting


def _when(value) -> str:
    local = timezone.localtime(value)
    return f"{integrations.format_date_id(local.date())} {local:%H.%M}"


def _tree_lines(incoming) -> list[str]:
    lines = []
    numbers: list[int] = []
    for row in selectors.disposition_tree(incoming):
        item = row.disposition
        del numbers[row.depth + 1 :]
        if len(numbers) <= row.depth:
            numbers.append(0)
        numbers[row.depth] += 1
        label = ".".join(str(n) for n in numbers[: row.depth + 1])
        indent = "\u00a0" * 6 * row.depth
        parts = [
            f"{indent}{label}. Kepada: {item.recipient.full_name} — dari {item.author.full_name}, "
            f"{_when(item.created_at)}.",
            f"Petunjuk: {', '.join(item.instructions)}.",
        ]
        if item.note:
            parts.append(f"Catatan: {item.note}")
        if item.deadline:
            parts.append(f"Batas waktu: {integrations.format_date_id(item.deadline)}.")
        if item.is_withdrawn:
            parts.append("[Ditarik]")
        elif item.is_closed:
            parts.append(f"[Selesai {_when(item.closed_at)}: {item.report}]")
        elif item.read_at:
            parts.append(f"[Dibaca {_when(item.read_at)}]")
        else:
            parts.append("[Belum dibaca]")
        lines.append(" ".join(parts))
    return lines or ["Belum ada disposisi."]


def render(incoming, *, url: str) -> bytes:
    address = opd_setting(incoming.opd).letterhead_address or incoming.opd.address
    rows = [
        ("Nomor agenda", incoming.agenda_number),
        ("Tanggal diterima", integrations.format_date_id(incoming.received_on)),
        ("Pengirim", incoming.sender_line),
        ("Nomor surat", incoming.sender_number),
        ("Tanggal surat", integrations.format_date_id(incoming.sender_date)),
        ("Hal", incoming.subject),
        ("Sifat", f"{incoming.get_security_class_display()} · {incoming.get_urgency_display()}"),
        ("Klasifikasi", str(incoming.classification)),
        ("Ditujukan kepada", selectors.position_title(incoming.addressee_position)),
        ("Status", incoming.get_status_display()),
    ]
    document = integrations.OfficialDocument(
        title="Lembar Disposisi",
        verification_url=url,
        header_lines=("PEMERINTAH KOTA SEMARANG", incoming.opd.name.upper()),
        address=address,
        rows=rows,
        label_width_mm=38,
        closing_paragraphs=["DISPOSISI", *_tree_lines(incoming)],
        footer=(
            "Lembar disposisi dicetak dari Balai Kota Digital pada "
            f"{_when(timezone.now())}. Kode QR membuka surat ini di Balai Kota Digital "
            "(hanya bagi yang berhak)."
        ),
        verification_code=incoming.agenda_number,
        code_label="Nomor agenda",
    )
    return integrations.build_pdf(document)
