"""Tables flattened into lines → Table blocks (the layout step's table part).

Rows with ``|`` between cells (ragged empty cells, a label/value pair left as written, a row of
prose as prose), one cell per line (blank lines between cells, explicit empty cells as lone ``|``,
group lines above the column names, names broken over lines, 其中： and notes joined, heading rows
kept inside), rows apart by spaces or tabs (blank lines between rows, a header split over two
lines), and a form's row glued into one line. `recover(lines)` finds them all; each becomes a
Table whose figures realign.py has put under their headers.
"""
from __future__ import annotations

import re
from functools import lru_cache
import unicodedata
from itertools import accumulate

from ..understand.lexicon import LEX
from .document import Table
from .normalize import LIST_MARKER, MARKDOWN_RULE, TABLE_MARK, TABLE_VALUE, is_table_line
from .realign import EMPTY, FITS, align_rows, cell_kind, column_type, figure, glued_form, head_text, header_types, is_glued, is_value

_MAX_CELL = 24  # a longer line is prose (or a long text cell), not a label
_NOTE = re.compile(r"^[（(][^()（）]{1,20}[)）]?$")  # "(一个项目一行)", "(万元": a note on the cell before
_PARTS_ALONE = re.compile(r"^其中\s*[:：]?$")
_ROW_LABEL = re.compile(r"^(?:其中|合计|总计|小计)")

# --- rows with "|" between cells ----------------------------------------------------------------
_NOT_A_ROW = re.compile(r"首页|当前位置|您的位置|所在位置")  # a web page's menu or breadcrumb


def _pipe_kind(text: str) -> str | None:
    """"row" (cells between bars), "cell" (one cell closed by a bar, or a lone bar), or None."""
    if "|" not in text or _NOT_A_ROW.search(text):
        return None
    if text.count("|") == 1 and text.endswith("|"):
        return "cell"
    return "row" if _TWO_BARS.search(text) else None


_TWO_BARS = re.compile(r"\|.*\|")


def _grouping_between_rows(lines: list[str], j: int, row=lambda text: _pipe_kind(text) == "row") -> bool:
    """Is line j a form's grouping row ("按收入性质分", written with no bar, or no tab) with a row of the table next?"""
    if not LEX.grouping_row.fullmatch(lines[j].strip()):
        return False
    after = next((t for line in lines[j + 1:j + 3] if (t := line.strip())), "")
    return row(after)


def _pipe_cells(text: str) -> list[str]:
    cells = [c.strip() for c in text.strip().strip("|").split("|")]
    while cells and not cells[-1]:
        cells.pop()
    return [c or EMPTY for c in cells]


def _pipe_run(lines: list[str], i: int) -> tuple[int, list]:
    """The pipe lines from i on: (end, replacement: lines and Tables)."""
    j, kinds = i, []
    while j < len(lines):
        text = lines[j].strip()
        kind = _pipe_kind(text) if text else "blank"
        if kind is None and kinds and _grouping_between_rows(lines, j):
            kind = "row"  # "按支出性质分" between the form's rows: one of them
        if kind is None:
            break
        kinds.append((j, kind))
        j += 1
    while kinds and kinds[-1][1] == "blank":
        kinds.pop()
    end = kinds[-1][0] + 1
    if any(lines[n].strip() == "|" for n, _ in kinds):
        lines, kinds = _rows_rejoined(lines, kinds)
    cells = [k for _, k in kinds if k == "cell"]
    if len(cells) >= 4 and len(cells) >= 0.6 * sum(k != "blank" for _, k in kinds):
        texts = [lines[n].strip()[:-1].strip() or EMPTY for n, k in kinds if k != "blank"]
        return end, _pipe_cell_items(texts)
    # a few lines closed by a bar among rows (a title "…部门决算 |") are kept, as one-cell rows, not dropped
    rows = [(n, _pipe_cells(lines[n])) for n, k in kinds if k != "blank" and not MARKDOWN_RULE.match(lines[n])]
    return end, _rows_to_blocks(lines, rows)


def _rows_rejoined(lines: list[str], kinds: list[tuple[int, str]]) -> tuple[list[str], list[tuple[int, str]]]:
    """The run's rows broken after their opening bar (rejoin_opened_rows) as one line each: (the lines so mended, a
    copy, and their kinds)."""
    lines = list(lines)
    merged: set[int] = set()
    gone: set[int] = set()
    for n, end, text in opened_rows(lines, kinds[0][0], kinds[-1][0] + 1):
        lines[n] = text
        merged.add(n)
        gone.update(range(n + 1, end))
    return lines, [(n, (_pipe_kind(lines[n]) or "cell") if n in merged else kind) for n, kind in kinds if n not in gone]


def opened_rows(lines: list[str], start: int = 0, stop: int | None = None) -> list[tuple[int, int, str]]:
    """Rows a page broke after their opening bar, their cells on the lines after it up to the next row's bar ("|" /
    "一级 指标 |" / "二级指标 | 三级指标 | …"): (line of the bar, end, the row as one line) each."""
    out: list[tuple[int, int, str]] = []
    stop = len(lines) if stop is None else stop
    n = start
    while n < stop:
        if lines[n].strip() != "|":
            n += 1
            continue
        text, end = "|", n + 1
        while end < stop and "|" in (piece := lines[end].strip()) and not piece.startswith("|"):
            text += (" " if text.endswith("|") else "") + piece
            end += 1
        if any(_pipe_kind(lines[k].strip()) == "row" for k in range(n + 1, end)):
            out.append((n, end, text))  # (a form one cell per line, each closed by a bar, has no row to rejoin)
        n = end
    return out


def rejoin_opened_rows(lines: list[str]) -> list[str]:
    """`lines` with each row broken after its opening bar (opened_rows) as one line."""
    merges = opened_rows(lines)
    if not merges:
        return lines
    out: list[str] = []
    at = 0
    for n, end, text in merges:
        out += lines[at:n] + [text]
        at = end
    return out + lines[at:]


def _pipe_cell_items(texts: list[str]) -> list:
    """Cells closed by bars, one per line: their tables, and the other cells as lines (empty ones dropped)."""
    out: list = []
    at = 0
    for start, end, items in _cell_tables(texts, explicit_empty=True):
        out.extend(t for t in texts[at:start] if t != EMPTY)
        out.extend(items)
        at = end
    out.extend(t for t in texts[at:] if t != EMPTY)
    return out


_PROSE_CELL = re.compile(r"[。；;！？]|^.{61,}$")  # a cell of sentences, not of a table


def _rows_to_blocks(lines: list[str], rows: list[tuple[int, list[str]]]) -> list:
    """Pipe rows → Tables (runs of two or more table rows) and lines (a label/value pair stays as
    written, a row of one cell becomes its text)."""
    out: list = []
    run: list[list[str]] = []

    def flush():
        if len(run) >= 2:
            out.append(Table(rows=align_rows(run)))
        else:
            out.extend("\t".join(c for c in r if c != EMPTY) for r in run)
        run.clear()

    for n, cells in rows:
        cells = [c for c in cells]
        filled = [c for c in cells if c != EMPTY]
        if not filled:
            continue
        if run and figure(cells[0]) and not figure(run[-1][0]):
            run.append(cells)  # the rest of a row split over two lines: align_rows joins it
            continue
        if run and len(filled) == 1 and LEX.grouping_row.fullmatch(filled[0]):
            run.append(filled)  # "按支出性质分": the rows under it go on under the same header
            continue
        prose = not any(figure(c) for c in cells) and any(_PROSE_CELL.search(c) for c in cells)
        if not prose and (len(cells) >= 3 or (run and len(cells) == 2 and (figure(cells[1]) or is_glued(cells[1])))):
            run.append(cells)
            continue
        flush()
        if len(filled) == 1 and len(cells) == 1:
            out.append(filled[0])
        else:  # a label/value pair stays as written; a row of prose cells is prose, its cells apart by tabs
            out.append("\t".join(filled) if prose and len(cells) >= 3 else lines[n].strip())
    flush()
    return out


# --- one cell per line ---------------------------------------------------------------------------
def _is_column_name(cell: str) -> bool:
    return 0 < len(cell) <= 20 and not figure(cell) and not _has_prose_mark(cell)


def _has_prose_mark(text: str) -> bool:
    """A clause or sentence mark (，。；;) in it: prose, not a cell's name or a row."""
    for mark in "，。；;":  # (asked with `in`, a plain loop: a third of a regex search's cost, on every line)
        if mark in text:
            return True
    return False


_SPACED_WORDS = re.compile(r"\s\s")  # words two spaces apart, in a stripped line (the engine scans for \s)


def _cell_tables(cells: list[str], explicit_empty: bool = False) -> list[tuple[int, int, list]]:
    """Tables in cells written one per line: (first cell, end, [group lines…, Table]) each, in
    indexes of `cells`."""
    joined, ends = _join_notes(cells)
    starts = [0] + [e + 1 for e in ends[:-1]]
    out = []
    k = 0
    while k < len(joined):
        found = _table_at(joined, k, explicit_empty) if _is_column_name(joined[k]) else None
        if found is None:
            k += 1
            continue
        items, end = found
        out.append((starts[k], ends[end - 1] + 1, items))
        k = end
    return out


_MAX_COLUMNS = 40  # more names than this before the first figure: no table's header


def _table_at(cells: list[str], k: int, explicit_empty: bool) -> tuple[list, int] | None:
    """A table whose cells start at k: ([group lines…, Table], index after its last cell), or None.

    The column names come first, then rows: a label, then its values (figures, placeholders, empty
    cells; a long text in a text column). A run of names longer than the widest row holds group
    lines above the header (经费控制情况（万元）, 年度预算申请), and the name just before the value
    columns heads the label column."""
    first = next((j for j in range(k, min(len(cells), k + _MAX_COLUMNS)) if is_value(cells[j]) and cells[j] != EMPTY),
                 None)
    if first is None or first - k < 3:
        return None
    unlabelled = _unlabelled_table(cells, k, first, explicit_empty)
    if unlabelled is not None:
        return unlabelled
    label_at = first - 2 if first - k >= 4 and _wrapped_label(cells[first - 2], cells[first - 1]) else first - 1
    names = cells[k:label_at]  # (the first row's label may be broken over two cells: "年度资金" / "总额")
    if not all(_is_column_name(c) for c in names[-2:]):
        return None
    rows, used = _label_rows(cells[label_at:], explicit_empty)
    if not rows:
        return None
    width = max(len(r) for r in rows) - 1  # value columns
    if width < 2 or len(names) < width:
        return None
    groups, label_name, value_names = _header_names(names, width)
    # (a value column's name, or the first line of one, above the header: the header is wider than the rows, a cell
    # of the row unread, "全年预算数" / "全年" / "执行数" / … over a row of one value fewer: no column is known)
    above = groups[-1] if groups else cells[k - 1] if k else None
    if above is not None and (_covered_kind(above) or _covered_kind(above + (label_name or value_names[0]))):
        return None
    header = [label_name] + value_names
    if header_types(header) is None or not all(_is_column_name(c) for c in value_names):
        return None
    return [c for c in groups if c != EMPTY] + [Table(rows=align_rows([header] + rows))], label_at + used


def _unlabelled_table(cells: list[str], k: int, first: int, explicit_empty: bool) -> tuple[list, int] | None:
    """Column names, then a row of values with no label ("年初预算 / 调整后预算 / 实际支出 / 执行率 /
    226.40 / 260.00 / 255.60 / 98.31%"): the last name before the values is a column's, not the row's
    label, when it is a name the lexicon knows and every value then fits its column (a rate under the
    rate) while, read as the row's label, some value would not. ([group lines…, Table], end) or None."""
    if name_score(cells[first - 1]) < 3:
        return None
    end = first
    while end < len(cells) and is_value(cells[end]) and cells[end] != EMPTY:
        end += 1
    width = end - first
    names = cells[k:first]
    if width < 2 or len(names) < width + 1 or not all(_is_column_name(c) for c in names):
        return None
    groups, label_name, value_names = _header_names(names, width)
    if _covered_kind(label_name):
        # a value column's name left over ("年初预算 / 调整后预算 / 实际支出 / 执行率 / 300.00 / 315.00 / 98.44%"):
        # an empty cell was dropped, which one nothing says; the cells stay lines, no money column's figures
        # (the one rate under the one rate column, last, is that column's whichever money cell is missing)
        values = cells[first:end]
        rates = [c for c in values if cell_kind(c) == "percent"]
        if rates == values[-1:] and [_covered_kind(n) for n in names].count("percent") == 1 \
                and _covered_kind(names[-1]) == "percent":
            return names[:-1] + values[:-1] + [f"{names[-1]}：{values[-1]}"], end
        return names + values, end
    if not _fits(value_names, cells[first:end]) or _fits(_header_names(names[:-1], width)[2], cells[first:end]):
        return None
    header = [""] + value_names
    if header_types(header) is None:
        return None
    rows, used = _label_rows(cells[end:], explicit_empty)
    rows = [r for r in rows if len(r) == len(header)]
    table = Table(rows=align_rows([header, [""] + cells[first:end]] + rows))
    return [c for c in groups + [label_name] if c and c != EMPTY] + [table], end + used


def _fits(names: list[str], values: list[str]) -> bool:
    """Does each value fit the column its name heads (a percentage under a rate, money under money)?"""
    return len(names) == len(values) and all(column_type(n) in FITS[cell_kind(v)] for n, v in zip(names, values))


_NAME_END = re.compile(r"^(?:数|额|金额|资金|总额|值)?(?:[（(].*)?$")


def _covered_kind(text: str) -> str | None:
    """The kind (money, percent) of the lexicon's column name covering `text` whole ("实际支出", "执行率")."""
    head = head_text(text)
    for _, kind, pattern in LEX.columns:
        m = pattern.match(head) if kind else None
        if m and _NAME_END.match(head[m.end():]):
            return kind
    return None


def name_score(text: str) -> float:
    """How well `text` reads as one column name: a lexicon role covering it 3, a role inside it or a
    column of money or rates 2, anything else 0."""
    if figure(text):
        return -9
    head = head_text(text)
    if column_type(text) == "points":
        return 3
    inside = False
    for _, kind, pattern in LEX.columns:
        if not kind:
            continue
        m = pattern.match(head)
        if m and _NAME_END.match(head[m.end():]):
            return 3
        inside = inside or bool(pattern.search(head))
    return 2 if inside or column_type(text) != "text" else 0


_TAIL_ALONE = re.compile(r"^[数额]\s*(?:[（(][A-Za-z0-9/+\-×*＋－\s]{1,8}[)）])?$")
_NAME_TAIL = re.compile(r"(?:数|额|率|值|分|算|权重|原因|[)）])$")


def _complete(name: str) -> bool:
    """A column name that ends as one does (年初预算数, 执行率, 权重), not a broken-off head (年初, 全年)."""
    return name_score(name) >= 2 and bool(_NAME_TAIL.search(name))


def _header_names(names: list[str], width: int) -> tuple[list[str], str, list[str]]:
    """(group lines, label column's name, `width` value column names) from the names before the first
    row; a name a narrow column broke over lines ("年初" / "预算数") is joined again: of every way to
    make `width` names of the last ones (one to three lines each), the one that reads best."""
    n = len(names)
    best: dict[tuple[int, int], tuple[float, list[str]]] = {(n, 0): (0.0, [])}
    for g in range(1, width + 1):
        for start in range(n - 1, -1, -1):
            options = []
            for size in (1, 2, 3):
                rest = best.get((start + size, g - 1))
                if rest is None or start + size > n:
                    continue
                text = "".join(names[start:start + size])
                if size > 1 and (len(text) > 20 or any(figure(c) for c in names[start:start + size])):
                    continue
                if _TAIL_ALONE.match(names[start]):
                    continue  # "数", "数（A）": the end of the name above it ("年初预算" ⏎ "数"), no column's own
                kinds = {_covered_kind(c) for c in names[start:start + size]}
                if size > 1 and {"money", "percent"} <= kinds:
                    continue  # "实际支出" + "执行率": two columns' names, never one broken over lines
                joins = sum(0.0 if _TAIL_ALONE.match(b) else 3.0 if _complete(a) else 0.6
                            for a, b in zip(names[start:start + size - 1], names[start + 1:start + size]))
                options.append((name_score(text) - joins + rest[0], [text] + rest[1]))
            if options:
                best[(start, g)] = max(options, key=lambda o: o[0])
    def reading(st: int) -> float:  # a value column's name left over as the label column's reads worse
        return best[(st, width)][0] - (max(0.0, name_score(names[st - 1])) if st >= 1 else 0.0)

    start = max((st for (st, g) in best if g == width), key=lambda st: (reading(st), st))
    value_names = best[(start, width)][1]
    label_name = names[start - 1] if start >= 1 else ""
    return names[:max(0, start - 1)], label_name, value_names


def _join_notes(cells: list[str]) -> tuple[list[str], list[int]]:
    """Cells with a note in brackets joined to the cell before it ("项目支出" + "（一个项目一行）") and
    "其中：" alone to the label after it; with, per cell, the index of the last input cell in it."""
    out: list[str] = []
    ends: list[int] = []
    for k, cell in enumerate(cells):
        if out and _NOTE.match(cell) and not figure(out[-1]) and out[-1] != EMPTY:
            out[-1] += cell
            ends[-1] = k
        elif out and _PARTS_ALONE.match(out[-1]) and not is_value(cell):
            out[-1] += cell
            ends[-1] = k
        else:
            out.append(cell)
            ends.append(k)
    return out, ends


def _label_rows(cells: list[str], explicit_empty: bool) -> tuple[list[list[str]], int]:
    """Rows from a label and the values after it; stops at the first cell that is neither. A label
    with no figure (a heading row: 三公经费, 其中：公车购置) stays in the table when rows with figures
    follow it."""
    rows: list[list[str]] = []
    k = end = kept = 0
    while k < len(cells):
        label = cells[k]
        if is_value(label) or _is_text_value(label):
            break
        j = k + 1
        if j + 1 < len(cells) and is_value(cells[j + 1]) and _wrapped_label(label, cells[j]):
            label, j = label + cells[j], j + 1  # "其中：基本" / "支出": a label a narrow column broke over two lines
        values = []
        while j < len(cells):
            cell = cells[j]
            if is_value(cell) or _is_text_value(cell):
                values.append(cell)
            elif values and not _starts_row(cells, j) and rows and len(values) + 1 < len(rows[0]):
                values.append(cell)  # a short text in a text column ("项目经费增加")
            else:
                break
            j += 1
        if not any(figure(v) for v in values):
            if not rows or column_type(label) != "text" or len(rows) - kept >= 4:
                break
            rows.append([label] + values)  # a heading row, kept if rows with figures follow
            k = j
            continue
        rows.append([label] + values)
        k = end = j
        kept = len(rows)
    rows = rows[:kept]
    while rows and len(rows[-1]) > 2 and _is_text_value(rows[-1][-1]):
        rows[-1] = rows[-1][:-1]  # a note after the table ("说明：…"), not its last cell
        end -= 1
    return rows, end


def _wrapped_label(first: str, second: str) -> bool:
    """Are two cells one row label broken over two lines ("年度资金" / "总额", "其中：基本" / "支出", "项目" / "支出"): the
    first names no row the lexicon knows, the two together do, by words across the break (not "得分" / "年度资金总额":
    a column's name, then a label)?"""
    if is_value(first) or is_value(second) or len(first) + len(second) > _MAX_CELL:
        return False
    joined, cut = first + second, len(first)
    return not _names_a_row(first) and any(m.start() < cut < m.end() for block, p in LEX.table_rows if block
                                           for m in p.finditer(joined))


def _names_a_row(label: str) -> bool:
    return any(p.search(label) for block, p in LEX.table_rows if block)


def _is_text_value(cell: str) -> bool:
    """A cell of prose (a reason, a note): a value of a text column, never a row's label."""
    return len(cell) > _MAX_CELL or bool(_SENTENCE_MARK.search(cell))


_SENTENCE_MARK = re.compile(r"[。；;！？]")


def _starts_row(cells: list[str], j: int) -> bool:
    """Does the short text at j start a row: a row label, or a cell followed by a value?"""
    if _ROW_LABEL.match(cells[j]) or any(p.search(cells[j]) for _, p in LEX.table_rows):
        return True
    return j + 1 < len(cells) and is_value(cells[j + 1])


# --- rows apart by spaces or tabs ------------------------------------------------------------
@lru_cache(maxsize=4096)  # (asked of each short line that is no prose; reports repeat their lines)
def _is_row_header(line: str) -> bool:
    cells = line.split()
    return len(cells) >= 2 and all(_is_column_name(c) for c in cells) and header_types(cells) is not None


def _text_rows(lines: list[str]) -> list[list[str]]:
    """Cells of flattened rows: the words before a row's first figure are its label."""
    rows = []
    # (cells apart by "|" or tabs when every line has them: a space there may be a figure's, "1 248.66")
    sep = next((mark for mark in "|\t" if all(mark in line for line in lines)), None)
    for line in lines:
        cells = [part for c in line.split(sep) if c.strip() for part in _spaced_cells(c.strip())] if sep else line.split()
        k = next((n for n, c in enumerate(cells) if TABLE_VALUE.match(c)), len(cells))
        rows.append(cells if k == len(cells) else ["".join(cells[:k])] + cells[k:])
    head, body = rows[0], rows[1:]
    if body and all(len(r) == len(head) + 1 for r in body if r[0]):
        rows[0] = [""] + head  # the header names the value columns only
    return align_rows(rows)


def _spaced_cells(cell: str) -> list[str]:
    """A cell between "|" or tabs that holds several figures or column names apart by spaces ("1320.00 1384.60",
    "年初预算数 调整后预算数"): those; one figure with a space among its thousands ("1 248.66"), a label: itself."""
    words = cell.split()
    if len(words) < 2 or _SPACED_THOUSANDS.search(cell):
        return [cell]
    if all(TABLE_VALUE.match(w) for w in words) or all(_is_column_name(w) for w in words):
        return words
    return [cell]


_SPACED_THOUSANDS = re.compile(r"(?<![\d.])\d{1,3}(?: \d{3})+(?:\.\d+)?(?![\d.])")


def _one_spaced(line: str) -> str:
    """The line with runs of spaces made one (tabs kept: they part cells), a percent sign set apart from its number
    joined to it ("85.22 %": one cell, not two)."""
    return "\t".join(" ".join(part.split()) for part in _SPACED_PERCENT.sub(r"\1\2", line.strip()).split("\t"))


_SPACED_PERCENT = re.compile(r"(\d) +([%％])")


def _row_run(lines: list[str], i: int) -> tuple[int, Table] | None:
    """Rows apart by spaces from line i on (blank lines between them allowed): two or more rows, or
    a header the lexicon knows and the rows under it."""
    first = lines[i].strip()
    if not is_table_line(first) and not _is_row_header(first):  # (the cheaper test first)
        return None
    taken = [i]
    j = i + 1
    while j < len(lines):
        text = lines[j].strip()
        if not text:
            j += 1
            continue
        if text.startswith(TABLE_MARK) or not (is_table_line(text) or _grouping_between_rows(lines, j, is_table_line)):
            break
        taken.append(j)
        j += 1
    if len(taken) < 2:
        return None
    return taken[-1] + 1, Table(rows=_text_rows([_one_spaced(lines[n]) for n in taken]))


# --- a header row split over two lines -----------------------------------------------------
def _spans(line: str) -> list[tuple[int, int, str]]:
    """Words of a line with their printed columns (CJK characters two wide)."""
    if "\t" in line:
        return []
    spans = []
    starts = [0, *accumulate(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)]
    # a word: single spaces inside, two or more between words
    for m in re.finditer(r"\S+(?:\s\S+)*?(?=\s{2,}|\s*$)", line):
        spans.append((starts[m.start()], starts[m.end()], m.group()))
    return spans


_A_DIGIT = re.compile(r"\d")


def merge_split_header(upper: str, lower: str, after: str) -> str | None:
    """Two lines of column names, one under the other ("年初" over "预算数"), above a row of figures
    → one header row (cells apart by tabs), or None.

    Only space-aligned text, where a word stands above or below the column it belongs to: each word
    of the line with fewer words joins the word of the other line its printed span overlaps; a word
    overlapping none, or two words on one, and the lines are left alone."""
    if "  " not in upper and "  " not in lower:
        return None
    if not any(TABLE_VALUE.match(c) for c in after.split()) or not is_table_line(" ".join(after.split())):
        return None
    if max(len(upper), len(lower)) > 200:
        return None  # prose, not column names
    a, b = _spans(upper), _spans(lower)
    if not a or not b or len(a) == len(b) or any(TABLE_VALUE.match(w) or _A_DIGIT.search(w) for *_, w in a + b):
        return None
    full, part = (a, b) if len(a) > len(b) else (b, a)
    if len(full) < 3 or any(len(w) > 8 for *_, w in a + b):
        return None
    joined = {}
    for s, e, w in part:
        hits = [k for k, (fs, fe, _) in enumerate(full) if min(e, fe) > max(s, fs)]
        if len(hits) != 1 or hits[0] in joined:
            return None
        joined[hits[0]] = w
    words = [(joined.get(k, "") + w if full is b else w + joined.get(k, "")) for k, (_, _, w) in enumerate(full)]
    return "\t".join(words)


# --- all of it ------------------------------------------------------------------------------------
def recover(lines: list[str]) -> list[tuple[int, int, list]]:
    """Edits that turn a page's lines (as laid out: blank lines, spacing) into blocks: each
    (start, end, replacement) replaces lines[start:end] by lines (str) and Tables."""
    edits: list[tuple[int, int, list]] = []
    i = 0
    n = len(lines)
    while i < n:
        text = lines[i].strip()
        if not text or text.startswith(TABLE_MARK):
            i += 1
            continue
        if "|" in text and _pipe_kind(text):  # (the bar looked for here: most lines have none, no call for them)
            end, items = _pipe_run(lines, i)
            edits.append((i, end, items))
            i = end
            continue
        # A line of prose (，。；; in it) starts no rows apart by spaces, nor a header split over two
        # lines: is_table_line and _is_row_header refuse it, and a merged header keeps its words.
        found = None if _has_prose_mark(text) else _space_rows_at(lines, i)
        if found:
            edits.append((i, found[0], [found[1]]))
            i = found[0]
            continue
        numbered = _numbered_rows_at(lines, i) if text == "序号" else None
        if numbered:
            edits.append((i, numbered[0], [numbered[1]]))
            i = numbered[0]
            continue
        if len(text) <= _MAX_CELL and not figure(text):
            i, found = _cell_run(lines, i)
            edits.extend(found)
            continue
        glued = glued_form(text)
        if glued:
            before, table, after = glued
            edits.append((i, i + 1, [x for x in (before.strip(), table, after.strip()) if x]))
        i += 1
    return edits


def _numbered_rows_at(lines: list[str], i: int) -> tuple[int, Table] | None:
    """A table one cell per line whose header opens with 序号 and whose rows open with their numbers in turn ("序号" /
    "任务名称" / "预算金额（万元）" / "1" / "加强政策宣传，开展主题活动14场" / "133.23" / "2" / …): its cells may be long
    texts, each row as wide as the header. (end, Table), or None."""
    cells: list[tuple[int, str]] = []  # (line, text) of the cells from line i on, blank lines left out
    j = i
    while j < len(lines) and len(cells) < _NUMBERED_CELLS_MAX:
        if lines[j].strip():
            cells.append((j, lines[j].strip()))
        j += 1
    width = 1
    while width < len(cells) and width < _NUMBERED_WIDTH_MAX and _is_column_name(cells[width][1]) \
            and not cells[width][1].isdigit():
        width += 1
    names = [c for _, c in cells[1:width]]
    if not 3 <= width <= _NUMBERED_WIDTH_MAX - 1 or not any(_MONEY_OR_WORK.search(c) for c in names) \
            or any(_LIST_COLUMN.search(c) for c in names):
        return None  # (a table of money or of work: a list of problems or plans under 序号 is the lists' readers', cell by cell)
    rows: list[list[str]] = []
    k = width
    while k + width <= len(cells) and cells[k][1] == str(len(rows) + 1):
        row = [text for _, text in cells[k:k + width]]
        if any(len(c) > _NUMBERED_CELL or LIST_MARKER.match(c) or c == str(len(rows) + 2) for c in row[1:]):
            break  # (a heading, a paragraph, or the next row's number: the row has fewer cells than the header)
        rows.append(row)
        k += width
    if len(rows) < 2:
        return None
    return cells[k - 1][0] + 1, Table(rows=[[text for _, text in cells[:width]]] + rows)


_NUMBERED_CELLS_MAX = 400  # cells looked at for one such table
_MONEY_OR_WORK = re.compile(r"资金|金额|经费|预算|支出|万元|元[)）]|任务|工作|事项")
_LIST_COLUMN = re.compile(r"问题|措施|建议|整改|原因|不足")
_NUMBERED_WIDTH_MAX = 9  # 序号 and up to seven more columns
_NUMBERED_CELL = 80  # characters of a cell's text: a longer line is a paragraph


def _space_rows_at(lines: list[str], i: int) -> tuple[int, Table] | None:
    """Rows apart by spaces from line i on, under a header split over lines i and i + 1 or not:
    (end, Table), or None."""
    if i + 2 < len(lines):
        merged = merge_split_header(lines[i].rstrip(), lines[i + 1].rstrip(), lines[i + 2])
        if merged is not None:
            found = _row_run([merged] + lines[i + 2:], 0)
            if found:
                return i + 1 + found[0], found[1]
    return _row_run(lines, i)


_SECTION_TITLE = re.compile(r"[一二三四五六七八九十]{1,2}、\s*\S")  # ("四、存在的问题", "五、改进措施")


def _cell_run(lines: list[str], i: int) -> tuple[int, list[tuple[int, int, list]]]:
    """Short lines from line i on, one cell each (blank lines between cells allowed): (end of the
    run, edits of the tables found in it, and of a table of numbered rows that ends it)."""
    taken: list[int] = []
    numbered = None  # (end, Table) of a table of numbered rows the run ran into
    j = i
    while j < len(lines):
        text = lines[j].strip()
        if not text:
            j += 1
            continue
        # (a line of one word, most cells, is no table line and has no words apart: not asked so)
        if (len(text) > _MAX_CELL and not figure(text)) or text.startswith(TABLE_MARK) or ("|" in text and _pipe_kind(text)) \
                or (words := len(text.split())) > 3 or (words > 1 and (is_table_line(text) or _SPACED_WORDS.search(text))) \
                or (text == "序号" and j > i and (numbered := _numbered_rows_at(lines, j))) \
                or (taken and _SECTION_TITLE.match(text)):
            break  # (a section's title after a form's last cell, "四、存在的问题": no cell of it)
        taken.append(j)
        j += 1
    after = [(j, numbered[0], [numbered[1]])] if numbered else []
    end = numbered[0] if numbered else taken[-1] + 1 if taken else i + 1
    if len(taken) < 5:
        return end, after
    tables = _cell_tables([lines[n].strip() for n in taken])
    return end, [(taken[a], taken[b - 1] + 1, items) for a, b, items in tables] + after
