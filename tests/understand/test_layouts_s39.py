"""Layouts a review left misread: a department budget's spending side stated beside its revenue, a numbered heading
closed by a full stop on its own line. Our own words and figures."""
from decimal import Decimal as D

import openpyxl
import pytest

from perflib.pipeline import read_record
from understand.helpers_understand import read_report as read


TITLE = "岭南县档案馆2022年度部门整体支出绩效自评报告\n"
BUDGET = "二、部门预算情况\n2022年部门预算收入{total}188.60万元，{spent}188.60万元。\n"
DONE = "三、预算执行情况\n全年实际支出186.25万元，预算执行率98.75%。\n"


@pytest.mark.parametrize("total", ["合计", "总计", ""])
@pytest.mark.parametrize("spent", ["支出合计", "支出", "支出总额"])
def test_a_budgets_spending_beside_its_revenue_is_not_the_spending(tmp_path, total, spent):
    rec = read(tmp_path, TITLE + BUDGET.format(total=total, spent=spent) + DONE)
    assert rec.overall.actual == D("186.25")
    assert rec.overall.completion_rate == D("98.75")


def test_a_budgets_spending_beside_its_revenue_is_not_read_on_a_page_with_no_spending(tmp_path):
    rec = read(tmp_path, TITLE + BUDGET.format(total="合计", spent="支出合计"))
    assert rec.overall.actual is None


@pytest.mark.parametrize("spent", ["实际支出", "决算支出", "全年实际支出"])
def test_spending_said_spent_after_a_budgets_revenue_is_read(tmp_path, spent):
    rec = read(tmp_path, TITLE + f"2022年部门预算收入188.60万元，{spent}186.25万元。\n")
    assert rec.overall.actual == D("186.25")


def test_revenue_and_spending_of_the_final_accounts_are_spending(tmp_path):
    # (no budget's revenue before it: 决算收入 … 支出合计 is what was spent)
    rec = read(tmp_path, TITLE + "2022年部门决算收入合计190.10万元，支出合计186.25万元。\n")
    assert rec.overall.actual == D("186.25")


# A report whose section headings end with a full stop, each on its own line.
STOPPED = ("岭南县农业农村局2022年度部门整体支出绩效自评报告\n"
           "一、部门整体支出情况。\n"
           "本局2022年度部门整体支出由基本支出和项目支出构成。\n"
           "{projects}\n"
           "年初预算260.00万元，调整后预算300.00万元，全年实际支出291.40万元，预算执行率97.13%。\n"
           "{basic}\n"
           "年初预算512.80万元，全年实际支出505.16万元。\n")


@pytest.mark.parametrize("projects, basic", [("（一）项目支出情况。", "（二）基本支出情况。"),
                                             ("一、项目支出情况。", "二、基本支出情况。")])
def test_a_heading_closed_by_a_stop_heads_its_blocks_figures(tmp_path, projects, basic):
    rec = read(tmp_path, STOPPED.format(projects=projects, basic=basic))
    assert (rec.projects.initial_budget, rec.projects.adjusted_budget, rec.projects.actual) == \
        (D("260.00"), D("300.00"), D("291.40"))
    assert (rec.basic.initial_budget, rec.basic.actual) == (D("512.80"), D("505.16"))
    assert rec.overall.actual is None


def test_an_item_closed_by_a_stop_heads_nothing(tmp_path):
    # (a problem item naming projects is no heading: the unit's figures after it stay the unit's)
    text = ("岭南县农业农村局2022年度部门整体支出绩效自评报告\n三、存在的问题\n（一）部分项目资金拨付偏慢。\n"
            "四、预算执行\n全年实际支出796.56万元，预算执行率97.80%。\n")
    assert read(tmp_path, text).overall.actual == D("796.56")


# A site's lists of links over a page whose title is split after its unit's name.
LINKS = ("相关文章：\n岭北县农业农村局2021年度部门整体支出绩效自评报告\n岭东县教育委员会2022年度部门整体支出绩效评价报告\n"
         "热点信息\n岭北县水利局2021年度部门整体支出绩效自评报告\n\n")
HEALTH = ("一、部门基本情况\n（一）部门职能。区卫生健康局是主管本区卫生健康事务的政府工作部门。\n"
          "2022年度部门整体支出年初预算数为9,860.00万元，全年执行数为9,712.35万元。\n")


def test_a_title_split_after_its_units_name_under_a_list_of_links_stays_the_pages(tmp_path):
    rec = read(tmp_path, LINKS + "岭南市青川区卫生健康局\n2022年度部门整体支出绩效自评报告\n\n" + HEALTH)
    assert (rec.department, rec.year) == ("岭南市青川区卫生健康局", 2022)
    assert rec.overall.actual == D("9712.35")


def test_a_paragraph_citing_a_documents_publisher_names_no_unit(tmp_path):
    # (an untitled page, its commas ASCII: "据…办公厅," opens a citation, the publisher is not the unit)
    text = ("根据县财政局要求,我局认真开展了2022年度部门整体支出绩效自评工作,自评得95.5分.\n一,部门概况\n"
            "据岭南县委办公厅,岭南县人民政府办公厅关于印发《岭南县应急管理局职能配置规定》的通知,县应急管理局主要职责如下:\n"
            "2022年年初预算860.00万元,全年实际支出842.36万元.\n")
    assert read(tmp_path, text).department != "据岭南县委办公厅"


def test_a_forms_row_with_a_percent_under_an_amounts_column_is_read_only_before_it(tmp_path):
    # (a cell missing: the row's score stood under 执行率, its rate under 执行数; the budget before them stands)
    path = tmp_path / "r.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["单位名称", "岭南县塘口镇人民政府"], ["预算执行情况(万元)(20分)", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分"],
                ["部门整体支出总额", 612.5, "100%", 20], ["年度目标", "改善乡镇人居环境"]):
        ws.append(row)
    wb.save(path)
    rec = read_record(path)
    assert rec.overall.completion_rate is None and rec.overall.actual is None
    assert rec.overall.adjusted_budget == D("612.5")
    assert any("percent under a column of amounts" in w for w in rec.warnings)


def test_a_forms_row_whose_cells_stand_under_their_header_is_read(tmp_path):
    path = tmp_path / "r.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["单位名称", "岭南县塘口镇人民政府"], ["预算执行情况(万元)(20分)", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分"],
                ["部门整体支出总额", 612.5, 600.3, "98.01%", 19.6], ["年度目标", "改善乡镇人居环境"]):
        ws.append(row)
    wb.save(path)
    rec = read_record(path)
    assert (rec.overall.actual, rec.overall.completion_rate) == (D("600.3"), D("98.01"))


# A review's inputs: a unit's spending stated beside one purpose's, a unit under it, a list of the blocks.
UNIT = "岭南县自然资源局2022年度部门整体支出绩效自评报告\n一、部门整体支出情况\n"


@pytest.mark.parametrize("item", ["办公费", "水电费", "物业管理费", "印刷费"])
def test_one_purposes_budget_and_spending_are_not_the_units(tmp_path, item):
    rec = read(tmp_path, UNIT + f"全年{item}预算30.00万元，实际支出28.80万元，执行率96%。\n2022年全年实际支出3,015.60万元。\n")
    assert rec.overall.actual == D("3015.60")
    assert rec.overall.completion_rate is None


def test_a_unit_under_the_department_named_after_a_year_speaks_of_its_own_money(tmp_path):
    text = ("岭南县水利局2022年度部门整体支出绩效自评报告\n一、部门整体支出情况\n"
            "2022年岭南县防汛抗旱服务中心年初预算210.00万元，实际支出205.60万元，执行率97.90%。\n"
            "2022年我局年初预算790.00万元，实际支出812.30万元。\n")
    rec = read(tmp_path, text)
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("790.00"), D("812.30"))
    assert rec.overall.completion_rate is None


def test_the_unit_named_after_a_year_speaks_of_its_own_money(tmp_path):
    text = ("岭南县水利局2022年度部门整体支出绩效自评报告\n一、部门整体支出情况\n"
            "2022年岭南县水利局年初预算790.00万元，实际支出812.30万元。\n")
    assert read(tmp_path, text).overall.actual == D("812.30")


@pytest.mark.parametrize("first, second", [("1.", "2."), ("（一）", "（二）")])
def test_a_line_after_a_list_of_the_blocks_ending_in_semicolons_is_the_units(tmp_path, first, second):
    # (a numbered item ending in "；" is no heading: the line after the list is not the first item's block's)
    text = (UNIT + f"{first}基本支出：实际支出2,512.30万元；\n{second}项目支出：实际支出457.90万元。\n"
            "全年预算执行率98.69%。\n")
    rec = read(tmp_path, text)
    assert (rec.basic.actual, rec.projects.actual) == (D("2512.30"), D("457.90"))
    assert rec.overall.completion_rate == D("98.69")
    assert rec.basic.completion_rate is None and rec.projects.completion_rate is None


def test_a_sum_after_the_blocks_clauses_is_the_units(tmp_path):
    text = (UNIT + "基本支出年初预算2,400.00万元，实际支出2,512.30万元；项目支出年初预算500.00万元，实际支出457.90万元；"
            "合计年初预算2,900.00万元，实际支出2,970.20万元，执行率102.42%。\n")
    rec = read(tmp_path, text)
    assert (rec.overall.initial_budget, rec.overall.actual, rec.overall.completion_rate) == \
        (D("2900.00"), D("2970.20"), D("102.42"))
    assert rec.projects.completion_rate is None and rec.projects.actual == D("457.90")


def test_a_sum_of_one_blocks_items_stays_that_blocks(tmp_path):
    # (one block's items summed: "其中项目支出：A …；B …；合计 …" is that block's total, not the unit's)
    text = (UNIT + "2022年全年实际支出3,015.60万元。\n"
            "其中项目支出：办公楼维修实际支出50.00万元；设备购置实际支出30.00万元；合计实际支出80.00万元。\n")
    assert read(tmp_path, text).overall.actual == D("3015.60")


@pytest.mark.parametrize("between", ["；", "，"])
def test_a_second_purposes_figures_after_the_first_are_not_the_units(tmp_path, between):
    text = (UNIT + f"全年会议费预算6.00万元，实际支出4.20万元{between}培训费预算9.50万元，实际支出8.80万元，执行率92.63%。\n"
            "2022年全年实际支出3,015.60万元。\n")
    rec = read(tmp_path, text)
    assert rec.overall.actual == D("3015.60")
    assert rec.overall.completion_rate is None


def test_an_item_titled_by_one_purpose_states_that_purposes_figures(tmp_path):
    text = (UNIT + "（一）办公费。全年预算30.00万元，实际支出28.80万元，执行率96%。\n"
            "（二）部门整体。2022年全年实际支出3,015.60万元。\n")
    rec = read(tmp_path, text)
    assert rec.overall.actual == D("3015.60")
    assert rec.overall.adjusted_budget is None and rec.overall.completion_rate is None


def test_the_units_figures_after_one_purposes_clause_stay_the_units(tmp_path):
    # (a part a "；" sets apart that no budget within opens: the unit's again)
    text = UNIT + "全年培训费预算9.50万元，实际支出8.80万元；全年实际支出3,015.60万元，执行率97.20%。\n"
    rec = read(tmp_path, text)
    assert (rec.overall.actual, rec.overall.completion_rate) == (D("3015.60"), D("97.20"))


@pytest.mark.parametrize("line", ["全年公用经费预算130.00万元，实际支出128.80万元，执行率99.08%。",
                                  "全年人员经费预算1,130.00万元，实际支出1,128.80万元，执行率99.89%。",
                                  "（一）公用经费。年初预算130.00万元，实际支出128.80万元，执行率99.08%。"])
def test_one_class_of_spendings_figures_are_not_the_units(tmp_path, line):
    rec = read(tmp_path, UNIT + line + "\n2022年全年实际支出3,015.60万元。\n")
    assert rec.overall.actual == D("3015.60")
    assert rec.overall.completion_rate is None and rec.overall.initial_budget is None


HEALTH_UNIT = "岭南县卫生健康局2022年度部门整体支出绩效自评报告\n一、部门整体支出情况\n"


@pytest.mark.parametrize("fund", ["（一）公共卫生服务补助资金\n", "（一）计划生育奖励扶助经费\n", "（一）公共卫生服务补助资金。"])
def test_a_section_or_item_of_one_fund_states_that_funds_figures(tmp_path, fund):
    text = (HEALTH_UNIT + fund + "年初预算620.00万元，实际支出615.30万元，执行率99.24%。\n"
            "（二）部门整体\n2022年全年实际支出2,286.40万元。\n")
    rec = read(tmp_path, text)
    assert rec.overall.actual == D("2286.40")
    assert rec.overall.initial_budget is None and rec.overall.completion_rate is None


def test_a_section_of_the_units_own_money_by_source_is_still_the_units(tmp_path):
    # ("财政拨款资金" names where the unit's money comes from, no one fund)
    text = HEALTH_UNIT + "（一）财政拨款资金\n2022年年初预算2,300.00万元，实际支出2,286.40万元。\n"
    assert read(tmp_path, text).overall.actual == D("2286.40")


def test_a_rate_after_an_unread_part_is_that_parts(tmp_path):
    text = HEALTH_UNIT + "2022年全年实际支出2,286.40万元，其中政府性基金预算支出334.00万元，执行率101.21%。\n"
    rec = read(tmp_path, text)
    assert rec.overall.actual == D("2286.40") and rec.overall.completion_rate is None


def test_a_rate_after_a_part_that_bears_out_the_whole_is_the_units(tmp_path):
    text = (HEALTH_UNIT + "2022年度调整后预算2,345.00万元。\n"
            "全年支出总额2,286.40万元，其中“三公”经费11.80万元，预算执行率97.50%。\n")
    assert read(tmp_path, text).overall.completion_rate == D("97.50")


def test_one_named_projects_spending_is_not_the_projects(tmp_path):
    rec = read(tmp_path, HEALTH_UNIT + "2022年全年实际支出2,286.40万元。其中，家庭医生签约项目支出320.00万元。\n")
    assert rec.overall.actual == D("2286.40") and rec.projects.actual is None


def test_items_titled_by_the_blocks_run_on_after_a_stop(tmp_path):
    text = (HEALTH_UNIT + "1.基本支出。主要用于人员工资和日常运转，全年支出1,512.30万元。\n"
            "2.项目支出。主要用于公共卫生服务等，全年支出774.10万元。其中家庭医生签约项目支出320.00万元。\n")
    rec = read(tmp_path, text)
    assert (rec.basic.actual, rec.projects.actual) == (D("1512.30"), D("774.10"))
    assert rec.overall.actual is None


PROJECTS = "岭南县市场监督管理局2022年度部门整体支出绩效自评报告\n一、部门整体支出情况\n2022年全年实际支出906.67万元。\n二、项目支出情况\n"


@pytest.mark.parametrize("line", ["食品安全抽检年初预算80.00万元，实际支出78.50万元，执行率98.13%。",
                                  "全年实施项目2个：食品安全抽检年初预算80.00万元，实际支出78.50万元；标准化建设年初预算60.00万元，"
                                  "实际支出52.00万元，执行率86.67%。"])
def test_a_named_items_figures_under_the_projects_heading_are_not_the_projects(tmp_path, line):
    rec = read(tmp_path, PROJECTS + line + "\n")
    assert (rec.projects.initial_budget, rec.projects.actual, rec.projects.completion_rate) == (None, None, None)


@pytest.mark.parametrize("line", ["年初预算140.00万元，实际支出130.50万元。", "本年度年初预算140.00万元，实际支出130.50万元。",
                                  "2022年项目支出年初预算140.00万元，实际支出130.50万元。"])
def test_the_projects_own_figures_under_their_heading_are_theirs(tmp_path, line):
    rec = read(tmp_path, PROJECTS + line + "\n")
    assert (rec.projects.initial_budget, rec.projects.actual) == (D("140.00"), D("130.50"))


def test_the_rate_of_the_item_a_sentence_picks_out_is_no_blocks(tmp_path):
    text = PROJECTS + "项目支出年初预算140.00万元。项目支出执行率最低的是客运站维修项目，执行率为62.5%。\n"
    assert read(tmp_path, text).projects.completion_rate is None


def test_a_place_under_the_projects_heading_is_no_items_name(tmp_path):
    # (a town's report naming itself by its place: "2022年度岭南县江池镇年初预算 …" is no item's)
    text = PROJECTS.replace("市场监督管理局", "江池镇人民政府") + "2022年度岭南县江池镇年初预算140.00万元，实际支出130.50万元。\n"
    rec = read(tmp_path, text)
    assert rec.projects.initial_budget == D("140.00") or rec.overall.initial_budget == D("140.00")


def test_every_class_of_spending_holds_a_cue_character():
    # (the cue characters let a sentence naming no class skip the class's regex: each class word must hold one)
    from perflib.understand.lexicon import LEX, holds_any
    from perflib.understand.parse import _CLASS_CUES, _NUMBER_OPENS
    assert all(holds_any(w, _CLASS_CUES) for w in LEX.spending_classes)
    assert all(LEX.numbering.match(t) for t in ("（一）", "一、", "1.", "第一、", "任务1：", " 2、"))
    assert all(t[0] in _NUMBER_OPENS for t in ("（一）", "(二)", "一、", "1.", "第一、", "任务1：", "目标一：", "\u3000三、"))
