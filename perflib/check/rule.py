"""One check, as a row of rules.toml describes it (the engine: rules.py; indicator kinds: items.py)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Rule:
    id: str
    label: str
    kind: str  # "equal" | "at_most" | "each_at_most" | "each_flag" | "band"
    unit: str  # "money" | "percent" | "points"
    stated: str
    computed: tuple[str, ...]
    formula: tuple[str, ...]
    optional: bool  # leave out (rather than skip) when the stated figure is absent
    optional_stated: bool = False  # leave out only when the stated figure is absent
    when: str = ""  # "indicators": the rule applies only to a record with an indicator table
    explain: str = ""  # what the check means, in plain words (the page shows it)
    # per-item kinds (indicators): which items, what marks one, how a finding reads
    select: str = "all"  # a predicate name (ITEM_SELECT)
    flag: str = ""  # a predicate name (ITEM_FLAG): a flagged item is a finding
    status: str = "fail"  # the status of a finding of an each_flag rule
    ok: str = ""  # message when nothing is found ({n}: items looked at)
    none: str = ""  # message when there was nothing to look at (else `ok` with n = 0)
    item: str = ""  # message of one finding ({name}, {target}, {actual}, {weight}, {score})
    # band rules: the bands a figure falls in and where they come from
    bands: tuple[tuple[str, Decimal | None, Decimal | None], ...] = ()
    source: str = ""
    # further amounts the report states beside the stated figure, in its paragraph, that the formula leaves out
    # (a third part of the spending, "其他支出 100 万元"; points taken off, "扣2分"): a pattern with groups `num`
    # (`unit` for money; `minus` when it is taken off). A check that does not hold is judged again with them.
    also: str = ""
