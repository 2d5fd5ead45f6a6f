"""PDF building blocks for official documents: QR codes and an A4 layout with a signature block.

Generic on purpose: the apps (civil registration, e-office, competency) supply the words; this
module supplies the letterhead, the label/value rows, the signature block and the QR code that
points to the document's public verification page.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

FONT = "BKVera"
FONT_BOLD = "BKVera-Bold"
FONT_ITALIC = "BKVera-Italic"
FONT_BOLD_ITALIC = "BKVera-BoldItalic"

MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)

_fonts_registered = False


def _register_fonts() -> None:
    """Embed Bitstream Vera (shipped with reportlab, free licence): covers Latin-1 and the
    punctuation Indonesian text uses; embedded so every reader renders it the same."""
    global _fonts_registered
    if _fonts_registered:
        return
    pdfmetrics.registerFont(TTFont(FONT, "Vera.ttf"))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, "VeraBd.ttf"))
    pdfmetrics.registerFont(TTFont(FONT_ITALIC, "VeraIt.ttf"))
    pdfmetrics.registerFont(TTFont(FONT_BOLD_ITALIC, "VeraBI.ttf"))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
    )
    _fonts_registered = True


def qr_png(data: str, *, box_size: int = 8, border: int = 2) -> bytes:
    """A QR code (error correction M) as PNG bytes, for HTML pages and receipts."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box_size, border=border)
    code.add_data(data)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().save(buffer, format="PNG")
    return buffer.getvalue()


def format_date_id(value: dt.date) -> str:
    """28 November 2026."""
    return f"{value.day} {MONTHS_ID[value.month - 1]} {value.year}"


@dataclass(frozen=True)
class SignatureBlock:
    place: str  # "Semarang"
    date: dt.date
    position: str  # "Kepala Dinas Kependudukan dan Pencatatan Sipil"
    name: str
    nip: str = ""
    on_behalf: str = ""  # "a.n. Wali Kota Semarang" when signing on someone's behalf
    #: the rank under the name ("Pembina Utama Muda"), as Permendagri 1/2023 lays out a region's
    rank: str = ""
    note: str = "Ditandatangani secara elektronik"
    #: False where the page already says place and date (a letter's head): not said twice
    show_date: bool = True


@dataclass
class OfficialDocument:
    """Everything on the page, in reading order. Strings are plain text (escaped when drawn)."""

    title: str
    verification_url: str
    header_lines: Sequence[str] = ("PEMERINTAH KOTA SEMARANG",)
    address: str = ""
    number: str = ""
    number_label: str = "Nomor"
    rows: Sequence[tuple[str, str]] = ()
    paragraphs: Sequence[str] = ()
    closing_paragraphs: Sequence[str] = ()
    signature: SignatureBlock | None = None
    #: a line set flush right above the rows (a letter's "Semarang, 7 Desember 2026")
    date_line: str = ""
    #: width of the label column of ``rows`` (millimetres)
    label_width_mm: float = 58
    #: lines under the signature block (a letter's tembusan)
    after_signature: Sequence[str] = ()
    verification_code: str = ""  # derived from the URL (…/verifikasi/<code>/) when empty
    #: what the code under the QR is called (a disposition sheet: "Nomor agenda")
    code_label: str = "Kode verifikasi"
    footer: str = (
        "Dokumen ini ditandatangani secara elektronik. Keasliannya dapat diperiksa dengan "
        "memindai kode QR atau membuka alamat verifikasi di atas."
    )
    author: str = "Balai Kota Digital"


_CODE_IN_URL = re.compile(r"/verifikasi/([A-Za-z0-9-]+)/?$")


def _code_for(document: OfficialDocument) -> str:
    code = document.verification_code
    if not code:
        match = _CODE_IN_URL.search(document.verification_url)
        code = match.group(1) if match else ""
    if len(code) == 12 and "-" not in code:
        code = "-".join(code[i : i + 4] for i in range(0, 12, 4))
    return code


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=FONT, fontSize=10.5, leading=14)
    return {
        "header": ParagraphStyle(
            "header", parent=base, fontName=FONT_BOLD, fontSize=13, leading=16, alignment=TA_CENTER
        ),
        "address": ParagraphStyle(
            "address", parent=base, fontSize=8.5, leading=11, alignment=TA_CENTER
        ),
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=14,
            leading=18,
            alignment=TA_CENTER,
            spaceBefore=4 * mm,
        ),
        "number": ParagraphStyle("number", parent=base, alignment=TA_CENTER, spaceAfter=5 * mm),
        "body": ParagraphStyle("body", parent=base, alignment=TA_JUSTIFY, spaceAfter=3 * mm),
        "cell": ParagraphStyle("cell", parent=base),
        "date_line": ParagraphStyle(
            "date_line", parent=base, alignment=TA_RIGHT, spaceAfter=3 * mm
        ),
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10),
        "url": ParagraphStyle("url", parent=base, fontSize=7, leading=9),
        "sign": ParagraphStyle("sign", parent=base, alignment=TA_CENTER),
    }


class QrFlowable(Flowable):
    """A vector QR code (crisp on any printer), drawn as one rectangle per run of dark modules:
    an order of magnitude faster than reportlab's QR widget."""

    def __init__(self, data: str, size: float, border: int = 1) -> None:
        super().__init__()
        code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=border)
        code.add_data(data)
        code.make(fit=True)
        self.matrix = code.get_matrix()
        self.size = size
        self.width = self.height = size

    def draw(self) -> None:
        canvas = self.canv
        count = len(self.matrix)
        module = self.size / count
        canvas.saveState()
        canvas.setFillColor(colors.black)
        for row_index, row in enumerate(self.matrix):
            y = self.size - (row_index + 1) * module
            column = 0
            while column < count:
                if row[column]:
                    start = column
                    while column < count and row[column]:
                        column += 1
                    canvas.rect(
                        start * module, y, (column - start) * module, module, stroke=0, fill=1
                    )
                else:
                    column += 1
        canvas.restoreState()


def build_official_pdf(document: OfficialDocument) -> bytes:
    """Render ``document`` on A4 and return the PDF bytes (unsigned)."""
    _register_fonts()
    styles = _styles()
    buffer = io.BytesIO()
    page = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=22 * mm,
        rightMargin=22 * mm,
        topMargin=15 * mm,
        bottomMargin=18 * mm,
        title=document.title,
        author=document.author,
        subject=f"{document.title} {document.number}".strip(),
        creator="Balai Kota Digital",
        initialFontName=FONT,
        lang="id-ID",
    )
    story: list = [Paragraph(escape(line), styles["header"]) for line in document.header_lines]
    if document.address:
        story.append(Paragraph(escape(document.address), styles["address"]))
    story += [
        Spacer(1, 2 * mm),
        HRFlowable(width="100%", thickness=2, color=colors.black, spaceAfter=0.6 * mm),
        HRFlowable(width="100%", thickness=0.6, color=colors.black, spaceAfter=2 * mm),
    ]
    if document.title:
        story.append(Paragraph(escape(document.title.upper()), styles["title"]))
    if document.number:
        story.append(
            Paragraph(
                f"{escape(document.number_label)}: {escape(document.number)}", styles["number"]
            )
        )
    else:
        story.append(Spacer(1, 5 * mm))
    for text in document.paragraphs:
        story.append(Paragraph(escape(text), styles["body"]))
    if document.date_line:
        story.append(Paragraph(escape(document.date_line), styles["date_line"]))
    if document.rows:
        table = Table(
            [
                [
                    Paragraph(escape(label), styles["cell"]),
                    ":",
                    Paragraph(escape(value), styles["cell"]),
                ]
                for label, value in document.rows
            ],
            colWidths=[document.label_width_mm * mm, 4 * mm, None],
        )
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), FONT, 10.5),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        story += [table, Spacer(1, 4 * mm)]
    for text in document.closing_paragraphs:
        story.append(Paragraph(escape(text), styles["body"]))
    story.append(Spacer(1, 6 * mm))
    story.append(KeepTogether(_signature_and_qr(document, styles)))
    if document.after_signature:
        story.append(Spacer(1, 4 * mm))
        story += [Paragraph(escape(line), styles["cell"]) for line in document.after_signature]
    if document.footer:
        story += [Spacer(1, 6 * mm), Paragraph(escape(document.footer), styles["small"])]
    page.build(story)
    return buffer.getvalue()


def _signature_and_qr(document: OfficialDocument, styles) -> list:
    code = _code_for(document)
    verify_cell = [
        QrFlowable(document.verification_url, 30 * mm),
        Paragraph(f"{escape(document.code_label)}: <b>{escape(code)}</b>", styles["small"]),
        Paragraph(escape(document.verification_url), styles["url"]),
    ]
    sign_cell: list = []
    block = document.signature
    if block is not None:
        lines = [f"{escape(block.place)}, {format_date_id(block.date)}"] if block.show_date else []
        if block.on_behalf:  # one line, or several ("a.n. …," / "Sekretaris," / "u.b.")
            lines += [escape(line) for line in block.on_behalf.splitlines() if line.strip()]
        lines.append(escape(block.position))
        sign_cell += [Paragraph("<br/>".join(lines), styles["sign"]), Spacer(1, 3 * mm)]
        if block.note:
            sign_cell.append(Paragraph(f"<i>{escape(block.note)}</i>", styles["small"]))
        sign_cell += [
            Spacer(1, 8 * mm),
            Paragraph(f"<b><u>{escape(block.name)}</u></b>", styles["sign"]),
        ]
        if block.rank:
            sign_cell.append(Paragraph(escape(block.rank), styles["sign"]))
        if block.nip:
            sign_cell.append(Paragraph(f"NIP. {escape(block.nip)}", styles["sign"]))
    table = Table([[verify_cell, sign_cell]], colWidths=[70 * mm, None])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
            ]
        )
    )
    return [table]
