"""Tables read by the roles of their labels, each figure with evidence naming its cell."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from perflib.model import Record, Source
from perflib.read.document import Document, Paragraph, Table, number_tables
from perflib.understand.parse import parse_document


def parse(*blocks, year_line: str = "某局2021年度部门整体支出绩效自评报告") -> Record:
    doc = Document(Source("t.xlsx", "xlsx", None, ""), number_tables([Paragraph(year_line), *blocks]))
    return parse_document(doc)


def test_roles_of_column_labels():
    t = Table([["单位：万元", "", "", "", ""],
               ["项目", "预算安排数", "调整后预算", "实际支出", "完成率"],
               ["支出总额", "100.00", "120.00", "110.00", "91.67%"],
               ["项目支出", "40.00", "50.00", "45.00", "90%"]], title="支出表")
    rec = parse(t)
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual,
            rec.overall.completion_rate) == (D("100.00"), D("120.00"), D("110.00"), D("91.67"))
    assert rec.projects.completion_rate == D("90")
    assert rec.evidence["projects.actual"] == "支出表 · 项目支出 × 实际支出: 45.00"


@pytest.mark.parametrize("rate_head, want", [("执行率(B/A)", "adjusted_budget"), ("执行率", None)])
def test_budget_the_rate_header_divides_by_is_the_adjusted_one(rate_head, want):
    """"预算数(A) | 执行数(B) | 执行率(B/A)", the row's 执行数 cell missing: the header says the rate is on
    预算数, an execution rate's base, the adjusted budget (the national form's note says so too). The cells from the
    percent under 执行数 on stand under no header of theirs: the score (20) is no rate, and under a bare 执行率 nothing
    then says which budget 预算数 is."""
    t = Table([["预算执行情况(万元)", "预算数(A)", "执行数(B)", rate_head, "得分"],
               ["部门整体支出总额", "652.4", "100%", "20", ""]], title="单位：万元")
    rec = parse(t)
    budgets = {"initial_budget": rec.overall.initial_budget, "adjusted_budget": rec.overall.adjusted_budget}
    assert budgets == {f: (D("652.4") if f == want else None) for f in budgets}
    assert rec.overall.completion_rate is None and rec.overall.actual is None


def test_budget_an_adjustment_rate_divides_by_stays_the_initial_one():
    t = Table([["项目", "预算数(A)", "调整后预算数(B)", "实际支出(C)", "调整率((B-A)/A)", "执行率(C/B)"],
               ["部门整体支出", "1250", "1320", "1296", "5.6%", "98.18%"]], title="单位：万元")
    rec = parse(t)
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget) == (D("1250"), D("1320"))


def test_previous_year_columns_are_never_this_years():
    t = Table([["项目", "2020年决算数", "2021年决算数", "上年执行数", "年初预算数"],
               ["合计", "90.00", "110.00", "95.00", "100.00"]], title="表")
    rec = parse(t)
    assert rec.overall.actual == D("110.00") and rec.overall.initial_budget == D("100.00")
    assert rec.evidence["overall.actual"] == "表 · 合计 × 2021年决算数: 110.00"


def test_previous_year_in_a_group_header_above():
    t = Table([["项目", "2020年", "2020年", "2021年", "2021年"],
               ["项目", "预算数", "决算数", "年初预算数", "决算数"],
               ["合计", "80.00", "90.00", "100.00", "110.00"]], title="表")
    rec = parse(t)
    assert rec.overall.actual == D("110.00") and rec.overall.initial_budget == D("100.00")
    assert rec.evidence["overall.actual"] == "表 · 合计 × 2021年 决算数: 110.00"


def test_funding_sources_and_parts_are_not_blocks():
    t = Table([["项目", "年初预算数", "全年执行数"],
               ["财政拨款", "70.00", "60.00"],
               ["其中：人员经费", "10.00", "9.00"],
               ["基本支出", "30.00", "29.00"]], title="表")
    rec = parse(t)
    assert rec.overall.is_empty()
    assert rec.basic.initial_budget == D("30.00") and rec.basic.actual == D("29.00")


def test_block_rows_adding_up_to_one_source_of_several_are_that_sources_parts():
    rows = [["项目", "年初预算数", "全年执行数"], ["一般公共预算", "280.00", "296.00"], ["基本支出", "200.00", "208.00"],
            ["项目支出", "80.00", "88.00"], ["其他资金", "20.00", "19.00"], ["项目支出", "20.00", "19.00"]]
    rec = parse(Table(rows, title="表"))
    assert rec.basic.is_empty() and rec.projects.is_empty()
    total = [["项目", "年初预算数", "全年执行数"], ["年度资金总额", "300.00", "315.00"], ["其中：财政拨款", "280.00", "296.00"],
             ["其中：基本支出", "200.00", "208.00"], ["项目支出", "80.00", "88.00"]]
    rec = parse(Table(total, title="表"))
    assert rec.overall.initial_budget == D("300.00") and rec.basic.is_empty() and rec.projects.is_empty()
    # parts that add up to the total too (the source is all the unit's money), or after another source: the unit's
    alone = [total[0], ["年度资金总额", "280.00", "296.00"], *total[2:]]
    assert parse(Table(alone, title="表")).basic.initial_budget == D("200.00")
    after = [total[0], ["年度资金总额", "300.00", "315.00"], ["其中：财政拨款", "280.00", "296.00"], ["其他资金", "20.00", "19.00"],
             ["基本支出", "200.00", "208.00"], ["项目支出", "100.00", "107.00"]]
    assert parse(Table(after, title="表")).projects.actual == D("107.00")


def test_unit_from_title_or_note_row_or_header():
    yuan_title = Table([["项目", "年初预算数", "全年执行数"], ["合计", "1,000,000.00", "900,000"]], title="支出表（元）")
    assert parse(yuan_title).overall.initial_budget == D("100")
    note_row = Table([["金额单位：元", ""], ["项目", "年初预算数", "全年执行数"], ["项目支出", "500000", "400000"]])
    assert parse(note_row).projects.actual == D("40")
    header = Table([["项目", "年初预算数（元）", "全年执行数（元）"], ["项目支出", "500000", "400000"]])
    assert parse(header).projects.initial_budget == D("50")


def test_a_unit_line_right_under_a_table_that_noted_none_is_its_unit():
    table = Table([["项目", "年初预算数", "全年执行数"], ["合计", "3,000,000.00", "2,900,000.00"]])
    for line in ("（单位：元）", "注：表中金额单位为元。"):
        assert parse(table, Paragraph(line)).overall.initial_budget == D("300")


def test_amounts_in_another_unit_than_the_other_blocks_are_not_taken():
    # 表2 states no unit of its own: the note above 表1 is 表1's; its parts 10,000 times the whole
    first = Table([["项目", "年初预算数", "全年执行数"], ["合计", "300.00", "290.00"]])
    second = Table([["项目", "年初预算数", "全年执行数"], ["基本支出", "2000000.00", "1900000.00"]])
    rec = parse(Paragraph("单位：万元"), first, Paragraph("表2 基本支出"), second)
    assert (rec.overall.initial_budget, rec.basic.initial_budget, rec.basic.actual) == (D("300.00"), None, None)


def test_no_unit_is_assumed_wan_with_a_warning():
    rec = parse(Table([["项目", "年初预算数", "全年执行数"], ["项目支出", "5.00", "4.00"]]))
    assert rec.projects.actual == D("4.00")
    assert any("no unit stated" in w for w in rec.warnings)


def test_label_value_form():
    t = Table([["部门名称", "某某局", "某某局", "某某局"],
               ["单位：万元", "", "", ""],
               ["项目支出", "项目支出", "项目支出", "项目支出"],
               ["年初预算数", "40.00", "全年预算数", "50.00"],
               ["全年执行数", "45.00", "执行率", "90%"],
               ["上年执行数", "30.00", "", ""]], title="基础数据")
    rec = parse(t, year_line="2021年度部门整体支出绩效评价基础数据")
    assert rec.department == "某某局"
    assert (rec.projects.initial_budget, rec.projects.adjusted_budget, rec.projects.actual,
            rec.projects.completion_rate) == (D("40.00"), D("50.00"), D("45.00"), D("90"))
    assert rec.evidence["projects.adjusted_budget"] == "基础数据 · 项目支出 × 全年预算数: 50.00"
    assert not [w for w in rec.warnings if "kept the first" in w]  # 上年执行数 was not read


def test_form_label_naming_its_block():
    t = Table([["项目支出年初预算数", "40.00", "项目支出全年执行数", "45.00"]], title="表（万元）")
    rec = parse(t)
    assert rec.projects.initial_budget == D("40.00") and rec.projects.actual == D("45.00")
    assert rec.evidence["projects.actual"] == "表（万元） · 项目支出全年执行数 × 项目支出全年执行数: 45.00"


def test_total_of_a_list_of_projects():
    t = Table([["项目名称", "年初预算数", "全年执行数"], ["道路维护", "10.00", "9.00"], ["合计", "30.00", "28.00"]],
              title="项目支出明细（万元）")
    rec = parse(t)
    assert rec.projects.actual == D("28.00") and rec.overall.is_empty()


def test_indicator_table_after_the_budget_table_is_not_read_as_budget_rows():
    t = Table([["项目", "年初预算数", "全年执行数", "执行率"],
               ["项目支出", "40.00", "45.00", "100%"],
               ["一级指标", "二级指标", "三级指标", "指标值"],
               ["产出指标", "项目支出数量", "12", "12"]], title="表（万元）")
    rec = parse(t)
    assert rec.projects.actual == D("45.00")
    assert not rec.warnings


def test_a_row_of_target_and_actual_rates_gives_the_actual_under_its_header_else_none():
    t = Table([["三级指标", "指标值", "完成值", "分值"],
               ["基本支出执行率", "95%", "98.10%", "10"]], title="绩效指标")
    assert parse(t).basic.completion_rate == D("98.10")
    t = Table([["基本支出执行率", "95%", "98.10%"]], title="绩效指标")
    assert parse(t).basic.completion_rate is None


def test_ragged_flattened_row_is_not_read():
    t = Table([["项目", "年初预算数", "全年执行数", "执行率"], ["项目支出", "40.00", "100%"]], title="表（万元）")
    rec = parse(t)
    assert rec.projects.is_empty()
    assert any("not read" in w for w in rec.warnings)


def test_tables_reach_the_document_and_the_record_text():
    t = Table([["项目", "年初预算数", "全年执行数"], ["项目支出", "40.00", "45.00"]], title="表（万元）")
    rec = parse(t)
    assert "项目支出\t40.00\t45.00" in rec.text.split("\n")


# --- any grid reads without raising; whatever is taken names a cell of the table ------------
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from evidence import traceable  # noqa: E402

_CELLS = st.sampled_from(["", "项目", "年初预算数", "全年预算数", "全年执行数", "执行率", "上年决算数", "2020年", "决算数",
                          "年度资金总额", "其中：基本支出", "项目支出", "财政拨款", "合计", "部门名称", "某局", "单位：元",
                          "（万元）", "100%", "99.5", "1,234.50", "—", "12", "0", "-3.5", "得分", "分值", "项目名称",
                          "（2021年度）", "调整率", "预算调整数"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_CELLS, min_size=1, max_size=7), min_size=1, max_size=8), st.booleans())
def test_any_grid_reads(rows, square):
    if square:
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
    rec = parse(Table(rows, title=None))
    for key, evidence in rec.evidence.items():
        assert traceable(evidence, rec.text), (key, evidence)


def test_unit_noted_lines_above_the_table():
    doc = Document(Source("t.txt", "txt", "utf-8", ""), number_tables([
        Paragraph("某局2021年度部门整体支出绩效自评报告"), Paragraph("（金额单位：元）"), Paragraph("表1 预算执行情况"),
        Table([["项目", "年初预算数", "全年执行数"], ["项目支出", "500000", "400000"]])]))
    rec = parse_document(doc)
    assert rec.projects.actual == D("40") and not rec.warnings


def test_total_above_block_rows_is_the_departments_total():
    # "项目名称" heads the label column, but the rows are the blocks: 合计 is the overall total.
    t = Table([["项目名称", "年初预算数", "全年执行数"], ["合计", "30.00", "28.00"],
               ["基本支出", "20.00", "20.00"], ["项目支出", "10.00", "8.00"]], title="支出表（万元）")
    rec = parse(t)
    assert rec.overall.actual == D("28.00") and rec.projects.actual == D("8.00")


def test_year_columns_only_this_years_spending():
    t = Table([["项目", "2020年（万元）", "2021年（万元）", "增减率"],
               ["支出合计", "80.00", "88.00", "10%"], ["项目支出", "30.00", "33.50", "11.67%"]],
              title="两年支出对比")
    rec = parse(t)
    assert rec.overall.actual == D("88.00") and rec.projects.actual == D("33.50")
    assert rec.evidence["projects.actual"] == "两年支出对比 · 项目支出 × 2021年（万元）: 33.50"
    assert rec.overall.initial_budget is None and rec.overall.adjusted_budget is None


def test_year_columns_of_a_budget_are_not_spending():
    t = Table([["项目", "2020年", "2021年"], ["支出合计", "80.00", "88.00"], ["项目支出", "30.00", "33.50"]],
              title="两年预算安排（万元）")
    rec = parse(t)
    assert rec.overall.is_empty() and rec.projects.is_empty()


def test_year_rows_only_the_reports_year():
    t = Table([["年份", "支出总额", "基本支出", "项目支出"],
               ["2020年", "70.00", "50.00", "20.00"], ["2021年", "75.50", "52.25", "23.25"]],
              title="历年支出（单位：万元）")
    rec = parse(t)
    assert (rec.overall.actual, rec.basic.actual, rec.projects.actual) == (D("75.50"), D("52.25"), D("23.25"))
    assert rec.evidence["basic.actual"] == "历年支出（单位：万元） · 2021年 × 基本支出: 52.25"


def test_year_rows_without_the_reports_year_read_nothing():
    t = Table([["年份", "支出总额", "基本支出", "项目支出"],
               ["2019年", "70.00", "50.00", "20.00"], ["2020年", "75.50", "52.25", "23.25"]],
              title="历年支出（单位：万元）")
    rec = parse(t)
    assert rec.overall.is_empty() and rec.basic.is_empty() and rec.projects.is_empty()


def test_amounts_no_field_took_are_unread_with_their_row():
    t = Table([["单位：万元", "", "", ""],
               ["项目", "上年执行数", "全年执行数", "执行率"],
               ["合计", "95.00", "110.00", "98%"],
               ["其中：财政拨款", "90.00", "104.00", "97%"]], title="表")
    rec = parse(t)
    assert rec.overall.actual == D("110.00")
    unread = {(u.amount, u.text) for u in rec.unread}
    assert unread == {(D("95.00"), "合计\t95.00\t110.00\t98%"), (D("90.00"), "其中：财政拨款\t90.00\t104.00\t97%"),
                      (D("104.00"), "其中：财政拨款\t90.00\t104.00\t97%")}
    assert all(u.text in rec.text for u in rec.unread)


def test_unread_amounts_in_yuan_and_no_unit_no_money():
    t = Table([["项目", "2020年（元）", "2021年（元）"], ["支出合计", "800,000.00", "880,000.00"]], title="对比")
    rec = parse(t)
    assert rec.overall.actual == D("88.00") and [u.amount for u in rec.unread] == [D("80.00")]
    counts = Table([["项目", "年初数", "年末数"], ["在编人数", "30", "32"]], title="人员")
    assert parse(counts).unread == []


def test_row_numbers_are_no_amounts():
    t = Table([["序号", "单位", "执行数（万元）"], ["1", "甲站", "12.50"], ["2", "乙站", "8.25"]], title="各单位")
    assert sorted(u.amount for u in parse(t).unread) == [D("8.25"), D("12.50")]
    no_header = Table([["收入合计", "27", "6,800.00"], ["支出合计", "57", "6,750.00"]], title="决算（单位：万元）")
    assert sorted(u.amount for u in parse(no_header).unread) == [D("6750.00"), D("6800.00")]


# --- a column per year, rows named by their figure ---------------------------------------------
def test_rows_of_figures_under_year_columns_read_this_years_column():
    t = Table([["指标", "2020年", "2021年"], ["年初预算", "310.40", "326.80"], ["调整后预算", "335.00", "351.20"],
               ["实际支出", "330.10", "344.90"], ["预算执行率", "98.54%", "98.21%"]], title="部门整体支出（万元）")
    rec = parse(t)
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual,
            rec.overall.completion_rate) == (D("326.80"), D("351.20"), D("344.90"), D("98.21"))
    assert rec.evidence["overall.actual"] == "部门整体支出（万元） · 实际支出 × 2021年: 344.90"


def test_rows_of_figures_under_previous_and_this_year_in_words():
    for earlier, this in (("上年数", "本年数"), ("上年度", "本年度"), ("去年", "本年"), ("上年实际", "本年实际")):
        t = Table([["项目", earlier, this], ["年初预算数", "88.00", "96.50"], ["全年执行数", "85.20", "94.10"]],
                  title="部门整体支出（万元）")
        rec = parse(t)
        assert (rec.overall.initial_budget, rec.overall.actual) == (D("96.50"), D("94.10")), (earlier, this)


def test_rows_of_figures_under_other_years_only_read_nothing():
    t = Table([["指标", "2019年", "2020年"], ["年初预算", "310.40", "326.80"], ["实际支出", "330.10", "344.90"]],
              title="部门整体支出（万元）")
    assert parse(t).overall.is_empty()


def test_year_columns_as_flattened_text():
    from understand.helpers_understand import parse as parse_txt

    rows = [["指标", "2022年", "2023年"], ["年初预算", "140.00", "152.30"], ["实际支出", "138.60", "150.75"]]
    head = "某某县档案馆2023年度部门整体支出绩效自评报告\n一、部门整体支出情况（单位：万元）\n"
    for sep in (" | ", "\t", "  "):
        rec = parse_txt(head + "\n".join(sep.join(r) for r in rows) + "\n", paragraphs=True)
        assert (rec.overall.initial_budget, rec.overall.actual) == (D("152.30"), D("150.75")), sep
    cells = parse_txt(head + "\n".join(c for r in rows for c in r) + "\n", paragraphs=True)  # one cell a line
    assert cells.overall.initial_budget in (None, D("152.30")) and cells.overall.actual in (None, D("150.75"))


# --- a budget called neither 年初 nor 调整后 ------------------------------------------------------
def test_bare_budget_column_with_nothing_to_say_which_is_not_read():
    t = Table([["项目", "预算数", "决算数"], ["合计", "512.60", "498.35"], ["基本支出", "300.20", "296.00"],
               ["项目支出", "212.40", "202.35"]], title="支出情况（万元）")
    rec = parse(t)
    assert rec.overall.actual == D("498.35") and rec.projects.actual == D("202.35")
    for block in (rec.overall, rec.basic, rec.projects):
        assert block.initial_budget is None and block.adjusted_budget is None


def test_bare_budget_column_beside_a_rate_or_a_year():
    """A rate says which budget; a year in the header does not."""
    rate_base = Table([["项目", "预算数", "决算数", "执行率"], ["合计", "512.60", "498.35", "97.22%"]], title="表（万元）")
    assert parse(rate_base).overall.adjusted_budget == D("512.60")
    other_base = Table([["项目", "预算数", "决算数", "执行率"], ["合计", "480.00", "498.35", "97.22%"]], title="表（万元）")
    assert parse(other_base).overall.initial_budget == D("480.00")
    # a year in the header says neither which budget (h3-b2_05): set at the year's start or adjusted in it
    for head in ("2021年预算数", "2021年度预算数"):
        of_the_year = Table([["项目", "2020年决算数", head, "2021年执行数"], ["项目支出", "190.00", "212.40", "202.35"]],
                            title="表（万元）")
        rec = parse(of_the_year)
        assert rec.projects.initial_budget is None and rec.projects.adjusted_budget is None
        assert rec.projects.actual == D("202.35")
    # …but in the 基础数据表's 经费控制情况 section the form defines it: the budget set for the year
    form = Table([["经费控制情况（万元）", "2020年决算数", "2021年预算数", "2021年决算数"],
                  ["项目支出", "190.00", "212.40", "202.35"]], title="部门整体支出绩效评价基础数据表")
    assert parse(form).projects.initial_budget == D("212.40")


def test_bare_budget_in_a_form_is_the_budget_its_blocks_figures_say():
    alone = Table([["预算数", "512.60", "决算数", "498.35"]], title="部门整体支出（万元）")
    rec = parse(alone)
    assert rec.overall.actual == D("498.35")
    assert rec.overall.initial_budget is None and rec.overall.adjusted_budget is None
    with_rate = Table([["预算数", "512.60", "决算数", "498.35"], ["执行率", "97.22%", "得分", "10"]], title="部门整体支出（万元）")
    rec = parse(with_rate)
    assert rec.overall.adjusted_budget == D("512.60") and rec.overall.initial_budget is None


# --- a form's total left blank ------------------------------------------------------------------
def test_total_row_of_zeros_over_its_parts_is_a_blank_row():
    t = Table([["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
               ["年度资金总额", "0", "0", "0", "10", "0", "0"],
               ["其中：本年财政拨款", "860", "905", "897.5", "—", "—", "—"],
               ["上年结转资金", "—", "—", "—", "—", "—", "—"]], title="部门整体支出绩效自评表")
    rec = parse(t)
    assert rec.overall.is_empty()
    assert any("blank row" in w for w in rec.warnings)


def test_a_block_of_zeros_beside_other_blocks_is_read():
    t = Table([["项目", "年初预算数", "全年预算数", "全年执行数"], ["合计", "400", "420", "415"],
               ["基本支出", "400", "420", "415"], ["项目支出", "0", "0", "0"]], title="表（万元）")
    rec = parse(t)
    assert (rec.projects.initial_budget, rec.projects.actual) == (D("0"), D("0"))
    assert rec.overall.actual == D("415")


def test_a_part_of_zeros_over_a_source_of_funds_is_read_as_zeros(tmp_path):
    """项目支出 | 0 | 0 | 0 | 0% in a unit with no projects, a 财政拨款 row of the whole unit's money under
    it: the zeros were dropped as a "blank row of the form"; only a 其中 row is a part of that block."""
    from perflib.pipeline import read_record

    path = tmp_path / "form.txt"
    path.write_text("某某县档案馆2023年度部门整体支出绩效自评表\n单位：万元\n"
                    "| 项目 | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 |\n"
                    "| 年度资金总额 | 250.00 | 262.40 | 260.10 | 99.12% |\n"
                    "| 基本支出 | 250.00 | 262.40 | 260.10 | 99.12% |\n"
                    "| 项目支出 | 0 | 0 | 0 | 0% |\n"
                    "| 财政拨款 | 250.00 | 262.40 | 260.10 | 99.12% |\n", encoding="utf-8")
    rec = read_record(path)
    assert (rec.projects.initial_budget, rec.projects.actual) == (D("0"), D("0"))
    assert not [w for w in rec.warnings if "all zeros" in w]


# --- a table of other money than the unit's spending -----------------------------------------------
def test_the_total_of_a_table_about_a_budget_within_the_units_is_no_blocks():
    other = Table([["项目", "年初预算", "实际支出", "执行率"], ["合计", "16.00", "12.80", "80.00%"],
                   ["公务接待费", "6.00", "4.20", "70.00%"]], title="表2 2021年度“三公”经费支出情况（万元）")
    own = Table([["项目", "年初预算", "实际支出", "执行率"], ["合计", "326.40", "352.60", "97.94%"]], title="表3 部门整体支出（万元）")
    rec = parse(other, own)
    assert (rec.overall.initial_budget, rec.overall.actual, rec.overall.completion_rate) == (D("326.40"), D("352.60"), D("97.94"))
    assert D("12.80") in [u.amount for u in rec.unread]


def test_a_revenue_or_sub_budget_total_row_is_no_blocks():
    t = Table([["科目", "年初预算", "调整后预算", "决算数"], ["本年收入合计", "520.00", "590.50", "590.50"],
               ["三公经费合计", "18.00", "18.00", "15.20"], ["本年支出合计", "520.00", "590.50", "577.20"]],
              title="收支预算执行情况（万元）")
    rec = parse(t)
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual) == (D("520.00"), D("590.50"), D("577.20"))


def test_the_one_row_of_figures_with_no_label_is_the_headings_block():
    """"年初预算 | 调整后预算 | 实际支出 | 执行率" over one row of figures and no label (r2-26): the row is
    the block its heading names; with no block named, nothing is read."""
    header = ["年初预算", "调整后预算", "实际支出", "执行率"]
    for rows in ([header, ["412.60", "438.90", "430.25", "98.03%"]],
                 [[""] + header, ["", "412.60", "438.90", "430.25", "98.03%"]]):
        rec = parse(Paragraph("一、部门整体支出情况（单位：万元）"), Table([list(r) for r in rows]))
        assert (rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual,
                rec.overall.completion_rate) == (D("412.60"), D("438.90"), D("430.25"), D("98.03"))
        rec = parse(Paragraph("二、项目支出情况（单位：万元）"), Table([list(r) for r in rows]))
        assert rec.projects.initial_budget == D("412.60") and rec.overall.initial_budget is None
        rec = parse(Paragraph("三、绩效目标完成情况"), Table([list(r) for r in rows]), year_line="某局2021年度绩效报告")
        assert rec.overall.initial_budget is None and rec.projects.initial_budget is None


def test_an_amount_under_a_rates_name_is_no_completion_rate():
    """A misaligned row ("执行率 | 860.00 | …": the rate's name over an amount) gives no rate of 860%; a
    rate above 100 that a report may state (spending beyond the adjusted budget) is still read."""
    t = Table([["", "部门整体支出", "年初预算数"], ["执行率", "860.00", "912.50"]], title="表")
    rec = parse(t)
    assert rec.overall.completion_rate is None and any("860.00%" in w for w in rec.warnings)
    rec = parse(Table([["项目", "调整后预算数", "执行率"], ["部门整体支出", "100.00", "103.21%"]], title="表"))
    assert rec.overall.completion_rate == D("103.21")


def test_a_projects_done_rate_in_a_form_row_is_no_budgets_rate():
    """"项目完成率 | 100% | 100%" (rv5-f06): the projects done, not the money spent, as in prose."""
    t = Table([["指标", "指标值", "实际完成值"], ["项目完成率", "100%", "100%"]], title="绩效指标")
    rec = parse(Paragraph("一、部门整体支出情况"), t)
    assert rec.overall.completion_rate is None
    t = Table([["指标", "指标值", "实际完成值"], ["项目预算完成率", "100%", "97.50%"]], title="绩效指标")
    assert parse(Paragraph("一、部门整体支出情况"), t).overall.completion_rate == D("97.50")


# --- a header in two rows: the figure over each column's block, or the block over its figure -------
_FIGURES_OVER_BLOCKS = [["项目", "年初预算", "年初预算", "年初预算", "实际支出", "实际支出", "实际支出"],
                        ["项目", "合计", "基本支出", "项目支出", "合计", "基本支出", "项目支出"]]


def _blocks(rec: Record) -> list:
    return [(getattr(rec, b).initial_budget, getattr(rec, b).actual) for b in ("overall", "basic", "projects")]


def test_a_header_in_two_rows_names_each_columns_figure_and_block():
    """年初预算 | 实际支出 each spanning 合计 | 基本支出 | 项目支出 (merged cells repeated): no column had a
    block, the one row of figures no label naming one, and the report gave no budget figure at all."""
    t = Table(_FIGURES_OVER_BLOCKS + [["金额", "300.00", "200.00", "100.00", "315.00", "206.00", "109.00"]],
              title="单位：万元")
    rec = parse(t)
    assert _blocks(rec) == [(D("300.00"), D("315.00")), (D("200.00"), D("206.00")), (D("100.00"), D("109.00"))]
    assert rec.evidence["basic.actual"] == "单位：万元 · 金额 × 实际支出 基本支出: 206.00"


def test_a_header_in_two_rows_blocks_above_and_spans_given_once():
    """The block over its figures, and a merged cell a PDF gives in its first column only."""
    t = Table([["项目", "合计", "", "基本支出", "", "项目支出", ""],
               ["", "年初预算", "实际支出", "年初预算", "实际支出", "年初预算", "实际支出"],
               ["", "300.00", "315.00", "200.00", "206.00", "100.00", "109.00"],
               ["自评得分", "92", "", "评价等级", "优", "", ""]], title="单位：万元")
    rec = parse(t)
    assert _blocks(rec) == [(D("300.00"), D("315.00")), (D("200.00"), D("206.00")), (D("100.00"), D("109.00"))]


def test_a_header_in_two_rows_over_several_rows_of_figures_gives_none():
    """Two years, or two sources, under such a header: which row is the unit's this year, nothing says
    (guards: null, as before); nor is a row of last year's, nor columns of sources, read as blocks."""
    years = Table(_FIGURES_OVER_BLOCKS + [["2022年", "280.00", "180.00", "100.00", "290.00", "190.00", "100.00"],
                                          ["2021年", "300.00", "200.00", "100.00", "315.00", "206.00", "109.00"]],
                  title="单位：万元")
    last_year = Table(_FIGURES_OVER_BLOCKS + [["2020年", "280.00", "180.00", "100.00", "290.00", "190.00", "100.00"]],
                      title="单位：万元")
    sources = Table([["项目", "年初预算", "年初预算", "实际支出", "实际支出"],
                     ["项目", "财政拨款", "其他资金", "财政拨款", "其他资金"],
                     ["合计", "280.00", "20.00", "300.00", "15.00"]], title="单位：万元")
    for t in (years, last_year):
        assert _blocks(parse(t)) == [(None, None)] * 3
    assert _blocks(parse(sources))[1:] == [(None, None)] * 2


def test_blocks_as_columns_figures_as_rows():
    """年度资金总额 | 其中：基本支出 | 项目支出 over rows 年初预算数 … 执行率 (the form turned on its side): no
    column had a figure's name, and nothing was read."""
    t = Table([["项目", "年度资金总额", "其中：基本支出", "项目支出"],
               ["年初预算数", "300.00", "200.00", "100.00"],
               ["全年执行数", "315.00", "206.00", "109.00"],
               ["执行率", "98.44%", "99.04%", "97.32%"]], title="单位：万元")
    rec = parse(t)
    assert _blocks(rec) == [(D("300.00"), D("315.00")), (D("200.00"), D("206.00")), (D("100.00"), D("109.00"))]
    assert (rec.overall.completion_rate, rec.projects.completion_rate) == (D("98.44"), D("97.32"))
    assert rec.evidence["basic.actual"] == "单位：万元 · 全年执行数 × 其中：基本支出: 206.00"


def test_blocks_as_columns_read_only_rows_naming_this_years_figure():
    """Guards: a row naming no figure (人员经费), last year's (2020年决算数), a bare 预算数, and columns of
    sources rather than blocks give nothing."""
    t = Table([["项目", "合计", "基本支出", "项目支出"],
               ["人员经费", "150.00", "150.00", "0.00"],
               ["2020年决算数", "280.00", "180.00", "100.00"],
               ["预算数", "300.00", "200.00", "100.00"]], title="单位：万元")
    sources = Table([["项目", "合计", "财政拨款", "其他资金"],
                     ["年初预算数", "300.00", "280.00", "20.00"]], title="单位：万元")
    assert _blocks(parse(t)) == [(None, None)] * 3
    assert _blocks(parse(sources))[1:] == [(None, None)] * 2


def test_a_header_in_two_rows_of_a_bare_budget_and_a_rate_over_both_rows():
    """预算数 | 决算数 over the blocks crashed the reading (a bare 预算数 says neither budget: only the
    决算数 are read); a 执行率 merged down both header rows, its lower cell empty, took the block on its
    left (项目支出) for the whole unit's rate: it has no block."""
    bare = Table([["项目", "预算数", "预算数", "预算数", "决算数", "决算数", "决算数"],
                  ["", "合计", "基本支出", "项目支出", "合计", "基本支出", "项目支出"],
                  ["合计", "320", "208", "112", "315", "206", "109"]], title="2021年度支出预决算对比表")
    rec = parse(bare)
    assert [getattr(rec, b).actual for b in ("overall", "basic", "projects")] == [D("315"), D("206"), D("109")]
    assert rec.overall.initial_budget is None and rec.overall.adjusted_budget is None
    rate = Table([["项目", "年初预算", "", "实际支出", "", "执行率"],
                  ["", "基本支出", "项目支出", "基本支出", "项目支出", ""],
                  ["金额", "200", "100", "206", "109", "98.44%"]], title="单位：万元")
    rec = parse(rate)
    assert (rec.basic.actual, rec.projects.actual, rec.projects.completion_rate) == (D("206"), D("109"), None)


@pytest.mark.parametrize("rows", [
    [["“三公”经费", "合计", "基本支出", "项目支出"], ["年初预算", "12", "8", "4"], ["实际支出", "10", "7", "3"]],
    [["会议费", "合计", "基本支出", "项目支出"], ["年初预算", "6", "4", "2"], ["实际支出", "5", "3", "2"]],
    [["项目", "合计", "基本支出", "项目支出"], ["政府采购预算", "50", "20", "30"], ["政府采购实际支出", "48", "19", "29"]],
    [["项目", "合计", "基本支出", "项目支出"], ["年初结转和结余", "12", "2", "10"], ["年末结转和结余", "17", "4", "13"]],
    [["资产", "合计", "基本支出", "项目支出"], ["年初数", "80", "60", "20"], ["年末数", "85", "62", "23"]],
])
def test_blocks_as_columns_of_other_money_are_not_the_blocks(rows):
    """A table of blocks as columns counting other money (三公经费, 会议费, 政府采购, 结转结余, 资产) gave the
    blocks its figures, and the prose's own 年初预算/实际支出 of the whole unit were then dropped."""
    rec = parse(Paragraph("二、预算执行情况"), Paragraph("全年年初预算300万元，实际支出315万元。"),
                Table(rows, title="单位：万元"))
    assert _blocks(rec) == [(D("300"), D("315")), (None, None), (None, None)]


@pytest.mark.parametrize("initial, actual", [("2021年年初预算", "2021年实际支出"), ("本年度年初预算", "本年度实际支出"),
                                             ("年初预算数", "全年实际支出数")])
def test_blocks_as_columns_rows_naming_this_year(initial, actual):
    """A row label naming this year (2021年…, 本年度…, 全年…) before the figure's name was refused with
    the other money's labels; another year's (2020年实际支出) still is (the guard above)."""
    t = Table([["项目", "合计", "基本支出", "项目支出"], [initial, "300", "200", "100"], [actual, "315", "208", "107"]],
              title="单位：万元")
    assert _blocks(parse(t)) == [(D("300"), D("315")), (D("200"), D("208")), (D("100"), D("107"))]


@pytest.mark.parametrize("caption", ["2020年度预算执行数据（单位：万元）", "2020年度部门预算执行", "2020年预算执行对比"])
def test_a_table_captioned_last_year_in_other_words_is_not_read(caption):
    """Captions ending 数据 / 执行 / 对比 read as a note above the table, and last year's figures were taken."""
    def table(title, figures):
        return Table([["项目", "年初预算", "调整后预算", "实际支出"], ["合计", *figures]], title=title)
    rec = parse(table(caption, ["400", "420", "410"]), table("2021年度预算执行数据（单位：万元）", ["450", "476", "470"]))
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("450"), D("470"))


def test_a_table_captioned_last_year_by_name_is_not_read():
    """'上年（2022年）预算执行对比' before the prose of this year: last year's table was read (its caption did not
    open with a year, and its own （2020年） was taken for the report naming that year as evaluated)."""
    t = Table([["项目", "年初预算", "调整后预算", "实际支出"], ["合计", "400", "420", "410"]],
              title="上年（2020年）预算执行对比（单位：万元）")
    rec = parse(Paragraph("上年（2020年）预算执行对比（单位：万元）"), t,
                Paragraph("本年度年初预算450万元，调整后预算476万元，实际支出470万元。"))
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("450"), D("470"))


_FUJIAN_HEAD = ["资金结构（万元）", "年初部门预算安排金额（含历年结余结转）①", "年中调整金额②", "小计③=①+②", "年度拨付金额④",
                "支出实现率（%）⑤=④/③", "本年度结余金额⑥=③-④", "资金结余率（%）⑦=⑥/③"]


def test_columns_a_form_numbers_and_relates_by_formulas():
    """Fujian's form numbers its columns and says how they relate: ③=①+② (the initial budget's and the
    adjustment's) is the adjusted budget, ④ in the spending rate ⑤=④/③ the spending; ⑥=③-④ (the balance
    left) is neither."""
    t = Table([_FUJIAN_HEAD,
               ["财政资金小计", "212.30", "40.10", "252.40", "250.12", "99.10", "2.28", "0.90"],
               ["①项目支出", "60", "0", "60", "59.50", "99.17", "0.50", "0.83"],
               ["②基本支出", "152.30", "40.10", "192.40", "190.62", "99.07", "1.78", "0.93"],
               ["合计", "212.30", "40.10", "252.40", "250.12", "99.10", "2.28", "0.90"]])
    rec = parse(t)
    o = rec.overall
    assert (o.initial_budget, o.adjustment, o.adjusted_budget, o.actual, o.completion_rate) == (
        D("212.30"), D("40.10"), D("252.40"), D("250.12"), D("99.10"))
    assert (rec.basic.adjusted_budget, rec.basic.actual, rec.projects.actual) == (D("192.40"), D("190.62"), D("59.50"))
    assert rec.evidence["overall.actual"].endswith("年度拨付金额④: 250.12")


def test_a_numbered_column_no_formula_names_stays_unread():
    """Without the rate's formula over it, 年度拨付金额④ (money paid out) is not read as spending."""
    head = [c.replace("⑤=④/③", "") for c in _FUJIAN_HEAD]
    rec = parse(Table([head, ["合计", "212.30", "40.10", "252.40", "250.12", "99.10", "2.28", "0.90"]]))
    assert rec.overall.actual is None and rec.overall.adjusted_budget == D("252.40")


def test_a_rate_a_form_divides_by_the_initial_budget_is_no_completion_rate():
    """"支出实现率④=③/①" with ① the initial budget: spending over the initial budget, not the completion rate."""
    head = ["资金结构（万元）", "年初部门预算安排金额①", "年中调整金额②", "年度拨付金额③", "支出实现率（%）④=③/①"]
    rec = parse(Table([head, ["合计", "386.40", "35.50", "410.30", "106.19"]]))
    assert rec.overall.completion_rate is None and rec.overall.actual == D("410.30")


def test_a_rate_over_the_initial_budget_is_the_completion_rate_when_nothing_adjusted_it():
    """"执行率③=②/①" with no adjustment column: the initial budget is the whole budget, the rate the completion rate."""
    rec = parse(Table([["项目（万元）", "年初预算①", "实际支出②", "执行率③=②/①"], ["合计", "312.60", "305.10", "97.60%"]]))
    assert (rec.overall.initial_budget, rec.overall.actual, rec.overall.completion_rate) == (D("312.60"), D("305.10"), D("97.60"))


# --- the national form as Word and Excel give it (merged cells repeated), with a project's form beside it ---
_FORM = "年度预算执行情况（万元）"
UNITS_FORM = [["部门（单位）名称", "示例梧桐县文化馆", "示例梧桐县文化馆", "示例梧桐县文化馆", "示例梧桐县文化馆", "示例梧桐县文化馆"],
              [_FORM, "", "年初预算数", "全年预算数", "全年执行数", "执行率"],
              [_FORM, "年度资金总额", "600.36", "682.40", "652.72", "95.65%"],
              [_FORM, "按收入性质分", "", "", "", ""],
              [_FORM, "其中：一般公共预算财政拨款", "564.86", "646.90", "617.22", "95.41%"],
              [_FORM, "其他资金", "35.50", "35.50", "35.50", "100.00%"],
              [_FORM, "按支出性质分", "", "", "", ""],
              [_FORM, "其中：基本支出", "412.36", "436.80", "431.25", "98.73%"],
              [_FORM, "项目支出", "188.00", "245.60", "221.47", "90.18%"]]
PROJECTS_FORM = [["项目名称", "示例非遗保护传承专项", "示例非遗保护传承专项", "示例非遗保护传承专项", "示例非遗保护传承专项"],
                 ["主管部门", "示例梧桐县文化和旅游局", "示例梧桐县文化和旅游局", "实施单位", "示例梧桐县文化馆"],
                 ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数"],
                 ["项目资金（万元）", "年度资金总额", "30.00", "32.00", "31.50"],
                 ["一级指标", "二级指标", "三级指标", "分值", "得分"],
                 ["产出指标", "数量指标", "传承活动场次", "50", "48"],
                 ["总分", "总分", "总分", "100", "96.00"]]


def test_the_national_forms_grouping_rows_keep_its_header():
    """"按收入性质分" / "按支出性质分" rows group the form's rows: the 基本支出 and 项目支出 under them are the blocks."""
    rec = parse(Table(UNITS_FORM, title="部门整体支出绩效自评表"), year_line="示例梧桐县文化馆2023年度部门整体支出绩效自评报告")
    assert (rec.basic.initial_budget, rec.basic.actual, rec.projects.adjusted_budget, rec.projects.completion_rate) == (
        D("412.36"), D("431.25"), D("245.60"), D("90.18"))
    assert rec.overall.actual == D("652.72")


@pytest.mark.parametrize("title", ["示例梧桐县文化馆2023年度部门整体及项目支出绩效自评表", "项目支出绩效自评表"])
def test_a_projects_form_before_the_units_is_the_projects(title):
    """One project's form (项目名称 | 某某专项) before the unit's: its 年度资金总额 and its 总分 are the project's, though the
    document's title over it says 部门整体."""
    rec = parse(Table(PROJECTS_FORM, title=title), Table(UNITS_FORM, title="部门整体支出绩效自评表"),
                year_line="示例梧桐县文化馆2023年度部门整体支出绩效自评报告")
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("600.36"), D("652.72"))
    assert rec.score is None  # (the unit's form states no 总分)


@pytest.mark.parametrize("period", ["（2022年度）", "部门整体支出绩效自评表（上年度）（2022 年度）"])
def test_a_form_of_another_year_by_its_period(period):
    rec = parse(Table(UNITS_FORM, title=period), year_line="示例梧桐县文化馆2023年度部门整体支出绩效自评报告")
    assert rec.overall.actual is None and rec.basic.actual is None


@pytest.mark.parametrize("name_row", [["项目名称：示例非遗保护传承专项"] * 5, ["项 目 名 称", "示例非遗保护传承专项", "", "", ""],
                                      ["项目名称（专项）", "示例非遗保护传承专项", "", "", ""],
                                      ["项目名称", "示例非遗保护传承专项", "2023年度", "", ""]])
def test_a_projects_name_row_in_other_shapes(name_row):
    rows = [["项目支出绩效自评表"] * 5, ["（2023年度）"] * 5, name_row, *PROJECTS_FORM[2:]]  # (a sheet: title, period above)
    rec = parse(Table(rows, title="项目1"), Table(UNITS_FORM, title="部门整体支出绩效自评表"),
                year_line="示例梧桐县文化馆2023年度部门整体支出绩效自评报告")
    assert rec.overall.actual == D("652.72") and rec.score is None


def test_a_form_whose_project_name_is_the_unit_is_the_units():
    rows = [["项目名称", "示例梧桐县文化馆", "示例梧桐县文化馆", "示例梧桐县文化馆", "示例梧桐县文化馆", "示例梧桐县文化馆"], *UNITS_FORM[1:]]
    rec = parse(Table(rows, title="部门整体支出绩效自评表"), year_line="示例梧桐县文化馆2023年度部门整体支出绩效自评报告")
    assert rec.overall.actual == D("652.72") and rec.basic.actual == D("431.25")


def test_a_form_of_several_years_and_another_years_total_score():
    """A form whose period is a span of years is no one year's; another year's form's 总分 is not this year's score."""
    rec = parse(Table(UNITS_FORM, title="（2021-2023年度）"), year_line="示例梧桐县文化馆2023年度部门整体支出绩效自评报告")
    assert rec.overall.actual is None and rec.basic.actual is None
    scored = [*UNITS_FORM, *PROJECTS_FORM[4:]]
    rec = parse(Table(scored, title="部门整体支出绩效自评表（上年度）（2022 年度）"),
                Table([*UNITS_FORM, *PROJECTS_FORM[4:-1], ["总分", "总分", "总分", "100", "92.50"]],
                      title="部门整体支出绩效自评表（2023年度）"), year_line="示例梧桐县文化馆2023年度部门整体支出绩效自评报告")
    assert rec.score == D("92.50")


def test_amounts_too_large_for_wanyuan_with_no_unit_stated_are_not_taken():
    t = Table([["项目", "年初预算", "全年预算", "实际支出"], ["部门整体支出", "6,124,000.00", "6,901,000.00", "6,798,500.00"]],
              title="部门整体支出情况")
    rec = parse(t, year_line="示例梧桐县文化馆2023年度部门整体支出绩效自评报告")
    assert rec.overall.actual is None
    assert any("too large for 万元" in w for w in rec.warnings)


@pytest.mark.parametrize("name", ["示例梧桐县图书馆", "乡镇综合文化站", "示例梧桐县文化馆机关运行经费"])
def test_a_project_named_for_an_institution_is_a_projects(name):
    """A project may be named for an institution ("县图书馆", "乡镇综合文化站") or for the unit's own running costs: not
    the report's unit, its form is the project's."""
    rows = [["项目名称", name, name, name, name], *PROJECTS_FORM[1:]]
    rec = parse(Table(rows, title="项目支出绩效自评表"), Table(UNITS_FORM, title="部门整体支出绩效自评表"),
                year_line="示例梧桐县文化馆2023年度部门整体支出绩效自评报告")
    assert rec.overall.actual == D("652.72") and rec.score is None


@pytest.mark.parametrize("name", ["示例梧桐县文化馆（本级）", "文化馆", "示例梧桐县文化馆机关"])
def test_the_units_form_naming_itself_as_its_project(name):
    rows = [["项目名称", name, name, name, name, name], *UNITS_FORM[1:]]
    rec = parse(Table(rows, title="2023年度部门整体支出绩效自评表"), year_line="示例梧桐县文化馆2023年度部门整体支出绩效自评报告")
    assert rec.overall.actual == D("652.72")


def test_a_form_of_its_year_when_the_title_names_none():
    """A year read from the body ("2024年，我局将…") gives way to the only form's period: its figures are read."""
    rec = parse(Paragraph("一、部门概况"), Paragraph("2024年，我局将继续加强预算管理。"),
                Table(UNITS_FORM, title="部门整体支出绩效自评表（2023年度）"), year_line="示例梧桐县文化馆部门整体支出绩效自评报告")
    assert rec.overall.actual == D("652.72")
