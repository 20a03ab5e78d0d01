"""Tasks, problems and plans: never a table of contents or an attachment list; 任务1：/任务一： items."""
from decimal import Decimal as D

from helpers_understand import parse, parse_fixture


def test_contents_and_attachments_are_not_plans():
    rec = parse_fixture("numbered_lists.txt")
    assert rec.plans == ["细化预算编制，减少年中调整。", "完善绩效指标，做到可衡量、可考核。"]
    assert rec.problems == ["预算编制不够精细，年中调整较多。", "绩效目标设置偏笼统。"]


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
