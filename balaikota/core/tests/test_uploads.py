"""The upload kernel: what a citizen may upload (plain PDF, JPEG, PNG) and every disguise it
refuses, each with its stable code and a message in Bahasa Indonesia."""

from __future__ import annotations

import hashlib
import io
import random
import re
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image
from PIL.PngImagePlugin import PngInfo
from pypdf import PdfReader, PdfWriter
from pypdf.actions import JavaScript, PageTrigger
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, TextStringObject

from balaikota.core import uploads
from balaikota.core.errors import InvalidInput
from balaikota.core.uploads import JPEG, PDF, PNG, check_upload, read_limited, sniff_content_type


@pytest.fixture(autouse=True)
def _indonesian():
    with translation.override("id"):
        yield


# --- Files built for the tests ---------------------------------------------------------------


def pdf_bytes(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _page in range(pages):
        writer.add_blank_page(width=595, height=842)
    return _written(writer)


def _written(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _writer() -> PdfWriter:
    return PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes())))


def _action(kind: str, **entries) -> DictionaryObject:
    action = DictionaryObject({NameObject("/S"): NameObject(kind)})
    for key, value in entries.items():
        action[NameObject(f"/{key}")] = value
    return action


def reportlab_pdf() -> bytes:
    """What a scanner app or a word processor makes: text, a photo, web links, a bookmark."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.bookmarkPage("awal")
    pdf.addOutlineEntry("Awal", "awal")
    pdf.drawString(72, 760, "Surat Keterangan Lahir")
    pdf.drawImage(ImageReader(Image.new("RGB", (120, 80), (30, 90, 200))), 72, 600, 120, 80)
    pdf.linkURL("https://www.semarangkota.go.id/", (72, 560, 300, 580))
    pdf.linkAbsolute("Kembali ke awal", "awal", (72, 520, 300, 540))
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def raw_pdf(*objects: bytes, listed: int | None = None) -> bytes:
    """A PDF written by hand (objects numbered from 1, object 1 the catalog), so that a test
    controls every byte; the cross-reference lists the first ``listed`` objects."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    listed = len(objects) if listed is None else listed
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (listed + 1)
    for offset in offsets[:listed]:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (listed + 1, xref)
    return bytes(out)


def one_page(catalog: bytes = b"", page: bytes = b"", *more: bytes, listed=None) -> bytes:
    return raw_pdf(
        b"<< /Type /Catalog /Pages 2 0 R " + catalog + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] " + page + b" >>",
        *more,
        listed=listed,
    )


def object_stream_pdf(action: bytes) -> bytes:
    """A PDF 1.5 whose objects (catalog, pages, page and ``action`` as object 4) are packed in a
    compressed object stream and listed by a cross-reference stream: nothing readable in the
    raw bytes."""
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        action,
    ]
    header, data = b"", b""
    for number, body in enumerate(bodies, start=1):
        header += b"%d %d " % (number, len(data))
        data += body + b"\n"
    packed = zlib.compress(header + data)
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    stream_offset = len(out)
    out += b"5 0 obj\n<< /Type /ObjStm /N 4 /First %d /Filter /FlateDecode /Length %d >>\n" % (
        len(header),
        len(packed),
    )
    out += b"stream\n" + packed + b"\nendstream\nendobj\n"
    xref_offset = len(out)
    rows = [struct.pack(">BIH", 0, 0, 65535)]
    rows += [struct.pack(">BIH", 2, 5, index) for index in range(4)]
    rows += [struct.pack(">BIH", 1, stream_offset, 0), struct.pack(">BIH", 1, xref_offset, 0)]
    table = b"".join(rows)
    out += b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\n" % len(table)
    out += b"stream\n" + table + b"\nendstream\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref_offset
    return bytes(out)


def png_bytes(size=(20, 20), **save) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 10, 10)).save(buffer, format="PNG", **save)
    return buffer.getvalue()


def jpeg_bytes(size=(20, 20), **save) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 200, 10)).save(buffer, format="JPEG", **save)
    return buffer.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that only announces its size: a few bytes that would decode to gigabytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def refused(content: bytes) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        sniff_content_type(content)
    return caught.value


# --- What is accepted ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(pdf_bytes(), PDF, id="pypdf-blank"),
        pytest.param(pdf_bytes(pages=3), PDF, id="pypdf-three-pages"),
        pytest.param(reportlab_pdf(), PDF, id="reportlab-image-links-bookmark"),
        pytest.param(one_page(b"/OpenAction [3 0 R /Fit]"), PDF, id="open-at-destination"),
        pytest.param(
            one_page(b"/OpenAction << /S /GoTo /D [3 0 R /Fit] >>"), PDF, id="open-with-goto"
        ),
        pytest.param(
            one_page(
                b"",
                b"/Annots [4 0 R]",
                b"<< /Type /Annot /Subtype /Link /Rect [0 0 99 20]"
                b" /A << /S /URI /URI (https://www.semarangkota.go.id/) >> >>",
            ),
            PDF,
            id="web-link",
        ),
        pytest.param(
            one_page(b"/OpenAction 4 0 R", b"", b"<< /S /GoTo /D [3 0 R /Fit] /Next 4 0 R >>"),
            PDF,
            id="action-that-points-at-itself",
        ),
        pytest.param(jpeg_bytes(), JPEG, id="jpeg"),
        pytest.param(jpeg_bytes((1600, 1200), quality=80), JPEG, id="jpeg-photo"),
        pytest.param(png_bytes(), PNG, id="png"),
        pytest.param(png_bytes(pnginfo=PngInfo()), PNG, id="png-with-info"),
    ],
)
def test_plain_documents_are_accepted(content, expected):
    assert sniff_content_type(content) == expected


def test_a_reportlab_pdf_keeps_its_web_link():
    """The link a real document carries is an ordinary /URI action, and it passes."""
    content = reportlab_pdf()
    assert b"/URI" in content
    assert sniff_content_type(content) == PDF


def test_a_large_ordinary_pdf_is_checked_quickly():
    """10 MB (a 9 MB scan and 400 pages of text) is accepted (its speed: docs/benchmarks.md)."""
    writer = PdfWriter()
    noise = random.Random(0).randbytes(9 * 1024 * 1024)  # deterministic: no flaky matches
    for number in range(400):
        page = writer.add_blank_page(width=595, height=842)
        text = b"BT /F1 10 Tf 40 800 Td (Halaman %d: teks biasa sebuah dokumen) Tj ET\n" % number
        page.replace_contents(_content_stream(text * 40))
    writer.pages[0].replace_contents(_content_stream(noise))
    content = _written(writer)
    assert len(content) > 10 * 1000 * 1000

    assert sniff_content_type(content) == PDF


def _content_stream(data: bytes):
    from pypdf.generic import DecodedStreamObject

    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream


# --- PDFs that can act on their own ----------------------------------------------------------


def _pdf_with_document_javascript() -> bytes:
    writer = _writer()
    writer.add_open_action(JavaScript("app.alert('halo');"))
    return _written(writer)


def _pdf_with_open_action_javascript() -> bytes:
    writer = _writer()
    action = _action("/JavaScript", JS=TextStringObject("app.alert('halo');"))
    writer.root_object[NameObject("/OpenAction")] = writer._add_object(action)
    return _written(writer)


def _pdf_with_launch() -> bytes:
    writer = _writer()
    writer.root_object[NameObject("/OpenAction")] = _action(
        "/Launch", F=TextStringObject("cmd.exe")
    )
    return _written(writer)


def _pdf_with_attachment() -> bytes:
    writer = _writer()
    writer.add_attachment("daftar.exe", b"MZ\x90\x00")
    return _written(writer)


def _pdf_with_page_open_javascript() -> bytes:
    writer = _writer()
    writer.pages[0].add_action(PageTrigger.OPEN, JavaScript("app.alert('halo');"))
    return _written(writer)


def _pdf_with_link_javascript() -> bytes:
    writer = _writer()
    link = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (0, 0, 99, 20)]),
            NameObject("/A"): _action("/JavaScript", JS=TextStringObject("app.alert(1)")),
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    return _written(writer)


ACTIVE_PDFS = [
    pytest.param(_pdf_with_document_javascript, id="names-tree-javascript"),
    pytest.param(_pdf_with_open_action_javascript, id="open-action-javascript"),
    pytest.param(_pdf_with_launch, id="launch"),
    pytest.param(_pdf_with_attachment, id="embedded-file"),
    pytest.param(_pdf_with_page_open_javascript, id="page-aa-javascript"),
    pytest.param(_pdf_with_link_javascript, id="link-annotation-javascript"),
    pytest.param(
        lambda: one_page(b"/OpenAction 4 0 R", b"", b"<< /S /JavaScript /JS 5 0 R >>", b"(x)"),
        id="javascript-in-its-own-object",
    ),
    pytest.param(
        lambda: one_page(b"/OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>"),
        id="name-escapes",
    ),
    pytest.param(
        lambda: one_page(b"/AA << /WC << /S /JavaScript /JS (app.alert(1)) >> >>"),
        id="catalog-aa",
    ),
    pytest.param(
        lambda: one_page(
            b"/AcroForm << /Fields [4 0 R] >>",
            b"",
            b"<< /FT /Tx /T (nama) /AA << /K << /S /JavaScript /JS (event.rc=1) >> >> >>",
        ),
        id="form-field-aa",
    ),
    pytest.param(
        lambda: one_page(
            b"/Names << /JavaScript << /Names [(a) << /S /JavaScript /JS (x) >>] >> >>"
        ),
        id="hand-made-names-tree",
    ),
    pytest.param(
        lambda: one_page(
            b"/OpenAction << /S /GoTo /D [3 0 R /Fit] /Next << /S /JavaScript /JS (x) >> >>"
        ),
        id="javascript-chained-after-goto",
    ),
    pytest.param(
        lambda: one_page(
            b"",
            b"/Annots [4 0 R]",
            b"<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 9 9] /FS 5 0 R >>",
            b"<< /Type /Filespec /F (a.exe) >>",
        ),
        id="file-attachment-annotation",
    ),
    pytest.param(
        lambda: one_page(
            b"", b"/Annots [4 0 R]", b"<< /Type /Annot /Subtype /RichMedia /Rect [0 0 9 9] >>"
        ),
        id="rich-media",
    ),
    pytest.param(
        lambda: one_page(b"/AcroForm << /Fields [] /XFA 4 0 R >>", b"", b"(<xdp:xdp/>)"),
        id="xfa-form",
    ),
    pytest.param(
        lambda: one_page(
            b"",
            b"/Annots [4 0 R]",
            b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9]"
            b" /A << /S /SubmitForm /F << /FS /URL /F (https://contoh.id/) >> >> >>",
        ),
        id="submit-form",
    ),
    pytest.param(
        lambda: one_page(b"/OpenAction << /S /ImportData /F (data.fdf) >>"), id="import-data"
    ),
    pytest.param(
        lambda: one_page(b"/OpenAction << /S /GoToE /T << /R /C /N (a) >> >>"), id="goto-e"
    ),
    pytest.param(
        lambda: object_stream_pdf(b"<< /S /JavaScript /JS (app.alert(1)) >>"),
        id="javascript-in-compressed-object-stream",
    ),
    pytest.param(
        lambda: one_page(b"", b"", b"<< /S /J#61vaScript /JS (app.alert(1)) >>", listed=3),
        id="object-outside-the-cross-reference",
    ),
]


@pytest.mark.parametrize("make", ACTIVE_PDFS)
def test_pdfs_with_active_content_are_refused(make):
    error = refused(make())
    assert error.code == "active_content"
    assert "memuat skrip, tindakan otomatis atau lampiran" in error.text
    assert "tidak diterima demi keamanan" in error.text


def test_javascript_packed_in_an_object_stream_is_found_by_reading_the_objects():
    """Nothing readable in the raw bytes: only resolving the object stream finds the script."""
    content = object_stream_pdf(b"<< /S /JavaScript /JS (app.alert(1)) >>")
    assert b"JavaScript" not in content
    assert refused(content).code == "active_content"
    # The same file with a harmless action passes, so it is the script that is refused.
    assert sniff_content_type(object_stream_pdf(b"<< /S /GoTo /D [3 0 R /Fit] >>")) == PDF


@pytest.mark.parametrize(
    "make", [case for case in ACTIVE_PDFS if case.id != "object-outside-the-cross-reference"]
)
def test_the_walk_over_pypdf_objects_refuses_them_on_its_own(make, monkeypatch):
    """Each check stands on its own: with the raw byte search switched off, walking every object
    pypdf resolves still finds the script, action or attachment (escaped names included)."""
    monkeypatch.setattr(uploads, "_has_active_names", lambda data, **kwargs: False)
    assert refused(make()).code == "active_content"


@pytest.mark.parametrize(
    "make", [case for case in ACTIVE_PDFS if case.id != "javascript-in-compressed-object-stream"]
)
def test_the_raw_byte_search_refuses_them_on_its_own(make, monkeypatch):
    """And the other way round: the search of the raw bytes alone refuses every uncompressed
    case, also an object that pypdf never reads because the cross-reference leaves it out."""
    monkeypatch.setattr(uploads, "_walk_pdf", lambda objects: None)
    assert refused(make()).code == "active_content"


def test_html_hidden_in_a_pdf_is_refused():
    content = pdf_bytes() + b"%< script>alert(document.cookie)</script>\n"
    error = refused(content)
    assert error.code == "active_content"
    assert error.text.startswith("Berkas PDF ini memuat kode halaman web (HTML)")


# --- Damaged, locked or hostile PDFs ---------------------------------------------------------


def test_an_encrypted_pdf_is_refused():
    writer = _writer()
    writer.encrypt("rahasia")
    error = refused(_written(writer))
    assert error.code == "corrupt"
    assert "terkunci sandi" in error.text


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"%PDF-1.7\nini bukan PDF sungguhan", id="garbage"),
        pytest.param(pdf_bytes()[:60], id="truncated"),
        pytest.param(
            raw_pdf(b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"),
            id="no-pages",
        ),
    ],
)
def test_a_damaged_pdf_is_refused(content):
    error = refused(content)
    assert error.code == "corrupt"
    assert "Berkas PDF rusak, tidak dapat dibuka" in error.text


def test_a_pdf_nested_too_deep_is_refused():
    content = one_page(b"/Nest " + b"[" * 300 + b"]" * 300)
    error = refused(content)
    assert error.code == "corrupt"
    assert "terlalu rumit untuk diperiksa" in error.text


def test_a_pdf_with_too_many_objects_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_PDF_OBJECTS", 5)
    error = refused(one_page(b"", b"", *([b"<< /Padding true >>"] * 10)))
    assert error.code == "corrupt"
    assert "terlalu rumit untuk diperiksa" in error.text


# --- Images ----------------------------------------------------------------------------------


def test_a_png_with_a_script_in_a_text_chunk_is_refused():
    info = PngInfo()
    info.add_text("Comment", "<script>alert(document.cookie)</script>")
    error = refused(png_bytes(pnginfo=info))
    assert error.code == "active_content"
    assert error.text.startswith("Berkas PNG ini memuat kode halaman web (HTML)")


def test_a_jpeg_with_html_in_a_comment_segment_is_refused():
    content = jpeg_bytes(comment=b"<HTML><body onload=alert(1)>")
    assert re.search(rb"\xff\xfe..<HTML>", content, re.S)  # the COM segment
    error = refused(content)
    assert error.code == "active_content"
    assert error.text.startswith("Berkas JPEG ini memuat kode halaman web (HTML)")


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(png_header_only(15_000, 15_000), id="bomb-error"),
        pytest.param(png_header_only(10_000, 10_000), id="bomb-warning"),
        pytest.param(png_header_only(25_000, 10), id="side-over-20000"),
    ],
)
def test_an_image_too_big_to_decode_is_refused(content):
    assert len(content) < 200
    error = refused(content)
    assert error.code == "corrupt"
    assert "Gambar terlalu besar untuk diperiksa" in error.text


@pytest.mark.parametrize(
    ("content", "label"),
    [
        pytest.param(png_bytes()[:-30], "PNG", id="truncated-png"),
        pytest.param(png_header_only(0, 10), "PNG", id="png-without-width"),
        pytest.param(jpeg_bytes((200, 200))[:400], "JPEG", id="truncated-jpeg"),
        pytest.param(b"\xff\xd8\xff\xe0" + b"\x00" * 100, "JPEG", id="jpeg-magic-only"),
    ],
)
def test_a_damaged_image_is_refused(content, label):
    error = refused(content)
    assert error.code == "corrupt"
    assert error.text.startswith(f"Berkas {label} rusak, tidak dapat dibuka")


# --- Other kinds of file ---------------------------------------------------------------------


def test_svg_is_refused_with_its_own_code():
    content = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b"<script>alert(document.cookie)</script></svg>"
    )
    error = refused(content)
    assert error.code == "svg"
    assert error.text.startswith("Berkas SVG tidak diterima karena dapat memuat skrip")


@pytest.mark.parametrize(
    "content",
    [
        b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
        b"\xef\xbb\xbf  <HTML>\n<meta http-equiv='refresh' content='0;url=https://x'>",
        b"<iframe src='https://contoh.id'></iframe>",
    ],
)
def test_html_is_refused_with_its_own_code(content):
    error = refused(content)
    assert error.code == "html"
    assert error.text.startswith("Halaman web (HTML) tidak diterima")


@pytest.mark.parametrize(
    "content",
    [EXE_BYTES, b"Nama: Siti\nNIK: 3374\n", b"PK\x03\x04" + b"\x00" * 50, b"GIF89a" + b"\x00" * 20],
)
def test_an_unknown_type_is_refused(content):
    error = refused(content)
    assert error.code == "bad_type"
    assert error.text.startswith("Jenis berkas tidak diterima. Unggah PDF, JPEG atau PNG")


# --- check_upload ----------------------------------------------------------------------------


def test_check_upload_judges_the_content_not_the_browser_claim():
    content = pdf_bytes()
    upload = SimpleUploadedFile("Surat Lahir.PDF", content, content_type="image/png")

    checked = check_upload(upload, accepted=(PDF, JPEG), max_size=2 * 1024 * 1024)

    assert checked.content == content
    assert checked.content_type == PDF
    assert checked.size == len(content)
    assert checked.sha256 == hashlib.sha256(content).hexdigest()
    assert checked.original_name == "Surat Lahir.PDF"


def test_check_upload_reads_from_the_start_of_a_file_object():
    handle = io.BytesIO(png_bytes())
    handle.seek(0, io.SEEK_END)
    checked = check_upload(handle, accepted=(PNG,), max_size=1024 * 1024, original_name="kk.png")
    assert checked.content_type == PNG
    assert checked.original_name == "kk.png"


def test_check_upload_refuses_an_empty_file():
    with pytest.raises(InvalidInput) as caught:
        check_upload(SimpleUploadedFile("kosong.pdf", b""), accepted=(PDF,), max_size=1024)
    assert caught.value.code == "empty"
    assert caught.value.text.startswith("Berkas kosong.")


def test_check_upload_refuses_a_file_over_the_limit_with_the_limit_in_mb():
    limit = 2 * 1024 * 1024
    with pytest.raises(InvalidInput) as caught:
        check_upload(b"%PDF-" + b"0" * limit, accepted=(PDF,), max_size=limit)
    assert caught.value.code == "too_large"
    assert caught.value.text == "Berkas terlalu besar: paling besar 2,0 MB."


def test_check_upload_accepts_a_file_exactly_at_the_limit():
    content = png_bytes()
    checked = check_upload(content, accepted=(PNG,), max_size=len(content))
    assert checked.size == len(content)


def test_check_upload_refuses_a_type_the_requirement_does_not_take():
    with pytest.raises(InvalidInput) as caught:
        check_upload(png_bytes(), accepted=(PDF, JPEG), max_size=1024 * 1024)
    assert caught.value.code == "bad_type"
    assert caught.value.text == "Persyaratan ini hanya menerima berkas PDF, JPEG."


def test_check_upload_passes_on_the_content_refusal():
    with pytest.raises(InvalidInput) as caught:
        check_upload(_pdf_with_launch(), accepted=(PDF,), max_size=1024 * 1024)
    assert caught.value.code == "active_content"


@pytest.mark.parametrize(
    ("given", "content_type", "expected"),
    [
        ("../../etc/passwd", PDF, "passwd.pdf"),
        ("C:\\Users\\warga\\Dokumen\\ktp.pdf", PDF, "ktp.pdf"),
        ("ktp\x00\r\n.PDF", PDF, "ktp.PDF"),
        ("foto.exe", JPEG, "foto.exe.jpg"),
        ("kk.jpeg", JPEG, "kk.jpeg"),
        ("tagihan\u202efdp.exe", PDF, "tagihanfdp.exe.pdf"),
        ("Akta – Siti\u00a0Nurhaliza.pdf", PDF, "Akta – Siti Nurhaliza.pdf"),
        ("", PNG, "berkas.png"),
        ("...", PNG, "berkas.png"),
        ("a" * 300 + ".pdf", PDF, "a" * 196 + ".pdf"),
    ],
)
def test_the_original_name_is_made_safe(given, content_type, expected):
    assert uploads.safe_original_name(given, content_type=content_type) == expected


def test_check_upload_takes_the_name_from_the_upload():
    upload = SimpleUploadedFile("../rahasia/KK Keluarga.png", png_bytes())
    assert check_upload(upload, accepted=(PNG,), max_size=10**6).original_name == "KK Keluarga.png"


def test_the_default_name_is_berkas():
    checked = check_upload(pdf_bytes(), accepted=(PDF,), max_size=10**6)
    assert checked.original_name == "berkas.pdf"


# --- read_limited ----------------------------------------------------------------------------


class EndlessUpload:
    """A file that never ends, counting what was read from it (think of a 1 GB upload)."""

    def __init__(self):
        self.read_sizes: list[int] = []

    def seekable(self):
        return False

    def read(self, size=-1):
        assert size > 0, "read_limited must never read everything"
        self.read_sizes.append(size)
        return b"\x00" * size


def test_read_limited_stops_after_one_byte_over_the_limit():
    upload = EndlessUpload()
    content = read_limited(upload, limit=1_000_000)
    assert len(content) == 1_000_001
    assert sum(upload.read_sizes) == 1_000_001
    assert max(upload.read_sizes) <= uploads.CHUNK_SIZE


@pytest.mark.parametrize(
    "make",
    [
        lambda data: data,
        lambda data: bytearray(data),
        io.BytesIO,
        lambda data: SimpleUploadedFile("a.pdf", data),
    ],
    ids=["bytes", "bytearray", "file-object", "uploaded-file"],
)
def test_read_limited_reads_any_kind_of_upload(make):
    data = bytes(range(256)) * 10
    assert read_limited(make(data), limit=10_000) == data
    assert read_limited(make(data), limit=100) == data[:101]
