"""Excel workbooks: .xlsx (openpyxl) and .xls (xlrd), every sheet a Table block.

A sheet is read as one grid (the 自评表 puts a form, a budget table and an
indicator table one under the other; understanding finds each header row):
merged cells expanded, empty rows and columns dropped, each cell's text as
Excel shows it (its number format's decimals, percent and thousands
separators), so evidence quotes the cell as the reader sees it.
"""
from __future__ import annotations

import html
import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from io import BytesIO
from pathlib import Path

from .. import labels
from ..errors import NotAReport, UnreadableInput
from ..model import Source
from . import limits
from .document import Document, Location, Table
from .normalize import clean_cell

_GENERIC_SHEET = re.compile(r"^(?:Sheet|工作表|sheet)\s*\d*$")
_PLACES = re.compile(r"0\.(0+)")


# --- perflib's own workbooks ---------------------------------------------------------------------
_CREATOR = re.compile(rb"<dc:creator[^>]*>\s*" + re.escape(labels.WORKBOOK_CREATOR.encode()) + rb"\s*</dc:creator>")
_SHEET_NAME = re.compile(rb'<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"')
# A workbook of an older perflib (no author named): its sheets, and the header its first sheet opens with.
_OWN_SHEETS = {(labels.REVIEW_SHEET,): ("review sheet (复核表)", "优先级（priority）"),
               (labels.REPORTS_SHEET,): ("dataset workbook", "报告编号"),
               (labels.REPORTS_SHEET, labels.INDICATOR_SHEET): ("dataset workbook", "报告编号")}
_TAG = re.compile(r"<[^>]*>")
_PART_HEAD = 64 * 1024  # (these parts are small; a lying archive inflates no more than this)


def own_workbook(source) -> str | None:
    """What perflib workbook this .xlsx is (its review sheet, its dataset), else None: one perflib wrote
    names perflib as its author; one from an older perflib has perflib's sheets, and no others, and
    opens with perflib's header. Read as a report, a filled review sheet gave a department-year of its
    own. (`source`: a path or the file's bytes; only the openings of a few small parts are read.)"""
    import zipfile

    try:
        with zipfile.ZipFile(BytesIO(source) if isinstance(source, bytes) else source) as zf:
            names = set(zf.namelist())

            def head(part):
                if part not in names:
                    return b""
                with zf.open(part) as fh:
                    return fh.read(_PART_HEAD)

            if _CREATOR.search(head("docProps/core.xml")):
                return "workbook"
            sheets = tuple(n.decode("utf-8", "replace") for n in _SHEET_NAME.findall(head("xl/workbook.xml")))
            if sheets not in _OWN_SHEETS:
                return None
            what, header = _OWN_SHEETS[sheets]
            opening = (head("xl/sharedStrings.xml") + head("xl/worksheets/sheet1.xml")).decode("utf-8", "replace")
            # the text without its markup: openpyxl writes 优 as &#20248;, LibreOffice may split a cell
            # into runs (<t>优先级（</t>…<t>priority</t>…)
            return what if header in html.unescape(_TAG.sub("", opening)) else None
    except Exception:  # not a zip, no workbook part, unreadable: the reader says what is wrong
        return None


def read_xlsx(p: Path, data: bytes, digest: str) -> Document:
    import openpyxl

    limits.check_zip_bytes(p, data, "Excel")  # before openpyxl inflates anything
    own = own_workbook(data)
    if own:
        raise NotAReport(f"{p}: perflib's own {own}, not a report (a filled review sheet is passed with "
                         "--corrections).", kind="other")
    try:
        # Not read-only: merged ranges are only known to a fully loaded sheet.
        wb = openpyxl.load_workbook(BytesIO(data), data_only=True)
    except Exception as exc:  # BadZipFile, KeyError (missing part), XML errors, InvalidFileException
        raise UnreadableInput(f"{p}: the Excel file is damaged ({_reason(exc)}).") from None
    try:
        tables = []
        shown = _shown([ws.sheet_state == "visible" for ws in wb.worksheets])
        for n, ws in enumerate(wb.worksheets, start=1):
            if not shown[n - 1]:
                continue
            limits.check_cells(p, ws.max_row * ws.max_column)
            values = [[_text(c.value, c.number_format) for c in row] for row in ws.iter_rows()]
            merges = [(m.min_row - 1, m.max_row, m.min_col - 1, m.max_col) for m in ws.merged_cells.ranges]
            hidden_cols = {c - 1 for d in ws.column_dimensions.values()
                           if d.hidden or (d.customWidth and d.width == 0) for c in range(d.min or 0, (d.max or 0) + 1)}
            hidden_rows = {r - 1 for r, d in ws.row_dimensions.items() if d.hidden}
            tables.append(_sheet_table(ws.title, n, values, merges, hidden_rows, hidden_cols))
    except UnreadableInput:
        raise
    except Exception as exc:
        raise UnreadableInput(f"{p}: the Excel file is damaged ({_reason(exc)}).") from None
    finally:
        wb.close()
    return _document(p, Source(str(p), "xlsx", None, digest, pages=len(tables)), tables)


def read_xls(p: Path, data: bytes, digest: str) -> Document:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=False)
    except Exception as exc:  # XLRDError, CompDocError, struct errors on damaged records
        raise UnreadableInput(f"{p}: the Excel file is damaged ({_reason(exc)}).") from None
    try:
        tables = []
        sheets = [book.sheet_by_index(n) for n in range(book.nsheets)]
        shown = _shown([sheet.visibility == 0 for sheet in sheets])
        for n, sheet in enumerate(sheets):
            if not shown[n]:
                continue
            limits.check_cells(p, sheet.nrows * sheet.ncols)
            values = [[_xls_text(book, sheet, r, c) for c in range(sheet.ncols)] for r in range(sheet.nrows)]
            hidden_cols = {c for c, info in sheet.colinfo_map.items() if info.hidden or info.width == 0}
            hidden_rows = {r for r, info in sheet.rowinfo_map.items() if info.hidden}
            tables.append(_sheet_table(sheet.name, n + 1, values, list(sheet.merged_cells), hidden_rows, hidden_cols))
    except UnreadableInput:
        raise
    except Exception as exc:
        raise UnreadableInput(f"{p}: the Excel file is damaged ({_reason(exc)}).") from None
    finally:
        book.release_resources()
    return _document(p, Source(str(p), "xls", None, digest, pages=len(tables)), tables)


def _document(p: Path, source: Source, tables: list[Table | None]) -> Document:
    blocks = _in_reading_order([t for t in tables if t is not None])
    if not blocks:
        raise UnreadableInput(f"{p}: the workbook's sheets are all empty.")
    return Document(source, blocks)


def _shown(visible: list[bool]) -> list[bool]:
    """The sheets read: the visible ones (a hidden sheet is a draft, another year's copy: not the
    report a reader sees); all of them when none is."""
    return visible if any(visible) else [True] * len(visible)


# A sheet of another year ("上年度", "2022年度" beside "2023年度") or of a project's (项目自评表, 项目明细)
# is not the report's own: read after the others (the first figure stated is the one taken).
_EARLIER_SHEET = re.compile(r"上年|上一年|去年|以前年度")
_SHEET_YEAR = re.compile(r"(20\d\d)\s*年")
_PROJECT_SHEET = re.compile(r"项目.*(?:自评|明细|绩效|评价)")
_WHOLE_SHEET = re.compile(r"部门|整体")
# …but a later year's sheet that is a plan (next year's 绩效目标申报表, 预算申报) does not put this
# year's sheet aside: it states no spending to read.
_PLAN_SHEET = re.compile(r"申报|目标表")
_RESULT_SHEET = re.compile(r"自评|评价|结果|完成情况|执行情况")  # ("绩效目标表及自评结果": the report's own)


def _in_reading_order(tables: list[Table]) -> list[Table]:
    """The sheets, the workbook's own first: another year's sheet and a project's sheet after the
    others (kept in their order), when there are others."""
    def year_and_rest(name: str) -> tuple[int | None, str]:
        m = _SHEET_YEAR.search(name)
        return (int(m.group(1)), name[:m.start(1)] + name[m.end(1):]) if m else (None, name)

    named = [year_and_rest(t.loc.sheet or "") for t in tables if not _is_plan(t)]

    def aside(t: Table) -> bool:
        name = t.loc.sheet or ""
        year, rest = year_and_rest(name)
        if _EARLIER_SHEET.search(name) or any(year and y and y > year and r == rest for y, r in named):
            return True  # "上年度"; "2022年度" beside "2023年度" (the same name but a later year)
        heads = [name, t.title or ""]
        return any(_PROJECT_SHEET.search(h) for h in heads) and not any(_WHOLE_SHEET.search(h) for h in heads)

    later = [aside(t) for t in tables]
    if all(later):
        return tables
    return [t for t, x in zip(tables, later) if not x] + [t for t, x in zip(tables, later) if x]


def _is_plan(t: Table) -> bool:
    heads = [t.loc.sheet or "", t.title or ""] + [c for row in t.rows[:3] for c in row]
    return any(_PLAN_SHEET.search(h or "") for h in heads) and not any(_RESULT_SHEET.search(h or "") for h in heads)


def _sheet_table(name: str, number: int, values: list[list[str]], merges: list[tuple[int, int, int, int]],
                 hidden_rows: set[int] = frozenset(), hidden_cols: set[int] = frozenset()) -> Table | None:
    """A sheet's grid (merges: row_lo, row_hi, col_lo, col_hi, the highs exclusive) as a Table; hidden
    rows and columns (a draft figure kept out of sight) are not read (a merge over them still spreads)."""
    for rlo, rhi, clo, chi in merges:
        if rlo >= len(values) or clo >= len(values[rlo]):
            continue
        text = values[rlo][clo]
        for r in range(rlo, min(rhi, len(values))):
            for c in range(clo, min(chi, len(values[r]))):
                values[r][c] = text
    values = [[] if r in hidden_rows else [t if c not in hidden_cols else "" for c, t in enumerate(row)]
              for r, row in enumerate(values)]
    rows = [r for r in values if any(r)]
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]
    used = [c for c in range(width) if any(r[c] for r in rows)]
    rows = [[r[c] for c in used] for r in rows]
    if not rows:
        return None
    title = name.strip()
    if _GENERIC_SHEET.match(title):
        first = [c for c in rows[0] if c]
        title = first[0] if first and len(set(first)) == 1 else None
    return Table(rows=rows, loc=Location(page=number, sheet=name), title=title, header_rows=0, header_cols=0)


def _text(value, number_format: str | None) -> str:
    """A cell's value as Excel shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (datetime, date)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, (int, float)):
        return _number(value, number_format or "General")
    return clean_cell(str(value))


def _number(value: int | float, fmt: str) -> str:
    try:  # a float as Excel shows it: 15 significant digits
        d = Decimal(format(value, ".15g")) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        return str(value)
    if not d.is_finite():
        return str(value)
    section = _section(fmt, d)
    # Literal text Excel shows: "元" / \元 / !. ; the unit words after the figure are kept (a 元 amount
    # under a 万元 header is 元), a literal point among the integer digits ("0!.0000", the 万元 trick
    # showing 3000000 as 300.0000) is a point, other literals dropped.
    literals = list(_LITERAL.finditer(section))
    digits = _LITERAL.sub(lambda m: "\0" if m.group(0)[-1] == "." and _point_literal(m) else "", section)
    digits = re.sub(r"\[[^\]]*\]|_.|\*.", "", digits)
    shift = 0
    if "\0" in digits:  # the literal point: the digits after it are the integer's last ones
        head, _, tail = digits.partition("\0")
        if "." not in head and "." not in tail and re.fullmatch(r"[0#?]+", tail.rstrip(",%")):
            shift = len(tail.rstrip(",%"))
            digits = head + "." + tail
        else:
            digits = digits.replace("\0", "")
    # trailing commas after the last digit placeholder: each divides by 1000 ("#,##0.00," shows 千)
    m = re.search(r"[0#?](,+)[^0#?]*$", digits)
    if m:
        d = d.scaleb(-3 * len(m.group(1)))
        digits = digits[:m.start(1)] + digits[m.end(1):]
    percent = "%" in digits
    if percent:
        d *= 100
    if shift:
        d = d.quantize(Decimal(1), rounding=ROUND_HALF_UP).scaleb(-shift)
    m = _PLACES.search(digits)
    if m or re.search(r"(?<![.\d])0(?![.\d])", digits):
        d = d.quantize(Decimal(1).scaleb(-len(m.group(1)) if m else 0), rounding=ROUND_HALF_UP)
    text = f"{d:,f}" if "," in digits else f"{d:f}"
    if "." in text and not m and not percent:
        text = text.rstrip("0").rstrip(".") if digits in ("General", "@", "") else text
    unit = "".join(_literal_text(x) for x in literals if x.start() > _last_digit(section))
    unit = unit.strip()
    return text + ("%" if percent else "") + (unit if _UNIT_LITERAL.fullmatch(unit) else "")


_LITERAL = re.compile(r'"[^"]*"|\\.|!.')
_UNIT_LITERAL = re.compile(r"(?:千|万|亿)?元|%|")
_CONDITION = re.compile(r"^\s*\[(<=|>=|<>|<|>|=)\s*(-?[\d.]+)\]")


def _section(fmt: str, d: Decimal) -> str:
    """The format's section Excel uses for d: a conditional one ("[>=10000]0!.0000;0.00") whose
    condition holds, else the first (the value's sign picks none: its digits are read as they are)."""
    sections = fmt.split(";")
    for s in sections:
        m = _CONDITION.match(s)
        if m is None:
            continue
        op, limit = m.group(1), Decimal(m.group(2))
        if {"<": d < limit, "<=": d <= limit, ">": d > limit, ">=": d >= limit,
                "=": d == limit, "<>": d != limit}[op]:
            return s[m.end():]
    if _CONDITION.match(sections[0]):  # no condition held: the next section without one
        rest = [s for s in sections[1:] if not _CONDITION.match(s)]
        return rest[0] if rest else ""
    return sections[0]


def _point_literal(m: re.Match) -> bool:
    return m.group(0) in ("!.", "\\.", '"."')


def _literal_text(m: re.Match) -> str:
    t = m.group(0)
    return t[1:-1] if t.startswith('"') else t[1:]


def _last_digit(section: str) -> int:
    """Where the section's last digit placeholder stands (outside quoted text)."""
    masked = _LITERAL.sub(lambda m: " " * len(m.group(0)), section)
    masked = re.sub(r"\[[^\]]*\]", lambda m: " " * len(m.group(0)), masked)
    return max(masked.rfind("0"), masked.rfind("#"), masked.rfind("?"))


def _xls_text(book, sheet, r: int, c: int) -> str:
    import xlrd

    cell = sheet.cell(r, c)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    if cell.ctype == xlrd.XL_CELL_TEXT:
        return clean_cell(cell.value)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "是" if cell.value else "否"
    xf = book.xf_list[sheet.cell_xf_index(r, c)]
    fmt = book.format_map.get(xf.format_key)
    fmt_str = fmt.format_str if fmt is not None else "General"
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate_as_datetime(cell.value, book.datemode).strftime("%Y-%m-%d")
        except Exception:
            return ""
    value = cell.value
    if isinstance(value, float) and value.is_integer() and not _PLACES.search(fmt_str) and "%" not in fmt_str:
        value = int(value)
    return _number(value, fmt_str)


def _reason(exc: Exception) -> str:
    name = type(exc).__name__
    if name == "BadZipFile":
        return "broken zip archive"
    if isinstance(exc, KeyError):
        return f"part {exc} is missing"
    text = (str(exc).splitlines() or [""])[0].rstrip(".")
    return text[:120] or name
