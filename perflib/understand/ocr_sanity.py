"""Figures read by OCR that contradict their neighbours are left unread, not taken.

A scan can be misread where a seal, a fold or a smudge covers a figure (`自评得分92.5分` read
as 2.5). A typed report's own slips are the checks' business; but a figure that OCR read and
that breaks what the report's other figures satisfy is more likely misread than misstated, and
a wrong figure is worse than a missing one. So, once a record is parsed:

- every identity of the checks' rules (rules.toml: basic + projects = overall, adjustment =
  adjusted − initial, rate = adjustment ÷ initial, completion = actual ÷ adjusted, a block
  within the whole) is judged as the checks judge it, rounding included (check/interval.py);
- an equality that holds vouches for its figures (a part within its whole proves little);
  an identity that fails beyond the checks' slip tolerance (their `fail`) is a contradiction;
- the OCR'd figure no holding identity vouches for, found in the most contradictions, is left
  unread (when two explain a contradiction equally, neither is kept), and the judging starts
  again until no contradiction has an OCR'd figure left to blame;
- a score outside 0–100, or more than one band away from the stated rating (a rating one band
  above its score is a common leniency, and the checks' finding) is a contradiction of its own.

A figure left unread leaves its field null, its amount in `unread`, and a warning naming it.
Figures not read by OCR are never dropped here, only used as neighbours.
"""
from __future__ import annotations

from collections import Counter
from decimal import Decimal

from ..check.interval import Interval, evaluate, names_in
from ..check.rules import check, default_rules, rule_by_id
from ..labels import OCR_EVIDENCE
from ..model import MONEY_FIELDS, Record, Unread

_OCR_MARK = OCR_EVIDENCE.split("{")[0]
_BLOCKS = ("overall", "projects", "basic")
_FIGURES = {f"{b}.{f}" for b in _BLOCKS for f in ("initial_budget", "adjusted_budget", "actual", "adjustment",
                                                   "adjustment_rate", "completion_rate")}
_RATING_RULE = "rating.matches_score"


def drop_contradicted_ocr_figures(rec: Record) -> list[str]:
    """Leave unread the OCR'd figures that contradict the others (see the module docstring);
    the names of the figures dropped, in the order they were."""
    ocr = {k for k, quote in rec.evidence.items() if _OCR_MARK in quote and (k in _FIGURES or k == "score")}
    dropped: list[str] = []
    while ocr:
        failed, vouched = _judge(rec)
        suspects = [names & ocr - vouched for _, names in failed]
        counts = Counter(n for s in suspects for n in s)
        if not counts:
            break
        most = max(counts.values())
        blamed = sorted(n for n, c in counts.items() if c == most)
        for name in blamed:
            why = sorted(rule for rule, names in failed if name in names)
            _drop(rec, name, why)
            ocr.discard(name)
            dropped.append(name)
    return dropped


def _judge(rec: Record) -> tuple[list[tuple[str, set[str]]], set[str]]:
    """(failed identities with their figures, figures some holding identity vouches for)."""
    failed: list[tuple[str, set[str]]] = []
    vouched: set[str] = set()
    for rule in default_rules():
        if rule.kind not in ("equal", "at_most"):
            continue
        names = _figures_used(rec, rule)
        if names is None:
            continue
        status = check(rec, rule).status
        if status == "ok" and rule.kind == "equal":  # a part within its whole proves little of either
            vouched |= names
        elif status == "fail":
            failed.append((rule.id, names))
    if rec.score is not None and _score_contradicts_rating(rec):
        failed.append((_RATING_RULE, {"score"}))
    return failed, vouched


def _figures_used(rec: Record, rule) -> set[str] | None:
    """The figures a rule compares (its stated one and those of the first formula it can
    compute, as the checks choose), or None when it cannot be judged from block figures."""
    if rule.stated not in _FIGURES:
        return None
    lookup = lambda n: None if n not in _FIGURES or rec.figure(n) is None else Interval.stated(rec.figure(n))  # noqa: E731
    if lookup(rule.stated) is None:
        return None
    for formula in rule.computed:
        try:
            if evaluate(formula, lookup) is not None:
                return {rule.stated, *names_in(formula)}
        except ZeroDivisionError:
            return None
    return None


def _score_contradicts_rating(rec: Record) -> bool:
    score = Interval.stated(rec.score)
    if score.hi < 0 or score.lo > 100:
        return True
    rule = rule_by_id(_RATING_RULE)
    if rule is None or rec.rating is None:
        return False
    labels = [label for label, _, _ in rule.bands]
    if rec.rating not in labels:
        return False
    fitting = [i for i, (_, lo, below) in enumerate(rule.bands)
               if (lo is None or score.hi >= lo) and (below is None or score.lo < below)]
    stated = labels.index(rec.rating)
    return bool(fitting) and min(abs(i - stated) for i in fitting) > 1


def _drop(rec: Record, name: str, why: list[str]) -> None:
    value = rec.figure(name)
    quote = rec.evidence.pop(name, "")
    if name == "score":
        rec.score = None
    else:
        block, field = name.split(".")
        setattr(rec.block(block), field, None)
        if field in MONEY_FIELDS and value is not None:
            rec.unread.append(Unread(text=quote, amount=value))
    shown = f"{value:f}" if isinstance(value, Decimal) else value
    rec.warnings.append(f"{name} {shown} was read by OCR and contradicts the report's other figures "
                        f"({', '.join(why)}): left unread; check it against the scan")
