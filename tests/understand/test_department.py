"""Department and year from the title, 单位名称 or 来源, as the full official name."""
import pytest

from understand.helpers_understand import parse, parse_fixture


def test_short_title_name_takes_the_full_name_from_the_source_line():
    rec = parse_fixture("web_page.txt")
    assert rec.department == "示例白鹭市东湖区档案馆"
    assert rec.year == 2021


def test_breadcrumb_is_never_the_department():
    rec = parse("当前位置：首页 > 政务公开 > 财政资金 > 绩效评价\n"
                "2022年度部门整体支出绩效自评报告\n单位名称：示例松风县自然资源局\n一、部门概况\n本局负责全县国土空间规划工作。", paragraphs=True)
    assert rec.department == "示例松风县自然资源局"
    assert rec.year == 2022


def test_attachment_line_is_never_the_title():
    rec = parse("附件2：2019年度项目资金明细\n示例竹山县气象局2021年度部门整体支出绩效自评报告\n"
                "一、部门概况\n本局负责全县气象观测工作。", paragraphs=True)
    assert (rec.department, rec.year) == ("示例竹山县气象局", 2021)


@pytest.mark.parametrize("year", ["（2021年度）", "(2021年)", "（2021年）"])
def test_a_title_with_its_year_in_brackets_after_it(year):
    rec = parse(f"示例竹山县气象局部门整体支出绩效自评报告{year}\n一、部门概况\n本局负责全县气象观测工作。", paragraphs=True)
    assert (rec.department, rec.year) == ("示例竹山县气象局", 2021)


@pytest.mark.parametrize("year", ["二〇二一年度", "二○二一年度", "二零二一年"])
def test_a_title_year_in_chinese_numerals(year):
    rec = parse(f"示例竹山县气象局{year}部门整体支出绩效自评报告\n一、部门概况\n本局负责全县气象观测工作。", paragraphs=True)
    assert (rec.department, rec.year) == ("示例竹山县气象局", 2021)


@pytest.mark.parametrize("line", ["示例竹山县财政局二〇二二年度部门整体支出绩效评价指标体系",
                                  "根据《示例竹山县财政局关于开展二〇二二年度部门整体支出绩效自评工作的通知》",
                                  "二〇二二年度绩效自评得分：88分"])
def test_a_chinese_numeral_year_elsewhere_is_no_title(line):
    """Only the title's own year in Chinese numerals is read: a cited notice's, a system's or last year's line is none."""
    rec = parse(f"示例竹山县气象局部门整体支出绩效自评报告\n{line}\n一、部门概况\n2021年度年初预算52.00万元，全年实际支出50.10万元。",
                paragraphs=True)
    assert (rec.department, rec.year) == ("示例竹山县气象局", 2021)


def test_a_date_in_chinese_numerals_is_no_year():
    rec = parse("示例竹山县气象局部门整体支出绩效自评报告\n二〇二二年三月\n一、部门概况\n2021年度年初预算52.00万元，全年实际支出50.10万元。",
                paragraphs=True)
    assert rec.year == 2021


def test_the_sites_banner_over_a_title_naming_no_unit_is_not_the_unit():
    """A line above the title that the chrome names as the page's source is the site's banner: the first
    sentence's unit is the report's."""
    rec = parse("示例青川县广播电视台\n2023年度部门整体支出绩效自评报告\n来源：示例青川县广播电视台  发布时间：2024-04-16\n"
                "一、部门基本情况\n示例青川县文化馆内设机构3个，在职人员18人。\n二、预算执行情况\n2023年度年初预算312.60万元。",
                paragraphs=True)
    assert rec.department == "示例青川县文化馆"


@pytest.mark.parametrize("banner", ["示例青川县人民政府", "示例青川市人民政府", "示例青川县人民政府门户网站"])
def test_a_portals_name_over_a_title_naming_no_unit_is_not_the_unit(banner):
    """A county's or city's government (or its portal) is no department: over a title naming no unit, the
    page's banner, not the unit, though no chrome names it."""
    body = "2023年度部门整体支出绩效自评报告\n一、部门基本情况\n{}内设机构3个，在职人员18人。\n二、预算执行情况\n2023年度年初预算312.60万元。"
    assert parse(banner + "\n" + body.format("示例青川县文化馆"), paragraphs=True).department == "示例青川县文化馆"
    chrome = "发布机构：示例青川县文化馆\n"  # (the chrome names the unit, the sentences speak as 我馆)
    assert parse(chrome + banner + "\n" + body.format("我馆"), paragraphs=True).department == "示例青川县文化馆"


@pytest.mark.parametrize("banner, sentence, unit", [
    ("示例青川县融媒体中心", "我局内设股室6个。", None), ("示例青川县融媒体中心", "本中心内设部室6个。", "示例青川县融媒体中心"),
    ("示例青川县卫生健康委员会", "我委内设股室6个。", "示例青川县卫生健康委员会"),
    ("示例青川县人民政府办公室", "我办内设股室6个。", "示例青川县人民政府办公室"),
    # only a portal's or a news site's banner gives way so: a unit above the title keeps it, whatever else speaks
    ("示例青川县青石镇人民政府", "我镇辖12个行政村，镇卫生院为县直管单位，本院经费不在本报告范围。", "示例青川县青石镇人民政府"),
    ("示例青川县动物卫生监督所", "我所为县农业农村局下属单位，经本局批准设立。", "示例青川县动物卫生监督所"),
    ("示例青川县人民政府", "本部门内设机构4个。", "示例青川县人民政府"),
    ("示例青川县广播电视台", "我台内设部室5个，我局统筹的项目另行报告。", "示例青川县广播电视台")])
def test_a_banner_is_not_the_unit_when_the_sentences_speak_as_an_office_of_another_kind(banner, sentence, unit):
    """A line above a title naming no unit is the site's banner when the first sentences speak as an office it is not
    ("我局…" under a 融媒体中心's banner); "我委" is a 委员会's, "我办" an 办公室's."""
    rec = parse(f"{banner}\n2023年度部门整体支出绩效自评报告\n一、部门基本情况\n{sentence}\n二、预算执行情况\n"
                "2023年度年初预算312.60万元。", paragraphs=True)
    assert rec.department == unit


@pytest.mark.parametrize("sentence", ["示例青川县财政局组织开展2023年度部门整体支出绩效评价，我局内设机构3个。",
                                      "县文化馆、县图书馆为本部门所属单位，在职人员18人。", "我局内设股室6个，编制人数34人。",
                                      "根据县财政局要求，本中心开展了部门整体支出绩效自评。",
                                      "示例青川会计师事务所对我局2023年度部门整体支出开展了绩效评价。"])
def test_under_a_governments_banner_a_finance_bureau_an_evaluator_or_a_list_is_no_author(sentence):
    """The government's banner dropped, the first sentence's finance bureau (that asked for the report), evaluator or
    list of units is not the unit either, nor is the government when the sentences speak as an office ("我局…"): none
    is given rather than a wrong one."""
    rec = parse(f"示例青川县人民政府\n2023年度部门整体支出绩效自评报告\n一、部门基本情况\n{sentence}\n二、预算执行情况\n"
                "2023年度年初预算312.60万元。", paragraphs=True)
    assert rec.department is None


@pytest.mark.parametrize("sentence, unit", [
    ("示例青川县财政局组织开展2023年度部门整体支出绩效评价，我局内设机构3个。", None),
    ("示例青川会计师事务所对我局2023年度部门整体支出开展了绩效评价。", None),
    ("示例青川县财政局内设股室8个，在职人员40人。", "示例青川县财政局"),
    ("示例青川县财政局组织全局干部职工，围绕年度重点工作开展了部门整体支出绩效自评。", "示例青川县财政局"),
    ("示例青川县公共交通管理有限公司是县政府出资设立的公益性企业，在职人员40人。", "示例青川县公共交通管理有限公司")])
def test_the_evaluator_or_the_finance_bureau_organising_the_evaluation_is_not_the_unit(sentence, unit):
    rec = parse(f"2023年度部门整体支出绩效自评报告\n一、部门基本情况\n{sentence}\n二、预算执行情况\n2023年度年初预算312.60万元。",
                paragraphs=True)
    assert rec.department == unit


def test_a_site_is_never_the_unit():
    rec = parse("示例青川县人民政府门户网站\n2023年度部门整体支出绩效自评报告\n一、部门基本情况\n我局内设机构3个。\n"
                "二、预算执行情况\n2023年度年初预算312.60万元。", paragraphs=True)
    assert rec.department is None


@pytest.mark.parametrize("town", ["示例青川县白沙镇人民政府", "示例青川县白沙乡人民政府"])
def test_a_towns_government_over_its_title_is_the_unit(town):
    rec = parse(f"{town}\n2023年度部门整体支出绩效自评报告\n一、部门基本情况\n示例青川县白沙镇人民政府内设机构3个。\n"
                "根据示例青川县财政局要求开展自评。\n二、预算执行情况\n2023年度年初预算312.60万元。", paragraphs=True)
    assert rec.department == town


def test_the_units_own_name_over_its_title_is_kept_when_a_sentence_cuts_it():
    """The line above the title is the unit's own name, the chrome's publisher too; the first sentence's name,
    cut at 区委 ("…区委组织部内设机构…"), is the start of it, no other unit."""
    rec = parse("发布机构：示例青川区委组织部\n示例青川区委组织部\n2023年度部门整体支出绩效自评报告\n"
                "一、部门基本情况\n示例青川区委组织部内设机构6个，编制人数45人。\n二、预算执行情况\n2023年度年初预算312.60万元。",
                paragraphs=True)
    assert rec.department == "示例青川区委组织部"


def test_a_bracketed_year_field_under_the_title():
    rec = parse("示例竹山县气象局部门整体支出绩效自评报告\n（评价年度：2021年）\n一、部门概况\n本局负责全县气象观测工作。",
                paragraphs=True)
    assert (rec.department, rec.year) == ("示例竹山县气象局", 2021)


def test_full_title_name_is_kept():
    rec = parse("示例竹山县气象局2021年度部门整体支出绩效自评报告\n发布机构：示例竹山县气象局\n一、部门概况\n本局负责全县气象观测。")
    assert rec.department == "示例竹山县气象局"


def test_short_title_name_takes_the_full_name_from_the_first_sentence():
    rec = parse("林业局2021年度部门整体支出绩效自评报告\n"
                "为规范财政资金管理，示例松风县林业局对2021年度部门整体支出开展了绩效自评。", paragraphs=True)
    assert rec.department == "示例松风县林业局"


@pytest.mark.parametrize("short, full", [("县委宣传部", "中共示例松风县委宣传部"), ("县司法局", "示例松风县司法局"),
                                         ("区住房城乡建委", "示例松风区住房城乡建委")])
def test_title_name_without_its_place_takes_the_full_name_from_the_form(short, full):
    """The title's "县委宣传部" (the county's name dropped, its level kept) is the form's
    "中共松风县委宣传部": the page's full name is written."""
    rec = parse(f"2022年度{short}整体支出绩效自评报告\n部门（单位）名称：{full}\n一、部门基本情况\n本部门内设机构4个。",
                paragraphs=True)
    assert (rec.department, rec.year) == (full, 2022)


def test_evaluating_unit_is_not_the_unit_even_sealed():
    """A third party's cover: 委托单位, 评价单位（公章）(the firm that evaluated, sealed) and 被评价单位 (the unit)."""
    rec = parse("部门整体支出绩效评价报告\n委托单位:示例松风县财政局\n评价单位(公章):示例松风正信会计师事务所\n"
                "被评价单位:示例松风县交通运输局\n一、部门基本情况\n该局内设机构3个。", paragraphs=True)
    assert rec.department == "示例松风县交通运输局"


def test_project_forms_label_run_onto_its_cell_is_no_part_of_the_name():
    rec = parse("项目支出绩效自评表\n项目名称\t文化惠民工程\n实施单位\t示例松风区文化馆\n", paragraphs=True)
    assert rec.department == "示例松风区文化馆"


def test_third_partys_evaluating_unit_is_not_the_unit():
    rec = parse("部门整体支出绩效评价报告\n评价单位：示例松风会计师事务所有限公司\n一、部门基本情况\n该局内设机构3个。",
                paragraphs=True)
    assert rec.department is None


def test_a_community_is_no_district_of_the_short_name():
    """"区老年大学" (the district's) is not "东城社区老年大学" (a teaching point in a community)."""
    rec = parse("区老年大学2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"
                "东城社区老年大学是区老年大学在东城街道设立的教学点。", paragraphs=True)
    assert rec.department == "区老年大学"


@pytest.mark.parametrize("title", ["中共示例松风县委组织部 (示例松风县公务员局) 2023年度部门整体支出绩效自评报告",
                                   "中共示例松风县委组织部 ( 示例松风县公务员局 ) 2023年度部门整体支出绩效自评报告"])
def test_second_name_in_spaced_brackets(title):
    rec = parse(f"{title}\n一、部门基本情况\n本部内设机构6个。", paragraphs=True)
    assert rec.department == "中共示例松风县委组织部"


@pytest.mark.parametrize("value", ["示例松风县卫生健康局部门整体支出", "示例松风县卫生健康局及所属单位"])
def test_evaluation_object_names_the_unit(value):
    rec = parse(f"部门整体支出绩效评价报告\n评价对象：{value}\n评价年度：2023年度\n一、基本情况\n该局内设机构5个。", paragraphs=True)
    assert (rec.department, rec.year) == ("示例松风县卫生健康局", 2023)


def test_site_name_above_the_title_gives_way_to_the_name_line():
    rec = parse("示例松风县人民政府\n2021年度部门整体支出绩效自评报告\n单位名称：示例松风县审计局\n"
                "一、部门概况\n本局负责全县审计监督工作。", paragraphs=True)
    assert rec.department == "示例松风县审计局"


def test_title_set_on_three_short_lines():
    rec = parse("2023年度\n示例青石县供销合作社联合社\n部门整体支出绩效评价报告\n一、部门概况\n本社机关设办公室。")
    assert (rec.department, rec.year) == ("示例青石县供销合作社联合社", 2023)


def test_title_naming_only_the_place_gives_way_to_the_name_line():
    rec = parse("示例青石区2022年度部门整体支出绩效评价自评报告\n部门（单位）名称：示例青石区残疾人联合会\n"
                "一、部门（单位）基本概况\n区残联内设办公室。", paragraphs=True)
    assert rec.department == "示例青石区残疾人联合会"


def test_name_in_the_first_sentence_under_a_generic_title():
    rec = parse("部门整体支出绩效自评报告\n2022年，示例青石县审计局按照县财政局部署，对本部门整体支出开展了绩效自评。\n"
                "一、部门概况\n本局内设 5 个股室。", paragraphs=True)
    assert (rec.department, rec.year) == ("示例青石县审计局", 2022)


def test_form_header_with_year_line_and_stamp_line():
    rec = parse("部门整体支出绩效自评表\n（2023年度）\n填报单位（盖章）：示例青石县统计局\n一、说明\n本表由单位填报。",
                paragraphs=True)
    assert (rec.department, rec.year) == ("示例青石县统计局", 2023)


def test_form_header_with_pipe_cells():
    rec = parse("部门整体支出绩效自评表\n（2023年度）\n部门（单位）名称 | 示例青石县水利局 |\n一、说明\n本表由单位填报。",
                paragraphs=True)
    assert (rec.department, rec.year) == ("示例青石县水利局", 2023)


def test_title_with_its_place_on_a_line_of_its_own():
    rec = parse("示例青石县\n档案馆\n2023年度部门整体支出\n绩效自评报告\n一、部门概况\n本馆内设科室2个。", paragraphs=True)
    assert (rec.department, rec.year) == ("示例青石县档案馆", 2023)


def test_place_line_above_a_unit_line_above_the_title():
    rec = parse("示例青石县\n档案馆\n2023年度部门整体支出绩效自评报告\n一、部门概况\n本馆内设科室2个。", paragraphs=True)
    assert (rec.department, rec.year) == ("示例青石县档案馆", 2023)


def test_a_finance_bureaus_evaluation_names_the_unit_it_evaluated():
    rec = parse("示例青石县财政局关于示例青石县卫生健康局2023年度部门整体支出绩效评价报告\n一、部门概况\n"
                "年初预算2,310.00万元，实际支出2,208.40万元。", paragraphs=True)
    assert (rec.department, rec.year, rec.kind) == ("示例青石县卫生健康局", 2023, "department")


def test_a_unit_reporting_on_its_own_spending_keeps_its_name():
    rec = parse("示例青石县档案馆关于2023年度部门整体支出绩效自评的报告\n一、部门概况\n本馆内设科室2个。", paragraphs=True)
    assert (rec.department, rec.year) == ("示例青石县档案馆", 2023)


# --- what a name never is: a sentence's words around it ------------------------------------------
def test_a_sentence_is_no_title_and_its_doer_no_unit():
    # a line with 。 is a sentence (区财政局 evaluated last year's spending), not the title
    rec = parse("2023年度部门整体支出绩效自评报告\n单位名称：示例青石县档案馆\n一、上年度评价结果应用\n"
                "区财政局对我单位2022年度部门整体支出评价得分82分。\n二、自评\n年初预算92.00万元。", paragraphs=True)
    assert (rec.department, rec.year) == ("示例青石县档案馆", 2023)


def test_the_object_of_an_evaluation_is_named_without_its_preposition():
    rec = parse("示例青石县财政局关于对示例青石县住建局2023年度部门整体支出绩效评价结果的公告\n一、基本情况\n"
                "年初预算2,416.00万元。", paragraphs=True)
    assert (rec.department, rec.year) == ("示例青石县住建局", 2023)


def test_a_cited_notices_publisher_is_not_the_unit():
    # the title names no year; the citation is no title, its publisher no unit; the notice that
    # launched this evaluation gives the year it evaluates
    rec = parse("示例湖东县林草局部门整体支出绩效自评报告\n"
                "根据《示例湖东县财政局关于开展2023年度部门整体支出绩效自评工作的通知》要求\n"
                "一、部门整体支出情况\n年初预算826.00万元。", paragraphs=True)
    assert (rec.department, rec.year) == ("示例湖东县林草局", 2023)


def test_a_documents_issue_year_is_not_the_report_year():
    rec = parse("示例湖东县粮食和物资储备局部门整体支出绩效自评报告\n"
                "根据《示例湖东县预算绩效管理办法》（2022年印发）要求，我局对本年度部门整体支出开展自评。\n"
                "一、部门整体支出情况\n2023年年初预算526.00万元，实际支出596.40万元。", paragraphs=True)
    assert rec.year == 2023
    assert rec.overall.initial_budget is not None


@pytest.mark.parametrize("publisher", ["示例松风县人民政府办公室", "示例松风县人民政府", "示例白鹭市人民政府办公厅"])
def test_a_portals_publisher_is_not_the_unit(publisher):
    # the county portal (its government, or the 政府办公室 that runs it) publishes every unit's report
    rec = parse(f"2023年度部门整体支出绩效自评报告\n索引号：0001-2024-0012　发布机构：{publisher}\n"
                "一、部门整体支出情况\n我局年初预算210.00万元。", paragraphs=True)
    assert rec.department is None


@pytest.mark.parametrize("title, year", [
    ("示例湖东县档案馆2024年公开部门整体支出绩效自评报告", None),  # the year it was published
    ("示例湖东县档案馆2021至2022年度部门整体支出绩效自评报告", None),  # two years, no one year
    ("示例湖东县档案馆2023年度部门整体支出绩效自评报告", 2023),
])
def test_a_title_year_that_is_not_the_evaluated_one(title, year):
    rec = parse(title + "\n一、部门整体支出情况\n本年度我馆年初预算210.00万元。", paragraphs=True)
    assert (rec.department, rec.year) == ("示例湖东县档案馆", year)


@pytest.mark.parametrize("name", ["示例东湖区侨联", "示例青川县妇联", "示例潭西县残联", "示例龙溪县林场",
                                  "示例龙溪县老年大学", "示例东湖区科协", "示例东湖区广播电视台", "示例龙溪县气象台"])
def test_short_names_of_peoples_organisations_and_institutions(name):
    rec = parse(f"{name}2023年度部门整体支出绩效自评报告\n一、部门概况\n年初预算52.00万元。", paragraphs=True)
    assert rec.department == name


def test_the_evaluated_unit_line_of_a_third_partys_report():
    rec = parse("2023年度部门整体支出绩效评价报告\n委托单位：示例青川县财政局\n评价机构：示例会计师事务所有限公司\n"
                "被评价单位：示例青川县水利局\n一、部门整体支出情况\n年初预算2,126.00万元。", paragraphs=True)
    assert rec.department == "示例青川县水利局"


@pytest.mark.parametrize("title, period, year", [
    # the title's year is its fund's ("2023年异地造林补助资金"): the period line under it says the year evaluated
    ("示例青石县林业局2023年异地造林补助资金项目支出绩效自评报告", "（2024年度）", 2024),
    ("示例青石县林业局2023年度部门整体支出绩效自评报告", "（2024年度）", 2023),  # a title's own 年度 stands
    ("示例青石县林业局2023年部门整体支出绩效自评报告", "（2024年度）", 2023),
    ("示例青石县文化馆2023年支出绩效自评报告", "（2024年度）", 2023),  # no fund named: the title's year stands
    ("关于示例青石县文化馆2023年支出绩效自评情况的报告", "（2024年度）", 2023),
    ("示例青石县文化馆2023年文化惠民工程部门整体支出绩效自评报告", "（2024年度）", 2023),
    ("示例青石县财政局2023年财政资金部门整体支出绩效自评报告", "（2024年度）", 2023),  # a department's report
    ("示例青石县图书馆2023年部门预算资金绩效自评报告", "（2022年度）", 2023),  # (部门预算资金: the period's money)
    ("示例青石县文化馆2023年县级财政资金绩效自评报告", "（2024年度）", 2023),  # a source of money, no fund
    ("示例青石县文化馆关于2023年专项资金使用情况的绩效自评报告", "（2024年度）", 2023),
    ("示例青石县农业农村局2022年中央财政衔接推进乡村振兴补助资金项目绩效自评报告", "（2023年度）", 2023),
    ("示例青石县林业局部门整体支出绩效自评报告", "( 20 22 年度 )", 2022),  # digits set apart, as a form prints them
])
def test_period_line_under_the_title(title, period, year):
    rec = parse(f"{title}\n{period}\n一、基本情况\n本局全年实际支出 300.00 万元。", paragraphs=True)
    assert rec.year == year


@pytest.mark.parametrize("text, want", [
    ("部门整体支出绩效自评表 | ||||\n(2023年度) | ||||\n部门 | 示例青石县茶园服务中心 | |||\n一、说明\n本表由单位填报。",
     "示例青石县茶园服务中心"),
    ("2022年度部门整体支出绩效自评表 | 部门:示例青石县第二中学 |\n一、说明\n本表由单位填报。", "示例青石县第二中学"),
    # a 部门 ending a longer word, or opening a heading, is no label
    ("2022年度部门整体支出绩效自评报告\n主管部门：示例青石县教育局\n一、部门基本情况\n本校有教职工 40 人。", None),
    # an office ("财务室"), a supervising department beside the unit's own field, another field naming the unit
    ("2022年度部门整体支出绩效自评报告\n填报人：李明 部门：财务室 联系电话：1234\n一、说明\n本表由单位填报。", None),
    ("2022年度部门整体支出绩效自评报告\n部门：示例青石县文化广电旅游局 单位：示例青石县图书馆\n一、说明\n本表由单位填报。", None),
    ("部门:示例青石县财政局 | 被评价单位:示例青石县图书馆 |\n2022年度部门整体支出绩效自评报告\n一、说明\n本表由单位填报。",
     "示例青石县图书馆"),
    ("2022年度部门整体支出绩效自评表 | 部门:示例青石县第三中学 | 金额单位:元 |\n一、说明\n本表由单位填报。", "示例青石县第三中学"),
    # a person's 部门 on the filler's line, an office within a unit
    ("部门整体支出绩效自评表（2023年度）\n填报人：王芳 部门：示例青石县财政局预算股 电话：1234\n一、说明\n本表由单位填报。", None),
    ("部门整体支出绩效自评表（2023年度）\n填报人：王芳 | 部门：示例青石县文化馆办公室 | 日期：2024年3月\n一、说明\n本表填报。", None),
    ("部门整体支出绩效自评表（2023年度）\n部门：示例青石县文化和旅游局计财股\n一、说明\n本表由单位填报。", None),
    ("部门整体支出绩效自评表（2023年度）\n部门：示例青石县人民政府办公室\n一、说明\n本表由单位填报。", "示例青石县人民政府办公室"),
    ("部门整体支出绩效自评表（2023年度）\n制表人：王芳 部门：示例青石县图书馆\n一、说明\n本表由单位填报。", None),
    ("部门整体支出绩效自评表（2023年度）\n部门：示例青石县图书馆    填表人：李明\n一、说明\n本表由单位填报。", "示例青石县图书馆"),
])
def test_a_forms_bare_bumen_field_names_the_unit(text, want):
    assert parse(text, paragraphs=True).department == want


@pytest.mark.parametrize("title, unit", [
    # a site's name the title's line begins with, set apart by a space: the last name, when it opens with its place
    ("示例青川县财政局 示例青川县市场监管局2023年度部门整体支出绩效自评报告", "示例青川县市场监管局"),
    ("示例青川县人民政府网 示例青川县档案馆2023年度部门整体支出绩效自评报告", "示例青川县档案馆"),
    ("中共示例青川县委 组织部2023年度部门整体支出绩效自评报告", "中共示例青川县委组织部"),
    ("示例青川市生态环境局 示例青川县分局2023年度部门整体支出绩效自评报告", "示例青川市生态环境局示例青川县分局"),
    ("示例青川县公安局 示例青川县公安局交通警察大队2023年度部门整体支出绩效自评报告", "示例青川县公安局交通警察大队"),
    ("示例青川县教育局 示例青川县实验小学分校2023年度部门整体支出绩效自评报告", "示例青川县实验小学分校"),
    # a party body's offices end in 机关
    ("中共示例青川县纪委县监委机关2023年度部门整体支出绩效自评报告", "中共示例青川县纪委县监委机关"),
    ("示例青川县政协机关2023年度部门整体支出绩效自评报告", "示例青川县政协机关")])
def test_the_titles_unit(title, unit):
    assert parse(f"{title}\n二、预算执行情况\n2023年度年初预算312.60万元。", paragraphs=True).department == unit


@pytest.mark.parametrize("opening, unit", [
    ("现将我局2023年度部门整体支出绩效自评情况报告如下：", None),  # a verb and a pronoun, no name
    ("现将示例青川县粮食和物资储备局2023年度部门整体支出绩效自评情况报告如下：", "示例青川县粮食和物资储备局"),
    ("现就示例青川县林业局2023年度部门整体支出绩效自评情况报告如下：", "示例青川县林业局"),
    ("本次评价对象为示例青川县林业局2023年度部门整体支出。", "示例青川县林业局")])  # (not "为…")
def test_an_opening_that_reads_like_a_title(opening, unit):
    assert parse(f"{opening}\n二、预算执行情况\n2023年度年初预算312.60万元。", paragraphs=True).department == unit


@pytest.mark.parametrize("title", [
    "示例松风县财政局关于公开示例松风县商务局2023年度部门整体支出绩效自评报告的公告",
    "示例松风县财政局关于公布示例松风县商务局2023年度部门整体支出绩效自评报告的公告",
    "转发示例松风县商务局2023年度部门整体支出绩效自评报告",
    "示例松风县财政局：示例松风县商务局2023年度部门整体支出绩效自评报告",
    "公布：示例松风县商务局2023年度部门整体支出绩效自评报告",
])
def test_a_notices_verb_or_its_publisher_before_the_units_name(title):
    rec = parse(f"{title}\n一、部门基本情况\n我局内设股室5个。\n二、部门整体支出情况\n2023年，我局全年预算310.00万元，实际支出302.40万元。",
                paragraphs=True)
    assert (rec.department, rec.year) == ("示例松风县商务局", 2023)


@pytest.mark.parametrize("source, speaks", [("示例松风县发展和改革局", "我中心"), ("示例松风县教育局", "我校"),
                                            ("示例松风县白石镇人民政府", "我站")])  # (a bureau over its institution)
def test_a_source_of_another_kind_than_the_office_speaking_is_the_publisher(source, speaks):
    rec = parse(f"2023年度部门整体支出绩效自评报告\n发布时间：2024-05-20 来源：{source} 浏览次数：58\n一、部门基本情况\n"
                f"{speaks}主要承担公共服务职能。\n二、部门整体支出情况\n2023年，{speaks}全年预算310.00万元，实际支出302.40万元。",
                paragraphs=True)
    assert rec.department is None and rec.year == 2023


@pytest.mark.parametrize("source, speaks", [("示例松风县农业农村局", "我局"), ("示例松风县第一中学", "我校"),
                                            ("示例松风县卫生健康委员会", "我局"), ("示例松风县档案馆", "我局"),
                                            ("示例松风县机关事务服务中心", "我局")])
def test_a_source_of_the_office_speaking_or_of_no_bureau_is_the_unit(source, speaks):
    rec = parse(f"2023年度部门整体支出绩效自评报告\n发布时间：2024-05-20 来源：{source} 浏览次数：58\n"
                f"一、部门基本情况\n{speaks}内设股室5个。\n二、部门整体支出情况\n2023年，{speaks}全年预算310.00万元，实际支出302.40万元。",
                paragraphs=True)
    assert rec.department == source


@pytest.mark.parametrize("ahead, figures", [
    ("为做好2024年度预算编制，我局开展了部门整体支出绩效自评。", "2023年，我局"),  # a budget being prepared: next year's
    ("为科学编制2024年部门预算，我局开展了部门整体支出绩效自评。", "2023年，我局"),
    ("为做好2023年度部门整体支出绩效自评工作，我局成立了自评小组。", "全年我局"),  # the evaluation's own year
    ("我局在编制2023年度部门预算时设定了绩效目标。", "全年我局"),  # the evaluated year's budget, prepared before it
    # the year of the work arrangement the evaluation followed: the next; alone, the only year there is
    ("按照县财政局2024年预算绩效管理工作安排，我局对部门整体支出开展了自评。", "2023年，我局"),
    ("根据2024年度全面预算绩效管理工作要点，我局开展了自评。", "2023年度我局"),
    ("按照县财政局2023年预算绩效管理工作安排，我局对部门整体支出开展了自评。", "全年我局"),
    # the arrangement's year the evaluated one too, said again: the paragraph's year
])
def test_a_year_a_budget_is_prepared_for_is_not_the_reports(ahead, figures):
    rec = parse(f"示例松风县农业农村局部门整体支出绩效自评报告\n{ahead}\n一、部门整体支出情况\n"
                f"{figures}全年预算310.00万元，实际支出302.40万元，预算执行率97.55%。", paragraphs=True)
    assert rec.year == 2023 and rec.overall.actual is not None



def test_the_arrangements_year_said_again_as_the_evaluated_one_is_the_reports():
    rec = parse("示例松风县农业农村局部门整体支出绩效自评报告\n按照2023年预算绩效管理工作安排，现对2023年度部门整体支出开展绩效自评。\n"
                "一、部门基本情况\n2022年度绩效自评发现的问题已整改到位。\n二、部门整体支出情况\n"
                "全年我局全年预算310.00万元，实际支出302.40万元。", paragraphs=True)
    assert rec.year == 2023
