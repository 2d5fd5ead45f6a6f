"""Rich text is cleaned on save: what a person could use to attack a reader never survives."""

import pytest

from balaikota.core.richtext import is_blank, plain_text, sanitize


@pytest.mark.parametrize(
    "dirty",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">klik</a>',
        '<p onclick="alert(1)" style="background:url(javascript:alert(1))">teks</p>',
        "<iframe src='https://example.org'></iframe>",
        "<svg><script>alert(1)</script></svg>",
        "<!-- komentar --><p>teks</p>",
        "<form action='/x'><input name=a></form>",
    ],
)
def test_active_content_is_removed(dirty):
    clean = sanitize(dirty)
    for needle in (
        "script",
        "onerror",
        "onclick",
        "javascript:",
        "iframe",
        "style",
        "<!--",
        "form",
    ):
        assert needle not in clean.lower()


def test_ordinary_formatting_is_kept():
    body = (
        "<h2>Langkah 1</h2><p>Buka <strong>Surat</strong> → <em>Buat</em>.</p>"
        "<ol><li>Isi hal</li><li>Pilih tujuan</li></ol>"
        '<table><tr><th scope="col">Kolom</th></tr><tr><td colspan="2">isi</td></tr></table>'
    )
    clean = sanitize(body)
    assert "<h2>Langkah 1</h2>" in clean
    assert "<strong>Surat</strong>" in clean and "<ol><li>Isi hal</li>" in clean
    assert 'scope="col"' in clean and 'colspan="2"' in clean


def test_links_keep_their_address_and_never_pass_the_referrer():
    clean = sanitize('<a href="https://jdih.semarangkota.go.id/" target="_blank">JDIH</a>')
    assert 'href="https://jdih.semarangkota.go.id/"' in clean
    assert 'rel="noopener noreferrer nofollow"' in clean
    assert "target" not in clean


def test_plain_text_gives_one_line_per_block():
    assert plain_text("<p>Satu &amp; dua</p><ul><li>tiga</li><li>empat</li></ul>") == (
        "Satu & dua\ntiga\nempat"
    )


@pytest.mark.parametrize("empty", [None, "", "<p><br></p>", "<p> </p>", "<script>x</script>"])
def test_an_editor_s_empty_paragraph_is_blank(empty):
    assert is_blank(empty)
    assert not is_blank("<p>isi</p>")
