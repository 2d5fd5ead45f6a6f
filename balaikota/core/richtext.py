"""Rich text people write in the browser (lessons, letter bodies): stored as HTML cleaned by
nh3 (the Ammonia allow-list sanitiser) when it is saved, so a page may print it with ``|safe``.

Why nh3: it parses HTML as a browser does (html5ever), keeps only the tags and attributes
listed here, and drops scripts, event handlers, ``style`` and ``javascript:`` links — a hand
written filter of regular expressions would not. Clean on every write (services call
``sanitize``), never on display only.
"""

from __future__ import annotations

import html as html_lib
import re

import nh3

#: what a body may hold: paragraphs, headings, lists, emphasis, simple tables, quotations, links
ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "h2",
        "h3",
        "h4",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "s",
        "sub",
        "sup",
        "ul",
        "ol",
        "li",
        "blockquote",
        "code",
        "pre",
        "hr",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "caption",
        "a",
        "figure",
        "figcaption",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "ol": {"start", "type"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})

_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|h[2-4]|li|tr|blockquote|pre|figcaption|caption)>|<br\s*/?>", re.I)
_SPACE = re.compile(r"[ \t\r\f\v]+")


def sanitize(value: str | None) -> str:
    """``value`` with everything outside the allow-list removed (links get
    ``rel="noopener noreferrer nofollow"``); "" for nothing."""
    if not value:
        return ""
    cleaned = nh3.clean(
        str(value),
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return cleaned.strip()


def plain_text(value: str | None) -> str:
    """The words of a rich text, one line per block (for search, previews and e-mails)."""
    if not value:
        return ""
    text = _BLOCK_END.sub("\n", str(value))
    text = html_lib.unescape(_TAG.sub("", text))
    lines = (_SPACE.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def is_blank(value: str | None) -> bool:
    """Whether a rich text says nothing (an editor's empty ``<p><br></p>``)."""
    return not plain_text(sanitize(value)).strip()
