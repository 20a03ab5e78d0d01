"""Layouts a review of the last stop's rules showed misread or left unread, each in our own words and figures."""
from decimal import Decimal as D

import pytest

from understand.helpers_understand import read_report as read

_HEAD = "示例县某局2023年度部门整体支出绩效自评报告\n一、部门预算执行情况\n"


# --- a bare 调整预算 and the money carried forward: spent + carried forward is the budget the year had -----------
@pytest.mark.parametrize("money, want", [
    # more than doubled by a grant in the year: spent and carried forward make it
    ("2023年度年初预算380.00万元，调整预算960.00万元，主要是上级追加抗旱救灾资金，全年实际支出925.50万元，结转下年34.50万元。",
     D("960.00")),
    # cut in the year with no change stated
    ("2023年度年初预算1,500.00万元，调整预算1,320.00万元，全年实际支出1,296.00万元，年末结转结余24.00万元。", D("1320.00")),
    # the change: 年初 + it is what was spent and carried forward, though it passes the size test
    ("2023年度年初预算310.00万元，年中调整预算330.00万元，主要为上级追加产业补助资金，全年实际支出336.00万元，结转下年304.00万元。",
     None),
])
def test_a_bare_tiaozheng_yusuan_is_settled_by_what_was_spent_and_carried_forward(tmp_path, money, want):
    rec = read(tmp_path, _HEAD + money + "\n")
    assert rec.overall.adjusted_budget == want
    assert rec.overall.actual is not None


@pytest.mark.parametrize("money, want", [
    # money come in from last year is no carry-forward: the size test decides, as before
    ("2023年度年初预算500.00万元，上年结转40.00万元，调整预算540.00万元，全年实际支出530.00万元。", D("540.00")),
    # two amounts kept (carried forward, left over) may be a total and its part: none is read, the size test decides
    ("2023年度年初预算500.00万元，调整预算560.00万元，全年实际支出535.00万元，结转下年20.00万元，年末结余5.00万元。",
     D("560.00")),
])
def test_only_one_carry_forward_of_the_year_settles_a_bare_tiaozheng_yusuan(tmp_path, money, want):
    assert read(tmp_path, _HEAD + money + "\n").overall.adjusted_budget == want


# --- a budget table whose first header cell is 指标 (its rows' labels), tab-separated -----------------------------
def test_a_budget_table_headed_zhibiao_over_its_rows_labels_is_read(tmp_path):
    text = ("示例市某管理局2023年度部门整体支出绩效评价报告\n二、部门整体支出绩效自评表（单位：万元）\n"
            "指标\t年初预算数\t全年预算数\t全年执行数\t执行率\n"
            "年度资金总额\t2,140.30\t2,265.90\t2,201.55\t97.16%\n"
            "其中：基本支出\t1,480.10\t1,512.40\t1,512.40\t100.00%\n"
            "项目支出\t660.20\t753.50\t689.15\t91.46%\n")
    rec = read(tmp_path, text)
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual, rec.overall.completion_rate) == (
        D("2140.30"), D("2265.90"), D("2201.55"), D("97.16"))
    assert (rec.basic.actual, rec.projects.actual, rec.projects.completion_rate) == (D("1512.40"), D("689.15"), D("91.46"))


def test_a_bare_tiaozheng_yusuan_of_the_main_source_is_no_internal_error(tmp_path):
    # (财政拨款's figures wait for the unit's; a bare 调整预算 among them has no field to compare yet: was an AttributeError)
    text = ("示例县人民医院2022年度部门整体支出绩效自评报告\n一、部门预算执行情况\n2022年度我院财政拨款年初预算1,800.00万元,上年结转40.00万元,年中追加210.00万元,调整预算2,050.00万元。"
            "全年实际支出财政拨款资金1,990.50万元,预算执行率97.10%。\n")
    rec = read(tmp_path, text)
    assert rec.overall.initial_budget == D("1800.00") and rec.overall.completion_rate == D("97.10")


# --- a header whose labels are broken over two rows ("年初 | 调整后 | 实际" over "预算数 | 预算数 | 支出数") ----------------
def test_a_header_broken_over_two_rows_reads_each_label_whole(tmp_path):
    text = ("示例县司法局2022年度部门整体支出绩效自评报告\n二、部门整体支出情况\n表1：2022年度部门整体支出预算执行情况\n单位：万元\n"
            "支出类别\t年初\t调整后\t实际\t预算\n\t预算数\t预算数\t支出数\t执行率\n"
            "合计\t1,210.40\t1,305.60\t1,268.30\t97.14%\n基本支出\t830.10\t851.20\t851.20\t100%\n"
            "项目支出\t380.30\t454.40\t417.10\t91.79%\n")
    rec = read(tmp_path, text)
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual) == (
        D("1210.40"), D("1305.60"), D("1268.30"))
    assert (rec.basic.adjusted_budget, rec.projects.adjusted_budget, rec.projects.actual) == (
        D("851.20"), D("454.40"), D("417.10"))


# --- short labels in a block's sentence: "调整后X万元" after its 年初预算, "年初部门预算批复" ----------------------------
def test_a_bare_tiaozhenghou_after_the_initial_budget_and_an_approved_initial_budget_are_read(tmp_path):
    text = (_HEAD + "2023年初部门预算批复1,520.40万元，年中调整后全年预算为1,688.20万元，全年实际支出1,650.90万元，预算执行率97.79%。"
            "其中基本支出年初预算1,020.10万元，调整后1,046.30万元，实际支出1,046.30万元；"
            "项目支出年初预算500.30万元，调整后641.90万元，实际支出604.60万元。\n")
    rec = read(tmp_path, text)
    assert rec.overall.initial_budget == D("1520.40") and rec.overall.adjusted_budget == D("1688.20")
    assert (rec.basic.adjusted_budget, rec.projects.adjusted_budget) == (D("1046.30"), D("641.90"))


def test_a_bare_tiaozhenghou_with_no_initial_budget_before_it_is_not_read(tmp_path):
    # ("调整后" with no 年初预算 read before it: what was adjusted is not said)
    text = _HEAD + "2023年实际支出1,650.90万元。项目经费经过调整后120.00万元用于设备购置。\n"
    assert read(tmp_path, text).projects.adjusted_budget is None and read(tmp_path, text).overall.adjusted_budget is None


def test_a_clause_saying_what_the_figure_before_it_is_names_no_block_for_the_next_sentence(tmp_path):
    # ("全部为项目资金" says what the carry-over is; the next sentence's 调整后预算 is still the unit's)
    text = (_HEAD + "2023年初预算980.50万元，其中基本支出702.30万元，项目支出278.20万元；上年结转资金26.40万元，全部为项目资金；"
            "年中追加预算140.10万元。全年调整后预算合计1,147.00万元。\n")
    rec = read(tmp_path, text)
    assert rec.overall.adjusted_budget == D("1147.00") and rec.projects.adjusted_budget is None


def test_a_quannian_yusuan_zonge_is_the_adjusted_budget(tmp_path):
    text = _HEAD + "2023年度年初预算1,948.70万元，年中追加136.34万元，全年预算总额2,085.04万元，全年实际支出2,047.83万元。\n"
    assert read(tmp_path, text).overall.adjusted_budget == D("2085.04")


# --- the parts of a total listed one item a line after "其中：" ---------------------------------------------------
@pytest.mark.parametrize("items, want", [
    (["1.基本支出36,201,450.20元，执行率99.21%；", "2.项目支出12,448,300.00元，执行率88.40%。"], (D("3620.14502"), D("1244.83"))),
    # (parts that do not add up to the total are not taken as its parts)
    (["1.基本支出36,201,450.20元，执行率99.21%；", "2.项目支出10,000,000.00元，执行率88.40%。"], (None, None)),
])
def test_parts_listed_one_a_line_after_qizhong_are_read_when_they_add_up(tmp_path, items, want):
    text = (_HEAD + "2023年度实际支出48,649,750.20元，预算执行率95.10%。其中：\n" + "\n".join(items) + "\n三、绩效指标完成情况\n")
    rec = read(tmp_path, text)
    assert rec.overall.actual == D("4864.97502")
    assert (rec.basic.actual, rec.projects.actual) == want


# --- guards a review of these rules wrote (each a wrong figure of a draft of them) -------------------------------
def test_an_indicator_table_headed_zhibiao_gives_no_block_figures(tmp_path):
    text = (_HEAD + "2023年年初预算620.00万元，调整后预算680.00万元，实际支出665.00万元。\n"
            "| 指标 | 年初预算数 | 全年执行数 | 执行率 | 得分 |\n| 项目支出人均成本 | 3.20 | 3.05 | 95% | 5 |\n"
            "| 基本支出保障率 | 100% | 100% | 100% | 5 |\n")
    rec = read(tmp_path, text)
    assert rec.projects.is_empty() and rec.basic.is_empty()
    assert rec.overall.adjusted_budget == D("680.00")


def test_quanbu_yongyu_a_block_still_names_the_next_sentences_block(tmp_path):
    text = (_HEAD + "2023年年初预算900.00万元，调整后预算1,000.00万元，实际支出985.00万元。上级补助资金300.00万元，全部用于项目支出。"
            "年初预算220.00万元，调整后预算320.00万元，实际支出310.00万元，执行率96.88%。\n")
    rec = read(tmp_path, text)
    assert (rec.projects.adjusted_budget, rec.projects.completion_rate) == (D("320.00"), D("96.88"))
    assert rec.overall.adjusted_budget == D("1000.00") and rec.overall.completion_rate is None


@pytest.mark.parametrize("money", [
    "2023年年初预算400.00万元，调整预算150.00万元，实际支出100.00万元，上年末结转结余50.00万元。",  # (money come in)
    "2023年年初预算400.00万元，调整预算150.00万元，实际支出100.00万元，期初结转结余50.00万元。",
])
def test_money_come_in_from_last_year_settles_no_bare_tiaozheng_yusuan(tmp_path, money):
    assert read(tmp_path, _HEAD + money + "\n").overall.adjusted_budget is None


@pytest.mark.parametrize("items", [
    ["1.基本支出320.00万元；", "2.项目支出150.00万元；", "3.项目支出50.00万元（上年结转）。"],  # (a block listed twice)
    ["1.基本支出330.00万元；", "2.项目支出190.00万元。"],  # (they add up to 年初预算, not to the spending listed)
])
def test_listed_parts_that_are_not_the_two_parts_of_the_total_are_not_read(tmp_path, items):
    text = (_HEAD + "2023年年初预算520.00万元，调整后预算560.00万元，全年实际支出540.00万元。其中：\n" + "\n".join(items)
            + "\n三、存在的问题\n1.预算编制不够精准。\n")
    rec = read(tmp_path, text)
    assert rec.basic.is_empty() and rec.projects.is_empty() and rec.overall.actual == D("540.00")


def test_a_metadata_label_cut_short_before_the_title_is_no_part_of_the_name(tmp_path):
    # (a site's metadata table flattened with its labels' first characters lost: "称:" of 名称:)
    text = ("您当前的位置:首页 > 示例县气象局 > 财政资金\n 号: 011204517/202306-00009  信息分类: 部门整体支出绩效\n"
            "称: 示例县气象局2023年度部门整体支出绩效自评报告\n人: 初审:赵某     复审:钱某\n\n"
            "示例县气象局2023年度部门整体支出绩效自评报告\n\n一、部门预算执行情况\n2023年年初预算520.00万元，实际支出510.00万元。\n")
    assert read(tmp_path, text).department == "示例县气象局"


def test_a_title_glued_after_a_download_sites_buttons_names_the_report(tmp_path):
    # (the page's file name first, then its buttons with the PDF's text flattened onto the same line)
    text = ("2023年度部门整体支出绩效自评报告-水文站.pdf\n"
            "下载 收藏 分享 页数：7 大小：402KB示例区水文站 2023 年度部门整体支出 绩效自评报告 根据区财政局要求，我站对全年"
            "部门整体支出情况进行了自评，现将有关情况报告如下： 一、部门基本情况 我站负责全区水文监测工作。\n"
            "二、部门整体支出情况\n（二）预算执行情况\n2023 年实际支出 1,208.40 万元，预算执行率 96.52%。\n")
    rec = read(tmp_path, text)
    assert (rec.overall.actual, rec.overall.completion_rate) == (D("1208.40"), D("96.52"))


# --- items written inline: circled numbers, or "2、" after a space a PDF's line left ---------------------------------
@pytest.mark.parametrize("problems, plans", [
    ("①项目前期论证不充分，部分工程开工推迟；②绩效指标偏重产出数量；③建后管护经费保障不足。",
     "①加强项目前期论证；②优化绩效指标设置；③争取建后管护资金。"),
    ("1、补贴标准偏低 2、专职人员编制不足 3、项目绩效目标细化不够",
     "1、提请调整补贴标准 2、争取增加专职人员 3、细化项目绩效指标"),
])
def test_items_inline_after_circled_numbers_or_spaces_are_split(tmp_path, problems, plans):
    text = (_HEAD + "2023年年初预算760.00万元，实际支出742.00万元。\n四、存在的问题\n" + problems + "\n五、改进措施\n" + plans
            + "\n六、自评结论\n经自评，本部门自评得分90分，等级为优。\n")
    rec = read(tmp_path, text)
    assert [p[:4] for p in rec.problems] in (["项目前期", "绩效指标", "建后管护"], ["补贴标准", "专职人员", "项目绩效"])
    assert len(rec.plans) == 3 and rec.plans[2].startswith(("争取建后", "细化项目"))


def test_numbers_inline_that_do_not_count_up_are_no_items(tmp_path):
    text = (_HEAD + "2023年年初预算760.00万元，实际支出742.00万元。\n四、存在的问题\n"
            "1、二季度支出进度偏慢，第 3、4 季度集中支出较多，影响资金使用效益。\n五、改进措施\n1.加快支出进度。\n")
    assert read(tmp_path, text).problems == ["二季度支出进度偏慢，第 3、4 季度集中支出较多，影响资金使用效益。"]


def test_a_forms_deviation_column_label_one_cell_a_line_is_no_plans_section(tmp_path):
    cells = ["年度绩效指标完成情况", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "偏差原因分析及改进措施",
             "产出指标", "数量指标", "村庄整治覆盖村数", "12个", "12个", "", "效益指标", "社会效益指标", "群众满意度", "≥90%", "93%", ""]
    text = (_HEAD + "2023年年初预算760.00万元，实际支出742.00万元。\n" + "\n\n".join(cells)
            + "\n四、改进措施\n（一）加强与县直部门对接。\n（二）细化绩效指标。\n")
    assert read(tmp_path, text).plans == ["加强与县直部门对接。", "细化绩效指标。"]


@pytest.mark.parametrize("after", ["（本文来源于网络整理，仅供参考）", "示例县某局2023年度项目支出绩效自评表\n项目名称：执法车辆购置",
                                   "附件2\n示例乡2023年度项目支出绩效自评表\n项目名称：农村公路硬化工程"])
def test_a_pages_source_note_or_an_attached_form_ends_the_plans(tmp_path, after):
    text = (_HEAD + "2023年年初预算760.00万元，实际支出742.00万元。\n五、下一步工作计划\n一是严格按照零基预算要求编制年度预算。\n"
            "二是配齐配强财政所人员。\n" + after + "\n")
    assert read(tmp_path, text).plans == ["严格按照零基预算要求编制年度预算。", "配齐配强财政所人员。"]


def test_a_units_report_attached_to_a_final_accounts_page_is_read_up_to_the_next_attachment(tmp_path):
    text = ("首页 > 政务公开 > 财政预决算\n2023年度示例区某镇人民政府部门决算附件\n发布时间：2024-09-26\n附件1\n"
            "2023年度示例区某镇人民政府\n部门预算绩效评价报告\n一、部门预算执行情况\n"
            "2023年，我镇年初预算1,520.40万元，全年调整后预算1,688.20万元，实际支出1,650.90万元，预算执行率97.79%。\n"
            "二、绩效评价结论\n经自评，我镇2023年度部门整体支出绩效得分为89分，评价等级为“良”。\n"
            "附件2 专项预算绩效自评报告\n1.农田整治项目专项预算绩效自评报告\n"
            "农田整治项目年初预算80.00万元，调整后预算96.00万元，实际支出96.00万元，执行率100%。\n")
    rec = read(tmp_path, text)
    assert rec.kind == "department"
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual) == (
        D("1520.40"), D("1688.20"), D("1650.90"))
    assert rec.projects.is_empty() and (rec.score, rec.rating) == (D("89"), "良")


# --- a template's "三、部门整体支出绩效情况" listing the work done, when nothing else names the tasks ---------------------
@pytest.mark.parametrize("items, want", [
    (["（一）档案接收进馆。接收12家单位到期档案进馆。", "（二）馆藏档案数字化。完成扫描21.3万画幅，使用资金32.80万元。"],
     [("档案接收进馆", None), ("馆藏档案数字化", D("32.80"))]),
    # (its own sections, or its analyses: no tasks)
    (["（一）预算执行情况。全年执行率96.50%。", "（二）重点工作完成情况。各项工作按期完成。"], []),
    (["（一）经济性。预算控制较好。", "（二）效率性。工作按期完成。"], []),
])
def test_the_work_listed_under_the_performance_section_is_the_tasks_when_nothing_else_names_them(tmp_path, items, want):
    text = (_HEAD + "2023年年初预算300.00万元，实际支出297.60万元。\n三、部门整体支出绩效情况\n" + "\n".join(items)
            + "\n四、存在的问题\n1.档案编研工作开展较少。\n")
    assert [(t.text.split("。")[0], t.funds) for t in read(tmp_path, text).tasks] == want


def test_the_money_a_court_recovered_is_no_tasks_funds(tmp_path):
    text = (_HEAD + "2023年年初预算1,948.70万元，实际支出2,047.83万元。\n二、重点工作完成情况\n"
            "1.执行攻坚。执结案件1,932件，执行到位金额2.16亿元。\n2.诉讼服务。投入资金36.50万元建设诉讼服务中心。\n")
    assert [t.funds for t in read(tmp_path, text).tasks] == [None, D("36.50")]


def test_the_performance_sections_items_about_money_or_the_score_are_no_tasks(tmp_path):
    text = (_HEAD + "2023年年初预算300.00万元，实际支出297.60万元。\n三、部门整体支出绩效情况\n"
            "（一）全年完成农村公路硬化3.8公里。\n（二）三公经费支出4.62万元，比上年下降11.3%。\n"
            "（三）根据评分标准，我乡自评得分86分，等级为良。\n四、存在的问题\n1.预算编制不够精细。\n")
    assert read(tmp_path, text).tasks == []


# --- guards a second review wrote (each a wrong or lost value of a draft of the rules above) ----------------------
def test_a_units_name_before_a_colon_is_kept(tmp_path):
    text = ("县教育局：局机关2022年度部门整体支出绩效自评报告\n一、部门预算执行情况\n2022年年初预算520.00万元，实际支出510.00万元。\n")
    assert read(tmp_path, text).department == "县教育局"


def test_a_citation_of_a_project_report_on_a_buttons_line_names_no_project_report(tmp_path):
    text = ("下载 收藏 分享 根据县财政局《关于报送2022年度项目支出绩效自评报告的通知》要求，我局开展了部门整体支出绩效自评，"
            "现将有关情况报告如下： 一、部门基本情况 我局负责全县林业工作。\n二、部门整体支出情况\n"
            "2022年年初预算520.00万元，实际支出510.00万元。\n")
    assert read(tmp_path, text).kind != "project"


@pytest.mark.parametrize("plans, want", [
    ("1、细化预算编制 2、月末前完成支付进度分析。", ["细化预算编制 2、月末前完成支付进度分析。"]),  # (a date's number)
    ("①号整改意见已落实，②号整改意见正在落实。", ["①号整改意见已落实，②号整改意见正在落实。"]),  # (references)
])
def test_numbers_inline_that_are_dates_or_references_split_no_item(tmp_path, plans, want):
    text = (_HEAD + "2023年年初预算760.00万元，实际支出742.00万元。\n五、改进措施\n" + plans + "\n六、自评结论\n经自评，得分90分。\n")
    assert read(tmp_path, text).plans == want


def test_an_unnumbered_plans_heading_worded_as_the_deviation_column_is_still_the_plans(tmp_path):
    text = (_HEAD + "2023年年初预算760.00万元，实际支出742.00万元。\n存在的问题\n1.预算编制不够精准。\n偏差原因分析及改进措施\n"
            "1.加强预算编制管理。\n2.细化绩效目标。\n")
    assert read(tmp_path, text).plans == ["加强预算编制管理。", "细化绩效目标。"]


def test_an_item_naming_a_report_does_not_end_its_section(tmp_path):
    text = (_HEAD + "2023年年初预算760.00万元，实际支出742.00万元。\n二、重点工作完成情况\n1.完成森林防火巡查120次，投入资金35.00万元。\n"
            "2.组织编制2023年度部门整体支出绩效自评报告\n3.完成造林绿化1500亩，投入资金210.00万元。\n四、存在的问题\n1.支付偏慢。\n")
    assert [t.funds for t in read(tmp_path, text).tasks] == [D("35.00"), None, D("210.00")]


def test_a_change_explained_as_project_funds_names_no_block_for_the_next_sentence(tmp_path):
    text = (_HEAD + "全年财政拨款支出预算数为452.38万元，比年初预算410.00万元增加42.38万元，主要是追加了科普日活动项目经费。"
            "本年度实际支出446.02万元，其中：基本支出372.11万元，项目支出73.91万元。\n")
    rec = read(tmp_path, text)
    assert (rec.overall.actual, rec.basic.actual, rec.projects.actual) == (D("446.02"), D("372.11"), D("73.91"))


def test_a_rate_after_an_amount_whose_parts_follow_is_the_units(tmp_path):
    # (under a project-style heading, "（一）项目资金情况分析", the unit's spending and its rate, its parts next)
    text = ("示例市委党校2019年整体支出绩效自评报告\n三、绩效评价指标分析\n（一）项目资金情况分析\n"
            "2019年全年预算收入412.36万元，其中基本支出预算298.50万元，项目支出预算113.86万元。全年实际支出398.71万元，预算执行率96.69%。"
            "其中：基本支出297.84万元，执行率99.78%；项目支出100.87万元，执行率88.59%。\n")
    rec = read(tmp_path, text)
    assert (rec.overall.actual, rec.overall.completion_rate) == (D("398.71"), D("96.69"))
    assert (rec.projects.actual, rec.projects.completion_rate) == (D("100.87"), D("88.59"))


def test_a_lists_dash_before_a_name_is_no_part_of_it(tmp_path):
    text = ("中共示例市委党校2019年整体支出绩效自评报告-示例市人民政府\n- 中国共产党示例市委员会党校\n发布日期2020-08-26\n"
            "中共示例市委党校2019年整体支出绩效自评报告\n一、预算执行情况\n2019年年初预算365.20万元，实际支出398.71万元。\n")
    assert read(tmp_path, text).department in ("中共示例市委党校", "中国共产党示例市委员会党校")


def test_a_short_name_the_page_defines_takes_its_full_name(tmp_path):
    # (no title: the unit named in full once, "（以下简称区林业局）", then by its short name)
    text = ("一、部门基本情况\n（一）职能职责。示例市某某区林业局（以下简称区林业局）负责全区林业和草原监督管理。\n"
            "（二）机构设置。区林业局为区政府工作部门，内设6个科室。\n"
            "（三）部门预算执行情况。2022年年初预算数1,208.40万元，全年执行数1,190.20万元。\n三、自评结论\n"
            "对照部门整体绩效目标，区林业局2022年度部门整体支出绩效自评得分88分，等级为“良”。\n")
    assert read(tmp_path, text).department == "示例市某某区林业局"


def test_a_final_accounts_title_run_onto_a_sites_menu_line_names_the_page(tmp_path):
    text = ("中央人民政府示例省人民政府              无障碍浏览  政务微博广场繁体中文\n"
            "首    页   走进示例   政务公开   领导之窗   办事服务   互动交流   便民查询\n"
            "当前位置:首页>>政务公开>>财政信息>>预算决算>>2019年部门决算\n示例市水务局2019年部门决算编制说明\n"
            "时间:2020年09月04日    来源:市水务局 打印本页    关闭窗口\n\n  一、基本职能及主要工作\n（一）主要职能。负责全市水行政管理。\n二、收入支出决算总体情况说明\n"
            "2019年度收入总计6,210.40万元，支出总计6,198.64万元。\n")
    assert read(tmp_path, text).kind == "final_accounts"


def test_a_units_name_holding_jihua_opens_no_plans_section(tmp_path):
    text = ("示例县妇幼保健计划生育服务中心2022年度单位整体支出绩效自评报告\n\n示例县妇幼保健计划生育服务中心\n\n"
            "2022年度单位整体支出绩效自评报告\n\n一、单位概况\n\n本中心为县卫生健康局所属公益一类事业单位。\n\n"
            "二、单位整体支出情况\n\n2022年度实际支出1,842.69万元。\n\n三、存在的问题\n\n1.业务用房紧张。\n\n四、改进措施\n\n"
            "1.优化科室布局。\n\n2.加强乡镇妇幼专干培训。\n")
    assert read(tmp_path, text).plans == ["优化科室布局。", "加强乡镇妇幼专干培训。"]


def test_spending_stated_as_shiji_wancheng_and_a_score_in_brackets_after_the_grade_are_read(tmp_path):
    text = (_HEAD + "2023年部门支出实际完成1,472.916842万元，占全年预算数1,518.334126万元的97.01%；年初预算为1,402.560000万元。\n"
            "二、自评结论\n对照年初设定的部门整体绩效目标，我局对2023年度整体支出进行了自评，绩效等级：良好（自评分86.5分）。\n")
    rec = read(tmp_path, text)
    assert rec.overall.actual == D("1472.916842") and (rec.score, rec.rating) == (D("86.5"), "良")


def test_a_target_and_what_was_done_of_an_indicator_are_no_spending(tmp_path):
    text = (_HEAD + "2023年年初预算2,400.00万元，实际支出2,380.00万元。\n二、绩效目标完成情况\n"
            "外贸进出口总额目标58亿元，实际完成55.2亿元。\n")
    rec = read(tmp_path, text)
    assert rec.overall.actual == D("2380.00") and not rec.warnings


@pytest.mark.parametrize("sentence, score", [
    ("镇政府对照整体支出绩效评价指标开展自评，评价结果为“优”，得分95分。", D("95")),
    # (an indicator's score stays its own)
    ("其中满意度指标得分9分。", None),
])
def test_the_criteria_an_evaluation_followed_are_no_indicator_before_its_score(tmp_path, sentence, score):
    text = (_HEAD + "2023年年初预算748.00万元，实际支出800.35万元。\n二、自评结论\n" + sentence + "\n")
    assert read(tmp_path, text).score == score


# --- guards a third review wrote (each a wrong or lost value of a draft of the rules above) -----------------------
def test_the_performance_sections_indicator_rows_are_no_tasks(tmp_path):
    text = (_HEAD + "2023年年初预算500.00万元，实际支出550.00万元。\n三、部门整体支出绩效情况\n"
            "（一）送戏下乡场次：目标值120场，实际完成126场。\n（二）公共文化设施免费开放率：目标值100%，实际完成100%。\n"
            "四、存在的问题\n1.预算编制不够精准。\n")
    assert read(tmp_path, text).tasks == []


def test_a_short_name_defined_for_two_units_together_takes_no_full_name(tmp_path):
    text = ("一、部门基本情况\n（一）职能职责。示例县水务局和县河长制办公室（以下简称县水务局）负责全县水资源管理。\n"
            "（二）预算执行情况。2023年年初预算数500.00万元，全年执行数550.00万元。\n三、自评结论\n"
            "县水务局2023年度部门整体支出绩效自评得分91分，等级为优。\n")
    assert read(tmp_path, text).department != "示例县水务局和县河长制办公室"


def test_one_projects_spending_stated_as_shiji_wancheng_is_no_blocks(tmp_path):
    text = (_HEAD + "2023年年初预算500.00万元，调整后预算560.00万元，全年实际支出550.00万元。"
            "其中高标准农田建设项目支出实际完成180.00万元，完成率90.00%。\n")
    assert read(tmp_path, text).projects.actual is None


def test_a_sub_units_score_in_brackets_after_its_grade_is_not_the_units(tmp_path):
    text = (_HEAD + "2023年年初预算500.00万元，实际支出550.00万元。\n二、自评结论\n所属区社会福利院绩效等级为良好（自评分82.5分）。\n")
    assert read(tmp_path, text).score is None


def test_another_units_report_attached_to_a_final_accounts_page_is_not_read_as_the_pages(tmp_path):
    text = ("示例县某镇人民政府2023年度部门决算\n第一部分 部门概况\n一、主要职能\n负责全镇经济社会发展。\n"
            "第二部分 2023年度部门决算情况说明\n一、收入支出决算总体情况说明\n2023年度收入总计1200.00万元，支出总计1180.00万元。\n"
            "附件1\n2023年度某镇中心学校\n单位绩效自评报告\n一、预算执行情况\n2023年年初预算300.00万元，实际支出290.00万元。\n")
    assert read(tmp_path, text).kind == "final_accounts"


def test_a_colon_after_the_block_a_change_went_to_opens_that_blocks_figures(tmp_path):
    text = (_HEAD + "2023年年初预算500.00万元，调整后预算560.00万元，全年实际支出550.00万元。"
            "预算调整主要为新增项目支出：年初预算200.00万元，调整后预算260.00万元，实际支出255.00万元。\n")
    assert read(tmp_path, text).projects.actual == D("255.00")


@pytest.mark.parametrize("items", [
    ["1.完成地质灾害隐患点排查320处；", "2.完成避险搬迁45户；", "3.群众满意度达到95%。"],  # (one project's results)
    ["1.局机关：全年支出320万元，完成年度各项工作。", "2.县教师进修学校：全年完成教师培训1500人次。"],  # (bodies' results)
])
def test_the_performance_sections_results_of_a_project_or_of_bodies_are_no_tasks(tmp_path, items):
    text = (_HEAD + "2023年年初预算500.00万元，实际支出550.00万元。\n三、部门整体支出绩效情况\n" + "\n".join(items)
            + "\n四、存在的问题\n1.预算编制不够精准。\n")
    assert read(tmp_path, text).tasks == []
