"""Tasks, problems and plans: never a table of contents or an attachment list; 任务1：/任务一： items."""
from decimal import Decimal as D

import pytest

from understand.helpers_understand import parse, parse_fixture


def test_contents_and_attachments_are_not_plans():
    rec = parse_fixture("numbered_lists.txt")
    assert rec.plans == ["细化预算编制，减少年中调整。", "完善绩效指标，做到可衡量、可考核。"]
    assert rec.problems == ["预算编制不够精细，年中调整较多。", "绩效目标设置偏笼统。"]


@pytest.mark.parametrize("after", [
    "附件：1.某县档案馆2023年度部门整体支出绩效自评表\n2.某县档案馆2023年度项目支出绩效自评表",  # each item of the list
    "注：1.预算执行率=实际支出/调整后预算×100%；2.上年同期实际支出398.20万元。",  # the report's notes
])
def test_what_follows_the_last_plan_is_not_one(after):
    rec = parse("某县档案馆2023年度部门整体支出绩效自评报告\n二、存在问题\n1.档案数字化经费不足。\n三、改进措施\n"
                f"1.积极争取档案数字化专项资金。\n2.优化支出结构。\n{after}")
    assert rec.plans == ["积极争取档案数字化专项资金。", "优化支出结构。"]


def test_tasks_numbered_task_1():
    rec = parse_fixture("numbered_lists.txt")
    assert [t.text[:8] for t in rec.tasks] == ["完成农村道路硬化", "新建村级便民服务"]
    assert [t.funds for t in rec.tasks] == [D("300.00"), D("45.50")]


def test_tasks_numbered_in_chinese():
    rec = parse("某县文旅局2021年度部门整体支出绩效自评报告\n三、主要任务完成情况\n"
                "任务一：举办群众文化活动20场。\n任务二：完成3处文物保护修缮。\n四、存在的问题\n1.宣传力度不足。")
    assert [t.text for t in rec.tasks] == ["举办群众文化活动20场。", "完成3处文物保护修缮。"]


def test_contents_with_page_numbers_are_not_plans():
    rec = parse("某县文旅局2021年度部门整体支出绩效自评报告\n目录\n一、部门概况……1\n二、下一步工作计划……5\n"
                "一、部门概况\n本局负责全县文化和旅游工作。\n二、下一步工作计划\n（一）办好全民阅读活动。\n（二）加快景区提质。")
    assert rec.plans == ["办好全民阅读活动。", "加快景区提质。"]


def test_contents_with_bracketed_page_numbers_are_not_plans():
    rec = parse("某县文旅局2021年度部门整体支出绩效自评报告\n一、概况..........( 1 )\n二、改进措施..........( 3 )\n"
                "一、概况\n本局负责全县文化和旅游工作。\n二、改进措施\n1.加强预算管理。\n2.强化绩效运用。")
    assert rec.plans == ["加强预算管理。", "强化绩效运用。"]


def test_an_item_about_attachments_is_still_an_item():
    rec = parse("某县文旅局2021年度部门整体支出绩效自评报告\n三、存在的问题\n附件资料归档不够及时。\n"
                "四、改进措施\n（一）及时归档。\n附件1：自评表.xlsx")
    assert rec.problems == ["附件资料归档不够及时。"]
    assert rec.plans == ["及时归档。"]


# A 部门概况 whose last numbered point is the year's own work plan and key tasks, then the next
# sub-heading of the level above ("（二）…"), as some provinces' templates lay it out.
_YEARS_PLAN = ("某县实验小学2022年度部门整体支出绩效自评报告\n一、部门基本情况\n（一）部门概况\n1.部门职能\n"
               "主要负责小学教育。\n2.机构设置及人员情况\n内设教务处、德育处。\n3.年度工作计划及重点工作任务情况\n"
               "按学期计划组织教学，落实课后服务。\n（二）当年部门履职总体目标、工作任务\n"
               "目标1：提高教学质量。目标2：建好校园安全体系。\n（三）当年部门整体支出绩效目标\n办好人民满意的教育。\n"
               "二、存在的问题\n1.课后服务经费保障不足。\n三、下一步改进措施\n1.积极争取课后服务经费。\n2.完善安全巡查制度。")


def test_the_years_work_plan_is_not_the_plans():
    rec = parse(_YEARS_PLAN)
    assert rec.plans == ["积极争取课后服务经费。", "完善安全巡查制度。"]
    assert rec.problems == ["课后服务经费保障不足。"]


def test_a_section_under_a_numbered_point_ends_at_the_next_sub_heading_above_it():
    rec = parse(_YEARS_PLAN)  # not "（二）…" and "（三）…", which are sections of their own
    assert [t.text for t in rec.tasks] == ["按学期计划组织教学，落实课后服务。"]


def test_a_section_keeps_items_numbered_like_an_earlier_heading():
    # "（二）主要任务" is not under "1.…": its items "1." "2." "3." are its own, though the section
    # before it ended at a "2." and its "3." would continue that count
    rec = parse("某县文旅局2021年度部门整体支出绩效自评报告\n一、部门概况\n（一）职能\n1.文化工作。\n2.旅游工作。\n"
                "（二）主要任务\n1.举办文化活动。\n2.修缮文物。\n3.推广旅游线路。\n二、存在的问题\n1.宣传不足。")
    assert [t.text for t in rec.tasks] == ["举办文化活动。", "修缮文物。", "推广旅游线路。"]


def test_items_numbered_like_the_level_above_are_the_sections_own():
    # "1." first appears under 部门基本情况, before any "（一）": the items "1."–"4." under "（二）" are still
    # its own, though "3." would continue the "1." "2." before it
    rec = parse("某县教育局2022年度部门整体支出绩效自评报告\n一、部门基本情况\n1.部门职责\n负责全县教育事业。\n"
                "2.人员情况\n在编人员50人。\n二、部门整体支出绩效情况\n（一）预算执行情况\n1.预算执行\n全年执行顺利。\n"
                "2.预算调整\n年中调整较少。\n（二）主要绩效目标完成情况\n1.完成校舍维修\n2.完成教师培训\n3.完成营养午餐\n"
                "4.完成课后服务\n三、存在的问题及下一步工作计划\n（一）存在的问题\n1.预算编制不够精准\n2.绩效目标不够细化\n"
                "（二）下一步工作计划\n1.加强预算编制\n2.细化绩效目标\n3.加快支付进度\n4.强化结果应用")
    assert [t.text for t in rec.tasks] == ["完成校舍维修", "完成教师培训", "完成营养午餐", "完成课后服务"]
    assert rec.plans == ["加强预算编制", "细化绩效目标", "加快支付进度", "强化结果应用"]


@pytest.mark.parametrize("heading", ["四、2024年工作计划及重点任务", "四、2024年度工作计划和主要任务",
                                     "四、下步工作计划及重点任务", "四、新一年工作计划与主要目标"])
def test_next_years_plan_with_its_key_tasks_is_the_plans(heading):
    rec = parse("某县教育局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n本局负责全县教育工作。\n"
                f"二、存在的问题\n（一）预算编制不够精准。\n{heading}\n（一）加快学位建设。\n（二）盘活结余资金。")
    assert rec.plans == ["加快学位建设。", "盘活结余资金。"]


@pytest.mark.parametrize("item,funds", [
    # several inline items, each with its amount: no one task's funds (h5-task-inline-items)
    ("一是修缮村道，涉及资金60万元；二是维护路灯，涉及资金12万元。", None),
    ("修缮村道，涉及资金60万元；二是维护路灯，涉及资金12万元。", None),
    # another period's money (h5-task-other-year)
    ("修缮村道。2021年投入资金40万元，2022年投入资金55万元。", D("55")),
    ("修缮村道，上年度安排资金48万元，本年度安排资金55万元。", D("55")),
    ("修缮村道，近五年累计投入资金400万元，本年投入资金55万元。", D("55")),
    ("修缮村道，使用上年结转资金18万元。", D("18")),
    # an amount per unit (h5-task-per-unit)
    ("发放种粮补贴，每亩补助资金95元，涉及资金66万元。", D("66")),
    ("实施危房改造40户，户均补助资金2万元。", None),
    # the whole unit's money yields to the task's (h5-task-whole-unit)
    ("修缮村道。全局全年共支出资金420万元，本项工作使用资金55万元。", D("55")),
    # an amount worked on, not spent (h5-task-worked-on)
    ("开展财政支出绩效评价，评价资金规模2.4亿元。", None),
    ("配合专项审计，审计资金总额650万元，使用工作经费4万元。", D("4")),
    ("推进政策性农业保险，提供风险保障金额3.1亿元，保费补贴资金85万元。", D("85")),
    ("开展资金专项检查，发现问题资金16万元并督促整改。", None),
    ("指导各乡镇编制预算3800万元。", None),
    ("开展绩效评价工作，安排评价经费6万元。", D("6")),
    # parts by source: neither is the task's; a total beside them is (h5-task-one-source)
    ("落实耕地保护补贴，省级下达资金300万元，县级配套资金60万元。", None),
    ("落实耕地保护补贴，共投入资金360万元，其中省级补助资金300万元，县级配套资金60万元。", D("360")),
    ("全年投入资金210万元，其中省级补助资金150万元。", D("210")),
    # (guards of rv6: a lead of the whole unit's before the items, a running total since another year)
    ("修缮村道。全局全年共支出资金420万元。一是硬化路面，使用资金60万元；二是维护路灯，使用资金30万元。", None),
    ("修缮村道，2019年以来累计投入资金400万元，本年投入资金55万元。", D("55")),
])
def test_task_funds_are_the_tasks_own(item, funds):
    rec = parse("某县农业农村局2022年度部门整体支出绩效自评报告\n二、主要任务完成情况\n（一）" + item
                + "\n三、存在的问题\n1.进度偏慢。")
    assert [t.funds for t in rec.tasks] == [funds]


@pytest.mark.parametrize("item,funds", [
    # guards: the year's running total, a project's total investment stated alone, the whole unit's alone
    ("修缮村道，全年累计投入资金55万元。", D("55")),
    ("修缮村道，项目总投资资金55万元，已完工。", D("55")),
    ("修缮村道，全局共投入资金55万元。", D("55")),
    ("修缮村道，2022年安排资金55万元。", D("55")),
    ("修缮村道，每年安排资金55万元。", D("55")),
    # rv6: the task's total before its items, last year's money carried over named by its year, this year's
    # running total (each null before)
    ("修缮村道。全年共投入资金90万元。一是硬化路面3公里，使用资金60万元；二是维护路灯，使用资金30万元。", D("90")),
    ("修缮村道，使用2021年结转资金18万元。", D("18")),
    ("修缮村道，今年以来累计投入资金55万元。", D("55")),
    ("修缮村道，年初以来累计投入资金55万元。", D("55")),
    ("修缮村道，2022年以来累计投入资金55万元。", D("55")),
])
def test_task_funds_kept(item, funds):
    rec = parse("某县农业农村局2022年度部门整体支出绩效自评报告\n二、主要任务完成情况\n（一）" + item
                + "\n三、存在的问题\n1.进度偏慢。")
    assert [t.funds for t in rec.tasks] == [funds]


def test_plans_in_a_form_row_are_that_rows_cells():
    """"改进措施及 结果应用方案 | 无 |" then the form's numbered 备注: the form says no plans; the notes
    on how it is filled in are none."""
    rec = parse("单位名称 | 示例松风镇人民政府 | |||\n"
                "预算执行情况(万元) (20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 |\n"
                "部门整体支出总额 | 652.4 | 650.1 | 99.65% | 20 |\n"
                "偏差大或 目标未完成 原因分析 | 无 | |||\n"
                "改进措施及 结果应用方案 | 无 |\n备注:\n"
                "1.预算执行情况口径:预算数为调整后财政资金总额,执行数为实际支出数。\n"
                "2.定量指标计分原则:正向指标得分=权重*B/A。", paragraphs=True)
    assert rec.plans == [] and rec.problems == []
    rec = parse("示例松风镇2022年度部门整体支出绩效自评表\n改进措施及结果应用方案 | 加强项目资金调度，提高支出进度。 |")
    assert rec.plans == ["加强项目资金调度，提高支出进度。"]


def test_a_plan_says_something():
    """A figure under "计划安排资金(元)" or an empty table row under a 改进措施 column is no plan."""
    rec = parse("示例松风街道2021年度项目支出绩效自评报告\n一、项目基本情况\n计划安排资金(元)\n\n480000\n")
    assert rec.plans == []
    rec = parse("示例松风街道2021年度项目支出绩效自评表\n偏差原因分析及改进措施 |\n|||||\n")
    assert rec.plans == []


def test_a_table_row_that_only_mentions_a_plan_or_a_problem_opens_no_section():
    """Rows of a goal or project table ("计划完成农村公路建设50公里 | …", "计划开工时间 | 2023年3月 |",
    "信访问题化解情况 | 有效化解 |") are no section: the report's own sections are read."""
    rec = parse("示例松风县交通运输局2023年度部门整体支出绩效自评报告\n三、年度绩效目标完成情况\n"
                "年度目标 | 完成情况 |\n计划完成农村公路建设50公里 | 完成52公里 |\n"
                "计划开工时间 | 2023年3月 | 计划完工时间 | 2023年11月 |\n信访问题化解情况 | 有效化解 |\n"
                "四、存在的问题\n1.预算编制不够精准。\n2.绩效目标不够细化。\n"
                "五、下一步改进措施\n1.提高预算编制的准确性。\n2.细化量化绩效目标。", paragraphs=True)
    assert rec.problems == ["预算编制不够精准。", "绩效目标不够细化。"]
    assert rec.plans == ["提高预算编制的准确性。", "细化量化绩效目标。"]


@pytest.mark.parametrize("problems_label, plans_label", [("存在的主要问题", "下一步改进措施"), ("问题与不足：", "改进建议："),
                                                         ("目标偏差及原因", "整改计划")])
def test_form_rows_under_their_usual_labels(problems_label, plans_label):
    rec = parse(f"部门整体支出绩效自评表\n部门名称 | 示例松风县林业局 |\n{problems_label} | 资金到位较晚，进度滞后 |\n"
                f"{plans_label} | 提前谋划项目，加快资金拨付 |", paragraphs=True)
    assert rec.problems == ["资金到位较晚，进度滞后"] and rec.plans == ["提前谋划项目，加快资金拨付"]


def test_a_form_row_saying_no_deviation_is_none():
    rec = parse("项目支出绩效自评表\n偏差原因分析及改进措施 | 无偏差 |", paragraphs=True)
    assert rec.problems == [] and rec.plans == []


def test_a_tables_header_row_is_no_form_row():
    """"问题 | 整改措施 | 整改时限" heads a rectification table: its other cells are no problems."""
    rec = parse("部门整体支出绩效自评表\n问题 | 整改措施 | 整改时限 | 责任股室 |\n预算执行进度偏慢 | 加快支付 | 2024年6月 | 计财股 |",
                paragraphs=True)
    assert "整改措施" not in rec.problems


def test_a_section_of_analyses_gives_no_tasks():
    """Under 绩效目标完成情况分析, items that are each an analysis ("（一）资金投入情况分析。…", "（二）产出指标完成
    情况分析…") are the section's parts, no tasks; a section of goals still gives its tasks."""
    head = "某县水利局2023年度部门整体支出绩效自评报告\n二、绩效目标完成情况分析\n"
    rec = parse(head + "（一）资金投入情况分析。\n年度下达资金 80 万元，到位率 100%。\n（二）产出指标完成情况分析\n"
                       "已完成渠道整治 12 公里。\n三、存在的问题\n1.资金到位较晚。")
    assert rec.tasks == [] and rec.problems == ["资金到位较晚。"]
    rec = parse(head + "（一）完成渠道整治 12 公里，资金 80 万元。\n（二）产出指标完成情况分析：全部完成。\n三、存在的问题\n1.资金到位较晚。")
    assert len(rec.tasks) == 2


def test_tasks_named_after_an_analysis_report_are_tasks():
    rec = parse("某县统计局2023年度部门整体支出绩效自评报告\n二、绩效目标完成情况分析\n"
                "（一）资金使用情况分析报告编制。全年编制分析报告12期。\n（二）绩效指标情况分析会组织。召开分析会4次。\n"
                "三、存在的问题\n1.人员不足。")
    assert len(rec.tasks) == 2


def test_a_note_explaining_an_item_keeps_the_items_after_it():
    rec = parse("某县档案馆2023年度部门整体支出绩效自评报告\n二、存在的问题\n1.预算编制不够精准。\n"
                "说明：年中调整主要因机构改革。\n2.绩效监控结果运用不充分。\n三、改进措施\n1.细化预算编制。")
    assert [p.split("\n")[0] for p in rec.problems] == ["预算编制不够精准。", "绩效监控结果运用不充分。"]


# --- lists as real pages write them (a survey of 80 openings: near-miss headings, inline items, wraps) ------
_HEAD = "某县林业局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n本局负责全县林业工作。\n"


def test_items_written_inline_in_one_paragraph_are_items_one_by_one():
    rec = parse(_HEAD + "二、存在的问题\n经自评，还存在以下不足：一是护林员培训不足；二是防火物资储备偏少；三是资金拨付偏慢。\n"
                "三、下一步改进措施\n一是加强护林员培训，每季度一次；二是增加防火物资储备。")
    assert rec.problems == ["护林员培训不足", "防火物资储备偏少", "资金拨付偏慢。"]
    assert rec.plans == ["加强护林员培训，每季度一次", "增加防火物资储备。"]


def test_an_introduction_ending_in_a_colon_before_unnumbered_items_is_none():
    rec = parse(_HEAD + "二、存在的问题\n经自评，我局还存在以下不足：\n一是护林员培训不足。\n二是防火物资储备偏少。\n"
                "三、下一步改进措施\n针对上述问题，我局将从以下方面改进：\n一是加强护林员培训。\n二是增加防火物资储备。")
    assert rec.problems == ["护林员培训不足。", "防火物资储备偏少。"]
    assert rec.plans == ["加强护林员培训。", "增加防火物资储备。"]


@pytest.mark.parametrize("before", ["（三）上年度绩效评价发现问题整改情况\n1.针对上年度资产账实不符的问题，已完成清查。",
                                    "（三）巡察反馈问题整改落实情况\n1.对巡察反馈的3个问题已全部整改。"])
def test_an_account_of_problems_fixed_is_not_the_problems(before):
    rec = parse(_HEAD + f"{before}\n二、存在的问题\n1.护林员培训不足。\n2.防火物资储备偏少。")
    assert rec.problems == ["护林员培训不足。", "防火物资储备偏少。"]


@pytest.mark.parametrize("before", ["（四）政府采购计划执行情况\n全年政府采购计划金额80万元，实际采购76万元。",
                                    "（三）上年度评价建议落实情况\n对上年度评价提出的2条建议已全部落实。",
                                    "（二）2023年度工作计划\n1.完成森林抚育1.2万亩。\n2.新建防火通道8公里。"])
def test_a_plan_carried_out_or_the_years_own_plan_is_not_the_plans(before):
    rec = parse(_HEAD + f"{before}\n二、存在的问题\n1.护林员培训不足。\n三、下一步工作计划\n1.加强护林员培训。")
    assert rec.plans == ["加强护林员培训。"]


def test_a_lead_answering_the_problems_opens_the_plans():
    rec = parse(_HEAD + "二、绩效自评发现的问题及改进方向\n通过自评，我局发现存在以下问题：\n1.护林员培训不足。\n"
                "2.防火物资储备偏少。\n针对以上问题，下一步我局将采取以下措施：\n1.加强护林员培训。\n2.增加防火物资储备。")
    assert rec.problems == ["护林员培训不足。", "防火物资储备偏少。"]
    assert rec.plans == ["加强护林员培训。", "增加防火物资储备。"]


def test_an_items_line_wrapped_by_a_pdf_is_the_items_end_not_a_heading():
    rec = parse(_HEAD + "二、存在的问题\n1.部分项目预算执行进度偏慢，资金使用效益未\n能充分发挥\n2.护林员培训不足，结果应用不充分\n"
                "三、下一步改进措施\n1.加强护林员培训。")
    assert rec.problems == ["部分项目预算执行进度偏慢，资金使用效益未能充分发挥", "护林员培训不足，结果应用不充分"]


def test_a_tables_header_row_and_the_analysis_of_indicators_are_no_tasks():
    rec = parse(_HEAD + "二、年度重点工作任务\n序号 | 重点工作 | 安排资金（万元） |\n三、存在的问题\n1.护林员培训不足。")
    assert rec.tasks == []
    rec = parse(_HEAD + "二、年度绩效目标完成情况\n（一）产出指标完成情况。全年完成森林抚育1.2万亩。\n"
                "（二）效益指标完成情况。森林覆盖率提高0.3个百分点。\n三、存在的问题\n1.护林员培训不足。")
    assert rec.tasks == []


# (guards of a review of the rules above: 76 cases, 19 losses found, none left)
@pytest.mark.parametrize("heading", ["三、下一步工作计划及落实措施", "三、改进措施及完成时限", "三、意见建议及落实举措",
                                     "三、2023年度绩效自评结果应用及改进建议"])
def test_a_plans_heading_naming_what_will_be_done_is_the_plans(heading):
    rec = parse(_HEAD + f"二、存在的问题\n1.护林员培训不足。\n{heading}\n1.加强护林员培训。\n2.增加防火物资储备。")
    assert rec.plans == ["加强护林员培训。", "增加防火物资储备。"]


@pytest.mark.parametrize("heading", ["二、自评发现的问题及整改情况", "二、主要问题及整改落实情况"])
def test_a_problems_heading_with_their_rectification_is_the_problems(heading):
    rec = parse(_HEAD + f"{heading}\n1.护林员培训不足。\n2.防火物资储备偏少。\n三、下一步改进措施\n1.加强护林员培训。")
    assert rec.problems == ["护林员培训不足。", "防火物资储备偏少。"]


def test_a_colon_lead_inside_an_item_does_not_end_the_list():
    rec = parse(_HEAD + "二、存在的问题\n1.资产管理不够规范。\n经年底清查，发现以下问题：\n部分设备未及时登记。\n"
                "2.防火物资储备偏少。\n三、下一步改进措施\n1.加强护林员培训。")
    assert [p[:6] for p in rec.problems] == ["资产管理不够", "防火物资储备"]


def test_an_account_of_rectification_done_is_not_the_plans_nor_a_signature_an_items_end():
    rec = parse(_HEAD + "二、存在的问题\n1.护林员培训不足。\n针对上年度审计发现的问题，我局制定了整改措施：\n1.已清理往来款项。\n"
                "三、下一步工作安排\n1.加强护林员培训，每季度组织一次集中轮训\n某县林业局\n2024年3月20日")
    assert rec.plans == ["加强护林员培训，每季度组织一次集中轮训"]


def test_words_before_an_inline_list_that_are_no_introduction_keep_the_item_whole():
    rec = parse(_HEAD + "二、年度主要任务\n全面完成森林资源管护任务，投入资金96万元，一是巡护林区；二是清理火险隐患。\n"
                "三、存在的问题\n1.护林员培训不足。")
    assert [(t.text[:6], t.funds) for t in rec.tasks] == [("全面完成森林", D("96"))]


def test_a_lead_proposing_advice_after_the_problems_opens_the_plans():
    rec = parse(_HEAD + "二、问题及建议\n1.护林员培训不足。\n2.防火物资储备偏少。\n为此，提出如下改进建议：\n"
                "1.加强护林员培训。\n2.增加防火物资储备。")
    assert rec.problems == ["护林员培训不足。", "防火物资储备偏少。"]
    assert rec.plans == ["加强护林员培训。", "增加防火物资储备。"]


@pytest.mark.parametrize("problems, plans", [("二、存在的不足", "三、改进意见"), ("二、不足之处", "三、今后工作思路"),
                                             ("二、存在的主要不足", "三、2024年工作思路")])
def test_other_words_for_the_problems_and_plans_headings(problems, plans):
    rec = parse(_HEAD + f"{problems}\n1.护林员培训不足。\n{plans}\n1.加强护林员培训。")
    assert (rec.problems, rec.plans) == (["护林员培训不足。"], ["加强护林员培训。"])


@pytest.mark.parametrize("problems, plans, want_problems, want_plans", [
    # the section's title is its paragraph's first sentence, its items inline after it
    ("二、存在的问题。一是馆藏数字化经费不足，进度滞后；二是绩效目标设置不够细化。",
     "三、下一步改进措施。一是争取数字化专项资金；二是细化绩效目标。",
     ["馆藏数字化经费不足，进度滞后", "绩效目标设置不够细化。"], ["争取数字化专项资金", "细化绩效目标。"]),
    # a title and a colon, one item after it
    ("（一）存在问题：馆藏数字化经费不足，进度滞后。", "（二）改进措施：争取数字化专项资金，细化绩效目标。",
     ["馆藏数字化经费不足，进度滞后。"], ["争取数字化专项资金，细化绩效目标。"]),
    # a title introducing the items under it
    ("二、存在的问题。主要有以下几点：\n（一）馆藏数字化经费不足。\n（二）绩效目标设置不够细化。", "三、改进措施：无。",
     ["馆藏数字化经费不足。", "绩效目标设置不够细化。"], []),
    # a task's words naming problems are no problems section; "无" is none
    ("（二）聚焦群众反映问题：全年办理来信来访42件。", "三、改进措施：无。", [], []),
])
def test_a_sections_title_as_its_paragraphs_first_sentence(problems, plans, want_problems, want_plans):
    rec = parse("某县档案馆2023年度部门整体支出绩效自评报告\n一、部门基本情况\n2023年度年初预算320.00万元，"
                f"调整后预算335.00万元，实际支出331.65万元，预算执行率99.00%。\n{problems}\n{plans}\n"
                "四、自评结论\n自评得分92分，评价等级为优。")
    assert rec.problems == want_problems
    assert rec.plans == want_plans
