"""Layouts and phrasings a fresh held-out set and layout perturbations of known pages showed unread or misread, each in
our own words and figures."""
from decimal import Decimal as D
from pathlib import Path

import pytest

from perflib.pipeline import read_record
from understand.helpers_understand import read_report as read


# A Guangxi-style 自评报告 form flattened one cell per line, blank lines between: chrome, a title over a lost opening
# bracket ("2021年度)"), name cells padded with spaces, then 收支概况 with the money planned for the year (计划安排资金,
# neither 年初 nor 调整后 said) and the spending, then an expenditure table by economic item.
_FORM_PAGE = (Path(__file__).parent / "fixtures" / "planned_money_form.txt")


def test_a_forms_money_planned_for_the_year_is_its_budget(tmp_path):
    rec = read_record(_FORM_PAGE)
    assert (rec.department, rec.year, rec.kind) == ("示例市档案馆", 2021, "department")
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("402.36"), D("377.91"))
    assert rec.evidence["overall.initial_budget"] == "计划安排资金(万元) 402.36"
    # the economic items' planned and actual cells are no block's figures
    assert rec.basic.actual is None and rec.projects.actual is None


@pytest.mark.parametrize("said", ["2021年计划安排资金402.36万元，实际支出377.91万元。",
                                  "2021年批复预算402.36万元，实际支出377.91万元。"])
def test_money_planned_in_prose_is_a_budget_like_an_approved_one(tmp_path, said):
    rec = read(tmp_path, "示例市档案馆2021年度部门整体支出绩效自评报告\n一、收支概况\n" + said + "\n")
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("402.36"), D("377.91"))


def test_a_projects_money_planned_is_not_the_units(tmp_path):
    rec = read(tmp_path, "示例市档案馆2021年度部门整体支出绩效自评报告\n一、收支概况\n"
                         "2021年年初预算402.36万元，实际支出377.91万元。项目计划安排资金60万元，已全部支出。\n")
    assert rec.overall.initial_budget == D("402.36")
    assert rec.overall.adjusted_budget is None and rec.projects.initial_budget is None


def test_the_units_income_and_spending_budget_is_its_own_under_a_projects_line(tmp_path):
    # a line naming the projects (a cell of a table laid out one per line) before a sentence that names the unit itself
    rec = read(tmp_path, "示例县林业局2022年度部门整体支出绩效自评报告\n项目支出\n"
                         "2022年部门收入支出年初预算安排2800.00万元，全年实际支出2750.00万元。\n")
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("2800.00"), D("2750.00"))
    assert rec.projects.initial_budget is None and rec.projects.actual is None


def test_a_budget_disclosures_total_spending_is_budgeted_not_spent(tmp_path):
    # a section restating the year's budget: "（二）支出预算：…支出合计 X" is no spending (nor a budget of a kind said)
    rec = read(tmp_path, "示例镇人民政府2022年度部门整体支出绩效自评报告\n二、部门预算总体情况\n"
                         "（一）收入预算：2022年收入合计2046.61万元。\n"
                         "（二）支出预算：2022年支出合计2046.61万元，其中：一般公共服务支出795.93万元。\n"
                         "三、预算执行情况\n2022年全年实际支出1998.20万元。\n")
    assert rec.overall.actual == D("1998.20")
    assert "全年实际支出1998.20万元" in rec.evidence["overall.actual"]


def test_spending_said_to_be_spent_under_a_budget_head_is_still_spent(tmp_path):
    rec = read(tmp_path, "示例镇人民政府2022年度部门整体支出绩效自评报告\n二、部门预算总体情况\n"
                         "（二）支出预算：年初预算2046.61万元，实际支出2000.00万元。\n")
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("2046.61"), D("2000.00"))


@pytest.mark.parametrize("cut", ["2250.00万\n\n元，", "2250.00\n\n万元，"])
def test_an_amount_cut_from_its_unit_by_a_blank_line_is_one_figure(tmp_path, cut):
    # text copied from a PDF: a page break (a blank line) inside "2250.00万元"; the sentence after it has no subject
    # and sits under a heading naming the projects' self-evaluation, so read apart its figures were the projects'
    rec = read(tmp_path, "示例县林业局2022年度部门整体支出绩效自评报告\n1.项目绩效自评总体情况\n"
                         f"2022年部门年初预算1450.00万元，年中调整预算为{cut}比年初预算增加800.00万元，全年执行数2200.00万元。\n")
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual) == \
        (D("1450.00"), D("2250.00"), D("2200.00"))
    assert rec.projects.actual is None and rec.projects.adjusted_budget is None


def test_a_unit_and_the_units_under_it_is_no_name_cut_at_suo(tmp_path):
    # "…机关及所属单位": 所属 (under it), not a 所 (an institute) that 属 (belongs) somewhere
    rec = read(tmp_path, "2022年度部门整体支出绩效自评报告\n"
                         "截至2022年12月底，示例县林业局机关及所属单位资产总额3000.00万元，全年实际支出2750.00万元。\n")
    assert rec.department != "示例县林业局机关及所"
    rec = read(tmp_path, "2022年度部门整体支出绩效自评报告\n示例县林业研究所属于公益一类事业单位。全年实际支出275.00万元。\n")
    assert rec.department == "示例县林业研究所"


def test_a_title_letterspaced_after_its_year(tmp_path):
    # a PDF's title drawn letter by letter after the year ("2018年 度 部 门 …"), the unit on the line above
    rec = read(tmp_path, "示例市人民法院\n2018年 度 部 门 整 体 支 出 绩 效 评 价 报 告\n评价单位：示例市人民法院\n"
                         "一、部门概况\n2018年全年实际支出5120.33万元。\n")
    assert (rec.department, rec.year) == ("示例市人民法院", 2018)


def test_a_breadcrumb_in_traditional_characters_is_chrome(tmp_path):
    # a site serving its pages in 繁體: "您現在所在的位置：首頁 > …" is its chrome, no unit named 您現在所
    rec = read(tmp_path, "頭部\n您現在所在的位置： 首頁 > 政務公開 > 財政信息 > 績效評價\n分享到：\n"
                         "示例縣住建局2021年度部門整體支出績效評價報告\n  • 發佈時間：2022-05-20 16：31\n一、部門基本情況\n"
                         "示例縣住房和城鄉建設局爲全額撥款單位。2021年全年實際支出1755.06萬元。\n")
    assert (rec.department, rec.year) == ("示例縣住房和城鄉建設局", 2021)
    assert rec.overall.actual == D("1755.06")


def test_a_sentence_headed_by_the_units_budget_still_says_what_was_spent(tmp_path):
    # "部门预算：" heads the year's budget and its outturn alike: 本年支出合计 there is spent (only 支出预算： is budgeted)
    rec = read(tmp_path, "示例县档案馆2022年度部门整体支出绩效自评报告\n二、部门预算执行情况\n"
                         "（二）部门预算：年初预算500.00万元，调整后预算520.00万元，本年支出合计480.00万元，执行率92.31%。\n")
    assert (rec.overall.adjusted_budget, rec.overall.actual) == (D("520.00"), D("480.00"))


def test_an_amount_in_yuan_cut_from_its_unit_by_a_blank_line(tmp_path):
    rec = read(tmp_path, "示例县档案馆2022年度部门整体支出绩效自评报告\n一、部门基本情况\n"
                         "经批准，部门整体支出年初预算为21,000,000.00元，调整预算为22,500,000.00\n\n"
                         "元，实际支出22,050,000.00元。\n")
    assert (rec.overall.adjusted_budget, rec.overall.actual) == (D("2250.000000"), D("2205.000000"))


def test_an_institute_that_belongs_to_a_bureau_is_named(tmp_path):
    rec = read(tmp_path, "2022年度部门整体支出绩效自评报告\n一、部门基本情况\n"
                         "示例市农业科学研究所属市农业农村局管理的公益一类事业单位。全年实际支出275.00万元。\n")
    assert rec.department == "示例市农业科学研究所"


@pytest.mark.parametrize("title, kind", [("示例县信访局\n2023年度项目支出\n绩效单位自评报告", "project"),
                                         ("示例县信访局\n2023年度部门整体支出\n绩效自评报告", "department")])
def test_a_title_set_on_three_short_lines_names_its_kind(tmp_path, title, kind):
    rec = read(tmp_path, f"{title}\n一、基本情况\n2023年年初预算120.00万元，全年实际支出118.60万元。\n")
    assert rec.kind == kind


def test_a_title_letterspaced_but_its_year(tmp_path):
    # a PDF's title drawn letter by letter, its year one run of digits ("云 南 省2022年 度 …"): closed up, its kind read
    rec = read(tmp_path, "示 例 省2022年 度 中 央 救 灾 资 金 绩 效 自 评 报 告\n一、资金概况\n2022年共投入资金预算1044.10万元。\n")
    assert rec.kind == "project"
    rec = read(tmp_path, "示 例 县 档 案 馆2022年 度 部 门 整 体 支 出 绩 效 自 评 报 告\n一、部门概况\n全年实际支出286.30万元。\n")
    assert (rec.kind, rec.department, rec.year) == ("department", "示例县档案馆", 2022)


def test_a_row_of_numbers_apart_by_spaces_is_no_letterspaced_line():
    # each number one letter: run together, a row's figures would read as one ("项目支出500000625000…")
    from perflib.read.normalize import unspace_letterspaced

    row = "项目支出 500000 625000 625000 100%"
    assert unspace_letterspaced(row) == row
