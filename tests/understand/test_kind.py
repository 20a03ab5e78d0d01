"""The kind of document: only a department report gets a page; the others exit 3 saying what they are."""
from decimal import Decimal as D

import pytest

from perflib.cli import main
from perflib.errors import NotAReport
from perflib.pipeline import read_record, require_budget_figure
from perflib.read.files import read_document
from perflib.understand.kind import title_kind

from understand.helpers_understand import FIXTURES, parse, parse_fixture


@pytest.mark.parametrize("name,kind", [
    ("plain_labels.txt", "department"), ("numbered_lists.txt", "department"), ("web_page.txt", "department"),
    ("project_report.txt", "project"), ("final_accounts.txt", "final_accounts"),
    ("attachment_only.txt", "attachment_only"),
])
def test_kind_of_each_fixture(name, kind):
    assert parse_fixture(name).kind == kind


def test_text_with_no_title_and_no_figure_is_other():
    assert parse("这是一段与预算无关的通知，请各单位按时报送材料。").kind == "other"


def test_department_title_without_figures_stays_department():
    rec = parse("某县民政局2021年度部门整体支出绩效自评报告\n一、部门概况\n本局负责全县社会救助工作。")
    assert rec.kind == "department" and not rec.has_budget_figure()


@pytest.mark.parametrize("name,words", [
    ("project_report.txt", "project expenditure report (项目支出绩效自评报告), not a department report"),
    ("final_accounts.txt", "final-accounts disclosure"),
    ("attachment_only.txt", "only a linked attachment"),
])
def test_exit_3_names_the_kind(name, words, capsys):
    path = FIXTURES / name
    assert main(["parse", str(path)]) == 3
    err = capsys.readouterr().err
    assert words in err and str(path) in err
    assert err.count("\n") == 1  # one sentence, no traceback


def test_not_a_report_carries_the_kind():
    rec = parse_fixture("project_report.txt")
    with pytest.raises(NotAReport) as info:
        require_budget_figure(rec, "p.txt")
    assert info.value.kind == "project"


def test_the_json_record_states_kind_and_unread(capsys):
    import json

    assert main(["parse", str(FIXTURES / "web_page.txt")]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["kind"] == "department"
    assert {"text": "2020年我馆实际支出286.30万元。", "amount": 286.3} in out["unread"]


@pytest.mark.parametrize("title,kind", [
    ("某州数据中心2024年度项目支出绩效单位自评报告", "project"),
    ("某县2021年度农村公路养护专项资金绩效评价报告", "project"),
    ("2021 年某市发展和改革局整体支出绩效自评报告", "department"),
    ("某县纪委2024年度部门决算公开报告", "final_accounts"),
    ("某区交通局2021年度部门决算情况说明", "final_accounts"),
    ("某区交通局2022年部门预算", "final_accounts"),
])
def test_kind_from_title_phrasings(title, kind):
    rec = parse(f"{title}\n一、基本情况\n本单位年初预算 100.00 万元，实际支出 98.00 万元。", paragraphs=True)
    assert rec.kind == kind


def test_contents_naming_a_performance_section_do_not_make_a_disclosure_a_department_report():
    rec = parse("某县纪委2024年度部门决算公开报告\n目 录\n一、收入支出决算表\n十三、2024年度部门整体支出绩效自评情况\n"
                "一、收入支出决算表\n本年支出合计 500.00 万元。", paragraphs=True)
    assert rec.kind == "final_accounts"


def test_title_glued_to_a_breadcrumb_by_a_text_export():
    rec = parse("当前位置：首页 > 信息公开 > 预算绩效\n某县2023年度专项资金绩效评价报告\n一、项目基本情况\n"
                "本项目年初预算 50.00 万元，实际支出 49.00 万元。")
    assert rec.kind == "project"


def test_a_breadcrumb_category_does_not_beat_the_title_line():
    rec = parse("当前位置：首页 > 2021年部门决算公开\n某县林业局2021年度部门整体支出绩效自评报告\n"
                "二、预算执行情况\n年初预算 80.00 万元，实际支出 78.00 万元。", paragraphs=True)
    assert rec.kind == "department"


def test_a_page_filed_under_budget_and_final_accounts_is_still_the_report_its_title_names(tmp_path):
    """A site files every fiscal page under 体裁分类 财政预算、决算, in a metadata table flattened to |
    rows: that value is no title (the page was refused as a 决算 disclosure)."""
    page = tmp_path / "page.txt"
    page.write_text("[ 索引号 ] | 115002300086/2023-00041 | [ 发文字号 ] | |\n"
                    "[ 主题分类 ] | 财政 | [ 体裁分类 ] | 财政预算、决算 |\n"
                    "[ 发布机构 ] | 青禾县林业局 | ||\n"
                    "[ 成文日期 ] | 2023-06-27 | [ 发布日期 ] | 2023-06-27 |\n"
                    "青禾县林业局2022年度部门整体支出绩效自评报告\n一、部门基本情况\n"
                    "2022年年初预算 80.00 万元，实际支出 78.00 万元。\n", encoding="utf-8")
    rec = read_record(page)
    assert rec.kind == "department" and rec.overall.actual == 78
    assert title_kind(read_document(page).lines()) == "department"  # (the whole page read as the unit's)
    # a title that names no kind: the site's filing does not make the page a 决算 disclosure
    page.write_text(page.read_text(encoding="utf-8").replace("部门整体支出绩效自评报告", "辅警经费绩效自评工作报告"),
                    encoding="utf-8")
    assert read_record(page).kind != "final_accounts"


def test_a_summary_of_several_departments_is_other():
    rec = parse("示例青石市2023年度市级部门整体支出绩效自评结果汇总表\n发布单位：示例青石市财政局\n"
                "说明：本表汇总各部门自评结果，部门整体支出实际支出 300.00 万元。", paragraphs=True)
    assert rec.kind == "other"


def test_a_key_evaluation_of_special_funds_is_a_project_report():
    rec = parse("示例青石市2023年农村供水专项资金重点绩效评价报告\n一、项目概况\n"
                "项目总预算 1,200.00 万元，实际支出 1,150.00 万元，预算执行率 95.83%。", paragraphs=True)
    assert rec.kind == "project"


def test_an_article_linking_its_report_as_a_plain_text_export():
    rec = parse("首页 | 政务公开 | 互动交流\n当前位置：首页 > 政务公开 > 财政预决算\n"
                "示例青石县档案馆2023年度部门整体支出绩效自评报告\n发布时间：2024-06-01 来源：示例青石县档案馆\n"
                "附件：示例青石县档案馆2023年度部门整体支出绩效自评报告.pdf\n版权所有：示例青石县人民政府")
    assert rec.kind == "attachment_only"


def test_a_county_fiscal_report_with_no_title_is_no_department_report():
    # A government's 决算 opening on its fiscal totals, its title left out by the page: the
    # county's 财政总支出 is no department's spending.
    rec = parse("一、财政收支完成情况\n"
                "2023年，全县财政收入累计完成 81,230万元，占预算 79,000万元的102.8%。\n"
                "财政总支出 402,115万元，较上年增支 12,600万元。其中：一般公共预算支出 351,420万元。\n"
                "二、一般公共预算收支决算情况\n（一）收入情况\n全县一般公共预算收入 40,210万元。", paragraphs=True)
    assert rec.kind == "final_accounts"


def test_a_department_report_with_no_title_opening_on_the_department_stays_one():
    rec = parse("一、部门基本情况\n示例青石县水利局主要职责是……\n二、部门整体支出情况\n"
                "年初预算 1,210.00 万元，全年预算 1,260.00 万元，实际支出 1,198.40 万元，预算执行率 95.11%。",
                paragraphs=True)
    assert rec.kind == "department"


@pytest.mark.parametrize("opening", [
    "按照县财政局要求，我局开展了自评。现将我局2023年度部门整体支出绩效自评情况报告如下：\n一、财政收支完成情况",  # it says so
    "一、财政预算执行情况", "一、一般公共预算收支情况",  # a budget of its own: no government's totals
])
def test_a_first_heading_on_a_budget_of_its_own_is_no_governments_report(opening):
    rec = parse(f"{opening}\n2023年全年预算 438.90万元，全年支出 430.12万元，预算执行率 98.00%。", paragraphs=True)
    assert rec.kind == ("department" if "现将" in opening else "other")  # (no title, no unit: figures of no one)


def test_a_report_flattened_into_one_line_after_its_attachment_mark_is_read():
    """A text layer or a single <p> that runs a whole report into one line opening with its 附件 mark
    was taken for an attachment link: no figure read, "open the attachment" (exit 3)."""
    text = ("附件：2 示例青石县档案馆2023年度部门整体支出绩效自评报告 一、部门基本情况 本馆为县政府直属事业单位，"
            "主要负责档案收集、保管和利用服务，内设办公室、业务指导科、保管利用科三个科室，编制 18 人，实有 16 人。"
            "全年接收进馆档案 1.2 万卷，提供查阅利用 3,400 人次，完成馆藏档案数字化 86 万页。 二、部门整体支出情况 2023年度年初预算 356.20 万元，调整后预算 "
            "371.40 万元，全年实际支出 365.92 万元，预算执行率 98.52%。 三、绩效自评结论 经自评，等级为优。")
    rec = parse(text)
    assert rec.kind == "department"
    assert (rec.overall.initial_budget, rec.overall.actual) == (D("356.20"), D("365.92"))
    link = parse("示例青石县档案馆2023年度部门整体支出绩效自评报告\n附件：2 示例青石县档案馆2023年度部门整体支出绩效自评报告.pdf")
    assert link.kind == "attachment_only"  # a link is a short line still


# --- rv6-k07: a headline over a list of units' dated report titles is a notice, not the first unit's report ---
@pytest.mark.parametrize("second, want", [
    ("某县水务局2023年度部门整体支出绩效自评报告", "other"),  # a list of reports: the notice's page
    ("一、部门基本情况", "department"),  # (guards) the one report's title, then its body
    ("我局2023年度年初预算300万元，实际支出295万元。", "department"),
])
def test_a_headline_over_a_list_of_report_titles_is_the_pages(second, want):
    lines = ["部门整体支出绩效自评结果公示", "某县林业局2023年度部门整体支出绩效自评报告", second]
    assert title_kind(lines) == want


@pytest.mark.parametrize("title", ["示例松风区第一幼儿园2024年财政预算支出绩效自评情况报告",
                                   "示例松风区第一幼儿园2024年度预算绩效自评报告"])
def test_a_units_own_budget_self_evaluation_is_its_report(title):
    """A unit's title with 财政预算支出 or 情况 in it (a real kindergarten's) is its own overall report."""
    assert title_kind(["政府信息公开", title, "一、部门概况", "（一）部门机构设置、编制。"]) == "department"


@pytest.mark.parametrize("title, kind", [
    ("示例松风县2023年度中央财政衔接推进乡村振兴补助资金绩效自评报告", "project"),
    ("2024年度中央和省级财政资金绩效评价工作方案", None),
    ("示例松风县中央财政补助资金绩效评价管理办法", None),
    ("示例松风县财政局2023年度财政支出绩效评价情况报告", None),  # the bureau's account of evaluating others
])
def test_a_funds_report_is_a_projects_and_a_funds_rules_are_none(title, kind):
    assert title_kind([title, "一、基本情况"]) == kind


def test_a_title_speaking_of_timeliness_is_no_metadata_line():
    """"…发布时效性…" in a title is no 时效性 field of the page's metadata."""
    assert title_kind(["提升预警信息发布时效性专项资金绩效自评报告", "一、项目概况"]) == "project"


# --- a summary of many departments' evaluation is no one unit's report (its totals are the county's) ---
@pytest.mark.parametrize("text", [
    # results notices run onto their first sentence by a plain-text export (read as prose, no title)
    "示例枫林县2023年度部门整体支出绩效评价结果公示\n"
    "县财政局组织对11个部门2023年度整体支出开展了绩效评价，涉及预算资金15,320万元，实际支出14,870.6万元。",
    "示例枫林县财政局关于2023年度部门整体支出绩效自评结果的公告\n"
    "县级37个部门预算资金70,210万元，实际支出68,930.5万元，预算执行率98.18%。",
    # a government's report on evaluating the county's departments
    "示例枫林县人民政府关于2023年度部门整体支出绩效评价情况的报告\n县人大常委会：\n"
    "2023年，县财政局对全县37个部门整体支出开展了绩效评价，涉及预算资金70,210万元，实际支出68,930.5万元。",
    "2023年度部门整体支出绩效评价报告\n示例枫林县财政局组织对全县37个预算单位开展了评价，实际支出68,930.5万元。",
    # a finance bureau's notice, a unit's target form: no report either
    "示例枫林县财政局关于开展2023年度部门整体支出绩效自评工作的通知\n各预算单位：\n"
    "全县部门预算总额70,210万元，请各单位于2024年3月31日前报送自评报告。",
    "示例枫林县林业局2024年度部门整体支出绩效目标申报表\n年度预算\n968万元",
    # counts in Chinese numerals, 家, a results title
    "2023年度部门整体支出绩效评价结果\n县财政局组织对二十三个部门开展了评价，涉及预算资金9,460.00万元，实际支出9,036.40万元。",
    "示例枫林县财政局关于2023年度部门整体支出绩效评价情况的报告\n"
    "2023年，我局对全县42家预算单位整体支出开展了绩效评价，涉及预算资金86,420.00万元，实际支出83,116.20万元。\n一、评价结果",
])
def test_a_summary_of_many_departments_or_a_notice_is_no_department_report(text):
    assert parse(text).kind == "other"


@pytest.mark.parametrize("text", [
    # a finance bureau's own report: it counts the departments it serves under its first heading, not before
    "示例枫林县财政局关于2023年度部门整体支出绩效自评情况的报告\n根据县政府要求，我局对本局2023年度部门整体支出开展了自评。\n"
    "一、部门基本情况\n本局负责全县37个部门的预算编制和绩效管理。\n二、预算执行情况\n全年预算968万元，实际支出940.2万元。",
    # a finance bureau's own report: the departments it serves are no evaluation's
    "示例枫林县财政局2023年度部门整体支出绩效自评报告\n我局负责全县42个部门预算编制、执行监督和绩效管理工作。\n"
    "一、部门基本情况\n全年预算968万元，实际支出940.2万元。",
    "示例枫林县教育局\n2023年度部门整体支出绩效自评报告\n本系统共有8个预算单位。\n一、部门基本情况\n全年预算968万元，实际支出940.2万元。",
    "示例枫林县人民政府\n2023年度部门整体支出绩效自评报告\n我局组织对所属6个预算单位开展了部门整体支出绩效自评。\n"
    "一、部门基本情况\n全年预算968万元，实际支出940.2万元。",
    # a unit's report published as a notice about it
    "关于示例枫林县林业局2023年度部门整体支出绩效自评情况的公示\n根据县财政局要求，我局开展了自评，全年预算968万元，实际支出940.2万元。",
    "关于2023年度示例枫林县人民政府办公室部门整体支出绩效自评情况的公示\n全年预算968万元，实际支出940.2万元。",
    "关于对示例枫林县财政局2023年度部门整体支出绩效自评结果的公示\n全年预算968万元，实际支出940.2万元。",
    "关于示例枫林县林业局2023年度部门整体支出绩效自评结果的公开\n全年预算968万元，实际支出940.2万元。",
    # a unit's own title: what it counts is its work
    "示例枫林县发展和改革局2023年度部门整体支出绩效自评报告\n我局牵头12个部门推进营商环境改革。\n全年预算968万元，实际支出940.2万元。",
    "示例枫林县青石镇人民政府关于2023年度部门整体支出绩效自评情况的报告\n"
    "我镇下辖12个村，内设6个部门。全年预算968万元，实际支出940.2万元。",
    # the finance bureau's notice cited by the unit's report, in 《》
    "示例枫林县林业局2023年度部门整体支出绩效自评报告\n根据县财政局《关于开展2023年度部门整体支出绩效自评工作的通知》"
    "要求，我局开展了自评。\n全年预算968万元，实际支出940.2万元。",
    # a unit's report as published
    "示例枫林县林业局2023年度部门整体支出绩效自评报告公示\n一、部门基本情况\n全年预算968万元，实际支出940.2万元。",
    "示例枫林县林业局2023年度部门整体支出绩效自评报告公示\n根据县财政局要求，我局开展了自评，全年预算968万元，实际支出940.2万元。",
    "示例枫林县林业局2023年度部门整体支出绩效自评报告（公示）\n一、部门基本情况\n全年预算968万元，实际支出940.2万元。",
    "示例枫林县林业局2023年度部门整体支出绩效自评报告公开\n一、部门基本情况\n全年预算968万元，实际支出940.2万元。",
])
def test_a_units_own_report_stays_one_whatever_it_counts_or_cites(text):
    rec = parse(text)
    assert rec.kind == "department" and rec.overall.actual == D("940.2")


# --- whose report a page is: a summary of every department or of a level's, a list of units' reports, or a unit's own ---
_EVERY_DEPARTMENT = [
    # a finance bureau's or a government's report on every department, uncounted or counted under 评价对象
    ("示例松风县财政局关于2023年度部门整体支出绩效自评情况的报告\n县人民政府：\n按照工作安排，县财政局组织县直各预算部门开展了2023年度部门"
     "整体支出绩效自评，现将有关情况报告如下：\n一、基本情况\n本次自评覆盖县直一级预算单位。", "other"),
    ("示例松风县人民政府关于2023年度部门整体支出绩效评价情况的报告\n县人大常委会：\n县财政局对县委办、县政府办等十二个县直部门2023年度"
     "部门整体支出开展了重点评价。\n一、评价结论\n十二个部门平均得分86.5分。", "other"),
    # a finance bureau's own report, or a government office's, saying it organised every department's
    ("示例松风县财政局2023年度部门整体支出绩效自评报告\n我局在组织各预算部门开展绩效自评的同时，对本部门整体支出开展了自评。\n"
     "一、部门基本情况\n我局内设股室9个。", "department"),
    ("示例松风县人民政府办公室2023年度部门整体支出绩效自评报告\n县财政局组织县直各部门开展自评，现将我办自评情况报告如下。\n"
     "一、部门基本情况\n我办内设股室6个。", "department"),
    # units under it, counted under 评价范围: one department's report
    ("部门整体支出绩效自评报告\n一、评价范围\n包括局机关及所属林业站、国有林场等5个单位的部门整体支出。\n二、部门基本情况\n"
     "示例松风县林业局内设股室4个。", "department"),
    # a unit's own report saying its finance bureau asked every department for one
    ("示例松风县人民政府\n2023年度部门整体支出绩效自评报告\n县财政局组织各部门开展2023年度部门整体支出绩效自评。\n一、部门基本情况\n"
     "本单位内设股室4个。\n二、预算执行情况\n2023年度全年预算331万元，实际支出299.7万元。", "department"),
]


_A_LEVELS_SUMMARY = [
    # a title naming a level's departments, or a 总报告 of no unit
    ("2023年度县直部门整体支出绩效评价结果报告\n一、评价范围\n县财政局组织开展了重点评价。\n二、评价结果\n"
     "全年预算69,210万元，实际支出67,930.5万元。", "other"),
    ("关于2023年度市级部门整体支出绩效评价情况的报告\n一、总体情况\n全年预算69,210万元，实际支出67,930.5万元。", "other"),
    ("示例松风县2023年度部门整体支出绩效评价总报告\n一、评价概况\n县财政局委托第三方机构对县直部门开展了重点评价，"
     "涉及资金3.2亿元。", "other"),
    # a level's departments counted in the first section of a finance bureau's 评价报告, or of a title of no unit
    ("示例松风县财政局2023年度部门整体支出绩效评价报告\n一、评价对象\n本次评价对象为县委办、县政府办等十二个县直部门"
     "2023年度部门整体支出，涉及资金1.8亿元。\n二、评价结论\n十二个部门平均得分86.5分。", "other"),
    ("2023年度部门整体支出绩效评价报告\n一、评价范围\n县财政局对县直28家一级预算单位2023年度部门整体支出开展了绩效评价。\n"
     "二、评价结果\n全年预算69,210万元，实际支出67,930.5万元。", "other"),
    # a unit's own report: a 总报告 of its own, the units it serves (no evaluation), its own evaluation of its units
    ("示例松风县林业局2023年度部门整体支出绩效评价总报告\n一、部门基本情况\n我局内设股室4个。\n二、预算执行情况\n"
     "全年预算331万元，实际支出299.7万元。", "department"),
    ("2023年度部门整体支出绩效自评报告\n一、部门基本情况\n示例松风县机关事务服务中心负责县直30个单位的办公用房保障。\n"
     "二、预算执行情况\n全年预算331万元，实际支出299.7万元。", "department"),
    # a finance bureau's own 自评报告 counting the departments whose evaluation it organised
    ("示例松风县财政局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n2023年，我局组织县直52个部门开展了绩效自评，"
     "并对12个部门开展了重点评价。\n二、预算执行情况\n全年预算331万元，实际支出299.7万元。", "department"),
    # a department's title naming the level before its name (县直机关工委) is its own
    ("示例松风县直机关工委2023年度部门整体支出绩效自评报告\n一、部门基本情况\n内设科室3个。\n二、预算执行情况\n"
     "全年预算331万元，实际支出299.7万元。", "department"),
    # a unit's template title naming a level, its own name beside it
    ("示例松风县档案馆2023年度市级部门整体支出绩效自评报告\n一、部门基本情况\n内设科室3个。\n二、预算执行情况\n"
     "全年预算331万元，实际支出299.7万元。", "department"),
    ("示例松风县档案馆\n2023年度县直部门整体支出绩效自评报告\n一、部门基本情况\n内设科室3个。\n二、预算执行情况\n"
     "全年预算331万元，实际支出299.7万元。", "department"),
    ("示例松风县档案馆\n部门整体支出绩效评价总报告\n一、部门基本情况\n内设科室3个。\n二、预算执行情况\n"
     "全年预算331万元，实际支出299.7万元。", "department"),
    # the departments a unit's duties reach, under its first section, with no 整体支出 evaluated
    ("2023年度部门整体支出绩效评价报告\n一、评价对象\n示例松风县审计局负责对县直20个部门开展经济责任审计和绩效评估。\n"
     "二、预算执行情况\n全年预算331万元，实际支出299.7万元。", "department"),
    ("2023年度部门整体支出绩效评价报告\n一、部门基本情况\n示例松风县财政局负责对县直56个部门2023年度部门整体支出开展绩效评价。\n"
     "二、预算执行情况\n全年预算331万元，实际支出299.7万元。", "department"),
]


@pytest.mark.parametrize("title, kind", [
    ("示例松风县2023年度县级部门整体支出绩效自评结果公开", "other"),
    ("2023年度县直部门整体支出绩效自评结果汇总", "other"),
    ("2023年度县直部门整体支出绩效自评报告", "department"),  # a unit's template
    ("2023年度县直部门整体支出绩效自评情况报告", "department"),
    ("2023年度市级部门整体支出绩效自评工作报告", "department"),
])
def test_results_published_for_a_levels_departments(title, kind):
    text = (f"{title}\n根据县财政局统一部署，现将有关情况公开如下：\n一、预算执行情况\n全年预算331万元，实际支出299.7万元。")
    assert parse(text, paragraphs=True).kind == kind


_A_LIST_OF_REPORTS = [
    # a column's list of several units' reports, no figure: no report
    ("绩效评价\n示例松风县统计局2023年度部门整体支出绩效自评报告2024-05-10\n示例松风县水务局2023年度部门整体支出绩效自评报告2024-05-11\n"
     "示例松风县民政局2023年度部门整体支出绩效自评报告2024-05-12\n共5页 第1页 下一页", "other"),
    # a unit's own title over its units' report titles (no dates): its report
    ("示例松风县教育局2023年度部门整体支出绩效自评报告\n示例松风县第一中学2023年度部门整体支出绩效自评报告\n"
     "示例松风县第二中学2023年度部门整体支出绩效自评报告\n示例松风县实验小学2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"
     "预算执行率97.20%。", "department"),
    # the same unit's title twice, then its report
    ("示例松风县统计局2023年度部门整体支出绩效自评报告\n示例松风县统计局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"
     "全年预算331万元，实际支出299.7万元。", "department"),
]


@pytest.mark.parametrize("text, kind", _EVERY_DEPARTMENT + _A_LEVELS_SUMMARY + _A_LIST_OF_REPORTS)
def test_whose_report_a_page_is(text, kind):
    assert parse(text, paragraphs=True).kind == kind
