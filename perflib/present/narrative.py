"""Stage 6: Record + metrics + checks → Chinese prose for the reader.

Sentences are plain strings (no HTML); the page escapes them. Every number
in them is a stated figure or a metric, formatted with Chinese conventions
(万元, two decimals, thousands separators).
"""
from __future__ import annotations

from decimal import Decimal

from ..check.items import fmt_points
from ..check.rules import counts
from ..check.metrics import Metrics
from ..labels import MISSING_CORE, PEFA_TEXT, SCORING_CHECKS, figure_name
from ..model import Record
from ..numbers import fmt_pct, fmt_wan
from ..review import missing_core



def _wan(v: Decimal | None) -> str:
    return f"{fmt_wan(v)} 万元"


def _who(rec: Record) -> str:
    year = f"{rec.year} 年" if rec.year else "本年度"
    return f"{year}，{rec.department or '该部门'}"


def summary(rec: Record, m: Metrics) -> list[str]:
    """3–6 sentences: spending against plan, budget movement, checks, self-rating, and which core
    figures the report does not give (pointing to the review sheet)."""
    spending, missing = _spending(rec, m), missing_sentence(rec)
    out = [s for s in (spending, _projects(rec, m), _tasks(rec, m), indicators_sentence(rec), _checks(rec),
                       _rating(rec, m)) if s]
    if missing:  # right after the spending sentence (first without one): it says why the rest is short
        out.insert(1 if spending else 0, missing)
    elif len(out) < 3:
        out.append("报告未写明足够的预算数字，以下表格只列出能从原文读到的内容。")
    return out


def missing_sentence(rec: Record) -> str | None:
    """Which core figures (overall actual, budgets, completion rate) the report does not give."""
    missing = missing_core(rec)
    if not missing:
        return None
    return MISSING_CORE.format(names="、".join(figure_name(k) for k in missing))


def _spending(rec: Record, m: Metrics) -> str | None:
    o = rec.overall
    if o.actual is None:
        return None
    s = f"{_who(rec)}整体实际支出 {_wan(o.actual)}"
    outturn = m.value("overall.outturn_vs_initial")
    if outturn is not None:
        s += f"，为年初预算 {_wan(o.initial_budget)}的 {fmt_pct(outturn, 2)}"
    if o.completion_rate is not None and o.adjustment is not None and o.adjustment != 0:
        verb = "调增" if o.adjustment > 0 else "调减"
        rate = f"（预算调整率 {fmt_pct(o.adjustment_rate)}）" if o.adjustment_rate is not None else ""
        s += f"；报告所称预算完成率 {fmt_pct(o.completion_rate)}，是以年内{verb} {_wan(abs(o.adjustment))}{rate}后的预算为基数"
    elif o.completion_rate is not None:
        s += f"，预算完成率 {fmt_pct(o.completion_rate)}"
    return s + "。"


def _projects(rec: Record, m: Metrics) -> str | None:
    p = rec.projects
    if p.actual is None:
        return None
    count = f"（{p.count} 个项目）" if p.count else ""
    s = f"其中项目支出 {_wan(p.actual)}{count}"
    if p.initial_budget is not None and p.adjustment is not None:
        verb = "调增" if p.adjustment >= 0 else "调减"
        s += f"，较年初预算 {_wan(p.initial_budget)}{verb} {_wan(abs(p.adjustment))}"
    basic = m.items.get("basic.actual")
    if basic is not None and basic.value is not None:
        word = "推算基本支出" if "推算" in basic.label else "基本支出"
        s += f"；{word}为 {_wan(basic.value)}，占整体支出的 {fmt_pct(m.value('basic.share'), 1)}"
    return s + "。"


def _tasks(rec: Record, m: Metrics) -> str | None:
    funded = [t for t in rec.tasks if t.funds is not None]
    if not rec.tasks:
        return None
    s = f"报告列出 {len(rec.tasks)} 项主要任务"
    if funded:
        s += f"，其中 {len(funded)} 项注明资金，合计 {_wan(m.value('tasks.funds_sum'))}"
        projects = m.value("tasks.project_funds_sum")
        if any(t.of_basic_spending for t in funded):  # (保障机关正常运转: basic spending, no project's)
            s += f"（机关运转等基本支出类任务之外的 {_wan(projects)}）" if projects is not None else "（均为机关运转等基本支出）"
        cov = m.value("tasks.coverage")
        if cov is not None:
            s += f"，占项目支出的 {fmt_pct(cov, 1)}"
    return s + "。"




def _checks(rec: Record) -> str | None:
    # the scoring checks are told by the indicator sentence, not as slips in the figures
    checks = [c for c in rec.checks if c.id not in SCORING_CHECKS]
    done = [c for c in checks if c.status != "skip"]
    if not done:
        return "报告给出的数字不足以互相核对。"
    n = counts(checks)
    s = f"对报告数字的 {len(done)} 项核对中，{n['ok']} 项相符"
    flagged = [c for c in checks if c.status in ("warn", "fail")]
    if n["warn"]:
        s += f"，{n['warn']} 项有超出四舍五入的小偏差"
    if n["fail"]:
        s += f"，{n['fail']} 项明显不符"
    if flagged:  # the check's name says what should hold: "“自评等级与自评得分相符”一项未通过：…"
        name, said = flagged[0].message.split("：", 1)
        how = "未通过" if flagged[0].status == "fail" else "有小偏差"
        s += f"（其中“{name}”一项{how}：{said.rstrip('。')}）"
    return s + "。"


def _rating(rec: Record, m: Metrics) -> str | None:
    band = m["overall.pefa_band"].band if "overall.pefa_band" in m.items else None
    parts = []
    if rec.rating:
        score = f"（自评得分 {rec.score} 分）" if rec.score is not None else ""
        parts.append(f"部门绩效自评等级为“{rec.rating}”{score}")
    if band:
        outturn = fmt_pct(m.value("overall.outturn_vs_initial"), 2)
        judged = "处于" if band != "D" else "落在"
        # PEFA (公共支出与财政问责框架) grades PI-1 on three years; one year gives only the band it falls in
        parts.append(f"按 PEFA（公共支出与财政问责框架）PI-1“支出总额执行偏离”口径，整体支出相对年初预算为 {outturn}，"
                     f"本年{judged} {band} 级区间（{PEFA_TEXT[band]}；PEFA 按近三年评级，此处仅看单一年度）")
    if not parts:
        return None
    joiner = "；而" if rec.rating and band and band in ("C", "D") and rec.rating in ("优", "良") else "；"
    return joiner.join(parts) + "。"


def indicators_sentence(rec: Record) -> str | None:
    """N 项指标，K 项未达成，失分最多的是 …; an unmet target given full marks named as such."""
    inds = rec.indicators
    if not inds:
        return None
    unmet = [i for i in inds if i.met is False]
    undecided = sum(i.met is None for i in inds)
    s = f"绩效指标表列出 {len(inds)} 项指标，"
    if unmet:
        s += f"{len(unmet)} 项未达成年度指标值" + (f"，{undecided} 项无法从所写内容判断是否达成" if undecided else "")
    elif undecided:
        s += f"{undecided} 项无法从所写内容判断是否达成" + ("，其余均达成年度指标值" if undecided < len(inds) else "")
    else:
        s += "均达成年度指标值"
    lost = [(i.weight - i.score, i) for i in inds if i.weight is not None and i.score is not None and i.score < i.weight]
    if lost:
        most = max(d for d, _ in lost)
        names = "、".join(f"“{i.name}”" for d, i in lost if d == most)
        s += f"；失分最多的是{names}（扣 {fmt_points(most)} 分）"
    elif all(i.weight is not None and i.score is not None for i in inds):
        s += "；各项指标均得满分"
    full = [i for i in unmet if i.weight is not None and i.score is not None and i.score >= i.weight]
    if full:
        names = "、".join(f"“{i.name}”" for i in full)
        s += f"；其中{names}未达成目标却得了满分，自评偏宽"
    silent = [i for i in unmet if not (i.reason or "").strip()]
    if silent:
        s += f"；{len(silent)} 项未达成的指标未写明偏差原因"
    return s + "。"


def check_explanation(status: str) -> str:
    """What a status means, in plain words, for the checks section."""
    return {
        "ok": "报告中的数字与由其他数字推算的结果在四舍五入误差之内一致。",
        "warn": "差距超出了四舍五入可以解释的范围，但很小（不超过 0.1 个百分点或金额的 0.1%），多为计算或抄写时的笔误，建议向编报单位核实。",
        "fail": "差距较大，无法用四舍五入或笔误解释，报告中至少有一个数字有误，需向编报单位核实。",
        "skip": "报告没有写明核对所需的全部数字。",
    }[status]
