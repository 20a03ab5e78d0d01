"""The national 部门整体支出绩效自评表's split of its 年度资金总额 by nature: "按支出性质分：" then "其中：基本支出：X" and
"项目支出：Y", each part one figure, in no column a flattened form still shows.

Which of the total's figures the parts split is not said: the form has three columns (年初预算数, 全年预算数,
全年执行数) and units fill one of them, or none (a part's figure that adds up to none of the total's). The parts are read
when they add up, to the cent, to one of the unit's budgets (年初 or 全年) and not to its spending: then they are the
parts' budgets of that kind. A sum that is also the spending, or both budgets, could be either: left unread, as are a
sum of nothing stated, parts on a page that states no spending, and parts a 决算 or 执行 heads ("全年支出决算按支出性质分：…").
"""
from __future__ import annotations

import re
from decimal import Decimal

from ..model import Record
from ..numbers import NUMBER, money_to_wan

_HEAD = "按支出性质分"
_REACH = 160  # characters after the head its parts may stand in (a form one cell per line, or squashed on one)
_PART = re.compile(rf"(?P<block>基本支出|项目支出)\s*[:：]\s*(?P<num>{NUMBER})\s*(?P<unit>万元|元)?(?![\d.])")
_BLOCKS = {"基本支出": "basic", "项目支出": "projects"}
_SPENT_BEFORE = re.compile(r"决算|执行|实际")
_LEAD = 12  # characters before the head that may say whose parts they are
_BUDGETS = ("initial_budget", "adjusted_budget")


def nature_split(paragraphs: list[str], rec: Record) -> list[tuple[str, str, Decimal, str, str]]:
    """(block, field, value in 万元, evidence, the part as written) of the two parts, or none: see the module's note."""
    if rec.overall.actual is None:
        return []  # (no spending to tell a budget's parts from its spending's)
    for i, para in enumerate(paragraphs):
        at = para.find(_HEAD)
        if at < 0 or _SPENT_BEFORE.search(para, max(0, at - _LEAD), at):
            continue  # ("全年支出决算按支出性质分：…": the spending's parts)
        text, k = para[at:], i + 1
        while len(text) < _REACH and k < len(paragraphs):
            text, k = f"{text}\n{paragraphs[k]}", k + 1
        parts = {}
        for m in _PART.finditer(text, 0, _REACH):
            parts.setdefault(_BLOCKS[m["block"]], m)
        if len(parts) != 2:
            continue
        values = {b: money_to_wan(m["num"], m["unit"] or "万元") for b, m in parts.items()}
        field = _field_of(sum(values.values()), rec)
        if field is None:
            return []
        return [(b, field, values[b], f"{_HEAD} · {m.group().strip()}", m.group().strip()) for b, m in parts.items()]
    return []


def _field_of(total: Decimal, rec: Record) -> str | None:
    """The one budget field of the unit's whose figure the parts add up to, when its spending is not that too (年初 and
    全年 both that figure: which column the parts stand in is not said)."""
    matched = [f for f in _BUDGETS if getattr(rec.overall, f) == total]
    return matched[0] if len(matched) == 1 and rec.overall.actual != total else None
