"""The layout step: pages as real sites, PDF text layers and copy-pastes lay them out.

Each fixture is written in our own words with invented names and figures, reproducing a layout
family seen on published pages (line breaks, blank lines, cells per line, bars, chrome, prefixes):
the Document must hold the right Table blocks (each figure under its header) and the right chrome,
and `perflib parse` must give the figures.
"""
from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal as D

import pytest

from fixtures_files import write_html, write_txt
from perflib.pipeline import read_record
from perflib.read.files import read_document
from perflib.read.chrome import split_chrome
from perflib.read.realign import align_rows, glued_form

TITLE = "临江县水利局2022年度部门整体支出绩效自评报告"


def doc_of(tmp_path, text: str):
    return read_document(write_txt(tmp_path / "page.txt", text))


def rec_of(tmp_path, text: str):
    return read_record(write_txt(tmp_path / "page.txt", text))


# --- rows with bars between cells -------------------------------------------------------------
PIPE_FORM = """单位名称:河西镇政府 填报日期:2023.4.12
单位名称 | 河西镇人民政府 | ||||||||
基本支出总额 | 512.6万 | 项目支出总额 | 0 | ||||||
预算执行情况(万元) (20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 (20分*执行率) | |||||
部门整体支出总额 | 512.6 | 100% | 20 | ||||||
年度目标1:(80分) | 完善基层治理、改善镇村环境 | ||||||||
年度绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 | |||
产出指标 | 数量指标 | 调处矛盾纠纷 | 90件 | 92件 | 40 | ||||
效益指标 | 社会效益指标 | 群众安全感 | 有效提升 | 有效提升 | 20 | ||||
满意度指标 | 满意度指标 | 群众满意度 | ≥90% | 93% | 20 | ||||
总分 | 100分 | ||||||||
"""


def test_pipe_rows_with_ragged_empties_and_a_row_short_of_its_header(tmp_path):
    doc = doc_of(tmp_path, PIPE_FORM)
    budget, indicators = doc.tables
    # the one money cell of a 100 % row stands under the budget; the rate and the points under theirs
    assert budget.rows[1:] == [
        ["预算执行情况(万元) (20分)", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分 (20分*执行率)"],
        ["部门整体支出总额", "512.6", "", "100%", "20"]]
    assert indicators.rows[-1] == ["总分", "100分"]
    assert "单位名称 | 河西镇人民政府 | ||||||||" in doc.lines()  # a label/value pair stays as written
    rec = read_record(write_txt(tmp_path / "form.txt", PIPE_FORM))
    assert rec.overall.completion_rate == D("100") and rec.score == D("100")
    assert rec.overall.actual is None  # 512.6 is not under 执行数: nothing read there


EXTRA_COLUMN = """部门整体支出绩效自评表 | |||||||||
单位(盖章):青岚市档案馆 | 填报日期:2023年2月8日 | ||||||||
部门(单位)名称 | 青岚市档案馆 | ||||||||
部门(单位)总体 资金(万元) | 资 金 来 源 | 年初预算数(A) | 全年执行数(B) | 分值(10分) | 得分 | 得分计算方法 | |||
年度资金总额: | 640.30 | 702.15 | 10 | 10 | 执行率*该指标分值,最高不超过分值。 | ||||
基本支出 | 520.10 | 511.45 |
10 | 10 | |||||
项目支出 | 120.20 | 190.70 | 10 | 10 | |||||
其他 | |||||||||
年度总体目标 | 年初设定目标 | 年度总体目标完成情况 | |||||||
"""


def test_extra_header_column_and_a_row_split_over_two_lines(tmp_path):
    doc = doc_of(tmp_path, EXTRA_COLUMN)
    (table,) = doc.tables
    assert table.rows == [
        ["部门(单位)总体 资金(万元)", "资 金 来 源", "年初预算数(A)", "全年执行数(B)", "分值(10分)", "得分", "得分计算方法"],
        ["年度资金总额:", "", "640.30", "702.15", "10", "10", "执行率*该指标分值,最高不超过分值。"],
        ["基本支出", "", "520.10", "511.45", "10", "10", ""],
        ["项目支出", "", "120.20", "190.70", "10", "10", ""]]
    rec = rec_of(tmp_path, EXTRA_COLUMN)
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("640.30"), D("702.15"))
    assert (rec.basic.initial_budget, rec.basic.actual) == (D("520.10"), D("511.45"))
    assert (rec.projects.initial_budget, rec.projects.actual) == (D("120.20"), D("190.70"))
    assert rec.evidence["basic.actual"].endswith("基本支出 × 全年执行数(B): 511.45")


def test_a_short_row_with_more_than_one_reading_is_left_alone():
    rows = align_rows([["项目", "年初预算数", "全年预算数", "全年执行数", "执行率"], ["合计", "100.00", "98%"]])
    assert rows[1] == ["合计", "100.00", "98%"]  # 100.00 could stand under any of three budgets


# --- glued figures ---------------------------------------------------------------------------
def test_glued_cell_cut_only_where_the_rate_confirms_it():
    header = ["项目", "年初预算数", "全年预算数", "全年执行数", "执行率"]
    assert align_rows([header, ["年度资金总额", "35.235.235.2100%"]])[1] == ["年度资金总额", "35.2", "35.2", "35.2", "100%"]
    assert align_rows([header, ["年度资金总额", "35.235.235.297%"]])[1] == ["年度资金总额", "35.235.235.297%"]


def test_a_form_glued_into_one_line(tmp_path):
    line = ("1、部门整体支出绩效自评表(2022年度)预算单位名称临江县统计局年度预算申请(万元)年初预算数全年预算数"
            "全年执行数分值执行率得分年度资金总额318.40352.60352.6010100%10按收入性质分:352.60")
    before, table, after = glued_form(line)
    assert table.rows == [["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
                          ["年度资金总额", "318.40", "352.60", "352.60", "10", "100%", "10"]]
    assert before.endswith("年度预算申请(万元)") and after == "按收入性质分:352.60"
    rec = rec_of(tmp_path, "临江县统计局部门整体支出绩效自评表.docx\n" + line)
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual,
            rec.overall.completion_rate) == (D("318.40"), D("352.60"), D("352.60"), D("100"))


# --- one cell per line ------------------------------------------------------------------------
CELLS_CLOSED_BY_BARS = """报表编号:510000_0021zp |
|
|
部门整体支出绩效自评表(2022年度) |
部门(单位)名称 |
临江县气象局 |
预算执行情况(10分) |
年度预算数(万元) |
年初预算 |
调整后预算数 |
预算执行数 |
预算执行率 |
权重 |
得分 |
原因 |
年度资金总额 |
410.25 |
436.80 |
430.12 |
98.47% |
10 |
9.85 |
年中追加气象站维护经费。 |
其中:基本支出 |
300.10 |
312.40 |
312.40 |
100.00% |
/ |
/ |
项目支出 |
110.15 |
124.40 |
117.72 |
94.63% |
/ |
/ |
其他资金 |
|
|
|
|
/ |
/ |
绩效指标(90分) |
"""


def test_cells_closed_by_bars_with_empty_cells_as_lone_bars(tmp_path):
    (table,) = doc_of(tmp_path, CELLS_CLOSED_BY_BARS).tables
    assert table.rows[0] == ["年度预算数(万元)", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因"]
    assert table.rows[2] == ["其中:基本支出", "300.10", "312.40", "312.40", "100.00%", "/", "/", ""]
    assert table.title == "预算执行情况(10分)"
    rec = rec_of(tmp_path, CELLS_CLOSED_BY_BARS)
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual,
            rec.overall.completion_rate) == (D("410.25"), D("436.80"), D("430.12"), D("98.47"))
    assert (rec.projects.adjusted_budget, rec.projects.actual) == (D("124.40"), D("117.72"))


BASIC_DATA_CELLS = """2022年度部门整体支出绩效评价基础数据表

财政供养人员情况(人)

编制数

2022年实际在职人数

控制率

31

30

96.77%

经费控制情况(万元)

2021年决算数

2022年预算数

2022年决算数

支出总额

840.10

905.50

902.36

基本支出

600.05

650.20

648.90

    其中:公用经费

80.12

85.00

84.66

项目支出

240.05

255.30

253.46

   其中:1、运行维护经费

          2专项资金

(一个项一行)

防汛物资储备

40

40

38.5

三公经费

   1、公务用车购置和维护经费

3.10

4

2.95

说明:项目支出需填报基本支出以外的全部项目支出。
"""


def test_cells_with_blank_lines_group_lines_year_columns_and_heading_rows(tmp_path):
    doc = doc_of(tmp_path, "临江县水利局2022年度部门整体支出绩效评价基础数据表\n" + BASIC_DATA_CELLS)
    (table,) = doc.tables
    assert table.rows[0] == ["经费控制情况(万元)", "2021年决算数", "2022年预算数", "2022年决算数"]
    assert table.rows[1] == ["支出总额", "840.10", "905.50", "902.36"]
    labels = [r[0] for r in table.rows]
    assert "2专项资金(一个项一行)" in labels and "防汛物资储备" in labels  # a note joins its cell
    assert table.rows[-1] == ["1、公务用车购置和维护经费", "3.10", "4", "2.95"]
    rec = rec_of(tmp_path, TITLE + "\n" + BASIC_DATA_CELLS)
    # this year's 决算 column only; last year's never
    assert (rec.overall.actual, rec.basic.actual, rec.projects.actual) == (D("902.36"), D("648.90"), D("253.46"))
    assert D("840.10") not in {rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual}


def test_column_names_broken_over_lines_join_again(tmp_path):
    text = ("部门整体支出绩效自评表\n（2022年度）\n预算单位名称\n临江县林业局\n年度预\n算申请\n(万元)\n"
            "年初\n预算数\n全年预算数\n全年\n执行数\n分值\n执行率\n得分\n年度资金总额\n2210.40万元\n"
            "2350.00万元\n2288.75万元\n10\n97.39%\n9.74\n年度总体目标\n")
    (table,) = doc_of(tmp_path, text).tables
    assert table.rows[0][1:] == ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    rec = rec_of(tmp_path, text)
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual) == (
        D("2210.40"), D("2350.00"), D("2288.75"))


# --- rows apart by spaces ----------------------------------------------------------------------
SPACE_ROWS = """2022年部门整体绩效目标自评表



单位名称 临江县商务局 单位负责人及电话 某某 0000000




资金情况(万元)
年初预算资金总额(万元) 实际投入资金额(万元) 产生差异的原因




合计 812.40 1030.66 项目经费增加




其中:财政拨款 812.40 1030.66





其他资金



年度目标(年初) 年度总体目标完成情况
"""


def test_space_rows_with_runs_of_blank_lines_between_them(tmp_path):
    doc = doc_of(tmp_path, "临江县商务局2022年度预算资金绩效自评公开\n" + SPACE_ROWS)
    (table,) = doc.tables
    assert table.rows == [["", "年初预算资金总额(万元)", "实际投入资金额(万元)", "产生差异的原因"],
                          ["合计", "812.40", "1030.66", "项目经费增加"],
                          ["其中:财政拨款", "812.40", "1030.66", ""]]
    assert table.title == "资金情况(万元)"
    assert "单位名称 临江县商务局 单位负责人及电话 某某 0000000" in doc.lines()  # not glued to its neighbours
    rec = rec_of(tmp_path, "临江县商务局2022年度预算资金绩效自评公开\n" + SPACE_ROWS)
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("812.40"), D("1030.66"))


# --- chrome ----------------------------------------------------------------------------------
BRACKETS = """您当前所在位置:首页>河西区教育局>政务公开>法定主动公开内容>其他法定信息

[ 索引号 ] 11500230008600000D/2023-00021 [ 发文字号 ]
[ 主题分类 ] 财政 [ 体裁分类 ] 其他
[ 发布机构 ] 河西区教育局
[ 成文日期 ] 2023-04-10 [ 发布日期 ] 2023-04-18
[ 索引号 ] 11500230008600000D/2023-00021
[ 发文字号 ]
[ 发布机构 ] 河西区教育局
[ 有效性 ]
[ 发布日期 ] 2023-04-18

河西区教育局2022年度部门整体支出绩效自评报告

一、部门概况
"""


def test_breadcrumb_and_bracket_block_printed_twice(tmp_path):
    doc = doc_of(tmp_path, BRACKETS + "2022年本局年初预算1200.00万元，全年预算1300.50万元。\n")
    assert [c.text for c in doc.chrome] == [
        "您当前所在位置:首页>河西区教育局>政务公开>法定主动公开内容>其他法定信息",
        "索引号：11500230008600000D/2023-00021", "发文字号：", "主题分类：财政", "体裁分类：其他",
        "发布机构：河西区教育局", "成文日期：2023-04-10", "发布日期：2023-04-18", "有效性："]
    assert doc.lines()[0] == "河西区教育局2022年度部门整体支出绩效自评报告"
    assert not any("索引号" in line or "首页" in line for line in doc.lines())


@pytest.mark.parametrize("lines, chrome", [
    (["• 索引号", "  • 795187-2-/2023-0001", "  • 发布机构", "  • 青岚市文化和旅游局", "  • 公开目录", "  • 自评报告",
      "  • 发布日期", "  • 2023-07-13", "  • 文号", "  • 浏览量", "  • 主题词"],
     ["索引号：795187-2-/2023-0001", "发布机构：青岚市文化和旅游局", "公开目录：自评报告", "发布日期：2023-07-13",
      "文号：", "浏览量：", "主题词："]),
    (["索引号: | 11500106000000000E/2023-01109 | 信息分类名称: | 财政/财政预算、决算 | ||",
      "发布机构: | 河西区财政局 | 生成日期: | 2023-08-24 | 发布日期: | 2023-08-24 |", "文号: | 主题词: |"],
     ["索引号：11500106000000000E/2023-01109", "信息分类名称：财政/财政预算、决算", "发布机构：河西区财政局",
      "生成日期：2023-08-24", "发布日期：2023-08-24", "文号：", "主题词："]),
    (["无障碍浏览 打开适老化模式 x 注册 登录", "临江县人民政府", "无障碍浏览 打开适老化模式 x 注册 登录",
      "索引号 11533022000000000k/20240427-00001 发布机构 临江县文化和旅游局", "公开目录 绩效评价 发布日期 2024-04-27",
      "文号 浏览量 13", "主题词 文化"],
     ["无障碍浏览 打开适老化模式 x 注册 登录", "临江县人民政府", "索引号：11533022000000000k/20240427-00001",
      "发布机构：临江县文化和旅游局", "公开目录：绩效评价", "发布日期：2024-04-27", "文号：", "浏览量：13", "主题词：文化"]),
    (["中国政府网 | 某某市人民政府网 区人大 区政协 网站专栏", "| 无障碍 | 敬老版 | 登录 | 注册 网站支持IPv6", "网站专栏",
      "首页 走进河西 政务公开 政务服务 营商环境 政民互动"],
     ["中国政府网 | 某某市人民政府网 区人大 区政协 网站专栏", "| 无障碍 | 敬老版 | 登录 | 注册 网站支持IPv6", "网站专栏",
      "首页 走进河西 政务公开 政务服务 营商环境 政民互动"]),
    (["临江县档案馆2023决算公开", "  • 发布时间:2024-11-07", "  • 信息来源:临江县档案馆", "  • 【字体:"],
     ["发布时间：2024-11-07", "信息来源：临江县档案馆", "字体："]),
    (["【字体: 】 【发布时间:2022-04-15 14:54】 【作者:县政协办】【阅读:"],
     ["字体：", "发布时间：2022-04-15 14:54", "作者：县政协办", "阅读："]),
    (["2022-04-07 15:25 来源: 河西区林业局 发布机构: 河西区林业局 【字体:   打印"],
     ["发布时间：2022-04-07 15:25", "来源：河西区林业局", "发布机构：河西区林业局", "字体：打印"]),
    (["临江县统计局部门整体支出绩效自评表.docx", "上传人:某某 文档编号:100001 上传时间:2023-04-28 格式:DOCX 页数:8 大小:40.1KB",
      "下载 相关 举报", "临江县统计局部门整体支出绩效自评表.docx_第1页", "第1页 / 共8页",
      "亲,该文档总共8页,到这儿已超出免费预览范围,如果喜欢就下载吧!", "资源描述",
      "《临江县统计局部门整体支出绩效自评表.docx》由会员分享,可在线阅读,更多相关《临江县统计局部门整体支出绩效自评表.docx(8页珍藏版)》请在某某文库上搜索。"],
     ["上传人：某某", "文档编号：100001", "上传时间：2023-04-28", "格式：DOCX", "页数：8", "大小：40.1KB", "下载 相关 举报",
      "临江县统计局部门整体支出绩效自评表.docx_第1页", "第1页 / 共8页",
      "亲,该文档总共8页,到这儿已超出免费预览范围,如果喜欢就下载吧!", "资源描述",
      "《临江县统计局部门整体支出绩效自评表.docx》由会员分享,可在线阅读,更多相关《临江县统计局部门整体支出绩效自评表.docx(8页珍藏版)》请在某某文库上搜索。"]),
], ids=["bullets", "pipes", "bare-keys", "site-menus", "bulleted-meta", "bracketed-meta", "dated-pairs", "sharing-site"])
def test_chrome_in_every_layout_becomes_key_value_pairs(lines, chrome):
    found, content = split_chrome(lines + ["2023年度部门整体支出绩效自评报告", "一、部门概况"])
    assert found == chrome
    assert content[-2:] == ["2023年度部门整体支出绩效自评报告", "一、部门概况"]


def test_chrome_after_the_title_and_the_title_printed_again(tmp_path):
    text = ("河西区政协办公室2023年度预算绩效部门评价报告\n来源:河西区政协委员会\n日期:2024-09-26 12:24\n责任编辑:某某\n"
            "河西区政协办公室2023年度预算绩效部门评价报告\n一、部门概况\n本办内设科室4个。\n")
    doc = doc_of(tmp_path, text)
    assert [c.text for c in doc.chrome] == ["来源：河西区政协委员会", "日期：2024-09-26 12:24", "责任编辑：某某"]
    assert doc.lines()[:2] == ["河西区政协办公室2023年度预算绩效部门评价报告"] * 2


def test_a_title_key_leaves_its_value_as_the_page_title(tmp_path):
    text = ("索引号: | 11500106000000000E/2023-01109 | 信息分类名称: | 财政 | ||\n"
            "发布机构: | 河西区财政局 | 发布日期: | 2023-08-24 |\n"
            "名称: | 河西区交通局2022年度部门决算情况说明 | ||||\n文号: | 主题词: |\n一、部门基本情况\n")
    doc = doc_of(tmp_path, text)
    assert "名称：河西区交通局2022年度部门决算情况说明" in [c.text for c in doc.chrome]
    assert doc.lines()[0] == "河西区交通局2022年度部门决算情况说明"


def test_a_prefixed_name_line_is_content_not_chrome():
    chrome, content = split_chrome(["2022年度部门整体支出绩效自评报告", "名称:临江县第三中学", "一、部门概况"])
    assert chrome == [] and content[1] == "名称:临江县第三中学"


def test_chrome_names_no_department_the_content_names(tmp_path):
    text = BRACKETS.replace("[ 发布机构 ] 河西区教育局", "[ 发布机构 ] 河西区财政局") + "本局内设科室5个。\n"
    rec = rec_of(tmp_path, text.replace("河西区教育局2022", "河西区教育局2022"))
    assert rec.department == "河西区教育局"


def test_an_html_page_keeps_its_meta_line_as_chrome_pairs(tmp_path):
    path = write_html(tmp_path / "a.html", [TITLE, "一、部门概况", "本局内设科室4个。"], TITLE)
    doc = read_document(path)
    chrome = [c.text for c in doc.chrome]
    assert "来源：某区财政局" in chrome and "发布时间：2022-03-01" in chrome
    assert not any("来源" in line for line in doc.lines())


def test_pinyin_after_each_character_is_dropped(tmp_path):
    doc = doc_of(tmp_path, "2022年度項(xiàng)目支出績(jì)效自評(píng)表\n一、項目概況\n")
    assert doc.lines()[0] == "2022年度項目支出績效自評表"


def test_parse_cli_reads_a_laid_out_page(tmp_path):
    # (the form names the report's unit: a form naming another unit is that unit's, not read)
    path = write_txt(tmp_path / "page.txt", BRACKETS.replace("一、部门概况\n", "") + EXTRA_COLUMN.replace("青岚市档案馆", "河西区教育局"))
    out = subprocess.run([sys.executable, "-m", "perflib.cli", "parse", str(path)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    rec = json.loads(out.stdout)
    assert rec["department"] == "河西区教育局" and rec["overall"]["actual"] == 702.15


def test_a_cell_carrying_its_unit(tmp_path):
    text = (TITLE + "\n部门整体支出情况\n项目\n年初预算数\n全年预算数\n全年执行数\n执行率\n"
            "年度资金总额\n1,204.5万\n1,310万\n1,298.62万\n99.13%\n一、部门概况\n")
    rec = rec_of(tmp_path, text)
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual) == (
        D("1204.5"), D("1310"), D("1298.62"))


def test_a_sharing_sites_numbered_chunks_join_where_they_cut_a_figure(tmp_path):
    text = ("青岚市红十字会整体支出绩效评价报告.docx\n"
            "《青岚市红十字会整体支出绩效评价报告.docx》由会员分享,可在线阅读,更多相关《青岚市红十字会整体支出绩效评价报告.docx(6页珍藏版)》请在某某文库上搜索。\n\n"
            "1、2022年度青岚市红十字会整体支出绩效评价报告一、部门概况本会内设办公室和赈济救护科两个科室,负责全市红十字工作。"
            "二、部门整体支出情况2022年度年初预算612.3\n\n"
            "2、5万元,全年预算640.10万元,实际支出633.82万元,预算执行率99.02%。三、存在的问题部分项目进度滞后,资金支付集中在年底,影响执行均衡性。\n")
    doc = doc_of(tmp_path, text)
    assert any("年初预算612.35万元,全年预算640.10万元" in line for line in doc.lines())
    assert not any(line.startswith("2、5万元") for line in doc.lines())


def test_numbered_items_of_an_ordinary_page_are_not_chunks(tmp_path):
    text = (TITLE + "\n1、预算编制方面,部分项目前期论证不够充分,年中追加调整较多,年初预算与实际执行存在差距,需要进一步改进完善。\n"
            "2、资金使用方面,部分专项资金支出进度不均衡,下半年特别是第四季度支出较为集中,需要加强全年资金调度。\n")
    lines = doc_of(tmp_path, text).lines()
    assert lines[1].startswith("1、预算编制") and lines[2].startswith("2、资金使用")


# --- links to other pages: another page's title is never this page's -------------------------
OWN_TITLE = "2023年度部门整体支出绩效自评报告"


@pytest.mark.parametrize("lines, chrome, content", [
    (["首页 > 政务公开 > 财政预决算", "上一篇：临江县农业农村局2022年度部门整体支出绩效自评报告",
      "下一条 临江县商务局2023年度部门决算公开", OWN_TITLE, "一、部门概况"],
     ["首页 > 政务公开 > 财政预决算", "上一篇：临江县农业农村局2022年度部门整体支出绩效自评报告",
      "下一条 临江县商务局2023年度部门决算公开"],
     [OWN_TITLE, "一、部门概况"]),
    (["【热门文章】", "临江县农业农村局2022年度部门整体支出绩效自评报告", "临江县商务局2023年度部门决算公开",
      "临江县图书馆" + OWN_TITLE, "发布日期：2024-06-03", "一、部门概况"],
     ["【热门文章】", "临江县农业农村局2022年度部门整体支出绩效自评报告", "临江县商务局2023年度部门决算公开",
      "发布日期：2024-06-03"],
     ["临江县图书馆" + OWN_TITLE, "一、部门概况"]),
    (["临江县图书馆" + OWN_TITLE, "发布日期：2024-06-03", "推荐阅读", "临江县商务局2023年度部门整体支出绩效自评报告",
      "一、部门概况"],
     ["发布日期：2024-06-03", "推荐阅读", "临江县商务局2023年度部门整体支出绩效自评报告"],
     ["临江县图书馆" + OWN_TITLE, "一、部门概况"]),
    ([OWN_TITLE, "一、部门概况", "本馆内设科室3个。", "临江县图书馆", "2024年3月8日", "相关阅读：",
      "临江县商务局2022年度部门整体支出绩效自评报告（实际支出412.30万元） 2023-04-11", "下一篇：没有了",
      "网站地图 | 联系我们"],
     ["相关阅读：", "临江县商务局2022年度部门整体支出绩效自评报告（实际支出412.30万元） 2023-04-11", "下一篇：没有了",
      "网站地图 | 联系我们"],
     [OWN_TITLE, "一、部门概况", "本馆内设科室3个。", "临江县图书馆", "2024年3月8日"]),
], ids=["prev-next-above-the-title", "sidebar-running-into-the-title", "list-after-the-title", "list-at-the-foot"])
def test_links_to_other_pages_are_chrome(lines, chrome, content):
    found, left = split_chrome(lines)
    assert found == chrome
    assert left == content


def test_a_list_word_inside_the_report_is_no_link_list():
    lines = [OWN_TITLE, "一、部门概况", "相关文章", "本馆全年举办讲座12场。", "二、预算执行情况", "实际支出86.20万元。"]
    assert split_chrome(lines) == ([], lines)


def test_a_report_naming_no_unit_takes_none_from_links_around_it(tmp_path):
    text = ("首页 > 政务公开 > 预决算公开\n上一篇：临江县农业农村局2022年度部门整体支出绩效自评报告\n" + OWN_TITLE + "\n"
            "发布机构：临江县财政局\n一、部门整体支出情况\n我单位年初预算64.20万元，实际支出63.10万元。\n"
            "相关链接：\n临江县商务局2022年度部门决算：支出合计70.50万元\n")
    rec = rec_of(tmp_path, text)
    assert (rec.department, rec.year) == (None, 2023)
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("64.2"), D("63.1"))


@pytest.mark.parametrize("header", ["年初预算\n调整后预算\n实际支出\n执行率\n", "年初预算\n调整后\n预算\n实际支出\n执行率\n"])
def test_cells_of_a_header_then_a_row_with_no_label(tmp_path, header):
    """Header cells then value cells, no row label: the last name (执行率) heads a column, it is not the
    row's label (a rate column never takes 226.40 while 98.31% lands under 实际支出); the row is the
    heading's block's."""
    text = (TITLE + "\n一、部门整体支出情况\n" + header + "226.40\n260.00\n255.60\n98.31%\n二、自评结论\n"
            "自评得分93分，等级为优。\n")
    (table,) = doc_of(tmp_path, text).tables
    assert table.rows == [["", "年初预算", "调整后预算", "实际支出", "执行率"], ["", "226.40", "260.00", "255.60", "98.31%"]]
    rec = rec_of(tmp_path, text)
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual, rec.overall.completion_rate) == (
        D("226.40"), D("260.00"), D("255.60"), D("98.31"))


@pytest.mark.parametrize("values", ["226.40\n255.60\n98.31%\n", "260.00\n255.60\n97.10%\n"])
def test_cells_of_a_header_then_one_cell_fewer_give_no_money_column(tmp_path, values):
    """Four names, three values (an empty cell dropped): which money cell is missing nothing says, so no
    money figure is read (not 年初预算 ← the first, 调整后预算 ← the second); the one rate is the rate's."""
    text = (TITLE + "\n一、部门整体支出情况\n年初预算\n调整后预算\n实际支出\n执行率\n" + values + "二、自评结论\n"
            "自评得分93分，等级为优。\n")
    rec = rec_of(tmp_path, text)
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual) == (None, None, None)
    assert rec.overall.completion_rate == D(values.split("\n")[2].rstrip("%"))
