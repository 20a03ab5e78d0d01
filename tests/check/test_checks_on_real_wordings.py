"""Checks on reports as real pages word them (a survey of 90 openings): no "明显不符" a report's own words
explain, and no "报告未写明" of a figure the report states."""
from decimal import Decimal as D

import pytest

from perflib.pipeline import read_record

_HEAD = "示例松风县档案局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n本局负责全县档案工作。\n二、部门整体支出情况\n"


def _check(tmp_path, body: str, check_id: str):
    path = tmp_path / "r.txt"
    path.write_text(_HEAD + body, encoding="utf-8")
    rec = read_record(path)
    return rec, next((c for c in rec.checks if c.id == check_id), None)


@pytest.mark.parametrize("sentence, status", [
    # the report's own bands rule: 86 is 优 at 85 and above
    ("得分85分（含）以上为优，70（含）至85分为良，60（含）至70分为中，60分以下为差。", "ok"),
    ("根据评分标准，90分以上为优秀，75—89分为良好，60—74分为合格，60分以下为不合格。", "fail"),
    ("", "fail"),  # no bands stated: the national ones (90 for 优)
])
def test_the_rating_is_judged_by_the_bands_the_report_states(tmp_path, sentence, status):
    rec, c = _check(tmp_path, "全年实际支出1,000.00万元。\n三、自评结论\n经自评，本部门整体支出绩效自评得分86分，评价等级为优。"
                    + sentence + "\n", "rating.matches_score")
    assert c.status == status, c.message
    if sentence:
        assert rec.evidence["bands"] in rec.text and ("报告所列评分档次" in c.message or status == "ok")


@pytest.mark.parametrize("third, status", [
    ("其他支出（对个人和家庭的补助）100.00万元", "skip"),  # a third part: the two need not add up
    ("对下转移支付支出100.00万元", "skip"),
    ("", "fail"),  # no third part: the gap is the report's
])
def test_basic_and_projects_beside_a_third_part_of_the_spending(tmp_path, third, status):
    tail = f"，{third}" if third else ""
    _, c = _check(tmp_path, f"2023年部门整体实际支出1,000.00万元，其中：基本支出600.00万元，项目支出300.00万元{tail}。\n",
                  "overall.parts_sum")
    assert c.status == status, c.message


def test_parts_that_add_up_beside_a_third_part_named_are_still_confirmed(tmp_path):
    _, c = _check(tmp_path, "2023年部门整体实际支出900.00万元，其中：基本支出600.00万元，项目支出300.00万元，"
                  "经营支出0.00万元。\n", "overall.parts_sum")
    assert c.status == "ok", c.message


def test_a_figure_read_and_set_aside_is_not_said_to_be_unstated(tmp_path):
    """A rate that breaks 实际支出 ÷ 调整后预算 with figures read from their context only: one of them is set
    aside (the reading warns which); the check says so, not "报告未写明"."""
    rec, c = _check(tmp_path, "2023年调整后预算800.00万元，实际支出720.00万元，预算执行率95.00%。\n",
                    "overall.completion_rate")
    assert rec.overall.adjusted_budget is None and "overall.adjusted_budget" in rec.withheld
    assert c.status == "skip" and "未写明" not in c.message and "读到的整体调整后预算" in c.message and "未采用" in c.message
