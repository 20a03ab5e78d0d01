"""Layouts the last stop left unread, each in our own words and figures."""
from decimal import Decimal as D

import pytest

from understand.helpers_understand import read_report as read

_HEAD = "示例县文化馆2023年度部门整体支出绩效自评报告\n一、部门基本情况\n示例县文化馆是县文旅局所属公益一类事业单位。\n二、预算执行情况\n"


def figures(block) -> tuple:
    return block.initial_budget, block.adjusted_budget, block.actual, block.completion_rate


# --- 支出实际完成额 / 支出实际完成数: the spending, as a column's label and in a sentence ----------------------------
_TABLE_ROWS = [("合计", "612.40", "640.85", "633.10", "98.79%"), ("基本支出", "455.00", "462.35", "462.35", "100.00%"),
               ("项目支出", "157.40", "178.50", "170.75", "95.66%")]


@pytest.mark.parametrize("label", ["支出实际完成额", "支出实际完成数", "全年支出实际完成"])
@pytest.mark.parametrize("one_cell_a_line", [False, True])
def test_a_column_labelled_zhichu_shiji_wancheng_holds_the_spending(tmp_path, label, one_cell_a_line):
    header = ("项目", "年初预算", "全年预算", label, "执行率")
    rows = [header, *_TABLE_ROWS]
    body = "\n".join("\n".join(r) for r in rows) if one_cell_a_line else "\n".join(" | ".join(r) for r in rows)
    rec = read(tmp_path, _HEAD + "单位：万元\n" + body + "\n")
    assert figures(rec.overall) == (D("612.40"), D("640.85"), D("633.10"), D("98.79"))
    assert figures(rec.basic) == (D("455.00"), D("462.35"), D("462.35"), D("100.00"))
    assert figures(rec.projects) == (D("157.40"), D("178.50"), D("170.75"), D("95.66"))


def test_zhichu_shiji_wancheng_e_in_a_sentence_is_the_spending_of_the_block_named(tmp_path):
    text = (_HEAD + "2023年全年预算640.85万元，支出实际完成额633.10万元，执行率98.79%。"
            "其中基本支出实际完成数462.35万元，项目支出实际完成数170.75万元。\n")
    rec = read(tmp_path, text)
    assert (rec.overall.adjusted_budget, rec.overall.actual, rec.overall.completion_rate) == (
        D("640.85"), D("633.10"), D("98.79"))
    assert (rec.basic.actual, rec.projects.actual) == (D("462.35"), D("170.75"))


def test_one_projects_zhichu_shiji_wancheng_e_is_not_the_units(tmp_path):
    text = _HEAD + "2023年全年预算640.85万元。非遗保护传承项目年初预算30.00万元，支出实际完成额28.60万元。\n"
    rec = read(tmp_path, text)
    assert rec.overall.actual is None and rec.projects.actual is None


def test_an_indicators_shiji_wancheng_zhi_is_no_spending(tmp_path):
    # (实际完成值 heads an indicator table's results, 支出实际完成率 a rate: neither is the spending)
    text = (_HEAD + "2023年全年预算640.85万元，支出实际完成率98.79%。\n三、绩效指标完成情况\n"
            "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值\n"
            "产出指标 | 数量指标 | 公益展览场次 | 24场 | 26场\n")
    rec = read(tmp_path, text)
    assert rec.overall.actual is None
    assert rec.overall.completion_rate == D("98.79")


# --- a list item whose text opens with a year (2、2023年…): an item of its own, not the end of the one before --------
@pytest.mark.parametrize("mark", ["2、", "2.", "2．", "2 、"])
@pytest.mark.parametrize("year", ["2023年", "2023年度"])
def test_an_item_opening_with_a_year_is_an_item_of_its_own(tmp_path, mark, year):
    text = (_HEAD + "2023年全年预算640.85万元，实际支出633.10万元，执行率98.79%。\n三、主要工作完成情况\n"
            "1、公共文化服务。全年举办公益展览24场。\n"
            f"{mark}{year}非遗保护工作。完成非遗项目普查30项。\n"
            "3、文艺创作。创作小戏小品6部。\n四、存在的问题\n1、预算编制不够细化。\n")
    rec = read(tmp_path, text)
    assert [t.text[:4] for t in rec.tasks] == ["公共文化", year[:4], "文艺创作"]
    assert "非遗" not in rec.tasks[0].text


@pytest.mark.parametrize("line", ["2、3月份完成非遗项目普查30项。", "2.5万人次参观公益展览。"])
def test_a_number_after_a_mark_that_is_no_year_still_goes_on_the_line_before(tmp_path, line):
    # (a month, a decimal: the line is the end of the item before it, as before)
    text = (_HEAD + "2023年全年预算640.85万元，实际支出633.10万元，执行率98.79%。\n三、主要工作完成情况\n"
            "1、公共文化服务。全年举办公益展览24场，第1、\n" + line + "\n"
            "2、文艺创作。创作小戏小品6部。\n四、存在的问题\n1、预算编制不够细化。\n")
    rec = read(tmp_path, text)
    assert len(rec.tasks) == 2 and line[:3] in rec.tasks[0].text


# --- who: a list's verb is no part of the unit's name; a level's bureau alone (省厅) is no name --------------------------
@pytest.mark.parametrize("units", ["下属3个二级预算单位分别是示例镇人民政府本级、示例镇综合行政执法大队、示例镇便民服务中心。",
                                   "下属二级预算单位分别为示例镇人民政府本级、示例镇便民服务中心。",
                                   "二级预算单位包括示例镇人民政府本级、示例镇便民服务中心。"])
def test_a_lists_verb_before_the_first_unit_is_no_part_of_the_name(tmp_path, units):
    text = ("示例市示例区示例镇人民政府\n2026年部门预算情况说明\n一、部门基本情况\n（一）机构设置。\n示例镇人民政府" + units
            + "\n二、收支预算总体情况\n2026年收入预算总额1,260.00万元，支出预算总额1,260.00万元。\n")
    assert read(tmp_path, text).department == "示例市示例区示例镇人民政府"


def test_a_level_and_a_bureau_word_alone_is_no_unit(tmp_path):
    text = ("省厅顺利完成2023年省级财政支出绩效评价工作\n\n06.12.2024  10:20\n\n"
            "近期，我厅按照省财政管理有关要求，选取水利建设4亿元资金开展2023年省级财政支出绩效评价，"
            "各处室对照预算完成率、支出进度率等指标进行绩效自评打分，形成部门整体支出绩效报告。\n")
    assert read(tmp_path, text).department is None
