"""Prose phrasings added for precision and recall (issue 12): each rule with a text of its own."""
from decimal import Decimal as D

import pytest

from understand.helpers_understand import fields, parse, unread_amounts

TITLE = "某县某镇人民政府2022年度部门整体支出绩效自评报告\n"


# --- a figure that is not the figure: stays null, listed as unread ------------------------------
def test_two_adjustments_in_one_sentence_give_no_net_adjustment():
    rec = parse(TITLE + "二、预算执行情况\n年初预算 800.00 万元，年中追加 60.00 万元、调减 12.50 万元，"
                        "调整后预算 847.50 万元。")
    assert rec.overall.adjustment is None
    assert rec.overall.adjusted_budget == D("847.50")
    assert {D("60.00"), D("12.50")} <= unread_amounts(rec)


def test_an_addition_next_to_a_carry_over_is_no_net_adjustment():
    rec = parse(TITLE + "二、预算执行情况\n年初预算 500.00 万元，上年结转 20.00 万元，年中追加 35.00 万元，"
                        "实际支出 540.00 万元。")
    assert rec.overall.adjustment is None
    assert rec.overall.initial_budget == D("500.00") and rec.overall.actual == D("540.00")
    assert D("35.00") in unread_amounts(rec)


def test_a_single_addition_is_still_the_adjustment():
    rec = parse(TITLE + "二、预算执行情况\n年初预算 500.00 万元，年中追加 35.00 万元，全年预算 535.00 万元。")
    assert rec.overall.adjustment == D("35.00")


def test_a_count_in_an_attachment_list_is_no_project_count():
    rec = parse(TITLE + "附件：1.部门整体支出绩效自评表\n2.项目支出绩效自评表（共 7 个项目）\n"
                        "一、预算执行情况\n部门整体支出实际支出 90.00 万元。")
    assert rec.projects.count is None
    assert rec.overall.actual == D("90.00")


def test_mid_year_progress_is_not_the_completion_rate():
    rec = parse(TITLE + "二、预算执行情况\n全年预算 300.00 万元，截至8月底支出 150.00 万元，执行进度 50.00%；"
                        "全年实际支出 296.00 万元，执行率 98.67%。")
    assert fields(rec.overall) == {"adjusted_budget": D("300.00"), "actual": D("296.00"),
                                   "completion_rate": D("98.67")}
    assert D("150.00") in unread_amounts(rec)


# --- labels ---------------------------------------------------------------------------------------
def test_year_end_spending_and_progress_are_the_years():
    rec = parse(TITLE + "二、预算执行情况\n全年预算 300.00 万元，截至12月31日支出 297.00 万元，预算执行进度 99.00%。")
    assert fields(rec.overall) == {"adjusted_budget": D("300.00"), "actual": D("297.00"),
                                   "completion_rate": D("99.00")}


def test_more_labels():
    rec = parse(TITLE + "二、预算执行情况\n2022年支出合计 402.00 万元，调整预算数 410.00 万元，"
                        "较年初预算减少 15.00 万元。")
    assert fields(rec.overall) == {"adjusted_budget": D("410.00"), "actual": D("402.00"),
                                   "adjustment": D("-15.00")}


def test_bare_spending_after_a_comma():
    rec = parse(TITLE + "二、预算执行情况\n全年预算执行率为 95.00%，全年预算数 200.00 万元，支出 190.00 万元。")
    assert fields(rec.overall) == {"adjusted_budget": D("200.00"), "actual": D("190.00"),
                                   "completion_rate": D("95.00")}


def test_the_whole_bureau_spent():
    rec = parse(TITLE + "二、预算执行情况\n2022年全局支出 120.00 万元（基本支出 80.00 万元、项目支出 40.00 万元）。")
    assert (rec.overall.actual, rec.basic.actual, rec.projects.actual) == (D("120.00"), D("80.00"), D("40.00"))


def test_project_count_written_after_the_word():
    rec = parse(TITLE + "二、项目支出情况\n本年共实施项目 6 个，项目支出实际支出 70.00 万元。")
    assert rec.projects.count == 6


def test_a_rate_given_by_its_formula_takes_the_result():
    rec = parse(TITLE + "二、预算执行情况\n全年预算 400.00 万元，实际支出 390.00 万元。\n"
                        "预算执行率=实际支出/全年预算×100%=390.00/400.00×100%=97.5%。")
    assert rec.overall.completion_rate == D("97.5")


# --- context --------------------------------------------------------------------------------------
def test_list_items_that_start_with_a_label_are_the_units():
    rec = parse(TITLE + "二、预算安排及执行\n（一）年初预算 640.00 万元，主要用于人员工资和日常运转。\n"
                        "（二）年初批复预算支出 640.00 万元，调整后预算 700.00 万元，决算数 690.00 万元。")
    assert fields(rec.overall) == {"initial_budget": D("640.00"), "adjusted_budget": D("700.00"),
                                   "actual": D("690.00")}


def test_a_task_list_item_is_not_the_units():
    rec = parse(TITLE + "二、预算执行情况\n1、农村道路维护工程，实际支出 50.00 万元，完成道路养护 30 公里。")
    assert rec.overall.actual is None
    assert D("50.00") in unread_amounts(rec)


def test_unit_stated_in_the_section_heading():
    rec = parse(TITLE + "一、部门整体支出情况（金额单位：万元）\n年初预算数：300.50；全年预算数：320.00；全年执行数：318.40。")
    assert fields(rec.overall) == {"initial_budget": D("300.50"), "adjusted_budget": D("320.00"),
                                   "actual": D("318.40")}


def test_no_unit_stated_leaves_bare_numbers_unread():
    rec = parse(TITLE + "一、部门整体支出情况\n年初预算数：300.50；全年预算数：320.00。")
    assert not rec.has_budget_figure()


def test_parts_in_the_next_sentence_after_qizhong():
    rec = parse(TITLE + "二、支出结构\n2022年支出总额 500.00 万元。其中基本支出 320.00 万元，占 64%；"
                        "项目支出 180.00 万元，占 36%。")
    assert (rec.overall.actual, rec.basic.actual, rec.projects.actual) == (D("500.00"), D("320.00"), D("180.00"))


def test_block_amounts_that_add_up_to_the_total_are_its_parts():
    rec = parse(TITLE + "二、支出情况\n2022年支出合计 500.00 万元。基本支出 320.00 万元，其中人员经费 300.00 万元；"
                        "项目支出 180.00 万元。")
    assert (rec.overall.actual, rec.basic.actual, rec.projects.actual) == (D("500.00"), D("320.00"), D("180.00"))


def test_block_amounts_that_do_not_add_up_stay_unread():
    rec = parse(TITLE + "二、支出情况\n2022年支出合计 500.00 万元。基本支出 300.00 万元；项目支出 150.00 万元。")
    assert rec.overall.actual == D("500.00")
    assert rec.basic.actual is None and rec.projects.actual is None
    assert {D("300.00"), D("150.00")} <= unread_amounts(rec)


def test_a_formula_with_thousands_separators():
    rec = parse(TITLE + "二、预算执行情况\n全年预算数 1,200.00 万元，执行数 1,180.00 万元。\n"
                        "预算执行率 = 执行数 ÷ 全年预算数 = 1,180.00 ÷ 1,200.00 = 98.33%。")
    assert rec.overall.completion_rate == D("98.33")


def test_the_whole_year_speaks_again_after_a_part_of_it():
    rec = parse(TITLE + "二、预算执行情况\n全年预算 900.00 万元；截至 10 月底执行 600.00 万元，全年执行 880.00 万元，执行率 97.78%。")
    assert fields(rec.overall) == {"adjusted_budget": D("900.00"), "actual": D("880.00"),
                                   "completion_rate": D("97.78")}
    assert D("600.00") in unread_amounts(rec)


def test_actual_compared_with_the_initial_budget_is_no_adjustment():
    rec = parse(TITLE + "二、预算执行情况\n年初预算 500.00 万元，实际支出 480.00 万元，较年初预算减少 20.00 万元。")
    assert rec.overall.adjustment is None
    assert D("20.00") in unread_amounts(rec)


def test_progress_at_a_month_end_is_not_the_years():
    rec = parse(TITLE + "二、预算执行情况\n全年预算 300.00 万元，6月底预算执行进度 45.00%。")
    assert rec.overall.completion_rate is None


def test_a_list_item_naming_one_project_fills_no_block():
    rec = parse(TITLE + "二、预算执行情况\n1、农村道路维护项目：年初预算 50.00 万元，实际支出 48.00 万元。\n"
                        "2、集镇污水管网改造项目，实际支出 60.00 万元。")
    assert rec.projects.is_empty() and rec.overall.is_empty()
    assert unread_amounts(rec) == {D("50.00"), D("48.00"), D("60.00")}


def test_project_block_items_are_still_read():
    rec = parse(TITLE + "二、项目支出情况\n（一）项目支出年初预算 200.00 万元，实际支出 190.00 万元。")
    assert fields(rec.projects) == {"initial_budget": D("200.00"), "actual": D("190.00")}


def test_a_list_item_about_the_project_block_is_no_named_project():
    rec = parse(TITLE + "二、预算执行情况\n（一）部门项目支出年初预算 80.00 万元，实际支出 78.00 万元。\n"
                        "（二）基本支出和项目支出合计 300.00 万元。")
    assert fields(rec.projects) == {"initial_budget": D("80.00"), "actual": D("78.00")}
    assert rec.overall.actual is None and D("300.00") in unread_amounts(rec)  # the sum of two blocks
    assert not [w for w in rec.warnings if "kept the first" in w]


def test_a_projects_physical_progress_is_no_rate():
    rec = parse(TITLE + "二、项目支出情况\n项目支出实际支出 90.00 万元，项目执行进度 80%。")
    assert rec.projects.completion_rate is None


def test_a_rate_after_one_equals_sign():
    rec = parse(TITLE + "二、预算执行情况\n全年预算 400.00 万元，实际支出 390.00 万元，预算执行率＝97.5%。")
    assert rec.overall.completion_rate == D("97.5")


# --- another body's money, one project's money: no block's -------------------------------------
def test_a_superior_units_budget_is_not_the_schools():
    rec = parse("某市实验小学2023年度部门整体支出绩效自评报告\n一、基本情况\n我校由市教育局主管。"
                "市教育局2023年部门年初预算 9,120.40 万元。\n二、预算执行情况\n"
                "我校年初预算 410.00 万元，实际支出 402.50 万元，执行率 98.17%。")
    assert rec.overall.initial_budget == D("410.00") and rec.overall.actual == D("402.50")
    assert D("9120.40") in unread_amounts(rec)


@pytest.mark.parametrize("sentence,amount", [
    ("全市卫生健康系统年初预算 8,800.00 万元，实际支出 8,650.00 万元，执行率 98.30%。", "8650.00"),
    ("全乡2022年财政总收入 900.00 万元，财政总支出 3,400.00 万元。", "3400.00"),
    ("全年全区支出总额 12.4 亿元，教育支出占比 18.5%。", "124000"),
    # a region's fiscal total with no 全县 before it: the county's, not the bureau's
    ("2022年财政总支出 35.6 亿元，其中民生支出 28.4 亿元。", "356000"),
    ("我镇2022年财政总收入 1,200.00 万元，财政总支出 4,100.00 万元，预算执行率 96.5%。", "4100.00"),
    ("政府性基金总支出 9,224.00 万元，其中基金预算支出 7,023.00 万元。", "9224.00"),
])
def test_an_areas_whole_money_is_not_the_units(sentence, amount):
    rec = parse(TITLE + "一、基本情况\n" + sentence + "\n二、预算执行情况\n年初预算 300.00 万元，调整后预算 320.00 万元。")
    assert fields(rec.overall) == {"initial_budget": D("300.00"), "adjusted_budget": D("320.00")}
    assert D(amount) in unread_amounts(rec)


@pytest.mark.parametrize("sentence", ["本部门支出 296.00 万元。", "本部门财政总支出 296.00 万元。"])
def test_the_units_own_spending_is_read(sentence):
    rec = parse(TITLE + "二、预算执行情况\n年初预算 300.00 万元，" + sentence)
    assert fields(rec.overall) == {"initial_budget": D("300.00"), "actual": D("296.00")}


@pytest.mark.parametrize("sentence", [
    "县卫健委2023年下达卫生系统年初预算 5,000.00 万元，其中我院年初预算 300.00 万元，实际支出 296.00 万元。",
    "县卫健委下达全系统年初预算 5,000.00 万元；我院年初预算 300.00 万元，实际支出 296.00 万元。",
    "县卫健委全系统年初预算 5,000.00 万元，我院年初预算 300.00 万元，实际支出 296.00 万元。",
])
def test_a_superior_handing_down_its_systems_budget_is_not_the_unit(sentence):
    rec = parse("某县中医院2023年度部门整体支出绩效自评报告\n二、预算执行情况\n" + sentence)
    assert fields(rec.overall) == {"initial_budget": D("300.00"), "actual": D("296.00")}
    assert D("5000.00") in unread_amounts(rec)


@pytest.mark.parametrize("sentence", [
    "市水利局下达水利系统年初预算 5,000.00 万元，我局年初预算 300.00 万元，实际支出 296.00 万元。",
    "市水利局全系统年初预算 5,000.00 万元，我局年初预算 300.00 万元，实际支出 296.00 万元。",
])
def test_a_superior_of_the_units_own_name_at_another_level_is_not_the_unit(sentence):
    rec = parse("青岭县水利局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n" + sentence)
    assert fields(rec.overall) == {"initial_budget": D("300.00"), "actual": D("296.00")}
    assert D("5000.00") in unread_amounts(rec)


@pytest.mark.parametrize("department,sentence", [
    # a name starting with a level word (市场), a short name after 和 inside the other's name, one after 卫
    ("青岭县市场监督管理局", "市市场监督管理局下达系统年初预算 5,000.00 万元，我局年初预算 300.00 万元，实际支出 296.00 万元。"),
    ("青岭县住房和城乡建设局", "市住房和城乡建设局下达系统年初预算 5,000.00 万元，我局年初预算 300.00 万元，实际支出 296.00 万元。"),
    ("青岭县卫生健康局", "市卫生健康局下达卫健系统年初预算 5,000.00 万元，我局年初预算 300.00 万元，实际支出 296.00 万元。"),
    # a town's government: the county's government before it, then 本镇 speaking
    ("青岭县石桥镇人民政府", "县人民政府下达全县年初预算 5,000.00 万元，本镇年初预算 300.00 万元，实际支出 296.00 万元。"),
])
def test_a_body_at_another_level_holding_the_units_short_name_is_not_the_unit(department, sentence):
    _reads_the_units_own(department, sentence)


def _reads_the_units_own(department: str, sentence: str) -> None:
    rec = parse(department + "2023年度部门整体支出绩效自评报告\n二、预算执行情况\n" + sentence)
    assert fields(rec.overall) == {"initial_budget": D("300.00"), "actual": D("296.00")}


@pytest.mark.parametrize("sentence", [
    "县水利局年初预算 300.00 万元，实际支出 296.00 万元。",  # the unit's own level
    "水利局年初预算 300.00 万元，实际支出 296.00 万元。",
])
def test_the_units_short_name_at_its_own_level_is_the_unit(sentence):
    _reads_the_units_own("青岭县水利局", sentence)


@pytest.mark.parametrize("department,sentence", [
    ("青岭县市场监督管理局", "市场监督管理局年初预算 300.00 万元，实际支出 296.00 万元。"),
    ("青岭县市场监督管理局", "县市场监督管理局年初预算 300.00 万元，实际支出 296.00 万元。"),
    ("青岭县住房和城乡建设局", "县住房和城乡建设局年初预算 300.00 万元，实际支出 296.00 万元。"),
    ("青岭县石桥镇人民政府", "本镇年初预算 300.00 万元，实际支出 296.00 万元。"),
])
def test_the_units_own_name_starting_with_a_level_word_is_the_unit(department, sentence):
    _reads_the_units_own(department, sentence)


def test_a_superior_handing_down_the_units_own_budget_is_the_units():
    rec = parse("某县中医院2023年度部门整体支出绩效自评报告\n二、预算执行情况\n"
                "县卫生健康局下达我院年初预算 300.00 万元，实际支出 296.00 万元。")
    assert fields(rec.overall) == {"initial_budget": D("300.00"), "actual": D("296.00")}


@pytest.mark.parametrize("sentence,want", [
    ("局机关本级年初预算 300.00 万元，实际支出 296.00 万元；全系统年初预算 1,300.00 万元，实际支出 1,280.00 万元。",
     {"initial_budget": D("1300.00"), "actual": D("1280.00")}),
    ("全局年初预算 1,300.00 万元，其中机关本级年初预算 300.00 万元，实际支出 296.00 万元。", {"initial_budget": D("1300.00")}),
    ("本部门（含局机关及下属6个单位）年初预算 1,300.00 万元，其中局机关年初预算 300.00 万元，实际支出 296.00 万元。",
     {"initial_budget": D("1300.00")}),
    # a part alone in its sentence: all the unit states there, not judged
    ("局机关年初预算 300.00 万元，实际支出 296.00 万元。", {"initial_budget": D("300.00"), "actual": D("296.00")}),
    # beside a unit under the department: both shares of the whole
    ("局机关年初预算 300.00 万元，实际支出 296.00 万元；下属水文站年初预算 80.00 万元，实际支出 78.00 万元。", {}),
])
def test_a_part_of_the_department_beside_its_whole_is_not_the_whole(sentence, want):
    rec = parse("某县水利局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n" + sentence)
    assert fields(rec.overall) == want


@pytest.mark.parametrize("share,block", [("其中局机关基本支出实际支出", "basic"), ("其中：机关本级项目支出实际支出", "projects"),
                                         ("其中局机关实际支出", "overall")])
def test_a_part_of_the_department_after_qizhong_is_a_share(share, block):
    rec = parse("某县水利局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n"
                f"年初预算 300.00 万元，调整后预算 320.00 万元。\n{share} 150.00 万元。")
    assert fields(rec.overall) == {"initial_budget": D("300.00"), "adjusted_budget": D("320.00")}
    assert rec.basic.is_empty() and rec.projects.is_empty()


@pytest.mark.parametrize("heading", ["（一）基本支出情况", "（二）项目支出情况"])
def test_a_part_of_the_department_beside_a_unit_under_it_in_a_blocks_section_is_no_blocks(heading):
    rec = parse("某县民政局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n年初预算 300.00 万元，实际支出 315.00 万元。\n"
                f"{heading}\n局机关年初预算 150.00 万元，实际支出 148.00 万元；下属救助站年初预算 50.00 万元，实际支出 60.00 万元。")
    assert fields(rec.overall) == {"initial_budget": D("300.00"), "actual": D("315.00")}
    assert rec.basic.is_empty() and rec.projects.is_empty()


def test_the_town_speaking_after_the_county_states_its_own():
    rec = parse(TITLE + "二、预算执行情况\n全县各乡镇年初预算合计 2.86 亿元，我镇年初预算 300.00 万元，实际支出 296.00 万元。")
    assert fields(rec.overall) == {"initial_budget": D("300.00"), "actual": D("296.00")}


def test_the_unit_speaking_after_an_area_states_its_own():
    rec = parse("某县第三中学2022年度部门整体支出绩效自评报告\n二、预算执行情况\n根据全县统一部署，年初预算 300.00 万元；"
                "全县教育支出 5.2 亿元，我校实际支出 296.00 万元。")
    assert fields(rec.overall) == {"initial_budget": D("300.00"), "actual": D("296.00")}
    assert D("52000") in unread_amounts(rec)


@pytest.mark.parametrize("body", [
    "全年预算 640.00 万元，实际支出 630.00 万元。\n其中：农村饮水安全项目全年预算 85.00 万元，实际支出 80.00 万元，执行率 94.12%。",
    "全年预算 640.00 万元，实际支出 630.00 万元。\n2022年共实施项目12个，其中“美丽乡村示范点建设”项目年初预算 85.00 万元，"
    "实际支出 80.00 万元，执行率 94.12%。",
    "全年预算 640.00 万元，实际支出 630.00 万元。\n（二）项目支出：道路养护资金项目全年预算 85.00 万元，实际支出 80.00 万元，"
    "执行率 94.12%。",
    # a clause that is one project's name, then its money as 项目资金 (h3-b1_15)
    "全年预算 640.00 万元，实际支出 630.00 万元。\n县交通运输局在我镇实施的农村公路提升项目，项目资金 85.00 万元，"
    "实际支出 80.00 万元，执行率 94.12%。",
    "全年预算 640.00 万元，实际支出 630.00 万元。\n我镇实施的农村公路提升项目，项目资金 85.00 万元，实际支出 80.00 万元，"
    "执行率 94.12%。",
])
def test_one_named_projects_figures_are_not_the_project_blocks(body):
    rec = parse(TITLE + "二、预算执行情况\n" + body)
    assert rec.projects.adjusted_budget is None and rec.projects.initial_budget is None
    assert rec.projects.actual is None and rec.projects.completion_rate is None
    assert fields(rec.overall) == {"adjusted_budget": D("640.00"), "actual": D("630.00")}
    assert {D("85.00"), D("80.00")} <= unread_amounts(rec)


def test_a_numbered_list_of_projects_under_the_project_heading_is_no_blocks():
    rec = parse(TITLE + "一、部门整体支出情况\n年初预算 500.00 万元，实际支出 480.00 万元。\n二、项目支出情况\n"
                        "1.集镇污水处理：全年预算 90.00 万元，实际支出 88.00 万元，执行率 97.78%。\n"
                        "2.河道清淤：全年预算 40.00 万元，实际支出 36.00 万元，执行率 90%。")
    assert rec.projects.is_empty()


def test_a_key_projects_section_is_no_blocks():
    rec = parse(TITLE + "二、预算执行情况\n年初预算 500.00 万元，实际支出 480.00 万元。\n三、重点项目绩效情况\n"
                        "集镇污水处理：全年预算 90.00 万元，实际支出 88.00 万元，执行率 97.78%。")
    assert rec.projects.is_empty()
    assert fields(rec.overall) == {"initial_budget": D("500.00"), "actual": D("480.00")}


@pytest.mark.parametrize("heading", ["三、重点项目实施情况", "三、项目支出情况\n（一）主要项目实施情况"])
def test_the_projects_spending_stated_in_a_key_projects_section_is_the_blocks(heading):
    rec = parse(TITLE + f"二、预算执行情况\n年初预算 500.00 万元，实际支出 480.00 万元。\n{heading}\n"
                        "项目支出年初预算 150.00 万元，实际支出 146.00 万元。\n"
                        "项目预算资金 90.00 万元，实际支出 88.00 万元。")  # (the few projects', a bare 项目: unread)
    assert fields(rec.projects) == {"initial_budget": D("150.00"), "actual": D("146.00")}
    assert fields(rec.overall) == {"initial_budget": D("500.00"), "actual": D("480.00")}


@pytest.mark.parametrize("body,want", [
    ("二、项目支出情况\n项目支出年初预算 150.00 万元，实际支出 146.00 万元。",
     {"initial_budget": D("150.00"), "actual": D("146.00")}),
    ("二、预算执行情况\n实际支出 480.00 万元，其中：基本支出 330.00 万元，项目支出 150.00 万元。", {"actual": D("150.00")}),
    ("二、预算执行情况\n项目支出全年预算数 160.00 万元，执行数 150.00 万元，执行率 93.75%。",
     {"adjusted_budget": D("160.00"), "actual": D("150.00"), "completion_rate": D("93.75")}),
    ("二、项目支出情况\n全部项目年初预算 160.00 万元，实际支出 150.00 万元。",
     {"initial_budget": D("160.00"), "actual": D("150.00")}),
    ("二、项目支出情况\n（一）项目年初预算 150.00 万元，实际支出 146.00 万元。",
     {"initial_budget": D("150.00"), "actual": D("146.00")}),
])
def test_the_project_blocks_own_phrasings_still_read(body, want):
    assert fields(parse(TITLE + body).projects) == want


def test_a_run_on_list_of_amounts_is_quoted_around_each_one_not_whole():
    """300 amounts in one sentence quoted the sentence 300 times (a 16 KB file gave 2.9 MB of JSON;
    2,000 gave 108 MB and 20,000 ran out of memory): a long sentence is quoted around its amount."""
    listed = "，".join(f"第{i}项设备购置 {i}.50 万元" for i in range(1, 301))
    rec = parse("某县图书馆2023年度部门整体支出绩效自评报告\n年初预算 500.00 万元，全年实际支出 480.00 万元。\n"
                f"附：{listed}。\n")
    assert len(rec.unread) == 300 and {u.amount for u in rec.unread} >= {D("1.50"), D("300.50")}
    for u in rec.unread:
        assert f"{u.amount} 万元" in u.text and len(u.text) <= 300
    short = parse("某县图书馆2023年度部门整体支出绩效自评报告\n年初预算 500.00 万元，上年结转 12.50 万元。\n")
    assert [u.text for u in short.unread] == ["年初预算 500.00 万元，上年结转 12.50 万元。"]  # a sentence: whole


# --- the unit's own figures stay the unit's (a review of the rules for other bodies and projects) ----
@pytest.mark.parametrize("text, block, want", [
    # the unit by a short form of its name (县政府办 for 某某县人民政府办公室): not another body
    ("某某县人民政府办公室2023年度部门整体支出绩效自评报告\n2023年，县政府办年初预算1260.50万元，"
     "实际支出1371.40万元，预算执行率99.00%。", "overall", {"initial_budget": D("1260.50"), "actual": D("1371.40")}),
    # a rate of the county before the unit's own money: no other body's budget
    ("某某县林业局2023年度部门整体支出绩效自评报告\n2023年，全县森林覆盖率达到65.3%，年初预算1860.50万元，"
     "实际支出1980.20万元，预算执行率98.49%。", "overall", {"initial_budget": D("1860.50"), "completion_rate": D("98.49")}),
    # words before 项目 that do something with the money, not a project's name
    ("某某县农业农村局2023年度部门整体支出绩效自评报告\n部门整体年初预算1860.50万元，实际支出1980.20万元。"
     "全年共下达项目资金680.00万元，实际支出671.50万元，执行率98.75%。", "projects",
     {"actual": D("671.50"), "completion_rate": D("98.75")}),
    ("某某县农业农村局2023年度部门整体支出绩效自评报告\n部门整体年初预算1860.50万元，实际支出1980.20万元。"
     "局本级项目年初预算680万元，实际支出671.5万元。", "projects", {"initial_budget": D("680"), "actual": D("671.5")}),
    ("某某县民政局2023年度部门整体支出绩效自评报告\n一、部门整体支出情况\n部门整体年初预算1860.50万元。\n"
     "二、项目支出情况\n1.资金到位：年初预算620.00万元，实际支出671.50万元，预算执行率98.75%。",
     "projects", {"initial_budget": D("620.00"), "actual": D("671.50")}),
])
def test_the_units_own_figures_after_words_about_others(text, block, want):
    got = fields(getattr(parse(text), block))
    assert {k: got[k] for k in want} == want


# --- the self-evaluation's score and rating: the unit's own, this year's ------------------------------
SELF = "某某县农业农村局2023年度部门整体支出绩效自评报告\n二、自评结论\n"


@pytest.mark.parametrize("text, score", [
    # a 总分 the sentence goes on to score within is the scale's maximum, not the score
    ("评价总分100分，本单位得分九十三点五分，等级为“优”。", D("93.5")),
    ("评价总分100分，本单位自评得分91分。", D("91")),
    ("绩效评价总分为100分，我局得分为88.5分，等级为良。", D("88.5")),
    # the score in Chinese numerals
    ("部门整体自评得分为八十九分。", D("89")),
    ("本次自评满分100分，自评得分九十二分，等级为优。", D("92")),
    ("自评得分一百分，等级为优。", D("100")),
    ("自评总分95分。", D("95")),  # a 总分 with no score after it is the score
    # a 自评总分 followed by its parts' 得分 (其中 …) is the score; a list of the parts' maxima closed
    # before the unit's 得分 leaves the 总分 the scale
    ("本部门自评总分为92分，其中预算执行得分19分，产出指标得分45分。", D("92")),
    ("本次自评总分100分，其中预算执行20分、产出40分；我局自评得分92分。", D("92")),
])
def test_the_score_is_not_the_maximum_and_may_be_written_in_words(text, score):
    assert parse(SELF + text).score == score


@pytest.mark.parametrize("text, score", [
    # an average of several, a block's or the bureau's own (本级) score is not the whole unit's
    ("本单位纳入自评的项目共14个，项目自评平均得分91.6分。", None),
    ("项目支出绩效得分52分。", None),
    ("项目支出绩效自评得分95分，部门整体支出绩效自评得分90分。", D("90")),
    ("局本级自评得分89分，部门整体自评得分90分。", D("90")),
    ("机关本级自评得分93分，所属单位平均得分86分。", None),
    ("部门整体支出绩效自评得分90分，其中基本支出得分38分。", D("90")),
    # the whole named in the clause, though a part is too; a bureau's own (本级) score alone is the report's
    ("部门整体支出（含基本支出和项目支出）绩效自评得分为93.5分。", D("93.5")),
    ("经评价，本级自评得分为91分。", D("91")), ("所属单位平均得分86分，机关本级自评得分93分。", None),
    ("本级及所属单位整体自评得分92分，其中本级得分94分。", D("92"))])
def test_an_average_or_a_parts_score_is_not_the_units(text, score):
    assert parse(SELF + text).score == score


@pytest.mark.parametrize("text, rating", [
    # a band in brackets after the grade ("良（80≤得分＜90）"); not a threshold ("中（含）以上")
    ("部门整体支出自评等级：良（80≤得分＜90）。", "良"), ("经自评，评价等级为优（90分以上）。", "优"),
    ("自评中，等级：中（含）以上的指标3个。", None),
    # another body's grading of an activity: an award, not the self-evaluation
    ("我局档案工作规范化建设被市档案局评定为优秀，自评得分87分。", None),
    ("我局机关食堂被县市场监管局评为优秀。\n部门整体支出绩效自评得分87分。", None),
    ("经自评，我局档案工作被市档案局评定为优秀。\n自评得分87分。", None),  # a body named after 被
    # a passive naming no one in a sentence saying 自评: the self-evaluation's own grade
    ("经自评，我局2023年度部门整体支出绩效被评为良。", "良"),
    # an area's evaluation the unit took part in
    ("我院在全市妇幼健康服务年度评价中结果为良好。\n自评得分85分。", None),
    ("我局在全省农业执法年度评估中等级为优。\n自评得分85分。", None),
    ("我局在全县2023年度部门整体支出绩效评价中等级为良。", None),
    # the unit's own self-evaluation within the area's: its grade
    ("我局在全县2023年度部门整体支出绩效自评中等级为良。", "良"),
    # a 所属单位 named doing its own self-evaluation: its rating, not the unit's
    ("县农技站自评得分95分，等级为优；县畜牧站自评得分82分，等级为良。\n部门整体支出绩效自评等级为良。", "良"),
    ("县种子站2023年度自评等级为优。\n局本级及所属单位综合后，部门整体支出绩效自评等级为良。", "良"),
    # the unit by its short name, its characters in order (县农业局 for 某某县农业农村局): its own
    ("县农业局2023年度部门整体支出绩效自评等级为良。", "良"),
    # the unit itself named, or a third party's evaluated unit: the report's
    ("某某县农业农村局自评得分91分，等级为优。", "优"),
    ("被评价单位2023年度部门整体支出绩效评价等级为良。", "良"),
    # words that name no one before the grade
    ("部门整体支出绩效自评得分89分，对应等级良。", "良"),
    ("自评得分82分，相应等级为良。", "良"),
])
def test_the_rating_is_the_units_own_self_evaluation(text, rating):
    assert parse(SELF + text).rating == rating


# --- figures of something else than the unit's spending this year ------------------------------------
@pytest.mark.parametrize("sentence", [
    "前年度实际支出 88.00 万元，执行率 90.50%；",  # the year before last
    "下一年度部门预算安排 650.00 万元。",  # the year ahead
    "来年部门预算安排 650.00 万元。",
    # several years' money together: every figure of its part of the sentence
    "近两年累计安排预算 960.00 万元，实际支出 930.00 万元，执行率 96.88%；",
    "2022至2023两个年度共安排预算 960.00 万元，实际支出 930.00 万元。",
    "2020年至2022年累计安排预算 960.00 万元，实际支出 930.00 万元，执行率 96.88%；",  # a span ending this year
    "2020—2022年共实际支出 930.00 万元；",
])
def test_another_years_figures_before_this_years_are_not_read(sentence):
    rec = parse(TITLE + "二、预算执行情况\n" + sentence + "全年预算 500.00 万元，实际支出 490.00 万元，执行率 98.00%。")
    assert fields(rec.overall) == {"adjusted_budget": D("500.00"), "actual": D("490.00"),
                                   "completion_rate": D("98.00")}


@pytest.mark.parametrize("sentence", [
    "2022至2023两个年度共安排预算 960.00 万元，实际支出 930.00 万元。",
    "二〇二〇年至二〇二二年累计安排预算 960.00 万元，实际支出 930.00 万元。",  # the span in Chinese numerals
    "2020年至2022年，累计安排预算 960.00 万元，实际支出 930.00 万元。",  # a comma before the total
    "“十四五”以来累计安排预算 960.00 万元，实际支出 930.00 万元。",  # a plan's period
    "十四五期间共安排预算 960.00 万元，实际支出 930.00 万元。",
])
def test_several_years_money_together_is_no_one_years(sentence):
    rec = parse(TITLE + "二、预算执行情况\n" + sentence)
    assert fields(rec.overall) == {}


@pytest.mark.parametrize("opening", [
    "二〇二二年度合计",  # the year in Chinese numerals: its 三年度合计 is no three years
    "二〇二二年共计",
    "本年度为三年行动的第二年度，共",  # an ordinal: the plan's one year
    "本年度为三年行动的第二年度共",
])
def test_one_year_written_in_chinese_numerals_or_an_ordinal_is_no_years_together(opening):
    rec = parse(TITLE + "二、预算执行情况\n" + opening + "调整后预算 520.00 万元，实际支出 510.00 万元，执行率 98.08%。")
    assert fields(rec.overall) == {"adjusted_budget": D("520.00"), "actual": D("510.00"),
                                   "completion_rate": D("98.08")}


@pytest.mark.parametrize("sentence", [
    "需要说明年初预算 480.00 万元，当前年度实际支出 470.00 万元。",
    "本次年度评价涉及年初预算 480.00 万元，实际支出 470.00 万元。",  # 次年 in 本次年度
    "较原来年初预算 480.00 万元，实际支出 470.00 万元。",  # 来年 in 原来年初 (a guard: read on 96425ea too)
])
def test_words_that_only_hold_the_characters_of_another_year_are_this_years(sentence):
    rec = parse(TITLE + "二、预算执行情况\n" + sentence)
    assert fields(rec.overall) == {"initial_budget": D("480.00"), "actual": D("470.00")}


@pytest.mark.parametrize("sentence", [
    "我镇全年收入计划完成率 104.20%。",
    "本单位收入决算完成率为 104.20%，",
])
def test_a_revenue_rate_is_not_the_spending_rate(sentence):
    rec = parse(TITLE + "二、预算执行情况\n" + sentence + "我镇实际支出 490.00 万元，执行率 98.00%。")
    assert rec.overall.completion_rate == D("98.00")


UNITS_OWN = "我局全年预算 500.00 万元，实际支出 490.00 万元，执行率 98.00%。"


@pytest.mark.parametrize("sentence", [
    "会议费预算数为 6.00 万元，实际支出 5.20 万元，执行率 86.67%。",  # a budget within the unit's opens the sentence
    "“三公”经费（含公务用车购置）全年预算 18.00 万元，实际支出 15.20 万元，执行率 84.44%。",
    "我局上年结转资金 32.50 万元，支出 32.50 万元，完成率 100%。",  # the money carried over into the year
    "本单位年初结转结余 40.00 万元，执行率 100%。",
])
def test_the_figures_after_money_other_than_the_units_spending_are_its_own(sentence):
    rec = parse(TITLE + "二、预算执行情况\n" + sentence + UNITS_OWN)
    assert fields(rec.overall) == {"adjusted_budget": D("500.00"), "actual": D("490.00"),
                                   "completion_rate": D("98.00")}


@pytest.mark.parametrize("sentence, want", [
    # the carry-over as one of the unit's funds, after its budget or inside its whole: the rate is the unit's
    ("我局全年预算 500.00 万元，上年结转 20.00 万元，执行率 98.00%。", {"adjusted_budget": D("500.00"), "completion_rate": D("98.00")}),
    ("部门整体全年预算 500.00 万元（含上年结转资金 20.00 万元），执行率 98.00%。",
     {"adjusted_budget": D("500.00"), "completion_rate": D("98.00")}),
    # the unit speaking again after a budget within its own
    ("培训费预算 8.00 万元，我局预算执行率 98.00%。", {"completion_rate": D("98.00")}),
])
def test_the_units_own_figures_after_other_money(sentence, want):
    assert fields(parse(TITLE + "二、预算执行情况\n" + sentence).overall) == want


def test_a_section_about_a_budget_within_the_units_is_not_the_units():
    rec = parse(TITLE + "二、预算执行情况\n（一）培训费预算执行情况\n预算数 8.00 万元，实际支出 7.20 万元，执行率 90.00%。\n"
                        "（二）部门整体支出情况\n实际支出 490.00 万元，执行率 98.00%。")
    assert fields(rec.overall) == {"actual": D("490.00"), "completion_rate": D("98.00")}
    assert D("7.20") in unread_amounts(rec)


def test_a_section_about_a_budget_within_the_units_and_the_units_budget_is_the_units():
    rec = parse(TITLE + "二、预算执行情况\n（一）培训费等支出控制及预算执行情况\n"
                        "实际支出 490.00 万元，执行率 98.00%。培训费支出 8.50 万元。")
    assert fields(rec.overall) == {"actual": D("490.00"), "completion_rate": D("98.00")}
    assert D("8.50") in unread_amounts(rec)


# --- a part's figures are not the unit's: a unit under it, one fund, one project, a task (round 2) ---
@pytest.mark.parametrize("text", [
    # a unit under the department named after it, in the clause of the labels
    "某某县农业农村局2023年度部门整体支出绩效自评报告\n一、预算情况\n2023年我局下属县农机服务中心年初预算 300.00 万元，"
    "实际支出 290.00 万元。\n二、部门整体支出情况\n年初预算 900.00 万元，实际支出 880.00 万元。",
    # a station named before a colon, under a heading of its own
    "某某县农业农村局2023年度部门整体支出绩效自评报告\n一、预算情况\n县动物疫病防控站：年初预算 300.00 万元，"
    "实际支出 290.00 万元。\n二、部门整体支出情况\n年初预算 900.00 万元，实际支出 880.00 万元。",
    # a heading about the units under it: their figures, with no subject
    "某某县农业农村局2023年度部门整体支出绩效自评报告\n一、二级单位预算执行情况\n年初预算 300.00 万元，"
    "实际支出 290.00 万元。\n二、部门整体支出情况\n年初预算 900.00 万元，实际支出 880.00 万元。",
    # the bureau's units (局属单位) before the whole bureau in one sentence
    "某某县农业农村局2023年度部门整体支出绩效自评报告\n一、预算情况\n局属单位年初预算 300.00 万元，"
    "实际支出 290.00 万元；全局年初预算 900.00 万元，实际支出 880.00 万元。",
])
def test_a_unit_under_the_department_is_not_the_department(text):
    rec = parse(text)
    assert fields(rec.overall) == {"initial_budget": D("900.00"), "actual": D("880.00")}
    assert {D("300.00"), D("290.00")} <= unread_amounts(rec)


@pytest.mark.parametrize("text", [
    "某某县农业农村局2023年度部门整体支出绩效自评报告\n一、预算情况\n2023年局机关及下属单位年初预算 900.00 万元，"
    "实际支出 880.00 万元。",
    "某某县农业农村局2023年度部门整体支出绩效自评报告\n一、预算情况\n2023年局机关及局属单位年初预算 900.00 万元，"
    "实际支出 880.00 万元。",
    # a list of the bureau and its units, bare or in brackets after the whole
    "某某县农业农村局2023年度部门整体支出绩效自评报告\n一、预算情况\n局机关、局属单位年初预算 900.00 万元，"
    "实际支出 880.00 万元。",
    "某某县农业农村局2023年度部门整体支出绩效自评报告\n一、预算情况\n部门整体（包括局机关、局属单位）年初预算 900.00 万元，"
    "实际支出 880.00 万元。",
    # the department's own name holds 直属 … 室
    "某某县直属机关工作委员会办公室2023年度部门整体支出绩效自评报告\n一、预算情况\n县直属机关工作委员会办公室年初预算 900.00 万元，"
    "实际支出 880.00 万元。",
    # the department with its second-level units, counted or not, in a sentence or its section's heading
    "某某县农业农村局2023年度部门整体支出绩效自评报告\n一、预算情况\n2023年，我局及所属二级单位年初预算 900.00 万元，"
    "实际支出 880.00 万元。",
    "某某县农业农村局2023年度部门整体支出绩效自评报告\n一、预算情况\n本部门（局机关和下属3个二级单位）年初预算 900.00 万元，"
    "实际支出 880.00 万元。",
    "某某县农业农村局2023年度部门整体支出绩效自评报告\n一、预算情况\n（一）部门及下属二级单位预算执行情况\n年初预算 900.00 万元，"
    "实际支出 880.00 万元。",
])
def test_the_department_with_its_units_is_the_department(text):
    assert fields(parse(text).overall) == {"initial_budget": D("900.00"), "actual": D("880.00")}


@pytest.mark.parametrize("part", [
    "其中，困难群众救助补助资金全年预算 300.00 万元，实际支出 290.00 万元，执行率 96.67%。",  # 其中 and one fund
    "农村饮水安全专项资金全年预算 300.00 万元，实际支出 290.00 万元，执行率 96.67%。",  # a named 专项资金
    "乡村道路养护专项全年预算 300.00 万元，实际支出 290.00 万元，执行率 96.67%。",  # a named 专项
    # a named fund without 专项, a bare 专项资金, a source or a fund type of its own (h3)
    "林业生态保护奖励资金全年预算 300.00 万元，实际支出 290.00 万元，执行率 96.67%。",
    "专项资金全年预算 300.00 万元，实际支出 290.00 万元，执行率 96.67%。",
    "资金来源：上级转移支付资金全年预算 300.00 万元，实际支出 290.00 万元，执行率 96.67%。",
    "地方政府专项债券资金全年预算 300.00 万元，实际支出 290.00 万元，执行率 96.67%。",
    "其他资金全年预算 300.00 万元，实际支出 290.00 万元，执行率 96.67%。",
    "政府性基金预算全年安排 300.00 万元，实际支出 290.00 万元，执行率 96.67%。",  # no label before its amount
    # a level's money, debt, 基金预算 without 政府性 (rv3)
    "省级资金全年预算 300.00 万元，实际支出 290.00 万元，执行率 96.67%。",
    "中央资金全年预算 300.00 万元，实际支出 290.00 万元，执行率 96.67%。",
    "债务资金全年预算 300.00 万元，实际支出 290.00 万元，执行率 96.67%。",
    "基金预算全年预算 300.00 万元，实际支出 290.00 万元，执行率 96.67%。",
    # the superior's money, the county's own level's, the unit's own (rv4)
    "上级资金全年预算 300.00 万元，实际支出 290.00 万元，执行率 96.67%。",
    "县本级资金全年预算 300.00 万元，实际支出 290.00 万元，执行率 96.67%。",
    "单位自有资金全年预算 300.00 万元，实际支出 290.00 万元，执行率 96.67%。",
])
def test_one_funds_figures_are_not_the_units(part):
    rec = parse(TITLE + f"二、资金使用情况\n{part}\n全年预算 900.00 万元，实际支出 880.00 万元，执行率 97.78%。")
    assert fields(rec.overall) == {"adjusted_budget": D("900.00"), "actual": D("880.00"), "completion_rate": D("97.78")}


@pytest.mark.parametrize("source", ["财政拨款", "一般公共预算"])
def test_a_main_sources_figures_yield_to_the_units_own(source):
    rec = parse(TITLE + f"二、资金使用情况\n{source}全年预算 850.00 万元，实际支出 845.00 万元。\n"
                        "部门全年预算 900.00 万元，实际支出 880.00 万元，执行率 97.78%。")
    assert fields(rec.overall) == {"adjusted_budget": D("900.00"), "actual": D("880.00"), "completion_rate": D("97.78")}
    assert {D("850.00"), D("845.00")} <= unread_amounts(rec)


@pytest.mark.parametrize("source", ["财政拨款", "一般公共预算"])
def test_a_main_sources_figures_alone_are_the_units(source):
    rec = parse(TITLE + f"二、资金使用情况\n{source}全年预算 900.00 万元，实际支出 880.00 万元，执行率 97.78%。")
    assert fields(rec.overall) == {"adjusted_budget": D("900.00"), "actual": D("880.00"), "completion_rate": D("97.78")}


@pytest.mark.parametrize("source", ["财政拨款", "一般公共预算"])
def test_a_main_source_the_units_own_figure_agrees_with_is_the_units(source):
    rec = parse(TITLE + f"二、资金使用情况\n{source}全年预算 900.00 万元，实际支出 880.00 万元，执行率 97.78%。"
                        "本部门全年实际支出 880.00 万元。")
    assert fields(rec.overall) == {"adjusted_budget": D("900.00"), "actual": D("880.00"), "completion_rate": D("97.78")}


@pytest.mark.parametrize("source", ["财政拨款", "一般公共预算"])
def test_a_main_source_is_not_all_the_units_money_when_other_money_is_stated(source):
    rec = parse(TITLE + f"二、资金使用情况\n{source}年初预算 850.00 万元，全年预算 860.00 万元，实际支出 845.00 万元。"
                        "部门整体年初预算 850.00 万元，另有上年结转资金 40.00 万元。")
    assert fields(rec.overall) == {"initial_budget": D("850.00")}
    assert {D("860.00"), D("845.00")} <= unread_amounts(rec)


@pytest.mark.parametrize("cause", ["因争取上级补助资金", "由于申请到省级专项资金，", ""])
def test_money_obtained_as_the_cause_of_a_change_leaves_the_figures_the_units(cause):
    rec = parse(TITLE + f"二、资金使用情况\n年初预算 850.00 万元，{cause}调整后预算增加至 900.00 万元，"
                        "实际支出 880.00 万元，执行率 97.78%。")
    assert fields(rec.overall) == {"initial_budget": D("850.00"), "adjusted_budget": D("900.00"),
                                   "actual": D("880.00"), "completion_rate": D("97.78")}


@pytest.mark.parametrize("obtained", ["通过争取省级补助资金年初预算 100.00 万元，实际支出 98.00 万元；",
                                      "我局因争取上级补助资金年初预算 100.00 万元，实际支出 98.00 万元。",
                                      "因争取上级补助资金实际支出 98.00 万元，"])
def test_money_obtained_named_with_its_own_figures_is_not_the_units(obtained):
    rec = parse(TITLE + f"二、资金使用情况\n{obtained}本部门年初预算 850.00 万元，调整后预算 900.00 万元，"
                        "实际支出 880.00 万元，执行率 97.78%。")
    assert fields(rec.overall) == {"initial_budget": D("850.00"), "adjusted_budget": D("900.00"),
                                   "actual": D("880.00"), "completion_rate": D("97.78")}
    assert D("98.00") in unread_amounts(rec)


@pytest.mark.parametrize("few", ["其中防汛和抗旱两个项目合计年初预算 80.00 万元。",
                                 "其中河道清淤、堤防加固及水质监测3个项目年初预算 80.00 万元。"])
def test_a_few_named_projects_counted_are_not_the_projects_block(few):
    rec = parse(TITLE + "二、资金使用情况\n本部门年初预算 850.00 万元，实际支出 845.00 万元。" + few)
    assert fields(rec.overall) == {"initial_budget": D("850.00"), "actual": D("845.00")}
    assert fields(rec.projects) == {}
    assert D("80.00") in unread_amounts(rec)


def test_a_list_of_projects_summed_up_as_all_is_the_projects_block():  # a guard
    rec = parse(TITLE + "二、资金使用情况\n本局财政支出项目包括河道清淤、堤防加固等共12个项目，实际支出 80.00 万元。")
    assert fields(rec.projects) == {"count": 12, "actual": D("80.00")}


@pytest.mark.parametrize("parts", ["专项资金和基本支出合计", "基本支出与项目支出共计", "项目支出、基本支出总计"])
def test_a_block_summed_with_another_part_is_the_whole(parts):
    rec = parse(TITLE + f"二、资金使用情况\n本部门{parts}全年预算 900.00 万元，实际支出 880.00 万元，执行率 97.78%。")
    assert fields(rec.overall) == {"adjusted_budget": D("900.00"), "actual": D("880.00"), "completion_rate": D("97.78")}
    assert rec.basic.is_empty() and rec.projects.is_empty()


def test_a_main_source_beside_another_fund_type_is_one_source_of_several():
    rec = parse(TITLE + "二、资金使用情况\n国有资本经营预算全年预算 100.00 万元，实际支出 90.00 万元，执行率 90.00%。\n"
                        "一般公共预算全年预算 900.00 万元，实际支出 880.00 万元，执行率 97.78%。")
    assert fields(rec.overall) == {}


@pytest.mark.parametrize("part", ["公用经费", "人员经费", "专项资金", "上级转移支付资金", "中央补助资金",
                                  "其中专项资金支出", "基金预算"])
def test_a_parts_rate_is_not_the_units(part):
    rec = parse(TITLE + f"二、资金使用情况\n全年预算 900.00 万元，实际支出 880.00 万元，{part}执行率 92.00%。")
    assert fields(rec.overall) == {"adjusted_budget": D("900.00"), "actual": D("880.00")}


@pytest.mark.parametrize("share", ["项目支出中财政拨款", "项目支出中专项资金", "基本支出中一般公共预算", "项目支出中上级补助资金",
                                   "基本支出财政拨款"])
def test_a_sources_or_funds_share_of_a_part_is_not_the_parts(share):
    rec = parse(TITLE + "二、资金使用情况\n全年预算 900.00 万元，实际支出 880.00 万元。\n"
                        f"{share}年初预算 80.00 万元，实际支出 85.00 万元，执行率 92.00%。")
    assert fields(rec.overall) == {"adjusted_budget": D("900.00"), "actual": D("880.00")}
    assert rec.basic.is_empty() and rec.projects.is_empty()


@pytest.mark.parametrize("kind", ["人员类项目支出", "运转类项目"])
def test_a_personnel_or_running_class_of_projects_is_not_the_projects_block(kind):
    rec = parse(TITLE + f"二、资金使用情况\n全年预算 900.00 万元，实际支出 880.00 万元。\n{kind}实际支出 160.00 万元。")
    assert fields(rec.overall) == {"adjusted_budget": D("900.00"), "actual": D("880.00")}
    assert rec.basic.is_empty() and rec.projects.is_empty()


@pytest.mark.parametrize("part", ["其中省级专项资金预算 300.00 万元", "其中农村饮水专项资金预算 300.00 万元"])
def test_a_fund_in_a_parts_clause_leaves_the_next_sentence_to_the_unit(part):
    rec = parse(TITLE + f"二、资金使用情况\n年初预算 1250.00 万元，{part}。全年调整后预算 1380.00 万元，实际支出 1342.50 万元。")
    assert fields(rec.overall) == {"initial_budget": D("1250.00"), "adjusted_budget": D("1380.00"), "actual": D("1342.50")}
    assert D("300.00") in unread_amounts(rec)


def test_a_named_campaign_before_the_units_figures_is_no_fund():
    rec = parse(TITLE + "二、预算执行情况\n围绕人居环境整治专项行动，全年实际支出 500.00 万元，执行率 98%。")
    assert fields(rec.overall) == {"actual": D("500.00"), "completion_rate": D("98")}


def test_a_note_on_a_figure_names_no_block_for_the_labels_after_it():
    rec = parse(TITLE + "二、预算执行情况\n年初预算 500.00 万元，年中追加 30.00 万元（用于集镇污水处理项目），调整后预算 530.00 万元。"
                        "全年实际支出 520.00 万元，执行率 98.11%。")
    assert fields(rec.overall) == {"initial_budget": D("500.00"), "adjustment": D("30.00"),
                                   "adjusted_budget": D("530.00"), "actual": D("520.00"), "completion_rate": D("98.11")}
    assert rec.projects.is_empty()


def test_a_list_item_under_the_projects_heading_is_one_project_with_a_bare_budget():
    rec = parse(TITLE + "二、项目支出情况\n1.乡村学校少年宫运行：预算 20.00 万元，实际支出 19.50 万元。")
    assert rec.projects.is_empty()
    assert {D("20.00"), D("19.50")} <= unread_amounts(rec)


def test_a_section_headed_by_one_project_holds_its_figures_score_and_rating():
    rec = parse(TITLE + "一、预算执行情况\n年初预算 900.00 万元，实际支出 880.00 万元。\n二、重点项目情况\n"
                        "（一）城乡供水一体化项目\n项目支出预算 300.00 万元，实际支出 290.00 万元，项目执行率 96.67%，"
                        "项目自评得分 95 分，评价等级为优。\n三、自评结论\n部门整体支出绩效自评得分 88 分，等级为良。")
    assert rec.projects.is_empty()
    assert (rec.score, rec.rating) == (D("88"), "良")


@pytest.mark.parametrize("task", ["年度目标任务完成率 100%", "工程建设完成率 100%"])
def test_a_tasks_completion_rate_is_not_the_budgets(task):
    rec = parse(TITLE + f"二、项目完成情况\n{task}；项目支出执行率 90.50%。")
    assert rec.projects.completion_rate == D("90.50")


@pytest.mark.parametrize("rate", ["项目支出项目完成率 100%", "执行率达到100%以上的项目 9 个",
                                  "项目支出执行率　95%　90.50%"])
def test_a_rate_of_projects_done_a_threshold_or_a_target_actual_row_is_not_the_blocks(rate):
    rec = parse(TITLE + f"二、预算执行情况\n全年预算 500.00 万元，实际支出 486.40 万元。\n{rate}。")
    assert rec.projects.completion_rate is None


def test_the_projects_rate_and_its_count_beside_a_threshold():
    rec = parse(TITLE + "二、预算执行情况\n项目支出合计 9 个，项目执行率 96.50%，执行率100%的项目 7 个。")
    assert (rec.projects.count, rec.projects.completion_rate) == (9, D("96.50"))


@pytest.mark.parametrize("count", ["所属二级单位共实施项目 8 个", "省林业局共安排项目 120 个，我局 12 个",
                                   "共涉及 12 个项目村", "近两年累计实施项目 36 个", "各街道共实施项目 45 个",
                                   "完成项目个数　10个　12个"])
def test_a_count_of_other_bodies_years_or_things_is_not_the_units(count):
    rec = parse(TITLE.replace("某县某镇人民政府", "某县林业局") + f"二、项目支出情况\n{count}。\n项目支出实际支出 70.00 万元。")
    assert rec.projects.count is None


@pytest.mark.parametrize("rate", ["预算指标执行率 97.28%", "全年支出进度完成率 97.28%"])
def test_the_budgets_own_indicator_or_progress_rate_is_the_budgets(rate):
    rec = parse(TITLE + f"二、预算执行情况\n全年预算 500.00 万元，实际支出 486.40 万元，{rate}。")
    assert rec.overall.completion_rate == D("97.28")


# --- which block a figure belongs to inside one sentence (r2-05, r2-18, r2-19) -------------------
@pytest.mark.parametrize("body", [
    "调整情况：年中追加养护资金1,120.00万元，调减基本支出40.00万元，调整后预算6,340.00万元。",
    "年中追加项目支出200.00万元，全年预算1,260.00万元，实际支出1,230.50万元。",
])
def test_a_block_word_between_a_label_and_its_figure_names_that_figure_only(body):
    """"调减基本支出 40 万元": the block word is the object of 调减; the budget after it is the unit's."""
    rec = parse(TITLE + "一、部门整体支出情况\n" + body)
    assert rec.overall.adjusted_budget in (D("6340.00"), D("1260.00"))
    assert rec.basic.adjusted_budget is None and rec.projects.adjusted_budget is None


@pytest.mark.parametrize("body", [
    "2022年我局基本支出、项目支出年初预算分别为620.00万元、1,380.00万元，全年实际支出2,105.60万元，预算执行率97.10%。",
    "基本支出、项目支出调整后预算分别为700.00万元、1,400.00万元，实际支出2,058.00万元，执行率98.00%。",
])
def test_a_figure_after_a_respectively_list_of_blocks_is_the_wholes(body):
    """The blocks listed before 分别为 name the list's figures; a figure after the list, with no block
    word of its own, is the whole unit's."""
    rec = parse(TITLE + "一、部门整体支出情况\n" + body)
    assert rec.overall.actual in (D("2105.60"), D("2058.00"))
    assert rec.overall.completion_rate in (D("97.10"), D("98.00"))
    assert rec.projects.actual is None and rec.projects.completion_rate is None
    assert rec.basic.actual is None


@pytest.mark.parametrize("body, field", [
    ("全年预算8,620.00万元，实际支出8,402.50万元，其中：基本支出预算3,200.00万元，实际支出3,186.20万元；"
     "项目支出预算5,420.00万元，实际支出5,216.30万元。", "adjusted_budget"),
    ("年初预算8,620.00万元，其中：基本支出预算3,200.00万元，项目支出预算5,420.00万元。"
     "全年实际支出8,500.00万元。", "initial_budget"),
])
def test_bare_budgets_of_the_blocks_are_the_kind_of_the_whole_they_add_up_to(body, field):
    """"全年预算 X，其中：基本支出预算 A…；项目支出预算 B" with A + B = X: the parts are adjusted budgets."""
    rec = parse(TITLE + "一、部门整体支出情况\n" + body)
    other = "initial_budget" if field == "adjusted_budget" else "adjusted_budget"
    assert (getattr(rec.basic, field), getattr(rec.projects, field)) == (D("3200.00"), D("5420.00"))
    assert getattr(rec.basic, other) is None and getattr(rec.projects, other) is None


# --- a unit stated once for a section (r2-12) ----------------------------------------------------------
def test_a_bare_figure_in_the_sections_unit_is_read_whole():
    """"8,620,000.00" in 元 is 862 万元; lines "label：figure" of a form are not one sentence."""
    rec = parse(TITLE + "一、部门整体支出情况（单位：元）\n年初预算数：8,620,000.00\n调整后预算数：9,410,500.00\n"
                        "实际支出数：9,322,180.60\n预算执行率：99.06%\n")
    assert fields(rec.overall) == {"initial_budget": D("862.000000"), "adjusted_budget": D("941.050000"),
                                   "actual": D("932.218060"), "completion_rate": D("99.06")}


@pytest.mark.parametrize("line", [
    "年初预算数：8,620,000.00 调整后预算数：9,410,500.00 实际支出数：9,322,180.60",
    "年初预算数：8,620,000.00调整后预算数：9,410,500.00实际支出数：9,322,180.60",
])
def test_a_bare_figure_never_ends_at_its_thousands_comma(line):
    """A bare number ends at a clause mark, never at a thousands comma: "8,620" of "8,620,000.00" in 元
    is no figure (read, it was 0.86 万元)."""
    rec = parse(TITLE + "一、部门整体支出情况（单位：元）\n" + line + "\n")
    for field, right in (("initial_budget", D("862")), ("adjusted_budget", D("941.05")), ("actual", D("932.21806"))):
        assert getattr(rec.overall, field) in (None, right)


# --- a 其中 list closed by "；": the clause after it is the whole's ----------------------------------
@pytest.mark.parametrize("text, want", [
    ("我局年初预算8,620万元，其中：基本支出预算3,200万元，项目支出预算5,420万元；调整后预算9,000万元，"
     "全年实际支出8,910万元，预算执行率99%。",
     {"overall": {"adjusted_budget": D("9000"), "actual": D("8910"), "completion_rate": D("99")},
      "projects": {"initial_budget": D("5420"), "adjusted_budget": None, "actual": None}}),
    ("年初预算 412.5 万元，其中基本支出 300.0 万元、项目支出 112.5 万元; 全年实际支出 450.2 万元。",
     {"overall": {"actual": D("450.2")}, "projects": {"initial_budget": D("112.5"), "actual": None}}),
    # one part's figures split by "；" are still that part's
    ("年初预算1,250.00万元。其中：项目支出调整后预算930.00万元；实际支出910.00万元；执行率97.85%。",
     {"projects": {"adjusted_budget": D("930.00"), "actual": D("910.00"), "completion_rate": D("97.85")},
      "overall": {"actual": None}}),
    # within the list's own clause the part goes on naming its figures
    ("年初预算 412.5 万元，其中：项目支出预算 112.5 万元，实际支出 110.0 万元。",
     {"projects": {"initial_budget": D("112.5"), "actual": D("110.0")}}),
])
def test_a_parts_list_closed_by_a_semicolon_leaves_the_clause_after_it_to_the_whole(text, want):
    rec = parse("某某县统计局2023年度部门整体支出绩效自评报告\n一、部门整体支出情况\n" + text)
    for block, expected in want.items():
        assert {k: getattr(getattr(rec, block), k) for k in expected} == expected, block


@pytest.mark.parametrize("parts", ["基本支出年初预算 500.00 万元，项目支出年初预算 380.00 万元，",
                                   "其中，基本支出 500.00 万元、项目支出 380.00 万元，",
                                   "基本支出 500.00 万元，项目支出 380.00 万元，共计 880.00 万元，"])
def test_labels_after_a_list_of_parts_are_the_wholes(parts):
    # "基本支出年初预算 A，项目支出年初预算 B，调整后预算 C": each part has its figure; the labels after them name neither
    rec = parse(TITLE + f"二、资金使用情况\n年度支出 880.00 万元，{parts}全年预算 900.00 万元，执行率 97.78%。")
    assert rec.projects.completion_rate is None and rec.projects.adjusted_budget is None
    assert rec.overall.adjusted_budget == D("900.00") and rec.overall.completion_rate == D("97.78")


def test_labels_after_a_list_of_parts_of_less_than_them_are_no_ones():
    rec = parse(TITLE + "二、资金使用情况\n基本支出年初预算 500.00 万元，项目支出年初预算 380.00 万元，调整后预算 400.00 万元。")
    assert rec.projects.adjusted_budget is None and rec.overall.adjusted_budget is None


@pytest.mark.parametrize("parts", ["基本支出208万元，项目支出107万元。",
                                   "2022年度支出决算：基本支出208万元；项目支出107万元；合计315万元。",
                                   "基本支出208万元；项目支出107万元；合计315万元。",
                                   "基本支出年初预算200万元，项目支出年初预算100万元，合计300万元。"])
def test_a_sentence_listing_both_parts_leaves_the_next_one_to_the_whole(parts):
    # each part with its own figure: the labels of the next sentence are the whole's, not the last part's
    rec = parse(TITLE + f"一、部门整体支出情况\n{parts}调整后预算320万元，预算执行率98.44%。")
    assert rec.projects.adjusted_budget is None and rec.projects.completion_rate is None
    assert rec.overall.adjusted_budget == D("320") and rec.overall.completion_rate == D("98.44")


@pytest.mark.parametrize("parts, field, want", [
    ("基本支出年初预算200万元，项目支出年初预算100万元，合计300万元。", "initial_budget", (D("300"), D("200"), D("100"))),
    ("2022年度支出决算：基本支出208万元；项目支出107万元；合计315万元。", "actual", (D("315"), D("208"), D("107"))),
    # the sum must add up, each part state one label, and the label be known: else the sum stays unread
    ("基本支出年初预算200万元，项目支出年初预算100万元，合计310万元。", "initial_budget", (None, D("200"), D("100"))),
    ("基本支出年初预算200万元，项目支出实际支出100万元，合计300万元。", "initial_budget", (None, D("200"), None)),
    ("基本支出208万元；项目支出107万元；合计315万元。", "actual", (None, None, None)),
])
def test_the_sum_of_both_parts_listed_is_the_wholes(parts, field, want):
    rec = parse(TITLE + f"一、部门整体支出情况\n{parts}预算执行率98.44%。")
    assert (getattr(rec.overall, field), getattr(rec.basic, field), getattr(rec.projects, field)) == want


@pytest.mark.parametrize("opening", ["部门整体支出包括基本支出和项目支出两部分，", "本单位支出分为基本支出与项目支出，",
                                     "基本支出和项目支出"])
def test_both_parts_joined_name_neither(opening):
    rec = parse(TITLE + f"一、部门整体支出情况\n{opening}年初预算700万元，实际支出710万元，执行率98.61%。全年调整后预算720万元。")
    assert rec.projects.initial_budget is None and rec.projects.completion_rate is None and rec.projects.adjusted_budget is None
    assert (rec.overall.initial_budget, rec.overall.actual, rec.overall.adjusted_budget) == (D("700"), D("710"), D("720"))


def test_both_parts_joined_right_before_a_label_stay_as_they_were():
    # (a guard) "基本支出和项目支出合计年初预算 …" is still the whole's; "…分别为" still each part's
    rec = parse(TITLE + "一、部门整体支出情况\n基本支出和项目支出合计年初预算700万元。基本支出、项目支出实际支出分别为400万元、300万元。")
    assert rec.overall.initial_budget == D("700") and (rec.basic.actual, rec.projects.actual) == (D("400"), D("300"))


@pytest.mark.parametrize("sentence, want", [("2021年度追加预算 60.00 万元，本年追加 25.00 万元。", D("25.00")),
                                            ("下属国有农场年中追加预算 60.00 万元。", None)])
def test_an_addition_of_another_year_or_body_is_not_the_units(sentence, want):
    rec = parse(TITLE + f"二、资金使用情况\n年初预算 875.00 万元，调整后预算 900.00 万元。{sentence}")
    assert rec.overall.adjustment == want and rec.overall.initial_budget == D("875.00")


# --- an indicator table laid out as lines (rv5-g02, rv5-c15): its 项目 cell heads no section --------------
@pytest.mark.parametrize("row", ["项目按期完工率\t100%\t100%", "项目数量\t10个\t10个", "实施项目个数\t10个\t10个"])
def test_a_row_of_an_indicator_table_naming_projects_is_no_heading_for_the_prose_after_it(row):
    rec = parse(TITLE.replace("某县某镇人民政府", "某县农业局") + "一、部门整体支出情况\n指标\t指标值\t实际完成值\n"
                f"培训人次\t500人次\t520人次\n{row}\n年初预算300万元，实际支出294万元，执行率98%。")
    assert fields(rec.overall) == {"initial_budget": D("300"), "actual": D("294"), "completion_rate": D("98")}
    assert fields(rec.projects) == {}


def test_a_header_row_naming_its_label_column_project_is_no_heading_for_the_table_under_it():
    rec = parse(TITLE + "一、部门整体支出情况\n（单位：万元）\n项目\t合计\t财政拨款\t其他资金\n"
                "年初预算\t320\t300\t20\n实际支出\t315\t296\t19")
    assert fields(rec.projects) == {}


def test_a_spaced_out_heading_still_heads_its_section():
    """(a guard: a heading spaced letter by letter is no row of cells)"""
    rec = parse(TITLE + "一、部门整体支出情况\n项 目 支 出 情 况\n年初预算100万元，实际支出95万元。")
    assert fields(rec.projects) == {"initial_budget": D("100"), "actual": D("95")}


# --- a floor every project's rate reaches (rv5-c21) ---------------------------------------------------
@pytest.mark.parametrize("floor", ["所有项目执行率均达到90%以上", "各项目预算执行率均在90%以上", "每个项目执行率均达90%及以上"])
def test_a_floor_of_every_projects_rate_is_not_the_projects_rate(floor):
    rec = parse(TITLE + f"一、部门整体支出情况\n年初预算300万元，实际支出294万元，执行率98%，{floor}。")
    assert rec.overall.completion_rate == D("98")
    assert rec.projects.completion_rate is None


def test_every_projects_rate_stated_as_one_figure_is_the_projects_rate():
    """(a guard: "所有项目执行率均为100%" with no floor word states the projects' rate)"""
    rec = parse(TITLE + "一、部门整体支出情况\n年初预算300万元，实际支出294万元，执行率98%，所有项目执行率均为100%。")
    assert rec.projects.completion_rate == D("100")


@pytest.mark.parametrize("unit_line", ["单位：万元", "（单位：万元）", "金额单位：万元"])
def test_a_unit_line_ends_no_money_section(unit_line):
    """'单位：万元' on its own line, a short line like a heading, turned the money section off: the
    prose under it ('全年年初预算300万元…') was nobody's and the report gave no budget figure."""
    rec = parse(TITLE + f"二、预算执行情况\n{unit_line}\n全年年初预算300万元，调整后预算320万元，"
                        "实际支出315万元，预算执行率98.44%。")
    assert (rec.overall.initial_budget, rec.overall.actual, rec.overall.completion_rate) == (
        D("300"), D("315"), D("98.44"))


# --- rv6-a11: a heading set with spaces over a table of its own header row is a heading -----------------
@pytest.mark.parametrize("heading, block", [("基本支出 预算 执行情况", "basic"), ("项目支出 资金 使用情况", "projects")])
def test_a_spaced_heading_over_a_table_with_its_own_header_heads_its_section(heading, block):
    rec = parse(TITLE + "一、部门整体支出情况\n年初预算500万元，实际支出490万元。\n"
                f"{heading}\n科目\t预算数\t执行数\n办公费\t40\t39\n年初预算120万元，实际支出118万元。")
    assert fields(rec.block(block)) == {"initial_budget": D("120"), "actual": D("118")}
    assert fields(rec.overall) == {"initial_budget": D("500"), "actual": D("490")}


# --- rv6-p09: a list of both parts summed, its lead naming last year, is last year's ------------------------
@pytest.mark.parametrize("lead", ["上年支出决算：", "上年度实际支出：", "去年支出决算：", "上一年度实际支出："])
def test_the_sum_of_both_parts_of_last_year_is_not_the_wholes(lead):
    rec = parse(TITLE + "一、部门整体支出情况\n本年度年初预算420万元，实际支出416万元。"
                f"{lead}基本支出230万元；项目支出150万元；合计380万元。")
    assert rec.overall.actual == D("416") and rec.basic.actual is None and rec.projects.actual is None


def test_a_named_fund_after_a_block_word_is_no_pair_of_parts():
    """项目 (a block word) then a named fund with its label ("…陈列等专项经费预算 10 万元"): the pair is no
    basic/project pair to judge (it raised KeyError: a fund's words name no block), the fund's money no block's."""
    rec = parse(TITLE + "一、项目支出情况\n项目绩效自评得分100分，档案抢救与保护、编研、陈列等专项经费预算10万元，"
                        "实际支出10万元，执行率100%。")
    assert rec.projects.is_empty() and rec.overall.is_empty()
    assert D("10") in unread_amounts(rec)


def test_a_projects_name_with_its_purpose_in_brackets_names_one_project():
    """"（2）接待事务(宣传费)项目绩效目标完成情况综述。项目全年预算数2万元…": the project named with what it pays
    for in brackets, then its own 项目 figures: that project's, not the project block's."""
    rec = parse(TITLE + "1. 项目绩效目标完成情况。\n"
                        "（1）\n接待补贴项目绩效目标完成情况综述。项目全年预算数3.05万元，执行数为3.05万元，完成预算的100%。\n"
                        "（2）接待事务(宣传费)项目绩效目标完成情况综述。项目全年预算数4万元，执行数为4万元，完成预算的100%。\n"
                        "（3）接待事务（印刷费）项目绩效目标完成情况综述。项目全年预算数6万元，执行数为6万元，完成预算的100%。")
    assert rec.projects.is_empty()
    assert {D("4"), D("6")} <= unread_amounts(rec)



@pytest.mark.parametrize("scope", ["单位（本级）", "全馆（含分馆）", "单位（部门）", "机关（本部）"])
def test_a_bracket_of_scope_before_xiangmu_names_no_project(scope):
    """"单位（本级）项目年初预算 …": the brackets say whose projects, all of them: the project block's figures."""
    rec = parse(TITLE + "二、项目支出情况\n" + scope + "项目年初预算 120 万元，调整后预算 136 万元，实际支出 133.5 万元。")
    assert (rec.projects.initial_budget, rec.projects.adjusted_budget, rec.projects.actual) == (D("120"), D("136"), D("133.5"))


def test_figures_under_a_numbered_item_about_a_budget_within_the_units_are_not_the_units():
    """"…。3、“三公”经费控制：本单位严格控制“三公”经费开支。上年年初预算安排 0 万元，…今年年初预算安排 0 万元…" run into
    one paragraph: the item's figures are that budget's; the unit's own figures before it stay."""
    rec = parse(TITLE + "本单位全年预算支出决算数为 215.40 万元。3、“三公”经费控制：本单位严格控制“三公”经费开支。"
                        "上年年初预算安排 0 万元，实际开支 0 万元，今年年初预算安排 0 万元，实际开支 0 万元。")
    assert fields(rec.overall) == {"actual": D("215.40")}


@pytest.mark.parametrize("text", [
    "“三公”经费情况：年初预算 12.00 万元，实际支出 10.50 万元。",
    "本单位“三公”经费：年初预算 12.00 万元，实际支出 10.50 万元。",
    "会议费、培训费支出情况：年初预算安排 12.00 万元，实际开支 10.50 万元。",
])
def test_a_budget_within_the_units_named_before_a_colon_owns_the_figures_after(text):
    """The figures right after a colon whose words name a budget within the unit's (nothing of the unit's own
    between) are that budget's; the unit's come in the next sentence."""
    rec = parse(TITLE + "二、预算执行情况\n" + text + "\n2022年度年初预算 320.50 万元，调整后预算 356.20 万元，"
                        "全年实际支出 348.90 万元，预算执行率 97.95%。")
    o = rec.overall
    assert (o.initial_budget, o.adjusted_budget, o.actual) == (D("320.50"), D("356.20"), D("348.90"))


@pytest.mark.parametrize("text, want", [
    ("本馆于2022年7月新组建，年初预算 0 万元，年中追加预算 85.00 万元，全年实际支出 84.20 万元。", {
        "initial_budget": D("0"), "adjustment": D("85.00"), "actual": D("84.20")}),
    ("年初预算 50 万元，年中调减 50 万元，调整后预算 0 万元，实际支出 0 万元。", {
        "initial_budget": D("50"), "adjustment": D("-50"), "adjusted_budget": D("0"), "actual": D("0")}),
])
def test_a_nil_budget_the_unit_states_is_read(text, want):
    """A new unit's 年初预算 0 万元, a budget withdrawn whole: zeros the unit states are its figures."""
    rec = parse(TITLE + "二、预算执行情况\n" + text)
    assert {k: v for k, v in fields(rec.overall).items() if k in want} == want


def test_a_year_in_the_reason_for_a_change_leaves_the_parts_this_years():
    """"…较上年减少 27.31 万元，主要原因是2022年有疫情防控经费 29.01 万元。其中：基本支出 …；项目支出 …": the
    year a reason names is not the year the next sentence speaks of; the parts are the total's."""
    rec = parse(TITLE.replace("2022", "2023") + "二、支出情况\n2023年度支出合计 192.01 万元，较上年决算数减少 27.31 万元，"
                "主要原因是2022年有疫情防控经费 29.01 万元。其中：基本支出 143.88 万元，占74.9%；项目支出 48.13 万元，占25.1%。")
    assert (rec.overall.actual, rec.basic.actual, rec.projects.actual) == (D("192.01"), D("143.88"), D("48.13"))
    rec = parse(TITLE.replace("2022", "2023") + "二、支出情况\n2023年度支出合计 192.01 万元。2022年度支出合计 219.32 万元。"
                "其中：基本支出 160.00 万元，项目支出 59.32 万元。")
    assert rec.basic.is_empty() and rec.projects.is_empty()  # (a year the sentence speaks of still carries)
    rec = parse(TITLE.replace("2022", "2023") + "二、支出情况\n2023年度支出合计 192.01 万元，较上年减少 27.31 万元，原因是压减"
                "一般性支出；2022年度支出合计 219.32 万元，其中：基本支出 160.00 万元，项目支出 59.32 万元。")
    assert rec.overall.actual == D("192.01") and rec.basic.is_empty() and rec.projects.is_empty()  # (the parts are 2022's)


def test_spending_realisation_rate_is_the_completion_rate():
    """支出实现率 (Fujian's word for 预算执行率): the completion rate, in prose as in a form's column."""
    rec = parse(TITLE + "二、预算执行情况\n全年预算 205.00 万元，实际支出 188.45 万元，支出实现率为 91.93%。")
    assert rec.overall.completion_rate == D("91.93")


def test_parts_after_a_change_with_last_year_are_the_totals():
    """"实际支出 X 万元，较上年增支 Y 万元，其中基本支出 …、项目支出 …": a change stands between, the parts are
    still the total's (another year's total between would take them)."""
    rec = parse(TITLE + "二、支出情况\n实际支出 16148.50 万元，较上年增支 2099.28 万元，其中基本支出 10140.66 万元、"
                        "项目支出 6007.84 万元。")
    assert (rec.overall.actual, rec.basic.actual, rec.projects.actual) == (D("16148.50"), D("10140.66"), D("6007.84"))


@pytest.mark.parametrize("text", [
    "我馆严格执行差旅费管理办法，年初预算 320.50 万元，调整后预算 356.20 万元，实际支出 348.90 万元。",
    "加强“三公”经费管理：年初预算 320.50 万元，调整后预算 356.20 万元，实际支出 348.90 万元。",
    "坚持厉行节约，压减会议费、培训费等一般性支出，年初预算 320.50 万元，调整后预算 356.20 万元，实际支出 348.90 万元。",
    "全年预算执行总体平稳。3、“三公”经费控制：全年“三公”经费支出 8.50 万元。总体来看，年初预算 320.50 万元，调整后预算 356.20 万元，"
    "实际支出 348.90 万元。",
])
def test_the_units_figures_after_words_on_a_budget_within_it_stay_the_units(text):
    """A clause about controlling 三公经费 or 会议费 before a comma, or an item about them left by a sentence on the
    whole ("总体来看，…"), leaves the unit's figures after it the unit's."""
    rec = parse(TITLE + "二、预算执行情况\n" + text)
    o = rec.overall
    assert (o.initial_budget, o.adjusted_budget, o.actual) == (D("320.50"), D("356.20"), D("348.90"))


@pytest.mark.parametrize("text", [
    "全年实际支出 447.80 万元，占全年预算 455.30 万元的 98.35%，其中：基本支出 301.20 万元，项目支出 146.60 万元。",
    "全年实际支出 447.80 万元，为调整后预算 455.30 万元的 98.35%，其中：基本支出 301.20 万元，项目支出 146.60 万元。",
    "全年实际支出 447.80 万元，与2022年支出合计 435.30 万元相比增加 12.50 万元，其中：基本支出 301.20 万元，项目支出 146.60 万元。",
    "全年实际支出 447.80 万元（2022年实际支出 435.30 万元），其中：基本支出 301.20 万元，项目支出 146.60 万元。",
])
def test_parts_after_a_rate_or_a_comparison_are_the_totals(text):
    """A rate's base ("占全年预算 Y 万元的 98.35%") or another year's total it is compared with standing between the
    total and 其中: the parts (which add up to it) are still the total's."""
    rec = parse(TITLE + "二、预算执行情况\n" + text)
    assert (rec.overall.actual, rec.basic.actual, rec.projects.actual) == (D("447.80"), D("301.20"), D("146.60"))
    assert rec.basic.adjusted_budget is None and rec.projects.adjusted_budget is None


@pytest.mark.parametrize("unit_sentence", ["本馆年初预算", "该单位年初预算", "2022年度，年初预算", "经统计，年初预算"])
def test_the_units_figures_after_a_numbered_item_on_a_budget_within_it_stay_the_units(unit_sentence):
    """After "3、“三公”经费控制：…" run into a paragraph, a sentence of amounts that are not all nil is read as ever
    (only nil amounts are that budget's): "本馆年初预算 386.40 万元…" is the unit's."""
    rec = parse(TITLE + "二、预算执行情况\n厉行节约。3、“三公”经费控制：全年“三公”经费支出 9.20 万元。" + unit_sentence
                + " 386.40 万元，调整后预算 421.90 万元，实际支出 410.30 万元，执行率97.25%。")
    o = rec.overall
    assert (o.initial_budget, o.adjusted_budget, o.actual) == (D("386.40"), D("421.90"), D("410.30"))


@pytest.mark.parametrize("topic", ["“三公”经费预算执行情况：", "公务用车运行维护费情况：", "因公出国（境）费用情况：",
                                   "在“三公”经费方面：", "“三公”经费控制情况："])
def test_a_budget_within_the_units_as_a_topic_before_a_colon(topic):
    rec = parse(TITLE + "二、预算执行情况\n" + topic + "年初预算 12.00 万元，调整后预算 12.00 万元，实际支出 10.50 万元，"
                "执行率87.5%。\n2022年度年初预算 386.40 万元，调整后预算 421.90 万元，实际支出 410.30 万元，执行率97.25%。")
    o = rec.overall
    assert (o.initial_budget, o.adjusted_budget, o.actual, o.completion_rate) == (
        D("386.40"), D("421.90"), D("410.30"), D("97.25"))


def test_last_years_total_in_the_same_period_takes_its_parts():
    rec = parse(TITLE + "二、预算执行情况\n全年实际支出 410.30 万元，上年同期支出 398.10 万元，其中：基本支出 259.00 万元，"
                        "项目支出 139.10 万元。")
    assert rec.overall.actual == D("410.30") and rec.basic.is_empty() and rec.projects.is_empty()


@pytest.mark.parametrize("between", ["含上年结转资金 20.00 万元", "结转下年 8.50 万元", "上年同期支出 301.50 万元"])
def test_parts_that_add_up_to_the_total_are_its_whatever_stands_between(between):
    """Parts after 其中 that add up to the total are its, whatever amount of another year stands between."""
    rec = parse(TITLE + "二、预算执行情况\n全年实际支出 329.70 万元，" + between + "，其中：基本支出 211.40 万元，项目支出 118.30 万元。")
    assert (rec.overall.actual, rec.basic.actual, rec.projects.actual) == (D("329.70"), D("211.40"), D("118.30"))


@pytest.mark.parametrize("topic", ["预算执行和“三公”经费管理情况：", "关于预算执行与“三公”经费方面："])
def test_a_topic_joining_the_units_budget_and_a_budget_within_it_is_the_units(topic):
    rec = parse(TITLE + "二、预算执行情况\n" + topic + "年初预算 312.60 万元，调整后预算 338.20 万元，实际支出 329.70 万元。")
    o = rec.overall
    assert (o.initial_budget, o.adjusted_budget, o.actual) == (D("312.60"), D("338.20"), D("329.70"))


def test_a_part_opening_its_sentence_still_names_the_next():
    rec = parse(TITLE + "二、预算执行情况\n项目支出年初预算 136.40 万元，调整后预算 140.00 万元。实际支出 138.20 万元。")
    assert fields(rec.projects) == {"initial_budget": D("136.40"), "adjusted_budget": D("140.00"), "actual": D("138.20")}


@pytest.mark.parametrize("spent", ["实际支出总额 5.80 万元", "支出总额 5.80 万元"])
def test_the_total_in_a_sub_budgets_run_is_its_own(spent):
    """"“三公”经费…，实际支出总额 …，执行率 …": the total is the 三公's, so is the rate after it."""
    rec = parse(TITLE + f"二、预算执行情况\n年初预算 312.60 万元。“三公”经费年初预算 6.50 万元，{spent}，预算执行率 89.23%。")
    assert fields(rec.overall) == {"initial_budget": D("312.60")}



def test_the_unit_named_right_before_its_label_after_a_blocks_figures():
    """"部门" is a block word by the label's first characters ("部门预算执行率"): it ends a class's run and names the
    whole after a block's figures."""
    from decimal import Decimal
    from perflib.model import Source
    from perflib.understand.parse import parse_text
    src = Source("t.txt", "txt", "utf-8", "0" * 64)
    rec = parse_text("示例县档案局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n2023年全年预算356.00万元，实际支出350.66万元。"
                     "“三公”经费执行率76.20%，部门预算执行率98.50%。\n", src)
    assert rec.overall.completion_rate == Decimal("98.50")
    rec = parse_text("示例县档案局2023年度部门整体支出绩效自评报告\n二、预算执行情况\n项目支出年初预算120.00万元，实际支出118.20万元，"
                     "部门预算执行率98.10%。\n", src)
    assert rec.projects.completion_rate is None and rec.overall.completion_rate == Decimal("98.10")  # (was the projects')
