"""The page's own Chinese font: a subset of Noto Sans CJK SC with exactly the
characters the page uses (its charts' text included: charts are SVG with text as
text), inlined as WOFF2. The HTML then shows real glyphs on any machine, offline,
CJK fonts installed or not, for ~60–130 KB.

Speed (this runs once per page, hundreds of times per batch):
- Each page's subset is cut by HarfBuzz's subsetter (hb-subset, through the
  uharfbuzz binding): a few milliseconds, where fontTools' pure-Python
  subsetter took ~0.25 s re-running and re-compiling every glyph program.
- It is cut from a *base font* built once per machine with fontTools — GB2312
  (the 6,763 everyday hanzi) plus Latin, punctuation and symbols, hints and
  subroutines already removed — and kept in the user cache dir (~10 s, once).
  A page with a character the base lacks but the full font has is cut from
  the full 16 MB font instead: slower, never uncovered.
- The font's `modified` stamp is the source font's, not now: the same page
  always gets the same bytes.
- Brotli runs at quality 5 (~2 ms, ~3 % larger than quality 9's ~45 ms); when
  the page would then exceed its size budget, the font is recompressed at 11.
"""
from __future__ import annotations

import base64
import importlib.util
import io
import os
import re
import threading
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import brotli
import fontTools
from filelock import FileLock
from fontTools.ttLib import TTFont
from fontTools.ttLib import woff2 as _woff2

from .. import config

if TYPE_CHECKING:  # fontTools' subsetter only builds the base font, once per machine: imported there
    from fontTools import subset

FONT_FILE = "NotoSansCJKsc-Regular.otf"  # the font perflib.present.charts draws with (a test checks they agree)
FAMILY = "perflib CJK"
PAGE_BUDGET = 390 * 1024  # bytes; pages must stay < 400 KB
FAST_QUALITY, SMALL_QUALITY = 5, 11
BASE_VERSION = 2  # bump when the base font's recipe changes
# Horizontal Simplified Chinese needs no OpenType layout (the font's default glyphs are the SC ones)
# nor vertical metrics: dropping them halves the font and the time to cut it.
DROPPED_TABLES = ("GSUB", "GPOS", "GDEF", "BASE", "vhea", "vmtx", "VORG")
_TAGS = re.compile(r"<[^>]*>|data:[^\"')]+")


@lru_cache(maxsize=1)
def cjk_font_path() -> str:
    """The full font, found without importing mplfonts (which imports matplotlib: 0.3 s a renderer
    process does not otherwise need)."""
    spec = importlib.util.find_spec("mplfonts")
    return str(Path(spec.submodule_search_locations[0]) / "fonts" / FONT_FILE)


def visible_chars(html: str) -> str:
    """Characters a reader can see: markup and embedded images excluded (entities kept simple)."""
    text = _TAGS.sub("", html)
    return "".join(sorted(set(text) | set("0123456789.,%+-—–…（）：；，。、“”‘’《》")))


# ---- the cached base font -------------------------------------------------------------------

def _gb2312() -> set[int]:
    out = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.add(ord(bytes((hi, lo)).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return out


def base_unicodes() -> set[int]:
    """What the base font is cut to: GB2312, everything below U+3040 (Latin, symbols, CJK punctuation), fullwidth forms."""
    extra = set(range(0x3040)) | set(range(0xFF00, 0xFFF0))
    return _gb2312() | extra


def _base_name(source: str) -> str:
    st = os.stat(source)
    return f"base-v{BASE_VERSION}-ft{fontTools.version}-{Path(source).stem}-{st.st_size}.otf"


def build_base_font(source: str, unicodes: set[int]) -> bytes:
    """The source font cut to `unicodes`, hints and subroutines removed (the slow part, done once)."""
    opts = _options()
    opts.hinting = False
    opts.desubroutinize = True
    opts.name_IDs = ["*"]  # keep the licence and names as in the source
    opts.name_languages = ["*"]
    return _cut(TTFont(source, lazy=True, recalcBBoxes=False, recalcTimestamp=False), opts, unicodes)


def _cut(font: TTFont, opts: subset.Options, unicodes) -> bytes:
    """`font` reduced to `unicodes`, as SFNT bytes."""
    from fontTools import subset

    sub = subset.Subsetter(opts)
    sub.populate(unicodes=unicodes)
    sub.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


@lru_cache(maxsize=1)
def base_font() -> bytes:
    """The base font's bytes: read from the cache, or built and cached (one builder at a time)."""
    source = cjk_font_path()
    path = config.cache_dir() / _base_name(source)
    data = _read_font(path)
    if data is not None:
        return data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(path.parent / ".base.lock"):  # a parallel batch builds it once, not once per worker
            data = _read_font(path)
            if data is None:
                data = build_base_font(source, base_unicodes())
                from ..run.outfiles import write_atomic

                write_atomic(path, data)
            return data
    except OSError:  # no writable cache: build it for this process only
        return build_base_font(source, base_unicodes())


def _read_font(path: Path) -> bytes | None:
    """The cached font, or None when absent or unreadable as a font (then it is rebuilt)."""
    try:
        data = path.read_bytes()
        TTFont(io.BytesIO(data), lazy=True)["cmap"]
        return data
    except Exception:
        return None


@lru_cache(maxsize=1)
def _base_cmap() -> frozenset[int]:
    return frozenset(_hb_face(base_font()).unicodes)


@lru_cache(maxsize=1)
def _full_cmap() -> frozenset[int]:
    return frozenset(_hb_face(cjk_font_path()).unicodes)


@lru_cache(maxsize=2)
def _hb_face(font: bytes | str):
    """A HarfBuzz face of the font's bytes, or of the font file at that path (mapped, not read)."""
    import uharfbuzz as hb

    return hb.Face(hb.Blob(font) if isinstance(font, bytes) else hb.Blob.from_file_path(font))


def prepare() -> None:
    """Load (or build) the base font and the coverage tables now rather than at the first page."""
    _base_cmap()
    _full_cmap()


# ---- the per-page subset ---------------------------------------------------------------------

def _options() -> subset.Options:
    from fontTools import subset

    opts = subset.Options()
    opts.notdef_outline = True
    opts.hinting = False  # CFF hints add size and do nothing on modern rasterizers
    opts.layout_features = []
    opts.drop_tables += list(DROPPED_TABLES)
    return opts


def subset_sfnt(chars: str) -> bytes:
    """An OTF with the glyphs for `chars`, cut from the base font when it covers them."""
    wanted = {ord(c) for c in chars}
    missing = wanted - _base_cmap()
    from_base = not (missing & _full_cmap()) if missing else True
    return hb_subset(_hb_face(base_font() if from_base else cjk_font_path()), wanted)


def hb_subset(face, unicodes: set[int]) -> bytes:
    """`face` cut to `unicodes` by hb-subset: no hints, .notdef drawn (a box, not nothing), no
    layout or vertical tables; name IDs 0–6 as fontTools' subsetter kept."""
    import uharfbuzz as hb

    inp = hb.SubsetInput()
    inp.unicode_set.update(unicodes)
    inp.flags = hb.SubsetFlags.NO_HINTING | hb.SubsetFlags.NOTDEF_OUTLINE
    inp.drop_table_tag_set.update(int.from_bytes(tag.encode("ascii"), "big") for tag in DROPPED_TABLES)
    return hb.subset(face, inp).blob.data


_BROTLI_LOCK = threading.Lock()


class _BrotliAt:
    """fontTools' WOFF2 writer calls brotli.compress() at quality 11 with no way to choose."""

    def __init__(self, quality: int):
        self.quality = quality

    def compress(self, data, mode=brotli.MODE_GENERIC, **kw):
        return brotli.compress(data, mode=mode, quality=self.quality)

    def __getattr__(self, name):
        return getattr(brotli, name)


@contextmanager
def _brotli_quality(quality: int):
    with _BROTLI_LOCK:
        saved, _woff2.brotli = _woff2.brotli, _BrotliAt(quality)
        try:
            yield
        finally:
            _woff2.brotli = saved


def to_woff2(sfnt: bytes, quality: int = FAST_QUALITY) -> bytes:
    font = TTFont(io.BytesIO(sfnt), lazy=True, recalcBBoxes=False, recalcTimestamp=False)
    font.flavor = "woff2"
    buf = io.BytesIO()
    with _brotli_quality(quality):
        font.save(buf)
    return buf.getvalue()


def subset_woff2(chars: str, quality: int = FAST_QUALITY) -> bytes:
    return to_woff2(subset_sfnt(chars), quality)


def _rule(woff2: bytes) -> str:
    data = base64.b64encode(woff2).decode("ascii")
    return (f'@font-face {{ font-family: "{FAMILY}"; font-style: normal; font-weight: 400; '
            f'src: url(data:font/woff2;base64,{data}) format("woff2"); }}')


def fill_font_slot(html: str, slot: str) -> str:
    """Put the page's font where `slot` stands: made last, from the finished page's characters."""
    return html.replace(slot, font_face_css(html), 1)


def font_face_css(html: str) -> str:
    """An @font-face rule whose font covers every character of `html`."""
    sfnt = subset_sfnt(visible_chars(html))
    rule = _rule(to_woff2(sfnt, FAST_QUALITY))
    if len(html.encode("utf-8")) + len(rule) > PAGE_BUDGET:  # a long report: spend the time on size
        rule = _rule(to_woff2(sfnt, SMALL_QUALITY))
    return rule
