"""Scanned PDFs for tests: pages of prose and ruled tables drawn as images, no text layer.

    pdf = make_scanned_pdf([
        ["一、部门整体支出情况", "年初预算数为4,982.39万元，……", [["项目", "年初预算数"], ["基本支出", "1,203.50"]]],
        ["第二页的段落……"],
    ], seed=1)

A page is a list of items: a ``str`` is a paragraph (first line indented two
characters, wrapped at the text width), a ``list`` of rows is a ruled table
(every cell boxed; the first column sized to its labels, the others sharing
the rest; a text wider than its cell wraps inside it). In a table row, ``MERGE_LEFT`` (None) makes the cell to its left
span this column too, and ``MERGE_UP`` makes the cell above span this row.
An item may also be ``Title("…")`` (centred, larger).

``seal=Seal("某某局")`` stamps a unit's round red seal over the last lines of the last page (a red
ring, the name along its upper arc, a star; stamp ink multiplied onto the print, so black stays
black under it), and ``paper=220`` greys the paper: such pages are scanned in colour.

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
import time

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from perflib.present.webfont import cjk_font_path

MERGE_LEFT = None
MERGE_UP = Ellipsis

A4_INCHES = (8.27, 11.69)


@dataclass(frozen=True)
class Title:
    text: str


@dataclass(frozen=True)
class Seal:
    """A round red seal (公章) stamped over the last lines of a page."""

    text: str                    # the unit's name, along the upper arc
    page: int = -1               # which page (the last by default)
    x: float = 0.75              # the centre across the page (share of its width)
    up: float = 0.35             # the centre above the end of the last line, in radii
    opacity: float = 0.85        # how much of the ink's colour a pixel takes (1: full)
    colour: tuple[int, int, int] = (214, 38, 44)


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
    spans: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for pos, a in anchor.items():
        spans.setdefault(a, []).append(pos)
    # A text wider than its cell wraps inside it; a row is as tall as its tallest cell.
    line_h = round(size * 1.35)
    lines: dict[tuple[int, int], list[str]] = {}
    for (r, c), cells in spans.items():
        text = grid[r][c]
        c1 = max(p[1] for p in cells)
        inner = xs[c1 + 1] - xs[c] - 0.8 * size
        lines[r, c] = _wrap(text, font, inner, 0) if isinstance(text, str) and text else []
    base = round(size * rng.uniform(1.9, 2.3))
    heights = [base] * len(grid)
    for (r, c), cells in spans.items():
        if max(p[0] for p in cells) == r:  # cells spanning rows keep the rows' own heights
            heights[r] = max(heights[r], len(lines[r, c]) * line_h + round(0.8 * size))
    ys = [y0]
    for h in heights:
        ys.append(ys[-1] + h)
    # Outer frame, then inner walls wherever two positions belong to different cells.
    draw.rectangle([xs[0], ys[0], xs[-1], ys[-1]], outline=0, width=line_px)
    for r in range(len(grid)):
        for c in range(n_cols):
            if c + 1 < n_cols and anchor[r, c] != anchor[r, c + 1]:
                draw.line([xs[c + 1], ys[r], xs[c + 1], ys[r + 1]], fill=0, width=line_px)
            if r + 1 < len(grid) and anchor[r, c] != anchor[r + 1, c]:
                draw.line([xs[c], ys[r + 1], xs[c + 1], ys[r + 1]], fill=0, width=line_px)
    # Text, centred in each cell's span (the first column left-aligned), line under line.
    for (r, c), cells in spans.items():
        r1 = max(p[0] for p in cells)
        c1 = max(p[1] for p in cells)
        left, right, top, bottom = xs[c], xs[c1 + 1], ys[r], ys[r1 + 1]
        block = lines[r, c]
        for i, text in enumerate(block):
            w = font.getlength(text)
            x = left + 0.5 * size if c == 0 else (left + right - w) / 2
            y = (top + bottom) / 2 + (i - (len(block) - 1) / 2) * line_h
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
    img.info["last_line"] = y  # where the last line ends: a seal goes over it
    return img


def _stamp(img: Image.Image, seal: Seal, dpi: int, rng: random.Random) -> Image.Image:
    """The page (RGB) with `seal` multiplied onto it over its last lines."""
    W, H = img.size
    r = round(0.8 * dpi)  # a 4 cm seal
    cx = round(W * seal.x + r * rng.uniform(-0.1, 0.1))
    cy = min(round(img.info.get("last_line", H // 2) - r * (seal.up + rng.uniform(-0.1, 0.1))), H - r - 2)
    ink = Image.new("RGB", (W, H), (255, 255, 255))
    draw = ImageDraw.Draw(ink)
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=seal.colour, width=max(3, r // 14))
    # a five-pointed star in the middle
    import math

    star = []
    for k in range(10):
        rad = r * (0.3 if k % 2 == 0 else 0.12)
        a = -math.pi / 2 + k * math.pi / 5
        star.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
    draw.polygon(star, fill=seal.colour)
    # the name along the upper arc, each character turned to face the centre
    font = _font(round(r * 0.27))
    n = len(seal.text)
    span = min(250.0, 24.0 * n)
    for i, ch in enumerate(seal.text):
        deg = -span / 2 + span * (i + 0.5) / n  # 0 at the top, clockwise
        tile = Image.new("L", (font.size * 2, font.size * 2), 0)
        ImageDraw.Draw(tile).text((font.size, font.size), ch, font=font, fill=255, anchor="mm")
        tile = tile.rotate(-deg, resample=Image.BICUBIC)
        a = math.radians(deg)
        x = cx + 0.7 * r * math.sin(a) - font.size
        y = cy - 0.7 * r * math.cos(a) - font.size
        ink.paste(Image.new("RGB", tile.size, seal.colour), (round(x), round(y)), tile)
    page = np.asarray(img, dtype=np.float32)
    stamp = np.asarray(ink, dtype=np.float32) / 255
    out = page * (1 - seal.opacity + seal.opacity * stamp)  # ink over print: multiplied
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8), "RGB")


def _paper(img: Image.Image, paper: int) -> Image.Image:
    """Grey, slightly warm paper under the print (RGB)."""
    a = np.asarray(img, dtype=np.float32) / 255
    tone = np.array([paper, paper - 3, paper - 9], dtype=np.float32)
    rgb = a[..., None] * tone[None, None, :]
    out = Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8), "RGB")
    out.info["last_line"] = img.info.get("last_line")
    return out


def _scan(img: Image.Image, rng: random.Random, max_angle: float, noise: float) -> Image.Image:
    """What a scanner does to a page (grey or colour): a slight rotation, softness, speckles and grain."""
    sign = rng.choice((-1, 1))
    angle = sign * rng.uniform(max_angle / 2, max_angle) if max_angle else 0.0
    colour = img.mode == "RGB"
    fill = img.getpixel((0, 0)) if colour else 255
    img = img.rotate(angle, resample=Image.BICUBIC, fillcolor=fill)
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    a = np.asarray(img, dtype=np.float32)
    nrng = np.random.default_rng(rng.randrange(2**32))
    grain = nrng.normal(0, 255 * noise, a.shape[:2])
    a = a + (grain[..., None] if colour else grain)
    speck = nrng.random(a.shape[:2])
    a[speck < noise / 40] = 0      # dust
    a[speck > 1 - noise / 20] = 255  # drop-outs
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "RGB" if colour else "L")


def make_scanned_pdf(pages: list[list], *, seed: int = 0, dpi: int = 180, max_angle: float = 0.8,
                     noise: float = 0.04, font_pt: float = 12.0, quality: int = 80, seal: Seal | None = None,
                     paper: int = 255) -> bytes:
    """An image-only PDF of `pages` (see the module docstring), deterministic for a seed."""
    rng = random.Random(seed)
    stamped = None if seal is None else range(len(pages))[seal.page]
    images = []
    for n, items in enumerate(pages):
        img = _page(items, dpi, rng, font_pt)
        if paper != 255 or seal is not None:
            img = _paper(img, paper)
        if n == stamped:
            img = _stamp(img, seal, dpi, rng)
        images.append(_scan(img, rng, max_angle, noise))
    buf = io.BytesIO()
    fixed = time.gmtime(1704067200)  # 2024-01-01; Pillow stamps the time of saving otherwise
    images[0].save(buf, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi),
                   quality=quality, creationDate=fixed, modDate=fixed)
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


# ---- sample reports -------------------------------------------------------------------------

def _wan(rng: random.Random, lo: float, hi: float) -> float:
    return round(rng.uniform(lo, hi), 2)


def _fmt(x: float) -> str:
    return f"{x:,.2f}"


def sample_report(seed: int, layout: int = 0) -> list[list]:
    """Two pages of an invented department report (虚构样例) with budget figures in prose and in
    ruled tables; `layout` 0 or 1 varies the wording and the second table (1: merged cells)."""
    rng = random.Random(seed)
    init = _wan(rng, 800, 9000)
    adjusted = round(init * rng.uniform(1.02, 1.35), 2)
    actual = round(adjusted * rng.uniform(0.9, 0.999), 2)
    rate = round(actual / adjusted * 100, 2)
    basic = [round(v * rng.uniform(0.45, 0.6), 2) for v in (init, adjusted, actual)]
    proj = [round(a - b, 2) for a, b in zip((init, adjusted, actual), basic)]
    n_proj = rng.randint(6, 40)
    dept = rng.choice(["花地街道办事处", "区教育局", "县农业农村局", "市档案馆", "区民政局"])
    year = rng.randint(2019, 2024)
    header = ["项目", "年初预算数", "全年预算数", "全年执行数", "执行率"]

    def row(label, vals):
        return [label, *map(_fmt, vals), f"{vals[2] / vals[1] * 100:.2f}%"]

    table1 = [header, row("年度资金总额", (init, adjusted, actual)),
              row("基本支出", basic), row("项目支出", proj)]
    if layout == 0:
        figures = (f"{year}年度，{dept}年初预算数为{_fmt(init)}万元，全年预算数{_fmt(adjusted)}万元，"
                   f"全年执行数{_fmt(actual)}万元，预算执行率为{rate:.2f}%。")
    else:
        figures = (f"本年度部门整体支出年初预算{_fmt(init)}万元，年中调整后预算为{_fmt(adjusted)}万元，"
                   f"实际支出{_fmt(actual)}万元，预算完成率{rate:.2f}%，较年初预算增加"
                   f"{_fmt(adjusted - init)}万元。")
    page1 = [Title(f"{year}年度部门整体支出绩效评价报告"),
             "一、部门基本情况",
             f"{dept}是负责辖区公共服务和社会管理的行政单位，内设综合办公室、财务室等{rng.randint(4, 9)}"
             f"个科室，年末在职人员{rng.randint(30, 180)}人。",
             "二、部门整体支出情况",
             figures,
             "表1 部门整体支出情况（单位：万元）",
             table1]
    spent = [_wan(rng, 20, 400) for _ in range(3)]
    tasks = (f"项目支出共{n_proj}个项目，全年执行数{_fmt(proj[2])}万元，其中重点项目三个，分别支出"
             f"{_fmt(spent[0])}万元、{_fmt(spent[1])}万元和{_fmt(spent[2])}万元。")
    if layout == 0:
        table2 = [["序号", "项目名称", "全年预算数", "全年执行数", "执行率"]]
        for i, s in enumerate(spent, 1):
            budget = round(s / rng.uniform(0.9, 0.999), 2)
            table2.append([str(i), f"重点项目{'一二三'[i - 1]}", _fmt(budget), _fmt(s), f"{s / budget * 100:.2f}%"])
    else:
        a, b = rng.randint(10, 30), rng.randint(90, 99)
        table2 = [["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值"],
                  ["产出指标", "数量指标", "培训人次", f"≥{a}次", f"{a + rng.randint(0, 5)}次", "10"],
                  [MERGE_UP, "质量指标", "验收合格率", "100%", "100%", "10"],
                  ["效益指标", "社会效益指标", "群众满意度", f"≥{b}%", f"{b + 0.5:.1f}%", "20"],
                  ["合计", MERGE_LEFT, MERGE_LEFT, MERGE_LEFT, MERGE_LEFT, "40"]]
    page2 = ["三、项目支出情况", tasks, table2,
             "四、存在的问题",
             "部分项目绩效目标设置不够细化，预算执行进度前慢后快，资金使用效益有待提高。"]
    return [page1, page2]


def expected_blocks(pages: list[list]) -> list[list[tuple[str, object]]]:
    """What reading `pages` back should give: per page, ("p", text) and ("t", rows) in order,
    merged cells expanded (every covered position holds the cell's text)."""
    out = []
    for items in pages:
        blocks = []
        for item in items:
            if isinstance(item, Title):
                blocks.append(("p", item.text))
            elif isinstance(item, str):
                blocks.append(("p", item))
            else:
                n = max(len(r) for r in item)
                grid = [list(r) + [""] * (n - len(r)) for r in item]
                for r in range(len(grid)):
                    for c in range(n):
                        if grid[r][c] is MERGE_LEFT and c > 0:
                            grid[r][c] = grid[r][c - 1]
                        elif grid[r][c] is MERGE_UP and r > 0:
                            grid[r][c] = grid[r - 1][c]
                blocks.append(("t", grid))
        out.append(blocks)
    return out
