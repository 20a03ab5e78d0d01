"""Rows and lines a layout perturbation of known pages misread: a block's figure on a line of its own, a row of two
cells, a part's row closed before the whole's spending. Our own words and figures."""
from decimal import Decimal as D
from pathlib import Path

import pytest

from perflib.pipeline import read_record

TITLE = "岭南县水务局2022年度部门整体支出绩效自评报告\n二、部门预算执行情况\n"


def read(tmp_path, body: str):
    path = tmp_path / "r.txt"
    path.write_text(TITLE + body, encoding="utf-8")
    return read_record(path)


@pytest.mark.parametrize("line", ["基本支出510.00万元", "其中：基本支出 | 510.00万元", "基本支出：510.00万元"])
def test_a_parts_figure_on_its_own_line_heads_no_section(tmp_path, line):
    rec = read(tmp_path, f"2022年年初预算860.00万元，其中：\n{line}\n全年实际支出842.36万元，预算执行率97.95%。\n")
    assert (rec.overall.actual, rec.overall.completion_rate) == (D("842.36"), D("97.95"))
    assert rec.basic.actual is None and rec.basic.completion_rate is None


@pytest.mark.parametrize("line", ["基本支出510.00万元", "基本支出：510.00万元"])
def test_spending_well_past_a_parts_figure_on_a_joined_line_is_not_the_parts(tmp_path, line):
    # (the lines run on into one paragraph: "…基本支出510.00万元全年实际支出842.36万元，…")
    rec = read(tmp_path, f"2022年年初预算860.00万元\n{line}\n全年实际支出842.36万元，预算执行率97.95%。\n")
    assert rec.basic.actual is None and rec.basic.completion_rate is None
    assert rec.overall.initial_budget == D("860.00")


def test_a_parts_heading_still_heads_its_section(tmp_path):
    rec = read(tmp_path, "基本支出情况\n全年实际支出510.00万元，预算执行率100%。\n")
    assert (rec.basic.actual, rec.overall.actual) == (D("510.00"), None)


def test_a_numbered_heading_with_a_figure_still_heads_its_section(tmp_path):
    rec = read(tmp_path, "2022年年初预算860.00万元。\n（一）项目支出 350.00万元\n全年实际支出338.10万元。\n")
    assert (rec.projects.actual, rec.overall.actual) == (D("338.10"), None)


def test_spending_well_past_a_parts_closed_figure_is_not_the_parts(tmp_path):
    rec = read(tmp_path, "2022年年初预算860.00万元。项目支出 | 350.00万元;2022年全年实际支出842.36万元;\n")
    assert rec.projects.actual is None
    assert any(u.amount == D("842.36") for u in rec.unread)  # (listed unread, not given to anyone)


@pytest.mark.parametrize("joiner", ["；", ";"])
def test_spending_within_reach_of_a_parts_figure_is_still_the_parts(tmp_path, joiner):
    rec = read(tmp_path, f"2022年年初预算860.00万元。项目支出350.00万元{joiner}全年实际支出338.10万元。\n")
    assert rec.projects.actual == D("338.10")


def test_rows_of_two_cells_under_a_line_naming_a_part_are_not_the_units(tmp_path):
    # (a row has no sentence of its own to say whose figure it is: rows of two cells are not read as label and figure)
    rec = read(tmp_path, "2022年年初预算860.00万元，全年实际支出842.36万元。\n其中项目支出情况如下：\n"
                         "年初预算 | 360.00万元\n调整后预算 | 380.00万元\n预算执行率 | 92.11%\n")
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("860.00"), D("842.36"))
    assert rec.overall.adjusted_budget is None and rec.overall.completion_rate is None


def test_a_parts_word_whose_amount_opens_the_next_line_heads_no_section(tmp_path):
    # (a page broke "其中基本支出510.00万元，项目支出…" after its block word)
    rec = read(tmp_path, "\n我局2022年收到财政资金\n860.00万元,\n无上年结转。\n其中基本支出\n510.00万元,\n项目支出\n"
                         "350.00万元;2022年全年实际支出842.36万元;\n资金无结余。\n")
    assert rec.basic.actual is None and rec.projects.actual is None
    assert rec.overall.actual == D("842.36")


def test_a_parts_word_and_a_label_on_a_line_still_head_the_cells_below():
    # (the sample 2022_weijian with its clauses one per line: "其中：基本支出年初预算数" ⏎ "8,700.00万元，" ⏎ "全年预算数" …)
    rec = read_record(Path(__file__).parent / "fixtures" / "weijian_one_cell_per_line.txt")
    assert (rec.basic.adjusted_budget, rec.basic.actual, rec.basic.completion_rate) == (
        D("8900.00"), D("8920.20"), D("100.23"))


def test_a_sentence_cut_into_cells_is_not_a_row_of_two(tmp_path):
    # (its clauses cut at the bars: "资金共 | 157.71万元，⏎实际支出 | 157.71万元。⏎其中基本支出 | 148.26万元，…")
    rec = read(tmp_path, "（一）基本支出情况\n2022年财政安排资金共 | 157.71万元，\n实际支出 | 157.71万元。\n"
                         "其中基本支出 | 148.26万元，\n")
    assert rec.basic.actual is None


def test_a_budget_planned_ahead_does_not_give_an_untitled_page_its_year(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("一、部门基本情况\n截至2021年12月底，示例会资产总额659.02万元。\n"
                    "2023年部门预算安排888.88万元，其中基本支出555.55万元，项目支出333.33万元。\n"
                    "2021年度示例会批复支出预算182.15万元，实际执行支出171.15万元，部门整体预算执行率为93.96%。\n",
                    encoding="utf-8")
    rec = read_record(path)
    assert rec.year == 2021
    assert rec.overall.actual == D("171.15") and rec.overall.initial_budget is None
    assert rec.basic.initial_budget is None and rec.projects.initial_budget is None


@pytest.mark.parametrize("budget_year", [2020, 2022])
def test_an_untitled_pages_year_is_its_spendings_not_a_budget_stated_before_it(tmp_path, budget_year):
    # (a budget of the year before, or one planned ahead, over the year's spending: the spending's year is evaluated;
    # the rule of the stop before took only a budget planned ahead)
    path = tmp_path / "r.txt"
    path.write_text(f"一、部门基本情况\n{budget_year}年部门预算安排888.88万元，其中基本支出555.55万元。\n"
                    "2021年实际执行支出871.15万元。\n", encoding="utf-8")
    assert read_record(path).year == 2021


def test_an_untitled_pages_first_budget_gives_its_year_when_the_spending_states_none(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("一、部门基本情况\n2021年部门预算安排888.88万元，其中基本支出555.55万元。\n"
                    "全年实际执行支出871.15万元。\n", encoding="utf-8")
    assert read_record(path).year == 2021


def test_the_final_accounts_year_is_the_pages_over_another_years_spending(tmp_path):
    # ("2021年部门决算收支完成情况" is the year's own spending: a line of the year before under it does not move it)
    path = tmp_path / "r.txt"
    path.write_text("一、基本情况\n2021年部门决算收支完成情况。\n1、收入:702.20万元。\n"
                    "2020年度年初预算为650.00万元，调整后预算690.00万元，实际支出688.10万元。\n"
                    "2、支出:699.10万元。\n", encoding="utf-8")
    assert read_record(path).year == 2021


def test_a_cause_naming_what_changed_gives_the_next_sentence_no_block(tmp_path):
    rec = read(tmp_path, "增加原因：项目支出预算增加。年末决算收入725.00万元，支出601.00万元。\n")
    assert rec.projects.actual is None
    assert rec.overall.actual == D("601.00")


@pytest.mark.parametrize("office", ["我部", "我局"])
def test_a_short_page_on_one_line_is_titled_by_its_opening(tmp_path, office):
    path = tmp_path / "r.txt"
    path.write_text(f"中共示例县县委组织部2020年度部门整体支出绩效评价报告根据要求，{office}认真组织进行了自评工作。"
                    "全年实际支出596.25万元。\n", encoding="utf-8")
    rec = read_record(path)
    assert (rec.department, rec.year) == ("中共示例县县委组织部", 2020)


def test_a_block_word_alone_on_its_line_heads_the_figures_below(tmp_path):
    rec = read(tmp_path, "基本支出\n300.00万元，实际支出290.00万元，执行率96.67%。\n")
    assert (rec.basic.actual, rec.basic.completion_rate) == (D("290.00"), D("96.67"))
    assert rec.overall.actual is None


def test_a_cause_after_a_parts_own_figures_leaves_the_part_named(tmp_path):
    rec = read(tmp_path, "2022年年初预算860.00万元。项目支出年初预算400.00万元，年中追加100.00万元，增加原因：新增项目支出增加。"
                         "调整后预算500.00万元，实际支出480.00万元。\n")
    assert (rec.projects.adjusted_budget, rec.projects.actual) == (D("500.00"), D("480.00"))
    assert rec.overall.actual is None


def test_a_parts_budget_raised_after_its_figure_still_names_its_spending(tmp_path):
    rec = read(tmp_path, "2022年年初预算860.00万元。项目支出200.00万元，年中追加100.00万元，调整后预算300.00万元，"
                         "实际支出295.00万元，执行率98.33%。\n")
    assert (rec.projects.adjusted_budget, rec.projects.actual) == (D("300.00"), D("295.00"))


def test_a_years_spending_compared_does_not_give_an_untitled_page_its_year(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("一、部门基本情况\n示例会主要负责本县文化宣传工作。\n"
                    "2022年部门预算安排500.00万元，其中基本支出300.00万元，项目支出200.00万元。\n"
                    "2021年度实际支出450.00万元，同比增长5%。\n2022年度实际执行支出480.00万元，执行率96%。\n",
                    encoding="utf-8")
    assert read_record(path).year == 2022


def test_a_parts_figure_over_the_lines_that_detail_it_heads_them(tmp_path):
    rec = read(tmp_path, "基本支出 310.00万元\n年初预算300.00万元，全年预算310.00万元，实际支出305.00万元，执行率98.39%。\n"
                         "项目支出 210.00万元\n年初预算200.00万元，全年预算210.00万元，实际支出195.00万元，执行率92.86%。\n")
    assert (rec.basic.actual, rec.projects.actual) == (D("305.00"), D("195.00"))
    assert rec.overall.actual is None


def test_money_carried_over_from_a_year_before_does_not_give_an_untitled_page_its_year(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("岭南县水务局部门整体支出绩效自评报告\n一、部门预算执行情况\n"
                    "2022年部门年初预算500.00万元，其中基本支出300.00万元，项目支出200.00万元。\n"
                    "全年实际支出480.00万元，执行率96%。\n2021年结转项目资金30.00万元，均已执行，执行率100%。\n",
                    encoding="utf-8")
    rec = read_record(path)
    assert rec.year == 2022 and rec.overall.actual == D("480.00")


def test_an_increase_adds_to_what_a_part_may_spend(tmp_path):
    rec = read(tmp_path, "（二）项目支出情况\n项目支出200.00万元，年中追加150.00万元，实际支出340.00万元，执行率97.14%。\n")
    assert (rec.projects.actual, rec.projects.completion_rate) == (D("340.00"), D("97.14"))


def test_the_wholes_budget_does_not_raise_what_a_part_may_spend(tmp_path):
    rec = read(tmp_path, "基本支出 | 759.00万元\n"
                         "项目支出 | 996.06万元;2022年全年预算1800.00万元，全年实际支出1755.06万元，执行率97.5%。\n")
    assert rec.projects.actual is None and rec.projects.adjusted_budget is None


def test_a_part_a_qizhong_line_opens_names_the_next_lines_figures_only(tmp_path):
    # (paragraphs a page sets apart, <p> by <p>: a text file would run these lines on)
    path = tmp_path / "r.html"
    lines = ["岭南县水务局2022年度部门整体支出绩效自评报告", "一、部门预算执行情况", "全年预算500.00万元，", "其中基本支出",
             "300.00万元，实际支出290.00万元，执行率96.67%。", "全年实际支出480.00万元。"]
    path.write_text("<html><body>" + "".join(f"<p>{t}</p>" for t in lines) + "</body></html>", encoding="utf-8")
    rec = read_record(path)
    assert (rec.basic.actual, rec.basic.completion_rate) == (D("290.00"), D("96.67"))
    assert rec.overall.actual == D("480.00")
