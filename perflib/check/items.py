"""Rule kinds over the indicator table and the self-rating (the rows are in rules.toml).

Points are not measurements: a 分值 or 得分 written with at most one decimal (10, 9.5) is taken as
exact; one with two or more (3.33, 9.67) was rounded and is known to half a unit of its last digit.
A stated total is rounded only when its parts carry more decimals than it does (items 9.67 + 8.33
may be written 18 in total); otherwise it must add up exactly.

  each_at_most  every item's `stated` ≤ its `computed` (得分 ≤ 分值): one finding per item beyond it
  each_flag     items picked by `select` and marked by `flag` are findings, each with `status`
  band          the `stated` word (自评等级) must name the band its figure (得分) falls in
Per-item kinds give one check per finding, or one `ok` check when there is none.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Callable

from .interval import Interval
from .rule import Rule
from ..labels import GRADE_ORDER
from ..model import Check, Indicator, Record
from ..numbers import exponent


POINTS_WARN = Decimal("0.1")  # points: a gap up to this beyond rounding is a `warn`


def fmt_points(value: Decimal) -> str:
    """10 → "10", 9.50 → "9.5", 9.667 → "9.667"."""
    return f"{value.normalize():f}"


def point_interval(value: Decimal) -> Interval:
    if exponent(value) >= -1:
        return Interval.exact(value)
    return Interval.stated(value)


def items(rec: Record) -> list[Indicator]:
    """The scored rows: the indicators, and the budget-execution row when the form scores it."""
    return rec.indicators + ([rec.budget_execution] if rec.budget_execution else [])


def scored(rec: Record, role: str) -> list[Decimal]:
    return [getattr(i, role) for i in items(rec) if getattr(i, role) is not None]


def points_sum(rec: Record, role: str) -> Interval | None:
    """The sum of every row's 分值 ("weight") or 得分 ("score"); None when a row lacks one."""
    rows = items(rec)
    if not rec.indicators or any(getattr(i, role) is None for i in rows):
        return None
    parts = [point_interval(getattr(i, role)) for i in rows]
    return sum(parts[1:], parts[0])


def total_points(total: Decimal, parts: list[Decimal]) -> Interval:
    finest = min((exponent(p) for p in parts), default=0)
    if parts and finest < exponent(total):
        return Interval.stated(total)
    return Interval.exact(total)


def _status(gap: Decimal) -> str:
    return "ok" if gap == 0 else "warn" if gap <= POINTS_WARN else "fail"


def _say(template: str, ind: Indicator) -> str:
    show = lambda v: "未写明" if v is None else fmt_points(v) if isinstance(v, Decimal) else v  # noqa: E731
    return template.format(name=ind.name, target=show(ind.target), actual=show(ind.actual),
                           weight=show(ind.weight), score=show(ind.score))


def _none_found(rec: Record, rule: Rule, looked_at: int) -> Check:
    said = rule.none if looked_at == 0 and rule.none else rule.ok.format(n=looked_at)
    return Check(rule.id, "ok", None, None, f"{rule.label}：{said}", rule.unit)


def each_at_most(rec: Record, rule: Rule) -> Check | None:
    if not rec.indicators:
        return None
    rows = [i for i in items(rec) if getattr(i, rule.stated) is not None
            and getattr(i, rule.computed[0]) is not None]
    if not rows:
        return Check(rule.id, "skip", None, None, f"{rule.label}：指标表未写明分值或得分，无法核对。", rule.unit)
    found = []
    for ind in rows:
        s, c = point_interval(getattr(ind, rule.stated)), point_interval(getattr(ind, rule.computed[0]))
        status = _status(s.excess_over(c))
        if status != "ok":
            found.append(Check(rule.id, status, s.point, c.point, f"{rule.label}：{_say(rule.item, ind)}", rule.unit))
    return found or _none_found(rec, rule, len(rows))


ITEM_SELECT: dict[str, Callable[[Indicator], bool]] = {
    "all": lambda i: True,
    "unmet": lambda i: i.met is False,
}


def _full_score(i: Indicator) -> bool:
    if i.score is None or i.weight is None:
        return False
    return point_interval(i.score).hi >= point_interval(i.weight).lo


ITEM_FLAG: dict[str, Callable[[Indicator], bool]] = {
    "full_score": _full_score,
    "no_reason": lambda i: not (i.reason or "").strip(),
}


def each_flag(rec: Record, rule: Rule) -> Check | None:
    if not rec.indicators:
        return None
    picked = [i for i in rec.indicators if ITEM_SELECT[rule.select](i)]
    found = [Check(rule.id, rule.status, i.score, i.weight, f"{rule.label}：{_say(rule.item, i)}", rule.unit)
             for i in picked if ITEM_FLAG[rule.flag](i)]
    return found or _none_found(rec, rule, len(picked))


def band(rec: Record, rule: Rule) -> Check | None:
    word = getattr(rec, rule.stated)
    if word is None:
        return None
    value = rec.figure(rule.computed[0])
    if value is None:
        return Check(rule.id, "skip", None, None, f"{rule.label}：报告未写明自评得分，无法核对。", rule.unit)
    score = point_interval(value)
    bands = {label: (lo, hi) for label, lo, hi in rule.bands}
    source = rule.source
    if word in rec.bands:  # the report's own bands ("85分（含）以上为优，70（含）至85分为良…") rule, not the default ones
        bands, source = _stated_bands(rec.bands), f"报告所列评分档次：{rec.bands_sentence}"
    if word not in bands:
        return Check(rule.id, "skip", None, value, f"{rule.label}：自评等级“{word}”不在评分档次之中，无法核对。", rule.unit)
    lo, below = bands[word]
    gap = Decimal(0)
    if lo is not None and score.hi < lo:
        gap = lo - score.hi
    if below is not None and score.lo >= below:
        gap = max(score.lo - below, Decimal("0.01"))  # the band ends below its bound: at it is outside
    status = _status(gap)
    fitting = [label for label, (a, b) in bands.items()
               if (a is None or score.hi >= a) and (b is None or score.lo < b)]
    span = _band_text(lo, below)
    head = f"{rule.label}：自评等级“{word}”（{span}），自评得分 {fmt_points(value)} 分"
    if status == "ok":
        msg = f"{head}，在该档次之内。"
    else:
        higher = lo is not None and score.hi < lo
        should = "、".join(f"“{f}”" for f in fitting) or "其他档次"
        msg = (f"{head}，按得分应为{should}；自评等级{'高于' if higher else '低于'}得分所在档次"
               f"（依据：{source}）。")
    return Check(rule.id, status, None, value, msg, rule.unit)


def _stated_bands(lowest: dict[str, Decimal]) -> dict[str, tuple[Decimal | None, Decimal | None]]:
    """Grade → (its lowest score, the next grade's) from the lowest scores a report states. (A grade it states
    no band for is judged by the national bands: the caller asks only of a stated grade.)"""
    ranked = [g for g in GRADE_ORDER if g in lowest]
    return {g: (lowest[g], lowest[ranked[k - 1]] if k else None) for k, g in enumerate(ranked)}


def _band_text(lo: Decimal | None, below: Decimal | None) -> str:
    if lo is None:
        return f"{fmt_points(below)} 分以下"
    if below is None:
        return f"{fmt_points(lo)} 分及以上"
    return f"{fmt_points(lo)} 分（含）至 {fmt_points(below)} 分"


ITEM_KINDS: dict[str, Callable[[Record, Rule], Check | list[Check] | None]] = {
    "each_at_most": each_at_most,
    "each_flag": each_flag,
    "band": band,
}
