"""The indicator and rating checks on crafted records: ok, warn, fail, skip and rounding edges."""
from decimal import Decimal as D

import pytest

from perflib.check.rules import run_checks
from perflib.model import Indicator, Record, Source


def _rec(rows, score=None, rating=None, execution=None) -> Record:
    rec = Record(source=Source("x.txt", "txt", "utf-8", "0" * 64))
    rec.indicators = [Indicator(name=f"指标{i}", target=t, actual=a, weight=None if w is None else D(w),
                                score=None if s is None else D(s), met=m, reason=r)
                      for i, (t, a, w, s, m, r) in enumerate(rows, start=1)]
    rec.score = None if score is None else D(score)
    rec.rating = rating
    if execution:
        rec.budget_execution = Indicator(name="预算执行率", weight=D(execution[0]), score=D(execution[1]))
    return rec


def _checks(rec, cid):
    return [c for c in run_checks(rec) if c.id == cid]


def _status(rec, cid):
    found = _checks(rec, cid)
    assert len(found) == 1, found
    return found[0].status


MET = ("≥1", "2", None, None, True, None)


def row(w, s, met=True, reason=None):
    return ("≥1", "2" if met else "0", w, s, met, reason)


# --- score within weight ---------------------------------------------------------------
def test_score_within_weight_ok_and_fail_per_indicator():
    assert _status(_rec([row("10", "10"), row("20", "18")]), "indicators.score_within_weight") == "ok"
    found = _checks(_rec([row("10", "12"), row("20", "21"), row("5", "5")]), "indicators.score_within_weight")
    assert [c.status for c in found] == ["fail", "fail"]
    assert "指标1" in found[0].message and "指标2" in found[1].message


def test_score_within_weight_rounding_edge():
    # 3.333 written for a third of 10: a 3.33 weight is only known to ±0.005
    assert _status(_rec([row("3.33", "3.333")]), "indicators.score_within_weight") == "ok"
    assert _status(_rec([row("3.33", "3.4")]), "indicators.score_within_weight") == "warn"


def test_score_within_weight_skip_and_absent():
    assert _status(_rec([row(None, None)]), "indicators.score_within_weight") == "skip"
    assert _checks(_rec([]), "indicators.score_within_weight") == []


# --- weights total ---------------------------------------------------------------------
def test_weights_total():
    assert _status(_rec([row("40", "40"), row("60", "50")]), "indicators.weights_total") == "ok"
    assert _status(_rec([row("40", "40"), row("50", "50")]), "indicators.weights_total") == "fail"
    # the budget-execution row scored by the form completes the 100 points
    assert _status(_rec([row("40", "40"), row("50", "50")], execution=("10", "9")), "indicators.weights_total") == "ok"
    # three weights of 33.33 are a rounded third each: 99.99 is 100 within rounding
    assert _status(_rec([row("33.33", "1")] * 3), "indicators.weights_total") == "ok"
    assert _status(_rec([row("33.3", "1")] * 3), "indicators.weights_total") == "warn"
    assert _status(_rec([row("40", "40"), row(None, "50")]), "indicators.weights_total") == "skip"


# --- score total -----------------------------------------------------------------------
def test_score_total_exact_and_off():
    rows = [row("50", "45"), row("50", "42.5")]
    assert _status(_rec(rows, score="87.5"), "indicators.score_total") == "ok"
    assert _status(_rec(rows, score="87.6"), "indicators.score_total") == "warn"
    assert _status(_rec(rows, score="89"), "indicators.score_total") == "fail"


def test_score_total_rounding_aware():
    # parts with two decimals may be summed and rounded: 9.67 + 8.33 + 70 = 88.00, written 88
    rows = [row("10", "9.67"), row("10", "8.33"), row("80", "70")]
    assert _status(_rec(rows, score="88"), "indicators.score_total") == "ok"
    # 45 + 42.5 = 87.5 may be written 88; 45 + 42 = 87 may not: the parts carry no finer digit than the total
    assert _status(_rec([row("50", "45"), row("50", "42.5")], score="88"), "indicators.score_total") == "ok"
    assert _status(_rec([row("50", "45"), row("50", "42")], score="88"), "indicators.score_total") == "fail"
    # 44.67 + 42.67 = 87.34 (each part ±0.005): 87.3 and 87.4 are rounding; 87.5 a small slip, 87.9 not
    rows = [row("50", "44.67"), row("50", "42.67")]
    assert _status(_rec(rows, score="87.3"), "indicators.score_total") == "ok"
    assert _status(_rec(rows, score="87.4"), "indicators.score_total") == "ok"
    assert _status(_rec(rows, score="87.5"), "indicators.score_total") == "warn"
    assert _status(_rec(rows, score="87.9"), "indicators.score_total") == "fail"


def test_score_total_counts_budget_execution_and_skips():
    rows = [row("45", "40"), row("45", "44")]
    assert _status(_rec(rows, score="93", execution=("10", "9")), "indicators.score_total") == "ok"
    assert _status(_rec([row("45", "40"), row("45", None)], score="84"), "indicators.score_total") == "skip"
    assert _checks(_rec(rows), "indicators.score_total") == []  # no stated total: nothing to compare


# --- rating against score --------------------------------------------------------------
@pytest.mark.parametrize("rating,score,status", [
    ("优", "95", "ok"), ("优", "90", "ok"), ("良", "89.9", "ok"), ("良", "80", "ok"),
    ("中", "79.5", "ok"), ("中", "60", "ok"), ("差", "59", "ok"),
    ("优", "89.95", "warn"),     # 0.05 below the band
    ("优", "85", "fail"),        # a rating above its score band
    ("良", "90", "warn"),        # on the edge: 90 is 优
    ("良", "95", "fail"),
    ("差", "75", "fail"),
    ("优", "89.996", "warn"),    # three decimals: at most 89.9965, still short of 90
])
def test_rating_matches_score(rating, score, status):
    rec = _rec([], score=score, rating=rating)
    c = _checks(rec, "rating.matches_score")
    assert [x.status for x in c] == [status]
    if status == "fail" and rating == "优":
        assert "高于" in c[0].message and "财预〔2020〕10号" in c[0].message


def test_rating_without_score_is_skip_and_without_rating_absent():
    assert _status(_rec([], rating="良"), "rating.matches_score") == "skip"
    assert _checks(_rec([], score="88"), "rating.matches_score") == []


# --- unmet indicators ------------------------------------------------------------------
def test_unmet_full_score_warns_per_indicator():
    rows = [row("10", "10", met=False), row("10", "8", met=False, reason="原因"), row("10", "10"),
            row("10", "10", met=False, reason="原因")]
    found = _checks(_rec(rows), "indicators.unmet_full_score")
    assert [c.status for c in found] == ["warn", "warn"]
    assert "指标1" in found[0].message and "指标4" in found[1].message


def test_unmet_full_score_ok_and_undecided_not_counted():
    rows = [row("10", "9", met=False, reason="原因"), ("x", "y", "10", "10", None, None)]
    assert _status(_rec(rows), "indicators.unmet_full_score") == "ok"
    # a rounded score within half a unit of the weight is the full score
    assert _status(_rec([row("3.33", "3.333", met=False)]), "indicators.unmet_full_score") == "warn"


def test_unmet_reason():
    rows = [row("10", "8", met=False), row("10", "8", met=False, reason="受天气影响延期"), row("10", "10")]
    found = _checks(_rec(rows), "indicators.unmet_reason")
    assert [c.status for c in found] == ["warn"] and "指标1" in found[0].message
    assert _status(_rec([row("10", "10")]), "indicators.unmet_reason") == "ok"
    assert _checks(_rec([]), "indicators.unmet_reason") == []


def test_every_new_rule_explains_itself():
    from perflib.check.rules import rule_explanation
    for cid in ("indicators.score_within_weight", "indicators.weights_total", "indicators.score_total",
                "rating.matches_score", "indicators.unmet_full_score", "indicators.unmet_reason"):
        assert len(rule_explanation(cid)) > 20
