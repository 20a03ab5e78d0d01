"""What every page perflib writes shares: escaping, the finished-HTML string, the page style sheet
and the slot the page font is filled into."""
from __future__ import annotations

import re
from functools import lru_cache
from html import escape

from ..config import PAGE_CSS

FONT_SLOT = "/* perflib-font */"  # replaced by the page's own font subset (webfont.fill_font_slot)


class Html(str):
    """A string of finished HTML that Jupyter displays as HTML."""

    def _repr_html_(self) -> str:
        return cells_aligned(str(self))


_CELL = re.compile(r"<(td|th)(\s[^>]*)?>")
_CLASS = re.compile(r'\sclass="([^"]*)"')
_RIGHT = {"num", "val"}  # figures, and an indicator's target / actual


def cells_aligned(html: str) -> str:
    """Every table cell says its alignment itself: text left, figures right, as the page's CSS does.

    JupyterLab right-aligns every cell of an output, and its sanitizer (an executed notebook opened
    in Lab is untrusted) drops a <style> element but keeps a style attribute."""
    def one(m: re.Match) -> str:
        tag, attrs = m.group(1), m.group(2) or ""
        if "style=" in attrs:
            return m.group(0)
        cls = _CLASS.search(attrs)
        right = cls is not None and bool(_RIGHT & set(cls.group(1).split()))
        return f'<{tag}{attrs} style="text-align:{"right" if right else "left"}">'

    return _CELL.sub(one, html)


def esc(text: object) -> str:
    """Untrusted text (anything from a report) as HTML text or attribute value."""
    return escape(str(text), quote=True)


@lru_cache(maxsize=1)
def page_css() -> str:
    return PAGE_CSS.read_text(encoding="utf-8")
