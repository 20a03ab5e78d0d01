"""Tables of a PDF page drawn with ruled lines → grids of cell texts.

The page's path objects give line segments; the horizontal and vertical ones
that touch each other form a table's frame. Their distinct positions are the
grid's row and column boundaries; a boundary with no rule across a cell
means the cell is merged with its neighbour (colspan / rowspan). Each
character (pypdfium2 character boxes) goes to the cell under its centre, so
cells come out whole, never glued to their neighbours
("1274.381342.491342.49"), and a merged cell's text fills every position
it covers.
"""
from __future__ import annotations

import ctypes
from bisect import bisect_right
from dataclasses import dataclass, field

from .normalize import clean_line

_TOL = 2.0  # points: rules closer than this are one rule; a segment this thin is a line
_MIN_LEN = 4.0  # points: shorter strokes are no rules (tick marks, glyph parts)
_MAX_SEGMENTS = 5000  # a page drawn with more strokes is a picture, not a table


@dataclass
class _Seg:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def vertical(self) -> bool:
        return abs(self.x1 - self.x0) <= _TOL


@dataclass
class PageTable:
    """A ruled table found on a page: its frame and, once filled, its grid of texts."""

    bbox: tuple[float, float, float, float]  # left, bottom, right, top
    xs: list[float]  # column boundaries, left to right
    ys: list[float]  # row boundaries, top to bottom (PDF y grows upwards)
    groups: dict[tuple[int, int], tuple[int, int]]  # cell → the cell its merged area starts at
    chars: dict[tuple[int, int], list[tuple[int, str]]] = field(default_factory=dict)

    def contains(self, x: float, y: float) -> bool:
        left, bottom, right, top = self.bbox
        return left <= x <= right and bottom <= y <= top

    def add_char(self, x: float, y: float, index: int, ch: str) -> None:
        """Character number `index` of the page's text, centred at (x, y)."""
        col = bisect_right(self.xs, x) - 1
        row = bisect_right([-y for y in self.ys], -y) - 1
        row = min(max(row, 0), len(self.ys) - 2)
        col = min(max(col, 0), len(self.xs) - 2)
        self.chars.setdefault(self.groups[(row, col)], []).append((index, ch))

    def rows(self) -> list[list[str]]:
        texts = {anchor: _cell_text(chars) for anchor, chars in self.chars.items()}
        return [[texts.get(self.groups[(r, c)], "") for c in range(len(self.xs) - 1)]
                for r in range(len(self.ys) - 1)]


def find_tables(page) -> list[PageTable]:
    """The ruled tables of a pypdfium2 page (at least two rows and two columns each)."""
    segments = _segments(page)
    if len(segments) > _MAX_SEGMENTS:
        return []
    tables = []
    for group in _touching(segments):
        table = _frame(group)
        if table is not None:
            tables.append(table)
    return tables


def _segments(page) -> list[_Seg]:
    """Straight horizontal and vertical strokes of the page's paths, in page coordinates."""
    import pypdfium2.raw as pdfium_c

    out: list[_Seg] = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2):
        matrix = obj.get_matrix()
        handle = obj.raw
        x, y = ctypes.c_float(), ctypes.c_float()
        start = current = None
        for k in range(pdfium_c.FPDFPath_CountSegments(handle)):
            seg = pdfium_c.FPDFPath_GetPathSegment(handle, k)
            if not pdfium_c.FPDFPathSegment_GetPoint(seg, x, y):
                continue
            point = matrix.on_point(x.value, y.value)
            kind = pdfium_c.FPDFPathSegment_GetType(seg)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                start = current = point
                continue
            if kind == pdfium_c.FPDF_SEGMENT_LINETO and current is not None:
                _add_line(out, current, point)
            current = point
            if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None:
                _add_line(out, current, start)
                current = start
            if len(out) > _MAX_SEGMENTS:
                return out
    return out


def _add_line(out: list[_Seg], a, b) -> None:
    (ax, ay), (bx, by) = a, b
    dx, dy = abs(bx - ax), abs(by - ay)
    if dx <= _TOL and dy >= _MIN_LEN:
        out.append(_Seg((ax + bx) / 2, min(ay, by), (ax + bx) / 2, max(ay, by)))
    elif dy <= _TOL and dx >= _MIN_LEN:
        out.append(_Seg(min(ax, bx), (ay + by) / 2, max(ax, bx), (ay + by) / 2))


def _touching(segments: list[_Seg]) -> list[list[_Seg]]:
    """Groups of segments connected by touching (a table's frame is one group)."""
    parent = list(range(len(segments)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(segments):
        for j in range(i + 1, len(segments)):
            b = segments[j]
            if (a.x0 - _TOL <= b.x1 and b.x0 - _TOL <= a.x1 and a.y0 - _TOL <= b.y1 and b.y0 - _TOL <= a.y1):
                parent[find(i)] = find(j)
    groups: dict[int, list[_Seg]] = {}
    for i, seg in enumerate(segments):
        groups.setdefault(find(i), []).append(seg)
    return list(groups.values())


def _positions(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= _TOL:
            continue
        out.append(v)
    return out


def _frame(segs: list[_Seg]) -> PageTable | None:
    vs = [s for s in segs if s.vertical]
    hs = [s for s in segs if not s.vertical]
    xs = _positions([s.x0 for s in vs])
    ys = sorted(_positions([s.y0 for s in hs]), reverse=True)
    if len(xs) < 3 or len(ys) < 3:
        return None  # a box or a rule, not a table of rows and columns

    def rule_v(x: float, y_mid: float) -> bool:
        return any(abs(s.x0 - x) <= _TOL and s.y0 - _TOL <= y_mid <= s.y1 + _TOL for s in vs)

    def rule_h(y: float, x_mid: float) -> bool:
        return any(abs(s.y0 - y) <= _TOL and s.x0 - _TOL <= x_mid <= s.x1 + _TOL for s in hs)

    groups: dict[tuple[int, int], tuple[int, int]] = {}
    for r in range(len(ys) - 1):
        y_mid = (ys[r] + ys[r + 1]) / 2
        for c in range(len(xs) - 1):
            x_mid = (xs[c] + xs[c + 1]) / 2
            if c > 0 and not rule_v(xs[c], y_mid):
                groups[(r, c)] = groups[(r, c - 1)]  # no rule on the left: colspan
            elif r > 0 and not rule_h(ys[r], x_mid):
                groups[(r, c)] = groups[(r - 1, c)]  # no rule above: rowspan
            else:
                groups[(r, c)] = (r, c)
    return PageTable((xs[0], ys[-1], xs[-1], ys[0]), xs, ys, groups)


def _cell_text(chars: list[tuple[int, str]]) -> str:
    """A cell's characters in the page's reading order (pdfium's text runs line by line, so
    a cell's lines come top to bottom, each left to right; a wrapped cell joins up again)."""
    return clean_line("".join(ch for _, ch in sorted(chars)))
