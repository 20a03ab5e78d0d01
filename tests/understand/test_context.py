"""Figures from any phrasing, in the right block and year (fixtures: tests/understand/fixtures)."""
from decimal import Decimal as D

from perflib.pipeline import read_record
from understand.helpers_understand import fields, parse, parse_fixture, unread_amounts

TITLE = "某市某区审计局2021年度部门整体支出绩效自评报告\n"


def test_plain_labels_with_no_block_word_are_the_departments():
    """预算安排 / 年中追加预算 / 全年预算 / 本年支出, no 整体 anywhere: the title says whose they are."""
    rec = parse_fixture("plain_labels.txt")
    assert fields(rec.overall) == {"initial_budget": D("1250.40"), "adjustment": D("86.10"),
                                   "adjusted_budget": D("1336.50"), "actual": D("1302.75"),
                                   "completion_rate": D("97.47")}
    assert rec.projects.is_empty() and rec.basic.is_empty()
    assert rec.unread == []


def test_subject_of_the_sentence_names_the_unit():
    rec = parse("一、预算执行情况\n我单位全年支出 88.20 万元，预算执行率 95.10%。")
    assert fields(rec.overall) == {"actual": D("88.20"), "completion_rate": D("95.10")}


def test_no_title_no_block_no_subject_stays_unread():
    rec = parse("一、预算执行情况\n年初预算 30.00 万元，实际支出 29.00 万元。")
    assert not rec.has_budget_figure()
    assert unread_amounts(rec) == {D("30.00"), D("29.00")}


def test_list_items_of_income_and_spending():
    rec = parse(TITLE + "二、预算收支情况\n1、收入：512.30万元\n2、支出：498.75万元")
    assert rec.overall.actual == D("498.75")
    assert unread_amounts(rec) == {D("512.30")}  # income is no field


def test_final_figure_label():
    rec = parse(TITLE + "部门整体决算数 240.00 万元，年初预算数 250.00 万元。")
    assert fields(rec.overall) == {"actual": D("240.00"), "initial_budget": D("250.00")}


def test_total_followed_by_its_parts_is_the_whole():
    """Under "（一）基本支出情况", "本年实际支出 T，其中基本支出 B、项目支出 P": T is the unit's."""
    rec = parse_fixture("total_under_basic_heading.txt")
    assert rec.overall.actual == D("648.90")
    assert rec.basic.actual == D("512.40")
    assert rec.projects.actual == D("136.50")
    assert rec.projects.initial_budget == D("120.00") and rec.projects.adjusted_budget == D("140.00")


def test_parts_in_brackets_after_a_figure():
    rec = parse(TITLE + "全年实际支出 500.00 万元（基本支出 320.00 万元，项目支出 180.00 万元）。")
    assert (rec.overall.actual, rec.basic.actual, rec.projects.actual) == (D("500.00"), D("320.00"), D("180.00"))


def test_per_block_rates_in_one_clause():
    rec = parse_fixture("total_under_basic_heading.txt")
    assert (rec.overall.completion_rate, rec.basic.completion_rate, rec.projects.completion_rate) == \
        (D("98.50"), D("100"), D("97.50"))


def test_per_block_rates_with_their_labels():
    rec = parse(TITLE + "整体预算执行率 96%（基本支出执行率 99%、项目支出执行率 92.5%）。")
    assert (rec.overall.completion_rate, rec.basic.completion_rate, rec.projects.completion_rate) == \
        (D("96"), D("99"), D("92.5"))


def test_previous_year_sentence_fills_nothing():
    rec = parse_fixture("web_page.txt")
    assert rec.year == 2021
    assert rec.overall.actual == D("331.18")
    assert D("286.30") in unread_amounts(rec)  # "2020年我馆实际支出 …"


def test_comparison_with_last_year_is_no_adjustment():
    rec = parse_fixture("web_page.txt")
    assert rec.overall.adjustment is None
    assert D("44.88") in unread_amounts(rec)  # "较上年增支 44.88 万元"


def test_next_years_plan_is_not_this_years_budget():
    rec = parse(TITLE + "部门整体年初预算 300.00 万元。\n四、下一步计划\n2022年部门预算安排 360.00 万元。")
    assert rec.overall.initial_budget == D("300.00")
    assert D("360.00") in unread_amounts(rec)
    assert not [w for w in rec.warnings if "kept the first" in w]


def test_a_cited_notice_year_does_not_count():
    rec = parse("某县司法局2021年度部门整体支出绩效自评报告\n"
                "根据《关于做好2020年度绩效自评工作的通知》，我局实际支出 75.00 万元。")
    assert rec.overall.actual == D("75.00")


def test_ambiguous_total_stays_null_and_is_listed():
    """A 收支总计 of a disclosure is no field: listed as unread, never guessed."""
    rec = parse(TITLE + "2021年度收、支总计均为 900.00 万元。")
    assert not rec.has_budget_figure()
    assert [(u.amount, u.text) for u in rec.unread] == [(D("900.00"), "2021年度收、支总计均为 900.00 万元。")]


def test_parse_text_returns_a_finished_record():
    """The sign of a rate next to a decrease is settled inside parse_text."""
    rec = parse(TITLE + "部门整体年初预算 100.00 万元，调减 5.00 万元，调整率 5%。")
    assert rec.overall.adjustment == D("-5.00")
    assert rec.overall.adjustment_rate == D("-5")


def test_labels_listed_before_respectively():
    rec = parse(TITLE + "我局年初预算、调整后预算、实际支出分别为 400.00、450.00、441.30 万元。")
    assert fields(rec.overall) == {"initial_budget": D("400.00"), "adjusted_budget": D("450.00"),
                                   "actual": D("441.30")}


def test_blocks_listed_before_respectively():
    rec = parse(TITLE + "部门整体实际支出 441.30 万元，其中基本支出、项目支出分别为 300.10 万元、141.20 万元。"
                "基本支出、项目支出执行率分别为 99.5%、96%。")
    assert (rec.overall.actual, rec.basic.actual, rec.projects.actual) == (D("441.30"), D("300.10"), D("141.20"))
    assert (rec.basic.completion_rate, rec.projects.completion_rate) == (D("99.5"), D("96"))


def test_respectively_with_a_count_that_differs_reads_nothing():
    rec = parse(TITLE + "年初预算、实际支出分别为 400.00 万元。")
    assert rec.overall.initial_budget is None and rec.overall.actual is None
    assert unread_amounts(rec) == {D("400.00")}


def test_a_figure_in_a_targets_section_is_not_the_units():
    """Under 绩效目标完成情况, an unlabelled-block figure belongs to some task: not read, listed (实际支出 alone is no
    task's funds: the whole unit's may be meant); beside the task's budget, what it spent is its funds."""
    rec = parse(TITLE + "三、绩效目标完成情况\n完成老旧设备更新改造，实际支出 48.00 万元。")
    assert rec.overall.actual is None
    assert unread_amounts(rec) == {D("48.00")} and rec.tasks[0].funds is None
    rec = parse(TITLE + "三、绩效目标完成情况\n完成老旧设备更新改造，改造经费年初预算 50.00 万元，实际支出 48.00 万元。")
    assert rec.overall.actual is None and rec.tasks[0].funds == D("48.00")


def test_a_date_is_not_another_year():
    rec = parse(TITLE + "二、预算执行情况\n经2022年3月调整，部门整体全年预算 520.00 万元。")
    assert rec.overall.adjusted_budget == D("520.00")


def test_a_year_carries_over_the_sentences_of_its_paragraph():
    rec = parse(TITLE + "二、预算执行情况\n2020年度，我局圆满完成各项任务。全年实际支出 300.00 万元。\n"
                        "2021年度，我局年初预算 350.00 万元。全年实际支出 340.00 万元。")
    assert rec.overall.actual == D("340.00") and rec.overall.initial_budget == D("350.00")
    assert D("300.00") in unread_amounts(rec)


def test_an_indicators_amounts_are_read_not_left_unread(tmp_path):
    """"人均补助 ≤120元 118元" is a 绩效指标's target and actual, read as that indicator's: not an amount the
    report's money left unread (shown as "0.01 万元" it misled); a sentence's amount still is."""
    report = tmp_path / "r.txt"
    report.write_text(TITLE + "2021年度实际支出 640.00 万元，另收到捐赠 12.00 万元。\n"
                "部门整体支出绩效指标完成情况表\n"
                "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
                "产出指标\t数量指标\t审计项目数\t≥30个\t32个\t20\t20\n"
                "成本指标\t经济成本指标\t人均办案补助\t≤120元\t118元\t10\t10\n", encoding="utf-8")
    rec = read_record(report)
    assert [i.actual for i in rec.indicators] == ["32个", "118元"]
    assert [(u.amount, u.text) for u in rec.unread] == [(D("12.00"), "2021年度实际支出 640.00 万元，另收到捐赠 12.00 万元。")]


def test_an_amount_an_indicator_also_states_is_still_unread_in_another_sentence(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(TITLE + "2021年度实际支出 640.00 万元。上年结余资金 118 元未及时盘活。\n"
                      "部门整体支出绩效指标完成情况表\n"
                      "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
                      "成本指标\t经济成本指标\t人均办案补助\t≤120元\t118元\t10\t10\n", encoding="utf-8")
    rec = read_record(report)
    assert [u.text for u in rec.unread] == ["上年结余资金 118 元未及时盘活。"]
