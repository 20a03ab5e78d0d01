"""Layouts a held-out set of openings showed misread, each in our own words and figures: a page of forms that opens
with the last rows of a project's 自评表 (its title and 项目名称 cut off, its head's signature left), then the unit's."""
from decimal import Decimal as D

import pytest

from understand.helpers_understand import read_report as read


def _row(cells, layout):
    return " | ".join(cells) + " | ||||"


def _forms(layout: str, project_signature: str = "项目负责人:方远") -> str:
    header = ("绩效指标(90分)", "一级指标", "二级指标", "三级指标", "指标值", "完成值", "权重", "得分")
    project = [header, ("产出指标", "数量指标", "校舍维修面积", "≥800平方米", "860平方米", "90", "90"),
               ("合计", "100", "100"), ("存在问题", "无"), ("改进措施", "无"), (project_signature, "财务负责人:林溪")]
    unit = [("部门名称", "示例松岭县教育局"),
            ("年度预算执行情况(10分)", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分"),
            ("总额", "820.40", "905.10", "880.25", "97.25%", "10", "10"), header,
            ("产出指标", "数量指标", "教师培训人次", "≥300人次", "342人次", "30", "30"),
            ("效益指标", "社会效益指标", "义务教育巩固率", "≥99%", "99.4%", "30", "30"),
            ("满意度指标", "服务对象满意度指标", "家长满意度", "≥90%", "92%", "30", "28"),
            ("合计", "100", "98"), ("存在问题", "1.校舍维修资金拨付偏慢；2.部分指标量化不够"),
            ("改进措施", "1.按月调度维修资金支付进度；2.细化量化年度绩效指标"), ("部门负责人:程砚", "财务负责人:林溪")]
    return "\n".join(["示例松岭县教育局2023年度绩效自评情况公开", *(_row(r, layout) for r in project),
                      "部门整体支出绩效自评表(2023年度)", *(_row(r, layout) for r in unit)]) + "\n"


def test_a_cut_off_projects_form_signed_by_its_head_is_not_the_units(tmp_path):
    rec = read(tmp_path, _forms("pipes"))
    assert [i.name for i in rec.indicators] == ["教师培训人次", "义务教育巩固率", "家长满意度"]
    assert rec.problems == ["校舍维修资金拨付偏慢", "部分指标量化不够"]
    assert rec.plans == ["按月调度维修资金支付进度", "细化量化年度绩效指标"]
    assert rec.overall.actual == D("880.25") and rec.score == D("98")


def test_a_form_signed_by_the_units_head_too_stays_the_units(tmp_path):
    rec = read(tmp_path, _forms("pipes", project_signature="单位负责人:方远 | 项目负责人:方远"))
    assert "校舍维修面积" in [i.name for i in rec.indicators]


# --- a form one cell per line, then sections whose items run on one line ---------------------------------------
_FORM_PAGE = """示例石湾市2023年度部门整体支出
绩效评价自评报告

部门(单位)名称:  示例石湾市河道管理所

一、部门(单位)基本概况

联系人

周岚

人员编制

18

年度主要

工作内容

1.清理主要河道漂浮物2100吨。2.完成堤防巡查养护48公里。3.开展河道安全宣传进社区12场。

二、部门(单位)收支情况

项目

年初预算数

调整后预算数

实际支出数

执行率(%)

合计

410.20

455.60

440.10

96.60

三、自评得分

自评总分

93

四、存在的问题

1.部分养护项目验收滞后，资金支付偏慢。 2.绩效指标设置偏重数量，质量指标偏少。

五、改进措施

1.建立养护项目验收台账，按月跟踪。2.补充质量和效益类绩效指标。
"""


def test_a_forms_cells_then_sections_whose_items_run_on_one_line(tmp_path):
    rec = read(tmp_path, _FORM_PAGE)
    assert [t.text for t in rec.tasks] == ["清理主要河道漂浮物2100吨。", "完成堤防巡查养护48公里。", "开展河道安全宣传进社区12场。"]
    assert rec.problems == ["部分养护项目验收滞后，资金支付偏慢。", "绩效指标设置偏重数量，质量指标偏少。"]
    assert rec.plans == ["建立养护项目验收台账，按月跟踪。", "补充质量和效益类绩效指标。"]
    assert rec.score == D("93") and rec.overall.actual == D("440.10")


def test_a_second_list_run_on_after_the_last_item_is_not_part_of_it(tmp_path):
    text = ("示例县某局2023年度部门整体支出绩效自评报告\n一、预算执行情况\n2023年年初预算300.00万元，实际支出288.00万元。\n"
            "二、存在的问题\n1、：档案整理进度偏慢。2、：信息系统运维经费不足。 1、已制定整改方案。2、已申请追加经费。\n")
    rec = read(tmp_path, text)
    assert rec.problems == ["档案整理进度偏慢。", "信息系统运维经费不足。"]


def test_a_sentence_numbered_2_inside_an_item_is_no_item(tmp_path):
    text = ("示例县某局2023年度部门整体支出绩效自评报告\n一、预算执行情况\n2023年年初预算300.00万元，实际支出288.00万元。\n"
            "二、存在的问题\n1.资金拨付偏慢，年末集中支付2.5万元。\n2.资产登记不及时。\n")
    rec = read(tmp_path, text)
    assert rec.problems == ["资金拨付偏慢，年末集中支付2.5万元。", "资产登记不及时。"]


# --- a form in `|` rows whose header row the page broke after its opening bar ---------------------------------
_LEVEL_ROWS = ["| 产出指标 | 数量指标 | 古树名木挂牌数 | ≥ | 300 | 株 | 326 | | |||",
               "| 产出指标 | 时效指标 | 巡护记录上报及时率 | = | 100 | % | 100 | | |||",
               "| 满意度指标 | 服务对象满意度指标 | 林农满意度 | ≥ | 90 | % | 94.5 | | |||"]
_BROKEN_FORM = """示例岚峰县林业局2023年度部门整体支出绩效自评表
| 二、部门年度重点工作任务 | |||||||||||
| 任务名称 | 主要内容 | 预算金额(万元) | 实际支出(万元) | 预算执行率 | 预算执行偏低原因及改进措施 | |||||
| 古树名木保护 | 开展古树名木普查挂牌和复壮 | 52.40 | 52.40 | 100% | | |||||
| 森林防火巡护 | 聘用护林员开展日常巡护 | 180.00 | 176.30 | 97.94% | | |||||
|
项目资金 (万元) |
年初预算数 | 全年预算数 | 全年执行数 | 执行率 | ||||||
| 年度资金总额 | 820.00 | 905.50 | 889.20 | 98.20% | ||||||
| 三、部门整体支出绩效指标 | |||||||||||
{header}
{rows}
| 四、其他需说明的情况 | 无 | ||||||||||
"""


def test_a_header_row_broken_after_its_opening_bar_is_one_row(tmp_path):
    header = "|\n一级 指标 |\n二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 实际完成值 | 偏差原因分析及改进措施 | |||"
    rec = read(tmp_path, _BROKEN_FORM.format(header=header, rows="\n".join(_LEVEL_ROWS)))
    assert [(i.level1, i.level2, i.name, i.target, i.actual) for i in rec.indicators] == [
        ("产出指标", "数量指标", "古树名木挂牌数", "≥300株", "326株"),
        ("产出指标", "时效指标", "巡护记录上报及时率", "=100%", "100%"),
        ("满意度指标", "服务对象满意度指标", "林农满意度", "≥90%", "94.5%")]
    assert [(t.text, t.funds) for t in rec.tasks] == [("古树名木保护", D("52.40")), ("森林防火巡护", D("176.30"))]
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual) == (
        D("820.00"), D("905.50"), D("889.20"))


def test_a_header_a_column_short_gives_no_indicator_rather_than_shifted_ones(tmp_path):
    header = "| 一级 指标 |\n二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 实际完成值 | 偏差原因分析及改进措施 | |||"
    rec = read(tmp_path, _BROKEN_FORM.format(header=header, rows="\n".join(_LEVEL_ROWS)))
    assert all(i.target not in ("≥", "=") and i.name not in ("数量指标", "时效指标") for i in rec.indicators)


# --- a project's form named in one cell, a short name in the page's title, tasks under sub-headings ----------------
def test_a_projects_form_named_in_one_cell_is_not_the_units(tmp_path):
    text = ("示例桐溪县农技站2023年度单位整体支出绩效自评报告\n一、单位整体支出情况\n"
            "2023年度年初预算320.00万元，全年预算350.00万元，全年支出341.25万元，预算执行率97.50%。\n"
            "二、自评结论\n本单位整体支出绩效自评总分92分。\n附件\n2023年度项目支出绩效自评表\n"
            "项目名称：油菜绿色高产示范项目\n主管部门：示例桐溪县农业农村局  实施单位：示例桐溪县农技站\n"
            "一级指标  二级指标  三级指标  年度指标值  实际完成值  分值  得分\n"
            "产出指标  数量指标  示范面积  ≥2000亩  2150亩  30  30\n"
            "效益指标  经济效益指标  亩均增产  ≥15公斤  17公斤  40  40\n"
            "满意度指标  服务对象满意度指标  种植户满意度  ≥90%  95%  30  30\n")
    rec = read(tmp_path, text)
    assert rec.indicators == [] and rec.score == D("92")


def test_a_short_name_in_the_title_takes_the_full_name_the_page_gives(tmp_path):
    page = ("环保局部门整体支出绩效评价报告【精选】 部门整体支出绩效自评报告\n\n时间:2023-06-02 09:17:40 浏览量:\n\n"
            "项目名称：部门整体支出绩效评价报告\n\n项目单位： {unit}\n\n一、部门整体支出情况\n\n"
            "2022年年初预算500.00万元，调整后预算520.00万元，实际支出510.00万元。\n")
    assert read(tmp_path, page.format(unit="示例岷川县生态环境保护局")).department == "示例岷川县生态环境保护局"
    # (the other name no short form of the title's: the title's stays)
    assert read(tmp_path, page.format(unit="示例岷川县水利局")).department == "环保局"


@pytest.mark.parametrize("sub", ["（一）重点工作完成情况", "（一）年度重点工作"])
def test_tasks_under_a_sub_heading_of_the_targets_section(tmp_path, sub):
    text = ("示例县公共资源交易中心2023年度单位整体支出绩效自评报告\n一、单位整体支出情况\n"
            "2023年年初预算426.35万元，全年预算448.90万元，全年执行数441.27万元。\n三、绩效目标完成情况\n"
            f"{sub}\n1.交易系统升级。完成系统适配改造，支出系统运维及升级费用68.40万元。\n"
            "2.远程异地评标常态化。全年组织异地评标项目326个。\n（二）绩效指标完成情况\n"
            "全年进场交易项目1946宗，电子化交易率100%。\n四、自评结论\n自评得分97.5分。\n")
    rec = read(tmp_path, text)
    assert [(t.text[:6], t.funds) for t in rec.tasks] == [("交易系统升级", D("68.40")), ("远程异地评标", None)]


def test_one_paragraph_summing_the_year_up_gives_way_to_the_years_work_items(tmp_path):
    text = ("示例江岚区司法局2022年度部门整体绩效自评报告\n一、部门基本情况\n（一）部门年度重点工作\n"
            "1、推进法治政府建设，审查规范性文件42件。\n2、深化人民调解工作，兑现以案定补资金52.70万元。\n"
            "二、部门整体支出情况\n2022年全年预算数为1263.58万元，全年执行数1241.07万元，预算执行率98.22%。\n"
            "三、绩效目标实现情况\n我局全年各项业务工作均按计划推进，核心目标均已实现。\n四、自评结论\n自评得分94.5分。\n")
    rec = read(tmp_path, text)
    assert [(t.text[:6], t.funds) for t in rec.tasks] == [("推进法治政府", None), ("深化人民调解", D("52.70"))]


@pytest.mark.parametrize("item, funds", [
    ("防汛保障。组织防汛演练4次，防汛物资及应急抢险支出412.60万元。", D("412.60")),
    ("节水灌溉。推广节水灌溉1.2万亩，为农户节省灌溉费用20.00万元。", None),
    ("执法检查。全年检查企业1126家次，全年共支出1320.10万元。", None),
])
def test_a_tasks_spending_and_what_is_not_its(tmp_path, item, funds):
    text = ("示例县某局2023年度部门整体支出绩效自评报告\n一、预算执行情况\n2023年年初预算1300.00万元，实际支出1320.10万元。\n"
            f"二、年度重点工作完成情况\n1.{item}\n2.档案整理。整理档案1200卷。\n")
    assert read(tmp_path, text).tasks[0].funds == funds


# --- a bare 调整预算: the adjusted budget where the arithmetic says so -------------------------------------------
def test_a_bare_tiaozheng_yusuan_is_the_adjusted_budget_of_the_blocks_size(tmp_path):
    text = ("示例松溪县财政局2023年度机关整体支出绩效评价报告\n一、预算执行情况\n"
            "2023年度部门年初预算2326.27万元，全年调整预算2413.03万元，全年支出2243.99万元，预算执行率93.0%。"
            "其中：基本支出年初预算1585.34万元、调整预算1608.37万元、支出1588.02万元；"
            "项目支出年初预算740.93万元、调整预算804.66万元、支出655.97万元。\n")
    rec = read(tmp_path, text)
    assert [(rec.block(b).initial_budget, rec.block(b).adjusted_budget, rec.block(b).actual)
            for b in ("overall", "basic", "projects")] == [
        (D("2326.27"), D("2413.03"), D("2243.99")), (D("1585.34"), D("1608.37"), D("1588.02")),
        (D("740.93"), D("804.66"), D("655.97"))]


@pytest.mark.parametrize("sentence", [
    "2023年年初预算500.00万元，年中调整预算50.00万元，实际支出540.00万元。",  # (the change made: no budget)
    "2023年调整预算80.00万元，用于购置执法车辆。",  # (nothing to size it by)
])
def test_a_bare_tiaozheng_yusuan_that_is_no_budget_is_not_taken(tmp_path, sentence):
    rec = read(tmp_path, f"示例县某局2023年度部门整体支出绩效自评报告\n一、预算执行情况\n{sentence}\n")
    assert rec.overall.adjusted_budget is None


# --- tasks under 部门履职情况 -----------------------------------------------------------------------------------
_DUTIES = ("示例青岚县文旅局2023年度部门整体支出绩效自评报告\n一、部门概况\n"
           "2023年年初预算980.00万元，调整后预算1020.00万元，实际支出1001.50万元。\n二、部门履职情况\n{body}\n"
           "三、存在的问题\n1.部分项目支出进度偏慢。\n")


def test_tasks_listed_under_buzhi_qingkuang(tmp_path):
    rec = read(tmp_path, _DUTIES.format(body="（一）公共文化服务提质。开展送戏下乡126场，使用资金128.65万元。\n"
                                             "（二）文物保护利用。完成3处文保单位修缮。"))
    assert [(t.text[:6], t.funds) for t in rec.tasks] == [("公共文化服务", D("128.65")), ("文物保护利用", None)]


@pytest.mark.parametrize("body", [
    "2023年全县文旅总收入21.3亿元，接待游客286.7万人次，同比增长12.4%。",  # (one paragraph summing the year up)
    "（一）经济性。预算编制科学，支出控制在预算内。\n（二）效率性。各项工作按期完成。",  # (the standard analysis)
])
def test_buzhi_qingkuang_that_lists_no_tasks(tmp_path, body):
    assert read(tmp_path, _DUTIES.format(body=body)).tasks == []


def test_a_forms_figures_under_its_merged_budget_execution_label(tmp_path):
    text = ("示例溪川区民政局2022年度部门整体绩效自评表\n\n| 部门整体绩效自评表 | | | | | | | | | |\n"
            "| (2022年度) | | | | | | | | | |\n"
            "| 主管部门 | 示例溪川区民政局 | | 财政处室 | 社会保障科 | | 自评总分(分) | 95.20 | | |\n"
            "| 部门预算执行情况(万元) | 年初预算数 | | 全年(调整)预算数 | | 全年执行数 | 执行率(%) | 执行率权重 | 执行率得分(分) | |\n"
            "| | 620.40 | | 668.30 | | 650.12 | 97.28 | 10 | 9.73 | |\n")
    rec = read(tmp_path, text)
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual, rec.overall.completion_rate) == (
        D("620.40"), D("668.30"), D("650.12"), D("97.28"))
    assert rec.score == D("95.20")


def test_a_score_ratio_column_is_not_the_indicators_score(tmp_path):
    text = ("示例溪川区民政局2022年度部门整体绩效自评报告\n一、预算执行\n2022年年初预算620.40万元，全年预算668.30万元，全年执行650.12万元。\n"
            "二、绩效指标\n| 指标名称 | 计量单位 | 年初指标值 | 全年完成值 | 得分系数(%) | 指标权重(分) | 指标得分(分) |\n"
            "| 救助资金按时发放率 | % | 100% | 100% | 100% | 10 | 10 |\n| 困难群众走访户数 | 户 | 600 | 540 | 90% | 10 | 9 |\n")
    rec = read(tmp_path, text)
    assert [(i.name, i.weight, i.score) for i in rec.indicators] == [
        ("救助资金按时发放率", D("10"), D("10")), ("困难群众走访户数", D("10"), D("9"))]


def test_a_contents_list_no_mulu_line_marks(tmp_path):
    head = ["第一部分 部门概况", "一、部门职能", "二、2023年重点工作完成情况", "第二部分 整体支出绩效自评情况",
            "一、部门整体支出情况", "第三部分 存在的问题及改进措施"]
    body = ("第一部分 部门概况\n一、部门职能\n1.负责全县地质灾害防治工作。\n二、2023年重点工作完成情况\n"
            "1.地质灾害综合防治。完成隐患点治理7处，支出防治资金874.35万元。\n2.不动产登记便民服务。办理登记1.86万件。\n"
            "第二部分 整体支出绩效自评情况\n一、部门整体支出情况\n2023年，示例黔川县自然资源局年初预算3318.60万元，实际支出3201.97万元。\n"
            "第三部分 存在的问题及改进措施\n一、存在的问题\n(一)土地整治资金执行偏慢。\n(二)专业技术力量不足。\n"
            "二、改进措施\n(一)加快项目验收进度。\n")
    rec = read(tmp_path, "\n".join(head) + "\n" + body)
    assert [(t.text[:8], t.funds) for t in rec.tasks] == [("地质灾害综合防治", D("874.35")), ("不动产登记便民服务"[:8], None)]
    assert rec.problems == ["土地整治资金执行偏慢。", "专业技术力量不足。"]


def test_a_title_under_its_documents_part_and_a_grade_after_the_parts_scores(tmp_path):
    text = ("目 录\n第一部分：示例渭川县水务局概况\n第二部分：示例渭川县水务局2022年度部门整体支出绩效自评报告\n"
            "第一部分：示例渭川县水务局概况\n一、部门职责\n（一）负责全县水资源管理。\n"
            "第二部分：示例渭川县水务局2022年度部门整体支出绩效自评报告\n一、部门整体支出情况\n"
            "2022年年初预算2180.00万元，调整后预算2300.00万元，实际支出2245.60万元。\n二、自评结论\n"
            "预算执行与管理类指标得分18.2分，产出和效益类指标得分66.7分，综合自评得分84.9分，自评等级为“良好”。\n")
    rec = read(tmp_path, text)
    assert (rec.department, rec.year, rec.score, rec.rating) == ("示例渭川县水务局", 2022, D("84.9"), "良")


def test_a_documents_part_naming_no_unit_is_no_title(tmp_path):
    text = ("第一部分 部门概况\n一、部门职能\n1.负责全县自然资源管理。\n第二部分 2023年度部门整体支出绩效自评情况\n"
            "一、部门整体支出情况\n2023年，示例黔川县自然资源局年初预算3318.60万元，实际支出3201.97万元。\n")
    rec = read(tmp_path, text)
    assert rec.department != "第二部" and rec.overall.initial_budget == D("3318.60")


def test_a_forms_tasks_part_beside_its_label_after_a_contents_list(tmp_path):
    text = ("2023年度示例四川省岷安县水利局部门整体支出绩效自评\n目录\n公开时间:2024年8月28日\n一、部门整体支出绩效自评表\n"
            "二、部门整体支出绩效自评情况说明\n一、部门整体支出绩效自评表\n部门整体支出绩效自评表(2023年度) | | | | | | | | |\n"
            "部门(单位)名称 | 示例岷安县水利局 | | | | | | | |\n"
            "年度主要任务 | 任务名称 | | 主要内容 | | 预算数(万元) | | 执行数(万元) | |\n"
            "| 农村供水工程维修养护 | | 对全县农村集中供水工程进行维修养护 | | 120.00 | | 118.60 | |\n"
            "| 河湖长制工作 | | 开展河湖日常巡查和健康评价 | | 44.20 | | 44.20 | |\n"
            "年度部门整体支出预算执行情况(万元) | | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 | 权重 | 得分 | |\n"
            "| 资金总额 | 812.30 | 903.16 | 886.42 | 98.15% | 10 | 9.8 | |\n"
            "存在问题 | 部分农村供水工程设施老化。 | | | | | | | |\n")
    rec = read(tmp_path, text)
    assert [(t.text, t.funds) for t in rec.tasks] == [("农村供水工程维修养护", D("118.60")), ("河湖长制工作", D("44.20"))]
    assert rec.problems == ["部分农村供水工程设施老化。"] and rec.overall.actual == D("886.42")


@pytest.mark.parametrize("short, full", [("示例江岚县文旅广体局", "示例江岚县文化旅游广电体育局"), ("市住建局", "示例鄂阳市住房和城乡建设局")])
def test_a_titles_short_name_takes_the_full_name_the_first_sentences_give(tmp_path, short, full):
    text = (f"{short}2021年度整体绩效评价报告\n根据县财政局通知精神，我单位对2021年度整体支出开展了自评。\n一、部门概况\n"
            f"{full}为全额拨款行政单位，内设6个股室。\n二、部门整体收支情况\n我单位2021年年初预算1580.00万元，全年实际支出1542.75万元。\n")
    assert read(tmp_path, text).department == full


def test_a_name_holding_the_short_one_whole_is_no_fuller_form_of_it(tmp_path):
    text = ("中共示例望川区委组织部2023年度部门整体支出绩效自评报告\n内容概述中共示例望川区委组织部根据要求开展了自评。\n"
            "一、部门整体支出情况\n2023年年初预算800.00万元，实际支出780.00万元。\n")
    assert read(tmp_path, text).department == "中共示例望川区委组织部"


@pytest.mark.parametrize("heading", ["（二）重点工作完成情况。", "四、年度工作完成情况"])
def test_tasks_under_a_heading_closed_by_a_stop_or_named_the_years_work(tmp_path, heading):
    text = ("示例皖川市交通运输局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n本局负责全市交通运输行业管理。\n"
            "二、部门整体支出绩效目标及完成情况\n（一）预算执行情况。2023年年初预算982.40万元，全年支出1100.00万元。\n"
            f"{heading}\n1.组织实施农村公路提质改造，安排前期工作经费85.00万元。\n2.推进城乡公交一体化，新开通公交线路7条。\n"
            "三、存在的问题\n（一）审计项目计划安排偏紧。\n（二）项目预算调整幅度偏大。\n")
    rec = read(tmp_path, text)
    assert [(t.text[:8], t.funds) for t in rec.tasks] == [("组织实施农村公路", D("85.00")), ("推进城乡公交一体", None)]
    assert rec.problems == ["审计项目计划安排偏紧。", "项目预算调整幅度偏大。"]  # (an item naming a 计划 is no heading)


def test_the_whole_under_zongti_qingkuang_and_tasks_under_work_and_funds_used(tmp_path):
    text = ("示例槐树街道办事处部门2023年度整体支出绩效自评报告\n一、部门基本情况\n街道辖9个社区。\n"
            "二、部门整体支出预算执行情况\n(一)总体情况\n2023年度,街道年初预算1420.36万元,调整后预算1679.45万元,实际支出1583.92万元。\n"
            "(二)基本支出\n基本支出年初预算688.20万元,实际支出702.14万元。\n三、年度重点工作及资金使用情况\n"
            "1.职业技能提升行动。开展补贴性职业技能培训,使用资金318.90万元。\n2.零工市场建设。建成零工市场1个。\n")
    rec = read(tmp_path, text)
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual) == (
        D("1420.36"), D("1679.45"), D("1583.92"))
    assert [(t.text[:8], t.funds) for t in rec.tasks] == [("职业技能提升行动", D("318.90")), ("零工市场建设。建", None)]


# --- a report a download site pasted whole on one line ---------------------------------------------------------
def test_a_report_pasted_on_one_line_is_read_by_its_section_marks(tmp_path):
    line = ("2023 年度示例沪滨区民政局部门整体支出 绩效自评报告 根据区财政局通知要求,我局开展了自评,现将有关情况报告如下: "
            "一、部门基本情况 (一)部门职能 我局负责全区社会救助、养老服务和社区治理等工作。 (二)年度重点工作任务 "
            "1、完善社会救助体系,保障困难群众 5,630 人次,支出救助资金 148.20 万元。 2、推进长者食堂建设,新建长者食堂 6 家。 "
            "二、部门整体支出预算执行情况 2023 年度我局年初预算 876.64 万元,全年预算 987.10 万元,全年执行 895.41 万元,"
            "预算执行率 90.71%。其中基本支出执行 630.49 万元,项目支出执行 264.92 万元。 三、存在的问题 "
            "1、部分为老服务项目推进偏慢,资金支付滞后。 2、绩效指标设置偏重数量。 四、改进措施 "
            "1、提前做好为老服务项目储备。 2、增加群众获得感类指标。 以上为本单位自评情况,现予公开,接受社会监督。")
    rec = read(tmp_path, "PDF文库 - 千万精品文档\n\n示例沪滨区民政局部门整体支出绩效自评报告.pdf\n\n" + line + "\n")
    assert (rec.department, rec.overall.actual) == ("示例沪滨区民政局", D("895.41"))
    assert [(t.text[:6], t.funds) for t in rec.tasks] == [("完善社会救助", D("148.20")), ("推进长者食堂", None)]
    assert [p[:6] for p in rec.problems] == ["部分为老服务", "绩效指标设置"]
    assert [p[:6] for p in rec.plans] == ["提前做好为老", "增加群众获得"]


def test_a_long_paragraph_with_few_marks_stays_one(tmp_path):
    long = "本局全年围绕中心工作，" + "认真落实各项工作部署，" * 60 + "一、是指标口径；二、是数据来源。"
    text = f"示例县某局2023年度部门整体支出绩效自评报告\n一、预算执行\n2023年年初预算300.00万元，实际支出288.00万元。\n{long}\n"
    rec = read(tmp_path, text)
    assert rec.overall.actual == D("288.00") and long in rec.text


def test_a_paragraph_listing_duties_inline_is_not_split(tmp_path):
    duties = "市红十字会的主要职责是:" + "".join(f"({n})做好第{n}项红十字工作,研究提出全市相关工作的发展规划和目标任务。"
                                           for n in "一二三四五六七八九")
    text = (f"示例兰州市红十字会2024年部门预算\n一、部门职责\n{duties}\n二、部门预算收支情况\n"
            "本部门2024年预算共安排资金203.14万元。\n")
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    from perflib.read.files import read_document
    assert duties in read_document(path).lines()


# --- guards a review of this stop's rules wrote, each a case a rule must leave alone ------------------------------
_HEAD = "示例县某局2023年度部门整体支出绩效自评报告\n一、部门预算执行情况\n"


@pytest.mark.parametrize("money, block, want", [
    ("2023年年初预算500.00万元，年中调整预算300.00万元，主要是追加防汛资金。", "overall", None),  # (the change, nothing to size it)
    ("2023年年初预算1000.00万元，实际支出1200.00万元。项目支出年初预算120.00万元，年中调整预算460.00万元，实际支出560.00万元，"
     "预算执行率96.55%。", "projects", None),  # (below what was spent, against the stated rate)
])
def test_a_bare_tiaozheng_yusuan_that_is_the_change(tmp_path, money, block, want):
    assert read(tmp_path, _HEAD + money + "\n").block(block).adjusted_budget == want


@pytest.mark.parametrize("item, funds", [
    ("保障农民工工资支付。全年追缴拖欠工资及相关费用860.00万元。", None),
    ("落实社保费减负政策。为参保企业免收失业保险费用145.00万元。", None),
    ("开展法律援助。受理案件320件，全年共支出法律援助经费45.00万元。", D("45.00")),
    ("公务用车平台运行。全年派车2960车次，平台运行费用21.40万元。", D("21.40")),
])
def test_a_tasks_fee_and_what_is_taken_in(tmp_path, item, funds):
    text = _HEAD + "2023年年初预算1300.00万元，实际支出1280.00万元。\n二、重点工作完成情况\n" + f"1.{item}\n2.档案整理。整理档案1200卷。\n"
    assert read(tmp_path, text).tasks[0].funds == funds


def test_a_forms_tasks_part_leaves_its_total_row_out(tmp_path):
    text = ("示例县林业局2023年度部门整体支出绩效自评表\n年度主要任务 | 任务名称 | | 主要内容 | | 预算数(万元) | | 执行数(万元) | |\n"
            "| 森林防火 | | 开展防火巡护 | | 60.00 | | 58.40 | |\n| 林业有害生物防治 | | 开展监测防治 | | 45.00 | | 44.10 | |\n"
            "| 合计 | | | | 105.00 | | 102.50 | |\n"
            "年度部门整体支出预算执行情况(万元) | | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 | 权重 | 得分 | |\n"
            "| 资金总额 | 812.30 | 903.16 | 886.42 | 98.15% | 10 | 9.8 | |\n")
    assert [(t.text, t.funds) for t in read(tmp_path, text).tasks] == [("森林防火", D("58.40")), ("林业有害生物防治", D("44.10"))]


def test_a_grade_after_a_projects_score_is_the_projects(tmp_path):
    text = (_HEAD + "2023年年初预算800.00万元，实际支出780.00万元。\n二、自评结论\n"
            "经自评，本部门整体支出绩效自评得分86分，同时对农村饮水项目开展自评，该项目自评得分96分，等级为优。\n")
    rec = read(tmp_path, text)
    assert (rec.score, rec.rating) == (D("86"), None)


def test_a_problem_naming_the_key_work_is_no_tasks_heading(tmp_path):
    text = (_HEAD + "2023年年初预算800.00万元，实际支出780.00万元。\n二、存在的问题\n（一）预算编制不够精准。\n"
            "（二）部分重点工作完成情况不理想。\n1.乡村道路项目推进缓慢。\n2.档案数字化未达进度。\n三、改进措施\n（一）提高预算编制质量。\n")
    rec = read(tmp_path, text)
    assert rec.tasks == [] and rec.problems[0] == "预算编制不够精准。"


def test_the_standard_outline_under_buzhi_qingkuang_is_no_tasks(tmp_path):
    text = (_HEAD + "2023年年初预算800.00万元，实际支出780.00万元。\n二、部门履职情况\n（一）部门决策情况\n目标设定合理。\n"
            "（二）部门过程情况\n资金管理规范。\n（三）部门产出情况\n完成各项任务。\n（四）部门效益情况\n群众满意度较高。\n")
    assert read(tmp_path, text).tasks == []


@pytest.mark.parametrize("tail", [
    "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 |\n| 产出指标 | 数量指标 | 签约人数 | ≥8万人 | 8.2万人 |\n",
    "| 4 | 预算绩效管理 | 无 | 按时完成 | 无 |\n| 5 | 国有资产管理 | 15.00 | 完成清查 | |\n",
])
def test_a_tasks_table_ends_at_another_header_not_at_a_row_of_words(tmp_path, tail):
    text = (_HEAD + "2023年年初预算2860.00万元，实际支出2968.40万元。\n二、重点工作完成情况\n"
            "| 序号 | 重点工作 | 资金（万元） | 完成情况 | 备注 |\n| 1 | 基本公共卫生服务 | 820.00 | 完成建档12.6万人 | |\n"
            "| 2 | 家庭医生签约服务 | 96.00 | 签约率68% | |\n" + tail)
    names = [t.text for t in read(tmp_path, text).tasks]
    assert names[:2] == ["基本公共卫生服务", "家庭医生签约服务"] and "二级指标" not in names and "数量指标" not in names
    assert ("预算绩效管理" in names) == tail.startswith("| 4")


def test_a_projects_form_right_after_the_units_and_a_unit_form_signed_by_a_project_head(tmp_path):
    unit = ("| 部门（单位）名称 | 示例青岭县教育局 | | | | | | |\n| 年度绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
            "| | 产出指标 | 数量指标 | 义务教育巩固率 | ≥99% | 99.6% | 50 | 50 |\n| | 满意度指标 | 服务对象满意度指标 | 家长满意度 | ≥90% | 93% | 50 | 47 |\n"
            "| 存在的问题 | 部分农村学校师资结构性短缺 | | | | | | |\n| 总分 | 100 | 97 | | | | | |\n")
    project = ("| 项目名称 | 学生营养改善计划 | 主管部门 | 示例青岭县教育局 | | | | |\n"
               "| 年度绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
               "| | 产出指标 | 数量指标 | 受益学生人数 | ≥1.2万人 | 1.25万人 | 100 | 98 |\n| 总分 | 100 | 98 | | | | | |\n"
               "| 项目负责人：李明 | 财务负责人：赵红 | | | | | | |\n")
    head = _HEAD + "2023年度年初预算18620.00万元，实际支出19011.30万元。\n附表：部门整体支出绩效自评表\n"
    rec = read(tmp_path, head + unit + project)
    assert [i.name for i in rec.indicators] == ["义务教育巩固率", "家长满意度"]
    assert rec.problems == ["部分农村学校师资结构性短缺"] and rec.score == D("97")
    signed = read(tmp_path, head + unit + "| 填报单位：示例青岭县教育局 | 项目负责人：周平 | | | | | | |\n")
    assert [i.name for i in signed.indicators] == ["义务教育巩固率", "家长满意度"] and signed.score == D("97")


def test_one_rows_operator_alone_drops_that_row_only(tmp_path):
    text = (_HEAD + "2023年年初预算800.00万元，实际支出780.00万元。\n二、绩效指标\n| 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
            "| 低保金按时发放率 | 100% | 100% | 20 | 20 |\n| 救助对象满意度 | ≥90% | 94% | 20 | 20 |\n| 资金结余率 | ≤ | 2% | 20 | 18 |\n")
    assert [i.name for i in read(tmp_path, text).indicators] == ["低保金按时发放率", "救助对象满意度"]


@pytest.mark.parametrize("stop", ["", "。"])
def test_plans_under_their_own_sub_heading_of_a_conclusions_and_advice_section(tmp_path, stop):
    text = (_HEAD + "2023年年初预算600.00万元，实际支出590.00万元。\n五、评价结论及建议\n"
            "（一）评价结论。经自评，本部门2023年度整体支出绩效自评得分96分。\n"
            f"（二）存在的问题{stop}\n1.部分维修项目前期测算不够精准。\n2.节能数据统计依赖手工填报。\n"
            f"（三）改进建议{stop}\n1.加强维修项目前期勘察。\n2.推进能耗监测平台建设。\n")
    rec = read(tmp_path, text)
    assert rec.problems == ["部分维修项目前期测算不够精准。", "节能数据统计依赖手工填报。"]
    assert rec.plans == ["加强维修项目前期勘察。", "推进能耗监测平台建设。"]


def test_a_targets_section_of_analyses_gives_way_to_the_years_work(tmp_path):
    text = ("示例澧南县自然资源局2024年度部门整体支出绩效自评报告\n一、部门基本情况\n（一）年度重点工作完成情况\n"
            "1、耕地保护。发放耕地保护补偿资金1862.50万元。\n2、不动产登记。办理登记业务2.1万件。\n"
            "（二）预算执行情况\n2024年我局年初预算5678.48万元，全年实际支出5682.03万元。\n二、绩效目标完成情况\n"
            "（一）产出指标完成情况\n1、数量指标。永久基本农田核实整改完成。\n（二）效益指标完成情况\n1、社会效益指标。群众满意。\n")
    rec = read(tmp_path, text)
    assert [(t.text[:5], t.funds) for t in rec.tasks] == [("耕地保护。", D("1862.50")), ("不动产登记", None)]


def test_a_targets_section_of_output_and_effect_only_lists_no_tasks(tmp_path):
    text = (_HEAD + "2024年度全年预算1862.37万元，全年实际支出1862.37万元。\n三、绩效目标完成情况\n"
            "（一）产出情况：五项重点工作全部按期完成。\n（二）效益情况：人居环境明显改善。\n（三）满意度情况：群众满意度93.6%。\n")
    assert read(tmp_path, text).tasks == []


def test_a_contents_line_with_its_leaders_is_not_split_as_a_pasted_report(tmp_path):
    toc = "1 示例东陵湾区图书馆2022年度部门整体支出绩效自评报告 目 录 " + " ".join(
        f"{h} {'.' * 40} {n}" for h, n in [("一、部门基本情况", 2), ("(一)部门职能", 2), ("(二)年度重点工作", 3),
                                          ("二、部门整体支出情况", 4), ("三、存在的问题", 5), ("四、改进措施", 6)])
    text = (f"示例东陵湾区图书馆2022年度部门整体支出绩效自评报告\n{toc}\n一、部门基本情况\n"
            "2022年年初预算620.00万元，实际支出601.30万元。\n三、存在的问题\n(一)项目支出执行进度前慢后快。\n"
            "(二)数字资源统计口径不统一。\n四、改进措施\n(一)按月制定项目资金使用计划。\n")
    rec = read(tmp_path, text)
    assert rec.problems == ["项目支出执行进度前慢后快。", "数字资源统计口径不统一。"] and rec.plans == ["按月制定项目资金使用计划。"]


def test_a_second_header_rows_cell_is_no_indicator_and_a_footer_no_plan(tmp_path):
    text = (_HEAD + "2023年年初预算800.00万元，实际支出780.00万元。\n二、绩效指标\n| 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
            "| 一级指标 | 二级指标 | 三级指标 | 度量单位 | |\n| 低保金按时发放率 | 100% | 100% | 20 | 20 |\n"
            "三、改进措施\n一是建立资金预拨机制；二是加大培育力度。\n主办：示例汾源县人民政府办公室 承办：示例汾源县融媒体中心\n"
            "示例汾源县人民政府网站提示：使用大字版浏览\n")
    rec = read(tmp_path, text)
    assert [i.name for i in rec.indicators] == ["低保金按时发放率"]
    assert rec.plans == ["建立资金预拨机制", "加大培育力度。"]


# --- guards a second review wrote ----------------------------------------------------------------------------------
_PASTED_HEAD = ("示例青岭县林业局2023年度部门整体支出绩效自评报告 一、部门基本情况 本局内设5个股室，" + "负责全县林业工作，" * 12
                + "年末实有人员42人。 ")


def test_a_pasted_reports_label_and_its_figure_stay_together(tmp_path):
    line = (_PASTED_HEAD + "二、预算执行情况 "
            "（一）年初预算 860.00万元。 （二）调整后预算 910.00万元。 （三）实际支出 882.70万元，预算执行率97.00%。 "
            "三、重点工作完成情况 1、森林防火。全年投入资金120.00万元。 2、植树造林。使用资金260.00万元。 四、自评结论 自评得分93分。")
    rec = read(tmp_path, line + "\n")
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual) == (D("860.00"), D("910.00"), D("882.70"))


def test_numbers_listed_in_a_long_paragraph_are_no_section_marks(tmp_path):
    para = ("（一）预算执行进度不均衡。一、二季度支出进度仅为31.20%，三、四季度集中支出，" + "全年支出进度前慢后快，" * 12
            + "影响了资金使用效益。（二）项目管理有待加强。1、2月份部分项目尚未启动实施，" + "个别项目验收滞后，" * 10
            + "资金结算不及时。（三）绩效监控不到位。")
    text = (_HEAD + "2023年年初预算2400.00万元，实际支出2380.00万元。\n二、存在的问题\n" + para +
            "\n三、改进措施\n1.加快预算执行进度。\n")
    rec = read(tmp_path, text)
    assert rec.overall.actual == D("2380.00") and para in rec.text.split("\n")


@pytest.mark.parametrize("money, want", [
    ("2023年年初预算1200.00万元，年中调减150.00万元，调整预算1050.00万元，实际支出1040.00万元。", D("1050.00")),
    ("2023年年初预算200.00万元，年中调整预算600.00万元，主要是上级追加专项资金，实际支出560.00万元。", None),
])
def test_a_bare_tiaozheng_yusuan_cut_by_a_stated_change_or_more_than_doubled(tmp_path, money, want):
    assert read(tmp_path, _HEAD + money + "\n").overall.adjusted_budget == want


@pytest.mark.parametrize("item, funds", [
    ("土地征收与补偿安置。依法支付征收补偿资金2,300.00万元。", D("2300.00")),
    ("稳岗返还。落实失业保险稳岗政策，拨付稳岗返还资金180.00万元。", D("180.00")),
    ("门诊共济改革。推进门诊共济保障，减少门诊就医费用500.00万元。", None),
])
def test_money_paid_out_is_funds_and_money_saved_for_others_is_not(tmp_path, item, funds):
    text = _HEAD + "2023年年初预算3200.00万元，实际支出3580.00万元。\n二、重点工作完成情况\n" + f"1.{item}\n2.档案整理。整理档案1200卷。\n"
    assert read(tmp_path, text).tasks[0].funds == funds


@pytest.mark.parametrize("sentence, rating", [
    ("本部门2023年度整体支出绩效自评得分92分，其中下属示例农业技术推广站自评得分78分，等级为中。", None),
    ("本部门2023年度整体支出绩效自评得分91分，评价范围包括机关本级和示例动物疫控中心，该中心自评得分82分，等级为良。", None),
    ("本部门2023年度整体支出绩效自评得分92分，其中预算执行得分18分，产出指标得分45分，效益指标得分29分，等级为优。", "优"),
])
def test_a_grade_after_a_body_under_the_unit_is_that_bodys(tmp_path, sentence, rating):
    text = _HEAD + "2023年年初预算1200.00万元，实际支出1180.00万元。\n二、自评结论\n经自评，" + sentence + "\n"
    assert read(tmp_path, text).rating == rating


def test_plans_under_a_stopped_sub_heading_of_problems_and_advice_end_at_the_next_section(tmp_path):
    text = (_HEAD + "2023年年初预算980.00万元，实际支出960.00万元。\n四、存在的问题及建议\n（一）存在的问题。\n"
            "1.部分项目支出进度偏慢。\n2.绩效指标量化程度不高。\n（二）改进建议。\n1.加快项目支付进度。\n2.细化量化绩效指标。\n"
            "五、自评结论\n经自评，本部门自评得分90.5分，等级为优。\n")
    rec = read(tmp_path, text)
    assert rec.problems == ["部分项目支出进度偏慢。", "绩效指标量化程度不高。"]
    assert rec.plans == ["加快项目支付进度。", "细化量化绩效指标。"]


def test_an_indicator_named_for_rectification_is_read(tmp_path):
    text = (_HEAD + "2023年年初预算620.00万元，实际支出600.00万元。\n二、绩效指标\n| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 |\n"
            "| 产出指标 | 数量指标 | 完成审计项目数 | ≥20个 | 22个 |\n| | | 整改意见落实率 | ≥90% | 93% |\n")
    assert [i.name for i in read(tmp_path, text).indicators] == ["完成审计项目数", "整改意见落实率"]


# --- guards a third review wrote ---------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence, rating", [
    ("本部门2023年度整体支出绩效自评得分93分，其中县实验幼儿园自评得分79分，等级为中。", None),
    ("本部门2023年度整体支出绩效自评得分92分，其中预算执行得分18分，项目管理得分28分，等级为优。", "优"),
])
def test_a_grade_after_a_named_body_or_after_the_units_aspects(tmp_path, sentence, rating):
    text = _HEAD + "2023年年初预算1200.00万元，实际支出1180.00万元。\n二、自评结论\n经自评，" + sentence + "\n"
    assert read(tmp_path, text).rating == rating


@pytest.mark.parametrize("item, funds", [
    ("非税收入征管。使用电子票据系统收取行政事业性收费金额1,260.00万元。", None),
    ("落实减税降费。兑现减征政策为经营主体减轻负担金额850.00万元。", None),
    ("母婴安全保障。开展降低孕产妇死亡率专项行动投入资金120.00万元。", D("120.00")),
    ("非税收入征管。依法征收国有资源有偿使用费用3260.00万元。", None),
])
def test_money_taken_in_against_money_paid_out_again(tmp_path, item, funds):
    text = _HEAD + "2023年年初预算3200.00万元，实际支出3580.00万元。\n二、重点工作完成情况\n" + f"1.{item}\n2.档案整理。整理档案1200卷。\n"
    assert read(tmp_path, text).tasks[0].funds == funds


def test_a_plans_sub_heading_is_not_looked_for_past_the_next_section(tmp_path):
    text = (_HEAD + "2023年年初预算1050.00万元，实际支出1008.00万元。\n四、存在的问题及建议\n（一）存在的问题\n"
            "1.部分项目支出进度偏慢。\n（二）改进建议\n建议进一步加快项目实施进度。\n五、上年度绩效评价问题整改情况\n"
            "1.整改措施\n已制定项目资金支付进度台账。\n")
    assert read(tmp_path, text).plans == ["建议进一步加快项目实施进度。"]


def test_a_task_row_with_a_word_of_money_in_it_is_no_header(tmp_path):
    text = (_HEAD + "2023年年初预算1100.00万元，实际支出1162.30万元。\n二、重点工作完成情况\n| 重点工作 | 资金（万元） | 完成情况 |\n"
            "| 预算编审系统升级 | 68.00 | 按时上线 |\n| 决算编报 | 不涉及资金 | 按时报送 |\n| 国有资产清查 | 35.50 | 全面完成 |\n")
    assert [(t.text, t.funds) for t in read(tmp_path, text).tasks] == [
        ("预算编审系统升级", D("68.00")), ("决算编报", None), ("国有资产清查", D("35.50"))]


def test_a_pasted_reports_heading_opening_with_a_year_is_a_mark(tmp_path):
    line = (_PASTED_HEAD + "二、预算执行情况 2023年年初预算860.00万元，实际支出882.70万元。 三、2023年度主要任务完成情况 "
            "1、森林防火。全年投入资金120.00万元。 2、植树造林。使用资金260.00万元。 四、存在的问题 1、预算执行进度不均衡。 "
            "五、2024年度工作计划 1、加快预算执行进度。")
    rec = read(tmp_path, line + "\n")
    assert [(t.text[:5], t.funds) for t in rec.tasks] == [("森林防火。", D("120.00")), ("植树造林。", D("260.00"))]
    assert rec.problems == ["预算执行进度不均衡。"]


def test_an_indicator_naming_a_header_word_inside_it_is_read(tmp_path):
    text = (_HEAD + "2023年年初预算660.00万元，实际支出648.00万元。\n二、绩效指标\n| 三级指标 | 年度指标值 | 实际完成值 |\n"
            "| 完成审计项目数 | ≥20个 | 22个 |\n| 绩效指标内容完整率 | 100% | 100% |\n")
    assert [i.name for i in read(tmp_path, text).indicators] == ["完成审计项目数", "绩效指标内容完整率"]


def test_the_amount_sent_for_audit_is_no_tasks_funds(tmp_path):
    text = (_HEAD + "2023年年初预算1200.00万元，实际支出1180.00万元。\n二、年度工作完成情况\n"
            "1.完成政府投资项目结算审计47项，送审金额5.62亿元，核减金额3,418万元，支出委托审计费用402.65万元。\n"
            "2.完成档案整理。整理档案1200卷。\n")
    assert read(tmp_path, text).tasks[0].funds == D("402.65")
