"""Stage 3, assignment: the report's own arithmetic as evidence for the figures read.

The prose reader offers every figure it reads to a `Ledger` with its context: the block and field
its label gives, its sentence, and whether its block was *stated* (a block word, the label itself,
the unit as the sentence's subject, the parts that follow it) or only *inferred* (from the section
heading, the sentence before, the whole unit by default). The first statement of a field is
taken as it is read; then, with every figure known, two things are settled:

- a budget the report calls neither 年初 nor 调整后 (批复支出预算, 部门预算总额, 支出预算) is the
  adjusted budget when the stated rate is actual ÷ it, or when the initial budget is stated apart;
  else the initial budget (the budget a 部门预算 is, until the year adjusts it);
- a figure whose block was only inferred and that breaks an identity the other figures satisfy
  (basic + projects = overall, each within overall, initial + adjustment = adjusted, rate = actual ÷
  adjusted budget) beyond rounding and a slip's tolerance is not taken: the field goes back to null
  (or to the next figure offered for it that keeps the identities), its amount is listed as unread,
  and a warning says why.

A figure read from an explicit label in its own sentence is never dropped: when such figures
disagree the report has a slip, and the checks (check/rules.toml) say so.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from ..check.interval import Interval
from ..model import Record
from ..numbers import NUMBER, money_to_wan
from .lexicon import LEX
from .tables import is_rate_base, store

_MONEY = ("initial_budget", "adjusted_budget", "actual")
_PARTS = ("basic", "projects")
# A gap beyond rounding up to this is a slip the checks report (`warn`), not a misreading.
_MONEY_SLIP = Decimal("0.001")  # of the amount
_RATE_SLIP = Decimal("0.1")  # percentage point


class Offer(NamedTuple):  # (a tuple: made for every figure read, and faster to make than a dataclass)
    block: str
    field: str
    value: Decimal
    evidence: str
    inferred: bool = False  # the block came from the context, not from the sentence


class Ledger(dict):
    """Amounts taken by a field (amount → the sentences it was taken from: the unread list is
    what is left) and every figure offered, in reading order."""

    def __init__(self):
        super().__init__()
        self.offers: list[Offer] = []
        self.last_total: tuple[str, Decimal] | None = None  # the whole unit's last figure read in a paragraph
        self.main_source: list[Offer] = []  # the whole's figures stated by a main source (财政拨款 …): `settle` decides
        self.other_fund_type = False  # a fund type's own figures (政府性基金 …) were stated for the whole
        self.other_money = False  # the unit's other money was stated beside (另有上年结转资金 …)
        self.own_office: dict = {}  # field → (value, sentence): the whole's figure read from its own office's (局本级 …)
        # the office is one part of several: other units' figures followed its own (局机关本级 …; 县图书馆 …), or the
        # whole's took the place of some of them (… 我局年初预算 …): `settle` decides
        self.office_a_part = False
        self.held_changes: list = []  # (block, amount, sentence) of a change a budget holds (含追加 …): `settle` decides

    def take(self, amount: Decimal, sentence: str) -> None:
        self.setdefault(size(amount), []).append(sentence)

    def release(self, amount: Decimal, sentence: str) -> None:
        sentences = self.get(size(amount), [])
        if sentence in sentences:
            sentences.remove(sentence)


def size(amount: Decimal) -> Decimal:
    """An amount's key in a Ledger: its absolute value. (The amount itself when not negative: a Decimal keeps its
    hash once computed, and an abs() copy computes it again, ~10 times a lookup's cost.)"""
    return amount if amount >= 0 else abs(amount)


def offer(rec: Record, ledger: Ledger | None, o: Offer) -> None:
    """Read a figure: the first statement of a field is taken now (a bare budget waits for
    `settle`); every offer is kept for `settle`."""
    if ledger is not None:
        ledger.offers.append(o)
    if o.field in _SETTLED_LATER:
        return
    if store(rec, o.block, o.field, o.value, o.evidence) and ledger is not None and isinstance(o.value, Decimal):
        ledger.take(o.value, o.evidence)


def settle(rec: Record, ledger: Ledger) -> None:
    """Settle bare budgets, then drop inferred figures that break the report's arithmetic."""
    _settle_main_source(rec, ledger)
    _drop_the_office_as_one_part(rec, ledger)
    _drop_partial_changes(rec, ledger)
    for o in [o for o in ledger.offers if o.field == "adjusted_bare"]:
        _settle_adjusted(rec, ledger, o)
    bare = [o for o in ledger.offers if o.field == "budget"]
    for o in sorted(bare, key=lambda o: o.block != "overall"):  # the whole's first: the parts' may be its parts
        if not _settle_parts(rec, ledger, o, bare):
            _settle_budget(rec, ledger, o)
    inferred = [o for o in ledger.offers if o.inferred and o.field not in _SETTLED_LATER]
    for o in inferred:
        key = f"{o.block}.{o.field}"
        if getattr(rec.block(o.block), o.field) != o.value or rec.evidence.get(key) != o.evidence:
            continue  # not the figure the field holds
        broken = breaks(rec, o.block, o.field)
        if broken is None:
            continue
        _withdraw(rec, ledger, o.block, o.field, f"{o.value} read from its context breaks {broken}")
        for other in ledger.offers:  # a later statement the first one shadowed
            if (other.block, other.field) == (o.block, o.field) and other is not o and other.value != o.value:
                setattr(rec.block(o.block), o.field, other.value)
                rec.evidence[key] = other.evidence
                if breaks(rec, o.block, o.field) is None:
                    ledger.take(other.value, other.evidence)
                    break
                setattr(rec.block(o.block), o.field, None)
                del rec.evidence[key]


def _withdraw(rec: Record, ledger: Ledger, block: str, field: str, why: str) -> None:
    """Unread the figure `field` of `block` holds, its amount back among the unread, and say why ("… ; not taken")."""
    key = f"{block}.{field}"
    value, sentence = getattr(rec.block(block), field), rec.evidence.pop(key)
    setattr(rec.block(block), field, None)
    ledger.release(value, sentence)
    rec.warnings.append(f"{key}: {why}; not taken")
    rec.withheld[key] = why


def _forget_offer(ledger: Ledger, block: str, field: str, value: Decimal, sentence: str) -> None:
    """No later settling is to offer that figure again."""
    ledger.offers[:] = [o for o in ledger.offers if not (o.block == block and o.field == field
                                                         and o.value == value and o.evidence == sentence)]


def _drop_partial_changes(rec: Record, ledger: Ledger) -> None:
    """A change the budget is said to hold ("调整后预算含上级追加资金 210 万元", "（含年中追加 32 万元）") is the block's
    adjustment only when its budgets are stated and agree (年初 + it = 调整后): else maybe one addition of several."""
    for block, value, sentence in ledger.held_changes:
        b = rec.block(block)
        key = f"{block}.adjustment"
        agree = None not in (b.initial_budget, b.adjusted_budget) and b.initial_budget + value == b.adjusted_budget
        if b.adjustment != value or rec.evidence.get(key) != sentence or agree:
            continue
        _withdraw(rec, ledger, block, "adjustment", f"{value}, a change the budget holds, is not shown to be all of "
                                                    f"it ({b.initial_budget} to {b.adjusted_budget})")


def _drop_the_office_as_one_part(rec: Record, ledger: Ledger) -> None:
    """The unit's own office's figures (局机关本级 …) read as the whole's are not, when other units' figures follow them
    line by line ("局机关本级年初预算 …；县农技推广中心年初预算 …；县动物疫病预防控制中心 …") and no figure of the whole
    took their place, or when the whole's took the place of some ("局机关本级年初预算 520 万元，实际支出 598 万元。我局
    全年预算 2120 万元，实际支出 2050.4 万元": its 年初预算 is not stated): the office is one part of several."""
    if not ledger.office_a_part:
        return
    for field, (value, sentence) in list(ledger.own_office.items()):
        if getattr(rec.overall, field, None) != value or rec.evidence.get(f"overall.{field}") != sentence:
            continue
        _withdraw(rec, ledger, "overall", field, f"{value}, the office's own (本级) beside its units' figures, is no whole's")
        _forget_offer(ledger, "overall", field, value, sentence)
        del ledger.own_office[field]


def whole_for_its_office(rec: Record, ledger: Ledger, field: str, value: Decimal, sentence: str) -> bool:
    """The whole's figure, from a sentence naming the whole, takes the place of the unit's own office's (局本级 …)
    read first for `field` ("局本级全年预算 1210 万元，…；部门汇总全年预算 5012 万元"); not a smaller amount (a
    part of the whole: "全局重点工作专项经费全年预算 90 万元"). True when it did."""
    office = ledger.own_office.get(field)
    if office is None or getattr(rec.overall, field, None) != office[0]:
        return False
    if field != "completion_rate" and value < office[0]:
        return False
    rec.warnings.append(f"overall.{field}: {office[0]}, the office's own (本级), gives way to the whole's {value}")
    setattr(rec.overall, field, value)
    rec.evidence[f"overall.{field}"] = sentence
    ledger.release(office[0], office[1])
    ledger.take(value, sentence)
    _forget_offer(ledger, "overall", field, *office)
    ledger.offers.append(Offer("overall", field, value, sentence))
    del ledger.own_office[field]
    ledger.office_a_part = True
    return True


def _settle_main_source(rec: Record, ledger: Ledger) -> None:
    """The whole's figures stated by its main source ("财政拨款年初预算 280 万元，实际支出 …") are the unit's only
    when no figure of the unit's own holds any of their fields with another value and no other fund type's
    figures stand beside them ("国有资本经营预算 …；一般公共预算 …": one source of several); else left unread.
    (The unit's own figure equal to the source's, "一般公共预算…实际支出 315 万元。本部门全年支出 315 万元",
    says the source is all the unit's money, unless the unit's other money is stated: "另有上年结转资金 …".)"""
    held = any(v is not None and (v != o.value or ledger.other_money)
               for o in ledger.main_source for v in [getattr(rec.block(o.block), o.field, None)])  # (a bare budget: no field yet)
    if ledger.main_source and not held and not ledger.other_fund_type:
        for o in ledger.main_source:
            offer(rec, ledger, o)


def _settle_parts(rec: Record, ledger: Ledger, o: Offer, bare: list[Offer]) -> bool:
    """A bare budget of 基本支出 and one of 项目支出 that add up to one of the whole unit's budgets are
    its parts, that budget's kind ("全年预算 8620 万元，其中：基本支出预算 3200 万元…；项目支出预算 5420 万元":
    adjusted budgets). Returns whether `o` was settled so."""
    if o.block not in _PARTS:
        return False
    firsts = {p: next((b for b in bare if b.block == p), None) for p in _PARTS}
    if firsts[o.block] is not o or None in firsts.values():
        return False
    whole = rec.block("overall")
    parts = [firsts[p].value for p in _PARTS]
    kinds = [f for f in ("initial_budget", "adjusted_budget")
             if getattr(whole, f) is not None and not _money_gap(getattr(whole, f), parts)]
    if len(kinds) != 1 or getattr(rec.block(o.block), kinds[0]) is not None:
        return False
    offer(rec, ledger, Offer(o.block, kinds[0], o.value, o.evidence, o.inferred))
    return True


def _settle_budget(rec: Record, ledger: Ledger, o: Offer) -> None:
    b = rec.block(o.block)
    if o.value in (b.initial_budget, b.adjusted_budget):
        ledger.take(o.value, o.evidence)  # the same figure, stated again
        return
    if b.adjusted_budget is None and (_is_rate_base(b, o.value) or b.initial_budget is not None):
        field = "adjusted_budget"
    elif b.initial_budget is None and not _is_rate_base(b, o.value):
        field = "initial_budget"
    else:
        return  # both budgets stated otherwise: listed as unread
    offer(rec, ledger, Offer(o.block, field, o.value, o.evidence, o.inferred))


def _settle_adjusted(rec: Record, ledger: Ledger, o: Offer) -> None:
    """A bare 调整预算 figure is the adjusted budget when the block's other figures make it one: the stated rate is its
    actual ÷ it, or its 年初预算 and the change stated make it, or, no rate stated against it, it is of the block's
    size (its spending at most 5 % over it, and it between its 年初预算 and twice that); not a change made to the
    budget ("年初预算500万元，年中调整预算300万元，主要是追加…", "调整预算50万元": the change, listed as unread)."""
    b = rec.block(o.block)
    if b.adjusted_budget is not None:
        if b.adjusted_budget == o.value:
            ledger.take(o.value, o.evidence)  # the same figure, stated again
        return
    refuted = b.completion_rate is not None and b.actual is not None and not _is_rate_base(b, o.value)
    left = _carried_forward(o.evidence) if b.actual is not None else None
    if left is not None and not refuted:
        # (what was spent and what is carried forward make the budget the year had: "调整预算1,180万元，…实际支出
        # 1,150万元，结转下年30万元" is that budget, however far from 年初; "年初260, 调整预算280, 支出285, 结转255"
        # is not: 260 + 280 is what was spent and kept, 280 the change)
        if not _money_gap(o.value, [b.actual, left]):
            offer(rec, ledger, Offer(o.block, "adjusted_budget", o.value, o.evidence, o.inferred))
            return
        if b.initial_budget is not None and not _money_gap(b.initial_budget + o.value, [b.actual, left]):
            return
    sized = (b.actual is not None and o.value * _OVERSPENT >= b.actual
             and (b.initial_budget is None or b.initial_budget <= o.value <= b.initial_budget * _GROWN))
    changed = None not in (b.initial_budget, b.adjustment) and b.initial_budget + b.adjustment == o.value  # ("调减150万元")
    if _is_rate_base(b, o.value) or (changed or sized) and not refuted:
        offer(rec, ledger, Offer(o.block, "adjusted_budget", o.value, o.evidence, o.inferred))


def _carried_forward(sentence: str) -> Decimal | None:
    """The money the sentence says is carried into the next year ("结转下年30万元", "年末结转结余12.5万元"; not
    上年结转 nor 期初结转结余, money come in, nor a bare 结转结余, which may be either): None unless it states one such
    amount, and no note on it says it holds more ("（含以前年度结余）")."""
    found = list(_CARRIED_FORWARD.finditer(sentence)) if "结" in sentence else []
    if len(found) != 1 or _NOTE_HOLDS.match(sentence, found[0].end()):
        return None
    return money_to_wan(found[0]["num"], found[0]["unit"])


_CARRIED_FORWARD = re.compile(
    rf"(?:结转(?:至|到)?(?:下一?年度?|以后年度|次年)|(?<!上)(?:年末|期末)结转(?:结余)?|(?<!上)(?:年末|期末)结余)"
    rf"(?:资金|经费)?\s*(?:为|共计?)?\s*[:：]?\s*(?P<num>{NUMBER})\s*(?P<unit>{LEX.unit})")
_NOTE_HOLDS = re.compile(r"\s*[（(]\s*(?:含|包括)")
_OVERSPENT = Decimal("1.05")  # (a block may spend a little more than its adjusted budget, not more)
_GROWN = 2  # (a budget more than doubled in the year: the figure more likely the change, "年初200万元，年中调整预算600万元")


_SETTLED_LATER = ("budget", "adjusted_bare")  # offers `settle` turns into a field, or not


def _is_rate_base(b, budget: Decimal) -> bool:
    """Is the stated completion rate this block's actual spending ÷ `budget`?"""
    return is_rate_base(b.actual, b.completion_rate, budget)


# --- identities ---------------------------------------------------------------------------
def breaks(rec: Record, block: str, field: str) -> str | None:
    """The identity the figure `block.field` breaks with the report's other figures (beyond
    rounding and a slip's tolerance), named for the warning; None when it breaks none."""
    if field in _MONEY:
        whole, parts = rec.block("overall"), [rec.block(p) for p in _PARTS]
        values = [getattr(whole, field)] + [getattr(p, field) for p in parts]
        if all(v is not None for v in values) and _money_gap(values[0], values[1:]):
            return "基本支出 + 项目支出 = 部门整体"
        for part, value in zip(_PARTS, values[1:]):
            if value is not None and values[0] is not None and value > values[0] * (1 + _MONEY_SLIP):
                return f"{part} within overall"
    b = rec.block(block)
    if field in ("initial_budget", "adjusted_budget", "adjustment") and None not in (
            b.initial_budget, b.adjusted_budget, b.adjustment):
        if _money_gap(b.adjusted_budget, [b.initial_budget, b.adjustment]):
            return "年初预算 + 调整 = 调整后预算"
    if field in ("actual", "adjusted_budget", "completion_rate") and None not in (
            b.actual, b.adjusted_budget, b.completion_rate) and b.adjusted_budget > 0:
        computed = Interval.stated(b.actual) / Interval.stated(b.adjusted_budget) * Interval.exact(Decimal(100))
        if Interval.stated(b.completion_rate).gap_to(computed) > _RATE_SLIP:
            return "执行率 = 实际支出 ÷ 调整后预算"
    return None


def _money_gap(stated: Decimal, terms: list[Decimal]) -> bool:
    """Is `stated` apart from the sum of `terms` beyond rounding and a slip?"""
    total = Interval.stated(terms[0])
    for t in terms[1:]:
        total = total + Interval.stated(t)
    return Interval.stated(stated).gap_to(total) > abs(stated) * _MONEY_SLIP
