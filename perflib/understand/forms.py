"""Whose form a table is: one project's, told by its 项目名称 field, or another year's, told by its period.

A department's report may carry the 项目支出绩效自评表 of a project or two beside the unit's own form (before it,
too), and last year's form beside this year's. Laid out like the unit's, their 总额 / 年度资金总额 rows and their
总分 are that project's or that year's: neither the tables' reader (understand/tables.py) nor the indicators'
(understand/indicators.py) takes them for the unit's.
"""
from __future__ import annotations

import re

from ..read.document import Table
from .lexicon import LEX
from .who import YEAR_IN_FIGURES, abbreviates, consistent, distinct_cells, reads_as_org, starts_with_place

# A form's period on a line or row of its own ("（2022年度）"), or closing its title ("…自评表（上年度）（2022 年度）")
YEAR_ROW = re.compile(r"^[（(]?\s*((?:19|20)\d{2})\s*年度?\s*[)）]?$")
_PERIOD_AT_END = re.compile(r"[（(]\s*((?:19|20)\d{2})\s*年度?\s*[)）]\s*$")
_YEARS = r"(?P<first>(?:19|20)\d{2})\s*年?度?\s*[-—–－~～至到]\s*(?!(?P=first))(?:19|20)\d{2}\s*年度?"  # a span of years
_SPAN = re.compile(rf"[（(]?\s*{_YEARS}\s*[)）]?")
_SPAN_AT_END = re.compile(rf"[（(]\s*{_YEARS}\s*[)）]\s*$")
_TOP_ROWS = 4  # rows a form's title, period and name fields may take before its figures (a sheet's first rows)


def another_years_form(table: Table, year: int | None, lines: list[str] = (), after_own: bool = False) -> bool:
    """Does the form state a period, over it or atop it, that is not `year`: another year ("（2022年度）" in a 2023
    report, "…自评表（上年度）（2022 年度）") or several ("（2021-2023年度）", no one year's)? `lines`: those right above
    it, nearest first (a text's form: "（2022年度）" / "部门（单位）名称 | 某局" over its rows); `after_own`: the report's
    own figures were read from a form before it."""
    if year is None:
        return False
    title = (table.title or "").strip()
    # (the title may be one of the lines too; a caption naming a year speaks for its table: "表1 2021年度…")
    # (past the form's name field over it, one cell per line: "部门（单位）名称" ⏎ "某局")
    nearest = next((line.strip() for line in lines
                    if line.strip() != title and not _NAME_FIELD_ALONE.fullmatch(line.strip())), "")
    above = [nearest] if (YEAR_ROW.match(nearest) or _SPAN.fullmatch(nearest)) and not YEAR_IN_FIGURES.search(title) else []
    # (a form's caption right above it closing with its period: "附：上年度部门整体支出绩效自评表（对比）（2020年度）", or
    # "2022年度自评表（2022年度）" after the unit's own form, `after_own`; the only form's may be the year evaluated)
    captioned = (bool(nearest) and FORMS_NAME.search(nearest) is not None and not YEAR_IN_FIGURES.search(title)
                 and (after_own or _LAST_YEARS.search(nearest) is not None))
    texts = [title, *([nearest] if captioned else above),
             *(cells[0].strip() for row in table.rows[:_TOP_ROWS] if len(cells := distinct_cells(row)) == 1)]
    for k, text in enumerate(texts):
        closing = k == 0 or k == 1 and captioned  # (a title or caption may close with its period)
        if _SPAN.fullmatch(text) or closing and _SPAN_AT_END.search(text):
            return True
        one = YEAR_ROW.match(text) or (_PERIOD_AT_END.search(text) if closing else None)
        if one:
            return int(one[1]) != year
    return False


FORMS_NAME = re.compile(r"(?:自评|评价)表")
_LAST_YEARS = re.compile(r"上年|上一年|往年|对比")
PROJECT_FUNDS = re.compile(r"项目资金(?:[（(]万?元[)）])?")
_NAME_FIELD_ALONE = re.compile(r"(?:部门[（(]单位[)）]|部门|单位)名称\s*[:：|]?")


# A form signed by a project's head ("项目负责人：某某 | 财务负责人：某某"), not the unit's ("部门负责人：…"): a project's form.
_PROJECTS_SIGNATURE = re.compile(r"\s*项目负责人")
_UNITS_SIGNATURE = re.compile(r"(?:部门|单位|机关)(?:主要)?负责人|填报单位|部门（单位）名称|部门\(单位\)名称|部门名称|单位名称")


def signed_for_a_project(rows: list[list[str]]) -> bool:
    """Is a table signed by a project's head and by no unit's? A page that cut off a project's form above the unit's
    gives its last rows with no 项目名称 field nor title left: its signature still tells whose they are."""
    cells = [c for row in rows for c in row if c]
    if "项目负责人" not in "\n".join(cells):
        return False  # (what every _PROJECTS_SIGNATURE match holds: most tables are asked no cell by cell)
    return any(_PROJECTS_SIGNATURE.match(c) for c in cells) and not any(_UNITS_SIGNATURE.search(c) for c in cells)


def projects_signed_rows(paragraphs: list[str]) -> set[int]:
    """Where the rows written as text (cells apart by `|` or tabs) of the forms signed by a project's head (above) are:
    from the signature's row back to the line before its rows, or to a row of the unit's own ("部门名称 | 某局")."""
    rows: set[int] = set()
    for k, para in enumerate(paragraphs):
        if not _is_row(para) or not signed_for_a_project([_cells(para)]):
            continue
        start = k
        while start > 0 and _is_row(paragraphs[start - 1]) and not UNITS_ROW.search(paragraphs[start - 1]) \
                and not _PROJECTS_NAME_ROW.match(paragraphs[start]):
            start -= 1  # (back to the form's 项目名称 row, its first: the rows above it are another form's)
        rows.update(range(start, k + 1))
    return rows


_PROJECTS_NAME_ROW = re.compile(r"\s*\|?\s*项目名称")


def _is_row(para: str) -> bool:
    return " | " in para or "\t" in para or para.rstrip().endswith("|")


def _cells(para: str) -> list[str]:
    return [c.strip() for c in re.split(r"\||\t", para) if c.strip()]


UNITS_ROW = re.compile(r"部门整体|单位整体|部门名称|单位名称|部门（单位）名称")


def titled_year(year: int | None, text: str | None) -> bool:
    """Does the report's title (its first lines, up to a sentence or a numbered heading) name `year`? Only then does
    a form of another year's period give way to it: a year read from the body ("2024年，我局将…") is weaker than
    the only form's "（2023年度）"."""
    if year is None:
        return False
    period = None  # a form's period under its title, when the title names no year ("（2022年度）")
    for line in (text or "").split("\n", _TITLE_LINES)[:_TITLE_LINES]:
        if "。" in line or LEX.numbering.match(line):
            return False
        if str(year) in line and re.search(rf"{year}\s*年", line):  # (the year's digits first: most lines name none)
            return True
        period = period or YEAR_ROW.match(line.strip())
    # (a workbook of the form for two years, the earlier first: the report's year, read as the later form's,
    # is as good as a title's)
    return period is not None and re.search(rf"(?m)^[（(]\s*{year}\s*年度\s*[)）]\s*$", text or "") is not None


_TITLE_LINES = 4  # lines a title (a banner, the unit, the report's name) may take


def names_one_project(table: Table, lines: list[str] = (), department: str | None = None) -> bool:
    """Does a 项目名称 field with a project's name stand atop `table` (its title or first rows: "项目名称 | 某某专项",
    "项目名称 | 某某专项 | 主管部门 | 某局", "项目名称：某某专项" in one merged cell) or in `lines`, the lines just above
    it in reading order ("项目名称：某某专项 主管部门：某局", or one cell per line: "项目名称" / "某某专项")? Not a list of
    projects (项目名称 heads a column of names: "项目名称 | 年初预算 | …"), nor a department's form ("部门（单位）名称 |
    …", "项目名称 | 2023年度部门整体支出", "项目名称 | 某县水利局（本级）": the report's `department`, or with no
    department read a name opening with its place), nor a sentence naming a project ("项目名称：某专项，安排资金 …")."""
    if table.rows and table.rows[0] and PROJECT_FUNDS.fullmatch("".join(table.rows[0][0].split())):
        over = " ".join((*lines, table.title or ""))
        if not (_A_DEPARTMENTS_FORM.search(over) or _A_DEPARTMENTS_TITLE.search(over)
                or any(_BLOCK_ROW.search(row[0]) for row in table.rows if row)):  # (a unit's form: 基本支出, 项目支出 rows)
            return True  # the project form's header, "项目资金（万元） | 年初预算数 | …", its title and name cut away
    if not _a_name_field(table, lines):
        return False
    top = ["".join(c.split()) for r in table.rows[:_TOP_ROWS] for c in r]
    if not any("项目名称" in t for t in (*lines, "".join((table.title or "").split()), *top)):
        return False
    if _A_DEPARTMENTS_FORM.search(" ".join((*lines, *top))):
        return False
    title = table.title or ""
    if _A_DEPARTMENTS_TITLE.search(title) and "项目" not in title:
        return False  # "部门整体支出绩效自评表" (not "…部门整体及项目支出绩效自评表", which may stand over a project's form)
    names = []
    for k, line in enumerate(lines):
        m = _NAME_LINE.match(line)
        if m:  # ("项目名称：某专项 主管部门：某局": the name up to the next field)
            names.append(m["name"] if m["name"] is not None else
                         lines[k + 1] if k + 1 < len(lines) and m.end() == len(line) else "")
    for cells in ([c.strip() for c in title.split("|") if c.strip()], *(distinct_cells(r) for r in table.rows[:_TOP_ROWS])):
        label = "".join(cells[0].split()) if cells else ""
        if len(cells) == 1 and (m := _NAME_LINE.fullmatch(label)) and m["name"]:
            names.append(m["name"])  # one merged cell: "项目名称：某某专项"
        elif len(cells) > 1 and _NAME_LABEL.fullmatch(label) and (
                len(cells) == 2 or _A_FIELD.match(cells[2]) or YEAR_ROW.match(cells[2].strip())):
            names.append(cells[1])
    return any(_a_projects_name(name, department) for name in names)


def names_another_unit(table: Table, lines: list[str] = (), department: str | None = None) -> str | None:
    """The unit a department's form names in its 部门（单位）名称 field when that is another than the report's
    `department` (a unit under it: "附表2：…水文站整体支出绩效自评表" ⏎ "部门（单位）名称 | 白沙县水文站" in 白沙县林业局's
    report): its figures are that unit's. The field atop the table (its title, its first rows) or in `lines`, the
    lines just above it ("部门（单位）名称：…", "部门（单位）名称 | …", or one cell per line: the label, then the name).
    None when it names the unit (in any form: "县林业局", "白沙县林业局（本级）") or no unit."""
    if not department or not _a_name_field(table, lines):
        return None
    texts = [table.title or "", *(" | ".join(distinct_cells(r)) for r in table.rows[:_TOP_ROWS]), *lines]
    names = []
    for k, text in enumerate(texts):
        for m in _UNITS_NAME_FIELD.finditer(text):
            if m["name"]:
                names.append(m["name"])  # "部门（单位）名称 | 某站", "部门（单位）名称：某站"
            elif k >= len(texts) - len(lines) and k + 1 < len(texts) and not text[m.end():].strip():
                names.append(texts[k + 1].strip())  # one cell per line: the label, then the name
    for name in names:
        name = name.strip().strip("|").strip()
        core = _NOT_THE_NAME.sub("", name)
        # (either of two plates may be the report's: "某县农业农村局（某县乡村振兴局）")
        if reads_as_org(core) and not any(_the_same_unit(n, department) for n in (core, *_BRACKETED.findall(name))):
            return core
    return None


def _a_name_field(table: Table, lines: list[str]) -> bool:
    """Does a 名称 stand in `lines`, the table's title or its top rows? (Most tables: none; spaced, "项 目 名 称", it
    still holds 称; one scan of them all.)"""
    return "称" in "".join((*lines, table.title or "", *(c for r in table.rows[:_TOP_ROWS] for c in r)))


def _the_same_unit(name: str, department: str) -> bool:
    return (name in department or department in name or consistent(name, department)
            or abbreviates(name, department) or abbreviates(department, name))


_BRACKETED = re.compile(r"[（(]([^（）()]{2,30})[)）]")


_UNITS_NAME_FIELD = re.compile(r"(?<!主管)(?<!上级)(?:部门[（(]单位[)）]|部门|单位|预算单位)名称\s*[:：|]?\s*(?P<name>[^\s|:：]+)?")


def _a_projects_name(name: str, department: str | None) -> bool:
    name = name.strip().strip("|").strip()
    return (2 <= len(name) <= 40 and not _THE_UNITS.search(name) and not _A_COLUMN.match(name)
            and not _SENTENCE_MARK.search(name) and not _the_units_name(name, department))


def _the_units_name(name: str, department: str | None) -> bool:
    """Does a 项目名称 name the unit itself ("某县卫生健康局（本级）", "某局机关"; a project may be named for an
    institution, "县图书馆", "乡镇卫生院": not the report's unit)?"""
    core = _NOT_THE_NAME.sub("", name)
    if department:
        return bool(core) and (core == department or consistent(core, department))  # ("某局机关运行经费": a project)
    return LEX.org_suffix.search(core) is not None and starts_with_place(core) and not core.startswith("乡镇")


_NOT_THE_NAME = re.compile(r"[（(][^（）()]*[)）]|本级|及所属单位|(?:19|20)\d{2}\s*年度?|(?<=.)(?:部门|机关)$")


_NAME_LABEL = re.compile(r"项目名称(?:[（(][^（）()]{1,6}[)）])?")  # ("项目名称（专项）")
_NAME_LINE = re.compile(rf"\s*{_NAME_LABEL.pattern}\s*(?:[:：|]?\s*(?P<name>[^|\s]+))?\s*\|?\s*")  # (or a tab: a space)
_A_FIELD = re.compile(r"主管部门|实施单位|项目单位|预算单位|项目负责人|所属部门|资金性质|资金来源|实施期限|项目类[型别]|项目属性|联系")
_THE_UNITS = re.compile(r"整体|部门预算|单位预算|部门支出|单位支出")  # ("项目名称 | 某馆部门预算": the unit's, no project's)
_SENTENCE_MARK = re.compile(r"[，,。；;:：]")
_A_DEPARTMENTS_FORM = re.compile(r"部门[（(]单位[)）]名称|(?<!主管)(?<!上级)(?:单位|部门)名称")
_BLOCK_ROW = re.compile(r"基本支出|项目支出")
_A_DEPARTMENTS_TITLE = re.compile(r"整体(?:支出)?绩效(?:自评|评价)表")
# the header of a column of figures or of a list's columns, not a project's name
_A_COLUMN = re.compile(r"(?:年初|全年|年度|本年|当年|总|调整|预算|资金|实际|执行|金额|来源|类别|序号|单位|科目|编码|实施|主管|绩效|"
                       r"目标|指标|可用|上年|计划|得分|分值|权重|备注|合计|批复|下达|支出|项目(?:类|负责|属性|金额|编号|单位))")
