"""Derived figures, on the seed and on crafted records."""
from decimal import Decimal as D

import pytest

from perflib.check.metrics import compute, pefa_band
from perflib.model import Block, Record, Source


@pytest.fixture(scope="module")
def seed_metrics(seed_record):
    return compute(seed_record)


def test_seed_metrics(seed_metrics):
    m = seed_metrics
    assert m.value("basic.actual") == D("2762.37")
    assert round(m.value("overall.outturn_vs_initial"), 2) == D("127.73")
    assert round(m.value("tasks.coverage"), 1) == D("85.8")
    assert m.value("tasks.funds_sum") == D("3091.50")
    assert m["overall.pefa_band"].band == "D"
    assert [round(s.of_projects, 2) for s in m.task_shares] == [D("14.56"), D("40.10"), D("28.17"), D("3.00")]
    assert sum(s.of_tasks for s in m.task_shares) == pytest.approx(100)
    # every metric names the stated figures it rests on
    assert set(m["basic.actual"].inputs) == {"overall.actual", "projects.actual"}


@pytest.mark.parametrize("pct, band", [("100", "A"), ("95", "A"), ("105", "A"), ("94.99", "B"), ("110", "B"),
                                       ("89.9", "C"), ("115", "C"), ("115.01", "D"), ("127.73", "D"), ("50", "D")])
def test_pefa_band(pct, band):
    assert pefa_band(D(pct)) == band


def test_stated_basic_spending_is_not_recomputed():
    r = Record(source=Source("x", "txt", None, ""), overall=Block(actual=D("10")), projects=Block(actual=D("6")),
               basic=Block(actual=D("3.5")))
    m = compute(r)
    assert m.value("basic.actual") == D("3.5") and "推算" not in m["basic.actual"].label
