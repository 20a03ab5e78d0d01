"""OCR of scanned PDF pages: page images → Paragraph and Table blocks.

The one entry point a reader needs::

    from perflib.read.ocr import ocr_pdf_pages
    blocks_by_page = ocr_pdf_pages(data, [3, 4], sha256, name="report.pdf")

For each requested page (1-based) it returns the page's blocks in reading
order, every block located ``Location(page=n, ocr=True)`` (tables with
``table=None``: numbering tables across the document is the caller's job).

How a page is read
------------------
1. pdfium renders the page at ``dpi`` (200 by default) in colour (a poster-sized page at
   most MAX_PIXELS = 40 M pixels), and red ink — a unit's seal stamped over the last lines —
   is taken out by hue as the page turns grey (black and grey print stay, under the seal too).
2. Specks are removed (3×3 median: a lone dark pixel next to a figure reads as "-" or
   "."; a decimal point at 150+ dpi is several pixels wide and survives).
   Skew: the angle (within ±5°) that makes the rows of ink sharpest (the
   projection profile of a reduced binary image) is found and the page
   is rotated back, so lines of text and table rulings are level again.
3. Ruled tables: long horizontal and vertical strokes are kept by
   morphological opening; where both kinds meet in one connected frame,
   the frame is a table. Its rulings give the grid; a wall missing between two
   positions means one merged cell spans both. The rulings are then painted
   out of the image, so the recogniser never reads a "|" as "1".
4. RapidOCR (PP-OCRv4 det + rec, ONNX, models inside the wheel — nothing is
   downloaded) finds the text boxes of the whole page at once, on the page reduced
   to 1280 px (``$PERFLIB_OCR_DET_SIDE``), and reads each box from the full-size
   page, one crop at a time.
5. Boxes whose centre is inside a table go to their cell; a merged cell's
   text fills every grid position it covers. A box that straddles a column
   wall (two cells' texts read as one) is read again cell by cell, line by line.
   The table is ``Table(rows, header_rows=1, header_cols=1)``; its ``title`` is the
   paragraph just above it when that reads like a caption (表1 …, …表, 单位：万元),
   which also stays a paragraph.
6. The other boxes are grouped into lines (vertical overlap), sorted by x,
   and lines into paragraphs (a new paragraph at an indent, after a line that
   stops short of the right margin, or after a wider gap); text is joined
   without spaces between CJK characters. Paragraphs and tables are ordered by y.
   A number wrapped across two lines is glued again; the "." or "," at such a
   break, which the recogniser tends to drop at the edge of a box, is looked
   for again in the line's end and the next line's start read side by side.
7. Numbers: obvious OCR confusions *inside* a number are mended (``4，982.39``
   → ``4,982.39``, ``98。37%`` → ``98.37%``, ``O``/``l`` between digits), never
   a digit invented; CJK punctuation elsewhere is kept as read (fullwidth →
   ASCII is the normalize step's job).

Cache and speed
---------------
A page's blocks are kept as JSON in ``<cache>/ocr/`` (``$PERFLIB_CACHE_DIR``, else
``$XDG_CACHE_HOME/perflib``, else ``~/.cache/perflib``), keyed by the file's
sha256, the page, the dpi, the rapidocr version and this module's
``LAYOUT_VERSION``; written atomically (temp file + ``os.replace``). A cache hit
imports neither rapidocr nor pypdfium2 and loads no model: a re-read of an
unchanged scan costs a fraction of a millisecond. The engine (slow to load: ~0.3–1 s) is
created once per process on first need and reused; it runs on
``$PERFLIB_OCR_THREADS`` threads (default 1: batches run one process per core).

Errors
------
``UnreadableInput`` (exit 2), one sentence naming the file (the ``name`` argument):
more pages than ``$PERFLIB_MAX_OCR_PAGES`` (default 300); rapidocr not installed;
a PDF pdfium cannot open; a page that does not exist; nothing recognisable on any
of the requested pages. A page without text in an otherwise readable scan maps to [].

Also public: ``ocr_image(image, page)`` (one page image, uncached), ``get_engine()`` (with
``gate_ocr`` and ``release_engine``),
``ocr_threads()``, ``engine_version()``.
"""
from __future__ import annotations

import json
import os
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import config
from ..errors import UnreadableInput
from . import limits
from .document import Block, Location, Paragraph, Table

LAYOUT_VERSION = 2          # bump when the layout/normalisation below changes what a page yields
DEFAULT_DPI = 200
MAX_PIXELS = 40_000_000    # a page is rendered at most this big (A4 at 200 dpi: 3.9 M)
DET_SIDE = 1280            # longest side of the image text detection runs on
MAX_SKEW = 5.0              # degrees of rotation looked for

_ENGINE = None
_ENGINE_LOCK = threading.Lock()
_BEFORE_OCR = None  # gate_ocr's function, called as OCR begins


# ---- public ---------------------------------------------------------------------------------

def ocr_pdf_pages(data: bytes, pages: list[int], sha256: str, *, dpi: int = DEFAULT_DPI,
                  name: str = "the PDF") -> dict[int, list[Block]]:
    """Read the 1-based `pages` of the PDF `data` by OCR; {page: blocks in reading order}.

    `sha256` is the file's hash (the cache key); `name` is how error messages
    call the file (its path). A page with no text maps to []; when no page has
    any, or the OCR page limit is passed, or OCR is not installed, raises
    UnreadableInput.
    """
    pages = list(dict.fromkeys(pages))
    if not pages:
        return {}
    limits.check_ocr_pages(name, len(pages))
    out: dict[int, list[Block]] = {}
    missing = []
    for n in pages:
        cached = _cache_read(sha256, n, dpi)
        if cached is None:
            missing.append(n)
        else:
            out[n] = cached
    if missing:
        engine = get_engine(name)
        import pypdfium2 as pdfium

        try:
            pdf = pdfium.PdfDocument(data)
        except Exception as exc:  # pdfium's errors are not one class
            raise UnreadableInput(f"{name}: the PDF cannot be opened for OCR ({exc}).") from None
        try:
            for n in missing:
                if not 1 <= n <= len(pdf):
                    raise UnreadableInput(f"{name}: page {n} does not exist (the PDF has {len(pdf)}).")
                page = pdf[n - 1]
                w, h = page.get_size()  # points
                scale = min(dpi / 72, (MAX_PIXELS / max(1.0, w * h)) ** 0.5)  # a poster-sized page is read smaller
                image = page.render(scale=scale).to_pil()  # in colour: the seal is told apart by hue
                blocks = _read_image(engine, image, n, round(scale * 72))
                _cache_write(sha256, n, dpi, blocks)
                out[n] = blocks
        finally:
            pdf.close()
    if not any(out.get(n) for n in pages):
        where = f"page {pages[0]}" if len(pages) == 1 else f"pages {pages[0]}–{pages[-1]}"
        raise UnreadableInput(f"{name}: nothing recognisable on its scanned {where} "
                              f"(no text layer, and OCR found no text).")
    return {n: out[n] for n in pages}


def ocr_image(image, page: int, *, dpi: int = DEFAULT_DPI, name: str = "the image") -> list[Block]:
    """The blocks of one page image (PIL image or numpy array), uncached; see the module doc."""
    return _read_image(get_engine(name), image, page, dpi)


def gate_ocr(before) -> None:
    """Have `before()` called each time OCR begins (None: nothing is). A batch's reading worker
    waits there for the OCR slot it shares with the others (perflib.run.jobs.share_ocr_slot)."""
    global _BEFORE_OCR
    _BEFORE_OCR = before


def release_engine() -> bool:
    """Let go of the process's engine (True when there was one); the next scan makes it again."""
    global _ENGINE
    with _ENGINE_LOCK:
        had, _ENGINE = _ENGINE is not None, None
    return had


def get_engine(name: str = "the PDF"):
    """The process's RapidOCR engine, created on first use (about a second)."""
    global _ENGINE
    if _BEFORE_OCR is not None:
        _BEFORE_OCR()
    if _ENGINE is None:
        with _ENGINE_LOCK:
            if _ENGINE is None:
                _ENGINE = _new_engine(name)
    return _ENGINE


def ocr_threads() -> int:
    try:
        return max(1, int(os.environ.get("PERFLIB_OCR_THREADS", "1")))
    except ValueError:
        return 1


@lru_cache(maxsize=1)
def engine_version() -> str:
    """rapidocr's version (part of the cache key), read without importing it: from the name of
    its dist-info folder (importlib.metadata scans every installed package: 0.1 s)."""
    import importlib.util

    spec = importlib.util.find_spec("rapidocr_onnxruntime")
    if spec is None or not spec.submodule_search_locations:
        return "none"
    site = Path(list(spec.submodule_search_locations)[0]).parent
    for info in sorted(site.glob("rapidocr_onnxruntime-*.dist-info")):
        return info.name[len("rapidocr_onnxruntime-"):-len(".dist-info")]
    from importlib import metadata

    try:
        return metadata.version("rapidocr-onnxruntime")
    except metadata.PackageNotFoundError:
        return "none"


# ---- engine ---------------------------------------------------------------------------------

def _new_engine(name: str):
    try:
        import cv2
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        raise UnreadableInput(f"{name}: its pages are scanned images, and perflib cannot OCR here: "
                              "install rapidocr-onnxruntime (make setup).") from None
    threads = ocr_threads()
    cv2.setNumThreads(threads)
    # Recognition one crop at a time, padded to at least 160 px instead of 320: on one thread
    # this reads a page's crops in half the time of the default (batches of 6, padded to
    # 320 px and to the widest crop of the batch), with the same text.
    return RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=1, print_verbose=False,
                    rec_batch_num=1, rec_img_shape=[3, 48, 160])


# ---- cache ----------------------------------------------------------------------------------

def _cache_path(sha256: str, page: int, dpi: int) -> Path:
    key = f"{sha256}-p{page}-d{dpi}-rapidocr{engine_version()}-l{LAYOUT_VERSION}.json"
    return config.cache_dir() / "ocr" / key


def _cache_read(sha256: str, page: int, dpi: int) -> list[Block] | None:
    try:
        with open(_cache_path(sha256, page, dpi), encoding="utf-8") as fh:
            data = json.load(fh)
        return [_from_json(b, page) for b in data["blocks"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _cache_write(sha256: str, page: int, dpi: int, blocks: list[Block]) -> None:
    import tempfile

    path = _cache_path(sha256, page, dpi)
    payload = {"sha256": sha256, "page": page, "dpi": dpi, "engine": f"rapidocr {engine_version()}",
               "layout": LAYOUT_VERSION, "blocks": [_to_json(b) for b in blocks]}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(payload, fh, ensure_ascii=False)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass  # a read-only or full cache costs speed, never the result


def _to_json(b: Block) -> dict:
    if isinstance(b, Table):
        return {"table": b.rows, "title": b.title, "header_rows": b.header_rows,
                "header_cols": b.header_cols}
    return {"text": b.text}


def _from_json(d: dict, page: int) -> Block:
    if "table" in d:
        return Table(rows=[[str(c) for c in r] for r in d["table"]],
                     loc=Location(page=page, table=None, ocr=True), title=d.get("title"),
                     header_rows=int(d.get("header_rows", 1)), header_cols=int(d.get("header_cols", 1)))
    return Paragraph(text=str(d["text"]), loc=Location(page=page, ocr=True))


# ---- one page ---------------------------------------------------------------------------------

@dataclass
class _Box:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    score: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def h(self) -> float:
        return self.y1 - self.y0


@dataclass
class _Grid:
    """A ruled table found on the (deskewed) page: rulings and merged cells."""

    xs: list[int]
    ys: list[int]
    root: dict[tuple[int, int], tuple[int, int]]  # grid position → the top-left position of its cell

    @property
    def bbox(self) -> tuple[int, int, int, int]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def position(self, x: float, y: float) -> tuple[int, int] | None:
        import bisect

        if not (self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]):
            return None
        c = min(max(bisect.bisect_right(self.xs, x) - 1, 0), len(self.xs) - 2)
        r = min(max(bisect.bisect_right(self.ys, y) - 1, 0), len(self.ys) - 2)
        return r, c


def _read_image(engine, image, page: int, dpi: int) -> list[Block]:
    import cv2
    import numpy as np

    gray = _without_red_ink(image)
    gray = _deskew(cv2.medianBlur(gray, 3))  # specks of dust are read as "." or "-" otherwise
    ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    grids, rulings = _find_tables(ink, dpi)
    clean = gray.copy()
    if grids:
        clean[cv2.dilate(rulings, np.ones((5, 5), np.uint8)) > 0] = 255
    boxes = _recognise(engine, clean)
    tables: list[list[_Box]] = [[] for _ in grids]
    prose: list[_Box] = []
    for b in boxes:
        for i, g in enumerate(grids):
            if g.position(b.cx, b.cy) is not None:
                tables[i].append(b)
                break
        else:
            prose.append(b)
    placed: list[tuple[float, Block]] = []
    for g, tboxes in zip(grids, tables):
        rows = _fill_grid(engine, clean, g, tboxes)
        if any(any(c for c in r) for r in rows):
            placed.append((g.ys[0], Table(rows=rows, loc=Location(page=page, table=None, ocr=True),
                                          header_rows=1, header_cols=1)))
    for y, text in _paragraphs(prose, lambda last, first: _read_join(engine, clean, last, first)):
        placed.append((y, Paragraph(text=text, loc=Location(page=page, ocr=True))))
    placed.sort(key=lambda t: t[0])
    blocks = [b for _, b in placed]
    for prev, b in zip([None] + blocks[:-1], blocks):
        if isinstance(b, Table) and isinstance(prev, Paragraph) and _CAPTION.search(prev.text) \
                and len(prev.text) <= 60:
            b.title = prev.text  # the caption stays a paragraph too
    return blocks


# Red ink: OpenCV's hue runs 0–179, red wraps round 0; an unsaturated pixel (paper, black or
# grey print, a grey scan) has no hue to speak of.
RED_HUES = (15, 160)        # hue ≤ 15 or ≥ 160: red, from orange-red to magenta-red
RED_SATURATION = (30, 90)   # of 255: below the first not red at all, from the second fully red


def _without_red_ink(image):
    """The page in grey with its red ink taken out: a unit's seal (红章) stamped over the last
    lines, a red 印 or signature stamp. Told apart by hue: stamp ink over print darkens every
    channel of the print, so a red pixel's red channel is what the page would be without the
    ink, times the ink's own red (scaled back so that ink on bare paper turns paper). Other
    pixels keep their luminance; the ink's blurred edges (less saturated) blend between the two.
    Black or grey print stays dark, under the seal too."""
    import cv2
    import numpy as np

    if hasattr(image, "convert"):
        image = image.convert("RGB") if image.mode not in ("L", "RGB") else image
    pixels = np.asarray(image)
    if pixels.ndim == 2:
        return pixels  # a grey page has no red ink
    rgb = np.ascontiguousarray(pixels[..., :3])
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    hue, sat = hsv[..., 0], hsv[..., 1]
    lo, hi = RED_SATURATION
    weight = np.clip((sat.astype(np.float32) - lo) / (hi - lo), 0, 1)
    weight[(hue > RED_HUES[0]) & (hue < RED_HUES[1])] = 0
    ink = weight[::4, ::4] >= 1
    if ink.sum() < 50:  # no red ink worth the name: the page as it is
        return gray
    red = rgb[..., 0].astype(np.float32)
    paper = float(np.median(gray[::4, ::4][weight[::4, ::4] == 0]))
    ink_red = float(np.median(red[::4, ::4][ink]))
    unstamped = np.clip(red * max(1.0, paper / max(ink_red, 1.0)), 0, 255)
    out = gray * (1 - weight) + unstamped * weight
    return np.clip(out + 0.5, 0, 255).astype(np.uint8)


# A table's caption: "表1 …", "附表2 …", "…情况表", "（单位：万元）".
_CAPTION = re.compile(r"^(?:附)?表\s*[0-9一二三四五六七八九十]+|表\s*$|单位\s*[:：]")


def _recognise(engine, img) -> list[_Box]:
    """Text boxes of a grey image: detection on the image reduced to DET_SIDE pixels (the
    detector's cost grows with the area), recognition on crops of the full-size image."""
    import cv2
    import numpy as np

    bgr = cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
    h, w = img.shape[:2]
    f = min(1.0, _det_side() / max(h, w))
    small = cv2.resize(bgr, (max(1, round(w * f)), max(1, round(h * f))), interpolation=cv2.INTER_AREA) \
        if f < 1 else bgr
    dt_boxes, _ = engine.text_det(small)
    if dt_boxes is None or len(dt_boxes) == 0:
        return []
    quads = [np.asarray(q, dtype=np.float32) / f for q in dt_boxes]
    crops = engine.get_crop_img_list(bgr, quads)
    rec_res, _ = engine.text_rec(crops)
    out = []
    for q, (text, score) in zip(quads, rec_res):
        text = text.strip()
        if not text or float(score) < engine.text_score:
            continue
        out.append(_Box(float(q[:, 0].min()), float(q[:, 1].min()), float(q[:, 0].max()), float(q[:, 1].max()),
                        text, float(score)))
    return out


def _read_join(engine, img, last: _Box, first: _Box) -> str:
    """The last few characters of one line and the first few of the next, side by side, read."""
    import cv2
    import numpy as np

    H, W = img.shape[:2]

    def crop(box: _Box, x0: float, x1: float):
        pad = 0.15 * box.h
        c = img[max(0, round(box.y0 - pad)):min(H, round(box.y1 + pad)), max(0, round(x0)):min(W, round(x1))]
        if c.size == 0:
            return None
        return cv2.resize(c, (max(1, round(c.shape[1] * 48 / c.shape[0])), 48), interpolation=cv2.INTER_AREA)

    def trim(c, side: str):
        cols = np.flatnonzero((c < 128).any(axis=0))
        if cols.size == 0:
            return c
        return c[:, :cols[-1] + 1] if side == "right" else c[:, cols[0]:]

    a = crop(last, max(last.x0, last.x1 - 4 * last.h), last.x1 + 0.66 * last.h)
    b = crop(first, first.x0 - 0.66 * first.h, min(first.x1, first.x0 + 4 * first.h))
    if a is None or b is None:
        return ""
    gap = np.full((48, 6), 255, np.uint8)
    row = np.hstack([trim(a, "right"), gap, trim(b, "left")])
    row = cv2.copyMakeBorder(row, 8, 8, 12, 12, cv2.BORDER_CONSTANT, value=255)
    (text, score), = engine.text_rec([cv2.cvtColor(row, cv2.COLOR_GRAY2BGR)])[0]
    return text.strip() if float(score) >= engine.text_score else ""


def _det_side() -> int:
    try:
        return max(320, int(os.environ.get("PERFLIB_OCR_DET_SIDE", DET_SIDE)))
    except ValueError:
        return DET_SIDE


# ---- skew -------------------------------------------------------------------------------------

def _deskew(gray):
    """The page rotated so that its lines are level (skew found within ±MAX_SKEW degrees)."""
    import cv2
    import numpy as np

    h, w = gray.shape
    f = 600 / max(h, w)
    small = cv2.resize(gray, (max(1, round(w * f)), max(1, round(h * f))), interpolation=cv2.INTER_AREA)
    ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1].astype(np.float32)
    if ink.sum() == 0:
        return gray
    sh, sw = ink.shape
    centre = (sw / 2, sh / 2)

    def sharpness(angle: float) -> float:
        m = cv2.getRotationMatrix2D(centre, angle, 1.0)
        rot = cv2.warpAffine(ink, m, (sw, sh), flags=cv2.INTER_LINEAR, borderValue=0)
        prof = rot.sum(axis=1)
        return float(np.square(np.diff(prof)).sum())

    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.25), key=sharpness)
    best = max(np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05), key=sharpness)
    if abs(best) < 0.05:
        return gray
    m = cv2.getRotationMatrix2D((w / 2, h / 2), float(best), 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)


# ---- tables -----------------------------------------------------------------------------------

def _clusters(values: list[float], tol: float) -> list[float]:
    """Sorted values merged when closer than tol: the mean of each run."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def _find_tables(ink, dpi: int):
    """Ruled tables on a binary (ink = 255) deskewed page: ([_Grid], mask of their rulings)."""
    import cv2
    import numpy as np

    long_h = max(20, round(dpi * 0.5))   # a horizontal ruling is at least ½ inch long
    long_v = max(12, round(dpi * 0.18))  # a vertical one spans at least a row of text
    bridged = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    hor = cv2.morphologyEx(bridged, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (long_h, 1)))
    ver = cv2.morphologyEx(bridged, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, long_v)))
    frame = cv2.dilate(hor | ver, np.ones((5, 5), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(frame, connectivity=8)
    grids: list[_Grid] = []
    rulings = np.zeros_like(ink)
    tol = max(4, round(dpi * 0.03))
    for i in range(1, n):
        x, y, w, h, _area = stats[i]
        if w < 2 * long_h or h < long_v:
            continue
        sel = labels[y:y + h, x:x + w] == i
        hseg = _segments(hor[y:y + h, x:x + w] & (sel * 255).astype(np.uint8), axis=0)
        vseg = _segments(ver[y:y + h, x:x + w] & (sel * 255).astype(np.uint8), axis=1)
        ys = _clusters([s[0] + y for s in hseg], tol)
        xs = _clusters([s[0] + x for s in vseg], tol)
        if len(ys) < 2 or len(xs) < 2:
            continue
        xs_i = [round(v) for v in xs]
        ys_i = [round(v) for v in ys]
        root = _merge_cells(xs_i, ys_i, hor, ver, tol)
        grids.append(_Grid(xs_i, ys_i, root))
        rulings[y:y + h, x:x + w] |= (hor[y:y + h, x:x + w] | ver[y:y + h, x:x + w]) & (sel * 255).astype(np.uint8)
    grids.sort(key=lambda g: g.ys[0])
    return grids, rulings


def _segments(mask, axis: int) -> list[tuple[float, int, int]]:
    """Line segments of a mask: (position across, start, end along) per connected stroke."""
    import cv2

    n, _labels, stats, cent = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out = []
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        if axis == 0:   # horizontal: position is y
            out.append((float(cent[i][1]), int(x), int(x + w)))
        else:
            out.append((float(cent[i][0]), int(y), int(y + h)))
    return out


def _merge_cells(xs, ys, hor, ver, tol):
    """Union grid positions not separated by a ruling; position → the cell's top-left position."""
    parent = {(r, c): (r, c) for r in range(len(ys) - 1) for c in range(len(xs) - 1)}

    def find(p):
        while parent[p] != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    def wall(mask, fixed: int, lo: int, hi: int, vertical: bool) -> bool:
        a, b = lo + (hi - lo) // 4, hi - (hi - lo) // 4  # the middle half of the edge
        if b <= a:
            return True
        if vertical:
            band = mask[a:b, max(fixed - tol, 0):fixed + tol + 1]
            covered = band.max(axis=1) > 0
        else:
            band = mask[max(fixed - tol, 0):fixed + tol + 1, a:b]
            covered = band.max(axis=0) > 0
        return covered.mean() > 0.6

    for r in range(len(ys) - 1):
        for c in range(len(xs) - 1):
            if c + 1 < len(xs) - 1 and not wall(ver, xs[c + 1], ys[r], ys[r + 1], True):
                union((r, c), (r, c + 1))
            if r + 1 < len(ys) - 1 and not wall(hor, ys[r + 1], xs[c], xs[c + 1], False):
                union((r, c), (r + 1, c))
    return {p: find(p) for p in parent}


def _fill_grid(engine, clean, g: _Grid, boxes: list[_Box]) -> list[list[str]]:
    """Cell texts of a grid, merged cells expanded; straddling boxes re-read per cell."""
    n_rows, n_cols = len(g.ys) - 1, len(g.xs) - 1
    per_cell: dict[tuple[int, int], list[_Box]] = {}
    reread: set[tuple[int, int]] = set()
    for b in boxes:
        r, c = g.position(b.cx, b.cy)
        cell = g.root[r, c]
        # Does the box run over a wall into another cell (two texts read as one)?
        # (More than a third of a character on each side of it: the detector pads its boxes a little.)
        crossed = [x for x in g.xs[1:-1] if b.x0 + 0.3 * b.h < x < b.x1 - 0.3 * b.h]
        walls = [x for x in crossed if g.root.get((r, g.xs.index(x) - 1)) != g.root.get((r, g.xs.index(x)))]
        if walls:
            for cc in range(n_cols):
                if b.x0 < g.xs[cc + 1] and b.x1 > g.xs[cc]:
                    reread.add(g.root[r, cc])
            continue
        per_cell.setdefault(cell, []).append(b)
    for cell in reread:
        span = [p for p, root in g.root.items() if root == cell]
        r0, c0 = cell
        r1 = max(p[0] for p in span)
        c1 = max(p[1] for p in span)
        x0, x1, y0, y1 = g.xs[c0], g.xs[c1 + 1], g.ys[r0], g.ys[r1 + 1]
        per_cell[cell] = _read_cell(engine, clean, x0, y0, x1, y1)
    text = {cell: _join_lines(_lines(bs)) for cell, bs in per_cell.items()}
    return [[_fix_numbers(text.get(g.root[r, c], "")) for c in range(n_cols)] for r in range(n_rows)]


def _read_cell(engine, img, x0: int, y0: int, x1: int, y1: int) -> list[_Box]:
    """The lines of text inside one cell (rulings already painted out): bands of ink rows,
    each read by the recogniser alone (no detection pass: a cell is small and plain)."""
    import cv2
    import numpy as np

    m = 3  # stay clear of the walls
    crop = img[y0 + m:y1 - m, x0 + m:x1 - m]
    if crop.size == 0 or crop.min() > 128:
        return []
    ink = (crop < 128).astype(np.uint8)
    rows = cv2.dilate(ink, np.ones((5, 1), np.uint8)).sum(axis=1) > 0  # bridge gaps inside characters
    out = []
    y = 0
    while y < len(rows):
        if not rows[y]:
            y += 1
            continue
        top = y
        while y < len(rows) and rows[y]:
            y += 1
        band = ink[top:y]
        h = y - top
        cols = np.flatnonzero(band.sum(axis=0))
        if h < 6 or cols.size == 0:
            continue  # a speck
        left, right = int(cols[0]), int(cols[-1]) + 1
        piece = crop[top:y, left:right]
        pad = max(4, round(0.3 * h))
        piece = cv2.copyMakeBorder(piece, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
        (text, score), = engine.text_rec([cv2.cvtColor(piece, cv2.COLOR_GRAY2BGR)])[0]
        text = text.strip()
        if text and float(score) >= engine.text_score:
            out.append(_Box(x0 + m + left, y0 + m + top, x0 + m + right, y0 + m + y, text, float(score)))
    return out


# ---- prose ------------------------------------------------------------------------------------

def _lines(boxes: list[_Box]) -> list[list[_Box]]:
    """Boxes grouped into lines (vertical overlap with the line's last box), each sorted by x."""
    lines: list[list[_Box]] = []
    for b in sorted(boxes, key=lambda b: (b.cy, b.x0)):
        best, best_ov = None, 0.0
        for line in lines[-4:]:  # lines are found top-down: only the last few can take b
            last = min(line, key=lambda o: abs(o.cx - b.cx))
            ov = min(b.y1, last.y1) - max(b.y0, last.y0)
            frac = ov / max(1.0, min(b.h, last.h))
            if frac > 0.5 and frac > best_ov:
                best, best_ov = line, frac
        if best is None:
            lines.append([b])
        else:
            best.append(b)
    for line in lines:
        line.sort(key=lambda b: b.x0)
    lines.sort(key=lambda ln: min(b.y0 for b in ln))
    return lines



def _glue(a: str, b: str, space_ok: bool = True) -> str:
    """Join two pieces: no space next to a CJK character or punctuation, one between Latin words."""
    if not a:
        return b
    if not b:
        return a
    if space_ok and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return a + " " + b
    return a + b


def _line_text(line: list[_Box]) -> str:
    text = ""
    for prev, b in zip([None] + line[:-1], line):
        gap = b.x0 - prev.x1 if prev else 0.0
        # Two pieces of one number or word (a small gap) are glued; a wide gap keeps a space.
        text = _glue(text, b.text, space_ok=gap > 0.5 * b.h)
    return text


def _join_lines(lines: list[list[_Box]], read_join=None) -> str:
    text = ""
    for prev, line in zip([None] + lines[:-1], lines):
        nxt = _line_text(line)
        if read_join is not None and text[-1:].isdigit() and nxt[:1].isdigit():
            text, nxt = _mend_break(text, nxt, prev[-1], line[0], read_join)
        # A line break splits words only in Latin text; a number wrapped mid-way is glued again.
        text = _glue(text, nxt, space_ok=bool(text and nxt and text[-1].isalpha() and nxt[0].isalpha()))
    return text


_BREAK_MARKS = {".": ".", "．": ".", "。": ".", "·": ".", ",": ",", "，": ","}


def _mend_break(text: str, nxt: str, last: _Box, first: _Box, read_join) -> tuple[str, str]:
    """A number wrapped across two lines ("…支出218." / "66万元"): the point or comma at the
    break sits at the very edge of a text box, alone, and the recogniser tends to drop it.
    The end of the one line and the start of the next are put side by side in one image and
    read again, so the mark is seen between its digits; a mark found there between the same
    digits is kept. Only "." or "," can be added: a digit is never invented."""
    tail = re.search(r"\d+$", last.text)
    head = re.match(r"\d+", first.text)
    if not (tail and head):
        return text, nxt
    joined = read_join(last, first)
    m = re.search(re.escape(tail.group()) + "([.．。·,，])" + re.escape(head.group()), joined)
    if m:
        return text + _BREAK_MARKS[m.group(1)], nxt
    return text, nxt


def _paragraphs(boxes: list[_Box], read_join=None) -> list[tuple[float, str]]:
    """Prose lines → paragraphs: (top y, text), top to bottom."""
    lines = _lines(boxes)
    if not lines:
        return []
    heights = sorted(b.h for ln in lines for b in ln)
    em = heights[len(heights) // 2]
    left = min(ln[0].x0 for ln in lines)
    right = max(ln[-1].x1 for ln in lines)
    paras: list[tuple[float, list[list[_Box]]]] = []
    prev = None
    for ln in lines:
        top = min(b.y0 for b in ln)
        starts_new = (
            prev is None
            or ln[0].x0 > left + 1.2 * em                          # indented (or centred)
            or prev[-1].x1 < right - 1.5 * em                      # the previous line stopped short
            or top - max(b.y1 for b in prev) > 1.2 * em            # a wider gap than line spacing
        )
        if starts_new:
            paras.append((top, [ln]))
        else:
            paras[-1][1].append(ln)
        prev = ln
    out = []
    for top, lns in paras:
        text = _fix_numbers(_join_lines(lns, read_join))
        if text:
            out.append((top, text))
    return out


# ---- numbers ----------------------------------------------------------------------------------

_D = r"[0-9０-９]"


def _fix_numbers(text: str) -> str:
    """Mend what OCR confuses inside numbers, only where the reading is unambiguous.

    - a fullwidth "，" or "、" between groups of a thousands-separated amount with
      decimals (4，982.39) → ","; a bare "，" between digits may be a pause, so the
      amount must have the comma grouping *and* a decimal part;
    - "。" or "·" between digits → "." (never a sentence end or a name dot there);
    - spaces inside a number next to "," or "." → removed ("4, 982. 39");
    - Latin O/o, l/I/| between digits → 0 / 1;
    - a "," before the last one or two digits of a rate or amount (followed by %, 元, 万元,
      亿元 or the end) → "." (a thousands group has three digits).
    """
    # spaces around number punctuation inside a number
    text = re.sub(rf"(?<={_D})\s*([,.，。．·])\s*(?={_D})", r"\1", text)
    text = re.sub(rf"(?<={_D})\s+(?=[%％])", "", text)
    # O / l between digits
    text = re.sub(rf"(?<={_D})[Oo](?={_D})", "0", text)
    text = re.sub(rf"(?<={_D})[lI|](?={_D})", "1", text)
    # 。 or · between digits is a decimal point
    text = re.sub(rf"(?<={_D})[。·∙•](?={_D})", ".", text)

    # A "," before the last one or two digits of a rate or an amount is its decimal point
    # misread: a thousands group has three digits ("98,14%" → "98.14%", "2,858,57万元").
    text = re.sub(rf"(?<![0-9０-９,，])({_D}{{1,3}}(?:[,，]{_D}{{3}})*)[,，]({_D}{{1,2}})(?=\s*(?:[%％]|万元|亿元|元|$))",
                  r"\1.\2", text)

    def thousands(m: re.Match) -> str:
        return re.sub(r"[，、]", ",", m.group(0))

    # 1-3 digits, then groups of exactly 3 separated by , or ，/、 (at least one fullwidth), then .dd
    text = re.sub(rf"(?<!{_D}){_D}{{1,3}}(?:[,，、]{_D}{{3}})+[.．]{_D}+", thousands, text)
    return text
