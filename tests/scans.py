"""Scanned PDFs for tests: pages of prose and ruled tables drawn as images, no text layer.

    pdf = make_scanned_pdf([
        ["一、部门整体支出情况", "年初预算数为4,982.39万元，……", [["项目", "年初预算数"], ["基本支出", "1,203.50"]]],
        ["第二页的段落……"],
    ], seed=1)

A page is a list of items: a ``str`` is a paragraph (first line indented two
characters, wrapped at the text width), a ``list`` of rows is a ruled table
(every cell boxed; the first column sized to its labels, the others sharing
the rest). In a table row, ``MERGE_LEFT`` (None) makes the cell to its left
span this column too, and ``MERGE_UP`` makes the cell above span this row.
An item may also be ``Title("…")`` (centred, larger).

Each page is drawn with Noto Sans CJK SC (shipped by mplfonts) at ``dpi``
(150–200 is what scanners produce), then rotated by a small random angle
(±``max_angle``°), blurred and sprinkled with noise like a scanner would,
and saved as an image-only PDF (one JPEG per page) by Pillow. The same seed
gives the same bytes.
"""
from __future__ import annotations

import io
import random
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from perflib.webfont import cjk_font_path

MERGE_LEFT = None
MERGE_UP = Ellipsis

A4_INCHES = (8.27, 11.69)


@dataclass(frozen=True)
class Title:
    text: str


def _font(px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(cjk_font_path(), px)


_NO_LINE_START = set("，。、；：？！）》”’%％")


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: float, indent: float) -> list[str]:
    lines, cur, avail = [], "", width - indent
    for ch in text:
        # No line starts with closing punctuation (it hangs past the margin instead).
        if cur and font.getlength(cur + ch) > avail and ch not in _NO_LINE_START:
            lines.append(cur)
            cur, avail = "", width
        cur += ch
    if cur:
        lines.append(cur)
    return lines


def _draw_table(draw: ImageDraw.ImageDraw, rows: list[list], x0: int, y0: int, width: int,
                font: ImageFont.FreeTypeFont, line_px: int, rng: random.Random) -> int:
    """Draw a ruled table at (x0, y0); returns the y below it."""
    n_cols = max(len(r) for r in rows)
    grid = [list(r) + [""] * (n_cols - len(r)) for r in rows]
    size = font.size
    first = max(font.getlength(r[0]) for r in grid if isinstance(r[0], str)) + 1.4 * size
    first = min(first, width * 0.4)
    rest = (width - first) / max(n_cols - 1, 1)
    xs = [x0] + [round(x0 + first + i * rest) for i in range(n_cols)]
    row_h = round(size * rng.uniform(1.9, 2.3))
    ys = [y0 + i * row_h for i in range(len(grid) + 1)]
    # Resolve merges: each position → its anchor (top-left cell of the span).
    anchor = {}
    for r, row in enumerate(grid):
        for c, v in enumerate(row):
            if v is MERGE_LEFT and c > 0:
                anchor[r, c] = anchor[r, c - 1]
            elif v is MERGE_UP and r > 0:
                anchor[r, c] = anchor[r - 1, c]
            else:
                anchor[r, c] = (r, c)
    # Outer frame, then inner walls wherever two positions belong to different cells.
    draw.rectangle([xs[0], ys[0], xs[-1], ys[-1]], outline=0, width=line_px)
    for r in range(len(grid)):
        for c in range(n_cols):
            if c + 1 < n_cols and anchor[r, c] != anchor[r, c + 1]:
                draw.line([xs[c + 1], ys[r], xs[c + 1], ys[r + 1]], fill=0, width=line_px)
            if r + 1 < len(grid) and anchor[r, c] != anchor[r + 1, c]:
                draw.line([xs[c], ys[r + 1], xs[c + 1], ys[r + 1]], fill=0, width=line_px)
    # Text, centred in each cell's span (the first column left-aligned).
    spans: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for pos, a in anchor.items():
        spans.setdefault(a, []).append(pos)
    for (r, c), cells in spans.items():
        text = grid[r][c]
        if not isinstance(text, str) or not text:
            continue
        r1 = max(p[0] for p in cells)
        c1 = max(p[1] for p in cells)
        left, right, top, bottom = xs[c], xs[c1 + 1], ys[r], ys[r1 + 1]
        w = font.getlength(text)
        x = left + 0.5 * size if c == 0 else (left + right - w) / 2
        y = (top + bottom) / 2
        draw.text((x, y), text, font=font, fill=0, anchor="lm")
    return ys[-1]


def _page(items: list, dpi: int, rng: random.Random, font_pt: float) -> Image.Image:
    w_in, h_in = A4_INCHES
    W, H = round(w_in * dpi), round(h_in * dpi)
    img = Image.new("L", (W, H), 255)
    draw = ImageDraw.Draw(img)
    size = round(font_pt / 72 * dpi)
    font = _font(size)
    margin = round(dpi * rng.uniform(0.9, 1.1))
    width = W - 2 * margin
    y = margin
    line_h = round(size * rng.uniform(1.6, 1.8))
    line_px = max(2, round(dpi / 100))
    for item in items:
        if isinstance(item, Title):
            big = _font(round(size * 1.5))
            draw.text((W / 2, y + big.size / 2), item.text, font=big, fill=0, anchor="mm")
            y += round(big.size * 2.2)
        elif isinstance(item, str):
            indent = 2 * size
            for i, line in enumerate(_wrap(item, font, width, indent)):
                draw.text((margin + (indent if i == 0 else 0), y), line, font=font, fill=0)
                y += line_h
            y += round(size * rng.uniform(0.2, 0.5))
        else:
            y += round(size * 0.5)
            y = _draw_table(draw, item, margin, y, width, font, line_px, rng)
            y += round(size * 1.2)
        if y > H - margin:
            raise ValueError("page content does not fit on one A4 page")
    return img


def _scan(img: Image.Image, rng: random.Random, max_angle: float, noise: float) -> Image.Image:
    """What a scanner does to a page: a slight rotation, softness, speckles and grain."""
    sign = rng.choice((-1, 1))
    angle = sign * rng.uniform(max_angle / 2, max_angle) if max_angle else 0.0
    img = img.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    a = np.asarray(img, dtype=np.float32)
    nrng = np.random.default_rng(rng.randrange(2**32))
    a = a + nrng.normal(0, 255 * noise, a.shape)
    speck = nrng.random(a.shape)
    a[speck < noise / 40] = 0      # dust
    a[speck > 1 - noise / 20] = 255  # drop-outs
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")


def make_scanned_pdf(pages: list[list], *, seed: int = 0, dpi: int = 180, max_angle: float = 0.8,
                     noise: float = 0.04, font_pt: float = 12.0, quality: int = 80) -> bytes:
    """An image-only PDF of `pages` (see the module docstring), deterministic for a seed."""
    rng = random.Random(seed)
    images = [_scan(_page(items, dpi, rng, font_pt), rng, max_angle, noise) for items in pages]
    buf = io.BytesIO()
    images[0].save(buf, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi),
                   quality=quality)
    return buf.getvalue()


if __name__ == "__main__":  # write a sample: python tests/scans.py OUT.pdf
    import sys

    sample = [[Title("部门整体支出绩效评价报告"),
               "年初预算数为4,982.39万元，全年执行数6,364.24万元，预算执行率为98.37%。",
               [["项目", "年初预算数", "全年预算数", "全年执行数", "执行率"],
                ["年度资金总额", "4,982.39", "6,469.80", "6,364.24", "98.37%"],
                ["基本支出", "3,120.00", "3,305.12", "3,301.87", "99.90%"],
                ["项目支出", "1,862.39", "3,164.68", "3,062.37", "96.77%"]]],
              ["二、存在的问题", "部分项目前期论证不够充分。"]]
    with open(sys.argv[1], "wb") as fh:
        fh.write(make_scanned_pdf(sample, seed=int(sys.argv[2]) if len(sys.argv) > 2 else 0))
