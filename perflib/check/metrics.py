"""Stage 5: Record → derived figures the report does not state.

Each metric says how it was computed and from which stated figures, so a
reader can trace it back to the sentences (Record.evidence) it rests on.
Values are exact Decimals; rounding happens where they are shown.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..model import Record

HUNDRED = Decimal(100)
# PEFA PI-1 (aggregate expenditure outturn): outturn as % of the original budget.
PEFA_BANDS = (("A", Decimal(5)), ("B", Decimal(10)), ("C", Decimal(15)))


@dataclass
class Metric:
    key: str
    label: str  # Chinese, as the reader sees it
    value: Decimal | None
    unit: str  # "money" (万元) | "percent" | "band"
    formula: str  # Chinese, how it was computed
    inputs: tuple[str, ...] = ()  # the stated figures it rests on (evidence keys)
    band: str | None = None


@dataclass
class TaskShare:
    no: int
    funds: Decimal
    of_projects: Decimal | None  # % of project spending
    of_tasks: Decimal  # % of all listed task funds


@dataclass
class Metrics:
    items: dict[str, Metric] = field(default_factory=dict)
    task_shares: list[TaskShare] = field(default_factory=list)

    def value(self, key: str) -> Decimal | None:
        m = self.items.get(key)
        return None if m is None else m.value

    def __getitem__(self, key: str) -> Metric:
        return self.items[key]


def _ratio(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    if a is None or b is None or b == 0:
        return None
    return a / b * HUNDRED


def pefa_band(outturn_pct: Decimal | None) -> str | None:
    """PEFA PI-1 style band of outturn vs original budget: A 95–105 %, B 90–110 %, C 85–115 %, else D."""
    if outturn_pct is None:
        return None
    deviation = abs(outturn_pct - HUNDRED)
    for band, limit in PEFA_BANDS:
        if deviation <= limit:
            return band
    return "D"


def compute(rec: Record) -> Metrics:
    m = Metrics()

    def add(key, label, value, unit, formula, *inputs, band=None):
        m.items[key] = Metric(key, label, value, unit, formula, tuple(inputs), band)

    o_act, p_act = rec.overall.actual, rec.projects.actual
    if rec.basic.actual is not None:
        add("basic.actual", "基本支出", rec.basic.actual, "money", "报告所列基本支出", "basic.actual")
    elif o_act is not None and p_act is not None:
        add("basic.actual", "基本支出（推算）", o_act - p_act, "money", "整体实际支出 − 项目实际支出",
            "overall.actual", "projects.actual")
    basic = m.value("basic.actual")
    add("basic.share", "基本支出占整体支出", _ratio(basic, o_act), "percent", "基本支出 ÷ 整体实际支出",
        *m.items["basic.actual"].inputs if "basic.actual" in m.items else ())
    add("projects.share", "项目支出占整体支出", _ratio(p_act, o_act), "percent", "项目实际支出 ÷ 整体实际支出",
        "projects.actual", "overall.actual")

    for name, zh in (("overall", "整体"), ("projects", "项目")):
        b = rec.block(name)
        outturn = _ratio(b.actual, b.initial_budget)
        add(f"{name}.outturn_vs_initial", f"{zh}实际支出相对年初预算", outturn, "percent",
            "实际支出 ÷ 年初预算", f"{name}.actual", f"{name}.initial_budget")
        implied = None
        if b.adjusted_budget is None and b.actual is not None and b.completion_rate:
            implied = b.actual / b.completion_rate * HUNDRED
        add(f"{name}.implied_adjusted_budget", f"{zh}调整后预算（由完成率推算）", implied, "money",
            "实际支出 ÷ 预算完成率", f"{name}.actual", f"{name}.completion_rate")

    band = pefa_band(m.value("overall.outturn_vs_initial"))
    add("overall.pefa_band", "PEFA PI-1 支出偏离等级", None, "band",
        "整体实际支出相对年初预算：A 95%–105%，B 90%–110%，C 85%–115%，其余 D",
        "overall.actual", "overall.initial_budget", band=band)

    funds_sum, project_sum = rec.figure("tasks.funds_sum"), rec.figure("tasks.project_funds_sum")
    task_inputs = tuple(f"tasks.{t.no}.funds" for t in rec.funded_tasks())
    project_inputs = tuple(f"tasks.{t.no}.funds" for t in rec.funded_tasks("tasks.project_funds_sum"))
    add("tasks.funds_sum", "主要任务资金合计", funds_sum, "money", "各项任务资金之和", *task_inputs)
    add("tasks.project_funds_sum", "主要任务中项目资金合计", project_sum, "money",
        "各项任务资金之和，不含机关运转、人员和公用经费等基本支出任务", *project_inputs)
    add("tasks.coverage", "主要任务资金占项目支出", _ratio(project_sum, p_act), "percent",
        "任务中项目资金合计 ÷ 项目实际支出", *project_inputs, "projects.actual")
    if funds_sum:  # (a basic-spending task's funds are no share of the projects')
        m.task_shares = [TaskShare(t.no, t.funds, None if t.of_basic_spending else _ratio(t.funds, p_act),
                                   _ratio(t.funds, funds_sum)) for t in rec.funded_tasks()]
    return m
