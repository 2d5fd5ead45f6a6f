"""A letter on paper as Permendagri 1/2023 lays it out, drawn by documents' official layout.

- the kop: PEMERINTAH KOTA SEMARANG, the OPD, its address;
- a nota dinas or memo: the title, then Yth./Dari/Tembusan/Tanggal/Nomor/Sifat/Lampiran/Hal;
- a surat (dinas, undangan): place and date at the right, Nomor/Sifat/Lampiran/Hal, then Yth.;
- a titled naskah (surat tugas, berita acara…): the title and NOMOR in the middle;
- then the body, the signature block (position, name, NIP) beside the QR to /verifikasi/, and
  the tembusan under it.
"""

from __future__ import annotations

import html
import re

from . import integrations, selectors
from .models import LetterKind

PLACE = "Semarang"
_BLOCK = re.compile(r"</(p|h[2-4]|li|tr|blockquote|pre)>|<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")


def body_paragraphs(body_html: str) -> list[str]:
    """The sanitised body as plain paragraphs (list items keep a bullet)."""
    text = _BLOCK.sub("\n", body_html.replace("<li>", "<li>• "))
    text = html.unescape(_TAG.sub("", text))
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def _attachment_text(letter) -> str:
    count = letter.attachments.count()
    return f"{count} berkas" if count else "-"


def _numbered(lines: list[str]) -> list[str]:
    if len(lines) == 1:
        return lines
    return [f"{n}. {line}" for n, line in enumerate(lines, 1)]


def _addressed(letter, to: list[str]) -> list[str]:
    """ "Yth. …" and "di …": the outside addressee's address, "Tempat" inside the city."""
    if not to:
        return []
    externals = [r for r in letter.recipients.all() if r.role == "to" and r.is_external]
    where = externals[0].address if len(to) == 1 and externals and externals[0].address else ""
    if len(to) == 1:
        return [f"Yth. {to[0]}", f"di {where or 'Tempat'}"]
    return ["Yth.", *_numbered(to), "di Tempat"]


def render(letter, *, verification_url: str, signer=None) -> bytes:
    """The letter's PDF (unsigned); ``signer`` is named under the signature."""
    kind = letter.kind
    lines = selectors.recipient_lines(letter)
    to, cc = lines["to"], lines["cc"]
    dated = letter.dated
    date_text = integrations.format_date_id(dated) if dated else ""
    position = letter.signer_position
    signer_title = selectors.position_title(position) if position is not None else ""
    # "Plt./Plh." before the post, "a.n. …," (and "…, / u.b.") above it: the letter's capacity
    capacity = selectors.signing_capacity(letter).lines or [signer_title]
    employee = integrations.employee_for_user(signer) if signer is not None else None
    setting_address = ""
    setting = getattr(letter.opd, "letter_setting", None)
    if setting is not None:
        setting_address = setting.letterhead_address
    sifat = letter.get_security_class_display()
    if letter.urgency != "biasa":
        sifat = f"{sifat}, {letter.get_urgency_display()}"
    body = body_paragraphs(letter.body)
    document = integrations.OfficialDocument(
        title="",
        verification_url=verification_url,
        header_lines=("PEMERINTAH KOTA SEMARANG", letter.opd.name.upper()),
        address=setting_address or letter.opd.address,
        signature=integrations.SignatureBlock(
            place=PLACE,
            date=dated,
            on_behalf="\n".join(capacity[:-1]),
            position=capacity[-1],
            name=(signer.full_name if signer is not None else ""),
            rank=(employee.rank.title if employee is not None and employee.rank_id else ""),
            nip=(employee.nip if employee is not None else ""),
            # A memo or a letter says its date at the top; a titled naskah under the text.
            show_date=kind.layout == LetterKind.Layout.DOCUMENT,
        )
        if dated
        else None,
        author=letter.opd.name,
    )
    if kind.layout == LetterKind.Layout.MEMO:
        document.title = kind.name
        document.label_width_mm = 28
        rows = [("Yth.", "; ".join(to) or "-"), ("Dari", capacity[-1].rstrip(","))]
        if kind.uses_copies and cc:
            rows.append(("Tembusan", "; ".join(cc)))
        rows += [("Tanggal", date_text), ("Nomor", letter.number)]
        if kind.uses_attributes:
            rows += [("Sifat", sifat), ("Lampiran", _attachment_text(letter))]
        rows.append(("Hal", letter.subject))
        document.rows = rows
        document.closing_paragraphs = body
    elif kind.layout == LetterKind.Layout.LETTER:
        document.date_line = f"{PLACE}, {date_text}"
        document.label_width_mm = 28
        document.rows = [
            ("Nomor", letter.number),
            ("Sifat", sifat),
            ("Lampiran", _attachment_text(letter)),
            ("Hal", letter.subject),
        ]
        document.closing_paragraphs = [*_addressed(letter, to), *body]
        if cc:
            document.after_signature = ["Tembusan:", *_numbered(cc)]
    else:
        document.title = kind.name
        document.number = letter.number
        document.number_label = "NOMOR"
        head = [f"Tentang: {letter.subject}"]
        if kind.uses_addressees and to:
            head.append("Kepada: " + "; ".join(to))
        document.paragraphs = head
        document.closing_paragraphs = body
        if kind.uses_copies and cc:
            document.after_signature = ["Tembusan:", *_numbered(cc)]
    return integrations.build_pdf(document)
