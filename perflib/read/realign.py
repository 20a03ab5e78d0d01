"""What a cell of a flattened table holds, and each figure under its header.

A column's type comes from its header label (the roles of lexicon.toml's `columns` first):
money, a rate, points or text. Under a budget table's header, a row split over two lines is
joined, a header naming the value columns only gets an empty label column, and a row with fewer
cells than its header is realigned where its cells leave one reading (a percentage under the rate,
points under 分值/得分, money under the money columns). Figures glued together without separators
are cut only where the row's own arithmetic confirms the cut (rate = actual ÷ budget to its
rounding, points within 100, 得分 ≤ 分值); anything else stays as written.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ..understand.lexicon import LEX
from .document import Table
from .normalize import NOTE_IN_BRACKETS

# What a column holds, from its header label (roles from lexicon.toml's `columns` first).
_POINTS_HEAD = re.compile(r"^(?:指标)?(?:分值|得分|权重|满分|自评得分)(?:[（(].*)?$")
_MONEY_HEAD = re.compile(r"(?:预算|决算|执行|支出|金额|资金额|投入|拨款|收入)(?:数|额|金额|资金|总额)?$")
_RATE_HEAD = re.compile(r"率$")
# A cell holding a figure: a number, with a percent sign, points or a unit of money.
_FIGURE = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*(?P<suffix>%|万元|亿元|千元|元|万|分)?$")
_PLACEHOLDER = re.compile(r"^(?:[-—–/－]+|[…。.]{2,})$")
EMPTY = "—"  # an empty cell written as such (a lone "|", "| |"): no figure, but it holds its column


def head_text(label: str) -> str:
    return "".join(NOTE_IN_BRACKETS.sub("", label).split()) or "".join(label.split())


def column_type(label: str) -> str:
    """"money", "percent", "points" or "text": what the column a header label names holds."""
    head = head_text(label)
    if not head:
        return "text"
    if _POINTS_HEAD.match(head):
        return "points"
    for _, kind, pattern in LEX.columns:
        if kind and pattern.search(head):
            return "percent" if kind == "percent" else "money"
    if _RATE_HEAD.search(head):
        return "percent"
    return "money" if _MONEY_HEAD.search(head) else "text"


def figure(cell: str) -> re.Match | None:
    return _FIGURE.match(cell) if cell and cell[0] in "0123456789+-" else None


def is_value(cell: str) -> bool:
    """A figure, a placeholder or an empty cell: what stands under a value column."""
    return not cell or cell == EMPTY or bool(_PLACEHOLDER.match(cell)) or figure(cell) is not None


def cell_kind(cell: str) -> str:
    if not cell or cell == EMPTY or _PLACEHOLDER.match(cell):
        return "empty"
    m = figure(cell)
    if m is None:
        return "text"
    return {"%": "percent", "分": "points", None: "number"}.get(m["suffix"], "money")


FITS = {"empty": {"money", "percent", "points", "text"}, "number": {"money", "points"},
         "money": {"money"}, "percent": {"percent"}, "points": {"points"}, "text": {"text"}}


def header_types(row: list[str]) -> list[str] | None:
    """The column types of a header row of a budget table (no figure in it, ≥ 2 money or rate columns
    of which one has a lexicon role), else None."""
    if len(row) < 2 or any(figure(c) for c in row):
        return None
    types = [column_type(c) for c in row]
    if sum(t in ("money", "percent") for t in types) < 2:
        return None
    if not any(kind for c in row for _, kind, p in LEX.columns if kind and p.search(head_text(c))):
        return None
    return types


def align_rows(rows: list[list[str]]) -> list[list[str]]:
    """Rows of a flattened table with each figure under its header: under a budget table's header,
    a row split over two lines is joined, a header naming the value columns only gets an empty
    label column, and a row with fewer cells than its header is realigned where its cells leave
    one reading (glued figures cut where the row's arithmetic confirms it)."""
    out: list[list[str]] = []
    types: list[str] | None = None
    header_at = -1
    for k, row in enumerate(rows):
        head = header_types(row)
        if head is not None:
            if _label_column_missing(row, head, rows[k + 1:]):
                row, head = [""] + row, ["text"] + head
            out.append(list(row))
            types, header_at = head, len(out) - 1
            continue
        if types is None:
            out.append(list(row))
            continue
        if len(out) - 1 > header_at and row and figure(row[0]) and out[-1] and not figure(out[-1][0]) \
                and len(out[-1]) + len(row) <= len(types):
            row = out.pop() + row  # "基本支出 | 985.19 | 914.97 |" + "10 | 10 |": one row split over two lines
        if not any(figure(c) or is_glued(c) for c in row):
            if len([c for c in row if c and c != EMPTY]) >= 2:
                types = None  # another table starts (目标, 指标 …)
            out.append(list(row))
            continue
        out.append(_align(row, out[header_at], types) or list(row))
    return out


def realign_grid(rows: list[list[str]]) -> list[list[str]]:
    """A real table's grid (an HTML page's, a Word file's) whose figures stand, by position, under columns that cannot
    hold them (a percentage under 执行数: the header has a cell its rows lack, a merged cell lost, or a row left out
    an empty cell) is read as a flattened table: every row without the empty cells the grid padded it with at its
    end, and each such row realigned where its cells leave one reading. A grid whose figures fit stays as it is."""
    out: list[list[str]] = []
    types = header = None
    ragged = False
    for row in rows:
        cells = _trimmed(row)
        head = header_types(cells)
        if head is not None:
            types, header = head, cells
        elif types is not None and _misplaced(cells, types):
            ragged = True
            cells = _align(cells, header, types) or cells
        out.append(cells)
    return out if ragged else rows


def _trimmed(row: list[str]) -> list[str]:
    end = len(row)
    while end and not row[end - 1].strip():
        end -= 1
    return row[:end]


def _misplaced(cells: list[str], types: list[str]) -> bool:
    """Does a figure stand under a column that cannot hold it (or past the header's last)?"""
    return any(figure(c) and (i >= len(types) or types[i] not in FITS[cell_kind(c)]) for i, c in enumerate(cells))


def _label_column_missing(header: list[str], types: list[str], below: list[list[str]]) -> bool:
    """The header names the value columns only ("年初预算数 | 实际支出"): its first cell names a
    value column, and a row under it is one cell longer, starting with a label."""
    if types[0] == "text":
        return False
    for row in below:
        if header_types(row) is not None or not any(figure(c) for c in row):
            break
        if len(row) == len(header) + 1 and cell_kind(row[0]) == "text":
            return True
    return False


def _align(row: list[str], header: list[str], types: list[str]) -> list[str] | None:
    """The row with each cell under a column that can hold it, when only one placement of its
    figures exists (the label stays in the first column); None when the row cannot be placed."""
    if len(row) >= len(types) or not row or cell_kind(row[0]) != "text":
        return None
    cells = row[1:]
    cols = list(range(1, len(types)))
    placements = _placements(cells, cols, types)
    if not placements:
        return _split_glued(row, header, types)
    chosen = _one_reading(cells, placements, types)
    if chosen is None:
        return None
    out = [row[0]] + [""] * (len(types) - 1)
    for cell, col in zip(cells, chosen):
        out[col] = cell
    return out


def _placements(cells: list[str], cols: list[int], types: list[str]) -> list[tuple[int, ...]]:
    """Every order-keeping placement of the cells in the columns, each cell in a column that fits it
    (at most 65: more than that is no one reading anyway)."""
    kinds = [cell_kind(c) for c in cells]
    n, m = len(cells), len(cols)
    # can[i][j]: cells i… can be placed in columns j…
    can = [[False] * (m + 1) for _ in range(n + 1)]
    for j in range(m + 1):
        can[n][j] = True
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            can[i][j] = can[i][j + 1] or (types[cols[j]] in FITS[kinds[i]] and can[i + 1][j + 1])
    found: list[tuple[int, ...]] = []

    def go(i: int, j: int, taken: tuple[int, ...]) -> None:
        if len(found) > 64:
            return
        if i == n:
            found.append(taken)
            return
        for jj in range(j, m):
            if types[cols[jj]] in FITS[kinds[i]] and can[i + 1][jj + 1]:
                go(i + 1, jj + 1, taken + (cols[jj],))

    if can[0][0]:
        go(0, 0, ())
    return found


def _one_reading(cells: list[str], placements: list[tuple[int, ...]], types: list[str]) -> tuple[int, ...] | None:
    """The placement to take: the figures stand in the same columns in every placement (empty and
    text cells take the first one); or the only difference is a money figure standing under the budget
    or the actual column of a rate of 100 % (then budget = actual: it is read under the budget)."""
    figures = [k for k, c in enumerate(cells) if figure(c)]
    readings = {tuple(p[k] for k in figures) for p in placements}
    if len(readings) == 1:
        return placements[0]
    rates = [c for c in cells if cell_kind(c) == "percent"]
    if len(rates) == 1 and _decimal(rates[0].rstrip("%")) == 100:
        money_cols = [k for k, t in enumerate(types) if t == "money"]
        for p in placements:  # leftmost first: combinations come in order
            moved = {p[k] for k in figures} ^ set.intersection(*({q[k] for k in figures} for q in placements))
            if moved <= set(money_cols) and len(money_cols) == 2:
                return p
    return None


# --- glued figures -------------------------------------------------------------------------
_GLUE = re.compile(r"^[\d.]+%?(?:[\d.]+%?)*$")
_PIECE = re.compile(r"(?:0|[1-9]\d{0,9})(?:\.\d{1,2})?%?")
_MAX_CUTS = 400  # ways to cut one run of glued figures looked at, at most


def is_glued(cell: str) -> bool:
    """Figures written without separators: digits with two decimal points or more."""
    return cell.count(".") >= 2 and bool(_GLUE.match(cell))


def _split_glued(row: list[str], header: list[str], types: list[str]) -> list[str] | None:
    """A cell of figures written without separators ("64.864.864.8100%") cut into as many figures
    as there are free value columns — only when one cut, and one only, makes the row's arithmetic
    hold (its rate = actual ÷ budget to the rate's rounding, points within 100, 得分 ≤ 分值)."""
    glued = [k for k, c in enumerate(row) if k and is_glued(c)]
    if len(glued) != 1:
        return None
    k = glued[0]
    found = []
    for parts in _cuts(row[k], len(types) - len(row) + 1):
        candidate = row[:k] + parts + row[k + 1:]
        placements = _placements(candidate[1:], list(range(1, len(types))), types)
        if len(placements) != 1:
            continue
        placed = {col: cell for cell, col in zip(candidate[1:], placements[0])}
        if _arithmetic_holds(placed, header, types):
            found.append(placed)
    placed = _only_cut(found, types)
    return None if placed is None else [row[0]] + [placed.get(col, "") for col in range(1, len(types))]


def _only_cut(found: list[dict[int, str]], types: list[str]) -> dict[int, str] | None:
    """The one cut the arithmetic confirms; of several, the one whose amounts are all written with
    the same number of decimals, if it is the only one."""
    if len(found) > 1:
        found = [f for f in found if len({c.partition(".")[2].__len__() for col, c in f.items()
                                           if types[col] == "money"}) == 1]
    return found[0] if len(found) == 1 else None


def _cuts(text: str, n: int) -> list[list[str]]:
    """The ways to cut `text` into n figures (a "%" ends the figure before it)."""
    out: list[list[str]] = []
    dead: set[tuple[int, int]] = set()  # (position, figures cut so far) that lead to no cut

    def go(at: int, parts: list[str]) -> None:
        if len(out) >= _MAX_CUTS or (at, len(parts)) in dead:
            return
        if len(parts) == n:
            if at == len(text):
                out.append(parts)
            return
        before = len(out)
        for end in range(at + 1, min(len(text), at + 14) + 1):
            if end < len(text) and text[end] == "%":
                continue  # a percentage keeps its sign
            if _PIECE.fullmatch(text, at, end):
                go(end, parts + [text[at:end]])
        if len(out) == before:
            dead.add((at, len(parts)))

    if len(text) <= 120:
        go(0, [])
    return out


def _arithmetic_holds(placed: dict[int, str], header: list[str], types: list[str]) -> bool:
    """The row's rate equals its actual ÷ one of its budgets (× 100) to the rate's rounding; its points
    are at most 100 and its 得分 at most its 分值."""
    fields = {col: _field(header[col]) for col in placed if col < len(header)}
    points = [_decimal(c) for col, c in sorted(placed.items()) if types[col] == "points" and figure(c)]
    if any(p > 100 for p in points) or (len(points) == 2 and points[1] > points[0]):
        return False
    rates = [c for col, c in placed.items() if types[col] == "percent" and c.endswith("%")]
    money = {col: _decimal(c) for col, c in placed.items() if types[col] == "money" and figure(c)}
    if len(rates) != 1 or len(money) < 2:
        return False
    actual = next((v for col, v in money.items() if fields.get(col) == "actual"), money[max(money)])
    budgets = ([v for col, v in money.items() if fields.get(col) == "adjusted_budget"]
               or [v for col, v in money.items() if fields.get(col) == "initial_budget"] or [money[min(money)]])
    rate = _decimal(rates[0].rstrip("%"))
    places = len(rates[0].rstrip("%").partition(".")[2])
    return any(b > 0 and abs(actual / b * 100 - rate) <= Decimal(5).scaleb(-places - 1) for b in budgets)


def _field(label: str) -> str | None:
    head = head_text(label)
    return next((fld for fld, kind, p in LEX.columns if kind and p.search(head)), None)


_NAME_WORDS = "|".join(f"(?:{p.pattern})" for _, kind, p in LEX.columns if kind)
_GLUED_NAMES = re.compile(rf"(?:(?:{_NAME_WORDS}|分值|自评得分|得分|权重)(?:数|额|金额)?(?:[（(][^()（）]{{0,8}}[)）])?){{3,}}")
_GLUED_NAME = re.compile(rf"(?:{_NAME_WORDS}|分值|自评得分|得分|权重)(?:数|额|金额)?(?:[（(][^()（）]{{0,8}}[)）])?")
_ROW_NAMES = "|".join(f"(?:{p.pattern})" for block, p in LEX.table_rows if block)
_GLUED_FIGURES = re.compile(r"\.(?<=\d\.)\d+\.\d")  # "2456.182456.18" (the point first: the engine scans for it)
_GLUED_ROW = re.compile(rf"(?P<label>{_ROW_NAMES})\s*[:：]?\s*(?P<figures>[\d.]+%?(?:[\d.]+%?)*)")


def glued_form(text: str) -> tuple[str, Table, str] | None:
    """A form's rows glued into one line ("…年初预算数全年预算数全年执行数分值执行率得分年度资金总额
    2456.182456.182456.1810100%10按收入…"): (text before, the header and row as a Table, text
    after), when one cut of the figures, and one only, fills the columns and makes the row's
    arithmetic hold."""
    head = _GLUED_NAMES.search(text) if _GLUED_FIGURES.search(text) else None
    if head is None:
        return None
    row = _GLUED_ROW.match(text, head.end())
    if row is None:
        return None
    names = _GLUED_NAME.findall(head.group())
    types = [column_type(n) for n in names]
    header = [""] + names
    found = []
    for parts in _cuts(row["figures"], len(names)):
        if all(types[c] in FITS[cell_kind(p)] for c, p in enumerate(parts)):
            placed = dict(enumerate(parts, start=1))
            if _arithmetic_holds(placed, header, ["text"] + types):
                found.append(placed)
    placed = _only_cut(found, ["text"] + types)
    if placed is None:
        return None
    cells = [row["label"]] + [placed[c] for c in range(1, len(header))]
    return text[:head.start()], Table(rows=[header, cells]), text[row.end():]


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return Decimal(-1)
