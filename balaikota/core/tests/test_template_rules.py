"""Rules every template keeps, read from the template files themselves."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]  # balaikota/
TEMPLATES = sorted(PACKAGE.glob("**/templates/**/*.html"))
SCROLLER = re.compile(r"<div\b[^>]*\bclass=\"[^\"]*\btable-responsive\b[^\"]*\"[^>]*>")


def test_the_templates_are_found():
    assert len(TEMPLATES) > 100


def test_a_table_that_scrolls_sideways_can_be_scrolled_with_the_keyboard():
    """On a 360-px phone a wide table scrolls inside its wrapper; someone without a mouse must
    be able to focus it, and a screen reader must hear what it is (axe's
    scrollable-region-focusable, which fires only when this data happens to be wide)."""
    missing = [
        f"{path.relative_to(PACKAGE)}: {tag}"
        for path in TEMPLATES
        for tag in SCROLLER.findall(path.read_text(encoding="utf-8"))
        if 'tabindex="0"' not in tag or 'role="region"' not in tag or "aria-label=" not in tag
    ]
    assert missing == []
