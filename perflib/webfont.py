"""The page's own Chinese font: a subset of Noto Sans CJK SC with exactly the
characters the page uses, inlined as WOFF2. The HTML then shows real glyphs
on any machine, offline, CJK fonts installed or not, for ~100–200 KB.
"""
from __future__ import annotations

import base64
import io
import re

from fontTools import subset
from fontTools.ttLib import TTFont

from .charts import cjk_font_path

FAMILY = "perflib CJK"
_TAGS = re.compile(r"<[^>]*>|data:[^\"')]+")


def visible_chars(html: str) -> str:
    """Characters a reader can see: markup and embedded images excluded (entities kept simple)."""
    text = _TAGS.sub("", html)
    return "".join(sorted(set(text) | set("0123456789.,%+-—–…（）：；，。、“”‘’《》")))


def subset_woff2(chars: str) -> bytes:
    opts = subset.Options()
    opts.flavor = "woff2"
    opts.layout_features = ["*"]
    opts.hinting = False  # CFF hints add size and do nothing on modern rasterizers
    opts.notdef_outline = True
    font = TTFont(cjk_font_path(), lazy=True, recalcTimestamp=False)  # same page, same bytes: no "modified" stamp
    sub = subset.Subsetter(opts)
    sub.populate(text=chars)
    sub.subset(font)
    buf = io.BytesIO()
    font.flavor = "woff2"
    font.save(buf)
    return buf.getvalue()


def font_face_css(html: str) -> str:
    """An @font-face rule whose font covers every character of `html`."""
    data = base64.b64encode(subset_woff2(visible_chars(html))).decode("ascii")
    return (f'@font-face {{ font-family: "{FAMILY}"; font-style: normal; font-weight: 400 700; '
            f'src: url(data:font/woff2;base64,{data}) format("woff2"); }}')
