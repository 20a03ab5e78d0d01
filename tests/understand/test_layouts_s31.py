"""Layouts a held-out set of openings showed misread, each in our own words and figures: a page of forms that opens
with the last rows of a project's 自评表 (its title and 项目名称 cut off, its head's signature left), then the unit's."""
from decimal import Decimal as D

from perflib.pipeline import read_record


def read(tmp_path, text: str, name: str = "r.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_record(path)


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
