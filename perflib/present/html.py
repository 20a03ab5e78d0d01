"""What every page perflib writes shares: escaping, the finished-HTML string, the page style sheet
and the slot the page font is filled into."""
from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from html import escape

from ..config import PAGE_CSS
from ..labels import RATING_RANK

FONT_SLOT = "/* perflib-font */"  # replaced by the page's own font subset (webfont.fill_font_slot)

# Sorting a table.sortable by a click on its header: the script only reorders rows by each cell's
# data-v (no markup is built from text). Index pages and portfolios carry it; report pages carry none.
SORT_SCRIPT = """\
document.querySelectorAll("table.sortable").forEach(function (table) {
  var heads = table.tHead.rows[0].cells, body = table.tBodies[0];
  Array.prototype.forEach.call(heads, function (th, i) {
    if (th.classList.contains("nosort")) return;  // links, say: nothing to order by
    var button = document.createElement("button");
    button.type = "button";
    th.setAttribute("data-label", th.textContent);  // printed instead: see page.css
    while (th.firstChild) button.appendChild(th.firstChild);
    th.appendChild(button);
    th.addEventListener("click", function () {  // the whole header cell, button included
      var asc = th.getAttribute("aria-sort") !== "ascending", num = th.classList.contains("num");
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[i].getAttribute("data-v"), y = b.cells[i].getAttribute("data-v");
        if (x === y) return 0;
        if (x === "") return 1;
        if (y === "") return -1;
        var d = num ? Number(x) - Number(y) : x.localeCompare(y, "zh-CN");
        return asc ? d : -d;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});
"""


def csp(script: str | None = None) -> str:
    """A page's Content-Security-Policy: nothing fetched, inline style, fonts and images as data:, and
    no script but `script` (allowed by its hash), so even a report name that slipped past escaping
    could not run code."""
    allowed = (f"'sha256-{base64.b64encode(hashlib.sha256(script.encode('utf-8')).digest()).decode('ascii')}'"
               if script else "'none'")
    return f"default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; script-src {allowed}"


def sort_value(value, kind: str = "text") -> str:
    """What a cell of a sortable table sorts by (its data-v): a figure as a plain number, a rating by
    its rank (优 before 良, not by sound), text as itself, a missing value as "" (always last)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if kind == "text":
        text = str(value)
        return f"{RATING_RANK[text]}{text}" if text in RATING_RANK else text
    return str(value)


class Html(str):
    """A string of finished HTML that Jupyter displays as HTML."""

    def _repr_html_(self) -> str:
        return cells_aligned(str(self))


class PageHead(Html):
    """A page's header: its display also names the page for the template (output metadata
    perflib.title, perflib.version and perflib.csp, the policy of a page without script), so a
    notebook exported by hand (`jupyter nbconvert --template perflib`) is titled, versioned and
    guarded as perflib's renderer does it, not titled by the notebook's file name."""

    title: str

    def __new__(cls, html: str, title: str) -> "PageHead":
        head = super().__new__(cls, html)
        head.title = title
        return head

    def _repr_mimebundle_(self, include=None, exclude=None) -> tuple[dict, dict]:
        from .. import __version__
        return {"text/html": self._repr_html_()}, {"perflib": {"title": self.title, "version": __version__,
                                                                "csp": csp()}}


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
