"""The national form's split of its 年度资金总额 by nature (understand/nature_split.py): read as the parts' budgets only
when the parts add up to the unit's budget and not to its spending. Our own units and figures."""
from decimal import Decimal as D

import pytest

from perflib.pipeline import read_record

# The form flattened one cell per line, blank lines between, as a county's 自评表 page gives it.
FORM = """部门整体支出绩效自评表
（2022年度）

单位名称

岭南县林业局

年度预算申请（万元）

年初预算数

全年预算数

全年执行数

分值

执行率

得分

年度资金总额

{initial}

{adjusted}

{actual}

10

{rate}

10

按收入性质分：

按支出性质分：

其中：一般公共预算：{initial}万元

其中：基本支出：{basic}

政府性基金拨款：

项目支出：{projects}

其他资金：

年度总体目标
"""


def read(tmp_path, **figures):
    path = tmp_path / "form.txt"
    path.write_text(FORM.format(**figures), encoding="utf-8")
    return read_record(path)


def test_parts_adding_up_to_the_budget_are_the_parts_budgets(tmp_path):
    rec = read(tmp_path, initial="3120.40", adjusted="3200.00", actual="2890.15", rate="90.32%",
               basic="1204.40万元", projects="1916.00万元")
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("3120.40"), D("2890.15"))
    assert (rec.basic.initial_budget, rec.projects.initial_budget) == (D("1204.40"), D("1916.00"))
    assert rec.evidence["basic.initial_budget"] == "按支出性质分 · 基本支出：1204.40万元"
    assert rec.basic.actual is None and rec.projects.actual is None
    assert not any(u.amount in (D("1204.40"), D("1916.00")) for u in rec.unread)


def test_parts_adding_up_to_the_adjusted_budget_only_are_adjusted_budgets(tmp_path):
    rec = read(tmp_path, initial="3000.00", adjusted="3120.40", actual="2890.15", rate="92.62%",
               basic="1204.40", projects="1916.00")
    assert (rec.basic.adjusted_budget, rec.projects.adjusted_budget) == (D("1204.40"), D("1916.00"))
    assert rec.basic.initial_budget is None and rec.projects.initial_budget is None


@pytest.mark.parametrize("adjusted, actual, basic", [
    ("3200.00", "3120.40", "1204.40"),  # the sum is the budget and the spending too: which column, unsaid
    ("3120.40", "2890.15", "1204.40"),  # the sum is both budgets, 年初 and 全年: which, unsaid
    ("3200.00", "2890.15", "1104.40"),  # the sum is none of the unit's figures
])
def test_parts_of_an_unsaid_column_are_not_read(tmp_path, adjusted, actual, basic):
    rec = read(tmp_path, initial="3120.40", adjusted=adjusted, actual=actual, rate="92.62%",
               basic=basic, projects="1916.00")
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("3120.40"), D(actual))
    assert all(getattr(rec.block(b), f) is None for b in ("basic", "projects")
               for f in ("initial_budget", "adjusted_budget", "actual"))


def test_a_form_squashed_on_one_line(tmp_path):
    path = tmp_path / "squashed.txt"
    path.write_text("1、部门整体支出绩效自评表(2022年度)单位名称岭南县疾控中心年度预算申请(万元)年初预算数全年预算数全年执行数"
                    "分值执行率得分年度资金总额3120.403200.002890.151090.32%10按收入性质分:按支出性质分:其中:一般公共预算:"
                    "3120.40其中:基本支出:1204.4政府性基金拨款:项目支出:1916纳入专户管理的非税收入拨款:其他资金:年度总体目标\n",
                    encoding="utf-8")
    rec = read_record(path)
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("3120.40"), D("2890.15"))
    assert (rec.basic.initial_budget, rec.projects.initial_budget) == (D("1204.4"), D("1916"))


def test_parts_of_the_spending_are_not_read_as_budgets(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("岭南县水务局2022年度部门整体支出绩效自评报告\n二、部门预算执行情况\n"
                    "2022年全年预算500.00万元。全年支出决算按支出性质分：基本支出：320.00万元，项目支出：180.00万元。\n",
                    encoding="utf-8")
    rec = read_record(path)
    assert rec.overall.adjusted_budget == D("500.00")
    assert rec.basic.adjusted_budget is None and rec.projects.adjusted_budget is None
