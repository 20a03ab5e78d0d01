"""What every page perflib writes shares: escaping, the finished-HTML string, the page style sheet
and the slot the page font is filled into."""
from __future__ import annotations

from functools import lru_cache
from html import escape

from ..config import ASSETS_DIR

FONT_SLOT = "/* perflib-font */"  # replaced by the page's own font subset (webfont.fill_font_slot)


class Html(str):
    """A string of finished HTML that Jupyter displays as HTML."""

    def _repr_html_(self) -> str:
        return str(self)


def esc(text: object) -> str:
    """Untrusted text (anything from a report) as HTML text or attribute value."""
    return escape(str(text), quote=True)


@lru_cache(maxsize=1)
def page_css() -> str:
    return (ASSETS_DIR / "page.css").read_text(encoding="utf-8")
