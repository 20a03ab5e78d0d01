"""Stage 4: Record → checks. The rules are data (rules.toml); this is the engine."""
from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Callable

from . import interval
from .interval import Interval, evaluate, names_in
from .rule import Rule
from .items import ITEM_KINDS, POINTS_WARN, fmt_points, points_sum, scored as _scored, total_points
from ..labels import BLOCK_ZH, figure_name
from ..model import BLOCK_FIELDS, BLOCKS, TASK_SUMS, Check, Record
from ..numbers import CENT, fmt_pct, fmt_wan, money_to_wan, round_money, round_to

PERCENT_WARN = Decimal("0.1")  # percentage points
MONEY_WARN = Decimal("0.001")  # share of the amount
STATUSES = ("ok", "warn", "fail", "skip")


def load_rules(text: str | None = None) -> list[Rule]:
    """Rules from rules.toml (or the given TOML text), one per block."""
    if text is None:
        text = resources.files("perflib.check").joinpath("rules.toml").read_text(encoding="utf-8")
    return _expand(tomllib.loads(text))


@lru_cache(maxsize=1)
def default_rules() -> tuple[Rule, ...]:
    return tuple(load_rules())


def prepare() -> None:
    """Load rules.toml and compile the formulas the checks evaluate now (~3 ms of a report's first
    checks in a process): the kernel template (perflib.run.kernel_zygote) does, so that its kernels
    do not each do it again for their report."""
    for rule in default_rules():
        if rule.kind not in ITEM_KINDS:
            for formula in rule.computed:
                interval.prepare(formula)
    _rules_by_id()


@lru_cache(maxsize=1)
def _rules_by_id() -> dict[str, Rule]:
    return {r.id: r for r in default_rules()}


def rule_by_id(check_id: str) -> Rule | None:
    """The default rule with this id (a rule of several blocks has one id per block)."""
    return _rules_by_id().get(check_id)


def _expand(doc: dict) -> list[Rule]:
    rules = []
    for raw in doc["rule"]:
        computed, formula = _as_list(raw["computed"]), _as_list(raw.get("formula", raw["computed"]))
        for block in raw.get("blocks", [None]):
            sub = (lambda s: s.replace("{block}", block).replace("{name}", BLOCK_ZH[block])) if block else (lambda s: s)
            rules.append(Rule(
                id=sub(raw["id"]), label=sub(raw["label"]), kind=raw["kind"], unit=raw["unit"],
                stated=sub(raw["stated"]), computed=tuple(sub(c) for c in computed),
                formula=tuple(formula),
                optional=block in raw.get("optional_blocks", []) or raw.get("optional", False) is True,
                optional_stated=raw.get("optional") == "stated", when=raw.get("when", ""),
                explain=raw.get("explain", ""), select=raw.get("select", "all"), flag=raw.get("flag", ""),
                status=raw.get("status", "fail"), ok=raw.get("ok", ""), none=raw.get("none", ""), item=raw.get("item", ""),
                bands=tuple((b["label"], _dec(b.get("min")), _dec(b.get("below"))) for b in raw.get("bands", [])),
                also=raw.get("also", ""),
                source=raw.get("source", ""),
            ))
    return rules


def _dec(v) -> Decimal | None:
    return None if v is None else Decimal(str(v))


def _as_list(v) -> list[str]:
    return [v] if isinstance(v, str) else list(v)


def _interval(rec: Record, name: str) -> Interval | None:
    where = _BLOCK_FIGURES.get(name)
    if where is not None:  # (most names: a block's figure, read as Record.figure does)
        value = getattr(getattr(rec, where[0]), where[1])
        return None if value is None else Interval.stated(value)
    if name in ("indicators.weight_sum", "indicators.score_sum"):
        return points_sum(rec, name.split(".")[1].removesuffix("_sum"))
    if name == "score":
        return None if rec.score is None else total_points(rec.score, _scored(rec, "score"))
    if name in TASK_SUMS:
        parts = [Interval.stated(t.funds) for t in rec.funded_tasks(name)]
        return sum(parts[1:], parts[0]) if parts else None
    # (any other name as Record.figure reads it, its two tests above already made here: an unknown one raises)
    block, field_name = name.split(".")
    value = getattr(rec.block(block), field_name)
    return None if value is None else Interval.stated(value)


_BLOCK_FIGURES = {f"{b}.{f}": (b, f) for b in BLOCKS for f in BLOCK_FIELDS}  # "overall.actual" → its block and field


def run_checks(rec: Record, rules: list[Rule] | tuple[Rule, ...] | None = None) -> list[Check]:
    out: list[Check] = []
    lookup = _Figures(rec)  # one lookup for every rule: each figure's interval made once
    for rule in rules or default_rules():
        c = check(rec, rule, lookup)
        if isinstance(c, list):
            out.extend(c)
        elif c is not None:
            out.append(c)
    return out


class _Figures(dict):
    """A record's figures by check name as Intervals (None: not stated), each made on first use."""

    def __init__(self, rec: Record):
        super().__init__()
        self.rec = rec

    def __missing__(self, name: str) -> Interval | None:
        self[name] = value = _interval(self.rec, name)
        return value

    __call__ = dict.__getitem__


def check(rec: Record, rule: Rule, lookup: Callable[[str], Interval | None] | None = None
          ) -> Check | list[Check] | None:
    """The rule's check; per-item rules give one check per finding. (`lookup`: the record's
    figures by name, when the caller has them.)"""
    if rule.when == "indicators" and not rec.indicators:
        return None
    if rule.kind in ITEM_KINDS:
        return ITEM_KINDS[rule.kind](rec, rule)
    if lookup is None:
        lookup = _Figures(rec)
    stated = lookup(rule.stated)
    if stated is None:
        if rule.optional or rule.optional_stated:
            return None
        return Check(rule.id, "skip", None, None, f"{rule.label}：{_unstated([rule.stated], rec)}，无法核对。", rule.unit)
    for formula, how in zip(rule.computed, rule.formula):
        try:
            computed = evaluate(formula, lookup)
        except ZeroDivisionError:
            computed = None
        if computed is not None:
            judged = _judge(rule, stated, computed, how)
            if judged.status != "ok" and rule.also:
                return _with_the_rest(rule, rec, stated, computed, how) or judged
            return judged
    if rule.optional:
        return None
    missing = [n for n in names_in(rule.computed[0]) if lookup(n) is None]
    return Check(rule.id, "skip", stated.point, None, f"{rule.label}：{_unstated(missing, rec)}，无法核对。", rule.unit)


def _unstated(names: list[str], rec: Record) -> str:
    """Why figures are missing: not stated, or stated and set aside (they broke an identity, their unit was in
    doubt: the reading's warnings say which) — never "not stated" of a figure the report states."""
    withheld = [n for n in names if n in rec.withheld]
    absent = [n for n in names if n not in rec.withheld]
    parts = []
    if absent or not names:
        parts.append(f"报告未写明{'、'.join(figure_name(n) for n in absent) or '所需数字'}")
    if withheld:
        parts.append(f"读到的{'、'.join(figure_name(n) for n in withheld)}未采用（原因见读取提示）")
    return "；".join(parts)


def _with_the_rest(rule: Rule, rec: Record, stated: Interval, computed: Interval, how: str) -> Check | None:
    """The check judged again with the further amounts the report states in the stated figure's paragraph (outside
    brackets, not zero: rule.also), when that holds: "基本支出 + 项目支出 + 其他支出"; else None."""
    sentence = rec.evidence.get(rule.stated, "")
    paragraph = next((line for line in (rec.text or "").split("\n") if sentence and sentence in line), "")
    if rule.unit == "money" and not all(rec.evidence.get(n, "") in paragraph for n in names_in(rule.computed[0])):
        return None  # (the parts stated elsewhere: no sibling of theirs to add)
    more, words = Interval.exact(Decimal(0)), []
    for m in _pattern(rule.also).finditer(paragraph):
        before = paragraph[:m.start()]
        if before.count("（") + before.count("(") > before.count("）") + before.count(")"):
            continue  # (inside brackets: a part of a part, "基本支出600万元（其中其他支出50万元）")
        if _OF_A_PART.search(before[max(before.rfind("，"), before.rfind("；"), before.rfind(","), 0):]):
            continue  # (in a clause listing a part's items: "项目支出300万元，主要为设备购置200万元、其他支出100万元")
        value = money_to_wan(m["num"], m["unit"]) if rule.unit == "money" else Decimal(m["num"])
        if value == 0:
            continue
        more = more - Interval.stated(value) if m.groupdict().get("minus") else more + Interval.stated(value)
        words.append(m.group())
    if not words:
        return None
    judged = _judge(rule, stated, computed + more, f"{how}，连同报告另列的{'、'.join(words)}")
    return judged if judged.status == "ok" else None


_OF_A_PART = re.compile(r"主要|包括|其中|含|用于")


@lru_cache(maxsize=32)
def _pattern(text: str) -> re.Pattern:
    return re.compile(text)


def _judge(rule: Rule, stated: Interval, computed: Interval, how: str) -> Check:
    if rule.kind == "equal":
        gap = stated.gap_to(computed)
    else:  # at_most: stated must not exceed computed
        gap = stated.excess_over(computed)
    if gap == 0:
        status = "ok"
    else:
        tolerance = _tolerance(rule.unit, stated.point)
        status = "warn" if gap <= tolerance else "fail"
    shown = round_money(computed.point) if rule.unit == "money" else round_to(computed.point, 3)
    return Check(rule.id, status, stated.point, shown, _message(rule, status, stated.point, computed.point, how), rule.unit)


def _tolerance(unit: str, stated: Decimal) -> Decimal:
    return _TOLERANCES.get(unit) or MONEY_WARN * abs(stated)


_TOLERANCES = {"percent": PERCENT_WARN, "points": POINTS_WARN}  # (made once, not per check)


def _fmt(value: Decimal, unit: str) -> str:
    if unit == "points":
        return f"{fmt_points(value)} 分"
    return f"{fmt_wan(value)} 万元" if unit == "money" else fmt_pct(value, 3 if value != value.quantize(CENT) else None)


def _message(rule: Rule, status: str, stated: Decimal, computed: Decimal, how: str) -> str:
    s, c = _fmt(stated, rule.unit), _fmt(computed, rule.unit)
    if rule.kind == "at_most":
        head = f"{rule.label}：{figure_name(rule.stated)} {s}，{how} {c}"
        tail = {"ok": "，未超出。", "warn": "，略有超出（超出部分在 0.1% 以内）。", "fail": "，明显超出。"}[status]
        return head + tail
    head = f"{rule.label}：报告为 {s}，按{how}计算为 {c}"
    if status == "ok":  # (most checks: the gap is not formatted)
        return head + "，在四舍五入误差之内，一致。"
    d = _fmt_gap(abs(stated - computed), rule.unit)
    return head + (f"，相差 {d}，超出四舍五入误差，属小偏差。" if status == "warn" else f"，相差 {d}，明显不符。")


def _fmt_gap(gap: Decimal, unit: str) -> str:
    if unit == "percent":
        return f"{round_to(gap, 3):f} 个百分点"
    return f"{fmt_points(gap)} 分" if unit == "points" else f"{fmt_wan(gap)} 万元"


def rule_explanation(check_id: str) -> str:
    """The plain-words explanation a rule carries (empty when it has none)."""
    rule = rule_by_id(check_id)
    return rule.explain if rule else ""


def counts(checks: list[Check]) -> dict[str, int]:
    return {s: sum(c.status == s for c in checks) for s in STATUSES}
