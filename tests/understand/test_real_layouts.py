"""Issue 17, the understanding side: the families of real published pages, each reproduced in our
own words and figures — who and which year, totals under other headings, revenue beside spending,
the arithmetic as evidence, task funds, kinds, the self-evaluation inside a 决算, the national
自评表 in every grid format."""
import json
from decimal import Decimal as D

import pytest

from perflib.cli import main
from perflib.model import Source
from perflib.errors import NotAReport
from perflib.pipeline import read_record, require_budget_figure
from perflib.read.document import Document, Paragraph, Table
from perflib.understand.parse import parse_document
from perflib.understand.kind import title_kind
from perflib.understand.who import choose, Candidate, consistent, reads_as_org

from corpus import LEFT, UP
from fixtures_files import MERGE_LEFT, MERGE_UP, write_docx, write_html, write_pdf, write_pdf_table, write_txt, write_xls, write_xlsx
from understand import national_form as nf
from understand.helpers_understand import FIXTURES, fields, parse, parse_fixture, unread_amounts

TITLE = "示例临江县档案馆2022年度部门整体支出绩效自评报告"


def doc(*blocks, chrome=()) -> Document:
    """A Document as a reader (and the layout step) gives it: content blocks, chrome apart."""
    return Document(Source("t.html", "html", "utf-8", ""), [Paragraph(b) if isinstance(b, str) else b for b in blocks],
                    chrome=[Paragraph(c) for c in chrome])


# --- who -------------------------------------------------------------------------------------
def test_title_split_by_spaces_and_a_line_break_gives_the_full_name():
    rec = parse("示例青岚市河西区人民政府东湖街道办事处 2022 部门整体支出绩效评价报\n告\n"
                "东湖街道办事处对2022年度部门整体支出开展了绩效评价。\n一、部门概况\n本处内设 6 个科室。")
    assert (rec.department, rec.year) == ("示例青岚市河西区人民政府东湖街道办事处", 2022)


def test_a_prefixed_name_loses_its_prefix():
    rec = parse("部门整体支出绩效自评表\n（2022年度）\n名称:示例临江县第二中学\n一、说明\n本表由学校填报。", paragraphs=True)
    assert rec.department == "示例临江县第二中学"


def test_a_heading_fragment_is_never_the_department_and_the_titled_name_is():
    rec = parse("2022年度部门（单位）整体支出 绩效自评报告\n来源:示例临江县妇联 作者:示例临江县人民政府\n"
                "2022年度示例临江县妇女联合会部门（单位）整体支出绩效自评报告\n一、部门（单位）基本情况\n本会无内设机构。",
                paragraphs=True)
    assert (rec.department, rec.year) == ("示例临江县妇女联合会", 2022)


def test_a_bare_place_is_never_the_department():
    rec = parse("示例河西区2021年度部门整体支出绩效自评报告\n一、部门概况\n本部门内设 3 个科室。", paragraphs=True)
    assert rec.department is None


@pytest.mark.parametrize("name", ["作者", "来源", "部门（单位）整体支出", "示例河西区", "本局", "办公室", "单位名称"])
def test_what_does_not_read_as_an_organisation(name):
    assert not reads_as_org(name)


@pytest.mark.parametrize("name", ["示例临江县档案馆", "示例河西区第一中学", "示例青石镇卫生院", "示例临江县红十字会",
                                  "示例青岚市消防救援支队", "示例东湖街道办事处", "示例临江县农业技术推广站"])
def test_what_reads_as_an_organisation(name):
    assert reads_as_org(name)


def test_the_fullest_consistent_name_wins_and_an_inconsistent_one_does_not():
    assert consistent("青石镇政府", "示例临江县青石镇人民政府")
    assert consistent("河西区商务委", "示例青岚市河西区商务委员会")
    assert not consistent("示例政协青岚市委员会办公室", "青岚市政协委员会")
    assert not consistent("示例临江县档案馆", "详细信息示例临江县档案馆")  # what is added is no place
    got = choose([Candidate("示例政协青岚市委员会办公室", "title"), Candidate("青岚市政协委员会", "chrome")])
    assert got == "示例政协青岚市委员会办公室"


def test_a_short_form_name_takes_the_full_name_the_form_cell_states():
    rec = parse("单位名称:青石镇政府 填报日期:2021.5.18\n单位名称 | 示例临江县青石镇人民政府 | ||||||||\n"
                "部门整体支出绩效自评表\n一、说明\n本表由镇政府填报。", paragraphs=True)
    assert rec.department == "示例临江县青石镇人民政府"
    assert rec.year is None  # 填报日期 is no budget year: none stated, none inferred


def test_the_name_from_the_chrome_completes_a_short_title():
    d = doc("档案馆2021年度部门整体支出绩效自评报告", "一、部门概况", "本馆内设 4 个科室。",
            chrome=["发布机构：示例青岚市东湖区档案馆", "发布日期：2022-05-10"])
    assert parse_document(d).department == "示例青岚市东湖区档案馆"


def test_chrome_alone_names_the_unit_but_never_a_finance_bureau_publishing_it():
    named = doc("2021年度部门整体支出绩效自评报告", "一、部门概况", "本馆内设 4 个科室。",
                chrome=["来源：示例青岚市东湖区档案馆"])
    assert parse_document(named).department == "示例青岚市东湖区档案馆"
    published = doc("2021年度部门整体支出绩效自评报告", "一、部门概况", "本单位内设 4 个科室。",
                    chrome=["发布机构：示例青岚市财政局"])
    assert parse_document(published).department is None


def test_chrome_still_among_the_paragraphs_and_a_generic_title_naming_the_unit():
    rec = parse_fixture("page_with_metadata_block.txt")
    assert (rec.kind, rec.department, rec.year) == ("department", "示例临江县青石镇人民政府", 2022)


def test_the_first_sentence_names_a_unit_with_an_alias():
    rec = parse("一、部门基本情况\n（一）部门概况\n示例青岚市红十字会（以下简称“市红十字会”）成立于1952年，内设 3 个部室。\n"
                "（二）部门预决算情况\n2021年度市红十字会批复支出预算 824.15 万元，实际执行支出预算 811.15 万元，"
                "部门整体预算执行率为 98.42%。", paragraphs=True)
    assert (rec.department, rec.year) == ("示例青岚市红十字会", 2021)
    assert fields(rec.overall) == {"adjusted_budget": D("824.15"), "actual": D("811.15"), "completion_rate": D("98.42")}


def test_a_provincial_short_name_takes_its_province():
    rec = parse("一、部门基本情况\n根据《海南省青岚档案服务中心职能配置规定》，省青岚档案服务中心为省档案局所属事业单位。\n"
                "二、预算执行情况\n2022年度，中心实际支出 100.00 万元。", paragraphs=True)
    assert rec.department == "海南省青岚档案服务中心"


# --- the year ----------------------------------------------------------------------------------
def test_a_basic_data_table_with_last_years_column_first_is_this_years_report():
    table = Table([["项目", "2020年决算数", "2021年预算数", "2021年决算数"],
                   ["支出总额", "1274.38", "1342.49", "1342.49"]], title="经费控制情况（万元）")
    rec = parse_document(doc("示例临江县总工会部门整体支出绩效评价基础数据表", table))
    assert rec.year == 2021
    assert rec.overall.actual == D("1342.49")  # the 2021 决算 column, never the 2020 one


def test_a_basic_data_table_flattened_into_text_is_this_years_report():
    rec = parse("示例临江县总工会部门整体支出绩效评价基础数据表\n经费控制情况（万元）\n"
                "项目\t2020年决算数\t2021年预算数\t2021年决算数\n支出总额\t1274.38\t1342.49\t1342.49\n")
    assert rec.year == 2021


# --- totals under another heading, the arithmetic as evidence ------------------------------------
HEAD = f"{TITLE}\n一、部门概况\n本馆内设 4 个科室。\n"


def test_a_total_whose_parts_add_up_is_the_units_under_a_target_heading():
    rec = parse(HEAD + "（四）绩效目标设定情况\n2022年共支出812.40万元。其中，基本支出503.10万元，项目支出309.30万元。",
                paragraphs=True)
    assert (rec.overall.actual, rec.basic.actual, rec.projects.actual) == (D("812.40"), D("503.10"), D("309.30"))


def test_the_same_total_under_a_basic_heading_is_not_the_basic_block():
    rec = parse(HEAD + "二、部门整体支出情况\n（一）基本支出情况\n2022年共支出812.40万元。其中，基本支出503.10万元，"
                "项目支出309.30万元。", paragraphs=True)
    assert (rec.overall.actual, rec.basic.actual) == (D("812.40"), D("503.10"))


def test_a_total_followed_by_one_part_is_still_the_units():
    rec = parse(HEAD + "二、一般公共预算支出情况\n（一）基本支出情况\n2022年实际支出 157.71 万元。其中基本支出 148.26 万元，具",
                paragraphs=True)
    assert (rec.overall.actual, rec.basic.actual) == (D("157.71"), D("148.26"))


def test_a_revenue_worded_budget_split_into_initial_and_addition_is_the_units_budget():
    rec = parse(HEAD + "二、一般公共预算支出情况\n（一）基本支出情况\n2022年预算收入84.50万元,其中年初预算70.20万元,"
                "调整追加14.30万元。其他资金来源5.00万元。\n2022年支出89.50万元,其中基本支出89.50万元,项目支出0万元。",
                paragraphs=True)
    assert fields(rec.overall) == {"initial_budget": D("70.20"), "adjusted_budget": D("84.50"),
                                   "adjustment": D("14.30"), "actual": D("89.50")}
    assert (rec.basic.actual, rec.projects.actual) == (D("89.50"), D("0"))
    assert D("5.00") in unread_amounts(rec)  # a funding source


def test_an_inferred_figure_that_breaks_the_parts_identity_is_not_taken():
    rec = parse(HEAD + "二、部门整体支出情况\n部门整体实际支出 812.40 万元，项目支出实际支出 309.30 万元。\n"
                "（一）基本支出情况\n本年支出 600.00 万元。", paragraphs=True)
    assert rec.basic.actual is None
    assert D("600.00") in unread_amounts(rec)
    assert any("basic.actual: 600.00" in w and "基本支出 + 项目支出 = 部门整体" in w for w in rec.warnings)


def test_a_stated_figure_that_breaks_an_identity_is_kept_for_the_checks():
    rec = read_record(write_txt_tmp(HEAD + "二、部门整体支出情况\n部门整体实际支出 812.40 万元，基本支出实际支出 600.00 万元，"
                                    "项目支出实际支出 309.30 万元。"))
    assert rec.basic.actual == D("600.00")  # the report's slip, for the checks to say
    assert not any("not taken" in w for w in rec.warnings)


def test_a_bare_budget_is_the_adjusted_one_when_the_rate_is_based_on_it():
    rec = parse(HEAD + "二、预算执行情况\n2022年部门整体支出预算数 588.00 万元，实际支出 575.63 万元，执行率 97.90%。")
    assert (rec.overall.adjusted_budget, rec.overall.initial_budget) == (D("588.00"), None)


def test_a_bare_budget_without_a_rate_is_the_initial_budget_by_block():
    rec = parse(HEAD + "二、预算执行情况\n部门预算总金额 803.74 万元，其中：基本支出 757.49 万元，项目支出 46.25 万元。"
                "完成率均达到 100%。", paragraphs=True)
    assert (rec.overall.initial_budget, rec.basic.initial_budget, rec.projects.initial_budget) == (
        D("803.74"), D("757.49"), D("46.25"))


# --- revenue beside spending ----------------------------------------------------------------------
def test_revenue_is_never_spending_and_the_total_spending_with_its_parts_is():
    rec = parse(HEAD + "二、预算执行情况\n2022年收入预算2,326.45万元。支出预算2,326.45万元,其中:基本支出1,474.15万元;"
                "项目支出852.30万元。\n2022年收入决算数为3,582.02万元,其中一般公共预算财政拨款收入1,887.90万元。"
                "总支出决算数为3,583.79万元。其中:基本支出1,381.913万元,项目支出2,201.88万元;年末结转结余2.36万元。",
                paragraphs=True)
    assert rec.overall.actual == D("3583.79")
    assert (rec.basic.actual, rec.projects.actual) == (D("1381.913"), D("2201.88"))
    assert (rec.overall.initial_budget, rec.basic.initial_budget, rec.projects.initial_budget) == (
        D("2326.45"), D("1474.15"), D("852.30"))
    assert D("3582.02") in unread_amounts(rec)


def test_general_budget_basic_spending_under_a_basic_heading():
    rec = parse(HEAD + "二、部门整体支出管理及使用情况\n（一）基本支出\n2022年度一般公共财政拨款基本支出1076.17万元。其中:\n"
                "人员经费896.34万元，主要用于工资福利。\n公用经费179.83万元，主要用于办公费。", paragraphs=True)
    assert rec.basic.actual == D("1076.17")
    assert {D("896.34"), D("179.83")} <= unread_amounts(rec)


def test_per_block_figures_and_rates_in_yuan_are_converted_exactly():
    rec = parse(HEAD + "（二）部门整体支出规模\n示例临江县档案馆2022年度收入合计9470171.39元,支出合计7586456.33元,"
                "执行率为80.11%,其中:基本支出就5867100.39元,执行率达100.00%,项目支出1719355.94元,执行率达47.72%。",
                paragraphs=True)
    assert fields(rec.overall) == {"actual": D("758.645633"), "completion_rate": D("80.11")}
    assert fields(rec.basic) == {"actual": D("586.710039"), "completion_rate": D("100.00")}
    assert fields(rec.projects) == {"actual": D("171.935594"), "completion_rate": D("47.72")}
    assert D("947.017139") in unread_amounts(rec)


def test_procurements_budget_and_rate_are_not_the_units():
    rec = parse(HEAD + "二、部门整体支出情况\n部门2022年政府采购年初预算697.36万元,调整后预算772.44万元,年度采购合同金额"
                "757.23万元,当年政府采购执行率98.03%。", paragraphs=True)
    assert rec.overall.is_empty()


# --- tasks ----------------------------------------------------------------------------------------
def test_a_tasks_funds_are_the_amount_it_used_not_the_first_amount():
    rec = parse_fixture("page_with_metadata_block.txt")
    assert [t.funds for t in rec.tasks] == [D("86.50"), D("120.00")]
    assert D("318") in unread_amounts(rec)


# --- kinds ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,kind", [
    ("标题:\n一、项目概括\n（一）项目基本情况\n年初预算1086.95万元,资金到位率100%。", "project"),
    ("示例青岚市财政局关于2023年全区绩效评价结果情况的通报\n一、重点项目评价情况\n涉及财政资金847.18万元。", "other"),
    ("示例河西区东湖街道2022年预算整体绩效公开\n2022年部门（单位）整体绩效目标表\n区级支出预算总量 372.43 万元。", "other"),
    ("示例临江县农业农村局2022年部门整体绩效运行监控分析报告\n一、预算执行情况\n年初预算 500.00 万元。", "other"),
    ("(2021年度) | |||\n转移支付(项目)名称 | 重大疫病防治项目 |\n年度资金总额: | 81.54 | 81.54 | 100% |", "project"),
    ("2020年度县级专项资金绩效目标自评表\n专项资金名称 县级储备粮\n年度资金总额 194.90 194.90 100%", "project"),
    ("示例临江县水利局2021年度绩效自评报告\n一、基本情况\n年初预算 300.00 万元，实际支出 290.00 万元。", "department"),
    ("示例临江县水利局2021年度整体和项目支出绩效自评总结报告\n一、基本情况\n年初预算 300.00 万元。", "department"),
    ("一、部门基本情况\n（一）部门概况\n本会内设 3 个部室。\n（二）部门预决算情况\n2021年度部门整体实际支出 300.00 万元。",
     "department"),
])
def test_kinds_of_real_pages(text, kind):
    assert parse(text, paragraphs=True).kind == kind


def test_a_notice_with_figures_is_no_department_report():
    rec = parse("示例青岚市财政局关于2023年全区绩效评价结果情况的通报\n"
                "选取2个单位开展部门整体支出绩效评价，部门整体实际支出 2176.59 万元。", paragraphs=True)
    assert rec.kind == "other" and rec.has_budget_figure()
    with pytest.raises(NotAReport):  # exit 3
        require_budget_figure(rec, "n.txt")


# --- the self-evaluation inside a 决算 ------------------------------------------------------------
def test_a_final_accounts_disclosure_with_a_self_evaluation_section(capsys):
    rec = parse_fixture("final_accounts_with_self_evaluation.txt")
    assert (rec.kind, rec.department, rec.year) == ("department", "示例云溪县档案馆", 2022)
    assert rec.source.section == "一、部门整体支出绩效自评情况"
    assert fields(rec.overall) == {"initial_budget": D("560.00"), "adjusted_budget": D("605.00"),
                                   "actual": D("598.40"), "completion_rate": D("98.91")}
    assert rec.basic.is_empty() and rec.projects.is_empty()  # the 决算 part's figures are not the section's
    assert (rec.score, rec.rating) == (D("93.5"), "优")
    assert main(["parse", str(FIXTURES / "final_accounts_with_self_evaluation.txt")]) == 0
    assert json.loads(capsys.readouterr().out)["source"]["section"] == "一、部门整体支出绩效自评情况"


def test_a_final_accounts_disclosure_without_one_stays_final_accounts():
    rec = parse_fixture("final_accounts.txt")
    assert (rec.kind, rec.source.section) == ("final_accounts", None)


# --- the national 自评表 from every layout -------------------------------------------------------
def write_txt_tmp(text: str):
    import tempfile
    from pathlib import Path
    return write_txt(Path(tempfile.mkdtemp()) / "r.txt", text)


def _merged(grid):
    return [[MERGE_LEFT if c == LEFT else MERGE_UP if c == UP else c for c in row] for row in grid]


WRITERS = {
    "xlsx": lambda d: write_xlsx(d / "f.xlsx", [("自评表", nf.grid())]),
    "xls": lambda d: write_xls(d / "f.xls", [("自评表", nf.grid())]),
    "docx": lambda d: write_docx(d / "f.docx", blocks=[_merged(nf.grid())]),
    "html": lambda d: write_html(d / "f.html", [_merged(nf.grid())], title="部门整体支出绩效自评表"),
    "pdf": lambda d: write_pdf_table(d / "f.pdf", nf.grid()),
    "txt-tab": lambda d: write_txt(d / "f.txt", "\n".join(nf.text_rows("\t"))),
}


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_the_national_form_reads_the_same_from_every_layout(fmt, tmp_path):
    rec = read_record(WRITERS[fmt](tmp_path))
    assert (rec.kind, rec.department, rec.year) == ("department", nf.DEPARTMENT, nf.YEAR)
    for block, want in nf.expected().items():
        assert {f: getattr(rec.block(block), f) for f in want} == want, (fmt, block)
    assert (rec.budget_execution.weight, rec.budget_execution.score) == tuple(D(x) for x in nf.EXECUTION)
    assert (len(rec.indicators), rec.score, rec.rating) == (len(nf.INDICATORS), D(nf.TOTAL[1]), "优")
    status = {c.id: c.status for c in rec.checks}
    assert status["indicators.weights_total"] == status["indicators.score_total"] == "ok", rec.checks
    assert [t.text for t in rec.tasks] == ["完成馆藏档案数字化10万页；", "举办档案主题展览2场；", "接待查档利用3000人次。"]


def test_the_national_form_as_pipe_rows_reads_its_scores_tasks_and_rating(tmp_path):
    rec = read_record(write_txt(tmp_path / "f.txt", "\n".join(nf.text_rows(" | "))))
    assert (rec.budget_execution.weight, rec.budget_execution.score) == tuple(D(x) for x in nf.EXECUTION)
    assert (len(rec.indicators), rec.score, rec.rating, len(rec.tasks)) == (len(nf.INDICATORS), D(nf.TOTAL[1]), "优", 3)


def test_a_bare_adjusted_budget_column():
    table = Table([["项目", "年初预算数", "调整预算", "全年执行数", "执行率"],
                   ["年度资金总额", "64.80", "72.00", "70.56", "98.00%"]], title="部门整体支出绩效自评表（万元）")
    rec = parse_document(doc(TITLE, table))
    assert fields(rec.overall) == {"initial_budget": D("64.80"), "adjusted_budget": D("72.00"), "actual": D("70.56"),
                                   "completion_rate": D("98.00")}


def test_a_group_label_naming_the_budget_is_no_budget_column():
    table = Table([["年度预算数（万元）", "年初预算", "调整后预算数", "预算执行数", "预算执行率"],
                   ["年度资金总额", "410.25", "436.80", "430.12", "98.47%"]])
    rec = parse_document(doc(TITLE, table))
    assert fields(rec.overall) == {"initial_budget": D("410.25"), "adjusted_budget": D("436.80"),
                                   "actual": D("430.12"), "completion_rate": D("98.47")}


@pytest.mark.parametrize("header,initial", [("预算数(A)", None), ("2022年预算数", D("864.20"))])
def test_a_bare_budget_column_with_no_rate_is_the_initial_budget_only_when_it_is_the_years(header, initial):
    # no rate says which budget 预算数 is; "2022年预算数" is the budget set for the year
    table = Table([["项目", header, "执行数(B)"], ["年度资金总额", "864.20", "800.00"]], title="单位：万元")
    rec = parse_document(doc(TITLE, table))
    assert rec.overall.actual == D("800.00")
    assert rec.overall.initial_budget == initial and rec.overall.adjusted_budget is None


def test_the_units_figures_in_a_project_section_name_it_and_another_departments_word_does_not():
    rec = parse(HEAD + "（二）项目支出绩效自评结果\n1.项目绩效自评总体情况:我部门2022年度项目21个,项目支出总额656.93万元。\n"
                "2.自评发现的主要问题:一是2022 年部门年初预算 1022.89 万元,年中调整预算为 1781.86 万元,比年初预算增加 "
                "758.97 万元,全年执行数 1767.21 万元。\n3.根据财政部门批复，项目年初预算 120.00 万元。", paragraphs=True)
    assert fields(rec.overall) == {"initial_budget": D("1022.89"), "adjusted_budget": D("1781.86"),
                                   "adjustment": D("758.97"), "actual": D("1767.21")}
    assert D("656.93") in unread_amounts(rec)  # the projects' total, not the unit's spending
    assert rec.projects.initial_budget == D("120.00")


def test_the_exit_3_sentence_of_a_notice_with_figures_says_what_it_is():
    rec = parse("示例青岚市财政局关于2023年全区绩效评价结果情况的通报\n部门整体实际支出 2176.59 万元。", paragraphs=True)
    with pytest.raises(NotAReport, match="its title names another kind of page"):
        require_budget_figure(rec, "n.txt")


# --- round 3: more real pages (the layouts of pages found in the stored corpus, our words and figures) --
def test_a_section_label_spanning_the_rows_of_a_pipe_form(tmp_path):
    """"预算执行情况（10分） | 年度预算数（万元） | 年初预算 | …": flattened, every row under it lost the
    spanning first cell (and a row ends at its last cell with text); the rows are read aligned."""
    text = ("部门整体支出绩效自评表（2023年度） | ||||||||\n"
            "部门名称 | 示例松陵县档案馆 | ||||||||\n"
            "预算执行情况（10分） | 年度预算数（万元） | 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分 | 原因 | |\n"
            "总额 | 212.40 | 236.75 | 229.64 | 97.00% | 10 | 9.7 | 追加了档案修复经费 | ||\n"
            "其中：财政资金 | 212.40 | 236.75 | 229.64 | 97.00% | / | / | ||||\n"
            "其他资金 | / | / | ||||||\n")
    rec = read_record(write_txt(tmp_path / "f.txt", text))
    assert (rec.department, rec.year, rec.kind) == ("示例松陵县档案馆", 2023, "department")
    assert fields(rec.overall) == {"initial_budget": D("212.40"), "adjusted_budget": D("236.75"), "actual": D("229.64"),
                                   "completion_rate": D("97.00")}
    assert not [w for w in rec.warnings if "cells under" in w], rec.warnings
    assert "总额 × 预算执行数: 229.64" in rec.evidence["overall.actual"]


def test_a_row_short_of_a_figure_column_is_not_aligned_under_a_spanning_label(tmp_path):
    """Only the columns with no figure (权重, 得分, 原因) may be missing at a row's end: a row that would
    leave the rate's column empty is not guessed at."""
    text = ("部门整体支出绩效自评表（2023年度）\n部门名称 | 示例松陵县档案馆\n"
            "预算执行情况（10分） | 年度预算数（万元） | 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分\n"
            "总额 | 212.40 | 212.40 | 209.64\n")
    rec = read_record(write_txt(tmp_path / "f.txt", text))
    assert fields(rec.overall) == {}
    # (the row as written: a repeated cell is not merged away, as if one were lost)
    assert "table row '总额 | 212.40 | 212.40 | 209.64': 4 cells under 8 columns; not read" in rec.warnings


def test_a_name_ending_in_xiao_keeps_it():
    rec = parse("示例东岭镇中心校2024年度部门整体支出绩效自评报告\n一、基本情况\n2024年度全年支出98.00万元。")
    assert rec.department == "示例东岭镇中心校"


def test_the_units_name_with_its_seal_under_the_title():
    rec = parse("2019年度部门整体支出绩效自评报告\n示例清河县妇幼保健服务中心（盖章）\n为规范资金管理，开展了自评。",
                paragraphs=True)
    assert rec.department == "示例清河县妇幼保健服务中心"


def test_the_year_compared_with_is_not_the_reports_year():
    """A page with no title: its first paragraph about the budget names its year and the year it is
    compared with ("与2021年相比", "比2021年")."""
    rec = parse("2022年一般公共预算财政拨款支出520.30万元，与2021年相比减少36.20万元。\n"
                "公务接待费支出决算3.20万元，比2021年减少0.80万元。", paragraphs=True)
    assert rec.year == 2022


@pytest.mark.parametrize("sentence, kind", [
    ("现将2024年度示例北坪县公路事务中心整体支出绩效自评情况报告如下：", "department"),
    ("现将2024年度农村公路养护项目支出绩效自评情况报告如下：", "project"),
])
def test_a_page_with_no_title_says_what_it_reports(sentence, kind):
    rec = parse(f"评价年度：2024\n评价单位（公章）：示例北坪县公路事务中心\n"
                f"一、根据县财政局《关于做好2024年度县级财政资金绩效自评工作的通知》（北财绩〔2025〕3号）文件要求，"
                f"本单位及时部署，成立了自评工作小组，对照年初设定的绩效目标逐项开展了自评，{sentence}\n二、单位基本情况\n本中心负责县道养护。",
                paragraphs=True)
    assert rec.kind == kind


def test_a_shared_document_page_with_its_file_name_above_the_text_is_no_attachment_page():
    """A document-sharing page: the file's name (…自评表.docx), then the form's text run into one long
    line — in which words like 信息公开 are the form's, not the site's."""
    form = ("示例蚕桑卫生院整体支出绩效自评表（2021年度）评价部门名称示例南溪县蚕桑卫生院下属单位个数0"
            "整体支出规模全年预算数全年执行数执行率" + "预决算信息公开管理信息公开完善按规定公开已公开4" * 12)
    rec = parse(f"示例蚕桑卫生院整体支出绩效自评表.docx\n{form}", paragraphs=True)
    assert rec.kind != "attachment_only"


@pytest.mark.parametrize("body, parts", [
    # the year compared with does not carry over: the parts in the next sentence are this year's
    ("2022年全年支出651.38万元，与2021年相比减少42.16万元，主要是基建项目完工。其中：基本支出472.90万元，项目支出178.48万元。",
     {"basic": D("472.90"), "projects": D("178.48")}),
    # last year's total: its parts are last year's too
    ("2021年全年支出651.38万元。其中：基本支出472.90万元，项目支出178.48万元。", {}),
    # the parts of an increase add up to no figure of the unit's: not read as its parts
    ("2022年全年支出700.00万元，比2021年增加50.00万元。其中：基本支出增加30.00万元，项目支出增加20.00万元。", {}),
])
def test_the_parts_after_a_comparison_with_another_year(body, parts):
    rec = parse(f"2022年度示例南浦县妇幼保健服务中心部门整体支出绩效自评报告\n二、预算执行情况\n{body}")
    assert {b: rec.block(b).actual for b in ("basic", "projects") if rec.block(b).actual is not None} == parts


def test_a_sentence_ending_in_an_institution_word_is_no_title_name():
    """"为进一步规范…，根据…要求，我中心对2022年部门整体支出开展了绩效自评。" reads like a title up to
    "自评", but a clause of prose names no unit."""
    rec = parse("2022年度部门整体支出绩效自评报告\n示例南浦县妇幼保健服务中心（盖章）\n"
                "为进一步规范财政资金管理，提高资金使用效益，根据县财政局的通知要求，我中心对2022年部门整体支出开展了绩效自评。",
                paragraphs=True)
    assert rec.department == "示例南浦县妇幼保健服务中心"


def test_a_title_closed_by_a_bar_is_kept(tmp_path):
    """A page whose lines each end in " |" (a few only: no column of cells): the title is a line,
    not a dropped cell."""
    text = ("示例金沙县档案馆2023年度部门整体支出绩效自评报告 |\n"
            "来源:金沙县人民政府 作者: 时间:2024-05-21 点击率:【 打印 】【 关闭 】 |\n"
            "2023年年初预算100.00万元，全年预算120.00万元，全年支出110.00万元。\n")
    rec = read_record(write_txt(tmp_path / "f.txt", text))
    assert (rec.kind, rec.department, rec.year) == ("department", "示例金沙县档案馆", 2023)
    assert fields(rec.overall) == {"initial_budget": D("100.00"), "adjusted_budget": D("120.00"), "actual": D("110.00")}


def test_a_header_line_of_several_years_names_no_kind():
    """"2017年决算数 2018年预算数 2018年决算数": column headers of a data table, not a 决算's title (the
    form's own title, on its 附件 line, names the kind)."""
    header = "10% 经费控制情况 2017年决算数 2018年预算数 2018年决算数 三公经费 29.08 63.46 44.29"
    assert title_kind(["附件3: 部门整体支出绩效评价基础数据表 填报单位: 单位:万元 财政供养人员情况 编制数 控制率", header]) == "department"
    assert title_kind(["附件3：部门整体支出绩效评价基础数据表", header]) is None
    assert title_kind([header, "示例局2018年度部门决算"]) == "final_accounts"


@pytest.mark.parametrize("title, unit", [
    ("示例临江县东岭乡2022年度部门整体支出绩效自评报告", "示例临江县东岭乡"),  # a township is itself the unit
    ("东岭乡部门整体支出绩效自评报告\n（2022年度）", "东岭乡"),  # its year on the line below
    ("示例临江县2022年度部门整体支出绩效自评报告", None),  # a county's title names no one department
])
def test_a_title_naming_a_township(title, unit):
    assert parse(f"{title}\n一、基本情况\n全年支出98.00万元。").department == unit


def test_a_label_columns_own_header_ending_in_qingkuang_spans_nothing():
    """"资金情况 | 年初预算数 | …": the first header cell heads the row labels; a row that ends early
    (its last cells not given) is not shifted under it."""
    table = Table([["资金情况", "年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "得分"],
                   ["年度资金总额", "212.40", "236.75", "229.64", "97.00%", "10", "9.7"],
                   ["其中：基本支出", "180.00", "190.00", "188.10", "99.00%"]])
    rec = parse_document(doc(TITLE, table))
    assert fields(rec.overall) == {"initial_budget": D("212.40"), "adjusted_budget": D("236.75"), "actual": D("229.64"),
                                   "completion_rate": D("97.00")}
    assert fields(rec.basic) in ({}, {"initial_budget": D("180.00"), "adjusted_budget": D("190.00"),
                                      "actual": D("188.10"), "completion_rate": D("99.00")})


# --- what a review of the round-3 readings tried, kept from going wrong ---------------------------
def test_a_text_column_under_a_section_label_does_not_shift_the_figures(tmp_path):
    """"预算执行情况 | 资金来源 | 年初预算数 | …": the label column's header is a text column of the table,
    not the header of the rows' labels; short rows are not shifted (the rate is never an amount)."""
    text = ("示例北坪县农业农村局2023年度部门整体支出绩效自评表\n单位：万元 |\n"
            "预算执行情况（10分） | 资金来源 | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 | 分值 | 得分 | 偏差原因\n"
            "部门整体支出 | 财政拨款 | 610.00 | 640.00 | 626.00 | 97.81% | 10 | 9.8 | 追加防汛经费\n"
            "其中：基本支出 | 财政拨款 | 400.00 | 410.00 | 405.00\n项目支出 | 财政拨款 | 210.00 | 230.00 | 221.00\n")
    rec = read_record(write_txt(tmp_path / "f.txt", text))
    for block, (initial, adjusted, actual) in {"basic": ("400.00", "410.00", "405.00"),
                                               "projects": ("210.00", "230.00", "221.00")}.items():
        b = rec.block(block)
        assert b.completion_rate is None, (block, fields(b))
        assert (b.initial_budget, b.adjusted_budget, b.actual) in ((None, None, None), (D(initial), D(adjusted), D(actual)))


def test_a_zonge_row_of_a_list_of_projects_is_the_projects_total(tmp_path):
    text = ("示例北坪县农业农村局2023年度部门整体支出绩效自评报告\n三、项目支出情况\n"
            "项目名称 | 年初预算数 | 全年预算数 | 全年执行数 | 执行率\n"
            "农田水利维护 | 100.00 | 110.00 | 108.00 | 98.18%\n动物防疫 | 80.00 | 82.00 | 80.50 | 98.17%\n"
            "总额 | 180.00 | 192.00 | 188.50 | 98.18%\n")
    rec = read_record(write_txt(tmp_path / "f.txt", text))
    assert fields(rec.overall) == {}


@pytest.mark.parametrize("text, year", [
    # a bare 与 is "and": 2022 is no year compared with, nor the report's
    ("我局可支配资金由2022年结转资金与2023年部门预算两部分组成，全年预算860.00万元，全年支出850.00万元。", None),
    ("2023年全年预算860.00万元，全年支出850.00万元，与2022年相比增加20.00万元。", 2023),
    ("2023年全年预算860.00万元，全年支出850.00万元，较2022年增加20.00万元。", 2023),
])
def test_which_years_are_compared_with(text, year):
    rec = parse(f"示例北坪县林业局部门整体支出绩效自评报告\n一、预算执行情况\n{text}", paragraphs=True)
    assert rec.year == year
    assert rec.overall.actual == D("850.00")


@pytest.mark.parametrize("line", [
    "示例北坪会计师事务所有限公司（盖章）",  # a third party's seal on the cover: it evaluated the unit
    "坚持依法治校，规范办学行为，各项工作稳步推进。",  # a slogan ending in 校 is no school
])
def test_lines_under_a_title_that_name_no_unit(line):
    rec = parse(f"2023年度部门整体支出绩效评价报告\n{line}\n一、预算执行情况\n2023年全年支出510.00万元。",
                paragraphs=True)
    assert rec.department is None


@pytest.mark.parametrize("title", [
    "示例北坪县街道2023年度部门整体支出绩效自评报告",  # no one township
    "示例北坪县乡镇2023年度部门整体支出绩效自评报告",
    "示例北坪县各乡镇2023年度部门整体支出绩效自评报告",
    "东坡镇2023年度农业综合服务中心部门整体支出绩效自评报告",  # a unit of the township, not the township
])
def test_titles_that_name_no_township_as_the_unit(title):
    assert parse(f"{title}\n一、预算执行情况\n2023年全年支出85.00万元。").department in (None, "农业综合服务中心")


def test_a_county_government_publishing_the_page_is_not_the_unit(tmp_path):
    text = ("2023年度部门整体支出绩效自评报告 |\n来源：北坪县人民政府 作者： 时间：2024-06-12 点击率：【 打印 】 |\n"
            "一、部门基本情况\n我局内设办公室等5个股室。\n二、预算执行情况\n2023年全年支出85.00万元。\n")
    assert read_record(write_txt(tmp_path / "f.txt", text)).department is None


def test_a_declared_self_evaluation_work_report_is_the_departments():
    """"现将…自评工作情况报告如下": 自评工作情况 names a summary of other units' results only in a title."""
    rec = parse("评价年度：2023\n评价单位（公章）：示例临江县公路事务中心\n"
                "一、根据县财政局《关于做好2023年度县级财政资金绩效自评工作的通知》要求，我单位成立自评工作小组，"
                "对照年初设定的绩效目标逐项开展了自评。现将我单位2023年度部门整体支出绩效自评工作情况报告如下：\n"
                "二、预算执行情况\n2023年全年预算438.90万元，全年支出430.12万元。", paragraphs=True)
    assert rec.kind == "department"


def test_a_title_naming_two_years_is_still_a_title():
    assert title_kind(["示例北坪县林业局2023年度部门决算及2024年度部门预算公开", "一、部门基本情况"]) == "final_accounts"


@pytest.mark.parametrize("line, link", [
    # the attachment's own form: its heading run together with the form's header row
    ("附件3: 部门整体支出绩效评价基础数据表 填报单位: 单位:万元 财政供养人员情况 编制数 实际在职人数", False),
    ("附件2：部门整体支出绩效自评表 金额单位：万元 年初预算数 全年预算数 全年执行数", False),
    # links to documents, as before: with a unit or a filling unit, but no header cells after it
    ("附件3：部门整体支出绩效评价基础数据表", True),
    ("附件1：项目支出绩效自评表 单位：万元", True),
    ("附件1：2023年度项目支出绩效自评表 填报单位：示例南岭县农业农村局", True),
    ("附件3：部门整体支出绩效评价基础数据表（单位：万元）.xlsx", True),
    ("附件：2022年度部门整体支出绩效自评表.pdf", True),
])
def test_an_attachment_heading_run_into_its_form_is_content(line, link):
    from perflib.understand.lexicon import LEX
    assert LEX.is_attachment(line) is link


def test_a_base_data_form_opened_by_its_attachment_heading_is_the_departments(tmp_path):
    """A 基础数据表 copied from a scan: "附件3: …基础数据表 填报单位: 单位:万元 …" opens the text, its cells
    flattened with blank lines between fragments, then the 指标表's scoring notes with the unit's
    figures. The heading line is the form's, not a link to it: the page is the department's and
    its figures are read."""
    text = ("编辑: 示例用户 2019-06-02\n"
            "附件3: 部门整体支出绩效评价基础数据表 填报单位: 单位:万元 财政供养人员情况 编制数 2018年实际在职人数 控制率\n\n"
            "52 50 96.\n\n"
            "15% 经费控制情况 2017年决算数 2018年预算数 2018年决算数 三公经费 12.40 18.20 15.75\n\n"
            "8 预算完成率\n\n"
            "8 100%计满分,每低于5%扣2分,扣完为止. 年初结余6.2万元;\n\n"
            "预算812.40万元,本年追加预算96.35万元;\n\n"
            "年末结余数6.2万元.计算本单位预算完成率98.64%.\n")
    rec = read_record(write_txt(tmp_path / "f.txt", text))
    assert (rec.kind, rec.year) == ("department", 2018)
    assert fields(rec.overall) == {"adjustment": D("96.35"), "completion_rate": D("98.64")}


@pytest.mark.parametrize("opening", [
    "监督索引号53012200416002000\n示例临江县档案馆2023年度部门决算\n目录\n第一部分 部门概况",
    "索引号：11530000MB0000000X/2024-00031\n示例临江县档案馆2023年度部门决算\n目录\n第一部分 部门概况",
])
def test_an_index_number_line_above_a_disclosure_title_stands_alone(tmp_path, opening):
    """A 决算 page copied one line per item: the site's index number, the title, 目录. None of these
    runs on into the next line, so the title keeps its unit's name."""
    rec = read_record(write_txt(tmp_path / "f.txt", opening + "\n本馆负责全县档案的收集和保管。\n"))
    assert (rec.kind, rec.department, rec.year) == ("final_accounts", "示例临江县档案馆", 2023)


def test_a_prose_line_ending_in_the_word_juesuan_still_runs_on():
    """Only a title ends at "…年度部门决算": a sentence broken after 决算 without a year goes on."""
    from perflib.read.normalize import join_broken_lines
    text = "本馆按照县财政局的统一要求编制并公开了部门决算\n报表和说明，接受社会监督。"
    assert join_broken_lines(text) == "本馆按照县财政局的统一要求编制并公开了部门决算报表和说明，接受社会监督。"


@pytest.mark.parametrize("head", [
    "示例北坪县中医院2024年度决算公开说明\n",
    # the page's metadata table flattened to `|` rows, the title in one of them, printed twice
    ("索引号 | 11530000MB0000000X/2025-00017 | 发文字号 | |\n标题 | 示例北坪县中医院2024年度决算公开说明 | ||\n"
     "发布日期 | 2025-09-12 | 有效性 | |\n标题 | 示例北坪县中医院2024年度决算公开说明 |\n发布日期 | 2025-09-12 |\n"),
])
def test_a_disclosure_title_never_runs_on_into_the_prose_under_it(tmp_path, head):
    """A 决算公开说明 copied one line per paragraph: its title line ends with no stop, and the prose
    line under it must not take it in — the page is a disclosure, not a department's report."""
    text = head + ("2024 年度收、支总计均为 820.40 万元。\n"
                   "2.支出情况。2024 年度支出合计 812.15 万元。其中:基本支出 702.15 万元;项目支出 110.00 万元。\n")
    rec = read_record(write_txt(tmp_path / "f.txt", text))
    assert (rec.kind, rec.department, rec.year) == ("final_accounts", "示例北坪县中医院", 2024)
    with pytest.raises(NotAReport):
        require_budget_figure(rec, "f.txt")


@pytest.mark.parametrize("body, want", [
    # a label opening with 支出 shares it with the block word before it
    ("基本支出预算 520000.00 元，占一般公共预算支出的 80%。", {"basic": {"initial_budget": D("52.00")}}),
    ("基本支出决算数 47.30 万元。", {"basic": {"actual": D("47.30")}}),
    ("其中：基本支出预算 52.00 万元，项目支出预算 13.00 万元。",
     {"basic": {"initial_budget": D("52.00")}, "projects": {"initial_budget": D("13.00")}}),
    # a class of spending is no block's budget nor spending
    ("工资福利支出预算 410000.00 元，占基本支出预算 78.85%。", {}),
    ("商品和服务支出决算数 6.10 万元。", {}),
    ("“三公”经费支出预算 0 元。", {}),
    ("公用经费执行数 3.20 万元。", {}),
])
def test_block_words_ending_in_zhichu_and_classes_of_spending(body, want):
    rec = parse(f"示例北坪县档案馆2023年度部门整体支出绩效自评报告\n二、部门整体支出情况\n{body}")
    assert {b: fields(rec.block(b)) for b in ("overall", "basic", "projects") if fields(rec.block(b))} == want


@pytest.mark.parametrize("text, paras", [
    # the rest of a sentence broken after "…年度单位预算" still joins it
    ("本局基本支出全年预算即示例西河县林业局2023年度单位预算\n数为80.00万元，全年支出78.00万元。",
     ["本局基本支出全年预算即示例西河县林业局2023年度单位预算数为80.00万元，全年支出78.00万元。"]),
    ("本局基本支出全年预算即示例西河县林业局2023年度单位预算\n1,280.00万元，全年支出1,248.00万元。",
     ["本局基本支出全年预算即示例西河县林业局2023年度单位预算1,280.00万元，全年支出1,248.00万元。"]),
    # and so does the rest of a title split after 部门预算
    ("示例东山县水务局2023年度部门预算\n绩效自评公开", ["示例东山县水务局2023年度部门预算绩效自评公开"]),
    # a new sentence opening with a year does not
    ("示例东山县水务局2024年度决算公开说明\n2024 年度收、支总计均为 820.40 万元。",
     ["示例东山县水务局2024年度决算公开说明", "2024 年度收、支总计均为 820.40 万元。"]),
])
def test_what_runs_on_after_a_disclosure_title(text, paras):
    from perflib.read.normalize import join_broken_lines
    assert join_broken_lines(text).split("\n") == paras


@pytest.mark.parametrize("headings, kind", [
    (["六、一般公共预算基本支出情况说明", "七、一般公共预算“三公”经费情况说明"], "final_accounts"),
    (["六、一般公共预算基本支出情况说明"], "department"),  # one such heading says too little
    (["六、部门整体支出情况说明", "七、绩效目标完成情况说明"], "department"),
])
def test_a_page_with_no_title_under_a_disclosures_headings(headings, kind):
    """A 单位预算 page copied without its title: the template's headings say what it is."""
    body = ["(二)按支出结构分类划分,分为基本支出预算和项目支出预算。",
            "1. 基本支出预算 652,100.00 元,占一般公共预算支出的 88.20%。",
            headings[0], "2023 年本年一般公共预算基本支出 652,100.00 元。", *headings[1:],
            "2023 年“三公”经费预算 0 元。"]
    rec = parse("\n".join(body), paragraphs=True)
    assert rec.kind == kind


@pytest.mark.parametrize("body, want", [
    # what follows a class of spending in its part of the sentence is the class's too
    ("“三公”经费支出预算 8.00 万元，实际支出 5.00 万元，执行率 62.5%。", {}),
    ("公用经费支出预算 40.00 万元，预算执行率 100%。", {}),
    # up to a block word, even one ending inside the next label
    ("人员经费支出预算 250.00 万元，公用经费支出预算 50.00 万元，基本支出预算合计 300.00 万元。",
     {"basic": {"initial_budget": D("300.00")}}),
    ("三公经费支出预算 8.00 万元；项目支出预算 200.00 万元，执行率 95%。",
     {"projects": {"initial_budget": D("200.00"), "completion_rate": D("95")}}),
    # a class's label still names the field of a list after it
    ("公用经费支出决算数 40.00 万元，基本支出、项目支出分别为 290.00、190.00 万元。",
     {"basic": {"actual": D("290.00")}, "projects": {"actual": D("190.00")}}),
    # but its 其中 parts are no block's figures
    ("工资福利支出决算数 200.00 万元，其中基本支出 180.00 万元，项目支出 20.00 万元。", {}),
])
def test_what_a_class_of_spending_holds(body, want):
    rec = parse(f"示例北坪县档案馆2023年度部门整体支出绩效自评报告\n二、预算执行情况\n{body}")
    assert {b: fields(rec.block(b)) for b in ("overall", "basic", "projects") if fields(rec.block(b))} == want


@pytest.mark.parametrize("body, want", [
    # items announced ("分为三个方面，一是…；二是…"): each item's figures, not its block's
    ("2022年我局项目支出绩效自评项目9个,分为三个方面,一是用于档案征集支出,即档案征集专项经费合计18万元,"
     "已于本年度支出18万元,预算完成率100%。主要用于档案征集;二是数字化支出,即档案数字化经费合计96.4万元,"
     "已于本年度支出96.4万元,预算完成率100%。", {"projects": {"count": 9}}),
    # an item naming a block is that block's
    ("本局支出分为两个方面，一是基本支出，全年支出300.00万元；二是项目支出，全年支出200.00万元。",
     {"basic": {"actual": D("300.00")}, "projects": {"actual": D("200.00")}}),
    # "其中，<一项名称>年初预算数…": one item's
    ("我馆2022年共有5个支出项目。其中,档案征集年初预算数8万元,年末结算支出8万元,支出进度比率为100%;"
     "库房维护300.00万元,年末结算支出300万元。", {"projects": {"count": 5}}),
    ("其中，基本支出年初预算数300.00万元，项目支出年初预算数200.00万元。",
     {"basic": {"initial_budget": D("300.00")}, "projects": {"initial_budget": D("200.00")}}),
    # a comparison with the budget is no adjustment of it
    ("年初下达预算支出500.00万元,年底决算支出520.00万元,实际支出比预算增加20.00万元。",
     {"overall": {"initial_budget": D("500.00"), "actual": D("520.00")}}),
])
def test_items_listed_and_comparisons(body, want):
    rec = parse(f"示例北坪县档案馆2022年度部门整体支出绩效自评报告\n二、预算执行情况\n{body}")
    assert {b: fields(rec.block(b)) for b in ("overall", "basic", "projects") if fields(rec.block(b))} == want


@pytest.mark.parametrize("text, name", [
    # a slip of the text writing its place twice is no longer name
    ("示例北坪县教育体育局2020年度整体支出绩效自评报告\n示例北坪县示例北坪县教育体育局2020年度部门预决算编报的单位共21个。",
     "示例北坪县教育体育局"),
    # a cover's 全称, the next field run onto its line
    ("部门整体支出绩效评价自评报告\n(2023年度)\n部门(单位)全称:示例北坪县档案馆\n主管部门审核意见:\n财政部门审核意见:",
     "示例北坪县档案馆"),
    # "预算单位" in prose is no form label
    ("示例北坪县人民检察院2020年度部门整体支出绩效自评报告\n各预算单位、院机关部门自评材料详见佐证资料。",
     "示例北坪县人民检察院"),
    # a metadata line "标      题 …"; a title "…年度预算绩效自评报告" names its unit
    ("标      题 示例北坪县残疾人联合会2020年度预算绩效自评报告\n一、基本情况\n本会内设2个科室。", "示例北坪县残疾人联合会"),
])
def test_names_from_covers_and_slips(text, name):
    assert parse(text, paragraphs=True).department == name


def test_a_title_naming_the_units_budget_self_evaluation_is_the_departments():
    rec = parse("示例北坪县残疾人联合会2022年度预算绩效自评报告\n一、基本情况\n2022年,年初预算200.00万元,全年实际支出190.00万元。",
                paragraphs=True)
    assert (rec.kind, rec.department) == ("department", "示例北坪县残疾人联合会")
    assert fields(rec.overall) == {"initial_budget": D("200.00"), "actual": D("190.00")}


@pytest.mark.parametrize("body, want", [
    # a division of anything but a block's spending lists the unit's own figures
    ("2023年度预算执行情况良好，分为两个方面，一是预算执行率达98%，年初预算 500.00 万元，实际支出 490.00 万元；二是基本支出执行率 99%。",
     {"overall": {"initial_budget": D("500.00"), "actual": D("490.00"), "completion_rate": D("98")},
      "basic": {"completion_rate": D("99")}}),
    # outside a section on projects, "其中，<words>" is the unit's figures by source
    ("2023年度部门整体支出情况。其中，一般公共预算年初预算 500.00 万元，全年预算数 520.00 万元，实际支出 510.00 万元，预算执行率 98.08%。",
     {"overall": {"initial_budget": D("500.00"), "adjusted_budget": D("520.00"), "actual": D("510.00"),
                  "completion_rate": D("98.08")}}),
    # an amount well above a class's is the whole's again
    ("其中，人员经费年初预算 250.00 万元，全年实际支出 490.00 万元，执行率 98%。",
     {"overall": {"actual": D("490.00"), "completion_rate": D("98")}}),
    # a space in prose closes into no short block word across a word's edge ("调整 体现")
    ("基本支出预算调整 体现了保运转要求，实际支出 300.00 万元，执行率 100%。",
     {"basic": {"actual": D("300.00"), "completion_rate": D("100")}}),
])
def test_what_stays_the_units_own(body, want):
    rec = parse(f"示例北坪县档案馆2023年度部门整体支出绩效自评报告\n二、预算执行情况\n{body}")
    assert {b: fields(rec.block(b)) for b in ("overall", "basic", "projects") if fields(rec.block(b))} == want


def test_a_department_report_with_no_title_under_sections_on_sangong_and_procurement():
    rec = parse("示例北坪县档案馆\n一、部门基本情况\n二、部门整体支出情况\n"
                "2023年度部门整体支出年初预算 500.00 万元，实际支出 490.00 万元，预算执行率 98%。\n"
                "（一）“三公”经费情况说明\n本年未安排。\n（二）政府采购情况说明\n本年无政府采购。", paragraphs=True)
    assert rec.kind == "department"


@pytest.mark.parametrize("sentence, count", [
    ("我馆2023年共有8个支出项目，所有项目均按年初预算执行。", 8),
    ("2023年我馆项目支出绩效自评项目35个。", 35),
    ("2023年共实施项目 6 个。", 6),
])
def test_counts_of_projects(sentence, count):
    rec = parse(f"示例北坪县档案馆2023年度部门整体支出绩效自评报告\n三、项目支出情况\n{sentence}")
    assert rec.projects.count == count


def test_a_running_header_naming_a_disclosure_is_no_title(tmp_path):
    """A report whose every page carries the header "…2023年度部门决算": the header is page furniture,
    not the first page's title, and the report stays the department's."""
    pages = ["示例北坪县林业局2023年度部门绩效自评报告\n一、部门基本情况\n本局负责全县林业资源管理。\n二、预算执行情况\n"
             "2023年年初预算100.00万元，全年预算120.00万元，全年支出110.00万元，预算执行率91.67%。",
             "三、绩效目标完成情况\n本局全年完成造林任务一千亩。\n四、存在问题\n预算编制不够精细。",
             "五、下一步改进措施\n加强预算管理。\n示例北坪县林业局\n2024年3月1日"]
    rec = read_record(write_pdf(tmp_path / "r.pdf", pages, header="示例北坪县林业局2023年度部门决算"))
    assert (rec.kind, rec.department, rec.year) == ("department", "示例北坪县林业局", 2023)
    assert fields(rec.overall)["actual"] == D("110.00")


@pytest.mark.parametrize("column", ["- 预决算与三公经费", "财政预决算", "- 部门预决算公开"])
@pytest.mark.parametrize("figures", [True, False])
def test_a_site_column_named_for_disclosures_is_no_title(tmp_path, column, figures):
    """A report filed under the site's column for budgets and 决算 (the column's name flattened to a
    `- ` menu line above the metadata): the column names no year and no unit, so it is no title,
    and the report's own title says what it is — also on an opening cut before any figure, which
    is then a department's report without one, not a disclosure."""
    text = (f"{column}\n-\n索引号示例czj/2025-00031\n-\n发布机构示例北坪县财政局\n-\n发布日期2025-04-10\n"
            "示例北坪县林业局2024年度部门整体支出绩效自评报告\n示例北坪县林业局2024年度部门整体支出绩效自评报告\n"
            "一、部门基本情况\n本局负责全县林业资源管理，内设办公室、资源股等 4 个股室。\n")
    if figures:
        text += "二、预算执行情况\n2024年年初预算200.00万元，全年预算236.50万元，全年支出230.10万元，预算执行率97.29%。\n"
    rec = read_record(write_txt(tmp_path / "r.txt", text))
    assert (rec.kind, rec.department, rec.year) == ("department", "示例北坪县林业局", 2024)
    if figures:
        assert fields(rec.overall) == {"initial_budget": D("200.00"), "adjusted_budget": D("236.50"),
                                       "actual": D("230.10"), "completion_rate": D("97.29")}
    else:
        with pytest.raises(NotAReport, match="no budget figure"):
            require_budget_figure(rec, "r.txt")


@pytest.mark.parametrize("title", ["示例北坪县林业局部门预决算", "2024年部门预决算", "部门决算"])
def test_a_disclosure_title_naming_its_unit_or_year_is_still_one(title):
    assert title_kind([title, "一、部门概况", "本局负责全县林业资源管理。"]) == "final_accounts"


def test_a_figure_left_above_a_table_is_not_its_caption(tmp_path):
    """Two tables flattened one cell per line: the last cell of the first ("108.70%") stands just
    above the second. It is no caption: the evidence of the second table's figures does not quote it."""
    from perflib.read.document import number_tables

    blocks = number_tables([Paragraph("人员控制率"), Paragraph("108.70%"),
                            Table([["经费情况（万元）", "2023年预算数", "2023年决算数"], ["项目支出", "308.17", "1025.20"]])])
    assert blocks[-1].title != "108.70%"
    blocks = number_tables([Paragraph("表2 经费控制情况（万元）"),
                            Table([["项目", "2023年预算数"], ["项目支出", "308.17"]])])
    assert blocks[-1].title == "表2 经费控制情况（万元）"


# --- a workbook of several forms ------------------------------------------------------------------
def _projects_form() -> list[list]:
    """One project's 自评表 in the national layout, its 项目名称 field atop its figures."""
    pad = lambda cells: cells + [LEFT] * (nf.WIDTH - len(cells))  # noqa: E731
    return [pad(["项目支出绩效自评表"]), pad([f"（{nf.YEAR}年度）"]),
            ["项目名称", "馆藏档案数字化专项", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
            ["主管部门", nf.DEPARTMENT, LEFT, LEFT, "实施单位", nf.DEPARTMENT, LEFT, LEFT, LEFT],
            ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", LEFT],
            [UP, "年度资金总额", "60.00", "75.00", "71.40", "10", "95.20%", "9.4", LEFT],
            ["总分", LEFT, LEFT, LEFT, LEFT, LEFT, "100", "86.5", LEFT]]


def _the_year_before() -> list[list]:
    """The unit's form of the year before, other figures."""
    swap = {f"（{nf.YEAR}年度）": f"（{nf.YEAR - 1}年度）", "420.00": "380.00", "450.00": "400.00", "441.00": "396.10",
            "98.00%": "99.03%", "300.00": "280.00", "310.00": "290.00", "120.00": "100.00", "140.00": "110.00",
            "131.00": "106.10", "93.57%": "96.45%", "97.8": "91.2"}
    return [[swap.get(c, c) if isinstance(c, str) else c for c in row] for row in nf.grid()]


def test_a_workbook_whose_first_sheet_is_a_projects_form_is_the_units_report(tmp_path):
    """A unit's workbook of forms, a project's sheet first (named for the project): its report (the unit's form), not
    the project's."""
    rec = read_record(write_xlsx(tmp_path / "f.xlsx", [("馆藏档案数字化专项", _projects_form()), ("部门整体", nf.grid())]))
    assert (rec.kind, rec.department, rec.year, rec.score) == ("department", nf.DEPARTMENT, nf.YEAR, D(nf.TOTAL[1]))
    for block, want in nf.expected().items():
        assert {f: getattr(rec.block(block), f) for f in want} == want, block


def test_a_projects_workbook_stays_a_projects_report(tmp_path):
    rec = read_record(write_xlsx(tmp_path / "f.xlsx", [("馆藏档案数字化专项", _projects_form())]))
    assert rec.kind == "project"


def test_a_workbook_of_the_year_before_then_the_years_form_is_the_later_years(tmp_path):
    """Sheets of the unit's form for the year before, then for its year: the report is the later year's, and the
    earlier form's figures and 总分 are not its own."""
    rec = read_record(write_xlsx(tmp_path / "f.xlsx", [(f"{nf.YEAR - 1}", _the_year_before()), (f"{nf.YEAR}", nf.grid())]))
    assert (rec.kind, rec.year, rec.score) == ("department", nf.YEAR, D(nf.TOTAL[1]))
    for block, want in nf.expected().items():
        assert {f: getattr(rec.block(block), f) for f in want} == want, block


def test_a_workbook_of_one_years_form_keeps_its_year(tmp_path):
    rec = read_record(write_xlsx(tmp_path / "f.xlsx", [(f"{nf.YEAR - 1}", _the_year_before())]))
    assert (rec.year, rec.score, rec.overall.actual) == (nf.YEAR - 1, D("91.2"), D("396.10"))


def test_a_workbook_with_next_years_form_of_its_budget_only_keeps_its_year(tmp_path):
    """The same form given again for the year after with its 年初预算 only (a budget to come): not the report's year."""
    pad = lambda cells: cells + [LEFT] * (nf.WIDTH - len(cells))  # noqa: E731
    next_year = [pad(["部门整体支出绩效自评表"]), pad([f"（{nf.YEAR + 1}年度）"]), pad(["部门（单位）名称", nf.DEPARTMENT]),
                 ["年度部门整体支出预算执行情况（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", LEFT],
                 [UP, "年度资金总额", "460.00", "", "", "10", "", "", LEFT]]
    rec = read_record(write_xlsx(tmp_path / "f.xlsx", [(f"{nf.YEAR}", nf.grid()), (f"{nf.YEAR + 1}", next_year)]))
    assert (rec.year, rec.overall.initial_budget, rec.overall.actual) == (nf.YEAR, D("420.00"), D("441.00"))


def test_a_projects_form_naming_the_units_form_at_its_foot_stays_a_projects(tmp_path):
    text = "\n".join([*(" | ".join(c for c in row if c and c not in (LEFT, UP)) for row in _projects_form()),
                      "本表金额与下列表格一致：", f"{nf.DEPARTMENT}部门整体支出绩效自评表"])
    assert read_record(write_txt(tmp_path / "f.txt", text)).kind == "project"
