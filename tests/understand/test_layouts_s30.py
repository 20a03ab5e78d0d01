"""Layouts a held-out set of openings showed unread or misread, each in our own words and figures: a 绩效指标
table whose names' column is headed only 绩效指标 (one cell per line, `|` rows under a markdown rule, tab rows, and
its header written on two rows), a related-articles list above the title, a section heading with its text run on,
items written inline 1.…；2.…, 问题： / 建议： lines under 问题与建议, tasks under 部门履职及重点工作完成情况, news of a
meeting about the self-evaluation, `| 自评得分 | 89 |`, 绩效评级为“良”, and a task's budget beside what it spent."""
from decimal import Decimal as D

import pytest

from perflib.errors import NotAReport
from perflib.pipeline import require_budget_figure
from understand.helpers_understand import read_report as read

TITLE = "示例青禾县文化广电旅游局2023年度部门整体支出绩效自评报告"
MONEY = "一、部门预算执行情况\n2023年本部门年初预算1000.00万元，调整后预算1200.00万元，实际支出1100.00万元，预算执行率91.67%。\n"
END = "五、自评结论\n自评得分90分。\n"
ROWS = [("图书借阅人次", "≥5万人次", "5.4万人次", "10", "10"), ("文物安全事故数", "0起", "0起", "10", "10"),
        ("群众知晓率", "≥90%", "85%", "10", "8")]


def rows(rec) -> list[tuple]:
    return [(i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score) for i in rec.indicators]


WANT = [(None, None, n, t, a, D(w), D(s)) for n, t, a, w, s in ROWS]


# --- 绩效指标 over the names' column ------------------------------------------------------------------
@pytest.mark.parametrize("layout", ["cells", "pipes", "tabs"])
def test_a_names_column_headed_only_jixiao_zhibiao(tmp_path, layout):
    header = ("绩效指标", "年度目标值", "实际完成值", "分值", "得分")
    if layout == "cells":
        table = "\n".join([*header, *(c for r in ROWS for c in r)])
    elif layout == "pipes":
        table = "\n".join(["| " + " | ".join(header) + " |", "|---|---|---|---|---|",
                           *("| " + " | ".join(r) + " |" for r in ROWS)])
    else:
        table = "\n".join("\t".join(r) for r in [header, *ROWS])
    rec = read(tmp_path, f"{TITLE}\n{MONEY}二、绩效指标完成情况\n{table}\n{END}")
    assert rows(rec) == WANT
    assert [i.met for i in rec.indicators] == [True, True, False]


def test_a_markdown_rule_is_no_indicator(tmp_path):
    table = "\n".join(["| 指标名称 | 年度目标值 | 实际完成值 | 分值 | 得分 |", "| --- | :---: | --- | --- | --- |",
                       *("| " + " | ".join(r) + " |" for r in ROWS)])
    rec = read(tmp_path, f"{TITLE}\n{MONEY}二、绩效指标完成情况\n{table}\n{END}")
    assert rows(rec) == WANT


LEVELS = [("产出指标", "数量指标"), ("产出指标", "质量指标"), ("满意度指标", "服务对象满意度指标")]


@pytest.mark.parametrize("layout", ["cells", "pipes", "tabs"])
def test_jixiao_zhibiao_over_the_levels_and_the_name_on_a_second_header_row(tmp_path, layout):
    first, second = ("绩效指标", "年度指标值", "实际完成值", "分值", "得分"), ("一级指标", "二级指标", "三级指标")
    body = [(*lv, *r) for lv, r in zip(LEVELS, ROWS)]
    if layout == "cells":
        table = "\n".join([*first, *second, *(c for r in body for c in r)])
    elif layout == "pipes":
        table = "\n".join("| " + " | ".join(r) + " |" for r in [first, second, *body])
    else:
        table = "\n".join("\t".join(r) for r in [first, second, *body])
    rec = read(tmp_path, f"{TITLE}\n{MONEY}二、绩效指标完成情况\n{table}\n{END}")
    assert rows(rec) == [(l1, l2, *w[2:]) for (l1, l2), w in zip(LEVELS, WANT)]


def test_jixiao_zhibiao_over_level_columns_gives_no_names_column(tmp_path):
    """"绩效指标 | 一级指标 | 二级指标 | 指标值 …" names no indicator's column: 绩效指标 is no name there."""
    table = "\n".join("\t".join(r) for r in [("绩效指标", "一级指标", "二级指标", "年度指标值", "实际完成值", "分值", "得分"),
                                              ("产出", "数量指标", "≥5万人次", "5.4万人次", "10", "10")])
    rec = read(tmp_path, f"{TITLE}\n{MONEY}二、绩效指标完成情况\n{table}\n{END}")
    assert "绩效指标" not in [i.name for i in rec.indicators] and "产出" not in [i.name for i in rec.indicators]


# --- who, kind ----------------------------------------------------------------------------------------
def test_a_related_articles_list_above_the_title_runs_into_the_pages_metadata(tmp_path):
    rec = read(tmp_path, "青禾县人民政府门户网站 | 无障碍 | 关怀版\n首页 > 政务公开 > 部门信息\n相关文章：\n"
                         "示例青禾县文化广电旅游局2021年度部门整体支出绩效自评报告\n示例青禾县文化广电旅游局2024年部门预算公开\n"
                         "示例青禾县文化广电旅游局部门整体支出绩效自评报告（2023年度）\n发布时间：2024-05-08 10:12 访问量：215\n"
                         + MONEY + END)
    assert (rec.department, rec.year) == ("示例青禾县文化广电旅游局", 2023)
    assert rec.overall.actual == D("1100.00")


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_news_of_a_meeting_about_the_self_evaluation_is_no_report(tmp_path, gap):
    rec = read(tmp_path, f"示例青禾县水务局召开2023年度部门整体支出绩效自评工作推进会\n发布时间：2024-05-07 来源：县水务局{gap}"
                         "5月6日，县水务局召开推进会。会议通报，2023年度局系统预算执行率达到95.2%，全年实际支出3860万元。\n")
    assert rec.kind == "other"
    with pytest.raises(NotAReport):
        require_budget_figure(rec, "n.txt")


def test_a_title_with_its_year_in_brackets_is_a_line_of_its_own(tmp_path):
    """"…自评报告（2023年度）" then the first sentence, no blank line between: two paragraphs, the title's unit read."""
    rec = read(tmp_path, "示例青禾县文化和旅游局部门整体支出绩效自评报告（2023年度）\n根据县财政局《关于开展2023年度预算绩效"
                         "自评工作的通知》要求，我单位对2023年度部门整体支出情况开展了绩效自评，现将自评情况报告如下。\n" + MONEY + END)
    assert (rec.department, rec.year) == ("示例青禾县文化和旅游局", 2023)


# --- money, score, rating -------------------------------------------------------------------------
def test_a_section_heading_with_its_text_run_on_after_a_colon(tmp_path):
    rec = read(tmp_path, f"{TITLE}\n一、预算执行情况：2023年年初预算1000.00万元，调整后预算1200.00万元，实际支出1100.00万元，"
                         "预算执行率91.67%。\n二、自评结论：自评得分90分。\n")
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual, rec.overall.completion_rate) \
        == (D("1000.00"), D("1200.00"), D("1100.00"), D("91.67"))


def test_a_numbered_item_with_a_colon_stays_a_list_item(tmp_path):
    """"1.文旅融合专项资金：…" is an item of the list, not a money section's heading: its figures are no unit's."""
    rec = read(tmp_path, f"{TITLE}\n{MONEY}二、重点项目\n1.文旅融合专项资金：年初预算80.00万元，实际支出76.00万元。\n{END}")
    assert rec.overall.initial_budget == D("1000.00") and rec.projects.initial_budget is None


def test_initial_budget_written_nianchu_bumen_yusuan_anpai(tmp_path):
    rec = read(tmp_path, f"{TITLE}\n一、预算执行情况\n2023年初部门预算安排1,035.60万元，年中追加预算126.40万元，调整后预算为"
                         f"1,162.00万元。实际支出1,108.37万元，执行率95.38%。\n{END}")
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget) == (D("1035.60"), D("1162.00"))


@pytest.mark.parametrize("rows_text,score,rating", [
    ("| 自评得分 | 89 |\n| 评价等级 | 良 |", D("89"), "良"),
    ("| 自评得分 | 100 | 92 |", None, None),  # (its 分值 then its 得分: which is the score, the row does not say)
    ("| 自评得分 | 97.5 | 100 |", D("97.5"), None),  # (its 得分 then its 满分)
])
def test_a_score_in_a_bar_row(tmp_path, rows_text, score, rating):
    rec = read(tmp_path, f"{TITLE}\n{MONEY}五、自评结果\n{rows_text}\n")
    assert (rec.score, rec.rating) == (score, rating)


def test_a_rating_said_with_pingji(tmp_path):
    rec = read(tmp_path, f"{TITLE}\n{MONEY}五、评价结论\n2023年度部门整体支出绩效自评得分为86.3分，绩效评级为“良”。\n")
    assert (rec.score, rec.rating) == (D("86.3"), "良")


# --- lists ---------------------------------------------------------------------------------------------
def test_tasks_under_lvzhi_and_key_work_and_under_zhuyao_gongzuo(tmp_path):
    for heading in ("三、部门履职及重点工作完成情况", "三、主要工作"):
        rec = read(tmp_path, f"{TITLE}\n{MONEY}{heading}\n（一）开展送戏下乡演出。全年投入资金35.20万元，演出120场。\n"
                             f"（二）实施文物保护修缮。全年投入资金88.00万元，完成修缮3处。\n{END}")
        assert [(t.text[:6], t.funds) for t in rec.tasks] == [("开展送戏下乡", D("35.20")), ("实施文物保护", D("88.00"))]


def test_items_written_inline_after_a_run_on_heading(tmp_path):
    rec = read(tmp_path, f"{TITLE}\n{MONEY}三、存在的问题：1.图书采购进度偏慢；2.数字资源利用率不高。\n"
                         f"四、改进措施：1.提前组织采购；2.加强数字资源推广。\n{END}")
    assert rec.problems == ["图书采购进度偏慢", "数字资源利用率不高。"]
    assert rec.plans == ["提前组织采购", "加强数字资源推广。"]


def test_problem_and_advice_lines_under_one_heading(tmp_path):
    rec = read(tmp_path, f"{TITLE}\n{MONEY}三、问题与建议\n问题：基层文化站设备老化，更新资金不足。\n"
                         f"建议：统筹资金分批更新设备。\n{END}")
    assert rec.problems == ["基层文化站设备老化，更新资金不足。"]
    assert rec.plans == ["统筹资金分批更新设备。"]


def test_a_tasks_budget_yields_to_what_it_spent(tmp_path):
    rec = read(tmp_path, f"{TITLE}\n{MONEY}三、主要工作开展情况\n非遗保护工作经费年初预算50.00万元，实际支出47.50万元，执行率95.00%。\n{END}")
    assert [t.funds for t in rec.tasks] == [D("47.50")]


def test_a_tasks_sub_heading_over_its_table_is_no_task(tmp_path):
    rec = read(tmp_path, f"{TITLE}\n{MONEY}三、绩效目标完成情况\n（一）年度主要任务完成情况\n序号 | 任务名称 | 预算金额（万元） |\n"
                         "1 | 开展送戏下乡演出120场 | 35.20 |\n2 | 做好文物安全巡查工作 | — |\n（二）绩效指标完成情况\n"
                         f"本部门共设置绩效指标3项。\n{END}")
    assert [(t.text, t.funds) for t in rec.tasks] == [("开展送戏下乡演出120场", D("35.20")), ("做好文物安全巡查工作", None)]


def test_one_numbered_paragraph_of_items_run_together(tmp_path):
    rec = read(tmp_path, f"{TITLE}\n{MONEY}三、发现的主要问题\n1.预算编制不够精细，年中调整较多；2.部分指标难以量化；"
                         "3.上半年支出进度滞后。\n四、改进意见及措施：一是细化预算编制；二是完善指标体系。\n" + END)
    assert rec.problems == ["预算编制不够精细，年中调整较多", "部分指标难以量化", "上半年支出进度滞后。"]
    assert rec.plans == ["细化预算编制", "完善指标体系。"]


# --- where the rules above must not reach --------------------------------------------------------------
def test_a_groups_summary_under_zhibiao_gives_no_indicator(tmp_path):
    """"指标 | 分值 | 得分" over 投入, 过程, 产出, 效益: the groups' scores (no target, no actual), no indicator."""
    table = "\n".join("\t".join(r) for r in [("指标", "分值", "得分"), ("投入", "20", "18"), ("过程", "20", "19"),
                                              ("产出", "30", "28"), ("效益", "30", "27"), ("合计", "100", "92")])
    rec = read(tmp_path, f"{TITLE}\n{MONEY}二、评价得分情况\n{table}\n")
    assert rec.indicators == []


def test_a_groups_subtotal_row_under_jixiao_zhibiao_is_no_indicator(tmp_path):
    table = "\n".join(["| 绩效指标 | 年度目标值 | 实际完成值 | 分值 | 得分 |", "| 产出指标 | | | 20 | 20 |",
                       "| " + " | ".join(ROWS[0]) + " |", "| " + " | ".join(ROWS[1]) + " |", "| 效益指标 | | | 10 | 8 |",
                       "| " + " | ".join(ROWS[2]) + " |"])
    rec = read(tmp_path, f"{TITLE}\n{MONEY}二、绩效指标完成情况\n{table}\n{END}")
    assert rows(rec) == WANT


def test_a_related_list_above_the_metadata_with_the_title_below_it(tmp_path):
    rec = read(tmp_path, "首页 > 政务公开 > 部门信息\n相关文章：\n示例青禾县博物馆2023年度部门整体支出绩效自评报告\n"
                         "发布时间：2024-05-08 来源：县图书馆\n示例青禾县图书馆2023年度部门整体支出绩效自评报告\n" + MONEY + END)
    assert rec.department == "示例青禾县图书馆"


def test_a_run_on_heading_about_one_fund_gives_no_unit_figure(tmp_path):
    with pytest.raises(NotAReport):
        require_budget_figure(read(tmp_path, f"{TITLE}\n一、部门基本情况\n本局内设股室6个。\n二、专项资金管理情况：2023年县级乡村振兴"
                                             "衔接资金年初预算2000万元，实际支出1850万元。\n"), "r.txt")


def test_what_the_whole_unit_spent_is_no_tasks_funds(tmp_path):
    rec = read(tmp_path, f"{TITLE}\n{MONEY}三、主要任务完成情况\n（一）开展文物安全巡查，全年本局实际支出1320.10万元，圆满完成各项工作。\n"
                         f"（二）完成送戏下乡演出120场，演出经费年初预算36.00万元，实际支出35.20万元。\n{END}")
    assert [t.funds for t in rec.tasks] == [None, D("35.20")]


def test_a_task_tables_spent_column_before_its_budget(tmp_path):
    rec = read(tmp_path, f"{TITLE}\n{MONEY}三、主要任务完成情况\n序号\t重点任务\t预算金额（万元）\t实际支出数\t完成情况\n"
                         f"1\t文物安全巡查\t80\t62.5\t巡查420次\n2\t送戏下乡\t15\t14.2\t演出120场\n{END}")
    assert [(t.text, t.funds) for t in rec.tasks] == [("文物安全巡查", D("62.5")), ("送戏下乡", D("14.2"))]


def test_duties_under_zhuyao_gongzuo_yield_to_the_tasks_section(tmp_path):
    rec = read(tmp_path, f"{TITLE}\n一、部门基本情况\n二、主要工作\n1.负责全县文物保护工作。\n2.负责公共文化服务体系建设。\n"
                         f"{MONEY}四、绩效目标完成情况\n（一）开展送戏下乡演出。全年投入资金35.20万元。\n{END}")
    assert [t.text[:6] for t in rec.tasks] == ["开展送戏下乡"]


def test_the_targets_set_are_no_tasks_done(tmp_path):
    rec = read(tmp_path, f"{TITLE}\n{MONEY}三、绩效目标完成情况\n（一）年度绩效目标\n1.开展送戏下乡演出120场。\n"
                         "（二）绩效目标实现情况\n1.全年开展送戏下乡演出126场，使用资金35.20万元。\n" + END)
    assert D("35.20") in [t.funds for t in rec.tasks]


def test_another_meeting_line_above_the_title_leaves_the_report(tmp_path):
    rec = read(tmp_path, "示例青禾县人民代表大会常务委员会召开主任会议\n\n" + TITLE + "\n" + MONEY + END)
    assert rec.kind == "department"


def test_a_surveys_score_in_a_bar_row_is_no_self_evaluation_score(tmp_path):
    rec = read(tmp_path, f"{TITLE}\n{MONEY}四、群众满意度调查\n| 调查对象 | 群众 |\n| 评价得分 | 95 |\n")
    assert rec.score is None


# --- a 绩效指标 table one cell per line with no points, and a 总分 row with its empty cells marked ---------
def test_a_table_one_cell_per_line_with_no_points(tmp_path):
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"]
    body = [("产出指标", "数量指标", "图书借阅人次", "≥5万人次", "5.4万人次"),
            ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "93%"),
            ("效益指标", "可持续影响指标", "长效机制建设", "持续完善", "已建立")]
    text = "\n".join([*header, *(c for r in body for c in r)])
    rec = read(tmp_path, f"{TITLE}\n{MONEY}二、绩效指标完成情况\n{text}\n三、存在的问题\n1.图书更新较慢。\n{END}")
    assert [(i.level1, i.name, i.target, i.actual) for i in rec.indicators] == [(b[0], *b[2:]) for b in body]
    assert [i.met for i in rec.indicators] == [True, True, None]


def test_with_no_level_to_anchor_a_row_its_values_must_be_figures(tmp_path):
    text = "\n".join(["三级指标", "年度指标值", "实际完成值", "图书借阅人次", "≥5万人次", "5.4万人次",
                      "长效机制建设", "持续完善", "已建立"])
    rec = read(tmp_path, f"{TITLE}\n{MONEY}二、绩效指标完成情况\n{text}\n{END}")
    assert [i.name for i in rec.indicators] == ["图书借阅人次"]


def test_a_total_row_one_cell_per_line_with_its_empty_cells_marked(tmp_path):
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    body = [("产出指标", "数量指标", "图书借阅人次", "≥5万人次", "5.4万人次", "45", "45"),
            ("效益指标", "社会效益指标", "群众知晓率", "≥90%", "85%", "45", "41")]
    total = ["总分", "—", "—", "—", "—", "100（含预算执行10分）", "95"]
    text = "\n".join([*header, *(c for r in body for c in r), *total])
    rec = read(tmp_path, f"{TITLE}\n{MONEY}二、绩效指标完成情况\n{text}\n三、绩效自评结论\n自评结果详见上表。\n")
    assert len(rec.indicators) == 2 and rec.score == D("95")


def test_a_tasks_table_one_cell_per_line_its_rows_numbered(tmp_path):
    """"序号" / "任务名称" / "预算金额（万元）" / "1" / a long task / its funds …: each row its tasks's, the funds read (and no
    longer listed as unread)."""
    cells = ["序号", "任务名称", "预算金额（万元）", "1", "开展送戏下乡演出，覆盖全县各乡镇共120场", "35.20",
             "2", "实施文物保护修缮，完成县级文物保护单位修缮3处", "88.00"]
    rec = read(tmp_path, f"{TITLE}\n{MONEY}三、绩效目标完成情况\n（一）年度主要任务完成情况\n" + "\n".join(cells)
               + f"\n（二）绩效指标完成情况\n本部门共设置绩效指标3项。\n{END}")
    assert [(t.text, t.funds) for t in rec.tasks] == [(cells[4], D("35.20")), (cells[7], D("88.00"))]
    assert not {D("35.20"), D("88.00")} & {u.amount for u in rec.unread}


def test_numbered_cells_with_a_row_short_of_a_cell_end_the_table_before_it(tmp_path):
    cells = ["序号", "任务名称", "预算金额（万元）", "1", "开展送戏下乡演出", "35.20", "2", "实施文物保护修缮", "3",
             "完成非遗普查", "12.00"]
    rec = read(tmp_path, f"{TITLE}\n{MONEY}三、主要任务完成情况\n" + "\n".join(cells) + f"\n{END}")
    assert all((t.text, t.funds) in {("开展送戏下乡演出", D("35.20")), (t.text, None)} for t in rec.tasks)


def test_numbered_items_each_one_indicator_in_prose(tmp_path):
    rec = read(tmp_path, f"{TITLE}\n{MONEY}二、绩效指标完成情况\n1.图书借阅人次：年度指标值≥5万人次，实际完成5.4万人次。\n"
                         f"2.群众知晓率：年度指标值≥90%，实际完成85%。\n{END}")
    assert [(i.name, i.target, i.actual, i.met) for i in rec.indicators] == [
        ("图书借阅人次", "≥5万人次", "5.4万人次", True), ("群众知晓率", "≥90%", "85%", False)]


def test_a_tasks_yearly_target_in_a_numbered_item_is_no_indicator(tmp_path):
    rec = read(tmp_path, f"{TITLE}\n{MONEY}二、主要任务完成情况\n1.送戏下乡：年度目标120场，实际完成126场。\n{END}")
    assert rec.indicators == []


def test_plans_under_xiabu_cuoshi_written_inline(tmp_path):
    rec = read(tmp_path, f"{TITLE}\n{MONEY}三、存在的主要问题\n一是图书更新较慢。二是数字资源利用率不高。\n"
                         f"四、下步措施\n（1）加快图书采购；（2）推广数字资源。\n{END}")
    assert rec.plans == ["加快图书采购", "推广数字资源。"]


def test_an_indicator_named_as_its_level_in_cells_one_per_line(tmp_path):
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    body = [("产出指标", "数量指标", "图书借阅人次", "≥5万人次", "5.4万人次", "50", "50"),
            ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "93%", "50", "48")]
    rec = read(tmp_path, f"{TITLE}\n{MONEY}二、绩效指标完成情况\n" + "\n".join([*header, *(c for r in body for c in r)])
               + f"\n{END}")
    assert [(i.level2, i.name, i.score) for i in rec.indicators] == [
        ("数量指标", "图书借阅人次", D("50")), ("服务对象满意度指标", "服务对象满意度", D("48"))]


def test_parts_after_an_amount_whose_label_was_not_read_take_no_earlier_label(tmp_path):
    """"全年预算数 A；全年支出决算 B，其中基本支出 C，项目支出 D": C and D are B's parts, never the budget's."""
    rec = read(tmp_path, f"{TITLE}\n一、部门整体支出情况\n2023年年初预算数为4,803,900.00元；全年预算数为6,069,900.00元；全年支出决算"
                         "5,740,200.00元，其中基本支出4,148,000.00元，项目支出1,592,200.00元，预算执行率为94.57%。\n" + END)
    assert (rec.overall.adjusted_budget, rec.overall.actual) == (D("606.99"), D("574.02"))
    assert (rec.basic.actual, rec.projects.actual) == (D("414.80"), D("159.22"))
    assert rec.basic.adjusted_budget is None and rec.projects.adjusted_budget is None
    rec = read(tmp_path, f"{TITLE}\n一、部门整体支出情况\n2023年全年预算数为6,069,900.00元；全年支出核算5,740,200.00元，其中基本支出"
                         "4,148,000.00元，项目支出1,592,200.00元。\n" + END)
    assert rec.basic.adjusted_budget is None and rec.projects.adjusted_budget is None


def test_tasks_under_niandu_zhuyao_gongzuo_wancheng_qingkuang(tmp_path):
    rec = read(tmp_path, f"{TITLE}\n一、单位概况\n（一）主要工作职责\n负责全县文物保护工作。\n{MONEY}三、年度主要工作完成情况\n"
                         f"1.开展送戏下乡演出120场，使用资金35.20万元。\n2.完成文物保护修缮3处，使用资金88.00万元。\n{END}")
    assert [(t.text[:6], t.funds) for t in rec.tasks] == [("开展送戏下乡", D("35.20")), ("完成文物保护", D("88.00"))]


@pytest.mark.parametrize("heading", ["四、主要工作及成效", "四、部门整体支出绩效情况\n2023年重点完成了以下工作："])
def test_tasks_under_zhuyao_gongzuo_ji_chengxiao_or_a_lead(tmp_path, heading):
    rec = read(tmp_path, f"{TITLE}\n{MONEY}{heading}\n1.开展送戏下乡演出120场。\n2.完成文物保护修缮3处。\n"
                         f"五、存在的问题\n1.图书更新较慢。\n{END}")
    assert [t.text[:6] for t in rec.tasks] == ["开展送戏下乡", "完成文物保护"]


def test_items_numbered_as_the_sections_are_from_yi_again(tmp_path):
    rec = read(tmp_path, f"{TITLE}\n{MONEY}三、年度主要工作完成情况\n一、开展送戏下乡演出120场，覆盖全县各乡镇。\n"
                         "二、完成文物保护修缮3处，均通过验收。\n四、绩效自评结论\n自评得分90分。\n五、存在的问题\n1.图书更新较慢。\n")
    assert [t.text[:6] for t in rec.tasks] == ["开展送戏下乡", "完成文物保护"]
    assert rec.problems == ["图书更新较慢。"]


def test_an_indicator_table_one_cell_per_line_each_closed_by_a_bar(tmp_path):
    header = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分", "未完成原因分析"]
    body = [("产出指标", "数量指标", "图书借阅人次", "≥", "5", "万人次", "5.4", "50", "50", ""),
            ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥", "90", "%", "93", "50", "48", "")]
    lines = [f"{c} |" if c else "|" for c in [*header, *(c for r in body for c in r)]]
    rec = read(tmp_path, f"{TITLE}\n{MONEY}二、绩效指标完成情况\n" + "\n".join(lines) + f"\n{END}")
    assert [(i.name, i.target, i.actual, i.weight, i.score) for i in rec.indicators] == [
        ("图书借阅人次", "≥5万人次", "5.4万人次", D("50"), D("50")), ("服务对象满意度", "≥90%", "93%", D("50"), D("48"))]


def test_a_zhengxie_is_a_unit(tmp_path):
    rec = read(tmp_path, "示例青禾县政协2023年度部门整体支出绩效自评报告\n来源:示例青禾县政协 更新时间: 2024-08-16\n" + MONEY + END)
    assert rec.department == "示例青禾县政协"


def test_a_title_on_two_lines_under_a_forms_empty_fields(tmp_path):
    rec = read(tmp_path, "文件名称: | |||\n索引号: | 发文编号: | ||\n示例青禾县文化广电旅游局2023年度部门整体支出\n绩效评价报告\n"
                         + MONEY + END)
    assert (rec.department, rec.year) == ("示例青禾县文化广电旅游局", 2023)


# --- where they must not reach (a second review) --------------------------------------------------------
def test_a_page_number_where_the_total_rows_score_is_missing_is_no_score(tmp_path):
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    body = [("产出指标", "数量指标", "图书借阅人次", "≥5万人次", "5.4万人次", "45", "45"),
            ("效益指标", "社会效益指标", "群众知晓率", "≥90%", "85%", "45", "41")]
    cells = [*header, *(c for r in body for c in r), "总分", "—", "—", "—", "—", "100（含预算执行10分）", "7"]
    rec = read(tmp_path, f"{TITLE}\n{MONEY}二、绩效指标完成情况\n" + "\n".join(cells) + "\n三、存在的问题\n1.图书更新较慢。\n")
    assert rec.score is None


def test_restarted_items_end_at_a_run_on_sections_title(tmp_path):
    rec = read(tmp_path, f"{TITLE}\n一、部门基本情况\n本局内设股室6个。\n二、主要工作完成情况\n一、开展送戏下乡演出120场。\n"
                         "二、完成文物保护修缮3处。\n三、部门整体支出情况。全年年初预算1000.00万元，实际支出1100.00万元。\n"
                         "四、存在的问题：图书更新较慢。\n")
    assert [t.text[:6] for t in rec.tasks] == ["开展送戏下乡", "完成文物保护"] and all(t.funds is None for t in rec.tasks)


@pytest.mark.parametrize("heading", ["（二）2022年重点工作完成情况", "（二）上年度主要工作完成情况", "四、2024年主要工作及成效目标"])
def test_another_years_work_is_no_tasks(tmp_path, heading):
    rec = read(tmp_path, f"{TITLE}\n{MONEY}{heading}\n1.开展送戏下乡演出100场，投入资金30.00万元。\n2.完成文物保护修缮2处。\n{END}")
    assert rec.tasks == []


def test_what_will_be_done_is_no_tasks(tmp_path):
    rec = read(tmp_path, f"{TITLE}\n{MONEY}四、下一步工作计划\n2024年，我局将重点完成以下工作：\n1.扩大送戏下乡覆盖面。\n"
                         "2.推进数字文化馆建设。\n")
    assert rec.tasks == [] and len(rec.plans) == 2


def test_duties_under_a_main_work_heading_are_no_tasks(tmp_path):
    rec = read(tmp_path, f"{TITLE}\n一、部门基本情况\n二、主要工作\n1.负责全县文物保护工作。\n2.承担公共文化服务体系建设。\n{MONEY}{END}")
    assert rec.tasks == []


def test_a_problems_table_one_cell_per_line_under_xuhao_stays_the_problems(tmp_path):
    cells = ["序号", "问题", "整改措施", "1", "图书更新较慢", "加快图书采购", "2", "数字资源利用率不高", "推广数字资源"]
    rec = read(tmp_path, f"{TITLE}\n{MONEY}三、主要任务完成情况\n1.开展送戏下乡演出120场，投入资金35.20万元。\n"
                         "四、存在的问题及整改措施\n" + "\n".join(cells) + f"\n{END}")
    assert [(t.text[:6], t.funds) for t in rec.tasks] == [("开展送戏下乡", D("35.20"))]
    assert not any("问题" == p for p in rec.problems)


def test_a_tasks_table_of_names_gives_way_to_the_items_that_state_their_funds(tmp_path):
    rec = read(tmp_path, f"{TITLE}\n{MONEY}二、主要任务\n主要任务 | 完成情况\n送戏下乡 | 已完成\n文物保护修缮 | 已完成\n"
                         "1.送戏下乡。全年投入资金35.20万元，演出120场。\n2.文物保护修缮。全年投入资金88.00万元，修缮3处。\n" + END)
    assert [t.funds for t in rec.tasks] == [D("35.20"), D("88.00")]


def test_a_level_named_in_a_numbered_item_is_no_indicator(tmp_path):
    rec = read(tmp_path, f"{TITLE}\n{MONEY}二、绩效指标完成情况\n1.数量指标：年度指标值为培训500人次，实际完成520人次。\n{END}")
    assert rec.indicators == []
