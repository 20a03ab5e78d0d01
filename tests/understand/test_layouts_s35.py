"""Phrasings and a layout a held-out set of real pages showed unread, each in our own words and figures."""
from decimal import Decimal as D

import pytest

from understand.helpers_understand import read_report as read


# A county site's article page: its chrome (a metadata block naming the article), then the report's title split over
# two lines under an attachment mark, money in 元, the year's spending as 当期发生支出 with its parts after 其中, and the
# year's budget under a heading naming the whole and the projects together.
_SITE_PAGE = """示例市示例区人民政府 www.example.gov.cn

政府信息公开

索引号: 000000000-202409-000001 主题分类: 财务信息
发布机构:  示例市示例区人民政府 发布日期: 2024-09-20 10:00
名 称: 示例区实验中学 2023年部门整体支出绩效评价报告
文号: 关键字:

发布时间:2024-09-20 10:00
字号:[ ]

附件3-2

示例区实验中学

2023部门整体支出绩效评价报告

一、基本情况

(一)部门整体支出概况

2023年学校共收到财政资金32415608.20元。其中,上年结转资金412500.00元,2023年当期取得收入32003108.20元,2023年当期发生支出31877450.36元。其中,基本支出为27650210.16元,主要用于教职工工资福利和学校日常运转;项目支出为4227240.20元。

(二)部门整体支出绩效目标

保障教学正常运转,改善办学条件。

(三)部门整体支出或项目实施情况分析

2023全年预算资金32415608.20元,完成预算项目的支出进度要求。
"""


def test_a_site_page_with_spending_incurred_and_a_heading_naming_the_whole_and_the_projects(tmp_path):
    rec = read(tmp_path, _SITE_PAGE)
    assert (rec.department, rec.year) == ("示例区实验中学", 2023)
    assert rec.overall.actual == D("3187.745036")
    assert (rec.basic.actual, rec.projects.actual) == (D("2765.021016"), D("422.724020"))
    # under "部门整体支出或项目实施情况分析" a budget naming no block is the unit's, not the projects'
    assert rec.overall.adjusted_budget == D("3241.560820")
    assert rec.projects.adjusted_budget is None and rec.projects.initial_budget is None
    assert "当期发生支出31877450.36元" in rec.evidence["overall.actual"]


@pytest.mark.parametrize("joined", ["或", "及", "和", "与", "、"])
def test_a_heading_joining_the_whole_and_a_part_gives_its_figures_to_the_whole(tmp_path, joined):
    text = (f"示例县林业局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n本局为县政府工作部门。\n"
            f"二、部门整体支出{joined}项目支出情况\n全年预算860.40万元，实际支出842.10万元。\n")
    rec = read(tmp_path, text)
    assert (rec.overall.adjusted_budget, rec.overall.actual) == (D("860.40"), D("842.10"))
    assert rec.projects.adjusted_budget is None and rec.projects.actual is None


@pytest.mark.parametrize("under", [
    "全年预算120.00万元，实际支出118.00万元。",
    # (a numbered item opening with a budget part's name: the section's still, no unit's)
    "1.预算执行情况。全年预算120.00万元,实际支出118.00万元,是公路养护等工作的资金。"])
def test_a_heading_naming_the_projects_alone_still_gives_its_figures_to_them(tmp_path, under):
    text = ("示例县交通运输局2020年度部门整体支出绩效自评报告\n一、部门基本情况\n本局为县政府工作部门。\n"
            f"二、项目支出情况\n{under}\n")
    rec = read(tmp_path, text)
    assert (rec.projects.adjusted_budget, rec.projects.actual) == (D("120.00"), D("118.00"))
    assert rec.overall.adjusted_budget is None and rec.overall.actual is None


@pytest.mark.parametrize("label", ["当期发生支出", "本年发生支出", "全年共发生支出", "累计发生的支出"])
def test_spending_incurred_is_the_spending(tmp_path, label):
    text = f"示例县档案馆2022年度部门整体支出绩效自评报告\n一、预算执行情况\n2022年全年预算305.20万元，{label}300.12万元。\n"
    rec = read(tmp_path, text)
    assert (rec.overall.adjusted_budget, rec.overall.actual) == (D("305.20"), D("300.12"))


def test_spending_incurred_on_a_sub_budget_is_not_the_units(tmp_path):
    text = ("示例县档案馆2022年度部门整体支出绩效自评报告\n一、预算执行情况\n2022年全年预算305.20万元。"
            "“三公”经费当期发生支出3.40万元。\n")
    rec = read(tmp_path, text)
    assert rec.overall.actual is None


@pytest.mark.parametrize("said, score", [("自评得97.5分", "97.5"), ("综合评价得 91 分", "91"), ("考评得88分", "88")])
def test_a_score_with_de_before_its_figure(tmp_path, said, score):
    text = (f"示例县民政局2022年度部门整体支出绩效自评报告\n按照要求，我局开展了部门整体支出绩效自评，{said}。\n"
            "一、预算执行情况\n全年预算540.00万元，实际支出532.80万元。\n")
    rec = read(tmp_path, text)
    assert rec.score == D(score)
    assert said in rec.evidence["score"]


def test_an_indicators_score_with_de_is_not_the_reports(tmp_path):
    text = ("示例县民政局2022年度部门整体支出绩效自评报告\n一、预算执行情况\n全年预算540.00万元，实际支出532.80万元。\n"
            "二、绩效指标完成情况\n产出数量指标“救助人次”完成率100%，该指标评价得20分。\n")
    rec = read(tmp_path, text)
    assert rec.score is None


# --- spending as 决算总支出 and 完成支出, its parts after 其中 -------------------------------------------------------

@pytest.mark.parametrize("said", ["2023年决算总支出412.36万元", "完成支出412.36万元", "全年完成支出412.36万元"])
def test_final_total_spending_and_spending_completed(tmp_path, said):
    text = (f"示例县文化馆2023年整体支出绩效评价报告\n一、部门整体支出管理和使用基本情况\n"
            f"{said}。其中,基本支出250.16万元,占60.67%;项目支出162.20万元,占39.33%。\n")
    rec = read(tmp_path, text)
    assert (rec.overall.actual, rec.basic.actual, rec.projects.actual) == (D("412.36"), D("250.16"), D("162.20"))
    assert rec.overall.completion_rate is None  # (the parts' shares are no rate)


@pytest.mark.parametrize("said", ["预计完成支出412.36万元", "计划完成支出412.36万元", "2023年预算总支出412.36万元"])
def test_spending_expected_or_budgeted_is_no_spending(tmp_path, said):
    text = f"示例县文化馆2023年整体支出绩效评价报告\n一、预算执行情况\n{said}。\n"
    rec = read(tmp_path, text)
    assert rec.overall.actual is None


# --- a document-sharing copy run onto one line: an item carried over from last year, then the year's own ---------

def test_an_item_carried_over_from_last_year_leaves_the_next_items_this_years(tmp_path):
    text = ("中共示例县委宣传部 2021 年度部门整体支出绩效评价报告 根据县财政局的要求,我部开展了 2021 年度部门整体支出预算绩效自评,"
            "现将评价情况报告如下: 一、基本情况 (一)部门整体支出概况 2021 年,本部门决算收支完成情况如下: "
            "1.2020 年结余结转 18.40 万元。 2.收入:402.15 万元。其中财政拨款收入 400.05 万元,其他收入 2.10 万元。 "
            "3.支出:410.35 万元。其中,基本支出 310.10 万元,项目 支出 100.25 万元。 4.年终结转结余 10.20 万元。\n")
    rec = read(tmp_path, text)
    assert (rec.overall.actual, rec.basic.actual, rec.projects.actual) == (D("410.35"), D("310.10"), D("100.25"))


def test_last_years_spending_after_its_year_is_still_last_years(tmp_path):
    text = ("示例县文化馆2021年度部门整体支出绩效自评报告\n一、预算执行情况\n"
            "2020年全年支出380.00万元,其中基本支出300.00万元,项目支出80.00万元。\n")
    rec = read(tmp_path, text)
    assert rec.overall.actual is None and rec.basic.actual is None


# --- a numbered item opening with the name of a budget part, its text run on after 。 ----------------------------

def test_a_numbered_budget_item_head_keeps_its_figures_the_units(tmp_path):
    text = ("示例县交通运输局\n2020年度整体支出绩效自评报告\n二、部门财务情况\n"
            "1.收入支出预算安排及执行情况。2020年部门收入支出年初预算安排640.78万元,与上年604.41万元相比,增加36.37万元。"
            "年末决算收入702.66万元,支出630.18万元。\n")
    rec = read(tmp_path, text)
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("640.78"), D("630.18"))
    assert rec.overall.adjustment is None  # (the change on last year is no adjustment)


# --- titles: the unit's report on its self-evaluation work; a title's last word split by a space -----------------

def test_a_units_report_on_its_self_evaluation_work_is_its_report(tmp_path):
    text = ("示例县应急管理局2023年度部门整体支出绩效自评工作情况报告\n一、自评工作开展情况\n(一)部门预算安排\n"
            "我单位全年预算数861.58万元,本年度总支出838.46万元,其中基本支出419.70万元,项目支出418.76万元。\n")
    rec = read(tmp_path, text)
    assert rec.kind == "department" and rec.department == "示例县应急管理局"
    assert (rec.overall.adjusted_budget, rec.overall.actual) == (D("861.58"), D("838.46"))


def test_a_publishers_report_on_the_self_evaluation_work_is_not_a_departments(tmp_path):
    text = ("2023年度部门整体支出绩效自评工作开展情况\n根据县政府安排,县财政局组织全县42个部门开展了部门整体支出绩效自评。\n"
            "各部门全年预算共计86158.00万元。\n")
    rec = read(tmp_path, text)
    assert rec.kind != "department"


def test_a_title_whose_last_word_is_split_by_a_space(tmp_path):
    text = ("当前位置:首页>政府信息公开>财政资金\n\n示例市统计局部门整体支出绩效自评报 告\n\n来源:作者:2019-05-08\n\n"
            "一、部门概况\n\n二、部门整体支出情况\n\n2018年本年支出566.23万元,其中基本支出402.21万元,项目支出164.02万元。\n")
    rec = read(tmp_path, text)
    assert rec.department == "示例市统计局" and rec.kind == "department"
    assert rec.overall.actual == D("566.23")


def test_a_budget_called_yusuan_zijin_e_with_thousands_separators(tmp_path):
    text = ("示例区信息产业园区管理委员会 2018年度部门整体支出绩效评价报告\n一、部门基本情况\n"
            "2018年区财政局年初安排我单位的部门预算资金额为3,836.16万元,2018年决算总支出3,569.07万元,"
            "其中基本支出370.48万元,项目支出3,198.59万元。\n")
    rec = read(tmp_path, text)
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("3836.16"), D("3569.07"))
    assert (rec.basic.actual, rec.projects.actual) == (D("370.48"), D("3198.59"))

