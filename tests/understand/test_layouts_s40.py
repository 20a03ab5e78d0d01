"""Layouts a review left misread: the office's own figures (局机关本级) before the unit's, and sections on key or
livelihood spending (重点支出, 民生支出). Our own words and figures."""
from decimal import Decimal as D

import pytest

from perflib.pipeline import read_record


def read(tmp_path, text: str):
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    return read_record(path)


BUREAU = "示例市岭北县交通运输局2022年度部门整体支出绩效自评报告\n一、部门整体支出情况\n"
OFFICE = "2022年局机关本级年初预算520.00万元，全年预算610.00万元，实际支出598.00万元。"


@pytest.mark.parametrize("unit", ["2022年我局", "本部门", "2022年岭北县交通运输局", "全局"])
@pytest.mark.parametrize("between", ["", "\n"])
def test_the_units_figures_after_its_offices_are_the_whole(tmp_path, unit, between):
    rec = read(tmp_path, BUREAU + OFFICE + between
               + f"{unit}年初预算1,850.00万元，全年预算2,120.00万元，实际支出2,050.40万元，预算执行率96.72%。\n")
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget) == (D("1850.00"), D("2120.00"))
    assert rec.overall.actual == D("2050.40")
    assert rec.overall.completion_rate == D("96.72")


def test_the_offices_figure_the_unit_does_not_restate_is_no_whole(tmp_path):
    # (the whole states no 年初预算: the office's 520.00 is its own, one part of the bureau)
    rec = read(tmp_path, BUREAU + OFFICE + "\n我局全年预算2,120.00万元，实际支出2,050.40万元，预算执行率96.72%。\n")
    assert rec.overall.initial_budget is None
    assert (rec.overall.adjusted_budget, rec.overall.actual) == (D("2120.00"), D("2050.40"))


def test_the_offices_figures_beside_a_unit_under_it_are_no_whole(tmp_path):
    rec = read(tmp_path, BUREAU + OFFICE + "我局下属公路养护中心年初预算900.00万元，实际支出880.00万元。\n")
    assert (rec.overall.initial_budget, rec.overall.actual) == (None, None)


def test_the_offices_figures_alone_stay_the_units(tmp_path):
    # (all the page states: the bureau may have no units but its office; not judged)
    rec = read(tmp_path, BUREAU + OFFICE + "我局“三公”经费年初预算12.00万元，实际支出10.00万元。\n")
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("520.00"), D("598.00"))


def test_a_smaller_figure_of_the_unit_after_its_offices_is_not_the_whole(tmp_path):
    # (the unit's one project, smaller than the office's total: no whole's figure to take its place)
    rec = read(tmp_path, BUREAU + OFFICE + "我局公路安全生命防护工程全年预算300.00万元。\n")
    assert rec.overall.adjusted_budget == D("610.00")


BUREAU_OF_AFFAIRS = "示例市青川区民政局2022年度部门整体支出绩效自评报告\n"
WHOLE = "2022年度我局年初预算3,200.00万元，实际支出3,480.00万元。\n"
ITEM = "城乡低保资金年初预算1,200.00万元，实际支出1,180.00万元，执行率98.33%。\n"


@pytest.mark.parametrize("heading", ["一、重点支出情况", "（一）重点支出情况", "一、民生支出情况", "（三）重点领域支出",
                                     "一、民生保障支出情况"])
def test_a_key_spending_sections_items_are_not_the_units(tmp_path, heading):
    rec = read(tmp_path, BUREAU_OF_AFFAIRS + f"{heading}\n" + ITEM + "二、部门整体支出情况\n" + WHOLE)
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("3200.00"), D("3480.00"))
    assert rec.overall.completion_rate is None


@pytest.mark.parametrize("words", ["民生支出", "民生类支出", "民生资金"])
def test_livelihood_spending_is_one_class_not_the_unit(tmp_path, words):
    rec = read(tmp_path, BUREAU_OF_AFFAIRS + "一、部门整体支出情况\n"
               f"2022年度{words}年初预算2,400.00万元，实际支出2,380.00万元，执行率99.17%。" + WHOLE)
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("3200.00"), D("3480.00"))
    assert rec.overall.completion_rate is None


def test_livelihood_named_in_passing_leaves_the_units_figures(tmp_path):
    rec = read(tmp_path, BUREAU_OF_AFFAIRS + "一、部门整体支出情况\n"
               "2022年，围绕保障和改善民生，我局全年预算3,560.00万元，实际支出3,480.00万元，执行率97.75%。\n")
    assert (rec.overall.adjusted_budget, rec.overall.actual) == (D("3560.00"), D("3480.00"))
    assert rec.overall.completion_rate == D("97.75")


def test_the_units_own_heading_over_its_spending_is_still_the_units(tmp_path):
    rec = read(tmp_path, BUREAU_OF_AFFAIRS + "一、部门整体支出情况\n" + WHOLE + "二、项目支出情况\n"
               "项目支出年初预算2,000.00万元，实际支出2,100.00万元。\n")
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("3200.00"), D("3480.00"))
    assert (rec.projects.initial_budget, rec.projects.actual) == (D("2000.00"), D("2100.00"))
