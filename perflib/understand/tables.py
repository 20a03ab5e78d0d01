"""Stage 3, tables: Table blocks → the Record's block figures, read by the ROLES of labels.

A table is read wherever its header row stands (a 自评表 sheet holds a form,
a budget table and an indicator table one under the other): a row with at
least two budget-figure column names (年初预算数, 全年预算数, 全年执行数,
执行率…) starts a section; each row under it whose label names a block
(年度资金总额 → overall, 基本支出 → basic, 项目支出 → projects) gives one
figure per column. A column for a previous year (上年 / 2020年 in a 2021
report) is never read into this year's fields; under columns of years ("2022年 |
2023年", "上年数 | 本年数") a row named by its figure ("年初预算") gives the figure
in this year's column only. A bare 预算数 is the budget its row's (or form's)
rate says, the initial one beside another budget or under its year (not beside another year's column,
but in the 基础数据表's 经费控制情况), else none. A
block's row of zeros over parts with figures is a blank form row, not read.
Label/value forms ("年初预算数 | 123.45", "部门名称 | XX局") are read pair by
pair, the block from the label, the row, the section row above or the table
title. The unit comes from the
cell, its column header, its row label, a note row above ("单位：万元") or the
table title; none at all: 万元, with a warning.

The evidence of a figure names the table, the row and column headers and the
cell as written: `基础数据表 · 项目支出 × 全年决算数: 622.50`.

Indicator (绩效指标) tables are not read here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from ..check.interval import Interval
from ..model import BLOCKS, Record, Unread
from ..numbers import money_to_wan, to_decimal
from ..read.document import Table
from ..read.normalize import NOTE_IN_BRACKETS
from ..read.realign import EMPTY
from .indicators import OTHER_YEAR, ROLE_LABELS
from .forms import PROJECT_FUNDS, YEAR_ROW, another_years_form, names_another_unit, names_one_project, titled_year
from .lexicon import LEX

# ==== LABELS (the column and row labels are in lexicon.toml) ==========================
# A column (or form label) about an earlier year: never this year's figure.
PREVIOUS_YEAR = "|".join(OTHER_YEAR)  # 上年, 上一年, 去年, 前年: the indicator reader's words too
# A table of years (a column per year, or a row per year) states spending when its labels
# say so and no word of a budget is near: only then is this year's figure the actual.
SPENDING_WORD = r"支出|决算"
BUDGET_WORD = r"预算"
# A column header or row label that is a year and nothing more ("2022年（万元）", "2021年度").
YEAR_LABEL = r"^((?:19|20)\d{2})\s*年度?\s*(?:[（(][^)）]{0,6}[)）])?$"
# A column header that is a year in words and nothing more: this year's ("本年数"), or an earlier one's
# ("上年数", "去年实际"); a note in brackets aside.
THIS_YEAR_LABEL = r"^(?:本年|本年度|当年)(?:数|实际|金额)?\s*(?:[（(][^)）]{0,6}[)）])?$"
EARLIER_YEAR_LABEL = rf"^(?:{PREVIOUS_YEAR}|上年度|上一年度)(?:数|实际|金额)?\s*(?:[（(][^)）]{{0,6}}[)）])?$"
# A table's caption that opens with a year ("表1 2022年度预算执行情况（单位：万元）") or with last year
# ("上年（2022年）预算执行对比"): a table of that year, not read in another year's report unless a cell
# names the report's year.
YEAR_CAPTION = (r"^(?:附?表\s*[0-9一二三四五六七八九十]+\s*[：:.、．]?\s*|[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]\s*)?[（(]?"
                rf"(?:(?:19|20)\d{{2}}\s*年|(?:{PREVIOUS_YEAR})度?)")
# …and reads as a table's title: "表N …", or ending "…表" / "…情况" / "…明细" (a unit note in brackets
# aside) — not a note about money above the table ("2022年结转资金30万元已纳入调整后预算").
TABLE_TITLE_END = r"(?:表|情况|明细|数据|执行|对比|汇总|一览)$"
# The report naming that year as the one evaluated ("（2023年度）" under a title of the year it was
# published, "2023年度部门整体支出绩效自评得分…"): the report's year is in doubt, the table is read.
EVALUATED_YEAR = r"[（(]\s*{y}\s*年度?\s*[)）]|{y}\s*年度?\s*(?:本?部门|本?单位)?整体(?:支出)?绩效"
# A column of row numbers, not amounts.
ROW_NUMBER_COLUMN = r"序号|行次|栏次|编号"
# =======================================================================================

_COLUMN_RES = LEX.columns  # header labels → (field, kind, pattern): lexicon.toml
_PREVIOUS = re.compile(PREVIOUS_YEAR)
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_GROUP = re.compile(rf"{PREVIOUS_YEAR}|(?:19|20)\d{{2}}\s*年|资金|预算|金额|支出|决算")
_ROW_RES = LEX.table_rows  # row labels → block: lexicon.toml
_SPENDING = re.compile(SPENDING_WORD)
_BUDGET = re.compile(BUDGET_WORD)
_YEAR_LABEL = re.compile(YEAR_LABEL)
_YEAR_CAPTION = re.compile(YEAR_CAPTION)
_THIS_YEAR_LABEL = re.compile(THIS_YEAR_LABEL)
_EARLIER_YEAR_LABEL = re.compile(EARLIER_YEAR_LABEL)
_ROW_NUMBER = re.compile(ROW_NUMBER_COLUMN)
_UNIT = LEX.unit_stated  # "单位：万元", "（万元）"
_CELL_NUMBER = re.compile(r"^(?P<num>[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-+]?\d+(?:\.\d+)?)\s*"
                          r"(?P<pct>%)?\s*(?P<unit>万元|亿元|千元|元|万)?$")
_PLACEHOLDER = re.compile(r"^[-—–/－]+$")
_NOT_TEXT = re.compile(r"^[-—–/－\s]*$")


@dataclass(frozen=True)
class _Column:
    col: int
    field: str | None
    kind: str | None
    label: str  # the header text, for evidence and its unit
    by_year: bool = False  # a bare year column: spending only where the row says 支出/决算, or
    # the figure a row's own label names (a row "年初预算" under "2022年 | 2023年")
    block: str | None = None  # a second header row names the column's block ("合计 | 基本支出" under "年初预算")


# The heading over a table naming one project ("1.河道保洁项目"; understand/parse.py's context word for it): its
# figures are that project's.
ONE_PROJECT = "one project"
# The heading over a table naming a few key projects or key spending ("二、重点支出情况", "（三）重点项目"): its rows are
# those items, its 合计 theirs.
KEY_PROJECTS = "key projects"


def read_table(table: Table, rec: Record, context: str | None = None, above: list[str] | None = None,
               inherited: frozenset[str] = frozenset(), within: bool = False, one_project: bool = False,
               fields: list[str] | None = None) -> None:
    """Read every block figure a table states into `rec` (first statement wins).

    `context`: the block the text around the table is about (a heading such as
    "二、项目支出情况"), for form rows that name none; `above`: the lines just
    before the table, nearest last (a unit noted there: "单位：万元"); `inherited`: those of
    them that stand before an earlier table (a unit noted there may be that table's only);
    `within`: the table stands under a heading about a budget within the unit's ("（三）“三公”经费情况");
    `one_project`: the document is one project's report (a project's form is its own); `fields`: the lines over the
    table since the last one, in reading order, where its form's fields may stand (项目名称, 部门（单位）名称; default: `above`'s).
    """
    notes = _Outside((above or [])[::-1], inherited, table)
    before = {k for k in rec.evidence}
    try:
        _read_table(table, rec, context, notes, within, one_project, fields)
    finally:
        serial = len({n for n, _ in rec.from_table.values()})
        for key in [k for k in rec.evidence if k not in before]:  # (in reading order: the warnings' order is the same every run)
            if key.split(".")[1] in ("initial_budget", "adjusted_budget", "actual"):
                rec.from_table[key] = (serial, notes.doubt)


class _Outside(list):
    """The lines just before the table being read, nearest first; and what reading it found of their
    unit: `inherited`, those that stand before an earlier table too, and `doubt`, whether a money
    figure's unit was assumed or taken from such a line (`_value` says)."""

    def __init__(self, lines: list[str], inherited: frozenset[str] = frozenset(), table: Table | None = None):
        # (`table`: the one they stand over; a caption's 元 over its amounts too large for 万元 is kept)
        super().__init__(line for k, line in enumerate(lines) if not _anothers_caption(line, lines[:k], table))
        self.inherited = inherited
        self.doubt = False
        self.agreed: str | None = None  # the unit in which the table's amounts agree with the text's
        self.asked = False  # (asked once a table, and only of one that states no unit)

    def unit_by_agreement(self, table: Table, text: str) -> str | None:
        if not self.asked:
            self.asked = True
            self.agreed = unit_by_agreement(table, text)
        return self.agreed


def _read_table(table: Table, rec: Record, context: str | None, notes: _Outside, within: bool = False,
                one_project: bool = False, fields: list[str] | None = None) -> None:
    if LEX.about_a_sub_budget(table.title or "") or (within and not _block_of(table.title or "")
                                                      and _names_a_sub_budget_only(table)):
        # "二、“三公”经费控制情况" over it or its section: its 合计 is no block's (a title or row naming the unit's
        # spending is: "部门整体支出表", "部门整体支出 | 386.40 | …"; a table naming no budget within may be the unit's)
        rec.unread.extend(unread_cells(table, set(), notes))
        return
    own_lines = [n for n in notes if n not in notes.inherited]  # (nearest first)
    # (a form's fields in reading order, bars off: "| 项目名称 | 某专项 |")
    fields = [line.strip().strip("|").strip() for line in (own_lines[::-1] if fields is None else fields)]
    if not one_project and names_one_project(table, fields, rec.department):
        rec.warnings.append(f"table {table.title!r}: one project's form; its figures are that project's, not read")
        rec.others_forms.append(table)
        rec.unread.extend(unread_cells(table, set(), notes))
        return
    other = names_another_unit(table, fields, rec.department) if rec.from_table else None  # (after the unit's own)
    if other:
        rec.warnings.append(f"table {table.title!r}: the form of {other}, not the unit's; not read")
        rec.others_forms.append(table)
        rec.unread.extend(unread_cells(table, set(), notes))
        return
    if _revenues(table):
        rec.unread.extend(unread_cells(table, set(), notes))  # "收入决算情况": a 合计 of revenue, no spending
        return
    subject = _another_subject(table)
    if subject and _ALL_APPROPRIATED.match(subject) and _ALL_APPROPRIATED_SAID.search(rec.text or ""):
        subject = None  # "我局收入全部为一般公共预算财政拨款": its table is the unit's whole
    if subject:
        rec.warnings.append(f"table {table.title!r}: about {subject}, not the unit's own spending as a whole; not read")
        rec.unread.extend(unread_cells(table, set(), notes))
        return
    if _another_years_table(table, rec.year, rec.text, own_lines, bool(rec.from_table)):
        rec.warnings.append(f"table {table.title!r}: another year's table; not read")
        rec.unread.extend(unread_cells(table, set(), notes))
        return
    table = _under_spanning_label(table, rec.year)
    if context == ONE_PROJECT and not one_project:
        rec.warnings.append(f"table {table.title!r}: under a heading naming one project; its figures are that "
                            "project's, not read")
        rec.unread.extend(unread_cells(table, set(), notes))
        return
    if context == KEY_PROJECTS and not _names_a_block_row(table) and not _names_the_whole_row(table):
        rec.warnings.append(f"table {table.title!r}: under a heading on key projects or spending; its figures are "
                            "those items', not read")
        rec.unread.extend(unread_cells(table, set(), notes))
        return
    title_block = _block_of(table.title or "") or (context if context in BLOCKS else None)
    if title_block is None and table.title and ("整体" in table.title or _YEARS_FUNDS.match(table.title)):
        title_block = "overall"  # ("年度资金执行情况（万元）" over a unit's form's row of figures, its label cell empty)
    taken: set[tuple[int, int]] = set()  # cells whose figure a field holds
    _read_cells(table, rec, notes, title_block, taken)
    rec.unread.extend(unread_cells(table, taken, notes))


_YEARS_FUNDS = re.compile(r"\s*年度资金(?:执行|使用|支出)?情况")


def _digits(table: Table) -> int:
    """The digits before the point of the table's largest amount ("8,512,300.00": 7)."""
    return max((len(m["num"].split(".")[0].replace(",", "").lstrip("+-"))
                for row in table.rows for cell in row if cell and (m := _number(cell)) and not m["pct"]), default=0)


def _anothers_caption(line: str, nearer: list[str], table: Table | None = None) -> bool:
    """Is `line`, above the table beyond the lines `nearer` it, another table's or section's caption with its unit
    (the unit its own)? A budget within the unit's ("附表：“三公”经费（单位：元）"), or a numbered caption with a sibling
    numbered the same way nearer the table ("（一）“三公”经费支出表（金额单位：元）" … "（二）部门整体支出表"); not a
    section's heading over it ("二、部门整体支出情况（金额单位：元）" … "（一）基本支出"), nor a line noting the unit
    ("单位：元 填报日期：…"), nor the same caption again ("（一）部门整体支出情况表（续）"). A caption's 元 over the
    `table`'s amounts too large for 万元 (digits before the point: 6 and more, 10 亿 as 万元; a budget within the
    unit's, 7) is kept."""
    unit = _UNIT.search(line)
    if not unit or LEX.unit_line_after.match(line.strip()):
        return False
    if LEX.about_a_sub_budget(line):
        return not _too_large_for_wanyuan(unit, table, 7)
    number = LEX.numbering.match(line)
    return number is not None and any(
        (m := LEX.numbering.match(o)) and m.lastgroup == number.lastgroup and not _continued(o, m, line, number)
        for o in nearer) and not _too_large_for_wanyuan(unit, table, 6)


def _too_large_for_wanyuan(unit: re.Match, table: Table | None, digits: int) -> bool:
    """Is the unit noted 元 and the table's largest amount of `digits` or more before the point? (Asked only of a
    caption being set aside: counting the table's digits walks every cell.)"""
    return unit["unit"] == "元" and table is not None and _digits(table) >= digits


def _continued(nearer: str, m: re.Match, line: str, number: re.Match) -> bool:
    """Is the nearer caption the same table continued ("（一）部门整体支出情况表（续）", or its text again)? Not one
    numbered alike in another section ("（一）收入支出情况（单位：元）" … "（一）部门整体支出绩效自评表")."""
    return m.group().strip() == number.group().strip() and (
        "续" in nearer or nearer[m.end():m.end() + 6] == line[number.end():number.end() + 6])


# A table's title about money that is not the unit's spending as a whole nor one of its blocks, as its subject (right
# after its number): its 合计 is that money's ("（三）一般性支出控制情况", "四、政府采购执行情况", "三、专项资金使用情况",
# "2.政府性基金预算支出情况", "（二）公用经费支出情况", "三、对下转移支付资金情况", "三、重点项目执行情况"); or the
# units under the department's ("（三）下属学校预算执行情况", a form's "（二级单位：县水文站）"). Not a title naming them
# beside the unit's money or as included ("部门整体支出（含所属二级单位）", "一般公共预算及政府性基金…").
_CAPTION_NUMBER = re.compile(r"^\s*(?:附?表\s*[0-9一二三四五六七八九十]*\s*[：:.、．]?\s*|[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]\s*)?")
_MAIN_SOURCE = r"(?:一般公共预算)?财政拨款|一般公共预算"  # (the unit's main source: all its money, or a part)
_OTHER_MONEY = re.compile(r"(?:一般性支出|政府采购|集中采购|专项资金|专项经费|政府性基金|国有资本经营|公用经费|人员经费"
                          rf"|{_MAIN_SOURCE}"
                          r"|机关运行经费|对下转移支付|转移支付|重点项目)(?!及|和|与|、|\+|＋)")
_ALL_APPROPRIATED = re.compile(_MAIN_SOURCE)
_ALL_APPROPRIATED_SAID = re.compile(r"(?:全部|均|全额)(?:为|是|来源于|来自|系)[^，,。；;]{0,10}(?:财政拨款|一般公共预算)|无其他资金")
_OTHER_UNITS = re.compile(r"(?:下属|所属|直属|二级)(?:预算)?(?:单位|学校|医院|中心|事业单位)?(?!及|和|与|、|\+|＋)")
_UNITS_NAMED = re.compile(r"[（(](?:下属|所属|直属|二级)(?:预算)?单位[：:]")  # ("自评表（二级单位：县水文站）")
_WHOLE_TOO = re.compile(r"汇总|全局|全系统|部门整体|合并")
_TITLE_MAX = 40


def _another_subject(table: Table) -> str | None:
    """What a table's title says it is about when that is not the unit's own spending as a whole (_OTHER_MONEY,
    _OTHER_UNITS), else None. A table whose rows name a block ("基本支出合计"), a 专项资金 table listing the projects
    (its rows under 项目名称), a title naming the whole too ("…汇总（全局）"): the unit's."""
    title = table.title or ""
    if not title or len(title) > _TITLE_MAX or re.search(r"[，。；,;]", title) or _WHOLE_TOO.search(title):
        return None
    subject = title[_CAPTION_NUMBER.match(title).end():]
    found = _UNITS_NAMED.search(title) or _OTHER_UNITS.match(subject) or _OTHER_MONEY.match(subject)
    if found is None or LEX.with_the_budget.search(title):
        return None
    labels = [row[0] for row in table.rows if row and row[0]]
    if _names_a_block_row(table):
        return None  # (a block's own row: "基本支出合计"; not a 合计, which is whatever the table is about)
    if found.group().startswith("专项") and labels and "项目名称" in labels[0]:
        return None
    return found.group().strip("（(：:")


def _labels_below_the_header(table: Table) -> list[str]:
    """The rows' labels (their first cells), the header's left out."""
    return [row[0] for row in table.rows if row and row[0]][1:]


def _names_a_block_row(table: Table) -> bool:
    """Does a row under the header name a block ("基本支出合计", "项目支出")?"""
    return any(_block_of(label) in ("basic", "projects") for label in _labels_below_the_header(table))


def _names_the_whole_row(table: Table) -> bool:
    """Does a row under the header name the unit's spending as a whole ("部门整体支出 | 2,400.00 | …"; not a 合计)?"""
    return any("整体" in label for label in _labels_below_the_header(table))


def _revenues(table: Table) -> bool:
    """A table of revenue: titled with 收入, not 支出 ("收入决算情况（万元）"; "收入支出决算表" is read), and no cell of
    its header or rows speaks of spending (a spending table captioned "部门收入预算执行情况表" with 基本支出 rows is read)."""
    title = table.title or ""
    return ("收入" in title and "支出" not in title and "收支" not in title
            and not any("支出" in c for r in table.rows for c in r))


def _another_years_table(table: Table, year: int | None, text: str | None = None, lines: list[str] = (),
                         after_own: bool = False) -> bool:
    """A form whose own period is another year or a span (forms.another_years_form), the report's title naming its
    year; or a caption (a short line, no sentence, a table's title) that opens with a year, names none but
    another than the report's, and no cell names the report's year, `text` (the report's) not naming that year as
    the one evaluated."""
    title = (table.title or "").strip()
    if another_years_form(table, year, lines, after_own) and titled_year(year, text):
        return True
    if year is None or len(title) > 40 or re.search(r"[，。；,;]", title) or not _YEAR_CAPTION.match(title):
        return False
    if _THIS_YEAR_TOO.search(title):
        return False  # "（二）上年与本年预算执行对比情况", "（一）上年结转及本年预算执行情况": this year's too
    bare = re.sub(r"\s*(?:[（(][^()（）]*[)）]|单位\s*[:：]\s*\S+)\s*$", "", title)
    if not (re.match(r"^附?表\s*[0-9一二三四五六七八九十]", title) or re.search(TABLE_TITLE_END, bare)):
        return False  # a note above the table, not its caption
    if any(re.search(EVALUATED_YEAR.format(y=y), (text or "").replace(title, "")) for y in set(_YEAR.findall(title))):
        return False
    return all(int(y) != year for y in _YEAR.findall(title)) and not any(str(year) in c for r in table.rows for c in r)


def _read_cells(table: Table, rec: Record, notes: _Outside, title_block: str | None,
                taken: set[tuple[int, int]]) -> None:
    if _read_year_rows(table, rec, notes, taken):
        return
    columns: list[_Column] | None = None
    bare: list[_Bare] = []  # a form's bare 预算数, settled once the table's figures are read
    width = 0  # cells in the header row: a flattened row with more or fewer is not aligned
    section = (title_block, table.title or title_block)  # (block, its label) of form rows
    shares = _shares_of_a_source(table)
    blocks_row = None  # the header row naming each column's block, below the one naming its figure
    for r, row in enumerate(table.rows):
        if r in shares:
            rec.warnings.append(f"table row {' | '.join(row)!r}: a part of the funding source's row above it; not read")
            continue
        if r == blocks_row:
            continue
        header = _header(table, r, rec.year)
        if (header and columns and PROJECT_FUNDS.fullmatch("".join(row[0].split())) and _a_total_above(table, r)
                and not _block_rows_in(table.rows[r + 1:])):
            rec.warnings.append(f"table row {' | '.join(row)!r}: a project's form run on under the unit's; "
                                "not read from there on")
            break
        if header:
            columns, width = header, len(row)
            split = _block_header(table, r, rec.year)
            if split:
                columns, blocks_row = split
            continue
        values = [c for c in range(len(row)) if _number(row[c])]
        if not values:
            texts = _distinct(row)
            if len(texts) == 1 and rec.year is None and YEAR_ROW.match(texts[0]):
                rec.year = int(YEAR_ROW.match(texts[0])[1])  # a form's "（2021年度）" line
            elif len(texts) == 1 and _block_of(texts[0]):
                section = (_block_of(texts[0]), texts[0])  # a section row: "二、项目支出"
            elif texts and LEX.grouping_row.fullmatch(texts[-1].strip()):
                pass  # the national form's "按收入性质分" / "按支出性质分": rows grouped, the header the same
            elif len(texts) >= 2:  # a header of blocks, the figures by row; or another kind of table (目标, 指标…)
                columns, width = _blocks_header(row), len(row)
            continue
        if columns and len(row) != width:
            rec.warnings.append(f"table row {' | '.join(row)!r}: {len(row)} cells under "
                                f"{width} columns; not read")
            continue
        if columns and columns[0].block:
            if columns[0].field:
                _read_block_columns(table, r, columns, rec, notes, taken)
            else:
                _read_figure_row(table, r, columns, rec, notes, taken)
            continue
        if columns and _read_data_row(table, r, columns, rec, notes, taken, section):
            continue
        if columns and any(col.by_year for col in columns):
            _read_year_column(table, r, columns, section, rec, notes, taken)
            continue
        _read_form_row(table, r, section, rec, notes, taken, bare)
    _settle_bare_budgets(bare, rec, taken)


def _under_spanning_label(table: Table, year: int | None) -> Table:
    """The table with its rows aligned under a header whose first cell is a form's scored section
    spanning the rows below it, and whose second heads their labels ("预算执行情况（10分） | 年度预算数
    （万元） | 年初预算 | …" over "总额 | 0.00 | 3.36 | …"): flattened, each such row lost that cell. A
    shorter row that opens with a label gets an empty first cell back, and empty last cells where
    the header's last columns hold no figure (权重, 得分, 原因: a `|` row ends at its last cell with
    text); any other row is left as it is."""
    if not any(row and _SPANNING_LABEL.search(row[0]) for row in table.rows):
        return table  # (most tables: no header is asked twice)
    rows, columns, width, spanning = list(table.rows), None, 0, False
    for r, row in enumerate(rows):
        header = _header(table, r, year)
        if header:
            columns, width = header, len(row)
            spanning = (len(row) > 1 and _SPANNING_LABEL.search(row[0]) is not None
                        and _LABELS_HEADER.search(row[1]) is not None and _role(row[1]) is None)
        elif spanning and 0 < len(row) < width and row[0] and not _number(row[0]):
            aligned = ["", *row]
            if all(col.field is None for col in columns if col.col >= len(aligned)):
                rows[r] = aligned + [""] * (width - len(aligned))
    return table if rows == table.rows else replace(table, rows=rows)


# a form's scored section ("预算执行情况（10分）"), and the header of its rows' labels ("年度预算数（万元）"):
# not a text column of the table ("资金来源", "科目")
_SPANNING_LABEL = re.compile(r"情况\s*[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]$")
_LABELS_HEADER = re.compile(r"(?:预算|资金|金额)数?\s*(?:[（(]\s*(?:万元|元)\s*[)）])?$")


# --- header rows -----------------------------------------------------------------------
def _role(label: str) -> tuple[str | None, str | None] | None:
    """The role of a column label; a note in brackets ("得分（20分*执行率）") gives none; a forecast's column
    ("全年支出（预计）") has none."""
    if "预" in label and _FORECAST.search(label):
        return None
    bare = NOTE_IN_BRACKETS.sub("", label).strip()
    for text in (bare, label) if bare and bare != label else (label,):
        for fld, kind, pattern in _COLUMN_RES:
            if pattern.search(text):
                return fld, kind
    return None


_FORECAST = re.compile(r"预计|预测")


def _header(table: Table, r: int, year: int | None) -> list[_Column] | None:
    """The value columns of row r when it is a header row (≥ 2 budget-figure names, no figures)."""
    row = table.rows[r]
    if any(_number(c) for c in row):
        return None
    above = table.rows[r - 1] if r > 0 else []
    above_is_header = r > 0 and not any(_number(c) for c in above) and len(_distinct(above)) >= 2
    named_by = row  # what each column's role is read from: its own label, or joined to its group's
    if above_is_header and len(above) == len(row) and not any(_DIGIT.search(c) for c in row):
        joined = _under_its_group(above, row)  # "预算数" spanning "年初 | 调整后": 年初预算数, 调整后预算数
        if sum(bool(c and _role(c)) for c in joined) > max(1, sum(bool(c and _role(c)) for c in row)):
            named_by = joined
    spans = _year_spans(above, row, year) if above_is_header else None
    columns, seen = [], set()
    named = 0  # columns with a field, this year's or another's ("2021年决算数 | 2022年决算数")
    years = [c for c, cell in enumerate(row) if cell and _year_column(cell, year) is not None]
    for c, cell in enumerate(row):
        role = _role(named_by[c]) if named_by[c] else None
        if named_by[c] != cell:
            if role is None:
                continue  # (a part's share under its group: "决算数" over "基本 | 项目")
            cell = f"{above[c]} {cell}" if cell != above[c] else cell  # (as the table writes it, for the evidence)
        if role is None and c in years and len(years) >= 2:  # "2021年 | 2022年", "上年数 | 本年数": only this year's is read
            this_year = _year_column(cell, year)
            columns.append(_Column(c, "actual" if this_year else None, "money" if this_year else None,
                                   cell, by_year=True))
            continue
        if role is None and _CIRCLED.search(cell):
            role = (None, None)  # a numbered column the form's formulas may name (_by_formula)
        if role is None or c == 0 and not role[0] and _block_rows_below(table, r):
            continue  # (a first cell naming no figure, "指标" over "年度资金总额 | …", heads the rows' labels)
        label = cell
        if spans and spans[c] and spans[c] not in cell:
            label = f"{spans[c]} {cell}"  # a year spanning its columns: "2023年 | | | 2022年" over five figures' names
        elif (above_is_header and c < len(above) and above[c] and above[c] != cell and _GROUP.search(above[c])
                and above[c] not in cell):
            label = f"{above[c]} {cell}"  # a group header: "2020年 | 2021年", "资金（万元）"
        fld, kind = role
        has_field = bool(fld)
        if above_is_header and c < len(above) and "收入" in above[c] and "支出" not in above[c]:
            fld = kind = None  # ("收入" over "预算数 | 决算数" beside "支出" over its own: revenue's, not spending's)
        if _previous_year(label, year) or _part_of_the_year(label):
            fld = kind = None  # "2022年决算数", "1-10月执行数": not this year's whole
        key = (cell, fld)
        if key in seen:  # the same merged header cell repeated across its span
            continue
        seen.add(key)
        named += has_field
        columns.append(_Column(c, fld, kind, label))
    columns = _a_change_beside_the_budget(_whole_over_a_source(columns), table, r)
    named += _by_formula(columns)
    # (a 收支 table's balances, "年初结转结余 | 本年收入 | 本年支出 | 年末结转结余": no figure of a block, but its header's)
    named += sum(bool(_CARRIED_COLUMN.search(cell)) for cell in row if cell)
    known = [col for col in columns if col.field]
    if any(col.by_year for col in columns):
        return columns if len(years) >= 2 else None
    return columns if known and named >= 2 else None


def _year_spans(above: list[str], row: list[str], year: int | None) -> list[str] | None:
    """The year each column of `row` stands under, when the row above is years spanning them, each over the empty
    cells right of it (merged: "项目 | 2023年 | | | 2022年" over "年初预算数 | 全年预算数 | 全年执行数 | 全年预算数 | 全年执行数",
    the last empty cells dropped); None when it holds fewer than two years. When the empty cells between were lost
    too ("项目 | 2023年 | 2022年"), two years part the columns where a name comes again (the second 全年预算数)."""
    years = [cell.strip() for cell in above if cell.strip() and _year_column(cell.strip(), year) is not None]
    if len(years) < 2:
        return None
    if len(above) < len(row) and len(above) == 1 + len(years):  # (a label's cell, then the years alone)
        if len(years) != 2:
            return None
        again = next((c for c in range(1, len(row)) if row[c] and row[c] in row[1:c]), None)
        return None if again is None else ["", *[years[0]] * (again - 1), *[years[1]] * (len(row) - again)]
    out, last = [], ""
    for c in range(len(row)):
        cell = above[c].strip() if c < len(above) else ""
        if cell and not _PLACEHOLDER.match(cell):  # ("—": an empty cell the layout marked)
            last = cell if _year_column(cell, year) is not None else ""
        out.append(last)
    return out


_CARRIED_COLUMN = re.compile(r"结转(?:和)?结余")
_THIS_YEAR_TOO = re.compile(r"本年|本年度|今年|当年|上年结转")


def _under_its_group(upper: list[str], lower: list[str]) -> list[str]:
    """The labels of a header's lower row that names no figure by itself, each joined to the group spanning it
    ("预算数" over "年初 | 调整后" → 年初预算数, 调整后预算数; "决算数" over "合计 | 基本 | 项目" → its 合计 is 决算数,
    its parts' columns are the total's shares, no figure of the row's own); a label broken over the two rows is read
    whole ("年初 | 调整后 | 实际" over "预算数 | 预算数 | 支出数"). A cell spanning both rows stays."""
    out = []
    for up, low in zip(upper, lower):
        if not up or not low or up == low:
            out.append(low)
        elif _SQUEEZED_TOTAL.fullmatch("".join(low.split())):
            out.append(up)
        elif _block_of(low) or low in _PART_WORDS:
            out.append("")
        else:  # a group over its parts ("预算数" over "年初"), or a label broken over the two rows ("调整后" over "预算数")
            named = next((j for j in (low + up, up + low) if (role := _role(j)) and role[0] not in (None, "budget")), None)
            out.append(named or (low + up if _role(low + up) else low))
    return out


_SQUEEZED_TOTAL = re.compile(r"合计|小计|总计")
_DIGIT = re.compile(r"\d")
_PART_WORDS = ("基本", "项目")


def _whole_over_a_source(columns: list[_Column]) -> list[_Column]:
    """Two columns of one figure, one of a source of funds ("财政拨款执行数 | 全部资金执行数", "财政拨款全年预算 | 全年预算
    合计"): the source's is its part, not the unit's figure — it names none."""
    out = list(columns)
    for fld in {col.field for col in columns if col.field}:
        same = [k for k, col in enumerate(out) if col.field == fld]
        # (a source named in a note is what the figure holds, no source's figure: "全年预算（含上年结转）")
        sources = [k for k in same if LEX.table_source_row.search(NOTE_IN_BRACKETS.sub("", out[k].label))
                   and "含" not in out[k].label]
        if sources and len(sources) < len(same):
            for k in sources:
                out[k] = replace(out[k], field=None, kind=None)
    return out


def _a_change_beside_the_budget(columns: list[_Column], table: Table, r: int) -> list[_Column]:
    """"年初预算数 | 调整预算数 | 全年预算数" over "4,120.00 | -210.00 | 3,910.00": beside the year's budget, 调整预算数
    is the change, not the budget — when the first row of figures under them says so (年初 + 调整 = 全年)."""
    budgets = [k for k, col in enumerate(columns) if col.field == "adjusted_budget"]
    initial = next((col.col for col in columns if col.field == "initial_budget"), None)
    changes = [k for k in budgets if _A_CHANGE.fullmatch("".join(columns[k].label.split()))]
    if len(budgets) < 2 or initial is None or len(changes) != 1:
        return columns
    change, budget = columns[changes[0]].col, next(columns[k].col for k in budgets if k != changes[0])
    row = next((row for row in table.rows[r + 1:] if any(_number(c) for c in row)), [])
    figures = [_number(row[c]) if c < len(row) else None for c in (initial, change, budget)]
    if None in figures or any(m["pct"] for m in figures):
        return columns
    a, d, b = (to_decimal(m["num"]) for m in figures)
    return [replace(col, field="adjustment") if k == changes[0] else col for k, col in enumerate(columns)] \
        if abs(a + d - b) <= Decimal("0.011") else columns


_A_CHANGE = re.compile(r"(?:年中)?调整预算(?:数|金额|额)?(?:[（(][^()（）]*[)）])?")


def _by_formula(columns: list[_Column]) -> int:
    """Fields for the columns a form numbers and relates by formulas (Fujian's: 年初…安排金额①, 年中调整金额②,
    小计③=①+②, 年度拨付金额④, 支出实现率⑤=④/③): the sum of the initial budget's and the adjustment's columns is
    the adjusted budget, the completion rate's numerator over it the spending. Set in `columns`; how many it named."""
    at = {}  # circled number → index in columns
    for k, col in enumerate(columns):
        own = _CIRCLED.search(col.label)  # (its own number first: "小计③=①+②", "结余金额⑥=③-④")
        if own:
            at.setdefault(own.group(), k)
    named = 0
    for k, col in enumerate(columns):
        f = _FORMULA.search(col.label)
        if f is None or f["a"] not in at or f["b"] not in at:
            continue
        a, b = columns[at[f["a"]]], columns[at[f["b"]]]
        if f["op"] == "+" and {a.field, b.field} == {"initial_budget", "adjustment"} and not col.field:
            columns[k], named = replace(col, field="adjusted_budget", kind="money"), named + 1
        elif f["op"] in "/÷" and col.field == "completion_rate":
            if not a.field and b.field in (None, "adjusted_budget", "initial_budget"):
                columns[at[f["a"]]], named = replace(a, field="actual", kind="money"), named + 1
            if b.field == "initial_budget" and any(c.field in ("adjustment", "adjusted_budget") for c in columns):
                columns[k] = replace(col, field=None, kind=None)  # "支出实现率④=③/①" beside 年中调整②: no completion rate
    return named


_CIRCLED = re.compile(r"[①-⑩]")
_FORMULA = re.compile(r"(?P<to>[①-⑩])\s*=\s*(?P<a>[①-⑩])\s*(?P<op>[+/÷])\s*(?P<b>[①-⑩])")


def _year_column(label: str, year: int | None) -> bool | None:
    """A header that is a year and nothing more: True for the report's year ("2023年", "本年数"),
    False for another ("2022年", "上年数"; any year when the report's is unknown), None for no year."""
    if _THIS_YEAR_LABEL.match(label):
        return True
    if _EARLIER_YEAR_LABEL.match(label):
        return False
    m = _YEAR_LABEL.match(label)
    return None if m is None else year is not None and int(m[1]) == year


def _part_of_the_year(label: str) -> bool:
    """A column of part of the year: "1-10月执行数", "截至9月底支出", "10月份执行数", "上半年支出"."""
    return ("月" in label or "季" in label) and (LEX.mid_year.search(label) is not None or _A_MONTHS_COLUMN.match(label)
                                                is not None) or "半年" in label and LEX.mid_year.search(label) is not None


_A_MONTHS_COLUMN = re.compile(rf"\s*(?:{LEX.a_month.pattern})(?!\d)")  # ("10月份执行数", "四季度支出"; not "10月1日")


def _previous_year(label: str, year: int | None) -> bool:
    label = _WHAT_IT_HOLDS.sub("", label)  # "全年预算（含上年结转）": this year's figure, holding last year's rest
    if _PREVIOUS.search(label):
        return True
    years = [int(y) for y in _YEAR.findall(label)]
    return bool(years) and year is not None and all(y != year for y in years)


_WHAT_IT_HOLDS = re.compile(r"[（(]\s*(?:含|包括)[^()（）]*[)）]")


def _block_header(table: Table, r: int, year: int | None) -> tuple[list[_Column], int] | None:
    """A header in two rows, header row r naming each column's figure and the row below or above it
    each column's block ("年初预算" spanning "合计 | 基本支出 | 项目支出", or the reverse): every column
    with both, and the blocks row. A merged cell spanning columns is repeated, or given once in the
    upper row (filled from the left here); an empty cell of the lower row is the upper one's merged
    down ("执行率" over both rows): no block. A bare 预算数 says neither budget: not read."""
    for k in (r + 1, r - 1):
        other = table.rows[k] if 0 <= k < len(table.rows) else []
        if (len(other) != len(table.rows[r]) or any(_number(c) for c in other)
                or _names_other_money(table.rows[r][0]) or _names_other_money(other[0])):
            continue
        fields, blocks = (_spans_filled(table.rows[r]), other) if k > r else (table.rows[r], _spans_filled(other))
        named = {c: _block_of(cell) for c, cell in enumerate(blocks) if c > 0 and cell}
        if not named or not all(named.values()) or len(set(named.values())) < 2:
            continue  # (a source's or a class's column, "财政拨款": no block header)
        columns = []
        for c, block in named.items():
            role = _role(fields[c]) if fields[c] else None
            if role and role[0] not in (None, "", "budget") and not _previous_year(fields[c], year):
                label = f"{blocks[c]} {fields[c]}" if k < r else f"{fields[c]} {blocks[c]}"
                columns.append(_Column(c, role[0], role[1], label, block=block))
        if len({(col.field, col.block) for col in columns}) == len(columns) >= 2:
            return columns, k
    return None


def _spans_filled(row: list[str]) -> list[str]:
    """A header row with each empty cell after the first column taking the text on its left (a merged
    cell a PDF gives once)."""
    out = list(row)
    for c in range(2, len(out)):
        if not out[c].strip():
            out[c] = out[c - 1]
    return out


def _read_block_columns(table: Table, r: int, columns: list[_Column], rec: Record, outside: _Outside,
                        taken: set[tuple[int, int]]) -> None:
    """Row r under a header naming each column's figure and block: the table's one row of figures, its
    label naming no part, source or other year ("金额", "合计", "2023年"), gives every column's figure.
    (Two such rows, sources or years: which is the unit's, nothing says.)"""
    label = _row_label(table.rows[r], columns)
    filled = [k for k, other in enumerate(table.rows)
              if sum(col.col < len(other) and _number(other[col.col]) is not None for col in columns) * 2 > len(columns)]
    if filled != [r] or _block_of(label) not in (None, "overall") or _previous_year(label, rec.year):
        return
    _store_by_column(table, r, columns, label, rec, outside, taken)


def _row_label(row: list[str], columns: list[_Column]) -> str:
    """The text cells of `row` before its first value column."""
    return " ".join(_distinct([c for c in row[:min(col.col for col in columns)] if c and not _number(c)]))


def _store_by_column(table: Table, r: int, columns: list[_Column], label: str, rec: Record, outside: _Outside,
                     taken: set[tuple[int, int]], role: tuple[str, str] | None = None) -> None:
    """Each column's figure of row r into its block: the column's own field, or the row's (`role`)."""
    row = table.rows[r]
    notes = [label] + _notes_above(table, r) + [table.title or ""] + outside
    for col in columns:
        fld, kind = role or (col.field, col.kind)
        number = _number(row[col.col]) if col.col < len(row) else None
        value = _value(number, kind, [row[col.col], col.label] + notes, rec, table, r, col.col, outside) if number else None
        if value is not None and store(rec, col.block, fld, value,
                                       table.cell_evidence(r, col.col, row=label or None, col=col.label)):
            taken.add((r, col.col))


def _names_other_money(label: str) -> bool:
    """A table's label cell naming money within the unit's or beside it ("“三公”经费", "会议费", "财政拨款"):
    its columns of blocks are that money's parts."""
    return bool(label) and (_block_of(label) == "" or LEX.about_a_sub_budget(label))


def _blocks_header(row: list[str]) -> list[_Column] | None:
    """A header naming a block in every column after the label's ("项目 | 年度资金总额 | 其中：基本支出 |
    项目支出"), the figures by row: its columns; None for any other header (also one whose label cell
    names other money: "“三公”经费 | 合计 | 基本支出 | 项目支出")."""
    named = {c: _block_of(cell) for c, cell in enumerate(row) if c > 0 and cell}
    if (len(set(named.values())) < 2 or not all(named.values()) or any(_role(cell) for cell in row if cell)
            or _names_other_money(row[0])):
        return None
    return [_Column(c, None, None, row[c], block=block) for c, block in named.items()]


_FIGURE_WORD = re.compile(r"预算|支出|执行|决算|完成率|调整")
# what may stand before a figure's name in such a row: "预算执行率", "2023年年初预算", "本年度实际支出", "全年实际支出数"
_FIGURE_PREFIX = re.compile(r"(?:(?:19|20)\d{2}\s*年度?|本年度?|当年|全年)?(?:部门)?(?:整体)?(?:年度)?(?:预算)?")


def _figure_label(label: str) -> tuple[str, str] | None:
    """(field, kind) of a row label that names a budget figure and no other money ("年初预算数", "全年执行数",
    "预算执行率（%）"; not "政府采购实际支出", "年初结转和结余", an asset's "年初数")."""
    bare = LEX.numbering.sub("", NOTE_IN_BRACKETS.sub("", label)).strip().removeprefix("其中：")
    for fld, kind, pattern in _COLUMN_RES:
        m = pattern.search(bare)
        if m:
            plain = _FIGURE_PREFIX.fullmatch(bare[:m.start()]) and _FIGURE_WORD.search(bare)
            return (fld, kind) if plain and fld not in ("", "budget") else None
    return None


def _read_figure_row(table: Table, r: int, columns: list[_Column], rec: Record, outside: _Outside,
                     taken: set[tuple[int, int]]) -> None:
    """Row r under a header of blocks: its label names the figure ("年初预算数 | 300.00 | 200.00 | 100.00");
    a label naming none, a bare 预算数 or another year's: not read."""
    label = _row_label(table.rows[r], columns)
    role = _figure_label(label)
    if role and not _previous_year(label, rec.year):
        _store_by_column(table, r, columns, label, rec, outside, taken, role)


# --- data rows under a header ---------------------------------------------------------
_UNITS_EXECUTION = re.compile(r"\s*(?:部门|单位)(?:整体)?(?:支出)?预算执行情况")


def _read_data_row(table: Table, r: int, columns: list[_Column], rec: Record, outside: _Outside,
                   taken: set[tuple[int, int]], section: tuple[str | None, str | None] = (None, None)) -> bool:
    """Read row r under `columns`; False when it is no row of that table (no label, no block). The one
    row of figures of a table, with no label, is the block its title or heading names (`section`)."""
    row = table.rows[r]
    first = min(col.col for col in columns)
    labels = [c for c in range(min(first, len(row))) if row[c] and not _number(row[c])]
    under_units = (r > 0 and bool(table.rows[r - 1]) and _UNITS_EXECUTION.match(table.rows[r - 1][0]) is not None
                   and all(c in ("", EMPTY) for c in row[:first]))
    if under_units:  # under "部门预算执行情况(万元) | 年初预算数 | …", that label's cell merged down: the unit's figures
        labels, section = [], ("overall", table.rows[r - 1][0])
    unlabelled = under_units or (not labels and section[0] is not None and not any(row[:first])
                                 and _only_figures_row(table, r))
    if not labels and not unlabelled:
        return False
    if rec.year is not None and any(_year_column(row[c], rec.year) is False for c in labels):
        return True  # a row of another year ("年度资金总额 | 2022年 | …" above the 2023 row): nothing taken
    block, at = (section[0], None) if unlabelled else _row_block(row, labels)
    if block is None and at is None and section[0] is not None and _label_merged_from_header(table, r, labels):
        block, at = section[0], labels[-1]  # "年度预算情况（万元） | 1250.40 | …" under its own header cell: the form's
    if block is None:
        return at is not None  # a row of no block (财政拨款, 人员经费…): read, nothing taken
    header_text = " ".join(col.label for col in columns)
    if (block == "overall" and at is not None and re.match(r"(?:合计|总计|总额$)", row[at]) and "项目名称" in " ".join(table.rows[0]) + header_text
            and not _has_block_rows(table)):
        block = "projects"  # the total of a list of projects
    elif (block == "overall" and at is not None and section[0] in ("basic", "projects") and _TOTAL_CELL.match(row[at])
          and not _has_block_rows(table) and (_block_of(table.title or "") == section[0]
                                              or _of_basic_classes(table, r) and section[0] == "basic")):
        block = section[0]  # "（一）基本支出情况" over 人员经费 | 公用经费 | 合计: the total of that block's parts (its
        # title names the block; under its heading only, its rows the basic block's classes)
    row_label = row[at] if at is not None else section[1] or section[0]  # the label that names the block, nearest the figures
    if _blank_total(table, r, block, [col.col for col in columns if col.kind == "money"]):
        rec.warnings.append(f"table row {' | '.join(row)!r}: all zeros over the figures of its "
                            f"parts; a blank row of the form, not read")
        return True
    shifted = next((col.col for col in columns if col.kind == "money" and col.col < len(row)
                    and _PERCENT_CELL.search(row[col.col])), None)
    if shifted is not None:  # "部门整体支出总额 | 864.2 | 100% | 20" under 预算数 | 执行数 | 执行率 | 得分: the score is no rate
        rec.warnings.append(f"table row {' | '.join(row)!r}: a percent under a column of amounts; the cells from "
                            "there on do not stand under their header (a cell missing), not read")
    notes = [" ".join(_distinct([row[c] for c in labels]))] + _notes_above(table, r) + [table.title or ""] + outside
    values: dict[str, tuple[_Column, Decimal]] = {}
    fraction: dict[str, tuple[_Column, Decimal]] = {}  # rates written as shares of 1
    for col in columns:
        if col.field is None or col.col >= len(row) or shifted is not None and col.col >= shifted:
            continue
        if col.by_year and not _states_spending(table, row_label, outside):
            continue
        cell = row[col.col]
        number = _number(cell)
        if number is None:
            continue
        if _fraction(number, col.kind):
            fraction.setdefault(col.field, (col, to_decimal(number["num"])))
            continue
        value = _value(number, col.kind, [cell, col.label] + notes, rec, table, r, col.col, outside)
        if value is not None:
            values.setdefault(col.field, (col, value))
    for fld, (col, share) in fraction.items():
        rate = (share * 100).quantize(Decimal(1).scaleb(min(0, share.as_tuple().exponent + 2)))
        figures = {f: v for f, (_, v) in values.items()}
        if fld not in values and _rate_bears_out(fld, rate, figures):
            values[fld] = (col, rate)  # 0.9844 under 执行率, the row's actual ÷ budget: 98.44%
        elif fld not in values and _rate_bears_out(fld, share, figures):
            values[fld] = (col, share)  # 0.67 under 调整率（%）, 300 -> 302: a small percent
        else:
            rec.warnings.append(f"{table.cell_evidence(r, col.col)}: a rate of {share} with no % sign, "
                                "a share or a percent: not taken")
    if "budget" in values:  # a bare 预算数: which budget it is, the row's other figures say
        col, value = values.pop("budget")
        beside = any(_previous_year(c.label, rec.year) for c in columns)  # "2022年决算数" beside it
        field = _bare_budget({f: v for f, (_, v) in values.items()}, value, col.label,
                             beside, beside and _budget_form(table, outside), _names_rate_base(col, columns))
        if field:
            values.setdefault(field, (col, value))
    for fld, (col, value) in values.items():
        if store(rec, block, fld, value, table.cell_evidence(r, col.col, row=row_label, col=col.label)):
            taken.add((r, col.col))
    return True


_PERCENT_CELL = re.compile(r"\d\s*[%％]\s*$")


def _read_year_column(table: Table, r: int, columns: list[_Column], section: tuple[str | None, str | None],
                      rec: Record, outside: _Outside, taken: set[tuple[int, int]]) -> None:
    """A row whose label names its figure under columns of years ("年初预算 | 210.30 | 225.60" under
    "指标 | 2022年 | 2023年", or "上年数 | 本年数"): the figure in this year's column, never another's."""
    row = table.rows[r]
    first = min(col.col for col in columns if col.by_year)
    labels = [c for c in range(min(first, len(row))) if row[c] and not _number(row[c])]
    named = [(c, _role(row[c])) for c in reversed(labels)]
    at, (fld, kind) = next(((c, role) for c, role in named if role and role[0]), (None, (None, None)))
    this_year = next((col for col in columns if col.by_year and col.field), None)
    if at is None or fld == "budget" or this_year is None or this_year.col >= len(row) \
            or _previous_year(row[at], rec.year):
        return  # (a bare 预算数 names neither budget: no rate in the row says which)
    block = _own_block(row[at]) or _row_block(row, labels)[0] or section[0]
    number = _number(row[this_year.col])
    if not block or number is None:
        return
    value = _value(number, kind, [row[this_year.col], row[at], this_year.label] + _notes_above(table, r)
                   + [table.title or ""] + outside, rec, table, r, this_year.col, outside)
    evidence = table.cell_evidence(r, this_year.col, row=row[at], col=this_year.label)
    if value is not None and store(rec, block, fld, value, evidence):
        taken.add((r, this_year.col))


def _bare_budget(row: dict[str, Decimal], budget: Decimal, label: str, beside_another_year: bool = False,
                 form: bool = False, rate_base: bool = False) -> str | None:
    """The field of a budget its label calls neither 年初 nor 调整后, from its row and its header: the
    adjusted budget when the row's rate is actual ÷ it; the initial one when the row states a rate
    on another budget or the adjusted budget beside it, or the header names the year (a year's
    budget is the one set for it) — not beside another year's column ("2022年决算数 | 2023年预算数 |
    2023年执行数": a table comparing years, whose budget may be set or adjusted), unless the table is
    the 基础数据表's 经费控制情况 section (`form`), which defines it; else None (nothing says which: the
    prose reads no bare 预算数 either). `rate_base`: the header says the rate is on this budget
    ("预算数(A) | 执行数(B) | 执行率(B/A)"): the adjusted budget, as an execution rate's base is."""
    rate = row.get("completion_rate")
    if rate_base or is_rate_base(row.get("actual"), rate, budget):
        return "adjusted_budget"
    if rate is not None or row.get("adjusted_budget") is not None:
        return "initial_budget"
    if _YEAR.search(label) and (form or not beside_another_year):
        return "initial_budget"
    return None


def _names_rate_base(budget: _Column, columns: list[_Column]) -> bool:
    """Does the execution rate's header divide by the budget column's letter ("预算数(A)" and "执行率(B/A)";
    not an adjustment rate's "(B-A)/A", whose base is the initial budget)?"""
    m = _COLUMN_LETTER.search(budget.label)
    return m is not None and any(c.field == "completion_rate" and re.search(rf"[/÷]\s*{m['letter']}\b", c.label)
                                 for c in columns)


_COLUMN_LETTER = re.compile(r"[（(]\s*(?P<letter>[A-Z])\s*[)）]\s*$")


def _budget_form(table: Table, outside: list[str]) -> bool:
    """Is the table the 基础数据表's section whose budget columns the form defines (经费控制情况)?"""
    return any(LEX.budget_form.search(t or "") for t in [table.title, *outside, *(c for row in table.rows for c in row)])


def _rate_bears_out(fld: str, rate: Decimal, figures: dict[str, Decimal]) -> bool:
    """Is `rate` (a percent) the row's own: actual ÷ budget for 执行率, the change ÷ the initial
    budget for 调整率, within rounding?"""
    if fld == "adjustment_rate":
        initial, adjusted = figures.get("initial_budget"), figures.get("adjusted_budget")
        if initial is None or adjusted is None or initial <= 0 or adjusted <= initial:
            return False
        computed = ((Interval.stated(adjusted) - Interval.stated(initial)) / Interval.stated(initial)
                    * Interval.exact(Decimal(100)))
        return Interval.stated(rate).gap_to(computed) == 0
    budget = figures.get("adjusted_budget") or figures.get("budget")
    return fld == "completion_rate" and budget is not None and is_rate_base(figures.get("actual"), rate, budget)


def is_rate_base(actual: Decimal | None, rate: Decimal | None, budget: Decimal) -> bool:
    """Is the stated completion rate `actual` ÷ `budget`, within rounding?"""
    if actual is None or rate is None or budget <= 0:
        return False
    computed = Interval.stated(actual) / Interval.stated(budget) * Interval.exact(Decimal(100))
    return Interval.stated(rate).gap_to(computed) == 0


def _states_spending(table: Table, label: str, outside: list[str]) -> bool:
    """A label about spending (支出, 决算) in a table with no budget word in it or near it."""
    texts = [c for row in table.rows for c in row] + [table.title or ""] + outside
    return bool(_SPENDING.search(label)) and not any(_BUDGET.search(t or "") for t in texts)


def _read_year_rows(table: Table, rec: Record, outside: _Outside, taken: set[tuple[int, int]]) -> bool:
    """A table with a row per year and a column per block ("年度 | 支出总额 | 基本支出 | 项目支出").

    Only the row of the report's year is read, into `actual`, and only when the
    column labels say spending and no budget word is near. True when the table is such a table.
    """
    if not table.rows or rec.year is None:
        return False
    head = table.rows[0]
    blocks = {c: _block_of(cell) for c, cell in enumerate(head) if c and cell and not _number(cell)}
    blocks = {c: b for c, b in blocks.items() if b}
    year_rows = [r for r, row in enumerate(table.rows[1:], 1) if row and _YEAR_LABEL.match(row[0] or "")]
    if len(blocks) < 2 or len(year_rows) < 2:
        return False
    for r in year_rows:
        row = table.rows[r]
        if int(_YEAR_LABEL.match(row[0])[1]) != rec.year or len(row) != len(head):
            continue
        for c, block in blocks.items():
            number = _number(row[c])
            if number is None or not _states_spending(table, head[c], outside):
                continue
            value = _value(number, "money", [row[c], head[c], row[0]] + _notes_above(table, r)
                           + [table.title or ""] + outside, rec, table, r, c, outside)
            if value is not None:
                if store(rec, block, "actual", value, table.cell_evidence(r, c, row=row[0], col=head[c])):
                    taken.add((r, c))
    return True


def _blank_total(table: Table, r: int, block: str, money: list[int]) -> bool:
    """A block's row of zeros over rows of its parts with figures ("年度资金总额 | 0 | 0 | 0" over "其中：
    财政拨款 | 1250 | 1380 | 1362.4"): a form's row left blank, not the block's figures (a whole that is
    nothing cannot have parts that are something)."""
    row = table.rows[r]
    amounts = [_number(row[c]) for c in money if c < len(row)]
    if not any(amounts) or any(to_decimal(m["num"]) != 0 for m in amounts if m):
        return False
    for below in table.rows[r + 1:]:
        if len(below) != len(row):
            break  # another table's rows
        label = next((cell for cell in below if cell and not _number(cell)), "")
        part = _block_of(label)
        if part == block or (part and block != "overall"):
            break  # the next block's row: no part of this one
        if block != "overall" and not label.lstrip().startswith("其中"):
            break  # a source of funds under a part (项目支出 | 0 … 财政拨款 | 250 …): the unit's, not this block's
        if any(c < len(below) and _number(below[c]) and to_decimal(_number(below[c])["num"]) != 0 for c in money):
            return True
    return False


def _shares_of_a_source(table: Table) -> set[int]:
    """Rows of 基本支出/项目支出 right under a funding source's row ("一般公共预算 280 | 基本支出 200 | 项目支出 80 |
    其他资金 20 | 项目支出 20"; "其中：财政拨款 280 | 其中：基本支出 200 | 项目支出 80") that add up to that source's
    first figure: its parts, not the unit's blocks, when the source is one of several (another source's row, or a
    total row with another figure). (Parts that add up to the total as well are the unit's too: read.)"""
    firsts: list[tuple[int, str | None, int, Decimal] | None] = []  # (row, block, column, first figure)
    for r, row in enumerate(table.rows):
        at = next((c for c, cell in enumerate(row) if _number(cell)), None)
        label = next((cell for cell in row[:at] if cell.strip()), "") if at is not None else ""
        source = LEX.table_source_row.search(label) is not None
        firsts.append((r, "source" if source else _block_of(label), at, to_decimal(_number(row[at])["num"]))
                      if at is not None and label else None)
    sources = [f for f in firsts if f and f[1] == "source" and f[3] != 0]  # (a row of zeros: no money of its own)
    totals = {f[3] for f in firsts if f and f[1] == "overall"}
    out: set[int] = set()
    for r, _, at, value in sources:
        group = []
        for f in firsts[r + 1:]:
            if f is None or f[1] not in ("basic", "projects") or f[2] != at:
                break
            group.append(f)
        if (group and sum(f[3] for f in group) == value and (len(sources) > 1 or totals - {value})
                and value not in totals):
            out.update(f[0] for f in group)
    return out


def _of_basic_classes(table: Table, r: int) -> bool:
    """Are the labelled rows above the total row r the basic block's classes only (人员经费, 公用经费)?"""
    labels = [row[0].strip() for row in table.rows[:r] if row and row[0].strip() and any(_number(c) for c in row[1:])]
    return bool(labels) and all(_BASIC_CLASS.fullmatch(label) for label in labels)


_BASIC_CLASS = re.compile(r"(?:其中[:：]?)?\s*(?:人员经费|公用经费|人员支出|公用支出|日常公用经费)")


def _a_total_above(table: Table, r: int) -> bool:
    """Has a form's total row (年度资金总额) come before row r: the unit's form, another one run on under it?"""
    return any(row and "资金总额" in row[0] for row in table.rows[:r])


_TOTAL_CELL = re.compile(r"\s*(?:合计|总计|小计|总额)\s*$")  # (a cell that is only a total's label)


def _has_block_rows(table: Table) -> bool:
    """Rows for 基本支出 or 项目支出: a 合计 there is the department's total, not a list's."""
    return _block_rows_in(table.rows)


def _block_rows_in(rows: list[list[str]]) -> bool:
    """Does one of these rows name 基本支出 or 项目支出 in its first cell?"""
    return any(row and _block_of(row[0]) in ("basic", "projects") for row in rows)


def _only_figures_row(table: Table, r: int) -> bool:
    """Is row r the table's one row holding a figure?"""
    return [k for k, row in enumerate(table.rows) if any(_number(c) for c in row)] == [r]


def _label_merged_from_header(table: Table, r: int, labels: list[int]) -> bool:
    """Is row r's label the header's own label cell merged down over it ("年度预算情况（万元）" beside "年初预算数 | …"
    and again beside the figures under them), one naming the year's budget as a whole? (Its figures are then
    those of the form its title or heading names.)"""
    above = table.rows[r - 1] if r > 0 else []
    return (bool(labels) and all(c < len(above) and above[c] == table.rows[r][c] for c in labels)
            and _WHOLE_BUDGET_LABEL.fullmatch(_squeezed(table.rows[r][labels[-1]])) is not None)


# The label of a form's budget rows as a whole: "年度预算情况（万元）", "年度预算执行情况（万元）", "预算资金情况"
_WHOLE_BUDGET_LABEL = re.compile(r"(?:年度)?(?:部门)?(?:预算|资金)(?:资金)?(?:执行)?情况(?:[（(](?:万元|元)[)）])?")


def _row_block(row: list[str], label_cols: list[int]) -> tuple[str | None, int | None]:
    """The block the row's label names, from the label cell nearest the figures."""
    for c in reversed(label_cols):
        label = _squeezed(row[c])
        for block, pattern in _ROW_RES:
            if pattern.search(label):
                return block, c
    return None, None


def _names_a_sub_budget_only(table: Table) -> bool:
    """Does the table name a budget within the unit's (公务接待费, “三公”经费 …) and not the unit's spending, nor a
    total far above its rows of budgets within (twice theirs: "合计 620 | …" over "三公经费 12", "会议费 3")?"""
    if not any(LEX.sub_budgets.search(cell) for row in table.rows for cell in row):
        return False
    if any(_UNITS_SPENDING.search(cell) for row in table.rows for cell in row[:2]):
        return False
    sub_rows = [_first_number(row) for row in table.rows if any(LEX.sub_budgets.search(c) for c in row[:2])]
    total = next((_first_number(row) for row in table.rows if row and _TOTAL_ROW.search(row[0])), None)
    return not (total and total >= 2 * sum(n or 0 for n in sub_rows))


_TOTAL_ROW = re.compile(r"合计|总计|总额")


def _first_number(row: list[str]) -> Decimal | None:
    """The first figure of a row (not a rate)."""
    for cell in row[1:]:
        m = _number(cell)
        if m and not m["pct"]:
            return to_decimal(m["num"])
    return None


_UNITS_SPENDING = re.compile(r"部门|整体|基本支出|项目支出")


def _block_rows_below(table: Table, r: int) -> bool:
    """Are the rows of figures below header row r each labelled, right before their figures, with a block's whole
    name ("年度资金总额", "其中：基本支出", "项目支出") or a source's ("当年财政拨款"), not an indicator's ("项目支出人均成本")?"""
    labels = []
    for row in table.rows[r + 1:]:
        first = next((c for c, cell in enumerate(row) if _number(cell)), None)
        if first:
            labels.append(_WHOLE_ROW_OPENING.sub("", _squeezed(row[first - 1])))
    return bool(labels) and all(any(p.fullmatch(label) if block else p.search(label) for block, p in _ROW_RES)
                                for label in labels)


_WHOLE_ROW_OPENING = re.compile(r"^(?:其中[:：]?|[（(]?[一二三四五六七八九十\d]+[)）、.．])")


def _squeezed(label: str) -> str:
    """A row label with the spaces a form sets inside it to fill its cell taken out ("合  计", "基 本 支 出")."""
    return re.sub(r"\s+", "", label) if " " in label or "\u3000" in label else label


def _block_of(text: str) -> str | None:
    text = _squeezed(text)
    for block, pattern in _ROW_RES:
        if pattern.search(text):
            return block
    return None


# --- label/value forms -----------------------------------------------------------------
class _Bare(NamedTuple):
    block: str
    value: Decimal
    label: str
    evidence: str
    cell: tuple[int, int]


def _read_form_row(table: Table, r: int, section: tuple[str | None, str | None], rec: Record,
                   outside: _Outside, taken: set[tuple[int, int]], bare: list[_Bare]) -> None:
    """Pairs "label | value" along a row: "年初预算数 | 123.45 | 全年预算数 | 150.00" (a bare 预算数 goes
    to `bare`: the block's other figures say which budget it is)."""
    row = table.rows[r]
    row_block = None
    row_label = None
    c = 0
    while c < len(row):
        cell = row[c]
        role = _role(cell) if cell and not _number(cell) else None
        if role is None:
            if cell and not _number(cell) and _block_of(cell) and row_block is None:
                row_block, row_label = _block_of(cell), cell
            c += 1
            continue
        j = c + 1
        while j < len(row) and (row[j] == cell or _NOT_TEXT.match(row[j]) and not _PLACEHOLDER.match(row[j])):
            j += 1  # the label's own merged span, empty cells
        fld, kind = role
        if fld == "completion_rate" and _projects_done(cell):
            fld = None  # "项目完成率 | 100% | 100%": the projects done, not the money spent (as in prose)
        number = _number(row[j]) if j < len(row) else None
        if number is not None and j + 1 < len(row) and "%" in row[j] and "%" in row[j + 1] and _number(row[j + 1]):
            j = _actual_column(table, r, j)  # "项目支出预算执行率 | 90% | 97.27%": a row of target and actual
            number = _number(row[j]) if j < len(row) else None
        if number is not None and (total := _total_beside_sources(table, r, j)) is not None:
            j, number = total, _number(row[total])  # ("财政拨款 | 其他资金 | 合计" over the row: the 合计's is the unit's)
        if number is not None and fld == "completion_rate" and _points_column(table, r, j):
            number = None  # "预算执行率 | 20 | 19.75" under "三级指标 | 分值 | 得分": an indicator's points, no rate
        if number is not None and fld is not None and not _previous_year(cell, rec.year):
            block = _own_block(cell) or row_block or section[0]
            if block is not None:
                value = _value(number, kind, [row[j], cell] + _notes_above(table, r) + [table.title or ""] + outside,
                               rec, table, r, j, outside)
                if value is not None:
                    rlabel = cell if _own_block(cell) else row_label or section[1] or block
                    evidence = table.cell_evidence(r, j, row=rlabel, col=cell)
                    if fld == "budget":
                        bare.append(_Bare(block, value, cell, evidence, (r, j)))
                    elif store(rec, block, fld, value, evidence):
                        taken.add((r, j))
        c = j + 1 if number is not None else j


def _total_beside_sources(table: Table, r: int, j: int) -> int | None:
    """The 合计 column of a header row above row r whose column j is a source of funds ("资金来源" over "财政拨款 |
    其他资金 | 合计"), when row r has a figure there: the row's whole, not that source's share."""
    for row in table.rows[:r]:
        if j < len(row) and row[j] and LEX.table_source_row.search(row[j]) and not any(_number(c) for c in row):
            total = next((k for k, c in enumerate(row) if _SQUEEZED_TOTAL.fullmatch("".join(c.split()))), None)
            if total is not None and total < len(table.rows[r]) and _number(table.rows[r][total]):
                return total
    return None


# (the indicator reader's words for its points' columns, and two more a form may head them with)
_POINTS = frozenset(ROLE_LABELS["weight"] + ROLE_LABELS["score"] + ("分数", "标准分"))


def _points_column(table: Table, r: int, j: int) -> bool:
    """Is column j, in a header row above row r, one of an indicator table's points (分值, 得分)?"""
    return any(j < len(row) and "".join(row[j].split()) in _POINTS
               for row in table.rows[:r])


def _projects_done(label: str) -> bool:
    """A bare 完成率 right after 项目 ("项目完成率"): the share of projects done, not a budget's rate."""
    at = label.find("完成率")
    return at > 0 and label.endswith(LEX.task_rate_bare, 0, at)


def _actual_column(table: Table, r: int, j: int) -> int:
    """The column of the actual figure in row r, whose cells j, j+1 … hold a target and an actual rate:
    the one a header above, as wide as the row, names 实际完成值 (年度指标值 | 实际完成值); with none, no column."""
    for above in reversed(table.rows[:r]):
        if any(_number(c) for c in above):
            continue
        if len(above) == len(table.rows[r]):
            for k in range(j, len(above)):
                if any(w in above[k] for w in ROLE_LABELS["actual"]) and _number(table.rows[r][k]):
                    return k
        break
    return len(table.rows[r])  # (past the row: nothing read)


def _settle_bare_budgets(bare: list[_Bare], rec: Record, taken: set[tuple[int, int]]) -> None:
    """A form's bare 预算数 is the budget its block's figures say (as a row's: `_bare_budget`)."""
    for b in bare:
        figures = rec.block(b.block)
        if b.value in (figures.initial_budget, figures.adjusted_budget):
            taken.add(b.cell)  # the same figure, stated again
            continue
        known = {f: getattr(figures, f) for f in ("actual", "completion_rate", "adjusted_budget")}
        field = _bare_budget({f: v for f, v in known.items() if v is not None}, b.value, b.label)
        if field and store(rec, b.block, field, b.value, b.evidence):
            taken.add(b.cell)


def _own_block(label: str) -> str | None:
    """A form label that names its block itself: "项目支出年初预算数"."""
    label = _squeezed(label)
    for block, pattern in _ROW_RES:
        if block and pattern.search(label):
            return block
    return None


# --- amounts no field took -----------------------------------------------------------------
def unread_cells(table: Table, taken: set[tuple[int, int]], outside: list[str]) -> list[Unread]:
    """Money amounts in the table's cells that no field holds: a cell with a figure (no rate) whose
    unit is known (the cell, its column or row label, a note above, the title), outside rate,
    score, weight and row-number columns. The text is the row as the document's text has it."""
    out = []
    header: list[str] = []
    counters = _counter_columns(table)
    for r, row in enumerate(table.rows):
        if not any(_number(c) for c in row):
            header = row  # the nearest row of labels above is the column header
            continue
        at = next((c for c, cell in enumerate(row) if cell and not _number(cell)), len(row))
        label = row[at] if at < len(row) else ""
        for c, cell in enumerate(row):
            m = _number(cell)
            if m is None or m["pct"] or (r, c) in taken or c < at or (c and row[c - 1] == cell):
                continue  # no amount, taken, a row number before the label, a merged cell's span
            col = header[c] if c < len(header) else ""
            if _ROW_NUMBER.search(col) or c in counters:
                continue
            if any(_role(t) and _role(t)[1] != "money" for t in (col, label) if t):
                continue  # a rate, a score, a weight
            unit = m["unit"] or _unit([col, label] + _notes_above(table, r) + [table.title or ""] + outside)
            if unit is None:
                continue  # a count or a score: no money without a unit
            out.append(Unread(text="\t".join(_distinct(row)), amount=abs(money_to_wan(m["num"], unit))))
    return out


def _counter_columns(table: Table) -> set[int]:
    """Columns of row numbers with no header saying so: small whole numbers, all different,
    beside a column of amounts with decimals."""
    numbers: dict[int, list[str]] = {}
    for row in table.rows:
        for c, cell in enumerate(row):
            if _number(cell):
                numbers.setdefault(c, []).append(cell.strip())
    decimals = any(any("." in v for v in vs) for vs in numbers.values())
    return {c for c, vs in numbers.items()
            if decimals and len(vs) >= 2 and len(set(vs)) == len(vs) and all(re.fullmatch(r"\d{1,3}", v) for v in vs)}


# --- cells -----------------------------------------------------------------------------
def _number(cell: str) -> re.Match | None:
    return _CELL_NUMBER.match(cell.strip()) if cell else None


def _fraction(m: re.Match, kind: str | None) -> bool:
    """A rate cell holding a share of 1 ("0.9844" under 执行率, no % sign: a spreadsheet's fraction
    left unformatted): not a rate of 0.98%, nor surely 98.44% (`_value` gives none)."""
    return kind == "percent" and not m["pct"] and not m["unit"] and 0 < to_decimal(m["num"]) <= 1


def _value(m: re.Match, kind: str | None, notes: list[str], rec: Record, table: Table,
           r: int, c: int, outside: _Outside) -> Decimal | None:
    if _fraction(m, kind):
        rec.warnings.append(f"{table.cell_evidence(r, c)}: a rate of {m['num']} with no % sign, a share or "
                            "a percent: not taken")
        return None
    if kind == "percent":
        return to_decimal(m["num"])
    if m["pct"]:
        return None  # a rate in a money column
    unit = m["unit"] or _unit(notes)
    if unit is None and (scaled := next((u for t in notes if t and (u := _SCALED_UNIT.search(t))), None)):
        rec.warnings.append(f"{table.cell_evidence(r, c)}: in {scaled['unit']}, a unit perflib does not read; not taken")
        return None  # ("单位：百万元": read as 万元 it would be 100 times too small)
    if unit is None and (agreed := outside.unit_by_agreement(table, rec.text)):
        rec.warnings.append(f"{table.cell_evidence(r, c)}: no unit stated; read in {agreed}, the unit its "
                            "rows' other cells or the text's budgets give those amounts")
        unit = agreed
        outside.doubt = True  # (not stated over it: a sentence's figures outweigh it)
    if unit is None and _digits(table) >= 7:
        rec.warnings.append(f"{table.cell_evidence(r, c)}: no unit stated, and the table's amounts too large for 万元; "
                            "not taken")
        return None  # (8,512,300.00 would be 851 亿 a department's: 元 most likely, but said nowhere; its parts too)
    if unit is None:
        rec.warnings.append(f"{table.cell_evidence(r, c)}: no unit stated; assumed 万元")
        unit = "万元"
        outside.doubt = True
    elif not m["unit"] and outside.inherited:
        noted = next((t for t in notes if _UNIT.search(t or "")), None)
        if noted in outside.inherited:
            outside.doubt = True  # the unit of a note above an earlier table
    return money_to_wan(m["num"], unit)


_SCALED_UNIT = re.compile(rf"(?:{LEX.raw['unit_note']}|[（(]\s*)(?P<unit>[十百千]万元)(?=\s*(?:[)），,；;]|$))")  # (not "（十万元以上项目）")


def unit_by_agreement(table: Table, text: str) -> str | None:
    """The unit of a table that states none, by the report's own words: the unit its rows of a block (年度资金总额,
    基本支出, 项目支出) state in some of their cells ("87,415.00元"), else the one in which two of those rows' amounts
    or more are budgets or spending the text states with their unit ("85,320.00" and "92,600.00" in the form,
    "年初预算8.5320万元，全年预算9.26万元" or "…92,600.00元" in a sentence) and none is in the other; else None
    (nothing says: assumed 万元, or refused). A per-head rate, a fee or a 三公 amount in a sentence, a score, a year
    or a count in the table agree by chance: they are not compared."""
    bare: list[tuple[Decimal, str | None]] = []  # (amount, its column's field)
    units: set[str] = set()
    fields: dict[int, str | None] = {}  # column → the field its header names (the first header above)
    for row in table.rows:
        if not any(c and not _number(c) and _block_of(c) for c in row):
            for j, cell in enumerate(row):
                if j not in fields and cell and not _number(cell) and (role := _role(cell)):
                    fields[j] = role[0]
            continue
        for j, cell in enumerate(row):
            m = _number(cell) if cell else None
            if m and not m["pct"]:
                if m["unit"]:
                    units.add(m["unit"])
                elif _telling(d := to_decimal(m["num"])):
                    bare.append((d, fields.get(j)))
    if len(units) == 1 and "万" not in units:
        return units.pop()
    if len(bare) < 2:
        return None
    stated = _stated_budgets(text)
    matched = {unit: [(v, fld is not None and fld == f) for v, yuan, fld in stated for a, f in bare
                      if _same_amount(a.scaleb(scale), v, yuan)] for unit, scale in _TABLE_UNITS.items()}
    agreed = [unit for unit, found in matched.items() if _agree(found)]
    return agreed[0] if len(agreed) == 1 and sum(bool(found) for found in matched.values()) == 1 else None


_TABLE_UNITS = {"元": 0, "千元": 3, "万元": 4}  # a unit a form's amounts may be in → the power of ten to 元


def _agree(matched: list[tuple[Decimal, bool]]) -> bool:
    """Do the text's amounts (in 元) that match the table's say its unit: two of three significant digits or more, or
    one of five or more ("6,883,042.00元", "688.35万元"), or one under the same name as its column's ("全年预算13.26万元"
    and "132,600.00" under 全年预算), or two of two digits so named ("全年预算9.4万元，实际支出9.2万元")? One of three or
    four digits under another name ("300元", "9.22万元") may be chance."""
    telling = [(v, named) for v, named in matched if _telling(v)]
    return (len({v for v, _ in telling}) >= 2 or any(len(v.normalize().as_tuple().digits) >= 5 for v, _ in telling)
            or any(named for _, named in telling) or len({v for v, named in matched if named}) >= 2)


# A clause stating a budget or spending of the unit's; not a rate per head, a fee, a standard, a budget within it
_BUDGET_CLAUSE = re.compile(r"预算|支出|执行|决算|资金总额|拨款")
_NOT_THE_UNITS = re.compile(r"人均|生均|户均|每[人户年月天日次件篇项名位场]|标准|三公|公务|接待|公车|会议|培训|差旅|补助|补贴|"
                            r"奖补|奖励|慰问|费用|(?<!经)费|单价|上年|去年|同期")
_CLAUSE_END = re.compile(r"[，。；;：:\n]|,(?!\d{3})")  # (not the comma of "91,480.50")


def _stated_budgets(text: str) -> list[tuple[Decimal, bool, str | None]]:
    """The amounts the text states with their unit in clauses about a budget or spending, in 元, whether stated
    in 元 (then compared digit for digit; "9.26万元", to the precision given), and the field its label names."""
    out = []
    for clause in _CLAUSE_END.split(text):
        if "元" not in clause or not _BUDGET_CLAUSE.search(clause) or _NOT_THE_UNITS.search(clause):
            continue
        for m in LEX.money.finditer(clause):
            value = money_to_wan(m["num"], m["unit"])
            if value > 0 and len(value.as_tuple().digits) >= 2:  # (two digits count only named alike: `_agree`)
                # (the clause's last label before the amount names it: "2023年全年预算13.26万元")
                labels = list(LEX.label_re.finditer(clause, 0, m.start()))
                out.append((value.scaleb(4), m["unit"] == "元", LEX.label(labels[-1]).field if labels else None))
    return out


def _telling(amount: Decimal) -> bool:
    """An amount of three stated digits or more ("9.15", "85,320.00"): "9" or "0.5" agree by chance."""
    return amount > 0 and len(amount.as_tuple().digits) >= 3


def _same_amount(table_yuan: Decimal, stated_yuan: Decimal, exact: bool) -> bool:
    """Is the table's amount (in 元) the one the text states (in 元): digit for digit when the text gives 元, else
    to the precision the text gives (91,480.50 元 is "9.15万元")?"""
    if exact or stated_yuan.as_tuple().exponent < table_yuan.as_tuple().exponent:
        return table_yuan == stated_yuan
    return table_yuan.quantize(stated_yuan, rounding=ROUND_HALF_UP) == stated_yuan


def _unit(texts: list[str]) -> str | None:
    for text in texts:
        m = _UNIT.search(text or "")
        if m:
            return m["unit"]
    return None


def _notes_above(table: Table, r: int) -> list[str]:
    """Texts of the rows above r, nearest first (a "单位：万元" note row, a title row)."""
    return [" ".join(_distinct(table.rows[k])) for k in range(r - 1, -1, -1)]


def _distinct(row: list[str]) -> list[str]:
    out: list[str] = []
    for cell in row:
        if cell and (not out or out[-1] != cell):
            out.append(cell)
    return out


# A budget's completion rate above this is not one any report states of its own budget (spending is
# budgeted: a rate of 860% is an amount read under a rate's name, a table's cells misaligned).
MAX_COMPLETION_RATE = Decimal(300)


def store(rec: Record, block: str, field: str, value, evidence: str) -> bool:
    """First statement wins; a different later statement is only a warning; an impossible completion
    rate is never taken. True when the field holds `value` (stored now, or the same figure stated before)."""
    key = f"{block}.{field}"
    if field == "completion_rate" and isinstance(value, Decimal) and value > MAX_COMPLETION_RATE:
        rec.warnings.append(f"{key}: {value}% is no budget's completion rate (above {MAX_COMPLETION_RATE}%); not taken")
        return False
    b = rec.block(block)
    current = getattr(b, field)
    if current is None:
        setattr(b, field, value)
        rec.evidence[key] = evidence
        return True
    if current != value:
        rec.warnings.append(f"{key}: the report also states {value} (kept the first figure, {current})")
    return current == value
