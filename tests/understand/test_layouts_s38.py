"""Layouts a third look at the perturbation hunt misread: a column header cut across two lines, a one-cell-per-line
form whose row lost a cell, bare numbers under a section's unit after a part's own amount. Our own words and figures."""
from decimal import Decimal as D

import pytest

from perflib.pipeline import read_record


def read(tmp_path, text: str):
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    return read_record(path)


# An untitled page opening on a basic-data form whose header line a PDF's wrap cut inside its last column.
FORM = ("附件2: 部门整体支出绩效评价基础数据表 填报单位: 单位:万元\n"
        "经费控制情况 2020年决算数 2021年预算数 {cut}三公经费 12.50 20.00 18.40\n"
        "本单位2021年预算执行情况良好，全年实际支出896.50万元，预算执行率98.60%。\n")


@pytest.mark.parametrize("cut", ["2021年决算数 ", "2021年决\n算数", "2021\n年决算数", "2021年\n决算数"])
def test_a_header_cut_inside_its_last_column_gives_that_columns_year(tmp_path, cut):
    assert read(tmp_path, FORM.format(cut=cut)).year == 2021


def test_a_years_columns_with_no_spending_column_give_no_year_from_the_header(tmp_path):
    # (a line ending on a year that no spending column follows: nothing is rejoined)
    text = ("附件2: 部门整体支出绩效评价基础数据表\n经费控制情况 2020年决算数 2021年预算数 2021\n年度合计 12.50 20.00\n")
    assert read(tmp_path, text).year == 2020  # (the one spending column's, as before: no column of 2021 is 决算)


# A national form one cell per line: 年初 / 预算数 / 全年预算数 / 全年 / 执行数 / … over a row of values.
HEAD = ("岭南县林业局2021年度部门整体支出绩效自评表\n"
        "年度预\n算申请\n(万元)\n年初\n预算数\n全年预算数\n全年\n执行数\n分值\n执行率\n得分\n年度资金总额\n")


def test_a_one_cell_per_line_form_reads_its_row_when_every_cell_is_there(tmp_path):
    rec = read(tmp_path, HEAD + "1200.00万元\n1250.00万元\n1180.00万元\n10\n94.40%\n9.4\n")
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual) == \
        (D("1200.00"), D("1250.00"), D("1180.00"))


@pytest.mark.parametrize("odd_cell", ["百分之94.4", "较好"])
def test_a_one_cell_per_line_form_whose_row_lost_a_cell_is_not_read_shifted(tmp_path, odd_cell):
    # a cell that reads as no value splits the row: the header's last names over the first values gave the budget as
    # the spending (全年 + 执行数 ← 1250.00); no column is known, so nothing is read from the row
    rec = read(tmp_path, HEAD + f"1200.00万元\n1250.00万元\n1180.00万元\n10\n{odd_cell}\n9.4\n")
    assert rec.overall.actual in (None, D("1180.00"))
    assert rec.overall.initial_budget in (None, D("1200.00"))
    assert rec.overall.adjusted_budget in (None, D("1250.00"))


# "单位：万元" stated once above, bare numbers below.
UNIT_TITLE = "岭南县水务局2022年度部门整体支出绩效自评报告\n二、部门预算执行情况（单位：万元）\n"


def test_spending_well_past_a_parts_bare_figure_is_not_the_parts(tmp_path):
    rec = read(tmp_path, UNIT_TITLE + "2022年年初预算860.00。项目支出 | 350.00;2022年全年实际支出842.36;\n")
    assert rec.projects.actual is None


def test_spending_within_reach_of_a_parts_bare_figure_is_still_the_parts(tmp_path):
    rec = read(tmp_path, UNIT_TITLE + "2022年年初预算860.00。项目支出350.00；全年实际支出338.10。\n")
    assert rec.projects.actual == D("338.10")
