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
    # bands or grades of something else: the national ones
    ("满意度测评85分以上为优秀，70分以上为良好。", "fail"),
    ("2022年度评分办法规定85分以上为优，70分以上为良。", "fail"),
    ("两个项目分别评为优（96分）、良（84分）。", "fail"),
    ("全县优（85分以上）3个、良（70分以上）10个。", "fail"),
])
def test_the_rating_is_judged_by_the_bands_the_report_states(tmp_path, sentence, status):
    rec, c = _check(tmp_path, "全年实际支出1,000.00万元。\n三、自评结论\n经自评，本部门整体支出绩效自评得分86分，评价等级为优。"
                    + sentence + "\n", "rating.matches_score")
    assert c.status == status, c.message
    if "评分标准" in sentence or "得分85分" in sentence:  # (the unit's own bands: quoted as the check's basis)
        assert rec.bands_sentence in rec.text and "bands" not in rec.evidence and ("报告所列评分档次" in c.message or status == "ok")
    else:
        assert not rec.bands


@pytest.mark.parametrize("third, status", [
    ("其他支出（对个人和家庭的补助）100.00万元", "ok"),  # a third part: the three add up
    ("对下转移支付支出100.00万元", "ok"),
    ("其他支出50.00万元", "fail"),  # a third part, the gap left: the report's
    ("其他支出0.00万元", "fail"),
    ("", "fail"),  # no third part: the gap is the report's
])
def test_basic_and_projects_beside_a_third_part_of_the_spending(tmp_path, third, status):
    tail = f"，{third}" if third else ""
    _, c = _check(tmp_path, f"2023年部门整体实际支出1,000.00万元，其中：基本支出600.00万元，项目支出300.00万元{tail}。\n",
                  "overall.parts_sum")
    assert c.status == status, c.message
    assert ("连同报告另列的" in c.message) is (status == "ok")


@pytest.mark.parametrize("parts", ["基本支出600.00万元（其中其他支出100.00万元），项目支出300.00万元",
                                   "基本支出600.00万元，项目支出300.00万元，主要为设备购置200.00万元、其他支出100.00万元"])
def test_a_part_of_a_part_is_no_third_part(tmp_path, parts):
    _, c = _check(tmp_path, f"2023年部门整体实际支出1,000.00万元，其中：{parts}。\n", "overall.parts_sum")
    assert c.status == "fail", c.message


def test_a_grade_below_a_score_is_a_band_from_nothing(tmp_path):
    _, c = _check(tmp_path, "全年实际支出1,000.00万元。\n三、自评结论\n经自评，本部门整体支出绩效自评得分65分，评价等级为差。"
                  "评分规则：90分以上为优，70-89分为良，70分以下为差。\n", "rating.matches_score")
    assert c.status == "ok", c.message


@pytest.mark.parametrize("said, status", [("指标表得分98分，因审计发现问题扣2分。", "ok"), ("", "fail"),
                                          ("指标表得分98分，因审计发现问题扣1分。", "fail")])
def test_points_taken_off_beside_the_table(tmp_path, said, status):
    table = ("一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n产出指标\t数量指标\t巡查次数\t≥120次\t126次\t60\t60\n"
             "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t93%\t40\t38\n")
    _, c = _check(tmp_path, f"全年实际支出588.00万元。\n三、绩效指标完成情况\n{table}四、自评结论\n"
                  f"经自评，本部门整体支出绩效自评得分96分，评价等级为优。{said}\n", "indicators.score_total")
    assert c.status == status, c.message


def test_a_figure_read_and_set_aside_is_not_said_to_be_unstated(tmp_path):
    """A rate that breaks 实际支出 ÷ 调整后预算 with figures read from their context only: one of them is set
    aside (the reading warns which); the check says so, not "报告未写明"."""
    rec, c = _check(tmp_path, "2023年调整后预算800.00万元，实际支出720.00万元，预算执行率95.00%。\n",
                    "overall.completion_rate")
    assert rec.overall.adjusted_budget is None and "overall.adjusted_budget" in rec.withheld
    assert c.status == "skip" and "未写明" not in c.message and "读到的整体调整后预算未采用" in c.message


def test_the_budget_execution_items_points_stated_in_a_sentence_count_with_the_tables(tmp_path):
    """A form worth 90 points, the budget-execution item's 10 stated in a sentence beside it: 100 in all."""
    table = ("一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n产出指标\t数量指标\t巡查次数\t≥120次\t126次\t50\t50\n"
             "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t93%\t40\t38\n")
    rec, c = _check(tmp_path, "2023年调整后预算600.00万元，实际支出588.00万元，预算执行率98.00%。预算执行率指标分值10分，得分10分。\n"
                    f"三、绩效指标完成情况\n{table}四、自评结论\n经自评，本部门整体支出绩效自评得分98分，评价等级为优。\n",
                    "indicators.weights_total")
    assert (rec.budget_execution.weight, rec.budget_execution.score) == (D(10), D(10))
    assert c.status == "ok", c.message
    assert next(c for c in rec.checks if c.id == "indicators.score_total").status == "ok"


_BANDS_ROWS = [["评价等级", "优", "良", "中", "差"], ["得分区间", "85分（含）以上", "75（含）-85分", "60（含）-75分", "60分以下"]]
_BANDS_COLUMNS = [["等级", "分值范围"], ["优", "85≤得分≤100"], ["良", "75≤得分＜85"], ["中", "60≤得分＜75"], ["差", "得分＜60"]]


@pytest.mark.parametrize("grid", [_BANDS_ROWS, _BANDS_COLUMNS], ids=["grades-in-a-row", "a-grade-a-row"])
@pytest.mark.parametrize("layout", ["pipes", "tabs", "docx"])
def test_the_bands_stated_in_a_table(tmp_path, grid, layout):
    """The report's own bands in a table (its 优 from 85): 86 is 优; a title of a survey's bands above it: the national."""
    from fixtures_files import write_docx
    lines = ["示例松风县档案局2023年度部门整体支出绩效自评报告", "一、部门基本情况", "全年实际支出1,000.00万元。",
             "二、评价等级标准"]
    end = ["三、自评结论", "经自评，本部门整体支出绩效自评得分86分，评价等级为优。"]
    if layout == "docx":
        path = write_docx(tmp_path / "r.docx", blocks=lines + [grid] + end)
    else:
        rows = ["| " + " | ".join(r) + " |" if layout == "pipes" else "\t".join(r) for r in grid]
        path = tmp_path / "r.txt"
        path.write_text("\n".join(lines + rows + end) + "\n", encoding="utf-8")
    rec = read_record(path)
    c = next(c for c in rec.checks if c.id == "rating.matches_score")
    assert rec.bands == {"优": D(85), "良": D(75), "中": D(60), "差": D(0)}
    assert c.status == "ok", c.message
    assert all(cell in rec.bands_sentence for cell in grid[1][1:] + [r[1] for r in grid[2:]])


def test_a_table_of_a_surveys_bands_is_not_the_scores(tmp_path):
    rows = ["\t".join(r) for r in _BANDS_ROWS]
    _, c = _check(tmp_path, "全年实际支出1,000.00万元。\n（二）群众满意度测评等级\n" + "\n".join(rows)
                  + "\n三、自评结论\n经自评，本部门整体支出绩效自评得分86分，评价等级为优。\n", "rating.matches_score")
    assert c.status == "fail", c.message
