"""Stage 3, the 绩效指标 table: indicators with target, actual, 分值, 得分 and the reason for a shortfall.

Tables are read by the roles of their header labels (一级指标, 三级指标, 年度指标值, 分值 …; the
label lists below). A grid with merged cells expanded repeats a merged 一级/二级 cell on every row;
a table flattened to text (Word rows joined by tabs, text reports by spaces) writes it once, on the
group's first row, and drops empty cells: such a row is aligned by what its cells are (level words
at the left, missing cells at the right) and the last 一级/二级 is carried down. Every row read
becomes a full grid row again, so the evidence of a 分值 or 得分 names its table, row and column
(`Table.cell_evidence`). Reports that list indicators in sentences (产出指标：…，目标值 …，实际完成 …)
are read too, with the sentence as evidence.

The 自评表's budget-execution row (年度资金总额 … 分值 执行率 得分) is read as `budget_execution`,
and a 总分 / 合计 row gives the stated total score.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from ..model import Indicator
from ..read.document import Table
from ..read.normalize import (LIST_MARKER, MARKDOWN_RULE, NOTE_IN_BRACKETS, fold_chars, fold_pages,
                               lines_without_furniture, sentences)
from ..read.flat_tables import rejoin_opened_rows
from ..read.realign import EMPTY
from .met import judge
from .forms import YEAR_ROW, another_years_form, names_one_project, signed_for_a_project
from .lexicon import LEX

# --- header labels by role (to move into the label lexicon, TOML, at merge) ------------------------
# Order matters: a header cell takes the first role one of whose labels it contains.
ROLE_LABELS: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "name": ("三级指标", "指标名称", "绩效指标名称", "具体指标", "指标内容"),
    "reason": ("偏差原因分析及改进措施", "偏差原因", "未完成原因", "原因分析", "改进措施"),
    "actual": ("实际完成值", "实际指标值", "全年实际值", "实际完成情况", "实际完成", "实际值", "完成值", "完成情况"),
    "target": ("年度指标值", "年度目标值", "指标值", "目标值", "预期值", "计划值", "年度目标", "预期目标"),
    "weight": ("分值", "权重", "满分"),
    "score": ("自评得分", "得分", "评分"),
    # The comparison and the unit in columns of their own beside the target's figure (指标性质 ≥ | 指标值 95 | 度量单位 %).
    "nature": ("指标性质", "指标方向", "运算符号", "计算符号"),
    "unit": ("度量单位", "计量单位"),
}
# Words that name the level of an indicator (a flattened row starts with them).
LEVEL1_WORDS = ("产出指标", "效益指标", "满意度指标", "成本指标", "效果指标", "影响指标",
                "决策指标", "过程指标", "管理指标", "履职指标", "产出", "效益", "满意度", "成本")
LEVEL2_SUFFIX = "指标"
# 二级 written without 指标 ("数量", "社会效益"): level words too.
LEVEL2_WORDS = ("数量", "质量", "时效", "经济效益", "社会效益", "生态效益", "可持续影响", "服务对象满意度",
                "经济成本", "社会成本", "生态环境成本")
TOTAL_WORDS = ("总分", "合计", "总计", "得分合计", "总得分", "合计得分", "自评总分", "综合得分", "评价总分",
               "总分值", "合计（分）", "合计(分)")
# A subtotal row ("小计", "产出指标小计") between the groups: no indicator, and the table goes on.
SUBTOTAL_SUFFIX = "小计"
# A column of another year ("上年实际完成值"): no role, however its label ends.
OTHER_YEAR = ("上年", "上一年", "去年", "前年")
# ... or of a longer period than the year's ("中期目标值" beside "年度目标值"): no role either.
OTHER_PERIOD = ("中期", "远期", "长期", "三年", "五年")
# The budget-execution row of the national 自评表.
EXECUTION_ROW = ("年度资金总额", "资金总额", "预算执行率", "预算执行情况")
EXECUTION_HEAD = ("年初预算", "全年预算", "全年执行", "执行率", "执行数")
GENERIC_CELLS = ("绩效指标", "年度绩效指标", "指标")  # a merged side label spanning the rows
PLACEHOLDER = re.compile(r"^[-—–/－无]*$")

# A table's title naming a project, not the unit as a whole: "<name>项目" ("城区排涝泵站改造项目…").
# 项目 after these words, or opening the title, or before 支出 (the unit's 项目支出) or a joining word,
# names the unit's projects together ("全局重点工作和项目绩效指标", "考核项目及指标", "评价项目指标得分",
# "（分项目列示）", "（二）项目支出绩效情况"): the unit's own table.
_PROJECT_TITLE = re.compile(r"项目")
_UNIT_TITLE = re.compile(r"部门|整体|单位")
_PROJECTS_TOGETHER_BEFORE = ("和", "及", "与", "、", "分", "各", "重点", "评价", "考核", "全部", "所有", "年度")
_PROJECTS_TOGETHER_AFTER = ("支出", "及", "和", "与", "、")
_PROJECTS_FORM_AFTER = re.compile(r"支出绩效(?:自评|评价)表$")
# Words before 项目 that name no project but the unit's projects as a kind ("我局项目", "2023年项目", "本年度
# 实施项目", "主要项目", "专项资金项目", "政府投资项目"); a project's name is three characters or more before
# 项目 ("水利项目" names a field, "农田水利维修项目" a project).
_PROJECTS_KIND_BEFORE = ("局", "实施", "主要", "重大", "预算", "资金", "投资", "所属", "局属", "本级", "其他",
                         "相关", "各类", "部分", "以下", "下列", "上述")
_TABLE_WORDS = ("绩效", "指标")
_NUM = re.compile(r"^\s*(?P<n>\d+(?:\.\d+)?)\s*(?:分|%)?\s*$")


@dataclass
class IndicatorTable:
    """What an indicator table gives: rows, their evidence, the stated totals."""

    indicators: list[Indicator] = field(default_factory=list)
    evidence: dict[str, str] = field(default_factory=dict)  # "indicators.1.weight" → cell evidence
    total_score: Decimal | None = None
    total_weight: Decimal | None = None
    total_evidence: str | None = None
    budget_execution: Indicator | None = None
    execution_evidence: dict[str, str] = field(default_factory=dict)


def read_document_indicators(tables: list[Table], laid_out: list[str], paragraphs: list[str],
                             year: int | None = None, department: str | None = None,
                             units_report: bool = False) -> IndicatorTable:
    """A document's indicators: from table rows flattened into its text as laid out (txt, a PDF's
    text layer; a merged cell written once, on its group's first row: this module aligns such
    rows itself), else from its Table blocks, else from sentences that list them; not from a form of another year
    than `year` (the report's), nor one project's beside the unit's (`department`), nor in a unit's report
    (`units_report`) a project's form, even alone (an appendix: "附件：某某项目支出绩效自评表")."""
    in_text = read_indicators(tables_from_lines(laid_out, folded=True), [], year, department, units_report)
    if in_text.indicators and in_text.budget_execution is not None:
        return in_text  # the Table blocks could only say it again
    grid = read_indicators(tables, [], year, department, units_report)
    best = in_text if in_text.indicators else grid
    if not best.indicators:  # a web page's form flattened one cell per line (no other reading saw a row)
        best = read_indicators(cell_line_tables(laid_out), [], year, department, units_report)
    if not best.indicators:
        best = read_indicators([], paragraphs)
    for other in (in_text, grid):  # the form's execution row may stand in the other reading
        if best.budget_execution is None:
            best.budget_execution, best.execution_evidence = other.budget_execution, other.execution_evidence
        if best.total_score is None:  # and a scoring summary's total (a table of no indicators)
            best.total_score, best.total_weight, best.total_evidence = other.total_score, other.total_weight, other.total_evidence
    if best.budget_execution is None and best.indicators:  # else a sentence beside the table ("预算执行率指标分值10分，得分10分")
        _execution_in_prose(paragraphs, best)
    return best


def read_indicators(tables: list[Table], paragraphs: list[str], year: int | None = None,
                    department: str | None = None, units_report: bool = False) -> IndicatorTable:
    """The indicators of every indicator table (not another year's form, by its period: `year`), then of
    sentences that list them (when no table did)."""
    out = IndicatorTable()
    # a project's own form beside the unit's (项目名称 | 某某专项): its indicators and 总分 are the project's
    projects = [names_one_project(t, department=department) or _project_field_title(t.title, department)
                or signed_for_a_project(t.rows) for t in tables]
    for table, one_project in zip(tables, projects):
        if projects_title(table.title, bool(out.indicators) or units_report) and not _names(table.title, department):
            continue  # introduced as a project's table ("某某项目绩效指标完成情况如下："): not the unit's
        if one_project and (units_report or not all(projects)) or another_years_form(table, year) \
                or _titled_another_year(table.title, year):
            continue  # (`year`: the title's; in a unit's report, a project's form is the project's however alone)
        _read_execution(table, out)
        before = len(out.indicators)
        _read_table(table, out, year)
        # (a target that is "≥" alone: its row's cells misread, or the header is a column short and every row's are)
        out.indicators[before:] = [i for i in out.indicators[before:] if not (i.target and _OPERATOR_ONLY.fullmatch(i.target))]
    if not out.indicators:
        _read_prose(paragraphs, out)
    return out


_TITLE_YEAR = re.compile(r"\s*(?:附[件表]?\s*\d*\s*[:：.、]?\s*|表\s*\d*\s*[:：.、]?\s*)?"
                         r"(?:(?P<last>上一?年度)|((?:19|20)\d{2})\s*年度?(?!\s*\d{1,2}\s*月))")


def _titled_another_year(title: str | None, year: int | None) -> bool:
    """Does the table's title open with another year than the report's ("2024年度部门整体支出绩效目标表" in a 2023
    report: next year's targets, no results; "附：上年度（2022年度）…自评表")?"""
    m = _TITLE_YEAR.match(title) if title and year else None
    return m is not None and (m["last"] is not None or int(m[2]) != year)  # ("附：上年度（2022年度）…自评表")


def _names(title: str | None, department: str | None) -> bool:
    """Does the title name the unit ("某某项目管理中心2023年度支出绩效自评表": the unit's own form)?"""
    return bool(title and department and department in title)


def _project_field_title(title: str | None, department: str | None) -> bool:
    """Is the title a project's 项目名称 field (tables_from_lines gives it to the tables after it), not one naming the
    unit itself ("项目名称 | 某局", "项目名称 | 某局2023年度支出": the unit's own form)?"""
    field = _PROJECT_FIELD.match(title or "")
    if field is None:
        return False
    return not (department and department in field[1]) and not _AN_OFFICE.search(field[1])


_PROJECT_FIELD = re.compile(r"项目名称\s*[:：]?\s*(\S+)")  # (its value, not a 主管部门 field after it)


_AN_OFFICE = re.compile(r"(?:局|委员会|委|办公室|中心|院|馆|站|所|队|会|政府|办事处)(?:\s*(?:19|20)\d{2}\s*年度?.*)?$")


def projects_title(title: str | None, after_units: bool) -> bool:
    """Does a table's title name one project: "<name>项目" saying it is a table of indicators, or
    over a table after the unit's own (a bare project name over the only table is taken as a heading)."""
    if not title or _UNIT_TITLE.search(title):
        return False
    text = "".join(NOTE_IN_BRACKETS.sub("", title).split())  # (a note in brackets names no project's form: "…（含某某项目）")
    for m in _PROJECT_TITLE.finditer(text):
        before, after = text[:m.start()], text[m.end():]
        name = re.search(r"[\u4e00-\u9fff]*$", before).group()
        if len(name) < 3 or name.endswith(_PROJECTS_TOGETHER_BEFORE + _PROJECTS_KIND_BEFORE):
            continue
        if after.startswith(_PROJECTS_TOGETHER_AFTER) and not _PROJECTS_FORM_AFTER.match(after):
            continue  # ("…项目及…", "…项目支出情况"; but "某某项目支出绩效自评表" is that project's form)
        return after_units or any(w in after for w in _TABLE_WORDS)
    return False


# --- roles of header cells ----------------------------------------------------------------------------
@lru_cache(maxsize=4096)
def role_of(label: str) -> str | None:
    """The role a header cell's label gives its column (ROLE_LABELS), or None."""
    text = "".join(label.split())
    if not _ANY_LABEL.search(text) or text.startswith(OTHER_YEAR) or text.startswith(OTHER_PERIOD):
        return None  # (most cells: a figure, a name)
    if _A_SCORES_RATIO.search(text):
        return None  # "得分系数(%)": the share of the points given, not the points (指标得分 beside it)
    for role, words in ROLE_LABELS.items():
        if any(w in text for w in words):
            return role
    return None


_HEADER_NAMES = frozenset(ROLE_LABELS["level1"] + ROLE_LABELS["level2"] + ROLE_LABELS["name"])  # (a header's cell, whole)
_A_SCORES_RATIO = re.compile(r"得分(?:系数|率|比例)")
_ANY_LABEL = re.compile("|".join(re.escape(w) for words in ROLE_LABELS.values() for w in words))


def header_roles(row: list[str], year: int | None = None) -> dict[str, int] | None:
    """Column of each role, when the row is an indicator table's header. A value's role goes to its first column after
    the name's ("一级指标 | 权重 | … | 三级指标 | … | 分值": the 权重 before the name is its group's); a target's or an
    actual's column labelled with a year ("2022年完成值 | 2023年目标值 | 2023年完成值") to the report's year's only, or,
    that year unknown, to the one such column (no column of another year: 上年实际完成值 has no role)."""
    cell_roles = list(map(role_of, row))
    if "name" not in cell_roles and ("target" not in cell_roles or "actual" not in cell_roles):
        return None  # no names' column, nor a target's and an actual's beside a generic one (most rows: a table's body)
    found: dict[str, list[int]] = {}
    dated: dict[str, list[tuple[int, int]]] = {}
    for c, (cell, role) in enumerate(zip(row, cell_roles)):
        said = _LABEL_YEAR.search(cell) if role in ("target", "actual") else None
        if said:
            dated.setdefault(role, []).append((c, int(said[1])))
        elif role:
            found.setdefault(role, []).append(c)
    for role, cols in dated.items():
        mine = [c for c, y in cols if y == year] if year is not None else [c for c, _ in cols] if len(cols) == 1 else []
        if role not in found and len(mine) == 1:
            found[role] = mine
    if "name" not in found and "level1" not in found and "level2" not in found and "target" in found and "actual" in found:
        generic = _generic_name_column(row, found)
        if generic is not None:
            found["name"] = [generic]
    name = found.get("name", [None])[0]
    roles = {role: next((c for c in cols if name is not None and c > name and role in _VALUE_ROLES), cols[0])
             for role, cols in found.items()}
    values = sum(r in roles for r in _VALUE_ROLES)
    return roles if "name" in roles and values >= 2 else None


_VALUE_ROLES = ("target", "actual", "weight", "score")


def two_row_header(first: list[str], second: list[str]) -> list[str] | None:
    """One header of a header written on two rows, "绩效指标" over the levels' and the name's columns ("绩效指标 |
    年度指标值 | 实际完成值 | 分值 | 得分" / "一级指标 | 二级指标 | 三级指标"): the second row's labels, then the first's
    after 绩效指标. None when the rows are not so."""
    heads = [c for c in first if c.strip()]
    labels = [c for c in second if c.strip()]
    if not heads or "".join(heads[0].split()) not in GENERIC_CELLS or not labels \
            or any(role_of(c) not in ("level1", "level2", "name") for c in labels) or role_of(labels[-1]) != "name":
        return None
    return labels + heads[1:]


def _generic_name_column(row: list[str], found: dict[str, list[int]]) -> int | None:
    """The names' column of a header that labels it only "绩效指标" ("绩效指标 | 年度目标值 | 实际完成值 | 分值 | 得分"):
    the row's first cell, every labelled column after it, no level's column (where 绩效指标 spans the levels and the
    name, its row says which is which). (The caller asks for a target's and an actual's column too: "指标 | 分值 |
    得分" over 投入, 过程, 产出 is a summary of groups, "指标 | 评分标准 | 分值" the scoring rules.)"""
    first = next((c for c, cell in enumerate(row) if cell.strip()), None)
    if first is None or "".join(row[first].split()) not in GENERIC_CELLS:
        return None
    return first if all(c > first for cols in found.values() for c in cols) else None
_LABEL_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


# --- tables -------------------------------------------------------------------------------------------
def _read_table(table: Table, out: IndicatorTable, year: int | None = None) -> None:
    r = 0
    while r < len(table.rows):
        header = table.rows[r]
        if r + 1 < len(table.rows) and (merged := two_row_header(header, table.rows[r + 1])) is not None:
            rows = table.rows[:r] + [merged] + table.rows[r + 2:]
            table = Table(rows, loc=table.loc, title=table.title, header_rows=table.header_rows, header_cols=table.header_cols)
            header = merged
        roles = header_roles(header, year)
        if roles is None:
            _read_summary_total(table, r, out)
            r += 1
            continue
        r = _read_body(table, r, roles, out)


def _summary_roles(row: list[str]) -> dict[str, int] | None:
    """A scoring summary's header: groups of indicators and no indicator names (一级指标 | 分值 | 得分),
    its last two cells 分值 then 得分."""
    cols = [c for c, cell in enumerate(row) if _cell(cell)]
    if len(cols) < 3 or role_of(row[cols[-2]]) != "weight" or role_of(row[cols[-1]]) != "score":
        return None
    return {"name": cols[0], "weight": cols[-2], "score": cols[-1]}


def _read_summary_total(table: Table, at: int, out: IndicatorTable) -> None:
    """The 合计 / 总分 row under a scoring summary's header at `at`: its 得分 is the total score, its
    分值 never (a total of points above its 分值, or above 100, is no score)."""
    roles = _summary_roles(table.rows[at])
    if roles is None or out.total_score is not None:
        return
    header = list(table.rows[at])
    for row in table.rows[at + 1:]:
        row = [_cell(c) for c in row]
        if header_roles(row) is not None or _summary_roles(row) is not None:
            return
        if any(row) and _is_total(row, roles):
            if len(row) < len(header) and sum(_points(c) is not None for c in row) < 2:
                return  # "合计 | 100": 分值 or 得分, the row does not say
            full = _total_row(row, roles, max(len(header), len(row)))
            weight, score = _points(full[roles["weight"]]), _points(full[roles["score"]])
            if score is not None and score <= min(weight or 100, 100):
                out.total_score, out.total_weight = score, weight
                aligned = Table([header, full], loc=table.loc, title=table.title, header_rows=1, header_cols=1)
                out.total_evidence = aligned.cell_evidence(1, roles["score"], full[roles["name"]],
                                                           aligned.column_header(roles["score"]))
            return


def _read_body(table: Table, at: int, roles: dict[str, int], out: IndicatorTable) -> int:
    """Rows under the header at `at`; returns the row after the last one read."""
    header = table.rows[at]
    width = max(len(header), max(roles.values()) + 1)
    grid: list[list[str]] = [list(header) + [""] * (width - len(header))]
    level1 = level2 = None
    places: list[tuple[int, int]] = []  # (grid row, indicator index)
    rest_cols = _rest_columns(roles, width, header)  # (the header's: once a table, not once a row)
    r = at + 1
    while r < len(table.rows):
        row = [_cell(c) for c in table.rows[r]]
        if header_roles(row) is not None:
            break
        if not any(row) or _is_subtotal(row):
            r += 1
            continue
        if _is_total(row, roles):
            full = _total_row(row, roles, width)
            grid.append(full)
            _read_total(full, roles, out)
            places.append((len(grid) - 1, -1))
            r += 1
            break
        first = next((c for c in row if c and c != EMPTY), "")
        if _FORM_SECTION_ROW.fullmatch("".join(first.split()).rstrip("：:")):
            r += 1
            continue  # the form's other parts ("存在的问题 | …", "改进措施 | …") before its 总分 row: no indicators
        full = _align(row, roles, width, header, rest_cols)
        if full is None or not full[roles["name"]] or _spans_levels(full, roles):
            break  # not a row of this table (a note, a 评价等级 row merged across): it has ended
        if "".join(full[roles["name"]].split()) in _HEADER_NAMES:
            r += 1
            continue  # a header's cell as a row's name ("一级 指标", a second header row): no indicator
        if _a_groups_row(full, roles):
            r += 1
            continue
        if "level1" in roles:
            if full[roles["level1"]] and full[roles["level1"]] != level1:
                level2 = None  # a new 一级 group: the last 二级 belonged to the one before
            level1 = full[roles["level1"]] or level1
            full[roles["level1"]] = level1 or ""
        if "level2" in roles:
            level2 = full[roles["level2"]] or level2
            full[roles["level2"]] = level2 or ""
        grid.append(full)
        places.append((len(grid) - 1, len(out.indicators)))
        out.indicators.append(_indicator(full, roles))
        r += 1
    # The evidence names cells of the aligned grid: merged cells expanded, as every format gives them.
    aligned = Table(grid, loc=table.loc, title=table.title, header_rows=1, header_cols=roles["name"] + 1)
    cols = {role: (roles[role], aligned.column_header(roles[role])) for role in ("weight", "score") if role in roles}
    for g, i in places:
        row = None  # the row's header, named once for both cells
        for role, (c, col) in cols.items():
            if grid[g][c]:  # (aligned.cell(g, c): every grid row is `width` long)
                if i < 0 and role != "score":
                    continue
                row = aligned.row_header(g) if row is None else row
                if i < 0:  # the stated total score
                    out.total_evidence = out.total_evidence or aligned.cell_evidence(g, c, row, col)
                else:
                    out.evidence[f"indicators.{i + 1}.{role}"] = aligned.cell_evidence(g, c, row, col)
    return r


@lru_cache(maxsize=4096)  # (a table's cells are read again as headers, rows and execution rows)
def _cell(text: str) -> str:
    return " ".join(fold_chars(text or "").split())


@lru_cache(maxsize=4096)  # (every row of every table is asked whether it is the execution row's header)
def _bare_cell(text: str) -> str:
    """_cell's text without its spaces."""
    return "".join(_cell(text).split())


def _is_total(row: list[str], roles: dict[str, int]) -> bool:
    cells = [c for c in row if c]
    first = "".join(cells[0].split()) if cells else ""
    if len(first) == 1 and len(cells) > 1:  # "总 计 100 92": a label spaced out, split at its space
        first += cells[1].split()[0]
    return first in TOTAL_WORDS


def _a_groups_row(full: list[str], roles: dict[str, int]) -> bool:
    """In a table of no level's column, a row naming a level with no target and no actual ("产出指标 | | | 50 | 47"):
    its group's subtotal, no indicator."""
    return ("level1" not in roles and "level2" not in roles and _standard_level(full[roles["name"]])
            and not any(full[roles[r]] for r in ("target", "actual") if r in roles))


def _is_subtotal(row: list[str]) -> bool:
    first = next((c for c in row if c), "")
    return "".join(first.split()).endswith(SUBTOTAL_SUFFIX)


def _total_row(row: list[str], roles: dict[str, int], width: int) -> list[str]:
    """A 总分 row: by position when it fills the header, else its figures are 分值 then 得分."""
    if len(row) == width:
        return list(row)
    filled = [c for c, text in enumerate(row) if text]
    cols = {roles[r] for r in ("weight", "score") if r in roles}
    if len(row) < width and any(not row[c] for c in range(filled[0], filled[-1])) \
            and all(c in cols for c in filled[1:] if _points(row[c]) is not None) and filled[-1] in cols:
        # "合计 |  |  |  |  |  | 97.5": a row that keeps its blanks has each figure under its column
        return list(row) + [""] * (width - len(row))
    full = [""] * width
    full[roles["name"]] = next(c for c in row if c)
    figures = [w for c in row for w in c.split() if _points(w) is not None]  # ("合  计 75 72": one cell's words)
    cols = [roles[r] for r in ("weight", "score") if r in roles]
    if len(row) < width and len(figures) < len(cols):
        return full  # "合计 | 100": 分值 or 得分, the row does not say
    for c, text in zip(cols[-len(figures):] if figures else [], figures[-len(cols):]):
        full[c] = text
    return full


def _read_total(full: list[str], roles: dict[str, int], out: IndicatorTable) -> None:
    if out.total_score is not None:
        return  # the first table's total stands (its evidence is the first's: the value must be too)
    out.total_weight = _points(full[roles["weight"]]) if "weight" in roles else None
    out.total_score = _points(full[roles["score"]]) if "score" in roles else None


def _spans_levels(full: list[str], roles: dict[str, int]) -> bool:
    """A cell merged across the level and name columns: the row belongs to the form, not the table."""
    name = full[roles["name"]]
    return any(full[roles[r]] == name or _points(full[roles[r]]) is not None  # ("自评得分 | 92 | 评价等级 | 优")
               for r in ("level1", "level2") if r in roles)


@lru_cache(maxsize=4096)  # (a row's cells are asked again by _align, _carries_on and _cut_at_the_right)
def _is_level(cell: str) -> bool:
    text = "".join(cell.split())
    return text in LEVEL1_WORDS or text in LEVEL2_WORDS or (text.endswith(LEVEL2_SUFFIX) and 2 < len(text) <= 12
                                    and text not in GENERIC_CELLS)


def _standard_level(cell: str) -> bool:
    """A level word of the national framework ("数量指标", "社会效益"), never an indicator's name (the
    cell after it, even one opening with a figure, "110接警处置率", is the name)."""
    text = "".join(cell.split())
    return text in LEVEL1_WORDS or text.removesuffix(LEVEL2_SUFFIX) in LEVEL2_WORDS


_PLAIN_POINTS = re.compile(r"\d+(?:\.\d+)?\s*分?")  # a 分值 or 得分 cell (not "90%", a value)
_VALUE_LIKE = re.compile(r"^\s*(?:[≥≤<>=＞＜]|\d)")
# A cell opening with a figure that is a name, not a value: the figure (or a range, "0-6") is followed
# by six characters or more and no other figure ("12345热线工单受理量", "5G基站覆盖行政村比例", "0-6岁儿童
# 健康管理率", "2023年度培训计划完成时限"),
# where a value's unit is short ("5620件", "12月底前"), holds another figure ("2023年12月31日前") or
# ends as a time limit or a bound does ("3个工作日以内", "12个月内完成").
# or by a shorter name of a rate, count or share ("12314热线办结率", "3A级景区数", "24小时值守率"): no
# value ends so.
_NAME_AFTER_FIGURE = re.compile(r"^\s*\d(?:[\d.,]|[-~～至]\d)*[^\d\s%‰](?:\D{5,}(?<![内前后上下成右])"
                                r"|\D{2,}(?:率|数|量|比例))$")


def _value_like(cell: str) -> bool:
    return bool(_VALUE_LIKE.match(cell)) and not _NAME_AFTER_FIGURE.match(cell)


def _by_position(row: list[str], roles: dict[str, int], width: int) -> list[str] | None:
    """A short row that keeps its empty cells (a `|` or tab row with an empty cell between two filled
    ones, or its leading empty cells): only empty cells at its right end were dropped, so each cell
    stands under its column, when its name column holds a name (not a level word, not a figure) and
    its first cell, when filled under a level column, is a level word (a `|` row's leading blanks are
    stripped, a tab row's by the reader: "| | | 工程验收 | | 合格 | …" keeps only the interior blank)."""
    if all(row):
        return None  # (no empty cell at all: most rows, asked nothing cell by cell)
    filled = [c for c, text in enumerate(row) if text]
    if not filled or not (row[0] == "" or any(not row[c] for c in range(filled[0], filled[-1]))):
        return None
    if row[0] and any(roles.get(r) == 0 for r in ("level1", "level2")) and not _is_level(row[0]):
        return None  # its first cell is no level word: blank merged cells before it were dropped, not kept
    full = list(row) + [""] * (width - len(row))
    name = full[roles["name"]]
    if not name or _is_level(name) or _value_like(name) or "".join(name.split()) in _COMPARISONS | _NATURE_WORDS:
        return None  # (a 指标性质 under the name: leading blanks were dropped too)
    return full


def _points_last(roles: dict[str, int], header: list[str]) -> bool:
    """Are the header's 分值 | 得分 its last figures, only columns of words after them (偏差原因, 改进措施, 备注, 扣分原因;
    not a 扣分 figure)?"""
    if "weight" not in roles or "score" not in roles or roles["score"] != roles["weight"] + 1:
        return False
    return all(_WORDS_COLUMN.search(h) for h in header[roles["score"] + 1:] if _cell(h))


_WORDS_COLUMN = re.compile(r"原因|措施|备注|说明|分析|情况|理由")


def _cut_at_the_right(row: list[str], roles: dict[str, int], width: int, header: list[str]) -> list[str] | None:
    """A row with every cell filled, from a level word under the first level column, up to its points, and none
    after them (the empty 偏差原因 cell a `|` or tab row dropped: "产出 | 职责履行 | 重点工作任务完成率 | 100% | 100% | 20 |
    20"): each cell under its column, though its 二级 cell is no level word ("职责履行")."""
    points = [roles[r] for r in ("weight", "score") if r in roles]
    # (the header's columns asked last: the row's own cells tell most rows apart first)
    if (roles.get("level1") != 0 or "weight" not in roles or "score" not in roles or len(row) <= max(points)
            or not all(row) or not _is_level(row[0]) or roles["name"] >= len(row) or not _points_last(roles, header)):
        return None
    name = row[roles["name"]]
    if _is_level(name) or _value_like(name) or not all(_PLAIN_POINTS.fullmatch(row[c]) for c in points):
        return None
    return list(row) + [""] * (width - len(row))


def _rest_columns(roles: dict[str, int], width: int, header: list[str]) -> list[int]:
    """The columns a flattened row's cells after its levels go to, in header order: the name's, then each after it
    but the levels' that has a role or a label (a labelled column of no role, 完成率 or 指标解释, holds its cell too)."""
    level_cols = {roles[r] for r in ("level1", "level2") if r in roles}
    return [c for c in range(roles["name"], width)
            if c not in level_cols and (c in roles.values() or (c < len(header) and _cell(header[c])))]


def _align(row: list[str], roles: dict[str, int], width: int, header: list[str],
           rest_cols: list[int]) -> list[str] | None:
    """The row as a full grid row. A row of the header's width is read by position; a shorter one
    (merged cells written once, empty cells dropped) by what its cells are. `rest_cols`: _rest_columns' of the
    table."""
    if len(row) == width:
        return list(row)
    if len(row) > width:
        return None
    kept = _by_position(row, roles, width) or _cut_at_the_right(row, roles, width, header)
    if kept is not None:
        return kept
    cells = [c for c in row if c]
    first_role = next((r for r, c in roles.items() if c == 0), None)
    while cells and ("".join(cells[0].split()) in GENERIC_CELLS
                     or (first_role is None and re.fullmatch(r"\d{1,3}", cells[0]))):
        cells.pop(0)  # a side label or a 序号 column: not an indicator's cells
    levels = []
    while cells and len(levels) < 2 and _is_level(cells[0]):
        levels.append(cells.pop(0))
    if not levels:
        levels = _levels_before_the_name(cells, roles, header)  # "社会满意度 | 市民满意度 | ≥90% | 92% | 30 | 30"
        del cells[:len(levels)]
    if levels and (not cells or (_value_like(cells[0]) and not _standard_level(levels[-1]))):
        cells.insert(0, levels.pop())  # a name ending 指标 ("培训农民人次指标"), its target next: no 二级
    full = [""] * width
    level_roles = [r for r in ("level1", "level2") if r in roles]
    if len(levels) == 2 or (len(levels) == 1 and len(level_roles) == 1):
        for role, text in zip(level_roles[-len(levels):], levels):
            full[roles[role]] = text
    elif len(levels) == 1 and "level2" in roles:
        full[roles["level2"]] = levels[0]  # a lone level word: a new 二级 under the carried 一级
    # The rest follow the name column in header order (rest_cols); cells missing at the right were empty.
    if len(cells) > len(rest_cols):
        return None
    for c, text in zip(rest_cols, _values_placed(cells, rest_cols, roles)):
        full[c] = text
    return full


def _levels_before_the_name(cells: list[str], roles: dict[str, int], header: list[str]) -> list[str]:
    """The cells before a row's name that are its levels though no level word ("社会满意度", "职责履行"): the name
    stands as many cells before the row's 分值 | 得分 pair (its last two plain figures, words after them aside) as the
    header has columns between them, none of which an empty cell may have left (指标解释, 说明), and what is before it
    is at most a level per level column (a row whose merged 一级 cell was dropped: "社会满意度 | 市民满意度 | ≥90% | 92% |
    30 | 30")."""
    level_roles = [r for r in ("level1", "level2") if r in roles]
    if (not _points_last(roles, header) or not level_roles
            or any(_OFTEN_EMPTY.search(h) for h in header[roles["name"] + 1:roles["weight"]])):
        return []  # (a 扣分 after the points or a column often left empty before them: their places are not known)
    end = len(cells)
    while end and not _PLAIN_POINTS.fullmatch(cells[end - 1]) and not _value_like(cells[end - 1]):
        end -= 1  # (words after the points: a reason, a remark)
    if end < 3 or not all(_PLAIN_POINTS.fullmatch(c) for c in cells[end - 2:end]):
        return []
    at = end - 2 - (roles["weight"] - roles["name"])  # the name's place
    if not 1 <= at <= len(level_roles) or _value_like(cells[at]) or _is_level(cells[at]):
        return []
    return cells[:at] if all(_level_like(c) for c in cells[:at]) else []


_OFTEN_EMPTY = re.compile(r"解释|说明|释义|定义|备注")


_SERIAL = re.compile(r"[（(]?[一二三四五六七八九十\d①-⑳]{1,3}[)）、.．]?")


def _level_like(cell: str) -> bool:
    """Could the cell be a level's words that are no level word of the framework ("社会满意度", "群众评价")? Not a 序号
    ("（二）", "②"), nor a name's first word a PDF's single space cut off ("公厕" of "公厕 新建数量"), nor a figure."""
    text = "".join(cell.split())
    return ((len(text) >= 4 or text in _SHORT_LEVELS) and not _SERIAL.fullmatch(text) and not _value_like(text))


# Two- and three-character level words of a unit's own framework ("效能 | 服务 | …"): a short cell before a name is a
# level only so (not "公厕" of "公厕 新建数量").
_SHORT_LEVELS = {"效能", "服务", "质量", "数量", "时效", "成本", "效益", "效果", "履职", "管理", "保障", "产出", "满意", "满意度",
                 "社会效益", "经济效益", "生态效益", "可持续"}


def _values_placed(cells: list[str], cols: list[int], roles: dict[str, int]) -> list[str]:
    """The cells after a flattened row's name, one per column of `cols` (name first). A row with fewer
    values than the value columns (年度指标值 … 得分) up to the last of them lost an empty cell among
    them, not only at its right: its 分值 and 得分 are its two last plain figures when it has both (a 得分
    not above its 分值, at most 100), and the values before them stand where they fall only when none is
    missing; without such a pair, its cells that are no points are its target and actual when it has
    two; others are left empty."""
    value_roles = [roles[r] for r in ("target", "actual", "weight", "score") if r in roles]
    if not value_roles or len(cells) < 2:
        return cells
    value_cols = [c for c in cols[1:] if c <= max(value_roles)]
    values = cells[1:]
    reason = []
    if values and "reason" in roles and roles["reason"] > max(value_roles) and _points(values[-1]) is None \
            and not _VALUE_LIKE.match(values[-1]) and any(_PLAIN_POINTS.fullmatch(v) for v in values[:-1]):
        reason = [values.pop()]  # a shortfall's reason, the row's last words (after its points: "达标 达标"
        # with 分值/得分 blank are the target and actual)
    if len(values) >= len(value_cols):
        return cells
    placed = {c: "" for c in value_cols}
    unitless = _without_its_unit(values, value_cols, roles)
    if unitless is not None:  # "定性 | 明显提升 | 10 | 有所提升 | 8": the 度量单位 cell of a row stated in words, empty
        placed.update(unitless)
        values = []
    # (指标性质 and 度量单位 are columns a row may leave empty, as those of no role)
    role_cols = [c for c in value_cols if c in roles.values() and c not in (roles.get("unit"), roles.get("nature"))]
    if len(values) == len(role_cols):  # the empty ones are the columns of no role (计量单位), as before
        placed.update(zip(role_cols, values))
        values = []
    points = [roles[r] for r in ("weight", "score") if r in roles]
    pair = len(points) == 2 and points == value_cols[-2:] and len(values) >= 2 \
        and all(_PLAIN_POINTS.fullmatch(v) for v in values[-2:])
    if pair and not _points(values[-1]) <= _points(values[-2]) <= 100:
        # no 分值 then 得分 ("500 620", "620 20"): bare figures of a target and an actual, the points
        # columns left blank (a 得分 given only in the total): in order, as the row reads
        placed.update(zip(value_cols, values))
        values = []
    elif pair:
        placed[points[0]], placed[points[1]] = values[-2], values[-1]
        values, before = values[:-2], value_cols[:-2]
        if len(values) == len(before):
            placed.update(zip(before, values))
    elif values:
        # No pair of points: its cells that are no points ("≥90%", "93%", "达标") are its target and actual
        # when it has as many, in order; a lone figure (分值 or 得分, merged per group or blank) is unsaid.
        words = [v for v in values if not _PLAIN_POINTS.fullmatch(v)]
        ends = [roles[r] for r in ("target", "actual") if r in roles]
        if values[:len(words)] == words and len(words) == len(ends):
            placed.update(zip(ends, words))
    out = [cells[0]] + [placed[c] for c in value_cols]
    if reason and "reason" in roles:
        out += [""] * (cols.index(roles["reason"]) - len(out)) + reason if roles["reason"] in cols else []
    return out


def _without_its_unit(values: list[str], value_cols: list[int], roles: dict[str, int]) -> dict[int, str] | None:
    """A row one cell short in a table with a 度量单位 column, read as missing that cell: when its target then is
    no bare figure (words, or a figure with its unit: "明显提升", "≥95%"), its 指标性质 (if the table has one) a
    comparison or 定性/定量, and its 分值 and 得分 points."""
    if "unit" not in roles or len(values) != len(value_cols) - 1 or roles["unit"] not in value_cols:
        return None
    placed = dict(zip([c for c in value_cols if c != roles["unit"]], values))
    target = placed.get(roles.get("target"), "")
    nature = "".join(placed.get(roles.get("nature"), "").split())
    if not target or _BARE_FIGURE.fullmatch(target) or ("nature" in roles and nature not in _COMPARISONS | _NATURE_WORDS):
        return None
    if any(c in placed and not _PLAIN_POINTS.fullmatch(placed[c]) for c in (roles.get("weight"), roles.get("score"))):
        return None
    return placed


_NATURE_WORDS = {"定性", "定量", "正向", "反向", "逆向", "正向指标", "反向指标"}
_DIRECTION_BOUND = {"正向": "≥", "反向": "≤", "逆向": "≤"}


def _indicator(full: list[str], roles: dict[str, int]) -> Indicator:
    get = lambda role: (full[roles[role]] or None) if role in roles else None  # noqa: E731
    target, actual = _text(get("target")), _text(get("actual"))
    unit, nature = _text(get("unit")), _text(get("nature"))
    if unit:  # (a figure in a row whose unit stands in its own column: "95" "%" → 95%, "≥300" "人次" → ≥300人次)
        target, actual = (v + unit if v and _FIGURE_UNITLESS.fullmatch(v) else v for v in (target, actual))
    op = "".join(nature.split()) if nature else ""
    if op in _COMPARISONS and target and _BARE_FIGURE.match(target):
        target = op + target  # "≥" "95%" → ≥95% (not 定性, 定量)
    name, level1, level2 = full[roles["name"]], _level(get("level1")), _level(get("level2"))
    # (a direction, 正向 / 反向: the bare target a floor or a ceiling, as judged; the target shown as written)
    bound = _DIRECTION_BOUND.get(op.removesuffix("指标"), "") if target and _BARE_FIGURE.match(target) else ""
    return Indicator(
        name=name, level1=level1, level2=level2, target=target, actual=actual,
        weight=_points(get("weight")), score=_points(get("score")),
        met=judge(bound + target if bound else target, actual, name), reason=_text(get("reason")),
    )


_BARE_FIGURE = re.compile(r"\d+(?:\.\d+)?")
_FIGURE_UNITLESS = re.compile(r"(?:[≥≤><=＞＜＝≧≦]=?|不低于|不少于|不高于|不超过|大于|小于|低于|高于)?\s*\d+(?:\.\d+)?")
# What a 指标性质 column's cell may say that compares (an upper bound "≤", a lower "≥", an exact "＝").
_COMPARISONS = {"≥", "≤", ">", "<", "=", "＞", "＜", "＝", "≧", "≦", ">=", "<=", "＞＝", "＜＝"}


_GROUP_POINTS = re.compile(r"\s*[（(]\s*\d+(?:\.\d+)?\s*分?\s*[)）]\s*$")  # "产出指标（50分）": the group's points


def _level(cell: str | None) -> str | None:
    """A level's words without the points its group carries ("产出指标（50分）" → 产出指标)."""
    if not cell:
        return cell
    # (only a cell ending in a bracket may end in its points)
    return (_GROUP_POINTS.sub("", cell) if cell.rstrip()[-1:] in ")）" else cell) or None


def _text(cell: str | None) -> str | None:
    return None if cell is None or PLACEHOLDER.match(cell) else cell


@lru_cache(maxsize=4096)  # (a cell's points are asked by several tests of its row, then read)
def _points(cell: str | None) -> Decimal | None:
    if not cell:
        return None
    m = _NUM.match(cell)
    if not m:
        return None
    try:
        return Decimal(m["n"])
    except InvalidOperation:  # pragma: no cover - the regex passes numbers only
        return None


# --- the budget-execution row of a 自评表 ------------------------------------------------------------
def _read_execution(table: Table, out: IndicatorTable) -> None:
    if out.budget_execution is not None:
        return
    for r, header in enumerate(table.rows):
        heads = [_bare_cell(h) for h in header]
        if not _execution_header(heads):
            continue
        cols = dict(enumerate(heads))
        weight = next((c for c, h in cols.items() if h.startswith(("分值", "权重"))), None)
        score = next((c for c, h in cols.items() if h.startswith("得分")), None)
        rate = next((c for c, h in cols.items() if "执行率" in h), None)
        for rr in range(r + 1, min(r + 4, len(table.rows))):
            row = [_cell(c) for c in table.rows[rr]]
            if not any("".join(c.split()).startswith(EXECUTION_ROW) for c in _labels_of(row)):
                continue  # a form's side label merged down the rows may stand before 年度资金总额
            first = min(c for c, h in cols.items() if c in (weight, score) or any(w in h for w in EXECUTION_HEAD))
            if len(row) == len(header) and first > 0 and not any(_is_label(c) for c in row[first:]):
                labels, values = row[:first], row[first:]  # a grid's row: each cell under its column, blanks too
            else:
                # A flattened row: its labels ("年度资金总额", a merged side label written once or not at all)
                # stand apart, whether or not the header has a column for them, and its figures go under
                # the figure columns one for one. With a cell left empty ("… 880 10 10", no 执行率) they
                # cannot be placed: no figure (right-aligned, 全年执行数 was read as the 分值).
                labels = _labels_of(row)
                values = row[len(labels):]
                if len(values) != len(header) - first:
                    return
            at = {c: values[c - first] for c in (weight, score, rate) if c is not None and c >= first}
            w, s = _points(at.get(weight)), _points(at.get(score))
            if w is None:
                return
            out.budget_execution = Indicator(name="预算执行率", target=None, actual=at.get(rate), weight=w, score=s)
            grid = Table([[" ".join(header[:first]), *header[first:]], [" ".join(labels), *values]],
                         loc=table.loc, title=table.title, header_rows=1, header_cols=1)
            out.execution_evidence = {"budget_execution.weight": grid.cell_evidence(1, weight - first + 1)}
            if s is not None:
                out.execution_evidence["budget_execution.score"] = grid.cell_evidence(1, score - first + 1)
            return


# A figure cell: a number, a rate, or an amount with its unit ("300.00万元": a cell as Excel shows it).
_FIGURE = re.compile(r"^[\d.,]+\s*(?:%|[千万亿]?元)?$")
_FIRST_FIGURE = re.compile(r"^\d[\d,]*(?:\.\d+)?\s*(?:%|[千万亿]?元)?$")


def _is_label(cell: str | None) -> bool:
    """Words, not a figure, a blank or a dash."""
    text = (cell or "").strip()
    return bool(text) and text not in ("-", "—", "/") and _points(text) is None and not _FIGURE.match(text)


def _labels_of(row: list[str]) -> list[str]:
    """The cells of a row before its first figure."""
    out = []
    for c in row:
        if _points(c) is not None or _FIRST_FIGURE.match((c or "").strip()):
            break
        out.append(c)
    return out


# --- tables flattened to text lines --------------------------------------------------------------------
def _split(line: str) -> list[str]:
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    if "|" in line:  # "| 产出指标 | 数量指标 | … |": the ragged empty cells at its ends are no cells
        return split_pipes(line)
    if "  " in line and _SPACED_CELLS.search(line):  # (its run of spaces first: a line of prose has none, and the
        # pattern, opening with \S, is tried at nearly every place of it)
        return [c.strip() for c in _SPACE_RUN.split(line.strip())]
    cells: list[str] = []
    for word in line.split():  # "≥ 95%" split at its space is one cell
        if cells and _COMPARATOR_ONLY.match(cells[-1]):
            cells[-1] += word
        else:
            cells.append(word)
    return cells


_SPACED_CELLS = re.compile(r"\S {2,}\S")  # (cells apart by runs of spaces)
_SPACE_RUN = re.compile(r" {2,}")


def split_pipes(line: str) -> list[str]:
    """A `|` row's cells, without the empty cells a text export leaves at its ends (`| ||||||`)."""
    cells = [c.strip() for c in line.split("|")]
    while cells and not cells[-1]:
        cells.pop()
    while cells and not cells[0]:
        cells.pop(0)
    return cells


_COMPARATOR_ONLY = re.compile(r"^(?:[≥≤<>=＞＜]=?|不低于|不少于|不超过|不高于|大于|小于|高于|低于|达到)$")


def page_lines(pages: list[str], paragraphs: bool = False) -> list[str]:
    """The lines of a document's pages as its rows were laid out (tabs and runs of spaces kept),
    without a PDF's running headers, footers and page numbers, which may fall between two rows."""
    folded = list(fold_pages(tuple(pages)))
    if paragraphs:
        lines = [ln for page in folded for ln in page.split("\n")]
    else:
        lines = lines_without_furniture(folded)
    return rejoin_opened_rows(lines) if "|" in "".join(lines) else lines


def tables_from_lines(lines: list[str], folded: bool = False) -> list[Table]:
    """Runs of table rows in text (tab- or space-separated cells) as Tables, ragged rows as written.

    A run starts at a line that is a table header (indicator or budget-execution) and goes on while
    lines have at least two cells; the line above it, when short, is its title. `folded`: the lines
    are page_lines' already (fullwidth folded)."""
    tables: list[Table] = []
    i = ended = 0  # (ended: where the last table's run ended)
    named = None  # the 项目名称 field of the project's form the tables are in
    lines = list(lines) if folded else [fold_chars(ln) for ln in lines]
    whole = "".join(lines)  # (asked once for what most texts have no line of)
    if "指标" not in whole and "得分" not in whole:
        return tables  # no header of either table in any line: none is split
    if "\n" in whole:
        lines = [ln.rstrip("\n") for ln in lines]
    while i < len(lines):
        if "指标" not in lines[i] and "得分" not in lines[i]:
            i += 1  # no header of either table: no need to split it
            continue
        cells = _split(lines[i])
        if not _starts_table(cells):
            i += 1
            continue
        rows = [cells]
        j = i + 1
        while j < len(lines):
            if not lines[j].strip() or "-" in lines[j] and "|" in lines[j] and MARKDOWN_RULE.match(lines[j]):
                j += 1  # text reports may leave a blank line between rows; a markdown table its rule under the header
                continue
            nxt = _split(lines[j])
            if len(rows) > 1 and nxt and (("指标" in lines[j] or "得分" in lines[j]) and _starts_table(nxt)
                                          or "".join(nxt[0].split()) == "项目名称"):
                break  # another form's header or its 项目名称 field: another table
            if nxt and _SECTION_CELL.match(nxt[0]) and "指标" not in nxt[0]:
                break  # the form's next section ("四、其他需说明的情况 | 无"), no row
            k = _level_wrapped(rows[-1], nxt, rows[0]) if len(rows) > 1 else None
            if k is not None or _wrapped_tail(nxt, lines, j) and rows[-1] and len(rows) > 1:
                # a PDF row wrapped in a cell: the line is a level's end ("服务对象满意度指" / "标"), else its last cell's
                # (a figure's, its 得分, never: a page's number or a mark there, "3", "—", is no part of it)
                if k is not None or not _PLAIN_POINTS.fullmatch(rows[-1][-1]):
                    rows[-1][-1 if k is None else k] += nxt[0]
                j += 1
                continue
            if len([c for c in nxt if c]) < 2 or _STOPPED.search(lines[j].strip()):
                break
            if len(rows) > 1 and _carries_on(rows[-1], nxt):
                j += 1  # a row's cells wrapped onto the next line (a PDF's text): joined to the row
                continue
            rows.append(nxt)
            j += 1
        above = next((ln.strip() for ln in reversed(lines[max(0, i - 3):i]) if ln.strip()), "")
        title = above if 0 < len(above) <= 40 and len(_split(above)) == 1 else None
        # (a project's form since the last table: its 项目名称 field names whose the table and those after it are,
        # "项目名称 | 某某项目", until a form of the unit's own: "部门整体支出绩效自评表")
        projects_form = False  # under the title of a project's form ("项目支出绩效自评表")
        for ln in lines[ended:i]:
            if "项目名称" not in ln and "表" not in ln:
                continue  # (neither a 项目名称 field nor a form's title)
            filled = ["".join(c.split()) for c in _split(ln) if c.strip()]
            if len(filled) == 1 and (colon := _NAME_AND_COLON.fullmatch(filled[0])):
                filled = ["项目名称", colon["name"]]  # ("项目名称：小麦“一喷三防”补助项目", a field in one cell)
            if (len(filled) in (2, 4, 6) and filled[0] == "项目名称" and "整体" not in filled[1]
                    and (projects_form or not _NOT_ONE_PROJECT.search(filled[1])) and not LEX.label_re.search(filled[1])):
                named = " ".join(filled[:2])  # "项目名称 | 城乡环卫一体化服务项目 | 主管部门 | 某局" (not a column header, the
                # unit's 整体, a list but in a project's form: "项目支出绩效自评表" / "项目名称 | 甲、乙项目")
            elif filled and _FORM_TITLE.search(form := _BRACKETS_AT_END.sub("", filled[0])):
                projects_form = _PROJECTS_FORM_TITLE.search(form) is not None
                if "项目" not in filled[0]:
                    named = None  # the unit's own form's title ("部门整体支出绩效自评表（2023年度）", "单位绩效自评表")
        tables.append(Table(rows, title=named or title, header_rows=1, header_cols=1))
        i = ended = j
    return tables


_FORM_SECTION_ROW = re.compile(r"存在的?(?:主要)?问题|(?:改进|整改)(?:措施|建议|意见)|(?:评价|自评)结论|偏差(?:大或目标未完成)?原因(?:分析)?"
                               r"(?:及改进措施)?|下一步(?:工作)?(?:计划|措施)?")  # (the whole cell: not "整改意见落实率")
_NAME_AND_COLON = re.compile(r"项目名称[:：](?P<name>[^，,。；;]{2,40})")
_OPERATOR_ONLY = re.compile(r"\s*(?:[≥≤＞＜>=<]=?|不[低高少多]于|大于|小于|等于)\s*")
_SECTION_CELL = re.compile(r"\s*[一二三四五六七八九十]{1,2}\s*、")
_FRAGMENT_MAX = 8  # characters of a cell's end a PDF wrapped onto the next line


def _carries_on(row: list[str], cells: list[str]) -> bool:
    """Join to `row` (in place) a line of a text table that carries on its cells rather than opening a row: the ends
    of its cells in words, one for each, in order ("2023年3月 | 2023年3月 | 10 | 10" / "底前 | 25日"; not under its
    points); or, a row of a level and a name with no value, the name's end and the values ("改造房屋竣工验收" /
    "合格率 | 100% | 100% | 10 | 10"). Whether it did."""
    if cells and (_is_level(cells[0]) or len(cells[0]) > _FRAGMENT_MAX):
        return False
    words = [k for k, c in enumerate(row) if c and not _is_level(c) and not _PLAIN_POINTS.fullmatch(c)]
    named_only = len([c for c in row if c and not _is_level(c)]) == 1  # (levels and a name, no value at all)
    if named_only and len(words) == 1 and not _value_like(row[words[0]]) and len(cells) >= 3 \
            and all(_PLAIN_POINTS.fullmatch(c) for c in cells[-2:]) and not _value_like(cells[0]):
        row[words[0]] += cells[0]  # the name's end, then the row's values
        row.extend(cells[1:])
        return True
    ends = words[1:]  # (the name first, then the words cells: target, actual)
    if (len(ends) != len(cells) or not row or not _PLAIN_POINTS.fullmatch(row[-1])
            or any(_PLAIN_POINTS.fullmatch(c) or len(c) > _FRAGMENT_MAX or _ENDS_SENTENCE.search(c) for c in cells)):
        return False
    for k, text in zip(ends, cells):
        row[k] += text
    return True


_ENDS_SENTENCE = re.compile(r"[。；;！!]$")
_STOPPED = re.compile(r"[。；]$")  # (a line of prose, not a table's row)


def _level_wrapped(row: list[str], cells: list[str], header: list[str]) -> int | None:
    """The level cell of `row` that a line of one short cell ends as a level word of the national framework
    ("服务对象满意度指" + "标", "数量" + "指标"), if any: a cell before the header's name column (not a name,
    "服务对象" + "满意度", nor a reason's end)."""
    if len(cells) != 1 or len(cells[0]) > 3:
        return None
    roles = header_roles(header)
    if roles is None or "name" not in roles:
        return None
    # (a level word already, "质量" + "指标": only when the row's last cell takes no text, a figure, not a reason)
    whole = _PLAIN_POINTS.fullmatch(row[-1]) is not None
    return next((k for k, c in enumerate(row[:roles["name"]]) if c and not c.endswith(LEVEL2_SUFFIX)
                 and (c + cells[0]).endswith(LEVEL2_SUFFIX) and _standard_level(c + cells[0])
                 and (whole or not _is_level(c))), None)


def _wrapped_tail(cells: list[str], lines: list[str], j: int) -> bool:
    """A short single-cell line between two table rows."""
    if len(cells) != 1 or len(cells[0]) > 12 or _STOPPED.search(cells[0]) or LIST_MARKER.match(cells[0]):
        return False  # a numbered heading after the table is not the end of its last cell
    if len(cells[0]) >= 7 and _FORM_TITLE.search(cells[0]) and _WHOSE_FORM.search(cells[0]):
        return False  # the next form's title ("项目支出绩效自评表"; not a reason's wrapped end, "…绩效自评表")
    after = next((ln for ln in lines[j + 1:] if ln.strip()), "")
    return len([c for c in _split(after) if c]) >= 2 and not _STOPPED.search(after.strip())


_FORM_TITLE = re.compile(r"(?:自评|评价|绩效|指标|目标|情况|汇总|申报)表$")
_WHOSE_FORM = re.compile(r"项目|部门|整体|单位|支出")
_NOT_ONE_PROJECT = re.compile(r"整体|[、，,；;]")  # (a 项目名称 field of the unit's own form, or of several projects)
_PROJECTS_FORM_TITLE = re.compile(r"项目(?:支出)?绩效(?:自评|评价)表$")  # (the national form's title)
_BRACKETS_AT_END = re.compile(r"\s*[（(][^（）()]*[)）]\s*$")


def _starts_table(cells: list[str]) -> bool:
    if len([c for c in cells if c]) < 3:
        return False
    if header_roles(cells) is not None:
        return True
    joined = "".join(cells)  # (no 得 or no 分 in the row, no 得分 in a cell without its spaces: most rows)
    return "得" in joined and "分" in joined and _execution_header(["".join(c.split()) for c in cells])


def _execution_header(heads: list[str]) -> bool:
    """Is a row (its cells without spaces) the header of a 自评表's budget-execution row: 分值 / 权重,
    得分 and an EXECUTION_HEAD word? (得分 first: the rarest.)"""
    if "得分" not in "".join(heads):
        return False  # (no cell holds 得分, so none opens with it: most rows are asked nothing cell by cell)
    return (any(h.startswith("得分") for h in heads) and any(h.startswith(("分值", "权重")) for h in heads)
            and any(w in h for h in heads for w in EXECUTION_HEAD))


# --- a form flattened one cell per line ------------------------------------------------------------
# A web page's 自评表 copied as text: each cell on a line of its own, empty cells gone, header cells
# wrapped over lines ("年度" / "指标值", "偏差原因" / "分析及" / "改进措施"), merged level cells given once
# ("产出指标" / "(50)", "数量" / "指标"). Read by the header's column order, each row anchored by its
# 分值 and 得分 (plain figures, 得分 not above 分值): a row whose cells do not fall so is left out.
_CELL_HEADER_MAX = 14  # lines of a header (seven to ten cells, some wrapped)
_CELL_MAX = 12  # a header cell's line
_GROUP_WEIGHT = re.compile(r"^[（(]?\s*\d+(?:\.\d+)?\s*分?\s*[)）]$|^[（(]\s*\d+(?:\.\d+)?\s*分?\s*[)）]?$")  # "(50)", "30分)"
_ELLIPSIS = re.compile(r"^[.…。·]{2,}$")  # "……": a row or a reason left as a placeholder
_CELL_END = re.compile(r"自评|得分|评价|等级|结论|说明|备注|[。；;:：]$")  # the form's lines after a table
_ALL_LABELS = tuple(w for words in ROLE_LABELS.values() for w in words)


def _spanned(parts: list[str]) -> bool:
    """Does a label run across every join of `parts` ("年度" + "指标值", "偏差原因" + "分析及" + "改进措施")?"""
    text = "".join(parts)
    joins = list(accumulate(len(p) for p in parts[:-1]))
    return all(any(i < b < i + len(w) for w in _ALL_LABELS for i in _found(text, w)) for b in joins)


def _found(text: str, word: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(word), text)]


def _cell_header(cells: list[str], i: int) -> tuple[list[str], int] | None:
    """The header starting at cells[i], its wrapped cells joined, every cell a role's label: (cells, end)."""
    out: list[str] = []
    k = i
    while k < len(cells) and k - i < _CELL_HEADER_MAX:
        size = next((n for n in (3, 2, 1) if k + n <= len(cells) and all(len(c) <= _CELL_MAX for c in cells[k:k + n])
                     and (n == 1 or _spanned(cells[k:k + n])) and role_of("".join(cells[k:k + n]))), 0) \
            or int(k == i and cells[k] in GENERIC_CELLS)  # (the names' column labelled 绩效指标, see header_roles)
        if not size:
            break
        out.append("".join(cells[k:k + size]))
        k += size
    names = next((n for n in range(1, len(out)) if all(role_of(c) in ("level1", "level2", "name") for c in out[n:])), None)
    if names is not None:
        out = two_row_header(out[:names], out[names:]) or out  # (绩效指标 over the levels and the name, see there)
    roles = header_roles(out)
    if roles is None or len(roles) != len(out) or not ({"weight", "score"} <= set(roles) or _pointless(roles)):
        return None
    if role_of(out[0]) not in ("level1", "level2", "name") and roles["name"] != 0:
        return None
    values = [r for r in sorted(roles, key=roles.get) if roles[r] > roles["name"]]
    if values[-1] == "reason":
        values.pop()
    if "reason" in values or any(roles[r] < roles["name"] for r in roles if r not in ("level1", "level2")):
        return None  # a reason between the values, a value before the name: no order to read rows by
    return out, k


def _pointless(roles: dict[str, int]) -> bool:
    """A header of no 分值 and no 得分 whose rows may still be read one cell per line: levels, the name, the target and
    the actual, nothing else ("一级指标 / 二级指标 / 三级指标 / 年度指标值 / 实际完成值")."""
    return {"name", "target", "actual"} <= set(roles) <= {"level1", "level2", "name", "target", "actual"}


def _full_cell_rows(cells: list[str], k: int, roles: dict[str, int], width: int) -> tuple[list[list[str]], int]:
    """Rows from cells[k] on under a header of no points (_pointless): with no 分值 and 得分 to anchor a row, each row
    must be whole, a cell for every column (its levels level words, its name no figure, its target and its actual
    figures, or short words beside the levels that anchor the row: "持续完善" / "已建立"); the table ends at the first
    that is not."""
    kinds = {c: role for role, c in roles.items()}
    levelled = "level1" in roles or "level2" in roles

    def fits(c: int, cell: str) -> bool:
        if kinds[c] in ("level1", "level2"):
            return _is_level(cell)
        if role_of(cell) or _ELLIPSIS.match(cell):
            return False
        if kinds[c] == "name":  # (beside its levels, a name may be a level's words: "服务对象满意度")
            return not _value_like(cell) and (levelled or not _is_level(cell))
        return not _is_level(cell) and (
            _value_like(cell) or (levelled and len(cell) <= _CELL_MAX and not _ENDS_SENTENCE.search(cell)))

    rows: list[list[str]] = []
    p = k
    while p + width <= len(cells):
        row = cells[p:p + width]
        if not all(fits(c, row[c]) for c in range(width)):
            break
        rows.append(row)
        p += width
    return rows, p


def _level_at(cells: list[str], p: int) -> tuple[str, int] | None:
    """A level cell at p ("产出指标", "数量" / "指标", "经济效" / "益指标"), its weight note skipped: (text, end)."""
    if role_of(cells[p]):
        return None  # a header's 一级指标 / 二级指标 (the next table's)
    if p + 1 < len(cells) and cells[p + 1].endswith(LEVEL2_SUFFIX) and not cells[p].endswith(LEVEL2_SUFFIX) and (
            len(cells[p + 1]) <= 3 and _is_level(cells[p] + cells[p + 1])
            or not _is_level(cells[p]) and _standard_level(cells[p] + cells[p + 1]) and not _opens_a_group(cells, p + 1)):
        text, end = cells[p] + cells[p + 1], p + 2  # ("经济效" / "益指标", "服务对象" / "满意度指标")
    elif _is_level(cells[p]):
        text, end = cells[p], p + 1
    else:
        return None
    while end < len(cells) and _GROUP_WEIGHT.match(cells[end]):
        end += 1
    return text, end


def _opens_a_group(cells: list[str], p: int) -> bool:
    """Is level cell p a group's 一级, its weight or its 二级 after it ("满意度指标" / "(20)", "效益指标" / "社会效益指标"),
    so that no cell before it (a reason's end, "…服务对象") is its first half?"""
    return p + 1 < len(cells) and (_GROUP_WEIGHT.match(cells[p + 1]) is not None or _is_level(cells[p + 1]))


def _cell_row(cells: list[str], p: int, n: int, points: list[int]) -> bool:
    """Do cells[p:p + 1 + n] read as a name and its n values, the points where the header has them?"""
    if p + n >= len(cells):
        return False
    name, values = cells[p], cells[p + 1:p + 1 + n]
    # (a name may be a level's words, "服务对象满意度" under "服务对象满意度指标", when a figure follows it as its target)
    level_named = _is_level(name) and (name.endswith(LEVEL2_SUFFIX) or not values or not _value_like(values[0]))
    if _value_like(name) or level_named or PLACEHOLDER.match(name) or _ELLIPSIS.match(name) \
            or _is_total([name], {}) or any(_is_level(v) or _is_total([v], {}) for v in values):
        return False
    if not all(_PLAIN_POINTS.fullmatch(values[c]) for c in points):
        return False
    weight, score = (_points(values[c]) for c in points)
    return weight is not None and score is not None and score <= weight <= 100


def _cell_rows(cells: list[str], k: int, roles: dict[str, int], width: int) -> tuple[list[list[str]], int]:
    """Full grid rows from cells[k] on, by the header's roles: (rows, end)."""
    value_cols = [c for c in range(roles["name"] + 1, width) if c != roles.get("reason")]
    points = [value_cols.index(roles["weight"]), value_cols.index(roles["score"])]
    n = len(value_cols)
    rows: list[list[str]] = []
    level1 = level2 = ""
    p = k
    while p < len(cells):
        cell = cells[p]
        level = _level_at(cells, p)
        row_here = _cell_row(cells, p, n, points)
        if level is not None and not row_here:
            text, end = level
            second = _level_at(cells, end) if end < len(cells) and not _cell_row(cells, end, n, points) else None
            if second is not None or end > p + 1 + (text != cell) or "level2" not in roles:
                level1, level2 = text, ""  # 一级 then 二级, or a 一级 with its group's weight ("产出指标" / "(50)")
                if second is not None and "level2" in roles:
                    level2, end = second
            else:
                level2 = text  # a lone level cell: a new 二级 under the carried 一级 ("成本" / "指标")
            p = end
            continue
        if _ELLIPSIS.match(cell) or PLACEHOLDER.match(cell):
            p += 1  # a row left as "……" (its empty cells gone), a reason's placeholder
            continue
        if _is_total([cell], {}):
            # ("总分" / "—" / "—" / "—" / "—" / "100（含预算执行10分）" / "96": the row whole, its empty cells marked)
            after: list[str] = []
            while p + 1 + len(after) < len(cells) and len(after) < width - 1 and (
                    PLACEHOLDER.match(nxt := cells[p + 1 + len(after)])
                    or _PLAIN_POINTS.fullmatch(NOTE_IN_BRACKETS.sub("", nxt).strip())):
                after.append(nxt)
            full = [cell] + ["" if PLACEHOLDER.match(c) else NOTE_IN_BRACKETS.sub("", c).strip() for c in after]
            if len(after) == width - 1 and any(PLACEHOLDER.match(c) for c in after) and _makes_the_total(rows, full, roles):
                rows.append(full)
                return rows, p + width
            figures = []
            while p + 1 + len(figures) < len(cells) and len(figures) < 2 \
                    and _PLAIN_POINTS.fullmatch(cells[p + 1 + len(figures)]):
                figures.append(cells[p + 1 + len(figures)])
            rows.append([cell, *figures])  # _total_row places them (one alone: 分值 or 得分, unsaid)
            return rows, p + 1 + len(figures)
        unitless = None if row_here else _unitless_cells(cells, p, value_cols, roles, points)
        if unitless is not None:  # a row stated in words, its 度量单位 cell empty and gone
            rows.append(_grid_row(width, roles, level1, level2, cell, unitless))
            p += n
            continue
        row_next = _cell_row(cells, p + 1, n, points)
        if not row_here or row_next:
            # a reason, told by the row after it (a level, a row, a placeholder, the total)
            nxt = p + 1
            if not rows or "reason" not in roles or len(cell) > _MAX_REASON or not (
                    nxt < len(cells) and (_level_at(cells, nxt) or row_next
                    or _ELLIPSIS.match(cells[nxt]) or _is_total([cells[nxt]], {}))):
                again = _next_group(cells, p) if level1 or level2 else None
                if again is None:
                    return rows, p  # prose, a heading, the form's next part: the table has ended
                p = again  # a row that cannot be aligned (a cell of it gone): left out, read on at the next group
                continue
            rows[-1][roles["reason"]] = cell
            p += 1
            continue
        rows.append(_grid_row(width, roles, level1, level2, cell, dict(zip(value_cols, cells[p + 1:p + 1 + n]))))
        p += 1 + n
    return rows, p


def _makes_the_total(rows: list[list[str]], total: list[str], roles: dict[str, int]) -> bool:
    """Is a 总分 row's 得分 the rows' scores together, or with the budget execution's (at most 10 points, scored
    apart: "100（含预算执行10分）")? Not a page's number standing where the row's empty 得分 cell was."""
    score = _points(total[roles["score"]])
    scores = [_points(r[roles["score"]]) for r in rows if len(r) > roles["score"]]
    if score is None or not scores or None in scores:
        return False
    return sum(scores) <= score <= sum(scores) + _EXECUTION_POINTS


_EXECUTION_POINTS = 10  # the national form's points for the budget execution, beside the indicators' 90


def _grid_row(width: int, roles: dict[str, int], level1: str, level2: str, name: str, values: dict[int, str]) -> list[str]:
    full = [""] * width
    if "level1" in roles:
        full[roles["level1"]] = level1
    if "level2" in roles:
        full[roles["level2"]] = level2
    full[roles["name"]] = name
    for c, text in values.items():
        full[c] = "" if _ELLIPSIS.match(text) else text
    return full


def _unitless_cells(cells: list[str], p: int, value_cols: list[int], roles: dict[str, int],
                    points: list[int]) -> dict[int, str] | None:
    """cells[p] and the n − 1 after it as a name and its values but the empty 度量单位's (see _without_its_unit)."""
    if "unit" not in roles or roles["unit"] not in value_cols:
        return None
    unit_at = value_cols.index(roles["unit"])
    if not _cell_row(cells, p, len(value_cols) - 1, [c - (c > unit_at) for c in points]):
        return None
    return _without_its_unit(cells[p + 1:p + len(value_cols)], value_cols, roles)


_MAX_REASON = 80
_RESYNC = 12  # cells of a row that cannot be aligned, passed over to its table's next group


def _next_group(cells: list[str], p: int) -> int | None:
    """The next level cell after p, within a few cells that are no prose, heading, header or total."""
    for q in range(p + 1, min(len(cells), p + 1 + _RESYNC)):
        if _level_at(cells, q):
            return q
        if re.search(r"[。；;]$", cells[q]) or LIST_MARKER.match(cells[q]) or _is_total([cells[q]], {}) \
                or role_of(cells[q]) or _CELL_END.search(cells[q]):
            return None
    return None


def cell_line_tables(lines: list[str]) -> list[Table]:
    """Indicator tables in lines of one cell each (see above), a project's form's table left out. (A cell closed by a
    bar, "40 |", is its text; a bar alone, an empty cell, is gone as the others are.)"""
    cells = []
    for ln in lines:
        c = ln.strip()
        if c.endswith("|"):
            c = c[:-1].rstrip()  # (the bar and the spaces before it: str methods, no pattern tried at every place)
        if c:
            cells.append(c)
    tables: list[Table] = []
    i = since = 0
    while i < len(cells):
        if len(cells[i]) > _CELL_MAX or role_of(cells[i]) not in ("level1", "level2", "name") and cells[i] not in GENERIC_CELLS:
            i += 1
            continue
        found = _cell_header(cells, i)
        if found is None:
            i += 1
            continue
        header, k = found
        roles = header_roles(header)
        rows, end = (_full_cell_rows if _pointless(roles) else _cell_rows)(cells, k, roles, len(header))
        title = cells[i - 1] if i and len(cells[i - 1]) <= 40 else None  # ("某某项目绩效指标完成情况如下：")
        period = next((c for c in reversed(cells[since:i]) if YEAR_ROW.match(c)), None)
        title = period or title  # (its form's period, "（2022年度）", says whose year it is)
        if rows and not _projects_form(cells[since:i]):
            tables.append(Table([header] + rows, title=title, header_rows=1, header_cols=roles["name"] + 1))
        i = since = max(end, k)
    return tables


def _projects_form(cells: list[str]) -> bool:
    """Do the form's cells before a header open a project's 自评表 (its title names a project, or its
    first cell is 项目名称)?"""
    titles = [n for n, c in enumerate(cells) if re.search(r"(?:自评表|评价表)$", c)]
    start = titles[-1] if titles else 0
    return (bool(titles) and projects_title(cells[start], True)) or "项目名称" in cells[start:]


# --- indicators stated in sentences -----------------------------------------------------------------
_LEVEL_WORD = r"(?P<level>[\u4e00-\u9fff]{1,8}?指标)"
_PROSE = re.compile(
    _LEVEL_WORD + r"\s*[:：]\s*(?P<name>[^，,；;：:。]{1,30}?)\s*[，,]\s*(?:年度)?(?:目标值|指标值|预期值|目标)\s*(?:为|是|:|：)?\s*"
    r"(?P<target>[^，,；;。]{1,30}?)\s*[，,]\s*(?:实际完成值?|实际值|完成值|实际)\s*(?:为|是|:|：)?\s*(?P<actual>[^，,；;。]{1,30}?)"
    r"(?:\s*[，,]\s*分值\s*(?:为|:|：)?\s*(?P<weight>\d+(?:\.\d+)?)\s*分?)?"
    r"(?:\s*[，,]\s*(?:自评)?得分\s*(?:为|:|：)?\s*(?P<score>\d+(?:\.\d+)?)\s*分?)?"
    r"\s*(?=[；;。，,]|$)"
)


_LEVEL_COLON = re.compile(r"指标\s*[:：]")  # (in every _PROSE match)
# A numbered item naming one indicator, its target value and what was done ("1.食品安全监督抽检：年度指标值≥2000批次，
# 实际完成2150批次。"): 指标值 / 目标值 said (not a task's 年度目标, "1.完成改造：年度目标…").
_NUMBERED_PROSE = re.compile(
    r"^\s*(?:\d{1,2}\s*[.．、](?!\d)|[（(]\d{1,2}[)）])\s*(?P<name>[^，,；;：:。\d][^，,；;：:。]{1,29}?)\s*[:：]\s*"
    r"(?:年度)?(?:指标值|目标值)\s*(?:为|是|:|：)?\s*(?P<target>[^，,；;。]{1,30}?)\s*[，,]\s*"
    r"(?:实际完成值?|实际值|完成值)\s*(?:为|是|:|：)?\s*(?P<actual>[^，,；;。]{1,30}?)"
    r"(?:\s*[，,]\s*分值\s*(?:为|:|：)?\s*(?P<weight>\d+(?:\.\d+)?)\s*分?)?"
    r"(?:\s*[，,]\s*(?:自评)?得分\s*(?:为|:|：)?\s*(?P<score>\d+(?:\.\d+)?)\s*分?)?"
    r"\s*(?=[；;。，,]|$)")


def _read_prose(paragraphs: list[str], out: IndicatorTable) -> None:
    for para in paragraphs:
        numbered = _NUMBERED_PROSE.match(para) if "值" in para else None
        if numbered is None and ("指标" not in para or not _LEVEL_COLON.search(para)):  # (its word first: no call for most)
            continue  # every such sentence names its 指标 and a colon after it (or is a numbered item of one)
        for sent in sentences(para):
            for m in [numbered] if numbered is not None and para.startswith(sent) else _PROSE.finditer(sent):
                if m is numbered and _is_level(m["name"]):
                    continue  # ("2.数量指标：年度指标值为培训500人次…": a level, the indicator's name unsaid)
                level = m.groupdict().get("level")
                l1 = level if level in LEVEL1_WORDS else None
                l2 = None if l1 else level
                target, actual = m["target"].strip(), m["actual"].strip()
                ind = Indicator(name=m["name"].strip(), level1=l1, level2=l2, target=target, actual=actual,
                                weight=_points(m["weight"]), score=_points(m["score"]),
                                met=judge(target, actual, m["name"].strip()))
                out.indicators.append(ind)
                n = len(out.indicators)
                for role in ("weight", "score"):
                    if getattr(ind, role) is not None:
                        out.evidence[f"indicators.{n}.{role}"] = sent


# --- into the record ---------------------------------------------------------------------------------
# The points of every indicator together: a table's total of fewer covers some of them only (the national form's
# indicators alone total 90, its budget-execution row the other 10; bonus points may take a total above it)
FULL_MARKS = 100


# The budget-execution item scored in a sentence, not in the form ("预算执行率指标分值10分，得分10分",
# "预算执行率（分值10分）得10分"): part of the 100 points with the table's.
_EXECUTION_SENTENCE = re.compile(r"预算执行(?:率|情况)(?:指标)?\s*[（(]?\s*(?:的)?(?:分值|权重|满分)(?:为)?\s*(?P<w>\d{1,2}(?:\.\d+)?)\s*分\s*[)）]?"
                                 r"\s*[，,；;]?\s*(?:自评)?得(?:分)?(?:为)?\s*(?P<s>\d{1,2}(?:\.\d+)?)\s*分")


def _execution_in_prose(paragraphs: list[str], out: IndicatorTable) -> None:
    """The budget-execution item's points from a sentence, into `out` (its execution row and evidence)."""
    for para in paragraphs:
        m = _EXECUTION_SENTENCE.search(para) if "预算执行" in para else None
        if m and Decimal(m["s"]) <= Decimal(m["w"]):
            sent = next((s for s in sentences(para) if m.group() in s), para)
            out.budget_execution = Indicator(name="预算执行率", target=None, actual=None,
                                             weight=Decimal(m["w"]), score=Decimal(m["s"]))
            out.execution_evidence = {"budget_execution.weight": sent, "budget_execution.score": sent}
            return


def apply_indicators(rec, found: IndicatorTable) -> None:
    """Put what the indicator tables say into the record: the indicators, their evidence, the
    budget-execution points, and the table's total as the score when no sentence stated one."""
    rec.indicators = found.indicators
    rec.evidence.update(found.evidence)
    rec.budget_execution = found.budget_execution
    rec.evidence.update(found.execution_evidence)
    if found.total_score is None:
        return
    if rec.score is None and found.total_weight is not None and found.total_weight < FULL_MARKS:
        rec.warnings.append(f"score: {found.total_score} is a total of {found.total_weight} points, not "
                            f"{FULL_MARKS}: an indicator table of some indicators only, not the score")
    elif rec.score is None:
        rec.score = found.total_score
        rec.evidence["score"] = found.total_evidence or ""
    elif rec.score != found.total_score:
        rec.warnings.append(f"score: the indicator table totals {found.total_score} (kept the stated score, {rec.score})")
