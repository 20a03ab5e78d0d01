"""Layouts a review left misread: a project's form whose short rows the layout left as lines (its 自评等级 read as the
unit's rating). Our own words and figures."""
from decimal import Decimal as D

import pytest

from understand.helpers_understand import read_report as read


WATER = ("云屏县水利局2023年度部门整体支出绩效自评报告\n\n一、部门整体支出情况\n"
         "2023年我局年初预算820.00万元，调整后预算900.00万元，实际支出880.00万元，预算执行率97.78%。\n\n")
PROJECT_FORM = ("附件2：\n农村饮水安全维修项目支出绩效自评表\n项目名称\t农村饮水安全维修项目\n"
                "主管部门\t云屏县水利局\t实施单位\t云屏县水利局\n"
                "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
                "年度资金总额\t120.00\t120.00\t110.00\t10\t91.67%\t9.2\n"
                "总分\t\t\t\t100\t\t85.5\n")


@pytest.mark.parametrize("grade_row", ["自评等级\t良", "评价等级：良", "自评等级 | 良"])
def test_a_projects_forms_grade_left_as_a_line_is_not_the_units(tmp_path, grade_row):
    rec = read(tmp_path, WATER + PROJECT_FORM + grade_row + "\n")
    assert rec.overall.actual == D("880.00")
    assert (rec.rating, rec.score) == (None, None)


def test_the_units_grade_in_its_text_stays_beside_a_projects_form(tmp_path):
    rec = read(tmp_path, WATER + "二、自评结论\n我局2023年度部门整体支出绩效自评得分92分，等级为优。\n\n"
               + PROJECT_FORM + "自评等级\t良\n")
    assert (rec.rating, rec.score) == ("优", D("92"))


def test_the_units_form_after_a_projects_keeps_its_grade(tmp_path):
    # (the unit's own form right after the project's: its title ends the project's rows)
    unit_form = ("部门整体支出绩效自评表\n部门名称\t云屏县水利局\n"
                 "项目\t年初预算数\t全年预算数\t全年执行数\t执行率\n"
                 "年度资金总额\t820.00\t900.00\t880.00\t97.78%\n自评等级\t优\n")
    rec = read(tmp_path, WATER + PROJECT_FORM + "自评等级\t良\n" + unit_form)
    assert rec.rating == "优"


AFFAIRS = "云屏县民政局2023年度部门整体支出绩效自评报告\n"
KEY_TABLE = ("城乡低保 | 800.00 | 850.00 | 840.00\n特困供养 | 300.00 | 320.00 | 318.00\n"
             "合计 | 1,100.00 | 1,170.00 | 1,158.00\n")


@pytest.mark.parametrize("heading", ["二、重点支出情况", "（二）重点项目支出情况", "三、民生支出情况"])
@pytest.mark.parametrize("unit_line", ["单位：万元\n", "（单位：万元）\n", ""])
def test_a_table_of_key_spending_gives_the_whole_nothing(tmp_path, heading, unit_line):
    rec = read(tmp_path, AFFAIRS + f"{heading}\n{unit_line}项目 | 年初预算 | 全年预算 | 实际支出\n" + KEY_TABLE
               + "四、部门整体支出情况\n2023年我局实际支出2,600.00万元，预算执行率98.11%。\n")
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget) == (None, None)
    assert (rec.overall.actual, rec.overall.completion_rate) == (D("2600.00"), D("98.11"))
    assert rec.projects.actual is None


def test_a_table_of_the_blocks_under_a_key_heading_is_still_read(tmp_path):
    rec = read(tmp_path, AFFAIRS + "二、重点支出情况\n单位：万元\n项目 | 年初预算 | 实际支出\n"
               "基本支出 | 1,300.00 | 1,280.00\n项目支出 | 1,100.00 | 1,320.00\n合计 | 2,400.00 | 2,600.00\n")
    assert (rec.basic.actual, rec.projects.actual) == (D("1280.00"), D("1320.00"))
