"""One project's 自评表 among a department's tables: told by its 项目名称 field with a project's name.

A department's report may carry the 项目支出绩效自评表 of a project or two beside the unit's own form (before it,
too). Laid out like the unit's, its 总额 / 年度资金总额 row and its 总分 are that project's money and score: neither
the tables' reader (understand/tables.py) nor the indicators' (understand/indicators.py) takes them for the unit's.
"""
from __future__ import annotations

import re

from ..read.document import Table


def names_one_project(table: Table, lines: list[str] = ()) -> bool:
    """Does a 项目名称 field with a project's name stand atop `table` (its title or first rows: "项目名称 | 某某专项",
    "项目名称 | 某某专项 | 主管部门 | 某局") or in `lines`, the lines just above it in reading order ("项目名称：某某专项
    主管部门：某局", or the field one cell per line: "项目名称" / "某某专项")? Not a list of projects (项目名称 heads a
    column of names: "项目名称 | 年初预算 | …"), nor a department's form ("部门（单位）名称 | …", "项目名称 | 2023年度部门
    整体支出"), nor a sentence naming a project ("项目名称：某专项，安排资金 …")."""
    top = [c for r in table.rows[:2] for c in r]
    if not any("项目名称" in t for t in (*lines, table.title or "", *top)):
        return False
    if _A_DEPARTMENTS_FORM.search(" ".join((*lines, *top))):
        return False  # (not the title: a document's "…部门整体及项目支出绩效自评表" may stand over a project's form)
    names = []
    for k, line in enumerate(lines):
        m = _NAME_LINE.match(line)
        if m:  # ("项目名称：某专项 主管部门：某局": the name up to the next field)
            names.append(m["name"] if m["name"] is not None else
                         lines[k + 1] if k + 1 < len(lines) and m.end() == len(line) else "")
    title = [c.strip() for c in (table.title or "").split("|") if c.strip()]
    for cells in (title, *([c for k, c in enumerate(r) if c and (k == 0 or r[k - 1] != c)] for r in table.rows[:2])):
        if cells and "".join(cells[0].split()) == "项目名称" and (len(cells) == 2 or len(cells) > 2 and _A_FIELD.match(cells[2])):
            names.append(cells[1])
    return any(_a_projects_name(name) for name in names)


def _a_projects_name(name: str) -> bool:
    name = name.strip().strip("|").strip()
    return (2 <= len(name) <= 40 and not _THE_UNITS.search(name) and not _A_COLUMN.match(name)
            and not _SENTENCE_MARK.search(name))


_NAME_LINE = re.compile(r"\s*项目名称\s*(?:[:：|]\s*(?P<name>[^|\s]+))?\s*\|?\s*")
_A_FIELD = re.compile(r"主管部门|实施单位|项目单位|预算单位|项目负责人|所属部门|资金性质|资金来源|实施期限|项目类[型别]|项目属性|联系")
_THE_UNITS = re.compile(r"整体|部门预算|单位预算")  # ("项目名称 | 某馆部门预算": the unit's, no project's)
_SENTENCE_MARK = re.compile(r"[，,。；;:：]")
_A_DEPARTMENTS_FORM = re.compile(r"部门[（(]单位[)）]名称|单位名称")
# the header of a column of figures or of a list's columns, not a project's name
_A_COLUMN = re.compile(r"(?:年初|全年|年度|本年|当年|总|调整|预算|资金|实际|执行|金额|来源|类别|序号|单位|科目|编码|实施|主管|绩效|"
                       r"目标|指标|可用|上年|计划|得分|分值|权重|备注|合计|批复|下达|支出|项目(?:类|负责|属性|金额|编号|单位))")
