"""Layouts a third look at the perturbation hunt misread: a column header cut across two lines, a one-cell-per-line
form whose row lost a cell, bare numbers under a section's unit after a part's own amount. Our own words and figures."""
from decimal import Decimal as D

import pytest

from perflib.pipeline import read_record
from understand.helpers_understand import read_report as read


# An untitled page opening on a basic-data form whose header line a PDF's wrap cut inside its last column.
FORM = ("附件2: 部门整体支出绩效评价基础数据表 填报单位: 单位:万元\n"
        "经费控制情况 2020年决算数 2021年预算数 {cut}三公经费 12.50 20.00 18.40\n"
        "本单位2021年预算执行情况良好，全年实际支出896.50万元，预算执行率98.60%。\n")


@pytest.mark.parametrize("cut", ["2021年决算数 ", "2021年决\n算数", "2021\n年决算数", "2021年\n决算数"])
def test_a_header_cut_inside_its_last_column_gives_that_columns_year(tmp_path, cut):
    assert read(tmp_path, FORM.format(cut=cut)).year == 2021


def test_a_years_columns_with_no_spending_column_give_no_year_from_the_header(tmp_path):
    # (a line ending on a year that no spending column follows: nothing is rejoined)
    text = ("附件2: 部门整体支出绩效评价基础数据表\n经费控制情况 2020年决算数 2021年预算数 2021\n年度合计 12.50 20.00\n")
    assert read(tmp_path, text).year == 2020  # (the one spending column's, as before: no column of 2021 is 决算)


# A national form one cell per line: 年初 / 预算数 / 全年预算数 / 全年 / 执行数 / … over a row of values.
HEAD = ("岭南县林业局2021年度部门整体支出绩效自评表\n"
        "年度预\n算申请\n(万元)\n年初\n预算数\n全年预算数\n全年\n执行数\n分值\n执行率\n得分\n年度资金总额\n")


def test_a_one_cell_per_line_form_reads_its_row_when_every_cell_is_there(tmp_path):
    rec = read(tmp_path, HEAD + "1200.00万元\n1250.00万元\n1180.00万元\n10\n94.40%\n9.4\n")
    assert (rec.overall.initial_budget, rec.overall.adjusted_budget, rec.overall.actual) == \
        (D("1200.00"), D("1250.00"), D("1180.00"))


@pytest.mark.parametrize("odd_cell", ["百分之94.4", "较好"])
def test_a_one_cell_per_line_form_whose_row_lost_a_cell_is_not_read_shifted(tmp_path, odd_cell):
    # a cell that reads as no value splits the row: the header's last names over the first values gave the budget as
    # the spending (全年 + 执行数 ← 1250.00); no column is known, so nothing is read from the row
    rec = read(tmp_path, HEAD + f"1200.00万元\n1250.00万元\n1180.00万元\n10\n{odd_cell}\n9.4\n")
    assert rec.overall.actual in (None, D("1180.00"))
    assert rec.overall.initial_budget in (None, D("1200.00"))
    assert rec.overall.adjusted_budget in (None, D("1250.00"))


# "单位：万元" stated once above, bare numbers below.
UNIT_TITLE = "岭南县水务局2022年度部门整体支出绩效自评报告\n二、部门预算执行情况（单位：万元）\n"


def test_spending_well_past_a_parts_bare_figure_is_not_the_parts(tmp_path):
    rec = read(tmp_path, UNIT_TITLE + "2022年年初预算860.00。项目支出 | 350.00;2022年全年实际支出842.36;\n")
    assert rec.projects.actual is None


def test_spending_within_reach_of_a_parts_bare_figure_is_still_the_parts(tmp_path):
    rec = read(tmp_path, UNIT_TITLE + "2022年年初预算860.00。项目支出350.00；全年实际支出338.10。\n")
    assert rec.projects.actual == D("338.10")


# Rows of a label and its figure apart by a tab: a Word or Excel table copied as text.
TITLE = "岭南县水务局2022年度部门整体支出绩效自评报告\n二、部门预算执行情况\n"


def test_rows_of_a_label_and_figure_apart_by_tabs_are_not_the_units(tmp_path):
    # (read as prose they gave the projects' adjusted budget and rate to the unit, and its own spending was withheld)
    rec = read(tmp_path, TITLE + "2022年年初预算860.00万元，全年实际支出842.36万元。\n其中项目支出情况如下：\n"
                                 "年初预算\t360.00万元\n调整后预算\t380.00万元\n预算执行率\t92.11%\n")
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("860.00"), D("842.36"))
    assert rec.overall.adjusted_budget is None and rec.overall.completion_rate is None


def test_a_tab_row_under_a_parts_heading_does_not_give_the_part_the_wholes_spending(tmp_path):
    rec = read(tmp_path, TITLE + "（一）基本支出情况\n2022年财政安排资金共\t157.71万元,\n实际支出\t157.71万元。\n"
                                 "其中基本支出\t148.26万元,\n")
    assert rec.basic.actual in (None, D("148.26"))


def test_a_clause_cut_by_a_tab_is_still_read(tmp_path):
    rec = read(tmp_path, TITLE + "2022年年初预算860.00万元，全年实际支出842.36万元。\n三、自评结论\n"
                                 "经自评，本部门整体支出绩效自评得分\t93.5分，评价等级为优。\n")
    assert rec.score == D("93.5")


def test_a_forms_bare_department_field_copied_with_a_tab_names_the_unit(tmp_path):
    rec = read(tmp_path, "部门整体支出绩效自评表\t\t\t\n(2023年度)\t\t\t\n部门\t岭南县茶谷和美丽乡村建设服务中心\t\t\n"
                         "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\n年度资金总额\t329.77\t329.77\t318.31\n")
    assert rec.department == "岭南县茶谷和美丽乡村建设服务中心"


def test_digits_a_wrap_left_before_the_title_do_not_hide_its_unit(tmp_path):
    # (a chrome line "[ 发布日期 ] 202" ⏎ "2-04-13" cut by a wrap, its rest joined onto the title)
    path = tmp_path / "r.txt"
    path.write_text("2-04-13022-00009岭南县商务委员会2021年度部门整体支出绩效自评报告\n一、预算执行情况\n"
                    "2021年年初预算1304.23万元，全年实际支出1295.55万元。\n", encoding="utf-8")
    rec = read_record(path)
    assert (rec.department, rec.year) == ("岭南县商务委员会", 2021)


def test_a_line_inside_a_cited_notice_is_no_title():
    # (the citing sentence cut across lines: the notice's issuer and year are not a title's)
    from perflib.understand.who import _titles
    head = ["岭南县住建局2021年度整体绩效评价报告", "根据《中华人民共和国预算法》、《",
            "岭南县财政局关于开展2021年度财政支出绩效自评工作的通知》(", "岭财绩[2022]2号)精神,我局进行了绩效自评。"]
    assert _titles(head) == [(0, "岭南县住建局", 2021)]


def test_a_titles_leading_code_is_passed_over_but_not_a_period_of_years():
    from perflib.understand.who import _title_match
    m = _title_match("411001-岭南县贯塘乡人民政府2023年部门整体支出绩效自评报告")
    assert (m["dept"], m["year"]) == ("岭南县贯塘乡人民政府", "2023")
    m = _title_match("2-04-13022-00009岭南县商务委员会2021年度部门整体支出绩效自评报告")
    assert (m["dept"], m["year"]) == ("岭南县商务委员会", "2021")
    m = _title_match("2021年度岭南县商务委员会部门整体支出绩效自评报告")  # (a title's year is no code)
    assert (m["dept"], m["year"], m["dept2"]) == ("", "2021", "岭南县商务委员会")


@pytest.mark.parametrize("budget", ["2025年预算安排888.88万元。", "2023年年初预算为650.00万元。"])
def test_the_spending_sentences_year_beats_a_budget_above_it_among_other_years(tmp_path, budget):
    # (an untitled fragment: the paragraph stating the spending names other years in other sentences, and "较大" is
    # no comparison)
    path = tmp_path / "r.txt"
    path.write_text(f"7.满意度指标:参保人员满意度达到99.00%。{budget}\n(二)项目支出绩效自评结果。\n"
                    "自评发现的主要问题:一是2024年部门年初预算1022.89万元,全年执行数1017.21万元,预算调整率较大。"
                    "二是2023年公务员医疗补助335.27万元不列入年初预算。\n", encoding="utf-8")
    rec = read_record(path)
    assert rec.year == 2024
    assert rec.overall.initial_budget in (None, D("1022.89"))


def test_this_years_spending_below_a_budget_planned_ahead_gives_the_year(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("（二）部门整体支出情况\n2018年收、支总计1483.5万元,比上年增加555.92万元。\n"
                    "2020年部门预算安排888.88万元，其中基本支出555.55万元，项目支出333.33万元。\n"
                    "原因主要是:新建办公用房,资产增加。\n2018年本年支出1366.23万元,其中基本支出802.21万元,占本年支出的58.72%;"
                    "项目支出564.01万元,占本年支出的41.28%。\n",
                    encoding="utf-8")
    assert read_record(path).year == 2018


# A site's list of links to other reports before the page's own text (a sidebar, "相关文章").
LINKS = "相关文章：\n岭北县农业农村局2022年度部门整体支出绩效自评报告\n岭东县教育委员会2023年度部门整体支出绩效评价报告\n"
BODY = ("一、部门基本情况\n（一）部门职能。区教育局是主管本区教育事务的政府工作部门。\n"
        "2023年度部门整体支出年初预算数为51,800.00万元，全年执行数为53,437.44万元。\n")


def test_the_pages_own_title_under_a_list_of_links_stays_its_title(tmp_path):
    rec = read(tmp_path, LINKS + "\n示例市青川区教育局2023年度部门整体支出绩效自评报告\n（2023年度）\n" + BODY)
    assert (rec.department, rec.year) == ("示例市青川区教育局", 2023)


def test_the_last_link_of_a_list_over_a_page_with_no_title_is_not_its_title(tmp_path):
    body = ("一、部门基本情况\n（一）部门概况\n岭南县红十字会是从事人道工作的社会救助群众团体。\n"
            "（二）部门预决算情况\n2021年度岭南县红十字会批复支出预算1824.15万元，实际执行支出1711.15万元，预算执行率为93.81%。\n")
    rec = read(tmp_path, LINKS.replace("2022", "2020").replace("2023", "2020") + "\n" + body)
    assert rec.department != "岭东县教育委员会" and rec.year == 2021


def test_an_html_pages_title_among_its_sidebars_links_is_its_own(tmp_path):
    path = tmp_path / "r.html"
    path.write_text("<html><head><title>岭南县图书馆2023年部门整体支出绩效自评报告_岭南县人民政府</title></head><body>"
                    "<div>网站首页 政务公开 互动交流</div><div><h4>相关文章</h4><ul>"
                    "<li>岭南县文化和旅游局2023年度部门整体支出绩效自评报告</li><li>岭南县档案馆2023年度部门整体支出绩效自评报告</li>"
                    "</ul></div><div><p>岭南县图书馆2023年部门整体支出绩效自评报告</p>"
                    "<p>一、部门基本情况</p><p>本馆是公益性文化事业单位，2023年年初预算320.00万元，全年实际支出315.50万元，"
                    "预算执行率98.59%。</p></div></body></html>", encoding="utf-8")
    rec = read_record(path)
    assert (rec.department, rec.year) == ("岭南县图书馆", 2023)


def test_links_at_the_foot_of_a_text_cut_into_pages_are_not_its_title(tmp_path):
    text = ("一、部门基本情况\n岭南县红十字会是从事人道工作的社会救助群众团体。\n- 1 -\n（二）部门预决算情况\n"
            "2021年度岭南县红十字会批复支出预算1824.15万元，实际执行支出1711.15万元，预算执行率为93.81%。\n- 2 -\n\n"
            "上一篇：岭东县商务委员会2021年度部门整体支出绩效自评报告\n下一篇：岭北县民政局2020年度部门整体支出绩效自评报告\n")
    rec = read(tmp_path, text)
    assert rec.department != "岭东县商务委员会"
    assert rec.overall.actual == D("1711.15")


def test_markdown_marks_are_taken_off_a_text(tmp_path):
    rec = read(tmp_path, "# 岭南县财政局2020年度部门整体支出绩效评价报告\n## 一、单位基本概况\n"
                         "2020年，岭南县财政局年初预算**1,234.56万元**，全年实际支出1,200.00万元。\n")
    assert (rec.department, rec.overall.initial_budget) == ("岭南县财政局", D("1234.56"))


@pytest.mark.parametrize("stop", ["．", "｡", "."])
def test_a_sentence_stopped_by_a_point_ends_there(tmp_path, stop):
    # ("…共有8个支出项目，…按照年初预算执行．其中，审判业务年初预算数6万元…": one project's budget, not the projects')
    rec = read(tmp_path, TITLE + f"我院2018年共有8个支出项目,所有项目皆按照年初预算执行{stop}其中,审判业务年初预算数6万元,"
                                 "年末结算支出6万元。\n")
    assert rec.projects.initial_budget is None


def test_a_point_in_a_number_or_a_numbering_is_no_stop():
    from perflib.read.normalize import fold_chars
    assert fold_chars("一.基本情况 12．5万元 附件1.docx 执行完毕.") == "一.基本情况 12.5万元 附件1.docx 执行完毕。"


def test_renminbi_before_a_parts_amount(tmp_path):
    rec = read(tmp_path, TITLE + "2022年决算总支出人民币30,969.07万元，其中基本支出人民币370.48万元，项目支出人民币30,598.58万元。"
                                 "年初预算支出完成率100%。\n")
    assert (rec.basic.actual, rec.projects.actual) == (D("370.48"), D("30598.58"))
    assert rec.projects.completion_rate is None


def test_a_pages_opening_on_one_line_is_split_at_its_headings_after_a_sentence():
    from perflib.read.normalize import split_glued
    line = ("岭南县江池镇人民政府贯彻执行党的路线方针政策，推动乡村振兴。" * 8 + "江池镇在2023年开展了农村公路养护等102个项目。"
            "(二)部门资金情况。2023年度岭南县江池镇年初预算1848.31万元,全年(调整)预算数3587.78万元。一、绩效评价")
    assert "(二)部门资金情况\n2023年度岭南县江池镇年初预算1848.31万元" in split_glued(line)  # (the heading, its 。 off)
    listing = "主要职责是：（一）负责全镇农村公路养护；（二）负责农田水利建设。" * 12
    assert split_glued(listing) == listing  # (a sentence listing its items: one level, after ：and ；)


def test_a_final_accounts_page_on_one_line_is_not_a_department_report(tmp_path):
    from perflib.understand.kind import title_kind
    line = ("岭南县政务服务中心2023年度部门决算公开说明目 录第二部分 部门决算情况说明一、收入支出决算总体情况说明2023年度"
            "支出总计434.72万元,其中:本年支出合计434.16万元,基本支出400.00万元,项目支出34.16万元。" * 2)
    assert title_kind([line]) == "final_accounts"


def test_a_second_list_of_links_running_into_the_metadata_keeps_no_link_as_title(tmp_path):
    # (its last line is no title, "某表.docx": the report title above it is a link)
    text = (LINKS + "热点信息\n岭北县水利局2020年度部门整体支出绩效自评报告\n\n部门整体支出绩效自评表(4).docx\n\n"
            "上传人:王** 文档编号:292440 上传时间:2023-04-28 格式:DOCX 页数:15\n"
            "岭南县疾病预防控制中心2021年度部门整体支出绩效自评报告\n一、部门概况\n"
            "2021年年初预算2456.18万元，全年实际支出2401.30万元。\n")
    assert read(tmp_path, text).department != "岭北县水利局"


def test_a_list_of_links_stops_at_a_forms_cells(tmp_path):
    # (short lines are cells of the form under the page's title, no links: they stay the page's)
    path = tmp_path / "r.html"
    path.write_text("<html><body><div>网站首页 政务公开 互动交流</div><div><p>热点信息</p>"
                    "<p>岭东县教育委员会2022年度部门整体支出绩效评价报告</p><p>岭南县总工会2022年度部门整体支出绩效自评报告</p>"
                    "<p>项目</p><p>年初预算数</p><p>全年预算数</p><p>全年执行数</p><p>执行率</p><p>年度资金总额</p>"
                    "<p>620.00万元</p><p>640.00万元</p><p>622.50万元</p><p>97.27%</p>"
                    "<p>一、部门基本情况：岭南县总工会是全县工会工作的领导机关。</p></div></body></html>", encoding="utf-8")
    rec = read_record(path)
    assert rec.department == "岭南县总工会"
    assert rec.overall.actual == D("622.50")


def test_links_at_a_short_pages_foot_do_not_hide_its_title_under_the_links_above(tmp_path):
    text = (LINKS + "\n岭南县文化馆2024年整体支出绩效评价报告\n\n发布时间:2025-03-14 08:52 信息来源:岭南县文旅局\n\n"
            "一、部门概况\n岭南县文化馆是公益性文化事业单位。2024年年初预算320.00万元，全年实际支出315.50万元。\n\n"
            "相关文章：\n岭北县农业农村局2023年度部门整体支出绩效自评报告\n岭东县教育委员会2024年度部门整体支出绩效评价报告\n")
    assert read(tmp_path, text).department == "岭南县文化馆"


def test_a_link_split_over_two_lines_is_not_the_pages_title_by_its_generic_words(tmp_path):
    # ("2021年度部门整体支出绩效自评报告" names no unit: that the body says 部门 makes it no title of the page's)
    text = ("热点信息\n岭北县农业农村局\n2021年度部门整体支出绩效自评报告\n\n"
            "根据省财政厅要求，我厅认真开展了2022年度部门整体支出绩效自评工作，部门整体支出年初预算860.00万元，"
            "全年实际支出842.36万元。\n一、部门概况\n")
    assert read(tmp_path, text).year != 2021


def test_the_pages_title_set_apart_below_its_links_is_its_own_though_its_body_never_names_it(tmp_path):
    # (a 决算 page saying only 本单位: its title after a blank line under the links, which stand line after line)
    text = ("相关文章：\n岭北县农业农村局2022年度部门整体支出绩效自评报告\n岭东县教育委员会2023年度部门整体支出绩效评价报告\n\n"
            "岭南县联升中心小学2023年度决算公开报告\n一、部门基本情况\n本单位负责管理全校教学工作。\n二、单位决算情况说明\n"
            "2023年度支出合计697.38万元，其中：基本支出676.03万元，项目支出21.35万元。\n")
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    rec = read_record(path)
    assert (rec.department, rec.kind) == ("岭南县联升中心小学", "final_accounts")


def test_a_reports_title_run_onto_an_empty_metadata_field_stays_the_pages(tmp_path):
    text = ("• 索引号 • 79518791-2-/2022-0713018 • 发布机构 • 岭南县文化和旅游局 • 发布日期 • 2022-07-13 • 主题词 "
            "岭南县图书馆2021年度部门整体支出绩效自评报告\n一、部门基本情况\n主要职能：本馆属公益性文化事业单位。"
            "主管部门为岭南县文化和旅游局。\n2021年年初预算185.00万元，全年实际支出325.89万元。\n")
    assert read(tmp_path, text).department == "岭南县图书馆"


# The review's inputs: a site's lists of links over the page of 岭南县林业局 (its own title last, 发布时间 under it).
SITE = "首页 | 政务公开 | 政策文件 | 互动交流\n当前位置：首页 > 政务公开 > 财政信息\n"
META = "发布时间：2022-05-10 来源：岭南县林业局 浏览次数：128\n"
FORESTRY = ("一、部门基本情况\n岭南县林业局内设办公室等5个股室，编制人数28人。\n二、部门整体支出情况\n"
            "根据县财政局《关于开展2021年度部门整体支出绩效自评工作的通知》要求，我局对2021年度部门整体支出开展了自评。"
            "2021年年初预算612.40万元，调整后预算650.10万元，全年实际支出638.52万元，预算执行率98.22%。\n")


@pytest.mark.parametrize("links, own", [
    # the page's title names no report word at its end; the finance bureau's report among the links
    ("相关文章\n岭南县教育局2021年度部门整体支出绩效自评报告\n岭南县财政局2021年度部门整体支出绩效自评报告\n",
     "岭南县林业局2021年度部门整体支出绩效自评情况\n"),
    # short lines in the list: "更多>>", a heading of another list, a date under each link
    ("热点信息\n岭南县召开2022年财政工作会议\n更多>>\n图片新闻\n岭南县财政局2021年度部门整体支出绩效自评报告\n",
     "岭南县林业局2021年度部门整体支出绩效自评报告\n"),
    ("相关文章\n岭南县财政局2021年度部门整体支出绩效自评报告\n05-12\n岭南县教育局2021年度部门整体支出绩效自评报告\n05-11\n",
     "岭南县林业局2021年度部门整体支出绩效自评报告\n"),
])
def test_the_pages_own_title_ends_a_list_of_links_over_its_metadata(tmp_path, links, own):
    rec = read(tmp_path, SITE + links + own + META + FORESTRY)
    assert (rec.department, rec.year) == ("岭南县林业局", 2021)


def test_a_project_report_under_links_to_department_reports_stays_a_projects(tmp_path):
    links = "相关文章\n岭南县财政局2021年度部门整体支出绩效自评报告\n05-12\n岭南县林业局2021年度部门整体支出绩效自评报告\n05-11\n"
    body = ("一、项目基本情况\n森林防火项目由岭南县林业局实施。\n二、项目资金情况\n"
            "项目年初预算45.00万元，调整后预算48.00万元，实际支出44.20万元，执行率92.08%。\n")
    rec = read(tmp_path, SITE + links + "岭南县林业局2021年度森林防火项目支出绩效自评报告\n" + META + body)
    assert rec.kind == "project"


def test_the_last_link_of_a_titleless_page_is_not_its_title_though_the_body_cites_that_unit(tmp_path):
    # (every report names the finance bureau that organised its evaluation; the link is another year's too)
    links = "相关文章\n岭南县教育局2021年度部门整体支出绩效自评报告\n岭南县财政局2020年度部门整体支出绩效自评报告\n\n"
    rec = read(tmp_path, SITE + links + FORESTRY)
    assert rec.department != "岭南县财政局" and rec.year == 2021


@pytest.mark.parametrize("spending", ["全年实际支出801.72万元，预算执行率95.84%，2022年将继续加强预算执行管理。",
                                      "根据2022年初报送的部门决算报表，全年实际支出801.72万元，执行率95.84%。"])
def test_a_later_year_beside_the_spending_is_no_budget_year(tmp_path, spending):
    text = ("一、部门基本情况\n岭南县农业农村局内设7个股室。\n二、部门预算安排情况\n"
            "2021年度部门预算总额836.50万元，其中基本支出512.30万元，项目支出324.20万元。\n三、部门预算执行情况\n"
            + spending + "\n")
    assert read(tmp_path, text).year == 2021


def test_a_glued_parts_heading_heads_the_parts_figures(tmp_path):
    line = ("根据县财政局工作安排，我局对2021年度部门整体支出开展了绩效自评，现将有关情况报告如下。一、部门整体支出情况。"
            + "岭南县林业局内设办公室、资源管理股等5个股室，主要承担全县林业资源保护、造林绿化、森林防火等职能。" * 2
            + "（一）项目支出情况。年初预算180.00万元，调整后预算230.00万元，全年实际支出220.32万元，预算执行率95.79%。"
            "（二）基本支出情况。年初预算432.40万元，全年实际支出418.20万元。")
    rec = read(tmp_path, "岭南县林业局2021年度部门整体支出绩效自评报告\n" + line + "\n")
    assert rec.overall.actual is None and rec.overall.initial_budget is None
    assert rec.projects.actual in (None, D("220.32")) and rec.basic.actual in (None, D("418.20"))
