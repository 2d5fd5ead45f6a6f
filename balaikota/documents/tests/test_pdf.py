import datetime as dt

from pypdf import PdfReader

from balaikota.documents.pdf import OfficialDocument, build_official_pdf, format_date_id, qr_png


def test_qr_png_is_a_png():
    assert qr_png("https://balaikota.example.id/verifikasi/ABCDEFGHJKMN/").startswith(b"\x89PNG")


def test_format_date_id():
    assert format_date_id(dt.date(2026, 11, 28)) == "28 November 2026"


def test_builder_embeds_its_font_and_escapes_text(tmp_path):
    pdf = build_official_pdf(
        OfficialDocument(
            title="Surat <Uji> & Coba",
            number="027/123/DISKOMINFO/2026",
            rows=[("Alamat", "Jl. Pemuda No. 148, Sekayu, Semarang Tengah")],
            verification_url="https://balaikota.example.id/verifikasi/ABCDEFGHJKMN/",
        )
    )
    reader = PdfReader(__import__("io").BytesIO(pdf))
    text = reader.pages[0].extract_text()
    assert "SURAT <UJI> & COBA" in text
    assert "ABCD-EFGH-JKMN" in text
    fonts = [f.get_object() for f in reader.pages[0]["/Resources"]["/Font"].values()]
    embedded = [f for f in fonts if "Vera" in str(f["/BaseFont"])]
    assert embedded
